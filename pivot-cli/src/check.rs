//! `pivot check`: every problem of every page, without building anything.
//!
//! Besides the generator's own diagnostics, `check` reports what the generator
//! accepts silently but a person updating a page wants to know: table rows
//! that document nothing in the example, documented types the example
//! contradicts, and character limits it cannot read.

use std::collections::BTreeMap;
use std::process::ExitCode;

use pivot_codegen::model::{Item, Module, Ty};
use pivot_codegen::table::Row;
use pivot_codegen::{Analysis, Diagnostic, Pos, Severity, Source};

use crate::pages;
use crate::progress::Progress;

const USAGE: &str = "usage: pivot check [--format text|json] <page.txt or directory>...";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: &[String]) -> ExitCode {
    let (format, paths) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let files = match pages::expand_all(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut progress = Progress::new(files.len());
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for file in &files {
        progress.step(&file.to_string_lossy());
        match pages::read(file) {
            Ok(source) => {
                diagnostics.extend(check_page(&source));
                sources.push(source);
            }
            Err(problem) => diagnostics.push(problem),
        }
    }
    progress.finish();
    diagnostics.extend(module_clashes(&sources));
    report(&diagnostics, format)
}

fn parse_args(args: &[String]) -> Result<(Format, Vec<String>), String> {
    let mut format = Format::Text;
    let mut paths = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value = match arg.strip_prefix("--format") {
            Some("") => rest.next().map(String::as_str),
            Some(v) if v.starts_with('=') => Some(&v[1..]),
            _ => {
                paths.push(arg.clone());
                continue;
            }
        };
        format = match value {
            Some("text") => Format::Text,
            Some("json") => Format::Json,
            other => {
                return Err(format!(
                    "unknown format `{}`: expected `text` or `json`",
                    other.unwrap_or("")
                ));
            }
        };
    }
    if paths.is_empty() {
        return Err("no pages given".to_string());
    }
    Ok((format, paths))
}

fn report(diagnostics: &[Diagnostic], format: Format) -> ExitCode {
    match format {
        Format::Text => {
            for d in diagnostics {
                eprintln!("{d}");
            }
        }
        Format::Json => println!("{}", to_json(diagnostics)),
    }
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The diagnostics as a JSON array, one object per problem, for tools.
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file,
                "line": d.pos.line,
                "column": d.pos.col,
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": d.message,
                // What `pivot fix` would do about it (empty: nothing).
                "repair": d.repair.iter().map(|e| serde_json::json!({
                    "line": e.pos.line,
                    "column": e.pos.col,
                    "remove": e.remove,
                    "insert": e.insert,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".to_string())
}

/// Everything wrong with one page, in page order.
pub fn check_page(source: &Source) -> Vec<Diagnostic> {
    let analysis = pivot_codegen::analyze(source);
    let mut found = lints(&analysis, &source.display_path);
    found.extend(analysis.diagnostics);
    found.sort_by_key(|d| d.pos);
    found.dedup();
    found
}

/// Pages whose file names give one module name: the macro would reject them.
pub fn module_clashes(sources: &[Source]) -> Vec<Diagnostic> {
    let mut first: BTreeMap<String, &str> = BTreeMap::new();
    let mut clashes = Vec::new();
    for source in sources {
        let ident = pivot_codegen::naming::module_ident(&source.stem);
        match first.get(&ident) {
            Some(earlier) => clashes.push(Diagnostic::new(
                source.display_path.clone(),
                Pos::new(1, 1),
                Severity::Error,
                format!(
                    "this page would be module `{ident}`, which `{earlier}` already is: rename one of the files"
                ),
            )),
            None => {
                first.insert(ident, &source.display_path);
            }
        }
    }
    clashes
}

/// The problems the generator works around without a diagnostic.
fn lints(analysis: &Analysis, file: &str) -> Vec<Diagnostic> {
    let module = &analysis.module;
    let warn = |pos: Pos, message: String| Diagnostic::new(file, pos, Severity::Warning, message);
    let mut found = Vec::new();
    for (side, row) in &module.unmatched {
        found.push(warn(
            row.pos,
            format!(
                "table row `{}` matches no member of the {} example: no field was generated for it",
                row.name,
                side.name().to_ascii_lowercase()
            ),
        ));
    }
    for (row, ty) in documented_fields(module) {
        if let Some(message) = type_disagreement(module, row, ty) {
            found.push(warn(row.pos, message));
        }
    }
    let all_rows = documented_fields(module)
        .map(|(row, _)| row)
        .chain(module.unmatched.iter().map(|(_, row)| row));
    for row in all_rows {
        if let Some(limit) = row.limit.as_deref().filter(|l| !readable_limit(l)) {
            found.push(warn(
                row.pos,
                format!(
                    "character limit `{limit}` of `{}` is not read: expected `N`, `MIN-MAX` or `DIGITS,DECIMALS`",
                    row.name
                ),
            ));
        }
    }
    found
}

/// Each generated field with the table row that documents it.
fn documented_fields(module: &Module) -> impl Iterator<Item = (&Row, &Ty)> {
    module.items.iter().flat_map(|item| match item {
        Item::Struct(s) => s
            .fields
            .iter()
            .filter_map(|f| f.doc.row.as_ref().map(|row| (row, &f.ty)))
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    })
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
    let said = documented_kind(documented)?;
    let found = generated_kind(module, ty, 0)?;
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
fn documented_kind(ty: &str) -> Option<Kind> {
    let ty = ty.trim().to_ascii_lowercase();
    let kind = match ty.as_str() {
        "boolean" | "bool" => Kind::Boolean,
        "integer" | "int" | "long" => Kind::Integer,
        "string" | "alphanumeric" | "string generated" | "date" | "datetime" => Kind::Text,
        "object" | "json object" => Kind::Object,
        t if t.starts_with("array") || t.starts_with("list") => Kind::Array,
        _ => return None,
    };
    Some(kind)
}

/// `None` when the example does not say (a `null`, a float next to a
/// documented integer is still a number question the table cannot settle).
fn generated_kind(module: &Module, ty: &Ty, depth: usize) -> Option<Kind> {
    let kind = match ty {
        Ty::Bool => Kind::Boolean,
        Ty::I64 | Ty::U64 => Kind::Integer,
        Ty::String => Kind::Text,
        Ty::Map | Ty::Dict(_) => Kind::Object,
        Ty::Vec(_) => Kind::Array,
        Ty::F64 | Ty::Value => return None,
        Ty::Option(inner) | Ty::Box(inner) => return generated_kind(module, inner, depth),
        Ty::Named(name) => match module.items.iter().find(|i| i.name() == name)? {
            Item::Struct(_) => Kind::Object,
            Item::Enum(_) => Kind::Text,
            // Alias chains are short; the bound only guards against a cycle.
            Item::Alias(alias) if depth < 8 => {
                return generated_kind(module, &alias.target, depth + 1);
            }
            Item::Alias(_) => return None,
        },
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
    fn numeric_is_left_to_the_example() {
        assert_eq!(documented_kind("Numeric"), None);
        assert_eq!(documented_kind("Decimal"), None);
        assert_eq!(documented_kind("Boolean"), Some(Kind::Boolean));
        assert_eq!(documented_kind("Array of Objects"), Some(Kind::Array));
    }

    #[test]
    fn format_flag_forms() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_args(&args(&["--format", "json", "spec"])),
            Ok((Format::Json, args(&["spec"])))
        );
        assert_eq!(
            parse_args(&args(&["spec", "--format=text"])),
            Ok((Format::Text, args(&["spec"])))
        );
        assert!(parse_args(&args(&["--format", "xml", "spec"])).is_err());
        assert!(parse_args(&args(&["--format"])).is_err());
        assert!(parse_args(&args(&[])).is_err());
    }
}
