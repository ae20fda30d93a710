//! The state of each modal and form, as data with its pure rules: nothing here takes
//! the console's `State` or makes a `Command`, so `State` can hold them all.

pub mod code;
pub mod customer;
pub mod modal;
pub mod price;
pub mod realname;
pub mod sort;
