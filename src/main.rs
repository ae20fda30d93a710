//! `partner-console`: the console (`--demo`, profiles) and `partner-console mock`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use pc_cli::script;
use pc_client::{Client, Credentials};
use pc_core::i18n::{self, Locale};
use pc_core::terminal::ColorDepth;
use pc_core::{config, t};
#[cfg(feature = "mock")]
use pc_mock::seed::{self, DEMO_PARTNERS, Seed};
#[cfg(feature = "mock")]
use pc_mock::{self as mock, MockConfig};
use pc_tui::app::Session;
use pc_tui::console;

#[derive(Debug, Parser)]
#[command(
    name = "partner-console",
    version,
    about = "Keyboard-driven console for Huawei Cloud partners"
)]
struct Cli {
    /// Run the console against a built-in mock backend with demo data.
    #[arg(long, conflicts_with_all = ["profile", "config", "endpoint"])]
    demo: bool,
    /// The demo partner to act as.
    #[arg(long = "as", value_enum, default_value_t = Role::Distributor, requires = "demo")]
    role: Role,
    /// The profile of the config file to use.
    #[arg(long, global = true)]
    profile: Option<String>,
    /// The config file (default: the platform config dir's partner-console/config.toml).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// The backend's URL, over the profile's (also PARTNER_CONSOLE_ENDPOINT).
    #[arg(long, global = true)]
    endpoint: Option<String>,
    /// Disable every write.
    #[arg(long, global = true)]
    read_only: bool,
    /// The account (domain) id of the AK, over HUAWEICLOUD_SDK_DOMAIN_ID, the profile's
    /// and the credentials file's (asked of IAM once when none names it).
    #[arg(long, global = true)]
    domain_id: Option<String>,
    /// With --demo: the backend is Huawei's BSS alone (no Partner Center extensions).
    #[arg(long, requires = "demo")]
    bss_only: bool,
    /// With --demo: the Huawei site whose API the backend is, cn or intl.
    #[arg(long, requires = "demo", value_parser = parse_site, default_value = "cn")]
    site: pc_api::site::Site,
    /// With --demo: simulated customers place orders, answer switches and accept
    /// invitations every few seconds.
    #[arg(long, requires = "demo")]
    live: bool,
    /// No colours, whatever the terminal, NO_COLOR or the config's `color` say.
    #[arg(long, global = false)]
    mono: bool,
    /// Borders in plain ASCII (+ - |), for terminals or fonts without box drawing.
    #[arg(long, global = false)]
    ascii: bool,
    /// Take the mouse: the wheel scrolls, a click selects a row (also `mouse = true`
    /// in the config). Off by default, so the terminal's own selection works.
    #[arg(long, global = false)]
    mouse: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Role {
    Distributor,
    SolutionProvider,
    Government,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(flatten)]
    Script(script::ScriptCmd),
    /// Check the terminal, the config file, the backend and the clock; each problem with
    /// its fix.
    Doctor,
    /// Print a shell completion script (e.g. `partner-console completions bash >
    /// ~/.local/share/bash-completion/completions/partner-console`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command into --out.
    Man {
        /// A folder for partner-console.1 and a page for each subcommand.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    #[cfg(feature = "mock")]
    /// Run the mock partner backend alone.
    Mock {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Keep state in this SQLite file (in memory without it).
        #[arg(long)]
        data: Option<PathBuf>,
        /// demo, empty or large:N (only used when the store is new).
        #[arg(long, default_value = "demo", value_parser = parse_seed)]
        seed: Seed,
        /// Fixed admin token (random when absent).
        #[arg(long, env = "PARTNER_CONSOLE_MOCK_ADMIN_TOKEN")]
        admin_token: Option<String>,
        /// Simulated customers place orders, answer switches and accept invitations.
        #[arg(long)]
        live: bool,
        /// Seconds between two simulated customer actions (with --live).
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=3600))]
        live_every: u64,
        /// Serve Huawei's BSS alone: the Partner Center paths answer as unknown APIs.
        #[arg(long)]
        bss_only: bool,
        /// Calls per second per account and API before the gateway answers 429
        /// (Huawei's rate for partner operations is 10; 0 turns flow control off).
        #[arg(long, default_value_t = 10)]
        rate_limit: u32,
        /// The Huawei site whose API is served: cn, or intl (no partner funds or
        /// coupons, customers registered by e-mail with their country).
        #[arg(long, value_parser = parse_site, default_value = "cn")]
        site: pc_api::site::Site,
    },
}

fn main() -> ExitCode {
    // Everything this process creates — journal, audit log, exports, logs, the mock's
    // data file — is owner-only on a shared host (pc_core::files also sets the modes).
    #[cfg(unix)]
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    // The environment's language for everything; a profile's `locale` replaces it once
    // its settings are read (`settings`, and doctor's own). The demo reads no config.
    i18n::set(Locale::detect(None, |k| std::env::var(k).ok()));
    // The help in the user's language (clap's own words for English).
    let mut command = pc_cli::cli_help::localize(Cli::command());
    let cli = command
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|m| Cli::from_arg_matches(&m))
        .unwrap_or_else(|e| pc_cli::cli_help::exit(e, &mut command));
    let over = config::Overrides {
        config: cli.config,
        profile: cli.profile,
        endpoint: cli.endpoint,
        read_only: cli.read_only,
        domain_id: cli.domain_id,
    };
    let display = Display {
        mono: cli.mono,
        ascii: cli.ascii,
        mouse: cli.mouse,
    };
    match cli.command {
        #[cfg(feature = "mock")]
        Some(Command::Mock {
            listen,
            data,
            seed,
            admin_token,
            live,
            live_every,
            bss_only,
            rate_limit,
            site,
        }) => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| pc_core::log_filter("info").into()),
                )
                .with_writer(std::io::stderr)
                .init();
            let config = MockConfig {
                data,
                seed,
                admin_token,
                live: live.then(|| std::time::Duration::from_secs(live_every)),
                limits: Default::default(),
                rate_limit: Some(rate_limit).filter(|r| *r > 0),
                bss_only,
                site,
            };
            run_mock(listen, config)
        }
        Some(Command::Script(cmd)) => run_script(&over, cmd),
        Some(Command::Doctor) => pc_cli::doctor::main(&over),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "partner-console",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Some(Command::Man { out }) => man(out.as_deref()),
        #[cfg(feature = "mock")]
        None if cli.demo => run_demo(
            cli.role,
            DemoFlags {
                read_only: cli.read_only,
                live: cli.live,
                bss_only: cli.bss_only,
                site: cli.site,
            },
            display,
        ),
        #[cfg(not(feature = "mock"))]
        None if cli.demo => {
            eprintln!("partner-console: {}", t!("cli.no_mock_built"));
            ExitCode::from(script::Exit::Usage)
        }
        None => settings(&over).map_or_else(|code| code, |settings| run_profile(settings, display)),
    }
}

/// The profile's settings (or the environment's), or the exit code of a usage error,
/// said on stderr.
fn settings(over: &config::Overrides) -> Result<config::Settings, ExitCode> {
    let settings = config::resolve(over, &config::Env::from_process(), config::default_path())
        .map_err(|e| {
            eprintln!("partner-console: {e}");
            ExitCode::from(script::Exit::Usage)
        })?;
    i18n::set(Locale::detect(settings.locale.as_deref(), |k| {
        std::env::var(k).ok()
    }));
    Ok(settings)
}

fn runtime() -> Result<tokio::runtime::Runtime, ExitCode> {
    tokio::runtime::Runtime::new().map_err(|e| {
        eprintln!("partner-console: {}", t!("cli.no_runtime", error = e));
        ExitCode::FAILURE
    })
}

fn finish(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("partner-console: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A script command against the profile's backend (or `--endpoint` and the
/// environment's AK/SK, with no config file), with the profile's journal.
fn run_script(over: &config::Overrides, cmd: script::ScriptCmd) -> ExitCode {
    let settings = match settings(over) {
        Ok(s) => s,
        Err(code) => return code,
    };
    if cmd.json() {
        // Stable JSON: its titles, summaries and next steps are English in any locale.
        i18n::set(Locale::En);
    }
    // Script output names flags and commands, not the console's keys.
    i18n::set_surface(i18n::Surface::Script);
    let _logs = console::init_logging(settings.log_level.as_deref());
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let client = match rt.block_on(connect(&settings)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let records = console::records(
        &settings.profile,
        &partner_name(&settings),
        &settings.endpoint,
        &settings.credentials.ak,
        false,
    );
    let ctx = script::Ctx {
        client,
        records,
        read_only: settings.read_only,
        partner_center: settings.partner_center,
        platform_id: settings.platform_id.clone(),
        site: settings.site,
    };
    let code = rt.block_on(script::run(&ctx, &cmd));
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    code.into()
}

/// The client of the settings, with the AK's account id: configured, kept from an
/// earlier run, or asked of IAM now (and kept). An error is said on stderr.
async fn connect(settings: &config::Settings) -> Result<Client, ExitCode> {
    let client = config::client(settings, settings.request_timeout).map_err(|e| {
        eprintln!("partner-console: {}", pc_core::format::client_error(&e));
        ExitCode::from(script::Exit::Usage)
    })?;
    let cache = pc_core::credentials::domain_cache_path();
    // The first run of an AK asks IAM before anything shows: say so.
    let asking = |iam: &str| {
        eprintln!(
            "partner-console: {}",
            t!("credentials.asking_iam", iam = iam)
        )
    };
    match pc_core::credentials::with_domain(client, cache.as_deref(), asking).await {
        Ok((client, _)) => Ok(client),
        Err(e) => {
            // The error quotes the backend's answer: no escape sequence gets through.
            eprintln!("partner-console: {}", script::printable(&e.to_string()));
            Err(ExitCode::from(script::exit_for(&e.error)))
        }
    }
}

/// How the journal and the audit log name the partner of a profile.
fn partner_name(settings: &config::Settings) -> String {
    format!("AK {}", settings.credentials.ak)
}

/// `man`: the top page on stdout, or every page into `out`.
fn man(out: Option<&std::path::Path>) -> ExitCode {
    let result = match out {
        Some(dir) => std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(Cli::command(), dir)),
        None => clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()),
    };
    finish(result)
}

/// The display flags of the command line (each also a config key but `mono`).
#[derive(Debug, Clone, Copy)]
struct Display {
    mono: bool,
    ascii: bool,
    mouse: bool,
}

#[cfg(feature = "mock")]
/// How often the demo's live customers act, and how often the console then refreshes.
const LIVE_EVERY: std::time::Duration = std::time::Duration::from_secs(8);
#[cfg(feature = "mock")]
const LIVE_REFRESH: std::time::Duration = std::time::Duration::from_secs(4);

/// The demo's own flags.
#[cfg(feature = "mock")]
#[derive(Debug, Clone, Copy)]
struct DemoFlags {
    read_only: bool,
    live: bool,
    bss_only: bool,
    site: pc_api::site::Site,
}

/// The demo: the mock in-process on a free loopback port, the console over signed HTTP.
#[cfg(feature = "mock")]
fn run_demo(role: Role, flags: DemoFlags, display: Display) -> ExitCode {
    let DemoFlags {
        read_only,
        live,
        bss_only,
        site,
    } = flags;
    let _logs = console::init_logging(None);
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let partner = &DEMO_PARTNERS[role as usize];
    let code = rt.block_on(async move {
        let config = MockConfig {
            live: live.then_some(LIVE_EVERY),
            bss_only,
            site,
            ..MockConfig::default()
        };
        let running =
            match mock::start("127.0.0.1:0".parse().expect("a loopback address"), &config).await {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("partner-console: {}", t!("cli.no_demo_backend", error = e));
                    return ExitCode::FAILURE;
                }
            };
        let credentials = Credentials::new(partner.ak, partner.sk).with_domain(partner.domain_id());
        let client = match Client::new(&running.endpoint(), credentials) {
            Ok(c) => c.with_language(i18n::current().x_language()),
            Err(e) => {
                eprintln!("partner-console: {}", pc_core::format::client_error(&e));
                return ExitCode::FAILURE;
            }
        };
        let session = Session {
            profile: "demo".into(),
            partner_name: partner.name.into(),
            partner_kind: partner.role.replace('-', " "),
            endpoint: running.endpoint(),
            read_only,
            demo: true,
            utc_offset_secs: local_offset(),
            colors: colors(display.mono, None),
            ascii: display.ascii,
            mouse: display.mouse,
            // BSS alone: the console finds out, as against Huawei's.
            partner_center: (!bss_only).then_some(true),
            site,
            platform_id: Some(seed::PLATFORM_ID.into()),
            ..Session::default()
        };
        let outbox = console::DemoOutbox {
            endpoint: running.endpoint(),
            admin_token: running.state.admin_token.to_string(),
            partner_id: seed::partner_id(partner.account_name),
        };
        let records = console::records(
            partner.role,
            partner.name,
            &running.endpoint(),
            partner.ak,
            true,
        );
        let result = console::run(
            client,
            records,
            session,
            // Live customers act every few seconds: show them without a long wait.
            if live {
                LIVE_REFRESH
            } else {
                config::DEFAULT_REFRESH
            },
            Some(outbox),
        )
        .await;
        running.shutdown().await;
        finish(result)
    });
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    code
}

/// A configured profile (or the environment) against its backend.
fn run_profile(settings: config::Settings, display: Display) -> ExitCode {
    let _logs = console::init_logging(settings.log_level.as_deref());
    let rt = match runtime() {
        Ok(rt) => rt,
        Err(code) => return code,
    };
    let client = match rt.block_on(connect(&settings)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (keymap, keymap_problems) = pc_tui::app::keymap::Keymap::with_overrides(&settings.keys);
    for problem in &keymap_problems {
        tracing::warn!("{problem}");
    }
    let session = Session {
        profile: settings.profile.clone(),
        partner_name: partner_name(&settings),
        partner_kind: String::new(),
        endpoint: settings.endpoint.clone(),
        read_only: settings.read_only,
        demo: false,
        utc_offset_secs: local_offset(),
        colors: colors(display.mono, settings.color),
        ascii: display.ascii || settings.ascii,
        mouse: display.mouse || settings.mouse,
        partner_center: settings.partner_center,
        platform_id: settings.platform_id.clone(),
        site: settings.site,
        keymap,
        keymap_problems,
        ids: Default::default(),
        journal_problem: None,
    };
    let records = console::records(
        &settings.profile,
        &session.partner_name,
        &settings.endpoint,
        &settings.credentials.ak,
        false,
    );
    let result = rt.block_on(console::run(
        client,
        records,
        session,
        settings.refresh_interval,
        None,
    ));
    // Do not wait for a hung DNS lookup or connection after the user has quit.
    rt.shutdown_timeout(std::time::Duration::from_secs(1));
    finish(result)
}

fn local_offset() -> i32 {
    chrono::Local::now().offset().local_minus_utc()
}

/// The colours to draw with: none with `--mono`, else the config's `color`, else what
/// the terminal says (TERM, COLORTERM; none with NO_COLOR set, as no-color.org asks).
fn colors(mono: bool, configured: Option<ColorDepth>) -> ColorDepth {
    if mono {
        ColorDepth::None
    } else {
        configured.unwrap_or_else(ColorDepth::from_env)
    }
}

/// A `--site`, or why not in the user's language.
fn parse_site(text: &str) -> Result<pc_api::site::Site, String> {
    pc_api::site::Site::parse(text)
        .ok_or_else(|| t!("config.bad_site", value = format!("{text:?}")))
}

/// A `--seed`, or why not in the user's language.
#[cfg(feature = "mock")]
fn parse_seed(text: &str) -> Result<Seed, String> {
    text.parse()
        .map_err(|_| t!("cli.bad_seed", value = format!("{text:?}")))
}

#[cfg(feature = "mock")]
fn run_mock(listen: SocketAddr, config: MockConfig) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("partner-console mock: {}", t!("cli.no_runtime", error = e));
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let started = std::time::Instant::now();
        let running = match mock::start(listen, &config).await {
            Ok(r) => r,
            Err(e) => {
                eprintln!("partner-console mock: {e}");
                return ExitCode::FAILURE;
            }
        };
        println!(
            "{}",
            t!("cli.mock_listening", endpoint = running.endpoint())
        );
        let store = config.data.as_ref().map_or_else(
            || t!("cli.mock_in_memory").to_string(),
            |p| p.display().to_string(),
        );
        println!("{}", t!("cli.mock_store", store = store));
        println!(
            "{}",
            t!(
                "cli.mock_seed",
                seed = format!("{:?}", config.seed),
                ready = format!("{:.1?}", started.elapsed())
            )
        );
        println!(
            "{}",
            t!("cli.mock_admin_token", token = running.state.admin_token)
        );
        println!("{}", t!("cli.mock_partners"));
        for p in &DEMO_PARTNERS {
            println!("    {:<18} {:<28} {} / {}", p.role, p.name, p.ak, p.sk);
        }
        println!("{}", t!("cli.mock_stop"));
        let _ = tokio::signal::ctrl_c().await;
        running.shutdown().await;
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every visible command and argument has its help in Chinese, no translation is
    /// left over, and the Chinese command line is a valid one.
    #[test]
    fn the_help_is_translated_whole() {
        let (missing, unused) = pc_cli::cli_help::coverage(&Cli::command(), Locale::ZhCn);
        assert!(missing.is_empty(), "no [cli_help] text for: {missing:#?}");
        assert!(
            unused.is_empty(),
            "[cli_help] texts nothing uses: {unused:#?}"
        );
        let (root, pay) = i18n::with_locale(Locale::ZhCn, || {
            let mut cmd = pc_cli::cli_help::localize(Cli::command());
            cmd.build();
            cmd.clone().debug_assert();
            let pay = cmd
                .find_subcommand_mut("orders")
                .and_then(|o| o.find_subcommand_mut("pay"))
                .map(|p| p.render_help().to_string())
                .unwrap_or_default();
            (cmd.render_help().to_string(), pay)
        });
        assert!(root.contains("用法") && root.contains("选项"), "{root}");
        assert!(
            !root.contains("Usage") && !root.contains("Print help"),
            "{root}"
        );
        assert!(
            root.contains("-V, --version") && root.contains("显示版本"),
            "{root}"
        );
        assert!(
            pay.contains("--credit") && pay.contains("信用额度"),
            "{pay}"
        );
        // English stays clap's own.
        let english = pc_cli::cli_help::localize(Cli::command())
            .render_help()
            .to_string();
        assert!(english.contains("Usage") && english.contains("Print help"));
    }

    /// clap's errors in Chinese: each kind the commands can meet, with its facts and
    /// none of clap's English scaffolding.
    #[test]
    fn command_line_errors_are_worded_in_chinese() {
        let said = |args: &[&str]| {
            i18n::with_locale(Locale::ZhCn, || {
                let mut cmd = pc_cli::cli_help::localize(Cli::command());
                let args = std::iter::once("partner-console").chain(args.iter().copied());
                let err = cmd.try_get_matches_from_mut(args).unwrap_err();
                err.format(&mut cmd)
                    .apply::<pc_cli::cli_help::Localized>()
                    .to_string()
            })
        };
        for (args, wants) in [
            (
                &["orders", "lst"][..],
                &[
                    "无法识别的子命令 'lst'",
                    "提示：有相似的子命令：'list'",
                    "用法：partner-console orders",
                ][..],
            ),
            (
                &["orders", "list", "--lmit", "3"],
                &["无法识别的参数 '--lmit'", "有相似的参数：'--limit'"],
            ),
            (
                &["orders", "list", "--limit", "abc"],
                &["'--limit <LIMIT>' 的值 'abc' 无效：不是整数"],
            ),
            (
                &["orders", "list", "--limit", "1000"],
                &["1000 不在 1..=100 范围内"],
            ),
            (
                &["orders", "list", "--limit"],
                &["'--limit <LIMIT>' 需要一个值"],
            ),
            (
                &["--as", "foo"],
                &["'--as <ROLE>' 的值 'foo' 无效", "[可选值：distributor, "],
            ),
            (&["orders", "pay"], &["缺少以下必需的参数：\n  <ORDER_IDS>"]),
            (
                &["orders", "list", "--json", "--json"],
                &["'--json' 不能多次使用"],
            ),
            (
                &["--demo", "--endpoint", "http://x"],
                &["'--demo' 不能与 '--endpoint <ENDPOINT>' 同时使用"],
            ),
            (&["mock", "--listen", "nope"], &["不是有效的监听地址"]),
            (
                &["--as"],
                &["'--as <ROLE>' 需要一个值", "[可选值：distributor, "],
            ),
            (&["mock", "--live-every=-5"], &["'-5' 无效：不能为负数"]),
            (
                &["mock", "--seed", "lots"],
                &["--seed 须为 demo、empty 或 large:N"],
            ),
            (
                &["orders", "--json", "list"],
                &["可以这样写：'list --json'"],
            ),
            (
                &["orders", "pay", "X", "--x"],
                &["如要把 '--x' 作为值传入，请写成 '-- --x'"],
            ),
            (
                &["orders", "pay", "X", "--code", "12"],
                &["验证码为 6 位数字"],
            ),
        ] {
            let text = said(args);
            assert!(text.starts_with("错误："), "{args:?}: {text}");
            assert!(text.contains("更多信息请使用 '--help'。"), "{text}");
            for want in wants {
                assert!(text.contains(want), "{args:?} should say {want:?}: {text}");
            }
            for english in [
                "error:", "Usage", "tip:", "For more", "invalid", "required", "exists", "to pass",
                "must be",
            ] {
                assert!(!text.contains(english), "{args:?} says {english:?}: {text}");
            }
        }
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
        for args in [
            &["partner-console", "--demo", "--endpoint", "http://x"][..],
            &["partner-console", "orders", "list", "--limit", "0"][..],
            &["partner-console", "orders", "list", "--status"][..],
        ] {
            assert!(Cli::try_parse_from(args).is_err(), "{args:?}");
        }
        let cli = Cli::try_parse_from([
            "partner-console",
            "orders",
            "list",
            "--profile",
            "p",
            "--json",
        ])
        .unwrap();
        assert_eq!(cli.profile.as_deref(), Some("p"));
    }
}
