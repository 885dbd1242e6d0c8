//! Step 4: each type's fields from its occurrences' members. A member
//! missing from some occurrence, sent as `null`, or documented as not
//! always sent is optional; members of conflicting kinds are
//! `serde_json::Value`; a documented list of values is an enum; a text
//! member that carries a credential is `Secret`.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{DocType, FieldDoc, JsonPath, Presence, Row, Side};
use crate::naming;
use crate::parse::describe;
use crate::parse::json::NumberKind;

use super::cluster::{Cluster, Clusters};
use super::secrets;
use super::walk::{MemberOcc, Occurrence, Shape};

/// A type before names are given: objects are clusters, enums are indices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum RawTy {
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

pub(super) fn strip(ty: &RawTy) -> &RawTy {
    match ty {
        RawTy::Vec(inner) | RawTy::Dict(inner) | RawTy::Option(inner) => strip(inner),
        other => other,
    }
}

#[derive(Debug, Clone)]
pub(super) struct RawField {
    pub key: String,
    pub ty: RawTy,
    pub optional: bool,
    pub doc: FieldDoc,
}

pub(super) struct EnumDef {
    pub hint: String,
    pub values: Vec<String>,
    pub origins: Vec<JsonPath>,
    /// The cluster whose field first used it.
    pub first_cluster: usize,
}

pub(super) struct TypeBuilder<'a> {
    pub occs: &'a [Occurrence],
    pub clusters: &'a Clusters,
    pub rows: &'a BTreeMap<Side, &'a [Row]>,
    pub enums: Vec<EnumDef>,
}

impl TypeBuilder<'_> {
    fn row(&self, occ: usize, member: &MemberOcc) -> Option<&Row> {
        let rows = self.rows.get(&self.occs[occ].side())?;
        rows.get(member.row?)
    }

    /// The fields of a type: every member any of its occurrences has, in
    /// the order they first appear.
    pub(super) fn fields(&mut self, cluster: &Cluster) -> Vec<RawField> {
        let mut keys: Vec<&str> = Vec::new();
        for &o in &cluster.occs {
            for m in &self.occs[o].members {
                if !keys.contains(&m.key.as_str()) {
                    keys.push(&m.key);
                }
            }
        }
        let cluster_index = self.clusters.of(cluster.occs[0]);
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
            paths.push(self.occs[o].path.key(key));
            let row = self.row(o, m);
            let side = self.occs[o].side();
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
        doc.sides = sides.iter().copied().collect();
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
        origins: Vec<JsonPath>,
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
    pub(super) fn shape_ty(&self, shapes: &[&Shape]) -> (RawTy, bool) {
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
                    Shape::Object(o) => Some(self.clusters.of(*o)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(presence: Option<Presence>) -> Row {
        Row {
            name: "x".into(),
            pos: crate::diag::Pos::new(1, 1),
            ty: None,
            limit: None,
            presence,
            presence_text: None,
            description: Vec::new(),
        }
    }

    #[test]
    fn what_is_always_sent() {
        assert!(always_sent(&row(Some(Presence::Mandatory)), Side::Request));
        assert!(always_sent(&row(Some(Presence::Generated)), Side::Response));
        assert!(!always_sent(&row(Some(Presence::Generated)), Side::Request));
        assert!(!always_sent(
            &row(Some(Presence::Conditional)),
            Side::Response
        ));
        assert!(!always_sent(&row(None), Side::Response));
    }

    #[test]
    fn documented_types_for_members_the_example_does_not_show() {
        assert_eq!(documented_ty("Alphanumeric"), RawTy::String);
        assert_eq!(documented_ty("Integer"), RawTy::I64);
        assert_eq!(documented_ty("Boolean"), RawTy::Bool);
        assert_eq!(documented_ty("Object"), RawTy::Map);
        assert_eq!(
            documented_ty("Array of String"),
            RawTy::Vec(Box::new(RawTy::String))
        );
        assert_eq!(
            documented_ty("Array of Objects"),
            RawTy::Vec(Box::new(RawTy::Map))
        );
        // Text on some pages, a number on others.
        assert_eq!(documented_ty("Decimal"), RawTy::Value);
    }

    #[test]
    fn numbers_take_the_widest_kind() {
        let n = |kind, negative| Shape::Number { kind, negative };
        let (small, big, float) = (
            n(NumberKind::I64, false),
            n(NumberKind::U64, false),
            n(NumberKind::F64, false),
        );
        assert_eq!(number_ty(&[&small]), RawTy::I64);
        assert_eq!(number_ty(&[&small, &big]), RawTy::U64);
        assert_eq!(number_ty(&[&big, &n(NumberKind::I64, true)]), RawTy::F64);
        assert_eq!(number_ty(&[&small, &float]), RawTy::F64);
    }
}
