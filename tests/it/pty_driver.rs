//! The real binary in a pseudo-terminal (portable-pty) with its output parsed by a
//! terminal emulator (vt100), counted in bytes and kept as written. Shared by the PTY
//! tests and the console bench. Every wait is bounded.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub bytes: Arc<AtomicUsize>,
    /// Everything the process wrote to the terminal, escape sequences and all.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    reader: Option<std::thread::JoinHandle<()>>,
    pub started: Instant,
    home: std::path::PathBuf,
}

impl Pty {
    /// Starts the binary with `args` at `cols`×`rows`, with its own HOME and XDG dirs.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::start_env(args, &[], cols, rows)
    }

    /// As [`Pty::start`], with `env` set over the defaults (a test that starts the binary
    /// twice on the same data passes its own HOME and XDG dirs; they are not removed).
    pub fn start_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let home = std::env::temp_dir().join(format!("pc-pty-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&home).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_partner-console"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("HOME", &home);
        // English, whatever the developer's locale; a test may set LC_ALL over it.
        cmd.env("LC_ALL", "C.UTF-8");
        // Nothing of the developer's own Huawei setup (a test may set them again).
        for key in pc_core::config::SDK_ENV {
            cmd.env_remove(key);
        }
        for &(key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(&home);
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let bytes = Arc::new(AtomicUsize::new(0));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (feed, count, keep) = (parser.clone(), bytes.clone(), raw.clone());
        let reader = std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                keep.lock().unwrap().extend_from_slice(&buf[..n]);
                count.fetch_add(n, Ordering::SeqCst);
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            parser,
            bytes,
            raw,
            writer,
            child,
            reader: Some(reader),
            started,
            home,
        }
    }

    /// The HOME of the process (its XDG data dir is `data/` in it), unless `env` set one.
    pub fn home(&self) -> &std::path::Path {
        &self.home
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The bytes written so far, as written (all of them once [`Pty::wait_exit`] returned).
    pub fn output(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `pred` holds for the screen; returns the time since start.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> Duration {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if pred(&self.screen()) {
                return self.started.elapsed();
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    pub fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the output has been quiet for 150 ms.
    pub fn quiet(&self) {
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

    /// Time from sending `keys` to the first byte the console writes in answer.
    pub fn first_output_after(&mut self, keys: &str) -> Duration {
        let before = self.bytes.load(Ordering::SeqCst);
        let started = Instant::now();
        self.keys(keys);
        while self.bytes.load(Ordering::SeqCst) == before {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "no output for {keys:?}"
            );
            std::thread::sleep(Duration::from_micros(200));
        }
        started.elapsed()
    }

    /// Bytes written in answer to `keys`.
    pub fn bytes_for(&mut self, keys: &str) -> usize {
        let before = self.bytes.load(Ordering::SeqCst);
        self.keys(keys);
        self.quiet();
        self.bytes.load(Ordering::SeqCst) - before
    }

    /// Waits for the process to end and for its last output to be read.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The reader ends at EOF once the child has closed the terminal.
                let reader = self.reader.take();
                let drained = Instant::now() + Duration::from_secs(5);
                if let Some(r) = reader {
                    while !r.is_finished() && Instant::now() < drained {
                        std::thread::sleep(Duration::from_millis(10));
                    }
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("the console did not exit; screen:\n{}", self.screen());
    }

    /// The terminal is as it was: normal screen, cursor shown, bracketed paste and
    /// mouse reporting off.
    pub fn restored(&self) -> bool {
        let p = self.parser.lock().unwrap();
        !p.screen().alternate_screen()
            && !p.screen().hide_cursor()
            && !p.screen().bracketed_paste()
            && p.screen().mouse_protocol_mode() == vt100::MouseProtocolMode::None
    }

    /// Peak resident memory of the process (VmHWM), in KiB, where /proc has it.
    pub fn peak_kib(&self) -> Option<u64> {
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
}

/// The newest demo code sent to the partner's phone, from the toasts on screen (the
/// newest toast is on top).
pub fn partner_code(screen: &str) -> Option<String> {
    sms_code(screen, "138****0001")
}

/// The newest demo code sent by SMS to `masked`, from the toasts on screen.
pub fn sms_code(screen: &str, masked: &str) -> Option<String> {
    let marker = format!("SMS to {masked}: ");
    let at = screen.find(&marker)? + marker.len();
    let code: String = screen[at..].chars().take(6).collect();
    (code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())).then_some(code)
}

impl Pty {
    /// In `--demo` as the distributor: pays CS-DEMO-OK-1 with the code from the toast,
    /// closes the result and waits for the order to show completed. The code used.
    pub fn pay_demo_order(&mut self) -> String {
        let c = self;
        c.keys(":orders CS-DEMO-OK-1\r");
        c.wait_for("the one order", |s| {
            s.contains("filter: CS-DEMO-OK-1") && s.contains("1 of 1")
        });
        c.keys("p");
        c.wait_for("the summary", |s| {
            s.contains("Pay order CS-DEMO-OK-1") && s.contains("Enter send the code")
        });
        c.keys("\r");
        c.wait_for("the code entry and its toast", |s| {
            s.contains("Code sent by SMS to 138****0001") && partner_code(s).is_some()
        });
        let code = partner_code(&c.screen()).unwrap();
        c.keys(&code);
        c.keys("\r");
        c.wait_for("the payment", |s| {
            s.contains("✓ CS-DEMO-OK-1") && s.contains("transaction")
        });
        c.keys("\r");
        c.wait_for("the paid order", |s| {
            s.lines()
                .any(|l| l.contains("CS-DEMO-OK-1") && l.contains("completed"))
        });
        code
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = std::fs::remove_dir_all(&self.home);
    }
}
