//! pc-api's integration tests: the signing vectors the official SDK produced, and the
//! signature parsers under random input.

// A test stops at the first thing that fails: unwrapping says where.
#![allow(clippy::unwrap_used)]

mod bad_signatures;
mod signing_vectors;
