//! Customers' yearly/monthly resources (`POST /v2/orders/suscriptions/resources/query`):
//! what a partner renews. A partner must name the customer, one of its own; only
//! solution providers and distributors may ask.

use chrono::{DateTime, TimeDelta, Utc};
use rusqlite::types::Value;
use rusqlite::{Connection, params};

use super::{ApiError, Caller, PartnerKind, Where, fmt_time, own_customer, page, text, time};
use pc_api::{
    EnterpriseProject, OnDemandResource, OnDemandResourcesReq, OnDemandResourcesResp,
    OrderInstance, QueryResourcesReq, QueryResourcesResp, RESOURCE_CLOSED, RESOURCE_EXPIRED,
    RESOURCE_FROZEN, RESOURCE_IN_USE,
};

/// Days a resource stays usable after it expires (grace period), then days it is kept
/// frozen (retention period) before it is released.
pub const GRACE_DAYS: i64 = 15;
pub const RETENTION_DAYS: i64 = 15;

/// The resources' rows with their status as of `now`: stored 3 (closed) and 4 (frozen
/// by hand) stay; otherwise in use until expiry, expired in the grace period, then
/// frozen in the retention period. Released resources are not listed.
fn as_of(now: DateTime<Utc>) -> String {
    let now_s = fmt_time(now);
    let grace = fmt_time(now - TimeDelta::days(GRACE_DAYS));
    let released = fmt_time(now - TimeDelta::days(GRACE_DAYS + RETENTION_DAYS));
    format!(
        "(SELECT *, CASE WHEN status IN ({RESOURCE_CLOSED}, {RESOURCE_FROZEN}) THEN status \
              WHEN expire_time > '{now_s}' THEN {RESOURCE_IN_USE} \
              WHEN expire_time > '{grace}' THEN {RESOURCE_EXPIRED} \
              ELSE {RESOURCE_FROZEN} END AS status_now \
          FROM resources WHERE expire_time > '{released}')"
    )
}

pub fn list(
    conn: &Connection,
    caller: &Caller,
    req: &QueryResourcesReq,
    now: DateTime<Utc>,
) -> Result<QueryResourcesResp, ApiError> {
    if !matches!(
        caller.kind,
        PartnerKind::Distributor | PartnerKind::SolutionProvider
    ) {
        return Err(ApiError::forbidden(
            "Only a solution provider or a tier-1 distributor can query its customers' resources.",
        ));
    }
    let (offset, limit) = page(req.offset, req.limit)?;
    let customer = match req.customer_id.as_deref() {
        Some(id) if !id.is_empty() => id,
        _ => {
            return Err(ApiError::param(
                "customer_id is mandatory when a partner queries a customer's resources.",
            ));
        }
    };
    own_customer(conn, &caller.partner_id, customer)?;
    let ids = req.resource_ids.as_ref();
    if ids.is_some_and(|v| v.len() > 50) {
        return Err(ApiError::param("resource_ids may hold at most 50 ids."));
    }
    let statuses = req.status_list.as_ref();
    if statuses.is_some_and(|v| v.len() > 10) {
        return Err(ApiError::param("status_list may hold at most 10 statuses."));
    }
    if let Some(s) = statuses.and_then(|v| {
        v.iter().find(|s| {
            ![
                RESOURCE_IN_USE,
                RESOURCE_CLOSED,
                RESOURCE_FROZEN,
                RESOURCE_EXPIRED,
            ]
            .contains(s)
        })
    }) {
        return Err(ApiError::param(format!(
            "status_list holds {s}: a status is 2, 3, 4 or 5."
        )));
    }
    let only_main = match req.only_main_resource {
        None | Some(0) => false,
        Some(1) => true,
        Some(n) => {
            return Err(ApiError::param(format!(
                "only_main_resource must be 0 or 1, got {n}."
            )));
        }
    };
    let mut filter = Where::new("customer_id = ?", vec![Value::Text(customer.to_string())])
        .and_in(
            "resource_id",
            ids.map(|v| v.iter().cloned().map(Value::Text).collect()),
        )
        .and_in(
            "status_now",
            statuses.map(|v| v.iter().map(|s| Value::Integer(*s as i64)).collect()),
        )
        .and("order_id = ?", text(&req.order_id))
        .and("service_type_code = ?", text(&req.service_type_code))
        .and(
            "expire_time >= ?",
            time("expire_time_begin", &req.expire_time_begin)?,
        )
        .and(
            "expire_time <= ?",
            time("expire_time_end", &req.expire_time_end)?,
        );
    if only_main {
        filter = filter.and_sql("is_main_resource = 1");
    }
    let (total_count, data) = filter.page(
        conn,
        &as_of(now),
        "id, resource_id, resource_name, region_code, service_type_code, resource_type_code, \
         resource_spec_code, project_id, product_id, parent_resource_id, is_main_resource, \
         status_now, effective_time, expire_time, expire_policy, product_spec_desc, update_time",
        "expire_time, id",
        limit,
        offset,
        |r| {
            Ok(OrderInstance {
                id: r.get(0)?,
                resource_id: r.get(1)?,
                resource_name: r.get(2)?,
                region_code: r.get(3)?,
                service_type_code: r.get(4)?,
                resource_type_code: r.get(5)?,
                resource_spec_code: r.get(6)?,
                project_id: r.get(7)?,
                product_id: r.get(8)?,
                parent_resource_id: r.get(9)?,
                is_main_resource: r.get(10)?,
                status: r.get(11)?,
                effective_time: r.get(12)?,
                expire_time: r.get(13)?,
                expire_policy: r.get(14)?,
                product_spec_desc: r.get(15)?,
                update_time: r.get(16)?,
                enterprise_project: Some(EnterpriseProject {
                    id: Some("0".into()),
                    name: Some("default".into()),
                }),
                ..Default::default()
            })
        },
    )?;
    Ok(QueryResourcesResp { data, total_count })
}

/// One resource as the seed stores it.
pub struct NewResource<'a> {
    pub customer_id: &'a str,
    pub resource_name: String,
    pub region_code: &'a str,
    pub service_type_code: &'a str,
    pub resource_type_code: &'a str,
    pub resource_spec_code: &'a str,
    pub product_id: &'a str,
    pub product_spec_desc: &'a str,
    pub project_id: String,
    pub order_id: Option<String>,
    pub status: i32,
    pub effective_time: DateTime<Utc>,
    pub expire_time: DateTime<Utc>,
    pub expire_policy: i32,
}

pub fn insert(conn: &Connection, r: &NewResource<'_>) -> Result<(), ApiError> {
    let id = super::hex_id(&format!("resource|{}|{}", r.customer_id, r.resource_name));
    conn.prepare_cached(
        "INSERT INTO resources (id, customer_id, resource_id, resource_name, region_code,
             service_type_code, resource_type_code, resource_spec_code, product_id,
             product_spec_desc, project_id, order_id, status, effective_time, expire_time,
             expire_policy, update_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        id,
        r.customer_id,
        uuid::Uuid::from_u128(u128::from_str_radix(&id, 16).unwrap_or_default()).to_string(),
        r.resource_name,
        r.region_code,
        r.service_type_code,
        r.resource_type_code,
        r.resource_spec_code,
        r.product_id,
        r.product_spec_desc,
        r.project_id,
        r.order_id,
        r.status,
        fmt_time(r.effective_time),
        fmt_time(r.expire_time),
        r.expire_policy,
        fmt_time(r.effective_time),
    ])?;
    Ok(())
}

/// One customer's pay-per-use resources, oldest first: the customer must be named, one
/// of the partner's own (or its reseller's, with `indirect_partner_id`).
pub fn list_on_demand(
    conn: &Connection,
    caller: &Caller,
    req: &OnDemandResourcesReq,
) -> Result<OnDemandResourcesResp, ApiError> {
    if !matches!(
        caller.kind,
        PartnerKind::Distributor | PartnerKind::SolutionProvider
    ) {
        return Err(ApiError::forbidden(
            "Only a solution provider or a tier-1 distributor can query its customers' resources.",
        ));
    }
    let (offset, limit) = page(req.offset, req.limit)?;
    if req.customer_id.is_empty() {
        return Err(ApiError::param("customer_id is mandatory."));
    }
    let partner = super::acting_partner(conn, caller, &req.indirect_partner_id)?;
    own_customer(conn, &partner, &req.customer_id)?;
    if let Some(s) = req.status
        && !(1..=6).contains(&s)
    {
        return Err(ApiError::param(format!("status must be 1 to 6, got {s}.")));
    }
    let ids = req.resource_ids.as_ref();
    if ids.is_some_and(|v| v.len() > 50) {
        return Err(ApiError::param("resource_ids may hold at most 50 ids."));
    }
    let (total_count, resources) = Where::new(
        "customer_id = ?",
        vec![Value::Text(req.customer_id.clone())],
    )
    .and_in(
        "resource_id",
        ids.map(|v| v.iter().cloned().map(Value::Text).collect()),
    )
    .and("region_code = ?", text(&req.region_code))
    .and("service_type_code = ?", text(&req.service_type_code))
    .and("status = ?", req.status.map(|s| Value::Integer(s.into())))
    .and(
        "effective_time >= ?",
        time("effective_time_begin", &req.effective_time_begin)?,
    )
    .and(
        "effective_time <= ?",
        time("effective_time_end", &req.effective_time_end)?,
    )
    .page(
        conn,
        "on_demand_resources",
        "customer_id, region_code, availability_zone_code, service_type_code, resource_type_code, \
         resource_id, resource_name, effective_time, status, resource_spec_code, product_spec_desc",
        "effective_time, resource_id",
        limit,
        offset,
        |r| {
            Ok(OnDemandResource {
                customer_id: r.get(0)?,
                region_code: r.get(1)?,
                availability_zone_code: r.get(2)?,
                service_type_code: r.get(3)?,
                resource_type_code: r.get(4)?,
                resource_id: r.get(5)?,
                resource_name: r.get(6)?,
                effective_time: r.get(7)?,
                status: r.get(8)?,
                resource_spec_code: r.get(9)?,
                product_spec_desc: r.get(10)?,
                ..Default::default()
            })
        },
    )?;
    Ok(OnDemandResourcesResp {
        resources,
        total_count,
    })
}
