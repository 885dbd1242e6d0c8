//! The small pieces every emitter writes: identifiers, doc attributes, types
//! and string literals.
//!
//! Inside a page's module, generated code writes the prelude's names
//! (`String`, `Option<T>`, `Vec<T>`): no generated type takes one of them
//! (`infer::PRELUDE`), and a module sees its own items and the prelude,
//! nothing of its caller's. Other standard paths are absolute
//! (`::std::collections::BTreeMap`, `::serde_json::Value`), and what is
//! emitted beside the modules, in the caller's scope, is all absolute. Page
//! text appears only in string literals.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::model::Ty;

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let mut out = TokenStream::new();
    push_doc_attrs(&mut out, lines);
    out
}

/// [`doc_attrs`] written into `out`.
pub fn push_doc_attrs(out: &mut TokenStream, lines: &[String]) {
    for line in lines {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        let lit = Literal::string(&text);
        out.extend(quote!(#[doc = #lit]));
    }
}

pub fn ty(ty: &Ty) -> TokenStream {
    ty_tokens(ty).into_token_stream()
}

/// [`ty`], to interpolate.
pub fn ty_tokens(ty: &Ty) -> TyTokens<'_> {
    fn in_scope(name: Ident) -> TokenStream {
        quote!(#name)
    }
    TyTokens {
        ty,
        named: &in_scope,
    }
}

/// A type, with `named` saying how a model type is reached from where the
/// type is written (the builders sit one module deeper than the models).
pub fn ty_naming(ty: &Ty, named: &dyn Fn(Ident) -> TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    TyTokens { ty, named }.to_tokens(&mut out);
    out
}

/// A type that writes itself into the stream it is interpolated into.
/// Interpolating a `TokenStream` copies each of its tokens (and each
/// identifier's text), once per level of nesting; this writes each token
/// once.
pub struct TyTokens<'a> {
    pub ty: &'a Ty,
    pub named: &'a dyn Fn(Ident) -> TokenStream,
}

impl TyTokens<'_> {
    /// The type's item type (of a `Vec`, map, `Option` or `Box`).
    fn inner<'b>(&'b self, inner: &'b Ty) -> TyTokens<'b> {
        TyTokens {
            ty: inner,
            named: self.named,
        }
    }
}

impl ToTokens for TyTokens<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let tokens = match self.ty {
            Ty::Bool => quote!(bool),
            Ty::I64 => quote!(i64),
            Ty::U64 => quote!(u64),
            Ty::F64 => quote!(f64),
            Ty::Number => quote!(::serde_json::Number),
            Ty::String => quote!(String),
            Ty::Secret => quote!(::pivot_runtime::SecretString),
            Ty::Value => quote!(::serde_json::Value),
            Ty::Map => quote!(::serde_json::Map<String, ::serde_json::Value>),
            Ty::Named(name) => (self.named)(ident(name)),
            // Another page's module is a sibling of this page's: `named`
            // reaches the modules' parent as it reaches a type of this page.
            Ty::Linked(at) => {
                let parent = (self.named)(ident("super"));
                let (module, name) = (ident(&at.module), ident(&at.name));
                quote!(#parent::#module::#name)
            }
            Ty::Vec(inner) => {
                let inner = self.inner(inner);
                quote!(Vec<#inner>)
            }
            Ty::Dict(inner) => {
                let inner = self.inner(inner);
                quote!(::std::collections::BTreeMap<String, #inner>)
            }
            Ty::Option(inner) => {
                let inner = self.inner(inner);
                quote!(Option<#inner>)
            }
            Ty::Box(inner) => {
                let inner = self.inner(inner);
                quote!(Box<#inner>)
            }
        };
        out.extend(tokens);
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
