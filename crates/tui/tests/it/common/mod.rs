//! The shared test helpers (pc-testkit), with this crate's own: the console driven
//! through its real worker ([`driver`]) and drawing fixtures ([`fixtures`]).
#![allow(dead_code)]

pub mod driver;
pub mod fixtures;

pub use pc_testkit::*;
