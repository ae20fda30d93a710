//! The verification modal: one view per state of `app::modal::Modal`, centred over the
//! pane. Every state says in words what is happening and which keys do what.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::widgets::key_of;
use crate::app::State;
use crate::app::keymap::Action;
use crate::app::model::modal::{CodeEntry, Modal};
use pc_api::partner_center::Channel;
use pc_core::draft::{Draft, ProfileField};
use pc_core::format::money;
use pc_core::ops::{Operation, Summary, explain};
use pc_core::outcome::ExecOutcome;

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
        Channel::Sms => t!(
            "modal.by_sms",
            to = v
                .and_then(|v| v.phone.clone())
                .unwrap_or_else(|| t!("modal.registered_phone").into())
        ),
        Channel::Email => t!(
            "modal.by_email",
            to = v
                .and_then(|v| v.email.clone())
                .unwrap_or_else(|| t!("modal.registered_email").into())
        ),
    }
}

fn code_lines<'a>(state: &State, code: &CodeEntry, theme: &Theme, lines: &mut Vec<Line<'a>>) {
    let channel = match code.challenge.channel {
        Channel::Sms => t!("modal.channel_sms"),
        Channel::Email => t!("modal.channel_email"),
    };
    lines.push(Line::raw(t!(
        "modal.code_sent",
        channel = channel,
        to = code.challenge.masked_recipient
    )));
    // Codes never reach the screen (docs/design.md §2): one dot per digit typed.
    let typed = code.input.value();
    let shown: String = typed
        .chars()
        .map(|_| '•')
        .chain(std::iter::repeat('_'))
        .take(6)
        .flat_map(|c| [c, ' '])
        .collect();
    lines.push(Line::from(vec![
        Span::raw(t!("modal.code_label")),
        Span::styled(shown, theme.key()),
    ]));
    let expires = (code.expires_at - state.now).num_seconds();
    let resend = (code.resend_at - state.now).num_seconds();
    // Five wrong codes: this code is dead; no countdown, only the way out.
    if code.attempts_left <= 0 {
        let way_out = match code.resending {
            Some(_) => t!("modal.resending").to_string(),
            None if resend > 0 => t!(
                "modal.dead_resend_in",
                resend = key_of(state, Action::Resend),
                time = countdown(resend),
                cancel = key_of(state, Action::Cancel)
            ),
            None => t!(
                "modal.dead_resend_now",
                resend = key_of(state, Action::Resend),
                cancel = key_of(state, Action::Cancel)
            ),
        };
        lines.push(Line::from(Span::styled(
            t!("modal.code_dead_status"),
            theme.error(),
        )));
        lines.push(Line::raw(way_out));
        return;
    }
    let mut status = if expires > 0 {
        t!("modal.expires_in", time = countdown(expires))
    } else {
        t!("modal.expired").into()
    };
    status.push_str(" · ");
    status.push_str(&match code.resending {
        Some(_) => t!("modal.resending").into(),
        None if resend > 0 => t!(
            "modal.resend_in",
            resend = key_of(state, Action::Resend),
            time = countdown(resend)
        ),
        None => t!("modal.resend_now", resend = key_of(state, Action::Resend)),
    });
    status.push_str(" · ");
    status.push_str(&match code.attempts_left.max(0) {
        1 => t!("modal.attempt_left").to_string(),
        n => t!("modal.attempts_left", n = n),
    });
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
            use pc_api::partner_center::other_association;
            use pc_api::rules::type_name;
            lines.push(Line::raw(t!(
                "modal.switch_from_to",
                from = type_name(&status.association_type),
                to = type_name(other_association(&status.association_type))
            )));
            lines.push(hint(t!("modal.switch_notice"), theme));
            for p in pc_core::ops::switch_problems(status) {
                lines.push(Line::from(Span::styled(format!("✗ {p}"), theme.error())));
            }
            t!("modal.switch_title", account = status.account_name)
        }
        Draft::Profile { field, .. } => {
            let (title, rule) = match field {
                ProfileField::Phone => (t!("modal.phone_title"), t!("modal.phone_rule")),
                ProfileField::Email => (t!("modal.email_title"), t!("modal.email_rule")),
                ProfileField::Password => (t!("modal.password_title"), t!("modal.password_rule")),
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
            let title = pc_core::ops::transfer_title(*to, target_name);
            if let Some(l) = limit {
                lines.push(Line::raw(t!("modal.their_balance", amount = money(*l))));
            }
            lines.push(hint(t!("modal.amount_rule"), theme));
            title
        }
        Draft::AdjustPrice { order_id, pricing } => {
            lines.push(Line::raw(t!(
                "modal.price_current",
                unit_price = money(pricing.unit_price),
                quantity = pricing.quantity,
                periods = pricing.periods,
                amount = money(pricing.amount)
            )));
            lines.push(Line::raw(t!(
                "modal.price_allowed",
                floor = money(pricing.floor_unit_price),
                catalog = money(pricing.catalog_unit_price)
            )));
            t!("modal.price_title", order_id = order_id)
        }
    }
}

fn outcome_lines<'a>(outcome: &ExecOutcome, theme: &Theme, lines: &mut Vec<Line<'a>>) {
    match outcome {
        ExecOutcome::Applied(items) => {
            // A batch: one line for all of it first.
            if items.len() > 1 {
                let ok = items.iter().filter(|i| i.ok).count();
                lines.push(Line::from(Span::styled(
                    t!(
                        "modal.batch_result",
                        ok = ok,
                        count = items.len(),
                        failed = items.len() - ok
                    ),
                    if ok == items.len() {
                        theme.ok()
                    } else {
                        theme.warning()
                    },
                )));
            }
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
                    lines.push(Line::raw(format!("    {}", t!("modal.next", next = next))));
                }
            }
        }
        ExecOutcome::Failed(f) => {
            let (why, next) = match f.kind {
                // Nothing reached the backend: say what failed here.
                pc_core::outcome::FailureKind::Local => {
                    (t!("modal.local_failure"), t!("modal.local_failure_next"))
                }
                _ => explain(f.code.as_deref().unwrap_or("")),
            };
            lines.push(Line::from(Span::styled(format!("✗ {why}"), theme.error())));
            lines.push(Line::raw(format!(
                "  {}{}",
                f.code
                    .as_deref()
                    .map(|c| format!("{c}: "))
                    .unwrap_or_default(),
                f.message
            )));
            lines.push(Line::raw(format!("  {}", t!("modal.next", next = next))));
        }
        ExecOutcome::NotApplied => {
            lines.push(Line::from(Span::styled(
                format!("✗ {}", t!("modal.not_applied")),
                theme.error(),
            )));
            lines.push(Line::raw(format!("  {}", t!("modal.not_applied_next"))));
        }
        ExecOutcome::Unverifiable(why) => {
            lines.push(Line::from(Span::styled(
                format!("? {}", t!("modal.unverifiable")),
                theme.warning(),
            )));
            lines.push(Line::raw(format!("  {why}")));
        }
        ExecOutcome::Unknown(why) => {
            lines.push(Line::from(Span::styled(
                format!("? {}", t!("modal.unknown", why = why)),
                theme.warning(),
            )));
            lines.push(Line::raw(format!("  {}", t!("modal.unknown_next"))));
        }
    }
}

pub fn render(state: &State, modal: &Modal, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    let confirm = key_of(state, Action::Confirm);
    let cancel = key_of(state, Action::Cancel);
    let channel_key = key_of(state, Action::OtherChannel);
    let credit = key_of(state, Action::Credit);
    let (title, footer): (String, String) = match modal {
        Modal::Entry {
            draft,
            input,
            error,
            selected,
            first,
        } => {
            let title = entry_lines(draft, theme, &mut lines);
            lines.push(Line::from(vec![
                Span::raw(match draft {
                    Draft::Switch(_) => t!("modal.input_reason"),
                    Draft::AdjustPrice { .. } => t!("modal.input_unit_price"),
                    Draft::Transfer { .. } => t!("modal.input_amount"),
                    Draft::Profile { field, .. } => match field {
                        ProfileField::Phone => t!("modal.input_phone"),
                        ProfileField::Email => t!("modal.input_email"),
                        ProfileField::Password if first.is_some() => {
                            t!("modal.input_password_again")
                        }
                        ProfileField::Password => t!("modal.input_password"),
                    },
                }),
                Span::styled(
                    shown_input(draft, input.value()),
                    if *selected {
                        theme.selected()
                    } else {
                        theme.key()
                    },
                ),
                Span::styled(theme.cursor().to_string(), theme.key()),
            ]));
            if let Some(e) = error {
                lines.push(Line::from(Span::styled(e.clone(), theme.error())));
            }
            (
                title,
                t!("modal.footer_entry", confirm = confirm, cancel = cancel),
            )
        }
        Modal::Loading { title, .. } => {
            lines.push(Line::raw(t!("modal.loading")));
            (title.clone(), t!("modal.footer_cancel", cancel = cancel))
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
                t!("modal.footer_problems", cancel = cancel)
            } else if let Operation::ChangePhone {
                phone,
                confirmed: None,
            } = op
            {
                // The new phone's own code goes to it, by SMS only.
                lines.push(Line::raw(t!(
                    "modal.code_will_be_sent",
                    recipient = t!("modal.by_sms", to = pc_api::mask_phone(phone))
                )));
                t!(
                    "modal.footer_send_code_new_phone",
                    confirm = confirm,
                    cancel = cancel
                )
            } else if needs_code {
                lines.push(Line::raw(t!(
                    "modal.code_will_be_sent",
                    recipient = recipient(state, *channel)
                )));
                if matches!(op, Operation::PayOrders { .. }) {
                    t!(
                        "modal.footer_send_code_pay",
                        confirm = confirm,
                        other_channel = channel_key,
                        credit = credit,
                        cancel = cancel
                    )
                } else {
                    t!(
                        "modal.footer_send_code",
                        confirm = confirm,
                        other_channel = channel_key,
                        cancel = cancel
                    )
                }
            } else {
                if op.scene().is_some() && state.partner_center != Some(false) {
                    lines.push(Line::raw(t!("modal.codes_off")));
                }
                if matches!(op, Operation::PayOrders { .. }) {
                    t!(
                        "modal.footer_confirm_pay",
                        confirm = confirm,
                        credit = credit,
                        cancel = cancel
                    )
                } else {
                    t!("modal.footer_confirm", confirm = confirm, cancel = cancel)
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
            lines.push(Line::raw(t!(
                "modal.sending_code",
                recipient = recipient(state, *channel)
            )));
            (op.title(), t!("modal.footer_cancel", cancel = cancel))
        }
        Modal::AwaitingCode { op, summary, code } => {
            summary_lines(summary, theme, &mut lines);
            lines.push(Line::raw(""));
            code_lines(state, code, theme, &mut lines);
            (
                op.title(),
                t!(
                    "modal.footer_code",
                    confirm = confirm,
                    resend = key_of(state, Action::Resend),
                    cancel = cancel
                ),
            )
        }
        Modal::Submitting { op, .. } => {
            lines.push(Line::raw(t!("modal.submitting")));
            lines.push(hint(t!("modal.submitting_hint"), theme));
            (op.title(), t!("modal.footer_wait").to_string())
        }
        Modal::Done { op, outcome } => {
            outcome_lines(outcome, theme, &mut lines);
            // The web console offers single sign-on into the new customer's console
            // here; a terminal cannot, so it says where that happens.
            if let (
                pc_core::ops::Operation::CreateCustomer { account_name, .. },
                ExecOutcome::Applied(items),
            ) = (op, outcome)
                && items.iter().all(|i| i.ok)
            {
                lines.push(Line::raw(""));
                lines.extend(super::detail::console_lines(account_name, theme));
            }
            let footer = if matches!(outcome, ExecOutcome::Unknown(_)) {
                t!(
                    "modal.footer_ask_again",
                    ask_again = key_of(state, Action::AskAgain),
                    confirm = confirm
                )
            } else {
                t!("modal.footer_close", confirm = confirm)
            };
            (op.title(), footer)
        }
    };
    // In the demo, the messages the backend sent can be read over the modal.
    let footer = if state.inbox.is_empty() || matches!(modal, Modal::Entry { .. }) {
        footer
    } else {
        let inbox = t!("modal.footer_inbox", inbox = key_of(state, Action::Inbox));
        format!("{footer} · {inbox}")
    };
    lines.push(Line::raw(""));
    lines.push(hint(&footer, theme));
    super::widgets::boxed(frame, area, &title, lines, theme);
}
