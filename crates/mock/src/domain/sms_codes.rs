//! Verification codes, whatever they are for: the sending limits every code counts
//! against (operation challenges and SMS codes together), and the SMS codes of
//! registration and bank-card real-name — 6 digits, kept hashed, checked in constant
//! time, wrong entries counted, spent once.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use subtle::ConstantTimeEq;

use super::{ApiError, fmt_time, send_message};
use pc_api::error::codes;
use pc_api::mask_phone;

/// Codes a partner may have sent per hour and per day (CBC.99004015).
pub const CODES_PER_HOUR: i64 = 15;
pub const CODES_PER_DAY: i64 = 60;
/// Wrong entries after which a registration code is dead (CBC.99004009: "more than 3").
pub const CODE_MAX_FAILURES: i64 = 3;

/// At most 15 codes an hour and 60 a day per partner (CBC.99004015), whatever they are
/// for: operation challenges and the BSS registration and bank-card codes together.
pub fn check_send_limit(
    conn: &Connection,
    partner_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let sent = |since: DateTime<Utc>| -> rusqlite::Result<i64> {
        conn.query_row(
            "SELECT (SELECT COUNT(*) FROM challenges WHERE partner_id = ?1 AND created_at > ?2)
                  + (SELECT COUNT(*) FROM sms_codes WHERE partner_id = ?1 AND sent_at > ?2)
                  + (SELECT COUNT(*) FROM account_sms WHERE partner_id = ?1 AND sent_at > ?2)",
            params![partner_id, fmt_time(since)],
            |r| r.get(0),
        )
    };
    // The oldest code counted since `since`: when it ages out, one more may be sent.
    let oldest = |since: DateTime<Utc>| -> rusqlite::Result<Option<String>> {
        conn.query_row(
            "SELECT MIN(t) FROM (
                 SELECT created_at AS t FROM challenges WHERE partner_id = ?1 AND created_at > ?2
                 UNION ALL SELECT sent_at FROM sms_codes WHERE partner_id = ?1 AND sent_at > ?2
                 UNION ALL SELECT sent_at FROM account_sms WHERE partner_id = ?1 AND sent_at > ?2)",
            params![partner_id, fmt_time(since)],
            |r| r.get(0),
        )
    };
    let hour = now - TimeDelta::hours(1);
    let day = now - TimeDelta::days(1);
    let next = if sent(day)? >= CODES_PER_DAY {
        oldest(day)?.and_then(|t| later(&t, TimeDelta::days(1)))
    } else if sent(hour)? >= CODES_PER_HOUR {
        oldest(hour)?.and_then(|t| later(&t, TimeDelta::hours(1)))
    } else {
        return Ok(());
    };
    Err(ApiError::bad(
        codes::SEND_LIMIT,
        format!(
            "Too many verification codes: at most 15 an hour and 60 a day. The next can be sent after {}.",
            next.unwrap_or_else(|| "a while".into())
        ),
    ))
}

/// An API time `by` later, as an API time.
fn later(api_time: &str, by: TimeDelta) -> Option<String> {
    chrono::NaiveDateTime::parse_from_str(api_time, "%Y-%m-%dT%H:%M:%SZ")
        .ok()
        .map(|t| fmt_time(t.and_utc() + by))
}

/// Sends a 6-digit code by SMS (or by e-mail, `channel` `"email"`, on the international
/// site) for `scene` (29 registration, 18 bank-card real-name), valid `minutes`, within
/// the partner's sending limit; kept hashed.
#[allow(clippy::too_many_arguments)]
pub fn send_code(
    tx: &Connection,
    partner_id: &str,
    channel: &str,
    phone: &str,
    scene: i32,
    customer_id: Option<&str>,
    minutes: i64,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    check_send_limit(tx, partner_id, now)?;
    let code = format!("{:06}", rand_code());
    tx.execute(
        "INSERT INTO sms_codes (partner_id, phone, scene, customer_id, code_hash, sent_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            partner_id,
            phone,
            scene,
            customer_id,
            code_hash(phone, scene, &code),
            fmt_time(now),
            fmt_time(now + TimeDelta::minutes(minutes)),
        ],
    )?;
    let purpose = if scene == 29 {
        "registration"
    } else {
        "real-name authentication"
    };
    send_message(
        tx,
        Some(partner_id),
        channel,
        phone,
        &format!(
            "[Huawei Cloud] Your {purpose} verification code is {code}, valid for {minutes} minutes."
        ),
        now,
    )?;
    tracing::info!(to = %mask_phone(phone), scene, "verification code sent");
    Ok(())
}

fn code_hash(phone: &str, scene: i32, code: &str) -> String {
    pc_api::signing::sha256_hex(format!("{phone}|{scene}|{code}").as_bytes())
}

fn rand_code() -> u32 {
    // 128 random bits from a v4 UUID, reduced to 6 digits.
    (uuid::Uuid::new_v4().as_u128() % 1_000_000) as u32
}

/// Checks and consumes the newest live code for (partner, phone, scene[, customer]).
/// Checks the latest unused code sent to `phone` for `scene`: a wrong entry is counted
/// (commit it even when the operation fails). Returns the code's row id for [`spend_code`].
pub fn check_code(
    conn: &Connection,
    partner_id: &str,
    phone: &str,
    scene: i32,
    customer_id: Option<&str>,
    code: &str,
    now: DateTime<Utc>,
) -> Result<i64, ApiError> {
    let row: Option<(i64, String, String, i64)> = conn
        .query_row(
            "SELECT id, code_hash, expires_at, failures FROM sms_codes
             WHERE partner_id = ?1 AND phone = ?2 AND scene = ?3 AND used = 0
               AND (?4 IS NULL OR customer_id = ?4)
             ORDER BY id DESC LIMIT 1",
            params![partner_id, phone, scene, customer_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((id, hash, expires_at, failures)) = row else {
        return Err(ApiError::bad(
            codes::CODE_WRONG,
            "No verification code was sent to this phone; send one first.",
        ));
    };
    if failures > CODE_MAX_FAILURES {
        return Err(ApiError::bad(
            codes::CODE_TOO_MANY_FAILURES,
            "The code was entered wrongly too many times; send a new one.",
        ));
    }
    if fmt_time(now) > expires_at {
        return Err(ApiError::bad(
            codes::CODE_EXPIRED,
            "The verification code has expired; send a new one.",
        ));
    }
    let ok: bool = hash
        .as_bytes()
        .ct_eq(code_hash(phone, scene, code).as_bytes())
        .into();
    if !ok {
        conn.execute(
            "UPDATE sms_codes SET failures = failures + 1 WHERE id = ?1",
            params![id],
        )?;
        return Err(ApiError::bad(
            codes::CODE_WRONG,
            "The verification code is wrong.",
        ));
    }
    Ok(id)
}

/// Marks a checked code used; a code spent meanwhile (a concurrent request) is refused.
pub fn spend_code(conn: &Connection, id: i64) -> Result<(), ApiError> {
    let n = conn.execute(
        "UPDATE sms_codes SET used = 1 WHERE id = ?1 AND used = 0",
        params![id],
    )?;
    if n == 1 {
        Ok(())
    } else {
        Err(ApiError::bad(
            codes::CODE_EXPIRED,
            "The verification code was already used; send a new one.",
        ))
    }
}
