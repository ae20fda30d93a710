//! The mock partner backend: axum over SQLite, following the public BSS API closely
//! enough for the official Huawei SDK to call it. Routers are thin; the rules live in
//! [`domain`].

pub mod admin;
pub mod auth;
pub mod bss;
pub mod catalog;
pub mod credentials;
pub mod domain;
pub mod error;
pub mod extract;
pub mod gateway;
pub mod iam;
pub mod live;
pub mod partner_center;
pub mod seed;
pub mod serve;
pub mod state;
pub mod store;
pub mod throttle;

use std::net::SocketAddr;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::net::TcpListener;

use self::error::ApiError;
use pc_api::error::codes;

pub use self::state::{MockConfig, MockError, MockState};

/// Every response carries an `X-Request-Id` (the SDK reports it as request_id).
async fn request_id(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if let Ok(v) = HeaderValue::from_str(&uuid::Uuid::new_v4().simple().to_string()) {
        resp.headers_mut().insert("X-Request-Id", v);
    }
    resp
}

/// The whole mock: signed BSS and Partner Center APIs (the gateway's account check and
/// flow control before them), IAM's two calls, token-guarded admin API, the gateway's
/// 404 for anything else. `--bss-only` leaves the Partner Center paths out, as on
/// Huawei's own BSS.
pub fn router(state: MockState, limits: serve::Limits) -> Router {
    let services = if state.bss_only {
        bss::router(state.site)
    } else {
        bss::router(state.site).merge(partner_center::router())
    };
    let api = services
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                codes::PARAMETER_ERROR,
                "Method not allowed.",
            )
        })
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            gateway::throttle,
        ))
        .route_layer(middleware::from_fn(gateway::require_domain))
        .merge(iam::router())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            auth::verify_signature,
        ))
        .route_layer(middleware::from_fn_with_state(
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
        .fallback(gateway::no_such_api)
        .layer(middleware::from_fn(move |req, next| {
            serve::read_body(limits, req, next)
        }))
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
    let limits = config.limits;
    let config = config.clone();
    let state = tokio::task::spawn_blocking(move || MockState::open(&config))
        .await
        .map_err(|e| MockError::Seed(e.to_string()))??;
    let listener = TcpListener::bind(listen).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = router(state.clone(), limits);
    let task = tokio::spawn(serve::serve(listener, app, limits, rx));
    let live = live_every.map(|every| live::spawn(state.clone(), every));
    Ok(RunningMock {
        addr,
        state,
        shutdown: Some(tx),
        task: Some(task),
        live,
    })
}
