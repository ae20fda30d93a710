//! The new-customer form: each field with its availability, the no-phone warning, the
//! registration code once sent, and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::funds::boxed;
use super::theme::Theme;
use crate::app::create::{Check, CodeState, CustomerForm, Field};

fn check_text(check: Option<&Check>) -> Option<(String, bool)> {
    Some(match check? {
        Check::Empty => return None,
        Check::Invalid(why) => (format!("✗ {why}"), true),
        Check::Due(_) | Check::Checking(_) => ("… checking".into(), false),
        Check::Available => ("✓ available".into(), false),
        Check::Taken => ("✗ already used by another account".into(), true),
        Check::Failed(e) => (format!("? not checked: {e}"), false),
    })
}

pub fn render(form: &CustomerForm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    for field in form.fields() {
        let focused = form.focus == field;
        let value = form.input(field).value();
        let shown = match field {
            // A code is shown as dots, like the verification modal's.
            Field::Code => "•".repeat(value.chars().count()),
            _ => value.to_string(),
        };
        let cursor = if focused { theme.cursor() } else { "" };
        let placeholder = match field {
            Field::Xaccount if value.is_empty() => {
                format!("(default x-{})", form.value(Field::Name))
            }
            _ => String::new(),
        };
        let marker = if focused { "› " } else { "  " };
        let mut spans = vec![
            Span::styled(
                format!("{marker}{:<18}", field.label()),
                if focused { theme.key() } else { theme.header() },
            ),
            Span::raw(format!("{shown}{cursor}")),
            Span::styled(placeholder, theme.dim()),
        ];
        if let Some((text, bad)) = check_text(form.check(field)) {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(
                text,
                if bad { theme.error() } else { theme.dim() },
            ));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::raw(""));
    let phone = form.value(Field::Phone).trim();
    if phone.is_empty() {
        lines.push(Line::from(Span::styled(
            "⚠ No phone: the customer will receive no verification codes and no expiry reminders.",
            theme.error(),
        )));
    } else {
        match &form.code {
            CodeState::NotSent => lines.push(Line::raw(
                "Enter sends a registration code to this phone (SMS); then type it here.",
            )),
            CodeState::Sending { .. } => lines.push(Line::raw("Sending the registration code…")),
            CodeState::Sent { phone: to, .. } if to == phone => lines.push(Line::raw(format!(
                "Code sent by SMS to {}. Type it, then Enter creates the customer.",
                crate::api::mask_phone(to)
            ))),
            CodeState::Sent { .. } => lines.push(Line::raw(
                "The phone changed: Enter sends a code to the new number.",
            )),
        }
    }
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(
        "Tab/↑↓ move · Enter continue · Esc cancel",
        theme.dim(),
    )));
    boxed(frame, area, "New customer", lines, theme);
}
