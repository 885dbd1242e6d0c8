//! From a page's examples and tables to Rust types.
//!
//! The JSON example is the ground truth for shapes; the tables add docs,
//! presence, enum values and constraints where a row can be matched to a member.
//! The steps, in order:
//!
//! 1. walk each example, recording every object *occurrence* in page order;
//! 2. match table rows to the members they document;
//! 3. cluster occurrences into types: the elements of one array are one type,
//!    and occurrences with the same name and compatible shapes are one type;
//! 4. compute each type's fields (missing somewhere or `null` -> optional,
//!    conflicting kinds -> `serde_json::Value`);
//! 5. fold types of identical shape into one, the others becoming aliases;
//! 6. name everything, in page order, distinct within the module;
//! 7. box the fields that make a type contain itself.
//!
//! A text field that carries a credential ([`secrets`]) is typed `Secret`
//! in step 4.

mod constraints;
mod params;
pub mod secrets;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Pos;
use crate::model::{
    Alias, DocType, Enum, Example, Field, FieldDoc, Item, Module, Presence, Row, Side, Struct, Ty,
    Variant,
};
use crate::naming::{self, Names};
use crate::parse::describe;
use crate::parse::json::{self, Json, JsonKind, NumberKind};
use crate::parse::page::Page;

/// The shape of one value in one example.
#[derive(Debug, Clone)]
enum Shape {
    Null,
    Bool,
    Number {
        kind: NumberKind,
        negative: bool,
    },
    Str,
    /// A non-empty object: an occurrence.
    Object(usize),
    /// An empty or free-form object.
    Map,
    /// An object used as a dictionary (numeric keys, or many members of one
    /// shape): the shapes of its values.
    Dict(Vec<Shape>),
    Array(Vec<Shape>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Bool,
    Number,
    Str,
    Object,
    Array,
}

impl Shape {
    fn kind(&self) -> Option<Kind> {
        Some(match self {
            Shape::Null => return None,
            Shape::Bool => Kind::Bool,
            Shape::Number { .. } => Kind::Number,
            Shape::Str => Kind::Str,
            Shape::Object(_) | Shape::Map | Shape::Dict(_) => Kind::Object,
            Shape::Array(_) => Kind::Array,
        })
    }

    /// The occurrence this member leads into, for rows that follow it.
    fn child(&self) -> Option<usize> {
        match self {
            Shape::Object(o) => Some(*o),
            Shape::Array(items) | Shape::Dict(items) => items.iter().find_map(Shape::child),
            _ => None,
        }
    }
}

/// One step from a body's root to an object: a member's key, or any value
/// of a dictionary. Arrays are crossed without a step: what is said of an
/// array's objects is said of each of them.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    AnyValue,
}

/// One JSON object in one example.
#[derive(Debug)]
struct Occurrence {
    hint: String,
    path: String,
    /// How to reach it from the body's root.
    steps: Vec<Step>,
    parent: Option<usize>,
    side: Side,
    is_root: bool,
    members: Vec<MemberOcc>,
}

#[derive(Debug)]
struct MemberOcc {
    key: String,
    /// Where the key stands in the page (for a member only a table row
    /// documents, where the row starts).
    pos: Pos,
    shape: Shape,
    note: Option<String>,
    example: Option<String>,
    /// Index into the side's table rows.
    row: Option<usize>,
    /// Shown only in a comment of the example: sent in some cases only.
    commented_out: bool,
}

struct Walker<'a> {
    occs: Vec<Occurrence>,
    /// The steps to the value being walked.
    steps: Vec<Step>,
    /// Keys that the tables call free-form objects.
    free_form: &'a BTreeSet<String>,
    /// Occurrence sets that must be one type (the elements of one array).
    same_type: Vec<Vec<usize>>,
}

impl Walker<'_> {
    /// Walks a body's example from its root.
    fn walk_body(&mut self, example: &Json, side: Side) -> Shape {
        // The root's own name belongs to `Request`/`Response`; what a root
        // array or dictionary holds is named after it.
        let root_name = match example.kind {
            JsonKind::Array(_) => naming::element_type_ident(side.name()),
            _ => side.name().to_string(),
        };
        self.walk(
            example,
            &root_name,
            &side.name().to_ascii_lowercase(),
            None,
            side,
        )
    }

    /// Drops the occurrences from `first` on, to walk a body again.
    fn forget_from(&mut self, first: usize) {
        self.occs.truncate(first);
        self.same_type.retain(|set| set.iter().all(|&o| o < first));
    }

    fn walk(
        &mut self,
        json: &Json,
        hint: &str,
        path: &str,
        parent: Option<usize>,
        side: Side,
    ) -> Shape {
        match &json.kind {
            JsonKind::Null => Shape::Null,
            JsonKind::Bool(_) => Shape::Bool,
            JsonKind::Number(raw) => Shape::Number {
                kind: json::number_kind(raw),
                negative: raw.starts_with('-'),
            },
            JsonKind::String(_) => Shape::Str,
            JsonKind::Object(members) if members.is_empty() => Shape::Map,
            JsonKind::Object(members) if too_large_for_a_struct(members) == Some(Large::Mixed) => {
                Shape::Map
            }
            JsonKind::Object(members)
                if looks_like_dictionary(members)
                    || too_large_for_a_struct(members) == Some(Large::OneType) =>
            {
                let values: Vec<&Json> = members.iter().map(|m| &m.value).collect();
                let hint = format!("{hint}Value");
                self.steps.push(Step::AnyValue);
                let values = self.walk_items(&values, &hint, &format!("{path}.*"), parent, side);
                self.steps.pop();
                Shape::Dict(values)
            }
            JsonKind::Object(members) => {
                let id = self.occs.len();
                self.occs.push(Occurrence {
                    hint: hint.to_string(),
                    path: path.to_string(),
                    steps: self.steps.clone(),
                    parent,
                    side,
                    is_root: parent.is_none() && !path.contains('['),
                    members: Vec::new(),
                });
                let mut seen = BTreeSet::new();
                for member in members {
                    if !seen.insert(member.key.as_str()) {
                        // A repeated key: serde keeps the last value; its shape
                        // still joins the field's type through the first entry.
                        continue;
                    }
                    let shape = if self.free_form.contains(&member.key)
                        && matches!(member.value.kind, JsonKind::Object(_))
                    {
                        Shape::Map
                    } else {
                        // Only what becomes a type reads its hint and path:
                        // a scalar skips them, and naming (heck, pluralizer)
                        // costs more than the rest of the walk.
                        let (child_hint, child_path) = match member.value.kind {
                            JsonKind::Object(_) | JsonKind::Array(_) => {
                                child_names(&member.key, &member.value, path)
                            }
                            _ => (String::new(), String::new()),
                        };
                        self.steps.push(Step::Key(member.key.clone()));
                        let shape =
                            self.walk(&member.value, &child_hint, &child_path, Some(id), side);
                        self.steps.pop();
                        shape
                    };
                    let example = match &member.value.kind {
                        JsonKind::Object(_) | JsonKind::Array(_) | JsonKind::Null => None,
                        _ => Some(json::to_strict_string(&member.value)),
                    };
                    self.occs[id].members.push(MemberOcc {
                        key: member.key.clone(),
                        pos: member.key_pos,
                        shape,
                        note: member.note.clone(),
                        example,
                        row: None,
                        commented_out: member.commented_out,
                    });
                }
                Shape::Object(id)
            }
            JsonKind::Array(items) => {
                let items: Vec<&Json> = items.iter().collect();
                Shape::Array(self.walk_items(&items, hint, &format!("{path}[]"), parent, side))
            }
        }
    }

    /// The values of an array or dictionary, whose objects are all one type.
    fn walk_items(
        &mut self,
        items: &[&Json],
        hint: &str,
        path: &str,
        parent: Option<usize>,
        side: Side,
    ) -> Vec<Shape> {
        let shapes: Vec<Shape> = items
            .iter()
            .map(|item| self.walk(item, hint, path, parent, side))
            .collect();
        let mut elements = Vec::new();
        collect_elements(&shapes, &mut elements);
        if elements.len() > 1 {
            self.same_type.push(elements);
        }
        shapes
    }
}

/// Objects whose keys are data rather than field names: all keys numeric
/// (`{"752514": {...}, "588803": {...}}`), or many members whose values are
/// objects of one shape (`{"ltc_btc": {...}, "steem_btc": {...}, ...}`). As
/// structs they would have a field per key: unusable, and large enough to
/// overflow the stack of serde's visitor.
fn looks_like_dictionary(members: &[json::Member]) -> bool {
    const MANY: usize = 20;
    let numeric_keys = members.len() >= 2
        && members
            .iter()
            .all(|m| !m.key.is_empty() && m.key.chars().all(|c| c.is_ascii_digit()));
    if numeric_keys {
        return true;
    }
    if members.len() < MANY {
        return false;
    }
    fn key_set(value: &Json) -> Option<BTreeSet<&str>> {
        match &value.kind {
            JsonKind::Object(inner) if !inner.is_empty() => {
                Some(inner.iter().map(|m| m.key.as_str()).collect())
            }
            _ => None,
        }
    }
    let first = key_set(&members[0].value);
    first.is_some() && members.iter().all(|m| key_set(&m.value) == first)
}

/// The most members an example object may have and still be a struct.
///
/// Each field of a struct costs serde's derive a variant, match arms and a
/// local in one `visit_map` function, and the builder a setter: past a few
/// hundred fields rustc slows down sharply, and at about 1,500 (a name -> URL
/// map from a public API) it overflowed its stack. Nor does anyone read a
/// 200-field struct as a type: such objects are data keyed by name. The
/// largest object of the 98 Pivot pages has 28 members and the largest
/// record-like object of the JSON corpus 93 (the Rust-keyword objects, which
/// test field naming, have 65), so 128 leaves every real struct alone while
/// keeping generated code far from what rustc cannot compile.
pub const MAX_STRUCT_MEMBERS: usize = 128;

/// What an object with more than [`MAX_STRUCT_MEMBERS`] members becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Large {
    /// Its values are all of one kind (ignoring `null`): `BTreeMap<String, T>`,
    /// `T` inferred from all of them as for an array's items.
    OneType,
    /// Values of different kinds, or objects whose members together are again
    /// too many for a struct: `serde_json::Map<String, Value>`.
    Mixed,
}

/// The rule for objects too large to be structs, on example objects (and on
/// the stand-in example of a body documented only by its table, whose table
/// would then document more than [`MAX_STRUCT_MEMBERS`] members of one
/// object: no real page does, and as a struct it could not be compiled).
/// `None`: small enough, the other rules decide.
fn too_large_for_a_struct(members: &[json::Member]) -> Option<Large> {
    if members.len() <= MAX_STRUCT_MEMBERS {
        return None;
    }
    fn kind(value: &Json) -> Option<u8> {
        Some(match &value.kind {
            JsonKind::Null => return None,
            JsonKind::Bool(_) => 0,
            JsonKind::Number(_) => 1,
            JsonKind::String(_) => 2,
            JsonKind::Object(_) => 3,
            JsonKind::Array(_) => 4,
        })
    }
    let kinds: BTreeSet<u8> = members.iter().filter_map(|m| kind(&m.value)).collect();
    if kinds.len() > 1 {
        return Some(Large::Mixed);
    }
    // Object values become one type holding every key any of them has.
    let mut inner_keys = BTreeSet::new();
    for m in members {
        if let JsonKind::Object(inner) = &m.value.kind {
            inner_keys.extend(inner.iter().map(|i| i.key.as_str()));
        }
    }
    if inner_keys.len() > MAX_STRUCT_MEMBERS {
        return Some(Large::Mixed);
    }
    Some(Large::OneType)
}

/// Object occurrences among array items, nested arrays included.
fn collect_elements(shapes: &[Shape], out: &mut Vec<usize>) {
    for shape in shapes {
        match shape {
            Shape::Object(o) => out.push(*o),
            Shape::Array(inner) | Shape::Dict(inner) => collect_elements(inner, out),
            _ => {}
        }
    }
}

/// The type-name hint and JSON path for a member's value.
fn child_names(key: &str, value: &Json, path: &str) -> (String, String) {
    let hint = match value.kind {
        JsonKind::Array(_) => naming::element_type_ident(key),
        _ => naming::type_ident(key),
    };
    (hint, format!("{path}.{key}"))
}

/// Decides the types of one page: its bodies walked into occurrences of
/// objects, occurrences clustered into types, types named and written out as
/// items. The constraints its rows state are read once links are applied
/// ([`constraints`]).
pub fn infer(page: &Page, ident: &str, file: &str) -> Module {
    let free_form = free_form_keys(page);
    let mut walker = Walker {
        occs: Vec::new(),
        steps: Vec::new(),
        free_form: &free_form,
        same_type: Vec::new(),
    };
    let bodies = walk_bodies(page, &mut walker);
    let items = items(&walker, &bodies);
    let mut module = Module {
        ident: ident.to_string(),
        file: file.to_string(),
        title: page.title.clone(),
        summary: page.summary.clone(),
        method: page.method.clone(),
        url: page.url.clone(),
        params: page.params.clone(),
        examples: bodies.examples,
        items,
        unmatched: bodies.unmatched,
        object: None,
        linked: BTreeMap::new(),
    };
    params::apply(page, &mut module);
    module
}

/// Reads the constraints the rows of `module`'s own structs state, once
/// its types are final (after links, which bring object pages' rows).
pub fn constraints(module: &mut Module) {
    constraints::apply(module);
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
    roots: Vec<(Side, Shape)>,
    /// The example bodies as strict JSON.
    examples: Vec<Example>,
    /// Table rows that document nothing in the examples.
    unmatched: Vec<(Side, Row)>,
    rows_by_side: BTreeMap<Side, &'p [Row]>,
}

/// Walks each body's example (or, without one, a stand-in built from its
/// table) and matches its table rows to the members found.
fn walk_bodies<'p>(page: &'p Page, walker: &mut Walker<'_>) -> Bodies<'p> {
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
                synthetic = example_from_rows(&body.fields);
                &synthetic
            }
        };
        let first_occ = walker.occs.len();
        let mut shape = walker.walk_body(example, side);
        let mut matched = match_rows(&mut walker.occs, first_occ, &body.fields);
        // Every row is a member, shown or not: the rows the example does not
        // show join it as members sent in some cases only, and the body is
        // walked again.
        let mut documented = example.clone();
        let added = matched
            .missed()
            .filter_map(|r| placement(&walker.occs, first_occ, &body.fields, &matched, r))
            .filter(|(steps, key, r)| add_member(&mut documented, steps, key, &body.fields[*r]))
            .count();
        if added > 0 {
            walker.forget_from(first_occ);
            shape = walker.walk_body(&documented, side);
            matched = match_rows(&mut walker.occs, first_occ, &body.fields);
        }
        bodies
            .unmatched
            .extend(matched.missed().map(|r| (side, body.fields[r].clone())));
        bodies.roots.push((side, shape));
    }
    bodies
}

/// The module's items: occurrences clustered into types, identical types
/// folded into aliases, names assigned, each struct followed by its enums.
fn items(walker: &Walker<'_>, bodies: &Bodies<'_>) -> Vec<Item> {
    let occs = &walker.occs;
    let clusters = cluster(occs, &walker.same_type);
    let mut builder = TypeBuilder {
        occs,
        clusters: &clusters,
        rows: &bodies.rows_by_side,
        enums: Vec::new(),
    };
    let fields: Vec<Vec<RawField>> = clusters.list.iter().map(|c| builder.fields(c)).collect();
    let reps = fold_identical(&clusters, &fields);
    let names = assign_names(occs, &clusters, &fields, &builder.enums);
    let boxed = boxed_fields(&clusters, &fields, &reps);

    let resolve = |ty: &RawTy| resolve_ty(ty, &names);
    let mut items = Vec::new();
    for (side, shape) in &bodies.roots {
        if !matches!(shape, Shape::Object(_)) {
            let target = resolve(&builder.shape_ty(std::slice::from_ref(&shape)).0);
            items.push(Item::Alias(Alias {
                name: side.name().to_string(),
                origins: vec![side.name().to_ascii_lowercase()],
                target,
            }));
        }
    }
    let mut emitted_enums = BTreeSet::new();
    for (c, cluster) in clusters.list.iter().enumerate() {
        let name = names.clusters[c].clone();
        let origins = cluster_origins(occs, cluster);
        if reps[c] != c {
            items.push(Item::Alias(Alias {
                name,
                origins,
                target: Ty::Named(names.clusters[reps[c]].clone()),
            }));
            continue;
        }
        let mut used = Names::new();
        let mut struct_fields = Vec::new();
        for (i, raw) in fields[c].iter().enumerate() {
            if let RawTy::Enum(e) = strip(&raw.ty)
                && emitted_enums.insert(*e)
            {
                let def = &builder.enums[*e];
                items.push(Item::Enum(Enum {
                    name: names.enums[*e].clone(),
                    origins: def.origins.clone(),
                    variants: variants(&def.values),
                }));
            }
            struct_fields.push(Field {
                ident: used.claim(&naming::field_ident(&raw.key)),
                key: raw.key.clone(),
                ty: resolve(&raw.ty),
                optional: raw.optional,
                boxed: boxed.contains(&(c, i)),
                doc: raw.doc.clone(),
            });
        }
        items.push(Item::Struct(Struct {
            name,
            origins,
            fields: struct_fields,
        }));
    }
    // Enum definitions come before the struct that first uses them; move each
    // struct's enums after it so a reader meets the struct first.
    structs_before_their_enums(items)
}

fn structs_before_their_enums(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    let mut pending: Vec<Item> = Vec::new();
    for item in items {
        match item {
            Item::Enum(_) => pending.push(item),
            other => {
                out.push(other);
                out.append(&mut pending);
            }
        }
    }
    out.append(&mut pending);
    out
}

fn cluster_origins(occs: &[Occurrence], cluster: &Cluster) -> Vec<String> {
    let mut seen = BTreeSet::new();
    cluster
        .occs
        .iter()
        .map(|&o| occs[o].path.clone())
        .filter(|p| seen.insert(p.clone()))
        .collect()
}

fn variants(values: &[String]) -> Vec<Variant> {
    let mut names = Names::new();
    // The catch-all keeps its documented name.
    names.reserve("Other");
    values
        .iter()
        .map(|value| Variant {
            ident: names.claim(&naming::variant_ident(value)),
            value: value.clone(),
        })
        .collect()
}

/// A minimal example built from the table, for a body the page documents
/// without showing it: every row becomes a member.
fn example_from_rows(rows: &[Row]) -> Json {
    let mut root = Json {
        pos: rows.first().map(|r| r.pos).unwrap_or_default(),
        kind: JsonKind::Object(Vec::new()),
    };
    for row in rows {
        let path = row.path();
        insert_path(&mut root, &path, row);
    }
    root
}

fn insert_path(node: &mut Json, path: &[&str], row: &Row) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if let JsonKind::Array(items) = &mut node.kind {
        if items.is_empty() {
            items.push(Json {
                pos: row.pos,
                kind: JsonKind::Object(Vec::new()),
            });
        }
        return insert_path(&mut items[0], path, row);
    }
    let JsonKind::Object(members) = &mut node.kind else {
        return;
    };
    let index = match members.iter().position(|m| m.key == *first) {
        Some(i) => i,
        None => {
            members.push(json::Member {
                key: first.to_string(),
                key_pos: row.pos,
                value: if rest.is_empty() {
                    placeholder(row)
                } else {
                    Json {
                        pos: row.pos,
                        kind: JsonKind::Object(Vec::new()),
                    }
                },
                note: None,
                commented_out: false,
            });
            members.len() - 1
        }
    };
    if !rest.is_empty() {
        let child = &mut members[index].value;
        if !matches!(child.kind, JsonKind::Object(_) | JsonKind::Array(_)) {
            child.kind = JsonKind::Object(Vec::new());
        }
        insert_path(child, rest, row);
    }
}

/// A stand-in value of the documented type.
fn placeholder(row: &Row) -> Json {
    let kind = match row.doc_type() {
        Some(DocType::Array { of_objects: true }) => JsonKind::Array(vec![Json {
            pos: row.pos,
            kind: JsonKind::Object(Vec::new()),
        }]),
        Some(DocType::Array { of_objects: false }) => JsonKind::Array(Vec::new()),
        Some(DocType::Object) => JsonKind::Object(Vec::new()),
        Some(DocType::Boolean) => JsonKind::Bool(false),
        Some(DocType::Integer) => JsonKind::Number("0".into()),
        Some(DocType::Decimal) => JsonKind::Number("0.0".into()),
        _ => JsonKind::String(String::new()),
    };
    Json { pos: row.pos, kind }
}

// ---------------------------------------------------------------------------
// Step 2: rows to members.

fn find_member(occ: &Occurrence, name: &str) -> Option<usize> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    occ.members
        .iter()
        .position(|m| m.key == name)
        .or_else(|| {
            occ.members
                .iter()
                .position(|m| m.key.eq_ignore_ascii_case(name))
        })
        .or_else(|| {
            let wanted = squash(name);
            occ.members.iter().position(|m| squash(&m.key) == wanted)
        })
}

fn resolve_path(occs: &[Occurrence], start: usize, path: &[&str]) -> Option<(usize, usize)> {
    let (last, parents) = path.split_last()?;
    let mut at = start;
    for segment in parents {
        let m = find_member(&occs[at], segment)?;
        at = occs[at].members[m].shape.child()?;
    }
    Some((at, find_member(&occs[at], last)?))
}

fn ancestors(occs: &[Occurrence], mut at: usize) -> Vec<usize> {
    let mut chain = vec![at];
    while let Some(parent) = occs[at].parent {
        chain.push(parent);
        at = parent;
    }
    chain.reverse();
    chain
}

/// For each row of a body's table, the occurrence holding the member it
/// documents, if any.
struct Matched(Vec<Option<usize>>);

impl Matched {
    /// The rows that match no member.
    fn missed(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, occ)| occ.is_none())
            .map(|(r, _)| r)
    }
}

/// Matches each row to the member it documents, among the occurrences from
/// `first` on (one example). A row is looked up by its path, or by name among
/// the members of the objects the previous rows led into (a child row simply
/// follows its parent), or anywhere in the example.
fn match_rows(occs: &mut [Occurrence], first: usize, rows: &[Row]) -> Matched {
    let mut matched = vec![None; rows.len()];
    if first >= occs.len() {
        return Matched(matched);
    }
    let all: Vec<usize> = (first..occs.len()).collect();
    let mut stack = vec![first];
    for (r, row) in rows.iter().enumerate() {
        let path = row.path();
        // A row named after an object page (`Refund`) is the object, not a
        // member: a `refund` key is not what it documents.
        if path.is_empty() || row.names_object().is_some() {
            continue;
        }
        let found = stack
            .iter()
            .rev()
            .chain(all.iter())
            .find_map(|&start| resolve_path(occs, start, &path));
        let Some((occ, member)) = found else {
            continue;
        };
        matched[r] = Some(occ);
        stack = ancestors(occs, occ);
        if let Some(child) = occs[occ].members[member].shape.child() {
            stack.push(child);
        }
        let slot = &mut occs[occ].members[member].row;
        if slot.is_none() {
            *slot = Some(r);
        }
    }
    Matched(matched)
}

/// Where a row that matches no member documents one: the steps to the object
/// that holds it and its key, with the row's index. A dotted row
/// (`customer.phoneNumber.extension`) goes into the object its path leads
/// to; a plain one between two rows of one object is their sibling; any
/// other is a member of the body's root. `None` for a row that cannot be a
/// member: one named after an object page (`Payment Session`), or whose
/// parent path leads nowhere.
fn placement(
    occs: &[Occurrence],
    first: usize,
    rows: &[Row],
    matched: &Matched,
    r: usize,
) -> Option<(Vec<Step>, String, usize)> {
    let path = rows[r].path();
    let (key, parents) = path.split_last()?;
    if rows[r].names_object().is_some()
        || path
            .iter()
            .any(|segment| segment.contains(char::is_whitespace))
    {
        return None;
    }
    let holder = if parents.is_empty() {
        let before = matched.0[..r].iter().rev().find_map(|o| *o);
        let after = matched.0[r + 1..].iter().find_map(|o| *o);
        match (before, after) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    } else {
        let found = (first..occs.len()).find_map(|start| resolve_object(occs, start, parents));
        Some(found?)
    };
    let steps = holder.map(|o| occs[o].steps.clone()).unwrap_or_default();
    Some((steps, key.to_string(), r))
}

/// The object a path of member names leads to from `start`.
fn resolve_object(occs: &[Occurrence], start: usize, path: &[&str]) -> Option<usize> {
    let mut at = start;
    for segment in path {
        let m = find_member(&occs[at], segment)?;
        at = occs[at].members[m].shape.child()?;
    }
    Some(at)
}

/// Adds `key` to the object(s) `steps` lead to in `body`, as a member the
/// example does not send (a `null` in a comment): its type then comes from
/// the row. Returns whether any object received it.
fn add_member(body: &mut Json, steps: &[Step], key: &str, row: &Row) -> bool {
    match &mut body.kind {
        JsonKind::Array(items) => items.iter_mut().fold(false, |added, item| {
            add_member(item, steps, key, row) | added
        }),
        JsonKind::Object(members) => match steps.split_first() {
            None if members.iter().any(|m| m.key == key) => false,
            None => {
                members.push(json::Member {
                    key: key.to_string(),
                    key_pos: row.pos,
                    value: Json {
                        pos: row.pos,
                        kind: JsonKind::Null,
                    },
                    note: None,
                    commented_out: true,
                });
                true
            }
            Some((Step::Key(name), rest)) => members
                .iter_mut()
                .find(|m| m.key == *name)
                .is_some_and(|m| add_member(&mut m.value, rest, key, row)),
            Some((Step::AnyValue, rest)) => members.iter_mut().fold(false, |added, m| {
                add_member(&mut m.value, rest, key, row) | added
            }),
        },
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Step 3: occurrences to types.

#[derive(Debug, Default)]
struct Cluster {
    occs: Vec<usize>,
}

#[derive(Debug, Default)]
struct Clusters {
    list: Vec<Cluster>,
    of_occ: Vec<usize>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut root = x;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut at = x;
        while self.0[at] != root {
            let next = self.0[at];
            self.0[at] = root;
            at = next;
        }
        root
    }

    /// Joins two sets; the smaller index (the earlier occurrence) stays the root.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (keep, join) = if a < b { (a, b) } else { (b, a) };
        self.0[join] = keep;
    }
}

/// Member kinds of a set of occurrences, by key.
fn member_kinds(occs: &[Occurrence], set: &[usize]) -> BTreeMap<String, BTreeSet<Kind>> {
    let mut kinds: BTreeMap<String, BTreeSet<Kind>> = BTreeMap::new();
    for &o in set {
        for m in &occs[o].members {
            let entry = kinds.entry(m.key.clone()).or_default();
            entry.extend(m.shape.kind());
        }
    }
    kinds
}

/// Two objects of the same name are one type when they share members and most
/// shared members agree in kind.
fn compatible(a: &BTreeMap<String, BTreeSet<Kind>>, b: &BTreeMap<String, BTreeSet<Kind>>) -> bool {
    let (mut agree, mut conflict) = (0, 0);
    for (key, ka) in a {
        let Some(kb) = b.get(key) else { continue };
        if ka.is_empty() || kb.is_empty() || ka == kb {
            agree += 1;
        } else {
            conflict += 1;
        }
    }
    agree > 0 && conflict < agree
}

fn cluster(occs: &[Occurrence], same_type: &[Vec<usize>]) -> Clusters {
    let mut uf = UnionFind((0..occs.len()).collect());
    for group in same_type {
        for pair in group.windows(2) {
            uf.union(pair[0], pair[1]);
        }
    }
    // Sets in page order of their first occurrence.
    let mut sets: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for o in 0..occs.len() {
        let root = uf.find(o);
        sets.entry(root).or_default().push(o);
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for (first, set) in sets {
        // Root types are never merged into other types, whatever their names.
        let key = |o: usize| (occs[o].is_root, occs[o].hint.as_str());
        let kinds = member_kinds(occs, &set);
        let target = clusters
            .iter()
            .position(|c| key(c[0]) == key(first) && compatible(&member_kinds(occs, c), &kinds));
        match target {
            Some(t) => clusters[t].extend(set),
            None => clusters.push(set),
        }
    }
    let mut of_occ = vec![0; occs.len()];
    let list = clusters
        .into_iter()
        .enumerate()
        .map(|(c, mut set)| {
            set.sort_unstable();
            for &o in &set {
                of_occ[o] = c;
            }
            Cluster { occs: set }
        })
        .collect();
    Clusters { list, of_occ }
}

// ---------------------------------------------------------------------------
// Step 4: fields.

/// A type before names are given: objects are clusters, enums are indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum RawTy {
    Bool,
    I64,
    U64,
    F64,
    Number,
    String,
    /// Text that carries a credential ([`secrets`]).
    Secret,
    Value,
    Map,
    Cluster(usize),
    Enum(usize),
    Vec(Box<RawTy>),
    Dict(Box<RawTy>),
    Option(Box<RawTy>),
}

fn strip(ty: &RawTy) -> &RawTy {
    match ty {
        RawTy::Vec(inner) | RawTy::Dict(inner) | RawTy::Option(inner) => strip(inner),
        other => other,
    }
}

#[derive(Debug, Clone)]
struct RawField {
    key: String,
    ty: RawTy,
    optional: bool,
    doc: FieldDoc,
}

struct EnumDef {
    hint: String,
    values: Vec<String>,
    origins: Vec<String>,
    /// The cluster whose field first used it.
    first_cluster: usize,
}

struct TypeBuilder<'a> {
    occs: &'a [Occurrence],
    clusters: &'a Clusters,
    rows: &'a BTreeMap<Side, &'a [Row]>,
    enums: Vec<EnumDef>,
}

impl TypeBuilder<'_> {
    fn row(&self, occ: usize, member: &MemberOcc) -> Option<&Row> {
        let rows = self.rows.get(&self.occs[occ].side)?;
        rows.get(member.row?)
    }

    fn fields(&mut self, cluster: &Cluster) -> Vec<RawField> {
        let mut keys: Vec<&str> = Vec::new();
        for &o in &cluster.occs {
            for m in &self.occs[o].members {
                if !keys.contains(&m.key.as_str()) {
                    keys.push(&m.key);
                }
            }
        }
        let cluster_index = self.clusters.of_occ[cluster.occs[0]];
        keys.into_iter()
            .map(|key| self.field(cluster_index, cluster, key))
            .collect()
    }

    fn field(&mut self, cluster_index: usize, cluster: &Cluster, key: &str) -> RawField {
        let mut shapes = Vec::new();
        let mut missing = false;
        let mut doc = FieldDoc::default();
        // What each side's rows say of the member: always sent only if they
        // say so on every side the type is used on (a row documents the
        // members of one array item, and stands for all of them).
        let mut always: BTreeMap<Side, bool> = BTreeMap::new();
        let mut sides = BTreeSet::new();
        let mut paths = Vec::new();
        for &o in &cluster.occs {
            let Some(m) = self.occs[o].members.iter().find(|m| m.key == key) else {
                missing = true;
                continue;
            };
            shapes.push(&m.shape);
            missing |= m.commented_out;
            paths.push(format!("{}.{}", self.occs[o].path, key));
            let row = self.row(o, m);
            let side = self.occs[o].side;
            sides.insert(side);
            if let Some(row) = row {
                let says = always.entry(side).or_insert(true);
                *says &= always_sent(row, side);
            }
            if doc.seen_at.is_none() && !m.commented_out {
                doc.seen_at = Some(m.pos);
                doc.path = paths.last().cloned();
            }
            if let Some(row) = row
                && doc.row.is_none()
            {
                doc.default = describe::default_value(&row.description);
                doc.row = Some(row.clone());
            }
            if doc.note.is_none() {
                doc.note = m.note.clone();
            }
            if doc.example.is_none() {
                doc.example = m.example.clone();
            }
        }
        let (mut ty, nullable) = self.shape_ty(&shapes);
        if shapes.iter().all(|s| matches!(s, Shape::Null))
            && let Some(documented) = doc.row.as_ref().and_then(|r| r.ty.as_deref())
        {
            // Only `null` in the example (or a row the example does not
            // show): the table's type says more than `Value` does.
            ty = documented_ty(documented);
        }
        if matches!(ty, RawTy::I64 | RawTy::U64 | RawTy::F64)
            && doc.row.as_ref().and_then(Row::doc_type) == Some(DocType::Decimal)
        {
            // The documented type wins where it is wider: a `Decimal` whose
            // example is an integer may still carry a fraction.
            ty = RawTy::Number;
        }
        if ty == RawTy::String {
            let values = doc
                .row
                .as_ref()
                .map(|r| describe::enum_values(&r.description))
                .unwrap_or_default();
            if !values.is_empty() {
                ty = RawTy::Enum(self.enum_for(key, values, paths, cluster_index));
            }
        }
        doc.sometimes_absent = missing || nullable;
        let description = doc.row.as_ref().map_or(&[][..], |r| &r.description[..]);
        if ty == RawTy::String
            && secrets::classify_member(key, description, doc.example.as_deref()).is_some()
        {
            ty = RawTy::Secret;
        }
        RawField {
            key: key.to_string(),
            ty,
            optional: missing
                || nullable
                || !sides.iter().all(|side| always.get(side) == Some(&true)),
            doc,
        }
    }

    fn enum_for(
        &mut self,
        key: &str,
        values: Vec<String>,
        origins: Vec<String>,
        cluster: usize,
    ) -> usize {
        let hint = naming::type_ident(key);
        if let Some(i) = self
            .enums
            .iter()
            .position(|e| e.hint == hint && e.values == values)
        {
            self.enums[i].origins.extend(origins);
            return i;
        }
        self.enums.push(EnumDef {
            hint,
            values,
            origins,
            first_cluster: cluster,
        });
        self.enums.len() - 1
    }

    /// The type of a member from its shapes across occurrences, and whether any
    /// of them is `null`.
    fn shape_ty(&self, shapes: &[&Shape]) -> (RawTy, bool) {
        let nullable = shapes.iter().any(|s| matches!(s, Shape::Null));
        let present: Vec<&Shape> = shapes
            .iter()
            .copied()
            .filter(|s| !matches!(s, Shape::Null))
            .collect();
        let Some(first) = present.first() else {
            return (RawTy::Value, true);
        };
        let kind = first.kind();
        if present.iter().any(|s| s.kind() != kind) {
            return (RawTy::Value, nullable);
        }
        let ty = match first {
            Shape::Null => RawTy::Value,
            Shape::Bool => RawTy::Bool,
            Shape::Str => RawTy::String,
            Shape::Number { .. } => number_ty(&present),
            Shape::Object(_) | Shape::Map | Shape::Dict(_)
                if present.iter().all(|s| matches!(s, Shape::Dict(_))) =>
            {
                let values: Vec<&Shape> = present
                    .iter()
                    .flat_map(|s| match s {
                        Shape::Dict(values) => values.iter().collect::<Vec<_>>(),
                        _ => Vec::new(),
                    })
                    .collect();
                let (inner, inner_null) = self.shape_ty(&values);
                RawTy::Dict(Box::new(if inner_null && inner != RawTy::Value {
                    RawTy::Option(Box::new(inner))
                } else {
                    inner
                }))
            }
            Shape::Dict(_) => RawTy::Map,
            Shape::Object(_) | Shape::Map => {
                let mut clusters = present.iter().map(|s| match s {
                    Shape::Object(o) => Some(self.clusters.of_occ[*o]),
                    _ => None,
                });
                let first = clusters.next().flatten();
                match first {
                    Some(c) if clusters.all(|x| x == Some(c)) => RawTy::Cluster(c),
                    _ if present
                        .iter()
                        .any(|s| matches!(s, Shape::Map | Shape::Dict(_))) =>
                    {
                        RawTy::Map
                    }
                    _ => RawTy::Value,
                }
            }
            Shape::Array(_) => {
                let items: Vec<&Shape> = present
                    .iter()
                    .flat_map(|s| match s {
                        Shape::Array(items) => items.iter().collect::<Vec<_>>(),
                        _ => Vec::new(),
                    })
                    .collect();
                if items.is_empty() {
                    RawTy::Vec(Box::new(RawTy::Value))
                } else {
                    let (inner, inner_null) = self.shape_ty(&items);
                    let inner = if inner_null && inner != RawTy::Value {
                        RawTy::Option(Box::new(inner))
                    } else {
                        inner
                    };
                    RawTy::Vec(Box::new(inner))
                }
            }
        };
        (ty, nullable)
    }
}

/// Whether a row says its member is always sent: `M`, or `Auto Generated`
/// in a response (the API sets it). `O`, `C`, a missing presence cell and
/// `Auto Generated` in a request do not.
pub fn always_sent(row: &Row, side: Side) -> bool {
    match row.presence {
        Some(Presence::Mandatory) => true,
        Some(Presence::Generated) => side == Side::Response,
        _ => false,
    }
}

/// The type a documented type cell stands for, for a member the example
/// shows only as `null` or not at all. `Decimal`/`Number` stay `Value`:
/// pages send them as text as often as as numbers.
fn documented_ty(cell: &str) -> RawTy {
    match DocType::of(cell) {
        Some(t) if t.is_text() => RawTy::String,
        Some(DocType::Integer | DocType::Numeric) => RawTy::I64,
        Some(DocType::Boolean) => RawTy::Bool,
        Some(DocType::Object) => RawTy::Map,
        Some(DocType::Array { .. }) => {
            // `Array of String`: the items' type follows `of`.
            let items =
                cell.to_ascii_lowercase()
                    .split_once(" of ")
                    .map_or(RawTy::Value, |(_, items)| {
                        // `Array of Objects`: the plural names the same type.
                        let single = items.trim().strip_suffix('s').unwrap_or(items);
                        match DocType::of(items) {
                            Some(_) => documented_ty(items),
                            None => documented_ty(single),
                        }
                    });
            RawTy::Vec(Box::new(items))
        }
        _ => RawTy::Value,
    }
}

fn number_ty(shapes: &[&Shape]) -> RawTy {
    let mut widest = NumberKind::I64;
    let mut negative = false;
    for shape in shapes {
        if let Shape::Number { kind, negative: n } = shape {
            widest = widest.max(*kind);
            negative |= *n;
        }
    }
    match widest {
        NumberKind::I64 => RawTy::I64,
        NumberKind::U64 if !negative => RawTy::U64,
        _ => RawTy::F64,
    }
}

// ---------------------------------------------------------------------------
// Step 5: one type per shape.

/// For each cluster, the cluster it is an alias of (itself when it is not).
fn fold_identical(clusters: &Clusters, fields: &[Vec<RawField>]) -> Vec<usize> {
    let n = clusters.list.len();
    let mut reps: Vec<usize> = (0..n).collect();
    loop {
        let mut by_shape: BTreeMap<Vec<(String, RawTy, bool)>, usize> = BTreeMap::new();
        let mut next = reps.clone();
        for c in 0..n {
            let signature: Vec<(String, RawTy, bool)> = fields[c]
                .iter()
                .map(|f| (f.key.clone(), map_clusters(&f.ty, &reps), f.optional))
                .collect();
            next[c] = *by_shape.entry(signature).or_insert(c);
        }
        if next == reps {
            return reps;
        }
        reps = next;
    }
}

fn map_clusters(ty: &RawTy, reps: &[usize]) -> RawTy {
    match ty {
        RawTy::Cluster(c) => RawTy::Cluster(reps[*c]),
        RawTy::Vec(inner) => RawTy::Vec(Box::new(map_clusters(inner, reps))),
        RawTy::Dict(inner) => RawTy::Dict(Box::new(map_clusters(inner, reps))),
        RawTy::Option(inner) => RawTy::Option(Box::new(map_clusters(inner, reps))),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------------------
// Step 6: names.

struct AssignedNames {
    clusters: Vec<String>,
    enums: Vec<String>,
}

fn assign_names(
    occs: &[Occurrence],
    clusters: &Clusters,
    fields: &[Vec<RawField>],
    enums: &[EnumDef],
) -> AssignedNames {
    let mut names = Names::new();
    let mut cluster_names: Vec<Option<String>> = vec![None; clusters.list.len()];
    let mut enum_names: Vec<Option<String>> = vec![None; enums.len()];
    // Root types own their names whatever a key inside is called.
    for (c, cluster) in clusters.list.iter().enumerate() {
        let occ = &occs[cluster.occs[0]];
        if occ.is_root {
            cluster_names[c] = Some(names.claim(&occ.hint));
        }
    }
    for side in [Side::Request, Side::Response] {
        names.reserve(side.name());
    }
    for (c, cluster) in clusters.list.iter().enumerate() {
        let occ = &occs[cluster.occs[0]];
        if cluster_names[c].is_none() {
            let parent = occ
                .parent
                .and_then(|p| cluster_names[clusters.of_occ[p]].clone())
                .unwrap_or_default();
            cluster_names[c] = Some(claim_qualified(&mut names, &occ.hint, &parent));
        }
        let owner = cluster_names[c].clone().unwrap_or_default();
        for field in &fields[c] {
            if let RawTy::Enum(e) = strip(&field.ty)
                && enum_names[*e].is_none()
                && enums[*e].first_cluster == c
            {
                enum_names[*e] = Some(claim_qualified(&mut names, &enums[*e].hint, &owner));
            }
        }
    }
    for (e, name) in enum_names.iter_mut().enumerate() {
        if name.is_none() {
            *name = Some(names.claim(&enums[e].hint));
        }
    }
    AssignedNames {
        clusters: cluster_names
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect(),
        enums: enum_names
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect(),
    }
}

/// `Data`, or `ResponseData` when `Data` is taken, or `ResponseData2`.
fn claim_qualified(names: &mut Names, hint: &str, parent: &str) -> String {
    if !names.is_taken(hint) {
        return names.claim(hint);
    }
    names.claim(&format!("{parent}{hint}"))
}

fn resolve_ty(ty: &RawTy, names: &AssignedNames) -> Ty {
    match ty {
        RawTy::Bool => Ty::Bool,
        RawTy::I64 => Ty::I64,
        RawTy::U64 => Ty::U64,
        RawTy::F64 => Ty::F64,
        RawTy::Number => Ty::Number,
        RawTy::String => Ty::String,
        RawTy::Secret => Ty::Secret,
        RawTy::Value => Ty::Value,
        RawTy::Map => Ty::Map,
        RawTy::Cluster(c) => Ty::Named(names.clusters[*c].clone()),
        RawTy::Enum(e) => Ty::Named(names.enums[*e].clone()),
        RawTy::Vec(inner) => Ty::Vec(Box::new(resolve_ty(inner, names))),
        RawTy::Dict(inner) => Ty::Dict(Box::new(resolve_ty(inner, names))),
        RawTy::Option(inner) => Ty::Option(Box::new(resolve_ty(inner, names))),
    }
}

// ---------------------------------------------------------------------------
// Step 7: recursion.

/// Fields `(cluster, index)` that must be boxed: a direct (not through `Vec`)
/// reference that leads back to its own type.
fn boxed_fields(
    clusters: &Clusters,
    fields: &[Vec<RawField>],
    reps: &[usize],
) -> BTreeSet<(usize, usize)> {
    let n = clusters.list.len();
    let direct = |ty: &RawTy| match ty {
        RawTy::Cluster(c) => Some(reps[*c]),
        RawTy::Option(inner) => match inner.as_ref() {
            RawTy::Cluster(c) => Some(reps[*c]),
            _ => None,
        },
        _ => None,
    };
    let edges: Vec<Vec<usize>> = (0..n)
        .map(|c| {
            fields[reps[c]]
                .iter()
                .filter_map(|f| direct(&f.ty))
                .collect()
        })
        .collect();
    let reaches = |from: usize, to: usize| {
        let mut seen = vec![false; n];
        let mut todo = vec![from];
        while let Some(x) = todo.pop() {
            if x == to {
                return true;
            }
            if std::mem::replace(&mut seen[x], true) {
                continue;
            }
            todo.extend(&edges[x]);
        }
        false
    };
    let mut boxed = BTreeSet::new();
    for c in (0..n).filter(|&c| reps[c] == c) {
        for (i, f) in fields[c].iter().enumerate() {
            if let Some(target) = direct(&f.ty)
                && reaches(target, c)
            {
                boxed.insert((c, i));
            }
        }
    }
    boxed
}
