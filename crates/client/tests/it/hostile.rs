//! The client against a hostile or broken backend: redirects are never followed,
//! answers have a size limit, and credentials never travel in a URL.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use pc_api::PartnerBalancesQuery;
use pc_client::{Client, ClientError, Credentials, MAX_BODY};

fn credentials() -> Credentials {
    Credentials::new("AKAKAKAKAKAKAKAKAKAK", "secret")
}

/// Serves `app` on 127.0.0.1:0; its endpoint.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_redirect_is_an_error_that_names_the_target_and_is_not_followed() {
    // Where the redirect points: it must never be asked.
    let asked = Arc::new(AtomicUsize::new(0));
    let seen = asked.clone();
    let elsewhere = serve(Router::new().fallback(move || {
        let seen = seen.clone();
        async move {
            seen.fetch_add(1, Ordering::SeqCst);
            "{}"
        }
    }))
    .await;
    let target = format!("{elsewhere}/steal");
    let location = target.clone();
    let endpoint = serve(Router::new().fallback(move || {
        let location = location.clone();
        async move {
            (
                StatusCode::TEMPORARY_REDIRECT,
                [(header::LOCATION, location)],
            )
        }
    }))
    .await;
    let c = Client::new(&endpoint, credentials()).unwrap();
    match c
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
    {
        Err(ClientError::Redirect { status, location }) => {
            assert_eq!(status, 307);
            assert_eq!(location, target);
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
    assert_eq!(asked.load(Ordering::SeqCst), 0, "the redirect was followed");
}

#[tokio::test]
async fn an_answer_over_the_limit_is_refused_whether_announced_or_streamed() {
    // Announced: a Content-Length over the limit is refused before the body is read.
    let announced = serve(Router::new().fallback(|| async {
        Response::builder()
            .header(header::CONTENT_LENGTH, (MAX_BODY as u64 * 12).to_string())
            // A body of unknown length that never ends: only the header speaks.
            .body(Body::from_stream(
                futures::stream::once(async { Ok::<_, std::io::Error>(bytes::Bytes::from("{")) })
                    .chain(futures::stream::pending()),
            ))
            .unwrap()
    }))
    .await;
    // Streamed: chunks without end.
    let endless = serve(Router::new().fallback(|| async {
        let chunk = bytes::Bytes::from(vec![b' '; 1024 * 1024]);
        let stream = futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
        Body::from_stream(stream).into_response()
    }))
    .await;
    for endpoint in [announced, endless] {
        let c = Client::new(&endpoint, credentials()).unwrap();
        match c
            .list_partner_balances(&PartnerBalancesQuery::default())
            .await
        {
            Err(ClientError::TooLarge { limit }) => assert_eq!(limit, MAX_BODY),
            other => panic!("{endpoint}: expected too large, got {other:?}"),
        }
    }
}

#[test]
fn credentials_never_travel_in_a_url_and_keys_are_one_word() {
    for endpoint in [
        "http://user:pass@127.0.0.1:9",
        "http://user@127.0.0.1:9",
        "https://a:b@bss.myhuaweicloud.com",
    ] {
        match Client::new(endpoint, credentials()) {
            Err(ClientError::EndpointCredentials(shown)) => {
                assert!(!shown.contains("pass") && !shown.contains(":b@"), "{shown}")
            }
            other => panic!("{endpoint}: {other:?}"),
        }
    }
    for (ak, sk) in [
        ("AK\n", "sk"),
        ("AK", "s k"),
        ("A\u{1b}K", "sk"),
        ("AK", "sk\r"),
    ] {
        let bad = Credentials::new(ak, sk);
        assert!(
            matches!(
                Client::new("http://127.0.0.1:9", bad),
                Err(ClientError::BadCredentials)
            ),
            "{ak:?} / {sk:?}"
        );
    }
}

#[tokio::test]
async fn sparse_answers_are_read_as_the_sdk_reads_them() {
    // Fields left out or null take their defaults; nothing fails the page.
    let endpoint = pc_testkit::hostile::serve(pc_testkit::hostile::Hostile::Sparse).await;
    let c = Client::new(&endpoint, credentials()).unwrap();
    assert_eq!(
        c.fetch_domain_id().await.unwrap(),
        "0123456789abcdef0123456789abcdef"
    );
    let orders = c
        .list_customer_orders(&pc_api::CustomerOrdersQuery::default())
        .await
        .unwrap();
    assert_eq!(orders.total_count, 2);
    assert_eq!(orders.order_infos[0].service_type_name, "");
    assert_eq!(orders.order_infos[1].order_id, "CS-SPARSE-2");
    assert_eq!(orders.order_infos[1].customer_id, "");
    let customers = c
        .list_sub_customers(&pc_api::ListSubCustomersReq::default())
        .await
        .unwrap();
    assert_eq!(customers.count, 0);
    assert_eq!(customers.customer_infos.len(), 2);
    let balances = c
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .unwrap();
    assert_eq!(balances.account_balances.len(), 2);
    assert_eq!(
        balances.account_balances[0].amount,
        rust_decimal::Decimal::new(125, 1)
    );
}

#[tokio::test]
async fn only_the_gateways_429_is_tried_again() {
    // The gateway's flow control refuses before anything is done: tried again after
    // Retry-After. A 429 with a service's CBC code came after the service saw the call:
    // told, not sent again.
    for (code, tries) in [("APIGW.0308", 2), ("CBC.99009999", 1)] {
        let seen = Arc::new(AtomicUsize::new(0));
        let count = seen.clone();
        let endpoint = serve(Router::new().fallback(move || {
            let n = count.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [(header::RETRY_AFTER, "1")],
                        format!(r#"{{"error_code":"{code}","error_msg":"slow down"}}"#),
                    )
                        .into_response()
                } else {
                    r#"{"account_balances":[]}"#.into_response()
                }
            }
        }))
        .await;
        let c = Client::new(&endpoint, credentials()).unwrap();
        let result = c
            .list_partner_balances(&PartnerBalancesQuery::default())
            .await;
        assert_eq!(seen.load(Ordering::SeqCst), tries, "{code}");
        assert_eq!(result.is_ok(), tries == 2, "{code}: {result:?}");
    }
}
