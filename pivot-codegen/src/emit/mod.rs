//! Stage 4: a [`Module`] into Rust tokens.
//!
//! - [`items`]: the page's constants, `path()`, structs, enums and aliases;
//! - [`endpoint`]: header names and pairs, and `impl Endpoint for Call`;
//! - [`docs`]: every doc comment, the table row's text among them;
//! - [`validate`]: `validate()`, from the constraints the infer stage read;
//! - [`builder`]: `T::builder()` and its typestate;
//! - [`callbacks`]: the crate's `Callback` enum over its callback pages;
//! - [`support`]: the code every generated crate holds once;
//! - [`tokens`]: identifiers, types and literals, for all of the above.

mod builder;
mod callbacks;
mod docs;
mod endpoint;
mod items;
mod support;
mod tokens;
mod validate;

use proc_macro2::{Delimiter, Group, Literal, TokenStream};
use quote::quote;

use crate::model::{Module, Struct};
use tokens::{doc_attrs, ident};

/// What to generate beyond the models themselves: `Options::default()` is
/// what the macro generates, the methods change one thing each.
///
/// ```
/// use pivot_codegen::{Builders, Options};
/// let models_alone = Options::default().builders(Builders::None).support(false);
/// assert_ne!(models_alone, Options::default());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    builders: Builders,
    test_hooks: bool,
    support: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            builders: Builders::Sent,
            test_hooks: false,
            support: true,
        }
    }
}

impl Options {
    /// Which structs get `T::builder()` ([`Builders::Sent`] by default).
    pub fn builders(mut self, builders: Builders) -> Self {
        self.builders = builders;
        self
    }

    /// Whether the items a crate holds once beside the page modules are
    /// generated (the `Endpoint` trait, `pub use` of the runtime's public
    /// types, the field names of the builders' diagnostic). On for the
    /// macro; off only to read the models alone (`pivot show`).
    pub fn support(mut self, support: bool) -> Self {
        self.support = support;
        self
    }

    /// What only the generating crate's own data-driven tests use: the
    /// `EXAMPLES` tables (each example with its round trip) and, with
    /// builders, `__rebuild` on every struct and the `BUILDER_CHECKS` tables.
    /// They rebuild responses too, so with them every struct has a builder.
    #[doc(hidden)]
    pub fn test_hooks(mut self, test_hooks: bool) -> Self {
        self.test_hooks = test_hooks;
        self
    }

    /// Whether the test hooks are on.
    #[doc(hidden)]
    pub fn has_test_hooks(&self) -> bool {
        self.test_hooks
    }

    /// Which structs get a builder, the test hooks' needs included.
    fn effective_builders(&self) -> Builders {
        match self.builders {
            Builders::Sent if self.test_hooks => Builders::All,
            builders => builders,
        }
    }
}

/// Which structs get `T::builder()`.
///
/// Builders are for values a program makes. A call's body, query, headers
/// and the `Call` itself are made to be sent; a type that only responses
/// carry is read from JSON, and its builders (about two thirds of all
/// setters on the real pages) would cost every build of the models for
/// the few tests that make responses by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builders {
    /// No builders: only to measure what they cost.
    None,
    /// Builders for every struct a call can send (the default); a struct
    /// that only responses carry has none.
    Sent,
    /// Builders for every struct, responses' too.
    All,
}

impl Builders {
    /// Whether `item`, a struct of `module`, gets a builder. An object
    /// page's types are what other pages send and receive: they count as
    /// sent.
    pub fn covers(self, module: &Module, item: &Struct) -> bool {
        match self {
            Builders::None => false,
            Builders::Sent => module.object.is_some() || !item.only_received(),
            Builders::All => true,
        }
    }
}

/// Everything a crate calling the macro gets for `modules`: one module per
/// page, the object pages' types at the root, the few crate-wide items, and
/// with test hooks the crate-wide tables.
pub fn crate_tokens(modules: &[&Module], options: &Options) -> TokenStream {
    let support = options
        .support
        .then(|| support::items(modules.iter().copied(), options.effective_builders()));
    let table = |inner: TokenStream| {
        let entries = modules.iter().map(|m| {
            let name = ident(&m.ident);
            let lit = Literal::string(&m.ident);
            quote!((#lit, #name::#inner))
        });
        quote!(#(#entries),*)
    };
    let checks = (options.test_hooks && options.effective_builders() != Builders::None).then(|| {
        let entries = table(quote!(builders::CHECKS));
        quote! {
            /// Every page's builder checks, by module.
            #[doc(hidden)]
            pub const BUILDER_CHECKS: &[(&str, &[(&str, &str, fn(&str) -> ::std::result::Result<(), ::std::string::String>)])] = &[
                #entries
            ];
        }
    });
    let examples = options.test_hooks.then(|| {
        let entries = table(quote!(EXAMPLES));
        quote! {
            /// Every page's examples, by module, for data-driven tests.
            #[doc(hidden)]
            pub const EXAMPLES: &[(&str, &[(&str, &str, fn(&str) -> ::serde_json::Result<::serde_json::Value>)])] = &[
                #entries
            ];
        }
    });
    let mut out = TokenStream::new();
    for m in modules {
        out.extend(module(m, options));
    }
    out.extend(objects(modules));
    if options.support {
        out.extend(callbacks::items(modules));
    }
    out.extend(quote! {
        #support
        #checks
        #examples
    });
    out
}

/// The object pages' types at the crate root, by the names their titles
/// give them (`pivot_models::Refund`). They come through a glob, which any
/// item of the crate root with the same name shadows instead of clashing
/// with: the macro does not know what else its caller defines there.
fn objects(modules: &[&Module]) -> TokenStream {
    let uses: Vec<TokenStream> = modules
        .iter()
        .filter_map(|m| {
            let object = m.object.as_ref()?;
            let (module, item, name) = (ident(&m.ident), ident(&object.item), ident(&object.name));
            Some(if object.item == object.name {
                quote!(pub use super::#module::#item;)
            } else {
                quote!(pub use super::#module::#item as #name;)
            })
        })
        .collect();
    if uses.is_empty() {
        return TokenStream::new();
    }
    quote! {
        /// The object pages' types, re-exported at the crate root.
        #[doc(hidden)]
        pub mod __objects {
            #(#uses)*
        }
        #[doc(inline)]
        pub use self::__objects::*;
    }
}

/// The module for one page, in reading order: the endpoint, its types with
/// their `validate()`, as `options` say their builders, then the page's
/// example bodies (long, so after the types).
fn module(module: &Module, options: &Options) -> TokenStream {
    let name = ident(&module.ident);
    // Each part is moved into the module's braces, not interpolated: a
    // stream interpolated into another is copied token by token.
    let mut body = items::endpoint(module);
    for item in &module.items {
        body.extend(items::item(module, item));
    }
    body.extend(endpoint::module(module));
    body.extend(validate::module(module));
    if options.effective_builders() != Builders::None {
        body.extend(builder::module(
            module,
            options.effective_builders(),
            options.test_hooks,
        ));
    }
    body.extend(items::examples(module));
    if options.test_hooks {
        body.extend(items::examples_table(module));
    }
    let body = Group::new(Delimiter::Brace, body);
    let mut out = doc_attrs(&docs::module(module));
    out.extend(quote!(pub mod #name #body));
    out
}
