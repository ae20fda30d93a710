//! What Huawei's API gateway does before a call reaches BSS: the account a global
//! service's call is for (`X-Domain-Id`), flow control per account and API, and the
//! answer to an API it does not know. Its errors have the gateway's shape
//! (`APIGW.xxxx`), not the service's.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::domain::Caller;
use super::state::MockState;
use pc_api::error::codes;

/// Huawei's documented flow control for partner operations: 10 calls per second per
/// API and account.
pub const HUAWEI_RATE: u32 = 10;
/// Buckets followed before idle ones are forgotten.
const MAX_BUCKETS: usize = 100_000;

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

/// Token buckets per (account, API): `rate` calls a second, bursts of `rate`.
#[derive(Debug)]
pub struct Throttle {
    rate: Option<u32>,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Throttle {
    pub fn new(rate: Option<u32>) -> Throttle {
        Throttle {
            rate: rate.filter(|r| *r > 0),
            buckets: Mutex::default(),
        }
    }

    /// `None` when the call may go on; else the whole seconds to wait.
    pub fn take(&self, key: &str, now: Instant) -> Option<u64> {
        let rate = f64::from(self.rate?);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < 1.0);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((rate, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(rate);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            None
        } else {
            Some(((1.0 - *tokens) / rate).ceil().max(1.0) as u64)
        }
    }
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
        let rate = state.throttle.rate.unwrap_or(HUAWEI_RATE);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_holds_a_seconds_worth_and_refills() {
        let t = Throttle::new(Some(10));
        let start = Instant::now();
        for _ in 0..10 {
            assert_eq!(t.take("a", start), None);
        }
        assert_eq!(t.take("a", start), Some(1));
        // Another API or account has its own bucket.
        assert_eq!(t.take("b", start), None);
        // A tenth of a second later, one more call.
        let later = start + Duration::from_millis(110);
        assert_eq!(t.take("a", later), None);
        assert_eq!(t.take("a", later), Some(1));
    }

    #[test]
    fn no_rate_no_flow_control() {
        let t = Throttle::new(None);
        for _ in 0..1000 {
            assert_eq!(t.take("a", Instant::now()), None);
        }
        assert!(Throttle::new(Some(0)).take("a", Instant::now()).is_none());
    }
}
