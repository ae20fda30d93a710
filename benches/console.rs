//! Console figures for BENCHMARKS.md, measured on the real binary in `--demo` inside a
//! pseudo-terminal at 120×40: launch to the first frame showing orders, bytes written
//! per `j` and per page in the Orders list, bytes written in 10 s of idling, and peak
//! memory (VmHWM).
//!
//! `cargo bench --bench console` — env: BENCH_RUNS (launches, default 5), BENCH_IDLE_SECS
//! (default 10).

// A bench stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::Ordering;
use std::time::Duration;

#[path = "../tests/it/pty_driver.rs"]
mod pty;

use pty::Pty;

/// `partner-console mock` in a process of its own, so that the console's figures are
/// the console's alone.
struct MockProcess {
    child: std::process::Child,
    addr: std::net::SocketAddr,
}

const ADMIN: &str = "bench-admin-token-0001";

impl MockProcess {
    fn start(seed: &str) -> MockProcess {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_partner-console"))
            .args(["mock", "--listen", &addr.to_string(), "--seed", seed])
            .args(["--admin-token", ADMIN])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // A large seed is built before the mock listens.
        let deadline = std::time::Instant::now() + Duration::from_secs(300);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "the mock did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        MockProcess { child, addr }
    }

    fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `POST /mock/faults` by hand (a bench has no async runtime).
    fn faults(&self, body: &str) {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(self.addr).unwrap();
        write!(
            s,
            "POST /mock/faults HTTP/1.1\r\nHost: {}\r\nX-Mock-Admin: {ADMIN}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.addr,
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    }
}

impl Drop for MockProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The console (no --demo) against `endpoint` as the demo distributor.
fn console_against(endpoint: &str) -> Pty {
    console_as(endpoint, None)
}

/// The console against `endpoint` as the demo distributor, with its account id given
/// (`HUAWEICLOUD_SDK_DOMAIN_ID`) or not: then it is asked of the backend's IAM (each
/// launch has a fresh data directory, so nothing is kept from an earlier one).
fn console_as(endpoint: &str, domain_id: Option<&str>) -> Pty {
    let p = &pc_mock::seed::DEMO_PARTNERS[0];
    let mut env = vec![
        ("PARTNER_CONSOLE_ENDPOINT", endpoint),
        ("HUAWEICLOUD_SDK_AK", p.ak),
        ("HUAWEICLOUD_SDK_SK", p.sk),
    ];
    if let Some(id) = domain_id {
        env.push(("HUAWEICLOUD_SDK_DOMAIN_ID", id));
    }
    Pty::start_env(&[], &env, 120, 40)
}

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

    // Keystrokes while every call to the backend takes 2 s: the screen answers at once.
    let mock = MockProcess::start("demo");
    let mut r = console_against(&mock.endpoint());
    r.wait_for("orders", |s| s.contains("CS-DEMO-OK-1"));
    r.quiet();
    mock.faults(r#"{"delay_ms": 2000}"#);
    let mut moves = Vec::new();
    for key in ["j", "k"].iter().cycle().take(20) {
        moves.push(r.first_output_after(key).as_secs_f64() * 1e3);
        r.quiet();
    }
    let mut switches = Vec::new();
    for (key, tab) in [("1", "[1 Customers]"), ("2", "[2 Orders]")]
        .iter()
        .cycle()
        .take(6)
    {
        let started = std::time::Instant::now();
        r.keys(key);
        r.wait_for(tab, |s| s.contains(tab));
        switches.push(started.elapsed().as_secs_f64() * 1e3);
        // Let the slow page arrive before the next switch.
        std::thread::sleep(Duration::from_millis(2300));
    }
    println!(
        "{:<52} median {:>7.1} ms  (max {:.1})",
        "j/k to the first byte on screen, backend delayed 2 s",
        median(moves.clone()),
        moves.iter().cloned().fold(0.0, f64::max)
    );
    println!(
        "{:<52} median {:>7.1} ms  (max {:.1})",
        "pane switch to its frame, backend delayed 2 s",
        median(switches.clone()),
        switches.iter().cloned().fold(0.0, f64::max)
    );
    mock.faults("{}");
    quit(r);

    // What asking IAM for the account id adds to the first frame: once per AK (it is
    // kept in the data directory), measured here on launches that each start afresh,
    // alternating with launches given the id.
    let domain = pc_mock::seed::DEMO_PARTNERS[0].domain_id();
    let (mut asked, mut given) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        for (id, into) in [(None, &mut asked), (Some(domain.as_str()), &mut given)] {
            let r = console_as(&mock.endpoint(), id);
            into.push(
                r.wait_for("orders", |s| s.contains("CS-DEMO-OK-1"))
                    .as_secs_f64()
                    * 1e3,
            );
            quit(r);
        }
    }
    for (what, v) in [
        ("launch to orders, account id asked of IAM", &asked),
        ("launch to orders, account id given", &given),
    ] {
        println!(
            "{:<52} median {:>7.1} ms  (min {:.1}, max {:.1})",
            what,
            median(v.clone()),
            v.iter().cloned().fold(f64::MAX, f64::min),
            v.iter().cloned().fold(0.0, f64::max)
        );
    }
    drop(mock);

    // Peak memory of the console alone against a million orders, browsing deep.
    let orders = std::env::var("BENCH_ORDERS").unwrap_or_else(|_| "1000000".into());
    let mock = MockProcess::start(&format!("large:{orders}"));
    let mut r = console_against(&mock.endpoint());
    r.wait_for("orders", |s| s.contains("[2 Orders]") && s.contains(" CS"));
    for _ in 0..30 {
        r.bytes_for("\x1b[6~");
    }
    r.bytes_for("G");
    r.bytes_for("/status:completed\r");
    for _ in 0..10 {
        r.bytes_for("\x1b[6~");
    }
    for key in ["1", "4", "5", "3", "2"] {
        r.keys(key);
        std::thread::sleep(Duration::from_millis(500));
    }
    r.quiet();
    match r.peak_kib() {
        Some(kib) => println!(
            "{:<52} {:>11.1} MiB",
            format!("peak memory (VmHWM), console alone, large:{orders}"),
            kib as f64 / 1024.0
        ),
        None => println!("peak memory: /proc not available"),
    }
    // The money desk over the same partner: Renewals gathering across its customers
    // for a while (the gateway's 10 calls a second), the account's records, Spending
    // with its totals, and a customer's month with its twelve months.
    let gather = std::env::var("BENCH_GATHER_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    if r.screen().contains("[8 ") || r.screen().contains(" 8 ") {
        r.keys("8");
        std::thread::sleep(Duration::from_secs(gather));
        r.keys("5");
        std::thread::sleep(Duration::from_millis(500));
        r.keys("l");
        std::thread::sleep(Duration::from_secs(1));
        for _ in 0..5 {
            r.bytes_for("\x1b[6~");
        }
        r.keys("9");
        std::thread::sleep(Duration::from_secs(8));
        r.keys("\r");
        std::thread::sleep(Duration::from_secs(5));
        r.quiet();
        match r.peak_kib() {
            Some(kib) => println!(
                "{:<52} {:>11.1} MiB",
                format!("… then Renewals {gather} s, the account's records, Spending"),
                kib as f64 / 1024.0
            ),
            None => println!("peak memory: /proc not available"),
        }
    }
    quit(r);
}
