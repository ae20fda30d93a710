//! A hostile backend, for the tests of the console and the script commands: it answers
//! the lists they read with what a broken or malicious server might send — terminal
//! escapes in every name, answers far too large or without end, redirects, malformed
//! JSON, pages that never end.

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use futures::StreamExt;
use pc_api::{
    AccountBalance, CustomerInfo, CustomerOrder, CustomerOrdersResp, ListSubCustomersResp,
    PartnerBalancesResp,
};

/// Text that would retitle the window, clear the screen, write the clipboard and
/// switch colours by an 8-bit CSI, were it written to a terminal as it is.
pub const EVIL: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\r";

/// How the backend misbehaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hostile {
    /// Well-formed answers with [`EVIL`] in every text field and error message.
    Escapes,
    /// A `Content-Length` of 400 MB.
    Huge,
    /// A body that never ends.
    Endless,
    /// Every call redirected elsewhere.
    Redirect,
    /// Answers that are not the API's JSON: wrong types, nulls, text.
    Malformed,
    /// The same full page for every offset, claiming 10^12 rows.
    Repeating,
    /// No answer for a minute: longer than the client waits.
    Slow,
    /// Not hostile: answers that leave out every field they may and give `null` for
    /// others, as the real service does when it has no value.
    Sparse,
}

/// The sparse answer to each list, and IAM's.
fn sparse(path: &str) -> Response {
    let body = match path {
        "/v2/orders/customer-orders" => serde_json::json!({
            "total_count": 2,
            "order_infos": [
                {"order_id": "CS-SPARSE-1", "customer_id": "c1", "status": 6, "service_type_name": null},
                {"order_id": "CS-SPARSE-2"}
            ]
        }),
        "/v2/partners/sub-customers/query" => serde_json::json!({
            "count": null,
            "customer_infos": [{"customer_id": "c1"}, {"customer_id": "c2", "account_name": null}]
        }),
        "/v2/accounts/partner-accounts/balances" => serde_json::json!({
            "account_balances": [{"account_type": 1, "amount": 12.5}, {}]
        }),
        "/v3/auth/domains" => {
            serde_json::json!({"domains": [{"id": "0123456789abcdef0123456789abcdef"}]})
        }
        _ => serde_json::json!({}),
    };
    axum::Json(body).into_response()
}

fn order(i: usize) -> CustomerOrder {
    CustomerOrder {
        order_id: format!("CS{i:08}{EVIL}"),
        customer_id: EVIL.into(),
        service_type_code: EVIL.into(),
        service_type_name: EVIL.into(),
        status: 6,
        order_type: 1,
        create_time: "2026-12-01T00:00:00Z".into(),
        user_name: Some(EVIL.into()),
        ..Default::default()
    }
}

fn orders(kind: Hostile) -> Response {
    match kind {
        Hostile::Repeating => axum::Json(CustomerOrdersResp {
            total_count: 1_000_000_000_000,
            order_infos: (0..100).map(order).collect(),
        })
        .into_response(),
        _ => axum::Json(CustomerOrdersResp {
            total_count: 3,
            order_infos: (0..3).map(order).collect(),
        })
        .into_response(),
    }
}

fn customers() -> Response {
    axum::Json(ListSubCustomersResp {
        count: 2,
        customer_infos: (0..2)
            .map(|i| CustomerInfo {
                customer_id: format!("{i}{EVIL}"),
                account_name: EVIL.into(),
                customer: Some(EVIL.into()),
                label: Some(EVIL.into()),
                ..Default::default()
            })
            .collect(),
    })
    .into_response()
}

fn balances() -> Response {
    axum::Json(PartnerBalancesResp {
        account_balances: vec![AccountBalance {
            account_id: EVIL.into(),
            account_type: 1,
            currency: EVIL.into(),
            memo: Some(EVIL.into()),
            ..Default::default()
        }],
    })
    .into_response()
}

/// What `kind` answers to any call, or `None` for the lists' own answers.
fn misbehave(kind: Hostile) -> Option<Response> {
    Some(match kind {
        Hostile::Escapes | Hostile::Repeating | Hostile::Slow | Hostile::Sparse => return None,
        Hostile::Huge => Response::builder()
            .header(header::CONTENT_LENGTH, "400000000")
            // A body of unknown length that never ends: only the header speaks.
            .body(Body::from_stream(
                futures::stream::once(async {
                    Ok::<_, std::io::Error>(bytes::Bytes::from("{\"total_count\":"))
                })
                .chain(futures::stream::pending()),
            ))
            .unwrap(),
        Hostile::Endless => {
            let chunk = bytes::Bytes::from(vec![b' '; 64 * 1024]);
            let stream =
                futures::stream::repeat_with(move || Ok::<_, std::io::Error>(chunk.clone()));
            Body::from_stream(stream).into_response()
        }
        Hostile::Redirect => (
            StatusCode::FOUND,
            [(header::LOCATION, "http://192.0.2.1/collect")],
        )
            .into_response(),
        Hostile::Malformed => (
            [(header::CONTENT_TYPE, "application/json")],
            "{\"total_count\":\"many\",\"order_infos\":[{\"order_id\":5,\"status\":null}],\"count\":[],\"account_balances\":\"x\"",
        )
            .into_response(),
    })
}

/// Serves a `kind` backend on 127.0.0.1:0 for the rest of the test; its endpoint.
pub async fn serve(kind: Hostile) -> String {
    let slow = move |req: axum::extract::Request, next: axum::middleware::Next| async move {
        if kind == Hostile::Slow {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        }
        next.run(req).await
    };
    if kind == Hostile::Sparse {
        let app = Router::new().fallback(|uri: axum::http::Uri| async move { sparse(uri.path()) });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        return format!("http://{addr}");
    }
    let app = Router::new()
        .route(
            "/v2/orders/customer-orders",
            get(move || async move { misbehave(kind).unwrap_or_else(|| orders(kind)) }),
        )
        .route(
            "/v2/partners/sub-customers/query",
            post(move || async move { misbehave(kind).unwrap_or_else(customers) }),
        )
        .route(
            "/v2/accounts/partner-accounts/balances",
            get(move || async move { misbehave(kind).unwrap_or_else(balances) }),
        )
        .fallback(move || async move {
            misbehave(kind).unwrap_or_else(|| {
                (
                    StatusCode::BAD_REQUEST,
                    axum::Json(serde_json::json!({
                        "error_code": "CBC.0100",
                        "error_msg": EVIL,
                    })),
                )
                    .into_response()
            })
        })
        .layer(axum::middleware::from_fn(slow));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    format!("http://{addr}")
}
