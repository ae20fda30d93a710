//! Key routing: the open modal first, then an overlay or form, then the focused pane
//! and the global keys — every key through the keymap's actions.

use crossterm::event::KeyEvent;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use pc_api::partner_center::{AGREEMENT_VALID, Agreement};
use pc_core::ops::Operation;
use pc_core::query::{DetailData, DetailQuery, Pane};

use super::keymap::{Action, Scope};
use super::msg::Command;
use super::state::*;
use super::{command, create, modal, price, realname, sensitive};

pub(crate) fn on_key(state: &mut State, key: KeyEvent) -> Vec<Command> {
    if key.kind == crossterm::event::KeyEventKind::Release {
        return vec![];
    }
    // Layers: the modal first, then the open overlay, then the detail view, then the
    // pane and globals.
    if state.modal.is_some() {
        // The inbox opened over the modal: any key closes it, back to the modal.
        if matches!(state.overlay, Some(Overlay::Inbox)) {
            state.overlay = None;
            state.dirty = true;
            return vec![];
        }
        return modal::on_key(state, key);
    }
    if state.overlay.is_some() {
        return on_overlay_key(state, key);
    }
    let Some(action) = state.keymap.action(&key) else {
        return vec![];
    };
    on_action(state, action)
}

/// What an action does on the pane (or the detail view over it), with no modal or
/// overlay open: from a key, or from the mouse wheel.
pub(crate) fn on_action(state: &mut State, action: Action) -> Vec<Command> {
    state.dirty = true;
    // A reseller's customers and orders are looked at, never acted on, from here.
    if let Some(r) = &state.reseller
        && SCOPED.contains(&state.pane)
        && matches!(
            action,
            Action::Select
                | Action::Pay
                | Action::Reject
                | Action::AdjustPrice
                | Action::Allocate
                | Action::Recall
                | Action::SwitchType
                | Action::RealName
                | Action::Invite
        )
    {
        let text = t!("reseller.read_only", name = r.name);
        state.toast(text, true);
        return vec![];
    }
    if state.detail.is_some() {
        // Under a detail view the movement keys scroll its table.
        let step = match action {
            Action::Up => Some(-1),
            Action::Down => Some(1),
            Action::PageUp => Some(-page_rows(state)),
            Action::PageDown => Some(page_rows(state)),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(step) = step {
            let rows = match &state.detail {
                Some(Detail::Ready(d)) => d.table_len(),
                _ => 0,
            };
            state.detail_scroll = state
                .detail_scroll
                .saturating_add_signed(step)
                .min(rows.saturating_sub(1));
            return vec![];
        }
        match action {
            Action::Back | Action::Open => {
                state.detail = None;
                return vec![];
            }
            Action::Quit | Action::Help | Action::CommandLine => {}
            Action::Pay if state.pane == Pane::Catalog => return price::open(state),
            Action::Pay
            | Action::Reject
            | Action::AdjustPrice
            | Action::Allocate
            | Action::Recall => {
                return sensitive::on_action(state, action);
            }
            Action::SwitchType => return sensitive::switch_association(state),
            Action::RealName => return realname::open(state),
            Action::Copy => return copy(state),
            Action::PreviousMonth => return shift_month(state, -1),
            Action::NextMonth => return shift_month(state, 1),
            Action::Export => {
                // A contract's detail: its bill. Other details: the list is exported.
                if let Some(Detail::Ready(d)) = &state.detail
                    && let DetailData::Contract(c) = d.as_ref()
                {
                    let contract_id = c.contract.contract_id.clone();
                    let request = state.request_id();
                    state.toast(
                        t!("toast.downloading_bill", contract_id = contract_id),
                        false,
                    );
                    return vec![Command::DownloadBill {
                        request,
                        contract_id,
                    }];
                }
                state.toast(t!("toast.export_from_detail"), false);
                return vec![];
            }
            _ if pane_of(action).is_some() => state.detail = None,
            _ => return vec![],
        }
    }
    match action {
        Action::Up => move_cursor(state, -1),
        Action::Down => move_cursor(state, 1),
        Action::PageUp => move_cursor(state, -page_rows(state)),
        Action::PageDown => move_cursor(state, page_rows(state)),
        Action::Top => {
            let pane = state.pane;
            if let Some(t) = state.cursor(pane) {
                t.top();
            }
            if pane == Pane::Customers {
                return realname::opinion_of_selected(state);
            }
            vec![]
        }
        Action::Bottom => {
            let pane = state.pane;
            if let Some(t) = state.cursor(pane) {
                t.bottom();
            }
            let mut cmds = more_if_needed(state);
            if pane == Pane::Customers {
                cmds.extend(realname::opinion_of_selected(state));
            }
            cmds
        }
        Action::Open => open_detail(state),
        Action::Back => {
            if let Some(e) = state.export.take() {
                state.toast(t!("toast.export_cancelled"), false);
                return vec![Command::CancelExport { request: e.request }];
            }
            if state.pane == Pane::Orders && !state.selection.is_empty() {
                state.clear_selection();
                return vec![];
            }
            state.toasts.clear();
            vec![]
        }
        Action::Export => export(state),
        Action::Ledger if state.pane == Pane::Funds && !state.unavailable(Pane::Funds) => {
            // The views read differently: each starts unfiltered.
            state.funds_view = state.funds_view.next();
            state.sorts.remove(&Pane::Funds);
            state.set_filter(Pane::Funds, String::new())
        }
        Action::ViewAs => match state.resellers.selected_row() {
            Some(r) if state.pane == Pane::Resellers => {
                let scope = ResellerScope {
                    id: r.indirect_partner_id.clone(),
                    name: r
                        .name
                        .clone()
                        .or_else(|| r.account_name.clone())
                        .unwrap_or_else(|| r.indirect_partner_id.clone()),
                };
                state.set_reseller(Some(scope))
            }
            _ => vec![],
        },
        Action::PreviousMonth => shift_month(state, -1),
        Action::NextMonth => shift_month(state, 1),
        Action::Copy => copy(state),
        Action::Sort => super::sort::next(state),
        Action::SortReverse => super::sort::reverse(state),
        Action::NewCustomer => {
            if state.pane != Pane::Customers {
                state.toast(t!("toast.new_customer_elsewhere"), false);
                return vec![];
            }
            create::open(state)
        }
        Action::SwitchType => sensitive::switch_association(state),
        Action::RealName => realname::open(state),
        Action::Invite => {
            if state.pane != Pane::Customers {
                state.toast(t!("toast.invite_elsewhere"), false);
                return vec![];
            }
            sensitive::open_funds_overlay(state, Overlay::Invite)
        }
        Action::Filter => {
            let text = state.filter_text(state.pane).to_string();
            state.overlay = Some(Overlay::Filter(Input::new(text)));
            vec![]
        }
        Action::CommandLine => {
            state.overlay = Some(Overlay::Command(Input::default()));
            vec![]
        }
        Action::Help => {
            state.overlay = Some(Overlay::Help);
            vec![]
        }
        Action::Refresh => {
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            if state.partner_center == Some(true) {
                cmds.push(Command::LoadVerification);
            }
            cmds
        }
        Action::Quit => quit(state),
        Action::Pay if state.pane == Pane::Catalog => price::open(state),
        // `-` on an issued coupon recalls it (behind a code, as `:coupon recall`).
        Action::Recall if state.pane == Pane::Funds && state.funds_view == FundsView::Coupons => {
            match state.coupons.selected_row() {
                Some(c) => {
                    let id = c.coupon_id.clone();
                    sensitive::recall_coupon(state, &id)
                }
                None => vec![],
            }
        }
        Action::Select
        | Action::Pay
        | Action::Reject
        | Action::AdjustPrice
        | Action::Allocate
        | Action::Recall => sensitive::on_action(state, action),
        other => match pane_of(other) {
            Some(pane) => switch_pane(state, pane),
            None => vec![],
        },
    }
}

/// `[` and `]`: the Spending list, or the spending detail, a month earlier or later.
fn shift_month(state: &mut State, delta: i32) -> Vec<Command> {
    if state.pane != Pane::Spending {
        return vec![];
    }
    if let Some((DetailQuery::Spending(id, name, cycle, reseller), _)) = state.detail_query.clone()
        && state.detail.is_some()
    {
        let Some(month) = pc_core::spending::shift_month(&cycle, delta) else {
            return vec![];
        };
        let title = t!("spending.title", name = name, month = month);
        return load_detail(
            state,
            DetailQuery::Spending(id, name, month, reseller),
            title,
        );
    }
    let month = match state.list_query(Pane::Spending, state.filter_text(Pane::Spending)) {
        Ok(Some(q)) => q
            .bill_cycle()
            .map(str::to_string)
            .unwrap_or_else(|| pc_core::spending::this_month(state.now)),
        _ => pc_core::spending::this_month(state.now),
    };
    let Some(month) = pc_core::spending::shift_month(&month, delta) else {
        return vec![];
    };
    state.set_filter(Pane::Spending, format!("month:{month}"))
}

pub(crate) fn pane_of(action: Action) -> Option<Pane> {
    Some(match action {
        Action::Customers => Pane::Customers,
        Action::Orders => Pane::Orders,
        Action::Contracts => Pane::Contracts,
        Action::Resellers => Pane::Resellers,
        Action::Funds => Pane::Funds,
        Action::Catalog => Pane::Catalog,
        Action::History => Pane::History,
        Action::Renewals => Pane::Renewals,
        Action::Spending => Pane::Spending,
        _ => return None,
    })
}

/// `e`: every row matching the pane's filter, to CSV, by the worker.
pub(crate) fn export(state: &mut State) -> Vec<Command> {
    if let Some(e) = &state.export {
        let pane = e.pane.label();
        state.toast(t!("toast.export_under_way", pane = pane), true);
        return vec![];
    }
    let pane = state.pane;
    if state.unavailable(pane) {
        return vec![];
    }
    let query = match state.list_query(pane, state.filter_text(pane)) {
        Ok(Some(q)) => q,
        Ok(None) => return vec![],
        Err(e) => {
            state.toast(e, true);
            return vec![];
        }
    };
    let request = state.request_id();
    state.export = Some(Export {
        request,
        pane,
        rows: 0,
        total: None,
    });
    vec![Command::Export {
        request,
        query,
        pane,
    }]
}

/// `y`: the id of what is on screen — the open detail's, else the highlighted row's —
/// to the terminal's clipboard.
pub(crate) fn copy(state: &mut State) -> Vec<Command> {
    use super::table::Keyed;
    let id = match (&state.detail, state.pane) {
        (Some(Detail::Ready(d)), _) => Some(match d.as_ref() {
            DetailData::Order(o, _) => o.order_info.order_id.clone(),
            DetailData::Customer(c, ..) => c.customer_id.clone(),
            DetailData::Contract(c) => c.contract.contract_id.clone(),
            DetailData::Reseller(r, ..) => r.indirect_partner_id.clone(),
            DetailData::Service(s, _, _) => s.service_type_code.clone(),
            DetailData::Spending(s) => s.customer_id.clone(),
            DetailData::Coupon(c, _) => c.coupon_id.clone(),
        }),
        (Some(_), _) => None,
        (None, Pane::Orders) => state.orders.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Customers) => state.customers.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Contracts) => state.contracts.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Resellers) => state.resellers.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Funds) if state.funds_view == FundsView::Account => {
            state.ledger.selected_row().map(|r| r.key().to_string())
        }
        (None, Pane::Funds) if state.funds_view == FundsView::Coupons => {
            state.coupons.selected_row().map(|r| r.key().to_string())
        }
        (None, Pane::Funds) => state.records.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Catalog) => state.catalog.selected_row().map(|r| r.key().to_string()),
        (None, Pane::History) => state.history.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Spending) => state.spending.selected_row().map(|r| r.key().to_string()),
        (None, Pane::Renewals) => state
            .renewals
            .selected_row()
            .map(|r| r.resource.resource_id.clone()),
    };
    match id.filter(|i| !i.is_empty()) {
        Some(id) => copied(state, id),
        None => {
            state.toast(t!("toast.nothing_to_copy"), false);
            vec![]
        }
    }
}

pub(crate) fn move_cursor(state: &mut State, delta: isize) -> Vec<Command> {
    let pane = state.pane;
    if let Some(t) = state.cursor(pane) {
        t.move_by(delta);
    }
    let mut cmds = more_if_needed(state);
    if pane == Pane::Customers {
        cmds.extend(realname::opinion_of_selected(state));
    }
    cmds
}

pub(crate) fn open_detail(state: &mut State) -> Vec<Command> {
    let (query, title) = match state.pane {
        Pane::Orders => match state.orders.selected_row() {
            Some(o) => (
                DetailQuery::Order(o.order_id.clone()),
                t!("detail.loading_order", id = o.order_id),
            ),
            None => return vec![],
        },
        Pane::Customers => match state.customers.selected_row() {
            Some(c) => (
                DetailQuery::Customer(c.clone()),
                t!("detail.loading_customer", account = c.account_name),
            ),
            None => return vec![],
        },
        Pane::Contracts => match state.contracts.selected_row() {
            Some(c) => (
                DetailQuery::Contract(c.contract_id.clone()),
                t!("detail.loading_contract", id = c.contract_id),
            ),
            None => return vec![],
        },
        Pane::Resellers => match state.resellers.selected_row() {
            Some(r) => {
                let name = r
                    .name
                    .clone()
                    .unwrap_or_else(|| r.indirect_partner_id.clone());
                (
                    DetailQuery::Reseller(r.clone()),
                    t!("detail.loading_reseller", name = name),
                )
            }
            None => return vec![],
        },
        Pane::Catalog => match state.catalog.selected_row() {
            Some(s) => (
                DetailQuery::Service(s.clone()),
                t!("detail.loading_service", name = s.service_type_name),
            ),
            None => return vec![],
        },
        Pane::Spending => match state.spending.selected_row() {
            Some(r) => {
                let name = state.names.or_short(&r.customer_id);
                (
                    DetailQuery::Spending(
                        r.customer_id.clone(),
                        name.clone(),
                        r.bill_cycle.clone(),
                        state.reseller.as_ref().map(|s| s.id.clone()),
                    ),
                    t!("spending.title", name = name, month = r.bill_cycle),
                )
            }
            None => return vec![],
        },
        Pane::Funds if state.funds_view == FundsView::Coupons => {
            match state.coupons.selected_row() {
                Some(c) => (
                    DetailQuery::Coupon(c.clone(), state.reseller.as_ref().map(|r| r.id.clone())),
                    t!("detail.coupon_loading", id = c.coupon_id),
                ),
                None => return vec![],
            }
        }
        Pane::Funds | Pane::History | Pane::Renewals => return vec![],
    };
    state.detail_scroll = 0;
    load_detail(state, query, title)
}

pub(crate) fn on_overlay_key(state: &mut State, key: KeyEvent) -> Vec<Command> {
    state.dirty = true;
    let ctrl_c = state.keymap.action_in(Scope::Form, &key) == Some(Action::Interrupt);
    match state.overlay.take() {
        Some(Overlay::Recharge) => match state.keymap.action_in(Scope::Recharge, &key) {
            Some(Action::SendAccount) => {
                state.overlay = Some(Overlay::Recharge);
                if state.session.read_only {
                    state.toast(t!("toast.read_only_sms"), true);
                    return vec![];
                }
                vec![Command::SendRechargeAccount]
            }
            Some(Action::SaveProof) => {
                state.overlay = Some(Overlay::Recharge);
                vec![Command::DownloadProof]
            }
            _ if ctrl_c => quit(state),
            _ => vec![],
        },
        Some(Overlay::Profile) => {
            let account_name = match &state.profile {
                Some(Ok(p)) => p.account_name.clone(),
                _ => String::new(),
            };
            let field = match state.keymap.action_in(Scope::Profile, &key) {
                Some(Action::ToggleCodes) => return sensitive::toggle_verification(state),
                Some(Action::ChangePhone) => Some(modal::ProfileField::Phone),
                Some(Action::ChangeEmail) => Some(modal::ProfileField::Email),
                Some(Action::ChangePassword) => Some(modal::ProfileField::Password),
                _ if ctrl_c => return quit(state),
                _ => None,
            };
            if let Some(field) = field {
                if state.session.read_only {
                    state.toast(t!("toast.read_only_profile"), true);
                } else {
                    modal::enter(
                        state,
                        modal::Draft::Profile {
                            field,
                            account_name,
                        },
                    );
                }
            }
            vec![]
        }
        Some(Overlay::Agreements(mut at)) => {
            let rows: Vec<Agreement> = match &state.agreements {
                Some(Ok(rows)) => rows.clone(),
                _ => vec![],
            };
            let moved = match state.keymap.action(&key) {
                Some(Action::Down) => Some(true),
                Some(Action::Up) => Some(false),
                _ => None,
            };
            match (moved, state.keymap.action_in(Scope::Agreements, &key)) {
                (Some(true), _) => {
                    at = (at + 1).min(rows.len().saturating_sub(1));
                    state.overlay = Some(Overlay::Agreements(at));
                    vec![]
                }
                (Some(false), _) => {
                    state.overlay = Some(Overlay::Agreements(at.saturating_sub(1)));
                    vec![]
                }
                (_, Some(Action::VoidAgreement)) => {
                    match rows.get(at) {
                        Some(a) if a.status == AGREEMENT_VALID => sensitive::agreement(
                            state,
                            Operation::VoidAgreement {
                                agreement_id: a.agreement_id.clone(),
                                name: a.name.clone(),
                            },
                        ),
                        Some(a) => {
                            state.toast(t!("toast.already_voided", id = a.agreement_id), true);
                            state.overlay = Some(Overlay::Agreements(at));
                        }
                        None => state.overlay = Some(Overlay::Agreements(at)),
                    }
                    vec![]
                }
                (_, Some(Action::AddAgreement)) => {
                    let year = state.now.format("%Y");
                    sensitive::agreement(
                        state,
                        Operation::AddAgreement {
                            name: format!("代付协议 {year}"),
                        },
                    );
                    vec![]
                }
                _ if ctrl_c => quit(state),
                _ => vec![],
            }
        }
        Some(Overlay::NewCustomer(form)) => create::on_key(state, form, key),
        Some(Overlay::Realname(form)) => realname::on_key(state, form, key),
        Some(Overlay::Price(form)) => price::on_key(state, form, key),
        Some(Overlay::Invite) if state.keymap.action(&key) == Some(Action::Copy) => {
            state.overlay = Some(Overlay::Invite);
            match &state.invitation {
                Some(Ok(inv)) => {
                    let link = inv.link.clone();
                    copied(state, link)
                }
                _ => vec![],
            }
        }
        Some(Overlay::Help) | Some(Overlay::Inbox) | Some(Overlay::Invite) => {
            // Any key closes them; Ctrl-C still quits.
            if ctrl_c {
                state.quitting = true;
                return vec![Command::Quit];
            }
            vec![]
        }
        Some(Overlay::Filter(mut input)) => match state.keymap.action_in(Scope::Form, &key) {
            Some(Action::Dismiss | Action::Interrupt) => vec![],
            Some(Action::Submit) => {
                let pane = state.pane;
                let text = input.value().trim().to_string();
                if let Err(e) = state.list_query(pane, &text) {
                    state.toast(e, true);
                    state.overlay = Some(Overlay::Filter(input));
                    return vec![];
                }
                state.set_filter(pane, text)
            }
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
                state.overlay = Some(Overlay::Filter(input));
                vec![]
            }
        },
        Some(Overlay::Command(mut input)) => match state.keymap.action_in(Scope::Form, &key) {
            Some(Action::Dismiss | Action::Interrupt) => vec![],
            Some(Action::NextField) => {
                if let Some(done) = command::complete(input.value()) {
                    input = Input::new(done);
                }
                state.overlay = Some(Overlay::Command(input));
                vec![]
            }
            Some(Action::Submit) => run_command(state, input.value()),
            _ => {
                input.handle_event(&crossterm::event::Event::Key(key));
                state.overlay = Some(Overlay::Command(input));
                vec![]
            }
        },
        None => vec![],
    }
}

pub(crate) fn run_command(state: &mut State, line: &str) -> Vec<Command> {
    match command::parse(line) {
        Ok(command::Parsed::Quit) => quit(state),
        Ok(command::Parsed::Profile) => sensitive::open_funds_overlay(state, Overlay::Profile),
        Ok(command::Parsed::Recharge) => sensitive::open_funds_overlay(state, Overlay::Recharge),
        Ok(command::Parsed::Reseller(None)) => state.set_reseller(None),
        Ok(command::Parsed::Reseller(Some(text))) => match state.find_reseller(&text) {
            Ok(scope) => state.set_reseller(Some(scope)),
            Err(e) => {
                state.toast(e, true);
                vec![]
            }
        },
        Ok(command::Parsed::Agreements) => {
            sensitive::open_funds_overlay(state, Overlay::Agreements(0))
        }
        Ok(command::Parsed::Pay(ids)) => sensitive::pay_ids(state, &ids),
        Ok(command::Parsed::CouponIssue(face, customer)) => {
            sensitive::issue_coupon(state, &face, customer.as_deref())
        }
        Ok(command::Parsed::CouponRecall(id)) => sensitive::recall_coupon(state, &id),
        Ok(command::Parsed::QuotaGive(amount, reseller)) => {
            sensitive::give_quota(state, &amount, reseller.as_deref())
        }
        Ok(command::Parsed::QuotaTake(reseller)) => {
            sensitive::take_quota(state, reseller.as_deref())
        }
        Ok(command::Parsed::Help) => {
            state.overlay = Some(Overlay::Help);
            vec![]
        }
        Ok(command::Parsed::Inbox) => {
            state.overlay = Some(Overlay::Inbox);
            vec![]
        }
        Ok(command::Parsed::Refresh) => {
            let mut cmds = state.reload(state.pane);
            cmds.extend(state.load_balances());
            cmds
        }
        Ok(command::Parsed::Pane(pane, None)) => switch_pane(state, pane),
        Ok(command::Parsed::Pane(pane, Some(filter_text))) => {
            if let Err(e) = state.list_query(pane, &filter_text) {
                state.toast(e, true);
                return vec![];
            }
            state.pane = pane;
            state.detail = None;
            state.set_filter(pane, filter_text)
        }
        Ok(command::Parsed::Nothing) => vec![],
        Err(e) => {
            state.toast(e, true);
            vec![]
        }
    }
}
