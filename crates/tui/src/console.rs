//! Starting the console for real: the terminal guard, the worker, the signals, the
//! demo outbox, and the loop; file logging that never writes to the terminal.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::app::{Msg, Session, State};
use crate::runtime::{self, TerminalGuard};
use crate::shift::ShiftingBackend;
use crate::worker;
use pc_api::admin::{ADMIN_HEADER, OutboxResp};
use pc_client::Client;

/// Where demo messages come from: the in-process mock's admin outbox.
#[derive(Debug, Clone)]
pub struct DemoOutbox {
    pub endpoint: String,
    pub admin_token: String,
    /// Only this partner's messages are shown.
    pub partner_id: String,
}

/// Runs the console until the user quits or a signal arrives; restores the terminal.
pub async fn run(
    client: Client,
    records: pc_core::exec::Records,
    mut session: Session,
    refresh: Duration,
    outbox: Option<DemoOutbox>,
) -> io::Result<()> {
    // An unwritable journal stops every operation at its summary, before a code.
    session.journal_problem = records.journal_error.clone();
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (msg_tx, mut msg_rx) = unbounded_channel();
    #[cfg(unix)]
    runtime::forward_signals(msg_tx.clone())?;
    let worker = tokio::spawn(worker::run(client, records, cmd_rx, msg_tx.clone()));
    if let Some(outbox) = outbox {
        tokio::spawn(poll_outbox(outbox, msg_tx.clone()));
    }
    let mouse = session.mouse;
    let mut state = State::new(session, refresh, chrono::Utc::now());
    let guard = TerminalGuard::enter(mouse)?;
    // Rows a scrolled list only moved are moved by the terminal, not written again.
    let mut terminal = Terminal::new(ShiftingBackend::new(CrosstermBackend::new(io::stdout()))?)?;
    let result = runtime::run(
        &mut terminal,
        &mut state,
        runtime::terminal_events(mouse),
        &cmd_tx,
        &mut msg_rx,
    )
    .await;
    drop(guard);
    worker.abort();
    result
}

/// Polls the demo backend's outbox every second and forwards this partner's messages.
pub async fn poll_outbox(outbox: DemoOutbox, out: UnboundedSender<Msg>) {
    let http = reqwest::Client::new();
    let mut after = 0i64;
    let mut every = tokio::time::interval(Duration::from_secs(1));
    loop {
        every.tick().await;
        let url = format!("{}/mock/outbox?after={after}", outbox.endpoint);
        let Ok(resp) = http
            .get(&url)
            .header(ADMIN_HEADER, &outbox.admin_token)
            .send()
            .await
        else {
            continue;
        };
        let Ok(bytes) = resp.bytes().await else {
            continue;
        };
        let Ok(body) = serde_json::from_slice::<OutboxResp>(&bytes) else {
            continue;
        };
        if let Some(last) = body.messages.last() {
            after = last.id;
        }
        let mine: Vec<_> = body
            .messages
            .into_iter()
            .filter(|m| {
                m.partner_id
                    .as_deref()
                    .is_none_or(|p| p == outbox.partner_id)
            })
            .collect();
        if !mine.is_empty() && out.send(Msg::Outbox(mine)).is_err() {
            return;
        }
    }
}

/// The journal and the audit log of a profile (or of a demo role), in the platform data
/// directory: `…/partner-console/profiles/<profile>-<backend>/` or `…/demo/<role>/`,
/// where `<backend>` is a short hash of the endpoint and the AK — so an intent is only
/// ever resolved against the backend and partner it was sent to. A demo backend starts
/// empty every time: what the last demo left unfinished is closed as such.
pub fn records(
    profile: &str,
    partner: &str,
    endpoint: &str,
    ak: &str,
    demo: bool,
) -> pc_core::exec::Records {
    let base = directories::ProjectDirs::from("", "", "partner-console")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("partner-console"));
    let safe: String = profile
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let dir = if demo {
        base.join("demo").join(safe)
    } else {
        let backend = pc_api::signing::sha256_hex(format!("{endpoint}|{ak}").as_bytes());
        base.join("profiles")
            .join(format!("{safe}-{}", &backend[..8]))
    };
    let records = pc_core::exec::Records::in_dir(&dir, profile, partner);
    if demo
        && let Some(j) = &records.journal
        && let Err(e) = j.close_all("the demo backend it was sent to has stopped")
    {
        tracing::warn!(error = %e, "cannot close the last demo's journal");
    }
    records
}

/// Daily log files in the platform data directory (`…/partner-console/logs`). Returns
/// the guard that flushes them, to be kept for the life of the program, and the folder.
pub fn init_logging(
    level: Option<&str>,
) -> Option<(tracing_appender::non_blocking::WorkerGuard, PathBuf)> {
    let dir = directories::ProjectDirs::from("", "", "partner-console")?
        .data_dir()
        .join("logs");
    // Owner-only: the files tracing-appender makes inside cannot be read by others.
    pc_core::files::private_dir(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(&dir, "partner-console.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(pc_core::log_filter(level.unwrap_or("info")))
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some((guard, dir))
}
