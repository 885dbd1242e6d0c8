//! Step 1: each example body walked into the *occurrences* of its objects,
//! in page order, each with the JSON path that leads to it and the shapes
//! of its members.

use std::collections::BTreeSet;

use crate::diag::Pos;
use crate::model::{JsonPath, PathStep, Side};
use crate::naming;
use crate::parse::json::{self, Json, JsonKind, NumberKind};

/// The shape of one value in one example.
#[derive(Debug, Clone)]
pub(super) enum Shape {
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

/// What a value is, whatever its details: what two occurrences' members
/// must agree on to be one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Bool,
    Number,
    Str,
    Object,
    Array,
}

impl Shape {
    pub(super) fn kind(&self) -> Option<Kind> {
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
    pub(super) fn child(&self) -> Option<usize> {
        match self {
            Shape::Object(o) => Some(*o),
            Shape::Array(items) | Shape::Dict(items) => items.iter().find_map(Shape::child),
            _ => None,
        }
    }
}

/// One JSON object in one example.
#[derive(Debug)]
pub(super) struct Occurrence {
    /// The name its type would have (`Amount` for `amount`, `ChargeDetail`
    /// for the items of `chargeDetails`).
    pub hint: String,
    /// Where it is.
    pub path: JsonPath,
    pub parent: Option<usize>,
    pub is_root: bool,
    pub members: Vec<MemberOcc>,
}

impl Occurrence {
    pub(super) fn side(&self) -> Side {
        self.path.side
    }
}

#[derive(Debug)]
pub(super) struct MemberOcc {
    pub key: String,
    /// Where the key stands in the page (for a member only a table row
    /// documents, where the row starts).
    pub pos: Pos,
    pub shape: Shape,
    pub note: Option<String>,
    pub example: Option<String>,
    /// Index into the side's table rows.
    pub row: Option<usize>,
    /// Shown only in a comment of the example: sent in some cases only.
    pub commented_out: bool,
}

pub(super) struct Walker<'a> {
    pub occs: Vec<Occurrence>,
    /// Keys that the tables call free-form objects.
    pub free_form: &'a BTreeSet<String>,
    /// Occurrence sets that must be one type (the elements of one array).
    pub same_type: Vec<Vec<usize>>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(free_form: &'a BTreeSet<String>) -> Self {
        Walker {
            occs: Vec::new(),
            free_form,
            same_type: Vec::new(),
        }
    }

    /// Walks a body's example from its root.
    pub(super) fn walk_body(&mut self, example: &Json, side: Side) -> Shape {
        // The root's own name belongs to `Request`/`Response`; what a root
        // array or dictionary holds is named after it.
        let root_name = match example.kind {
            JsonKind::Array(_) => naming::element_type_ident(side.name()),
            _ => side.name().to_string(),
        };
        self.walk(example, &root_name, &JsonPath::root(side), None)
    }

    /// Drops the occurrences from `first` on, to walk a body again.
    pub(super) fn forget_from(&mut self, first: usize) {
        self.occs.truncate(first);
        self.same_type.retain(|set| set.iter().all(|&o| o < first));
    }

    fn walk(&mut self, json: &Json, hint: &str, path: &JsonPath, parent: Option<usize>) -> Shape {
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
                let path = path.then(PathStep::AnyValue);
                Shape::Dict(self.walk_items(&values, &hint, &path, parent))
            }
            JsonKind::Object(members) => {
                let id = self.occs.len();
                self.occs.push(Occurrence {
                    hint: hint.to_string(),
                    path: path.clone(),
                    parent,
                    is_root: parent.is_none() && !path.steps.contains(&PathStep::Items),
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
                        // Only what becomes a type reads its hint: a scalar
                        // skips it, and naming (heck, pluralizer) costs more
                        // than the rest of the walk.
                        let child_hint = match member.value.kind {
                            JsonKind::Object(_) | JsonKind::Array(_) => {
                                child_hint(&member.key, &member.value)
                            }
                            _ => String::new(),
                        };
                        let child_path = path.key(&member.key);
                        self.walk(&member.value, &child_hint, &child_path, Some(id))
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
                let path = path.then(PathStep::Items);
                Shape::Array(self.walk_items(&items, hint, &path, parent))
            }
        }
    }

    /// The values of an array or dictionary, whose objects are all one type.
    fn walk_items(
        &mut self,
        items: &[&Json],
        hint: &str,
        path: &JsonPath,
        parent: Option<usize>,
    ) -> Vec<Shape> {
        let shapes: Vec<Shape> = items
            .iter()
            .map(|item| self.walk(item, hint, path, parent))
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

/// The type-name hint for a member's value: an array's items in the
/// singular.
fn child_hint(key: &str, value: &Json) -> String {
    match value.kind {
        JsonKind::Array(_) => naming::element_type_ident(key),
        _ => naming::type_ident(key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::json::Member;

    fn parse(text: &str) -> Json {
        let read = json::parse(text, Pos::new(1, 1));
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        read.value
    }

    fn walk(text: &str) -> (Walker<'static>, Shape) {
        static NONE: BTreeSet<String> = BTreeSet::new();
        let mut walker = Walker::new(&NONE);
        let shape = walker.walk_body(&parse(text), Side::Response);
        (walker, shape)
    }

    #[test]
    fn occurrences_in_page_order_with_their_paths() {
        let (walker, shape) =
            walk(r#"{"data": {"items": [{"id": 1}, {"id": 2}], "fee": {"value": 1}}}"#);
        assert!(matches!(shape, Shape::Object(0)));
        let paths: Vec<String> = walker.occs.iter().map(|o| o.path.to_string()).collect();
        assert_eq!(
            paths,
            [
                "response",
                "response.data",
                "response.data.items[]",
                "response.data.items[]",
                "response.data.fee"
            ]
        );
        let hints: Vec<&str> = walker.occs.iter().map(|o| o.hint.as_str()).collect();
        assert_eq!(hints, ["Response", "Data", "Item", "Item", "Fee"]);
        // The two items must be one type.
        assert_eq!(walker.same_type, [vec![2, 3]]);
        assert_eq!(walker.occs[2].parent, Some(1));
        assert!(walker.occs[0].is_root && !walker.occs[1].is_root);
    }

    #[test]
    fn dictionaries_and_maps_are_not_occurrences() {
        let (walker, _) = walk(r#"{"rates": {"1": {"v": 1}, "2": {"v": 2}}, "meta": {}}"#);
        let paths: Vec<String> = walker.occs.iter().map(|o| o.path.to_string()).collect();
        assert_eq!(paths, ["response", "response.rates.*", "response.rates.*"]);
        let meta = &walker.occs[0].members[1];
        assert!(matches!(meta.shape, Shape::Map));
    }

    #[test]
    fn too_large_objects_are_maps_or_dictionaries() {
        let member = |key: String, value: &str| Member {
            key,
            key_pos: Pos::default(),
            value: parse(value),
            note: None,
            commented_out: false,
        };
        let one_kind: Vec<Member> = (0..=MAX_STRUCT_MEMBERS)
            .map(|i| member(format!("k{i}"), "1"))
            .collect();
        assert_eq!(too_large_for_a_struct(&one_kind), Some(Large::OneType));
        let mut mixed = one_kind.clone();
        mixed.push(member("text".into(), "\"x\""));
        assert_eq!(too_large_for_a_struct(&mixed), Some(Large::Mixed));
        assert_eq!(too_large_for_a_struct(&one_kind[..10]), None);
    }
}
