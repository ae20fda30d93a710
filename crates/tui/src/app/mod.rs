//! The console's state and its pure `update`: keys, ticks and backend answers come in as
//! [`Msg`], side effects go out as [`Command`] for the worker. No I/O, no clock (time
//! arrives in `Msg::Tick`), no await — every transition is tested by calling `update`.

pub mod command;
pub mod create;
pub mod keymap;
pub mod modal;
pub mod price;
pub mod realname;
pub mod sms;
pub mod table;

mod mouse;

use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use keymap::{Action, Keymap};
use modal::{ExecOutcome, Failure, Modal};
use pc_api::admin::OutboxMessage;
use pc_api::partner_center::{
    AGREEMENT_VALID, Agreement, AssociationStatus, Challenge, Channel, Contract, Invitation,
    OrderPricing, Profile, RechargeAccount, SWITCH_PENDING, Scene, SwitchRequest, Verification,
    VerificationSetting,
};
use pc_api::*;
use pc_core::audit::AuditEntry;
use pc_core::filter;
use pc_core::ops::{self, Operation};
pub use pc_core::query::{DetailData, DetailQuery, PageData, PageQuery, Pane, ResourceUsage};
use table::{PAGE, Table};

/// The detail view over a pane: what was asked, then the answer or the error.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    Loading { request: u64, title: String },
    Ready(Box<DetailData>),
    Failed { title: String, error: String },
}

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
    /// The partner's coupon quotas, to issue a coupon from.
    LoadQuotas {
        request: u64,
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
    /// customer, scene 18 to the phone reserved at their bank (real-name by bank card).
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
        rating: price::Rating,
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
        result: Result<price::Quote, String>,
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
    /// The keys, with the config's `[keys]` over the defaults.
    pub keymap: Keymap,
    /// What was wrong in `[keys]`, told at start.
    pub keymap_problems: Vec<String>,
    /// Where this session's request ids come from (`update` makes none of its own).
    pub ids: IdSeed,
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
    NewCustomer(Box<create::CustomerForm>),
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
    /// The sensitive operation being confirmed, if any: it gets the keys first.
    pub modal: Option<Modal>,
    /// Orders selected with Space for a batch payment, in selection order.
    pub selection: Vec<CustomerOrder>,
    /// The partner's verification setting, once known.
    pub verification: Option<VerificationSetting>,
    /// What the open detail view shows, to reload it after an operation.
    detail_query: Option<(DetailQuery, String)>,
    /// `q` was pressed once while an operation was in flight.
    quit_armed: bool,
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
    /// A coupon waiting for the quotas to be read: (request, customer id, name, face).
    pending_coupon: Option<(u64, String, String, rust_decimal::Decimal)>,
    /// The text of each pane's filter, as typed.
    pub filters: std::collections::HashMap<Pane, String>,
    pub balances: Option<Vec<AccountBalance>>,
    /// Whether the backend offers the Partner Center (None until known).
    pub partner_center: Option<bool>,
    balances_request: Option<u64>,
    pub health: Health,
    pub toasts: Vec<Toast>,
    /// Every demo message received, newest last (`:inbox`).
    pub inbox: Vec<OutboxMessage>,
    pub now: DateTime<Utc>,
    pub refresh_every: chrono::TimeDelta,
    next_refresh: Option<DateTime<Utc>>,
    next_request: u64,
    /// Request ids given out so far (see [`IdSeed`]).
    request_ids: u64,
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
            modal: None,
            selection: Vec::new(),
            verification: None,
            detail_query: None,
            quit_armed: false,
            unresolved: Vec::new(),
            unverifiable: Vec::new(),
            pending_coupon: None,
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

    fn request_id(&mut self) -> u64 {
        self.next_request += 1;
        self.next_request
    }

    /// A fresh id for an operation sent to the backend (`X-Client-Request-Id`).
    pub fn new_operation_id(&mut self) -> String {
        self.request_ids += 1;
        self.session.ids.request_id(self.request_ids)
    }

    /// Rows loaded and the cursor of the pane's list, generically.
    fn cursor(&mut self, pane: Pane) -> Option<&mut dyn Cursor> {
        Some(match pane {
            Pane::Orders => &mut self.orders,
            Pane::Customers => &mut self.customers,
            Pane::Contracts => &mut self.contracts,
            Pane::Resellers => &mut self.resellers,
            Pane::Funds => &mut self.records,
            Pane::Catalog => &mut self.catalog,
            Pane::History => &mut self.history,
        })
    }

    pub fn filter_text(&self, pane: Pane) -> &str {
        self.filters.get(&pane).map(String::as_str).unwrap_or("")
    }

    /// Starts loading `pane` from the first page with its current filter.
    fn reload(&mut self, pane: Pane) -> Vec<Command> {
        self.load_rows(pane, 0, PAGE)
    }

    /// True for panes that need the Partner Center on a backend known not to have it.
    pub fn unavailable(&self, pane: Pane) -> bool {
        pane == Pane::Contracts && self.partner_center == Some(false)
    }

    fn load_rows(&mut self, pane: Pane, offset: i64, limit: i64) -> Vec<Command> {
        if self.unavailable(pane) {
            return vec![];
        }
        let query = match filter::query(pane, self.filter_text(pane)) {
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

    fn load_balances(&mut self) -> Vec<Command> {
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
    }

    fn record_health(&mut self, latency: Duration, error: Option<&str>) {
        self.health = match error {
            Some(e) => Health::Error(e.to_string()),
            None => Health::Ok(latency),
        };
    }
}

/// What `update` needs of any pane's list, whatever its row type.
trait Cursor {
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

impl<T: table::Keyed> Cursor for Table<T> {
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
            DetailData::Customer(c, _) => Some(c.clone()),
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
    let mut chrome = 5;
    if pane == Pane::Funds {
        chrome += balances_height(state) as usize;
    }
    (state.size.1 as usize).saturating_sub(chrome).max(1)
}

/// The new orders at the top of a first page that ask the partner to pay, when the
/// total grew since the last look (`before`).
fn new_pay_requests(
    before: Option<i64>,
    offset: i64,
    total: i64,
    rows: &[CustomerOrder],
) -> Vec<String> {
    let Some(before) = before.filter(|b| offset == 0 && total > *b) else {
        return vec![];
    };
    rows.iter()
        .take((total - before) as usize)
        .filter(|o| {
            o.status == ops::PENDING_PAYMENT
                && o.agent_pay_info
                    .as_ref()
                    .and_then(|a| a.is_agent_pay)
                    .unwrap_or(false)
        })
        .map(|o| {
            format!(
                "{} ¥{}",
                o.order_id,
                pc_core::format::money(o.amount_after_discount)
            )
        })
        .collect()
}

/// Keeps every list's window around its cursor, after a move or a resize.
fn follow_all(state: &mut State) {
    for pane in Pane::ALL {
        let visible = visible_rows(state, pane);
        if let Some(t) = state.cursor(pane) {
            t.follow(visible);
        }
    }
}

/// Rows a PgUp/PgDn moves: the visible body of the list.
fn page_rows(state: &State) -> isize {
    visible_rows(state, state.pane) as isize
}

pub fn update(state: &mut State, msg: Msg) -> Vec<Command> {
    let cmds = dispatch(state, msg);
    follow_all(state);
    cmds
}

fn dispatch(state: &mut State, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Key(key) => on_key(state, key),
        Msg::Mouse(event) => mouse::on_mouse(state, event),
        Msg::Paste(text) if state.modal.is_some() => {
            modal::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) if matches!(state.overlay, Some(Overlay::NewCustomer(_))) => {
            create::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) if matches!(state.overlay, Some(Overlay::Realname(_))) => {
            realname::on_paste(state, &text);
            vec![]
        }
        Msg::Paste(text) => {
            if let Some(Overlay::Filter(input) | Overlay::Command(input)) = &mut state.overlay {
                for c in text.chars().filter(|c| !c.is_control()) {
                    input.handle_event(&crossterm::event::Event::Key(KeyEvent::new(
                        KeyCode::Char(c),
                        KeyModifiers::NONE,
                    )));
                }
                state.dirty = true;
            }
            vec![]
        }
        Msg::Tick(now) => on_tick(state, now),
        Msg::Resize(w, h) => {
            state.size = (w, h);
            state.dirty = true;
            vec![]
        }
        Msg::Page {
            request,
            offset,
            result,
            latency,
        } => {
            let mut cmds = on_page(state, request, offset, result, latency);
            if state.pane == Pane::Customers {
                cmds.extend(realname::opinion_of_selected(state));
            }
            cmds
        }
        Msg::Detail {
            request,
            result,
            latency,
        } => {
            let current =
                matches!(&state.detail, Some(Detail::Loading { request: r, .. }) if *r == request);
            if !current {
                return vec![];
            }
            state.record_health(latency, result.as_ref().err().map(String::as_str));
            let title = match &state.detail {
                Some(Detail::Loading { title, .. }) => title.clone(),
                _ => String::new(),
            };
            // A customer under review or rejected: the reviewer's opinion is read too.
            let review = match &result {
                Ok(data) => match data.as_ref() {
                    DetailData::Customer(c, _)
                        if matches!(c.verified_status.as_deref(), Some("0" | "1")) =>
                    {
                        vec![Command::LoadReview {
                            customer_id: c.customer_id.clone(),
                        }]
                    }
                    _ => vec![],
                },
                Err(_) => vec![],
            };
            state.detail = Some(match result {
                Ok(data) => Detail::Ready(data),
                Err(error) => Detail::Failed { title, error },
            });
            state.dirty = true;
            review
        }
        Msg::Balances {
            request,
            result,
            latency,
        } => {
            if state.balances_request != Some(request) {
                return vec![];
            }
            state.balances_request = None;
            state.record_health(latency, result.as_ref().err().map(String::as_str));
            match result {
                Ok(b) => state.balances = Some(b),
                Err(e) => state.toast(t!("toast.balances_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Verification(result) => {
            match result {
                Ok(v) => state.verification = Some(v),
                Err(e) => state.toast(t!("toast.verification_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Profile(result) => {
            if let (Ok(p), Some(v)) = (&result, state.verification.as_mut()) {
                v.enabled = p.verification_enabled;
            }
            state.profile = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Invitation(result) => {
            state.invitation = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Recharge(result) => {
            state.recharge = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Agreements(result) => {
            state.agreements = Some(result);
            state.dirty = true;
            vec![]
        }
        Msg::Notice(result) => {
            match result {
                Ok(text) => state.toast(text, false),
                Err(e) => state.toast(e, true),
            }
            vec![]
        }
        Msg::Bill {
            contract_id,
            result,
        } => {
            match result {
                Ok(path) => state.toast(
                    t!("toast.bill_saved", contract_id = contract_id, path = path),
                    false,
                ),
                Err(e) => state.toast(
                    t!("toast.bill_failed", contract_id = contract_id, error = e),
                    true,
                ),
            }
            vec![]
        }
        Msg::ExportProgress {
            request,
            rows,
            total,
        } => {
            if let Some(e) = state.export.as_mut().filter(|e| e.request == request) {
                e.rows = rows;
                e.total = Some(total);
                state.dirty = true;
            }
            vec![]
        }
        Msg::Exported { request, result } => {
            if state.export.as_ref().is_some_and(|e| e.request == request) {
                let pane = state.export.take().map(|e| e.pane).unwrap_or(state.pane);
                match result {
                    Ok((path, rows)) => state.toast(
                        t!(
                            "toast.exported",
                            rows = rows,
                            pane = pane.label(),
                            path = path
                        ),
                        false,
                    ),
                    Err(e) => state.toast(t!("toast.export_failed", error = e), true),
                }
            }
            vec![]
        }
        Msg::Association { request, result } => {
            modal::on_association(state, request, result);
            vec![]
        }
        Msg::Switches(result) => on_switches(state, result),
        Msg::Specs { request, result } => {
            price::on_specs(state, request, result);
            vec![]
        }
        Msg::Rated { request, result } => {
            price::on_rated(state, request, result);
            vec![]
        }
        Msg::IdentityChecked { request, result } => {
            create::on_checked(state, request, result);
            vec![]
        }
        Msg::RegistrationCode { request, result } => {
            realname::on_code_sent(state, request, &result);
            create::on_code_sent(state, request, &result);
            vec![]
        }
        Msg::Review {
            customer_id,
            result,
        } => {
            realname::on_review(state, &customer_id, result);
            vec![]
        }
        Msg::Quotas { request, result } => {
            sensitive::on_quotas(state, request, result);
            vec![]
        }
        Msg::Pricing { request, result } => {
            modal::on_pricing(state, request, result);
            vec![]
        }
        Msg::Challenge { request, result } => {
            modal::on_challenge(state, request, result);
            vec![]
        }
        Msg::Executed {
            request_id,
            sent_as,
            outcome,
        } => {
            let sent_as = sent_as.unwrap_or_else(|| request_id.clone());
            let asked = matches!(&state.modal,
                Some(Modal::Submitting { request_id: r, .. }) if *r == request_id);
            modal::on_executed(state, &request_id, &sent_as, outcome);
            let mut cmds = vec![];
            // The result is shown; the form that asked for the operation hears of it.
            if asked && let Some(Modal::Done { op, outcome }) = &state.modal {
                let ok =
                    matches!(outcome, ExecOutcome::Applied(items) if items.iter().all(|i| i.ok));
                let op = op.clone();
                cmds.extend(forms_after(state, &op, ok));
            }
            if state.pane == Pane::History {
                cmds.extend(state.reload(Pane::History));
            }
            cmds
        }
        Msg::Resolved(resolved) => {
            for (request_id, op, outcome) in &resolved {
                if matches!(outcome, ExecOutcome::Unknown(_)) {
                    state.unresolved.push((request_id.clone(), op.clone()));
                }
                modal::note_unverifiable(state, request_id, op, outcome);
                state.toast(
                    t!(
                        "toast.unfinished",
                        title = op.title(),
                        outcome = modal::short(outcome)
                    ),
                    matches!(outcome, ExecOutcome::Unknown(_)),
                );
            }
            if resolved.is_empty() {
                return vec![];
            }
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            cmds
        }
        Msg::Capabilities(result) => {
            match result {
                Ok(has) => {
                    state.partner_center = Some(has);
                    if !has {
                        // A contracts request sent meanwhile failed with a 404: forget it.
                        state.contracts = Table::default();
                    } else {
                        state.dirty = true;
                        return vec![Command::LoadVerification];
                    }
                }
                Err(e) => state.toast(t!("toast.capabilities_failed", error = e), true),
            }
            state.dirty = true;
            vec![]
        }
        Msg::Outbox(messages) => {
            for m in messages {
                let to = if m.channel == "sms" {
                    pc_api::mask_phone(&m.recipient)
                } else {
                    m.recipient.clone()
                };
                // A verification code shows as just the code; other messages in full.
                let what = demo_code(&m.body).unwrap_or_else(|| m.body.clone());
                state.toast(
                    t!(
                        "toast.outbox",
                        channel = m.channel.to_uppercase(),
                        to = to,
                        what = what
                    ),
                    false,
                );
                state.inbox.push(m);
            }
            vec![]
        }
        Msg::Quit => {
            state.quitting = true;
            vec![Command::Quit]
        }
    }
}

/// The 6-digit code of a verification message ("… code is 482913 …").
fn demo_code(body: &str) -> Option<String> {
    let at = body.find("code is ")? + "code is ".len();
    let code: String = body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (code.len() == 6).then_some(code)
}

/// The form behind an operation, told how it ended: the new-customer form closes or
/// keeps its fields for a fix, the real-name form closes and its decision is followed.
fn forms_after(state: &mut State, op: &Operation, ok: bool) -> Vec<Command> {
    match op {
        Operation::CreateCustomer { .. } => {
            create::on_created(state, ok);
            vec![]
        }
        Operation::RealnameAuth { .. } => realname::on_submitted(state, op, ok),
        _ => vec![],
    }
}

fn on_tick(state: &mut State, now: DateTime<Utc>) -> Vec<Command> {
    let before = state.now;
    state.now = now;
    modal::on_tick(state, before);
    let checks = create::on_tick(state);
    let before = state.toasts.len();
    state.toasts.retain(|t| t.until > now);
    if state.toasts.len() != before {
        state.dirty = true;
    }
    // Refresh the visible list in the background, unless the user is busy in an
    // overlay or a detail view, or has scrolled beyond what one request can reload.
    let due = state.next_refresh.is_some_and(|t| now >= t);
    if !due {
        return checks;
    }
    state.next_refresh = Some(now + state.refresh_every);
    // A switch waiting for the customer's answer: look for the answer whatever is on
    // screen, to tell the user when it comes.
    let waiting = state
        .switches
        .as_ref()
        .is_some_and(|s| s.iter().any(|r| r.status == SWITCH_PENDING));
    // The invitation stays up while customers scan it: keep refreshing under it, so the
    // new association shows as it arrives.
    let watching = matches!(state.overlay, Some(Overlay::Invite));
    let mut cmds = checks;
    // Real-name submissions of this session: their decisions are told on any pane.
    cmds.extend(realname::watched(state));
    if (state.overlay.is_some() && !watching) || state.detail.is_some() || state.modal.is_some() {
        if waiting {
            cmds.push(Command::LoadSwitches);
        }
        return cmds;
    }
    let pane = state.pane;
    cmds.extend(state.load_balances());
    if let Some(t) = state.cursor(pane)
        && t.len() <= 100
    {
        let limit = (t.len() as i64).clamp(PAGE, 100);
        cmds.extend(state.load_rows(pane, 0, limit));
    }
    // A Customers reload reads the switches too: once is enough.
    if waiting && !cmds.iter().any(|c| matches!(c, Command::LoadSwitches)) {
        cmds.push(Command::LoadSwitches);
    }
    cmds
}

fn on_page(
    state: &mut State,
    request: u64,
    offset: i64,
    result: Result<(i64, PageData), String>,
    latency: Duration,
) -> Vec<Command> {
    let error = result.as_ref().err().cloned();
    let accepted = match result {
        Ok((total, PageData::Orders(rows))) => {
            let before = state.orders.total;
            let new_rows = new_pay_requests(before, offset, total, &rows);
            let accepted = state.orders.accept(request, offset, total, rows);
            // Orders that arrived since the last look (a customer asking to be paid
            // for, in --live): say so, the refresh brought them without a keypress.
            if accepted && !new_rows.is_empty() {
                state.toast(
                    t!("toast.pay_requested", orders = new_rows.join(", ")),
                    false,
                );
            }
            accepted
        }
        Ok((total, PageData::Customers(rows))) => {
            let before = state.customers.total;
            let names: Vec<String> = rows.iter().map(|c| c.account_name.clone()).collect();
            let accepted = state.customers.accept(request, offset, total, rows);
            // New associations (an invitation accepted) come first: say so.
            if accepted
                && offset == 0
                && let Some(before) = before
                && total > before
            {
                let new = ((total - before) as usize).min(names.len());
                let text = t!("toast.associated", names = names[..new].join(", "));
                state.last_association = Some(text.clone());
                state.toast(text, false);
            }
            accepted
        }
        Ok((total, PageData::Contracts(rows))) => {
            state.contracts.accept(request, offset, total, rows)
        }
        Ok((total, PageData::Resellers(rows))) => {
            state.resellers.accept(request, offset, total, rows)
        }
        Ok((total, PageData::Funds(rows))) => state.records.accept(request, offset, total, rows),
        Ok((total, PageData::Catalog(rows))) => state.catalog.accept(request, offset, total, rows),
        Ok((total, PageData::History(rows))) => state.history.accept(request, offset, total, rows),
        Err(e) => [
            state.orders.fail(request, e.clone()),
            state.customers.fail(request, e.clone()),
            state.contracts.fail(request, e.clone()),
            state.resellers.fail(request, e.clone()),
            state.records.fail(request, e.clone()),
            state.catalog.fail(request, e.clone()),
            state.history.fail(request, e),
        ]
        .contains(&true),
    };
    if !accepted {
        return vec![]; // stale: a newer request for that list is under way
    }
    state.record_health(latency, error.as_deref());
    if let Some(e) = error {
        state.toast(e, true);
    }
    state.dirty = true;
    // The cursor may already be near the end of what arrived.
    more_if_needed(state)
}

fn more_if_needed(state: &mut State) -> Vec<Command> {
    let pane = state.pane;
    match state.cursor(pane).and_then(|t| t.wants_more()) {
        Some(offset) => state.load_rows(pane, offset, PAGE),
        None => vec![],
    }
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Command> {
    if key.kind == crossterm::event::KeyEventKind::Release {
        return vec![];
    }
    // Layers: the modal first, then the open overlay, then the detail view, then the
    // pane and globals.
    if state.modal.is_some() {
        return modal::on_key(state, key);
    }
    if state.overlay.is_some() {
        return on_overlay_key(state, key);
    }
    let Some(action) = state.keymap.action(&key) else {
        return vec![];
    };
    on_action(state, action)
}

/// What an action does on the pane (or the detail view over it), with no modal or
/// overlay open: from a key, or from the mouse wheel.
fn on_action(state: &mut State, action: Action) -> Vec<Command> {
    state.dirty = true;
    if state.detail.is_some() {
        // Under a detail view the movement keys scroll its table.
        let step = match action {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page_rows(state)),
            Action::PageDown => Some(page_rows(state)),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(step) = step {
            let rows = match &state.detail {
                Some(Detail::Ready(d)) => d.table_len(),
                _ => 0,
            };
            state.detail_scroll = state
                .detail_scroll
                .saturating_add_signed(step)
                .min(rows.saturating_sub(1));
            return vec![];
        }
        match action {
            Action::Back | Action::Open => {
                state.detail = None;
                return vec![];
            }
            Action::Quit | Action::Help | Action::CommandLine => {}
            Action::Pay if state.pane == Pane::Catalog => return price::open(state),
            Action::Pay | Action::Allocate | Action::Recall => {
                return sensitive::on_action(state, action);
            }
            Action::SwitchType => return sensitive::switch_association(state),
            Action::RealName => return realname::open(state),
            Action::Copy => return copy(state),
            Action::Export => {
                // A contract's detail: its bill. Other details: the list is exported.
                if let Some(Detail::Ready(d)) = &state.detail
                    && let DetailData::Contract(c) = d.as_ref()
                {
                    let contract_id = c.contract.contract_id.clone();
                    let request = state.request_id();
                    state.toast(
                        t!("toast.downloading_bill", contract_id = contract_id),
                        false,
                    );
                    return vec![Command::DownloadBill {
                        request,
                        contract_id,
                    }];
                }
                state.toast(t!("toast.export_from_detail"), false);
                return vec![];
            }
            _ if pane_of(action).is_some() => state.detail = None,
            _ => return vec![],
        }
    }
    match action {
        Action::Up => move_cursor(state, -1),
        Action::Down => move_cursor(state, 1),
        Action::PageUp => move_cursor(state, -page_rows(state)),
        Action::PageDown => move_cursor(state, page_rows(state)),
        Action::Top => {
            let pane = state.pane;
            if let Some(t) = state.cursor(pane) {
                t.top();
            }
            if pane == Pane::Customers {
                return realname::opinion_of_selected(state);
            }
            vec![]
        }
        Action::Bottom => {
            let pane = state.pane;
            if let Some(t) = state.cursor(pane) {
                t.bottom();
            }
            let mut cmds = more_if_needed(state);
            if pane == Pane::Customers {
                cmds.extend(realname::opinion_of_selected(state));
            }
            cmds
        }
        Action::Open => open_detail(state),
        Action::Back => {
            if let Some(e) = state.export.take() {
                state.toast(t!("toast.export_cancelled"), false);
                return vec![Command::CancelExport { request: e.request }];
            }
            state.toasts.clear();
            vec![]
        }
        Action::Export => export(state),
        Action::Copy => copy(state),
        Action::NewCustomer => {
            if state.pane != Pane::Customers {
                state.toast(t!("toast.new_customer_elsewhere"), false);
                return vec![];
            }
            create::open(state)
        }
        Action::SwitchType => sensitive::switch_association(state),
        Action::RealName => realname::open(state),
        Action::Invite => {
            if state.pane != Pane::Customers {
                state.toast(t!("toast.invite_elsewhere"), false);
                return vec![];
            }
            sensitive::open_funds_overlay(state, Overlay::Invite)
        }
        Action::Filter => {
            let text = state.filter_text(state.pane).to_string();
            state.overlay = Some(Overlay::Filter(Input::new(text)));
            vec![]
        }
        Action::CommandLine => {
            state.overlay = Some(Overlay::Command(Input::default()));
            vec![]
        }
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            vec![]
        }
        Action::Refresh => {
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            if state.partner_center == Some(true) {
                cmds.push(Command::LoadVerification);
            }
            cmds
        }
        Action::Quit => quit(state),
        Action::Pay if state.pane == Pane::Catalog => price::open(state),
        Action::Select
        | Action::Pay
        | Action::Reject
        | Action::AdjustPrice
        | Action::Allocate
        | Action::Recall => sensitive::on_action(state, action),
        other => match pane_of(other) {
            Some(pane) => switch_pane(state, pane),
            None => vec![],
        },
    }
}

fn pane_of(action: Action) -> Option<Pane> {
    Some(match action {
        Action::Customers => Pane::Customers,
        Action::Orders => Pane::Orders,
        Action::Contracts => Pane::Contracts,
        Action::Resellers => Pane::Resellers,
        Action::Funds => Pane::Funds,
        Action::Catalog => Pane::Catalog,
        Action::History => Pane::History,
        _ => return None,
    })
}

/// The export under way: which pane, how far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub request: u64,
    pub pane: Pane,
    pub rows: usize,
    pub total: Option<i64>,
}

/// `e`: every row matching the pane's filter, to CSV, by the worker.
fn export(state: &mut State) -> Vec<Command> {
    if let Some(e) = &state.export {
        let pane = e.pane.label();
        state.toast(t!("toast.export_under_way", pane = pane), true);
        return vec![];
    }
    let pane = state.pane;
    if state.unavailable(pane) {
        return vec![];
    }
    let query = match filter::query(pane, state.filter_text(pane)) {
        Ok(Some(q)) => q,
        Ok(None) => return vec![],
        Err(e) => {
            state.toast(e, true);
            return vec![];
        }
    };
    let request = state.request_id();
    state.export = Some(Export {
        request,
        pane,
        rows: 0,
        total: None,
    });
    vec![Command::Export {
        request,
        query,
        pane,
    }]
}

/// `y`: the id of what is on screen — the open detail's, else the highlighted row's —
/// to the terminal's clipboard.
fn copy(state: &mut State) -> Vec<Command> {
    use table::Keyed;
    let id = match (&state.detail, state.pane) {
        (Some(Detail::Ready(d)), _) => Some(match d.as_ref() {
            DetailData::Order(o) => o.order_info.order_id.clone(),
            DetailData::Customer(c, _) => c.customer_id.clone(),
            DetailData::Contract(c) => c.contract.contract_id.clone(),
            DetailData::Reseller(r, _, _) => r.indirect_partner_id.clone(),
            DetailData::Service(s, _, _) => s.service_type_code.clone(),
        }),
        (Some(_), _) => None,
        (None, Pane::Orders) => state.orders.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Customers) => state.customers.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Contracts) => state.contracts.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Resellers) => state.resellers.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Funds) => state.records.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Catalog) => state.catalog.selected_row().map(|r| r.key().to_string()),
        (None, Pane::History) => state.history.selected_row().map(|r| r.key().to_string()),
    };
    match id.filter(|i| !i.is_empty()) {
        Some(id) => copied(state, id),
        None => {
            state.toast(t!("toast.nothing_to_copy"), false);
            vec![]
        }
    }
}

fn copied(state: &mut State, text: String) -> Vec<Command> {
    state.toast(t!("toast.copied", text = text), false);
    vec![Command::Copy(text)]
}

/// The partner's switch requests arrived: a pending one that got its answer is told,
/// and the customers are reloaded to show the new type.
fn on_switches(state: &mut State, result: Result<Vec<SwitchRequest>, String>) -> Vec<Command> {
    let now = match result {
        Ok(now) => now,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the switch requests");
            return vec![];
        }
    };
    let mut answered = vec![];
    if let Some(before) = &state.switches {
        for r in &now {
            // A request this session made is known by its customer until the list
            // gives its id.
            let newest_of_customer = now
                .iter()
                .find(|x| x.customer_id == r.customer_id)
                .is_some_and(|x| x.switch_id == r.switch_id);
            let was_pending = before.iter().any(|b| {
                b.status == SWITCH_PENDING
                    && (b.switch_id == r.switch_id
                        || (b.switch_id.is_empty()
                            && b.customer_id == r.customer_id
                            && newest_of_customer))
            });
            if was_pending && r.status != SWITCH_PENDING {
                answered.push(t!(
                    "toast.switch_answered",
                    account = r.account_name,
                    status = r.status,
                    to = pc_api::rules::type_name(&r.to_type)
                ));
            }
        }
    }
    state.switches = Some(now);
    state.dirty = true;
    if answered.is_empty() {
        return vec![];
    }
    for text in answered {
        state.toast(text, false);
    }
    // Reload only the rows (the switches are already fresh), unless the user has
    // scrolled beyond what one request reloads: then R does it.
    if state.customers.rows.len() > 100 {
        return vec![];
    }
    let limit = (state.customers.rows.len() as i64).clamp(PAGE, 100);
    let mut cmds = state.load_rows(Pane::Customers, 0, limit);
    cmds.retain(|c| !matches!(c, Command::LoadSwitches));
    cmds
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

fn move_cursor(state: &mut State, delta: isize) -> Vec<Command> {
    let pane = state.pane;
    if let Some(t) = state.cursor(pane) {
        t.move_by(delta);
    }
    let mut cmds = more_if_needed(state);
    if pane == Pane::Customers {
        cmds.extend(realname::opinion_of_selected(state));
    }
    cmds
}

fn open_detail(state: &mut State) -> Vec<Command> {
    let (query, title) = match state.pane {
        Pane::Orders => match state.orders.selected_row() {
            Some(o) => (
                DetailQuery::Order(o.order_id.clone()),
                format!("Order {}", o.order_id),
            ),
            None => return vec![],
        },
        Pane::Customers => match state.customers.selected_row() {
            Some(c) => (
                DetailQuery::Customer(c.clone()),
                format!("Customer {}", c.account_name),
            ),
            None => return vec![],
        },
        Pane::Contracts => match state.contracts.selected_row() {
            Some(c) => (
                DetailQuery::Contract(c.contract_id.clone()),
                format!("Contract {}", c.contract_id),
            ),
            None => return vec![],
        },
        Pane::Resellers => match state.resellers.selected_row() {
            Some(r) => {
                let name = r
                    .name
                    .clone()
                    .unwrap_or_else(|| r.indirect_partner_id.clone());
                (DetailQuery::Reseller(r.clone()), format!("Reseller {name}"))
            }
            None => return vec![],
        },
        Pane::Catalog => match state.catalog.selected_row() {
            Some(s) => (
                DetailQuery::Service(s.clone()),
                format!("Service {}", s.service_type_name),
            ),
            None => return vec![],
        },
        Pane::Funds | Pane::History => return vec![],
    };
    state.detail_scroll = 0;
    load_detail(state, query, title)
}

fn load_detail(state: &mut State, query: DetailQuery, title: String) -> Vec<Command> {
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

fn on_overlay_key(state: &mut State, key: KeyEvent) -> Vec<Command> {
    state.dirty = true;
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    match state.overlay.take() {
        Some(Overlay::Recharge) => match key.code {
            KeyCode::Char('s') if !ctrl_c => {
                state.overlay = Some(Overlay::Recharge);
                if state.session.read_only {
                    state.toast(t!("toast.read_only_sms"), true);
                    return vec![];
                }
                vec![Command::SendRechargeAccount]
            }
            KeyCode::Char('d') => {
                state.overlay = Some(Overlay::Recharge);
                vec![Command::DownloadProof]
            }
            _ if ctrl_c => quit(state),
            _ => vec![],
        },
        Some(Overlay::Profile) => {
            let account_name = match &state.profile {
                Some(Ok(p)) => p.account_name.clone(),
                _ => String::new(),
            };
            let field = match key.code {
                KeyCode::Char('v') => return sensitive::toggle_verification(state),
                KeyCode::Char('p') => Some(modal::ProfileField::Phone),
                KeyCode::Char('m') => Some(modal::ProfileField::Email),
                KeyCode::Char('w') => Some(modal::ProfileField::Password),
                _ if ctrl_c => return quit(state),
                _ => None,
            };
            if let Some(field) = field {
                if state.session.read_only {
                    state.toast(t!("toast.read_only_profile"), true);
                } else {
                    modal::enter(
                        state,
                        modal::Draft::Profile {
                            field,
                            account_name,
                        },
                    );
                }
            }
            vec![]
        }
        Some(Overlay::Agreements(mut at)) => {
            let rows: Vec<Agreement> = match &state.agreements {
                Some(Ok(rows)) => rows.clone(),
                _ => vec![],
            };
            match key.code {
                KeyCode::Char('j') | KeyCode::Down => {
                    at = (at + 1).min(rows.len().saturating_sub(1));
                    state.overlay = Some(Overlay::Agreements(at));
                    vec![]
                }
                KeyCode::Char('k') | KeyCode::Up => {
                    state.overlay = Some(Overlay::Agreements(at.saturating_sub(1)));
                    vec![]
                }
                KeyCode::Char('v') => {
                    match rows.get(at) {
                        Some(a) if a.status == AGREEMENT_VALID => sensitive::agreement(
                            state,
                            Operation::VoidAgreement {
                                agreement_id: a.agreement_id.clone(),
                                name: a.name.clone(),
                            },
                        ),
                        Some(a) => {
                            state.toast(t!("toast.already_voided", id = a.agreement_id), true);
                            state.overlay = Some(Overlay::Agreements(at));
                        }
                        None => state.overlay = Some(Overlay::Agreements(at)),
                    }
                    vec![]
                }
                KeyCode::Char('n') => {
                    let year = state.now.format("%Y");
                    sensitive::agreement(
                        state,
                        Operation::AddAgreement {
                            name: format!("代付协议 {year}"),
                        },
                    );
                    vec![]
                }
                _ if ctrl_c => quit(state),
                _ => vec![],
            }
        }
        Some(Overlay::NewCustomer(form)) => create::on_key(state, form, key),
        Some(Overlay::Realname(form)) => realname::on_key(state, form, key),
        Some(Overlay::Price(form)) => price::on_key(state, form, key),
        Some(Overlay::Invite) if key.code == KeyCode::Char('y') => {
            state.overlay = Some(Overlay::Invite);
            match &state.invitation {
                Some(Ok(inv)) => {
                    let link = inv.link.clone();
                    copied(state, link)
                }
                _ => vec![],
            }
        }
        Some(Overlay::Help) | Some(Overlay::Inbox) | Some(Overlay::Invite) => {
            // Any key closes them; Ctrl-C still quits.
            if ctrl_c {
                state.quitting = true;
                return vec![Command::Quit];
            }
            vec![]
        }
        Some(Overlay::Filter(mut input)) => match key.code {
            KeyCode::Esc => vec![],
            KeyCode::Enter => {
                let pane = state.pane;
                let text = input.value().trim().to_string();
                if let Err(e) = filter::query(pane, &text) {
                    state.toast(e, true);
                    state.overlay = Some(Overlay::Filter(input));
                    return vec![];
                }
                state.filters.insert(pane, text);
                if let Some(t) = state.cursor(pane) {
                    t.reset();
                }
                state.reload(pane)
            }
            _ if ctrl_c => vec![],
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
                state.overlay = Some(Overlay::Filter(input));
                vec![]
            }
        },
        Some(Overlay::Command(mut input)) => match key.code {
            KeyCode::Esc => vec![],
            KeyCode::Tab => {
                if let Some(done) = command::complete(input.value()) {
                    input = Input::new(done);
                }
                state.overlay = Some(Overlay::Command(input));
                vec![]
            }
            KeyCode::Enter => run_command(state, input.value()),
            _ if ctrl_c => vec![],
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
                state.overlay = Some(Overlay::Command(input));
                vec![]
            }
        },
        None => vec![],
    }
}

fn run_command(state: &mut State, line: &str) -> Vec<Command> {
    match command::parse(line) {
        Ok(command::Parsed::Quit) => quit(state),
        Ok(command::Parsed::Profile) => sensitive::open_funds_overlay(state, Overlay::Profile),
        Ok(command::Parsed::Recharge) => sensitive::open_funds_overlay(state, Overlay::Recharge),
        Ok(command::Parsed::Agreements) => {
            sensitive::open_funds_overlay(state, Overlay::Agreements(0))
        }
        Ok(command::Parsed::Pay(ids)) => sensitive::pay_ids(state, &ids),
        Ok(command::Parsed::CouponIssue(face, customer)) => {
            sensitive::issue_coupon(state, &face, customer.as_deref())
        }
        Ok(command::Parsed::CouponRecall(id)) => sensitive::recall_coupon(state, &id),
        Ok(command::Parsed::Help) => {
            state.overlay = Some(Overlay::Help);
            vec![]
        }
        Ok(command::Parsed::Inbox) => {
            state.overlay = Some(Overlay::Inbox);
            vec![]
        }
        Ok(command::Parsed::Refresh) => {
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            cmds
        }
        Ok(command::Parsed::Pane(pane, None)) => switch_pane(state, pane),
        Ok(command::Parsed::Pane(pane, Some(filter_text))) => {
            if let Err(e) = filter::query(pane, &filter_text) {
                state.toast(e, true);
                return vec![];
            }
            state.pane = pane;
            state.detail = None;
            state.filters.insert(pane, filter_text);
            if let Some(t) = state.cursor(pane) {
                t.reset();
            }
            state.reload(pane)
        }
        Ok(command::Parsed::Nothing) => vec![],
        Err(e) => {
            state.toast(e, true);
            vec![]
        }
    }
}

pub mod sensitive;

#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod modal_tests;
#[cfg(test)]
mod realname_tests;
#[cfg(test)]
mod tests;
