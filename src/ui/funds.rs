//! The Funds overlays: the dedicated remittance account (`:recharge`) and the payment
//! agreements (`:agreements`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::theme::Theme;
use super::{centered, format};
use crate::api::partner_center::AGREEMENT_VALID;
use crate::app::State;

pub(crate) fn boxed(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    // Tall enough for the wrapped lines.
    let width = area.width.saturating_sub(4).min(84);
    let inner = width.saturating_sub(2).max(1) as usize;
    let height: u16 = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner) as u16)
        .sum::<u16>()
        + 2;
    let rect = centered(area, width, height);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            theme
                .block()
                .title(Span::styled(format!(" {title} "), theme.title())),
        ),
        rect,
    );
}

pub fn render_recharge(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = match &state.recharge {
        None => vec![Line::raw("Loading…")],
        Some(Err(e)) => vec![Line::from(Span::styled(
            format!("Cannot read the account: {e}"),
            theme.error(),
        ))],
        Some(Ok(a)) => vec![
            Line::from(vec![
                Span::styled("Account name  ", theme.header()),
                Span::raw(a.account_name.clone()),
            ]),
            Line::from(vec![
                Span::styled("Bank          ", theme.header()),
                Span::raw(a.bank_name.clone()),
            ]),
            Line::from(vec![
                Span::styled("Account no.   ", theme.header()),
                Span::raw(a.account_number.clone()),
            ]),
            Line::from(vec![
                Span::styled("Currency      ", theme.header()),
                Span::raw(a.currency.clone()),
            ]),
            Line::raw(""),
            Line::raw(a.remark.clone()),
        ],
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "s send it to my phone by SMS · d download the proof file · any other key closes",
        theme.dim(),
    )));
    boxed(
        frame,
        area,
        "Recharge — your dedicated remittance account",
        lines,
        theme,
    );
}

pub fn render_agreements(state: &State, at: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    let mut lines = match &state.agreements {
        None => vec![Line::raw("Loading…")],
        Some(Err(e)) => vec![Line::from(Span::styled(
            format!("Cannot read the agreements: {e}"),
            theme.error(),
        ))],
        Some(Ok(rows)) if rows.is_empty() => {
            vec![Line::raw("No payment agreement yet: n adds one.")]
        }
        Some(Ok(rows)) => rows
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mark = if i == at { "▶ " } else { "  " };
                let state_text = if a.status == AGREEMENT_VALID {
                    "valid".to_string()
                } else {
                    format!(
                        "voided {}",
                        a.voided_at
                            .as_deref()
                            .map(|t| format::date(t, off))
                            .unwrap_or_default()
                    )
                };
                let text = format!(
                    "{mark}{}  {}  signed {}  {state_text}",
                    a.agreement_id,
                    a.name,
                    format::date(&a.signed_at, off)
                );
                if i == at {
                    Line::from(Span::styled(text, theme.selected()))
                } else {
                    Line::raw(text)
                }
            })
            .collect(),
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "j/k move · v void the selected · n add a new one (only when none is valid) · any other key closes",
        theme.dim(),
    )));
    boxed(frame, area, "Payment agreements (代付协议)", lines, theme);
}

pub fn render_profile(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<14}"), theme.header()),
            Span::raw(value),
        ])
    };
    let mut lines = match &state.profile {
        None => vec![Line::raw("Loading…")],
        Some(Err(e)) => vec![Line::from(Span::styled(
            format!("Cannot read the profile: {e}"),
            theme.error(),
        ))],
        Some(Ok(p)) => vec![
            field("Name", p.name.clone()),
            field("Account", p.account_name.clone()),
            field("Type", p.partner_type.replace('_', " ")),
            field("Phone", p.phone.clone().unwrap_or_else(|| "—".into())),
            field("E-mail", p.email.clone().unwrap_or_else(|| "—".into())),
            field(
                "Contracted",
                match (&p.contracting_entity, p.remittance_account) {
                    (Some(e), true) => format!("{e} (dedicated remittance account: :recharge)"),
                    (Some(e), false) => {
                        format!("{e} (recharge through your local Huawei channel manager)")
                    }
                    (None, _) => "—".into(),
                },
            ),
            field(
                "Verification",
                if p.verification_enabled {
                    "on: payments, transfers and price changes need a code".into()
                } else {
                    "off: operations ask for confirmation only".into()
                },
            ),
        ],
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "v turn verification on/off · p phone · m e-mail · w password (each needs a code) · any other key closes",
        theme.dim(),
    )));
    boxed(frame, area, "Profile", lines, theme);
}
