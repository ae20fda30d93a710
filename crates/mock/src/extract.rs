//! Request extractors that turn every malformed body or query into a 400 with a CBC
//! error body (never axum's plain-text rejections).

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use pc_api::signing;

/// The language of names in an answer: `X-Language: en_US` (any case, `-` or `_`) asks
/// for English; anything else, or none, gets Chinese, Huawei's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let english = parts
            .headers
            .get("X-Language")
            .and_then(|v| v.to_str().ok())
            .map(|v| v.trim().to_ascii_lowercase().replace('-', "_"))
            .is_some_and(|v| v == "en_us" || v == "en");
        Ok(if english {
            Language::English
        } else {
            Language::Chinese
        })
    }
}

/// A JSON body. An empty body reads as `{}` (the SDK sends none for an empty model).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|e| ApiError::param(format!("Cannot read the request body: {e}")))?;
        let text: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
            b"{}"
        } else {
            &bytes
        };
        serde_json::from_slice(text)
            .map(ApiJson)
            .map_err(|e| ApiError::param(format!("Invalid request body: {e}")))
    }
}

/// Query parameters.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        // Decode exactly as the signature verifier did (a `+` stays a `+`), so the
        // handler acts on the values that were signed.
        let pairs = signing::parse_query(parts.uri.query().unwrap_or(""));
        let canonical = serde_urlencoded::to_string(&pairs)
            .map_err(|e| ApiError::param(format!("Invalid query: {e}")))?;
        serde_urlencoded::from_str(&canonical)
            .map(ApiQuery)
            .map_err(|e| ApiError::param(format!("Invalid query parameter: {e}")))
    }
}

/// Path parameters, with a CBC body on failure (e.g. a segment that is not UTF-8).
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(v)| ApiPath(v))
            .map_err(|e| ApiError::param(format!("Invalid path parameter: {e}")))
    }
}

/// The write's `X-Client-Request-Id`, when sent (docs/design.md §5).
pub struct ClientRequestId(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientRequestId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        match parts.headers.get(pc_api::partner_center::REQUEST_ID_HEADER) {
            None => Ok(ClientRequestId(None)),
            Some(v) => v
                .to_str()
                .map(|s| ClientRequestId(Some(s.to_string())))
                .map_err(|_| {
                    ApiError::bad(
                        pc_api::error::codes::REQUEST_ID_REQUIRED,
                        "X-Client-Request-Id must be plain text.",
                    )
                }),
        }
    }
}
