//! Inviting customers (docs/design.md §3): each partner's association link, and — for the mock's
//! admin API, playing the customer — scanning it, agreeing to the notice and
//! registering, which associates the new customer with the partner.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{ApiError, Caller, fmt_time, hex_id};
use pc_api::error::codes;
use pc_api::partner_center::Invitation;
use pc_api::rules::valid_account_name;

pub const LINK_BASE: &str = "https://partner.huaweicloud.example/associate/";

/// The partner's invitation code (the last part of its link).
pub fn code_of(partner_id: &str) -> String {
    hex_id(&format!("invite|{partner_id}"))[..12].to_string()
}

pub fn invitation(caller: &Caller) -> Invitation {
    let code = code_of(&caller.partner_id);
    Invitation {
        link: format!("{LINK_BASE}{code}"),
        code,
    }
}

/// The customer side: registers `account_name` through the link with `code`. Returns
/// the new customer's id.
pub fn accept(
    conn: &Connection,
    code: &str,
    account_name: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let partners: Vec<String> = conn
        .prepare("SELECT id FROM partners")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let partner = partners
        .into_iter()
        .find(|p| code_of(p) == code)
        .ok_or_else(|| {
            ApiError::not_found(format!("No partner has the invitation code {code}."))
        })?;
    if !valid_account_name(account_name) {
        return Err(ApiError::bad(
            codes::BAD_NAME,
            "The account name must be 5 to 32 letters, digits, '_' or '-', starting with a letter.",
        ));
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM customers WHERE account_name = ?1",
            params![account_name],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(ApiError::bad(
            codes::NAME_EXISTS,
            format!("The account name {account_name} is taken."),
        ));
    }
    let id = hex_id(&format!("customer|{account_name}"));
    conn.execute(
        "INSERT INTO customers (id, partner_id, account_name, associated_on, association_type, xaccount_id, customer_level)
         VALUES (?1, ?2, ?3, ?4, '1', ?5, 'V0')",
        params![id, partner, account_name, fmt_time(now), format!("invite-{account_name}")],
    )?;
    Ok(id)
}
