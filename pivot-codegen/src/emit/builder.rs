//! Builders: `T::builder()` for every generated struct a call sends (or
//! every struct, as [`Builders`] says), one setter per field.
//!
//! An optional field's setter takes [`IntoOption`]: the value, or an
//! `Option` of it whose `None` leaves the field out, so one function serves
//! both. A struct whose fields are all optional derives `Default`, and its
//! builder is that value being filled in: no state, no second copy of the
//! field list.
//!
//! A struct with required fields gets a typestate builder with one state
//! parameter: a tuple with one marker per required field, `Unset` until its
//! setter runs and `Set` after (tuples of tuples past 32 required fields, so
//! every tuple stays within what the runtime implements). A setter names
//! only its own position: its return type is the state with that position
//! replaced (`pivot_runtime`'s `Replace`), so the code grows with the number
//! of fields, not with its square. `build()` asks the runtime's one
//! `Required<Type, field>` diagnostic of each marker, which only `Set` has; a
//! forgotten field reads "missing required field `amount` when building
//! `Request`". Its values wait in one struct of `Option`s.
//!
//! Everything here lives in a `builders` module inside the page's module: a
//! module cannot clash with a generated type (those are PascalCase), and the
//! model types are named through `super::`, so no name inside can hide one.
//! The only other names in it are `XBuilder`, `XValues` and the few imported
//! below, so the prelude's names (`Option`, `Some`, `String`) mean what they
//! say there, which keeps the builders short to read.
//!
//! [`IntoOption`]: pivot_runtime::IntoOption

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::Builders;
use super::tokens::{doc_attrs, ident, ty_naming};
use crate::model::{Field, Module, Struct, Ty};
use crate::naming::Names;

/// The widest tuple of a builder state; `pivot_runtime::__private`
/// implements `Get` and `Replace` up to this width.
const WIDTH: usize = pivot_runtime::__private::STATE_WIDTH;

/// `builders`, with one builder per struct of the module; nothing for a
/// module without structs of its own, unless the test hooks need its
/// `CHECKS` (its examples may be of re-exported types).
pub fn module(module: &Module, builders: Builders, test_hooks: bool) -> TokenStream {
    // Linked pages' types have their builders in their own modules.
    let own: Vec<&Struct> = module
        .structs()
        .filter(|s| builders.covers(module, s))
        .collect();
    if own.is_empty() && !test_hooks {
        return TokenStream::new();
    }
    let builders = own.iter().map(|s| builder(s));
    let hooks = test_hooks.then(|| {
        let rebuilds = own.iter().map(|s| rebuild(module, s));
        let checks = checks_table(module);
        quote!(#(#rebuilds)* #checks)
    });
    // Only what the builders below name, so the module compiles without
    // warnings when it is pasted as code.
    let optional = own
        .iter()
        .any(|s| s.fields.iter().any(|f| f.optional))
        .then(|| {
            quote!(
                use ::pivot_runtime::IntoOption;
            )
        });
    let required = own.iter().any(|s| !s.all_optional()).then(|| {
        quote! {
            use ::core::marker::PhantomData;
            use ::pivot_runtime::Unset;
            use ::pivot_runtime::__private as rt;
            use super::super::__fields as field;
        }
    });
    quote! {
        /// The builders of this page's types, made by `T::builder()`.
        pub mod builders {
            #optional
            #required
            #(#builders)*
            #hooks
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
    /// One per field: the setter's name.
    setters: Vec<proc_macro2::Ident>,
    /// One per field: its position in the state, for a required one.
    positions: Vec<Option<usize>>,
    /// How many fields are required.
    required: usize,
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
        let mut required = 0;
        let positions = item
            .fields
            .iter()
            .map(|f| {
                (!f.optional).then(|| {
                    required += 1;
                    required - 1
                })
            })
            .collect();
        BuilderNames {
            item,
            builder: format_ident!("{}Builder", item.name),
            setters,
            positions,
            required,
        }
    }

    /// Tuple levels of the state: 1 up to `WIDTH` required fields, 2 up to
    /// `WIDTH` squared, and so on.
    fn depth(&self) -> u32 {
        let mut depth = 1;
        while WIDTH.pow(depth) < self.required {
            depth += 1;
        }
        depth
    }
}

/// The state type with `leaf(i)` at position `i`, for positions `lo..hi`
/// at `level` tuple levels.
fn state(lo: usize, hi: usize, level: u32, leaf: &dyn Fn(usize) -> TokenStream) -> TokenStream {
    if level == 0 {
        return leaf(lo);
    }
    let chunk = WIDTH.pow(level - 1);
    let parts = (lo..hi)
        .step_by(chunk)
        .map(|start| state(start, hi.min(start + chunk), level - 1, leaf));
    quote!((#(#parts,)*))
}

/// The state `from` with position `at` (its index at each level, outermost
/// first) marked `Set`, and the bounds that type needs beyond the builder's
/// own `S: rt::State`.
fn set_at(from: TokenStream, at: &[usize], bounds: &mut Vec<TokenStream>) -> TokenStream {
    let Some((first, rest)) = at.split_first() else {
        return quote!(::pivot_runtime::Set);
    };
    if rest.is_empty() {
        let set = format_ident!("Set{}", first);
        return quote!(<#from as rt::State>::#set);
    }
    let first = Literal::usize_unsuffixed(*first);
    if let [last] = rest {
        let last = Literal::usize_unsuffixed(*last);
        bounds.push(quote!(#from: rt::SetIn<#first, #last>));
        return quote!(<#from as rt::SetIn<#first, #last>>::Out);
    }
    let inner = quote!(<#from as rt::Get<#first>>::Out);
    bounds.push(quote!(#from: rt::Get<#first>));
    bounds.push(quote!(#inner: rt::State));
    let replacement = set_at(inner, rest, bounds);
    bounds.push(quote!(#from: rt::Replace<#first, #replacement>));
    quote!(<#from as rt::Replace<#first, #replacement>>::Out)
}

fn builder(item: &Struct) -> TokenStream {
    let names = BuilderNames::new(item);
    let name = ident(&item.name);
    let builder = &names.builder;
    let doc = doc_attrs(&[builder_doc(item)]);
    let must_use = Literal::string(&format!("call `.build()` to make the `{}`", item.name));
    let setters = item
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| setter(&names, i, f));
    let builder_fn_doc = Literal::string(&format!(
        " A builder for `{}`, with no field set yet.",
        item.name
    ));
    if item.all_optional() {
        let build_doc = Literal::string(&format!(" The `{}`.", item.name));
        return quote! {
            #doc
            #[must_use = #must_use]
            pub struct #builder(super::#name);

            impl super::#name {
                #[doc = #builder_fn_doc]
                pub fn builder() -> #builder {
                    #builder(super::#name::default())
                }
            }

            impl #builder {
                #(#setters)*

                #[doc = #build_doc]
                pub fn build(self) -> super::#name {
                    self.0
                }
            }
        };
    }
    let values = format_ident!("{}Values", item.name);
    let field_idents: Vec<proc_macro2::Ident> =
        item.fields.iter().map(|f| ident(&f.ident)).collect();
    let slot_tys = item.fields.iter().map(|f| ty(&f.written_ty()));
    let unset = state(0, names.required, names.depth(), &|_| quote!(Unset));
    let build = build(&names, &values);
    quote! {
        #doc
        #[must_use = #must_use]
        pub struct #builder<S = #unset>(#values, PhantomData<S>);

        struct #values {
            #(#field_idents: Option<#slot_tys>,)*
        }

        impl super::#name {
            #[doc = #builder_fn_doc]
            pub fn builder() -> #builder {
                #builder(#values { #(#field_idents: None),* }, PhantomData)
            }
        }

        impl<S: rt::State> #builder<S> {
            #(#setters)*
        }

        #build
    }
}

/// The builder's one line of docs: where to start, what `.build()` waits
/// for, and what an optional field's setter takes.
fn builder_doc(item: &Struct) -> String {
    let mut doc = format!(
        "Builds a [`{0}`](super::{0}), from `{0}::builder()`",
        item.name
    );
    let required: Vec<String> = item.required().map(|f| format!("`{}`", f.ident)).collect();
    match required.len() {
        0 => doc.push_str("; every field is optional"),
        1 => doc.push_str(&format!(
            "; `.build()` compiles once {} is set",
            required[0]
        )),
        _ => doc.push_str(&format!(
            "; `.build()` compiles once {} are set",
            required.join(", ")
        )),
    }
    if item.fields.iter().any(|f| f.optional) {
        doc.push_str(
            "; an optional field's setter takes the value or an `Option` (`None` leaves the field out)",
        );
    }
    doc.push('.');
    doc
}

/// What a required field's setter takes, and how the stored value is made
/// from it: text and credentials from anything that converts.
fn argument(field: &Field) -> (TokenStream, TokenStream) {
    let value = quote!(value);
    let stored = if field.boxed {
        quote!(Box::new(#value))
    } else {
        value
    };
    match field.ty {
        Ty::String | Ty::Secret if !field.boxed => {
            let ty = ty(&field.ty);
            (quote!(impl Into<#ty>), quote!(value.into()))
        }
        _ => (ty(&field.ty), stored),
    }
}

/// A one-line doc: what the setter sets, linked to the field's own docs.
fn setter_doc(item: &Struct, field: &Field, what: &str) -> Literal {
    Literal::string(&format!(
        " Sets [`{0}`](super::{1}::{0}){what}.",
        field.ident, item.name
    ))
}

fn setter(names: &BuilderNames<'_>, index: usize, field: &Field) -> TokenStream {
    let setter = &names.setters[index];
    let slot = ident(&field.ident);
    // The all-optional builder holds the value itself; the others their
    // values struct, every slot an `Option`.
    let Some(position) = names.positions[index] else {
        let doc = setter_doc(names.item, field, "");
        let inner = ty(&field.ty);
        let stored = if field.boxed {
            quote!(value.into_option().map(Box::new))
        } else {
            quote!(value.into_option())
        };
        return quote! {
            #[doc = #doc]
            pub fn #setter(mut self, value: impl IntoOption<#inner>) -> Self {
                self.0.#slot = #stored;
                self
            }
        };
    };
    let (arg, stored) = argument(field);
    let doc = setter_doc(names.item, field, " (required)");
    let builder = &names.builder;
    // The position's index at each tuple level, outermost first.
    let depth = names.depth();
    let at: Vec<usize> = (0..depth)
        .rev()
        .map(|level| position / WIDTH.pow(level) % WIDTH)
        .collect();
    let mut bounds = Vec::new();
    let after = if let [only] = at[..] {
        // A flat state: the builder's own bound says it all.
        let set = format_ident!("Set{}", only);
        quote!(S::#set)
    } else {
        set_at(quote!(S), &at, &mut bounds)
    };
    let bounds = (!bounds.is_empty()).then(|| quote!(where #(#bounds,)*));
    quote! {
        #[doc = #doc]
        pub fn #setter(mut self, value: #arg) -> #builder<#after>
        #bounds
        {
            self.0.#slot = Some(#stored);
            #builder(self.0, PhantomData)
        }
    }
}

/// `build()` of a builder with required fields: it compiles only for a
/// state in which every marker is `Set`.
fn build(names: &BuilderNames<'_>, values: &proc_macro2::Ident) -> TokenStream {
    let name = ident(&names.item.name);
    let builder = &names.builder;
    let params: Vec<proc_macro2::Ident> = (0..names.required)
        .map(|i| format_ident!("T{}", i))
        .collect();
    let shape = state(0, names.required, names.depth(), &|i| {
        let param = &params[i];
        quote!(#param)
    });
    let bounds = params
        .iter()
        .zip(names.item.required())
        .map(|(param, field)| {
            let field = ident(&field.ident);
            quote!(#param: rt::Required<super::#name, field::#field>)
        });
    let slots: Vec<proc_macro2::Ident> =
        names.item.fields.iter().map(|f| ident(&f.ident)).collect();
    let fields = slots
        .iter()
        .zip(&names.positions)
        .map(|(slot, position)| match position {
            Some(_) => quote!(#slot: rt::take(#slot)),
            None => quote!(#slot),
        });
    let doc = Literal::string(&format!(
        " The `{}`. Compiles only once every required field is set.",
        names.item.name
    ));
    quote! {
        impl<#(#params),*> #builder<#shape> {
            #[doc = #doc]
            pub fn build(self) -> super::#name
            where
                #(#bounds,)*
            {
                let #values { #(#slots),* } = self.0;
                super::#name { #(#fields,)* }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Test hooks: rebuild a value through the builders.

/// `__rebuild(self) -> Self`: the value made again by its builder, nested
/// values through theirs, so a data-driven test can compare it with the
/// original.
fn rebuild(module: &Module, item: &Struct) -> TokenStream {
    let names = BuilderNames::new(item);
    let name = ident(&item.name);
    // Every setter in field order; an optional one gets the `Option` as it
    // is, so both of what it takes are exercised.
    let setters = item.fields.iter().zip(&names.setters).map(|(f, setter)| {
        let slot = ident(&f.ident);
        let value = if f.optional {
            let unboxed = if f.boxed {
                quote!((*value))
            } else {
                quote!(value)
            };
            let inner = rebuilt(module, &f.ty, unboxed);
            if f.boxed || module.contained_struct(&f.ty).is_some() {
                quote!(self.#slot.map(|value| #inner))
            } else {
                quote!(self.#slot)
            }
        } else {
            let value = if f.boxed {
                quote!((*self.#slot))
            } else {
                quote!(self.#slot)
            };
            rebuilt(module, &f.ty, value)
        };
        quote!(.#setter(#value))
    });
    quote! {
        impl super::#name {
            #[doc(hidden)]
            pub fn __rebuild(self) -> Self {
                Self::builder() #(#setters)* .build()
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
            quote!(Box::new(#item))
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
                    return Err(format!(
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
        pub const CHECKS: &[(&str, &str, fn(&str) -> Result<(), String>)] = &[
            #(#entries),*
        ];
    }
}
