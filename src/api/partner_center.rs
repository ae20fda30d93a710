//! Partner Center API (`/partner-center/v1/…`): what the web partner center does that the
//! public BSS API lacks (bss-api.md §9). Same conventions as BSS: signed requests,
//! `offset`/`limit`, decimal yuan as JSON numbers, UTC `…Z` times, CBC error bodies.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::json_number;

pub const PREFIX: &str = "/partner-center/v1";

/// `GET /partner-center/v1/capabilities`: present only on backends that offer the
/// Partner Center surface (a 404 means BSS only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    pub version: String,
    /// Feature names, e.g. `contracts`.
    pub features: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractsQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
    /// `active` | `completed`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractsResp {
    pub total_count: i64,
    #[serde(default)]
    pub contracts: Vec<Contract>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub contract_id: String,
    pub contract_name: String,
    pub customer_id: String,
    pub customer_name: String,
    pub sign_time: String,
    pub effective_time: String,
    pub expire_time: String,
    #[serde(with = "json_number")]
    pub total_amount: Decimal,
    #[serde(with = "json_number")]
    pub paid_amount: Decimal,
    /// `active` | `completed`
    pub status: String,
    pub currency: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContractDetailResp {
    pub contract: Contract,
    #[serde(default)]
    pub payment_plans: Vec<PaymentPlan>,
}

pub const PLAN_PAID: &str = "paid";
pub const PLAN_DUE: &str = "due";
pub const PLAN_OVERDUE: &str = "overdue";

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PaymentPlan {
    pub plan_id: String,
    /// 1-based instalment number.
    pub installment: i32,
    pub due_date: String,
    #[serde(with = "json_number")]
    pub amount: Decimal,
    /// `paid` | `due` | `overdue` (derived from the due date while unpaid).
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_time: Option<String>,
}
