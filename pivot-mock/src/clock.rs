//! The mock's time: when a token expires, how long an idempotency key is
//! kept. A test injects a [`ManualClock`] and moves it, so expiry is tested
//! exactly, never by sleeping.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Where the mock reads the time.
///
/// Implemented by [`SystemClock`] (the default), [`ManualClock`], and any
/// `Fn() -> Instant` (so a test can hand the mock the clock it already gives
/// its client: `.clock(move || client_clock.now())`).
pub trait Clock: Send + Sync + 'static {
    /// The current time.
    fn now(&self) -> Instant;
}

impl<F: Fn() -> Instant + Send + Sync + 'static> Clock for F {
    fn now(&self) -> Instant {
        self()
    }
}

/// The real monotonic clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to. Clones share one time, so a test
/// keeps a clone and advances the mock's time with it.
#[derive(Debug, Clone)]
pub struct ManualClock {
    start: Instant,
    elapsed: Arc<Mutex<Duration>>,
}

impl ManualClock {
    /// A clock standing at the moment it is made.
    pub fn new() -> ManualClock {
        ManualClock {
            start: Instant::now(),
            elapsed: Arc::new(Mutex::new(Duration::ZERO)),
        }
    }

    /// Moves the time forward by `by`.
    pub fn advance(&self, by: Duration) {
        *self.lock() += by;
    }

    /// How far the clock has been moved since it was made.
    pub fn elapsed(&self) -> Duration {
        *self.lock()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Duration> {
        // A `Duration` cannot be left half-written: a poisoned lock holds a
        // valid time.
        self.elapsed.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + self.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told_and_clones_share_it() {
        let clock = ManualClock::new();
        let shared = clock.clone();
        let before = Clock::now(&clock);
        assert_eq!(Clock::now(&clock), before);
        shared.advance(Duration::from_secs(899));
        assert_eq!(Clock::now(&clock) - before, Duration::from_secs(899));
        assert_eq!(clock.elapsed(), Duration::from_secs(899));
    }
}
