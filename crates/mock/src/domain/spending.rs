//! Customers' consumption: who consumed in a bill cycle, a customer's bill's lines,
//! and the reseller-type customers' monthly sums per service. Only solution providers
//! and distributors may ask; a distributor reads a reseller's with
//! `indirect_partner_id`.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::{
    ApiError, CURRENCY, Caller, MEASURE_YUAN, PartnerKind, Where, acting_partner, page, text,
};
use pc_api::money::from_fen;
use pc_api::{
    BalanceDeduction, BillSum, ConsumeSubCustomersReq, ConsumeSubCustomersResp, FeeRecord,
    MonthlyBillsQuery, MonthlyBillsResp, SubCustomerBillQuery, SubCustomerBillResp, SubCustomerId,
};

fn may_ask(caller: &Caller) -> Result<(), ApiError> {
    if matches!(
        caller.kind,
        PartnerKind::Distributor | PartnerKind::SolutionProvider
    ) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "Only a solution provider or a tier-1 distributor can query its customers' consumption.",
        ))
    }
}

/// A bill cycle, `YYYY-MM`.
fn cycle(field: &str, value: &str) -> Result<String, ApiError> {
    NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d")
        .ok()
        .filter(|_| value.len() == 7)
        .map(|_| value.to_string())
        .ok_or_else(|| {
            ApiError::param(format!(
                "{field} must be a month as YYYY-MM, got {value:?}."
            ))
        })
}

/// The customers that consumed in the cycle.
pub fn consume_customers(
    conn: &Connection,
    caller: &Caller,
    req: &ConsumeSubCustomersReq,
) -> Result<ConsumeSubCustomersResp, ApiError> {
    may_ask(caller)?;
    let bill_cycle = cycle("bill_cycle", &req.bill_cycle)?;
    let (offset, limit) = page(req.offset, req.limit)?;
    let (total_count, sub_customers) = Where::new(
        "1 = 1",
        vec![
            Value::Text(caller.partner_id.clone()),
            Value::Text(bill_cycle),
        ],
    )
    .page(
        conn,
        "(SELECT DISTINCT customer_id FROM fee_records WHERE partner_id = ? AND bill_cycle = ?)",
        "customer_id",
        "customer_id",
        limit,
        offset,
        |r| {
            Ok(SubCustomerId {
                customer_id: r.get(0)?,
            })
        },
    )?;
    Ok(ConsumeSubCustomersResp {
        sub_customers,
        total_count,
    })
}

/// One customer's bill's lines for a cycle, newest first.
pub fn bill_detail(
    conn: &Connection,
    caller: &Caller,
    q: &SubCustomerBillQuery,
) -> Result<SubCustomerBillResp, ApiError> {
    may_ask(caller)?;
    let bill_cycle = cycle("bill_cycle", &q.bill_cycle)?;
    if q.customer_id.is_empty() {
        return Err(ApiError::param("customer_id is mandatory."));
    }
    let (offset, limit) = page(q.offset, q.limit)?;
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    // One of the partner's own customers (or its reseller's, named), as the other
    // per-customer reads want.
    super::own_customer(conn, &partner, &q.customer_id)?;
    if let Some(mode) = q.charging_mode
        && ![1, 3, 10, 11].contains(&mode)
    {
        return Err(ApiError::param(format!(
            "charging_mode must be 1, 3, 10 or 11, got {mode}."
        )));
    }
    if let Some(t) = q.association_type.as_deref()
        && t != "1"
        && t != "2"
    {
        return Err(ApiError::param(format!(
            "association_type must be 1 or 2, got {t:?}."
        )));
    }
    // Days of the cycle, both or neither.
    let days = match (q.bill_date_begin.as_deref(), q.bill_date_end.as_deref()) {
        (Some(a), Some(b)) => {
            let day = |field: &str, v: &str| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .filter(|d| d.format("%Y-%m").to_string() == bill_cycle)
                    .ok_or_else(|| {
                        ApiError::param(format!(
                            "{field} must be a day of {bill_cycle} as YYYY-MM-DD, got {v:?}."
                        ))
                    })
            };
            let (a, b) = (day("bill_date_begin", a)?, day("bill_date_end", b)?);
            if a > b {
                return Err(ApiError::param(
                    "bill_date_begin must not be after bill_date_end.",
                ));
            }
            Some((a, b))
        }
        _ => None,
    };
    let mut filter = Where::new(
        "partner_id = ? AND bill_cycle = ? AND customer_id = ?",
        vec![
            Value::Text(partner.clone()),
            Value::Text(bill_cycle),
            Value::Text(q.customer_id.clone()),
        ],
    )
    .and("service_type_code = ?", text(&q.service_type_code))
    .and("region_code = ?", text(&q.region_code))
    .and(
        "charging_mode = ?",
        q.charging_mode.map(|m| Value::Integer(m.into())),
    )
    .and(
        "bill_detail_type = ?",
        q.bill_detail_type.map(|m| Value::Integer(m.into())),
    )
    .and("resource_id = ?", text(&q.resource_id))
    .and("resource_name = ?", text(&q.resource_name))
    .and("trade_id = ?", text(&q.trade_id))
    .and("association_type = ?", text(&q.association_type));
    if let Some((a, b)) = days {
        // Days in UTC+8.
        filter = filter
            .and(
                "strftime('%Y-%m-%d', trade_time, '+8 hours') >= ?",
                Some(Value::Text(a.to_string())),
            )
            .and(
                "strftime('%Y-%m-%d', trade_time, '+8 hours') <= ?",
                Some(Value::Text(b.to_string())),
            );
    }
    let (total_count, fee_records) = filter.page(
        conn,
        "fee_records",
        "bill_cycle, customer_id, association_type, service_type_code, resource_type_code, \
         charging_mode, trade_time, trade_id, id, bill_detail_type, resource_id, resource_name, \
         product_spec_desc, region_code, official_amount, discount_amount, payment_amount, \
         cash_amount, coupon_amount, debt_amount",
        "trade_time DESC, id",
        limit,
        offset,
        |r| {
            Ok(FeeRecord {
                bill_cycle: r.get(0)?,
                customer_id: r.get(1)?,
                association_type: r.get(2)?,
                service_type_code: r.get(3)?,
                resource_type_code: r.get(4)?,
                charging_mode: r.get(5)?,
                trade_time: r.get(6)?,
                trade_id: r.get(7)?,
                id: r.get(8)?,
                bill_detail_type: r.get(9)?,
                resource_id: r.get(10)?,
                resource_name: r.get(11)?,
                product_spec_desc: r.get(12)?,
                region_code: r.get(13)?,
                official_amount: from_fen(r.get(14)?),
                official_discount_amount: from_fen(r.get(15)?),
                payment_amount: from_fen(r.get(16)?),
                cash_amount: from_fen(r.get(17)?),
                coupon_amount: from_fen(r.get(18)?),
                debt_amount: from_fen(r.get(19)?),
                ..Default::default()
            })
        },
    )?;
    Ok(SubCustomerBillResp {
        total_count,
        currency: CURRENCY.into(),
        fee_records,
    })
}

/// The reseller-type customers' consumption of a cycle in one charging mode, summed per
/// customer and service.
pub fn monthly_sums(
    conn: &Connection,
    caller: &Caller,
    q: &MonthlyBillsQuery,
) -> Result<MonthlyBillsResp, ApiError> {
    may_ask(caller)?;
    let month = cycle("cycle", &q.cycle)?;
    let mode: i64 = match q.charge_mode.as_str() {
        "1" => 1,
        "3" => 3,
        // Savings plans: the demo has none.
        "11" => 11,
        other => {
            return Err(ApiError::param(format!(
                "charge_mode must be 1, 3 or 11, got {other:?}."
            )));
        }
    };
    let bill_type = q.bill_type.as_deref().filter(|t| !t.is_empty());
    if let Some(t) = bill_type
        && !["0", "1", "2"].contains(&t)
    {
        return Err(ApiError::param(format!(
            "bill_type must be 0, 1 or 2, got {t:?}."
        )));
    }
    let (offset, limit) = page(q.offset, q.limit)?;
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    // Every line is a consumption (bill type 0): unsubscriptions and write-offs have none.
    let table = "(SELECT f.customer_id, f.service_type_code, SUM(f.payment_amount) AS amount, \
                 SUM(f.debt_amount) AS debt, SUM(f.discount_amount) AS discount, \
                 SUM(f.cash_amount) AS cash, SUM(f.coupon_amount) AS coupon \
          FROM fee_records f JOIN customers c ON c.id = f.customer_id \
          WHERE f.partner_id = ? AND f.bill_cycle = ? AND f.charging_mode = ? \
            AND c.association_type = '2' \
          GROUP BY f.customer_id, f.service_type_code)";
    let (count, bill_sums) = Where::new(
        "1 = 1",
        vec![
            Value::Text(partner),
            Value::Text(month),
            Value::Integer(mode),
        ],
    )
    .and("customer_id = ?", text(&q.customer_id))
    .and("service_type_code = ?", text(&q.cloud_service_type))
    .and_sql(if bill_type.is_some_and(|t| t != "0") {
        "1 = 0"
    } else {
        "1 = 1"
    })
    .page(
        conn,
        table,
        "customer_id, service_type_code, amount, debt, discount, cash, coupon",
        "customer_id, service_type_code",
        limit,
        offset,
        |r| {
            let cash = from_fen(r.get(5)?);
            let coupon = from_fen(r.get(6)?);
            let mut account_details = vec![BalanceDeduction {
                balance_type: "BALANCE_TYPE_DEBIT".into(),
                amount: cash,
                bill_type: "0".into(),
            }];
            if !coupon.is_zero() {
                account_details.push(BalanceDeduction {
                    balance_type: "BALANCE_TYPE_COUPON".into(),
                    amount: coupon,
                    bill_type: "0".into(),
                });
            }
            Ok(BillSum {
                customer_id: r.get(0)?,
                cloud_service_type: r.get(1)?,
                bill_type: "0".into(),
                charge_mode: q.charge_mode.clone(),
                amount: from_fen(r.get(2)?),
                debt_amount: Some(from_fen(r.get(3)?)),
                adjustment_amount: Some(rust_decimal::Decimal::ZERO),
                discount_amount: Some(from_fen(r.get(4)?)),
                measure_id: MEASURE_YUAN,
                account_details,
                ..Default::default()
            })
        },
    )?;
    Ok(MonthlyBillsResp {
        bill_sums,
        count,
        currency: CURRENCY.into(),
    })
}

/// One line of consumption, as the seed writes them.
pub struct NewFee<'a> {
    pub partner_id: &'a str,
    pub customer_id: &'a str,
    pub association_type: &'a str,
    pub trade_time: DateTime<Utc>,
    pub trade_id: String,
    pub service_type_code: &'a str,
    pub resource_type_code: &'a str,
    pub region_code: &'a str,
    pub charging_mode: i32,
    pub bill_detail_type: i32,
    pub resource_id: String,
    pub resource_name: String,
    pub product_spec_desc: &'a str,
    /// What was paid, in fen; the list price is 5% more.
    pub payment: i64,
}

pub fn insert(conn: &Connection, f: &NewFee<'_>) -> Result<(), ApiError> {
    let official = f.payment * 100 / 95;
    let cycle = (f.trade_time + chrono::TimeDelta::hours(8))
        .format("%Y-%m")
        .to_string();
    conn.prepare_cached(
        "INSERT INTO fee_records (id, partner_id, customer_id, association_type, bill_cycle,
             trade_time, trade_id, service_type_code, resource_type_code, region_code,
             charging_mode, bill_detail_type, resource_id, resource_name, product_spec_desc,
             official_amount, discount_amount, payment_amount, cash_amount, coupon_amount,
             debt_amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?18, 0, 0)",
    )?
    .execute(params![
        super::hex_id(&format!(
            "fee|{}|{}|{}",
            f.customer_id, f.trade_id, f.resource_id
        )),
        f.partner_id,
        f.customer_id,
        f.association_type,
        cycle,
        super::fmt_time(f.trade_time),
        f.trade_id,
        f.service_type_code,
        f.resource_type_code,
        f.region_code,
        f.charging_mode,
        f.bill_detail_type,
        f.resource_id,
        f.resource_name,
        f.product_spec_desc,
        official,
        official - f.payment,
        f.payment,
    ])?;
    Ok(())
}
