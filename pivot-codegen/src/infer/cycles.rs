//! Step 7: recursion. A type that contains itself without a `Vec` or map
//! in between would have no size: the fields through which it does are
//! boxed.

use std::collections::BTreeSet;

use super::fields::{RawField, RawTy};
use super::fold::Folded;

/// Fields `(type, index)` that must be boxed: a direct (not through `Vec`)
/// reference that leads back to its own type.
pub(super) fn boxed_fields(fields: &[Vec<RawField>], folded: &Folded) -> BTreeSet<(usize, usize)> {
    let n = fields.len();
    let direct = |ty: &RawTy| match ty {
        RawTy::Cluster(c) => Some(folded.rep(*c)),
        RawTy::Option(inner) => match inner.as_ref() {
            RawTy::Cluster(c) => Some(folded.rep(*c)),
            _ => None,
        },
        _ => None,
    };
    let edges: Vec<Vec<usize>> = (0..n)
        .map(|c| {
            fields[folded.rep(c)]
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
    for c in (0..n).filter(|&c| folded.is_own(c)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldDoc;

    use super::super::cluster::Clusters;
    use super::super::fold::fold_identical;

    fn field(key: &str, ty: RawTy) -> RawField {
        RawField {
            key: key.into(),
            ty,
            optional: true,
            doc: FieldDoc::default(),
        }
    }

    #[test]
    fn only_fields_that_lead_back_by_value_are_boxed() {
        // 0: Node { next: Option<Node>, children: Vec<Node>, leaf: Leaf }; 1: Leaf.
        let fields = vec![
            vec![
                field("next", RawTy::Option(Box::new(RawTy::Cluster(0)))),
                field("children", RawTy::Vec(Box::new(RawTy::Cluster(0)))),
                field("leaf", RawTy::Cluster(1)),
            ],
            vec![field("value", RawTy::I64)],
        ];
        let mut clusters = Clusters::default();
        clusters.list = vec![Default::default(), Default::default()];
        let folded = fold_identical(&clusters, &fields);
        assert_eq!(boxed_fields(&fields, &folded), BTreeSet::from([(0, 0)]));
    }
}
