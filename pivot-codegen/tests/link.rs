//! Object pages are the contract of the types pages share: links, rows
//! named after an object, requests that are an object, data that disagrees,
//! and what is never shared. On the made-up pages of `tests/objects/`: a
//! Rebate object (amount, shopper), its endpoints, and pages that link
//! nothing or disagree with it.

use pivot_codegen::model::{Field, Item, ItemRef, Module, Rule, Struct, Ty};
use pivot_codegen::{Builders, Generated, Options, Severity, Source, generate};

fn source(stem: &str, text: &str) -> Source {
    Source {
        display_path: format!("spec/{stem}.txt"),
        stem: stem.into(),
        text: text.into(),
    }
}

fn object_pages_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/objects")
}

/// The pages of `tests/objects/`, `keep` saying which.
fn pages(keep: impl Fn(&str) -> bool) -> Vec<Source> {
    let (sources, problems) =
        pivot_codegen::read_pages(&object_pages_dir(), "objects").expect("pages");
    assert!(problems.is_empty(), "{problems:?}");
    sources.into_iter().filter(|s| keep(&s.stem)).collect()
}

fn all() -> Generated {
    let generated = generate(&pages(|_| true));
    let errors: Vec<_> = generated.errors().collect();
    assert!(errors.is_empty(), "{errors:?}");
    generated
}

fn module<'a>(generated: &'a Generated, ident: &str) -> &'a Module {
    &generated
        .analyses
        .iter()
        .find(|a| a.module.ident == ident)
        .unwrap_or_else(|| panic!("no module {ident}"))
        .module
}

fn structure<'a>(module: &'a Module, name: &str) -> &'a Struct {
    match module.item(name) {
        Some(Item::Struct(s)) => s,
        other => panic!("{name} of {} is no struct: {other:?}", module.ident),
    }
}

fn field<'a>(s: &'a Struct, key: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{} has no {key}", s.name))
}

fn linked(module: &str, name: &str) -> Ty {
    Ty::Linked(ItemRef {
        module: module.into(),
        name: name.into(),
    })
}

/// What the alias `name` of `module` names.
fn alias_target(module: &Module, name: &str) -> Ty {
    match module.item(name) {
        Some(Item::Alias(a)) => a.target.clone(),
        other => panic!("{name} of {} is no alias: {other:?}", module.ident),
    }
}

fn warnings_of<'a>(generated: &'a Generated, file: &str) -> Vec<&'a pivot_codegen::Diagnostic> {
    generated
        .diagnostics()
        .filter(|d| d.severity == Severity::Warning && d.file.ends_with(file))
        .collect()
}

#[test]
fn an_object_page_documents_its_type_and_nothing_weakens_it() {
    let generated = all();
    let rebate = module(&generated, "object_rebate");
    let object = rebate.object.as_ref().expect("an object page");
    assert_eq!(
        (object.name.as_str(), object.slug.as_str()),
        ("Rebate", "rebate-object")
    );
    // Its documented struct has the object's name; the body's stays, an alias.
    let s = structure(rebate, "Rebate");
    assert_eq!(alias_target(rebate, "Response"), Ty::Named("Rebate".into()));
    // Presence and values are the object page's.
    assert!(!field(s, "clientReferenceId").optional);
    assert!(!field(s, "status").optional, "M");
    assert!(field(s, "description").optional, "O");
    assert!(matches!(rebate.item("Reason"), Some(Item::Enum(e)) if e.variants.len() == 3));
    // It links the Amount and Shopper objects, and names their types.
    assert_eq!(field(s, "amount").ty, Ty::Named("Amount".into()));
    assert_eq!(
        alias_target(rebate, "Amount"),
        linked("object_amount", "Amount")
    );
    assert_eq!(
        alias_target(rebate, "Shopper"),
        linked("object_shopper", "Shopper")
    );
    // `quote_rebate`'s data has a `fee` and no `status`: the object has
    // neither a fee nor an optional status. The object pages generated
    // without any endpoint page are the same.
    assert!(!s.fields.iter().any(|f| f.key == "fee"));
    let objects_alone = generate(&pages(|stem| stem.starts_with("object_")));
    for alone in &objects_alone.analyses {
        assert_eq!(&alone.module, module(&generated, &alone.module.ident));
    }
}

#[test]
fn data_that_reads_as_the_object_is_the_objects_type() {
    let generated = all();
    let rebate = linked("object_rebate", "Rebate");
    // `data` of a response, by a row named after the object.
    assert_eq!(
        alias_target(module(&generated, "create_rebate"), "Data"),
        rebate
    );
    // The items of `data`, by an `Array of Object` row.
    let list = module(&generated, "list_rebates");
    assert_eq!(
        field(structure(list, "Response"), "data").full_ty(),
        Ty::Option(Box::new(Ty::Vec(Box::new(Ty::Named("DataItem".into())))))
    );
    assert_eq!(alias_target(list, "DataItem"), rebate);
    // A callback's data.
    assert_eq!(
        alias_target(module(&generated, "rebate_callback"), "Data"),
        rebate
    );
    // A member's row that links the object.
    let quote = module(&generated, "quote_rebate");
    assert_eq!(
        alias_target(quote, "Shopper"),
        linked("object_shopper", "Shopper")
    );
}

#[test]
fn a_request_that_is_the_object_has_its_members_and_documentation() {
    let generated = all();
    let create = module(&generated, "create_rebate");
    let request = structure(create, "Request");
    // Documented nowhere on the page: the object page's rows decide.
    let reference = field(request, "clientReferenceId");
    assert!(!reference.optional, "M on the object page");
    let rules: Vec<&Rule> = reference.doc.constraints.iter().map(|c| &c.rule).collect();
    assert!(
        rules.contains(&&Rule::Chars { min: 1, max: 20 }),
        "{rules:?}"
    );
    assert!(rules.contains(&&Rule::Alphanumeric), "{rules:?}");
    assert_eq!(
        field(request, "reason").ty,
        linked("object_rebate", "Reason")
    );
    assert!(!field(request, "reason").optional);
    let description = field(request, "description");
    assert_eq!(
        description.doc.constraints[0].rule,
        Rule::Chars { min: 0, max: 50 }
    );
    // The object's members the example does not send join it, optional;
    // those only responses carry do not.
    let destination = field(request, "destination");
    assert!(destination.optional);
    assert_eq!(destination.ty, linked("object_rebate", "Destination"));
    for response_only in ["id", "status", "createdAt"] {
        assert!(
            !request.fields.iter().any(|f| f.key == response_only),
            "{response_only} is on the request"
        );
    }
    // Its amount reads as the Amount object.
    assert_eq!(
        alias_target(create, "Amount"),
        linked("object_amount", "Amount")
    );
    // That is what the page is, not a problem.
    assert!(warnings_of(&generated, "create_rebate.txt").is_empty());
}

#[test]
fn data_that_disagrees_keeps_its_own_type_documented_by_the_object() {
    let generated = all();
    let quote = module(&generated, "quote_rebate");
    let data = structure(quote, "Data");
    // A member the object lacks (`fee`): the page's own type, and a
    // warning at the row that links, naming it.
    let warnings = warnings_of(&generated, "quote_rebate.txt");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].pos.line, 49);
    assert!(warnings[0].message.contains("`fee`"), "{}", warnings[0]);
    // Where the page says nothing, the object page documents it.
    let reason = field(data, "reason");
    assert_eq!(reason.ty, linked("object_rebate", "Reason"));
    assert!(
        reason
            .doc
            .row
            .as_ref()
            .is_some_and(|r| r.description[0].starts_with("Why"))
    );
    assert!(!reason.optional, "M, and the example sends it");
    // Its nested amount reads as the Amount object all the same.
    assert_eq!(
        alias_target(quote, "Amount"),
        linked("object_amount", "Amount")
    );
    // Its own `Rebate` is the page's: the object's is `pivot_models::Rebate`.
    assert_eq!(structure(quote, "Rebate").fields[0].key, "kind");
}

#[test]
fn rows_named_after_an_object_are_never_members() {
    let generated = all();
    for analysis in &generated.analyses {
        for s in analysis.module.structs() {
            assert!(
                !s.fields.iter().any(|f| f.key == "Rebate"),
                "{}::{} has a member for the row `Rebate`",
                analysis.module.ident,
                s.name
            );
        }
    }
    let create = module(&generated, "create_rebate");
    let named: Vec<&str> = create
        .unmatched
        .iter()
        .map(|(_, r)| r.name.as_str())
        .collect();
    assert_eq!(named, ["Rebate", "Rebate"]);
}

#[test]
fn rows_after_an_array_row_document_its_items() {
    let generated = all();
    let shopper = module(&generated, "object_shopper");
    // The example wraps the object in `shopper`; the object is that struct,
    // not the root, and not the items the most rows document.
    assert_eq!(shopper.object.as_ref().expect("object").item, "Shopper");
    let object = structure(shopper, "Shopper");
    let keys: Vec<&str> = object.fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["name", "email", "cards"]);
    let card = structure(shopper, "Card");
    for key in ["token", "brand", "last4"] {
        assert!(field(card, key).doc.row.is_some(), "{key} is documented");
    }
}

#[test]
fn value_lists_under_a_heading_are_enums() {
    let generated = all();
    let callback = module(&generated, "rebate_callback");
    let Some(Item::Enum(event)) = callback.item("Event") else {
        panic!("no Event enum");
    };
    let values: Vec<&str> = event.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["REBATE.PENDING", "REBATE.DONE"]);
}

#[test]
fn a_page_that_links_nothing_keeps_its_own_types() {
    let generated = all();
    let balance = module(&generated, "get_balance");
    // The Amount object's shape, but nothing says it is one.
    let amount = structure(balance, "Amount");
    assert_eq!(field(amount, "value").ty, Ty::I64);
    assert!(balance.linked.is_empty());
}

#[test]
fn no_name_depends_on_another_page() {
    let generated = all();
    for analysis in &generated.analyses {
        for item in &analysis.module.items {
            let name = item.name();
            assert!(
                !name.ends_with("Own") && !name.ends_with(|c: char| c.is_ascii_digit()),
                "{}::{name}",
                analysis.module.ident
            );
        }
    }
}

#[test]
fn an_object_page_alone_types_only_itself() {
    let alone = generate(&pages(|stem| stem == "object_rebate"));
    let rebate = &alone.analyses[0].module;
    assert!(rebate.linked.is_empty());
    assert!(matches!(rebate.item("Amount"), Some(Item::Struct(_))));
    // Its link to the Amount page says which page to add.
    let note = alone
        .diagnostics()
        .find(|d| d.message.contains("amount-object"))
        .expect("a note");
    assert_eq!(note.severity, Severity::Note);
    assert!(note.message.contains("\"Amount Object\""), "{note}");
}

#[test]
fn a_link_from_a_row_that_holds_no_object_is_no_link() {
    // The description names a slug in passing; the member is a boolean.
    let page = "Pay\nPOST\n[BASE_URL]/v1/pay\nRequest\nRequest Body\n{\n\"save\": true\n}\nDetail Parameter Request\nsave\nBoolean\nO\nStore the card in the shopper-object for later\nLast updated\n";
    let generated = generate(&[source("pay", page)]);
    assert!(
        generated
            .diagnostics()
            .all(|d| !d.message.contains("shopper-object")),
        "{:?}",
        generated.diagnostics().collect::<Vec<_>>()
    );
}

#[test]
fn object_pages_that_link_in_a_circle_are_said_to() {
    let a = "Alpha Object\nResponse\nResponse Body\n{\n\"id\": \"a\",\n\"beta\": {\"id\": \"b\"}\n}\nDetail Alpha Object\nid\nString\nM\nIts id\nbeta\nObject\nO\nbeta-object\nLast updated\n";
    let b = "Beta Object\nResponse\nResponse Body\n{\n\"id\": \"b\",\n\"alpha\": {\"id\": \"a\"}\n}\nDetail Beta Object\nid\nString\nM\nIts id\nalpha\nObject\nO\nalpha-object\nLast updated\n";
    let generated = generate(&[source("object_alpha", a), source("object_beta", b)]);
    assert!(generated.errors().next().is_none());
    let cycles: Vec<_> = generated
        .diagnostics()
        .filter(|d| d.message.contains("links back to it"))
        .collect();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    // One link is followed, the other page keeps its own type.
    let tokens = pivot_codegen::pretty(&generated.tokens()).expect("parses");
    assert!(
        tokens.contains("super::object_alpha::Alpha")
            || tokens.contains("super::object_beta::Beta")
    );
}

/// The modules of `tokens` (not the crate-wide `__` ones), each with its
/// `builders` module's items if it has one.
fn builders_by_module(tokens: proc_macro2::TokenStream) -> Vec<(String, Option<Vec<syn::Item>>)> {
    let file: syn::File = syn::parse2(tokens).expect("generated code parses");
    file.items
        .into_iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if !module.ident.to_string().starts_with("__") => Some(module),
            _ => None,
        })
        .map(|module| {
            let inner = module.content.map(|(_, items)| items).unwrap_or_default();
            let builders = inner.into_iter().find_map(|item| match item {
                syn::Item::Mod(m) if m.ident == "builders" => {
                    Some(m.content.map(|(_, items)| items).unwrap_or_default())
                }
                _ => None,
            });
            (module.ident.to_string(), builders)
        })
        .collect()
}

/// The names of the types that have a builder, by module.
fn built_types(tokens: proc_macro2::TokenStream) -> Vec<(String, Vec<String>)> {
    builders_by_module(tokens)
        .into_iter()
        .map(|(module, builders)| {
            let mut built: Vec<String> = builders
                .unwrap_or_default()
                .into_iter()
                .filter_map(|item| match item {
                    syn::Item::Struct(s) => {
                        Some(s.ident.to_string().strip_suffix("Builder")?.to_string())
                    }
                    _ => None,
                })
                .collect();
            built.sort();
            (module, built)
        })
        .collect()
}

fn built_in<'a>(built: &'a [(String, Vec<String>)], module: &str) -> &'a [String] {
    &built
        .iter()
        .find(|(m, _)| m == module)
        .unwrap_or_else(|| panic!("no module {module}"))
        .1
}

#[test]
fn object_types_have_builders_on_their_own_page_only() {
    let generated = all();
    let built = built_types(generated.tokens());
    // An object's types are sent as well as received: they have builders,
    // in their own module.
    assert_eq!(built_in(&built, "object_rebate"), ["Destination", "Rebate"]);
    assert!(built_in(&built, "object_shopper").contains(&"Shopper".to_string()));
    // A page whose response data is the object has no builder of its own
    // for it; its request and call have theirs.
    assert_eq!(built_in(&built, "create_rebate"), ["Call", "Request"]);
    // The test hooks rebuild every example, so every struct has a builder.
    let hooks = Options::default().test_hooks(true);
    let every = Options::default().builders(Builders::All);
    assert_eq!(
        built_types(generated.tokens_with(&hooks)),
        built_types(generated.tokens_with(&every))
    );
}

#[test]
fn builders_are_for_what_a_call_sends() {
    let reference = include_str!("../../tests/pinned/create_payment_session.txt");
    let generated = generate(&[source("create_payment_session", reference)]);
    let built = built_types(generated.tokens());
    let sent = built_in(&built, "create_payment_session");
    // Sent, or carried by the request and the response alike.
    for name in ["Request", "Amount", "Customer", "OrderInformation", "Call"] {
        assert!(
            sent.iter().any(|s| s == name),
            "{name} has no builder: {sent:?}"
        );
    }
    // Only in the response.
    for name in ["Response", "Data", "ChargeDetail", "StoredPaymentMethod"] {
        assert!(!sent.iter().any(|s| s == name), "{name} has a builder");
    }
    let structs = module(&generated, "create_payment_session")
        .structs()
        .count();
    let every = Options::default().builders(Builders::All);
    let all = built_types(generated.tokens_with(&every));
    assert_eq!(built_in(&all, "create_payment_session").len(), structs);
    let none = Options::default().builders(Builders::None);
    assert!(
        built_types(generated.tokens_with(&none))
            .iter()
            .all(|(_, b)| b.is_empty())
    );
}

/// An endpoint's example that breaks a rule its linked object page
/// documents is reported where the page links the object: the object page
/// is the contract, so its rule stays checked and `validate()` would refuse
/// the page's own example.
#[test]
fn an_example_breaking_an_object_pages_rule_is_a_warning_at_the_link() {
    let page = "\
Retrieve Rebate
GET
[BASE_URL]/v1/rebates/{id}
Response
Response Body
{
\"code\": \"00\",
\"data\": {
\"id\": \"rb-01\",
\"clientReferenceId\": \"REB-001\",
\"amount\": {
\"value\": 5000,
\"currency\": \"IDR\"
},
\"reason\": \"FRAUD\",
\"status\": \"DONE\",
\"createdAt\": \"2025-09-03T07:22:11Z\"
}
}
Detail Parameter Response
Parameter
Data Type
Requirement
Description
data
Object
M
rebate-object
Last updated
";
    let mut sources = pages(|stem| stem.starts_with("object_"));
    sources.push(source("retrieve_rebate", page));
    let generated = generate(&sources);
    let analysis = generated
        .analyses
        .iter()
        .find(|a| a.module.ident == "retrieve_rebate")
        .expect("the page");
    let warnings: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| format!("{}:{} {}", d.pos.line, d.pos.col, d.message))
        .collect();
    let broken: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("breaks the rule"))
        .collect();
    assert_eq!(broken.len(), 1, "{warnings:#?}");
    // Line 25 is the `data` row that links the object page.
    assert!(
        broken[0]
            .starts_with("25:1 the example has `\"REB-001\"` at `response.data.clientReferenceId`"),
        "{}",
        broken[0]
    );
    assert!(broken[0].contains("object_rebate::Rebate"), "{}", broken[0]);
    // The object's rule stays checked on the type the page uses.
    let module = &analysis.module;
    let data = module
        .struct_of(&field(structure(module, "Response"), "data").ty)
        .expect("data is the object's struct");
    let reference = field(data, "clientReferenceId");
    assert!(
        reference
            .doc
            .constraints
            .iter()
            .any(|c| c.rule == Rule::Alphanumeric && c.is_checked()),
        "{:?}",
        reference.doc.constraints
    );
    // The object page's own example keeps every rule: no such warning there.
    let object = generated
        .analyses
        .iter()
        .find(|a| a.module.ident == "object_rebate")
        .expect("the object page");
    assert!(
        !object
            .diagnostics
            .iter()
            .any(|d| d.message.contains("breaks the rule")),
        "{:?}",
        object.diagnostics
    );
}
