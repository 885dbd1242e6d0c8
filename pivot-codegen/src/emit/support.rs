//! The items every generated crate holds once, beside the page modules: the
//! builder markers `Set` and `Unset`, the validation results
//! (`ValidationErrors`, `Violation`, `Rule`) and, hidden, what generated code
//! calls: `__builder` (the diagnostic traits of required fields) and
//! `__validate` (the path-tracking checker behind `validate()`) and
//! `__serde` (the string visitor behind every enum's `Deserialize`) and `__path`
//! (the percent-encoder behind `path(..)`), and `SecretString`, the type of
//! credential fields.
//!
//! `Endpoint` is here too: the trait every page's `Call` implements.
//!
//! The public items are PascalCase and the page modules snake_case, so they
//! never clash; no page module can be called `__builder`, `__validate`, `__serde` or `__path`
//! either, because module names never start with an underscore and a letter.
//! Page modules reach all of it through `super::`, which works wherever the
//! macro is invoked.

use proc_macro2::TokenStream;
use quote::quote;

use super::builder;
use crate::model::Module;

pub fn items<'a>(modules: impl Iterator<Item = &'a Module>, builders: bool) -> TokenStream {
    let builder_items = if builders {
        let traits = builder::required_traits(&builder::required_fields(modules));
        quote! {
            /// A builder's marker for a required field that has not been set yet.
            pub struct Unset;

            /// A builder's marker for a required field that has been set.
            pub struct Set;

            #[doc(hidden)]
            pub mod __builder {
                /// One trait per required field of each type name: `build()`
                /// needs it for every required field, and only `Set` has it.
                #[allow(non_camel_case_types)]
                pub mod required {
                    #traits
                }

                /// The value of a required field whose marker is `Set`. Only
                /// its setter makes the marker `Set`, and the setter stores the
                /// value, so the `None` arm cannot run.
                #[inline]
                pub fn take<T>(slot: ::std::option::Option<T>) -> T {
                    match slot {
                        ::std::option::Option::Some(value) => value,
                        ::std::option::Option::None => ::core::unreachable!(
                            "a required field is marked `Set` only by its setter, which stores it"
                        ),
                    }
                }
            }
        }
    } else {
        TokenStream::new()
    };
    let validation = validation_items();
    let serde = serde_items();
    let path = path_items();
    let endpoint = endpoint_trait();
    let secret = secret_items();
    quote! {
        #endpoint
        #builder_items
        #validation
        #serde
        #path
        #secret
    }
}

/// `Endpoint`: one call of a page with a Pivot URL, as any HTTP client needs
/// it. Its only implementors are the pages' `Call` types.
fn endpoint_trait() -> TokenStream {
    quote! {
        /// One call of an endpoint: what an HTTP client needs to send it and
        /// the type its answer is read into. Every page with a Pivot URL has
        /// a `Call` type that implements it; callback pages do not, their
        /// `Request` being what the merchant's server receives.
        ///
        /// The query and body are handed over as serde values, so the
        /// caller picks the encoders (`serde_urlencoded` for the query,
        /// `serde_json` for the body).
        pub trait Endpoint {
            /// The HTTP method, as the page writes it (`GET`, `POST`).
            const METHOD: &'static str;
            /// The query parameters' type, `()` for a page without any.
            type Query: ::serde::Serialize;
            /// The JSON body's type, `()` for a page without one.
            type Body: ::serde::Serialize;
            /// The type a successful answer's JSON body is read into
            /// (`IgnoredAny` for a page that documents no response body).
            type Response: ::serde::de::DeserializeOwned;

            /// The path, without base URL or query, its parameters filled
            /// in percent-encoded.
            fn path(&self) -> ::std::string::String;
            /// The query parameters, `None` when there are none to send.
            fn query(&self) -> ::std::option::Option<&Self::Query>;
            /// `(name, value)` of every header to send: those the page fixes
            /// (`Content-Type: application/json`), then the call's own.
            fn headers(&self) -> ::std::vec::Vec<(&'static str, &str)>;
            /// The JSON body, `None` for a call without one.
            fn body(&self) -> ::std::option::Option<&Self::Body>;
        }
    }
}

/// What every page's `path(..)` calls to insert a parameter.
fn path_items() -> TokenStream {
    quote! {
        #[doc(hidden)]
        pub mod __path {
            /// Appends `value` percent-encoded: only unreserved characters
            /// (RFC 3986: letters, digits, `-._~`) stay as they are.
            pub fn push_segment(path: &mut ::std::string::String, value: &str) {
                for byte in value.bytes() {
                    if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                        path.push(char::from(byte));
                    } else {
                        path.push_str(&::std::format!("%{byte:02X}"));
                    }
                }
            }
        }
    }
}

/// What every enum's `Deserialize` calls: a visitor that matches borrowed
/// strings without allocating, so only an undocumented value costs a
/// `String`. Written once here instead of once per enum, to keep the
/// generated code small.
fn serde_items() -> TokenStream {
    quote! {
        #[doc(hidden)]
        pub mod __serde {
            pub fn deserialize_enum<'de, D, T>(deserializer: D) -> ::std::result::Result<T, D::Error>
            where
                D: ::serde::Deserializer<'de>,
                T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
            {
                struct EnumVisitor<T>(::core::marker::PhantomData<T>);

                impl<'de, T> ::serde::de::Visitor<'de> for EnumVisitor<T>
                where
                    T: for<'a> ::std::convert::From<&'a str> + ::std::convert::From<::std::string::String>,
                {
                    type Value = T;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string")
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<T, E> {
                        ::std::result::Result::Ok(T::from(value))
                    }

                    fn visit_string<E: ::serde::de::Error>(
                        self,
                        value: ::std::string::String,
                    ) -> ::std::result::Result<T, E> {
                        ::std::result::Result::Ok(T::from(value))
                    }
                }

                deserializer.deserialize_str(EnumVisitor(::core::marker::PhantomData))
            }
        }
    }
}

fn validation_items() -> TokenStream {
    quote! {
        /// A constraint a documentation page states for a field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Rule {
            /// The text (or an enum's wire value) has `min..=max` characters.
            Chars { min: usize, max: usize },
            /// The array has `min..=max` items.
            Items { min: usize, max: usize },
            /// The integer has `min..=max` decimal digits.
            Digits { min: usize, max: usize },
            /// The text is a decimal number of at most `digits` digits,
            /// `fraction` of them after the point.
            Decimal { digits: usize, fraction: usize },
            /// ASCII letters and digits only.
            Alphanumeric,
            /// ASCII digits only.
            Numeric,
            /// At least one of these members (wire names) is sent.
            AtLeastOne(&'static [&'static str]),
        }

        impl ::std::fmt::Display for Rule {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                fn range(f: &mut ::std::fmt::Formatter<'_>, min: usize, max: usize, unit: &str) -> ::std::fmt::Result {
                    if min == 0 {
                        ::std::write!(f, "at most {max} {unit}")
                    } else if min == max {
                        ::std::write!(f, "exactly {max} {unit}")
                    } else {
                        ::std::write!(f, "{min} to {max} {unit}")
                    }
                }
                match *self {
                    Rule::Chars { min, max } => range(f, min, max, "characters"),
                    Rule::Items { min, max } => range(f, min, max, "items"),
                    Rule::Digits { min, max } => range(f, min, max, "digits"),
                    Rule::Decimal { digits, fraction } => ::std::write!(
                        f,
                        "a decimal number of at most {digits} digits, {fraction} after the point"
                    ),
                    Rule::Alphanumeric => f.write_str("ASCII letters and digits only"),
                    Rule::Numeric => f.write_str("ASCII digits only"),
                    Rule::AtLeastOne(keys) => {
                        f.write_str("at least one of ")?;
                        for (i, key) in keys.iter().enumerate() {
                            if i > 0 {
                                f.write_str(", ")?;
                            }
                            ::std::write!(f, "`{key}`")?;
                        }
                        ::std::result::Result::Ok(())
                    }
                }
            }
        }

        /// One broken constraint: where, as a JSON path
        /// (`customer.phoneNumber.number`, `items[0].name`; empty for the body
        /// itself), and which rule.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct Violation {
            pub path: ::std::string::String,
            pub rule: Rule,
        }

        impl ::std::fmt::Display for Violation {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                if self.path.is_empty() {
                    ::std::write!(f, "the body: {}", self.rule)
                } else {
                    ::std::write!(f, "`{}`: {}", self.path, self.rule)
                }
            }
        }

        /// Every constraint a value breaks, in field order; never empty.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct ValidationErrors {
            violations: ::std::vec::Vec<Violation>,
        }

        impl ValidationErrors {
            pub fn violations(&self) -> &[Violation] {
                &self.violations
            }

            pub fn into_violations(self) -> ::std::vec::Vec<Violation> {
                self.violations
            }
        }

        impl ::std::fmt::Display for ValidationErrors {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let count = self.violations.len();
                let s = if count == 1 { "" } else { "s" };
                ::std::write!(f, "{count} documented constraint{s} broken")?;
                for violation in &self.violations {
                    ::std::write!(f, "\n- {violation}")?;
                }
                ::std::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for ValidationErrors {}

        #[doc(hidden)]
        pub mod __validate {
            use super::{Rule, ValidationErrors, Violation};

            /// Walks a value, keeping the JSON path of where it is and every
            /// violation found.
            #[derive(Default)]
            pub struct Check {
                path: ::std::string::String,
                marks: ::std::vec::Vec<usize>,
                violations: ::std::vec::Vec<Violation>,
            }

            impl Check {
                pub fn enter(&mut self, key: &str) {
                    self.marks.push(self.path.len());
                    if !self.path.is_empty() {
                        self.path.push('.');
                    }
                    self.path.push_str(key);
                }

                pub fn enter_index(&mut self, index: usize) {
                    self.marks.push(self.path.len());
                    self.path.push('[');
                    self.path.push_str(&index.to_string());
                    self.path.push(']');
                }

                pub fn leave(&mut self) {
                    if let ::std::option::Option::Some(mark) = self.marks.pop() {
                        self.path.truncate(mark);
                    }
                }

                fn fail(&mut self, key: &str, rule: Rule) {
                    self.enter(key);
                    let path = self.path.clone();
                    self.leave();
                    self.violations.push(Violation { path, rule });
                }

                pub fn chars(&mut self, key: &str, value: &str, min: usize, max: usize) {
                    if !(min..=max).contains(&value.chars().count()) {
                        self.fail(key, Rule::Chars { min, max });
                    }
                }

                pub fn items(&mut self, key: &str, len: usize, min: usize, max: usize) {
                    if !(min..=max).contains(&len) {
                        self.fail(key, Rule::Items { min, max });
                    }
                }

                pub fn digits(&mut self, key: &str, value: u64, min: usize, max: usize) {
                    let digits = value.checked_ilog10().map_or(1, |log| log as usize + 1);
                    if !(min..=max).contains(&digits) {
                        self.fail(key, Rule::Digits { min, max });
                    }
                }

                pub fn decimal(&mut self, key: &str, value: &str, digits: usize, fraction: usize) {
                    let unsigned = value.strip_prefix('-').unwrap_or(value);
                    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
                    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
                    let ok = !whole.is_empty()
                        && all_digits(whole)
                        && all_digits(frac)
                        && (!unsigned.contains('.') || !frac.is_empty())
                        && frac.len() <= fraction
                        && whole.len() + frac.len() <= digits;
                    if !ok {
                        self.fail(key, Rule::Decimal { digits, fraction });
                    }
                }

                pub fn alphanumeric(&mut self, key: &str, value: &str) {
                    if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
                        self.fail(key, Rule::Alphanumeric);
                    }
                }

                pub fn numeric(&mut self, key: &str, value: &str) {
                    if !value.bytes().all(|b| b.is_ascii_digit()) {
                        self.fail(key, Rule::Numeric);
                    }
                }

                /// `present[i]` says whether `keys[i]` is sent; reported at the
                /// object that holds them.
                pub fn at_least_one(&mut self, keys: &'static [&'static str], present: &[bool]) {
                    if !present.contains(&true) {
                        let path = self.path.clone();
                        self.violations.push(Violation { path, rule: Rule::AtLeastOne(keys) });
                    }
                }

                pub fn finish(self) -> ::std::result::Result<(), ValidationErrors> {
                    if self.violations.is_empty() {
                        ::std::result::Result::Ok(())
                    } else {
                        ::std::result::Result::Err(ValidationErrors { violations: self.violations })
                    }
                }
            }
        }
    }
}

/// `SecretString`, the type of every credential field (the infer stage's
/// `secrets` rule). Self-contained: only `::std` and `::serde`, nothing of
/// the rest of the support code. Written here rather than taken from a crate such as
/// `secrecy` because the generated code must compile in any crate that calls
/// the macro with only `serde` and `serde_json` beside it; and in safe code
/// only, so that it compiles under `#![forbid(unsafe_code)]` too.
fn secret_items() -> TokenStream {
    quote! {
        /// Text that carries a credential: an access or refresh token, a
        /// client secret, an encryption key, a signature. The README's
        /// "Credentials" section states which fields get this type.
        ///
        /// - `Debug` prints `SecretString([REDACTED])`, never any part of the
        ///   value, so logging a model or a failed `assert_eq!` shows no
        ///   credential; there is no `Display`.
        /// - On the wire it is the plain JSON string, unchanged.
        /// - Reading it takes an explicit [`SecretString::expose_secret`].
        /// - Dropping it overwrites its bytes with zeros (best effort: copies
        ///   made before, such as a parser's buffer or a `to_owned()` of the
        ///   exposed text, are not reached).
        /// - Equality compares every byte, not stopping at the first difference.
        #[derive(Clone)]
        pub struct SecretString(::std::string::String);

        impl SecretString {
            /// Holds `value` as a secret.
            pub fn new(value: ::std::string::String) -> Self {
                SecretString(value)
            }

            /// The credential itself. Every read goes through this call, so
            /// a search for it finds every place the value is used.
            pub fn expose_secret(&self) -> &str {
                &self.0
            }
        }

        impl ::std::convert::From<::std::string::String> for SecretString {
            fn from(value: ::std::string::String) -> Self {
                SecretString(value)
            }
        }

        impl ::std::convert::From<&str> for SecretString {
            fn from(value: &str) -> Self {
                SecretString(::std::string::String::from(value))
            }
        }

        impl ::std::fmt::Debug for SecretString {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str("SecretString([REDACTED])")
            }
        }

        impl ::std::cmp::PartialEq for SecretString {
            fn eq(&self, other: &Self) -> bool {
                let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
                a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
            }
        }

        impl ::std::cmp::Eq for SecretString {}

        impl ::std::ops::Drop for SecretString {
            fn drop(&mut self) {
                let mut bytes = ::std::mem::take(&mut self.0).into_bytes();
                let capacity = bytes.capacity();
                bytes.clear();
                // Zeros over the whole allocation, spare capacity included;
                // `black_box` keeps the writes from being optimized away as
                // dead stores before the free.
                bytes.resize(capacity, 0);
                ::std::hint::black_box(&mut bytes);
                ::std::sync::atomic::compiler_fence(::std::sync::atomic::Ordering::SeqCst);
            }
        }

        impl ::serde::Serialize for SecretString {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for SecretString {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                /// Reads a string; any other value is refused without
                /// quoting it, as serde's own messages would
                /// (`invalid type: integer `1234``).
                struct SecretVisitor;

                impl SecretVisitor {
                    fn refuse<E: ::serde::de::Error>(&self, what: &str) -> E {
                        E::invalid_type(::serde::de::Unexpected::Other(what), self)
                    }
                }

                impl<'de> ::serde::de::Visitor<'de> for SecretVisitor {
                    type Value = SecretString;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str("a string (a secret, whose value is not shown)")
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Ok(SecretString::from(value))
                    }

                    fn visit_string<E: ::serde::de::Error>(
                        self,
                        value: ::std::string::String,
                    ) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Ok(SecretString(value))
                    }

                    fn visit_bool<E: ::serde::de::Error>(self, _: bool) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a boolean"))
                    }

                    fn visit_i64<E: ::serde::de::Error>(self, _: i64) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a number"))
                    }

                    fn visit_u64<E: ::serde::de::Error>(self, _: u64) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a number"))
                    }

                    fn visit_i128<E: ::serde::de::Error>(self, _: i128) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a number"))
                    }

                    fn visit_u128<E: ::serde::de::Error>(self, _: u128) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a number"))
                    }

                    fn visit_f64<E: ::serde::de::Error>(self, _: f64) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("a number"))
                    }

                    fn visit_bytes<E: ::serde::de::Error>(self, _: &[u8]) -> ::std::result::Result<SecretString, E> {
                        ::std::result::Result::Err(self.refuse("bytes"))
                    }
                }

                // `deserialize_any`, not `deserialize_string`: serde_json
                // refuses a non-string for the latter by itself, quoting it.
                deserializer.deserialize_any(SecretVisitor)
            }
        }
    }
}
