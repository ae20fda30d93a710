//! The new-customer form (`n` on Customers, docs/design.md §3): account name, optional phone
//! and e-mail, xaccount id. Each of the first three is checked for availability as the
//! user types — debounced, by the worker (check_user_identity). With a phone, the
//! registration code goes to that phone (BSS send code, scene 29) and is entered here;
//! without one, the form says the customer will get no codes or expiry reminders. The
//! create itself goes through the exactly-once path like every other write.

use crossterm::event::{KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::keymap::{Action, Scope};
pub use super::model::customer::*;
use super::msg::Command;
use super::sms::{CodeStep, code_arrived, code_step, start_code};
use super::state::{Overlay, State};
use pc_api::CheckUserIdentityResp;
use pc_core::ops::{Operation, Secret};

/// `n` on Customers: the empty form (or why not).
pub fn open(state: &mut State) -> Vec<Command> {
    if state.session.read_only {
        state.toast(t!("create.read_only"), true);
        return vec![];
    }
    if state.session.platform_id.is_none() {
        state.toast(t!("create.no_platform_id"), true);
        return vec![];
    }
    // In a reseller's scope the customer is the reseller's.
    let form = CustomerForm {
        reseller: state.reseller.as_ref().map(|r| pc_core::ops::ForReseller {
            id: r.id.clone(),
            name: r.name.clone(),
        }),
        ..CustomerForm::for_site(state.session.site)
    };
    state.overlay = Some(Overlay::NewCustomer(Box::new(form)));
    vec![]
}

/// Keys while the form is open.
pub fn on_key(state: &mut State, mut form: Box<CustomerForm>, key: KeyEvent) -> Vec<Command> {
    let fields = form.fields();
    let at = fields.iter().position(|f| *f == form.focus).unwrap_or(0);
    let mut cmds = vec![];
    match state.keymap.action_in(Scope::Form, &key) {
        Some(Action::Interrupt) => {
            state.overlay = Some(Overlay::NewCustomer(form));
            return super::state::quit(state);
        }
        Some(Action::Dismiss) => {
            state.toast(t!("create.cancelled"), false);
            return vec![];
        }
        Some(Action::NextField) => form.focus = fields[(at + 1) % fields.len()],
        Some(Action::PreviousField) => form.focus = fields[(at + fields.len() - 1) % fields.len()],
        Some(Action::Submit) => cmds = submit(state, &mut form),
        // The association type is chosen, not typed.
        _ if form.focus == Field::Type => {
            if matches!(
                key.code,
                KeyCode::Left | KeyCode::Right | KeyCode::Char(' ')
            ) {
                form.referral = !form.referral;
            }
        }
        _ => {
            let field = form.focus;
            let allowed = match (key.code, field) {
                (KeyCode::Char(c), Field::Phone | Field::Code) => c.is_ascii_digit(),
                (KeyCode::Char(c), _) => !c.is_control() && !c.is_whitespace(),
                _ => true,
            };
            let too_long = matches!(key.code, KeyCode::Char(_))
                && field == Field::Code
                && form.value(Field::Code).len() >= 6;
            if allowed && !too_long {
                let before = form.value(field).to_string();
                form.inputs[index(field)].handle_event(&crossterm::event::Event::Key(key));
                if form.value(field) != before {
                    form.error = None;
                    form.edited(field, state.now);
                }
            }
        }
    }
    state.overlay = Some(Overlay::NewCustomer(form));
    cmds
}

/// Pasted text goes into the focused field.
pub fn on_paste(state: &mut State, text: &str) {
    let now = state.now;
    if let Some(Overlay::NewCustomer(form)) = &mut state.overlay {
        let field = form.focus;
        if field == Field::Type {
            return;
        }
        let keep = |c: &char| match field {
            Field::Phone | Field::Code => c.is_ascii_digit(),
            _ => !c.is_control() && !c.is_whitespace(),
        };
        let mut value = form.value(field).to_string();
        value.extend(text.chars().filter(keep));
        if field == Field::Code {
            value.truncate(6);
        }
        form.inputs[index(field)] = Input::new(value);
        form.edited(field, now);
        state.dirty = true;
    }
}

/// Enter: refuse what is wrong, send the registration code when a phone needs one,
/// otherwise create.
fn submit(state: &mut State, form: &mut CustomerForm) -> Vec<Command> {
    let name = form.value(Field::Name).trim().to_string();
    let phone = form.value(Field::Phone).trim().to_string();
    let email = form.value(Field::Email).trim().to_string();
    let recipient = form.code_recipient();
    let country = form.country();
    let problem = [Field::Name, Field::Phone, Field::Email]
        .into_iter()
        .find_map(|f| match form.check(f) {
            Some(Check::Invalid(why)) => Some(format!("{}: {why}", f.label())),
            Some(Check::Taken) => Some(t!("create.field_taken", field = f.label())),
            _ => None,
        });
    let problem =
        problem.or_else(|| (name.is_empty()).then(|| t!("create.name_required").to_string()));
    let problem = problem.or_else(|| {
        (form.xaccount().chars().count() > 128).then(|| t!("create.xaccount_too_long").to_string())
    });
    let problem = problem
        .or_else(|| (form.intl && country.is_none()).then(|| t!("create.bad_country").to_string()));
    if let Some(p) = problem {
        form.error = Some(p);
        return vec![];
    }
    // Availability first (docs/design.md §3): wait for checks still to come.
    let pending = [Field::Name, Field::Phone, Field::Email]
        .into_iter()
        .any(|f| matches!(form.check(f), Some(Check::Due(_) | Check::Checking(_))));
    if pending {
        form.error = Some(t!("create.still_checking").into());
        return vec![];
    }
    if !recipient.is_empty() && (form.intl || !phone.is_empty()) {
        let typed = form.value(Field::Code).to_string();
        match code_step(&form.code, &recipient, &typed, state.now) {
            CodeStep::Ready => {}
            CodeStep::Send => return send_code(state, form, recipient),
            CodeStep::Wait { why, to_code } => {
                if to_code {
                    form.focus = Field::Code;
                }
                form.error = Some(why);
                return vec![];
            }
        }
    }
    let op = Operation::CreateCustomer {
        account_name: name,
        phone: (!phone.is_empty() && !form.intl).then_some(phone),
        email: (!email.is_empty()).then_some(email),
        xaccount_id: form.xaccount(),
        xaccount_type: state.session.platform_id.clone().unwrap_or_default(),
        code: Secret(form.value(Field::Code).to_string()),
        domain_area: if form.intl { country } else { None },
        referral: form.referral && !form.intl,
        reseller: form.reseller.clone(),
    };
    super::modal::submit(state, op, None, None)
}

fn send_code(state: &mut State, form: &mut CustomerForm, phone: String) -> Vec<Command> {
    let code = &mut form.inputs[index(Field::Code)];
    start_code(state, &mut form.code, code, &mut form.error, phone, None)
}

/// Ticks: the checks whose pause is over go to the worker.
pub fn on_tick(state: &mut State) -> Vec<Command> {
    let now = state.now;
    let mut due = vec![];
    if let Some(Overlay::NewCustomer(form)) = &state.overlay {
        for f in [Field::Name, Field::Phone, Field::Email] {
            if matches!(form.check(f), Some(Check::Due(t)) if *t <= now) {
                due.push(f);
            }
        }
    }
    let mut cmds = vec![];
    for field in due {
        let request = state.request_id();
        if let Some(Overlay::NewCustomer(form)) = &mut state.overlay {
            let value = form.value(field).trim().to_string();
            if let (Some(check), Some(kind)) = (form.check_mut(field), field.search_type()) {
                *check = Check::Checking(request);
                let value = if field == Field::Phone {
                    format!("0086-{value}")
                } else {
                    value
                };
                cmds.push(Command::CheckIdentity {
                    request,
                    kind: kind.to_string(),
                    value,
                });
            }
        }
        state.dirty = true;
    }
    cmds
}

/// A field's check answered (stale answers are dropped).
pub fn on_checked(state: &mut State, request: u64, result: Result<CheckUserIdentityResp, String>) {
    if let Some(Overlay::NewCustomer(form)) = &mut state.overlay {
        for (i, check) in form.checks.iter_mut().enumerate() {
            if *check == Check::Checking(request) {
                // A phone may hold several accounts: it is only taken when none is left.
                let phone_has_room = |r: &CheckUserIdentityResp| {
                    i == 1 && r.mobile_remain_available_num.is_some_and(|n| n > 0)
                };
                *check = match &result {
                    Ok(r) if r.check_result.as_deref() == Some("available") => Check::Available,
                    Ok(r) if phone_has_room(r) => Check::Available,
                    Ok(r) if r.check_result.as_deref() == Some("used_by_user") => Check::Taken,
                    Ok(r) => Check::Failed(
                        r.error_msg
                            .clone()
                            .unwrap_or_else(|| t!("create.no_answer").into()),
                    ),
                    Err(e) => Check::Failed(e.clone()),
                };
                state.dirty = true;
            }
        }
    }
}

/// The registration code was sent (or not).
pub fn on_code_sent(state: &mut State, request: u64, result: &Result<(), String>) {
    let now = state.now;
    if let Some(Overlay::NewCustomer(form)) = &mut state.overlay {
        let before = form.code.clone();
        if code_arrived(&mut form.code, &mut form.error, request, result, now) {
            form.focus = Field::Code;
        }
        state.dirty |= form.code != before;
    }
}

/// The create's outcome: the form closes on success; on failure it stays, for a fix.
pub fn on_created(state: &mut State, ok: bool) {
    if ok {
        if matches!(state.overlay, Some(Overlay::NewCustomer(_))) {
            state.overlay = None;
        }
    } else if let Some(Overlay::NewCustomer(form)) = &mut state.overlay {
        form.inputs[index(Field::Code)] = Input::default();
    }
}
