//! Crashes, end to end, with the real binary:
//!
//! - a panic of the UI (the debug-only F12 hook of `PARTNER_CONSOLE_TEST_PANIC`) restores
//!   the terminal, says what happened, and leaves the journal and the audit log complete;
//! - a `kill -9` of the console while a payment is on its way is resolved at the next
//!   start by asking the backend — the order is paid once, never twice;
//! - a `kill -9` of `partner-console mock --data FILE` under a load of writes loses no
//!   write it acknowledged: after a restart on the same file every acknowledged request
//!   id is applied, and the balances moved by exactly what was applied.
//!
//! Unix only (`kill`, signals). Every wait is bounded; nothing leaves 127.0.0.1.
#![cfg(unix)]

use crate::common;
use crate::pty_driver as pty;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::StreamExt;
use pc_api::partner_center::{APPLIED, NOT_APPLIED, RequestOutcome, TransferTarget};
use pc_api::{ACCOUNT_BALANCE, ListIndirectPartnersReq, OrderDetailsQuery, PartnerBalancesQuery};
use pc_client::{Client, Credentials};
use pc_core::journal::{Entry, Journal};
use pc_core::ops::Operation;
use pc_mock::domain::orders::STATUS_PENDING_PAYMENT;
use pc_mock::seed::{DEMO_PARTNERS, Seed};
use pty::Pty;
use rust_decimal::Decimal;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::runtime::Runtime;

/// The order both console tests pay.
const ORDER: &str = "CS-DEMO-OK-1";

// ------------------------------------------------------------------ helpers

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A runtime of its own, so that the test thread may block on the pseudo-terminal while
/// the mock and the relay go on serving on the worker threads.
fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Runs `f` on `rt`, `secs` seconds at most.
fn within<F: std::future::Future>(rt: &Runtime, what: &str, secs: u64, f: F) -> F::Output {
    // The timer is made inside the runtime: it needs its context.
    rt.block_on(async move { tokio::time::timeout(Duration::from_secs(secs), f).await })
        .unwrap_or_else(|_| panic!("timed out after {secs} s: {what}"))
}

/// Polls `f` every 20 ms until it gives a value, `secs` seconds at most.
fn wait_until<T>(what: &str, secs: u64, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(v) = f() {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {secs} s waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `kill -9`: no handler runs, nothing is flushed or restored.
fn kill_9(pid: u32) {
    let sent = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -KILL {pid}: {sent}");
}

fn distributor() -> Credentials {
    Credentials::new(DEMO_PARTNERS[0].ak, DEMO_PARTNERS[0].sk)
        .with_domain(DEMO_PARTNERS[0].domain_id())
}

/// The `ACCOUNT_BALANCE` of the caller, or of its reseller `reseller`.
async fn balance(c: &Client, reseller: Option<&str>) -> Decimal {
    c.list_partner_balances(&PartnerBalancesQuery {
        indirect_partner_id: reseller.map(str::to_string),
    })
    .await
    .expect("the balances")
    .account_balances
    .into_iter()
    .find(|b| b.account_type == ACCOUNT_BALANCE)
    .expect("a balance account")
    .amount
}

/// Intents without an outcome, read from the bytes of a journal another process may be
/// appending to (unlike `Journal::open`, this never writes to it).
fn open_intents(path: &Path) -> Vec<(String, Operation)> {
    let bytes = std::fs::read(path).unwrap_or_default();
    let mut open: Vec<(String, Operation)> = Vec::new();
    for line in bytes.split(|b| *b == b'\n') {
        match serde_json::from_slice::<Entry>(line) {
            Ok(Entry::Intent { request_id, op, .. }) => open.push((request_id, op)),
            Ok(Entry::Done { request_id, .. }) => open.retain(|(id, _)| *id != request_id),
            Err(_) => {}
        }
    }
    open
}

// ------------------------------------------------------------------ 1. a panic

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the F12 panic hook exists in debug builds only"
)]
fn a_panic_restores_the_terminal_and_leaves_the_journal_complete() {
    let mut c = Pty::start_env(
        &["--demo"],
        &[
            ("PARTNER_CONSOLE_TEST_PANIC", "1"),
            // A backtrace would push the message off the screen.
            ("RUST_BACKTRACE", "0"),
            ("RUST_LIB_BACKTRACE", "0"),
        ],
        120,
        40,
    );
    c.wait_for("the orders", |s| s.contains(ORDER));

    // A payment first, so that the journal and the audit log have something to lose.
    c.pay_demo_order();

    // F12 with PARTNER_CONSOLE_TEST_PANIC set: the UI thread panics.
    c.keys("\x1b[24~");
    let status = c.wait_exit();
    let screen = c.screen();
    assert!(
        !status.success(),
        "a panic is a failure: {status:?}\n{screen}"
    );
    assert!(
        c.restored(),
        "the panic hook left the alternate screen, showed the cursor, ended bracketed paste:\n{screen}"
    );
    assert!(
        screen.contains("panicked at")
            && screen.contains("test panic (PARTNER_CONSOLE_TEST_PANIC)"),
        "the panic message is on the restored screen:\n{screen}"
    );

    // What was recorded before the panic is on disk, whole: the intent and its outcome.
    let dir = c
        .home()
        .join("data")
        .join("partner-console")
        .join("demo")
        .join("distributor");
    let journal = std::fs::read_to_string(dir.join("journal.jsonl")).expect("the journal");
    // Entries, not the empty lines that checked it was writable before the code.
    assert_eq!(
        journal.lines().filter(|l| !l.trim().is_empty()).count(),
        2,
        "{journal}"
    );
    assert!(journal.contains("\"state\":\"intent\""), "{journal}");
    assert!(journal.contains("\"state\":\"done\""), "{journal}");
    assert!(journal.contains(ORDER), "{journal}");
    assert!(
        Journal::open(&dir.join("journal.jsonl"))
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty(),
        "{journal}"
    );
    let audit = std::fs::read_to_string(dir.join("audit.jsonl")).expect("the audit log");
    assert!(
        audit
            .lines()
            .any(|l| l.contains(ORDER) && l.contains("\"outcome\":\"applied\"")),
        "{audit}"
    );
}

// ------------------------------------------------------------------ 2. kill -9 of the console

/// A loopback TCP relay between the console and the mock that records what the console
/// sent and — like a network that lost the answer, unlike a direct connection, whose
/// end the kernel signals at once — does not tell the mock when the console dies: a
/// request the mock has received is carried out, not dropped with the connection
/// (hyper drops the handler of a client that hung up).
struct Relay {
    addr: SocketAddr,
    sent: Arc<Mutex<Vec<u8>>>,
}

/// How long the relay keeps the mock's side of a connection open after the console's
/// side ended.
const LINGER: Duration = Duration::from_secs(20);

impl Relay {
    async fn start(upstream: SocketAddr) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a relay port");
        let addr = listener.local_addr().unwrap();
        let sent = Arc::new(Mutex::new(Vec::new()));
        let log = sent.clone();
        tokio::spawn(async move {
            while let Ok((console, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    if let Ok(mock) = tokio::net::TcpStream::connect(upstream).await {
                        relay(console, mock, log).await;
                    }
                });
            }
        });
        Relay { addr, sent }
    }

    /// Whether the console has sent `needle` (a request id, say).
    fn saw(&self, needle: &str) -> bool {
        let sent = self.sent.lock().unwrap();
        sent.windows(needle.len()).any(|w| w == needle.as_bytes())
    }
}

async fn relay(
    console: tokio::net::TcpStream,
    mock: tokio::net::TcpStream,
    log: Arc<Mutex<Vec<u8>>>,
) {
    let (mut from_console, mut to_console) = console.into_split();
    let (mut from_mock, mut to_mock) = mock.into_split();
    let up = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match from_console.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    log.lock().unwrap().extend_from_slice(&buf[..n]);
                    if to_mock.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
        // The console is gone: the mock's side stays open (no FIN) a while, so that the
        // mock finishes what it received. Dropping the half shuts it down.
        tokio::time::sleep(LINGER).await;
        drop(to_mock);
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            match from_mock.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to_console.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
            }
        }
    };
    tokio::join!(up, down);
}

#[test]
fn a_kill_9_during_a_payment_is_resolved_at_the_next_start_without_paying_twice() {
    let rt = runtime();
    let m = within(&rt, "the mock", 30, common::start(Seed::Demo));
    let relay = within(&rt, "the relay", 10, Relay::start(m.addr));
    let c = common::client(&m, 0);

    // A profile for the relay's address, and a HOME both runs share.
    let home = TempDir::new("pc-crash-pay");
    let config = home.path().join("config.toml");
    let endpoint = format!("http://{}", relay.addr);
    std::fs::write(
        &config,
        format!(
            "[profiles.crash]\nendpoint = \"{endpoint}\"\nak = \"{}\"\nsk = \"{}\"\n",
            DEMO_PARTNERS[0].ak, DEMO_PARTNERS[0].sk
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let data = home.path().join("data");
    let vars: Vec<(String, String)> = [
        ("HOME", home.path().to_path_buf()),
        ("XDG_DATA_HOME", data.clone()),
        ("XDG_CONFIG_HOME", home.path().join("config")),
        ("XDG_STATE_HOME", home.path().join("state")),
    ]
    .into_iter()
    .map(|(k, v)| {
        (
            k.to_string(),
            v.to_str().expect("a UTF-8 temp dir").to_string(),
        )
    })
    // Empty is unset for the console: the test's own environment cannot interfere.
    .chain(
        pc_core::config::SDK_ENV
            .iter()
            .chain(&[pc_core::config::ENV_ENDPOINT])
            .map(|k| (k.to_string(), String::new())),
    )
    .collect();
    let env: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let args = ["--config", config.to_str().expect("a UTF-8 temp dir")];

    let details = OrderDetailsQuery::default();
    let order = within(
        &rt,
        "the order",
        30,
        c.show_customer_order_details(ORDER, &details),
    )
    .expect("the order")
    .order_info;
    assert_eq!(order.status, STATUS_PENDING_PAYMENT);
    let before = within(&rt, "the balance", 30, balance(&c, None));

    // The first run: the payment is sent, and the console killed while it is on its way.
    let mut console = Pty::start_env(&args, &env, 120, 40);
    console.wait_for("the orders", |s| s.contains(ORDER));
    console.keys(":orders CS-DEMO-OK-1\r");
    console.wait_for("the one order", |s| {
        s.contains("filter: CS-DEMO-OK-1") && s.contains("1 of 1")
    });
    console.keys("p");
    console.wait_for("the summary", |s| {
        s.contains("Pay order CS-DEMO-OK-1") && s.contains("Enter send the code")
    });
    console.keys("\r");
    console.wait_for("the code entry", |s| {
        s.contains("Code sent by SMS to 138****0001") && s.contains("Enter confirm")
    });
    // Outside --demo no toast shows the code: the mock's outbox has it.
    let code = within(&rt, "the code", 30, common::last_code(&m));
    // Every signed call now waits 5 s before it is handled: the payment hangs.
    within(
        &rt,
        "the delay",
        30,
        common::admin(&m, "/mock/faults", serde_json::json!({ "delay_ms": 5000 })),
    );
    console.keys(&code);
    console.keys("\r");
    console.wait_for("the payment on its way", |s| {
        s.contains("Waiting for the backend's answer")
    });
    let journal = wait_until("the journal", 10, || {
        let profiles = data.join("partner-console").join("profiles");
        let dirs: Vec<PathBuf> = std::fs::read_dir(profiles)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        match dirs.as_slice() {
            [dir] if dir.join("journal.jsonl").exists() => Some(dir.join("journal.jsonl")),
            _ => None,
        }
    });
    let (request_id, op) = wait_until("the intent in the journal", 10, || {
        open_intents(&journal).pop()
    });
    let Operation::PayOrders { orders, .. } = &op else {
        panic!("not the payment: {op:?}")
    };
    assert_eq!(
        orders
            .iter()
            .map(|o| o.order_id.as_str())
            .collect::<Vec<_>>(),
        [ORDER]
    );
    wait_until("the payment to reach the backend", 10, || {
        relay.saw(&request_id).then_some(())
    });
    kill_9(console.child.process_id().expect("a pid"));
    let status = console.wait_exit();
    assert!(!status.success(), "killed: {status:?}");
    drop(console);
    within(
        &rt,
        "the faults cleared",
        30,
        common::admin(&m, "/mock/faults", serde_json::json!({})),
    );

    // The backend carries the payment out after the console died…
    wait_until("the mock to finish the payment", 30, || {
        let o = within(
            &rt,
            "the order",
            30,
            c.show_customer_order_details(ORDER, &details),
        )
        .ok()?;
        (o.order_info.status != STATUS_PENDING_PAYMENT).then_some(())
    });
    assert_eq!(
        within(&rt, "the balance", 30, balance(&c, None)),
        before - order.amount_after_discount
    );
    // …and the console never heard: its intent is still open.
    let open = Journal::open(&journal).unwrap().unfinished().unwrap();
    assert_eq!(
        open.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>(),
        [request_id.as_str()]
    );

    // The next start asks the backend about it, says so, and sends nothing again.
    let mut console = Pty::start_env(&args, &env, 120, 40);
    console.wait_for("the resolution", |s| {
        // "…— Pay order CS-DEMO-OK-1 on behalf of the customer: done", wrapped.
        s.contains("Unfinished from last time") && s.contains(": done")
    });
    console.keys("q");
    let status = console.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(console.restored());

    assert_eq!(
        within(&rt, "the balance", 30, balance(&c, None)),
        before - order.amount_after_discount,
        "paid once"
    );
    let outcome =
        within(&rt, "the outcome", 30, c.request_outcome(&request_id)).expect("the outcome");
    assert_eq!(outcome.state, APPLIED);
    assert!(
        Journal::open(&journal)
            .unwrap()
            .unfinished()
            .unwrap()
            .is_empty(),
        "nothing left unfinished"
    );
    let audit = std::fs::read_to_string(journal.with_file_name("audit.jsonl")).unwrap();
    assert!(
        audit
            .lines()
            .any(|l| l.contains(&request_id) && l.contains("\"outcome\":\"applied\"")),
        "{audit}"
    );
    assert!(
        !audit.contains(&code) && !std::fs::read_to_string(&journal).unwrap().contains(&code),
        "no verification code on disk"
    );
}

// ------------------------------------------------------------------ 3. kill -9 of the mock

/// `partner-console mock --data FILE` as a child process on a free loopback port; killed
/// on drop.
struct MockProcess {
    child: Child,
    endpoint: String,
}

const MOCK_ADMIN_TOKEN: &str = "crash-test-admin-token";

impl MockProcess {
    fn start(data: &Path, log: &Path) -> MockProcess {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
            l.local_addr().unwrap().port()
        };
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_partner-console"))
            .arg("mock")
            .arg("--listen")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--data")
            .arg(data)
            .arg("--admin-token")
            .arg(MOCK_ADMIN_TOKEN)
            .env("RUST_LOG", pc_core::log_filter("warn"))
            .stdin(Stdio::null())
            .stdout(Stdio::from(log.try_clone().unwrap()))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("the mock starts");
        MockProcess {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
        }
    }

    fn client(&self) -> Client {
        Client::new(&self.endpoint, distributor()).unwrap()
    }

    /// Waits until it answers a signed read.
    fn wait_ready(&mut self, rt: &Runtime, log: &Path) {
        let c = self.client();
        wait_until("the mock to answer", 60, || {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!(
                    "the mock exited ({status}):\n{}",
                    std::fs::read_to_string(log).unwrap_or_default()
                );
            }
            within(
                rt,
                "a balance",
                30,
                c.list_partner_balances(&Default::default()),
            )
            .ok()
            .map(|_| ())
        });
    }

    /// SIGKILL (what `Child::kill` sends on Unix), and the reaping.
    fn kill_9(&mut self) {
        use std::os::unix::process::ExitStatusExt;
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "{status}");
    }
}

impl Drop for MockProcess {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// What one writer sent, and what the mock acknowledged (request id, transfer id).
#[derive(Debug, Default)]
struct Load {
    sent: Vec<(String, Decimal)>,
    acked: Vec<(String, String)>,
    /// Refusals before the kill: there must be none.
    refused: Vec<String>,
    /// Whether the kill cut it off mid-load (not out of work nor refused).
    cut: bool,
}

const WRITERS: usize = 4;
const MAX_PER_WRITER: u32 = 20_000;

#[test]
fn a_kill_9_of_the_mock_under_load_loses_no_acknowledged_write() {
    let rt = runtime();
    let dir = TempDir::new("pc-crash-mock");
    let data = dir.path().join("mock.sqlite3");
    let log = dir.path().join("mock.log");
    let mut mock = MockProcess::start(&data, &log);
    mock.wait_ready(&rt, &log);
    let c = mock.client();
    let reseller = within(
        &rt,
        "the resellers",
        30,
        c.list_indirect_partners(&ListIndirectPartnersReq::default()),
    )
    .expect("the resellers")
    .indirect_partners
    .first()
    .expect("the demo distributor has a reseller")
    .indirect_partner_id
    .clone();
    let reseller_before = within(&rt, "a balance", 30, balance(&c, Some(reseller.as_str())));
    let own_before = within(&rt, "a balance", 30, balance(&c, None));

    // Writers allocate to the reseller through the BSS API (no verification code), each
    // request with its own X-Client-Request-Id, until the mock dies under them.
    let killed = Arc::new(AtomicBool::new(false));
    let acked = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let c = c.clone();
            let reseller = reseller.clone();
            let killed = killed.clone();
            let acked = acked.clone();
            rt.spawn(async move {
                let mut load = Load::default();
                for n in 0..MAX_PER_WRITER {
                    let id = format!("crash-{w}-{n}-{}", uuid::Uuid::new_v4().simple());
                    let amount = Decimal::new(101 + i64::from(n % 97), 2);
                    load.sent.push((id.clone(), amount));
                    match c
                        .transfer_bss(TransferTarget::ResellerAllocate, &reseller, amount, &id)
                        .await
                    {
                        Ok(transfer_id) => {
                            acked.fetch_add(1, Ordering::SeqCst);
                            load.acked.push((id, transfer_id));
                        }
                        Err(e) => {
                            if killed.load(Ordering::SeqCst) {
                                load.cut = true;
                            } else {
                                load.refused.push(format!("{id}: {e}"));
                            }
                            break;
                        }
                    }
                }
                load
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(1));
    wait_until("acknowledged writes", 60, || {
        (acked.load(Ordering::SeqCst) >= 50).then_some(())
    });
    killed.store(true, Ordering::SeqCst);
    mock.kill_9();
    let loads: Vec<Load> = within(
        &rt,
        "the writers to stop",
        60,
        futures::future::join_all(writers),
    )
    .into_iter()
    .map(|r| r.expect("a writer panicked"))
    .collect();
    for load in &loads {
        assert!(load.refused.is_empty(), "refused: {:?}", load.refused);
        assert!(
            load.cut,
            "every writer was still writing when the mock died"
        );
    }

    // The same file, a new process.
    let mut mock = MockProcess::start(&data, &log);
    mock.wait_ready(&rt, &log);
    let c = mock.client();
    let sent: Vec<(String, Decimal)> = loads.iter().flat_map(|l| l.sent.clone()).collect();
    let outcomes: HashMap<String, (Decimal, RequestOutcome)> = within(
        &rt,
        "the outcomes",
        300,
        futures::stream::iter(sent)
            .map(|(id, amount)| {
                let c = c.clone();
                async move {
                    let o = c
                        .request_outcome(&id)
                        .await
                        .unwrap_or_else(|e| panic!("the outcome of {id}: {e}"));
                    (id, (amount, o))
                }
            })
            .buffer_unordered(8)
            .collect::<HashMap<_, _>>(),
    );

    // Every acknowledged write is there, with the answer that was given for it.
    for (id, transfer_id) in loads.iter().flat_map(|l| l.acked.iter()) {
        let (_, o) = &outcomes[id];
        assert_eq!(o.state, APPLIED, "acknowledged {id} was lost");
        assert_eq!(
            o.response
                .as_ref()
                .and_then(|r| r.get("transfer_id"))
                .and_then(|t| t.as_str()),
            Some(transfer_id.as_str()),
            "{id}: {o:?}"
        );
    }
    let acknowledged: usize = loads.iter().map(|l| l.acked.len()).sum();
    assert!(acknowledged >= 50, "{acknowledged} acknowledged writes");
    // Whatever was applied (the acknowledged ones, and any in flight that committed) is
    // exactly what moved; the rest never happened.
    let mut applied = Decimal::ZERO;
    for (id, (amount, o)) in &outcomes {
        match o.state.as_str() {
            APPLIED => applied += *amount,
            NOT_APPLIED => {}
            other => panic!("{id}: unexpected state {other}"),
        }
    }
    assert_eq!(
        within(&rt, "a balance", 30, balance(&c, Some(reseller.as_str()))) - reseller_before,
        applied,
        "the reseller received exactly the applied transfers"
    );
    assert_eq!(
        own_before - within(&rt, "a balance", 30, balance(&c, None)),
        applied,
        "the distributor paid exactly the applied transfers"
    );
}
