//! The partner's account change records (收支明细): every change of its cash or credit
//! account, written in the transaction that makes it, with the balance after, so that
//! the records add up to the balance.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::{
    ApiError, CURRENCY, Caller, PartnerKind, Where, acting_partner, fmt_time, new_id, page,
};
use pc_api::money::from_fen;
use pc_api::{
    AccountChangeRecord, AccountChangeRecordsQuery, AccountChangeRecordsResp, BALANCE_TYPE_CREDIT,
    BALANCE_TYPE_DEBIT, TRADE_TYPES,
};

pub const INCOME: i32 = 1;
pub const EXPENSE: i32 = 2;

/// What a change was: its trade type and detail, the order or transfer behind it, and
/// the customer or reseller it went to or came from.
pub struct Change<'a> {
    pub trade_type: &'a str,
    pub detail: &'a str,
    pub trade_id: &'a str,
    pub counterpart: Option<(&'a str, &'a str)>,
}

/// A recharge, as the seed writes them.
pub const RECHARGE: (&str, &str) = ("RECHARGE", "SOURCE_OPERAIION_RECHARGE");
/// A yearly/monthly order paid (the API's own spelling).
pub const DEDUCT: (&str, &str) = ("DEDEUCT", "SOURCE_OPERAIION_DEDEUCT");
pub const ALLOCATE: (&str, &str) = ("BEADJUST", "SOURCE_OPERATION_BEADJUST");
pub const RECALL: (&str, &str) = ("BERETRIEVE", "SOURCE_OPERATION_BERETRIEVE");

/// Writes the change of `partner_id`'s `balance_type` account by `fen` (negative:
/// an expense), which the caller has just made: the balance after is read back.
pub fn record(
    conn: &Connection,
    partner_id: &str,
    balance_type: &str,
    fen: i64,
    change: &Change<'_>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let column = if balance_type == BALANCE_TYPE_CREDIT {
        "credit"
    } else {
        "balance"
    };
    let after: i64 = conn.query_row(
        &format!("SELECT {column} FROM partners WHERE id = ?1"),
        params![partner_id],
        |r| r.get(0),
    )?;
    insert(conn, partner_id, balance_type, fen, after, change, now)
}

/// Writes a change with its balance after, as given (the seed's history).
pub fn insert(
    conn: &Connection,
    partner_id: &str,
    balance_type: &str,
    fen: i64,
    after: i64,
    change: &Change<'_>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    conn.prepare_cached(
        "INSERT INTO account_changes (id, partner_id, balance_type, trade_type, trade_detail_type,
             trade_time, trade_id, change_amount, balance_after, type, customer_id, account_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        format!("AC{}{}", now.format("%Y%m%d%H%M%S"), &new_id()[..10]).to_uppercase(),
        partner_id,
        balance_type,
        change.trade_type,
        change.detail,
        fmt_time(now),
        change.trade_id,
        fen.abs(),
        after,
        if fen < 0 { EXPENSE } else { INCOME },
        change.counterpart.map(|c| c.0),
        change.counterpart.map(|c| c.1),
    ])?;
    Ok(())
}

/// A `YYYY-MM-DD` day in UTC+8 as a UTC time: its first second, or its last.
fn day(field: &str, value: &str, end: bool) -> Result<DateTime<Utc>, ApiError> {
    let d = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
        ApiError::param(format!(
            "{field} must be a date as YYYY-MM-DD, got {value:?}."
        ))
    })?;
    let start = d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - TimeDelta::hours(8);
    Ok(if end {
        start + TimeDelta::days(1) - TimeDelta::seconds(1)
    } else {
        start
    })
}

pub fn list(
    conn: &Connection,
    caller: &Caller,
    q: &AccountChangeRecordsQuery,
    now: DateTime<Utc>,
) -> Result<AccountChangeRecordsResp, ApiError> {
    if !matches!(
        caller.kind,
        PartnerKind::Distributor | PartnerKind::SolutionProvider
    ) {
        return Err(ApiError::forbidden(
            "Only a solution provider or a tier-1 distributor can query its account change records.",
        ));
    }
    let (offset, limit) = page(q.offset, q.limit)?;
    if q.balance_type != BALANCE_TYPE_DEBIT && q.balance_type != BALANCE_TYPE_CREDIT {
        return Err(ApiError::param(format!(
            "balance_type must be BALANCE_TYPE_DEBIT or BALANCE_TYPE_CREDIT, got {:?}.",
            q.balance_type
        )));
    }
    let trade_type = q.trade_type.as_deref().filter(|t| !t.is_empty());
    if let Some(t) = trade_type
        && !TRADE_TYPES.contains(&t)
    {
        return Err(ApiError::param(format!("trade_type {t:?} is unknown.")));
    }
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    // Dates are days in UTC+8: by default the year up to today.
    let today = (now + TimeDelta::hours(8)).format("%Y-%m-%d").to_string();
    let end_day = q.trade_time_end.clone().filter(|d| !d.is_empty());
    let end = day("trade_time_end", end_day.as_deref().unwrap_or(&today), true)?;
    let begin = match q.trade_time_begin.as_deref().filter(|d| !d.is_empty()) {
        Some(d) => day("trade_time_begin", d, false)?,
        None => end - TimeDelta::days(365) + TimeDelta::seconds(1),
    };
    if begin > end {
        return Err(ApiError::param(
            "trade_time_begin must not be after trade_time_end.",
        ));
    }
    if end - begin > TimeDelta::days(366) {
        return Err(ApiError::param(
            "The query may span one year at most (trade_time_begin to trade_time_end).",
        ));
    }
    let (total_count, records) = Where::new(
        "partner_id = ? AND balance_type = ? AND trade_time >= ? AND trade_time <= ?",
        vec![
            Value::Text(partner),
            Value::Text(q.balance_type.clone()),
            Value::Text(fmt_time(begin)),
            Value::Text(fmt_time(end)),
        ],
    )
    .and("trade_type = ?", trade_type.map(|t| Value::Text(t.into())))
    .page(
        conn,
        "account_changes",
        "id, trade_detail_type, trade_time, trade_id, change_amount, balance_after, type, customer_id, account_name",
        "trade_time DESC, n DESC",
        limit,
        offset,
        |r| {
            Ok(AccountChangeRecord {
                account_change_id: r.get(0)?,
                trade_detail_type: r.get(1)?,
                trade_time: r.get(2)?,
                trade_id: r.get(3)?,
                change_amount: from_fen(r.get(4)?).to_string(),
                balance_after_change: from_fen(r.get(5)?).to_string(),
                kind: r.get::<_, i32>(6)?.to_string(),
                customer_id: r.get(7)?,
                account_name: r.get(8)?,
            })
        },
    )?;
    Ok(AccountChangeRecordsResp {
        total_count,
        currency: CURRENCY.into(),
        records,
    })
}
