//! Typestate builders: `T::builder()` for every generated struct.
//!
//! Each required field is one type parameter of the builder, `Unset` until
//! its setter runs and `Set` after; `build()` is bounded by one trait per
//! required field, implemented only for `Set`, whose
//! `#[diagnostic::on_unimplemented]` turns a forgotten field into
//! "missing required field `amount` when building `Request`". The values
//! themselves wait in one struct of `Option`s, so a setter moves one value and
//! changes one type parameter, which keeps the generated code small and quick
//! to compile.
//!
//! Everything here lives in a `builders` module inside the page's module: a
//! module cannot clash with a generated type (those are PascalCase), and the
//! model types are named through `super::`, so no name inside can hide one.
//! The markers and traits are crate-wide (the support code, `support.rs`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::tokens::{doc_attrs, ident, ty_naming};
use crate::model::{Field, Item, Module, Struct, Ty};
use crate::naming::{self, Names};

/// The path from the `builders` module to the crate-wide items.
fn runtime() -> TokenStream {
    quote!(super::super)
}

/// `builders`, with one builder per struct of the module.
pub fn module(module: &Module, test_hooks: bool) -> TokenStream {
    // The shared module's types have their builders there.
    let own = || {
        module
            .items
            .iter()
            .filter(|item| !module.is_reexport(item.name()))
    };
    let builders: TokenStream = own()
        .filter_map(|item| match item {
            Item::Struct(s) => Some(builder(s)),
            _ => None,
        })
        .collect();
    let rebuilds: TokenStream = if test_hooks {
        let rebuilds: TokenStream = own()
            .filter_map(|item| match item {
                Item::Struct(s) => Some(rebuild(module, s)),
                _ => None,
            })
            .collect();
        let checks = checks_table(module);
        quote!(#rebuilds #checks)
    } else {
        TokenStream::new()
    };
    quote! {
        /// The builders of this page's types, made by `T::builder()`.
        pub mod builders {
            #builders
            #rebuilds
        }
    }
}

/// A type as named from the `builders` module.
fn ty(ty: &Ty) -> TokenStream {
    ty_naming(ty, &|name| quote!(super::#name))
}

/// The names one struct's builder uses.
struct BuilderNames<'a> {
    item: &'a Struct,
    builder: proc_macro2::Ident,
    values: proc_macro2::Ident,
    /// One per field: the setter's name.
    setters: Vec<proc_macro2::Ident>,
    /// One per field: `maybe_<field>` for an optional one.
    maybes: Vec<Option<proc_macro2::Ident>>,
    /// One per required field, in field order: (field index, type parameter).
    params: Vec<(usize, proc_macro2::Ident)>,
}

impl<'a> BuilderNames<'a> {
    fn new(item: &'a Struct) -> Self {
        // `build` is the builder's own method; a field of that name gets
        // `build_2` as setter rather than hiding it.
        let mut methods = Names::new();
        methods.reserve("build");
        let setters: Vec<_> = item
            .fields
            .iter()
            .map(|f| ident(&methods.claim(&f.ident)))
            .collect();
        let maybes = item
            .fields
            .iter()
            .map(|f| {
                f.optional
                    .then(|| ident(&methods.claim(&format!("maybe_{}", f.ident))))
            })
            .collect();
        // Type names never contain `_`, so a trailing one keeps a parameter
        // from ever hiding a model type.
        let mut generics = Names::new();
        let params = item
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.optional)
            .map(|(i, f)| {
                let base = naming::type_ident(&f.ident);
                (i, format_ident!("{}_", generics.claim(&base)))
            })
            .collect();
        BuilderNames {
            item,
            builder: format_ident!("{}Builder", item.name),
            values: format_ident!("{}Values", item.name),
            setters,
            maybes,
            params,
        }
    }

    fn param_of(&self, field: usize) -> Option<&proc_macro2::Ident> {
        self.params
            .iter()
            .find(|(i, _)| *i == field)
            .map(|(_, p)| p)
    }
}

fn builder(item: &Struct) -> TokenStream {
    let names = BuilderNames::new(item);
    let rt = runtime();
    let name = ident(&item.name);
    let builder = &names.builder;
    let values = &names.values;
    let params: Vec<&proc_macro2::Ident> = names.params.iter().map(|(_, p)| p).collect();
    let field_idents: Vec<proc_macro2::Ident> =
        item.fields.iter().map(|f| ident(&f.ident)).collect();
    let slot_tys = item.fields.iter().map(|f| {
        let stored = ty(&f.written_ty());
        quote!(::std::option::Option<#stored>)
    });
    let doc = doc_attrs(&builder_doc(item));
    let must_use = Literal::string(&format!(
        "a builder makes nothing until `.build()` returns the `{}`",
        item.name
    ));
    let setters = item
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| setter(&names, i, f));
    let build = build(&names);
    let builder_fn_doc = Literal::string(&format!(
        " A builder for `{}`, with no field set yet.",
        item.name
    ));
    quote! {
        #doc
        #[must_use = #must_use]
        pub struct #builder<#(#params = #rt::Unset),*> {
            values: #values,
            state: ::core::marker::PhantomData<(#(#params,)*)>,
        }

        struct #values {
            #(#field_idents: #slot_tys,)*
        }

        impl super::#name {
            #[doc = #builder_fn_doc]
            pub fn builder() -> #builder {
                #builder {
                    values: #values { #(#field_idents: ::std::option::Option::None,)* },
                    state: ::core::marker::PhantomData,
                }
            }
        }

        impl<#(#params),*> #builder<#(#params),*> {
            #(#setters)*
            #build
        }
    }
}

fn builder_doc(item: &Struct) -> Vec<String> {
    let required: Vec<String> = item
        .fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| format!("`{}`", f.ident))
        .collect();
    let mut doc = vec![format!(
        "Builds a [`{0}`](super::{0}) one field at a time; start with `{0}::builder()`.",
        item.name
    )];
    doc.push(String::new());
    if required.is_empty() {
        doc.push("Every field is optional: `.build()` can be called at any time.".to_string());
    } else {
        doc.push(format!(
            "Required: {}. Leaving one out is a compile error that names it; optional fields left unset are not sent.",
            required.join(", ")
        ));
    }
    doc
}

/// The setter's argument type and how the stored value is made from it.
fn argument(field: &Field) -> (TokenStream, TokenStream) {
    let value = quote!(value);
    let stored = if field.boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    };
    if field.ty == Ty::String && !field.boxed {
        (
            quote!(impl ::core::convert::Into<::std::string::String>),
            quote!(value.into()),
        )
    } else if field.ty == Ty::Secret && !field.boxed {
        // A credential is set from plain text (`&str`, `String`), or from
        // a `SecretString` already held.
        let rt = runtime();
        (
            quote!(impl ::core::convert::Into<#rt::SecretString>),
            quote!(value.into()),
        )
    } else {
        (ty(&field.ty), stored)
    }
}

fn setter(names: &BuilderNames<'_>, index: usize, field: &Field) -> TokenStream {
    let setter = &names.setters[index];
    let slot = ident(&field.ident);
    let (arg, stored) = argument(field);
    let doc = doc_attrs(&setter_doc(field));
    let Some(param) = names.param_of(index) else {
        let maybe = names.maybes[index].as_ref().map(|maybe| {
            let inner = ty(&field.ty);
            let stored = if field.boxed {
                quote!(value.map(::std::boxed::Box::new))
            } else {
                quote!(value)
            };
            let doc = Literal::string(&format!(
                " Sets the optional field `{0}` from an `Option`: `None` leaves it out of the body (see `{1}`).",
                field.ident, setter
            ));
            quote! {
                #[doc = #doc]
                pub fn #maybe(mut self, value: ::std::option::Option<#inner>) -> Self {
                    self.values.#slot = #stored;
                    self
                }
            }
        });
        return quote! {
            #doc
            pub fn #setter(mut self, value: #arg) -> Self {
                self.values.#slot = ::std::option::Option::Some(#stored);
                self
            }
            #maybe
        };
    };
    let rt = runtime();
    let builder = &names.builder;
    let after = names.params.iter().map(|(_, p)| {
        if p == param {
            quote!(#rt::Set)
        } else {
            quote!(#p)
        }
    });
    quote! {
        #doc
        pub fn #setter(self, value: #arg) -> #builder<#(#after),*> {
            let mut values = self.values;
            values.#slot = ::std::option::Option::Some(#stored);
            #builder { values, state: ::core::marker::PhantomData }
        }
    }
}

fn setter_doc(field: &Field) -> Vec<String> {
    let what = if field.optional {
        "optional: left unset, it is not sent"
    } else {
        "required"
    };
    let mut doc = vec![format!("Sets `{}` ({what}).", field.ident), String::new()];
    doc.extend(docs::field(field));
    doc
}

fn build(names: &BuilderNames<'_>) -> TokenStream {
    let rt = runtime();
    let name = ident(&names.item.name);
    let bounds = names.params.iter().map(|(i, p)| {
        let required = ident(&required_trait(
            &names.item.name,
            &names.item.fields[*i].ident,
        ));
        quote!(#p: #rt::__builder::required::#required)
    });
    let fields = names.item.fields.iter().enumerate().map(|(i, f)| {
        let slot = ident(&f.ident);
        if names.param_of(i).is_some() {
            quote!(#slot: #rt::__builder::take(values.#slot))
        } else {
            quote!(#slot: values.#slot)
        }
    });
    let doc = Literal::string(&format!(
        " The `{}`. Compiles only once every required field is set.",
        names.item.name
    ));
    quote! {
        #[doc = #doc]
        pub fn build(self) -> super::#name
        where
            #(#bounds,)*
        {
            let values = self.values;
            super::#name { #(#fields,)* }
        }
    }
}

/// The diagnostic trait of one required field: `Request_amount`. Type names
/// never contain `_`, so no two pairs give one name.
fn required_trait(owner: &str, field: &str) -> String {
    format!("{owner}_{field}")
}

/// The distinct (type name, required field) pairs across `modules`: one
/// diagnostic trait each, shared by every page with such a type. The message
/// must be a literal to say `Request` rather than the type's full path.
pub fn required_fields<'a>(modules: impl Iterator<Item = &'a Module>) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = modules
        .flat_map(|m| &m.items)
        .filter_map(|item| match item {
            Item::Struct(s) => Some(s),
            _ => None,
        })
        .flat_map(|s| {
            s.fields
                .iter()
                .filter(|f| !f.optional)
                .map(|f| (s.name.clone(), f.ident.clone()))
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// The diagnostic traits, for the crate-wide `__builder::required` module.
pub fn required_traits(pairs: &[(String, String)]) -> TokenStream {
    pairs
        .iter()
        .map(|(owner, field)| {
            let trait_name = ident(&required_trait(owner, field));
            let message = Literal::string(&format!(
                "missing required field `{field}` when building `{owner}`"
            ));
            let label = Literal::string(&format!("`{field}` is not set"));
            let note = Literal::string(&format!("call `.{field}(...)` before `.build()`"));
            quote! {
                #[diagnostic::on_unimplemented(message = #message, label = #label, note = #note)]
                pub trait #trait_name {}
                impl #trait_name for super::super::Set {}
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Test hooks: rebuild a value through the builders.

/// `__rebuild(self) -> Self`: the value made again by its builder, nested
/// values through theirs, so a data-driven test can compare it with the
/// original.
fn rebuild(module: &Module, item: &Struct) -> TokenStream {
    let names = BuilderNames::new(item);
    let name = ident(&item.name);
    let optional = item
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.optional)
        .map(|(i, f)| {
            let slot = ident(&f.ident);
            let setter = &names.setters[i];
            let maybe = names.maybes[i].as_ref();
            let value = rebuilt(module, &f.ty, quote!(value));
            let value = if f.boxed {
                quote!({ let value = *value; #value })
            } else {
                value
            };
            quote! {
                builder = match self.#slot {
                    ::std::option::Option::Some(value) => builder.#setter(#value),
                    ::std::option::Option::None => builder.#maybe(::std::option::Option::None),
                };
            }
        });
    let required = item
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| !f.optional)
        .map(|(i, f)| {
            let slot = ident(&f.ident);
            let setter = &names.setters[i];
            let value = if f.boxed {
                quote!((*self.#slot))
            } else {
                quote!(self.#slot)
            };
            let value = rebuilt(module, &f.ty, value);
            quote!(.#setter(#value))
        });
    quote! {
        impl super::#name {
            #[doc(hidden)]
            pub fn __rebuild(self) -> Self {
                #[allow(unused_mut)]
                let mut builder = Self::builder();
                #(#optional)*
                builder #(#required)* .build()
            }
        }
    }
}

/// `value` with every struct inside it rebuilt.
fn rebuilt(module: &Module, ty: &Ty, value: TokenStream) -> TokenStream {
    if module.contained_struct(ty).is_none() {
        return value;
    }
    match ty {
        Ty::Vec(inner) => {
            let item = rebuilt(module, inner, quote!(item));
            quote!(#value.into_iter().map(|item| #item).collect())
        }
        Ty::Dict(inner) => {
            let item = rebuilt(module, inner, quote!(item));
            quote!(#value.into_iter().map(|(key, item)| (key, #item)).collect())
        }
        Ty::Option(inner) => {
            let item = rebuilt(module, inner, quote!(item));
            quote!(#value.map(|item| #item))
        }
        Ty::Box(inner) => {
            let item = rebuilt(module, inner, quote!((*#value)));
            quote!(::std::boxed::Box::new(#item))
        }
        _ => quote!(#value.__rebuild()),
    }
}

/// `CHECKS`: for each example whose body is a struct, a function that reads
/// it, rebuilds it through the builders, compares, and validates it.
fn checks_table(module: &Module) -> TokenStream {
    let entries = module.examples.iter().filter_map(|example| {
        let root = Ty::Named(example.side.name().to_string());
        module.struct_of(&root)?;
        let side = Literal::string(&example.side.name().to_ascii_lowercase());
        let json = format_ident!("{}_EXAMPLE", example.side.name().to_ascii_uppercase());
        let root = ident(example.side.name());
        Some(quote! {
            (#side, super::#json, |json| {
                let parsed: super::#root = ::serde_json::from_str(json).map_err(|e| e.to_string())?;
                let rebuilt = parsed.clone().__rebuild();
                if rebuilt != parsed {
                    return ::std::result::Result::Err(::std::format!(
                        "rebuilt through the builders, the value changed:\n  parsed:  {parsed:?}\n  rebuilt: {rebuilt:?}"
                    ));
                }
                rebuilt.validate().map_err(|e| e.to_string())
            })
        })
    });
    quote! {
        /// Each example with a check that rebuilds it through the builders
        /// and validates it: `(side, json, check)`.
        #[doc(hidden)]
        pub const CHECKS: &[(&str, &str, fn(&str) -> ::std::result::Result<(), ::std::string::String>)] = &[
            #(#entries),*
        ];
    }
}
