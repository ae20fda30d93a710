//! Orders: listing (with keyset paging over a dense per-partner sequence), details, and
//! inserting new orders (seeding, and later the simulated customers).

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    ApiError, CURRENCY, Caller, MEASURE_YUAN, PartnerKind, Where, acting_partner, check_len, int,
    page, text, time,
};
use pc_api::error::codes;
use pc_api::money::from_fen;
use pc_api::{
    AgentPayInfo, AmountInfo, CustomerOrder, CustomerOrdersQuery, CustomerOrdersResp, Discount,
    OrderDetailsQuery, OrderDetailsResp, OrderLineItem, RefundInfo, RefundOrderQuery,
    RefundOrderResp,
};

pub const STATUSES: [i32; 11] = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13];
pub const ORDER_TYPES: [i32; 9] = [1, 2, 3, 4, 10, 11, 13, 14, 15];
/// An unsubscription: what it refunds is read with `refund_details`.
pub const ORDER_TYPE_UNSUBSCRIBE: i32 = 4;
pub const STATUS_PENDING_PAYMENT: i32 = 6;

/// An order to insert. Amounts in fen.
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub id: String,
    pub partner_id: String,
    pub customer_id: String,
    pub service_type_code: String,
    pub service_type_name: String,
    pub source_type: i32,
    pub status: i32,
    pub order_type: i32,
    pub amount_after_discount: i64,
    pub official_amount: i64,
    pub create_time: String,
    pub payment_time: Option<String>,
    pub pending_payment_end_time: Option<String>,
    pub contract_id: Option<String>,
    pub discounts: Vec<Discount>,
    pub agent_pay: bool,
    pub failure: Option<String>,
    pub lines: Vec<OrderLineItem>,
}

/// Inserts orders for one or more partners, each at the end of its owner's sequence.
/// Callers insert in create_time order so that the sequence follows it. Sequence
/// numbers are handed out per owner in one update each, not one per order.
pub fn insert_orders(conn: &Connection, orders: &[NewOrder]) -> Result<(), ApiError> {
    let mut counts: Vec<(&str, i64)> = Vec::new();
    for o in orders {
        match counts.iter_mut().find(|(p, _)| *p == o.partner_id) {
            Some((_, n)) => *n += 1,
            None => counts.push((&o.partner_id, 1)),
        }
    }
    let mut next: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for (partner, n) in counts {
        let first: i64 = conn.query_row(
            "UPDATE partners SET order_count = order_count + ?2 WHERE id = ?1 RETURNING order_count - ?2",
            params![partner, n],
            |r| r.get(0),
        )?;
        next.insert(partner, first);
    }
    let mut insert = conn.prepare_cached(
        "INSERT INTO orders (id, partner_id, seq, customer_id, service_type_code, service_type_name,
             source_type, status, order_type, amount_after_discount, official_amount, create_time,
             payment_time, pending_payment_end_time, contract_id, discounts, agent_pay, failure, lines)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    for o in orders {
        let slot = next
            .get_mut(o.partner_id.as_str())
            .ok_or_else(|| ApiError::internal("order owner without a sequence"))?;
        let seq = *slot;
        *slot += 1;
        let discounts = if o.discounts.is_empty() {
            None
        } else {
            Some(
                serde_json::to_string(&o.discounts)
                    .map_err(|e| ApiError::internal(e.to_string()))?,
            )
        };
        let lines =
            serde_json::to_string(&o.lines).map_err(|e| ApiError::internal(e.to_string()))?;
        insert.execute(params![
            o.id,
            o.partner_id,
            seq,
            o.customer_id,
            o.service_type_code,
            o.service_type_name,
            o.source_type,
            o.status,
            o.order_type,
            o.amount_after_discount,
            o.official_amount,
            o.create_time,
            o.payment_time,
            o.pending_payment_end_time,
            o.contract_id,
            discounts,
            o.agent_pay,
            o.failure,
            lines,
        ])?;
    }
    Ok(())
}

const COLUMNS: &str = "id, customer_id, service_type_code, service_type_name, source_type, status,
    order_type, amount_after_discount, official_amount, create_time, payment_time, contract_id,
    discounts, agent_pay, partner_id, pending_payment_end_time";

fn order_from_row(r: &Row<'_>) -> rusqlite::Result<CustomerOrder> {
    let discounts: Option<String> = r.get(12)?;
    let discounts: Vec<Discount> = discounts
        .and_then(|d| serde_json::from_str(&d).ok())
        .unwrap_or_default();
    let agent_pay: bool = r.get(13)?;
    let owner: String = r.get(14)?;
    let zero = Some(from_fen(0));
    Ok(CustomerOrder {
        order_id: r.get(0)?,
        customer_id: r.get(1)?,
        service_type_code: r.get(2)?,
        service_type_name: r.get(3)?,
        source_type: r.get(4)?,
        status: r.get(5)?,
        order_type: r.get(6)?,
        amount_after_discount: from_fen(r.get(7)?),
        official_amount: from_fen(r.get(8)?),
        measure_id: MEASURE_YUAN,
        create_time: r.get(9)?,
        payment_time: r.get(10)?,
        currency: CURRENCY.into(),
        contract_id: r.get(11)?,
        amount_info: Some(AmountInfo {
            discounts,
            flexipurchase_coupon_amount: zero,
            coupon_amount: zero,
            stored_card_amount: zero,
            commission_amount: zero,
            consumed_amount: zero,
        }),
        user_name: None,
        pending_payment_end_time: None,
        enterprise_projects: None,
        agent_pay_info: Some(AgentPayInfo {
            paying_agent_id: agent_pay.then_some(owner),
            is_agent_pay: Some(agent_pay),
        }),
    })
}

pub fn list(
    conn: &Connection,
    caller: &Caller,
    q: &CustomerOrdersQuery,
) -> Result<CustomerOrdersResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    check_len("order_id", &q.order_id, 64)?;
    check_len("customer_id", &q.customer_id, 64)?;
    let descending = match q.order_by.as_deref() {
        None | Some("") | Some("-createTime") => true,
        Some("createTime") => false,
        Some(other) => {
            return Err(ApiError::param(format!(
                "order_by must be createTime or -createTime, got {other:?}"
            )));
        }
    };
    if let Some(s) = q.status
        && !STATUSES.contains(&s)
    {
        return Err(ApiError::param(format!(
            "status {s} is not an order status."
        )));
    }
    let order_type = match q.order_type.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => match t.parse::<i32>() {
            Ok(n) if ORDER_TYPES.contains(&n) => Some(n),
            _ => {
                return Err(ApiError::param(format!(
                    "order_type {t:?} is not an order type."
                )));
            }
        },
    };
    // Whose orders: the caller's own customers' (or one reseller's), or — with
    // method=sub_customer — those of all the distributor's resellers' customers.
    let owners: Vec<String> = match q.method.as_deref() {
        None | Some("") | Some("oneself") => {
            vec![acting_partner(conn, caller, &q.indirect_partner_id)?]
        }
        Some("sub_customer") if caller.kind == PartnerKind::Distributor => {
            let mut stmt =
                conn.prepare_cached("SELECT id FROM partners WHERE parent_id = ?1 ORDER BY id")?;
            stmt.query_map(params![caller.partner_id], |r| r.get(0))?
                .collect::<Result<_, _>>()?
        }
        Some("sub_customer") => vec![],
        Some(other) => {
            return Err(ApiError::param(format!(
                "method must be oneself or sub_customer, got {other:?}"
            )));
        }
    };
    let filters: Vec<(&str, Option<Value>)> = vec![
        ("id = ?", text(&q.order_id)),
        ("customer_id = ?", text(&q.customer_id)),
        (
            "create_time >= ?",
            time("create_time_begin", &q.create_time_begin)?,
        ),
        (
            "create_time <= ?",
            time("create_time_end", &q.create_time_end)?,
        ),
        ("service_type_code = ?", text(&q.service_type_code)),
        ("status = ?", int(q.status)),
        ("order_type = ?", int(order_type)),
        (
            "payment_time >= ?",
            time("payment_time_begin", &q.payment_time_begin)?,
        ),
        (
            "payment_time <= ?",
            time("payment_time_end", &q.payment_time_end)?,
        ),
    ];
    let filtered = filters.iter().any(|(_, v)| v.is_some());
    let dir = if descending { "DESC" } else { "ASC" };

    if owners.is_empty() {
        return Ok(CustomerOrdersResp::default());
    }
    // Fast path: one owner, no filter. `seq` is dense, so the page is an index range
    // and the total is the owner's counter — the same cost at offset 900,000 as at 0.
    if owners.len() == 1 && !filtered {
        let owner = &owners[0];
        let total: i64 = conn.query_row(
            "SELECT order_count FROM partners WHERE id = ?1",
            params![owner],
            |r| r.get(0),
        )?;
        let (cmp, bound) = if descending {
            ("<", total - offset)
        } else {
            (">=", offset)
        };
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM orders WHERE partner_id = ?1 AND seq {cmp} ?2 ORDER BY seq {dir} LIMIT ?3"
        ))?;
        let order_infos = stmt
            .query_map(params![owner, bound, limit], order_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(CustomerOrdersResp {
            total_count: total,
            order_infos,
        });
    }
    // One owner: its sequence is the creation order, and (partner_id, status, seq) or
    // (customer_id, seq) serve the page without sorting the matches.
    let order = if owners.len() == 1 {
        format!("seq {dir}")
    } else {
        format!("create_time {dir}, partner_id, seq {dir}")
    };
    let owners = owners.into_iter().map(Value::Text).collect();
    let (total_count, order_infos) = filters
        .into_iter()
        .fold(
            Where::new("1", vec![]).and_in("partner_id", Some(owners)),
            |w, (clause, v)| w.and(clause, v),
        )
        .page(
            conn,
            "orders",
            COLUMNS,
            &order,
            limit,
            offset,
            order_from_row,
        )?;
    Ok(CustomerOrdersResp {
        total_count,
        order_infos,
    })
}

/// What an unsubscription order refunds: its amount back (negative), from the
/// customer's earlier order of the same service (or the order itself). Any other order
/// is CBC.99005026; a partner must name the customer.
pub fn refund_details(
    conn: &Connection,
    caller: &Caller,
    q: &RefundOrderQuery,
) -> Result<RefundOrderResp, ApiError> {
    if q.order_id.is_empty() || q.order_id.chars().count() > 64 {
        return Err(ApiError::param("order_id must be 1 to 64 characters."));
    }
    let customer = match q.customer_id.as_deref() {
        Some(id) if !id.is_empty() => id,
        _ => {
            return Err(ApiError::param(
                "customer_id is mandatory when a partner queries a refund order.",
            ));
        }
    };
    let owner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    let found: Option<(String, i32, i64, String, String)> = conn
        .query_row(
            "SELECT customer_id, order_type, amount_after_discount, service_type_code, create_time
             FROM orders WHERE id = ?1 AND partner_id = ?2",
            params![q.order_id, owner],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (order_customer, order_type, amount, service, created) = found
        .filter(|f| f.0 == customer)
        .ok_or_else(|| ApiError::not_found(format!("Order {} does not exist.", q.order_id)))?;
    if order_type != ORDER_TYPE_UNSUBSCRIBE {
        return Err(ApiError::bad(
            codes::NOT_A_REFUND_ORDER,
            format!(
                "Order {} is not an unsubscription or downgrade order.",
                q.order_id
            ),
        ));
    }
    let base: String = conn
        .query_row(
            "SELECT id FROM orders WHERE customer_id = ?1 AND service_type_code = ?2
                 AND order_type != ?3 AND create_time < ?4 ORDER BY create_time DESC LIMIT 1",
            params![order_customer, service, ORDER_TYPE_UNSUBSCRIBE, created],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| q.order_id.clone());
    // What was paid back, less a 5% unsubscription fee.
    let fee = amount * 5 / 100;
    let info = |id: &str, fen: i64| RefundInfo {
        id: format!("{}-{id}", q.order_id),
        amount: from_fen(fen),
        measure_id: "1".into(),
        customer_id: order_customer.clone(),
        service_type_code: service.clone(),
        region_code: "cn-north-4".into(),
        base_order_id: base.clone(),
        ..Default::default()
    };
    let refund_infos = vec![info("refund", -(amount - fee)), info("fee", fee)];
    Ok(RefundOrderResp {
        total_count: refund_infos.len() as i64,
        refund_infos,
    })
}

pub fn details(
    conn: &Connection,
    caller: &Caller,
    order_id: &str,
    q: &OrderDetailsQuery,
) -> Result<OrderDetailsResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    if order_id.is_empty() || order_id.chars().count() > 64 {
        return Err(ApiError::param("order_id must be 1 to 64 characters."));
    }
    let owner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS}, lines FROM orders WHERE id = ?1 AND partner_id = ?2"),
            params![order_id, owner],
            |r| {
                let mut order = order_from_row(r)?;
                order.pending_payment_end_time = r.get(15)?;
                order.agent_pay_info = None;
                Ok((order, r.get::<_, String>(16)?))
            },
        )
        .optional()?;
    // Another partner's order is indistinguishable from a missing one.
    let (mut order_info, lines) =
        found.ok_or_else(|| ApiError::not_found(format!("Order {order_id} does not exist.")))?;
    order_info.user_name = conn
        .query_row(
            "SELECT account_name FROM customers WHERE id = ?1",
            params![order_info.customer_id],
            |r| r.get(0),
        )
        .optional()?;
    let lines: Vec<OrderLineItem> = serde_json::from_str(&lines)
        .map_err(|e| ApiError::internal(format!("order lines: {e}")))?;
    let total_count = lines.len() as i64;
    let order_line_items = lines
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    Ok(OrderDetailsResp {
        total_count,
        order_info,
        order_line_items,
    })
}
