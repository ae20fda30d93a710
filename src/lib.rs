//! Partner Console: a keyboard-driven terminal console for Huawei Cloud partners, the API
//! client it uses, and a mock partner backend that follows the public BSS API.

// First, so that `t!` is in scope in every module after it.
#[macro_use]
pub mod i18n;

pub mod api;
pub mod app;
pub mod audit;
pub mod cli_help;
pub mod client;
pub mod config;
pub mod console;
pub mod doctor;
pub mod exec;
pub mod export;
pub mod journal;
pub mod mock;
pub mod runtime;
pub mod script;
pub mod ui;
pub mod worker;
