//! End to end: the real binary in `--demo` inside a pseudo-terminal, read by a terminal
//! emulator. Every wait is bounded.

use crate::pty_driver as pty;

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

/// The locale chooses the language (`LC_ALL`, `LC_MESSAGES` or `LANG`, as POSIX reads
/// them): Simplified Chinese here, from the tabs to the help; the data stay as they are.
#[test]
fn demo_speaks_simplified_chinese_under_a_chinese_locale() {
    let mut c = Pty::start_env(&["--demo"], &[("LC_ALL", "zh_CN.UTF-8")], 120, 40);
    c.wait_for("the orders, in Chinese", |s| {
        s.contains("[2 订单]") && s.contains("CS-DEMO-OK-1") && s.contains("待支付")
    });
    c.keys("?");
    c.wait_for("the help, in Chinese", |s| s.contains("按任意键关闭帮助。"));
    c.keys("x");
    c.wait_for("the help to close", |s| !s.contains("按任意键关闭帮助。"));
    c.keys("q");
    let status = c.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(c.restored(), "the terminal is restored");
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
        s.contains("[7 History]") && s.contains("pay orders") && s.contains("failed: CS-DEMO-QUOTA")
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
    // 杭州极光网络科技有限公司 checked as a person: warned of once, then Enter goes on.
    c.wait_for("the warning", |s| s.contains("reads as an organisation"));
    c.keys("\r");
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

/// The SGR sequences (`ESC [ params m`) of `output` that set a colour: each sequence is
/// parsed and its parameters (split at `;`, sub-parameters at `:`) read in turn, so that
/// attributes (bold 1, dim 2, reverse 7, …), resets (0, and 39/49: the default colours)
/// pass, and 30–37, 40–47, 90–97, 100–107 and 38/48/58 (256 and 24-bit) do not.
fn colour_sgr(output: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < output.len() {
        if output[i] != 0x1b || output[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 2;
        // Parameter bytes, then intermediate bytes, then the final byte.
        while end < output.len() && (0x20..=0x3f).contains(&output[end]) {
            end += 1;
        }
        if end >= output.len() {
            break;
        }
        let params = &output[start + 2..end];
        let is_sgr = output[end] == b'm'
            && params
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b';' || *b == b':');
        if is_sgr {
            let text = String::from_utf8_lossy(params);
            let colour = text.split(';').any(|p| {
                let first = p.split(':').next().unwrap_or("");
                matches!(
                    first.parse::<u16>().unwrap_or(0),
                    30..=37 | 38 | 40..=47 | 48 | 58 | 90..=97 | 100..=107
                )
            });
            // A 38;5;n or 38;2;r;g;b carries numbers that would read as attributes: the
            // sequence is already counted by its 38.
            if colour {
                found.push(format!("ESC[{text}m"));
            }
        }
        i = end + 1;
    }
    found
}

#[test]
fn the_sgr_reader_tells_colours_from_attributes() {
    for plain in [
        &b"\x1b[m\x1b[0m\x1b[1m\x1b[2m\x1b[7m\x1b[22;27m"[..],
        &b"\x1b[39m\x1b[49m\x1b[0;1;7m"[..],
        &b"\x1b[?1049h\x1b[?25l\x1b[2J\x1b[1;1H\x1b[38C"[..],
        &b"text 31m [31m \x1b]52;c;MzE=\x07"[..],
    ] {
        assert!(
            colour_sgr(plain).is_empty(),
            "{:?}",
            String::from_utf8_lossy(plain)
        );
    }
    for coloured in [
        &b"\x1b[31m"[..],
        &b"\x1b[1;44m"[..],
        &b"\x1b[38;5;8m"[..],
        &b"\x1b[48;5;236m"[..],
        &b"\x1b[38;2;10;20;30m"[..],
        &b"\x1b[38:2::10:20:30m"[..],
        &b"\x1b[97m"[..],
        &b"\x1b[0;103m"[..],
        &b"\x1b[1m\x1b[58;5;1m"[..],
    ] {
        assert_eq!(
            colour_sgr(coloured).len(),
            1,
            "{:?}",
            String::from_utf8_lossy(coloured)
        );
    }
}

/// NO_COLOR (and `--mono`) mean not one colour sequence from start to exit; the same run
/// without them has colours (the reader sees them), and none of them captures the mouse.
#[test]
fn no_color_and_mono_write_no_colour_sequences() {
    for (args, env, colours) in [
        (&["--demo"][..], &[("NO_COLOR", "1")][..], false),
        (&["--demo", "--mono"][..], &[("NO_COLOR", "")][..], false),
        (&["--demo"][..], &[("NO_COLOR", "")][..], true),
    ] {
        let mut c = Pty::start_env(args, env, 120, 40);
        c.wait_for("the orders", |s| {
            s.contains("[2 Orders]") && s.contains("CS-DEMO-OK-1")
        });
        // More of the palette: the help's keys.
        c.keys("?");
        c.wait_for("the help", |s| s.contains("Any key closes this help."));
        c.keys("x");
        c.wait_for("the help to close", |s| {
            !s.contains("Any key closes this help.")
        });
        c.keys("q");
        assert!(c.wait_exit().success(), "{args:?} {env:?}");
        assert!(c.restored(), "{args:?} {env:?}");
        let output = c.output();
        let found = colour_sgr(&output);
        assert_eq!(!found.is_empty(), colours, "{args:?} {env:?}: {found:?}");
        assert!(
            !output.windows(8).any(|w| w == b"\x1b[?1000h"),
            "{args:?}: the mouse is not captured by default"
        );
    }
}

/// `--ascii`: no box drawing or block element on the screen.
#[test]
fn ascii_draws_plain_borders() {
    let mut c = Pty::start(&["--demo", "--ascii"], 120, 40);
    c.wait_for("the orders", |s| {
        s.contains("+ 2 Orders") && s.contains("CS-DEMO-OK-1")
    });
    let screen = c.screen();
    let drawn: Vec<char> = screen
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .collect();
    assert!(drawn.is_empty(), "{drawn:?}\n{screen}");
    c.keys("q");
    assert!(c.wait_exit().success());
}

/// `y` writes the id by OSC 52, wrapped for tmux inside tmux.
#[test]
fn y_copies_by_osc52_also_through_tmux() {
    for (tmux, expected) in [
        ("", &b"\x1b]52;c;Q1MtREVNTy1PSy0x\x07"[..]),
        (
            "/tmp/tmux-1000/default,4242,0",
            &b"\x1bPtmux;\x1b\x1b]52;c;Q1MtREVNTy1PSy0x\x07\x1b\\"[..],
        ),
    ] {
        let mut c = Pty::start_env(&["--demo"], &[("TMUX", tmux)], 120, 40);
        c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
        c.keys(":orders CS-DEMO-OK-1\r");
        c.wait_for("the one order", |s| {
            s.contains("filter: CS-DEMO-OK-1") && s.contains("1 of 1")
        });
        c.keys("y");
        c.wait_for("the toast", |s| s.contains("Copied CS-DEMO-OK-1"));
        let output = c.output();
        assert!(
            output.windows(expected.len()).any(|w| w == expected),
            "TMUX={tmux:?}: {:?}",
            String::from_utf8_lossy(&output[output.len().saturating_sub(400)..])
        );
        c.keys("q");
        assert!(c.wait_exit().success());
    }
}

/// Over a slow link a `j` at the bottom of a list must not rewrite every row: the
/// terminal moves the rows (a scrolling region) and only the new row is written. The
/// screen the terminal shows is the one a full repaint shows.
#[test]
fn a_scrolling_j_moves_the_rows_and_writes_little() {
    let mut c = Pty::start(&["--demo"], 120, 40);
    c.wait_for("the orders with their customers' names", |s| {
        s.contains("CS-DEMO-OK-1") && s.contains("Acme Robotics Ltd")
    });
    c.quiet();
    // Down to the last row on screen; from there each j scrolls the list by one row.
    for _ in 0..34 {
        c.keys("j");
    }
    c.quiet();
    let mut bytes: Vec<usize> = (0..5).map(|_| c.bytes_for("j")).collect();
    bytes.sort_unstable();
    assert!(
        bytes[2] <= 1024,
        "a scrolling j wrote {bytes:?} bytes; every row again is about 6 KB"
    );
    // The status bar's last call time changes between the two; the rest may not.
    let body = |s: String| s.lines().take(39).collect::<Vec<_>>().join("\n");
    let scrolled = body(c.screen());
    // Another pane and back repaints every row from scratch.
    c.keys("1");
    c.wait_for("customers", |s| s.contains("[1 Customers]"));
    c.keys("2");
    c.wait_for("orders again", |s| {
        s.contains("[2 Orders]") && s.contains("▶")
    });
    c.quiet();
    assert_eq!(
        body(c.screen()),
        scrolled,
        "the moved rows are the rows a repaint shows"
    );
    c.keys("q");
    assert!(c.wait_exit().success());
}

/// CS-DEMO-EXPIRED's service was to start ten minutes before the demo began: the summary
/// says so from the order's details, and Enter sends no code. A payable order's summary
/// shows its pay-before time and the time left.
#[test]
fn a_passed_start_time_is_told_before_any_code_is_sent() {
    let mut c = Pty::start(&["--demo"], 80, 24);
    c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
    c.keys(":orders CS-DEMO-EXPIRED\r");
    c.wait_for("the order", |s| {
        s.contains("filter: CS-DEMO-EXPIRED") && s.contains("▶ CS-DEMO-EXPIRED")
    });
    c.keys("p");
    c.wait_for("the problem in the summary", |s| {
        s.contains("was to start at")
    });
    c.keys("\r");
    c.quiet();
    let screen = c.screen();
    assert!(
        !screen.contains("Code sent") && partner_code(&screen).is_none(),
        "no code is sent:\n{screen}"
    );
    // Alone, or the terminal reads Esc and the next key as Alt+key.
    c.keys("\x1b");
    c.wait_for("the summary to close", |s| !s.contains("Pay order"));
    c.keys(":orders CS-DEMO-OK-2\r");
    c.wait_for("a payable order", |s| {
        s.contains("filter: CS-DEMO-OK-2") && s.contains("1 of 1") && s.contains("▶ CS-DEMO-OK-2")
    });
    c.keys("p");
    c.wait_for("its pay-before time", |s| {
        s.contains("CS-DEMO-OK-2: pay before") && s.contains("left)")
    });
    c.keys("\x1b");
    c.wait_for("the summary to close", |s| !s.contains("Pay order"));
    c.keys("q");
    assert!(c.wait_exit().success());
}

/// The Renewals desk in the demo at 80×24: `8` gathers every customer's resources,
/// shows the reading in the title, then the count in the tab; passed expiries are
/// marked, and a filter narrows to one customer.
#[test]
fn the_renewals_desk_gathers_across_customers_and_marks_passed_expiries() {
    let mut c = Pty::start(&["--demo"], 80, 24);
    c.wait_for("the orders", |s| s.contains("CS-DEMO-OK-1"));
    c.keys("8");
    c.wait_for("the gathering to end", |s| s.contains("found among"));
    let screen = c.screen();
    assert!(
        screen.contains("⚠ frozen") && screen.contains("⚠ grace period"),
        "passed expiries are marked:\n{screen}"
    );
    assert!(
        screen
            .lines()
            .next()
            .is_some_and(|tab| tab.contains("Renewals")),
        "the tab names the desk:\n{screen}"
    );
    c.keys("/acme_robotics\r");
    c.wait_for("one customer's", |s| {
        s.contains("filter: acme_robotics") && s.contains("found for this customer")
    });
    let screen = c.screen();
    assert!(screen.contains("Acme Robotics"), "{screen}");
    c.keys("q");
    assert!(c.wait_exit().success());
}
