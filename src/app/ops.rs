//! The sensitive operations the console can confirm (DESIGN §3): what each is, the code
//! scene and key fields it is bound to, the summary shown before a code is spent, the
//! pre-flight problems the console can see for itself, and every backend refusal in
//! plain words with the next step. Pure data and functions.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::api::error::codes;
use crate::api::partner_center::{PayMethod, Scene, TransferTarget, money_key};
use crate::api::{ACCOUNT_ALLOCATABLE, ACCOUNT_BALANCE, ACCOUNT_CREDIT, AccountBalance};
use crate::ui::format::money;

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

/// How a customer proves their real name (bss-api.md §10). Numbers, card and code are
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
        use crate::mock::domain::realname::{certificate_name, document_name};
        match self {
            Identity::Document { verified_type, .. } => {
                format!("{} (manual review)", document_name(*verified_type))
            }
            Identity::BankCard { .. } => "personal bank card (decided at once)".into(),
            Identity::Enterprise {
                certificate_type, ..
            } => format!("{} (manual review)", certificate_name(*certificate_type)),
        }
    }
}

/// `****002X`: the last four characters of a number, for summaries.
pub fn tail(number: &str) -> String {
    let chars: Vec<char> = number.chars().collect();
    let keep: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("****{keep}")
}

/// Order status 6: the only one that can be paid, rejected or re-priced.
pub const PENDING_PAYMENT: i32 = 6;

/// One order of a payment, with what the console knew of it when the user confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderToPay {
    pub order_id: String,
    pub customer: String,
    pub amount: Decimal,
    pub status: i32,
    pub agent_pay: bool,
    pub marketplace: bool,
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
            Operation::AddAgreement { .. } | Operation::VoidAgreement { .. } => return None,
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
            Operation::AddAgreement { name } => vec![name.clone()],
            Operation::VoidAgreement { agreement_id, .. } => vec![agreement_id.clone()],
            Operation::ChangePhone { phone } => vec![phone.clone()],
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
                format!("Pay order {} on behalf of the customer", orders[0].order_id)
            }
            Operation::PayOrders { orders, .. } => {
                format!("Pay {} orders on behalf of the customers", orders.len())
            }
            Operation::RejectOrder { order_id } => format!("Reject the pay request of {order_id}"),
            Operation::AdjustPrice { order_id, .. } => format!("Adjust the price of {order_id}"),
            Operation::Transfer {
                to, target_name, ..
            } => transfer_title(*to, target_name),
            Operation::PayPlan {
                contract_id,
                installment,
                ..
            } => format!("Pay instalment {installment} of contract {contract_id}"),
            Operation::SetVerification { enabled: true } => {
                "Turn verification codes on".to_string()
            }
            Operation::SetVerification { enabled: false } => {
                "Turn verification codes off".to_string()
            }
            Operation::IssueCoupon {
                customer_name,
                face_value,
                ..
            } => format!("Issue a ¥{} coupon to {customer_name}", money(*face_value)),
            Operation::RecallCoupon { coupon_id } => format!("Recall coupon {coupon_id}"),
            Operation::AddAgreement { name } => format!("Add the payment agreement \"{name}\""),
            Operation::VoidAgreement { agreement_id, name } => {
                format!("Void the payment agreement {agreement_id} ({name})")
            }
            Operation::ChangePhone { .. } => "Change your account's phone number".into(),
            Operation::ChangeEmail { .. } => "Change your account's e-mail address".into(),
            Operation::ChangePassword { .. } => "Change your account's password".into(),
            Operation::SwitchAssociation {
                customer_name,
                to_type,
                ..
            } => format!(
                "Switch {customer_name} to {}",
                crate::mock::domain::associations::type_name(to_type)
            ),
            Operation::CreateCustomer { account_name, .. } => {
                format!("Create the customer {account_name}")
            }
            Operation::RealnameAuth { customer_name, .. } => {
                format!("Real-name authentication of {customer_name}")
            }
        }
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
            Operation::SetVerification { .. }
            | Operation::ChangePhone { .. }
            | Operation::ChangeEmail { .. }
            | Operation::ChangePassword { .. } => "profile".into(),
            _ => self.target().first().cloned().unwrap_or_default(),
        }
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
            _ => None,
        }
    }
}

/// "Allocate funds to reseller X", and the like.
pub fn transfer_title(to: TransferTarget, name: &str) -> String {
    match to {
        TransferTarget::ResellerAllocate => format!("Allocate funds to reseller {name}"),
        TransferTarget::ResellerRecall => format!("Recall funds from reseller {name}"),
        TransferTarget::CustomerAllocate => format!("Allocate funds to customer {name}"),
        TransferTarget::CustomerRecall => format!("Recall funds from customer {name}"),
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

fn before_after(label: &str, before: Decimal, delta: Decimal) -> String {
    format!(
        "{label:<13} ¥{} → ¥{}",
        money(before),
        money(before + delta)
    )
}

/// What will happen, with balances before → after when they are known, and what the
/// console can already tell will fail. `limit` is a known ceiling for a recall (the
/// reseller's or customer's balance).
pub fn summarize(op: &Operation, funds: Option<Funds>, limit: Option<Decimal>) -> Summary {
    let mut s = Summary::default();
    match op {
        Operation::PayOrders { orders, method } => {
            if orders.len() > crate::api::partner_center::MAX_BATCH {
                s.problems.push(format!(
                    "At most {} orders can be paid at once: unselect {}.",
                    crate::api::partner_center::MAX_BATCH,
                    orders.len() - crate::api::partner_center::MAX_BATCH
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
                s.lines.push(format!("… and {} more", orders.len() - 8));
            }
            let total: Decimal = orders.iter().map(|o| o.amount).sum();
            s.lines.push(format!("Total         ¥{}", money(total)));
            for o in orders {
                if o.status != PENDING_PAYMENT {
                    s.problems.push(format!(
                        "{} is not pending payment ({}): nothing to pay.",
                        o.order_id,
                        crate::app::filter::status_name(o.status)
                    ));
                } else if !o.agent_pay {
                    s.problems.push(format!(
                        "The customer did not ask you to pay {}: they pay it themselves.",
                        o.order_id
                    ));
                }
                if *method == PayMethod::Credit && o.marketplace {
                    s.problems.push(format!(
                        "{} is a KooGallery (marketplace) order: it can be paid from the balance only. Press m to pay from the balance.",
                        o.order_id
                    ));
                }
            }
            match method {
                PayMethod::Balance => {
                    s.lines
                        .push("Pay from      balance (m: use the credit line)".into());
                    if let Some(f) = funds {
                        s.lines.push(before_after("Balance", f.balance, -total));
                        s.lines
                            .push(before_after("Allocatable", f.allocatable, -total));
                        if f.balance < total || f.allocatable < total {
                            s.problems.push(format!(
                                "Insufficient balance: paying needs ¥{} in both your balance (¥{}) and your allocatable balance (¥{}). Recharge first (Funds → Recharge).",
                                money(total),
                                money(f.balance),
                                money(f.allocatable)
                            ));
                        }
                    }
                }
                PayMethod::Credit => {
                    s.lines
                        .push("Pay from      credit line (m: use the balance)".into());
                    if let Some(f) = funds {
                        s.lines.push(before_after("Credit", f.credit, -total));
                        if f.credit < total {
                            s.problems.push(format!(
                                "Your available credit (¥{}) is less than ¥{}: pay from the balance (m) or recharge.",
                                money(f.credit),
                                money(total)
                            ));
                        }
                    }
                }
            }
        }
        Operation::RejectOrder { order_id } => {
            s.lines.push(format!(
                "You will not pay {order_id}. The customer is told and can pay it themselves before the deadline."
            ));
        }
        Operation::AdjustPrice {
            old_unit_price,
            unit_price,
            quantity,
            periods,
            ..
        } => {
            let n = Decimal::from(*quantity) * Decimal::from(*periods);
            s.lines.push(format!(
                "Unit price    ¥{} → ¥{}",
                money(*old_unit_price),
                money(*unit_price)
            ));
            s.lines.push(format!(
                "Amount        ¥{} → ¥{}  ({quantity} × {periods} periods)",
                money(*old_unit_price * n),
                money(*unit_price * n)
            ));
            s.lines
                .push("Only this order changes; it shows as a price adjustment (609).".into());
        }
        Operation::Transfer { to, amount, .. } => {
            s.lines.push(format!("Amount        ¥{}", money(*amount)));
            let allocate = matches!(
                to,
                TransferTarget::ResellerAllocate | TransferTarget::CustomerAllocate
            );
            if let Some(f) = funds {
                let delta = if allocate { -*amount } else { *amount };
                s.lines.push(before_after("Balance", f.balance, delta));
                s.lines
                    .push(before_after("Allocatable", f.allocatable, delta));
                if allocate && (f.allocatable < *amount || f.balance < *amount) {
                    s.problems.push(format!(
                        "Allocating needs ¥{} in both your balance (¥{}) and your allocatable balance (¥{}): recharge first or recall funds.",
                        money(*amount),
                        money(f.balance),
                        money(f.allocatable)
                    ));
                }
            }
            if let Some(limit) = limit.filter(|_| !allocate) {
                s.lines.push(before_after("Their balance", limit, -*amount));
                if limit < *amount {
                    s.problems.push(format!(
                        "Only ¥{} can be recalled: that is their whole balance.",
                        money(limit)
                    ));
                }
            }
        }
        Operation::PayPlan { amount, .. } => {
            s.lines.push(format!("Amount        ¥{}", money(*amount)));
            if let Some(f) = funds {
                s.lines.push(before_after("Balance", f.balance, -*amount));
                s.lines
                    .push(before_after("Allocatable", f.allocatable, -*amount));
                if f.balance < *amount || f.allocatable < *amount {
                    s.problems.push(format!(
                        "Insufficient balance for ¥{}: recharge first (Funds → Recharge), then pay the instalment.",
                        money(*amount)
                    ));
                }
            }
        }
        Operation::IssueCoupon {
            quota_id,
            quota_left,
            face_value,
            ..
        } => {
            s.lines
                .push(format!("Face value    ¥{}", money(*face_value)));
            s.lines.push(format!(
                "Quota         {quota_id}: ¥{} → ¥{}",
                money(*quota_left),
                money(*quota_left - *face_value)
            ));
            if quota_left < face_value {
                s.problems.push(format!(
                    "The quota has only ¥{} left: issue a smaller coupon or ask for a larger quota.",
                    money(*quota_left)
                ));
            }
        }
        Operation::ChangePhone { phone } => {
            s.lines.push(format!("New phone     {phone}"));
            s.lines
                .push("Codes and notices go to the new number from now on.".into());
        }
        Operation::ChangeEmail { email } => {
            s.lines.push(format!("New e-mail    {email}"));
        }
        Operation::ChangePassword { .. } => {
            s.lines.push("New password  ••••••••".into());
        }
        Operation::AddAgreement { .. } => {
            s.lines.push(
                "A new payment agreement (代付协议) with Huawei Cloud; only one can be valid at a time."
                    .into(),
            );
        }
        Operation::VoidAgreement { .. } => {
            s.lines.push(
                "After voiding, you cannot pay on behalf under it; a new one can then be added."
                    .into(),
            );
        }
        Operation::RecallCoupon { .. } => {
            s.lines.push(
                "The coupon's unused balance returns to its quota; the customer can no longer use it."
                    .into(),
            );
        }
        Operation::SwitchAssociation {
            customer_name,
            from_type,
            to_type,
            reason,
            ..
        } => {
            use crate::mock::domain::associations::type_name;
            s.lines.push(format!("Customer      {customer_name}"));
            s.lines.push(format!(
                "Type          {} → {}",
                type_name(from_type),
                type_name(to_type)
            ));
            s.lines.push(format!("Reason        {reason}"));
            s.lines.push(
                "The customer must accept in their account centre; until then nothing changes."
                    .into(),
            );
        }
        Operation::CreateCustomer {
            account_name,
            phone,
            email,
            ..
        } => {
            s.lines.push(format!("Account       {account_name}"));
            s.lines.push(format!(
                "Phone         {}",
                phone.as_deref().unwrap_or("none")
            ));
            if let Some(e) = email {
                s.lines.push(format!("E-mail        {e}"));
            }
        }
        Operation::RealnameAuth {
            customer_name,
            name,
            number,
            identity,
            ..
        } => {
            s.lines.push(format!("Customer      {customer_name}"));
            s.lines
                .push(format!("By            {}", identity.describe()));
            s.lines.push(format!("Name          {name}"));
            s.lines.push(format!("Number        {}", tail(&number.0)));
            if let Identity::BankCard {
                bank_account,
                phone,
                ..
            } = identity
            {
                s.lines
                    .push(format!("Bank card     {}", tail(&bank_account.0)));
                s.lines.push(format!(
                    "Bank phone    {}",
                    crate::api::mask_phone(&phone.0)
                ));
            }
        }
        Operation::SetVerification { enabled } => {
            s.lines.push(if *enabled {
                "Sensitive operations will need a verification code again.".into()
            } else {
                "Payments, transfers and price changes will no longer ask for a code; they still show this summary.".into()
            });
        }
    }
    s
}

/// Why a customer's association type cannot be switched now, from what the backend
/// said of it (the same rules the backend enforces).
pub fn switch_problems(status: &crate::api::partner_center::AssociationStatus) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(p) = &status.pending {
        out.push(format!(
            "A switch request ({}) is already waiting for the customer's answer.",
            p.switch_id
        ));
    }
    if let Some(until) = &status.reserved_instances_until {
        let until = until.get(..10).unwrap_or(until);
        out.push(format!(
            "The customer has reserved instances valid until {until}: the type cannot change before they expire."
        ));
    }
    if let Some(link) = &status.enterprise_link {
        out.push(format!(
            "The customer is the {link} account of an enterprise master/sub link: the link must end first."
        ));
    }
    let to = crate::api::partner_center::other_association(&status.association_type);
    if to == crate::api::partner_center::REFERRAL && !status.balance.is_zero() {
        out.push(format!(
            "The customer holds ¥{} you allocated: recall it first (- on Customers); a referral customer's funds cannot be recalled.",
            money(status.balance)
        ));
    }
    out
}

/// A backend refusal in plain words, and what to do next.
pub fn explain(code: &str) -> (&'static str, &'static str) {
    match code {
        codes::QUOTA_INSUFFICIENT_PAY => (
            "The customer's resource quota is too small for this order.",
            "Ask the customer to raise the quota with a service ticket, then pay again.",
        ),
        codes::CAPACITY_INSUFFICIENT => (
            "The resources are sold out in that region (capacity insufficient).",
            "Ask the customer to place a new order.",
        ),
        codes::SPEC_CHANGED => (
            "The product specification changed after the order was placed.",
            "Ask the customer to place a new order.",
        ),
        codes::EFFECTIVE_TIME_PASSED => (
            "The order's effective time has passed.",
            "Ask the customer to place a new order.",
        ),
        codes::ORDER_STATUS_CHANGED => (
            "The order is no longer pending payment: its status changed meanwhile.",
            "Refresh (R) to see its status; nothing was charged.",
        ),
        codes::PAY_DEADLINE_PASSED => (
            "The order's payment deadline has passed.",
            "Ask the customer to place a new order.",
        ),
        codes::INSUFFICIENT_BALANCE => (
            "Your balance is not enough.",
            "Recharge first (Funds → Recharge), then try again.",
        ),
        codes::BALANCE_ONLY => (
            "KooGallery (marketplace) orders can be paid from the balance only.",
            "Pay it again from the balance.",
        ),
        codes::NOT_AGENT_PAY => (
            "The customer did not ask you to pay this order.",
            "The customer pays it themselves.",
        ),
        codes::ORDER_UNKNOWN => (
            "The order does not exist or is not yours.",
            "Check the order id.",
        ),
        codes::PRICE_OUT_OF_RANGE => (
            "The unit price is outside the floor and catalogue prices.",
            "Enter a price between the two.",
        ),
        codes::PLAN_ALREADY_PAID => (
            "This instalment is already paid.",
            "Nothing to do; refresh the contract (R).",
        ),
        codes::CONSULTATIVE_CUSTOMER => (
            "Referral customers top up themselves: funds move only to and from reseller-type customers.",
            "Switch the customer to reseller type first, if it should be one.",
        ),
        codes::NOT_YOUR_CUSTOMER | codes::NOT_YOUR_RESELLER => {
            ("That customer or reseller is not yours.", "Check the id.")
        }
        codes::CODE_WRONG => (
            "The verification code is wrong.",
            "Check the code and enter it again.",
        ),
        codes::CODE_EXPIRED => (
            "The verification code has expired or was already used.",
            "Press r for a new code.",
        ),
        codes::CODE_TOO_MANY_FAILURES => (
            "The code was entered wrongly 5 times and no longer works.",
            "Press r for a new code.",
        ),
        codes::CODE_OTHER_OPERATION => (
            "The code was issued for a different operation.",
            "Press r for a code for this one.",
        ),
        codes::SEND_LIMIT => (
            "Too many codes: at most 15 an hour and 60 a day.",
            "Wait and try again later.",
        ),
        codes::RESEND_TOO_EARLY => (
            "A code for this operation was sent less than a minute ago.",
            "Use that code, or wait a minute for a new one.",
        ),
        codes::VERIFICATION_REQUIRED => (
            "Verification codes were turned on meanwhile.",
            "Start the operation again; it will ask for a code.",
        ),
        codes::VERIFICATION_OFF => (
            "Verification codes are off for your account.",
            "Start the operation again; it will not ask for a code.",
        ),
        codes::COUPON_ASSOCIATION_TYPE | codes::COUPON_CONSULTATIVE => (
            "Coupons are only for reseller-type customers.",
            "Choose a reseller-type customer.",
        ),
        codes::COUPON_ALREADY_RECLAIMED => (
            "The coupon is already used, expired or recalled.",
            "Nothing to recall.",
        ),
        codes::QUOTA_INSUFFICIENT | codes::QUOTA_BAD_STATE | codes::QUOTA_NOT_EFFECTIVE => (
            "The coupon quota cannot cover it (not enough left, not usable or expired).",
            "Issue a smaller coupon, or ask Huawei for a larger quota.",
        ),
        codes::FACE_VALUE_TOO_LOW | codes::FACE_VALUE_TOO_HIGH => (
            "The face value is outside the quota's limits.",
            "Choose a face value within the quota's minimum and maximum.",
        ),
        codes::AGREEMENT_EXISTS => (
            "A valid payment agreement exists; only one can be valid at a time.",
            "Void the current agreement first (v), then add the new one.",
        ),
        codes::AGREEMENT_NOT_VALID => (
            "The agreement is already voided.",
            "Nothing to do; refresh the list.",
        ),
        codes::SWITCH_RESERVED => (
            "The customer has unexpired reserved instances: the type cannot change until they expire.",
            "Try again after the reserved instances expire.",
        ),
        codes::SWITCH_ENTERPRISE => (
            "The customer is in an enterprise master/sub link.",
            "The customer must end the link first.",
        ),
        codes::SWITCH_PENDING => (
            "A switch request for this customer is already waiting for their answer.",
            "Wait for the customer's answer (you are told when it comes).",
        ),
        codes::SWITCH_BALANCE => (
            "The customer still holds funds you allocated; a referral customer's funds cannot be recalled.",
            "Recall the funds first (- on the customer), then switch.",
        ),
        codes::NAME_EXISTS => (
            "That account name is taken.",
            "Choose another account name.",
        ),
        codes::DUPLICATE_XACCOUNT => (
            "That xaccount id is already used for one of your customers.",
            "Use another xaccount id.",
        ),
        codes::BAD_NAME | codes::BAD_PHONE | codes::BAD_PASSWORD => (
            "The backend refused the account name, phone or password.",
            "Correct the field and submit again.",
        ),
        codes::REALNAME_VERIFIED => (
            "The customer has already passed real-name authentication.",
            "Nothing to do; refresh the list (R).",
        ),
        codes::REALNAME_UNDER_REVIEW => (
            "A real-name submission of this customer is under review.",
            "Wait for the decision: you are told when it arrives.",
        ),
        codes::REMITTANCE_VIA_CHANNEL => (
            "Your contracting entity is not a Huawei Cloud entity: there is no dedicated remittance account.",
            "Contact your local Huawei channel manager to recharge.",
        ),
        codes::REQUEST_CLOSED => (
            "This request was given up before it reached the backend; it was not applied.",
            "Start the operation again if it is still wanted.",
        ),
        _ => (
            "The backend refused the operation.",
            "Read the message above; nothing was changed.",
        ),
    }
}
