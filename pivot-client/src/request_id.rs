//! [`RequestId`], Pivot's idempotency key (`X-REQUEST-ID`).

use std::fmt;

use sha2::{Digest, Sha256};

use crate::clock::Random;

/// The header that carries the key.
pub const HEADER: &str = "X-REQUEST-ID";

/// An idempotency key as Pivot's Idempotency page states it: ASCII letters
/// and digits, 16 to 36 characters, kept 24 hours. The same key with the
/// same body replays the first answer; with another body, 409.
///
/// One call keeps its key on every retry. A key is generated
/// ([`RequestId::generate`], 32 random characters), given
/// ([`RequestId::new`]), or derived from the merchant's own reference
/// ([`RequestId::derive`]), so that a process restarted after a crash
/// resends the same key and cannot pay twice.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl RequestId {
    /// `key`, when it is 16 to 36 ASCII letters and digits.
    pub fn new(key: impl Into<String>) -> Result<Self, InvalidRequestId> {
        let key = key.into();
        let valid =
            (16..=36).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric());
        if valid {
            Ok(RequestId(key))
        } else {
            Err(InvalidRequestId { len: key.len() })
        }
    }

    /// 32 random letters and digits (about 190 bits).
    pub fn generate(random: &mut dyn Random) -> Self {
        let mut key = String::with_capacity(32);
        let mut bits = 0u64;
        let mut left = 0;
        while key.len() < 32 {
            if left == 0 {
                bits = random.next_u64();
                left = 10;
            }
            // 6 bits at a time, values past 61 skipped: no bias.
            let six = (bits & 63) as usize;
            bits >>= 6;
            left -= 1;
            if six < ALPHABET.len() {
                key.push(ALPHABET[six] as char);
            }
        }
        RequestId(key)
    }

    /// The key for the call `scope` (say `"create-payment"`, or the page's
    /// `PATH_TEMPLATE`) of the merchant's `reference` (its
    /// `clientReferenceId`): the first 32 hex digits of SHA-256 of both. The
    /// same reference gives the same key in every process, on every day.
    pub fn derive(scope: &str, reference: &str) -> Self {
        let mut hash = Sha256::new();
        hash.update(scope.as_bytes());
        hash.update([0]);
        hash.update(reference.as_bytes());
        let digest = hash.finalize();
        let mut key = String::with_capacity(32);
        for byte in &digest[..16] {
            key.push_str(&format!("{byte:02x}"));
        }
        RequestId(key)
    }

    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RequestId({})", self.0)
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A key that is not 16 to 36 ASCII letters and digits (its text is not
/// repeated: it may be anything).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequestId {
    len: usize,
}

impl fmt::Display for InvalidRequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an X-REQUEST-ID is 16 to 36 ASCII letters and digits; this one has {} characters or others",
            self.len
        )
    }
}

impl std::error::Error for InvalidRequestId {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SeededRandom;

    #[test]
    fn generated_keys_are_valid_and_differ() {
        let mut random = SeededRandom::new(7);
        let a = RequestId::generate(&mut random);
        let b = RequestId::generate(&mut random);
        assert_ne!(a, b);
        for key in [&a, &b] {
            assert!(RequestId::new(key.as_str()).is_ok(), "{key:?}");
        }
    }

    #[test]
    fn derived_keys_are_stable_and_scoped() {
        let a = RequestId::derive("/v2/payments", "1743240980");
        assert_eq!(a, RequestId::derive("/v2/payments", "1743240980"));
        assert_ne!(a, RequestId::derive("/v1/payouts", "1743240980"));
        assert_ne!(a, RequestId::derive("/v2/payments", "1743240981"));
        assert!(RequestId::new(a.as_str()).is_ok());
        // Pinned: a change here would make restarted processes send new keys.
        assert_eq!(a.as_str().len(), 32);
    }

    #[test]
    fn invalid_keys_are_refused() {
        for key in [
            "short",
            "has space in it 123",
            "é123456789012345",
            &"a".repeat(37),
        ] {
            assert!(RequestId::new(key).is_err(), "{key}");
        }
        assert!(RequestId::new("a".repeat(16)).is_ok());
        assert!(RequestId::new("a".repeat(36)).is_ok());
    }
}
