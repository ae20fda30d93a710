//! The two IAM calls a BSS client makes before its first BSS call, signed with the same
//! AK/SK: the account (domain) of the AK, `GET /v3/auth/domains`, and a region's project,
//! `GET /v3/projects?name=REGION`. Keystone-shaped answers, as IAM writes them.

use axum::extract::{Extension, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use super::domain::{Caller, hex_id};
use super::error::ApiError;
use super::extract::ApiQuery;
use super::state::MockState;

pub fn router() -> Router<MockState> {
    Router::new()
        .route("/v3/auth/domains", get(domains))
        .route("/v3/projects", get(projects))
}

/// A region's project in an account: the same id for the same pair, every start.
pub fn project_id(domain_id: &str, region: &str) -> String {
    hex_id(&format!("project|{domain_id}|{region}"))
}

/// Whether `project_id` is one of the account's projects in a region sold.
pub fn is_project_of(s: &MockState, domain_id: &str, project_id: &str) -> bool {
    s.catalog
        .regions
        .iter()
        .any(|r| project_id == self::project_id(domain_id, r))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Links {
    #[serde(rename = "self")]
    pub this: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub enabled: bool,
    pub description: String,
    pub links: Links,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DomainsResp {
    pub domains: Vec<Domain>,
    pub links: Links,
}

async fn domains(
    State(s): State<MockState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<DomainsResp>, ApiError> {
    let id = caller.partner_id.clone();
    let name: String =
        s.db.run(move |conn| {
            Ok(conn.query_row(
                "SELECT account_name FROM partners WHERE id = ?1",
                [&id],
                |r| r.get(0),
            )?)
        })
        .await?;
    let base = "https://iam.myhuaweicloud.com/v3";
    Ok(Json(DomainsResp {
        domains: vec![Domain {
            links: Links {
                this: format!("{base}/domains/{}", caller.partner_id),
            },
            id: caller.partner_id,
            name,
            enabled: true,
            description: String::new(),
        }],
        links: Links {
            this: format!("{base}/auth/domains"),
        },
    }))
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectsQuery {
    pub name: Option<String>,
    pub domain_id: Option<String>,
    pub enabled: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub domain_id: String,
    pub parent_id: String,
    pub enabled: bool,
    pub is_domain: bool,
    pub description: String,
    pub links: Links,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProjectsResp {
    pub projects: Vec<Project>,
    pub links: Links,
}

/// The account's projects, one per region sold; `name` picks one region's (none for a
/// region that is not sold, as IAM answers an unknown name).
async fn projects(
    State(s): State<MockState>,
    Extension(caller): Extension<Caller>,
    ApiQuery(q): ApiQuery<ProjectsQuery>,
) -> Json<ProjectsResp> {
    let domain = caller.partner_id;
    let base = "https://iam.myhuaweicloud.com/v3";
    let projects = s
        .catalog
        .regions
        .iter()
        .filter(|r| q.name.as_deref().is_none_or(|n| n == r.as_str()))
        .filter(|_| q.domain_id.as_deref().is_none_or(|d| d == domain))
        .map(|r| {
            let id = project_id(&domain, r);
            Project {
                links: Links {
                    this: format!("{base}/projects/{id}"),
                },
                id,
                name: r.clone(),
                domain_id: domain.clone(),
                parent_id: domain.clone(),
                enabled: true,
                is_domain: false,
                description: String::new(),
            }
        })
        .collect();
    Json(ProjectsResp {
        projects,
        links: Links {
            this: format!("{base}/projects"),
        },
    })
}
