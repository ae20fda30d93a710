//! Console figures for BENCHMARKS.md, measured on the real binary in `--demo` inside a
//! pseudo-terminal at 120×40: launch to the first frame showing orders, bytes written
//! per `j` and per page in the Orders list, bytes written in 10 s of idling, and peak
//! memory (VmHWM).
//!
//! `cargo bench --bench console` — env: BENCH_RUNS (launches, default 5), BENCH_IDLE_SECS
//! (default 10).

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Run {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<AtomicUsize>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    started: Instant,
}

fn launch() -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let dir = std::env::temp_dir().join(format!("pc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_partner-console"));
    cmd.arg("--demo");
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_DATA_HOME", dir.join("data"));
    cmd.env("HOME", &dir);
    let started = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let writer = pair.master.take_writer().unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let bytes = Arc::new(AtomicUsize::new(0));
    let (p, b) = (parser.clone(), bytes.clone());
    std::thread::spawn(move || {
        let _master = pair.master;
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            b.fetch_add(n, Ordering::SeqCst);
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    Run {
        parser,
        bytes,
        writer,
        child,
        started,
    }
}

impl Run {
    fn wait_for(&self, text: &str) -> Duration {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if self
                .parser
                .lock()
                .unwrap()
                .screen()
                .contents()
                .contains(text)
            {
                return self.started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        panic!("timed out waiting for {text}");
    }

    /// Bytes written in response to `keys`, once output has been quiet for 150 ms.
    fn bytes_for(&mut self, keys: &str) -> usize {
        let before = self.bytes.load(Ordering::SeqCst);
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        self.quiet();
        self.bytes.load(Ordering::SeqCst) - before
    }

    fn quiet(&self) {
        let mut last = self.bytes.load(Ordering::SeqCst);
        let mut still_since = Instant::now();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.bytes.load(Ordering::SeqCst);
            if now != last {
                last = now;
                still_since = Instant::now();
            } else if still_since.elapsed() >= Duration::from_millis(150) {
                return;
            }
        }
    }

    fn peak_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
    }
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
        first_frames.push(r.wait_for("CS-DEMO-OK-1").as_secs_f64() * 1e3);
        r.quit();
    }
    println!(
        "{:<52} median {:>7.1} ms  (min {:.1}, max {:.1})",
        "launch to first frame showing orders",
        median(first_frames.clone()),
        first_frames.iter().cloned().fold(f64::MAX, f64::min),
        first_frames.iter().cloned().fold(0.0, f64::max)
    );

    let mut r = launch();
    r.wait_for("CS-DEMO-OK-1");
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
    r.quit();
}
