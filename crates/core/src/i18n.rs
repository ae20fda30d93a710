//! Locale strings: the texts the console shows (and the script commands share with it)
//! come from `assets/locales/en.toml` or `assets/locales/zh-CN.toml`, looked up by a
//! dotted key (`status.balance`) with `{name}` placeholders. The locale is chosen at
//! start (config `locale`, else `LC_ALL` / `LC_MESSAGES` / `LANG`; English for `--json`);
//! tests switch it per thread with [`with_locale`]. The mock backend never uses them.
//!
//! Call sites use the [`t!`](crate::t) macro: `t!("help.closes")` is a `&'static str`,
//! `t!("status.balance", amount = money)` a `String`.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt::{Display, Write as _};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    ZhCn,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::ZhCn];

    /// The tag the config writes (`locale = "zh-CN"`).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::ZhCn => "zh-CN",
        }
    }

    /// The `X-Language` Huawei's APIs take for names in their answers.
    pub fn x_language(self) -> &'static str {
        match self {
            Locale::En => "en_US",
            Locale::ZhCn => "zh_CN",
        }
    }

    /// A config value or a POSIX locale name: `en`, `en_US.UTF-8`, `C`, `POSIX` are
    /// English; `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh_SG`, `zh-Hans` are Simplified Chinese;
    /// anything else (including traditional `zh_TW`, `zh-Hant`) is `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        // `zh_CN.UTF-8@euro` → `zh-cn`.
        let base = tag.trim().split(['.', '@']).next().unwrap_or("");
        let lower = base.to_ascii_lowercase().replace('_', "-");
        if lower == "c" || lower == "posix" {
            return Some(Locale::En);
        }
        let mut parts = lower.split('-');
        match parts.next() {
            Some("en") => Some(Locale::En),
            Some("zh") => {
                let traditional = parts.any(|p| matches!(p, "tw" | "hk" | "mo" | "hant"));
                (!traditional).then_some(Locale::ZhCn)
            }
            _ => None,
        }
    }

    /// The configured locale if there is one, else the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` (as POSIX reads them), else English.
    pub fn detect(configured: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Locale {
        if let Some(l) = configured.and_then(Locale::from_tag) {
            return l;
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(&env)
            .find(|v| !v.trim().is_empty())
            .and_then(|v| Locale::from_tag(&v))
            .unwrap_or_default()
    }

    fn index(self) -> u8 {
        match self {
            Locale::En => 0,
            Locale::ZhCn => 1,
        }
    }

    fn from_index(i: u8) -> Locale {
        match i {
            1 => Locale::ZhCn,
            _ => Locale::En,
        }
    }
}

/// The process's locale, set by `main` at start.
static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A test's locale for this thread, over the process's.
    static OVERRIDE: Cell<Option<Locale>> = const { Cell::new(None) };
}

/// Sets the process's locale (at start, before anything is shown).
pub fn set(locale: Locale) {
    CURRENT.store(locale.index(), Ordering::Relaxed);
}

/// Where texts are shown. A text that names the console's keys ("Press r for a new
/// code") has a script wording naming flags and commands instead, under
/// `[for_scripts]` in the locale files (keyed by the console text's key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Surface {
    #[default]
    Console,
    Script,
}

static SURFACE: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A test's surface for this thread, over the process's.
    static SURFACE_OVERRIDE: Cell<Option<Surface>> = const { Cell::new(None) };
}

/// Sets where this process's texts are shown (a script command sets it at start).
pub fn set_surface(surface: Surface) {
    SURFACE.store(surface as u8, Ordering::Relaxed);
}

fn surface() -> Surface {
    SURFACE_OVERRIDE.with(Cell::get).unwrap_or_else(|| {
        if SURFACE.load(Ordering::Relaxed) == Surface::Script as u8 {
            Surface::Script
        } else {
            Surface::Console
        }
    })
}

/// Runs `f` with `surface` on this thread only, restoring the previous one after.
pub fn with_surface<R>(surface: Surface, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Surface>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SURFACE_OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(SURFACE_OVERRIDE.with(|o| o.replace(Some(surface))));
    f()
}

/// The table of script wordings.
const FOR_SCRIPTS: &str = "for_scripts";

/// The locale texts are looked up in now, on this thread.
pub fn current() -> Locale {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or_else(|| Locale::from_index(CURRENT.load(Ordering::Relaxed)))
}

/// Runs `f` with `locale` on this thread only, restoring the previous one after (also
/// when `f` panics). For tests: the process's locale is untouched.
pub fn with_locale<R>(locale: Locale, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Locale>);
    impl Drop for Restore {
        fn drop(&mut self) {
            OVERRIDE.with(|o| o.set(self.0));
        }
    }
    let _restore = Restore(OVERRIDE.with(|o| o.replace(Some(locale))));
    f()
}

const EN_TOML: &str = include_str!("../assets/locales/en.toml");
const ZH_CN_TOML: &str = include_str!("../assets/locales/zh-CN.toml");

type Strings = HashMap<String, String>;

fn source(locale: Locale) -> &'static str {
    match locale {
        Locale::En => EN_TOML,
        Locale::ZhCn => ZH_CN_TOML,
    }
}

/// The TOML's tables flattened to `table.key` → text.
fn parse(text: &str) -> Result<Strings, String> {
    fn flatten(prefix: &str, table: &toml::Table, out: &mut Strings) -> Result<(), String> {
        for (k, v) in table {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::String(s) => {
                    out.insert(key, s.clone());
                }
                toml::Value::Table(t) => flatten(&key, t, out)?,
                other => return Err(format!("{key}: a text is expected, not {other}")),
            }
        }
        Ok(())
    }
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Strings::new();
    flatten("", &table, &mut out)?;
    Ok(out)
}

fn strings(locale: Locale) -> &'static Strings {
    static EN: OnceLock<Strings> = OnceLock::new();
    static ZH_CN: OnceLock<Strings> = OnceLock::new();
    let cell = match locale {
        Locale::En => &EN,
        Locale::ZhCn => &ZH_CN,
    };
    // The files are built in and a test parses them: an error cannot reach a user, but
    // if it did the keys would show rather than a panic.
    cell.get_or_init(|| parse(source(locale)).unwrap_or_default())
}

/// A key nobody wrote a text for, kept once so it can be shown as `&'static str`.
fn missing(key: &str) -> &'static str {
    static MISSING: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = match MISSING.get_or_init(Default::default).lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    };
    if let Some(k) = seen.get(key) {
        return k;
    }
    let leaked: &'static str = Box::leak(key.to_owned().into_boxed_str());
    seen.insert(leaked);
    leaked
}

/// The text of `key` in the current locale; English when the locale lacks it; the key
/// itself when no file has it (so a missing text shows, never panics).
pub fn t(key: &str) -> &'static str {
    let locale = current();
    if surface() == Surface::Script
        && let Some(text) = find(locale, &format!("{FOR_SCRIPTS}.{key}"))
    {
        return text;
    }
    lookup(locale, key)
}

/// The text in `locale`, else in English.
pub(crate) fn find(locale: Locale, key: &str) -> Option<&'static str> {
    strings(locale)
        .get(key)
        .or_else(|| strings(Locale::En).get(key))
        .map(String::as_str)
}

/// The text of `key` in `locale` alone (no English in its place), if it has one.
pub fn text_in(locale: Locale, key: &str) -> Option<&'static str> {
    strings(locale).get(key).map(String::as_str)
}

/// The keys of `locale`'s table `table`, without the table's name.
pub fn keys_in(locale: Locale, table: &str) -> Vec<String> {
    let prefix = format!("{table}.");
    let mut keys: Vec<String> = strings(locale)
        .keys()
        .filter_map(|k| k.strip_prefix(&prefix).map(str::to_string))
        .collect();
    keys.sort();
    keys
}

fn lookup(locale: Locale, key: &str) -> &'static str {
    find(locale, key).unwrap_or_else(|| missing(key))
}

/// The text of `key` with each `{name}` replaced by its value; placeholders without a
/// value stay as written.
pub fn tf(key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(t(key), args)
}

fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                let _ = write!(out, "{v}");
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A localized text by its key: alone, a `&'static str`; with `name = value` pairs, a
/// `String` with each `{name}` replaced by the value's `Display`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::t($key)
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tf(
            $key,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The `{name}` placeholders of a text.
    fn placeholders(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if let Some(close) = rest.find('}') {
                let name = &rest[..close];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.insert(name.to_string());
                }
            }
        }
        out
    }

    #[test]
    fn both_files_parse_and_have_the_same_keys_and_placeholders() {
        let en = parse(EN_TOML).expect("en.toml");
        let zh = parse(ZH_CN_TOML).expect("zh-CN.toml");
        assert!(!en.is_empty());
        let en_keys: BTreeSet<&String> = en.keys().collect();
        // The command line's English help is clap's doc comments: only other languages
        // have a `[cli_help]` (its own test checks it against the commands).
        let zh_keys: BTreeSet<&String> =
            zh.keys().filter(|k| !k.starts_with("cli_help.")).collect();
        let only_en: Vec<_> = en_keys.difference(&zh_keys).collect();
        let only_zh: Vec<_> = zh_keys.difference(&en_keys).collect();
        assert!(only_en.is_empty(), "missing in zh-CN.toml: {only_en:?}");
        assert!(only_zh.is_empty(), "missing in en.toml: {only_zh:?}");
        for (k, e) in &en {
            assert_eq!(
                placeholders(e),
                placeholders(&zh[k]),
                "{k}: placeholders differ between en and zh-CN"
            );
        }
    }

    /// A script wording replaces a console text that exists, with no placeholder the
    /// console text lacks (the code fills only the console text's).
    #[test]
    fn script_wordings_replace_existing_texts() {
        for (file, text) in [("en", EN_TOML), ("zh-CN", ZH_CN_TOML)] {
            let all = parse(text).expect(file);
            let prefix = format!("{FOR_SCRIPTS}.");
            let mut n = 0;
            for (k, v) in &all {
                let Some(key) = k.strip_prefix(&prefix) else {
                    continue;
                };
                n += 1;
                let console = all
                    .get(key)
                    .unwrap_or_else(|| panic!("{file}: {k} replaces no text"));
                assert!(
                    placeholders(v).is_subset(&placeholders(console)),
                    "{file}: {k} has a placeholder {key} lacks"
                );
                assert_ne!(v, console, "{file}: {k} says the same");
            }
            assert!(n > 5, "{file}: only {n} script wordings");
        }
        let console = t("refusal.code_expired_next");
        let script = with_surface(Surface::Script, || t("refusal.code_expired_next"));
        assert!(console.contains("Press r"), "{console}");
        assert!(script.contains("--code"), "{script}");
        assert!(!script.contains("Press"), "{script}");
        // Texts without a script wording read the same on both.
        assert_eq!(
            with_surface(Surface::Script, || t("help.closes")),
            t("help.closes")
        );
        with_locale(Locale::ZhCn, || {
            let zh = with_surface(Surface::Script, || t("refusal.code_expired_next"));
            assert!(zh.contains("--code") && zh != script, "{zh}");
        });
    }

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn tags_and_environment_choose_the_locale() {
        for tag in ["en", "en_US.UTF-8", "en-GB", "C", "C.UTF-8", "POSIX"] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::En), "{tag}");
        }
        for tag in [
            "zh-CN",
            "zh_CN.UTF-8",
            "zh_SG",
            "zh-Hans",
            "zh",
            "zh_CN.GB18030",
        ] {
            assert_eq!(Locale::from_tag(tag), Some(Locale::ZhCn), "{tag}");
        }
        for tag in ["", "fr_FR.UTF-8", "zh_TW.UTF-8", "zh-Hant", "de", "english"] {
            assert_eq!(Locale::from_tag(tag), None, "{tag}");
        }
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }

        // The config wins over the environment.
        assert_eq!(
            Locale::detect(Some("en"), env(&[("LANG", "zh_CN.UTF-8")])),
            Locale::En
        );
        assert_eq!(Locale::detect(Some("zh-CN"), env(&[])), Locale::ZhCn);
        // Then LC_ALL, LC_MESSAGES, LANG: the first that is set and not empty.
        assert_eq!(
            Locale::detect(
                None,
                env(&[
                    ("LC_ALL", ""),
                    ("LC_MESSAGES", "zh_CN.UTF-8"),
                    ("LANG", "en_US.UTF-8")
                ])
            ),
            Locale::ZhCn
        );
        assert_eq!(
            Locale::detect(None, env(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")])),
            Locale::En
        );
        assert_eq!(
            Locale::detect(None, env(&[("LANG", "zh_SG.UTF-8")])),
            Locale::ZhCn
        );
        // An unknown language, or nothing at all: English.
        assert_eq!(
            Locale::detect(None, env(&[("LANG", "fr_FR.UTF-8")])),
            Locale::En
        );
        assert_eq!(Locale::detect(None, env(&[])), Locale::En);
    }

    #[test]
    fn with_locale_switches_this_thread_and_restores() {
        assert_eq!(current(), Locale::En);
        let inside = with_locale(Locale::ZhCn, || {
            assert_eq!(current(), Locale::ZhCn);
            // Nested: the inner one wins, the outer comes back.
            with_locale(Locale::En, || assert_eq!(current(), Locale::En));
            assert_eq!(current(), Locale::ZhCn);
            t("help.closes")
        });
        assert_eq!(inside, lookup(Locale::ZhCn, "help.closes"));
        assert_ne!(inside, t("help.closes"));
        assert_eq!(current(), Locale::En);
        // A panic inside does not leave the locale behind.
        let caught = std::panic::catch_unwind(|| {
            with_locale(Locale::ZhCn, || {
                if current() == Locale::ZhCn {
                    panic!("inside");
                }
            });
        });
        assert!(caught.is_err());
        assert_eq!(current(), Locale::En);
    }

    #[test]
    fn missing_keys_show_themselves_and_placeholders_fill() {
        assert_eq!(t("no.such.key"), "no.such.key");
        assert_eq!(t("no.such.key"), "no.such.key");
        with_locale(Locale::ZhCn, || assert_eq!(t("no.such.key"), "no.such.key"));
        assert_eq!(
            fill("{a} and {b}, {a}; {c} {", &[("a", &1), ("b", &"two")]),
            "1 and two, 1; {c} {"
        );
        assert_eq!(fill("¥{amount}", &[("amount", &"5.00")]), "¥5.00");
        assert_eq!(fill("no placeholders", &[]), "no placeholders");
        let n = 3;
        assert_eq!(crate::t!("modal.attempts_left", n = n), "3 attempts left");
    }

    /// Every key given to the `t!` macro in the source is a key of en.toml.
    #[test]
    fn every_key_used_in_the_source_exists() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        // Every crate's sources and the binary's: they all say `t!`.
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        walk(&root.join("crates"), &mut files);
        walk(&root.join("src"), &mut files);
        assert!(files.len() > 10, "the source tree was found");
        let en = parse(EN_TOML).expect("en.toml");
        let needle = concat!("t", "!(");
        let mut unknown = Vec::new();
        let mut used = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            for (at, _) in text.match_indices(needle) {
                // `format!("` ends the same way: only a `t` that starts a word counts.
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // The key may be on the next line, after the macro's opening parenthesis.
                let Some(rest) = text[at + needle.len()..].trim_start().strip_prefix('"') else {
                    continue;
                };
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                used += 1;
                if !en.contains_key(key) {
                    unknown.push(format!("{}: {key}", f.display()));
                }
            }
        }
        assert!(used > 50, "only {used} uses found");
        assert!(unknown.is_empty(), "keys not in en.toml: {unknown:#?}");
    }
}
