//! What a script command gives back: its exit code by kind of failure, and its output
//! (a table, JSON, a message on stderr); and the context every command runs in.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use pc_client::{Client, ClientError};
use pc_core::exec::Records;

/// Exit codes, by kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    /// Something unexpected (a bug, stdout closed).
    Internal = 1,
    /// Bad arguments or configuration: nothing was sent.
    Usage = 2,
    /// The backend refused the credentials or the signature (AK/SK, clock).
    Auth = 3,
    /// Refused: a rule (the backend's CBC error, or a pre-flight problem the console
    /// found first, so nothing was sent), or a missing object.
    Refused = 4,
    /// The backend could not be reached or failed (connection, timeout, 5xx), or what
    /// became of a write is not known yet.
    Unavailable = 5,
    /// A verification code was sent: run the same command again with `--code`.
    NeedsCode = 6,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The kind of failure of a client error.
pub fn exit_for(e: &ClientError) -> Exit {
    match e {
        ClientError::Api { status, code, .. } => answer_exit(*status, Some(code)),
        ClientError::Timeout(_) | ClientError::Connect(_) | ClientError::Transport(_) => {
            Exit::Unavailable
        }
        ClientError::Decode { .. } => Exit::Unavailable,
        ClientError::Redirect { .. } | ClientError::TooLarge { .. } => Exit::Unavailable,
        ClientError::Endpoint(_)
        | ClientError::EndpointCredentials(_)
        | ClientError::BadCredentials
        | ClientError::NotAnId { .. }
        | ClientError::NotAProfileField(_)
        | ClientError::InvalidInput(_) => Exit::Usage,
        // The AK's account could not be learnt: a credentials problem.
        ClientError::NoDomain => Exit::Auth,
        ClientError::NoProject(_) => Exit::Refused,
    }
}

/// The kind of failure of a backend's answer, by its HTTP status and error code.
pub fn answer_exit(status: u16, code: Option<&str>) -> Exit {
    match status {
        401 => Exit::Auth,
        // A gateway's 403 is about the credentials; a CBC 403 is a rule (a reseller
        // asking for a distributor's list).
        403 if !code.is_some_and(|c| c.starts_with("CBC")) => Exit::Auth,
        // Throttled or down: worth trying again later, whatever the code says.
        429 => Exit::Unavailable,
        s if s >= 500 => Exit::Unavailable,
        _ => Exit::Refused,
    }
}

/// What every script command works with: the client, the profile's journal and audit
/// log (the UI's own), and the profile's settings that decide what may be done.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub client: Client,
    pub records: Records,
    pub read_only: bool,
    /// Whether the backend has a Partner Center, when the profile says (else asked).
    pub partner_center: Option<bool>,
    /// The customers' `xaccount_type` (the partner's platform id), for `customers create`.
    pub platform_id: Option<String>,
    /// The Huawei site whose API the backend is: what it lacks is refused before sending.
    pub site: pc_api::site::Site,
}

impl Ctx {
    /// `Some(exit)` when the site's API has no partner funds (balances, adjust records,
    /// transfers, coupons): said, nothing sent.
    pub(crate) fn lacks_partner_funds(&self) -> Option<Exit> {
        (!self.site.has_partner_funds()).then(|| {
            say(t!("site.no_partner_funds"));
            Exit::Refused
        })
    }
}

/// Says what went wrong on stderr; the exit code of its kind.
pub(crate) fn fail(e: &ClientError) -> Exit {
    say(&pc_core::format::describe(e));
    exit_for(e)
}

/// One line on stderr.
pub(crate) fn say(message: &str) {
    eprintln!("partner-console: {}", printable(message));
}

/// A usage error: said, nothing sent.
pub(crate) fn usage(message: &str) -> Exit {
    say(message);
    Exit::Usage
}

pub(crate) fn print(out: &str) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{}", printable(out)).and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`| head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            say(&t!("script.cannot_write_output", error = e));
            Exit::Internal
        }
    }
}

/// Prints `v` as pretty JSON.
pub(crate) fn print_json<T: Serialize>(v: &T) -> Exit {
    match serde_json::to_string_pretty(v) {
        // serde escapes C0 controls in strings; C1 (which some terminals obey as
        // escapes) it leaves raw: escape them too, still valid JSON.
        Ok(s) => print(&escape_c1(&s)),
        Err(e) => {
            say(&t!("script.cannot_encode_output", error = e));
            Exit::Internal
        }
    }
}

/// An amount as a JSON number (exact), as the BSS answers give them.
pub(crate) fn number(d: rust_decimal::Decimal) -> serde_json::Value {
    serde_json::from_str(&d.to_string()).unwrap_or(serde_json::Value::Null)
}

/// Text from the backend, safe for a terminal: every control character but the line
/// breaks and tabs of our own layout becomes U+FFFD (no escape sequence, title,
/// clipboard write or screen clear gets through).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n' && c != '\t';
    if text.contains(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// JSON with its C1 control characters written as `\u0080`…`\u009f`.
fn escape_c1(json: &str) -> String {
    json.chars()
        .map(|c| {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                format!("\\u{:04x}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_text_cannot_drive_the_terminal() {
        let hostile = "name\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m\r";
        let shown = printable(hostile);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(shown.starts_with("name"));
        assert_eq!(printable("a\tb\nc"), "a\tb\nc");
        let json = escape_c1("{\"a\":\"x\u{9b}y\"}");
        assert_eq!(json, "{\"a\":\"x\\u009by\"}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["a"], "x\u{9b}y");
    }
}
