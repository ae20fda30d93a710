//! The verification modal as data: its states (entry, summary, code, in flight, result)
//! and the code being typed; the transitions are in `app::modal`.

use chrono::{DateTime, Utc};
use tui_input::Input;

use pc_api::partner_center::{Challenge, Channel};
pub use pc_core::draft::{Draft, ProfileField, draft_op};
use pc_core::ops::{Operation, Summary, explain};
pub use pc_core::outcome::{ExecOutcome, Failure, FailureKind, ItemResult, short};

/// What the read before a payment's summary found besides the orders' times.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    /// Why the times could not be read.
    pub error: Option<String>,
    /// Orders named by id that are none of the partner's (id, no reason), or could not
    /// be read (id, why): the payment cannot go on.
    pub missing: Vec<(String, Option<String>)>,
    /// Whether the partner has a valid payment agreement, when the backend said.
    pub agreement: Option<bool>,
}

/// The code being entered. `Debug` never shows what was typed.
#[derive(Clone)]
pub struct CodeEntry {
    pub challenge: Challenge,
    pub input: Input,
    pub attempts_left: i32,
    pub expires_at: DateTime<Utc>,
    pub resend_at: DateTime<Utc>,
    pub error: Option<String>,
    /// A new code is on its way (the request).
    pub resending: Option<u64>,
}

/// `Debug` never shows a typed code or password.
#[derive(Clone)]
pub enum Modal {
    Entry {
        draft: Draft,
        input: Input,
        error: Option<String>,
        /// The value was filled in for the user and is selected: what is typed (or
        /// pasted) replaces it, Backspace clears it, a cursor key keeps it.
        selected: bool,
        /// A new password typed once, waiting to be typed again. Never shown.
        first: Option<String>,
    },
    /// Waiting for what an entry needs (an order's prices).
    Loading {
        title: String,
        request: u64,
    },
    Confirm {
        op: Operation,
        summary: Summary,
        channel: Channel,
        /// Why the last attempt to go on failed (e.g. too many codes).
        error: Option<String>,
    },
    CodeRequested {
        op: Operation,
        summary: Summary,
        channel: Channel,
        request: u64,
    },
    AwaitingCode {
        op: Operation,
        summary: Summary,
        code: CodeEntry,
    },
    Submitting {
        op: Operation,
        request_id: String,
        /// The code entry to return to if the code is refused.
        code: Option<(Summary, CodeEntry)>,
    },
    Done {
        op: Operation,
        outcome: ExecOutcome,
    },
}

impl std::fmt::Debug for CodeEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CodeEntry")
            .field("challenge", &self.challenge.challenge_id)
            .field("typed", &self.input.value().len())
            .field("attempts_left", &self.attempts_left)
            .field("expires_at", &self.expires_at)
            .field("resend_at", &self.resend_at)
            .field("error", &self.error)
            .field("resending", &self.resending)
            .finish()
    }
}

impl std::fmt::Debug for Modal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Modal::Entry {
                draft,
                input,
                error,
                ..
            } => {
                let secret = matches!(
                    draft,
                    Draft::Profile {
                        field: ProfileField::Password,
                        ..
                    }
                );
                let shown = if secret {
                    "***".to_string()
                } else {
                    input.value().to_string()
                };
                f.debug_struct("Entry")
                    .field("draft", draft)
                    .field("input", &shown)
                    .field("error", error)
                    .finish()
            }
            Modal::Loading { title, request } => f
                .debug_struct("Loading")
                .field("title", title)
                .field("request", request)
                .finish(),
            Modal::Confirm {
                op,
                summary,
                channel,
                error,
            } => f
                .debug_struct("Confirm")
                .field("op", op)
                .field("summary", summary)
                .field("channel", channel)
                .field("error", error)
                .finish(),
            Modal::CodeRequested { op, request, .. } => f
                .debug_struct("CodeRequested")
                .field("op", op)
                .field("request", request)
                .finish(),
            Modal::AwaitingCode { op, code, .. } => f
                .debug_struct("AwaitingCode")
                .field("op", op)
                .field("code", code)
                .finish(),
            Modal::Submitting { op, request_id, .. } => f
                .debug_struct("Submitting")
                .field("op", op)
                .field("request_id", request_id)
                .finish(),
            Modal::Done { op, outcome } => f
                .debug_struct("Done")
                .field("op", op)
                .field("outcome", outcome)
                .finish(),
        }
    }
}

impl Modal {
    pub fn in_flight(&self) -> bool {
        matches!(self, Modal::Submitting { .. })
    }
}

pub(crate) fn describe_failure(f: &Failure) -> String {
    match f.code.as_deref() {
        Some(code) => {
            let (_, next) = explain(code);
            format!("{} {next}", f.message)
        }
        None => f.message.clone(),
    }
}

/// What the quotas are read for.
#[derive(Debug, Clone, PartialEq)]
pub enum QuotaUse {
    /// A coupon for a customer, from the partner's own quotas.
    Coupon {
        customer_id: String,
        customer_name: String,
        face_value: rust_decimal::Decimal,
    },
    /// A quota for a reseller, from the distributor's own quotas.
    Give {
        reseller_id: String,
        reseller_name: String,
        amount: rust_decimal::Decimal,
    },
    /// What is left of the quotas the reseller was given (theirs are read).
    Take {
        reseller_id: String,
        reseller_name: String,
    },
}
