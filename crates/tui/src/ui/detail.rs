//! The detail view of the selected row: an order's line items and amounts, a customer,
//! a contract's payment plans, a reseller's balances and transfers, a service's
//! resource and usage types.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, Wrap};

use super::columns;
use super::theme::Theme;
use super::widgets::{frame_block, notice};
use crate::app::{Detail, DetailData, State};
use pc_core::format;

/// A table under the fields: header, widths, rows.
type DetailTable<'a> = (Vec<&'a str>, Vec<Constraint>, Vec<Vec<String>>);

fn field<'a>(label: &str, value: String, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format::pad(label, 18), theme.header()),
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
            return notice(frame, inner, t!("pane.loading"), theme, false);
        }
        Detail::Failed { title, error } => {
            let block = frame_block(format!(" {title} "), theme);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            return notice(
                frame,
                inner,
                &t!("detail.load_failed", error = error),
                theme,
                true,
            );
        }
        Detail::Ready(data) => data.as_ref(),
    };
    if let DetailData::Spending(s) = data {
        return spending(state, s, theme, frame, area);
    }
    let (title, fields, table): (String, Vec<Line>, Option<DetailTable>) = match data {
        DetailData::Order(d, refunds) => {
            let o = &d.order_info;
            let info = o.amount_info.clone().unwrap_or_default();
            let mut fields = vec![
                field(
                    t!("detail.customer"),
                    format!(
                        "{} ({})",
                        state
                            .names
                            .get(&o.customer_id)
                            .or(o.user_name.as_deref())
                            .unwrap_or_default(),
                        o.customer_id
                    ),
                    theme,
                ),
                field(t!("detail.service"), o.service_type_name.clone(), theme),
                field(
                    t!("detail.type_status"),
                    format!(
                        "{} / {}",
                        format::order_type(o.order_type),
                        format::order_status(o.status)
                    ),
                    theme,
                ),
                field(
                    t!("detail.created"),
                    format::time(&o.create_time, off),
                    theme,
                ),
                field(
                    t!("detail.list_price"),
                    format!("¥{}", format::money(o.official_amount)),
                    theme,
                ),
            ];
            for d in &info.discounts {
                fields.push(field(
                    &format::discount(&d.discount_type),
                    format!("−¥{}", format::money(d.discount_amount)),
                    theme,
                ));
            }
            fields.push(field(
                t!("detail.amount_due"),
                format!("¥{}", format::money(o.amount_after_discount)),
                theme,
            ));
            if let Some(end) = &o.pending_payment_end_time {
                fields.push(field(
                    t!("detail.pay_before"),
                    format::time(end, off),
                    theme,
                ));
            }
            // An unsubscription: what comes back, and what is kept, of which order.
            for r in refunds {
                let (label, amount) = if r.amount.is_sign_negative() {
                    (t!("detail.refunded"), -r.amount)
                } else {
                    (t!("detail.refund_fee"), r.amount)
                };
                fields.push(field(
                    label,
                    t!(
                        "detail.refund_line",
                        amount = format::money(amount),
                        service = r.service_type_name,
                        order = r.base_order_id
                    ),
                    theme,
                ));
            }
            let rows = d
                .order_line_items
                .iter()
                .map(|l| {
                    vec![
                        l.product_spec_desc.clone(),
                        l.period_num
                            .map_or("—".into(), |n| t!("detail.months", n = n)),
                        l.subscription_num.to_string(),
                        format::money(l.official_amount),
                        format::money(l.amount_after_discount),
                    ]
                })
                .collect();
            (
                t!("detail.order_title", id = o.order_id),
                fields,
                Some((
                    vec![
                        t!("detail.product"),
                        t!("detail.period"),
                        t!("detail.qty"),
                        t!("detail.list"),
                        t!("column.amount"),
                    ],
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
        DetailData::Customer(c, balance, on_demand) => {
            let mut fields = vec![
                field(t!("detail.account"), c.account_name.clone(), theme),
                field(
                    t!("detail.name"),
                    c.customer.clone().unwrap_or_default(),
                    theme,
                ),
                field(
                    t!("detail.association"),
                    format::association(c.association_type.as_deref()).into(),
                    theme,
                ),
                field(
                    t!("detail.phone"),
                    format::mask_phone(c.telephone.as_deref()),
                    theme,
                ),
                field(
                    t!("detail.email"),
                    c.email.clone().unwrap_or_else(|| "—".into()),
                    theme,
                ),
                field(
                    t!("detail.realname"),
                    match crate::app::realname::opinion(state, &c.customer_id) {
                        Some(o) if c.verified_status.as_deref() == Some("1") => {
                            t!("detail.rejected_because", opinion = o)
                        }
                        _ => format::verified(c.verified_status.as_deref()).into(),
                    },
                    theme,
                ),
                field(
                    t!("detail.level"),
                    c.customer_level.clone().unwrap_or_default(),
                    theme,
                ),
                field(t!("detail.customer_id"), c.customer_id.clone(), theme),
            ];
            match balance {
                Some(b) => fields.push(field(
                    t!("detail.balance"),
                    t!(
                        "detail.balance_debt",
                        amount = format::money(b.amount),
                        debt = format::money(b.debt_amount)
                    ),
                    theme,
                )),
                None => fields.push(field(
                    t!("detail.balance"),
                    t!("detail.referral_tops_up").into(),
                    theme,
                )),
            }
            if let Some(r) = state.pending_switch(&c.customer_id) {
                fields.push(field(
                    t!("detail.switch"),
                    t!(
                        "detail.switch_pending",
                        to = format::association(Some(&r.to_type)),
                        date = format::date(&r.requested_at, state.session.utc_offset_secs),
                        id = if r.switch_id.is_empty() {
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
                    t!("detail.no_phone"),
                    theme.warning(),
                )));
            }
            fields.extend(console_lines(&c.account_name, theme));
            if !matches!(c.verified_status.as_deref(), Some("0" | "2")) {
                fields.push(Line::from(Span::styled(
                    t!("detail.realname_hint"),
                    theme.dim(),
                )));
            }
            // Its pay-per-use resources: the table, or why the API would not say (a
            // partner it does not serve is told nothing).
            let table = match on_demand {
                Ok((resources, total)) => {
                    fields.push(field(
                        t!("detail.on_demand"),
                        match *total {
                            t if t > resources.len() as i64 => {
                                t!("detail.on_demand_some", shown = resources.len(), total = t)
                            }
                            1 => t!("detail.on_demand_one").into(),
                            t => t!("detail.on_demand_count", count = t),
                        },
                        theme,
                    ));
                    let rows: Vec<Vec<String>> = resources
                        .iter()
                        .map(|r| {
                            vec![
                                r.resource_id.clone(),
                                r.service_type_name.clone(),
                                r.region_code.clone(),
                                format::on_demand_status(r.status).into(),
                                format::date(&r.effective_time, off),
                            ]
                        })
                        .collect();
                    (!rows.is_empty()).then(|| {
                        (
                            vec![
                                t!("column.resource"),
                                t!("column.service"),
                                t!("column.region"),
                                t!("column.status"),
                                t!("column.since"),
                            ],
                            vec![
                                Constraint::Length(36),
                                Constraint::Fill(1),
                                Constraint::Length(12),
                                Constraint::Length(9),
                                Constraint::Length(10),
                            ],
                            rows,
                        )
                    })
                }
                Err(_) if state.may_not_renew() => None,
                Err(e) => {
                    fields.push(field(t!("detail.on_demand"), e.clone(), theme));
                    None
                }
            };
            (
                t!("detail.customer_title", account = c.account_name),
                fields,
                table,
            )
        }
        DetailData::Contract(d) => {
            let k = &d.contract;
            let fields = vec![
                field(t!("detail.name"), k.contract_name.clone(), theme),
                field(t!("detail.customer"), k.customer_name.clone(), theme),
                field(
                    t!("detail.term"),
                    format!(
                        "{} → {}",
                        format::date(&k.effective_time, off),
                        format::date(&k.expire_time, off)
                    ),
                    theme,
                ),
                field(
                    t!("detail.total_paid"),
                    format!(
                        "¥{} / ¥{}",
                        format::money(k.total_amount),
                        format::money(k.paid_amount)
                    ),
                    theme,
                ),
                field(
                    t!("detail.status"),
                    format::contract_status(&k.status).into_owned(),
                    theme,
                ),
            ];
            let rows = d
                .payment_plans
                .iter()
                .map(|p| {
                    vec![
                        p.installment.to_string(),
                        format::date(&p.due_date, off),
                        format::money(p.amount),
                        format::contract_status(&p.status).into_owned(),
                        p.paid_time
                            .as_deref()
                            .map(|t| format::date(t, off))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            (
                t!("detail.contract_title", id = k.contract_id),
                fields,
                Some((
                    vec![
                        "#",
                        t!("detail.due"),
                        t!("column.amount"),
                        t!("column.status"),
                        t!("detail.paid_on"),
                    ],
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
        DetailData::Reseller(r, balances, records, quotas) => {
            let mut fields = vec![
                field(
                    t!("detail.account"),
                    r.account_name.clone().unwrap_or_default(),
                    theme,
                ),
                field(
                    t!("detail.phone"),
                    format::mask_phone(r.mobile_phone.as_deref()),
                    theme,
                ),
                field(
                    t!("detail.manager"),
                    r.account_manager_name.clone().unwrap_or_default(),
                    theme,
                ),
            ];
            for b in balances.iter().filter(|b| b.account_type == 1) {
                fields.push(field(
                    t!("detail.balance"),
                    format!("¥{}", format::money(b.amount)),
                    theme,
                ));
            }
            // The quotas it was given: what is left of the open ones, and the way to act.
            let open: Vec<_> = quotas.iter().filter(|q| q.quota_status == 0).collect();
            let left: rust_decimal::Decimal = open.iter().map(|q| q.balance).sum();
            let given: rust_decimal::Decimal = open.iter().map(|q| q.quota_value).sum();
            fields.push(field(
                t!("detail.coupon_quotas"),
                if open.is_empty() {
                    t!("detail.no_quotas").to_string()
                } else {
                    t!(
                        "detail.quotas_left",
                        left = format::money(left),
                        given = format::money(given),
                        count = open.len(),
                        until = open
                            .iter()
                            .map(|q| format::date(&q.expire_time, off))
                            .min()
                            .unwrap_or_default()
                    )
                },
                theme,
            ));
            fields.push(Line::from(Span::styled(
                t!("detail.quota_hint"),
                theme.dim(),
            )));
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
                t!(
                    "detail.reseller_title",
                    name = r.name.clone().unwrap_or_default()
                ),
                fields,
                Some((
                    vec![
                        t!("column.time"),
                        t!("column.operation"),
                        t!("column.amount"),
                        t!("column.transaction"),
                    ],
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
        DetailData::Coupon(k, records) => {
            let when = |t: &Option<String>| {
                t.as_deref()
                    .map(|t| format::date(t, off))
                    .unwrap_or_else(|| "—".into())
            };
            // The quota it came from: its issuing record says.
            let quota = records
                .iter()
                .find(|r| r.operation_type == "1")
                .map(|r| r.quota_id.clone())
                .unwrap_or_else(|| "—".into());
            let mut fields = vec![
                field(
                    t!("column.customer"),
                    state.names.or_short(&k.customer_id),
                    theme,
                ),
                field(
                    t!("column.type"),
                    format::coupon_type(k.coupon_type).into(),
                    theme,
                ),
                field(t!("column.face_value"), format::money(k.face_value), theme),
                field(t!("column.left"), format::money(k.balance), theme),
                field(
                    t!("column.status"),
                    format::coupon_status(k.status).into(),
                    theme,
                ),
                field(
                    t!("detail.valid"),
                    format!("{} → {}", when(&k.effective_time), when(&k.expire_time)),
                    theme,
                ),
                field(t!("detail.quota_from"), quota, theme),
            ];
            if let Some(order) = k.order_id.as_deref().filter(|o| !o.is_empty()) {
                fields.push(field(t!("detail.used_for"), order.to_string(), theme));
            }
            let rows = records
                .iter()
                .map(|r| {
                    vec![
                        format::time(&r.operation_time, off),
                        format::coupon_operation(&r.operation_type).into(),
                        format::money(r.operation_amount),
                        if r.result == "0" {
                            t!("history_outcome.applied").to_string()
                        } else {
                            t!("history_outcome.failed").to_string()
                        },
                    ]
                })
                .collect();
            (
                t!("detail.coupon_title", id = k.coupon_id),
                fields,
                Some((
                    vec![
                        t!("column.time"),
                        t!("column.operation"),
                        t!("column.amount"),
                        t!("column.outcome"),
                    ],
                    vec![
                        Constraint::Length(16),
                        Constraint::Length(24),
                        Constraint::Length(14),
                        Constraint::Fill(1),
                    ],
                    rows,
                )),
            )
        }
        DetailData::Spending(_) => unreachable!("drawn by `spending`"),
        DetailData::Service(s, resources, units) => {
            let units: Vec<String> = units
                .iter()
                .map(|u| format!("{} {}", u.measure_id, u.measure_name))
                .collect();
            let fields = vec![
                field(t!("detail.code"), s.service_type_code.clone(), theme),
                field(
                    t!("detail.abbreviation"),
                    s.abbreviation.clone().unwrap_or_default(),
                    theme,
                ),
                field(t!("detail.measure_units"), units.join(" · "), theme),
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
                t!("detail.service_title", name = s.service_type_name),
                fields,
                Some((
                    vec![
                        t!("detail.resource_type"),
                        t!("column.code"),
                        t!("detail.usage_types"),
                    ],
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
    // The fields as they wrap at this width, then a blank line.
    let fields = Paragraph::new(fields).wrap(Wrap { trim: true });
    let height = u16::try_from(fields.line_count(inner.width)).unwrap_or(u16::MAX);
    let [top, bottom] = Layout::vertical([
        Constraint::Length(height.saturating_add(1)),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(fields, top);
    if let Some((header, widths, rows)) = table {
        // Each column's width as the table lays it out, so that a cut ends in `…`.
        let widths: Vec<u16> = Layout::horizontal(widths)
            .spacing(1)
            .split(Rect {
                height: 1,
                ..bottom
            })
            .iter()
            .map(|r| r.width)
            .collect();
        let cut = |row: Vec<String>| -> Row<'static> {
            Row::new(
                row.iter()
                    .zip(&widths)
                    .map(|(text, w)| Cell::from(columns::cell(text, *w).into_owned())),
            )
        };
        let header = header.into_iter().map(String::from).collect();
        let total = rows.len();
        let visible = bottom.height.saturating_sub(1) as usize;
        let first = state.detail_scroll.min(total.saturating_sub(1));
        let rows: Vec<Row> = rows
            .into_iter()
            .skip(first)
            .take(visible.max(1))
            .map(cut)
            .collect();
        if total > visible {
            let last = (first + visible).min(total);
            let note = t!("detail.rows", first = first + 1, last = last, total = total);
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
        let constraints = widths.iter().map(|w| Constraint::Length(*w));
        frame.render_widget(
            Table::new(rows, constraints).header(cut(header).style(theme.header())),
            bottom,
        );
    }
}

/// Yuan in a few columns: `980`, `12k`, `3.4M`.
fn short_yuan(v: u64) -> String {
    match v {
        0..=9_999 => v.to_string(),
        10_000..=999_999 => format!("{}k", v / 1_000),
        _ => format!("{:.1}M", v as f64 / 1_000_000.0),
    }
}

/// A customer's month: the total, what each service cost, the last twelve months as
/// bars (a trend seen, not read), and the bill's lines below.
fn spending(
    state: &State,
    s: &pc_core::spending::Spending,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    use ratatui::widgets::{Bar, BarChart, BarGroup};
    let off = state.session.utc_offset_secs;
    let m = &s.month;
    let title = format!(
        " {} · {} ",
        t!("spending.title", name = s.name, month = m.cycle),
        t!("spending.month_hint")
    );
    let block = frame_block(title, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // The month, by service (as many as fit beside the bars).
    let mut left: Vec<Line> = vec![
        Line::from(Span::styled(
            t!("spending.total", total = format::money(m.total)),
            theme.header(),
        )),
        Line::from(Span::styled(t!("spending.by_service"), theme.dim())),
    ];
    let room = 7usize;
    for (service, amount) in m.by_service.iter().take(room) {
        left.push(Line::from(vec![
            Span::raw(format::pad(&format::clip(service, 18), 19)),
            Span::raw(format!("{:>14}", format::money(*amount))),
        ]));
    }
    let top_height = 10u16.min(inner.height.saturating_sub(4));
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(0)]).areas(inner);
    let [text, chart] = Layout::horizontal([Constraint::Length(35), Constraint::Min(0)]).areas(top);
    frame.render_widget(Paragraph::new(left), text);
    // Twelve bars, the month asked for last.
    let bars: Vec<Bar> = s
        .trend
        .iter()
        .map(|(cycle, total)| {
            let yuan = (*total).max(rust_decimal::Decimal::ZERO).round();
            let v: u64 = yuan.try_into().unwrap_or(0);
            Bar::default()
                .value(v)
                .text_value(short_yuan(v))
                .label(Line::from(cycle.get(5..).unwrap_or(cycle).to_string()))
        })
        .collect();
    // As wide as the room allows; where even one column each does not fit, the
    // oldest months give way (the month asked for is always shown).
    let fits = (chart.width as usize / 2).max(1);
    let bars: Vec<Bar> = bars.into_iter().rev().take(fits).rev().collect();
    let n = bars.len().max(1) as u16;
    let width = (chart.width.saturating_sub(n) / n).clamp(1, 6);
    frame.render_widget(
        BarChart::default()
            .block(
                ratatui::widgets::Block::default()
                    .title(Span::styled(t!("spending.trend"), theme.dim())),
            )
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(theme.header())
            .value_style(theme.selected()),
        chart,
    );
    // The lines of the bill, scrolled by the movement keys.
    if m.lines.is_empty() {
        return notice(
            frame,
            bottom,
            &t!("spending.no_lines", month = m.cycle),
            theme,
            false,
        );
    }
    use super::columns::Col;
    let cols = [
        Col::whole(t!("column.time"), 16, 2),
        Col::text(t!("column.service"), 18, 3),
        Col::text(t!("column.type"), 18, 4),
        Col::whole(t!("column.amount"), 12, 1),
        Col::fill(t!("column.resource"), 14, 5),
    ];
    let visible = bottom.height.saturating_sub(2) as usize;
    let first = state.detail_scroll.min(m.lines.len().saturating_sub(1));
    let texts: Vec<Vec<String>> = m
        .lines
        .iter()
        .skip(first)
        .take(visible.max(1))
        .map(|l| {
            let kind = match (l.charging_mode, l.bill_detail_type) {
                (_, 5) => t!("spending.detail_usage"),
                (_, 2) => t!("spending.detail_renewal"),
                _ => t!("spending.detail_new"),
            };
            let mode = if l.charging_mode == 3 {
                t!("spending.mode_on_demand")
            } else {
                t!("spending.mode_yearly")
            };
            let what = if l.resource_name.is_empty() {
                l.trade_id.clone()
            } else {
                l.resource_name.clone()
            };
            vec![
                format::time(&l.trade_time, off),
                l.service_type_name.clone(),
                format!("{kind} · {mode}"),
                format!("{:>12}", format::money(l.payment_amount)),
                what,
            ]
        })
        .collect();
    let widths = columns::fit(&cols, &columns::longest(&texts, cols.len()), bottom.width);
    let shown = |row: Vec<String>| -> Row<'static> {
        Row::new(
            row.iter()
                .zip(&widths)
                .filter(|(_, w)| **w > 0)
                .map(|(text, w)| Cell::from(columns::cell(text, *w).into_owned()))
                .collect::<Vec<_>>(),
        )
    };
    let header = shown(cols.iter().map(|c| c.head.to_string()).collect()).style(theme.header());
    let rows: Vec<Row> = texts.into_iter().map(shown).collect();
    let constraints: Vec<Constraint> = widths
        .iter()
        .filter(|w| **w > 0)
        .map(|w| Constraint::Length(*w))
        .collect();
    let [caption, table] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(bottom);
    frame.render_widget(
        Paragraph::new(Span::styled(
            t!(
                "spending.lines",
                shown = m.lines.len(),
                count = m.line_count
            ),
            theme.dim(),
        )),
        caption,
    );
    frame.render_widget(Table::new(rows, constraints).header(header), table);
}

/// Where the customer's own console is; the web partner center signs the partner into
/// it (SAML single sign-on), which a terminal cannot.
pub const CUSTOMER_CONSOLE: &str = "https://console.huaweicloud.com/console/";

/// The customer's console link, and where single sign-on into it happens.
pub fn console_lines(account_name: &str, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        field(
            t!("detail.console"),
            t!(
                "detail.console_link",
                url = CUSTOMER_CONSOLE,
                account = account_name
            ),
            theme,
        ),
        Line::from(Span::styled(t!("detail.console_sso"), theme.dim())),
    ]
}
