//! The integration tests of the whole console: the client against the mock over real
//! HTTP on loopback, the console's update and views on TestBackend (snapshots), the
//! script commands and doctor run as the real binary, and the binary end to end in a
//! pseudo-terminal (PTY, crash and kill -9). One test binary: the helpers in `common`
//! are compiled once.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod common;

mod app_flow;
mod auth_table;
mod bad_input;
mod client_mock;
mod crash;
mod doctor;
mod exactly_once;
mod export;
mod lifecycle;
mod load;
mod partner_center;
mod pty;
mod realname;
mod resize;
mod script;
mod script_writes;
mod secrets;
mod sensitive;
mod snapshots;
