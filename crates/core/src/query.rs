//! The lists and details the console reads: which pane a list belongs to, the query
//! behind it and the page it answers, a detail's query and data, and the worker-free
//! functions that fetch them through the client (shared by the console's worker and
//! the script commands).

use pc_api::partner_center::{Contract, ContractDetailResp, ContractsQuery};
use pc_api::*;

use pc_client::{Client, ClientError};

use crate::audit::AuditEntry;
use crate::exec::Records;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Customers,
    Orders,
    Contracts,
    Resellers,
    Funds,
    Catalog,
    History,
}

impl Pane {
    pub const ALL: [Pane; 7] = [
        Pane::Customers,
        Pane::Orders,
        Pane::Contracts,
        Pane::Resellers,
        Pane::Funds,
        Pane::Catalog,
        Pane::History,
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
    Catalog(CatalogQuery),
    /// The local audit log, filtered by words.
    History(String),
}

impl PageQuery {
    pub fn pane(&self) -> Pane {
        match self {
            PageQuery::Orders(_) => Pane::Orders,
            PageQuery::Customers(_) => Pane::Customers,
            PageQuery::Contracts(_) => Pane::Contracts,
            PageQuery::Resellers(_) => Pane::Resellers,
            PageQuery::Funds(_) => Pane::Funds,
            PageQuery::Catalog(_) => Pane::Catalog,
            PageQuery::History(_) => Pane::History,
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
    Catalog(Vec<ServiceType>),
    History(Vec<AuditEntry>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DetailQuery {
    Order(String),
    Customer(CustomerInfo),
    Contract(String),
    Reseller(IndirectPartner),
    Service(ServiceType),
}

/// A resource type of a service with its usage types.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceUsage {
    pub resource: ServiceResourceBasicInfo,
    pub usage_types: Vec<UsageType>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DetailData {
    Order(Box<OrderDetailsResp>),
    /// The customer, and its balance when it is a reseller-type customer.
    Customer(CustomerInfo, Option<CustomerBalance>),
    Contract(Box<ContractDetailResp>),
    Reseller(IndirectPartner, Vec<AccountBalance>, Vec<AdjustRecord>),
    /// A service, its resource types with their usage types, and the measure units.
    Service(ServiceType, Vec<ResourceUsage>, Vec<MeasureUnit>),
}

impl DetailData {
    /// Rows of the detail's table (line items, plans, transfers, resource types).
    pub fn table_len(&self) -> usize {
        match self {
            DetailData::Order(d) => d.order_line_items.len(),
            DetailData::Customer(..) => 0,
            DetailData::Contract(d) => d.payment_plans.len(),
            DetailData::Reseller(_, _, records) => records.len(),
            DetailData::Service(_, resources, _) => resources.len(),
        }
    }
}

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
        PageQuery::Orders(q) => {
            let r = c
                .list_customer_orders(&CustomerOrdersQuery {
                    offset: o,
                    limit: l,
                    ..q
                })
                .await?;
            (r.total_count, PageData::Orders(r.order_infos))
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
            DetailData::Order(Box::new(c.show_customer_order_details(&id, &q).await?))
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
            DetailData::Customer(info, balance)
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
            let (balances, records) = tokio::try_join!(
                c.list_partner_balances(&balances_query),
                c.list_partner_adjust_records(&records_query),
            )?;
            DetailData::Reseller(r, balances.account_balances, records.records)
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
