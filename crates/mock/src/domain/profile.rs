//! The partner's profile (docs/design.md §3): name, type, masked phone and e-mail, the
//! verification setting; changing the phone, e-mail or password, each behind a code.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::{ApiError, Caller, fmt_time, new_id};
use pc_api::error::codes;
use pc_api::partner_center::Profile;
use pc_api::rules::{valid_cn_mobile, valid_email, valid_password};
use pc_api::{mask_email, mask_phone};

pub fn profile(conn: &Connection, caller: &Caller) -> Result<Profile, ApiError> {
    let (name, account_name, kind, phone, email): (
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    ) = conn.query_row(
        "SELECT name, account_name, kind, phone, email FROM partners WHERE id = ?1",
        params![caller.partner_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let (entity, cloud) = super::recharge::contracting_entity(conn, &caller.partner_id)?;
    Ok(Profile {
        name,
        account_name,
        partner_type: kind,
        phone: phone.as_deref().map(mask_phone),
        email: email.as_deref().map(mask_email),
        verification_enabled: super::verification::enabled(conn, &caller.partner_id)?,
        contracting_entity: Some(entity),
        remittance_account: cloud,
    })
}

pub fn change_phone(conn: &Connection, caller: &Caller, phone: &str) -> Result<Profile, ApiError> {
    if !valid_cn_mobile(phone) {
        return Err(ApiError::bad(
            codes::BAD_PHONE,
            "The mobile phone number is invalid: 11 digits starting with 1.",
        ));
    }
    conn.execute(
        "UPDATE partners SET phone = ?2 WHERE id = ?1",
        params![caller.partner_id, phone],
    )?;
    profile(conn, caller)
}

pub fn change_email(conn: &Connection, caller: &Caller, email: &str) -> Result<Profile, ApiError> {
    if !valid_email(email) {
        return Err(ApiError::param("The e-mail address is invalid."));
    }
    conn.execute(
        "UPDATE partners SET email = ?2 WHERE id = ?1",
        params![caller.partner_id, email],
    )?;
    profile(conn, caller)
}

/// Checks the password rules (as for customers) and keeps a salted hash.
pub fn change_password(
    conn: &Connection,
    caller: &Caller,
    password: &str,
    now: DateTime<Utc>,
) -> Result<Profile, ApiError> {
    let (account_name, phone): (String, Option<String>) = conn.query_row(
        "SELECT account_name, phone FROM partners WHERE id = ?1",
        params![caller.partner_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if !valid_password(password, &account_name, phone.as_deref()) {
        return Err(ApiError::bad(
            codes::BAD_PASSWORD,
            "The password must have 8 to 32 characters of at least two kinds (upper case, lower case, digits, symbols), and not be the account name (or it reversed) or contain the phone number.",
        ));
    }
    let salt = new_id();
    let hash = pc_api::signing::sha256_hex(format!("{salt}|{password}").as_bytes());
    conn.execute(
        "INSERT INTO partner_passwords (partner_id, hash, changed_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(partner_id) DO UPDATE SET hash = excluded.hash, changed_at = excluded.changed_at",
        params![caller.partner_id, format!("{salt}${hash}"), fmt_time(now)],
    )?;
    profile(conn, caller)
}
