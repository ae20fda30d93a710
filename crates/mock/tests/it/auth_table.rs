//! Who gets in (issue #6, auth): every way of getting a request wrong, against reads and
//! writes of both APIs, as a table with counts. Each attack runs on a fresh mock, after
//! the same requests signed properly were accepted there, so a rejection is the
//! attack's doing, and nothing an attack sent changed anything.

use pc_testkit as common;

use chrono::{TimeDelta, Utc};
use common::{ADMIN_TOKEN, start};
use pc_api::signing;
use pc_mock::RunningMock;
use pc_mock::seed::{DEMO_PARTNERS, Seed};

/// One request as sent, and what may be changed after signing.
#[derive(Clone)]
struct Req {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    body: String,
    write: bool,
}

fn req(method: &'static str, path: &str, query: &[(&str, &str)], body: &str) -> Req {
    Req {
        method,
        path: path.into(),
        query: query
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        body: body.into(),
        write: false,
    }
}

/// A read and a write of each API, with query and body.
fn requests() -> Vec<Req> {
    let mut out = vec![
        req("GET", "/v2/accounts/partner-accounts/balances", &[], ""),
        req("GET", "/v2/orders/customer-orders", &[("limit", "2")], ""),
        req(
            "POST",
            "/v2/partners/sub-customers/query",
            &[],
            r#"{"limit":2}"#,
        ),
        req("GET", "/partner-center/v1/profile", &[], ""),
        req("GET", "/partner-center/v1/contracts", &[("limit", "2")], ""),
    ];
    let mut reject = req(
        "POST",
        "/partner-center/v1/orders/CS-DEMO-OK-2/reject",
        &[],
        "{}",
    );
    reject.write = true;
    out.push(reject);
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attack {
    None,
    Unsigned,
    UnknownAk,
    WrongSk,
    Stale,
    Future,
    HostSwapped,
    BodySwapped,
    QuerySwapped,
}

const ATTACKS: [Attack; 8] = [
    Attack::Unsigned,
    Attack::UnknownAk,
    Attack::WrongSk,
    Attack::Stale,
    Attack::Future,
    Attack::HostSwapped,
    Attack::BodySwapped,
    Attack::QuerySwapped,
];

/// Sends `r` as partner 0, spoiled by `attack`; the status.
async fn send(m: &RunningMock, r: &Req, attack: Attack) -> u16 {
    let p = &DEMO_PARTNERS[0];
    let real_host = m.addr.to_string();
    let (ak, sk) = match attack {
        Attack::UnknownAk => ("NOSUCHAK000000000001", p.sk),
        Attack::WrongSk => (p.ak, "not-the-secret-key"),
        _ => (p.ak, p.sk),
    };
    let now = match attack {
        Attack::Stale => Utc::now() - TimeDelta::minutes(16),
        Attack::Future => Utc::now() + TimeDelta::minutes(16),
        _ => Utc::now(),
    };
    let signed_host = if attack == Attack::HostSwapped {
        "partner-console.example.com".to_string()
    } else {
        real_host.clone()
    };
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    if let Some(p) = DEMO_PARTNERS.iter().find(|p| p.ak == ak) {
        headers.push(("X-Domain-Id".to_string(), p.domain_id()));
    }
    if r.write {
        headers.push((
            "X-Client-Request-Id".to_string(),
            uuid::Uuid::new_v4().to_string(),
        ));
    }
    let signed = signing::sign_request(
        ak,
        sk,
        r.method,
        &signed_host,
        &r.path,
        &r.query,
        headers,
        r.body.as_bytes(),
        now,
    );
    let target = match attack {
        // Another value for a signed parameter, or one more parameter.
        Attack::QuerySwapped if r.query.is_empty() => format!("{}?limit=1", r.path),
        Attack::QuerySwapped => signed.request_target.replace("limit=2", "limit=1"),
        _ => signed.request_target.clone(),
    };
    let body = match attack {
        Attack::BodySwapped if r.body.is_empty() => "{}".to_string(),
        Attack::BodySwapped => r.body.replace('}', r#","offset":0}"#).replace("{,", "{"),
        _ => r.body.clone(),
    };
    let mut builder = reqwest::Client::new().request(
        reqwest::Method::from_bytes(r.method.as_bytes()).unwrap(),
        format!("http://{real_host}{target}"),
    );
    for (k, v) in &signed.headers {
        let skip = (attack == Attack::Unsigned && k == "Authorization")
            // The request goes to the real host; the signature was for another.
            || k.eq_ignore_ascii_case("host");
        if !skip {
            builder = builder.header(k, v);
        }
    }
    builder.body(body).send().await.unwrap().status().as_u16()
}

/// What the table counts: sent, rejected, rejected with 401 (the gateway's answer).
#[derive(Default, Debug)]
struct Row {
    sent: usize,
    rejected: usize,
    unauthorized: usize,
}

/// The state an attack must leave untouched: the pay request it tries to reject (the
/// customer's ask to pay on their behalf stands while it is pending). Read
/// from the store: after five bad signatures the AK is locked (as on Huawei's gateway).
fn reject_target_pending(m: &RunningMock) -> bool {
    let status: i64 = m.state.db.with(|c| {
        c.query_row(
            "SELECT status * 10 + agent_pay FROM orders WHERE id = 'CS-DEMO-OK-2'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    });
    status == 61
}

/// A customer's real-name status and balance, straight from the store.
fn status_of(m: &RunningMock, customer_id: &str) -> (String, i64) {
    m.state.db.with(|c| {
        c.query_row(
            "SELECT verified_status, balance FROM customers WHERE id = ?1",
            [customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    })
}

#[tokio::test]
async fn every_spoiled_request_is_rejected_and_changes_nothing() {
    // The write, signed properly, is accepted and applied (on a mock of its own).
    let m = start(Seed::Demo).await;
    for r in requests() {
        let status = send(&m, &r, Attack::None).await;
        assert!(
            (200..300).contains(&status),
            "{} {}: {status}",
            r.method,
            r.path
        );
    }
    assert!(!reject_target_pending(&m), "the control's reject applied");

    let mut table: Vec<(String, Row)> = Vec::new();
    for attack in ATTACKS {
        let m = start(Seed::Demo).await;
        // The same requests, signed properly, get in (the write last: it changes the
        // order, and the attack's write targets the order still pending).
        for r in requests().iter().filter(|r| !r.write) {
            let status = send(&m, r, Attack::None).await;
            assert!(
                (200..300).contains(&status),
                "{} {}: {status}",
                r.method,
                r.path
            );
        }
        let mut row = Row::default();
        for r in requests() {
            // A body swap needs a body: reads without one get an invented one.
            let status = send(&m, &r, attack).await;
            row.sent += 1;
            if status >= 400 {
                row.rejected += 1;
            }
            if status == 401 {
                row.unauthorized += 1;
            }
        }
        assert!(
            reject_target_pending(&m),
            "{attack:?}: the pay request was rejected by a spoiled request"
        );
        table.push((format!("{attack:?}"), row));
    }

    // Another partner's ids: properly signed, refused by the rules (not the gateway).
    let m = start(Seed::Demo).await;
    let other = common::client(&m, 1);
    let theirs = other
        .list_sub_customers(&Default::default())
        .await
        .unwrap()
        .customer_infos
        .remove(0)
        .customer_id;
    let theirs_q = [("customer_id", theirs.as_str())];
    let body = format!(
        r#"{{"customer_id":"{theirs}","identify_type":0,"verified_type":3,"verified_file_url":["a.jpg","b.jpg","c.jpg"],"name":"Someone Else","verified_number":"E12345678","xaccount_type":"partner_console_demo"}}"#
    );
    let cross = [
        req("GET", "/v2/customers/realname-auths/result", &theirs_q, ""),
        req(
            "GET",
            &format!("/partner-center/v1/customers/{theirs}/association"),
            &[],
            "",
        ),
        Req {
            write: true,
            ..req(
                "POST",
                "/v2/customers/realname-auths/individual",
                &[],
                &body,
            )
        },
        Req {
            write: true,
            ..req(
                "POST",
                &format!("/partner-center/v1/customers/{theirs}/allocate"),
                &[],
                r#"{"amount":1}"#,
            )
        },
    ];
    let before = status_of(&m, &theirs);
    let mut row = Row::default();
    for r in &cross {
        let status = send(&m, r, Attack::None).await;
        row.sent += 1;
        if status >= 400 {
            row.rejected += 1;
        }
    }
    table.push(("OtherPartnersIds".into(), row));
    assert_eq!(
        status_of(&m, &theirs),
        before,
        "another partner's customer was changed"
    );

    // The admin API: no token, a wrong one, an empty one.
    let http = reqwest::Client::new();
    let mut row = Row::default();
    for token in [None, Some("guess"), Some("")] {
        for (method, path) in [
            ("GET", "/mock/outbox"),
            ("POST", "/mock/clock"),
            ("POST", "/mock/realname/review"),
            ("POST", "/mock/faults"),
        ] {
            let mut b = http
                .request(
                    reqwest::Method::from_bytes(method.as_bytes()).unwrap(),
                    format!("{}{path}", m.endpoint()),
                )
                .header("Content-Type", "application/json")
                .body(r#"{"offset_seconds":3600}"#);
            if let Some(t) = token {
                b = b.header("X-Mock-Admin", t);
            }
            let status = b.send().await.unwrap().status().as_u16();
            row.sent += 1;
            if status >= 400 {
                row.rejected += 1;
            }
            if status == 401 {
                row.unauthorized += 1;
            }
        }
    }
    table.push(("AdminWithoutToken".into(), row));
    assert_ne!(ADMIN_TOKEN, "", "the control token is a real one");

    println!(
        "{:<20} {:>5} {:>9} {:>5}",
        "attack", "sent", "rejected", "401"
    );
    for (name, r) in &table {
        println!(
            "{name:<20} {:>5} {:>9} {:>5}",
            r.sent, r.rejected, r.unauthorized
        );
    }
    for (name, r) in &table {
        assert_eq!(r.rejected, r.sent, "{name}: {r:?}");
        if name != "OtherPartnersIds" {
            assert_eq!(r.unauthorized, r.sent, "{name}: every one a 401: {r:?}");
        }
    }
    let total: usize = table.iter().map(|(_, r)| r.sent).sum();
    assert_eq!(total, ATTACKS.len() * requests().len() + 4 + 12);
}
