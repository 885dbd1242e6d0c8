//! Step 3: occurrences to types. The elements of one array are one type;
//! occurrences with the same name and compatible shapes are one type; a
//! body's root is never merged with anything.

use std::collections::{BTreeMap, BTreeSet};

use super::walk::{Kind, Occurrence};

/// The occurrences that are one type.
#[derive(Debug, Default)]
pub(super) struct Cluster {
    /// In page order.
    pub occs: Vec<usize>,
}

/// Every type of the page, in page order of its first occurrence.
#[derive(Debug, Default)]
pub(super) struct Clusters {
    pub list: Vec<Cluster>,
    /// For each occurrence, its cluster.
    of_occ: Vec<usize>,
}

impl Clusters {
    /// The cluster (type) of occurrence `occ`.
    pub(super) fn of(&self, occ: usize) -> usize {
        self.of_occ[occ]
    }

    /// How many types there are.
    pub(super) fn len(&self) -> usize {
        self.list.len()
    }
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

/// Clusters the occurrences into types; `same_type` are sets that must be one.
pub(super) fn cluster(occs: &[Occurrence], same_type: &[Vec<usize>]) -> Clusters {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;
    use crate::model::Side;
    use crate::parse::json;

    use super::super::walk::Walker;

    fn clusters(text: &str) -> (Vec<Occurrence>, Clusters) {
        static NONE: BTreeSet<String> = BTreeSet::new();
        let mut walker = Walker::new(&NONE);
        walker.walk_body(&json::parse(text, Pos::new(1, 1)).value, Side::Response);
        let clusters = cluster(&walker.occs, &walker.same_type);
        (walker.occs, clusters)
    }

    #[test]
    fn objects_of_one_name_and_shape_are_one_type() {
        let (_, c) = clusters(
            r#"{"from": {"amount": {"value": 1}}, "to": {"amount": {"value": 2, "fee": 0}}}"#,
        );
        // response, from, amount, to, amount: the two amounts are one.
        assert_eq!(c.len(), 4);
        assert_eq!(c.of(2), c.of(4));
        assert_ne!(c.of(1), c.of(3));
    }

    #[test]
    fn same_name_other_shape_stays_apart() {
        let (_, c) =
            clusters(r#"{"a": {"amount": {"value": 1}}, "b": {"amount": {"value": "x"}}}"#);
        assert_ne!(c.of(2), c.of(4));
    }

    #[test]
    fn array_items_are_one_type_whatever_their_members() {
        let (_, c) = clusters(r#"{"items": [{"a": 1}, {"b": "x"}]}"#);
        assert_eq!(c.of(1), c.of(2));
        assert_eq!(c.list[c.of(1)].occs, [1, 2]);
    }

    #[test]
    fn a_root_is_never_merged() {
        let (occs, c) = clusters(r#"{"response": {"code": "00"}, "code": "00"}"#);
        assert!(occs[0].is_root);
        assert_ne!(c.of(0), c.of(1));
    }
}
