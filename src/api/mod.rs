//! The wire: serde types for the BSS API (bss-api.md §2–§7) with the exact field names,
//! the CBC error body, money, and AK/SK signing.

pub mod error;
pub mod money;
pub mod partner_center;
pub mod signing;
pub mod types;

pub use error::ErrorBody;
pub use types::*;
