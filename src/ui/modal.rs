//! The verification modal: one view per state of `app::modal::Modal`, centred over the
//! pane. Every state says in words what is happening and which keys do what.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::format::money;
use super::theme::Theme;
use crate::api::partner_center::Channel;
use crate::app::State;
use crate::app::modal::{CodeEntry, Draft, ExecOutcome, Modal, ProfileField};
use crate::app::ops::{Operation, Summary, explain};

fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}", s / 60, s % 60)
}

fn summary_lines<'a>(summary: &Summary, theme: &Theme, lines: &mut Vec<Line<'a>>) {
    for l in &summary.lines {
        lines.push(Line::raw(format!("  {l}")));
    }
    for p in &summary.problems {
        lines.push(Line::from(Span::styled(format!("✗ {p}"), theme.error())));
    }
}

fn hint<'a>(text: &str, theme: &Theme) -> Line<'a> {
    Line::from(Span::styled(text.to_string(), theme.dim()))
}

fn recipient(state: &State, channel: Channel) -> String {
    let v = state.verification.as_ref();
    match channel {
        Channel::Sms => format!(
            "SMS to {}",
            v.and_then(|v| v.phone.clone())
                .unwrap_or_else(|| "your registered phone".into())
        ),
        Channel::Email => format!(
            "e-mail to {}",
            v.and_then(|v| v.email.clone())
                .unwrap_or_else(|| "your registered e-mail".into())
        ),
    }
}

fn code_lines<'a>(state: &State, code: &CodeEntry, theme: &Theme, lines: &mut Vec<Line<'a>>) {
    let channel = match code.challenge.channel {
        Channel::Sms => "SMS",
        Channel::Email => "e-mail",
    };
    lines.push(Line::raw(format!(
        "Code sent by {channel} to {}.",
        code.challenge.masked_recipient
    )));
    // Codes never reach the screen (DESIGN §2): one dot per digit typed.
    let typed = code.input.value();
    let shown: String = typed
        .chars()
        .map(|_| '•')
        .chain(std::iter::repeat('_'))
        .take(6)
        .flat_map(|c| [c, ' '])
        .collect();
    lines.push(Line::from(vec![
        Span::raw("Code: "),
        Span::styled(shown, theme.key()),
    ]));
    let expires = (code.expires_at - state.now).num_seconds();
    let resend = (code.resend_at - state.now).num_seconds();
    let mut status = if expires > 0 {
        format!("expires in {}", countdown(expires))
    } else {
        "expired".into()
    };
    status.push_str(" · ");
    status.push_str(&match code.resending {
        Some(_) => "sending a new code…".into(),
        None if resend > 0 => format!("new code (r) in {}", countdown(resend)),
        None => "r: new code".into(),
    });
    status.push_str(&format!(" · {} attempts left", code.attempts_left.max(0)));
    lines.push(Line::from(Span::styled(status, theme.dim())));
    if let Some(e) = &code.error {
        lines.push(Line::from(Span::styled(e.clone(), theme.error())));
    }
}

/// What an entry shows of its input: a password as dots.
fn shown_input(draft: &Draft, value: &str) -> String {
    match draft {
        Draft::Profile {
            field: ProfileField::Password,
            ..
        } => "•".repeat(value.chars().count()),
        _ => value.to_string(),
    }
}

fn entry_lines<'a>(draft: &Draft, theme: &Theme, lines: &mut Vec<Line<'a>>) -> String {
    match draft {
        Draft::Switch(status) => {
            use crate::api::partner_center::other_association;
            use crate::mock::domain::associations::type_name;
            lines.push(Line::raw(format!(
                "From {} to {}.",
                type_name(&status.association_type),
                type_name(other_association(&status.association_type))
            )));
            lines.push(hint(
                "Notice: the customer is asked to accept in their account centre; until they do, nothing changes. A reseller-type customer's funds are managed by you; a referral customer pays Huawei directly.",
                theme,
            ));
            for p in crate::app::ops::switch_problems(status) {
                lines.push(Line::from(Span::styled(format!("✗ {p}"), theme.error())));
            }
            format!("Switch the association type of {}", status.account_name)
        }
        Draft::Profile { field, .. } => {
            let (title, rule) = match field {
                ProfileField::Phone => (
                    "Change your account's phone number",
                    "A mainland mobile number, 11 digits. A code confirms it's you.",
                ),
                ProfileField::Email => (
                    "Change your account's e-mail address",
                    "A code to your current phone or e-mail confirms it's you.",
                ),
                ProfileField::Password => (
                    "Change your account's password",
                    "8 to 32 characters of at least two kinds, not your account name.",
                ),
            };
            lines.push(hint(rule, theme));
            title.to_string()
        }
        Draft::Transfer {
            to,
            target_name,
            limit,
            ..
        } => {
            let title = crate::app::ops::transfer_title(*to, target_name);
            if let Some(l) = limit {
                lines.push(Line::raw(format!("Their balance: ¥{}", money(*l))));
            }
            lines.push(hint(
                "Amount in yuan, more than 0, at most 2 decimals.",
                theme,
            ));
            title
        }
        Draft::AdjustPrice { order_id, pricing } => {
            lines.push(Line::raw(format!(
                "Current unit price ¥{}  ·  {} × {} periods  ·  amount ¥{}",
                money(pricing.unit_price),
                pricing.quantity,
                pricing.periods,
                money(pricing.amount)
            )));
            lines.push(Line::raw(format!(
                "Allowed: floor ¥{}  ≤  new unit price  ≤  catalogue ¥{}",
                money(pricing.floor_unit_price),
                money(pricing.catalog_unit_price)
            )));
            format!("Adjust the price of {order_id}")
        }
    }
}

fn outcome_lines<'a>(outcome: &ExecOutcome, theme: &Theme, lines: &mut Vec<Line<'a>>) {
    match outcome {
        ExecOutcome::Applied(items) => {
            for i in items {
                if i.ok {
                    lines.push(Line::from(Span::styled(
                        format!("✓ {} — {}", i.subject, i.detail),
                        theme.ok(),
                    )));
                } else {
                    let (why, next) = explain(i.code.as_deref().unwrap_or(""));
                    lines.push(Line::from(Span::styled(
                        format!("✗ {} — {why}", i.subject),
                        theme.error(),
                    )));
                    lines.push(Line::raw(format!("    Next: {next}")));
                }
            }
        }
        ExecOutcome::Failed(f) => {
            let (why, next) = explain(f.code.as_deref().unwrap_or(""));
            lines.push(Line::from(Span::styled(format!("✗ {why}"), theme.error())));
            lines.push(Line::raw(format!(
                "  {}{}",
                f.code
                    .as_deref()
                    .map(|c| format!("{c}: "))
                    .unwrap_or_default(),
                f.message
            )));
            lines.push(Line::raw(format!("  Next: {next}")));
        }
        ExecOutcome::NotApplied => {
            lines.push(Line::from(Span::styled(
                "✗ The answer was lost, and the backend says the request never took effect.",
                theme.error(),
            )));
            lines.push(Line::raw(
                "  Nothing was changed. Start the operation again if it is still wanted.",
            ));
        }
        ExecOutcome::Unverifiable(why) => {
            lines.push(Line::from(Span::styled(
                "? The answer was lost, and this backend cannot say what became of the request.",
                theme.warning(),
            )));
            lines.push(Line::raw(format!("  {why}")));
        }
        ExecOutcome::Unknown(why) => {
            lines.push(Line::from(Span::styled(
                format!("? The answer was lost and the backend cannot be asked now ({why})."),
                theme.warning(),
            )));
            lines.push(Line::raw(
                "  The journal keeps it: the console asks again at the next start. Do not repeat it meanwhile.",
            ));
        }
    }
}

pub fn render(state: &State, modal: &Modal, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    let (title, footer): (String, &str) = match modal {
        Modal::Entry {
            draft,
            input,
            error,
        } => {
            let title = entry_lines(draft, theme, &mut lines);
            lines.push(Line::from(vec![
                Span::raw(match draft {
                    Draft::Switch(_) => "Reason ",
                    Draft::AdjustPrice { .. } => "New unit price ¥ ",
                    Draft::Transfer { .. } => "Amount ¥ ",
                    Draft::Profile { field, .. } => match field {
                        ProfileField::Phone => "New phone ",
                        ProfileField::Email => "New e-mail ",
                        ProfileField::Password => "New password ",
                    },
                }),
                Span::styled(
                    format!("{}{}", shown_input(draft, input.value()), theme.cursor()),
                    theme.key(),
                ),
            ]));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
            (title, "Enter continue · Esc cancel")
        }
        Modal::Loading { title, .. } => {
            lines.push(Line::raw("Loading what the operation needs…"));
            (title.clone(), "Esc cancel")
        }
        Modal::Confirm {
            op,
            summary,
            channel,
            error,
        } => {
            summary_lines(summary, theme, &mut lines);
            lines.push(Line::raw(""));
            let needs_code = crate::app::modal::needs_code(state, op);
            let footer = if !summary.problems.is_empty() {
                "Esc close — nothing was done"
            } else if needs_code {
                lines.push(Line::raw(format!(
                    "A verification code will be sent by {}.",
                    recipient(state, *channel)
                )));
                if matches!(op, Operation::PayOrders { .. }) {
                    "Enter send the code · Tab SMS/e-mail · m balance/credit · Esc cancel"
                } else {
                    "Enter send the code · Tab SMS/e-mail · Esc cancel"
                }
            } else {
                if op.scene().is_some() && state.partner_center != Some(false) {
                    lines.push(Line::raw(
                        "Verification codes are off for your account: Enter confirms.",
                    ));
                }
                if matches!(op, Operation::PayOrders { .. }) {
                    "Enter confirm · m balance/credit · Esc cancel"
                } else {
                    "Enter confirm · Esc cancel"
                }
            };
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
            (op.title(), footer)
        }
        Modal::CodeRequested {
            op,
            summary,
            channel,
            ..
        } => {
            summary_lines(summary, theme, &mut lines);
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!(
                "Sending a code by {}…",
                recipient(state, *channel)
            )));
            (op.title(), "Esc cancel")
        }
        Modal::AwaitingCode { op, summary, code } => {
            summary_lines(summary, theme, &mut lines);
            lines.push(Line::raw(""));
            code_lines(state, code, theme, &mut lines);
            (
                op.title(),
                "Enter confirm · r new code · Esc cancel (nothing is done)",
            )
        }
        Modal::Submitting { op, .. } => {
            lines.push(Line::raw("Sent. Waiting for the backend's answer…"));
            lines.push(hint(
                "If the answer is lost, the console asks the backend what happened; it never sends it twice.",
                theme,
            ));
            (op.title(), "please wait")
        }
        Modal::Done { op, outcome } => {
            outcome_lines(outcome, theme, &mut lines);
            // The web console offers single sign-on into the new customer's console
            // here; a terminal cannot, so it says where that happens.
            if let (
                crate::app::ops::Operation::CreateCustomer { account_name, .. },
                ExecOutcome::Applied(items),
            ) = (op, outcome)
                && items.iter().all(|i| i.ok)
            {
                lines.push(Line::raw(""));
                lines.extend(super::detail::console_lines(account_name, theme));
            }
            let footer = if matches!(outcome, ExecOutcome::Unknown(_)) {
                "c ask the backend again · Enter close"
            } else {
                "Enter close"
            };
            (op.title(), footer)
        }
    };
    lines.push(Line::raw(""));
    lines.push(hint(footer, theme));
    let width = area.width.saturating_sub(4).min(84);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let height: u16 = lines
        .iter()
        .map(|l| (l.width().max(1)).div_ceil(inner_width) as u16)
        .sum::<u16>()
        + 2;
    let rect = super::centered(area, width, height.min(area.height));
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
