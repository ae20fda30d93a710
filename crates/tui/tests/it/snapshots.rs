//! Snapshots of every pane, detail view, overlay and the too-small notice, drawn by the
//! real view on `TestBackend` from fixed data (Chinese and Latin names, UTC times).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pc_api::partner_center::{ContractDetailResp, PaymentPlan};
use pc_api::*;
use pc_core::terminal::ColorDepth;
use pc_mock::admin::OutboxMessage;
use pc_tui::app::{Detail, DetailData, Msg, Overlay, Pane, ResourceUsage, State, Toast, update};
use pc_tui::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common;

use common::fixtures::*;

fn draw(state: &State, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| view(state, f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn every_pane() {
    let mut s = loaded();
    for pane in Pane::ALL {
        s.pane = pane;
        insta::assert_snapshot!(
            format!("pane_{}", pane.title().to_lowercase()),
            draw(&s, 120, 30)
        );
    }
}

#[test]
fn panes_while_loading_empty_and_failed() {
    let mut s = loaded();
    s.orders.rows.clear();
    s.orders.pending = Some(1);
    insta::assert_snapshot!("orders_loading", draw(&s, 100, 14));
    s.orders.pending = None;
    s.orders.total = Some(0);
    s.filters.insert(Pane::Orders, "status:pending".into());
    insta::assert_snapshot!("orders_filtered_empty", draw(&s, 100, 14));
    s.orders.error = Some("cannot reach the backend: connection refused".into());
    s.health = pc_tui::app::Health::Error("cannot reach the backend".into());
    insta::assert_snapshot!("orders_failed", draw(&s, 100, 14));
}

/// Two pay-per-use resources, one frozen.
fn on_demand() -> Vec<pc_api::OnDemandResource> {
    let resource = |id: &str, service: &str, status: i32| pc_api::OnDemandResource {
        resource_id: id.into(),
        service_type_name: service.into(),
        region_code: "cn-north-4".into(),
        effective_time: "2026-03-14T08:00:00Z".into(),
        status,
        ..Default::default()
    };
    vec![
        resource("7b0e3c52-91f4-4d8e-a1c2-5f8a9d3e2b10", "弹性云服务器", 1),
        resource("c41d9a07-2e6b-4f3a-8c5d-0a9b8e7f6d21", "对象存储服务", 3),
    ]
}

#[test]
fn detail_views() {
    let mut s = loaded();
    let o = s.orders.rows[0].clone();
    let line = OrderLineItem {
        order_line_item_id: "l1".into(),
        order_id: o.order_id.clone(),
        product_spec_desc: "全动态BGP带宽 (per Mbps)".into(),
        period_type: 2,
        period_num: Some(12),
        subscription_num: 1,
        official_amount: dec("15742"),
        amount_after_discount: dec("15732"),
        currency: "CNY".into(),
        ..Default::default()
    };
    let details = [
        (
            "detail_order",
            DetailData::Order(
                Box::new(OrderDetailsResp {
                    total_count: 1,
                    order_info: o.clone(),
                    order_line_items: vec![line.clone()],
                }),
                vec![],
            ),
        ),
        (
            "detail_order_unsubscribed",
            DetailData::Order(
                Box::new(OrderDetailsResp {
                    total_count: 1,
                    order_info: CustomerOrder {
                        order_type: 4,
                        status: 5,
                        ..o
                    },
                    order_line_items: vec![line],
                }),
                vec![
                    RefundInfo {
                        id: "r-refund".into(),
                        amount: dec("-152.00"),
                        base_order_id: "CS2611011200001AB".into(),
                        service_type_name: "云硬盘".into(),
                        ..Default::default()
                    },
                    RefundInfo {
                        id: "r-fee".into(),
                        amount: dec("8.00"),
                        base_order_id: "CS2611011200001AB".into(),
                        service_type_name: "云硬盘".into(),
                        ..Default::default()
                    },
                ],
            ),
        ),
        (
            "detail_customer_reseller",
            DetailData::Customer(
                s.customers.rows[1].clone(),
                Some(CustomerBalance {
                    customer_id: "x".into(),
                    debt_amount: dec("0"),
                    amount: dec("1234.5"),
                    currency: "CNY".into(),
                    measure_id: 1,
                }),
                Ok((on_demand(), 2)),
            ),
        ),
        (
            "detail_customer_no_phone",
            DetailData::Customer(s.customers.rows[2].clone(), None, Ok((vec![], 0))),
        ),
        (
            "detail_contract",
            DetailData::Contract(Box::new(ContractDetailResp {
                contract: s.contracts.rows[1].clone(),
                payment_plans: vec![
                    PaymentPlan {
                        plan_id: "p1".into(),
                        installment: 1,
                        due_date: "2026-10-14T00:00:00Z".into(),
                        amount: dec("42000"),
                        status: "paid".into(),
                        paid_time: Some("2026-10-12T00:00:00Z".into()),
                    },
                    PaymentPlan {
                        plan_id: "p2".into(),
                        installment: 2,
                        due_date: "2026-11-20T00:00:00Z".into(),
                        amount: dec("42000"),
                        status: "overdue".into(),
                        paid_time: None,
                    },
                    PaymentPlan {
                        plan_id: "p3".into(),
                        installment: 3,
                        due_date: "2027-01-04T00:00:00Z".into(),
                        amount: dec("42000"),
                        status: "due".into(),
                        paid_time: None,
                    },
                ],
            })),
        ),
        (
            "detail_reseller",
            DetailData::Reseller(
                s.resellers.rows[0].clone(),
                vec![balance(1, "20000")],
                s.records.rows.clone(),
                vec![pc_api::IssuedQuota {
                    quota_id: "QUOTA-R1".into(),
                    quota_value: dec("5000"),
                    balance: dec("3750"),
                    quota_status: 0,
                    expire_time: "2027-10-04T00:00:00Z".into(),
                    ..Default::default()
                }],
            ),
        ),
        (
            "detail_service",
            DetailData::Service(
                s.catalog.rows[0].clone(),
                vec![ResourceUsage {
                    resource: ServiceResourceBasicInfo {
                        resource_type_code: "hws.resource.type.vm".into(),
                        product_owner_service: None,
                        name: "云服务器".into(),
                        description: None,
                    },
                    usage_types: vec![UsageType {
                        code: "Duration".into(),
                        name: "时长".into(),
                        resource_type_code: "hws.resource.type.vm".into(),
                        service_type_code: "hws.service.type.ec2".into(),
                        ..Default::default()
                    }],
                }],
                vec![
                    MeasureUnit {
                        measure_id: 1,
                        measure_name: "元".into(),
                        abbreviation: "元".into(),
                        measure_type: 1,
                    },
                    MeasureUnit {
                        measure_id: 4,
                        measure_name: "小时".into(),
                        abbreviation: "hour".into(),
                        measure_type: 2,
                    },
                    MeasureUnit {
                        measure_id: 10,
                        measure_name: "GB".into(),
                        abbreviation: "GB".into(),
                        measure_type: 3,
                    },
                ],
            ),
        ),
    ];
    for (name, data) in details {
        s.detail = Some(Detail::Ready(Box::new(data)));
        insta::assert_snapshot!(name, draw(&s, 100, 24));
    }
    s.detail = Some(Detail::Failed {
        title: "Order CS-NOPE".into(),
        error: "CBC.0101: Order CS-NOPE does not exist.".into(),
    });
    insta::assert_snapshot!("detail_failed", draw(&s, 100, 12));
}

#[test]
fn overlays_and_toasts() {
    let mut s = loaded();
    s.overlay = Some(Overlay::Help);
    insta::assert_snapshot!("help_orders", draw(&s, 100, 40));
    let at_80x24 = draw(&s, 80, 24);
    assert!(
        at_80x24.contains("Any key closes this help."),
        "the help fits 80x24:\n{at_80x24}"
    );
    insta::assert_snapshot!("help_80x24", at_80x24);
    s.overlay = None;
    update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE)),
    );
    update(&mut s, Msg::Paste("status:pending".into()));
    insta::assert_snapshot!("filter_input", draw(&s, 100, 12));
    s.overlay = Some(Overlay::Command(tui_input::Input::new(
        "customers 华信".into(),
    )));
    insta::assert_snapshot!("command_input", draw(&s, 100, 12));
    s.overlay = None;
    let now = s.now;
    s.toasts.push(Toast {
        text: "SMS to 138****0001: 482913 (demo)".into(),
        error: false,
        until: now + chrono::TimeDelta::seconds(5),
    });
    s.toasts.push(Toast { text: "Unknown status \"paid\": use one of review, refund, processing, cancelled, completed, pending".into(), error: true, until: now + chrono::TimeDelta::seconds(5) });
    insta::assert_snapshot!("toasts", draw(&s, 100, 16));
    // With the code's modal open at 80×24: the toasts have their own band, so the demo
    // code shows and the modal is whole.
    s.modal = Some(awaiting_code(&mut s, 5, None));
    let small = draw(&s, 80, 24);
    assert!(
        small.contains("SMS to 138****0001: 482913 (demo)"),
        "{small}"
    );
    assert!(small.contains("Esc cancel"), "the modal's footer:\n{small}");
    insta::assert_snapshot!("toasts_over_modal_80x24", small);
    s.modal = None;
    s.toasts.clear();
    s.inbox.push(OutboxMessage {
        id: 1,
        partner_id: None,
        channel: "sms".into(),
        recipient: "13800000001".into(),
        body: "[Huawei Cloud] Your registration verification code is 482913, valid for 10 minutes."
            .into(),
        created_at: "2026-11-23T01:02:03Z".into(),
    });
    s.overlay = Some(Overlay::Inbox);
    insta::assert_snapshot!("inbox", draw(&s, 100, 12));
}

#[test]
fn contracts_on_a_bss_only_backend() {
    let mut s = loaded();
    s.partner_center = Some(false);
    s.pane = Pane::Contracts;
    insta::assert_snapshot!("contracts_bss_only", draw(&s, 100, 12));
}

#[test]
fn funds_on_the_international_site() {
    // Its API has no partner funds: the pane says so and where to look, in both
    // languages, at 80×24 and 120×36.
    let mut s = loaded();
    s.session.site = pc_api::site::Site::Intl;
    s.balances = None;
    s.pane = Pane::Funds;
    insta::assert_snapshot!("funds_intl_80x24", draw(&s, 80, 24));
    insta::assert_snapshot!("funds_intl_120x36", draw(&s, 120, 36));
    pc_core::i18n::with_locale(pc_core::i18n::Locale::ZhCn, || {
        insta::assert_snapshot!("funds_intl_80x24_zh_cn", draw(&s, 80, 24));
    });
}

#[test]
fn small_terminals_get_a_notice_and_never_panic() {
    let s = loaded();
    insta::assert_snapshot!("too_small", draw(&s, 40, 10));
    for (w, h) in [
        (1, 1),
        (2, 30),
        (300, 1),
        (59, 12),
        (60, 11),
        (60, 12),
        (300, 100),
    ] {
        draw(&s, w, h);
    }
}

#[test]
fn monochrome_marks_state_in_text() {
    let mut s = loaded();
    s.session.colors = ColorDepth::None;
    let mut terminal = Terminal::new(TestBackend::new(100, 12)).unwrap();
    terminal.draw(|f| view(&s, f)).unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "no colour under NO_COLOR"
    );
    let text = terminal.backend().to_string();
    assert!(
        text.contains("[2 Orders]"),
        "the active tab is marked in text"
    );
    assert!(
        text.contains("▶ CS-DEMO-QUOTA"),
        "the selected row is marked in text"
    );
}

/// The colours of every cell of the Orders pane (with a toast and an error) at `depth`.
fn colors_at(depth: ColorDepth) -> Vec<ratatui::style::Color> {
    let mut s = loaded();
    s.session.colors = depth;
    s.health = pc_tui::app::Health::Error("cannot reach the backend".into());
    s.toasts.push(Toast {
        text: "Unknown status \"paid\"".into(),
        error: true,
        until: s.now + chrono::TimeDelta::seconds(5),
    });
    let mut terminal = Terminal::new(TestBackend::new(100, 16)).unwrap();
    terminal.draw(|f| view(&s, f)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().flat_map(|c| [c.fg, c.bg]).collect()
}

#[test]
fn colours_follow_the_terminal_depth() {
    use ratatui::style::Color;
    let none = colors_at(ColorDepth::None);
    assert!(none.iter().all(|c| *c == Color::Reset), "{none:?}");
    let named = colors_at(ColorDepth::Ansi16);
    assert!(named.iter().any(|c| *c != Color::Reset));
    assert!(
        named
            .iter()
            .all(|c| !matches!(c, Color::Indexed(_) | Color::Rgb(..))),
        "only the 16 named colours"
    );
    for depth in [ColorDepth::Ansi256, ColorDepth::TrueColor] {
        let rich = colors_at(depth);
        assert!(rich.iter().any(|c| matches!(c, Color::Indexed(_))));
        assert!(
            rich.iter().all(|c| !matches!(c, Color::Rgb(..))),
            "{depth:?}: no 24-bit colours"
        );
    }
}

/// No box drawing or block element anywhere in `screen`.
fn assert_plain(screen: &str) {
    let drawn: Vec<char> = screen
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .collect();
    assert!(
        drawn.is_empty(),
        "box drawing in ASCII mode: {drawn:?}\n{screen}"
    );
}

/// `--ascii`: the Orders pane, the verification modal, a form's cursor and the
/// invitation's QR code without box drawing or block elements.
#[test]
fn ascii_borders() {
    use pc_api::partner_center::*;
    use pc_tui::app::modal::Modal;

    let mut s = loaded();
    s.session.ascii = true;
    s.balances = Some(vec![balance(1, "500000"), balance(8, "300000")]);
    let orders = draw(&s, 100, 14);
    assert_plain(&orders);
    assert!(orders.contains("+ 2 Orders"), "{orders}");
    insta::assert_snapshot!("ascii_orders", orders);

    s.modal = Some(awaiting_code(&mut s, 5, None));
    let modal = draw(&s, 100, 30);
    assert_plain(&modal);
    assert!(
        modal.contains("Code sent by SMS to 138****0001."),
        "{modal}"
    );
    insta::assert_snapshot!("ascii_modal_awaiting_code", modal);

    // A form's text cursor.
    s.modal = Some(Modal::Entry {
        draft: pc_tui::app::modal::Draft::Transfer {
            to: TransferTarget::CustomerRecall,
            target_id: "c1".into(),
            target_name: "acme_robotics".into(),
            limit: Some(dec("1200")),
        },
        input: tui_input::Input::new("100.5".into()),
        error: None,
        selected: false,
        first: None,
    });
    let entry = draw(&s, 100, 16);
    assert_plain(&entry);
    assert!(entry.contains("Amount ¥ 100.5|"), "{entry}");

    // The invitation: one row of blank cells per module, two cells a module.
    s.modal = None;
    s.pane = Pane::Customers;
    s.overlay = Some(Overlay::Invite);
    let link = "https://partner.huaweicloud.example/associate/4f2a1c9be07d";
    s.invitation = Some(Ok(Invitation {
        code: "4f2a1c9be07d".into(),
        link: link.into(),
    }));
    let invite = draw(&s, 120, 50);
    assert_plain(&invite);
    assert!(invite.contains(link), "{invite}");
    assert!(draw(&s, 120, 40).contains("enlarge the terminal"));
    let modules = qrcode::QrCode::new(link.as_bytes()).unwrap().width() + 8;
    for colored in [true, false] {
        let rows = pc_tui::ui::invite::qr_ascii_lines(link, colored).unwrap();
        assert_eq!(rows.len(), modules);
        for row in &rows {
            assert_eq!(row.width(), 2 * modules);
            assert!(row.spans.iter().all(|span| span.content.trim().is_empty()));
        }
    }
    let dark = pc_tui::ui::invite::qr_modules(link).unwrap();
    assert!(dark[0].iter().all(|d| !d), "the quiet zone is light");
    assert!(dark[4][4], "the finder pattern's corner is dark");
}

/// Every state of the verification modal, and the Orders selection and History rows.
#[test]
fn modal_states() {
    use pc_api::partner_center::*;
    use pc_core::ops::{Funds, Operation, summarize};
    use pc_tui::app::modal::{Draft, ExecOutcome, Failure, ItemResult, Modal};

    let mut s = loaded();
    s.balances = Some(vec![
        balance(1, "500000"),
        balance(8, "300000"),
        balance(2, "100000"),
    ]);
    s.verification = Some(VerificationSetting {
        enabled: true,
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
    });
    let funds = Some(Funds::from(s.balances.as_deref().unwrap()));
    let pay_two = Operation::PayOrders {
        orders: vec![
            to_pay("CS-DEMO-OK-1", "15732"),
            to_pay("CS-DEMO-QUOTA", "30.59"),
        ],
        method: PayMethod::Balance,
    };
    let confirm = |op: &Operation, limit| Modal::Confirm {
        op: op.clone(),
        summary: summarize(op, funds, limit),
        channel: Channel::Sms,
        error: None,
    };
    s.modal = Some(confirm(&pay_two, None));
    insta::assert_snapshot!("modal_confirm_pay", draw(&s, 100, 30));

    let too_much = Operation::Transfer {
        to: TransferTarget::ResellerRecall,
        target_id: "r1".into(),
        target_name: "Northwind Cloud Services".into(),
        amount: dec("9000"),
    };
    s.modal = Some(confirm(&too_much, Some(dec("1200"))));
    insta::assert_snapshot!("modal_confirm_problem", draw(&s, 100, 30));

    s.modal = Some(Modal::Entry {
        draft: Draft::AdjustPrice {
            order_id: "CS-DEMO-OK-5".into(),
            pricing: OrderPricing {
                order_id: "CS-DEMO-OK-5".into(),
                status: 6,
                unit_price: dec("95"),
                catalog_unit_price: dec("100"),
                floor_unit_price: dec("70"),
                quantity: 2,
                periods: 3,
                amount: dec("570"),
                official_amount: dec("600"),
            },
        },
        input: tui_input::Input::new("65".into()),
        error: Some("The unit price must be between the floor price ¥70.00 and the catalogue price ¥100.00.".into()),
        selected: false,
    first: None,
    });
    insta::assert_snapshot!("modal_entry_price", draw(&s, 100, 30));

    s.modal = Some(Modal::Entry {
        draft: Draft::Transfer {
            to: TransferTarget::CustomerRecall,
            target_id: "c1".into(),
            target_name: "acme_robotics".into(),
            limit: Some(dec("1200")),
        },
        input: tui_input::Input::new("100.5".into()),
        error: None,
        selected: false,
        first: None,
    });
    insta::assert_snapshot!("modal_entry_transfer", draw(&s, 100, 16));
    s.modal = Some(Modal::Loading {
        title: "Adjust the price of CS-DEMO-OK-5".into(),
        request: 1,
    });
    insta::assert_snapshot!("modal_loading", draw(&s, 100, 12));
    s.modal = Some(Modal::CodeRequested {
        op: pay_two.clone(),
        summary: summarize(&pay_two, funds, None),
        channel: Channel::Email,
        request: 2,
    });
    insta::assert_snapshot!("modal_code_requested", draw(&s, 100, 24));

    s.modal = Some(awaiting_code(
        &mut s,
        3,
        Some("The verification code is wrong: 3 attempts left. Check the code and enter it again."),
    ));
    insta::assert_snapshot!("modal_awaiting_code", draw(&s, 100, 30));

    s.modal = Some(Modal::Submitting {
        op: pay_two.clone(),
        request_id: "r".into(),
        code: None,
    });
    insta::assert_snapshot!("modal_submitting", draw(&s, 100, 16));

    s.modal = Some(Modal::Done {
        op: pay_two.clone(),
        outcome: ExecOutcome::Applied(vec![
            ItemResult {
                subject: "CS-DEMO-OK-1".into(),
                ok: true,
                detail: "paid ¥15,732.00 — transaction PAY20261123090000ABCDEF".into(),
                code: None,
                amount: None,
            },
            ItemResult {
                subject: "CS-DEMO-QUOTA".into(),
                ok: false,
                detail: "quota".into(),
                code: Some(pc_api::error::codes::QUOTA_INSUFFICIENT_PAY.into()),
                amount: None,
            },
        ]),
    });
    insta::assert_snapshot!("modal_done_batch", draw(&s, 100, 20));

    s.modal = Some(Modal::Done {
        op: too_much.clone(),
        outcome: ExecOutcome::Failed(Failure::refused(
            "CBC.99005003",
            "Insufficient balance: the reseller's balance is 1200.00 yuan.",
        )),
    });
    insta::assert_snapshot!("modal_done_failed", draw(&s, 100, 16));

    s.modal = Some(Modal::Done {
        op: pay_two.clone(),
        outcome: ExecOutcome::Unknown("the backend did not answer within 15s".into()),
    });
    insta::assert_snapshot!("modal_done_unknown", draw(&s, 100, 16));

    s.verification.as_mut().unwrap().enabled = false;
    let on = Operation::SetVerification { enabled: true };
    s.modal = Some(confirm(&on, None));
    insta::assert_snapshot!("modal_confirm_verification_on", draw(&s, 100, 16));

    // Every modal state at the smallest size the console draws, and a few odd ones.
    let states = [
        confirm(&pay_two, None),
        confirm(&too_much, Some(dec("1200"))),
        Modal::Submitting {
            op: pay_two.clone(),
            request_id: "r".into(),
            code: None,
        },
        Modal::Done {
            op: too_much.clone(),
            outcome: ExecOutcome::Unverifiable("check the adjust records (Funds, 5)".into()),
        },
    ];
    for m in states {
        s.modal = Some(m);
        for (w, h) in [(60, 12), (61, 13), (80, 24), (300, 100), (1, 1)] {
            draw(&s, w, h);
        }
    }

    // The selection marks on Orders, and History with entries.
    s.modal = None;
    s.selection = vec![s.orders.rows[0].clone(), s.orders.rows[1].clone()];
    insta::assert_snapshot!("orders_selected", draw(&s, 100, 12));
    s.pane = Pane::History;
    s.history.total = Some(2);
    s.history.rows = vec![
        pc_core::audit::AuditEntry {
            time: "2026-11-23T01:05:00Z".into(),
            profile: "demo".into(),
            partner: "华信云科技有限公司".into(),
            operation: "pay_orders".into(),
            target: "CS-DEMO-OK-1,CS-DEMO-QUOTA".into(),
            name: Some("杭州极光网络科技有限公司".into()),
            amount: Some(dec("15762.59")),
            request_id: "5f0c4e2a-0000-4000-8000-000000000001".into(),
            outcome: "partly applied (1 of 2): CS-DEMO-QUOTA CBC.99003142".into(),
        },
        pc_core::audit::AuditEntry {
            time: "2026-11-23T01:00:00Z".into(),
            profile: "demo".into(),
            partner: "华信云科技有限公司".into(),
            operation: "reseller_allocate".into(),
            target: "9a1b…".into(),
            name: Some("云途信息技术有限公司".into()),
            amount: Some(dec("100.5")),
            request_id: "5f0c4e2a-0000-4000-8000-000000000002".into(),
            outcome: "applied".into(),
        },
    ];
    insta::assert_snapshot!("pane_history_entries", draw(&s, 120, 14));
    insta::assert_snapshot!("pane_history_entries_80x24", draw(&s, 80, 24));
}

#[test]
fn funds_overlays() {
    use pc_api::partner_center::{Agreement, RechargeAccount};
    let mut s = loaded();
    s.pane = Pane::Funds;
    s.overlay = Some(Overlay::Recharge);
    s.recharge = Some(Ok(RechargeAccount {
        account_name: "华信云科技有限公司".into(),
        bank_name: "中国工商银行北京分行营业部 (ICBC Beijing Branch)".into(),
        account_number: "1100123456789012345".into(),
        currency: "CNY".into(),
        remark: "Dedicated to your account: a transfer to it is credited to your balance within one working day, with no remark needed.".into(),
    }));
    insta::assert_snapshot!("overlay_recharge", draw(&s, 100, 20));
    s.overlay = Some(Overlay::Agreements(0));
    s.agreements = Some(Ok(vec![
        Agreement {
            agreement_id: "AG-4F2A1C-1".into(),
            name: "代付协议 2025".into(),
            status: "valid".into(),
            signed_at: "2025-10-19T09:00:00Z".into(),
            voided_at: None,
        },
        Agreement {
            agreement_id: "AG-4F2A1C-2".into(),
            name: "代付协议 2024".into(),
            status: "voided".into(),
            signed_at: "2024-09-14T09:00:00Z".into(),
            voided_at: Some("2025-09-14T09:00:00Z".into()),
        },
    ]));
    insta::assert_snapshot!("overlay_agreements", draw(&s, 100, 16));
    s.pane = Pane::Customers;
    s.overlay = Some(Overlay::Invite);
    s.invitation = Some(Ok(pc_api::partner_center::Invitation {
        code: "4f2a1c9be07d".into(),
        link: "https://partner.huaweicloud.example/associate/4f2a1c9be07d".into(),
    }));
    insta::assert_snapshot!("overlay_invite", draw(&s, 120, 40));
    let small = draw(&s, 80, 24);
    assert!(small.contains("enlarge the terminal"), "{small}");
    // The drawn code is the link's QR code: as many rows as its modules need (with the
    // quiet zone, two modules a row), as wide as its modules.
    let code =
        qrcode::QrCode::new(b"https://partner.huaweicloud.example/associate/4f2a1c9be07d").unwrap();
    let rows = pc_tui::ui::invite::qr_lines(
        "https://partner.huaweicloud.example/associate/4f2a1c9be07d",
        false,
    )
    .unwrap();
    // Without colours the light modules are the blocks: the quiet zone is solid.
    let inverted = pc_tui::ui::invite::qr_lines(
        "https://partner.huaweicloud.example/associate/4f2a1c9be07d",
        true,
    )
    .unwrap();
    assert!(inverted[0].chars().all(|c| c == '█'), "{}", inverted[0]);
    assert!(rows[0].chars().all(|c| c == ' '));
    let modules = code.width() + 8;
    assert_eq!(rows.len(), modules.div_ceil(2));
    assert!(rows.iter().all(|r| r.chars().count() == modules));
}

#[test]
fn profile_overlay_and_password_entry() {
    use pc_tui::app::modal::{Draft, Modal, ProfileField};
    let mut s = loaded();
    s.overlay = Some(Overlay::Profile);
    s.profile = Some(Ok(demo_profile()));
    insta::assert_snapshot!("overlay_profile", draw(&s, 100, 18));
    s.overlay = None;
    s.modal = Some(Modal::Entry {
        draft: Draft::Profile {
            field: ProfileField::Password,
            account_name: "huaxin_cloud".into(),
        },
        input: tui_input::Input::new("-Secret99".into()),
        error: None,
        selected: false,
        first: None,
    });
    let screen = draw(&s, 100, 14);
    assert!(
        !screen.contains("Secret99"),
        "the password is never on screen"
    );
    insta::assert_snapshot!("modal_entry_password", screen);
}

fn press(s: &mut State, c: KeyCode) -> Vec<pc_tui::app::Command> {
    update(s, Msg::Key(KeyEvent::new(c, KeyModifiers::NONE)))
}

fn type_in(s: &mut State, text: &str) {
    for c in text.chars() {
        press(s, KeyCode::Char(c));
    }
}

/// Answers the availability checks the form sends once typing pauses.
fn answer_checks(s: &mut State, used: bool) {
    let now = s.now + chrono::TimeDelta::seconds(1);
    for c in update(s, Msg::Tick(now)) {
        if let pc_tui::app::Command::CheckIdentity { request, .. } = c {
            let result = Ok(CheckUserIdentityResp {
                check_result: Some(if used { "used_by_user" } else { "available" }.into()),
                mobile_remain_available_num: Some(0),
                ..Default::default()
            });
            update(s, Msg::IdentityChecked { request, result });
        }
    }
}

#[test]
fn lifecycle_forms() {
    use pc_api::partner_center::{AssociationStatus, SwitchRequest};
    use pc_tui::app::modal::{Draft, Modal};

    // The Customers list marks a switch waiting for the customer's answer.
    let mut s = loaded();
    s.pane = Pane::Customers;
    let first = s.customers.rows[0].clone();
    s.switches = Some(vec![SwitchRequest {
        switch_id: "SW3F9A1C20B7D4E6".into(),
        customer_id: first.customer_id.clone(),
        account_name: first.account_name.clone(),
        from_type: "1".into(),
        to_type: "2".into(),
        reason: "Resells our services".into(),
        status: "pending".into(),
        requested_at: "2026-11-23T08:30:00Z".into(),
        answered_at: None,
    }]);
    insta::assert_snapshot!("customers_switch_pending", draw(&s, 100, 20));

    // The switch entry: notice, reason, and every blocker the backend reported.
    let status = AssociationStatus {
        customer_id: first.customer_id.clone(),
        account_name: first.account_name.clone(),
        association_type: "2".into(),
        reserved_instances_until: Some("2027-06-01T00:00:00Z".into()),
        enterprise_link: Some("master".into()),
        balance: dec("1250.50"),
        pending: None,
    };
    s.modal = Some(Modal::Entry {
        draft: Draft::Switch(Box::new(status)),
        input: tui_input::Input::new("Customer buys directly now".into()),
        error: None,
        selected: false,
        first: None,
    });
    insta::assert_snapshot!("modal_switch_blocked", draw(&s, 100, 24));
    s.modal = None;
    s.switches = None;

    // The new-customer form: a free name, a phone already used, then the code sent.
    press(&mut s, KeyCode::Char('n'));
    type_in(&mut s, "new_co_2026");
    answer_checks(&mut s, false);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "13912345678");
    answer_checks(&mut s, true);
    press(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("form_new_customer_taken_phone", draw(&s, 100, 24));

    // No phone: the warning; a malformed e-mail is marked at once.
    let mut s = loaded();
    s.pane = Pane::Customers;
    press(&mut s, KeyCode::Char('n'));
    type_in(&mut s, "quiet_co");
    answer_checks(&mut s, false);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "ops@");
    insta::assert_snapshot!("form_new_customer_no_phone", draw(&s, 100, 24));

    // With a phone: the code sent, its field, typed as dots.
    let mut s = loaded();
    s.pane = Pane::Customers;
    press(&mut s, KeyCode::Char('n'));
    type_in(&mut s, "new_co_2026");
    answer_checks(&mut s, false);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "13912345678");
    answer_checks(&mut s, false);
    let request = press(&mut s, KeyCode::Enter)
        .into_iter()
        .find_map(|c| match c {
            pc_tui::app::Command::SendCustomerCode { request, .. } => Some(request),
            _ => None,
        })
        .expect("a code is sent");
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    type_in(&mut s, "4829");
    insta::assert_snapshot!("form_new_customer_code", draw(&s, 100, 24));
    assert!(matches!(s.overlay, Some(Overlay::NewCustomer(_))));

    // The international site: by e-mail, with the country; the code sent there.
    let mut s = loaded();
    s.session.site = pc_api::site::Site::Intl;
    s.balances = None;
    s.pane = Pane::Customers;
    press(&mut s, KeyCode::Char('n'));
    type_in(&mut s, "intl_co_2026");
    answer_checks(&mut s, false);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "ops@intl.example");
    answer_checks(&mut s, false);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "MX");
    insta::assert_snapshot!("form_new_customer_intl_80x24", draw(&s, 80, 24));
    let request = press(&mut s, KeyCode::Enter)
        .into_iter()
        .find_map(|c| match c {
            pc_tui::app::Command::SendCustomerCode { request, .. } => Some(request),
            _ => None,
        })
        .expect("a code is sent");
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    insta::assert_snapshot!("form_new_customer_intl_code_120x36", draw(&s, 120, 36));
    pc_core::i18n::with_locale(pc_core::i18n::Locale::ZhCn, || {
        insta::assert_snapshot!("form_new_customer_intl_code_zh_cn", draw(&s, 80, 24));
    });
}

#[test]
fn pricing_form_with_a_quote() {
    let mut s = loaded();
    s.pane = Pane::Catalog;
    s.overlay = Some(Overlay::Price(Box::new(quoted_price_form(false))));
    insta::assert_snapshot!("form_pricing_quote", draw(&s, 100, 24));
}

#[test]
fn realname_forms_opinions_and_the_customer_console() {
    use pc_core::ops::{Operation, Secret};
    use pc_tui::app::modal::{ExecOutcome, ItemResult, Modal};
    use pc_tui::app::{Detail, DetailData};

    // A bank card: a resident ID whose check digit is wrong is marked as typed.
    let mut s = loaded();
    s.pane = Pane::Customers;
    s.customers.rows[0].verified_status = Some("-1".into());
    press(&mut s, KeyCode::Char('v'));
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "张伟");
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "110105194912310021");
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "6222020200112233445");
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "13912345678");
    press(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("form_realname_bank_card_bad_id", draw(&s, 100, 24));
    // Fixed; the code sent to the phone at the bank, typed as dots.
    press(&mut s, KeyCode::Backspace);
    type_in(&mut s, "X");
    // The customer's name reads as a company's: warned of once before anything is sent.
    assert!(press(&mut s, KeyCode::Enter).is_empty());
    insta::assert_snapshot!("form_realname_company_warning", draw(&s, 100, 24));
    let request = press(&mut s, KeyCode::Enter)
        .into_iter()
        .find_map(|c| match c {
            pc_tui::app::Command::SendCustomerCode { request, .. } => Some(request),
            _ => None,
        })
        .expect("a code is sent");
    update(
        &mut s,
        Msg::RegistrationCode {
            request,
            result: Ok(()),
        },
    );
    type_in(&mut s, "4829");
    insta::assert_snapshot!("form_realname_bank_card_code", draw(&s, 100, 24));
    // Enter: the summary before anything is sent, numbers shown by their last four.
    type_in(&mut s, "13");
    press(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("modal_realname_summary", draw(&s, 100, 24));

    // An enterprise with its legal representative: the images must be three.
    let mut s = loaded();
    s.pane = Pane::Customers;
    s.customers.rows[0].verified_status = Some("1".into());
    press(&mut s, KeyCode::Char('v'));
    press(&mut s, KeyCode::Left);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "91350100M000100Y43");
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "licence.pdf");
    press(&mut s, KeyCode::Tab);
    type_in(&mut s, "王芳");
    insta::assert_snapshot!("form_realname_enterprise", draw(&s, 100, 24));

    // The reviewer's opinion under the list, and in the detail with the console link.
    let mut s = loaded();
    s.pane = Pane::Customers;
    s.customers.rows[0].verified_status = Some("1".into());
    let id = s.customers.rows[0].customer_id.clone();
    update(
        &mut s,
        Msg::Review {
            customer_id: id,
            result: Ok(pc_api::RealnameReviewResp {
                review_result: Some(1),
                opinion: Some("The ID photo is blurred: upload a clearer one.".into()),
            }),
        },
    );
    insta::assert_snapshot!("customers_realname_opinion", draw(&s, 100, 16));
    let row = s.customers.rows[0].clone();
    s.detail = Some(Detail::Ready(Box::new(DetailData::Customer(
        row,
        None,
        Ok((vec![], 0)),
    ))));
    insta::assert_snapshot!("detail_customer_rejected", draw(&s, 120, 24));

    // A new customer: where single sign-on into its console happens.
    s.detail = None;
    s.modal = Some(Modal::Done {
        op: Operation::CreateCustomer {
            account_name: "new_co_2026".into(),
            phone: None,
            email: None,
            xaccount_id: "x-new_co_2026".into(),
            xaccount_type: "partner_console_demo".into(),
            code: Secret::default(),
            domain_area: None,
            referral: false,
            reseller: None,
        },
        outcome: ExecOutcome::Applied(vec![ItemResult {
            subject: "Create the customer new_co_2026".into(),
            ok: true,
            detail: "customer new_co_2026 created (id 4f1c9e)".into(),
            code: None,
            amount: None,
        }]),
    });
    insta::assert_snapshot!("modal_created_customer_console", draw(&s, 100, 20));

    // Funds for a partner contracted outside Huawei Cloud.
    let mut s = loaded();
    s.pane = Pane::Funds;
    s.profile = Some(Ok(pc_api::partner_center::Profile {
        name: "Brightpath Solutions Ltd".into(),
        account_name: "brightpath".into(),
        partner_type: "solution_provider".into(),
        phone: Some("139****0002".into()),
        email: None,
        verification_enabled: true,
        contracting_entity: Some("Huawei Technologies (Malaysia) Sdn. Bhd.".into()),
        remittance_account: false,
    }));
    insta::assert_snapshot!("funds_recharge_through_channel_manager", draw(&s, 140, 20));
}

/// The same screens in Simplified Chinese (`locale = "zh-CN"`): the chrome, the column
/// headers, the help and the verification modal change language; names, ids and amounts
/// stay as they are, and the columns still line up.
#[test]
fn simplified_chinese() {
    use pc_core::i18n::{Locale, with_locale};

    with_locale(Locale::ZhCn, || {
        let mut s = loaded();
        let orders = draw(&s, 120, 30);
        for words in ["[2 订单]", "订单号", "待支付", "余额 ¥500,000.00", "? 帮助"] {
            assert!(orders.contains(words), "{words}:\n{orders}");
        }
        insta::assert_snapshot!("pane_orders_zh_cn", orders);

        s.overlay = Some(Overlay::Help);
        let help = draw(&s, 100, 40);
        assert!(help.contains("按任意键关闭帮助。"), "{help}");
        insta::assert_snapshot!("help_orders_zh_cn", help);
        s.overlay = None;

        insta::assert_snapshot!("too_small_zh_cn", draw(&s, 40, 10));

        s.modal = Some(awaiting_code(&mut s, 3, None));
        let modal = draw(&s, 100, 30);
        for words in [
            "代客户支付 2 个订单",
            "验证码已通过短信发送至 138****0001。",
            "还可尝试 3 次",
        ] {
            assert!(modal.contains(words), "{words}:\n{modal}");
        }
        insta::assert_snapshot!("modal_awaiting_code_zh_cn", modal);
    });
    // Back in English on this thread.
    assert!(draw(&loaded(), 120, 30).contains("[2 Orders]"));
}

/// At 80×24 (an SSH session's default) and 120×36, in both languages: every id on screen
/// is whole; the other columns give way, and what they cut ends in `…`.
#[test]
fn every_pane_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            for pane in Pane::ALL {
                s.pane = pane;
                for (w, h) in [(80, 24), (120, 36)] {
                    let screen = draw(&s, w, h);
                    let ids: Vec<String> = match pane {
                        Pane::Orders => s.orders.rows.iter().map(|o| o.order_id.clone()).collect(),
                        Pane::Customers => s
                            .customers
                            .rows
                            .iter()
                            .map(|c| c.account_name.clone())
                            .collect(),
                        Pane::Contracts => s
                            .contracts
                            .rows
                            .iter()
                            .map(|c| c.contract_id.clone())
                            .collect(),
                        Pane::Catalog => s
                            .catalog
                            .rows
                            .iter()
                            .map(|c| c.service_type_code.clone())
                            .collect(),
                        Pane::Renewals => s
                            .renewals
                            .rows
                            .iter()
                            .map(|r| r.resource.resource_name.clone())
                            .collect(),
                        _ => vec![],
                    };
                    for id in ids {
                        assert!(screen.contains(&id), "{id} whole at {w}×{h}:\n{screen}");
                    }
                    insta::assert_snapshot!(
                        format!("fit_{}_{w}x{h}{suffix}", pane.title().to_lowercase()),
                        screen
                    );
                }
            }
        });
    }
}

/// `?` lists the keys that work where it is pressed: a pane's own, or a detail view's.
#[test]
fn help_is_per_pane_and_per_detail() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.overlay = Some(Overlay::Help);
            s.pane = Pane::Customers;
            let customers = draw(&s, 80, 24);
            insta::assert_snapshot!(format!("help_customers_80x24{suffix}"), customers);
            s.pane = Pane::Funds;
            let funds = draw(&s, 80, 24);
            insta::assert_snapshot!(format!("help_funds_80x24{suffix}"), funds);
            if locale == Locale::En {
                assert!(customers.contains("new customer") && customers.contains("allocate"));
                assert!(!customers.contains("reject"), "{customers}");
                assert!(!funds.contains("new customer") && !funds.contains("allocate funds"));
            }
            s.pane = Pane::Contracts;
            s.detail = Some(Detail::Failed {
                title: "HT-144F18-0002".into(),
                error: "…".into(),
            });
            let detail = draw(&s, 120, 36);
            insta::assert_snapshot!(format!("help_contract_detail_120x36{suffix}"), detail);
            if locale == Locale::En {
                assert!(detail.contains("a row's details"), "{detail}");
                assert!(
                    detail.contains("pay"),
                    "the next instalment is paid from here"
                );
                assert!(!detail.contains("filter"), "no filter in a detail view");
            }
        });
    }
}

/// A partner that is not a distributor has no resellers: the pane says so, and nothing
/// is asked of the backend (which would refuse with CBC.0151).
#[test]
fn resellers_are_explained_to_partners_without_them() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.session.partner_kind = "government".into();
            s.resellers = Default::default();
            let cmds = update(
                &mut s,
                Msg::Key(KeyEvent::new(KeyCode::Char('4'), KeyModifiers::NONE)),
            );
            assert!(cmds.is_empty(), "nothing asked: {cmds:?}");
            let screen = draw(&s, 80, 24);
            if locale == Locale::En {
                assert!(screen.contains("Resellers are a distributor's"), "{screen}");
            }
            insta::assert_snapshot!(format!("resellers_government_80x24{suffix}"), screen);
        });
    }
}

/// Funds' account view (`l`): the account's records with the balance after each, at
/// 80×24 and 120×36, in both languages; the time, the amount and the balance stay.
#[test]
fn funds_account_records_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    let record =
        |id: &str, detail: &str, kind: &str, amount: &str, after: &str, who: Option<&str>| {
            AccountChangeRecord {
                account_change_id: id.into(),
                trade_detail_type: detail.into(),
                trade_time: "2026-11-20T02:00:00Z".into(),
                trade_id: format!("T-{id}"),
                change_amount: amount.into(),
                balance_after_change: after.into(),
                kind: kind.into(),
                customer_id: who.map(|_| "c1".into()),
                account_name: who.map(str::to_string),
            }
        };
    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Funds;
            s.funds_view = pc_tui::app::FundsView::Account;
            s.ledger.total = Some(3);
            s.ledger.rows = vec![
                record(
                    "AC3",
                    "SOURCE_OPERAIION_RECHARGE",
                    "1",
                    "77632.12",
                    "500000",
                    None,
                ),
                record(
                    "AC2",
                    "SOURCE_OPERATION_BEADJUST",
                    "2",
                    "9175.37",
                    "422367.88",
                    Some("qinghe_edu"),
                ),
                record(
                    "AC1",
                    "SOURCE_OPERAIION_DEDEUCT",
                    "2",
                    "30028.5",
                    "431543.25",
                    None,
                ),
            ];
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                for whole in ["+77,632.12", "-9,175.37", "422,367.88"] {
                    assert!(screen.contains(whole), "{whole} at {w}×{h}:\n{screen}");
                }
                insta::assert_snapshot!(format!("funds_account_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A customer's spending: the total, by service, twelve bars (the month asked for
/// last) and the bill's lines, at 80×24 and 120×36 in both languages.
#[test]
fn spending_detail_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Spending;
            s.detail = Some(Detail::Ready(Box::new(DetailData::Spending(Box::new(
                spending_detail(),
            )))));
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                assert!(
                    screen.contains("9,865.36"),
                    "the total at {w}×{h}:\n{screen}"
                );
                assert!(
                    screen.contains("11 "),
                    "November's bar at {w}×{h}:\n{screen}"
                );
                insta::assert_snapshot!(format!("spending_detail_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A reseller's customers: the title says whose, at 80×24 in both languages.
#[test]
fn a_resellers_customers_say_whose_at_80x24() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Customers;
            s.reseller = Some(pc_tui::app::ResellerScope {
                id: "r1".into(),
                name: "云途信息技术有限公司".into(),
            });
            let screen = draw(&s, 80, 24);
            assert!(screen.contains("云途信息技术有限公司"), "{screen}");
            insta::assert_snapshot!(format!("customers_of_a_reseller_80x24{suffix}"), screen);
        });
    }
}

/// Funds' coupons view: the coupon whole, to whom, face value, what is left, status,
/// at 80×24 and 120×36 in both languages.
#[test]
fn funds_coupons_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    let coupon = |id: &str, customer: &str, face: &str, left: &str, status: i32| IssuedCoupon {
        coupon_id: id.into(),
        customer_id: customer.into(),
        coupon_type: 1,
        face_value: dec(face),
        balance: dec(left),
        status,
        expire_time: Some("2027-02-20T00:00:00Z".into()),
        ..Default::default()
    };
    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Funds;
            s.funds_view = pc_tui::app::FundsView::Coupons;
            s.coupons.total = Some(3);
            s.coupons.rows = vec![
                coupon("CP9018CE5B84DA4EBBBC5", "350f03d1aa", "150", "75", 2),
                coupon("CPCDDD05EA425BA172514", "a570d6ebcc", "800", "800", 5),
                coupon("CPEF6BE9371CFB1914721", "8cb9aa4bdd", "200", "0", 3),
            ];
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                for id in ["CP9018CE5B84DA4EBBBC5", "CPCDDD05EA425BA172514"] {
                    assert!(screen.contains(id), "{id} whole at {w}×{h}:\n{screen}");
                }
                insta::assert_snapshot!(format!("funds_coupons_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A reseller's detail with the coupon quotas it was given and the way to give or take
/// them, at 80×24 and 120×36 in both languages.
#[test]
fn a_resellers_quotas_in_its_detail_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Resellers;
            let quota = |id: &str, value: &str, left: &str, status: i32| pc_api::IssuedQuota {
                quota_id: id.into(),
                quota_value: dec(value),
                balance: dec(left),
                quota_status: status,
                expire_time: "2027-10-04T00:00:00Z".into(),
                ..Default::default()
            };
            s.detail = Some(Detail::Ready(Box::new(DetailData::Reseller(
                s.resellers.rows[0].clone(),
                vec![],
                s.records.rows.clone(),
                vec![
                    quota("QUOTA-R1", "5000", "3750", 0),
                    quota("QUOTA-R2", "1000", "1000", 0),
                    quota("QUOTA-R3", "800", "0", 6),
                ],
            ))));
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                assert!(
                    screen.contains(":quota take"),
                    "the keys at {w}×{h}:\n{screen}"
                );
                insta::assert_snapshot!(format!("reseller_quotas_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A customer's detail with its pay-per-use resources (ids whole), at 80×24 and 120×36
/// in both languages.
#[test]
fn a_customers_pay_per_use_resources_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Customers;
            s.detail = Some(Detail::Ready(Box::new(DetailData::Customer(
                s.customers.rows[1].clone(),
                None,
                Ok((on_demand(), 2)),
            ))));
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                if h > 24 {
                    for r in on_demand() {
                        assert!(
                            screen.contains(&r.resource_id),
                            "whole at {w}×{h}:\n{screen}"
                        );
                    }
                }
                insta::assert_snapshot!(format!("customer_on_demand_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A coupon's detail: what it is, the quota it came from and what was done with it, at
/// 80×24 and 120×36 in both languages.
#[test]
fn a_coupons_detail_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};

    let record = |op: &str, amount: &str, at: &str| pc_api::CouponRecord {
        id: format!("CR-{op}"),
        operation_type: op.into(),
        quota_id: "QUOTA-144F18-1".into(),
        coupon_id: "CPCDDD05EA425BA172514".into(),
        customer_id: "a570d6ebcc".into(),
        operation_amount: dec(amount),
        operation_time: at.into(),
        result: "0".into(),
        ..Default::default()
    };
    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            s.pane = Pane::Funds;
            s.detail = Some(Detail::Ready(Box::new(DetailData::Coupon(
                IssuedCoupon {
                    coupon_id: "CPCDDD05EA425BA172514".into(),
                    customer_id: "a570d6ebcc".into(),
                    coupon_type: 1,
                    face_value: dec("800"),
                    balance: dec("0"),
                    status: 5,
                    effective_time: Some("2026-10-01T00:00:00Z".into()),
                    expire_time: Some("2027-02-20T00:00:00Z".into()),
                    ..Default::default()
                },
                vec![
                    record("2", "800", "2026-11-02T03:00:00Z"),
                    record("1", "800", "2026-10-01T02:00:00Z"),
                ],
            ))));
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                assert!(
                    screen.contains("QUOTA-144F18-1"),
                    "the quota at {w}×{h}:\n{screen}"
                );
                insta::assert_snapshot!(format!("coupon_detail_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// Pending orders with the time left to pay them (one passed), at 80×24 and 120×36 in
/// both languages: the ids whole, the column before the service at 80 columns.
#[test]
fn orders_with_the_time_left_to_pay_at_80x24_and_120x36_in_both_languages() {
    use pc_core::i18n::{Locale, with_locale};
    use pc_tui::app::Deadline;

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            let now = s.now;
            let pending: Vec<String> = s
                .orders
                .rows
                .iter()
                .filter(|o| o.status == 6)
                .map(|o| o.order_id.clone())
                .collect();
            assert!(pending.len() >= 2, "{pending:?}");
            for (i, id) in pending.iter().enumerate() {
                let due = now + chrono::TimeDelta::minutes([150, -60, 3000][i % 3]);
                s.deadlines.insert(
                    id.clone(),
                    Deadline::Known(Some(due.format("%Y-%m-%dT%H:%M:%SZ").to_string())),
                );
            }
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                for id in &pending {
                    assert!(
                        screen.contains(id.as_str()),
                        "{id} whole at {w}×{h}:\n{screen}"
                    );
                }
                insta::assert_snapshot!(format!("orders_pay_within_{w}x{h}{suffix}"), screen);
            }
        });
    }
}

/// A phone change asks first for the new phone's own code, sent to it, at 80×24 and
/// 120×36 in both languages.
#[test]
fn a_new_phone_is_confirmed_first_at_80x24_and_120x36_in_both_languages() {
    use pc_api::partner_center::Channel;
    use pc_core::i18n::{Locale, with_locale};
    use pc_core::ops::{Operation, summarize};
    use pc_tui::app::modal::Modal;

    for (locale, suffix) in [(Locale::En, ""), (Locale::ZhCn, "_zh_cn")] {
        with_locale(locale, || {
            let mut s = loaded();
            let op = Operation::ChangePhone {
                phone: "13900000002".into(),
                confirmed: None,
            };
            s.modal = Some(Modal::Confirm {
                summary: summarize(&op, None, None),
                op,
                channel: Channel::Sms,
                error: None,
            });
            for (w, h) in [(80, 24), (120, 36)] {
                let screen = draw(&s, w, h);
                assert!(
                    screen.contains("139****0002"),
                    "to the new phone:\n{screen}"
                );
                insta::assert_snapshot!(format!("new_phone_first_{w}x{h}{suffix}"), screen);
            }
        });
    }
}
