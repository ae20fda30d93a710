//! Flow control as Huawei's gateway does it: a token bucket per account and API.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// Huawei's documented flow control for partner operations: 10 calls per second per
/// API and account.
pub const HUAWEI_RATE: u32 = 10;
/// Buckets followed before idle ones are forgotten.
const MAX_BUCKETS: usize = 100_000;

/// Token buckets per (account, API): `rate` calls a second, bursts of `rate`.
#[derive(Debug)]
pub struct Throttle {
    rate: Option<u32>,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Throttle {
    /// Calls a second per bucket, when there is flow control.
    pub fn rate(&self) -> Option<u32> {
        self.rate
    }

    pub fn new(rate: Option<u32>) -> Throttle {
        Throttle {
            rate: rate.filter(|r| *r > 0),
            buckets: Mutex::default(),
        }
    }

    /// `None` when the call may go on; else the whole seconds to wait.
    pub fn take(&self, key: &str, now: Instant) -> Option<u64> {
        let rate = f64::from(self.rate?);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < 1.0);
        }
        let (tokens, at) = buckets.entry(key.to_string()).or_insert((rate, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(rate);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            None
        } else {
            Some(((1.0 - *tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_bucket_holds_a_seconds_worth_and_refills() {
        let t = Throttle::new(Some(10));
        let start = Instant::now();
        for _ in 0..10 {
            assert_eq!(t.take("a", start), None);
        }
        assert_eq!(t.take("a", start), Some(1));
        // Another API or account has its own bucket.
        assert_eq!(t.take("b", start), None);
        // A tenth of a second later, one more call.
        let later = start + Duration::from_millis(110);
        assert_eq!(t.take("a", later), None);
        assert_eq!(t.take("a", later), Some(1));
    }

    #[test]
    fn no_rate_no_flow_control() {
        let t = Throttle::new(None);
        for _ in 0..1000 {
            assert_eq!(t.take("a", Instant::now()), None);
        }
        assert!(Throttle::new(Some(0)).take("a", Instant::now()).is_none());
    }
}
