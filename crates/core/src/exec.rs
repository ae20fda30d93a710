//! Carrying out a confirmed operation exactly once (docs/design.md §5): the intent goes to the
//! journal (on disk) before the request leaves; a lost answer is resolved by asking the
//! backend about the request id — never by sending again; the outcome goes to the
//! journal and the audit log. Also the start-up pass over unfinished intents.

use std::sync::Arc;
use std::time::Duration;

use crate::audit::{AuditEntry, AuditLog};
use crate::format::money;
use crate::journal::Journal;
use crate::ops::Operation;
use crate::outcome::{ExecOutcome, Failure, FailureKind, ItemResult};
use pc_api::partner_center::*;
use pc_client::{Client, ClientError};

/// Where outcomes are recorded, and as whom.
#[derive(Debug, Clone, Default)]
pub struct Records {
    /// `None` when the journal cannot be opened: then nothing is sent.
    pub journal: Option<Arc<Journal>>,
    pub journal_error: Option<String>,
    pub audit: Option<AuditLog>,
    /// Where `e` writes its CSV files.
    pub exports: Option<std::path::PathBuf>,
    /// The folder of all of these (the script commands keep their sent codes' challenges
    /// there too).
    pub dir: Option<std::path::PathBuf>,
    pub profile: String,
    pub partner: String,
}

impl Records {
    /// The journal and the audit log in `dir` (created if needed).
    pub fn in_dir(dir: &std::path::Path, profile: &str, partner: &str) -> Records {
        let (journal, journal_error) = match Journal::open(&dir.join("journal.jsonl")) {
            Ok(j) => (Some(Arc::new(j)), None),
            Err(e) => (
                None,
                Some(format!("{}: {e}", dir.join("journal.jsonl").display())),
            ),
        };
        Records {
            journal,
            journal_error,
            audit: Some(AuditLog::new(&dir.join("audit.jsonl"))),
            exports: Some(dir.join("exports")),
            dir: Some(dir.to_path_buf()),
            profile: profile.into(),
            partner: partner.into(),
        }
    }
}

/// Whether the journal can take an operation's intent now; why not, in words. Asked
/// before a code is requested, so that no code is spent on an operation that could
/// not be sent exactly once.
pub fn journal_ready(rec: &Records) -> Result<(), String> {
    let Some(journal) = &rec.journal else {
        return Err(t!(
            "exec.journal_unavailable",
            reason = rec
                .journal_error
                .as_deref()
                .unwrap_or(t!("exec.journal_unknown_reason"))
        ));
    };
    journal.check_writable().map_err(|e| {
        t!(
            "exec.journal_write_failed",
            path = journal.path().display(),
            error = e
        )
    })
}

/// How long to keep asking about a lost answer before leaving it to the next start.
const RESOLVE_DELAYS_MS: [u64; 6] = [0, 500, 1_000, 2_000, 4_000, 8_000];

/// Pauses before sending again an operation the backend says was not applied (its
/// request never arrived, or a gateway refused it): each resend is a new request id, as
/// the old one is closed for good. Then the user decides.
const RESEND_DELAYS_MS: [u64; 2] = [300, 1_000];

/// What became of a confirmed operation, and the request id that outcome is about (the
/// one to ask again about when it is unknown).
#[derive(Debug, Clone)]
pub struct Executed {
    pub sent_as: String,
    pub outcome: ExecOutcome,
}

pub fn failure(e: &ClientError) -> Failure {
    let kind = match e {
        ClientError::Api { status, .. } => FailureKind::Backend { status: *status },
        ClientError::Redirect { status, .. } => FailureKind::Backend { status: *status },
        ClientError::Endpoint(_)
        | ClientError::EndpointCredentials(_)
        | ClientError::BadCredentials
        | ClientError::NotAnId { .. }
        | ClientError::NotAProfileField(_)
        | ClientError::InvalidInput(_)
        | ClientError::NoDomain
        | ClientError::NoProject(_) => FailureKind::Input,
        ClientError::Timeout(_)
        | ClientError::Connect(_)
        | ClientError::Transport(_)
        | ClientError::Decode { .. }
        | ClientError::TooLarge { .. } => FailureKind::Unreachable,
    };
    match e {
        ClientError::Api { code, .. } if e.credentials_expired() || e.throttled() => Failure {
            code: Some(code.clone()),
            message: crate::format::describe(e),
            kind,
        },
        ClientError::Api { code, message, .. } if code.contains('.') => Failure {
            code: Some(code.clone()),
            message: message.clone(),
            kind,
        },
        other => Failure {
            code: None,
            message: crate::format::describe(other),
            kind,
        },
    }
}

/// Sends one operation and returns the backend's answer as JSON (the same shape the
/// status query returns), so that both paths read it alike.
async fn send(
    c: &Client,
    request_id: &str,
    op: &Operation,
    verification: Option<Verification>,
    bss_only: bool,
) -> Result<serde_json::Value, ClientError> {
    fn json<T: serde::Serialize>(v: T) -> Result<serde_json::Value, ClientError> {
        serde_json::to_value(v).map_err(|e| ClientError::Decode {
            status: 200,
            detail: e.to_string(),
        })
    }
    match op {
        Operation::PayOrders { orders, method } => {
            let req = PayOrdersReq {
                order_ids: orders.iter().map(|o| o.order_id.clone()).collect(),
                payment_method: *method,
                verification,
            };
            json(c.pay_orders(&req, request_id).await?)
        }
        Operation::RejectOrder { order_id } => json(
            c.reject_order(order_id, &RejectOrderReq::default(), request_id)
                .await?,
        ),
        Operation::AdjustPrice {
            order_id,
            unit_price,
            ..
        } => {
            let req = AdjustPriceReq {
                unit_price: *unit_price,
                verification,
            };
            json(c.adjust_price(order_id, &req, request_id).await?)
        }
        Operation::Transfer {
            to,
            target_id,
            amount,
            ..
        } if bss_only => json(TransferResp {
            trans_id: c.transfer_bss(*to, target_id, *amount, request_id).await?,
        }),
        Operation::Transfer {
            to,
            target_id,
            amount,
            ..
        } => {
            let req = TransferReq {
                amount: *amount,
                verification,
            };
            json(c.transfer(*to, target_id, &req, request_id).await?)
        }
        Operation::PayPlan {
            contract_id,
            plan_id,
            ..
        } => json(
            c.pay_plan(
                contract_id,
                plan_id,
                &PayPlanReq { verification },
                request_id,
            )
            .await?,
        ),
        Operation::SetVerification { enabled } => {
            let req = SetVerificationReq {
                enabled: *enabled,
                verification,
            };
            json(c.set_verification(&req, request_id).await?)
        }
        Operation::IssueCoupon {
            quota_id,
            customer_id,
            face_value,
            ..
        } => {
            let req = IssueCouponReq {
                quota_id: quota_id.clone(),
                customer_ids: vec![customer_id.clone()],
                face_value: *face_value,
                verification,
            };
            json(c.issue_coupon(&req, request_id).await?)
        }
        Operation::ChangePhone { phone, confirmed } => {
            // The new phone's code read back from the journal is empty: nothing to send.
            let new_phone = match confirmed {
                Some(k) if !k.code.0.is_empty() => Some(Verification {
                    challenge_id: k.challenge_id.clone(),
                    code: k.code.0.clone(),
                }),
                _ => {
                    return Err(ClientError::InvalidInput(
                        t!("exec.new_phone_unconfirmed").into(),
                    ));
                }
            };
            let req = ProfileChangeReq {
                value: phone.clone(),
                verification,
                new_phone,
            };
            json(c.change_profile("phone", &req, request_id).await?)
        }
        Operation::ChangeEmail { email } => {
            json(change(c, "email", email, verification, request_id).await?)
        }
        Operation::ChangePassword { password } => {
            if password.0.is_empty() {
                return Err(ClientError::InvalidInput(t!("exec.password_empty").into()));
            }
            json(change(c, "password", &password.0, verification, request_id).await?)
        }
        Operation::AddAgreement { name } => json(
            c.add_agreement(&AddAgreementReq { name: name.clone() }, request_id)
                .await?,
        ),
        Operation::VoidAgreement { agreement_id, .. } => {
            json(c.void_agreement(agreement_id, request_id).await?)
        }
        Operation::RecallCoupon { coupon_id } => json(
            c.recall_coupon(coupon_id, &RecallCouponReq { verification }, request_id)
                .await?,
        ),
        Operation::GiveQuota {
            quota_id,
            reseller_id,
            amount,
            ..
        } if bss_only => {
            let req = pc_api::AdjustCouponQuotasReq {
                quota_id: quota_id.clone(),
                indirect_partner_ids: vec![reseller_id.clone()],
                quota_amount: *amount,
            };
            json(c.update_coupon_quotas(&req, request_id).await?)
        }
        Operation::GiveQuota {
            quota_id,
            reseller_id,
            amount,
            ..
        } => {
            let req = GiveQuotaReq {
                quota_id: quota_id.clone(),
                indirect_partner_id: reseller_id.clone(),
                quota_amount: *amount,
                verification,
            };
            json(c.give_quota(&req, request_id).await?)
        }
        Operation::TakeQuota { quotas, .. } => {
            let quota_ids: Vec<String> = quotas.iter().map(|q| q.quota_id.clone()).collect();
            if bss_only {
                let req = pc_api::ReclaimCouponQuotasReq {
                    quota_ids,
                    remark: None,
                };
                json(c.reclaim_coupon_quotas(&req, request_id).await?)
            } else {
                let req = TakeQuotaReq {
                    quota_ids,
                    verification,
                };
                json(c.take_quota(&req, request_id).await?)
            }
        }
        Operation::SwitchAssociation {
            customer_id,
            reason,
            ..
        } => {
            let req = SwitchAssociationReq {
                reason: reason.clone(),
                verification,
            };
            json(c.switch_association(customer_id, &req, request_id).await?)
        }
        Operation::CreateCustomer {
            account_name,
            phone,
            email,
            xaccount_id,
            xaccount_type,
            code,
            domain_area,
            referral,
            reseller,
        } => {
            // The registration code went to the phone (Chinese site) or, on the
            // international site, to the e-mail.
            let coded = if domain_area.is_some() {
                email.is_some()
            } else {
                phone.is_some()
            };
            if coded && code.0.is_empty() {
                return Err(ClientError::InvalidInput(
                    t!("exec.registration_code_empty").into(),
                ));
            }
            let req = pc_api::CreateSubCustomerReq {
                xaccount_id: xaccount_id.clone(),
                xaccount_type: xaccount_type.clone(),
                domain_name: Some(account_name.clone()),
                mobile_phone: phone.clone(),
                verification_code: coded.then(|| code.0.clone()),
                email: email.clone(),
                domain_area: domain_area.clone(),
                cooperation_type: referral.then(|| "1".to_string()),
                indirect_partner_id: reseller.as_ref().map(|r| r.id.clone()),
                ..Default::default()
            };
            json(c.create_sub_customer_once(&req, request_id).await?)
        }
        Operation::RealnameAuth {
            customer_id,
            name,
            number,
            identity,
            xaccount_type,
            ..
        } => json(
            realname(
                c,
                customer_id,
                name,
                number,
                identity,
                xaccount_type,
                request_id,
            )
            .await?,
        ),
    }
}

/// The two BSS submissions, from what the form gathered. Secrets that are empty were
/// read back from the journal: the request cannot be rebuilt, so nothing is sent.
async fn realname(
    c: &Client,
    customer_id: &str,
    name: &str,
    number: &crate::ops::Secret,
    identity: &crate::ops::Identity,
    xaccount_type: &str,
    request_id: &str,
) -> Result<pc_api::RealnameAuthResp, ClientError> {
    use crate::ops::Identity;
    use pc_api::rules::{BY_BANK_CARD, BY_DOCUMENT, BY_ORGANISATION, LEGAL_PERSON};
    use pc_api::{
        BankCardInfo, EnterprisePerson, EnterpriseRealnameAuthReq, PersonalRealnameAuthReq,
    };
    if number.0.is_empty() {
        return Err(ClientError::InvalidInput(
            t!("exec.document_number_empty").into(),
        ));
    }
    let personal =
        |identify_type, verified_type, files: Option<Vec<String>>, card| PersonalRealnameAuthReq {
            customer_id: customer_id.to_string(),
            identify_type,
            verified_type,
            verified_file_url: files,
            name: name.to_string(),
            verified_number: number.0.clone(),
            change_type: Some(-1),
            xaccount_type: xaccount_type.to_string(),
            bank_card_info: card,
        };
    match identity {
        Identity::Document {
            verified_type,
            files,
        } => {
            let req = personal(BY_DOCUMENT, Some(*verified_type), Some(files.clone()), None);
            c.create_personal_realname_auth(&req, request_id).await
        }
        Identity::BankCard {
            bank_account,
            phone,
            code,
        } => {
            if bank_account.0.is_empty() || phone.0.is_empty() || code.0.is_empty() {
                return Err(ClientError::InvalidInput(t!("exec.bank_card_empty").into()));
            }
            let card = BankCardInfo {
                bank_account: bank_account.0.clone(),
                areacode: "0086".into(),
                mobile: phone.0.clone(),
                verification_code: code.0.clone(),
            };
            let req = personal(BY_BANK_CARD, None, None, Some(card));
            c.create_personal_realname_auth(&req, request_id).await
        }
        Identity::Enterprise {
            certificate_type,
            files,
            legal_name,
            legal_id,
        } => {
            if legal_name.is_some() && legal_id.0.is_empty() {
                return Err(ClientError::InvalidInput(t!("exec.legal_id_empty").into()));
            }
            let req = EnterpriseRealnameAuthReq {
                customer_id: customer_id.to_string(),
                identify_type: BY_ORGANISATION,
                certificate_type: Some(*certificate_type),
                verified_file_url: files.clone(),
                corp_name: name.to_string(),
                verified_number: number.0.clone(),
                reg_country: Some("CN".into()),
                reg_address: None,
                xaccount_type: xaccount_type.to_string(),
                enterprise_person: legal_name.as_ref().map(|n| EnterprisePerson {
                    legel_name: n.clone(),
                    legel_id_number: legal_id.0.clone(),
                    certifier_role: Some(LEGAL_PERSON.into()),
                }),
            };
            c.create_enterprise_realname_auth(&req, request_id).await
        }
    }
}

async fn change(
    c: &Client,
    field: &str,
    value: &str,
    verification: Option<Verification>,
    request_id: &str,
) -> Result<Profile, ClientError> {
    let req = ProfileChangeReq {
        value: value.to_string(),
        verification,
        new_phone: None,
    };
    c.change_profile(field, &req, request_id).await
}

/// An item the backend refused within an answer that came back whole.
fn failed_item(subject: &str, e: &pc_api::ErrorDetail) -> ItemResult {
    ItemResult {
        subject: subject.to_string(),
        ok: false,
        detail: e.error_msg.clone(),
        code: Some(e.error_code.clone()),
        amount: None,
    }
}

/// The result lines of an applied operation, from its answer.
pub fn items(op: &Operation, answer: &serde_json::Value) -> Vec<ItemResult> {
    let one = |detail: String| {
        vec![ItemResult {
            subject: op.title(),
            ok: true,
            detail,
            code: None,
            amount: None,
        }]
    };
    let trans = || {
        answer
            .get("trans_id")
            .and_then(|v| v.as_str())
            .map(|id| t!("exec.transaction", id = id))
            .unwrap_or_else(|| t!("exec.done").into())
    };
    match op {
        Operation::PayOrders { .. } => {
            match serde_json::from_value::<PayOrdersResp>(answer.clone()) {
                Ok(resp) => resp
                    .results
                    .into_iter()
                    .map(|r| ItemResult {
                        subject: r.order_id,
                        ok: r.paid,
                        detail: if r.paid {
                            t!(
                                "exec.paid",
                                amount = money(r.amount),
                                id = r.trans_id.unwrap_or_default()
                            )
                        } else {
                            r.error_msg.unwrap_or_default()
                        },
                        amount: r.paid.then_some(r.amount),
                        code: r.error_code,
                    })
                    .collect(),
                Err(e) => one(t!("exec.answer_unreadable", error = e)),
            }
        }
        Operation::RejectOrder { .. } => one(t!("exec.rejected").into()),
        Operation::AdjustPrice { .. } => {
            match serde_json::from_value::<OrderPricing>(answer.clone()) {
                Ok(p) => one(t!(
                    "exec.new_price",
                    unit_price = money(p.unit_price),
                    amount = money(p.amount)
                )),
                Err(_) => one(t!("exec.price_adjusted").into()),
            }
        }
        Operation::Transfer { .. } | Operation::PayPlan { .. } => one(trans()),
        Operation::IssueCoupon { customer_id, .. } => {
            match serde_json::from_value::<pc_api::CreatePartnerCouponsResp>(answer.clone()) {
                Ok(r) => match (r.coupon_infos.first(), r.error_details.first()) {
                    (Some(info), _) => one(t!("exec.coupon", id = info.coupon_id)),
                    (None, Some(e)) => vec![failed_item(customer_id, e)],
                    (None, None) => one(t!("exec.issued").into()),
                },
                Err(_) => one(t!("exec.issued").into()),
            }
        }
        Operation::RecallCoupon { .. } => one(t!("exec.recalled").into()),
        Operation::GiveQuota { reseller_id, .. } => {
            match serde_json::from_value::<pc_api::AdjustCouponQuotasResp>(answer.clone()) {
                Ok(r) => match (r.simple_quota_infos.first(), r.error_details.first()) {
                    (Some(info), _) => one(t!("exec.quota_given", id = info.quota_id)),
                    (None, Some(e)) => vec![failed_item(reseller_id, e)],
                    (None, None) => one(t!("exec.done").into()),
                },
                Err(_) => one(t!("exec.done").into()),
            }
        }
        Operation::TakeQuota { quotas, .. } => {
            match serde_json::from_value::<pc_api::ReclaimCouponQuotasResp>(answer.clone()) {
                Ok(r) => quotas
                    .iter()
                    .map(
                        |q| match r.error_details.iter().find(|e| e.id == q.quota_id) {
                            Some(e) => failed_item(&q.quota_id, e),
                            None => ItemResult {
                                subject: q.quota_id.clone(),
                                ok: true,
                                detail: t!("exec.quota_taken").into(),
                                code: None,
                                amount: Some(q.balance),
                            },
                        },
                    )
                    .collect(),
                Err(_) => one(t!("exec.quota_taken").into()),
            }
        }
        Operation::ChangePhone { .. } | Operation::ChangeEmail { .. } => {
            match serde_json::from_value::<Profile>(answer.clone()) {
                Ok(p) => one(t!(
                    "exec.profile",
                    phone = p.phone.unwrap_or_default(),
                    email = p.email.unwrap_or_default()
                )),
                Err(_) => one(t!("exec.changed").into()),
            }
        }
        Operation::ChangePassword { .. } => one(t!("exec.password_changed").into()),
        Operation::AddAgreement { .. } | Operation::VoidAgreement { .. } => {
            match serde_json::from_value::<Agreement>(answer.clone()) {
                Ok(a) => one(t!("exec.agreement", id = a.agreement_id, status = a.status)),
                Err(_) => one(t!("exec.done").into()),
            }
        }
        Operation::SwitchAssociation { .. } => {
            match serde_json::from_value::<SwitchRequest>(answer.clone()) {
                Ok(r) => one(t!("exec.switch_pending", id = r.switch_id)),
                Err(_) => one(t!("exec.switch_pending_no_id").into()),
            }
        }
        Operation::CreateCustomer { account_name, .. } => {
            match serde_json::from_value::<pc_api::CreateSubCustomerResp>(answer.clone()) {
                Ok(r) => one(t!(
                    "exec.customer_created",
                    account = r.domain_name.unwrap_or_else(|| account_name.clone()),
                    id = r.domain_id.unwrap_or_default()
                )),
                Err(_) => one(t!("exec.customer_created_no_id", account = account_name)),
            }
        }
        Operation::RealnameAuth { .. } => {
            match serde_json::from_value::<pc_api::RealnameAuthResp>(answer.clone()) {
                Ok(r) if r.is_review == Some(0) => one(t!("exec.realname_verified").into()),
                _ => one(t!("exec.realname_review").into()),
            }
        }
        Operation::SetVerification { enabled } => one(if *enabled {
            t!("exec.verification_on").into()
        } else {
            t!("exec.verification_off").into()
        }),
    }
}

/// How the journal words the start of an outcome the backend cannot tell.
pub const UNVERIFIABLE: &str = "unknown, not checkable";

/// The outcome as the journal and the audit log word it.
pub fn label(outcome: &ExecOutcome) -> String {
    match outcome {
        ExecOutcome::Applied(items) => {
            let ok = items.iter().filter(|i| i.ok).count();
            let failed: Vec<String> = items
                .iter()
                .filter(|i| !i.ok)
                .map(|i| format!("{} {}", i.subject, i.code.as_deref().unwrap_or("?")))
                .collect();
            if failed.is_empty() {
                "applied".into()
            } else if ok == 0 {
                format!("failed: {}", failed.join(", "))
            } else {
                format!(
                    "partly applied ({ok} of {}): {}",
                    items.len(),
                    failed.join(", ")
                )
            }
        }
        ExecOutcome::Failed(f) => format!(
            "failed: {}{}",
            f.code
                .as_deref()
                .map(|c| format!("{c} "))
                .unwrap_or_default(),
            f.message
        ),
        ExecOutcome::NotApplied => "not applied".into(),
        ExecOutcome::Unknown(why) => format!("unknown: {why}"),
        ExecOutcome::Unverifiable(why) => format!("{UNVERIFIABLE}: {why}"),
    }
}

/// What is known of a write before it goes to a backend that keeps no request ids
/// (Huawei's own BSS), to tell after a lost answer whether it happened: when it was
/// sent, and the transfers to its target already on record then.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evidence {
    /// When the write was sent (by this machine's clock).
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// The transaction ids on record for the target before it was sent, when read.
    pub seen: Option<std::collections::HashSet<String>>,
}

/// How far before the send a record may be stamped: the backend's clock and ours may
/// differ as much as the signatures allow.
const CLOCK_MARGIN: chrono::TimeDelta = chrono::TimeDelta::minutes(15);
/// Records read in one look: more than that since the send, and the look cannot decide.
const RECORDS_LOOKED_AT: i64 = 100;

/// The adjust records' operation type of a transfer.
fn operation_type(to: TransferTarget) -> &'static str {
    match to {
        TransferTarget::ResellerAllocate | TransferTarget::CustomerAllocate => pc_api::OP_ALLOCATE,
        TransferTarget::ResellerRecall | TransferTarget::CustomerRecall => pc_api::OP_RECLAIM,
    }
}

/// The transfers of `op`'s kind to its target on record since `since`.
async fn transfers_since(
    c: &Client,
    to: TransferTarget,
    target_id: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<pc_api::AdjustRecord>, ClientError> {
    let q = pc_api::AdjustRecordsQuery {
        customer_id: Some(target_id.to_string()),
        operation_type: Some(operation_type(to).to_string()),
        operation_time_begin: Some(
            (since - CLOCK_MARGIN)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        ),
        limit: Some(RECORDS_LOOKED_AT),
        ..Default::default()
    };
    Ok(c.list_partner_adjust_records(&q).await?.records)
}

/// What is on record before `op` is sent to a backend without request ids.
pub async fn evidence_before(c: &Client, op: &Operation) -> Evidence {
    let since = chrono::Utc::now();
    let seen = match op {
        Operation::Transfer { to, target_id, .. } => {
            match transfers_since(c, *to, target_id, since).await {
                Ok(records) => Some(records.into_iter().map(|r| r.trans_id).collect()),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the adjust records before a transfer");
                    None
                }
            }
        }
        // The quotas the reseller holds from this one, or those already taken back.
        Operation::GiveQuota { .. } | Operation::TakeQuota { .. } => {
            match given_quotas(c, op).await {
                Ok(quotas) => Some(
                    quotas
                        .into_iter()
                        .filter(|q| {
                            matches!(op, Operation::GiveQuota { .. })
                                || q.quota_status == QUOTA_TAKEN_BACK
                        })
                        .map(|q| q.quota_id)
                        .collect(),
                ),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the reseller's quotas before a write");
                    None
                }
            }
        }
        _ => None,
    };
    Evidence {
        since: Some(since),
        seen,
    }
}

/// A reseller's quota once what was left of it was taken back.
const QUOTA_TAKEN_BACK: i32 = 6;

/// The quotas a quota write is about: those the reseller was given from the same quota
/// (giving), or all the reseller's (taking back).
async fn given_quotas(c: &Client, op: &Operation) -> Result<Vec<pc_api::IssuedQuota>, ClientError> {
    let (reseller, parent) = match op {
        Operation::GiveQuota {
            reseller_id,
            quota_id,
            ..
        } => (reseller_id, Some(quota_id.clone())),
        Operation::TakeQuota { reseller_id, .. } => (reseller_id, None),
        _ => return Ok(vec![]),
    };
    crate::quotas::issued_quotas(
        c,
        Some(reseller),
        parent.as_deref(),
        RECORDS_LOOKED_AT as usize,
    )
    .await
}

/// On a backend without the status query: tells from what it shows whether `op`
/// happened. A transfer is found in the adjust records (target, kind, amount, sent
/// since, not on record before); a new customer in the customers list (its account
/// name, associated since). Found once: applied; not found: not applied; found more
/// than once, or nothing to go by: unverifiable. Without the records seen before,
/// one found must be stamped after the send by our clock, or it could be an earlier
/// one; a record without an id or amount, or a full page, cannot decide either.
async fn reconcile(
    c: &Client,
    op: &Operation,
    evidence: &Evidence,
) -> Result<ExecOutcome, ClientError> {
    let unverifiable = || ExecOutcome::Unverifiable(unverifiable_why(op));
    let Some(since) = evidence.since else {
        return Ok(unverifiable());
    };
    match op {
        Operation::Transfer {
            to,
            target_id,
            amount,
            ..
        } => {
            let records = transfers_since(c, *to, target_id, since).await?;
            let unreadable = records.iter().any(|r| {
                r.trans_id.is_empty() || r.amount.parse::<rust_decimal::Decimal>().is_err()
            });
            if unreadable || records.len() as i64 >= RECORDS_LOOKED_AT {
                return Ok(unverifiable());
            }
            let found: Vec<&pc_api::AdjustRecord> = records
                .iter()
                .filter(|r| {
                    r.amount
                        .parse::<rust_decimal::Decimal>()
                        .is_ok_and(|a| a.abs() == amount.abs())
                        && evidence
                            .seen
                            .as_ref()
                            .is_none_or(|seen| !seen.contains(&r.trans_id))
                })
                .collect();
            let after_send = |r: &pc_api::AdjustRecord| {
                chrono::DateTime::parse_from_rfc3339(&r.operation_time)
                    .is_ok_and(|t| t.to_utc() >= since)
            };
            Ok(match found.as_slice() {
                [] => ExecOutcome::NotApplied,
                [one] if evidence.seen.is_some() || after_send(one) => ExecOutcome::Applied(items(
                    op,
                    &serde_json::json!({ "trans_id": one.trans_id }),
                )),
                _ => unverifiable(),
            })
        }
        Operation::CreateCustomer {
            account_name,
            reseller,
            ..
        } => {
            // Among the reseller's customers when it was made for one.
            let q = pc_api::ListSubCustomersReq {
                account_name: Some(account_name.clone()),
                limit: Some(100),
                indirect_partner_id: reseller.as_ref().map(|r| r.id.clone()),
                ..Default::default()
            };
            let customers = c.list_sub_customers(&q).await?.customer_infos;
            let same: Vec<&pc_api::CustomerInfo> = customers
                .iter()
                .filter(|x| x.account_name.eq_ignore_ascii_case(account_name))
                .collect();
            let new_since = |x: &pc_api::CustomerInfo| {
                x.associated_on
                    .as_deref()
                    .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                    .is_some_and(|t| t.to_utc() >= since - CLOCK_MARGIN)
            };
            Ok(match same.as_slice() {
                [] => ExecOutcome::NotApplied,
                [one] if new_since(one) => ExecOutcome::Applied(items(
                    op,
                    &serde_json::json!({
                        "domain_id": one.customer_id,
                        "domain_name": one.account_name,
                    }),
                )),
                _ => unverifiable(),
            })
        }
        // A new quota of the amount from the same quota, not there before the send.
        Operation::GiveQuota { amount, .. } => {
            let Some(seen) = &evidence.seen else {
                return Ok(unverifiable());
            };
            let quotas = given_quotas(c, op).await?;
            if quotas.len() as i64 >= RECORDS_LOOKED_AT {
                return Ok(unverifiable());
            }
            let found: Vec<&pc_api::IssuedQuota> = quotas
                .iter()
                .filter(|q| !seen.contains(&q.quota_id) && q.quota_value == *amount)
                .collect();
            Ok(match found.as_slice() {
                [] => ExecOutcome::NotApplied,
                [one] => ExecOutcome::Applied(items(
                    op,
                    &serde_json::json!({ "simple_quota_infos": [{ "quota_id": one.quota_id }] }),
                )),
                _ => unverifiable(),
            })
        }
        // Every quota taken back since the send: applied; none: not applied.
        Operation::TakeQuota { quotas: taken, .. } => {
            let Some(seen) = &evidence.seen else {
                return Ok(unverifiable());
            };
            let quotas = given_quotas(c, op).await?;
            let mut back = 0;
            for t in taken.iter().filter(|t| !seen.contains(&t.quota_id)) {
                match quotas.iter().find(|q| q.quota_id == t.quota_id) {
                    Some(q) if q.quota_status == QUOTA_TAKEN_BACK => back += 1,
                    Some(_) => {}
                    None => return Ok(unverifiable()),
                }
            }
            let open = taken.iter().filter(|t| !seen.contains(&t.quota_id)).count();
            Ok(match back {
                0 => ExecOutcome::NotApplied,
                n if n == open => ExecOutcome::Applied(items(op, &serde_json::json!({}))),
                _ => unverifiable(),
            })
        }
        _ => Ok(unverifiable()),
    }
}

/// Asks the backend what became of `request_id`, a few times with growing pauses. A
/// backend without the status query (Huawei's own BSS) is asked what it shows instead,
/// with what was on record before the write ([`Evidence`]).
pub async fn resolve(
    c: &Client,
    request_id: &str,
    op: &Operation,
    tries: usize,
    evidence: &Evidence,
) -> ExecOutcome {
    resolve_keyless(c, request_id, op, tries, evidence).await.0
}

/// [`resolve`], and whether the backend turned out to keep no request ids (then its
/// "not applied" closes nothing: a late arrival could still land).
async fn resolve_keyless(
    c: &Client,
    request_id: &str,
    op: &Operation,
    tries: usize,
    evidence: &Evidence,
) -> (ExecOutcome, bool) {
    let mut last = String::from(t!("exec.no_answer"));
    let mut bss_only = false;
    for delay in RESOLVE_DELAYS_MS.iter().take(tries.max(1)) {
        tokio::time::sleep(Duration::from_millis(*delay)).await;
        let answer = if bss_only {
            reconcile(c, op, evidence).await
        } else {
            match c.request_outcome(request_id).await {
                Ok(o) if o.state == APPLIED => {
                    return (
                        ExecOutcome::Applied(items(op, &o.response.unwrap_or_default())),
                        false,
                    );
                }
                Ok(_) => return (ExecOutcome::NotApplied, false),
                Err(ClientError::Api { status: 404, .. }) => {
                    bss_only = true;
                    reconcile(c, op, evidence).await
                }
                Err(e) => Err(e),
            }
        };
        match answer {
            // Not on record yet: a slow write may still land; asked again after a
            // pause, and "not applied" only when the last try finds nothing either.
            Ok(ExecOutcome::NotApplied) => last = t!("exec.not_on_record").into(),
            Ok(outcome) => return (outcome, bss_only),
            Err(e) => last = crate::format::describe(&e),
        }
    }
    if bss_only && last == t!("exec.not_on_record") {
        return (ExecOutcome::NotApplied, true);
    }
    (ExecOutcome::Unknown(last), bss_only)
}

/// The evidence the journal holds for an intent: when it was written.
fn evidence_of(rec: &Records, request_id: &str) -> Evidence {
    let at = rec
        .journal
        .as_ref()
        .and_then(|j| j.records().ok())
        .and_then(|records| {
            records
                .into_iter()
                .rev()
                .find(|r| r.request_id == request_id)
                .map(|r| r.at)
        });
    Evidence {
        since: at
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
            .map(|t| t.to_utc()),
        seen: None,
    }
}

/// Why the outcome of `op` cannot be told, and where the user can check it.
pub fn unverifiable_why(op: &Operation) -> String {
    t!("exec.unverifiable", place = where_to_check(op))
}

/// Where the user can see whether an operation took effect, when the backend cannot say.
fn where_to_check(op: &Operation) -> &'static str {
    match op {
        Operation::PayOrders { .. }
        | Operation::RejectOrder { .. }
        | Operation::AdjustPrice { .. } => t!("exec.where_orders"),
        Operation::CreateCustomer { .. } => t!("exec.where_customers"),
        Operation::RealnameAuth { .. } => t!("exec.where_realname"),
        Operation::SwitchAssociation { .. } => t!("exec.where_association"),
        Operation::Transfer { .. } | Operation::PayPlan { .. } => t!("exec.where_adjust_records"),
        Operation::GiveQuota { .. } | Operation::TakeQuota { .. } => t!("exec.where_quotas"),
        _ => t!("exec.where_web"),
    }
}

/// Journal and audit the outcome. An unknown outcome stays open in the journal.
fn record(rec: &Records, request_id: &str, op: &Operation, outcome: &ExecOutcome) {
    let text = label(outcome);
    if !matches!(outcome, ExecOutcome::Unknown(_))
        && let Some(j) = &rec.journal
        && let Err(e) = j.done(request_id, &text)
    {
        tracing::error!(error = %e, request_id, "cannot record an outcome in the journal");
    }
    if let Some(audit) = &rec.audit {
        let mut entry = AuditEntry::new(&rec.profile, &rec.partner, request_id, op, text);
        // What the backend says it charged, when it said (a batch that paid some of
        // its orders moved only their amounts).
        if let ExecOutcome::Applied(items) = outcome
            && items.iter().any(|i| i.amount.is_some())
        {
            entry.amount = Some(items.iter().filter_map(|i| i.amount).sum());
        }
        if let Err(e) = audit.append(&entry) {
            tracing::error!(error = %e, "cannot append to the audit log");
        }
    }
    tracing::info!(request_id, operation = op.name(), outcome = %label(outcome), "operation finished");
}

/// Carries out one confirmed operation exactly once. When the backend says an attempt
/// was not applied (a 503 from a gateway, a connection that never reached it), it is
/// sent again under a new request id, a couple of times: the old id is closed, so the
/// two can never both apply, and the verification code was not spent. A backend
/// without request ids (BSS alone) closes nothing: what it did not show may still
/// land, so "not applied" there is told, never sent again on the user's behalf.
pub async fn execute(
    c: &Client,
    rec: &Records,
    request_id: &str,
    op: &Operation,
    verification: Option<Verification>,
    bss_only: bool,
) -> Executed {
    let mut sent_as = request_id.to_string();
    let (mut outcome, mut keyless) =
        attempt(c, rec, &sent_as, op, verification.clone(), bss_only).await;
    for (n, delay) in RESEND_DELAYS_MS.iter().enumerate() {
        if bss_only || keyless || !matches!(outcome, ExecOutcome::NotApplied) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(*delay)).await;
        sent_as = format!("{request_id}-{}", n + 2);
        tracing::info!(
            request_id,
            sent_as,
            "not applied; sending again under a new id"
        );
        (outcome, keyless) = attempt(c, rec, &sent_as, op, verification.clone(), bss_only).await;
    }
    Executed { sent_as, outcome }
}

/// One attempt under one request id: journaled, sent, resolved if the answer is lost,
/// recorded. True with it when the backend keeps no request ids.
async fn attempt(
    c: &Client,
    rec: &Records,
    request_id: &str,
    op: &Operation,
    verification: Option<Verification>,
    bss_only: bool,
) -> (ExecOutcome, bool) {
    let Some(journal) = &rec.journal else {
        return (
            ExecOutcome::Failed(Failure {
                code: None,
                kind: FailureKind::Local,
                message: t!(
                    "exec.journal_unavailable",
                    reason = rec
                        .journal_error
                        .as_deref()
                        .unwrap_or(t!("exec.journal_unknown_reason"))
                ),
            }),
            false,
        );
    };
    if let Err(e) = journal.intent(request_id, op) {
        return (
            ExecOutcome::Failed(Failure {
                code: None,
                kind: FailureKind::Local,
                message: t!(
                    "exec.journal_write_failed",
                    path = journal.path().display(),
                    error = e
                ),
            }),
            false,
        );
    }
    // Huawei's BSS keeps no request ids: what is on record before, to tell after. Any
    // other backend may still turn out to keep none: then the send's time is the clue.
    let evidence = if bss_only {
        evidence_before(c, op).await
    } else {
        Evidence {
            since: Some(chrono::Utc::now()),
            seen: None,
        }
    };
    let (outcome, keyless) = match send(c, request_id, op, verification, bss_only).await {
        Ok(answer) => (ExecOutcome::Applied(items(op, &answer)), false),
        Err(e) if e.outcome_unknown() => {
            tracing::warn!(request_id, error = %e, "answer lost; asking the backend");
            resolve_keyless(c, request_id, op, RESOLVE_DELAYS_MS.len(), &evidence).await
        }
        Err(e) => (ExecOutcome::Failed(failure(&e)), false),
    };
    record(rec, request_id, op, &outcome);
    (outcome, keyless)
}

/// Asks again about one operation whose answer was lost (the user pressed `c`).
pub async fn recheck(c: &Client, rec: &Records, request_id: &str, op: &Operation) -> ExecOutcome {
    let outcome = resolve(c, request_id, op, 3, &evidence_of(rec, request_id)).await;
    if !matches!(outcome, ExecOutcome::Unknown(_)) {
        record(rec, request_id, op, &outcome);
    }
    outcome
}

/// Resolves the journal's unfinished intents (a crash, a lost SSH session, a kill).
pub async fn resolve_journal(c: &Client, rec: &Records) -> Vec<(String, Operation, ExecOutcome)> {
    resolve_settled(c, rec, chrono::Duration::zero()).await.0
}

/// Resolves the unfinished intents older than `min_age`, and returns them with what
/// became of them, and the younger ones, left alone: another console or script may
/// still be sending them, and asking about a request that has not arrived yet closes
/// it for good.
pub async fn resolve_settled(
    c: &Client,
    rec: &Records,
    min_age: chrono::Duration,
) -> (
    Vec<(String, Operation, ExecOutcome)>,
    Vec<(String, Operation)>,
) {
    let Some(journal) = &rec.journal else {
        return (vec![], vec![]);
    };
    let open = match journal.unfinished_since() {
        Ok(open) => open,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the journal");
            return (vec![], vec![]);
        }
    };
    let now = chrono::Utc::now();
    let (mut settled, mut young) = (Vec::new(), Vec::new());
    for (request_id, at, op) in open {
        let age = chrono::DateTime::parse_from_rfc3339(&at).map(|t| now - t.to_utc());
        if age.is_ok_and(|age| age < min_age) {
            young.push((request_id, op));
            continue;
        }
        let evidence = Evidence {
            since: chrono::DateTime::parse_from_rfc3339(&at)
                .ok()
                .map(|t| t.to_utc()),
            seen: None,
        };
        let outcome = resolve(c, &request_id, &op, 3, &evidence).await;
        record(rec, &request_id, &op, &outcome);
        settled.push((request_id, op, outcome));
    }
    (settled, young)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::OrderToPay;

    #[test]
    fn an_unverifiable_outcome_points_where_the_operation_shows() {
        let create = Operation::CreateCustomer {
            account_name: "new_co".into(),
            phone: None,
            email: None,
            xaccount_id: "x-new_co".into(),
            xaccount_type: "p".into(),
            code: Default::default(),
            domain_area: None,
            referral: false,
            reseller: None,
        };
        assert!(where_to_check(&create).contains("Customers"));
        let transfer = Operation::Transfer {
            to: TransferTarget::CustomerAllocate,
            target_id: "c".into(),
            target_name: "c".into(),
            amount: rust_decimal::Decimal::ONE,
        };
        assert!(where_to_check(&transfer).contains("adjust records"));
        let pay = Operation::RejectOrder {
            order_id: "CS1".into(),
        };
        assert!(where_to_check(&pay).contains("Orders"));
    }

    #[test]
    fn a_partly_paid_batch_is_audited_with_what_was_paid() {
        let dir = std::env::temp_dir().join(format!("pc-exec-{}", uuid::Uuid::new_v4()));
        let rec = Records::in_dir(&dir, "p", "partner");
        let order = |id: &str, amount: i64| OrderToPay {
            order_id: id.into(),
            customer: "c".into(),
            amount: rust_decimal::Decimal::from(amount),
            status: 6,
            agent_pay: true,
            marketplace: false,
            ..Default::default()
        };
        let op = Operation::PayOrders {
            orders: vec![order("A", 10), order("B", 32)],
            method: PayMethod::Balance,
        };
        // B was re-priced meanwhile: the backend charged 30, not the 32 the console knew.
        let item = |id: &str, ok: bool| ItemResult {
            subject: id.into(),
            ok,
            detail: String::new(),
            code: (!ok).then(|| "CBC.99003142".to_string()),
            amount: ok.then(|| rust_decimal::Decimal::from(30)),
        };
        rec.journal.as_ref().unwrap().intent("r1", &op).unwrap();
        record(
            &rec,
            "r1",
            &op,
            &ExecOutcome::Applied(vec![item("A", false), item("B", true)]),
        );
        let entries = rec.audit.as_ref().unwrap().read("").unwrap();
        assert_eq!(entries[0].amount, Some(rust_decimal::Decimal::from(30)));
        assert_eq!(
            entries[0].outcome,
            "partly applied (1 of 2): A CBC.99003142"
        );
        assert!(
            rec.journal
                .as_ref()
                .unwrap()
                .unfinished()
                .unwrap()
                .is_empty()
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
