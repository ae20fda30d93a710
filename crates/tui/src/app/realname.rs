//! Real-name authentication of a customer (`v` on Customers or a customer's detail,
//! docs/bss-api.md §10): an individual by identity document or by personal bank card, or an
//! enterprise by organisation document. Every number is checked by its real format
//! before anything is sent. For a bank card the code goes to the phone reserved at the
//! bank (BSS send code, scene 18) and is typed here. Documents go to manual review: the
//! console then asks for the decision on every refresh and tells it when it comes.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::keymap::{Action, Scope};
pub use super::model::realname::*;
use super::msg::Command;
use super::sms::{CodeStep, code_arrived, code_step, start_code};
use super::state::{Detail, Overlay, State};
use pc_api::RealnameReviewResp;
use pc_api::rules::{STATUS_REJECTED, STATUS_REVIEW, STATUS_VERIFIED};
use pc_core::ops::{Identity, Operation};
use pc_core::query::{DetailData, Pane};

/// `v` on Customers or a customer's detail: the form (or why not).
pub fn open(state: &mut State) -> Vec<Command> {
    if state.pane != Pane::Customers {
        state.toast(t!("realname.where"), false);
        return vec![];
    }
    let Some(c) = super::state::customer_in_focus(state) else {
        return vec![];
    };
    if state.session.read_only {
        state.toast(t!("realname.read_only"), true);
        return vec![];
    }
    let status = c.verified_status.as_deref().unwrap_or("-1");
    let refusal = match status {
        STATUS_VERIFIED => Some(t!("realname.already_verified", account = c.account_name)),
        STATUS_REVIEW => Some(t!(
            "realname.already_under_review",
            account = c.account_name
        )),
        _ => None,
    };
    if let Some(why) = refusal {
        state.toast(why, false);
        return vec![];
    }
    if state.session.platform_id.is_none() {
        state.toast(t!("realname.no_platform_id"), true);
        return vec![];
    }
    let name = c.customer.clone().unwrap_or_else(|| c.account_name.clone());
    let mut form = RealnameForm::new(
        c.customer_id.clone(),
        c.account_name.clone(),
        state.now.date_naive(),
    );
    form.company = c
        .customer
        .clone()
        .filter(|n| crate::app::model::realname::looks_like_company(n));
    // A rejected submission is usually made again with the same name.
    if status == STATUS_REJECTED {
        form.inputs[index(Field::Name)] = Input::new(name);
        form.filled = Some(Field::Name);
    }
    state.overlay = Some(Overlay::Realname(Box::new(form)));
    vec![]
}

/// Keys while the form is open.
pub fn on_key(state: &mut State, mut form: Box<RealnameForm>, key: KeyEvent) -> Vec<Command> {
    let fields = form.fields();
    let at = fields.iter().position(|f| *f == form.focus).unwrap_or(0);
    let selector = matches!(form.focus, Field::Method | Field::Kind);
    let mut cmds = vec![];
    match state.keymap.action_in(Scope::Form, &key) {
        Some(Action::Interrupt) => {
            state.overlay = Some(Overlay::Realname(form));
            return super::state::quit(state);
        }
        Some(Action::Dismiss) => {
            state.toast(t!("realname.cancelled"), false);
            return vec![];
        }
        Some(Action::NextField) => form.focus = fields[(at + 1) % fields.len()],
        Some(Action::PreviousField) => form.focus = fields[(at + fields.len() - 1) % fields.len()],
        Some(Action::ChoiceBack) if selector => form.cycle(false),
        Some(Action::ChoiceNext) if selector => form.cycle(true),
        Some(Action::Submit) => cmds = submit(state, &mut form),
        _ if selector => {}
        _ => {
            let field = form.focus;
            let allowed = match key.code {
                KeyCode::Char(c) if digits_only(field) => c.is_ascii_digit(),
                KeyCode::Char(c) => !c.is_control(),
                _ => true,
            };
            let too_long = matches!(key.code, KeyCode::Char(_))
                && field == Field::Code
                && form.value(Field::Code).len() >= 6;
            // A filled-in value is selected: what is typed replaces it, Backspace or
            // Delete clears it, a movement keeps it.
            let was_filled = form.filled == Some(field);
            if was_filled {
                form.filled = None;
            }
            let replace = was_filled
                && matches!(
                    key.code,
                    KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete
                );
            if replace {
                form.inputs[index(field)] = Input::default();
            }
            let cleared = replace && !matches!(key.code, KeyCode::Char(_));
            if allowed && !too_long && !cleared {
                form.inputs[index(field)].handle_event(&crossterm::event::Event::Key(key));
                form.error = None;
            }
        }
    }
    state.overlay = Some(Overlay::Realname(form));
    cmds
}

/// Pasted text goes into the focused field.
pub fn on_paste(state: &mut State, text: &str) {
    if let Some(Overlay::Realname(form)) = &mut state.overlay {
        let field = form.focus;
        if matches!(field, Field::Method | Field::Kind) {
            return;
        }
        let mut value = form.value(field).to_string();
        value.extend(
            text.chars()
                .filter(|c| !c.is_control())
                .filter(|c| !digits_only(field) || c.is_ascii_digit()),
        );
        if field == Field::Code {
            value.truncate(6);
        }
        form.inputs[index(field)] = Input::new(value);
        form.error = None;
        state.dirty = true;
    }
}

/// Enter: refuse what is malformed; for a bank card, send the code to the phone at the
/// bank first; then submit.
fn submit(state: &mut State, form: &mut RealnameForm) -> Vec<Command> {
    let problem = form
        .fields()
        .into_iter()
        .filter(|f| *f != Field::Code)
        .find_map(|f| form.problem(f).map(|p| (f, p)));
    if let Some((field, why)) = problem {
        form.focus = field;
        form.error = Some(format!("{}: {why}", form.label(field)));
        return vec![];
    }
    // A company's account checked as a person's: said once before anything is sent.
    if let Some(company) = form.person_for_company()
        && !form.warned
    {
        form.error = Some(t!("realname.company_as_person", name = company));
        form.warned = true;
        return vec![];
    }
    if form.method == Method::BankCard {
        let phone = form.trimmed(Field::BankPhone);
        let typed = form.trimmed(Field::Code);
        match code_step(&form.code, &phone, &typed, state.now) {
            CodeStep::Ready => {}
            CodeStep::Send => return send_code(state, form, phone),
            CodeStep::Wait { why, to_code } => {
                if to_code {
                    form.focus = Field::Code;
                }
                form.error = Some(why);
                return vec![];
            }
        }
    }
    // The summary first: a submission cannot be taken back. The form stays beneath it.
    let op = form.operation(state.session.platform_id.clone().unwrap_or_default());
    super::modal::confirm(state, op, None);
    vec![]
}

fn send_code(state: &mut State, form: &mut RealnameForm, phone: String) -> Vec<Command> {
    let customer = Some(form.customer_id.clone());
    let code = &mut form.inputs[index(Field::Code)];
    start_code(
        state,
        &mut form.code,
        code,
        &mut form.error,
        phone,
        customer,
    )
}

/// The bank-card code was sent (or not).
pub fn on_code_sent(state: &mut State, request: u64, result: &Result<(), String>) {
    let now = state.now;
    if let Some(Overlay::Realname(form)) = &mut state.overlay {
        let before = form.code.clone();
        if code_arrived(&mut form.code, &mut form.error, request, result, now) {
            form.focus = Field::Code;
        }
        state.dirty |= form.code != before;
    }
}

/// The submission's outcome: on success the form closes and the console follows the
/// decision; on failure the form stays for a fix, without the spent code.
pub fn on_submitted(state: &mut State, op: &Operation, ok: bool) -> Vec<Command> {
    let Operation::RealnameAuth {
        customer_id,
        customer_name,
        identity,
        ..
    } = op
    else {
        return vec![];
    };
    if !ok {
        if let Some(Overlay::Realname(form)) = &mut state.overlay {
            form.inputs[index(Field::Code)] = Input::default();
        }
        return vec![];
    }
    if matches!(state.overlay, Some(Overlay::Realname(_))) {
        state.overlay = None;
    }
    // A bank card is decided at once (the result said so): the row is read, not
    // announced again. Documents are followed until the decision.
    state.reviews.insert(
        customer_id.clone(),
        Review {
            account: customer_name.clone(),
            result: None,
            opinion: None,
            watching: !matches!(identity, Identity::BankCard { .. }),
        },
    );
    vec![Command::LoadReview {
        customer_id: customer_id.clone(),
    }]
}

/// Customers whose decision is being waited for.
pub fn watched(state: &State) -> Vec<Command> {
    state
        .reviews
        .iter()
        .filter(|(_, r)| r.watching)
        .map(|(id, _)| Command::LoadReview {
            customer_id: id.clone(),
        })
        .collect()
}

/// A review result arrived: the row follows, and a decision on a watched submission is
/// told.
pub fn on_review(state: &mut State, customer_id: &str, result: Result<RealnameReviewResp, String>) {
    let r = match result {
        Ok(r) => r,
        Err(e) => {
            tracing::warn!(error = %e, customer_id, "cannot read a real-name review");
            return;
        }
    };
    let status = match r.review_result {
        Some(0) => STATUS_REVIEW,
        Some(1) => STATUS_REJECTED,
        Some(2) => STATUS_VERIFIED,
        _ => return,
    };
    let row = state
        .customers
        .rows
        .iter_mut()
        .find(|c| c.customer_id == customer_id);
    let account = row
        .as_ref()
        .map(|c| c.account_name.clone())
        .unwrap_or_else(|| customer_id.to_string());
    if let Some(c) = row {
        c.verified_status = Some(status.to_string());
    }
    if let Some(Detail::Ready(d)) = &mut state.detail
        && let DetailData::Customer(c, ..) = d.as_mut()
        && c.customer_id == customer_id
    {
        c.verified_status = Some(status.to_string());
    }
    let entry = state
        .reviews
        .entry(customer_id.to_string())
        .or_insert_with(|| Review {
            account,
            result: None,
            opinion: None,
            watching: false,
        });
    entry.result = r.review_result;
    entry.opinion = r.opinion.clone();
    if entry.watching && status != STATUS_REVIEW {
        entry.watching = false;
        let text = match (status, &r.opinion) {
            (STATUS_VERIFIED, _) => t!("realname.toast_verified", account = entry.account),
            (_, Some(o)) => t!(
                "realname.toast_rejected_because",
                account = entry.account,
                opinion = o
            ),
            _ => t!("realname.toast_rejected", account = entry.account),
        };
        let rejected = status == STATUS_REJECTED;
        state.toast(text, rejected);
    }
    state.dirty = true;
}

/// The reviewer's opinion of a customer, when the console has read it.
pub fn opinion<'a>(state: &'a State, customer_id: &str) -> Option<&'a str> {
    state
        .reviews
        .get(customer_id)
        .and_then(|r| r.opinion.as_deref())
}

/// On a rejected customer's row, the reviewer's opinion is read once, to show it.
pub fn opinion_of_selected(state: &mut State) -> Vec<Command> {
    let Some(c) = state.customers.selected_row() else {
        return vec![];
    };
    // Read unless known as rejected already (or on its way): a review read while it
    // was pending has no opinion yet.
    let known = state
        .reviews
        .get(&c.customer_id)
        .is_some_and(|r| matches!(r.result, None | Some(1)));
    if c.verified_status.as_deref() != Some(STATUS_REJECTED) || known {
        return vec![];
    }
    let customer_id = c.customer_id.clone();
    state.reviews.insert(
        customer_id.clone(),
        Review {
            account: c.account_name.clone(),
            result: None,
            opinion: None,
            watching: false,
        },
    );
    vec![Command::LoadReview { customer_id }]
}
