//! Shared helpers: a seeded mock on 127.0.0.1:0 and clients for the demo partners.
#![allow(dead_code)]

use partner_console::client::{Client, Credentials};
use partner_console::mock::seed::{DEMO_PARTNERS, Seed};
use partner_console::mock::{self, MockConfig, RunningMock};

pub const ADMIN_TOKEN: &str = "test-admin-token";

pub async fn start(seed: Seed) -> RunningMock {
    let config = MockConfig {
        data: None,
        seed,
        admin_token: Some(ADMIN_TOKEN.into()),
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
pub async fn outbox(m: &RunningMock) -> Vec<partner_console::mock::admin::OutboxMessage> {
    let resp = reqwest::Client::new()
        .get(format!("{}/mock/outbox", m.endpoint()))
        .header("X-Mock-Admin", ADMIN_TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body: partner_console::mock::admin::OutboxResp =
        serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    body.messages
}
