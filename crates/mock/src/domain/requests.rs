//! Exactly once (docs/design.md §5): a write's outcome is stored per (partner, client request id)
//! in the write's own transaction; a repeat gets the stored answer, and a status query
//! tells what became of a request — closing it if it never arrived.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ApiError, Caller, fmt_time};
use pc_api::error::codes;
use pc_api::partner_center::{APPLIED, NOT_APPLIED, RequestOutcome};

/// One write, as the idempotency store knows it.
pub struct Write<'a> {
    pub caller: &'a Caller,
    /// `None` for BSS calls without the header: no replay protection, as on Huawei.
    pub request_id: Option<&'a str>,
    pub operation: &'static str,
    /// What the request asks for: a repeat must ask for the same.
    pub fingerprint: String,
}

/// Checks a client request id: 1 to 64 characters of `[A-Za-z0-9-_]`.
pub fn check_request_id(id: &str) -> Result<(), ApiError> {
    if id.is_empty()
        || id.len() > 64
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ApiError::bad(
            codes::REQUEST_ID_REQUIRED,
            "X-Client-Request-Id must be 1 to 64 letters, digits, '-' or '_'.",
        ));
    }
    Ok(())
}

enum Prior {
    Applied(String),
    Closed,
}

fn prior(conn: &Connection, w: &Write, id: &str) -> Result<Option<Prior>, ApiError> {
    let row: Option<(String, String, String, Option<String>)> = conn
        .query_row(
            "SELECT operation, fingerprint, state, response FROM requests WHERE partner_id = ?1 AND request_id = ?2",
            params![w.caller.partner_id, id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(match row {
        None => None,
        Some((_, _, state, _)) if state == NOT_APPLIED => Some(Prior::Closed),
        Some((op, fp, _, response)) => {
            if op != w.operation || fp != w.fingerprint {
                return Err(ApiError::bad(
                    codes::REQUEST_ID_REUSED,
                    "This request id was already used for a different request.",
                ));
            }
            Some(Prior::Applied(response.unwrap_or_else(|| "null".into())))
        }
    })
}

/// Runs a write exactly once. `before` runs outside the write's transaction (the code
/// check, whose failures must count even though the write does not happen); `apply`
/// runs inside it, and its answer is stored in the same transaction.
pub fn once<T, B, A>(
    conn: &mut Connection,
    w: &Write,
    now: DateTime<Utc>,
    before: B,
    apply: A,
) -> Result<T, ApiError>
where
    T: Serialize + DeserializeOwned,
    B: FnOnce(&Connection) -> Result<(), ApiError>,
    A: FnOnce(&Connection) -> Result<T, ApiError>,
{
    if let Some(id) = w.request_id {
        check_request_id(id)?;
        match prior(conn, w, id)? {
            Some(Prior::Applied(body)) => {
                return serde_json::from_str(&body)
                    .map_err(|e| ApiError::internal(format!("stored outcome: {e}")));
            }
            Some(Prior::Closed) => {
                return Err(ApiError::bad(
                    codes::REQUEST_CLOSED,
                    "This request was given up (its status was asked before it arrived) and was not applied.",
                ));
            }
            None => {}
        }
    }
    before(conn)?;
    let tx = conn.transaction()?;
    let out = apply(&tx)?;
    if let Some(id) = w.request_id {
        let body =
            serde_json::to_string(&out).map_err(|e| ApiError::internal(format!("outcome: {e}")))?;
        tx.execute(
            "INSERT INTO requests (partner_id, request_id, operation, fingerprint, state, response, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![w.caller.partner_id, id, w.operation, w.fingerprint, APPLIED, body, fmt_time(now)],
        )?;
    }
    tx.commit()?;
    Ok(out)
}

/// How long an id closed unseen is kept: far longer than a signed request lives (the
/// gateway refuses a `Date` older than 15 minutes), so nothing can arrive under it
/// after it is forgotten.
pub const CLOSED_KEPT: chrono::TimeDelta = chrono::TimeDelta::days(1);
/// Ids a partner may close unseen within [`CLOSED_KEPT`]: the table cannot be filled
/// by asking about random ids.
pub const CLOSED_MAX: i64 = 10_000;

/// Before an unseen id is closed: forgets the partner's ids closed unseen longer ago
/// than [`CLOSED_KEPT`], and refuses when [`CLOSED_MAX`] are still kept.
fn close_unseen(conn: &Connection, caller: &Caller, now: DateTime<Utc>) -> Result<(), ApiError> {
    let since = fmt_time(now - CLOSED_KEPT);
    conn.execute(
        "DELETE FROM requests WHERE partner_id = ?1 AND operation = '' AND created_at < ?2",
        params![caller.partner_id, since],
    )?;
    let kept: i64 = conn.query_row(
        "SELECT COUNT(*) FROM requests WHERE partner_id = ?1 AND operation = ''",
        params![caller.partner_id],
        |r| r.get(0),
    )?;
    if kept >= CLOSED_MAX {
        return Err(ApiError::new(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            codes::PARAMETER_ERROR,
            "Too many unknown request ids asked about today; ask about the ids you sent.",
        ));
    }
    Ok(())
}

/// What became of a request id. An id never seen is closed, so that it stays unapplied.
pub fn outcome(
    conn: &Connection,
    caller: &Caller,
    request_id: &str,
    now: DateTime<Utc>,
) -> Result<RequestOutcome, ApiError> {
    check_request_id(request_id)?;
    let row: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT operation, state, response FROM requests WHERE partner_id = ?1 AND request_id = ?2",
            params![caller.partner_id, request_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((operation, state, response)) = row else {
        close_unseen(conn, caller, now)?;
        conn.execute(
            "INSERT INTO requests (partner_id, request_id, operation, fingerprint, state, created_at)
             VALUES (?1, ?2, '', '', ?3, ?4)",
            params![caller.partner_id, request_id, NOT_APPLIED, fmt_time(now)],
        )?;
        return Ok(RequestOutcome {
            request_id: request_id.to_string(),
            state: NOT_APPLIED.into(),
            operation: None,
            response: None,
        });
    };
    let response = response
        .map(|r| serde_json::from_str(&r))
        .transpose()
        .map_err(|e| ApiError::internal(format!("stored outcome: {e}")))?;
    Ok(RequestOutcome {
        request_id: request_id.to_string(),
        state,
        operation: (!operation.is_empty()).then_some(operation),
        response,
    })
}
