//! Partner Center API (`/partner-center/v1/…`): what the web partner center does that the
//! public BSS API lacks (docs/bss-api.md §9). Same conventions as BSS: signed requests,
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
    /// The due date of the earliest unpaid instalment (past: overdue), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
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

// ------------------------------------------------------------ verification (docs/design.md §3)

/// The request header carrying a write's client request id (docs/design.md §5).
pub const REQUEST_ID_HEADER: &str = "X-Client-Request-Id";

/// The operations that need a verification code while the partner's setting is on.
/// A code is issued for one scene and bound to the operation's key fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scene {
    PayOrders,
    AdjustPrice,
    ResellerAllocate,
    ResellerRecall,
    CustomerAllocate,
    CustomerRecall,
    PayPlan,
    CouponIssue,
    CouponRecall,
    QuotaGive,
    QuotaTake,
    VerificationOff,
    ProfilePhone,
    /// The new phone's own code, sent to it: a phone is changed only to a number that
    /// received it (whatever the verification setting).
    ProfilePhoneNew,
    ProfileEmail,
    ProfilePassword,
    SwitchAssociation,
}

impl Scene {
    pub fn as_str(self) -> &'static str {
        match self {
            Scene::PayOrders => "pay_orders",
            Scene::AdjustPrice => "adjust_price",
            Scene::ResellerAllocate => "reseller_allocate",
            Scene::ResellerRecall => "reseller_recall",
            Scene::CustomerAllocate => "customer_allocate",
            Scene::CustomerRecall => "customer_recall",
            Scene::PayPlan => "pay_plan",
            Scene::CouponIssue => "coupon_issue",
            Scene::CouponRecall => "coupon_recall",
            Scene::QuotaGive => "quota_give",
            Scene::QuotaTake => "quota_take",
            Scene::VerificationOff => "verification_off",
            Scene::ProfilePhone => "profile_phone",
            Scene::ProfilePhoneNew => "profile_phone_new",
            Scene::ProfileEmail => "profile_email",
            Scene::ProfilePassword => "profile_password",
            Scene::SwitchAssociation => "switch_association",
        }
    }
}

/// Where a code is sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[default]
    Sms,
    Email,
}

/// The key fields a code is bound to, in the form both sides compute: a code issued
/// for paying order A does not pay order B. For `pay_orders` the fields are the payment
/// method, then the order ids (in any order); amounts are given by [`money_key`]. The
/// fields are JSON-encoded, so no field can smuggle in a separator.
pub fn binding(scene: Scene, fields: &[&str]) -> String {
    let mut parts: Vec<&str> = fields.to_vec();
    if scene == Scene::PayOrders && parts.len() > 1 {
        parts[1..].sort_unstable();
    }
    serde_json::to_string(&(scene.as_str(), parts)).unwrap_or_default()
}

/// `POST /partner-center/v1/verification/challenges`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeReq {
    pub scene: Scene,
    pub channel: Channel,
    /// The operation's key fields (see [`binding`]), e.g. the order ids to pay, or the
    /// reseller id and the amount in yuan.
    pub target: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    pub challenge_id: String,
    pub channel: Channel,
    /// `138****0001` or `op***@example.com`.
    pub masked_recipient: String,
    pub expires_at: String,
    /// No new code for this operation before this time.
    pub resend_after: String,
    /// The same two, as seconds from now: clients count from when the answer arrives,
    /// whatever their clock says.
    pub expires_in: i64,
    pub resend_in: i64,
    pub attempts_left: i32,
}

/// The code that authorises one write, in the write's body. `Debug` never shows it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    pub challenge_id: String,
    pub code: String,
}

impl std::fmt::Debug for Verification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verification")
            .field("challenge_id", &self.challenge_id)
            .field("code", &"******")
            .finish()
    }
}

/// `GET|PUT /partner-center/v1/verification/setting`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationSetting {
    pub enabled: bool,
    /// Masked phone and e-mail the codes go to.
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetVerificationReq {
    pub enabled: bool,
    /// Required to turn the setting off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

// ------------------------------------------------------------ pay on behalf

pub const MAX_BATCH: usize = 30;

/// How the partner pays: cash balance (with the allocatable balance), or the credit line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayMethod {
    #[default]
    Balance,
    Credit,
}

impl PayMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            PayMethod::Balance => "balance",
            PayMethod::Credit => "credit",
        }
    }
}

/// `POST /partner-center/v1/orders/pay`: one to 30 orders, one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayOrdersReq {
    pub order_ids: Vec<String>,
    #[serde(default)]
    pub payment_method: PayMethod,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayOrdersResp {
    pub results: Vec<PayResult>,
}

/// One order's outcome in a pay request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayResult {
    pub order_id: String,
    pub paid: bool,
    #[serde(with = "json_number")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trans_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_msg: Option<String>,
}

/// `POST /partner-center/v1/orders/{order_id}/reject`: decline to pay; the customer
/// can then pay the order itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectOrderReq {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectOrderResp {
    pub order_id: String,
}

// ------------------------------------------------------------ adjust price

/// `GET /partner-center/v1/orders/{order_id}/pricing`: what a price adjustment needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderPricing {
    pub order_id: String,
    pub status: i32,
    #[serde(with = "json_number")]
    pub unit_price: Decimal,
    #[serde(with = "json_number")]
    pub catalog_unit_price: Decimal,
    #[serde(with = "json_number")]
    pub floor_unit_price: Decimal,
    pub quantity: i32,
    pub periods: i32,
    #[serde(with = "json_number")]
    pub amount: Decimal,
    #[serde(with = "json_number")]
    pub official_amount: Decimal,
}

/// `POST /partner-center/v1/orders/{order_id}/adjust-price`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustPriceReq {
    #[serde(with = "json_number")]
    pub unit_price: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

// ------------------------------------------------------------ funds twins

/// `POST /partner-center/v1/{resellers|customers}/{id}/{allocate|recall}`: the BSS
/// transfers, behind a code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferReq {
    #[serde(with = "json_number")]
    pub amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// Every twin answers with the transaction id, whatever its BSS twin calls it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransferResp {
    pub trans_id: String,
}

// ------------------------------------------------------------ contract plans, coupons

/// `POST /partner-center/v1/contracts/{contract_id}/plans/{plan_id}/pay`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayPlanReq {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// `POST /partner-center/v1/coupons`: issue a coupon to customers (government partners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueCouponReq {
    pub quota_id: String,
    pub customer_ids: Vec<String>,
    #[serde(with = "json_number")]
    pub face_value: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// `POST /partner-center/v1/coupons/{coupon_id}/reclaim`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecallCouponReq {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// `POST /partner-center/v1/coupon-quotas/give`: a distributor gives one reseller a
/// quota from one of its own (the twin of `update_coupon_quotas`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GiveQuotaReq {
    pub quota_id: String,
    pub indirect_partner_id: String,
    #[serde(with = "json_number")]
    pub quota_amount: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// `POST /partner-center/v1/coupon-quotas/take`: takes back what is left of quotas given
/// to resellers (the twin of `reclaim_coupon_quotas`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TakeQuotaReq {
    pub quota_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

// ------------------------------------------------------------ exactly once

/// `GET /partner-center/v1/requests/{request_id}`: what became of a write. Asking about
/// a request id the backend never saw closes it: a late arrival is then refused, so
/// "not applied" stays true.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestOutcome {
    pub request_id: String,
    /// `applied` (the stored answer is in `response`) or `not_applied`.
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<serde_json::Value>,
}

pub const APPLIED: &str = "applied";
pub const NOT_APPLIED: &str = "not_applied";

/// An amount as a binding field: always 2 decimals, so `100.5` and `100.50` agree.
pub fn money_key(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(2))
}

/// Where a fund transfer twin goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferTarget {
    ResellerAllocate,
    ResellerRecall,
    CustomerAllocate,
    CustomerRecall,
}

impl TransferTarget {
    /// `(resellers|customers, allocate|recall)` of the twin's path.
    pub fn path(self) -> (&'static str, &'static str) {
        match self {
            TransferTarget::ResellerAllocate => ("resellers", "allocate"),
            TransferTarget::ResellerRecall => ("resellers", "recall"),
            TransferTarget::CustomerAllocate => ("customers", "allocate"),
            TransferTarget::CustomerRecall => ("customers", "recall"),
        }
    }

    pub fn scene(self) -> Scene {
        match self {
            TransferTarget::ResellerAllocate => Scene::ResellerAllocate,
            TransferTarget::ResellerRecall => Scene::ResellerRecall,
            TransferTarget::CustomerAllocate => Scene::CustomerAllocate,
            TransferTarget::CustomerRecall => Scene::CustomerRecall,
        }
    }
}

// ------------------------------------------------------------ recharge (docs/design.md §3 Funds)

/// `GET /partner-center/v1/recharge/account`: the partner's dedicated remittance account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RechargeAccount {
    pub account_name: String,
    pub bank_name: String,
    pub account_number: String,
    pub currency: String,
    /// How transfers to it are credited.
    pub remark: String,
}

/// `POST /partner-center/v1/recharge/account/sms`: the account sent to the partner's phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsSent {
    pub sent_to: String,
}

pub const AGREEMENT_VALID: &str = "valid";
pub const AGREEMENT_VOIDED: &str = "voided";

/// A payment agreement (代付协议): the partner's standing agreement to pay on behalf.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub agreement_id: String,
    pub name: String,
    /// `valid` | `voided`
    pub status: String,
    pub signed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided_at: Option<String>,
}

/// `GET /partner-center/v1/agreements`
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementsResp {
    pub agreements: Vec<Agreement>,
}

/// `POST /partner-center/v1/agreements`: a new agreement; refused while one is valid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddAgreementReq {
    pub name: String,
}

// ------------------------------------------------------------ invitation

/// `GET /partner-center/v1/invitation`: the partner's association link, for its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub code: String,
    pub link: String,
}

// ------------------------------------------------------------ catalogue specs

/// `GET …/catalog/specs?service_type_code=…`: what can be priced for a service — the
/// rating APIs need the exact resource type, spec and usage unit, which BSS does not
/// list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecsQuery {
    pub service_type_code: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecsResp {
    pub regions: Vec<String>,
    pub specs: Vec<Spec>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spec {
    pub resource_type: String,
    pub resource_spec: String,
    pub spec_desc: String,
    pub usage_factor: String,
    pub usage_measure_id: i32,
    /// Priced per unit of size (GB, Mbps): a size is needed.
    pub sized: bool,
    pub on_demand: bool,
    pub monthly: bool,
    pub yearly: bool,
}

// ------------------------------------------------------------ association types

/// Association types of a customer (`association_type`).
pub const REFERRAL: &str = "1";
pub const RESELLER: &str = "2";

/// The other association type: what a switch turns `from` into.
pub fn other_association(from: &str) -> &'static str {
    if from == REFERRAL { RESELLER } else { REFERRAL }
}

pub const SWITCH_PENDING: &str = "pending";
pub const SWITCH_ACCEPTED: &str = "accepted";
pub const SWITCH_DECLINED: &str = "declined";

/// A request to switch a customer's association type, pending until the customer
/// answers in their account centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitchRequest {
    pub switch_id: String,
    pub customer_id: String,
    pub account_name: String,
    pub from_type: String,
    pub to_type: String,
    pub reason: String,
    /// `pending` | `accepted` | `declined`
    pub status: String,
    pub requested_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
}

/// `GET …/customers/{id}/association`: what decides whether the type can be switched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssociationStatus {
    pub customer_id: String,
    pub account_name: String,
    pub association_type: String,
    /// The latest expiry of the customer's unexpired reserved instances, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reserved_instances_until: Option<String>,
    /// `master` or `sub` when the customer is in an enterprise master/sub link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enterprise_link: Option<String>,
    /// What the partner allocated to the customer and has not recalled.
    #[serde(with = "json_number")]
    pub balance: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<SwitchRequest>,
}

/// `POST …/customers/{id}/association/switch`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SwitchAssociationReq {
    /// Why: shown to the customer with the notice.
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
}

/// Longest reason a switch request takes, in characters.
pub const SWITCH_REASON_MAX: usize = 200;

/// `GET …/association-switches`: the partner's recent switch requests, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwitchesResp {
    #[serde(default)]
    pub switches: Vec<SwitchRequest>,
}

// ------------------------------------------------------------ profile

/// `GET /partner-center/v1/profile`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub name: String,
    pub account_name: String,
    /// `distributor` | `solution_provider` | `government`
    pub partner_type: String,
    /// Masked.
    pub phone: Option<String>,
    pub email: Option<String>,
    pub verification_enabled: bool,
    /// The Huawei entity the partner contracted with.
    #[serde(default)]
    pub contracting_entity: Option<String>,
    /// Whether the partner has a dedicated remittance account (contracted with a Huawei
    /// Cloud entity); otherwise it recharges through its local Huawei channel manager.
    #[serde(default = "yes")]
    pub remittance_account: bool,
}

fn yes() -> bool {
    true
}

/// `POST /partner-center/v1/profile/{phone|email|password}`: the new value, behind a code
/// (identity verification by SMS or e-mail). A new password is never part of a code's
/// binding.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileChangeReq {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<Verification>,
    /// A new phone's own code ([`Scene::ProfilePhoneNew`], bound to the number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_phone: Option<Verification>,
}

impl std::fmt::Debug for ProfileChangeReq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileChangeReq")
            .field("value", &"***")
            .field("verification", &self.verification)
            .field("new_phone", &self.new_phone)
            .finish()
    }
}
