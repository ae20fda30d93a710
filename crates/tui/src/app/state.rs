//! The console's state: the session, the panes' tables, the detail, overlays, the
//! modal, toasts; and the small transitions every handler shares (reload a pane,
//! reopen the detail, quit).

use std::time::Duration;

use chrono::{DateTime, Utc};
use tui_input::Input;

use pc_api::admin::OutboxMessage;
use pc_api::partner_center::{
    Agreement, AssociationStatus, Contract, Invitation, Profile, RechargeAccount, SWITCH_PENDING,
    SwitchRequest, VerificationSetting,
};
use pc_api::*;
use pc_core::audit::AuditEntry;
use pc_core::filter;
use pc_core::ops::Operation;
use pc_core::query::{DetailData, DetailQuery, PageQuery, Pane};

use super::keymap::Keymap;
use super::model::modal::Modal;
use super::model::{customer, price, realname};
use super::msg::Command;
use super::table::{PAGE, Table};

/// The detail view over a pane: what was asked, then the answer or the error.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Loading { request: u64, title: String },
    Ready(Box<DetailData>),
    Failed { title: String, error: String },
}

/// What Funds lists under its balances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundsView {
    /// Transfers to and from customers and resellers (adjust records).
    Transfers,
    /// The account's change records.
    Account,
    /// The coupons issued to customers.
    Coupons,
}

impl FundsView {
    pub fn next(self) -> FundsView {
        match self {
            FundsView::Transfers => FundsView::Account,
            FundsView::Account => FundsView::Coupons,
            FundsView::Coupons => FundsView::Transfers,
        }
    }
}

/// The reseller whose customers, orders and funds a distributor looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResellerScope {
    pub id: String,
    pub name: String,
}

/// The panes a reseller's scope applies to.
pub const SCOPED: [Pane; 4] = [Pane::Customers, Pane::Orders, Pane::Funds, Pane::Spending];

/// Who and where, fixed for the session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Session {
    pub profile: String,
    pub partner_name: String,
    /// `distributor`, `solution provider`, `government partner` or empty if unknown.
    pub partner_kind: String,
    pub endpoint: String,
    pub read_only: bool,
    pub demo: bool,
    /// Offset of local time from UTC, in seconds, for showing times.
    pub utc_offset_secs: i32,
    /// How many colours to draw with; `ColorDepth::None` (NO_COLOR, `--mono`): state
    /// is shown by text and attributes only.
    pub colors: pc_core::terminal::ColorDepth,
    /// Borders and separators in plain ASCII (`--ascii`, `ascii = true`).
    pub ascii: bool,
    /// Mouse capture (`mouse = true`): the wheel moves the selection, a click selects
    /// a row. Off by default, so that the terminal's own selection and copy work.
    pub mouse: bool,
    /// Whether the backend offers the Partner Center, when the profile forces it;
    /// otherwise the console asks the backend at start.
    pub partner_center: Option<bool>,
    /// The partner's platform id (`xaccount_type` of the customers it creates).
    pub platform_id: Option<String>,
    /// The Huawei site whose API the backend is: what it lacks is shown as not there.
    pub site: pc_api::site::Site,
    /// The keys, with the config's `[keys]` over the defaults.
    pub keymap: Keymap,
    /// What was wrong in `[keys]`, told at start.
    pub keymap_problems: Vec<String>,
    /// Where this session's request ids come from (`update` makes none of its own).
    pub ids: IdSeed,
    /// Why the journal cannot be written, when it cannot: no operation may start (the
    /// summary says so before a code is spent).
    pub journal_problem: Option<String>,
}

/// The seed of a session's request ids: random per session, so that no two sessions
/// send the same id; given, so that `update` stays a function of its inputs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct IdSeed(pub u128);

impl Default for IdSeed {
    fn default() -> IdSeed {
        IdSeed(uuid::Uuid::new_v4().as_u128())
    }
}

impl std::fmt::Debug for IdSeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdSeed(..)")
    }
}

impl IdSeed {
    /// The `n`th request id of the session: a version-4 UUID made from the seed.
    pub fn request_id(self, n: u64) -> String {
        // An odd multiplier spreads consecutive numbers over the whole 128 bits.
        const SPREAD: u128 = 0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835;
        let bits = self.0 ^ u128::from(n).wrapping_mul(SPREAD);
        uuid::Builder::from_random_bytes(bits.to_le_bytes())
            .into_uuid()
            .to_string()
    }
}

/// Customers' names by id, read in the background for the lists that carry only ids
/// (orders), and learnt from every page of customers. Kept to a bound: a partner with a
/// million orders scrolls through at most a few hundred names at a time.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// `None`: not one of the partner's customers (nothing to show but the id).
    known: std::collections::HashMap<String, Option<String>>,
    asked: std::collections::HashSet<String>,
    /// The whole customer list has been read once: a name still unknown is asked for
    /// alone.
    pub listed: bool,
    /// The customer list's first pages were read once: a partner with more customers
    /// than they hold has the rest of its names asked for one by one.
    pub paged: bool,
}

/// Names kept before the oldest are forgotten (all at once: they are read again).
const NAMES_KEPT: usize = 2_000;

impl Names {
    pub fn get(&self, customer_id: &str) -> Option<&str> {
        self.known.get(customer_id).and_then(|n| n.as_deref())
    }

    pub fn learn(&mut self, customer_id: &str, name: Option<String>) {
        if self.known.len() >= NAMES_KEPT {
            self.known.clear();
        }
        self.asked.remove(customer_id);
        self.known.insert(customer_id.to_string(), name);
    }

    /// Of `ids`, those neither known nor asked for (once each); they count as asked
    /// from now on.
    pub fn to_ask<'a>(&mut self, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            if !id.is_empty() && !self.known.contains_key(id) && self.asked.insert(id.to_string()) {
                out.push(id.to_string());
            }
        }
        out
    }

    /// Reads that failed: they may be asked for again.
    pub fn failed(&mut self, ids: &[String]) {
        for id in ids {
            self.asked.remove(id);
        }
    }

    /// How an order's customer is shown: the name, or the id's first 8 characters
    /// while the name is read.
    pub fn or_short(&self, customer_id: &str) -> String {
        match self.get(customer_id) {
            Some(name) => name.to_string(),
            None => customer_id.chars().take(8).collect(),
        }
    }
}

/// The last backend call, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    Unknown,
    Ok(Duration),
    Error(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    pub text: String,
    pub error: bool,
    pub until: DateTime<Utc>,
}

pub const TOAST_FOR: chrono::TimeDelta = chrono::TimeDelta::seconds(6);

/// Most lines the toasts take, in a band of their own between the view and the status
/// bar: they cover nothing, and no modal covers them (a demo's code stays in sight).
pub const TOAST_LINES: usize = 4;

/// The toasts' lines at the frame's width (newest kept when they do not all fit), each
/// with whether it tells an error; oldest first.
pub fn toast_lines(state: &State) -> Vec<(String, bool)> {
    toast_lines_at(state, state.size.0)
}

/// The toasts' lines at `width` columns (see [`toast_lines`]).
pub fn toast_lines_at(state: &State, width: u16) -> Vec<(String, bool)> {
    let width = (width as usize).saturating_sub(2).max(10);
    let mut out: Vec<(String, bool)> = Vec::new();
    for toast in state.toasts.iter().rev() {
        let mark = if toast.error { "✗ " } else { "• " };
        let lines = pc_core::format::wrap_columns(&format!("{mark}{}", toast.text), width);
        if out.len() + lines.len() > TOAST_LINES {
            // A long one keeps its first lines when it is the newest.
            if out.is_empty() {
                let mut lines = lines;
                lines.truncate(TOAST_LINES);
                if let Some(last) = lines.last_mut() {
                    *last = pc_core::format::clip(&format!("{last}…"), width).into_owned();
                }
                out.extend(lines.into_iter().rev().map(|l| (l, toast.error)));
            }
            break;
        }
        out.extend(lines.into_iter().rev().map(|l| (l, toast.error)));
    }
    out.reverse();
    out
}

/// A pending order's pay-before time, as far as it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deadline {
    /// Its details are being read.
    Asked,
    /// Its details said (`None`: no time is set).
    Known(Option<String>),
}

impl Deadline {
    /// The time, once known.
    pub fn time(&self) -> Option<&str> {
        match self {
            Deadline::Known(t) => t.as_deref(),
            Deadline::Asked => None,
        }
    }
}

/// An open overlay: it gets the keys first.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Filter(Input),
    Command(Input),
    Inbox,
    /// The dedicated remittance account (`:recharge`).
    Recharge,
    /// The payment agreements (`:agreements`), with the cursor.
    Agreements(usize),
    /// The association link and its QR code (`i` on Customers).
    Invite,
    /// The partner's profile (`:profile`).
    Profile,
    /// The new-customer form (`n` on Customers).
    NewCustomer(Box<customer::CustomerForm>),
    Realname(Box<realname::RealnameForm>),
    /// The pricing form (`p` on Catalog).
    Price(Box<price::PriceForm>),
}

#[derive(Debug, Clone)]
pub struct State {
    pub session: Session,
    pub keymap: Keymap,
    pub pane: Pane,
    pub overlay: Option<Overlay>,
    pub detail: Option<Detail>,
    /// The first row shown of the detail view's table.
    pub detail_scroll: usize,
    pub orders: Table<CustomerOrder>,
    pub customers: Table<CustomerInfo>,
    pub contracts: Table<Contract>,
    pub resellers: Table<IndirectPartner>,
    pub records: Table<AdjustRecord>,
    pub catalog: Table<ServiceType>,
    pub history: Table<AuditEntry>,
    pub renewals: Table<pc_core::renewals::Renewal>,
    /// The account's change records (Funds' account view).
    pub ledger: Table<AccountChangeRecord>,
    /// The customers that consumed in the Spending month.
    pub spending: Table<pc_core::query::Consumer>,
    /// What customers spent, by (month, customer); `None` while read or unreadable.
    pub totals: std::collections::HashMap<(String, String), Option<rust_decimal::Decimal>>,
    /// Pending orders' pay-before times, by order id, as their details said.
    pub deadlines: std::collections::HashMap<String, Deadline>,
    /// The coupons issued (Funds' coupons view).
    pub coupons: Table<IssuedCoupon>,
    /// What Funds lists (`l` goes to the next).
    pub funds_view: FundsView,
    /// A distributor looking at one of its resellers' customers, orders and funds.
    pub reseller: Option<ResellerScope>,
    /// How far the gathering of the renewals has come (`None` before the first).
    pub renewals_progress: Option<pc_core::renewals::Progress>,
    /// The sensitive operation being confirmed, if any: it gets the keys first.
    pub modal: Option<Modal>,
    /// A code sent for an operation that was then cancelled, while it may still be
    /// used: confirming the same operation again goes straight to its entry.
    pub kept_code: Option<(Operation, super::model::modal::CodeEntry)>,
    /// Orders selected with Space for a batch payment, in selection order.
    pub selection: Vec<CustomerOrder>,
    /// The partner's verification setting, once known.
    pub verification: Option<VerificationSetting>,
    /// What the open detail view shows, to reload it after an operation.
    pub(crate) detail_query: Option<(DetailQuery, String)>,
    /// `q` was pressed once while an operation was in flight.
    pub(crate) quit_armed: bool,
    /// Operations whose answer was lost and whose outcome is not known yet (request id):
    /// the same operation is not offered again until they are resolved.
    pub unresolved: Vec<(String, Operation)>,
    /// Operations whose outcome the backend cannot tell (request id, why), sent this
    /// session or resolved at start: the same operation again is confirmed with a
    /// warning to check first, until it is applied.
    pub unverifiable: Vec<(String, Operation, String)>,
    /// The export under way, if any.
    pub export: Option<Export>,
    /// The latest "new customer associated" notice, shown in the invitation too.
    pub last_association: Option<String>,
    /// The partner's profile, once asked for.
    pub profile: Option<Result<Profile, String>>,
    /// The partner's association link, once asked for.
    pub invitation: Option<Result<Invitation, String>>,
    /// The remittance account, once asked for.
    pub recharge: Option<Result<RechargeAccount, String>>,
    /// The payment agreements, once asked for.
    pub agreements: Option<Result<Vec<Agreement>, String>>,
    /// The partner's recent association switch requests, once read.
    pub switches: Option<Vec<SwitchRequest>>,
    /// Real-name reviews the console has read or waits for, by customer id.
    pub reviews: realname::Reviews,
    /// The customer whose association type is being switched, as the backend said.
    pub association: Option<AssociationStatus>,
    /// A coupon or a reseller's quota waiting for the quotas to be read.
    pub(crate) pending_quota: Option<(u64, super::model::modal::QuotaUse)>,
    /// Customers' names, for the lists and summaries that carry only ids.
    pub names: Names,
    /// Orders whose pay request this profile declined (`x`): the list does not say, so
    /// the audit log and this session do.
    pub declined: std::collections::HashSet<String>,
    /// How each sorted pane is sorted (`o`, `O`); others keep the backend's order.
    pub sorts: std::collections::HashMap<Pane, super::model::sort::Sort>,
    /// The text of each pane's filter, as typed.
    pub filters: std::collections::HashMap<Pane, String>,
    pub balances: Option<Vec<AccountBalance>>,
    /// Whether the backend offers the Partner Center (None until known).
    pub partner_center: Option<bool>,
    pub(crate) balances_request: Option<u64>,
    pub health: Health,
    pub toasts: Vec<Toast>,
    /// Every demo message received, newest last (`:inbox`).
    pub inbox: Vec<OutboxMessage>,
    pub now: DateTime<Utc>,
    pub refresh_every: chrono::TimeDelta,
    pub(crate) next_refresh: Option<DateTime<Utc>>,
    pub(crate) next_request: u64,
    /// Request ids given out so far (see [`IdSeed`]).
    pub(crate) request_ids: u64,
    pub size: (u16, u16),
    /// Something visible changed since the last draw.
    pub dirty: bool,
    pub quitting: bool,
}

impl State {
    pub fn new(session: Session, refresh_every: Duration, now: DateTime<Utc>) -> State {
        let partner_center = session.partner_center;
        let keymap = session.keymap.clone();
        State {
            session,
            keymap,
            pane: Pane::Orders,
            overlay: None,
            detail: None,
            detail_scroll: 0,
            orders: Table::default(),
            customers: Table::default(),
            contracts: Table::default(),
            resellers: Table::default(),
            records: Table::default(),
            catalog: Table::default(),
            history: Table::default(),
            renewals: Table::default(),
            ledger: Table::default(),
            spending: Table::default(),
            totals: Default::default(),
            deadlines: Default::default(),
            coupons: Table::default(),
            funds_view: FundsView::Transfers,
            reseller: None,
            renewals_progress: None,
            modal: None,
            kept_code: None,
            selection: Vec::new(),
            verification: None,
            detail_query: None,
            quit_armed: false,
            unresolved: Vec::new(),
            unverifiable: Vec::new(),
            pending_quota: None,
            export: None,
            recharge: None,
            invitation: None,
            profile: None,
            last_association: None,
            agreements: None,
            switches: None,
            reviews: Default::default(),
            association: None,
            filters: Default::default(),
            names: Names::default(),
            sorts: Default::default(),
            declined: Default::default(),
            partner_center,
            balances: None,
            balances_request: None,
            health: Health::Unknown,
            toasts: Vec::new(),
            inbox: Vec::new(),
            now,
            refresh_every: chrono::TimeDelta::from_std(refresh_every)
                .unwrap_or(chrono::TimeDelta::seconds(30)),
            next_refresh: None,
            next_request: 0,
            request_ids: 0,
            size: (0, 0),
            dirty: true,
            quitting: false,
        }
    }

    /// The first commands: the opening pane and the balances.
    pub fn start(&mut self) -> Vec<Command> {
        for problem in self.session.keymap_problems.clone() {
            self.toast(problem, true);
        }
        let mut cmds = self.reload(self.pane);
        cmds.extend(self.load_balances());
        match self.partner_center {
            None => cmds.push(Command::LoadCapabilities),
            Some(true) => cmds.push(Command::LoadVerification),
            Some(false) => {}
        }
        cmds.push(Command::ResolveJournal);
        cmds.push(Command::LoadDeclined);
        self.next_refresh = Some(self.now + self.refresh_every);
        cmds
    }

    /// The switch of `customer_id`'s association type waiting for their answer, if any.
    pub fn pending_switch(&self, customer_id: &str) -> Option<&SwitchRequest> {
        self.switches
            .iter()
            .flatten()
            .find(|r| r.customer_id == customer_id && r.status == SWITCH_PENDING)
    }

    pub(crate) fn request_id(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }

    /// A fresh id for an operation sent to the backend (`X-Client-Request-Id`).
    pub fn new_operation_id(&mut self) -> String {
        self.request_ids += 1;
        self.session.ids.request_id(self.request_ids)
    }

    /// Rows loaded and the cursor of the pane's list, generically.
    pub(crate) fn cursor(&mut self, pane: Pane) -> Option<&mut dyn Cursor> {
        Some(match pane {
            Pane::Orders => &mut self.orders,
            Pane::Customers => &mut self.customers,
            Pane::Contracts => &mut self.contracts,
            Pane::Resellers => &mut self.resellers,
            Pane::Funds if self.funds_view == FundsView::Account => &mut self.ledger,
            Pane::Funds if self.funds_view == FundsView::Coupons => &mut self.coupons,
            Pane::Funds => &mut self.records,
            Pane::Catalog => &mut self.catalog,
            Pane::History => &mut self.history,
            Pane::Renewals => &mut self.renewals,
            Pane::Spending => &mut self.spending,
        })
    }

    pub fn filter_text(&self, pane: Pane) -> &str {
        self.filters.get(&pane).map(String::as_str).unwrap_or("")
    }

    /// Starts loading `pane` from the first page with its current filter.
    pub(crate) fn reload(&mut self, pane: Pane) -> Vec<Command> {
        self.load_rows(pane, 0, PAGE)
    }

    /// The query of `pane`'s list for the filter `text`: Funds' account view has
    /// its own; a reseller's scope asks for the reseller's.
    pub fn list_query(&self, pane: Pane, text: &str) -> Result<Option<PageQuery>, String> {
        let scoped = |q: PageQuery| match (&self.reseller, q) {
            (Some(r), PageQuery::Customers(mut q)) => {
                q.indirect_partner_id = Some(r.id.clone());
                PageQuery::Customers(q)
            }
            (Some(r), PageQuery::Orders(mut q)) => {
                q.indirect_partner_id = Some(r.id.clone());
                PageQuery::Orders(q)
            }
            (Some(r), PageQuery::Funds(mut q)) => {
                q.indirect_partner_id = Some(r.id.clone());
                PageQuery::Funds(q)
            }
            (Some(r), PageQuery::Ledger(mut q)) => {
                q.indirect_partner_id = Some(r.id.clone());
                PageQuery::Ledger(q)
            }
            (Some(r), PageQuery::Coupons(mut q)) => {
                q.indirect_partner_id = Some(r.id.clone());
                PageQuery::Coupons(q)
            }
            (Some(r), PageQuery::Spending(q)) => PageQuery::ResellerSpending {
                reseller: r.id.clone(),
                bill_cycle: q.bill_cycle,
            },
            (_, q) => q,
        };
        self.unscoped_query(pane, text).map(|q| q.map(scoped))
    }

    fn unscoped_query(&self, pane: Pane, text: &str) -> Result<Option<PageQuery>, String> {
        match (pane, self.funds_view) {
            (Pane::Funds, FundsView::Account) => return filter::ledger_query(text).map(Some),
            (Pane::Funds, FundsView::Coupons) => return filter::coupons_query(text).map(Some),
            _ => {}
        }
        // Spending is of a month: this one unless the filter names another.
        if pane == Pane::Spending
            && !text
                .split_whitespace()
                .any(|w| w.starts_with("month:") || pc_core::spending::is_month(w))
        {
            let month = pc_core::spending::this_month(self.now);
            return filter::query(pane, &format!("{text} month:{month}"));
        }
        filter::query(pane, text)
    }

    /// The reseller `text` names among those loaded (its id, account or name, in part),
    /// or an id as it is.
    pub fn find_reseller(&self, text: &str) -> Result<ResellerScope, String> {
        if self.has_no_resellers() {
            return Err(t!("pane.resellers_distributors_only").into());
        }
        let lower = text.to_lowercase();
        let named = |r: &IndirectPartner| {
            r.indirect_partner_id == text
                || r.account_name
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(text))
                || r.name
                    .as_deref()
                    .is_some_and(|n| n.to_lowercase().contains(&lower))
        };
        let found: Vec<&IndirectPartner> =
            self.resellers.rows.iter().filter(|r| named(r)).collect();
        match found.as_slice() {
            [r] => Ok(ResellerScope {
                id: r.indirect_partner_id.clone(),
                name: r
                    .name
                    .clone()
                    .or_else(|| r.account_name.clone())
                    .unwrap_or_else(|| r.indirect_partner_id.clone()),
            }),
            [] if pc_core::query::is_customer_id(text) => Ok(ResellerScope {
                id: text.to_string(),
                name: text.to_string(),
            }),
            [] => Err(t!("reseller.unknown", text = text)),
            many => Err(t!(
                "reseller.many",
                text = text,
                names = many
                    .iter()
                    .filter_map(|r| r.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    /// Looks at `scope`'s customers, orders and funds (or one's own again): what was
    /// loaded of them is forgotten and read again.
    pub(crate) fn set_reseller(&mut self, scope: Option<ResellerScope>) -> Vec<Command> {
        if scope == self.reseller {
            return vec![];
        }
        let text = match &scope {
            Some(r) => t!("reseller.scoped", name = r.name),
            None => t!("reseller.unscoped").to_string(),
        };
        self.reseller = scope;
        if !self.selection.is_empty() {
            self.clear_selection();
        }
        self.customers.reset();
        self.orders.reset();
        self.records.reset();
        self.ledger.reset();
        self.coupons.reset();
        self.spending.reset();
        self.toast(text, false);
        self.detail = None;
        if !SCOPED.contains(&self.pane) {
            self.pane = Pane::Customers;
        }
        self.reload(self.pane)
    }

    /// True for panes that need the Partner Center on a backend known not to have it,
    /// and Funds on a site whose API has no partner funds.
    pub fn unavailable(&self, pane: Pane) -> bool {
        (pane == Pane::Contracts && self.partner_center == Some(false))
            || (matches!(pane, Pane::Renewals | Pane::Spending) && self.may_not_renew())
            || (pane == Pane::Funds && !self.session.site.has_partner_funds())
            || (pane == Pane::Resellers && self.has_no_resellers())
    }

    /// A partner known to be neither a solution provider nor a distributor (a
    /// government partner) is not given its customers' resources or consumption by
    /// the API.
    pub fn may_not_renew(&self) -> bool {
        let kind = self.session.partner_kind.as_str();
        !kind.is_empty() && kind != "distributor" && kind != "solution provider"
    }

    /// A partner known not to be a distributor has no resellers (the backend refuses
    /// the list with CBC.0151): the pane says so instead.
    pub fn has_no_resellers(&self) -> bool {
        let kind = self.session.partner_kind.as_str();
        !kind.is_empty() && kind != "distributor"
    }

    pub(crate) fn load_rows(&mut self, pane: Pane, offset: i64, limit: i64) -> Vec<Command> {
        if self.unavailable(pane) {
            return vec![];
        }
        let query = match self.list_query(pane, self.filter_text(pane)) {
            Ok(Some(PageQuery::Orders(mut q))) => {
                if let Some(by) = self.sorts.get(&pane).and_then(|s| s.order_by()) {
                    q.order_by = Some(by);
                }
                PageQuery::Orders(q)
            }
            Ok(Some(q)) => q,
            Ok(None) => return vec![],
            Err(e) => {
                self.toast(e, true);
                return vec![];
            }
        };
        let request = self.request_id();
        if let Some(t) = self.cursor(pane) {
            t.set_pending(request);
        }
        self.dirty = true;
        let mut cmds = vec![Command::LoadPage {
            request,
            offset,
            limit,
            query,
        }];
        // The Customers list shows pending switches: read them with its first page.
        if pane == Pane::Customers && offset == 0 && self.partner_center != Some(false) {
            cmds.push(Command::LoadSwitches);
        }
        cmds
    }

    /// Shows `pane` filtered by `text`, from its first page. Orders selected for a
    /// payment that the new filter would hide are let go (and said so), so that nothing
    /// is paid that is not on screen.
    pub(crate) fn set_filter(&mut self, pane: Pane, text: String) -> Vec<Command> {
        let changed = self.filter_text(pane) != text;
        // What can be paid comes sorted by the time left to pay it.
        if pane == Pane::Orders
            && text
                .split_whitespace()
                .any(|w| w == format!("status:{}", pc_core::filter::PAYABLE))
            && let Some(key) = super::model::sort::keys(pane)
                .iter()
                .find(|k| k.name == "pay_by")
        {
            self.sorts.insert(
                pane,
                super::model::sort::Sort {
                    key: *key,
                    descending: false,
                },
            );
        }
        self.filters.insert(pane, text);
        if pane == Pane::Orders && changed && !self.selection.is_empty() {
            self.clear_selection();
        }
        if let Some(t) = self.cursor(pane) {
            t.reset();
        }
        self.reload(pane)
    }

    /// Lets go of the orders selected for a payment, and says so.
    pub(crate) fn clear_selection(&mut self) {
        let count = self.selection.len();
        self.selection.clear();
        self.toast(t!("toast.selection_cleared", count = count), false);
    }

    /// The orders selected for a payment: how many, and their total.
    pub fn selection_total(&self) -> rust_decimal::Decimal {
        self.selection.iter().map(|o| o.amount_after_discount).sum()
    }

    pub(crate) fn load_balances(&mut self) -> Vec<Command> {
        if !self.session.site.has_partner_funds() {
            return vec![];
        }
        let request = self.request_id();
        self.balances_request = Some(request);
        vec![Command::LoadBalances { request }]
    }

    pub fn toast(&mut self, text: impl Into<String>, error: bool) {
        self.toasts.push(Toast {
            text: text.into(),
            error,
            until: self.now + TOAST_FOR,
        });
        if self.toasts.len() > 5 {
            self.toasts.remove(0);
        }
        self.dirty = true;
        // The band of toasts takes rows from the lists: keep their cursors in sight.
        follow_all(self);
    }

    pub(crate) fn record_health(&mut self, latency: Duration, error: Option<&str>) {
        self.health = match error {
            Some(e) => Health::Error(e.to_string()),
            None => Health::Ok(latency),
        };
    }
}

/// What `update` needs of any pane's list, whatever its row type.
pub(crate) trait Cursor {
    fn move_by(&mut self, delta: isize);
    /// The selected row and the first row on screen.
    fn position(&self) -> (usize, usize);
    fn top(&mut self);
    fn bottom(&mut self);
    fn wants_more(&self) -> Option<i64>;
    fn set_pending(&mut self, request: u64);
    fn len(&self) -> usize;
    fn follow(&mut self, visible: usize);
    fn reset(&mut self);
    /// Loaded, or a load is under way.
    fn requested(&self) -> bool;
}

impl<T: super::table::Keyed> Cursor for Table<T> {
    fn move_by(&mut self, delta: isize) {
        Table::move_by(self, delta)
    }
    fn position(&self) -> (usize, usize) {
        (self.selected, self.scroll)
    }
    fn top(&mut self) {
        Table::top(self)
    }
    fn bottom(&mut self) {
        Table::bottom(self)
    }
    fn wants_more(&self) -> Option<i64> {
        Table::wants_more(self)
    }
    fn set_pending(&mut self, request: u64) {
        self.pending = Some(request);
    }
    fn len(&self) -> usize {
        self.rows.len()
    }
    fn follow(&mut self, visible: usize) {
        Table::follow(self, visible)
    }
    fn reset(&mut self) {
        Table::reset(self)
    }
    fn requested(&self) -> bool {
        self.total.is_some() || self.pending.is_some()
    }
}

/// The customer of the open detail, or of the selected row.
pub(crate) fn customer_in_focus(state: &State) -> Option<CustomerInfo> {
    match &state.detail {
        Some(Detail::Ready(d)) => match d.as_ref() {
            DetailData::Customer(c, ..) => Some(c.clone()),
            _ => None,
        },
        _ => state.customers.selected_row().cloned(),
    }
}

/// Height of the Funds pane's balances box: one line per account, the line saying how
/// to recharge when it is not the dedicated account, in a border.
pub fn balances_height(state: &State) -> u16 {
    let accounts = state.balances.as_deref().map_or(1, |b| b.len().max(1)) as u16;
    accounts + u16::from(recharge_elsewhere(state).is_some()) + 2
}

/// The partner's contracting entity, when it is not a Huawei Cloud entity: then there is
/// no dedicated remittance account, and the recharge goes through the local Huawei
/// channel manager.
pub fn recharge_elsewhere(state: &State) -> Option<&str> {
    match &state.profile {
        Some(Ok(p)) if !p.remittance_account => Some(
            p.contracting_entity
                .as_deref()
                .unwrap_or(t!("funds.another_entity")),
        ),
        _ => None,
    }
}

/// Rows of a pane's list that fit on screen: the frame minus tabs, status bar, borders
/// and header (and the balances box on Funds). Must agree with the view's layout.
pub fn visible_rows(state: &State, pane: Pane) -> usize {
    let mut chrome = 5 + toast_lines(state).len();
    if pane == Pane::Funds {
        chrome += balances_height(state) as usize;
    }
    (state.size.1 as usize).saturating_sub(chrome).max(1)
}

/// Keeps every list's window around its cursor, after a move or a resize.
pub(crate) fn follow_all(state: &mut State) {
    for pane in Pane::ALL {
        let visible = visible_rows(state, pane);
        if let Some(t) = state.cursor(pane) {
            t.follow(visible);
        }
    }
}

/// Rows a PgUp/PgDn moves: the visible body of the list.
pub(crate) fn page_rows(state: &State) -> isize {
    visible_rows(state, state.pane) as isize
}

pub(crate) fn more_if_needed(state: &mut State) -> Vec<Command> {
    let pane = state.pane;
    match state.cursor(pane).and_then(|t| t.wants_more()) {
        Some(offset) => state.load_rows(pane, offset, PAGE),
        None => vec![],
    }
}

/// The export under way: which pane, how far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub request: u64,
    pub pane: Pane,
    pub rows: usize,
    pub total: Option<i64>,
}

/// Shows a pane; loads it the first time.
pub fn switch_pane(state: &mut State, pane: Pane) -> Vec<Command> {
    state.pane = pane;
    state.detail = None;
    state.dirty = true;
    let never_loaded = state.cursor(pane).is_some_and(|t| !t.requested());
    let mut cmds = if never_loaded {
        state.reload(pane)
    } else {
        vec![]
    };
    // Funds says how to recharge, which depends on the partner's contracting entity.
    if pane == Pane::Funds
        && never_loaded
        && state.profile.is_none()
        && state.partner_center != Some(false)
    {
        cmds.push(Command::LoadProfile);
    }
    cmds
}

pub(crate) fn load_detail(state: &mut State, query: DetailQuery, title: String) -> Vec<Command> {
    let request = state.request_id();
    state.detail = Some(Detail::Loading {
        request,
        title: title.clone(),
    });
    state.detail_query = Some((query.clone(), title));
    vec![Command::LoadDetail { request, query }]
}

/// Loads the open detail view again (after an operation changed what it shows).
pub(crate) fn reopen_detail(state: &mut State) -> Vec<Command> {
    match state.detail_query.clone() {
        Some((query, title)) => load_detail(state, query, title),
        None => vec![],
    }
}

/// Quits, unless an operation is in flight: then the first `q` asks.
pub(crate) fn quit(state: &mut State) -> Vec<Command> {
    let in_flight = state.modal.as_ref().is_some_and(Modal::in_flight);
    if !in_flight {
        state.quit_armed = false;
    }
    if in_flight && !state.quit_armed {
        state.quit_armed = true;
        state.toast(t!("toast.quit_in_flight"), true);
        return vec![];
    }
    state.quitting = true;
    vec![Command::Quit]
}

pub(crate) fn copied(state: &mut State, text: String) -> Vec<Command> {
    state.toast(t!("toast.copied", text = text), false);
    vec![Command::Copy(text)]
}
