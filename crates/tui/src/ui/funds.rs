//! The Funds overlays: the dedicated remittance account (`:recharge`) and the payment
//! agreements (`:agreements`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::{boxed, key_of};
use crate::app::State;
use crate::app::keymap::Action;
use pc_api::partner_center::AGREEMENT_VALID;
use pc_core::format;

pub fn render_recharge(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = match &state.recharge {
        None => vec![Line::raw(t!("pane.loading"))],
        Some(Err(e)) => vec![Line::from(Span::styled(
            t!("funds.cannot_read_account", error = e),
            theme.error(),
        ))],
        Some(Ok(a)) => vec![
            Line::from(vec![
                Span::styled(format::pad(t!("funds.account_name"), 14), theme.header()),
                Span::raw(a.account_name.clone()),
            ]),
            Line::from(vec![
                Span::styled(format::pad(t!("funds.bank"), 14), theme.header()),
                Span::raw(a.bank_name.clone()),
            ]),
            Line::from(vec![
                Span::styled(format::pad(t!("funds.account_no"), 14), theme.header()),
                Span::raw(a.account_number.clone()),
            ]),
            Line::from(vec![
                Span::styled(format::pad(t!("funds.currency"), 14), theme.header()),
                Span::raw(a.currency.clone()),
            ]),
            Line::raw(""),
            Line::raw(a.remark.clone()),
        ],
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        t!(
            "funds.recharge_keys",
            send = key_of(state, Action::SendAccount),
            save = key_of(state, Action::SaveProof)
        ),
        theme.dim(),
    )));
    boxed(frame, area, t!("funds.recharge_title"), lines, theme);
}

pub fn render_agreements(state: &State, at: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let off = state.session.utc_offset_secs;
    let mut lines = match &state.agreements {
        None => vec![Line::raw(t!("pane.loading"))],
        Some(Err(e)) => vec![Line::from(Span::styled(
            t!("funds.cannot_read_agreements", error = e),
            theme.error(),
        ))],
        Some(Ok(rows)) if rows.is_empty() => {
            vec![Line::raw(t!(
                "funds.no_agreement",
                add = key_of(state, Action::AddAgreement)
            ))]
        }
        Some(Ok(rows)) => rows
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mark = if i == at { "▶ " } else { "  " };
                let state_text = if a.status == AGREEMENT_VALID {
                    t!("funds.agreement_valid").to_string()
                } else {
                    t!(
                        "funds.agreement_voided",
                        date = a
                            .voided_at
                            .as_deref()
                            .map(|t| format::date(t, off))
                            .unwrap_or_default()
                    )
                };
                let text = format!(
                    "{mark}{}  {}  {}  {state_text}",
                    a.agreement_id,
                    a.name,
                    t!(
                        "funds.agreement_signed",
                        date = format::date(&a.signed_at, off)
                    )
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
        t!(
            "funds.agreements_keys",
            down = key_of(state, Action::Down),
            up = key_of(state, Action::Up),
            void = key_of(state, Action::VoidAgreement),
            add = key_of(state, Action::AddAgreement)
        ),
        theme.dim(),
    )));
    boxed(frame, area, t!("funds.agreements_title"), lines, theme);
}

pub fn render_profile(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format::pad(label, 14), theme.header()),
            Span::raw(value),
        ])
    };
    let mut lines = match &state.profile {
        None => vec![Line::raw(t!("pane.loading"))],
        Some(Err(e)) => vec![Line::from(Span::styled(
            t!("funds.cannot_read_profile", error = e),
            theme.error(),
        ))],
        Some(Ok(p)) => vec![
            field(t!("profile.name"), p.name.clone()),
            field(t!("profile.account"), p.account_name.clone()),
            field(
                t!("profile.type"),
                super::role(&p.partner_type.replace('_', " ")).to_string(),
            ),
            field(
                t!("profile.phone"),
                p.phone.clone().unwrap_or_else(|| "—".into()),
            ),
            field(
                t!("profile.email"),
                p.email.clone().unwrap_or_else(|| "—".into()),
            ),
            field(
                t!("profile.contracted"),
                match (&p.contracting_entity, p.remittance_account) {
                    (Some(e), true) => t!("profile.contracted_remittance", entity = e),
                    (Some(e), false) => t!("profile.contracted_channel", entity = e),
                    (None, _) => "—".into(),
                },
            ),
            field(
                t!("profile.verification"),
                if p.verification_enabled {
                    t!("profile.verification_on").into()
                } else {
                    t!("profile.verification_off").into()
                },
            ),
        ],
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        t!(
            "profile.keys",
            toggle = key_of(state, Action::ToggleCodes),
            phone = key_of(state, Action::ChangePhone),
            email = key_of(state, Action::ChangeEmail),
            password = key_of(state, Action::ChangePassword)
        ),
        theme.dim(),
    )));
    boxed(frame, area, t!("profile.title"), lines, theme);
}
