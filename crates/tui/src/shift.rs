//! A backend that scrolls instead of repainting: when a frame shows rows of the last one
//! moved up or down (a list scrolled by `j`, `k`, the wheel), it asks the terminal to move
//! them (a scrolling region) and writes only what is new. Over a slow SSH link a `j` at the
//! bottom of a list then costs the new row and the cursor, not every row of the table.
//!
//! The wrapper keeps its own copy of what the terminal shows. Whatever it detects, the
//! cells it writes bring the terminal to exactly the frame ratatui drew.

use std::ops::Range;

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect, Size};
use unicode_width::UnicodeWidthStr;

/// Fewer rows than this moved intact are not worth a scroll.
const MIN_RUN: usize = 3;

#[derive(Debug)]
pub struct ShiftingBackend<B: Backend> {
    inner: B,
    /// What the terminal shows, as far as this backend wrote it.
    screen: Buffer,
}

impl<B: Backend> ShiftingBackend<B> {
    pub fn new(inner: B) -> Result<Self, B::Error> {
        let size = inner.size()?;
        Ok(ShiftingBackend {
            inner,
            screen: Buffer::empty(Rect::new(0, 0, size.width, size.height)),
        })
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn blank(&mut self) -> Result<(), B::Error> {
        let size = self.inner.size()?;
        self.screen = Buffer::empty(Rect::new(0, 0, size.width, size.height));
        Ok(())
    }
}

/// A move of the rows `region` by `by` rows: up (`by > 0`, the content rises, as after `j`
/// at the bottom of a list) or down.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Shift {
    region: Range<u16>,
    by: i32,
}

fn row(buf: &Buffer, y: usize) -> &[Cell] {
    let w = buf.area.width as usize;
    &buf.content[y * w..(y + 1) * w]
}

/// A hash of each row: comparing rows is then comparing numbers (a full screen of
/// changed rows would otherwise compare every cell with every other row's).
fn row_hashes(buf: &Buffer) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    (0..buf.area.height as usize)
        .map(|y| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            row(buf, y).hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The longest run of rows that `next` shows moved by some distance from `old`, if long
/// enough to be worth a scroll.
fn detect(old: &Buffer, next: &Buffer) -> Option<Shift> {
    let h = old.area.height as usize;
    if next.area != old.area || h < MIN_RUN + 1 {
        return None;
    }
    let (was, now) = (row_hashes(old), row_hashes(next));
    let changed: Vec<bool> = (0..h).map(|y| was[y] != now[y]).collect();
    let first = changed.iter().position(|c| *c)?;
    let last = changed.iter().rposition(|c| *c)?;
    if last + 1 - first < MIN_RUN {
        return None;
    }
    // Rows equal by hash are checked cell by cell before they count.
    let same = |y: usize, from: usize| now[y] == was[from] && row(next, y) == row(old, from);
    let mut best: Option<(usize, Shift)> = None;
    let span = last + 1 - first;
    for by in 1..span {
        for up in [true, false] {
            // A row y of the new frame is the old row y + by (up) or y - by (down).
            let mut run = 0;
            for (y, &differs) in changed.iter().enumerate().take(last + 1).skip(first) {
                let from = if up { y + by } else { y.wrapping_sub(by) };
                let moved = from < h && differs && same(y, from);
                run = if moved { run + 1 } else { 0 };
                if run >= MIN_RUN && best.as_ref().is_none_or(|(b, _)| run > *b) {
                    let start = y + 1 - run;
                    let region = if up {
                        start as u16..(y + by + 1) as u16
                    } else {
                        (start - by) as u16..(y + 1) as u16
                    };
                    let by = if up { by as i32 } else { -(by as i32) };
                    best = Some((run, Shift { region, by }));
                }
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Moves the rows of `region` in `screen` as the terminal does: the rows that leave the
/// region are gone, the rows that enter it are blank.
fn apply(screen: &mut Buffer, shift: &Shift) {
    let w = screen.area.width as usize;
    let cells = &mut screen.content[shift.region.start as usize * w..shift.region.end as usize * w];
    let by = shift.by.unsigned_abs() as usize * w;
    let len = cells.len();
    if shift.by > 0 {
        cells.rotate_left(by);
        cells[len - by..].fill(Cell::EMPTY);
    } else {
        cells.rotate_right(by);
        cells[..by].fill(Cell::EMPTY);
    }
}

/// Writes `cell` at (x, y) of `buf` as ratatui's own buffer holds it: the cells a wide
/// symbol hides are blank.
fn put(buf: &mut Buffer, x: u16, y: u16, cell: &Cell) {
    let Some(slot) = buf.cell_mut((x, y)) else {
        return;
    };
    *slot = cell.clone();
    let width = cell.symbol().width() as u16;
    for hidden in 1..width {
        if let Some(c) = buf.cell_mut((x + hidden, y)) {
            c.reset();
        }
    }
}

impl<B: Backend> Backend for ShiftingBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        // Fewer cells than a few rows hold: no scroll would save anything.
        let width = usize::from(self.screen.area.width.max(1));
        if updates.len() < MIN_RUN * width {
            for (x, y, cell) in &updates {
                put(&mut self.screen, *x, *y, cell);
            }
            return self.inner.draw(updates.into_iter());
        }
        let mut next = self.screen.clone();
        for (x, y, cell) in &updates {
            put(&mut next, *x, *y, cell);
        }
        match detect(&self.screen, &next) {
            Some(shift) => {
                let count = shift.by.unsigned_abs() as u16;
                if shift.by > 0 {
                    self.inner.scroll_region_up(shift.region.clone(), count)?;
                } else {
                    self.inner.scroll_region_down(shift.region.clone(), count)?;
                }
                apply(&mut self.screen, &shift);
                let rest = self.screen.diff(&next);
                self.inner.draw(rest.into_iter())?;
            }
            None => self.inner.draw(updates.into_iter())?,
        }
        self.screen = next;
        Ok(())
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.blank()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        match clear_type {
            ClearType::All => self.blank(),
            // Parts of the screen the console never clears alone: forget it all, so that
            // nothing is taken as shown that is not.
            _ => {
                self.screen = Buffer::empty(Rect::default());
                Ok(())
            }
        }
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }

    fn scroll_region_up(&mut self, region: Range<u16>, line_count: u16) -> Result<(), Self::Error> {
        self.inner.scroll_region_up(region.clone(), line_count)?;
        apply(
            &mut self.screen,
            &Shift {
                region,
                by: i32::from(line_count),
            },
        );
        Ok(())
    }

    fn scroll_region_down(
        &mut self,
        region: Range<u16>,
        line_count: u16,
    ) -> Result<(), Self::Error> {
        self.inner.scroll_region_down(region.clone(), line_count)?;
        apply(
            &mut self.screen,
            &Shift {
                region,
                by: -i32::from(line_count),
            },
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests_support {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::{Block, Borders, List, ListState};

    /// Draws a bordered list of `n` rows scrolled to `first`, with the cursor on
    /// `cursor`, as the panes do.
    pub fn frame<B: Backend>(t: &mut Terminal<B>, first: usize, cursor: usize) {
        t.draw(|f| {
            let items: Vec<String> = (0..200).map(|i| format!("row {i:03} 杭州 ok")).collect();
            let list = List::new(items)
                .block(Block::default().borders(Borders::ALL).title("Orders"))
                .highlight_symbol("▶ ");
            let mut state = ListState::default().with_selected(Some(cursor));
            *state.offset_mut() = first;
            f.render_stateful_widget(list, f.area(), &mut state);
        })
        .map(|_| ())
        .unwrap_or_else(|e| panic!("draw: {e:?}"));
    }

    /// Both final screens after the same frames, plain and shifting.
    pub fn run(frames: &[(usize, usize)]) -> (Buffer, Buffer) {
        let mut plain = Terminal::new(TestBackend::new(40, 12)).expect("terminal");
        let mut shifting =
            Terminal::new(ShiftingBackend::new(TestBackend::new(40, 12)).expect("size"))
                .expect("terminal");
        for &(first, cursor) in frames {
            frame(&mut plain, first, cursor);
            frame(&mut shifting, first, cursor);
        }
        (
            plain.backend().buffer().clone(),
            shifting.backend().inner().buffer().clone(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_scrolled_list_looks_the_same_as_a_repainted_one() {
        // Down one row at a time past the bottom, a page, back up, to the top.
        let frames = [
            (0, 0),
            (0, 9),
            (1, 10),
            (2, 11),
            (3, 12),
            (13, 22),
            (12, 12),
            (11, 11),
            (0, 0),
        ];
        for end in 1..=frames.len() {
            let (plain, shifting) = run(&frames[..end]);
            assert_eq!(plain, shifting, "after frame {end}");
        }
    }

    #[test]
    fn a_one_row_scroll_writes_one_row_and_the_cursor() {
        let mut t = Terminal::new(ShiftingBackend::new(TestBackend::new(40, 12)).expect("size"))
            .expect("terminal");
        frame(&mut t, 0, 9);
        let before = t.backend().screen.clone();
        frame(&mut t, 1, 10);
        let after = t.backend().screen.clone();
        let shift = detect(&before, &after).expect("a shift");
        // Rows 1–8 show what rows 2–9 showed; row 9 loses the cursor, row 10 is new.
        assert_eq!(
            shift,
            Shift {
                region: 1..10,
                by: 1
            }
        );
        let mut moved = before.clone();
        apply(&mut moved, &shift);
        // What is left to write: the new bottom row and the cursor's old row.
        let rows: std::collections::BTreeSet<u16> =
            moved.diff(&after).iter().map(|(_, y, _)| *y).collect();
        assert_eq!(rows, [9, 10].into_iter().collect());
    }

    #[test]
    fn unrelated_frames_are_written_as_they_are() {
        let a = Buffer::with_lines(["aaaa", "bbbb", "cccc", "dddd", "eeee"]);
        let b = Buffer::with_lines(["vvvv", "wwww", "xxxx", "yyyy", "zzzz"]);
        assert_eq!(detect(&a, &b), None);
        let down = Buffer::with_lines(["aaaa", "qqqq", "bbbb", "cccc", "dddd"]);
        assert_eq!(
            detect(&a, &down),
            Some(Shift {
                region: 1..5,
                by: -1
            })
        );
    }
}

#[cfg(test)]
mod props {
    use super::tests_support::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Whatever the list does, the terminal ends up showing the frame drawn.
        #[test]
        fn any_scrolling_ends_on_the_frame_drawn(
            frames in proptest::collection::vec((0usize..60, 0usize..10), 1..12)
        ) {
            let frames: Vec<(usize, usize)> =
                frames.into_iter().map(|(first, c)| (first, first + c)).collect();
            let (plain, shifting) = run(&frames);
            prop_assert_eq!(plain, shifting);
        }
    }
}
