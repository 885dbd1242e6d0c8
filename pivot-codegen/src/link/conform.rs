//! Whether a page's own type can be an object page's type, and what the
//! page's type takes from the object page when it cannot.
//!
//! The object page is the contract: a page's struct is the object's type
//! only if everything the page shows and documents of it reads into the
//! object's type as it is. Its members must be among the object's, of
//! types that read the same values, and each member the object requires
//! must be in every example. The object's type is never widened to fit a
//! page; a page whose data disagrees keeps a type of its own.

use std::collections::{BTreeMap, BTreeSet};

use crate::infer::always_sent;
use crate::model::{Field, FieldDoc, Item, ItemRef, Module, Row, Side, Struct, Ty};
use crate::naming::Names;

/// How deep nested structs are compared: deeper than any real page.
const MAX_DEPTH: usize = 16;

/// The page's items that are an object page's, once a link holds.
#[derive(Debug, Default)]
pub struct Plan {
    /// Local struct or enum -> the linked item it is.
    pub replace: BTreeMap<String, ItemRef>,
}

/// Why a page's type is not the object's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Misfit {
    /// The member's path from the linked type (`amount.value`).
    pub path: String,
    /// What is wrong there.
    pub kind: MisfitKind,
}

/// What keeps a page's type apart from an object's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MisfitKind {
    /// The page has a member the object page does not list.
    Extra,
    /// The object page requires a member that an example leaves out or
    /// sends as `null`.
    Missing,
    /// The member's values do not read as the object's type: (the page's
    /// type, the object's).
    Type(String, String),
}

impl Misfit {
    /// Whether the page only leaves out what the object requires: a request
    /// that is an object sends less than a response carries.
    pub fn only_missing(&self) -> bool {
        self.kind == MisfitKind::Missing
    }
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = &self.path;
        match &self.kind {
            MisfitKind::Extra => write!(f, "it has `{path}`, which the object page does not list"),
            MisfitKind::Missing => write!(
                f,
                "an example leaves out `{path}` or sends `null` where the object page requires it"
            ),
            MisfitKind::Type(ours, theirs) => write!(
                f,
                "its `{path}` is `{ours}` where the object page has `{theirs}`"
            ),
        }
    }
}

/// Whether the local struct `local` can be the linked struct `target`, its
/// nested types becoming the target's; on success the replacements are in
/// `plan`.
pub fn conform(
    module: &Module,
    local: &str,
    target: &ItemRef,
    plan: &mut Plan,
) -> Result<(), Misfit> {
    let mut checker = Checker {
        module,
        plan,
        assumed: BTreeSet::new(),
    };
    checker.types(
        &Ty::Named(local.to_string()),
        &Ty::Linked(target.clone()),
        true,
        "",
        0,
    )
}

struct Checker<'a, 'p> {
    module: &'a Module,
    plan: &'p mut Plan,
    /// Pairs being compared: a type that contains itself is compared once.
    assumed: BTreeSet<(Ty, Ty)>,
}

impl Checker<'_, '_> {
    /// Whether values the page reads as `ours` read as `theirs` (a linked
    /// type) with nothing lost; the page's names that must become linked
    /// ones go into the plan. `shown`: an example has the member.
    fn types(
        &mut self,
        ours: &Ty,
        theirs: &Ty,
        shown: bool,
        path: &str,
        depth: usize,
    ) -> Result<(), Misfit> {
        let module = self.module;
        let differ = || Misfit {
            path: path.to_string(),
            kind: MisfitKind::Type(ours.to_string(), theirs.to_string()),
        };
        if depth > MAX_DEPTH {
            return Err(differ());
        }
        let b = module.resolve(theirs);
        if let Ty::Option(y) | Ty::Box(y) = b {
            return self.types(ours, y, shown, path, depth);
        }
        if let Ty::Named(local) = ours {
            match module.item(local) {
                Some(Item::Struct(own)) => {
                    let Some(target) = linked_struct(module, b) else {
                        // The object page calls it free-form: a map holds
                        // whatever it is.
                        return if *b == Ty::Map || *b == Ty::Value {
                            Ok(())
                        } else {
                            Err(differ())
                        };
                    };
                    return self.replace(local, &target, |this| {
                        this.fields(own, true, &target, path, depth)
                    });
                }
                Some(Item::Enum(_)) => {
                    return match b {
                        Ty::Linked(target) if module.enum_of(b).is_some() => {
                            self.plan.replace.insert(local.clone(), target.clone());
                            Ok(())
                        }
                        // The page read a list of values where the object
                        // page has text, or any value.
                        Ty::String | Ty::Value => Ok(()),
                        _ => Err(differ()),
                    };
                }
                Some(Item::Alias(alias)) => {
                    return self.alias(local, &alias.target, b, shown, path, depth);
                }
                None => return Err(differ()),
            }
        }
        let fits = match (ours, b) {
            (Ty::Option(x) | Ty::Box(x), _) => return self.types(x, b, shown, path, depth),
            (Ty::Vec(x), Ty::Vec(y)) | (Ty::Dict(x), Ty::Dict(y)) => {
                return self.types(x, y, shown, path, depth + 1);
            }
            (a, b) if a == b => true,
            (Ty::Linked(_), _) => match (linked_struct(module, ours), linked_struct(module, b)) {
                (Some(x), Some(y)) => {
                    let own = module.struct_of(&Ty::Linked(x)).cloned();
                    return match own {
                        Some(own) => {
                            self.once(ours, b, |this| this.fields(&own, false, &y, path, depth))
                        }
                        None => Err(differ()),
                    };
                }
                _ => {
                    module.enum_of(ours).is_some()
                        && (module.enum_of(b).is_some() || *b == Ty::String)
                }
            },
            // The object page says any value; or the example shows only
            // `null` or an empty array, which read as anything.
            (_, Ty::Value) | (Ty::Value, _) => true,
            (Ty::I64 | Ty::U64 | Ty::F64 | Ty::Number, Ty::Number) => true,
            (Ty::I64 | Ty::U64, Ty::F64) => true,
            (Ty::String | Ty::Secret, Ty::String | Ty::Secret) => true,
            // Values an enum does not list are kept, in `Other`.
            (Ty::String | Ty::Secret, b) => module.enum_of(b).is_some(),
            // Documented as an object the example does not show.
            (Ty::Map, b) => !shown && module.struct_of(b).is_some(),
            _ => false,
        };
        if fits { Ok(()) } else { Err(differ()) }
    }

    /// A local alias (`Price = Amount`): the page's types of that name become
    /// the object's if what the alias names reads as it. Only the alias is
    /// replaced, not the type it names: another member may still be that.
    fn alias(
        &mut self,
        name: &str,
        target: &Ty,
        b: &Ty,
        shown: bool,
        path: &str,
        depth: usize,
    ) -> Result<(), Misfit> {
        let module = self.module;
        if module.resolve(target) == b {
            return Ok(());
        }
        let Ty::Linked(linked) = b else {
            return self.types(target, b, shown, path, depth + 1);
        };
        let under = module.resolve(target).clone();
        let own = module.struct_of(&under).cloned();
        match (own, linked_struct(module, b)) {
            (Some(own), Some(their)) => {
                let is_local = matches!(under, Ty::Named(_));
                self.once(&under, b, |this| {
                    this.fields(&own, is_local, &their, path, depth)
                })?;
            }
            _ => self.types(&under, b, shown, path, depth + 1)?,
        }
        self.plan.replace.insert(name.to_string(), linked.clone());
        Ok(())
    }

    /// Makes `local` the linked `target` if `check` holds; assumed to hold
    /// while it runs.
    fn replace(
        &mut self,
        local: &str,
        target: &ItemRef,
        check: impl FnOnce(&mut Self) -> Result<(), Misfit>,
    ) -> Result<(), Misfit> {
        match self.plan.replace.get(local) {
            Some(known) if known == target => return Ok(()),
            Some(other) => {
                return Err(Misfit {
                    path: String::new(),
                    kind: MisfitKind::Type(other.to_string(), target.to_string()),
                });
            }
            None => {}
        }
        self.plan.replace.insert(local.to_string(), target.clone());
        check(self)
    }

    /// Runs `check` once per pair of types.
    fn once(
        &mut self,
        a: &Ty,
        b: &Ty,
        check: impl FnOnce(&mut Self) -> Result<(), Misfit>,
    ) -> Result<(), Misfit> {
        if self.assumed.insert((a.clone(), b.clone())) {
            check(self)
        } else {
            Ok(())
        }
    }

    /// Whether a struct's values read as the linked struct `target`: its
    /// members among the target's, every member the target requires always
    /// there, each member's type readable as the target's. `local`: the
    /// struct is the page's own, whose examples say what is always there;
    /// a linked struct says it by what it requires.
    fn fields(
        &mut self,
        own: &Struct,
        local: bool,
        target: &ItemRef,
        path: &str,
        depth: usize,
    ) -> Result<(), Misfit> {
        let misfit = |key: &str, kind| Misfit {
            path: join(path, key),
            kind,
        };
        let Some(theirs) = self.module.struct_of(&Ty::Linked(target.clone())).cloned() else {
            return Err(misfit(
                "",
                MisfitKind::Type(own.name.clone(), target.to_string()),
            ));
        };
        for f in &own.fields {
            if !theirs.fields.iter().any(|t| t.key == f.key) {
                return Err(misfit(&f.key, MisfitKind::Extra));
            }
        }
        let always_there = |f: &Field| match local {
            true => f.doc.seen_at.is_some() && !f.doc.sometimes_absent,
            false => !f.optional,
        };
        for t in theirs.fields.iter().filter(|t| !t.optional) {
            if !own.fields.iter().any(|f| f.key == t.key && always_there(f)) {
                return Err(misfit(&t.key, MisfitKind::Missing));
            }
        }
        for f in &own.fields {
            let Some(t) = theirs.fields.iter().find(|t| t.key == f.key) else {
                continue;
            };
            let shown = !local || f.doc.seen_at.is_some();
            self.types(&f.ty, &t.ty, shown, &join(path, &f.key), depth + 1)?;
        }
        Ok(())
    }
}

fn join(path: &str, key: &str) -> String {
    match (path.is_empty(), key.is_empty()) {
        (true, _) => key.to_string(),
        (_, true) => path.to_string(),
        _ => format!("{path}.{key}"),
    }
}

/// Makes each local item of `plan` the linked one: it stays, under its own
/// name, as an alias, so every name the page had is still there.
pub fn apply(module: &mut Module, plan: Plan) {
    for item in &mut module.items {
        if let Some(target) = plan.replace.get(item.name()) {
            *item = Item::Alias(crate::model::Alias {
                name: item.name().to_string(),
                origins: item.origins().to_vec(),
                target: Ty::Linked(target.clone()),
            });
        }
    }
}

/// A page's own struct that stands where an object is but is not its type:
/// its members take the object page's documentation where the page has
/// none (the row, so presence, values and limits), text members the
/// object's enums, nested structs the object's types where they fit. With
/// `whole_request`, the struct is a request body that is the object: the
/// object's members it does not show join it, optional, but those only
/// responses carry.
pub fn adopt(module: &mut Module, local: &str, target: &ItemRef, whole_request: bool) {
    let mut seen = BTreeSet::new();
    adopt_into(module, local, target, whole_request, &mut seen);
}

fn adopt_into(
    module: &mut Module,
    local: &str,
    target: &ItemRef,
    whole_request: bool,
    seen: &mut BTreeSet<String>,
) {
    if !seen.insert(local.to_string()) {
        return;
    }
    let Some(theirs) = module.struct_of(&Ty::Linked(target.clone())).cloned() else {
        return;
    };
    let Some(Item::Struct(own)) = module.item(local).cloned() else {
        return;
    };
    let side = side_of(&own);
    let mut fields = Vec::with_capacity(own.fields.len());
    let mut nested: Vec<(String, ItemRef)> = Vec::new();
    let mut plans = Vec::new();
    for f in own.fields {
        let Some(t) = theirs.fields.iter().find(|t| t.key == f.key) else {
            fields.push(f);
            continue;
        };
        let mut f = f;
        if f.doc.row.is_none()
            && let Some(row) = &t.doc.row
        {
            f.doc.row = Some(row.clone());
            f.doc.default = t.doc.default.clone();
            f.optional = f.doc.sometimes_absent || !always_sent(row, side);
        }
        if matches!(f.ty, Ty::String) && module.enum_of(&t.ty).is_some() {
            f.ty = t.ty.clone();
        }
        // The example shows only `null` there (or nothing): the object page
        // says what it is, as a table row of the page would.
        let unshown = match f.ty {
            Ty::Value => f.doc.sometimes_absent,
            Ty::Map => f.doc.seen_at.is_none(),
            _ => false,
        };
        if unshown && t.ty != Ty::Value {
            f.ty = t.ty.clone();
            f.optional = true;
        }
        if let (Ty::Named(inner), Some(target_struct)) = (
            module.resolve(f.ty.innermost()),
            linked_struct(module, t.ty.innermost()),
        ) && matches!(module.item(inner), Some(Item::Struct(_)))
        {
            let mut plan = Plan::default();
            match conform(module, inner, &target_struct, &mut plan) {
                Ok(()) => plans.push(plan),
                Err(_) => nested.push((inner.clone(), target_struct)),
            }
        }
        fields.push(f);
    }
    // A body that shares no member with the object is not that object
    // with members missing: nothing joins it.
    let shares = fields
        .iter()
        .any(|f| theirs.fields.iter().any(|t| t.key == f.key));
    if whole_request && shares {
        let mut names = Names::new();
        for f in &fields {
            names.reserve(&f.ident);
        }
        for t in &theirs.fields {
            let response_only = t.doc.row.as_ref().is_some_and(Row::response_only);
            if response_only || fields.iter().any(|f| f.key == t.key) {
                continue;
            }
            fields.push(Field {
                ident: names.claim(&t.ident),
                key: t.key.clone(),
                ty: t.ty.clone(),
                optional: true,
                boxed: false,
                doc: FieldDoc {
                    row: t.doc.row.clone(),
                    seen_at: None,
                    path: None,
                    sides: Vec::new(),
                    sometimes_absent: true,
                    note: None,
                    example: None,
                    default: t.doc.default.clone(),
                    constraints: Vec::new(),
                },
            });
        }
    }
    if let Some(Item::Struct(s)) = module.items.iter_mut().find(|i| i.name() == local) {
        s.fields = fields;
    }
    for plan in plans {
        apply(module, plan);
    }
    for (inner, target) in nested {
        adopt_into(module, &inner, &target, false, seen);
    }
}

/// The linked struct `ty` names, through aliases, as a reference.
fn linked_struct(module: &Module, ty: &Ty) -> Option<ItemRef> {
    match module.resolve(ty) {
        Ty::Linked(at) if matches!(module.linked.get(at), Some(Item::Struct(_))) => {
            Some(at.clone())
        }
        _ => None,
    }
}

/// The side a struct's first place is on.
fn side_of(s: &Struct) -> Side {
    s.origins
        .first()
        .and_then(|o| o.side())
        .unwrap_or(Side::Response)
}
