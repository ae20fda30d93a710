//! pc-mock's integration tests over real HTTP on 127.0.0.1: the gateway's
//! authentication table, and every route under random bodies and queries.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod auth_table;
mod bad_input;
mod hostile;
