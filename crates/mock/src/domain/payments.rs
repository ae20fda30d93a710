//! Partner Center money operations on orders and contracts (docs/design.md §3): pay customers'
//! orders on their behalf (one or a batch, per-order results), reject a pay request,
//! adjust a pending order's price between floor and catalogue price, and pay a
//! contract's instalment. Each runs inside the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::check_request_amount;
use super::funds::partner_funds;
use super::orders::STATUS_PENDING_PAYMENT;
use super::{ApiError, Caller, fmt_time, new_id, send_message};
use pc_api::error::codes;
use pc_api::money::{from_fen, to_fen};
use pc_api::partner_center::{
    AdjustPriceReq, MAX_BATCH, OrderPricing, PayMethod, PayOrdersReq, PayOrdersResp, PayResult,
    RejectOrderReq, RejectOrderResp, TransferResp,
};
use pc_api::{Discount, OrderLineItem};

/// Floor price as a share of the catalogue price, in percent.
pub const FLOOR_PERCENT: i64 = 70;
/// The discount type a price adjustment shows as.
pub const DISCOUNT_PRICE_ADJUSTMENT: &str = "609";

/// What the pay and price rules need of an order.
struct OrderRow {
    id: String,
    customer_id: String,
    service_type_code: String,
    status: i32,
    agent_pay: bool,
    amount: i64,
    official: i64,
    deadline: Option<String>,
    failure: Option<String>,
    lines: Vec<OrderLineItem>,
}

fn load_order(
    conn: &Connection,
    partner_id: &str,
    order_id: &str,
) -> Result<Option<OrderRow>, ApiError> {
    let row = conn
        .query_row(
            "SELECT id, customer_id, service_type_code, status, agent_pay, amount_after_discount,
                    official_amount, pending_payment_end_time, failure, lines
             FROM orders WHERE id = ?1 AND partner_id = ?2",
            params![order_id, partner_id],
            |r| {
                Ok((
                    OrderRow {
                        id: r.get(0)?,
                        customer_id: r.get(1)?,
                        service_type_code: r.get(2)?,
                        status: r.get(3)?,
                        agent_pay: r.get(4)?,
                        amount: r.get(5)?,
                        official: r.get(6)?,
                        deadline: r.get(7)?,
                        failure: r.get(8)?,
                        lines: Vec::new(),
                    },
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?;
    row.map(|(mut o, lines)| {
        o.lines = serde_json::from_str(&lines)
            .map_err(|e| ApiError::internal(format!("order lines: {e}")))?;
        Ok(o)
    })
    .transpose()
}

fn order_or_404(conn: &Connection, caller: &Caller, order_id: &str) -> Result<OrderRow, ApiError> {
    if order_id.is_empty() || order_id.chars().count() > 64 {
        return Err(ApiError::param("order_id must be 1 to 64 characters."));
    }
    load_order(conn, &caller.partner_id, order_id)?.ok_or_else(|| {
        ApiError::bad(
            codes::ORDER_UNKNOWN,
            format!("Order {order_id} does not exist."),
        )
    })
}

fn status_changed(o: &OrderRow) -> ApiError {
    ApiError::bad(
        codes::ORDER_STATUS_CHANGED,
        format!(
            "Order {} is no longer pending payment (its status changed).",
            o.id
        ),
    )
}

/// Why an order cannot be paid now (before money is looked at), if it cannot.
fn pay_refusal(o: &OrderRow, method: PayMethod, now: DateTime<Utc>) -> Option<ApiError> {
    if o.status != STATUS_PENDING_PAYMENT {
        return Some(status_changed(o));
    }
    if !o.agent_pay {
        return Some(ApiError::bad(
            codes::NOT_AGENT_PAY,
            format!("The customer did not ask you to pay order {}.", o.id),
        ));
    }
    if o.deadline
        .as_deref()
        .is_some_and(|d| d < fmt_time(now).as_str())
    {
        return Some(ApiError::bad(
            codes::PAY_DEADLINE_PASSED,
            format!("The payment deadline of order {} has passed.", o.id),
        ));
    }
    // A service that should already have started cannot be bought any more.
    if o.lines
        .iter()
        .filter_map(|l| l.effective_time.as_deref())
        .any(|t| t < fmt_time(now).as_str())
    {
        return Some(ApiError::bad(
            codes::EFFECTIVE_TIME_PASSED,
            format!("The effective time of order {} has passed.", o.id),
        ));
    }
    let (code, msg) = match o.failure.as_deref() {
        Some("quota_insufficient") => (
            codes::QUOTA_INSUFFICIENT_PAY,
            "The customer's resource quota is not enough for this order.",
        ),
        Some("capacity_insufficient") => (
            codes::CAPACITY_INSUFFICIENT,
            "The resources of this order are sold out in the region (capacity insufficient).",
        ),
        Some("spec_changed") => (
            codes::SPEC_CHANGED,
            "The product specification changed after the order was placed.",
        ),
        _ if method == PayMethod::Credit && is_marketplace(&o.service_type_code) => (
            codes::BALANCE_ONLY,
            "KooGallery (marketplace) orders can be paid from the balance only.",
        ),
        _ => return None,
    };
    Some(ApiError::bad(code, msg))
}

pub fn is_marketplace(service_type_code: &str) -> bool {
    service_type_code.ends_with("marketplace")
}

fn insufficient(what: &str, have: i64, want: i64) -> ApiError {
    ApiError::bad(
        codes::INSUFFICIENT_BALANCE,
        format!(
            "Insufficient balance: {what} is {} yuan, {} yuan is needed. Recharge first.",
            from_fen(have),
            from_fen(want)
        ),
    )
}

/// Takes `fen` from the partner: balance payments need both the account balance and the
/// allocatable balance to cover it; credit payments use the credit line.
/// Takes `fen` from the partner's balance or credit for `trade_id` (an order, an
/// instalment), with its account change record.
fn charge(
    conn: &Connection,
    partner_id: &str,
    fen: i64,
    method: PayMethod,
    trade_id: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (trade_type, detail) = super::ledger::DEDUCT;
    let change = super::ledger::Change {
        trade_type,
        detail,
        trade_id,
        counterpart: None,
    };
    let f = partner_funds(conn, partner_id)?;
    match method {
        PayMethod::Balance => {
            if f.balance < fen {
                return Err(insufficient("your account balance", f.balance, fen));
            }
            if f.allocatable < fen {
                return Err(insufficient("your allocatable balance", f.allocatable, fen));
            }
            conn.execute(
                "UPDATE partners SET balance = balance - ?2, allocatable = allocatable - ?2 WHERE id = ?1",
                params![partner_id, fen],
            )?;
            let debit = pc_api::BALANCE_TYPE_DEBIT;
            super::ledger::record(conn, partner_id, debit, -fen, &change, now)?;
        }
        PayMethod::Credit => {
            if f.credit < fen {
                return Err(insufficient("your available credit", f.credit, fen));
            }
            conn.execute(
                "UPDATE partners SET credit = credit - ?2 WHERE id = ?1",
                params![partner_id, fen],
            )?;
            let credit = pc_api::BALANCE_TYPE_CREDIT;
            super::ledger::record(conn, partner_id, credit, -fen, &change, now)?;
        }
    }
    Ok(())
}

/// Tells the customer by e-mail and SMS (those it has).
fn notify_customer(
    conn: &Connection,
    partner_id: &str,
    customer_id: &str,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let (phone, email): (Option<String>, Option<String>) = conn
        .query_row(
            "SELECT telephone, email FROM customers WHERE id = ?1",
            params![customer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((None, None));
    if let Some(p) = phone.filter(|p| !p.is_empty()) {
        send_message(conn, Some(partner_id), "sms", &p, text, now)?;
    }
    if let Some(e) = email.filter(|e| !e.is_empty()) {
        send_message(conn, Some(partner_id), "email", &e, text, now)?;
    }
    Ok(())
}

/// Checks the shape of a pay request (before any code is looked at).
pub fn check_pay(req: &PayOrdersReq) -> Result<(), ApiError> {
    if req.order_ids.is_empty() || req.order_ids.len() > MAX_BATCH {
        return Err(ApiError::param(format!(
            "order_ids must hold 1 to {MAX_BATCH} orders."
        )));
    }
    let mut seen = std::collections::HashSet::new();
    for id in &req.order_ids {
        if id.is_empty() || id.chars().count() > 64 {
            return Err(ApiError::param("each order id must be 1 to 64 characters."));
        }
        if !seen.insert(id.to_ascii_uppercase()) {
            return Err(ApiError::param(format!("order {id} is listed twice.")));
        }
    }
    Ok(())
}

/// Pays each order it can, in the order given; the answer has one result per order.
pub fn pay(
    conn: &Connection,
    caller: &Caller,
    req: &PayOrdersReq,
    now: DateTime<Utc>,
) -> Result<PayOrdersResp, ApiError> {
    check_pay(req)?;
    // Paying on the customers' behalf rests on the payment agreement (代付协议).
    let agreed: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM payment_agreements WHERE partner_id = ?1 AND status = ?2)",
        params![caller.partner_id, pc_api::partner_center::AGREEMENT_VALID],
        |r| r.get(0),
    )?;
    if !agreed {
        return Err(ApiError::bad(
            codes::AGREEMENT_REQUIRED,
            "You have no valid payment agreement: orders cannot be paid on behalf until one is added.",
        ));
    }
    let mut results = Vec::with_capacity(req.order_ids.len());
    for id in &req.order_ids {
        let failed = |amount: i64, e: ApiError| PayResult {
            order_id: id.clone(),
            paid: false,
            amount: from_fen(amount),
            trans_id: None,
            error_code: Some(e.code),
            error_msg: Some(e.msg),
        };
        let order = match order_or_404(conn, caller, id) {
            Ok(o) => o,
            Err(e) => {
                results.push(failed(0, e));
                continue;
            }
        };
        if let Some(e) = pay_refusal(&order, req.payment_method, now) {
            results.push(failed(order.amount, e));
            continue;
        }
        if let Err(e) = charge(
            conn,
            &caller.partner_id,
            order.amount,
            req.payment_method,
            &order.id,
            now,
        ) {
            results.push(failed(order.amount, e));
            continue;
        }
        conn.execute(
            "UPDATE orders SET status = 5, payment_time = ?2 WHERE id = ?1",
            params![order.id, fmt_time(now)],
        )?;
        let trans_id = trans_id(now);
        notify_customer(
            conn,
            &caller.partner_id,
            &order.customer_id,
            &format!(
                "[Huawei Cloud] Your partner has paid order {} ({} yuan) for you.",
                order.id,
                from_fen(order.amount)
            ),
            now,
        )?;
        results.push(PayResult {
            order_id: order.id,
            paid: true,
            amount: from_fen(order.amount),
            trans_id: Some(trans_id),
            error_code: None,
            error_msg: None,
        });
    }
    Ok(PayOrdersResp { results })
}

fn trans_id(now: DateTime<Utc>) -> String {
    format!("PAY{}{}", now.format("%Y%m%d%H%M%S"), &new_id()[..10]).to_uppercase()
}

/// Declines to pay: the customer can then pay the order itself.
pub fn reject(
    conn: &Connection,
    caller: &Caller,
    order_id: &str,
    req: &RejectOrderReq,
    now: DateTime<Utc>,
) -> Result<RejectOrderResp, ApiError> {
    super::check_len("reason", &req.reason, 200)?;
    let order = order_or_404(conn, caller, order_id)?;
    if order.status != STATUS_PENDING_PAYMENT {
        return Err(status_changed(&order));
    }
    if !order.agent_pay {
        return Err(ApiError::bad(
            codes::NOT_AGENT_PAY,
            format!("The customer did not ask you to pay order {}.", order.id),
        ));
    }
    conn.execute(
        "UPDATE orders SET agent_pay = 0 WHERE id = ?1",
        params![order.id],
    )?;
    notify_customer(
        conn,
        &caller.partner_id,
        &order.customer_id,
        &format!(
            "[Huawei Cloud] Your partner will not pay order {}; you can pay it yourself before the deadline.",
            order.id
        ),
        now,
    )?;
    Ok(RejectOrderResp { order_id: order.id })
}

/// Quantity × periods of an order: its unit count for pricing.
fn units(o: &OrderRow) -> (i32, i32) {
    let line = o.lines.first();
    let quantity = line.map(|l| l.subscription_num).unwrap_or(1).max(1);
    let periods = line.and_then(|l| l.period_num).unwrap_or(1).max(1);
    (quantity, periods)
}

fn pricing_of(o: &OrderRow) -> OrderPricing {
    let (q, p) = units(o);
    let n = (q as i64) * (p as i64);
    // Rounded down, so that the catalogue price never prices above the official amount.
    let catalog = o.official / n;
    let floor = (catalog * FLOOR_PERCENT + 99) / 100;
    OrderPricing {
        order_id: o.id.clone(),
        status: o.status,
        unit_price: from_fen((o.amount + n / 2) / n),
        catalog_unit_price: from_fen(catalog),
        floor_unit_price: from_fen(floor),
        quantity: q,
        periods: p,
        amount: from_fen(o.amount),
        official_amount: from_fen(o.official),
    }
}

/// The prices a price adjustment is bounded by.
pub fn pricing(
    conn: &Connection,
    caller: &Caller,
    order_id: &str,
) -> Result<OrderPricing, ApiError> {
    Ok(pricing_of(&order_or_404(conn, caller, order_id)?))
}

/// Sets a pending order's unit price: floor ≤ price ≤ catalogue; the amount becomes
/// price × quantity × periods and the difference shows as discount type 609.
pub fn adjust_price(
    conn: &Connection,
    caller: &Caller,
    order_id: &str,
    req: &AdjustPriceReq,
) -> Result<OrderPricing, ApiError> {
    check_request_amount(req.unit_price)
        .map_err(|e| ApiError::param(e.replace("amount", "unit_price")))?;
    let mut order = order_or_404(conn, caller, order_id)?;
    if order.status != STATUS_PENDING_PAYMENT {
        return Err(status_changed(&order));
    }
    let before = pricing_of(&order);
    if req.unit_price < before.floor_unit_price || req.unit_price > before.catalog_unit_price {
        return Err(ApiError::bad(
            codes::PRICE_OUT_OF_RANGE,
            format!(
                "The unit price must be between the floor price {} and the catalogue price {} yuan.",
                before.floor_unit_price, before.catalog_unit_price
            ),
        ));
    }
    let unit =
        to_fen(req.unit_price).ok_or_else(|| ApiError::param("unit_price is out of range"))?;
    let amount = unit * before.quantity as i64 * before.periods as i64;
    let discount = (order.official - amount).max(0);
    let discounts = vec![Discount {
        discount_type: DISCOUNT_PRICE_ADJUSTMENT.into(),
        discount_amount: from_fen(discount),
    }];
    if let [line] = order.lines.as_mut_slice() {
        line.amount_after_discount = from_fen(amount);
    }
    conn.execute(
        "UPDATE orders SET amount_after_discount = ?2, discounts = ?3, lines = ?4 WHERE id = ?1",
        params![
            order.id,
            amount,
            to_json(&discounts)?,
            to_json(&order.lines)?
        ],
    )?;
    order.amount = amount;
    Ok(pricing_of(&order))
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, ApiError> {
    serde_json::to_string(v).map_err(|e| ApiError::internal(e.to_string()))
}

/// Pays one instalment of one of the partner's contracts from its balance.
pub fn pay_plan(
    conn: &Connection,
    caller: &Caller,
    contract_id: &str,
    plan_id: &str,
    now: DateTime<Utc>,
) -> Result<TransferResp, ApiError> {
    let plan: Option<(i64, Option<String>)> = conn
        .query_row(
            "SELECT p.amount, p.paid_time FROM payment_plans p JOIN contracts c ON c.id = p.contract_id
             WHERE p.id = ?1 AND c.id = ?2 AND c.partner_id = ?3",
            params![plan_id, contract_id, caller.partner_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (amount, paid) = plan.ok_or_else(|| {
        ApiError::not_found(format!(
            "Contract {contract_id} has no payment plan {plan_id}."
        ))
    })?;
    if paid.is_some() {
        return Err(ApiError::bad(
            codes::PLAN_ALREADY_PAID,
            format!("Instalment {plan_id} is already paid."),
        ));
    }
    charge(
        conn,
        &caller.partner_id,
        amount,
        PayMethod::Balance,
        plan_id,
        now,
    )?;
    conn.execute(
        "UPDATE payment_plans SET paid_time = ?2 WHERE id = ?1",
        params![plan_id, fmt_time(now)],
    )?;
    Ok(TransferResp {
        trans_id: trans_id(now),
    })
}
