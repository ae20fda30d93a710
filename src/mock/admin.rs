//! Admin endpoints under `/mock/…`, for tests and demos: they need `X-Mock-Admin: <token>`
//! and are never signed. This issue brings the outbox; later ones add more.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use super::MockState;
use super::error::ApiError;
use super::extract::ApiQuery;

pub const ADMIN_HEADER: &str = "X-Mock-Admin";

pub fn router() -> Router<MockState> {
    Router::new().route("/mock/outbox", get(outbox))
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

/// One message the mock "sent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub partner_id: Option<String>,
    /// `sms` | `email`
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OutboxResp {
    pub messages: Vec<OutboxMessage>,
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
