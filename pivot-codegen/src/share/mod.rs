//! Stage 3b: one API, not one island per page. After every page is inferred
//! on its own, the types that are one thing across pages become one type, in
//! the `shared` module, which each page module re-exports:
//!
//! 1. an object page (`Payment Session Object`) defines a shared type
//!    (`PaymentSession`): the struct its table documents;
//! 2. a row that links an object page by its slug (`payment-session-object`)
//!    types its member with that shared type, when the member's shape is
//!    compatible (a member only the endpoint's example shows joins the
//!    shared type as optional); a row named after the object (`Payment
//!    Session`) describes the body's `data` (or its items);
//! 3. a struct of another page with the same name, or the same members, as
//!    an object type and compatible types is that type too;
//! 4. without an object page, structs of one name and identical members on
//!    several pages are one shared type.
//!
//! Nothing is merged whose members conflict (a text `value` is never made a
//! number): such a struct stays the page's own, and `pivot check` says why.
//! A page module keeps every name it had: a local type replaced by a shared
//! one of another name stays as an alias of it.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, Severity};
use crate::model::{Alias, Field, Item, Module, Struct, Ty};

/// The module that holds the shared types.
pub const SHARED_MODULE: &str = "shared";

/// How deep compatibility is checked through nested structs.
const MAX_DEPTH: usize = 8;

/// Rounds of cross-page sharing: each round can share the parents of what
/// the previous one shared.
const MAX_ROUNDS: usize = 8;

/// The shared module of `modules` and the object pages' type names (`None`
/// when nothing is shared), each page module rewritten to re-export what it
/// uses; problems go to `diagnostics`.
pub fn share(
    modules: &mut [Module],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Module, Vec<String>)> {
    let mut shared = Shared::default();
    let objects = object_pages(modules);
    // Object pages link each other (a payment session's `paymentMethod` is
    // the Payment Method Object): their names are taken first, so each
    // object's copy names the others' types instead of copying them.
    let mut linked: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); modules.len()];
    for object in &objects {
        linked[object.module].insert(object.local.clone(), object.name.clone());
    }
    for (m, module) in modules.iter().enumerate() {
        for s in module.structs() {
            for f in &s.fields {
                let (Some(row), Ty::Named(local)) = (&f.doc.row, f.ty.innermost()) else {
                    continue;
                };
                if let Some(object) = linked_slug(&row.description, &objects) {
                    linked[m]
                        .entry(local.clone())
                        .or_insert(object.name.clone());
                }
            }
        }
    }
    shared.reserved = objects.iter().map(|o| o.name.clone()).collect();
    for object in &objects {
        shared.define_object(modules, object, &linked[object.module]);
    }
    for m in 0..modules.len() {
        link_rows(modules, m, &objects, &mut shared, diagnostics);
    }
    for object in &objects {
        adopt_same_shapes(modules, object, &mut shared);
    }
    share_identical(modules, &mut shared);
    if shared.items.is_empty() {
        return None;
    }
    // Links can make a type contain itself where no page's did.
    box_cycles(&mut shared.items);
    for module in modules.iter_mut() {
        shared.reexport_into(module);
    }
    let names = objects.into_iter().map(|o| o.name).collect();
    Some((shared.into_module(), names))
}

/// An object page: its slug, its shared type's name, and where it is.
struct ObjectPage {
    slug: String,
    name: String,
    module: usize,
    /// The struct of that page its table documents.
    local: String,
}

/// Object pages are titled `<Name> Object` and have no method.
fn object_pages(modules: &[Module]) -> Vec<ObjectPage> {
    let mut pages = Vec::new();
    for (m, module) in modules.iter().enumerate() {
        let Some(title) = module.title.as_deref().map(str::trim) else {
            continue;
        };
        let Some(stem) = strip_suffix_ignore_case(title, " object") else {
            continue;
        };
        if module.method.is_some() || stem.is_empty() {
            continue;
        }
        // The struct most of the table's rows document.
        let local = module
            .structs()
            .max_by_key(|s| s.fields.iter().filter(|f| f.doc.row.is_some()).count())
            .filter(|s| s.fields.iter().any(|f| f.doc.row.is_some()))
            .map(|s| s.name.clone());
        let Some(local) = local else { continue };
        let name = crate::naming::type_ident(stem);
        if pages.iter().any(|p: &ObjectPage| p.name == name) {
            continue;
        }
        pages.push(ObjectPage {
            slug: slug(title),
            name,
            module: m,
            local,
        });
    }
    pages
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    (text.is_char_boundary(cut) && text[cut..].eq_ignore_ascii_case(suffix))
        .then(|| text[..cut].trim())
}

/// `Payment Session Object` -> `payment-session-object`.
pub fn slug(title: &str) -> String {
    title
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// The slug of an object page a row's description names, if any.
fn linked_slug<'a>(description: &'a [String], objects: &'a [ObjectPage]) -> Option<&'a ObjectPage> {
    description.iter().find_map(|line| {
        line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .find_map(|word| objects.iter().find(|o| o.slug.eq_ignore_ascii_case(word)))
    })
}

/// The shared types so far, by name, with the pages that use each.
#[derive(Default)]
struct Shared {
    items: Vec<Item>,
    /// For each page module, local name -> shared name of the types it
    /// replaces.
    uses: BTreeMap<String, BTreeMap<String, String>>,
    /// For each page module, fields that a link types with a shared type
    /// the page had no struct for: (struct, field index, new type).
    retypes: BTreeMap<String, Vec<(String, usize, Ty)>>,
    /// The object pages' type names, taken before their types are copied.
    reserved: BTreeSet<String>,
}

impl Shared {
    /// `ty` with the shared module's aliases followed.
    fn resolve<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        let mut ty = ty;
        for _ in 0..=self.items.len() {
            match ty {
                Ty::Named(name) => match self.get(name) {
                    Some(Item::Alias(alias)) => ty = alias.target.unwrapped(),
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// Makes the changes a page's struct brings to the shared ones.
    fn apply(&mut self, module: &Module, joins: Joins) {
        for join in joins {
            match join {
                Join::Member(owner, mut f) => {
                    // An object the object page does not show joins the
                    // shared module too, under a name of its own.
                    if let Ty::Named(inner) = f.ty.innermost().clone() {
                        let names = self.adopt(module, &inner, &inner);
                        let mut item = Item::Alias(Alias {
                            name: String::new(),
                            origins: Vec::new(),
                            target: f.ty.clone(),
                        });
                        rename_refs(&mut item, &names);
                        if let Item::Alias(a) = item {
                            f.ty = a.target;
                        }
                    }
                    f.optional = true;
                    if let Some(t) = self.get_struct_mut(&owner)
                        && !t.fields.iter().any(|x| x.key == f.key)
                    {
                        t.fields.push(*f);
                    }
                }
                Join::Optional(owner, key) => {
                    if let Some(t) = self.get_struct_mut(&owner)
                        && let Some(f) = t.fields.iter_mut().find(|f| f.key == key)
                    {
                        f.optional = true;
                    }
                }
            }
        }
    }

    /// `local` of `module` is the shared `name` from now on; the shared
    /// type's docs list where the page uses it.
    fn used_by(&mut self, module: &Module, local: &str, name: &str) {
        let origins = module
            .item(local)
            .map(|i| i.origins().to_vec())
            .unwrap_or_default();
        if let Some(item) = self.items.iter_mut().find(|i| i.name() == name) {
            let list = match item {
                Item::Struct(s) => &mut s.origins,
                Item::Enum(e) => &mut e.origins,
                Item::Alias(a) => &mut a.origins,
            };
            for origin in qualified(&module.ident, &origins) {
                if !list.contains(&origin) {
                    list.push(origin);
                }
            }
        }
        self.uses
            .entry(module.ident.clone())
            .or_default()
            .insert(local.to_string(), name.to_string());
    }

    fn get(&self, name: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.name() == name)
    }

    fn get_struct_mut(&mut self, name: &str) -> Option<&mut Struct> {
        self.items.iter_mut().find_map(|i| match i {
            Item::Struct(s) if s.name == name => Some(s),
            _ => None,
        })
    }

    /// A name for `wanted` in the shared module: itself if free or if the
    /// item there is the same definition, else qualified by `owner`.
    fn claim(&self, wanted: &str, owner: &str, item: &Item) -> (String, bool) {
        match self.get(wanted) {
            None if !self.reserved.contains(wanted) => (wanted.to_string(), false),
            None => self.claim_qualified(wanted, owner),
            Some(existing) if same_definition(existing, item) => (wanted.to_string(), true),
            Some(_) => self.claim_qualified(wanted, owner),
        }
    }

    fn claim_qualified(&self, wanted: &str, owner: &str) -> (String, bool) {
        let mut n = 1;
        let mut name = format!("{owner}{wanted}");
        while self.get(&name).is_some() || self.reserved.contains(&name) {
            n += 1;
            name = format!("{owner}{wanted}{n}");
        }
        (name, false)
    }

    /// Copies `root` of `module` and everything it reaches into the shared
    /// module, `root` as `root_name`; returns local -> shared names.
    fn adopt(&mut self, module: &Module, root: &str, root_name: &str) -> BTreeMap<String, String> {
        self.adopt_linked(module, root, root_name, &BTreeMap::new())
    }

    /// As [`Shared::adopt`], where `linked` names local types that are other
    /// object pages' types: those are not copied but named.
    fn adopt_linked(
        &mut self,
        module: &Module,
        root: &str,
        root_name: &str,
        linked: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        let reached = reach_until(module, root, |name| {
            name != root && linked.contains_key(name)
        });
        let mut names = BTreeMap::new();
        let mut fresh = Vec::new();
        let decided = self.uses.get(&module.ident).cloned().unwrap_or_default();
        for local in &reached {
            // Another object page's type, or a type this page already shares.
            if local != root
                && let Some(known) = linked.get(local).or_else(|| decided.get(local))
            {
                names.insert(local.clone(), known.clone());
                continue;
            }
            let Some(item) = module.item(local) else {
                continue;
            };
            let wanted = if local == root {
                root_name
            } else {
                local.as_str()
            };
            let owner = root_name;
            let (name, existing) = if local == root {
                match self.get(root_name) {
                    Some(_) => (root_name.to_string(), true),
                    None => (root_name.to_string(), false),
                }
            } else {
                self.claim(wanted, owner, item)
            };
            names.insert(local.clone(), name.clone());
            if !existing {
                fresh.push((local.clone(), name));
            }
        }
        for (local, name) in fresh {
            let Some(item) = module.item(&local) else {
                continue;
            };
            let mut item = item.clone();
            rename_refs(&mut item, &names);
            set_name(&mut item, &name);
            qualify_origins(&mut item, &module.ident);
            self.items.push(item);
        }
        self.uses
            .entry(module.ident.clone())
            .or_default()
            .extend(names.clone());
        names
    }

    fn define_object(
        &mut self,
        modules: &[Module],
        object: &ObjectPage,
        linked: &BTreeMap<String, String>,
    ) {
        let module = &modules[object.module];
        self.adopt_linked(module, &object.local, &object.name, linked);
    }

    /// Re-exports into `module` every shared type it uses: the local types
    /// they replace become aliases of them (or go, when named alike), and a
    /// copy of each shared type (and what it reaches) is listed in the
    /// module's `reexports`, so questions about the module still find them.
    fn reexport_into(&self, module: &mut Module) {
        let none = BTreeMap::new();
        let uses = self.uses.get(&module.ident).unwrap_or(&none);
        let retypes = self.retypes.get(&module.ident).cloned().unwrap_or_default();
        if uses.is_empty() && retypes.is_empty() {
            return;
        }
        // Every shared type reached from the ones used, by shared name.
        let mut needed: BTreeSet<String> = BTreeSet::new();
        let mut stack: Vec<String> = uses.values().cloned().collect();
        stack.extend(
            retypes
                .iter()
                .filter_map(|(_, _, ty)| match ty.innermost() {
                    Ty::Named(n) => Some(n.clone()),
                    _ => None,
                }),
        );
        while let Some(name) = stack.pop() {
            if needed.insert(name.clone())
                && let Some(item) = self.get(&name)
            {
                stack.extend(named_in(item));
            }
        }
        // A local type whose name a shared one takes is renamed.
        let mut renames: BTreeMap<String, String> = BTreeMap::new();
        for item in &module.items {
            let name = item.name();
            if needed.contains(name) && !uses.contains_key(name) {
                let mut new = format!("{name}Own");
                while module.item(&new).is_some() || needed.contains(&new) {
                    new.push('_');
                }
                renames.insert(name.to_string(), new);
            }
        }
        renames.extend(uses.iter().map(|(l, s)| (l.clone(), s.clone())));
        let mut items = Vec::new();
        for mut item in std::mem::take(&mut module.items) {
            rename_refs(&mut item, &renames);
            let old = item.name().to_string();
            match uses.get(&old) {
                // Replaced by the shared type: the old name stays, an alias,
                // unless a shared type of that name is re-exported here.
                Some(shared) if *shared != old && !needed.contains(&old) => {
                    items.push(Item::Alias(Alias {
                        name: old,
                        origins: item.origins().to_vec(),
                        target: Ty::Named(shared.clone()),
                    }))
                }
                Some(_) => {}
                None => {
                    if let Some(new) = renames.get(&old) {
                        set_name(&mut item, new);
                    }
                    items.push(item);
                }
            }
        }
        for (owner, index, ty) in retypes {
            let owner = renames.get(&owner).cloned().unwrap_or(owner);
            if let Some(Item::Struct(s)) = items.iter_mut().find(|i| i.name() == owner)
                && let Some(field) = s.fields.get_mut(index)
            {
                field.ty = ty;
            }
        }
        for name in &needed {
            if let Some(item) = self.get(name) {
                items.push(item.clone());
                module.reexports.insert(name.clone());
            }
        }
        module.items = items;
    }

    fn into_module(self) -> Module {
        Module {
            title: Some("Shared types".to_string()),
            summary: vec![
                "The types several pages share: the object pages' types and the objects of one shape on several pages. Each page module re-exports those it uses.".to_string(),
            ],
            items: self.items,
            ..Module::empty(SHARED_MODULE)
        }
    }
}

/// Types rows that link an object page (and rows named after one) with it.
fn link_rows(
    modules: &mut [Module],
    m: usize,
    objects: &[ObjectPage],
    shared: &mut Shared,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // (struct, field) pairs of this module and the object each links.
    let mut links: Vec<(String, usize, &ObjectPage, crate::diag::Pos)> = Vec::new();
    for s in modules[m].structs() {
        for (i, f) in s.fields.iter().enumerate() {
            let Some(row) = &f.doc.row else { continue };
            if let Some(object) = linked_slug(&row.description, objects)
                && !(object.module == m && object.local == s.name)
            {
                links.push((s.name.clone(), i, object, row.pos));
            }
        }
    }
    // A row named after an object (`Payment Session`) describes `data`.
    for (side, row) in &modules[m].unmatched {
        let Some(slug) = row.names_object() else {
            continue;
        };
        let Some(object) = objects.iter().find(|o| o.slug == slug) else {
            continue;
        };
        let root = side.name();
        if let Some(Item::Struct(s)) = modules[m].item(root)
            && let Some(i) = s.fields.iter().position(|f| f.key == "data")
        {
            links.push((root.to_string(), i, object, row.pos));
        }
    }
    for (owner, i, object, pos) in links {
        let module = &modules[m];
        let Some(Item::Struct(s)) = module.item(&owner) else {
            continue;
        };
        let field = &s.fields[i];
        let Some(Item::Struct(target)) = shared.get(&object.name).cloned() else {
            continue;
        };
        match field.ty.innermost() {
            Ty::Named(local) => {
                let Some(Item::Struct(local_struct)) = module.item(local) else {
                    continue;
                };
                let local = local.clone();
                match merge_plan(
                    &modules[object.module].file,
                    module,
                    local_struct,
                    shared,
                    &target,
                    0,
                ) {
                    Ok(joins) => {
                        // Members the object page does not know: they join
                        // its type, optional; a reviewer should know.
                        for join in &joins {
                            if let Join::Member(owner, f) = join {
                                diagnostics.push(Diagnostic::new(
                                    module.file.clone(),
                                    f.doc.seen_at.unwrap_or(pos),
                                    Severity::Note,
                                    format!(
                                        "`{}` is not on the object page `{}`: it joins the shared `{owner}` as optional",
                                        f.key, object.slug
                                    ),
                                ));
                            }
                        }
                        shared.apply(module, joins);
                        shared.used_by(module, &local, &object.name);
                    }
                    Err(why) => diagnostics.push(Diagnostic::new(
                        module.file.clone(),
                        pos,
                        Severity::Warning,
                        format!(
                            "`{}` links `{}` ({}), but {why}: it keeps a type of its own",
                            field.key, object.slug, object.name
                        ),
                    )),
                }
            }
            Ty::Map | Ty::Value => {
                // Documented as an object the example does not show: the
                // linked type says what it holds.
                let ty = retype(&field.ty, &object.name);
                shared
                    .retypes
                    .entry(module.ident.clone())
                    .or_default()
                    .push((owner, i, ty));
            }
            _ => {}
        }
    }
    // Links to object pages that are not there: say which page to add.
    let module = &modules[m];
    for s in module.structs() {
        for f in &s.fields {
            let Some(row) = &f.doc.row else { continue };
            let missing = row.description.iter().flat_map(|line| {
                line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .filter(|w| w.len() > "-object".len() && w.ends_with("-object"))
                    .filter(|w| !objects.iter().any(|o| o.slug.eq_ignore_ascii_case(w)))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            });
            for slug in missing {
                diagnostics.push(Diagnostic::new(
                    module.file.clone(),
                    row.pos,
                    Severity::Note,
                    format!(
                        "`{}` links `{slug}`, a page not in this set: add the page titled \"{}\" to share its type",
                        f.key,
                        title_of(&slug)
                    ),
                ));
            }
        }
    }
}

/// `payment-session-object` -> `Payment Session Object`.
fn title_of(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// `ty` with its innermost type made `Named(name)` (`Option<Map>` ->
/// `Option<Name>`; an array stays an array).
fn retype(ty: &Ty, name: &str) -> Ty {
    match ty {
        Ty::Option(inner) => Ty::Option(Box::new(retype(inner, name))),
        Ty::Box(inner) => Ty::Box(Box::new(retype(inner, name))),
        Ty::Vec(inner) => Ty::Vec(Box::new(retype(inner, name))),
        Ty::Dict(inner) => Ty::Dict(Box::new(retype(inner, name))),
        _ => Ty::Named(name.to_string()),
    }
}

/// What a page's struct changes in the shared one it becomes.
#[derive(Debug, Clone)]
enum Join {
    /// A member only the page shows joins the shared struct, optional:
    /// (shared struct, field as the page has it).
    Member(String, Box<Field>),
    /// A member the shared struct requires but the page's example leaves
    /// out (or sends as `null`) is optional after all: the example is
    /// evidence that the API does not always send it. (shared struct, key)
    Optional(String, String),
}

type Joins = Vec<Join>;

fn adds_members(joins: &Joins) -> bool {
    joins.iter().any(|j| matches!(j, Join::Member(..)))
}

/// Where two types disagree: the member's path, the page's type, the shared.
/// (member path, the page's type, its line in the page; the object page's
/// type, its line there).
type Conflict = (String, String, Option<u32>, String, Option<u32>);

/// Whether `local` (of `module`) can be the shared struct `target`, nested
/// structs included: the members the two have in common must agree. Returns
/// the members only the page's structs have (to join the shared ones as
/// optional), or why it cannot be.
fn merge_plan(
    object_page: &str,
    module: &Module,
    local: &Struct,
    shared: &Shared,
    target: &Struct,
    depth: usize,
) -> Result<Joins, String> {
    let mut joins = Joins::new();
    plan_into(module, local, shared, target, depth, &mut joins).map_err(
        |(path, a, ours, b, theirs)| {
            let at = |line: Option<u32>| line.map(|l| format!(" (line {l})")).unwrap_or_default();
            format!(
                "its `{path}` is `{a}`{} where the object page ({object_page}) has `{b}`{}",
                at(ours),
                at(theirs)
            )
        },
    )?;
    Ok(joins)
}

fn plan_into(
    module: &Module,
    local: &Struct,
    shared: &Shared,
    target: &Struct,
    depth: usize,
    joins: &mut Joins,
) -> Result<(), Conflict> {
    for t in &target.fields {
        let shown = local.fields.iter().find(|f| f.key == t.key);
        if !t.optional && shown.is_none_or(|f| f.doc.sometimes_absent) {
            joins.push(Join::Optional(target.name.clone(), t.key.clone()));
        }
    }
    for f in &local.fields {
        match target.fields.iter().find(|t| t.key == f.key) {
            Some(t) => {
                compatible(module, &f.ty, shared, &t.ty, depth, joins).map_err(|inner| {
                    match inner {
                        // The conflict is this member's own type.
                        None => (
                            f.key.clone(),
                            f.ty.to_string(),
                            f.doc.seen_at.map(|p| p.line),
                            t.ty.to_string(),
                            t.doc.row.as_ref().map(|r| r.pos.line),
                        ),
                        // Deeper down: its path from here.
                        Some((path, a, ours, b, theirs)) => {
                            (format!("{}.{path}", f.key), a, ours, b, theirs)
                        }
                    }
                })?;
            }
            None => joins.push(Join::Member(target.name.clone(), Box::new(f.clone()))),
        }
    }
    Ok(())
}

/// Whether a value read as `a` (in `module`) can be read as `b` (a shared
/// type) without losing anything the example shows.
fn compatible(
    module: &Module,
    a: &Ty,
    shared: &Shared,
    b: &Ty,
    depth: usize,
    joins: &mut Joins,
) -> Result<(), Option<Conflict>> {
    if depth > MAX_DEPTH {
        return Err(None);
    }
    let a = module.resolve(a.unwrapped());
    let b = shared.resolve(b.unwrapped());
    let ok = match (a, b) {
        (_, Ty::Value) | (Ty::Value, _) => true,
        (Ty::Vec(x), Ty::Vec(y)) | (Ty::Dict(x), Ty::Dict(y)) => {
            return compatible(module, x, shared, y, depth + 1, joins);
        }
        (Ty::I64 | Ty::U64 | Ty::F64 | Ty::Number, Ty::Number) => true,
        (Ty::I64, Ty::F64 | Ty::U64) => true,
        // A credential on one page is text on the wire on every page.
        (Ty::String | Ty::Secret, Ty::String | Ty::Secret) => true,
        (Ty::String, Ty::Named(y)) => matches!(shared.get(y), Some(Item::Enum(_))),
        (Ty::Named(x), Ty::String) => matches!(module.item(x), Some(Item::Enum(_))),
        (Ty::Map, Ty::Named(y)) => matches!(shared.get(y), Some(Item::Struct(_))),
        // The object page calls it free-form: a map holds whatever it is.
        (Ty::Named(x), Ty::Map) => matches!(module.item(x), Some(Item::Struct(_))),
        (Ty::Named(x), Ty::Named(y)) => match (module.item(x), shared.get(y)) {
            (Some(Item::Struct(l)), Some(Item::Struct(t))) => {
                return plan_into(module, l, shared, t, depth + 1, joins).map_err(Some);
            }
            (Some(Item::Enum(_)), Some(Item::Enum(_))) => true,
            _ => false,
        },
        (x, y) => x == y,
    };
    if ok { Ok(()) } else { Err(None) }
}

/// Structs of other pages that are an object type under another link-less
/// name: the same name, or the same members, and compatible types.
fn adopt_same_shapes(modules: &[Module], object: &ObjectPage, shared: &mut Shared) {
    let Some(Item::Struct(target)) = shared.get(&object.name).cloned() else {
        return;
    };
    if target.fields.len() < 2 {
        return;
    }
    let keys: BTreeSet<&str> = target.fields.iter().map(|f| f.key.as_str()).collect();
    for (m, module) in modules.iter().enumerate() {
        if m == object.module {
            continue;
        }
        let already = shared.uses.get(&module.ident).cloned().unwrap_or_default();
        for s in module.structs() {
            if already.contains_key(&s.name) || is_root(&s.name) {
                continue;
            }
            let own: BTreeSet<&str> = s.fields.iter().map(|f| f.key.as_str()).collect();
            let alike = s.name == object.name || own == keys;
            if !(alike && own.is_subset(&keys)) {
                continue;
            }
            if let Ok(joins) = merge_plan("", module, s, shared, &target, 0)
                && !adds_members(&joins)
            {
                shared.apply(module, joins);
                shared.used_by(module, &s.name, &object.name);
            }
        }
    }
}

/// Types every page has one of, named after the body: never shared by name.
fn is_root(name: &str) -> bool {
    matches!(name, "Request" | "Response" | "Query" | "Headers" | "Call")
}

/// Without an object page: structs of one name with the same members, of
/// the same types, on several pages, become one shared type.
fn share_identical(modules: &[Module], shared: &mut Shared) {
    for _ in 0..MAX_ROUNDS {
        let mut groups: BTreeMap<String, Vec<(usize, Struct)>> = BTreeMap::new();
        for (m, module) in modules.iter().enumerate() {
            let used = shared.uses.get(&module.ident);
            for s in module.structs() {
                if is_root(&s.name) || used.is_some_and(|u| u.contains_key(&s.name)) {
                    continue;
                }
                groups
                    .entry(s.name.clone())
                    .or_default()
                    .push((m, s.clone()));
            }
        }
        let mut shared_any = false;
        for (name, group) in groups {
            if group.len() < 2 {
                continue;
            }
            // The members that agree with the first of the group.
            let (first_m, first) = &group[0];
            let same: Vec<&(usize, Struct)> = group
                .iter()
                .filter(|(m, s)| identical(&modules[*m], s, &modules[*first_m], first, shared))
                .collect();
            if same.len() < 2 || shared.get(&name).is_some() {
                continue;
            }
            let names = shared.adopt(&modules[*first_m], &first.name, &name);
            let optional: BTreeSet<String> = same
                .iter()
                .flat_map(|(_, s)| s.fields.iter().filter(|f| f.optional))
                .map(|f| f.key.clone())
                .collect();
            let Some(shared_name) = names.get(&first.name).cloned() else {
                continue;
            };
            if let Some(t) = shared.get_struct_mut(&shared_name) {
                for f in &mut t.fields {
                    f.optional |= optional.contains(&f.key);
                }
            }
            for (m, s) in same.iter().skip(1) {
                shared.used_by(&modules[*m], &s.name, &shared_name);
            }
            shared_any = true;
        }
        if !shared_any {
            return;
        }
    }
}

/// Same members with the same types (optionality aside), nested types being
/// already the same shared type.
fn identical(ma: &Module, a: &Struct, mb: &Module, b: &Struct, shared: &Shared) -> bool {
    a.fields.len() == b.fields.len()
        && a.fields.iter().all(|fa| {
            b.fields
                .iter()
                .any(|fb| fa.key == fb.key && same_ty(ma, &fa.ty, mb, &fb.ty, shared))
        })
}

fn same_ty(ma: &Module, a: &Ty, mb: &Module, b: &Ty, shared: &Shared) -> bool {
    let (a, b) = (ma.resolve(a.unwrapped()), mb.resolve(b.unwrapped()));
    match (a, b) {
        (Ty::Vec(x), Ty::Vec(y)) | (Ty::Dict(x), Ty::Dict(y)) => same_ty(ma, x, mb, y, shared),
        (Ty::Named(x), Ty::Named(y)) => {
            let ua = shared.uses.get(&ma.ident).and_then(|u| u.get(x));
            let ub = shared.uses.get(&mb.ident).and_then(|u| u.get(y));
            match (ua, ub) {
                (Some(sa), Some(sb)) => sa == sb,
                _ => match (ma.item(x), mb.item(y)) {
                    (Some(Item::Enum(ea)), Some(Item::Enum(eb))) => {
                        x == y && ea.variants == eb.variants
                    }
                    _ => false,
                },
            }
        }
        (x, y) => x == y,
    }
}

fn same_definition(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::Struct(x), Item::Struct(y)) => x.fields == y.fields,
        (Item::Enum(x), Item::Enum(y)) => x.variants == y.variants,
        (Item::Alias(x), Item::Alias(y)) => x.target == y.target,
        _ => false,
    }
}

/// `root` and every item of `module` it reaches, in module order, not
/// looking into the items `stop` says are another's.
fn reach_until(module: &Module, root: &str, stop: impl Fn(&str) -> bool) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![root.to_string()];
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if stop(&name) {
            continue;
        }
        if let Some(item) = module.item(&name) {
            stack.extend(named_in(item));
        }
    }
    module
        .items
        .iter()
        .map(|i| i.name().to_string())
        .filter(|n| seen.contains(n))
        .collect()
}

/// The names an item's types mention.
fn named_in(item: &Item) -> Vec<String> {
    let mut out = Vec::new();
    let mut visit = |ty: &Ty| {
        if let Ty::Named(n) = ty.innermost() {
            out.push(n.clone());
        }
    };
    match item {
        Item::Struct(s) => s.fields.iter().for_each(|f| visit(&f.ty)),
        Item::Alias(a) => visit(&a.target),
        Item::Enum(_) => {}
    }
    out
}

fn rename_refs(item: &mut Item, names: &BTreeMap<String, String>) {
    fn rename(ty: &mut Ty, names: &BTreeMap<String, String>) {
        match ty {
            Ty::Named(n) => {
                if let Some(new) = names.get(n) {
                    *n = new.clone();
                }
            }
            Ty::Vec(inner) | Ty::Dict(inner) | Ty::Option(inner) | Ty::Box(inner) => {
                rename(inner, names)
            }
            _ => {}
        }
    }
    match item {
        Item::Struct(s) => s.fields.iter_mut().for_each(|f| rename(&mut f.ty, names)),
        Item::Alias(a) => rename(&mut a.target, names),
        Item::Enum(_) => {}
    }
}

fn set_name(item: &mut Item, name: &str) {
    match item {
        Item::Struct(s) => s.name = name.to_string(),
        Item::Enum(e) => e.name = name.to_string(),
        Item::Alias(a) => a.name = name.to_string(),
    }
}

fn qualified(module: &str, origins: &[String]) -> Vec<String> {
    origins.iter().map(|o| format!("{module}: {o}")).collect()
}

fn qualify_origins(item: &mut Item, module: &str) {
    let origins = match item {
        Item::Struct(s) => &mut s.origins,
        Item::Enum(e) => &mut e.origins,
        Item::Alias(a) => &mut a.origins,
    };
    *origins = qualified(module, origins);
}

/// Boxes every field through which a struct contains itself without a
/// `Vec` or map in between: such a type would have no size.
fn box_cycles(items: &mut [Item]) {
    // Direct edges: struct -> structs its unboxed fields hold by value.
    let direct = |ty: &Ty| -> Option<String> {
        match ty {
            Ty::Option(inner) => match &**inner {
                Ty::Named(n) => Some(n.clone()),
                _ => None,
            },
            Ty::Named(n) => Some(n.clone()),
            _ => None,
        }
    };
    let resolve = |items: &[Item], name: &str| -> Option<String> {
        let mut name = name.to_string();
        for _ in 0..=items.len() {
            match items.iter().find(|i| i.name() == name) {
                Some(Item::Alias(a)) => name = direct(&a.target)?,
                Some(Item::Struct(_)) => return Some(name),
                _ => return None,
            }
        }
        None
    };
    let edges = |items: &[Item], name: &str| -> Vec<String> {
        match items.iter().find(|i| i.name() == name) {
            Some(Item::Struct(s)) => s
                .fields
                .iter()
                .filter(|f| !f.boxed)
                .filter_map(|f| direct(&f.ty))
                .filter_map(|n| resolve(items, &n))
                .collect(),
            _ => Vec::new(),
        }
    };
    let mut to_box = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Item::Struct(s) = item else { continue };
        for (j, f) in s.fields.iter().enumerate() {
            let Some(start) = direct(&f.ty).and_then(|n| resolve(items, &n)) else {
                continue;
            };
            // Does the field's type lead back to this struct?
            let mut seen = BTreeSet::new();
            let mut stack = vec![start];
            while let Some(name) = stack.pop() {
                if name == s.name {
                    to_box.push((i, j));
                    break;
                }
                if seen.insert(name.clone()) {
                    stack.extend(edges(items, &name));
                }
            }
        }
    }
    for (i, j) in to_box {
        if let Item::Struct(s) = &mut items[i] {
            s.fields[j].boxed = true;
        }
    }
}
