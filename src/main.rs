//! `partner-console`: the console (`--demo`, profiles) and `partner-console mock`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use partner_console::mock::seed::{DEMO_PARTNERS, Seed};
use partner_console::mock::{self, MockConfig};

#[derive(Debug, Parser)]
#[command(
    name = "partner-console",
    version,
    about = "Keyboard-driven console for Huawei Cloud partners"
)]
struct Cli {
    /// Run the console against a built-in mock backend with demo data.
    #[arg(long)]
    demo: bool,
    /// The demo partner to act as.
    #[arg(long = "as", value_enum, default_value_t = Role::Distributor, requires = "demo")]
    role: Role,
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
    /// Run the mock partner backend alone.
    Mock {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Keep state in this SQLite file (in memory without it).
        #[arg(long)]
        data: Option<PathBuf>,
        /// demo, empty or large:N (only used when the store is new).
        #[arg(long, default_value = "demo")]
        seed: Seed,
        /// Fixed admin token (random when absent).
        #[arg(long, env = "PARTNER_CONSOLE_MOCK_ADMIN_TOKEN")]
        admin_token: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Mock {
            listen,
            data,
            seed,
            admin_token,
        }) => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_default_env()
                        .unwrap_or_else(|_| "partner_console=info".into()),
                )
                .with_writer(std::io::stderr)
                .init();
            let config = MockConfig {
                data,
                seed,
                admin_token,
            };
            run_mock(listen, config)
        }
        None if cli.demo => {
            let role = format!("{:?}", cli.role);
            println!(
                "The console is coming in the next release; for now run `partner-console mock` and call it with the Huawei SDK."
            );
            println!("(demo role requested: {role})");
            ExitCode::SUCCESS
        }
        None => {
            eprintln!(
                "partner-console: the console needs --demo for now (profiles arrive with the console); see --help."
            );
            ExitCode::from(2)
        }
    }
}

fn run_mock(listen: SocketAddr, config: MockConfig) -> ExitCode {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("partner-console mock: cannot start the runtime: {e}");
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
            "Partner Console mock backend listening on {}",
            running.endpoint()
        );
        println!(
            "  store: {}",
            config
                .data
                .as_ref()
                .map_or("in memory".into(), |p| p.display().to_string())
        );
        println!(
            "  seed:  {:?} (ready in {:.1?})",
            config.seed,
            started.elapsed()
        );
        println!(
            "  admin token (X-Mock-Admin): {}",
            running.state.admin_token
        );
        println!("  demo partners (AK / SK):");
        for p in &DEMO_PARTNERS {
            println!("    {:<18} {:<28} {} / {}", p.role, p.name, p.ak, p.sk);
        }
        println!("Press Ctrl-C to stop.");
        let _ = tokio::signal::ctrl_c().await;
        running.shutdown().await;
        ExitCode::SUCCESS
    })
}
