//! The typed async BSS client: signs exactly the bytes it sends (AK/SK, SDK-HMAC-SHA256),
//! has connect and request timeouts, maps error bodies to [`ClientError::Api`] with the
//! CBC code, and pages through lists with [`collect_pages`].

mod error;
mod paging;

pub use error::{ClientError, IdKind};

use std::time::Duration;

use chrono::Utc;
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use pc_api::partner_center::*;
use pc_api::signing;
use pc_api::*;

pub use paging::{Paged, collect_pages};

/// How long one call may take, answer read whole. Huawei's slow calls (a month's bill, a
/// large page) take seconds, and the console waits in the background, never in a frame.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest answer read: far above any page or bill, far below what would hurt.
pub const MAX_BODY: usize = 32 * 1024 * 1024;
/// Calls in flight at once to one backend, per client and its clones: Huawei allows an
/// account 10 calls a second per API, and a burst past it is answered 429.
pub const MAX_IN_FLIGHT: usize = 4;
/// Tries of a call the gateway's flow control refused (429) before giving up.
pub const THROTTLE_TRIES: u32 = 5;
/// The longest `Retry-After` honoured: a longer one is reported, not slept through.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// Huawei's IAM, where the account (domain) and project ids of an AK are asked.
pub const HUAWEI_IAM: &str = "https://iam.myhuaweicloud.com";
/// The IAM of Huawei's European site (`*.myhuaweicloud.eu`).
pub const HUAWEI_IAM_EU: &str = "https://iam.eu-west-101.myhuaweicloud.eu";

/// The headers the SDKs send, signed: the account of a global service's call, the token
/// of temporary credentials, the language of names in answers.
pub const DOMAIN_ID_HEADER: &str = "X-Domain-Id";
pub const SECURITY_TOKEN_HEADER: &str = "X-Security-Token";
pub const LANGUAGE_HEADER: &str = "X-Language";

/// AK/SK, the account (domain) id they act for, and the security token of temporary
/// credentials. `Debug` never shows the SK or the token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    pub ak: String,
    pub sk: String,
    /// `X-Domain-Id`: BSS is a global service, and Huawei's gateway wants the account.
    pub domain_id: Option<String>,
    /// Temporary credentials (agencies, SSO, STS) only.
    pub security_token: Option<String>,
}

impl Credentials {
    pub fn new(ak: impl Into<String>, sk: impl Into<String>) -> Credentials {
        Credentials {
            ak: ak.into(),
            sk: sk.into(),
            ..Credentials::default()
        }
    }

    pub fn with_domain(mut self, domain_id: impl Into<String>) -> Credentials {
        self.domain_id = Some(domain_id.into());
        self
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("ak", &self.ak)
            .field("sk", &"***")
            .field("domain_id", &self.domain_id)
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

/// Where requests go: `scheme://host[:port]` and the `Host` that is signed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Target {
    /// `scheme://host[:port]`, no trailing slash.
    base: String,
    /// `host[:port]` exactly as in the endpoint: the signed `Host`.
    host: String,
}

impl Target {
    fn parse(endpoint: &str) -> Result<Target, ClientError> {
        let base = endpoint.trim().trim_end_matches('/').to_string();
        let url = reqwest::Url::parse(&base).map_err(|_| ClientError::Endpoint(endpoint.into()))?;
        if !matches!(url.scheme(), "http" | "https") || url.path() != "/" || url.query().is_some() {
            return Err(ClientError::Endpoint(endpoint.into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            // Shown without the password.
            let mut shown = url.clone();
            let _ = shown.set_password(None);
            return Err(ClientError::EndpointCredentials(shown.to_string()));
        }
        let host = match (url.host_str(), url.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => return Err(ClientError::Endpoint(endpoint.into())),
        };
        Ok(Target { base, host })
    }
}

/// Whether an endpoint is one of Huawei's own (`*.myhuaweicloud.com`, `*.huaweicloud.com`).
pub fn is_huawei_host(endpoint: &str) -> bool {
    reqwest::Url::parse(endpoint.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|h| {
            h == "myhuaweicloud.com"
                || h.ends_with(".myhuaweicloud.com")
                || h.ends_with(".huaweicloud.com")
                || h.ends_with(".myhuaweicloud.eu")
        })
}

/// The IAM an endpoint's client asks when nothing names one: Huawei's for Huawei's
/// endpoints; any other backend (a test double, a proxy) is asked itself, so that
/// credentials meant for it are never sent to Huawei.
pub fn default_iam_endpoint(endpoint: &str) -> String {
    let eu = reqwest::Url::parse(endpoint.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .is_some_and(|h| h.ends_with(".myhuaweicloud.eu"));
    if eu {
        HUAWEI_IAM_EU.to_string()
    } else if is_huawei_host(endpoint) {
        HUAWEI_IAM.to_string()
    } else {
        endpoint.trim().trim_end_matches('/').to_string()
    }
}

/// A try the gateway's flow control refused, and the `Retry-After` it gave.
struct Throttled(ClientError, Option<String>);

/// A client of one backend with one partner's credentials.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    target: Target,
    /// IAM, for the account and project ids.
    iam: Target,
    credentials: Credentials,
    timeout: Duration,
    /// `X-Language` on every call (`zh_CN`, `en_US`).
    language: Option<&'static str>,
    /// Calls in flight, shared by the clones.
    in_flight: std::sync::Arc<tokio::sync::Semaphore>,
    /// Project ids by region, from IAM, shared by the clones.
    projects: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, String>>>,
}

/// Turns a serialisable query struct into (key, value) pairs, leaving out `None`s.
fn query_pairs<Q: Serialize>(query: &Q) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(map)) = serde_json::to_value(query) else {
        return Vec::new();
    };
    // A list goes as the key repeated (the SDK's `multi` format).
    let one = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let mut pairs = Vec::new();
    for (k, v) in map {
        match v {
            serde_json::Value::Null => {}
            serde_json::Value::Array(items) => {
                pairs.extend(items.into_iter().map(|i| (k.clone(), one(i))));
            }
            other => pairs.push((k, one(other))),
        }
    }
    pairs
}

/// One id as a path segment, percent-encoded. A segment of only dots would be removed by
/// URL normalisation (the request sent would not be the one signed), so it is refused.
fn path_segment(id: &str, what: IdKind) -> Result<String, ClientError> {
    if id.is_empty() || id.chars().all(|c| c == '.') {
        return Err(ClientError::NotAnId {
            id: id.to_string(),
            what,
        });
    }
    Ok(signing::encode(id.as_bytes()))
}

/// Reads an error body in any of the shapes the SDK accepts.
fn parse_error(status: u16, body: &[u8], request_id: Option<String>) -> ClientError {
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    let pick = |v: &serde_json::Value| -> Option<(String, String)> {
        for (c, m) in [
            ("error_code", "error_msg"),
            ("errorCode", "errorMsg"),
            ("code", "message"),
        ] {
            if let (Some(code), Some(msg)) = (v.get(c), v.get(m)) {
                let code = code
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| code.to_string());
                let msg = msg
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| msg.to_string());
                return Some((code, msg));
            }
        }
        None
    };
    let found = pick(&value).or_else(|| value.as_object().and_then(|o| o.values().find_map(pick)));
    let (code, message) = found.unwrap_or_else(|| {
        let text = String::from_utf8_lossy(body);
        let text: String = text.chars().take(200).collect();
        (
            status.to_string(),
            if text.is_empty() {
                format!("HTTP {status}")
            } else {
                text
            },
        )
    });
    let request_id = request_id.or_else(|| {
        value
            .get("request_id")
            .and_then(|v| v.as_str())
            .map(str::to_string)
    });
    ClientError::Api {
        status,
        code,
        message,
        request_id,
    }
}

/// Reads an answer as leniently as the SDKs do: a `null` is a field left out, and a
/// field left out takes its default (see the answers' types).
fn decode<R: DeserializeOwned>(status: u16, bytes: &[u8]) -> Result<R, ClientError> {
    fn strip_nulls(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.retain(|_, v| !v.is_null());
                map.values_mut().for_each(strip_nulls);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip_nulls),
            _ => {}
        }
    }
    let error = |e: serde_json::Error| ClientError::Decode {
        status,
        detail: e.to_string(),
    };
    let mut value: serde_json::Value = serde_json::from_slice(bytes).map_err(error)?;
    strip_nulls(&mut value);
    serde_json::from_value(value).map_err(error)
}

/// How long to wait before the next try of a call refused by flow control: the
/// gateway's `Retry-After` (seconds), else 1, 2, 4 … seconds.
fn throttle_wait(retry_after: Option<&str>, attempt: u32) -> Option<Duration> {
    let wait = match retry_after.and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(secs) => Duration::from_secs(secs.max(1)),
        None => Duration::from_secs(1 << attempt.min(5)),
    };
    (wait <= MAX_RETRY_AFTER).then_some(wait)
}

/// IAM's answers, as much of them as is read.
#[derive(serde::Deserialize)]
struct IdsResp {
    #[serde(default)]
    domains: Vec<IdName>,
    #[serde(default)]
    projects: Vec<IdName>,
}

#[derive(serde::Deserialize)]
struct IdName {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

impl Client {
    pub fn new(endpoint: &str, credentials: Credentials) -> Result<Client, ClientError> {
        Self::with_timeout(endpoint, credentials, DEFAULT_TIMEOUT)
    }

    pub fn with_timeout(
        endpoint: &str,
        credentials: Credentials,
        timeout: Duration,
    ) -> Result<Client, ClientError> {
        let target = Target::parse(endpoint)?;
        let printable =
            |k: &str| !k.is_empty() && !k.chars().any(|c| c.is_whitespace() || c.is_control());
        let optional = |k: &Option<String>| k.as_deref().is_none_or(printable);
        if !printable(&credentials.ak)
            || !printable(&credentials.sk)
            || !optional(&credentials.domain_id)
            || !optional(&credentials.security_token)
        {
            return Err(ClientError::BadCredentials);
        }
        let iam = Target::parse(&default_iam_endpoint(endpoint))?;
        let http = reqwest::Client::builder()
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(timeout)
            .user_agent(concat!("partner-console/", env!("CARGO_PKG_VERSION")))
            // A redirect would carry the signed request (and a Referer) elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        Ok(Client {
            http,
            target,
            iam,
            credentials,
            timeout,
            language: None,
            in_flight: std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT)),
            projects: std::sync::Arc::default(),
        })
    }

    /// The IAM endpoint asked for the account and project ids.
    pub fn with_iam(mut self, iam_endpoint: &str) -> Result<Client, ClientError> {
        self.iam = Target::parse(iam_endpoint)?;
        Ok(self)
    }

    /// Names in answers in this language: `X-Language: zh_CN` or `en_US`.
    pub fn with_language(mut self, language: &'static str) -> Client {
        self.language = Some(language);
        self
    }

    /// The account id this client sends, once known.
    pub fn with_domain_id(mut self, domain_id: &str) -> Client {
        self.credentials.domain_id = Some(domain_id.to_string());
        self
    }

    pub fn endpoint(&self) -> &str {
        &self.target.base
    }

    pub fn iam_endpoint(&self) -> &str {
        &self.iam.base
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// Sends one signed request and returns the status and raw body of a success.
    async fn send_raw(
        &self,
        method: Method,
        path: &str,
        query: Vec<(String, String)>,
        body: Option<Vec<u8>>,
        extra_headers: &[(&str, &str)],
    ) -> Result<(u16, bytes::Bytes), ClientError> {
        let mut headers: Vec<(&str, &str)> = extra_headers.to_vec();
        if let Some(domain) = &self.credentials.domain_id {
            headers.push((DOMAIN_ID_HEADER, domain));
        }
        if let Some(language) = self.language {
            headers.push((LANGUAGE_HEADER, language));
        }
        self.send_to(&self.target, method, path, query, body, &headers)
            .await
    }

    /// Sends to `target` (the backend or IAM), signed, the security token with it; tries
    /// again when the gateway's flow control refuses, as long as it asks.
    async fn send_to(
        &self,
        target: &Target,
        method: Method,
        path: &str,
        query: Vec<(String, String)>,
        body: Option<Vec<u8>>,
        extra_headers: &[(&str, &str)],
    ) -> Result<(u16, bytes::Bytes), ClientError> {
        let body = body.unwrap_or_default();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self
                .send_once(target, method.clone(), path, &query, &body, extra_headers)
                .await
            {
                Err(Throttled(e, retry_after)) => {
                    let wait = throttle_wait(retry_after.as_deref(), attempt - 1);
                    match wait {
                        Some(wait) if attempt < THROTTLE_TRIES => {
                            tracing::debug!(path, ?wait, "throttled; trying again");
                            tokio::time::sleep(wait).await;
                        }
                        _ => return Err(e),
                    }
                }
                Ok(result) => return result,
            }
        }
    }

    /// One try. The gateway refused it by flow control: `Err` with the error and the
    /// `Retry-After` it gave (nothing was done, so trying again is safe for any call).
    async fn send_once(
        &self,
        target: &Target,
        method: Method,
        path: &str,
        query: &[(String, String)],
        body: &[u8],
        extra_headers: &[(&str, &str)],
    ) -> Result<Result<(u16, bytes::Bytes), ClientError>, Throttled> {
        let _permit = self.in_flight.acquire().await.ok();
        let mut headers = vec![("Content-Type".to_string(), "application/json".to_string())];
        headers.extend(
            extra_headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string())),
        );
        if let Some(token) = &self.credentials.security_token {
            headers.push((SECURITY_TOKEN_HEADER.to_string(), token.clone()));
        }
        let signed = signing::sign_request(
            &self.credentials.ak,
            &self.credentials.sk,
            method.as_str(),
            &target.host,
            path,
            query,
            headers,
            body,
            Utc::now(),
        );
        let url = format!("{}{}", target.base, signed.request_target);
        let mut req = self.http.request(method, url);
        for (k, v) in &signed.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        if !body.is_empty() {
            req = req.body(body.to_vec());
        }
        let mut resp = match req.send().await {
            Ok(r) => r,
            Err(e) => return Ok(Err(self.transport_error(e))),
        };
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let request_id = header("X-Request-Id");
        let retry_after = header("Retry-After");
        if (300..400).contains(&status) {
            return Ok(Err(ClientError::Redirect {
                status,
                location: header("Location").unwrap_or_default(),
            }));
        }
        if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
            return Ok(Err(ClientError::TooLarge { limit: MAX_BODY }));
        }
        let mut bytes = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if bytes.len() + chunk.len() > MAX_BODY {
                        return Ok(Err(ClientError::TooLarge { limit: MAX_BODY }));
                    }
                    bytes.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Ok(Err(self.transport_error(e))),
            }
        }
        let bytes = bytes::Bytes::from(bytes);
        if status == 429 {
            let e = parse_error(status, &bytes, request_id);
            // The gateway's flow control refuses before anything is done, so any call
            // may go again; a 429 from the service behind it, after the fact, may not.
            let before = e
                .code()
                .is_none_or(|c| c.ends_with(".0308") || !c.starts_with("CBC"));
            if before {
                return Err(Throttled(e, retry_after));
            }
            return Ok(Err(e));
        }
        if status >= 400 {
            return Ok(Err(parse_error(status, &bytes, request_id)));
        }
        Ok(Ok((status, bytes)))
    }

    fn transport_error(&self, e: reqwest::Error) -> ClientError {
        if e.is_timeout() {
            ClientError::Timeout(self.timeout)
        } else if e.is_connect() {
            ClientError::Connect(e.to_string())
        } else {
            ClientError::Transport(e.to_string())
        }
    }

    // ------------------------------------------------------------------ IAM

    /// The account (domain) id of these credentials, from IAM's `GET /v3/auth/domains`,
    /// signed with the same AK/SK and without an account, as the SDKs ask.
    pub async fn fetch_domain_id(&self) -> Result<String, ClientError> {
        let (status, bytes) = self
            .send_to(
                &self.iam,
                Method::GET,
                "/v3/auth/domains",
                Vec::new(),
                None,
                &[],
            )
            .await?;
        let resp: IdsResp = decode(status, &bytes)?;
        resp.domains
            .into_iter()
            .map(|d| d.id)
            .find(|id| !id.trim().is_empty())
            .ok_or(ClientError::NoDomain)
    }

    /// The account's project in `region` (the rating APIs want it), from IAM's
    /// `GET /v3/projects?name=REGION`, asked once per region and client.
    pub async fn project_id(&self, region: &str) -> Result<String, ClientError> {
        if let Some(id) = self
            .projects
            .lock()
            .ok()
            .and_then(|m| m.get(region).cloned())
        {
            return Ok(id);
        }
        let mut headers = Vec::new();
        if let Some(domain) = &self.credentials.domain_id {
            headers.push((DOMAIN_ID_HEADER, domain.as_str()));
        }
        let (status, bytes) = self
            .send_to(
                &self.iam,
                Method::GET,
                "/v3/projects",
                vec![("name".into(), region.into())],
                None,
                &headers,
            )
            .await?;
        let resp: IdsResp = decode(status, &bytes)?;
        let id = resp
            .projects
            .into_iter()
            .find(|p| p.name.as_deref().is_none_or(|n| n == region))
            .map(|p| p.id)
            .ok_or_else(|| ClientError::NoProject(region.to_string()))?;
        if let Ok(mut m) = self.projects.lock() {
            m.insert(region.to_string(), id.clone());
        }
        Ok(id)
    }

    async fn call<R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: Vec<(String, String)>,
        body: Option<Vec<u8>>,
    ) -> Result<R, ClientError> {
        let (status, bytes) = self.send_raw(method, path, query, body, &[]).await?;
        decode(status, &bytes)
    }

    async fn get<Q: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<R, ClientError> {
        self.call(Method::GET, path, query_pairs(query), None).await
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, ClientError> {
        let bytes = serde_json::to_vec(body).map_err(|e| ClientError::Decode {
            status: 0,
            detail: e.to_string(),
        })?;
        self.call(Method::POST, path, Vec::new(), Some(bytes)).await
    }

    /// A POST whose success has no fields (204, `{}` or an empty body).
    async fn post_empty<B: Serialize>(&self, path: &str, body: &B) -> Result<(), ClientError> {
        let bytes = serde_json::to_vec(body).map_err(|e| ClientError::Decode {
            status: 0,
            detail: e.to_string(),
        })?;
        self.send_raw(Method::POST, path, Vec::new(), Some(bytes), &[])
            .await
            .map(|_| ())
    }

    // ------------------------------------------------------------ customers

    pub async fn create_sub_customer(
        &self,
        req: &CreateSubCustomerReq,
    ) -> Result<CreateSubCustomerResp, ClientError> {
        self.post("/v2/partners/sub-customers", req).await
    }

    /// Creates a customer with a client request id, so that a lost answer can be asked
    /// about instead of creating twice (backends that keep outcomes use it).
    pub async fn create_sub_customer_once(
        &self,
        req: &CreateSubCustomerReq,
        request_id: &str,
    ) -> Result<CreateSubCustomerResp, ClientError> {
        self.write_once(Method::POST, "/v2/partners/sub-customers", req, request_id)
            .await
    }

    pub async fn list_sub_customers(
        &self,
        req: &ListSubCustomersReq,
    ) -> Result<ListSubCustomersResp, ClientError> {
        self.post("/v2/partners/sub-customers/query", req).await
    }

    pub async fn check_user_identity(
        &self,
        req: &CheckUserIdentityReq,
    ) -> Result<CheckUserIdentityResp, ClientError> {
        self.post("/v2/partners/sub-customers/users/check-identity", req)
            .await
    }

    pub async fn send_verification_code(
        &self,
        req: &SendVerificationCodeReq,
    ) -> Result<(), ClientError> {
        self.post_empty("/v2/bases/verificationcode/send", req)
            .await
    }

    // ------------------------------------------------------------ real-name authentication

    /// create_personal_realname_auth, exactly once.
    pub async fn create_personal_realname_auth(
        &self,
        req: &PersonalRealnameAuthReq,
        request_id: &str,
    ) -> Result<RealnameAuthResp, ClientError> {
        self.write_once(
            Method::POST,
            "/v2/customers/realname-auths/individual",
            req,
            request_id,
        )
        .await
    }

    /// create_enterprise_realname_authentication, exactly once.
    pub async fn create_enterprise_realname_auth(
        &self,
        req: &EnterpriseRealnameAuthReq,
        request_id: &str,
    ) -> Result<RealnameAuthResp, ClientError> {
        self.write_once(
            Method::POST,
            "/v2/customers/realname-auths/enterprise",
            req,
            request_id,
        )
        .await
    }

    pub async fn show_realname_review_result(
        &self,
        customer_id: &str,
    ) -> Result<RealnameReviewResp, ClientError> {
        let q = RealnameReviewQuery {
            customer_id: customer_id.to_string(),
        };
        self.get("/v2/customers/realname-auths/result", &q).await
    }

    // ------------------------------------------------------------ resellers

    pub async fn list_indirect_partners(
        &self,
        req: &ListIndirectPartnersReq,
    ) -> Result<ListIndirectPartnersResp, ClientError> {
        self.post("/v2/partners/indirect-partners/query", req).await
    }

    /// Allocate to a reseller.
    pub async fn update_indirect_partner_account(
        &self,
        req: &IndirectPartnerAmountReq,
    ) -> Result<TransferIdResp, ClientError> {
        self.post("/v2/accounts/partner-accounts/indirect-partner-adjust", req)
            .await
    }

    /// Recall from a reseller.
    pub async fn reclaim_indirect_partner_account(
        &self,
        req: &IndirectPartnerAmountReq,
    ) -> Result<TransIdResp, ClientError> {
        self.post(
            "/v2/accounts/partner-accounts/indirect-partner-reclaim",
            req,
        )
        .await
    }

    pub async fn list_partner_adjust_records(
        &self,
        q: &AdjustRecordsQuery,
    ) -> Result<AdjustRecordsResp, ClientError> {
        self.get("/v3/accounts/partner-accounts/adjust-records", q)
            .await
    }

    /// What an unsubscription (or downgrade) order refunds.
    pub async fn show_refund_order_details(
        &self,
        q: &RefundOrderQuery,
    ) -> Result<RefundOrderResp, ClientError> {
        self.get("/v2/orders/customer-orders/refund-orders", q)
            .await
    }

    // ------------------------------------------------------------ resources

    /// A customer's yearly/monthly resources (`ListPayPerUseCustomerResources`); a
    /// partner must name the customer.
    pub async fn list_pay_per_use_customer_resources(
        &self,
        req: &QueryResourcesReq,
    ) -> Result<QueryResourcesResp, ClientError> {
        self.post("/v2/orders/suscriptions/resources/query", req)
            .await
    }

    /// The partner's (or, with `indirect_partner_id`, a reseller's) account change
    /// records: recharges, payments, transfers, with the balance after each.
    pub async fn list_partner_account_change_records(
        &self,
        q: &AccountChangeRecordsQuery,
    ) -> Result<AccountChangeRecordsResp, ClientError> {
        self.get("/v2/accounts/partner-accounts/account-change-records", q)
            .await
    }

    /// One customer's pay-per-use resources.
    pub async fn list_customer_on_demand_resources(
        &self,
        req: &OnDemandResourcesReq,
    ) -> Result<OnDemandResourcesResp, ClientError> {
        self.post("/v2/partners/sub-customers/on-demand-resources/query", req)
            .await
    }

    // ------------------------------------------------------------ consumption

    /// The customers that consumed in a bill cycle (`YYYY-MM`).
    pub async fn list_consume_sub_customers(
        &self,
        req: &ConsumeSubCustomersReq,
    ) -> Result<ConsumeSubCustomersResp, ClientError> {
        self.post(
            "/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query",
            req,
        )
        .await
    }

    /// A customer's bill's lines for a cycle.
    pub async fn list_sub_customer_bill_detail(
        &self,
        q: &SubCustomerBillQuery,
    ) -> Result<SubCustomerBillResp, ClientError> {
        self.get("/v2/bills/subcustomer-bills/res-fee-records", q)
            .await
    }

    /// Reseller-type customers' consumption of a cycle in one charging mode, summed
    /// per customer and service.
    pub async fn list_subcustomer_monthly_bills(
        &self,
        q: &MonthlyBillsQuery,
    ) -> Result<MonthlyBillsResp, ClientError> {
        self.get("/v2/bills/partner-bills/subcustomer-bills/monthly-sum", q)
            .await
    }

    // ------------------------------------------------------------ balances

    /// Allocate to a (reseller-type) customer.
    pub async fn update_customer_account_amount(
        &self,
        req: &CustomerAmountReq,
    ) -> Result<TransferIdResp, ClientError> {
        self.post("/v2/accounts/partner-accounts/adjust-amount", req)
            .await
    }

    /// Recall from a (reseller-type) customer.
    pub async fn reclaim_to_partner_account(
        &self,
        req: &CustomerAmountReq,
    ) -> Result<TransIdResp, ClientError> {
        self.post("/v2/accounts/partner-accounts/reclaim", req)
            .await
    }

    pub async fn list_partner_balances(
        &self,
        q: &PartnerBalancesQuery,
    ) -> Result<PartnerBalancesResp, ClientError> {
        self.get("/v2/accounts/partner-accounts/balances", q).await
    }

    pub async fn list_customers_balances_detail(
        &self,
        req: &CustomerBalancesReq,
    ) -> Result<CustomerBalancesResp, ClientError> {
        self.post("/v2/accounts/customer-accounts/balances/batch-query", req)
            .await
    }

    // ------------------------------------------------------------ orders

    pub async fn list_customer_orders(
        &self,
        q: &CustomerOrdersQuery,
    ) -> Result<CustomerOrdersResp, ClientError> {
        self.get("/v2/orders/customer-orders", q).await
    }

    pub async fn show_customer_order_details(
        &self,
        order_id: &str,
        q: &OrderDetailsQuery,
    ) -> Result<OrderDetailsResp, ClientError> {
        let path = format!(
            "/v2/orders/customer-orders/details/{}",
            path_segment(order_id, IdKind::Order)?
        );
        self.get(&path, q).await
    }

    // ------------------------------------------------------------ catalogue

    pub async fn list_service_types(
        &self,
        q: &CatalogQuery,
    ) -> Result<ServiceTypesResp, ClientError> {
        self.get("/v2/products/service-types", q).await
    }

    pub async fn list_resource_types(
        &self,
        q: &CatalogQuery,
    ) -> Result<ResourceTypesResp, ClientError> {
        self.get("/v2/products/resource-types", q).await
    }

    pub async fn list_service_resources(
        &self,
        q: &CatalogQuery,
    ) -> Result<ServiceResourcesResp, ClientError> {
        self.get("/v2/products/service-resources", q).await
    }

    pub async fn list_usage_types(&self, q: &CatalogQuery) -> Result<UsageTypesResp, ClientError> {
        self.get("/v2/products/usage-types", q).await
    }

    pub async fn list_measure_units(&self) -> Result<MeasureUnitsResp, ClientError> {
        self.get("/v2/bases/measurements", &()).await
    }

    pub async fn list_on_demand_resource_ratings(
        &self,
        req: &OnDemandRatingReq,
    ) -> Result<OnDemandRatingResp, ClientError> {
        self.post("/v2/bills/ratings/on-demand-resources", req)
            .await
    }

    pub async fn list_rate_on_period_detail(
        &self,
        req: &PeriodRatingReq,
    ) -> Result<PeriodRatingResp, ClientError> {
        self.post("/v2/bills/ratings/period-resources/subscribe-rate", req)
            .await
    }

    // ------------------------------------------------------------ coupons

    pub async fn list_quota_coupons(
        &self,
        req: &CouponQuotasReq,
    ) -> Result<CouponQuotasResp, ClientError> {
        self.post("/v2/partners/coupon-quotas/query", req).await
    }

    pub async fn create_partner_coupons(
        &self,
        req: &CreatePartnerCouponsReq,
    ) -> Result<CreatePartnerCouponsResp, ClientError> {
        self.post("/v2/promotions/benefits/partner-coupons", req)
            .await
    }

    pub async fn reclaim_partner_coupons(
        &self,
        req: &ReclaimPartnerCouponsReq,
    ) -> Result<(), ClientError> {
        self.post_empty("/v2/promotions/benefits/partner-coupons/reclaim", req)
            .await
    }

    pub async fn list_issued_partner_coupons(
        &self,
        q: &IssuedCouponsQuery,
    ) -> Result<IssuedCouponsResp, ClientError> {
        self.get("/v2/promotions/benefits/partner-coupons", q).await
    }

    /// What was done with the partner's coupons: issued, reclaimed, by whom.
    pub async fn list_partner_coupons_record(
        &self,
        q: &CouponRecordsQuery,
    ) -> Result<CouponRecordsResp, ClientError> {
        self.get("/v2/promotions/benefits/partner-coupons/records/query", q)
            .await
    }

    /// The coupon quotas a distributor gave its resellers.
    pub async fn list_issued_coupon_quotas(
        &self,
        q: &IssuedQuotasQuery,
    ) -> Result<IssuedQuotasResp, ClientError> {
        self.get("/v2/partners/issued-coupon-quotas", q).await
    }

    /// Gives resellers coupon quotas from one of the distributor's own, through the
    /// public BSS API (no verification code), with the client request id.
    pub async fn update_coupon_quotas(
        &self,
        req: &AdjustCouponQuotasReq,
        request_id: &str,
    ) -> Result<AdjustCouponQuotasResp, ClientError> {
        let path = "/v2/partners/coupon-quotas/indirect-partner-adjust";
        self.write_once(Method::POST, path, req, request_id).await
    }

    /// Takes back what is left of quotas given to resellers, through the public BSS API.
    pub async fn reclaim_coupon_quotas(
        &self,
        req: &ReclaimCouponQuotasReq,
        request_id: &str,
    ) -> Result<ReclaimCouponQuotasResp, ClientError> {
        let path = "/v2/partners/coupon-quotas/indirect-partner-reclaim";
        self.write_once(Method::POST, path, req, request_id).await
    }

    // ------------------------------------------------------------ partner center

    /// What the backend offers beyond BSS; `Ok(None)` when it has no Partner Center
    /// (a 404, as the real Huawei endpoint answers).
    pub async fn capabilities(&self) -> Result<Option<Capabilities>, ClientError> {
        match self.get(&format!("{PREFIX}/capabilities"), &()).await {
            Ok(c) => Ok(Some(c)),
            Err(ClientError::Api { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub async fn list_contracts(&self, q: &ContractsQuery) -> Result<ContractsResp, ClientError> {
        self.get(&format!("{PREFIX}/contracts"), q).await
    }

    pub async fn show_contract(
        &self,
        contract_id: &str,
    ) -> Result<ContractDetailResp, ClientError> {
        let id = path_segment(contract_id, IdKind::Contract)?;
        self.get(&format!("{PREFIX}/contracts/{id}"), &()).await
    }

    /// A write that must happen at most once: it carries the client request id, and a
    /// repeat with the same id gets the first answer (docs/design.md §5).
    async fn write_once<B: Serialize, R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &B,
        request_id: &str,
    ) -> Result<R, ClientError> {
        let bytes = serde_json::to_vec(body).map_err(|e| ClientError::Decode {
            status: 0,
            detail: e.to_string(),
        })?;
        let (status, bytes) = self
            .send_raw(
                method,
                path,
                Vec::new(),
                Some(bytes),
                &[(REQUEST_ID_HEADER, request_id)],
            )
            .await?;
        decode(status, &bytes)
    }

    pub async fn profile(&self) -> Result<Profile, ClientError> {
        self.get(&format!("{PREFIX}/profile"), &()).await
    }

    /// Changes the profile's `phone`, `email` or `password`.
    pub async fn change_profile(
        &self,
        field: &str,
        req: &ProfileChangeReq,
        request_id: &str,
    ) -> Result<Profile, ClientError> {
        if !["phone", "email", "password"].contains(&field) {
            return Err(ClientError::NotAProfileField(field.to_string()));
        }
        let path = format!("{PREFIX}/profile/{field}");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn invitation(&self) -> Result<Invitation, ClientError> {
        self.get(&format!("{PREFIX}/invitation"), &()).await
    }

    pub async fn recharge_account(&self) -> Result<RechargeAccount, ClientError> {
        self.get(&format!("{PREFIX}/recharge/account"), &()).await
    }

    /// Sends the remittance account to the partner's phone.
    pub async fn send_recharge_account(&self) -> Result<SmsSent, ClientError> {
        self.post(
            &format!("{PREFIX}/recharge/account/sms"),
            &serde_json::json!({}),
        )
        .await
    }

    /// The remittance account's proof file (text).
    pub async fn recharge_proof(&self) -> Result<String, ClientError> {
        self.get_text(&format!("{PREFIX}/recharge/proof")).await
    }

    pub async fn agreements(&self) -> Result<AgreementsResp, ClientError> {
        self.get(&format!("{PREFIX}/agreements"), &()).await
    }

    pub async fn add_agreement(
        &self,
        req: &AddAgreementReq,
        request_id: &str,
    ) -> Result<Agreement, ClientError> {
        let path = format!("{PREFIX}/agreements");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn void_agreement(
        &self,
        agreement_id: &str,
        request_id: &str,
    ) -> Result<Agreement, ClientError> {
        let id = path_segment(agreement_id, IdKind::Agreement)?;
        let path = format!("{PREFIX}/agreements/{id}/void");
        self.write_once(Method::POST, &path, &serde_json::json!({}), request_id)
            .await
    }

    /// What decides whether a customer's association type can be switched.
    pub async fn association(&self, customer_id: &str) -> Result<AssociationStatus, ClientError> {
        let id = path_segment(customer_id, IdKind::Customer)?;
        self.get(&format!("{PREFIX}/customers/{id}/association"), &())
            .await
    }

    /// Asks the customer to switch association type; pending until they answer.
    pub async fn switch_association(
        &self,
        customer_id: &str,
        req: &SwitchAssociationReq,
        request_id: &str,
    ) -> Result<SwitchRequest, ClientError> {
        let id = path_segment(customer_id, IdKind::Customer)?;
        let path = format!("{PREFIX}/customers/{id}/association/switch");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    /// What can be priced for a service (specs, usage units, regions).
    pub async fn specs(&self, service_type_code: &str) -> Result<SpecsResp, ClientError> {
        let q = SpecsQuery {
            service_type_code: service_type_code.to_string(),
        };
        self.get(&format!("{PREFIX}/catalog/specs"), &q).await
    }

    /// The partner's recent switch requests, newest first.
    pub async fn switches(&self) -> Result<SwitchesResp, ClientError> {
        self.get(&format!("{PREFIX}/association-switches"), &())
            .await
    }

    /// A GET whose answer is a text file.
    async fn get_text(&self, path: &str) -> Result<String, ClientError> {
        let (status, bytes) = self
            .send_raw(Method::GET, path, Vec::new(), None, &[])
            .await?;
        String::from_utf8(bytes.to_vec()).map_err(|e| ClientError::Decode {
            status,
            detail: e.to_string(),
        })
    }

    /// A contract's bill, as the CSV text the backend makes.
    pub async fn contract_bill(&self, contract_id: &str) -> Result<String, ClientError> {
        let id = path_segment(contract_id, IdKind::Contract)?;
        self.get_text(&format!("{PREFIX}/contracts/{id}/bill"))
            .await
    }

    /// A fund transfer through the public BSS API (no verification code), with the
    /// client request id (backends that keep outcomes use it; others ignore it).
    /// Returns the transaction id.
    pub async fn transfer_bss(
        &self,
        to: TransferTarget,
        target_id: &str,
        amount: rust_decimal::Decimal,
        request_id: &str,
    ) -> Result<String, ClientError> {
        let customer = CustomerAmountReq {
            customer_id: target_id.into(),
            amount,
            indirect_partner_id: None,
        };
        let reseller = IndirectPartnerAmountReq {
            indirect_partner_id: target_id.into(),
            amount,
        };
        Ok(match to {
            TransferTarget::ResellerAllocate => {
                let path = "/v2/accounts/partner-accounts/indirect-partner-adjust";
                let r: TransferIdResp = self
                    .write_once(Method::POST, path, &reseller, request_id)
                    .await?;
                r.transfer_id
            }
            TransferTarget::ResellerRecall => {
                let path = "/v2/accounts/partner-accounts/indirect-partner-reclaim";
                let r: TransIdResp = self
                    .write_once(Method::POST, path, &reseller, request_id)
                    .await?;
                r.trans_id
            }
            TransferTarget::CustomerAllocate => {
                let path = "/v2/accounts/partner-accounts/adjust-amount";
                let r: TransferIdResp = self
                    .write_once(Method::POST, path, &customer, request_id)
                    .await?;
                r.transfer_id
            }
            TransferTarget::CustomerRecall => {
                let path = "/v2/accounts/partner-accounts/reclaim";
                let r: TransIdResp = self
                    .write_once(Method::POST, path, &customer, request_id)
                    .await?;
                r.trans_id
            }
        })
    }

    /// Sends a verification code for one operation.
    pub async fn request_code(&self, req: &ChallengeReq) -> Result<Challenge, ClientError> {
        self.post(&format!("{PREFIX}/verification/challenges"), req)
            .await
    }

    pub async fn verification_setting(&self) -> Result<VerificationSetting, ClientError> {
        self.get(&format!("{PREFIX}/verification/setting"), &())
            .await
    }

    pub async fn set_verification(
        &self,
        req: &SetVerificationReq,
        request_id: &str,
    ) -> Result<VerificationSetting, ClientError> {
        let path = format!("{PREFIX}/verification/setting");
        self.write_once(Method::PUT, &path, req, request_id).await
    }

    pub async fn pay_orders(
        &self,
        req: &PayOrdersReq,
        request_id: &str,
    ) -> Result<PayOrdersResp, ClientError> {
        let path = format!("{PREFIX}/orders/pay");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn reject_order(
        &self,
        order_id: &str,
        req: &RejectOrderReq,
        request_id: &str,
    ) -> Result<RejectOrderResp, ClientError> {
        let id = path_segment(order_id, IdKind::Order)?;
        let path = format!("{PREFIX}/orders/{id}/reject");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn order_pricing(&self, order_id: &str) -> Result<OrderPricing, ClientError> {
        let id = path_segment(order_id, IdKind::Order)?;
        self.get(&format!("{PREFIX}/orders/{id}/pricing"), &())
            .await
    }

    pub async fn adjust_price(
        &self,
        order_id: &str,
        req: &AdjustPriceReq,
        request_id: &str,
    ) -> Result<OrderPricing, ClientError> {
        let id = path_segment(order_id, IdKind::Order)?;
        let path = format!("{PREFIX}/orders/{id}/adjust-price");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    /// Allocates to or recalls from a reseller (`resellers`) or a customer (`customers`).
    pub async fn transfer(
        &self,
        to: TransferTarget,
        target_id: &str,
        req: &TransferReq,
        request_id: &str,
    ) -> Result<TransferResp, ClientError> {
        let id = path_segment(target_id, IdKind::Other)?;
        let (kind, verb) = to.path();
        let path = format!("{PREFIX}/{kind}/{id}/{verb}");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn pay_plan(
        &self,
        contract_id: &str,
        plan_id: &str,
        req: &PayPlanReq,
        request_id: &str,
    ) -> Result<TransferResp, ClientError> {
        let c = path_segment(contract_id, IdKind::Contract)?;
        let p = path_segment(plan_id, IdKind::Plan)?;
        let path = format!("{PREFIX}/contracts/{c}/plans/{p}/pay");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn issue_coupon(
        &self,
        req: &IssueCouponReq,
        request_id: &str,
    ) -> Result<CreatePartnerCouponsResp, ClientError> {
        let path = format!("{PREFIX}/coupons");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    pub async fn recall_coupon(
        &self,
        coupon_id: &str,
        req: &RecallCouponReq,
        request_id: &str,
    ) -> Result<serde_json::Value, ClientError> {
        let id = path_segment(coupon_id, IdKind::Coupon)?;
        let path = format!("{PREFIX}/coupons/{id}/reclaim");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    /// Gives a reseller a coupon quota behind a verification code.
    pub async fn give_quota(
        &self,
        req: &GiveQuotaReq,
        request_id: &str,
    ) -> Result<AdjustCouponQuotasResp, ClientError> {
        let path = format!("{PREFIX}/coupon-quotas/give");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    /// Takes back what is left of resellers' quotas behind a verification code.
    pub async fn take_quota(
        &self,
        req: &TakeQuotaReq,
        request_id: &str,
    ) -> Result<ReclaimCouponQuotasResp, ClientError> {
        let path = format!("{PREFIX}/coupon-quotas/take");
        self.write_once(Method::POST, &path, req, request_id).await
    }

    /// What became of a write sent with `request_id`. Asking closes an id the backend
    /// never saw, so a "not applied" answer stays true.
    pub async fn request_outcome(&self, request_id: &str) -> Result<RequestOutcome, ClientError> {
        let id = path_segment(request_id, IdKind::Request)?;
        self.get(&format!("{PREFIX}/requests/{id}"), &()).await
    }

    /// Sends an arbitrary signed request and returns the raw success body — for tests of
    /// the server's handling of bad input, and for tools.
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        query: Vec<(String, String)>,
        body: Option<Vec<u8>>,
    ) -> Result<(u16, bytes::Bytes), ClientError> {
        let method = Method::from_bytes(method.as_bytes())
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        self.send_raw(method, path, query, body, &[]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_in_every_shape() {
        let e = parse_error(
            400,
            br#"{"error_code":"CBC.0100","error_msg":"bad"}"#,
            Some("r1".into()),
        );
        assert_eq!(
            e,
            ClientError::Api {
                status: 400,
                code: "CBC.0100".into(),
                message: "bad".into(),
                request_id: Some("r1".into())
            }
        );
        assert_eq!(
            parse_error(400, br#"{"errorCode":"CBC.1","errorMsg":"m"}"#, None).code(),
            Some("CBC.1")
        );
        assert_eq!(
            parse_error(400, br#"{"code":"X","message":"m"}"#, None).code(),
            Some("X")
        );
        assert_eq!(
            parse_error(
                400,
                br#"{"error":{"error_code":"N","error_msg":"m"}}"#,
                None
            )
            .code(),
            Some("N")
        );
        let e = parse_error(502, b"<html>bad gateway</html>", None);
        assert_eq!(e.code(), Some("502"));
        assert!(e.to_string().contains("bad gateway"));
        assert!(
            parse_error(
                401,
                br#"{"error_code":"APIGW.0301","error_msg":"x","request_id":"abc"}"#,
                None
            )
            .to_string()
            .starts_with("APIGW.0301")
        );
    }

    #[test]
    fn which_failures_leave_the_outcome_unknown() {
        let api = |status, code: &str| ClientError::Api {
            status,
            code: code.into(),
            message: String::new(),
            request_id: None,
        };
        assert!(ClientError::Timeout(DEFAULT_TIMEOUT).outcome_unknown());
        assert!(ClientError::Transport("reset".into()).outcome_unknown());
        assert!(
            ClientError::Decode {
                status: 200,
                detail: String::new()
            }
            .outcome_unknown()
        );
        assert!(
            api(502, "502").outcome_unknown(),
            "a gateway error without a CBC body"
        );
        assert!(
            api(500, "CBC.0999").outcome_unknown(),
            "a service's 5xx may come after its commit"
        );
        assert!(!api(400, "CBC.99005003").outcome_unknown());
        assert!(
            !ClientError::Connect("refused".into()).outcome_unknown(),
            "nothing was sent"
        );
    }

    #[test]
    fn query_pairs_skip_none_and_render_numbers() {
        let q = CustomerOrdersQuery {
            status: Some(6),
            limit: Some(100),
            order_id: None,
            ..Default::default()
        };
        let mut pairs = query_pairs(&q);
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("limit".into(), "100".into()),
                ("status".into(), "6".into())
            ]
        );
    }

    #[test]
    fn query_lists_go_as_the_key_repeated() {
        let q = CouponRecordsQuery {
            operation_types: Some(vec!["1".into(), "2".into()]),
            limit: Some(10),
            ..Default::default()
        };
        let mut pairs = query_pairs(&q);
        pairs.sort();
        assert_eq!(
            pairs,
            vec![
                ("limit".into(), "10".into()),
                ("operation_types".into(), "1".into()),
                ("operation_types".into(), "2".into())
            ]
        );
    }

    #[test]
    fn endpoints_are_checked() {
        let c = Credentials {
            security_token: Some("token-value".into()),
            ..Credentials::new("a", "secret-value")
        };
        assert_eq!(
            Client::new("http://127.0.0.1:8080/", c.clone())
                .unwrap()
                .target
                .host,
            "127.0.0.1:8080"
        );
        assert_eq!(
            Client::new("https://bss.myhuaweicloud.com", c.clone())
                .unwrap()
                .target
                .host,
            "bss.myhuaweicloud.com"
        );
        assert!(Client::new("ftp://x", c.clone()).is_err());
        assert!(Client::new("not a url", c.clone()).is_err());
        assert!(Client::new("http://x/path", c.clone()).is_err());
        assert!(
            !format!("{c:?}").contains("secret-value"),
            "Debug hides the SK"
        );
        assert!(
            !format!("{c:?}").contains("token-value"),
            "Debug hides the security token"
        );
        // IAM: Huawei's for Huawei's sites, the backend itself for any other.
        assert_eq!(
            default_iam_endpoint("https://bss.myhuaweicloud.com"),
            HUAWEI_IAM
        );
        assert_eq!(
            default_iam_endpoint("https://bss-intl.myhuaweicloud.com"),
            HUAWEI_IAM
        );
        assert_eq!(
            default_iam_endpoint("https://bss.myhuaweicloud.eu"),
            HUAWEI_IAM_EU
        );
        assert_eq!(
            default_iam_endpoint("http://127.0.0.1:8080/"),
            "http://127.0.0.1:8080"
        );
    }
}
