//! Stage 3: from a page's examples and tables to Rust types.
//!
//! The JSON example is the ground truth for shapes; the tables add docs,
//! presence, enum values and constraints where a row can be matched to a
//! member. [`infer`] runs the steps, each a file:
//!
//! 1. [`walk`]: walk each example, recording every object *occurrence* in
//!    page order, with its JSON path;
//! 2. [`rows`]: match table rows to the members they document; a row the
//!    example does not show joins it, and the body is walked again;
//! 3. [`cluster`]: cluster occurrences into types: the elements of one array
//!    are one type, and occurrences with the same name and compatible
//!    shapes are one type;
//! 4. [`fields`]: each type's fields (missing somewhere or `null` ->
//!    optional, conflicting kinds -> `serde_json::Value`, documented values
//!    -> an enum, a credential -> `Secret`, see [`secrets`]);
//! 5. [`fold`]: types of identical shape are one, the others aliases;
//! 6. [`names`]: every type named, in page order, distinct within the module;
//! 7. [`cycles`]: the fields that make a type contain itself are boxed;
//!
//! and [`items`] writes the result out. [`params`] adds the page's query,
//! headers and call; [`constraints`] reads the rules the rows state once
//! the page's types are final (after the link stage).

mod cluster;
mod constraints;
mod cycles;
mod fields;
mod fold;
mod items;
mod names;
mod params;
mod rows;
pub mod secrets;
mod walk;

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Example, Module, Row, Side};
use crate::parse::describe;
use crate::parse::json;
use crate::parse::page::Page;

pub use constraints::ObjectRuleBroken;
#[cfg(feature = "wire")]
pub use constraints::{Judged, judge};
pub use fields::always_sent;
pub use walk::MAX_STRUCT_MEMBERS;

/// Decides the types of one page: its bodies walked into occurrences of
/// objects, occurrences clustered into types, types named and written out as
/// items, then the page's query, headers and call. The constraints its rows
/// state are read once links are applied ([`constraints`]).
pub fn infer(page: &Page, ident: &str, file: &str) -> Module {
    let free_form = free_form_keys(page);
    let mut walker = walk::Walker::new(&free_form);
    let bodies = walk_bodies(page, &mut walker);
    let occs = &walker.occs;
    let clusters = cluster::cluster(occs, &walker.same_type);
    let mut builder = fields::TypeBuilder {
        occs,
        clusters: &clusters,
        rows: &bodies.rows_by_side,
        enums: Vec::new(),
    };
    let fields: Vec<Vec<fields::RawField>> =
        clusters.list.iter().map(|c| builder.fields(c)).collect();
    let roots: Vec<(Side, fields::RawTy, &walk::Shape)> = bodies
        .roots
        .iter()
        .map(|(side, shape)| {
            (
                *side,
                builder.shape_ty(std::slice::from_ref(&shape)).0,
                shape,
            )
        })
        .collect();
    let enums = builder.enums;
    let folded = fold::fold_identical(&clusters, &fields);
    let names = names::assign_names(occs, &clusters, &fields, &enums);
    let typed = items::Typed {
        occs,
        clusters: &clusters,
        fields: &fields,
        enums: &enums,
        folded: &folded,
        names: &names,
    };
    let mut module = Module {
        items: items::items(&typed, &roots),
        ident: ident.to_string(),
        file: file.to_string(),
        title: page.title.clone(),
        summary: page.summary.clone(),
        method: page.method.clone(),
        url: page.url.clone(),
        params: page.params.clone(),
        examples: bodies.examples,
        unmatched: bodies.unmatched,
        object: None,
        linked: BTreeMap::new(),
    };
    params::apply(page, &mut module);
    module
}

/// Reads the constraints the rows of `module`'s own structs state, once
/// its types are final (after links, which bring object pages' rows), and
/// returns what the page's examples break of the linked object pages' rules.
pub fn constraints(module: &mut Module) -> Vec<ObjectRuleBroken> {
    constraints::apply(module)
}

/// The last path segment of every row whose description calls its member
/// free-form: such members stay maps wherever they appear.
fn free_form_keys(page: &Page) -> BTreeSet<String> {
    [&page.request, &page.response]
        .into_iter()
        .flatten()
        .flat_map(|body| &body.fields)
        .filter(|row| describe::is_free_form(&row.description))
        .filter_map(|row| row.path().last().map(|s| s.to_string()))
        .collect()
}

/// What walking a page's bodies found.
struct Bodies<'p> {
    /// Each body's root shape.
    roots: Vec<(Side, walk::Shape)>,
    /// The example bodies as strict JSON.
    examples: Vec<Example>,
    /// Table rows that document nothing in the examples.
    unmatched: Vec<(Side, Row)>,
    rows_by_side: BTreeMap<Side, &'p [Row]>,
}

/// Steps 1 and 2 for each body: walks its example (or, without one, a
/// stand-in built from its table) and matches its table rows to the
/// members found; the rows the example does not show join it as members
/// sent in some cases only, and the body is walked again.
fn walk_bodies<'p>(page: &'p Page, walker: &mut walk::Walker<'_>) -> Bodies<'p> {
    let mut bodies = Bodies {
        roots: Vec::new(),
        examples: Vec::new(),
        unmatched: Vec::new(),
        rows_by_side: BTreeMap::new(),
    };
    for body in [&page.request, &page.response].into_iter().flatten() {
        let side = body.side;
        bodies.rows_by_side.insert(side, &body.fields);
        let synthetic;
        let example = match &body.example {
            Some(example) => {
                bodies.examples.push(Example {
                    side,
                    json: json::to_strict_string(example),
                });
                example
            }
            None if body.fields.is_empty() => continue,
            None => {
                synthetic = rows::example_from_rows(&body.fields);
                &synthetic
            }
        };
        let first_occ = walker.occs.len();
        let mut shape = walker.walk_body(example, side);
        let mut matched = rows::match_rows(&mut walker.occs, first_occ, &body.fields);
        let mut documented = example.clone();
        let added = matched
            .missed()
            .filter_map(|r| {
                let (at, key) =
                    rows::placement(&walker.occs, first_occ, (&body.fields, side), &matched, r)?;
                Some((at, key, r))
            })
            .filter(|(at, key, r)| {
                rows::add_member(&mut documented, &at.steps, key, &body.fields[*r])
            })
            .count();
        if added > 0 {
            walker.forget_from(first_occ);
            shape = walker.walk_body(&documented, side);
            matched = rows::match_rows(&mut walker.occs, first_occ, &body.fields);
        }
        bodies
            .unmatched
            .extend(matched.missed().map(|r| (side, body.fields[r].clone())));
        bodies.roots.push((side, shape));
    }
    bodies
}
