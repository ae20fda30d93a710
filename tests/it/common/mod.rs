//! Shared helpers: a seeded mock on 127.0.0.1:0 and clients for the demo partners.
#![allow(dead_code)]

pub mod driver;
pub mod fixtures;
pub mod load;
pub mod pty;

use pc_api::partner_center::{ChallengeReq, Channel, Scene, Verification};
use pc_client::{Client, Credentials};
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_mock::{self as mock, MockConfig, RunningMock};

pub const ADMIN_TOKEN: &str = "test-admin-token";

/// The real binary as a user runs it with `--endpoint`: its own home (config and data
/// folders under it), the distributor's AK and `sk` in the environment, `LC_ALL=lang`,
/// and nothing from this machine's PARTNER_CONSOLE_ENDPOINT or RUST_LOG. Add the
/// arguments (`--endpoint` goes last) and more environment, then [`output`].
pub fn binary(home: &std::path::Path, sk: &str, lang: &str) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_partner-console"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("HUAWEICLOUD_SDK_AK", DEMO_PARTNERS[0].ak)
        .env("HUAWEICLOUD_SDK_SK", sk)
        .env("LC_ALL", lang)
        .env_remove("PARTNER_CONSOLE_ENDPOINT")
        .env_remove("RUST_LOG");
    cmd
}

/// Runs `cmd` with `--endpoint endpoint` after its arguments: (exit code, stdout, stderr).
pub async fn output(mut cmd: tokio::process::Command, endpoint: &str) -> (i32, String, String) {
    let out = cmd
        .args(["--endpoint", endpoint])
        .output()
        .await
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub async fn start(seed: Seed) -> RunningMock {
    let config = MockConfig {
        data: None,
        seed,
        admin_token: Some(ADMIN_TOKEN.into()),
        live: None,
    };
    mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .expect("mock starts")
}

/// Client for the demo partner at `DEMO_PARTNERS[i]` (0 distributor, 1 solution
/// provider, 2 government).
pub fn client(m: &RunningMock, i: usize) -> Client {
    let p = &DEMO_PARTNERS[i];
    Client::new(
        &m.endpoint(),
        Credentials {
            ak: p.ak.into(),
            sk: p.sk.into(),
        },
    )
    .unwrap()
}

pub fn client_with(m: &RunningMock, ak: &str, sk: &str) -> Client {
    Client::new(
        &m.endpoint(),
        Credentials {
            ak: ak.into(),
            sk: sk.into(),
        },
    )
    .unwrap()
}

/// The outbox, through the admin API.
pub async fn outbox(m: &RunningMock) -> Vec<pc_mock::admin::OutboxMessage> {
    let resp = reqwest::Client::new()
        .get(format!("{}/mock/outbox", m.endpoint()))
        .header("X-Mock-Admin", ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: pc_mock::admin::OutboxResp =
        serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    body.messages
}

/// A hand-made request signed as the demo partner `i` would sign it; `wire_target`
/// replaces the request target that is sent (the signature stays over `path`+`query`),
/// and `extra` headers are added after signing. Returns status and body.
#[allow(clippy::too_many_arguments)]
pub async fn handmade(
    m: &RunningMock,
    i: usize,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    wire_target: Option<&str>,
    extra: &[(&str, &str)],
    body: &[u8],
) -> (u16, serde_json::Value) {
    use pc_api::signing;
    let p = &DEMO_PARTNERS[i];
    let host = m.addr.to_string();
    let pairs: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    let signed = signing::sign_request(
        p.ak,
        p.sk,
        method,
        &host,
        path,
        &pairs,
        headers,
        body,
        chrono::Utc::now(),
    );
    let target = wire_target.unwrap_or(&signed.request_target);
    let mut req = reqwest::Client::new().request(
        reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
        format!("http://{host}{target}"),
    );
    for (k, v) in signed
        .headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .chain(extra.iter().copied())
    {
        req = req.header(k, v);
    }
    let resp = req.body(body.to_vec()).send().await.unwrap();
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(serde_json::Value::Null),
    )
}

/// A fresh client request id.
pub fn rid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// An admin call: its status and answer.
pub async fn admin_call(
    m: &RunningMock,
    path: &str,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let resp = reqwest::Client::new()
        .post(format!("{}{path}", m.endpoint()))
        .header("X-Mock-Admin", ADMIN_TOKEN)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    )
}

/// An admin call that must succeed; its answer.
pub async fn admin(m: &RunningMock, path: &str, body: serde_json::Value) -> serde_json::Value {
    let (status, answer) = admin_call(m, path, body).await;
    assert_eq!(status, 200, "{path}: {answer}");
    answer
}

/// Sends a registration code (scene 29) to `phone` as partner `c`; the code.
pub async fn registration_code(m: &RunningMock, c: &Client, phone: &str) -> String {
    c.send_verification_code(&pc_api::SendVerificationCodeReq {
        receiver_type: 1,
        mobile_phone: Some(phone.into()),
        scene: Some(29),
        ..Default::default()
    })
    .await
    .unwrap();
    last_code(m).await
}

/// Requests a code for `scene`/`target` and reads it from the outbox.
pub async fn code_for(m: &RunningMock, c: &Client, scene: Scene, target: &[&str]) -> Verification {
    let ch = c
        .request_code(&ChallengeReq {
            scene,
            channel: Channel::Sms,
            target: target.iter().map(|s| s.to_string()).collect(),
        })
        .await
        .unwrap();
    assert_eq!(ch.masked_recipient, "138****0001");
    assert_eq!(ch.attempts_left, 5);
    Verification {
        challenge_id: ch.challenge_id,
        code: last_code(m).await,
    }
}

pub async fn last_code(m: &RunningMock) -> String {
    let msg = outbox(m).await.pop().expect("a message was sent");
    let at = msg.body.find("code is ").expect("a code message") + 8;
    msg.body[at..at + 6].to_string()
}
