//! The loop: one `select!` over backend answers, terminal events and the tick; `update`
//! on each message; commands to the worker; a draw only when something changed (idle
//! writes nothing). Generic over the ratatui backend and the event stream, so tests run
//! the real loop on `TestBackend`. Also the terminal guard and the signals.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream};
use futures::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::app::{Command, Msg, State, update};
use crate::ui::view;

pub const TICK: Duration = Duration::from_millis(250);

/// Runs until the state says quit (or the event stream ends).
pub async fn run<B: Backend, E: Stream<Item = Msg> + Unpin>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    mut events: E,
    commands: &UnboundedSender<Command>,
    answers: &mut UnboundedReceiver<Msg>,
) -> Result<(), B::Error> {
    let size = terminal.size()?;
    let mut pending = update(state, Msg::Resize(size.width, size.height));
    pending.extend(state.start());
    for c in pending {
        let _ = commands.send(c);
    }
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    loop {
        if state.dirty {
            terminal.draw(|f| view(state, f))?;
            state.dirty = false;
        }
        let msg = tokio::select! {
            biased;
            Some(m) = answers.recv() => m,
            m = events.next() => match m {
                Some(m) => {
                    #[cfg(debug_assertions)]
                    panic_on_test_key(&m);
                    m
                }
                None => Msg::Quit,
            },
            _ = tick.tick() => Msg::Tick(Utc::now()),
        };
        for c in update(state, msg) {
            match c {
                // The clipboard is the terminal's: written here, between draws.
                Command::Copy(text) => copy_to_clipboard(&text),
                c => {
                    let _ = commands.send(c);
                }
            }
        }
        if state.quitting {
            let _ = commands.send(Command::Quit);
            return Ok(());
        }
    }
}

/// Debug builds only: with this variable set, F12 panics on the UI thread, so that a
/// test (tests/crash.rs) can check what a panic of the real binary leaves behind.
#[cfg(debug_assertions)]
pub const TEST_PANIC_ENV: &str = "PARTNER_CONSOLE_TEST_PANIC";

/// The panic of [`TEST_PANIC_ENV`]: a terminal's F12, only when the variable is set.
#[cfg(debug_assertions)]
fn panic_on_test_key(msg: &Msg) {
    if let Msg::Key(key) = msg
        && key.code == crossterm::event::KeyCode::F(12)
        && std::env::var_os(TEST_PANIC_ENV).is_some()
    {
        panic!("test panic (PARTNER_CONSOLE_TEST_PANIC)");
    }
}

/// OSC 52: the terminal (also over SSH, when it allows it) puts `text` on the clipboard.
/// Inside tmux (`TMUX` set) the sequence is passed through to the outer terminal.
fn copy_to_clipboard(text: &str) {
    let tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    let mut out = io::stdout();
    let written = out
        .write_all(osc52(text, tmux).as_bytes())
        .and_then(|()| out.flush());
    if let Err(e) = written {
        tracing::warn!(error = %e, "cannot write to the terminal's clipboard");
    }
}

/// The OSC 52 sequence that puts `text` on the system clipboard (`c`): the text in
/// standard base64, ended by BEL. With `tmux`, wrapped in tmux's DCS passthrough
/// (`ESC P tmux;` … `ESC \`, each ESC inside doubled), which tmux forwards to the
/// outer terminal (tmux 3.3 and later only with `allow-passthrough on`).
pub fn osc52(text: &str, tmux: bool) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let plain = format!("\x1b]52;c;{encoded}\x07");
    if tmux {
        format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"))
    } else {
        plain
    }
}

/// Terminal events as messages; a failing terminal is a quit. Mouse events only with
/// `mouse` (the config's `mouse = true`); otherwise they are dropped here.
pub fn terminal_events(mouse: bool) -> std::pin::Pin<Box<dyn Stream<Item = Msg> + Send>> {
    Box::pin(EventStream::new().filter_map(move |e| async move {
        match e {
            Ok(Event::Key(k)) => Some(Msg::Key(k)),
            Ok(Event::Mouse(m)) if mouse => Some(Msg::Mouse(m)),
            Ok(Event::Paste(p)) => Some(Msg::Paste(p)),
            Ok(Event::Resize(w, h)) => Some(Msg::Resize(w, h)),
            Ok(_) => None,
            Err(_) => Some(Msg::Quit),
        }
    }))
}

/// SIGINT, SIGTERM and SIGHUP (a dropped SSH session) become `Msg::Quit` on `out`, so
/// the loop ends normally and the terminal guard restores the terminal.
#[cfg(unix)]
pub fn forward_signals(out: UnboundedSender<Msg>) -> io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut int = signal(SignalKind::interrupt())?;
    let mut term = signal(SignalKind::terminate())?;
    let mut hup = signal(SignalKind::hangup())?;
    tokio::spawn(async move {
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
        let _ = out.send(Msg::Quit);
    });
    Ok(())
}

/// Raw mode, the alternate screen, bracketed paste and (with `mouse`) mouse capture,
/// undone on drop — and by the panic hook, which chains the previous one.
pub struct TerminalGuard;

/// Whether mouse capture is on, so that [`restore`] turns it off (once).
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        crossterm::terminal::enable_raw_mode()?;
        let guard = TerminalGuard;
        crossterm::execute!(
            io::stdout(),
            crossterm::terminal::EnterAlternateScreen,
            crossterm::event::EnableBracketedPaste,
            crossterm::cursor::Hide
        )?;
        if mouse {
            MOUSE_CAPTURED.store(true, Ordering::SeqCst);
            crossterm::execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
        }
        // Only a panic of the UI thread ends the console. A panic in a background task
        // is caught by its task (the worker answers it with an error), and restoring
        // the terminal under a running UI would leave it drawing on the normal screen.
        let ui_thread = std::thread::current().id();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().id() == ui_thread {
                restore();
            }
            previous(info);
        }));
        Ok(guard)
    }
}

/// Leaves the alternate screen and raw mode, turns mouse capture off if it was on;
/// safe to call twice.
pub fn restore() {
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableMouseCapture);
    }
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::event::DisableBracketedPaste,
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = crossterm::terminal::disable_raw_mode();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_plain() {
        assert_eq!(osc52("hello", false), "\x1b]52;c;aGVsbG8=\x07");
        // UTF-8 bytes, not characters.
        assert_eq!(
            osc52("订单CS-1", false).as_bytes(),
            b"\x1b]52;c;6K6i5Y2VQ1MtMQ==\x07"
        );
        assert_eq!(osc52("", false), "\x1b]52;c;\x07");
    }

    #[test]
    fn osc52_through_tmux() {
        assert_eq!(
            osc52("hello", true).as_bytes(),
            b"\x1bPtmux;\x1b\x1b]52;c;aGVsbG8=\x07\x1b\\"
        );
        assert_eq!(
            osc52("订单CS-1", true),
            "\x1bPtmux;\x1b\x1b]52;c;6K6i5Y2VQ1MtMQ==\x07\x1b\\"
        );
        assert_eq!(osc52("", true), "\x1bPtmux;\x1b\x1b]52;c;\x07\x1b\\");
    }
}
