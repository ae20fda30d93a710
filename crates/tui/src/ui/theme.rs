//! Styles and glyphs. Colours go as deep as the terminal does (none, the 16 named ANSI
//! colours, or the 256-colour palette), and not at all under NO_COLOR or `--mono`:
//! then only attributes are used. Everything that colour says is also said in text.
//! With `--ascii` every border and separator is drawn with `+`, `-` and `|`.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::Block;

pub use pc_core::terminal::ColorDepth;

/// A border set of plain ASCII, for terminals (or fonts) without box drawing.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    depth: ColorDepth,
    ascii: bool,
}

impl Theme {
    pub fn new(depth: ColorDepth, ascii: bool) -> Theme {
        Theme { depth, ascii }
    }

    /// Whether any colour is used.
    pub fn has_color(&self) -> bool {
        self.depth != ColorDepth::None
    }

    /// Whether borders and separators are plain ASCII.
    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// `named` on a 16-colour terminal, `indexed` of the 256-colour palette on a richer
    /// one, nothing without colours.
    fn fg(&self, named: Color, indexed: u8) -> Style {
        match self.depth {
            ColorDepth::None => Style::default(),
            ColorDepth::Ansi16 => Style::default().fg(named),
            ColorDepth::Ansi256 | ColorDepth::TrueColor => {
                Style::default().fg(Color::Indexed(indexed))
            }
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan, 44).add_modifier(Modifier::BOLD)
    }
    pub fn tab(&self) -> Style {
        self.fg(Color::Gray, 250)
    }
    pub fn active_tab(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        self.fg(Color::Yellow, 179).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green, 78)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow, 214).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red, 203).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        match self.depth {
            ColorDepth::None => Style::default().add_modifier(Modifier::DIM),
            _ => self.fg(Color::DarkGray, 244),
        }
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Magenta, 177).add_modifier(Modifier::BOLD)
    }
    pub fn status_bar(&self) -> Style {
        Style::default()
    }

    /// The border set of every box.
    pub fn border_set(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    /// A box with borders all round, in the theme's border set: every bordered block
    /// of the view is one of these.
    pub fn block(&self) -> Block<'static> {
        Block::bordered().border_set(self.border_set())
    }

    /// The separator between the status bar's parts.
    pub fn separator(&self) -> &'static str {
        if self.ascii { "|" } else { "│" }
    }

    /// The text cursor drawn after an input's value.
    pub fn cursor(&self) -> &'static str {
        if self.ascii { "|" } else { "▏" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_from_the_environment() {
        use ColorDepth as D;
        for (term, colorterm, no_color, depth) in [
            (Some("xterm-256color"), None, true, D::None),
            (Some("xterm-256color"), Some("truecolor"), true, D::None),
            (Some("dumb"), Some("truecolor"), false, D::None),
            (
                Some("xterm-256color"),
                Some("truecolor"),
                false,
                D::TrueColor,
            ),
            (Some("xterm"), Some("24bit"), false, D::TrueColor),
            (Some("tmux-256color"), None, false, D::Ansi256),
            (Some("screen-256color"), Some(""), false, D::Ansi256),
            (Some("xterm"), None, false, D::Ansi16),
            (Some("linux"), None, false, D::Ansi16),
            (None, None, false, D::Ansi16),
        ] {
            assert_eq!(
                ColorDepth::detect(term, colorterm, no_color),
                depth,
                "{term:?} {colorterm:?} {no_color}"
            );
        }
    }

    #[test]
    fn config_values() {
        use ColorDepth as D;
        for (text, setting) in [
            ("auto", Some(None)),
            ("none", Some(Some(D::None))),
            ("16", Some(Some(D::Ansi16))),
            ("256", Some(Some(D::Ansi256))),
            ("TrueColor", Some(Some(D::TrueColor))),
            ("8", None),
        ] {
            assert_eq!(ColorDepth::parse_setting(text), setting, "{text}");
        }
    }

    #[test]
    fn each_depth_keeps_the_meanings() {
        let none = Theme::new(ColorDepth::None, false);
        assert_eq!(none.error().fg, None);
        assert!(none.error().add_modifier.contains(Modifier::BOLD));
        assert!(none.dim().add_modifier.contains(Modifier::DIM));
        assert_eq!(
            Theme::new(ColorDepth::Ansi16, false).error().fg,
            Some(Color::Red)
        );
        for depth in [ColorDepth::Ansi256, ColorDepth::TrueColor] {
            let t = Theme::new(depth, false);
            assert_eq!(t.error().fg, Some(Color::Indexed(203)));
            assert_ne!(t.ok().fg, t.error().fg);
            assert_ne!(t.header().fg, t.warning().fg);
        }
    }

    #[test]
    fn ascii_draws_no_box_drawing() {
        let t = Theme::new(ColorDepth::Ansi16, true);
        let set = t.border_set();
        for glyph in [
            set.top_left,
            set.top_right,
            set.bottom_left,
            set.bottom_right,
            set.vertical_left,
            set.vertical_right,
            set.horizontal_top,
            set.horizontal_bottom,
            t.separator(),
            t.cursor(),
        ] {
            assert!(glyph.is_ascii(), "{glyph:?}");
        }
        assert_eq!(Theme::new(ColorDepth::Ansi16, false).separator(), "│");
    }
}
