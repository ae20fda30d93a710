//! Configuration: a TOML file of profiles (endpoint, credentials, read-only), merged with
//! the environment the Huawei SDKs use and the command line. An SK-bearing file that
//! group or others can read is refused, as ssh refuses a loose private key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::credentials::{self, FileCredentials, Source, Sources};
use crate::terminal::ColorDepth;
use pc_client::Credentials;

pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
pub const ENV_ENDPOINT: &str = "PARTNER_CONSOLE_ENDPOINT";
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(30);
/// Every environment variable of the Huawei SDKs that settings are taken from.
pub const SDK_ENV: [&str; 6] = [
    ENV_AK,
    ENV_SK,
    credentials::ENV_DOMAIN_ID,
    credentials::ENV_SECURITY_TOKEN,
    credentials::ENV_IAM_ENDPOINT,
    credentials::ENV_CREDENTIALS_FILE,
];

/// The file, as written. Unknown keys are errors, so a typo is never silently ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    /// Seconds between background refreshes of the visible pane (2–3600).
    pub refresh_interval_secs: Option<u64>,
    /// Seconds one call may take, answer read whole (5–600; 60 by default). The
    /// console waits in the background, never in a frame.
    pub request_timeout_secs: Option<u64>,
    /// `error` | `warn` | `info` | `debug` | `trace` (RUST_LOG overrides it).
    pub log_level: Option<String>,
    /// `auto` (from TERM, COLORTERM and NO_COLOR) | `none` | `16` | `256` | `truecolor`.
    pub color: Option<String>,
    /// `en` | `zh-CN`: the language of the screen and the script commands' messages
    /// (unset: from LC_ALL, LC_MESSAGES or LANG).
    pub locale: Option<String>,
    /// Borders in plain ASCII, for terminals or fonts without box drawing.
    #[serde(default)]
    pub ascii: bool,
    /// Mouse capture: wheel and click select rows (off: the terminal selects text).
    #[serde(default)]
    pub mouse: bool,
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileFile>,
    /// Keys over the defaults: `pay = "P"`, `down = ["j", "Ctrl-n"]` (see `:keys`).
    #[serde(default)]
    pub keys: BTreeMap<String, KeyList>,
}

/// One key or several, for an action in `[keys]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(ks) => ks.clone(),
        }
    }
}

#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    pub endpoint: Option<String>,
    pub ak: Option<String>,
    pub sk: Option<String>,
    #[serde(default)]
    pub read_only: bool,
    /// Force the Partner Center features on or off instead of asking the backend.
    pub partner_center: Option<bool>,
    /// The partner's platform id from Huawei: the `xaccount_type` of new customers.
    pub platform_id: Option<String>,
    /// The account (domain) id of the AK: sent as `X-Domain-Id`. Asked of IAM once
    /// (and kept) when nothing names it.
    pub domain_id: Option<String>,
    /// The security token of temporary credentials (with their AK and SK).
    pub security_token: Option<String>,
    /// Where the account and project ids are asked (default: Huawei's IAM for Huawei's
    /// endpoints, the endpoint itself for any other backend).
    pub iam_endpoint: Option<String>,
    /// `cn` or `intl`: the Huawei site whose API the endpoint is (default: from the
    /// endpoint's host, `bss-intl.…` and `.eu` being international).
    pub site: Option<String>,
}

/// `Debug` never shows the SK or the security token.
impl std::fmt::Debug for ProfileFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileFile")
            .field("endpoint", &self.endpoint)
            .field("ak", &self.ak)
            .field("sk", &credentials::redacted(&self.sk))
            .field("read_only", &self.read_only)
            .field("partner_center", &self.partner_center)
            .field("platform_id", &self.platform_id)
            .field("domain_id", &self.domain_id)
            .field(
                "security_token",
                &credentials::redacted(&self.security_token),
            )
            .field("iam_endpoint", &self.iam_endpoint)
            .field("site", &self.site)
            .finish()
    }
}

/// What the command line says.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
    pub read_only: bool,
    /// `--domain-id`: the account id, over every other source.
    pub domain_id: Option<String>,
}

/// The environment variables that matter, passed in so that tests need not touch the
/// process environment.
#[derive(Clone, Default)]
pub struct Env {
    pub ak: Option<String>,
    pub sk: Option<String>,
    pub endpoint: Option<String>,
    pub domain_id: Option<String>,
    pub security_token: Option<String>,
    pub iam_endpoint: Option<String>,
    /// The SDKs' shared credentials file: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else
    /// `~/.huaweicloud/credentials` (read when it exists).
    pub credentials_file: Option<PathBuf>,
    /// The file was named by `HUAWEICLOUD_SDK_CREDENTIALS_FILE`: it must exist.
    pub credentials_file_named: bool,
}

/// `Debug` never shows the SK or the security token.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Env")
            .field("ak", &self.ak)
            .field("sk", &credentials::redacted(&self.sk))
            .field("endpoint", &self.endpoint)
            .field("domain_id", &self.domain_id)
            .field(
                "security_token",
                &credentials::redacted(&self.security_token),
            )
            .field("iam_endpoint", &self.iam_endpoint)
            .field("credentials_file", &self.credentials_file)
            .field("credentials_file_named", &self.credentials_file_named)
            .finish()
    }
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k| {
            std::env::var(k)
                .ok()
                .filter(|v: &String| !v.trim().is_empty())
        };
        Env {
            ak: var(ENV_AK),
            sk: var(ENV_SK),
            endpoint: var(ENV_ENDPOINT),
            domain_id: var(credentials::ENV_DOMAIN_ID),
            security_token: var(credentials::ENV_SECURITY_TOKEN),
            iam_endpoint: var(credentials::ENV_IAM_ENDPOINT),
            credentials_file_named: var(credentials::ENV_CREDENTIALS_FILE).is_some(),
            credentials_file: var(credentials::ENV_CREDENTIALS_FILE)
                .map(PathBuf::from)
                .or_else(|| {
                    directories::BaseDirs::new()
                        .map(|d| d.home_dir().join(".huaweicloud").join("credentials"))
                }),
        }
    }
}

/// Everything the console needs to start, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The profile's name, or `env` when everything came from the environment.
    pub profile: String,
    pub endpoint: String,
    /// AK, SK, and the account id and security token when given.
    pub credentials: Credentials,
    /// Where the account and project ids are asked.
    pub iam_endpoint: String,
    /// Where each credential setting came from.
    pub sources: Sources,
    /// The Huawei site whose API the endpoint is.
    pub site: pc_api::site::Site,
    pub read_only: bool,
    pub partner_center: Option<bool>,
    /// The `xaccount_type` of customers this partner creates, if configured.
    pub platform_id: Option<String>,
    pub refresh_interval: Duration,
    /// How long one call may take.
    pub request_timeout: Duration,
    pub log_level: Option<String>,
    /// The configured colour depth; `None`: detect it (`color = "auto"`, the default).
    pub color: Option<ColorDepth>,
    /// The configured language as a tag (`en`, `zh-CN`); `None`: from the environment.
    pub locale: Option<String>,
    pub ascii: bool,
    pub mouse: bool,
    /// The file read, if any.
    pub source: Option<PathBuf>,
    /// `[keys]`: action name → keys, checked when the keymap is built.
    pub keys: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    Parse {
        path: PathBuf,
        message: String,
    },
    TooOpen {
        path: PathBuf,
    },
    UnknownProfile {
        name: String,
        known: Vec<String>,
    },
    Missing(String),
    Invalid(String),
}

/// In the user's language (the messages of `Missing` and `Invalid` already are).
impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            ConfigError::Read { path, source } => {
                t!("config.cannot_read", path = path.display(), error = source)
            }
            ConfigError::Parse { path, message } => {
                t!("config.not_valid", path = path.display(), error = message)
            }
            ConfigError::TooOpen { path } => t!("config.too_open", path = path.display()),
            ConfigError::UnknownProfile { name, known } => t!(
                "config.unknown_profile",
                name = format!("{name:?}"),
                known = known_profiles(known)
            ),
            ConfigError::Missing(m) | ConfigError::Invalid(m) => m.clone(),
        };
        f.write_str(&text)
    }
}

fn known_profiles(known: &[String]) -> String {
    if known.is_empty() {
        t!("config.no_profiles").into()
    } else {
        t!("config.profiles", names = known.join(", "))
    }
}

/// The default file: `<platform config dir>/config.toml`, e.g.
/// `~/.config/partner-console/config.toml` on Linux.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "partner-console")
        .map(|d| d.config_dir().join("config.toml"))
}

/// Reads and checks a config file.
pub fn load(path: &Path) -> Result<ConfigFile, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    // A file others can read is refused before it is parsed when it seems to hold a
    // secret: its parse errors would show the lines around the mistake.
    if holds_a_secret(&text) && readable_by_others(path) {
        return Err(ConfigError::TooOpen {
            path: path.to_path_buf(),
        });
    }
    let file: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.to_path_buf(),
        message: parse_error(&text, &e),
    })?;
    if file
        .profiles
        .values()
        .any(|p| p.sk.is_some() || p.security_token.is_some())
        && readable_by_others(path)
    {
        return Err(ConfigError::TooOpen {
            path: path.to_path_buf(),
        });
    }
    Ok(file)
}

/// Whether the endpoint carries a user name or password (`http://user:pass@host`):
/// the HTTP client would send them in clear, before the signed header.
fn has_userinfo(endpoint: &str) -> bool {
    endpoint
        .trim()
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
        .is_some_and(|authority| authority.contains('@'))
}

/// Whether a line of the file sets a secret (`sk = …`), parsed or not.
fn holds_a_secret(text: &str) -> bool {
    text.lines().any(|l| {
        let key = l.split('=').next().unwrap_or("").trim().trim_matches('"');
        key == "sk" || key == "security_token"
    })
}

/// A parse error without the file's text: toml's own message quotes the lines around
/// the mistake, and that line may be the secret key. Only where and what.
fn parse_error(text: &str, e: &toml::de::Error) -> String {
    let place = e.span().map(|span| {
        let before = text.get(..span.start).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    });
    let what = e.message().trim_end_matches('\n');
    match place {
        Some((line, column)) => t!("config.parse_at", line = line, column = column, what = what),
        None => what.to_string(),
    }
}

#[cfg(unix)]
fn readable_by_others(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o044 != 0)
}

#[cfg(not(unix))]
fn readable_by_others(_: &Path) -> bool {
    false
}

/// Resolves the settings: `--config` (or the default file, if it exists), the profile
/// (`--profile`, else `default_profile`, else the only one), then the environment and
/// the command line over it.
pub fn resolve(
    over: &Overrides,
    env: &Env,
    default_file: Option<PathBuf>,
) -> Result<Settings, ConfigError> {
    let (file, source) = match (&over.config, default_file) {
        (Some(path), _) => (load(path)?, Some(path.clone())),
        (None, Some(path)) if path.exists() => (load(&path)?, Some(path)),
        _ => (ConfigFile::default(), None),
    };
    let known: Vec<String> = file.profiles.keys().cloned().collect();
    let chosen = over
        .profile
        .clone()
        .or_else(|| file.default_profile.clone())
        .or_else(|| (known.len() == 1).then(|| known[0].clone()));
    let (name, profile) = match chosen {
        Some(name) => match file.profiles.get(&name) {
            Some(p) => (name, p.clone()),
            None => return Err(ConfigError::UnknownProfile { name, known }),
        },
        None if known.is_empty() => ("env".to_string(), ProfileFile::default()),
        None => {
            return Err(ConfigError::Missing(t!(
                "config.several_profiles",
                names = known.join(", ")
            )));
        }
    };
    let endpoint = over
        .endpoint
        .clone()
        .or_else(|| env.endpoint.clone())
        .or(profile.endpoint.clone())
        .ok_or_else(|| ConfigError::Missing(t!("config.no_endpoint", env = ENV_ENDPOINT)))?;
    // The SDKs' file is read whenever it is there, but a broken or too open one only
    // stops a run that needs it (no AK/SK elsewhere) or that named it.
    let needs_file =
        env.ak.is_none() && env.sk.is_none() && (profile.ak.is_none() || profile.sk.is_none());
    let file_credentials = match read_credentials_file(env) {
        Ok(f) => f,
        Err(e) if needs_file || env.credentials_file_named => return Err(e),
        Err(e) => {
            tracing::warn!("the SDKs' credentials file is not used: {e}");
            None
        }
    };
    let (file_path, from_file) = match &file_credentials {
        Some((path, f)) => (path.clone(), f.clone()),
        None => (PathBuf::new(), FileCredentials::default()),
    };
    // AK, SK and security token come as a set, from the first place that has the pair:
    // a token works with its own AK only.
    let (mut credentials, ak_sk_source) = match (&env.ak, &env.sk) {
        (Some(ak), Some(sk)) => (
            Credentials {
                security_token: env.security_token.clone(),
                ..Credentials::new(ak.clone(), sk.clone())
            },
            Source::Environment(ENV_AK),
        ),
        (Some(_), None) | (None, Some(_)) => {
            return Err(ConfigError::Missing(t!(
                "config.half_credentials",
                env_ak = ENV_AK,
                env_sk = ENV_SK
            )));
        }
        (None, None) => match (&profile.ak, &profile.sk, &from_file.ak, &from_file.sk) {
            (Some(ak), Some(sk), _, _) => (
                Credentials {
                    security_token: profile.security_token.clone(),
                    ..Credentials::new(ak.clone(), sk.clone())
                },
                Source::Profile(name.clone()),
            ),
            (None, None, Some(ak), Some(sk)) => (
                Credentials {
                    security_token: from_file.security_token.clone(),
                    ..Credentials::new(ak.clone(), sk.clone())
                },
                Source::CredentialsFile(file_path.clone()),
            ),
            _ => {
                return Err(ConfigError::Missing(t!(
                    "config.no_credentials",
                    env_ak = ENV_AK,
                    env_sk = ENV_SK,
                    profile = format!("{name:?}")
                )));
            }
        },
    };
    credentials.security_token = credentials.security_token.filter(|t| !t.trim().is_empty());
    let token_source = credentials
        .security_token
        .as_ref()
        .map(|_| match &ak_sk_source {
            Source::Environment(_) => Source::Environment(credentials::ENV_SECURITY_TOKEN),
            other => other.clone(),
        });
    let (domain_id, domain_source) = first([
        (over.domain_id.clone(), Source::CommandLine),
        (
            env.domain_id.clone(),
            Source::Environment(credentials::ENV_DOMAIN_ID),
        ),
        (profile.domain_id.clone(), Source::Profile(name.clone())),
        (
            from_file.domain_id.clone(),
            Source::CredentialsFile(file_path.clone()),
        ),
    ]);
    credentials.domain_id = domain_id;
    let (iam_endpoint, iam_source) = first([
        (
            env.iam_endpoint.clone(),
            Source::Environment(credentials::ENV_IAM_ENDPOINT),
        ),
        (profile.iam_endpoint.clone(), Source::Profile(name.clone())),
        (
            from_file.iam_endpoint.clone(),
            Source::CredentialsFile(file_path.clone()),
        ),
    ]);
    let (iam_endpoint, iam_source) = match (iam_endpoint, iam_source) {
        (Some(iam), Some(source)) => (iam, source),
        _ => (pc_client::default_iam_endpoint(&endpoint), Source::Default),
    };
    if has_userinfo(&iam_endpoint) {
        return Err(ConfigError::Invalid(
            t!("config.endpoint_credentials").into(),
        ));
    }
    let site = match profile.site.as_deref() {
        None => pc_api::site::Site::of_endpoint(&endpoint),
        Some(text) => pc_api::site::Site::parse(text).ok_or_else(|| {
            ConfigError::Invalid(t!("config.bad_site", value = format!("{text:?}")))
        })?,
    };
    let sources = Sources {
        ak_sk: ak_sk_source,
        domain_id: domain_source,
        security_token: token_source,
        iam_endpoint: iam_source,
    };
    if credentials.ak.trim().is_empty() || credentials.sk.trim().is_empty() {
        return Err(ConfigError::Missing(t!("config.empty_credentials").into()));
    }
    let key_like = |k: &str| !k.chars().any(|c| c.is_whitespace() || c.is_control());
    if !key_like(&credentials.ak)
        || !key_like(&credentials.sk)
        || !credentials.domain_id.as_deref().is_none_or(key_like)
        || !credentials.security_token.as_deref().is_none_or(key_like)
    {
        return Err(ConfigError::Invalid(t!("config.bad_credentials").into()));
    }
    if has_userinfo(&endpoint) {
        return Err(ConfigError::Invalid(
            t!("config.endpoint_credentials").into(),
        ));
    }
    let refresh_interval = match file.refresh_interval_secs {
        None => DEFAULT_REFRESH,
        Some(s) if (2..=3600).contains(&s) => Duration::from_secs(s),
        Some(s) => {
            return Err(ConfigError::Invalid(t!("config.bad_refresh", value = s)));
        }
    };
    let request_timeout = match file.request_timeout_secs {
        None => pc_client::DEFAULT_TIMEOUT,
        Some(s) if (5..=600).contains(&s) => Duration::from_secs(s),
        Some(s) => {
            return Err(ConfigError::Invalid(t!("config.bad_timeout", value = s)));
        }
    };
    if let Some(level) = &file.log_level
        && !["error", "warn", "info", "debug", "trace"].contains(&level.as_str())
    {
        return Err(ConfigError::Invalid(t!(
            "config.bad_log_level",
            value = format!("{level:?}")
        )));
    }
    let color = match &file.color {
        None => None,
        Some(value) => ColorDepth::parse_setting(value).ok_or_else(|| {
            ConfigError::Invalid(t!("config.bad_color", value = format!("{value:?}")))
        })?,
    };
    let locale = file
        .locale
        .as_deref()
        .map(|value| {
            crate::i18n::Locale::from_tag(value)
                .map(|l| l.tag().to_string())
                .ok_or_else(|| {
                    ConfigError::Invalid(t!("config.bad_locale", value = format!("{value:?}")))
                })
        })
        .transpose()?;
    Ok(Settings {
        profile: name,
        endpoint,
        credentials,
        iam_endpoint,
        sources,
        site,
        read_only: over.read_only || profile.read_only,
        partner_center: profile.partner_center,
        platform_id: profile.platform_id.clone().filter(|p| !p.trim().is_empty()),
        refresh_interval,
        request_timeout,
        log_level: file.log_level.clone(),
        color,
        locale,
        ascii: file.ascii,
        mouse: file.mouse,
        source,
        keys: file
            .keys
            .iter()
            .map(|(a, k)| (a.clone(), k.keys()))
            .collect(),
    })
}

/// The client the settings describe: the endpoint, the credentials (with the account id
/// when known), the IAM endpoint, and names in the user's language. The account id,
/// when not configured, is learnt with [`credentials::with_domain`].
pub fn client(
    settings: &Settings,
    timeout: Duration,
) -> Result<pc_client::Client, pc_client::ClientError> {
    Ok(
        pc_client::Client::with_timeout(&settings.endpoint, settings.credentials.clone(), timeout)?
            .with_iam(&settings.iam_endpoint)?
            .with_language(crate::i18n::current().x_language()),
    )
}

/// The first value given, and where it came from.
fn first<const N: usize>(
    candidates: [(Option<String>, Source); N],
) -> (Option<String>, Option<Source>) {
    candidates
        .into_iter()
        .find_map(|(value, source)| {
            value
                .filter(|v| !v.trim().is_empty())
                .map(|v| (Some(v.trim().to_string()), Some(source)))
        })
        .unwrap_or((None, None))
}

/// The SDKs' shared credentials file, when there is one: refused when it holds a secret
/// key others can read, or cannot be read as INI.
fn read_credentials_file(env: &Env) -> Result<Option<(PathBuf, FileCredentials)>, ConfigError> {
    let Some(path) = &env.credentials_file else {
        return Ok(None);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !env.credentials_file_named => {
            return Ok(None);
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.clone(),
                source,
            });
        }
    };
    let file = credentials::parse_credentials_file(&text).map_err(|e| ConfigError::Parse {
        path: path.clone(),
        message: t!("config.parse_at", line = e.line, column = 1, what = e.what),
    })?;
    if (file.sk.is_some() || file.security_token.is_some()) && readable_by_others(path) {
        return Err(ConfigError::TooOpen { path: path.clone() });
    }
    Ok(Some((path.clone(), file)))
}

/// A config file with a mode, in a folder of its own that goes with it (tests; the
/// feature `testing` lends it to other crates' tests).
#[cfg(any(test, feature = "testing"))]
#[allow(clippy::unwrap_used)]
pub mod testing {
    use std::path::PathBuf;

    pub struct TempFile(pub PathBuf);

    impl TempFile {
        pub fn new(text: &str, mode: u32) -> TempFile {
            let dir =
                std::env::temp_dir().join(format!("pc-config-{}", uuid::Uuid::new_v4().simple()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("config.toml");
            std::fs::write(&path, text).unwrap();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            }
            #[cfg(not(unix))]
            let _ = mode;
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            if let Some(dir) = self.0.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::testing::TempFile;

    const TWO: &str = r#"
default_profile = "prod"
refresh_interval_secs = 10
[profiles.prod]
endpoint = "https://bss.myhuaweicloud.com"
ak = "PRODAK"
sk = "prod-sk"
[profiles.demo]
endpoint = "http://127.0.0.1:8080"
ak = "DEMOAK"
sk = "demo-sk"
read_only = true
"#;

    fn with_file(path: &Path) -> Overrides {
        Overrides {
            config: Some(path.to_path_buf()),
            ..Default::default()
        }
    }

    /// An environment with the SDKs' credentials file at `path` (and nothing else).
    fn with_credentials_file(path: &Path) -> Env {
        Env {
            credentials_file: Some(path.to_path_buf()),
            ..Default::default()
        }
    }

    const SDK_FILE: &str = "[basic]\nak = BASICAK\nsk = basic-sk\n[global]\nak = FILEAK\nsk = file-sk\ndomain_id = filedomain\nsecurity_token = file-token\niam_endpoint = https://iam.file.example\n";

    #[test]
    fn the_site_follows_the_endpoint_unless_the_profile_names_it() {
        let env = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            ..Default::default()
        };
        let at = |endpoint: &str| Overrides {
            endpoint: Some(endpoint.into()),
            ..Default::default()
        };
        use pc_api::site::Site;
        let site = |o: &Overrides| resolve(o, &env, None).unwrap().site;
        assert_eq!(site(&at("https://bss.myhuaweicloud.com")), Site::Cn);
        assert_eq!(site(&at("https://bss-intl.myhuaweicloud.com")), Site::Intl);
        let f = TempFile::new("[profiles.p]\nsite = \"intl\"\n", 0o600);
        let named = Overrides {
            endpoint: Some("http://127.0.0.1:9".into()),
            ..with_file(&f.0)
        };
        assert_eq!(site(&named), Site::Intl);
        let bad = TempFile::new("[profiles.p]\nsite = \"eu\"\n", 0o600);
        let e = resolve(
            &Overrides {
                endpoint: Some("http://127.0.0.1:9".into()),
                ..with_file(&bad.0)
            },
            &env,
            None,
        )
        .unwrap_err();
        assert!(e.to_string().contains("cn or intl"), "{e}");
    }

    #[test]
    fn the_sdks_credentials_file_is_enough() {
        let creds = TempFile::new(SDK_FILE, 0o600);
        let over = Overrides {
            endpoint: Some("https://bss.myhuaweicloud.com".into()),
            ..Default::default()
        };
        let s = resolve(&over, &with_credentials_file(&creds.0), None).unwrap();
        assert_eq!(s.credentials.ak, "FILEAK", "[global], not [basic]");
        assert_eq!(s.credentials.sk, "file-sk");
        assert_eq!(s.credentials.domain_id.as_deref(), Some("filedomain"));
        assert_eq!(s.credentials.security_token.as_deref(), Some("file-token"));
        assert_eq!(s.iam_endpoint, "https://iam.file.example");
        let file = Source::CredentialsFile(creds.0.clone());
        assert_eq!(
            s.sources,
            Sources {
                ak_sk: file.clone(),
                domain_id: Some(file.clone()),
                security_token: Some(file.clone()),
                iam_endpoint: file,
            }
        );
        // Readable by others while it holds a secret: refused, as the config would be.
        let open = TempFile::new(SDK_FILE, 0o644);
        assert!(matches!(
            resolve(&over, &with_credentials_file(&open.0), None),
            Err(ConfigError::TooOpen { .. })
        ));
        // Named by HUAWEICLOUD_SDK_CREDENTIALS_FILE and missing: said; at the default
        // place and missing: no file.
        let missing = std::env::temp_dir().join("pc-no-such-dir/credentials");
        let named = Env {
            credentials_file_named: true,
            ak: Some("A".into()),
            sk: Some("S".into()),
            ..with_credentials_file(&missing)
        };
        assert!(matches!(
            resolve(&over, &named, None),
            Err(ConfigError::Read { .. })
        ));
        let default_place = Env {
            credentials_file_named: false,
            ..named
        };
        assert_eq!(
            resolve(&over, &default_place, None).unwrap().credentials.ak,
            "A"
        );
        // A broken file says the line, never the text.
        let broken = TempFile::new("[global]\nsk-SECRET\n", 0o600);
        let e = resolve(&over, &with_credentials_file(&broken.0), None).unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(!e.to_string().contains("SECRET"), "{e}");
        // … but only stops a run that needs it: AK/SK from elsewhere go on.
        let elsewhere = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            ..with_credentials_file(&broken.0)
        };
        assert_eq!(
            resolve(&over, &elsewhere, None).unwrap().credentials.ak,
            "A"
        );
        let open_elsewhere = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            ..with_credentials_file(&open.0)
        };
        assert!(resolve(&over, &open_elsewhere, None).is_ok());
        // No secret of the file or the environment in Debug output.
        let shown = format!(
            "{:?} {:?}",
            crate::credentials::parse_credentials_file(SDK_FILE).unwrap(),
            Env {
                sk: Some("env-secret".into()),
                security_token: Some("env-token".into()),
                ..Default::default()
            }
        );
        for secret in ["file-sk", "file-token", "env-secret", "env-token"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn command_line_over_environment_over_profile_over_credentials_file() {
        let creds = TempFile::new(SDK_FILE, 0o600);
        let config = TempFile::new(
            "[profiles.p]\nendpoint = \"http://127.0.0.1:9\"\nak = \"PROFAK\"\nsk = \"prof-sk\"\ndomain_id = \"profdomain\"\niam_endpoint = \"http://127.0.0.1:10\"\n",
            0o600,
        );
        let file_only = with_credentials_file(&creds.0);
        // The profile's pair over the file's; the file's token does not go with it.
        let s = resolve(&with_file(&config.0), &file_only, None).unwrap();
        assert_eq!(s.credentials.ak, "PROFAK");
        assert_eq!(s.credentials.security_token, None);
        assert_eq!(s.credentials.domain_id.as_deref(), Some("profdomain"));
        assert_eq!(s.iam_endpoint, "http://127.0.0.1:10");
        assert_eq!(s.sources.ak_sk, Source::Profile("p".into()));
        assert_eq!(s.sources.security_token, None);
        // The environment's over the profile's, its token with its pair.
        let env = Env {
            ak: Some("ENVAK".into()),
            sk: Some("env-sk".into()),
            security_token: Some("env-token".into()),
            domain_id: Some("envdomain".into()),
            iam_endpoint: Some("http://127.0.0.1:11".into()),
            ..file_only.clone()
        };
        let s = resolve(&with_file(&config.0), &env, None).unwrap();
        assert_eq!(s.credentials.ak, "ENVAK");
        assert_eq!(s.credentials.security_token.as_deref(), Some("env-token"));
        assert_eq!(s.credentials.domain_id.as_deref(), Some("envdomain"));
        assert_eq!(s.iam_endpoint, "http://127.0.0.1:11");
        assert_eq!(
            s.sources.security_token,
            Some(Source::Environment(credentials::ENV_SECURITY_TOKEN))
        );
        assert_eq!(
            s.sources.domain_id,
            Some(Source::Environment(credentials::ENV_DOMAIN_ID))
        );
        // The command line's account id over all.
        let over = Overrides {
            domain_id: Some("flagdomain".into()),
            ..with_file(&config.0)
        };
        let s = resolve(&over, &env, None).unwrap();
        assert_eq!(s.credentials.domain_id.as_deref(), Some("flagdomain"));
        assert_eq!(s.sources.domain_id, Some(Source::CommandLine));
        // Nothing names the account: IAM will be asked, at the endpoint itself for a
        // backend that is not Huawei's, at Huawei's IAM for Huawei's.
        let bare = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            ..Default::default()
        };
        let at = |endpoint: &str| Overrides {
            endpoint: Some(endpoint.into()),
            ..Default::default()
        };
        let s = resolve(&at("http://127.0.0.1:9"), &bare, None).unwrap();
        assert_eq!((s.credentials.domain_id, s.sources.domain_id), (None, None));
        assert_eq!(s.iam_endpoint, "http://127.0.0.1:9");
        assert_eq!(s.sources.iam_endpoint, Source::Default);
        let s = resolve(&at("https://bss.myhuaweicloud.com"), &bare, None).unwrap();
        assert_eq!(s.iam_endpoint, "https://iam.myhuaweicloud.com");
        // A token or account id with a line break in it is refused like a bad key.
        let bad = Env {
            security_token: Some("tok\nen".into()),
            ..bare.clone()
        };
        assert!(matches!(
            resolve(&at("http://127.0.0.1:9"), &bad, None),
            Err(ConfigError::Invalid(_))
        ));
    }

    #[test]
    fn profiles_default_and_chosen() {
        let f = TempFile::new(TWO, 0o600);
        let s = resolve(&with_file(&f.0), &Env::default(), None).unwrap();
        assert_eq!(
            (s.profile.as_str(), s.credentials.ak.as_str()),
            ("prod", "PRODAK")
        );
        assert_eq!(s.refresh_interval, Duration::from_secs(10));
        assert!(!s.read_only);
        let demo = Overrides {
            profile: Some("demo".into()),
            ..with_file(&f.0)
        };
        let s = resolve(&demo, &Env::default(), None).unwrap();
        assert_eq!(
            (s.endpoint.as_str(), s.read_only),
            ("http://127.0.0.1:8080", true)
        );
        let missing = Overrides {
            profile: Some("staging".into()),
            ..with_file(&f.0)
        };
        let err = resolve(&missing, &Env::default(), None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("staging") && err.contains("demo, prod"),
            "{err}"
        );
    }

    #[test]
    fn environment_and_command_line_win() {
        let f = TempFile::new(TWO, 0o600);
        let env = Env {
            ak: Some("ENVAK".into()),
            sk: Some("env-sk".into()),
            endpoint: Some("http://env:1".into()),
            ..Default::default()
        };
        let s = resolve(&with_file(&f.0), &env, None).unwrap();
        assert_eq!(
            (s.credentials.ak.as_str(), s.endpoint.as_str()),
            ("ENVAK", "http://env:1")
        );
        let over = Overrides {
            endpoint: Some("http://flag:2".into()),
            read_only: true,
            ..with_file(&f.0)
        };
        let s = resolve(&over, &env, None).unwrap();
        assert_eq!((s.endpoint.as_str(), s.read_only), ("http://flag:2", true));
        let half = Env {
            ak: Some("ENVAK".into()),
            ..Default::default()
        };
        assert!(
            resolve(&with_file(&f.0), &half, None)
                .unwrap_err()
                .to_string()
                .contains(ENV_SK)
        );
    }

    #[test]
    fn no_file_needed_with_env_and_endpoint() {
        let env = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            endpoint: None,
            ..Default::default()
        };
        let over = Overrides {
            endpoint: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        };
        let nowhere = std::env::temp_dir().join("pc-no-such-dir/config.toml");
        let s = resolve(&over, &env, Some(nowhere.clone())).unwrap();
        assert_eq!((s.profile.as_str(), s.source), ("env", None));
        let err = resolve(&Overrides::default(), &env, Some(nowhere.clone()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--endpoint") && err.contains(ENV_ENDPOINT),
            "{err}"
        );
        let err = resolve(&over, &Env::default(), Some(nowhere))
            .unwrap_err()
            .to_string();
        assert!(err.contains(ENV_AK), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_readable_by_others_is_refused() {
        for mode in [0o644, 0o640, 0o604] {
            let f = TempFile::new(TWO, mode);
            let err = resolve(&with_file(&f.0), &Env::default(), None).unwrap_err();
            assert!(matches!(err, ConfigError::TooOpen { .. }), "{mode:o}");
            assert!(
                err.to_string()
                    .contains(&format!("chmod 600 {}", f.0.display()))
            );
        }
        // Without an SK in it, the file may be readable.
        let f = TempFile::new("[profiles.p]\nendpoint = \"http://x:1\"\n", 0o644);
        let env = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            endpoint: None,
            ..Default::default()
        };
        assert!(resolve(&with_file(&f.0), &env, None).is_ok());
    }

    #[test]
    fn a_parse_error_never_shows_the_secret_key() {
        const SECRET: &str = "Zq8SECRETsecretSECRET";
        for text in [
            format!("[profiles.p]\nak = \"A\"\nsk = \"{SECRET}\n"),
            format!("[profiles.p]\nsk = \"{SECRET}\"\nsk = \"{SECRET}\"\n"),
            format!("[profiles.p]\nsk = \"{SECRET}\" trailing junk\n"),
            format!("[profiles.p]\nsk = {SECRET}\n"),
        ] {
            let f = TempFile::new(&text, 0o600);
            let err = load(&f.0).unwrap_err();
            assert!(matches!(err, ConfigError::Parse { .. }), "{err:?}");
            let shown = err.to_string();
            assert!(!shown.contains("SECRET"), "{shown}");
            assert!(shown.contains("line "), "says where: {shown}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn an_open_file_with_a_secret_is_refused_before_it_is_parsed() {
        // Broken and readable by others: refused for its mode, its text never parsed.
        let f = TempFile::new("[profiles.p]\nsk = \"unterminated\n", 0o644);
        assert!(matches!(load(&f.0), Err(ConfigError::TooOpen { .. })));
    }

    #[test]
    fn keys_with_spaces_or_control_characters_and_endpoints_with_passwords_are_refused() {
        let f = TempFile::new("[profiles.p]\nendpoint = \"http://x:1\"\n", 0o600);
        let env = |ak: &str, endpoint: &str| Env {
            ak: Some(ak.into()),
            sk: Some("S".into()),
            endpoint: Some(endpoint.into()),
            ..Default::default()
        };
        for (ak, endpoint) in [
            ("A\nB", "http://x:1"),
            ("A\u{1b}B", "http://x:1"),
            ("A B", "http://x:1"),
            ("A", "http://user:s3cr3tpw@x:1"),
            ("A", "https://user@bss.example"),
        ] {
            let err = resolve(&with_file(&f.0), &env(ak, endpoint), None).unwrap_err();
            assert!(
                matches!(err, ConfigError::Invalid(_)),
                "{ak:?} {endpoint}: {err:?}"
            );
            assert!(!err.to_string().contains("s3cr3tpw"), "{err}");
        }
        assert!(resolve(&with_file(&f.0), &env("A", "http://x:1"), None).is_ok());
    }

    #[test]
    fn bad_files_are_explained() {
        for (text, needle) in [
            ("profiles = 3", "not valid"),
            ("[profiles.p]\nendpiont = \"x\"\n", "endpiont"),
            ("colour = \"red\"", "colour"),
            (
                "refresh_interval_secs = 1\n[profiles.p]\nendpoint=\"http://x:1\"\nak=\"a\"\nsk=\"s\"",
                "between 2 and 3600",
            ),
            (
                "log_level = \"loud\"\n[profiles.p]\nendpoint=\"http://x:1\"\nak=\"a\"\nsk=\"s\"",
                "log_level",
            ),
            (
                "color = \"8\"\n[profiles.p]\nendpoint=\"http://x:1\"\nak=\"a\"\nsk=\"s\"",
                "color must be auto, none, 16, 256 or truecolor",
            ),
            (
                "locale = \"fr\"\n[profiles.p]\nendpoint=\"http://x:1\"\nak=\"a\"\nsk=\"s\"",
                "locale must be en or zh-CN, got \"fr\"",
            ),
            ("mouse = \"yes\"", "boolean"),
            ("[profiles.a]\n[profiles.b]\n", "--profile"),
        ] {
            let f = TempFile::new(text, 0o600);
            let err = resolve(&with_file(&f.0), &Env::default(), None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text:?}: {err}");
        }
        let err = resolve(
            &with_file(Path::new("/nonexistent/pc.toml")),
            &Env::default(),
            None,
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::Read { .. }));
    }

    #[test]
    fn the_example_file_parses() {
        let text = include_str!("../../../config.example.toml");
        let file: ConfigFile = toml::from_str(text).expect("config.example.toml is valid");
        assert!(!file.profiles.is_empty());
        assert!(
            file.color
                .as_deref()
                .is_none_or(|c| ColorDepth::parse_setting(c).is_some())
        );
        assert!(
            file.locale
                .as_deref()
                .is_none_or(|l| crate::i18n::Locale::from_tag(l).is_some())
        );
        // Its [keys] are checked against the keymap in pc-tui.
    }

    #[test]
    fn display_settings() {
        let env = Env {
            ak: Some("A".into()),
            sk: Some("S".into()),
            endpoint: Some("http://127.0.0.1:9".into()),
            ..Default::default()
        };
        let f = TempFile::new("", 0o600);
        let s = resolve(&with_file(&f.0), &env, None).unwrap();
        assert_eq!((s.color, s.ascii, s.mouse), (None, false, false));
        assert_eq!(s.locale, None, "unset: the environment decides");
        for (value, tag) in [("en", "en"), ("zh-CN", "zh-CN"), ("zh_CN.UTF-8", "zh-CN")] {
            let f = TempFile::new(&format!("locale = \"{value}\"\n"), 0o600);
            let s = resolve(&with_file(&f.0), &env, None).unwrap();
            assert_eq!(s.locale.as_deref(), Some(tag), "{value}");
        }
        for (value, depth) in [
            ("auto", None),
            ("none", Some(ColorDepth::None)),
            ("16", Some(ColorDepth::Ansi16)),
            ("256", Some(ColorDepth::Ansi256)),
            ("truecolor", Some(ColorDepth::TrueColor)),
        ] {
            let f = TempFile::new(
                &format!("color = \"{value}\"\nascii = true\nmouse = true\n"),
                0o600,
            );
            let s = resolve(&with_file(&f.0), &env, None).unwrap();
            assert_eq!((s.color, s.ascii, s.mouse), (depth, true, true), "{value}");
        }
    }

    #[test]
    fn keys_take_one_key_or_a_list() {
        let file: ConfigFile =
            toml::from_str("[keys]\npay = \"P\"\ndown = [\"j\", \"Ctrl-n\"]\n").unwrap();
        assert_eq!(file.keys["pay"].keys(), vec!["P"]);
        assert_eq!(file.keys["down"].keys(), vec!["j", "Ctrl-n"]);
        assert!(toml::from_str::<ConfigFile>("[keys]\npay = 5\n").is_err());
    }
}
