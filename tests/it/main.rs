//! The binary's own tests: the script commands and doctor run as a user runs them, and
//! the console end to end in a pseudo-terminal (PTY, crash, kill -9). The crates'
//! integration tests live with each crate (`crates/*/tests/it`).

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod binary;
mod crash;
mod doctor;
mod hostile;
mod pty;
pub mod pty_driver;
mod script;
mod script_writes;

/// The shared helpers, with the binary's own.
mod common {
    pub use crate::binary::{binary, output};

    pub use pc_testkit::*;
}
