//! Doc comments for the generated items, written from the page's own text.
//!
//! Page text is outside input: it reaches the output only inside doc string
//! literals, and markdown-significant characters are escaped so that rustdoc
//! shows the page's words as written (a `[Your Client ID]` is not a link, a
//! `<Name>` is not HTML).

use crate::model::{Enum, Field, Module, ObjectType, Origin, Row, RuleSource, Side, Struct, Ty};
use crate::text::shorten;

/// Escapes page text for rustdoc's markdown, one line at a time.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    // What `out` holds so far, kept up to date rather than read back from
    // `out` at each character (which made long lines quadratic): only
    // whitespace (`out.trim()` is empty), and only ASCII digits and spaces.
    let mut at_start = true;
    let mut digits_only = true;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let word_before = i > 0 && chars[i - 1].is_alphanumeric();
                let word_after = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                if !(word_before && word_after) {
                    out.push('\\');
                }
                out.push('_');
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')' if at_start || digits_only => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("U+{:04X}", c as u32)),
            c => out.push(c),
        }
        // Only the last arm pushes `c` alone; every other arm pushes
        // something that is neither whitespace nor a digit (a control
        // character becomes `U+...`).
        at_start &= c.is_whitespace() && !c.is_control();
        digits_only &= c.is_ascii_digit() || c == ' ';
    }
    out
}

/// Text shown as code: a code span whose fence is longer than any run of
/// backticks inside.
pub fn code(text: &str) -> String {
    // Nearly every span (keys, types, values) has no backtick or control
    // character to work around.
    if !text.chars().any(|c| c == '`' || c.is_control()) {
        return format!("`{text}`");
    }
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let longest = clean.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if clean.starts_with('`') || clean.ends_with('`') || longest > 0 {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

/// Lines joined as one paragraph that keeps the page's line breaks.
fn paragraph(lines: &[String]) -> Vec<String> {
    let escaped: Vec<String> = lines
        .iter()
        .map(|l| escape(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    let last = escaped.len().saturating_sub(1);
    escaped
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i < last { format!("{l}\\") } else { l })
        .collect()
}

pub fn module(module: &Module) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(title) = &module.title {
        doc.push(format!("# {}", escape(title)));
        doc.push(String::new());
    }
    if !module.summary.is_empty() {
        doc.extend(paragraph(&module.summary));
        doc.push(String::new());
    }
    match (&module.method, module.url.as_ref()) {
        (Some(method), Some(url)) => {
            let target = url.path.clone().unwrap_or_else(|| url.raw.clone());
            doc.push(code(&format!("{method} {target}")).to_string());
            doc.push(String::new());
        }
        (Some(method), None) => {
            doc.push(code(method));
            doc.push(String::new());
        }
        _ => {}
    }
    if module.call().is_none() && module.url.as_ref().is_some_and(|u| u.path.is_none()) {
        doc.push(
            "The URL is the merchant's own: Pivot calls it. `Request` is what the merchant's server receives, so this page has no `Call` and no `Endpoint`.".to_string(),
        );
        doc.push(String::new());
    }
    if let Some(url) = &module.url {
        let params = |title: &str, names: &[String], doc: &mut Vec<String>| {
            if !names.is_empty() {
                let list: Vec<String> = names.iter().map(|n| code(n)).collect();
                doc.push(format!("{title}: {}.", list.join(", ")));
                doc.push(String::new());
            }
        };
        params("Path parameters", &url.path_params, &mut doc);
        params("Query parameters in the URL", &url.query_params, &mut doc);
    }
    for table in &module.params {
        doc.push(format!(
            "## {} ({})",
            table.kind.title(),
            table.side.name().to_ascii_lowercase()
        ));
        doc.push(String::new());
        for row in &table.rows {
            doc.push(format!("- {}", row_summary(row)));
        }
        doc.push(String::new());
    }
    if !module.unmatched.is_empty() {
        doc.push("## Documented but not in the examples".to_string());
        doc.push(String::new());
        doc.push(
            "These table rows match no member of the page's examples, so no field was generated for them:"
                .to_string(),
        );
        doc.push(String::new());
        for (side, row) in &module.unmatched {
            doc.push(format!(
                "- {} (line {}): {}",
                side.name().to_ascii_lowercase(),
                row.pos.line,
                row_summary(row)
            ));
        }
        doc.push(String::new());
    }
    doc.push(format!("Generated from {}.", code(&module.file)));
    doc
}

fn row_summary(row: &Row) -> String {
    let mut parts = vec![code(&row.name)];
    let mut facts = Vec::new();
    if let Some(ty) = &row.ty {
        facts.push(escape(ty));
    }
    if let Some(p) = row.presence {
        facts.push(p.word().to_string());
    }
    if !facts.is_empty() {
        parts.push(format!("({})", facts.join(", ")));
    }
    let description: Vec<String> = row.description.iter().map(|l| escape(l.trim())).collect();
    if !description.is_empty() {
        parts.push(format!(": {}", description.join(" ")));
    }
    parts.join(" ")
}

pub fn root(side: Side) -> String {
    match side {
        Side::Request => "The request body.".to_string(),
        Side::Response => "The response body.".to_string(),
    }
}

/// The first lines of an object page's type: what it is, and where the
/// crate root has it.
pub fn object(object: &ObjectType) -> Vec<String> {
    vec![
        format!(
            "The {} object (`{}`), also at the crate root as `{}`: the pages that link it, where their data reads as it, use this type.",
            escape(&object.name),
            escape(&object.slug),
            object.name
        ),
        String::new(),
    ]
}

pub fn structure(item: &Struct) -> Vec<String> {
    match item.origins.as_slice() {
        [Origin::Body(path)] if path.is_root() && item.name == path.side.name() => {
            vec![root(path.side)]
        }
        [Origin::Query] => vec![
            "The query parameters, sent after the path as `?name=value&...`.".to_string(),
            String::new(),
            "A mandatory parameter is a plain field, an optional or conditional one an `Option`, left out of the query when `None`; a parameter the URL line shows but no table documents is mandatory. Encode it with `serde_urlencoded` (`pivot_models::path_and_query` does).".to_string(),
        ],
        [Origin::Headers] => vec![
            "The request headers the caller supplies: one field per documented header, its name in a constant of the same name in capitals. `pairs()` lists what a value sends.".to_string(),
            String::new(),
            "A mandatory header is a plain field, so a call cannot be built without it; headers listed without a presence (`Key` / `Value` tables) count as mandatory. A `Content-Type` or `Accept` header whose documented value is one media type is not a field: every call sends it as `FIXED_HEADERS` says. A header that carries a credential (`Authorization`, a client secret, a signature) is a `SecretString`: `Debug` hides it, `pairs()` sends it.".to_string(),
        ],
        [Origin::Call] => vec![
            "One call of this endpoint: path parameters, query, headers and JSON body, as `Endpoint` hands them to an HTTP client. Build it with `Call::builder()`: a part with something mandatory in it must be set before `build()` compiles.".to_string(),
        ],
        _ => vec![origins_line(&item.origins)],
    }
}

/// Docs of a `Call` field: a path parameter, or one part of the call.
pub fn call_field(field: &Field) -> Vec<String> {
    match (&field.ty, field.key.as_str()) {
        (Ty::Named(name), "query") => vec![format!("The query parameters (`{name}`).")],
        (Ty::Named(name), "headers") => {
            vec![format!("The headers the caller supplies (`{name}`).")]
        }
        (Ty::Named(name), "body") => vec![format!("The JSON body (`{name}`).")],
        _ => {
            let mut doc = vec![format!(
                "The path parameter {}, percent-encoded into the path.",
                code(&field.key)
            )];
            if let Some(row) = &field.doc.row {
                doc.push(String::new());
                doc.extend(paragraph(&row.description));
            }
            doc
        }
    }
}

pub fn origins_line(origins: &[Origin]) -> String {
    format!("The object at {}.", places(origins))
}

pub fn enumeration(item: &Enum) -> Vec<String> {
    vec![
        format!("The documented values of {}.", places(&item.origins)),
        String::new(),
        "A value the page does not list is kept in `Other`, so nothing is lost.".to_string(),
    ]
}

/// What a type stands for, as code: the first 8, then how many more.
fn places(origins: &[Origin]) -> String {
    let list: Vec<String> = origins
        .iter()
        .take(8)
        .map(|o| code(&o.to_string()))
        .collect();
    let more = match origins.len() {
        n if n > 8 => format!(" and {} more", n - 8),
        _ => String::new(),
    };
    format!("{}{more}", list.join(", "))
}

/// `renamed`: the wire name is not what the struct's serde rule gives the
/// field's name, so the docs say it.
pub fn field(field: &Field, renamed: bool) -> Vec<String> {
    let mut doc = Vec::new();
    let d = &field.doc;
    if let Some(row) = &d.row {
        doc.extend(paragraph(&row.description));
    }
    let mut facts = Vec::new();
    if let Some(row) = &d.row {
        let mut what = Vec::new();
        if let Some(ty) = &row.ty {
            what.push(format!("documented as {}", code(ty)));
        }
        match (&row.presence, &row.presence_text) {
            (Some(p), Some(text)) => what.push(format!("{} ({})", p.word(), code(text))),
            (_, Some(text)) => what.push(format!("presence {}", code(text))),
            _ => {}
        }
        if !what.is_empty() {
            facts.push(capitalize(&what.join(", ")));
        }
        if let Some(limit) = &row.limit {
            facts.push(format!("Character limit: {}", code(limit)));
        }
    }
    facts.extend(constraint_lines(field));
    if let Some(default) = &d.default {
        facts.push(format!("Default: {}", escape(default)));
    }
    if let Some(note) = &d.note {
        facts.push(format!("Note: {}", escape(note)));
    }
    if let Some(example) = &d.example {
        facts.push(format!("Example: {}", code(&shorten(example, 120))));
    }
    if field.ty == Ty::Secret {
        facts.push(
            "A credential: `Debug` hides it, `expose_secret()` reads it (see `pivot check`)"
                .to_string(),
        );
    }
    if renamed {
        facts.push(format!("Wire name: {}", code(&field.key)));
    }
    if !doc.is_empty() {
        doc.push(String::new());
    }
    doc.extend(facts.into_iter().map(|f| format!("- {f}")));
    doc
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------
// Constraints in words.

/// Field doc lines, one per constraint, as markdown (page text escaped).
fn constraint_lines(field: &Field) -> Vec<String> {
    field
        .doc
        .constraints
        .iter()
        .map(|c| {
            let origin = match &c.source {
                RuleSource::LimitCell(cell) => format!("character limit {}", code(cell)),
                RuleSource::TypeCell(cell) => format!("documented type {}", code(cell)),
                RuleSource::Description(line) => format!("description: {}", code(line)),
            };
            constraint_line(
                &escape(&c.rule.to_string()),
                &origin,
                c.broken_by_example.as_deref(),
            )
        })
        .collect()
}

/// The either-or rules of a struct, one line each.
pub fn at_least_one(item: &Struct) -> Vec<String> {
    item.at_least_one
        .iter()
        .map(|rule| {
            let keys: Vec<String> = rule.keys.iter().map(|k| code(k)).collect();
            let what = format!("at least one of {} is sent", keys.join(", "));
            let origin = format!("description: {}", code(&rule.line));
            format!(
                "- {}",
                constraint_line(&what, &origin, rule.broken_by_example.as_deref())
            )
        })
        .collect()
}

/// One constraint: checked, or which example value breaks it.
fn constraint_line(rule: &str, origin: &str, broken_by: Option<&str>) -> String {
    match broken_by {
        None => format!("Constraint, checked by `validate()`: {rule} ({origin})"),
        Some(value) => format!(
            "Constraint, not checked: {rule} ({origin}); the page's own example breaks it with {}",
            code(value)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Constraint, Item, Rule};

    /// The validation test page: what is read from it, what its example
    /// breaks, and what the docs say.
    #[test]
    fn constraints_of_a_page_and_its_example() {
        let source = crate::Source {
            display_path: "create_transfer.txt".to_string(),
            stem: "create_transfer".to_string(),
            text: include_str!("../../../tests/validation/create_transfer.txt").to_string(),
        };
        let analysis = crate::analyze(&source);
        let problems: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity != crate::Severity::Note)
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
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
            constraint_lines(&note),
            [
                "Constraint, not checked: at most 5 characters (character limit `5`); the page's own example breaks it with `\"longer than documented\"`"
            ]
        );
        let reference = field("Request", "referenceId");
        assert!(reference.doc.constraints.iter().all(Constraint::is_checked));
        assert_eq!(
            constraint_lines(&reference),
            [
                "Constraint, checked by `validate()`: 1 to 20 characters (character limit `1-20`)",
                "Constraint, checked by `validate()`: ASCII letters and digits only (documented type `Alphanumeric`)",
            ]
        );
        // The either-or is its struct's, not a member's.
        assert!(field("Request", "beneficiaryId").doc.constraints.is_empty());
        let Some(Item::Struct(request)) = analysis.module.item("Request") else {
            panic!("no Request");
        };
        assert_eq!(
            at_least_one(request),
            [
                "- Constraint, checked by `validate()`: at least one of `beneficiaryId`, `beneficiary` is sent (description: `Saved beneficiary *Choose either to send beneficiaryId or beneficiary Object`)"
            ]
        );
        assert_eq!(
            field("Recipient", "name").doc.constraints[0].rule,
            Rule::Chars { min: 1, max: 10 }
        );
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(escape("[Your Client ID]"), "\\[Your Client ID\\]");
        assert_eq!(escape("<b>hi</b>"), "\\<b\\>hi\\</b\\>");
        assert_eq!(escape("VIRTUAL_ACCOUNT"), "VIRTUAL_ACCOUNT");
        assert_eq!(escape("_x_"), "\\_x\\_");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("1. item"), "1\\. item");
        assert_eq!(escape("a\u{7}b"), "aU+0007b");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("abc"), "`abc`");
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("``"), "``` `` ```");
    }
}
