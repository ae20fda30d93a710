//! `partner-console doctor`: checks the terminal (TERM and colours, size, the OSC 52
//! clipboard path, CJK width), the config file's permissions, and the backend (reachable,
//! credentials accepted, clock within the 15-minute signing window), each with a fix.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::{ExitCode, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use pc_api::PartnerBalancesQuery;
use pc_client::{Client, ClientError};
use pc_core::config::{self, ConfigError, ENV_AK, ENV_SK, Overrides, Settings};
use pc_core::format::pad;
use pc_core::i18n::{self, Locale};
use pc_core::terminal::ColorDepth;
use pc_core::terminal::{MIN_HEIGHT, MIN_WIDTH};

/// How long each backend request may take.
const TIMEOUT: Duration = Duration::from_secs(5);
/// Huawei's signing window: a request signed further from the server's time is refused.
const SIGNING_WINDOW_SECS: i64 = 15 * 60;
/// Beyond this the clock is worth fixing before it drifts out of the window.
const SKEW_WARN_SECS: i64 = 60;
/// The size below which the console is cramped (above its hard minimum).
const COMFORT_WIDTH: u16 = 80;
const COMFORT_HEIGHT: u16 = 24;

// The checks' stable names (tests find them by these); [`label`] shows them localized.
const TERM: &str = "TERM";
const SIZE: &str = "terminal size";
const CLIPBOARD: &str = "clipboard";
const CJK: &str = "CJK width";
const CONFIG: &str = "config file";
const DATA: &str = "data files";
const SETTINGS: &str = "settings";
const BACKEND: &str = "backend";
const CREDENTIALS: &str = "credentials";
const ACCOUNT: &str = "account";
const CLOCK: &str = "clock";

/// Width of the name column in [`render`], in display columns.
const NAME_WIDTH: usize = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    Warn,
    Fail,
    /// Not checked (nothing to check, or it could not be).
    Skip,
}

/// One finding. `fix` is present whenever the status is `Warn` or `Fail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    pub detail: String,
    pub fix: Option<String>,
}

impl Check {
    fn ok(name: &'static str, detail: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
        }
    }

    fn skip(name: &'static str, detail: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Skip,
            detail: detail.into(),
            fix: None,
        }
    }

    fn warn(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Warn,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    fn fail(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Fail,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }
}

// ------------------------------------------------------------------ terminal

/// What the terminal checks look at, gathered once so that the checks are pure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermEnv {
    /// `TERM`, when set and not empty.
    pub term: Option<String>,
    /// `COLORTERM`, when set and not empty.
    pub colorterm: Option<String>,
    /// `NO_COLOR` set to anything non-empty.
    pub no_color: bool,
    /// `TMUX` is set: inside tmux.
    pub tmux: bool,
    /// `SSH_TTY` or `SSH_CONNECTION` is set.
    pub ssh: bool,
    /// Stdout is a terminal.
    pub tty: bool,
    /// Columns and rows, when stdout is a terminal that reports them.
    pub size: Option<(u16, u16)>,
    /// tmux's `allow-passthrough` option, when inside tmux and tmux told it (tmux
    /// before 3.3 has no such option and always passes through).
    pub tmux_passthrough: Option<String>,
    /// The column the cursor ended in after drawing `中` from column 0 (see
    /// [`probe_cjk_column`]); `None` when not probed or the terminal did not answer.
    pub cjk_column: Option<u16>,
}

impl TermEnv {
    /// Reads the environment, asks tmux (when inside it) and probes the terminal (when
    /// stdout is one). The probe draws on the current line and erases it: call this
    /// before printing anything.
    pub fn from_process() -> TermEnv {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        let tty = std::io::stdout().is_terminal();
        let tmux = set("TMUX");
        TermEnv {
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            no_color: set("NO_COLOR"),
            tmux,
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            tty,
            size: if tty {
                crossterm::terminal::size().ok()
            } else {
                None
            },
            tmux_passthrough: if tmux { tmux_passthrough() } else { None },
            cjk_column: if tty { probe_cjk_column() } else { None },
        }
    }
}

/// `tmux show-options -gpv allow-passthrough` (a pane option), or `None` if tmux would
/// not say.
fn tmux_passthrough() -> Option<String> {
    let out = std::process::Command::new("tmux")
        .args(["show-options", "-gpv", "allow-passthrough"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// Raw mode for as long as it lives, restored however the probe ends.
struct RawMode;

impl RawMode {
    fn enable() -> Option<RawMode> {
        crossterm::terminal::enable_raw_mode().ok()?;
        Some(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Draws `中` at the start of the current line, asks the terminal where the cursor is,
/// and erases the line again. `Some(2)` on a terminal that draws it two columns wide;
/// `None` when raw mode or the cursor query failed.
pub fn probe_cjk_column() -> Option<u16> {
    let _raw = RawMode::enable()?;
    let column = draw_wide_and_ask();
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\r\x1b[2K");
    let _ = out.flush();
    column.ok()
}

fn draw_wide_and_ask() -> std::io::Result<u16> {
    let mut out = std::io::stdout();
    out.write_all("\r中".as_bytes())?;
    out.flush()?;
    crossterm::cursor::position().map(|(column, _)| column)
}

/// TERM and colours, size, clipboard and CJK width.
pub fn terminal_checks(env: &TermEnv) -> Vec<Check> {
    vec![
        term_check(env),
        size_check(env),
        clipboard_check(env),
        cjk_check(env),
    ]
}

/// The colours the console will use, as it detects them.
fn colour_depth(env: &TermEnv) -> &'static str {
    if env.no_color {
        return t!("doctor.colours_off");
    }
    match ColorDepth::detect(env.term.as_deref(), env.colorterm.as_deref(), env.no_color) {
        ColorDepth::None => t!("doctor.colours_none"),
        ColorDepth::Ansi16 => t!("doctor.colours_16"),
        ColorDepth::Ansi256 => t!("doctor.colours_256"),
        ColorDepth::TrueColor => t!("doctor.colours_true"),
    }
}

fn term_check(env: &TermEnv) -> Check {
    let colours = colour_depth(env);
    match env.term.as_deref() {
        None => Check::warn(
            TERM,
            t!("doctor.term_unset", colours = colours),
            t!("doctor.term_unset_fix"),
        ),
        Some("dumb") => Check::fail(TERM, t!("doctor.term_dumb"), t!("doctor.term_dumb_fix")),
        Some(term) => Check::ok(TERM, t!("doctor.term_ok", term = term, colours = colours)),
    }
}

fn size_check(env: &TermEnv) -> Check {
    let enlarge = t!("doctor.size_enlarge");
    if !env.tty {
        return Check::skip(SIZE, t!("doctor.not_a_terminal"));
    }
    let Some((w, h)) = env.size else {
        return Check::warn(
            SIZE,
            t!("doctor.size_unknown"),
            t!("doctor.size_unknown_fix"),
        );
    };
    if w < MIN_WIDTH || h < MIN_HEIGHT {
        Check::warn(
            SIZE,
            t!(
                "doctor.size_too_small",
                w = w,
                h = h,
                min_width = MIN_WIDTH,
                min_height = MIN_HEIGHT
            ),
            enlarge,
        )
    } else if w < COMFORT_WIDTH || h < COMFORT_HEIGHT {
        Check::warn(SIZE, t!("doctor.size_cramped", w = w, h = h), enlarge)
    } else {
        Check::ok(SIZE, format!("{w}×{h}"))
    }
}

fn clipboard_check(env: &TermEnv) -> Check {
    // The console wraps its OSC 52 in tmux's passthrough (runtime::osc52), which tmux
    // 3.3 and later forward only with allow-passthrough.
    let tmux_fix = t!("doctor.tmux_fix");
    let terminals = t!("doctor.osc52_terminals");
    if env.tmux {
        return match env.tmux_passthrough.as_deref() {
            Some("on" | "all") => Check::ok(
                CLIPBOARD,
                t!("doctor.clipboard_tmux_on", terminals = terminals),
            ),
            Some(value) => Check::warn(
                CLIPBOARD,
                t!("doctor.clipboard_tmux_off", value = value),
                tmux_fix,
            ),
            None => Check::warn(CLIPBOARD, t!("doctor.clipboard_tmux_unknown"), tmux_fix),
        };
    }
    if env.ssh {
        Check::ok(CLIPBOARD, t!("doctor.clipboard_ssh", terminals = terminals))
    } else {
        Check::ok(
            CLIPBOARD,
            t!("doctor.clipboard_local", terminals = terminals),
        )
    }
}

fn cjk_check(env: &TermEnv) -> Check {
    let layout = unicode_width::UnicodeWidthStr::width("中");
    if layout != 2 {
        return Check::fail(
            CJK,
            t!("doctor.cjk_layout", layout = layout),
            t!("doctor.cjk_layout_fix"),
        );
    }
    if !env.tty {
        return Check::ok(CJK, t!("doctor.cjk_not_a_terminal"));
    }
    match env.cjk_column {
        Some(2) => Check::ok(CJK, t!("doctor.cjk_ok")),
        Some(column) => Check::warn(
            CJK,
            t!("doctor.cjk_narrow", column = column),
            t!("doctor.cjk_fix"),
        ),
        None => Check::ok(CJK, t!("doctor.cjk_not_probed")),
    }
}

// ------------------------------------------------------------------ config

/// The config file at `path` (`--config`, else the default one): absent is fine (the
/// credentials then come from `--endpoint` and the environment), an SK readable by
/// other users or a file that does not parse is not.
pub fn config_check(path: Option<&Path>) -> Check {
    let no_file = t!("doctor.config_no_file", ak = ENV_AK, sk = ENV_SK);
    let Some(path) = path else {
        return Check::skip(CONFIG, t!("doctor.config_no_dir", no_file = no_file));
    };
    if !path.exists() {
        return Check::skip(
            CONFIG,
            t!(
                "doctor.config_none",
                path = path.display(),
                no_file = no_file
            ),
        );
    }
    match config::load(path) {
        Ok(file) => {
            let n = file.profiles.len();
            let (path, mode) = (path.display(), mode_note(path));
            Check::ok(
                CONFIG,
                if n == 1 {
                    t!("doctor.config_ok_one", path = path, n = n, mode = mode)
                } else {
                    t!("doctor.config_ok", path = path, n = n, mode = mode)
                },
            )
        }
        Err(ConfigError::TooOpen { .. }) => Check::fail(
            CONFIG,
            t!(
                "doctor.config_too_open",
                path = path.display(),
                mode = mode_note(path)
            ),
            format!("chmod 600 {}", shell_quote(path)),
        ),
        Err(ConfigError::Parse { message, .. }) => Check::fail(
            CONFIG,
            t!(
                "doctor.config_invalid",
                path = path.display(),
                message = message
            ),
            t!("doctor.config_invalid_fix"),
        ),
        Err(e) => Check::fail(
            CONFIG,
            e.to_string(),
            t!("doctor.unreadable_fix", path = shell_quote(path)),
        ),
    }
}

#[cfg(unix)]
fn mode_note(path: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| {
            t!(
                "doctor.mode",
                mode = format!("{:o}", m.permissions().mode() & 0o777)
            )
        })
        .unwrap_or_default()
}

#[cfg(not(unix))]
fn mode_note(_: &Path) -> String {
    String::new()
}

/// The journal, audit log, exports and logs: nobody but the owner may read them.
pub fn data_check(dir: Option<&Path>) -> Check {
    let Some(dir) = dir.filter(|d| d.exists()) else {
        return Check::skip(DATA, t!("doctor.data_none"));
    };
    let open = pc_core::files::too_open(dir);
    match open.as_slice() {
        [] => Check::ok(DATA, t!("doctor.data_private", dir = dir.display())),
        _ => {
            let shown: Vec<String> = open
                .iter()
                .take(3)
                .map(|(p, mode)| format!("{} ({mode:o})", p.display()))
                .collect();
            Check::warn(
                DATA,
                t!(
                    "doctor.data_open",
                    count = open.len(),
                    paths = shown.join(", ")
                ),
                format!("chmod -R go-rwx {}", shell_quote(dir)),
            )
        }
    }
}

/// The path as a shell word: quoted when it has anything a shell would split or expand.
fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = text
        .chars()
        .all(|c| c.is_alphanumeric() || "/._-+:@%,".contains(c));
    if plain {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

// ------------------------------------------------------------------ backend

/// The resolved settings, then (when they resolved) the backend: reachable, the
/// credentials accepted by one signed read, and the clock against the backend's `Date`.
pub async fn backend_checks(settings: Result<&Settings, &ConfigError>) -> Vec<Check> {
    let settings = match settings {
        Ok(s) => s,
        Err(e) => return vec![settings_failure(e)],
    };
    let settings_ok = Check::ok(
        SETTINGS,
        if settings.read_only {
            t!(
                "doctor.settings_ok_read_only",
                profile = settings.profile,
                endpoint = settings.endpoint
            )
        } else {
            t!(
                "doctor.settings_ok",
                profile = settings.profile,
                endpoint = settings.endpoint
            )
        },
    );
    let (account, client) = account_check(settings).await;
    let ([backend, credentials], clock) = tokio::join!(
        signed_read(settings, client),
        clock_check(&settings.endpoint)
    );
    vec![settings_ok, account, backend, credentials, clock]
}

/// Where the AK/SK, the security token and the IAM endpoint came from, and the account
/// id: its source, or why it could not be learnt. Never the SK or the token.
async fn account_check(settings: &Settings) -> (Check, Result<Client, ClientError>) {
    let sources = &settings.sources;
    let from = t!(
        "doctor.account_sources",
        ak = settings.credentials.ak,
        ak_sk = sources.ak_sk.describe(),
        token = sources
            .security_token
            .as_ref()
            .map_or_else(|| t!("doctor.no_token").to_string(), |s| s.describe()),
        iam = settings.iam_endpoint,
        iam_from = sources.iam_endpoint.describe()
    );
    let client = match pc_core::config::client(settings, TIMEOUT) {
        Ok(c) => c,
        Err(e) => {
            let why = pc_core::format::client_error(&e);
            return (
                Check::fail(
                    ACCOUNT,
                    format!("{from}; {why}"),
                    t!("doctor.settings_invalid_fix"),
                ),
                Err(e),
            );
        }
    };
    let cache = pc_core::credentials::domain_cache_path();
    match pc_core::credentials::with_domain(client.clone(), cache.as_deref(), |_| {}).await {
        Ok((client, _)) if client.credentials().domain_id.is_none() => (
            Check::warn(
                ACCOUNT,
                format!("{}; {from}", t!("doctor.account_none")),
                t!(
                    "doctor.account_fix",
                    env = pc_core::credentials::ENV_DOMAIN_ID
                ),
            ),
            Ok(client),
        ),
        Ok((client, learnt)) => {
            let source = sources.domain_id.clone().unwrap_or(learnt);
            let id = client.credentials().domain_id.clone().unwrap_or_default();
            (
                Check::ok(
                    ACCOUNT,
                    t!(
                        "doctor.account_ok",
                        id = id,
                        source = source.describe(),
                        sources = from
                    ),
                ),
                Ok(client),
            )
        }
        Err(e) => (
            Check::fail(
                ACCOUNT,
                format!("{from}; {e}"),
                t!(
                    "doctor.account_fix",
                    env = pc_core::credentials::ENV_DOMAIN_ID
                ),
            ),
            // The signed read still runs: its refusal says more about the credentials.
            Ok(client),
        ),
    }
}

fn settings_failure(e: &ConfigError) -> Check {
    let fix = match e {
        ConfigError::TooOpen { path } => format!("chmod 600 {}", shell_quote(path)),
        ConfigError::Read { path, .. } => t!("doctor.unreadable_fix", path = shell_quote(path)),
        ConfigError::Parse { .. } | ConfigError::Invalid(_) => {
            t!("doctor.settings_invalid_fix").into()
        }
        ConfigError::UnknownProfile { .. } => t!("doctor.settings_unknown_profile_fix").into(),
        ConfigError::Missing(_) => t!("doctor.settings_missing_fix", ak = ENV_AK, sk = ENV_SK),
    };
    Check::fail(SETTINGS, e.to_string(), fix)
}

/// One cheap signed read (the partner's balances), timed.
async fn signed_read(settings: &Settings, client: Result<Client, ClientError>) -> [Check; 2] {
    let client = match client {
        Ok(c) => c,
        Err(e) => return reach_result(&settings.endpoint, &settings.credentials.ak, Err(e), 0),
    };
    let started = Instant::now();
    let result = client
        .list_partner_balances(&PartnerBalancesQuery::default())
        .await
        .map(|_| ());
    let millis = started.elapsed().as_millis();
    reach_result(&settings.endpoint, &settings.credentials.ak, result, millis)
}

/// The backend and credentials checks from the signed read's outcome.
fn reach_result(
    endpoint: &str,
    ak: &str,
    result: Result<(), ClientError>,
    millis: u128,
) -> [Check; 2] {
    let unreachable_fix = t!("doctor.unreachable_fix", endpoint = endpoint);
    let not_tried = || Check::skip(CREDENTIALS, t!("doctor.credentials_not_tried"));
    let not_confirmed = || Check::skip(CREDENTIALS, t!("doctor.credentials_not_confirmed"));
    let answered = |status: u16| {
        Check::ok(
            BACKEND,
            t!(
                "doctor.backend_answered_status",
                endpoint = endpoint,
                millis = millis,
                status = status
            ),
        )
    };
    match result {
        Ok(()) => [
            Check::ok(
                BACKEND,
                t!(
                    "doctor.backend_answered",
                    endpoint = endpoint,
                    millis = millis
                ),
            ),
            Check::ok(CREDENTIALS, t!("doctor.credentials_ok", ak = ak)),
        ],
        Err(ClientError::Endpoint(_)) => [
            Check::fail(
                BACKEND,
                t!(
                    "doctor.endpoint_invalid",
                    endpoint = format!("{endpoint:?}")
                ),
                t!("doctor.endpoint_invalid_fix"),
            ),
            not_tried(),
        ],
        Err(ClientError::Timeout(after)) => [
            Check::fail(
                BACKEND,
                t!(
                    "doctor.backend_timeout",
                    endpoint = endpoint,
                    after = format!("{after:?}")
                ),
                unreachable_fix,
            ),
            not_tried(),
        ],
        Err(ClientError::Connect(why) | ClientError::Transport(why)) => [
            Check::fail(
                BACKEND,
                t!("doctor.backend_unreachable", endpoint = endpoint, why = why),
                unreachable_fix,
            ),
            not_tried(),
        ],
        Err(e) if e.credentials_expired() => [
            answered(401),
            Check::fail(
                CREDENTIALS,
                pc_core::format::describe(&e),
                t!(
                    "doctor.credentials_expired_fix",
                    env = pc_core::credentials::ENV_SECURITY_TOKEN
                ),
            ),
        ],
        Err(ClientError::Api {
            status: 401,
            code,
            message,
            ..
        }) => [
            answered(401),
            Check::fail(
                CREDENTIALS,
                t!(
                    "doctor.credentials_refused",
                    ak = ak,
                    code = code,
                    message = message
                ),
                t!(
                    "doctor.credentials_401_fix",
                    env_ak = ENV_AK,
                    env_sk = ENV_SK
                ),
            ),
        ],
        Err(ClientError::Api {
            status: 403,
            code,
            message,
            ..
        }) => [
            answered(403),
            Check::fail(
                CREDENTIALS,
                t!(
                    "doctor.credentials_refused",
                    ak = ak,
                    code = code,
                    message = message
                ),
                t!("doctor.credentials_403_fix"),
            ),
        ],
        Err(ClientError::Api {
            status: 404,
            code,
            message,
            ..
        }) => [
            Check::warn(
                BACKEND,
                t!(
                    "doctor.backend_404",
                    endpoint = endpoint,
                    code = code,
                    message = message
                ),
                t!("doctor.not_bss_fix"),
            ),
            not_confirmed(),
        ],
        Err(ClientError::Decode { status, detail }) => [
            Check::warn(
                BACKEND,
                t!(
                    "doctor.backend_not_bss",
                    endpoint = endpoint,
                    status = status,
                    detail = detail
                ),
                t!("doctor.not_bss_fix"),
            ),
            not_confirmed(),
        ],
        Err(e) => [
            Check::warn(
                BACKEND,
                t!(
                    "doctor.backend_error",
                    endpoint = endpoint,
                    error = pc_core::format::client_error(&e)
                ),
                t!("doctor.backend_error_fix"),
            ),
            not_confirmed(),
        ],
    }
}

/// An unsigned GET of the endpoint, for its `Date` header.
async fn clock_check(endpoint: &str) -> Check {
    let no_date_fix = t!("doctor.clock_no_date_fix");
    let http = match reqwest::Client::builder()
        .connect_timeout(TIMEOUT)
        .timeout(TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(h) => h,
        Err(e) => return Check::skip(CLOCK, t!("doctor.clock_not_checked", error = e)),
    };
    let sent = Utc::now();
    let resp = match http.get(endpoint.trim()).send().await {
        Ok(r) => r,
        Err(_) => return Check::skip(CLOCK, t!("doctor.clock_no_answer")),
    };
    let received = Utc::now();
    // The server stamped its Date somewhere in between: take the middle.
    let local = sent + (received - sent) / 2;
    let Some(date) = resp.headers().get(reqwest::header::DATE) else {
        return Check::warn(CLOCK, t!("doctor.clock_no_date"), no_date_fix);
    };
    match date
        .to_str()
        .ok()
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
    {
        Some(server) => skew_check(local, server.with_timezone(&Utc)),
        None => Check::warn(
            CLOCK,
            t!("doctor.clock_bad_date", date = format!("{date:?}")),
            no_date_fix,
        ),
    }
}

/// The local clock against the server's: beyond the 15-minute signing window every
/// request is refused; beyond a minute it is worth fixing.
pub fn skew_check(local: DateTime<Utc>, server: DateTime<Utc>) -> Check {
    let fix = t!("doctor.clock_fix");
    let skew = (local - server).num_seconds();
    let off = || {
        let span = span(skew.abs());
        if skew > 0 {
            t!("doctor.clock_ahead", span = span)
        } else {
            t!("doctor.clock_behind", span = span)
        }
    };
    if skew.abs() > SIGNING_WINDOW_SECS {
        Check::fail(CLOCK, t!("doctor.clock_refused", off = off()), fix)
    } else if skew.abs() > SKEW_WARN_SECS {
        Check::warn(CLOCK, t!("doctor.clock_drifting", off = off()), fix)
    } else {
        Check::ok(CLOCK, t!("doctor.clock_ok", skew = format!("{skew:+}")))
    }
}

/// `42 s`, `20 min 3 s`, `2 h 5 min`, `3 d 4 h`.
fn span(secs: i64) -> String {
    match secs {
        s if s < 60 => t!("doctor.span_s", s = s),
        s if s < 3600 => t!("doctor.span_min", min = s / 60, s = s % 60),
        s if s < 86_400 => t!("doctor.span_h", h = s / 3600, min = s % 3600 / 60),
        s => t!("doctor.span_d", d = s / 86_400, h = s % 86_400 / 3600),
    }
}

// ------------------------------------------------------------------ output

/// One line per check, a `fix:` line under each warning and failure, and a summary.
/// Control characters in details (a backend's message may hold some) become spaces;
/// without `color` there is no escape sequence at all.
pub fn render(checks: &[Check], color: bool) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let (mut ok, mut warn, mut fail, mut skip) = (0, 0, 0, 0);
    for check in checks {
        let (tag, sgr) = match check.status {
            Status::Ok => {
                ok += 1;
                (t!("doctor.tag_ok"), "32")
            }
            Status::Warn => {
                warn += 1;
                (t!("doctor.tag_warn"), "33")
            }
            Status::Fail => {
                fail += 1;
                (t!("doctor.tag_fail"), "1;31")
            }
            Status::Skip => {
                skip += 1;
                (t!("doctor.tag_skip"), "2")
            }
        };
        if color {
            let _ = write!(out, "\x1b[{sgr}m{tag}\x1b[0m");
        } else {
            out.push_str(tag);
        }
        let _ = writeln!(
            out,
            " {} {}",
            pad(label(check.name), NAME_WIDTH),
            printable(&check.detail)
        );
        if let Some(fix) = &check.fix {
            let _ = writeln!(out, "{:7}{}", "", t!("doctor.fix", fix = printable(fix)));
        }
    }
    out.push_str(&if warn == 1 {
        t!(
            "doctor.summary_one_warning",
            ok = ok,
            warn = warn,
            fail = fail
        )
    } else {
        t!("doctor.summary", ok = ok, warn = warn, fail = fail)
    });
    if skip > 0 {
        out.push_str(&t!("doctor.summary_skipped", skip = skip));
    }
    out.push('\n');
    out
}

/// A check's name as shown: TERM is the variable's name in any language.
fn label(name: &'static str) -> &'static str {
    match name {
        SIZE => t!("doctor.name_size"),
        CLIPBOARD => t!("doctor.name_clipboard"),
        CJK => t!("doctor.name_cjk"),
        CONFIG => t!("doctor.name_config"),
        DATA => t!("doctor.name_data"),
        SETTINGS => t!("doctor.name_settings"),
        BACKEND => t!("doctor.name_backend"),
        CREDENTIALS => t!("doctor.name_credentials"),
        ACCOUNT => t!("doctor.name_account"),
        CLOCK => t!("doctor.name_clock"),
        _ => name,
    }
}

fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// `partner-console doctor`: every check, printed; failure when any failed.
pub fn main(over: &Overrides) -> ExitCode {
    // First: the CJK probe draws on the current line.
    let term = TermEnv::from_process();
    let default_file = config::default_path();
    let settings = config::resolve(over, &config::Env::from_process(), default_file.clone());
    // The profile's `locale`, as the console would use it, before any text is made.
    if let Ok(s) = &settings {
        i18n::set(Locale::detect(s.locale.as_deref(), |k| {
            std::env::var(k).ok()
        }));
    }
    let mut checks = terminal_checks(&term);
    checks.push(config_check(
        over.config.as_deref().or(default_file.as_deref()),
    ));
    checks.push(data_check(
        directories::ProjectDirs::from("", "", "partner-console")
            .map(|d| d.data_dir().to_path_buf())
            .as_deref(),
    ));
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("partner-console: {}", t!("cli.no_runtime", error = e));
            return ExitCode::FAILURE;
        }
    };
    checks.extend(runtime.block_on(backend_checks(settings.as_ref())));
    // Do not wait for a hung DNS lookup once every check has its answer.
    runtime.shutdown_timeout(Duration::from_secs(1));
    let color = term.tty && !term.no_color;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(render(&checks, color).as_bytes());
    let _ = stdout.flush();
    if checks.iter().any(|c| c.status == Status::Fail) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {

    #[cfg(unix)]
    #[test]
    fn data_files_others_can_read_are_reported_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!("pc-doctor-data-{}", uuid::Uuid::new_v4()));
        pc_core::files::append_private(&dir.join("p/journal.jsonl")).unwrap();
        assert_eq!(data_check(Some(&dir)).status, Status::Ok);
        let log = dir.join("logs/partner-console.log");
        std::fs::create_dir_all(log.parent().unwrap()).unwrap();
        std::fs::write(&log, "x").unwrap();
        std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
        let check = data_check(Some(&dir));
        assert_eq!(check.status, Status::Warn, "{check:?}");
        assert!(
            check.detail.contains("partner-console.log (644)"),
            "{}",
            check.detail
        );
        assert!(check.fix.unwrap().starts_with("chmod -R go-rwx"));
        assert_eq!(data_check(None).status, Status::Skip);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    use super::*;
    use chrono::TimeDelta;

    fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
        checks
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no {name} check in {checks:?}"))
    }

    fn tty(term: &str, size: (u16, u16)) -> TermEnv {
        TermEnv {
            term: Some(term.into()),
            tty: true,
            size: Some(size),
            cjk_column: Some(2),
            ..TermEnv::default()
        }
    }

    /// Every warning and failure says how to fix it.
    fn fixes_given(checks: &[Check]) {
        for c in checks {
            if matches!(c.status, Status::Warn | Status::Fail) {
                assert!(c.fix.is_some(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_good_terminal_passes() {
        let checks = terminal_checks(&tty("xterm-256color", (120, 40)));
        fixes_given(&checks);
        assert!(checks.iter().all(|c| c.status == Status::Ok), "{checks:?}");
        let term = find(&checks, TERM);
        assert!(term.detail.contains("xterm-256color") && term.detail.contains("256 colours"));
        assert_eq!(find(&checks, SIZE).detail, "120×40");
    }

    #[test]
    fn dumb_or_missing_term_is_told() {
        let checks = terminal_checks(&tty("dumb", (80, 24)));
        fixes_given(&checks);
        let term = find(&checks, TERM);
        assert_eq!(term.status, Status::Fail);
        assert!(term.fix.as_deref().unwrap().contains("TERM=xterm-256color"));
        let unset = TermEnv {
            term: None,
            ..tty("x", (80, 24))
        };
        let checks = terminal_checks(&unset);
        fixes_given(&checks);
        assert_eq!(find(&checks, TERM).status, Status::Warn);
    }

    #[test]
    fn colour_support_and_no_color() {
        let truecolor = TermEnv {
            colorterm: Some("truecolor".into()),
            ..tty("xterm-256color", (80, 24))
        };
        assert!(
            find(&terminal_checks(&truecolor), TERM)
                .detail
                .contains("truecolor")
        );
        let bits = TermEnv {
            colorterm: Some("24bit".into()),
            ..tty("xterm", (80, 24))
        };
        assert!(
            find(&terminal_checks(&bits), TERM)
                .detail
                .contains("truecolor")
        );
        let plain = find(&terminal_checks(&tty("xterm", (80, 24))), TERM).clone();
        assert!(plain.detail.contains("16 colours"), "{plain:?}");
        let no_color = TermEnv {
            no_color: true,
            ..tty("xterm-256color", (80, 24))
        };
        let term = find(&terminal_checks(&no_color), TERM).clone();
        assert_eq!(term.status, Status::Ok);
        assert!(term.detail.contains("colours are off"), "{term:?}");
    }

    #[test]
    fn small_terminals_warn_and_pipes_skip() {
        for size in [(40, 10), (70, 30), (100, 20)] {
            let checks = terminal_checks(&tty("xterm", size));
            fixes_given(&checks);
            let check = find(&checks, SIZE);
            assert_eq!(check.status, Status::Warn, "{size:?}");
            assert!(check.fix.as_deref().unwrap().contains("80×24"));
        }
        let tiny = find(&terminal_checks(&tty("xterm", (40, 10))), SIZE).clone();
        assert!(tiny.detail.contains("too small"), "{tiny:?}");
        let piped = TermEnv {
            term: Some("xterm".into()),
            ..TermEnv::default()
        };
        let checks = terminal_checks(&piped);
        assert_eq!(find(&checks, SIZE).status, Status::Skip);
        let cjk = find(&checks, CJK);
        assert_eq!(cjk.status, Status::Ok);
        assert!(cjk.detail.contains("not a terminal"), "{cjk:?}");
    }

    #[test]
    fn tmux_needs_allow_passthrough_on() {
        let inside = |value: Option<&str>| TermEnv {
            tmux: true,
            tmux_passthrough: value.map(str::to_string),
            ..tty("tmux-256color", (120, 40))
        };
        let on = find(&terminal_checks(&inside(Some("on"))), CLIPBOARD).clone();
        assert_eq!(on.status, Status::Ok);
        assert!(on.detail.contains("OSC 52 through tmux"), "{on:?}");
        let all = find(&terminal_checks(&inside(Some("all"))), CLIPBOARD).clone();
        assert_eq!(all.status, Status::Ok);
        for value in [Some("off"), None] {
            let checks = terminal_checks(&inside(value));
            fixes_given(&checks);
            let check = find(&checks, CLIPBOARD);
            assert_eq!(check.status, Status::Warn, "{value:?}");
            assert!(check.detail.contains("OSC 52 through tmux"));
            assert!(
                check
                    .fix
                    .as_deref()
                    .unwrap()
                    .contains("allow-passthrough on")
            );
        }
        let ssh = TermEnv {
            ssh: true,
            ..tty("xterm-256color", (120, 40))
        };
        let check = find(&terminal_checks(&ssh), CLIPBOARD).clone();
        assert_eq!(check.status, Status::Ok);
        assert!(check.detail.contains("local terminal"), "{check:?}");
    }

    #[test]
    fn a_narrow_cjk_terminal_warns() {
        let narrow = TermEnv {
            cjk_column: Some(1),
            ..tty("xterm", (120, 40))
        };
        let checks = terminal_checks(&narrow);
        fixes_given(&checks);
        assert_eq!(find(&checks, CJK).status, Status::Warn);
        let silent = TermEnv {
            cjk_column: None,
            ..tty("xterm", (120, 40))
        };
        assert_eq!(find(&terminal_checks(&silent), CJK).status, Status::Ok);
    }

    #[test]
    fn clock_skew() {
        let server = DateTime::parse_from_rfc2822("Tue, 24 Nov 2026 10:00:00 GMT")
            .unwrap()
            .with_timezone(&Utc);
        let at = |secs: i64| skew_check(server + TimeDelta::seconds(secs), server);
        let zero = at(0);
        assert_eq!(zero.status, Status::Ok);
        assert!(zero.detail.contains("+0 s"), "{zero:?}");
        for secs in [90, -90] {
            let c = at(secs);
            assert_eq!(c.status, Status::Warn, "{secs}");
            assert!(c.detail.contains("1 min 30 s"), "{c:?}");
        }
        for (secs, way) in [(20 * 60, "ahead of"), (-20 * 60, "behind")] {
            let c = at(secs);
            assert_eq!(c.status, Status::Fail, "{secs}");
            assert!(
                c.detail.contains("20 min") && c.detail.contains(way),
                "{c:?}"
            );
            assert!(c.detail.contains("refused"), "{c:?}");
            assert!(c.fix.as_deref().unwrap().contains("timedatectl"));
        }
        assert_eq!(at(15 * 60).status, Status::Warn);
        assert_eq!(at(15 * 60 + 1).status, Status::Fail);
    }

    #[test]
    fn signed_read_outcomes() {
        let endpoint = "http://127.0.0.1:9";
        let [backend, credentials] = reach_result(endpoint, "AK1", Ok(()), 12);
        assert_eq!(
            (backend.status, credentials.status),
            (Status::Ok, Status::Ok)
        );
        assert!(backend.detail.contains("12 ms"));

        let refused = ClientError::Api {
            status: 401,
            code: "APIGW.0301".into(),
            message: "verify aksk signature fail".into(),
            request_id: None,
        };
        let [backend, credentials] = reach_result(endpoint, "AK1", Err(refused), 3);
        assert_eq!(backend.status, Status::Ok);
        assert_eq!(credentials.status, Status::Fail);
        assert!(credentials.detail.contains("APIGW.0301"));
        assert!(credentials.fix.as_deref().unwrap().contains("AK/SK"));

        let [backend, credentials] = reach_result(
            endpoint,
            "AK1",
            Err(ClientError::Connect("refused".into())),
            0,
        );
        assert_eq!(backend.status, Status::Fail);
        assert!(backend.detail.contains("unreachable"));
        assert!(backend.fix.as_deref().unwrap().contains(endpoint));
        assert_eq!(credentials.status, Status::Skip);

        let missing = ClientError::Api {
            status: 404,
            code: "404".into(),
            message: "HTTP 404".into(),
            request_id: None,
        };
        let checks = reach_result(endpoint, "AK1", Err(missing), 5);
        fixes_given(&checks);
        assert_eq!(checks[0].status, Status::Warn);
    }

    use pc_core::config::testing::TempFile;

    const VALID: &str = r#"
[profiles.demo]
endpoint = "http://127.0.0.1:8080"
ak = "DEMOAK"
sk = "demo-sk"
"#;

    #[test]
    fn config_file_checks() {
        let nowhere = std::env::temp_dir().join("pc-doctor-no-such-dir/config.toml");
        let missing = config_check(Some(nowhere.as_path()));
        assert_eq!(missing.status, Status::Skip);
        assert!(missing.detail.contains(ENV_AK), "{missing:?}");
        assert_eq!(config_check(None).status, Status::Skip);

        let good = TempFile::new(VALID, 0o600);
        let check = config_check(Some(good.0.as_path()));
        assert_eq!(check.status, Status::Ok, "{check:?}");
        assert!(check.detail.contains("1 profile"), "{check:?}");

        let bad = TempFile::new("profiles = 3", 0o600);
        let check = config_check(Some(bad.0.as_path()));
        assert_eq!(check.status, Status::Fail);
        assert!(
            check.detail.contains("not valid") && check.fix.is_some(),
            "{check:?}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_readable_secret_fails_with_chmod() {
        let open = TempFile::new(VALID, 0o644);
        let check = config_check(Some(open.0.as_path()));
        assert_eq!(check.status, Status::Fail);
        assert!(check.detail.contains("644"), "{check:?}");
        assert_eq!(
            check.fix.as_deref(),
            Some(format!("chmod 600 {}", open.0.display()).as_str())
        );
        let failure = settings_failure(&ConfigError::TooOpen {
            path: open.0.clone(),
        });
        assert!(failure.fix.as_deref().unwrap().contains("chmod 600"));
    }

    #[test]
    fn paths_are_quoted_for_the_shell() {
        assert_eq!(shell_quote(Path::new("/home/a/x.toml")), "/home/a/x.toml");
        assert_eq!(shell_quote(Path::new("/tmp/a b/x")), "'/tmp/a b/x'");
        assert_eq!(shell_quote(Path::new("/tmp/it's")), r"'/tmp/it'\''s'");
    }

    #[test]
    fn render_without_colour_has_no_escapes() {
        let checks = vec![
            Check::ok(TERM, "xterm-256color, 256 colours"),
            Check::warn(SIZE, "70×20", "enlarge"),
            Check::fail(BACKEND, "evil \x1b]52;c;AAAA\x07 message", "check it"),
            Check::skip(CLOCK, "not checked"),
        ];
        let plain = render(&checks, false);
        assert!(!plain.contains('\x1b'), "{plain:?}");
        assert!(plain.starts_with("[ ok ] TERM "), "{plain}");
        assert!(plain.contains("\n       fix: enlarge\n"), "{plain}");
        assert!(
            plain.ends_with("1 ok, 1 warning, 1 failed, 1 skipped\n"),
            "{plain}"
        );
        let coloured = render(&checks, true);
        assert!(coloured.contains("\x1b[32m[ ok ]\x1b[0m"));
        // Only the tags are coloured: the backend's escape is not passed on.
        assert!(!coloured.contains("\x1b]52"), "{coloured:?}");
    }
}
