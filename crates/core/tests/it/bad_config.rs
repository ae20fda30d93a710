//! Bad input to the config loader, as property tests: it takes any file and explains a
//! refusal naming the file; `resolve` takes any file, profile, flags and environment.

use std::path::PathBuf;

use pc_core::config;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use pc_testkit::proptest_cases as cases;
use pc_testkit::strategies::json_string;

// ------------------------------------------------------------------ config

/// A config file in its own temporary directory, removed on drop.
struct TempConfig {
    dir: PathBuf,
    path: PathBuf,
}

impl TempConfig {
    /// `loose`: readable by others (refused when it holds an SK).
    fn new(content: &[u8], loose: bool) -> TempConfig {
        let dir =
            std::env::temp_dir().join(format!("pc-bad-input-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let path = dir.join("config.toml");
        std::fs::write(&path, content).expect("the config file is written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = if loose { 0o644 } else { 0o600 };
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        }
        #[cfg(not(unix))]
        let _ = loose;
        TempConfig { dir, path }
    }
}

impl Drop for TempConfig {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const TOP_KEYS: [&str; 3] = ["default_profile", "refresh_interval_secs", "log_level"];
const PROFILE_KEYS: [&str; 6] = [
    "endpoint",
    "ak",
    "sk",
    "read_only",
    "partner_center",
    "platform_id",
];

/// A valid file, one line of which gets spoiled.
const VALID_CONFIG: [&str; 10] = [
    "default_profile = \"p\"",
    "refresh_interval_secs = 30",
    "log_level = \"info\"",
    "[profiles.p]",
    "endpoint = \"http://127.0.0.1:1\"",
    "ak = \"AK\"",
    "sk = \"SK\"",
    "read_only = false",
    "partner_center = true",
    "platform_id = \"partner_console_demo\"",
];

/// A TOML basic string holding `s`.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML value of any type, or no valid value at all.
fn toml_value() -> BoxedStrategy<String> {
    prop_oneof![
        json_string().prop_map(|s| toml_string(&s)),
        any::<i64>().prop_map(|n| n.to_string()),
        select(vec![
            "0",
            "1",
            "2",
            "3600",
            "3601",
            "-1",
            "99999999999999999999",
            "1.5",
            "-0.0",
            "inf",
            "nan",
            "+inf",
            "true",
            "false",
            "1979-05-27T07:32:00Z",
            "1979-05-27",
            "07:32:00",
            "[]",
            "[1, \"a\"]",
            "{ a = 1 }",
            "{}",
            "\"\"",
            "''",
            "'''x'''",
            "\"\"\"multi\nline\"\"\"",
            "\"unterminated",
            "[",
            "=",
            "\"debug\"",
            "\"loud\"",
            "\"http://127.0.0.1:1\"",
        ])
        .prop_map(String::from),
    ]
    .boxed()
}

/// One line of a config file: a real key with any value, a profile section, odd
/// structure, or anything.
fn toml_line() -> BoxedStrategy<String> {
    let mut keys: Vec<&'static str> = TOP_KEYS.to_vec();
    keys.extend(PROFILE_KEYS);
    let key = prop_oneof![
        4 => select(keys).prop_map(String::from),
        1 => "[a-z_]{1,10}",
    ];
    let name = prop_oneof!["[a-z]{1,8}", any::<String>().prop_map(|s| toml_string(&s)),];
    prop_oneof![
        6 => (key, toml_value()).prop_map(|(k, v)| format!("{k} = {v}")),
        2 => name.prop_map(|n| format!("[profiles.{n}]")),
        1 => select(vec![
            "[profiles]",
            "profiles = 3",
            "[[profiles]]",
            "[profiles.a.b]",
            "profiles.x.ak = \"A\"",
            "[default_profile]",
            "# comment",
            "",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ]
    .boxed()
}

fn near_valid_config(at: &Index, value: &str) -> String {
    let spoiled = at.index(VALID_CONFIG.len());
    VALID_CONFIG
        .iter()
        .enumerate()
        .map(|(i, line)| {
            if i != spoiled {
                return line.to_string();
            }
            match line.split_once(" = ") {
                Some((key, _)) => format!("{key} = {value}"),
                None => format!("[profiles.{value}]"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn config_bytes() -> BoxedStrategy<Vec<u8>> {
    prop_oneof![
        1 => any::<Vec<u8>>(),
        2 => any::<String>().prop_map(String::into_bytes),
        4 => prop::collection::vec(toml_line(), 0..14).prop_map(|lines| lines.join("\n").into_bytes()),
        4 => (any::<Index>(), toml_value()).prop_map(|(at, v)| near_valid_config(&at, &v).into_bytes()),
    ]
    .boxed()
}

fn maybe_text() -> BoxedStrategy<Option<String>> {
    prop::option::of(prop_oneof![
        select(vec!["p", "prod", "", " ", "AK", "http://127.0.0.1:1"]).prop_map(String::from),
        any::<String>(),
    ])
    .boxed()
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn any_config_file_loads_or_is_explained(
        content in config_bytes(),
        loose in any::<bool>(),
        profile in maybe_text(),
        endpoint in maybe_text(),
        read_only in any::<bool>(),
        env_ak in maybe_text(),
        env_sk in maybe_text(),
        env_endpoint in maybe_text(),
    ) {
        let file = TempConfig::new(&content, loose);
        let shown = file.path.display().to_string();
        if let Err(e) = config::load(&file.path) {
            let msg = e.to_string();
            prop_assert!(!msg.trim().is_empty(), "{e:?}");
            prop_assert!(msg.contains(&shown), "{msg} does not name {shown}");
        }
        let env = config::Env {
            ak: env_ak,
            sk: env_sk,
            endpoint: env_endpoint,
            ..Default::default()
        };
        let over = config::Overrides {
            config: Some(file.path.clone()),
            profile,
            endpoint,
            read_only,
            ..Default::default()
        };
        if let Err(e) = config::resolve(&over, &env, None) {
            prop_assert!(!e.to_string().trim().is_empty(), "{e:?}");
        }
        // The same file found at the default place, without flags.
        let bare = config::Overrides::default();
        if let Err(e) = config::resolve(&bare, &env, Some(file.path.clone())) {
            prop_assert!(!e.to_string().trim().is_empty(), "{e:?}");
        }
    }
}
