//! The real-name authentication form: the method and document kind as selectors, each
//! field with what is wrong with it as typed, the bank card's code once sent, and the
//! keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::funds::boxed;
use super::theme::Theme;
use crate::app::create::CodeState;
use crate::app::realname::{Field, Method, RealnameForm};

pub fn render(form: &RealnameForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(vec![
            Span::styled("  Customer            ", theme.header()),
            Span::raw(form.customer_name.clone()),
        ]),
        Line::raw(""),
    ];
    for field in form.fields() {
        let focused = form.focus == field;
        let marker = if focused { "› " } else { "  " };
        let label = Span::styled(
            format!("{marker}{:<20}", form.label(field)),
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
            let cursor = if focused { theme.cursor() } else { "" };
            spans.push(Span::raw(format!("{shown}{cursor}")));
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
                CodeState::Sent { phone: to, .. } if to == phone => format!(
                    "Code sent by SMS to {}. Type it, then Enter submits: the bank decides at once.",
                    crate::api::mask_phone(to)
                ),
                CodeState::Sending { .. } => "Sending the code…".into(),
                CodeState::Sent { .. } => {
                    "The phone changed: Enter sends a code to the new number.".into()
                }
                CodeState::NotSent => "Enter sends a code to the phone reserved at the bank (SMS); the customer reads it to you.".into(),
            }
        }
        Method::Document => {
            "Enter submits for manual review; you are told when the decision arrives.".into()
        }
        Method::Enterprise => "Enter submits for manual review; images are the names of files already uploaded to Huawei Cloud.".into(),
    };
    lines.push(Line::raw(next));
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Tab/↑↓ move · ◀ ▶ or Space choose · Enter continue · Esc cancel",
        theme.dim(),
    )));
    boxed(frame, area, "Real-name authentication", lines, theme);
}
