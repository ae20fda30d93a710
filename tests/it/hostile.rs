//! The script commands against a hostile backend: every answer ends in an exit code
//! (never a panic or a hang), and no control character of the backend's reaches the
//! terminal, in tables, messages or JSON.

use std::time::Duration;

use pc_testkit::hostile::{self, Hostile};

use crate::common::{binary, output};

/// Runs `args` against a `kind` backend, the account id given: (exit code, stdout,
/// stderr).
async fn run(kind: Hostile, args: &[&str]) -> (i32, String, String) {
    run_as(kind, args, Some("0123456789abcdef0123456789abcdef")).await
}

/// Runs `args` against a `kind` backend; without an account id, the backend is asked
/// for it as IAM. Requests wait 15 s at most (`request_timeout_secs`).
async fn run_as(kind: Hostile, args: &[&str], domain: Option<&str>) -> (i32, String, String) {
    let endpoint = hostile::serve(kind).await;
    let home = std::env::temp_dir().join(format!("pc-hostile-{}", uuid::Uuid::new_v4()));
    let config = home.join("config").join("partner-console");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "request_timeout_secs = 15\n").unwrap();
    let mut cmd = binary(&home, "secret", "C");
    if let Some(domain) = domain {
        cmd.env("HUAWEICLOUD_SDK_DOMAIN_ID", domain);
    }
    cmd.args(args);
    let out = tokio::time::timeout(Duration::from_secs(120), output(cmd, &endpoint))
        .await
        .unwrap_or_else(|_| panic!("{kind:?} {args:?}: still running after 2 minutes"));
    let _ = std::fs::remove_dir_all(&home);
    out
}

fn terminal_safe(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && *c != '\n' && *c != '\t')
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in {text:?}"
    );
}

#[tokio::test]
async fn no_answer_makes_a_script_panic_hang_or_write_escapes() {
    for kind in [
        Hostile::Escapes,
        Hostile::Huge,
        Hostile::Endless,
        Hostile::Redirect,
        Hostile::Malformed,
    ] {
        for args in [
            &["orders", "list"][..],
            &["orders", "list", "--json"],
            &["customers", "list"],
            &["funds", "show"],
        ] {
            let (code, out, err) = run(kind, args).await;
            let what = format!("{kind:?} {args:?} (exit {code})");
            assert!(
                [0, 4, 5].contains(&code),
                "{what}: stdout {out:?} stderr {err:?}"
            );
            terminal_safe(&what, &out);
            terminal_safe(&what, &err);
        }
        // Asked for the account id as IAM, the same backend gets nothing through either.
        let (code, out, err) = run_as(kind, &["orders", "list"], None).await;
        let what = format!("{kind:?} as IAM (exit {code})");
        assert!(
            [3, 4, 5].contains(&code),
            "{what}: stdout {out:?} stderr {err:?}"
        );
        assert!(out.is_empty(), "{what}: {out:?}");
        terminal_safe(&what, &err);
    }
}

#[tokio::test]
async fn a_backend_that_never_answers_ends_in_the_documented_timeout() {
    let started = std::time::Instant::now();
    let (code, out, err) = run(Hostile::Slow, &["orders", "list"]).await;
    // The client waits 15 s (the config's request_timeout_secs); then exit 5, unavailable.
    assert_eq!(code, 5, "{out} {err}");
    assert!(err.contains("did not answer"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(45),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn all_stops_when_the_backend_repeats_its_pages() {
    let (code, out, err) = run(Hostile::Repeating, &["orders", "list", "--all"]).await;
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("same rows again"), "{err}");
    terminal_safe("--all", &out);
    // One page of rows, not the 10^12 claimed.
    assert!(out.lines().count() < 300, "{} lines", out.lines().count());
}

#[tokio::test]
async fn a_key_with_a_line_break_or_an_endpoint_with_a_password_is_a_usage_error() {
    let home = std::env::temp_dir().join(format!("pc-usage-{}", uuid::Uuid::new_v4()));
    let mut cmd = binary(&home, "secret", "C");
    cmd.env("HUAWEICLOUD_SDK_AK", "DEMODISTRIBUTORAK001\n")
        .args(["orders", "list"]);
    let (code, out, err) = output(cmd, "http://127.0.0.1:9").await;
    assert_eq!(code, 2, "{out} {err}");
    assert!(err.contains("line break"), "{err}");
    let mut cmd = binary(&home, "secret", "C");
    cmd.args(["orders", "list"]);
    let (code, _, err) = output(cmd, "http://user:hunter2pw@127.0.0.1:9").await;
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("hunter2pw"), "{err}");
    let _ = std::fs::remove_dir_all(&home);
}

#[cfg(unix)]
#[tokio::test]
async fn everything_a_run_writes_is_owner_only() {
    let m = crate::common::start(pc_mock::seed::Seed::Demo).await;
    let home = std::env::temp_dir().join(format!("pc-modes-{}", uuid::Uuid::new_v4()));
    let mut cmd = binary(&home, pc_mock::seed::DEMO_PARTNERS[0].sk, "C");
    // A write's first run: journal, challenges and logs are made.
    cmd.args(["orders", "pay", "CS-DEMO-OK-1"]);
    let (code, _, err) = output(cmd, &m.endpoint()).await;
    assert_eq!(code, 6, "a code is needed: {err}");
    let data = home.join("data");
    assert!(data.exists());
    let open = pc_core::files::too_open(&data);
    assert!(open.is_empty(), "others can read: {open:?}");
    let _ = std::fs::remove_dir_all(&home);
}

#[tokio::test]
async fn sparse_answers_are_listed_not_refused() {
    // The account id from the backend's IAM, then every list from answers that leave
    // out what they may.
    for args in [
        &["orders", "list"][..],
        &["orders", "list", "--json"],
        &["customers", "list"],
        &["funds", "show"],
    ] {
        let (code, out, err) = run_as(Hostile::Sparse, args, None).await;
        assert_eq!(code, 0, "{args:?}: {out}\n{err}");
        assert!(!out.trim().is_empty(), "{args:?}: {err}");
    }
    let (_, out, _) = run_as(Hostile::Sparse, &["orders", "list"], None).await;
    assert!(out.contains("CS-SPARSE-2"), "{out}");
}
