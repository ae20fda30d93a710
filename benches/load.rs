//! The fault run of `crates/core/tests/it/load.rs` at a larger size: payments and transfers through the
//! console's own path while the mock drops 30 % of write answers after commit and
//! refuses 10 % of requests with 503; every operation checked applied exactly once.
//! `BENCH_FAULT_OPS` (default 5000), `BENCH_CONCURRENCY` (default 16).

// A bench stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

use pc_testkit as common;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let ops = env("BENCH_FAULT_OPS", 5000);
    let concurrency = env("BENCH_CONCURRENCY", 16);
    let m = common::start(pc_mock::seed::Seed::Demo).await;
    let c = common::client(&m, 0);
    let dir = std::env::temp_dir().join(format!("pc-bench-load-{}", uuid::Uuid::new_v4().simple()));
    let run = common::load::faults(&m, &c, &dir, ops, concurrency).await;
    println!(
        "{} operations, {} at a time, under faults: {:.2} s ({:.0} ops/s); {} answers dropped after commit, {} requests refused with 503, {} attempts resent under a new id, {} confirmed again by the user; all applied exactly once, balances exact",
        run.ops,
        concurrency,
        run.elapsed.as_secs_f64(),
        run.ops as f64 / run.elapsed.as_secs_f64(),
        run.dropped,
        run.refused,
        run.resent,
        run.repeated
    );
    std::fs::remove_dir_all(dir).ok();
}
