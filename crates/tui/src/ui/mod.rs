//! The view: a pure function of the state onto a ratatui frame. Tabs on top, the pane
//! (or its detail) in the middle, the status bar (or the input line) at the bottom,
//! toasts and overlays above. State is always shown as text, never by colour alone.

pub mod columns;
pub mod create;
pub mod detail;
pub mod funds;
pub mod invite;
pub mod modal;
pub mod panes;
pub mod price;
pub mod realname;
pub mod theme;
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::app::{Health, Overlay, Pane, State};
use pc_core::format;
use theme::Theme;
use widgets::centered;
pub use widgets::{frame_block, notice};

pub use pc_core::terminal::{MIN_HEIGHT, MIN_WIDTH};

pub fn view(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(state.session.colors, state.session.ascii);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = t!(
            "app.too_small",
            width = area.width,
            height = area.height,
            min_width = MIN_WIDTH,
            min_height = MIN_HEIGHT
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let toasts = crate::app::state::toast_lines_at(state, area.width);
    let [tabs, main, band, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(toasts.len() as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(state, &theme, frame, tabs);
    match &state.detail {
        Some(d) => detail::render(state, d, &theme, frame, main),
        None => panes::render(state, &theme, frame, main),
    }
    match &state.overlay {
        Some(Overlay::Filter(input)) => render_input(
            frame,
            bottom,
            &format!("/{} ", ""),
            input,
            &theme,
            state.pane.filter_hint(),
        ),
        Some(Overlay::Command(input)) => {
            render_input(frame, bottom, ":", input, &theme, t!("app.command_hint"))
        }
        _ => render_status(state, &theme, frame, bottom),
    }
    render_toasts(&toasts, &theme, frame, band);
    match &state.overlay {
        Some(Overlay::Help) => render_help(state, &theme, frame, main),
        Some(Overlay::Inbox) if state.modal.is_none() => render_inbox(state, &theme, frame, main),
        Some(Overlay::Recharge) => funds::render_recharge(state, &theme, frame, main),
        Some(Overlay::Invite) => invite::render(state, &theme, frame, main),
        Some(Overlay::Profile) => funds::render_profile(state, &theme, frame, main),
        Some(Overlay::Agreements(at)) => funds::render_agreements(state, *at, &theme, frame, main),
        Some(Overlay::NewCustomer(form)) => create::render(form, &theme, frame, main),
        Some(Overlay::Realname(form)) => realname::render(form, &theme, frame, main),
        Some(Overlay::Price(form)) => price::render(form, &theme, frame, main),
        _ => {}
    }
    if let Some(m) = &state.modal {
        modal::render(state, m, &theme, frame, main);
        if matches!(state.overlay, Some(Overlay::Inbox)) {
            render_inbox(state, &theme, frame, main);
        }
    }
}

/// The first of `candidates` (richest first, made only as far as needed) that fits
/// `width` display columns, else the last: a narrow terminal gets the short forms,
/// never a cut line.
fn fitting<'a>(width: u16, candidates: impl IntoIterator<Item = Vec<Span<'a>>>) -> Line<'a> {
    let mut last = Vec::new();
    for spans in candidates {
        if spans.iter().map(Span::width).sum::<usize>() <= width as usize {
            return Line::from(spans);
        }
        last = spans;
    }
    Line::from(last)
}

fn render_tabs(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    // Richest first: the title and every tab's name; then without the title; then the
    // other tabs by their short names; then by their numbers alone.
    // The renewals found, once gathered, beside the tab's name (given up before the
    // other tabs' names are).
    let count = |pane: Pane, counted: bool| match (pane, state.renewals_progress) {
        (Pane::Renewals, Some(p)) if counted => format!(" {}", p.found),
        _ => String::new(),
    };
    let tabs = |short: bool, bare: bool, counted: bool| -> Vec<Span> {
        Pane::ALL
            .iter()
            .map(|pane| {
                let number = pane.number();
                let n = count(*pane, counted);
                if *pane == state.pane {
                    // Brackets as well as the highlight, so the active tab reads
                    // without colour.
                    Span::styled(
                        format!("[{number} {}{n}]", pane.label()),
                        theme.active_tab(),
                    )
                } else if bare {
                    Span::styled(format!(" {number} "), theme.tab())
                } else if short {
                    Span::styled(format!(" {number} {}{n} ", pane.short_label()), theme.tab())
                } else {
                    Span::styled(format!(" {number} {}{n} ", pane.label()), theme.tab())
                }
            })
            .collect()
    };
    // (titled, short, bare, counted), richest first.
    let levels = [
        (true, false, false, true),
        (false, false, false, true),
        (false, true, false, true),
        (false, true, false, false),
        (false, true, true, true),
    ];
    let line = fitting(
        area.width,
        levels.into_iter().map(|(titled, short, bare, counted)| {
            let mut spans = tabs(short, bare, counted);
            if titled {
                spans.insert(0, Span::styled(t!("app.title"), theme.title()));
            }
            spans
        }),
    );
    frame.render_widget(Paragraph::new(line), area);
}

fn render_status(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = &state.session;
    let sep = theme.separator();
    let who_full = if s.partner_kind.is_empty() {
        s.partner_name.clone()
    } else {
        format!("{} ({})", s.partner_name, role(&s.partner_kind))
    };
    let mut balances = Vec::new();
    if let Some(list) = &state.balances {
        for kind in [1, 8] {
            if let Some(b) = list.iter().find(|b| b.account_type == kind) {
                let amount = format::money(b.amount);
                let text = if kind == 1 {
                    t!("status.balance", amount = amount)
                } else {
                    t!("status.allocatable", amount = amount)
                };
                balances.push(Span::raw(format!("{sep} {text} ")));
            }
        }
    }
    let health = match &state.health {
        Health::Unknown => Span::raw(format!("{sep} {} ", t!("status.backend_unknown"))),
        Health::Ok(latency) => Span::styled(
            format!(
                "{sep} {} ",
                t!("status.backend_ok", ms = latency.as_millis())
            ),
            theme.ok(),
        ),
        Health::Error(e) => Span::styled(
            format!(
                "{sep} {} ",
                t!(
                    "status.backend_error",
                    error = e.chars().take(40).collect::<String>()
                )
            ),
            theme.error(),
        ),
    };
    // What always shows: the profile, read-only, an export's progress, the backend's
    // health and how to get help; the rest gives way, least needed first.
    let line = |who: Option<&str>, balances: &[Span<'static>], keys: &str| -> Vec<Span<'static>> {
        let mut parts = vec![Span::styled(format!(" {} ", s.profile), theme.title())];
        if let Some(who) = who {
            parts.push(Span::raw(format!(" {who} ")));
        }
        if s.read_only {
            parts.push(Span::styled(t!("status.read_only"), theme.warning()));
        }
        if let Some(e) = &state.export {
            let of = e
                .total
                .map(|total| t!("status.export_of", total = total))
                .unwrap_or_default();
            parts.push(Span::styled(
                t!(
                    "status.exporting",
                    pane = e.pane.label(),
                    rows = e.rows,
                    of = of
                ),
                theme.warning(),
            ));
        }
        parts.extend(balances.iter().cloned());
        parts.push(health.clone());
        parts.push(Span::styled(format!("{sep} {keys}"), theme.dim()));
        parts
    };
    let (full_keys, short_keys) = (t!("status.keys"), t!("status.keys_short"));
    let first_balance = &balances[..balances.len().min(1)];
    let levels: [(Option<&str>, &[Span<'static>], &str); 6] = [
        (Some(&who_full), &balances, full_keys),
        (Some(&who_full), &balances, short_keys),
        (Some(&s.partner_name), &balances, short_keys),
        (Some(&s.partner_name), first_balance, short_keys),
        (Some(&s.partner_name), &[], short_keys),
        (None, &[], short_keys),
    ];
    let line = fitting(
        area.width,
        levels
            .into_iter()
            .map(|(who, balances, keys)| line(who, balances, keys)),
    );
    frame.render_widget(Paragraph::new(line).style(theme.status_bar()), area);
}

/// The partner's role as the status bar names it.
pub(crate) fn role(kind: &str) -> &str {
    match kind {
        "distributor" => t!("role.distributor"),
        "solution provider" => t!("role.solution_provider"),
        "government" => t!("role.government"),
        other => other,
    }
}

fn render_input(
    frame: &mut Frame,
    area: Rect,
    prompt: &str,
    input: &tui_input::Input,
    theme: &Theme,
    hint: &str,
) {
    use unicode_width::UnicodeWidthChar;
    let prompt = prompt.trim_end();
    let start = area.x + prompt.width() as u16 + 1;
    let width = area.right().saturating_sub(start) as usize;
    // tui-input counts in display columns; skip whole characters until that many
    // columns are scrolled out (a Chinese character is two columns).
    let scroll = input.visual_scroll(width.max(1));
    let mut skipped = 0;
    let shown: String = input
        .value()
        .chars()
        .skip_while(|c| {
            let skip = skipped < scroll;
            if skip {
                skipped += c.width().unwrap_or(0);
            }
            skip
        })
        .collect();
    let mut spans = vec![
        Span::styled(prompt.to_string(), theme.title()),
        Span::raw(" "),
    ];
    if input.value().is_empty() {
        spans.push(Span::styled(hint.to_string(), theme.dim()));
    } else {
        spans.push(Span::raw(shown));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let cursor = input.visual_cursor().saturating_sub(skipped) as u16;
    frame.set_cursor_position(((start + cursor).min(area.right().saturating_sub(1)), area.y));
}

/// The toasts in their band: one line each (a long one on several), errors in red.
fn render_toasts(lines: &[(String, bool)], theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines: Vec<Line> = lines
        .iter()
        .map(|(text, error)| {
            let style = if *error { theme.error() } else { theme.ok() };
            Line::from(Span::styled(format!(" {text}"), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_help(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let entry = |(action, keys): &(crate::app::keymap::Action, Vec<String>)| {
        let what = if *action == crate::app::keymap::Action::Orders {
            t!("help.panes")
        } else {
            action.describe_on(state.pane, state.detail.is_some())
        };
        vec![
            Span::styled(format::pad(&keys.join(" "), 10), theme.key()),
            Span::raw(format::pad(what, 24)),
        ]
    };
    use crate::app::keymap::Action;
    let detail = state.detail.is_some();
    let panes: Vec<Action> = Action::ALL
        .into_iter()
        .filter(|a| crate::app::keys::pane_of(*a).is_some())
        .collect();
    // Only what works here; the pane keys as one entry.
    let mut bindings: Vec<(Action, Vec<String>)> = state
        .keymap
        .describe()
        .into_iter()
        .filter(|(a, _)| a.works_on(state.pane, detail) && !panes.contains(a))
        .collect();
    let pane_keys: Vec<String> = panes
        .iter()
        .filter_map(|a| state.keymap.first_key(*a))
        .collect();
    let at = bindings.len().min(13);
    bindings.insert(at, (Action::Orders, vec![pane_keys.join("")]));
    // Two columns, so that the help fits an 80×24 terminal.
    let half = bindings.len().div_ceil(2);
    let heading = if detail {
        t!("help.heading_detail", pane = state.pane.label())
    } else {
        t!("help.heading", pane = state.pane.label())
    };
    let mut lines = vec![Line::from(Span::styled(heading, theme.title()))];
    for i in 0..half {
        let mut spans = entry(&bindings[i]);
        if let Some(right) = bindings.get(i + half) {
            spans.extend(entry(right));
        }
        lines.push(Line::from(spans));
    }
    let hint = state.pane.filter_hint();
    if !hint.is_empty() && !detail {
        lines.push(Line::from(vec![
            Span::styled(t!("help.filter"), theme.key()),
            Span::raw(hint),
        ]));
    }
    lines.push(Line::from(Span::styled(t!("help.closes"), theme.dim())));
    let rect = centered(area, 72, lines.len() as u16 + 3);
    widgets::clear(frame, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.block().title(t!("help.title"))),
        rect,
    );
}

fn render_inbox(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut lines: Vec<Line> = if state.inbox.is_empty() {
        vec![Line::raw(t!("inbox.empty"))]
    } else {
        state
            .inbox
            .iter()
            .rev()
            .map(|m| {
                Line::from(vec![
                    Span::styled(
                        format!(
                            "{} ",
                            format::time(&m.created_at, state.session.utc_offset_secs)
                        ),
                        theme.dim(),
                    ),
                    Span::styled(
                        format!(
                            "{} {} ",
                            m.channel.to_uppercase(),
                            format::mask_phone(Some(&m.recipient))
                        ),
                        theme.key(),
                    ),
                    Span::raw(m.body.clone()),
                ])
            })
            .collect()
    };
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(t!("inbox.closes"), theme.dim())));
    // As tall as the messages wrap to, within the screen.
    let width = area.width.saturating_sub(4);
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    let height = u16::try_from(text.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    let rect = centered(area, width, height.saturating_add(2).min(area.height));
    widgets::clear(frame, rect);
    frame.render_widget(
        text.block(
            theme
                .block()
                .title(t!("inbox.title"))
                .title_style(theme.title().add_modifier(Modifier::BOLD)),
        ),
        rect,
    );
}
