//! The few items a crate calling the macro holds once, beside the page
//! modules. The support code itself (the checks behind `validate()`, the
//! builder markers and their diagnostic, the enum visitor, the path encoder,
//! `Endpoint`, `SecretString`) is ordinary Rust in the `pivot-runtime`
//! crate, compiled once; generated code reaches its public items by their
//! own paths and the rest as `::pivot_runtime::__private::...`, which is not
//! API.
//!
//! What is left here:
//!
//! - `pub use` of the runtime's public items (`Endpoint`, `SecretString`,
//!   `ValidationErrors`, `Violation`, `Rule`, and with builders
//!   `IntoOption`, `Set`, `Unset`), so users name them from the crate of
//!   models;
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

use super::Builders;
use super::tokens::ident;
use crate::model::{Module, Struct};

pub fn items<'a>(modules: impl Iterator<Item = &'a Module>, builders: Builders) -> TokenStream {
    let builder_items = if builders != Builders::None {
        let fields = required_field_names(modules, builders)
            .into_iter()
            .map(|f| ident(&f));
        quote! {
            pub use ::pivot_runtime::{IntoOption, Set, Unset};

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
    quote! {
        pub use ::pivot_runtime::{
            CallbackError, Callbacks, Endpoint, Rule, SecretString, ValidationErrors, Violation,
        };
        #builder_items
    }
}

/// The required fields of the structs that get builders.
fn required_field_names<'a>(
    modules: impl Iterator<Item = &'a Module>,
    builders: Builders,
) -> BTreeSet<String> {
    modules
        .flat_map(|m| m.structs().filter(move |s| builders.covers(m, s)))
        .flat_map(Struct::required)
        .map(|f| f.ident.clone())
        .collect()
}
