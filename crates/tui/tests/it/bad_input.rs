//! Bad input to the console, as property tests: `update` takes any sequence of keys,
//! mouse events, pastes, resizes, ticks and (late or stale) answers, and the view draws
//! every resulting state at any size from 1×1 to 300×100, at every colour depth, with
//! and without ASCII borders.

use std::time::Duration;

use chrono::{TimeDelta, TimeZone, Utc};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pc_api::partner_center::{
    Agreement, Contract, Invitation, RechargeAccount, VerificationSetting,
};
use pc_api::{
    AccountBalance, AdjustRecord, CustomerInfo, CustomerOrder, IndirectPartner, OP_ALLOCATE,
    ServiceType,
};
use pc_core::terminal::ColorDepth;
use pc_mock::admin::OutboxMessage;
use pc_mock::seed::PLATFORM_ID;
use pc_tui::app::{Health, Msg, PageData, Pane, Session, State, command, update};
use pc_tui::ui::view;
use proptest::prelude::*;
use proptest::sample::select;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

use pc_testkit::proptest_cases as cases;
use pc_testkit::strategies::json_string;

// ------------------------------------------------------------------ update and view

/// One thing that happens to the console.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    /// With the mouse on (`mouse = true`): a wheel step, a click or a move anywhere.
    Mouse(MouseEvent),
    /// `:` or `/`, then the text typed key by key, then Enter.
    Line(char, String),
    Paste(String),
    Resize(u16, u16),
    /// Seconds later.
    Tick(i64),
    /// A page of rows for a list (0 orders … 5 catalog) under a request id that may or
    /// may not be current: the first page, or the next one after the loaded rows.
    Page {
        list: usize,
        request: u64,
        next: bool,
        rows: usize,
        more: i64,
    },
    PageFailed(u64),
    Notice(Result<String, String>),
}

fn key_event() -> BoxedStrategy<KeyEvent> {
    let bound: Vec<char> = "kjgG/:?Rq1234567 pxa+-einsvyc".chars().collect();
    let code = prop_oneof![
        6 => select(bound).prop_map(KeyCode::Char),
        2 => prop::char::range('a', 'z').prop_map(KeyCode::Char),
        1 => prop::char::range('0', '9').prop_map(KeyCode::Char),
        2 => any::<char>().prop_map(KeyCode::Char),
        4 => select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Null,
        ]),
        1 => (1u8..=24).prop_map(KeyCode::F),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ];
    let kind = prop_oneof![
        10 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Repeat),
        1 => Just(KeyEventKind::Release),
    ];
    (code, modifiers, kind)
        .prop_map(|(c, m, k)| KeyEvent::new_with_kind(c, m, k))
        .boxed()
}

fn command_line() -> BoxedStrategy<String> {
    let arg = prop_oneof![
        select(vec![
            "",
            "pending",
            "paid",
            "CS-DEMO-OK-1",
            "CS-DEMO-OK-1 CS-DEMO-OK-2",
            "100",
            "100 acme_robotics",
            "-5",
            "1e400",
            "0.001",
            "华信",
            "status:pending",
            ":::",
            "9999999999999999999999",
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    (select(command::COMMANDS.to_vec()), prop::option::of(arg))
        .prop_map(|(word, arg)| match arg {
            Some(arg) => format!("{word} {arg}"),
            None => word.to_string(),
        })
        .boxed()
}

fn filter_text() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "status:pending",
            "status:paid",
            "status:",
            "type:1",
            "customer:acme",
            "id:CS",
            "华信",
            "a:b:c",
            "created:2026-01-01..2026-02-01",
            "::",
        ])
        .prop_map(String::from),
        any::<String>(),
        "[a-z]{1,8}:[a-z0-9-]{0,10}",
    ]
    .boxed()
}

fn step() -> BoxedStrategy<Step> {
    prop_oneof![
        40 => key_event().prop_map(Step::Key),
        3 => (
            select(vec![
                MouseEventKind::ScrollUp,
                MouseEventKind::ScrollDown,
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Down(MouseButton::Right),
                MouseEventKind::Up(MouseButton::Left),
                MouseEventKind::Moved,
            ]),
            0u16..=300,
            0u16..=100,
        )
            .prop_map(|(kind, column, row)| Step::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })),
        3 => command_line().prop_map(|t| Step::Line(':', t)),
        2 => filter_text().prop_map(|t| Step::Line('/', t)),
        2 => prop_oneof![any::<String>(), "[ -~\n\t]{0,200}", json_string()].prop_map(Step::Paste),
        2 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (0i64..600).prop_map(Step::Tick),
        3 => (0usize..6, 0u64..64, any::<bool>(), 0usize..=50, 0i64..300).prop_map(
            |(list, request, next, rows, more)| Step::Page { list, request, next, rows, more }
        ),
        1 => (0u64..64).prop_map(Step::PageFailed),
        1 => (any::<bool>(), json_string())
            .prop_map(|(ok, text)| Step::Notice(if ok { Ok(text) } else { Err(text) })),
    ]
    .boxed()
}

const NAMES: [&str; 6] = [
    "杭州极光网络科技有限公司",
    "Acme Robotics Ltd",
    "上海青禾教育科技",
    "Sarah O'Connor",
    "深圳市云帆电子商务有限公司（华南区）— a name far too long for any column",
    "李明",
];

fn fixture_order(i: usize) -> CustomerOrder {
    CustomerOrder {
        order_id: format!("CS{i:08}FUZZ"),
        customer_id: format!("cust{:04}", i % 12),
        service_type_code: "hws.service.type.ec2".into(),
        service_type_name: NAMES[i % NAMES.len()].into(),
        source_type: 1,
        status: [1, 2, 3, 4, 5, 6, 8, 9][i % 8],
        order_type: [1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15][i % 11],
        amount_after_discount: Decimal::new(1_573_200 + 101 * i as i64, 2),
        official_amount: Decimal::new(1_583_200 + 101 * i as i64, 2),
        measure_id: 1,
        create_time: format!("2026-11-{:02}T{:02}:13:00Z", 1 + i % 28, i % 24),
        currency: "CNY".into(),
        user_name: Some("acme_robotics".into()),
        pending_payment_end_time: i
            .is_multiple_of(3)
            .then(|| "2026-11-30T03:00:00Z".to_string()),
        ..Default::default()
    }
}

fn fixture_customer(i: usize) -> CustomerInfo {
    CustomerInfo {
        customer_id: format!("cust{i:04}"),
        account_name: format!("account_{i}"),
        customer: Some(NAMES[i % NAMES.len()].into()),
        associated_on: Some("2026-10-01T02:00:00Z".into()),
        association_type: Some(if i.is_multiple_of(3) { "1" } else { "2" }.into()),
        telephone: (i % 4 != 3).then(|| format!("1380000{i:04}")),
        verified_status: Some(["-1", "0", "1", "2"][i % 4].into()),
        customer_type: Some([-1, 0, 1][i % 3]),
        customer_level: Some(format!("V{}", i % 6)),
        email: (i % 5 != 4).then(|| format!("account_{i}@example.com")),
        ..Default::default()
    }
}

fn fixture_contract(i: usize) -> Contract {
    let total = Decimal::new(10_000_000 + 1000 * i as i64, 2);
    Contract {
        contract_id: format!("HT-FUZZ-{i:04}"),
        contract_name: NAMES[i % NAMES.len()].into(),
        customer_id: format!("cust{:04}", i % 12),
        customer_name: format!("account_{}", i % 12),
        sign_time: "2026-09-14T00:00:00Z".into(),
        effective_time: "2026-09-29T00:00:00Z".into(),
        expire_time: "2027-01-30T00:00:00Z".into(),
        total_amount: total,
        paid_amount: if i.is_multiple_of(2) {
            total
        } else {
            Decimal::ZERO
        },
        status: if i.is_multiple_of(2) {
            "completed"
        } else {
            "active"
        }
        .into(),
        currency: "CNY".into(),
        next_due: None,
    }
}

fn fixture_reseller(i: usize) -> IndirectPartner {
    IndirectPartner {
        indirect_partner_id: format!("reseller{i:04}"),
        name: Some(NAMES[i % NAMES.len()].into()),
        account_name: Some(format!("reseller_{i}")),
        mobile_phone: i.is_multiple_of(2).then(|| format!("1360000{i:04}")),
        email: Some(format!("reseller_{i}@reseller.example")),
        account_manager_name: Some("王芳".into()),
        associated_on: Some("2025-10-19T00:00:00Z".into()),
        ..Default::default()
    }
}

fn fixture_record(i: usize) -> AdjustRecord {
    AdjustRecord {
        customer_id: format!("cust{:04}", i % 12),
        customer_name: Some(NAMES[i % NAMES.len()].into()),
        operation_type: OP_ALLOCATE.into(),
        amount: format!("{}.50", 100 + i),
        currency: "CNY".into(),
        operation_time: "2026-11-23T01:00:00Z".into(),
        measure_id: 1,
        trans_id: format!("20261123010000FUZZ{i:06}"),
        ..Default::default()
    }
}

fn fixture_service(i: usize) -> ServiceType {
    ServiceType {
        service_type_name: NAMES[i % NAMES.len()].into(),
        service_type_code: format!("hws.service.type.fuzz{i}"),
        abbreviation: i.is_multiple_of(2).then(|| format!("S{i}")),
    }
}

fn fixture_balance(account_type: i32, cents: i64) -> AccountBalance {
    AccountBalance {
        account_id: format!("acct{account_type}"),
        account_type,
        amount: Decimal::new(cents, 2),
        currency: "CNY".into(),
        measure_id: 1,
        ..Default::default()
    }
}

/// A page of `n` rows of list `list`, starting at row `offset`.
fn page_data(list: usize, offset: usize, n: usize) -> PageData {
    let rows = offset..offset + n;
    match list {
        0 => PageData::Orders(rows.map(fixture_order).collect()),
        1 => PageData::Customers(rows.map(fixture_customer).collect()),
        2 => PageData::Contracts(rows.map(fixture_contract).collect()),
        3 => PageData::Resellers(rows.map(fixture_reseller).collect()),
        4 => PageData::Funds(rows.map(fixture_record).collect()),
        _ => PageData::Catalog(rows.map(fixture_service).collect()),
    }
}

/// Rows loaded in list `list`.
fn loaded_rows(state: &State, list: usize) -> usize {
    match list {
        0 => state.orders.rows.len(),
        1 => state.customers.rows.len(),
        2 => state.contracts.rows.len(),
        3 => state.resellers.rows.len(),
        4 => state.records.rows.len(),
        _ => state.catalog.rows.len(),
    }
}

/// A console with every list and the partner's data loaded, as after a while of use.
fn loaded_state(
    read_only: bool,
    partner_center: Option<bool>,
    colors: ColorDepth,
    ascii: bool,
    pane: Pane,
) -> State {
    let session = Session {
        profile: "demo".into(),
        partner_name: "华信云科技有限公司".into(),
        partner_kind: "distributor".into(),
        endpoint: "http://127.0.0.1:1".into(),
        read_only,
        demo: true,
        utc_offset_secs: 8 * 3600,
        colors,
        ascii,
        mouse: true,
        partner_center,
        platform_id: Some(PLATFORM_ID.into()),
        ..Default::default()
    };
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut s = State::new(session, Duration::from_secs(30), t0);
    s.pane = pane;
    s.orders.rows = (0..60).map(fixture_order).collect();
    s.orders.total = Some(250);
    s.customers.rows = (0..12).map(fixture_customer).collect();
    s.customers.total = Some(44);
    s.contracts.rows = (0..3).map(fixture_contract).collect();
    s.contracts.total = Some(3);
    s.resellers.rows = (0..5).map(fixture_reseller).collect();
    s.resellers.total = Some(5);
    s.records.rows = (0..4).map(fixture_record).collect();
    s.records.total = Some(4);
    s.catalog.rows = (0..8).map(fixture_service).collect();
    s.catalog.total = Some(80);
    s.balances = Some(vec![
        fixture_balance(1, 50_000_000),
        fixture_balance(2, 10_000_000),
        fixture_balance(8, 30_000_000),
    ]);
    s.verification = Some(VerificationSetting {
        enabled: true,
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
    });
    s.profile = Some(Ok(crate::common::fixtures::demo_profile()));
    s.invitation = Some(Ok(Invitation {
        code: "HX7Q2".into(),
        link: "https://partner.example/invite/HX7Q2".into(),
    }));
    s.recharge = Some(Ok(RechargeAccount {
        account_name: "华为云计算技术有限公司".into(),
        bank_name: "招商银行北京分行".into(),
        account_number: "1109 0000 0000 0001".into(),
        currency: "CNY".into(),
        remark: "Transfers are credited within one working day.".into(),
    }));
    s.agreements = Some(Ok(vec![Agreement {
        agreement_id: "AG-FUZZ-1".into(),
        name: "代付协议 2026".into(),
        status: "valid".into(),
        signed_at: "2025-10-19T00:00:00Z".into(),
        voided_at: None,
    }]));
    s.inbox = vec![OutboxMessage {
        id: 1,
        partner_id: None,
        channel: "sms".into(),
        recipient: "13800000001".into(),
        body: "Your verification code is 123456.".into(),
        created_at: "2026-11-23T08:59:00Z".into(),
    }];
    s.health = Health::Ok(Duration::from_millis(6));
    s
}

/// Gives `msg` to `update` (its commands are not run) and draws the result.
fn feed(state: &mut State, terminal: &mut Terminal<TestBackend>, msg: Msg) {
    update(state, msg);
    terminal.draw(|f| view(state, f)).expect("drawn");
}

fn press(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn play(state: &mut State, terminal: &mut Terminal<TestBackend>, step: &Step) {
    match step {
        Step::Key(key) => feed(state, terminal, Msg::Key(*key)),
        Step::Mouse(event) => feed(state, terminal, Msg::Mouse(*event)),
        Step::Line(lead, text) => {
            feed(state, terminal, press(KeyCode::Char(*lead)));
            for c in text.chars() {
                feed(state, terminal, press(KeyCode::Char(c)));
            }
            feed(state, terminal, press(KeyCode::Enter));
        }
        Step::Paste(text) => feed(state, terminal, Msg::Paste(text.clone())),
        Step::Resize(w, h) => {
            *terminal = Terminal::new(TestBackend::new(*w, *h)).expect("a test terminal");
            feed(state, terminal, Msg::Resize(*w, *h));
        }
        Step::Tick(secs) => {
            let now = state.now + TimeDelta::seconds(*secs);
            feed(state, terminal, Msg::Tick(now));
        }
        Step::Page {
            list,
            request,
            next,
            rows,
            more,
        } => {
            let offset = if *next { loaded_rows(state, *list) } else { 0 };
            let total = (offset + *rows) as i64 + *more;
            let msg = Msg::Page {
                request: *request,
                offset: offset as i64,
                result: Ok((total, page_data(*list, offset, *rows))),
                latency: Duration::from_millis(3),
            };
            feed(state, terminal, msg);
        }
        Step::PageFailed(request) => {
            let msg = Msg::Page {
                request: *request,
                offset: 0,
                result: Err("cannot reach the backend: connection refused".into()),
                latency: Duration::from_millis(3),
            };
            feed(state, terminal, msg);
        }
        Step::Notice(result) => feed(state, terminal, Msg::Notice(result.clone())),
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn update_and_view_survive_any_keys(
        read_only in any::<bool>(),
        partner_center in prop::option::of(any::<bool>()),
        colors in select(vec![
            ColorDepth::None,
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ]),
        ascii in any::<bool>(),
        pane in 0usize..Pane::ALL.len(),
        size in (1u16..=300, 1u16..=100),
        steps in prop::collection::vec(step(), 0..200),
    ) {
        let mut state = loaded_state(read_only, partner_center, colors, ascii, Pane::ALL[pane]);
        let (w, h) = size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        update(&mut state, Msg::Resize(w, h));
        let _ = state.start();
        terminal.draw(|f| view(&state, f)).expect("drawn");
        for step in &steps {
            play(&mut state, &mut terminal, step);
        }
    }
}
