//! What changed between two versions of a page's generated API, and whether
//! each change breaks its users.
//!
//! The bodies are walked from `Request` and `Response` down, member by member,
//! so every change is tied to the JSON path it happens at and judged from the
//! side of a client of the API:
//!
//! - breaking: a member removed, its key renamed, its type changed, an optional
//!   member made required, a new required member in a request, a response
//!   member that may now be absent, an enum value removed, a type removed, the
//!   method or path changed;
//! - additive: a new member in a response, a new optional member in a request,
//!   a request member that may now be left out, a new enum value, a new type,
//!   and anything that only changes docs or examples.
//!
//! A type shared by several paths (one `Customer` for the request and the
//! response) is reported at each of them, since the same change can be
//! harmless on one side and breaking on the other.

use std::fmt;

use crate::Analysis;
use crate::model::{
    AtLeastOne, Enum, Field, FieldDoc, Item, Module, Origin, Row, Side, Struct, Ty,
};
use crate::text::edit_distance;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// How a change affects a client of the API.
pub enum Impact {
    /// Code written against the old models may fail to compile or to read responses.
    Breaking,
    /// Nothing written against the old models breaks.
    Additive,
    /// Only docs or examples changed: the API is the same.
    Docs,
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impact::Breaking => "breaking",
            Impact::Additive => "additive",
            Impact::Docs => "docs",
        })
    }
}

/// One change to the generated API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Breaking or additive.
    pub impact: Impact,
    /// Where in the JSON (`request.customer.sureName`); for a type, the paths
    /// it stands for; for the endpoint, the constant's name.
    pub path: String,
    /// The Rust item (`create_payment_session::Customer::sure_name`).
    pub item: String,
    /// What changed, in words.
    pub what: String,
}

impl fmt::Display for Change {
    /// `breaking: request.customerId (m::Request::customer_id): member removed`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}): {}",
            self.impact, self.path, self.item, self.what
        )
    }
}

/// Every change from `old` to `new`, two versions of one page (each
/// analysed with the object pages it links), breaking ones first, each
/// group in the order of the new page.
pub fn pages(old: &Analysis, new: &Analysis) -> Vec<Change> {
    modules(&old.module, &new.module)
}

fn modules(old: &Module, new: &Module) -> Vec<Change> {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    differ.endpoint();
    differ.bodies();
    differ.items();
    differ.module_docs();
    let mut changes = differ.changes;
    changes.sort_by_key(|c| c.impact);
    changes
}

/// A page that only the new version has; `page` is its file name.
pub fn added_page(page: &str, new: &Analysis) -> Change {
    Change {
        impact: Impact::Additive,
        path: page.to_string(),
        item: new.name().to_string(),
        what: "new page, new module".to_string(),
    }
}

/// A page that the new version no longer has; `page` is its file name.
pub fn removed_page(page: &str, old: &Analysis) -> Change {
    Change {
        impact: Impact::Breaking,
        path: page.to_string(),
        item: old.name().to_string(),
        what: "page removed, the module is gone".to_string(),
    }
}

/// How many changes of each impact, for the closing line.
pub fn summary(changes: &[Change]) -> String {
    let count = |impact| changes.iter().filter(|c| c.impact == impact).count();
    let (breaking, additive, docs) = (
        count(Impact::Breaking),
        count(Impact::Additive),
        count(Impact::Docs),
    );
    let api = if breaking + additive == 0 {
        "no API changes".to_string()
    } else {
        format!("{breaking} breaking, {additive} additive")
    };
    match docs {
        0 => api,
        n => format!("{api}; {n} docs or example changes"),
    }
}

struct Differ<'a> {
    old: &'a Module,
    new: &'a Module,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn push(&mut self, impact: Impact, path: &str, item: String, what: String) {
        self.changes.push(Change {
            impact,
            path: path.to_string(),
            item,
            what,
        });
    }

    fn item_path(&self, parts: &[&str]) -> String {
        let mut path = self.new.ident.clone();
        for part in parts {
            path.push_str("::");
            path.push_str(part);
        }
        path
    }

    fn endpoint(&mut self) {
        let method = |m: &Module| m.method.clone().unwrap_or_default();
        let path = |m: &Module| {
            m.url
                .as_ref()
                .and_then(|u| u.path.clone())
                .unwrap_or_default()
        };
        for (name, old, new) in [
            ("METHOD", method(self.old), method(self.new)),
            ("PATH", path(self.old), path(self.new)),
        ] {
            if old != new {
                let item = self.item_path(&[name]);
                self.push(
                    Impact::Breaking,
                    name,
                    item,
                    format!("changed from `{old}` to `{new}`"),
                );
            }
        }
    }

    fn module_docs(&mut self) {
        let (old, new) = (self.old, self.new);
        let mut parts = Vec::new();
        if old.title != new.title || old.summary != new.summary {
            parts.push("title or summary");
        }
        if old.params != new.params {
            parts.push("header or query parameters");
        }
        if old.unmatched != new.unmatched {
            parts.push("table rows without a member");
        }
        if !parts.is_empty() {
            let item = self.new.ident.clone();
            self.push(
                Impact::Docs,
                "(page)",
                item,
                format!("docs changed: {}", parts.join(", ")),
            );
        }
        for side in [Side::Request, Side::Response] {
            let example = |m: &Module| m.examples.iter().find(|e| e.side == side).cloned();
            let (before, after) = (example(old), example(new));
            if before != after && before.is_some() && after.is_some() {
                let name = format!("{}_EXAMPLE", side.name().to_ascii_uppercase());
                let item = self.item_path(&[&name]);
                self.push(
                    Impact::Docs,
                    &side.name().to_ascii_lowercase(),
                    item,
                    "example changed".to_string(),
                );
            }
        }
    }

    /// Types that appear or disappear, or change what kind of type they are.
    fn items(&mut self) {
        for old_item in &self.old.items {
            let name = old_item.name();
            let item = self.item_path(&[name]);
            let paths = Origin::list(old_item.origins());
            match self.new.item(name) {
                None => self.push(Impact::Breaking, &paths, item, "type removed".to_string()),
                Some(new_item) => {
                    if let Some(what) = kind_change((self.old, old_item), (self.new, new_item)) {
                        self.push(Impact::Breaking, &paths, item, what);
                    }
                }
            }
        }
        for new_item in &self.new.items {
            if self.old.item(new_item.name()).is_none() {
                let item = self.item_path(&[new_item.name()]);
                let paths = Origin::list(new_item.origins());
                self.push(Impact::Additive, &paths, item, "new type".to_string());
            }
        }
    }

    fn bodies(&mut self) {
        for side in [Side::Request, Side::Response] {
            let root = Ty::Named(side.name().to_string());
            let name = side.name();
            if self.old.item(name).is_some() && self.new.item(name).is_some() {
                let path = side.name().to_ascii_lowercase();
                self.descend(side, &path, &root, &root, &mut Vec::new());
            }
        }
    }

    /// Compares what two types of one path contain; the types themselves
    /// are already known to be written the same.
    fn descend(
        &mut self,
        side: Side,
        path: &str,
        old: &Ty,
        new: &Ty,
        open: &mut Vec<(String, String)>,
    ) {
        let (old_model, new_model) = (self.old, self.new);
        match (old_model.resolve(old), new_model.resolve(new)) {
            (Ty::Vec(a), Ty::Vec(b)) => self.descend(side, &format!("{path}[]"), a, b, open),
            (Ty::Dict(a), Ty::Dict(b)) => self.descend(side, &format!("{path}.*"), a, b, open),
            (Ty::Option(a), Ty::Option(b)) | (Ty::Box(a), Ty::Box(b)) => {
                self.descend(side, path, a, b, open)
            }
            // An object page's type is the same on both sides: its changes
            // are its own page's, reported there, not on every page that
            // links it.
            (Ty::Linked(a), Ty::Linked(b)) if a == b => {}
            (a @ (Ty::Named(_) | Ty::Linked(_)), b @ (Ty::Named(_) | Ty::Linked(_))) => {
                match (old_model.named(a), new_model.named(b)) {
                    (Some(Item::Struct(x)), Some(Item::Struct(y))) => {
                        let pair = (a.to_string(), b.to_string());
                        // A type that contains itself is compared once per path.
                        if !open.contains(&pair) {
                            open.push(pair);
                            let old = Members::on(side, x, matches!(a, Ty::Named(_)));
                            let new = Members::on(side, y, matches!(b, Ty::Named(_)));
                            self.fields(side, path, old, new, open);
                            open.pop();
                        }
                    }
                    (Some(Item::Enum(x)), Some(Item::Enum(y))) => self.variants(path, x, y),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn fields(
        &mut self,
        side: Side,
        path: &str,
        old: Members<'a>,
        new: Members<'a>,
        open: &mut Vec<(String, String)>,
    ) {
        let item = self.item_path(&[&new.owner.name]);
        self.struct_rules(path, &item, old.owner, new.owner);
        let removed: Vec<&Field> = old
            .fields
            .iter()
            .copied()
            .filter(|f| new.field(&f.key).is_none())
            .collect();
        let added: Vec<&Field> = new
            .fields
            .iter()
            .copied()
            .filter(|f| old.field(&f.key).is_none())
            .collect();
        let (old, new) = (&old, &new);
        let renames = pair_renames(&removed, &added);
        for gone in &removed {
            let member = format!("{path}.{}", gone.key);
            let item = self.item_path(&[&old.owner.name, &gone.ident]);
            match renames.iter().find(|(r, _)| r.key == gone.key) {
                Some((_, now)) => {
                    let what = format!(
                        "key renamed to `{}` (now `{}::{}`)",
                        now.key, new.owner.name, now.ident
                    );
                    self.push(Impact::Breaking, &member, item, what);
                }
                None => {
                    let what = format!("member removed (was `{}`)", gone.full_ty());
                    self.push(Impact::Breaking, &member, item, what);
                }
            }
        }
        for &f in &new.fields {
            let before = old.field(&f.key).or_else(|| {
                renames
                    .iter()
                    .find(|(_, now)| now.key == f.key)
                    .map(|(was, _)| *was)
            });
            match before {
                Some(before) => self.member(side, path, (old.owner, before), (new.owner, f), open),
                None => self.new_member(side, path, new.owner, f),
            }
        }
    }

    fn new_member(&mut self, side: Side, path: &str, owner: &Struct, f: &Field) {
        let member = format!("{path}.{}", f.key);
        let item = self.item_path(&[&owner.name, &f.ident]);
        let ty = f.full_ty();
        let (impact, what) = match (side, f.optional) {
            (Side::Request, false) => (
                Impact::Breaking,
                format!("new required member `{ty}`: requests must now send it"),
            ),
            (Side::Request, true) => (Impact::Additive, format!("new optional member `{ty}`")),
            (Side::Response, _) => (Impact::Additive, format!("new member `{ty}`")),
        };
        self.push(impact, &member, item, what);
    }

    /// One member present in both versions (under its old or its new key).
    fn member(
        &mut self,
        side: Side,
        path: &str,
        (old_owner, old): (&Struct, &Field),
        (new_owner, new): (&Struct, &Field),
        open: &mut Vec<(String, String)>,
    ) {
        let member = format!("{path}.{}", new.key);
        let item = self.item_path(&[&new_owner.name, &new.ident]);
        let (was, now) = (old.written_ty(), new.written_ty());
        if was != now {
            let what = format!(
                "type changed from `{}` to `{}`",
                old.full_ty(),
                new.full_ty()
            );
            self.push(Impact::Breaking, &member, item, what);
            return;
        }
        if old.ident != new.ident && old.key == new.key {
            let what = format!("field renamed from `{}::{}`", old_owner.name, old.ident);
            self.push(Impact::Breaking, &member, item.clone(), what);
        }
        match (old.optional, new.optional, side) {
            (true, false, _) => self.push(
                Impact::Breaking,
                &member,
                item.clone(),
                format!("optional became required: now `{}`", new.full_ty()),
            ),
            (false, true, Side::Request) => self.push(
                Impact::Additive,
                &member,
                item.clone(),
                format!("required became optional: now `{}`", new.full_ty()),
            ),
            (false, true, Side::Response) => self.push(
                Impact::Breaking,
                &member,
                item.clone(),
                format!("may now be absent: now `{}`", new.full_ty()),
            ),
            _ => {}
        }
        self.rules(&member, &item, old, new);
        let docs = doc_changes(&old.doc, &new.doc);
        if !docs.is_empty() {
            let what = format!("docs changed: {}", docs.join(", "));
            self.push(Impact::Docs, &member, item, what);
        }
        self.descend(side, &member, &old.ty, &new.ty, open);
    }

    /// Rules `validate()` checks that came or went: a new one may reject
    /// values that passed before; a lost one (an either-or the page no
    /// longer states) is a promise the API no longer makes.
    fn rules(&mut self, member: &str, item: &str, old: &Field, new: &Field) {
        let checked =
            |f: &Field| -> Vec<String> { f.checked_rules().map(ToString::to_string).collect() };
        self.rule_changes(member, item, checked(old), checked(new));
    }

    /// The either-or rules of a struct that came or went.
    fn struct_rules(&mut self, path: &str, item: &str, old: &Struct, new: &Struct) {
        // An either-or names its members in field order, which is no rule.
        let checked = |s: &Struct| -> Vec<String> {
            let checked = s.at_least_one.iter().filter(|r| r.is_checked());
            checked
                .map(|r| {
                    let mut keys = r.keys.clone();
                    keys.sort();
                    AtLeastOne { keys, ..r.clone() }.to_string()
                })
                .collect()
        };
        self.rule_changes(path, item, checked(old), checked(new));
    }

    fn rule_changes(&mut self, path: &str, item: &str, before: Vec<String>, after: Vec<String>) {
        for rule in before.iter().filter(|r| !after.contains(r)) {
            let what = format!("validation rule removed: {rule}");
            self.push(Impact::Additive, path, item.to_string(), what);
        }
        for rule in after.iter().filter(|r| !before.contains(r)) {
            let what = format!("new validation rule: {rule}");
            self.push(Impact::Breaking, path, item.to_string(), what);
        }
    }

    fn variants(&mut self, path: &str, old: &Enum, new: &Enum) {
        for v in &old.variants {
            if !new.variants.iter().any(|n| n.value == v.value) {
                let item = self.item_path(&[&old.name, &v.ident]);
                let what = format!("enum value `{}` removed", v.value);
                self.push(Impact::Breaking, path, item, what);
            }
        }
        for v in &new.variants {
            if !old.variants.iter().any(|o| o.value == v.value) {
                let item = self.item_path(&[&new.name, &v.ident]);
                let what = format!("new enum value `{}`", v.value);
                self.push(Impact::Additive, path, item, what);
            }
        }
    }
}

/// A struct's members as one side of the API sees them. A page's type
/// that both bodies use (one `Customer` for the request and the response)
/// has members only one body shows: the other side does not have them.
/// An object page's type is the same wherever it is used.
struct Members<'a> {
    owner: &'a Struct,
    fields: Vec<&'a Field>,
}

impl<'a> Members<'a> {
    fn on(side: Side, owner: &'a Struct, own: bool) -> Self {
        let fields = owner
            .fields
            .iter()
            .filter(|f| !own || f.doc.sides.is_empty() || f.doc.sides.contains(&side))
            .collect();
        Members { owner, fields }
    }

    fn field(&self, key: &str) -> Option<&'a Field> {
        self.fields.iter().copied().find(|f| f.key == key)
    }
}

/// A struct that became an enum, or an alias that now stands for another
/// type. A struct that became an object page's struct (an alias of it) is
/// still a struct: what changed in it is said member by member.
fn kind_change(
    (old_model, old): (&Module, &Item),
    (new_model, new): (&Module, &Item),
) -> Option<String> {
    let (was, now) = (kind_of(old_model, old), kind_of(new_model, new));
    (was != now).then(|| format!("type changed from {was} to {now}"))
}

/// What an item is for code that uses it: a struct or an enum, through
/// aliases, or what else an alias names.
fn kind_of(module: &Module, item: &Item) -> String {
    let item = match item {
        Item::Alias(alias) => match module.named(module.resolve(&alias.target)) {
            Some(named) => named,
            None => return format!("an alias of `{}`", module.resolve(&alias.target)),
        },
        item => item,
    };
    match item {
        Item::Struct(_) => "a struct".to_string(),
        Item::Enum(_) => "an enum".to_string(),
        Item::Alias(a) => format!("an alias of `{}`", a.target),
    }
}

/// A removed member and an added one are one renamed member when they have
/// the same type and nearly the same key (`sureName` -> `surname`).
fn pair_renames<'f>(removed: &[&'f Field], added: &[&'f Field]) -> Vec<(&'f Field, &'f Field)> {
    let mut pairs: Vec<(&Field, &Field)> = Vec::new();
    for gone in removed {
        let candidate = added.iter().find(|new| {
            gone.written_ty() == new.written_ty()
                && similar_keys(&gone.key, &new.key)
                && !pairs.iter().any(|(_, taken)| taken.key == new.key)
        });
        if let Some(new) = candidate {
            pairs.push((gone, new));
        }
    }
    pairs
}

fn similar_keys(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let shorter = a.chars().count().min(b.chars().count());
    // Short keys (`id`, `url`) are close to too many others to say.
    a == b || (shorter >= 4 && edit_distance(&a, &b) <= 2)
}

/// The parts of a field's docs that differ. Positions are left out: moving a
/// row down the page changes nothing for a reader.
fn doc_changes(old: &FieldDoc, new: &FieldDoc) -> Vec<&'static str> {
    let mut parts = match (&old.row, &new.row) {
        (None, Some(_)) => vec!["table row added"],
        (Some(_), None) => vec!["table row removed"],
        (Some(a), Some(b)) => row_changes(a, b),
        (None, None) => Vec::new(),
    };
    let checks = [
        ("example note", old.note != new.note),
        ("example value", old.example != new.example),
        ("default", old.default != new.default),
    ];
    parts.extend(
        checks
            .iter()
            .filter(|(_, changed)| *changed)
            .map(|(name, _)| *name),
    );
    parts
}

fn row_changes(old: &Row, new: &Row) -> Vec<&'static str> {
    let checks = [
        ("description", old.description != new.description),
        ("documented type", old.ty != new.ty),
        (
            "documented presence",
            old.presence_text != new.presence_text,
        ),
        ("character limit", old.limit != new.limit),
    ];
    checks
        .iter()
        .filter(|(_, changed)| *changed)
        .map(|(name, _)| *name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_need_close_keys() {
        assert!(similar_keys("sureName", "surname"));
        assert!(similar_keys("CountryCode", "countryCode"));
        assert!(!similar_keys("id", "ip"));
        assert!(!similar_keys("customerId", "paymentType"));
    }
}
