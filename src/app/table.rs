//! A list that pages from the server as the cursor nears its end: the rows loaded so
//! far, the server's total, the cursor, and which request is current.

/// Rows fetched per request.
pub const PAGE: i64 = 50;
/// Fetch the next page when the cursor is this close to the last loaded row.
pub const PREFETCH: usize = 10;

#[derive(Debug, Clone, PartialEq)]
pub struct Table<T> {
    pub rows: Vec<T>,
    /// The server's total for the current filter, once known.
    pub total: Option<i64>,
    pub selected: usize,
    /// The first row on screen; kept here so that moving the cursor scrolls only when
    /// it leaves the visible rows (and redraws only the rows that change).
    pub scroll: usize,
    /// The request whose answer is awaited (older answers are stale and dropped).
    pub pending: Option<u64>,
    pub error: Option<String>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            total: None,
            selected: 0,
            scroll: 0,
            pending: None,
            error: None,
        }
    }
}

impl<T> Table<T> {
    pub fn selected_row(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }

    /// True when more rows exist on the server than are loaded.
    pub fn has_more(&self) -> bool {
        self.total.is_some_and(|t| (self.rows.len() as i64) < t)
    }

    /// The offset of the next page to fetch, if the cursor is near the end and no
    /// request is in flight.
    pub fn wants_more(&self) -> Option<i64> {
        (self.pending.is_none() && self.has_more() && self.selected + PREFETCH >= self.rows.len())
            .then_some(self.rows.len() as i64)
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.rows.is_empty() {
            self.selected = 0;
            return;
        }
        let last = self.rows.len() - 1;
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Keeps the cursor inside a window of `visible` rows, moving the window as little
    /// as possible.
    pub fn follow(&mut self, visible: usize) {
        let visible = visible.max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + visible {
            self.scroll = self.selected + 1 - visible;
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(1));
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// Takes a page answered for `request` at `offset`; false if it is stale.
    pub fn accept(&mut self, request: u64, offset: i64, total: i64, rows: Vec<T>) -> bool {
        if self.pending != Some(request) {
            return false;
        }
        self.pending = None;
        self.error = None;
        if offset == 0 {
            self.rows = rows;
        } else if offset as usize == self.rows.len() {
            self.rows.extend(rows);
        } else {
            return false;
        }
        self.total = Some(total);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        true
    }

    pub fn fail(&mut self, request: u64, error: String) -> bool {
        if self.pending != Some(request) {
            return false;
        }
        self.pending = None;
        self.error = Some(error);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_append_and_stale_answers_are_dropped() {
        let mut t: Table<u32> = Table {
            pending: Some(1),
            ..Default::default()
        };
        assert!(t.accept(1, 0, 120, (0..50).collect()));
        assert_eq!(t.wants_more(), None, "cursor far from the end");
        t.move_by(45);
        assert_eq!(t.wants_more(), Some(50));
        t.pending = Some(2);
        assert!(!t.accept(1, 50, 120, vec![]), "an old request");
        assert!(t.accept(2, 50, 120, (50..100).collect()));
        assert_eq!(t.rows.len(), 100);
        t.bottom();
        assert_eq!(t.selected, 99);
        t.move_by(5);
        assert_eq!(t.selected, 99, "clamped");
        t.move_by(-200);
        assert_eq!(t.selected, 0);
    }

    #[test]
    fn the_window_moves_only_when_the_cursor_leaves_it() {
        let mut t: Table<u32> = Table {
            rows: (0..100).collect(),
            total: Some(100),
            ..Default::default()
        };
        t.move_by(9);
        t.follow(10);
        assert_eq!(t.scroll, 0);
        t.move_by(1);
        t.follow(10);
        assert_eq!(t.scroll, 1, "one row down");
        t.move_by(-5);
        t.follow(10);
        assert_eq!(t.scroll, 1, "moving inside the window does not scroll");
        t.top();
        t.follow(10);
        assert_eq!(t.scroll, 0);
        t.bottom();
        t.follow(10);
        assert_eq!(t.scroll, 90);
    }
}
