//! Field tables, written one cell per line.
//!
//! Two families exist: with a header row (`Parameter`, `Data Type`, ...) and
//! without. Cells may be empty (and are then simply missing), descriptions run
//! over several lines, so a row is found by its shape: a name, then a type, then
//! optionally a character limit and a presence, then any number of description
//! lines up to the next row.

use crate::diag::{Ctxt, Pos};

/// One line of a page with its position (the text is trimmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub pos: Pos,
    pub text: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// Whether a documented member must be sent.
pub enum Presence {
    /// `M`, `Mandatory`, `Required`, `YES`.
    Mandatory,
    /// `O`, `Optional`.
    Optional,
    /// `C`, `Conditional`: sent in some cases only.
    Conditional,
    /// `Auto Generated`: set by the API, which always sends it in a response.
    Generated,
}

impl Presence {
    /// The presence in lower case (`mandatory`).
    pub fn word(self) -> &'static str {
        match self {
            Presence::Mandatory => "mandatory",
            Presence::Optional => "optional",
            Presence::Conditional => "conditional",
            Presence::Generated => "auto generated",
        }
    }
}

/// One documented field (or header, or query parameter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The name cell (`clientReferenceId`, `customer.phoneNumber.number`).
    pub name: String,
    /// Where the row starts.
    pub pos: Pos,
    /// The documented type, as written (`Alphanumeric`, `Array of Objects`).
    pub ty: Option<String>,
    /// The character-limit cell (`1-255`, `3`, `16,2`); `-` is kept out.
    pub limit: Option<String>,
    /// The presence cell, read.
    pub presence: Option<Presence>,
    /// The presence cell as written (`C, Required if ...`).
    pub presence_text: Option<String>,
    /// The description, one entry per line.
    pub description: Vec<String>,
}

impl Row {
    /// The object page this row stands for, when it is named after one
    /// rather than after a member (`Payment Session`, `Refund`, linking
    /// `payment-session-object`, `refund-object`): its slug.
    pub fn names_object(&self) -> Option<String> {
        if !self.name.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        let own = format!("{} object", self.name)
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let links = self.description.iter().any(|line| {
            line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|word| word.eq_ignore_ascii_case(&own))
        });
        links.then_some(own)
    }

    /// The object page a member's row links by its slug (`amount-object`,
    /// `Payout Object. Refers to payout-object`), lower-cased. Only a row
    /// documenting an object or an array (or not saying its type) links: a
    /// `Boolean` whose description mentions `customer-object` in passing
    /// does not hold a customer.
    pub fn linked_slug(&self) -> Option<String> {
        if self
            .doc_type()
            .is_some_and(|ty| !matches!(ty, DocType::Object | DocType::Array { .. }))
        {
            return None;
        }
        self.description.iter().find_map(|line| {
            line.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .find(|word| {
                    word.len() > "-object".len() && word.to_ascii_lowercase().ends_with("-object")
                })
                .map(str::to_ascii_lowercase)
        })
    }

    /// Whether the object page says only responses carry the member:
    /// `Auto Generated`, or `*Shown on response only`. A request that is
    /// the object leaves it out.
    pub fn response_only(&self) -> bool {
        self.presence == Some(Presence::Generated)
            || self
                .description
                .iter()
                .any(|line| line.to_ascii_lowercase().contains("response only"))
    }

    /// What the row's type cell documents.
    pub fn doc_type(&self) -> Option<DocType> {
        self.ty.as_deref().and_then(DocType::of)
    }

    /// The row's name as path segments: `accountInfos[].balance.currency` ->
    /// `accountInfos`, `balance`, `currency`.
    pub fn path(&self) -> Vec<&str> {
        self.name
            .split('.')
            .map(|s| s.trim_end_matches("[]").trim())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

const HEADER_CELLS: &[&str] = &[
    "parameter",
    "parameters",
    "field",
    "name",
    "key",
    "value",
    "header",
    "data type",
    "type",
    "character limit",
    "length",
    "requirement",
    "required",
    "mandatory",
    "description",
    "example value",
    "example",
    "notes",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Type,
    Limit,
    Presence,
    Description,
    Other,
}

/// The column a header cell names. Header cells are written in title case
/// (`Parameter`, `Data Type`), which tells them from a first row whose field is
/// called `name` or `type`; misspellings such as `Paremeter` are accepted.
fn column_of(cell: &str) -> Option<Column> {
    let cell = cell.trim();
    if !cell.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let lower = cell.to_ascii_lowercase();
    // The lengths alone rule most cells out (the names are ASCII, so their
    // length counts characters); `edit_distance` is the costly part.
    let chars = lower.chars().count();
    let known = HEADER_CELLS.iter().find(|h| {
        **h == lower
            || (h.len() >= 6
                && h.len().abs_diff(chars) <= 2
                && crate::text::edit_distance(h, &lower) <= 2)
    })?;
    Some(match *known {
        "parameter" | "parameters" | "field" | "name" | "key" | "header" => Column::Name,
        "data type" | "type" => Column::Type,
        "character limit" | "length" => Column::Limit,
        "requirement" | "required" | "mandatory" => Column::Presence,
        "description" => Column::Description,
        _ => Column::Other,
    })
}

/// What a documented type cell says, read from its first word
/// (`Array of Objects`, `String (ISO 8601)`, `Strin` (sic)): the one place
/// the pages' type words are classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocType {
    /// `String`, `UUID`, `Enum`.
    Text,
    /// `Alphanumeric`: text of ASCII letters and digits.
    Alphanumeric,
    /// `Numeric`: digits, sent as text or as a number depending on the page.
    Numeric,
    /// `Integer`, `Int`, `Long`.
    Integer,
    /// `Decimal`, `Number`, `Float`, `Double`: text or a number, depending on
    /// the page.
    Decimal,
    /// `Boolean`.
    Boolean,
    /// `Object`, `Map`.
    Object,
    /// `Array`, `List`, and whether its items are documented as objects.
    Array {
        /// `Array of Objects`.
        of_objects: bool,
    },
    /// `Date`, `Datetime`, `Timestamp`, `Time`: text on the wire.
    Time,
}

impl DocType {
    /// The type a cell documents, or `None` when its first word is no type.
    pub fn of(cell: &str) -> Option<DocType> {
        let lower = cell.trim().to_ascii_lowercase();
        let first: String = lower
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        Some(match first.as_str() {
            "string" | "strin" | "str" | "uuid" | "enum" => DocType::Text,
            "alphanumeric" => DocType::Alphanumeric,
            "numeric" => DocType::Numeric,
            "integer" | "int" | "long" => DocType::Integer,
            "number" | "decimal" | "float" | "double" => DocType::Decimal,
            "boolean" | "bool" => DocType::Boolean,
            "object" | "map" => DocType::Object,
            "array" | "list" => DocType::Array {
                of_objects: lower.contains("object"),
            },
            "date" | "datetime" | "timestamp" | "time" => DocType::Time,
            _ => return None,
        })
    }

    /// Whether values of this type are text on the wire whatever the page.
    /// Numbers are left out on purpose: pages document amounts as `Decimal`
    /// and send them as strings as often as not.
    pub fn is_text(self) -> bool {
        matches!(self, DocType::Text | DocType::Alphanumeric | DocType::Time)
    }
}

/// `String`, `Array of Objects`, `String (ISO 8601)`, `Enum`, `Strin` (sic).
pub fn is_type_cell(text: &str) -> bool {
    if DocType::of(text).is_none() || text.len() > 40 {
        return false;
    }
    let outside_parens = text.split('(').next().unwrap_or(text);
    outside_parens.split_whitespace().count() <= 4 && !text.ends_with([':', '.'])
}

/// `M`, `Mandatory`, `O`, `C, Required if ...`, `YES`.
pub fn parse_presence(text: &str) -> Option<Presence> {
    let text = text.trim();
    let (head, rest) = match text.find([',', ' ', '(']) {
        Some(i) => (&text[..i], &text[i..]),
        None => (text, ""),
    };
    let presence = match head.to_ascii_lowercase().as_str() {
        "m" | "mandatory" | "required" | "yes" | "y" => Presence::Mandatory,
        "o" | "optional" | "no" | "n" => Presence::Optional,
        "c" | "conditional" => Presence::Conditional,
        "auto" if rest.trim().eq_ignore_ascii_case("generated") => {
            return Some(Presence::Generated);
        }
        _ => return None,
    };
    // A lone letter followed by prose ("M is the ...") is a description, but
    // "C, Required if ..." is a presence with its condition.
    if head.len() == 1 && !rest.is_empty() && !rest.starts_with(',') {
        return None;
    }
    Some(presence)
}

/// `1-255`, `0-255`, `3`, `-`, `16,2`.
fn is_limit_cell(text: &str) -> bool {
    let t = text.trim();
    t == "-"
        || (!t.is_empty()
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | ',' | ' '))
            && t.starts_with(|c: char| c.is_ascii_digit()))
}

/// A field name: `clientReferenceId`, `accountInfos[].currency`, `X-API-Key`.
fn is_name_cell(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 100
        && text.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '$' || c == '@')
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | '$' | '@'))
}

/// A multi-word name such as `Payment Session` (a row naming another page).
fn is_phrase_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) && is_name_cell(w))
}

/// Reads a table region (the lines between two headings).
pub fn parse(lines: &[Line<'_>], cx: &mut Ctxt) -> Vec<Row> {
    let mut header = Vec::new();
    let mut at = 0;
    while let Some(column) = lines.get(at).and_then(|l| column_of(l.text)) {
        // A column named twice is the first row's field, not the header.
        if header.contains(&column) && column != Column::Other {
            break;
        }
        header.push(column);
        at += 1;
    }
    if header.len() < 2 {
        header.clear();
        at = 0;
    }
    let body = &lines[at..];
    if header.is_empty() || header.contains(&Column::Type) {
        typed_rows(body, cx)
    } else if header.contains(&Column::Presence) && header.last() == Some(&Column::Description) {
        presence_rows(body, cx)
    } else {
        fixed_rows(body, &header, cx)
    }
}

fn row_start_typed(lines: &[Line<'_>], i: usize) -> bool {
    let Some(name) = lines.get(i) else {
        return false;
    };
    let Some(ty) = lines.get(i + 1) else {
        return false;
    };
    if !is_type_cell(ty.text) {
        return false;
    }
    // `String` / `M` / `uuid` / `String`: the `M` is the presence cell of the
    // row above, even though `uuid` reads like a type.
    let after_type = i > 0 && {
        let above = lines[i - 1].text;
        is_type_cell(above) || is_limit_cell(above)
    };
    if after_type && parse_presence(name.text).is_some() {
        return false;
    }
    if is_name_cell(name.text) {
        return true;
    }
    is_phrase_name(name.text)
        && lines
            .get(i + 2)
            .is_some_and(|l| parse_presence(l.text).is_some() || is_limit_cell(l.text))
}

/// Rows of the body-table form: name, type, [limit], [presence], description...
fn typed_rows(lines: &[Line<'_>], cx: &mut Ctxt) -> Vec<Row> {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| row_start_typed(lines, i))
        .collect();
    let starts = drop_overlapping(starts, 2);
    if let Some(&first) = starts.first() {
        warn_skipped(&lines[..first], cx);
    } else {
        warn_skipped(lines, cx);
    }
    let mut rows = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let cells = &lines[start..end];
        let mut rest = &cells[2..];
        let mut limit = None;
        if let Some(first) = rest.first().filter(|l| is_limit_cell(l.text)) {
            if first.text != "-" {
                limit = Some(first.text.to_string());
            }
            rest = &rest[1..];
        }
        let (presence, presence_text) = match rest.first() {
            Some(l) if parse_presence(l.text).is_some() => {
                rest = &rest[1..];
                (parse_presence(l.text), Some(l.text.to_string()))
            }
            _ => (None, None),
        };
        rows.push(Row {
            name: cells[0].text.to_string(),
            pos: cells[0].pos,
            ty: Some(cells[1].text.to_string()),
            limit,
            presence,
            presence_text,
            description: rest.iter().map(|l| l.text.to_string()).collect(),
        });
    }
    rows
}

/// Rows of a header table: name, presence, description...
fn presence_rows(lines: &[Line<'_>], cx: &mut Ctxt) -> Vec<Row> {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            is_name_cell(lines[i].text)
                && lines
                    .get(i + 1)
                    .is_some_and(|l| parse_presence(l.text).is_some())
        })
        .collect();
    let starts = drop_overlapping(starts, 2);
    warn_skipped(&lines[..starts.first().copied().unwrap_or(lines.len())], cx);
    let mut rows = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        rows.push(Row {
            name: lines[start].text.to_string(),
            pos: lines[start].pos,
            ty: None,
            limit: None,
            presence: parse_presence(lines[start + 1].text),
            presence_text: Some(lines[start + 1].text.to_string()),
            description: lines[start + 2..end]
                .iter()
                .map(|l| l.text.to_string())
                .collect(),
        });
    }
    rows
}

/// Rows of a fixed-width table such as `Key` / `Value`.
fn fixed_rows(lines: &[Line<'_>], header: &[Column], cx: &mut Ctxt) -> Vec<Row> {
    let width = header.len().max(1);
    let mut rows = Vec::new();
    for chunk in lines.chunks(width) {
        if chunk.len() < width {
            let pos = chunk[0].pos;
            cx.warning(
                pos,
                format!(
                    "table row `{}` has {} of {width} cells; read what is there",
                    chunk[0].text,
                    chunk.len()
                ),
            );
        }
        let mut row = Row {
            name: chunk[0].text.to_string(),
            pos: chunk[0].pos,
            ty: None,
            limit: None,
            presence: None,
            presence_text: None,
            description: Vec::new(),
        };
        for (column, cell) in header.iter().zip(chunk).skip(1) {
            match column {
                Column::Type => row.ty = Some(cell.text.to_string()),
                Column::Limit => row.limit = Some(cell.text.to_string()),
                Column::Presence => {
                    row.presence = parse_presence(cell.text);
                    row.presence_text = Some(cell.text.to_string());
                }
                _ => row.description.push(cell.text.to_string()),
            }
        }
        rows.push(row);
    }
    rows
}

/// Row starts closer together than a row's minimum size overlap (a name that is
/// itself a type word); keep the first of each run.
fn drop_overlapping(starts: Vec<usize>, min_gap: usize) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(starts.len());
    for s in starts {
        if kept.last().is_none_or(|&last| s >= last + min_gap) {
            kept.push(s);
        }
    }
    kept
}

fn warn_skipped(lines: &[Line<'_>], cx: &mut Ctxt) {
    if let Some(first) = lines.first() {
        cx.warning(
            first.pos,
            format!(
                "{} line(s) before the first table row are not part of any row, starting with `{}`",
                lines.len(),
                first.text
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                pos: Pos::new(i as u32 + 1, 1),
                text: t,
            })
            .collect()
    }

    fn rows(text: &str) -> Vec<Row> {
        let mut cx = Ctxt::new("t");
        let rows = parse(&lines(text), &mut cx);
        cx.finish();
        rows
    }

    #[test]
    fn headerless_rows_with_multi_line_descriptions() {
        let r = rows(
            "clientReferenceId\nAlphanumeric\nM\nUnique reference\nmode\nString\nO\nDefault to REDIRECT\nPossible values are:\nREDIRECT\nAPI",
        );
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].name, "clientReferenceId");
        assert_eq!(r[0].presence, Some(Presence::Mandatory));
        assert_eq!(
            r[1].description,
            [
                "Default to REDIRECT",
                "Possible values are:",
                "REDIRECT",
                "API"
            ]
        );
    }

    #[test]
    fn header_rows_with_limits_and_a_first_field_called_name() {
        let r = rows(
            "Parameter\nData Type\nCharacter Limit\nRequirement\nDescription\nname\nString\n1-255\nM\nName\ntype\nString\n-\nO\nKind",
        );
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(
            (r[0].name.as_str(), r[0].limit.as_deref()),
            ("name", Some("1-255"))
        );
        assert_eq!((r[1].name.as_str(), r[1].limit.as_deref()), ("type", None));
    }

    #[test]
    fn a_presence_cell_is_not_a_row_even_before_a_type_word() {
        let r = rows(
            "data\nObject\nM\nuuid\nString\nM\nUnique ID\nmerchantId\nString\nM\nObject unique identifier\nreferenceId\nString\nM",
        );
        let names: Vec<&str> = r.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["data", "uuid", "merchantId", "referenceId"]);
        assert_eq!(r[2].description, ["Object unique identifier"]);
    }

    #[test]
    fn presence_forms() {
        for (text, want) in [
            ("M", Some(Presence::Mandatory)),
            ("Mandatory", Some(Presence::Mandatory)),
            ("Required", Some(Presence::Mandatory)),
            ("YES", Some(Presence::Mandatory)),
            ("O", Some(Presence::Optional)),
            ("Optional", Some(Presence::Optional)),
            ("C", Some(Presence::Conditional)),
            ("Auto Generated", Some(Presence::Generated)),
            ("Auto generated", Some(Presence::Generated)),
            ("Auto generated based on email", None),
            (
                "C, Required if paymentMethod is CARD",
                Some(Presence::Conditional),
            ),
            ("M is for money", None),
            ("Merchant", None),
        ] {
            assert_eq!(parse_presence(text), want, "{text}");
        }
    }
}
