//! Constraints a page states for its fields, which the generated `validate()`
//! checks.
//!
//! They come from three places in a field's table row: the character-limit cell
//! (`1-255`, `20`, `16,2`), the documented type (`Alphanumeric`, `Numeric`) and
//! the description (`allow a maximum 20 characters`, `Length: Max 50`,
//! `Support alphanumeric characters only`, `Choose either to send customerId or
//! customer Object`). Only sentences whose meaning is unambiguous become rules;
//! the rest stays prose in the docs.
//!
//! The page's examples are the ground truth: a rule that the page's own example
//! breaks is kept in the docs as documented-but-unchecked, so `validate()`
//! never rejects what the API itself shows.

use std::collections::BTreeMap;

use crate::diag::Pos;
use crate::json::{self, Json, JsonKind};
use crate::model::{Field, Item, Module, Struct, Ty};
use crate::table::Row;

/// One documented constraint, in the terms the generated `Rule` type uses.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A string (or an enum's wire value) has `min..=max` characters.
    Chars { min: usize, max: usize },
    /// An array has `min..=max` items.
    Items { min: usize, max: usize },
    /// An integer has `min..=max` decimal digits.
    Digits { min: usize, max: usize },
    /// A string is a decimal number of at most `digits` digits, at most
    /// `fraction` of them after the point (a `16,2` limit).
    Decimal { digits: usize, fraction: usize },
    /// ASCII letters and digits only.
    Alphanumeric,
    /// ASCII digits only.
    Numeric,
    /// At least one of these members (wire names, in field order) is sent.
    AtLeastOne(Vec<String>),
}

/// Where on the page a rule was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    LimitCell(String),
    TypeCell(String),
    Description(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constraint {
    pub rule: Rule,
    pub origin: Origin,
    /// The example value that breaks the rule, as compact JSON (or the object
    /// path, for [`Rule::AtLeastOne`]): such a rule is documented, not checked.
    pub broken_by_example: Option<String>,
}

impl Constraint {
    pub fn is_checked(&self) -> bool {
        self.broken_by_example.is_none()
    }
}

/// What a field holds at run time, which decides what a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    Text,
    /// An enum, checked through its wire value.
    EnumText,
    Integer,
    List,
    Other,
}

/// What `ty` (without `Option`/`Box`) holds, aliases followed.
pub fn holds(module: &Module, ty: &Ty) -> Holds {
    match ty {
        Ty::String => Holds::Text,
        Ty::I64 | Ty::U64 => Holds::Integer,
        Ty::Vec(_) => Holds::List,
        Ty::Option(inner) | Ty::Box(inner) => holds(module, inner),
        Ty::Named(name) => match find_item(module, name) {
            Some(Item::Enum(_)) => Holds::EnumText,
            Some(Item::Alias(alias)) if alias.target != *ty => holds(module, &alias.target),
            _ => Holds::Other,
        },
        Ty::Bool | Ty::F64 | Ty::Value | Ty::Map | Ty::Dict(_) => Holds::Other,
    }
}

pub fn find_item<'a>(module: &'a Module, name: &str) -> Option<&'a Item> {
    module.items.iter().find(|item| item.name() == name)
}

/// The struct a type names, through aliases (`Price` -> `Amount`).
pub fn find_struct<'a>(module: &'a Module, ty: &Ty) -> Option<&'a Struct> {
    let mut ty = ty;
    for _ in 0..=module.items.len() {
        let Ty::Named(name) = ty else {
            return None;
        };
        match find_item(module, name)? {
            Item::Struct(s) => return Some(s),
            Item::Alias(alias) => ty = &alias.target,
            Item::Enum(_) => return None,
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Reading rules from a row.

/// The rules a row states for a field holding `holds`; `siblings` are the wire
/// names of the optional fields of the same struct (the field's own included).
pub fn read_row(row: &Row, holds: Holds, siblings: &[&str]) -> Vec<Constraint> {
    let mut out: Vec<Constraint> = Vec::new();
    let mut push = |rule: Rule, origin: Origin| {
        if !out.iter().any(|c| c.rule == rule) {
            out.push(Constraint {
                rule,
                origin,
                broken_by_example: None,
            });
        }
    };
    if let Some(limit) = &row.limit
        && let Some(rule) = limit_rule(limit, holds)
    {
        push(rule, Origin::LimitCell(limit.clone()));
    }
    if let Some(ty) = &row.ty
        && let Some(rule) = type_rule(ty, holds)
    {
        push(rule, Origin::TypeCell(ty.trim().to_string()));
    }
    for line in &row.description {
        for rule in description_rules(line, holds, siblings) {
            push(rule, Origin::Description(line.trim().to_string()));
        }
    }
    out
}

/// A range of counts: `1-255`, `0-20`, or a bare maximum `20`.
fn count_range(cell: &str) -> Option<(usize, usize)> {
    let cell = cell.trim();
    let (min, max) = match cell.split_once('-') {
        Some((min, max)) => (min.trim().parse().ok()?, max.trim().parse().ok()?),
        None => (0, cell.parse().ok()?),
    };
    (min <= max && max > 0).then_some((min, max))
}

fn limit_rule(cell: &str, holds: Holds) -> Option<Rule> {
    if let Some((digits, fraction)) = cell.split_once(',') {
        let digits: usize = digits.trim().parse().ok()?;
        let fraction: usize = fraction.trim().parse().ok()?;
        return (holds == Holds::Text && fraction <= digits && digits > 0)
            .then_some(Rule::Decimal { digits, fraction });
    }
    let (min, max) = count_range(cell)?;
    length_rule(min, max, holds)
}

/// A length limit, in what the field's values are made of.
fn length_rule(min: usize, max: usize, holds: Holds) -> Option<Rule> {
    match holds {
        Holds::Text | Holds::EnumText => Some(Rule::Chars { min, max }),
        Holds::Integer => Some(Rule::Digits { min, max }),
        Holds::List => Some(Rule::Items { min, max }),
        Holds::Other => None,
    }
}

fn type_rule(cell: &str, holds: Holds) -> Option<Rule> {
    if holds != Holds::Text {
        return None;
    }
    match cell.trim().to_ascii_lowercase().as_str() {
        "alphanumeric" => Some(Rule::Alphanumeric),
        "numeric" => Some(Rule::Numeric),
        _ => None,
    }
}

fn description_rules(line: &str, holds: Holds, siblings: &[&str]) -> Vec<Rule> {
    let lower = line.trim().to_ascii_lowercase();
    let mut rules = Vec::new();
    if let Some(max) = max_length(&lower) {
        rules.extend(length_rule(0, max, holds));
    } else if let Some(max) = max_characters(&lower)
        && matches!(holds, Holds::Text | Holds::EnumText)
    {
        rules.push(Rule::Chars { min: 0, max });
    }
    if holds == Holds::Text {
        const ALPHANUMERIC: &[&str] = &[
            "alphanumeric characters only",
            "alphanumeric only",
            "only alphanumeric",
        ];
        const NUMERIC: &[&str] = &[
            "numeric characters only",
            "digits only",
            "only digits",
            "numbers only",
            "only numbers",
        ];
        // "alphanumeric characters only" contains "numeric characters only".
        if ALPHANUMERIC.iter().any(|p| lower.contains(p)) {
            rules.push(Rule::Alphanumeric);
        } else if NUMERIC.iter().any(|p| lower.contains(p)) {
            rules.push(Rule::Numeric);
        }
    }
    rules.extend(either_rule(line, siblings));
    rules
}

/// A line that is only a length: `Max 100`, `Length: Max 50`, `Length Max 70`,
/// `Maximum: 20`.
fn max_length(lower: &str) -> Option<usize> {
    let rest = lower.strip_prefix("length").unwrap_or(lower);
    let rest = rest.trim_start_matches([':', ' ']);
    let rest = rest
        .strip_prefix("maximum")
        .or_else(|| rest.strip_prefix("max"))?;
    let number = rest.trim_start_matches(['.', ':', ' ']);
    number.parse().ok().filter(|&n| n > 0)
}

/// A sentence bounding a character count from above: `allow a maximum 20
/// characters`, `Maximum length ... is 20 characters`, `up to 20 chars`.
fn max_characters(lower: &str) -> Option<usize> {
    const BOUNDS: &[&str] = &["max", "at most", "up to", "no more than"];
    if !BOUNDS.iter().any(|b| lower.contains(b)) || lower.contains("min") {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let mut found = None;
    for pair in words.windows(2) {
        if pair[1].starts_with("char")
            && let Ok(n) = pair[0].parse::<usize>()
        {
            if found.is_some_and(|f| f != n) {
                return None;
            }
            found = Some(n);
        }
    }
    found.filter(|&n| n > 0)
}

/// `Choose either to send customerId or customer Object`: at least one of the
/// sibling members the sentence names. Only optional siblings count: a sentence
/// naming a required one states nothing a build can break.
fn either_rule(line: &str, siblings: &[&str]) -> Option<Rule> {
    let at = line.to_ascii_lowercase().find("either ")?;
    let tail = &line[at..];
    let named: Vec<&str> = tail
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| !word.is_empty())
        .collect();
    let keys: Vec<String> = siblings
        .iter()
        .filter(|key| named.contains(key))
        .map(|key| key.to_string())
        .collect();
    (keys.len() >= 2).then_some(Rule::AtLeastOne(keys))
}

// ---------------------------------------------------------------------------
// Attaching rules to a module and testing them against its examples.

/// Reads the constraints of every documented field of `module` into its docs,
/// then marks those its own examples break.
///
/// A broken one is not a diagnostic: the page is still read correctly, and
/// its docs say which rule is left unchecked and which example value breaks it.
pub fn apply(module: &mut Module) {
    let mut read: Vec<(usize, usize, Vec<Constraint>)> = Vec::new();
    for (i, item) in module.items.iter().enumerate() {
        let Item::Struct(s) = item else { continue };
        let siblings: Vec<&str> = s
            .fields
            .iter()
            .filter(|f| f.optional)
            .map(|f| f.key.as_str())
            .collect();
        for (j, field) in s.fields.iter().enumerate() {
            if let Some(row) = &field.doc.row {
                let found = read_row(row, holds(module, &field.ty), &siblings);
                if !found.is_empty() {
                    read.push((i, j, found));
                }
            }
        }
    }
    for (i, j, constraints) in read {
        if let Item::Struct(s) = &mut module.items[i] {
            s.fields[j].doc.constraints = constraints;
        }
    }
    for ((i, j, k), value) in broken_by_examples(module) {
        if let Item::Struct(s) = &mut module.items[i]
            && let Some(constraint) = s.fields[j].doc.constraints.get_mut(k)
        {
            constraint.broken_by_example = Some(value);
        }
    }
}

/// `(item, field, constraint)` -> the first example value that breaks it.
type Breaks = BTreeMap<(usize, usize, usize), String>;

fn broken_by_examples(module: &Module) -> Breaks {
    let mut breaks = Breaks::new();
    for example in &module.examples {
        // The examples were checked when the page was read; this is their
        // strict re-rendering, so nothing new can be wrong with them here.
        let value = json::parse(&example.json, Pos::default()).value;
        let root = Ty::Named(example.side.name().to_string());
        walk(module, &root, &value, example.side.name(), &mut breaks, 0);
    }
    breaks
}

/// Deeper than any real page; stops a self-containing type from recursing
/// forever on a hostile example.
const MAX_DEPTH: usize = 128;

fn walk(module: &Module, ty: &Ty, value: &Json, path: &str, breaks: &mut Breaks, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    if let Ty::Named(name) = ty
        && let Some(Item::Alias(alias)) = find_item(module, name)
    {
        return walk(module, &alias.target, value, path, breaks, depth + 1);
    }
    match (ty, &value.kind) {
        (_, JsonKind::Null) => {}
        (Ty::Option(inner) | Ty::Box(inner), _) => walk(module, inner, value, path, breaks, depth),
        (Ty::Vec(inner), JsonKind::Array(items)) => {
            for (n, item) in items.iter().enumerate() {
                walk(
                    module,
                    inner,
                    item,
                    &format!("{path}[{n}]"),
                    breaks,
                    depth + 1,
                );
            }
        }
        (Ty::Dict(inner), JsonKind::Object(members)) => {
            for m in members {
                walk(
                    module,
                    inner,
                    &m.value,
                    &format!("{path}.{}", m.key),
                    breaks,
                    depth + 1,
                );
            }
        }
        (Ty::Named(_), JsonKind::Object(members)) => {
            let Some(s) = find_struct(module, ty) else {
                return;
            };
            let Some(index) = module
                .items
                .iter()
                .position(|item| matches!(item, Item::Struct(x) if x.name == s.name))
            else {
                return;
            };
            let member = |key: &str| {
                members
                    .iter()
                    .find(|m| m.key == key)
                    .map(|m| &m.value)
                    .filter(|v| v.kind != JsonKind::Null)
            };
            for (j, field) in s.fields.iter().enumerate() {
                for (k, constraint) in field.doc.constraints.iter().enumerate() {
                    let broken = match &constraint.rule {
                        Rule::AtLeastOne(keys) => (!keys.iter().any(|key| member(key).is_some()))
                            .then(|| path.to_string()),
                        rule => member(&field.key).filter(|v| !allows(rule, v)).map(compact),
                    };
                    if let Some(value) = broken {
                        breaks.entry((index, j, k)).or_insert(value);
                    }
                }
                if let Some(v) = member(&field.key) {
                    let path = format!("{path}.{}", field.key);
                    walk(module, &field.ty, v, &path, breaks, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn compact(value: &Json) -> String {
    let pretty = json::to_strict_string(value);
    let flat: String = pretty.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 60 {
        let cut: String = flat.chars().take(60).collect();
        format!("{cut}...")
    } else {
        flat
    }
}

/// Whether an example value keeps `rule`: the same judgement as the generated
/// checks, which the data-driven tests hold to it. A value of another JSON kind
/// than the rule is about fails deserialization, not the rule.
pub fn allows(rule: &Rule, value: &Json) -> bool {
    match (rule, &value.kind) {
        (Rule::Chars { min, max }, JsonKind::String(s)) => {
            (*min..=*max).contains(&s.chars().count())
        }
        (Rule::Items { min, max }, JsonKind::Array(items)) => (*min..=*max).contains(&items.len()),
        (Rule::Digits { min, max }, JsonKind::Number(raw)) if !raw.contains(['.', 'e', 'E']) => {
            let digits = raw.chars().filter(char::is_ascii_digit).count();
            (*min..=*max).contains(&digits)
        }
        (Rule::Decimal { digits, fraction }, JsonKind::String(s)) => {
            is_decimal(s, *digits, *fraction)
        }
        (Rule::Alphanumeric, JsonKind::String(s)) => s.chars().all(|c| c.is_ascii_alphanumeric()),
        (Rule::Numeric, JsonKind::String(s)) => s.chars().all(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// `-123.45` with at most `digits` digits, `fraction` of them after the point.
/// The generated crate carries the same function.
pub fn is_decimal(s: &str, digits: usize, fraction: usize) -> bool {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (whole, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && all_digits(frac)
        && (!unsigned.contains('.') || !frac.is_empty())
        && frac.len() <= fraction
        && whole.len() + frac.len() <= digits
}

// ---------------------------------------------------------------------------
// Words for docs and messages.

/// The rule in words, as the generated `Rule`'s `Display` writes it.
pub fn describe(rule: &Rule) -> String {
    let range = |min: usize, max: usize, unit: &str| {
        if min == 0 {
            format!("at most {max} {unit}")
        } else if min == max {
            format!("exactly {max} {unit}")
        } else {
            format!("{min} to {max} {unit}")
        }
    };
    match rule {
        Rule::Chars { min, max } => range(*min, *max, "characters"),
        Rule::Items { min, max } => range(*min, *max, "items"),
        Rule::Digits { min, max } => range(*min, *max, "digits"),
        Rule::Decimal { digits, fraction } => {
            format!("a decimal number of at most {digits} digits, {fraction} after the point")
        }
        Rule::Alphanumeric => "ASCII letters and digits only".to_string(),
        Rule::Numeric => "ASCII digits only".to_string(),
        Rule::AtLeastOne(keys) => {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            format!("at least one of {}", keys.join(", "))
        }
    }
}

/// Field doc lines, one per constraint, as markdown (page text escaped).
pub fn doc_lines(field: &Field) -> Vec<String> {
    field
        .doc
        .constraints
        .iter()
        .map(|c| {
            let rule = match &c.rule {
                Rule::AtLeastOne(keys) => {
                    let keys: Vec<String> = keys.iter().map(|k| crate::docs::code(k)).collect();
                    format!("at least one of {} is sent", keys.join(", "))
                }
                rule => crate::docs::escape(&describe(rule)),
            };
            let origin = match &c.origin {
                Origin::LimitCell(cell) => format!("character limit {}", crate::docs::code(cell)),
                Origin::TypeCell(cell) => format!("documented type {}", crate::docs::code(cell)),
                Origin::Description(line) => format!("description: {}", crate::docs::code(line)),
            };
            match &c.broken_by_example {
                None => format!("Constraint, checked by `validate()`: {rule} ({origin})"),
                Some(value) => format!(
                    "Constraint, not checked: {rule} ({origin}); the page's own example breaks it with {}",
                    crate::docs::code(value)
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    fn row(ty: &str, limit: Option<&str>, description: &[&str]) -> Row {
        Row {
            name: "field".to_string(),
            pos: Pos::new(1, 1),
            ty: Some(ty.to_string()),
            limit: limit.map(str::to_string),
            presence: None,
            presence_text: None,
            description: description.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn rules(row: &Row, holds: Holds, siblings: &[&str]) -> Vec<Rule> {
        read_row(row, holds, siblings)
            .into_iter()
            .map(|c| c.rule)
            .collect()
    }

    #[test]
    fn limit_cells_count_what_the_field_holds() {
        let r = |limit: &str, holds| rules(&row("String", Some(limit), &[]), holds, &[]);
        assert_eq!(r("1-255", Holds::Text), [Rule::Chars { min: 1, max: 255 }]);
        assert_eq!(r("20", Holds::Text), [Rule::Chars { min: 0, max: 20 }]);
        assert_eq!(
            r("1-18", Holds::Integer),
            [Rule::Digits { min: 1, max: 18 }]
        );
        assert_eq!(
            r("1-1000", Holds::List),
            [Rule::Items { min: 1, max: 1000 }]
        );
        assert_eq!(
            r("0-10", Holds::EnumText),
            [Rule::Chars { min: 0, max: 10 }]
        );
        assert_eq!(
            r("16,2", Holds::Text),
            [Rule::Decimal {
                digits: 16,
                fraction: 2
            }]
        );
        assert!(r("1-18", Holds::Other).is_empty());
        assert!(r("16,2", Holds::Integer).is_empty());
        assert!(r("9-3", Holds::Text).is_empty());
        assert!(r("0", Holds::Text).is_empty());
    }

    #[test]
    fn documented_types() {
        let r = |ty: &str, holds| rules(&row(ty, None, &[]), holds, &[]);
        assert_eq!(r("Alphanumeric", Holds::Text), [Rule::Alphanumeric]);
        assert_eq!(r("Numeric", Holds::Text), [Rule::Numeric]);
        assert!(r("Numeric", Holds::Integer).is_empty());
        assert!(r("String", Holds::Text).is_empty());
        assert!(r("Number", Holds::Text).is_empty());
    }

    #[test]
    fn prose_limits() {
        let r = |line: &str, holds| rules(&row("String", None, &[line]), holds, &[]);
        assert_eq!(
            r(
                "Statement descriptors allow a maximum 20 characters for all the concatenated characters (including space).",
                Holds::Text
            ),
            [Rule::Chars { min: 0, max: 20 }]
        );
        assert_eq!(
            r(
                "Maximum length each channel code is 20 characters",
                Holds::Text
            ),
            [Rule::Chars { min: 0, max: 20 }]
        );
        assert_eq!(
            r("Length: Max 50", Holds::Text),
            [Rule::Chars { min: 0, max: 50 }]
        );
        assert_eq!(
            r("Length Max 70", Holds::Text),
            [Rule::Chars { min: 0, max: 70 }]
        );
        assert_eq!(
            r("Max 100", Holds::Text),
            [Rule::Chars { min: 0, max: 100 }]
        );
        assert_eq!(
            r("Length: Max 15", Holds::Integer),
            [Rule::Digits { min: 0, max: 15 }]
        );
        assert_eq!(
            r("Support alphanumeric characters only", Holds::Text),
            [Rule::Alphanumeric]
        );
        assert_eq!(r("Digits only", Holds::Text), [Rule::Numeric]);
        assert_eq!(r("Numeric characters only", Holds::Text), [Rule::Numeric]);
    }

    #[test]
    fn prose_that_is_not_a_rule() {
        let r = |line: &str| rules(&row("String", None, &[line]), Holds::Text, &[]);
        assert!(r("Max Range = 31 Days").is_empty());
        assert!(r("Maximum 30 records per page, default is 30 records").is_empty());
        assert!(r("If it's IDR then value includes 2 decimal digits.").is_empty());
        assert!(r("{{file}} → must be .zip, max 20MB").is_empty());
        assert!(r("Minimum 3 and maximum 20 characters").is_empty());
        assert!(r("Maximum Payment Expiry Time").is_empty());
    }

    #[test]
    fn either_names_optional_siblings() {
        let line = "*Choose either to send customerId or customer Object";
        let r = |siblings: &[&str]| rules(&row("String", None, &[line]), Holds::Text, siblings);
        assert_eq!(
            r(&["mode", "customerId", "customer"]),
            [Rule::AtLeastOne(vec![
                "customerId".into(),
                "customer".into()
            ])]
        );
        // `customer` is required: nothing to check.
        assert!(r(&["customerId"]).is_empty());
        assert!(
            rules(
                &row(
                    "Boolean",
                    None,
                    &["Choose either true or false, to void the rest"]
                ),
                Holds::Other,
                &["void", "amount"]
            )
            .is_empty()
        );
    }

    #[test]
    fn the_same_rule_twice_is_one_rule() {
        let r = row("String", Some("0-20"), &["Maximum 20 characters"]);
        assert_eq!(
            rules(&r, Holds::Text, &[]),
            [Rule::Chars { min: 0, max: 20 }]
        );
    }

    /// The validation test page: what is read from it, what its example
    /// breaks, and what the docs say.
    #[test]
    fn constraints_of_a_page_and_its_example() {
        let source = crate::Source {
            display_path: "create_transfer.txt".to_string(),
            stem: "create_transfer".to_string(),
            text: include_str!("../../tests/validation/create_transfer.txt").to_string(),
        };
        let analysis = crate::analyze(&source);
        assert!(
            analysis.diagnostics.is_empty(),
            "{:#?}",
            analysis.diagnostics
        );
        let field = |name: &str, key: &str| -> Field {
            analysis
                .module
                .items
                .iter()
                .find_map(|item| match item {
                    Item::Struct(s) if s.name == name => s.fields.iter().find(|f| f.key == key),
                    _ => None,
                })
                .cloned()
                .unwrap_or_else(|| panic!("{name}.{key}"))
        };
        let note = field("Request", "note");
        assert_eq!(note.doc.constraints.len(), 1);
        assert_eq!(
            note.doc.constraints[0].broken_by_example.as_deref(),
            Some(r#""longer than documented""#)
        );
        assert_eq!(
            doc_lines(&note),
            [
                "Constraint, not checked: at most 5 characters (character limit `5`); the page's own example breaks it with `\"longer than documented\"`"
            ]
        );
        let reference = field("Request", "referenceId");
        assert!(reference.doc.constraints.iter().all(Constraint::is_checked));
        assert_eq!(
            doc_lines(&reference),
            [
                "Constraint, checked by `validate()`: 1 to 20 characters (character limit `1-20`)",
                "Constraint, checked by `validate()`: ASCII letters and digits only (documented type `Alphanumeric`)",
            ]
        );
        let either = field("Request", "beneficiaryId");
        assert_eq!(
            doc_lines(&either),
            [
                "Constraint, checked by `validate()`: at least one of `beneficiaryId`, `beneficiary` is sent (description: `Saved beneficiary *Choose either to send beneficiaryId or beneficiary Object`)"
            ]
        );
        assert_eq!(
            field("Recipient", "name").doc.constraints[0].rule,
            Rule::Chars { min: 1, max: 10 }
        );
    }

    #[test]
    fn an_example_sending_neither_member_unchecks_at_least_one() {
        let page = |b: &str| {
            let text = format!(
                "T\nPOST\n[BASE_URL]/x\nRequest\nRequest Body\n{{\n\"b\": {b},\n\"c\": null\n}}\n\
                 Detail Parameter Request\nb\nString\nO\nChoose either b or c\nc\nString\nO\nChoose either b or c\n"
            );
            let module = crate::analyze(&crate::Source {
                display_path: "t.txt".to_string(),
                stem: "t".to_string(),
                text,
            })
            .module;
            let Some(Item::Struct(request)) = find_item(&module, "Request") else {
                panic!("no Request struct");
            };
            let either = Rule::AtLeastOne(vec!["b".to_string(), "c".to_string()]);
            request
                .fields
                .iter()
                .map(|f| {
                    assert_eq!(f.doc.constraints.len(), 1, "{}", f.key);
                    assert_eq!(f.doc.constraints[0].rule, either);
                    f.doc.constraints[0].is_checked()
                })
                .collect::<Vec<bool>>()
        };
        assert_eq!(page("\"x\""), [true, true]);
        assert_eq!(page("null"), [false, false]);
    }

    #[test]
    fn decimals() {
        assert!(is_decimal("36000", 16, 2));
        assert!(is_decimal("8463186.00", 16, 2));
        assert!(is_decimal("-1.5", 16, 2));
        assert!(!is_decimal("1.234", 16, 2));
        assert!(!is_decimal("1.", 16, 2));
        assert!(!is_decimal(".5", 16, 2));
        assert!(!is_decimal("12345678901234567", 16, 2));
        assert!(!is_decimal("1e5", 16, 2));
        assert!(!is_decimal("", 16, 2));
    }

    #[test]
    fn example_values_are_judged_like_the_generated_checks() {
        let j = |kind| Json {
            pos: Pos::default(),
            kind,
        };
        let s = |text: &str| j(JsonKind::String(text.to_string()));
        assert!(allows(&Rule::Chars { min: 1, max: 3 }, &s("IDR")));
        assert!(!allows(&Rule::Chars { min: 1, max: 3 }, &s("")));
        // Characters, not bytes.
        assert!(allows(&Rule::Chars { min: 0, max: 2 }, &s("éé")));
        assert!(allows(&Rule::Alphanumeric, &s("1743240980")));
        assert!(!allows(&Rule::Alphanumeric, &s("a b")));
        assert!(!allows(&Rule::Numeric, &s("12a")));
        let n = |raw: &str| j(JsonKind::Number(raw.to_string()));
        assert!(allows(&Rule::Digits { min: 1, max: 3 }, &n("-999")));
        assert!(!allows(&Rule::Digits { min: 1, max: 3 }, &n("1000")));
        let a = j(JsonKind::Array(vec![s("x"), s("y")]));
        assert!(!allows(&Rule::Items { min: 0, max: 1 }, &a));
    }
}
