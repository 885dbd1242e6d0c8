//! The module's items from the steps' results: each type a struct (or an
//! alias of the type of its shape), named, its fields typed, each struct
//! followed by the enums it introduces.

use std::collections::BTreeSet;

use crate::model::{Alias, Enum, Field, Item, JsonPath, Origin, Side, Struct, Ty};
use crate::naming::{self, Names};

use super::cluster::{Cluster, Clusters};
use super::cycles::boxed_fields;
use super::fields::{EnumDef, RawField, RawTy, strip};
use super::fold::Folded;
use super::names::{AssignedNames, variants};
use super::walk::{Occurrence, Shape};

/// What the steps decided about a page's types.
pub(super) struct Typed<'a> {
    pub occs: &'a [Occurrence],
    pub clusters: &'a Clusters,
    pub fields: &'a [Vec<RawField>],
    pub enums: &'a [EnumDef],
    pub folded: &'a Folded,
    pub names: &'a AssignedNames,
}

/// The items: a body whose root is not an object is an alias of what it
/// is; then every type in page order, each struct followed by its enums.
pub(super) fn items(typed: &Typed<'_>, roots: &[(Side, RawTy, &Shape)]) -> Vec<Item> {
    let boxed = boxed_fields(typed.fields, typed.folded);
    let mut items = Vec::new();
    for (side, ty, shape) in roots {
        if !matches!(shape, Shape::Object(_)) {
            items.push(Item::Alias(Alias {
                name: side.name().to_string(),
                origins: vec![Origin::Body(JsonPath::root(*side))],
                target: typed.names.ty(ty),
            }));
        }
    }
    let mut emitted_enums = BTreeSet::new();
    for (c, cluster) in typed.clusters.list.iter().enumerate() {
        let name = typed.names.cluster(c).to_string();
        let origins = cluster_origins(typed.occs, cluster);
        if !typed.folded.is_own(c) {
            items.push(Item::Alias(Alias {
                name,
                origins,
                target: Ty::Named(typed.names.cluster(typed.folded.rep(c)).to_string()),
            }));
            continue;
        }
        let mut used = Names::new();
        let mut fields = Vec::new();
        for (i, raw) in typed.fields[c].iter().enumerate() {
            if let RawTy::Enum(e) = strip(&raw.ty)
                && emitted_enums.insert(*e)
            {
                let def = &typed.enums[*e];
                items.push(Item::Enum(Enum {
                    name: typed.names.enumeration(*e).to_string(),
                    origins: def.origins.iter().cloned().map(Origin::Body).collect(),
                    variants: variants(&def.values),
                }));
            }
            fields.push(Field {
                ident: used.claim(&naming::field_ident(&raw.key)),
                key: raw.key.clone(),
                ty: typed.names.ty(&raw.ty),
                optional: raw.optional,
                boxed: boxed.contains(&(c, i)),
                doc: raw.doc.clone(),
            });
        }
        items.push(Item::Struct(Struct {
            at_least_one: Vec::new(),
            name,
            origins,
            fields,
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

/// The distinct paths of a type's occurrences, in page order.
fn cluster_origins(occs: &[Occurrence], cluster: &Cluster) -> Vec<Origin> {
    let mut seen = BTreeSet::new();
    cluster
        .occs
        .iter()
        .map(|&o| occs[o].path.clone())
        .filter(|p| seen.insert(p.clone()))
        .map(Origin::Body)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enumeration(name: &str) -> Item {
        Item::Enum(Enum {
            name: name.into(),
            origins: Vec::new(),
            variants: Vec::new(),
        })
    }

    fn structure(name: &str) -> Item {
        Item::Struct(Struct {
            at_least_one: Vec::new(),
            name: name.into(),
            origins: Vec::new(),
            fields: Vec::new(),
        })
    }

    #[test]
    fn a_reader_meets_the_struct_before_its_enums() {
        let items = vec![
            enumeration("Mode"),
            structure("Request"),
            enumeration("Status"),
            structure("Data"),
        ];
        let names: Vec<String> = structs_before_their_enums(items)
            .iter()
            .map(|i| i.name().to_string())
            .collect();
        assert_eq!(names, ["Request", "Mode", "Data", "Status"]);
    }
}
