//! Every vector in `tests/data/signing-vectors.json` (produced by the official Huawei SDK):
//! unit vectors check each intermediate value of our signer; sdk_e2e vectors must pass
//! our server-side verifier at the fixed clock and fail after any tampering.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

use base64_free::decode_base64;
use chrono::{TimeZone, Utc};
use pc_api::signing::{self, ReceivedRequest, VerifyError};
use serde_json::Value;

mod base64_free {
    /// Minimal standard-alphabet base64 decoder for the vector file's `body_base64`.
    pub fn decode_base64(s: &str) -> Vec<u8> {
        let val = |c: u8| -> u32 {
            match c {
                b'A'..=b'Z' => (c - b'A') as u32,
                b'a'..=b'z' => (c - b'a' + 26) as u32,
                b'0'..=b'9' => (c - b'0' + 52) as u32,
                b'+' => 62,
                b'/' => 63,
                _ => panic!("bad base64"),
            }
        };
        let bytes: Vec<u8> = s.bytes().filter(|c| *c != b'=').collect();
        let mut out = Vec::new();
        for chunk in bytes.chunks(4) {
            let mut n = 0u32;
            for (i, c) in chunk.iter().enumerate() {
                n |= val(*c) << (18 - 6 * i);
            }
            for i in 0..chunk.len().saturating_sub(1) {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }
}

fn vectors() -> Value {
    let text = include_str!("data/signing-vectors.json");
    serde_json::from_str(text).expect("vector file parses")
}

fn pairs(v: &Value) -> Vec<(String, String)> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p[0].as_str().unwrap().to_string(),
                p[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn fixed_now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 2, 3, 4, 5).unwrap()
}

#[test]
fn unit_vectors_match_every_field() {
    let all = vectors();
    let mut checked = 0;
    for v in all["vectors"].as_array().unwrap() {
        if v["kind"] != "unit" {
            continue;
        }
        let name = v["name"].as_str().unwrap();
        let input = &v["input"];
        let expected = &v["expected"];
        let headers: Vec<(String, String)> = input["headers"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect();
        let signed = signing::sign_request(
            input["ak"].as_str().unwrap(),
            input["sk"].as_str().unwrap(),
            input["method"].as_str().unwrap(),
            input["host"].as_str().unwrap(),
            input["path"].as_str().unwrap(),
            &pairs(&input["query_strings"]),
            headers,
            input["body"].as_str().unwrap().as_bytes(),
            fixed_now(),
        );
        let p = &signed.parts;
        for (field, ours) in [
            ("canonical_uri", &p.canonical_uri),
            ("canonical_query_string", &p.canonical_query_string),
            ("signed_headers", &p.signed_headers),
            ("hashed_payload", &p.hashed_payload),
            ("canonical_request", &p.canonical_request),
            ("string_to_sign", &p.string_to_sign),
            ("signature", &p.signature),
        ] {
            assert_eq!(ours, expected[field].as_str().unwrap(), "{name}: {field}");
        }
        let auth = signed
            .headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.as_str());
        assert_eq!(
            auth,
            expected["authorization"].as_str(),
            "{name}: authorization"
        );
        assert_eq!(
            signed.request_target,
            expected["request_target"].as_str().unwrap(),
            "{name}: request_target"
        );
        // The wire headers: same names in the same order; values compare trimmed.
        let want = pairs(&expected["wire_headers"]);
        let got: Vec<(String, String)> = signed
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), v.trim().to_string()))
            .collect();
        assert_eq!(got, want, "{name}: wire headers");
        checked += 1;
    }
    assert_eq!(checked, 10, "all unit vectors were checked");
}

struct E2e {
    name: String,
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    expected: Value,
}

fn e2e_vectors() -> Vec<E2e> {
    vectors()["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["kind"] == "sdk_e2e")
        .map(|v| {
            let input = &v["input"];
            let body = match input["body_base64"].as_str() {
                Some(b64) => decode_base64(b64),
                None => input["body"].as_str().unwrap_or("").as_bytes().to_vec(),
            };
            E2e {
                name: v["name"].as_str().unwrap().to_string(),
                method: input["method"].as_str().unwrap().to_string(),
                target: input["request_target"].as_str().unwrap().to_string(),
                headers: pairs(&input["wire_headers"]),
                body,
                expected: v["expected"].clone(),
            }
        })
        .collect()
}

fn check(
    v: &E2e,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<(), VerifyError> {
    check_at(v, method, target, headers, body, fixed_now())
}

fn check_at(
    _v: &E2e,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
    now: chrono::DateTime<Utc>,
) -> Result<(), VerifyError> {
    let req = ReceivedRequest {
        method,
        target,
        headers,
        body,
    };
    let auth = req.authorization()?;
    assert_eq!(auth.access, "HPUAEXAMPLEAK0000001");
    signing::verify(
        &req,
        &auth,
        "ExampleSecretKey0000000000000000000000001",
        now,
    )
}

#[test]
fn sdk_requests_are_accepted_at_the_fixed_clock() {
    let all = e2e_vectors();
    assert_eq!(all.len(), 5);
    for v in &all {
        assert_eq!(
            check(v, &v.method, &v.target, &v.headers, &v.body),
            Ok(()),
            "{}",
            v.name
        );
        // The intermediate values agree with the SDK's too.
        let (path, raw_query) = v.target.split_once('?').unwrap_or((&v.target, ""));
        assert_eq!(
            signing::canonical_uri(path),
            v.expected["canonical_uri"].as_str().unwrap()
        );
        assert_eq!(
            signing::canonical_query(&signing::parse_query(raw_query)),
            v.expected["canonical_query_string"].as_str().unwrap()
        );
        assert_eq!(
            signing::hashed_payload(
                &v.headers,
                &ReceivedRequest {
                    method: &v.method,
                    target: &v.target,
                    headers: &v.headers,
                    body: &v.body
                }
                .authorization()
                .unwrap()
                .signed_headers,
                &v.body
            ),
            v.expected["hashed_payload"].as_str().unwrap()
        );
    }
}

#[test]
fn sdk_requests_are_rejected_after_any_tampering() {
    for v in &e2e_vectors() {
        let n = &v.name;
        // Every signed header, changed.
        let auth = ReceivedRequest {
            method: &v.method,
            target: &v.target,
            headers: &v.headers,
            body: &v.body,
        }
        .authorization()
        .unwrap();
        for signed in &auth.signed_headers {
            let mut headers = v.headers.clone();
            for (name, value) in headers.iter_mut() {
                if name.eq_ignore_ascii_case(signed) {
                    if signed == "x-sdk-date" {
                        *value = "20250102T030406Z".into();
                    } else {
                        value.push('x');
                    }
                }
            }
            assert_eq!(
                check(v, &v.method, &v.target, &headers, &v.body),
                Err(VerifyError::SignatureMismatch),
                "{n}: changed {signed}"
            );
            // And removed.
            let without: Vec<_> = v
                .headers
                .iter()
                .filter(|(h, _)| !h.eq_ignore_ascii_case(signed))
                .cloned()
                .collect();
            assert!(
                check(v, &v.method, &v.target, &without, &v.body).is_err(),
                "{n}: removed {signed}"
            );
        }
        // Unsigned headers may change freely.
        let mut headers = v.headers.clone();
        for (name, value) in headers.iter_mut() {
            if name == "Accept" {
                *value = "text/plain".into();
            }
        }
        assert_eq!(
            check(v, &v.method, &v.target, &headers, &v.body),
            Ok(()),
            "{n}: unsigned header"
        );
        // The body.
        let mut body = v.body.clone();
        body.extend_from_slice(b" ");
        assert_eq!(
            check(v, &v.method, &v.target, &v.headers, &body),
            Err(VerifyError::SignatureMismatch),
            "{n}: body"
        );
        // The query.
        let target = if v.target.contains('?') {
            format!("{}&zz=1", v.target)
        } else {
            format!("{}?limit=1", v.target)
        };
        assert_ne!(target, v.target);
        assert_eq!(
            check(v, &v.method, &target, &v.headers, &v.body),
            Err(VerifyError::SignatureMismatch),
            "{n}: query"
        );
        // The path.
        let target = v.target.replacen("/v", "/w", 1);
        assert_eq!(
            check(v, &v.method, &target, &v.headers, &v.body),
            Err(VerifyError::SignatureMismatch),
            "{n}: path"
        );
        // The method.
        let method = if v.method == "GET" { "POST" } else { "GET" };
        assert_eq!(
            check(v, method, &v.target, &v.headers, &v.body),
            Err(VerifyError::SignatureMismatch),
            "{n}: method"
        );
        // The clock: 15 minutes either way is fine, beyond is stale.
        let at = |mins: i64| fixed_now() + chrono::TimeDelta::minutes(mins);
        assert_eq!(
            check_at(v, &v.method, &v.target, &v.headers, &v.body, at(15)),
            Ok(()),
            "{n}: +15min"
        );
        assert_eq!(
            check_at(v, &v.method, &v.target, &v.headers, &v.body, at(-15)),
            Ok(()),
            "{n}: -15min"
        );
        assert_eq!(
            check_at(v, &v.method, &v.target, &v.headers, &v.body, at(16)),
            Err(VerifyError::StaleDate),
            "{n}: +16min"
        );
        assert_eq!(
            check_at(v, &v.method, &v.target, &v.headers, &v.body, at(-16)),
            Err(VerifyError::StaleDate),
            "{n}: -16min"
        );
        // The wrong SK.
        let req = ReceivedRequest {
            method: &v.method,
            target: &v.target,
            headers: &v.headers,
            body: &v.body,
        };
        assert_eq!(
            signing::verify(
                &req,
                &auth,
                "ExampleSecretKey0000000000000000000000002",
                fixed_now()
            ),
            Err(VerifyError::SignatureMismatch)
        );
    }
}

#[test]
fn malformed_authorization_headers_are_rejected() {
    use signing::parse_authorization as parse;
    assert!(parse("SDK-HMAC-SHA256 Access=A, SignedHeaders=host;x-sdk-date, Signature=ab").is_ok());
    assert_eq!(
        parse("SDK-HMAC-SM3 Access=A, SignedHeaders=host, Signature=ab"),
        Err(VerifyError::UnsupportedAlgorithm)
    );
    assert_eq!(
        parse("V11-HMAC-SHA256 Credential=A/x"),
        Err(VerifyError::UnsupportedAlgorithm)
    );
    for bad in [
        "",
        "SDK-HMAC-SHA256",
        "SDK-HMAC-SHA256 Access=A",
        "SDK-HMAC-SHA256 Access=A, SignedHeaders=host",
        "SDK-HMAC-SHA256 Access=, SignedHeaders=host, Signature=ab",
        "SDK-HMAC-SHA256 Access=A, SignedHeaders=host, Signature=ab, Extra=1",
        "SDK-HMAC-SHA256 Access=A, Access=B, SignedHeaders=host, Signature=ab",
        "SDK-HMAC-SHA256 garbage",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn host_and_date_must_be_signed() {
    let v = &e2e_vectors()[0];
    let headers: Vec<(String, String)> = v
        .headers
        .iter()
        .map(|(n, val)| {
            if n == "Authorization" {
                (
                    n.clone(),
                    val.replace(
                        "SignedHeaders=content-type;host;",
                        "SignedHeaders=content-type;",
                    ),
                )
            } else {
                (n.clone(), val.clone())
            }
        })
        .collect();
    assert_eq!(
        check(v, &v.method, &v.target, &headers, &v.body),
        Err(VerifyError::RequiredHeaderNotSigned)
    );
}

#[test]
fn an_unsigned_content_sha_header_cannot_swap_the_body() {
    for v in e2e_vectors().iter().filter(|v| !v.body.is_empty()) {
        let mut headers = v.headers.clone();
        headers.push(("X-Sdk-Content-Sha256".into(), signing::sha256_hex(&v.body)));
        assert_eq!(
            check(v, &v.method, &v.target, &headers, &v.body),
            Ok(()),
            "{}: same body",
            v.name
        );
        let forged = br#"{"customer_id": "someone-else", "amount": 99999}"#;
        assert_eq!(
            check(v, &v.method, &v.target, &headers, forged),
            Err(VerifyError::SignatureMismatch),
            "{}: swapped body",
            v.name
        );
    }
}
