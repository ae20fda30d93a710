//! The mouse, when the config turns it on (`mouse = true`): the wheel moves the
//! selection one row a step (or scrolls the open detail view), a left click on a list
//! row selects it. Off by default — the terminal's own selection and copy keep working —
//! and then every mouse event is ignored. Modals and overlays take no mouse at all.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::keymap::Action;
use super::keys::{move_cursor, on_action};
use super::msg::Command;
use super::state::{State, balances_height, visible_rows};
use pc_core::query::Pane;

pub(super) fn on_mouse(state: &mut State, event: MouseEvent) -> Vec<Command> {
    if !state.session.mouse || state.modal.is_some() || state.overlay.is_some() {
        return vec![];
    }
    match event.kind {
        MouseEventKind::ScrollUp => on_action(state, Action::Up),
        MouseEventKind::ScrollDown => on_action(state, Action::Down),
        MouseEventKind::Down(MouseButton::Left) if state.detail.is_none() => {
            click(state, event.column, event.row)
        }
        _ => vec![],
    }
}

/// The screen row of the first list row: below the tabs, the list's top border and its
/// header (and the balances box on Funds). The same layout as `visible_rows` and the
/// view's.
fn first_row(state: &State, pane: Pane) -> u16 {
    let above = if pane == Pane::Funds {
        balances_height(state)
    } else {
        0
    };
    above.saturating_add(3)
}

/// Selects the list row at (`column`, `row`) of the screen, if there is one.
fn click(state: &mut State, column: u16, row: u16) -> Vec<Command> {
    let pane = state.pane;
    let (width, height) = state.size;
    if width < pc_core::terminal::MIN_WIDTH
        || height < pc_core::terminal::MIN_HEIGHT
        || state.unavailable(pane)
        || column == 0
        || column >= width.saturating_sub(1)
    {
        return vec![];
    }
    let Some(offset) = row.checked_sub(first_row(state, pane)) else {
        return vec![];
    };
    let offset = usize::from(offset);
    if offset >= visible_rows(state, pane) {
        return vec![];
    }
    let Some(table) = state.cursor(pane) else {
        return vec![];
    };
    let (selected, scroll) = table.position();
    let index = scroll + offset;
    if index >= table.len() {
        return vec![];
    }
    state.dirty = true;
    move_cursor(state, index as isize - selected as isize)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::{TimeZone, Utc};
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

    use super::super::*;

    fn state(mouse: bool) -> State {
        let session = Session {
            mouse,
            ..Session::default()
        };
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
        let mut s = State::new(session, Duration::from_secs(30), now);
        s.size = (120, 40);
        s.orders.rows = (0..60)
            .map(|i| CustomerOrder {
                order_id: format!("CS{i:05}"),
                status: 6,
                ..Default::default()
            })
            .collect();
        s.orders.total = Some(60);
        s
    }

    fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Msg {
        Msg::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    fn wheel_down() -> Msg {
        mouse(MouseEventKind::ScrollDown, 10, 10)
    }

    fn wheel_up() -> Msg {
        mouse(MouseEventKind::ScrollUp, 10, 10)
    }

    fn click(column: u16, row: u16) -> Msg {
        mouse(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    #[test]
    fn the_wheel_moves_the_selection_one_row_a_step() {
        let mut s = state(true);
        update(&mut s, wheel_down());
        update(&mut s, wheel_down());
        assert_eq!(s.orders.selected, 2);
        assert!(s.dirty);
        update(&mut s, wheel_up());
        assert_eq!(s.orders.selected, 1);
        for _ in 0..5 {
            update(&mut s, wheel_up());
        }
        assert_eq!(s.orders.selected, 0, "stops at the top");
        // The list scrolls to follow, as with j/k.
        for _ in 0..50 {
            update(&mut s, wheel_down());
        }
        assert_eq!(s.orders.selected, 50);
        let visible = visible_rows(&s, Pane::Orders);
        assert_eq!(s.orders.scroll, 50 + 1 - visible);
    }

    #[test]
    fn a_click_selects_the_row_under_it() {
        let mut s = state(true);
        // Tabs, the top border and the header: the first row is on screen row 3.
        update(&mut s, click(20, 3 + 4));
        assert_eq!(s.orders.selected, 4);
        update(&mut s, click(20, 3));
        assert_eq!(s.orders.selected, 0);
        // Scrolled: the row under the pointer, not the row of that index.
        for _ in 0..45 {
            update(&mut s, wheel_down());
        }
        let scroll = s.orders.scroll;
        assert!(scroll > 0);
        update(&mut s, click(20, 3 + 2));
        assert_eq!(s.orders.selected, scroll + 2);
        assert_eq!(s.orders.scroll, scroll, "no jump");
    }

    #[test]
    fn clicks_off_the_rows_do_nothing() {
        let mut s = state(true);
        s.orders.selected = 5;
        let (w, h) = s.size;
        for (column, row) in [
            (20, 0),     // the tabs
            (20, 1),     // the top border
            (20, 2),     // the header
            (20, h - 2), // the bottom border
            (20, h - 1), // the status bar
            (0, 6),      // the left border
            (w - 1, 6),  // the right border
        ] {
            update(&mut s, click(column, row));
            assert_eq!(s.orders.selected, 5, "({column}, {row})");
        }
        // Below the last loaded row.
        s.orders.rows.truncate(3);
        s.orders.selected = 1;
        update(&mut s, click(20, 3 + 10));
        assert_eq!(s.orders.selected, 1);
        // Other buttons and moves.
        update(
            &mut s,
            mouse(MouseEventKind::Down(MouseButton::Right), 20, 3),
        );
        update(&mut s, mouse(MouseEventKind::Moved, 20, 3));
        assert_eq!(s.orders.selected, 1);
    }

    #[test]
    fn on_funds_the_rows_start_below_the_balances() {
        let mut s = state(true);
        s.pane = Pane::Funds;
        s.records.rows = (0..10)
            .map(|i| AdjustRecord {
                trans_id: format!("T{i}"),
                ..Default::default()
            })
            .collect();
        s.records.total = Some(10);
        let top = 3 + balances_height(&s);
        update(&mut s, click(20, top + 3));
        assert_eq!(s.records.selected, 3);
        update(&mut s, click(20, top - 1));
        assert_eq!(s.records.selected, 3, "the list's header");
    }

    #[test]
    fn without_the_mouse_setting_mouse_events_are_ignored() {
        let mut s = state(false);
        s.dirty = false;
        for m in [wheel_down(), wheel_down(), click(20, 8)] {
            assert!(update(&mut s, m).is_empty());
        }
        assert_eq!(s.orders.selected, 0);
        assert!(!s.dirty);
    }

    #[test]
    fn modals_and_overlays_take_no_mouse() {
        let mut s = state(true);
        s.overlay = Some(Overlay::Help);
        update(&mut s, wheel_down());
        update(&mut s, click(20, 8));
        assert_eq!(s.orders.selected, 0);
        assert!(matches!(s.overlay, Some(Overlay::Help)), "still open");
    }
}
