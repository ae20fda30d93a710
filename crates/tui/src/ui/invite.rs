//! The invitation: the partner's association link and its QR code, drawn with half
//! blocks and a quiet zone, dark modules on light, so a phone camera can read it from
//! the screen. In ASCII mode (no block glyphs) each module is two blank cells, dark or
//! light by their background (or reverse video without colours): twice the height.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use super::widgets::{self, centered};
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

/// The QR code of `text` as rows of modules, `true` for dark, with the standard
/// 4-module quiet zone.
pub fn qr_modules(text: &str) -> Option<Vec<Vec<bool>>> {
    const QUIET: usize = 4;
    let code = QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET;
    Some(
        (0..side)
            .map(|y| {
                (0..side)
                    .map(|x| {
                        let inside = (QUIET..QUIET + width).contains(&x)
                            && (QUIET..QUIET + width).contains(&y);
                        inside && colors[(y - QUIET) * width + (x - QUIET)] == qrcode::Color::Dark
                    })
                    .collect()
            })
            .collect(),
    )
}

/// The QR code of `text` in ASCII: each module two blank cells, painted black or white
/// (`colored`), else light modules in reverse video (the terminal's own colours, usually
/// light on dark, so the code still reads dark-on-light). One row per module.
pub fn qr_ascii_lines(text: &str, colored: bool) -> Option<Vec<Line<'static>>> {
    let style = |dark: bool| match (colored, dark) {
        (true, true) => Style::default().bg(Color::Black),
        (true, false) => Style::default().bg(Color::White),
        (false, true) => Style::default(),
        (false, false) => Style::default().add_modifier(Modifier::REVERSED),
    };
    let rows = qr_modules(text)?;
    Some(
        rows.iter()
            .map(|row| {
                // One span per run of like modules.
                let mut spans: Vec<Span<'static>> = Vec::new();
                let mut run: Option<(bool, usize)> = None;
                for &dark in row {
                    run = match run {
                        Some((d, n)) if d == dark => Some((d, n + 1)),
                        Some((d, n)) => {
                            spans.push(Span::styled("  ".repeat(n), style(d)));
                            Some((dark, 1))
                        }
                        None => Some((dark, 1)),
                    };
                }
                if let Some((d, n)) = run {
                    spans.push(Span::styled("  ".repeat(n), style(d)));
                }
                Line::from(spans)
            })
            .collect(),
    )
}

pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = Vec::new();
    match &state.invitation {
        None => lines.push(Line::raw(t!("invite.loading"))),
        Some(Err(e)) => lines.push(Line::from(Span::styled(
            t!("invite.cannot_read", error = e),
            theme.error(),
        ))),
        Some(Ok(inv)) => {
            // Black on white whatever the terminal's colours; without colours the
            // terminal's own (a light-on-dark code scans as well with most cameras).
            let qr = if theme.has_color() {
                Style::default().fg(Color::Black).bg(Color::White)
            } else {
                Style::default()
            };
            let drawn: Option<Vec<Line>> = if theme.ascii() {
                qr_ascii_lines(&inv.link, theme.has_color())
            } else {
                qr_lines(&inv.link, !theme.has_color()).map(|rows| {
                    rows.into_iter()
                        .map(|r| Line::from(Span::styled(r, qr)))
                        .collect()
                })
            };
            match drawn {
                // A clipped or wrapped code cannot be scanned: ask for room instead.
                Some(rows)
                    if rows.len() as u16 + 7 > area.height
                        || rows.first().map_or(0, |r| r.width()) as u16 + 4 > area.width =>
                {
                    lines.push(Line::from(Span::styled(
                        t!("invite.enlarge", rows = rows.len() + 9),
                        theme.warning(),
                    )));
                }
                Some(rows) => lines.extend(rows),
                None => lines.push(Line::raw(t!("invite.too_long"))),
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled(format!("{}  ", t!("invite.link")), theme.header()),
                Span::raw(inv.link.clone()),
            ]));
            lines.push(Line::raw(t!("invite.how")));
        }
    }
    if let Some(news) = &state.last_association {
        lines.push(Line::from(Span::styled(news.clone(), theme.ok())));
    }
    lines.push(Line::from(Span::styled(
        t!(
            "invite.keys",
            copy = super::widgets::key_of(state, crate::app::keymap::Action::Copy)
        ),
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
    widgets::clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(
                theme
                    .block()
                    .title(Span::styled(t!("invite.title"), theme.title())),
            ),
        rect,
    );
}
