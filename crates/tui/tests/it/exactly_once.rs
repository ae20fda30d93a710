//! The console's own path end to end — `update`, the real worker, the client, the mock —
//! with the mock dropping every answer after it committed: the console pays exactly once,
//! says so, and its journal and audit log agree. Also the start-up pass over an intent
//! left unfinished by a crash.

use crate::common;

use std::path::PathBuf;

use common::driver::Driver;
use crossterm::event::KeyCode;
use pc_api::partner_center::PayMethod;
use pc_api::site::Site;
use pc_api::*;
use pc_core::journal::Journal;
use pc_core::ops::{Operation, OrderToPay};
use pc_mock::RunningMock;
use pc_mock::seed::Seed;
use pc_tui::app::Msg;
use pc_tui::app::modal::{ExecOutcome, Modal};

fn temp_dir() -> PathBuf {
    std::env::temp_dir().join(format!("pc-once-{}", uuid::Uuid::new_v4().simple()))
}

async fn admin(m: &RunningMock, path: &str, body: &str) {
    let resp = reqwest::Client::new()
        .post(format!("{}{path}", m.endpoint()))
        .header("X-Mock-Admin", common::ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
}

async fn balance(m: &RunningMock) -> rust_decimal::Decimal {
    common::client(m, 0)
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap()
        .account_balances
        .into_iter()
        .find(|b| b.account_type == ACCOUNT_BALANCE)
        .unwrap()
        .amount
}

#[tokio::test]
async fn a_dropped_answer_still_pays_exactly_once() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    // Show only the order to pay.
    d.key(KeyCode::Char(':'));
    d.send(Msg::Paste("orders CS-DEMO-OK-1".into()));
    d.key(KeyCode::Enter);
    d.until("the order and the balances", |s| {
        s.orders.rows.len() == 1 && s.balances.is_some() && s.verification.is_some()
    })
    .await;
    let before = balance(&m).await;
    let amount = d.state.orders.rows[0].amount_after_discount;

    d.key(KeyCode::Char('p'));
    d.until("the summary, once the orders' times are read", |s| {
        matches!(s.modal, Some(Modal::Confirm { .. }))
    })
    .await;
    d.key(KeyCode::Enter);
    d.until("the code", |s| {
        matches!(s.modal, Some(Modal::AwaitingCode { .. }))
    })
    .await;
    let sms = common::outbox(&m).await.pop().unwrap();
    let at = sms.body.find("code is ").unwrap() + 8;
    let code = sms.body[at..at + 6].to_string();
    // From here every answer to a write is cut off after the write committed.
    admin(&m, "/mock/faults", r#"{"drop_rate": 1.0}"#).await;
    d.send(Msg::Paste(code.clone()));
    d.key(KeyCode::Enter);
    d.until("the result", |s| {
        matches!(s.modal, Some(Modal::Done { .. }))
    })
    .await;
    let Some(Modal::Done { outcome, .. }) = &d.state.modal else {
        unreachable!()
    };
    let ExecOutcome::Applied(items) = outcome else {
        panic!("resolved as applied, got {outcome:?}")
    };
    assert!(items[0].ok, "{items:?}");
    admin(&m, "/mock/faults", "{}").await;
    assert_eq!(balance(&m).await, before - amount, "charged exactly once");

    // The journal has the intent and its outcome; the audit log says applied; neither
    // holds the code.
    let journal = std::fs::read_to_string(dir.join("journal.jsonl")).unwrap();
    // Entries, not the empty lines that checked it was writable before the code.
    assert_eq!(
        journal.lines().filter(|l| !l.trim().is_empty()).count(),
        2,
        "{journal}"
    );
    assert!(journal.contains("\"state\":\"done\""));
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).unwrap();
    assert!(audit.contains("\"outcome\":\"applied\""), "{audit}");
    assert!(audit.contains("CS-DEMO-OK-1"));
    for text in [&journal, &audit] {
        assert!(!text.contains(&code), "no verification code on disk");
    }
    assert!(
        Journal::open(&dir.join("journal.jsonl"))
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );

    // Closing the result reloads; History shows the entry.
    d.key(KeyCode::Enter);
    d.key(KeyCode::Char('7'));
    d.until("the history", |s| s.history.rows.len() == 1).await;
    assert_eq!(d.state.history.rows[0].operation, "pay_orders");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn an_intent_left_by_a_crash_is_resolved_at_start_without_paying_again() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    // A payment that reached the backend, whose answer the crashed console never saw…
    let applied = uuid::Uuid::new_v4().to_string();
    let c = common::client(&m, 0);
    let op = |id: &str| Operation::PayOrders {
        orders: vec![OrderToPay {
            order_id: id.into(),
            customer: "c".into(),
            amount: rust_decimal::Decimal::ONE,
            status: 6,
            agent_pay: true,
            marketplace: false,
            ..Default::default()
        }],
        method: PayMethod::Balance,
    };
    // Paying without a code needs the setting off: turn it off through the mock's store.
    m.state.db.with(|conn| {
        conn.execute(
            "INSERT INTO partner_settings (partner_id, verification) SELECT id, 0 FROM partners WHERE ak = 'DEMODISTRIBUTORAK001'",
            [],
        )
        .unwrap()
    });
    let paid = c
        .pay_orders(
            &pc_api::partner_center::PayOrdersReq {
                order_ids: vec!["CS-DEMO-OK-2".into()],
                payment_method: PayMethod::Balance,
                verification: None,
            },
            &applied,
        )
        .await
        .unwrap();
    assert!(paid.results[0].paid);
    let before = balance(&m).await;
    // …and one that never left.
    let lost = uuid::Uuid::new_v4().to_string();
    let journal = Journal::open(&dir.join("journal.jsonl")).unwrap();
    journal.intent(&applied, &op("CS-DEMO-OK-2")).unwrap();
    journal.intent(&lost, &op("CS-DEMO-OK-3")).unwrap();
    drop(journal);

    let mut d = Driver::start(&m, &dir);
    d.until("the resolution", |s| {
        s.toasts
            .iter()
            .filter(|t| t.text.contains("Unfinished from last time"))
            .count()
            == 2
    })
    .await;
    let texts: Vec<&str> = d.state.toasts.iter().map(|t| t.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("CS-DEMO-OK-2") && t.contains("done")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("CS-DEMO-OK-3") && t.contains("not applied")),
        "{texts:?}"
    );
    assert_eq!(balance(&m).await, before, "nothing was paid again");
    let o = common::client(&m, 0).request_outcome(&lost).await.unwrap();
    assert_eq!(o.state, "not_applied");
    assert!(
        Journal::open(&dir.join("journal.jsonl"))
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty()
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn on_a_bss_only_backend_an_allocation_goes_through_bss_once() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start_with(&m, &dir, false);
    d.key(KeyCode::Char('4'));
    d.until("the resellers", |s| {
        !s.resellers.rows.is_empty() && s.balances.is_some()
    })
    .await;
    let reseller = d.state.resellers.rows[0].indirect_partner_id.clone();
    let before = balance(&m).await;
    d.key(KeyCode::Char('+'));
    d.send(Msg::Paste("250.5".into()));
    d.key(KeyCode::Enter);
    // Answers are cut off after the commit: the BSS twin keeps the outcome too.
    admin(&m, "/mock/faults", r#"{"drop_rate": 1.0}"#).await;
    d.key(KeyCode::Enter);
    d.until("the result", |s| {
        matches!(s.modal, Some(Modal::Done { .. }))
    })
    .await;
    admin(&m, "/mock/faults", "{}").await;
    let Some(Modal::Done { outcome, .. }) = &d.state.modal else {
        unreachable!()
    };
    assert!(
        matches!(outcome, ExecOutcome::Applied(items) if items[0].ok),
        "{outcome:?}"
    );
    assert_eq!(
        balance(&m).await,
        before - rust_decimal::Decimal::new(25050, 2)
    );
    let records = common::client(&m, 0)
        .list_partner_adjust_records(&AdjustRecordsQuery {
            customer_id: Some(reseller),
            ..Default::default()
        })
        .await
        .unwrap();
    let amounts: Vec<&str> = records.records.iter().map(|r| r.amount.as_str()).collect();
    assert_eq!(
        amounts.iter().filter(|a| **a == "250.50").count(),
        1,
        "{amounts:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn no_code_is_spent_when_the_journal_cannot_be_written() {
    let m = common::start(Seed::Demo).await;
    // A data folder under a file: the journal cannot even be created.
    let file = temp_dir();
    std::fs::write(&file, "not a folder").unwrap();
    let mut d = Driver::start_against(common::client(&m, 0), &file.join("data"), true);
    d.key(KeyCode::Char(':'));
    d.send(Msg::Paste("orders CS-DEMO-OK-1".into()));
    d.key(KeyCode::Enter);
    d.until("the order", |s| {
        s.orders.rows.len() == 1 && s.balances.is_some() && s.verification.is_some()
    })
    .await;
    let sent_before = common::outbox(&m).await.len();
    d.key(KeyCode::Char('p'));
    d.until("the summary, once the orders' times are read", |s| {
        matches!(s.modal, Some(Modal::Confirm { .. }))
    })
    .await;
    d.key(KeyCode::Enter);
    d.until("the refusal", |s| {
        matches!(&s.modal, Some(Modal::Confirm { error: Some(_), .. }))
    })
    .await;
    let Some(Modal::Confirm {
        error: Some(error), ..
    }) = &d.state.modal
    else {
        unreachable!()
    };
    assert!(error.contains("journal"), "{error}");
    assert_eq!(
        common::outbox(&m).await.len(),
        sent_before,
        "a code was sent"
    );
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test]
async fn on_the_international_site_a_customer_is_created_by_email_with_a_country() {
    let m = common::start_config(pc_mock::MockConfig {
        site: Site::Intl,
        ..common::config(Seed::Demo)
    })
    .await;
    let dir = temp_dir();
    let mut d = Driver::start_on(common::client(&m, 0), &dir, true, Site::Intl);
    d.key(KeyCode::Char('1'));
    d.until("the customers", |s| !s.customers.rows.is_empty())
        .await;
    d.key(KeyCode::Char('n'));
    d.send(Msg::Paste("intl_new_co".into()));
    d.key(KeyCode::Tab);
    d.send(Msg::Paste("ops@intl-new.example".into()));
    d.key(KeyCode::Tab);
    d.send(Msg::Paste("mx".into()));
    // Availability checked once typing pauses, then Enter sends the code to the e-mail.
    d.send(Msg::Tick(
        chrono::Utc::now() + chrono::TimeDelta::seconds(1),
    ));
    d.until("the checks", |s| {
        use pc_tui::app::create::{Check, Field};
        matches!(&s.overlay, Some(pc_tui::app::Overlay::NewCustomer(f))
            if [Field::Name, Field::Email]
                .iter()
                .all(|x| f.check(*x) == Some(&Check::Available)))
    })
    .await;
    d.key(KeyCode::Enter);
    d.until("the code sent", |s| {
        matches!(&s.overlay, Some(pc_tui::app::Overlay::NewCustomer(f)) if f.code_field_shown())
    })
    .await;
    let sent = common::outbox(&m).await.pop().unwrap();
    assert_eq!(
        (sent.channel.as_str(), sent.recipient.as_str()),
        ("email", "ops@intl-new.example")
    );
    let code = common::last_code(&m).await;
    d.send(Msg::Paste(code));
    d.key(KeyCode::Enter);
    d.until("the result", |s| {
        matches!(s.modal, Some(Modal::Done { .. }))
    })
    .await;
    let Some(Modal::Done { outcome, .. }) = &d.state.modal else {
        unreachable!()
    };
    assert!(
        matches!(outcome, ExecOutcome::Applied(items) if items[0].detail.contains("intl_new_co")),
        "{outcome:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// `:pay IDS`, then the summary it opens (the operation and what it says).
async fn pay_summary(d: &mut Driver, ids: &str) -> (Operation, pc_core::ops::Summary) {
    d.key(KeyCode::Char(':'));
    d.send(Msg::Paste(format!("pay {ids}")));
    d.key(KeyCode::Enter);
    d.until("the summary", |s| {
        matches!(s.modal, Some(Modal::Confirm { .. }))
    })
    .await;
    match &d.state.modal {
        Some(Modal::Confirm { op, summary, .. }) => (op.clone(), summary.clone()),
        other => panic!("no summary: {other:?}"),
    }
}

/// `:pay` reads the orders it has not loaded; one that is none of the partner's stops
/// the payment at its summary, before a code.
#[tokio::test]
async fn pay_by_id_reads_orders_not_loaded() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    d.key(KeyCode::Char(':'));
    d.send(Msg::Paste("orders CS-DEMO-OK-1".into()));
    d.key(KeyCode::Enter);
    d.until("the one order", |s| {
        s.orders.rows.len() == 1 && s.balances.is_some() && s.verification.is_some()
    })
    .await;
    let (op, summary) = pay_summary(&mut d, "CS-DEMO-OK-1 cs-demo-ok-2 CS-NOPE").await;
    assert_eq!(op.target()[1..], ["CS-DEMO-OK-1", "CS-DEMO-OK-2"]);
    assert_eq!(summary.problems, ["CS-NOPE is none of your orders."]);
    d.key(KeyCode::Esc);
    let (_, summary) = pay_summary(&mut d, "CS-DEMO-OK-2").await;
    assert!(summary.problems.is_empty(), "{:?}", summary.problems);
    assert!(
        summary
            .lines
            .iter()
            .any(|l| l.starts_with("CS-DEMO-OK-2: pay before")),
        "{:?}",
        summary.lines
    );
}

/// With the payment agreement voided, the summary says so before any code.
#[tokio::test]
async fn a_voided_agreement_is_told_before_a_code() {
    let m = common::start(Seed::Demo).await;
    pc_testkit::void_payment_agreement(&pc_testkit::client(&m, 0)).await;
    let dir = temp_dir();
    let mut d = Driver::start(&m, &dir);
    let (_, summary) = pay_summary(&mut d, "CS-DEMO-OK-1").await;
    assert!(
        summary
            .problems
            .iter()
            .any(|p| p.contains("no valid payment agreement")),
        "{:?}",
        summary.problems
    );
}

/// The orders this profile declined are read from its audit log at start.
#[tokio::test]
async fn declined_pay_requests_are_read_from_the_audit_log() {
    let m = common::start(Seed::Demo).await;
    let dir = temp_dir();
    let records = pc_core::exec::Records::in_dir(&dir, "test", "华信云科技有限公司");
    let audit = records.audit.clone().expect("an audit log");
    for (target, outcome) in [("CS-DEMO-OK-4", "applied"), ("CS-DEMO-OK-5", "failed: x")] {
        audit
            .append(&pc_core::audit::AuditEntry {
                time: "2026-11-23T01:00:00Z".into(),
                profile: "test".into(),
                partner: "华信云科技有限公司".into(),
                operation: "reject_order".into(),
                target: target.into(),
                name: None,
                amount: None,
                request_id: format!("req-{target}"),
                outcome: outcome.into(),
            })
            .unwrap();
    }
    let mut d = Driver::start(&m, &dir);
    d.until("the declined orders", |s| !s.declined.is_empty())
        .await;
    assert!(d.state.declined.contains("CS-DEMO-OK-4"));
    assert!(
        !d.state.declined.contains("CS-DEMO-OK-5"),
        "only what was applied"
    );
}
