//! Bad input, as property tests: whatever a caller sends, nothing panics and nothing
//! answers 500.
//!
//! - Every mock endpoint with a body (BSS and Partner Center, POST and PUT) takes random
//!   bytes, random JSON built from its own field names, and valid bodies with one field
//!   spoiled, each signed as the distributor: the answer is a 2xx, or a 4xx whose body
//!   is CBC-style (`error_code` like `CBC.0100`, a non-empty `error_msg`).
//! - Every GET endpoint takes random query strings (its real keys with odd values, and
//!   raw strings with broken percent escapes): the same.
//! - The signature parsers take any text; a signed request parses back to its parts
//!   and verifies; `verify` refuses anything else with an error.
//! - The config loader takes any file and explains a refusal naming the file;
//!   `resolve` takes any file, profile, flags and environment.
//! - `update` takes any sequence of keys, mouse events, pastes, resizes, ticks and (late
//!   or stale) answers, and the view draws every resulting state at any size from 1×1
//!   to 300×100, at every colour depth, with and without ASCII borders.

use crate::common;

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pc_api::partner_center::{
    Agreement, Contract, Invitation, PREFIX, REQUEST_ID_HEADER, RechargeAccount, Scene,
    SetVerificationReq, VerificationSetting,
};
use pc_api::signing::{self, AuthorizationHeader, ReceivedRequest, VerifyError};
use pc_api::{
    AccountBalance, AdjustRecord, CustomerInfo, CustomerOrder, IndirectPartner, OP_ALLOCATE,
    ServiceType,
};
use pc_core::config;
use pc_core::terminal::ColorDepth;
use pc_mock::RunningMock;
use pc_mock::admin::OutboxMessage;
use pc_mock::domain::hex_id;
use pc_mock::seed::{self, DEMO_PARTNERS, PLATFORM_ID, Seed};
use pc_tui::app::{Health, Msg, PageData, Pane, Session, State, command, update};
use pc_tui::ui::view;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestRunner;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// `n` cases, no persistence file (the std-only proptest has none), bounded shrinking
/// (a minute at most: a failing case is reported either way).
fn cases(n: u32) -> ProptestConfig {
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        max_shrink_iters: 256,
        max_shrink_time: 60_000,
        ..ProptestConfig::default()
    }
}

// ------------------------------------------------------------------ the shared mock

/// One mock for every endpoint test, on one runtime that outlives them all.
struct Shared {
    rt: tokio::runtime::Runtime,
    addr: SocketAddr,
    http: reqwest::Client,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(4)
            .enable_all()
            .build()
            .expect("a runtime");
        let (addr, http) = rt.block_on(async {
            let m = common::start(Seed::Demo).await;
            codes_off(&m).await;
            let addr = m.addr;
            // Dropping the handle would stop the server: it serves as long as the
            // runtime lives, which is as long as the test process.
            std::mem::forget(m);
            (addr, reqwest::Client::new())
        });
        Shared { rt, addr, http }
    })
}

/// Turns the distributor's verification codes off, so that random Partner Center
/// writes reach their rules instead of stopping at "a code is needed".
async fn codes_off(m: &RunningMock) {
    let c = common::client(m, 0);
    let v = common::code_for(m, &c, Scene::VerificationOff, &[]).await;
    let req = SetVerificationReq {
        enabled: false,
        verification: Some(v),
    };
    c.set_verification(&req, &common::rid())
        .await
        .expect("verification codes off");
}

/// Ids of the demo seed, for path parameters and plausible values.
struct Ids {
    /// A reseller-type customer of the distributor (acme_robotics).
    customer: String,
    /// A referral-type customer of the distributor (jiguang_net).
    referral: String,
    reseller: String,
    contract: String,
    /// An unpaid instalment of `contract`.
    plan: String,
    quota: String,
    /// The distributor's valid payment agreement.
    agreement: String,
}

impl Ids {
    fn demo() -> Ids {
        let partner = seed::partner_id(DEMO_PARTNERS[0].account_name);
        let short = &partner[..6];
        let contract = format!("HT-{short}-0002").to_uppercase();
        Ids {
            customer: hex_id("customer|acme_robotics"),
            referral: hex_id("customer|jiguang_net"),
            reseller: seed::partner_id("yuntu_it"),
            plan: format!("{contract}-P03"),
            quota: format!("QUOTA-{short}-1").to_uppercase(),
            agreement: format!("AG-{short}-1").to_uppercase(),
            contract,
        }
    }

    /// Query values that mean something to some endpoint.
    fn plausible(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![
            self.customer.clone(),
            self.reseller.clone(),
            self.contract.clone(),
        ];
        out.extend(
            [
                "CS-DEMO-OK-1",
                "0",
                "1",
                "-1",
                "2",
                "6",
                "10",
                "100",
                "101",
                "active",
                "completed",
                "createTime",
                "-createTime",
                "oneself",
                "sub_customer",
                "2026-01-01T00:00:00Z",
                "2026-13-45T99:99:99Z",
                "hws.service.type.ec2",
                "hws.resource.type.vm",
                OP_ALLOCATE,
                "true",
                "NaN",
                "1e400",
            ]
            .map(String::from),
        );
        out
    }
}

/// A request as sent: its query, decoded pairs (signed and sent canonically) or a raw
/// string sent exactly as generated (signed over what the mock will decode from it).
#[derive(Debug, Clone)]
enum Query {
    Pairs(Vec<(String, String)>),
    Raw(String),
}

/// A request body; shown as text when a case fails.
#[derive(Clone)]
struct Body(Vec<u8>);

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// Sends one request signed as the distributor; status and body.
async fn send(s: &Shared, method: &str, path: &str, query: &Query, body: &[u8]) -> (u16, Vec<u8>) {
    let p = &DEMO_PARTNERS[0];
    let host = s.addr.to_string();
    let (pairs, raw) = match query {
        Query::Pairs(pairs) => (pairs.clone(), None),
        Query::Raw(raw) => (signing::parse_query(raw), Some(raw.as_str())),
    };
    let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
    if method != "GET" {
        // Partner Center writes need one; BSS writes become exactly-once with it.
        headers.push((
            REQUEST_ID_HEADER.to_string(),
            uuid::Uuid::new_v4().to_string(),
        ));
    }
    let signed = signing::sign_request(
        p.ak,
        p.sk,
        method,
        &host,
        path,
        &pairs,
        headers,
        body,
        Utc::now(),
    );
    let target = match raw {
        Some(raw) => format!("{path}?{raw}"),
        None => signed.request_target,
    };
    let mut req = s.http.request(
        reqwest::Method::from_bytes(method.as_bytes()).expect("a method"),
        format!("http://{host}{target}"),
    );
    for (k, v) in &signed.headers {
        req = req.header(k.as_str(), v.as_str());
    }
    let resp = req
        .body(body.to_vec())
        .send()
        .await
        .expect("the mock answers");
    let status = resp.status().as_u16();
    let bytes = resp.bytes().await.expect("an answer body").to_vec();
    (status, bytes)
}

/// A 2xx, or a 4xx with a CBC-style error body; never a 5xx, never a signature refusal
/// (that would mean the test sent something other than what it signed).
fn check(what: &str, status: u16, answer: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(answer);
    prop_assert!(
        status != 401,
        "{what}: the signature was refused, so the test did not send what it signed: {text}"
    );
    prop_assert!(status < 500, "{what}: answered {status}: {text}");
    prop_assert!(
        (200..300).contains(&status) || (400..500).contains(&status),
        "{what}: answered {status}: {text}"
    );
    if status >= 400 {
        let body: Value = serde_json::from_slice(answer).map_err(|e| {
            TestCaseError::fail(format!(
                "{what}: {status} with a body that is not JSON ({e}): {text}"
            ))
        })?;
        let code = body
            .get("error_code")
            .and_then(Value::as_str)
            .unwrap_or_default();
        prop_assert!(
            code.contains('.'),
            "{what}: {status} without a CBC-style error_code: {text}"
        );
        let msg = body
            .get("error_msg")
            .and_then(Value::as_str)
            .unwrap_or_default();
        prop_assert!(
            !msg.trim().is_empty(),
            "{what}: {status} without an error_msg: {text}"
        );
    }
    Ok(())
}

// ------------------------------------------------------------------ random JSON

const ODD_NUMBERS: &[&str] = &[
    "1e400",
    "-1e400",
    "1e-400",
    "0.000000000000000000000000000001",
    "99999999999999999999999999999999999",
    "-99999999999999999999",
    "18446744073709551616",
    "9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "-0",
    "-0.0",
    "0.001",
    "1.005",
    "123456789012345678901234567890.123",
];

const ODD_STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "1e400",
    "true",
    "null",
    "NaN",
    "CS-DEMO-OK-1",
    "balance",
    "credit",
    "sms",
    "email",
    "pay_orders",
    "1",
    "2",
    "-5",
    "0086",
    "13800000001",
    "2026-01-01T00:00:00Z",
    "2026-02-30T25:61:61Z",
    "9999-12-31T23:59:59Z",
    "../../etc/passwd",
    "' OR 1=1 --",
    "%00",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "𝕏",
    "华信云科技有限公司",
    "a\nb",
];

/// Numbers as JSON text: huge, tiny, negative, fractional, with exponents.
fn number_text() -> BoxedStrategy<String> {
    prop_oneof![
        select(ODD_NUMBERS.to_vec()).prop_map(String::from),
        "-?(0|[1-9][0-9]{0,39})(\\.[0-9]{1,30})?([eE][+-]?[0-9]{1,3})?",
    ]
    .boxed()
}

/// A JSON number exactly as written (serde_json keeps it verbatim with
/// `arbitrary_precision`).
fn number(text: &str) -> Value {
    text.parse::<serde_json::Number>()
        .map_or(Value::Null, Value::Number)
}

fn json_string() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(ODD_STRINGS.to_vec()).prop_map(String::from),
        3 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..40)
            .prop_map(|cs| cs.into_iter().collect::<String>()),
        1 => (any::<char>(), 1000usize..5000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
    .boxed()
}

/// Any JSON value whose object keys come from `keys`.
fn json_value(keys: BoxedStrategy<String>) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        number_text().prop_map(|t| number(&t)),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Mostly the request type's own field names, sometimes anything.
fn key_strategy(fields: &'static [&'static str]) -> BoxedStrategy<String> {
    let mut known: Vec<&'static str> = fields.to_vec();
    known.extend(["verification", "challenge_id", "code"]);
    prop_oneof![
        4 => select(known).prop_map(String::from),
        1 => "[a-z_]{1,16}",
        1 => any::<String>(),
    ]
    .boxed()
}

/// A value of the wrong type or out of range, for one field of a valid body.
fn wrong_value() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number_text().prop_map(|t| number(&t)),
        any::<i64>().prop_map(Value::from),
        json_string().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!([1, "a", null])),
        Just(json!({"nested": {"deeper": [true]}})),
    ]
    .boxed()
}

/// How a valid body is spoiled.
#[derive(Debug, Clone)]
enum Mutation {
    /// One field (at any depth) gets a wrong value.
    Replace(Index, Value),
    /// One field (at any depth) is left out.
    Remove(Index),
    /// An unknown field is added.
    Unknown(String, Value),
    /// A top-level field appears twice, the second time with a wrong value.
    Duplicate(Index, Value),
    /// The text is cut short.
    Truncate(Index),
    /// The body is wrapped: in an array, in a string, in an object, or doubled.
    Wrap(u8),
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        6 => (any::<Index>(), wrong_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        2 => any::<Index>().prop_map(Mutation::Remove),
        1 => ("[a-z_]{1,12}", wrong_value()).prop_map(|(k, v)| Mutation::Unknown(k, v)),
        1 => (any::<Index>(), wrong_value()).prop_map(|(i, v)| Mutation::Duplicate(i, v)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (0u8..4).prop_map(Mutation::Wrap),
    ]
    .boxed()
}

/// JSON pointers of every node below the root.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

fn insert(v: &mut Value, key: &str, value: Value) {
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_string(), value);
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return;
    };
    match v.pointer_mut(parent) {
        Some(Value::Object(o)) => {
            o.remove(last);
        }
        Some(Value::Array(a)) => {
            if let Ok(i) = last.parse::<usize>()
                && i < a.len()
            {
                a.remove(i);
            }
        }
        _ => {}
    }
}

/// The valid body spoiled by `m`, as sent.
fn mutate(valid: &Value, m: &Mutation) -> Vec<u8> {
    let mut at = Vec::new();
    pointers(valid, "", &mut at);
    let pick = |i: &Index| (!at.is_empty()).then(|| at[i.index(at.len())].clone());
    let text = valid.to_string();
    let mut v = valid.clone();
    match m {
        Mutation::Replace(i, wrong) => match pick(i) {
            Some(p) => {
                if let Some(slot) = v.pointer_mut(&p) {
                    *slot = wrong.clone();
                }
            }
            None => insert(&mut v, "verification", wrong.clone()),
        },
        Mutation::Remove(i) => {
            if let Some(p) = pick(i) {
                remove(&mut v, &p);
            }
        }
        Mutation::Unknown(key, wrong) => insert(&mut v, key, wrong.clone()),
        Mutation::Duplicate(i, wrong) => {
            let keys: Vec<&String> = valid
                .as_object()
                .map(|o| o.keys().collect())
                .unwrap_or_default();
            if let Some(open) = text.strip_suffix('}')
                && !keys.is_empty()
            {
                let key = Value::String(keys[i.index(keys.len())].clone());
                return format!("{open},{key}:{wrong}}}").into_bytes();
            }
            insert(&mut v, "verification", wrong.clone());
        }
        Mutation::Truncate(i) => {
            let cut = i.index(text.len() + 1);
            return text.as_bytes()[..cut].to_vec();
        }
        Mutation::Wrap(how) => {
            return match how {
                0 => json!([valid]).to_string(),
                1 => Value::String(text).to_string(),
                2 => json!({ "data": valid }).to_string(),
                _ => format!("{text}{text}"),
            }
            .into_bytes();
        }
    }
    v.to_string().into_bytes()
}

// ------------------------------------------------------------------ the routes

/// A route with a body: its valid body and the field names of its request type (nested
/// ones too).
struct Route {
    method: &'static str,
    path: String,
    fields: &'static [&'static str],
    valid: Value,
}

fn route(
    method: &'static str,
    path: impl Into<String>,
    fields: &'static [&'static str],
    valid: Value,
) -> Route {
    Route {
        method,
        path: path.into(),
        fields,
        valid,
    }
}

const NO_FIELDS: &[&str] = &[];
const CREATE_CUSTOMER: &[&str] = &[
    "xaccount_id",
    "xaccount_type",
    "domain_name",
    "mobile_phone",
    "verification_code",
    "password",
    "is_close_market_ms",
    "cooperation_type",
    "indirect_partner_id",
    "include_association_result",
    "domain_area",
    "email",
];
const LIST_CUSTOMERS: &[&str] = &[
    "account_name",
    "customer",
    "offset",
    "limit",
    "label",
    "association_type",
    "associated_on_begin",
    "associated_on_end",
    "customer_id",
    "indirect_partner_id",
];
const CHECK_IDENTITY: &[&str] = &["search_type", "search_value"];
const SEND_CODE: &[&str] = &[
    "receiver_type",
    "timeout",
    "mobile_phone",
    "email",
    "lang",
    "scene",
    "customer_id",
];
const PERSONAL: &[&str] = &[
    "customer_id",
    "identify_type",
    "verified_type",
    "verified_file_url",
    "name",
    "verified_number",
    "change_type",
    "xaccount_type",
    "bank_card_info",
    "bank_account",
    "areacode",
    "mobile",
    "verification_code",
];
const ENTERPRISE: &[&str] = &[
    "customer_id",
    "identify_type",
    "certificate_type",
    "verified_file_url",
    "corp_name",
    "verified_number",
    "reg_country",
    "reg_address",
    "xaccount_type",
    "enterprise_person",
    "legel_name",
    "legel_id_number",
    "certifier_role",
];
const LIST_RESELLERS: &[&str] = &[
    "account_name",
    "associated_on_begin",
    "associated_on_end",
    "offset",
    "limit",
    "indirect_partner_id",
];
const RESELLER_AMOUNT: &[&str] = &["indirect_partner_id", "amount"];
const CUSTOMER_AMOUNT: &[&str] = &["customer_id", "amount", "indirect_partner_id"];
const CUSTOMER_BALANCES: &[&str] = &["customer_infos", "customer_id", "indirect_partner_id"];
const ON_DEMAND: &[&str] = &[
    "project_id",
    "inquiry_precision",
    "product_infos",
    "id",
    "cloud_service_type",
    "resource_type",
    "resource_spec",
    "region",
    "available_zone",
    "resource_size",
    "size_measure_id",
    "usage_factor",
    "usage_value",
    "usage_measure_id",
    "subscription_num",
];
const PERIOD: &[&str] = &[
    "project_id",
    "product_infos",
    "id",
    "cloud_service_type",
    "resource_type",
    "resource_spec",
    "region",
    "available_zone",
    "resource_size",
    "size_measure_id",
    "period_type",
    "period_num",
    "subscription_num",
    "fee_installment_mode",
];
const QUOTAS: &[&str] = &[
    "quota_ids",
    "quota_status_list",
    "quota_type",
    "create_time_begin",
    "create_time_end",
    "effective_time_begin",
    "effective_time_end",
    "expire_time_begin",
    "expire_time_end",
    "offset",
    "limit",
    "indirect_partner_id",
];
const ISSUE_COUPONS: &[&str] = &[
    "quota_id",
    "customer_ids",
    "face_value",
    "valid_time",
    "expire_time",
    "cloud_service_types",
    "product_ids",
    "memo",
    "indirect_partner_id",
];
const RECLAIM_COUPON: &[&str] = &["coupon_id", "indirect_partner_id"];

const VERIFICATION: &[&str] = &["verification", "challenge_id", "code"];
const CHALLENGE: &[&str] = &["scene", "channel", "target"];
const PAY_ORDERS: &[&str] = &[
    "order_ids",
    "payment_method",
    "verification",
    "challenge_id",
    "code",
];
const REJECT: &[&str] = &["reason"];
const ADJUST_PRICE: &[&str] = &["unit_price", "verification", "challenge_id", "code"];
const TRANSFER: &[&str] = &["amount", "verification", "challenge_id", "code"];
const ISSUE_COUPON: &[&str] = &[
    "quota_id",
    "customer_ids",
    "face_value",
    "verification",
    "challenge_id",
    "code",
];
const PROFILE_CHANGE: &[&str] = &["value", "verification", "challenge_id", "code"];
const AGREEMENT: &[&str] = &["name"];
const SWITCH: &[&str] = &["reason", "verification", "challenge_id", "code"];
const SETTING: &[&str] = &["enabled", "verification", "challenge_id", "code"];

/// Every BSS route with a body (src/mock/bss.rs).
fn bss_writes(ids: &Ids) -> Vec<Route> {
    let demand_product = json!({
        "id": "1",
        "cloud_service_type": "hws.service.type.ec2",
        "resource_type": "hws.resource.type.vm",
        "resource_spec": "s6.large.2.linux",
        "region": "cn-north-4",
        "usage_factor": "Duration",
        "usage_value": 10,
        "usage_measure_id": 4,
        "subscription_num": 2
    });
    let period_product = json!({
        "id": "1",
        "cloud_service_type": "hws.service.type.ec2",
        "resource_type": "hws.resource.type.vm",
        "resource_spec": "s6.small.1.linux",
        "region": "cn-north-4",
        "period_type": 2,
        "period_num": 3,
        "subscription_num": 1
    });
    vec![
        route(
            "POST",
            "/v2/partners/sub-customers",
            CREATE_CUSTOMER,
            json!({
                "xaccount_id": "x-fuzz-0001",
                "xaccount_type": PLATFORM_ID,
                "domain_name": "fuzz_customer_0001",
                "mobile_phone": "13800138000",
                "verification_code": "123456",
                "password": "Fuzz-pass-2026",
                "include_association_result": true
            }),
        ),
        route(
            "POST",
            "/v2/partners/sub-customers/query",
            LIST_CUSTOMERS,
            json!({"offset": 0, "limit": 10, "association_type": "2", "account_name": "acme"}),
        ),
        route(
            "POST",
            "/v2/partners/sub-customers/users/check-identity",
            CHECK_IDENTITY,
            json!({"search_type": "mobile", "search_value": "13800000001"}),
        ),
        route(
            "POST",
            "/v2/bases/verificationcode/send",
            SEND_CODE,
            json!({"receiver_type": 1, "mobile_phone": "13800138000", "scene": 29, "lang": "zh-cn"}),
        ),
        route(
            "POST",
            "/v2/customers/realname-auths/individual",
            PERSONAL,
            json!({
                "customer_id": ids.customer,
                "identify_type": 0,
                "verified_type": 3,
                "verified_file_url": ["passport/info.jpg", "passport/stamp.jpg", "passport/hand.jpg"],
                "name": "Sarah O'Connor",
                "verified_number": "E12345678",
                "change_type": -1,
                "xaccount_type": PLATFORM_ID
            }),
        ),
        route(
            "POST",
            "/v2/customers/realname-auths/individual",
            PERSONAL,
            json!({
                "customer_id": ids.customer,
                "identify_type": 4,
                "name": "张伟",
                "verified_number": "11010519491231002X",
                "change_type": -1,
                "xaccount_type": PLATFORM_ID,
                "bank_card_info": {
                    "bank_account": "6222020200112233445",
                    "areacode": "0086",
                    "mobile": "13912345678",
                    "verification_code": "123456"
                }
            }),
        ),
        route(
            "POST",
            "/v2/customers/realname-auths/enterprise",
            ENTERPRISE,
            json!({
                "customer_id": ids.referral,
                "identify_type": 1,
                "certificate_type": 0,
                "verified_file_url": ["licence.pdf", "legal/front.png", "legal/back.png"],
                "corp_name": "杭州极光网络科技有限公司",
                "verified_number": "91350100M000100Y43",
                "reg_country": "CN",
                "reg_address": "杭州市西湖区",
                "xaccount_type": PLATFORM_ID,
                "enterprise_person": {
                    "legel_name": "王芳",
                    "legel_id_number": "11010519491231002X",
                    "certifier_role": "legalPerson"
                }
            }),
        ),
        route(
            "POST",
            "/v2/partners/indirect-partners/query",
            LIST_RESELLERS,
            json!({"offset": 0, "limit": 10}),
        ),
        route(
            "POST",
            "/v2/accounts/partner-accounts/indirect-partner-adjust",
            RESELLER_AMOUNT,
            json!({"indirect_partner_id": ids.reseller, "amount": 1.5}),
        ),
        route(
            "POST",
            "/v2/accounts/partner-accounts/indirect-partner-reclaim",
            RESELLER_AMOUNT,
            json!({"indirect_partner_id": ids.reseller, "amount": 1}),
        ),
        route(
            "POST",
            "/v2/accounts/partner-accounts/adjust-amount",
            CUSTOMER_AMOUNT,
            json!({"customer_id": ids.customer, "amount": 2}),
        ),
        route(
            "POST",
            "/v2/accounts/partner-accounts/reclaim",
            CUSTOMER_AMOUNT,
            json!({"customer_id": ids.customer, "amount": 1}),
        ),
        route(
            "POST",
            "/v2/accounts/customer-accounts/balances/batch-query",
            CUSTOMER_BALANCES,
            json!({"customer_infos": [{"customer_id": ids.customer}]}),
        ),
        route(
            "POST",
            "/v2/bills/ratings/on-demand-resources",
            ON_DEMAND,
            json!({"project_id": "p1", "product_infos": [demand_product]}),
        ),
        route(
            "POST",
            "/v2/bills/ratings/period-resources/subscribe-rate",
            PERIOD,
            json!({"project_id": "p1", "product_infos": [period_product]}),
        ),
        route(
            "POST",
            "/v2/partners/coupon-quotas/query",
            QUOTAS,
            json!({"offset": 0, "limit": 10, "quota_type": 0}),
        ),
        route(
            "POST",
            "/v2/promotions/benefits/partner-coupons",
            ISSUE_COUPONS,
            json!({"quota_id": ids.quota, "customer_ids": [ids.customer], "face_value": 10}),
        ),
        route(
            "POST",
            "/v2/promotions/benefits/partner-coupons/reclaim",
            RECLAIM_COUPON,
            json!({"coupon_id": "CP-FUZZ-0001"}),
        ),
    ]
}

/// Every Partner Center route with a body (src/mock/partner_center.rs). The setting is
/// last: a random body may turn the codes back on, which would stop the others early.
fn partner_center_writes(ids: &Ids) -> Vec<Route> {
    let p = PREFIX;
    let mut out = vec![
        route(
            "POST",
            format!("{p}/contracts/{}/plans/{}/pay", ids.contract, ids.plan),
            VERIFICATION,
            json!({}),
        ),
        route(
            "POST",
            format!("{p}/verification/challenges"),
            CHALLENGE,
            json!({"scene": "pay_orders", "channel": "sms", "target": ["balance", "CS-DEMO-OK-1"]}),
        ),
        route(
            "POST",
            format!("{p}/orders/pay"),
            PAY_ORDERS,
            json!({"order_ids": ["CS-DEMO-OK-2"], "payment_method": "balance"}),
        ),
        route(
            "POST",
            format!("{p}/orders/CS-DEMO-OK-3/reject"),
            REJECT,
            json!({"reason": "fuzz"}),
        ),
        route(
            "POST",
            format!("{p}/orders/CS-DEMO-OK-4/adjust-price"),
            ADJUST_PRICE,
            json!({"unit_price": 1}),
        ),
    ];
    for (kind, id) in [("resellers", &ids.reseller), ("customers", &ids.customer)] {
        for action in ["allocate", "recall"] {
            out.push(route(
                "POST",
                format!("{p}/{kind}/{id}/{action}"),
                TRANSFER,
                json!({"amount": 1}),
            ));
        }
    }
    out.extend([
        route(
            "POST",
            format!("{p}/coupons"),
            ISSUE_COUPON,
            json!({"quota_id": ids.quota, "customer_ids": [ids.customer], "face_value": 10}),
        ),
        route(
            "POST",
            format!("{p}/coupons/CP-FUZZ-0001/reclaim"),
            VERIFICATION,
            json!({}),
        ),
        route(
            "POST",
            format!("{p}/profile/phone"),
            PROFILE_CHANGE,
            json!({"value": "13800138001"}),
        ),
        route(
            "POST",
            format!("{p}/profile/email"),
            PROFILE_CHANGE,
            json!({"value": "fuzz@example.com"}),
        ),
        route(
            "POST",
            format!("{p}/profile/password"),
            PROFILE_CHANGE,
            json!({"value": "Fuzz-pass-2026!"}),
        ),
        route(
            "POST",
            format!("{p}/recharge/account/sms"),
            NO_FIELDS,
            json!({}),
        ),
        route(
            "POST",
            format!("{p}/agreements"),
            AGREEMENT,
            json!({"name": "代付协议 fuzz"}),
        ),
        route(
            "POST",
            format!("{p}/agreements/{}/void", ids.agreement),
            NO_FIELDS,
            json!({}),
        ),
        route(
            "POST",
            format!("{p}/customers/{}/association/switch", ids.referral),
            SWITCH,
            json!({"reason": "fuzz"}),
        ),
        route(
            "PUT",
            format!("{p}/verification/setting"),
            SETTING,
            json!({"enabled": false}),
        ),
    ]);
    out
}

const REALNAME_Q: &[&str] = &["customer_id"];
const ADJUST_RECORDS_Q: &[&str] = &[
    "customer_id",
    "operation_type",
    "operation_time_begin",
    "operation_time_end",
    "trans_id",
    "offset",
    "limit",
    "indirect_partner_id",
];
const BALANCES_Q: &[&str] = &["indirect_partner_id"];
const ORDERS_Q: &[&str] = &[
    "order_id",
    "customer_id",
    "create_time_begin",
    "create_time_end",
    "service_type_code",
    "status",
    "order_type",
    "limit",
    "offset",
    "order_by",
    "payment_time_begin",
    "payment_time_end",
    "indirect_partner_id",
    "method",
];
const ORDER_DETAILS_Q: &[&str] = &["limit", "offset", "indirect_partner_id"];
const CATALOG_Q: &[&str] = &[
    "limit",
    "offset",
    "service_type_name",
    "service_type_code",
    "resource_type_code",
];
const ISSUED_COUPONS_Q: &[&str] = &[
    "coupon_id",
    "customer_id",
    "order_id",
    "coupon_type",
    "status",
    "create_time_begin",
    "create_time_end",
    "effective_time_begin",
    "effective_time_end",
    "expire_time_begin",
    "expire_time_end",
    "offset",
    "limit",
    "indirect_partner_id",
];
const CONTRACTS_Q: &[&str] = &["customer_id", "status", "offset", "limit"];
const SPECS_Q: &[&str] = &["service_type_code"];
/// Keys tried on every GET, whether it reads them or not.
const COMMON_QUERY_KEYS: [&str; 6] = [
    "offset",
    "limit",
    "status",
    "customer_id",
    "order_id",
    "indirect_partner_id",
];

/// A GET route and the keys of its query type.
struct Get {
    path: String,
    fields: &'static [&'static str],
}

fn get(path: impl Into<String>, fields: &'static [&'static str]) -> Get {
    Get {
        path: path.into(),
        fields,
    }
}

/// Every BSS GET route (src/mock/bss.rs).
fn bss_reads() -> Vec<Get> {
    vec![
        get("/v2/customers/realname-auths/result", REALNAME_Q),
        get(
            "/v3/accounts/partner-accounts/adjust-records",
            ADJUST_RECORDS_Q,
        ),
        get("/v2/accounts/partner-accounts/balances", BALANCES_Q),
        get("/v2/orders/customer-orders", ORDERS_Q),
        get(
            "/v2/orders/customer-orders/details/CS-DEMO-OK-1",
            ORDER_DETAILS_Q,
        ),
        get("/v2/products/service-types", CATALOG_Q),
        get("/v2/products/resource-types", CATALOG_Q),
        get("/v2/products/service-resources", CATALOG_Q),
        get("/v2/products/usage-types", CATALOG_Q),
        get("/v2/bases/measurements", NO_FIELDS),
        get("/v2/promotions/benefits/partner-coupons", ISSUED_COUPONS_Q),
    ]
}

/// Every Partner Center GET route (src/mock/partner_center.rs).
fn partner_center_reads(ids: &Ids) -> Vec<Get> {
    let p = PREFIX;
    vec![
        get(format!("{p}/capabilities"), NO_FIELDS),
        get(format!("{p}/contracts"), CONTRACTS_Q),
        get(format!("{p}/contracts/{}", ids.contract), NO_FIELDS),
        get(format!("{p}/contracts/{}/bill", ids.contract), NO_FIELDS),
        get(format!("{p}/verification/setting"), NO_FIELDS),
        get(format!("{p}/orders/CS-DEMO-OK-5/pricing"), NO_FIELDS),
        get(format!("{p}/requests/{}", uuid::Uuid::new_v4()), NO_FIELDS),
        get(format!("{p}/invitation"), NO_FIELDS),
        get(format!("{p}/profile"), NO_FIELDS),
        get(format!("{p}/recharge/account"), NO_FIELDS),
        get(format!("{p}/recharge/proof"), NO_FIELDS),
        get(format!("{p}/agreements"), NO_FIELDS),
        get(
            format!("{p}/customers/{}/association", ids.customer),
            NO_FIELDS,
        ),
        get(format!("{p}/association-switches"), NO_FIELDS),
        get(format!("{p}/catalog/specs"), SPECS_Q),
    ]
}

// ------------------------------------------------------------------ bodies

/// Random bytes, random JSON over the route's field names, and its valid body spoiled.
fn body_strategy(route: &Route) -> BoxedStrategy<Body> {
    let keys = key_strategy(route.fields);
    let valid = route.valid.clone();
    prop_oneof![
        1 => any::<Vec<u8>>().prop_map(Body),
        1 => json_value(keys.clone()).prop_map(|v| Body(v.to_string().into_bytes())),
        3 => prop::collection::vec((keys.clone(), json_value(keys)), 0..8)
            .prop_map(|kv| Body(Value::Object(kv.into_iter().collect()).to_string().into_bytes())),
        4 => mutation().prop_map(move |m| Body(mutate(&valid, &m))),
    ]
    .boxed()
}

fn fuzz_bodies(routes: &[Route]) {
    let s = shared();
    for route in routes {
        let what = format!("{} {}", route.method, route.path);
        let strategy = body_strategy(route);
        let mut runner = TestRunner::new(cases(48));
        let result = runner.run(&strategy, |body| {
            let (status, answer) = s.rt.block_on(send(
                s,
                route.method,
                &route.path,
                &Query::Pairs(vec![]),
                &body.0,
            ));
            check(&what, status, &answer)
        });
        if let Err(e) = result {
            panic!("{what}: {e}");
        }
    }
}

#[test]
fn bss_bodies_get_a_2xx_or_a_cbc_400() {
    fuzz_bodies(&bss_writes(&Ids::demo()));
}

#[test]
fn partner_center_bodies_get_a_2xx_or_a_cbc_400() {
    fuzz_bodies(&partner_center_writes(&Ids::demo()));
}

// ------------------------------------------------------------------ queries

/// Characters a raw query may hold that no HTTP layer re-encodes, with broken escapes.
const RAW_TEXT: &str = "(%[0-9A-Fa-f]{2}|%[G-Zg-z]{1,2}|%|[A-Za-z0-9_.~+:/?@!$()*,;=-]){0,24}";

fn query_value(plausible: Vec<String>) -> BoxedStrategy<String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "-?[0-9]{1,40}",
        "-?[0-9]{1,6}\\.[0-9]{1,6}",
        select(plausible),
        any::<String>(),
        "(%[0-9A-Za-z]{0,2}){1,4}",
        Just(String::new()),
    ]
    .boxed()
}

fn query_strategy(fields: &'static [&'static str], plausible: Vec<String>) -> BoxedStrategy<Query> {
    let mut known: Vec<&'static str> = fields.to_vec();
    known.extend(COMMON_QUERY_KEYS);
    let key = prop_oneof![
        5 => select(known.clone()).prop_map(String::from),
        1 => "[a-z_]{1,12}",
        1 => any::<String>(),
    ];
    let pairs = prop::collection::vec((key, query_value(plausible)), 0..6).prop_map(Query::Pairs);
    let raw_key = prop_oneof![
        3 => select(known).prop_map(String::from),
        1 => RAW_TEXT,
    ];
    let item = (raw_key, prop::option::of(RAW_TEXT)).prop_map(|(k, v)| match v {
        Some(v) => format!("{k}={v}"),
        None => k,
    });
    let raw = prop::collection::vec(item, 0..6).prop_map(|items| Query::Raw(items.join("&")));
    prop_oneof![3 => pairs, 2 => raw].boxed()
}

fn fuzz_queries(routes: &[Get], plausible: &[String]) {
    let s = shared();
    for route in routes {
        let what = format!("GET {}", route.path);
        let strategy = query_strategy(route.fields, plausible.to_vec());
        let mut runner = TestRunner::new(cases(48));
        let result = runner.run(&strategy, |query| {
            let (status, answer) = s.rt.block_on(send(s, "GET", &route.path, &query, b""));
            check(&what, status, &answer)
        });
        if let Err(e) = result {
            panic!("{what}: {e}");
        }
    }
}

#[test]
fn bss_queries_get_a_2xx_or_a_cbc_400() {
    let ids = Ids::demo();
    fuzz_queries(&bss_reads(), &ids.plausible());
}

#[test]
fn partner_center_queries_get_a_2xx_or_a_cbc_400() {
    let ids = Ids::demo();
    fuzz_queries(&partner_center_reads(&ids), &ids.plausible());
}

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

// ------------------------------------------------------------------ config

/// A config file in its own temporary directory, removed on drop.
struct TempConfig {
    dir: PathBuf,
    path: PathBuf,
}

impl TempConfig {
    /// `loose`: readable by others (refused when it holds an SK).
    fn new(content: &[u8], loose: bool) -> TempConfig {
        let dir =
            std::env::temp_dir().join(format!("pc-bad-input-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("config.toml");
        std::fs::write(&path, content).expect("the config file is written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = if loose { 0o644 } else { 0o600 };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        #[cfg(not(unix))]
        let _ = loose;
        TempConfig { dir, path }
    }
}

impl Drop for TempConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const TOP_KEYS: [&str; 3] = ["default_profile", "refresh_interval_secs", "log_level"];
const PROFILE_KEYS: [&str; 6] = [
    "endpoint",
    "ak",
    "sk",
    "read_only",
    "partner_center",
    "platform_id",
];

/// A valid file, one line of which gets spoiled.
const VALID_CONFIG: [&str; 10] = [
    "default_profile = \"p\"",
    "refresh_interval_secs = 30",
    "log_level = \"info\"",
    "[profiles.p]",
    "endpoint = \"http://127.0.0.1:1\"",
    "ak = \"AK\"",
    "sk = \"SK\"",
    "read_only = false",
    "partner_center = true",
    "platform_id = \"partner_console_demo\"",
];

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML value of any type, or no valid value at all.
fn toml_value() -> BoxedStrategy<String> {
    prop_oneof![
        json_string().prop_map(|s| toml_string(&s)),
        any::<i64>().prop_map(|n| n.to_string()),
        select(vec![
            "0",
            "1",
            "2",
            "3600",
            "3601",
            "-1",
            "99999999999999999999",
            "1.5",
            "-0.0",
            "inf",
            "nan",
            "+inf",
            "true",
            "false",
            "1979-05-27T07:32:00Z",
            "1979-05-27",
            "07:32:00",
            "[]",
            "[1, \"a\"]",
            "{ a = 1 }",
            "{}",
            "\"\"",
            "''",
            "'''x'''",
            "\"\"\"multi\nline\"\"\"",
            "\"unterminated",
            "[",
            "=",
            "\"debug\"",
            "\"loud\"",
            "\"http://127.0.0.1:1\"",
        ])
        .prop_map(String::from),
    ]
    .boxed()
}

/// One line of a config file: a real key with any value, a profile section, odd
/// structure, or anything.
fn toml_line() -> BoxedStrategy<String> {
    let mut keys: Vec<&'static str> = TOP_KEYS.to_vec();
    keys.extend(PROFILE_KEYS);
    let key = prop_oneof![
        4 => select(keys).prop_map(String::from),
        1 => "[a-z_]{1,10}",
    ];
    let name = prop_oneof!["[a-z]{1,8}", any::<String>().prop_map(|s| toml_string(&s)),];
    prop_oneof![
        6 => (key, toml_value()).prop_map(|(k, v)| format!("{k} = {v}")),
        2 => name.prop_map(|n| format!("[profiles.{n}]")),
        1 => select(vec![
            "[profiles]",
            "profiles = 3",
            "[[profiles]]",
            "[profiles.a.b]",
            "profiles.x.ak = \"A\"",
            "[default_profile]",
            "# comment",
            "",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ]
    .boxed()
}

fn near_valid_config(at: &Index, value: &str) -> String {
    let spoiled = at.index(VALID_CONFIG.len());
    VALID_CONFIG
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if i != spoiled {
                return line.to_string();
            }
            match line.split_once(" = ") {
                Some((key, _)) => format!("{key} = {value}"),
                None => format!("[profiles.{value}]"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn config_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        1 => any::<Vec<u8>>(),
        2 => any::<String>().prop_map(String::into_bytes),
        4 => prop::collection::vec(toml_line(), 0..14).prop_map(|lines| lines.join("\n").into_bytes()),
        4 => (any::<Index>(), toml_value()).prop_map(|(at, v)| near_valid_config(&at, &v).into_bytes()),
    ]
    .boxed()
}

fn maybe_text() -> BoxedStrategy<Option<String>> {
    prop::option::of(prop_oneof![
        select(vec!["p", "prod", "", " ", "AK", "http://127.0.0.1:1"]).prop_map(String::from),
        any::<String>(),
    ])
    .boxed()
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_config_file_loads_or_is_explained(
        content in config_bytes(),
        loose in any::<bool>(),
        profile in maybe_text(),
        endpoint in maybe_text(),
        read_only in any::<bool>(),
        env_ak in maybe_text(),
        env_sk in maybe_text(),
        env_endpoint in maybe_text(),
    ) {
        let file = TempConfig::new(&content, loose);
        let shown = file.path.display().to_string();
        if let Err(e) = config::load(&file.path) {
            let msg = e.to_string();
            prop_assert!(!msg.trim().is_empty(), "{e:?}");
            prop_assert!(msg.contains(&shown), "{msg} does not name {shown}");
        }
        let env = config::Env {
            ak: env_ak,
            sk: env_sk,
            endpoint: env_endpoint,
        };
        let over = config::Overrides {
            config: Some(file.path.clone()),
            profile,
            endpoint,
            read_only,
        };
        if let Err(e) = config::resolve(&over, &env, None) {
            prop_assert!(!e.to_string().trim().is_empty(), "{e:?}");
        }
        // The same file found at the default place, without flags.
        let bare = config::Overrides::default();
        if let Err(e) = config::resolve(&bare, &env, Some(file.path.clone())) {
            prop_assert!(!e.to_string().trim().is_empty(), "{e:?}");
        }
    }
}

// ------------------------------------------------------------------ update and view

/// One thing that happens to the console.
#[derive(Debug, Clone)]
enum Step {
    Key(KeyEvent),
    /// With the mouse on (`mouse = true`): a wheel step, a click or a move anywhere.
    Mouse(MouseEvent),
    /// `:` or `/`, then the text typed key by key, then Enter.
    Line(char, String),
    Paste(String),
    Resize(u16, u16),
    /// Seconds later.
    Tick(i64),
    /// A page of rows for a list (0 orders … 5 catalog) under a request id that may or
    /// may not be current: the first page, or the next one after the loaded rows.
    Page {
        list: usize,
        request: u64,
        next: bool,
        rows: usize,
        more: i64,
    },
    PageFailed(u64),
    Notice(Result<String, String>),
}

fn key_event() -> BoxedStrategy<KeyEvent> {
    let bound: Vec<char> = "kjgG/:?Rq1234567 pxa+-einsvyc".chars().collect();
    let code = prop_oneof![
        6 => select(bound).prop_map(KeyCode::Char),
        2 => prop::char::range('a', 'z').prop_map(KeyCode::Char),
        1 => prop::char::range('0', '9').prop_map(KeyCode::Char),
        2 => any::<char>().prop_map(KeyCode::Char),
        4 => select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Null,
        ]),
        1 => (1u8..=24).prop_map(KeyCode::F),
    ];
    let modifiers = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::SHIFT),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ];
    let kind = prop_oneof![
        10 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Repeat),
        1 => Just(KeyEventKind::Release),
    ];
    (code, modifiers, kind)
        .prop_map(|(c, m, k)| KeyEvent::new_with_kind(c, m, k))
        .boxed()
}

fn command_line() -> BoxedStrategy<String> {
    let arg = prop_oneof![
        select(vec![
            "",
            "pending",
            "paid",
            "CS-DEMO-OK-1",
            "CS-DEMO-OK-1 CS-DEMO-OK-2",
            "100",
            "100 acme_robotics",
            "-5",
            "1e400",
            "0.001",
            "华信",
            "status:pending",
            ":::",
            "9999999999999999999999",
        ])
        .prop_map(String::from),
        any::<String>(),
    ];
    (select(command::COMMANDS.to_vec()), prop::option::of(arg))
        .prop_map(|(word, arg)| match arg {
            Some(arg) => format!("{word} {arg}"),
            None => word.to_string(),
        })
        .boxed()
}

fn filter_text() -> BoxedStrategy<String> {
    prop_oneof![
        select(vec![
            "status:pending",
            "status:paid",
            "status:",
            "type:1",
            "customer:acme",
            "id:CS",
            "华信",
            "a:b:c",
            "created:2026-01-01..2026-02-01",
            "::",
        ])
        .prop_map(String::from),
        any::<String>(),
        "[a-z]{1,8}:[a-z0-9-]{0,10}",
    ]
    .boxed()
}

fn step() -> BoxedStrategy<Step> {
    prop_oneof![
        40 => key_event().prop_map(Step::Key),
        3 => (
            select(vec![
                MouseEventKind::ScrollUp,
                MouseEventKind::ScrollDown,
                MouseEventKind::Down(MouseButton::Left),
                MouseEventKind::Down(MouseButton::Right),
                MouseEventKind::Up(MouseButton::Left),
                MouseEventKind::Moved,
            ]),
            0u16..=300,
            0u16..=100,
        )
            .prop_map(|(kind, column, row)| Step::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })),
        3 => command_line().prop_map(|t| Step::Line(':', t)),
        2 => filter_text().prop_map(|t| Step::Line('/', t)),
        2 => prop_oneof![any::<String>(), "[ -~\n\t]{0,200}", json_string()].prop_map(Step::Paste),
        2 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => (0i64..600).prop_map(Step::Tick),
        3 => (0usize..6, 0u64..64, any::<bool>(), 0usize..=50, 0i64..300).prop_map(
            |(list, request, next, rows, more)| Step::Page { list, request, next, rows, more }
        ),
        1 => (0u64..64).prop_map(Step::PageFailed),
        1 => (any::<bool>(), json_string())
            .prop_map(|(ok, text)| Step::Notice(if ok { Ok(text) } else { Err(text) })),
    ]
    .boxed()
}

const NAMES: [&str; 6] = [
    "杭州极光网络科技有限公司",
    "Acme Robotics Ltd",
    "上海青禾教育科技",
    "Sarah O'Connor",
    "深圳市云帆电子商务有限公司（华南区）— a name far too long for any column",
    "李明",
];

fn fixture_order(i: usize) -> CustomerOrder {
    CustomerOrder {
        order_id: format!("CS{i:08}FUZZ"),
        customer_id: format!("cust{:04}", i % 12),
        service_type_code: "hws.service.type.ec2".into(),
        service_type_name: NAMES[i % NAMES.len()].into(),
        source_type: 1,
        status: [1, 2, 3, 4, 5, 6, 8, 9][i % 8],
        order_type: [1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15][i % 11],
        amount_after_discount: Decimal::new(1_573_200 + 101 * i as i64, 2),
        official_amount: Decimal::new(1_583_200 + 101 * i as i64, 2),
        measure_id: 1,
        create_time: format!("2026-11-{:02}T{:02}:13:00Z", 1 + i % 28, i % 24),
        currency: "CNY".into(),
        user_name: Some("acme_robotics".into()),
        pending_payment_end_time: i
            .is_multiple_of(3)
            .then(|| "2026-11-30T03:00:00Z".to_string()),
        ..Default::default()
    }
}

fn fixture_customer(i: usize) -> CustomerInfo {
    CustomerInfo {
        customer_id: format!("cust{i:04}"),
        account_name: format!("account_{i}"),
        customer: Some(NAMES[i % NAMES.len()].into()),
        associated_on: Some("2026-10-01T02:00:00Z".into()),
        association_type: Some(if i.is_multiple_of(3) { "1" } else { "2" }.into()),
        telephone: (i % 4 != 3).then(|| format!("1380000{i:04}")),
        verified_status: Some(["-1", "0", "1", "2"][i % 4].into()),
        customer_type: Some([-1, 0, 1][i % 3]),
        customer_level: Some(format!("V{}", i % 6)),
        email: (i % 5 != 4).then(|| format!("account_{i}@example.com")),
        ..Default::default()
    }
}

fn fixture_contract(i: usize) -> Contract {
    let total = Decimal::new(10_000_000 + 1000 * i as i64, 2);
    Contract {
        contract_id: format!("HT-FUZZ-{i:04}"),
        contract_name: NAMES[i % NAMES.len()].into(),
        customer_id: format!("cust{:04}", i % 12),
        customer_name: format!("account_{}", i % 12),
        sign_time: "2026-09-14T00:00:00Z".into(),
        effective_time: "2026-09-29T00:00:00Z".into(),
        expire_time: "2027-01-30T00:00:00Z".into(),
        total_amount: total,
        paid_amount: if i.is_multiple_of(2) {
            total
        } else {
            Decimal::ZERO
        },
        status: if i.is_multiple_of(2) {
            "completed"
        } else {
            "active"
        }
        .into(),
        currency: "CNY".into(),
    }
}

fn fixture_reseller(i: usize) -> IndirectPartner {
    IndirectPartner {
        indirect_partner_id: format!("reseller{i:04}"),
        name: Some(NAMES[i % NAMES.len()].into()),
        account_name: Some(format!("reseller_{i}")),
        mobile_phone: i.is_multiple_of(2).then(|| format!("1360000{i:04}")),
        email: Some(format!("reseller_{i}@reseller.example")),
        account_manager_name: Some("王芳".into()),
        associated_on: Some("2025-10-19T00:00:00Z".into()),
        ..Default::default()
    }
}

fn fixture_record(i: usize) -> AdjustRecord {
    AdjustRecord {
        customer_id: format!("cust{:04}", i % 12),
        customer_name: Some(NAMES[i % NAMES.len()].into()),
        operation_type: OP_ALLOCATE.into(),
        amount: format!("{}.50", 100 + i),
        currency: "CNY".into(),
        operation_time: "2026-11-23T01:00:00Z".into(),
        measure_id: 1,
        trans_id: format!("20261123010000FUZZ{i:06}"),
        ..Default::default()
    }
}

fn fixture_service(i: usize) -> ServiceType {
    ServiceType {
        service_type_name: NAMES[i % NAMES.len()].into(),
        service_type_code: format!("hws.service.type.fuzz{i}"),
        abbreviation: i.is_multiple_of(2).then(|| format!("S{i}")),
    }
}

fn fixture_balance(account_type: i32, cents: i64) -> AccountBalance {
    AccountBalance {
        account_id: format!("acct{account_type}"),
        account_type,
        amount: Decimal::new(cents, 2),
        currency: "CNY".into(),
        measure_id: 1,
        ..Default::default()
    }
}

/// A page of `n` rows of list `list`, starting at row `offset`.
fn page_data(list: usize, offset: usize, n: usize) -> PageData {
    let rows = offset..offset + n;
    match list {
        0 => PageData::Orders(rows.map(fixture_order).collect()),
        1 => PageData::Customers(rows.map(fixture_customer).collect()),
        2 => PageData::Contracts(rows.map(fixture_contract).collect()),
        3 => PageData::Resellers(rows.map(fixture_reseller).collect()),
        4 => PageData::Funds(rows.map(fixture_record).collect()),
        _ => PageData::Catalog(rows.map(fixture_service).collect()),
    }
}

/// Rows loaded in list `list`.
fn loaded_rows(state: &State, list: usize) -> usize {
    match list {
        0 => state.orders.rows.len(),
        1 => state.customers.rows.len(),
        2 => state.contracts.rows.len(),
        3 => state.resellers.rows.len(),
        4 => state.records.rows.len(),
        _ => state.catalog.rows.len(),
    }
}

/// A console with every list and the partner's data loaded, as after a while of use.
fn loaded_state(
    read_only: bool,
    partner_center: Option<bool>,
    colors: ColorDepth,
    ascii: bool,
    pane: Pane,
) -> State {
    let session = Session {
        profile: "demo".into(),
        partner_name: "华信云科技有限公司".into(),
        partner_kind: "distributor".into(),
        endpoint: "http://127.0.0.1:1".into(),
        read_only,
        demo: true,
        utc_offset_secs: 8 * 3600,
        colors,
        ascii,
        mouse: true,
        partner_center,
        platform_id: Some(PLATFORM_ID.into()),
        ..Default::default()
    };
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut s = State::new(session, Duration::from_secs(30), t0);
    s.pane = pane;
    s.orders.rows = (0..60).map(fixture_order).collect();
    s.orders.total = Some(250);
    s.customers.rows = (0..12).map(fixture_customer).collect();
    s.customers.total = Some(44);
    s.contracts.rows = (0..3).map(fixture_contract).collect();
    s.contracts.total = Some(3);
    s.resellers.rows = (0..5).map(fixture_reseller).collect();
    s.resellers.total = Some(5);
    s.records.rows = (0..4).map(fixture_record).collect();
    s.records.total = Some(4);
    s.catalog.rows = (0..8).map(fixture_service).collect();
    s.catalog.total = Some(80);
    s.balances = Some(vec![
        fixture_balance(1, 50_000_000),
        fixture_balance(2, 10_000_000),
        fixture_balance(8, 30_000_000),
    ]);
    s.verification = Some(VerificationSetting {
        enabled: true,
        phone: Some("138****0001".into()),
        email: Some("op***@huaxin-cloud.example".into()),
    });
    s.profile = Some(Ok(common::fixtures::demo_profile()));
    s.invitation = Some(Ok(Invitation {
        code: "HX7Q2".into(),
        link: "https://partner.example/invite/HX7Q2".into(),
    }));
    s.recharge = Some(Ok(RechargeAccount {
        account_name: "华为云计算技术有限公司".into(),
        bank_name: "招商银行北京分行".into(),
        account_number: "1109 0000 0000 0001".into(),
        currency: "CNY".into(),
        remark: "Transfers are credited within one working day.".into(),
    }));
    s.agreements = Some(Ok(vec![Agreement {
        agreement_id: "AG-FUZZ-1".into(),
        name: "代付协议 2026".into(),
        status: "valid".into(),
        signed_at: "2025-10-19T00:00:00Z".into(),
        voided_at: None,
    }]));
    s.inbox = vec![OutboxMessage {
        id: 1,
        partner_id: None,
        channel: "sms".into(),
        recipient: "13800000001".into(),
        body: "Your verification code is 123456.".into(),
        created_at: "2026-11-23T08:59:00Z".into(),
    }];
    s.health = Health::Ok(Duration::from_millis(6));
    s
}

/// Gives `msg` to `update` (its commands are not run) and draws the result.
fn feed(state: &mut State, terminal: &mut Terminal<TestBackend>, msg: Msg) {
    update(state, msg);
    terminal.draw(|f| view(state, f)).expect("drawn");
}

fn press(c: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn play(state: &mut State, terminal: &mut Terminal<TestBackend>, step: &Step) {
    match step {
        Step::Key(key) => feed(state, terminal, Msg::Key(*key)),
        Step::Mouse(event) => feed(state, terminal, Msg::Mouse(*event)),
        Step::Line(lead, text) => {
            feed(state, terminal, press(KeyCode::Char(*lead)));
            for c in text.chars() {
                feed(state, terminal, press(KeyCode::Char(c)));
            }
            feed(state, terminal, press(KeyCode::Enter));
        }
        Step::Paste(text) => feed(state, terminal, Msg::Paste(text.clone())),
        Step::Resize(w, h) => {
            *terminal = Terminal::new(TestBackend::new(*w, *h)).expect("a test terminal");
            feed(state, terminal, Msg::Resize(*w, *h));
        }
        Step::Tick(secs) => {
            let now = state.now + TimeDelta::seconds(*secs);
            feed(state, terminal, Msg::Tick(now));
        }
        Step::Page {
            list,
            request,
            next,
            rows,
            more,
        } => {
            let offset = if *next { loaded_rows(state, *list) } else { 0 };
            let total = (offset + *rows) as i64 + *more;
            let msg = Msg::Page {
                request: *request,
                offset: offset as i64,
                result: Ok((total, page_data(*list, offset, *rows))),
                latency: Duration::from_millis(3),
            };
            feed(state, terminal, msg);
        }
        Step::PageFailed(request) => {
            let msg = Msg::Page {
                request: *request,
                offset: 0,
                result: Err("cannot reach the backend: connection refused".into()),
                latency: Duration::from_millis(3),
            };
            feed(state, terminal, msg);
        }
        Step::Notice(result) => feed(state, terminal, Msg::Notice(result.clone())),
    }
}

proptest! {
    #![proptest_config(cases(24))]

    #[test]
    fn update_and_view_survive_any_keys(
        read_only in any::<bool>(),
        partner_center in prop::option::of(any::<bool>()),
        colors in select(vec![
            ColorDepth::None,
            ColorDepth::Ansi16,
            ColorDepth::Ansi256,
            ColorDepth::TrueColor,
        ]),
        ascii in any::<bool>(),
        pane in 0usize..Pane::ALL.len(),
        size in (1u16..=300, 1u16..=100),
        steps in prop::collection::vec(step(), 0..200),
    ) {
        let mut state = loaded_state(read_only, partner_center, colors, ascii, Pane::ALL[pane]);
        let (w, h) = size;
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
        update(&mut state, Msg::Resize(w, h));
        let _ = state.start();
        terminal.draw(|f| view(&state, f)).expect("drawn");
        for step in &steps {
            play(&mut state, &mut terminal, step);
        }
    }
}
