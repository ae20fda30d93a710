//! The console without a screen: what an operation is and how it is summarized, its
//! exactly-once execution (journal, request ids, resolution), the audit log, CSV export,
//! the list queries and filters, pricing, configuration and the console's languages.
//! The terminal console (`pc-tui`) and the script commands (`pc-cli`) are both built on it.

// First, so that `t!` is in scope in every module after it.
#[macro_use]
pub mod i18n;

pub mod audit;
pub mod config;
pub mod credentials;
pub mod customers;
pub mod draft;
pub mod exec;
pub mod export;
pub mod files;
pub mod filter;
pub mod format;
pub mod journal;
pub mod ops;
pub mod outcome;
pub mod pricing;
pub mod query;
pub mod quotas;
pub mod renewals;
pub mod spending;
pub mod terminal;

/// The crates whose logs are ours, for a `tracing` filter at `level` (`info`, `trace`…).
pub fn log_filter(level: &str) -> String {
    [
        "partner_console",
        "pc_api",
        "pc_client",
        "pc_core",
        "pc_tui",
        "pc_cli",
        "pc_mock",
    ]
    .map(|target| format!("{target}={level}"))
    .join(",")
}
