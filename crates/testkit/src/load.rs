//! Load under faults, shared by `crates/core/tests/it/load.rs` (500 operations) and `benches/load.rs`
//! (as many as asked): payments and fund transfers through the console's own path
//! (`exec::execute`: journal, client, request ids, resolution of lost answers) while the
//! mock drops answers after committing and refuses requests with a gateway's 503. The
//! checks read the mock's store, the ground truth.

use std::time::{Duration, Instant};

use futures::StreamExt;
use pc_api::partner_center::{APPLIED, PayMethod, TransferTarget};
use pc_api::{ListIndirectPartnersReq, ListSubCustomersReq};
use pc_client::Client;
use pc_core::exec::{self, Records};
use pc_core::journal::Journal;
use pc_core::ops::{Operation, OrderToPay};
use pc_core::outcome::ExecOutcome;
use pc_mock::RunningMock;
use pc_mock::seed::DEMO_PARTNERS;
use rust_decimal::Decimal;

/// What a run did, for the test's assertions and the bench's figures.
#[derive(Debug)]
pub struct FaultRun {
    pub ops: usize,
    pub elapsed: Duration,
    /// Attempts the console sent again itself under a new id (the backend said the
    /// first was not applied).
    pub resent: usize,
    /// Operations the user had to confirm again (every automatic resend was refused).
    pub repeated: usize,
    /// Answers the mock cut off after the write committed (each resolved by asking).
    pub dropped: u64,
    /// Requests the mock refused with a 503.
    pub refused: u64,
}

/// Turns verification codes off for `ak`, so that each operation is one write.
pub fn codes_off(m: &RunningMock, ak: &str) {
    m.state.db.with(|conn| {
        conn.execute(
            "INSERT INTO partner_settings (partner_id, verification)
             SELECT id, 0 FROM partners WHERE ak = ?1
             ON CONFLICT(partner_id) DO UPDATE SET verification = 0",
            [ak],
        )
        .expect("verification off")
    });
}

pub fn query_i64(m: &RunningMock, sql: &str, arg: &str) -> i64 {
    let (sql, arg) = (sql.to_string(), arg.to_string());
    m.state
        .db
        .with(move |conn| conn.query_row(&sql, [arg], |r| r.get(0)).expect(&sql))
}

pub fn fen(d: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    let f = d * Decimal::from(100);
    assert_eq!(f, f.trunc(), "{d} is whole fen");
    f.to_i64().expect("fen fit in an i64")
}

/// The customer of the demo order CS-DEMO-OK-1: the new orders to pay are theirs.
pub fn demo_buyer(m: &RunningMock) -> String {
    m.state.db.with(|conn| {
        conn.query_row(
            "SELECT customer_id FROM orders WHERE id = 'CS-DEMO-OK-1'",
            [],
            |r| r.get(0),
        )
        .expect("the demo order CS-DEMO-OK-1")
    })
}

async fn set_faults(m: &RunningMock, body: &str) {
    let resp = reqwest::Client::new()
        .post(format!("{}/mock/faults", m.endpoint()))
        .header("X-Mock-Admin", super::ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "faults {body}");
}

/// Runs `ops` operations (every other one a payment of a fresh order, the rest
/// transfers to and from a reseller and a customer), `concurrency` at a time, while 30 %
/// of the answers to writes are dropped after commit and 10 % of all requests fail with
/// 503; then checks every operation applied exactly once and every balance to the fen.
pub async fn faults(
    m: &RunningMock,
    c: &Client,
    dir: &std::path::Path,
    ops: usize,
    concurrency: usize,
) -> FaultRun {
    let p = &DEMO_PARTNERS[0];
    codes_off(m, p.ak);
    let partner_id = m.state.db.with(|conn| {
        conn.query_row("SELECT id FROM partners WHERE ak = ?1", [p.ak], |r| {
            r.get::<_, String>(0)
        })
        .unwrap()
    });
    let reseller = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    let customer = c
        .list_sub_customers(&ListSubCustomersReq {
            association_type: Some("2".into()),
            limit: Some(10),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos[0]
        .customer_id
        .clone();
    let buyer = demo_buyer(m);

    // Fresh orders to pay, and money enough for them and for the recalls.
    let pays = ops.div_ceil(2);
    let mut orders = Vec::with_capacity(pays);
    for _ in 0..pays {
        let placed = super::admin(
            m,
            "/mock/orders",
            serde_json::json!({ "customer_id": buyer }),
        )
        .await;
        let id = placed["order_id"].as_str().unwrap().to_string();
        let amount = query_i64(
            m,
            "SELECT amount_after_discount FROM orders WHERE id = ?1",
            &id,
        );
        orders.push((id, Decimal::new(amount, 2)));
    }
    let order_total: i64 = orders.iter().map(|(_, a)| fen(*a)).sum();
    m.state.db.with(|conn| {
        conn.execute(
            "UPDATE partners SET balance = balance + ?2, allocatable = allocatable + ?2 WHERE id = ?1",
            rusqlite::params![partner_id, order_total + 10_000_000],
        )
        .unwrap();
        for (table, id) in [("partners", &reseller), ("customers", &customer)] {
            let extra = if table == "partners" {
                "balance = balance + 1000000, allocatable = allocatable + 1000000"
            } else {
                "balance = balance + 1000000"
            };
            conn.execute(&format!("UPDATE {table} SET {extra} WHERE id = ?1"), [id])
                .unwrap();
        }
    });

    let balance = |table: &'static str, id: &str| {
        query_i64(m, &format!("SELECT balance FROM {table} WHERE id = ?1"), id)
    };
    let adjust_count = |id: &str| {
        query_i64(
            m,
            "SELECT COUNT(*) FROM adjust_records WHERE target_id = ?1",
            id,
        )
    };
    let before = (
        balance("partners", &partner_id),
        balance("partners", &reseller),
        balance("customers", &customer),
        adjust_count(&reseller),
        adjust_count(&customer),
    );

    let mut work = Vec::with_capacity(ops);
    let mut orders_left = orders.iter();
    for i in 0..ops {
        let op = if i % 2 == 0 {
            let (order_id, amount) = orders_left.next().unwrap();
            Operation::PayOrders {
                orders: vec![OrderToPay {
                    order_id: order_id.clone(),
                    customer: buyer.clone(),
                    amount: *amount,
                    status: 6,
                    agent_pay: true,
                    marketplace: false,
                    ..Default::default()
                }],
                method: PayMethod::Balance,
            }
        } else {
            let (to, target_id) = match (i / 2) % 4 {
                0 => (TransferTarget::ResellerAllocate, &reseller),
                1 => (TransferTarget::ResellerRecall, &reseller),
                2 => (TransferTarget::CustomerAllocate, &customer),
                _ => (TransferTarget::CustomerRecall, &customer),
            };
            Operation::Transfer {
                to,
                target_id: target_id.clone(),
                target_name: "load".into(),
                // Different amounts, so that a transfer applied twice shows.
                amount: Decimal::new(101 + (i as i64 * 37) % 900, 2),
            }
        };
        work.push(op);
    }

    let records = Records::in_dir(dir, "load", p.name);
    let dropped_before = m
        .state
        .fault_counts
        .dropped
        .load(std::sync::atomic::Ordering::Relaxed);
    let refused_before = m
        .state
        .fault_counts
        .refused
        .load(std::sync::atomic::Ordering::Relaxed);
    set_faults(m, r#"{"drop_rate": 0.3, "error_rate": 0.1}"#).await;
    let started = Instant::now();
    let results: Vec<(usize, usize)> = futures::stream::iter(work.iter().cloned())
        .map(|op| {
            let (c, records) = (c.clone(), records.clone());
            async move {
                let mut repeats = 0;
                loop {
                    let id = uuid::Uuid::new_v4().to_string();
                    let done = exec::execute(&c, &records, &id, &op, None, false).await;
                    let resent = usize::from(done.sent_as != id);
                    match done.outcome {
                        ExecOutcome::Applied(items) => {
                            assert!(items.iter().all(|i| i.ok), "{op:?}: {items:?}");
                            return (resent, repeats);
                        }
                        // What the user does with "not applied": confirm it again.
                        ExecOutcome::NotApplied if repeats < 5 => repeats += 1,
                        other => panic!("{op:?}: {other:?}"),
                    }
                }
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let elapsed = started.elapsed();
    set_faults(m, "{}").await;

    // Every operation applied exactly once: one applied request each, and nothing else.
    let applied = query_i64(
        m,
        &format!("SELECT COUNT(*) FROM requests WHERE partner_id = ?1 AND state = '{APPLIED}'"),
        &partner_id,
    );
    assert_eq!(applied as usize, ops, "one applied request per operation");
    for (id, _) in &orders {
        let status = query_i64(m, "SELECT status FROM orders WHERE id = ?1", id);
        assert_eq!(status, 5, "{id} paid");
    }
    let sum = |pick: &dyn Fn(&TransferTarget) -> bool| -> i64 {
        work.iter()
            .filter_map(|op| match op {
                Operation::Transfer { to, amount, .. } if pick(to) => Some(fen(*amount)),
                _ => None,
            })
            .sum()
    };
    let r_in = sum(&|t| *t == TransferTarget::ResellerAllocate);
    let r_out = sum(&|t| *t == TransferTarget::ResellerRecall);
    let c_in = sum(&|t| *t == TransferTarget::CustomerAllocate);
    let c_out = sum(&|t| *t == TransferTarget::CustomerRecall);
    assert_eq!(
        balance("partners", &partner_id),
        before.0 - order_total - r_in + r_out - c_in + c_out,
        "the partner's balance, to the fen"
    );
    assert_eq!(
        balance("partners", &reseller),
        before.1 + r_in - r_out,
        "the reseller's"
    );
    assert_eq!(
        balance("customers", &customer),
        before.2 + c_in - c_out,
        "the customer's"
    );
    let transfers = |pick: &dyn Fn(&TransferTarget) -> bool| {
        work.iter()
            .filter(|op| matches!(op, Operation::Transfer { to, .. } if pick(to)))
            .count() as i64
    };
    assert_eq!(
        adjust_count(&reseller) - before.3,
        transfers(&|t| matches!(
            t,
            TransferTarget::ResellerAllocate | TransferTarget::ResellerRecall
        )),
        "one adjust record per reseller transfer"
    );
    assert_eq!(
        adjust_count(&customer) - before.4,
        transfers(&|t| matches!(
            t,
            TransferTarget::CustomerAllocate | TransferTarget::CustomerRecall
        )),
        "one adjust record per customer transfer"
    );

    // The console's records agree: nothing left open, one "applied" line per operation.
    let journal = Journal::open(&dir.join("journal.jsonl")).unwrap();
    assert!(journal.unfinished().unwrap().is_empty(), "no open intent");
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).unwrap();
    let applied_lines = audit
        .lines()
        .filter(|l| l.contains("\"outcome\":\"applied\""))
        .count();
    assert_eq!(applied_lines, ops, "one applied audit line per operation");

    let count = |n: &std::sync::atomic::AtomicU64| n.load(std::sync::atomic::Ordering::Relaxed);
    FaultRun {
        ops,
        elapsed,
        resent: results.iter().map(|r| r.0).sum(),
        repeated: results.iter().map(|r| r.1).sum(),
        dropped: count(&m.state.fault_counts.dropped) - dropped_before,
        refused: count(&m.state.fault_counts.refused) - refused_before,
    }
}
