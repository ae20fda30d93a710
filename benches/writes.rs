//! What exactly once costs (BENCHMARKS.md): a fund transfer through the signed client
//! — the BSS call without a request id, the Partner Center twin with one (the outcome
//! stored in the write's transaction), and the console's whole path (`exec::execute`:
//! journal intent synced to disk, the twin, journal outcome and audit line synced) —
//! plus the status query that resolves a lost answer.
//!
//! `cargo bench --bench writes` — env: BENCH_WRITES (per kind, default 300).

// A bench stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use pc_api::partner_center::{TransferReq, TransferTarget};
use pc_api::{IndirectPartnerAmountReq, ListIndirectPartnersReq};
use pc_client::{Client, Credentials};
use pc_core::exec::{Records, execute};
use pc_core::ops::Operation;
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_mock::{self as mock, MockConfig};
use rust_decimal::Decimal;

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{label:<56} median {:>7.3} ms   p99 {:>7.3} ms   ({} samples)",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        samples.len()
    );
}

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("BENCH_WRITES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let config = MockConfig {
        data: None,
        seed: Seed::Demo,
        admin_token: Some("bench-admin-token".into()),
        live: None,
        limits: Default::default(),
        rate_limit: None,
        bss_only: false,
        site: Default::default(),
    };
    let m = mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .expect("mock starts");
    // Codes off for the distributor, so that each write is one request.
    m.state.db.with(|conn| {
        conn.execute(
            "INSERT INTO partner_settings (partner_id, verification) SELECT id, 0 FROM partners WHERE ak = ?1",
            [DEMO_PARTNERS[0].ak],
        )
        .expect("setting")
    });
    let p = &DEMO_PARTNERS[0];
    let c = Client::new(
        &m.endpoint(),
        Credentials::new(p.ak, p.sk).with_domain(p.domain_id()),
    )
    .unwrap();
    let reseller = c
        .list_indirect_partners(&ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone();
    let one = Decimal::ONE;
    // Allocate and recall alternate, so the balances stay where they were.
    let target = |i: usize| {
        if i.is_multiple_of(2) {
            TransferTarget::ResellerAllocate
        } else {
            TransferTarget::ResellerRecall
        }
    };
    println!("partner-console write bench: {n} of each, in-memory mock, release build");

    let mut bss = Vec::with_capacity(n);
    for i in 0..n {
        let req = IndirectPartnerAmountReq {
            indirect_partner_id: reseller.clone(),
            amount: one,
        };
        let t = Instant::now();
        if i.is_multiple_of(2) {
            c.update_indirect_partner_account(&req).await.unwrap();
        } else {
            c.reclaim_indirect_partner_account(&req).await.unwrap();
        }
        bss.push(t.elapsed());
    }
    summary("BSS transfer, no request id", bss);

    let mut twin = Vec::with_capacity(n);
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let id = uuid::Uuid::new_v4().to_string();
        let req = TransferReq {
            amount: one,
            verification: None,
        };
        let t = Instant::now();
        c.transfer(target(i), &reseller, &req, &id).await.unwrap();
        twin.push(t.elapsed());
        ids.push(id);
    }
    summary("Partner Center twin, request id stored", twin);

    let mut repeat = Vec::with_capacity(n);
    for (i, id) in ids.iter().enumerate() {
        let req = TransferReq {
            amount: one,
            verification: None,
        };
        let t = Instant::now();
        c.transfer(target(i), &reseller, &req, id).await.unwrap();
        repeat.push(t.elapsed());
    }
    summary("the same request again (stored answer)", repeat);

    let mut status = Vec::with_capacity(n);
    for id in &ids {
        let t = Instant::now();
        c.request_outcome(id).await.unwrap();
        status.push(t.elapsed());
    }
    summary("status query (GET /requests/{id})", status);

    let dir = std::env::temp_dir().join(format!("pc-bench-{}", uuid::Uuid::new_v4().simple()));
    let records = Records::in_dir(&dir, "bench", p.name);
    let mut whole = Vec::with_capacity(n);
    for i in 0..n {
        let op = Operation::Transfer {
            to: target(i),
            target_id: reseller.clone(),
            target_name: "reseller".into(),
            amount: one,
        };
        let id = uuid::Uuid::new_v4().to_string();
        let t = Instant::now();
        execute(&c, &records, &id, &op, None, false).await;
        whole.push(t.elapsed());
    }
    summary(
        "console path: journal + twin + journal + audit (synced)",
        whole,
    );
    let journal = std::fs::metadata(dir.join("journal.jsonl"))
        .map(|m| m.len())
        .unwrap_or(0);
    let audit = std::fs::metadata(dir.join("audit.jsonl"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "journal {:.0} bytes and audit {:.0} bytes per operation",
        journal as f64 / n as f64,
        audit as f64 / n as f64
    );
    std::fs::remove_dir_all(dir).ok();
}
