//! [`SecretString`], the type of every credential field.

use std::fmt;

use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Text that carries a credential: an access or refresh token, a client
/// secret, an encryption key, a signature. The README's "Credentials"
/// section states which fields get this type.
///
/// - `Debug` prints `SecretString([REDACTED])`, never any part of the value,
///   so logging a model or a failed `assert_eq!` shows no credential; there
///   is no `Display`.
/// - On the wire it is the plain JSON string, unchanged.
/// - Reading it takes an explicit [`SecretString::expose_secret`].
/// - Dropping it overwrites its bytes with zeros (best effort: copies made
///   before, such as a parser's buffer or a `to_owned()` of the exposed
///   text, are not reached).
/// - Equality compares every byte, not stopping at the first difference.
///
/// ```
/// use pivot_runtime::SecretString;
///
/// let token = SecretString::from("eyJhbGciOi");
/// assert_eq!(format!("{token:?}"), "SecretString([REDACTED])");
/// assert_eq!(token.expose_secret(), "eyJhbGciOi");
/// ```
#[derive(Clone)]
pub struct SecretString(String);

impl SecretString {
    /// Holds `value` as a secret.
    pub fn new(value: String) -> Self {
        SecretString(value)
    }

    /// The credential itself. Every read goes through this call, so a search
    /// for it finds every place the value is used.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }
}

impl From<String> for SecretString {
    fn from(value: String) -> Self {
        SecretString(value)
    }
}

impl From<&str> for SecretString {
    fn from(value: &str) -> Self {
        SecretString(value.to_owned())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretString([REDACTED])")
    }
}

impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}

impl Eq for SecretString {}

impl Drop for SecretString {
    fn drop(&mut self) {
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        let capacity = bytes.capacity();
        bytes.clear();
        // Zeros over the whole allocation, spare capacity included;
        // `black_box` keeps the writes from being optimized away as dead
        // stores before the free.
        bytes.resize(capacity, 0);
        std::hint::black_box(&mut bytes);
        std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`, not `deserialize_string`: serde_json refuses a
        // non-string for the latter by itself, quoting it.
        deserializer.deserialize_any(SecretVisitor)
    }
}

/// Reads a string; any other value is refused without quoting it, as serde's
/// own messages would (`invalid type: integer `1234``).
struct SecretVisitor;

impl SecretVisitor {
    fn refuse<E: de::Error>(&self, what: &str) -> E {
        E::invalid_type(Unexpected::Other(what), self)
    }
}

impl Visitor<'_> for SecretVisitor {
    type Value = SecretString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string (a secret, whose value is not shown)")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<SecretString, E> {
        Ok(SecretString::from(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<SecretString, E> {
        Ok(SecretString(value))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<SecretString, E> {
        Err(self.refuse("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<SecretString, E> {
        Err(self.refuse("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<SecretString, E> {
        Err(self.refuse("a number"))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<SecretString, E> {
        Err(self.refuse("a number"))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<SecretString, E> {
        Err(self.refuse("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<SecretString, E> {
        Err(self.refuse("a number"))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<SecretString, E> {
        Err(self.refuse("bytes"))
    }
}
