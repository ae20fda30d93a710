//! The command line's help in the user's language. English is the derive's doc comments
//! (clap's own wording); another locale takes `[cli_help]` from its locale file, keyed by
//! the command path (`orders pay`), an argument of that command (`orders pay --credit`,
//! `orders pay <order_ids>`) or an argument many commands share (`--json`). The root
//! command is `partner-console`; the headings and clap's own flags have their own keys.

use clap::{Arg, ArgAction, Command};

use crate::i18n::{self, Locale};

const TABLE: &str = "cli_help";

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
    let mut missing = Vec::new();
    let mut used: Vec<String> = [
        "usage",
        "options",
        "arguments",
        "commands",
        "help_flag",
        "version_flag",
        "help_command",
        "default",
        "possible_values",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    walk(cmd, locale, "", &mut missing, &mut used);
    let unused = i18n::keys_in(locale, TABLE)
        .into_iter()
        .filter(|k| !used.contains(k))
        .collect();
    missing.sort();
    missing.dedup();
    (missing, unused)
}
