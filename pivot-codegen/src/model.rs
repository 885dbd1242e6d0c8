//! Stage 2: the generated API of one page, as data: what the infer stage
//! decides and the emit stage writes out, in emission order, with the
//! questions later stages ask of it answered once, here.

use std::collections::BTreeMap;
use std::fmt;

pub use crate::parse::page::{ParamKind, ParamTable, Side, Url};
pub use crate::parse::table::{DocType, Presence, Row};

/// One page's module.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The module's identifier (`create_payment_session`).
    pub ident: String,
    /// The page's file name, for docs and messages.
    pub file: String,
    /// The page title (`Create Payment Session`).
    pub title: Option<String>,
    /// Summary and free-text lines above the first section.
    pub summary: Vec<String>,
    /// The HTTP method, when the page has one.
    pub method: Option<String>,
    /// The URL line, read.
    pub url: Option<Url>,
    /// Header, query and form tables, in page order.
    pub params: Vec<ParamTable>,
    /// The example bodies as strict JSON, request first.
    pub examples: Vec<Example>,
    /// The structs, enums and aliases, in emission order.
    pub items: Vec<Item>,
    /// Table rows that document nothing in the example.
    pub unmatched: Vec<(Side, Row)>,
    /// The object this page documents, when it is an object page
    /// (`Refund Object`): other pages link its type.
    pub object: Option<ObjectType>,
    /// The items of the object pages this page links that its types reach,
    /// copied so that questions about this module find them; their code is
    /// their own page's. Their types name each other as [`Ty::Linked`].
    pub linked: BTreeMap<ItemRef, Item>,
}

/// The type an object page (`Refund Object`) documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectType {
    /// The type's name, from the page title (`Refund`); the crate root
    /// re-exports it under this name.
    pub name: String,
    /// How other pages link the page (`refund-object`).
    pub slug: String,
    /// The struct of the page that is the object, by its name in the
    /// page's module: `name`, unless another type of the page has it.
    pub item: String,
}

/// An item of another page's module, which a page's types name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    /// The module that defines it (`object_refund`).
    pub module: String,
    /// Its name there (`TransferDestination`).
    pub name: String,
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.module, self.name)
    }
}

impl Module {
    /// A module with nothing in it, to compare against.
    pub fn empty(ident: &str) -> Module {
        Module {
            ident: ident.to_string(),
            file: String::new(),
            title: None,
            summary: Vec::new(),
            method: None,
            url: None,
            params: Vec::new(),
            examples: Vec::new(),
            items: Vec::new(),
            unmatched: Vec::new(),
            object: None,
            linked: BTreeMap::new(),
        }
    }

    /// The struct, enum or alias called `name`.
    pub fn item(&self, name: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.name() == name)
    }

    /// The item a named type stands for: one of this module's, or a linked
    /// page's.
    pub fn named(&self, ty: &Ty) -> Option<&Item> {
        match ty {
            Ty::Named(name) => self.item(name),
            Ty::Linked(at) => self.linked.get(at),
            _ => None,
        }
    }

    /// `ty` with aliases followed (`Price` -> `Amount`), into linked pages
    /// too. An alias chain visits each item at most once, so its length is
    /// bounded by the item count, which also stops a (malformed) cycle.
    pub fn resolve<'a>(&'a self, ty: &'a Ty) -> &'a Ty {
        let mut ty = ty;
        for _ in 0..=self.items.len() + self.linked.len() {
            match self.named(ty) {
                Some(Item::Alias(alias)) => ty = &alias.target,
                _ => return ty,
            }
        }
        ty
    }

    /// The struct `ty` names, through aliases.
    pub fn struct_of(&self, ty: &Ty) -> Option<&Struct> {
        match self.named(self.resolve(ty))? {
            Item::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// The enum `ty` names, through aliases.
    pub fn enum_of(&self, ty: &Ty) -> Option<&Enum> {
        match self.named(self.resolve(ty))? {
            Item::Enum(e) => Some(e),
            _ => None,
        }
    }

    /// The struct inside `ty`, under any `Option`, `Vec`, map or `Box`.
    pub fn contained_struct(&self, ty: &Ty) -> Option<&Struct> {
        self.struct_of(ty.innermost())
    }

    /// What a field of type `ty` holds at run time (`Option`/`Box` and
    /// aliases looked through), which decides what a limit counts.
    pub fn holds(&self, ty: &Ty) -> Holds {
        match self.resolve(ty.unwrapped()) {
            Ty::String | Ty::Secret => Holds::Text,
            Ty::I64 | Ty::U64 => Holds::Integer,
            Ty::Vec(_) => Holds::List,
            named @ (Ty::Named(_) | Ty::Linked(_)) => match self.named(named) {
                Some(Item::Enum(_)) => Holds::EnumText,
                _ => Holds::Other,
            },
            _ => Holds::Other,
        }
    }

    /// The struct of the page's query parameters.
    pub fn query(&self) -> Option<&Struct> {
        self.structs().find(|s| s.origins == [Origin::Query])
    }

    /// The struct of the page's request headers (those without a fixed value).
    pub fn headers(&self) -> Option<&Struct> {
        self.structs().find(|s| s.origins == [Origin::Headers])
    }

    /// The call of a page with a Pivot URL: path parameters, query, headers, body.
    pub fn call(&self) -> Option<&Struct> {
        self.structs().find(|s| s.origins == [Origin::Call])
    }

    /// The request headers whose value the page fixes (`Content-Type:
    /// application/json`), with that value: sent by every call as they are.
    pub fn fixed_headers(&self) -> Vec<(&str, String)> {
        let mut out: Vec<(&str, String)> = Vec::new();
        let rows = self
            .params
            .iter()
            .filter(|t| t.kind == ParamKind::Header && t.side == Side::Request)
            .flat_map(|t| &t.rows);
        for row in rows {
            if let Some(value) = fixed_header_value(row)
                && !out
                    .iter()
                    .any(|(name, _)| name.eq_ignore_ascii_case(&row.name))
            {
                out.push((&row.name, value));
            }
        }
        out
    }

    /// Each struct of the module, in emission order.
    pub fn structs(&self) -> impl Iterator<Item = &Struct> {
        self.items.iter().filter_map(|item| match item {
            Item::Struct(s) => Some(s),
            _ => None,
        })
    }
}

/// What a generated type stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Data at a JSON path of a body.
    Body(JsonPath),
    /// The query parameters (`Query`).
    Query,
    /// One query parameter (the values of `status`): its name.
    QueryParam(String),
    /// The request headers the caller supplies (`Headers`).
    Headers,
    /// A whole call (`Call`).
    Call,
}

impl Origin {
    /// `request.amount, response.data.amount`: the list every message and
    /// doc comment prints.
    pub fn list(origins: &[Origin]) -> String {
        let names: Vec<String> = origins.iter().map(Origin::to_string).collect();
        names.join(", ")
    }

    /// The JSON path, for data in a body.
    pub fn path(&self) -> Option<&JsonPath> {
        match self {
            Origin::Body(path) => Some(path),
            _ => None,
        }
    }

    /// The body it is in: query parameters, headers and the call are sent.
    pub fn side(&self) -> Option<Side> {
        match self {
            Origin::Body(path) => Some(path.side),
            Origin::Query | Origin::QueryParam(_) | Origin::Headers | Origin::Call => {
                Some(Side::Request)
            }
        }
    }
}

/// `request.customer.phoneNumber`, `query.status`, `headers`, `call`.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Body(path) => path.fmt(f),
            Origin::Query => f.write_str("query"),
            Origin::QueryParam(name) => write!(f, "query.{name}"),
            Origin::Headers => f.write_str("headers"),
            Origin::Call => f.write_str("call"),
        }
    }
}

/// Where a value is in a body: the body, then member keys, array items and
/// a dictionary's values (`response.data.chargeDetails[].amount`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JsonPath {
    /// The body.
    pub side: Side,
    /// From the body's root.
    pub steps: Vec<PathStep>,
}

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PathStep {
    /// A member (`.amount`).
    Key(String),
    /// Each item of an array (`[]`).
    Items,
    /// Each value of a dictionary (`.*`).
    AnyValue,
}

impl JsonPath {
    /// A body's root.
    pub fn root(side: Side) -> JsonPath {
        JsonPath {
            side,
            steps: Vec::new(),
        }
    }

    /// This path, one step further.
    pub fn then(&self, step: PathStep) -> JsonPath {
        let mut steps = self.steps.clone();
        steps.push(step);
        JsonPath {
            side: self.side,
            steps,
        }
    }

    /// This path's member `key`.
    pub fn key(&self, key: &str) -> JsonPath {
        self.then(PathStep::Key(key.to_string()))
    }

    /// Whether it is a body's root.
    pub fn is_root(&self) -> bool {
        self.steps.is_empty()
    }
}

/// `request.customer.phoneNumber`, `response.data[]`, `response.rates.*`.
impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.side {
            Side::Request => "request",
            Side::Response => "response",
        })?;
        for step in &self.steps {
            match step {
                PathStep::Key(key) => write!(f, ".{key}")?,
                PathStep::Items => f.write_str("[]")?,
                PathStep::AnyValue => f.write_str(".*")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// One example body of the page.
pub struct Example {
    /// Which body it is.
    pub side: Side,
    /// The example as strict, pretty-printed JSON.
    pub json: String,
}

#[derive(Debug, Clone, PartialEq)]
/// One generated type.
pub enum Item {
    /// A struct of named fields.
    Struct(Struct),
    /// An enum of documented values.
    Enum(Enum),
    /// A second name for a type of the same shape.
    Alias(Alias),
}

impl Item {
    /// The item's Rust name.
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Enum(e) => &e.name,
            Item::Alias(a) => &a.name,
        }
    }

    /// What the item stands for.
    pub fn origins(&self) -> &[Origin] {
        match self {
            Item::Struct(s) => &s.origins,
            Item::Enum(e) => &e.origins,
            Item::Alias(a) => &a.origins,
        }
    }

    /// Gives the item another name.
    pub fn set_name(&mut self, name: &str) {
        let slot = match self {
            Item::Struct(s) => &mut s.name,
            Item::Enum(e) => &mut e.name,
            Item::Alias(a) => &mut a.name,
        };
        *slot = name.to_string();
    }

    /// Each type the item's fields (or an alias's target) are written with.
    pub fn types_mut(&mut self) -> Vec<&mut Ty> {
        match self {
            Item::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            Item::Alias(a) => vec![&mut a.target],
            Item::Enum(_) => Vec::new(),
        }
    }

    /// Each type the item's fields (or an alias's target) are written with.
    pub fn types(&self) -> Vec<&Ty> {
        match self {
            Item::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            Item::Alias(a) => vec![&a.target],
            Item::Enum(_) => Vec::new(),
        }
    }

    /// Makes every reference to the item `old` of the same module name `new`.
    pub fn rename_refs(&mut self, old: &str, new: &str) {
        for ty in self.types_mut() {
            ty.map_named(&mut |named| match named {
                Ty::Named(n) if n == old => *n = new.to_string(),
                _ => {}
            });
        }
    }

    /// The item as another page that links `home`, its page, sees it: its
    /// references to `home`'s items become [`Ty::Linked`].
    pub fn linked_from(&self, home: &str) -> Item {
        let mut item = self.clone();
        for ty in item.types_mut() {
            ty.map_named(&mut |named| {
                if let Ty::Named(name) = named {
                    *named = Ty::Linked(ItemRef {
                        module: home.to_string(),
                        name: std::mem::take(name),
                    });
                }
            });
        }
        item
    }

    /// The linked items the item names.
    pub fn linked_refs(&self) -> Vec<ItemRef> {
        self.types()
            .into_iter()
            .filter_map(|ty| match ty.innermost() {
                Ty::Linked(at) => Some(at.clone()),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
/// A generated struct.
pub struct Struct {
    /// Its Rust name.
    pub name: String,
    /// The either-or rules the page states of its members: at least one of
    /// them is sent.
    pub at_least_one: Vec<AtLeastOne>,
    /// What this type stands for: JSON paths (`request.amount`,
    /// `response.data.amount`), or the query, headers or call.
    pub origins: Vec<Origin>,
    /// Its fields, in page order.
    pub fields: Vec<Field>,
}

impl Struct {
    /// Its required fields, in page order.
    pub fn required(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| !f.optional)
    }

    /// Whether every field may be absent, so that a value with none of them
    /// set (`Default`) is a valid one.
    pub fn all_optional(&self) -> bool {
        self.required().next().is_none()
    }

    /// Whether only responses carry it: every JSON path it stands for is in
    /// a response body, so no call sends it. A type without known paths
    /// counts as sent.
    pub fn only_received(&self) -> bool {
        !self.origins.is_empty()
            && self
                .origins
                .iter()
                .all(|origin| origin.side() == Some(Side::Response))
    }

    /// The JSON path of its first place in a body, if it is in one.
    pub fn first_path(&self) -> Option<&JsonPath> {
        self.origins.iter().find_map(Origin::path)
    }
}

#[derive(Debug, Clone, PartialEq)]
/// A field of a generated struct.
pub struct Field {
    /// The Rust identifier (`client_reference_id`).
    pub ident: String,
    /// The wire name, exactly as the example writes it.
    pub key: String,
    /// The field's type without the `Option` of an optional field.
    pub ty: Ty,
    /// Whether the member may be absent (`Option<T>`).
    pub optional: bool,
    /// Held in a `Box` because the type contains itself.
    pub boxed: bool,
    /// What the page says about it.
    pub doc: FieldDoc,
}

impl Field {
    /// The rules `validate()` checks on this field: its documented
    /// constraints less those the page's own examples break.
    pub fn checked_rules(&self) -> impl Iterator<Item = &Rule> {
        self.doc
            .constraints
            .iter()
            .filter(|c| c.is_checked())
            .map(|c| &c.rule)
    }

    /// The type as written in the struct, `Box` included, `Option` not.
    pub fn written_ty(&self) -> Ty {
        if self.boxed {
            Ty::Box(Box::new(self.ty.clone()))
        } else {
            self.ty.clone()
        }
    }

    /// The full Rust type, `Box` and `Option` included.
    pub fn full_ty(&self) -> Ty {
        let written = self.written_ty();
        if self.optional {
            Ty::Option(Box::new(written))
        } else {
            written
        }
    }
}

/// What the page says about a field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldDoc {
    /// The table row that documents it.
    pub row: Option<Row>,
    /// Where the example first shows the member; `None` when only a table
    /// row (or a comment) documents it.
    pub seen_at: Option<crate::diag::Pos>,
    /// The JSON path at which the example first shows it
    /// (`response.data.customer.email`).
    pub path: Option<JsonPath>,
    /// The bodies whose examples (or rows) hold it, of those its struct is
    /// in: a type both bodies use may have members only one of them has.
    pub sides: Vec<Side>,
    /// An example leaves the member out, or sends it as `null`, somewhere:
    /// evidence that the API does not always send it.
    pub sometimes_absent: bool,
    /// The `//` note beside it in the example.
    pub note: Option<String>,
    /// Its value in the example, as compact JSON.
    pub example: Option<String>,
    /// The default the description states (`Default to REDIRECT`).
    pub default: Option<String>,
    /// The constraints the row states, which `validate()` checks.
    pub constraints: Vec<Constraint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A generated enum: the documented values, and `Other(String)` for the rest.
pub struct Enum {
    /// Its Rust name.
    pub name: String,
    /// Where it is used.
    pub origins: Vec<Origin>,
    /// The documented values, in page order.
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// One documented value of an enum.
pub struct Variant {
    /// The variant's Rust identifier.
    pub ident: String,
    /// The value on the wire.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
/// `pub type Name = Target;`.
pub struct Alias {
    /// Its Rust name.
    pub name: String,
    /// What it stands for.
    pub origins: Vec<Origin>,
    /// The type it names.
    pub target: Ty,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// A Rust type of the generated code.
pub enum Ty {
    /// `bool`.
    Bool,
    /// `i64`.
    I64,
    /// `u64`, for integers past `i64::MAX`.
    U64,
    /// `f64`.
    F64,
    /// `serde_json::Number`: a documented `Decimal` (integers exactly,
    /// fractions as well).
    Number,
    /// `String`.
    String,
    /// Text that carries a credential (the infer stage's `secrets` rule):
    /// `pivot_runtime::SecretString`, whose `Debug` hides the value.
    Secret,
    /// Any JSON value.
    Value,
    /// A JSON object with any members.
    Map,
    /// A struct, enum or alias of the same module.
    Named(String),
    /// A struct, enum or alias of a page this page links (an object page's),
    /// which the module holds a copy of in [`Module::linked`].
    Linked(ItemRef),
    /// `Vec<T>`, for a JSON array.
    Vec(Box<Ty>),
    /// A JSON object used as a dictionary: `BTreeMap<String, T>`.
    Dict(Box<Ty>),
    /// `Option<T>`.
    Option(Box<Ty>),
    /// `Box<T>`, for a type that contains itself.
    Box(Box<Ty>),
}

impl Ty {
    /// The type without an outer `Option` or `Box`.
    pub fn unwrapped(&self) -> &Ty {
        match self {
            Ty::Option(inner) | Ty::Box(inner) => inner.unwrapped(),
            ty => ty,
        }
    }

    /// Calls `f` on the named type (`Named` or `Linked`) inside every
    /// `Option`, `Vec`, map and `Box`.
    pub fn map_named(&mut self, f: &mut impl FnMut(&mut Ty)) {
        match self {
            Ty::Option(inner) | Ty::Box(inner) | Ty::Vec(inner) | Ty::Dict(inner) => {
                inner.map_named(f)
            }
            Ty::Named(_) | Ty::Linked(_) => f(self),
            _ => {}
        }
    }

    /// The type inside every `Option`, `Vec`, map and `Box`.
    pub fn innermost(&self) -> &Ty {
        match self {
            Ty::Option(inner) | Ty::Box(inner) | Ty::Vec(inner) | Ty::Dict(inner) => {
                inner.innermost()
            }
            ty => ty,
        }
    }
}

/// The type as a reader writes it (`Option<Vec<ChargeDetail>>`), for
/// messages and `pivot diff`; generated code spells paths out in full.
impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Bool => f.write_str("bool"),
            Ty::I64 => f.write_str("i64"),
            Ty::U64 => f.write_str("u64"),
            Ty::F64 => f.write_str("f64"),
            Ty::Number => f.write_str("serde_json::Number"),
            Ty::String => f.write_str("String"),
            Ty::Secret => f.write_str("SecretString"),
            Ty::Value => f.write_str("serde_json::Value"),
            Ty::Map => f.write_str("serde_json::Map"),
            Ty::Named(name) => f.write_str(name),
            Ty::Linked(at) => write!(f, "{at}"),
            Ty::Vec(inner) => write!(f, "Vec<{inner}>"),
            Ty::Dict(inner) => write!(f, "BTreeMap<String, {inner}>"),
            Ty::Option(inner) => write!(f, "Option<{inner}>"),
            Ty::Box(inner) => write!(f, "Box<{inner}>"),
        }
    }
}

/// A rule a page states for a member, as the generated `validate()` checks
/// it: the runtime's own type, so the generator and the generated code
/// share one definition, one judgement and one wording.
/// ([`Rule::AtLeastOne`] concerns several members: it is their struct's,
/// [`Struct::at_least_one`].)
pub use pivot_runtime::Rule;

/// `Choose either to send customerId or customer`: at least one of several
/// members of a struct is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtLeastOne {
    /// Their wire names, in field order.
    pub keys: Vec<String>,
    /// The description line that says so.
    pub line: String,
    /// The JSON path of an example object that sends none of them: such a
    /// rule is documented, not checked.
    pub broken_by_example: Option<String>,
}

impl AtLeastOne {
    /// Whether `validate()` checks it.
    pub fn is_checked(&self) -> bool {
        self.broken_by_example.is_none()
    }
}

/// `at least one of `a`, `b` is sent`: the runtime's wording.
impl fmt::Display for AtLeastOne {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        pivot_runtime::__private::rules::at_least_one(&self.keys, f)
    }
}

/// Where on the page a rule was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSource {
    /// The character-limit cell (`1-255`).
    LimitCell(String),
    /// The type cell (`Alphanumeric`).
    TypeCell(String),
    /// A description line.
    Description(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A documented constraint of a field, and whether the page's own example keeps it.
pub struct Constraint {
    /// What is required.
    pub rule: Rule,
    /// Where the page says so.
    pub source: RuleSource,
    /// The example value that breaks the rule, as compact JSON: such a rule
    /// is documented, not checked.
    pub broken_by_example: Option<String>,
}

impl Constraint {
    /// Whether `validate()` checks it (the page's example does not break it).
    pub fn is_checked(&self) -> bool {
        self.broken_by_example.is_none()
    }
}

/// The value of a `Content-Type` or `Accept` header whose row documents
/// a single media type (`application/json`, `application/JSON`), lower-cased
/// (media types are case-insensitive); such a header is filled in, not asked
/// for. Any other header is the caller's to set.
pub fn fixed_header_value(row: &Row) -> Option<String> {
    let name = row.name.to_ascii_lowercase();
    if name != "content-type" && name != "accept" {
        return None;
    }
    let [value] = row.description.as_slice() else {
        return None;
    };
    let value = value.trim();
    let (kind, sub) = value.split_once('/')?;
    let token = |t: &str| {
        !t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.'))
    };
    (token(kind) && token(sub)).then(|| value.to_ascii_lowercase())
}

/// What a field holds at run time, which decides what a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// A string.
    Text,
    /// An enum, checked through its wire value.
    EnumText,
    /// An integer.
    Integer,
    /// An array.
    List,
    /// Anything else: no length applies.
    Other,
}
