//! The Partner Center router (`/partner-center/v1/…`): the partner-center operations
//! that have no public API, signed and answered like BSS. Thin, like the BSS router.

use axum::extract::State;
use axum::routing::get;
use axum::{Extension, Json, Router};

use super::MockState;
use super::domain::{Caller, contracts};
use super::error::ApiError;
use super::extract::{ApiPath, ApiQuery};
use crate::api::partner_center::{Capabilities, ContractDetailResp, ContractsQuery, ContractsResp};

pub fn router() -> Router<MockState> {
    Router::new()
        .route("/partner-center/v1/capabilities", get(capabilities))
        .route("/partner-center/v1/contracts", get(list_contracts))
        .route(
            "/partner-center/v1/contracts/{contract_id}",
            get(show_contract),
        )
}

async fn capabilities() -> Json<Capabilities> {
    Json(Capabilities {
        version: "1".into(),
        features: vec!["contracts".into()],
    })
}

async fn list_contracts(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<ContractsQuery>,
) -> Result<Json<ContractsResp>, ApiError> {
    s.db.run(move |conn| contracts::list(conn, &c, &q))
        .await
        .map(Json)
}

async fn show_contract(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(contract_id): ApiPath<String>,
) -> Result<Json<ContractDetailResp>, ApiError> {
    let now = s.now();
    s.db.run(move |conn| contracts::detail(conn, &c, &contract_id, now))
        .await
        .map(Json)
}
