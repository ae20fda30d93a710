//! What became of a sent operation: applied (with one line per item), refused, not
//! applied, or unknown — as the console shows it, the journal keeps it and a script's
//! exit code tells.

use rust_decimal::Decimal;

/// A backend refusal: its code (when it gave one) and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: Option<String>,
    pub message: String,
    pub kind: FailureKind,
}

/// Where a failure comes from (a script's exit code tells them apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The backend answered with this HTTP status.
    Backend { status: u16 },
    /// The backend was not reached, or its answer could not be read.
    Unreachable,
    /// The request itself was wrong: the endpoint, an empty field.
    Input,
    /// The console could not go on: its journal cannot be written.
    Local,
}

impl Failure {
    /// The backend refused with `code` (HTTP 400), as tests write it.
    pub fn refused(code: &str, message: &str) -> Failure {
        Failure {
            code: Some(code.into()),
            message: message.into(),
            kind: FailureKind::Backend { status: 400 },
        }
    }
}

/// One line of a result: an order of a batch, or the operation itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemResult {
    pub subject: String,
    pub ok: bool,
    /// The transaction id, or the backend's message.
    pub detail: String,
    pub code: Option<String>,
    /// The money this line moved, when the backend said (a paid order's charge).
    pub amount: Option<Decimal>,
}

/// What became of a sent operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecOutcome {
    Applied(Vec<ItemResult>),
    Failed(Failure),
    /// The answer was lost and the backend says the request never took effect.
    NotApplied,
    /// The answer was lost and the backend could not be asked: the journal keeps the
    /// intent, to be resolved at the next start.
    Unknown(String),
    /// The answer was lost and this backend cannot tell (no status query, like Huawei's
    /// own BSS): the user must look at the adjust records. Closed in the journal.
    Unverifiable(String),
}

/// The outcome in a few words, for History and a script's line.
pub fn short(outcome: &ExecOutcome) -> String {
    match outcome {
        ExecOutcome::Applied(items) => {
            let ok = items.iter().filter(|i| i.ok).count();
            if ok == items.len() {
                t!("outcome.done").into()
            } else {
                t!("outcome.some_done", ok = ok, total = items.len())
            }
        }
        ExecOutcome::Failed(f) => t!("outcome.failed", message = f.message),
        ExecOutcome::NotApplied => t!("outcome.not_applied").into(),
        ExecOutcome::Unknown(why) => t!("outcome.unknown_checked_later", why = why),
        ExecOutcome::Unverifiable(why) => t!("outcome.unknown", why = why),
    }
}
