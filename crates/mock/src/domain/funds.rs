//! Funds: resellers, balances, allocations and recalls, and the adjust records. Every
//! transfer moves money in one transaction: the sum of all balances never changes.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::check_request_amount;
use super::ledger;
use super::own_customer;
use super::{
    ApiError, CURRENCY, Caller, MEASURE_YUAN, Where, acting_partner, check_len, fmt_time, like,
    new_id, page, require_distributor, reseller_of, text, time,
};
use pc_api::error::codes;
use pc_api::money::{from_fen, to_fen};
use pc_api::{
    ACCOUNT_ALLOCATABLE, ACCOUNT_BALANCE, ACCOUNT_CREDIT, AccountBalance, AdjustRecord,
    AdjustRecordsQuery, AdjustRecordsResp, CustomerAmountReq, CustomerBalance, CustomerBalancesReq,
    CustomerBalancesResp, IndirectPartner, IndirectPartnerAmountReq, ListIndirectPartnersReq,
    ListIndirectPartnersResp, OP_ALLOCATE, OP_RECLAIM, PartnerBalancesQuery, PartnerBalancesResp,
    TransIdResp, TransferIdResp,
};

/// A partner's (or reseller's) two spendable figures, in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartnerFunds {
    pub balance: i64,
    pub allocatable: i64,
    pub credit: i64,
}

pub fn partner_funds(conn: &Connection, partner_id: &str) -> Result<PartnerFunds, ApiError> {
    conn.query_row(
        "SELECT balance, allocatable, credit FROM partners WHERE id = ?1",
        params![partner_id],
        |r| {
            Ok(PartnerFunds {
                balance: r.get(0)?,
                allocatable: r.get(1)?,
                credit: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| ApiError::internal(format!("partner {partner_id} vanished")))
}

fn amount_fen(amount: Decimal) -> Result<i64, ApiError> {
    check_request_amount(amount).map_err(ApiError::param)?;
    to_fen(amount).ok_or_else(|| ApiError::param("amount is out of range"))
}

fn insufficient(what: &str, have: i64, want: i64) -> ApiError {
    ApiError::bad(
        codes::INSUFFICIENT_BALANCE,
        format!(
            "Insufficient balance: {what} is {} yuan, the operation needs {} yuan.",
            from_fen(have),
            from_fen(want)
        ),
    )
}

/// Moves `fen` out of a partner's balance and allocatable balance.
fn debit_partner(
    conn: &Connection,
    partner_id: &str,
    fen: i64,
    what: &str,
) -> Result<(), ApiError> {
    let f = partner_funds(conn, partner_id)?;
    let have = f.balance.min(f.allocatable);
    if have < fen {
        return Err(insufficient(what, have, fen));
    }
    conn.execute(
        "UPDATE partners SET balance = balance - ?2, allocatable = allocatable - ?2 WHERE id = ?1",
        params![partner_id, fen],
    )?;
    Ok(())
}

fn credit_partner(conn: &Connection, partner_id: &str, fen: i64) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE partners SET balance = balance + ?2, allocatable = allocatable + ?2 WHERE id = ?1",
        params![partner_id, fen],
    )?;
    Ok(())
}

fn account_name(conn: &Connection, partner_id: &str) -> Result<String, ApiError> {
    Ok(conn.query_row(
        "SELECT account_name FROM partners WHERE id = ?1",
        params![partner_id],
        |r| r.get(0),
    )?)
}

/// The account change record of a transfer's side: `fen` in (positive) or out.
fn moved(
    conn: &Connection,
    partner_id: &str,
    fen: i64,
    (trade_type, detail): (&str, &str),
    trade_id: &str,
    counterpart: (&str, &str),
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let change = ledger::Change {
        trade_type,
        detail,
        trade_id,
        counterpart: Some(counterpart),
    };
    ledger::record(
        conn,
        partner_id,
        pc_api::BALANCE_TYPE_DEBIT,
        fen,
        &change,
        now,
    )
}

#[allow(clippy::too_many_arguments)]
fn record(
    conn: &Connection,
    partner_id: &str,
    target_id: &str,
    target_name: &str,
    operation_type: &str,
    fen: i64,
    scene: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let trans_id = format!("{}{}", now.format("%Y%m%d%H%M%S"), &new_id()[..12]).to_uppercase();
    conn.execute(
        "INSERT INTO adjust_records (trans_id, partner_id, target_id, target_name, operation_type, amount, operation_time, apply_scene)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![trans_id, partner_id, target_id, target_name, operation_type, fen, fmt_time(now), scene],
    )?;
    Ok(trans_id)
}

pub fn list_resellers(
    conn: &Connection,
    caller: &Caller,
    req: &ListIndirectPartnersReq,
) -> Result<ListIndirectPartnersResp, ApiError> {
    require_distributor(caller)?;
    let (offset, limit) = page(req.offset, req.limit)?;
    check_len("account_name", &req.account_name, 64)?;
    let (count, indirect_partners) = Where::new(
        "kind = 'reseller' AND parent_id = ?",
        vec![Value::Text(caller.partner_id.clone())],
    )
    .and_like_any(&["account_name", "name"], like(&req.account_name))
    .and("associated_on >= ?", time("associated_on_begin", &req.associated_on_begin)?)
    .and("associated_on <= ?", time("associated_on_end", &req.associated_on_end)?)
    .and("id = ?", text(&req.indirect_partner_id))
    .page(
        conn,
        "partners",
        "id, phone, email, account_name, name, associated_on, account_manager_id, account_manager_name",
        "associated_on DESC, id",
        limit,
        offset,
        |r| {
            Ok(IndirectPartner {
                indirect_partner_id: r.get(0)?,
                mobile_phone: r.get(1)?,
                email: r.get(2)?,
                account_name: r.get(3)?,
                name: r.get(4)?,
                associated_on: r.get(5)?,
                account_manager_id: r.get(6)?,
                account_manager_name: r.get(7)?,
            })
        },
    )?;
    Ok(ListIndirectPartnersResp {
        count,
        indirect_partners,
    })
}

/// Allocate to a reseller (inside the caller's transaction): ≤ the distributor's allocatable balance.
pub fn allocate_to_reseller(
    tx: &Connection,
    caller: &Caller,
    req: &IndirectPartnerAmountReq,
    now: DateTime<Utc>,
) -> Result<TransferIdResp, ApiError> {
    require_distributor(caller)?;
    let fen = amount_fen(req.amount)?;
    let name = reseller_of(tx, caller, &req.indirect_partner_id)?;
    debit_partner(tx, &caller.partner_id, fen, "your allocatable balance")?;
    credit_partner(tx, &req.indirect_partner_id, fen)?;
    let id = record(
        tx,
        &caller.partner_id,
        &req.indirect_partner_id,
        &name,
        OP_ALLOCATE,
        fen,
        "reseller",
        now,
    )?;
    let account = account_name(tx, &req.indirect_partner_id)?;
    let own = account_name(tx, &caller.partner_id)?;
    moved(
        tx,
        &caller.partner_id,
        -fen,
        ledger::ALLOCATE,
        &id,
        (&req.indirect_partner_id, &account),
        now,
    )?;
    moved(
        tx,
        &req.indirect_partner_id,
        fen,
        ledger::ALLOCATE,
        &id,
        (&caller.partner_id, &own),
        now,
    )?;
    Ok(TransferIdResp { transfer_id: id })
}

/// Recall from a reseller: ≤ the reseller's balance.
pub fn reclaim_from_reseller(
    tx: &Connection,
    caller: &Caller,
    req: &IndirectPartnerAmountReq,
    now: DateTime<Utc>,
) -> Result<TransIdResp, ApiError> {
    require_distributor(caller)?;
    let fen = amount_fen(req.amount)?;
    let name = reseller_of(tx, caller, &req.indirect_partner_id)?;
    debit_partner(tx, &req.indirect_partner_id, fen, "the reseller's balance")?;
    credit_partner(tx, &caller.partner_id, fen)?;
    let id = record(
        tx,
        &caller.partner_id,
        &req.indirect_partner_id,
        &name,
        OP_RECLAIM,
        fen,
        "reseller",
        now,
    )?;
    let account = account_name(tx, &req.indirect_partner_id)?;
    let own = account_name(tx, &caller.partner_id)?;
    moved(
        tx,
        &req.indirect_partner_id,
        -fen,
        ledger::RECALL,
        &id,
        (&caller.partner_id, &own),
        now,
    )?;
    moved(
        tx,
        &caller.partner_id,
        fen,
        ledger::RECALL,
        &id,
        (&req.indirect_partner_id, &account),
        now,
    )?;
    Ok(TransIdResp { trans_id: id })
}

fn reseller_type_customer(
    conn: &Connection,
    partner_id: &str,
    customer_id: &str,
) -> Result<super::CustomerRow, ApiError> {
    let customer = own_customer(conn, partner_id, customer_id)?;
    if customer.association_type != "2" {
        return Err(ApiError::bad(
            codes::CONSULTATIVE_CUSTOMER,
            format!(
                "{} is a referral (consultative) customer: funds can only be allocated to or recalled from reseller-type customers.",
                customer.account_name
            ),
        ));
    }
    Ok(customer)
}

/// Allocate to a reseller-type customer: ≤ the partner's allocatable balance.
pub fn allocate_to_customer(
    tx: &Connection,
    caller: &Caller,
    req: &CustomerAmountReq,
    now: DateTime<Utc>,
) -> Result<TransferIdResp, ApiError> {
    let fen = amount_fen(req.amount)?;
    let partner = acting_partner(tx, caller, &req.indirect_partner_id)?;
    let customer = reseller_type_customer(tx, &partner, &req.customer_id)?;
    if super::associations::switching_to_referral(tx, &customer.id)? {
        return Err(ApiError::bad(
            codes::SWITCH_PENDING,
            format!(
                "{} may become a referral customer (a switch waits for their answer): funds allocated now could not be recalled.",
                customer.account_name
            ),
        ));
    }
    debit_partner(tx, &partner, fen, "your allocatable balance")?;
    tx.execute(
        "UPDATE customers SET balance = balance + ?2 WHERE id = ?1",
        params![customer.id, fen],
    )?;
    let id = record(
        tx,
        &partner,
        &customer.id,
        &customer.account_name,
        OP_ALLOCATE,
        fen,
        "customer",
        now,
    )?;
    moved(
        tx,
        &partner,
        -fen,
        ledger::ALLOCATE,
        &id,
        (&customer.id, &customer.account_name),
        now,
    )?;
    Ok(TransferIdResp { transfer_id: id })
}

/// Recall from a reseller-type customer: ≤ the customer's balance.
pub fn reclaim_from_customer(
    tx: &Connection,
    caller: &Caller,
    req: &CustomerAmountReq,
    now: DateTime<Utc>,
) -> Result<TransIdResp, ApiError> {
    let fen = amount_fen(req.amount)?;
    let partner = acting_partner(tx, caller, &req.indirect_partner_id)?;
    let customer = reseller_type_customer(tx, &partner, &req.customer_id)?;
    let have = customer.balance;
    if have < fen {
        return Err(insufficient("the customer's balance", have, fen));
    }
    tx.execute(
        "UPDATE customers SET balance = balance - ?2 WHERE id = ?1",
        params![customer.id, fen],
    )?;
    credit_partner(tx, &partner, fen)?;
    let id = record(
        tx,
        &partner,
        &customer.id,
        &customer.account_name,
        OP_RECLAIM,
        fen,
        "customer",
        now,
    )?;
    moved(
        tx,
        &partner,
        fen,
        ledger::RECALL,
        &id,
        (&customer.id, &customer.account_name),
        now,
    )?;
    Ok(TransIdResp { trans_id: id })
}

pub fn partner_balances(
    conn: &Connection,
    caller: &Caller,
    q: &PartnerBalancesQuery,
) -> Result<PartnerBalancesResp, ApiError> {
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    let f = partner_funds(conn, &partner)?;
    let account = |suffix: &str, account_type: i32, amount: i64| AccountBalance {
        account_id: format!("{}{suffix}", &partner[..24]),
        account_type,
        amount: from_fen(amount),
        currency: CURRENCY.into(),
        designated_amount: Some(Decimal::new(0, 2)),
        credit_amount: None,
        measure_id: MEASURE_YUAN,
        memo: None,
    };
    let mut credit = account("CRED0002", ACCOUNT_CREDIT, f.credit);
    credit.credit_amount = Some(from_fen(f.credit));
    Ok(PartnerBalancesResp {
        account_balances: vec![
            account("CASH0001", ACCOUNT_BALANCE, f.balance),
            credit,
            account("ALLO0008", ACCOUNT_ALLOCATABLE, f.allocatable),
        ],
    })
}

pub fn customer_balances(
    conn: &Connection,
    caller: &Caller,
    req: &CustomerBalancesReq,
) -> Result<CustomerBalancesResp, ApiError> {
    if req.customer_infos.is_empty() || req.customer_infos.len() > 100 {
        return Err(ApiError::param(
            "customer_infos must hold 1 to 100 customers.",
        ));
    }
    let partner = acting_partner(conn, caller, &req.indirect_partner_id)?;
    let mut customer_balances = Vec::new();
    for c in &req.customer_infos {
        let customer = own_customer(conn, &partner, &c.customer_id)?;
        if customer.association_type != "2" {
            continue; // consultative customers are silently dropped, as the API does
        }

        customer_balances.push(CustomerBalance {
            customer_id: customer.id,
            debt_amount: from_fen(customer.debt),
            amount: from_fen(customer.balance),
            currency: CURRENCY.into(),
            measure_id: MEASURE_YUAN,
        });
    }
    Ok(CustomerBalancesResp { customer_balances })
}

pub fn adjust_records(
    conn: &Connection,
    caller: &Caller,
    q: &AdjustRecordsQuery,
) -> Result<AdjustRecordsResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    if let Some(op) = q.operation_type.as_deref()
        && !op.is_empty()
        && ![OP_ALLOCATE, OP_RECLAIM, pc_api::OP_RECLAIM_UNBIND].contains(&op)
    {
        return Err(ApiError::param(format!(
            "operation_type {op:?} is unknown."
        )));
    }
    let (total_count, records) = Where::new("partner_id = ?", vec![Value::Text(partner)])
        .and("target_id = ?", text(&q.customer_id))
        .and("operation_type = ?", text(&q.operation_type))
        .and("operation_time >= ?", time("operation_time_begin", &q.operation_time_begin)?)
        .and("operation_time <= ?", time("operation_time_end", &q.operation_time_end)?)
        .and("trans_id = ?", text(&q.trans_id))
        .page(
            conn,
            "adjust_records",
            "target_id, target_name, operation_type, amount, operation_time, trans_id, apply_scene, memo",
            "n DESC",
            limit,
            offset,
            |r| {
                Ok(AdjustRecord {
                    customer_id: r.get(0)?,
                    customer_name: r.get(1)?,
                    operation_type: r.get(2)?,
                    amount: from_fen(r.get(3)?).to_string(),
                    currency: CURRENCY.into(),
                    operation_time: r.get(4)?,
                    measure_id: MEASURE_YUAN,
                    trans_id: r.get(5)?,
                    apply_scene: r.get(6)?,
                    memo: r.get(7)?,
                })
            },
        )?;
    Ok(AdjustRecordsResp {
        total_count,
        records,
    })
}
