//! Drives `update` by hand against the real worker and client, so a test can look at
//! the state between steps.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use pc_core::exec::Records;
use pc_mock::RunningMock;
use pc_tui::app::{Command, Msg, Session, State, update};
use pc_tui::worker;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

/// Drives `update` by hand against the real worker, so a test can look between steps.
pub struct Driver {
    pub state: State,
    commands: UnboundedSender<Command>,
    messages: UnboundedReceiver<Msg>,
}

impl Driver {
    pub fn start(m: &RunningMock, dir: &std::path::Path) -> Driver {
        Driver::start_with(m, dir, true)
    }

    /// `partner_center: false` treats the backend as BSS-only (like Huawei's own).
    pub fn start_with(m: &RunningMock, dir: &std::path::Path, partner_center: bool) -> Driver {
        Driver::start_against(pc_testkit::client(m, 0), dir, partner_center)
    }

    /// The console against any backend the client points at.
    pub fn start_against(
        client: pc_client::Client,
        dir: &std::path::Path,
        partner_center: bool,
    ) -> Driver {
        Driver::start_on(client, dir, partner_center, pc_api::site::Site::Cn)
    }

    /// The console against a backend of one of Huawei's sites.
    pub fn start_on(
        client: pc_client::Client,
        dir: &std::path::Path,
        partner_center: bool,
        site: pc_api::site::Site,
    ) -> Driver {
        let (cmd_tx, cmd_rx) = unbounded_channel();
        let (msg_tx, msg_rx) = unbounded_channel();
        let records = Records::in_dir(dir, "test", "华信云科技有限公司");
        tokio::spawn(worker::run(client, records, cmd_rx, msg_tx));
        let session = Session {
            profile: "test".into(),
            partner_center: Some(partner_center),
            platform_id: Some(pc_mock::seed::PLATFORM_ID.into()),
            site,
            ..Default::default()
        };
        let mut state = State::new(session, Duration::from_secs(600), chrono::Utc::now());
        state.size = (120, 40);
        let cmds = state.start();
        let mut d = Driver {
            state,
            commands: cmd_tx,
            messages: msg_rx,
        };
        d.run(cmds);
        d
    }

    pub fn run(&mut self, cmds: Vec<Command>) {
        for c in cmds {
            self.commands.send(c).unwrap();
        }
    }

    pub fn send(&mut self, msg: Msg) {
        let cmds = update(&mut self.state, msg);
        self.run(cmds);
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// Feeds the worker's answers until `done` holds (10 s at most).
    pub async fn until(&mut self, what: &str, done: impl Fn(&State) -> bool) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !done(&self.state) {
            let msg = tokio::time::timeout_at(deadline, self.messages.recv())
                .await
                .unwrap_or_else(|_| panic!("timed out waiting for {what}: {:?}", self.state.modal))
                .expect("the worker is running");
            self.send(msg);
        }
    }
}
