//! Bad input to the mock, as property tests: whatever a caller sends, nothing panics
//! and nothing answers 500.
//!
//! - Every endpoint with a body (BSS and Partner Center, POST and PUT) takes random
//!   bytes, random JSON built from its own field names, and valid bodies with one field
//!   spoiled, each signed as the distributor: the answer is a 2xx, or a 4xx whose body
//!   is CBC-style (`error_code` like `CBC.0100`, a non-empty `error_msg`).
//! - Every GET endpoint takes random query strings (its real keys with odd values, and
//!   raw strings with broken percent escapes): the same.

use std::fmt;
use std::net::SocketAddr;
use std::sync::OnceLock;

use chrono::Utc;
use pc_api::OP_ALLOCATE;
use pc_api::partner_center::{PREFIX, REQUEST_ID_HEADER, Scene, SetVerificationReq};
use pc_api::signing::{self};
use pc_mock::RunningMock;
use pc_mock::domain::hex_id;
use pc_mock::seed::{self, DEMO_PARTNERS, PLATFORM_ID, Seed};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestRunner;
use serde_json::{Value, json};

use pc_testkit::proptest_cases as cases;
use pc_testkit::strategies::{RAW_TEXT, json_string};

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
            let m = pc_testkit::start(Seed::Demo).await;
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
    let c = pc_testkit::client(m, 0);
    let v = pc_testkit::code_for(m, &c, Scene::VerificationOff, &[]).await;
    let req = SetVerificationReq {
        enabled: false,
        verification: Some(v),
    };
    c.set_verification(&req, &pc_testkit::rid())
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
    let mut headers = vec![
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Domain-Id".to_string(), p.domain_id()),
    ];
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
