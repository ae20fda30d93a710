//! The real-name authentication form: the method and document kind as selectors, each
//! field with what is wrong with it as typed, the bank card's code once sent, and the
//! keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::boxed;
use crate::app::model::code::CodeState;
use crate::app::model::realname::{Field, Method, RealnameForm};

pub fn render(form: &RealnameForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("  {}", pc_core::format::pad(t!("realname.customer"), 20)),
                theme.header(),
            ),
            Span::raw(form.customer_name.clone()),
        ]),
        Line::raw(""),
    ];
    if let Some(company) = form.person_for_company() {
        lines.insert(
            1,
            Line::from(Span::styled(
                format!("  ⚠ {}", t!("realname.company_hint", name = company)),
                theme.warning(),
            )),
        );
    }
    for field in form.fields() {
        let focused = form.focus == field;
        let marker = if focused { "› " } else { "  " };
        let label = Span::styled(
            format!("{marker}{}", pc_core::format::pad(form.label(field), 20)),
            if focused { theme.key() } else { theme.header() },
        );
        let mut spans = vec![label];
        if let Some(choice) = form.choice(field) {
            spans.push(Span::raw(if focused {
                format!("◀ {choice} ▶")
            } else {
                choice
            }));
        } else {
            let value = form.input(field).value();
            let shown = match field {
                Field::Code => "•".repeat(value.chars().count()),
                _ => value.to_string(),
            };
            if focused && form.filled == Some(field) {
                spans.push(Span::styled(shown, theme.selected()));
            } else {
                let cursor = if focused { theme.cursor() } else { "" };
                spans.push(Span::raw(format!("{shown}{cursor}")));
            }
            // Marked once typed: an empty required field is only named on Enter.
            if !value.trim().is_empty()
                && let Some(why) = form.problem(field)
            {
                spans.push(Span::raw("  "));
                spans.push(Span::styled(format!("✗ {why}"), theme.error()));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let next = match form.method {
        Method::BankCard => {
            let phone = form.value(Field::BankPhone).trim();
            match &form.code {
                CodeState::Sent { phone: to, .. } if to == phone => {
                    t!("realname.code_sent", to = pc_api::mask_phone(to))
                }
                CodeState::Sending { .. } => t!("realname.code_sending").into(),
                CodeState::Sent { .. } => t!("create.phone_changed").into(),
                CodeState::NotSent => t!("realname.code_not_sent").into(),
            }
        }
        Method::Document => t!("realname.document_next").into(),
        Method::Enterprise => t!("realname.enterprise_next").into(),
    };
    lines.push(Line::raw(next));
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(t!("realname.keys"), theme.dim())));
    boxed(frame, area, t!("realname.title"), lines, theme);
}
