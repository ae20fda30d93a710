//! What the gateway knows of each AK: its secret key and partner, and the lockout after
//! repeated failed signatures.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, TimeDelta, Utc};

use crate::domain::{Caller, PartnerKind};

pub const LOCK_AFTER_FAILURES: u32 = 5;
pub const LOCK_FOR: TimeDelta = TimeDelta::minutes(5);
/// (AK, source) pairs followed before the ones not locked are forgotten.
const MAX_TRACKED: usize = 100_000;

/// What the mock knows of each AK.
#[derive(Debug, Clone)]
pub struct Credential {
    pub sk: String,
    pub caller: Caller,
    /// Temporary credentials only: the security token they must travel with.
    pub token: Option<Token>,
}

/// The security token of temporary credentials, and when they stop working.
#[derive(Debug, Clone)]
pub struct Token {
    pub value: String,
    pub expires_at: DateTime<Utc>,
}

/// IAM's limits on a temporary credential's life (15 minutes to 24 hours).
pub const TEMPORARY_MIN: TimeDelta = TimeDelta::minutes(15);
pub const TEMPORARY_MAX: TimeDelta = TimeDelta::hours(24);

/// Temporary credentials issued by `POST /mock/temporary-credentials`; an expired one is
/// still known (it is refused as expired, not as unknown) for a day, then forgotten.
#[derive(Debug, Default)]
pub struct Temporary {
    issued: Mutex<HashMap<String, Credential>>,
}

/// `n` random characters from `alphabet`.
fn random(alphabet: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        for b in uuid::Uuid::new_v4().as_bytes() {
            if out.len() < n {
                out.push(alphabet[*b as usize % alphabet.len()] as char);
            }
        }
    }
    out
}

/// Temporary credentials as IAM hands them out.
#[derive(Debug, Clone)]
pub struct Issued {
    pub access: String,
    pub secret: String,
    pub token: Token,
}

impl Temporary {
    pub fn issue(&self, caller: &Caller, life: TimeDelta, now: DateTime<Utc>) -> Issued {
        const UPPER: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        const MIXED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let issued = Issued {
            access: random(UPPER, 20),
            secret: random(MIXED, 40),
            token: Token {
                value: format!("gQpjbi1ub3J0aC00{}", random(MIXED, 240)),
                expires_at: now + life,
            },
        };
        let mut map = self.issued.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, c| {
            c.token
                .as_ref()
                .is_some_and(|t| t.expires_at + TimeDelta::days(1) > now)
        });
        map.insert(
            issued.access.clone(),
            Credential {
                sk: issued.secret.clone(),
                caller: caller.clone(),
                token: Some(issued.token.clone()),
            },
        );
        issued
    }

    pub fn get(&self, ak: &str) -> Option<Credential> {
        let map = self.issued.lock().unwrap_or_else(|p| p.into_inner());
        map.get(ak).cloned()
    }
}

/// Consecutive failures, and the lock's expiry once locked.
type Failures = (u32, Option<DateTime<Utc>>);

/// What a lock is kept for: an AK from one source address.
pub fn lock_key(ak: &str, source: Option<std::net::IpAddr>) -> String {
    match source {
        Some(ip) => format!("{ak}|{ip}"),
        None => ak.to_string(),
    }
}

/// Consecutive failures and lock expiry per [`lock_key`].
#[derive(Debug, Default)]
pub struct Lockout {
    state: Mutex<HashMap<String, Failures>>,
}

impl Lockout {
    pub(crate) fn is_locked(&self, ak: &str, now: DateTime<Utc>) -> bool {
        let mut map = self.state.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(ak) {
            Some((_, Some(until))) if *until > now => true,
            Some((_, Some(_))) => {
                map.remove(ak);
                false
            }
            _ => false,
        }
    }

    pub(crate) fn failed(&self, ak: &str, now: DateTime<Utc>) {
        let mut map = self.state.lock().unwrap_or_else(|p| p.into_inner());
        // Many sources: forget the ones whose lock is over before the map grows.
        if map.len() >= MAX_TRACKED {
            map.retain(|_, (_, until)| until.is_some_and(|u| u > now));
        }
        let entry = map.entry(ak.to_string()).or_insert((0, None));
        entry.0 += 1;
        if entry.0 >= LOCK_AFTER_FAILURES {
            *entry = (0, Some(now + LOCK_FOR));
        }
    }

    pub(crate) fn succeeded(&self, ak: &str) {
        let mut map = self.state.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(ak);
    }
}

/// Loads every partner that has an AK.
pub fn load_credentials(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<HashMap<String, Credential>> {
    let mut stmt = conn
        .prepare("SELECT ak, sk, id, kind FROM partners WHERE ak IS NOT NULL AND sk IS NOT NULL")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(3)?;
        Ok((
            r.get::<_, String>(0)?,
            Credential {
                sk: r.get(1)?,
                caller: Caller {
                    partner_id: r.get(2)?,
                    kind: PartnerKind::parse(&kind).unwrap_or(PartnerKind::SolutionProvider),
                },
                token: None,
            },
        ))
    })?;
    rows.collect()
}
