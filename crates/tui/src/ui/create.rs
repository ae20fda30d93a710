//! The new-customer form: each field with its availability, the no-phone warning, the
//! registration code once sent, and the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::boxed;
use crate::app::model::code::CodeState;
use crate::app::model::customer::{Check, CustomerForm, Field};

fn check_text(check: Option<&Check>) -> Option<(String, bool)> {
    Some(match check? {
        Check::Empty => return None,
        Check::Invalid(why) => (format!("✗ {why}"), true),
        Check::Due(_) | Check::Checking(_) => (format!("… {}", t!("create.checking")), false),
        Check::Available => (format!("✓ {}", t!("create.available")), false),
        Check::Taken => (format!("✗ {}", t!("create.taken")), true),
        Check::Failed(e) => (format!("? {}", t!("create.not_checked", error = e)), false),
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
            Field::Type => {
                let kind =
                    pc_core::format::association(Some(if form.referral { "1" } else { "2" }));
                if focused {
                    format!("◀ {kind} ▶  {}", t!("create.type_hint"))
                } else {
                    kind.into_owned()
                }
            }
            _ => value.to_string(),
        };
        let cursor = if focused && field != Field::Type {
            theme.cursor()
        } else {
            ""
        };
        let placeholder = match field {
            Field::Xaccount if value.is_empty() => {
                t!("create.default_xaccount", name = form.value(Field::Name))
            }
            _ => String::new(),
        };
        let marker = if focused { "› " } else { "  " };
        let label = match field {
            Field::Code if form.intl => t!("create.field_code_email"),
            _ => field.label(),
        };
        let mut spans = vec![
            Span::styled(
                format!("{marker}{}", pc_core::format::pad(label, 18)),
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
    // Where the code goes: the phone, or on the international site the e-mail.
    let to = form.code_recipient();
    let (none, not_sent, changed): (&str, &str, &str) = if form.intl {
        (
            t!("create.no_email_intl"),
            t!("create.code_not_sent_email"),
            t!("create.email_changed"),
        )
    } else {
        (
            t!("create.no_phone"),
            t!("create.code_not_sent"),
            t!("create.phone_changed"),
        )
    };
    if to.is_empty() {
        lines.push(Line::from(Span::styled(format!("⚠ {none}"), theme.error())));
    } else {
        match &form.code {
            CodeState::NotSent => lines.push(Line::raw(not_sent)),
            CodeState::Sending { .. } => lines.push(Line::raw(t!("create.code_sending"))),
            CodeState::Sent { phone: sent_to, .. } if *sent_to == to => {
                lines.push(Line::raw(if form.intl {
                    t!("create.code_sent_email", to = pc_api::mask_email(sent_to))
                } else {
                    t!("create.code_sent", to = pc_api::mask_phone(sent_to))
                }));
            }
            CodeState::Sent { .. } => lines.push(Line::raw(changed)),
        }
    }
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
    // The API takes no company name: it comes with the real-name authentication.
    lines.push(Line::from(Span::styled(
        t!("create.name_later"),
        theme.dim(),
    )));
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(t!("create.keys"), theme.dim())));
    let title = match &form.reseller {
        Some(r) => t!("create.title_for", name = r.name),
        None => t!("create.title").to_string(),
    };
    boxed(frame, area, &title, lines, theme);
}
