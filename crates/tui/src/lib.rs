//! The terminal console: the message protocol, the state and its pure `update`, the
//! modals and forms, the views, the worker that carries out commands, and the event loop.

#[macro_use]
extern crate pc_core;

pub mod app;
pub mod console;
pub mod runtime;
pub mod shift;
pub mod ui;
pub mod worker;
