//! Request and response bodies of the BSS operations, field for field as docs/bss-api.md and
//! the official SDK's models name them. Requests refuse unknown fields (the mock answers
//! CBC.0100); responses are read leniently by the client.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::money::{json_number, json_number_opt};

/// `Option` fields are left out when `None`, as the SDK does.
macro_rules! wire {
    ($(#[$m:meta])* request $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($body)* }
    };
    // A request carrying identity data (ID or card numbers, codes): `Debug` withholds it,
    // so that no log or panic message can show it.
    ($(#[$m:meta])* identity_request $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name { $($body)* }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($name), " { <identity data withheld> }"))
            }
        }
    };
    // An answer is read as leniently as the SDKs read it: every field may be missing
    // (the real service leaves out what it has no value for), and takes its default.
    ($(#[$m:meta])* response $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(default)]
        pub struct $name { $($body)* }
    };
}

// ---------------------------------------------------------------- customers (§2)

wire!(
    /// `POST /v2/partners/sub-customers`
    request CreateSubCustomerReq {
        pub xaccount_id: String,
        pub xaccount_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub domain_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mobile_phone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verification_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub password: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_close_market_ms: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cooperation_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub include_association_result: Option<bool>,
        /// International site only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub domain_area: Option<String>,
        /// International site only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
    }
);

wire!(
    response CreateSubCustomerResp {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub domain_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub domain_name: Option<String>,
    }
);

wire!(
    /// `POST /v2/partners/sub-customers/query`
    request ListSubCustomersReq {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub association_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response ListSubCustomersResp {
        pub count: i64,
        #[serde(default)]
        pub customer_infos: Vec<CustomerInfo>,
    }
);

wire!(
    response AccountManager {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_name: Option<String>,
    }
);

wire!(
    response CustomerInfo {
        pub customer_id: String,
        pub account_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on: Option<String>,
        /// `"1"` consultative (referral), `"2"` reseller.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub association_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub telephone: Option<String>,
        /// `-1` none, `0` under review, `1` rejected, `2` verified.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verified_status: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub country_code: Option<String>,
        /// `-1` unset, `0` individual, `1` enterprise.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_type: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_frozen: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_managers: Option<Vec<AccountManager>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub xaccount_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub xaccount_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_level: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
    }
);

wire!(
    /// `POST /v2/partners/sub-customers/users/check-identity`
    request CheckUserIdentityReq {
        /// `email` | `mobile` | `name`
        pub search_type: String,
        pub search_value: String,
    }
);

wire!(
    response CheckUserIdentityResp {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub error_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub error_msg: Option<String>,
        /// `available` | `used_by_user`
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub check_result: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mobile_remain_available_num: Option<i32>,
    }
);

wire!(
    /// `POST /v2/bases/verificationcode/send`
    request SendVerificationCodeReq {
        /// `1` SMS (CN), `2` e-mail (international).
        pub receiver_type: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub timeout: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mobile_phone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub lang: Option<String>,
        /// `29` customer registration (default), `18` real-name auth by bank card.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub scene: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
    }
);

// ------------------------------------------------- real-name authentication (§10)

wire!(
    /// The bank card of a personal real-name authentication (`identify_type` 4).
    identity_request BankCardInfo {
        pub bank_account: String,
        /// The phone's country code, `0086`.
        pub areacode: String,
        /// The phone reserved at the bank: the scene-18 code goes there.
        pub mobile: String,
        pub verification_code: String,
    }
);

wire!(
    /// `POST /v2/customers/realname-auths/individual`
    identity_request PersonalRealnameAuthReq {
        pub customer_id: String,
        /// `0` identity document, `4` personal bank card.
        pub identify_type: i32,
        /// The document kind, with `0`: 3 passport, 5 HK/Macao permit, 6 Taiwan permit,
        /// 9 HK/Macao residence permit, 10 Taiwan residence permit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verified_type: Option<i32>,
        /// Uploaded image names (3 with a document).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub verified_file_url: Option<Vec<String>>,
        pub name: String,
        pub verified_number: String,
        /// `-1` first authentication.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub change_type: Option<i32>,
        pub xaccount_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bank_card_info: Option<BankCardInfo>,
    }
);

wire!(
    /// The legal representative of an enterprise authentication (field names as the API
    /// spells them).
    identity_request EnterprisePerson {
        pub legel_name: String,
        pub legel_id_number: String,
        /// `legalPerson`
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub certifier_role: Option<String>,
    }
);

wire!(
    /// `POST /v2/customers/realname-auths/enterprise`
    identity_request EnterpriseRealnameAuthReq {
        pub customer_id: String,
        /// `1` organisation document.
        pub identify_type: i32,
        /// 0 business licence, 1 public institution, 2 social organisation,
        /// 3 administrative law-enforcement, 4 organisation code, 99 other.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub certificate_type: Option<i32>,
        pub verified_file_url: Vec<String>,
        pub corp_name: String,
        pub verified_number: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reg_country: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reg_address: Option<String>,
        pub xaccount_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enterprise_person: Option<EnterprisePerson>,
    }
);

wire!(
    /// The answer of both submissions.
    response RealnameAuthResp {
        /// `0` decided at once, `1` goes to manual review.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_review: Option<i32>,
    }
);

wire!(
    /// `GET /v2/customers/realname-auths/result?customer_id=`
    request RealnameReviewQuery {
        pub customer_id: String,
    }
);

wire!(
    response RealnameReviewResp {
        /// `0` under review, `1` rejected, `2` passed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub review_result: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub opinion: Option<String>,
    }
);

// ---------------------------------------------------------------- resellers (§3)

wire!(
    /// `POST /v2/partners/indirect-partners/query`
    request ListIndirectPartnersReq {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response ListIndirectPartnersResp {
        pub count: i64,
        #[serde(default)]
        pub indirect_partners: Vec<IndirectPartner>,
    }
);

wire!(
    response IndirectPartner {
        pub indirect_partner_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub mobile_phone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub email: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub associated_on: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_manager_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_manager_name: Option<String>,
    }
);

wire!(
    /// `POST /v2/accounts/partner-accounts/indirect-partner-adjust` (allocate) and
    /// `…/indirect-partner-reclaim` (recall).
    request IndirectPartnerAmountReq {
        pub indirect_partner_id: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
    }
);

wire!(
    /// Allocations answer with `transfer_id`.
    response TransferIdResp {
        pub transfer_id: String,
    }
);

wire!(
    /// Recalls answer with `trans_id`.
    response TransIdResp {
        pub trans_id: String,
    }
);

wire!(
    /// `GET /v3/accounts/partner-accounts/adjust-records` (query)
    request AdjustRecordsQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trans_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

pub const OP_ALLOCATE: &str = "SOURCE_OPERATION_BEADJUST";
pub const OP_RECLAIM: &str = "SOURCE_OPERATION_BERETRIEVE";
pub const OP_RECLAIM_UNBIND: &str = "SOURCE_OPERATION_BEUNBIND";

wire!(
    response AdjustRecordsResp {
        pub total_count: i64,
        #[serde(default)]
        pub records: Vec<AdjustRecord>,
    }
);

wire!(
    response AdjustRecord {
        pub customer_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_name: Option<String>,
        pub operation_type: String,
        /// A string on the wire, unlike every other amount.
        pub amount: String,
        pub currency: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub apply_scene: Option<String>,
        pub operation_time: String,
        pub measure_id: i32,
        pub trans_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub memo: Option<String>,
    }
);

// ---------------------------------------------------------------- balances (§4)

wire!(
    /// `POST /v2/accounts/partner-accounts/adjust-amount` (allocate to a customer) and
    /// `…/reclaim` (recall from a customer).
    request CustomerAmountReq {
        pub customer_id: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    /// `GET /v2/accounts/partner-accounts/balances` (query)
    request PartnerBalancesQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

pub const ACCOUNT_BALANCE: i32 = 1;
pub const ACCOUNT_CREDIT: i32 = 2;
pub const ACCOUNT_ALLOCATABLE: i32 = 8;

wire!(
    response PartnerBalancesResp {
        #[serde(default)]
        pub account_balances: Vec<AccountBalance>,
    }
);

wire!(
    /// AccountBalanceV2: `account_type` 1 balance, 2 credit, 5 bonus, 7 deposit,
    /// 8 allocatable.
    response AccountBalance {
        pub account_id: String,
        pub account_type: i32,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        pub currency: String,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub designated_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub credit_amount: Option<Decimal>,
        pub measure_id: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub memo: Option<String>,
    }
);

wire!(
    request CustomerRef {
        pub customer_id: String,
    }
);

wire!(
    /// `POST /v2/accounts/customer-accounts/balances/batch-query`
    request CustomerBalancesReq {
        pub customer_infos: Vec<CustomerRef>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response CustomerBalancesResp {
        #[serde(default)]
        pub customer_balances: Vec<CustomerBalance>,
    }
);

wire!(
    response CustomerBalance {
        pub customer_id: String,
        #[serde(with = "json_number")]
        pub debt_amount: Decimal,
        /// Available balance.
        #[serde(with = "json_number")]
        pub amount: Decimal,
        pub currency: String,
        pub measure_id: i32,
    }
);

// ---------------------------------------------------------------- orders (§5)

wire!(
    /// `GET /v2/orders/customer-orders` (query)
    request CustomerOrdersQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        /// `createTime` | `-createTime`
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_by: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub payment_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub payment_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
        /// `oneself` (default) | `sub_customer`
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub method: Option<String>,
    }
);

wire!(
    response CustomerOrdersResp {
        pub total_count: i64,
        #[serde(default)]
        pub order_infos: Vec<CustomerOrder>,
    }
);

wire!(
    response Discount {
        pub discount_type: String,
        #[serde(with = "json_number")]
        pub discount_amount: Decimal,
    }
);

wire!(
    response AmountInfo {
        #[serde(default)]
        pub discounts: Vec<Discount>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub flexipurchase_coupon_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub coupon_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub stored_card_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub commission_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub consumed_amount: Option<Decimal>,
    }
);

wire!(
    response AgentPayInfo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub paying_agent_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_agent_pay: Option<bool>,
    }
);

wire!(
    response EnterpriseProject {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub name: Option<String>,
    }
);

wire!(
    /// CustomerOrderV2; the details read adds `user_name` and `pending_payment_end_time`.
    response CustomerOrder {
        pub order_id: String,
        pub customer_id: String,
        pub service_type_code: String,
        pub service_type_name: String,
        pub source_type: i32,
        pub status: i32,
        pub order_type: i32,
        #[serde(with = "json_number")]
        pub amount_after_discount: Decimal,
        #[serde(with = "json_number")]
        pub official_amount: Decimal,
        pub measure_id: i32,
        pub create_time: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub payment_time: Option<String>,
        pub currency: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contract_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub amount_info: Option<AmountInfo>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub user_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub pending_payment_end_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enterprise_projects: Option<Vec<EnterpriseProject>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub agent_pay_info: Option<AgentPayInfo>,
    }
);

wire!(
    /// `GET /v2/orders/customer-orders/details/{order_id}` (query)
    request OrderDetailsQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response OrderDetailsResp {
        pub total_count: i64,
        pub order_info: CustomerOrder,
        #[serde(default)]
        pub order_line_items: Vec<OrderLineItem>,
    }
);

wire!(
    response OrderLineItem {
        pub order_line_item_id: String,
        pub order_id: String,
        pub service_type_code: String,
        pub service_type_name: String,
        pub product_id: String,
        pub product_spec_desc: String,
        /// 0 day, 1 week, 2 month, 3 year, 4 hour, 5 one-off, 6 pay-per-use, 7 usage.
        pub period_type: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub period_num: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time: Option<String>,
        pub subscription_num: i32,
        #[serde(with = "json_number")]
        pub amount_after_discount: Decimal,
        #[serde(with = "json_number")]
        pub official_amount: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub amount_info: Option<AmountInfo>,
        pub currency: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub category_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub product_owner_service: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub commercial_resource: Option<String>,
    }
);

// ---------------------------------------------------------------- catalogue (§6)

wire!(
    /// Paging query of the catalogue reads (`limit`, `offset`, and one filter each).
    request CatalogQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        /// list_service_types: fuzzy name filter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_name: Option<String>,
        /// list_service_resources: required.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_code: Option<String>,
        /// list_usage_types: filter.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_type_code: Option<String>,
    }
);

wire!(
    response ServiceTypesResp {
        pub total_count: i64,
        #[serde(default)]
        pub service_types: Vec<ServiceType>,
    }
);

wire!(
    response ServiceType {
        pub service_type_name: String,
        pub service_type_code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub abbreviation: Option<String>,
    }
);

wire!(
    response ResourceTypesResp {
        pub total_count: i64,
        #[serde(default)]
        pub resource_types: Vec<ResourceType>,
    }
);

wire!(
    response ResourceType {
        pub resource_type_code: String,
        pub resource_type_name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_type_desc: Option<String>,
        pub service_type_code: String,
    }
);

wire!(
    response ServiceResourcesResp {
        pub total_count: i64,
        #[serde(default)]
        pub infos: Vec<ServiceResource>,
    }
);

wire!(
    response ServiceResource {
        pub basic_info: ServiceResourceBasicInfo,
    }
);

wire!(
    response ServiceResourceBasicInfo {
        pub resource_type_code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub product_owner_service: Option<String>,
        pub name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub description: Option<String>,
    }
);

wire!(
    response UsageTypesResp {
        pub total_count: i64,
        #[serde(default)]
        pub usage_types: Vec<UsageType>,
    }
);

wire!(
    response UsageType {
        pub code: String,
        pub name: String,
        pub resource_type_code: String,
        pub service_type_code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_type_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_name: Option<String>,
    }
);

wire!(
    response MeasureUnitsResp {
        #[serde(default)]
        pub measure_units: Vec<MeasureUnit>,
    }
);

wire!(
    response MeasureUnit {
        pub measure_id: i32,
        pub measure_name: String,
        pub abbreviation: String,
        /// 1 currency, 2 duration, 3 traffic, 4 quantity, …
        pub measure_type: i32,
    }
);

wire!(
    /// `POST /v2/bills/ratings/on-demand-resources`
    request OnDemandRatingReq {
        pub project_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub inquiry_precision: Option<i32>,
        pub product_infos: Vec<DemandProductInfo>,
    }
);

wire!(
    request DemandProductInfo {
        pub id: String,
        pub cloud_service_type: String,
        pub resource_type: String,
        pub resource_spec: String,
        pub region: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub available_zone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_size: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub size_measure_id: Option<i32>,
        pub usage_factor: String,
        #[serde(with = "json_number")]
        pub usage_value: Decimal,
        pub usage_measure_id: i32,
        pub subscription_num: i32,
    }
);

wire!(
    response OnDemandRatingResp {
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(with = "json_number")]
        pub discount_amount: Decimal,
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
        pub measure_id: i32,
        pub currency: String,
        #[serde(default)]
        pub product_rating_results: Vec<DemandProductRatingResult>,
    }
);

wire!(
    response DemandProductRatingResult {
        pub id: String,
        pub product_id: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(with = "json_number")]
        pub discount_amount: Decimal,
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
        pub measure_id: i32,
        #[serde(default)]
        pub discount_rating_results: Vec<DiscountRatingResult>,
    }
);

wire!(
    response DiscountRatingResult {
        pub discount_id: String,
        pub discount_type: i32,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        pub measure_id: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub discount_name: Option<String>,
    }
);

wire!(
    /// `POST /v2/bills/ratings/period-resources/subscribe-rate`
    request PeriodRatingReq {
        pub project_id: String,
        pub product_infos: Vec<PeriodProductInfo>,
    }
);

wire!(
    request PeriodProductInfo {
        pub id: String,
        pub cloud_service_type: String,
        pub resource_type: String,
        pub resource_spec: String,
        pub region: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub available_zone: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_size: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub size_measure_id: Option<i32>,
        /// 0 day, 2 month, 3 year, 4 hour.
        pub period_type: i32,
        pub period_num: i32,
        pub subscription_num: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fee_installment_mode: Option<String>,
    }
);

wire!(
    response PeriodRatingResp {
        pub official_website_rating_result: OfficialWebsiteRatingResult,
        #[serde(default)]
        pub optional_discount_rating_results: Vec<OptionalDiscountRatingResult>,
        pub currency: String,
    }
);

wire!(
    response OfficialWebsiteRatingResult {
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
        pub measure_id: i32,
        #[serde(default)]
        pub product_rating_results: Vec<PeriodProductOfficialRatingResult>,
    }
);

wire!(
    response PeriodProductOfficialRatingResult {
        pub id: String,
        pub product_id: String,
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
    }
);

wire!(
    response OptionalDiscountRatingResult {
        pub discount_id: String,
        pub discount_type: i32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub discount_name: Option<String>,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
        #[serde(with = "json_number")]
        pub discount_amount: Decimal,
        pub measure_id: i32,
        /// 1 = the best offer.
        pub best_offer: i32,
        #[serde(default)]
        pub product_rating_results: Vec<PeriodProductRatingResult>,
    }
);

wire!(
    response PeriodProductRatingResult {
        pub id: String,
        pub product_id: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(with = "json_number")]
        pub official_website_amount: Decimal,
        #[serde(with = "json_number")]
        pub discount_amount: Decimal,
        pub measure_id: i32,
    }
);

// ------------------------------------------------- the partner's account records

pub const BALANCE_TYPE_DEBIT: &str = "BALANCE_TYPE_DEBIT";
pub const BALANCE_TYPE_CREDIT: &str = "BALANCE_TYPE_CREDIT";
/// `trade_type` values of the account change records.
pub const TRADE_TYPES: [&str; 11] = [
    "RECHARGE",
    "DEDEUCT",
    "REFUND",
    "RFROZEN",
    "TRANS",
    "ADJUST",
    "BEADJUST",
    "BERETRIEVE",
    "BEUNBIND",
    "BONUSCONVERT",
    "TRADE_MODE_TRANSFER",
];

wire!(
    /// `GET /v2/accounts/partner-accounts/account-change-records` (query): dates are
    /// `YYYY-MM-DD` in UTC+8, at most a year apart.
    request AccountChangeRecordsQuery {
        pub balance_type: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trade_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trade_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trade_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response AccountChangeRecordsResp {
        pub total_count: i64,
        pub currency: String,
        #[serde(default)]
        pub records: Vec<AccountChangeRecord>,
    }
);

wire!(
    /// One change of the account: amounts are yuan as strings; `type` 1 is income,
    /// 2 expense.
    response AccountChangeRecord {
        pub account_change_id: String,
        pub trade_detail_type: String,
        pub trade_time: String,
        pub trade_id: String,
        pub change_amount: String,
        pub balance_after_change: String,
        #[serde(rename = "type")]
        pub kind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_name: Option<String>,
    }
);

// ------------------------------------------------- refunds

wire!(
    /// `GET /v2/orders/customer-orders/refund-orders` (query): what an unsubscription
    /// (or downgrade) order refunds; a partner names the customer.
    request RefundOrderQuery {
        pub order_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response RefundOrderResp {
        pub total_count: i64,
        #[serde(default)]
        pub refund_infos: Vec<RefundInfo>,
    }
);

wire!(
    /// OrderRefundInfoV2: a negative amount is refunded, a positive one consumed or a
    /// fee; `base_order_id` is the order it comes from.
    response RefundInfo {
        pub id: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        pub measure_id: String,
        pub customer_id: String,
        pub resource_type_code: String,
        pub service_type_code: String,
        pub resource_type_name: String,
        pub service_type_name: String,
        pub region_code: String,
        pub base_order_id: String,
    }
);

// ------------------------------------------------- pay-per-use resources

wire!(
    /// `POST /v2/partners/sub-customers/on-demand-resources/query`: one customer's
    /// pay-per-use resources.
    request OnDemandResourcesReq {
        pub customer_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub region_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response OnDemandResourcesResp {
        #[serde(default)]
        pub resources: Vec<OnDemandResource>,
        pub total_count: i64,
    }
);

wire!(
    /// CustomerOnDemandResource: status 1 normal, 2 grace period, 3 frozen, 4 changing,
    /// 5 closing, 6 closed.
    response OnDemandResource {
        pub customer_id: String,
        pub region_code: String,
        pub availability_zone_code: String,
        pub service_type_code: String,
        pub resource_type_code: String,
        pub service_type_name: String,
        pub resource_type_name: String,
        pub resource_id: String,
        pub resource_name: String,
        pub effective_time: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time: Option<String>,
        pub status: i32,
        pub resource_spec_code: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_info: Option<String>,
        pub product_spec_desc: String,
    }
);

// ------------------------------------------------- customers' consumption

wire!(
    /// `POST /v2/bills/subcustomer-bills/res-fee-records/sub-customers/query`: the
    /// customers that consumed in a bill cycle.
    request ConsumeSubCustomersReq {
        pub bill_cycle: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
    }
);

wire!(
    response ConsumeSubCustomersResp {
        #[serde(default)]
        pub sub_customers: Vec<SubCustomerId>,
        pub total_count: i64,
    }
);

wire!(
    response SubCustomerId {
        pub customer_id: String,
    }
);

wire!(
    /// `GET /v2/bills/subcustomer-bills/res-fee-records` (query): a customer's bill's
    /// lines for a cycle.
    request SubCustomerBillQuery {
        pub bill_cycle: String,
        pub customer_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub region_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub charging_mode: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bill_detail_type: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub trade_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub account_manager_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub association_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bill_date_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bill_date_end: Option<String>,
    }
);

wire!(
    response SubCustomerBillResp {
        pub total_count: i64,
        pub currency: String,
        #[serde(default)]
        pub fee_records: Vec<FeeRecord>,
    }
);

wire!(
    /// SubCustomerMonthlyBillDetail: one line of a customer's bill.
    response FeeRecord {
        pub bill_cycle: String,
        pub customer_id: String,
        pub association_type: String,
        pub service_type_code: String,
        pub resource_type_code: String,
        pub service_type_name: String,
        pub resource_type_name: String,
        pub charging_mode: i32,
        pub trade_time: String,
        pub trade_id: String,
        pub id: String,
        pub bill_detail_type: i32,
        pub resource_id: String,
        pub resource_name: String,
        pub product_spec_desc: String,
        pub region_code: String,
        #[serde(with = "json_number")]
        pub official_amount: Decimal,
        #[serde(with = "json_number")]
        pub official_discount_amount: Decimal,
        #[serde(with = "json_number")]
        pub payment_amount: Decimal,
        #[serde(with = "json_number")]
        pub cash_amount: Decimal,
        #[serde(with = "json_number")]
        pub coupon_amount: Decimal,
        #[serde(with = "json_number")]
        pub debt_amount: Decimal,
    }
);

wire!(
    /// `GET /v2/bills/partner-bills/subcustomer-bills/monthly-sum` (query): the
    /// reseller-type customers' bills of a cycle, summed per service.
    request MonthlyBillsQuery {
        pub cycle: String,
        /// `1` yearly/monthly, `3` on demand, `11` savings plan.
        pub charge_mode: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cloud_service_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub bill_type: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response MonthlyBillsResp {
        #[serde(default)]
        pub bill_sums: Vec<BillSum>,
        pub count: i64,
        pub currency: String,
    }
);

wire!(
    /// BillSumInfoV2: a customer's consumption of one service in a cycle.
    response BillSum {
        pub customer_id: String,
        pub cloud_service_type: String,
        pub cloud_service_type_name: String,
        pub bill_type: String,
        pub charge_mode: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub debt_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub adjustment_amount: Option<Decimal>,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub discount_amount: Option<Decimal>,
        pub measure_id: i32,
        #[serde(default)]
        pub account_details: Vec<BalanceDeduction>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_type_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_type_name: Option<String>,
    }
);

wire!(
    /// BalanceTypeDeductSumV2: how much of a sum each kind of balance paid.
    response BalanceDeduction {
        pub balance_type: String,
        #[serde(with = "json_number")]
        pub amount: Decimal,
        pub bill_type: String,
    }
);

// ------------------------------------------------- yearly/monthly resources

/// Resource statuses (`OrderInstanceV2.status`, `status_list`).
pub const RESOURCE_IN_USE: i32 = 2;
pub const RESOURCE_CLOSED: i32 = 3;
pub const RESOURCE_FROZEN: i32 = 4;
pub const RESOURCE_EXPIRED: i32 = 5;
/// `expire_policy` 3: renewed automatically at expiry.
pub const EXPIRE_POLICY_AUTO_RENEW: i32 = 3;

wire!(
    /// `POST /v2/orders/suscriptions/resources/query` (QueryResourcesReq). A partner
    /// must name the customer.
    request QueryResourcesReq {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub resource_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub only_main_resource: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status_list: Option<Vec<i32>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub service_type_code: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
    }
);

wire!(
    response QueryResourcesResp {
        #[serde(default)]
        pub data: Vec<OrderInstance>,
        pub total_count: i64,
    }
);

wire!(
    /// OrderInstanceV2: one yearly/monthly resource.
    response OrderInstance {
        pub id: String,
        pub resource_id: String,
        pub resource_name: String,
        pub region_code: String,
        pub service_type_code: String,
        pub resource_type_code: String,
        pub resource_type_name: String,
        pub service_type_name: String,
        pub resource_spec_code: String,
        pub project_id: String,
        pub product_id: String,
        pub parent_resource_id: String,
        pub is_main_resource: i32,
        pub status: i32,
        pub effective_time: String,
        pub expire_time: String,
        pub expire_policy: i32,
        pub product_spec_desc: String,
        #[serde(default, with = "json_number_opt", skip_serializing_if = "Option::is_none")]
        pub spec_size: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub spec_size_measure_id: Option<i32>,
        pub update_time: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub enterprise_project: Option<EnterpriseProject>,
    }
);

// ---------------------------------------------------------------- coupons (§7)

wire!(
    /// `POST /v2/promotions/benefits/partner-coupons`
    request CreatePartnerCouponsReq {
        pub quota_id: String,
        pub customer_ids: Vec<String>,
        #[serde(with = "json_number")]
        pub face_value: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub valid_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub cloud_service_types: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub product_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub memo: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response ErrorDetail {
        pub error_code: String,
        pub error_msg: String,
        pub id: String,
    }
);

wire!(
    response IssuedCouponInfo {
        /// The customer id.
        pub id: String,
        pub coupon_id: String,
    }
);

wire!(
    response CreatePartnerCouponsResp {
        #[serde(default)]
        pub error_details: Vec<ErrorDetail>,
        #[serde(default)]
        pub coupon_infos: Vec<IssuedCouponInfo>,
    }
);

wire!(
    /// `POST /v2/promotions/benefits/partner-coupons/reclaim`
    request ReclaimPartnerCouponsReq {
        pub coupon_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    /// `GET /v2/promotions/benefits/partner-coupons` (query)
    request IssuedCouponsQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coupon_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<String>,
        /// 1 voucher, 4 cash coupon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coupon_type: Option<i32>,
        /// 1 inactive, 2 usable, 3 used, 4 expired, 5 reclaimed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub status: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response IssuedCouponsResp {
        pub total_count: i64,
        #[serde(default)]
        pub user_coupons: Vec<IssuedCoupon>,
    }
);

wire!(
    response IssuedCoupon {
        pub coupon_id: String,
        pub status: i32,
        pub customer_id: String,
        pub coupon_type: i32,
        #[serde(with = "json_number")]
        pub face_value: Decimal,
        #[serde(with = "json_number")]
        pub balance: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub order_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub measure_id: Option<i32>,
        /// `"0"` | `"1"`
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_frozen: Option<String>,
    }
);

wire!(
    /// `POST /v2/partners/coupon-quotas/query` (the SDK's list_quota_coupons).
    request CouponQuotasReq {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_status_list: Option<Vec<i32>>,
        /// 0 voucher (the default), 1 cash coupon.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_type: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub create_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub effective_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub expire_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response CouponQuotasResp {
        pub total_count: i64,
        #[serde(default)]
        pub quotas: Vec<CouponQuota>,
    }
);

wire!(
    /// `GET /v2/promotions/benefits/partner-coupons/records/query` (query): the lists go
    /// as their key repeated.
    request CouponRecordsQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_types: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_type: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub coupon_ids: Option<Vec<String>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub customer_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_time_begin: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub operation_time_end: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub result: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
    }
);

wire!(
    response CouponRecordsResp {
        pub total_count: i64,
        #[serde(default)]
        pub records: Vec<CouponRecord>,
    }
);

wire!(
    /// CouponRecordV2: one operation on a coupon (`1` issued, `2` reclaimed by hand,
    /// `4` reclaimed at expiry, …), its amount and result (`0` success).
    response CouponRecord {
        pub id: String,
        pub operation_type: String,
        pub quota_id: String,
        pub quota_type: i32,
        pub coupon_id: String,
        pub customer_id: String,
        #[serde(with = "json_number")]
        pub operation_amount: Decimal,
        pub operation_time: String,
        pub result: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub remark: Option<String>,
    }
);

wire!(
    /// `GET /v2/partners/issued-coupon-quotas` (query): the quotas a distributor gave
    /// its resellers.
    request IssuedQuotasQuery {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub quota_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub indirect_partner_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub parent_quota_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub offset: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub limit: Option<i64>,
    }
);

wire!(
    response IssuedQuotasResp {
        pub total_count: i64,
        #[serde(default)]
        pub quotas: Vec<IssuedQuota>,
    }
);

wire!(
    /// IssuedCouponQuota: a reseller's quota, and the distributor's it came from.
    response IssuedQuota {
        pub quota_id: String,
        pub quota_type: i32,
        pub create_time: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub last_update_time: Option<String>,
        #[serde(with = "json_number")]
        pub quota_value: Decimal,
        pub quota_status: i32,
        #[serde(with = "json_number")]
        pub balance: Decimal,
        pub measure_id: i32,
        pub currency: String,
        pub effective_time: String,
        pub expire_time: String,
        pub indirect_partner_id: String,
        pub indirect_partner_account_name: String,
        pub indirect_partner_name: String,
        pub parent_quota_id: String,
    }
);

wire!(
    response CouponQuota {
        pub quota_id: String,
        pub quota_type: i32,
        pub create_time: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub last_update_time: Option<String>,
        #[serde(with = "json_number")]
        pub quota_value: Decimal,
        /// 0 normal, 3 invalid, 4 being adjusted, 5 frozen.
        pub quota_status: i32,
        #[serde(with = "json_number")]
        pub balance: Decimal,
        pub measure_id: i32,
        pub currency: String,
        pub effective_time: String,
        pub expire_time: String,
    }
);

wire!(
    /// `POST /v2/partners/coupon-quotas/indirect-partner-adjust`: a distributor gives
    /// each reseller named a quota of `quota_amount` from one of its own quotas.
    request AdjustCouponQuotasReq {
        pub quota_id: String,
        pub indirect_partner_ids: Vec<String>,
        #[serde(with = "json_number")]
        pub quota_amount: Decimal,
    }
);

wire!(
    /// QuotaSimpleInfo: the quota a reseller was given.
    response QuotaSimpleInfo {
        /// The reseller's id.
        pub id: String,
        pub quota_id: String,
    }
);

wire!(
    response AdjustCouponQuotasResp {
        #[serde(default)]
        pub error_details: Vec<ErrorDetail>,
        #[serde(default)]
        pub simple_quota_infos: Vec<QuotaSimpleInfo>,
    }
);

wire!(
    /// `POST /v2/partners/coupon-quotas/indirect-partner-reclaim`: takes back what is
    /// left of quotas given to resellers (at most 10).
    request ReclaimCouponQuotasReq {
        pub quota_ids: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub remark: Option<String>,
    }
);

wire!(
    /// QuotaReclaim: a reseller's quota after what was left of it was taken back.
    response QuotaReclaim {
        pub quota_id: String,
        #[serde(with = "json_number")]
        pub quota_balance: Decimal,
    }
);

wire!(
    response ReclaimCouponQuotasResp {
        #[serde(default)]
        pub error_details: Vec<ErrorDetail>,
        #[serde(default)]
        pub simple_quota_infos: Vec<QuotaReclaim>,
    }
);

impl From<IssuedQuota> for CouponQuota {
    /// A reseller's quota as a quota of its own (what the reseller sees of it).
    fn from(q: IssuedQuota) -> CouponQuota {
        CouponQuota {
            quota_id: q.quota_id,
            quota_type: q.quota_type,
            create_time: q.create_time,
            last_update_time: q.last_update_time,
            quota_value: q.quota_value,
            quota_status: q.quota_status,
            balance: q.balance,
            measure_id: q.measure_id,
            currency: q.currency,
            effective_time: q.effective_time,
            expire_time: q.expire_time,
        }
    }
}
