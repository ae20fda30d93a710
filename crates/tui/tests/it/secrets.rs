//! Secrets stay secret (docs/design.md §2): after a full session through the real `update`,
//! worker, client and in-process mock — an order paid with an SMS code, funds allocated
//! to a reseller with a code, the account password changed with a code, a customer
//! created with its registration code, a real-name submission by bank card with its
//! scene-18 code — no partner SK, no verification code, no password and no ID or card
//! number is in the data directory (journal, audit log, anything else), the tracing log,
//! any frame drawn, the `Debug` text a panic message would print (the state, every
//! command, every message from the worker), or what the mock keeps of the requests.
//!
//! The demo console's inbox shows codes on purpose (`:inbox`, demo toasts): the session
//! here is not fed the demo outbox, as a real backend sends codes to the phone only.

use crate::common;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pc_core::exec::Records;
use pc_mock::RunningMock;
use pc_mock::seed::{DEMO_PARTNERS, PLATFORM_ID, Seed};
use pc_tui::app::create::{Check, CustomerForm, Field as CustomerField};
use pc_tui::app::modal::{ExecOutcome, Modal};
use pc_tui::app::realname::RealnameForm;
use pc_tui::app::{Command, Msg, Overlay, Pane, Session, State, update};
use pc_tui::ui::view;
use pc_tui::worker;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// The new account password (two kinds of characters, not the account name).
const PASSWORD: &str = "Qv7pW3xR9kTm";
const NEW_ACCOUNT: &str = "leakcheck_co_01";
const NEW_PHONE: &str = "15987654321";
const REAL_NAME: &str = "张伟";
const ID_NUMBER: &str = "11010519491231002X";
const BANK_CARD: &str = "6222020200112233445";
const BANK_PHONE: &str = "13912345678";

// ------------------------------------------------------------------ the tracing log

/// Everything the tracing subscriber of this test binary wrote.
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct LogWriter;

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        LOG.lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Logs as the console logs to its file, at the most verbose level, into [`LOG`]
/// (without timestamps: their microseconds are six digits).
fn capture_logs() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(pc_core::log_filter(
            "trace",
        )))
        .with_writer(|| LogWriter)
        .with_ansi(false)
        .without_time()
        .try_init()
        .expect("the only subscriber of this test binary");
}

fn log_text() -> String {
    String::from_utf8_lossy(&LOG.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

// ------------------------------------------------------------------ the console

/// The console without a terminal: `update`, the real worker, a 120×40 `TestBackend`
/// drawn after every step, and the `Debug` text of everything that passes.
struct Console {
    state: State,
    commands: UnboundedSender<Command>,
    messages: UnboundedReceiver<Msg>,
    terminal: Terminal<TestBackend>,
    /// What a panic message could print: every command, every message from the worker,
    /// the modal and overlay after every step, the whole state at every checkpoint.
    debug: Vec<String>,
    /// Every frame drawn, and whether the real-name form was on it (where the numbers
    /// being typed are shown as typed, like any form field).
    screens: Vec<(bool, String)>,
}

impl Console {
    fn start(m: &RunningMock, dir: &Path) -> Console {
        let (cmd_tx, cmd_rx) = unbounded_channel();
        let (msg_tx, msg_rx) = unbounded_channel();
        let records = Records::in_dir(dir, "test", DEMO_PARTNERS[0].name);
        tokio::spawn(worker::run(common::client(m, 0), records, cmd_rx, msg_tx));
        let session = Session {
            profile: "test".into(),
            partner_name: DEMO_PARTNERS[0].name.into(),
            endpoint: m.endpoint(),
            partner_center: Some(true),
            platform_id: Some(PLATFORM_ID.into()),
            ..Default::default()
        };
        let mut state = State::new(session, Duration::from_secs(600), chrono::Utc::now());
        state.size = (120, 40);
        let cmds = state.start();
        let mut c = Console {
            state,
            commands: cmd_tx,
            messages: msg_rx,
            terminal: Terminal::new(TestBackend::new(120, 40)).unwrap(),
            debug: Vec::new(),
            screens: Vec::new(),
        };
        c.debug.push(format!("{cmds:?}"));
        c.run(cmds);
        c.snap();
        c
    }

    fn run(&mut self, cmds: Vec<Command>) {
        for c in cmds {
            self.commands.send(c).expect("the worker is running");
        }
    }

    fn snap(&mut self) {
        let state = &self.state;
        self.terminal.draw(|f| view(state, f)).unwrap();
        let form = matches!(state.overlay, Some(Overlay::Realname(_)));
        self.screens
            .push((form, self.terminal.backend().to_string()));
    }

    /// One message through `update`: its commands to the worker, then a frame.
    fn step(&mut self, msg: Msg) {
        let cmds = update(&mut self.state, msg);
        self.debug.push(format!("{cmds:?}"));
        self.debug
            .push(format!("{:?} {:?}", self.state.modal, self.state.overlay));
        self.run(cmds);
        self.snap();
    }

    fn key(&mut self, code: KeyCode) {
        self.step(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn chars(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// What the user types is their input, not something the console shows or keeps:
    /// the input message itself is not recorded.
    fn paste(&mut self, text: &str) {
        self.step(Msg::Paste(text.into()));
    }

    /// The clock moves on (the new-customer form checks a field once typing pauses).
    fn tick(&mut self, seconds: i64) {
        let now = self.state.now + chrono::TimeDelta::seconds(seconds);
        self.step(Msg::Tick(now));
    }

    /// Feeds the worker's answers until `done` holds (20 s at most).
    async fn until(&mut self, what: &str, done: impl Fn(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !done(&self.state) {
            let msg = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "timed out waiting for {what}: modal {:?}, overlay {:?}, toasts {:?}",
                        self.state.modal, self.state.overlay, self.state.toasts
                    )
                })
                .expect("the worker is running");
            self.debug.push(format!("{msg:?}"));
            self.step(msg);
        }
        self.debug.push(format!("{:?}", self.state));
    }

    /// Waits for the result, which must be applied in full, and closes it.
    async fn applied(&mut self, what: &str) {
        self.until(what, |s| matches!(s.modal, Some(Modal::Done { .. })))
            .await;
        match &self.state.modal {
            Some(Modal::Done {
                outcome: ExecOutcome::Applied(items),
                ..
            }) if items.iter().all(|i| i.ok) => {}
            other => panic!("{what}: not applied: {other:?}"),
        }
        self.key(KeyCode::Enter);
        assert!(self.state.modal.is_none(), "{what}: the result closes");
    }

    /// From the summary: a code by SMS, typed, and the operation applied.
    async fn confirm_with_code(&mut self, m: &RunningMock, codes: &mut Vec<String>, what: &str) {
        assert!(
            matches!(self.state.modal, Some(Modal::Confirm { .. })),
            "{what}: the summary first, got {:?}",
            self.state.modal
        );
        self.key(KeyCode::Enter);
        self.until(what, |s| {
            matches!(s.modal, Some(Modal::AwaitingCode { .. }))
        })
        .await;
        let code = code_sent_to(m, DEMO_PARTNERS[0].phone).await;
        // Typed digit by digit, as a user would (the modal shows one dot per digit).
        self.chars(&code);
        codes.push(code);
        self.key(KeyCode::Enter);
        self.applied(what).await;
    }
}

fn customer_form(s: &State) -> Option<&CustomerForm> {
    match &s.overlay {
        Some(Overlay::NewCustomer(form)) => Some(&**form),
        _ => None,
    }
}

fn realname_form(s: &State) -> Option<&RealnameForm> {
    match &s.overlay {
        Some(Overlay::Realname(form)) => Some(&**form),
        _ => None,
    }
}

/// A field of the new-customer form whose availability check has answered.
fn checked(s: &State, field: CustomerField) -> bool {
    customer_form(s).is_some_and(|f| {
        !matches!(
            f.check(field),
            Some(Check::Due(_) | Check::Checking(_)) | None
        )
    })
}

// ------------------------------------------------------------------ codes sent

/// The six digits after "code is " in a message of the mock's outbox.
fn code_in(body: &str) -> Option<String> {
    let at = body.find("code is ")? + "code is ".len();
    let code: String = body[at..].chars().take(6).collect();
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// The latest code sent to `recipient`.
async fn code_sent_to(m: &RunningMock, recipient: &str) -> String {
    common::outbox(m)
        .await
        .into_iter()
        .rev()
        .filter(|msg| msg.recipient == recipient)
        .find_map(|msg| code_in(&msg.body))
        .unwrap_or_else(|| panic!("no code was sent to {recipient}"))
}

// ------------------------------------------------------------------ looking for leaks

/// A text to search, where it came from, and whether the real-name form was on it.
struct Source {
    label: String,
    text: String,
    realname_form: bool,
}

/// Something that must not leak.
struct Needle {
    what: String,
    value: String,
    /// Six digits: only a match standing alone counts, not digits inside a longer
    /// number, an amount or an id.
    number: bool,
    /// Typed into the real-name form, which shows fields as typed.
    typed_in_realname_form: bool,
}

fn digit_at(text: &str, at: usize) -> bool {
    text.as_bytes().get(at).is_some_and(u8::is_ascii_digit)
}

/// Whether the match at `at..at + len` is part of a longer number or word: next to a
/// letter or digit, or to a decimal point or thousands separator with a digit beyond.
fn embedded(text: &str, at: usize, len: usize) -> bool {
    let bytes = text.as_bytes();
    let end = at + len;
    let before = at.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    let after = bytes.get(end).copied();
    let word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let separator = |b: Option<u8>| matches!(b, Some(b'.' | b','));
    word(before)
        || word(after)
        || (separator(before) && at >= 2 && digit_at(text, at - 2))
        || (separator(after) && digit_at(text, end + 1))
}

fn find(text: &str, needle: &Needle) -> Option<usize> {
    text.match_indices(needle.value.as_str())
        .map(|(i, _)| i)
        .find(|&i| !needle.number || !embedded(text, i, needle.value.len()))
}

/// Up to 60 bytes each side of a match, on character boundaries, on one line.
fn context(text: &str, at: usize, len: usize) -> String {
    let mut start = at.saturating_sub(60);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + 60).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    text[start..end].replace('\n', "⏎")
}

fn leaks(sources: &[Source], needles: &[Needle]) -> Vec<String> {
    let mut found = Vec::new();
    for source in sources {
        for needle in needles {
            if needle.typed_in_realname_form && source.realname_form {
                continue;
            }
            if let Some(at) = find(&source.text, needle) {
                found.push(format!(
                    "{} in {}: …{}…",
                    needle.what,
                    source.label,
                    context(&source.text, at, needle.value.len())
                ));
            }
        }
    }
    found
}

/// Every file under `dir`, as text.
fn files_in(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_in(&path, out);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            out.push((path, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
}

/// What the mock keeps of each request (its exactly-once table), and of passwords.
fn kept_by_the_mock(m: &RunningMock) -> Vec<String> {
    m.state.db.with(|conn| {
        let mut rows = Vec::new();
        for sql in [
            "SELECT partner_id || ' ' || request_id || ' ' || operation || ' ' || fingerprint || ' ' || state || ' ' || coalesce(response, '') || ' ' || created_at FROM requests",
            "SELECT partner_id || ' ' || hash FROM partner_passwords",
        ] {
            let mut stmt = conn.prepare(sql).unwrap();
            let found: Vec<String> = stmt
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.extend(found);
        }
        rows
    })
}

// ------------------------------------------------------------------ the session

#[tokio::test]
async fn no_secret_in_any_log_file_frame_debug_text_or_stored_request() {
    capture_logs();
    let m = common::start(Seed::Demo).await;
    let dir = std::env::temp_dir().join(format!("pc-secrets-{}", uuid::Uuid::new_v4().simple()));
    let mut c = Console::start(&m, &dir);
    let mut codes: Vec<String> = Vec::new();

    // 1. An order paid with an SMS code.
    c.key(KeyCode::Char(':'));
    c.paste("orders CS-DEMO-OK-1");
    c.key(KeyCode::Enter);
    c.until("the order, the balances and the setting", |s| {
        s.orders.rows.len() == 1 && s.balances.is_some() && s.verification.is_some()
    })
    .await;
    c.key(KeyCode::Char('p'));
    c.until("the summary, once the orders' times are read", |s| {
        matches!(s.modal, Some(Modal::Confirm { .. }))
    })
    .await;
    c.confirm_with_code(&m, &mut codes, "the payment").await;

    // 2. Funds allocated to a reseller with a code.
    c.key(KeyCode::Char('4'));
    c.until("the resellers", |s| {
        !s.resellers.rows.is_empty() && s.resellers.pending.is_none()
    })
    .await;
    c.key(KeyCode::Char('+'));
    c.chars("123.45");
    c.key(KeyCode::Enter);
    c.confirm_with_code(&m, &mut codes, "the allocation").await;

    // 3. The account password changed with a code.
    c.key(KeyCode::Char(':'));
    c.paste("profile");
    c.key(KeyCode::Enter);
    c.until("the profile", |s| matches!(s.profile, Some(Ok(_))))
        .await;
    c.key(KeyCode::Char('w'));
    assert!(
        matches!(c.state.modal, Some(Modal::Entry { .. })),
        "the password entry: {:?}",
        c.state.modal
    );
    // Typed twice.
    for _ in 0..2 {
        c.chars(PASSWORD);
        c.key(KeyCode::Enter);
    }
    c.confirm_with_code(&m, &mut codes, "the password change")
        .await;

    // 4. A customer created with the registration code sent to their phone.
    c.key(KeyCode::Char('1'));
    c.until("the customers", |s| {
        !s.customers.rows.is_empty() && s.customers.pending.is_none()
    })
    .await;
    c.key(KeyCode::Char('n'));
    assert!(customer_form(&c.state).is_some(), "the new-customer form");
    c.paste(NEW_ACCOUNT);
    c.tick(1);
    c.until("the account name's check", |s| {
        checked(s, CustomerField::Name)
    })
    .await;
    c.key(KeyCode::Tab);
    c.paste(NEW_PHONE);
    c.tick(1);
    c.until("the phone's check", |s| checked(s, CustomerField::Phone))
        .await;
    let form = customer_form(&c.state).unwrap();
    assert_eq!(
        (
            form.check(CustomerField::Name),
            form.check(CustomerField::Phone)
        ),
        (Some(&Check::Available), Some(&Check::Available)),
        "{form:?}"
    );
    c.key(KeyCode::Enter);
    c.until("the registration code", |s| {
        customer_form(s).is_some_and(CustomerForm::code_field_shown)
    })
    .await;
    let code = code_sent_to(&m, NEW_PHONE).await;
    c.chars(&code);
    codes.push(code);
    c.key(KeyCode::Enter);
    c.applied("the new customer").await;
    assert!(customer_form(&c.state).is_none(), "the form closed");

    // 5. A real-name submission by bank card, with the code sent to the bank's phone.
    c.until("the customers again", |s| {
        s.pane == Pane::Customers && !s.customers.rows.is_empty() && s.customers.pending.is_none()
    })
    .await;
    let at = c
        .state
        .customers
        .rows
        .iter()
        .position(|r| r.verified_status.as_deref() == Some("-1") && r.account_name != NEW_ACCOUNT)
        .expect("a seeded customer without a real name");
    let target = c.state.customers.rows[at].customer_id.clone();
    c.key(KeyCode::Char('g'));
    for _ in 0..at {
        c.key(KeyCode::Char('j'));
    }
    assert_eq!(
        c.state
            .customers
            .selected_row()
            .map(|r| r.customer_id.clone()),
        Some(target)
    );
    c.key(KeyCode::Char('v'));
    assert!(
        realname_form(&c.state).is_some(),
        "the real-name form: {:?}",
        c.state.toasts
    );
    c.key(KeyCode::Tab);
    c.paste(REAL_NAME);
    c.key(KeyCode::Tab);
    c.chars(ID_NUMBER);
    c.key(KeyCode::Tab);
    c.chars(BANK_CARD);
    c.key(KeyCode::Tab);
    c.chars(BANK_PHONE);
    c.key(KeyCode::Enter);
    // A customer whose name reads as a company's is warned of once.
    if realname_form(&c.state).is_some_and(|f| f.person_for_company().is_some()) {
        c.key(KeyCode::Enter);
    }
    c.until("the bank card's code", |s| {
        realname_form(s).is_some_and(RealnameForm::code_field_shown)
    })
    .await;
    let code = code_sent_to(&m, BANK_PHONE).await;
    c.chars(&code);
    codes.push(code);
    c.key(KeyCode::Enter);
    assert!(
        matches!(c.state.modal, Some(Modal::Confirm { .. })),
        "the summary before the submission: {:?} {:?}",
        c.state.modal,
        realname_form(&c.state)
    );
    c.key(KeyCode::Enter);
    c.applied("the real-name submission").await;

    // History: the five operations, as the audit log has them.
    c.key(KeyCode::Char('7'));
    c.until("the history", |s| s.history.rows.len() >= 5).await;
    c.debug.push(format!("{:?}", c.state));
    c.debug.push(format!("{:#?}", c.state));

    // Every code sent during the session, from the mock's outbox.
    assert_eq!(codes.len(), 5, "a code for each of the five operations");
    let mut all_codes: BTreeSet<String> = codes.iter().cloned().collect();
    all_codes.extend(
        common::outbox(&m)
            .await
            .iter()
            .filter_map(|msg| code_in(&msg.body)),
    );

    // Everything to search.
    let mut sources = Vec::new();
    let mut files = Vec::new();
    files_in(&dir, &mut files);
    let names: Vec<String> = files
        .iter()
        .filter_map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for expected in ["journal.jsonl", "audit.jsonl"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for (path, text) in files {
        sources.push(Source {
            label: format!("the file {}", path.display()),
            text,
            realname_form: false,
        });
    }
    let log = log_text();
    assert!(
        log.contains("operation finished"),
        "the log was captured:\n{log}"
    );
    sources.push(Source {
        label: "the tracing log".into(),
        text: log,
        realname_form: false,
    });
    assert!(c.screens.len() > 100, "a frame after every step");
    for (i, (form, screen)) in c.screens.iter().enumerate() {
        sources.push(Source {
            label: format!("frame {i}"),
            text: screen.clone(),
            realname_form: *form,
        });
    }
    for (i, text) in c.debug.iter().enumerate() {
        sources.push(Source {
            label: format!("Debug text {i}"),
            text: text.clone(),
            realname_form: false,
        });
    }
    let kept = kept_by_the_mock(&m);
    assert!(!kept.is_empty(), "the mock keeps the writes' outcomes");
    for (i, row) in kept.into_iter().enumerate() {
        sources.push(Source {
            label: format!("the mock's stored request {i}"),
            text: row,
            realname_form: false,
        });
    }

    // What must not be in any of it.
    let mut needles: Vec<Needle> = DEMO_PARTNERS
        .iter()
        .map(|p| Needle {
            what: format!("the SK of {}", p.role),
            value: p.sk.into(),
            number: false,
            typed_in_realname_form: false,
        })
        .collect();
    needles.push(Needle {
        what: "the new password".into(),
        value: PASSWORD.into(),
        number: false,
        typed_in_realname_form: false,
    });
    for (what, value) in [
        ("the ID number", ID_NUMBER),
        ("the bank card number", BANK_CARD),
    ] {
        needles.push(Needle {
            what: what.into(),
            value: value.into(),
            number: false,
            typed_in_realname_form: true,
        });
    }
    for code in &all_codes {
        needles.push(Needle {
            what: format!("the verification code {code}"),
            value: code.clone(),
            number: true,
            typed_in_realname_form: false,
        });
    }
    let found = leaks(&sources, &needles);
    assert!(
        found.is_empty(),
        "{} leaks:\n{}",
        found.len(),
        found.join("\n")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The search itself: a code inside a longer number or an amount is not a leak, a code
/// standing alone is.
#[test]
fn a_code_counts_only_standing_alone() {
    let code = |value: &str| Needle {
        what: "code".into(),
        value: value.into(),
        number: true,
        typed_in_realname_form: false,
    };
    for (text, leaked) in [
        ("\"code\":\"482913\"", true),
        ("code: 482913.", true),
        ("482913", true),
        ("CS2611482913001", false),
        ("¥482,913.00", false),
        ("1482913", false),
        ("4829130", false),
        ("482913.50", false),
        ("0.482913", false),
        ("a482913", false),
        ("•••••• 482 913", false),
    ] {
        assert_eq!(find(text, &code("482913")).is_some(), leaked, "{text}");
    }
    assert_eq!(find("¥482,913.00", &code("913")), None);
    assert!(find("x 913 y", &code("913")).is_some());
    let plain = Needle {
        what: "sk".into(),
        value: "sk-1".into(),
        number: false,
        typed_in_realname_form: false,
    };
    assert_eq!(find("the sk-12 key", &plain), Some(4));
}
