//! Actions and the keys bound to them. `Action` is a serde enum (snake_case) so that a
//! later config section can remap keys over these defaults.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

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
    Select,
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
}

impl Action {
    /// What the help overlay says of it.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "first row",
            Action::Bottom => "last row",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Open => "details",
            Action::Back => "back / close",
            Action::Filter => "filter",
            Action::CommandLine => "command line",
            Action::Help => "this help",
            Action::Refresh => "refresh",
            Action::Quit => "quit",
            Action::Customers => "Customers pane",
            Action::Orders => "Orders pane",
            Action::Contracts => "Contracts pane",
            Action::Resellers => "Resellers pane",
            Action::Funds => "Funds pane",
            Action::Catalog => "Catalog pane",
            Action::History => "History pane",
            Action::Select => "select row (batch pay)",
            Action::Pay => "pay · price in Catalog",
            Action::Reject => "reject pay request",
            Action::AdjustPrice => "adjust order price",
            Action::Allocate => "allocate funds",
            Action::Recall => "recall funds",
            Action::Export => "export view to CSV",
            Action::Invite => "invite by QR code",
            Action::NewCustomer => "new customer",
            Action::SwitchType => "switch association type",
            Action::RealName => "real-name authentication",
            Action::Copy => "copy the id (OSC 52)",
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
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Key → action, in a fixed order (the help lists them in this order).
#[derive(Debug, Clone)]
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
            (key(K::Char(' ')), A::Select),
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
        ];
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        // Shifted letters arrive with SHIFT set on some terminals: match on the char.
        let mods = event.modifiers - KeyModifiers::SHIFT;
        self.bindings
            .iter()
            .find(|(k, _)| k.code == event.code && k.modifiers == mods)
            .map(|(_, a)| *a)
    }

    /// Every action with the keys bound to it, in binding order.
    pub fn describe(&self) -> Vec<(Action, Vec<String>)> {
        let mut out: Vec<(Action, Vec<String>)> = Vec::new();
        for (k, a) in &self.bindings {
            match out.iter_mut().find(|(b, _)| b == a) {
                Some((_, keys)) => keys.push(key_name(k)),
                None => out.push((*a, vec![key_name(k)])),
            }
        }
        out
    }
}
