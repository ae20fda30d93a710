//! The real loop, worker and view on `TestBackend` against the in-process mock over
//! signed HTTP: keys go in through a channel, the screen is read after the loop ends.

use crate::common;

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pc_mock::seed::Seed;
use pc_tui::app::{Msg, Pane, Session, State};
use pc_tui::{runtime, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::unbounded_channel;
use tokio_stream_shim::ReceiverStream;

mod tokio_stream_shim {
    //! A receiver as a stream (what tokio-stream's wrapper does), without the crate.
    use futures::Stream;
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::sync::mpsc::UnboundedReceiver;

    pub struct ReceiverStream<T>(pub UnboundedReceiver<T>);

    impl<T> Stream for ReceiverStream<T> {
        type Item = T;
        fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
            self.0.poll_recv(cx)
        }
    }
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Runs the console with `script` (messages with pauses), returns the last screen and
/// the final state.
async fn run(script: Vec<(Msg, u64)>) -> (String, State) {
    let m = common::start(Seed::Demo).await;
    let client = common::client(&m, 0);
    let (cmd_tx, cmd_rx) = unbounded_channel();
    let (msg_tx, mut msg_rx) = unbounded_channel();
    let dir = std::env::temp_dir().join(format!("pc-flow-{}", uuid::Uuid::new_v4().simple()));
    let records = pc_core::exec::Records::in_dir(&dir, "test", "华信云科技有限公司");
    let worker = tokio::spawn(worker::run(client, records, cmd_rx, msg_tx));
    let (key_tx, key_rx) = unbounded_channel();
    tokio::spawn(async move {
        for (msg, pause_ms) in script {
            tokio::time::sleep(Duration::from_millis(pause_ms)).await;
            if key_tx.send(msg).is_err() {
                return;
            }
        }
    });
    let session = Session {
        profile: "test".into(),
        partner_name: "华信云科技有限公司".into(),
        ..Default::default()
    };
    let mut state = State::new(session, Duration::from_secs(30), chrono::Utc::now());
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    let ran = tokio::time::timeout(
        Duration::from_secs(30),
        runtime::run(
            &mut terminal,
            &mut state,
            ReceiverStream(key_rx),
            &cmd_tx,
            &mut msg_rx,
        ),
    )
    .await;
    assert!(ran.is_ok(), "the loop ended within 30 s");
    worker.abort();
    (terminal.backend().to_string(), state)
}

#[tokio::test]
async fn opens_on_orders_with_the_demo_orders() {
    let (screen, state) = run(vec![(key('q'), 3000)]).await;
    assert_eq!(state.pane, Pane::Orders);
    assert!(state.orders.total.unwrap_or(0) >= 200);
    assert!(screen.contains("CS-DEMO-OK-5"), "{screen}");
    assert!(
        screen.contains("allocatable ¥300,000.00"),
        "balances in the status bar: {screen}"
    );
    assert!(screen.contains("backend ok"));
}

#[tokio::test]
async fn switches_panes_filters_and_opens_details() {
    let (screen, state) = run(vec![
        (key('1'), 2000),
        (key('3'), 1000),
        (key('4'), 1000),
        (key('5'), 1000),
        (key('6'), 1000),
        (
            Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            1000,
        ),
        (
            Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
            1000,
        ),
        (key('7'), 50),
        (key('2'), 300),
        (key('/'), 300),
        (Msg::Paste("status:pending".into()), 50),
        (
            Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            50,
        ),
        (key('3'), 2000),
        (
            Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
            1000,
        ),
        (key('q'), 2000),
    ])
    .await;
    // Every list was loaded once.
    assert!(state.customers.total.unwrap_or(0) >= 40);
    assert!(state.resellers.total == Some(5));
    assert!(state.catalog.total.unwrap_or(0) >= 8);
    assert!(state.balances.is_some());
    assert_eq!(state.pane, Pane::Contracts);
    // The filter went to the server.
    assert!(
        state.orders.rows.iter().all(|o| o.status == 6),
        "only pending orders"
    );
    assert_eq!(state.orders.total, Some(state.orders.rows.len() as i64));
    // The last screen: a contract's payment plans.
    assert!(screen.contains("Contract HT-"), "{screen}");
    assert!(
        screen.contains("Due") && (screen.contains("overdue") || screen.contains("paid")),
        "{screen}"
    );
}

#[tokio::test]
async fn scrolling_pages_from_the_server() {
    // 40 rows down (the second page is requested near row 40), a pause for it to
    // arrive, then 20 more.
    let mut script: Vec<(Msg, u64)> = vec![(key('2'), 2000)];
    for _ in 0..40 {
        script.push((key('j'), 5));
    }
    script.push((key('j'), 2000));
    for _ in 0..19 {
        script.push((key('j'), 5));
    }
    script.push((key('q'), 1000));
    let (_, state) = run(script).await;
    assert!(
        state.orders.rows.len() >= 100,
        "a second page arrived: {}",
        state.orders.rows.len()
    );
    assert_eq!(state.orders.selected, 60);
}
