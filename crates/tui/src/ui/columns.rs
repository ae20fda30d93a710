//! The columns of a list, fitted to the width there is: an id is never cut; the other
//! columns give way in their order (narrower first, then left out), and what is cut ends
//! in `…` at display width.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

use pc_core::format;

/// One column of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Col<'a> {
    pub head: &'a str,
    /// Its width when there is room.
    pub want: u16,
    /// Narrowest it may become before it is left out.
    pub min: u16,
    /// When it gives way: 0 never (an id: it grows to its longest value on screen), then
    /// the higher the sooner.
    pub give: u8,
    /// It takes the room left over.
    pub fill: bool,
}

impl<'a> Col<'a> {
    /// An identifier: as wide as its longest value, never cut, never left out.
    pub fn id(head: &'a str, want: u16) -> Col<'a> {
        Col {
            head,
            want,
            min: want,
            give: 0,
            fill: false,
        }
    }

    pub fn text(head: &'a str, want: u16, give: u8) -> Col<'a> {
        Col {
            head,
            want,
            min: want.min(6),
            give,
            fill: false,
        }
    }

    /// A text column that also takes the room left over.
    pub fn fill(head: &'a str, want: u16, give: u8) -> Col<'a> {
        Col {
            fill: true,
            ..Col::text(head, want, give)
        }
    }

    /// A column that is shown whole or not at all (an amount, a time).
    pub fn whole(head: &'a str, want: u16, give: u8) -> Col<'a> {
        Col {
            min: want,
            ..Col::text(head, want, give)
        }
    }
}

/// The width of each column (0: left out) in `width` columns, with one space between
/// shown columns. `longest[i]` is the widest value of column i on screen (ids grow to it).
pub fn fit(cols: &[Col], longest: &[u16], width: u16) -> Vec<u16> {
    let mut w: Vec<u16> = cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.give == 0 {
                c.want.max(longest.get(i).copied().unwrap_or(0))
            } else {
                c.want
            }
        })
        .collect();
    let used = |w: &[u16]| -> u32 {
        let shown = w.iter().filter(|x| **x > 0).count() as u32;
        w.iter().map(|x| u32::from(*x)).sum::<u32>() + shown.saturating_sub(1)
    };
    let width = u32::from(width);
    // The column that gives way soonest becomes narrower, or is left out when that is
    // not enough; then the next.
    let mut order: Vec<usize> = (0..cols.len()).filter(|i| cols[*i].give > 0).collect();
    order.sort_by_key(|i| std::cmp::Reverse(cols[*i].give));
    for &i in &order {
        let over = used(&w).saturating_sub(width);
        if over == 0 {
            break;
        }
        let room = u32::from(w[i].saturating_sub(cols[i].min));
        if room >= over {
            w[i] -= over as u16;
        } else {
            w[i] = 0;
        }
    }
    // Room left over goes to the filling columns (or the last shown one).
    let left = width.saturating_sub(used(&w)) as u16;
    if left > 0 {
        let fills: Vec<usize> = (0..cols.len())
            .filter(|i| cols[*i].fill && w[*i] > 0)
            .collect();
        if let Some(&last) = fills.last() {
            let each = left / fills.len() as u16;
            for &i in &fills {
                w[i] += each;
            }
            w[last] += left - each * fills.len() as u16;
        }
    }
    w
}

/// The widest of each column over `rows` (display columns).
pub fn longest<S: AsRef<str>>(rows: &[Vec<S>], columns: usize) -> Vec<u16> {
    let mut out = vec![0u16; columns];
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(columns) {
            out[i] = out[i].max(cell.as_ref().width() as u16);
        }
    }
    out
}

/// `text` cut to the column's width with `…`.
pub fn cell(text: &str, width: u16) -> Cow<'_, str> {
    format::clip(text, width as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orders() -> Vec<Col<'static>> {
        vec![
            Col::id("Order", 17),
            Col::text("Customer", 20, 2),
            Col::fill("Service", 24, 3),
            Col::text("Type", 12, 4),
            Col::text("Status", 10, 1),
            Col::whole("Amount", 12, 1),
            Col::whole("Created", 16, 5),
        ]
    }

    fn used(w: &[u16]) -> u16 {
        let shown = w.iter().filter(|x| **x > 0).count() as u16;
        w.iter().sum::<u16>() + shown.saturating_sub(1)
    }

    #[test]
    fn with_room_every_column_has_its_width_and_the_rest_fills() {
        let w = fit(&orders(), &[17, 0, 0, 0, 0, 0, 0], 140);
        assert_eq!(w, vec![17, 20, 24 + 23, 12, 10, 12, 16]);
        assert_eq!(used(&w), 140);
    }

    #[test]
    fn at_80_columns_the_id_keeps_its_width_and_others_give_way_in_order() {
        let w = fit(&orders(), &[17, 0, 0, 0, 0, 0, 0], 76);
        assert_eq!(w[0], 17, "the id is whole");
        assert!(used(&w) <= 76);
        assert_eq!(w[6], 0, "the creation time goes first");
        assert_eq!(w[3], 0, "then the order type");
        assert_eq!((w[1], w[4], w[5]), (20, 10, 12), "the rest keeps its width");
        assert_eq!(w[2], 13, "the service gives what is still missing");
        // A longer id on screen widens its column rather than being cut.
        let w = fit(&orders(), &[19, 0, 0, 0, 0, 0, 0], 76);
        assert_eq!(w[0], 19);
        assert!(used(&w) <= 76);
    }

    #[test]
    fn a_very_narrow_list_keeps_the_id_alone() {
        let w = fit(&orders(), &[17, 0, 0, 0, 0, 0, 0], 20);
        assert_eq!(w, vec![17, 0, 0, 0, 0, 0, 0]);
    }
}
