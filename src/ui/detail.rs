//! The detail view of the selected row: an order's line items and amounts, a customer,
//! a contract's payment plans, a reseller's balances and transfers, a service's
//! resource and usage types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::theme::Theme;
use super::{format, frame_block, notice};
use crate::app::filter::status_name;
use crate::app::{Detail, DetailData, State};

/// A table under the fields: header, widths, rows.
type DetailTable<'a> = (Vec<&'a str>, Vec<Constraint>, Vec<Vec<String>>);

fn field<'a>(label: &str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<18}"), theme.header()),
        Span::raw(value),
    ])
}

pub fn render(state: &State, detail: &Detail, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    let data = match detail {
        Detail::Loading { title, .. } => {
            let block = frame_block(format!(" {title} "), theme);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            return notice(frame, inner, "Loading…", theme, false);
        }
        Detail::Failed { title, error } => {
            let block = frame_block(format!(" {title} "), theme);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            return notice(
                frame,
                inner,
                &format!("Could not load: {error}. Esc goes back."),
                theme,
                true,
            );
        }
        Detail::Ready(data) => data.as_ref(),
    };
    let (title, fields, table): (String, Vec<Line>, Option<DetailTable>) = match data {
        DetailData::Order(d) => {
            let o = &d.order_info;
            let info = o.amount_info.clone().unwrap_or_default();
            let mut fields = vec![
                field(
                    "Customer",
                    format!(
                        "{} ({})",
                        o.user_name.clone().unwrap_or_default(),
                        o.customer_id
                    ),
                    theme,
                ),
                field("Service", o.service_type_name.clone(), theme),
                field(
                    "Type / status",
                    format!(
                        "{} / {}",
                        format::order_type(o.order_type),
                        status_name(o.status)
                    ),
                    theme,
                ),
                field("Created", format::time(&o.create_time, off), theme),
                field(
                    "List price",
                    format!("¥{}", format::money(o.official_amount)),
                    theme,
                ),
            ];
            for d in &info.discounts {
                fields.push(field(
                    &format!("Discount {}", d.discount_type),
                    format!("−¥{}", format::money(d.discount_amount)),
                    theme,
                ));
            }
            fields.push(field(
                "Amount due",
                format!("¥{}", format::money(o.amount_after_discount)),
                theme,
            ));
            if let Some(end) = &o.pending_payment_end_time {
                fields.push(field("Pay before", format::time(end, off), theme));
            }
            let rows = d
                .order_line_items
                .iter()
                .map(|l| {
                    vec![
                        l.product_spec_desc.clone(),
                        l.period_num.map_or("—".into(), |n| format!("{n} mo")),
                        l.subscription_num.to_string(),
                        format::money(l.official_amount),
                        format::money(l.amount_after_discount),
                    ]
                })
                .collect();
            (
                format!(" Order {} — Esc back ", o.order_id),
                fields,
                Some((
                    vec!["Product", "Period", "Qty", "List ¥", "Amount ¥"],
                    vec![
                        Constraint::Fill(3),
                        Constraint::Length(7),
                        Constraint::Length(4),
                        Constraint::Length(12),
                        Constraint::Length(12),
                    ],
                    rows,
                )),
            )
        }
        DetailData::Customer(c, balance) => {
            let mut fields = vec![
                field("Account", c.account_name.clone(), theme),
                field("Name", c.customer.clone().unwrap_or_default(), theme),
                field(
                    "Association",
                    format::association(c.association_type.as_deref()).into(),
                    theme,
                ),
                field("Phone", format::mask_phone(c.telephone.as_deref()), theme),
                field(
                    "E-mail",
                    c.email.clone().unwrap_or_else(|| "—".into()),
                    theme,
                ),
                field(
                    "Real-name",
                    match crate::app::realname::opinion(state, &c.customer_id) {
                        Some(o) if c.verified_status.as_deref() == Some("1") => {
                            format!("rejected — {o}")
                        }
                        _ => format::verified(c.verified_status.as_deref()).into(),
                    },
                    theme,
                ),
                field("Level", c.customer_level.clone().unwrap_or_default(), theme),
                field("Customer id", c.customer_id.clone(), theme),
            ];
            match balance {
                Some(b) => fields.push(field(
                    "Balance",
                    format!(
                        "¥{}  (debt ¥{})",
                        format::money(b.amount),
                        format::money(b.debt_amount)
                    ),
                    theme,
                )),
                None => fields.push(field(
                    "Balance",
                    "referral customers top up themselves".into(),
                    theme,
                )),
            }
            if let Some(r) = state.pending_switch(&c.customer_id) {
                fields.push(field(
                    "Switch",
                    format!(
                        "to {} requested {}, pending the customer's answer{}",
                        format::association(Some(&r.to_type)),
                        format::date(&r.requested_at, state.session.utc_offset_secs),
                        if r.switch_id.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", r.switch_id)
                        }
                    ),
                    theme,
                ));
            }
            if c.telephone.is_none() {
                fields.push(Line::from(Span::styled(
                    "No phone: this customer receives no verification codes or expiry reminders.",
                    theme.warning(),
                )));
            }
            fields.extend(console_lines(&c.account_name, theme));
            if !matches!(c.verified_status.as_deref(), Some("0" | "2")) {
                fields.push(Line::from(Span::styled(
                    "v real-name authentication (bank card, document or enterprise)",
                    theme.dim(),
                )));
            }
            (
                format!(" Customer {} — Esc back ", c.account_name),
                fields,
                None,
            )
        }
        DetailData::Contract(d) => {
            let k = &d.contract;
            let fields = vec![
                field("Name", k.contract_name.clone(), theme),
                field("Customer", k.customer_name.clone(), theme),
                field(
                    "Term",
                    format!(
                        "{} → {}",
                        format::date(&k.effective_time, off),
                        format::date(&k.expire_time, off)
                    ),
                    theme,
                ),
                field(
                    "Total / paid",
                    format!(
                        "¥{} / ¥{}",
                        format::money(k.total_amount),
                        format::money(k.paid_amount)
                    ),
                    theme,
                ),
                field("Status", k.status.clone(), theme),
            ];
            let rows = d
                .payment_plans
                .iter()
                .map(|p| {
                    vec![
                        p.installment.to_string(),
                        format::date(&p.due_date, off),
                        format::money(p.amount),
                        p.status.clone(),
                        p.paid_time
                            .as_deref()
                            .map(|t| format::date(t, off))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            (
                format!(" Contract {} — Esc back ", k.contract_id),
                fields,
                Some((
                    vec!["#", "Due", "Amount ¥", "Status", "Paid on"],
                    vec![
                        Constraint::Length(3),
                        Constraint::Length(11),
                        Constraint::Length(14),
                        Constraint::Length(9),
                        Constraint::Length(11),
                    ],
                    rows,
                )),
            )
        }
        DetailData::Reseller(r, balances, records) => {
            let mut fields = vec![
                field("Account", r.account_name.clone().unwrap_or_default(), theme),
                field(
                    "Phone",
                    format::mask_phone(r.mobile_phone.as_deref()),
                    theme,
                ),
                field(
                    "Manager",
                    r.account_manager_name.clone().unwrap_or_default(),
                    theme,
                ),
            ];
            for b in balances.iter().filter(|b| b.account_type == 1) {
                fields.push(field(
                    "Balance",
                    format!("¥{}", format::money(b.amount)),
                    theme,
                ));
            }
            let rows = records
                .iter()
                .map(|x| {
                    vec![
                        format::time(&x.operation_time, off),
                        format::operation(&x.operation_type).into(),
                        x.amount.clone(),
                        x.trans_id.clone(),
                    ]
                })
                .collect();
            (
                format!(
                    " Reseller {} — Esc back ",
                    r.name.clone().unwrap_or_default()
                ),
                fields,
                Some((
                    vec!["Time", "Operation", "Amount ¥", "Transaction"],
                    vec![
                        Constraint::Length(16),
                        Constraint::Length(10),
                        Constraint::Length(14),
                        Constraint::Fill(1),
                    ],
                    rows,
                )),
            )
        }
        DetailData::Service(s, resources, units) => {
            let units: Vec<String> = units
                .iter()
                .map(|u| format!("{} {}", u.measure_id, u.measure_name))
                .collect();
            let fields = vec![
                field("Code", s.service_type_code.clone(), theme),
                field(
                    "Abbreviation",
                    s.abbreviation.clone().unwrap_or_default(),
                    theme,
                ),
                field("Measure units", units.join(" · "), theme),
            ];
            let rows = resources
                .iter()
                .map(|r| {
                    let usage: Vec<String> = r
                        .usage_types
                        .iter()
                        .map(|u| format!("{} ({})", u.name, u.code))
                        .collect();
                    vec![
                        r.resource.name.clone(),
                        r.resource.resource_type_code.clone(),
                        usage.join(", "),
                    ]
                })
                .collect();
            (
                format!(" Service {} — Esc back ", s.service_type_name),
                fields,
                Some((
                    vec!["Resource type", "Code", "Usage types"],
                    vec![
                        Constraint::Fill(1),
                        Constraint::Fill(1),
                        Constraint::Fill(2),
                    ],
                    rows,
                )),
            )
        }
    };
    let block = frame_block(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, bottom] = Layout::vertical([
        Constraint::Length(fields.len() as u16 + 1),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(fields).wrap(Wrap { trim: true }), top);
    if let Some((header, widths, rows)) = table {
        let total = rows.len();
        let visible = bottom.height.saturating_sub(1) as usize;
        let first = state.detail_scroll.min(total.saturating_sub(1));
        let rows: Vec<Row> = rows
            .into_iter()
            .skip(first)
            .take(visible.max(1))
            .map(|r| Row::new(r.into_iter().map(Cell::from)))
            .collect();
        if total > visible {
            let last = (first + visible).min(total);
            let note = format!(" rows {}–{last} of {total} · j/k scroll ", first + 1);
            frame.render_widget(
                Paragraph::new(Span::styled(note, theme.dim()))
                    .alignment(ratatui::layout::Alignment::Right),
                Rect {
                    y: area.bottom().saturating_sub(1),
                    height: 1,
                    ..area
                },
            );
        }
        frame.render_widget(
            Table::new(rows, widths)
                .header(Row::new(header.into_iter().map(Cell::from)).style(theme.header())),
            bottom,
        );
    }
}

/// Where the customer's own console is; the web partner center signs the partner into
/// it (SAML single sign-on), which a terminal cannot.
pub const CUSTOMER_CONSOLE: &str = "https://console.huaweicloud.com/console/";

/// The customer's console link, and where single sign-on into it happens.
pub fn console_lines(account_name: &str, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        field(
            "Console",
            format!(
                "{CUSTOMER_CONSOLE}  (account {account_name}, with the customer's own password)"
            ),
            theme,
        ),
        Line::from(Span::styled(
            "Single sign-on into the customer's console (SAML) is in the web partner center; a terminal cannot open it.",
            theme.dim(),
        )),
    ]
}
