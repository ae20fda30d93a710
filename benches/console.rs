//! Console figures for BENCHMARKS.md, measured on the real binary in `--demo` inside a
//! pseudo-terminal at 120×40: launch to the first frame showing orders, bytes written
//! per `j` and per page in the Orders list, bytes written in 10 s of idling, and peak
//! memory (VmHWM).
//!
//! `cargo bench --bench console` — env: BENCH_RUNS (launches, default 5), BENCH_IDLE_SECS
//! (default 10).

use std::sync::atomic::Ordering;
use std::time::Duration;

#[path = "../tests/common/pty.rs"]
mod pty;

use pty::Pty;

fn launch() -> Pty {
    Pty::start(&["--demo"], 120, 40)
}

fn quit(mut r: Pty) {
    r.keys("q");
    let _ = r.wait_exit();
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let runs = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5usize);
    let idle = std::env::var("BENCH_IDLE_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10u64);
    println!("partner-console console bench: --demo at 120x40, {runs} launches");
    let mut first_frames = Vec::new();
    for _ in 0..runs {
        let r = launch();
        first_frames.push(
            r.wait_for("orders", |s| s.contains("CS-DEMO-OK-1"))
                .as_secs_f64()
                * 1e3,
        );
        quit(r);
    }
    println!(
        "{:<52} median {:>7.1} ms  (min {:.1}, max {:.1})",
        "launch to first frame showing orders",
        median(first_frames.clone()),
        first_frames.iter().cloned().fold(f64::MAX, f64::min),
        first_frames.iter().cloned().fold(0.0, f64::max)
    );

    let mut r = launch();
    r.wait_for("orders", |s| s.contains("CS-DEMO-OK-1"));
    r.quiet();
    let within: Vec<f64> = (0..20).map(|_| r.bytes_for("j") as f64).collect();
    // Move past the first screen, where a j also scrolls the list by one row.
    for _ in 0..20 {
        r.bytes_for("j");
    }
    let scrolling: Vec<f64> = (0..20).map(|_| r.bytes_for("j") as f64).collect();
    let pages: Vec<f64> = (0..5).map(|_| r.bytes_for("\x1b[6~") as f64).collect();
    println!(
        "{:<52} median {:>7.0} bytes",
        "one j inside the visible rows",
        median(within)
    );
    println!(
        "{:<52} median {:>7.0} bytes",
        "one j that scrolls the list",
        median(scrolling)
    );
    println!("{:<52} median {:>7.0} bytes", "one PgDn", median(pages));
    r.quiet();
    let before = r.bytes.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_secs(idle));
    println!(
        "{:<52} {:>14} bytes",
        format!("{idle} s idle"),
        r.bytes.load(Ordering::SeqCst) - before
    );
    match r.peak_kib() {
        Some(kib) => println!(
            "{:<52} {:>11.1} MiB",
            "peak memory (VmHWM, console + in-process mock)",
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: /proc not available"),
    }
    quit(r);
}
