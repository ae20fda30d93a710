//! Customers: create, list, identity checks and the registration codes sent by SMS.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use rusqlite::types::Value;

use super::sms_codes::{check_code, spend_code};
use super::{
    ApiError, Caller, Where, acting_partner, check_len, fmt_time, hex_id, like, new_id, page, text,
    time,
};
use pc_api::error::codes;
use pc_api::rules::{valid_account_name, valid_cn_mobile, valid_email, valid_password};
use pc_api::site::Site;
use pc_api::{
    AccountManager, CheckUserIdentityReq, CheckUserIdentityResp, CreateSubCustomerReq,
    CreateSubCustomerResp, CustomerInfo, ListSubCustomersReq, ListSubCustomersResp,
    SendVerificationCodeReq,
};

/// Registrations one phone number may hold.
pub const REGISTRATIONS_PER_PHONE: i64 = 5;

/// Checks a registration code before the create's transaction, so that a wrong entry is
/// counted even though the create fails; the code is spent by [`create`].
pub fn check_registration_code(
    conn: &Connection,
    caller: &Caller,
    req: &CreateSubCustomerReq,
    site: Site,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    // The international site registers by e-mail: its code went there, and it wants the
    // customer's country.
    if site == Site::Intl {
        if req.mobile_phone.is_some() {
            return Err(ApiError::param(
                "mobile_phone is not a field on the international site: give email.",
            ));
        }
        let area = req.domain_area.as_deref().unwrap_or("");
        if area.len() != 2 || !area.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(ApiError::param(
                "domain_area is required: the customer's country, ISO 3166 alpha-2 (e.g. MX).",
            ));
        }
        return match (
            req.email.as_deref().filter(|e| valid_email(e)),
            req.verification_code.as_deref().filter(|c| !c.is_empty()),
        ) {
            (Some(email), Some(code)) => {
                check_code(conn, &caller.partner_id, email, 29, None, code, now).map(|_| ())
            }
            (Some(_), None) => Err(ApiError::param("verification_code is required with email.")),
            _ => Ok(()),
        };
    }
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
        .and("account_name LIKE ? ESCAPE '\\'", like(&req.account_name))
        .and("real_name LIKE ? ESCAPE '\\'", like(&req.customer))
        .and("label LIKE ? ESCAPE '\\'", like(&req.label))
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
    site: Site,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (channel, phone) = match site {
        Site::Cn if req.receiver_type != 1 => {
            return Err(ApiError::param(
                "receiver_type must be 1 (SMS) on this site.",
            ));
        }
        Site::Intl if req.receiver_type != 2 => {
            return Err(ApiError::param(
                "receiver_type must be 2 (e-mail) on the international site.",
            ));
        }
        Site::Cn => {
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
            ("sms", phone)
        }
        Site::Intl => {
            let email = req
                .email
                .as_deref()
                .filter(|e| valid_email(e))
                .ok_or_else(|| ApiError::param("email is required, with an @."))?;
            ("email", email)
        }
    };
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
    // `timeout` is minutes, default 10; any value above 60 is forced to 5.
    let minutes = match req.timeout {
        None => 10,
        Some(t) if t <= 0 => return Err(ApiError::param("timeout must be positive.")),
        Some(t) if t > 60 => 5,
        Some(t) => t as i64,
    };
    super::sms_codes::send_code(
        &tx,
        &caller.partner_id,
        channel,
        phone,
        scene,
        req.customer_id.as_deref(),
        minutes,
        now,
    )?;
    tx.commit()?;
    Ok(())
}
