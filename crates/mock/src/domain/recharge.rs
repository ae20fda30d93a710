//! Funds in the partner center (docs/design.md §3): the dedicated remittance account for
//! recharges (shown, sent by SMS, its proof file), and payment agreements (代付协议) —
//! listed, voided, and added only while none is valid.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{ApiError, Caller, fmt_time, hex_id, new_id, send_message};
use pc_api::error::codes;
use pc_api::mask_phone;
use pc_api::partner_center::{
    AGREEMENT_VALID, AGREEMENT_VOIDED, Agreement, AgreementsResp, RechargeAccount, SmsSent,
};

/// The partner's own account number: fixed per partner, 19 digits.
fn account_number(partner_id: &str) -> String {
    let digits: String = hex_id(&format!("remit|{partner_id}"))
        .bytes()
        .map(|b| char::from(b'0' + b % 10))
        .take(15)
        .collect();
    format!("1100{digits}")
}

/// Huawei's own cloud entities: partners contracted with one of them recharge through a
/// dedicated remittance account; any other entity's partners through their local
/// Huawei channel manager.
pub const CLOUD_ENTITIES: [&str; 2] = [
    "华为云计算技术有限公司",
    "Huawei Cloud Computing Technologies Co., Ltd.",
];

/// The Huawei entity the partner contracted with, and whether it is one of Huawei's
/// own cloud entities (only those partners have a dedicated remittance account).
pub fn contracting_entity(conn: &Connection, partner_id: &str) -> Result<(String, bool), ApiError> {
    let entity: Option<String> = conn.query_row(
        "SELECT contracting_entity FROM partners WHERE id = ?1",
        params![partner_id],
        |r| r.get(0),
    )?;
    // Partners from before the column existed contracted with the cloud entity.
    let entity = entity.unwrap_or_else(|| CLOUD_ENTITIES[0].to_string());
    let cloud = CLOUD_ENTITIES.contains(&entity.as_str());
    Ok((entity, cloud))
}

pub fn account(conn: &Connection, caller: &Caller) -> Result<RechargeAccount, ApiError> {
    let (entity, cloud) = contracting_entity(conn, &caller.partner_id)?;
    if !cloud {
        return Err(ApiError::bad(
            codes::REMITTANCE_VIA_CHANNEL,
            format!(
                "Your contracting entity is {entity}, not a Huawei Cloud entity: there is no dedicated remittance account. Contact your local Huawei channel manager to recharge."
            ),
        ));
    }
    let name: String = conn.query_row(
        "SELECT name FROM partners WHERE id = ?1",
        params![caller.partner_id],
        |r| r.get(0),
    )?;
    Ok(RechargeAccount {
        account_name: name,
        bank_name: "中国工商银行北京分行营业部 (ICBC Beijing Branch)".into(),
        account_number: account_number(&caller.partner_id),
        currency: super::CURRENCY.into(),
        remark: "Dedicated to your account: a transfer to it is credited to your balance within one working day, with no remark needed.".into(),
    })
}

/// Sends the account to the partner's registered phone.
pub fn send_account(
    conn: &Connection,
    caller: &Caller,
    now: DateTime<Utc>,
) -> Result<SmsSent, ApiError> {
    let a = account(conn, caller)?;
    let phone: Option<String> = conn.query_row(
        "SELECT phone FROM partners WHERE id = ?1",
        params![caller.partner_id],
        |r| r.get(0),
    )?;
    let phone = phone.ok_or_else(|| ApiError::param("No phone is registered for your account."))?;
    // Every SMS counts against the partner's limit, not only the codes.
    super::sms_codes::check_send_limit(conn, &caller.partner_id, now)?;
    conn.execute(
        "INSERT INTO account_sms (partner_id, sent_at) VALUES (?1, ?2)",
        params![caller.partner_id, super::fmt_time(now)],
    )?;
    send_message(
        conn,
        Some(&caller.partner_id),
        "sms",
        &phone,
        &format!(
            "[Huawei Cloud] Your dedicated recharge account: {}, {}, account no. {}.",
            a.account_name, a.bank_name, a.account_number
        ),
        now,
    )?;
    Ok(SmsSent {
        sent_to: mask_phone(&phone),
    })
}

/// The account's proof, as the text file the partner center offers for download.
pub fn proof(conn: &Connection, caller: &Caller, now: DateTime<Utc>) -> Result<String, ApiError> {
    let a = account(conn, caller)?;
    Ok(format!(
        "Huawei Cloud — proof of dedicated remittance account\r\n\r\nAccount holder: Huawei Cloud Computing Technologies Co., Ltd.\r\nFor partner: {}\r\nBank: {}\r\nAccount number: {}\r\nCurrency: {}\r\n\r\n{}\r\nIssued: {}\r\n",
        a.account_name,
        a.bank_name,
        a.account_number,
        a.currency,
        a.remark,
        fmt_time(now)
    ))
}

fn agreement_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Agreement> {
    Ok(Agreement {
        agreement_id: r.get(0)?,
        name: r.get(1)?,
        status: r.get(2)?,
        signed_at: r.get(3)?,
        voided_at: r.get(4)?,
    })
}

pub fn agreements(conn: &Connection, caller: &Caller) -> Result<AgreementsResp, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, status, signed_at, voided_at FROM payment_agreements
         WHERE partner_id = ?1 ORDER BY signed_at DESC, id",
    )?;
    let agreements = stmt
        .query_map(params![caller.partner_id], agreement_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(AgreementsResp { agreements })
}

/// Voids one of the partner's valid agreements.
pub fn void(
    conn: &Connection,
    caller: &Caller,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Agreement, ApiError> {
    let status: Option<String> = conn
        .query_row(
            "SELECT status FROM payment_agreements WHERE id = ?1 AND partner_id = ?2",
            params![id, caller.partner_id],
            |r| r.get(0),
        )
        .optional()?;
    match status.as_deref() {
        None => {
            return Err(ApiError::not_found(format!(
                "Agreement {id} does not exist."
            )));
        }
        Some(AGREEMENT_VALID) => {}
        Some(_) => {
            return Err(ApiError::bad(
                codes::AGREEMENT_NOT_VALID,
                format!("Agreement {id} is already voided."),
            ));
        }
    }
    conn.execute(
        "UPDATE payment_agreements SET status = ?2, voided_at = ?3 WHERE id = ?1",
        params![id, AGREEMENT_VOIDED, fmt_time(now)],
    )?;
    Ok(conn.query_row(
        "SELECT id, name, status, signed_at, voided_at FROM payment_agreements WHERE id = ?1",
        params![id],
        agreement_from_row,
    )?)
}

/// Adds an agreement; refused while one is valid.
pub fn add(
    conn: &Connection,
    caller: &Caller,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Agreement, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(ApiError::param("name must be 1 to 64 characters."));
    }
    let valid: Option<String> = conn
        .query_row(
            "SELECT id FROM payment_agreements WHERE partner_id = ?1 AND status = ?2",
            params![caller.partner_id, AGREEMENT_VALID],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = valid {
        return Err(ApiError::bad(
            codes::AGREEMENT_EXISTS,
            format!("Agreement {id} is still valid: void it before adding a new one."),
        ));
    }
    let agreement = Agreement {
        agreement_id: format!("AG{}", &new_id()[..14]).to_uppercase(),
        name: name.to_string(),
        status: AGREEMENT_VALID.into(),
        signed_at: fmt_time(now),
        voided_at: None,
    };
    insert(conn, &caller.partner_id, &agreement)?;
    Ok(agreement)
}

pub fn insert(conn: &Connection, partner_id: &str, a: &Agreement) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO payment_agreements (id, partner_id, name, status, signed_at, voided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![a.agreement_id, partner_id, a.name, a.status, a.signed_at, a.voided_at],
    )?;
    Ok(())
}
