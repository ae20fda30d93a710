//! Admin endpoints under `/mock/…`, for tests and demos: they need `X-Mock-Admin: <token>`
//! and are never signed: the outbox, fault injection and the clock offset.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::error::ApiError;
use super::extract::ApiQuery;
use super::state::{Faults, MockState};

pub use pc_api::admin::{ADMIN_HEADER, OutboxMessage, OutboxResp};

pub fn router() -> Router<MockState> {
    Router::new()
        .route("/mock/outbox", get(outbox))
        .route("/mock/faults", get(get_faults).post(set_faults))
        .route("/mock/clock", get(get_clock).post(set_clock))
        .route(
            "/mock/invitations/accept",
            axum::routing::post(accept_invitation),
        )
        .route("/mock/switches/answer", axum::routing::post(answer_switch))
        .route(
            "/mock/realname/review",
            axum::routing::post(review_realname),
        )
        .route("/mock/orders", axum::routing::post(place_order))
        .route(
            "/mock/temporary-credentials",
            axum::routing::post(temporary_credentials),
        )
}

pub async fn require_token(State(state): State<MockState>, req: Request, next: Next) -> Response {
    let given = req
        .headers()
        .get(ADMIN_HEADER)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    if bool::from(given.ct_eq(state.admin_token.as_bytes())) {
        next.run(req).await
    } else {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "MOCK.0401",
            "Missing or wrong X-Mock-Admin token.",
        )
        .into_response()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutboxQuery {
    /// Only messages with a larger id.
    #[serde(default)]
    pub after: Option<i64>,
}

async fn outbox(
    State(s): State<MockState>,
    ApiQuery(q): ApiQuery<OutboxQuery>,
) -> Result<Json<OutboxResp>, ApiError> {
    let after = q.after.unwrap_or(0);
    s.db
        .run(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT id, partner_id, channel, recipient, body, created_at FROM outbox WHERE id > ?1 ORDER BY id",
            )?;
            let messages = stmt
                .query_map(params![after], |r| {
                    Ok(OutboxMessage {
                        id: r.get(0)?,
                        partner_id: r.get(1)?,
                        channel: r.get(2)?,
                        recipient: r.get(3)?,
                        body: r.get(4)?,
                        created_at: r.get(5)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(OutboxResp { messages })
        })
        .await
        .map(Json)
}

fn chance() -> f64 {
    (uuid::Uuid::new_v4().as_u128() >> 64) as f64 / u64::MAX as f64
}

async fn get_faults(State(s): State<MockState>) -> Json<Faults> {
    Json(s.faults.lock().map(|f| f.clone()).unwrap_or_default())
}

async fn set_faults(
    State(s): State<MockState>,
    super::extract::ApiJson(f): super::extract::ApiJson<Faults>,
) -> Result<Json<Faults>, ApiError> {
    let rate_ok = |r: f64| (0.0..=1.0).contains(&r);
    if !rate_ok(f.error_rate) || !rate_ok(f.drop_rate) || f.delay_ms > 600_000 {
        return Err(ApiError::param(
            "error_rate and drop_rate must be between 0 and 1, delay_ms at most 600000.",
        ));
    }
    if let Ok(mut current) = s.faults.lock() {
        *current = f.clone();
    }
    Ok(Json(f))
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// Seconds added to the mock's clock (codes and deadlines expire by it).
    pub offset_seconds: i64,
}

async fn get_clock(State(s): State<MockState>) -> Json<Clock> {
    Json(Clock {
        offset_seconds: s.clock_offset(),
    })
}

async fn set_clock(
    State(s): State<MockState>,
    super::extract::ApiJson(c): super::extract::ApiJson<Clock>,
) -> Result<Json<Clock>, ApiError> {
    // unsigned_abs: `i64::MIN.abs()` overflows (and wraps to itself in release).
    if c.offset_seconds.unsigned_abs() > 10 * 365 * 86_400 {
        return Err(ApiError::param("offset_seconds must be within ten years."));
    }
    s.set_clock_offset(c.offset_seconds);
    Ok(Json(c))
}

/// Applies the injected faults around every signed call.
/// The BSS reads sent as POST (queries with a body, ratings): their answers are not
/// writes', and a dropped one is only a failed read.
fn read_by_post(path: &str) -> bool {
    path.ends_with("/query")
        || path.ends_with("/batch-query")
        || path.starts_with("/v2/bills/ratings/")
}

pub async fn inject_faults(State(state): State<MockState>, req: Request, next: Next) -> Response {
    let faults = state.faults.lock().map(|f| f.clone()).unwrap_or_default();
    if faults.delay_ms > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(faults.delay_ms)).await;
    }
    if faults.error_rate > 0.0 && chance() < faults.error_rate {
        state
            .fault_counts
            .refused
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        return (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable").into_response();
    }
    let write = matches!(req.method().as_str(), "POST" | "PUT") && !read_by_post(req.uri().path());
    let resp = next.run(req).await;
    if write && resp.status().is_success() && faults.drop_rate > 0.0 && chance() < faults.drop_rate
    {
        // The write committed; cut the answer off mid-body.
        state
            .fault_counts
            .dropped
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (parts, _) = resp.into_parts();
        let broken = futures::stream::once(async {
            Err::<bytes::Bytes, std::io::Error>(std::io::Error::other(
                "response dropped (mock fault)",
            ))
        });
        return Response::from_parts(parts, axum::body::Body::from_stream(broken));
    }
    resp
}

/// The customer side of an invitation: scanned, notice agreed, registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitation {
    pub code: String,
    pub account_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub customer_id: String,
}

async fn accept_invitation(
    State(s): State<MockState>,
    super::extract::ApiJson(req): super::extract::ApiJson<AcceptInvitation>,
) -> Result<Json<Accepted>, ApiError> {
    let now = s.now();
    s.db.run(move |conn| {
        super::domain::invitations::accept(conn, &req.code, &req.account_name, now)
    })
    .await
    .map(|customer_id| Json(Accepted { customer_id }))
}

/// The customer side of a switch request: accepted or declined in the account centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSwitch {
    pub switch_id: String,
    pub accept: bool,
}

async fn answer_switch(
    State(s): State<MockState>,
    super::extract::ApiJson(req): super::extract::ApiJson<AnswerSwitch>,
) -> Result<Json<pc_api::partner_center::SwitchRequest>, ApiError> {
    let now = s.now();
    s.db.run(move |conn| {
        let tx = conn.transaction()?;
        let answered = super::domain::associations::answer(&tx, &req.switch_id, req.accept, now)?;
        tx.commit()?;
        Ok(answered)
    })
    .await
    .map(Json)
}

/// The reviewer's decision on a real-name submission under review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRealname {
    pub customer_id: String,
    pub approve: bool,
    /// Why, shown to the partner (a rejection without one gets a generic reason).
    #[serde(default)]
    pub opinion: Option<String>,
}

async fn review_realname(
    State(s): State<MockState>,
    super::extract::ApiJson(req): super::extract::ApiJson<ReviewRealname>,
) -> Result<Json<pc_api::RealnameReviewResp>, ApiError> {
    let now = s.now();
    s.db.run(move |conn| {
        let tx = conn.transaction()?;
        let decided = super::domain::realname::decide(
            &tx,
            &req.customer_id,
            req.approve,
            req.opinion.as_deref(),
            now,
        )?;
        tx.commit()?;
        Ok(decided)
    })
    .await
    .map(Json)
}

/// The customer side of pay on behalf: an order placed, asking the partner to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceOrder {
    pub customer_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placed {
    pub order_id: String,
}

async fn place_order(
    State(s): State<MockState>,
    super::extract::ApiJson(req): super::extract::ApiJson<PlaceOrder>,
) -> Result<Json<Placed>, ApiError> {
    let now = s.now();
    let catalog = s.catalog.clone();
    s.db.run(move |conn| {
        let tx = conn.transaction()?;
        let order_id = super::seed::place_pay_request(&tx, &catalog, &req.customer_id, now)?;
        tx.commit()?;
        Ok(Placed { order_id })
    })
    .await
    .map(Json)
}

/// What IAM is asked for temporary credentials: whose, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemporaryReq {
    /// A partner's permanent AK.
    pub ak: String,
    /// 900 to 86400 seconds (IAM's limits); 900 when left out.
    #[serde(default)]
    pub duration_seconds: Option<i64>,
}

/// IAM's answer (`POST /v3.0/OS-CREDENTIAL/securitytokens`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryResp {
    pub credential: TemporaryCredential,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryCredential {
    pub access: String,
    pub secret: String,
    pub securitytoken: String,
    pub expires_at: String,
}

/// Issues temporary credentials (AK, SK, security token) for a partner, as IAM does for
/// an agency or a federated user: they work with their token only, until they expire.
async fn temporary_credentials(
    State(s): State<MockState>,
    super::extract::ApiJson(req): super::extract::ApiJson<TemporaryReq>,
) -> Result<Json<TemporaryResp>, ApiError> {
    use crate::credentials::{TEMPORARY_MAX, TEMPORARY_MIN};
    let seconds = req.duration_seconds.unwrap_or(TEMPORARY_MIN.num_seconds());
    if !(TEMPORARY_MIN.num_seconds()..=TEMPORARY_MAX.num_seconds()).contains(&seconds) {
        return Err(ApiError::param(format!(
            "duration_seconds must be between {} and {}, got {seconds}.",
            TEMPORARY_MIN.num_seconds(),
            TEMPORARY_MAX.num_seconds()
        )));
    }
    let issued = s
        .issue_temporary(&req.ak, chrono::TimeDelta::seconds(seconds))
        .ok_or_else(|| ApiError::not_found("No partner has this permanent AK."))?;
    Ok(Json(TemporaryResp {
        credential: TemporaryCredential {
            access: issued.access,
            secret: issued.secret,
            securitytoken: issued.token.value,
            expires_at: issued
                .token
                .expires_at
                .format("%Y-%m-%dT%H:%M:%S%.6fZ")
                .to_string(),
        },
    }))
}
