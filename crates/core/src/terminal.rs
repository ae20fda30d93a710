//! What the console needs of a terminal, shared by the console and `doctor`: how many
//! colours it shows and the smallest size the panes are drawn at.

/// Below this the console shows a notice instead of its panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

/// How many colours the terminal shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ColorDepth {
    /// None at all (NO_COLOR, `--mono`, TERM=dumb): attributes only.
    None,
    /// The 16 named ANSI colours.
    #[default]
    Ansi16,
    /// The 256-colour palette.
    Ansi256,
    /// 24-bit colour (COLORTERM=truecolor); the console uses the 256-colour palette.
    TrueColor,
}

impl ColorDepth {
    /// The depth a terminal shows, from `TERM`, `COLORTERM` and whether `NO_COLOR` is
    /// set to something non-empty (no-color.org).
    pub fn detect(term: Option<&str>, colorterm: Option<&str>, no_color: bool) -> ColorDepth {
        let term = term.unwrap_or("").trim();
        if no_color || term == "dumb" {
            return ColorDepth::None;
        }
        let colorterm = colorterm.unwrap_or("").trim().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }

    /// [`ColorDepth::detect`] on this process's environment.
    pub fn from_env() -> ColorDepth {
        let var = |k: &str| std::env::var(k).ok();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        ColorDepth::detect(
            var("TERM").as_deref(),
            var("COLORTERM").as_deref(),
            no_color,
        )
    }

    /// The config's `color` value: `auto` is `Some(None)` (detect), a depth is
    /// `Some(Some(depth))`, anything else `None`.
    pub fn parse_setting(value: &str) -> Option<Option<ColorDepth>> {
        Some(match value.trim().to_ascii_lowercase().as_str() {
            "auto" => None,
            "none" => Some(ColorDepth::None),
            "16" => Some(ColorDepth::Ansi16),
            "256" => Some(ColorDepth::Ansi256),
            "truecolor" | "24bit" => Some(ColorDepth::TrueColor),
            _ => return None,
        })
    }
}
