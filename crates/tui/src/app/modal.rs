//! The verification modal, as a state machine (docs/style.md): an amount or price to enter,
//! the summary with balances before → after and any pre-flight problem, the code sent
//! by SMS or e-mail, its entry with countdowns and attempts, the request in flight, and
//! the result in place of the form. One match arm per transition; no I/O.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::keymap::{Action, Scope};
pub use super::model::modal::*;
use super::msg::Command;
use super::state::State;
use pc_api::error::codes;
use pc_api::partner_center::{
    Challenge, Channel, OrderPricing, Scene, TransferTarget, Verification,
};
pub use pc_core::draft::{Draft, ProfileField, draft_op};
use pc_core::ops::{Funds, Operation, Summary, explain, summarize};
pub use pc_core::outcome::{ExecOutcome, Failure, FailureKind, ItemResult, short};

/// Whether codes are needed: on unless the backend said it is off, and never on a
/// backend without a Partner Center (the public BSS API takes no code).
fn verification_on(state: &State) -> bool {
    state.partner_center != Some(false) && state.verification.as_ref().is_none_or(|v| v.enabled)
}

/// Whether confirming `op` will ask for a code.
pub fn needs_code(state: &State, op: &Operation) -> bool {
    code_scene(state, op).is_some()
}

/// The scene of the code confirming `op` asks for: its own while codes are on; a new
/// phone's own code whatever the setting.
fn code_scene(state: &State, op: &Operation) -> Option<Scene> {
    op.scene()
        .filter(|s| *s == Scene::ProfilePhoneNew || verification_on(state))
}

fn funds(state: &State) -> Option<Funds> {
    state.balances.as_deref().map(Funds::from)
}

/// Opens the summary of `op` (`limit`: a known ceiling for a recall).
pub fn confirm(state: &mut State, op: Operation, limit: Option<Decimal>) {
    let summary = summary_for(state, &op, limit);
    state.modal = Some(Modal::Confirm {
        op,
        summary,
        channel: Channel::Sms,
        error: None,
    });
    state.dirty = true;
}

/// Keeps an outcome the backend could not tell, to warn before the same operation is
/// confirmed again; the same operation applied since ends the warning.
pub fn note_unverifiable(
    state: &mut State,
    request_id: &str,
    op: &Operation,
    outcome: &ExecOutcome,
) {
    match outcome {
        ExecOutcome::Unverifiable(why) => {
            state
                .unverifiable
                .push((request_id.to_string(), op.clone(), why.clone()))
        }
        ExecOutcome::Applied(_) => state.unverifiable.retain(|(_, o, _)| !o.same_as(op)),
        _ => {}
    }
}

/// The summary of `op` with everything the console knows: balances, a recall's ceiling,
/// the backend, and earlier operations whose outcome is still unknown.
fn summary_for(state: &State, op: &Operation, limit: Option<Decimal>) -> Summary {
    let mut summary = summarize(op, funds(state), limit);
    pc_core::ops::check_times(op, state.now, state.session.utc_offset_secs, &mut summary);
    if let Some(why) = &state.session.journal_problem {
        summary
            .problems
            .push(t!("modal.journal_unwritable", why = why));
    }
    if state.partner_center == Some(false)
        && matches!(
            op,
            Operation::Transfer { .. } | Operation::GiveQuota { .. } | Operation::TakeQuota { .. }
        )
    {
        summary.lines.push(t!("modal.bss_transfer_no_code").into());
    }
    if let Some((id, earlier)) = state.unresolved.iter().find(|(_, o)| o.same_as(op)) {
        summary.problems.push(t!(
            "modal.earlier_unknown",
            title = earlier.title(),
            request = id.chars().take(8).collect::<String>()
        ));
    }
    // Not a problem: only the user can check, and may find it was not applied.
    if let Some((id, earlier, why)) = state
        .unverifiable
        .iter()
        .rev()
        .find(|(_, o, _)| o.same_as(op))
    {
        summary.lines.push(t!(
            "modal.earlier_unverifiable",
            title = earlier.title(),
            request = id.chars().take(8).collect::<String>(),
            why = why
        ));
    }
    // What the backend said of the customer's association, before a code is spent.
    if let (Operation::SwitchAssociation { customer_id, .. }, Some(status)) =
        (op, &state.association)
        && status.customer_id == *customer_id
    {
        summary
            .problems
            .extend(pc_core::ops::switch_problems(status));
    }
    // Allocating to a customer who may become a referral one would strand the money.
    if let Operation::Transfer {
        to: TransferTarget::CustomerAllocate,
        target_id,
        target_name,
        ..
    } = op
        && state
            .pending_switch(target_id)
            .is_some_and(|r| r.to_type == pc_api::partner_center::REFERRAL)
    {
        summary
            .problems
            .push(t!("modal.may_become_referral", name = target_name));
    }
    // Adding an agreement while one is valid is refused: say so before anything is sent.
    if let (Operation::AddAgreement { .. }, Some(Ok(rows))) = (op, &state.agreements)
        && let Some(valid) = rows
            .iter()
            .find(|a| a.status == pc_api::partner_center::AGREEMENT_VALID)
    {
        summary
            .problems
            .push(t!("modal.agreement_still_valid", id = valid.agreement_id));
    }
    summary
}

/// Opens the amount or price entry for a draft.
pub fn enter(state: &mut State, draft: Draft) {
    let initial = match &draft {
        Draft::AdjustPrice { pricing, .. } => pricing.unit_price.to_string(),
        Draft::Transfer { .. } | Draft::Profile { .. } | Draft::Switch(_) => String::new(),
    };
    let selected = !initial.is_empty();
    state.modal = Some(Modal::Entry {
        draft,
        input: Input::new(initial),
        error: None,
        selected,
        first: None,
    });
    state.dirty = true;
}

fn is_password(draft: &Draft) -> bool {
    matches!(
        draft,
        Draft::Profile {
            field: ProfileField::Password,
            ..
        }
    )
}

/// Why `c` cannot be typed into the entry of `draft`, naming the field.
fn refused_char(draft: &Draft, c: char) -> String {
    let (field, takes) = match draft {
        Draft::Profile {
            field: ProfileField::Phone,
            ..
        } => (t!("modal.input_phone"), t!("modal.takes_digits")),
        Draft::AdjustPrice { .. } => (t!("modal.input_unit_price"), t!("modal.takes_amount")),
        _ => (t!("modal.input_amount"), t!("modal.takes_amount")),
    };
    let field = field.trim().trim_end_matches('¥').trim();
    t!(
        "modal.refused_char",
        field = field,
        c = format!("{c:?}"),
        takes = takes
    )
}

/// Keys while the modal is open: it takes them all.
pub fn on_key(state: &mut State, key: KeyEvent) -> Vec<Command> {
    state.dirty = true;
    let Some(modal) = state.modal.take() else {
        return vec![];
    };
    let action = state.keymap.action_in(Scope::Modal, &key);
    if action == Some(Action::Cancel) {
        return match modal {
            Modal::Submitting { .. } => {
                state.modal = Some(modal);
                if state.keymap.action(&key) == Some(Action::Quit) {
                    return super::state::quit(state);
                }
                state.toast(t!("modal.cannot_cancel"), false);
                vec![]
            }
            Modal::Done { .. } => close_done(state),
            // A code that still works is kept for the same operation: Esc need not
            // cost a code, nor a minute's wait for the next.
            Modal::AwaitingCode { op, mut code, .. }
                if code.attempts_left > 0 && state.now < code.expires_at =>
            {
                let until = pc_core::format::time(
                    &code.expires_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    state.session.utc_offset_secs,
                );
                code.input = Input::default();
                code.error = None;
                code.resending = None;
                state.kept_code = Some((op, code));
                state.toast(
                    t!(
                        "modal.cancelled_code_kept",
                        until = until.get(11..).unwrap_or(&until)
                    ),
                    false,
                );
                vec![]
            }
            _ => {
                state.toast(t!("modal.cancelled"), false);
                vec![]
            }
        };
    }
    // The demo's messages over the modal, wherever nothing is typed.
    if action == Some(Action::Inbox) && !matches!(modal, Modal::Entry { .. }) {
        state.modal = Some(modal);
        state.overlay = Some(super::state::Overlay::Inbox);
        return vec![];
    }
    match modal {
        Modal::Entry {
            draft,
            mut input,
            error,
            selected,
            first,
        } => match action {
            Some(Action::Confirm) => match draft_op(&draft, input.value()) {
                // A new password is typed twice: a typo would lock the user out.
                Ok(_) if is_password(&draft) && first.as_deref() != Some(input.value()) => {
                    let (first, error) = match first {
                        None => (Some(input.value().to_string()), None),
                        Some(_) => (None, Some(t!("modal.passwords_differ").to_string())),
                    };
                    state.modal = Some(Modal::Entry {
                        draft,
                        input: Input::default(),
                        error,
                        selected: false,
                        first,
                    });
                    vec![]
                }
                Ok(op) => {
                    let limit = match &draft {
                        Draft::Transfer { limit, .. } => *limit,
                        _ => None,
                    };
                    confirm(state, op, limit);
                    vec![]
                }
                Err(e) => {
                    state.modal = Some(Modal::Entry {
                        draft,
                        input,
                        error: Some(e),
                        selected,
                        first,
                    });
                    vec![]
                }
            },
            _ => {
                let allowed = match (key.code, &draft) {
                    (
                        KeyCode::Char(c),
                        Draft::Profile {
                            field: ProfileField::Phone,
                            ..
                        },
                    ) => c.is_ascii_digit(),
                    (KeyCode::Char(c), Draft::Profile { .. } | Draft::Switch(_)) => !c.is_control(),
                    (KeyCode::Char(c), _) => c.is_ascii_digit() || c == '.',
                    _ => true,
                };
                let mut error = error;
                let mut selected = selected;
                if selected {
                    // The filled-in value is replaced by what is typed, cleared by a
                    // deletion, and kept (for editing) by a cursor key.
                    match key.code {
                        KeyCode::Char(_) if allowed => input = Input::default(),
                        KeyCode::Backspace | KeyCode::Delete => {
                            input = Input::default();
                            state.modal = Some(Modal::Entry {
                                draft,
                                input,
                                error: None,
                                selected: false,
                                first,
                            });
                            return vec![];
                        }
                        _ => {}
                    }
                    selected = matches!(key.code, KeyCode::Char(_)) && !allowed;
                }
                if allowed {
                    if input
                        .handle_event(&crossterm::event::Event::Key(key))
                        .is_some()
                    {
                        error = None;
                    }
                } else if let KeyCode::Char(c) = key.code {
                    // Refused as it is typed, saying what the field takes: `-100` is
                    // not quietly 100, nor `1e5` 15.
                    error = Some(refused_char(&draft, c));
                }
                state.modal = Some(Modal::Entry {
                    draft,
                    input,
                    error,
                    selected,
                    first,
                });
                vec![]
            }
        },
        Modal::Loading { .. } | Modal::CodeRequested { .. } => {
            state.modal = Some(modal);
            vec![]
        }
        Modal::Confirm {
            op,
            summary,
            mut channel,
            error,
        } => match action {
            Some(Action::Confirm) if !summary.problems.is_empty() => {
                state.modal = Some(Modal::Confirm {
                    op,
                    summary,
                    channel,
                    error: Some(t!("modal.resolve_problems").into()),
                });
                vec![]
            }
            Some(Action::Confirm) => match code_scene(state, &op) {
                // The code sent for this same operation before Esc still works.
                Some(_)
                    if state.kept_code.as_ref().is_some_and(|(kept, code)| {
                        *kept == op
                            && code.challenge.channel == channel
                            && state.now < code.expires_at
                    }) =>
                {
                    let Some((_, code)) = state.kept_code.take() else {
                        return vec![];
                    };
                    state.modal = Some(Modal::AwaitingCode { op, summary, code });
                    vec![]
                }
                Some(scene) => {
                    let request = state.request_id();
                    // A new phone's code goes to it, by SMS.
                    if scene == Scene::ProfilePhoneNew {
                        channel = Channel::Sms;
                    }
                    let cmd = Command::RequestCode {
                        request,
                        scene,
                        channel,
                        target: op.target(),
                    };
                    state.modal = Some(Modal::CodeRequested {
                        op,
                        summary,
                        channel,
                        request,
                    });
                    vec![cmd]
                }
                None => submit(state, op, None, None),
            },
            Some(chosen @ (Action::OtherChannel | Action::ByEmail | Action::BySms)) => {
                channel = match (chosen, channel) {
                    (Action::ByEmail, _) => Channel::Email,
                    (Action::BySms, _) => Channel::Sms,
                    (_, Channel::Sms) => Channel::Email,
                    (_, Channel::Email) => Channel::Sms,
                };
                state.modal = Some(Modal::Confirm {
                    op,
                    summary,
                    channel,
                    error,
                });
                vec![]
            }
            Some(Action::Credit) if matches!(op, Operation::PayOrders { .. }) => {
                let op = match op {
                    Operation::PayOrders { orders, method } => Operation::PayOrders {
                        orders,
                        method: match method {
                            pc_api::partner_center::PayMethod::Balance => {
                                pc_api::partner_center::PayMethod::Credit
                            }
                            pc_api::partner_center::PayMethod::Credit => {
                                pc_api::partner_center::PayMethod::Balance
                            }
                        },
                    },
                    other => other,
                };
                let summary = summary_for(state, &op, None);
                state.modal = Some(Modal::Confirm {
                    op,
                    summary,
                    channel,
                    error: None,
                });
                vec![]
            }
            _ => {
                state.modal = Some(Modal::Confirm {
                    op,
                    summary,
                    channel,
                    error,
                });
                vec![]
            }
        },
        Modal::AwaitingCode {
            op,
            summary,
            mut code,
        } => match action {
            Some(Action::Confirm) => {
                let value = code.input.value().to_string();
                if code.attempts_left <= 0 {
                    code.error = Some(t!("modal.code_dead").into());
                } else if state.now >= code.expires_at {
                    code.error = Some(t!("modal.code_expired").into());
                } else if value.len() != 6 {
                    code.error = Some(t!("modal.code_six_digits").into());
                } else if let Operation::ChangePhone {
                    phone,
                    confirmed: None,
                } = op
                {
                    // The new phone's code is kept with the change, which then goes
                    // on as any other: its summary, the registered phone's code.
                    let op = Operation::ChangePhone {
                        phone,
                        confirmed: Some(pc_core::ops::NewPhoneCode {
                            challenge_id: code.challenge.challenge_id.clone(),
                            code: pc_core::ops::Secret(value),
                        }),
                    };
                    let summary = summary_for(state, &op, None);
                    state.modal = Some(Modal::Confirm {
                        op,
                        summary,
                        channel: Channel::Sms,
                        error: None,
                    });
                    return vec![];
                } else {
                    let v = Verification {
                        challenge_id: code.challenge.challenge_id.clone(),
                        code: value,
                    };
                    return submit(state, op, Some(v), Some((summary, code)));
                }
                state.modal = Some(Modal::AwaitingCode { op, summary, code });
                vec![]
            }
            Some(Action::Resend) => {
                let mut cmds = vec![];
                if state.now < code.resend_at {
                    let wait = (code.resend_at - state.now).num_seconds().max(1);
                    code.error = Some(t!("modal.resend_wait", seconds = wait));
                } else if code.resending.is_none() {
                    let request = state.request_id();
                    code.resending = Some(request);
                    code.error = None;
                    if let Some(scene) = op.scene() {
                        cmds.push(Command::RequestCode {
                            request,
                            scene,
                            channel: code.challenge.channel,
                            target: op.target(),
                        });
                    }
                }
                state.modal = Some(Modal::AwaitingCode { op, summary, code });
                cmds
            }
            _ if matches!(key.code, KeyCode::Char(c) if !c.is_ascii_digit()) => {
                state.modal = Some(Modal::AwaitingCode { op, summary, code });
                vec![]
            }
            _ => {
                if !(matches!(key.code, KeyCode::Char(_)) && code.input.value().len() >= 6) {
                    code.input.handle_event(&crossterm::event::Event::Key(key));
                }
                code.error = None;
                state.modal = Some(Modal::AwaitingCode { op, summary, code });
                vec![]
            }
        },
        Modal::Submitting { .. } => {
            let quit = state.keymap.action(&key) == Some(Action::Quit);
            state.modal = Some(modal);
            if quit {
                super::state::quit(state)
            } else {
                vec![]
            }
        }
        Modal::Done {
            op,
            outcome: ExecOutcome::Unknown(why),
        } if action == Some(Action::AskAgain) => {
            // Ask again about the same request id, never send it again.
            match state
                .unresolved
                .iter()
                .rev()
                .find(|(_, o)| *o == op)
                .cloned()
            {
                Some((request_id, op)) => {
                    state.modal = Some(Modal::Submitting {
                        op: op.clone(),
                        request_id: request_id.clone(),
                        code: None,
                    });
                    vec![Command::Recheck { request_id, op }]
                }
                None => {
                    state.modal = Some(Modal::Done {
                        op,
                        outcome: ExecOutcome::Unknown(why),
                    });
                    vec![]
                }
            }
        }
        Modal::Done { .. } => match action {
            Some(Action::Confirm | Action::Close) => close_done(state),
            _ => {
                state.modal = Some(modal);
                vec![]
            }
        },
    }
}

/// Pasted text: digits into the code, digits and a point into an amount.
pub fn on_paste(state: &mut State, text: &str) {
    let keep = |c: char, amount: bool| c.is_ascii_digit() || (amount && c == '.');
    match &mut state.modal {
        Some(Modal::AwaitingCode { code, .. }) => {
            let mut value = code.input.value().to_string();
            value.extend(text.chars().filter(|c| keep(*c, false)));
            value.truncate(6);
            code.input = Input::new(value);
            code.error = None;
        }
        Some(Modal::Entry {
            input,
            draft,
            selected,
            ..
        }) => {
            // A paste replaces a filled-in value, as typing does.
            let mut value = if std::mem::take(selected) {
                String::new()
            } else {
                input.value().to_string()
            };
            match draft {
                Draft::Profile { .. } | Draft::Switch(_) => {
                    value.extend(text.chars().filter(|c| !c.is_control()))
                }
                _ => value.extend(text.chars().filter(|c| keep(*c, true))),
            }
            *input = Input::new(value);
        }
        _ => return,
    }
    state.dirty = true;
}

/// Closing the result: the lists and balances it touched are reloaded.
fn close_done(state: &mut State) -> Vec<Command> {
    state.selection.clear();
    let mut cmds = state.reload(state.pane);
    cmds.extend(state.load_balances());
    if state.profile.is_some() {
        cmds.push(Command::LoadProfile);
    }
    if state.detail.is_some() {
        cmds.extend(super::state::reopen_detail(state));
    }
    cmds
}

/// Sends the operation with a fresh request id.
pub(crate) fn submit(
    state: &mut State,
    op: Operation,
    verification: Option<Verification>,
    code: Option<(Summary, CodeEntry)>,
) -> Vec<Command> {
    let request_id = state.new_operation_id();
    let cmd = Command::Execute {
        request_id: request_id.clone(),
        op: op.clone(),
        verification,
        bss_only: state.partner_center == Some(false),
    };
    state.modal = Some(Modal::Submitting {
        op,
        request_id,
        code,
    });
    state.dirty = true;
    vec![cmd]
}

/// A code was sent (or could not be).
pub fn on_challenge(state: &mut State, request: u64, result: Result<Challenge, Failure>) {
    let entry = |challenge: Challenge, now: DateTime<Utc>| CodeEntry {
        attempts_left: challenge.attempts_left,
        // Counted from arrival: the backend's clock may differ from ours.
        expires_at: now + chrono::TimeDelta::seconds(challenge.expires_in.clamp(0, 3600)),
        resend_at: now + chrono::TimeDelta::seconds(challenge.resend_in.clamp(0, 3600)),
        challenge,
        input: Input::default(),
        error: None,
        resending: None,
    };
    let now = state.now;
    match state.modal.take() {
        Some(Modal::CodeRequested {
            op,
            summary,
            channel,
            request: r,
        }) if r == request => {
            state.modal = Some(match result {
                Ok(ch) => Modal::AwaitingCode {
                    op,
                    summary,
                    code: entry(ch, now),
                },
                Err(f) => {
                    if f.code.as_deref() == Some(codes::VERIFICATION_OFF)
                        && let Some(v) = state.verification.as_mut()
                    {
                        v.enabled = false;
                    }
                    Modal::Confirm {
                        op,
                        summary,
                        channel,
                        error: Some(describe_failure(&f)),
                    }
                }
            });
        }
        Some(Modal::AwaitingCode {
            op,
            summary,
            mut code,
        }) if code.resending == Some(request) => {
            code = match result {
                Ok(ch) => entry(ch, now),
                Err(f) => CodeEntry {
                    resending: None,
                    error: Some(describe_failure(&f)),
                    ..code
                },
            };
            state.modal = Some(Modal::AwaitingCode { op, summary, code });
        }
        other => state.modal = other,
    }
    state.dirty = true;
}

/// The operation's outcome arrived.
/// An operation's outcome: the modal shows it, and the form or state that started it
/// follows (commands for what to read next).
/// `request_id` is the one the operation was confirmed with (the modal's), `sent_as` the
/// one the outcome is about (they differ when it was sent again).
pub fn on_executed(state: &mut State, request_id: &str, sent_as: &str, outcome: ExecOutcome) {
    state.quit_armed = false;
    if matches!(outcome, ExecOutcome::Unknown(_)) {
        if !state.unresolved.iter().any(|(id, _)| id == sent_as)
            && let Some(Modal::Submitting { op, .. }) = &state.modal
        {
            state.unresolved.push((sent_as.to_string(), op.clone()));
        }
    } else {
        state.unresolved.retain(|(id, _)| id != sent_as);
    }
    if let Some(Modal::Submitting {
        op, request_id: r, ..
    }) = &state.modal
        && r == request_id
    {
        let op = op.clone();
        note_unverifiable(state, sent_as, &op, &outcome);
    }
    // The backend's word on the verification setting, when it contradicts ours.
    if let ExecOutcome::Failed(Failure { code: Some(c), .. }) = &outcome
        && let Some(v) = state.verification.as_mut()
    {
        match c.as_str() {
            codes::VERIFICATION_OFF => v.enabled = false,
            codes::VERIFICATION_REQUIRED => v.enabled = true,
            _ => {}
        }
    }
    let current =
        matches!(&state.modal, Some(Modal::Submitting { request_id: r, .. }) if r == request_id);
    if !current {
        // Resolved after the modal went away (a start-up resolution, say): tell.
        state.toast(
            t!(
                "modal.operation_resolved",
                request = request_id,
                outcome = short(&outcome)
            ),
            false,
        );
        return;
    }
    let Some(Modal::Submitting { op, code, .. }) = state.modal.take() else {
        return;
    };
    let code_problem = match &outcome {
        ExecOutcome::Failed(Failure {
            code: Some(c),
            message,
            ..
        }) => match c.as_str() {
            codes::CODE_WRONG
            | codes::CODE_TOO_MANY_FAILURES
            | codes::CODE_EXPIRED
            | codes::CODE_OTHER_OPERATION => Some((c.clone(), message.clone())),
            _ => None,
        },
        _ => None,
    };
    match (code_problem, code) {
        (Some((c, message)), Some((summary, mut entry))) => {
            entry.attempts_left = match c.as_str() {
                codes::CODE_WRONG => (entry.attempts_left - 1).max(0),
                codes::CODE_TOO_MANY_FAILURES => 0,
                _ => entry.attempts_left,
            };
            entry.input = Input::default();
            let (_, next) = explain(&c);
            entry.error = Some(format!("{message} {next}"));
            state.modal = Some(Modal::AwaitingCode {
                op,
                summary,
                code: entry,
            });
        }
        _ => {
            if let (
                Operation::SwitchAssociation {
                    customer_id,
                    customer_name,
                    from_type,
                    to_type,
                    reason,
                },
                ExecOutcome::Applied(_),
            ) = (&op, &outcome)
            {
                // Known as pending at once, so its answer is looked for and told even
                // if it comes before the next read of the list.
                let placeholder = pc_api::partner_center::SwitchRequest {
                    switch_id: String::new(),
                    customer_id: customer_id.clone(),
                    account_name: customer_name.clone(),
                    from_type: from_type.clone(),
                    to_type: to_type.clone(),
                    reason: reason.clone(),
                    status: pc_api::partner_center::SWITCH_PENDING.into(),
                    requested_at: state.now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    answered_at: None,
                };
                state
                    .switches
                    .get_or_insert_with(Vec::new)
                    .insert(0, placeholder);
            }
            if let (Operation::SetVerification { enabled }, ExecOutcome::Applied(_)) =
                (&op, &outcome)
                && let Some(v) = state.verification.as_mut()
            {
                v.enabled = *enabled;
            }
            state.modal = Some(Modal::Done { op, outcome });
        }
    }
    state.dirty = true;
}

/// The answer for an entry's prices.
pub fn on_pricing(state: &mut State, request: u64, result: Result<OrderPricing, String>) {
    let current = matches!(&state.modal, Some(Modal::Loading { request: r, .. }) if *r == request);
    if !current {
        return;
    }
    state.modal = None;
    match result {
        Ok(pricing) => enter(
            state,
            Draft::AdjustPrice {
                order_id: pricing.order_id.clone(),
                pricing,
            },
        ),
        Err(e) => state.toast(t!("modal.cannot_read_prices", error = e), true),
    }
    state.dirty = true;
}

/// The orders' times arrived: the payment's summary, with a passed time as a problem.
pub fn on_payment_checked(
    state: &mut State,
    request: u64,
    orders: Vec<pc_core::ops::OrderToPay>,
    method: pc_api::partner_center::PayMethod,
    checked: Checked,
) {
    let current = matches!(&state.modal, Some(Modal::Loading { request: r, .. }) if *r == request);
    if !current {
        return;
    }
    confirm(state, Operation::PayOrders { orders, method }, None);
    if let Some(Modal::Confirm { summary, .. }) = state.modal.as_mut() {
        if let Some(e) = checked.error {
            summary.lines.push(t!("summary.times_unknown", error = e));
        }
        if checked.agreement == Some(false) {
            summary.problems.push(pc_core::ops::no_agreement());
        }
        for (id, why) in &checked.missing {
            summary.problems.push(match why {
                None => t!("summary.no_such_order", order_id = id),
                Some(e) => t!("summary.order_unread", order_id = id, error = e),
            });
        }
    }
}

/// What decides whether a customer's type can be switched arrived: the reason entry.
pub fn on_association(
    state: &mut State,
    request: u64,
    result: Result<Box<pc_api::partner_center::AssociationStatus>, String>,
) {
    let current = matches!(&state.modal, Some(Modal::Loading { request: r, .. }) if *r == request);
    if !current {
        return;
    }
    state.modal = None;
    match result {
        Ok(status) => {
            state.association = Some(status.as_ref().clone());
            enter(state, Draft::Switch(status));
        }
        Err(e) => state.toast(t!("modal.cannot_read_association", error = e), true),
    }
    state.dirty = true;
}

/// Countdowns move once a second while a code is being entered.
pub fn on_tick(state: &mut State, before: DateTime<Utc>) {
    if matches!(state.modal, Some(Modal::AwaitingCode { .. }))
        && before.timestamp() != state.now.timestamp()
    {
        state.dirty = true;
    }
}
