//! What the generated builders' signatures name: the markers of their state
//! and what an optional field's setter takes.

use std::borrow::Cow;

use crate::SecretString;

/// A builder's marker for a required field that has been set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Set;

/// A builder's marker for a required field that has not been set yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Unset;

/// What the setter of an optional field takes: the value itself, or an
/// `Option` of it whose `None` leaves the field unset (not sent). One setter
/// per field serves both a value at hand and one that may be missing.
///
/// Text fields also take what text is usually held as (`&str`, `&String`,
/// `Cow<str>`, `Box<str>`), and credential fields plain text.
///
/// ```
/// use pivot_runtime::IntoOption;
///
/// fn currency(value: impl IntoOption<String>) -> Option<String> {
///     value.into_option()
/// }
/// assert_eq!(currency("IDR"), Some("IDR".to_string()));
/// assert_eq!(currency(Some("USD".to_string())), Some("USD".to_string()));
/// assert_eq!(currency(None), None);
/// ```
#[diagnostic::on_unimplemented(
    message = "the setter of an optional `{T}` field takes `{T}` or `Option<{T}>`, not `{Self}`",
    label = "expected `{T}` or `Option<{T}>`"
)]
pub trait IntoOption<T> {
    /// `Some` of the value, or the `Option` as it is.
    fn into_option(self) -> Option<T>;
}

impl<T> IntoOption<T> for T {
    fn into_option(self) -> Option<T> {
        Some(self)
    }
}

impl<T> IntoOption<T> for Option<T> {
    fn into_option(self) -> Option<T> {
        self
    }
}

impl IntoOption<String> for &str {
    fn into_option(self) -> Option<String> {
        Some(self.to_owned())
    }
}

impl IntoOption<String> for &String {
    fn into_option(self) -> Option<String> {
        Some(self.clone())
    }
}

impl IntoOption<String> for Cow<'_, str> {
    fn into_option(self) -> Option<String> {
        Some(self.into_owned())
    }
}

impl IntoOption<String> for Box<str> {
    fn into_option(self) -> Option<String> {
        Some(self.into_string())
    }
}

impl IntoOption<SecretString> for &str {
    fn into_option(self) -> Option<SecretString> {
        Some(SecretString::from(self))
    }
}

impl IntoOption<SecretString> for String {
    fn into_option(self) -> Option<SecretString> {
        Some(SecretString::from(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set<T>(value: impl IntoOption<T>) -> Option<T> {
        value.into_option()
    }

    #[test]
    fn a_value_is_some_and_an_option_is_kept() {
        assert_eq!(set::<i64>(7), Some(7));
        assert_eq!(set::<i64>(Some(7)), Some(7));
        assert_eq!(set::<i64>(None), None);
        // An option field of options is not a thing the pages make, but the
        // rule stays the same one level down.
        assert_eq!(set::<Option<i64>>(Some(Some(1))), Some(Some(1)));
    }

    #[test]
    fn text_is_taken_in_every_usual_form() {
        let owned = String::from("IDR");
        assert_eq!(set::<String>("IDR"), Some(owned.clone()));
        assert_eq!(set::<String>(&owned), Some(owned.clone()));
        assert_eq!(set::<String>(Cow::Borrowed("IDR")), Some(owned.clone()));
        assert_eq!(set::<String>(Box::<str>::from("IDR")), Some(owned.clone()));
        assert_eq!(set::<String>(None), None);
    }

    #[test]
    fn credentials_are_taken_as_plain_text() {
        let from_str = set::<SecretString>("tok").expect("set");
        let from_string = set::<SecretString>(String::from("tok")).expect("set");
        assert_eq!(from_str, from_string);
        assert_eq!(from_str.expose_secret(), "tok");
    }
}
