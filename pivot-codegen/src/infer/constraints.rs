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
use crate::model::{
    AtLeastOne, Constraint, DocType, Holds, Item, ItemRef, JsonPath, Module, Row, Rule, RuleSource,
    Ty,
};
use crate::parse::json::{self, Json, JsonKind};
use crate::text::shorten;

// ---------------------------------------------------------------------------
// Reading rules from a row.

/// The rules a row states for a field holding `holds`.
pub fn read_row(row: &Row, holds: Holds) -> Vec<Constraint> {
    let mut out: Vec<Constraint> = Vec::new();
    let mut push = |rule: Rule, source: RuleSource| {
        if !out.iter().any(|c| c.rule == rule) {
            out.push(Constraint {
                rule,
                source,
                broken_by_example: None,
            });
        }
    };
    if let Some(limit) = &row.limit
        && let Some(rule) = limit_rule(limit, holds)
    {
        push(rule, RuleSource::LimitCell(limit.clone()));
    }
    if let Some(ty) = &row.ty
        && let Some(rule) = type_rule(ty, holds)
    {
        push(rule, RuleSource::TypeCell(ty.trim().to_string()));
    }
    for line in &row.description {
        for rule in description_rules(line, holds) {
            push(rule, RuleSource::Description(line.trim().to_string()));
        }
    }
    out
}

/// The either-or rules a row's description states of its struct's
/// members; `siblings` are the wire names of the struct's optional fields.
pub fn read_at_least_one(row: &Row, siblings: &[&str]) -> Vec<AtLeastOne> {
    row.description
        .iter()
        .filter_map(|line| {
            Some(AtLeastOne {
                keys: either_keys(line, siblings)?,
                line: line.trim().to_string(),
                broken_by_example: None,
            })
        })
        .collect()
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
    match DocType::of(cell)? {
        DocType::Alphanumeric => Some(Rule::Alphanumeric),
        DocType::Numeric => Some(Rule::Numeric),
        _ => None,
    }
}

fn description_rules(line: &str, holds: Holds) -> Vec<Rule> {
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
fn either_keys(line: &str, siblings: &[&str]) -> Option<Vec<String>> {
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
    (keys.len() >= 2).then_some(keys)
}

// ---------------------------------------------------------------------------
// Attaching rules to a module and testing them against its examples.

/// Reads the constraints of every documented field of `module`'s own
/// structs into its docs, and the either-or rules into the struct, then
/// marks those its own examples break.
///
/// A broken rule of the page's own is not a diagnostic: the page is still
/// read correctly, and its docs say which rule is left unchecked and which
/// example value breaks it. A broken rule of a linked object page's type
/// stays checked (the object page is the contract) and is returned, for
/// the caller to warn of.
pub fn apply(module: &mut Module) -> Vec<ObjectRuleBroken> {
    let holds: Vec<Vec<Holds>> = module
        .items
        .iter()
        .map(|item| match item {
            Item::Struct(s) => s.fields.iter().map(|f| module.holds(&f.ty)).collect(),
            _ => Vec::new(),
        })
        .collect();
    for (item, holds) in module.items.iter_mut().zip(holds) {
        let Item::Struct(s) = item else { continue };
        let siblings: Vec<String> = s
            .fields
            .iter()
            .filter(|f| f.optional)
            .map(|f| f.key.clone())
            .collect();
        let siblings: Vec<&str> = siblings.iter().map(String::as_str).collect();
        let mut at_least_one: Vec<AtLeastOne> = Vec::new();
        for (field, holds) in s.fields.iter_mut().zip(holds) {
            let Some(row) = &field.doc.row else { continue };
            field.doc.constraints = read_row(row, holds);
            for rule in read_at_least_one(row, &siblings) {
                if !at_least_one.iter().any(|r| r.keys == rule.keys) {
                    at_least_one.push(rule);
                }
            }
        }
        s.at_least_one = at_least_one;
    }
    let (breaks, linked) = broken_by_examples(module);
    for (at, value) in breaks {
        let Some(Item::Struct(s)) = module.items.get_mut(at.item) else {
            continue;
        };
        let slot = match at.rule {
            Broken::Field(j, k) => s
                .fields
                .get_mut(j)
                .and_then(|f| f.doc.constraints.get_mut(k))
                .map(|c| &mut c.broken_by_example),
            Broken::AtLeastOne(k) => s.at_least_one.get_mut(k).map(|r| &mut r.broken_by_example),
        };
        if let Some(slot) = slot {
            *slot = Some(value);
        }
    }
    linked
}

/// A value of the page's example that breaks a rule of a type the page
/// takes from an object page. The object page is the contract: its rule
/// stays checked, so the page's own example would fail `validate()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectRuleBroken {
    /// The object page's type (`object_refund::Refund`).
    pub object: ItemRef,
    /// The member's wire name there (`reason`).
    pub key: String,
    /// The rule, as the docs say it.
    pub rule: String,
    /// Where in the example (`response.data.reason`).
    pub path: String,
    /// The value, shortened.
    pub value: String,
}

/// A rule of an item of the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RuleAt {
    item: usize,
    rule: Broken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Broken {
    /// A field's constraint: (field, constraint).
    Field(usize, usize),
    /// The struct's either-or rule.
    AtLeastOne(usize),
}

/// Each rule -> the first example value that breaks it.
type Breaks = BTreeMap<RuleAt, String>;

/// What the examples break: the page's own rules, and the linked types'
/// (each rule once, at the first value that breaks it).
#[derive(Default)]
struct Found {
    own: Breaks,
    linked: BTreeMap<(ItemRef, String, String), (String, String)>,
}

fn broken_by_examples(module: &Module) -> (Breaks, Vec<ObjectRuleBroken>) {
    let mut breaks = Found::default();
    for example in &module.examples {
        // The examples were checked when the page was read; this is their
        // strict re-rendering, so nothing new can be wrong with them here.
        let value = json::parse(&example.json, Pos::default()).value;
        let root = Ty::Named(example.side.name().to_string());
        let path = JsonPath::root(example.side).to_string();
        walk(module, &root, &value, &path, &mut breaks, 0);
    }
    let linked = breaks
        .linked
        .into_iter()
        .map(|((object, key, rule), (path, value))| ObjectRuleBroken {
            object,
            key,
            rule,
            path,
            value,
        })
        .collect();
    (breaks.own, linked)
}

/// Deeper than any real page; stops a self-containing type from recursing
/// forever on a hostile example.
const MAX_DEPTH: usize = 128;

fn walk(module: &Module, ty: &Ty, value: &Json, path: &str, breaks: &mut Found, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match (module.resolve(ty), &value.kind) {
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
        (ty @ Ty::Named(_), JsonKind::Object(members)) => {
            let Some(s) = module.struct_of(ty) else {
                return;
            };
            let Some(item) = module
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
            let broken = |breaks: &mut Found, rule, value: String| {
                breaks.own.entry(RuleAt { item, rule }).or_insert(value);
            };
            for (k, either) in s.at_least_one.iter().enumerate() {
                if !either.keys.iter().any(|key| member(key).is_some()) {
                    broken(breaks, Broken::AtLeastOne(k), path.to_string());
                }
            }
            for (j, field) in s.fields.iter().enumerate() {
                let Some(v) = member(&field.key) else {
                    continue;
                };
                for (k, constraint) in field.doc.constraints.iter().enumerate() {
                    if !allows(&constraint.rule, v) {
                        broken(breaks, Broken::Field(j, k), compact(v));
                    }
                }
                let path = format!("{path}.{}", field.key);
                walk(module, &field.ty, v, &path, breaks, depth + 1);
            }
        }
        (ty @ Ty::Linked(at), JsonKind::Object(members)) => {
            let Some(s) = module.struct_of(ty) else {
                return;
            };
            for field in &s.fields {
                let Some(v) = members
                    .iter()
                    .find(|m| m.key == field.key)
                    .map(|m| &m.value)
                    .filter(|v| v.kind != JsonKind::Null)
                else {
                    continue;
                };
                let path = format!("{path}.{}", field.key);
                for rule in field.checked_rules() {
                    if !allows(rule, v) {
                        let rule = (at.clone(), field.key.clone(), rule.to_string());
                        breaks
                            .linked
                            .entry(rule)
                            .or_insert_with(|| (path.clone(), compact(v)));
                    }
                }
                walk(module, &field.ty, v, &path, breaks, depth + 1);
            }
        }
        _ => {}
    }
}

/// What a rule can be judged on, whatever the value was read from: an
/// example's JSON here, a request's body in `wire`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judged<'a> {
    /// A string.
    Text(&'a str),
    /// An array of this many items.
    Items(usize),
    /// An integer of this many digits, sign aside.
    Integer { digits: usize },
    /// Any other value (a fraction, a boolean, an object): no rule is about it.
    Other,
}

/// Whether a value keeps `rule`: the runtime's judgement
/// (`pivot_runtime::__private::rules`), the one the generated checks make,
/// for every place the engine judges a value. A rule about another kind of
/// value is not the value's to break: such a value fails deserialization,
/// and the generated code has no such check.
pub fn judge(rule: &Rule, value: Judged<'_>) -> bool {
    use pivot_runtime::__private::rules;
    match (rule, value) {
        (Rule::Chars { min, max }, Judged::Text(s)) => rules::in_range(rules::chars(s), *min, *max),
        (Rule::Items { min, max }, Judged::Items(n)) => rules::in_range(n, *min, *max),
        (Rule::Digits { min, max }, Judged::Integer { digits }) => {
            rules::in_range(digits, *min, *max)
        }
        (Rule::Decimal { digits, fraction }, Judged::Text(s)) => {
            rules::is_decimal(s, *digits, *fraction)
        }
        (Rule::Alphanumeric, Judged::Text(s)) => rules::is_alphanumeric(s),
        (Rule::Numeric, Judged::Text(s)) => rules::is_numeric(s),
        _ => true,
    }
}

/// Whether an example value keeps `rule`, as [`judge`] says.
pub fn allows(rule: &Rule, value: &Json) -> bool {
    let judged = match &value.kind {
        JsonKind::String(s) => Judged::Text(s),
        JsonKind::Array(items) => Judged::Items(items.len()),
        JsonKind::Number(raw) if !raw.contains(['.', 'e', 'E']) => Judged::Integer {
            digits: raw.chars().filter(char::is_ascii_digit).count(),
        },
        _ => Judged::Other,
    };
    judge(rule, judged)
}

fn compact(value: &Json) -> String {
    let pretty = json::to_strict_string(value);
    let flat: String = pretty.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    shorten(&flat, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn rules(row: &Row, holds: Holds) -> Vec<Rule> {
        read_row(row, holds).into_iter().map(|c| c.rule).collect()
    }

    #[test]
    fn limit_cells_count_what_the_field_holds() {
        let r = |limit: &str, holds| rules(&row("String", Some(limit), &[]), holds);
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
        let r = |ty: &str, holds| rules(&row(ty, None, &[]), holds);
        assert_eq!(r("Alphanumeric", Holds::Text), [Rule::Alphanumeric]);
        assert_eq!(r("Numeric", Holds::Text), [Rule::Numeric]);
        assert!(r("Numeric", Holds::Integer).is_empty());
        assert!(r("String", Holds::Text).is_empty());
        assert!(r("Number", Holds::Text).is_empty());
    }

    #[test]
    fn prose_limits() {
        let r = |line: &str, holds| rules(&row("String", None, &[line]), holds);
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
        let r = |line: &str| rules(&row("String", None, &[line]), Holds::Text);
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
        let r = |siblings: &[&str]| -> Vec<Vec<String>> {
            read_at_least_one(&row("String", None, &[line]), siblings)
                .into_iter()
                .map(|r| r.keys)
                .collect()
        };
        assert_eq!(
            r(&["mode", "customerId", "customer"]),
            [["customerId", "customer"]]
        );
        // `customer` is required: nothing to check.
        assert!(r(&["customerId"]).is_empty());
        let boolean = row(
            "Boolean",
            None,
            &["Choose either true or false, to void the rest"],
        );
        assert!(read_at_least_one(&boolean, &["void", "amount"]).is_empty());
        // Not a rule of the field itself.
        assert!(rules(&row("String", None, &[line]), Holds::Text).is_empty());
    }

    #[test]
    fn the_same_rule_twice_is_one_rule() {
        let r = row("String", Some("0-20"), &["Maximum 20 characters"]);
        assert_eq!(rules(&r, Holds::Text), [Rule::Chars { min: 0, max: 20 }]);
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
            let Some(Item::Struct(request)) = module.item("Request") else {
                panic!("no Request struct");
            };
            assert!(request.fields.iter().all(|f| f.doc.constraints.is_empty()));
            let [either] = request.at_least_one.as_slice() else {
                panic!("one either-or rule: {:?}", request.at_least_one);
            };
            assert_eq!(either.keys, ["b", "c"]);
            either.is_checked()
        };
        assert!(page("\"x\""));
        assert!(!page("null"));
    }
}
