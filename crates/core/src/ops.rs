//! The sensitive operations the console can confirm (docs/design.md §3): what each is, the code
//! scene and key fields it is bound to, the summary shown before a code is spent, the
//! pre-flight problems the console can see for itself, and every backend refusal in
//! plain words with the next step. Pure data and functions.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::format::{money, pad};
use pc_api::error::codes;
use pc_api::partner_center::{PayMethod, Scene, TransferTarget, money_key};
use pc_api::{ACCOUNT_ALLOCATABLE, ACCOUNT_BALANCE, ACCOUNT_CREDIT, AccountBalance};

/// A secret the user typed (a new password): never serialised — the journal keeps the
/// operation without it — and never shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(pub String);

impl Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("***")
    }
}

impl<'de> Deserialize<'de> for Secret {
    /// Whatever was written, the secret itself never was: it reads back empty.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d)?;
        Ok(Secret::default())
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// How a customer proves their real name (docs/bss-api.md §10). Numbers, card and code are
/// `Secret`s: the journal and the audit log never hold them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Identity {
    /// A personal document (`verified_type`) and its three images: manual review.
    Document {
        verified_type: i32,
        files: Vec<String>,
    },
    /// A personal bank card, with the code sent to the phone reserved at the bank:
    /// decided at once.
    BankCard {
        bank_account: Secret,
        phone: Secret,
        code: Secret,
    },
    /// An organisation document (`certificate_type`), its images and optionally the
    /// legal representative: manual review.
    Enterprise {
        certificate_type: i32,
        files: Vec<String>,
        legal_name: Option<String>,
        legal_id: Secret,
    },
}

impl Identity {
    pub fn describe(&self) -> String {
        use pc_api::rules::{certificate_name, document_name};
        match self {
            Identity::Document { verified_type, .. } => t!(
                "summary.manual_review",
                document = document_name(*verified_type)
            ),
            Identity::BankCard { .. } => t!("summary.bank_card_at_once").into(),
            Identity::Enterprise {
                certificate_type, ..
            } => t!(
                "summary.manual_review",
                document = certificate_name(*certificate_type)
            ),
        }
    }
}

/// `****002X`: the last four characters of a number, for summaries.
pub fn tail(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let keep: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("****{keep}")
}

/// The quotas `reclaim_coupon_quotas` takes back in one call.
pub const MAX_QUOTAS_TAKEN: usize = 10;

/// The first quota usable now (normal status, within its validity) that has `amount`
/// left; otherwise the most any usable one has.
pub fn covering_quota(
    quotas: &[pc_api::CouponQuota],
    amount: Decimal,
    now: DateTime<Utc>,
) -> Result<&pc_api::CouponQuota, Decimal> {
    let now = now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let usable = || {
        quotas
            .iter()
            .filter(|q| q.quota_status == 0 && q.effective_time <= now && now <= q.expire_time)
    };
    usable()
        .find(|q| q.balance >= amount)
        .ok_or_else(|| usable().map(|q| q.balance).max().unwrap_or_default())
}

/// What can be taken back of a reseller's quotas: those still open with something left.
pub fn open_quotas(quotas: &[pc_api::CouponQuota]) -> Vec<QuotaToTake> {
    quotas
        .iter()
        .filter(|q| q.quota_status == 0 && q.balance > Decimal::ZERO)
        .map(|q| QuotaToTake {
            quota_id: q.quota_id.clone(),
            balance: q.balance,
        })
        .collect()
}

/// Order status 6: the only one that can be paid, rejected or re-priced.
pub const PENDING_PAYMENT: i32 = 6;

/// One order of a payment, with what the console knew of it when the user confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct OrderToPay {
    pub order_id: String,
    pub customer: String,
    pub amount: Decimal,
    pub status: i32,
    pub agent_pay: bool,
    pub marketplace: bool,
    /// The time the customer must be paid for by (the order's details), once read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_before: Option<String>,
    /// The earliest effective time of its line items, once read: a service that should
    /// already have started cannot be paid for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts: Option<String>,
}

/// One of a reseller's quotas to take back, with what it had left when the user
/// confirmed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct QuotaToTake {
    pub quota_id: String,
    pub balance: Decimal,
}

/// The reseller a distributor acts for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ForReseller {
    pub id: String,
    pub name: String,
}

/// The code a new phone received, to confirm it is the partner's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPhoneCode {
    pub challenge_id: String,
    pub code: Secret,
}

/// A confirmed (or about to be confirmed) operation. It is what the journal records
/// before sending, so it carries everything needed to describe it after a crash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Operation {
    PayOrders {
        orders: Vec<OrderToPay>,
        method: PayMethod,
    },
    RejectOrder {
        order_id: String,
    },
    AdjustPrice {
        order_id: String,
        unit_price: Decimal,
        old_unit_price: Decimal,
        quantity: i32,
        periods: i32,
    },
    Transfer {
        to: TransferTarget,
        target_id: String,
        target_name: String,
        amount: Decimal,
    },
    PayPlan {
        contract_id: String,
        plan_id: String,
        installment: i32,
        amount: Decimal,
    },
    SetVerification {
        enabled: bool,
    },
    /// A cash coupon or voucher from one of the partner's quotas (government partners).
    IssueCoupon {
        quota_id: String,
        /// What the quota had left when the user confirmed.
        quota_left: Decimal,
        customer_id: String,
        customer_name: String,
        face_value: Decimal,
    },
    RecallCoupon {
        coupon_id: String,
    },
    /// A distributor gives a reseller a coupon quota from one of its own.
    GiveQuota {
        quota_id: String,
        /// What the distributor's quota had left when the user confirmed.
        quota_left: Decimal,
        reseller_id: String,
        reseller_name: String,
        amount: Decimal,
    },
    /// A distributor takes back what is left of the quotas it gave a reseller.
    TakeQuota {
        reseller_id: String,
        reseller_name: String,
        quotas: Vec<QuotaToTake>,
    },
    /// A new payment agreement (only while none is valid; no code).
    AddAgreement {
        name: String,
    },
    VoidAgreement {
        agreement_id: String,
        name: String,
    },
    ChangePhone {
        phone: String,
        /// The new phone's own code, once typed (its code is never journaled: it reads
        /// back empty).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confirmed: Option<NewPhoneCode>,
    },
    ChangeEmail {
        email: String,
    },
    ChangePassword {
        password: Secret,
    },
    /// Ask a customer to switch association type (pending until they answer).
    SwitchAssociation {
        customer_id: String,
        customer_name: String,
        from_type: String,
        to_type: String,
        reason: String,
    },
    /// A new customer (BSS create_sub_customer; the registration code never journaled).
    CreateCustomer {
        account_name: String,
        phone: Option<String>,
        email: Option<String>,
        xaccount_id: String,
        xaccount_type: String,
        code: Secret,
        /// The international site's: the customer's country (ISO 3166 alpha-2); the
        /// registration code then went to the e-mail.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        domain_area: Option<String>,
        /// Associated as a referral (consultative) customer rather than a reseller
        /// one (the Chinese site's `cooperation_type` "1").
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        referral: bool,
        /// A distributor creating the customer for one of its resellers.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reseller: Option<ForReseller>,
    },
    /// A customer's real-name authentication (BSS; the bank card's own code).
    RealnameAuth {
        customer_id: String,
        customer_name: String,
        /// The person's or the organisation's name.
        name: String,
        number: Secret,
        identity: Identity,
        xaccount_type: String,
    },
}

impl Operation {
    /// The code scene, when the operation needs one while verification is on.
    pub fn scene(&self) -> Option<Scene> {
        Some(match self {
            Operation::PayOrders { .. } => Scene::PayOrders,
            Operation::RejectOrder { .. } => return None,
            Operation::AdjustPrice { .. } => Scene::AdjustPrice,
            Operation::Transfer { to, .. } => to.scene(),
            Operation::PayPlan { .. } => Scene::PayPlan,
            Operation::SetVerification { enabled: true } => return None,
            Operation::SetVerification { enabled: false } => Scene::VerificationOff,
            Operation::IssueCoupon { .. } => Scene::CouponIssue,
            Operation::RecallCoupon { .. } => Scene::CouponRecall,
            Operation::GiveQuota { .. } => Scene::QuotaGive,
            Operation::TakeQuota { .. } => Scene::QuotaTake,
            Operation::AddAgreement { .. } | Operation::VoidAgreement { .. } => return None,
            // The new phone's own code first, then the registered phone's.
            Operation::ChangePhone {
                confirmed: None, ..
            } => Scene::ProfilePhoneNew,
            Operation::ChangePhone { .. } => Scene::ProfilePhone,
            Operation::ChangeEmail { .. } => Scene::ProfileEmail,
            Operation::ChangePassword { .. } => Scene::ProfilePassword,
            Operation::SwitchAssociation { .. } => Scene::SwitchAssociation,
            Operation::CreateCustomer { .. } | Operation::RealnameAuth { .. } => return None,
        })
    }

    /// The key fields the code is bound to (see `api::partner_center::binding`).
    pub fn target(&self) -> Vec<String> {
        match self {
            Operation::PayOrders { orders, method } => std::iter::once(method.as_str().to_string())
                .chain(orders.iter().map(|o| o.order_id.clone()))
                .collect(),
            Operation::RejectOrder { order_id } => vec![order_id.clone()],
            Operation::AdjustPrice {
                order_id,
                unit_price,
                ..
            } => vec![order_id.clone(), money_key(*unit_price)],
            Operation::Transfer {
                target_id, amount, ..
            } => vec![target_id.clone(), money_key(*amount)],
            Operation::PayPlan {
                contract_id,
                plan_id,
                ..
            } => vec![contract_id.clone(), plan_id.clone()],
            Operation::SetVerification { .. } => vec![],
            Operation::IssueCoupon {
                quota_id,
                customer_id,
                face_value,
                ..
            } => vec![
                quota_id.clone(),
                money_key(*face_value),
                customer_id.clone(),
            ],
            Operation::RecallCoupon { coupon_id } => vec![coupon_id.clone()],
            Operation::GiveQuota {
                quota_id,
                reseller_id,
                amount,
                ..
            } => vec![quota_id.clone(), money_key(*amount), reseller_id.clone()],
            Operation::TakeQuota { quotas, .. } => {
                quotas.iter().map(|q| q.quota_id.clone()).collect()
            }
            Operation::AddAgreement { name } => vec![name.clone()],
            Operation::VoidAgreement { agreement_id, .. } => vec![agreement_id.clone()],
            Operation::ChangePhone { phone, .. } => vec![phone.clone()],
            Operation::ChangeEmail { email } => vec![email.clone()],
            // A password is never part of a code's binding.
            Operation::ChangePassword { .. } => vec![],
            Operation::SwitchAssociation { customer_id, .. } => vec![customer_id.clone()],
            Operation::CreateCustomer { account_name, .. } => vec![account_name.clone()],
            Operation::RealnameAuth { customer_id, .. } => vec![customer_id.clone()],
        }
    }

    /// The audit log's operation name.
    pub fn name(&self) -> &'static str {
        match self {
            Operation::PayOrders { .. } => "pay_orders",
            Operation::RejectOrder { .. } => "reject_order",
            Operation::AdjustPrice { .. } => "adjust_price",
            Operation::Transfer { to, .. } => to.scene().as_str(),
            Operation::PayPlan { .. } => "pay_plan",
            Operation::SetVerification { enabled: true } => "verification_on",
            Operation::SetVerification { enabled: false } => "verification_off",
            Operation::IssueCoupon { .. } => "coupon_issue",
            Operation::RecallCoupon { .. } => "coupon_recall",
            Operation::GiveQuota { .. } => "quota_give",
            Operation::TakeQuota { .. } => "quota_take",
            Operation::AddAgreement { .. } => "agreement_add",
            Operation::VoidAgreement { .. } => "agreement_void",
            Operation::ChangePhone { .. } => "profile_phone",
            Operation::ChangeEmail { .. } => "profile_email",
            Operation::ChangePassword { .. } => "profile_password",
            Operation::SwitchAssociation { .. } => "switch_association",
            Operation::CreateCustomer { .. } => "create_customer",
            Operation::RealnameAuth { .. } => "realname_auth",
        }
    }

    /// A title for the modal and the History pane.
    pub fn title(&self) -> String {
        match self {
            Operation::PayOrders { orders, .. } if orders.len() == 1 => {
                t!("op.pay_one", order_id = orders[0].order_id)
            }
            Operation::PayOrders { orders, .. } => t!("op.pay_many", count = orders.len()),
            Operation::RejectOrder { order_id } => t!("op.reject", order_id = order_id),
            Operation::AdjustPrice { order_id, .. } => t!("op.adjust_price", order_id = order_id),
            Operation::Transfer {
                to, target_name, ..
            } => transfer_title(*to, target_name),
            Operation::PayPlan {
                contract_id,
                installment,
                ..
            } => t!(
                "op.pay_plan",
                installment = installment,
                contract_id = contract_id
            ),
            Operation::SetVerification { enabled: true } => t!("op.verification_on").to_string(),
            Operation::SetVerification { enabled: false } => t!("op.verification_off").to_string(),
            Operation::IssueCoupon {
                customer_name,
                face_value,
                ..
            } => t!(
                "op.issue_coupon",
                amount = money(*face_value),
                customer = customer_name
            ),
            Operation::RecallCoupon { coupon_id } => t!("op.recall_coupon", coupon_id = coupon_id),
            Operation::GiveQuota {
                reseller_name,
                amount,
                ..
            } => t!(
                "op.give_quota",
                amount = money(*amount),
                reseller = reseller_name
            ),
            Operation::TakeQuota { reseller_name, .. } => {
                t!("op.take_quota", reseller = reseller_name)
            }
            Operation::AddAgreement { name } => t!("op.add_agreement", name = name),
            Operation::VoidAgreement { agreement_id, name } => t!(
                "op.void_agreement",
                agreement_id = agreement_id,
                name = name
            ),
            Operation::ChangePhone { .. } => t!("modal.phone_title").into(),
            Operation::ChangeEmail { .. } => t!("modal.email_title").into(),
            Operation::ChangePassword { .. } => t!("modal.password_title").into(),
            Operation::SwitchAssociation {
                customer_name,
                to_type,
                ..
            } => t!(
                "op.switch",
                customer = customer_name,
                to = pc_api::rules::type_name(to_type)
            ),
            Operation::CreateCustomer {
                account_name,
                reseller: Some(r),
                ..
            } => t!(
                "op.create_customer_for",
                account = account_name,
                reseller = r.name
            ),
            Operation::CreateCustomer { account_name, .. } => {
                t!("op.create_customer", account = account_name)
            }
            Operation::RealnameAuth { customer_name, .. } => {
                t!("op.realname", customer = customer_name)
            }
        }
    }

    /// The same kind of operation on the same target (whatever the amount): what the
    /// guards against sending an operation twice compare.
    pub fn same_as(&self, other: &Operation) -> bool {
        self.name() == other.name() && self.audit_target() == other.audit_target()
    }

    /// What the audit log names as the target.
    pub fn audit_target(&self) -> String {
        match self {
            Operation::PayOrders { orders, .. } => orders
                .iter()
                .map(|o| o.order_id.as_str())
                .collect::<Vec<_>>()
                .join(","),
            Operation::Transfer { target_id, .. } => target_id.clone(),
            Operation::IssueCoupon { customer_id, .. } => customer_id.clone(),
            Operation::GiveQuota { reseller_id, .. } | Operation::TakeQuota { reseller_id, .. } => {
                reseller_id.clone()
            }
            Operation::SetVerification { .. }
            | Operation::ChangePhone { .. }
            | Operation::ChangeEmail { .. }
            | Operation::ChangePassword { .. } => "profile".into(),
            _ => self.target().first().cloned().unwrap_or_default(),
        }
    }

    /// Whom the operation is for, by name, when it names them.
    pub fn audit_name(&self) -> Option<String> {
        let name = match self {
            Operation::PayOrders { orders, .. } => {
                let mut names: Vec<&str> = orders.iter().map(|o| o.customer.as_str()).collect();
                names.dedup();
                names.join(", ")
            }
            Operation::Transfer { target_name, .. } => target_name.clone(),
            Operation::GiveQuota { reseller_name, .. }
            | Operation::TakeQuota { reseller_name, .. } => reseller_name.clone(),
            Operation::IssueCoupon { customer_name, .. }
            | Operation::SwitchAssociation { customer_name, .. }
            | Operation::RealnameAuth { customer_name, .. } => customer_name.clone(),
            Operation::CreateCustomer { account_name, .. } => account_name.clone(),
            _ => String::new(),
        };
        (!name.is_empty()).then_some(name)
    }

    /// The money the operation moves, if any.
    pub fn amount(&self) -> Option<Decimal> {
        match self {
            Operation::PayOrders { orders, .. } => Some(orders.iter().map(|o| o.amount).sum()),
            Operation::AdjustPrice {
                unit_price,
                quantity,
                periods,
                ..
            } => Some(*unit_price * Decimal::from(*quantity) * Decimal::from(*periods)),
            Operation::Transfer { amount, .. } | Operation::PayPlan { amount, .. } => Some(*amount),
            Operation::IssueCoupon { face_value, .. } => Some(*face_value),
            Operation::GiveQuota { amount, .. } => Some(*amount),
            Operation::TakeQuota { quotas, .. } => Some(quotas.iter().map(|q| q.balance).sum()),
            _ => None,
        }
    }
}

/// "Allocate funds to reseller X", and the like.
pub fn transfer_title(to: TransferTarget, name: &str) -> String {
    match to {
        TransferTarget::ResellerAllocate => t!("op.reseller_allocate", name = name),
        TransferTarget::ResellerRecall => t!("op.reseller_recall", name = name),
        TransferTarget::CustomerAllocate => t!("op.customer_allocate", name = name),
        TransferTarget::CustomerRecall => t!("op.customer_recall", name = name),
    }
}

/// A partner's three figures, from the balances the console last read.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Funds {
    pub balance: Decimal,
    pub allocatable: Decimal,
    pub credit: Decimal,
}

impl Funds {
    pub fn from(balances: &[AccountBalance]) -> Funds {
        let of = |t| {
            balances
                .iter()
                .filter(|b| b.account_type == t)
                .map(|b| b.amount)
                .sum::<Decimal>()
        };
        Funds {
            balance: of(ACCOUNT_BALANCE),
            allocatable: of(ACCOUNT_ALLOCATABLE),
            credit: of(ACCOUNT_CREDIT),
        }
    }
}

/// The confirmation summary: lines to show, and problems that stop the operation
/// before a code is spent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub lines: Vec<String>,
    pub problems: Vec<String>,
}

/// A summary line: the label in a column of its own, then the value.
fn field(label: &str, value: impl std::fmt::Display) -> String {
    format!("{} {value}", pad(label, 13))
}

fn before_after(label: &str, before: Decimal, delta: Decimal) -> String {
    field(
        label,
        format!("¥{} → ¥{}", money(before), money(before + delta)),
    )
}

/// What will happen, with balances before → after when they are known, and what the
/// console can already tell will fail. `limit` is a known ceiling for a recall (the
/// reseller's or customer's balance).
pub fn summarize(op: &Operation, funds: Option<Funds>, limit: Option<Decimal>) -> Summary {
    let mut s = Summary::default();
    let balance = t!("summary.balance");
    let allocatable = t!("summary.allocatable");
    match op {
        Operation::PayOrders { orders, method } => {
            if orders.len() > pc_api::partner_center::MAX_BATCH {
                s.problems.push(t!(
                    "summary.batch_too_large",
                    max = pc_api::partner_center::MAX_BATCH,
                    extra = orders.len() - pc_api::partner_center::MAX_BATCH
                ));
            }
            for o in orders.iter().take(8) {
                s.lines.push(format!(
                    "{}  {}  ¥{}",
                    o.order_id,
                    o.customer,
                    money(o.amount)
                ));
            }
            if orders.len() > 8 {
                s.lines
                    .push(t!("summary.and_more", count = orders.len() - 8));
            }
            let total: Decimal = orders.iter().map(|o| o.amount).sum();
            s.lines
                .push(field(t!("summary.total"), format!("¥{}", money(total))));
            for o in orders {
                if o.status != PENDING_PAYMENT {
                    s.problems.push(t!(
                        "summary.not_pending",
                        order_id = o.order_id,
                        status = crate::format::order_status(o.status)
                    ));
                } else if !o.agent_pay {
                    s.problems
                        .push(t!("summary.not_asked", order_id = o.order_id));
                }
                if *method == PayMethod::Credit && o.marketplace {
                    s.problems
                        .push(t!("summary.marketplace_credit", order_id = o.order_id));
                }
            }
            match method {
                PayMethod::Balance => {
                    s.lines
                        .push(field(t!("summary.pay_from"), t!("summary.from_balance")));
                    if let Some(f) = funds {
                        s.lines.push(before_after(balance, f.balance, -total));
                        s.lines
                            .push(before_after(allocatable, f.allocatable, -total));
                        if f.balance < total || f.allocatable < total {
                            s.problems.push(t!(
                                "summary.insufficient_for_pay",
                                amount = money(total),
                                balance = money(f.balance),
                                allocatable = money(f.allocatable)
                            ));
                        }
                    }
                }
                PayMethod::Credit => {
                    s.lines
                        .push(field(t!("summary.pay_from"), t!("summary.from_credit")));
                    if let Some(f) = funds {
                        s.lines
                            .push(before_after(t!("summary.credit"), f.credit, -total));
                        if f.credit < total {
                            s.problems.push(t!(
                                "summary.insufficient_credit",
                                credit = money(f.credit),
                                amount = money(total)
                            ));
                        }
                    }
                }
            }
        }
        Operation::RejectOrder { order_id } => {
            s.lines.push(t!("summary.reject", order_id = order_id));
        }
        Operation::AdjustPrice {
            old_unit_price,
            unit_price,
            quantity,
            periods,
            ..
        } => {
            let n = Decimal::from(*quantity) * Decimal::from(*periods);
            s.lines.push(field(
                t!("summary.unit_price"),
                format!("¥{} → ¥{}", money(*old_unit_price), money(*unit_price)),
            ));
            s.lines.push(field(
                t!("summary.amount"),
                t!(
                    "summary.amount_periods",
                    before = money(*old_unit_price * n),
                    after = money(*unit_price * n),
                    quantity = quantity,
                    periods = periods
                ),
            ));
            s.lines.push(t!("summary.only_this_order").into());
        }
        Operation::Transfer { to, amount, .. } => {
            s.lines
                .push(field(t!("summary.amount"), format!("¥{}", money(*amount))));
            let allocate = matches!(
                to,
                TransferTarget::ResellerAllocate | TransferTarget::CustomerAllocate
            );
            if let Some(f) = funds {
                let delta = if allocate { -*amount } else { *amount };
                s.lines.push(before_after(balance, f.balance, delta));
                s.lines
                    .push(before_after(allocatable, f.allocatable, delta));
                if allocate && (f.allocatable < *amount || f.balance < *amount) {
                    s.problems.push(t!(
                        "summary.insufficient_for_allocate",
                        amount = money(*amount),
                        balance = money(f.balance),
                        allocatable = money(f.allocatable)
                    ));
                }
            }
            if let Some(limit) = limit.filter(|_| !allocate) {
                s.lines
                    .push(before_after(t!("summary.their_balance"), limit, -*amount));
                if limit < *amount {
                    s.problems
                        .push(t!("summary.recall_limit", amount = money(limit)));
                }
            }
        }
        Operation::PayPlan { amount, .. } => {
            s.lines
                .push(field(t!("summary.amount"), format!("¥{}", money(*amount))));
            if let Some(f) = funds {
                s.lines.push(before_after(balance, f.balance, -*amount));
                s.lines
                    .push(before_after(allocatable, f.allocatable, -*amount));
                if f.balance < *amount || f.allocatable < *amount {
                    s.problems
                        .push(t!("summary.insufficient_for_plan", amount = money(*amount)));
                }
            }
        }
        Operation::IssueCoupon {
            quota_id,
            quota_left,
            face_value,
            ..
        } => {
            s.lines.push(field(
                t!("summary.face_value"),
                format!("¥{}", money(*face_value)),
            ));
            s.lines.push(field(
                t!("summary.quota"),
                format!(
                    "{quota_id}: ¥{} → ¥{}",
                    money(*quota_left),
                    money(*quota_left - *face_value)
                ),
            ));
            if quota_left < face_value {
                s.problems
                    .push(t!("summary.quota_short", amount = money(*quota_left)));
            }
        }
        Operation::GiveQuota {
            quota_id,
            quota_left,
            reseller_name,
            amount,
            ..
        } => {
            s.lines.push(field(t!("summary.reseller"), reseller_name));
            s.lines
                .push(field(t!("summary.amount"), format!("¥{}", money(*amount))));
            s.lines.push(field(
                t!("summary.quota"),
                format!(
                    "{quota_id}: ¥{} → ¥{}",
                    money(*quota_left),
                    money(*quota_left - *amount)
                ),
            ));
            if quota_left < amount {
                s.problems
                    .push(t!("summary.quota_short_give", amount = money(*quota_left)));
            }
        }
        Operation::TakeQuota {
            reseller_name,
            quotas,
            ..
        } => {
            s.lines.push(field(t!("summary.reseller"), reseller_name));
            for q in quotas {
                s.lines
                    .push(format!("{}  ¥{}", q.quota_id, money(q.balance)));
            }
            let total: Decimal = quotas.iter().map(|q| q.balance).sum();
            s.lines
                .push(field(t!("summary.total"), format!("¥{}", money(total))));
            s.lines.push(t!("summary.take_quota_notice").into());
            if quotas.is_empty() {
                s.problems.push(t!("summary.nothing_to_take").into());
            }
            if quotas.len() > MAX_QUOTAS_TAKEN {
                s.problems
                    .push(t!("summary.too_many_quotas", max = MAX_QUOTAS_TAKEN));
            }
        }
        Operation::ChangePhone { phone, confirmed } => {
            s.lines.push(field(t!("summary.new_phone"), phone));
            s.lines.push(if confirmed.is_some() {
                t!("summary.new_phone_confirmed").into()
            } else {
                t!("summary.new_phone_first").into()
            });
            s.lines.push(t!("summary.new_phone_notice").into());
        }
        Operation::ChangeEmail { email } => {
            s.lines.push(field(t!("summary.new_email"), email));
        }
        Operation::ChangePassword { .. } => {
            s.lines.push(field(t!("summary.new_password"), "••••••••"));
        }
        Operation::AddAgreement { .. } => {
            s.lines.push(t!("summary.add_agreement").into());
        }
        Operation::VoidAgreement { .. } => {
            s.lines.push(t!("summary.void_agreement").into());
        }
        Operation::RecallCoupon { .. } => {
            s.lines.push(t!("summary.recall_coupon").into());
        }
        Operation::SwitchAssociation {
            customer_name,
            from_type,
            to_type,
            reason,
            ..
        } => {
            use pc_api::rules::type_name;
            s.lines.push(field(t!("summary.customer"), customer_name));
            s.lines.push(field(
                t!("summary.type"),
                format!("{} → {}", type_name(from_type), type_name(to_type)),
            ));
            s.lines.push(field(t!("summary.reason"), reason));
            s.lines.push(t!("summary.switch_notice").into());
        }
        Operation::CreateCustomer {
            account_name,
            phone,
            email,
            domain_area,
            reseller,
            ..
        } => {
            if let Some(r) = reseller {
                s.lines.push(field(t!("summary.reseller"), &r.name));
            }
            s.lines.push(field(t!("summary.account"), account_name));
            if domain_area.is_none() {
                s.lines.push(field(
                    t!("summary.phone"),
                    phone.as_deref().unwrap_or(t!("summary.none")),
                ));
            }
            if let Some(e) = email {
                s.lines.push(field(t!("summary.email"), e));
            }
            if let Some(area) = domain_area {
                s.lines.push(field(t!("summary.country"), area));
            }
        }
        Operation::RealnameAuth {
            customer_name,
            name,
            number,
            identity,
            ..
        } => {
            s.lines.push(field(t!("summary.customer"), customer_name));
            s.lines.push(field(t!("summary.by"), identity.describe()));
            s.lines.push(field(t!("summary.name"), name));
            s.lines.push(field(t!("summary.number"), tail(&number.0)));
            if let Identity::BankCard {
                bank_account,
                phone,
                ..
            } = identity
            {
                s.lines
                    .push(field(t!("summary.bank_card"), tail(&bank_account.0)));
                s.lines.push(field(
                    t!("summary.bank_phone"),
                    pc_api::mask_phone(&phone.0),
                ));
            }
        }
        Operation::SetVerification { enabled } => {
            s.lines.push(if *enabled {
                t!("summary.verification_on").into()
            } else {
                t!("summary.verification_off").into()
            });
        }
    }
    s
}

/// Why a customer's association type cannot be switched now, from what the backend
/// said of it (the same rules the backend enforces).
pub fn switch_problems(status: &pc_api::partner_center::AssociationStatus) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = &status.pending {
        out.push(t!("switch.pending", id = p.switch_id));
    }
    if let Some(until) = &status.reserved_instances_until {
        let until = until.get(..10).unwrap_or(until);
        out.push(t!("switch.reserved", until = until));
    }
    if let Some(link) = &status.enterprise_link {
        out.push(t!("switch.enterprise", link = link));
    }
    let to = pc_api::partner_center::other_association(&status.association_type);
    if to == pc_api::partner_center::REFERRAL && !status.balance.is_zero() {
        out.push(t!("switch.balance", amount = money(status.balance)));
    }
    out
}

/// The problem of a payment without a valid payment agreement, and what to do.
pub fn no_agreement() -> String {
    format!(
        "{} {}",
        t!("refusal.agreement_required"),
        t!("refusal.agreement_required_next")
    )
}

/// A backend refusal in plain words, and what to do next.
pub fn explain(code: &str) -> (&'static str, &'static str) {
    match code {
        codes::QUOTA_INSUFFICIENT_PAY => (
            t!("refusal.quota_insufficient_pay"),
            t!("refusal.quota_insufficient_pay_next"),
        ),
        codes::CAPACITY_INSUFFICIENT => (
            t!("refusal.capacity_insufficient"),
            t!("refusal.capacity_insufficient_next"),
        ),
        codes::SPEC_CHANGED => (t!("refusal.spec_changed"), t!("refusal.spec_changed_next")),
        codes::EFFECTIVE_TIME_PASSED => (
            t!("refusal.effective_time_passed"),
            t!("refusal.effective_time_passed_next"),
        ),
        codes::ORDER_STATUS_CHANGED => (
            t!("refusal.order_status_changed"),
            t!("refusal.order_status_changed_next"),
        ),
        codes::PAY_DEADLINE_PASSED => (
            t!("refusal.pay_deadline_passed"),
            t!("refusal.pay_deadline_passed_next"),
        ),
        codes::INSUFFICIENT_BALANCE => (
            t!("refusal.insufficient_balance"),
            t!("refusal.insufficient_balance_next"),
        ),
        codes::BALANCE_ONLY => (t!("refusal.balance_only"), t!("refusal.balance_only_next")),
        codes::AGREEMENT_REQUIRED => (
            t!("refusal.agreement_required"),
            t!("refusal.agreement_required_next"),
        ),
        codes::NOT_AGENT_PAY => (
            t!("refusal.not_agent_pay"),
            t!("refusal.not_agent_pay_next"),
        ),
        codes::ORDER_UNKNOWN => (
            t!("refusal.order_unknown"),
            t!("refusal.order_unknown_next"),
        ),
        codes::PRICE_OUT_OF_RANGE => (
            t!("refusal.price_out_of_range"),
            t!("refusal.price_out_of_range_next"),
        ),
        codes::PLAN_ALREADY_PAID => (
            t!("refusal.plan_already_paid"),
            t!("refusal.plan_already_paid_next"),
        ),
        codes::CONSULTATIVE_CUSTOMER => (
            t!("refusal.consultative_customer"),
            t!("refusal.consultative_customer_next"),
        ),
        codes::NOT_YOUR_CUSTOMER | codes::NOT_YOUR_RESELLER => {
            (t!("refusal.not_yours"), t!("refusal.not_yours_next"))
        }
        codes::CODE_WRONG => (t!("refusal.code_wrong"), t!("refusal.code_wrong_next")),
        codes::CODE_EXPIRED => (t!("refusal.code_expired"), t!("refusal.code_expired_next")),
        codes::CODE_TOO_MANY_FAILURES => (
            t!("refusal.code_too_many_failures"),
            t!("refusal.code_too_many_failures_next"),
        ),
        codes::CODE_OTHER_OPERATION => (
            t!("refusal.code_other_operation"),
            t!("refusal.code_other_operation_next"),
        ),
        codes::SEND_LIMIT => (t!("refusal.send_limit"), t!("refusal.send_limit_next")),
        codes::RESEND_TOO_EARLY => (
            t!("refusal.resend_too_early"),
            t!("refusal.resend_too_early_next"),
        ),
        codes::VERIFICATION_REQUIRED => (
            t!("refusal.verification_required"),
            t!("refusal.verification_required_next"),
        ),
        codes::VERIFICATION_OFF => (
            t!("refusal.verification_off"),
            t!("refusal.verification_off_next"),
        ),
        codes::COUPON_ASSOCIATION_TYPE | codes::COUPON_CONSULTATIVE => (
            t!("refusal.coupon_association_type"),
            t!("refusal.coupon_association_type_next"),
        ),
        codes::COUPON_ALREADY_RECLAIMED => (
            t!("refusal.coupon_already_reclaimed"),
            t!("refusal.coupon_already_reclaimed_next"),
        ),
        codes::QUOTA_INSUFFICIENT | codes::QUOTA_BAD_STATE | codes::QUOTA_NOT_EFFECTIVE => (
            t!("refusal.quota_insufficient"),
            t!("refusal.quota_insufficient_next"),
        ),
        codes::FACE_VALUE_TOO_LOW | codes::FACE_VALUE_TOO_HIGH => (
            t!("refusal.face_value_too_low"),
            t!("refusal.face_value_too_low_next"),
        ),
        codes::AGREEMENT_EXISTS => (
            t!("refusal.agreement_exists"),
            t!("refusal.agreement_exists_next"),
        ),
        codes::AGREEMENT_NOT_VALID => (
            t!("refusal.agreement_not_valid"),
            t!("refusal.agreement_not_valid_next"),
        ),
        codes::SWITCH_RESERVED => (
            t!("refusal.switch_reserved"),
            t!("refusal.switch_reserved_next"),
        ),
        codes::SWITCH_ENTERPRISE => (
            t!("refusal.switch_enterprise"),
            t!("refusal.switch_enterprise_next"),
        ),
        codes::SWITCH_PENDING => (
            t!("refusal.switch_pending"),
            t!("refusal.switch_pending_next"),
        ),
        codes::SWITCH_BALANCE => (
            t!("refusal.switch_balance"),
            t!("refusal.switch_balance_next"),
        ),
        codes::NAME_EXISTS => (t!("refusal.name_exists"), t!("refusal.name_exists_next")),
        codes::DUPLICATE_XACCOUNT => (
            t!("refusal.duplicate_xaccount"),
            t!("refusal.duplicate_xaccount_next"),
        ),
        codes::BAD_NAME | codes::BAD_PHONE | codes::BAD_PASSWORD => {
            (t!("refusal.bad_name"), t!("refusal.bad_name_next"))
        }
        codes::REALNAME_VERIFIED => (
            t!("refusal.realname_verified"),
            t!("refusal.realname_verified_next"),
        ),
        codes::REALNAME_UNDER_REVIEW => (
            t!("refusal.realname_under_review"),
            t!("refusal.realname_under_review_next"),
        ),
        codes::REMITTANCE_VIA_CHANNEL => (
            t!("refusal.remittance_via_channel"),
            t!("refusal.remittance_via_channel_next"),
        ),
        codes::REQUEST_CLOSED => (
            t!("refusal.request_closed"),
            t!("refusal.request_closed_next"),
        ),
        _ => (t!("refusal.other"), t!("refusal.other_next")),
    }
}

/// The order as a batch payment line.
pub fn to_pay(o: &pc_api::CustomerOrder) -> OrderToPay {
    OrderToPay {
        order_id: o.order_id.clone(),
        customer: o
            .user_name
            .clone()
            .unwrap_or_else(|| o.customer_id.chars().take(8).collect()),
        amount: o.amount_after_discount,
        status: o.status,
        agent_pay: o
            .agent_pay_info
            .as_ref()
            .and_then(|a| a.is_agent_pay)
            .unwrap_or(false),
        marketplace: o.service_type_code.ends_with("marketplace"),
        pay_before: o.pending_payment_end_time.clone(),
        starts: None,
    }
}

/// What the orders' details add to a payment: each order's pay-before time and its line
/// items' earliest effective time.
pub fn with_times(mut order: OrderToPay, details: &pc_api::OrderDetailsResp) -> OrderToPay {
    if let Some(t) = &details.order_info.pending_payment_end_time {
        order.pay_before = Some(t.clone());
    }
    order.starts = details
        .order_line_items
        .iter()
        .filter_map(|l| l.effective_time.clone())
        .min();
    order
}

/// The times of a payment, checked before a code is spent: each order's pay-before time
/// with the time left goes in the summary; a passed pay-before time or a service that
/// should already have started is a problem (the backend refuses both).
pub fn check_times(op: &Operation, now: DateTime<Utc>, utc_offset_secs: i32, s: &mut Summary) {
    let Operation::PayOrders { orders, .. } = op else {
        return;
    };
    let passed = |t: &str| crate::format::parse_time(t).is_some_and(|t| t < now);
    for o in orders {
        if o.status != PENDING_PAYMENT {
            continue;
        }
        if let Some(t) = &o.pay_before {
            let when = crate::format::time(t, utc_offset_secs);
            match crate::format::parse_time(t) {
                Some(due) if due < now => s.problems.push(t!(
                    "summary.pay_before_passed",
                    order_id = o.order_id,
                    time = when
                )),
                Some(due) => s.lines.push(t!(
                    "summary.pay_before",
                    order_id = o.order_id,
                    time = when,
                    left = crate::format::time_left((due - now).num_seconds())
                )),
                None => {}
            }
        }
        if let Some(t) = &o.starts
            && passed(t)
        {
            s.problems.push(t!(
                "summary.effective_time_passed",
                order_id = o.order_id,
                time = crate::format::time(t, utc_offset_secs)
            ));
        }
    }
}
