//! The lists and details the console reads: which pane a list belongs to, the query
//! behind it and the page it answers, a detail's query and data, and the worker-free
//! functions that fetch them through the client (shared by the console's worker and
//! the script commands).

use pc_api::partner_center::{Contract, ContractDetailResp, ContractsQuery};
use pc_api::*;

use pc_client::{Client, ClientError};

use crate::audit::AuditEntry;
pub use crate::customers::{display_name, find_customer, find_customer_of, is_customer_id};
use crate::exec::Records;
pub use crate::quotas::{QUOTAS_SHOWN, issued_quotas};
use crate::renewals::{Renewal, RenewalsQuery, gather};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Customers,
    Orders,
    Contracts,
    Resellers,
    Funds,
    Catalog,
    History,
    Renewals,
    Spending,
}

impl Pane {
    pub const ALL: [Pane; 9] = [
        Pane::Customers,
        Pane::Orders,
        Pane::Contracts,
        Pane::Resellers,
        Pane::Funds,
        Pane::Catalog,
        Pane::History,
        Pane::Renewals,
        Pane::Spending,
    ];

    /// Its stable English name (export file names, logs); the screen shows [`Pane::label`].
    pub fn title(self) -> &'static str {
        match self {
            Pane::Customers => "Customers",
            Pane::Orders => "Orders",
            Pane::Contracts => "Contracts",
            Pane::Resellers => "Resellers",
            Pane::Funds => "Funds",
            Pane::Catalog => "Catalog",
            Pane::History => "History",
            Pane::Renewals => "Renewals",
            Pane::Spending => "Spending",
        }
    }

    /// Its name on screen, in the current locale.
    pub fn label(self) -> &'static str {
        match self {
            Pane::Customers => t!("pane.customers"),
            Pane::Orders => t!("pane.orders"),
            Pane::Contracts => t!("pane.contracts"),
            Pane::Resellers => t!("pane.resellers"),
            Pane::Funds => t!("pane.funds"),
            Pane::Catalog => t!("pane.catalog"),
            Pane::History => t!("pane.history"),
            Pane::Renewals => t!("pane.renewals"),
            Pane::Spending => t!("pane.spending"),
        }
    }

    /// The tab's name where the full one does not fit (80 columns).
    pub fn short_label(self) -> &'static str {
        match self {
            Pane::Customers => t!("pane.short_customers"),
            Pane::Orders => t!("pane.short_orders"),
            Pane::Contracts => t!("pane.short_contracts"),
            Pane::Resellers => t!("pane.short_resellers"),
            Pane::Funds => t!("pane.short_funds"),
            Pane::Catalog => t!("pane.short_catalog"),
            Pane::History => t!("pane.short_history"),
            Pane::Renewals => t!("pane.short_renewals"),
            Pane::Spending => t!("pane.short_spending"),
        }
    }

    pub fn number(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0) + 1
    }

    /// What `/` filters by in this pane, for the prompt and the help.
    pub fn filter_hint(self) -> &'static str {
        match self {
            Pane::Orders => t!("filter_hint.orders"),
            Pane::Customers => t!("filter_hint.customers"),
            Pane::Contracts => t!("filter_hint.contracts"),
            Pane::Resellers => t!("filter_hint.resellers"),
            Pane::Funds => t!("filter_hint.funds"),
            Pane::Catalog => t!("filter_hint.catalog"),
            Pane::History => t!("filter_hint.history"),
            Pane::Renewals => t!("filter_hint.renewals"),
            Pane::Spending => t!("filter_hint.spending"),
        }
    }
}

/// The query behind one pane's list (paging is added by the worker).
#[derive(Debug, Clone, PartialEq)]
pub enum PageQuery {
    Orders(CustomerOrdersQuery),
    Customers(ListSubCustomersReq),
    Contracts(ContractsQuery),
    Resellers(ListIndirectPartnersReq),
    Funds(AdjustRecordsQuery),
    /// The partner's account change records (Funds, the account's view).
    Ledger(AccountChangeRecordsQuery),
    /// The coupons issued (Funds, the coupons' view).
    Coupons(IssuedCouponsQuery),
    Catalog(CatalogQuery),
    /// The local audit log, filtered by words.
    History(String),
    /// Resources to renew, gathered across customers.
    Renewals(RenewalsQuery),
    /// The customers that consumed in a month.
    Spending(ConsumeSubCustomersReq),
    /// A reseller's customers in a month: the consumption list takes no reseller, so its
    /// customers are listed and each one's bill read with the reseller's id.
    ResellerSpending {
        reseller: String,
        bill_cycle: String,
    },
}

impl PageQuery {
    /// The month of a Spending list.
    pub fn bill_cycle(&self) -> Option<&str> {
        match self {
            PageQuery::Spending(q) => Some(&q.bill_cycle),
            PageQuery::ResellerSpending { bill_cycle, .. } => Some(bill_cycle),
            _ => None,
        }
    }

    pub fn pane(&self) -> Pane {
        match self {
            PageQuery::Orders(_) => Pane::Orders,
            PageQuery::Customers(_) => Pane::Customers,
            PageQuery::Contracts(_) => Pane::Contracts,
            PageQuery::Resellers(_) => Pane::Resellers,
            PageQuery::Funds(_) | PageQuery::Ledger(_) | PageQuery::Coupons(_) => Pane::Funds,
            PageQuery::Catalog(_) => Pane::Catalog,
            PageQuery::History(_) => Pane::History,
            PageQuery::Renewals(_) => Pane::Renewals,
            PageQuery::Spending(_) | PageQuery::ResellerSpending { .. } => Pane::Spending,
        }
    }
}

/// One page of rows, as the worker answers.
#[derive(Debug, Clone, PartialEq)]
pub enum PageData {
    Orders(Vec<CustomerOrder>),
    Customers(Vec<CustomerInfo>),
    Contracts(Vec<Contract>),
    Resellers(Vec<IndirectPartner>),
    Funds(Vec<AdjustRecord>),
    Ledger(Vec<AccountChangeRecord>),
    Coupons(Vec<IssuedCoupon>),
    Catalog(Vec<ServiceType>),
    History(Vec<AuditEntry>),
    Renewals(Vec<Renewal>),
    /// The customers that consumed in the month of the query.
    Spending(Vec<Consumer>),
}

impl PageData {
    /// The customers whose names the rows want (they carry only ids).
    pub fn customer_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = match self {
            PageData::Orders(rows) => rows.iter().map(|o| o.customer_id.clone()).collect(),
            PageData::Spending(rows) => rows.iter().map(|r| r.customer_id.clone()).collect(),
            PageData::Coupons(rows) => rows.iter().map(|r| r.customer_id.clone()).collect(),
            _ => vec![],
        };
        ids.sort();
        ids.dedup();
        ids
    }
}

/// A customer that consumed in a month (`list_consume_sub_customers` gives the id; the
/// month comes with it, so a row says which month it counts).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Consumer {
    pub customer_id: String,
    pub bill_cycle: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DetailQuery {
    Order(String),
    Customer(CustomerInfo),
    Contract(String),
    Reseller(IndirectPartner),
    Service(ServiceType),
    /// A customer's spending in a month (customer id, name, month; the reseller's id
    /// when it is a reseller's customer).
    Spending(String, String, String, Option<String>),
    /// An issued coupon and what was done with it (a reseller's, when its id is given).
    Coupon(IssuedCoupon, Option<String>),
}

/// A resource type of a service with its usage types.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceUsage {
    pub resource: ServiceResourceBasicInfo,
    pub usage_types: Vec<UsageType>,
}

// Held boxed wherever it is kept (`Detail::Ready`, `Msg::Detail`): the variants' sizes
// cost nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum DetailData {
    /// An order, and what it refunds when it is an unsubscription.
    Order(Box<OrderDetailsResp>, Vec<RefundInfo>),
    /// The customer, its balance when it is a reseller-type customer, and its
    /// pay-per-use resources (or why they cannot be read).
    Customer(CustomerInfo, Option<CustomerBalance>, OnDemand),
    Contract(Box<ContractDetailResp>),
    /// A reseller, its balances, its latest transfers and the coupon quotas it was given.
    Reseller(
        IndirectPartner,
        Vec<AccountBalance>,
        Vec<AdjustRecord>,
        Vec<IssuedQuota>,
    ),
    /// A service, its resource types with their usage types, and the measure units.
    Service(ServiceType, Vec<ResourceUsage>, Vec<MeasureUnit>),
    Spending(Box<crate::spending::Spending>),
    /// A coupon, and the records of what was done with it (the quota it came from).
    Coupon(IssuedCoupon, Vec<CouponRecord>),
}

impl DetailData {
    /// Rows of the detail's table (line items, plans, transfers, resource types).
    pub fn table_len(&self) -> usize {
        match self {
            DetailData::Order(d, _) => d.order_line_items.len(),
            DetailData::Customer(_, _, on_demand) => on_demand
                .as_ref()
                .map_or(0, |(resources, _)| resources.len()),
            DetailData::Contract(d) => d.payment_plans.len(),
            DetailData::Reseller(_, _, records, _) => records.len(),
            DetailData::Service(_, resources, _) => resources.len(),
            DetailData::Spending(s) => s.month.lines.len(),
            DetailData::Coupon(_, records) => records.len(),
        }
    }
}

/// The newest orders searched for part of an id.
pub const ORDERS_SEARCHED: usize = 1_000;

/// The orders among the newest [`ORDERS_SEARCHED`] matching `q`'s other filters whose id
/// holds `part` (any case).
async fn orders_with(
    c: &Client,
    q: CustomerOrdersQuery,
    part: &str,
) -> Result<Vec<CustomerOrder>, ClientError> {
    let part = part.to_uppercase();
    let all = pc_client::collect_pages(100, ORDERS_SEARCHED, |offset, limit| {
        let q = CustomerOrdersQuery {
            order_id: None,
            offset: Some(offset),
            limit: Some(limit),
            ..q.clone()
        };
        async move { c.list_customer_orders(&q).await }
    })
    .await?;
    Ok(all
        .into_iter()
        .filter(|o| o.order_id.to_uppercase().contains(&part))
        .collect())
}

/// A customer's pay-per-use resources as its detail shows them: the first page and the
/// total, or why the API would not say.
pub type OnDemand = Result<(Vec<OnDemandResource>, i64), String>;

/// The pay-per-use resources shown in a customer's detail.
pub const ON_DEMAND_SHOWN: i64 = 100;

/// An unsubscription order's type.
pub const UNSUBSCRIBE: i32 = 4;

/// One page of a list from the backend (History: from the audit log), with the total.
pub async fn load_page(
    c: &Client,
    records: &Records,
    query: PageQuery,
    offset: i64,
    limit: i64,
) -> Result<(i64, PageData), ClientError> {
    let (o, l) = (Some(offset), Some(limit));
    Ok(match query {
        PageQuery::Orders(mut q) => {
            // `customer:` may name the customer rather than give its id.
            if let Some(named) = q.customer_id.take() {
                q.customer_id = Some(if is_customer_id(&named) {
                    named
                } else {
                    // In a reseller's scope, among the reseller's customers.
                    find_customer_of(c, &named, q.indirect_partner_id.as_deref())
                        .await?
                        .customer_id
                });
            }
            let r = c
                .list_customer_orders(&CustomerOrdersQuery {
                    offset: o,
                    limit: l,
                    ..q.clone()
                })
                .await?;
            match q.order_id.clone() {
                // The API finds an order by its whole id only: part of one is looked
                // for among the newest orders.
                Some(part) if r.total_count == 0 && offset == 0 => {
                    let rows = orders_with(c, q, &part).await?;
                    (rows.len() as i64, PageData::Orders(rows))
                }
                _ => (r.total_count, PageData::Orders(r.order_infos)),
            }
        }
        PageQuery::Customers(q) => {
            let r = c
                .list_sub_customers(&ListSubCustomersReq {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.count, PageData::Customers(r.customer_infos))
        }
        PageQuery::Contracts(q) => {
            let r = c
                .list_contracts(&ContractsQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Contracts(r.contracts))
        }
        PageQuery::Resellers(q) => {
            let r = c
                .list_indirect_partners(&ListIndirectPartnersReq {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.count, PageData::Resellers(r.indirect_partners))
        }
        PageQuery::Funds(q) => {
            let r = c
                .list_partner_adjust_records(&AdjustRecordsQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Funds(r.records))
        }
        PageQuery::Ledger(q) => {
            let r = c
                .list_partner_account_change_records(&AccountChangeRecordsQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Ledger(r.records))
        }
        PageQuery::Coupons(q) => {
            let r = c
                .list_issued_partner_coupons(&IssuedCouponsQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Coupons(r.user_coupons))
        }
        PageQuery::Catalog(q) => {
            let r = c
                .list_service_types(&CatalogQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Catalog(r.service_types))
        }
        PageQuery::Renewals(q) => {
            // Gathered whole (at most `renewals::KEEP`) and answered as one page.
            if offset > 0 {
                return Ok((0, PageData::Renewals(vec![])));
            }
            let (_, rows) = gather(c, &q, chrono::Utc::now(), &mut |_, _| {}).await?;
            (rows.len() as i64, PageData::Renewals(rows))
        }
        PageQuery::Spending(q) => {
            let cycle = q.bill_cycle.clone();
            let r = c
                .list_consume_sub_customers(&ConsumeSubCustomersReq {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            let rows = r
                .sub_customers
                .into_iter()
                .map(|s| Consumer {
                    customer_id: s.customer_id,
                    bill_cycle: cycle.clone(),
                })
                .collect();
            (r.total_count, PageData::Spending(rows))
        }
        PageQuery::ResellerSpending {
            reseller,
            bill_cycle,
        } => {
            let r = c
                .list_sub_customers(&ListSubCustomersReq {
                    indirect_partner_id: Some(reseller),
                    offset: o,
                    limit: l,
                    ..Default::default()
                })
                .await?;
            let rows = r
                .customer_infos
                .into_iter()
                .map(|s| Consumer {
                    customer_id: s.customer_id,
                    bill_cycle: bill_cycle.clone(),
                })
                .collect();
            (r.count, PageData::Spending(rows))
        }
        PageQuery::History(filter) => {
            let Some(audit) = records.audit.clone() else {
                return Ok((0, PageData::History(vec![])));
            };
            let all = tokio::task::spawn_blocking(move || audit.read(&filter))
                .await
                .map_err(|e| ClientError::Transport(e.to_string()))?
                .map_err(|e| {
                    ClientError::InvalidInput(t!("describe.audit_unreadable", error = e))
                })?;
            let total = all.len() as i64;
            let rows = all
                .into_iter()
                .skip(offset.max(0) as usize)
                .take(limit.max(0) as usize)
                .collect();
            (total, PageData::History(rows))
        }
    })
}

pub async fn load_detail(c: &Client, query: DetailQuery) -> Result<DetailData, ClientError> {
    Ok(match query {
        DetailQuery::Order(id) => {
            let q = OrderDetailsQuery {
                limit: Some(100),
                ..Default::default()
            };
            let d = c.show_customer_order_details(&id, &q).await?;
            // An unsubscription says what it refunds, and from which order.
            let refunds = if d.order_info.order_type == UNSUBSCRIBE {
                let q = RefundOrderQuery {
                    order_id: id.clone(),
                    customer_id: Some(d.order_info.customer_id.clone()),
                    indirect_partner_id: None,
                };
                c.show_refund_order_details(&q).await?.refund_infos
            } else {
                vec![]
            };
            DetailData::Order(Box::new(d), refunds)
        }
        DetailQuery::Customer(info) => {
            let balance = if info.association_type.as_deref() == Some("2") {
                let req = CustomerBalancesReq {
                    customer_infos: vec![CustomerRef {
                        customer_id: info.customer_id.clone(),
                    }],
                    indirect_partner_id: None,
                };
                c.list_customers_balances_detail(&req)
                    .await?
                    .customer_balances
                    .into_iter()
                    .next()
            } else {
                None
            };
            // Not every partner may ask (a government partner may not): the detail
            // says so rather than failing whole.
            let req = OnDemandResourcesReq {
                customer_id: info.customer_id.clone(),
                limit: Some(ON_DEMAND_SHOWN),
                ..Default::default()
            };
            let on_demand = match c.list_customer_on_demand_resources(&req).await {
                Ok(r) => Ok((r.resources, r.total_count)),
                Err(e @ ClientError::Api { .. }) => Err(crate::format::describe(&e)),
                Err(e) => return Err(e),
            };
            DetailData::Customer(info, balance, on_demand)
        }
        DetailQuery::Contract(id) => DetailData::Contract(Box::new(c.show_contract(&id).await?)),
        DetailQuery::Reseller(r) => {
            let id = Some(r.indirect_partner_id.clone());
            let balances_query = PartnerBalancesQuery {
                indirect_partner_id: id.clone(),
            };
            let records_query = AdjustRecordsQuery {
                customer_id: id,
                limit: Some(20),
                ..Default::default()
            };
            let reseller = r.indirect_partner_id.clone();
            let (balances, records, quotas) = tokio::try_join!(
                c.list_partner_balances(&balances_query),
                c.list_partner_adjust_records(&records_query),
                issued_quotas(c, Some(&reseller), None, QUOTAS_SHOWN),
            )?;
            DetailData::Reseller(r, balances.account_balances, records.records, quotas)
        }
        DetailQuery::Coupon(coupon, reseller) => {
            let q = CouponRecordsQuery {
                coupon_ids: Some(vec![coupon.coupon_id.clone()]),
                limit: Some(100),
                indirect_partner_id: reseller,
                ..Default::default()
            };
            let records = c.list_partner_coupons_record(&q).await?.records;
            DetailData::Coupon(coupon, records)
        }
        DetailQuery::Spending(customer_id, name, cycle, reseller) => {
            DetailData::Spending(Box::new(
                crate::spending::spending(c, &customer_id, &name, &cycle, reseller.as_deref())
                    .await?,
            ))
        }
        DetailQuery::Service(s) => {
            let q = CatalogQuery {
                service_type_code: Some(s.service_type_code.clone()),
                limit: Some(100),
                ..Default::default()
            };
            let resources = c.list_service_resources(&q).await?.infos;
            let usage = resources.iter().map(|r| {
                let q = CatalogQuery {
                    resource_type_code: Some(r.basic_info.resource_type_code.clone()),
                    limit: Some(100),
                    ..Default::default()
                };
                async move { c.list_usage_types(&q).await.map(|u| u.usage_types) }
            });
            let usage = futures::future::try_join_all(usage).await?;
            let out: Vec<ResourceUsage> = resources
                .into_iter()
                .zip(usage)
                .map(|(r, usage_types)| ResourceUsage {
                    resource: r.basic_info,
                    usage_types,
                })
                .collect();
            let units = c.list_measure_units().await?.measure_units;
            DetailData::Service(s, out, units)
        }
    })
}

/// The orders of a payment with their pay-before and effective times, read from each
/// order's details (together: the client keeps at most a few calls in flight), so that
/// a passed time is told before a code is spent.
pub async fn with_times(
    c: &Client,
    orders: Vec<crate::ops::OrderToPay>,
) -> Result<Vec<crate::ops::OrderToPay>, ClientError> {
    let reads = orders.into_iter().map(|o| async move {
        let details = c
            .show_customer_order_details(&o.order_id, &OrderDetailsQuery::default())
            .await?;
        Ok::<_, ClientError>(crate::ops::with_times(o, &details))
    });
    futures::future::try_join_all(reads).await
}

/// Pending orders' details read at once for their pay-before times: the gateway allows
/// about ten calls a second, and the user's own calls come first.
pub const DEADLINES_AT_ONCE: usize = 2;

/// The pay-before times of pending orders, from their details, each told as it is read
/// (an order whose details cannot be read is not told).
pub async fn deadlines(
    c: &Client,
    order_ids: Vec<String>,
    each: &mut impl FnMut(String, Option<String>),
) {
    use futures::StreamExt;
    let mut reads = futures::stream::iter(order_ids.into_iter().map(|id| async move {
        let details = c
            .show_customer_order_details(&id, &OrderDetailsQuery::default())
            .await;
        (id, details)
    }))
    .buffer_unordered(DEADLINES_AT_ONCE);
    while let Some((id, details)) = reads.next().await {
        match details {
            Ok(d) => each(id, d.order_info.pending_payment_end_time),
            Err(e) => tracing::debug!(order_id = %id, error = %e, "no pay-before time read"),
        }
    }
}

/// Pages of the customer list read for names before asking for customers one by one.
pub const NAME_PAGES: usize = 10;
/// Customers asked for one by one in one read of names, told in groups of ten (the
/// gateway allows about 10 calls a second per API).
pub const NAME_SINGLES: usize = 50;

/// What a read of names learnt.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamesRead {
    /// (id, name; `None` if not one of the partner's customers).
    pub found: Vec<(String, Option<String>)>,
    /// The whole customer list was read: an id not in it is nobody's name to read.
    pub listed: bool,
}

/// The names of customers by id. Unless the list was read already (`listed`: then an id
/// not known is a customer new since, or the list is too long to read whole), pages of
/// the customer list come first (100 a
/// call, `NAME_PAGES` at most); an id not in a list read to its end is not a customer of
/// the partner. Otherwise the ids still missing are asked for one by one
/// (`NAME_SINGLES` at most). `each` is given what each
/// call found, as it comes. Ids neither found nor ruled out are left out.
pub async fn customer_names(
    c: &Client,
    ids: Vec<String>,
    listed: bool,
    each: &mut (dyn FnMut(NamesRead) + Send),
) {
    let mut missing: std::collections::HashSet<String> = ids.into_iter().collect();
    let mut offset = 0i64;
    let mut read_all = false;
    if !listed {
        for _ in 0..NAME_PAGES {
            let q = ListSubCustomersReq {
                offset: Some(offset),
                limit: Some(100),
                ..Default::default()
            };
            let Ok(page) = c.list_sub_customers(&q).await else {
                break;
            };
            let n = page.customer_infos.len() as i64;
            offset += n;
            let found: Vec<(String, Option<String>)> = page
                .customer_infos
                .iter()
                .filter(|c| missing.remove(&c.customer_id))
                .map(|c| (c.customer_id.clone(), Some(display_name(c).to_string())))
                .collect();
            let end = n < 100 || offset >= page.count;
            if end {
                read_all = true;
            }
            each(NamesRead { found, listed: end });
            if end || missing.is_empty() {
                break;
            }
        }
    }
    if read_all {
        // Not a customer of the partner (a reseller's, or gone): nothing to ask.
        let none: Vec<(String, Option<String>)> = missing.drain().map(|id| (id, None)).collect();
        if !none.is_empty() {
            each(NamesRead {
                found: none,
                listed: true,
            });
        }
        return;
    }
    let singles: Vec<String> = missing.into_iter().take(NAME_SINGLES).collect();
    for group in singles.chunks(10) {
        let reads = group.iter().cloned().map(|id| async move {
            let q = ListSubCustomersReq {
                customer_id: Some(id.clone()),
                limit: Some(1),
                ..Default::default()
            };
            let found = c.list_sub_customers(&q).await.map(|r| {
                r.customer_infos
                    .iter()
                    .find(|c| c.customer_id == id)
                    .map(|c| display_name(c).to_string())
            });
            found.ok().map(|name| (id, name))
        });
        let found: Vec<(String, Option<String>)> = futures::future::join_all(reads)
            .await
            .into_iter()
            .flatten()
            .collect();
        each(NamesRead {
            found,
            listed: false,
        });
    }
}

/// The partner's order with this id, if there is one (the id's case does not matter).
pub async fn find_order(c: &Client, order_id: &str) -> Result<Option<CustomerOrder>, ClientError> {
    let q = CustomerOrdersQuery {
        order_id: Some(order_id.to_string()),
        limit: Some(1),
        ..Default::default()
    };
    Ok(c.list_customer_orders(&q)
        .await?
        .order_infos
        .into_iter()
        .find(|o| o.order_id.eq_ignore_ascii_case(order_id)))
}

/// Whether the partner has a valid payment agreement (代付协议), which paying on the
/// customers' behalf rests on; `None` where the backend keeps none (BSS alone) or did
/// not say.
pub async fn has_payment_agreement(c: &Client) -> Option<bool> {
    c.agreements().await.ok().map(|r| {
        r.agreements
            .iter()
            .any(|a| a.status == pc_api::partner_center::AGREEMENT_VALID)
    })
}
