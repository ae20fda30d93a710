//! What can go wrong with a call: the backend's refusal with its code, a timeout, no
//! connection, an answer that cannot be read, or a request refused before it is sent.

use std::time::Duration;

/// What went wrong with a call. `Display` is written by hand below, in English for
/// logs; no variant has a source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClientError {
    /// The backend answered with an error body.
    Api {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    Timeout(Duration),
    Connect(String),
    Transport(String),
    /// A success status with a body we cannot read.
    Decode {
        status: u16,
        detail: String,
    },
    Endpoint(String),
    /// An endpoint with a user name or password in it: they would be sent in clear.
    EndpointCredentials(String),
    /// The AK or SK has characters no key has (a space, a line break, a control
    /// character): the config or environment is wrong.
    BadCredentials,
    /// The backend answered with a redirect, which is never followed (it would send
    /// the signature elsewhere).
    Redirect {
        status: u16,
        location: String,
    },
    /// An answer larger than the client reads.
    TooLarge {
        limit: usize,
    },
    /// Refused before sending: an id that cannot be a path segment.
    NotAnId {
        id: String,
        what: IdKind,
    },
    /// Refused before sending: no such field of the profile.
    NotAProfileField(String),
    /// Refused before sending: the request could not be sent as given.
    InvalidInput(String),
    /// IAM named no account (domain) for the AK.
    NoDomain,
    /// IAM has no project of the account in this region.
    NoProject(String),
}

/// What an id in a path names, for the error when it cannot be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Order,
    Contract,
    Agreement,
    Customer,
    Plan,
    Coupon,
    Request,
    Other,
}

impl IdKind {
    /// Its English name; the console words it in the user's language.
    pub fn english(self) -> &'static str {
        match self {
            IdKind::Order => "an order id",
            IdKind::Contract => "a contract id",
            IdKind::Agreement => "an agreement id",
            IdKind::Customer => "a customer id",
            IdKind::Plan => "a plan id",
            IdKind::Coupon => "a coupon id",
            IdKind::Request => "a request id",
            IdKind::Other => "an id",
        }
    }
}

/// In English, for logs; the console words it in the user's language
/// (`pc_core::format::client_error`).
impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClientError::Api { code, message, .. } => write!(f, "{code}: {message}"),
            ClientError::Timeout(after) => {
                write!(f, "the backend did not answer within {after:?}")
            }
            ClientError::Connect(e) => write!(f, "cannot reach the backend: {e}"),
            ClientError::Transport(e) => write!(f, "the connection failed: {e}"),
            ClientError::Decode { status, detail } => {
                write!(f, "unexpected response (HTTP {status}): {detail}")
            }
            ClientError::Endpoint(endpoint) => {
                write!(
                    f,
                    "invalid endpoint {endpoint:?}: use http(s)://host[:port]"
                )
            }
            ClientError::EndpointCredentials(endpoint) => write!(
                f,
                "the endpoint {endpoint:?} has a user name or password in it: give the AK/SK instead"
            ),
            ClientError::BadCredentials => {
                f.write_str("the AK or SK has a space, line break or control character in it")
            }
            ClientError::Redirect { status, location } => write!(
                f,
                "the backend redirected to {location:?} (HTTP {status}); redirects are not followed"
            ),
            ClientError::TooLarge { limit } => {
                write!(f, "the backend's answer is larger than {limit} bytes")
            }
            ClientError::NotAnId { id, what } => write!(f, "{id:?} is not {}", what.english()),
            ClientError::NotAProfileField(field) => write!(f, "{field:?} is not a profile field"),
            ClientError::InvalidInput(e) => f.write_str(e),
            ClientError::NoDomain => f.write_str("IAM named no account (domain) for this AK"),
            ClientError::NoProject(region) => {
                write!(f, "IAM has no project of this account in region {region:?}")
            }
        }
    }
}

impl ClientError {
    /// The CBC (or gateway) error code, when the backend gave one.
    pub fn code(&self) -> Option<&str> {
        match self {
            ClientError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// True when a write may or may not have been applied: it must then be resolved by
    /// asking the backend, never blindly resent. That is a timeout or a broken
    /// connection, any 5xx (a gateway's may have passed the request on, and a service's
    /// own may come after its commit), and a success whose body could not be read.
    pub fn outcome_unknown(&self) -> bool {
        match self {
            ClientError::Timeout(_) | ClientError::Transport(_) | ClientError::Decode { .. } => {
                true
            }
            ClientError::Api { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// Temporary credentials past their expiry: a new AK, SK and security token are
    /// needed, and no call will work until then.
    pub fn credentials_expired(&self) -> bool {
        match self {
            ClientError::Api { code, message, .. } => {
                code == pc_api::error::codes::TOKEN_EXPIRED
                    || (code == pc_api::error::codes::AUTH_FAILED
                        && message.to_ascii_lowercase().contains("expire"))
            }
            _ => false,
        }
    }

    /// The gateway's flow control refused the call (after the client's own tries).
    pub fn throttled(&self) -> bool {
        matches!(self, ClientError::Api { status: 429, .. })
            || self.code() == Some(pc_api::error::codes::THROTTLED)
    }
}
