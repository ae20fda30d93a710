//! The BSS router: the public API's paths and methods (docs/bss-api.md §2–§7), each a thin
//! adapter from the wire to the domain layer.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Serialize;

use super::domain::{
    Caller, coupons, customers, funds, ledger, orders, realname, resources, spending,
};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, ClientRequestId, Language};
use super::state::MockState;
use pc_api::site::Site;
use pc_api::*;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// BSS as the site serves it: the international site has no partner balances, adjust
/// records, fund transfers or coupons.
pub fn router(site: Site) -> Router<MockState> {
    let common = Router::new()
        // customers
        .route("/v2/partners/sub-customers", post(create_sub_customer))
        .route("/v2/partners/sub-customers/query", post(list_sub_customers))
        .route(
            "/v2/partners/sub-customers/users/check-identity",
            post(check_user_identity),
        )
        .route(
            "/v2/bases/verificationcode/send",
            post(send_verification_code),
        )
        // real-name authentication
        .route(
            "/v2/customers/realname-auths/individual",
            post(create_personal_realname_auth),
        )
        .route(
            "/v2/customers/realname-auths/enterprise",
            post(create_enterprise_realname_auth),
        )
        .route(
            "/v2/customers/realname-auths/result",
            get(show_realname_review_result),
        )
        // resellers
        .route(
            "/v2/partners/indirect-partners/query",
            post(list_indirect_partners),
        )
        .route(
            "/v2/accounts/customer-accounts/balances/batch-query",
            post(list_customer_balances),
        )
        // orders
        .route("/v2/orders/customer-orders", get(list_customer_orders))
        .route(
            "/v2/orders/customer-orders/details/{order_id}",
            get(show_order_details),
        )
        .route(
            "/v2/orders/customer-orders/refund-orders",
            get(show_refund_order_details),
        )
        .route(
            "/v2/orders/suscriptions/resources/query",
            post(list_customer_resources),
        )
        .route(
            "/v2/partners/sub-customers/on-demand-resources/query",
            post(list_customer_on_demand_resources),
        )
        // consumption
        .route(
            "/v2/bills/subcustomer-bills/res-fee-records/sub-customers/query",
            post(list_consume_sub_customers),
        )
        .route(
            "/v2/bills/subcustomer-bills/res-fee-records",
            get(list_sub_customer_bill_detail),
        )
        .route(
            "/v2/bills/partner-bills/subcustomer-bills/monthly-sum",
            get(list_subcustomer_monthly_bills),
        )
        // catalogue
        .route("/v2/products/service-types", get(list_service_types))
        .route("/v2/products/resource-types", get(list_resource_types))
        .route(
            "/v2/products/service-resources",
            get(list_service_resources),
        )
        .route("/v2/products/usage-types", get(list_usage_types))
        .route("/v2/bases/measurements", get(list_measure_units))
        .route(
            "/v2/bills/ratings/on-demand-resources",
            post(rate_on_demand),
        )
        .route(
            "/v2/bills/ratings/period-resources/subscribe-rate",
            post(rate_period),
        );
    if !site.has_partner_funds() {
        return common;
    }
    common
        // funds
        .route(
            "/v2/accounts/partner-accounts/indirect-partner-adjust",
            post(allocate_to_reseller),
        )
        .route(
            "/v2/accounts/partner-accounts/indirect-partner-reclaim",
            post(reclaim_from_reseller),
        )
        .route(
            "/v3/accounts/partner-accounts/adjust-records",
            get(list_adjust_records),
        )
        .route(
            "/v2/accounts/partner-accounts/account-change-records",
            get(list_account_change_records),
        )
        // balances
        .route(
            "/v2/accounts/partner-accounts/adjust-amount",
            post(allocate_to_customer),
        )
        .route(
            "/v2/accounts/partner-accounts/reclaim",
            post(reclaim_from_customer),
        )
        .route(
            "/v2/accounts/partner-accounts/balances",
            get(list_partner_balances),
        )
        // coupons
        .route("/v2/partners/coupon-quotas/query", post(list_coupon_quotas))
        .route(
            "/v2/partners/issued-coupon-quotas",
            get(list_issued_coupon_quotas),
        )
        .route(
            "/v2/partners/coupon-quotas/indirect-partner-adjust",
            post(update_coupon_quotas),
        )
        .route(
            "/v2/partners/coupon-quotas/indirect-partner-reclaim",
            post(reclaim_coupon_quotas),
        )
        .route(
            "/v2/promotions/benefits/partner-coupons",
            post(create_partner_coupons).get(list_issued_coupons),
        )
        .route(
            "/v2/promotions/benefits/partner-coupons/reclaim",
            post(reclaim_partner_coupons),
        )
        .route(
            "/v2/promotions/benefits/partner-coupons/records/query",
            get(list_partner_coupons_record),
        )
}

/// Runs a read on the store.
async fn read<T, F>(state: &MockState, f: F) -> ApiResult<T>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&rusqlite::Connection) -> Result<T, ApiError> + Send + 'static,
{
    state.db.run(move |c| f(c)).await.map(Json)
}

/// Runs a write on the store with the mock's clock.
async fn write<T, F>(state: &MockState, f: F) -> ApiResult<T>
where
    T: Serialize + Send + 'static,
    F: FnOnce(&mut rusqlite::Connection, chrono::DateTime<chrono::Utc>) -> Result<T, ApiError>
        + Send
        + 'static,
{
    let now = state.now();
    state.db.run(move |c| f(c, now)).await.map(Json)
}

/// Operations without response fields answer 204, as the API documents for send code.
fn no_content(r: Result<Json<()>, ApiError>) -> Response {
    match r {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

/// A BSS write, exactly once when the caller sends `X-Client-Request-Id` (the official
/// SDK does not; then it runs like Huawei's: once per call).
async fn transfer<R, T, F>(
    s: &MockState,
    c: Caller,
    id: ClientRequestId,
    operation: &'static str,
    req: R,
    f: F,
) -> ApiResult<T>
where
    R: Serialize + Send + 'static,
    T: Serialize + serde::de::DeserializeOwned + Send + 'static,
    F: FnOnce(
            &rusqlite::Connection,
            &Caller,
            &R,
            chrono::DateTime<chrono::Utc>,
        ) -> Result<T, ApiError>
        + Send
        + 'static,
{
    let fingerprint = serde_json::to_string(&req).unwrap_or_default();
    s.write_once(
        c,
        id.0,
        operation,
        fingerprint,
        |_, _, _| Ok(()),
        move |conn, c, now| f(conn, c, &req, now),
    )
    .await
}

/// Exactly once when the caller sends `X-Client-Request-Id`. The registration code is
/// checked (and a wrong one counted) before the transaction, and spent inside it.
async fn create_sub_customer(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<CreateSubCustomerReq>,
) -> ApiResult<CreateSubCustomerResp> {
    let platform = super::seed::PLATFORM_ID;
    // The code and the password never reach the requests table, not even hashed
    // (a 6-digit code's hash is guessed in a moment).
    let public = CreateSubCustomerReq {
        verification_code: None,
        password: None,
        ..req.clone()
    };
    let fingerprint = serde_json::to_string(&public).unwrap_or_default();
    let check = req.clone();
    let site = s.site;
    s.write_once(
        c,
        id.0,
        "create_customer",
        fingerprint,
        move |conn, c, now| customers::check_registration_code(conn, c, &check, site, now),
        move |conn, c, now| customers::create(conn, c, platform, &req, now),
    )
    .await
}

/// A request's fingerprint that does not keep what it holds (identity numbers).
fn digest<T: Serialize>(req: &T) -> String {
    pc_api::signing::sha256_hex(serde_json::to_string(req).unwrap_or_default().as_bytes())
}

/// Exactly once with `X-Client-Request-Id`. A bank card's code is checked (a wrong one
/// counted) before the transaction and spent inside it; it never reaches the requests
/// table.
async fn create_personal_realname_auth(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<PersonalRealnameAuthReq>,
) -> ApiResult<RealnameAuthResp> {
    let platform = super::seed::PLATFORM_ID;
    // Only a digest reaches the requests table: ID and card numbers are not kept, and
    // the code is left out even of the digest.
    let mut public = req.clone();
    if let Some(card) = &mut public.bank_card_info {
        card.verification_code.clear();
    }
    let fingerprint = digest(&public);
    let check = req.clone();
    s.write_once(
        c,
        id.0,
        "realname_personal",
        fingerprint,
        move |conn, c, now| realname::check_bank_code(conn, c, &check, platform, now),
        move |conn, c, now| realname::personal(conn, c, &req, platform, now),
    )
    .await
}

async fn create_enterprise_realname_auth(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<EnterpriseRealnameAuthReq>,
) -> ApiResult<RealnameAuthResp> {
    let platform = super::seed::PLATFORM_ID;
    let fingerprint = digest(&req);
    s.write_once(
        c,
        id.0,
        "realname_enterprise",
        fingerprint,
        |_, _, _| Ok(()),
        move |conn, c, now| realname::enterprise(conn, c, &req, platform, now),
    )
    .await
}

async fn show_realname_review_result(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<RealnameReviewQuery>,
) -> ApiResult<RealnameReviewResp> {
    read(&s, move |conn| {
        realname::review_result(conn, &c, &q.customer_id)
    })
    .await
}

async fn list_sub_customers(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(mut req): ApiJson<ListSubCustomersReq>,
) -> ApiResult<ListSubCustomersResp> {
    // The international site calls the reseller type "3" (resale) and has no "2".
    let intl = s.site == Site::Intl;
    if intl {
        req.association_type = match req.association_type.as_deref() {
            Some("3") => Some("2".into()),
            Some("2") => {
                return Err(ApiError::param(
                    "association_type is 1 (referral) or 3 (resale) on the international site.",
                ));
            }
            _ => req.association_type,
        };
    }
    let Json(mut r) = read(&s, move |conn| customers::list(conn, &c, &req)).await?;
    if intl {
        for x in &mut r.customer_infos {
            if x.association_type.as_deref() == Some("2") {
                x.association_type = Some(Site::Intl.reseller_type().into());
            }
        }
    }
    Ok(Json(r))
}

async fn check_user_identity(
    State(s): State<MockState>,
    ApiJson(req): ApiJson<CheckUserIdentityReq>,
) -> ApiResult<CheckUserIdentityResp> {
    read(&s, move |conn| customers::check_identity(conn, &req)).await
}

async fn send_verification_code(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<SendVerificationCodeReq>,
) -> Response {
    let site = s.site;
    no_content(
        write(&s, move |conn, now| {
            customers::send_code(conn, &c, &req, site, now)
        })
        .await,
    )
}

async fn list_indirect_partners(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<ListIndirectPartnersReq>,
) -> ApiResult<ListIndirectPartnersResp> {
    read(&s, move |conn| funds::list_resellers(conn, &c, &req)).await
}

async fn allocate_to_reseller(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<IndirectPartnerAmountReq>,
) -> ApiResult<TransferIdResp> {
    transfer(
        &s,
        c,
        id,
        "reseller_allocate",
        req,
        funds::allocate_to_reseller,
    )
    .await
}

async fn reclaim_from_reseller(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<IndirectPartnerAmountReq>,
) -> ApiResult<TransIdResp> {
    transfer(
        &s,
        c,
        id,
        "reseller_recall",
        req,
        funds::reclaim_from_reseller,
    )
    .await
}

async fn list_adjust_records(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<AdjustRecordsQuery>,
) -> ApiResult<AdjustRecordsResp> {
    read(&s, move |conn| funds::adjust_records(conn, &c, &q)).await
}

async fn list_account_change_records(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<AccountChangeRecordsQuery>,
) -> ApiResult<AccountChangeRecordsResp> {
    let now = s.now();
    read(&s, move |conn| ledger::list(conn, &c, &q, now)).await
}

async fn allocate_to_customer(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<CustomerAmountReq>,
) -> ApiResult<TransferIdResp> {
    transfer(
        &s,
        c,
        id,
        "customer_allocate",
        req,
        funds::allocate_to_customer,
    )
    .await
}

async fn reclaim_from_customer(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<CustomerAmountReq>,
) -> ApiResult<TransIdResp> {
    transfer(
        &s,
        c,
        id,
        "customer_recall",
        req,
        funds::reclaim_from_customer,
    )
    .await
}

async fn list_partner_balances(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<PartnerBalancesQuery>,
) -> ApiResult<PartnerBalancesResp> {
    read(&s, move |conn| funds::partner_balances(conn, &c, &q)).await
}

async fn list_customer_balances(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<CustomerBalancesReq>,
) -> ApiResult<CustomerBalancesResp> {
    read(&s, move |conn| funds::customer_balances(conn, &c, &req)).await
}

async fn list_customer_orders(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiQuery(q): ApiQuery<CustomerOrdersQuery>,
) -> ApiResult<CustomerOrdersResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| orders::list(conn, &c, &q)).await?;
    for o in &mut r.order_infos {
        o.service_type_name = cat.named(language, &o.service_type_name);
    }
    Ok(Json(r))
}

async fn list_customer_resources(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiJson(req): ApiJson<QueryResourcesReq>,
) -> ApiResult<QueryResourcesResp> {
    let cat = s.catalog.clone();
    let now = s.now();
    let Json(mut r) = read(&s, move |conn| resources::list(conn, &c, &req, now)).await?;
    for i in &mut r.data {
        i.service_type_name = cat.named(language, &cat.service_name(&i.service_type_code));
        i.resource_type_name = cat.named(language, &cat.resource_type_name(&i.resource_type_code));
    }
    Ok(Json(r))
}

async fn list_customer_on_demand_resources(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiJson(req): ApiJson<OnDemandResourcesReq>,
) -> ApiResult<OnDemandResourcesResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| resources::list_on_demand(conn, &c, &req)).await?;
    for i in &mut r.resources {
        i.service_type_name = cat.named(language, &cat.service_name(&i.service_type_code));
        i.resource_type_name = cat.named(language, &cat.resource_type_name(&i.resource_type_code));
    }
    Ok(Json(r))
}

async fn list_consume_sub_customers(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<ConsumeSubCustomersReq>,
) -> ApiResult<ConsumeSubCustomersResp> {
    read(&s, move |conn| spending::consume_customers(conn, &c, &req)).await
}

async fn list_sub_customer_bill_detail(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiQuery(q): ApiQuery<SubCustomerBillQuery>,
) -> ApiResult<SubCustomerBillResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| spending::bill_detail(conn, &c, &q)).await?;
    for f in &mut r.fee_records {
        f.service_type_name = cat.named(language, &cat.service_name(&f.service_type_code));
        f.resource_type_name = cat.named(language, &cat.resource_type_name(&f.resource_type_code));
    }
    Ok(Json(r))
}

async fn list_subcustomer_monthly_bills(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiQuery(q): ApiQuery<MonthlyBillsQuery>,
) -> ApiResult<MonthlyBillsResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| spending::monthly_sums(conn, &c, &q)).await?;
    for b in &mut r.bill_sums {
        b.cloud_service_type_name = cat.named(language, &cat.service_name(&b.cloud_service_type));
    }
    Ok(Json(r))
}

async fn show_refund_order_details(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    language: Language,
    ApiQuery(q): ApiQuery<RefundOrderQuery>,
) -> ApiResult<RefundOrderResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| orders::refund_details(conn, &c, &q)).await?;
    for i in &mut r.refund_infos {
        i.service_type_name = cat.named(language, &cat.service_name(&i.service_type_code));
        let resource = cat
            .resource_types
            .iter()
            .find(|t| t.service_type_code == i.service_type_code)
            .map(|t| t.resource_type_code.clone())
            .unwrap_or_default();
        i.resource_type_name = cat.named(language, &cat.resource_type_name(&resource));
        i.resource_type_code = resource;
    }
    Ok(Json(r))
}

async fn show_order_details(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(order_id): ApiPath<String>,
    language: Language,
    ApiQuery(q): ApiQuery<OrderDetailsQuery>,
) -> ApiResult<OrderDetailsResp> {
    let cat = s.catalog.clone();
    let Json(mut r) = read(&s, move |conn| orders::details(conn, &c, &order_id, &q)).await?;
    r.order_info.service_type_name = cat.named(language, &r.order_info.service_type_name);
    for i in &mut r.order_line_items {
        i.service_type_name = cat.named(language, &i.service_type_name);
    }
    Ok(Json(r))
}

async fn list_service_types(
    State(s): State<MockState>,
    language: Language,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> ApiResult<ServiceTypesResp> {
    let mut r = s.catalog.service_types(&q)?;
    for t in &mut r.service_types {
        t.service_type_name = s.catalog.named(language, &t.service_type_name);
    }
    Ok(Json(r))
}

async fn list_resource_types(
    State(s): State<MockState>,
    language: Language,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> ApiResult<ResourceTypesResp> {
    let mut r = s.catalog.resource_types(&q)?;
    for t in &mut r.resource_types {
        t.resource_type_name = s.catalog.named(language, &t.resource_type_name);
    }
    Ok(Json(r))
}

async fn list_service_resources(
    State(s): State<MockState>,
    language: Language,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> ApiResult<ServiceResourcesResp> {
    let mut r = s.catalog.service_resources(&q)?;
    for i in &mut r.infos {
        i.basic_info.name = s.catalog.named(language, &i.basic_info.name);
    }
    Ok(Json(r))
}

async fn list_usage_types(
    State(s): State<MockState>,
    language: Language,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> ApiResult<UsageTypesResp> {
    let mut r = s.catalog.usage_types(&q)?;
    let named = |n: &Option<String>| n.as_ref().map(|n| s.catalog.named(language, n));
    for u in &mut r.usage_types {
        u.name = s.catalog.named(language, &u.name);
        u.resource_type_name = named(&u.resource_type_name);
        u.service_type_name = named(&u.service_type_name);
    }
    Ok(Json(r))
}

async fn list_measure_units(
    State(s): State<MockState>,
    language: Language,
) -> Json<MeasureUnitsResp> {
    let mut r = s.catalog.measure_units();
    for u in &mut r.measure_units {
        u.measure_name = s.catalog.named(language, &u.measure_name);
    }
    Json(r)
}

/// The rating APIs take the id of one of the caller's projects (IAM's
/// `GET /v3/projects?name=REGION`), not a region's name.
fn own_project(s: &MockState, caller: &Caller, project_id: &str) -> Result<(), ApiError> {
    if project_id.is_empty() || crate::iam::is_project_of(s, &caller.partner_id, project_id) {
        // An empty one is refused by the rating rules, with their own message.
        Ok(())
    } else {
        Err(ApiError::param(format!(
            "project_id {project_id:?} is not a project of this account: ask IAM for the region's project (GET /v3/projects?name=REGION)."
        )))
    }
}

async fn rate_on_demand(
    State(s): State<MockState>,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<OnDemandRatingReq>,
) -> ApiResult<OnDemandRatingResp> {
    own_project(&s, &caller, &req.project_id)?;
    s.catalog.rate_on_demand(&req).map(Json)
}

async fn rate_period(
    State(s): State<MockState>,
    Extension(caller): Extension<Caller>,
    ApiJson(req): ApiJson<PeriodRatingReq>,
) -> ApiResult<PeriodRatingResp> {
    own_project(&s, &caller, &req.project_id)?;
    s.catalog.rate_period(&req).map(Json)
}

async fn list_coupon_quotas(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<CouponQuotasReq>,
) -> ApiResult<CouponQuotasResp> {
    read(&s, move |conn| coupons::list_quotas(conn, &c, &req)).await
}

async fn create_partner_coupons(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<CreatePartnerCouponsReq>,
) -> ApiResult<CreatePartnerCouponsResp> {
    transfer(&s, c, id, "coupon_issue", req, coupons::create).await
}

async fn reclaim_partner_coupons(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<ReclaimPartnerCouponsReq>,
) -> Response {
    no_content(
        transfer(&s, c, id, "coupon_recall", req, |conn, c, req, now| {
            coupons::reclaim(conn, c, req, now)
        })
        .await,
    )
}

/// The SDK sends the lists as their key repeated (`operation_types=1&operation_types=2`),
/// which a plain query decoder does not take: they are gathered first.
async fn list_partner_coupons_record(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    uri: axum::http::Uri,
) -> ApiResult<CouponRecordsResp> {
    let pairs = pc_api::signing::parse_query(uri.query().unwrap_or(""));
    let lists = ["operation_types", "coupon_ids"];
    let gather = |key: &str| {
        let values: Vec<String> = pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect();
        (!values.is_empty()).then_some(values)
    };
    let scalars: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| !lists.contains(&k.as_str()))
        .collect();
    let text = serde_urlencoded::to_string(&scalars)
        .map_err(|e| ApiError::param(format!("Invalid query: {e}")))?;
    let mut q: CouponRecordsQuery = serde_urlencoded::from_str(&text)
        .map_err(|e| ApiError::param(format!("Invalid query parameter: {e}")))?;
    q.operation_types = gather("operation_types");
    q.coupon_ids = gather("coupon_ids");
    read(&s, move |conn| coupons::list_records(conn, &c, &q)).await
}

async fn update_coupon_quotas(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<pc_api::AdjustCouponQuotasReq>,
) -> ApiResult<pc_api::AdjustCouponQuotasResp> {
    transfer(&s, c, id, "quota_give", req, coupons::give_quotas).await
}

async fn reclaim_coupon_quotas(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<pc_api::ReclaimCouponQuotasReq>,
) -> ApiResult<pc_api::ReclaimCouponQuotasResp> {
    transfer(&s, c, id, "quota_take", req, |conn, c, req, _| {
        coupons::take_quotas(conn, c, req)
    })
    .await
}

async fn list_issued_coupon_quotas(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<IssuedQuotasQuery>,
) -> ApiResult<IssuedQuotasResp> {
    read(&s, move |conn| coupons::list_issued_quotas(conn, &c, &q)).await
}

async fn list_issued_coupons(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<IssuedCouponsQuery>,
) -> ApiResult<IssuedCouponsResp> {
    let now = s.now();
    read(&s, move |conn| coupons::list_issued(conn, &c, &q, now)).await
}
