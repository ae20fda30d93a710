//! End to end: the real binary in `--demo` inside a pseudo-terminal, read by a terminal
//! emulator. Every wait is bounded.

#[path = "common/pty.rs"]
mod pty;

use pty::Pty;

#[test]
fn demo_opens_on_orders_switches_panes_filters_and_quits_cleanly() {
    let mut c = Pty::start(&["--demo"], 120, 40);
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
        ("7", "[7 History]", "No sensitive operations yet"),
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
        "the terminal left the alternate screen, shows the cursor, no bracketed paste"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["-TERM", "-HUP"] {
        let mut c = Pty::start(&["--demo", "--as", "government"], 120, 40);
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
