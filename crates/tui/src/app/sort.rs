//! Sorting a list by a column (`o` the next column, `O` the other way). Where the API
//! sorts (orders by creation time) the list is asked for again in that order; otherwise
//! the rows loaded so far are sorted, and the title says so.

use std::cmp::Ordering;

pub use super::model::sort::*;
use super::msg::Command;
use super::state::State;
use super::table::{Keyed, Table};
use pc_core::query::Pane;

/// `o`: the next key of the pane (after the last, the backend's own order again).
pub(crate) fn next(state: &mut State) -> Vec<Command> {
    let pane = state.pane;
    let all = keys(pane);
    let now = state.sorts.get(&pane).copied();
    let at = now.and_then(|s| all.iter().position(|k| *k == s.key));
    let next = match at {
        None => all.first(),
        Some(i) => all.get(i + 1),
    };
    set(
        state,
        pane,
        next.map(|k| Sort {
            key: *k,
            descending: k.descending,
        }),
        now,
    )
}

/// `O`: the other way.
pub(crate) fn reverse(state: &mut State) -> Vec<Command> {
    let pane = state.pane;
    let now = state.sorts.get(&pane).copied();
    let Some(sort) = now else {
        state.toast(t!("sort.choose_first"), false);
        return vec![];
    };
    set(
        state,
        pane,
        Some(Sort {
            descending: !sort.descending,
            ..sort
        }),
        now,
    )
}

fn set(state: &mut State, pane: Pane, sort: Option<Sort>, before: Option<Sort>) -> Vec<Command> {
    match sort {
        Some(s) => state.sorts.insert(pane, s),
        None => state.sorts.remove(&pane),
    };
    state.dirty = true;
    let server = |s: Option<Sort>| s.is_some_and(|s| s.key.server);
    if server(sort) || server(before) {
        // The backend's order changes: ask for the list again.
        if let Some(t) = state.cursor(pane) {
            t.reset();
        }
        return state.reload(pane);
    }
    if sort.is_none() {
        // Back to the backend's order: read it again.
        return state.reload(pane);
    }
    apply(state, pane);
    vec![]
}

/// Sorts the rows loaded so far by the pane's key (nothing for a key the backend
/// sorts), keeping the cursor on its row.
pub(crate) fn apply(state: &mut State, pane: Pane) {
    let Some(sort) = state.sorts.get(&pane).copied() else {
        return;
    };
    if sort.key.server {
        return;
    }
    let names = state.names.clone();
    let by = |o: Ordering| if sort.descending { o.reverse() } else { o };
    // An order's place by the time left to pay it on behalf: what the customer asked
    // this partner to pay and can still be paid, soonest first; then other pending
    // orders; then the rest.
    let deadlines = &state.deadlines;
    let now = state.now;
    let payable = |o: &pc_api::CustomerOrder| {
        let due = deadlines
            .get(&o.order_id)
            .and_then(|d| d.time())
            .and_then(pc_core::format::parse_time);
        let asked = pc_core::ops::to_pay(o).agent_pay;
        match (o.status == pc_core::ops::PENDING_PAYMENT, asked, due) {
            (true, true, Some(due)) if due > now => (0, Some(due)),
            (true, true, None) => (1, None),
            (true, _, due) => (2, due),
            _ => (3, None),
        }
    };
    match pane {
        Pane::Orders => sort_rows(&mut state.orders, |a, b| {
            by(match sort.key.name {
                "pay_by" => payable(a).cmp(&payable(b)),
                "amount" => a.amount_after_discount.cmp(&b.amount_after_discount),
                "customer" => names
                    .or_short(&a.customer_id)
                    .cmp(&names.or_short(&b.customer_id)),
                _ => a.status.cmp(&b.status),
            })
        }),
        Pane::Customers => sort_rows(&mut state.customers, |a, b| {
            by(match sort.key.name {
                "account" => a.account_name.cmp(&b.account_name),
                "name" => pc_core::query::display_name(a).cmp(pc_core::query::display_name(b)),
                "frozen" => a.is_frozen.unwrap_or(0).cmp(&b.is_frozen.unwrap_or(0)),
                _ => a.associated_on.cmp(&b.associated_on),
            })
        }),
        Pane::Contracts => sort_rows(&mut state.contracts, |a, b| {
            by(match sort.key.name {
                // Contracts with nothing left to pay last.
                "next_due" => match (&a.next_due, &b.next_due) {
                    (Some(x), Some(y)) => x.cmp(y),
                    (Some(_), None) => Ordering::Less,
                    (None, Some(_)) => Ordering::Greater,
                    (None, None) => Ordering::Equal,
                },
                "total" => a.total_amount.cmp(&b.total_amount),
                _ => a.contract_name.cmp(&b.contract_name),
            })
        }),
        Pane::Resellers => sort_rows(&mut state.resellers, |a, b| {
            by(match sort.key.name {
                "name" => a.name.cmp(&b.name),
                _ => a.associated_on.cmp(&b.associated_on),
            })
        }),
        Pane::Funds if state.funds_view == super::FundsView::Coupons => {
            sort_rows(&mut state.coupons, |a, b| {
                by(match sort.key.name {
                    "amount" => a.face_value.cmp(&b.face_value),
                    _ => a.customer_id.cmp(&b.customer_id),
                })
            })
        }
        Pane::Funds if state.funds_view == super::FundsView::Account => {
            sort_rows(&mut state.ledger, |a, b| {
                by(match sort.key.name {
                    "amount" => a
                        .change_amount
                        .parse::<rust_decimal::Decimal>()
                        .ok()
                        .cmp(&b.change_amount.parse::<rust_decimal::Decimal>().ok()),
                    _ => a.account_name.cmp(&b.account_name),
                })
            })
        }
        Pane::Funds => sort_rows(&mut state.records, |a, b| {
            by(match sort.key.name {
                "amount" => a
                    .amount
                    .parse::<rust_decimal::Decimal>()
                    .ok()
                    .cmp(&b.amount.parse::<rust_decimal::Decimal>().ok()),
                _ => a.customer_name.cmp(&b.customer_name),
            })
        }),
        Pane::Catalog => sort_rows(&mut state.catalog, |a, b| {
            by(a.service_type_name.cmp(&b.service_type_name))
        }),
        Pane::Spending => {
            let totals = state.totals.clone();
            let spent = |r: &pc_core::query::Consumer| {
                totals
                    .get(&(r.bill_cycle.clone(), r.customer_id.clone()))
                    .copied()
                    .flatten()
            };
            sort_rows(&mut state.spending, |a, b| {
                by(match sort.key.name {
                    "amount" => spent(a).cmp(&spent(b)),
                    _ => names
                        .or_short(&a.customer_id)
                        .cmp(&names.or_short(&b.customer_id)),
                })
            })
        }
        Pane::Renewals => sort_rows(&mut state.renewals, |a, b| {
            by(match sort.key.name {
                "expires" => a.resource.expire_time.cmp(&b.resource.expire_time),
                "customer" => a.customer_name.cmp(&b.customer_name),
                _ => a.resource.status.cmp(&b.resource.status),
            })
        }),
        Pane::History => sort_rows(&mut state.history, |a, b| {
            by(match sort.key.name {
                "amount" => a.amount.cmp(&b.amount),
                _ => a.operation.cmp(&b.operation),
            })
        }),
    }
}

fn sort_rows<T: Keyed>(table: &mut Table<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let current = table.selected_row().map(|r| r.key().to_string());
    table.rows.sort_by(|a, b| cmp(a, b));
    if let Some(i) = current.and_then(|k| table.rows.iter().position(|r| r.key() == k)) {
        table.selected = i;
    }
}

/// A key's name in the user's language.
pub fn name(key: &str) -> &'static str {
    match key {
        "created" => t!("sort.created"),
        "amount" => t!("sort.amount"),
        "customer" => t!("sort.customer"),
        "status" => t!("sort.status"),
        "account" => t!("sort.account"),
        "name" => t!("sort.name"),
        "associated" => t!("sort.associated"),
        "next_due" => t!("sort.next_due"),
        "total" => t!("sort.total"),
        "expires" => t!("sort.expires"),
        "frozen" => t!("sort.frozen"),
        "pay_by" => t!("sort.pay_by"),
        "operation" => t!("sort.operation"),
        other => {
            debug_assert!(false, "sort key {other} has no name");
            t!("sort.operation")
        }
    }
}

/// The sort for the title: `by amount ↓`, and whether only the loaded rows are sorted.
pub fn title(state: &State, pane: Pane) -> Option<String> {
    let s = state.sorts.get(&pane)?;
    let arrow = if s.descending { "↓" } else { "↑" };
    let what = name(s.key.name);
    Some(if s.key.server {
        t!("sort.title", key = what, arrow = arrow)
    } else {
        t!("sort.title_loaded", key = what, arrow = arrow)
    })
}
