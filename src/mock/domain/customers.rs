//! Customers: create, list, identity checks and the registration codes sent by SMS.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use subtle::ConstantTimeEq;

use rusqlite::types::Value;

use super::{
    ApiError, Caller, Where, acting_partner, check_len, fmt_time, hex_id, like, mask_phone, new_id,
    page, send_message, text, time,
};
use crate::api::error::codes;
use crate::api::{
    AccountManager, CheckUserIdentityReq, CheckUserIdentityResp, CreateSubCustomerReq,
    CreateSubCustomerResp, CustomerInfo, ListSubCustomersReq, ListSubCustomersResp,
    SendVerificationCodeReq,
};

/// Registrations one phone number may hold.
pub const REGISTRATIONS_PER_PHONE: i64 = 5;
/// Codes a partner may have sent per hour and per day (CBC.99004015).
pub const CODES_PER_HOUR: i64 = 15;
pub const CODES_PER_DAY: i64 = 60;
/// Wrong entries after which a registration code is dead (CBC.99004009: "more than 3").
pub const CODE_MAX_FAILURES: i64 = 3;

/// The fields of a customer the fund and order rules need.
#[derive(Debug, Clone)]
pub struct CustomerRow {
    pub id: String,
    pub partner_id: String,
    pub account_name: String,
    pub association_type: String,
    /// Allocated balance and debt, in fen.
    pub balance: i64,
    pub debt: i64,
}

/// Loads a customer that belongs to `partner_id`; anyone else's is CBC.99000035.
pub fn own_customer(
    conn: &Connection,
    partner_id: &str,
    customer_id: &str,
) -> Result<CustomerRow, ApiError> {
    conn.query_row(
        "SELECT id, partner_id, account_name, association_type, balance, debt FROM customers WHERE id = ?1",
        params![customer_id],
        |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                partner_id: r.get(1)?,
                account_name: r.get(2)?,
                association_type: r.get(3)?,
                balance: r.get(4)?,
                debt: r.get(5)?,
            })
        },
    )
    .optional()?
    .filter(|c| c.partner_id == partner_id)
    .ok_or_else(|| {
        ApiError::bad(
            codes::NOT_YOUR_CUSTOMER,
            format!("Customer {customer_id} is not your customer."),
        )
    })
}

/// The account-name rule of create_sub_customer and check_user_identity.
pub fn valid_account_name(name: &str) -> bool {
    let len = name.chars().count();
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '-');
    (5..=32).contains(&len)
        && first_ok
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !name.starts_with("op_")
        && !name.starts_with("shadow_")
        && !name.chars().all(|c| c.is_ascii_digit())
}

/// A mainland-China mobile number: 11 digits starting with 1.
pub fn valid_cn_mobile(phone: &str) -> bool {
    phone.len() == 11 && phone.starts_with('1') && phone.chars().all(|c| c.is_ascii_digit())
}

/// ≥ 8 characters, at least two of upper / lower / digit / special, not the name or the
/// name reversed, not containing the phone.
pub fn valid_password(password: &str, name: &str, phone: Option<&str>) -> bool {
    let classes = [
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let reversed: String = name.chars().rev().collect();
    password.chars().count() >= 8
        && password.chars().count() <= 32
        && classes >= 2
        && !password.eq_ignore_ascii_case(name)
        && !password.eq_ignore_ascii_case(&reversed)
        && phone.is_none_or(|p| !password.contains(p))
}

fn code_hash(phone: &str, scene: i32, code: &str) -> String {
    crate::api::signing::sha256_hex(format!("{phone}|{scene}|{code}").as_bytes())
}

/// Checks a registration code before the create's transaction, so that a wrong entry is
/// counted even though the create fails; the code is spent by [`create`].
pub fn check_registration_code(
    conn: &Connection,
    caller: &Caller,
    req: &CreateSubCustomerReq,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    match (
        req.mobile_phone.as_deref().filter(|p| valid_cn_mobile(p)),
        req.verification_code.as_deref().filter(|c| !c.is_empty()),
    ) {
        (Some(phone), Some(code)) => {
            check_code(conn, &caller.partner_id, phone, 29, None, code, now).map(|_| ())
        }
        _ => Ok(()),
    }
}

/// create_sub_customer, inside the caller's transaction.
pub fn create(
    tx: &Connection,
    caller: &Caller,
    platform_id: &str,
    req: &CreateSubCustomerReq,
    now: DateTime<Utc>,
) -> Result<CreateSubCustomerResp, ApiError> {
    if req.xaccount_id.is_empty() || req.xaccount_id.chars().count() > 128 {
        return Err(ApiError::param("xaccount_id must be 1 to 128 characters."));
    }
    if req.xaccount_type != platform_id {
        return Err(ApiError::bad(
            "CBC.99000004",
            format!(
                "xaccount_type {:?} is not your platform id.",
                req.xaccount_type
            ),
        ));
    }
    for (field, value) in [
        ("verification_code", &req.verification_code),
        ("password", &req.password),
    ] {
        if value.as_deref() == Some("") {
            return Err(ApiError::param(format!("{field} must not be empty.")));
        }
    }
    let owner = acting_partner(tx, caller, &req.indirect_partner_id)?;
    let name = match req.domain_name.as_deref() {
        None | Some("") => format!("hw{}", &new_id()[..30]),
        Some(n) if valid_account_name(n) => n.to_string(),
        Some(n) => {
            return Err(ApiError::bad(
                codes::BAD_NAME,
                format!(
                    "Account name {n:?} is invalid: 5–32 letters, digits, _ or -, starting with a letter, _ or -."
                ),
            ));
        }
    };
    if let Some(pw) = &req.password
        && !valid_password(pw, &name, req.mobile_phone.as_deref())
    {
        return Err(ApiError::bad(
            codes::BAD_PASSWORD,
            "The password must have 8–32 characters of at least two kinds (upper, lower, digit, special) and must not be the name or contain the phone.",
        ));
    }
    let exists: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM customers WHERE account_name = ?1)",
        params![name],
        |r| r.get(0),
    )?;
    if exists {
        return Err(ApiError::bad(
            codes::NAME_EXISTS,
            format!("Account name {name} already exists."),
        ));
    }
    let duplicate: bool = tx.query_row(
        "SELECT EXISTS(SELECT 1 FROM customers WHERE partner_id = ?1 AND xaccount_type = ?2 AND xaccount_id = ?3)",
        params![owner, req.xaccount_type, req.xaccount_id],
        |r| r.get(0),
    )?;
    if duplicate {
        return Err(ApiError::bad(
            codes::DUPLICATE_XACCOUNT,
            format!("xaccount_id {} is already used.", req.xaccount_id),
        ));
    }
    if let Some(phone) = req.mobile_phone.as_deref().filter(|p| !p.is_empty()) {
        if !valid_cn_mobile(phone) {
            return Err(ApiError::bad(
                codes::BAD_PHONE,
                "The mobile phone number is invalid.",
            ));
        }
        let used: i64 = tx.query_row(
            "SELECT COUNT(*) FROM customers WHERE telephone = ?1",
            params![phone],
            |r| r.get(0),
        )?;
        if used >= REGISTRATIONS_PER_PHONE {
            return Err(ApiError::bad(
                "CBC.99000030",
                "This phone number has reached its registration limit.",
            ));
        }
        let code = req.verification_code.as_deref().ok_or_else(|| {
            ApiError::param(
                "verification_code is required with mobile_phone: send one first (scene 29).",
            )
        })?;
        let id = check_code(tx, &caller.partner_id, phone, 29, None, code, now)?;
        spend_code(tx, id)?;
    }
    let id = hex_id(&format!("customer|{name}|{}", new_id()));
    let phone = req.mobile_phone.as_deref().filter(|p| !p.is_empty());
    let association_type = if req.cooperation_type.as_deref() == Some("1") {
        "1"
    } else {
        "2"
    };
    tx.execute(
        "INSERT INTO customers (id, partner_id, account_name, associated_on, association_type,
             telephone, country_code, email, xaccount_id, xaccount_type, customer_level)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'V0')",
        params![
            id,
            owner,
            name,
            fmt_time(now),
            association_type,
            phone,
            phone.map(|_| "0086"),
            req.email,
            req.xaccount_id,
            req.xaccount_type,
        ],
    )?;
    Ok(CreateSubCustomerResp {
        domain_id: Some(id),
        domain_name: Some(name),
    })
}

pub fn list(
    conn: &Connection,
    caller: &Caller,
    req: &ListSubCustomersReq,
) -> Result<ListSubCustomersResp, ApiError> {
    if req.offset.is_some_and(|o| o > 40_000_000) {
        return Err(ApiError::param("offset must be at most 40000000"));
    }
    let (offset, limit) = page(req.offset, req.limit)?;
    for (f, v) in [
        ("account_name", &req.account_name),
        ("customer", &req.customer),
        ("label", &req.label),
        ("customer_id", &req.customer_id),
    ] {
        check_len(f, v, 64)?;
    }
    if let Some(t) = req.association_type.as_deref()
        && !["1", "2", "3", ""].contains(&t)
    {
        return Err(ApiError::param("association_type must be \"1\" or \"2\"."));
    }
    let owner = acting_partner(conn, caller, &req.indirect_partner_id)?;
    let (count, infos) = Where::new("partner_id = ?", vec![Value::Text(owner)])
        .and("account_name LIKE ?", like(&req.account_name))
        .and("real_name LIKE ?", like(&req.customer))
        .and("label LIKE ?", like(&req.label))
        .and("association_type = ?", text(&req.association_type))
        .and(
            "associated_on >= ?",
            time("associated_on_begin", &req.associated_on_begin)?,
        )
        .and(
            "associated_on <= ?",
            time("associated_on_end", &req.associated_on_end)?,
        )
        .and("id = ?", text(&req.customer_id))
        .page(
            conn,
            "customers",
            "id, account_name, real_name, associated_on, association_type, label, telephone,
             country_code, email, verified_status, customer_type, is_frozen, account_manager,
             xaccount_id, xaccount_type, customer_level",
            "associated_on DESC, id",
            limit,
            offset,
            |r| {
                let manager: Option<String> = r.get(12)?;
                Ok(CustomerInfo {
                    customer_id: r.get(0)?,
                    account_name: r.get(1)?,
                    customer: r.get(2)?,
                    associated_on: r.get(3)?,
                    association_type: r.get(4)?,
                    label: r.get(5)?,
                    telephone: r.get(6)?,
                    country_code: r.get(7)?,
                    email: r.get(8)?,
                    verified_status: r.get(9)?,
                    customer_type: r.get(10)?,
                    is_frozen: r.get(11)?,
                    account_managers: Some(
                        manager
                            .map(|m| {
                                vec![AccountManager {
                                    account_name: Some(m),
                                }]
                            })
                            .unwrap_or_default(),
                    ),
                    xaccount_id: r.get(13)?,
                    xaccount_type: r.get(14)?,
                    customer_level: r.get(15)?,
                })
            },
        )?;
    Ok(ListSubCustomersResp {
        count,
        customer_infos: infos,
    })
}

pub fn check_identity(
    conn: &Connection,
    req: &CheckUserIdentityReq,
) -> Result<CheckUserIdentityResp, ApiError> {
    let value = req.search_value.as_str();
    if value.is_empty() || value.chars().count() > 64 {
        return Err(ApiError::param("search_value must be 1 to 64 characters."));
    }
    let (used, remaining) = match req.search_type.as_str() {
        "name" => {
            if !valid_account_name(value) {
                return Err(ApiError::bad(
                    codes::BAD_NAME,
                    format!("Account name {value:?} is invalid."),
                ));
            }
            let used: bool = conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM customers WHERE account_name = ?1)",
                params![value],
                |r| r.get(0),
            )?;
            (used, None)
        }
        "mobile" => {
            let phone = value
                .strip_prefix("0086-")
                .filter(|p| valid_cn_mobile(p))
                .ok_or_else(|| {
                    ApiError::bad(codes::BAD_PHONE, "Mobile must look like 0086-13XXXXXXXXX.")
                })?;
            let n: i64 = conn.query_row(
                "SELECT COUNT(*) FROM customers WHERE telephone = ?1",
                params![phone],
                |r| r.get(0),
            )?;
            (n > 0, Some((REGISTRATIONS_PER_PHONE - n).max(0) as i32))
        }
        "email" => {
            if !value.contains('@') {
                return Err(ApiError::param("email must be a full address."));
            }
            let used: bool = conn.query_row(
                "SELECT EXISTS(SELECT 1 FROM customers WHERE email = ?1 COLLATE NOCASE)",
                params![value],
                |r| r.get(0),
            )?;
            (used, None)
        }
        other => {
            return Err(ApiError::param(format!(
                "search_type must be email, mobile or name, got {other:?}"
            )));
        }
    };
    Ok(CheckUserIdentityResp {
        error_code: None,
        error_msg: None,
        check_result: Some(if used { "used_by_user" } else { "available" }.into()),
        mobile_remain_available_num: remaining,
    })
}

/// send_verification_message_code: a 6-digit code by SMS, kept hashed, limited per partner.
pub fn send_code(
    conn: &mut Connection,
    caller: &Caller,
    req: &SendVerificationCodeReq,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if req.receiver_type != 1 {
        return Err(ApiError::param(
            "receiver_type must be 1 (SMS) on this site.",
        ));
    }
    let phone = req
        .mobile_phone
        .as_deref()
        .ok_or_else(|| ApiError::param("mobile_phone is required."))?;
    if !valid_cn_mobile(phone) {
        return Err(ApiError::bad(
            codes::BAD_PHONE,
            "The mobile phone number is invalid.",
        ));
    }
    let scene = req.scene.unwrap_or(29);
    if scene != 29 && scene != 18 {
        return Err(ApiError::param(
            "scene must be 29 (registration) or 18 (bank-card real-name).",
        ));
    }
    if let Some(lang) = req.lang.as_deref()
        && !["zh-cn", "en-us"].contains(&lang)
    {
        return Err(ApiError::param("lang must be zh-cn or en-us."));
    }
    let tx = conn.transaction()?;
    if scene == 18 {
        let cid = req
            .customer_id
            .as_deref()
            .ok_or_else(|| ApiError::param("customer_id is required with scene 18."))?;
        // No code for a customer whose submission would be refused anyway.
        super::realname::eligible(&tx, caller, cid)?;
    }
    super::verification::check_send_limit(&tx, &caller.partner_id, now)?;
    // `timeout` is minutes, default 10; any value above 60 is forced to 5.
    let minutes = match req.timeout {
        None => 10,
        Some(t) if t <= 0 => return Err(ApiError::param("timeout must be positive.")),
        Some(t) if t > 60 => 5,
        Some(t) => t as i64,
    };
    let code = format!("{:06}", rand_code());
    tx.execute(
        "INSERT INTO sms_codes (partner_id, phone, scene, customer_id, code_hash, sent_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            caller.partner_id,
            phone,
            scene,
            req.customer_id,
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
        &tx,
        Some(&caller.partner_id),
        "sms",
        phone,
        &format!(
            "[Huawei Cloud] Your {purpose} verification code is {code}, valid for {minutes} minutes."
        ),
        now,
    )?;
    tx.commit()?;
    tracing::info!(to = %mask_phone(phone), scene, "verification code sent");
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_name_rule() {
        assert!(valid_account_name("acme_corp"));
        assert!(valid_account_name("-abcde"));
        assert!(!valid_account_name("abcd"), "too short");
        assert!(!valid_account_name("1abcde"), "starts with a digit");
        assert!(!valid_account_name("op_abcde"));
        assert!(!valid_account_name("shadow_abc"));
        assert!(!valid_account_name("abc def"));
        assert!(!valid_account_name(&"a".repeat(33)));
        assert!(!valid_account_name("华信云科技"));
    }

    #[test]
    fn password_rule() {
        assert!(valid_password("Passw0rd!", "acme_corp", None));
        assert!(!valid_password("password", "acme_corp", None), "one class");
        assert!(!valid_password("Ab1", "acme_corp", None), "short");
        assert!(!valid_password("Acme_Corp", "acme_corp", None), "the name");
        assert!(!valid_password(
            "x13800000001A",
            "acme_corp",
            Some("13800000001")
        ));
    }
}
