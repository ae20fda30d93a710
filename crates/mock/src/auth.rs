//! Signature verification for every API request (docs/signing.md §4): the 15-minute window,
//! constant-time comparison, the APIGW.0301 401 body, and a 5-minute lock on an AK after
//! 5 consecutive failures — from one source address: the AK travels in every request's
//! `Authorization` header, so a lock on the AK alone would let anyone who saw one shut
//! its rightful caller out with five garbage signatures. Locked per (AK, source), a
//! guesser is stopped and the partner's own machines are not.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::state::MockState;
use pc_api::error::codes;
use pc_api::signing::{self, ReceivedRequest, VerifyError};
use subtle::ConstantTimeEq;

/// The header temporary credentials' security token travels in.
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";

use super::serve::MAX_BODY;
pub fn gateway_error(msg: &str) -> Response {
    let body = serde_json::json!({
        "error_code": codes::AUTH_FAILED,
        "error_msg": msg,
        "request_id": uuid::Uuid::new_v4().simple().to_string(),
    });
    (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response()
}

fn reject(e: &VerifyError) -> Response {
    tracing::info!(reason = %e, "signature rejected");
    match e {
        VerifyError::UnknownAk => gateway_error(
            "Incorrect IAM authentication information: Get secretKey failed, err:ak not exist",
        ),
        VerifyError::Locked => gateway_error(
            "Incorrect IAM authentication information: AK locked after repeated signature failures, retry in 5 minutes",
        ),
        _ => gateway_error("Incorrect IAM authentication information: verify aksk signature fail"),
    }
}

/// Middleware: reads the body, verifies the signature against what was received, and
/// hands the handler the [`Caller`] and the body unchanged.
pub async fn verify_signature(
    State(state): State<MockState>,
    req: Request,
    next: Next,
) -> Response {
    let source = super::serve::peer(&req).map(|a| a.ip());
    let (parts, body) = req.into_parts();
    // Whole already (serve::read_body): this only takes it.
    let bytes = match to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                codes::PARAMETER_ERROR,
                "Request body too large.",
            )
            .into_response();
        }
    };
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = parts
        .uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/");
    let received = ReceivedRequest {
        method: parts.method.as_str(),
        target,
        headers: &headers,
        body: &bytes,
    };
    // The gateway's clock, apart from the business clock that `POST /mock/clock` moves
    // (code expiry and deadlines days ahead must not make every signature stale).
    let now = state.gateway_now();
    let auth = match received.authorization() {
        Ok(a) => a,
        Err(e) => return reject(&e),
    };
    let Some(credential) = state.credential(&auth.access) else {
        return reject(&VerifyError::UnknownAk);
    };
    let lock_key = crate::credentials::lock_key(&auth.access, source);
    if state.lockout.is_locked(&lock_key, now) {
        return reject(&VerifyError::Locked);
    }
    // Every API here takes JSON: a body whose hash was not signed is not acceptable.
    let unsigned_body = !bytes.is_empty() && received.header(signing::CONTENT_SHA_HEADER).is_some();
    let verified = if unsigned_body {
        Err(VerifyError::SignatureMismatch)
    } else {
        signing::verify(&received, &auth, &credential.sk, now)
    };
    if let Err(e) = verified {
        state.lockout.failed(&lock_key, now);
        return reject(&e);
    }
    state.lockout.succeeded(&lock_key);
    // Temporary credentials travel with their security token, signed; permanent ones
    // have none. Checked after the signature, so that tokens cannot be tried without
    // counting towards the lockout.
    let token = received.header(SECURITY_TOKEN_HEADER).unwrap_or("");
    let token_signed = auth
        .signed_headers
        .iter()
        .any(|h| h.eq_ignore_ascii_case(SECURITY_TOKEN_HEADER));
    match &credential.token {
        Some(_) if token.is_empty() || !token_signed => {
            return gateway_error(
                "Incorrect IAM authentication information: temporary credentials need their X-Security-Token, signed",
            );
        }
        Some(t) if !bool::from(token.as_bytes().ct_eq(t.value.as_bytes())) => {
            return gateway_error(
                "Incorrect IAM authentication information: the security token is not the one issued with this AK",
            );
        }
        None if !token.is_empty() => {
            return gateway_error(
                "Incorrect IAM authentication information: a security token was sent with a permanent AK",
            );
        }
        _ => {}
    }
    if let Some(t) = &credential.token
        && t.expires_at <= now
    {
        tracing::info!("expired temporary credentials");
        let body = serde_json::json!({
            "error_code": codes::TOKEN_EXPIRED,
            "error_msg": "The token must be updated.",
            "request_id": uuid::Uuid::new_v4().simple().to_string(),
        });
        return (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    }
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(credential.caller.clone());
    next.run(req).await
}
