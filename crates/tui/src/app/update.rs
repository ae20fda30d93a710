//! `update`: the one entry of every [`Msg`]. Pure — no I/O, no clock (time arrives in
//! `Msg::Tick`), no await, no random ids (they come from the session). Keys go to
//! [`super::keys`]; backend answers to the state, the modal or the form that asked.

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::backend::crossterm::EventHandler;

use pc_api::partner_center::{SWITCH_PENDING, SwitchRequest};
use pc_api::*;
use pc_core::ops::{self, Operation};
use pc_core::query::{DetailData, PageData, Pane};

use super::modal::{ExecOutcome, Modal};
use super::msg::{Command, Msg};
use super::state::*;
use super::table::{PAGE, Table};
use super::{create, keys, modal, mouse, price, realname, sensitive};

/// The new orders at the top of a first page that ask the partner to pay, when the
/// total grew since the last look (`before`).
pub(crate) fn new_pay_requests(
    before: Option<i64>,
    offset: i64,
    total: i64,
    rows: &[CustomerOrder],
) -> Vec<String> {
    let Some(before) = before.filter(|b| offset == 0 && total > *b) else {
        return vec![];
    };
    rows.iter()
        .take((total - before) as usize)
        .filter(|o| {
            o.status == ops::PENDING_PAYMENT
                && o.agent_pay_info
                    .as_ref()
                    .and_then(|a| a.is_agent_pay)
                    .unwrap_or(false)
        })
        .map(|o| {
            format!(
                "{} ¥{}",
                o.order_id,
                pc_core::format::money(o.amount_after_discount)
            )
        })
        .collect()
}

pub fn update(state: &mut State, msg: Msg) -> Vec<Command> {
    let cmds = dispatch(state, msg);
    follow_all(state);
    cmds
}

pub(crate) fn dispatch(state: &mut State, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Key(key) => keys::on_key(state, key),
        Msg::Mouse(event) => mouse::on_mouse(state, event),
        Msg::Paste(text) if state.modal.is_some() => {
            modal::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) if matches!(state.overlay, Some(Overlay::NewCustomer(_))) => {
            create::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) if matches!(state.overlay, Some(Overlay::Realname(_))) => {
            realname::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) => {
            if let Some(Overlay::Filter(input) | Overlay::Command(input)) = &mut state.overlay {
                for c in text.chars().filter(|c| !c.is_control()) {
                    input.handle_event(&crossterm::event::Event::Key(KeyEvent::new(
                        KeyCode::Char(c),
                        KeyModifiers::NONE,
                    )));
                }
                state.dirty = true;
            }
            vec![]
        }
        Msg::Tick(now) => on_tick(state, now),
        Msg::Resize(w, h) => {
            state.size = (w, h);
            state.dirty = true;
            vec![]
        }
        Msg::Total {
            cycle,
            customer_id,
            total,
        } => {
            if state.totals.len() >= TOTALS_KEPT {
                state.totals.clear();
            }
            state.totals.insert((cycle, customer_id), total);
            state.dirty = true;
            vec![]
        }
        Msg::Deadline {
            order_id,
            pay_before,
        } => {
            state
                .deadlines
                .insert(order_id, Deadline::Known(pay_before));
            super::sort::apply(state, Pane::Orders);
            state.dirty = true;
            vec![]
        }
        Msg::DeadlinesDone { order_ids } => {
            for id in order_ids {
                if state.deadlines.get(&id) == Some(&Deadline::Asked) {
                    state.deadlines.remove(&id);
                }
            }
            vec![]
        }
        Msg::TotalsDone { cycle, ids } => {
            for id in ids {
                let key = (cycle.clone(), id);
                if state.totals.get(&key) == Some(&None) {
                    state.totals.remove(&key);
                }
            }
            vec![]
        }
        Msg::RenewalsRead {
            request,
            progress,
            rows,
        } => {
            if state.renewals.partial(request, rows) {
                state.renewals_progress = Some(progress);
                super::sort::apply(state, Pane::Renewals);
                state.dirty = true;
            }
            vec![]
        }
        Msg::Page {
            request,
            offset,
            result,
            latency,
        } => {
            let mut cmds = on_page(state, request, offset, result, latency);
            if state.pane == Pane::Customers {
                cmds.extend(realname::opinion_of_selected(state));
            }
            cmds
        }
        Msg::Detail {
            request,
            result,
            latency,
        } => {
            let current =
                matches!(&state.detail, Some(Detail::Loading { request: r, .. }) if *r == request);
            if !current {
                return vec![];
            }
            state.record_health(latency, result.as_ref().err().map(String::as_str));
            let title = match &state.detail {
                Some(Detail::Loading { title, .. }) => title.clone(),
                _ => String::new(),
            };
            // A customer under review or rejected: the reviewer's opinion is read too.
            let review = match &result {
                Ok(data) => match data.as_ref() {
                    DetailData::Customer(c, ..)
                        if matches!(c.verified_status.as_deref(), Some("0" | "1")) =>
                    {
                        vec![Command::LoadReview {
                            customer_id: c.customer_id.clone(),
                        }]
                    }
                    _ => vec![],
                },
                Err(_) => vec![],
            };
            state.detail = Some(match result {
                Ok(data) => Detail::Ready(data),
                Err(error) => Detail::Failed { title, error },
            });
            state.dirty = true;
            review
        }
        Msg::Balances {
            request,
            result,
            latency,
        } => {
            if state.balances_request != Some(request) {
                return vec![];
            }
            state.balances_request = None;
            state.record_health(latency, result.as_ref().err().map(String::as_str));
            match result {
                Ok(b) => state.balances = Some(b),
                Err(e) => state.toast(t!("toast.balances_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Verification(result) => {
            match result {
                Ok(v) => state.verification = Some(v),
                Err(e) => state.toast(t!("toast.verification_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Profile(result) => {
            if let (Ok(p), Some(v)) = (&result, state.verification.as_mut()) {
                v.enabled = p.verification_enabled;
            }
            state.profile = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Invitation(result) => {
            state.invitation = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Recharge(result) => {
            state.recharge = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Agreements(result) => {
            state.agreements = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Notice(result) => {
            match result {
                Ok(text) => state.toast(text, false),
                Err(e) => state.toast(e, true),
            }
            vec![]
        }
        Msg::Bill {
            contract_id,
            result,
        } => {
            match result {
                Ok(path) => state.toast(
                    t!("toast.bill_saved", contract_id = contract_id, path = path),
                    false,
                ),
                Err(e) => state.toast(
                    t!("toast.bill_failed", contract_id = contract_id, error = e),
                    true,
                ),
            }
            vec![]
        }
        Msg::ExportProgress {
            request,
            rows,
            total,
        } => {
            if let Some(e) = state.export.as_mut().filter(|e| e.request == request) {
                e.rows = rows;
                e.total = Some(total);
                state.dirty = true;
            }
            vec![]
        }
        Msg::Exported { request, result } => {
            if state.export.as_ref().is_some_and(|e| e.request == request) {
                let pane = state.export.take().map(|e| e.pane).unwrap_or(state.pane);
                match result {
                    Ok((path, rows)) => state.toast(
                        t!(
                            "toast.exported",
                            rows = rows,
                            pane = pane.label(),
                            path = path
                        ),
                        false,
                    ),
                    Err(e) => state.toast(t!("toast.export_failed", error = e), true),
                }
            }
            vec![]
        }
        Msg::Association { request, result } => {
            modal::on_association(state, request, result);
            vec![]
        }
        Msg::Switches(result) => on_switches(state, result),
        Msg::Specs { request, result } => {
            price::on_specs(state, request, result);
            vec![]
        }
        Msg::Rated { request, result } => {
            price::on_rated(state, request, result);
            vec![]
        }
        Msg::IdentityChecked { request, result } => {
            create::on_checked(state, request, result);
            vec![]
        }
        Msg::RegistrationCode { request, result } => {
            realname::on_code_sent(state, request, &result);
            create::on_code_sent(state, request, &result);
            vec![]
        }
        Msg::Review {
            customer_id,
            result,
        } => {
            realname::on_review(state, &customer_id, result);
            vec![]
        }
        Msg::Quotas { request, result } => {
            sensitive::on_quotas(state, request, result);
            vec![]
        }
        Msg::Pricing { request, result } => {
            modal::on_pricing(state, request, result);
            vec![]
        }
        Msg::Declined(ids) => {
            state.declined.extend(ids);
            state.dirty = true;
            vec![]
        }
        Msg::Names {
            found,
            listed,
            unread,
        } => {
            state.names.failed(&unread);
            state.names.listed |= listed;
            for (id, name) in found {
                state.names.learn(&id, name);
            }
            state.dirty = true;
            vec![]
        }
        Msg::PaymentChecked {
            request,
            orders,
            method,
            checked,
        } => {
            modal::on_payment_checked(state, request, orders, method, checked);
            vec![]
        }
        Msg::Challenge { request, result } => {
            modal::on_challenge(state, request, result);
            vec![]
        }
        Msg::Executed {
            request_id,
            sent_as,
            outcome,
        } => {
            let sent_as = sent_as.unwrap_or_else(|| request_id.clone());
            let asked = matches!(&state.modal,
                Some(Modal::Submitting { request_id: r, .. }) if *r == request_id);
            modal::on_executed(state, &request_id, &sent_as, outcome);
            let mut cmds = vec![];
            // The result is shown; the form that asked for the operation hears of it.
            if asked && let Some(Modal::Done { op, outcome }) = &state.modal {
                let ok =
                    matches!(outcome, ExecOutcome::Applied(items) if items.iter().all(|i| i.ok));
                let op = op.clone();
                cmds.extend(forms_after(state, &op, ok));
            }
            if state.pane == Pane::History {
                cmds.extend(state.reload(Pane::History));
            }
            cmds
        }
        Msg::Resolved(resolved) => {
            for (request_id, op, outcome) in &resolved {
                if matches!(outcome, ExecOutcome::Unknown(_)) {
                    state.unresolved.push((request_id.clone(), op.clone()));
                }
                modal::note_unverifiable(state, request_id, op, outcome);
                state.toast(
                    t!(
                        "toast.unfinished",
                        title = op.title(),
                        outcome = modal::short(outcome)
                    ),
                    matches!(outcome, ExecOutcome::Unknown(_)),
                );
            }
            if resolved.is_empty() {
                return vec![];
            }
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            cmds
        }
        Msg::Capabilities(result) => {
            match result {
                Ok(has) => {
                    state.partner_center = Some(has);
                    if !has {
                        // A contracts request sent meanwhile failed with a 404: forget it.
                        state.contracts = Table::default();
                    } else {
                        state.dirty = true;
                        return vec![Command::LoadVerification];
                    }
                }
                Err(e) => state.toast(t!("toast.capabilities_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Outbox(messages) => {
            for m in messages {
                let to = if m.channel == "sms" {
                    pc_api::mask_phone(&m.recipient)
                } else {
                    m.recipient.clone()
                };
                // A verification code shows as just the code; other messages in full.
                let what = demo_code(&m.body).unwrap_or_else(|| m.body.clone());
                state.toast(
                    t!(
                        "toast.outbox",
                        channel = match m.channel.as_str() {
                            "sms" => t!("modal.channel_sms").to_string(),
                            "email" => t!("modal.channel_email").to_string(),
                            other => other.to_uppercase(),
                        },
                        to = to,
                        what = what
                    ),
                    false,
                );
                state.inbox.push(m);
            }
            vec![]
        }
        Msg::Quit => {
            state.quitting = true;
            vec![Command::Quit]
        }
    }
}

/// The 6-digit code of a verification message ("… code is 482913 …").
pub(crate) fn demo_code(body: &str) -> Option<String> {
    let at = body.find("code is ")? + "code is ".len();
    let code: String = body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (code.len() == 6).then_some(code)
}

/// The form behind an operation, told how it ended: the new-customer form closes or
/// keeps its fields for a fix, the real-name form closes and its decision is followed.
pub(crate) fn forms_after(state: &mut State, op: &Operation, ok: bool) -> Vec<Command> {
    match op {
        Operation::CreateCustomer { .. } => {
            create::on_created(state, ok);
            vec![]
        }
        Operation::RealnameAuth { .. } => realname::on_submitted(state, op, ok),
        Operation::RejectOrder { order_id } if ok => {
            state.declined.insert(order_id.clone());
            vec![]
        }
        // Codes go to the new phone or address from now on: the summaries must say so.
        Operation::ChangePhone { .. } | Operation::ChangeEmail { .. } if ok => {
            state.profile = None;
            vec![Command::LoadVerification, Command::LoadProfile]
        }
        _ => vec![],
    }
}

pub(crate) fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Command> {
    let before = state.now;
    state.now = now;
    modal::on_tick(state, before);
    let checks = create::on_tick(state);
    let before = state.toasts.len();
    state.toasts.retain(|t| t.until > now);
    if state.toasts.len() != before {
        state.dirty = true;
        follow_all(state);
    }
    // Refresh the visible list in the background, unless the user is busy in an
    // overlay or a detail view, or has scrolled beyond what one request can reload.
    let due = state.next_refresh.is_some_and(|t| now >= t);
    if !due {
        return checks;
    }
    state.next_refresh = Some(now + state.refresh_every);
    // A switch waiting for the customer's answer: look for the answer whatever is on
    // screen, to tell the user when it comes.
    let waiting = state
        .switches
        .as_ref()
        .is_some_and(|s| s.iter().any(|r| r.status == SWITCH_PENDING));
    // The invitation stays up while customers scan it: keep refreshing under it, so the
    // new association shows as it arrives.
    let watching = matches!(state.overlay, Some(Overlay::Invite));
    let mut cmds = checks;
    // Real-name submissions of this session: their decisions are told on any pane.
    cmds.extend(realname::watched(state));
    if (state.overlay.is_some() && !watching) || state.detail.is_some() || state.modal.is_some() {
        if waiting {
            cmds.push(Command::LoadSwitches);
        }
        return cmds;
    }
    let pane = state.pane;
    cmds.extend(state.load_balances());
    // Renewals are gathered across every customer: R reads them again, not the clock.
    if let Some(t) = state.cursor(pane)
        && pane != Pane::Renewals
        && t.len() <= 100
    {
        let limit = (t.len() as i64).clamp(PAGE, 100);
        cmds.extend(state.load_rows(pane, 0, limit));
    }
    // A Customers reload reads the switches too: once is enough.
    if waiting && !cmds.iter().any(|c| matches!(c, Command::LoadSwitches)) {
        cmds.push(Command::LoadSwitches);
    }
    cmds
}

pub(crate) fn on_page(
    state: &mut State,
    request: u64,
    offset: i64,
    result: Result<(i64, PageData), String>,
    latency: Duration,
) -> Vec<Command> {
    let error = result.as_ref().err().cloned();
    // A gathering's time is many calls': it says nothing of the backend's latency.
    let gathered = matches!(&result, Ok((_, PageData::Renewals(_))));
    // The names of the orders' customers, read in the background.
    let mut names = None;
    // What the Spending list's customers spent, read in the background.
    let mut totals = None;
    // When the pending orders must be paid by, read in the background.
    let mut deadlines = None;
    let accepted = match result {
        Ok((total, PageData::Orders(rows))) => {
            let before = state.orders.total;
            let new_rows = new_pay_requests(before, offset, total, &rows);
            let ids: Vec<String> = rows.iter().map(|o| o.customer_id.clone()).collect();
            let pending: Vec<String> = rows
                .iter()
                .filter(|o| o.status == pc_core::ops::PENDING_PAYMENT)
                .map(|o| o.order_id.clone())
                .collect();
            let accepted = state.orders.accept(request, offset, total, rows);
            if accepted {
                names = ask_names(state, &ids);
                deadlines = ask_deadlines(state, pending);
            }
            // Orders that arrived since the last look (a customer asking to be paid
            // for, in --live): say so, the refresh brought them without a keypress.
            if accepted && !new_rows.is_empty() {
                state.toast(
                    t!("toast.pay_requested", orders = new_rows.join(", ")),
                    false,
                );
            }
            accepted
        }
        Ok((total, PageData::Customers(rows))) => {
            let before = state.customers.total;
            let names: Vec<String> = rows.iter().map(|c| c.account_name.clone()).collect();
            for c in &rows {
                state
                    .names
                    .learn(&c.customer_id, Some(pc_core::query::display_name(c).into()));
            }
            let accepted = state.customers.accept(request, offset, total, rows);
            // New associations (an invitation accepted) come first: say so.
            if accepted
                && offset == 0
                && let Some(before) = before
                && total > before
            {
                let new = ((total - before) as usize).min(names.len());
                let text = t!("toast.associated", names = names[..new].join(", "));
                state.last_association = Some(text.clone());
                state.toast(text, false);
            }
            accepted
        }
        Ok((total, PageData::Contracts(rows))) => {
            state.contracts.accept(request, offset, total, rows)
        }
        Ok((total, PageData::Resellers(rows))) => {
            state.resellers.accept(request, offset, total, rows)
        }
        Ok((total, PageData::Funds(rows))) => state.records.accept(request, offset, total, rows),
        Ok((total, PageData::Ledger(rows))) => state.ledger.accept(request, offset, total, rows),
        Ok((total, PageData::Coupons(rows))) => {
            let ids: Vec<String> = rows.iter().map(|c| c.customer_id.clone()).collect();
            let accepted = state.coupons.accept(request, offset, total, rows);
            if accepted {
                names = ask_names(state, &ids);
            }
            accepted
        }
        Ok((total, PageData::Catalog(rows))) => state.catalog.accept(request, offset, total, rows),
        Ok((total, PageData::History(rows))) => state.history.accept(request, offset, total, rows),
        Ok((total, PageData::Renewals(rows))) => {
            state.renewals.accept(request, offset, total, rows)
        }
        Ok((total, PageData::Spending(rows))) => {
            let ids: Vec<String> = rows.iter().map(|r| r.customer_id.clone()).collect();
            let cycle = rows.first().map(|r| r.bill_cycle.clone());
            let accepted = state.spending.accept(request, offset, total, rows);
            if accepted {
                names = ask_names(state, &ids);
                if let Some(cycle) = cycle {
                    totals = load_totals(state, &cycle, ids);
                }
            }
            accepted
        }
        Err(e) => [
            state.orders.fail(request, e.clone()),
            state.customers.fail(request, e.clone()),
            state.contracts.fail(request, e.clone()),
            state.resellers.fail(request, e.clone()),
            state.records.fail(request, e.clone()),
            state.ledger.fail(request, e.clone()),
            state.coupons.fail(request, e.clone()),
            state.catalog.fail(request, e.clone()),
            state.history.fail(request, e.clone()),
            state.renewals.fail(request, e.clone()),
            state.spending.fail(request, e),
        ]
        .contains(&true),
    };
    if !accepted {
        return vec![]; // stale: a newer request for that list is under way
    }
    if !gathered {
        state.record_health(latency, error.as_deref());
    }
    if let Some(e) = error {
        state.toast(e, true);
    }
    state.dirty = true;
    // Rows sorted here stay sorted as pages arrive.
    for pane in Pane::ALL {
        super::sort::apply(state, pane);
    }
    // The cursor may already be near the end of what arrived.
    let mut cmds = more_if_needed(state);
    cmds.extend(names);
    cmds.extend(totals);
    cmds.extend(deadlines);
    cmds
}

/// Deadlines kept before they are all forgotten (and read again as needed).
const DEADLINES_KEPT: usize = 2_000;
/// Orders one read of deadlines asks about at most: the page that just arrived first.
const DEADLINES_PER_READ: usize = 100;

/// Asks for the pay-before times of pending orders not known or asked for yet. One read
/// runs at a time (the worker's newer read replaces the older): it carries what the
/// older had not told yet, after the page that just arrived, so that browsing many
/// pages never queues reads that compete with the user's.
fn ask_deadlines(state: &mut State, order_ids: Vec<String>) -> Option<Command> {
    if state.deadlines.len() >= DEADLINES_KEPT {
        state.deadlines.clear();
    }
    let new: Vec<String> = order_ids
        .into_iter()
        .filter(|id| !state.deadlines.contains_key(id))
        .collect();
    if new.is_empty() {
        return None;
    }
    // Those still waiting, in the list's order (the rows nearest the top first).
    let waiting: Vec<String> = state
        .orders
        .rows
        .iter()
        .map(|o| &o.order_id)
        .filter(|id| state.deadlines.get(*id) == Some(&Deadline::Asked) && !new.contains(id))
        .cloned()
        .collect();
    // Asked by a read that was replaced, and no longer in the list: forgotten.
    let still: std::collections::HashSet<&String> = waiting.iter().collect();
    state
        .deadlines
        .retain(|id, d| *d != Deadline::Asked || still.contains(id));
    let mut ask: Vec<String> = new.into_iter().chain(waiting).collect();
    // Beyond the read's size: forgotten, asked again when their page comes back.
    for id in ask.split_off(ask.len().min(DEADLINES_PER_READ)) {
        state.deadlines.remove(&id);
    }
    for id in &ask {
        state.deadlines.insert(id.clone(), Deadline::Asked);
    }
    Some(Command::LoadDeadlines { order_ids: ask })
}

/// Reads in the background the names of `ids` not known or asked for yet (the lists
/// that carry only customers' ids: orders, coupons, spending).
fn ask_names(state: &mut State, ids: &[String]) -> Option<Command> {
    let ask = state.names.to_ask(ids.iter().map(String::as_str));
    if ask.is_empty() {
        return None;
    }
    let request = state.request_id();
    let listed = state.names.listed || state.names.paged;
    state.names.paged = true;
    Some(Command::ResolveNames {
        request,
        ids: ask,
        listed,
    })
}

/// Totals kept before the oldest are forgotten (all at once: they are read again).
const TOTALS_KEPT: usize = 2_000;

/// Asks for the month's totals of `ids` not known or asked for yet.
fn load_totals(state: &mut State, cycle: &str, ids: Vec<String>) -> Option<Command> {
    let ids: Vec<String> = ids
        .into_iter()
        .filter(|id| !state.totals.contains_key(&(cycle.to_string(), id.clone())))
        .collect();
    if ids.is_empty() {
        return None;
    }
    for id in &ids {
        state.totals.insert((cycle.to_string(), id.clone()), None);
    }
    let request = state.request_id();
    Some(Command::LoadTotals {
        request,
        reseller: state.reseller.as_ref().map(|r| r.id.clone()),
        cycle: cycle.to_string(),
        ids,
    })
}

/// The partner's switch requests arrived: a pending one that got its answer is told,
/// and the customers are reloaded to show the new type.
pub(crate) fn on_switches(
    state: &mut State,
    result: Result<Vec<SwitchRequest>, String>,
) -> Vec<Command> {
    let now = match result {
        Ok(now) => now,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the switch requests");
            return vec![];
        }
    };
    let mut answered = vec![];
    if let Some(before) = &state.switches {
        for r in &now {
            // A request this session made is known by its customer until the list
            // gives its id.
            let newest_of_customer = now
                .iter()
                .find(|x| x.customer_id == r.customer_id)
                .is_some_and(|x| x.switch_id == r.switch_id);
            let was_pending = before.iter().any(|b| {
                b.status == SWITCH_PENDING
                    && (b.switch_id == r.switch_id
                        || (b.switch_id.is_empty()
                            && b.customer_id == r.customer_id
                            && newest_of_customer))
            });
            if was_pending && r.status != SWITCH_PENDING {
                answered.push(t!(
                    "toast.switch_answered",
                    account = r.account_name,
                    status = r.status,
                    to = pc_api::rules::type_name(&r.to_type)
                ));
            }
        }
    }
    state.switches = Some(now);
    state.dirty = true;
    if answered.is_empty() {
        return vec![];
    }
    for text in answered {
        state.toast(text, false);
    }
    // Reload only the rows (the switches are already fresh), unless the user has
    // scrolled beyond what one request reloads: then R does it.
    if state.customers.rows.len() > 100 {
        return vec![];
    }
    let limit = (state.customers.rows.len() as i64).clamp(PAGE, 100);
    let mut cmds = state.load_rows(Pane::Customers, 0, limit);
    cmds.retain(|c| !matches!(c, Command::LoadSwitches));
    cmds
}
