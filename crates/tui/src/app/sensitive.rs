//! The keys that start a sensitive operation (docs/design.md §4): `Space` select, `p` pay, `x`
//! reject, `a` adjust price, `+`/`-` allocate/recall, a plan from the contract detail,
//! `:pay`, `:profile`. Each checks what the console already knows — a read-only session,
//! a backend without a Partner Center, the wrong pane or row — before opening the modal.

use rust_decimal::Decimal;

use super::keymap::Action;
use super::modal::{self, Draft, Modal};
use super::model::modal::QuotaUse;
use super::msg::Command;
use super::state::{Detail, State};
use pc_api::CustomerOrder;
use pc_api::partner_center::{MAX_BATCH, PLAN_PAID, PayMethod, TransferTarget};
use pc_core::ops::{
    MAX_QUOTAS_TAKEN, Operation, OrderToPay, PENDING_PAYMENT, covering_quota, open_quotas,
};
use pc_core::query::{DetailData, Pane};

/// Refuses writes in a read-only session or on a backend without a Partner Center.
fn writable(state: &mut State, what: &str) -> bool {
    writable_on(state, what, false)
}

/// The same, for an operation the public BSS API also has (`bss`: the fund transfers).
fn writable_on(state: &mut State, what: &str, bss: bool) -> bool {
    if state.session.read_only {
        state.toast(t!("sensitive.read_only", what = what), true);
        return false;
    }
    if state.partner_center == Some(false) && !bss {
        state.toast(t!("sensitive.web_only", what = what), true);
        return false;
    }
    true
}

pub use pc_core::ops::to_pay;

pub fn on_action(state: &mut State, action: Action) -> Vec<Command> {
    match action {
        Action::Select => select(state),
        Action::Pay => pay(state),
        Action::Reject => reject(state),
        Action::AdjustPrice => adjust_price(state),
        Action::Allocate => transfer(state, true),
        Action::Recall => transfer(state, false),
        _ => vec![],
    }
}

fn select(state: &mut State) -> Vec<Command> {
    if state.pane != Pane::Orders {
        return vec![];
    }
    let Some(row) = state.orders.selected_row().cloned() else {
        return vec![];
    };
    let line = to_pay(&row);
    match state
        .selection
        .iter()
        .position(|o| o.order_id == row.order_id)
    {
        Some(i) => {
            state.selection.remove(i);
        }
        // Only what can be paid on behalf is selected: say why not.
        None if line.status != PENDING_PAYMENT => {
            state.toast(
                t!(
                    "sensitive.not_payable_status",
                    order_id = row.order_id,
                    status = pc_core::format::order_status(row.status)
                ),
                true,
            );
        }
        None if !line.agent_pay => {
            state.toast(t!("summary.not_asked", order_id = row.order_id), true);
        }
        None if state.selection.len() >= MAX_BATCH => {
            state.toast(t!("sensitive.batch_full", max = MAX_BATCH), true);
        }
        None => state.selection.push(row),
    }
    state.orders.move_by(1);
    vec![]
}

/// The order as a payment line, its customer by name when the name is known.
fn named(state: &State, o: &CustomerOrder) -> OrderToPay {
    let mut line = to_pay(o);
    if let Some(name) = state.names.get(&o.customer_id) {
        line.customer = name.to_string();
    }
    line
}

fn pay(state: &mut State) -> Vec<Command> {
    // From a contract's detail: the next unpaid instalment.
    if let Some(Detail::Ready(data)) = &state.detail {
        if let DetailData::Contract(d) = data.as_ref() {
            let next = d
                .payment_plans
                .iter()
                .find(|p| p.status != PLAN_PAID)
                .cloned();
            let contract_id = d.contract.contract_id.clone();
            if !writable(state, t!("what.pay_plan")) {
                return vec![];
            }
            match next {
                Some(plan) => modal::confirm(
                    state,
                    Operation::PayPlan {
                        contract_id,
                        plan_id: plan.plan_id,
                        installment: plan.installment,
                        amount: plan.amount,
                    },
                    None,
                ),
                None => state.toast(t!("sensitive.all_paid"), false),
            }
        }
        return vec![];
    }
    if state.pane != Pane::Orders {
        state.toast(t!("sensitive.pay_where"), false);
        return vec![];
    }
    let orders: Vec<OrderToPay> = if state.selection.is_empty() {
        match state.orders.selected_row() {
            Some(o) => vec![named(state, o)],
            None => return vec![],
        }
    } else {
        state.selection.iter().map(|o| named(state, o)).collect()
    };
    if !writable(state, t!("what.pay_on_behalf")) {
        return vec![];
    }
    confirm_pay(state, orders)
}

/// The summary of paying `orders` from the balance (`m` switches to credit), once their
/// pay-before and effective times are read: a passed one is told before any code.
fn confirm_pay(state: &mut State, orders: Vec<OrderToPay>) -> Vec<Command> {
    check_pay(state, orders, vec![])
}

/// Reads the orders' times, and the orders named by id that are not loaded.
fn check_pay(state: &mut State, orders: Vec<OrderToPay>, find: Vec<String>) -> Vec<Command> {
    let request = state.request_id();
    state.modal = Some(Modal::Loading {
        title: t!("summary.checking_times").into(),
        request,
    });
    state.dirty = true;
    vec![Command::CheckPayment {
        request,
        orders,
        find,
        method: PayMethod::Balance,
    }]
}

/// `:pay CS… CS…`: the orders, from those loaded or read by id, checked like a
/// selection.
pub fn pay_ids(state: &mut State, ids: &[String]) -> Vec<Command> {
    if !writable(state, t!("what.pay_on_behalf")) {
        return vec![];
    }
    let mut orders: Vec<OrderToPay> = Vec::new();
    let mut find: Vec<String> = Vec::new();
    for id in ids {
        let named_before = orders.iter().any(|o| o.order_id.eq_ignore_ascii_case(id))
            || find.iter().any(|f| f.eq_ignore_ascii_case(id));
        if named_before {
            continue;
        }
        match state
            .orders
            .rows
            .iter()
            .find(|o| o.order_id.eq_ignore_ascii_case(id))
        {
            Some(o) => orders.push(named(state, o)),
            None => find.push(id.clone()),
        }
    }
    check_pay(state, orders, find)
}

fn pending_row(state: &mut State, what: &str) -> Option<CustomerOrder> {
    if state.pane != Pane::Orders {
        state.toast(t!("sensitive.open_orders", what = what), false);
        return None;
    }
    let row = state.orders.selected_row().cloned()?;
    if row.status != PENDING_PAYMENT {
        state.toast(
            t!(
                "sensitive.not_pending",
                order_id = row.order_id,
                status = pc_core::format::order_status(row.status),
                what = what
            ),
            true,
        );
        return None;
    }
    Some(row)
}

fn reject(state: &mut State) -> Vec<Command> {
    let Some(row) = pending_row(state, t!("what.rejected")) else {
        return vec![];
    };
    if !to_pay(&row).agent_pay {
        state.toast(
            t!("sensitive.nothing_to_reject", order_id = row.order_id),
            true,
        );
        return vec![];
    }
    if !writable(state, t!("what.reject")) {
        return vec![];
    }
    modal::confirm(
        state,
        Operation::RejectOrder {
            order_id: row.order_id,
        },
        None,
    );
    vec![]
}

fn adjust_price(state: &mut State) -> Vec<Command> {
    let Some(row) = pending_row(state, t!("what.repriced")) else {
        return vec![];
    };
    if !writable(state, t!("what.adjust_prices")) {
        return vec![];
    }
    let request = state.request_id();
    state.modal = Some(Modal::Loading {
        title: t!("op.adjust_price", order_id = row.order_id),
        request,
    });
    vec![Command::LoadPricing {
        request,
        order_id: row.order_id,
    }]
}

/// `s` on Customers (or a customer's detail): read what decides whether the type can
/// switch, then the notice and the reason.
pub fn switch_association(state: &mut State) -> Vec<Command> {
    if state.pane != Pane::Customers {
        state.toast(t!("sensitive.switch_where"), false);
        return vec![];
    }
    let Some(customer) = super::state::customer_in_focus(state) else {
        return vec![];
    };
    if !writable(state, t!("what.switch")) {
        return vec![];
    }
    let request = state.request_id();
    state.association = None;
    state.modal = Some(Modal::Loading {
        title: t!("modal.switch_title", account = customer.account_name),
        request,
    });
    vec![Command::LoadAssociation {
        request,
        customer_id: customer.customer_id,
    }]
}

/// True (and said) when the site's API has no partner funds or coupons.
fn site_lacks_funds(state: &mut State) -> bool {
    if state.session.site.has_partner_funds() {
        return false;
    }
    state.toast(t!("site.no_partner_funds"), false);
    true
}

fn transfer(state: &mut State, allocate: bool) -> Vec<Command> {
    if site_lacks_funds(state) {
        return vec![];
    }
    let verb = if allocate {
        t!("what.allocate")
    } else {
        t!("what.recall")
    };
    let detail = match &state.detail {
        Some(Detail::Ready(d)) => Some(d.as_ref().clone()),
        _ => None,
    };
    let (to, target_id, target_name, limit) = match (state.pane, detail) {
        (Pane::Resellers, Some(DetailData::Reseller(r, balances, ..))) => {
            let have = balances
                .iter()
                .filter(|b| b.account_type == pc_api::ACCOUNT_BALANCE)
                .map(|b| b.amount)
                .sum::<Decimal>();
            (
                reseller_target(allocate),
                r.indirect_partner_id.clone(),
                r.name.clone().unwrap_or(r.indirect_partner_id),
                Some(have),
            )
        }
        (Pane::Resellers, _) => match state.resellers.selected_row() {
            Some(r) => (
                reseller_target(allocate),
                r.indirect_partner_id.clone(),
                r.name
                    .clone()
                    .unwrap_or_else(|| r.indirect_partner_id.clone()),
                None,
            ),
            None => return vec![],
        },
        (Pane::Customers, detail) => {
            let (customer, balance) = match detail {
                Some(DetailData::Customer(c, b, _)) => (c, b.map(|b| b.amount)),
                _ => match state.customers.selected_row() {
                    Some(c) => (c.clone(), None),
                    None => return vec![],
                },
            };
            if customer.association_type.as_deref() != Some("2") {
                state.toast(
                    t!("sensitive.referral_funds", account = customer.account_name),
                    true,
                );
                return vec![];
            }
            let to = if allocate {
                TransferTarget::CustomerAllocate
            } else {
                TransferTarget::CustomerRecall
            };
            (to, customer.customer_id, customer.account_name, balance)
        }
        _ => {
            state.toast(t!("sensitive.transfer_where"), false);
            return vec![];
        }
    };
    if state.pane == Pane::Resellers && state.has_no_resellers() {
        state.toast(t!("sensitive.distributor_only"), true);
        return vec![];
    }
    if !writable_on(state, verb, true) {
        return vec![];
    }
    modal::enter(
        state,
        Draft::Transfer {
            to,
            target_id,
            target_name,
            limit: if allocate { None } else { limit },
        },
    );
    vec![]
}

fn reseller_target(allocate: bool) -> TransferTarget {
    if allocate {
        TransferTarget::ResellerAllocate
    } else {
        TransferTarget::ResellerRecall
    }
}

/// `:profile`: the verification setting, turned the other way (off needs a code).
pub fn toggle_verification(state: &mut State) -> Vec<Command> {
    let Some(current) = state.verification.clone() else {
        state.toast(t!("sensitive.verification_unknown"), true);
        return vec![];
    };
    if !writable(state, t!("what.verification")) {
        return vec![];
    }
    modal::confirm(
        state,
        Operation::SetVerification {
            enabled: !current.enabled,
        },
        None,
    );
    vec![]
}

/// `:coupon FACE [CUSTOMER]`: a coupon for a reseller-type customer, from the first
/// usable quota that covers it — read from the backend first. Every partner type with
/// a quota may: the backend says when one may not.
pub fn issue_coupon(state: &mut State, face: &str, customer: Option<&str>) -> Vec<Command> {
    if site_lacks_funds(state) {
        return vec![];
    }
    let face_value: Decimal = match face.parse() {
        Ok(v) => v,
        Err(_) => {
            state.toast(
                t!("sensitive.coupon_amount", face = format!("{face:?}")),
                true,
            );
            return vec![];
        }
    };
    if let Err(e) = pc_core::format::check_amount(face_value) {
        state.toast(e, true);
        return vec![];
    }
    let row = match customer {
        Some(id) => state
            .customers
            .rows
            .iter()
            .find(|c| c.customer_id == id)
            .cloned(),
        None if state.pane == Pane::Customers => state.customers.selected_row().cloned(),
        None => None,
    };
    let Some(row) = row else {
        state.toast(t!("sensitive.coupon_customer"), true);
        return vec![];
    };
    if row.association_type.as_deref() != Some("2") {
        state.toast(
            t!("sensitive.coupon_referral", account = row.account_name),
            true,
        );
        return vec![];
    }
    if !writable(state, t!("what.issue_coupons")) {
        return vec![];
    }
    let what = QuotaUse::Coupon {
        customer_id: row.customer_id,
        customer_name: row.account_name,
        face_value,
    };
    load_quotas(state, what, t!("sensitive.issue_coupon_title"), None)
}

/// Reads the quotas (`of_reseller`: those given to a reseller) behind a loading modal.
fn load_quotas(
    state: &mut State,
    what: QuotaUse,
    title: &str,
    of_reseller: Option<String>,
) -> Vec<Command> {
    let request = state.request_id();
    state.pending_quota = Some((request, what));
    state.modal = Some(Modal::Loading {
        title: title.into(),
        request,
    });
    vec![Command::LoadQuotas {
        request,
        of_reseller,
    }]
}

/// Whom `:quota` is for: the reseller named, or the one open or selected on Resellers.
fn quota_reseller(state: &mut State, named: Option<&str>) -> Option<(String, String)> {
    let found = match named {
        Some(text) => state.find_reseller(text).map(|r| (r.id, r.name)),
        None => {
            let open = match &state.detail {
                Some(Detail::Ready(d)) => match d.as_ref() {
                    DetailData::Reseller(r, ..) => Some(r.clone()),
                    _ => None,
                },
                _ => None,
            };
            let row = open.or_else(|| {
                (state.pane == Pane::Resellers)
                    .then(|| state.resellers.selected_row().cloned())
                    .flatten()
            });
            match row.filter(|_| state.pane == Pane::Resellers) {
                Some(r) => Ok((
                    r.indirect_partner_id.clone(),
                    r.name
                        .clone()
                        .or(r.account_name.clone())
                        .unwrap_or(r.indirect_partner_id),
                )),
                None => Err(t!("sensitive.quota_reseller").to_string()),
            }
        }
    };
    match found {
        Ok(r) => Some(r),
        Err(e) => {
            state.toast(e, true);
            None
        }
    }
}

/// `:quota give AMOUNT [RESELLER]`: a distributor gives a reseller a coupon quota from
/// the first of its own quotas that covers it — read from the backend first.
pub fn give_quota(state: &mut State, amount: &str, reseller: Option<&str>) -> Vec<Command> {
    if site_lacks_funds(state) {
        return vec![];
    }
    let amount: Decimal = match amount.parse() {
        Ok(v) => v,
        Err(_) => {
            state.toast(
                t!("sensitive.quota_amount", amount = format!("{amount:?}")),
                true,
            );
            return vec![];
        }
    };
    if let Err(e) = pc_core::format::check_amount(amount) {
        state.toast(e, true);
        return vec![];
    }
    let Some((reseller_id, reseller_name)) = quota_reseller(state, reseller) else {
        return vec![];
    };
    // The public BSS API has it too: a backend without a Partner Center sends it there.
    if !writable_on(state, t!("what.give_quota"), true) {
        return vec![];
    }
    let what = QuotaUse::Give {
        reseller_id,
        reseller_name,
        amount,
    };
    load_quotas(state, what, t!("sensitive.give_quota_title"), None)
}

/// `:quota take [RESELLER]`: takes back what is left of the quotas given to a reseller,
/// read from the backend first.
pub fn take_quota(state: &mut State, reseller: Option<&str>) -> Vec<Command> {
    if site_lacks_funds(state) {
        return vec![];
    }
    let Some((reseller_id, reseller_name)) = quota_reseller(state, reseller) else {
        return vec![];
    };
    if !writable_on(state, t!("what.take_quota"), true) {
        return vec![];
    }
    let of = Some(reseller_id.clone());
    let what = QuotaUse::Take {
        reseller_id,
        reseller_name,
    };
    load_quotas(state, what, t!("sensitive.take_quota_title"), of)
}

/// The quotas arrived: confirm from the first usable one that covers the coupon.
pub fn on_quotas(
    state: &mut State,
    request: u64,
    result: Result<Vec<pc_api::CouponQuota>, String>,
) {
    let current = matches!(&state.modal, Some(Modal::Loading { request: r, .. }) if *r == request);
    let mine = state.pending_quota.as_ref().is_some_and(|p| p.0 == request);
    if !current || !mine {
        return; // an older :coupon's or :quota's answer
    }
    state.modal = None;
    let Some((_, what)) = state.pending_quota.take() else {
        return;
    };
    let quotas = match result {
        Ok(q) => q,
        Err(e) => {
            state.toast(t!("sensitive.quotas_failed", error = e), true);
            return;
        }
    };
    let give = matches!(what, QuotaUse::Give { .. });
    let now = state.now;
    let covering = |amount: Decimal, state: &mut State| match covering_quota(&quotas, amount, now) {
        Ok(q) => Some(q),
        Err(most) => {
            state.toast(
                if give {
                    t!("sensitive.no_quota_give", amount = amount, most = most)
                } else {
                    t!("sensitive.no_quota", face_value = amount, most = most)
                },
                true,
            );
            None
        }
    };
    let op = match what {
        QuotaUse::Coupon {
            customer_id,
            customer_name,
            face_value,
        } => {
            let Some(quota) = covering(face_value, state) else {
                return;
            };
            Operation::IssueCoupon {
                quota_id: quota.quota_id.clone(),
                quota_left: quota.balance,
                customer_id,
                customer_name,
                face_value,
            }
        }
        QuotaUse::Give {
            reseller_id,
            reseller_name,
            amount,
        } => {
            let Some(quota) = covering(amount, state) else {
                return;
            };
            Operation::GiveQuota {
                quota_id: quota.quota_id.clone(),
                quota_left: quota.balance,
                reseller_id,
                reseller_name,
                amount,
            }
        }
        QuotaUse::Take {
            reseller_id,
            reseller_name,
        } => {
            // What can come back, the first ten.
            let open = open_quotas(&quotas);
            if open.is_empty() {
                state.toast(t!("summary.nothing_to_take"), true);
                return;
            }
            if open.len() > MAX_QUOTAS_TAKEN {
                state.toast(
                    t!(
                        "sensitive.quotas_in_turns",
                        count = open.len(),
                        max = MAX_QUOTAS_TAKEN
                    ),
                    false,
                );
            }
            Operation::TakeQuota {
                reseller_id,
                reseller_name,
                quotas: open.into_iter().take(MAX_QUOTAS_TAKEN).collect(),
            }
        }
    };
    modal::confirm(state, op, None);
}

/// `:coupon recall COUPON_ID`.
pub fn recall_coupon(state: &mut State, coupon_id: &str) -> Vec<Command> {
    if site_lacks_funds(state) {
        return vec![];
    }
    if !writable(state, t!("what.recall_coupons")) {
        return vec![];
    }
    modal::confirm(
        state,
        Operation::RecallCoupon {
            coupon_id: coupon_id.to_string(),
        },
        None,
    );
    vec![]
}

/// `:recharge` and `:agreements`: an overlay over what the backend says (loaded now).
pub fn open_funds_overlay(state: &mut State, overlay: super::state::Overlay) -> Vec<Command> {
    if state.partner_center == Some(false) {
        state.toast(t!("sensitive.overlay_web_only"), true);
        return vec![];
    }
    if matches!(overlay, super::state::Overlay::Recharge)
        && let Some(entity) = super::state::recharge_elsewhere(state)
    {
        state.toast(t!("sensitive.no_remittance", entity = entity), true);
        return vec![];
    }
    let cmd = match overlay {
        super::state::Overlay::Recharge => {
            state.recharge = None;
            Command::LoadRecharge
        }
        super::state::Overlay::Invite => {
            state.invitation = None;
            Command::LoadInvitation
        }
        super::state::Overlay::Profile => {
            state.profile = None;
            Command::LoadProfile
        }
        _ => {
            state.agreements = None;
            Command::LoadAgreements
        }
    };
    state.overlay = Some(overlay);
    vec![cmd]
}

/// Adding or voiding a payment agreement: a summary first, with what the console knows.
pub fn agreement(state: &mut State, op: Operation) {
    if !writable(state, t!("what.agreements")) {
        return;
    }
    state.overlay = None;
    modal::confirm(state, op, None);
}
