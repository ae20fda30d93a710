//! The mock's error: an HTTP status and a CBC-style body, with `X-Request-Id`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use pc_api::ErrorBody;
use pc_api::error::codes;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: String,
    pub msg: String,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &str, msg: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.to_string(),
            msg: msg.into(),
        }
    }

    /// 400 with a specific CBC code.
    pub fn bad(code: &str, msg: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, msg)
    }

    /// 400 CBC.0100: the request itself is malformed.
    pub fn param(msg: impl Into<String>) -> Self {
        Self::bad(codes::PARAMETER_ERROR, msg)
    }

    pub fn not_found(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, codes::INVALID_PARAMETER, msg)
    }

    pub fn forbidden(msg: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, codes::ACCESS_DENIED, msg)
    }

    pub fn internal(msg: impl Into<String>) -> Self {
        let msg = msg.into();
        tracing::error!(%msg, "mock internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::OTHER_ERROR,
            "Internal error.",
        )
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody {
            error_code: self.code.clone(),
            error_msg: self.msg.clone(),
            request_id: None,
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            // The data file made read-only, or the disk full: the transaction rolled
            // back, nothing changed; say so, and that it is the mock's, not the caller's.
            Some(ErrorCode::ReadOnly | ErrorCode::DiskFull | ErrorCode::CannotOpen) => {
                tracing::error!(error = %e, "the store cannot be written");
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    codes::OTHER_ERROR,
                    "The service's store cannot be written (read-only or full); nothing was changed. Try again later.",
                )
            }
            _ => ApiError::internal(format!("sqlite: {e}")),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(self.body())).into_response()
    }
}
