//! What the crates' integration tests share, compiled once: a seeded mock on
//! 127.0.0.1:0, clients for the demo partners, codes from the mock's outbox, requests
//! signed by hand; the load under faults ([`load`]); a hostile backend ([`hostile`]);
//! proptest strategies. It knows the mock and the client, never the console's screen
//! (pc-tui's own tests keep its driver and drawing fixtures). Test code only: it
//! unwraps, and a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

pub mod hostile;
pub mod load;
pub mod strategies;

use pc_api::partner_center::{ChallengeReq, Channel, Scene, Verification};
use pc_client::{Client, Credentials};
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_mock::{self as mock, MockConfig, RunningMock};

pub const ADMIN_TOKEN: &str = "test-admin-token";

pub async fn start(seed: Seed) -> RunningMock {
    start_gateway(seed, None, false).await
}

/// A mock with the gateway's flow control at `rate` calls a second per account and API,
/// and Huawei's BSS alone when `bss_only`.
pub async fn start_gateway(seed: Seed, rate: Option<u32>, bss_only: bool) -> RunningMock {
    start_config(MockConfig {
        rate_limit: rate,
        bss_only,
        ..config(seed)
    })
    .await
}

/// The tests' mock configuration: in memory, the tests' admin token, and no flow
/// control (tests drive many calls; the flow-control tests turn it on).
pub fn config(seed: Seed) -> MockConfig {
    MockConfig {
        data: None,
        seed,
        admin_token: Some(ADMIN_TOKEN.into()),
        live: None,
        rate_limit: None,
        ..MockConfig::default()
    }
}

/// A mock of `config` on 127.0.0.1:0.
pub async fn start_config(config: MockConfig) -> RunningMock {
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
        Credentials::new(p.ak, p.sk).with_domain(p.domain_id()),
    )
    .unwrap()
}

pub fn client_with(m: &RunningMock, ak: &str, sk: &str) -> Client {
    Client::new(
        &m.endpoint(),
        match DEMO_PARTNERS.iter().find(|p| p.ak == ak) {
            Some(p) => Credentials::new(ak, sk).with_domain(p.domain_id()),
            None => Credentials::new(ak, sk),
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
    let headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Domain-Id".to_string(), p.domain_id()),
    ];
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
/// Voids the partner's valid payment agreement (no payment on behalf until a new one).
pub async fn void_payment_agreement(c: &Client) {
    let valid = c
        .agreements()
        .await
        .unwrap()
        .agreements
        .into_iter()
        .find(|a| a.status == pc_api::partner_center::AGREEMENT_VALID)
        .expect("a valid agreement");
    c.void_agreement(&valid.agreement_id, &rid()).await.unwrap();
}

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

/// `n` cases, no persistence file (the std-only proptest has none), bounded shrinking
/// (a minute at most: a failing case is reported either way).
pub fn proptest_cases(n: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 256,
        max_shrink_time: 60_000,
        ..proptest::test_runner::Config::default()
    }
}

/// Last month's bill cycle (`YYYY-MM`, UTC+8): a month the demo's consumption fills.
pub fn last_month() -> String {
    let this = pc_core::spending::this_month(chrono::Utc::now());
    pc_core::spending::shift_month(&this, -1).unwrap_or(this)
}

/// The partner's customers (the first hundred), of one association type or both.
pub async fn customers(c: &Client, association: Option<&str>) -> Vec<pc_api::CustomerInfo> {
    let req = pc_api::ListSubCustomersReq {
        association_type: association.map(str::to_string),
        limit: Some(100),
        ..Default::default()
    };
    c.list_sub_customers(&req).await.unwrap().customer_infos
}

/// The distributor's first reseller's id.
pub async fn first_reseller(c: &Client) -> String {
    c.list_indirect_partners(&pc_api::ListIndirectPartnersReq::default())
        .await
        .unwrap()
        .indirect_partners[0]
        .indirect_partner_id
        .clone()
}

/// The partner's first hundred orders, newest first.
pub async fn orders(c: &Client) -> Vec<pc_api::CustomerOrder> {
    let q = pc_api::CustomerOrdersQuery {
        limit: Some(100),
        ..Default::default()
    };
    c.list_customer_orders(&q).await.unwrap().order_infos
}
