//! pc-tui's integration tests: the console's update and worker against the mock
//! (flows, exactly once, export, lifecycle, real name, secrets), its views on
//! TestBackend (snapshots, every size), and update and view under random input.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod app_flow;
mod bad_input;
mod common;
mod exactly_once;
mod export;
mod hostile;
mod lifecycle;
mod realname;
mod resize;
mod secrets;
mod snapshots;
