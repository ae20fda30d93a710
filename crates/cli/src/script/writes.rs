//! The writing script commands: each builds the same [`Operation`] the UI would, runs
//! the same pre-flight checks (`ops::summarize`, the form rules of `modal::draft_op`,
//! the switch rules), and carries it out through `exec::execute` — the UI's journal,
//! audit log and exactly-once resend rules. `--dry-run` stops after the checks.
//!
//! Verification codes take two runs, as a script cannot wait at a prompt: without
//! `--code` a code is requested for the operation, its challenge kept in the profile's
//! folder, and the command exits with [`Exit::NeedsCode`]; the same command with
//! `--code` then finds that challenge (or takes `--challenge`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::args::{ChannelArg, VerificationCmd, WriteOpts};
use super::out::{Ctx, Exit, answer_exit, fail, number, print, print_json, say, usage};
use pc_api::partner_center::{
    Challenge, ChallengeReq, Channel, PLAN_PAID, PayMethod, Scene, TransferTarget, Verification,
    binding,
};
use pc_api::{CustomerOrder, CustomerOrdersQuery, ListIndirectPartnersReq, ListSubCustomersReq};
use pc_client::Client;
use pc_core::draft::{Draft, draft_op};
use pc_core::exec::{Executed, label};
use pc_core::ops::{
    Funds, Operation, PENDING_PAYMENT, Secret, explain, summarize, switch_problems,
};
use pc_core::outcome::{ExecOutcome, Failure, FailureKind};

/// The challenges of the codes sent from script commands, by the operation they are
/// bound to, in the profile's folder: so that `--code` alone finds its challenge.
#[derive(Debug, Clone)]
pub struct ChallengeStore {
    path: PathBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Saved {
    challenge_id: String,
    /// Local time (RFC 3339) after which the code is no use.
    expires_at: String,
}

impl ChallengeStore {
    pub fn in_dir(dir: &Path) -> ChallengeStore {
        ChallengeStore {
            path: dir.join("challenges.json"),
        }
    }

    /// The live entries (an unreadable file is no entries: at worst a new code).
    fn read(&self, now: chrono::DateTime<chrono::Utc>) -> BTreeMap<String, Saved> {
        let all: BTreeMap<String, Saved> = std::fs::read(&self.path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default();
        all.into_iter()
            .filter(|(_, s)| {
                chrono::DateTime::parse_from_rfc3339(&s.expires_at).is_ok_and(|t| t > now)
            })
            .collect()
    }

    fn write(&self, all: &BTreeMap<String, Saved>) -> std::io::Result<()> {
        let partial = self.path.with_extension("json.partial");
        let bytes = serde_json::to_vec_pretty(all).map_err(std::io::Error::other)?;
        pc_core::files::write_private(&partial, &bytes)?;
        std::fs::rename(&partial, &self.path)
    }

    pub fn save(&self, bound_to: &str, challenge: &Challenge) -> std::io::Result<()> {
        let now = chrono::Utc::now();
        let mut all = self.read(now);
        all.insert(
            bound_to.to_string(),
            Saved {
                challenge_id: challenge.challenge_id.clone(),
                expires_at: (now + chrono::Duration::seconds(challenge.expires_in.clamp(0, 3600)))
                    .to_rfc3339(),
            },
        );
        self.write(&all)
    }

    pub fn find(&self, bound_to: &str) -> Option<String> {
        self.read(chrono::Utc::now())
            .remove(bound_to)
            .map(|s| s.challenge_id)
    }

    pub fn forget(&self, bound_to: &str) {
        let mut all = self.read(chrono::Utc::now());
        if all.remove(bound_to).is_some()
            && let Err(e) = self.write(&all)
        {
            tracing::warn!(error = %e, "cannot update the saved challenges");
        }
    }
}

fn store(ctx: &Ctx) -> Option<ChallengeStore> {
    ctx.records.dir.as_deref().map(ChallengeStore::in_dir)
}

/// The binding of an operation's code (what the backend checks it against).
fn bound_to(scene: Scene, target: &[String]) -> String {
    let fields: Vec<&str> = target.iter().map(String::as_str).collect();
    binding(scene, &fields)
}

/// Which code an operation needs, when verification is on.
enum CodeKind {
    /// The Partner Center's, for the operation's scene.
    Partner,
    /// A BSS registration code sent to the new customer's phone (or, on the
    /// international site, e-mail).
    Registration(Recipient),
}

/// Where a registration code goes.
enum Recipient {
    Phone(String),
    Email(String),
}

/// `orders show` and the writes on an order: the order as the list knows it.
pub(super) async fn find_order(c: &Client, order_id: &str) -> Result<CustomerOrder, Exit> {
    let q = CustomerOrdersQuery {
        order_id: Some(order_id.to_string()),
        limit: Some(1),
        ..Default::default()
    };
    match c.list_customer_orders(&q).await {
        // The row asked for, not whatever a loose filter returns first.
        Ok(r) => r
            .order_infos
            .into_iter()
            .find(|o| o.order_id.eq_ignore_ascii_case(order_id))
            .ok_or_else(|| {
                say(&t!("script.no_order", order_id = order_id));
                Exit::Refused
            }),
        Err(e) => Err(fail(&e)),
    }
}

pub(super) async fn find_customer(
    c: &Client,
    customer_id: &str,
) -> Result<pc_api::CustomerInfo, Exit> {
    let q = ListSubCustomersReq {
        customer_id: Some(customer_id.to_string()),
        limit: Some(1),
        ..Default::default()
    };
    match c.list_sub_customers(&q).await {
        Ok(r) => r
            .customer_infos
            .into_iter()
            .find(|c| c.customer_id == customer_id)
            .ok_or_else(|| {
                say(&t!("script.no_customer", customer_id = customer_id));
                Exit::Refused
            }),
        Err(e) => Err(fail(&e)),
    }
}

pub(super) async fn pay(ctx: &Ctx, ids: &[String], credit: bool, opts: &WriteOpts) -> Exit {
    let mut orders = Vec::new();
    for id in ids {
        if orders
            .iter()
            .any(|o: &pc_core::ops::OrderToPay| o.order_id.eq_ignore_ascii_case(id))
        {
            continue; // named twice
        }
        match find_order(&ctx.client, id).await {
            Ok(o) => orders.push(pc_core::ops::to_pay(&o)),
            Err(exit) => return exit,
        }
    }
    // A passed pay-before or effective time is refused before any code is asked for.
    let orders = match pc_core::query::with_times(&ctx.client, orders.clone()).await {
        Ok(checked) => checked,
        Err(e) => {
            say(&t!(
                "summary.times_unknown",
                error = pc_core::format::describe(&e)
            ));
            orders
        }
    };
    let op = Operation::PayOrders {
        orders,
        method: if credit {
            PayMethod::Credit
        } else {
            PayMethod::Balance
        },
    };
    let mut times = pc_core::ops::Summary::default();
    pc_core::ops::check_times(&op, chrono::Utc::now(), 0, &mut times);
    // Paying on behalf rests on a valid payment agreement (where the backend keeps one).
    if pc_core::query::has_payment_agreement(&ctx.client).await == Some(false) {
        times.problems.push(pc_core::ops::no_agreement());
    }
    carry_out(ctx, op, None, times.problems, CodeKind::Partner, opts).await
}

pub(super) async fn reject(ctx: &Ctx, order_id: &str, opts: &WriteOpts) -> Exit {
    let order = match find_order(&ctx.client, order_id).await {
        Ok(o) => pc_core::ops::to_pay(&o),
        Err(exit) => return exit,
    };
    let mut problems = vec![];
    if order.status != PENDING_PAYMENT {
        problems.push(t!(
            "script.reject_not_pending",
            order_id = order.order_id,
            status = pc_core::filter::status_name(order.status)
        ));
    } else if !order.agent_pay {
        problems.push(t!("script.nothing_to_reject", order_id = order.order_id));
    }
    let op = Operation::RejectOrder {
        order_id: order.order_id,
    };
    carry_out(ctx, op, None, problems, CodeKind::Partner, opts).await
}

/// The operation the UI's entry form would make of `text`, or a usage error.
fn from_form(draft: &Draft, text: &str) -> Result<Operation, Exit> {
    draft_op(draft, text).map_err(|message| usage(&message))
}

pub(super) async fn adjust_price(
    ctx: &Ctx,
    order_id: &str,
    unit_price: &str,
    opts: &WriteOpts,
) -> Exit {
    let pricing = match ctx.client.order_pricing(order_id).await {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let mut problems = vec![];
    if pricing.status != PENDING_PAYMENT {
        problems.push(t!(
            "script.reprice_not_pending",
            order_id = pricing.order_id,
            status = pc_core::filter::status_name(pricing.status)
        ));
    }
    let draft = Draft::AdjustPrice {
        order_id: pricing.order_id.clone(),
        pricing: pricing.clone(),
    };
    let op = match draft_op(&draft, unit_price) {
        Ok(op) => op,
        // A well-formed price outside the order's range is a rule, shown by a dry run.
        Err(message) => match unit_price.trim().parse::<Decimal>() {
            Ok(value) if pc_core::format::check_amount(value).is_ok() => {
                problems.push(message);
                Operation::AdjustPrice {
                    order_id: pricing.order_id,
                    unit_price: value,
                    old_unit_price: pricing.unit_price,
                    quantity: pricing.quantity,
                    periods: pricing.periods,
                }
            }
            _ => return usage(&message),
        },
    };
    carry_out(ctx, op, None, problems, CodeKind::Partner, opts).await
}

/// One of the distributor's resellers, by id.
async fn find_reseller(c: &Client, reseller_id: &str) -> Result<pc_api::IndirectPartner, Exit> {
    let q = ListIndirectPartnersReq {
        indirect_partner_id: Some(reseller_id.to_string()),
        limit: Some(1),
        ..Default::default()
    };
    match c.list_indirect_partners(&q).await {
        Ok(r) => r.indirect_partners.into_iter().next().ok_or_else(|| {
            say(&t!("script.no_reseller", reseller_id = reseller_id));
            Exit::Refused
        }),
        Err(e) => Err(fail(&e)),
    }
}

/// An amount as typed, or the usage error it is.
fn amount_arg(text: &str) -> Result<Decimal, Exit> {
    let value: Decimal = text
        .trim()
        .parse()
        .map_err(|_| usage(&t!("script.not_an_amount", text = format!("{text:?}"))))?;
    pc_core::format::check_amount(value).map_err(|e| usage(&e))?;
    Ok(value)
}

/// The partner's own quota to take `amount` from: the one named, or the first usable
/// one that covers it. A named quota that falls short is the summary's problem.
async fn own_quota(
    c: &Client,
    named: Option<&str>,
    amount: Decimal,
) -> Result<pc_api::CouponQuota, Exit> {
    let req = pc_api::CouponQuotasReq {
        limit: Some(100),
        ..Default::default()
    };
    let quotas = c
        .list_quota_coupons(&req)
        .await
        .map_err(|e| fail(&e))?
        .quotas;
    match named {
        Some(id) => quotas
            .into_iter()
            .find(|q| q.quota_id == id)
            .ok_or_else(|| {
                say(&t!("script.no_quota", quota_id = id));
                Exit::Refused
            }),
        None => match pc_core::ops::covering_quota(&quotas, amount, chrono::Utc::now()) {
            Ok(q) => Ok(q.clone()),
            Err(most) => {
                say(&t!(
                    "script.no_covering_quota",
                    amount = amount,
                    most = most
                ));
                Err(Exit::Refused)
            }
        },
    }
}

/// `coupons issue`: a coupon for a reseller-type customer.
pub(super) async fn issue_coupon(
    ctx: &Ctx,
    customer: pc_api::CustomerInfo,
    face_value: &str,
    quota: Option<&str>,
    opts: &WriteOpts,
) -> Exit {
    let face_value = match amount_arg(face_value) {
        Ok(v) => v,
        Err(exit) => return exit,
    };
    let mut problems = vec![];
    if customer.association_type.as_deref() != Some("2") {
        problems.push(t!(
            "sensitive.coupon_referral",
            account = customer.account_name
        ));
    }
    let quota = match own_quota(&ctx.client, quota, face_value).await {
        Ok(q) => q,
        Err(exit) => return exit,
    };
    let op = Operation::IssueCoupon {
        quota_id: quota.quota_id,
        quota_left: quota.balance,
        customer_name: pc_core::query::display_name(&customer).to_string(),
        customer_id: customer.customer_id,
        face_value,
    };
    carry_out(ctx, op, None, problems, CodeKind::Partner, opts).await
}

/// `resellers give-quota`.
pub(super) async fn give_quota(
    ctx: &Ctx,
    reseller_id: &str,
    amount: &str,
    quota: Option<&str>,
    opts: &WriteOpts,
) -> Exit {
    let amount = match amount_arg(amount) {
        Ok(v) => v,
        Err(exit) => return exit,
    };
    let reseller = match find_reseller(&ctx.client, reseller_id).await {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let quota = match own_quota(&ctx.client, quota, amount).await {
        Ok(q) => q,
        Err(exit) => return exit,
    };
    let op = Operation::GiveQuota {
        quota_id: quota.quota_id,
        quota_left: quota.balance,
        reseller_name: reseller
            .name
            .clone()
            .unwrap_or_else(|| reseller.indirect_partner_id.clone()),
        reseller_id: reseller.indirect_partner_id,
        amount,
    };
    carry_out(ctx, op, None, vec![], CodeKind::Partner, opts).await
}

/// `resellers take-quota`: what is left of the reseller's open quotas (or those named).
pub(super) async fn take_quota(
    ctx: &Ctx,
    reseller_id: &str,
    named: &[String],
    opts: &WriteOpts,
) -> Exit {
    use pc_core::ops::{MAX_QUOTAS_TAKEN, open_quotas};
    let reseller = match find_reseller(&ctx.client, reseller_id).await {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    let given = match pc_core::query::issued_quotas(
        &ctx.client,
        Some(&reseller.indirect_partner_id),
        None,
        pc_core::query::QUOTAS_SHOWN,
    )
    .await
    {
        Ok(q) => q,
        Err(e) => return fail(&e),
    };
    let given: Vec<pc_api::CouponQuota> = given.into_iter().map(Into::into).collect();
    let mut open = open_quotas(&given);
    if let Some(id) = named
        .iter()
        .find(|id| !open.iter().any(|q| &q.quota_id == *id))
    {
        return usage(&t!("script.quota_not_open", quota_id = id));
    }
    if !named.is_empty() {
        open.retain(|q| named.contains(&q.quota_id));
    }
    if named.is_empty() && open.len() > MAX_QUOTAS_TAKEN {
        say(&t!(
            "sensitive.quotas_in_turns",
            count = open.len(),
            max = MAX_QUOTAS_TAKEN
        ));
        open.truncate(MAX_QUOTAS_TAKEN);
    }
    let op = Operation::TakeQuota {
        reseller_name: reseller
            .name
            .clone()
            .unwrap_or_else(|| reseller.indirect_partner_id.clone()),
        reseller_id: reseller.indirect_partner_id,
        quotas: open,
    };
    carry_out(ctx, op, None, vec![], CodeKind::Partner, opts).await
}

/// A write that needs nothing read first (`coupons recall`).
pub(super) async fn plain(ctx: &Ctx, op: Operation, opts: &WriteOpts) -> Exit {
    carry_out(ctx, op, None, vec![], CodeKind::Partner, opts).await
}

pub(super) async fn reseller_transfer(
    ctx: &Ctx,
    reseller_id: &str,
    amount: &str,
    allocate: bool,
    opts: &WriteOpts,
) -> Exit {
    let c = &ctx.client;
    let reseller = match find_reseller(c, reseller_id).await {
        Ok(r) => r,
        Err(exit) => return exit,
    };
    // What a recall can take at most: the reseller's balance, as the detail shows it.
    let limit = if allocate {
        None
    } else {
        let q = pc_api::PartnerBalancesQuery {
            indirect_partner_id: Some(reseller.indirect_partner_id.clone()),
        };
        match c.list_partner_balances(&q).await {
            Ok(r) => Some(
                r.account_balances
                    .iter()
                    .filter(|b| b.account_type == pc_api::ACCOUNT_BALANCE)
                    .map(|b| b.amount)
                    .sum::<Decimal>(),
            ),
            Err(e) => return fail(&e),
        }
    };
    let draft = Draft::Transfer {
        to: if allocate {
            TransferTarget::ResellerAllocate
        } else {
            TransferTarget::ResellerRecall
        },
        target_name: reseller
            .name
            .clone()
            .unwrap_or_else(|| reseller.indirect_partner_id.clone()),
        target_id: reseller.indirect_partner_id,
        limit,
    };
    match from_form(&draft, amount) {
        Ok(op) => carry_out(ctx, op, limit, vec![], CodeKind::Partner, opts).await,
        Err(exit) => exit,
    }
}

pub(super) async fn switch_association(
    ctx: &Ctx,
    customer_id: &str,
    reason: &str,
    opts: &WriteOpts,
) -> Exit {
    let status = match ctx.client.association(customer_id).await {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let problems = switch_problems(&status);
    match from_form(&Draft::Switch(Box::new(status)), reason) {
        Ok(op) => carry_out(ctx, op, None, problems, CodeKind::Partner, opts).await,
        Err(exit) => exit,
    }
}

pub(super) async fn pay_plan(
    ctx: &Ctx,
    contract_id: &str,
    plan_id: Option<&str>,
    opts: &WriteOpts,
) -> Exit {
    let detail = match ctx.client.show_contract(contract_id).await {
        Ok(d) => d,
        Err(e) => return fail(&e),
    };
    let plan = match plan_id {
        Some(id) => detail.payment_plans.iter().find(|p| p.plan_id == id),
        None => detail.payment_plans.iter().find(|p| p.status != PLAN_PAID),
    };
    let Some(plan) = plan else {
        say(&match plan_id {
            Some(id) => t!(
                "script.no_payment_plan",
                contract_id = contract_id,
                plan_id = id
            ),
            None => t!("script.all_instalments_paid", contract_id = contract_id),
        });
        return Exit::Refused;
    };
    let mut problems = vec![];
    if plan.status == PLAN_PAID {
        problems.push(t!(
            "script.instalment_paid",
            installment = plan.installment,
            contract_id = contract_id
        ));
    } else if let Some(first) = detail
        .payment_plans
        .iter()
        .filter(|p| p.status != PLAN_PAID)
        .min_by_key(|p| p.installment)
        && first.installment < plan.installment
    {
        problems.push(t!(
            "script.instalment_not_next",
            installment = plan.installment,
            next = first.installment,
            plan_id = first.plan_id
        ));
    }
    let op = Operation::PayPlan {
        contract_id: detail.contract.contract_id.clone(),
        plan_id: plan.plan_id.clone(),
        installment: plan.installment,
        amount: plan.amount,
    };
    carry_out(ctx, op, None, problems, CodeKind::Partner, opts).await
}

/// What `customers create` was given.
pub(super) struct NewCustomer<'a> {
    pub account_name: &'a str,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub xaccount_id: Option<&'a str>,
    pub domain_area: Option<&'a str>,
    pub platform_id: Option<&'a str>,
    pub reseller: Option<&'a str>,
}

pub(super) async fn create_customer(ctx: &Ctx, new: &NewCustomer<'_>, opts: &WriteOpts) -> Exit {
    use pc_api::rules::valid_email;
    use pc_api::rules::{valid_account_name, valid_cn_mobile};
    let Some(platform_id) = new.platform_id.map(str::trim).filter(|p| !p.is_empty()) else {
        return usage(t!("script.no_platform_id"));
    };
    let platform_id = platform_id.to_string();
    let (phone, email, xaccount_id) = (new.phone, new.email, new.xaccount_id);
    let name = new.account_name.trim();
    if !valid_account_name(name) {
        return usage(t!("script.bad_account_name"));
    }
    let phone = phone.map(str::trim).filter(|p| !p.is_empty());
    if phone.is_some_and(|p| !valid_cn_mobile(p)) {
        return usage(t!("script.bad_phone"));
    }
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    if email.is_some_and(|e| !valid_email(e)) {
        return usage(t!("script.bad_email"));
    }
    // The international site registers by e-mail with the customer's country; the
    // Chinese one by phone.
    let intl = ctx.site == pc_api::site::Site::Intl;
    let domain_area = new.domain_area.map(|a| a.trim().to_ascii_uppercase());
    match (&domain_area, intl) {
        (_, true) if phone.is_some() => return usage(t!("script.intl_no_phone")),
        (Some(a), true) if a.len() != 2 || !a.chars().all(|c| c.is_ascii_uppercase()) => {
            return usage(t!("script.bad_domain_area"));
        }
        (None, true) => return usage(t!("script.bad_domain_area")),
        (Some(_), false) => return usage(t!("script.domain_area_intl_only")),
        _ => {}
    }
    let xaccount_id = xaccount_id.map_or_else(|| format!("x-{name}"), |x| x.trim().to_string());
    if xaccount_id.is_empty() || xaccount_id.chars().count() > 128 {
        return usage(t!("script.bad_xaccount_id"));
    }
    // Availability first, as the form checks it (docs/design.md §3).
    let mut problems = vec![];
    for (label, kind, value) in [
        (t!("script.field_account_name"), "name", Some(name)),
        (t!("script.field_phone"), "mobile", phone),
        (t!("script.field_email"), "email", email),
    ] {
        let Some(value) = value else { continue };
        let req = pc_api::CheckUserIdentityReq {
            search_type: kind.into(),
            // As the form asks: a phone with its country code.
            search_value: if kind == "mobile" {
                format!("0086-{value}")
            } else {
                value.into()
            },
        };
        match ctx.client.check_user_identity(&req).await {
            // A phone may carry a few accounts: taken only when it has no room left.
            Ok(r) if kind == "mobile" && r.mobile_remain_available_num.is_some_and(|n| n > 0) => {}
            Ok(r) if r.check_result.as_deref() == Some("used_by_user") => {
                problems.push(t!("script.field_taken", field = label));
            }
            Ok(_) => {}
            Err(e) => return fail(&e),
        }
    }
    let reseller = match new.reseller {
        Some(id) => match find_reseller(&ctx.client, id).await {
            Ok(r) => Some(pc_core::ops::ForReseller {
                name: r
                    .name
                    .clone()
                    .unwrap_or_else(|| r.indirect_partner_id.clone()),
                id: r.indirect_partner_id,
            }),
            Err(exit) => return exit,
        },
        None => None,
    };
    let op = Operation::CreateCustomer {
        account_name: name.to_string(),
        phone: phone.map(String::from),
        email: email.map(String::from),
        xaccount_id,
        xaccount_type: platform_id,
        code: Secret(opts.code.clone().unwrap_or_default()),
        domain_area,
        referral: false,
        reseller,
    };
    let kind = match (phone, email) {
        (Some(p), _) => CodeKind::Registration(Recipient::Phone(p.to_string())),
        (None, Some(e)) if intl => CodeKind::Registration(Recipient::Email(e.to_string())),
        _ => CodeKind::Partner,
    };
    carry_out(ctx, op, None, problems, kind, opts).await
}

/// `verification send`: a code for an operation, ahead of it.
pub(super) async fn verification(ctx: &Ctx, cmd: &VerificationCmd) -> Exit {
    let VerificationCmd::Send {
        scene,
        channel,
        target,
        out,
    } = cmd;
    let Ok(scene) = serde_json::from_value::<Scene>(serde_json::Value::String(scene.clone()))
    else {
        return usage(&t!("script.unknown_scene", scene = format!("{scene:?}")));
    };
    if ctx.read_only {
        return usage(t!("script.read_only_codes"));
    }
    match target_fields(scene, target) {
        Ok(target) => send_code(ctx, scene, target, *channel, out.json, true).await,
        Err(message) => usage(&message),
    }
}

/// The key fields of `scene` as the write commands bind them (amounts in the
/// backend's form), or what is wrong with them.
fn target_fields(scene: Scene, target: &[String]) -> Result<Vec<String>, String> {
    use pc_api::partner_center::money_key;
    let amount = |text: &str| -> Result<String, String> {
        let value: Decimal = text
            .trim()
            .parse()
            .map_err(|_| t!("script.not_an_amount", text = format!("{text:?}")))?;
        pc_core::format::check_amount(value)?;
        Ok(money_key(value))
    };
    let want = |n: usize, what: &str| -> Result<(), String> {
        if target.len() == n {
            Ok(())
        } else {
            Err(t!("script.takes", scene = scene.as_str(), what = what))
        }
    };
    match scene {
        Scene::PayOrders => {
            if target.len() < 2 || !matches!(target[0].as_str(), "balance" | "credit") {
                return Err(t!("script.takes_pay_orders").into());
            }
            Ok(target.to_vec())
        }
        Scene::ResellerAllocate
        | Scene::ResellerRecall
        | Scene::CustomerAllocate
        | Scene::CustomerRecall => {
            want(2, t!("script.takes_id_amount"))?;
            Ok(vec![target[0].clone(), amount(&target[1])?])
        }
        Scene::QuotaGive => {
            want(3, t!("script.takes_quota_amount_reseller"))?;
            Ok(vec![
                target[0].clone(),
                amount(&target[1])?,
                target[2].clone(),
            ])
        }
        Scene::AdjustPrice => {
            want(2, t!("script.takes_order_price"))?;
            Ok(vec![target[0].clone(), amount(&target[1])?])
        }
        Scene::PayPlan => {
            want(2, t!("script.takes_contract_plan"))?;
            Ok(target.to_vec())
        }
        Scene::SwitchAssociation => {
            want(1, t!("script.takes_customer"))?;
            Ok(target.to_vec())
        }
        _ => Ok(target.to_vec()),
    }
}

/// Requests a code for `scene` bound to `target` and keeps its challenge.
async fn send_code(
    ctx: &Ctx,
    scene: Scene,
    target: Vec<String>,
    channel: ChannelArg,
    json: bool,
    ahead: bool,
) -> Exit {
    // No code is spent on an operation the journal could not take.
    if let Err(why) = pc_core::exec::journal_ready(&ctx.records) {
        say(&why);
        return Exit::Internal;
    }
    let bound = bound_to(scene, &target);
    let req = ChallengeReq {
        scene,
        channel: channel.channel(),
        target,
    };
    let challenge = match ctx.client.request_code(&req).await {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    if let Some(store) = store(ctx)
        && let Err(e) = store.save(&bound, &challenge)
    {
        say(&t!(
            "script.cannot_keep_challenge",
            error = e,
            challenge = challenge.challenge_id
        ));
    }
    let how = match challenge.channel {
        Channel::Sms => t!("script.by_sms"),
        Channel::Email => t!("script.by_email"),
    };
    if json {
        print_json(&serde_json::json!({
            "needs_code": true,
            "challenge_id": challenge.challenge_id,
            "channel": challenge.channel,
            "masked_recipient": challenge.masked_recipient,
            "expires_in": challenge.expires_in,
            "attempts_left": challenge.attempts_left,
        }));
    }
    let minutes = (challenge.expires_in.clamp(0, 3600) + 59) / 60;
    let sent = if ahead {
        t!(
            "script.code_sent_ahead",
            how = how,
            to = challenge.masked_recipient,
            minutes = minutes,
            challenge = challenge.challenge_id
        )
    } else {
        t!(
            "script.code_sent_again",
            how = how,
            to = challenge.masked_recipient,
            minutes = minutes,
            challenge = challenge.challenge_id
        )
    };
    say(&sent);
    Exit::NeedsCode
}

/// Whether the partner's own figures decide the pre-flight checks.
fn moves_partner_money(op: &Operation) -> bool {
    matches!(
        op,
        Operation::PayOrders { .. } | Operation::Transfer { .. } | Operation::PayPlan { .. }
    )
}

/// The BSS operations, which a backend without a Partner Center also has.
fn on_bss(op: &Operation) -> bool {
    matches!(
        op,
        Operation::Transfer { .. }
            | Operation::CreateCustomer { .. }
            | Operation::RealnameAuth { .. }
            | Operation::GiveQuota { .. }
            | Operation::TakeQuota { .. }
    )
}

/// The write pipeline: what the UI's modal does, without the prompts.
async fn carry_out(
    ctx: &Ctx,
    op: Operation,
    limit: Option<Decimal>,
    mut problems: Vec<String>,
    kind: CodeKind,
    opts: &WriteOpts,
) -> Exit {
    let c = &ctx.client;
    if ctx.read_only {
        return usage(&t!("script.read_only", title = op.title()));
    }
    let partner_center = match ctx.partner_center {
        Some(known) => known,
        None => match c.capabilities().await {
            Ok(caps) => caps.is_some(),
            Err(e) => return fail(&e),
        },
    };
    if !partner_center && !on_bss(&op) {
        say(&t!("script.no_partner_center", title = op.title()));
        return Exit::Refused;
    }
    // Earlier runs of this same operation whose answer was lost come first (docs/design.md §5).
    match earlier(ctx, &op, opts).await {
        Earlier::None => {}
        Earlier::Open(why) | Earlier::InDoubt(why) if opts.dry_run => problems.push(why),
        Earlier::Open(why) => {
            say(&why);
            return Exit::Unavailable;
        }
        // Not for a retry loop: a person has to look first.
        Earlier::InDoubt(why) => {
            say(&why);
            return Exit::Refused;
        }
        Earlier::Applied(done) => {
            say(&t!("script.already_applied", request = done.sent_as));
            return report(&op, &done, opts.json);
        }
    }
    let funds = if moves_partner_money(&op) {
        match c
            .list_partner_balances(&pc_api::PartnerBalancesQuery::default())
            .await
        {
            Ok(r) => Some(Funds::from(&r.account_balances)),
            Err(e) => return fail(&e),
        }
    } else {
        None
    };
    let summary = summarize(&op, funds, limit);
    problems.extend(summary.problems);
    let scene = op.scene().filter(|_| partner_center);
    let needs_code = match (&kind, scene) {
        (CodeKind::Registration(_), _) => true,
        (CodeKind::Partner, Some(_)) => match c.verification_setting().await {
            Ok(s) => s.enabled,
            Err(e) => return fail(&e),
        },
        (CodeKind::Partner, None) => false,
    };
    if opts.dry_run {
        return plan(&op, &summary.lines, &problems, needs_code, opts.json);
    }
    if !problems.is_empty() {
        say(&t!("script.nothing_sent", title = op.title()));
        for p in &problems {
            eprintln!("  - {p}");
        }
        return Exit::Refused;
    }
    let mut verification = None;
    let mut bound = None;
    if needs_code {
        match (kind, scene, &opts.code) {
            (CodeKind::Registration(to), _, None) => {
                return registration_code(ctx, &to, opts.json).await;
            }
            (CodeKind::Registration(_), _, Some(_)) => {} // in the operation itself
            (CodeKind::Partner, Some(scene), None) => {
                return send_code(ctx, scene, op.target(), opts.channel, opts.json, false).await;
            }
            (CodeKind::Partner, Some(scene), Some(code)) => {
                let key = bound_to(scene, &op.target());
                let challenge = opts
                    .challenge
                    .clone()
                    .or_else(|| store(ctx).and_then(|s| s.find(&key)));
                let Some(challenge_id) = challenge else {
                    return usage(t!("script.no_challenge"));
                };
                verification = Some(Verification {
                    challenge_id,
                    code: code.clone(),
                });
                bound = Some(key);
            }
            (CodeKind::Partner, None, _) => {}
        }
    }
    let request_id = uuid::Uuid::new_v4().to_string();
    let done = pc_core::exec::execute(
        c,
        &ctx.records,
        &request_id,
        &op,
        verification,
        !partner_center,
    )
    .await;
    if matches!(done.outcome, ExecOutcome::Applied(_))
        && let (Some(store), Some(key)) = (store(ctx), bound)
    {
        store.forget(&key);
    }
    report(&op, &done, opts.json)
}

/// How long another console's or script's write may still be on its way: its intent
/// is left alone (asking about it would close it), and the same operation waits.
const IN_FLIGHT_SECS: i64 = 180;

/// What the journal says of earlier runs of the same operation.
enum Earlier {
    None,
    /// Applied after all: not to be sent again.
    Applied(Executed),
    /// Not known (yet): why, and what to do.
    Open(String),
    /// Cannot be known from here: the user checks, then says so with `--checked`.
    InDoubt(String),
}

/// Settles the journal's unfinished intents (not in a dry run, which only looks: asking
/// the backend closes a request still on its way) and tells whether one was this very
/// operation — the same kind on the same target, as the UI's modal checks.
async fn earlier(ctx: &Ctx, op: &Operation, opts: &WriteOpts) -> Earlier {
    let same = |o: &Operation| o.same_as(op);
    if opts.dry_run {
        let open = ctx
            .records
            .journal
            .as_ref()
            .and_then(|j| j.unfinished().ok())
            .unwrap_or_default();
        return match open.into_iter().find(|(_, o)| same(o)) {
            Some((id, o)) => Earlier::Open(t!(
                "script.earlier_open_dry_run",
                title = o.title(),
                request = id
            )),
            None => in_doubt(ctx, &same, opts.checked.as_deref()),
        };
    }
    let (settled, young) = pc_core::exec::resolve_settled(
        &ctx.client,
        &ctx.records,
        chrono::Duration::seconds(IN_FLIGHT_SECS),
    )
    .await;
    if let Some((id, o)) = young.iter().find(|(_, o)| same(o)) {
        return Earlier::Open(t!(
            "script.earlier_in_flight",
            title = o.title(),
            request = id,
            minutes = IN_FLIGHT_SECS / 60
        ));
    }
    let mut found = Earlier::None;
    for (id, o, outcome) in settled {
        say(&t!(
            "script.earlier_settled",
            title = o.title(),
            request = id,
            outcome = pc_core::outcome::short(&outcome)
        ));
        if !same(&o) || !matches!(found, Earlier::None) {
            continue;
        }
        found = match outcome {
            ExecOutcome::Applied(_) => Earlier::Applied(Executed {
                sent_as: id,
                outcome,
            }),
            ExecOutcome::Unknown(why) => Earlier::Open(t!(
                "script.earlier_unknown",
                title = o.title(),
                request = id,
                why = why
            )),
            ExecOutcome::Unverifiable(_) if opts.checked.as_deref() != Some(id.as_str()) => {
                doubt(&o, &id)
            }
            _ => Earlier::None,
        };
    }
    match found {
        Earlier::None => in_doubt(ctx, &same, opts.checked.as_deref()),
        found => found,
    }
}

/// The last run of the same operation, when the backend could not tell whether it was
/// applied (Huawei's own BSS has no status query): only the user can check, so the
/// same operation waits until they say they did (`--checked` with its request id).
fn in_doubt(ctx: &Ctx, same: &dyn Fn(&Operation) -> bool, checked: Option<&str>) -> Earlier {
    let records = ctx
        .records
        .journal
        .as_ref()
        .and_then(|j| j.records().ok())
        .unwrap_or_default();
    let last = records
        .into_iter()
        .rev()
        .find(|r| same(&r.op) && r.outcome.is_some());
    match last {
        Some(r)
            if checked != Some(r.request_id.as_str())
                && r.outcome
                    .as_deref()
                    .is_some_and(|o| o.starts_with(pc_core::exec::UNVERIFIABLE)) =>
        {
            doubt(&r.op, &r.request_id)
        }
        _ => Earlier::None,
    }
}

/// Why `op`, sent as `request_id`, stops the same command until it is checked.
fn doubt(op: &Operation, request_id: &str) -> Earlier {
    Earlier::InDoubt(t!(
        "script.earlier_unverifiable",
        title = op.title(),
        request = request_id,
        why = pc_core::exec::unverifiable_why(op)
    ))
}

/// A BSS registration code to the new customer's phone.
async fn registration_code(ctx: &Ctx, to: &Recipient, json: bool) -> Exit {
    let (req, channel, masked) = match to {
        Recipient::Phone(phone) => (
            pc_api::SendVerificationCodeReq {
                receiver_type: 1,
                mobile_phone: Some(phone.to_string()),
                scene: Some(29),
                ..Default::default()
            },
            Channel::Sms,
            pc_api::mask_phone(phone),
        ),
        Recipient::Email(email) => (
            pc_api::SendVerificationCodeReq {
                receiver_type: ctx.site.code_receiver_type(),
                email: Some(email.to_string()),
                scene: Some(29),
                ..Default::default()
            },
            Channel::Email,
            pc_api::mask_email(email),
        ),
    };
    match ctx.client.send_verification_code(&req).await {
        Ok(()) => {
            if json {
                print_json(&serde_json::json!({
                    "needs_code": true,
                    "kind": "registration",
                    "channel": channel,
                    "masked_recipient": masked,
                }));
            }
            say(&t!("script.registration_code_sent", to = masked));
            Exit::NeedsCode
        }
        Err(e) => fail(&e),
    }
}

/// `--dry-run`: what would happen and what stops it; nothing sent.
fn plan(
    op: &Operation,
    lines: &[String],
    problems: &[String],
    needs_code: bool,
    json: bool,
) -> Exit {
    let exit = if problems.is_empty() {
        Exit::Ok
    } else {
        Exit::Refused
    };
    if json {
        let printed = print_json(&serde_json::json!({
            "dry_run": true,
            "operation": op.name(),
            "title": op.title(),
            "amount": op.amount().map(number),
            "summary": lines,
            "problems": problems,
            "needs_code": needs_code,
        }));
        return if printed == Exit::Ok { exit } else { printed };
    }
    let mut text = vec![t!("script.dry_run", title = op.title())];
    text.extend(lines.iter().map(|l| format!("  {l}")));
    text.extend(
        problems
            .iter()
            .map(|p| format!("  {}", t!("script.problem", problem = p))),
    );
    if needs_code {
        text.push(format!("  {}", t!("script.code_needed")));
    }
    let printed = print(&text.join("\n"));
    if printed == Exit::Ok { exit } else { printed }
}

/// The exit code of a failure.
fn failure_exit(f: &Failure) -> Exit {
    match f.kind {
        FailureKind::Backend { status } => answer_exit(status, f.code.as_deref()),
        FailureKind::Unreachable => Exit::Unavailable,
        FailureKind::Input => Exit::Usage,
        FailureKind::Local => Exit::Internal,
    }
}

/// The outcome: stdout for what was done, stderr for what went wrong and what next.
fn report(op: &Operation, done: &Executed, json: bool) -> Exit {
    use ExecOutcome::*;
    let (kind, exit) = match &done.outcome {
        Applied(items) if items.iter().all(|i| i.ok) => ("applied", Exit::Ok),
        Applied(items) if items.iter().any(|i| i.ok) => ("partly_applied", Exit::Refused),
        Applied(_) => ("failed", Exit::Refused),
        Failed(f) => ("failed", failure_exit(f)),
        NotApplied => ("not_applied", Exit::Unavailable),
        Unknown(_) => ("unknown", Exit::Unavailable),
        Unverifiable(_) => ("unverifiable", Exit::Unavailable),
    };
    let items = match &done.outcome {
        Applied(items) => items.clone(),
        _ => vec![],
    };
    let failure = match &done.outcome {
        Failed(f) => Some(f.clone()),
        _ => None,
    };
    // What to do next about each refusal.
    let next = |code: Option<&str>| code.map(explain).map(|(_, next)| next);
    if json {
        let printed = print_json(&serde_json::json!({
            "request_id": done.sent_as,
            "operation": op.name(),
            "title": op.title(),
            "outcome": kind,
            "label": label(&done.outcome),
            "items": items.iter().map(|i| serde_json::json!({
                "subject": i.subject,
                "ok": i.ok,
                "detail": i.detail,
                "code": i.code,
                "amount": i.amount.map(number),
                "next": next(i.code.as_deref()),
            })).collect::<Vec<_>>(),
            "failure": failure.as_ref().map(|f| serde_json::json!({
                "code": f.code,
                "message": f.message,
                "next": next(f.code.as_deref()),
            })),
        }));
        return if printed == Exit::Ok { exit } else { printed };
    }
    let mut text = vec![format!(
        "{}: {}",
        op.title(),
        pc_core::outcome::short(&done.outcome)
    )];
    // The marks padded to the wider one, so the subjects line up.
    let (ok, failed) = (t!("script.mark_ok"), t!("script.mark_failed"));
    let mark_width = {
        use unicode_width::UnicodeWidthStr;
        ok.width().max(failed.width())
    };
    for i in &items {
        let mark = pc_core::format::pad(if i.ok { ok } else { failed }, mark_width);
        let mut line = format!("  {mark} {}  {}", i.subject, i.detail);
        if let Some(next) = next(i.code.as_deref()) {
            line.push_str(&format!(" — {next}"));
        }
        text.push(line.trim_end().to_string());
    }
    text.push(format!(
        "  {}",
        t!("script.request_id", request = done.sent_as)
    ));
    match &done.outcome {
        Failed(f) => {
            say(&format!(
                "{}: {}{}",
                op.title(),
                f.code
                    .as_deref()
                    .map(|c| format!("{c} "))
                    .unwrap_or_default(),
                f.message
            ));
            if let Some(next) = next(f.code.as_deref()) {
                say(next);
            }
            exit
        }
        Unknown(why) => {
            say(&t!(
                "script.outcome_unknown",
                title = op.title(),
                why = why,
                request = done.sent_as
            ));
            exit
        }
        Unverifiable(why) => {
            say(&t!(
                "script.outcome_unverifiable",
                title = op.title(),
                why = why,
                request = done.sent_as
            ));
            exit
        }
        _ => {
            let printed = print(&text.join("\n"));
            if printed == Exit::Ok { exit } else { printed }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::args::code_arg;

    #[test]
    fn codes_are_six_digits() {
        assert!(code_arg("123456").is_ok());
        for bad in ["12345", "1234567", "12345a", "", "１２３４５６"] {
            assert!(code_arg(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_saved_challenge_is_found_by_its_operation_until_it_expires() {
        let dir = std::env::temp_dir().join(format!("pc-ch-{}", uuid::Uuid::new_v4().simple()));
        let store = ChallengeStore::in_dir(&dir);
        let challenge = |id: &str, expires_in| Challenge {
            challenge_id: id.into(),
            channel: Channel::Sms,
            masked_recipient: "138****0001".into(),
            expires_at: String::new(),
            resend_after: String::new(),
            expires_in,
            resend_in: 60,
            attempts_left: 5,
        };
        let a = bound_to(Scene::PayOrders, &["balance".into(), "CS-1".into()]);
        let b = bound_to(Scene::PayOrders, &["balance".into(), "CS-2".into()]);
        store.save(&a, &challenge("ch-a", 300)).unwrap();
        store.save(&b, &challenge("ch-b", 0)).unwrap();
        assert_eq!(store.find(&a).as_deref(), Some("ch-a"));
        assert_eq!(store.find(&b), None, "expired");
        store.forget(&a);
        assert_eq!(store.find(&a), None);
        // A torn file is no challenge, not an error.
        std::fs::write(dir.join("challenges.json"), b"{\"x\":").unwrap();
        assert_eq!(store.find(&a), None);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn refusals_exit_by_kind() {
        let f = |code: Option<&str>, kind| Failure {
            code: code.map(String::from),
            message: "m".into(),
            kind,
        };
        let answer = |status| FailureKind::Backend { status };
        assert_eq!(
            failure_exit(&f(Some("CBC.99003142"), answer(400))),
            Exit::Refused
        );
        assert_eq!(
            failure_exit(&f(Some("APIGW.0301"), answer(401))),
            Exit::Auth
        );
        // A server error carrying a CBC code is still the backend being unwell.
        assert_eq!(
            failure_exit(&f(Some("CBC.0999"), answer(500))),
            Exit::Unavailable
        );
        assert_eq!(failure_exit(&f(None, answer(503))), Exit::Unavailable);
        assert_eq!(
            failure_exit(&f(None, FailureKind::Unreachable)),
            Exit::Unavailable
        );
        assert_eq!(failure_exit(&f(None, FailureKind::Input)), Exit::Usage);
        // The journal cannot be written: the console's trouble, not the backend's.
        assert_eq!(failure_exit(&f(None, FailureKind::Local)), Exit::Internal);
    }
}
