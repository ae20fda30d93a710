//! The command line's help in the user's language. English is the derive's doc comments
//! (clap's own wording); another locale takes `[cli_help]` from its locale file, keyed by
//! the command path (`orders pay`), an argument of that command (`orders pay --credit`,
//! `orders pay <order_ids>`) or an argument many commands share (`--json`). The root
//! command is `partner-console`; the headings and clap's own flags have their own keys.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::builder::styling::Styles;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command};

use pc_core::i18n::{self, Locale};

const TABLE: &str = "cli_help";

/// The `[cli_help]` texts of command-line errors (`Localized`).
const ERROR_KEYS: &[&str] = &[
    "error",
    "error.used_twice",
    "error.conflict",
    "error.subcommand_conflict",
    "error.conflict_with_others",
    "error.conflicting_arguments",
    "error.no_equals",
    "error.value_required",
    "error.invalid_value",
    "error.unknown_subcommand",
    "error.missing_arguments",
    "error.missing_subcommand",
    "error.subcommands",
    "error.too_many_values",
    "error.too_few_values",
    "error.wrong_number_of_values",
    "error.unknown_argument",
    "error.bad_command_line",
    "error.because",
    "error.tip",
    "error.similar_subcommand",
    "error.similar_argument",
    "error.similar_value",
    "error.try_help",
    "error.not_a_number",
    "error.not_negative",
    "error.invalid_utf8",
    "error.pass_as_value",
    "error.exists",
    "error.remove_dashes",
    "error.number_too_large",
    "error.number_too_small",
    "error.not_in_range",
    "error.not_an_address",
];

/// `cmd` with its help in the current locale (unchanged in English).
pub fn localize(cmd: Command) -> Command {
    let locale = i18n::current();
    if locale == Locale::En {
        return cmd;
    }
    let mut cmd = localize_in(cmd, locale, "");
    // clap adds its `help` subcommands when it builds the tree: word them after.
    cmd.build();
    help_commands(cmd, locale)
}

fn help_commands(cmd: Command, locale: Locale) -> Command {
    each_subcommand(cmd, |sub| {
        if sub.get_name() == "help" {
            match text(locale, "help_command") {
                Some(about) => sub.about(about),
                None => sub,
            }
        } else {
            help_commands(sub, locale)
        }
    })
}

/// `cmd` with `f` applied to each of its subcommands.
fn each_subcommand(mut cmd: Command, f: impl Fn(Command) -> Command) -> Command {
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, &f);
    }
    cmd
}

/// An argument's help, its default and its possible values (clap would add those in
/// English), in `locale`; the English help where the locale has none.
fn help_of(arg: &Arg, keys: &[String], locale: Locale) -> String {
    let mut help = keys
        .iter()
        .find_map(|k| text(locale, k))
        .map(str::to_string)
        .or_else(|| arg.get_help().map(|h| h.to_string()))
        .unwrap_or_default();
    if !arg.get_action().takes_values() {
        return help;
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    for (items, hidden, label) in [
        (defaults, arg.is_hide_default_value_set(), "default"),
        (values, arg.is_hide_possible_values_set(), "possible_values"),
    ] {
        if !items.is_empty()
            && !hidden
            && let Some(label) = text(locale, label)
        {
            help.push_str(&format!(" [{label}{}]", items.join(", ")));
        }
    }
    help
}

fn text(locale: Locale, key: &str) -> Option<&'static str> {
    i18n::text_in(locale, &format!("{TABLE}.{key}"))
}

/// How a key names an argument: `--long`, or `<id>` for a positional.
fn arg_key(arg: &Arg) -> String {
    match arg.get_long() {
        Some(long) if !arg.is_positional() => format!("--{long}"),
        _ => format!("<{}>", arg.get_id()),
    }
}

/// The command's own key: its path below the root, or the root's name.
fn command_key(cmd: &Command, path: &str) -> String {
    if path.is_empty() {
        cmd.get_name().to_string()
    } else {
        path.to_string()
    }
}

/// The keys that may give an argument's help, most specific first.
fn arg_keys(cmd: &Command, path: &str, arg: &Arg) -> [String; 2] {
    let name = arg_key(arg);
    [format!("{} {name}", command_key(cmd, path)), name]
}

fn sub_path(path: &str, sub: &Command) -> String {
    if path.is_empty() {
        sub.get_name().to_string()
    } else {
        format!("{path} {}", sub.get_name())
    }
}

/// Whether clap shows help for the argument (it has some and is not hidden).
fn shown(arg: &Arg) -> bool {
    !arg.is_hide_set() && arg.get_help().is_some()
}

fn localize_in(mut cmd: Command, locale: Locale, path: &str) -> Command {
    let heading = |key: &'static str| text(locale, key).unwrap_or(key);
    if let Some(about) = text(locale, &command_key(&cmd, path)) {
        cmd = cmd.about(about).long_about(None);
    }
    let args: Vec<(clap::Id, Option<String>, bool, bool)> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .map(|a| {
            let help = shown(a).then(|| help_of(a, &arg_keys(&cmd, path, a), locale));
            let takes_values = a.get_action().takes_values();
            (a.get_id().clone(), help, a.is_positional(), takes_values)
        })
        .collect();
    for (id, help, positional, takes_values) in args {
        let section = heading(if positional { "arguments" } else { "options" });
        cmd = cmd.mut_arg(id, |a| {
            let a = a.help_heading(section);
            match help {
                // `help_of` wrote the default and the values in this language.
                Some(h) if takes_values => a
                    .help(h)
                    .long_help(None)
                    .hide_default_value(true)
                    .hide_possible_values(true),
                Some(h) => a.help(h).long_help(None),
                None => a,
            }
        });
    }
    // clap's own flags, in this language.
    let own = |id: &'static str, short: char, action: ArgAction, help: &'static str| {
        Arg::new(id)
            .short(short)
            .long(id)
            .action(action)
            .help(heading(help))
            .help_heading(heading("options"))
    };
    cmd = cmd
        .disable_help_flag(true)
        .arg(own("help", 'h', ArgAction::Help, "help_flag"));
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(own(
            "version",
            'V',
            ArgAction::Version,
            "version_flag",
        ));
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        heading("usage")
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(heading("commands"));
    each_subcommand(cmd, |sub| {
        let p = sub_path(path, &sub);
        localize_in(sub, locale, &p)
    })
}

/// The `[cli_help]` keys a locale lacks for `cmd`'s visible commands and arguments,
/// and those it has that nothing uses (for the locale files' test).
pub fn coverage(cmd: &Command, locale: Locale) -> (Vec<String>, Vec<String>) {
    fn walk(
        cmd: &Command,
        locale: Locale,
        path: &str,
        missing: &mut Vec<String>,
        used: &mut Vec<String>,
    ) {
        let key = command_key(cmd, path);
        if cmd.get_about().is_some() {
            match text(locale, &key) {
                Some(_) => used.push(key),
                None => missing.push(key),
            }
        }
        for arg in cmd.get_arguments().filter(|a| shown(a)) {
            let keys = arg_keys(cmd, path, arg);
            match keys.iter().find(|k| text(locale, k).is_some()) {
                Some(k) => used.push(k.clone()),
                None => missing.push(keys[0].clone()),
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, locale, &sub_path(path, sub), missing, used);
        }
    }
    let own = [
        "usage",
        "options",
        "arguments",
        "commands",
        "help_flag",
        "version_flag",
        "help_command",
        "default",
        "possible_values",
    ];
    let own: Vec<String> = own
        .iter()
        .chain(ERROR_KEYS)
        .map(|s| s.to_string())
        .collect();
    let mut missing: Vec<String> = own
        .iter()
        .filter(|k| text(locale, k).is_none())
        .cloned()
        .collect();
    let mut used = own;
    walk(cmd, locale, "", &mut missing, &mut used);
    let unused = i18n::keys_in(locale, TABLE)
        .into_iter()
        .filter(|k| !used.contains(k))
        .collect();
    missing.sort();
    missing.dedup();
    (missing, unused)
}

/// Prints a command-line error, or the help or the version it stands for, and exits:
/// clap's own words in English, `[cli_help]`'s `error.*` in another locale.
pub fn exit(err: clap::Error, cmd: &mut Command) -> ! {
    let err = err.format(cmd);
    match err.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        | ErrorKind::DisplayVersion => err.exit(),
        _ if i18n::current() == Locale::En => err.exit(),
        _ => err.apply::<Localized>().exit(),
    }
}

/// clap's error worded from `[cli_help]` in the current locale: the same facts (the
/// argument, the value, the similar names, the usage) as clap's English.
pub struct Localized;

impl ErrorFormatter for Localized {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let styles = Styles::default();
        let (bad, good) = (styles.get_error(), styles.get_valid());
        let mut out = StyledStr::new();
        let _ = write!(out, "{bad}{}{bad:#}{}", say("error", &[]), message(error));
        let mut tips: Vec<String> = [
            (ContextKind::SuggestedSubcommand, "error.similar_subcommand"),
            (ContextKind::SuggestedArg, "error.similar_argument"),
            (ContextKind::SuggestedValue, "error.similar_value"),
        ]
        .into_iter()
        .filter_map(|(kind, key)| {
            let names = quoted(error.get(kind)?)?;
            Some(say(key, &[("names", &names)]))
        })
        .collect();
        if let Some(ContextValue::StyledStrs(more)) = error.get(ContextKind::Suggested) {
            tips.extend(more.iter().map(|t| tip(&t.to_string())));
        }
        if !tips.is_empty() {
            out.push_str("\n");
        }
        for tip in tips {
            let _ = write!(out, "\n  {good}{}{good:#}{tip}", say("error.tip", &[]));
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = match usage.strip_prefix("Usage:") {
                Some(rest) => format!("{}{}", label("usage"), rest.trim_start()),
                None => usage,
            };
            let _ = write!(out, "\n\n{usage}");
        }
        let _ = write!(
            out,
            "\n\n{}\n",
            say("error.try_help", &[("help", &"--help")])
        );
        out
    }
}

/// A `[cli_help]` text of the current locale, filled in.
fn say(key: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    i18n::tf(&format!("{TABLE}.{key}"), args)
}

/// A `[cli_help]` label of the current locale (its key when it has none).
fn label(key: &'static str) -> &'static str {
    text(i18n::current(), key).unwrap_or(key)
}

/// Names as clap's English quotes them: `'a', 'b'`.
fn quoted(value: &ContextValue) -> Option<String> {
    match value {
        ContextValue::String(v) => Some(format!("'{v}'")),
        ContextValue::Strings(vs) if !vs.is_empty() => Some(
            vs.iter()
                .map(|v| format!("'{v}'"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

/// `\n  [label a, b]` for a list of valid values, or nothing.
fn listed(key: &'static str, values: Option<&ContextValue>) -> String {
    match values {
        Some(ContextValue::Strings(vs)) if !vs.is_empty() => {
            format!("\n  [{}{}]", label(key), vs.join(", "))
        }
        _ => String::new(),
    }
}

/// What went wrong, from the error's kind and context; a plain "bad command line"
/// (with clap's cause) where the context lacks what the wording needs.
fn message(error: &clap::error::Error<Localized>) -> String {
    let string = |kind| match error.get(kind) {
        Some(ContextValue::String(v)) => Some(v.as_str()),
        _ => None,
    };
    let number = |kind| match error.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg);
    let value = string(ContextKind::InvalidValue);
    let worded = match error.kind() {
        ErrorKind::ArgumentConflict => {
            let prior = error.get(ContextKind::PriorArg);
            let others = prior.and_then(quoted);
            match (arg, string(ContextKind::InvalidSubcommand), others) {
                (Some(arg), _, _) if prior == Some(&ContextValue::String(arg.to_string())) => {
                    Some(say("error.used_twice", &[("arg", &arg)]))
                }
                (Some(arg), _, Some(others)) => {
                    Some(say("error.conflict", &[("arg", &arg), ("others", &others)]))
                }
                (Some(arg), _, None) => Some(say("error.conflict_with_others", &[("arg", &arg)])),
                (None, Some(sub), Some(others)) => Some(say(
                    "error.subcommand_conflict",
                    &[("arg", &sub), ("others", &others)],
                )),
                (None, _, Some(others)) => {
                    Some(say("error.conflicting_arguments", &[("others", &others)]))
                }
                (None, _, None) => None,
            }
        }
        ErrorKind::NoEquals => arg.map(|arg| say("error.no_equals", &[("arg", &arg)])),
        ErrorKind::InvalidValue => match (arg, value) {
            (Some(arg), Some("")) => Some(
                say("error.value_required", &[("arg", &arg)])
                    + &listed("possible_values", error.get(ContextKind::ValidValue)),
            ),
            (Some(arg), Some(value)) => Some(
                say("error.invalid_value", &[("arg", &arg), ("value", &value)])
                    + &listed("possible_values", error.get(ContextKind::ValidValue)),
            ),
            _ => None,
        },
        ErrorKind::InvalidSubcommand => string(ContextKind::InvalidSubcommand)
            .map(|command| say("error.unknown_subcommand", &[("command", &command)])),
        ErrorKind::MissingRequiredArgument => match error.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(args)) => Some(
                say("error.missing_arguments", &[])
                    + &args.iter().map(|a| format!("\n  {a}")).collect::<String>(),
            ),
            _ => None,
        },
        ErrorKind::MissingSubcommand => string(ContextKind::InvalidSubcommand).map(|command| {
            say("error.missing_subcommand", &[("command", &command)])
                + &listed("error.subcommands", error.get(ContextKind::ValidSubcommand))
        }),
        ErrorKind::TooManyValues => arg
            .zip(value)
            .map(|(arg, value)| say("error.too_many_values", &[("arg", &arg), ("value", &value)])),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let (key, expected) = if error.kind() == ErrorKind::TooFewValues {
                ("error.too_few_values", ContextKind::MinValues)
            } else {
                (
                    "error.wrong_number_of_values",
                    ContextKind::ExpectedNumValues,
                )
            };
            match (arg, number(expected), number(ContextKind::ActualNumValues)) {
                (Some(arg), Some(expected), Some(actual)) => Some(say(
                    key,
                    &[("arg", &arg), ("expected", &expected), ("actual", &actual)],
                )),
                _ => None,
            }
        }
        ErrorKind::ValueValidation => arg.zip(value).map(|(arg, value)| {
            let what = say("error.invalid_value", &[("arg", &arg), ("value", &value)]);
            match std::error::Error::source(error) {
                Some(source) => because(&what, &why(source, value)),
                None => what,
            }
        }),
        ErrorKind::UnknownArgument => {
            arg.map(|arg| say("error.unknown_argument", &[("arg", &arg)]))
        }
        ErrorKind::InvalidUtf8 => Some(say("error.invalid_utf8", &[])),
        _ => None,
    };
    worded.unwrap_or_else(|| {
        let what = say("error.bad_command_line", &[]);
        match std::error::Error::source(error) {
            Some(source) => because(&what, &source.to_string()),
            None => what,
        }
    })
}

fn because(what: &str, why: &str) -> String {
    say("error.because", &[("what", &what), ("why", &why)])
}

/// Why `value` was refused, for the parsers the commands use: numbers, bounds, the
/// mock's address; any other parser's message as it is (ours word theirs with t!).
fn why(source: &(dyn std::error::Error + 'static), value: &str) -> String {
    use std::num::IntErrorKind;
    if let Some(e) = source.downcast_ref::<std::num::ParseIntError>() {
        let key = match e.kind() {
            IntErrorKind::PosOverflow => "error.number_too_large",
            IntErrorKind::NegOverflow => "error.number_too_small",
            // An unsigned parser reads the minus sign as a bad digit.
            IntErrorKind::InvalidDigit if value.starts_with('-') => "error.not_negative",
            _ => "error.not_a_number",
        };
        return say(key, &[]);
    }
    if source.is::<std::net::AddrParseError>() {
        return say("error.not_an_address", &[]);
    }
    let text = source.to_string();
    // clap's ranged parsers say "{value} is not in {range}".
    match text.split_once(" is not in ") {
        Some((value, range)) => say(
            "error.not_in_range",
            &[("value", &value), ("range", &range)],
        ),
        None => text,
    }
}

/// One of clap's English tips in the current locale: the three it gives (pass a value
/// that looks like a flag after `--`, a flag that belongs to a subcommand, a `--` too
/// many); any other as it is.
fn tip(text: &str) -> String {
    if let Some(rest) = text.strip_prefix("to pass '")
        && let Some((arg, rest)) = rest.split_once("' as a value, use '")
        && let Some(written) = rest.strip_suffix('\'')
    {
        return say(
            "error.pass_as_value",
            &[("arg", &arg), ("written", &written)],
        );
    }
    if let Some(rest) = text.strip_prefix("subcommand '")
        && let Some(command) = rest.strip_suffix("' exists; to use it, remove the '--' before it")
    {
        return say("error.remove_dashes", &[("command", &command)]);
    }
    if let Some(name) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix("' exists"))
    {
        return say("error.exists", &[("name", &name)]);
    }
    text.to_string()
}
