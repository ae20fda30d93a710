//! Verification codes for sensitive operations (docs/design.md §3): a challenge per scene, sent
//! by SMS or e-mail to the partner's registered phone or e-mail, 6 digits, 5 minutes,
//! single use, 5 wrong entries kill it, a new one after 60 s, at most 15 an hour and 60
//! a day per partner. Stored hashed (salted by the challenge id), compared in constant
//! time, bound to partner + scene + the operation's key fields.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use subtle::ConstantTimeEq;

use super::sms_codes::check_send_limit;
use super::{ApiError, Caller, fmt_time, new_id, send_message};
use pc_api::error::codes;
use pc_api::partner_center::{
    Challenge, ChallengeReq, Channel, Scene, Verification, VerificationSetting, binding,
};
use pc_api::{mask_email, mask_phone};

pub const CODE_VALID: TimeDelta = TimeDelta::minutes(5);
pub const RESEND_AFTER: TimeDelta = TimeDelta::seconds(60);
pub const MAX_FAILURES: i64 = 5;

fn code_hash(challenge_id: &str, code: &str) -> String {
    pc_api::signing::sha256_hex(format!("{challenge_id}|{code}").as_bytes())
}

/// Whether the partner's operations need a code (on unless turned off).
pub fn enabled(conn: &Connection, partner_id: &str) -> Result<bool, ApiError> {
    let on: Option<bool> = conn
        .query_row(
            "SELECT verification FROM partner_settings WHERE partner_id = ?1",
            params![partner_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(on.unwrap_or(true))
}

fn contacts(
    conn: &Connection,
    partner_id: &str,
) -> Result<(Option<String>, Option<String>), ApiError> {
    Ok(conn.query_row(
        "SELECT phone, email FROM partners WHERE id = ?1",
        params![partner_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

pub fn setting(conn: &Connection, caller: &Caller) -> Result<VerificationSetting, ApiError> {
    let (phone, email) = contacts(conn, &caller.partner_id)?;
    Ok(VerificationSetting {
        enabled: enabled(conn, &caller.partner_id)?,
        phone: phone.as_deref().map(mask_phone),
        email: email.as_deref().map(mask_email),
    })
}

/// The binding for a challenge request: amounts (the last field of the transfer and
/// price scenes) are normalised to 2 decimals, as the write computes them.
fn challenge_binding(req: &ChallengeReq) -> Result<String, ApiError> {
    let expected = match req.scene {
        Scene::PayOrders => None,
        Scene::AdjustPrice
        | Scene::ResellerAllocate
        | Scene::ResellerRecall
        | Scene::CustomerAllocate
        | Scene::CustomerRecall
        | Scene::PayPlan => Some(2),
        // quota id, amount, reseller
        Scene::QuotaGive => Some(3),
        Scene::CouponRecall
        | Scene::ProfilePhone
        | Scene::ProfilePhoneNew
        | Scene::ProfileEmail
        | Scene::SwitchAssociation => Some(1),
        Scene::VerificationOff | Scene::ProfilePassword => Some(0),
        Scene::CouponIssue | Scene::QuotaTake => None,
    };
    let n = req.target.len();
    let ok = match (expected, req.scene) {
        (Some(e), _) => n == e,
        // quota id, face value, then one or more customers
        (None, Scene::CouponIssue) => (3..=102).contains(&n),
        // one to ten of the resellers' quotas
        (None, Scene::QuotaTake) => (1..=10).contains(&n),
        // the payment method, then 1 to 30 orders
        (None, Scene::PayOrders) => {
            (2..=31).contains(&n) && ["balance", "credit"].contains(&req.target[0].as_str())
        }
        (None, _) => (1..=100).contains(&n),
    };
    if !ok || req.target.iter().any(|t| t.is_empty() || t.len() > 64) {
        return Err(ApiError::param(format!(
            "target does not fit scene {}: give the operation's key fields.",
            req.scene.as_str()
        )));
    }
    let mut fields = req.target.clone();
    let amount_at = match req.scene {
        Scene::AdjustPrice
        | Scene::ResellerAllocate
        | Scene::ResellerRecall
        | Scene::CustomerAllocate
        | Scene::CustomerRecall => Some(1),
        Scene::CouponIssue | Scene::QuotaGive => Some(1),
        _ => None,
    };
    if let Some(i) = amount_at {
        let amount: rust_decimal::Decimal = fields[i]
            .parse()
            .map_err(|_| ApiError::param(format!("target[{i}] must be an amount.")))?;
        fields[i] = money_key(amount);
    }
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    Ok(binding(req.scene, &refs))
}

pub use pc_api::partner_center::money_key;

/// Sends a code for one operation.
pub fn challenge(
    conn: &mut Connection,
    caller: &Caller,
    req: &ChallengeReq,
    now: DateTime<Utc>,
) -> Result<Challenge, ApiError> {
    let bound = challenge_binding(req)?;
    let tx = conn.transaction()?;
    if !always(req.scene) && !enabled(&tx, &caller.partner_id)? {
        return Err(ApiError::bad(
            codes::VERIFICATION_OFF,
            "Verification codes are turned off for your account: no code is needed.",
        ));
    }
    let (phone, email) = contacts(&tx, &caller.partner_id)?;
    let (recipient, masked) = match (req.scene, req.channel) {
        // A new phone's own code goes to that number, by SMS.
        (Scene::ProfilePhoneNew, Channel::Sms) => {
            let new = &req.target[0];
            if !pc_api::rules::valid_cn_mobile(new) {
                return Err(ApiError::param(
                    "target must be the new phone: 11 digits starting with 1.",
                ));
            }
            Some((new.clone(), mask_phone(new)))
        }
        (Scene::ProfilePhoneNew, Channel::Email) => {
            return Err(ApiError::param(
                "A new phone's code goes to it by SMS: channel must be sms.",
            ));
        }
        (_, Channel::Sms) => phone.map(|p| (p.clone(), mask_phone(&p))),
        (_, Channel::Email) => email.map(|e| (e.clone(), mask_email(&e))),
    }
    .ok_or_else(|| {
        ApiError::param("No phone or e-mail is registered for this channel; use the other one.")
    })?;
    let last: Option<String> = tx
        .query_row(
            "SELECT MAX(created_at) FROM challenges WHERE partner_id = ?1 AND scene = ?2 AND binding = ?3",
            params![caller.partner_id, req.scene.as_str(), bound],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(last) = last
        && let Ok(t) = super::parse_time("created_at", &last)
        && now < t + RESEND_AFTER
    {
        let wait = (t + RESEND_AFTER - now).num_seconds().max(1);
        return Err(ApiError::bad(
            codes::RESEND_TOO_EARLY,
            format!(
                "A code was just sent for this operation; you can ask for a new one in {wait} s."
            ),
        ));
    }
    check_send_limit(&tx, &caller.partner_id, now)?;
    let id = new_id();
    let code = format!("{:06}", uuid::Uuid::new_v4().as_u128() % 1_000_000);
    let expires = now + CODE_VALID;
    tx.execute(
        "INSERT INTO challenges (id, partner_id, scene, binding, channel, code_hash, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            caller.partner_id,
            req.scene.as_str(),
            bound,
            match req.channel {
                Channel::Sms => "sms",
                Channel::Email => "email",
            },
            code_hash(&id, &code),
            fmt_time(now),
            fmt_time(expires),
        ],
    )?;
    let channel = match req.channel {
        Channel::Sms => "sms",
        Channel::Email => "email",
    };
    send_message(
        &tx,
        Some(&caller.partner_id),
        channel,
        &recipient,
        &format!(
            "[Huawei Cloud] Your verification code is {code}. It confirms: {}. Valid for 5 minutes; do not share it.",
            describe(req.scene)
        ),
        now,
    )?;
    tx.commit()?;
    tracing::info!(to = %masked, scene = req.scene.as_str(), "partner verification code sent");
    Ok(Challenge {
        challenge_id: id,
        channel: req.channel,
        masked_recipient: masked,
        expires_at: fmt_time(expires),
        resend_after: fmt_time(now + RESEND_AFTER),
        expires_in: CODE_VALID.num_seconds(),
        resend_in: RESEND_AFTER.num_seconds(),
        attempts_left: MAX_FAILURES as i32,
    })
}

fn describe(scene: Scene) -> &'static str {
    match scene {
        Scene::PayOrders => "paying customer orders on their behalf",
        Scene::AdjustPrice => "adjusting an order's price",
        Scene::ResellerAllocate => "allocating funds to a reseller",
        Scene::ResellerRecall => "recalling funds from a reseller",
        Scene::CustomerAllocate => "allocating funds to a customer",
        Scene::CustomerRecall => "recalling funds from a customer",
        Scene::PayPlan => "paying a contract instalment",
        Scene::CouponIssue => "issuing coupons",
        Scene::CouponRecall => "recalling a coupon",
        Scene::QuotaGive => "giving a reseller a coupon quota",
        Scene::QuotaTake => "taking back resellers' coupon quotas",
        Scene::VerificationOff => "turning off verification codes",
        Scene::ProfilePhone => "changing your account's phone number",
        Scene::ProfilePhoneNew => "making this number your partner account's phone",
        Scene::ProfileEmail => "changing your account's e-mail address",
        Scene::ProfilePassword => "changing your account's password",
        Scene::SwitchAssociation => "switching a customer's association type",
    }
}

/// Checks the code of one write (when the partner's setting asks for codes). A wrong
/// entry is counted at once (it counts even though the write does not happen); the code
/// is spent by [`spend`] inside the write's transaction.
/// Scenes whose code is asked for whatever the partner's setting: turning codes off,
/// and a new phone's own code.
fn always(scene: Scene) -> bool {
    matches!(scene, Scene::VerificationOff | Scene::ProfilePhoneNew)
}

pub fn verify(
    conn: &Connection,
    caller: &Caller,
    scene: Scene,
    bound: &str,
    given: Option<&Verification>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if !always(scene) && !enabled(conn, &caller.partner_id)? {
        return Ok(());
    }
    let Some(given) = given else {
        return Err(ApiError::bad(
            codes::VERIFICATION_REQUIRED,
            "This operation needs a verification code: request one for it first.",
        ));
    };
    let row: Option<(String, String, String, String, i64, bool)> = conn
        .query_row(
            "SELECT scene, binding, code_hash, expires_at, failures, used FROM challenges
             WHERE id = ?1 AND partner_id = ?2",
            params![given.challenge_id, caller.partner_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((c_scene, c_binding, hash, expires_at, failures, used)) = row else {
        return Err(ApiError::bad(
            codes::CODE_WRONG,
            "Unknown verification challenge: request a new code.",
        ));
    };
    if used {
        return Err(ApiError::bad(
            codes::CODE_EXPIRED,
            "This code was already used: request a new one.",
        ));
    }
    if failures >= MAX_FAILURES {
        return Err(ApiError::bad(
            codes::CODE_TOO_MANY_FAILURES,
            "The code was entered wrongly 5 times and no longer works: request a new one.",
        ));
    }
    if fmt_time(now) > expires_at {
        return Err(ApiError::bad(
            codes::CODE_EXPIRED,
            "The verification code has expired: request a new one.",
        ));
    }
    if c_scene != scene.as_str() || c_binding != bound {
        return Err(ApiError::bad(
            codes::CODE_OTHER_OPERATION,
            "This code was issued for a different operation: request a code for this one.",
        ));
    }
    let ok: bool = hash
        .as_bytes()
        .ct_eq(code_hash(&given.challenge_id, &given.code).as_bytes())
        .into();
    if !ok {
        conn.execute(
            "UPDATE challenges SET failures = failures + 1 WHERE id = ?1",
            params![given.challenge_id],
        )?;
        let left = MAX_FAILURES - failures - 1;
        return Err(if left <= 0 {
            ApiError::bad(
                codes::CODE_TOO_MANY_FAILURES,
                "Wrong code, 5 times: this code no longer works. Request a new one.",
            )
        } else {
            ApiError::bad(
                codes::CODE_WRONG,
                format!("The verification code is wrong: {left} attempts left."),
            )
        });
    }
    Ok(())
}

/// Spends the code [`verify`] checked, inside the write's transaction: if the write
/// fails, the code is still good for another try. Nothing to spend while the partner's
/// codes are off (except when turning them off).
pub fn spend(
    conn: &Connection,
    caller: &Caller,
    scene: Scene,
    challenge_id: &str,
) -> Result<(), ApiError> {
    if !always(scene) && !enabled(conn, &caller.partner_id)? {
        return Ok(());
    }
    let spent = conn.execute(
        "UPDATE challenges SET used = 1 WHERE id = ?1 AND partner_id = ?2 AND used = 0",
        params![challenge_id, caller.partner_id],
    )?;
    if spent != 1 {
        return Err(ApiError::bad(
            codes::CODE_EXPIRED,
            "This code was already used: request a new one.",
        ));
    }
    Ok(())
}
