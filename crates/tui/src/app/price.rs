//! The pricing form (`p` on Catalog, docs/design.md §3): product (spec), region, on demand or
//! yearly/monthly, how long, how many — answered by the BSS rating APIs with the
//! official price, the discounts and the final amount. The specs come from the backend
//! (the rating APIs need exact codes); the rating runs in the worker.

use super::keymap::{Action, Scope};
pub use super::model::price::*;
use super::msg::Command;
use super::state::{Overlay, State};
use crossterm::event::{KeyCode, KeyEvent};
use pc_api::partner_center::SpecsResp;
pub use pc_core::pricing::{Mode, Quote, Rating};

/// `p` on Catalog (the highlighted service, or the open service's detail).
pub fn open(state: &mut State) -> Vec<Command> {
    let service = match &state.detail {
        Some(super::state::Detail::Ready(d)) => match d.as_ref() {
            pc_core::query::DetailData::Service(s, _, _) => Some(s.clone()),
            _ => None,
        },
        _ => state.catalog.selected_row().cloned(),
    };
    let Some(service) = service else {
        return vec![];
    };
    if state.partner_center == Some(false) {
        state.toast(t!("price.web_only"), true);
        return vec![];
    }
    let request = state.request_id();
    state.overlay = Some(Overlay::Price(Box::new(PriceForm {
        loading: Some(request),
        ..PriceForm::new(
            service.service_type_code.clone(),
            service.service_type_name.clone(),
        )
    })));
    vec![Command::LoadSpecs {
        request,
        service_type_code: service.service_type_code,
    }]
}

pub fn on_specs(state: &mut State, request: u64, result: Result<SpecsResp, String>) {
    if let Some(Overlay::Price(form)) = &mut state.overlay
        && form.loading == Some(request)
    {
        form.loading = None;
        form.specs = Some(result);
        form.fit_mode();
        state.dirty = true;
    }
}

pub fn on_rated(state: &mut State, request: u64, result: Result<Quote, String>) {
    if let Some(Overlay::Price(form)) = &mut state.overlay
        && form.rating == Some(request)
    {
        form.rating = None;
        form.quote = Some(result);
        state.dirty = true;
    }
}

/// Keys while the form is open: ↑↓/Tab move, ←→ choose, digits type, Enter prices.
pub fn on_key(state: &mut State, mut form: Box<PriceForm>, key: KeyEvent) -> Vec<Command> {
    let rows = form.rows();
    let at = rows.iter().position(|r| *r == form.focus).unwrap_or(0);
    let mut cmds = vec![];
    match state.keymap.action_in(Scope::Form, &key) {
        Some(Action::Interrupt) => {
            state.overlay = Some(Overlay::Price(form));
            return super::state::quit(state);
        }
        Some(Action::Dismiss) => return vec![],
        Some(Action::NextField) => form.focus = rows[(at + 1) % rows.len()],
        Some(Action::PreviousField) => form.focus = rows[(at + rows.len() - 1) % rows.len()],
        Some(choice @ (Action::ChoiceBack | Action::ChoiceNext)) => {
            let forward = choice == Action::ChoiceNext;
            let (specs, regions) = match &form.specs {
                Some(Ok(s)) => (s.specs.len(), s.regions.len()),
                _ => (0, 0),
            };
            match form.focus {
                Row::Spec => {
                    form.spec = cycle(form.spec, specs, forward);
                    form.fit_mode();
                }
                Row::Region => form.region = cycle(form.region, regions, forward),
                Row::Mode => {
                    let modes = [Mode::OnDemand, Mode::Monthly, Mode::Yearly];
                    let sold: Vec<Mode> = match form.current() {
                        Some(spec) => modes.into_iter().filter(|m| m.sold(spec)).collect(),
                        None => modes.to_vec(),
                    };
                    let i = sold.iter().position(|m| *m == form.mode).unwrap_or(0);
                    if let Some(m) = sold.get(cycle(i, sold.len(), forward)) {
                        form.mode = *m;
                    }
                }
                _ => {}
            }
            form.quote = None;
        }
        Some(Action::Submit) => match form.request() {
            Ok(rating) => {
                let request = state.request_id();
                form.rating = Some(request);
                form.quote = None;
                cmds.push(Command::Rate { request, rating });
            }
            Err(e) => form.quote = Some(Err(e)),
        },
        _ if matches!(key.code, KeyCode::Backspace | KeyCode::Char(_)) => {
            // A filled-in value is selected: a digit replaces it, Backspace clears it.
            let focus = form.focus;
            let filled = form.filled.contains(&focus)
                && (key.code == KeyCode::Backspace
                    || matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()));
            if filled {
                form.filled.retain(|r| *r != focus);
            }
            let field = match form.focus {
                Row::Length => Some(&mut form.length),
                Row::Quantity => Some(&mut form.quantity),
                Row::Size => Some(&mut form.size),
                _ => None,
            };
            if let Some(text) = field {
                if filled {
                    text.clear();
                }
                match key.code {
                    KeyCode::Backspace if filled => {}
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    KeyCode::Char(c) if c.is_ascii_digit() && text.len() < 5 => text.push(c),
                    _ => {}
                }
                form.quote = None;
            }
        }
        _ => {}
    }
    state.overlay = Some(Overlay::Price(form));
    cmds
}
