//! The list of each pane: a table over the rows loaded so far, with the server's total
//! and the filter in the title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table as TableWidget, TableState};

use std::borrow::Cow;

use super::columns::{self, Col};
use super::theme::Theme;
use super::widgets::{frame_block, notice};
use crate::app::table::Table;
use crate::app::{Pane, State};
use pc_core::format;

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    if state.unavailable(state.pane) {
        let block = frame_block(
            format!(" {} {} ", state.pane.number(), state.pane.label()),
            theme,
        );
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let why = match state.pane {
            Pane::Funds => t!("site.funds_pane"),
            Pane::Resellers => t!("pane.resellers_distributors_only"),
            Pane::Renewals => t!("renewals.not_for_partner"),
            Pane::Spending => t!("spending.not_for_partner"),
            _ => t!("pane.contracts_web_only"),
        };
        return notice(frame, inner, why, theme, false);
    }
    match state.pane {
        Pane::Orders => {
            // The time left to pay, once a loaded order's is known: before the service
            // at 80 columns, for paying on behalf is what the pane is for.
            let deadlines = state.orders.rows.iter().any(|o| {
                state
                    .deadlines
                    .get(&o.order_id)
                    .is_some_and(|d| d.time().is_some())
            });
            let mut cols = vec![
                Col::id(t!("column.order"), 17),
                Col::text(t!("column.customer"), 18, 2),
                Col::fill(t!("column.service"), 22, 3),
                Col::text(t!("column.type"), 12, 4),
                Col::whole(t!("column.status"), 10, 1),
                Col::whole(t!("column.amount"), 12, 1),
                Col::whole(t!("column.created"), 16, 5),
            ];
            if deadlines {
                cols.insert(6, Col::whole(t!("column.pay_by"), 10, 2));
            }
            list(state, theme, frame, area, &state.orders, &cols, |o| {
                let picked = state.selection.iter().any(|s| s.order_id == o.order_id);
                let mut cells = vec![
                    if picked {
                        format!("● {}", o.order_id)
                    } else {
                        o.order_id.clone()
                    },
                    state.names.or_short(&o.customer_id),
                    o.service_type_name.clone(),
                    format::order_type(o.order_type).into(),
                    if o.status == 6
                        && !pc_core::ops::to_pay(o).agent_pay
                        && state.declined.contains(&o.order_id)
                    {
                        t!("order_status.declined").into()
                    } else {
                        format::order_status_for(o).into()
                    },
                    format::money(o.amount_after_discount),
                    format::time(&o.create_time, off),
                ];
                if deadlines {
                    cells.insert(6, pay_by(state, o));
                }
                cells
            })
        }
        Pane::Customers => list(
            state,
            theme,
            frame,
            area,
            &state.customers,
            &[
                Col::id(t!("column.account"), 14),
                Col::fill(t!("column.name"), 20, 2),
                Col::text(t!("column.association"), 11, 3),
                Col::whole(t!("column.phone"), 12, 4),
                Col::text(t!("column.realname"), 13, 3),
                Col::whole(t!("column.level"), 5, 6),
                Col::whole(t!("column.associated"), 10, 5),
            ],
            |c| {
                let name = c.customer.clone().unwrap_or_default();
                vec![
                    c.account_name.clone(),
                    // A frozen account (or its resources too) is said first.
                    match format::frozen(c.is_frozen) {
                        Some(mark) => format!("⚠ {mark} · {name}"),
                        None => name,
                    },
                    switch_mark(state, c).unwrap_or_else(|| {
                        format::association(c.association_type.as_deref()).into()
                    }),
                    format::mask_phone(c.telephone.as_deref()),
                    format::verified(c.verified_status.as_deref()).into(),
                    c.customer_level.clone().unwrap_or_default(),
                    c.associated_on
                        .as_deref()
                        .map(|t| format::date(t, off))
                        .unwrap_or_default(),
                ]
            },
        ),
        Pane::Contracts => list(
            state,
            theme,
            frame,
            area,
            &state.contracts,
            &[
                Col::id(t!("column.contract"), 17),
                Col::fill(t!("column.name"), 20, 3),
                Col::text(t!("column.customer"), 18, 2),
                Col::whole(t!("column.total"), 14, 1),
                Col::whole(t!("column.paid"), 14, 4),
                Col::text(t!("column.status"), 10, 1),
                Col::text(t!("column.next_due"), 20, 2),
                Col::whole(t!("column.signed"), 10, 5),
            ],
            |c| {
                vec![
                    c.contract_id.clone(),
                    c.contract_name.clone(),
                    c.customer_name.clone(),
                    format::money(c.total_amount),
                    format::money(c.paid_amount),
                    format::contract_status(&c.status).into(),
                    format::next_due(c.next_due.as_deref(), state.now, off),
                    format::date(&c.sign_time, off),
                ]
            },
        ),
        Pane::Resellers => list(
            state,
            theme,
            frame,
            area,
            &state.resellers,
            &[
                Col::fill(t!("column.reseller"), 24, 2),
                Col::id(t!("column.account"), 14),
                Col::whole(t!("column.phone"), 12, 4),
                Col::fill(t!("column.email"), 20, 3),
                Col::text(t!("column.manager"), 12, 5),
                Col::whole(t!("column.associated"), 10, 6),
            ],
            |r| {
                vec![
                    r.name.clone().unwrap_or_default(),
                    r.account_name.clone().unwrap_or_default(),
                    format::mask_phone(r.mobile_phone.as_deref()),
                    r.email.clone().unwrap_or_default(),
                    r.account_manager_name.clone().unwrap_or_default(),
                    r.associated_on
                        .as_deref()
                        .map(|t| format::date(t, off))
                        .unwrap_or_default(),
                ]
            },
        ),
        Pane::Funds => funds(state, theme, frame, area),
        Pane::Renewals => renewals(state, theme, frame, area),
        Pane::Spending => list(
            state,
            theme,
            frame,
            area,
            &state.spending,
            &[
                Col::fill(t!("column.customer"), 24, 1),
                Col::whole(t!("column.spent"), 14, 1),
                Col::whole(t!("column.month"), 7, 2),
                Col::id(t!("column.customer_id"), 32),
            ],
            |r| {
                let spent = state
                    .totals
                    .get(&(r.bill_cycle.clone(), r.customer_id.clone()))
                    .copied()
                    .flatten();
                vec![
                    state.names.or_short(&r.customer_id),
                    spent.map(format::money).unwrap_or_else(|| "…".into()),
                    r.bill_cycle.clone(),
                    r.customer_id.clone(),
                ]
            },
        ),
        Pane::Catalog => list(
            state,
            theme,
            frame,
            area,
            &state.catalog,
            &[
                Col::fill(t!("column.service"), 26, 1),
                Col::id(t!("column.code"), 24),
                Col::text(t!("column.abbreviation"), 14, 2),
            ],
            |s| {
                vec![
                    s.service_type_name.clone(),
                    s.service_type_code.clone(),
                    s.abbreviation.clone().unwrap_or_default(),
                ]
            },
        ),
        Pane::History => list(
            state,
            theme,
            frame,
            area,
            &state.history,
            &[
                Col::whole(t!("column.time"), 16, 4),
                Col::text(t!("column.operation"), 17, 2),
                Col::id(t!("column.target"), 12),
                Col::text(t!("column.for"), 16, 3),
                Col::whole(t!("column.amount"), 12, 1),
                Col::fill(t!("column.outcome"), 24, 1),
                Col::text(t!("column.request_id"), 10, 6),
            ],
            |e| {
                vec![
                    format::time(&e.time, off),
                    pc_core::audit::history_operation(&e.operation).into(),
                    e.target.clone(),
                    e.name.clone().unwrap_or_default(),
                    e.amount.map(format::money).unwrap_or_default(),
                    pc_core::audit::history_outcome(&e.outcome),
                    e.request_id.chars().take(8).collect(),
                ]
            },
        ),
    }
}

/// Renewals: soonest expiry first; a passed expiry (grace period, frozen) is marked.
fn renewals(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    list(
        state,
        theme,
        frame,
        area,
        &state.renewals,
        &[
            Col::whole(t!("column.expires"), 22, 1),
            Col::text(t!("column.customer"), 18, 2),
            Col::id(t!("column.resource"), 20),
            Col::fill(t!("column.service"), 16, 4),
            Col::whole(t!("column.status"), 14, 1),
            Col::text(t!("column.renewal"), 12, 3),
            Col::text(t!("column.region"), 10, 5),
        ],
        |r| {
            let x = &r.resource;
            let passed =
                x.status == pc_api::RESOURCE_EXPIRED || x.status == pc_api::RESOURCE_FROZEN;
            vec![
                format!(
                    "{} {}",
                    format::date(&x.expire_time, off),
                    format::expires_in(&x.expire_time, state.now)
                ),
                r.customer_name.clone(),
                x.resource_name.clone(),
                x.resource_type_name.clone(),
                if passed {
                    format!("⚠ {}", format::resource_status(x.status))
                } else {
                    format::resource_status(x.status).into()
                },
                format::expire_policy(x.expire_policy).into(),
                x.region_code.clone(),
            ]
        },
    );
}

fn funds(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let box_height = crate::app::balances_height(state);
    let [top, rest] =
        Layout::vertical([Constraint::Length(box_height), Constraint::Min(3)]).areas(area);
    let elsewhere = crate::app::recharge_elsewhere(state);
    let block = frame_block(
        if elsewhere.is_some() {
            t!("funds.box_title").into()
        } else {
            t!("funds.box_title_recharge").into()
        },
        theme,
    );
    let inner = block.inner(top);
    frame.render_widget(block, top);
    match &state.balances {
        None => notice(frame, inner, t!("funds.loading_balances"), theme, false),
        Some(b) => {
            let mut lines: Vec<Line> = b
                .iter()
                .map(|a| {
                    Line::from(vec![
                        Span::styled(
                            format::pad(&format::account_type(a.account_type), 12),
                            theme.header(),
                        ),
                        Span::raw(format!("¥{:>16}", format::money(a.amount))),
                    ])
                })
                .collect();
            if let Some(entity) = elsewhere {
                lines.push(Line::from(vec![
                    Span::styled(format::pad(t!("funds.recharge"), 12), theme.header()),
                    Span::styled(
                        t!("funds.recharge_elsewhere", entity = entity),
                        theme.warning(),
                    ),
                ]));
            }
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
    let off = state.session.utc_offset_secs;
    match state.funds_view {
        crate::app::FundsView::Account => return ledger(state, theme, frame, rest),
        crate::app::FundsView::Coupons => return coupons(state, theme, frame, rest),
        crate::app::FundsView::Transfers => {}
    }
    list(
        state,
        theme,
        frame,
        rest,
        &state.records,
        &[
            Col::whole(t!("column.time"), 16, 3),
            Col::text(t!("column.operation"), 10, 2),
            Col::fill(t!("column.customer_or_reseller"), 20, 1),
            Col::whole(t!("column.amount"), 14, 1),
            Col::id(t!("column.transaction"), 20),
        ],
        |r| {
            vec![
                format::time(&r.operation_time, off),
                format::operation(&r.operation_type).into(),
                r.customer_name
                    .clone()
                    .unwrap_or_else(|| r.customer_id.clone()),
                r.amount.clone(),
                r.trans_id.clone(),
            ]
        },
    );
}

/// The coupons issued: to whom, what kind, face value and what is left, status, until
/// when.
fn coupons(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    list(
        state,
        theme,
        frame,
        area,
        &state.coupons,
        &[
            Col::id(t!("column.coupon"), 22),
            Col::fill(t!("column.customer"), 18, 3),
            Col::whole(t!("column.face_value"), 12, 1),
            Col::whole(t!("column.left"), 12, 2),
            Col::text(t!("column.status"), 10, 1),
            Col::whole(t!("column.valid_until"), 10, 4),
            Col::text(t!("column.type"), 10, 5),
        ],
        |c| {
            vec![
                c.coupon_id.clone(),
                state.names.or_short(&c.customer_id),
                format::money(c.face_value),
                format::money(c.balance),
                format::coupon_status(c.status).into(),
                c.expire_time
                    .as_deref()
                    .map(|t| format::date(t, off))
                    .unwrap_or_default(),
                format::coupon_type(c.coupon_type).into(),
            ]
        },
    );
}

/// The account's change records: in or out, what, for whom, the balance after.
fn ledger(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    list(
        state,
        theme,
        frame,
        area,
        &state.ledger,
        &[
            Col::whole(t!("column.time"), 16, 1),
            Col::text(t!("column.operation"), 10, 3),
            Col::whole(t!("column.amount"), 14, 1),
            Col::whole(t!("column.balance_after"), 14, 2),
            Col::fill(t!("column.customer_or_reseller"), 18, 4),
            Col::text(t!("column.transaction"), 20, 5),
        ],
        |r| {
            let sign = if r.kind == "2" { "-" } else { "+" };
            let money = |s: &str| {
                s.parse()
                    .map(format::money)
                    .unwrap_or_else(|_| s.to_string())
            };
            vec![
                format::time(&r.trade_time, off),
                format::trade_detail(&r.trade_detail_type).into(),
                format!("{sign}{}", money(&r.change_amount)),
                money(&r.balance_after_change),
                r.account_name.clone().unwrap_or_default(),
                r.trade_id.clone(),
            ]
        },
    );
}

/// A titled table of `rows` with a header; the selected row is highlighted and marked.
#[allow(clippy::too_many_arguments)]
fn list<T>(
    state: &State,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    table: &Table<T>,
    cols: &[Col],
    cells: impl Fn(&T) -> Vec<String>,
) {
    let pane = state.pane;
    let filter = state.filter_text(pane);
    let count = match table.total {
        Some(total) => t!("pane.count", rows = table.rows.len(), total = total),
        None => "…".into(),
    };
    let mut title = format!(" {} {} — {count} ", pane.number(), pane.label());
    if pane == Pane::Funds {
        use crate::app::FundsView;
        let view = match (state.funds_view, state.filter_text(pane).contains("credit")) {
            (FundsView::Transfers, _) => t!("ledger.title_transfers"),
            (FundsView::Account, false) => t!("ledger.title_account"),
            (FundsView::Account, true) => t!("ledger.title_credit"),
            (FundsView::Coupons, _) => t!("ledger.title_coupons"),
        };
        title.push_str(&format!("· {view} ({}) ", t!("ledger.switch")));
    }
    // Spending's month is said on its own (below): a filter of the month alone is not
    // said twice.
    let month_only =
        pane == Pane::Spending && filter.starts_with("month:") && !filter.contains(' ');
    if !filter.is_empty() && !month_only {
        title.push_str(&t!("pane.title_filter", filter = filter));
    }
    if let Some(r) = &state.reseller
        && crate::app::SCOPED.contains(&pane)
    {
        title.push_str(&t!("reseller.title", name = r.name));
    }
    if let Some(sort) = crate::app::sort::title(state, pane) {
        title.push_str(&sort);
    }
    if pane == Pane::Spending
        && let Ok(Some(q)) = state.list_query(pane, state.filter_text(pane))
        && let Some(cycle) = q.bill_cycle()
    {
        title.push_str(&format!("· {} ({}) ", cycle, t!("spending.month_hint")));
    }
    if pane == Pane::Renewals
        && let Some(p) = state.renewals_progress
    {
        title.push_str(&if !p.done() {
            t!("renewals.reading", read = p.read, customers = p.customers)
        } else if p.found > table.rows.len() as i64 {
            t!("renewals.kept", kept = table.rows.len(), found = p.found)
        } else if p.customers == 1 {
            t!("renewals.read_one", found = p.found)
        } else {
            t!("renewals.read", found = p.found, customers = p.customers)
        });
    } else if table.pending.is_some() {
        title.push_str(t!("pane.title_loading"));
    }
    if pane == Pane::Orders && !state.selection.is_empty() {
        title.push_str(&t!(
            "pane.title_selected",
            count = state.selection.len(),
            total = format::money(state.selection_total())
        ));
    }
    let mut block = frame_block(title, theme);
    // The reviewer's opinion of the selected customer, when one was read.
    if pane == Pane::Customers
        && let Some(c) = state.customers.selected_row()
        && c.verified_status.as_deref() == Some("1")
        && let Some(o) = crate::app::realname::opinion(state, &c.customer_id)
    {
        block = block.title_bottom(Span::styled(
            t!(
                "pane.realname_rejected",
                account = c.account_name,
                opinion = o
            ),
            theme.error(),
        ));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if table.rows.is_empty() {
        let text = match (&table.error, table.pending, table.total) {
            (Some(e), _, _) => t!("pane.load_failed", error = e),
            (None, Some(_), _) => t!("pane.loading").to_string(),
            (None, None, Some(_)) if !filter.is_empty() => t!("pane.nothing_matches").to_string(),
            _ if pane == Pane::History => t!("pane.history_empty").to_string(),
            _ => t!("pane.empty").to_string(),
        };
        notice(frame, inner, &text, theme, table.error.is_some());
        return;
    }
    // Only the rows on screen are built: drawing costs the same however much is loaded.
    let visible = inner.height.saturating_sub(1) as usize;
    let texts: Vec<Vec<String>> = table
        .rows
        .iter()
        .skip(table.scroll)
        .take(visible.max(1))
        .map(&cells)
        .collect();
    // The cursor's mark takes two columns of every row.
    let widths = columns::fit(
        cols,
        &columns::longest(&texts, cols.len()),
        inner.width.saturating_sub(2),
    );
    let shown = |row: Vec<Cow<'_, str>>| -> Row<'static> {
        Row::new(
            row.into_iter()
                .zip(&widths)
                .filter(|(_, w)| **w > 0)
                .map(|(text, w)| Cell::from(columns::cell(&text, *w).into_owned())),
        )
    };
    let rows: Vec<Row> = texts
        .into_iter()
        .map(|r| shown(r.into_iter().map(Cow::Owned).collect()))
        .collect();
    let header = shown(cols.iter().map(|c| Cow::Borrowed(c.head)).collect());
    let constraints: Vec<Constraint> = widths
        .iter()
        .filter(|w| **w > 0)
        .map(|w| Constraint::Length(*w))
        .collect();
    let widget = TableWidget::new(rows, constraints)
        .header(header.style(theme.header()))
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut ts = TableState::default().with_selected(table.selected.checked_sub(table.scroll));
    frame.render_stateful_widget(widget, inner, &mut ts);
}

/// "→ reseller?" while a switch of the customer's type waits for their answer.
pub fn switch_mark(state: &State, c: &pc_api::CustomerInfo) -> Option<String> {
    state.pending_switch(&c.customer_id).map(|r| {
        t!(
            "pane.switch_mark",
            association = format::association(Some(&r.to_type))
        )
    })
}

/// A pending order's time left to pay it (`passed` once it has), `…` while its
/// details are read; nothing for other orders.
fn pay_by(state: &State, o: &pc_api::CustomerOrder) -> String {
    use crate::app::Deadline;
    if o.status != pc_core::ops::PENDING_PAYMENT {
        return String::new();
    }
    match state.deadlines.get(&o.order_id) {
        Some(Deadline::Asked) => "…".into(),
        Some(Deadline::Known(Some(t))) => match format::parse_time(t) {
            Some(due) if due <= state.now => t!("time.passed").into(),
            Some(due) => format::time_left_short((due - state.now).num_seconds()),
            None => t.clone(),
        },
        Some(Deadline::Known(None)) | None => String::new(),
    }
}
