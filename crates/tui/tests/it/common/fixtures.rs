//! Fixed data for drawing tests (snapshots, resizes): a state with every list loaded,
//! Chinese and Latin names, UTC times.

use std::str::FromStr;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use pc_api::partner_center::Contract;
use pc_api::*;
use pc_tui::app::{Pane, Session, State};
use rust_decimal::Decimal;

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn session() -> Session {
    Session {
        profile: "demo".into(),
        partner_name: "华信云科技有限公司".into(),
        partner_kind: "distributor".into(),
        endpoint: "http://127.0.0.1:1".into(),
        read_only: false,
        demo: true,
        utc_offset_secs: 8 * 3600,
        colors: pc_core::terminal::ColorDepth::Ansi16,
        ascii: false,
        partner_center: Some(true),
        platform_id: Some("partner_console_demo".into()),
        ..Default::default()
    }
}

pub fn order(
    id: &str,
    customer: &str,
    service: &str,
    order_type: i32,
    status: i32,
    amount: &str,
    time: &str,
) -> CustomerOrder {
    CustomerOrder {
        order_id: id.into(),
        customer_id: customer.into(),
        service_type_code: "hws.service.type.ec2".into(),
        service_type_name: service.into(),
        source_type: 1,
        status,
        order_type,
        amount_after_discount: dec(amount),
        official_amount: dec(amount) + dec("10"),
        measure_id: 1,
        create_time: time.into(),
        currency: "CNY".into(),
        amount_info: Some(AmountInfo {
            discounts: vec![Discount {
                discount_type: "607".into(),
                discount_amount: dec("10"),
            }],
            ..Default::default()
        }),
        user_name: Some("acme_robotics".into()),
        pending_payment_end_time: Some("2026-11-30T03:00:00Z".into()),
        // The customer asked the partner to pay the first pending order only.
        agent_pay_info: (id == "CS-DEMO-OK-1").then(|| AgentPayInfo {
            paying_agent_id: Some("p1".into()),
            is_agent_pay: Some(true),
        }),
        ..Default::default()
    }
}

pub fn customer(
    account: &str,
    name: &str,
    association: &str,
    phone: Option<&str>,
    verified: &str,
) -> CustomerInfo {
    CustomerInfo {
        customer_id: format!("{account}-id"),
        account_name: account.into(),
        customer: Some(name.into()),
        associated_on: Some("2026-10-01T02:00:00Z".into()),
        association_type: Some(association.into()),
        telephone: phone.map(str::to_string),
        verified_status: Some(verified.into()),
        customer_level: Some("V2".into()),
        email: Some(format!("{account}@example.com")),
        ..Default::default()
    }
}

/// A state with every list loaded.
pub fn loaded() -> State {
    let mut s = State::new(
        session(),
        Duration::from_secs(30),
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap(),
    );
    s.size = (120, 30);
    s.orders.total = Some(250);
    s.orders.rows = vec![
        order(
            "CS-DEMO-OK-1",
            "350f03d1aa",
            "虚拟私有云",
            1,
            6,
            "15732",
            "2026-11-23T01:13:00Z",
        ),
        order(
            "CS-DEMO-QUOTA",
            "350f03d1aa",
            "弹性云服务器",
            1,
            6,
            "30.59",
            "2026-11-23T00:48:00Z",
        ),
        order(
            "CS2611220648001AB",
            "a570d6ebcc",
            "云数据库 RDS",
            14,
            3,
            "19228",
            "2026-11-22T06:48:00Z",
        ),
        order(
            "CS2611211248001A4",
            "8cb9aa4bdd",
            "Content Delivery",
            4,
            5,
            "2365.5",
            "2026-11-21T12:48:00Z",
        ),
    ];
    s.orders.selected = 1;
    // Two customers' names are known; the third is still being read (its id shows).
    s.names
        .learn("350f03d1aa", Some("杭州极光网络科技有限公司".into()));
    s.names
        .learn("a570d6ebcc", Some("Acme Robotics Ltd".into()));
    s.customers.total = Some(44);
    s.customers.rows = vec![
        customer(
            "jiguang_net",
            "杭州极光网络科技有限公司",
            "1",
            Some("13100000000"),
            "-1",
        ),
        customer(
            "acme_robotics",
            "Acme Robotics Ltd",
            "2",
            Some("14100007919"),
            "0",
        ),
        // Frozen: the name says so first.
        CustomerInfo {
            is_frozen: Some(1),
            ..customer("qinghe_edu", "上海青禾教育科技", "2", None, "2")
        },
    ];
    s.contracts.total = Some(2);
    s.contracts.rows = vec![
        contract(
            "HT-144F18-0001",
            "2026 云资源年度框架协议",
            "10000000",
            "10000000",
        ),
        contract(
            "HT-144F18-0002",
            "Managed Kubernetes rollout",
            "126000",
            "42000",
        ),
    ];
    s.resellers.total = Some(2);
    s.resellers.rows = vec![
        IndirectPartner {
            indirect_partner_id: "r1".into(),
            name: Some("云途信息技术有限公司".into()),
            account_name: Some("yuntu_it".into()),
            mobile_phone: Some("13600000010".into()),
            email: Some("yuntu_it@reseller.example".into()),
            account_manager_name: Some("王芳".into()),
            associated_on: Some("2025-10-19T00:00:00Z".into()),
            ..Default::default()
        },
        IndirectPartner {
            indirect_partner_id: "r2".into(),
            name: Some("Northwind Cloud Services".into()),
            account_name: Some("northwind_cloud".into()),
            account_manager_name: Some("Li Wei".into()),
            ..Default::default()
        },
    ];
    s.balances = Some(vec![
        balance(1, "500000"),
        balance(2, "100000"),
        balance(8, "300000"),
    ]);
    s.records.total = Some(1);
    s.records.rows = vec![AdjustRecord {
        customer_id: "r1".into(),
        customer_name: Some("云途信息技术有限公司".into()),
        operation_type: OP_ALLOCATE.into(),
        amount: "100.50".into(),
        currency: "CNY".into(),
        operation_time: "2026-11-23T01:00:00Z".into(),
        measure_id: 1,
        trans_id: "20261123010000ABCDEF".into(),
        ..Default::default()
    }];
    s.catalog.total = Some(2);
    s.catalog.rows = vec![
        ServiceType {
            service_type_name: "弹性云服务器".into(),
            service_type_code: "hws.service.type.ec2".into(),
            abbreviation: Some("ECS".into()),
        },
        ServiceType {
            service_type_name: "对象存储服务".into(),
            service_type_code: "hws.service.type.obs".into(),
            abbreviation: Some("OBS".into()),
        },
    ];
    // Renewals: one frozen, one in its grace period, two ahead (one renews itself).
    s.renewals.rows = vec![
        renewal(
            "350f03d1aa",
            "杭州极光网络科技有限公司",
            "rds-jiguang-net-01",
            "数据库实例",
            4,
            "2026-11-01T08:00:00Z",
            0,
        ),
        renewal(
            "a570d6ebcc",
            "Acme Robotics Ltd",
            "ecs-acme-robotics-02",
            "云服务器",
            5,
            "2026-11-18T08:00:00Z",
            1,
        ),
        renewal(
            "8cb9aa4bdd",
            "上海青禾教育科技",
            "evs-qinghe-edu-01",
            "云硬盘",
            2,
            "2026-11-26T08:00:00Z",
            3,
        ),
        renewal(
            "a570d6ebcc",
            "Acme Robotics Ltd",
            "cce-acme-robotics-01",
            "容器集群",
            2,
            "2026-12-20T08:00:00Z",
            0,
        ),
    ];
    s.renewals.total = Some(4);
    s.renewals_progress = Some(pc_core::renewals::Progress {
        read: 44,
        customers: 44,
        found: 4,
    });
    // Spending in November: two customers' totals read, the third's under way.
    s.spending.total = Some(3);
    s.spending.rows = ["350f03d1aa", "a570d6ebcc", "8cb9aa4bdd"]
        .iter()
        .map(|id| pc_core::query::Consumer {
            customer_id: id.to_string(),
            bill_cycle: "2026-11".into(),
        })
        .collect();
    s.filters.insert(Pane::Spending, "month:2026-11".into());
    s.totals.insert(
        ("2026-11".into(), "350f03d1aa".into()),
        Some(dec("10590.05")),
    );
    s.totals
        .insert(("2026-11".into(), "a570d6ebcc".into()), Some(dec("234")));
    s.health = pc_tui::app::Health::Ok(Duration::from_millis(6));
    s
}

/// A customer's November: three services, four lines, a year's trend.
pub fn spending_detail() -> pc_core::spending::Spending {
    let line = |service: &str, mode: i32, kind: i32, amount: &str, what: &str| FeeRecord {
        bill_cycle: "2026-11".into(),
        customer_id: "350f03d1aa".into(),
        service_type_name: service.into(),
        charging_mode: mode,
        bill_detail_type: kind,
        trade_time: "2026-11-30T00:00:00Z".into(),
        trade_id: format!("BL{what}"),
        resource_name: what.into(),
        payment_amount: dec(amount),
        ..Default::default()
    };
    let lines = vec![
        line(
            "弹性云服务器",
            3,
            5,
            "4950.92",
            "c7.xlarge.2.linux-jiguang-net",
        ),
        line("云容器引擎", 3, 5, "3472.07", "cce.s2.small-jiguang-net"),
        line("虚拟私有云", 3, 5, "1381.19", "19_bgp-jiguang-net"),
        line("弹性云服务器", 1, 1, "61.18", "ecs-jiguang-net-02"),
    ];
    // December 2025 to November 2026, the month asked for last.
    let trend = (0..12)
        .map(|m| {
            let cycle = if m == 0 {
                "2025-12".to_string()
            } else {
                format!("2026-{m:02}")
            };
            let total = if m == 11 {
                "9865.36".to_string()
            } else {
                format!("{}", 7000 + (m * 311) % 3000)
            };
            (cycle, dec(&total))
        })
        .collect();
    pc_core::spending::Spending {
        customer_id: "350f03d1aa".into(),
        name: "杭州极光网络科技有限公司".into(),
        month: pc_core::spending::Month {
            cycle: "2026-11".into(),
            total: dec("9865.36"),
            by_service: vec![
                ("弹性云服务器".into(), dec("5012.10")),
                ("云容器引擎".into(), dec("3472.07")),
                ("虚拟私有云".into(), dec("1381.19")),
            ],
            line_count: 4,
            lines,
        },
        trend,
    }
}

/// A resource to renew of `customer`, expiring at `expires`.
pub fn renewal(
    customer: &str,
    name: &str,
    resource: &str,
    kind: &str,
    status: i32,
    expires: &str,
    policy: i32,
) -> pc_core::renewals::Renewal {
    pc_core::renewals::Renewal {
        customer_id: customer.into(),
        customer_name: name.into(),
        resource: OrderInstance {
            id: format!("id-{resource}"),
            resource_id: format!("rid-{resource}"),
            resource_name: resource.into(),
            region_code: "cn-north-4".into(),
            service_type_code: "hws.service.type.ec2".into(),
            resource_type_name: kind.into(),
            service_type_name: kind.into(),
            status,
            expire_time: expires.into(),
            expire_policy: policy,
            ..Default::default()
        },
    }
}

pub fn contract(id: &str, name: &str, total: &str, paid: &str) -> Contract {
    Contract {
        contract_id: id.into(),
        contract_name: name.into(),
        customer_id: "c1".into(),
        customer_name: "pinecone_media".into(),
        sign_time: "2026-09-14T00:00:00Z".into(),
        effective_time: "2026-09-29T00:00:00Z".into(),
        expire_time: "2027-01-30T00:00:00Z".into(),
        total_amount: dec(total),
        paid_amount: dec(paid),
        status: if total == paid { "completed" } else { "active" }.into(),
        currency: "CNY".into(),
        // Unpaid: its next instalment was due on the 20th (the fixtures' day is the 23rd).
        next_due: (total != paid).then(|| "2026-11-20T00:00:00Z".into()),
    }
}

pub fn balance(account_type: i32, amount: &str) -> AccountBalance {
    AccountBalance {
        account_id: "a".into(),
        account_type,
        amount: dec(amount),
        currency: "CNY".into(),
        measure_id: 1,
        ..Default::default()
    }
}

pub fn to_pay(id: &str, amount: &str) -> pc_core::ops::OrderToPay {
    pc_core::ops::OrderToPay {
        order_id: id.into(),
        customer: "acme_robotics".into(),
        amount: dec(amount),
        status: 6,
        agent_pay: true,
        marketplace: false,
        ..Default::default()
    }
}

/// Paying two demo orders from the balance.
pub fn pay_two() -> pc_core::ops::Operation {
    pc_core::ops::Operation::PayOrders {
        orders: vec![
            to_pay("CS-DEMO-OK-1", "15732"),
            to_pay("CS-DEMO-QUOTA", "30.59"),
        ],
        method: pc_api::partner_center::PayMethod::Balance,
    }
}

/// The demo distributor's profile: codes on, both contacts, a Huawei Cloud entity with
/// a dedicated remittance account.
pub fn demo_profile() -> pc_api::partner_center::Profile {
    pc_api::partner_center::Profile {
        name: "华信云科技有限公司".into(),
        account_name: "huaxin_cloud".into(),
        partner_type: "distributor".into(),
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
        verification_enabled: true,
        contracting_entity: Some("华为云计算技术有限公司".into()),
        remittance_account: true,
    }
}

/// The pricing form for a monthly ECS (3 months × 2, 40 GB when `sized`) with its
/// quote: ¥1,380.00 less a ¥69.00 partner discount.
pub fn quoted_price_form(sized: bool) -> pc_tui::app::price::PriceForm {
    use pc_api::partner_center::{Spec, SpecsResp};
    use pc_tui::app::price::{Mode, PriceForm, Quote, Row};
    let spec = Spec {
        resource_type: "hws.resource.type.vm".into(),
        resource_spec: "s6.large.2.linux".into(),
        spec_desc: "2 vCPUs | 4 GiB | Linux".into(),
        usage_factor: "Duration".into(),
        usage_measure_id: 4,
        sized,
        on_demand: true,
        monthly: true,
        yearly: true,
    };
    PriceForm {
        service_code: "hws.service.type.ec2".into(),
        service_name: "弹性云服务器".into(),
        specs: Some(Ok(SpecsResp {
            regions: vec!["cn-north-4".into()],
            specs: vec![spec],
        })),
        loading: None,
        spec: 0,
        region: 0,
        mode: Mode::Monthly,
        length: "3".into(),
        quantity: "2".into(),
        size: "40".into(),
        filled: vec![],
        focus: Row::Length,
        rating: None,
        quote: Some(Ok(Quote {
            official: dec("1380.00"),
            discount: dec("69.00"),
            amount: dec("1311.00"),
            discounts: vec![("Partner-authorised discount".into(), dec("69.00"))],
        })),
    }
}

/// The verification modal over `s` for [`pay_two`]: a code sent by SMS, four digits
/// typed, `attempts_left`, 4:32 to expiry and 0:32 to a new code.
pub fn awaiting_code(
    s: &mut State,
    attempts_left: i32,
    error: Option<&str>,
) -> pc_tui::app::modal::Modal {
    use pc_api::partner_center::VerificationSetting;
    use pc_core::ops::{Funds, summarize};
    use pc_tui::app::modal::Modal;
    s.verification = Some(VerificationSetting {
        enabled: true,
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
    });
    let funds = s.balances.as_deref().map(Funds::from);
    let op = pay_two();
    Modal::AwaitingCode {
        summary: summarize(&op, funds, None),
        op,
        code: code_entry(s.now, "4829", 272, attempts_left, error, None),
    }
}

/// A code sent by SMS to 138****0001: `typed` in the box, `expires_in` seconds to
/// expiry and 32 to a new code, `resending` while a new one is asked for.
pub fn code_entry(
    now: chrono::DateTime<Utc>,
    typed: &str,
    expires_in: i64,
    attempts_left: i32,
    error: Option<&str>,
    resending: Option<u64>,
) -> pc_tui::app::modal::CodeEntry {
    use pc_api::partner_center::{Challenge, Channel};
    pc_tui::app::modal::CodeEntry {
        challenge: Challenge {
            challenge_id: "ch".into(),
            channel: Channel::Sms,
            masked_recipient: "138****0001".into(),
            expires_at: "2026-11-23T09:05:00Z".into(),
            resend_after: "2026-11-23T09:01:00Z".into(),
            expires_in: 300,
            resend_in: 60,
            attempts_left: 5,
        },
        input: tui_input::Input::new(typed.into()),
        attempts_left,
        expires_at: now + chrono::TimeDelta::seconds(expires_in),
        resend_at: now + chrono::TimeDelta::seconds(32),
        error: error.map(String::from),
        resending,
    }
}

/// Every cell of the frame at `w`×`h`, after the state heard of that size: the text a
/// terminal would be sent.
pub fn screen(state: &mut State, w: u16, h: u16) -> String {
    pc_tui::app::update(state, pc_tui::app::Msg::Resize(w, h));
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|f| pc_tui::ui::view(state, f))
        .expect("drawn");
    terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}
