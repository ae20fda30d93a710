//! Script commands (`partner-console orders list …`, docs/design.md §8): the same client, query
//! rules, pre-flight checks, messages and exactly-once journal as the UI, for pipelines.
//! `--json` prints stable JSON on stdout (the BSS field names, documented in README.md);
//! otherwise a table for people. Errors go to stderr, and the exit code says what kind
//! of failure it was ([`Exit`]).

mod writes;

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use pc_api::partner_center::ContractsQuery;
use pc_api::{
    AdjustRecordsQuery, CatalogQuery, CustomerOrdersQuery, ListIndirectPartnersReq,
    ListSubCustomersReq, PartnerBalancesQuery,
};
use pc_client::{Client, ClientError};
use pc_core::exec::Records;
use pc_core::filter::order_status;
use pc_core::query::{DetailData, DetailQuery, PageData, PageQuery};

pub use writes::{ChallengeStore, WriteOpts};

/// Exit codes, by kind of failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Ok = 0,
    /// Something unexpected (a bug, stdout closed).
    Internal = 1,
    /// Bad arguments or configuration: nothing was sent.
    Usage = 2,
    /// The backend refused the credentials or the signature (AK/SK, clock).
    Auth = 3,
    /// Refused: a rule (the backend's CBC error, or a pre-flight problem the console
    /// found first, so nothing was sent), or a missing object.
    Refused = 4,
    /// The backend could not be reached or failed (connection, timeout, 5xx), or what
    /// became of a write is not known yet.
    Unavailable = 5,
    /// A verification code was sent: run the same command again with `--code`.
    NeedsCode = 6,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> ExitCode {
        ExitCode::from(e as u8)
    }
}

/// The kind of failure of a client error.
pub fn exit_for(e: &ClientError) -> Exit {
    match e {
        ClientError::Api { status, code, .. } => answer_exit(*status, Some(code)),
        ClientError::Timeout(_) | ClientError::Connect(_) | ClientError::Transport(_) => {
            Exit::Unavailable
        }
        ClientError::Decode { .. } => Exit::Unavailable,
        ClientError::Endpoint(_)
        | ClientError::NotAnId { .. }
        | ClientError::NotAProfileField(_)
        | ClientError::InvalidInput(_) => Exit::Usage,
    }
}

/// The kind of failure of a backend's answer, by its HTTP status and error code.
pub fn answer_exit(status: u16, code: Option<&str>) -> Exit {
    match status {
        401 => Exit::Auth,
        // A gateway's 403 is about the credentials; a CBC 403 is a rule (a reseller
        // asking for a distributor's list).
        403 if !code.is_some_and(|c| c.starts_with("CBC")) => Exit::Auth,
        // Throttled or down: worth trying again later, whatever the code says.
        429 => Exit::Unavailable,
        s if s >= 500 => Exit::Unavailable,
        _ => Exit::Refused,
    }
}

/// What every script command works with: the client, the profile's journal and audit
/// log (the UI's own), and the profile's settings that decide what may be done.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub client: Client,
    pub records: Records,
    pub read_only: bool,
    /// Whether the backend has a Partner Center, when the profile says (else asked).
    pub partner_center: Option<bool>,
    /// The customers' `xaccount_type` (the partner's platform id), for `customers create`.
    pub platform_id: Option<String>,
}

/// The script commands, each a top-level subcommand of `partner-console`.
#[derive(Debug, Subcommand)]
pub enum ScriptCmd {
    /// Customer orders: list, show, pay on behalf, reject, adjust the price.
    Orders {
        #[command(subcommand)]
        cmd: OrdersCmd,
    },
    /// Customers: list, show, create, switch the association type.
    Customers {
        #[command(subcommand)]
        cmd: CustomersCmd,
    },
    /// Resellers (tier-2): list, allocate and recall funds, adjust records.
    Resellers {
        #[command(subcommand)]
        cmd: ResellersCmd,
    },
    /// Contracts: list, show, pay an instalment, download the bill.
    Contracts {
        #[command(subcommand)]
        cmd: ContractsCmd,
    },
    /// The partner's funds.
    Funds {
        #[command(subcommand)]
        cmd: FundsCmd,
    },
    /// Catalogue reference data and prices.
    Catalog {
        #[command(subcommand)]
        cmd: CatalogCmd,
    },
    /// Verification codes for sensitive operations.
    Verification {
        #[command(subcommand)]
        cmd: VerificationCmd,
    },
}

impl ScriptCmd {
    /// Whether it prints JSON (`--json`): its text stays English whatever the locale.
    pub fn json(&self) -> bool {
        use CatalogCmd as Cat;
        use ContractsCmd as Con;
        use CustomersCmd as Cus;
        use ResellersCmd as Res;
        match self {
            ScriptCmd::Orders { cmd } => match cmd {
                OrdersCmd::List { paging, .. } => paging.json,
                OrdersCmd::Show { out, .. } => out.json,
                OrdersCmd::Pay { write, .. }
                | OrdersCmd::Reject { write, .. }
                | OrdersCmd::AdjustPrice { write, .. } => write.json,
            },
            ScriptCmd::Customers { cmd } => match cmd {
                Cus::List { paging, .. } => paging.json,
                Cus::Show { out, .. } => out.json,
                Cus::Create { write, .. } | Cus::SwitchAssociation { write, .. } => write.json,
            },
            ScriptCmd::Resellers { cmd } => match cmd {
                Res::List { paging, .. } | Res::Records { paging, .. } => paging.json,
                Res::Allocate { write, .. } | Res::Recall { write, .. } => write.json,
            },
            ScriptCmd::Contracts { cmd } => match cmd {
                Con::List { paging, .. } => paging.json,
                Con::Show { out, .. } => out.json,
                Con::PayPlan { write, .. } => write.json,
                Con::Bill { .. } => false,
            },
            ScriptCmd::Funds { cmd } => match cmd {
                FundsCmd::Show { out } => out.json,
            },
            ScriptCmd::Catalog { cmd } => match cmd {
                Cat::Services { paging, .. } => paging.json,
                Cat::Resources { out, .. }
                | Cat::UsageTypes { out, .. }
                | Cat::Units { out }
                | Cat::Price { out, .. } => out.json,
            },
            ScriptCmd::Verification { cmd } => match cmd {
                VerificationCmd::Send { out, .. } => out.json,
            },
        }
    }
}

/// Paging of a list command.
#[derive(Debug, Clone, Args)]
pub struct Paging {
    /// Rows per page (1–100).
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(i64).range(1..=100))]
    pub limit: i64,
    /// Rows to skip.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(i64).range(0..))]
    pub offset: i64,
    /// Every page from --offset on, not just one.
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `--json` alone.
#[derive(Debug, Clone, Args)]
pub struct Json {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum OrdersCmd {
    /// List customer orders, newest first (one page, or every page with --all).
    List {
        /// Status: a name (pending, completed, …) or its code.
        #[arg(long)]
        status: Option<String>,
        /// Only this customer's orders.
        #[arg(long)]
        customer: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One order.
    Show {
        order_id: String,
        #[command(flatten)]
        out: Json,
    },
    /// Pay orders on behalf of their customers (at most 10 at once).
    Pay {
        /// The orders to pay (at most 10).
        #[arg(required = true)]
        order_ids: Vec<String>,
        /// Pay from the credit line instead of the balance.
        #[arg(long)]
        credit: bool,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Reject a customer's request that you pay an order (no code needed).
    Reject {
        order_id: String,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Set the unit price of a pending order (between its floor and catalogue price).
    AdjustPrice {
        order_id: String,
        /// The new unit price in yuan, e.g. 88.50.
        unit_price: String,
        #[command(flatten)]
        write: WriteOpts,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Association {
    Referral,
    Reseller,
}

#[derive(Debug, Subcommand)]
pub enum CustomersCmd {
    /// List customers.
    List {
        /// Account names containing this.
        #[arg(long)]
        name: Option<String>,
        /// Only this association type.
        #[arg(long, value_enum)]
        association: Option<Association>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One customer, with its balance when it is a reseller-type customer.
    Show {
        customer_id: String,
        #[command(flatten)]
        out: Json,
    },
    /// Create a customer. With a phone, a registration code is sent to it first: run
    /// again with --code.
    Create {
        /// The account name (5–32 letters, digits, _ or -).
        account_name: String,
        /// A mainland China mobile number (the customer's login and contact).
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// The customer's id on your platform (default: x-<account name>).
        #[arg(long)]
        xaccount_id: Option<String>,
        /// Your platform id from Huawei (the customers' xaccount_type), over the
        /// profile's platform_id; needed without a config file.
        #[arg(long)]
        platform_id: Option<String>,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Ask a customer to switch association type (referral ↔ reseller); pending until
    /// they accept.
    SwitchAssociation {
        customer_id: String,
        /// Why: the customer reads it with the notice.
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        write: WriteOpts,
    },
}

#[derive(Debug, Subcommand)]
pub enum ResellersCmd {
    /// List resellers.
    List {
        /// Account names containing this.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Allocate funds to a reseller.
    Allocate {
        reseller_id: String,
        /// Yuan, e.g. 100.50.
        amount: String,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Recall funds from a reseller (at most their balance).
    Recall {
        reseller_id: String,
        /// Yuan, e.g. 100.50.
        amount: String,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Adjust records (allocations and recalls), newest first.
    Records {
        /// Only this reseller's (or customer's) records.
        #[arg(long)]
        reseller: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContractsCmd {
    /// List contracts.
    List {
        /// Only this customer's contracts.
        #[arg(long)]
        customer: Option<String>,
        /// Only contracts in this status.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// A contract with its payment plan.
    Show {
        contract_id: String,
        #[command(flatten)]
        out: Json,
    },
    /// Pay an instalment of a contract (the next unpaid one unless --plan says).
    PayPlan {
        contract_id: String,
        /// The payment plan id of the instalment.
        #[arg(long)]
        plan: Option<String>,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// The contract's bill, as CSV on stdout.
    Bill { contract_id: String },
}

#[derive(Debug, Subcommand)]
pub enum FundsCmd {
    /// Balance, allocatable balance and credit line.
    Show {
        #[command(flatten)]
        out: Json,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BuyMode {
    OnDemand,
    Monthly,
    Yearly,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCmd {
    /// Cloud service types.
    Services {
        /// Names containing this.
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Resource types of a service.
    Resources {
        /// The service type code, e.g. hws.service.type.ec2.
        service: String,
        #[command(flatten)]
        out: Json,
    },
    /// Usage types (of one resource type with --resource).
    UsageTypes {
        #[arg(long)]
        resource: Option<String>,
        #[command(flatten)]
        out: Json,
    },
    /// Measure units.
    Units {
        #[command(flatten)]
        out: Json,
    },
    /// The price of a product: the official price, the discounts and the amount.
    Price {
        /// The service type code, e.g. hws.service.type.ec2.
        service: String,
        /// The resource spec (default: the service's first).
        #[arg(long)]
        spec: Option<String>,
        /// The region (default: the first offered).
        #[arg(long)]
        region: Option<String>,
        #[arg(long, value_enum, default_value_t = BuyMode::Monthly)]
        mode: BuyMode,
        /// Hours (on demand) or periods (months, years).
        #[arg(long, default_value = "1")]
        length: String,
        #[arg(long, default_value = "1")]
        quantity: String,
        /// GB or Mbps, for specs priced by size.
        #[arg(long, default_value = "40")]
        size: String,
        #[command(flatten)]
        out: Json,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ChannelArg {
    #[default]
    Sms,
    Email,
}

#[derive(Debug, Subcommand)]
pub enum VerificationCmd {
    /// Send a code for an operation ahead of it; the write command then only needs
    /// --code. The target is the operation's key fields: for pay_orders the method
    /// (balance or credit) and the order ids; for transfers the id and the amount; for
    /// adjust_price the order id and the unit price; for pay_plan the contract and plan
    /// ids; for switch_association the customer id.
    Send {
        /// pay_orders, adjust_price, reseller_allocate, reseller_recall,
        /// customer_allocate, customer_recall, pay_plan, switch_association, …
        #[arg(long)]
        scene: String,
        #[arg(long, value_enum, default_value_t = ChannelArg::Sms)]
        channel: ChannelArg,
        #[arg(required = true)]
        target: Vec<String>,
        #[command(flatten)]
        out: Json,
    },
}

/// Says what went wrong on stderr; the exit code of its kind.
pub(crate) fn fail(e: &ClientError) -> Exit {
    say(&pc_core::query::describe(e));
    exit_for(e)
}

/// One line on stderr.
pub(crate) fn say(message: &str) {
    eprintln!("partner-console: {message}");
}

/// A usage error: said, nothing sent.
pub(crate) fn usage(message: &str) -> Exit {
    say(message);
    Exit::Usage
}

pub(crate) fn print(out: &str) -> Exit {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
        Ok(()) => Exit::Ok,
        // A closed pipe (`| head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Exit::Ok,
        Err(e) => {
            say(&t!("script.cannot_write_output", error = e));
            Exit::Internal
        }
    }
}

/// Prints `v` as pretty JSON.
pub(crate) fn print_json<T: Serialize>(v: &T) -> Exit {
    match serde_json::to_string_pretty(v) {
        Ok(s) => print(&s),
        Err(e) => {
            say(&t!("script.cannot_encode_output", error = e));
            Exit::Internal
        }
    }
}

/// An amount as a JSON number (exact), as the BSS answers give them.
pub(crate) fn number(d: rust_decimal::Decimal) -> serde_json::Value {
    serde_json::from_str(&d.to_string()).unwrap_or(serde_json::Value::Null)
}

/// Runs a script command; the exit code.
pub async fn run(ctx: &Ctx, cmd: &ScriptCmd) -> Exit {
    match cmd {
        ScriptCmd::Orders { cmd } => orders(ctx, cmd).await,
        ScriptCmd::Customers { cmd } => customers(ctx, cmd).await,
        ScriptCmd::Resellers { cmd } => resellers(ctx, cmd).await,
        ScriptCmd::Contracts { cmd } => contracts(ctx, cmd).await,
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
            paging,
        } => {
            let status = match status.as_deref().map(order_status).transpose() {
                Ok(s) => s,
                Err(message) => return usage(&message),
            };
            let q = CustomerOrdersQuery {
                status,
                customer_id: customer.clone(),
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
                Ok(DetailData::Customer(info, balance)) => {
                    let v = serde_json::json!({ "customer": info, "balance": balance });
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
        CustomersCmd::Create {
            account_name,
            phone,
            email,
            xaccount_id,
            platform_id,
            write,
        } => {
            let new = writes::NewCustomer {
                account_name,
                phone: phone.as_deref(),
                email: email.as_deref(),
                xaccount_id: xaccount_id.as_deref(),
                platform_id: platform_id.as_deref().or(ctx.platform_id.as_deref()),
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
        ResellersCmd::Records { reseller, paging } => {
            let q = AdjustRecordsQuery {
                customer_id: reseller.clone(),
                ..Default::default()
            };
            list(ctx, PageQuery::Funds(q), paging).await
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
    let FundsCmd::Show { out } = cmd;
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
                    let money = pc_core::format::money;
                    let mut rows = vec![vec![
                        t!("script.official_price").to_string(),
                        money(q.official),
                    ]];
                    rows.extend(
                        q.discounts.iter().map(|(name, amount)| {
                            vec![name.clone(), format!("-{}", money(*amount))]
                        }),
                    );
                    rows.push(vec![t!("script.amount").into(), money(q.amount)]);
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
        PageQuery::Funds(_) => "records",
        PageQuery::Catalog(_) => "service_types",
        PageQuery::History(_) => "entries",
    }
}

fn rows_json(page: &PageData) -> serde_json::Result<serde_json::Value> {
    match page {
        PageData::Orders(r) => serde_json::to_value(r),
        PageData::Customers(r) => serde_json::to_value(r),
        PageData::Contracts(r) => serde_json::to_value(r),
        PageData::Resellers(r) => serde_json::to_value(r),
        PageData::Funds(r) => serde_json::to_value(r),
        PageData::Catalog(r) => serde_json::to_value(r),
        PageData::History(r) => serde_json::to_value(r),
    }
}

fn page_len(page: &PageData) -> usize {
    match page {
        PageData::Orders(r) => r.len(),
        PageData::Customers(r) => r.len(),
        PageData::Contracts(r) => r.len(),
        PageData::Resellers(r) => r.len(),
        PageData::Funds(r) => r.len(),
        PageData::Catalog(r) => r.len(),
        PageData::History(r) => r.len(),
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
        (PageData::Catalog(a), PageData::Catalog(b)) => a.extend(b),
        (PageData::History(a), PageData::History(b)) => a.extend(b),
        _ => {}
    }
}

/// A list command: one page through the worker's own paging (the UI's queries), or
/// every page with `--all`; `{"total_count": n, "<rows>": [...]}` or a table.
async fn list(ctx: &Ctx, query: PageQuery, paging: &Paging) -> Exit {
    let mut offset = paging.offset;
    let mut rows: Option<PageData> = None;
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
                match &mut rows {
                    Some(all) => extend(all, page),
                    None => rows = Some(page),
                }
                offset += got;
                if !paging.all || got == 0 || offset >= total {
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
    let code = cell.parse::<i32>().ok();
    let name = match (query, field) {
        (PageQuery::Orders(_), "order_type") => code
            .map(format::order_type)
            .filter(|n| *n != t!("order_type.other")),
        (PageQuery::Orders(_), "status") => code
            .map(format::order_status)
            .filter(|n| *n != t!("order_status.unknown")),
        (PageQuery::Customers(_), "association_type") => {
            Some(format::association(Some(&cell))).filter(|n| *n != "—")
        }
        (PageQuery::Customers(_), "verified_status") => {
            Some(format::verified(Some(&cell))).filter(|n| *n != "—")
        }
        (PageQuery::Funds(_), "operation_type") => {
            Some(format::operation(&cell)).filter(|n| *n != t!("fund_operation.other"))
        }
        _ => None,
    };
    name.map_or(cell, str::to_string)
}

/// What a list's rows are, for the count under its table.
fn rows_noun(query: &PageQuery) -> &'static str {
    match query {
        PageQuery::Orders(_) => t!("script.rows.orders"),
        PageQuery::Customers(_) => t!("script.rows.customers"),
        PageQuery::Contracts(_) => t!("script.rows.contracts"),
        PageQuery::Resellers(_) => t!("script.rows.resellers"),
        PageQuery::Funds(_) => t!("script.rows.records"),
        PageQuery::Catalog(_) => t!("script.rows.service_types"),
        PageQuery::History(_) => t!("script.rows.entries"),
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
