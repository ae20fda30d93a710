//! The SMS code inside a form (a new customer's registration code, a bank card's
//! real-name code): where it stands, when Enter may go on, sending it and its arrival.
//! One sub-flow for both forms; the operation's own code is the modal's.

use tui_input::Input;

pub use super::model::code::*;
use super::msg::Command;
use super::state::State;

/// Both customer forms: sends an SMS code to `phone` (bound to `customer_id` when
/// there is one); the code field empties and waits for it.
pub fn start_code(
    state: &mut State,
    code: &mut CodeState,
    input: &mut Input,
    error: &mut Option<String>,
    phone: String,
    customer_id: Option<String>,
) -> Vec<Command> {
    let request = state.request_id();
    *code = CodeState::Sending {
        request,
        phone: phone.clone(),
    };
    *input = Input::default();
    *error = None;
    vec![Command::SendCustomerCode {
        request,
        phone,
        customer_id,
    }]
}
