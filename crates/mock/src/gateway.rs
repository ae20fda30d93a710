//! What Huawei's API gateway does before a call reaches BSS: the account a global
//! service's call is for (`X-Domain-Id`), flow control per account and API, and the
//! answer to an API it does not know. Its errors have the gateway's shape
//! (`APIGW.xxxx`), not the service's.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::domain::Caller;
use super::state::MockState;
use super::throttle::HUAWEI_RATE;
use pc_api::error::codes;

/// An error body as the gateway writes it.
pub fn error(status: StatusCode, code: &str, msg: &str) -> Response {
    let body = serde_json::json!({
        "error_code": code,
        "error_msg": msg,
        "request_id": uuid::Uuid::new_v4().simple().to_string(),
    });
    (status, axum::Json(body)).into_response()
}

/// The gateway's answer to a path it has no API for.
pub async fn no_such_api() -> Response {
    error(
        StatusCode::NOT_FOUND,
        codes::NO_SUCH_API,
        "The API does not exist or has not been published in the environment",
    )
}

/// Middleware on the global services (BSS, Partner Center): an AK/SK call names the
/// account it is for in `X-Domain-Id`, and that account must be the AK's.
pub async fn require_domain(req: Request, next: Next) -> Response {
    let Some(caller) = req.extensions().get::<Caller>() else {
        return next.run(req).await;
    };
    let given = req
        .headers()
        .get("X-Domain-Id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if given.is_empty() {
        return error(
            StatusCode::UNAUTHORIZED,
            codes::AUTH_FAILED,
            "Incorrect IAM authentication information: X-Domain-Id is required for a global service's AK/SK call",
        );
    }
    if given != caller.partner_id {
        return error(
            StatusCode::UNAUTHORIZED,
            codes::AUTH_FAILED,
            "Incorrect IAM authentication information: X-Domain-Id is not the account of this AK",
        );
    }
    next.run(req).await
}

/// Middleware: flow control per account and API (method and route), after the
/// signature says whose call it is.
pub async fn throttle(State(state): State<MockState>, req: Request, next: Next) -> Response {
    let Some(caller) = req.extensions().get::<Caller>() else {
        return next.run(req).await;
    };
    let api = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| req.uri().path().to_string());
    let key = format!("{}|{} {api}", caller.partner_id, req.method());
    if let Some(wait) = state.throttle.take(&key, Instant::now()) {
        let rate = state.throttle.rate().unwrap_or(HUAWEI_RATE);
        let mut resp = error(
            StatusCode::TOO_MANY_REQUESTS,
            codes::THROTTLED,
            &format!(
                "The throttling threshold has been reached: policy user over ratelimit,limit:{rate},time:1 second"
            ),
        );
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            resp.headers_mut().insert("Retry-After", v);
        }
        return resp;
    }
    next.run(req).await
}
