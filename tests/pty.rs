//! End to end: the real binary in `--demo` inside a pseudo-terminal (portable-pty),
//! its output read by a terminal emulator (vt100). Every wait is bounded.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    _dirs: TempDirs,
}

struct TempDirs(std::path::PathBuf);

impl Drop for TempDirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Console {
    fn start(args: &[&str]) -> Console {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pty");
        let dirs = std::env::temp_dir().join(format!("pc-pty-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dirs).unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_partner-console"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", dirs.join("data"));
        cmd.env("XDG_CONFIG_HOME", dirs.join("config"));
        cmd.env("HOME", &dirs);
        let child = pair.slave.spawn_command(cmd).expect("the binary starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let feed = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Console {
            parser,
            writer,
            child,
            _dirs: TempDirs(dirs),
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if pred(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out waiting for {what}; screen:\n{}", self.screen());
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(200));
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the console did not exit; screen:\n{}", self.screen());
    }

    fn restored(&self) -> bool {
        let p = self.parser.lock().unwrap();
        !p.screen().alternate_screen() && !p.screen().hide_cursor() && !p.screen().bracketed_paste()
    }
}

#[test]
fn demo_opens_on_orders_switches_panes_filters_and_quits_cleanly() {
    let mut c = Console::start(&["--demo"]);
    c.wait_for("the orders", |s| {
        s.contains("[2 Orders]") && s.contains("CS-DEMO-OK-1")
    });
    assert!(
        c.parser.lock().unwrap().screen().alternate_screen(),
        "runs in the alternate screen"
    );
    for (key, tab, text) in [
        ("1", "[1 Customers]", "acme_robotics"),
        ("3", "[3 Contracts]", "HT-"),
        ("4", "[4 Resellers]", "Northwind Cloud Services"),
        ("5", "[5 Funds]", "Allocatable"),
        ("6", "[6 Catalog]", "hws.service.type.ec2"),
        ("7", "[7 History]", "audit log"),
        ("2", "[2 Orders]", "CS-DEMO-OK-1"),
    ] {
        c.keys(key);
        c.wait_for(tab, |s| s.contains(tab) && s.contains(text));
    }
    c.keys("/status:completed\r");
    c.wait_for("the filtered list", |s| {
        // Every order row (not the title) must carry the status.
        let rows: Vec<&str> = s
            .lines()
            .filter(|l| l.starts_with('│') && l.contains(" CS"))
            .collect();
        s.contains("filter: status:completed")
            && !rows.is_empty()
            && rows.iter().all(|l| l.contains("completed"))
            && !s.contains("CS-DEMO-OK-1")
    });
    c.keys("?");
    c.wait_for("the help", |s| s.contains("Any key closes this help."));
    c.keys("x");
    c.wait_for("the help to close", |s| {
        !s.contains("Any key closes this help.")
    });
    c.keys("q");
    let status = c.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        c.restored(),
        "the terminal left the alternate screen and shows the cursor again"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let mut c = Console::start(&["--demo", "--as", "government"]);
        c.wait_for("the orders", |s| {
            s.contains("海城数字政务服务中心") && s.contains("[2 Orders]")
        });
        let pid = c.child.process_id().expect("a pid").to_string();
        let sent = std::process::Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = c.wait_exit();
        assert!(status.success(), "{signal}: exit status {status:?}");
        assert!(c.restored(), "{signal}: terminal restored");
    }
}
