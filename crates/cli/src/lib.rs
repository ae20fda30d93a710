//! The command line without a screen: script commands for every pane, `doctor`, and
//! clap's help and errors in the user's language.

#[macro_use]
extern crate pc_core;

pub mod cli_help;
pub mod doctor;
pub mod script;
