//! Which pages are object pages, what type each documents, and in which
//! order they are linked: an object page that links another (a payment
//! session holds a customer) is linked after it, so that it names the
//! other's finished type.

use std::collections::BTreeMap;

use crate::diag::{Ctxt, Pos};
use crate::model::{Item, Module};

/// An object page: the type its table documents, and how pages link it.
#[derive(Debug, Clone)]
pub struct ObjectPage {
    /// `refund-object`.
    pub slug: String,
    /// The type's name, from the title (`Refund`).
    pub name: String,
    /// Its page, as an index into the pages.
    pub page: usize,
    /// The struct of that page its table documents, by its name there.
    pub item: String,
}

/// Object pages are titled `<Name> Object` and have no method. The first
/// page of a name keeps it; another of the same name is said to be ignored.
pub fn find(modules: &[Module], cxs: &mut [Ctxt]) -> Vec<ObjectPage> {
    let mut pages: Vec<ObjectPage> = Vec::new();
    for (m, module) in modules.iter().enumerate() {
        let Some(title) = module.title.as_deref().map(str::trim) else {
            continue;
        };
        let Some(stem) = strip_suffix_ignore_case(title, " object") else {
            continue;
        };
        if module.method.is_some() || stem.is_empty() {
            continue;
        }
        let Some(item) = documented_struct(module) else {
            continue;
        };
        let name = crate::naming::type_ident(stem);
        let slug = slug(title);
        if let Some(first) = pages.iter().find(|p| p.name == name || p.slug == slug) {
            cxs[m].warning(
                Pos::new(1, 1),
                format!(
                    "`{title}` documents `{name}`, which `{}` already does: this page's types are its own, and links to `{slug}` use the other page",
                    modules[first.page].file
                ),
            );
            continue;
        }
        pages.push(ObjectPage {
            slug,
            name,
            page: m,
            item,
        });
    }
    pages
}

/// The struct holding the table's first row: an object page's example may
/// wrap the object in one member (`{"customer": {...}}`), and rows after
/// an array's row document its items, so neither the root nor the struct
/// with the most rows is always the object.
fn documented_struct(module: &Module) -> Option<String> {
    module
        .structs()
        .filter_map(|s| {
            let first = s
                .fields
                .iter()
                .filter_map(|f| f.doc.row.as_ref().map(|r| r.pos))
                .min()?;
            Some((first, s.name.clone()))
        })
        .min()
        .map(|(_, name)| name)
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix))
        .then(|| text[..cut].trim())
}

/// `Payment Session Object` -> `payment-session-object`.
pub fn slug(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// `payment-session-object` -> `Payment Session Object`.
pub fn title_of(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The slugs of the object pages a page links: from rows of its members
/// (`amount-object`) and rows named after an object (`Refund`), each with
/// the row's position, in page order.
pub fn links(module: &Module) -> Vec<(String, Pos)> {
    let mut out: Vec<(String, Pos)> = Vec::new();
    for item in &module.items {
        let Item::Struct(s) = item else { continue };
        for f in &s.fields {
            if let Some(row) = &f.doc.row
                && let Some(slug) = row.linked_slug()
            {
                out.push((slug, row.pos));
            }
        }
    }
    for (_, row) in &module.unmatched {
        if let Some(slug) = row.names_object() {
            out.push((slug, row.pos));
        }
    }
    out.sort_by_key(|(_, pos)| *pos);
    out
}

/// The object pages in the order to link them: each after those it links.
/// A link that closes a cycle cannot be followed; it is returned, (page,
/// slug), for the page to say so.
pub fn order(modules: &[Module], objects: &[ObjectPage]) -> (Vec<usize>, Vec<(usize, String)>) {
    let by_slug: BTreeMap<&str, usize> = objects
        .iter()
        .enumerate()
        .map(|(o, p)| (p.slug.as_str(), o))
        .collect();
    let edges: Vec<Vec<(usize, String)>> = objects
        .iter()
        .map(|p| {
            links(&modules[p.page])
                .into_iter()
                .filter_map(|(slug, _)| by_slug.get(slug.as_str()).map(|&o| (o, slug)))
                .filter(|(o, _)| objects[*o].page != p.page)
                .collect()
        })
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; objects.len()];
    let mut order = Vec::new();
    let mut cycles = Vec::new();
    // Iterative depth-first search: (object, next edge to follow).
    for start in 0..objects.len() {
        if marks[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        marks[start] = Mark::Open;
        while let Some(&mut (o, ref mut next)) = stack.last_mut() {
            match edges[o].get(*next) {
                Some((target, slug)) => {
                    *next += 1;
                    match marks[*target] {
                        Mark::New => {
                            marks[*target] = Mark::Open;
                            stack.push((*target, 0));
                        }
                        Mark::Open => cycles.push((objects[o].page, slug.clone())),
                        Mark::Done => {}
                    }
                }
                None => {
                    marks[o] = Mark::Done;
                    order.push(o);
                    stack.pop();
                }
            }
        }
    }
    (order, cycles)
}
