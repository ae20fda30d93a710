//! Partner coupons: quotas, issuing cash coupons and vouchers to reseller-type customers,
//! reclaiming them, and listing what was issued.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::check_request_amount;
use super::own_customer;
use super::{
    ApiError, CURRENCY, Caller, MEASURE_YUAN, Where, acting_partner, fmt_time, int, new_id, page,
    parse_time, text, time,
};
use pc_api::error::codes;
use pc_api::money::{from_fen, to_fen};
use pc_api::{
    AdjustCouponQuotasReq, AdjustCouponQuotasResp, QuotaReclaim, QuotaSimpleInfo,
    ReclaimCouponQuotasReq, ReclaimCouponQuotasResp,
};
use pc_api::{
    CouponQuota, CouponQuotasReq, CouponQuotasResp, CouponRecord, CouponRecordsQuery,
    CouponRecordsResp, CreatePartnerCouponsReq, CreatePartnerCouponsResp, ErrorDetail,
    IssuedCoupon, IssuedCouponInfo, IssuedCouponsQuery, IssuedCouponsResp, IssuedQuota,
    IssuedQuotasQuery, IssuedQuotasResp, ReclaimPartnerCouponsReq,
};

pub const COUPON_USABLE: i32 = 2;
pub const COUPON_RECLAIMED: i32 = 5;

pub fn list_quotas(
    conn: &Connection,
    caller: &Caller,
    req: &CouponQuotasReq,
) -> Result<CouponQuotasResp, ApiError> {
    let (offset, limit) = page(req.offset, req.limit)?;
    let partner = acting_partner(conn, caller, &req.indirect_partner_id)?;
    for (field, n) in [
        ("quota_ids", req.quota_ids.as_ref().map_or(0, Vec::len)),
        (
            "quota_status_list",
            req.quota_status_list.as_ref().map_or(0, Vec::len),
        ),
    ] {
        if n > 100 {
            return Err(ApiError::param(format!(
                "{field} may hold at most 100 entries."
            )));
        }
    }
    let quota_type = req.quota_type.unwrap_or(0);
    if ![0, 1].contains(&quota_type) {
        return Err(ApiError::param(
            "quota_type must be 0 (voucher) or 1 (cash coupon).",
        ));
    }
    let ids = req
        .quota_ids
        .as_ref()
        .map(|v| v.iter().cloned().map(Value::Text).collect());
    let statuses = req
        .quota_status_list
        .as_ref()
        .map(|v| v.iter().map(|s| Value::Integer(*s as i64)).collect());
    let (total_count, quotas) = Where::new("partner_id = ? AND quota_type = ?", vec![Value::Text(partner), Value::Integer(quota_type as i64)])
        .and_in("quota_id", ids)
        .and_in("quota_status", statuses)
        .and("create_time >= ?", time("create_time_begin", &req.create_time_begin)?)
        .and("create_time <= ?", time("create_time_end", &req.create_time_end)?)
        .and("effective_time >= ?", time("effective_time_begin", &req.effective_time_begin)?)
        .and("effective_time <= ?", time("effective_time_end", &req.effective_time_end)?)
        .and("expire_time >= ?", time("expire_time_begin", &req.expire_time_begin)?)
        .and("expire_time <= ?", time("expire_time_end", &req.expire_time_end)?)
        .page(
            conn,
            "coupon_quotas",
            "quota_id, quota_type, create_time, quota_value, quota_status, balance, effective_time, expire_time",
            "create_time DESC, quota_id",
            limit,
            offset,
            |r| {
                Ok(CouponQuota {
                    quota_id: r.get(0)?,
                    quota_type: r.get(1)?,
                    create_time: r.get(2)?,
                    last_update_time: None,
                    quota_value: from_fen(r.get(3)?),
                    quota_status: r.get(4)?,
                    balance: from_fen(r.get(5)?),
                    measure_id: MEASURE_YUAN,
                    currency: CURRENCY.into(),
                    effective_time: r.get(6)?,
                    expire_time: r.get(7)?,
                })
            },
        )?;
    Ok(CouponQuotasResp {
        total_count,
        quotas,
    })
}

struct Quota {
    quota_type: i32,
    balance: i64,
    status: i32,
    min_face: i64,
    max_face: i64,
    effective: String,
    expire: String,
}

/// One of `partner`'s quotas that can be used now (normal, within its validity);
/// `own`: one Huawei gave the partner itself, not one given it by its distributor.
fn usable_quota(
    tx: &Connection,
    quota_id: &str,
    partner: &str,
    own: bool,
    now: DateTime<Utc>,
) -> Result<Quota, ApiError> {
    let quota = tx
        .query_row(
            "SELECT quota_type, balance, quota_status, min_face, max_face, effective_time, expire_time
             FROM coupon_quotas WHERE quota_id = ?1 AND partner_id = ?2
                 AND (?3 = 0 OR parent_quota_id IS NULL)",
            params![quota_id, partner, own],
            |r| {
                Ok(Quota {
                    quota_type: r.get(0)?,
                    balance: r.get(1)?,
                    status: r.get(2)?,
                    min_face: r.get(3)?,
                    max_face: r.get(4)?,
                    effective: r.get(5)?,
                    expire: r.get(6)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| {
            ApiError::bad(
                codes::QUOTA_BAD_STATE,
                if own {
                    format!("Quota {quota_id} is not one of your own quotas.")
                } else {
                    format!("Quota {quota_id} does not exist.")
                },
            )
        })?;
    if quota.status != 0 {
        return Err(ApiError::bad(
            codes::QUOTA_BAD_STATE,
            "The quota is not in a usable state.",
        ));
    }
    let now_s = fmt_time(now);
    if now_s < quota.effective || now_s > quota.expire {
        return Err(ApiError::bad(
            codes::QUOTA_NOT_EFFECTIVE,
            "The quota is not effective now or has expired.",
        ));
    }
    Ok(quota)
}

/// Issues one coupon per customer from a quota. Request-level problems are 400s;
/// per-customer problems land in `error_details`, as the API does.
pub fn create(
    tx: &Connection,
    caller: &Caller,
    req: &CreatePartnerCouponsReq,
    now: DateTime<Utc>,
) -> Result<CreatePartnerCouponsResp, ApiError> {
    check_request_amount(req.face_value).map_err(ApiError::param)?;
    let face =
        to_fen(req.face_value).ok_or_else(|| ApiError::param("face_value is out of range"))?;
    if req.customer_ids.is_empty() || req.customer_ids.len() > 100 {
        return Err(ApiError::param(
            "customer_ids must hold 1 to 100 customers.",
        ));
    }
    for (f, v) in [
        ("cloud_service_types", &req.cloud_service_types),
        ("product_ids", &req.product_ids),
    ] {
        if v.as_ref().is_some_and(|v| v.len() > 10) {
            return Err(ApiError::param(format!("{f} may hold at most 10 entries.")));
        }
    }
    let partner = acting_partner(tx, caller, &req.indirect_partner_id)?;
    let quota = usable_quota(tx, &req.quota_id, &partner, false, now)?;
    let now_s = fmt_time(now);
    if face < quota.min_face {
        return Err(ApiError::bad(
            codes::FACE_VALUE_TOO_LOW,
            format!(
                "The face value is below the quota's minimum of {} yuan.",
                from_fen(quota.min_face)
            ),
        ));
    }
    if face > quota.max_face {
        return Err(ApiError::bad(
            codes::FACE_VALUE_TOO_HIGH,
            format!(
                "The face value is above the quota's maximum of {} yuan.",
                from_fen(quota.max_face)
            ),
        ));
    }
    let effective = match req.valid_time.as_deref().filter(|s| !s.is_empty()) {
        Some(v) => fmt_time(parse_time("valid_time", v)?),
        None => quota.effective.clone(),
    };
    let expire = match req.expire_time.as_deref().filter(|s| !s.is_empty()) {
        Some(v) => fmt_time(parse_time("expire_time", v)?),
        None => quota.expire.clone(),
    };
    if expire <= effective || effective < quota.effective || expire > quota.expire {
        return Err(ApiError::bad(
            "CBC.99000023",
            "The coupon's validity must fall within the quota's.",
        ));
    }
    let coupon_type = if quota.quota_type == 1 { 4 } else { 1 };
    let mut balance = quota.balance;
    let mut resp = CreatePartnerCouponsResp::default();
    for cid in &req.customer_ids {
        let detail = |code: &str, msg: String| ErrorDetail {
            error_code: code.into(),
            error_msg: msg,
            id: cid.clone(),
        };
        let customer = match own_customer(tx, &partner, cid) {
            Ok(c) => c,
            Err(e) => {
                resp.error_details.push(detail(&e.code, e.msg));
                continue;
            }
        };
        if customer.association_type != "2" {
            resp.error_details.push(detail(
                codes::COUPON_ASSOCIATION_TYPE,
                "Coupons can only be issued to reseller-type customers.".into(),
            ));
            continue;
        }
        if balance < face {
            resp.error_details.push(detail(
                codes::QUOTA_INSUFFICIENT,
                format!("The quota has {} yuan left.", from_fen(balance)),
            ));
            continue;
        }
        balance -= face;
        let coupon_id = format!("CP{}", &new_id()[..20]).to_uppercase();
        tx.execute(
            "INSERT INTO coupons (coupon_id, partner_id, quota_id, customer_id, coupon_type, face_value, balance, status, create_time, effective_time, expire_time, memo)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![coupon_id, partner, req.quota_id, cid, coupon_type, face, COUPON_USABLE, now_s, effective, expire, req.memo],
        )?;
        record(tx, &partner, "1", &req.quota_id, &coupon_id, cid, face, now)?;
        resp.coupon_infos.push(IssuedCouponInfo {
            id: cid.clone(),
            coupon_id,
        });
    }
    tx.execute(
        "UPDATE coupon_quotas SET balance = ?2 WHERE quota_id = ?1",
        params![req.quota_id, balance],
    )?;
    Ok(resp)
}

/// Reclaims a usable coupon; what is left of it returns to its quota.
pub fn reclaim(
    tx: &Connection,
    caller: &Caller,
    req: &ReclaimPartnerCouponsReq,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let partner = acting_partner(tx, caller, &req.indirect_partner_id)?;
    let (status, left, quota_id, customer_id): (i32, i64, String, String) = tx
        .query_row(
            "SELECT status, balance, quota_id, customer_id FROM coupons WHERE coupon_id = ?1 AND partner_id = ?2",
            params![req.coupon_id, partner],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| ApiError::bad("CBC.99000000", format!("Coupon {} is not one you issued.", req.coupon_id)))?;
    let customer = own_customer(tx, &partner, &customer_id)?;
    if customer.association_type != "2" {
        return Err(ApiError::bad(
            codes::COUPON_CONSULTATIVE,
            "A referral customer's coupon cannot be reclaimed.",
        ));
    }
    if status != COUPON_USABLE {
        return Err(ApiError::bad(
            codes::COUPON_ALREADY_RECLAIMED,
            "The coupon is already used, expired or reclaimed.",
        ));
    }
    tx.execute(
        "UPDATE coupons SET status = ?2, balance = 0 WHERE coupon_id = ?1",
        params![req.coupon_id, COUPON_RECLAIMED],
    )?;
    record(
        tx,
        &partner,
        "2",
        &quota_id,
        &req.coupon_id,
        &customer_id,
        left,
        now,
    )?;
    tx.execute(
        "UPDATE coupon_quotas SET balance = balance + ?2 WHERE quota_id = ?1",
        params![quota_id, left],
    )?;
    Ok(())
}

pub fn list_issued(
    conn: &Connection,
    caller: &Caller,
    q: &IssuedCouponsQuery,
    now: DateTime<Utc>,
) -> Result<IssuedCouponsResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    if let Some(t) = q.coupon_type
        && ![1, 4].contains(&t)
    {
        return Err(ApiError::param(
            "coupon_type must be 1 (voucher) or 4 (cash coupon).",
        ));
    }
    if let Some(s) = q.status
        && !(1..=5).contains(&s)
    {
        return Err(ApiError::param("status must be 1 to 5."));
    }
    // Only coupons that expire within the last 12 months (or later) are listed.
    let recent = Value::Text(fmt_time(now - TimeDelta::days(365)));
    let mut filter = Where::new(
        "partner_id = ? AND expire_time >= ?",
        vec![Value::Text(partner), recent],
    )
    .and("coupon_id = ?", text(&q.coupon_id))
    .and("customer_id = ?", text(&q.customer_id))
    .and("coupon_type = ?", int(q.coupon_type))
    .and("status = ?", int(q.status))
    .and(
        "create_time >= ?",
        time("create_time_begin", &q.create_time_begin)?,
    )
    .and(
        "create_time <= ?",
        time("create_time_end", &q.create_time_end)?,
    )
    .and(
        "effective_time >= ?",
        time("effective_time_begin", &q.effective_time_begin)?,
    )
    .and(
        "effective_time <= ?",
        time("effective_time_end", &q.effective_time_end)?,
    )
    .and(
        "expire_time >= ?",
        time("expire_time_begin", &q.expire_time_begin)?,
    )
    .and(
        "expire_time <= ?",
        time("expire_time_end", &q.expire_time_end)?,
    );
    if q.order_id.as_deref().is_some_and(|s| !s.is_empty()) {
        // Coupons are not used by orders in this mock, so no coupon matches an order.
        filter = filter.and_sql("0");
    }
    let (total_count, user_coupons) = filter.page(
        conn,
        "coupons",
        "coupon_id, status, customer_id, coupon_type, face_value, balance, effective_time, expire_time, create_time",
        "create_time DESC, coupon_id",
        limit,
        offset,
        |r| {
            Ok(IssuedCoupon {
                coupon_id: r.get(0)?,
                status: r.get(1)?,
                customer_id: r.get(2)?,
                coupon_type: r.get(3)?,
                face_value: from_fen(r.get(4)?),
                balance: from_fen(r.get(5)?),
                effective_time: r.get(6)?,
                expire_time: r.get(7)?,
                order_id: None,
                create_time: r.get(8)?,
                measure_id: Some(MEASURE_YUAN),
                is_frozen: Some("0".into()),
            })
        },
    )?;
    Ok(IssuedCouponsResp {
        total_count,
        user_coupons,
    })
}

/// The quotas a distributor gave its resellers (`list_issued_coupon_quotas`), newest
/// first; distributors only.
pub fn list_issued_quotas(
    conn: &Connection,
    caller: &Caller,
    q: &IssuedQuotasQuery,
) -> Result<IssuedQuotasResp, ApiError> {
    super::require_distributor(caller)?;
    let (offset, limit) = page(q.offset, q.limit)?;
    if let Some(id) = q.indirect_partner_id.as_deref().filter(|i| !i.is_empty()) {
        super::reseller_of(conn, caller, id)?;
    }
    let (total_count, quotas) = Where::new(
        "p.parent_id = ? AND q.parent_quota_id IS NOT NULL",
        vec![Value::Text(caller.partner_id.clone())],
    )
    .and("q.quota_id = ?", text(&q.quota_id))
    .and("q.partner_id = ?", text(&q.indirect_partner_id))
    .and("q.parent_quota_id = ?", text(&q.parent_quota_id))
    .page(
        conn,
        "coupon_quotas q JOIN partners p ON p.id = q.partner_id",
        "q.quota_id, q.quota_type, q.create_time, q.quota_value, q.quota_status, q.balance, \
         q.effective_time, q.expire_time, q.partner_id, p.account_name, p.name, q.parent_quota_id",
        "q.create_time DESC, q.quota_id",
        limit,
        offset,
        |r| {
            Ok(IssuedQuota {
                quota_id: r.get(0)?,
                quota_type: r.get(1)?,
                create_time: r.get(2)?,
                last_update_time: None,
                quota_value: from_fen(r.get(3)?),
                quota_status: r.get(4)?,
                balance: from_fen(r.get(5)?),
                measure_id: MEASURE_YUAN,
                currency: CURRENCY.into(),
                effective_time: r.get(6)?,
                expire_time: r.get(7)?,
                indirect_partner_id: r.get(8)?,
                indirect_partner_account_name: r.get(9)?,
                indirect_partner_name: r.get(10)?,
                parent_quota_id: r.get(11)?,
            })
        },
    )?;
    Ok(IssuedQuotasResp {
        total_count,
        quotas,
    })
}

/// A quota's status once what was left of it was taken back (`quota_status` 6).
pub const QUOTA_RECLAIMED: i32 = 6;

/// Gives each reseller named a quota of `quota_amount` from one of the distributor's
/// own quotas (`update_coupon_quotas`). Request-level problems are 400s; a reseller
/// that is not the caller's, or a quota run short, lands in `error_details`.
pub fn give_quotas(
    tx: &Connection,
    caller: &Caller,
    req: &AdjustCouponQuotasReq,
    now: DateTime<Utc>,
) -> Result<AdjustCouponQuotasResp, ApiError> {
    super::require_distributor(caller)?;
    check_request_amount(req.quota_amount).map_err(ApiError::param)?;
    let amount =
        to_fen(req.quota_amount).ok_or_else(|| ApiError::param("quota_amount is out of range"))?;
    if req.indirect_partner_ids.is_empty() || req.indirect_partner_ids.len() > 100 {
        return Err(ApiError::param(
            "indirect_partner_ids must hold 1 to 100 resellers.",
        ));
    }
    if req.quota_id.is_empty() || req.quota_id.len() > 64 {
        return Err(ApiError::param("quota_id must be 1 to 64 characters."));
    }
    // Only a quota Huawei gave the distributor itself can be shared out.
    let quota = usable_quota(tx, &req.quota_id, &caller.partner_id, true, now)?;
    let now_s = fmt_time(now);
    let mut balance = quota.balance;
    let mut resp = AdjustCouponQuotasResp::default();
    for reseller in &req.indirect_partner_ids {
        let detail = |code: &str, msg: String| ErrorDetail {
            error_code: code.into(),
            error_msg: msg,
            id: reseller.clone(),
        };
        if let Err(e) = super::reseller_of(tx, caller, reseller) {
            resp.error_details.push(detail(&e.code, e.msg));
            continue;
        }
        if balance < amount {
            resp.error_details.push(detail(
                codes::QUOTA_INSUFFICIENT,
                format!("The quota has {} yuan left.", from_fen(balance)),
            ));
            continue;
        }
        balance -= amount;
        let quota_id = format!("QUOTA-{}", &new_id()[..16]).to_uppercase();
        tx.execute(
            "INSERT INTO coupon_quotas (quota_id, partner_id, quota_type, quota_value, balance, quota_status, min_face, max_face, create_time, effective_time, expire_time, parent_quota_id)
             VALUES (?1, ?2, ?3, ?4, ?4, 0, ?5, ?6, ?7, ?7, ?8, ?9)",
            params![quota_id, reseller, quota.quota_type, amount, quota.min_face, quota.max_face, now_s, quota.expire, req.quota_id],
        )?;
        resp.simple_quota_infos.push(QuotaSimpleInfo {
            id: reseller.clone(),
            quota_id,
        });
    }
    tx.execute(
        "UPDATE coupon_quotas SET balance = ?2 WHERE quota_id = ?1",
        params![req.quota_id, balance],
    )?;
    Ok(resp)
}

/// Takes back what is left of quotas the distributor gave its resellers
/// (`reclaim_coupon_quotas`): it returns to the quota each came from, and the reseller's
/// quota is closed (status 6). Coupons the reseller already issued stay with its
/// customers. A quota that is not one given by the caller, or already taken back, lands
/// in `error_details`.
pub fn take_quotas(
    tx: &Connection,
    caller: &Caller,
    req: &ReclaimCouponQuotasReq,
) -> Result<ReclaimCouponQuotasResp, ApiError> {
    super::require_distributor(caller)?;
    if req.quota_ids.is_empty() || req.quota_ids.len() > 10 {
        return Err(ApiError::param("quota_ids must hold 1 to 10 quotas."));
    }
    if req.remark.as_ref().is_some_and(|r| r.chars().count() > 256) {
        return Err(ApiError::param("remark may be 256 characters at most."));
    }
    let mut resp = ReclaimCouponQuotasResp::default();
    let mut done: Vec<&str> = Vec::new();
    for quota_id in &req.quota_ids {
        let detail = |code: &str, msg: String| ErrorDetail {
            error_code: code.into(),
            error_msg: msg,
            id: quota_id.clone(),
        };
        let given: Option<(i64, i32, String)> = tx
            .query_row(
                "SELECT q.balance, q.quota_status, q.parent_quota_id
                 FROM coupon_quotas q JOIN partners p ON p.id = q.partner_id
                 WHERE q.quota_id = ?1 AND p.parent_id = ?2 AND q.parent_quota_id IS NOT NULL",
                params![quota_id, caller.partner_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((left, status, parent)) = given else {
            resp.error_details.push(detail(
                codes::QUOTA_BAD_STATE,
                format!("Quota {quota_id} is not one you gave a reseller."),
            ));
            continue;
        };
        if status == QUOTA_RECLAIMED || done.contains(&quota_id.as_str()) {
            resp.error_details.push(detail(
                codes::QUOTA_BAD_STATE,
                format!("Quota {quota_id} was already taken back."),
            ));
            continue;
        }
        tx.execute(
            "UPDATE coupon_quotas SET balance = 0, quota_status = ?2 WHERE quota_id = ?1",
            params![quota_id, QUOTA_RECLAIMED],
        )?;
        tx.execute(
            "UPDATE coupon_quotas SET balance = balance + ?2 WHERE quota_id = ?1",
            params![parent, left],
        )?;
        done.push(quota_id);
        resp.simple_quota_infos.push(QuotaReclaim {
            quota_id: quota_id.clone(),
            quota_balance: from_fen(0),
        });
    }
    Ok(resp)
}

/// Writes what was done with a coupon (`operation_type` 1 issued, 2 reclaimed, 4
/// reclaimed at expiry), in the transaction that did it.
#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &Connection,
    partner: &str,
    operation_type: &str,
    quota_id: &str,
    coupon_id: &str,
    customer_id: &str,
    fen: i64,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let quota_type: i32 = conn
        .query_row(
            "SELECT quota_type FROM coupon_quotas WHERE quota_id = ?1",
            params![quota_id],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    conn.prepare_cached(
        "INSERT INTO coupon_records (id, partner_id, operation_type, quota_id, quota_type, coupon_id,
             customer_id, operation_amount, operation_time, result)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '0')",
    )?
    .execute(params![
        format!("CR{}", &new_id()[..20]).to_uppercase(),
        partner,
        operation_type,
        quota_id,
        quota_type,
        coupon_id,
        customer_id,
        fen,
        fmt_time(at),
    ])?;
    Ok(())
}

/// The records of what was done with the partner's coupons, newest first.
pub fn list_records(
    conn: &Connection,
    caller: &Caller,
    q: &CouponRecordsQuery,
) -> Result<CouponRecordsResp, ApiError> {
    let (offset, limit) = page(q.offset, q.limit)?;
    let partner = acting_partner(conn, caller, &q.indirect_partner_id)?;
    let types = q.operation_types.as_ref();
    if types.is_some_and(|t| t.len() > 8) {
        return Err(ApiError::param("operation_types may hold at most 8 types."));
    }
    if let Some(t) = types.and_then(|t| {
        t.iter().find(|t| {
            !matches!(
                t.as_str(),
                "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9"
            )
        })
    }) {
        return Err(ApiError::param(format!(
            "operation_types holds {t:?}: a type is 1 to 9."
        )));
    }
    let coupons = q.coupon_ids.as_ref();
    if coupons.is_some_and(|c| c.len() > 100) {
        return Err(ApiError::param("coupon_ids may hold at most 100 ids."));
    }
    if let Some(t) = q.quota_type
        && t != 0
        && t != 1
    {
        return Err(ApiError::param(format!(
            "quota_type must be 0 or 1, got {t}."
        )));
    }
    // A result other than 0 or -1 is no filter, as the API documents.
    let result = q
        .result
        .as_deref()
        .filter(|r| *r == "0" || *r == "-1")
        .map(|r| Value::Text(r.into()));
    let (total_count, records) = Where::new("partner_id = ?", vec![Value::Text(partner)])
        .and_in(
            "operation_type",
            types.map(|t| t.iter().cloned().map(Value::Text).collect()),
        )
        .and_in(
            "coupon_id",
            coupons.map(|c| c.iter().cloned().map(Value::Text).collect()),
        )
        .and("quota_id = ?", text(&q.quota_id))
        .and("quota_type = ?", int(q.quota_type))
        .and("customer_id = ?", text(&q.customer_id))
        .and(
            "operation_time >= ?",
            time("operation_time_begin", &q.operation_time_begin)?,
        )
        .and(
            "operation_time <= ?",
            time("operation_time_end", &q.operation_time_end)?,
        )
        .and("result = ?", result)
        .page(
            conn,
            "coupon_records",
            "id, operation_type, quota_id, quota_type, coupon_id, customer_id, operation_amount, \
             operation_time, result, remark",
            "operation_time DESC, n DESC",
            limit,
            offset,
            |r| {
                Ok(CouponRecord {
                    id: r.get(0)?,
                    operation_type: r.get(1)?,
                    quota_id: r.get(2)?,
                    quota_type: r.get(3)?,
                    coupon_id: r.get(4)?,
                    customer_id: r.get(5)?,
                    operation_amount: from_fen(r.get(6)?),
                    operation_time: r.get(7)?,
                    result: r.get(8)?,
                    remark: r.get(9)?,
                })
            },
        )?;
    Ok(CouponRecordsResp {
        total_count,
        records,
    })
}
