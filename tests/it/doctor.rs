//! `partner-console doctor` as a user runs it, on good and bad setups: the in-process
//! mock, wrong credentials, nothing listening, a backend whose clock is 20 minutes
//! behind, and a config file other users can read.

use crate::common;

#[cfg(unix)]
use std::path::{Path, PathBuf};

use pc_mock::seed::{DEMO_PARTNERS, Seed};

/// Runs `doctor` with `--endpoint` and the AK/SK in the environment, in a fresh home (no
/// config file unless `extra` passes `--config`). Stdout is not a terminal here.
async fn doctor(endpoint: &str, sk: &str, extra: &[&str]) -> (i32, String, String) {
    doctor_in("C.UTF-8", endpoint, sk, extra).await
}

/// The same in the locale `lang` (`LC_ALL`).
async fn doctor_in(lang: &str, endpoint: &str, sk: &str, extra: &[&str]) -> (i32, String, String) {
    let home = std::env::temp_dir().join(format!("pc-doctor-{}", uuid::Uuid::new_v4().simple()));
    let mut cmd = common::binary(&home, sk, lang);
    cmd.arg("doctor")
        .args(extra)
        .env("TERM", "xterm-256color")
        .env_remove("TMUX")
        .env_remove("COLORTERM")
        .env_remove("NO_COLOR");
    let out = common::output(cmd, endpoint).await;
    std::fs::remove_dir_all(home).ok();
    out
}

/// The line of check `name`: `[tag] name   detail`.
fn line<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find(|l| {
            l.get(7..)
                .is_some_and(|rest| rest.starts_with(&format!("{name} ")))
        })
        .unwrap_or_else(|| panic!("no {name} line in:\n{out}"))
}

/// The `fix:` line right under check `name`.
fn fix<'a>(out: &'a str, name: &str) -> &'a str {
    let at = line(out, name);
    out.lines()
        .skip_while(|l| *l != at)
        .nth(1)
        .map(str::trim_start)
        .filter(|l| l.starts_with("fix: "))
        .unwrap_or_else(|| panic!("no fix under {name} in:\n{out}"))
}

#[tokio::test]
async fn a_good_setup_passes() {
    let m = common::start(Seed::Demo).await;
    let (code, out, err) = doctor(&m.endpoint(), DEMO_PARTNERS[0].sk, &[]).await;
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(line(&out, "TERM").starts_with("[ ok ]"), "{out}");
    assert!(line(&out, "TERM").contains("256 colours"), "{out}");
    assert!(line(&out, "terminal size").starts_with("[skip]"), "{out}");
    for name in ["settings", "backend", "credentials", "clock"] {
        assert!(line(&out, name).starts_with("[ ok ]"), "{name}:\n{out}");
    }
    assert!(line(&out, "backend").contains(" ms"), "{out}");
    assert!(
        out.lines().next_back().unwrap().contains("0 failed"),
        "{out}"
    );
    assert!(
        !out.contains('\x1b'),
        "no colour without a terminal: {out:?}"
    );
    assert!(
        !out.contains(DEMO_PARTNERS[0].sk),
        "the SK is never shown: {out}"
    );
    m.shutdown().await;
}

#[tokio::test]
async fn a_wrong_sk_fails_the_credentials_check() {
    let m = common::start(Seed::Demo).await;
    let (code, out, err) = doctor(&m.endpoint(), "not-the-secret-key", &[]).await;
    assert_eq!(code, 1, "{out}\n{err}");
    assert!(line(&out, "backend").starts_with("[ ok ]"), "{out}");
    let credentials = line(&out, "credentials");
    assert!(credentials.starts_with("[FAIL]"), "{out}");
    assert!(credentials.contains("refused"), "{out}");
    assert!(fix(&out, "credentials").contains("AK/SK"), "{out}");
    assert!(line(&out, "clock").starts_with("[ ok ]"), "{out}");
    assert!(!out.contains("not-the-secret-key"), "{out}");
    m.shutdown().await;
}

#[tokio::test]
async fn an_unreachable_backend_fails_with_a_fix() {
    // A port that was free a moment ago: nothing listens on it.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let endpoint = format!("http://127.0.0.1:{port}");
    let (code, out, err) = doctor(&endpoint, DEMO_PARTNERS[0].sk, &[]).await;
    assert_eq!(code, 1, "{out}\n{err}");
    let backend = line(&out, "backend");
    assert!(
        backend.starts_with("[FAIL]") && backend.contains("unreachable"),
        "{out}"
    );
    assert!(fix(&out, "backend").contains(&endpoint), "{out}");
    assert!(line(&out, "credentials").starts_with("[skip]"), "{out}");
    assert!(line(&out, "clock").starts_with("[skip]"), "{out}");
}

/// A backend whose clock is 20 min 30 s behind ours (the half minute keeps the reading
/// at "20 min" whatever the round trip and the whole-second Date): it dates every answer so, and
/// refuses every signature as a real gateway would.
async fn stale_backend() -> String {
    use axum::http::{StatusCode, header};
    use chrono::{TimeDelta, Utc};

    async fn stale() -> impl axum::response::IntoResponse {
        let date = (Utc::now() - TimeDelta::seconds(20 * 60 + 30))
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string();
        (
            StatusCode::UNAUTHORIZED,
            [(header::DATE, date)],
            axum::Json(serde_json::json!({
                "error_code": "APIGW.0301",
                "error_msg": "Incorrect IAM authentication information: verify aksk signature fail",
            })),
        )
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(stale);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn clock_skew_beyond_the_signing_window_fails() {
    let endpoint = stale_backend().await;
    let (code, out, err) = doctor(&endpoint, DEMO_PARTNERS[0].sk, &[]).await;
    assert_eq!(code, 1, "{out}\n{err}");
    let clock = line(&out, "clock");
    assert!(clock.starts_with("[FAIL]"), "{out}");
    assert!(
        clock.contains("20 min") && clock.contains("ahead of") && clock.contains("refused"),
        "{out}"
    );
    assert!(fix(&out, "clock").contains("timedatectl"), "{out}");
    // The gateway's refusal is told too, and points at the clock.
    assert!(line(&out, "credentials").starts_with("[FAIL]"), "{out}");
    assert!(fix(&out, "credentials").contains("clock"), "{out}");
}

#[cfg(unix)]
struct TempConfig(PathBuf);

#[cfg(unix)]
impl TempConfig {
    fn new(text: &str, mode: u32) -> TempConfig {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!(
            "pc-doctor-config-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        TempConfig(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

#[cfg(unix)]
impl Drop for TempConfig {
    fn drop(&mut self) {
        if let Some(dir) = self.0.parent() {
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

#[cfg(unix)]
#[tokio::test]
async fn a_config_file_others_can_read_fails_with_chmod() {
    let m = common::start(Seed::Demo).await;
    let p = &DEMO_PARTNERS[0];
    let text = format!(
        "[profiles.demo]\nendpoint = \"{}\"\nak = \"{}\"\nsk = \"{}\"\n",
        m.endpoint(),
        p.ak,
        p.sk
    );
    let open = TempConfig::new(&text, 0o644);
    let path = open.path().to_str().unwrap();
    let (code, out, err) = doctor(&m.endpoint(), p.sk, &["--config", path]).await;
    assert_eq!(code, 1, "{out}\n{err}");
    let config = line(&out, "config file");
    assert!(
        config.starts_with("[FAIL]") && config.contains(path),
        "{out}"
    );
    assert_eq!(
        fix(&out, "config file"),
        format!("fix: chmod 600 {path}"),
        "{out}"
    );

    // The same file, private: the config check passes and so does everything else.
    drop(open);
    let private = TempConfig::new(&text, 0o600);
    let path = private.path().to_str().unwrap();
    let (code, out, err) = doctor(&m.endpoint(), p.sk, &["--config", path]).await;
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(line(&out, "config file").starts_with("[ ok ]"), "{out}");
    assert!(line(&out, "config file").contains("mode 600"), "{out}");
    m.shutdown().await;
}

#[tokio::test]
async fn doctor_speaks_chinese_under_a_chinese_locale() {
    let m = common::start(Seed::Demo).await;
    let (code, out, err) = doctor_in("zh_CN.UTF-8", &m.endpoint(), "wrong-sk", &[]).await;
    assert_ne!(code, 0, "{out}\n{err}");
    // The markers keep their width, so the columns still line up.
    assert!(out.contains("[失败]") && out.contains("[正常]"), "{out}");
    assert!(!out.contains("[FAIL]") && !out.contains("fix: "), "{out}");
    assert!(out.lines().any(|l| l.contains("凭证")), "{out}");
}
