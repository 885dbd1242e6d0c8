//! The few items a crate calling the macro holds once, beside the page
//! modules. The support code itself (the checks behind `validate()`, the
//! builder markers and their diagnostic, the enum visitor, the path encoder)
//! is ordinary Rust in the `pivot-runtime` crate, compiled once; generated
//! code reaches it as `::pivot_runtime::__private::...`, which is not API.
//!
//! What is left here:
//!
//! - `Endpoint`: the trait every page's `Call` implements, and
//!   `SecretString`, the type of credential fields (both still generated
//!   here; they could move to the runtime like the rest);
//! - `pub use` of the runtime's public items (`ValidationErrors`,
//!   `Violation`, `Rule`, and with builders `Set`, `Unset`), so users name
//!   them from the crate of models as before;
//! - with builders, `__fields`: one unit type per distinct required field
//!   name, which the runtime's one missing-field diagnostic prints by name
//!   ("missing required field `amount` when building
//!   `pivot_models::create_payment_session::Request`"). rustc prints a type
//!   by its bare name only when the name is unique among the public items of
//!   every crate in the build (`Request` is not: `core::error::Request`), so
//!   the type being built comes with its path, and a field whose name
//!   something else public also has (`value`: `serde_json::value`) too.
//!
//! The page modules are snake_case like `__fields` but never start with an
//! underscore, so they cannot clash with it.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::model::{Item, Module};

pub fn items<'a>(modules: impl Iterator<Item = &'a Module>, builders: bool) -> TokenStream {
    let builder_items = if builders {
        let fields = required_field_names(modules).into_iter().map(|f| ident(&f));
        quote! {
            pub use ::pivot_runtime::{Set, Unset};

            /// The names of required fields, as types, for the builders'
            /// missing-field error. Not hidden: rustc prints a type by its bare
            /// name only when it is public and its name unique.
            #[allow(non_camel_case_types)]
            pub mod __fields {
                #(pub struct #fields;)*
            }
        }
    } else {
        TokenStream::new()
    };
    let endpoint = endpoint_trait();
    let secret = secret_items();
    quote! {
        #endpoint
        pub use ::pivot_runtime::{Rule, ValidationErrors, Violation};
        #builder_items
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

/// The distinct names of required fields across `modules`, sorted.
fn required_field_names<'a>(modules: impl Iterator<Item = &'a Module>) -> BTreeSet<String> {
    modules
        .flat_map(|m| &m.items)
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s),
            _ => None,
        })
        .flat_map(|s| s.fields.iter().filter(|f| !f.optional))
        .map(|f| f.ident.clone())
        .collect()
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
