//! Stage 3b: object pages are the contract of the types pages share.
//!
//! An object page (`Refund Object`) documents a type (`Refund`); other pages
//! link it by its slug (`refund-object`), from the row of a member or from
//! a row named after the object. After every page is inferred on its own:
//!
//! 1. the object pages are found ([`objects`]) and linked first, each after
//!    the object pages it links, so each names the others' finished types;
//! 2. on every page, each link is applied ([`conform`]): where the page's
//!    struct reads as the object's type, the struct becomes that type (its
//!    name stays, an alias); where it does not, it stays the page's own,
//!    documented by the object page where the page says nothing, and the
//!    page is told why;
//! 3. a row named after an object (`Refund`, `refund-object`) stands for
//!    the body member holding the object (`data`, or its items), or for
//!    the whole body when there is no such member; a request body that is
//!    the object has the object's members, but those only responses carry.
//!
//! Nothing here looks at a page the linking page does not link: a page's
//! types are a function of that page and the object pages it links,
//! directly or through other object pages. Adding, changing or removing an
//! endpoint page changes no other page's types, and an object page's type
//! is the same whichever pages use it.

mod conform;
mod objects;

use std::collections::BTreeSet;

use crate::diag::{Ctxt, Pos};
use crate::model::{Item, ItemRef, Module, ObjectType, Side, Ty};

/// Links every page of `modules` (in page order, one diagnostics context
/// each) to the object pages among them.
pub fn link(modules: &mut [Module], cxs: &mut [Ctxt]) {
    let objects = objects::find(modules, cxs);
    let (order, cycles) = objects::order(modules, &objects);
    let mut done: BTreeSet<usize> = BTreeSet::new();
    for o in order {
        let page = objects[o].page;
        name_object(&mut modules[page], &objects[o]);
        link_page(modules, page, &objects, &done, &mut cxs[page]);
        done.insert(page);
    }
    for (page, slug) in cycles {
        cxs[page].warning(
            Pos::new(1, 1),
            format!(
                "this object page links `{slug}`, which links back to it: that link is not followed, its member keeps a type of its own"
            ),
        );
    }
    for (m, cx) in cxs.iter_mut().enumerate() {
        if !objects.iter().any(|o| o.page == m) {
            link_page(modules, m, &objects, &done, cx);
        }
    }
}

/// An object page's module knows its object, and the object's struct has
/// the object's name (`Response` becomes `Refund`, and `Response` stays, an
/// alias), unless another type of the page has that name.
fn name_object(module: &mut Module, object: &objects::ObjectPage) {
    let mut name = object.item.clone();
    if object.item != object.name && module.item(&object.name).is_none() {
        rename(module, &object.item, &object.name);
        name = object.name.clone();
    }
    module.object = Some(ObjectType {
        name: object.name.clone(),
        slug: object.slug.clone(),
        item: name,
    });
}

/// Renames the item `old` to `new`, every reference with it; `old` stays,
/// an alias of `new`, just after it.
fn rename(module: &mut Module, old: &str, new: &str) {
    let Some(at) = module.items.iter().position(|i| i.name() == old) else {
        return;
    };
    for item in &mut module.items {
        item.rename_refs(old, new);
    }
    let origins = module.items[at].origins().to_vec();
    module.items[at].set_name(new);
    module.items.insert(
        at + 1,
        Item::Alias(crate::model::Alias {
            name: old.to_string(),
            origins,
            target: Ty::Named(new.to_string()),
        }),
    );
}

/// Where a link puts an object's type.
enum Slot {
    /// A struct's member (`Response.data`, `Request.amount`).
    Field { owner: String, index: usize },
    /// A whole body: the page's `Request` or `Response`.
    Body(Side),
}

/// One link of a page to an object page.
struct Link<'o> {
    object: &'o objects::ObjectPage,
    slot: Slot,
    /// The row that links.
    pos: Pos,
    /// How messages name what links (`amount`, `Refund`).
    what: String,
}

fn link_page(
    modules: &mut [Module],
    m: usize,
    objects: &[objects::ObjectPage],
    done: &BTreeSet<usize>,
    cx: &mut Ctxt,
) {
    let links = find_links(&modules[m], m, objects, cx);
    // Where to say that an example breaks an object page's rule: the row
    // that links that page (else the page's first link).
    let link_rows: Vec<(String, Pos)> = links
        .iter()
        .map(|l| (modules[l.object.page].ident.clone(), l.pos))
        .collect();
    // Every link that holds is applied before any page type takes an
    // object's documentation: a struct that stays the page's own must not
    // change shape while another link still compares it.
    let mut kept_apart = Vec::new();
    for link in &links {
        if !done.contains(&link.object.page) {
            // A cycle among object pages, said once by `link`.
            continue;
        }
        let (home, module) = pair(modules, link.object.page, m);
        let target = import(module, home, &home_item(home, link.object));
        if let Some(apart) = try_link(module, link, &target) {
            kept_apart.push((link, target, apart));
        }
    }
    let module = &mut modules[m];
    for (link, target, apart) in kept_apart {
        document_apart(module, link, &target, apart, cx);
    }
    prune_linked(module);
    // The page's types are final: the rules their rows state can be read,
    // before a page that links this one copies them.
    for broken in crate::infer::constraints(module) {
        let pos = link_rows
            .iter()
            .find(|(page, _)| *page == broken.object.module)
            .or(link_rows.first())
            .map_or_else(|| Pos::new(1, 1), |(_, pos)| *pos);
        cx.warning(
            pos,
            format!(
                "the example has `{}` at `{}`, which breaks the rule of `{}` that the object page `{}` documents ({}): \
                 the object page is the contract, so `validate()` refuses that value; the example may be out of date",
                broken.value, broken.path, broken.key, broken.object, broken.rule
            ),
        );
    }
}

/// `modules[a]` and `modules[b]`, `a != b`, the second mutable.
fn pair(modules: &mut [Module], a: usize, b: usize) -> (&Module, &mut Module) {
    if a < b {
        let (left, right) = modules.split_at_mut(b);
        (&left[a], &mut right[0])
    } else {
        let (left, right) = modules.split_at_mut(a);
        (&right[0], &mut left[b])
    }
}

/// The name of an object's struct in its own (linked) page.
fn home_item(home: &Module, object: &objects::ObjectPage) -> String {
    home.object
        .as_ref()
        .map_or_else(|| object.item.clone(), |o| o.item.clone())
}

/// The links of a page, in page order; links to object pages that are not
/// among the pages are notes saying which page to add.
fn find_links<'o>(
    module: &Module,
    m: usize,
    objects: &'o [objects::ObjectPage],
    cx: &mut Ctxt,
) -> Vec<Link<'o>> {
    let object_of = |slug: &str| objects.iter().find(|o| o.slug == slug);
    let mut links = Vec::new();
    let missing = |what: &str, slug: &str, pos: Pos, cx: &mut Ctxt| {
        cx.note(
            pos,
            format!(
                "`{what}` links `{slug}`, a page not in this set: add the page titled \"{}\" to type it with the object's type",
                objects::title_of(slug)
            ),
        )
    };
    for s in module.structs() {
        for (index, f) in s.fields.iter().enumerate() {
            let Some(row) = &f.doc.row else { continue };
            let Some(slug) = row.linked_slug() else {
                continue;
            };
            match object_of(&slug) {
                // An object page's own struct documents itself.
                Some(object) if object.page == m => {}
                Some(object) => links.push(Link {
                    object,
                    slot: Slot::Field {
                        owner: s.name.clone(),
                        index,
                    },
                    pos: row.pos,
                    what: f.key.clone(),
                }),
                None => missing(&f.key, &slug, row.pos, cx),
            }
        }
    }
    for (side, row) in &module.unmatched {
        let Some(slug) = row.names_object() else {
            continue;
        };
        let Some(object) = object_of(&slug) else {
            missing(&row.name, &slug, row.pos, cx);
            continue;
        };
        if object.page == m {
            continue;
        }
        // The body member that holds the object, or the body itself.
        let slot = match module.item(side.name()) {
            Some(Item::Struct(body)) => match body.fields.iter().position(|f| f.key == "data") {
                Some(index) => Slot::Field {
                    owner: side.name().to_string(),
                    index,
                },
                None => Slot::Body(*side),
            },
            _ => Slot::Body(*side),
        };
        links.push(Link {
            object,
            slot,
            pos: row.pos,
            what: row.name.clone(),
        });
    }
    links.sort_by_key(|l| l.pos);
    links
}

/// Why a link's slot keeps the page's own type.
enum Apart {
    /// The page's struct, and why it is not the object's type.
    Struct(String, conform::Misfit),
    /// What the page has there instead of an object.
    Other(String),
}

/// Types the slot a link names with the object's type, where the page's
/// data reads as it; otherwise says what stays apart.
fn try_link(module: &mut Module, link: &Link<'_>, target: &ItemRef) -> Option<Apart> {
    let (slot_ty, shown) = match &link.slot {
        Slot::Field { owner, index } => match module.item(owner) {
            Some(Item::Struct(s)) => (
                s.fields[*index].ty.clone(),
                s.fields[*index].doc.seen_at.is_some(),
            ),
            _ => return None,
        },
        Slot::Body(side) => (Ty::Named(side.name().to_string()), true),
    };
    let linked = Ty::Linked(target.clone());
    match module.resolve(slot_ty.innermost()).clone() {
        Ty::Linked(at) if at == *target => None,
        Ty::Named(local) if matches!(module.item(&local), Some(Item::Struct(_))) => {
            let mut misfit = None;
            for candidate in candidates(module, &local, target) {
                let mut plan = conform::Plan::default();
                match conform::conform(module, &local, &candidate, &mut plan) {
                    Ok(()) => {
                        conform::apply(module, plan);
                        return None;
                    }
                    Err(why) => {
                        misfit.get_or_insert(why);
                    }
                }
            }
            misfit.map(|why| Apart::Struct(local, why))
        }
        // Documented as an object the example does not show (or shows
        // empty, where the object requires nothing): the object's type says
        // what it holds.
        Ty::Map | Ty::Value
            if !shown || module.struct_of(&linked).is_some_and(|s| s.all_optional()) =>
        {
            if let Slot::Field { owner, index } = &link.slot
                && let Some(Item::Struct(s)) = module.items.iter_mut().find(|i| i.name() == owner)
            {
                let field = &mut s.fields[*index];
                field.ty = retype(&field.ty, &linked);
            }
            None
        }
        Ty::Map => Some(Apart::Other(
            "an example has an object of any members there, which the object's required members would not read".to_string(),
        )),
        other => Some(Apart::Other(format!("the example has `{other}` there"))),
    }
}

/// The object types a page's struct at a link may be: the object's own,
/// or, when the struct shares no member with it, one of the object's
/// members (a request that sends the `withdrawal` part of the Withdrawal
/// object).
fn candidates(module: &Module, local: &str, target: &ItemRef) -> Vec<ItemRef> {
    let mut out = vec![target.clone()];
    let (Some(Item::Struct(own)), Some(object)) = (
        module.item(local),
        module.struct_of(&Ty::Linked(target.clone())),
    ) else {
        return out;
    };
    let shares = |s: &crate::model::Struct| {
        own.fields
            .iter()
            .any(|f| s.fields.iter().any(|t| t.key == f.key))
    };
    if shares(object) {
        return out;
    }
    for f in &object.fields {
        if let Ty::Linked(at) = module.resolve(f.ty.innermost())
            && module
                .struct_of(&Ty::Linked(at.clone()))
                .is_some_and(shares)
        {
            out.push(at.clone());
        }
    }
    out
}

/// Says why a link's slot keeps the page's own type, and documents that
/// type with the object page where the page says nothing.
fn document_apart(
    module: &mut Module,
    link: &Link<'_>,
    target: &ItemRef,
    apart: Apart,
    cx: &mut Ctxt,
) {
    let object = link.object;
    let kept = |why: &dyn std::fmt::Display| {
        format!(
            "`{}` links `{}` ({}), but {why}: it keeps a type of its own, documented by the object page where this page says nothing",
            link.what, object.slug, object.name
        )
    };
    match apart {
        Apart::Other(why) => cx.warning(link.pos, kept(&why)),
        Apart::Struct(local, misfit) => {
            // Another link may have made it an object's type since.
            if !matches!(module.item(&local), Some(Item::Struct(_))) {
                return;
            }
            let whole_request = matches!(link.slot, Slot::Body(Side::Request));
            if whole_request && misfit.only_missing() {
                cx.note(
                    link.pos,
                    format!(
                        "the request body is the {} object (`{}`) as a request sends it: {misfit}, so `{local}` is a type of its own with the object's members, documented by the object page, less those only responses carry",
                        object.name, object.slug
                    ),
                );
            } else {
                cx.warning(link.pos, kept(&misfit));
            }
            conform::adopt(module, &local, target, whole_request);
        }
    }
}

/// `ty` with its innermost type made `to` (`Option<Map>` -> `Option<To>`;
/// an array stays an array).
fn retype(ty: &Ty, to: &Ty) -> Ty {
    match ty {
        Ty::Option(inner) => Ty::Option(Box::new(retype(inner, to))),
        Ty::Box(inner) => Ty::Box(Box::new(retype(inner, to))),
        Ty::Vec(inner) => Ty::Vec(Box::new(retype(inner, to))),
        Ty::Dict(inner) => Ty::Dict(Box::new(retype(inner, to))),
        _ => to.clone(),
    }
}

/// Copies the item `name` of `home` and everything it reaches into
/// `module.linked`, each as `Ty::Linked` of its own page; returns its
/// reference.
fn import(module: &mut Module, home: &Module, name: &str) -> ItemRef {
    let root = ItemRef {
        module: home.ident.clone(),
        name: name.to_string(),
    };
    let mut stack = vec![root.clone()];
    while let Some(at) = stack.pop() {
        if module.linked.contains_key(&at) {
            continue;
        }
        let item = if at.module == home.ident {
            home.item(&at.name)
                .map(|item| item.linked_from(&home.ident))
        } else {
            home.linked.get(&at).cloned()
        };
        let Some(item) = item else { continue };
        stack.extend(item.linked_refs());
        module.linked.insert(at, item);
    }
    root
}

/// Drops the linked items no own item reaches any more (a link tried and
/// not kept, a type replaced by a wider one).
fn prune_linked(module: &mut Module) {
    let mut reached: BTreeSet<ItemRef> = BTreeSet::new();
    let mut stack: Vec<ItemRef> = module.items.iter().flat_map(Item::linked_refs).collect();
    while let Some(at) = stack.pop() {
        if reached.insert(at.clone())
            && let Some(item) = module.linked.get(&at)
        {
            stack.extend(item.linked_refs());
        }
    }
    module.linked.retain(|at, _| reached.contains(at));
}
