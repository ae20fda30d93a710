//! Switching a customer's association type (docs/design.md §3): referral (顾问销售) ↔ reseller
//! (代售). The partner asks, with a reason and a code; the switch is blocked while the
//! customer has unexpired reserved instances or an enterprise master/sub link, and while
//! a reseller-type customer still holds allocated funds (they could not be recalled
//! from a referral customer). The request stays pending until the customer accepts or
//! declines in their account centre — in the mock, an admin call or `--live` — and the
//! partner is told by e-mail.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::own_customer;
use super::{ApiError, Caller, fmt_time, new_id, send_message};
use pc_api::error::codes;
use pc_api::money::from_fen;
use pc_api::partner_center::{
    AssociationStatus, REFERRAL, SWITCH_ACCEPTED, SWITCH_DECLINED, SWITCH_PENDING,
    SWITCH_REASON_MAX, SwitchRequest, other_association,
};
use pc_api::rules::type_name;

const COLUMNS: &str = "s.id, s.customer_id, c.account_name, s.from_type, s.to_type, s.reason, s.status, s.requested_at, s.answered_at";

fn row(r: &rusqlite::Row) -> rusqlite::Result<SwitchRequest> {
    Ok(SwitchRequest {
        switch_id: r.get(0)?,
        customer_id: r.get(1)?,
        account_name: r.get(2)?,
        from_type: r.get(3)?,
        to_type: r.get(4)?,
        reason: r.get(5)?,
        status: r.get(6)?,
        requested_at: r.get(7)?,
        answered_at: r.get(8)?,
    })
}

fn pending_of(conn: &Connection, customer_id: &str) -> Result<Option<SwitchRequest>, ApiError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM association_switches s JOIN customers c ON c.id = s.customer_id
                 WHERE s.customer_id = ?1 AND s.status = 'pending'"
            ),
            params![customer_id],
            row,
        )
        .optional()?)
}

/// The facts that decide whether the customer's type can be switched.
pub fn status(
    conn: &Connection,
    caller: &Caller,
    customer_id: &str,
    now: DateTime<Utc>,
) -> Result<AssociationStatus, ApiError> {
    let c = own_customer(conn, &caller.partner_id, customer_id)?;
    let (reserved, link): (Option<String>, Option<String>) = conn.query_row(
        "SELECT reserved_until, enterprise_link FROM customers WHERE id = ?1",
        params![customer_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(AssociationStatus {
        customer_id: c.id.clone(),
        account_name: c.account_name,
        association_type: c.association_type,
        // Expired reserved instances no longer block anything.
        reserved_instances_until: reserved.filter(|until| *until > fmt_time(now)),
        enterprise_link: link,
        balance: from_fen(c.balance),
        pending: pending_of(conn, &c.id)?,
    })
}

/// The partner asks to switch: checked, recorded as pending, and the customer told.
pub fn request(
    conn: &Connection,
    caller: &Caller,
    customer_id: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<SwitchRequest, ApiError> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > SWITCH_REASON_MAX {
        return Err(ApiError::param(format!(
            "reason is required: 1 to {SWITCH_REASON_MAX} characters."
        )));
    }
    let s = status(conn, caller, customer_id, now)?;
    if let Some(p) = &s.pending {
        return Err(ApiError::bad(
            codes::SWITCH_PENDING,
            format!(
                "A switch request ({}) is already waiting for the customer's answer.",
                p.switch_id
            ),
        ));
    }
    if let Some(until) = &s.reserved_instances_until {
        return Err(ApiError::bad(
            codes::SWITCH_RESERVED,
            format!("The customer has reserved instances valid until {until}."),
        ));
    }
    if let Some(link) = &s.enterprise_link {
        return Err(ApiError::bad(
            codes::SWITCH_ENTERPRISE,
            format!("The customer is the {link} account of an enterprise master/sub link."),
        ));
    }
    let to = other_association(&s.association_type);
    if to == REFERRAL && !s.balance.is_zero() {
        return Err(ApiError::bad(
            codes::SWITCH_BALANCE,
            format!(
                "The customer still holds ¥{} you allocated: recall it first.",
                s.balance
            ),
        ));
    }
    let id = format!("SW{}", &new_id()[..14].to_uppercase());
    conn.execute(
        "INSERT INTO association_switches (id, partner_id, customer_id, from_type, to_type, reason, status, requested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7)",
        params![id, caller.partner_id, s.customer_id, s.association_type, to, reason, fmt_time(now)],
    )?;
    let contact: (Option<String>, Option<String>) = conn.query_row(
        "SELECT telephone, email FROM customers WHERE id = ?1",
        params![s.customer_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let body = format!(
        "Your partner asks to change how your account is associated ({}). Accept or decline in your account centre. Reason: {reason}",
        type_name(to)
    );
    if let Some(email) = contact.1 {
        send_message(conn, Some(&caller.partner_id), "email", &email, &body, now)?;
    } else if let Some(phone) = contact.0 {
        send_message(conn, Some(&caller.partner_id), "sms", &phone, &body, now)?;
    }
    one(conn, &id)
}

fn one(conn: &Connection, switch_id: &str) -> Result<SwitchRequest, ApiError> {
    conn.query_row(
        &format!(
            "SELECT {COLUMNS} FROM association_switches s JOIN customers c ON c.id = s.customer_id WHERE s.id = ?1"
        ),
        params![switch_id],
        row,
    )
    .optional()?
    .ok_or_else(|| ApiError::not_found(format!("No switch request {switch_id}.")))
}

/// The partner's most recent switch requests, newest first.
pub fn list(conn: &Connection, caller: &Caller) -> Result<Vec<SwitchRequest>, ApiError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM association_switches s JOIN customers c ON c.id = s.customer_id
         WHERE s.partner_id = ?1 ORDER BY s.requested_at DESC, s.id LIMIT 100"
    ))?;
    let rows = stmt
        .query_map(params![caller.partner_id], row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Whether a switch of the customer to referral waits for their answer.
pub fn switching_to_referral(conn: &Connection, customer_id: &str) -> Result<bool, ApiError> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM association_switches WHERE customer_id = ?1 AND status = 'pending' AND to_type = ?2)",
        params![customer_id, REFERRAL],
        |r| r.get(0),
    )?)
}

/// The ids of every pending request, oldest first (for `--live`).
pub fn pending_ids(conn: &Connection) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare(
        "SELECT id FROM association_switches WHERE status = 'pending' ORDER BY requested_at, id",
    )?;
    let ids = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ids)
}

/// The customer's side: accept (the type changes) or decline. The partner is told.
pub fn answer(
    conn: &Connection,
    switch_id: &str,
    accept: bool,
    now: DateTime<Utc>,
) -> Result<SwitchRequest, ApiError> {
    let s = one(conn, switch_id)?;
    if s.status != SWITCH_PENDING {
        return Err(ApiError::bad(
            codes::SWITCH_ANSWERED,
            format!("Switch request {switch_id} was already {}.", s.status),
        ));
    }
    // Funds allocated to a reseller-type customer could not be recalled from a
    // referral one: they must come back first.
    if accept && s.to_type == REFERRAL {
        let balance: i64 = conn.query_row(
            "SELECT balance FROM customers WHERE id = ?1",
            params![s.customer_id],
            |r| r.get(0),
        )?;
        if balance != 0 {
            return Err(ApiError::bad(
                codes::SWITCH_BALANCE,
                format!(
                    "{} still holds ¥{} allocated by the partner: it must be recalled before the switch can be accepted.",
                    s.account_name,
                    from_fen(balance)
                ),
            ));
        }
    }
    let status = if accept {
        SWITCH_ACCEPTED
    } else {
        SWITCH_DECLINED
    };
    conn.execute(
        "UPDATE association_switches SET status = ?2, answered_at = ?3 WHERE id = ?1",
        params![switch_id, status, fmt_time(now)],
    )?;
    if accept {
        conn.execute(
            "UPDATE customers SET association_type = ?2 WHERE id = ?1",
            params![s.customer_id, s.to_type],
        )?;
    }
    let (partner, email): (String, Option<String>) = conn.query_row(
        "SELECT p.id, p.email FROM association_switches s JOIN partners p ON p.id = s.partner_id WHERE s.id = ?1",
        params![switch_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some(email) = email {
        let body = format!(
            "Customer {} {status} the switch to {} ({switch_id}).",
            s.account_name,
            type_name(&s.to_type)
        );
        send_message(conn, Some(&partner), "email", &email, &body, now)?;
    }
    one(conn, switch_id)
}
