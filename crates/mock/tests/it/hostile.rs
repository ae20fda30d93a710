//! The mock under attack: what a hostile caller must not be able to do to the rightful
//! one — lock its AK out, starve it with half-sent connections, break the clock, fill
//! the store with closed ids, send SMS without end, or match every name with a
//! wildcard.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use pc_api::ListSubCustomersReq;
use pc_api::error::codes;
use pc_api::signing;
use pc_client::ClientError;
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pc_mock::{MockConfig, RunningMock};
use pc_testkit as common;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Another address on this machine: loopback answers on all of 127.0.0.0/8.
const ELSEWHERE: IpAddr = IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2));

/// A signed read of the partner's balances from `source`, as the distributor, with
/// `sk` (the right one or not). Returns the status and the error code, if any.
async fn balances_from(m: &RunningMock, source: IpAddr, sk: &str) -> (u16, String) {
    let host = m.addr.to_string();
    let path = "/v2/accounts/partner-accounts/balances";
    let signed = signing::sign_request(
        DEMO_PARTNERS[0].ak,
        sk,
        "GET",
        &host,
        path,
        &[],
        vec![
            ("Content-Type".into(), "application/json".into()),
            ("X-Domain-Id".into(), DEMO_PARTNERS[0].domain_id()),
        ],
        b"",
        chrono::Utc::now(),
    );
    let http = reqwest::Client::builder()
        .local_address(source)
        .build()
        .unwrap();
    let mut req = http.get(format!("http://{host}{}", signed.request_target));
    for (k, v) in &signed.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req.send().await.unwrap();
    let status = resp.status().as_u16();
    let body: serde_json::Value =
        serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap_or_default();
    (
        status,
        body["error_code"].as_str().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn garbage_signatures_from_elsewhere_do_not_lock_the_rightful_caller_out() {
    let m = common::start(Seed::Demo).await;
    let home = IpAddr::V4(Ipv4Addr::LOCALHOST);
    // Five garbage signatures with the partner's AK, from another address.
    for _ in 0..5 {
        let (status, code) = balances_from(&m, ELSEWHERE, "not-the-secret").await;
        assert_eq!((status, code.as_str()), (401, codes::AUTH_FAILED));
    }
    // That address is locked out, even with the right key…
    let (status, _) = balances_from(&m, ELSEWHERE, DEMO_PARTNERS[0].sk).await;
    assert_eq!(status, 401, "the guesser's address is locked");
    // …and the partner's own machine is not.
    let (status, _) = balances_from(&m, home, DEMO_PARTNERS[0].sk).await;
    assert_eq!(status, 200);
    still_serves(&m).await;
}

/// The rightful caller is served: a signed read succeeds.
async fn still_serves(m: &RunningMock) {
    common::client(m, 0)
        .list_partner_balances(&Default::default())
        .await
        .expect("the signed client is served");
}

/// A connection from `source` that sends half a request header and waits.
async fn half_sent(to: SocketAddr, source: IpAddr) -> Option<tokio::net::TcpStream> {
    let socket = tokio::net::TcpSocket::new_v4().ok()?;
    socket.bind(SocketAddr::new(source, 0)).ok()?;
    let mut stream = socket.connect(to).await.ok()?;
    stream
        .write_all(b"GET /v2/accounts/partner-accounts/balances HTTP/1.1\r\nHost: x\r\nX-Sdk-")
        .await
        .ok()?;
    Some(stream)
}

#[tokio::test]
async fn half_sent_connections_do_not_starve_a_signed_client() {
    let m = common::start(Seed::Demo).await;
    // 300 connections that never finish their header, from another address.
    let mut held = Vec::new();
    for _ in 0..300 {
        if let Some(s) = half_sent(m.addr, ELSEWHERE).await {
            held.push(s);
        }
    }
    assert!(
        held.len() >= 100,
        "the attack opened {} sockets",
        held.len()
    );
    // The signed client keeps working meanwhile.
    let c = common::client(&m, 0);
    for _ in 0..10 {
        c.list_partner_balances(&Default::default())
            .await
            .expect("served while the half-sent connections wait");
    }
    // One source holds at most its share: the rest were closed at once.
    let mut closed = 0;
    for s in &mut held {
        let mut buf = [0u8; 64];
        // Closed: end of stream, or reset (what was sent was never read).
        if let Ok(Ok(0) | Err(_)) =
            tokio::time::timeout(Duration::from_millis(20), s.read(&mut buf)).await
        {
            closed += 1;
        }
    }
    assert!(
        closed > 0,
        "no connection over the per-source bound was closed"
    );
}

#[tokio::test]
async fn a_header_that_never_ends_is_cut_off() {
    let config = MockConfig {
        seed: Seed::Empty,
        admin_token: Some(common::ADMIN_TOKEN.into()),
        limits: pc_mock::serve::Limits {
            header_timeout: Duration::from_millis(500),
            ..Default::default()
        },
        ..MockConfig::default()
    };
    let m = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .unwrap();
    let mut s = half_sent(m.addr, IpAddr::V4(Ipv4Addr::LOCALHOST))
        .await
        .unwrap();
    let mut buf = Vec::new();
    // The server closes it (after a 408 or without a word) well before this bound.
    let read = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf)).await;
    assert!(read.is_ok(), "the half-sent connection is still open");
}

#[tokio::test]
async fn the_clock_refuses_offsets_whose_size_overflows() {
    let m = common::start(Seed::Demo).await;
    for offset in [i64::MIN, i64::MAX, -(10 * 365 * 86_400) - 1] {
        let (status, _) = common::admin_call(
            &m,
            "/mock/clock",
            serde_json::json!({ "offset_seconds": offset }),
        )
        .await;
        assert_eq!(status, 400, "{offset}");
    }
    // Nothing was set: the mock still answers.
    assert_eq!(m.state.clock_offset(), 0);
    still_serves(&m).await;
}

#[tokio::test]
async fn a_name_filter_matches_percent_and_underscore_as_written() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let names = |account_name: &str| {
        let req = ListSubCustomersReq {
            account_name: Some(account_name.into()),
            limit: Some(100),
            ..Default::default()
        };
        let c = c.clone();
        async move {
            c.list_sub_customers(&req)
                .await
                .unwrap()
                .customer_infos
                .into_iter()
                .map(|i| i.account_name)
                .collect::<Vec<_>>()
        }
    };
    let all = names("").await;
    assert!(!all.is_empty());
    assert!(names("%").await.is_empty(), "% is not a wildcard");
    let underscore = names("_").await;
    assert!(!underscore.is_empty());
    assert!(underscore.iter().all(|n| n.contains('_')), "{underscore:?}");
    assert!(underscore.len() < all.len() || all.iter().all(|n| n.contains('_')));
}

#[tokio::test]
async fn the_recharge_sms_counts_against_the_partners_limit() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    for i in 0..15 {
        c.send_recharge_account()
            .await
            .unwrap_or_else(|e| panic!("SMS {i}: {e}"));
    }
    match c.send_recharge_account().await {
        Err(ClientError::Api { code, .. }) => assert_eq!(code, codes::SEND_LIMIT),
        other => panic!("the 16th SMS in an hour: {other:?}"),
    }
}

#[tokio::test]
async fn ids_closed_unseen_are_bounded_and_forgotten_after_a_day() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let partner = pc_mock::seed::partner_id(DEMO_PARTNERS[0].account_name);
    let closed = |m: &RunningMock| {
        let partner = partner.clone();
        m.state.db.with(move |conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM requests WHERE partner_id = ?1 AND operation = ''",
                [partner],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
        })
    };
    c.request_outcome(&common::rid()).await.unwrap();
    assert_eq!(closed(&m), 1);
    // A day later, a new unseen id forgets the old one.
    common::admin(
        &m,
        "/mock/clock",
        serde_json::json!({ "offset_seconds": 90_000 }),
    )
    .await;
    c.request_outcome(&common::rid()).await.unwrap();
    assert_eq!(closed(&m), 1);
    // At the bound, no more are kept: the caller is told.
    let p = partner.clone();
    m.state.db.with(move |conn| {
        let tx = conn.unchecked_transaction().unwrap();
        for i in 0..pc_mock::domain::requests::CLOSED_MAX {
            tx.execute(
                "INSERT INTO requests (partner_id, request_id, operation, fingerprint, state, created_at)
                 VALUES (?1, ?2, '', '', 'not_applied', '2099-01-01T00:00:00Z')",
                rusqlite::params![p, format!("filler-{i}")],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    });
    match c.request_outcome(&common::rid()).await {
        Err(ClientError::Api { status, .. }) => assert_eq!(status, 429),
        other => panic!("over the bound: {other:?}"),
    }
    // An id actually sent is still answered.
    assert!(c.request_outcome("filler-7").await.is_ok());
}

#[tokio::test]
async fn a_store_that_cannot_be_written_answers_clearly_and_changes_nothing() {
    let m = common::start(Seed::Demo).await;
    let c = common::client(&m, 0);
    let balances = || async {
        c.list_partner_balances(&Default::default())
            .await
            .unwrap()
            .account_balances
    };
    let before = balances().await;
    // As if the data file were made read-only under the running mock.
    m.state
        .db
        .with(|conn| conn.execute_batch("PRAGMA query_only = 1").unwrap());
    let resellers = c
        .list_indirect_partners(&Default::default())
        .await
        .unwrap()
        .indirect_partners;
    let target = &resellers[0].indirect_partner_id;
    let sent = c
        .transfer_bss(
            pc_api::partner_center::TransferTarget::ResellerAllocate,
            target,
            rust_decimal::Decimal::ONE,
            &common::rid(),
        )
        .await;
    match sent {
        Err(ClientError::Api {
            status, message, ..
        }) => {
            assert_eq!(status, 503);
            assert!(message.contains("cannot be written"), "{message}");
        }
        other => panic!("a write to a read-only store: {other:?}"),
    }
    // Reads still work, and nothing moved.
    assert_eq!(balances().await, before);
}

#[tokio::test]
async fn an_http2_preface_is_refused_and_the_mock_goes_on() {
    let m = common::start(Seed::Demo).await;
    let mut s = tokio::net::TcpStream::connect(m.addr).await.unwrap();
    s.write_all(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut buf)).await;
    still_serves(&m).await;
}

#[tokio::test]
async fn a_thousand_requests_on_one_kept_alive_connection_do_not_starve_others() {
    let m = common::start(Seed::Demo).await;
    let mut s = tokio::net::TcpStream::connect(m.addr).await.unwrap();
    // Unsigned, pipelined, never read: each is refused, and the answers pile up.
    let one = b"GET /v2/accounts/partner-accounts/balances HTTP/1.1\r\nHost: x\r\n\r\n";
    let many: Vec<u8> = one.iter().copied().cycle().take(one.len() * 1000).collect();
    let _ = tokio::time::timeout(Duration::from_secs(5), s.write_all(&many)).await;
    for _ in 0..5 {
        common::client(&m, 0)
            .list_partner_balances(&Default::default())
            .await
            .expect("served beside the busy connection");
    }
}

#[tokio::test]
async fn a_body_that_never_arrives_is_answered_408() {
    let config = MockConfig {
        seed: Seed::Empty,
        admin_token: Some(common::ADMIN_TOKEN.into()),
        limits: pc_mock::serve::Limits {
            body_timeout: Duration::from_millis(300),
            ..Default::default()
        },
        ..MockConfig::default()
    };
    let m = pc_mock::start("127.0.0.1:0".parse().unwrap(), &config)
        .await
        .unwrap();
    let mut s = tokio::net::TcpStream::connect(m.addr).await.unwrap();
    // A whole header that promises 100 bytes, and 10 of them.
    s.write_all(
        b"POST /v2/partners/sub-customers/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"limit\":1",
    )
    .await
    .unwrap();
    let mut buf = vec![0u8; 512];
    let n = tokio::time::timeout(Duration::from_secs(10), s.read(&mut buf))
        .await
        .expect("answered before the bound")
        .unwrap();
    let head = String::from_utf8_lossy(&buf[..n]);
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
}
