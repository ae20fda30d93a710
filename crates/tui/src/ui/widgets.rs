//! The pieces every view draws with: a centred rectangle, a titled box of lines, the
//! block around a pane, a one-line notice.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;

/// A rectangle of at most `width` × `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Clears `rect` for an overlay. A wide character just left of it would spill into its
/// left border, and a terminal would then never be sent that border: it gives way to a
/// space.
pub fn clear(frame: &mut Frame, rect: Rect) {
    if rect.x > 0 {
        let buf = frame.buffer_mut();
        for y in rect.top()..rect.bottom() {
            if let Some(cell) = buf.cell_mut((rect.x - 1, y))
                && cell.symbol().width() > 1
            {
                cell.set_symbol(" ");
            }
        }
    }
    frame.render_widget(Clear, rect);
}

/// A titled box of wrapped lines, centred over the view (forms and overlays).
pub fn boxed(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line>, theme: &Theme) {
    // Tall enough for the wrapped lines.
    let width = area.width.saturating_sub(4).min(84);
    let inner = width.saturating_sub(2).max(1) as usize;
    let height: u16 = lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(inner) as u16)
        .sum::<u16>()
        + 2;
    let rect = centered(area, width, height);
    clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            theme
                .block()
                .title(Span::styled(format!(" {title} "), theme.title())),
        ),
        rect,
    );
}

/// The block around a pane or detail, with its title.
pub fn frame_block(title: String, theme: &Theme) -> Block<'static> {
    theme.block().title(Span::styled(title, theme.title()))
}

/// A one-line notice inside a pane (loading, empty, error).
pub fn notice(frame: &mut Frame, area: Rect, text: &str, theme: &Theme, error: bool) {
    let style = if error { theme.error() } else { theme.dim() };
    frame.render_widget(
        Paragraph::new(Span::styled(text.to_string(), style)).wrap(Wrap { trim: true }),
        area,
    );
}

/// The key of `action` in the live keymap, for the hints (a remapped key shows as
/// itself).
pub fn key_of(state: &crate::app::State, action: crate::app::keymap::Action) -> String {
    state.keymap.first_key(action).unwrap_or_else(|| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Borders;

    /// The terminal is sent the overlay's left border even where a wide character of the
    /// view below would have covered it.
    #[test]
    fn an_overlay_keeps_its_border_over_wide_characters() {
        let mut t = Terminal::new(TestBackend::new(12, 3)).expect("terminal");
        t.draw(|f| {
            f.render_widget(Paragraph::new(vec!["杭州极光网络".into(); 3]), f.area());
            let rect = Rect::new(3, 0, 6, 3);
            clear(f, rect);
            f.render_widget(Block::default().borders(Borders::ALL), rect);
        })
        .expect("draw");
        let shown = t.backend().buffer();
        for y in 0..3 {
            assert_eq!(
                [shown[(3, y)].symbol(), shown[(8, y)].symbol()],
                [["┌", "┐"], ["│", "│"], ["└", "┘"]][y as usize],
                "row {y}"
            );
        }
    }
}
