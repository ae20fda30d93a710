//! Where a form's SMS code stands (a new customer's registration code, a bank card's
//! real-name code), and when Enter may go on; sending it is `app::sms`.

use chrono::{DateTime, TimeDelta, Utc};

/// A new code may be asked for this long after the last, when nothing was typed.
pub(crate) const RESEND_AFTER: TimeDelta = TimeDelta::seconds(60);

/// Where a form's SMS code stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeState {
    NotSent,
    /// On its way to this phone (the request).
    Sending {
        request: u64,
        phone: String,
    },
    /// Sent to this phone at this time.
    Sent {
        phone: String,
        at: DateTime<Utc>,
    },
}

/// Where a form's SMS code stands when Enter is pressed.
pub enum CodeStep {
    /// A code to `phone` is typed in full: go on.
    Ready,
    /// None was sent to this phone yet, or the old one was left untyped for a minute.
    Send,
    /// Not yet: why, and whether the code field wants the focus.
    Wait { why: String, to_code: bool },
}

pub fn code_step(code: &CodeState, phone: &str, typed: &str, now: DateTime<Utc>) -> CodeStep {
    match code {
        CodeState::Sending { .. } => CodeStep::Wait {
            why: t!("create.code_on_its_way").into(),
            to_code: false,
        },
        CodeState::Sent { phone: to, at } if to == phone => {
            if typed.is_empty() && now >= *at + RESEND_AFTER {
                // Nothing typed a minute later: send a new one.
                CodeStep::Send
            } else if typed.len() != 6 {
                CodeStep::Wait {
                    why: t!("create.enter_code", to = pc_api::mask_phone(phone)),
                    to_code: true,
                }
            } else {
                CodeStep::Ready
            }
        }
        _ => CodeStep::Send,
    }
}

/// A form's code was sent (or not), if `request` is the one it waits for: true when it
/// arrived, so that the form moves to its code field.
pub fn code_arrived(
    code: &mut CodeState,
    error: &mut Option<String>,
    request: u64,
    result: &Result<(), String>,
    now: DateTime<Utc>,
) -> bool {
    let CodeState::Sending { request: r, phone } = code else {
        return false;
    };
    if *r != request {
        return false;
    }
    let phone = phone.clone();
    match result {
        Ok(()) => {
            *error = None;
            *code = CodeState::Sent { phone, at: now };
            true
        }
        Err(e) => {
            *code = CodeState::NotSent;
            *error = Some(format!("The code could not be sent: {e}"));
            false
        }
    }
}
