//! pc-client's integration tests: the client against the mock over real HTTP on
//! 127.0.0.1 — BSS, Partner Center, and the sensitive operations behind codes.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod client_mock;
mod gateway;
mod hostile;
mod money_desk;
mod partner_center;
mod sensitive;
