//! `update` tests of the verification modal: every transition, with the clock given by
//! `Msg::Tick` — code entry, wrong codes counting down, expiry, resend too early, five
//! failures, cancel at each step, pre-flight problems, batches with mixed results, the
//! setting off, read-only sessions and quitting while an operation is in flight.

use std::time::Duration;

use chrono::{TimeDelta, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rust_decimal::Decimal;

use super::modal::{Draft, ExecOutcome, Failure, ItemResult, Modal};
use super::*;
use pc_api::error::codes;
use pc_api::partner_center::{Challenge, PayMethod};
use pc_core::ops::Operation;

pub(super) fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
}

pub(super) fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

pub(super) fn code(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn order(id: &str, amount: &str, agent_pay: bool) -> CustomerOrder {
    CustomerOrder {
        order_id: id.into(),
        customer_id: "c0ffee00".into(),
        service_type_code: "hws.service.type.ec2".into(),
        status: 6,
        amount_after_discount: dec(amount),
        agent_pay_info: Some(AgentPayInfo {
            paying_agent_id: None,
            is_agent_pay: Some(agent_pay),
        }),
        ..Default::default()
    }
}

fn balance(t: i32, amount: &str) -> AccountBalance {
    AccountBalance {
        account_id: format!("acct-{t}"),
        account_type: t,
        amount: dec(amount),
        currency: "CNY".into(),
        measure_id: 1,
        ..Default::default()
    }
}

/// A state on Orders with `orders` loaded, balances known and verification on.
pub(super) fn ready(orders: Vec<CustomerOrder>) -> State {
    let session = Session {
        partner_center: Some(true),
        ..Default::default()
    };
    let mut s = State::new(session, Duration::from_secs(30), t0());
    s.size = (120, 40);
    let cmds = s.start();
    let request = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadPage { request, .. } => Some(*request),
            _ => None,
        })
        .unwrap();
    let n = orders.len() as i64;
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((n, PageData::Orders(orders))),
            latency: Duration::ZERO,
        },
    );
    s.balances = Some(vec![
        balance(1, "1000.00"),
        balance(8, "600.00"),
        balance(2, "50.00"),
    ]);
    s.verification = Some(VerificationSetting {
        enabled: true,
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
    });
    s
}

/// Opens Customers with a referral and a reseller-type customer, the cursor on the first.
pub(super) fn show_customers(s: &mut State) {
    update(s, key('1'));
    let request = s.customers.pending.unwrap();
    let customer = |id: &str, name: &str, association: &str| CustomerInfo {
        customer_id: id.into(),
        account_name: name.into(),
        association_type: Some(association.into()),
        ..Default::default()
    };
    let rows = vec![
        customer("ref", "referral_co", "1"),
        customer("res", "reseller_co", "2"),
    ];
    update(
        s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((2, PageData::Customers(rows))),
            latency: Duration::ZERO,
        },
    );
}

/// Presses p and answers the read of the orders' times as a backend that gives none
/// would: the summary opens. Other commands are returned.
pub(super) fn pay_key(s: &mut State) -> Vec<Command> {
    let mut cmds = update(s, key('p'));
    if let Some(i) = cmds
        .iter()
        .position(|c| matches!(c, Command::CheckPayment { .. }))
        && let Command::CheckPayment {
            request,
            orders,
            method,
            ..
        } = cmds.remove(i)
    {
        cmds.extend(update(
            s,
            Msg::PaymentChecked {
                request,
                orders,
                method,
                checked: modal::Checked {
                    error: None,
                    ..Default::default()
                },
            },
        ));
    }
    cmds
}

fn challenge(id: &str, now: DateTime<Utc>) -> Challenge {
    let t = |d: TimeDelta| (now + d).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    Challenge {
        challenge_id: id.into(),
        channel: Channel::Sms,
        masked_recipient: "138****0001".into(),
        expires_at: t(TimeDelta::minutes(5)),
        resend_after: t(TimeDelta::seconds(60)),
        expires_in: 300,
        resend_in: 60,
        attempts_left: 5,
    }
}

/// Presses p, Enter, answers the code request: the modal waits for the code.
fn to_code_entry(s: &mut State) {
    assert!(pay_key(s).is_empty(), "the summary costs one read, no code");
    assert!(matches!(s.modal, Some(Modal::Confirm { .. })));
    let cmds = update(s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [Command::RequestCode { request, scene, .. }] => {
            assert_eq!(*scene, Scene::PayOrders);
            *request
        }
        other => panic!("expected a code request, got {other:?}"),
    };
    assert!(matches!(s.modal, Some(Modal::CodeRequested { .. })));
    let now = s.now;
    update(
        s,
        Msg::Challenge {
            request,
            result: Ok(challenge("ch-1", now)),
        },
    );
    assert!(matches!(s.modal, Some(Modal::AwaitingCode { .. })));
}

fn type_code(s: &mut State, digits: &str) -> Vec<Command> {
    for c in digits.chars() {
        update(s, key(c));
    }
    update(s, code(KeyCode::Enter))
}

fn executed(cmds: &[Command]) -> (String, Option<Verification>) {
    match cmds {
        [
            Command::Execute {
                request_id,
                verification,
                ..
            },
        ] => (request_id.clone(), verification.clone()),
        other => panic!("expected one Execute, got {other:?}"),
    }
}

fn code_entry(s: &State) -> &modal::CodeEntry {
    match &s.modal {
        Some(Modal::AwaitingCode { code, .. }) => code,
        other => panic!("not entering a code: {other:?}"),
    }
}

#[test]
fn paying_one_order_goes_summary_code_submit_done() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    let (request_id, v) = executed(&type_code(&mut s, "123456"));
    assert_eq!(
        v,
        Some(Verification {
            challenge_id: "ch-1".into(),
            code: "123456".into()
        })
    );
    assert!(matches!(s.modal, Some(Modal::Submitting { .. })));
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Applied(vec![ItemResult {
                subject: "CS-DEMO-OK-1".into(),
                ok: true,
                detail: "paid".into(),
                code: None,
                amount: None,
            }]),
        },
    );
    assert!(matches!(s.modal, Some(Modal::Done { .. })));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(s.modal.is_none());
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::LoadBalances { .. }))
    );
    assert!(cmds.iter().any(|c| matches!(
        c,
        Command::LoadPage {
            query: PageQuery::Orders(_),
            ..
        }
    )));
}

#[test]
fn the_summary_shows_balances_before_and_after() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    pay_key(&mut s);
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!("no summary");
    };
    let text = summary.lines.join("\n");
    assert!(text.contains("¥1,000.00 → ¥900.00"), "{text}");
    assert!(text.contains("¥600.00 → ¥500.00"), "{text}");
    assert!(summary.problems.is_empty());
}

#[test]
fn wrong_codes_count_down_and_five_kill_the_code() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    for left in (1..=4).rev() {
        let (request_id, _) = executed(&type_code(&mut s, "000000"));
        update(
            &mut s,
            Msg::Executed {
                request_id,
                sent_as: None,
                outcome: ExecOutcome::Failed(Failure::refused(
                    codes::CODE_WRONG,
                    &format!("The verification code is wrong: {left} attempts left."),
                )),
            },
        );
        let entry = code_entry(&s);
        assert_eq!(entry.attempts_left, left);
        assert_eq!(entry.input.value(), "", "the wrong code is cleared");
        assert!(entry.error.as_deref().unwrap().contains("wrong"));
    }
    let (request_id, _) = executed(&type_code(&mut s, "000000"));
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Failed(Failure::refused(
                codes::CODE_TOO_MANY_FAILURES,
                "Wrong code, 5 times",
            )),
        },
    );
    assert_eq!(code_entry(&s).attempts_left, 0);
    // A dead code is not sent again.
    assert!(type_code(&mut s, "123456").is_empty());
    assert!(
        code_entry(&s)
            .error
            .as_deref()
            .unwrap()
            .contains("r for a new one")
    );
    // On screen: no countdown for a dead code, only the way out.
    let screen = draw(&s);
    assert!(screen.contains("this code no longer works"), "{screen}");
    assert!(screen.contains("r sends a new code in"), "{screen}");
    assert!(!screen.contains("expires in"), "{screen}");
}

fn draw(s: &State) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    t.draw(|f| crate::ui::view(s, f)).unwrap();
    t.backend().to_string()
}

/// Esc after a code was sent keeps it while it works: confirming the same operation
/// again goes straight to its entry, with no new code (and no minute's wait).
#[test]
fn a_code_still_valid_after_esc_is_used_by_the_same_operation() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    update(&mut s, key('1'));
    update(&mut s, code(KeyCode::Esc));
    assert!(s.modal.is_none());
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("still works until 09:05"),
        "{:?}",
        s.toasts
    );
    update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(20)));
    pay_key(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(cmds.is_empty(), "no new code: {cmds:?}");
    let entry = code_entry(&s);
    assert_eq!(entry.challenge.challenge_id, "ch-1");
    assert_eq!(entry.input.value(), "", "what was typed is not kept");
    // Once it has expired, confirming asks for a new one.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(301)));
    pay_key(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        matches!(cmds.as_slice(), [Command::RequestCode { .. }]),
        "{cmds:?}"
    );
}

#[test]
fn an_expired_code_is_not_sent_and_resend_waits_a_minute() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    // Too early for a new code.
    update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(10)));
    assert!(update(&mut s, key('r')).is_empty());
    assert!(code_entry(&s).error.as_deref().unwrap().contains("in 50 s"));
    // Five minutes on, the code has expired: Enter refuses locally.
    update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(301)));
    assert!(type_code(&mut s, "123456").is_empty());
    assert!(code_entry(&s).error.as_deref().unwrap().contains("expired"));
    // r asks for a new one, which replaces the old.
    let cmds = update(&mut s, key('r'));
    let request = match cmds.as_slice() {
        [Command::RequestCode { request, .. }] => *request,
        other => panic!("{other:?}"),
    };
    let now = s.now;
    update(
        &mut s,
        Msg::Challenge {
            request,
            result: Ok(challenge("ch-2", now)),
        },
    );
    let entry = code_entry(&s);
    assert_eq!(entry.challenge.challenge_id, "ch-2");
    assert_eq!(entry.input.value(), "");
    let (_, v) = executed(&type_code(&mut s, "654321"));
    assert_eq!(v.unwrap().challenge_id, "ch-2");
}

#[test]
fn esc_cancels_at_every_step_before_sending_and_not_after() {
    // Summary, code requested, code entry: Esc closes, nothing is sent.
    for steps in 0..3 {
        let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
        pay_key(&mut s);
        if steps >= 1 {
            update(&mut s, code(KeyCode::Enter));
        }
        if steps >= 2 {
            let request = match &s.modal {
                Some(Modal::CodeRequested { request, .. }) => *request,
                _ => unreachable!(),
            };
            let now = s.now;
            update(
                &mut s,
                Msg::Challenge {
                    request,
                    result: Ok(challenge("ch-1", now)),
                },
            );
            update(&mut s, key('1'));
        }
        assert!(update(&mut s, code(KeyCode::Esc)).is_empty());
        assert!(s.modal.is_none(), "step {steps}");
        assert!(s.toasts.iter().any(|t| t.text.contains("nothing was done")));
    }
    // A late code answer after Esc changes nothing.
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    pay_key(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    update(&mut s, code(KeyCode::Esc));
    if let [Command::RequestCode { request, .. }] = cmds.as_slice() {
        let now = s.now;
        update(
            &mut s,
            Msg::Challenge {
                request: *request,
                result: Ok(challenge("late", now)),
            },
        );
    }
    assert!(s.modal.is_none());
    // Once sent, Esc does not pretend to cancel.
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    type_code(&mut s, "123456");
    assert!(update(&mut s, code(KeyCode::Esc)).is_empty());
    assert!(matches!(s.modal, Some(Modal::Submitting { .. })));
}

/// Presses p and answers the read of the orders' times with these (pay-before, start)
/// times.
fn answer_times(s: &mut State, times: &[(Option<&str>, Option<&str>)]) {
    let cmds = update(s, key('p'));
    let [
        Command::CheckPayment {
            request,
            orders,
            method,
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!("the times are read first: {cmds:?}")
    };
    assert!(
        matches!(s.modal, Some(Modal::Loading { .. })),
        "and said so"
    );
    let orders = orders
        .iter()
        .zip(times)
        .map(|(o, (due, starts))| pc_core::ops::OrderToPay {
            pay_before: due.map(str::to_string),
            starts: starts.map(str::to_string),
            ..o.clone()
        })
        .collect();
    let cmds = update(
        s,
        Msg::PaymentChecked {
            request: *request,
            orders,
            method: *method,
            checked: modal::Checked {
                error: None,
                ..Default::default()
            },
        },
    );
    assert!(cmds.is_empty());
}

#[test]
fn a_passed_pay_before_or_start_time_is_told_before_a_code_is_spent() {
    // t0 is 2026-11-23 09:00 UTC.
    let mut s = ready(vec![order("CS-DUE", "10.00", true)]);
    answer_times(
        &mut s,
        &[(Some("2026-11-24T11:30:00Z"), Some("2026-11-24T11:30:00Z"))],
    );
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l == "CS-DUE: pay before 2026-11-24 11:30 (1 d 2 h left)."),
        "the pay-before time and the time left: {:?}",
        summary.lines
    );
    update(&mut s, code(KeyCode::Esc));

    let mut s = ready(vec![order("CS-LATE", "10.00", true)]);
    answer_times(&mut s, &[(Some("2026-11-23T08:59:00Z"), None)]);
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        summary.problems[0].contains("pay-before time (2026-11-23 08:59) has passed"),
        "{:?}",
        summary.problems
    );
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "no code is requested"
    );

    let mut s = ready(vec![order("CS-DEMO-EXPIRED", "10.00", true)]);
    answer_times(
        &mut s,
        &[(Some("2026-11-30T09:00:00Z"), Some("2026-11-23T08:50:00Z"))],
    );
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        summary.problems[0].contains("was to start at 2026-11-23 08:50"),
        "{:?}",
        summary.problems
    );
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());

    // Times that cannot be read are said, and the backend checks them.
    let mut s = ready(vec![order("CS-DUE", "10.00", true)]);
    let cmds = update(&mut s, key('p'));
    let [
        Command::CheckPayment {
            request,
            orders,
            method,
            ..
        },
    ] = cmds.as_slice()
    else {
        panic!()
    };
    update(
        &mut s,
        Msg::PaymentChecked {
            request: *request,
            orders: orders.clone(),
            method: *method,
            checked: modal::Checked {
                error: Some("timed out".into()),
                ..Default::default()
            },
        },
    );
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(summary.problems.is_empty());
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l.contains("could not be read (timed out)"))
    );
}

#[test]
fn pre_flight_problems_stop_before_a_code_is_spent() {
    // More than the allocatable balance.
    let mut s = ready(vec![order("CS-BIG", "700.00", true)]);
    pay_key(&mut s);
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        summary.problems[0].contains("Recharge first"),
        "{:?}",
        summary.problems
    );
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "no code is requested"
    );
    // The customer did not ask the partner to pay.
    let mut s = ready(vec![order("CS-SELF", "10.00", false)]);
    pay_key(&mut s);
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(summary.problems[0].contains("did not ask you"));
    // Marketplace orders from the credit line.
    let mut market = order("CS-DEMO-MARKET", "10.00", true);
    market.service_type_code = "hws.service.type.marketplace".into();
    let mut s = ready(vec![market]);
    pay_key(&mut s);
    update(&mut s, key('m'));
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(matches!(
        op,
        Operation::PayOrders {
            method: PayMethod::Credit,
            ..
        }
    ));
    assert!(
        summary.problems.iter().any(|p| p.contains("balance only")),
        "{summary:?}"
    );
    update(&mut s, key('m'));
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(summary.problems.is_empty());
}

/// Space selects only what can be paid on behalf (and says why not); the title counts
/// and totals; Esc and a new filter let go of the selection, and say so.
#[test]
fn only_payable_orders_are_selected_and_the_selection_is_seen_and_let_go() {
    let mut done = order("CS-DONE", "5.00", true);
    done.status = 5;
    let mut s = ready(vec![
        order("CS-A", "30.00", true),
        done,
        order("CS-SELF", "7.00", false),
        order("CS-B", "20.50", true),
    ]);
    for _ in 0..4 {
        update(&mut s, key(' '));
    }
    let picked: Vec<&str> = s.selection.iter().map(|o| o.order_id.as_str()).collect();
    assert_eq!(picked, ["CS-A", "CS-B"]);
    let told: Vec<&str> = s.toasts.iter().map(|t| t.text.as_str()).collect();
    assert!(
        told.iter().any(|t| t.contains("CS-DONE is completed")),
        "{told:?}"
    );
    assert!(
        told.iter()
            .any(|t| t.contains("did not ask you to pay CS-SELF"))
    );
    assert_eq!(s.selection_total(), dec("50.50"));
    update(&mut s, code(KeyCode::Esc));
    assert!(s.selection.is_empty(), "Esc lets go");
    assert!(s.toasts.last().unwrap().text.contains("Let go of the 2"));
    update(&mut s, key('g'));
    update(&mut s, key(' '));
    assert_eq!(s.selection.len(), 1);
    // A new filter would hide what is selected: it is let go.
    update(&mut s, key('/'));
    update(&mut s, Msg::Paste("status:pending".into()));
    update(&mut s, code(KeyCode::Enter));
    assert!(s.selection.is_empty());
}

#[test]
fn a_batch_pays_the_selection_with_one_code_and_mixed_results() {
    let mut s = ready(vec![
        order("CS-DEMO-QUOTA", "30.00", true),
        order("CS-DEMO-OK-2", "20.00", true),
        order("CS-DEMO-OK-3", "10.00", true),
    ]);
    update(&mut s, key(' '));
    update(&mut s, key(' '));
    assert_eq!(s.selection.len(), 2);
    assert_eq!(s.orders.selected, 2, "Space moves down");
    to_code_entry(&mut s);
    let cmds = type_code(&mut s, "123456");
    let (request_id, _) = executed(&cmds);
    let Command::Execute { op, .. } = &cmds[0] else {
        unreachable!()
    };
    assert_eq!(
        op.target(),
        vec!["balance", "CS-DEMO-QUOTA", "CS-DEMO-OK-2"]
    );
    assert_eq!(op.amount(), Some(dec("50.00")));
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Applied(vec![
                ItemResult {
                    subject: "CS-DEMO-QUOTA".into(),
                    ok: false,
                    detail: "quota".into(),
                    code: Some(codes::QUOTA_INSUFFICIENT_PAY.into()),
                    amount: None,
                },
                ItemResult {
                    subject: "CS-DEMO-OK-2".into(),
                    ok: true,
                    detail: "paid".into(),
                    code: None,
                    amount: None,
                },
            ]),
        },
    );
    let Some(Modal::Done { outcome, .. }) = &s.modal else {
        panic!()
    };
    assert_eq!(modal::short(outcome), "1 of 2 done");
    update(&mut s, code(KeyCode::Enter));
    assert!(s.selection.is_empty(), "the selection is spent");
}

#[test]
fn with_verification_off_the_summary_still_asks_but_no_code() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    s.verification.as_mut().unwrap().enabled = false;
    pay_key(&mut s);
    assert!(
        matches!(s.modal, Some(Modal::Confirm { .. })),
        "a summary first"
    );
    let (_, v) = executed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(v, None);
}

#[test]
fn read_only_sessions_and_bss_only_backends_refuse_writes() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    s.session.read_only = true;
    for c in ['p', 'x', 'a'] {
        assert!(update(&mut s, key(c)).is_empty());
        assert!(s.modal.is_none());
    }
    assert!(s.toasts.iter().all(|t| t.text.contains("Read-only")));
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    s.partner_center = Some(false);
    pay_key(&mut s);
    assert!(s.modal.is_none());
    assert!(s.toasts[0].text.contains("only in the web partner center"));
}

#[test]
fn pasting_a_code_keeps_its_digits() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    update(&mut s, Msg::Paste("code: 12 34 567".into()));
    assert_eq!(code_entry(&s).input.value(), "123456");
    update(&mut s, key('x'));
    assert_eq!(
        code_entry(&s).input.value(),
        "123456",
        "letters are ignored"
    );
}

#[test]
fn adjusting_a_price_loads_the_limits_and_checks_them() {
    let mut s = ready(vec![order("CS-DEMO-OK-5", "100.00", true)]);
    let cmds = update(&mut s, key('a'));
    let request = match cmds.as_slice() {
        [Command::LoadPricing { request, order_id }] => {
            assert_eq!(order_id, "CS-DEMO-OK-5");
            *request
        }
        other => panic!("{other:?}"),
    };
    update(
        &mut s,
        Msg::Pricing {
            request,
            result: Ok(OrderPricing {
                order_id: "CS-DEMO-OK-5".into(),
                status: 6,
                unit_price: dec("50.00"),
                catalog_unit_price: dec("50.00"),
                floor_unit_price: dec("35.00"),
                quantity: 2,
                periods: 1,
                amount: dec("100.00"),
                official_amount: dec("100.00"),
            }),
        },
    );
    assert!(matches!(s.modal, Some(Modal::Entry { selected: true, .. })));
    // The filled-in price is selected: typing replaces it (50.00 + 4 is 4, not 50.004).
    update(&mut s, key('4'));
    let Some(Modal::Entry {
        input, selected, ..
    }) = &s.modal
    else {
        panic!()
    };
    assert_eq!((input.value(), *selected), ("4", false));
    update(&mut s, code(KeyCode::Backspace));
    for c in "30".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, .. }) = &s.modal else {
        panic!()
    };
    assert!(error.as_deref().unwrap().contains("floor price ¥35.00"));
    update(&mut s, key('.'));
    update(&mut s, key('5'));
    for c in "0".chars() {
        update(&mut s, key(c));
    }
    // "30.50" is still below the floor; make it 40.
    for _ in 0..5 {
        update(&mut s, code(KeyCode::Backspace));
    }
    for c in "40".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.amount(), Some(dec("80")));
    assert!(
        summary.lines.iter().any(|l| l.contains("¥100.00 → ¥80.00")),
        "{summary:?}"
    );
    // Only pending orders can be re-priced.
    let mut done = order("CS-PAID", "1.00", true);
    done.status = 5;
    let mut s = ready(vec![done]);
    assert!(update(&mut s, key('a')).is_empty());
    assert!(s.toasts[0].text.contains("pending payment"));
}

#[test]
fn transfers_take_an_amount_and_refuse_referral_customers() {
    let mut s = ready(vec![]);
    show_customers(&mut s);
    update(&mut s, key('+'));
    assert!(s.modal.is_none());
    assert!(s.toasts.last().unwrap().text.contains("referral customer"));
    update(&mut s, key('j'));
    update(&mut s, key('+'));
    assert!(matches!(s.modal, Some(Modal::Entry { .. })));
    for c in "abc".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        error.as_deref().unwrap().contains("not an amount"),
        "letters are not typed"
    );
    for c in "10.555".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, .. }) = &s.modal else {
        panic!()
    };
    assert!(error.as_deref().unwrap().contains("2 decimals"));
    update(&mut s, code(KeyCode::Backspace));
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Confirm { op, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.scene(), Some(Scene::CustomerAllocate));
    assert_eq!(op.target(), vec!["res".to_string(), "10.55".to_string()]);
}

#[test]
fn quitting_while_an_operation_is_in_flight_asks_first() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    type_code(&mut s, "123456");
    assert!(update(&mut s, key('q')).is_empty());
    assert!(!s.quitting);
    assert!(s.toasts.last().unwrap().text.contains("press q again"));
    assert_eq!(update(&mut s, key('q')), vec![Command::Quit]);
}

#[test]
fn a_lost_answer_shows_what_the_backend_said() {
    for (outcome, words) in [
        (ExecOutcome::NotApplied, "not applied"),
        (ExecOutcome::Unknown("timeout".into()), "next start"),
    ] {
        let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
        to_code_entry(&mut s);
        let (request_id, _) = executed(&type_code(&mut s, "123456"));
        update(
            &mut s,
            Msg::Executed {
                request_id,
                sent_as: None,
                outcome,
            },
        );
        let Some(Modal::Done { outcome, .. }) = &s.modal else {
            panic!()
        };
        assert!(modal::short(outcome).contains(words));
    }
}

#[test]
fn turning_verification_off_from_the_profile_command() {
    let mut s = ready(vec![]);
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("profile".into()));
    assert_eq!(
        update(&mut s, code(KeyCode::Enter)),
        vec![Command::LoadProfile]
    );
    assert!(matches!(s.overlay, Some(Overlay::Profile)));
    update(&mut s, key('v'));
    let Some(Modal::Confirm { op, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op, &Operation::SetVerification { enabled: false });
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(matches!(
        cmds.as_slice(),
        [Command::RequestCode {
            scene: Scene::VerificationOff,
            ..
        }]
    ));
}

#[test]
fn a_lost_answer_blocks_a_repeat_and_c_asks_again_about_the_same_request() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    let (request_id, _) = executed(&type_code(&mut s, "123456"));
    update(
        &mut s,
        Msg::Executed {
            request_id: request_id.clone(),
            sent_as: None,
            outcome: ExecOutcome::Unknown("timeout".into()),
        },
    );
    assert_eq!(s.unresolved.len(), 1);
    // Closing and paying the same order again is stopped before a code is spent.
    update(&mut s, code(KeyCode::Enter));
    pay_key(&mut s);
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        summary
            .problems
            .iter()
            .any(|p| p.contains("lost its answer")),
        "{summary:?}"
    );
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    update(&mut s, code(KeyCode::Esc));
    // c on the result asks about the same request id; it never sends the payment again.
    s.modal = Some(Modal::Done {
        op: s.unresolved[0].1.clone(),
        outcome: ExecOutcome::Unknown("timeout".into()),
    });
    let cmds = update(&mut s, key('c'));
    assert_eq!(
        cmds,
        vec![Command::Recheck {
            request_id: request_id.clone(),
            op: s.unresolved[0].1.clone()
        }]
    );
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::NotApplied,
        },
    );
    assert!(s.unresolved.is_empty());
    assert!(matches!(
        s.modal,
        Some(Modal::Done {
            outcome: ExecOutcome::NotApplied,
            ..
        })
    ));
}

#[test]
fn an_operation_sent_again_under_a_new_id_is_asked_about_under_that_id() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    let (request_id, _) = executed(&type_code(&mut s, "123456"));
    let resent = format!("{request_id}-2");
    update(
        &mut s,
        Msg::Executed {
            request_id: request_id.clone(),
            sent_as: Some(resent.clone()),
            outcome: ExecOutcome::Unknown("timeout".into()),
        },
    );
    // The modal that confirmed it shows the result, and `c` asks about the resend.
    assert!(matches!(s.modal, Some(Modal::Done { .. })));
    assert_eq!(s.unresolved.len(), 1);
    assert_eq!(s.unresolved[0].0, resent);
    let cmds = update(&mut s, key('c'));
    assert_eq!(
        cmds,
        vec![Command::Recheck {
            request_id: resent.clone(),
            op: s.unresolved[0].1.clone()
        }]
    );
    update(
        &mut s,
        Msg::Executed {
            request_id: resent,
            sent_as: None,
            outcome: ExecOutcome::NotApplied,
        },
    );
    assert!(s.unresolved.is_empty());
}

#[test]
fn the_backend_saying_codes_are_off_updates_the_setting() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    pay_key(&mut s);
    let cmds = update(&mut s, code(KeyCode::Enter));
    let [Command::RequestCode { request, .. }] = cmds.as_slice() else {
        panic!()
    };
    update(
        &mut s,
        Msg::Challenge {
            request: *request,
            result: Err(Failure::refused(
                codes::VERIFICATION_OFF,
                "Verification codes are turned off",
            )),
        },
    );
    assert!(!s.verification.as_ref().unwrap().enabled);
    // Enter now confirms without a code.
    let (_, v) = executed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(v, None);
}

#[test]
fn a_partner_issues_a_coupon_from_a_quota_that_covers_it() {
    let mut s = ready(vec![]);
    s.session.partner_kind = "government".into();
    show_customers(&mut s);
    let command = |s: &mut State, line: &str| {
        update(s, key(':'));
        update(s, Msg::Paste(line.into()));
        update(s, code(KeyCode::Enter))
    };
    assert!(command(&mut s, "coupon 50").is_empty());
    assert!(s.toasts.last().unwrap().text.contains("referral customer"));
    update(&mut s, key('j'));
    let cmds = command(&mut s, "coupon 50");
    let [Command::LoadQuotas { request, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    let quota = |id: &str, status: i32, balance: &str| CouponQuota {
        quota_id: id.into(),
        quota_status: status,
        balance: dec(balance),
        effective_time: "2026-01-01T00:00:00Z".into(),
        expire_time: "2027-01-01T00:00:00Z".into(),
        ..Default::default()
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![
                quota("Q-INVALID", 3, "1000"),
                CouponQuota {
                    expire_time: "2026-11-01T00:00:00Z".into(),
                    ..quota("Q-EXPIRED", 0, "1000")
                },
                quota("Q-SMALL", 0, "20"),
                quota("Q-BIG", 0, "900"),
            ]),
        },
    );
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.scene(), Some(Scene::CouponIssue));
    assert_eq!(op.target(), vec!["Q-BIG", "50.00", "res"]);
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l.contains("¥900.00 → ¥850.00")),
        "{summary:?}"
    );
    // Too big for every quota: said before anything is asked.
    update(&mut s, code(KeyCode::Esc));
    let cmds = command(&mut s, "coupon 5000");
    let [Command::LoadQuotas { request, .. }] = cmds.as_slice() else {
        panic!()
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![quota("Q-BIG", 0, "900")]),
        },
    );
    assert!(s.modal.is_none());
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("No usable coupon quota")
    );
    // A distributor issues them too: its quotas are read first.
    s.session.partner_kind = "distributor".into();
    let cmds = command(&mut s, "coupon 50");
    assert!(
        cmds.iter().any(|c| matches!(c, Command::LoadQuotas { .. })),
        "{cmds:?}"
    );
}

#[test]
fn a_bss_only_backend_still_moves_funds_through_bss_without_a_code() {
    let mut s = ready(vec![]);
    s.partner_center = Some(false);
    s.verification = None;
    update(&mut s, key('4'));
    let request = s.resellers.pending.unwrap();
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((
                1,
                PageData::Resellers(vec![IndirectPartner {
                    indirect_partner_id: "r1".into(),
                    name: Some("Northwind".into()),
                    ..Default::default()
                }]),
            )),
            latency: Duration::ZERO,
        },
    );
    update(&mut s, key('+'));
    for c in "100".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert!(
        summary.lines.iter().any(|l| l.contains("public BSS API")),
        "{summary:?}"
    );
    let cmds = update(&mut s, code(KeyCode::Enter));
    match cmds.as_slice() {
        [
            Command::Execute {
                verification: None,
                bss_only: true,
                op: Operation::Transfer { amount, .. },
                ..
            },
        ] => assert_eq!(*amount, dec("100")),
        other => panic!("a BSS transfer without a code: {other:?}"),
    }
}

#[test]
fn an_outcome_the_backend_cannot_tell_warns_but_does_not_block_and_m_keeps_the_guard() {
    // Huawei's own BSS has no status query: the result says to check the adjust
    // records, and the operation is not held as unresolved.
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    let (request_id, _) = executed(&type_code(&mut s, "123456"));
    update(
        &mut s,
        Msg::Executed {
            request_id,
            sent_as: None,
            outcome: ExecOutcome::Unverifiable("check the adjust records".into()),
        },
    );
    assert!(s.unresolved.is_empty());
    assert!(
        modal::short(match &s.modal {
            Some(Modal::Done { outcome, .. }) => outcome,
            _ => panic!(),
        })
        .contains("check the adjust records")
    );
    // The same order again: a warning to check first, which does not stop it.
    update(&mut s, code(KeyCode::Enter));
    pay_key(&mut s);
    let Some(Modal::Confirm { op, summary, .. }) = s.modal.take() else {
        panic!()
    };
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l.contains("may have been applied") && l.contains("adjust records")),
        "{summary:?}"
    );
    assert!(summary.problems.is_empty(), "{summary:?}");
    // An unknown outcome, then m on a new summary of the same order: still stopped.
    s.unresolved.push(("r-lost".into(), op));
    pay_key(&mut s);
    update(&mut s, key('m'));
    update(&mut s, key('m'));
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!()
    };
    assert!(
        summary
            .problems
            .iter()
            .any(|p| p.contains("lost its answer")),
        "{summary:?}"
    );
}

#[test]
fn a_start_up_resolution_the_backend_cannot_tell_warns_until_the_same_operation_applies() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    pay_key(&mut s);
    let Some(Modal::Confirm { op, .. }) = s.modal.take() else {
        panic!()
    };
    // Resolved at start: an earlier session's payment of this order cannot be checked.
    update(
        &mut s,
        Msg::Resolved(vec![(
            "r-old".into(),
            op.clone(),
            ExecOutcome::Unverifiable("check the order's status".into()),
        )]),
    );
    let warned = |s: &mut State| {
        pay_key(s);
        let Some(Modal::Confirm { summary, .. }) = s.modal.take() else {
            panic!()
        };
        summary
            .lines
            .iter()
            .any(|l| l.contains("may have been applied"))
    };
    assert!(warned(&mut s));
    // Another operation's outcome (the modal shows a different request) changes nothing.
    update(
        &mut s,
        Msg::Executed {
            request_id: "r-other".into(),
            sent_as: None,
            outcome: ExecOutcome::Applied(vec![]),
        },
    );
    assert!(warned(&mut s));
    // The same payment applied since: no more warning.
    update(
        &mut s,
        Msg::Resolved(vec![("r-new".into(), op, ExecOutcome::Applied(vec![]))]),
    );
    assert!(!warned(&mut s));
}

#[test]
fn e_exports_the_filtered_view_with_progress_and_esc_cancels() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    update(&mut s, key('/'));
    update(&mut s, Msg::Paste("status:pending".into()));
    update(&mut s, code(KeyCode::Enter));
    let cmds = update(&mut s, key('e'));
    let request = match cmds.as_slice() {
        [
            Command::Export {
                request,
                query: PageQuery::Orders(q),
                pane: Pane::Orders,
            },
        ] => {
            assert_eq!(q.status, Some(6), "the export follows the filter");
            *request
        }
        other => panic!("{other:?}"),
    };
    assert!(update(&mut s, key('e')).is_empty(), "one export at a time");
    update(
        &mut s,
        Msg::ExportProgress {
            request,
            rows: 100,
            total: 250,
        },
    );
    assert_eq!(s.export.as_ref().unwrap().rows, 100);
    update(
        &mut s,
        Msg::Exported {
            request,
            result: Ok(("/tmp/orders.csv".into(), 250)),
        },
    );
    assert!(s.export.is_none());
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("Exported 250 rows of Orders to /tmp/orders.csv")
    );
    // A second export, cancelled with Esc.
    let cmds = update(&mut s, key('e'));
    let [Command::Export { request, .. }] = cmds.as_slice() else {
        panic!()
    };
    let request = *request;
    assert_eq!(
        update(&mut s, code(KeyCode::Esc)),
        vec![Command::CancelExport { request }]
    );
    assert!(s.export.is_none());
    // Its late answer is ignored.
    update(
        &mut s,
        Msg::Exported {
            request,
            result: Ok(("/tmp/x.csv".into(), 1)),
        },
    );
    assert!(!s.toasts.iter().any(|t| t.text.contains("/tmp/x.csv")));
}

#[test]
fn recharge_and_agreements_overlays_load_act_and_pre_check() {
    let mut s = ready(vec![]);
    let command = |s: &mut State, line: &str| {
        update(s, key(':'));
        update(s, Msg::Paste(line.into()));
        update(s, code(KeyCode::Enter))
    };
    assert_eq!(command(&mut s, "recharge"), vec![Command::LoadRecharge]);
    assert!(matches!(s.overlay, Some(Overlay::Recharge)));
    assert_eq!(update(&mut s, key('s')), vec![Command::SendRechargeAccount]);
    assert_eq!(update(&mut s, key('d')), vec![Command::DownloadProof]);
    update(&mut s, key('x'));
    assert!(s.overlay.is_none());

    assert_eq!(command(&mut s, "agreements"), vec![Command::LoadAgreements]);
    let agreement = |id: &str, status: &str| Agreement {
        agreement_id: id.into(),
        name: "代付协议".into(),
        status: status.into(),
        signed_at: "2025-01-01T00:00:00Z".into(),
        voided_at: None,
    };
    update(
        &mut s,
        Msg::Agreements(Ok(vec![
            agreement("AG-1", "valid"),
            agreement("AG-0", "voided"),
        ])),
    );
    // Adding while one is valid: stopped in the summary.
    update(&mut s, key('n'));
    let Some(Modal::Confirm { summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert!(summary.problems[0].contains("AG-1 is still valid"));
    update(&mut s, code(KeyCode::Esc));
    // Voiding the valid one: a summary, then sent without a code.
    command(&mut s, "agreements");
    update(
        &mut s,
        Msg::Agreements(Ok(vec![
            agreement("AG-1", "valid"),
            agreement("AG-0", "voided"),
        ])),
    );
    update(&mut s, key('j'));
    update(&mut s, key('v'));
    assert!(s.modal.is_none(), "a voided one cannot be voided");
    update(&mut s, key('k'));
    update(&mut s, key('v'));
    let (_, v) = executed(&update(&mut s, code(KeyCode::Enter)));
    assert_eq!(v, None);
}

#[test]
fn i_shows_the_invitation_and_new_associations_arrive_while_it_is_up() {
    let mut s = ready(vec![]);
    assert!(update(&mut s, key('i')).is_empty(), "only on Customers");
    show_customers(&mut s);
    assert_eq!(update(&mut s, key('i')), vec![Command::LoadInvitation]);
    assert!(matches!(s.overlay, Some(Overlay::Invite)));
    // The background refresh goes on under the invitation…
    let cmds = update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(31)));
    let request = cmds
        .iter()
        .find_map(|c| match c {
            Command::LoadPage { request, .. } => Some(*request),
            _ => None,
        })
        .expect("a refresh of the customers");
    // …and a new association is announced.
    let rows = vec![CustomerInfo {
        customer_id: "new".into(),
        account_name: "scanned_customer".into(),
        association_type: Some("1".into()),
        ..Default::default()
    }];
    update(
        &mut s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((3, PageData::Customers(rows))),
            latency: Duration::ZERO,
        },
    );
    assert!(
        s.toasts
            .last()
            .unwrap()
            .text
            .contains("New customer associated: scanned_customer"),
        "{:?}",
        s.toasts
    );
}

#[test]
fn profile_changes_check_their_rules_and_never_keep_the_password() {
    let mut s = ready(vec![]);
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("profile".into()));
    update(&mut s, code(KeyCode::Enter));
    let profile = Profile {
        name: "华信云科技有限公司".into(),
        account_name: "huaxin_cloud".into(),
        partner_type: "distributor".into(),
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
        verification_enabled: true,
        contracting_entity: None,
        remittance_account: true,
    };
    update(&mut s, Msg::Profile(Ok(profile.clone())));
    // Phone: digits only, checked before a code is asked for.
    pay_key(&mut s);
    for c in "13x9000".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, input, .. }) = &s.modal else {
        panic!()
    };
    assert_eq!(input.value(), "139000", "letters are not typed");
    assert!(error.as_deref().unwrap().contains("11 digits"));
    for c in "00002".chars() {
        update(&mut s, key(c));
    }
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Confirm { op, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(
        op.scene(),
        Some(Scene::ProfilePhoneNew),
        "the new phone's code first"
    );
    assert_eq!(op.target(), vec!["13900000002".to_string()]);
    // Its code goes to the new phone, by SMS whatever the channel chosen.
    update(&mut s, code(KeyCode::Tab));
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::RequestCode {
                request,
                scene: Scene::ProfilePhoneNew,
                channel: Channel::Sms,
                target,
            },
        ] if target == &["13900000002".to_string()] => *request,
        other => panic!("{other:?}"),
    };
    let now = s.now;
    update(
        &mut s,
        Msg::Challenge {
            request,
            result: Ok(Challenge {
                masked_recipient: "139****0002".into(),
                ..challenge("ch-new", now)
            }),
        },
    );
    // Its code typed: the change goes on as any other, the registered phone's code next.
    assert!(type_code(&mut s, "123456").is_empty(), "nothing sent yet");
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.scene(), Some(Scene::ProfilePhone));
    assert!(summary.lines.iter().any(|l| l.contains("✓")), "{summary:?}");
    let cmds = update(&mut s, code(KeyCode::Enter));
    let request = match cmds.as_slice() {
        [
            Command::RequestCode {
                request,
                scene: Scene::ProfilePhone,
                ..
            },
        ] => *request,
        other => panic!("{other:?}"),
    };
    update(
        &mut s,
        Msg::Challenge {
            request,
            result: Ok(challenge("ch-old", now)),
        },
    );
    let cmds = type_code(&mut s, "654321");
    match cmds.as_slice() {
        [
            Command::Execute {
                op:
                    Operation::ChangePhone {
                        confirmed: Some(k), ..
                    },
                verification: Some(v),
                ..
            },
        ] => {
            assert_eq!(
                (k.challenge_id.as_str(), k.code.0.as_str()),
                ("ch-new", "123456")
            );
            assert_eq!(
                (v.challenge_id.as_str(), v.code.as_str()),
                ("ch-old", "654321")
            );
        }
        other => panic!("{other:?}"),
    }
    s.modal = None;
    // Password: the rules, then an operation that binds and records nothing of it.
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("profile".into()));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, Msg::Profile(Ok(profile.clone())));
    update(&mut s, key('w'));
    update(&mut s, Msg::Paste("huaxin_cloud".into()));
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, .. }) = &s.modal else {
        panic!()
    };
    assert!(error.is_some(), "the account name is not a password");
    update(&mut s, Msg::Paste("-Secret99".into()));
    update(&mut s, code(KeyCode::Enter));
    // Typed twice: a typo is caught before anything is sent.
    let Some(Modal::Entry { input, error, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!((input.value(), error), ("", &None), "now again");
    assert!(!format!("{:?}", s.modal).contains("Secret99"));
    update(&mut s, Msg::Paste("huaxin_cloud-Secret98".into()));
    update(&mut s, code(KeyCode::Enter));
    let Some(Modal::Entry { error, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert!(error.as_deref().unwrap().contains("differ"), "{error:?}");
    for _ in 0..2 {
        update(&mut s, Msg::Paste("huaxin_cloud-Secret99".into()));
        update(&mut s, code(KeyCode::Enter));
    }
    let Some(Modal::Confirm { op, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.target(), Vec::<String>::new());
    let journal = serde_json::to_string(op).unwrap();
    assert!(!journal.contains("Secret99"), "{journal}");
    assert!(!format!("{op:?}").contains("Secret99"));
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(!format!("{cmds:?}").contains("Secret99"));
}

/// `ready` with the config's `[keys]` over the defaults.
fn ready_with_keys(orders: Vec<CustomerOrder>, keys: &[(&str, &[&str])]) -> State {
    let over = keys
        .iter()
        .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
        .collect();
    let (keymap, problems) = keymap::Keymap::with_overrides(&over);
    assert!(problems.is_empty(), "{problems:?}");
    let mut s = ready(orders);
    s.keymap = keymap;
    s
}

#[test]
fn the_modal_reads_its_keys_from_the_keymap() {
    // `y` confirms and `n` asks for a new code; Enter and `r` no longer do.
    let mut s = ready_with_keys(
        vec![order("CS-DEMO-OK-1", "100.00", true)],
        &[("confirm", &["y"]), ("resend", &["n"])],
    );
    pay_key(&mut s);
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    assert!(matches!(s.modal, Some(Modal::Confirm { .. })));
    let request = match update(&mut s, key('y')).as_slice() {
        [Command::RequestCode { request, .. }] => *request,
        other => panic!("expected a code request, got {other:?}"),
    };
    let now = s.now;
    update(
        &mut s,
        Msg::Challenge {
            request,
            result: Ok(challenge("ch-1", now)),
        },
    );
    update(&mut s, Msg::Tick(t0() + TimeDelta::seconds(61)));
    assert!(
        update(&mut s, key('r')).is_empty(),
        "r is not bound any more"
    );
    assert!(matches!(
        update(&mut s, key('n')).as_slice(),
        [Command::RequestCode { .. }]
    ));
    for c in "123456".chars() {
        update(&mut s, key(c));
    }
    assert!(update(&mut s, code(KeyCode::Enter)).is_empty());
    let (_, v) = executed(&update(&mut s, key('y')));
    assert_eq!(v.unwrap().code, "123456");
}

#[test]
fn a_forms_keys_come_from_the_keymap_and_unbound_keys_are_typed() {
    let mut s = ready_with_keys(vec![], &[("next_field", &["Down"]), ("dismiss", &["F2"])]);
    show_customers(&mut s);
    s.session.platform_id = Some("partner_console_demo".into());
    update(&mut s, key('n'));
    let focus = |s: &State| match &s.overlay {
        Some(Overlay::NewCustomer(form)) => form.focus,
        other => panic!("the form is not open: {other:?}"),
    };
    let first = focus(&s);
    // Tab is no longer the next field; Down is.
    update(&mut s, code(KeyCode::Tab));
    assert_eq!(focus(&s), first);
    update(&mut s, code(KeyCode::Down));
    assert_ne!(focus(&s), first);
    // Esc is not bound any more: the form stays; F2 closes it.
    update(&mut s, code(KeyCode::Esc));
    assert!(matches!(s.overlay, Some(Overlay::NewCustomer(_))));
    update(&mut s, code(KeyCode::F(2)));
    assert!(s.overlay.is_none());
}

#[test]
fn request_ids_come_from_the_session_not_from_update() {
    let seeded = |seed: u128| {
        let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
        s.session.ids = IdSeed(seed);
        to_code_entry(&mut s);
        executed(&type_code(&mut s, "123456")).0
    };
    // The same inputs give the same id; another session's seed another id.
    assert_eq!(seeded(7), seeded(7));
    assert_ne!(seeded(7), seeded(8));
    let id = uuid::Uuid::parse_str(&seeded(7)).expect("a UUID");
    assert_eq!(id.get_version_num(), 4);
}

#[test]
fn an_unwritable_journal_stops_an_operation_before_a_code_is_spent() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    s.session.journal_problem = Some("/data/journal.jsonl: No space left on device".into());
    pay_key(&mut s);
    match &s.modal {
        Some(Modal::Confirm { summary, .. }) => assert!(
            summary
                .problems
                .iter()
                .any(|p| p.contains("journal") && p.contains("No space left")),
            "{:?}",
            summary.problems
        ),
        other => panic!("expected the summary, got {other:?}"),
    }
    assert!(
        update(&mut s, code(KeyCode::Enter)).is_empty(),
        "no code is asked for"
    );
}

#[test]
fn the_profiles_keys_come_from_the_keymap() {
    // `t` toggles the codes instead of `v`, which now does nothing there.
    let mut s = ready_with_keys(vec![], &[("toggle_codes", &["t"])]);
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("profile".into()));
    update(&mut s, code(KeyCode::Enter));
    assert!(matches!(s.overlay, Some(Overlay::Profile)));
    update(&mut s, key('v'));
    assert!(s.modal.is_none(), "v is not bound on the profile any more");
    // Any other key closed it: open it again.
    update(&mut s, key(':'));
    update(&mut s, Msg::Paste("profile".into()));
    update(&mut s, code(KeyCode::Enter));
    update(&mut s, key('t'));
    let Some(Modal::Confirm { op, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op, &Operation::SetVerification { enabled: false });
}

#[test]
fn what_is_not_an_amount_is_refused_as_it_is_typed_naming_the_field() {
    let mut s = ready(vec![]);
    show_customers(&mut s);
    update(&mut s, key('j'));
    update(&mut s, key('+'));
    for c in "-100".chars() {
        update(&mut s, key(c));
    }
    let Some(Modal::Entry { input, error, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(input.value(), "100");
    let error = error.as_deref().unwrap_or_default();
    assert!(error.is_empty(), "typing on clears it: {error}");
    update(&mut s, key('e'));
    let Some(Modal::Entry { input, error, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(input.value(), "100", "1e5 is not 15");
    let error = error.as_deref().unwrap();
    assert!(
        error.starts_with("Amount") && error.contains("'e'"),
        "{error}"
    );
}

/// A filled-in value: a cursor key keeps it for editing, Backspace clears it all, a paste
/// replaces it.
#[test]
fn a_filled_in_value_is_kept_by_a_cursor_key_and_replaced_by_a_paste() {
    use pc_api::partner_center::OrderPricing;
    let pricing = OrderPricing {
        order_id: "CS-1".into(),
        status: 6,
        unit_price: dec("396.15"),
        catalog_unit_price: dec("400"),
        floor_unit_price: dec("300"),
        quantity: 1,
        periods: 1,
        amount: dec("396.15"),
        official_amount: dec("400"),
    };
    let value = |s: &State| match &s.modal {
        Some(Modal::Entry {
            input, selected, ..
        }) => (input.value().to_string(), *selected),
        other => panic!("{other:?}"),
    };
    let open = || {
        let mut s = ready(vec![]);
        modal::enter(
            &mut s,
            Draft::AdjustPrice {
                order_id: "CS-1".into(),
                pricing: pricing.clone(),
            },
        );
        s
    };
    let mut s = open();
    assert_eq!(value(&s), ("396.15".into(), true));
    update(&mut s, code(KeyCode::End));
    update(&mut s, key('9'));
    assert_eq!(value(&s), ("396.159".into(), false), "kept, then edited");
    let mut s = open();
    update(&mut s, code(KeyCode::Backspace));
    assert_eq!(value(&s), (String::new(), false));
    let mut s = open();
    update(&mut s, Msg::Paste("380".into()));
    assert_eq!(value(&s), ("380".into(), false));
    // A refused character leaves the value selected.
    let mut s = open();
    update(&mut s, key('-'));
    assert_eq!(value(&s), ("396.15".into(), true));
}

/// The Resellers pane with one reseller, selected.
fn show_resellers(s: &mut State) {
    update(s, key('4'));
    let request = s.resellers.pending.unwrap();
    update(
        s,
        Msg::Page {
            request,
            offset: 0,
            result: Ok((
                1,
                PageData::Resellers(vec![IndirectPartner {
                    indirect_partner_id: "r1".into(),
                    name: Some("Northwind".into()),
                    account_name: Some("northwind".into()),
                    ..Default::default()
                }]),
            )),
            latency: Duration::ZERO,
        },
    );
}

fn command(s: &mut State, line: &str) -> Vec<Command> {
    update(s, key(':'));
    update(s, Msg::Paste(line.into()));
    update(s, code(KeyCode::Enter))
}

fn quota(id: &str, status: i32, balance: &str) -> CouponQuota {
    CouponQuota {
        quota_id: id.into(),
        quota_status: status,
        balance: dec(balance),
        quota_value: dec("1000"),
        effective_time: "2026-01-01T00:00:00Z".into(),
        expire_time: "2027-01-01T00:00:00Z".into(),
        ..Default::default()
    }
}

#[test]
fn a_distributor_gives_the_selected_reseller_a_quota_from_one_that_covers_it() {
    let mut s = ready(vec![]);
    s.session.partner_kind = "distributor".into();
    // Elsewhere, without a name: which reseller is said.
    assert!(command(&mut s, "quota give 300").is_empty());
    assert!(s.toasts.last().unwrap().text.contains("Resellers pane"));
    show_resellers(&mut s);
    assert!(command(&mut s, "quota give 3x").is_empty());
    assert!(s.toasts.last().unwrap().text.contains("not an amount"));
    assert!(command(&mut s, "quota").is_empty());
    assert!(s.toasts.last().unwrap().text.contains(":quota give AMOUNT"));
    let cmds = command(&mut s, "quota give 300");
    let [
        Command::LoadQuotas {
            request,
            of_reseller: None,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![quota("Q-SMALL", 0, "100"), quota("Q-BIG", 0, "900")]),
        },
    );
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.scene(), Some(Scene::QuotaGive));
    assert_eq!(op.target(), vec!["Q-BIG", "300.00", "r1"]);
    assert!(op.title().contains("Northwind"), "{}", op.title());
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l.contains("¥900.00 → ¥600.00")),
        "{summary:?}"
    );
    // By name from anywhere, and too much for every quota: said before any code.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('1'));
    let cmds = command(&mut s, "quota give 5000 northwind");
    let [Command::LoadQuotas { request, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![quota("Q-BIG", 0, "900")]),
        },
    );
    assert!(s.modal.is_none());
    assert!(s.toasts.last().unwrap().text.contains("give less"));
}

#[test]
fn taking_back_a_resellers_quotas_reads_them_and_takes_those_with_something_left() {
    let mut s = ready(vec![]);
    s.session.partner_kind = "distributor".into();
    show_resellers(&mut s);
    let cmds = command(&mut s, "quota take");
    let [
        Command::LoadQuotas {
            request,
            of_reseller,
        },
    ] = cmds.as_slice()
    else {
        panic!("{cmds:?}")
    };
    assert_eq!(of_reseller.as_deref(), Some("r1"));
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![
                quota("Q-OPEN", 0, "250"),
                quota("Q-SPENT", 0, "0"),
                quota("Q-TAKEN", 6, "0"),
                quota("Q-OPEN-2", 0, "50"),
            ]),
        },
    );
    let Some(Modal::Confirm { op, summary, .. }) = &s.modal else {
        panic!("{:?}", s.modal)
    };
    assert_eq!(op.scene(), Some(Scene::QuotaTake));
    assert_eq!(op.target(), vec!["Q-OPEN", "Q-OPEN-2"]);
    assert!(
        summary.lines.iter().any(|l| l.contains("¥300.00")),
        "{summary:?}"
    );
    // Nothing left to take: said, no modal.
    update(&mut s, code(KeyCode::Esc));
    let cmds = command(&mut s, "quota take");
    let [Command::LoadQuotas { request, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![quota("Q-TAKEN", 6, "0")]),
        },
    );
    assert!(s.modal.is_none());
    assert!(s.toasts.last().unwrap().text.contains("anything left"));
    // A backend with BSS alone sends it there, without a code.
    s.partner_center = Some(false);
    s.verification = None;
    let cmds = command(&mut s, "quota take");
    let [Command::LoadQuotas { request, .. }] = cmds.as_slice() else {
        panic!("{cmds:?}")
    };
    update(
        &mut s,
        Msg::Quotas {
            request: *request,
            result: Ok(vec![quota("Q-OPEN", 0, "250")]),
        },
    );
    let cmds = update(&mut s, code(KeyCode::Enter));
    assert!(
        matches!(
            cmds.as_slice(),
            [Command::Execute {
                verification: None,
                bss_only: true,
                op: Operation::TakeQuota { .. },
                ..
            }]
        ),
        "{cmds:?}"
    );
}

/// `i` opens the demo's inbox over the verification modal; any key closes it and the
/// modal is as it was. Where text is typed, `i` is typed.
#[test]
fn the_inbox_opens_over_the_modal_and_closes_back_to_it() {
    let mut s = ready(vec![order("CS-DEMO-OK-1", "100.00", true)]);
    to_code_entry(&mut s);
    update(&mut s, key('1'));
    update(&mut s, key('i'));
    assert!(matches!(s.overlay, Some(Overlay::Inbox)), "{:?}", s.overlay);
    assert!(matches!(s.modal, Some(Modal::AwaitingCode { .. })));
    update(&mut s, key('2'));
    assert!(s.overlay.is_none());
    assert_eq!(
        code_entry(&s).input.value(),
        "1",
        "the key that closed it is not typed"
    );
    // A reseller transfer's amount: `i` is not an amount, and no inbox opens.
    update(&mut s, code(KeyCode::Esc));
    update(&mut s, key('4'));
    s.resellers.rows = vec![IndirectPartner {
        indirect_partner_id: "r1".into(),
        name: Some("Northwind".into()),
        ..Default::default()
    }];
    s.resellers.total = Some(1);
    update(&mut s, key('+'));
    assert!(
        matches!(s.modal, Some(Modal::Entry { .. })),
        "{:?}",
        s.modal
    );
    update(&mut s, key('i'));
    assert!(s.overlay.is_none());
}
