//! Which failures are retried, and after how long.
//!
//! Pivot's response page lists 408, 429 and 5xx as worth another try, and a
//! connection that failed may not have reached it. Another attempt is made
//! only for a call that is safe to repeat: a `GET`, or a call carrying an
//! `X-REQUEST-ID` (Pivot answers a repeated key with the first answer). A
//! 409 or any other 4xx is the answer. A 401 is different: the token is
//! replaced and the call sent once more, whatever its method, since Pivot
//! refused it before doing anything.

use std::time::Duration;

use crate::clock::Random;

/// How many attempts, and the waits between them: exponential backoff,
/// `base * 2^(n-1)` before retry `n`, capped at `max_delay`, of which a
/// random half is kept ("equal jitter": never less than half the step, so
/// retries of many clients spread without hammering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1: never retry).
    pub max_attempts: u32,
    /// The first step.
    pub base_delay: Duration,
    /// The largest wait; a `Retry-After` longer than this ends the retries.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, 200 ms doubling, at most 10 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The wait before attempt `attempt + 1`, after `attempt` failed ones
    /// (1 or more).
    pub fn backoff(&self, attempt: u32, random: &mut dyn Random) -> Duration {
        let step = self
            .base_delay
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_delay);
        let half = step / 2;
        let nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        let jitter = if nanos == 0 {
            0
        } else {
            random.next_u64() % (nanos + 1)
        };
        half + Duration::from_nanos(jitter)
    }
}

/// What a failed attempt says about the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Worth another attempt if the call is safe to repeat.
    Transient,
    /// The token was refused: replace it and send once more.
    Unauthorized,
    /// The answer stands.
    Final,
}

/// A status's verdict: 408, 429 and 5xx transient, 401 unauthorized, the
/// rest final.
pub fn classify(status: http::StatusCode) -> Verdict {
    match status.as_u16() {
        401 => Verdict::Unauthorized,
        408 | 429 | 500..=599 => Verdict::Transient,
        _ => Verdict::Final,
    }
}

/// The `Retry-After` of an answer in seconds (the HTTP-date form is not
/// read: a wait is then the backoff's).
pub fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeededRandom;

    #[test]
    fn backoff_doubles_within_half_and_whole_and_is_capped() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
        };
        let mut random = SeededRandom::new(1);
        for (attempt, step) in [
            (1, 100),
            (2, 200),
            (3, 400),
            (4, 800),
            (5, 1000),
            (30, 1000),
        ] {
            for _ in 0..50 {
                let wait = policy.backoff(attempt, &mut random);
                let step = Duration::from_millis(step);
                assert!(wait >= step / 2 && wait <= step, "{attempt}: {wait:?}");
            }
        }
    }

    #[test]
    fn statuses_are_classified_as_the_pages_say() {
        use http::StatusCode as S;
        for s in [408, 429, 500, 502, 503, 504] {
            assert_eq!(classify(S::from_u16(s).unwrap()), Verdict::Transient, "{s}");
        }
        for s in [400, 403, 404, 409, 422] {
            assert_eq!(classify(S::from_u16(s).unwrap()), Verdict::Final, "{s}");
        }
        assert_eq!(classify(S::UNAUTHORIZED), Verdict::Unauthorized);
    }
}
