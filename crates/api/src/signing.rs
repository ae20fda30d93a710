//! AK/SK request signing (`SDK-HMAC-SHA256`) exactly as the official Huawei SDK does it,
//! for both sides: the client signs what it sends, the mock verifies what it receives.
//! Pure functions only: no clock, no I/O. See `docs/signing.md` for the steps.

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, percent_encode};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
/// SHA-256 of the empty string: the payload hash of a request without a body.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
pub const DATE_HEADER: &str = "X-Sdk-Date";
pub const CONTENT_SHA_HEADER: &str = "X-Sdk-Content-Sha256";
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// `%Y%m%dT%H%M%SZ`, e.g. `20250102T030405Z`.
pub const DATE_FORMAT: &str = "%Y%m%dT%H%M%SZ";
/// Huawei's documented tolerance between the signer's clock and the server's.
pub const MAX_CLOCK_SKEW: TimeDelta = TimeDelta::minutes(15);

/// Everything except `A–Z a–z 0–9 - _ . ~` is percent-encoded (upper-case hex).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment, query key or query value.
pub fn encode(bytes: &[u8]) -> String {
    percent_encode(bytes, UNRESERVED).to_string()
}

/// The canonical URI: decode the whole path, split on `/`, encode each segment, join,
/// and end with `/`.
pub fn canonical_uri(path: &str) -> String {
    let decoded: Vec<u8> = percent_decode_str(path).collect();
    let mut uri = decoded
        .split(|b| *b == b'/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// The canonical query string from decoded (key, value) pairs: sorted by raw key then
/// raw value, each encoded, `k=v` joined with `&`. The SDK also sends it this way.
pub fn canonical_query(pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k.as_bytes()), encode(v.as_bytes())))
        .collect::<Vec<_>>()
        .join("&")
}

/// Splits a raw query string as received: on `&`, each item at its first `=`, both
/// halves percent-decoded (a `+` stays a `+`). Empty items are skipped.
pub fn parse_query(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (k, v) = item.split_once('=').unwrap_or((item, ""));
            (
                percent_decode_str(k).decode_utf8_lossy().into_owned(),
                percent_decode_str(v).decode_utf8_lossy().into_owned(),
            )
        })
        .collect()
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The names that get signed: every header whose name has no `_`, lower-cased, sorted.
pub fn signed_header_names(headers: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(n, _)| !n.contains('_'))
        .map(|(n, _)| n.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The payload hash: empty body → the empty hash; a *signed* `X-Sdk-Content-Sha256`
/// header → its value; else the SHA-256 of the exact body bytes. An unsigned
/// `X-Sdk-Content-Sha256` is ignored: honouring it would let anyone who captured a
/// request swap its body.
pub fn hashed_payload(headers: &[(String, String)], names: &[String], body: &[u8]) -> String {
    let content_sha_signed = names
        .iter()
        .any(|n| n.eq_ignore_ascii_case(CONTENT_SHA_HEADER));
    match header(headers, CONTENT_SHA_HEADER) {
        _ if body.is_empty() => EMPTY_BODY_SHA256.to_string(),
        Some(v) if content_sha_signed => v.to_string(),
        _ => sha256_hex(body),
    }
}

/// The intermediate values of one signature, each of which the vectors check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureParts {
    pub canonical_uri: String,
    pub canonical_query_string: String,
    pub signed_headers: String,
    pub hashed_payload: String,
    pub canonical_request: String,
    pub string_to_sign: String,
    pub signature: String,
}

/// Computes the signature over a request. `headers` must already hold `X-Sdk-Date` and
/// `Host`; `names` are the lower-case signed header names.
pub fn compute(
    sk: &str,
    method: &str,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    names: &[String],
    body: &[u8],
) -> SignatureParts {
    let canonical_uri = canonical_uri(path);
    let canonical_query_string = canonical_query(query);
    let canonical_headers: String = names
        .iter()
        .map(|n| format!("{n}:{}\n", header(headers, n).unwrap_or("").trim()))
        .collect();
    let signed_headers = names.join(";");
    let hashed_payload = hashed_payload(headers, names, body);
    let canonical_request = format!(
        "{}\n{canonical_uri}\n{canonical_query_string}\n{canonical_headers}\n{signed_headers}\n{hashed_payload}",
        method.to_ascii_uppercase()
    );
    let date = header(headers, DATE_HEADER).unwrap_or("");
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let signature = hmac_hex(sk, &string_to_sign);
    SignatureParts {
        canonical_uri,
        canonical_query_string,
        signed_headers,
        hashed_payload,
        canonical_request,
        string_to_sign,
        signature,
    }
}

fn hmac_hex(sk: &str, message: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(sk.as_bytes()).expect("HMAC takes any key");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The `Authorization` header value.
pub fn authorization(ak: &str, parts: &SignatureParts) -> String {
    format!(
        "{ALGORITHM} Access={ak}, SignedHeaders={}, Signature={}",
        parts.signed_headers, parts.signature
    )
}

/// A request as the client will put it on the wire.
#[derive(Debug, Clone)]
pub struct SignedRequest {
    /// Path plus `?` and the canonical query when there is one.
    pub request_target: String,
    /// All headers in sending order, `Authorization` last.
    pub headers: Vec<(String, String)>,
    pub parts: SignatureParts,
}

/// Signs a request the way the SDK does: adds `X-Sdk-Date` (from `now`, unless one is
/// given), `X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD` for non-JSON bodies, `Host`, then
/// `Authorization` (the SDK's order).
#[allow(clippy::too_many_arguments)]
pub fn sign_request(
    ak: &str,
    sk: &str,
    method: &str,
    host: &str,
    path: &str,
    query: &[(String, String)],
    mut headers: Vec<(String, String)>,
    body: &[u8],
    now: DateTime<Utc>,
) -> SignedRequest {
    if header(&headers, DATE_HEADER).is_none() {
        headers.push((DATE_HEADER.into(), now.format(DATE_FORMAT).to_string()));
    }
    if let Some(ct) = header(&headers, "Content-Type")
        && !ct.starts_with("application/json")
        && !ct.starts_with("application/bson")
    {
        headers.push((CONTENT_SHA_HEADER.into(), UNSIGNED_PAYLOAD.into()));
    }
    if header(&headers, "Host").is_none() {
        headers.push(("Host".into(), host.into()));
    }
    let names = signed_header_names(&headers);
    let parts = compute(sk, method, path, query, &headers, &names, body);
    headers.push(("Authorization".into(), authorization(ak, &parts)));
    let query_string = &parts.canonical_query_string;
    let request_target = if query_string.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query_string}")
    };
    SignedRequest {
        request_target,
        headers,
        parts,
    }
}

/// Why a request's signature was refused. The mock answers all of them with APIGW.0301;
/// the variants exist for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("no Authorization header")]
    MissingAuthorization,
    #[error("malformed Authorization header")]
    MalformedAuthorization,
    #[error("unsupported signing algorithm")]
    UnsupportedAlgorithm,
    #[error("no X-Sdk-Date header")]
    MissingDate,
    #[error("X-Sdk-Date is not yyyyMMddTHHmmssZ")]
    MalformedDate,
    #[error("X-Sdk-Date is more than 15 minutes from the server's clock")]
    StaleDate,
    #[error("signed header {0} is missing")]
    MissingSignedHeader(String),
    #[error("host and x-sdk-date must be signed")]
    RequiredHeaderNotSigned,
    #[error("ak not exist")]
    UnknownAk,
    #[error("signature does not match")]
    SignatureMismatch,
    #[error("AK locked after repeated failures")]
    Locked,
}

/// The three parts of an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…,
/// Signature=…` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationHeader {
    pub access: String,
    pub signed_headers: Vec<String>,
    pub signature: String,
}

pub fn parse_authorization(value: &str) -> Result<AuthorizationHeader, VerifyError> {
    let value = value.trim();
    let (algorithm, rest) = value
        .split_once(' ')
        .ok_or(VerifyError::MalformedAuthorization)?;
    if algorithm != ALGORITHM {
        return Err(VerifyError::UnsupportedAlgorithm);
    }
    let (mut access, mut signed, mut signature) = (None, None, None);
    for item in rest.split(',') {
        let (k, v) = item
            .trim()
            .split_once('=')
            .ok_or(VerifyError::MalformedAuthorization)?;
        let slot = match k {
            "Access" => &mut access,
            "SignedHeaders" => &mut signed,
            "Signature" => &mut signature,
            _ => return Err(VerifyError::MalformedAuthorization),
        };
        if slot.replace(v.to_string()).is_some() {
            return Err(VerifyError::MalformedAuthorization);
        }
    }
    let (Some(access), Some(signed), Some(signature)) = (access, signed, signature) else {
        return Err(VerifyError::MalformedAuthorization);
    };
    if access.is_empty() || signed.is_empty() || signature.is_empty() {
        return Err(VerifyError::MalformedAuthorization);
    }
    Ok(AuthorizationHeader {
        access,
        signed_headers: signed.split(';').map(str::to_string).collect(),
        signature,
    })
}

/// A request as the server received it.
#[derive(Debug, Clone, Copy)]
pub struct ReceivedRequest<'a> {
    pub method: &'a str,
    /// The raw request target: path, then `?query` if any, undecoded.
    pub target: &'a str,
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl<'a> ReceivedRequest<'a> {
    pub fn header(&self, name: &str) -> Option<&'a str> {
        header(self.headers, name)
    }

    /// Parses the `Authorization` header.
    pub fn authorization(&self) -> Result<AuthorizationHeader, VerifyError> {
        parse_authorization(
            self.header("Authorization")
                .ok_or(VerifyError::MissingAuthorization)?,
        )
    }
}

/// Parses an `X-Sdk-Date` value.
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(value.trim(), DATE_FORMAT)
        .ok()
        .map(|t| t.and_utc())
}

/// Checks a received request's signature with the SK that belongs to its AK, at `now`.
/// Rebuilds the canonical request from what was received and compares in constant time.
pub fn verify(
    req: &ReceivedRequest<'_>,
    auth: &AuthorizationHeader,
    sk: &str,
    now: DateTime<Utc>,
) -> Result<(), VerifyError> {
    let date = req.header(DATE_HEADER).ok_or(VerifyError::MissingDate)?;
    let signed_at = parse_date(date).ok_or(VerifyError::MalformedDate)?;
    if (now - signed_at).abs() > MAX_CLOCK_SKEW {
        return Err(VerifyError::StaleDate);
    }
    for required in ["host", "x-sdk-date"] {
        if !auth.signed_headers.iter().any(|n| n == required) {
            return Err(VerifyError::RequiredHeaderNotSigned);
        }
    }
    for name in &auth.signed_headers {
        if req.header(name).is_none() {
            return Err(VerifyError::MissingSignedHeader(name.clone()));
        }
    }
    let (path, raw_query) = req.target.split_once('?').unwrap_or((req.target, ""));
    let query = parse_query(raw_query);
    let parts = compute(
        sk,
        req.method,
        path,
        &query,
        req.headers,
        &auth.signed_headers,
        req.body,
    );
    if bool::from(parts.signature.as_bytes().ct_eq(auth.signature.as_bytes())) {
        Ok(())
    } else {
        Err(VerifyError::SignatureMismatch)
    }
}
