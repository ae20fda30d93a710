//! The mock backend's admin API (`/mock/…`), the part the console reads in `--demo`:
//! the header that carries the admin token, and the outbox of messages the mock "sent".

use serde::{Deserialize, Serialize};

/// The header carrying the mock's admin token; admin calls are never signed.
pub const ADMIN_HEADER: &str = "X-Mock-Admin";

/// One message the mock "sent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: i64,
    pub partner_id: Option<String>,
    /// `sms` | `email`
    pub channel: String,
    pub recipient: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OutboxResp {
    pub messages: Vec<OutboxMessage>,
}
