//! Load, faults and concurrency: nothing lost, nothing applied twice, money conserved.
//! The fault run is shared with `cargo bench --bench load`, which runs a larger one.

use pc_testkit as common;

use common::load::{self, query_i64};
use pc_api::error::codes;
use pc_api::partner_center::{PayMethod, PayOrdersReq};
use pc_api::*;
use pc_client::Client;
use pc_mock::RunningMock;
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_operations_under_dropped_answers_and_503s_apply_exactly_once() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let dir = std::env::temp_dir().join(format!("pc-load-{}", uuid::Uuid::new_v4().simple()));
    let run = load::faults(&m, &c, &dir, 500, 8).await;
    println!("{run:?}");
    // The faults happened: the run proved something.
    assert!(run.dropped >= 50, "answers dropped after commit: {run:?}");
    assert!(run.refused >= 20, "requests refused with 503: {run:?}");
    assert!(
        run.resent >= 10,
        "attempts sent again under a new id: {run:?}"
    );
    std::fs::remove_dir_all(dir).ok();
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Signed adjust-record amounts per target since record `after`: allocations in,
/// recalls out.
fn adjusted(m: &RunningMock, partner_id: &str, target: &str, after: i64) -> i64 {
    let (partner_id, target) = (partner_id.to_string(), target.to_string());
    m.state.db.with(move |conn| {
        conn.query_row(
            "SELECT COALESCE(SUM(CASE WHEN operation_type = ?3 THEN amount ELSE -amount END), 0)
             FROM adjust_records WHERE partner_id = ?1 AND target_id = ?2 AND n > ?4",
            rusqlite::params![partner_id, target, OP_ALLOCATE, after],
            |r| r.get(0),
        )
        .unwrap()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_clients_of_a_thousand_random_operations_conserve_money() {
    const CLIENTS: usize = 8;
    const OPS: usize = 1000;
    let m = common::start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    load::codes_off(&m, p.ak);
    let c = common::client(&m, 0);
    let partner_id: String = m.state.db.with(|conn| {
        conn.query_row("SELECT id FROM partners WHERE ak = ?1", [p.ak], |r| {
            r.get(0)
        })
        .unwrap()
    });
    let resellers: Vec<String> = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners
        .into_iter()
        .map(|r| r.indirect_partner_id)
        .collect();
    let customers: Vec<String> = c
        .list_sub_customers(&ListSubCustomersReq {
            association_type: Some("2".into()),
            limit: Some(100),
            ..Default::default()
        })
        .await
        .unwrap()
        .customer_infos
        .into_iter()
        .map(|c| c.customer_id)
        .collect();
    assert!(!resellers.is_empty() && !customers.is_empty());
    let buyer = load::demo_buyer(&m);
    // A pool of orders per client, about one operation in five a payment.
    let mut pools = vec![Vec::new(); CLIENTS];
    for pool in pools.iter_mut() {
        for _ in 0..OPS / 5 {
            let placed = common::admin(
                &m,
                "/mock/orders",
                serde_json::json!({ "customer_id": buyer }),
            )
            .await;
            pool.push(placed["order_id"].as_str().unwrap().to_string());
        }
    }
    let total = |m: &RunningMock| {
        m.state.db.with(|conn| {
            let p: i64 = conn.query_row("SELECT SUM(balance) FROM partners", [], |r| r.get(0)).unwrap();
            let c: i64 = conn.query_row("SELECT SUM(balance) FROM customers", [], |r| r.get(0)).unwrap();
            let bad: i64 = conn
                .query_row(
                    "SELECT (SELECT COUNT(*) FROM partners WHERE balance < 0 OR allocatable < 0 OR allocatable > balance)
                          + (SELECT COUNT(*) FROM customers WHERE balance < 0)",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            (p + c, bad)
        })
    };
    let balance = |table: &str, id: &str| {
        query_i64(
            &m,
            &format!("SELECT balance FROM {table} WHERE id = ?1"),
            id,
        )
    };
    let (money_before, _) = total(&m);
    let last_record = query_i64(
        &m,
        "SELECT COALESCE(MAX(n), 0) FROM adjust_records WHERE partner_id = ?1",
        &partner_id,
    );
    let mut before = std::collections::HashMap::new();
    for r in &resellers {
        before.insert(r.clone(), balance("partners", r));
    }
    for cu in &customers {
        before.insert(cu.clone(), balance("customers", cu));
    }
    let partner_before = balance("partners", &partner_id);

    let mut tasks = Vec::new();
    for (k, pool) in pools.iter().enumerate() {
        let c = Client::new(
            &m.endpoint(),
            pc_client::Credentials::new(p.ak, p.sk).with_domain(p.domain_id()),
        )
        .unwrap();
        let (resellers, customers, mut pool) = (resellers.clone(), customers.clone(), pool.clone());
        tasks.push(tokio::spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((k as u64 + 1) * 0x1000_0001));
            let (mut applied, mut refused) = (0usize, 0usize);
            for _ in 0..OPS {
                let amount = Decimal::new(1 + rng.below(50_000) as i64, 2);
                let reseller = resellers[rng.below(resellers.len())].clone();
                let customer = customers[rng.below(customers.len())].clone();
                let kind = rng.below(5);
                let result = match kind {
                    0 => c
                        .update_indirect_partner_account(&IndirectPartnerAmountReq {
                            indirect_partner_id: reseller,
                            amount,
                        })
                        .await
                        .map(|_| ()),
                    1 => c
                        .reclaim_indirect_partner_account(&IndirectPartnerAmountReq {
                            indirect_partner_id: reseller,
                            amount,
                        })
                        .await
                        .map(|_| ()),
                    2 => c
                        .update_customer_account_amount(&CustomerAmountReq {
                            customer_id: customer,
                            amount,
                            indirect_partner_id: None,
                        })
                        .await
                        .map(|_| ()),
                    3 => c
                        .reclaim_to_partner_account(&CustomerAmountReq {
                            customer_id: customer,
                            amount,
                            indirect_partner_id: None,
                        })
                        .await
                        .map(|_| ()),
                    _ => match pool.pop() {
                        Some(order) => {
                            let req = PayOrdersReq {
                                order_ids: vec![order],
                                payment_method: PayMethod::Balance,
                                verification: None,
                            };
                            c.pay_orders(&req, &uuid::Uuid::new_v4().to_string())
                                .await
                                .map(|_| ())
                        }
                        None => Ok(()),
                    },
                };
                match result {
                    Ok(()) => applied += 1,
                    Err(e) if e.code() == Some(codes::INSUFFICIENT_BALANCE) => refused += 1,
                    Err(e) => panic!("client {k}, operation {kind}: {e}"),
                }
            }
            (applied, refused)
        }));
    }
    let (mut applied, mut refused) = (0, 0);
    for t in tasks {
        let (a, r) = t.await.unwrap();
        applied += a;
        refused += r;
    }
    println!("{applied} applied, {refused} refused for want of money");
    assert!(
        applied > CLIENTS * OPS / 2,
        "most operations apply: {applied}"
    );

    // Money leaves only through paid orders.
    let paid: i64 = pools
        .iter()
        .flatten()
        .filter(|id| query_i64(&m, "SELECT status FROM orders WHERE id = ?1", id) == 5)
        .map(|id| {
            query_i64(
                &m,
                "SELECT amount_after_discount FROM orders WHERE id = ?1",
                id,
            )
        })
        .sum();
    let (money_after, bad) = total(&m);
    assert_eq!(
        money_after,
        money_before - paid,
        "total money conserved, less what orders cost"
    );
    assert_eq!(
        bad, 0,
        "no balance negative, no allocatable beyond the balance"
    );

    // The adjust records add up to every balance change, and the partner's own change is
    // their mirror less the payments.
    let mut moved = 0;
    for (id, was) in &before {
        let table = if resellers.contains(id) {
            "partners"
        } else {
            "customers"
        };
        let change = balance(table, id) - was;
        assert_eq!(
            adjusted(&m, &partner_id, id, last_record),
            change,
            "records of {id}"
        );
        moved += change;
    }
    assert_eq!(
        balance("partners", &partner_id),
        partner_before - moved - paid
    );
}
