//! End to end: the real binary in `--demo` inside a pseudo-terminal, read by a terminal
//! emulator. Every wait is bounded.

#[path = "common/pty.rs"]
mod pty;

use pty::{Pty, partner_code, sms_code};

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

#[test]
fn demo_creates_a_customer_with_a_phone_and_the_code_from_the_toast() {
    let mut c = Pty::start(&["--demo"], 120, 40);
    c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
    c.keys("1");
    c.wait_for("the customers", |s| {
        s.contains("[1 Customers]") && s.contains("acme_robotics")
    });
    c.keys("n");
    c.wait_for("the form", |s| {
        s.contains("New customer") && s.contains("No phone")
    });
    c.keys("pty_new_co");
    c.wait_for("the name checked", |s| {
        s.contains("pty_new_co▏  ✓ available")
    });
    c.keys("\t13912345678");
    c.wait_for("the phone checked", |s| {
        s.contains("13912345678▏  ✓ available")
    });
    c.keys("\r");
    c.wait_for("the registration code and its toast", |s| {
        s.contains("Code sent by SMS to 139****5678") && sms_code(s, "139****5678").is_some()
    });
    let code = sms_code(&c.screen(), "139****5678").unwrap();
    c.keys(&code);
    c.keys("\r");
    c.wait_for("the new customer", |s| {
        s.contains("✓ Create the customer pty_new_co") && s.contains("created (id ")
    });
    c.keys("\r");
    c.wait_for("the customer in the list", |s| {
        s.lines()
            .any(|l| l.starts_with("│") && l.contains("pty_new_co") && l.contains("139****5678"))
    });
    c.keys("q");
    let status = c.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn demo_pays_an_order_with_the_code_from_the_toast_and_explains_a_failure() {
    let mut c = Pty::start(&["--demo"], 120, 40);
    c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
    let code = c.pay_demo_order();

    // CS-DEMO-QUOTA: the payment is refused, and the console says what to do.
    c.keys(":orders CS-DEMO-QUOTA\r");
    c.wait_for("the quota order", |s| {
        s.contains("filter: CS-DEMO-QUOTA") && s.contains("1 of 1")
    });
    c.keys("p");
    c.wait_for("the summary", |s| s.contains("Pay order CS-DEMO-QUOTA"));
    c.keys("\r");
    c.wait_for("a new code", |s| {
        s.contains("Code sent by SMS") && partner_code(s).is_some_and(|n| n != code)
    });
    let second = partner_code(&c.screen()).unwrap();
    c.keys(&second);
    c.keys("\r");
    c.wait_for("the explanation", |s| {
        s.contains("✗ CS-DEMO-QUOTA") && s.contains("raise the quota with a service ticket")
    });
    c.keys("\r7");
    c.wait_for("the history", |s| {
        s.contains("[7 History]") && s.contains("pay_orders") && s.contains("failed: CS-DEMO-QUOTA")
    });
    let screen = c.screen();
    assert!(screen.contains("applied"), "{screen}");
    c.keys("q");
    assert!(c.wait_exit().success());
    assert!(c.restored());
}

#[test]
fn read_only_demo_refuses_to_pay() {
    let mut c = Pty::start(&["--demo", "--read-only"], 120, 40);
    c.wait_for("the orders", |s| {
        s.contains("CS-DEMO-OK-1") && s.contains("READ-ONLY")
    });
    c.keys("p");
    c.wait_for("the refusal", |s| s.contains("Read-only session"));
    c.keys("q");
    assert!(c.wait_exit().success());
}

#[test]
fn demo_verifies_a_customer_by_bank_card_with_the_code_from_the_toast() {
    let mut c = Pty::start(&["--demo"], 120, 40);
    c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
    c.keys("1");
    c.wait_for("the customers", |s| {
        s.contains("[1 Customers]") && s.contains("jiguang_net")
    });
    c.keys("v");
    c.wait_for("the form", |s| s.contains("Real-name authentication"));
    c.keys("\t张伟\t11010519491231002X\t6222020200112233445\t13912345678\r");
    c.wait_for("the code to the bank phone and its toast", |s| {
        s.contains("Code sent by SMS to 139****5678") && sms_code(s, "139****5678").is_some()
    });
    let code = sms_code(&c.screen(), "139****5678").unwrap();
    c.keys(&code);
    c.keys("\r");
    c.wait_for("the summary", |s| {
        s.contains("Real-name authentication of jiguang_net") && s.contains("****002X")
    });
    c.keys("\r");
    c.wait_for("the result", |s| s.contains("verified at once"));
    c.keys("\r");
    c.wait_for("the row verified", |s| {
        s.lines().any(|l| {
            l.contains("jiguang_net") && l.contains("verified") && !l.contains("not verified")
        })
    });
    c.keys("q");
    assert!(c.wait_exit().success());
}

#[test]
fn a_partner_contracted_outside_huawei_cloud_is_sent_to_its_channel_manager() {
    let mut c = Pty::start(&["--demo", "--as", "solution-provider"], 140, 30);
    c.wait_for("the orders", |s| s.contains("Brightpath"));
    c.keys("5");
    c.wait_for("the recharge line", |s| {
        s.contains("through your local Huawei channel manager")
            && s.contains("5 Funds — balances · :agreements")
    });
    c.keys(":recharge\r");
    c.wait_for("the refusal", |s| {
        s.contains("No dedicated remittance account")
    });
    c.keys("q");
    assert!(c.wait_exit().success());
}
