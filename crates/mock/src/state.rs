//! A running mock's shared state: the store, the catalogue, the credentials and their
//! lockouts, the clocks, the injected faults; how it is configured and opened.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::credentials::{Credential, Lockout};
use crate::error::ApiError;
use crate::seed::{self, Seed};
use crate::store::Db;
use crate::{credentials, domain};

/// Shared state of a running mock.
#[derive(Clone)]
pub struct MockState {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub admin_token: Arc<str>,
    credentials: Arc<HashMap<String, Credential>>,
    /// Temporary credentials issued on the admin API.
    pub(crate) temporary: Arc<credentials::Temporary>,
    /// Flow control per account and API.
    pub(crate) throttle: Arc<crate::throttle::Throttle>,
    /// Huawei's BSS alone: the Partner Center paths are unknown APIs.
    pub bss_only: bool,
    /// The site whose API is served.
    pub site: pc_api::site::Site,
    pub(crate) lockout: Arc<Lockout>,
    /// Seconds added to the wall clock (expiry tests; `POST /mock/clock`).
    clock_offset: Arc<AtomicI64>,
    /// Seconds added to the wall clock for the signature window and AK lockouts only.
    gateway_offset: Arc<AtomicI64>,
    /// Injected faults (`POST /mock/faults`).
    pub faults: Arc<std::sync::Mutex<Faults>>,
    /// How many answers the injected faults refused or cut off, for tests and benches.
    pub fault_counts: Arc<FaultCounts>,
}

impl MockState {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::seconds(self.clock_offset.load(Ordering::Relaxed))
    }

    /// The gateway's clock: signatures' 15-minute window and AK lockouts.
    pub fn gateway_now(&self) -> DateTime<Utc> {
        Utc::now() + TimeDelta::seconds(self.gateway_offset.load(Ordering::Relaxed))
    }

    pub fn set_gateway_clock_offset(&self, seconds: i64) {
        self.gateway_offset.store(seconds, Ordering::Relaxed);
    }

    pub fn clock_offset(&self) -> i64 {
        self.clock_offset.load(Ordering::Relaxed)
    }

    pub fn set_clock_offset(&self, seconds: i64) {
        self.clock_offset.store(seconds, Ordering::Relaxed);
    }

    /// A permanent AK's credential, or a temporary one's (expired ones included).
    pub fn credential(&self, ak: &str) -> Option<Credential> {
        self.credentials
            .get(ak)
            .cloned()
            .or_else(|| self.temporary.get(ak))
    }

    /// The partner whose permanent AK this is.
    pub fn permanent(&self, ak: &str) -> Option<&Credential> {
        self.credentials.get(ak)
    }

    /// Temporary credentials for the partner of a permanent AK, valid for `life` by the
    /// gateway's clock.
    pub fn issue_temporary(&self, ak: &str, life: TimeDelta) -> Option<credentials::Issued> {
        let caller = self.credentials.get(ak)?.caller.clone();
        Some(self.temporary.issue(&caller, life, self.gateway_now()))
    }

    /// Runs a write exactly once per (partner, request id) on the store: `before` (the
    /// code check) outside the write's transaction, `apply` inside it with the stored
    /// outcome. See [`domain::requests::once`].
    pub async fn write_once<T, B, A>(
        &self,
        caller: domain::Caller,
        request_id: Option<String>,
        operation: &'static str,
        fingerprint: String,
        before: B,
        apply: A,
    ) -> Result<axum::Json<T>, ApiError>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + Send + 'static,
        B: FnOnce(&rusqlite::Connection, &domain::Caller, DateTime<Utc>) -> Result<(), ApiError>
            + Send
            + 'static,
        A: FnOnce(&rusqlite::Connection, &domain::Caller, DateTime<Utc>) -> Result<T, ApiError>
            + Send
            + 'static,
    {
        let now = self.now();
        self.db
            .run(move |conn| {
                let w = domain::requests::Write {
                    caller: &caller,
                    request_id: request_id.as_deref(),
                    operation,
                    fingerprint,
                };
                domain::requests::once(
                    conn,
                    &w,
                    now,
                    |c| before(c, &caller, now),
                    |c| apply(c, &caller, now),
                )
            })
            .await
            .map(axum::Json)
    }
}

/// How to start a mock.
#[derive(Debug, Clone)]
pub struct MockConfig {
    pub data: Option<PathBuf>,
    pub seed: Seed,
    /// Fixed admin token; a random one when `None`.
    pub admin_token: Option<String>,
    /// Simulated customers act this often (`--live`); none when `None`.
    pub live: Option<std::time::Duration>,
    /// Deadlines for a request's header and body, connections per source.
    pub limits: crate::serve::Limits,
    /// Calls per second per account and API before the gateway answers 429 (Huawei's
    /// documented rate for partner operations is 10); `None`: no flow control.
    pub rate_limit: Option<u32>,
    /// Serve Huawei's BSS alone: the Partner Center paths answer as unknown APIs.
    pub bss_only: bool,
    /// The site whose API is served: the international one lacks the partner's funds
    /// and coupons, registers customers by e-mail and wants their country.
    pub site: pc_api::site::Site,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            data: None,
            seed: Seed::Demo,
            admin_token: None,
            live: None,
            limits: crate::serve::Limits::default(),
            rate_limit: Some(crate::throttle::HUAWEI_RATE),
            bss_only: false,
            site: pc_api::site::Site::Cn,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MockError {
    #[error("cannot open the store: {0}")]
    Store(#[from] rusqlite::Error),
    #[error("cannot seed the store: {0}")]
    Seed(String),
    #[error("the admin token must have at least 8 characters")]
    AdminToken,
    #[error("cannot listen: {0}")]
    Io(#[from] std::io::Error),
}

impl MockState {
    /// Opens the store, seeds it if it is new, and loads the credentials.
    pub fn open(config: &MockConfig) -> Result<MockState, MockError> {
        let db = Db::open(config.data.as_deref())?;
        let catalog = Arc::new(Catalog::load());
        let credentials = db.with(|conn| -> Result<_, MockError> {
            if !seed::is_seeded(conn)? {
                seed::seed(conn, config.seed, &catalog, Utc::now())
                    .map_err(|e: ApiError| MockError::Seed(e.msg))?;
            }
            Ok(credentials::load_credentials(conn)?)
        })?;
        let admin_token = match config.admin_token.as_deref() {
            None => uuid::Uuid::new_v4().simple().to_string(),
            // An empty token would equal a missing header and open the admin API.
            Some(t) if t.trim().len() < 8 => return Err(MockError::AdminToken),
            Some(t) => t.to_string(),
        };
        Ok(MockState {
            db,
            catalog,
            admin_token: admin_token.into(),
            credentials: Arc::new(credentials),
            temporary: Arc::default(),
            throttle: Arc::new(crate::throttle::Throttle::new(config.rate_limit)),
            bss_only: config.bss_only,
            site: config.site,
            lockout: Arc::new(Lockout::default()),
            clock_offset: Arc::new(AtomicI64::new(0)),
            gateway_offset: Arc::new(AtomicI64::new(0)),
            faults: Arc::default(),
            fault_counts: Arc::default(),
        })
    }
}

/// Faults injected into the signed APIs, for tests of what the console does when the
/// network misbehaves.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Every call waits this long before it is handled.
    #[serde(default)]
    pub delay_ms: u64,
    /// Share of calls answered with a gateway's bare 503, not handled (0–1).
    #[serde(default)]
    pub error_rate: f64,
    /// Share of successful writes (POST/PUT, not the queries and ratings sent as POST)
    /// whose response is cut off after the write committed (0–1): the client cannot
    /// tell whether it happened.
    #[serde(default)]
    pub drop_rate: f64,
}

/// What the injected faults did since the mock started.
#[derive(Debug, Default)]
pub struct FaultCounts {
    /// Requests answered with a bare 503, not handled.
    pub refused: std::sync::atomic::AtomicU64,
    /// Writes that committed and whose answer was cut off.
    pub dropped: std::sync::atomic::AtomicU64,
}
