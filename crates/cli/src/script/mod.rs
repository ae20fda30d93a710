//! Script commands (`partner-console orders list …`, docs/design.md §8): the same client, query
//! rules, pre-flight checks, messages and exactly-once journal as the UI, for pipelines.
//! `--json` prints stable JSON on stdout (the BSS field names, documented in README.md);
//! otherwise a table for people. Errors go to stderr, and the exit code says what kind
//! of failure it was ([`Exit`]).

mod args;
mod out;
mod writes;

use clap::ValueEnum;

use pc_api::partner_center::ContractsQuery;
use pc_api::{
    AdjustRecordsQuery, CatalogQuery, CustomerOrdersQuery, ListIndirectPartnersReq,
    ListSubCustomersReq, PartnerBalancesQuery,
};
use pc_core::filter::order_status;
use pc_core::query::{DetailData, DetailQuery, PageData, PageQuery};

pub use args::*;
pub use out::*;
pub use writes::ChallengeStore;

/// Runs a script command; the exit code.
pub async fn run(ctx: &Ctx, cmd: &ScriptCmd) -> Exit {
    match cmd {
        ScriptCmd::Orders { cmd } => orders(ctx, cmd).await,
        ScriptCmd::Customers { cmd } => customers(ctx, cmd).await,
        ScriptCmd::Resellers { cmd } => resellers(ctx, cmd).await,
        ScriptCmd::Contracts { cmd } => contracts(ctx, cmd).await,
        ScriptCmd::Resources { cmd } => resources(ctx, cmd).await,
        ScriptCmd::Coupons { cmd } => coupons(ctx, cmd).await,
        ScriptCmd::Funds { cmd } => funds(ctx, cmd).await,
        ScriptCmd::Catalog { cmd } => catalog(ctx, cmd).await,
        ScriptCmd::Verification { cmd } => writes::verification(ctx, cmd).await,
    }
}

async fn orders(ctx: &Ctx, cmd: &OrdersCmd) -> Exit {
    match cmd {
        OrdersCmd::List {
            status,
            customer,
            reseller,
            paging,
        } => {
            let status = match status.as_deref().map(order_status).transpose() {
                Ok(s) => s,
                Err(message) => return usage(&message),
            };
            let q = CustomerOrdersQuery {
                status,
                customer_id: customer.clone(),
                indirect_partner_id: reseller.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Orders(q), paging).await
        }
        OrdersCmd::Show { order_id, out } => {
            match writes::find_order(&ctx.client, order_id).await {
                Ok(o) if out.json => print_json(&o),
                Ok(o) => print(&table(
                    &PageQuery::Orders(Default::default()),
                    &PageData::Orders(vec![o]),
                    1,
                )),
                Err(exit) => exit,
            }
        }
        OrdersCmd::Pay {
            order_ids,
            credit,
            write,
        } => writes::pay(ctx, order_ids, *credit, write).await,
        OrdersCmd::Reject { order_id, write } => writes::reject(ctx, order_id, write).await,
        OrdersCmd::AdjustPrice {
            order_id,
            unit_price,
            write,
        } => writes::adjust_price(ctx, order_id, unit_price, write).await,
    }
}

async fn customers(ctx: &Ctx, cmd: &CustomersCmd) -> Exit {
    match cmd {
        CustomersCmd::List {
            name,
            association,
            reseller,
            paging,
        } => {
            let q = ListSubCustomersReq {
                account_name: name.clone(),
                association_type: association.map(|a| {
                    match a {
                        Association::Referral => pc_api::partner_center::REFERRAL,
                        Association::Reseller => pc_api::partner_center::RESELLER,
                    }
                    .to_string()
                }),
                indirect_partner_id: reseller.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Customers(q), paging).await
        }
        CustomersCmd::Show { customer_id, out } => {
            let info = match writes::find_customer(&ctx.client, customer_id).await {
                Ok(info) => info,
                Err(exit) => return exit,
            };
            match pc_core::query::load_detail(&ctx.client, DetailQuery::Customer(info)).await {
                Ok(DetailData::Customer(info, balance, on_demand)) => {
                    let v = serde_json::json!({
                        "customer": info,
                        "balance": balance,
                        "on_demand_resources": on_demand.ok().map(|(r, _)| r),
                    });
                    if out.json {
                        return print_json(&v);
                    }
                    let q = PageQuery::Customers(Default::default());
                    let mut text = table(&q, &PageData::Customers(vec![info]), 1);
                    if let Some(b) = balance {
                        text.push('\n');
                        text.push_str(&t!(
                            "script.customer_balance",
                            amount = pc_core::format::money(b.amount)
                        ));
                    }
                    print(&text)
                }
                Ok(_) => Exit::Internal,
                Err(e) => fail(&e),
            }
        }
        CustomersCmd::Spending { month, paging } => spending(ctx, month, paging).await,
        CustomersCmd::Bill {
            customer,
            month,
            out,
        } => bill(ctx, customer, month, out.json).await,
        CustomersCmd::Create {
            account_name,
            phone,
            email,
            xaccount_id,
            domain_area,
            platform_id,
            reseller,
            write,
        } => {
            let new = writes::NewCustomer {
                account_name,
                phone: phone.as_deref(),
                email: email.as_deref(),
                xaccount_id: xaccount_id.as_deref(),
                domain_area: domain_area.as_deref(),
                platform_id: platform_id.as_deref().or(ctx.platform_id.as_deref()),
                reseller: reseller.as_deref(),
            };
            writes::create_customer(ctx, &new, write).await
        }
        CustomersCmd::SwitchAssociation {
            customer_id,
            reason,
            write,
        } => writes::switch_association(ctx, customer_id, reason, write).await,
    }
}

async fn resellers(ctx: &Ctx, cmd: &ResellersCmd) -> Exit {
    match cmd {
        ResellersCmd::List { name, paging } => {
            let q = ListIndirectPartnersReq {
                account_name: name.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Resellers(q), paging).await
        }
        ResellersCmd::Allocate { .. }
        | ResellersCmd::Recall { .. }
        | ResellersCmd::Records { .. }
        | ResellersCmd::Quotas { .. }
        | ResellersCmd::GiveQuota { .. }
        | ResellersCmd::TakeQuota { .. }
            if let Some(exit) = ctx.lacks_partner_funds() =>
        {
            exit
        }
        ResellersCmd::Allocate {
            reseller_id,
            amount,
            write,
        } => writes::reseller_transfer(ctx, reseller_id, amount, true, write).await,
        ResellersCmd::Recall {
            reseller_id,
            amount,
            write,
        } => writes::reseller_transfer(ctx, reseller_id, amount, false, write).await,
        ResellersCmd::GiveQuota {
            reseller_id,
            amount,
            quota,
            write,
        } => writes::give_quota(ctx, reseller_id, amount, quota.as_deref(), write).await,
        ResellersCmd::TakeQuota {
            reseller_id,
            quota_ids,
            write,
        } => writes::take_quota(ctx, reseller_id, quota_ids, write).await,
        ResellersCmd::Records { reseller, paging } => {
            let q = AdjustRecordsQuery {
                customer_id: reseller.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Funds(q), paging).await
        }
        ResellersCmd::Quotas { reseller, out } => {
            let quotas = match pc_core::query::issued_quotas(
                &ctx.client,
                reseller.as_deref(),
                None,
                ALL_ROWS_CAP,
            )
            .await
            {
                Ok(q) => q,
                Err(e) => return fail(&e),
            };
            if out.json {
                return print_json(&serde_json::json!({
                    "total_count": quotas.len(),
                    "quotas": quotas,
                }));
            }
            let money = pc_core::format::money;
            let rows: Vec<Vec<String>> = quotas
                .iter()
                .map(|q| {
                    vec![
                        q.quota_id.clone(),
                        q.indirect_partner_name.clone(),
                        money(q.quota_value),
                        money(q.balance),
                        q.expire_time.clone(),
                        q.parent_quota_id.clone(),
                    ]
                })
                .collect();
            print(&aligned(
                &[
                    "quota_id",
                    "name",
                    "quota_value",
                    "balance",
                    "expire_time",
                    "parent_quota_id",
                ],
                &rows,
            ))
        }
    }
}

/// `customers spending`: who consumed in the month (a page, or every page with
/// --all), and what each spent.
async fn spending(ctx: &Ctx, month: &str, paging: &Paging) -> Exit {
    if !pc_core::spending::is_month(month) {
        return usage(&t!("spending.not_a_month", value = format!("{month:?}")));
    }
    let mut offset = paging.offset;
    let mut ids: Vec<String> = Vec::new();
    let total = loop {
        let q = PageQuery::Spending(pc_api::ConsumeSubCustomersReq {
            bill_cycle: month.to_string(),
            ..Default::default()
        });
        match pc_core::query::load_page(&ctx.client, &ctx.records, q, offset, paging.limit).await {
            Ok((total, PageData::Spending(rows))) => {
                let got = rows.len() as i64;
                ids.extend(rows.into_iter().map(|r| r.customer_id));
                offset += got;
                if !paging.all || got == 0 || offset >= total || ids.len() >= ALL_ROWS_CAP {
                    break total;
                }
            }
            Ok(_) => return Exit::Internal,
            Err(e) => return fail(&e),
        }
    };
    let mut spent: std::collections::HashMap<String, rust_decimal::Decimal> = Default::default();
    let mut failed = None;
    pc_core::spending::totals(
        &ctx.client,
        ids.clone(),
        month,
        None,
        &mut |id, total| match total {
            Ok(t) => {
                spent.insert(id, t);
            }
            Err(e) => failed = Some(e),
        },
    )
    .await;
    if let Some(e) = failed {
        return fail(&e);
    }
    let rows: Vec<(String, rust_decimal::Decimal)> = ids
        .into_iter()
        .map(|id| {
            let t = spent.get(&id).copied().unwrap_or_default();
            (id, t)
        })
        .collect();
    if paging.json {
        let customers: Vec<serde_json::Value> = rows
            .iter()
            .map(|(id, t)| serde_json::json!({ "customer_id": id, "total": number(*t) }))
            .collect();
        return print_json(&serde_json::json!({
            "bill_cycle": month,
            "total_count": total,
            "customers": customers,
        }));
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|(id, t)| vec![id.clone(), pc_core::format::money(*t)])
        .collect();
    print(&aligned(&["customer_id", "total"], &table))
}

/// The customer `text` names: an id, an account name or a company name.
async fn named_customer(ctx: &Ctx, text: &str) -> Result<pc_api::CustomerInfo, Exit> {
    if pc_core::query::is_customer_id(text) {
        return writes::find_customer(&ctx.client, text).await;
    }
    pc_core::query::find_customer(&ctx.client, text)
        .await
        .map_err(|e| fail(&e))
}

/// `customers bill`: a customer's month, by service and line by line.
async fn bill(ctx: &Ctx, customer: &str, month: &str, json: bool) -> Exit {
    if !pc_core::spending::is_month(month) {
        return usage(&t!("spending.not_a_month", value = format!("{month:?}")));
    }
    let info = match named_customer(ctx, customer).await {
        Ok(info) => info,
        Err(exit) => return exit,
    };
    let m = match pc_core::spending::month(&ctx.client, &info.customer_id, month, None).await {
        Ok(m) => m,
        Err(e) => return fail(&e),
    };
    if json {
        let by: Vec<serde_json::Value> = m
            .by_service
            .iter()
            .map(|(s, a)| serde_json::json!({ "service": s, "amount": number(*a) }))
            .collect();
        return print_json(&serde_json::json!({
            "bill_cycle": m.cycle,
            "customer_id": info.customer_id,
            "total": number(m.total),
            "by_service": by,
            "line_count": m.line_count,
            "lines": m.lines,
        }));
    }
    let money = pc_core::format::money;
    let mut text = aligned(
        &["service", "amount"],
        &m.by_service
            .iter()
            .map(|(s, a)| vec![s.clone(), money(*a)])
            .chain([vec![t!("script.total").to_string(), money(m.total)]])
            .collect::<Vec<_>>(),
    );
    text.push_str("\n\n");
    let lines: Vec<Vec<String>> = m
        .lines
        .iter()
        .map(|l| {
            vec![
                l.trade_time.clone(),
                l.service_type_name.clone(),
                l.charging_mode.to_string(),
                money(l.payment_amount),
                l.trade_id.clone(),
            ]
        })
        .collect();
    text.push_str(&aligned(
        &[
            "trade_time",
            "service_type_name",
            "charging_mode",
            "payment_amount",
            "trade_id",
        ],
        &lines,
    ));
    print(&text)
}

async fn coupons(ctx: &Ctx, cmd: &CouponsCmd) -> Exit {
    if let Some(exit) = ctx.lacks_partner_funds() {
        return exit;
    }
    let (status, customer, reseller, paging) = match cmd {
        CouponsCmd::List {
            status,
            customer,
            reseller,
            paging,
        } => (status, customer, reseller, paging),
        CouponsCmd::Records {
            operation_types,
            coupon_ids,
            customer,
            paging,
        } => return coupon_records(ctx, operation_types, coupon_ids, customer, paging).await,
        CouponsCmd::Issue {
            customer,
            face_value,
            quota,
            write,
        } => {
            let info = match named_customer(ctx, customer).await {
                Ok(info) => info,
                Err(exit) => return exit,
            };
            return writes::issue_coupon(ctx, info, face_value, quota.as_deref(), write).await;
        }
        CouponsCmd::Recall { coupon_id, write } => {
            let op = pc_core::ops::Operation::RecallCoupon {
                coupon_id: coupon_id.clone(),
            };
            return writes::plain(ctx, op, write).await;
        }
    };
    let mut words = vec![];
    if let Some(s) = status {
        words.push(format!("status:{s}"));
    }
    if let Some(c) = customer {
        words.push(format!("customer:{c}"));
    }
    let mut q = match pc_core::filter::coupons_query(&words.join(" ")) {
        Ok(PageQuery::Coupons(q)) => q,
        Ok(_) => return Exit::Internal,
        Err(e) => return usage(&e),
    };
    q.indirect_partner_id = reseller.clone();
    list(ctx, PageQuery::Coupons(q), paging).await
}

/// `resources list --on-demand --customer C`: the customer's pay-per-use resources.
async fn on_demand_resources(ctx: &Ctx, customer: &str, json: bool) -> Exit {
    let info = match named_customer(ctx, customer).await {
        Ok(info) => info,
        Err(exit) => return exit,
    };
    let found = match pc_client::collect_pages(100, ALL_ROWS_CAP, |offset, limit| {
        let req = pc_api::OnDemandResourcesReq {
            customer_id: info.customer_id.clone(),
            offset: Some(offset),
            limit: Some(limit),
            ..Default::default()
        };
        async move { ctx.client.list_customer_on_demand_resources(&req).await }
    })
    .await
    {
        Ok(found) => found,
        Err(e) => return fail(&e),
    };
    if json {
        return print_json(&serde_json::json!({
            "customer_id": info.customer_id,
            "total_count": found.len(),
            "resources": found,
        }));
    }
    let rows: Vec<Vec<String>> = found
        .iter()
        .map(|r| {
            vec![
                r.resource_name.clone(),
                r.service_type_name.clone(),
                r.region_code.clone(),
                r.effective_time.clone(),
                pc_core::format::on_demand_status(r.status).into(),
            ]
        })
        .collect();
    print(&aligned(
        &[
            "resource_name",
            "service_type_name",
            "region_code",
            "effective_time",
            "status",
        ],
        &rows,
    ))
}

/// `coupons records`: a page of the records (every page with --all).
async fn coupon_records(
    ctx: &Ctx,
    operation_types: &[String],
    coupon_ids: &[String],
    customer: &Option<String>,
    paging: &Paging,
) -> Exit {
    let mut records = Vec::new();
    let total = loop {
        let q = pc_api::CouponRecordsQuery {
            operation_types: (!operation_types.is_empty()).then(|| operation_types.to_vec()),
            coupon_ids: (!coupon_ids.is_empty()).then(|| coupon_ids.to_vec()),
            customer_id: customer.clone(),
            offset: Some(paging.offset + records.len() as i64),
            limit: Some(paging.limit),
            ..Default::default()
        };
        match ctx.client.list_partner_coupons_record(&q).await {
            Ok(r) => {
                let n = r.records.len();
                records.extend(r.records);
                let seen = paging.offset + records.len() as i64;
                if !paging.all || n == 0 || seen >= r.total_count || records.len() >= ALL_ROWS_CAP {
                    break r.total_count;
                }
            }
            Err(e) => return fail(&e),
        }
    };
    if paging.json {
        return print_json(&serde_json::json!({ "total_count": total, "records": records }));
    }
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                r.operation_time.clone(),
                r.operation_type.clone(),
                r.coupon_id.clone(),
                r.customer_id.clone(),
                pc_core::format::money(r.operation_amount),
                r.result.clone(),
            ]
        })
        .collect();
    print(&aligned(
        &[
            "operation_time",
            "operation_type",
            "coupon_id",
            "customer_id",
            "amount",
            "result",
        ],
        &rows,
    ))
}

async fn resources(ctx: &Ctx, cmd: &ResourcesCmd) -> Exit {
    match cmd {
        ResourcesCmd::List {
            customer,
            expiring_within,
            status,
            on_demand,
            out,
        } => {
            if *on_demand {
                let customer = customer.as_deref().unwrap_or_default();
                return on_demand_resources(ctx, customer, out.json).await;
            }
            let statuses = match status
                .iter()
                .map(|s| pc_core::filter::resource_status(s))
                .collect::<Result<Vec<_>, _>>()
            {
                Ok(s) => s,
                Err(e) => return usage(&e),
            };
            let q = pc_core::renewals::RenewalsQuery {
                within_days: *expiring_within,
                customer: customer.clone(),
                statuses,
            };
            // Gathered whole: one page of everything kept.
            let paging = Paging {
                limit: pc_core::renewals::KEEP as i64,
                offset: 0,
                all: false,
                json: out.json,
            };
            list(ctx, PageQuery::Renewals(q), &paging).await
        }
    }
}

async fn contracts(ctx: &Ctx, cmd: &ContractsCmd) -> Exit {
    let c = &ctx.client;
    match cmd {
        ContractsCmd::List {
            customer,
            status,
            paging,
        } => {
            let q = ContractsQuery {
                customer_id: customer.clone(),
                status: status.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Contracts(q), paging).await
        }
        ContractsCmd::Show { contract_id, out } => match c.show_contract(contract_id).await {
            Ok(d) if out.json => print_json(&d),
            Ok(d) => {
                let q = PageQuery::Contracts(Default::default());
                let mut text = table(&q, &PageData::Contracts(vec![d.contract.clone()]), 1);
                text.push_str("\n\n");
                let rows: Vec<Vec<String>> = d
                    .payment_plans
                    .iter()
                    .map(|p| {
                        vec![
                            p.installment.to_string(),
                            p.plan_id.clone(),
                            pc_core::format::money(p.amount),
                            p.due_date.clone(),
                            p.status.clone(),
                        ]
                    })
                    .collect();
                text.push_str(&aligned(
                    &["installment", "plan_id", "amount", "due_date", "status"],
                    &rows,
                ));
                print(&text)
            }
            Err(e) => fail(&e),
        },
        ContractsCmd::PayPlan {
            contract_id,
            plan,
            write,
        } => writes::pay_plan(ctx, contract_id, plan.as_deref(), write).await,
        ContractsCmd::Bill { contract_id } => match c.contract_bill(contract_id).await {
            Ok(csv) => print(csv.trim_end()),
            Err(e) => fail(&e),
        },
    }
}

async fn funds(ctx: &Ctx, cmd: &FundsCmd) -> Exit {
    if let Some(exit) = ctx.lacks_partner_funds() {
        return exit;
    }
    let out = match cmd {
        FundsCmd::Show { out } => out,
        FundsCmd::Records {
            from,
            to,
            trade_type,
            credit,
            reseller,
            paging,
        } => {
            let mut words = vec![];
            if *credit {
                words.push("credit".to_string());
            }
            for (key, value) in [("type", trade_type), ("from", from), ("to", to)] {
                if let Some(v) = value {
                    words.push(format!("{key}:{v}"));
                }
            }
            let mut q = match pc_core::filter::ledger_query(&words.join(" ")) {
                Ok(PageQuery::Ledger(q)) => q,
                Ok(_) => return Exit::Internal,
                Err(e) => return usage(&e),
            };
            q.indirect_partner_id = reseller.clone();
            return list(ctx, PageQuery::Ledger(q), paging).await;
        }
    };
    match ctx
        .client
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
    {
        Ok(r) => {
            let f = pc_core::ops::Funds::from(&r.account_balances);
            if out.json {
                return print_json(&serde_json::json!({
                    "balance": number(f.balance),
                    "allocatable": number(f.allocatable),
                    "credit": number(f.credit),
                    "account_balances": r.account_balances,
                }));
            }
            let money = pc_core::format::money;
            print(&aligned(
                &["balance", "allocatable", "credit"],
                &[vec![
                    money(f.balance),
                    money(f.allocatable),
                    money(f.credit),
                ]],
            ))
        }
        Err(e) => fail(&e),
    }
}

async fn catalog(ctx: &Ctx, cmd: &CatalogCmd) -> Exit {
    let c = &ctx.client;
    let all = |code: Option<&String>, resource: Option<&String>| CatalogQuery {
        service_type_code: code.cloned(),
        resource_type_code: resource.cloned(),
        limit: Some(100),
        ..Default::default()
    };
    match cmd {
        CatalogCmd::Services { name, paging } => {
            let q = CatalogQuery {
                service_type_name: name.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Catalog(q), paging).await
        }
        CatalogCmd::Resources { service, out } => {
            match c.list_service_resources(&all(Some(service), None)).await {
                Ok(r) if out.json => print_json(&r),
                Ok(r) => {
                    let rows: Vec<Vec<String>> = r
                        .infos
                        .iter()
                        .map(|i| {
                            vec![
                                i.basic_info.resource_type_code.clone(),
                                i.basic_info.name.clone(),
                            ]
                        })
                        .collect();
                    print(&aligned(&["resource_type_code", "name"], &rows))
                }
                Err(e) => fail(&e),
            }
        }
        CatalogCmd::UsageTypes { resource, out } => {
            match c.list_usage_types(&all(None, resource.as_ref())).await {
                Ok(r) if out.json => print_json(&r),
                Ok(r) => {
                    let rows: Vec<Vec<String>> = r
                        .usage_types
                        .iter()
                        .map(|u| vec![u.code.clone(), u.name.clone()])
                        .collect();
                    print(&aligned(&["code", "name"], &rows))
                }
                Err(e) => fail(&e),
            }
        }
        CatalogCmd::Units { out } => match c.list_measure_units().await {
            Ok(r) if out.json => print_json(&r),
            Ok(r) => {
                let rows: Vec<Vec<String>> = r
                    .measure_units
                    .iter()
                    .map(|u| {
                        vec![
                            u.measure_id.to_string(),
                            u.measure_name.clone(),
                            u.abbreviation.clone(),
                        ]
                    })
                    .collect();
                print(&aligned(&["measure_id", "name", "abbreviation"], &rows))
            }
            Err(e) => fail(&e),
        },
        CatalogCmd::Price {
            service,
            spec,
            region,
            mode,
            length,
            quantity,
            size,
            out,
        } => {
            let specs = match c.specs(service).await {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            let spec_at = match spec {
                None => 0,
                Some(want) => match specs.specs.iter().position(|s| &s.resource_spec == want) {
                    Some(i) => i,
                    None => {
                        return usage(&t!(
                            "script.no_spec",
                            service = service,
                            spec = format!("{want:?}"),
                            specs = names(specs.specs.iter().map(|s| s.resource_spec.as_str()))
                        ));
                    }
                },
            };
            let region_at = match region {
                None => 0,
                Some(want) => match specs.regions.iter().position(|r| r == want) {
                    Some(i) => i,
                    None => {
                        return usage(&t!(
                            "script.not_offered_in",
                            service = service,
                            region = format!("{want:?}"),
                            regions = names(specs.regions.iter().map(String::as_str))
                        ));
                    }
                },
            };
            let Some(spec) = specs.specs.get(spec_at) else {
                return usage(t!("price.no_spec"));
            };
            let region_name = specs.regions.get(region_at).map(String::as_str);
            let rating = match region_name
                .ok_or_else(|| t!("price.no_region").to_string())
                .and_then(|region| {
                    pc_core::pricing::rating(pc_core::pricing::Choice {
                        service_code: service,
                        spec,
                        region,
                        mode: match mode {
                            BuyMode::OnDemand => pc_core::pricing::Mode::OnDemand,
                            BuyMode::Monthly => pc_core::pricing::Mode::Monthly,
                            BuyMode::Yearly => pc_core::pricing::Mode::Yearly,
                        },
                        length,
                        quantity,
                        size,
                    })
                }) {
                Ok(r) => r,
                Err(message) => return usage(&message),
            };
            let chosen = Some(spec.resource_spec.clone());
            match pc_core::pricing::rate(c, rating).await {
                Ok(q) => {
                    let v = serde_json::json!({
                        "service_type_code": service,
                        "resource_spec": chosen,
                        "region": region_name,
                        "mode": mode.to_possible_value().map(|v| v.get_name().to_string()),
                        "official_amount": number(q.official),
                        "discount_amount": number(q.discount),
                        "amount": number(q.amount),
                        "discounts": q.discounts.iter().map(|(name, amount)| {
                            serde_json::json!({ "name": name, "amount": number(*amount) })
                        }).collect::<Vec<_>>(),
                    });
                    if out.json {
                        return print_json(&v);
                    }
                    let price = pc_core::format::price;
                    let mut rows = vec![vec![
                        t!("script.official_price").to_string(),
                        price(q.official),
                    ]];
                    rows.extend(
                        q.discounts.iter().map(|(name, amount)| {
                            vec![name.clone(), format!("-{}", price(*amount))]
                        }),
                    );
                    rows.push(vec![t!("script.amount").into(), price(q.amount)]);
                    print(&aligned(&["", "yuan"], &rows))
                }
                Err(e) => fail(&e),
            }
        }
    }
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.collect::<Vec<_>>().join(", ")
}

/// The JSON key of each list's rows.
fn rows_key(query: &PageQuery) -> &'static str {
    match query {
        PageQuery::Orders(_) => "orders",
        PageQuery::Customers(_) => "customers",
        PageQuery::Contracts(_) => "contracts",
        PageQuery::Resellers(_) => "resellers",
        PageQuery::Funds(_) | PageQuery::Ledger(_) => "records",
        PageQuery::Catalog(_) => "service_types",
        PageQuery::History(_) => "entries",
        PageQuery::Renewals(_) => "resources",
        PageQuery::Spending(_) | PageQuery::ResellerSpending { .. } => "customers",
        PageQuery::Coupons(_) => "coupons",
    }
}

fn rows_json(page: &PageData) -> serde_json::Result<serde_json::Value> {
    match page {
        PageData::Orders(r) => serde_json::to_value(r),
        PageData::Customers(r) => serde_json::to_value(r),
        PageData::Contracts(r) => serde_json::to_value(r),
        PageData::Resellers(r) => serde_json::to_value(r),
        PageData::Funds(r) => serde_json::to_value(r),
        PageData::Ledger(r) => serde_json::to_value(r),
        PageData::Catalog(r) => serde_json::to_value(r),
        PageData::History(r) => serde_json::to_value(r),
        PageData::Renewals(r) => serde_json::to_value(r),
        PageData::Spending(r) => serde_json::to_value(r),
        PageData::Coupons(r) => serde_json::to_value(r),
    }
}

fn page_len(page: &PageData) -> usize {
    match page {
        PageData::Orders(r) => r.len(),
        PageData::Customers(r) => r.len(),
        PageData::Contracts(r) => r.len(),
        PageData::Resellers(r) => r.len(),
        PageData::Funds(r) => r.len(),
        PageData::Ledger(r) => r.len(),
        PageData::Catalog(r) => r.len(),
        PageData::History(r) => r.len(),
        PageData::Renewals(r) => r.len(),
        PageData::Spending(r) => r.len(),
        PageData::Coupons(r) => r.len(),
    }
}

/// Appends `more` to `page` (the same kind).
fn extend(page: &mut PageData, more: PageData) {
    match (page, more) {
        (PageData::Orders(a), PageData::Orders(b)) => a.extend(b),
        (PageData::Customers(a), PageData::Customers(b)) => a.extend(b),
        (PageData::Contracts(a), PageData::Contracts(b)) => a.extend(b),
        (PageData::Resellers(a), PageData::Resellers(b)) => a.extend(b),
        (PageData::Funds(a), PageData::Funds(b)) => a.extend(b),
        (PageData::Ledger(a), PageData::Ledger(b)) => a.extend(b),
        (PageData::Catalog(a), PageData::Catalog(b)) => a.extend(b),
        (PageData::History(a), PageData::History(b)) => a.extend(b),
        (PageData::Renewals(a), PageData::Renewals(b)) => a.extend(b),
        (PageData::Spending(a), PageData::Spending(b)) => a.extend(b),
        (PageData::Coupons(a), PageData::Coupons(b)) => a.extend(b),
        _ => {}
    }
}

/// A list command: one page through the worker's own paging (the UI's queries), or
/// every page with `--all`; `{"total_count": n, "<rows>": [...]}` or a table.
/// The most rows `--all` gathers before it stops and says so: a backend that claims
/// endless rows cannot fill the memory.
const ALL_ROWS_CAP: usize = 100_000;

async fn list(ctx: &Ctx, query: PageQuery, paging: &Paging) -> Exit {
    let mut offset = paging.offset;
    let mut rows: Option<PageData> = None;
    // Every row seen, whole: a page that brings none new means the backend repeats
    // itself, and `--all` stops there.
    let mut seen = std::collections::HashSet::new();
    let total = loop {
        match pc_core::query::load_page(
            &ctx.client,
            &ctx.records,
            query.clone(),
            offset,
            paging.limit,
        )
        .await
        {
            Ok((total, page)) => {
                let got = page_len(&page) as i64;
                let fresh = pc_core::export::rows(&page)
                    .into_iter()
                    .filter(|row| seen.insert(row.join("\u{1f}")))
                    .count();
                match &mut rows {
                    Some(all) => extend(all, page),
                    None => rows = Some(page),
                }
                offset += got;
                if !paging.all || got == 0 || offset >= total {
                    break total;
                }
                let gathered = rows.as_ref().map_or(0, page_len);
                if fresh == 0 {
                    say(&t!("script.all_stalled", rows = gathered, offset = offset));
                    break total;
                }
                if gathered >= ALL_ROWS_CAP {
                    say(&t!(
                        "script.all_capped",
                        rows = gathered,
                        offset = offset,
                        total = total
                    ));
                    break total;
                }
            }
            Err(e) => return fail(&e),
        }
    };
    let Some(rows) = rows else {
        return Exit::Internal;
    };
    if paging.json {
        return match rows_json(&rows) {
            Ok(v) => {
                let mut out = serde_json::Map::new();
                out.insert("total_count".into(), total.into());
                out.insert(rows_key(&query).into(), v);
                print_json(&out)
            }
            Err(e) => {
                say(&t!("script.cannot_encode_output", error = e));
                Exit::Internal
            }
        };
    }
    print(&table(&query, &rows, total))
}

/// A list as a table for people: the export's columns (phones masked), and a count.
fn table(query: &PageQuery, rows: &PageData, total: i64) -> String {
    let head = pc_core::export::header(query);
    let cells: Vec<Vec<String>> = pc_core::export::rows(rows)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .zip(&head)
                .map(|(cell, field)| named(query, field, cell))
                .collect()
        })
        .collect();
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut out = aligned(&head, &cells);
    out.push('\n');
    out.push_str(&t!(
        "script.table_count",
        shown = cells.len(),
        total = total,
        what = rows_noun(query)
    ));
    out
}

/// A coded cell as the console names it (an order's `6` is "pending", a customer's
/// association `1` "referral"), in the user's language; a code the console does not
/// know, and every other cell, as it is (`--json` keeps the codes).
fn named(query: &PageQuery, field: &str, cell: String) -> String {
    use pc_core::format;
    use std::borrow::Cow;
    let code = cell.parse::<i32>().ok();
    let known = |name: Option<&'static str>| name.map(Cow::Borrowed);
    let name: Option<Cow<'static, str>> = match (query, field) {
        (PageQuery::Orders(_), "order_type") => known(code.and_then(format::known_order_type)),
        (PageQuery::Orders(_), "status") => known(code.and_then(format::known_order_status)),
        (PageQuery::Customers(_), "association_type") => known(format::known_association(&cell)),
        (PageQuery::Customers(_), "verified_status") => known(format::known_verified(&cell)),
        (PageQuery::Funds(_), "operation_type") => known(format::known_operation(&cell)),
        (PageQuery::Renewals(_), "status") => code.map(format::resource_status),
        (PageQuery::Coupons(_), "status") => code.map(format::coupon_status),
        (PageQuery::Coupons(_), "coupon_type") => code.map(format::coupon_type),
        (PageQuery::Ledger(_), "trade_detail_type") => match format::trade_detail(&cell) {
            Cow::Borrowed(name) if name != cell => Some(Cow::Owned(name.to_string())),
            _ => None,
        },
        (PageQuery::Ledger(_), "type") => match cell.as_str() {
            "1" => Some(Cow::Borrowed(t!("ledger.income"))),
            "2" => Some(Cow::Borrowed(t!("ledger.expense"))),
            _ => None,
        },
        (PageQuery::Renewals(_), "expire_policy") => code.map(format::expire_policy),
        _ => None,
    };
    name.map_or(cell, Cow::into_owned)
}

/// What a list's rows are, for the count under its table.
fn rows_noun(query: &PageQuery) -> &'static str {
    match query {
        PageQuery::Orders(_) => t!("script.rows.orders"),
        PageQuery::Customers(_) => t!("script.rows.customers"),
        PageQuery::Contracts(_) => t!("script.rows.contracts"),
        PageQuery::Resellers(_) => t!("script.rows.resellers"),
        PageQuery::Funds(_) | PageQuery::Ledger(_) => t!("script.rows.records"),
        PageQuery::Catalog(_) => t!("script.rows.service_types"),
        PageQuery::History(_) => t!("script.rows.entries"),
        PageQuery::Renewals(_) => t!("script.rows.resources"),
        PageQuery::Spending(_) | PageQuery::ResellerSpending { .. } => {
            t!("script.rows.customers")
        }
        PageQuery::Coupons(_) => t!("script.rows.coupons"),
    }
}

/// The heading of the column that shows the field `field` (the CSV export's column
/// name, or the `--json` field), in the user's language (`script.head.<field>`); none
/// over an unnamed column.
fn heading(field: &str) -> &'static str {
    if field.is_empty() {
        return "";
    }
    pc_core::i18n::t(&format!("script.head.{field}"))
}

/// Columns padded to their display width (CJK counts double); numbers align right.
/// `head` names each column by the field it shows (see `heading`).
fn aligned(head: &[&str], rows: &[Vec<String>]) -> String {
    use unicode_width::UnicodeWidthStr;
    let head: Vec<&str> = head.iter().map(|field| heading(field)).collect();
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for r in rows {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.width());
        }
    }
    let numeric: Vec<bool> = (0..head.len())
        .map(|i| {
            rows.iter().any(|r| r.get(i).is_some_and(|c| !c.is_empty()))
                && rows.iter().all(|r| {
                    r.get(i).is_none_or(|c| {
                        c.is_empty()
                            || c.trim_start_matches('-')
                                .parse::<rust_decimal::Decimal>()
                                .is_ok()
                    })
                })
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, cell) in cells.enumerate() {
            let w = widths.get(i).copied().unwrap_or(0);
            let pad = " ".repeat(w.saturating_sub(cell.width()));
            if numeric.get(i) == Some(&true) {
                s.push_str(&format!("{pad}{cell}  "));
            } else {
                s.push_str(&format!("{cell}{pad}  "));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = vec![line(&mut head.iter().copied())];
    out.extend(rows.iter().map(|r| line(&mut r.iter().map(String::as_str))));
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use pc_client::ClientError;

    #[test]
    fn failures_exit_by_kind() {
        let api = |status: u16, code: &str| ClientError::Api {
            status,
            code: code.into(),
            message: "m".into(),
            request_id: None,
        };
        assert_eq!(exit_for(&api(401, "APIGW.0301")), Exit::Auth);
        assert_eq!(exit_for(&api(403, "APIGW.0305")), Exit::Auth);
        assert_eq!(exit_for(&api(403, "CBC.0151")), Exit::Refused);
        assert_eq!(exit_for(&api(400, "CBC.0100")), Exit::Refused);
        assert_eq!(exit_for(&api(404, "CBC.0101")), Exit::Refused);
        assert_eq!(exit_for(&api(503, "503")), Exit::Unavailable);
        // A server error is one even when it carries a CBC code; throttling is too.
        assert_eq!(exit_for(&api(500, "CBC.0999")), Exit::Unavailable);
        assert_eq!(exit_for(&api(429, "APIGW.0308")), Exit::Unavailable);
        assert_eq!(
            exit_for(&ClientError::Connect("refused".into())),
            Exit::Unavailable
        );
        assert_eq!(exit_for(&ClientError::Endpoint("x".into())), Exit::Usage);
    }

    #[test]
    fn every_list_column_has_a_heading_in_each_language() {
        use pc_core::i18n::{Locale, text_in};
        let queries = [
            PageQuery::Orders(Default::default()),
            PageQuery::Customers(Default::default()),
            PageQuery::Contracts(Default::default()),
            PageQuery::Resellers(Default::default()),
            PageQuery::Funds(Default::default()),
            PageQuery::Catalog(Default::default()),
            PageQuery::History(Default::default()),
        ];
        for q in &queries {
            for field in pc_core::export::header(q) {
                let key = format!("script.head.{field}");
                assert!(text_in(Locale::En, &key).is_some(), "{key}");
                assert!(text_in(Locale::ZhCn, &key).is_some(), "{key} in zh-CN");
            }
        }
        // English headings stay the field's name in capitals, as scripts knew them.
        for field in pc_core::i18n::keys_in(Locale::En, "script.head") {
            let key = format!("script.head.{field}");
            assert_eq!(
                text_in(Locale::En, &key),
                Some(field.to_uppercase().as_str())
            );
        }
    }

    #[test]
    fn tables_name_codes_as_the_console_does_and_keep_unknown_ones() {
        let orders = PageQuery::Orders(Default::default());
        let customers = PageQuery::Customers(Default::default());
        let en = |q: &PageQuery, field: &str, cell: &str| {
            pc_core::i18n::with_locale(pc_core::i18n::Locale::En, || named(q, field, cell.into()))
        };
        assert_eq!(en(&orders, "status", "6"), "pending");
        assert_eq!(en(&orders, "status", "77"), "77");
        assert_eq!(en(&orders, "order_type", "1"), "new");
        assert_eq!(en(&customers, "association_type", "1"), "referral");
        assert_eq!(en(&customers, "verified_status", "-1"), "not verified");
        assert_eq!(en(&customers, "verified_status", ""), "");
        let records = PageQuery::Funds(Default::default());
        assert_eq!(
            en(&records, "operation_type", pc_api::OP_ALLOCATE),
            "allocate"
        );
        assert_eq!(en(&records, "operation_type", "99"), "99");
        // The same names elsewhere mean nothing coded.
        assert_eq!(
            en(&PageQuery::Contracts(Default::default()), "status", "6"),
            "6"
        );
        let zh = pc_core::i18n::with_locale(pc_core::i18n::Locale::ZhCn, || {
            named(&orders, "status", "6".into())
        });
        assert_eq!(
            zh,
            pc_core::i18n::text_in(pc_core::i18n::Locale::ZhCn, "order_status.pending").unwrap()
        );
    }

    #[test]
    fn tables_pad_by_display_width_and_right_align_numbers() {
        let rows = vec![
            vec!["华为云".to_string(), "1.50".to_string()],
            vec!["abc".to_string(), "100.00".to_string()],
        ];
        let t = pc_core::i18n::with_locale(pc_core::i18n::Locale::En, || {
            aligned(&["name", "amount"], &rows)
        });
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "NAME    AMOUNT");
        assert_eq!(lines[1], "华为云    1.50");
        assert_eq!(lines[2], "abc     100.00");
    }
}
