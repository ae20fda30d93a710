//! The invitation: the partner's association link and its QR code, drawn with half
//! blocks and a quiet zone, dark modules on light, so a phone camera can read it from
//! the screen.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::centered;
use super::theme::Theme;
use crate::app::State;

/// The QR code of `text` as lines of half blocks (two modules a character row), with the
/// standard 4-module quiet zone.
/// `light_on_dark`: for a terminal drawing in its own colours (usually light text on a
/// dark background), the light modules and the quiet zone are the blocks, so the code
/// still reads dark-on-light.
pub fn qr_lines(text: &str, light_on_dark: bool) -> Option<Vec<String>> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let (dark, light) = if light_on_dark {
        (Dense1x2::Light, Dense1x2::Dark)
    } else {
        (Dense1x2::Dark, Dense1x2::Light)
    };
    let drawn = code
        .render::<Dense1x2>()
        .dark_color(dark)
        .light_color(light)
        .quiet_zone(true)
        .build();
    Some(drawn.lines().map(str::to_string).collect())
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    match &state.invitation {
        None => lines.push(Line::raw("Loading the invitation…")),
        Some(Err(e)) => lines.push(Line::from(Span::styled(
            format!("Cannot read the invitation: {e}"),
            theme.error(),
        ))),
        Some(Ok(inv)) => {
            // Black on white whatever the terminal's colours; without colours the
            // terminal's own (a light-on-dark code scans as well with most cameras).
            let qr = if state.session.monochrome {
                Style::default()
            } else {
                Style::default().fg(Color::Black).bg(Color::White)
            };
            match qr_lines(&inv.link, state.session.monochrome) {
                // A clipped or wrapped code cannot be scanned: ask for room instead.
                Some(rows)
                    if rows.len() as u16 + 7 > area.height
                        || rows.first().map_or(0, |r| r.chars().count()) as u16 + 4
                            > area.width =>
                {
                    lines.push(Line::from(Span::styled(
                        format!(
                            "The QR code needs {} rows: enlarge the terminal to show it.",
                            rows.len() + 9
                        ),
                        theme.warning(),
                    )));
                }
                Some(rows) => {
                    lines.extend(rows.into_iter().map(|r| Line::from(Span::styled(r, qr))))
                }
                None => lines.push(Line::raw("(the link is too long for a QR code)")),
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Link  ", theme.header()),
                Span::raw(inv.link.clone()),
            ]));
            lines.push(Line::raw(
                "Scanned, notice agreed, registered: the customer appears in the list.",
            ));
        }
    }
    if let Some(news) = &state.last_association {
        lines.push(Line::from(Span::styled(news.clone(), theme.ok())));
    }
    lines.push(Line::from(Span::styled(
        "y copies the link (OSC 52) · any other key closes.",
        theme.dim(),
    )));
    let width = lines
        .iter()
        .map(|l| l.width() as u16)
        .max()
        .unwrap_or(40)
        .clamp(40, area.width.saturating_sub(2))
        + 2;
    let rect = centered(area, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(Span::styled(" Invite a customer ", theme.title())),
            ),
        rect,
    );
}
