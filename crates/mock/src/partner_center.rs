//! The Partner Center router (`/partner-center/v1/…`): the partner-center operations
//! that have no public API, signed and answered like BSS. Thin, like the BSS router:
//! the sensitive writes share the BSS domain functions and add the verification code
//! and the exactly-once request id (required here).

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::domain::{
    Caller, associations, contracts, coupons, funds, payments, recharge, requests, verification,
};
use super::error::ApiError;
use super::extract::{ApiJson, ApiPath, ApiQuery, ClientRequestId};
use super::state::MockState;
use pc_api::error::codes;
use pc_api::partner_center::*;
use pc_api::{CreatePartnerCouponsReq, CreatePartnerCouponsResp, CustomerAmountReq};
use pc_api::{IndirectPartnerAmountReq, ReclaimPartnerCouponsReq};

type ApiResult<T> = Result<Json<T>, ApiError>;

/// What this backend's Partner Center offers.
pub const FEATURES: [&str; 9] = [
    "contracts",
    "verification",
    "pay_on_behalf",
    "adjust_price",
    "transfers",
    "coupons",
    "requests",
    "association_switch",
    "catalog_specs",
];

pub fn router() -> Router<MockState> {
    let p = |path: &str| format!("{PREFIX}{path}");
    Router::new()
        .route(&p("/capabilities"), get(capabilities))
        .route(&p("/contracts"), get(list_contracts))
        .route(&p("/contracts/{contract_id}"), get(show_contract))
        .route(&p("/contracts/{contract_id}/bill"), get(contract_bill))
        .route(
            &p("/contracts/{contract_id}/plans/{plan_id}/pay"),
            post(pay_plan),
        )
        .route(&p("/verification/challenges"), post(challenge))
        .route(
            &p("/verification/setting"),
            get(get_setting).put(put_setting),
        )
        .route(&p("/orders/pay"), post(pay_orders))
        .route(&p("/orders/{order_id}/reject"), post(reject_order))
        .route(&p("/orders/{order_id}/pricing"), get(order_pricing))
        .route(&p("/orders/{order_id}/adjust-price"), post(adjust_price))
        .route(
            &p("/resellers/{id}/allocate"),
            transfer_route(TransferTarget::ResellerAllocate),
        )
        .route(
            &p("/resellers/{id}/recall"),
            transfer_route(TransferTarget::ResellerRecall),
        )
        .route(
            &p("/customers/{id}/allocate"),
            transfer_route(TransferTarget::CustomerAllocate),
        )
        .route(
            &p("/customers/{id}/recall"),
            transfer_route(TransferTarget::CustomerRecall),
        )
        .route(&p("/coupons"), post(issue_coupon))
        .route(&p("/coupons/{coupon_id}/reclaim"), post(recall_coupon))
        .route(&p("/coupon-quotas/give"), post(give_quota))
        .route(&p("/coupon-quotas/take"), post(take_quota))
        .route(&p("/requests/{request_id}"), get(request_outcome))
        .route(&p("/invitation"), get(invitation))
        .route(&p("/profile"), get(get_profile))
        .route(&p("/profile/phone"), profile_route(Scene::ProfilePhone))
        .route(&p("/profile/email"), profile_route(Scene::ProfileEmail))
        .route(
            &p("/profile/password"),
            profile_route(Scene::ProfilePassword),
        )
        .route(&p("/recharge/account"), get(recharge_account))
        .route(&p("/recharge/account/sms"), post(recharge_sms))
        .route(&p("/recharge/proof"), get(recharge_proof))
        .route(&p("/agreements"), get(list_agreements).post(add_agreement))
        .route(&p("/agreements/{agreement_id}/void"), post(void_agreement))
        .route(
            &p("/customers/{customer_id}/association"),
            get(association_status),
        )
        .route(
            &p("/customers/{customer_id}/association/switch"),
            post(switch_association),
        )
        .route(&p("/association-switches"), get(list_switches))
        .route(&p("/catalog/specs"), get(catalog_specs))
}

async fn capabilities() -> Json<Capabilities> {
    Json(Capabilities {
        version: "1".into(),
        features: FEATURES.iter().map(|f| f.to_string()).collect(),
    })
}

async fn list_contracts(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiQuery(q): ApiQuery<ContractsQuery>,
) -> ApiResult<ContractsResp> {
    s.db.run(move |conn| contracts::list(conn, &c, &q))
        .await
        .map(Json)
}

async fn show_contract(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(contract_id): ApiPath<String>,
) -> ApiResult<ContractDetailResp> {
    let now = s.now();
    s.db.run(move |conn| contracts::detail(conn, &c, &contract_id, now))
        .await
        .map(Json)
}

/// `GET …/contracts/{id}/bill`: the bill as a CSV file.
async fn contract_bill(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(contract_id): ApiPath<String>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let now = s.now();
    let name = format!("attachment; filename=\"{contract_id}-bill.csv\"");
    let csv =
        s.db.run(move |conn| contracts::bill(conn, &c, &contract_id, now))
            .await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_string(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, name),
        ],
        csv,
    )
        .into_response())
}

async fn challenge(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiJson(req): ApiJson<ChallengeReq>,
) -> ApiResult<Challenge> {
    let now = s.now();
    s.db.run(move |conn| verification::challenge(conn, &c, &req, now))
        .await
        .map(Json)
}

async fn get_setting(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<VerificationSetting> {
    s.db.run(move |conn| verification::setting(conn, &c))
        .await
        .map(Json)
}

/// What guards a Partner Center write: a code for a scene, or only the request id (the
/// operation's name).
#[derive(Debug, Clone, Copy)]
enum Guard {
    Code(Scene),
    Plain(&'static str),
}

/// A Partner Center write: the request id is required; the code (for a scene, bound to
/// `fields`) is checked before the write's transaction, the write runs inside it.
async fn sensitive<T, A>(
    s: &MockState,
    c: Caller,
    id: ClientRequestId,
    guard: Guard,
    fields: Vec<String>,
    given: Option<Verification>,
    apply: A,
) -> ApiResult<T>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    A: FnOnce(&rusqlite::Connection, &Caller, chrono::DateTime<chrono::Utc>) -> Result<T, ApiError>
        + Send
        + 'static,
{
    sensitive_and(s, c, id, guard, fields, given, None, apply).await
}

/// A second code a write needs besides its own (a new phone's, sent to it): checked with
/// the first, spent in the same transaction; what is wrong with it is told as such.
struct Second {
    scene: Scene,
    fields: Vec<String>,
    given: Option<Verification>,
    /// The code of any refusal of it, and the words that say which code it was.
    refused: &'static str,
    what: &'static str,
}

/// [`sensitive`], with a [`Second`] code.
#[allow(clippy::too_many_arguments)]
async fn sensitive_and<T, A>(
    s: &MockState,
    c: Caller,
    id: ClientRequestId,
    guard: Guard,
    fields: Vec<String>,
    given: Option<Verification>,
    second: Option<Second>,
    apply: A,
) -> ApiResult<T>
where
    T: Serialize + DeserializeOwned + Send + 'static,
    A: FnOnce(&rusqlite::Connection, &Caller, chrono::DateTime<chrono::Utc>) -> Result<T, ApiError>
        + Send
        + 'static,
{
    let Some(request_id) = id.0 else {
        return Err(ApiError::bad(
            codes::REQUEST_ID_REQUIRED,
            "Partner Center writes need an X-Client-Request-Id header.",
        ));
    };
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    let (operation, scene) = match guard {
        Guard::Code(scene) => (scene.as_str(), Some(scene)),
        Guard::Plain(name) => (name, None),
    };
    let bound = match scene {
        Some(scene) => binding(scene, &refs),
        None => serde_json::to_string(&(operation, &refs)).unwrap_or_default(),
    };
    let fingerprint = bound.clone();
    let spend = scene.zip(given.as_ref().map(|v| v.challenge_id.clone()));
    let second_spend = second.as_ref().and_then(|x| {
        x.given
            .as_ref()
            .map(|v| (x.scene, v.challenge_id.clone(), x.refused))
    });
    s.write_once(
        c,
        Some(request_id),
        operation,
        fingerprint,
        move |conn, c, now| {
            if let Some(scene) = scene {
                verification::verify(conn, c, scene, &bound, given.as_ref(), now)?;
            }
            if let Some(x) = &second {
                let refs: Vec<&str> = x.fields.iter().map(String::as_str).collect();
                let bound = binding(x.scene, &refs);
                verification::verify(conn, c, x.scene, &bound, x.given.as_ref(), now)
                    .map_err(|e| ApiError::bad(x.refused, format!("{} {}", x.what, e.msg)))?;
            }
            Ok(())
        },
        move |conn, c, now| {
            if let Some((scene, id)) = &spend {
                verification::spend(conn, c, *scene, id)?;
            }
            if let Some((scene, id, refused)) = &second_spend {
                verification::spend(conn, c, *scene, id)
                    .map_err(|e| ApiError::bad(refused, e.msg))?;
            }
            apply(conn, c, now)
        },
    )
    .await
}

async fn put_setting(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<SetVerificationReq>,
) -> ApiResult<VerificationSetting> {
    // Turning codes on needs none; turning them off needs one.
    let guard = if req.enabled {
        Guard::Plain("verification_on")
    } else {
        Guard::Code(Scene::VerificationOff)
    };
    let enabled = req.enabled;
    sensitive(
        &s,
        c,
        id,
        guard,
        vec![],
        req.verification,
        move |conn, c, _| {
            conn.execute(
                "INSERT INTO partner_settings (partner_id, verification) VALUES (?1, ?2)
             ON CONFLICT(partner_id) DO UPDATE SET verification = excluded.verification",
                rusqlite::params![c.partner_id, enabled],
            )?;
            verification::setting(conn, c)
        },
    )
    .await
}

async fn pay_orders(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<PayOrdersReq>,
) -> ApiResult<PayOrdersResp> {
    // A malformed batch is refused before the code is spent.
    payments::check_pay(&req)?;
    let mut fields = vec![req.payment_method.as_str().to_string()];
    fields.extend(req.order_ids.iter().cloned());
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::PayOrders),
        fields,
        code,
        move |conn, c, now| payments::pay(conn, c, &req, now),
    )
    .await
}

async fn reject_order(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(req): ApiJson<RejectOrderReq>,
) -> ApiResult<RejectOrderResp> {
    let fields = vec![order_id.clone()];
    let guard = Guard::Plain("reject_order");
    sensitive(&s, c, id, guard, fields, None, move |conn, c, now| {
        payments::reject(conn, c, &order_id, &req, now)
    })
    .await
}

async fn order_pricing(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(order_id): ApiPath<String>,
) -> ApiResult<OrderPricing> {
    s.db.run(move |conn| payments::pricing(conn, &c, &order_id))
        .await
        .map(Json)
}

async fn adjust_price(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath(order_id): ApiPath<String>,
    ApiJson(req): ApiJson<AdjustPriceReq>,
) -> ApiResult<OrderPricing> {
    let fields = vec![order_id.clone(), money_key(req.unit_price)];
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::AdjustPrice),
        fields,
        code,
        move |conn, c, _| payments::adjust_price(conn, c, &order_id, &req),
    )
    .await
}

/// One of the four fund transfers behind a code, answered with the transaction id:
/// the BSS implementation, behind the verification code and the request id.
async fn transfer(
    s: MockState,
    c: Caller,
    id: ClientRequestId,
    to: TransferTarget,
    target: String,
    req: TransferReq,
) -> ApiResult<TransferResp> {
    let fields = vec![target.clone(), money_key(req.amount)];
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(to.scene()),
        fields,
        code,
        move |conn, c, now| {
            let (amount, partner) = (req.amount, target.clone());
            let customer = || CustomerAmountReq {
                customer_id: target.clone(),
                amount,
                indirect_partner_id: None,
            };
            let reseller = || IndirectPartnerAmountReq {
                indirect_partner_id: partner.clone(),
                amount,
            };
            let trans_id = match to {
                TransferTarget::ResellerAllocate => {
                    funds::allocate_to_reseller(conn, c, &reseller(), now)?.transfer_id
                }
                TransferTarget::ResellerRecall => {
                    funds::reclaim_from_reseller(conn, c, &reseller(), now)?.trans_id
                }
                TransferTarget::CustomerAllocate => {
                    funds::allocate_to_customer(conn, c, &customer(), now)?.transfer_id
                }
                TransferTarget::CustomerRecall => {
                    funds::reclaim_from_customer(conn, c, &customer(), now)?.trans_id
                }
            };
            Ok(TransferResp { trans_id })
        },
    )
    .await
}

/// The route of one transfer twin.
fn transfer_route(to: TransferTarget) -> axum::routing::MethodRouter<MockState> {
    post(
        move |State(s): State<MockState>,
              Extension(c): Extension<Caller>,
              id: ClientRequestId,
              ApiPath(target): ApiPath<String>,
              ApiJson(req): ApiJson<TransferReq>| transfer(s, c, id, to, target, req),
    )
}

async fn pay_plan(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath((contract_id, plan_id)): ApiPath<(String, String)>,
    ApiJson(req): ApiJson<PayPlanReq>,
) -> ApiResult<TransferResp> {
    let fields = vec![contract_id.clone(), plan_id.clone()];
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::PayPlan),
        fields,
        req.verification,
        move |conn, c, now| payments::pay_plan(conn, c, &contract_id, &plan_id, now),
    )
    .await
}

async fn issue_coupon(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<IssueCouponReq>,
) -> ApiResult<CreatePartnerCouponsResp> {
    let mut fields = vec![req.quota_id.clone(), money_key(req.face_value)];
    fields.extend(req.customer_ids.iter().cloned());
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::CouponIssue),
        fields,
        code,
        move |conn, c, now| {
            let bss = CreatePartnerCouponsReq {
                quota_id: req.quota_id,
                customer_ids: req.customer_ids,
                face_value: req.face_value,
                ..Default::default()
            };
            let resp = coupons::create(conn, c, &bss, now)?;
            some_done(resp.coupon_infos.len(), &resp.error_details)?;
            Ok(resp)
        },
    )
    .await
}

async fn recall_coupon(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath(coupon_id): ApiPath<String>,
    ApiJson(req): ApiJson<RecallCouponReq>,
) -> ApiResult<serde_json::Value> {
    let fields = vec![coupon_id.clone()];
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::CouponRecall),
        fields,
        req.verification,
        move |conn, c, now| {
            let bss = ReclaimPartnerCouponsReq {
                coupon_id,
                indirect_partner_id: None,
            };
            coupons::reclaim(conn, c, &bss, now).map(|()| serde_json::json!({}))
        },
    )
    .await
}

/// Refuses a write of which nothing was done (every item in `error_details`): the
/// transaction rolls back and the code stays.
fn some_done(done: usize, details: &[pc_api::ErrorDetail]) -> Result<(), ApiError> {
    match (done, details.first()) {
        (0, Some(e)) => Err(ApiError::bad(&e.error_code, e.error_msg.clone())),
        _ => Ok(()),
    }
}

async fn give_quota(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<GiveQuotaReq>,
) -> ApiResult<pc_api::AdjustCouponQuotasResp> {
    let fields = vec![
        req.quota_id.clone(),
        money_key(req.quota_amount),
        req.indirect_partner_id.clone(),
    ];
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::QuotaGive),
        fields,
        code,
        move |conn, c, now| {
            let bss = pc_api::AdjustCouponQuotasReq {
                quota_id: req.quota_id,
                indirect_partner_ids: vec![req.indirect_partner_id],
                quota_amount: req.quota_amount,
            };
            let resp = coupons::give_quotas(conn, c, &bss, now)?;
            some_done(resp.simple_quota_infos.len(), &resp.error_details)?;
            Ok(resp)
        },
    )
    .await
}

async fn take_quota(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<TakeQuotaReq>,
) -> ApiResult<pc_api::ReclaimCouponQuotasResp> {
    let fields = req.quota_ids.clone();
    let code = req.verification.clone();
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::QuotaTake),
        fields,
        code,
        move |conn, c, _| {
            let bss = pc_api::ReclaimCouponQuotasReq {
                quota_ids: req.quota_ids,
                remark: None,
            };
            let resp = coupons::take_quotas(conn, c, &bss)?;
            some_done(resp.simple_quota_infos.len(), &resp.error_details)?;
            Ok(resp)
        },
    )
    .await
}

async fn get_profile(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<Profile> {
    s.db.run(move |conn| super::domain::profile::profile(conn, &c))
        .await
        .map(Json)
}

/// A profile change behind a code of its own scene. The phone and e-mail are bound to
/// the code; the new password never is (nor stored or fingerprinted in the clear).
async fn change_profile(
    s: MockState,
    c: Caller,
    id: ClientRequestId,
    scene: Scene,
    req: ProfileChangeReq,
) -> ApiResult<Profile> {
    use super::domain::profile;
    let fields = match scene {
        Scene::ProfilePassword => vec![],
        _ => vec![req.value.clone()],
    };
    let code = req.verification.clone();
    // A new phone is confirmed by its own code too, sent to it.
    let second = (scene == Scene::ProfilePhone).then(|| Second {
        scene: Scene::ProfilePhoneNew,
        fields: vec![req.value.clone()],
        given: req.new_phone.clone(),
        refused: codes::NEW_PHONE_UNCONFIRMED,
        what: "The code sent to the new phone:",
    });
    sensitive_and(
        &s,
        c,
        id,
        Guard::Code(scene),
        fields,
        code,
        second,
        move |conn, c, now| match scene {
            Scene::ProfilePhone => profile::change_phone(conn, c, &req.value),
            Scene::ProfileEmail => profile::change_email(conn, c, &req.value),
            _ => profile::change_password(conn, c, &req.value, now),
        },
    )
    .await
}

/// The route of one profile change.
fn profile_route(scene: Scene) -> axum::routing::MethodRouter<MockState> {
    post(
        move |State(s): State<MockState>,
              Extension(c): Extension<Caller>,
              id: ClientRequestId,
              ApiJson(req): ApiJson<ProfileChangeReq>| change_profile(s, c, id, scene, req),
    )
}

async fn invitation(Extension(c): Extension<Caller>) -> Json<Invitation> {
    Json(super::domain::invitations::invitation(&c))
}

async fn recharge_account(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<RechargeAccount> {
    s.db.run(move |conn| recharge::account(conn, &c))
        .await
        .map(Json)
}

async fn recharge_sms(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<SmsSent> {
    let now = s.now();
    s.db.run(move |conn| recharge::send_account(conn, &c, now))
        .await
        .map(Json)
}

/// The proof of the remittance account, as a text file.
async fn recharge_proof(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let now = s.now();
    let text = s.db.run(move |conn| recharge::proof(conn, &c, now)).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                "attachment; filename=\"remittance-account-proof.txt\"",
            ),
        ],
        text,
    )
        .into_response())
}

async fn list_agreements(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<AgreementsResp> {
    s.db.run(move |conn| recharge::agreements(conn, &c))
        .await
        .map(Json)
}

async fn add_agreement(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiJson(req): ApiJson<AddAgreementReq>,
) -> ApiResult<Agreement> {
    let guard = Guard::Plain("agreement_add");
    let fields = vec![req.name.clone()];
    sensitive(&s, c, id, guard, fields, None, move |conn, c, now| {
        recharge::add(conn, c, &req.name, now)
    })
    .await
}

async fn void_agreement(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath(agreement_id): ApiPath<String>,
) -> ApiResult<Agreement> {
    let guard = Guard::Plain("agreement_void");
    let fields = vec![agreement_id.clone()];
    sensitive(&s, c, id, guard, fields, None, move |conn, c, now| {
        recharge::void(conn, c, &agreement_id, now)
    })
    .await
}

async fn request_outcome(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(request_id): ApiPath<String>,
) -> ApiResult<RequestOutcome> {
    let now = s.now();
    s.db.run(move |conn| requests::outcome(conn, &c, &request_id, now))
        .await
        .map(Json)
}

async fn association_status(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    ApiPath(customer_id): ApiPath<String>,
) -> ApiResult<AssociationStatus> {
    let now = s.now();
    s.db.run(move |conn| associations::status(conn, &c, &customer_id, now))
        .await
        .map(Json)
}

/// Switching a customer's association type: a code bound to the customer, then pending
/// until the customer answers.
async fn switch_association(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
    id: ClientRequestId,
    ApiPath(customer_id): ApiPath<String>,
    ApiJson(req): ApiJson<SwitchAssociationReq>,
) -> ApiResult<SwitchRequest> {
    let fields = vec![customer_id.clone()];
    sensitive(
        &s,
        c,
        id,
        Guard::Code(Scene::SwitchAssociation),
        fields,
        req.verification,
        move |conn, c, now| associations::request(conn, c, &customer_id, &req.reason, now),
    )
    .await
}

async fn list_switches(
    State(s): State<MockState>,
    Extension(c): Extension<Caller>,
) -> ApiResult<SwitchesResp> {
    s.db.run(move |conn| associations::list(conn, &c))
        .await
        .map(|switches| Json(SwitchesResp { switches }))
}

async fn catalog_specs(
    State(s): State<MockState>,
    ApiQuery(q): ApiQuery<SpecsQuery>,
) -> ApiResult<SpecsResp> {
    s.catalog.specs(&q.service_type_code).map(Json)
}
