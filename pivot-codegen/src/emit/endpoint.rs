//! What makes a page's types one call: the header names and pairs of
//! `Headers`, the headers the page fixes, and `impl Endpoint for Call`.
//!
//! `Query`, `Headers` and `Call` themselves are ordinary structs of the
//! module (the infer stage adds them), so their fields, docs, builders and
//! `validate()` come from the same emitters as the bodies' types.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::tokens::ident;
use crate::model::{Module, Side, Struct, Ty};

/// The page's endpoint items, or nothing for a page without them.
pub fn module(module: &Module) -> TokenStream {
    let mut out = fixed_headers(module);
    if let Some(headers) = module.headers() {
        out.extend(headers_impl(headers));
    }
    if let Some(call) = module.call() {
        out.extend(endpoint_impl(module, call));
    }
    out
}

/// `FIXED_HEADERS`: `Content-Type: application/json` and the like, which
/// every call sends as the page documents them.
fn fixed_headers(module: &Module) -> TokenStream {
    let fixed = module.fixed_headers();
    if fixed.is_empty() {
        return TokenStream::new();
    }
    let pairs = fixed.iter().map(|(name, value)| {
        let name = Literal::string(name);
        let value = Literal::string(value);
        quote!((#name, #value))
    });
    quote! {
        /// The request headers whose value the page fixes, sent by every
        /// call as they are: `(name, value)`.
        pub const FIXED_HEADERS: &[(&str, &str)] = &[#(#pairs),*];
    }
}

/// The header names as constants, and the pairs a value sends.
fn headers_impl(headers: &Struct) -> TokenStream {
    let name = ident(&headers.name);
    let mut consts = crate::naming::Names::new();
    let consts: Vec<_> = headers
        .fields
        .iter()
        .map(|f| {
            let shouty = heck::ToShoutySnakeCase::to_shouty_snake_case(f.ident.as_str());
            let shouty = shouty.trim_end_matches('_');
            let shouty = if shouty.is_empty() { "HEADER" } else { shouty };
            format_ident!("{}", consts.claim(shouty))
        })
        .collect();
    let keys: Vec<Literal> = headers
        .fields
        .iter()
        .map(|f| Literal::string(&f.key))
        .collect();
    let docs = headers.fields.iter().map(|f| {
        let doc = Literal::string(&format!(" The header {}.", super::docs::code(&f.key)));
        quote!(#[doc = #doc])
    });
    // Sending a credential is what it is for: the one place the generated
    // code reads it.
    let text = |f: &crate::model::Field| match f.ty {
        Ty::Secret => quote!(expose_secret),
        _ => quote!(as_str),
    };
    let fields = || headers.fields.iter().zip(&consts);
    let always: Vec<TokenStream> = fields()
        .filter(|(f, _)| !f.optional)
        .map(|(f, c)| {
            let (field, text) = (ident(&f.ident), text(f));
            quote!((Self::#c, self.#field.#text()))
        })
        .collect();
    let sometimes: Vec<TokenStream> = fields()
        .filter(|(f, _)| f.optional)
        .map(|(f, c)| {
            let (field, text) = (ident(&f.ident), text(f));
            quote! {
                if let Some(value) = &self.#field {
                    pairs.push((Self::#c, value.#text()));
                }
            }
        })
        .collect();
    let first = match always.is_empty() {
        true => quote!(Vec::new()),
        false => quote!(vec![#(#always),*]),
    };
    let pairs = collect_pairs(first, &sometimes);
    quote! {
        impl #name {
            #(#docs pub const #consts: &'static str = #keys;)*

            /// `(name, value)` of each header this value sends, in page order;
            /// a credential's value is in clear, as an HTTP client sends it.
            pub fn pairs(&self) -> Vec<(&'static str, &str)> {
                #pairs
            }
        }
    }
}

fn endpoint_impl(module: &Module, call: &Struct) -> TokenStream {
    let name = ident(&call.name);
    let path_params = module.url.as_ref().map_or(0, |u| u.path_params.len());
    let field_of = |key: &str| call.fields.iter().skip(path_params).find(|f| f.key == key);
    let (query_ty, query) = match (module.query(), field_of("query")) {
        (Some(q), Some(f)) => {
            let ty = ident(&q.name);
            let field = ident(&f.ident);
            let get = if f.optional {
                quote!(self.#field.as_ref())
            } else {
                quote!(Some(&self.#field))
            };
            (quote!(#ty), get)
        }
        _ => (quote!(()), quote!(None)),
    };
    // The fixed headers first, then the call's own.
    let fixed = if module.fixed_headers().is_empty() {
        quote!(Vec::new())
    } else {
        quote!(FIXED_HEADERS.to_vec())
    };
    let headers = match field_of("headers") {
        Some(f) if f.optional => {
            let field = ident(&f.ident);
            collect_pairs(
                fixed,
                &[quote! {
                    if let Some(headers) = &self.#field {
                        pairs.extend(headers.pairs());
                    }
                }],
            )
        }
        Some(f) if module.fixed_headers().is_empty() => {
            let field = ident(&f.ident);
            quote!(self.#field.pairs())
        }
        Some(f) => {
            let field = ident(&f.ident);
            collect_pairs(fixed, &[quote!(pairs.extend(self.#field.pairs());)])
        }
        None => fixed,
    };
    let (body_ty, body) = match field_of("body") {
        Some(f) => {
            let field = ident(&f.ident);
            let ty = ident(Side::Request.name());
            (quote!(#ty), quote!(Some(&self.#field)))
        }
        None => (quote!(()), quote!(None)),
    };
    let response = if module.item(Side::Response.name()).is_some() {
        let ty = ident(Side::Response.name());
        quote!(#ty)
    } else {
        quote!(::serde::de::IgnoredAny)
    };
    // The path parameters are the call's first fields, in path order.
    let path_args: Vec<_> = call
        .fields
        .iter()
        .take(path_params)
        .map(|f| {
            let field = ident(&f.ident);
            quote!(&self.#field)
        })
        .collect();
    let path = if path_args.is_empty() {
        quote!(String::from(PATH))
    } else {
        quote!(path(#(#path_args),*))
    };
    let template = Literal::string(
        module
            .url
            .as_ref()
            .and_then(|u| u.path.as_deref())
            .unwrap_or_default(),
    );
    quote! {
        impl ::pivot_runtime::Endpoint for #name {
            const METHOD: &'static str = METHOD;
            const PATH_TEMPLATE: &'static str = #template;
            type Query = #query_ty;
            type Body = #body_ty;
            type Response = #response;

            fn path(&self) -> String {
                #path
            }

            fn query(&self) -> Option<&Self::Query> {
                #query
            }

            fn headers(&self) -> Vec<(&'static str, &str)> {
                #headers
            }

            fn body(&self) -> Option<&Self::Body> {
                #body
            }

            fn validate(&self) -> Result<(), ::pivot_runtime::ValidationErrors> {
                #name::validate(self)
            }
        }
    }
}

/// `first` with `then` (statements that push to `pairs`) run on it: a
/// plain expression when there is nothing to add.
fn collect_pairs(first: TokenStream, then: &[TokenStream]) -> TokenStream {
    if then.is_empty() {
        return first;
    }
    quote! {
        let mut pairs = #first;
        #(#then)*
        pairs
    }
}
