//! A request read at run time as the generated code reads it: does this JSON
//! body read into the page's `Request` and pass its `validate()`, are the
//! mandatory headers and query parameters there? For a server that takes
//! any pages when it starts (`pivot mock`), so it cannot compile them: it
//! interprets each [`Page`] (the engine's model of it) instead.
//!
//! The reading is serde's, type by type, as the derives the emit stage
//! writes would do it:
//!
//! - a struct reads from an object: a required member must be there, an
//!   optional one may be absent or `null`, an unknown one is ignored, a
//!   known one sent twice is refused; serde also reads a struct from an
//!   array of its fields in order, so that is read too;
//! - `i64` takes integers in its range, `u64` non-negative ones, `f64` and
//!   `serde_json::Number` any number; text, a credential and an enum take
//!   strings (an enum any string: the undocumented ones are its `Other`);
//!   `serde_json::Value` anything, a map an object, a `Vec` an array;
//! - types of a linked object page through the page's copies of them, as
//!   the generated code reaches the object page's type.
//!
//! Then the rules, as `validate()` checks them: each field's checked
//! constraints on its value when it is there, [`Rule::AtLeastOne`] on the
//! struct, with the runtime's judgement (`pivot_runtime::__private::rules`,
//! the one the engine uses on the pages' examples) and the same JSON
//! paths (`customer.phoneNumber.number`, `items[0].name`).
//!
//! Where the generated code stops at the first misfit (serde) or reports
//! only rules (`validate()`), this reports everything at once: a body
//! accepted here is one the generated code accepts, and the other way round
//! (`pivot-mock/tests/wire.rs` holds the two together on made-up pages).
//! One difference is deliberate: a document nested past serde_json's depth
//! limit is refused here even where the generated code would skip it as an
//! unknown member.

use std::fmt;

mod page;
mod reader;

pub use page::{Page, Segment};

use crate::model::Rule;

/// What a request sent, besides the method and path the route matched.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts<'a> {
    /// The query parameters, decoded, in order.
    pub query: &'a [(String, String)],
    /// The headers (names in any case).
    pub headers: &'a [(String, String)],
    /// The body; `None` or empty when nothing was sent.
    pub body: Option<&'a [u8]>,
}

/// Where a violation is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// In the JSON body, at this path (`amount.value`, `items[0].name`);
    /// empty for the body itself.
    Body(String),
    /// A request header, named as the page documents it.
    Header(String),
    /// A query parameter.
    Query(String),
}

impl Place {
    /// The name a client knows the place by: the body's JSON path (`.` for
    /// the body itself), the header's or the query parameter's name.
    pub fn field(&self) -> &str {
        match self {
            Place::Body(path) if path.is_empty() => ".",
            Place::Body(name) | Place::Header(name) | Place::Query(name) => name,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Body(path) if path.is_empty() => f.write_str("the body"),
            Place::Body(path) => write!(f, "`{path}`"),
            Place::Header(name) => write!(f, "header `{name}`"),
            Place::Query(name) => write!(f, "query parameter `{name}`"),
        }
    }
}

/// What is wrong at a [`Place`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The body is not JSON: serde_json's message, with line and column.
    NotJson(String),
    /// The page's call has a JSON body, and none was sent.
    NoBody,
    /// A required member, header or query parameter is absent.
    Missing,
    /// There, but not a value its type reads.
    Type {
        /// What the type reads (`an integer`, `a string`).
        expected: String,
        /// What was sent (`a string`, `null`).
        found: String,
    },
    /// A member sent twice, which serde refuses.
    Duplicate,
    /// A struct sent as an array of its fields (which serde reads) with more
    /// items than it has fields.
    TooManyItems {
        /// How many fields the struct has.
        fields: usize,
        /// How many items were sent.
        found: usize,
    },
    /// A documented constraint is broken.
    Rule(Rule),
    /// A struct's either-or is broken: none of these members was sent.
    AtLeastOne(Vec<String>),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotJson(message) => write!(f, "not JSON: {message}"),
            Problem::NoBody => f.write_str("a JSON body is required"),
            Problem::Missing => f.write_str("required but missing"),
            Problem::Type { expected, found } => write!(f, "expected {expected}, found {found}"),
            Problem::Duplicate => f.write_str("sent twice"),
            Problem::TooManyItems { fields, found } => write!(
                f,
                "an array read as a struct of {fields} fields has {found} items"
            ),
            Problem::Rule(rule) => write!(f, "{rule}"),
            Problem::AtLeastOne(keys) => pivot_runtime::__private::rules::at_least_one(keys, f),
        }
    }
}

/// One reason the request is not one the page's call accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where.
    pub place: Place,
    /// What.
    pub problem: Problem,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.problem)
    }
}

/// A request as the page's call reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// Everything that keeps it from reading and validating, field by
    /// field (what a field's value breaks inside it, then the field's own
    /// rules; a struct's either-or rules after its fields): empty when the
    /// generated code accepts it.
    pub violations: Vec<Violation>,
    /// What was sent that the page's types do not know (body members and
    /// query parameters), which serde ignores: how well a request fits a
    /// page, when several pages share a route.
    pub ignored: Vec<Place>,
}

impl Reading {
    /// Whether the generated code accepts the request.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }
}
