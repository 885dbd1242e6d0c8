//! Property tests: whatever a page holds, the generator returns code or
//! diagnostics, never panics; what it returns is valid Rust and the same every
//! time.
//!
//! The number of cases is proptest's default (256 per property) unless
//! `PROPTEST_CASES` says otherwise.

use pivot_codegen::{Severity, Source, generate, pretty};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

fn page_with_response(json: &str) -> Source {
    Source {
        display_path: "fuzz.txt".into(),
        stem: "fuzz".into(),
        text: format!(
            "Fuzz\nGET\n[BASE_URL]/fuzz\nResponse\nResponse Body\n{json}\nLast updated\n"
        ),
    }
}

/// Keys that stress naming: keywords, case and separator twins, digits,
/// punctuation, other scripts, empty.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type", "self", "Self", "super", "crate", "fn", "", " ", "1st", "fooBar", "foo_bar",
            "FooBar", "foo-bar", "foo.bar", "a\"b", "a\\b", "🎉", "日本", "Other", "Request",
            "Response", "String", "Option", "value", "data",
        ])
        .prop_map(str::to_string),
        "[a-zA-Z_][a-zA-Z0-9_]{0,8}",
        any::<String>(),
    ]
}

fn number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<i64>().prop_map(Number::from),
        any::<u64>().prop_map(Number::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Number::from_f64(f).expect("finite")),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number().prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_body_generates_valid_deterministic_rust(value in json_value(), compact in any::<bool>()) {
        let json = if compact {
            serde_json::to_string(&value)
        } else {
            serde_json::to_string_pretty(&value)
        }
        .expect("serializable");
        let source = page_with_response(&json);
        let first = generate(std::slice::from_ref(&source));
        let errors: Vec<String> = first.errors().map(|d| d.to_string()).collect();
        prop_assert!(errors.is_empty(), "valid JSON rejected: {:?}\n{}", errors, json);
        let tokens = first.tokens();
        let code = pretty(&tokens);
        prop_assert!(code.is_ok(), "output does not parse: {:?}", code.err());
        let again = generate(std::slice::from_ref(&source)).tokens().to_string();
        prop_assert_eq!(tokens.to_string(), again);
    }
}

const REFERENCE: &str = include_str!("../../spec/create_payment_session.txt");

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceLine(usize, String),
    InsertText(usize, usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let line = 0..400usize;
    prop_oneof![
        line.clone().prop_map(Mutation::DeleteLine),
        line.clone().prop_map(Mutation::DuplicateLine),
        (line.clone(), line.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (line.clone(), any::<String>()).prop_map(|(l, t)| Mutation::ReplaceLine(l, t)),
        (
            line.clone(),
            0..40usize,
            prop_oneof![
                any::<String>(),
                prop::sample::select(vec![
                    "\u{201C}",
                    "\u{201D}",
                    ",",
                    "{",
                    "}",
                    "[",
                    "]",
                    "\"",
                    "//",
                    "→ note",
                    "*/",
                    "#[",
                    "`",
                    "\u{0}",
                    "Request Body",
                    "Response",
                    "M",
                    "String",
                ])
                .prop_map(str::to_string),
            ]
        )
            .prop_map(|(l, c, t)| Mutation::InsertText(l, c, t)),
        (0..6000usize).prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in mutations {
        let n = lines.len().max(1);
        match m {
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let copy = lines[i % n].clone();
                lines.insert(i % n, copy);
            }
            Mutation::SwapLines(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::ReplaceLine(i, t) if !lines.is_empty() => lines[i % n] = t.clone(),
            Mutation::InsertText(i, c, t) if !lines.is_empty() => {
                let line = &mut lines[i % n];
                let at = line.char_indices().nth(*c).map_or(line.len(), |(b, _)| b);
                line.insert_str(at, t);
            }
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let cut = joined
                    .char_indices()
                    .nth(*at)
                    .map_or(joined.len(), |(b, _)| b);
                lines = joined[..cut].lines().map(str::to_string).collect();
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #[test]
    fn mutated_pages_give_code_or_positioned_errors(mutations in prop::collection::vec(mutation(), 1..6)) {
        let text = apply(REFERENCE, &mutations);
        let line_count = text.lines().count().max(1) as u32;
        let source = Source { display_path: "mutated.txt".into(), stem: "mutated".into(), text };
        let generated = generate(std::slice::from_ref(&source));
        for d in generated.diagnostics() {
            prop_assert!(d.pos.line >= 1 && d.pos.line <= line_count + 1, "{} outside the page", d);
            prop_assert!(d.pos.col >= 1, "{}", d);
        }
        // Even a page with errors yields its best reading, and that must be Rust.
        let code = pretty(&generated.tokens());
        prop_assert!(code.is_ok(), "output does not parse: {:?}", code.err());
        // Errors are reported as errors, never only as warnings.
        for d in generated.diagnostics().filter(|d| d.message.starts_with("invalid JSON")) {
            prop_assert_eq!(d.severity, Severity::Error);
        }
    }
}
