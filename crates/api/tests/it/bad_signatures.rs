//! Bad input to the signature parsers, as property tests: they take any text; a signed
//! request parses back to its parts and verifies; `verify` refuses anything else with
//! an error.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use pc_api::signing::{self, AuthorizationHeader, ReceivedRequest, VerifyError};
use pc_mock::seed::DEMO_PARTNERS;
use proptest::prelude::*;
use proptest::sample::select;

use pc_testkit::proptest_cases as cases;
use pc_testkit::strategies::RAW_TEXT;

// ------------------------------------------------------------------ signatures

/// `Authorization` values near the real shape, and anything.
fn auth_text() -> BoxedStrategy<String> {
    let item = (
        select(vec![
            "Access",
            "SignedHeaders",
            "Signature",
            "access",
            "",
            " Access ",
            "Other",
        ]),
        prop::option::of(prop_oneof![any::<String>(), "[a-z0-9;=-]{0,20}"]),
    )
        .prop_map(|(k, v)| match v {
            Some(v) => format!("{k}={v}"),
            None => k.to_string(),
        });
    prop_oneof![
        any::<String>(),
        (
            select(vec![
                "SDK-HMAC-SHA256 ",
                "SDK-HMAC-SHA256",
                " SDK-HMAC-SHA256  ",
                "sdk-hmac-sha256 ",
                "HMAC ",
            ]),
            prop::collection::vec(item, 0..5),
            select(vec![",", ", ", ",,", " ,"]),
        )
            .prop_map(|(alg, items, sep)| format!("{alg}{}", items.join(sep))),
    ]
    .boxed()
}

/// `X-Sdk-Date` values near the real shape, and anything.
fn date_text() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9]{8}T[0-9]{6}Z",
        "[0-9T Z:-]{0,20}",
        (-100_000_000_000i64..100_000_000_000i64).prop_map(|secs| {
            DateTime::<Utc>::from_timestamp(secs, 0)
                .map(|t| t.format(signing::DATE_FORMAT).to_string())
                .unwrap_or_default()
        }),
        any::<String>(),
    ]
    .boxed()
}

/// Header names the signer adds itself.
const RESERVED_HEADERS: [&str; 5] = [
    "host",
    "x-sdk-date",
    "authorization",
    "content-type",
    "x-sdk-content-sha256",
];

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn the_signature_parsers_take_any_text(
        text in any::<String>(),
        auth in auth_text(),
        date in date_text(),
        raw in prop_oneof![any::<String>(), RAW_TEXT],
    ) {
        let _ = signing::parse_authorization(&text);
        if let Ok(a) = signing::parse_authorization(&auth) {
            prop_assert!(!a.access.is_empty());
            prop_assert!(!a.signature.is_empty());
            prop_assert!(!a.signed_headers.is_empty());
        }
        let _ = signing::parse_date(&text);
        let _ = signing::parse_date(&date);
        let pairs = signing::parse_query(&raw);
        let _ = signing::canonical_query(&pairs);
        let _ = signing::parse_query(&text);
        let _ = signing::encode(text.as_bytes());
        prop_assert!(signing::canonical_uri(&text).ends_with('/'));
        prop_assert!(signing::canonical_uri(&raw).ends_with('/'));
    }

    #[test]
    fn a_canonical_query_parses_back(
        pairs in prop::collection::vec((any::<String>(), any::<String>()), 0..6),
    ) {
        let mut sorted = pairs.clone();
        sorted.sort();
        prop_assert_eq!(signing::parse_query(&signing::canonical_query(&pairs)), sorted);
    }

    #[test]
    fn a_signed_request_parses_back_and_verifies(
        ak in "[A-Za-z0-9][A-Za-z0-9_.=-]{0,39}",
        sk in any::<String>(),
        method in select(vec!["GET", "POST", "PUT", "DELETE", "patch"]),
        path in "/[^?]{0,40}",
        query in prop::collection::vec((any::<String>(), any::<String>()), 0..5),
        headers in prop::collection::vec(("[A-Za-z][A-Za-z0-9_-]{0,15}", any::<String>()), 0..4),
        json_body in any::<bool>(),
        body in any::<Vec<u8>>(),
        secs in 946_684_800i64..4_102_444_800,
    ) {
        let now = DateTime::<Utc>::from_timestamp(secs, 0).expect("a time in range");
        let content_type = if json_body { "application/json" } else { "text/plain" };
        let mut all = vec![("Content-Type".to_string(), content_type.to_string())];
        all.extend(
            headers
                .into_iter()
                .filter(|(n, _)| !RESERVED_HEADERS.iter().any(|r| n.eq_ignore_ascii_case(r))),
        );
        let signed = signing::sign_request(
            &ak, &sk, method, "127.0.0.1:8080", &path, &query, all, &body, now,
        );
        let value = signed
            .headers
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.clone())
            .expect("an Authorization header");
        prop_assert_eq!(&value, &signing::authorization(&ak, &signed.parts));
        let parsed = signing::parse_authorization(&value)
            .map_err(|e| TestCaseError::fail(format!("{value:?} does not parse: {e}")))?;
        prop_assert_eq!(&parsed.access, &ak);
        prop_assert_eq!(&parsed.signed_headers.join(";"), &signed.parts.signed_headers);
        prop_assert_eq!(&parsed.signature, &signed.parts.signature);
        let received = ReceivedRequest {
            method,
            target: &signed.request_target,
            headers: &signed.headers,
            body: &body,
        };
        prop_assert_eq!(signing::verify(&received, &parsed, &sk, now), Ok(()));
        let other = format!("{sk}!");
        prop_assert_eq!(
            signing::verify(&received, &parsed, &other, now),
            Err(VerifyError::SignatureMismatch)
        );
    }

    #[test]
    fn verify_refuses_what_was_not_signed(
        method in prop_oneof![select(vec!["GET", "POST", "put", ""]).prop_map(String::from), any::<String>()],
        target in prop_oneof![any::<String>(), "/[a-z/]{0,20}(\\?[a-z=&%0-9]{0,20})?"],
        headers in prop::collection::vec(
            (
                prop_oneof![
                    select(vec!["Host", "X-Sdk-Date", "Content-Type", "Authorization", "x-sdk-content-sha256"])
                        .prop_map(String::from),
                    "[A-Za-z-]{1,12}",
                ],
                any::<String>(),
            ),
            0..6,
        ),
        skew in prop::option::of(-2_000i64..2_000),
        auth in auth_text(),
        signed in prop::collection::vec(
            select(vec!["host", "x-sdk-date", "content-type", "authorization", "x-other", ""]).prop_map(String::from),
            0..5,
        ),
        signature in any::<String>(),
        sk in any::<String>(),
        body in any::<Vec<u8>>(),
    ) {
        let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let mut headers = headers;
        if let Some(skew) = skew {
            let date = (now + TimeDelta::seconds(skew)).format(signing::DATE_FORMAT).to_string();
            headers.push(("X-Sdk-Date".to_string(), date));
            headers.push(("Host".to_string(), "127.0.0.1:1".to_string()));
        }
        let received = ReceivedRequest {
            method: &method,
            target: &target,
            headers: &headers,
            body: &body,
        };
        if let Ok(a) = received.authorization() {
            prop_assert!(signing::verify(&received, &a, &sk, now).is_err());
        }
        let auth = signing::parse_authorization(&auth).unwrap_or_else(|_| AuthorizationHeader {
            access: DEMO_PARTNERS[0].ak.to_string(),
            signed_headers: signed,
            signature,
        });
        prop_assert!(signing::verify(&received, &auth, &sk, now).is_err());
    }
}
