//! `Callback`: one enum over the crate's callback pages, the bodies Pivot
//! POSTs to the merchant's server, and `impl Callbacks` that reads a body
//! into it by its `event`.
//!
//! A callback page is a page with no Pivot URL (`[Merchant Callback URL]`,
//! `www.yourcompany.com/...`), no `Call`, whose request body has a top-level
//! `event` member naming its events: the values its table lists (an enum),
//! or, where no table lists them, the value its example shows (the
//! international payout notifications).
//!
//! Dispatch, documented on the enum as well: an event one page names reads
//! that page's `Request`; an event several pages name (the single and bulk
//! payout pages both list every payout event) is tried on each, the pages
//! whose example shows that event first, then in module order, and the
//! first whose `Request` reads the body wins; an event no page names is
//! `Unknown`, kept with its body, never an error.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::model::{Field, Module, Side};

/// One callback page, read.
struct Page<'a> {
    module: &'a Module,
    variant: String,
    /// The events it names, in page order, without repeats.
    events: Vec<String>,
    /// The event its example shows, if any.
    shown: Option<String>,
    event: &'a Field,
    event_is_enum: bool,
}

/// The crate's `Callback` enum and its `Callbacks` impl, or nothing when no
/// page is a callback page.
pub fn items(modules: &[&Module]) -> TokenStream {
    let mut names = crate::naming::Names::new();
    names.reserve("Unknown");
    let pages: Vec<Page> = modules.iter().filter_map(|m| page(m, &mut names)).collect();
    if pages.is_empty() {
        return TokenStream::new();
    }

    // Event -> the pages naming it, those whose example shows it first.
    let mut by_event: BTreeMap<&str, Vec<&Page>> = BTreeMap::new();
    for page in &pages {
        for event in &page.events {
            by_event.entry(event).or_default().push(page);
        }
    }
    for (event, candidates) in &mut by_event {
        candidates.sort_by_key(|p| p.shown.as_deref() != Some(*event));
    }

    let variants = pages.iter().map(|page| {
        let variant = ident(&page.variant);
        let module = ident(&page.module.ident);
        let title = page.module.title.as_deref().unwrap_or(&page.module.ident);
        let events = page
            .events
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let doc = Literal::string(&format!(
            " {title} ([`{}`](self::{})): {events}.",
            page.module.ident, page.module.ident
        ));
        quote! {
            #[doc = #doc]
            #variant(#module::Request)
        }
    });

    let arms = by_event.iter().map(|(event, candidates)| {
        let lit = Literal::string(event);
        let read = |page: &Page| {
            let variant = ident(&page.variant);
            let module = ident(&page.module.ident);
            let name = Literal::string(&page.module.ident);
            quote! {
                ::pivot_runtime::__private::callbacks::read::<#module::Request>(body, &event, #name)
                    .map(Self::#variant)
            }
        };
        let mut chain = read(candidates[0]);
        for page in &candidates[1..] {
            let next = read(page);
            chain = quote!(#chain.or_else(|first| #next.map_err(|_| first)));
        }
        quote!(#lit => #chain,)
    });

    let event_arms = pages.iter().map(|page| {
        let variant = ident(&page.variant);
        let field = ident(&page.event.ident);
        let get = match (page.event.optional, page.event_is_enum) {
            (false, _) => quote!(request.#field.as_str()),
            (true, true) => quote!(request.#field.as_ref().map_or("", |e| e.as_str())),
            (true, false) => quote!(request.#field.as_deref().unwrap_or_default()),
        };
        quote!(Self::#variant(request) => #get,)
    });

    let table = by_event.iter().flat_map(|(event, candidates)| {
        candidates.iter().map(move |page| {
            let (event, module) = (Literal::string(event), Literal::string(&page.module.ident));
            quote!((#event, #module))
        })
    });

    let listed = pages.iter().map(|p| format!("`{}`", p.module.ident));
    let doc = Literal::string(&format!(
        " One callback Pivot sends to the merchant's server, read by its `event`.\n\n\
         One variant per callback page ({}), each holding the page's `Request`, and\n\
         [`Callback::Unknown`] for an event no page lists.\n\n\
         Dispatch: an event one page lists reads that page's `Request`; an event\n\
         several pages list is tried on each, the pages whose example shows it first,\n\
         then in module order, and the first whose `Request` reads the body wins\n\
         (the error of the first is returned when none does); an event no page\n\
         lists is kept with its raw body, never an error. A page that lists no\n\
         events is dispatched on the event its example shows.",
        listed.collect::<Vec<_>>().join(", ")
    ));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Callback {
            #(#variants,)*
            /// An event no callback page lists (`PAYMENT.TEST`), with the body
            /// exactly as received.
            Unknown {
                /// The `event` member, as sent.
                event: ::std::string::String,
                /// The raw body.
                body: ::std::string::String,
            },
        }

        impl ::pivot_runtime::Callbacks for Callback {
            const EVENTS: &'static [(&'static str, &'static str)] = &[#(#table),*];

            fn parse(body: &[u8]) -> ::std::result::Result<Self, ::pivot_runtime::CallbackError> {
                let (event, text) = ::pivot_runtime::__private::callbacks::event(body)?;
                match event.as_str() {
                    #(#arms)*
                    _ => ::std::result::Result::Ok(Self::Unknown {
                        event,
                        body: ::std::string::String::from(text),
                    }),
                }
            }

            fn event(&self) -> &str {
                match self {
                    #(#event_arms)*
                    Self::Unknown { event, .. } => event,
                }
            }
        }
    }
}

/// `module` as a callback page, or `None`.
fn page<'a>(module: &'a Module, names: &mut crate::naming::Names) -> Option<Page<'a>> {
    let pivot_url = module.url.as_ref().is_some_and(|u| u.path.is_some());
    if pivot_url || module.call().is_some() || module.object.is_some() {
        return None;
    }
    let request = module.struct_of(&crate::model::Ty::Named(Side::Request.name().into()))?;
    let event = request.fields.iter().find(|f| f.key == "event")?;
    let shown = event.doc.example.as_deref().and_then(json_text);
    let (event_is_enum, mut events) = match module.enum_of(&event.ty) {
        Some(e) => (true, e.variants.iter().map(|v| v.value.clone()).collect()),
        None => (false, Vec::new()),
    };
    if events.is_empty() {
        events.extend(shown.clone());
    }
    let mut seen = std::collections::BTreeSet::new();
    events.retain(|e: &String| seen.insert(e.clone()));
    if events.is_empty() {
        return None;
    }
    let variant = names.claim(&heck::ToUpperCamelCase::to_upper_camel_case(
        module.ident.as_str(),
    ));
    Some(Page {
        module,
        variant,
        events,
        shown,
        event,
        event_is_enum,
    })
}

/// The text of a compact JSON string without escapes (`"PAYMENT.PAID"`).
fn json_text(json: &str) -> Option<String> {
    let inner = json.strip_prefix('"')?.strip_suffix('"')?;
    (!inner.contains(['\\', '"'])).then(|| inner.to_string())
}
