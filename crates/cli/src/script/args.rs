//! The script commands as clap parses them: one subcommand per pane, its arguments, and
//! what every write takes (`--dry-run`, `--code`, `--yes`, `--json`).

use clap::{Args, Subcommand, ValueEnum};

use pc_api::partner_center::Channel;

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
    /// Customers' yearly/monthly resources: what to renew.
    Resources {
        #[command(subcommand)]
        cmd: ResourcesCmd,
    },
    /// Coupons issued to customers.
    Coupons {
        #[command(subcommand)]
        cmd: CouponsCmd,
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
                Cus::List { paging, .. } | Cus::Spending { paging, .. } => paging.json,
                Cus::Bill { out, .. } => out.json,
                Cus::Show { out, .. } => out.json,
                Cus::Create { write, .. } | Cus::SwitchAssociation { write, .. } => write.json,
            },
            ScriptCmd::Resellers { cmd } => match cmd {
                Res::List { paging, .. } | Res::Records { paging, .. } => paging.json,
                Res::Quotas { out, .. } => out.json,
                Res::Allocate { write, .. }
                | Res::Recall { write, .. }
                | Res::GiveQuota { write, .. }
                | Res::TakeQuota { write, .. } => write.json,
            },
            ScriptCmd::Contracts { cmd } => match cmd {
                Con::List { paging, .. } => paging.json,
                Con::Show { out, .. } => out.json,
                Con::PayPlan { write, .. } => write.json,
                Con::Bill { .. } => false,
            },
            ScriptCmd::Resources { cmd } => match cmd {
                ResourcesCmd::List { out, .. } => out.json,
            },
            ScriptCmd::Coupons { cmd } => match cmd {
                CouponsCmd::List { paging, .. } | CouponsCmd::Records { paging, .. } => paging.json,
                CouponsCmd::Issue { write, .. } | CouponsCmd::Recall { write, .. } => write.json,
            },
            ScriptCmd::Funds { cmd } => match cmd {
                FundsCmd::Show { out } => out.json,
                FundsCmd::Records { paging, .. } => paging.json,
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
        /// A reseller's customers' orders (a distributor's resellers only).
        #[arg(long)]
        reseller: Option<String>,
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
        /// A reseller's customers (a distributor's resellers only).
        #[arg(long)]
        reseller: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// One customer, with its balance when it is a reseller-type customer.
    Show {
        customer_id: String,
        #[command(flatten)]
        out: Json,
    },
    /// The customers that consumed in a month, with what each spent (read customer
    /// by customer, a few at a time).
    Spending {
        /// The month, YYYY-MM (UTC+8, as Huawei bills).
        #[arg(long)]
        month: String,
        #[command(flatten)]
        paging: Paging,
    },
    /// A customer's bill for a month: the total, by service, and every line.
    Bill {
        /// The customer's id, account name or company name.
        customer: String,
        /// The month, YYYY-MM (UTC+8).
        #[arg(long)]
        month: String,
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
        /// The international site's: the customer's country, ISO 3166 alpha-2 (MX);
        /// its registration code then goes to --email.
        #[arg(long)]
        domain_area: Option<String>,
        /// Your platform id from Huawei (the customers' xaccount_type), over the
        /// profile's platform_id; needed without a config file.
        #[arg(long)]
        platform_id: Option<String>,
        /// Create it for this reseller of yours (a distributor's).
        #[arg(long)]
        reseller: Option<String>,
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
    /// Give a reseller a coupon quota from one of yours (the first usable one that
    /// covers it, or --quota).
    GiveQuota {
        reseller_id: String,
        /// Yuan, e.g. 500.
        amount: String,
        /// The quota of yours to give from.
        #[arg(long)]
        quota: Option<String>,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Take back what is left of the coupon quotas given to a reseller (at most 10
    /// at once: all still open, or those named by --quota).
    TakeQuota {
        reseller_id: String,
        /// Only this quota of the reseller's (repeatable).
        #[arg(long = "quota")]
        quota_ids: Vec<String>,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// The coupon quotas given to resellers, with what each has left and the quota
    /// it came from.
    Quotas {
        /// Only this reseller's.
        #[arg(long)]
        reseller: Option<String>,
        #[command(flatten)]
        out: Json,
    },
}

#[derive(Debug, Subcommand)]
pub enum CouponsCmd {
    /// The coupons issued (those expiring within the last 12 months or later), newest
    /// first.
    List {
        /// Only in this status: usable, used, expired, reclaimed or inactive.
        #[arg(long)]
        status: Option<String>,
        /// Only this customer's.
        #[arg(long)]
        customer: Option<String>,
        /// A reseller's (a distributor's resellers only).
        #[arg(long)]
        reseller: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
    /// Issue a coupon to a reseller-type customer from one of your quotas (the first
    /// usable one that covers it, or --quota).
    Issue {
        /// The customer: an id, an account name or a company name.
        customer: String,
        /// The face value in yuan, e.g. 50.
        face_value: String,
        /// The quota to issue from.
        #[arg(long)]
        quota: Option<String>,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// Recall a coupon: what is left of it returns to its quota.
    Recall {
        coupon_id: String,
        #[command(flatten)]
        write: WriteOpts,
    },
    /// What was done with coupons, newest first: issued (1), reclaimed by hand (2), at
    /// expiry (4), …
    Records {
        /// Only these operation types, 1 to 9 (repeatable).
        #[arg(long = "type")]
        operation_types: Vec<String>,
        /// Only these coupons (repeatable).
        #[arg(long = "coupon")]
        coupon_ids: Vec<String>,
        /// Only this customer's.
        #[arg(long)]
        customer: Option<String>,
        #[command(flatten)]
        paging: Paging,
    },
}

#[derive(Debug, Subcommand)]
pub enum ResourcesCmd {
    /// Yearly/monthly resources expiring soonest first, with those in their grace
    /// period or frozen: the soonest 500. Without --customer every customer is read,
    /// a few at a time (the API lists one customer's resources per call).
    List {
        /// Only this customer's (an id, an account name or a company name).
        #[arg(long)]
        customer: Option<String>,
        /// Expiring within this many days (1–365).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(i64).range(1..=365))]
        expiring_within: i64,
        /// Only in this status: in-use, grace, frozen or closed (repeatable).
        #[arg(long)]
        status: Vec<String>,
        /// The customer's pay-per-use resources instead (needs --customer).
        #[arg(long, requires = "customer")]
        on_demand: bool,
        #[command(flatten)]
        out: Json,
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
    /// The account's change records, newest first: recharges, payments, transfers,
    /// each with the balance after it.
    Records {
        /// From this day (YYYY-MM-DD, UTC+8); a year before --to by default.
        #[arg(long)]
        from: Option<String>,
        /// To this day (YYYY-MM-DD, UTC+8); today by default. A year at most.
        #[arg(long)]
        to: Option<String>,
        /// Only recharge, payment, refund, allocate, recall, unbind or adjust.
        #[arg(long = "type")]
        trade_type: Option<String>,
        /// The credit account's instead of the cash account's.
        #[arg(long)]
        credit: bool,
        /// A reseller's records (a distributor's resellers only).
        #[arg(long)]
        reseller: Option<String>,
        #[command(flatten)]
        paging: Paging,
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

/// What every write command takes.
#[derive(Debug, Clone, Args)]
pub struct WriteOpts {
    /// Run the pre-flight checks and show what would happen; send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The verification code sent for this operation (6 digits). Run the command
    /// without it first to have one sent.
    #[arg(long, value_parser = code_arg)]
    pub code: Option<String>,
    /// The challenge the code belongs to (default: the one sent last for this same
    /// operation from this profile).
    #[arg(long, requires = "code")]
    pub challenge: Option<String>,
    /// Where a code is sent.
    #[arg(long, value_enum, default_value_t = ChannelArg::Sms)]
    pub channel: ChannelArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The earlier request of this same operation whose outcome the backend could not
    /// tell: you have checked it, and want this operation sent all the same.
    #[arg(long, value_name = "REQUEST_ID")]
    pub checked: Option<String>,
}

pub(crate) fn code_arg(s: &str) -> Result<String, String> {
    if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_string())
    } else {
        Err(t!("script.code_six_digits").into())
    }
}

impl ChannelArg {
    pub(crate) fn channel(self) -> Channel {
        match self {
            ChannelArg::Sms => Channel::Sms,
            ChannelArg::Email => Channel::Email,
        }
    }
}
