//! The console's state and its pure `update`: keys, ticks and backend answers come in as
//! [`Msg`], side effects go out as [`Command`] for the worker. No I/O, no clock (time
//! arrives in `Msg::Tick`), no await — every transition is tested by calling `update`.
//!
//! Layers, each importing only those below it: [`msg`] and [`state`]; the tables, the
//! keymap and the `:` command line; the modal; the forms and the sensitive keys that
//! open it; [`keys`] routing a key to them; [`update`] routing every message.

pub mod command;
pub mod create;
pub mod keymap;
pub mod keys;
pub mod modal;
pub mod model;
pub mod msg;
pub mod price;
pub mod realname;
pub mod sensitive;
pub mod sms;
pub mod sort;
pub mod state;
pub mod table;
pub mod update;

mod mouse;

pub use msg::{Command, Msg};
pub use pc_core::query::{DetailData, DetailQuery, PageData, PageQuery, Pane, ResourceUsage};
pub use state::*;
pub use update::update;

// What the tests of this module's files find through `super::*`.
#[cfg(test)]
#[allow(unused_imports)]
use {
    chrono::{DateTime, Utc},
    crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent},
    keymap::{Action, Keymap},
    modal::{ExecOutcome, Failure, Modal},
    pc_api::admin::OutboxMessage,
    pc_api::partner_center::{
        AGREEMENT_VALID, Agreement, AssociationStatus, Challenge, Channel, Contract, Invitation,
        OrderPricing, Profile, RechargeAccount, SWITCH_PENDING, Scene, SwitchRequest, Verification,
        VerificationSetting,
    },
    pc_api::*,
    pc_core::ops::{self, Operation},
    std::time::Duration,
    table::{PAGE, Table},
    tui_input::Input,
};

#[cfg(test)]
mod lifecycle_tests;
#[cfg(test)]
mod modal_tests;
#[cfg(test)]
mod realname_tests;
#[cfg(test)]
mod tests;
