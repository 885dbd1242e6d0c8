//! The JSON of example bodies, read with positions.
//!
//! A body is read in two passes at most. The first reads it by the rules of
//! JSON plus the leniencies real pages need: `//` comments (a comment on a
//! member's line is kept as that member's note), trailing commas and
//! commented-out members. Text that passes is read exactly as written,
//! whatever its strings hold (`"He said “hi”:"` is a string like any other).
//!
//! Only when that fails does the second pass run, whose heuristics explain the
//! failure: typographic quotes used as JSON quotes, missing commas, notes
//! pasted after a value (`→ not yet`), bare words. Each is reported at its
//! exact line and column, with the edits that repair it where the damage is a
//! known kind; the reader then recovers in the obvious way and goes on, so one
//! pass reports every problem of a block and later stages still get a value.

mod read;
#[cfg(test)]
mod tests;
mod write;

use crate::diag::{Edit, Pos};

use read::{Pass, Reader};
pub use write::to_strict_string;

/// A JSON value with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Json {
    pub pos: Pos,
    pub kind: JsonKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number exactly as written, so nothing is lost to a float round trip.
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub value: Json,
    /// A `//` comment written on the member's line.
    pub note: Option<String>,
    /// The member stands in a whole-line comment (`// "bankCode": "123", -> only
    /// for Korea`): the page documents it without sending it in the example.
    pub commented_out: bool,
}

/// How an integer literal fits Rust's number types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NumberKind {
    I64,
    U64,
    F64,
}

pub fn number_kind(raw: &str) -> NumberKind {
    // serde_json reads `-0` as the float -0.0 to keep its sign.
    if raw.contains(['.', 'e', 'E']) || raw == "-0" {
        NumberKind::F64
    } else if raw.parse::<i64>().is_ok() {
        NumberKind::I64
    } else if raw.parse::<u64>().is_ok() {
        NumberKind::U64
    } else {
        NumberKind::F64
    }
}

/// What is wrong with a body, where, and (for known damage) how to repair it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pos: Pos,
    pub message: String,
    pub repair: Vec<Edit>,
}

/// One body as read: the value (a best effort when there are problems), the
/// number of bytes of the text it consumed, and its problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: Json,
    pub used: usize,
    pub problems: Vec<Problem>,
}

/// Reads one JSON value from `text`, whose first character sits at `start` in
/// the page: strictly first, with the recovery heuristics only if that fails.
pub fn parse(text: &str, start: Pos) -> Parsed {
    let strict = Reader::read(text, start, Pass::Strict);
    if strict.problems.is_empty() {
        return strict;
    }
    Reader::read(text, start, Pass::Recover)
}
