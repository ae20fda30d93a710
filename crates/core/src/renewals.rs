//! The Renewals desk: the customers' yearly/monthly resources that expire soonest, in
//! their grace period or frozen. The API lists one customer's resources at a time, so
//! the desk reads the customer list page by page and asks for each customer's
//! resources, a few at a time, keeping only the soonest.

use chrono::{DateTime, TimeDelta, Utc};
use futures::StreamExt;

use pc_api::error::codes;
use pc_api::*;
use pc_client::{Client, ClientError};

use crate::customers::{display_name, find_customer, is_customer_id};

/// Resources kept, soonest first: a partner with more narrows the filter.
pub const KEEP: usize = 500;
/// Customers' resources asked for at once: the client sends at most four calls at a
/// time, so two leave room for what the user does meanwhile.
pub const PARALLEL: usize = 2;
/// How far back an expiry is still worth showing: the grace and retention periods.
pub const PAST_DAYS: i64 = 30;
/// The window ahead when the filter names none.
pub const DEFAULT_DAYS: i64 = 30;
/// Customers read per page of the customer list.
const CUSTOMERS_PAGE: i64 = 100;
/// Resources read per call.
const RESOURCES_PAGE: i64 = 100;

/// What the desk lists: resources expiring within `within_days` (and those already
/// expired, in their grace or retention period), of one customer or of all.
#[derive(Debug, Clone, PartialEq)]
pub struct RenewalsQuery {
    pub within_days: i64,
    /// A customer's id, account name or company name.
    pub customer: Option<String>,
    /// Statuses asked for; empty for in use, expired and frozen (not closed).
    pub statuses: Vec<i32>,
}

impl Default for RenewalsQuery {
    fn default() -> Self {
        RenewalsQuery {
            within_days: DEFAULT_DAYS,
            customer: None,
            statuses: vec![],
        }
    }
}

/// One resource to renew, with its customer.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Renewal {
    pub customer_id: String,
    pub customer_name: String,
    #[serde(flatten)]
    pub resource: OrderInstance,
}

/// How far a gathering has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Customers whose resources were read.
    pub read: i64,
    /// The partner's customers (the list's total).
    pub customers: i64,
    /// Resources found in the window, kept or not.
    pub found: i64,
}

impl Progress {
    pub fn done(&self) -> bool {
        self.read >= self.customers
    }
}

/// The API's time format.
fn api_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// One customer's resources in the window, every page of them.
async fn resources_of(
    c: &Client,
    customer_id: &str,
    q: &RenewalsQuery,
    now: DateTime<Utc>,
) -> Result<Vec<OrderInstance>, ClientError> {
    let statuses = if q.statuses.is_empty() {
        vec![RESOURCE_IN_USE, RESOURCE_EXPIRED, RESOURCE_FROZEN]
    } else {
        q.statuses.clone()
    };
    pc_client::collect_pages(RESOURCES_PAGE, usize::MAX, |offset, limit| {
        let req = QueryResourcesReq {
            customer_id: Some(customer_id.to_string()),
            status_list: Some(statuses.clone()),
            expire_time_begin: Some(api_time(now - TimeDelta::days(PAST_DAYS))),
            expire_time_end: Some(api_time(now + TimeDelta::days(q.within_days))),
            only_main_resource: Some(1),
            offset: Some(offset),
            limit: Some(limit),
            ..Default::default()
        };
        async move { c.list_pay_per_use_customer_resources(&req).await }
    })
    .await
}

/// Customers read between two reports of what was found.
const REPORT_EVERY: i64 = 10;

/// Soonest first, at most [`KEEP`].
fn keep_soonest(kept: &mut Vec<Renewal>) {
    kept.sort_by(|a, b| {
        (&a.resource.expire_time, &a.resource.id).cmp(&(&b.resource.expire_time, &b.resource.id))
    });
    kept.truncate(KEEP);
}

/// Reads the resources of `customers`, a few at a time, into `kept`, telling `seen`
/// every few customers. A customer no longer the partner's is passed over.
async fn read_customers(
    c: &Client,
    customers: Vec<(String, String)>,
    q: &RenewalsQuery,
    now: DateTime<Utc>,
    kept: &mut Vec<Renewal>,
    progress: &mut Progress,
    seen: &mut (dyn FnMut(Progress, &[Renewal]) + Send),
) -> Result<(), ClientError> {
    let mut reads = futures::stream::iter(customers.into_iter().map(|(id, name)| async move {
        let r = resources_of(c, &id, q, now).await;
        (id, name, r)
    }))
    .buffer_unordered(PARALLEL);
    while let Some((id, name, r)) = reads.next().await {
        progress.read += 1;
        let found = match r {
            Ok(found) => found,
            Err(ClientError::Api { code, .. }) if code == codes::NOT_YOUR_CUSTOMER => vec![],
            Err(e) => return Err(e),
        };
        progress.found += found.len() as i64;
        kept.extend(found.into_iter().map(|resource| Renewal {
            customer_id: id.clone(),
            customer_name: name.clone(),
            resource,
        }));
        if progress.read % REPORT_EVERY == 0 && !progress.done() {
            keep_soonest(kept);
            seen(*progress, kept);
        }
    }
    keep_soonest(kept);
    Ok(())
}

/// Gathers the resources to renew: `seen` is told after each page of customers, with
/// the soonest found so far, so that a long gathering shows as it goes.
pub async fn gather(
    c: &Client,
    q: &RenewalsQuery,
    now: DateTime<Utc>,
    seen: &mut (dyn FnMut(Progress, &[Renewal]) + Send),
) -> Result<(Progress, Vec<Renewal>), ClientError> {
    let mut kept = Vec::new();
    let mut progress = Progress::default();
    if let Some(text) = q.customer.as_deref() {
        let one = if is_customer_id(text) {
            (text.to_string(), text.to_string())
        } else {
            let info = find_customer(c, text).await?;
            let name = display_name(&info).to_string();
            (info.customer_id, name)
        };
        progress.customers = 1;
        read_customers(c, vec![one], q, now, &mut kept, &mut progress, seen).await?;
        seen(progress, &kept);
        return Ok((progress, kept));
    }
    let mut offset = 0;
    loop {
        let page = c
            .list_sub_customers(&ListSubCustomersReq {
                offset: Some(offset),
                limit: Some(CUSTOMERS_PAGE),
                ..Default::default()
            })
            .await?;
        let n = page.customer_infos.len() as i64;
        offset += n;
        progress.customers = page.count.max(offset);
        let customers = page
            .customer_infos
            .iter()
            .map(|c| (c.customer_id.clone(), display_name(c).to_string()))
            .collect();
        read_customers(c, customers, q, now, &mut kept, &mut progress, seen).await?;
        let end = n < CUSTOMERS_PAGE || offset >= page.count;
        if end {
            progress.customers = progress.read;
        }
        seen(progress, &kept);
        if end {
            return Ok((progress, kept));
        }
    }
}
