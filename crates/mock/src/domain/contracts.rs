//! Contracts and their payment plans (Partner Center). A plan is `paid` once it has a
//! payment time, otherwise `due` or — past its due date — `overdue`.

use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{ApiError, CURRENCY, Caller, Where, check_len, fmt_time, page, text};
use pc_api::money::from_fen;
use pc_api::partner_center::{
    Contract, ContractDetailResp, ContractsQuery, ContractsResp, PLAN_DUE, PLAN_OVERDUE, PLAN_PAID,
    PaymentPlan,
};

/// A contract's total and paid sums (fen), as SQL over its plans.
const TOTAL_SUM: &str =
    "(SELECT COALESCE(SUM(amount), 0) FROM payment_plans p WHERE p.contract_id = c.id)";
const PAID_SUM: &str = "(SELECT COALESCE(SUM(amount), 0) FROM payment_plans p WHERE p.contract_id = c.id AND p.paid_time IS NOT NULL)";
const FROM: &str = "contracts c JOIN customers u ON u.id = c.customer_id";
/// The due date of its earliest unpaid instalment.
const NEXT_DUE: &str = "(SELECT MIN(due_date) FROM payment_plans p WHERE p.contract_id = c.id AND p.paid_time IS NULL)";

fn columns() -> String {
    format!(
        "c.id, c.name, c.customer_id, u.account_name, c.sign_time, c.effective_time, c.expire_time, {TOTAL_SUM}, {PAID_SUM}, {NEXT_DUE}"
    )
}

fn contract_from_row(r: &Row<'_>) -> rusqlite::Result<Contract> {
    let total: i64 = r.get(7)?;
    let paid: i64 = r.get(8)?;
    Ok(Contract {
        contract_id: r.get(0)?,
        contract_name: r.get(1)?,
        customer_id: r.get(2)?,
        customer_name: r.get(3)?,
        sign_time: r.get(4)?,
        effective_time: r.get(5)?,
        expire_time: r.get(6)?,
        total_amount: from_fen(total),
        paid_amount: from_fen(paid),
        status: if paid >= total { "completed" } else { "active" }.into(),
        currency: CURRENCY.into(),
        next_due: r.get(9)?,
    })
}

pub fn list(
    conn: &Connection,
    caller: &Caller,
    q: &ContractsQuery,
) -> Result<ContractsResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    check_len("customer_id", &q.customer_id, 64)?;
    let completed = format!("{PAID_SUM} >= {TOTAL_SUM}");
    let active = format!("{PAID_SUM} < {TOTAL_SUM}");
    let mut filter = Where::new(
        "c.partner_id = ?",
        vec![Value::Text(caller.partner_id.clone())],
    )
    .and("c.customer_id = ?", text(&q.customer_id));
    match q.status.as_deref() {
        None | Some("") => {}
        Some("active") => filter = filter.and_sql(&active),
        Some("completed") => filter = filter.and_sql(&completed),
        Some(other) => {
            return Err(ApiError::param(format!(
                "status must be active or completed, got {other:?}"
            )));
        }
    }
    let (total_count, contracts) = filter.page(
        conn,
        FROM,
        &columns(),
        "c.sign_time DESC, c.id",
        limit,
        offset,
        contract_from_row,
    )?;
    Ok(ContractsResp {
        total_count,
        contracts,
    })
}

pub fn detail(
    conn: &Connection,
    caller: &Caller,
    contract_id: &str,
    now: DateTime<Utc>,
) -> Result<ContractDetailResp, ApiError> {
    // Another partner's contract is indistinguishable from a missing one.
    let contract = conn
        .query_row(
            &format!(
                "SELECT {} FROM {FROM} WHERE c.id = ?1 AND c.partner_id = ?2",
                columns()
            ),
            params![contract_id, caller.partner_id],
            contract_from_row,
        )
        .optional()?
        .ok_or_else(|| ApiError::not_found(format!("Contract {contract_id} does not exist.")))?;
    let today = fmt_time(now);
    let mut stmt = conn.prepare_cached(
        "SELECT id, installment, due_date, amount, paid_time FROM payment_plans WHERE contract_id = ?1 ORDER BY installment",
    )?;
    let payment_plans = stmt
        .query_map(params![contract_id], |r| {
            let due_date: String = r.get(2)?;
            let paid_time: Option<String> = r.get(4)?;
            let status = match &paid_time {
                Some(_) => PLAN_PAID,
                None if due_date < today => PLAN_OVERDUE,
                None => PLAN_DUE,
            };
            Ok(PaymentPlan {
                plan_id: r.get(0)?,
                installment: r.get(1)?,
                due_date,
                amount: from_fen(r.get(3)?),
                status: status.into(),
                paid_time,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ContractDetailResp {
        contract,
        payment_plans,
    })
}

/// A contract's bill as CSV: one line per instalment, with its state today.
pub fn bill(
    conn: &Connection,
    caller: &Caller,
    contract_id: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    use pc_api::csv::line;
    let d = detail(conn, caller, contract_id, now)?;
    let c = &d.contract;
    let mut out = line(
        &[
            "contract_id",
            "contract_name",
            "customer_id",
            "customer_name",
            "installment",
            "due_date",
            "amount",
            "currency",
            "status",
            "paid_time",
        ]
        .map(String::from),
    );
    for p in &d.payment_plans {
        out.push_str(&line(&[
            c.contract_id.clone(),
            c.contract_name.clone(),
            c.customer_id.clone(),
            c.customer_name.clone(),
            p.installment.to_string(),
            p.due_date.clone(),
            p.amount.to_string(),
            c.currency.clone(),
            p.status.clone(),
            p.paid_time.clone().unwrap_or_default(),
        ]));
    }
    Ok(out)
}
