//! The small pieces every emitter writes: identifiers, doc attributes, types
//! and string literals.
//!
//! Generated code names everything by absolute path (`::std::string::String`,
//! `::serde_json::Value`), so a JSON key that becomes a type called `String` or
//! `Option` cannot change what the other fields mean. Page text appears only in
//! string literals.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::model::Ty;

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub fn doc_attrs(lines: &[String]) -> TokenStream {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            let lit = Literal::string(&text);
            quote!(#[doc = #lit])
        })
        .collect()
}

pub fn ty(ty: &Ty) -> TokenStream {
    ty_naming(ty, &|name| quote!(#name), false)
}

/// A type, with `named` saying how a model type is reached from where the
/// type is written (the builders sit one module deeper than the models).
/// `prelude`: the standard types by their prelude names (`String`,
/// `Option`), for modules where no generated item can hide them.
pub fn ty_naming(ty: &Ty, named: &dyn Fn(Ident) -> TokenStream, prelude: bool) -> TokenStream {
    let wrap = |inner: &Ty| ty_naming(inner, named, prelude);
    let string = if prelude {
        quote!(String)
    } else {
        quote!(::std::string::String)
    };
    match ty {
        Ty::Bool => quote!(bool),
        Ty::I64 => quote!(i64),
        Ty::U64 => quote!(u64),
        Ty::F64 => quote!(f64),
        Ty::Number => quote!(::serde_json::Number),
        Ty::String => string,
        Ty::Secret => quote!(::pivot_runtime::SecretString),
        Ty::Value => quote!(::serde_json::Value),
        Ty::Map => quote!(::serde_json::Map<#string, ::serde_json::Value>),
        Ty::Named(name) => named(ident(name)),
        Ty::Vec(inner) => {
            let inner = wrap(inner);
            if prelude {
                quote!(Vec<#inner>)
            } else {
                quote!(::std::vec::Vec<#inner>)
            }
        }
        Ty::Dict(inner) => {
            let inner = wrap(inner);
            quote!(::std::collections::BTreeMap<#string, #inner>)
        }
        Ty::Option(inner) => {
            let inner = wrap(inner);
            if prelude {
                quote!(Option<#inner>)
            } else {
                quote!(::std::option::Option<#inner>)
            }
        }
        Ty::Box(inner) => {
            let inner = wrap(inner);
            if prelude {
                quote!(Box<#inner>)
            } else {
                quote!(::std::boxed::Box<#inner>)
            }
        }
    }
}

/// A raw string literal, so the examples read as JSON in `pivot show` and
/// snapshots instead of one escaped line.
pub fn raw_string(text: &str) -> Literal {
    let longest_hash_run = text
        .split('"')
        .skip(1)
        .map(|after_quote| after_quote.chars().take_while(|&c| c == '#').count())
        .max()
        .unwrap_or(0);
    let hashes = "#".repeat(longest_hash_run + 1);
    // A raw string cannot hold a bare carriage return, and rustc rejects
    // text-direction controls in literals; such text keeps its escapes.
    let escapes_needed = text
        .chars()
        .any(|c| c == '\r' || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
    if escapes_needed {
        return Literal::string(text);
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| Literal::string(text))
}
