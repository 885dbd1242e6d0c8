//! The walk over a request, type by type, as serde and `validate()` would
//! go (the rules of the module's docs).

use std::fmt;

use pivot_runtime::__private::rules;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Parts, Place, Problem, Reading, Violation};
use crate::infer::{Judged, judge};
use crate::model::{Field, Item, Module, Rule, Side, Struct, Ty};

/// Deeper than serde_json reads (128), so a type containing itself cannot
/// recurse forever.
pub(super) const MAX_DEPTH: usize = 160;

/// A JSON value as serde_json hands it to a visitor: numbers as the
/// visitor sees them (`u64`, `i64` or `f64`), an object's members in order
/// with duplicates kept, since serde refuses a known member sent twice.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    /// A negative integer (serde_json gives non-negative ones as `u64`).
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    fn kind(&self) -> &'static str {
        match self {
            Node::Null => "null",
            Node::Bool(_) => "a boolean",
            Node::Int(_) | Node::UInt(_) => "an integer",
            Node::Float(_) => "a number with a fraction or an exponent",
            Node::Str(_) => "a string",
            Node::Array(_) => "an array",
            Node::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(if value < 0 {
            Node::Int(value)
        } else {
            Node::UInt(value.unsigned_abs())
        })
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::UInt(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        Ok(Node::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::Str(value.to_string()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::Str(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            members.push((key, value));
        }
        Ok(Node::Object(members))
    }
}

/// The walk: the JSON path where it is, what it found.
pub(super) struct Reader<'m> {
    module: &'m Module,
    path: String,
    marks: Vec<usize>,
    reading: Reading,
    /// How many violations are misfits (what serde refuses), not rules.
    misfits: usize,
}

impl<'m> Reader<'m> {
    pub(super) fn new(module: &'m Module) -> Reader<'m> {
        Reader {
            module,
            path: String::new(),
            marks: Vec::new(),
            reading: Reading::default(),
            misfits: 0,
        }
    }

    pub(super) fn finish(self) -> Reading {
        self.reading
    }

    pub(super) fn fail(&mut self, place: Place, problem: Problem) {
        if !matches!(problem, Problem::Rule(_) | Problem::AtLeastOne(_)) {
            self.misfits += 1;
        }
        self.reading.violations.push(Violation { place, problem });
    }

    fn fail_here(&mut self, problem: Problem) {
        self.fail(Place::Body(self.path.clone()), problem);
    }

    /// Goes into the member `key`, as the runtime's `Check::enter` does.
    fn enter(&mut self, key: &str) {
        self.marks.push(self.path.len());
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
    }

    fn enter_index(&mut self, index: usize) {
        self.marks.push(self.path.len());
        self.path.push_str(&format!("[{index}]"));
    }

    fn leave(&mut self) {
        if let Some(mark) = self.marks.pop() {
            self.path.truncate(mark);
        }
    }

    pub(super) fn headers(&mut self, parts: &Parts<'_>) {
        let sent = |name: &str| {
            parts
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        };
        if let Some(s) = self.module.headers() {
            for field in &s.fields {
                match sent(&field.key) {
                    Some(value) => self.param_rules(Place::Header(field.key.clone()), field, value),
                    None if !field.optional => {
                        self.fail(Place::Header(field.key.clone()), Problem::Missing);
                    }
                    None => {}
                }
            }
        }
        let has_body = parts.body.is_some_and(|b| !b.is_empty());
        for (name, fixed) in self.module.fixed_headers() {
            if !name.eq_ignore_ascii_case("content-type") || !has_body {
                continue;
            }
            let media_type = |v: &str| v.split(';').next().unwrap_or("").trim().to_string();
            match sent(name) {
                Some(value) if media_type(value).eq_ignore_ascii_case(&fixed) => {}
                Some(value) => self.fail(
                    Place::Header(name.to_string()),
                    Problem::Type {
                        expected: format!("`{fixed}`"),
                        found: format!("`{}`", media_type(value)),
                    },
                ),
                None => self.fail(Place::Header(name.to_string()), Problem::Missing),
            }
        }
    }

    pub(super) fn query(&mut self, pairs: &[(String, String)]) {
        let fields = self.module.query().map_or(&[][..], |s| &s.fields[..]);
        for field in fields {
            let place = Place::Query(field.key.clone());
            let Some((_, value)) = pairs.iter().find(|(k, _)| *k == field.key) else {
                if !field.optional {
                    self.fail(place, Problem::Missing);
                }
                continue;
            };
            let expected = match self.module.resolve(&field.ty) {
                Ty::I64 if value.parse::<i64>().is_err() => Some("an integer"),
                Ty::Bool if value != "true" && value != "false" => Some("`true` or `false`"),
                _ => None,
            };
            match expected {
                Some(expected) => self.fail(
                    place,
                    Problem::Type {
                        expected: expected.to_string(),
                        found: format!("`{value}`"),
                    },
                ),
                None => self.param_rules(place, field, value),
            }
        }
        for (key, _) in pairs {
            if !fields.iter().any(|f| f.key == *key) {
                self.reading.ignored.push(Place::Query(key.clone()));
            }
        }
    }

    /// The checked rules of a header or query parameter, on its text.
    fn param_rules(&mut self, place: Place, field: &Field, value: &str) {
        let node = match (self.module.resolve(&field.ty), value.parse::<i64>()) {
            (Ty::I64, Ok(n)) if n < 0 => Node::Int(n),
            (Ty::I64, Ok(n)) => Node::UInt(n.unsigned_abs()),
            _ => Node::Str(value.to_string()),
        };
        for rule in field.checked_rules() {
            if !allows(rule, &node) {
                self.fail(place.clone(), Problem::Rule(*rule));
            }
        }
    }

    pub(super) fn body(&mut self, body: &[u8]) {
        let node: Node = match serde_json::from_slice(body) {
            Ok(node) => node,
            Err(e) => {
                self.fail(Place::Body(String::new()), Problem::NotJson(e.to_string()));
                return;
            }
        };
        let root = Ty::Named(Side::Request.name().to_string());
        self.value(&root, &node, 0);
    }

    /// Reads `node` as `ty`; false when it does not read (what is wrong is
    /// recorded), so that no rule is judged on it.
    fn value(&mut self, ty: &Ty, node: &Node, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return true;
        }
        let ty = self.module.resolve(ty);
        let fits = match (ty, node) {
            (Ty::Option(_), Node::Null) => true,
            (Ty::Option(inner) | Ty::Box(inner), node) => return self.value(inner, node, depth),
            (Ty::Value, _) => true,
            (Ty::Bool, Node::Bool(_)) => true,
            (Ty::I64, Node::Int(_)) => true,
            (Ty::I64, Node::UInt(n)) => i64::try_from(*n).is_ok(),
            (Ty::U64, Node::UInt(_)) => true,
            (Ty::F64 | Ty::Number, Node::Int(_) | Node::UInt(_) | Node::Float(_)) => true,
            (Ty::String | Ty::Secret, Node::Str(_)) => true,
            (Ty::Map, Node::Object(_)) => true,
            (Ty::Vec(inner), Node::Array(items)) => {
                let mut all = true;
                for (index, item) in items.iter().enumerate() {
                    self.enter_index(index);
                    all &= self.value(inner, item, depth + 1);
                    self.leave();
                }
                return all;
            }
            (Ty::Dict(inner), Node::Object(members)) => {
                let mut all = true;
                for (key, item) in members {
                    self.enter(key);
                    all &= self.value(inner, item, depth + 1);
                    self.leave();
                }
                return all;
            }
            (named @ (Ty::Named(_) | Ty::Linked(_)), node) => match self.module.named(named) {
                Some(Item::Struct(s)) => return self.structure(s, node, depth),
                Some(Item::Enum(_)) => matches!(node, Node::Str(_)),
                // Aliases are resolved; a name the module does not hold
                // (a malformed module) reads anything, as `Value` would.
                Some(Item::Alias(_)) | None => true,
            },
            _ => false,
        };
        if !fits {
            let found = match (ty, node) {
                (Ty::I64, Node::UInt(_)) => "an integer past the largest i64",
                _ => node.kind(),
            };
            self.fail_here(Problem::Type {
                expected: expected(self.module, ty).to_string(),
                found: found.to_string(),
            });
        }
        fits
    }

    /// A struct, from an object or (as serde reads it too) an array of its
    /// fields in order; then its rules. True when it reads, whatever rules
    /// it breaks.
    fn structure(&mut self, s: &Struct, node: &Node, depth: usize) -> bool {
        // Each field's value, when sent.
        let mut values: Vec<Option<&Node>> = Vec::with_capacity(s.fields.len());
        let before = self.misfits;
        match node {
            Node::Object(members) => {
                for field in &s.fields {
                    let mut sent = members.iter().filter(|(k, _)| *k == field.key);
                    let first = sent.next();
                    self.enter(&field.key);
                    let value = match first {
                        Some((_, value)) => {
                            self.field(field, value, depth);
                            if sent.next().is_some() {
                                self.fail_here(Problem::Duplicate);
                            }
                            Some(value)
                        }
                        None => {
                            if !field.optional {
                                self.fail_here(Problem::Missing);
                            }
                            None
                        }
                    };
                    self.leave();
                    values.push(value);
                }
                for (key, _) in members {
                    if !s.fields.iter().any(|f| f.key == *key) {
                        self.enter(key);
                        self.reading.ignored.push(Place::Body(self.path.clone()));
                        self.leave();
                    }
                }
            }
            Node::Array(items) => {
                for (index, field) in s.fields.iter().enumerate() {
                    self.enter_index(index);
                    let value = match items.get(index) {
                        Some(value) => {
                            self.field(field, value, depth);
                            Some(value)
                        }
                        None => {
                            if !field.optional {
                                self.fail_here(Problem::Missing);
                            }
                            None
                        }
                    };
                    self.leave();
                    values.push(value);
                }
                if items.len() > s.fields.len() {
                    self.fail_here(Problem::TooManyItems {
                        fields: s.fields.len(),
                        found: items.len(),
                    });
                }
            }
            node => {
                self.fail_here(Problem::Type {
                    expected: "an object".to_string(),
                    found: node.kind().to_string(),
                });
                return false;
            }
        }
        // Then `validate()`'s check of the struct itself: each either-or set.
        let sets = s
            .at_least_one
            .iter()
            .filter(|r| r.is_checked())
            .map(|r| &r.keys);
        for keys in sets {
            let present = s.fields.iter().zip(&values).any(|(field, value)| {
                keys.contains(&field.key) && value.is_some_and(|value| *value != Node::Null)
            });
            if !present {
                self.fail_here(Problem::AtLeastOne(keys.clone()));
            }
        }
        self.misfits == before
    }

    /// A field's value, at its place: what serde refuses in it, then, when
    /// it reads and is not `null`, the field's own rules.
    fn field(&mut self, field: &Field, value: &Node, depth: usize) {
        if !self.value(&field.full_ty(), value, depth + 1) || *value == Node::Null {
            return;
        }
        for rule in field.checked_rules() {
            if !allows(rule, value) {
                self.fail_here(Problem::Rule(*rule));
            }
        }
    }
}

/// Whether a value that read as its field's type keeps `rule`, judged as
/// the engine judges the pages' examples.
fn allows(rule: &Rule, value: &Node) -> bool {
    let judged = match value {
        Node::Str(s) => Judged::Text(s),
        Node::Array(items) => Judged::Items(items.len()),
        Node::UInt(n) => Judged::Integer {
            digits: rules::digits(*n),
        },
        Node::Int(n) => Judged::Integer {
            digits: rules::digits(n.unsigned_abs()),
        },
        _ => Judged::Other,
    };
    judge(rule, judged)
}

/// What a type reads, in words.
fn expected(module: &Module, ty: &Ty) -> &'static str {
    match ty {
        Ty::Bool => "a boolean",
        Ty::I64 => "an integer (i64)",
        Ty::U64 => "a non-negative integer",
        Ty::F64 | Ty::Number => "a number",
        Ty::String | Ty::Secret => "a string",
        Ty::Value => "any value",
        Ty::Map | Ty::Dict(_) => "an object",
        Ty::Vec(_) => "an array",
        Ty::Option(inner) | Ty::Box(inner) => expected(module, inner),
        Ty::Named(_) | Ty::Linked(_) => match module.named(ty) {
            Some(Item::Enum(_)) => "a string",
            _ => "an object",
        },
    }
}
