//! Time, behind a narrow trait so tests can move it forward (code expiry, token lifetimes, grace periods).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The source of "now".
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> SystemTime;

    /// The current time in Unix seconds, as JWT claims carry it.
    fn unix(&self) -> u64 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }

    /// The current time in Unix milliseconds (`identities[].dateCreated`).
    fn unix_millis(&self) -> u128 {
        self.now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0)
    }
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// The system clock plus an offset that only grows: tests call [`AdvanceableClock::advance`] to jump past an
/// expiry instead of sleeping through it.
#[derive(Debug, Default)]
pub struct AdvanceableClock {
    offset_millis: AtomicU64,
}

impl AdvanceableClock {
    /// A clock that starts at the system time.
    pub fn new() -> Self {
        Self::default()
    }

    /// Moves this clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.offset_millis.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for AdvanceableClock {
    fn now(&self) -> SystemTime {
        SystemTime::now() + Duration::from_millis(self.offset_millis.load(Ordering::SeqCst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_moves_unix_time() {
        let c = AdvanceableClock::new();
        let before = c.unix();
        c.advance(Duration::from_secs(301));
        let after = c.unix();
        assert!((301..=303).contains(&(after - before)), "{before} -> {after}");
    }
}
