//! Step 2: table rows to the members they document. A row is found by its
//! path, or by name among the objects the previous rows led into (a child
//! row simply follows its parent), or anywhere in the example. Every row is
//! a member: one the example does not show is added where the rows around
//! it say, and the body is walked again. A body the page documents only by
//! its table gets a stand-in example built from the rows.

use crate::model::{DocType, JsonPath, PathStep, Row, Side};
use crate::parse::json::{self, Json, JsonKind};

use super::walk::Occurrence;

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

/// The occurrence and member a path of member names leads to from `start`.
fn resolve_path(occs: &[Occurrence], start: usize, path: &[&str]) -> Option<(usize, usize)> {
    let (last, parents) = path.split_last()?;
    let at = resolve_object(occs, start, parents)?;
    Some((at, find_member(&occs[at], last)?))
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
pub(super) struct Matched(Vec<Option<usize>>);

impl Matched {
    /// The rows that match no member.
    pub(super) fn missed(&self) -> impl Iterator<Item = usize> + '_ {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, occ)| occ.is_none())
            .map(|(r, _)| r)
    }
}

/// Matches each row to the member it documents, among the occurrences from
/// `first` on (one example).
pub(super) fn match_rows(occs: &mut [Occurrence], first: usize, rows: &[Row]) -> Matched {
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

/// Where a row that matches no member documents one: the path of the
/// object that holds it and its key. A dotted row
/// (`customer.phoneNumber.extension`) goes into the object its path leads
/// to; a plain one between two rows of one object is their sibling; any
/// other is a member of the body's root. `None` for a row that cannot be a
/// member: one named after an object page (`Payment Session`), or whose
/// parent path leads nowhere.
pub(super) fn placement(
    occs: &[Occurrence],
    first: usize,
    (rows, side): (&[Row], Side),
    matched: &Matched,
    r: usize,
) -> Option<(JsonPath, String)> {
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
    let at = match holder {
        Some(o) => occs[o].path.clone(),
        None => JsonPath::root(side),
    };
    Some((at, key.to_string()))
}

/// Adds `key` to the object(s) `steps` lead to in `body`, as a member the
/// example does not send (a `null` in a comment): its type then comes from
/// the row. Returns whether any object received it.
pub(super) fn add_member(body: &mut Json, steps: &[PathStep], key: &str, row: &Row) -> bool {
    match (&mut body.kind, steps.split_first()) {
        (JsonKind::Array(items), Some((PathStep::Items, rest))) => {
            items.iter_mut().fold(false, |added, item| {
                add_member(item, rest, key, row) | added
            })
        }
        // The root of a body that is an array: its items.
        (JsonKind::Array(items), None) => items.iter_mut().fold(false, |added, item| {
            add_member(item, steps, key, row) | added
        }),
        (JsonKind::Object(members), None) => {
            if members.iter().any(|m| m.key == key) {
                return false;
            }
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
        (JsonKind::Object(members), Some((PathStep::Key(name), rest))) => members
            .iter_mut()
            .find(|m| m.key == *name)
            .is_some_and(|m| add_member(&mut m.value, rest, key, row)),
        (JsonKind::Object(members), Some((PathStep::AnyValue, rest))) => {
            members.iter_mut().fold(false, |added, m| {
                add_member(&mut m.value, rest, key, row) | added
            })
        }
        _ => false,
    }
}

/// A minimal example built from the table, for a body the page documents
/// without showing it: every row becomes a member.
pub(super) fn example_from_rows(rows: &[Row]) -> Json {
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::diag::Pos;
    use crate::parse::json;

    use super::super::walk::Walker;

    fn row(name: &str) -> Row {
        Row {
            name: name.to_string(),
            pos: Pos::new(9, 1),
            ty: Some("String".into()),
            limit: None,
            presence: None,
            presence_text: None,
            description: Vec::new(),
        }
    }

    fn occurrences(text: &str) -> Vec<Occurrence> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        let mut walker = Walker::new(&NONE);
        walker.walk_body(&json::parse(text, Pos::new(1, 1)).value, Side::Response);
        walker.occs
    }

    #[test]
    fn a_child_row_follows_its_parent() {
        // `number` is both the phone's and the card's: each row after its
        // parent documents that parent's member.
        let mut occs = occurrences(r#"{"phone": {"number": "1"}, "card": {"number": "2"}}"#);
        let rows = [row("phone"), row("number"), row("card"), row("number")];
        let matched = match_rows(&mut occs, 0, &rows);
        assert_eq!(matched.0, [Some(0), Some(1), Some(0), Some(2)]);
        assert_eq!(occs[1].members[0].row, Some(1));
        assert_eq!(occs[2].members[0].row, Some(3));
    }

    #[test]
    fn rows_after_an_array_row_document_its_items() {
        let mut occs = occurrences(r#"{"name": "a", "cards": [{"token": "t"}]}"#);
        let rows = [row("name"), row("cards"), row("token")];
        let matched = match_rows(&mut occs, 0, &rows);
        assert_eq!(matched.0, [Some(0), Some(0), Some(1)]);
    }

    #[test]
    fn a_row_named_after_an_object_matches_nothing() {
        let mut occs = occurrences(r#"{"refund": {"id": "r"}}"#);
        let mut named = row("Refund");
        named.description = vec!["refund-object".into()];
        let matched = match_rows(&mut occs, 0, &[named.clone()]);
        assert_eq!(matched.missed().collect::<Vec<_>>(), [0]);
        assert_eq!(
            placement(&occs, 0, (&[named], Side::Response), &matched, 0),
            None
        );
    }

    #[test]
    fn an_unshown_row_goes_where_the_rows_around_it_are() {
        let mut occs = occurrences(r#"{"data": {"a": 1, "c": 3}}"#);
        let rows = [row("data"), row("a"), row("b"), row("c"), row("data.d.e")];
        let matched = match_rows(&mut occs, 0, &rows);
        let (at, key) = placement(&occs, 0, (&rows, Side::Response), &matched, 2).expect("placed");
        assert_eq!(
            (at.to_string(), key.as_str()),
            ("response.data".to_string(), "b")
        );
        // A dotted row whose parent is not there: nowhere.
        assert_eq!(
            placement(&occs, 0, (&rows, Side::Response), &matched, 4),
            None
        );
    }

    #[test]
    fn members_join_every_object_the_path_leads_to() {
        let mut body = json::parse(r#"{"items": [{"a": 1}, {"a": 2}]}"#, Pos::new(1, 1)).value;
        let steps = [PathStep::Key("items".into()), PathStep::Items];
        assert!(add_member(&mut body, &steps, "b", &row("b")));
        let JsonKind::Object(root) = &body.kind else {
            panic!("an object")
        };
        let JsonKind::Array(items) = &root[0].value.kind else {
            panic!("an array")
        };
        for item in items {
            let JsonKind::Object(members) = &item.kind else {
                panic!("objects")
            };
            let b = members.iter().find(|m| m.key == "b").expect("both items");
            // Shown in a comment only: the example does not send it.
            assert!(b.commented_out && b.value.kind == JsonKind::Null);
        }
        assert!(
            !add_member(&mut body, &steps, "a", &row("a")),
            "already there"
        );
    }

    #[test]
    fn a_table_without_an_example_becomes_one() {
        let mut items = row("items");
        items.ty = Some("Array of Objects".into());
        let mut count = row("items[].count");
        count.ty = Some("Integer".into());
        let body = example_from_rows(&[row("id"), items, count]);
        assert_eq!(
            json::to_strict_string(&body)
                .split_whitespace()
                .collect::<String>(),
            r#"{"id":"","items":[{"count":0}]}"#
        );
    }
}
