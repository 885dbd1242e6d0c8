//! Step 6: names, in page order, distinct within the module. A body's root
//! owns its name (`Request`, `Response`); a type is named after its key
//! (`amount` -> `Amount`, the items of `chargeDetails` -> `ChargeDetail`),
//! qualified by its parent's name when another type has it
//! (`ResponseData`); an enum after its member, qualified by its struct's.
//! No generated type takes a name of the standard prelude that generated
//! code writes (`String`, `Option`), so the code can write them plainly.

use crate::model::{Side, Ty, Variant};
use crate::naming::{self, Names};

use super::cluster::Clusters;
use super::fields::{EnumDef, RawField, RawTy, strip};
use super::walk::Occurrence;

/// The prelude's names that generated code writes unqualified.
pub const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "String", "Vec", "Box", "Result", "Ok", "Err", "Default",
];

/// The name of every type and enum of the page.
pub(super) struct AssignedNames {
    clusters: Vec<String>,
    enums: Vec<String>,
}

impl AssignedNames {
    /// The name of the type (cluster) `c`.
    pub(super) fn cluster(&self, c: usize) -> &str {
        &self.clusters[c]
    }

    /// The name of the enum `e`.
    pub(super) fn enumeration(&self, e: usize) -> &str {
        &self.enums[e]
    }

    /// The Rust type a raw type stands for, with the names given.
    pub(super) fn ty(&self, ty: &RawTy) -> Ty {
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
            RawTy::Cluster(c) => Ty::Named(self.clusters[*c].clone()),
            RawTy::Enum(e) => Ty::Named(self.enums[*e].clone()),
            RawTy::Vec(inner) => Ty::Vec(Box::new(self.ty(inner))),
            RawTy::Dict(inner) => Ty::Dict(Box::new(self.ty(inner))),
            RawTy::Option(inner) => Ty::Option(Box::new(self.ty(inner))),
        }
    }
}

pub(super) fn assign_names(
    occs: &[Occurrence],
    clusters: &Clusters,
    fields: &[Vec<RawField>],
    enums: &[EnumDef],
) -> AssignedNames {
    let mut names = Names::new();
    for name in PRELUDE {
        names.reserve(name);
    }
    let mut cluster_names: Vec<Option<String>> = vec![None; clusters.len()];
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
                .and_then(|p| cluster_names[clusters.of(p)].clone())
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

/// An enum's variants: each value's name, `Other` kept for the catch-all.
pub(super) fn variants(values: &[String]) -> Vec<Variant> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_is_qualified_by_its_parent() {
        let mut names = Names::new();
        assert_eq!(claim_qualified(&mut names, "Data", "Response"), "Data");
        assert_eq!(
            claim_qualified(&mut names, "Data", "Request"),
            "RequestData"
        );
        for name in PRELUDE {
            names.reserve(name);
        }
        assert_eq!(
            claim_qualified(&mut names, "String", "Value"),
            "ValueString"
        );
    }

    #[test]
    fn variants_keep_other_for_the_catch_all() {
        let values = [
            "REDIRECT".to_string(),
            "OTHER".to_string(),
            "API".to_string(),
        ];
        let idents: Vec<String> = variants(&values).into_iter().map(|v| v.ident).collect();
        assert_eq!(idents, ["Redirect", "Other2", "Api"]);
    }
}
