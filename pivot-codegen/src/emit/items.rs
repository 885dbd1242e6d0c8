//! A page's own items: its constants, `path()`, and its structs, enums and
//! aliases with their serde code.

use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::tokens::{doc_attrs, ident, push_doc_attrs, raw_string, ty, ty_tokens};
use crate::model::{Alias, Enum, Field, Item, Module, Origin, Side, Struct, Ty};
use crate::parse::page::{Segment, segments};

/// The endpoint: `METHOD`, `PATH` and, for a path with parameters, `path()`.
pub fn endpoint(module: &Module) -> TokenStream {
    let mut out = TokenStream::new();
    if let Some(method) = &module.method {
        let lit = Literal::string(method);
        out.extend(quote! {
            /// The HTTP method of this endpoint.
            pub const METHOD: &str = #lit;
        });
    }
    if let Some(path) = module.url.as_ref().and_then(|u| u.path.as_ref()) {
        let lit = Literal::string(path);
        out.extend(quote! {
            /// The endpoint's path, without the base URL.
            pub const PATH: &str = #lit;
        });
    }
    out.extend(path_fn(module));
    out
}

/// The page's example bodies: `REQUEST_EXAMPLE`, `RESPONSE_EXAMPLE`.
pub fn examples(module: &Module) -> TokenStream {
    let mut out = TokenStream::new();
    for example in &module.examples {
        let name = format_ident!("{}_EXAMPLE", example.side.name().to_ascii_uppercase());
        let doc = Literal::string(&format!(
            " The page's example {} body, as strict JSON.",
            example.side.name().to_ascii_lowercase()
        ));
        let lit = raw_string(&example.json);
        out.extend(quote! {
            #[doc = #doc]
            pub const #name: &str = #lit;
        });
    }
    out
}

/// `path(id)`: the path with its parameters filled in, for pages whose path
/// has any (`/v2/payments/{id}/cancel`, `/xb/payouts/:id`). The fixed pieces
/// are literals; each value is percent-encoded, so an ID cannot change the
/// path's shape (`../`, `?`, `/`).
fn path_fn(module: &Module) -> TokenStream {
    let Some(url) = module.url.as_ref() else {
        return TokenStream::new();
    };
    let (Some(path), false) = (&url.path, url.path_params.is_empty()) else {
        return TokenStream::new();
    };
    let mut names = crate::naming::Names::new();
    // The function's own local; a parameter called `path` becomes `path_2`.
    names.reserve("path");
    let mut args = Vec::new();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    for segment in segments(path) {
        literal.push('/');
        let param = match segment {
            Segment::Static(text) => {
                literal.push_str(text);
                continue;
            }
            Segment::Param(name) => name,
        };
        let arg = ident(&names.claim(&crate::naming::field_ident(param)));
        let lit = Literal::string(&std::mem::take(&mut literal));
        pieces.push(quote!(path.push_str(#lit);));
        pieces.push(quote!(::pivot_runtime::__private::push_segment(&mut path, #arg);));
        args.push(arg);
    }
    let rest = Literal::string(&literal);
    let doc = Literal::string(&format!(
        " [`PATH`] with its parameters filled in: `{path}`. Each value is percent-encoded."
    ));
    quote! {
        #[doc = #doc]
        pub fn path(#(#args: &str),*) -> String {
            let mut path = String::new();
            #(#pieces)*
            path.push_str(#rest);
            path
        }
    }
}

/// `EXAMPLES`: each example with a function that reads it into the generated
/// type and writes it back, so tests cover every page without per-page code.
pub fn examples_table(module: &Module) -> TokenStream {
    let entries = module.examples.iter().filter(|e| has_root(module, e.side)).map(|example| {
        let side = Literal::string(&example.side.name().to_ascii_lowercase());
        let name = format_ident!("{}_EXAMPLE", example.side.name().to_ascii_uppercase());
        let root = ident(example.side.name());
        quote! {
            (#side, #name, |json| ::serde_json::to_value(::serde_json::from_str::<#root>(json)?))
        }
    });
    quote! {
        /// Each example body with the generated type that reads it: `(side, json, round trip)`.
        #[doc(hidden)]
        pub const EXAMPLES: &[(&str, &str, fn(&str) -> ::serde_json::Result<::serde_json::Value>)] = &[
            #(#entries),*
        ];
    }
}

fn has_root(module: &Module, side: Side) -> bool {
    module.items.iter().any(|i| i.name() == side.name())
}

pub fn item(module: &Module, item: &Item) -> TokenStream {
    match item {
        Item::Struct(s) => structure(module, s),
        Item::Enum(e) => enumeration(e),
        Item::Alias(a) => alias(a),
    }
}

fn alias(alias: &Alias) -> TokenStream {
    let name = ident(&alias.name);
    let target = ty(&alias.target);
    let doc = match alias.name.as_str() {
        "Request" => vec![docs::root(Side::Request)],
        "Response" => vec![docs::root(Side::Response)],
        _ => match &alias.target {
            Ty::Linked(at) => vec![
                docs::origins_line(&alias.origins),
                String::new(),
                format!(
                    "The page links the object page of `{}::{}`, and its data reads as that type, so it is that type.",
                    at.module, at.name
                ),
            ],
            _ => vec![
                docs::origins_line(&alias.origins),
                String::new(),
                "It has the same shape as the type it names, so it is that type.".to_string(),
            ],
        },
    };
    let doc = doc_attrs(&doc);
    quote! {
        #doc
        pub type #name = #target;
    }
}

/// Whether a struct's wire names are better said once, as
/// `rename_all = "camelCase"`, than field by field: when that leaves fewer
/// attributes, counting itself.
pub fn camel_case_struct(item: &Struct) -> bool {
    let differ = |rule: fn(&str) -> String| {
        item.fields
            .iter()
            .filter(|f| rule(&f.ident) != f.key)
            .count()
    };
    differ(camel_case) + 1 < differ(str::to_string)
}

fn camel_case(ident: &str) -> String {
    crate::naming::serde_camel_case(ident)
}

fn structure(module: &Module, item: &Struct) -> TokenStream {
    let name = ident(&item.name);
    let is_call = item.origins == [Origin::Call];
    let camel = camel_case_struct(item);
    let mut doc = docs::structure(item);
    if let Some(object) = module.object.as_ref().filter(|o| o.item == item.name) {
        doc.splice(0..0, docs::object(object));
    }
    let either = docs::at_least_one(item);
    if !either.is_empty() {
        doc.push(String::new());
        doc.extend(either);
    }
    let rename_all = camel.then(|| {
        doc.push(String::new());
        doc.push(
            "On the wire, field names are in camelCase unless a field says otherwise.".to_string(),
        );
        quote!(#[serde(rename_all = "camelCase")])
    });
    // The fields go straight into the braces' stream: a stream per field
    // would be copied into it token by token.
    let mut fields = TokenStream::new();
    for f in &item.fields {
        field(&mut fields, f, camel, is_call);
    }
    let fields = Group::new(Delimiter::Brace, fields);
    // With every field optional, the empty value is a valid one: it is what
    // `..Default::default()` and a builder start from.
    let default = item.all_optional().then(|| quote!(Default,));
    let mut out = doc_attrs(&doc);
    out.extend(quote! {
        #[derive(Debug, Clone, #default PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #rename_all
        pub struct #name #fields
    });
    out
}

fn field(out: &mut TokenStream, field: &Field, camel: bool, in_call: bool) {
    let given = if camel {
        camel_case(&field.ident)
    } else {
        field.ident.clone()
    };
    let renamed = given != field.key;
    if in_call {
        push_doc_attrs(out, &docs::call_field(field));
    } else {
        push_doc_attrs(out, &docs::field(field, renamed));
    }
    if renamed || field.optional {
        let key = Literal::string(&field.key);
        let rename = renamed.then(|| quote!(rename = #key,));
        let optional = field
            .optional
            .then(|| quote!(default, skip_serializing_if = "Option::is_none",));
        out.extend(quote!(#[serde(#rename #optional)]));
    }
    let name = ident(&field.ident);
    let full_ty = field.full_ty();
    let ty = ty_tokens(&full_ty);
    out.extend(quote! {
        pub #name: #ty,
    });
}

fn enumeration(item: &Enum) -> TokenStream {
    let name = ident(&item.name);
    let doc = doc_attrs(&docs::enumeration(item));
    let variant_idents: Vec<Ident> = item.variants.iter().map(|v| ident(&v.ident)).collect();
    let values: Vec<Literal> = item
        .variants
        .iter()
        .map(|v| Literal::string(&v.value))
        .collect();
    let variant_docs = item.variants.iter().map(|v| {
        let text = Literal::string(&format!(" {}", docs::code(&v.value)));
        quote!(#[doc = #text])
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variant_docs #variant_idents,)*
            /// A value the page does not document, kept as received.
            Other(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variant_idents => #values,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl ::std::convert::From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#values => Self::#variant_idents,)*
                    _ => Self::Other(value),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variant_idents,)*
                    _ => Self::Other(String::from(value)),
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                ::pivot_runtime::__private::deserialize_enum(deserializer)
            }
        }
    }
}
