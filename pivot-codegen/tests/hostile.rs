//! Hostile pages: text that looks like code, keys that are not identifiers,
//! names that collide. Page text may only ever reach the output inside string
//! literals, and every name must be valid and distinct.

use pivot_codegen::model::{Item, Module};
use pivot_codegen::{Source, analyze, generate, pretty};
use proc_macro2::{TokenStream, TokenTree};

fn source(text: &str) -> Source {
    Source {
        display_path: "hostile.txt".into(),
        stem: "hostile".into(),
        text: text.into(),
    }
}

fn module(text: &str) -> Module {
    let analysis = analyze(&source(text));
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis.module
}

/// Every identifier in the output, literals excluded.
fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

const CODE_LIKE: &[&str] = &[
    "*/ fn evil() {} /*",
    "\"); fn evil() { } (\"",
    "#[evil] `evil` ```rust evil ```",
    "<script>evil()</script> &amp; <b>",
    "\u{0}\u{7}\u{1b}[31m evil \r",
    "} } mod evil { } {",
    "r#\"evil\"# \\\" \\ '",
    "[evil](https://example.com) *evil* _evil_",
];

#[test]
fn page_text_never_becomes_code() {
    for text in CODE_LIKE {
        let page = format!(
            "Evil {text}\n{text}\nPOST\n[BASE_URL]/v1/{text}\nRequest\nRequest Body\n{{\n\"note\": \"x\", // {text}\n\"mode\": \"A\"\n}}\nDetail Parameter Request\nnote\nString\nM\n{text}\nmode\nString\nO\nPossible values are:\nA {text}\nB\n"
        );
        let generated = generate(&[source(&page)]);
        let errors: Vec<String> = generated.errors().map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "{text:?}: {errors:?}");
        let tokens = generated.tokens();
        let code = pretty(&tokens).unwrap_or_else(|e| panic!("{text:?}: not Rust: {e}"));
        let mut names = Vec::new();
        idents(tokens, &mut names);
        assert!(
            !names.iter().any(|n| n.eq_ignore_ascii_case("evil")),
            "{text:?} reached the code as an identifier:\n{code}"
        );
        assert!(code.contains("pub struct Request"), "{code}");
    }
}

#[test]
fn keys_become_valid_distinct_identifiers() {
    let keys = [
        "type", "self", "Self", "super", "crate", "", " ", "1st", "fooBar", "foo_bar", "FooBar",
        "foo-bar", "a\\\"b", "🎉", "日本", "gen", "async",
    ];
    let members: Vec<String> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| format!("\"{k}\": {i}"))
        .collect();
    let page = format!(
        "Keys\nResponse\nResponse Body\n{{\n{}\n}}\n",
        members.join(",\n")
    );
    let m = module(&page);
    let Some(Item::Struct(response)) = m.items.iter().find(|i| i.name() == "Response") else {
        panic!("no Response struct: {:?}", m.items);
    };
    let idents: Vec<&str> = response.fields.iter().map(|f| f.ident.as_str()).collect();
    let mut unique = idents.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len(), "{idents:?}");
    for f in &response.fields {
        assert!(
            syn::parse_str::<syn::Ident>(&f.ident).is_ok(),
            "{:?} is not an identifier",
            f.ident
        );
    }
    let wire: Vec<&str> = response.fields.iter().map(|f| f.key.as_str()).collect();
    let expected: Vec<String> = keys.iter().map(|k| k.replace("\\\"", "\"")).collect();
    assert_eq!(wire, expected);
    // And the whole module is valid Rust.
    pretty(&generate(&[source(&page)]).tokens()).expect("valid Rust");
}

#[test]
fn unmergeable_objects_with_one_name_get_distinct_names() {
    let page = "Names\nResponse\nResponse Body\n{\n\"data\": {\"id\": 1, \"name\": \"a\"},\n\"nested\": {\"data\": {\"total\": true, \"pages\": [1]}}\n}\n";
    let m = module(page);
    let names: Vec<&str> = m.items.iter().map(Item::name).collect();
    assert!(names.contains(&"Data"), "{names:?}");
    assert!(names.contains(&"NestedData"), "{names:?}");
    // The same again gives the same names.
    let again: Vec<String> = module(page)
        .items
        .iter()
        .map(|i| i.name().to_string())
        .collect();
    assert_eq!(names, again);
}

#[test]
fn keys_named_like_generated_items_do_not_collide() {
    let page = "Clash\nResponse\nResponse Body\n{\n\"request\": {\"a\": 1},\n\"response\": {\"b\": 2},\n\"string\": {\"c\": 3},\n\"option\": {\"d\": \"x\"}\n}\n";
    let generated = generate(&[source(page)]);
    let code = pretty(&generated.tokens()).expect("valid Rust");
    assert!(code.contains("pub struct Response"), "{code}");
    assert!(
        code.contains("pub struct ResponseRequest") || code.contains("pub struct Request2"),
        "{code}"
    );
    // No model takes a name of the prelude that generated code writes: a
    // `string` member's type is qualified by its parent's name.
    assert!(code.contains("pub struct ResponseString"), "{code}");
    assert!(code.contains("pub struct ResponseOption"), "{code}");
    assert!(!code.contains("pub struct String"), "{code}");
    assert!(!code.contains("pub struct Option"), "{code}");
}

/// The value of `pub const NAME: &str = ...;` in generated code.
fn const_str(code: &str, name: &str) -> String {
    let file: syn::File = syn::parse_str(code).expect("valid Rust");
    for item in file.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        for inner in module.content.map(|c| c.1).unwrap_or_default() {
            if let syn::Item::Const(c) = inner
                && c.ident == name
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = *c.expr
            {
                return s.value();
            }
        }
    }
    panic!("no const {name}")
}

#[test]
fn example_constants_hold_the_example_exactly() {
    for value in [
        r###""a\"##b""###,
        r###""\"#""###,
        r#""line\r\nbreak""#,
        r#""tab\tand \\ backslash""#,
        "\"right-to-left \u{202E} override\"",
    ] {
        let page = format!("Raw\nResponse\nResponse Body\n{{\"v\": {value}}}\n");
        let code = pretty(&generate(&[source(&page)]).tokens()).expect("valid Rust");
        let constant = const_str(&code, "RESPONSE_EXAMPLE");
        let expected: serde_json::Value =
            serde_json::from_str(&format!("{{\"v\": {value}}}")).unwrap();
        let got: serde_json::Value = serde_json::from_str(&constant).expect("strict JSON");
        assert_eq!(got, expected, "{value}");
    }
}

#[test]
fn a_page_that_is_not_utf8_is_reported_where_the_bad_byte_is() {
    let dir = std::env::temp_dir().join(format!("pivot-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let path = dir.join("binary.txt");
    // Line 3, after `é` (two bytes, one character) and two more characters.
    let mut bytes = "Create Thing\nPOST\n\u{e9}ab".as_bytes().to_vec();
    bytes.extend([0xFF, b'c', b'\n']);
    std::fs::write(&path, &bytes).expect("write the page");
    let problem = Source::read(&path, "spec/binary.txt").expect_err("not UTF-8");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        problem.to_string(),
        "spec/binary.txt:3:4: byte 0xFF is not UTF-8 (byte 22 of the file): expected the page as UTF-8 text"
    );
}
