//! The console against a hostile backend: escapes in every name, answers too large or
//! without end, redirects, malformed JSON. No panic, no hang, and no control character
//! reaches the terminal.

use crate::common::driver::Driver;
use crossterm::event::KeyCode;
use pc_client::{Client, Credentials};
use pc_testkit::hostile::{self, Hostile};
use pc_tui::app::State;

/// Every cell of the frame at 120×36: what the terminal would be sent.
fn frame(state: &mut State) -> String {
    crate::common::fixtures::screen(state, 120, 36)
}

async fn console_against(kind: Hostile) -> (Driver, tempdir::Dir) {
    let endpoint = hostile::serve(kind).await;
    let client = Client::new(
        &endpoint,
        Credentials::new("AKAKAKAKAKAKAKAKAKAK", "secret"),
    )
    .unwrap();
    let dir = tempdir::Dir::new();
    (Driver::start_against(client, &dir.0, false), dir)
}

/// A folder of its own, removed at the end.
mod tempdir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            let p = std::env::temp_dir().join(format!("pc-hostile-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[tokio::test]
async fn escapes_in_every_name_never_reach_the_terminal() {
    let (mut d, _dir) = console_against(Hostile::Escapes).await;
    d.until("the orders", |s| s.orders.rows.len() == 3).await;
    let screen = frame(&mut d.state);
    assert!(screen.contains("evil"), "the names are shown: {screen}");
    assert!(!screen.contains(|c: char| c.is_control()), "{screen:?}");
    // The customers, and an error message from the backend.
    d.key(KeyCode::Char('1'));
    d.until("the customers", |s| s.customers.rows.len() == 2)
        .await;
    let screen = frame(&mut d.state);
    assert!(!screen.contains(|c: char| c.is_control()), "{screen:?}");
    d.key(KeyCode::Char('4'));
    d.until("the resellers' error", |s| s.resellers.error.is_some())
        .await;
    let screen = frame(&mut d.state);
    assert!(!screen.contains(|c: char| c.is_control()), "{screen:?}");
}

#[tokio::test]
async fn broken_answers_are_errors_on_screen_not_panics_or_hangs() {
    for kind in [
        Hostile::Huge,
        Hostile::Endless,
        Hostile::Redirect,
        Hostile::Malformed,
    ] {
        let (mut d, _dir) = console_against(kind).await;
        d.until(&format!("{kind:?}: the orders' error"), |s| {
            s.orders.error.is_some()
        })
        .await;
        let screen = frame(&mut d.state);
        assert!(
            !screen.contains(|c: char| c.is_control()),
            "{kind:?}: {screen:?}"
        );
        let error = d.state.orders.error.clone().unwrap();
        match kind {
            Hostile::Redirect => assert!(error.contains("192.0.2.1"), "{error}"),
            Hostile::Huge | Hostile::Endless => assert!(error.contains("bytes"), "{error}"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn pages_that_never_end_are_shown_one_at_a_time() {
    let (mut d, _dir) = console_against(Hostile::Repeating).await;
    d.until("a page", |s| !s.orders.rows.is_empty()).await;
    // Moving to the end asks for more, and a repeated page adds nothing new.
    d.key(KeyCode::Char('G'));
    let screen = frame(&mut d.state);
    assert!(!screen.contains(|c: char| c.is_control()), "{screen:?}");
}

#[tokio::test]
async fn an_export_of_pages_that_never_end_stops_and_says_why() {
    let (mut d, _dir) = console_against(Hostile::Repeating).await;
    d.until("a page", |s| !s.orders.rows.is_empty()).await;
    d.key(KeyCode::Char('e'));
    d.until("the export's end", |s| {
        s.export.is_none() && s.toasts.iter().any(|t| t.error)
    })
    .await;
    let toast = d.state.toasts.iter().rev().find(|t| t.error).unwrap();
    assert!(toast.text.contains("same rows again"), "{}", toast.text);
}
