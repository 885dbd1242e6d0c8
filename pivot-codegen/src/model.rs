//! The generated API of one page, as data: what [`crate::infer`] decides and
//! [`crate::expand`] writes out. Everything here is in emission order.

use crate::page::{ParamTable, Side, Url};
use crate::table::Row;

/// One page's module.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// The module's identifier (`create_payment_session`).
    pub ident: String,
    /// The page's file name, for docs and messages.
    pub file: String,
    pub title: Option<String>,
    pub summary: Vec<String>,
    pub method: Option<String>,
    pub url: Option<Url>,
    pub params: Vec<ParamTable>,
    /// The example bodies as strict JSON, request first.
    pub examples: Vec<Example>,
    pub items: Vec<Item>,
    /// Table rows that document nothing in the example.
    pub unmatched: Vec<(Side, Row)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub side: Side,
    pub json: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Struct(Struct),
    Enum(Enum),
    Alias(Alias),
}

impl Item {
    pub fn name(&self) -> &str {
        match self {
            Item::Struct(s) => &s.name,
            Item::Enum(e) => &e.name,
            Item::Alias(a) => &a.name,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub name: String,
    /// The JSON paths this type stands for (`request.amount`, `response.data.amount`).
    pub origins: Vec<String>,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub ident: String,
    /// The wire name, exactly as the example writes it.
    pub key: String,
    /// The field's type without the `Option` of an optional field.
    pub ty: Ty,
    pub optional: bool,
    /// Held in a `Box` because the type contains itself.
    pub boxed: bool,
    pub doc: FieldDoc,
}

impl Field {
    /// The full Rust type, `Option` included.
    pub fn full_ty(&self) -> Ty {
        let inner = if self.boxed {
            Ty::Box(Box::new(self.ty.clone()))
        } else {
            self.ty.clone()
        };
        if self.optional {
            Ty::Option(Box::new(inner))
        } else {
            inner
        }
    }
}

/// What the page says about a field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldDoc {
    /// The table row that documents it.
    pub row: Option<Row>,
    /// The `//` note beside it in the example.
    pub note: Option<String>,
    /// Its value in the example, as compact JSON.
    pub example: Option<String>,
    pub default: Option<String>,
    /// The constraints the row states, which `validate()` checks.
    pub constraints: Vec<crate::constraints::Constraint>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    pub name: String,
    pub origins: Vec<String>,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub ident: String,
    /// The value on the wire.
    pub value: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub name: String,
    pub origins: Vec<String>,
    pub target: Ty,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    Bool,
    I64,
    U64,
    F64,
    String,
    /// Any JSON value.
    Value,
    /// A JSON object with any members.
    Map,
    /// A struct, enum or alias of the same module.
    Named(String),
    Vec(Box<Ty>),
    /// A JSON object used as a dictionary: `BTreeMap<String, T>`.
    Dict(Box<Ty>),
    Option(Box<Ty>),
    Box(Box<Ty>),
}
