//! Resizing never panics: every state of the verification modal (each entry draft, each
//! result kind) and every overlay (help, command line, filter, inbox, the funds overlays,
//! the new-customer, real-name and pricing forms), drawn by the real view on
//! `TestBackend` while one terminal is resized from 1×1 to 300×100 — widths swept with a
//! set of heights, heights swept with a set of widths, densely around the console's
//! minimum size — with `Msg::Resize` fed to `update` before each frame, as the console
//! does.

use std::panic::{AssertUnwindSafe, catch_unwind};

use chrono::{DateTime, TimeDelta, Utc};
use pc_api::partner_center::{
    Agreement, AssociationStatus, Channel, Invitation, OrderPricing, PayMethod, RechargeAccount,
    SpecsResp, TransferTarget,
};
use pc_api::*;
use pc_core::ops::{Funds, Identity, Operation, Secret, summarize};
use pc_mock::admin::OutboxMessage;
use pc_tui::app::create::{Check, CustomerForm, Field as CustomerField};
use pc_tui::app::modal::{
    Draft, ExecOutcome, Failure, FailureKind, ItemResult, Modal, ProfileField,
};
use pc_tui::app::price::{Mode, PriceForm, Row};
use pc_tui::app::realname::{Method, RealnameForm};
use pc_tui::app::sms::CodeState;
use pc_tui::app::{Detail, DetailData, Msg, Overlay, Pane, State, Toast, update};
use pc_tui::ui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use tui_input::Input;

use crate::common;

use common::fixtures::*;

/// The day the real-name forms are checked against.
fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 7).expect("a date")
}

fn inputs<const N: usize>(values: [&str; N]) -> [Input; N] {
    values.map(|v| Input::new(v.to_string()))
}

fn pay_two() -> Operation {
    Operation::PayOrders {
        orders: vec![
            to_pay("CS-DEMO-OK-1", "15732"),
            to_pay("CS-DEMO-QUOTA", "30.59"),
        ],
        method: PayMethod::Balance,
    }
}

fn too_much() -> Operation {
    Operation::Transfer {
        to: TransferTarget::ResellerRecall,
        target_id: "r1".into(),
        target_name: "Northwind Cloud Services".into(),
        amount: dec("9000"),
    }
}

fn realname_op() -> Operation {
    Operation::RealnameAuth {
        customer_id: "jiguang_net-id".into(),
        customer_name: "jiguang_net".into(),
        name: "张伟".into(),
        number: Secret("11010519491231002X".into()),
        identity: Identity::BankCard {
            bank_account: Secret("6222020200112233445".into()),
            phone: Secret("13912345678".into()),
            code: Secret("482913".into()),
        },
        xaccount_type: "partner_console_demo".into(),
    }
}

fn create_op() -> Operation {
    Operation::CreateCustomer {
        account_name: "new_co_2026".into(),
        phone: Some("13912345678".into()),
        email: None,
        xaccount_id: "x-new_co_2026".into(),
        xaccount_type: "partner_console_demo".into(),
        code: Secret::default(),
        domain_area: None,
        referral: false,
        reseller: None,
    }
}

fn confirm(s: &State, op: Operation, limit: Option<Decimal>, error: Option<&str>) -> Modal {
    let funds = s.balances.as_deref().map(Funds::from);
    let summary = summarize(&op, funds, limit);
    Modal::Confirm {
        op,
        summary,
        channel: Channel::Sms,
        error: error.map(str::to_string),
    }
}

fn done(op: Operation, outcome: ExecOutcome) -> Modal {
    Modal::Done { op, outcome }
}

fn item(subject: &str, ok: bool, detail: &str, code: Option<&str>) -> ItemResult {
    ItemResult {
        subject: subject.into(),
        ok,
        detail: detail.into(),
        code: code.map(str::to_string),
        amount: None,
    }
}

fn entry(draft: Draft, typed: &str, error: Option<&str>) -> Modal {
    Modal::Entry {
        draft,
        input: Input::new(typed.into()),
        error: error.map(str::to_string),
        selected: false,
        first: None,
    }
}

fn on(base: &State, pane: Pane, overlay: Option<Overlay>, modal: Option<Modal>) -> State {
    let mut s = base.clone();
    s.pane = pane;
    s.overlay = overlay;
    s.modal = modal;
    s
}

/// Every state of the verification modal, each entry draft and each result kind.
fn modal_states() -> Vec<(String, State)> {
    let base = loaded();
    let now = base.now;
    let funds = base.balances.as_deref().map(Funds::from);
    let long_error =
        "The verification code is wrong: 3 attempts left. Check the code and enter it again. "
            .repeat(4);
    let pricing = OrderPricing {
        order_id: "CS-DEMO-OK-5".into(),
        status: 6,
        unit_price: dec("95"),
        catalog_unit_price: dec("100"),
        floor_unit_price: dec("70"),
        quantity: 2,
        periods: 3,
        amount: dec("570"),
        official_amount: dec("600"),
    };
    let association = AssociationStatus {
        customer_id: "jiguang_net-id".into(),
        account_name: "jiguang_net".into(),
        association_type: "2".into(),
        reserved_instances_until: Some("2027-06-01T00:00:00Z".into()),
        enterprise_link: Some("master".into()),
        balance: dec("1250.50"),
        pending: None,
    };
    let modals: Vec<(&str, Modal)> = vec![
        (
            "entry transfer",
            entry(
                Draft::Transfer {
                    to: TransferTarget::CustomerRecall,
                    target_id: "c1".into(),
                    target_name: "acme_robotics".into(),
                    limit: Some(dec("1200")),
                },
                "100.5",
                None,
            ),
        ),
        (
            "entry price with an error",
            entry(
                Draft::AdjustPrice {
                    order_id: "CS-DEMO-OK-5".into(),
                    pricing,
                },
                "65",
                Some(
                    "The unit price must be between the floor price ¥70.00 and the catalogue price ¥100.00.",
                ),
            ),
        ),
        (
            "entry switch",
            entry(
                Draft::Switch(Box::new(association)),
                "Customer buys directly now",
                None,
            ),
        ),
        (
            "entry phone",
            entry(
                Draft::Profile {
                    field: ProfileField::Phone,
                    account_name: "huaxin_cloud".into(),
                },
                "1391234",
                Some("A mainland mobile number: 11 digits starting with 1."),
            ),
        ),
        (
            "entry e-mail",
            entry(
                Draft::Profile {
                    field: ProfileField::Email,
                    account_name: "huaxin_cloud".into(),
                },
                "ops@huaxin-cloud.example",
                None,
            ),
        ),
        (
            "entry password",
            entry(
                Draft::Profile {
                    field: ProfileField::Password,
                    account_name: "huaxin_cloud".into(),
                },
                "-Secret99",
                None,
            ),
        ),
        (
            "loading",
            Modal::Loading {
                title: "Adjust the price of CS-DEMO-OK-5".into(),
                request: 1,
            },
        ),
        ("confirm pay", confirm(&base, pay_two(), None, None)),
        (
            "confirm with problems and an error",
            confirm(
                &base,
                too_much(),
                Some(dec("1200")),
                Some("Resolve the problems above first; Esc closes."),
            ),
        ),
        (
            "confirm by e-mail",
            Modal::Confirm {
                op: Operation::SetVerification { enabled: false },
                summary: summarize(&Operation::SetVerification { enabled: false }, funds, None),
                channel: Channel::Email,
                error: Some(long_error.clone()),
            },
        ),
        (
            "confirm real-name",
            confirm(&base, realname_op(), None, None),
        ),
        (
            "code requested",
            Modal::CodeRequested {
                op: pay_two(),
                summary: summarize(&pay_two(), funds, None),
                channel: Channel::Email,
                request: 2,
            },
        ),
        (
            "awaiting code",
            Modal::AwaitingCode {
                op: pay_two(),
                summary: summarize(&pay_two(), funds, None),
                code: code_entry(now, "4829", 272, 3, Some(long_error.as_str()), None),
            },
        ),
        (
            "awaiting code, expired, resending",
            Modal::AwaitingCode {
                op: too_much(),
                summary: summarize(&too_much(), funds, Some(dec("1200"))),
                code: code_entry(now, "482913", -5, 3, None, Some(9)),
            },
        ),
        (
            "submitting",
            Modal::Submitting {
                op: pay_two(),
                request_id: "5f0c4e2a-0000-4000-8000-000000000001".into(),
                code: None,
            },
        ),
        (
            "submitting with a code to return to",
            Modal::Submitting {
                op: pay_two(),
                request_id: "r".into(),
                code: Some((
                    summarize(&pay_two(), funds, None),
                    code_entry(now, "482913", 200, 3, None, None),
                )),
            },
        ),
        (
            "done applied (a batch, one failed)",
            done(
                pay_two(),
                ExecOutcome::Applied(vec![
                    item(
                        "CS-DEMO-OK-1",
                        true,
                        "paid ¥15,732.00 — transaction PAY20261123090000ABCDEF",
                        None,
                    ),
                    item(
                        "CS-DEMO-QUOTA",
                        false,
                        "quota",
                        Some(pc_api::error::codes::QUOTA_INSUFFICIENT_PAY),
                    ),
                ]),
            ),
        ),
        (
            "done applied (a new customer)",
            done(
                create_op(),
                ExecOutcome::Applied(vec![item(
                    "Create the customer new_co_2026",
                    true,
                    "customer new_co_2026 created (id 4f1c9e)",
                    None,
                )]),
            ),
        ),
        (
            "done applied (real-name)",
            done(
                realname_op(),
                ExecOutcome::Applied(vec![item(
                    "Real-name authentication of jiguang_net",
                    true,
                    "verified at once: the real name is confirmed",
                    None,
                )]),
            ),
        ),
        (
            "done failed",
            done(
                too_much(),
                ExecOutcome::Failed(Failure::refused(
                    "CBC.99005003",
                    "Insufficient balance: the reseller's balance is 1200.00 yuan.",
                )),
            ),
        ),
        (
            "done failed without a code",
            done(
                pay_two(),
                ExecOutcome::Failed(Failure {
                    code: None,
                    message: long_error,
                    kind: FailureKind::Unreachable,
                }),
            ),
        ),
        ("done not applied", done(pay_two(), ExecOutcome::NotApplied)),
        (
            "done unknown",
            done(
                pay_two(),
                ExecOutcome::Unknown("the backend did not answer within 15s".into()),
            ),
        ),
        (
            "done unverifiable",
            done(
                too_much(),
                ExecOutcome::Unverifiable("check the adjust records (Funds, 5)".into()),
            ),
        ),
    ];
    modals
        .into_iter()
        .map(|(name, m)| (name.to_string(), on(&base, Pane::Orders, None, Some(m))))
        .collect()
}

/// Every overlay, loaded, loading and failed where it reads something.
fn overlay_states() -> Vec<(String, State)> {
    let base = loaded();
    let now = base.now;
    let mut out: Vec<(String, State)> = vec![
        (
            "help".into(),
            on(&base, Pane::Orders, Some(Overlay::Help), None),
        ),
        (
            "filter".into(),
            on(
                &base,
                Pane::Orders,
                Some(Overlay::Filter(Input::new("status:pending".into()))),
                None,
            ),
        ),
        (
            "command line".into(),
            on(
                &base,
                Pane::Orders,
                Some(Overlay::Command(Input::new("customers 华信".into()))),
                None,
            ),
        ),
    ];

    let mut s = on(&base, Pane::Orders, Some(Overlay::Inbox), None);
    s.inbox.push(OutboxMessage {
        id: 1,
        partner_id: None,
        channel: "sms".into(),
        recipient: "13800000001".into(),
        body: "[Huawei Cloud] Your registration verification code is 482913, valid for 10 minutes."
            .into(),
        created_at: "2026-11-23T01:02:03Z".into(),
    });
    out.push(("inbox".into(), s));
    out.push((
        "inbox empty".into(),
        on(&base, Pane::Orders, Some(Overlay::Inbox), None),
    ));

    let recharge = RechargeAccount {
        account_name: "华信云科技有限公司".into(),
        bank_name: "中国工商银行北京分行营业部 (ICBC Beijing Branch)".into(),
        account_number: "1100123456789012345".into(),
        currency: "CNY".into(),
        remark: "Dedicated to your account: a transfer to it is credited to your balance within one working day, with no remark needed.".into(),
    };
    for (name, value) in [
        ("recharge", Some(Ok(recharge))),
        ("recharge loading", None),
        (
            "recharge failed",
            Some(Err(
                "cannot reach the backend: connection refused".to_string()
            )),
        ),
    ] {
        let mut s = on(&base, Pane::Funds, Some(Overlay::Recharge), None);
        s.recharge = value;
        out.push((name.into(), s));
    }

    let agreements = vec![
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
    ];
    for (name, at, value) in [
        ("agreements", 1, Some(Ok(agreements))),
        ("agreements none", 0, Some(Ok(vec![]))),
        ("agreements loading", 0, None),
        (
            "agreements failed",
            0,
            Some(Err("cannot reach the backend".to_string())),
        ),
    ] {
        let mut s = on(&base, Pane::Funds, Some(Overlay::Agreements(at)), None);
        s.agreements = value;
        out.push((name.into(), s));
    }

    for (name, value) in [
        (
            "invite",
            Some(Ok(Invitation {
                code: "4f2a1c9be07d".into(),
                link: "https://partner.huaweicloud.example/associate/4f2a1c9be07d".into(),
            })),
        ),
        ("invite loading", None),
        ("invite failed", Some(Err("no invitation".to_string()))),
    ] {
        let mut s = on(&base, Pane::Customers, Some(Overlay::Invite), None);
        s.invitation = value;
        s.last_association = Some("acme_robotics associated just now".into());
        out.push((name.into(), s));
    }

    for (name, value) in [
        ("profile", Some(Ok(demo_profile()))),
        ("profile loading", None),
        ("profile failed", Some(Err("forbidden".to_string()))),
    ] {
        let mut s = on(&base, Pane::Customers, Some(Overlay::Profile), None);
        s.profile = value;
        out.push((name.into(), s));
    }

    out.push((
        "new customer, empty".into(),
        on(
            &base,
            Pane::Customers,
            Some(Overlay::NewCustomer(Box::default())),
            None,
        ),
    ));
    let form = CustomerForm {
        inputs: inputs(["new_co_2026", "13912345678", "ops@", "", "", "4829"]),
        intl: false,
        referral: false,
        focus: CustomerField::Code,
        checks: [
            Check::Available,
            Check::Taken,
            Check::Invalid("Not an e-mail address.".into()),
        ],
        code: CodeState::Sent {
            phone: "13912345678".into(),
            at: now,
        },
        error: Some("Enter the 6-digit code sent to 139****5678 (Enter with the field empty sends a new one after a minute).".into()),
        reseller: None,
    };
    out.push((
        "new customer, code sent".into(),
        on(
            &base,
            Pane::Customers,
            Some(Overlay::NewCustomer(Box::new(form))),
            None,
        ),
    ));
    let form = CustomerForm {
        inputs: inputs(["quiet_co", "", "", "", "x-quiet", ""]),
        intl: false,
        referral: true,
        focus: CustomerField::Xaccount,
        checks: [
            Check::Checking(4),
            Check::Empty,
            Check::Failed("no answer from the check".into()),
        ],
        code: CodeState::Sending {
            request: 5,
            phone: "13912345678".into(),
        },
        error: None,
        reseller: None,
    };
    out.push((
        "new customer, checking".into(),
        on(
            &base,
            Pane::Customers,
            Some(Overlay::NewCustomer(Box::new(form))),
            None,
        ),
    ));

    for (name, form) in realname_forms(now) {
        out.push((
            name,
            on(
                &base,
                Pane::Customers,
                Some(Overlay::Realname(Box::new(form))),
                None,
            ),
        ));
    }

    for (name, form) in price_forms() {
        out.push((
            name,
            on(
                &base,
                Pane::Catalog,
                Some(Overlay::Price(Box::new(form))),
                None,
            ),
        ));
    }
    out
}

/// The real-name form by each method. Inputs in the form's field order: method, kind,
/// name, number, files, bank account, bank phone, code, legal name, legal id.
fn realname_forms(now: DateTime<Utc>) -> Vec<(String, RealnameForm)> {
    let mut bank = RealnameForm::new("jiguang_net-id".into(), "jiguang_net".into(), today());
    bank.method = Method::BankCard;
    bank.inputs = inputs([
        "",
        "",
        "张伟",
        "110105194912310021",
        "",
        "6222020200112233445",
        "13912345678",
        "4829",
        "",
        "",
    ]);
    bank.code = CodeState::Sent {
        phone: "13912345678".into(),
        at: now,
    };
    bank.focus = pc_tui::app::realname::Field::Code;
    bank.error = Some(
        "Resident ID number: 18 characters: 17 digits and a check digit or X, which must match."
            .into(),
    );

    let mut document = RealnameForm::new("jiguang_net-id".into(), "jiguang_net".into(), today());
    document.method = Method::Document;
    document.kind = 1;
    document.inputs = inputs([
        "",
        "",
        "Sarah O'Connor",
        "E12345678",
        "passport/info.jpg, passport/stamp.jpg",
        "",
        "",
        "",
        "",
        "",
    ]);
    document.focus = pc_tui::app::realname::Field::Files;

    let mut enterprise = RealnameForm::new("jiguang_net-id".into(), "jiguang_net".into(), today());
    enterprise.method = Method::Enterprise;
    enterprise.inputs = inputs([
        "",
        "",
        "杭州极光网络科技有限公司",
        "91350100M000100Y43",
        "licence.pdf",
        "",
        "",
        "",
        "王芳",
        "11010519491231002X",
    ]);
    enterprise.focus = pc_tui::app::realname::Field::LegalName;

    vec![
        ("real-name, bank card".into(), bank),
        ("real-name, document".into(), document),
        ("real-name, enterprise".into(), enterprise),
        (
            "real-name, fresh".into(),
            RealnameForm::new("jiguang_net-id".into(), "jiguang_net".into(), today()),
        ),
    ]
}

fn price_forms() -> Vec<(String, PriceForm)> {
    let quoted = quoted_price_form(true);
    let loading = PriceForm {
        specs: None,
        loading: Some(3),
        quote: None,
        focus: Row::Spec,
        ..quoted.clone()
    };
    let failed = PriceForm {
        mode: Mode::OnDemand,
        rating: Some(4),
        focus: Row::Size,
        quote: Some(Err("CBC.0101: no price for this spec in cn-north-4".into())),
        ..quoted.clone()
    };
    let no_specs = PriceForm {
        specs: Some(Ok(SpecsResp {
            regions: vec![],
            specs: vec![],
        })),
        mode: Mode::Yearly,
        focus: Row::Region,
        quote: None,
        ..quoted.clone()
    };
    vec![
        ("price, quoted".into(), quoted),
        ("price, loading".into(), loading),
        ("price, failed".into(), failed),
        ("price, nothing to price".into(), no_specs),
    ]
}

/// Modals over what they open from: a form, a detail view, toasts, without colours.
fn combined_states() -> Vec<(String, State)> {
    let base = loaded();
    let now = base.now;
    let funds = base.balances.as_deref().map(Funds::from);
    let mut out = Vec::new();

    let (_, form) = realname_forms(now).remove(0);
    out.push((
        "confirm over the real-name form".into(),
        on(
            &base,
            Pane::Customers,
            Some(Overlay::Realname(Box::new(form))),
            Some(confirm(&base, realname_op(), None, None)),
        ),
    ));
    out.push((
        "submitting over the new-customer form".into(),
        on(
            &base,
            Pane::Customers,
            Some(Overlay::NewCustomer(Box::default())),
            Some(Modal::Submitting {
                op: create_op(),
                request_id: "r".into(),
                code: None,
            }),
        ),
    ));

    let o = base.orders.rows[0].clone();
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
    let mut s = on(
        &base,
        Pane::Orders,
        None,
        Some(done(
            pay_two(),
            ExecOutcome::Unknown("the backend did not answer within 15s".into()),
        )),
    );
    s.detail = Some(Detail::Ready(Box::new(DetailData::Order(
        Box::new(OrderDetailsResp {
            total_count: 1,
            order_info: o,
            order_line_items: vec![line; 30],
        }),
        vec![],
    ))));
    s.detail_scroll = 12;
    out.push(("done over an order detail".into(), s));

    let mut s = on(
        &base,
        Pane::Funds,
        None,
        Some(Modal::AwaitingCode {
            op: too_much(),
            summary: summarize(&too_much(), funds, Some(dec("1200"))),
            code: code_entry(now, "48", 100, 3, None, None),
        }),
    );
    s.session.colors = pc_core::terminal::ColorDepth::None;
    s.session.ascii = true;
    for i in 0..5 {
        s.toasts.push(Toast {
            text: format!("Toast {i}: Unknown status \"paid\": use one of review, refund, processing, cancelled, completed, pending"),
            error: i % 2 == 0,
            until: now + TimeDelta::seconds(5),
        });
    }
    out.push(("awaiting code under toasts, monochrome, ascii".into(), s));

    let mut s = on(
        &base,
        Pane::Customers,
        Some(Overlay::Invite),
        Some(Modal::Loading {
            title: "Switch jiguang_net".into(),
            request: 7,
        }),
    );
    s.invitation = Some(Ok(Invitation {
        code: "4f2a1c9be07d".into(),
        link: "https://partner.huaweicloud.example/associate/4f2a1c9be07d".into(),
    }));
    out.push(("loading over the invitation".into(), s));
    out
}

/// The sizes, in the order the terminal goes through them: every width up to a little
/// past the minimum, then a step, each with a set of heights; then every height up to
/// a little past the minimum, then a step, each with a set of widths.
fn sizes() -> Vec<(u16, u16)> {
    let mut widths: Vec<u16> = (1..=30).chain(54..=66).collect();
    widths.extend((30..=300).step_by(9));
    widths.extend([80, 100, 120, 299, 300]);
    widths.sort_unstable();
    widths.dedup();
    let mut heights: Vec<u16> = (1..=30).collect();
    heights.extend((30..=100).step_by(7));
    heights.extend([99, 100]);
    heights.sort_unstable();
    heights.dedup();
    let mut out = vec![(1, 1)];
    for &w in &widths {
        for h in [1, 2, 3, 5, 10, 11, 12, 24, 40, 100] {
            out.push((w, h));
        }
    }
    for &h in &heights {
        for w in [1, 2, 5, 20, 59, 60, 80, 120, 300] {
            out.push((w, h));
        }
    }
    out.push((300, 100));
    out
}

/// Resizes one terminal through every size with the state on screen; the sizes at which
/// a resize or a frame panicked.
fn sweep(name: &str, mut state: State) -> Vec<String> {
    let mut failures = Vec::new();
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for (w, h) in sizes() {
        let frame = catch_unwind(AssertUnwindSafe(|| {
            terminal.backend_mut().resize(w, h);
            let cmds = update(&mut state, Msg::Resize(w, h));
            assert!(
                cmds.is_empty(),
                "a resize asks the worker for nothing: {cmds:?}"
            );
            terminal.draw(|f| view(&state, f)).unwrap();
        }));
        if frame.is_err() {
            failures.push(format!("{name} at {w}×{h}"));
            if failures.len() >= 5 {
                failures.push(format!("{name}: stopped after 5 failing sizes"));
                break;
            }
            terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        }
    }
    failures
}

fn sweep_all(states: Vec<(String, State)>) {
    assert!(!states.is_empty());
    let failures: Vec<String> = states
        .into_iter()
        .flat_map(|(name, state)| sweep(&name, state))
        .collect();
    assert!(
        failures.is_empty(),
        "drawing panicked at {} sizes:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn modal_kind(m: &Modal) -> &'static str {
    match m {
        Modal::Entry {
            draft: Draft::Transfer { .. },
            ..
        } => "entry transfer",
        Modal::Entry {
            draft: Draft::AdjustPrice { .. },
            ..
        } => "entry adjust price",
        Modal::Entry {
            draft: Draft::Switch(_),
            ..
        } => "entry switch",
        Modal::Entry {
            draft: Draft::Profile { .. },
            ..
        } => "entry profile",
        Modal::Loading { .. } => "loading",
        Modal::Confirm { .. } => "confirm",
        Modal::CodeRequested { .. } => "code requested",
        Modal::AwaitingCode { .. } => "awaiting code",
        Modal::Submitting { .. } => "submitting",
        Modal::Done {
            outcome: ExecOutcome::Applied(_),
            ..
        } => "done applied",
        Modal::Done {
            outcome: ExecOutcome::Failed(_),
            ..
        } => "done failed",
        Modal::Done {
            outcome: ExecOutcome::NotApplied,
            ..
        } => "done not applied",
        Modal::Done {
            outcome: ExecOutcome::Unknown(_),
            ..
        } => "done unknown",
        Modal::Done {
            outcome: ExecOutcome::Unverifiable(_),
            ..
        } => "done unverifiable",
    }
}

const MODAL_KINDS: [&str; 14] = [
    "entry transfer",
    "entry adjust price",
    "entry switch",
    "entry profile",
    "loading",
    "confirm",
    "code requested",
    "awaiting code",
    "submitting",
    "done applied",
    "done failed",
    "done not applied",
    "done unknown",
    "done unverifiable",
];

fn overlay_kind(o: &Overlay) -> &'static str {
    match o {
        Overlay::Help => "help",
        Overlay::Filter(_) => "filter",
        Overlay::Command(_) => "command",
        Overlay::Inbox => "inbox",
        Overlay::Recharge => "recharge",
        Overlay::Agreements(_) => "agreements",
        Overlay::Invite => "invite",
        Overlay::Profile => "profile",
        Overlay::NewCustomer(_) => "new customer",
        Overlay::Realname(_) => "realname",
        Overlay::Price(_) => "price",
    }
}

const OVERLAY_KINDS: [&str; 11] = [
    "help",
    "filter",
    "command",
    "inbox",
    "recharge",
    "agreements",
    "invite",
    "profile",
    "new customer",
    "realname",
    "price",
];

/// The sweeps below cover every variant: the matches above are exhaustive, so a new
/// variant fails to compile until it is named here and given a state.
#[test]
fn every_modal_and_overlay_variant_is_swept() {
    let states: Vec<(String, State)> = modal_states()
        .into_iter()
        .chain(overlay_states())
        .chain(combined_states())
        .collect();
    let modals: Vec<&str> = states
        .iter()
        .filter_map(|(_, s)| s.modal.as_ref().map(modal_kind))
        .collect();
    let overlays: Vec<&str> = states
        .iter()
        .filter_map(|(_, s)| s.overlay.as_ref().map(overlay_kind))
        .collect();
    for kind in MODAL_KINDS {
        assert!(modals.contains(&kind), "no state shows the modal {kind}");
    }
    for kind in OVERLAY_KINDS {
        assert!(
            overlays.contains(&kind),
            "no state shows the overlay {kind}"
        );
    }
    let sizes = sizes();
    assert!(sizes.contains(&(1, 1)) && sizes.contains(&(300, 100)));
    for w in 1..=300 {
        assert!(
            sizes.iter().any(|&(sw, _)| sw.abs_diff(w) <= 9),
            "widths near {w} are swept"
        );
    }
}

#[test]
fn entry_confirm_and_code_modals_survive_every_size() {
    let states: Vec<(String, State)> = modal_states()
        .into_iter()
        .filter(|(_, s)| !matches!(s.modal, Some(Modal::Submitting { .. } | Modal::Done { .. })))
        .collect();
    sweep_all(states);
}

#[test]
fn submitting_and_every_result_survive_every_size() {
    let states: Vec<(String, State)> = modal_states()
        .into_iter()
        .filter(|(_, s)| matches!(s.modal, Some(Modal::Submitting { .. } | Modal::Done { .. })))
        .collect();
    sweep_all(states);
}

#[test]
fn text_and_funds_overlays_survive_every_size() {
    let states: Vec<(String, State)> = overlay_states()
        .into_iter()
        .filter(|(_, s)| {
            !matches!(
                s.overlay,
                Some(Overlay::NewCustomer(_) | Overlay::Realname(_) | Overlay::Price(_))
            )
        })
        .collect();
    sweep_all(states);
}

#[test]
fn forms_survive_every_size() {
    let states: Vec<(String, State)> = overlay_states()
        .into_iter()
        .filter(|(_, s)| {
            matches!(
                s.overlay,
                Some(Overlay::NewCustomer(_) | Overlay::Realname(_) | Overlay::Price(_))
            )
        })
        .collect();
    sweep_all(states);
}

#[test]
fn modals_over_forms_details_and_toasts_survive_every_size() {
    sweep_all(combined_states());
}

#[test]
fn a_local_failure_says_nothing_was_sent_not_that_the_backend_refused() {
    let mut s = loaded();
    s.modal = Some(done(
        pay_two(),
        ExecOutcome::Failed(Failure {
            code: None,
            message: "/data/journal.jsonl: No space left on device".into(),
            kind: FailureKind::Local,
        }),
    ));
    let text = screen(&mut s, 120, 36);
    assert!(text.contains("could not carry it out"), "{text}");
    assert!(text.contains("No space left on device"), "{text}");
    assert!(!text.contains("backend refused"), "{text}");
}

#[test]
fn the_modals_footer_names_the_keys_as_the_keymap_binds_them() {
    let mut s = loaded();
    let over = [("confirm", "y"), ("cancel", "F2")]
        .into_iter()
        .map(|(a, k)| (a.to_string(), vec![k.to_string()]))
        .collect();
    let (keymap, problems) = pc_tui::app::keymap::Keymap::with_overrides(&over);
    assert!(problems.is_empty(), "{problems:?}");
    s.keymap = keymap;
    s.modal = Some(confirm(&s, pay_two(), None, None));
    let text = screen(&mut s, 120, 36);
    assert!(text.contains("y send the code"), "{text}");
    assert!(text.contains("F2 cancel"), "{text}");
    assert!(!text.contains("Enter send the code"), "{text}");
}

#[test]
fn one_attempt_left_is_singular() {
    let mut s = loaded();
    s.modal = Some(awaiting_code(&mut s, 1, None));
    let text = screen(&mut s, 120, 36);
    assert!(text.contains("1 attempt left"), "{text}");
    assert!(!text.contains("1 attempts"), "{text}");
}
