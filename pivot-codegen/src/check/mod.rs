//! What `pivot check` warns about beyond the errors: what the generator
//! accepts silently but a person updating a page wants to know. Table rows
//! that document nothing in the example, documented types the example
//! contradicts, and character limits it cannot read; and, as notes, what a
//! reviewer should see: what is contract and what is guessed, and which
//! fields are credentials. Warnings and notes go into the page's diagnostics
//! context like every other problem.

use crate::diag::{Ctxt, Pos};
use crate::infer::secrets::{self, Reason};
use crate::model::{DocType, Item, Module, Origin, ParamKind, Presence, Row, Side, Ty};

/// Pushes the warnings and notes about `module` into `cx`.
pub fn lints(module: &Module, cx: &mut Ctxt) {
    secret_fields(module, cx);
    for (side, row) in &module.unmatched {
        // The object it stands for is the link stage's to say.
        if row.names_object().is_some() {
            continue;
        }
        cx.warning(
            row.pos,
            format!(
                "table row `{}` matches no member of the {} example: no field was generated for it",
                row.name,
                side.name().to_ascii_lowercase()
            ),
        );
    }
    for (row, ty) in documented_fields(module) {
        if let Some(message) = type_disagreement(module, row, ty) {
            cx.warning(row.pos, message);
        }
    }
    let all_rows = documented_fields(module)
        .map(|(row, _)| row)
        .chain(module.unmatched.iter().map(|(_, row)| row));
    for row in all_rows {
        if let Some(limit) = row.limit.as_deref().filter(|l| !readable_limit(l)) {
            cx.warning(
                row.pos,
                format!(
                    "character limit `{limit}` of `{}` is not read: expected `N`, `MIN-MAX` or `DIGITS,DECIMALS`",
                    row.name
                ),
            );
        }
    }
}

/// How much of a page is contract and how much is guessed: a note for each
/// member only the example shows (optional, since nothing promises it) and
/// each row no example shows (a field all the same), and a warning for a
/// mandatory row the example leaves out (optional, so the example reads).
///
/// Run once the page's types are final (after links): an object page's
/// type is that page's contract, not this page's guess.
pub fn contract(module: &Module, cx: &mut Ctxt) {
    for s in module.structs() {
        // Bodies only: query, headers and the call are built from tables.
        let Some(at) = s.first_path() else {
            continue;
        };
        for f in &s.fields {
            // Where the example shows it, on its own side; a member only a
            // row documents, where its struct first is.
            let path = f.doc.path.clone().unwrap_or_else(|| at.key(&f.key));
            let what = format!("{path} (`{}::{}`, `{}`)", s.name, f.ident, f.full_ty());
            match (&f.doc.row, f.doc.seen_at) {
                (None, Some(pos)) => cx.note(
                    pos,
                    format!("{what} is documented nowhere, only the example shows it: a table row would make it contract"),
                ),
                (Some(row), None) if row.presence == Some(Presence::Mandatory) => cx.warning(
                    row.pos,
                    format!("{what} is documented as mandatory, but no example sends it: optional, so the page's examples still read"),
                ),
                (Some(row), None) => cx.note(row.pos, format!("{what} is documented, but no example shows it")),
                _ => {}
            }
        }
    }
}

/// A note for each field classified as a credential (typed `SecretString`,
/// hidden from `Debug`), so that a reviewer sees which members the models
/// hide and which they do not; and one for each table row the same rule
/// classifies that the models do not carry (a response header, a path
/// parameter), which a caller must keep out of logs by hand.
fn secret_fields(module: &Module, cx: &mut Ctxt) {
    for s in module.structs() {
        for f in s.fields.iter().filter(|f| f.ty == Ty::Secret) {
            let row = f.doc.row.as_ref();
            let description = row.map_or(&[][..], |r| &r.description[..]);
            let reason = secrets::classify_member(&f.key, description, f.doc.example.as_deref());
            // Where the reason is: the row for a description, else the key.
            let pos = match (reason, row, f.doc.seen_at) {
                (Some(Reason::Description | Reason::Card), Some(row), _) => row.pos,
                (_, _, Some(pos)) => pos,
                (_, Some(row), None) => row.pos,
                (_, None, None) => Pos::new(1, 1),
            };
            // Every place the type is used, that of the line first.
            let side = f.doc.path.as_ref().map(|p| p.side);
            let mut origins: Vec<&Origin> = s.origins.iter().collect();
            origins.sort_by_key(|o| o.side() != side);
            let paths: Vec<String> = origins
                .iter()
                .map(|o| match o {
                    Origin::Body(path) => path.key(&f.key).to_string(),
                    other => format!("{other}.{}", f.key),
                })
                .collect();
            let why = reason.map_or("", Reason::explain);
            cx.note(
                pos,
                format!(
                    "secret: {} (`{}::{}`, `{}`): {why}; `Debug` hides it",
                    paths.join(", "),
                    s.name,
                    f.ident,
                    f.full_ty()
                ),
            );
        }
    }
    let modelled = |row: &Row| {
        module
            .structs()
            .filter(|s| s.origins == [Origin::Headers] || s.origins == [Origin::Query])
            .flat_map(|s| &s.fields)
            .any(|f| f.ty == Ty::Secret && f.key.eq_ignore_ascii_case(&row.name))
    };
    for table in &module.params {
        let kind = match table.kind {
            ParamKind::Header => "header",
            ParamKind::Query => "query parameter",
            ParamKind::Path => "path parameter",
            ParamKind::Form => "form field",
        };
        for row in &table.rows {
            let Some(reason) = secrets::classify(&row.name, &row.description) else {
                continue;
            };
            if table.side == Side::Request && modelled(row) {
                continue;
            }
            cx.note(
                row.pos,
                format!(
                    "secret: {} {kind} `{}` is not a `SecretString` of the models: keep it out of logs yourself ({})",
                    table.side.name().to_ascii_lowercase(),
                    row.name,
                    reason.explain()
                ),
            );
        }
    }
}

/// Each generated field with the table row that documents it.
fn documented_fields(module: &Module) -> impl Iterator<Item = (&Row, &Ty)> {
    module
        .structs()
        .flat_map(|s| &s.fields)
        .filter_map(|f| f.doc.row.as_ref().map(|row| (row, &f.ty)))
}

/// What a value is, as far as a documented type and a generated type can both say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Boolean,
    Integer,
    Text,
    Object,
    Array,
}

impl Kind {
    fn article(self) -> &'static str {
        match self {
            Kind::Boolean => "a boolean",
            Kind::Integer => "an integer",
            Kind::Text => "a string",
            Kind::Object => "an object",
            Kind::Array => "an array",
        }
    }
}

fn type_disagreement(module: &Module, row: &Row, ty: &Ty) -> Option<String> {
    let documented = row.ty.as_deref()?;
    let said = documented_kind(row.doc_type())?;
    let found = generated_kind(module, ty)?;
    (said != found).then(|| {
        format!(
            "the table documents `{}` as `{documented}`, but the example has {}: the example wins",
            row.name,
            found.article()
        )
    })
}

/// `None` for types the pages write both ways (`Numeric`, `Decimal` are
/// strings on some pages and numbers on others) and for words not known.
fn documented_kind(ty: Option<DocType>) -> Option<Kind> {
    Some(match ty? {
        DocType::Boolean => Kind::Boolean,
        DocType::Integer => Kind::Integer,
        DocType::Text | DocType::Alphanumeric | DocType::Time => Kind::Text,
        DocType::Object => Kind::Object,
        DocType::Array { .. } => Kind::Array,
        DocType::Numeric | DocType::Decimal => return None,
    })
}

/// `None` when the example does not say (a `null`, a float next to a
/// documented integer is still a number question the table cannot settle).
fn generated_kind(module: &Module, ty: &Ty) -> Option<Kind> {
    let kind = match module.resolve(ty.unwrapped()) {
        Ty::Bool => Kind::Boolean,
        Ty::I64 | Ty::U64 => Kind::Integer,
        Ty::String | Ty::Secret => Kind::Text,
        Ty::Map | Ty::Dict(_) => Kind::Object,
        Ty::Vec(_) => Kind::Array,
        Ty::Named(name) => match module.item(name)? {
            Item::Struct(_) => Kind::Object,
            Item::Enum(_) => Kind::Text,
            Item::Alias(_) => return None,
        },
        _ => return None,
    };
    Some(kind)
}

/// `255`, `1-255`, `16,2` (digits and decimals).
fn readable_limit(limit: &str) -> bool {
    let limit = limit.trim();
    let number = |s: &str| !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit());
    match limit.split_once(['-', ',']) {
        Some((a, b)) => number(a) && number(b),
        None => number(limit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_that_are_read() {
        for ok in ["3", "1-255", "0-255", "16,2", " 1 - 20 "] {
            assert!(readable_limit(ok), "{ok}");
        }
        for bad in ["", "max 20", "1-", "-5", "20 chars", "1..20"] {
            assert!(!readable_limit(bad), "{bad}");
        }
    }

    #[test]
    fn a_note_on_a_type_both_bodies_use_names_the_side_of_its_line() {
        let page = "Merged\nPOST\n[BASE_URL]/v1/merged\nRequest\nRequest Body\n{\n\"customer\": {\"name\": \"Ana\"}\n}\n\
                    Response\nResponse Body\n{\n\"data\": {\n\"customer\": {\n\"name\": \"Ana\",\n\"saved\": true,\n\"token\": \"tok_1\"\n}\n}\n}\n";
        let analysis = crate::pipeline::analyze(&crate::Source {
            display_path: "merged.txt".into(),
            stem: "merged".into(),
            text: page.into(),
        });
        let notes: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("customer."))
            .map(|d| format!("{}: {}", d.pos, d.message.split(" (").next().unwrap_or("")))
            .collect();
        assert_eq!(
            notes,
            [
                "7:14: request.customer.name",
                "15:1: response.data.customer.saved",
                "16:1: response.data.customer.token",
                // The type is used on both sides; the line's comes first.
                "16:1: secret: response.data.customer.token, request.customer.token",
            ],
            "{:#?}",
            analysis.diagnostics
        );
    }

    #[test]
    fn numeric_is_left_to_the_example() {
        let kind = |word: &str| documented_kind(DocType::of(word));
        assert_eq!(kind("Numeric"), None);
        assert_eq!(kind("Decimal"), None);
        assert_eq!(kind("Boolean"), Some(Kind::Boolean));
        assert_eq!(kind("Array of Objects"), Some(Kind::Array));
        assert_eq!(kind("String Generated"), Some(Kind::Text));
    }
}
