//! `--live`: simulated customers, every few seconds. One step does one thing a real
//! customer would: answer the oldest pending association switch (mostly accepting),
//! have a real-name submission reviewed (mostly approved),
//! accept an invitation by registering a new account, or place an order asking their
//! partner to pay. The console sees it all through its background refresh.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::catalog::Catalog;
use super::domain::{associations, invitations, realname};
use super::error::ApiError;
use super::state::MockState;

/// What one live step did, for the log and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    SwitchAnswered { switch_id: String, accepted: bool },
    RealnameReviewed { customer_id: String, approved: bool },
    InvitationAccepted { customer: String },
    OrderPlaced { order_id: String },
}

/// One step, numbered `n` (it decides which kind, so a run shows each in turn). A
/// pending switch is answered first: a customer reads their messages.
pub fn step(
    conn: &mut Connection,
    catalog: &Catalog,
    n: u64,
    now: DateTime<Utc>,
) -> Result<Event, ApiError> {
    let tx = conn.transaction()?;
    let event = if let Some(switch_id) = associations::pending_ids(&tx)?.into_iter().next() {
        // Two customers in three accept; one who cannot (funds still allocated to
        // them) declines.
        let mut accepted = n % 3 != 2;
        if accepted && associations::answer(&tx, &switch_id, true, now).is_err() {
            accepted = false;
        }
        if !accepted {
            associations::answer(&tx, &switch_id, false, now)?;
        }
        Event::SwitchAnswered {
            switch_id,
            accepted,
        }
    } else if let Some(customer_id) = realname::under_review(&tx, 1)?.into_iter().next() {
        // The reviewer approves two submissions in three.
        let approved = n % 3 != 2;
        let opinion = (!approved).then_some(
            super::seed::REJECTED_OPINIONS[n as usize % super::seed::REJECTED_OPINIONS.len()],
        );
        realname::decide(&tx, &customer_id, approved, opinion, now)?;
        Event::RealnameReviewed {
            customer_id,
            approved,
        }
    } else if n % 3 == 1 {
        let partner = partner_for(&tx, n)?;
        let code = invitations::code_of(&partner);
        let customer = format!("live_{}", &super::domain::new_id()[..10]);
        invitations::accept(&tx, &code, &customer, now)?;
        Event::InvitationAccepted { customer }
    } else {
        let partner = partner_for(&tx, n)?;
        // A customer of that partner who can be asked to pay for: any of them.
        let count: i64 = tx.query_row(
            "SELECT COUNT(*) FROM customers WHERE partner_id = ?1",
            params![partner],
            |r| r.get(0),
        )?;
        let customer: String = tx.query_row(
            "SELECT id FROM customers WHERE partner_id = ?1 ORDER BY id LIMIT 1 OFFSET ?2",
            params![partner, (n / 3) as i64 % count.max(1)],
            |r| r.get(0),
        )?;
        let order_id = super::seed::place_pay_request(&tx, catalog, &customer, now)?;
        Event::OrderPlaced { order_id }
    };
    tx.commit()?;
    Ok(event)
}

/// The demo partners take turns (the distributor, the solution provider, the
/// government partner); a store without them has nothing to simulate.
fn partner_for(conn: &Connection, n: u64) -> Result<String, ApiError> {
    let partners: Vec<String> = conn
        .prepare("SELECT id FROM partners WHERE kind != 'reseller' ORDER BY associated_on, id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // The distributor (the demo's default role) gets every other turn.
    let distributor = super::seed::partner_id(super::seed::DEMO_PARTNERS[0].account_name);
    if n.is_multiple_of(2) && partners.contains(&distributor) {
        return Ok(distributor);
    }
    partners
        .get((n / 2) as usize % partners.len().max(1))
        .cloned()
        .ok_or_else(|| ApiError::internal("no partners to simulate customers for"))
}

/// Runs steps every `every` until the mock stops (the task is aborted with it).
pub fn spawn(state: MockState, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await; // the first tick is immediate: give the user a moment
        for n in 0u64.. {
            tick.tick().await;
            let catalog = state.catalog.clone();
            let now = state.now();
            match state.db.run(move |conn| step(conn, &catalog, n, now)).await {
                Ok(event) => tracing::info!(?event, "live customer"),
                Err(e) => tracing::warn!(error = %e.msg, "live customer step failed"),
            }
        }
    })
}
