//! `update` tests: every key and overlay transition, paging, staleness and the
//! background refresh, with time given by `Msg::Tick`.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

fn state() -> State {
    let mut s = State::new(Session::default(), Duration::from_secs(30), t0());
    s.size = (120, 40);
    s
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn order(i: usize) -> CustomerOrder {
    CustomerOrder {
        order_id: format!("CS{i:05}"),
        status: 6,
        ..Default::default()
    }
}

/// The one LoadPage in `cmds`.
fn load(cmds: &[Command]) -> (u64, i64, PageQuery) {
    let pages: Vec<_> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::LoadPage {
                request,
                offset,
                query,
                ..
            } => Some((*request, *offset, query.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(pages.len(), 1, "{cmds:?}");
    pages[0].clone()
}

fn answer_orders(s: &mut State, request: u64, offset: i64, total: i64, n: usize) -> Vec<Command> {
    let rows = (offset as usize..offset as usize + n).map(order).collect();
    update(
        s,
        Msg::Page {
            request,
            offset,
            result: Ok((total, PageData::Orders(rows))),
            latency: Duration::from_millis(5),
        },
    )
}

#[test]
fn starts_on_orders_and_loads_them_with_the_balances() {
    let mut s = state();
    let cmds = s.start();
    assert_eq!(s.pane, Pane::Orders);
    let (_, offset, query) = load(&cmds);
    assert_eq!(offset, 0);
    assert!(matches!(query, PageQuery::Orders(_)));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadBalances { .. }))
    );
}

#[test]
fn moving_pages_from_the_server_near_the_end() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    // Their pay-before times are read in the background; no other page yet.
    assert!(
        answer_orders(&mut s, r, 0, 120, 50)
            .iter()
            .all(|c| matches!(c, Command::LoadDeadlines { .. }))
    );
    assert_eq!(s.orders.rows.len(), 50);
    for _ in 0..30 {
        assert!(update(&mut s, key('j')).is_empty());
    }
    assert_eq!(s.orders.selected, 30);
    update(&mut s, key('k'));
    assert_eq!(s.orders.selected, 29);
    update(&mut s, code(KeyCode::Down));
    update(&mut s, code(KeyCode::Up));
    // Within 10 rows of the end: the next page, once.
    let mut cmds = Vec::new();
    for _ in 0..12 {
        cmds.extend(update(&mut s, key('j')));
    }
    let (r2, offset, _) = load(&cmds);
    assert_eq!(offset, 50);
    assert!(
        update(&mut s, key('j')).is_empty(),
        "no second request while one is in flight"
    );
    answer_orders(&mut s, r2, 50, 120, 50);
    assert_eq!(s.orders.rows.len(), 100);
    // G: last loaded row, and the rest is fetched.
    let (r3, offset, _) = load(&update(&mut s, key('G')));
    assert_eq!((s.orders.selected, offset), (99, 100));
    assert!(
        !answer_orders(&mut s, r3, 100, 120, 20)
            .iter()
            .any(|c| matches!(c, Command::LoadPage { .. })),
        "all 120 loaded"
    );
    update(&mut s, key('G'));
    assert_eq!(s.orders.selected, 119);
    update(&mut s, key('g'));
    assert_eq!(s.orders.selected, 0);
    update(&mut s, code(KeyCode::PageDown));
    assert_eq!(s.orders.selected, 35, "a screenful at 40 rows");
    update(&mut s, code(KeyCode::PageUp));
    assert_eq!(s.orders.selected, 0);
}

#[test]
fn stale_answers_are_dropped() {
    let mut s = state();
    let (old, _, _) = load(&s.start());
    let (new, _, _) = load(&update(&mut s, key('R')));
    assert_ne!(old, new);
    answer_orders(&mut s, old, 0, 5, 5);
    assert!(
        s.orders.rows.is_empty(),
        "the older request's answer is ignored"
    );
    answer_orders(&mut s, new, 0, 3, 3);
    assert_eq!(s.orders.rows.len(), 3);
}

#[test]
fn errors_become_toasts_and_health() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    update(
        &mut s,
        Msg::Page {
            request: r,
            offset: 0,
            result: Err("CBC.0999: boom".into()),
            latency: Duration::ZERO,
        },
    );
    assert_eq!(s.orders.error.as_deref(), Some("CBC.0999: boom"));
    assert_eq!(s.health, Health::Error("CBC.0999: boom".into()));
    assert!(s.toasts[0].error);
    // The toast goes away with time.
    update(&mut s, Msg::Tick(t0() + chrono::TimeDelta::seconds(7)));
    assert!(s.toasts.is_empty());
}

#[test]
fn number_keys_switch_panes_and_load_each_once() {
    let mut s = state();
    s.start();
    for (c, pane) in [
        ('1', Pane::Customers),
        ('3', Pane::Contracts),
        ('4', Pane::Resellers),
        ('5', Pane::Funds),
        ('6', Pane::Catalog),
    ] {
        let cmds = update(&mut s, key(c));
        assert_eq!(s.pane, pane);
        assert_eq!(load(&cmds).2.pane(), pane);
        assert!(
            update(&mut s, key(c)).is_empty(),
            "{pane:?} is not loaded twice"
        );
    }
    let cmds = update(&mut s, key('7'));
    assert_eq!(s.pane, Pane::History);
    assert_eq!(
        load(&cmds).2,
        PageQuery::History(String::new()),
        "the audit log is read"
    );
    assert!(
        update(&mut s, key('2')).is_empty(),
        "Orders were loaded at start"
    );
}

#[test]
fn enter_opens_details_and_esc_closes_them() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "nothing to open yet"
    );
    answer_orders(&mut s, r, 0, 3, 3);
    update(&mut s, key('j'));
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::LoadDetail {
                request,
                query: DetailQuery::Order(id),
            },
        ] => {
            assert_eq!(id, "CS00001");
            *request
        }
        other => panic!("{other:?}"),
    };
    assert!(update(&mut s, key('j')).is_empty());
    assert_eq!(
        s.orders.selected, 1,
        "the list does not move under a detail view"
    );
    let resp = OrderDetailsResp {
        order_info: order(1),
        ..Default::default()
    };
    update(
        &mut s,
        Msg::Detail {
            request,
            result: Ok(Box::new(DetailData::Order(Box::new(resp), vec![]))),
            latency: Duration::ZERO,
        },
    );
    assert!(matches!(&s.detail, Some(Detail::Ready(d)) if matches!(**d, DetailData::Order(..))));
    update(&mut s, code(KeyCode::Esc));
    assert!(s.detail.is_none());
    // A late answer for a closed detail is dropped.
    update(
        &mut s,
        Msg::Detail {
            request,
            result: Err("late".into()),
            latency: Duration::ZERO,
        },
    );
    assert!(s.detail.is_none());
}

#[test]
fn filter_overlay_applies_to_the_query_and_keeps_bad_input_open() {
    let mut s = state();
    s.start();
    update(&mut s, key('/'));
    assert!(matches!(s.overlay, Some(Overlay::Filter(_))));
    for c in "status:paid".chars() {
        update(&mut s, key(c));
    }
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(
        matches!(s.overlay, Some(Overlay::Filter(_))),
        "stays open to fix"
    );
    assert!(s.toasts.last().unwrap().text.contains("Unknown status"));
    for _ in 0.."paid".len() {
        update(&mut s, code(KeyCode::Backspace));
    }
    update(&mut s, Msg::Paste("pending".into()));
    let (_, offset, query) = load(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(offset, 0);
    assert!(matches!(query, PageQuery::Orders(q) if q.status == Some(6)));
    assert!(s.overlay.is_none());
    assert_eq!(s.filter_text(Pane::Orders), "status:pending");
    // Esc leaves the filter as it was.
    update(&mut s, key('/'));
    update(&mut s, key('x'));
    assert!(update(&mut s, code(KeyCode::Esc)).is_empty());
    assert_eq!(s.filter_text(Pane::Orders), "status:pending");
}

#[test]
fn command_line_runs_completes_and_explains() {
    let mut s = state();
    s.start();
    update(&mut s, key(':'));
    for c in "cu".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Tab));
    match &s.overlay {
        Some(Overlay::Command(input)) => assert_eq!(input.value(), "customers "),
        other => panic!("{other:?}"),
    }
    update(&mut s, Msg::Paste("华信".into()));
    let (_, _, query) = load(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(s.pane, Pane::Customers);
    assert!(matches!(query, PageQuery::Customers(q) if q.customer.as_deref() == Some("华信")));
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("orders pending".into()));
    let (_, _, query) = load(&update(&mut s, code(KeyCode::Enter)));
    assert!(matches!(query, PageQuery::Orders(q) if q.status == Some(6)));
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("fly".into()));
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(s.toasts.last().unwrap().text.contains("Unknown command"));
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("quit".into()));
    assert_eq!(update(&mut s, code(KeyCode::Enter)), vec![Command::Quit]);
    assert!(s.quitting);
}

#[test]
fn help_overlay_takes_any_key_to_close() {
    let mut s = state();
    s.start();
    update(&mut s, key('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help)));
    assert!(
        update(&mut s, key('q')).is_empty(),
        "q closes the help, it does not quit"
    );
    assert!(s.overlay.is_none() && !s.quitting);
    update(&mut s, key('?'));
    let ctrl_c = Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(update(&mut s, ctrl_c), vec![Command::Quit]);
}

#[test]
fn keys_from_the_config_drive_update_and_their_problems_are_told_at_start() {
    let over = [
        ("pay".to_string(), vec!["P".to_string()]),
        (
            "customers".to_string(),
            vec!["b".to_string(), "Ctrl-".to_string()],
        ),
    ]
    .into_iter()
    .collect();
    let (keymap, keymap_problems) = keymap::Keymap::with_overrides(&over);
    let session = Session {
        keymap,
        keymap_problems,
        ..Session::default()
    };
    let mut s = State::new(session, Duration::from_secs(30), t0());
    s.size = (120, 40);
    s.start();
    assert_eq!(s.toasts.len(), 1, "{:?}", s.toasts);
    assert!(s.toasts[0].text.contains("\"Ctrl-\" is not a key"));
    update(&mut s, key('b'));
    assert_eq!(s.pane, Pane::Customers, "b is the Customers key now");
    update(&mut s, key('1'));
    assert_eq!(s.pane, Pane::Customers, "1 no longer is a key");
    update(&mut s, key('2'));
    assert_eq!(s.pane, Pane::Orders);
    // :keys shows the live map.
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("keys".into()));
    update(&mut s, code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Help)));
    assert!(
        s.keymap
            .describe()
            .contains(&(keymap::Action::Customers, vec!["b".into()]))
    );
}

#[test]
fn q_quits_and_unknown_keys_do_nothing() {
    let mut s = state();
    s.start();
    s.dirty = false;
    assert!(update(&mut s, key('Z')).is_empty());
    assert!(!s.dirty, "an unbound key changes nothing on screen");
    assert_eq!(update(&mut s, key('q')), vec![Command::Quit]);
}

#[test]
fn background_refresh_on_the_interval_but_not_under_an_overlay() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    answer_orders(&mut s, r, 0, 3, 3);
    s.dirty = false;
    assert!(update(&mut s, Msg::Tick(t0() + chrono::TimeDelta::seconds(10))).is_empty());
    assert!(!s.dirty, "an idle tick draws nothing");
    let cmds = update(&mut s, Msg::Tick(t0() + chrono::TimeDelta::seconds(30)));
    assert!(matches!(load(&cmds), (_, 0, PageQuery::Orders(_))));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadBalances { .. }))
    );
    update(&mut s, key('?'));
    assert!(
        update(&mut s, Msg::Tick(t0() + chrono::TimeDelta::seconds(61))).is_empty(),
        "paused under an overlay"
    );
}

#[test]
fn demo_messages_become_toasts_and_fill_the_inbox() {
    let mut s = state();
    let msg = OutboxMessage {
        id: 1,
        partner_id: None,
        channel: "sms".into(),
        recipient: "13800000001".into(),
        body: "[Huawei Cloud] Your registration verification code is 482913, valid for 10 minutes."
            .into(),
        created_at: String::new(),
    };
    update(&mut s, Msg::Outbox(vec![msg]));
    assert_eq!(s.toasts[0].text, "SMS to 138****0001: 482913 (demo)");
    assert_eq!(s.inbox.len(), 1);
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("inbox".into()));
    update(&mut s, code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Inbox)));
}

#[test]
fn the_list_window_follows_the_cursor_and_the_terminal_size() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    answer_orders(&mut s, r, 0, 50, 50);
    assert_eq!(visible_rows(&s, Pane::Orders), 35);
    for _ in 0..35 {
        update(&mut s, key('j'));
    }
    assert_eq!((s.orders.selected, s.orders.scroll), (35, 1));
    update(&mut s, key('k'));
    assert_eq!(s.orders.scroll, 1, "inside the window: no scroll");
    update(&mut s, Msg::Resize(120, 20));
    assert_eq!(
        s.orders.scroll,
        34 + 1 - 15,
        "a smaller terminal keeps the cursor visible"
    );
}

#[test]
fn a_backend_without_partner_center_gets_no_contract_requests() {
    let mut s = state();
    let cmds = s.start();
    assert!(
        cmds.contains(&Command::LoadCapabilities),
        "asked once at start"
    );
    update(&mut s, Msg::Capabilities(Ok(false)));
    assert!(update(&mut s, key('3')).is_empty(), "nothing is requested");
    assert!(s.unavailable(Pane::Contracts));
    assert!(
        update(&mut s, key('R'))
            .iter()
            .all(|c| !matches!(c, Command::LoadPage { .. }))
    );
    // A profile that forces it skips the question.
    let forced = Session {
        partner_center: Some(true),
        ..Session::default()
    };
    let mut s = State::new(forced, Duration::from_secs(30), t0());
    assert!(!s.start().contains(&Command::LoadCapabilities));
    assert_eq!(load(&update(&mut s, key('3'))).2.pane(), Pane::Contracts);
}

#[test]
fn a_failed_page_is_not_retried_until_asked() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    answer_orders(&mut s, r, 0, 120, 50);
    let mut cmds = Vec::new();
    for _ in 0..45 {
        cmds.extend(update(&mut s, key('j')));
    }
    let (r2, _, _) = load(&cmds);
    let again = update(
        &mut s,
        Msg::Page {
            request: r2,
            offset: 50,
            result: Err("down".into()),
            latency: Duration::ZERO,
        },
    );
    assert!(again.is_empty(), "no immediate retry: {again:?}");
    assert!(update(&mut s, key('j')).is_empty(), "nor on the next move");
    assert!(
        matches!(load(&update(&mut s, key('R'))), (_, 0, _)),
        "R retries"
    );
}

#[test]
fn a_new_filter_forgets_the_old_rows() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    answer_orders(&mut s, r, 0, 120, 50);
    update(&mut s, key('/'));
    update(&mut s, Msg::Paste("status:completed".into()));
    let (r2, _, _) = load(&update(&mut s, code(KeyCode::Enter)));
    assert!(
        s.orders.rows.is_empty() && s.orders.total.is_none(),
        "no rows of the old query under the new title"
    );
    update(
        &mut s,
        Msg::Page {
            request: r2,
            offset: 0,
            result: Err("down".into()),
            latency: Duration::ZERO,
        },
    );
    assert!(s.orders.rows.is_empty());
}

#[test]
fn movement_keys_scroll_a_detail_view() {
    let mut s = state();
    let (r, _, _) = load(&s.start());
    answer_orders(&mut s, r, 0, 3, 3);
    let request = match update(&mut s, code(KeyCode::Enter)).as_slice() {
        [Command::LoadDetail { request, .. }] => *request,
        other => panic!("{other:?}"),
    };
    let lines = (0..60)
        .map(|i| OrderLineItem {
            order_line_item_id: i.to_string(),
            ..Default::default()
        })
        .collect();
    let resp = OrderDetailsResp {
        order_info: order(0),
        order_line_items: lines,
        total_count: 60,
    };
    update(
        &mut s,
        Msg::Detail {
            request,
            result: Ok(Box::new(DetailData::Order(Box::new(resp), vec![]))),
            latency: Duration::ZERO,
        },
    );
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    assert_eq!(
        (s.detail_scroll, s.orders.selected),
        (2, 0),
        "the detail scrolls, the list stays"
    );
    update(&mut s, key('G'));
    assert_eq!(s.detail_scroll, 59);
    update(&mut s, key('g'));
    assert_eq!(s.detail_scroll, 0);
    update(&mut s, code(KeyCode::Esc));
    assert!(s.detail.is_none());
}

#[test]
fn the_international_site_asks_nothing_its_api_lacks() {
    let mut s = state();
    s.session.site = pc_api::site::Site::Intl;
    // No balances at start; the Funds pane asks nothing and says why.
    let cmds = s.start();
    assert!(
        cmds.iter()
            .all(|c| !matches!(c, Command::LoadBalances { .. })),
        "{cmds:?}"
    );
    assert!(s.unavailable(Pane::Funds));
    assert!(
        update(&mut s, key('5'))
            .iter()
            .all(|c| !matches!(c, Command::LoadPage { .. } | Command::LoadBalances { .. }))
    );
    // Transfers and coupons: told, not sent, and not as an error.
    update(&mut s, key('1'));
    for m in [key('+'), key('-')] {
        s.toasts.clear();
        assert!(update(&mut s, m).is_empty());
        assert!(s.modal.is_none() && s.overlay.is_none());
        assert!(
            s.toasts
                .iter()
                .any(|t| t.text.contains("international site") && !t.error),
            "{:?}",
            s.toasts
        );
    }
    s.toasts.clear();
    assert!(sensitive::recall_coupon(&mut s, "CP1").is_empty());
    assert!(
        s.toasts
            .iter()
            .any(|t| t.text.contains("international site") && !t.error)
    );
    // The Chinese site asks as before.
    let mut cn = state();
    assert!(
        cn.start()
            .iter()
            .any(|c| matches!(c, Command::LoadBalances { .. }))
    );
    assert!(!cn.unavailable(Pane::Funds));
}

/// The orders carry only their customer's id: the names are read in the background, once
/// per id, and a page of customers teaches them for nothing. A failed read is asked again.
#[test]
fn orders_show_their_customers_by_name_read_in_the_background() {
    let mut s = state();
    let (request, ..) = load(&s.start());
    let rows: Vec<CustomerOrder> = (0..4)
        .map(|i| CustomerOrder {
            customer_id: ["c-a", "c-b", "c-a", "c-c"][i].into(),
            ..order(i)
        })
        .collect();
    let cmds = update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((4, PageData::Orders(rows))),
            latency: Duration::ZERO,
        },
    );
    let asked = cmds
        .iter()
        .find_map(|c| match c {
            Command::ResolveNames { ids, .. } => Some(ids.clone()),
            _ => None,
        })
        .expect("the names are asked for");
    assert_eq!(asked, ["c-a", "c-b", "c-c"], "each id once");
    assert_eq!(
        s.names.or_short("c-a"),
        "c-a",
        "the id while the name is read"
    );
    // c-c's read failed; c-b is not one of the partner's customers.
    update(
        &mut s,
        Msg::Names {
            found: vec![
                ("c-a".into(), Some("杭州极光网络科技有限公司".into())),
                ("c-b".into(), None),
            ],
            listed: false,
            unread: vec![],
        },
    );
    update(
        &mut s,
        Msg::Names {
            found: vec![],
            listed: false,
            unread: vec!["c-c".into()],
        },
    );
    assert_eq!(s.names.or_short("c-a"), "杭州极光网络科技有限公司");
    assert_eq!(s.names.get("c-b"), None);
    assert_eq!(
        s.names.to_ask(["c-a", "c-b", "c-c"]),
        ["c-c"],
        "only the failed read is asked again"
    );
    // A page of customers: their names are known without asking.
    s.pane = Pane::Customers;
    let (request, ..) = load(&s.reload(Pane::Customers));
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((
                1,
                PageData::Customers(vec![CustomerInfo {
                    customer_id: "c-d".into(),
                    account_name: "qinghe_edu".into(),
                    customer: Some("上海青禾教育科技".into()),
                    ..Default::default()
                }]),
            )),
            latency: Duration::ZERO,
        },
    );
    assert_eq!(s.names.get("c-d"), Some("上海青禾教育科技"));
}

/// `o` sorts by the next column: by creation the backend sorts (the list is asked for
/// again with order_by), by amount the loaded rows are sorted and the title says so; `O`
/// turns it around; after the last column the backend's own order is back.
#[test]
fn o_sorts_by_the_next_column_and_capital_o_turns_it_around() {
    let mut s = state();
    let (request, ..) = load(&s.start());
    let rows: Vec<CustomerOrder> = [("CS1", "5"), ("CS2", "50"), ("CS3", "0.5")]
        .iter()
        .map(|(id, amount)| CustomerOrder {
            order_id: (*id).into(),
            amount_after_discount: amount.parse().unwrap(),
            ..Default::default()
        })
        .collect();
    let page = |s: &mut State, request: u64| {
        update(
            s,
            Msg::Page {
                request,
                offset: 0,
                result: Ok((3, PageData::Orders(rows.clone()))),
                latency: Duration::ZERO,
            },
        )
    };
    page(&mut s, request);
    let ids =
        |s: &State| -> Vec<String> { s.orders.rows.iter().map(|o| o.order_id.clone()).collect() };
    // By creation: the backend's order_by, oldest first.
    let (request, _, query) = load(&update(&mut s, key('o')));
    match query {
        PageQuery::Orders(q) => assert_eq!(q.order_by.as_deref(), Some("createTime")),
        other => panic!("{other:?}"),
    }
    page(&mut s, request);
    assert_eq!(sort::title(&s, Pane::Orders).unwrap(), "· by creation ↑ ");
    let (_, _, query) = load(&update(&mut s, key('O')));
    match query {
        PageQuery::Orders(q) => assert_eq!(q.order_by.as_deref(), Some("-createTime")),
        other => panic!("{other:?}"),
    }
    // By amount: the loaded rows, largest first; the cursor stays on its row.
    let mut s = state();
    let (request, ..) = load(&s.start());
    page(&mut s, request);
    let (request, ..) = load(&update(&mut s, key('o')));
    page(&mut s, request);
    // From creation to amount: the backend's order again, then sorted here.
    let (request, _, query) = load(&update(&mut s, key('o')));
    match query {
        PageQuery::Orders(q) => assert_eq!(q.order_by, None),
        other => panic!("{other:?}"),
    }
    page(&mut s, request);
    assert_eq!(ids(&s), ["CS2", "CS1", "CS3"]);
    assert_eq!(
        sort::title(&s, Pane::Orders).unwrap(),
        "· loaded rows by amount ↓ "
    );
    s.orders.selected = 2; // CS3
    assert!(
        update(&mut s, key('O')).is_empty(),
        "sorted here: nothing asked"
    );
    assert_eq!(ids(&s), ["CS3", "CS1", "CS2"]);
    assert_eq!(s.orders.selected, 0, "the cursor follows its row");
    // Past the last column: the backend's order, read again.
    update(&mut s, key('o'));
    update(&mut s, key('o'));
    update(&mut s, key('o'));
    let (request, ..) = load(&update(&mut s, key('o')));
    assert!(sort::title(&s, Pane::Orders).is_none());
    page(&mut s, request);
    assert_eq!(ids(&s), ["CS1", "CS2", "CS3"]);
}

/// After the phone (or e-mail) changed, the codes go there: the setting and profile are
/// read again, so that summaries name where the next code goes.
#[test]
fn a_changed_phone_is_read_again_for_the_summaries() {
    let mut s = state();
    let op = pc_core::ops::Operation::ChangePhone {
        phone: "13900000002".into(),
        confirmed: None,
    };
    let cmds = update::forms_after(&mut s, &op, true);
    assert!(cmds.contains(&Command::LoadVerification), "{cmds:?}");
    assert!(
        update::forms_after(&mut s, &op, false).is_empty(),
        "not when it failed"
    );
}

/// A pay request this profile declined reads "declined" while the customer has not
/// asked again: from this session's `x`, and from the audit log at start.
#[test]
fn orders_this_profile_declined_say_so() {
    let mut s = state();
    assert!(s.start().contains(&Command::LoadDeclined), "read at start");
    let op = pc_core::ops::Operation::RejectOrder {
        order_id: "CS-X".into(),
    };
    update::forms_after(&mut s, &op, false);
    assert!(s.declined.is_empty(), "not when it failed");
    update::forms_after(&mut s, &op, true);
    update(&mut s, Msg::Declined(vec!["CS-Y".into()]));
    assert!(s.declined.contains("CS-X") && s.declined.contains("CS-Y"));
    let asked = pc_api::AgentPayInfo {
        is_agent_pay: Some(true),
        ..Default::default()
    };
    s.orders.rows = vec![
        CustomerOrder {
            order_id: "CS-X".into(),
            status: 6,
            ..Default::default()
        },
        CustomerOrder {
            order_id: "CS-Y".into(),
            status: 6,
            agent_pay_info: Some(asked),
            ..Default::default()
        },
    ];
    s.orders.total = Some(2);
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 12)).unwrap();
    t.draw(|f| crate::ui::view(&s, f)).unwrap();
    let screen = t.backend().to_string();
    let line = |id: &str| screen.lines().find(|l| l.contains(id)).unwrap().to_string();
    assert!(line("CS-X").contains("declined"), "{screen}");
    assert!(line("CS-Y").contains("asks you"), "asked again: {screen}");
}

fn renewal(id: &str, expires: &str) -> pc_core::renewals::Renewal {
    pc_core::renewals::Renewal {
        customer_id: "c1".into(),
        customer_name: "Acme".into(),
        resource: OrderInstance {
            id: id.into(),
            resource_name: id.into(),
            expire_time: expires.into(),
            status: RESOURCE_IN_USE,
            ..Default::default()
        },
    }
}

/// `8` gathers the renewals: what is found shows as it comes (the cursor at the top
/// stays there, one moved stays on its row), the last answer ends the gathering,
/// the tab counts them, and the clock's refresh does not gather again.
#[test]
fn renewals_are_gathered_shown_as_they_come_and_not_refreshed_by_the_clock() {
    use pc_core::renewals::Progress;
    let mut s = state();
    let cmds = update(&mut s, key('8'));
    assert_eq!(s.pane, Pane::Renewals);
    let (request, offset, query) = load(&cmds);
    assert_eq!(offset, 0);
    assert!(
        matches!(&query, PageQuery::Renewals(q) if q.within_days == 30 && q.customer.is_none()),
        "{query:?}"
    );
    let progress = |read, found| Progress {
        read,
        customers: 40,
        found,
    };
    update(
        &mut s,
        Msg::RenewalsRead {
            request,
            progress: progress(10, 2),
            rows: vec![
                renewal("b", "2026-12-02T00:00:00Z"),
                renewal("c", "2026-12-03T00:00:00Z"),
            ],
        },
    );
    assert_eq!(s.renewals.rows.len(), 2);
    assert_eq!(s.renewals.pending, Some(request), "still gathering");
    assert_eq!(s.renewals_progress, Some(progress(10, 2)));
    // A sooner one found later comes first; the cursor at the top stays at the top.
    update(
        &mut s,
        Msg::RenewalsRead {
            request,
            progress: progress(20, 3),
            rows: vec![
                renewal("a", "2026-12-01T00:00:00Z"),
                renewal("b", "2026-12-02T00:00:00Z"),
                renewal("c", "2026-12-03T00:00:00Z"),
            ],
        },
    );
    assert_eq!(s.renewals.selected_row().unwrap().resource.id, "a");
    // Moved off the top, the cursor stays on its row.
    update(&mut s, key('j'));
    update(&mut s, key('j'));
    assert_eq!(s.renewals.selected_row().unwrap().resource.id, "c");
    let all = vec![
        renewal("0", "2026-11-30T00:00:00Z"),
        renewal("a", "2026-12-01T00:00:00Z"),
        renewal("b", "2026-12-02T00:00:00Z"),
        renewal("c", "2026-12-03T00:00:00Z"),
    ];
    // A stale gathering's rows are dropped.
    update(
        &mut s,
        Msg::RenewalsRead {
            request: request + 100,
            progress: progress(30, 9),
            rows: vec![],
        },
    );
    assert_eq!(s.renewals.rows.len(), 3);
    update(
        &mut s,
        Msg::RenewalsRead {
            request,
            progress: progress(40, 4),
            rows: all.clone(),
        },
    );
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((4, PageData::Renewals(all))),
            latency: Duration::from_secs(4),
        },
    );
    assert_eq!(s.renewals.pending, None);
    assert_eq!(s.renewals.selected_row().unwrap().resource.id, "c");
    assert!(
        !matches!(s.health, Health::Ok(d) if d == Duration::from_secs(4)),
        "a gathering's time is not the backend's latency"
    );
    // The clock's refresh leaves the desk alone; R gathers again.
    let cmds = update(&mut s, Msg::Tick(t0() + chrono::TimeDelta::seconds(31)));
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::LoadPage { .. })),
        "{cmds:?}"
    );
    let cmds = update(&mut s, key('R'));
    let (_, _, query) = load(&cmds);
    assert!(matches!(query, PageQuery::Renewals(_)));
    // The filter: days, status, customer; bad input is told, nothing is asked.
    s.filters
        .insert(Pane::Renewals, "days:90 status:grace acme".into());
    let cmds = s.reload(Pane::Renewals);
    let (_, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Renewals(q) if q.within_days == 90
            && q.statuses == vec![RESOURCE_EXPIRED]
            && q.customer.as_deref() == Some("acme")),
        "{query:?}"
    );
    for bad in ["days:0", "days:x", "status:gone", "when:soon"] {
        s.filters.insert(Pane::Renewals, bad.into());
        let before = s.toasts.len();
        assert!(s.reload(Pane::Renewals).is_empty(), "{bad}");
        assert_eq!(s.toasts.len(), before + 1, "{bad} is told");
    }
}

/// A government partner's Renewals and Spending explain instead of asking the API,
/// which refuses it.
#[test]
fn renewals_and_spending_are_explained_to_a_government_partner() {
    let mut s = state();
    s.session.partner_kind = "government partner".into();
    let cmds = update(&mut s, key('8'));
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::LoadPage { .. })),
        "{cmds:?}"
    );
    assert!(s.unavailable(Pane::Renewals));
    assert!(
        update(&mut s, key('9')).is_empty(),
        "nor is its customers' consumption asked for"
    );
    assert!(s.unavailable(Pane::Spending));
    s.session.partner_kind = "solution provider".into();
    assert!(!s.unavailable(Pane::Renewals) && !s.unavailable(Pane::Spending));
}

/// `l` on Funds shows the account's change records instead of the transfers, with a
/// filter of their own (credit, type:, from:, to:), and back.
#[test]
fn l_on_funds_switches_between_transfers_and_the_accounts_records() {
    let mut s = state();
    let cmds = update(&mut s, key('5'));
    assert!(matches!(load(&cmds).2, PageQuery::Funds(_)));
    let cmds = update(&mut s, key('l'));
    assert_eq!(s.funds_view, FundsView::Account);
    let (request, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Ledger(q) if q.balance_type == BALANCE_TYPE_DEBIT),
        "{query:?}"
    );
    let row = AccountChangeRecord {
        account_change_id: "AC1".into(),
        trade_detail_type: "SOURCE_OPERAIION_RECHARGE".into(),
        change_amount: "10".into(),
        balance_after_change: "110".into(),
        kind: "1".into(),
        ..Default::default()
    };
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((1, PageData::Ledger(vec![row]))),
            latency: Duration::from_millis(5),
        },
    );
    assert_eq!(s.ledger.rows.len(), 1);
    // The account's filter: `op:` belongs to the transfers and is refused here.
    s.overlay = Some(Overlay::Filter(tui_input::Input::new("op:allocate".into())));
    let before = s.toasts.len();
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(s.toasts.len(), before + 1);
    s.overlay = Some(Overlay::Filter(tui_input::Input::new(
        "credit type:payment from:2026-01-01".into(),
    )));
    let cmds = update(&mut s, code(KeyCode::Enter));
    let (_, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Ledger(q) if q.balance_type == BALANCE_TYPE_CREDIT
            && q.trade_type.as_deref() == Some("DEDEUCT")
            && q.trade_time_begin.as_deref() == Some("2026-01-01")),
        "{query:?}"
    );
    // `e` exports what is shown.
    let cmds = update(&mut s, key('e'));
    assert!(
        cmds.iter().any(|c| matches!(
            c,
            Command::Export {
                query: PageQuery::Ledger(_),
                ..
            }
        )),
        "{cmds:?}"
    );
    // The coupons issued, then back to the transfers, unfiltered.
    let cmds = update(&mut s, key('l'));
    assert_eq!(s.funds_view, FundsView::Coupons);
    assert!(matches!(load(&cmds).2, PageQuery::Coupons(_)));
    let cmds = update(&mut s, key('l'));
    assert_eq!(s.funds_view, FundsView::Transfers);
    assert!(matches!(load(&cmds).2, PageQuery::Funds(_)));
    assert_eq!(s.filter_text(Pane::Funds), "");
    // Elsewhere `l` does nothing.
    update(&mut s, key('2'));
    let cmds = update(&mut s, key('l'));
    assert!(
        s.funds_view == FundsView::Transfers && cmds.is_empty(),
        "{cmds:?}"
    );
}

/// `9` lists the customers that consumed this month (UTC+8), asks for their names and
/// totals in the background; `[` and `]` move a month, on the list and in a
/// customer's detail; Enter opens that customer's month.
#[test]
fn spending_lists_this_months_customers_and_moves_by_month() {
    let mut s = state();
    // 23:30 UTC on 30 November is already December in UTC+8.
    s.now = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
    let cmds = update(&mut s, key('9'));
    let (request, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Spending(q) if q.bill_cycle == "2026-12"),
        "{query:?}"
    );
    let rows = vec![
        pc_core::query::Consumer {
            customer_id: "c1".into(),
            bill_cycle: "2026-12".into(),
        },
        pc_core::query::Consumer {
            customer_id: "c2".into(),
            bill_cycle: "2026-12".into(),
        },
    ];
    let cmds = update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((2, PageData::Spending(rows))),
            latency: Duration::from_millis(5),
        },
    );
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::ResolveNames { ids, .. } if ids.len() == 2)),
        "{cmds:?}"
    );
    let asked = cmds.iter().find_map(|c| match c {
        Command::LoadTotals { cycle, ids, .. } => Some((cycle.clone(), ids.clone())),
        _ => None,
    });
    assert_eq!(
        asked,
        Some(("2026-12".into(), vec!["c1".into(), "c2".into()]))
    );
    update(
        &mut s,
        Msg::Total {
            cycle: "2026-12".into(),
            customer_id: "c2".into(),
            total: Some("99.5".parse().unwrap()),
        },
    );
    // c1's read ended without a total: asked again on the next load.
    update(
        &mut s,
        Msg::TotalsDone {
            cycle: "2026-12".into(),
            ids: vec!["c1".into(), "c2".into()],
        },
    );
    assert!(!s.totals.contains_key(&("2026-12".into(), "c1".into())));
    assert_eq!(
        s.totals.get(&("2026-12".into(), "c2".into())),
        Some(&Some("99.5".parse().unwrap()))
    );
    // `o` sorts by what they spent, largest first.
    update(&mut s, key('o'));
    assert_eq!(s.spending.rows[0].customer_id, "c2");
    // `[`: November.
    let cmds = update(&mut s, key('['));
    let (_, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Spending(q) if q.bill_cycle == "2026-11"),
        "{query:?}"
    );
    assert_eq!(s.filter_text(Pane::Spending), "month:2026-11");
    let cmds = update(&mut s, key(']'));
    assert!(matches!(load(&cmds).2, PageQuery::Spending(q) if q.bill_cycle == "2026-12"));
    // A bad month in the filter is told, nothing asked.
    s.overlay = Some(Overlay::Filter(tui_input::Input::new(
        "month:2026-13".into(),
    )));
    let before = s.toasts.len();
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert_eq!(s.toasts.len(), before + 1);
    s.overlay = None;
    // Enter: the customer's month; `[` in it reads the month before.
    s.spending.rows = vec![pc_core::query::Consumer {
        customer_id: "c2".into(),
        bill_cycle: "2026-12".into(),
    }];
    s.spending.selected = 0;
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDetail { query: DetailQuery::Spending(id, _, m, None), .. } if id == "c2" && m == "2026-12")),
        "{cmds:?}"
    );
    let cmds = update(&mut s, key('['));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDetail { query: DetailQuery::Spending(_, _, m, _), .. } if m == "2026-11")),
        "{cmds:?}"
    );
    assert!(s.detail.is_some(), "the detail stays open");
}

/// A distributor looks at a reseller's customers, orders and funds (`c` on Resellers,
/// or `:reseller NAME`): every such list asks for the reseller's, the title says whose,
/// writes there are refused, and `:reseller off` returns to its own.
#[test]
fn a_resellers_scope_asks_for_its_lists_and_refuses_writes() {
    let mut s = state();
    s.session.partner_kind = "distributor".into();
    s.resellers.rows = vec![IndirectPartner {
        indirect_partner_id: "r1".into(),
        name: Some("云途信息技术有限公司".into()),
        account_name: Some("yuntu_it".into()),
        ..Default::default()
    }];
    s.resellers.total = Some(1);
    s.pane = Pane::Resellers;
    let cmds = update(&mut s, key('c'));
    assert_eq!(s.pane, Pane::Customers);
    let (_, _, query) = load(&cmds);
    assert!(
        matches!(&query, PageQuery::Customers(q) if q.indirect_partner_id.as_deref() == Some("r1")),
        "{query:?}"
    );
    let cmds = update(&mut s, key('2'));
    assert!(
        matches!(load(&cmds).2, PageQuery::Orders(q) if q.indirect_partner_id.as_deref() == Some("r1"))
    );
    let cmds = update(&mut s, key('5'));
    assert!(
        matches!(load(&cmds).2, PageQuery::Funds(q) if q.indirect_partner_id.as_deref() == Some("r1"))
    );
    // Writes are refused, and said why.
    update(&mut s, key('2'));
    s.orders.rows = vec![order(1)];
    s.orders.total = Some(1);
    let before = s.toasts.len();
    assert!(update(&mut s, key('p')).is_empty());
    assert!(s.modal.is_none());
    assert!(s.toasts.len() > before);
    // `:reseller off`: one's own again.
    s.overlay = Some(Overlay::Command(tui_input::Input::new(
        "reseller off".into(),
    )));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(s.reseller.is_none());
    assert!(matches!(load(&cmds).2, PageQuery::Orders(q) if q.indirect_partner_id.is_none()));
    // `:reseller` by name; an unknown one is told.
    s.overlay = Some(Overlay::Command(tui_input::Input::new(
        "reseller 云途".into(),
    )));
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(s.reseller.as_ref().map(|r| r.id.as_str()), Some("r1"));
    s.overlay = Some(Overlay::Command(tui_input::Input::new(
        "reseller nobody".into(),
    )));
    let before = s.toasts.len();
    update(&mut s, code(KeyCode::Enter));
    assert_eq!(s.toasts.len(), before + 1);
    assert_eq!(
        s.reseller.as_ref().map(|r| r.id.as_str()),
        Some("r1"),
        "kept"
    );
}

/// Frozen customers: `o` brings them first among the loaded rows (the API has no
/// filter by freeze).
#[test]
fn frozen_customers_sort_first() {
    let mut s = state();
    s.pane = Pane::Customers;
    let c = |id: &str, frozen: Option<i32>| CustomerInfo {
        customer_id: id.into(),
        account_name: id.into(),
        is_frozen: frozen,
        ..Default::default()
    };
    s.customers.rows = vec![
        c("a", None),
        c("b", Some(1)),
        c("c", Some(0)),
        c("d", Some(2)),
    ];
    s.customers.total = Some(4);
    // account, name, associated, then frozen.
    for _ in 0..4 {
        update(&mut s, key('o'));
    }
    let order: Vec<&str> = s
        .customers
        .rows
        .iter()
        .map(|r| r.customer_id.as_str())
        .collect();
    assert_eq!(&order[..2], ["d", "b"], "{order:?}");
}

/// `-` on an issued coupon (Funds' coupons view) recalls it behind a code, as
/// `:coupon recall` does.
#[test]
fn minus_on_an_issued_coupon_recalls_it() {
    let mut s = state();
    s.pane = Pane::Funds;
    s.funds_view = FundsView::Coupons;
    s.coupons.rows = vec![IssuedCoupon {
        coupon_id: "CP1".into(),
        customer_id: "c1".into(),
        status: 2,
        ..Default::default()
    }];
    s.coupons.total = Some(1);
    update(&mut s, key('-'));
    let summary = format!("{:?}", s.modal);
    assert!(summary.contains("CP1"), "{summary}");
}

/// Enter on an issued coupon opens it: its records are read (the quota it came from),
/// a reseller's with the reseller's id.
#[test]
fn enter_on_an_issued_coupon_opens_its_records() {
    let mut s = state();
    s.pane = Pane::Funds;
    s.funds_view = FundsView::Coupons;
    s.coupons.rows = vec![IssuedCoupon {
        coupon_id: "CP1".into(),
        customer_id: "c1".into(),
        status: 2,
        ..Default::default()
    }];
    s.coupons.total = Some(1);
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDetail { query: DetailQuery::Coupon(k, None), .. } if k.coupon_id == "CP1")),
        "{cmds:?}"
    );
    update(&mut s, code(KeyCode::Esc));
    s.reseller = Some(ResellerScope {
        id: "r1".into(),
        name: "Northwind".into(),
    });
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDetail { query: DetailQuery::Coupon(_, Some(r)), .. } if r == "r1")),
        "{cmds:?}"
    );
}

/// Pending orders' pay-before times are read in the background from their details,
/// once per order; the list shows the time left (or `passed`), and `status:payable`
/// sorts what the customer asked this partner to pay and can still be paid first,
/// soonest first.
#[test]
fn pending_orders_show_the_time_left_to_pay_and_sort_by_it() {
    let mut s = state();
    let (request, ..) = load(&s.start());
    let asked = |id: &str| CustomerOrder {
        order_id: id.into(),
        status: 6,
        agent_pay_info: Some(pc_api::AgentPayInfo {
            is_agent_pay: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let rows = vec![
        asked("CS-LATE"),
        CustomerOrder {
            status: 5,
            ..asked("CS-DONE")
        },
        asked("CS-SOON"),
        asked("CS-PASSED"),
        CustomerOrder {
            agent_pay_info: None,
            ..asked("CS-SELF")
        },
    ];
    let cmds = update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((5, PageData::Orders(rows))),
            latency: Duration::ZERO,
        },
    );
    let asked_for = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadDeadlines { order_ids } => Some(order_ids.clone()),
            _ => None,
        })
        .expect("the deadlines are read");
    assert_eq!(asked_for, ["CS-LATE", "CS-SOON", "CS-PASSED", "CS-SELF"]);
    assert!(
        matches!(
            s.reload(Pane::Orders).as_slice(),
            [Command::LoadPage { .. }, ..]
        ),
        "asked once: a reload asks for no deadline again"
    );
    for (id, at) in [
        ("CS-LATE", "2026-11-25T09:00:00Z"),
        ("CS-SOON", "2026-11-23T11:30:00Z"),
        ("CS-PASSED", "2026-11-22T09:00:00Z"),
        ("CS-SELF", "2026-11-23T10:00:00Z"),
    ] {
        update(
            &mut s,
            Msg::Deadline {
                order_id: id.into(),
                pay_before: Some(at.into()),
            },
        );
    }
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 12)).unwrap();
    t.draw(|f| crate::ui::view(&s, f)).unwrap();
    let screen = t.backend().to_string();
    let line = |id: &str| screen.lines().find(|l| l.contains(id)).unwrap().to_string();
    assert!(line("CS-SOON").contains("2h 30m"), "{screen}");
    assert!(line("CS-LATE").contains("2d 0h"), "{screen}");
    assert!(line("CS-PASSED").contains("passed"), "{screen}");
    // status:payable: pending orders, asked and payable first by the time left.
    let cmds = s.set_filter(Pane::Orders, "status:payable".into());
    let (request, _, query) = load(&cmds);
    let PageQuery::Orders(q) = query else {
        panic!("{query:?}")
    };
    assert_eq!(q.status, Some(6));
    let rows: Vec<CustomerOrder> = ["CS-LATE", "CS-PASSED", "CS-SELF", "CS-SOON"]
        .into_iter()
        .map(|id| CustomerOrder {
            agent_pay_info: (id != "CS-SELF").then(|| pc_api::AgentPayInfo {
                is_agent_pay: Some(true),
                ..Default::default()
            }),
            ..asked(id)
        })
        .collect();
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((4, PageData::Orders(rows))),
            latency: Duration::ZERO,
        },
    );
    let order: Vec<&str> = s.orders.rows.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(order, ["CS-SOON", "CS-LATE", "CS-PASSED", "CS-SELF"]);
}

/// Every key a list sorts by is named in the title.
#[test]
fn every_sort_key_has_its_name() {
    for pane in Pane::ALL {
        for key in sort::keys(pane) {
            let name = sort::name(key.name);
            assert!(
                key.name == "operation" || name != t!("sort.operation"),
                "{pane:?} {}",
                key.name
            );
        }
    }
}

/// In a reseller's scope, Spending lists the reseller's customers for the month (the
/// consumption list takes no reseller), and their totals and bills are read with the
/// reseller's id.
#[test]
fn a_resellers_spending_is_read_with_its_id() {
    let mut s = state();
    s.session.partner_kind = "distributor".into();
    s.resellers.rows = vec![IndirectPartner {
        indirect_partner_id: "r1".into(),
        name: Some("Northwind".into()),
        ..Default::default()
    }];
    s.resellers.total = Some(1);
    s.set_reseller(Some(ResellerScope {
        id: "r1".into(),
        name: "Northwind".into(),
    }));
    let cmds = update(&mut s, key('9'));
    let (request, _, query) = load(&cmds);
    match &query {
        PageQuery::ResellerSpending {
            reseller,
            bill_cycle,
        } => assert_eq!((reseller.as_str(), bill_cycle.as_str()), ("r1", "2026-11")),
        other => panic!("{other:?}"),
    }
    let cmds = update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((
                1,
                PageData::Spending(vec![pc_core::query::Consumer {
                    customer_id: "c9".into(),
                    bill_cycle: "2026-11".into(),
                }]),
            )),
            latency: Duration::ZERO,
        },
    );
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadTotals { reseller: Some(r), .. } if r == "r1")),
        "{cmds:?}"
    );
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadDetail { query: DetailQuery::Spending(id, _, _, Some(r)), .. } if id == "c9" && r == "r1")),
        "{cmds:?}"
    );
}

/// Browsing page after page asks for the pending orders' deadlines one read at a time:
/// each read carries what the one it replaces had not told, after the newest page, and
/// no more than a read's size.
#[test]
fn deadlines_are_read_one_read_at_a_time() {
    let mut s = state();
    let (request, ..) = load(&s.start());
    let page = |from: usize| -> Vec<CustomerOrder> { (from..from + 60).map(order).collect() };
    let asked = |cmds: &[Command]| {
        cmds.iter()
            .find_map(|c| match c {
                Command::LoadDeadlines { order_ids } => Some(order_ids.clone()),
                _ => None,
            })
            .unwrap_or_default()
    };
    let first = asked(&update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((1000, PageData::Orders(page(0)))),
            latency: Duration::ZERO,
        },
    ));
    assert_eq!(first.len(), 60);
    // Ten of them told; the next page's read carries the other fifty after its own.
    for id in &first[..10] {
        update(
            &mut s,
            Msg::Deadline {
                order_id: id.clone(),
                pay_before: None,
            },
        );
    }
    let (request, ..) = load(&s.load_rows(Pane::Orders, 60, 60));
    let second = asked(&update(
        &mut s,
        Msg::Page {
            request,
            offset: 60,
            result: Ok((1000, PageData::Orders(page(60)))),
            latency: Duration::ZERO,
        },
    ));
    assert_eq!(second.len(), 100, "a read's size at most");
    assert_eq!(second[0], "CS00060", "the newest page first");
    assert!(second.contains(&first[10]), "what was not told yet");
    assert!(
        !second.contains(&first[0]),
        "what was told is not asked again"
    );
    // What did not fit is forgotten, to be asked when its page comes back.
    let left_out = first[10..].iter().filter(|id| !second.contains(id)).count();
    assert_eq!(left_out, 10);
    assert_eq!(
        s.deadlines
            .values()
            .filter(|d| **d == Deadline::Asked)
            .count(),
        100
    );
}

/// A detail's title while it loads is in the user's language too.
#[test]
fn a_loading_detail_is_titled_in_the_users_language() {
    use pc_core::i18n::{Locale, with_locale};
    with_locale(Locale::ZhCn, || {
        let mut s = state();
        let (request, ..) = load(&s.start());
        answer_orders(&mut s, request, 0, 1, 1);
        update(&mut s, code(KeyCode::Enter));
        match &s.detail {
            Some(Detail::Loading { title, .. }) => assert_eq!(title, "订单 CS00000"),
            other => panic!("{other:?}"),
        }
    });
}
