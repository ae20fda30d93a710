//! pc-core's integration tests: exactly once under load and faults through the
//! console's own execution path, and the config loader under random input.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod bad_config;
mod credentials;
mod details;
mod load;
mod names;
mod reconcile;
mod renewals;
