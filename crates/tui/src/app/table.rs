//! A list that pages from the server as the cursor nears its end: the rows loaded so
//! far, the server's total, the cursor, and which request is current.

/// Rows fetched per request.
pub const PAGE: i64 = 50;
/// Fetch the next page when the cursor is this close to the last loaded row.
pub const PREFETCH: usize = 10;

/// A row's identity, to keep the cursor on the same row across a refresh and to skip
/// rows a shifted page repeats.
pub trait Keyed {
    fn key(&self) -> &str;
}

macro_rules! keyed {
    ($($t:ty => $field:ident),* $(,)?) => {
        $(impl Keyed for $t {
            fn key(&self) -> &str {
                &self.$field
            }
        })*
    };
}

keyed!(
    pc_api::CustomerOrder => order_id,
    pc_api::CustomerInfo => customer_id,
    pc_api::partner_center::Contract => contract_id,
    pc_api::IndirectPartner => indirect_partner_id,
    pc_api::AdjustRecord => trans_id,
    pc_api::AccountChangeRecord => account_change_id,
    pc_api::IssuedCoupon => coupon_id,
    pc_api::ServiceType => service_type_code,
    pc_core::audit::AuditEntry => request_id,
);

impl Keyed for pc_core::query::Consumer {
    fn key(&self) -> &str {
        &self.customer_id
    }
}

impl Keyed for pc_core::renewals::Renewal {
    fn key(&self) -> &str {
        &self.resource.id
    }
}

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

impl<T: Keyed> Table<T> {
    pub fn selected_row(&self) -> Option<&T> {
        self.rows.get(self.selected)
    }

    /// True when more rows exist on the server than are loaded.
    pub fn has_more(&self) -> bool {
        self.total.is_some_and(|t| (self.rows.len() as i64) < t)
    }

    /// The offset of the next page to fetch, if the cursor is near the end, no request
    /// is in flight and the last one did not fail (a failure waits for `R`).
    pub fn wants_more(&self) -> Option<i64> {
        (self.pending.is_none()
            && self.error.is_none()
            && self.has_more()
            && self.selected + PREFETCH >= self.rows.len())
        .then_some(self.rows.len() as i64)
    }

    /// Forgets the rows of a previous query (a new filter).
    pub fn reset(&mut self) {
        *self = Table {
            pending: self.pending,
            ..Table::default()
        };
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
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(visible));
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
            // A refresh: keep the cursor on the same row, wherever it moved.
            let current = self.selected_row().map(|r| r.key().to_string());
            self.rows = rows;
            if let Some(i) = current.and_then(|k| self.rows.iter().position(|r| r.key() == k)) {
                self.selected = i;
            }
        } else if offset as usize == self.rows.len() {
            // New rows may shift earlier ones into this page: skip what is loaded.
            let seen: std::collections::HashSet<String> =
                self.rows.iter().map(|r| r.key().to_string()).collect();
            self.rows
                .extend(rows.into_iter().filter(|r| !seen.contains(r.key())));
        } else {
            return false;
        }
        self.total = Some(total);
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        true
    }

    /// Takes the rows found so far by `request`, which goes on (a gathering): a cursor
    /// moved off the top stays on its row, one at the top stays there; false if it is
    /// stale.
    pub fn partial(&mut self, request: u64, rows: Vec<T>) -> bool {
        if self.pending != Some(request) {
            return false;
        }
        let current = (self.selected > 0)
            .then(|| self.selected_row().map(|r| r.key().to_string()))
            .flatten();
        self.rows = rows;
        self.total = Some(self.rows.len() as i64);
        if let Some(i) = current.and_then(|k| self.rows.iter().position(|r| r.key() == k)) {
            self.selected = i;
        }
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

    #[derive(Debug, Clone, PartialEq)]
    struct R(String);

    impl Keyed for R {
        fn key(&self) -> &str {
            &self.0
        }
    }

    fn rows(range: std::ops::Range<u32>) -> Vec<R> {
        range.map(|i| R(i.to_string())).collect()
    }

    #[test]
    fn pages_append_and_stale_answers_are_dropped() {
        let mut t: Table<R> = Table {
            pending: Some(1),
            ..Default::default()
        };
        assert!(t.accept(1, 0, 120, rows(0..50)));
        assert_eq!(t.wants_more(), None, "cursor far from the end");
        t.move_by(45);
        assert_eq!(t.wants_more(), Some(50));
        t.pending = Some(2);
        assert!(!t.accept(1, 50, 120, vec![]), "an old request");
        assert!(t.accept(2, 50, 120, rows(50..100)));
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
        let mut t: Table<R> = Table {
            rows: rows(0..100),
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
        t.rows.truncate(20);
        t.selected = 19;
        t.follow(10);
        assert_eq!(t.scroll, 10, "a shorter list leaves no blank rows below");
    }

    #[test]
    fn a_refresh_keeps_the_cursor_on_its_row_and_appends_skip_repeats() {
        let mut t: Table<R> = Table {
            pending: Some(1),
            ..Default::default()
        };
        t.accept(1, 0, 100, rows(10..60));
        t.selected = 5; // row "15"
        t.pending = Some(2);
        t.accept(2, 0, 102, rows(8..58)); // two newer rows on top
        assert_eq!(t.selected_row().unwrap().0, "15");
        t.pending = Some(3);
        t.accept(3, 50, 102, rows(56..106));
        assert_eq!(t.rows.len(), 98, "56 and 57 were already loaded");
    }

    #[test]
    fn a_failure_waits_for_a_retry() {
        let mut t: Table<R> = Table {
            pending: Some(1),
            ..Default::default()
        };
        t.accept(1, 0, 100, rows(0..50));
        t.selected = 45;
        t.pending = Some(2);
        assert!(t.fail(2, "down".into()));
        assert_eq!(t.wants_more(), None, "no automatic retry after a failure");
    }
}
