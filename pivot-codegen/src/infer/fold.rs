//! Step 5: one type per shape. Types whose fields are the same (keys,
//! types and presence, nested types already folded) are one type: the
//! first stays, the others become aliases of it (`Price = Amount`).

use std::collections::BTreeMap;

use super::cluster::Clusters;
use super::fields::{RawField, RawTy};

/// For each type (cluster), the type it is one with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Folded {
    rep: Vec<usize>,
}

impl Folded {
    /// The type `cluster` is one with: itself, or the first of its shape.
    pub(super) fn rep(&self, cluster: usize) -> usize {
        self.rep[cluster]
    }

    /// Whether `cluster` is a type of its own rather than an alias.
    pub(super) fn is_own(&self, cluster: usize) -> bool {
        self.rep[cluster] == cluster
    }

    /// `ty` with every type replaced by the one it is one with.
    fn map(&self, ty: &RawTy) -> RawTy {
        match ty {
            RawTy::Cluster(c) => RawTy::Cluster(self.rep[*c]),
            RawTy::Vec(inner) => RawTy::Vec(Box::new(self.map(inner))),
            RawTy::Dict(inner) => RawTy::Dict(Box::new(self.map(inner))),
            RawTy::Option(inner) => RawTy::Option(Box::new(self.map(inner))),
            other => other.clone(),
        }
    }
}

/// Folds the types of identical shape, until nothing more folds: two types
/// are one once the types their fields hold are.
pub(super) fn fold_identical(clusters: &Clusters, fields: &[Vec<RawField>]) -> Folded {
    let n = clusters.len();
    let mut folded = Folded {
        rep: (0..n).collect(),
    };
    loop {
        let mut by_shape: BTreeMap<Vec<(String, RawTy, bool)>, usize> = BTreeMap::new();
        let mut next = folded.rep.clone();
        for (c, slot) in next.iter_mut().enumerate() {
            let signature: Vec<(String, RawTy, bool)> = fields[c]
                .iter()
                .map(|f| (f.key.clone(), folded.map(&f.ty), f.optional))
                .collect();
            *slot = *by_shape.entry(signature).or_insert(c);
        }
        if next == folded.rep {
            return folded;
        }
        folded.rep = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FieldDoc;

    fn field(key: &str, ty: RawTy) -> RawField {
        RawField {
            key: key.into(),
            ty,
            optional: false,
            doc: FieldDoc::default(),
        }
    }

    fn clusters(n: usize) -> Clusters {
        let mut c = Clusters::default();
        c.list = (0..n).map(|_| Default::default()).collect();
        c
    }

    #[test]
    fn identical_shapes_fold_into_the_first() {
        let fields = vec![
            vec![field("value", RawTy::I64)],
            vec![field("value", RawTy::I64)],
            vec![field("value", RawTy::String)],
        ];
        let folded = fold_identical(&clusters(3), &fields);
        assert_eq!((folded.rep(0), folded.rep(1), folded.rep(2)), (0, 0, 2));
        assert!(folded.is_own(0) && !folded.is_own(1));
    }

    #[test]
    fn parents_fold_once_their_children_have() {
        // Two wrappers of two identical amounts are one type too.
        let fields = vec![
            vec![field("amount", RawTy::Cluster(2))],
            vec![field("amount", RawTy::Cluster(3))],
            vec![field("value", RawTy::I64)],
            vec![field("value", RawTy::I64)],
        ];
        let folded = fold_identical(&clusters(4), &fields);
        assert_eq!(folded.rep(1), 0);
        assert_eq!(folded.rep(3), 2);
    }
}
