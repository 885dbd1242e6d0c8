//! `validate()` for every generated type: the constraints the page documents
//! (read by the infer stage into each field's `doc.constraints`) checked on a value and everything nested in it,
//! each violation reported with its JSON path.
//!
//! Only types with a constraint somewhere below them get a walk (`__check`);
//! the others answer `Ok(())` at once, so the checks cost nothing where the
//! page documents nothing.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::model::{Enum, Field, Item, Module, Rule, Struct, Ty};

/// The `validate` impls of one page's types: a walk for each struct with a
/// constraint in it, and one line for all the others (the runtime's
/// `__no_constraints!`, which gives each an always-`Ok` `validate()`).
pub fn module(module: &Module) -> TokenStream {
    let walked = walked_structs(module);
    let mut unconstrained = Vec::new();
    let mut impls = TokenStream::new();
    for item in &module.items {
        match item {
            Item::Struct(s) if walked.contains(&Ty::Named(s.name.clone())) => {
                impls.extend(structure(module, &walked, s));
            }
            Item::Struct(Struct { name, .. }) | Item::Enum(Enum { name, .. }) => {
                unconstrained.push(ident(name));
            }
            Item::Alias(_) => {}
        }
    }
    if !unconstrained.is_empty() {
        impls.extend(quote!(::pivot_runtime::__no_constraints!(#(#unconstrained),*);));
    }
    impls
}

/// The structs with a checked constraint in them or anywhere below them,
/// this page's and the linked pages' (whose own modules give them the same
/// walk), each as the type that names it.
fn walked_structs(module: &Module) -> BTreeSet<Ty> {
    let own = module.structs().map(|s| (Ty::Named(s.name.clone()), s));
    let linked = module.linked.iter().filter_map(|(at, item)| match item {
        Item::Struct(s) => Some((Ty::Linked(at.clone()), s)),
        _ => None,
    });
    let structs: Vec<(Ty, &Struct)> = own.chain(linked).collect();
    let mut walked: BTreeSet<Ty> = structs
        .iter()
        .filter(|(_, s)| {
            s.at_least_one.iter().any(|r| r.is_checked())
                || s.fields.iter().any(|f| f.checked_rules().next().is_some())
        })
        .map(|(ty, _)| ty.clone())
        .collect();
    // A fixpoint, because types can contain themselves.
    loop {
        let before = walked.len();
        for (ty, s) in &structs {
            if !walked.contains(ty)
                && s.fields
                    .iter()
                    .any(|f| reaches(module, &walked, &f.full_ty()))
            {
                walked.insert(ty.clone());
            }
        }
        if walked.len() == before {
            return walked;
        }
    }
}

/// The named struct type inside `ty`, through aliases.
fn struct_type<'m>(module: &'m Module, ty: &'m Ty) -> Option<&'m Ty> {
    let named = module.resolve(ty.innermost());
    module.struct_of(named).map(|_| named)
}

fn reaches(module: &Module, walked: &BTreeSet<Ty>, ty: &Ty) -> bool {
    struct_type(module, ty).is_some_and(|ty| walked.contains(ty))
}

fn structure(module: &Module, walked: &BTreeSet<Ty>, item: &Struct) -> TokenStream {
    let name = ident(&item.name);
    let fields = item.fields.iter().map(|f| field_checks(module, walked, f));
    let either = at_least_one(item);
    quote! {
        impl #name {
            /// Checks the constraints the page documents for this type and
            /// everything in it (listed in the fields' docs), and returns every
            /// violation, each with its JSON path.
            pub fn validate(&self) -> Result<(), ::pivot_runtime::ValidationErrors> {
                let mut check = ::pivot_runtime::__private::Check::default();
                self.__check(&mut check);
                check.finish()
            }

            #[doc(hidden)]
            pub fn __check(&self, check: &mut ::pivot_runtime::__private::Check) {
                #(#fields)*
                #either
            }
        }
    }
}

fn field_checks(module: &Module, walked: &BTreeSet<Ty>, field: &Field) -> TokenStream {
    let slot = ident(&field.ident);
    let key = Literal::string(&field.key);
    let rules: Vec<TokenStream> = field
        .checked_rules()
        .filter_map(|rule| rule_check(rule, &key, &field.ty))
        .collect();
    let own = if rules.is_empty() {
        TokenStream::new()
    } else if field.optional {
        quote! {
            if let Some(value) = &self.#slot {
                #(#rules)*
            }
        }
    } else {
        quote! {
            {
                let value = &self.#slot;
                #(#rules)*
            }
        }
    };
    let nested = descend(module, walked, quote!(self.#slot), &field.full_ty())
        .map(|walk| {
            quote! {
                check.enter(#key);
                #walk
                check.leave();
            }
        })
        .unwrap_or_default();
    quote!(#own #nested)
}

/// The call that checks one rule on `value`, a reference to the field's value.
fn rule_check(rule: &Rule, key: &Literal, ty: &Ty) -> Option<TokenStream> {
    let n = |n: &usize| Literal::usize_unsuffixed(*n);
    // A secret is read only for the check; a violation names the path and
    // the rule, never the value.
    let text = if *ty == Ty::Secret {
        quote!(value.expose_secret())
    } else {
        quote!(value.as_str())
    };
    Some(match *rule {
        Rule::Chars { ref min, ref max } => {
            let (min, max) = (n(min), n(max));
            quote!(check.chars(#key, #text, #min, #max);)
        }
        Rule::Items { ref min, ref max } => {
            let (min, max) = (n(min), n(max));
            quote!(check.items(#key, value.len(), #min, #max);)
        }
        Rule::Digits { ref min, ref max } => {
            let (min, max) = (n(min), n(max));
            let unsigned = if *ty == Ty::U64 {
                quote!(*value)
            } else {
                quote!(value.unsigned_abs())
            };
            quote!(check.digits(#key, #unsigned, #min, #max);)
        }
        Rule::Decimal {
            ref digits,
            ref fraction,
        } => {
            let (digits, fraction) = (n(digits), n(fraction));
            quote!(check.decimal(#key, #text, #digits, #fraction);)
        }
        Rule::Alphanumeric => quote!(check.alphanumeric(#key, #text);),
        Rule::Numeric => quote!(check.numeric(#key, #text);),
        // A struct's, checked by `at_least_one`; no field holds one, and a
        // rule the runtime gains is read into no field before it has a check.
        _ => return None,
    })
}

/// The walk into the structs inside `value` (a place, or a reference to
/// one) that have checks.
fn descend(
    module: &Module,
    walked: &BTreeSet<Ty>,
    value: TokenStream,
    ty: &Ty,
) -> Option<TokenStream> {
    Some(match ty {
        Ty::Named(_) | Ty::Linked(_) => {
            struct_type(module, ty).filter(|ty| walked.contains(*ty))?;
            quote!(#value.__check(check);)
        }
        Ty::Vec(inner) => {
            let walk = descend(module, walked, quote!(item), inner)?;
            quote! {
                for (index, item) in #value.iter().enumerate() {
                    check.enter_index(index);
                    #walk
                    check.leave();
                }
            }
        }
        Ty::Dict(inner) => {
            let walk = descend(module, walked, quote!(item), inner)?;
            quote! {
                for (key, item) in #value.iter() {
                    check.enter(key);
                    #walk
                    check.leave();
                }
            }
        }
        Ty::Option(inner) => {
            let walk = descend(module, walked, quote!(item), inner)?;
            quote! {
                if let Some(item) = &#value {
                    #walk
                }
            }
        }
        // A method call looks through the box.
        Ty::Box(inner) => descend(module, walked, value, inner)?,
        _ => return None,
    })
}

/// One check per either-or rule of the struct that its examples keep.
fn at_least_one(item: &Struct) -> TokenStream {
    item.at_least_one
        .iter()
        .filter(|rule| rule.is_checked())
        .map(|rule| {
            let fields: Vec<&Field> = rule
                .keys
                .iter()
                .filter_map(|key| item.fields.iter().find(|f| &f.key == key))
                .collect();
            let keys = fields.iter().map(|f| Literal::string(&f.key));
            let present = fields.iter().map(|f| {
                let slot = ident(&f.ident);
                quote!(self.#slot.is_some())
            });
            quote!(check.at_least_one(&[#(#keys),*], &[#(#present),*]);)
        })
        .collect()
}
