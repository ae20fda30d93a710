//! The message protocol: what comes into `update` ([`Msg`]: keys, ticks, backend
//! answers) and what goes out to the worker ([`Command`]: every side effect as data).

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};

use pc_api::admin::OutboxMessage;
use pc_api::partner_center::{
    Agreement, AssociationStatus, Challenge, Channel, Invitation, OrderPricing, Profile,
    RechargeAccount, Scene, SwitchRequest, Verification, VerificationSetting,
};
use pc_api::*;
use pc_core::ops::Operation;
use pc_core::query::{DetailData, DetailQuery, PageData, PageQuery, Pane};

use pc_core::outcome::{ExecOutcome, Failure};

/// Side effects, carried out by the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    LoadPage {
        request: u64,
        offset: i64,
        limit: i64,
        query: PageQuery,
    },
    LoadDetail {
        request: u64,
        query: DetailQuery,
    },
    /// The partner's balances, for the status bar and the Funds pane.
    LoadBalances {
        request: u64,
    },
    /// Whether the backend has a Partner Center (`GET /partner-center/v1/capabilities`).
    LoadCapabilities,
    /// The partner's verification setting.
    LoadVerification,
    /// An order's unit, floor and catalogue prices, for a price adjustment.
    LoadPricing {
        request: u64,
        order_id: String,
    },
    /// Read the orders this profile declined to pay (from the audit log).
    LoadDeclined,
    /// Read the names of these customers (ids), in the background.
    /// Read what each of `ids` spent in `cycle` (the Spending list's totals).
    /// Read the pay-before times of these pending orders (ids), in the background.
    LoadDeadlines {
        order_ids: Vec<String>,
    },
    LoadTotals {
        request: u64,
        /// The reseller whose customers they are, in its scope.
        reseller: Option<String>,
        cycle: String,
        ids: Vec<String>,
    },
    ResolveNames {
        request: u64,
        ids: Vec<String>,
        /// The whole customer list was read before: ask for these one by one.
        listed: bool,
    },
    /// Read the pay-before and effective times of the orders of a payment, before its
    /// summary (and before any code).
    CheckPayment {
        request: u64,
        orders: Vec<pc_core::ops::OrderToPay>,
        /// Orders named by id and not loaded: read them too.
        find: Vec<String>,
        method: pc_api::partner_center::PayMethod,
    },
    /// Send a verification code for one operation.
    RequestCode {
        request: u64,
        scene: Scene,
        channel: Channel,
        target: Vec<String>,
    },
    /// Carry out a confirmed operation exactly once: journal, send, resolve, audit.
    Execute {
        request_id: String,
        op: Operation,
        verification: Option<Verification>,
        /// The backend has no Partner Center: use the public BSS twin (no code).
        bss_only: bool,
    },
    /// Ask the backend about the journal's unfinished intents (at start).
    ResolveJournal,
    /// Ask again what became of one operation whose answer was lost.
    Recheck {
        request_id: String,
        op: Operation,
    },
    /// The partner's coupon quotas, to issue a coupon or give a reseller a quota from;
    /// or, with a reseller's id, the quotas it was given (to take them back).
    LoadQuotas {
        request: u64,
        of_reseller: Option<String>,
    },
    /// Every row matching a pane's filter, to a CSV file (the worker pages and writes).
    Export {
        request: u64,
        query: PageQuery,
        pane: Pane,
    },
    CancelExport {
        request: u64,
    },
    LoadInvitation,
    LoadProfile,
    LoadRecharge,
    SendRechargeAccount,
    DownloadProof,
    LoadAgreements,
    /// A contract's bill, saved as CSV.
    DownloadBill {
        request: u64,
        contract_id: String,
    },
    /// What decides whether a customer's association type can be switched.
    LoadAssociation {
        request: u64,
        customer_id: String,
    },
    /// The partner's recent association switch requests.
    LoadSwitches,
    /// Whether an account name, phone (`0086-…`) or e-mail is free (`kind`: name,
    /// mobile, email).
    CheckIdentity {
        request: u64,
        kind: String,
        value: String,
    },
    /// A code by SMS (BSS send code): scene 29 to a new customer's phone, or with the
    /// customer, scene 18 to the phone reserved at their bank (real-name by bank card);
    /// by e-mail when `phone` is an e-mail address (the international site's
    /// registration).
    SendCustomerCode {
        request: u64,
        phone: String,
        customer_id: Option<String>,
    },
    /// A customer's real-name review result.
    LoadReview {
        customer_id: String,
    },
    /// Text to the terminal's clipboard (OSC 52), written by the UI loop.
    Copy(String),
    /// What can be priced for a service.
    LoadSpecs {
        request: u64,
        service_type_code: String,
    },
    /// A price from the rating APIs.
    Rate {
        request: u64,
        rating: pc_core::pricing::Rating,
    },
    Quit,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Only when the config turns the mouse on (`mouse = true`).
    Mouse(MouseEvent),
    Paste(String),
    Tick(DateTime<Utc>),
    Resize(u16, u16),
    Page {
        request: u64,
        offset: i64,
        result: Result<(i64, PageData), String>,
        latency: Duration,
    },
    Detail {
        request: u64,
        result: Result<Box<DetailData>, String>,
        latency: Duration,
    },
    Balances {
        request: u64,
        result: Result<Vec<AccountBalance>, String>,
        latency: Duration,
    },
    /// Whether the backend has a Partner Center.
    Capabilities(Result<bool, String>),
    Verification(Result<VerificationSetting, String>),
    Pricing {
        request: u64,
        result: Result<OrderPricing, String>,
    },
    /// Orders this profile declined to pay, from the audit log.
    Declined(Vec<String>),
    /// How far a gathering of renewals has come, with the soonest found so far; the
    /// last answer is a `Page`.
    /// A customer's spending in a month (`None`: it could not be read).
    Total {
        cycle: String,
        customer_id: String,
        total: Option<rust_decimal::Decimal>,
    },
    /// A read of totals ended: those of `ids` still unread are asked again later.
    /// A pending order's pay-before time, from its details (`None`: it has none).
    Deadline {
        order_id: String,
        pay_before: Option<String>,
    },
    /// The read of these orders' deadlines ended (those not told are asked again later).
    DeadlinesDone {
        order_ids: Vec<String>,
    },
    TotalsDone {
        cycle: String,
        ids: Vec<String>,
    },
    RenewalsRead {
        request: u64,
        progress: pc_core::renewals::Progress,
        rows: Vec<pc_core::renewals::Renewal>,
    },
    /// Names read: (id, name; `None` if not one of the partner's customers). An id asked
    /// for and not answered could not be read.
    Names {
        found: Vec<(String, Option<String>)>,
        /// The whole customer list has been read.
        listed: bool,
        /// Asked for and not read (the last message of a read): ask again later.
        unread: Vec<String>,
    },
    /// The orders of a payment with their times (or why they could not be read: then
    /// `orders` are as they were).
    PaymentChecked {
        request: u64,
        orders: Vec<pc_core::ops::OrderToPay>,
        method: pc_api::partner_center::PayMethod,
        checked: super::model::modal::Checked,
    },
    Challenge {
        request: u64,
        result: Result<Challenge, Failure>,
    },
    Executed {
        request_id: String,
        /// The request id the outcome is about, when the operation was sent again
        /// under a new one (see `exec::execute`); `None`: `request_id` itself.
        sent_as: Option<String>,
        outcome: ExecOutcome,
    },
    Quotas {
        request: u64,
        result: Result<Vec<CouponQuota>, String>,
    },
    ExportProgress {
        request: u64,
        rows: usize,
        total: i64,
    },
    Invitation(Result<Invitation, String>),
    Profile(Result<Profile, String>),
    Recharge(Result<RechargeAccount, String>),
    Agreements(Result<Vec<Agreement>, String>),
    /// A one-off answer for a toast: what was done, or why not.
    Notice(Result<String, String>),
    /// A contract's bill was saved (its path), or why not.
    Bill {
        contract_id: String,
        result: Result<String, String>,
    },
    /// The export is complete: its file and how many rows; or why it failed.
    Exported {
        request: u64,
        result: Result<(String, usize), String>,
    },
    Association {
        request: u64,
        result: Result<Box<AssociationStatus>, String>,
    },
    Switches(Result<Vec<SwitchRequest>, String>),
    Specs {
        request: u64,
        result: Result<pc_api::partner_center::SpecsResp, String>,
    },
    Rated {
        request: u64,
        result: Result<pc_core::pricing::Quote, String>,
    },
    IdentityChecked {
        request: u64,
        result: Result<CheckUserIdentityResp, String>,
    },
    RegistrationCode {
        request: u64,
        result: Result<(), String>,
    },
    Review {
        customer_id: String,
        result: Result<RealnameReviewResp, String>,
    },
    /// Unfinished intents found at start, and what became of each.
    Resolved(Vec<(String, Operation, ExecOutcome)>),
    /// Messages the demo backend "sent" (demo mode only).
    Outbox(Vec<OutboxMessage>),
    /// A signal or the terminal going away: leave now.
    Quit,
}
