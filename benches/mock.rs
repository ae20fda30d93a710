//! Mock backend figures for BENCHMARKS.md: seeding `large:N`, one page of
//! list_customer_orders at offset 0 vs deep offsets (signed HTTP, and the store alone),
//! and signed requests per second for list_customer_orders (limit 100).
//!
//! `cargo bench --bench mock` — env: BENCH_ORDERS (default 1000000), BENCH_SECS
//! (throughput run, default 10), BENCH_CONCURRENCY (default 16).

// A bench stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use pc_api::CustomerOrdersQuery;
use pc_client::{Client, Credentials};
use pc_mock::domain::{Caller, PartnerKind, orders};
use pc_mock::seed::{DEMO_PARTNERS, Seed, partner_id};
use pc_mock::{self as mock, MockConfig};

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn summary(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{label:<48} median {:>8.3} ms   p99 {:>8.3} ms   ({} samples)",
        percentile(&samples, 0.5).as_secs_f64() * 1e3,
        percentile(&samples, 0.99).as_secs_f64() * 1e3,
        samples.len()
    );
}

fn query(offset: i64, status: Option<i32>) -> CustomerOrdersQuery {
    CustomerOrdersQuery {
        offset: Some(offset),
        limit: Some(100),
        status,
        ..Default::default()
    }
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would too. Nothing to parse.
    let n = env("BENCH_ORDERS", 1_000_000);
    let secs = env("BENCH_SECS", 10);
    let concurrency = env("BENCH_CONCURRENCY", 16) as usize;
    println!(
        "partner-console mock bench: large:{n}, {concurrency} clients for {secs} s, {} cores",
        std::thread::available_parallelism().map_or(0, |p| p.get())
    );

    let started = Instant::now();
    let config = MockConfig {
        data: None,
        seed: Seed::Large(n),
        admin_token: None,
        live: None,
        limits: Default::default(),
        rate_limit: None,
        bss_only: false,
        site: Default::default(),
    };
    let m = mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .expect("mock starts");
    println!(
        "{:<48} {:>8.2} s",
        format!("seed large:{n} (in memory, with indexes)"),
        started.elapsed().as_secs_f64()
    );

    let p = &DEMO_PARTNERS[0];
    let client = Client::new(
        &m.endpoint(),
        Credentials::new(p.ak, p.sk).with_domain(p.domain_id()),
    )
    .unwrap();
    let deep = (n as i64 * 9 / 10).max(0);
    let caller = Caller {
        partner_id: partner_id(p.account_name),
        kind: PartnerKind::Distributor,
    };

    // Warm up, then one page at a time.
    for _ in 0..20 {
        client.list_customer_orders(&query(0, None)).await.unwrap();
    }
    for (label, offset, status) in [
        ("page, offset 0 (signed HTTP)".to_string(), 0, None),
        (format!("page, offset {deep} (signed HTTP)"), deep, None),
        (
            "page, status=6, offset 0 (signed HTTP)".to_string(),
            0,
            Some(6),
        ),
        (
            format!("page, status=6, offset {} (signed HTTP)", n / 11 * 9 / 10),
            (n / 11 * 9 / 10) as i64,
            Some(6),
        ),
    ] {
        let mut samples = Vec::new();
        for _ in 0..200 {
            let t = Instant::now();
            let page = client
                .list_customer_orders(&query(offset, status))
                .await
                .unwrap();
            samples.push(t.elapsed());
            assert!(!page.order_infos.is_empty(), "{label}: empty page");
        }
        summary(&label, samples);
    }
    for offset in [0, deep] {
        let mut samples = Vec::new();
        for _ in 0..200 {
            let c = caller.clone();
            let t = Instant::now();
            let page = m
                .state
                .db
                .run(move |conn| orders::list(conn, &c, &query(offset, None)))
                .await
                .unwrap();
            samples.push(t.elapsed());
            assert_eq!(page.order_infos.len(), 100);
        }
        summary(&format!("page, offset {offset} (store only)"), samples);
    }

    // Throughput: concurrent signed list_customer_orders (limit 100) for `secs` seconds.
    let until = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while Instant::now() < until {
                let t = Instant::now();
                client.list_customer_orders(&query(0, None)).await.unwrap();
                lat.push(t.elapsed());
            }
            lat
        }));
    }
    let t = Instant::now();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let elapsed = t.elapsed().as_secs_f64();
    println!(
        "{:<48} {:>8.0} req/s",
        "list_customer_orders limit 100, signed",
        all.len() as f64 / elapsed
    );
    summary(
        &format!("  latency under load ({concurrency} clients)"),
        all,
    );
    m.shutdown().await;
}
