//! Actions and the keys bound to them: the defaults, and the config's `[keys]` over
//! them (`pay = "P"`, `down = ["j", "Ctrl-n"]`), with its problems reported at start.

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use pc_core::query::Pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    Filter,
    CommandLine,
    Help,
    Refresh,
    Quit,
    Customers,
    Orders,
    Contracts,
    Resellers,
    Funds,
    Catalog,
    History,
    Renewals,
    Spending,
    ViewAs,
    Ledger,
    PreviousMonth,
    NextMonth,
    Select,
    Sort,
    SortReverse,
    Pay,
    Reject,
    AdjustPrice,
    Allocate,
    Recall,
    Export,
    Invite,
    NewCustomer,
    SwitchType,
    RealName,
    Copy,
    Confirm,
    Cancel,
    OtherChannel,
    ByEmail,
    BySms,
    Credit,
    Resend,
    AskAgain,
    Close,
    Inbox,
    Submit,
    Dismiss,
    NextField,
    PreviousField,
    ChoiceBack,
    ChoiceNext,
    Interrupt,
    SendAccount,
    SaveProof,
    ToggleCodes,
    ChangePhone,
    ChangeEmail,
    ChangePassword,
    VoidAgreement,
    AddAgreement,
}

/// Where a key is read. The same key may do one thing in each: `s` switches a
/// customer's association type on the panes and sends the code by SMS in the modal.
/// Keys a form or the modal does not bind are typed into its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The panes, their details and overlays.
    Panes,
    /// The verification modal: summary, code, result.
    Modal,
    /// A form's fields (new customer, real name, pricing).
    Form,
    /// The dedicated remittance account (`:recharge`).
    Recharge,
    /// The partner's profile (`:profile`).
    Profile,
    /// The payment agreements (`:agreements`); moving is the panes' up and down.
    Agreements,
}

impl Action {
    pub const ALL: [Action; 65] = [
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::Open,
        Action::Back,
        Action::Filter,
        Action::CommandLine,
        Action::Help,
        Action::Refresh,
        Action::Quit,
        Action::Customers,
        Action::Orders,
        Action::Contracts,
        Action::Resellers,
        Action::Funds,
        Action::Catalog,
        Action::History,
        Action::Renewals,
        Action::Spending,
        Action::ViewAs,
        Action::Ledger,
        Action::PreviousMonth,
        Action::NextMonth,
        Action::Select,
        Action::Sort,
        Action::SortReverse,
        Action::Pay,
        Action::Reject,
        Action::AdjustPrice,
        Action::Allocate,
        Action::Recall,
        Action::Export,
        Action::Invite,
        Action::NewCustomer,
        Action::SwitchType,
        Action::RealName,
        Action::Copy,
        Action::Confirm,
        Action::Cancel,
        Action::OtherChannel,
        Action::ByEmail,
        Action::BySms,
        Action::Credit,
        Action::Resend,
        Action::AskAgain,
        Action::Close,
        Action::Inbox,
        Action::Submit,
        Action::Dismiss,
        Action::NextField,
        Action::PreviousField,
        Action::ChoiceBack,
        Action::ChoiceNext,
        Action::Interrupt,
        Action::SendAccount,
        Action::SaveProof,
        Action::ToggleCodes,
        Action::ChangePhone,
        Action::ChangeEmail,
        Action::ChangePassword,
        Action::VoidAgreement,
        Action::AddAgreement,
    ];

    /// Its name in the config's `[keys]` (snake_case, as serde writes it).
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Open => "open",
            Action::Back => "back",
            Action::Filter => "filter",
            Action::CommandLine => "command_line",
            Action::Help => "help",
            Action::Refresh => "refresh",
            Action::Quit => "quit",
            Action::Customers => "customers",
            Action::Orders => "orders",
            Action::Contracts => "contracts",
            Action::Resellers => "resellers",
            Action::Funds => "funds",
            Action::Catalog => "catalog",
            Action::History => "history",
            Action::Renewals => "renewals",
            Action::Ledger => "ledger",
            Action::Spending => "spending",
            Action::ViewAs => "view_as",
            Action::PreviousMonth => "previous_month",
            Action::NextMonth => "next_month",
            Action::Select => "select",
            Action::Sort => "sort",
            Action::SortReverse => "sort_reverse",
            Action::Pay => "pay",
            Action::Reject => "reject",
            Action::AdjustPrice => "adjust_price",
            Action::Allocate => "allocate",
            Action::Recall => "recall",
            Action::Export => "export",
            Action::Invite => "invite",
            Action::NewCustomer => "new_customer",
            Action::SwitchType => "switch_type",
            Action::RealName => "real_name",
            Action::Copy => "copy",
            Action::Confirm => "confirm",
            Action::Cancel => "cancel",
            Action::OtherChannel => "other_channel",
            Action::ByEmail => "by_email",
            Action::BySms => "by_sms",
            Action::Credit => "credit",
            Action::Resend => "resend",
            Action::AskAgain => "ask_again",
            Action::Close => "close",
            Action::Inbox => "inbox",
            Action::Submit => "submit",
            Action::Dismiss => "dismiss",
            Action::NextField => "next_field",
            Action::PreviousField => "previous_field",
            Action::ChoiceBack => "choice_back",
            Action::ChoiceNext => "choice_next",
            Action::Interrupt => "interrupt",
            Action::SendAccount => "send_account",
            Action::SaveProof => "save_proof",
            Action::ToggleCodes => "toggle_codes",
            Action::ChangePhone => "change_phone",
            Action::ChangeEmail => "change_email",
            Action::ChangePassword => "change_password",
            Action::VoidAgreement => "void_agreement",
            Action::AddAgreement => "add_agreement",
        }
    }

    /// Where it is read: the panes, the verification modal, or a form's fields.
    pub fn scope(self) -> Scope {
        match self {
            Action::Confirm
            | Action::Cancel
            | Action::OtherChannel
            | Action::ByEmail
            | Action::BySms
            | Action::Credit
            | Action::Resend
            | Action::AskAgain
            | Action::Close
            | Action::Inbox => Scope::Modal,
            Action::Submit
            | Action::Dismiss
            | Action::NextField
            | Action::PreviousField
            | Action::ChoiceBack
            | Action::ChoiceNext
            | Action::Interrupt => Scope::Form,
            Action::SendAccount | Action::SaveProof => Scope::Recharge,
            Action::ToggleCodes
            | Action::ChangePhone
            | Action::ChangeEmail
            | Action::ChangePassword => Scope::Profile,
            Action::VoidAgreement | Action::AddAgreement => Scope::Agreements,
            _ => Scope::Panes,
        }
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }

    /// Whether the action does something on `pane` (or on its detail view), for the
    /// help: each pane's help lists only the keys that work there.
    pub fn works_on(self, pane: Pane, detail: bool) -> bool {
        use Action as A;
        match self {
            A::Up | A::Down | A::Top | A::Bottom | A::PageUp | A::PageDown => true,
            A::Back | A::Help | A::Quit | A::Copy | A::CommandLine => true,
            A::Customers
            | A::Orders
            | A::Contracts
            | A::Resellers
            | A::Funds
            | A::Catalog
            | A::History
            | A::Renewals
            | A::Spending => true,
            A::Open => !detail && pane != Pane::Renewals,
            A::Filter | A::Refresh | A::Sort | A::SortReverse => !detail,
            A::Export => !detail || pane == Pane::Contracts,
            A::Select => pane == Pane::Orders && !detail,
            A::Reject | A::AdjustPrice => pane == Pane::Orders,
            A::Pay => match pane {
                Pane::Orders | Pane::Catalog => true,
                Pane::Contracts => detail,
                _ => false,
            },
            A::Allocate => matches!(pane, Pane::Customers | Pane::Resellers),
            // On Funds: an issued coupon, in the coupons' view.
            A::Recall => matches!(pane, Pane::Customers | Pane::Resellers | Pane::Funds),
            A::Ledger => pane == Pane::Funds && !detail,
            A::ViewAs => pane == Pane::Resellers && !detail,
            A::PreviousMonth | A::NextMonth => pane == Pane::Spending,
            A::Invite | A::NewCustomer => pane == Pane::Customers && !detail,
            A::SwitchType | A::RealName => pane == Pane::Customers,
            _ => false,
        }
    }

    /// What the help says of it on `pane` (or its detail view), where that differs.
    pub fn describe_on(self, pane: Pane, detail: bool) -> &'static str {
        match (self, pane, detail) {
            (Action::Pay, Pane::Contracts, true) => t!("help.pay_instalment"),
            (Action::Export, Pane::Contracts, true) => t!("help.download_bill"),
            (Action::Pay, Pane::Catalog, _) => t!("help.price"),
            (Action::Pay, _, _) => t!("help.pay_on_behalf"),
            _ => self.describe(),
        }
    }

    /// What the help overlay says of it.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Up => t!("action.up"),
            Action::Down => t!("action.down"),
            Action::Top => t!("action.top"),
            Action::Bottom => t!("action.bottom"),
            Action::PageUp => t!("action.page_up"),
            Action::PageDown => t!("action.page_down"),
            Action::Open => t!("action.open"),
            Action::Back => t!("action.back"),
            Action::Filter => t!("action.filter"),
            Action::CommandLine => t!("action.command_line"),
            Action::Help => t!("action.help"),
            Action::Refresh => t!("action.refresh"),
            Action::Quit => t!("action.quit"),
            Action::Customers => t!("action.customers"),
            Action::Orders => t!("action.orders"),
            Action::Contracts => t!("action.contracts"),
            Action::Resellers => t!("action.resellers"),
            Action::Funds => t!("action.funds"),
            Action::Catalog => t!("action.catalog"),
            Action::History => t!("action.history"),
            Action::Renewals => t!("action.renewals"),
            Action::Ledger => t!("action.ledger"),
            Action::Spending => t!("action.spending"),
            Action::ViewAs => t!("action.view_as"),
            Action::PreviousMonth => t!("action.previous_month"),
            Action::NextMonth => t!("action.next_month"),
            Action::Select => t!("action.select"),
            Action::Sort => t!("action.sort"),
            Action::SortReverse => t!("action.sort_reverse"),
            Action::Pay => t!("action.pay"),
            Action::Reject => t!("action.reject"),
            Action::AdjustPrice => t!("action.adjust_price"),
            Action::Allocate => t!("action.allocate"),
            Action::Recall => t!("action.recall"),
            Action::Export => t!("action.export"),
            Action::Invite => t!("action.invite"),
            Action::NewCustomer => t!("action.new_customer"),
            Action::SwitchType => t!("action.switch_type"),
            Action::RealName => t!("action.real_name"),
            Action::Copy => t!("action.copy"),
            Action::Confirm => t!("action.confirm"),
            Action::Cancel => t!("action.cancel"),
            Action::OtherChannel => t!("action.other_channel"),
            Action::ByEmail => t!("action.by_email"),
            Action::BySms => t!("action.by_sms"),
            Action::Credit => t!("action.credit"),
            Action::Resend => t!("action.resend"),
            Action::AskAgain => t!("action.ask_again"),
            Action::Close => t!("action.close"),
            Action::Inbox => t!("action.inbox"),
            Action::Submit => t!("action.submit"),
            Action::Dismiss => t!("action.dismiss"),
            Action::NextField => t!("action.next_field"),
            Action::PreviousField => t!("action.previous_field"),
            Action::ChoiceBack => t!("action.choice_back"),
            Action::ChoiceNext => t!("action.choice_next"),
            Action::Interrupt => t!("action.interrupt"),
            Action::SendAccount => t!("action.send_account"),
            Action::SaveProof => t!("action.save_proof"),
            Action::ToggleCodes => t!("action.toggle_codes"),
            Action::ChangePhone => t!("action.change_phone"),
            Action::ChangeEmail => t!("action.change_email"),
            Action::ChangePassword => t!("action.change_password"),
            Action::VoidAgreement => t!("action.void_agreement"),
            Action::AddAgreement => t!("action.add_agreement"),
        }
    }
}

/// A key as written in help and config: `j`, `G`, `Enter`, `PgDn`, `Ctrl-c`.
pub fn key_name(key: &KeyEvent) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Named keys, as [`key_name`] writes them.
const NAMED: [(&str, KeyCode); 14] = [
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PgUp", KeyCode::PageUp),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
];

/// A key as [`key_name`] writes it: one character, a named key, `F1`–`F12`, with an
/// optional `Ctrl-`.
pub fn parse_key(text: &str) -> Result<KeyEvent, String> {
    let bad = || t!("keys.not_a_key", text = format!("{text:?}"));
    let (mods, base) = match text.strip_prefix("Ctrl-") {
        Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
        Some(_) => return Err(bad()),
        None => (KeyModifiers::NONE, text),
    };
    let mut chars = base.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => KeyCode::Char(c),
        _ => match NAMED.iter().find(|(n, _)| *n == base) {
            Some((_, code)) => *code,
            None => match base.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
                Some(n) if (1..=12).contains(&n) => KeyCode::F(n),
                _ => return Err(bad()),
            },
        },
    };
    Ok(KeyEvent::new(code, mods))
}

/// Key → action, in a fixed order (the help lists them in this order).
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<(KeyEvent, Action)>,
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

impl Default for Keymap {
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        let bindings = vec![
            (key(K::Char('k')), A::Up),
            (key(K::Up), A::Up),
            (key(K::Char('j')), A::Down),
            (key(K::Down), A::Down),
            (key(K::Char('g')), A::Top),
            (key(K::Home), A::Top),
            (key(K::Char('G')), A::Bottom),
            (key(K::End), A::Bottom),
            (key(K::PageUp), A::PageUp),
            (key(K::PageDown), A::PageDown),
            (key(K::Enter), A::Open),
            (key(K::Esc), A::Back),
            (key(K::Char('/')), A::Filter),
            (key(K::Char(':')), A::CommandLine),
            (key(K::Char('?')), A::Help),
            (key(K::Char('R')), A::Refresh),
            (key(K::Char('q')), A::Quit),
            (KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL), A::Quit),
            (key(K::Char('1')), A::Customers),
            (key(K::Char('2')), A::Orders),
            (key(K::Char('3')), A::Contracts),
            (key(K::Char('4')), A::Resellers),
            (key(K::Char('5')), A::Funds),
            (key(K::Char('6')), A::Catalog),
            (key(K::Char('7')), A::History),
            (key(K::Char('8')), A::Renewals),
            (key(K::Char('9')), A::Spending),
            (key(K::Char('c')), A::ViewAs),
            (key(K::Char('l')), A::Ledger),
            (key(K::Char('[')), A::PreviousMonth),
            (key(K::Char(']')), A::NextMonth),
            (key(K::Char(' ')), A::Select),
            (key(K::Char('o')), A::Sort),
            (key(K::Char('O')), A::SortReverse),
            (key(K::Char('p')), A::Pay),
            (key(K::Char('x')), A::Reject),
            (key(K::Char('a')), A::AdjustPrice),
            (key(K::Char('+')), A::Allocate),
            (key(K::Char('-')), A::Recall),
            (key(K::Char('e')), A::Export),
            (key(K::Char('i')), A::Invite),
            (key(K::Char('n')), A::NewCustomer),
            (key(K::Char('s')), A::SwitchType),
            (key(K::Char('v')), A::RealName),
            (key(K::Char('y')), A::Copy),
            // The verification modal.
            (key(K::Enter), A::Confirm),
            (key(K::Esc), A::Cancel),
            (
                KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL),
                A::Cancel,
            ),
            (key(K::Tab), A::OtherChannel),
            (key(K::Char('e')), A::ByEmail),
            (key(K::Char('s')), A::BySms),
            (key(K::Char('m')), A::Credit),
            (key(K::Char('r')), A::Resend),
            (key(K::Char('c')), A::AskAgain),
            (key(K::Char('q')), A::Close),
            (key(K::Char(' ')), A::Close),
            (key(K::Char('i')), A::Inbox),
            // A form's fields: what is not bound here is typed.
            (key(K::Enter), A::Submit),
            (key(K::Esc), A::Dismiss),
            (key(K::Tab), A::NextField),
            (key(K::Down), A::NextField),
            (key(K::BackTab), A::PreviousField),
            (key(K::Up), A::PreviousField),
            (key(K::Left), A::ChoiceBack),
            (key(K::Right), A::ChoiceNext),
            (key(K::Char(' ')), A::ChoiceNext),
            (
                KeyEvent::new(K::Char('c'), KeyModifiers::CONTROL),
                A::Interrupt,
            ),
            // The Funds overlays and the profile.
            (key(K::Char('s')), A::SendAccount),
            (key(K::Char('d')), A::SaveProof),
            (key(K::Char('v')), A::ToggleCodes),
            (key(K::Char('p')), A::ChangePhone),
            (key(K::Char('m')), A::ChangeEmail),
            (key(K::Char('w')), A::ChangePassword),
            (key(K::Char('v')), A::VoidAgreement),
            (key(K::Char('n')), A::AddAgreement),
        ];
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the config's `[keys]` over them: each action listed gets
    /// exactly the keys given, and a key given away leaves the action it had. Returns
    /// what the user should hear about: unknown actions, keys that are not keys, a key
    /// given to two actions (the first by name keeps it), a default key taken over, an
    /// action left without a key.
    pub fn with_overrides(over: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut problems = Vec::new();
        let defaults = Keymap::default();
        // Per action, in the defaults' order: its keys.
        let mut keys: Vec<(Action, Vec<KeyEvent>)> = Vec::new();
        for (k, a) in &defaults.bindings {
            match keys.iter_mut().find(|(b, _)| b == a) {
                Some((_, ks)) => ks.push(*k),
                None => keys.push((*a, vec![*k])),
            }
        }
        let mut claimed: Vec<(KeyEvent, Action)> = Vec::new();
        for (name, given) in over {
            let Some(action) = Action::from_name(name) else {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                problems.push(t!(
                    "keys.no_action",
                    name = format!("{name:?}"),
                    actions = names.join(", ")
                ));
                continue;
            };
            let mut mine = Vec::new();
            for text in given {
                match parse_key(text) {
                    Err(e) => problems.push(t!("keys.bad_key", name = name, error = e)),
                    Ok(k) => match claimed
                        .iter()
                        .find(|(c, a)| *c == k && a.scope() == action.scope())
                    {
                        Some((_, other)) if *other != action => problems.push(t!(
                            "keys.given_twice",
                            key = text,
                            first = other.name(),
                            second = name
                        )),
                        Some(_) => {}
                        None => {
                            claimed.push((k, action));
                            mine.push(k);
                        }
                    },
                }
            }
            if let Some((_, ks)) = keys.iter_mut().find(|(a, _)| *a == action) {
                *ks = mine;
            }
        }
        for (action, ks) in keys.iter_mut() {
            ks.retain(|k| {
                match claimed
                    .iter()
                    .find(|(c, a)| c == k && a.scope() == action.scope())
                {
                    Some((_, owner)) if owner != action => {
                        problems.push(t!(
                            "keys.taken_over",
                            key = key_name(k),
                            now = owner.describe(),
                            before = action.describe()
                        ));
                        false
                    }
                    _ => true,
                }
            });
            if ks.is_empty() {
                problems.push(t!(
                    "keys.no_key_left",
                    action = action.describe(),
                    name = action.name()
                ));
            }
        }
        let bindings = keys
            .into_iter()
            .flat_map(|(a, ks)| ks.into_iter().map(move |k| (k, a)))
            .collect();
        (Keymap { bindings }, problems)
    }

    /// The first key bound to `action`, as the help writes it.
    pub fn first_key(&self, action: Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|(_, a)| *a == action)
            .map(|(k, _)| key_name(k))
    }

    /// The panes' action of a key.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.action_in(Scope::Panes, event)
    }

    /// The action of a key where it is read.
    pub fn action_in(&self, scope: Scope, event: &KeyEvent) -> Option<Action> {
        // Shifted letters arrive with SHIFT set on some terminals: match on the char.
        let mods = event.modifiers - KeyModifiers::SHIFT;
        self.bindings
            .iter()
            .find(|(k, a)| a.scope() == scope && k.code == event.code && k.modifiers == mods)
            .map(|(_, a)| *a)
    }

    /// Every action of the panes with the keys bound to it, in binding order.
    pub fn describe(&self) -> Vec<(Action, Vec<String>)> {
        self.describe_in(Scope::Panes)
    }

    /// Every action read in `scope` with the keys bound to it, in binding order.
    pub fn describe_in(&self, scope: Scope) -> Vec<(Action, Vec<String>)> {
        let mut out: Vec<(Action, Vec<String>)> = Vec::new();
        for (k, a) in self.bindings.iter().filter(|(_, a)| a.scope() == scope) {
            match out.iter_mut().find(|(b, _)| b == a) {
                Some((_, keys)) => keys.push(key_name(k)),
                None => out.push((*a, vec![key_name(k)])),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_configs_keys_are_good_ones() {
        let text = include_str!("../../../../config.example.toml");
        let file: pc_core::config::ConfigFile =
            toml::from_str(text).expect("config.example.toml is valid");
        let keys = file
            .keys
            .iter()
            .map(|(a, k)| (a.clone(), k.keys()))
            .collect();
        let (_, problems) = Keymap::with_overrides(&keys);
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn a_key_means_one_thing_in_each_scope() {
        let (map, problems) = Keymap::with_overrides(&BTreeMap::new());
        assert!(problems.is_empty(), "{problems:?}");
        let s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(map.action(&s), Some(Action::SwitchType));
        assert_eq!(map.action_in(Scope::Modal, &s), Some(Action::BySms));
        assert_eq!(map.action_in(Scope::Form, &s), None, "typed into the field");
        // One key for two actions of different scopes is fine; of one scope it is not.
        let (_, problems) = Keymap::with_overrides(&over(&[("pay", &["z"]), ("resend", &["z"])]));
        assert!(problems.is_empty(), "{problems:?}");
        let (_, problems) =
            Keymap::with_overrides(&over(&[("confirm", &["z"]), ("resend", &["z"])]));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("both confirm and resend")),
            "{problems:?}"
        );
        // Every action has a scope and at least one default key.
        for a in Action::ALL {
            assert!(
                !map.describe_in(a.scope()).iter().all(|(b, _)| *b != a),
                "{a:?} has no key"
            );
        }
    }

    fn over(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(a, ks)| (a.to_string(), ks.iter().map(|k| k.to_string()).collect()))
            .collect()
    }

    #[test]
    fn every_default_key_is_written_and_read_back_the_same() {
        for (k, _) in &Keymap::default().bindings {
            assert_eq!(parse_key(&key_name(k)), Ok(*k), "{}", key_name(k));
        }
        assert_eq!(
            parse_key("F5"),
            Ok(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE))
        );
        for bad in ["", "Ctrl-", "jj", "F13", "F0", "Enterr", "\u{7}"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
        for a in Action::ALL {
            assert_eq!(Action::from_name(a.name()), Some(a));
            // The config name is serde's name for it.
            assert_eq!(serde_json::to_value(a).unwrap(), a.name());
        }
    }

    #[test]
    fn no_overrides_is_the_defaults() {
        let (map, problems) = Keymap::with_overrides(&BTreeMap::new());
        assert_eq!(map, Keymap::default());
        assert!(problems.is_empty());
    }

    #[test]
    fn an_override_replaces_the_actions_keys_and_takes_them_from_others() {
        let (map, problems) =
            Keymap::with_overrides(&over(&[("pay", &["P", "Ctrl-p"]), ("down", &["j", "n"])]));
        let k = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(&k('P')), Some(Action::Pay));
        assert_eq!(
            map.action(&KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            Some(Action::Pay)
        );
        assert_eq!(map.action(&k('p')), None, "the old key is free");
        assert_eq!(map.action(&k('n')), Some(Action::Down));
        assert_eq!(
            map.action(&KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
            None
        );
        // n was the new-customer key: it moved, and the user is told.
        assert_eq!(
            problems,
            vec![
                "[keys]: n now does move down, no longer new customer".to_string(),
                "[keys]: new customer (new_customer) has no key left".to_string(),
            ]
        );
        // The help lists the live map, in the usual order.
        let described = map.describe();
        assert_eq!(described[1], (Action::Down, vec!["j".into(), "n".into()]));
        assert!(
            described
                .iter()
                .any(|(a, ks)| *a == Action::Pay && ks == &["P", "Ctrl-p"])
        );
    }

    #[test]
    fn unknown_actions_bad_keys_and_conflicts_are_reported() {
        let (map, problems) = Keymap::with_overrides(&over(&[
            ("pay", &["x", "Ctrl-"]),
            ("payy", &["z"]),
            ("reject", &["x", "X"]),
        ]));
        assert!(
            problems[0].contains("\"Ctrl-\" is not a key"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("[keys]: no action \"payy\" (actions: up, down,"),
            "{problems:?}"
        );
        assert_eq!(
            problems[2],
            "[keys]: x is given to both pay and reject; pay keeps it"
        );
        let k = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(map.action(&k('x')), Some(Action::Pay));
        assert_eq!(map.action(&k('X')), Some(Action::Reject));
        assert_eq!(map.action(&k('z')), None);
    }
}
