//! A page's types depend on that page and the object pages it links,
//! nothing else: adding, changing or removing an endpoint page changes no
//! other page's module, object pages' included, nor what the crate root
//! re-exports. Run on the made-up pages of `tests/objects/`, and (ignored
//! by default, run by `.ci/run`) on the real pages of `PIVOT_PAGES_DIR`.

use std::collections::BTreeMap;

use pivot_codegen::model::Module;
use pivot_codegen::{Source, generate};

#[path = "../../tests/support/required_dir.rs"]
mod required_dir;

/// Every module generated from `sources`, by ident.
fn modules(sources: &[Source]) -> BTreeMap<String, Module> {
    generate(sources)
        .analyses
        .into_iter()
        .map(|a| (a.module.ident.clone(), a.module))
        .collect()
}

/// The code of each page module and of the root re-exports, by name, as
/// the macro emits it.
fn code(sources: &[Source]) -> BTreeMap<String, String> {
    let file: syn::File = syn::parse2(generate(sources).tokens()).expect("generated code parses");
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) if m.ident != "__fields" => Some((
                m.ident.to_string(),
                quote::ToTokens::to_token_stream(&m).to_string(),
            )),
            _ => None,
        })
        .collect()
}

/// The modules of `after` that differ from `before`'s, `skip` left out.
fn changed(
    before: &BTreeMap<String, Module>,
    after: &BTreeMap<String, Module>,
    skip: &str,
) -> Vec<String> {
    before
        .iter()
        .filter(|(ident, _)| ident.as_str() != skip)
        .filter(|(ident, module)| after.get(*ident) != Some(*module))
        .map(|(ident, _)| ident.clone())
        .collect()
}

/// Each page's module ident, in page order.
fn idents(sources: &[Source]) -> Vec<String> {
    let generated = generate(sources);
    assert_eq!(
        generated.analyses.len(),
        sources.len(),
        "two pages claim one module"
    );
    generated
        .analyses
        .into_iter()
        .map(|a| a.module.ident)
        .collect()
}

/// For each endpoint page of `sources`: the other modules that change when
/// it is removed.
fn removals(sources: &[Source]) -> Vec<(String, Vec<String>)> {
    let whole = modules(sources);
    let mut out = Vec::new();
    for (i, ident) in idents(sources).into_iter().enumerate() {
        if whole[&ident].object.is_some() {
            continue;
        }
        let mut without = sources.to_vec();
        without.remove(i);
        out.push((ident.clone(), changed(&whole, &modules(&without), &ident)));
    }
    out
}

fn made_up_pages() -> Vec<Source> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/objects");
    let (sources, problems) = pivot_codegen::read_pages(&dir, "objects").expect("pages");
    assert!(problems.is_empty(), "{problems:?}");
    sources
}

#[test]
fn removing_an_endpoint_page_changes_no_other_module() {
    let sources = made_up_pages();
    let removals = removals(&sources);
    assert!(removals.len() >= 5, "endpoint pages missing: {removals:?}");
    for (page, others) in &removals {
        assert!(others.is_empty(), "removing {page} changes {others:?}");
    }
    // The emitted code too, root re-exports included.
    let whole = code(&sources);
    let objects = modules(&sources);
    for (i, ident) in idents(&sources).into_iter().enumerate() {
        if objects[&ident].object.is_some() {
            continue;
        }
        let mut without = sources.to_vec();
        without.remove(i);
        for (name, text) in code(&without) {
            if name != ident {
                assert_eq!(
                    whole.get(&name),
                    Some(&text),
                    "removing {ident} changes {name}"
                );
            }
        }
    }
}

#[test]
fn changing_an_endpoint_page_changes_no_other_module() {
    let sources = made_up_pages();
    let whole = modules(&sources);
    let quote = sources
        .iter()
        .position(|s| s.stem == "quote_rebate")
        .expect("quote_rebate");
    // A new member in the data that disagrees with the object, and a type
    // change in the request: neither reaches another page.
    let mut changed_pages = sources.clone();
    changed_pages[quote].text = changed_pages[quote]
        .text
        .replace("\"fee\": 100,", "\"fee\": 100,\n\"tax\": \"10.5\",")
        .replace(
            "\"clientReferenceId\": \"REB002\",\n\"shopper\"",
            "\"clientReferenceId\": 2,\n\"shopper\"",
        );
    assert_ne!(changed_pages[quote].text, sources[quote].text);
    let after = modules(&changed_pages);
    assert_ne!(
        after["quote_rebate"], whole["quote_rebate"],
        "the edit changes its own page"
    );
    assert_eq!(
        changed(&whole, &after, "quote_rebate"),
        Vec::<String>::new()
    );
}

/// The real pages, each repaired as `pivot fix` would (7 of the 98 need it).
fn real_pages() -> Vec<Source> {
    let dir = required_dir::required_dir(
        "PIVOT_PAGES_DIR",
        "documentation pages (*.txt)",
        "cargo test -p pivot-codegen --test locality -- --ignored",
    );
    let (sources, problems) = pivot_codegen::read_pages(&dir, "pages").expect("pages");
    assert!(problems.is_empty(), "{problems:?}");
    sources
        .into_iter()
        .map(|source| Source {
            text: pivot_codegen::fix::repair(&source).text,
            ..source
        })
        .collect()
}

#[test]
#[ignore = "reads PIVOT_PAGES_DIR: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-codegen --test locality -- --ignored"]
fn on_the_real_pages_removing_an_endpoint_page_changes_no_other_module() {
    let sources = real_pages();
    let removals = removals(&sources);
    let changing: Vec<&(String, Vec<String>)> = removals
        .iter()
        .filter(|(_, others)| !others.is_empty())
        .collect();
    println!(
        "{} of {} endpoint pages change another module when removed",
        changing.len(),
        removals.len()
    );
    assert!(removals.len() >= 80, "{} endpoint pages", removals.len());
    assert!(changing.is_empty(), "{changing:#?}");
}
