//! The mock partner backend: axum over SQLite, following the public BSS API closely
//! enough for the official Huawei SDK to call it. Routers are thin; the rules live in
//! [`domain`].

pub mod admin;
pub mod auth;
pub mod bss;
pub mod catalog;
pub mod domain;
pub mod error;
pub mod extract;
pub mod live;
pub mod partner_center;
pub mod seed;
pub mod store;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeDelta, Utc};
use tokio::net::TcpListener;

use self::auth::{Credential, Lockout};
use self::catalog::Catalog;
use self::error::ApiError;
use self::seed::Seed;
use self::store::Db;
use pc_api::error::codes;

/// Shared state of a running mock.
#[derive(Clone)]
pub struct MockState {
    pub db: Db,
    pub catalog: Arc<Catalog>,
    pub admin_token: Arc<str>,
    credentials: Arc<HashMap<String, Credential>>,
    lockout: Arc<Lockout>,
    /// Seconds added to the wall clock (expiry tests; `POST /mock/clock`).
    clock_offset: Arc<AtomicI64>,
    /// Seconds added to the wall clock for the signature window and AK lockouts only.
    gateway_offset: Arc<AtomicI64>,
    /// Injected faults (`POST /mock/faults`).
    pub faults: Arc<std::sync::Mutex<admin::Faults>>,
    /// How many answers the injected faults refused or cut off, for tests and benches.
    pub fault_counts: Arc<admin::FaultCounts>,
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

    pub fn credential(&self, ak: &str) -> Option<&Credential> {
        self.credentials.get(ak)
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
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            data: None,
            seed: Seed::Demo,
            admin_token: None,
            live: None,
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
            Ok(auth::load_credentials(conn)?)
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
            lockout: Arc::new(Lockout::default()),
            clock_offset: Arc::new(AtomicI64::new(0)),
            gateway_offset: Arc::new(AtomicI64::new(0)),
            faults: Arc::default(),
            fault_counts: Arc::default(),
        })
    }
}

/// Every response carries an `X-Request-Id` (the SDK reports it as request_id).
async fn request_id(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string()) {
        resp.headers_mut().insert("X-Request-Id", v);
    }
    resp
}

async fn not_found() -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        codes::INVALID_PARAMETER,
        "No such API.",
    )
    .into_response()
}

/// The whole mock: signed BSS and Partner Center APIs, token-guarded admin API,
/// CBC-style 404s.
pub fn router(state: MockState) -> Router {
    let api = bss::router()
        .merge(partner_center::router())
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                codes::PARAMETER_ERROR,
                "Method not allowed.",
            )
        })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::verify_signature,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            admin::inject_faults,
        ));
    let admin = admin::router().layer(middleware::from_fn_with_state(
        state.clone(),
        admin::require_token,
    ));
    Router::new()
        .merge(api)
        .merge(admin)
        .fallback(not_found)
        .layer(middleware::from_fn(request_id))
        .with_state(state)
}

/// A mock serving on a socket; dropped or [`RunningMock::shutdown`] stops it.
pub struct RunningMock {
    pub addr: SocketAddr,
    pub state: MockState,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
    /// The `--live` customers, when they run.
    live: Option<tokio::task::JoinHandle<()>>,
}

impl RunningMock {
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn shutdown(mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningMock {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            live.abort();
        }
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts a mock on `listen` (use `127.0.0.1:0` for a free port) in this runtime.
pub async fn start(listen: SocketAddr, config: &MockConfig) -> Result<RunningMock, MockError> {
    let live_every = config.live;
    let config = config.clone();
    let state = tokio::task::spawn_blocking(move || MockState::open(&config))
        .await
        .map_err(|e| MockError::Seed(e.to_string()))??;
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = router(state.clone());
    let task = tokio::spawn(async move {
        let served = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
        if let Err(e) = served {
            tracing::error!(error = %e, "mock server stopped");
        }
    });
    let live = live_every.map(|every| live::spawn(state.clone(), every));
    Ok(RunningMock {
        addr,
        state,
        shutdown: Some(tx),
        task: Some(task),
        live,
    })
}
