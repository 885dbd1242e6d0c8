//! `pivot_codegen::wire` against the compiled models: on the made-up pages
//! of several test folders, a body the generated serde code and
//! `validate()` accept must be one `wire::Page::read_body` accepts, and the other
//! way round.
//!
//! The bodies are made from each page's own request example, changed one
//! place at a time (every member and item: removed, sent twice, replaced by
//! a value of each JSON kind and of the edges of each number type, an object
//! sent as the array of its values), plus whole bodies that are not the
//! request at all. `tests/wire/cases.json` adds cases written by hand, each
//! with the verdict and the places `wire` must name.

use std::collections::BTreeMap;
use std::path::Path;

use pivot_codegen::wire;
use serde_json::Value;

/// The folders of pages the test reads, as the macro and the engine each
/// see them, and one judge per page with a request body: the compiled
/// models' reading (`serde_json` into `Request`, then `validate()`).
macro_rules! folders {
    ($($folder:ident: $dir:tt => [$($page:ident),* $(,)?];)*) => {
        $(
            #[allow(dead_code, clippy::all)]
            mod $folder {
                pivot_macros::models!($dir);
            }
        )*

        const FOLDERS: &[(&str, &str)] = &[$((stringify!($folder), $dir)),*];

        /// The compiled models' verdict on `body` for `page` of `folder`.
        fn compiled(folder: &str, page: &str) -> Option<fn(&str) -> Result<(), String>> {
            match (folder, page) {
                $($(
                    (stringify!($folder), stringify!($page)) => Some(|body: &str| {
                        let request: $folder::$page::Request =
                            serde_json::from_str(body).map_err(|e| e.to_string())?;
                        request.validate().map_err(|e| e.to_string())
                    }),
                )*)*
                _ => None,
            }
        }
    };
}

folders! {
    wire_pages: "tests/wire" => [every_kind];
    mock_pages: "tests/pages" => [access_token, create_session, create_session_card, payment_callback, wallet_balance];
    validation: "../tests/validation" => [create_transfer];
    objects: "../tests/objects" => [create_rebate, quote_rebate, rebate_callback];
    endpoint: "../tests/endpoint" => [order_callback, refund_order, token];
    secrets: "../tests/secrets" => [card_session, issue_token, renew_token];
}

/// The pages of a folder, as the mock reads them.
fn pages(dir: &str) -> Vec<wire::Page> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (sources, problems) =
        pivot_codegen::read_pages(&root.join(dir), dir).expect("the folder has pages");
    assert!(problems.is_empty(), "{problems:?}");
    let generated = pivot_codegen::generate(&sources);
    assert_eq!(generated.errors().count(), 0, "the test pages read");
    generated
        .analyses
        .into_iter()
        .map(wire::Page::from)
        .collect()
}

#[test]
fn every_page_with_a_request_has_a_judge() {
    for (folder, dir) in FOLDERS {
        for page in pages(dir) {
            if page.has_request_body() {
                assert!(
                    compiled(folder, page.name()).is_some(),
                    "{dir}/{}.txt has a request body: add `{}` to its folder's list in folders!",
                    page.name(),
                    page.name()
                );
            }
        }
    }
}

/// A change at one place of a body.
#[derive(Debug, Clone)]
enum Change {
    Remove,
    /// Sent twice (a member) or once more (an item).
    Repeat,
    /// Replaced by this JSON text.
    Replace(&'static str),
    /// An object sent as the array of its values, in order, with this many
    /// `null`s after them.
    AsArray(usize),
}

/// Values of every JSON kind, and the edges of the number types.
const REPLACEMENTS: &[&str] = &[
    "null",
    "true",
    "0",
    "-1",
    "-0",
    "1.5",
    "1e2",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551616",
    "\"\"",
    "\"x\"",
    "\"a b\"",
    "\"12345\"",
    "\"12345678901234567890123456789012345678901\"",
    "\"2500.005\"",
    "[]",
    "[\"x\"]",
    "[{}]",
    "{}",
    "{\"1\": {}}",
];

/// `value` as JSON text with `change` made at `at` (a list of steps: a
/// member's index in its object, or an item's index).
fn render(value: &Value, at: &[usize], change: &Change, out: &mut String) {
    let here = at.is_empty();
    match (value, change) {
        (_, Change::Replace(raw)) if here => out.push_str(raw),
        (Value::Object(members), Change::AsArray(extra)) if here => {
            let mut items: Vec<Value> = members.values().cloned().collect();
            items.extend(std::iter::repeat_n(Value::Null, *extra));
            out.push_str(&Value::Array(items).to_string());
        }
        (Value::Object(members), _) => {
            out.push('{');
            let mut first = true;
            for (index, (key, member)) in members.iter().enumerate() {
                let on_path = at.first() == Some(&index);
                let last_step = on_path && at.len() == 1;
                if last_step && matches!(change, Change::Remove) {
                    continue;
                }
                let times = if last_step && matches!(change, Change::Repeat) {
                    2
                } else {
                    1
                };
                for _ in 0..times {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push(':');
                    if on_path && !last_step {
                        render(member, &at[1..], change, out);
                    } else if last_step && !matches!(change, Change::Remove | Change::Repeat) {
                        render(member, &[], change, out);
                    } else {
                        out.push_str(&member.to_string());
                    }
                }
            }
            out.push('}');
        }
        (Value::Array(items), _) => {
            out.push('[');
            let mut first = true;
            for (index, item) in items.iter().enumerate() {
                let on_path = at.first() == Some(&index);
                let last_step = on_path && at.len() == 1;
                if last_step && matches!(change, Change::Remove) {
                    continue;
                }
                let times = if last_step && matches!(change, Change::Repeat) {
                    2
                } else {
                    1
                };
                for _ in 0..times {
                    if !first {
                        out.push(',');
                    }
                    first = false;
                    if on_path && !last_step {
                        render(item, &at[1..], change, out);
                    } else if last_step && !matches!(change, Change::Remove | Change::Repeat) {
                        render(item, &[], change, out);
                    } else {
                        out.push_str(&item.to_string());
                    }
                }
            }
            out.push(']');
        }
        (value, _) => out.push_str(&value.to_string()),
    }
}

/// Every place of `value`, as steps from the root (the root itself first).
fn places(value: &Value, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(at.clone());
    let children: Vec<&Value> = match value {
        Value::Object(members) => members.values().collect(),
        Value::Array(items) => items.iter().collect(),
        _ => Vec::new(),
    };
    for (index, child) in children.into_iter().enumerate() {
        at.push(index);
        places(child, at, out);
        at.pop();
    }
}

/// The bodies made from an example.
fn bodies(example: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(example).expect("an example is JSON");
    let mut all = vec![
        example.to_string(),
        String::new(),
        "null".to_string(),
        "[]".to_string(),
        "{}".to_string(),
        "\"text\"".to_string(),
        "not json".to_string(),
        format!("{example} trailing"),
    ];
    let mut at = Vec::new();
    let mut list = Vec::new();
    places(&value, &mut at, &mut list);
    for place in list {
        let mut changes = vec![
            Change::Remove,
            Change::Repeat,
            Change::AsArray(0),
            Change::AsArray(1),
            Change::AsArray(40),
        ];
        changes.extend(REPLACEMENTS.iter().map(|raw| Change::Replace(raw)));
        for change in changes {
            if place.is_empty() && matches!(change, Change::Remove | Change::Repeat) {
                continue;
            }
            let mut out = String::new();
            render(&value, &place, &change, &mut out);
            all.push(out);
        }
    }
    all.sort();
    all.dedup();
    all
}

#[test]
fn wire_accepts_exactly_what_the_generated_code_accepts() {
    let mut judged = 0;
    let mut accepted = 0;
    let mut disagreements = Vec::new();
    for (folder, dir) in FOLDERS {
        for page in pages(dir) {
            let (Some(judge), Some(example)) =
                (compiled(folder, page.name()), page.request_example())
            else {
                continue;
            };
            for body in bodies(example) {
                let generated = judge(&body);
                let reading = page.read_body(body.as_bytes());
                judged += 1;
                accepted += usize::from(generated.is_ok());
                if generated.is_ok() != reading.is_ok() {
                    disagreements.push(format!(
                        "{dir}/{}: {body}\n  generated: {generated:?}\n  wire: {:?}",
                        page.name(),
                        reading.violations
                    ));
                }
            }
        }
    }
    assert!(
        disagreements.is_empty(),
        "{} of {judged} bodies judged differently:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    // The cases reach both verdicts, many times over.
    assert!(judged > 2000, "{judged} bodies");
    assert!(
        accepted > 200 && judged - accepted > 1000,
        "{accepted} of {judged} accepted"
    );
}

/// A case of `tests/wire/cases.json`.
#[derive(Debug, serde::Deserialize)]
struct Case {
    folder: String,
    page: String,
    why: String,
    body: Value,
    /// The body as text, when it cannot be JSON (a member sent twice).
    #[serde(default)]
    text: Option<String>,
    /// The places `wire` names, as `Place::field()` says them, in order;
    /// empty when the body is accepted.
    fields: Vec<String>,
}

#[test]
fn cases_written_by_hand() {
    let cases: Vec<Case> = serde_json::from_str(include_str!("wire/cases.json"))
        .expect("tests/wire/cases.json is a list of cases");
    assert!(!cases.is_empty());
    let dirs: BTreeMap<&str, &str> = FOLDERS.iter().copied().collect();
    let mut pages_of: BTreeMap<&str, Vec<wire::Page>> = BTreeMap::new();
    for case in &cases {
        let dir = dirs[case.folder.as_str()];
        let pages = pages_of.entry(dir).or_insert_with(|| pages(dir));
        let page = pages
            .iter()
            .find(|p| p.name() == case.page)
            .unwrap_or_else(|| panic!("no page {} in {dir}", case.page));
        let body = case.text.clone().unwrap_or_else(|| case.body.to_string());
        let reading = page.read_body(body.as_bytes());
        let fields: Vec<&str> = reading.violations.iter().map(|v| v.place.field()).collect();
        assert_eq!(
            fields, case.fields,
            "{}: {:?}",
            case.why, reading.violations
        );
        let judge = compiled(&case.folder, &case.page).expect("a judge");
        assert_eq!(
            judge(&body).is_ok(),
            case.fields.is_empty(),
            "{}: the generated code disagrees",
            case.why
        );
    }
}
