//! Types shared across pages: object pages, links, rows named after an
//! object, identical shapes, and what is never merged.

use pivot_codegen::model::{Item, Module, Ty};
use pivot_codegen::{Builders, Generated, Options, Severity, Source, generate};

fn source(stem: &str, text: &str) -> Source {
    Source {
        display_path: format!("spec/{stem}.txt"),
        stem: stem.into(),
        text: text.into(),
    }
}

/// The pages of `tests/ui/pages/shared_types/`.
fn shared_types() -> Generated {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/pages/shared_types");
    let (sources, problems) = pivot_codegen::read_pages(&dir, "shared_types").expect("pages");
    assert!(problems.is_empty(), "{problems:?}");
    generate(&sources)
}

fn module<'a>(generated: &'a Generated, ident: &str) -> &'a Module {
    &generated
        .analyses
        .iter()
        .find(|a| a.module.ident == ident)
        .unwrap_or_else(|| panic!("no module {ident}"))
        .module
}

fn field_ty(module: &Module, owner: &str, key: &str) -> Ty {
    let Some(Item::Struct(s)) = module.item(owner) else {
        panic!("{owner} is not a struct of {}", module.ident);
    };
    s.fields
        .iter()
        .find(|f| f.key == key)
        .unwrap_or_else(|| panic!("{owner} has no {key}"))
        .full_ty()
}

#[test]
fn an_object_page_defines_a_shared_type_that_links_use() {
    let generated = shared_types();
    let shared = generated.shared.as_ref().expect("types are shared");
    assert_eq!(shared.objects, ["Amount"]);
    let Some(Item::Struct(amount)) = shared.module.item("Amount") else {
        panic!("no shared Amount");
    };
    // The documented `Decimal` wins over the example's integer.
    assert_eq!(amount.fields[0].ty, Ty::Number);
    assert!(!amount.fields[0].optional, "M on the object page");
    // Linked, and carried by shape under another name.
    let create = module(&generated, "create_order");
    assert!(create.is_reexport("Amount"));
    assert_eq!(
        field_ty(create, "Request", "amount"),
        Ty::Named("Amount".into())
    );
    let get = module(&generated, "get_order");
    assert!(
        matches!(get.item("Fee"), Some(Item::Alias(a)) if a.target == Ty::Named("Amount".into()))
    );
    // A member the object page does not know joins it, and check says so.
    let shared_customer_note = generated
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Note && d.message.contains("is not on the object page"));
    assert!(
        !shared_customer_note,
        "every linked amount has just the documented members"
    );
    // The shared type's docs list every use.
    let origins = amount.origins.join(" ");
    for used in [
        "create_order: request.amount",
        "get_order: response.data.fee",
    ] {
        assert!(origins.contains(used), "{origins}");
    }
}

#[test]
fn conflicting_members_are_never_merged() {
    let generated = shared_types();
    let refund = module(&generated, "refund_order");
    // Its amount's value is text: it keeps a type of its own.
    assert!(!refund.is_reexport("Amount"));
    let Some(Item::Struct(amount)) = refund.item("Amount") else {
        panic!("refund_order keeps its Amount");
    };
    assert_eq!(amount.fields[0].ty, Ty::String);
    let warning = generated
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Warning && d.file == "shared_types/refund_order.txt")
        .expect("the kept-apart link is reported");
    assert_eq!(warning.pos.line, 16, "{warning}");
    assert!(warning.message.contains("`value` is `String`"), "{warning}");
    // Its customer's `name` is a number, unlike the shared customer's.
    assert!(!refund.is_reexport("Customer"));
    assert!(module(&generated, "get_order").is_reexport("Customer"));
}

#[test]
fn a_row_named_after_an_object_types_the_data_it_describes() {
    let object = "Payment Session Object\nResponse\nResponse Body\n{\n\"id\": \"ps-1\",\n\"status\": \"PAID\"\n}\nDetail Payment Session Object\nParameter\nData Type\nCharacter Limit\nRequirement\nDescription\nid\nString\n-\nM\nThe session\nstatus\nString\n-\nM\nPossible values are:\nPAID\nEXPIRED\nLast updated\n";
    let list = "List Sessions\nGET\n[BASE_URL]/v2/payments\nResponse\nResponse Body\n{\n\"data\": [\n{\n\"id\": \"ps-1\",\n\"status\": \"PAID\"\n}\n]\n}\nDetail Parameter Response\nPayment Session\nArray of Object\nM\npayment-session-object\nLast updated\n";
    let generated = generate(&[
        source("list_sessions", list),
        source("object_payment_session", object),
    ]);
    let list = module(&generated, "list_sessions");
    assert_eq!(
        field_ty(list, "Response", "data"),
        Ty::Option(Box::new(Ty::Vec(Box::new(Ty::Named(
            "PaymentSession".into()
        )))))
    );
    assert!(
        list.unmatched
            .iter()
            .all(|(_, r)| r.name == "Payment Session")
    );
    let shared = generated.shared.as_ref().expect("shared");
    // The object page's table makes an enum of `status`.
    assert!(matches!(shared.module.item("Status"), Some(Item::Enum(_))));
}

#[test]
fn a_member_the_object_page_does_not_know_joins_as_optional() {
    let object = "Amount Object\nResponse\nResponse Body\n{\n\"amount\": {\"value\": 1, \"currency\": \"IDR\"}\n}\nDetail Amount Object\nvalue\nInteger\nM\nThe value\ncurrency\nString\nM\nThe currency\nLast updated\n";
    let page = "Pay\nPOST\n[BASE_URL]/v1/pay\nRequest\nRequest Body\n{\n\"amount\": {\"value\": 1, \"currency\": \"IDR\", \"exponent\": 2}\n}\nDetail Parameter Request\namount\nObject\nM\namount-object\nLast updated\n";
    let generated = generate(&[source("amount_object", object), source("pay", page)]);
    let shared = generated.shared.as_ref().expect("shared");
    let Some(Item::Struct(amount)) = shared.module.item("Amount") else {
        panic!("no shared Amount");
    };
    let exponent = amount
        .fields
        .iter()
        .find(|f| f.key == "exponent")
        .expect("joined");
    assert!(exponent.optional);
    assert!(
        !amount.fields[0].optional,
        "the documented members stay required"
    );
    let note = generated
        .diagnostics
        .iter()
        .find(|d| {
            d.message
                .contains("`exponent` is not on the object page `amount-object`")
        })
        .expect("a note for the joined member");
    assert_eq!((note.severity, note.pos.line), (Severity::Note, 7));
}

#[test]
fn one_page_alone_shares_nothing() {
    let reference = include_str!("../../tests/pinned/create_payment_session.txt");
    let generated = generate(&[source("create_payment_session", reference)]);
    assert!(generated.shared.is_none());
    assert!(generated.analyses[0].module.reexports.is_empty());
}

#[test]
fn a_link_to_a_missing_object_page_says_which_to_add() {
    let page = "Pay\nPOST\n[BASE_URL]/v1/pay\nRequest\nRequest Body\n{\n\"amount\": {\"value\": 1}\n}\nDetail Parameter Request\namount\nObject\nM\namount-object\nLast updated\n";
    let generated = generate(&[source("pay", page)]);
    let note = generated
        .diagnostics()
        .find(|d| d.message.contains("amount-object"))
        .expect("a note");
    assert_eq!(note.severity, Severity::Note);
    assert!(note.message.contains("\"Amount Object\""), "{note}");
}

/// The modules of `tokens` (pages and `shared`, not the crate-wide `__`
/// ones), each with its `builders` module's items if it has one.
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

/// The names of the modules of `tokens` that hold a `builders` module, and
/// of those that do not.
fn modules_with_builders(tokens: proc_macro2::TokenStream) -> (Vec<String>, Vec<String>) {
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for (name, builders) in builders_by_module(tokens) {
        match builders {
            Some(_) => with.push(name),
            None => without.push(name),
        }
    }
    (with, without)
}

#[test]
fn a_page_whose_types_are_all_shared_has_no_builders_of_its_own() {
    // An object page whose body is the object itself, as Pivot's are: its
    // one type moves to the shared module, builder and all.
    let object = "Refund Object\nResponse\nResponse Body\n{\n\"id\": \"r-1\",\n\"status\": \"SUCCESS\"\n}\nDetail Refund Object\nParameter\nData Type\nRequirement\nDescription\nid\nString\nM\nThe refund's id\nstatus\nString\nM\nWhere it stands\nLast updated\n";
    let endpoint = "Get Refund\nGET\n[BASE_URL]/v1/refunds/{id}\nResponse\nResponse Body\n{\n\"code\": \"00\",\n\"data\": {\n\"id\": \"r-1\",\n\"status\": \"SUCCESS\"\n}\n}\nDetail Parameter Response\ncode\nString\nM\nResult code\ndata\nObject\nM\nrefund-object\nLast updated\n";
    let generated = generate(&[
        source("object_refund", object),
        source("get_refund", endpoint),
    ]);
    assert!(generated.errors().next().is_none());
    let every = Options {
        builders: Builders::All,
        ..Default::default()
    };
    let (with, without) = modules_with_builders(generated.tokens_with(&every));
    assert_eq!(without, ["object_refund"]);
    assert!(with.contains(&"shared".to_string()), "{with:?}");
    // By default the refund, which only responses carry, has no builder;
    // the page keeps the builder of its `Call`.
    let (with, _) = modules_with_builders(generated.tokens());
    assert_eq!(with, ["get_refund"]);
    // The test hooks list every page's builder checks, so every page has the
    // module that holds them.
    let hooks = pivot_codegen::Options {
        test_hooks: true,
        ..Default::default()
    };
    let (_, without) = modules_with_builders(generated.tokens_with(&hooks));
    assert_eq!(without, Vec::<String>::new());
}

/// The names of the types that have a builder: `XBuilder` in any `builders`
/// module, sorted.
fn built_types(tokens: proc_macro2::TokenStream) -> Vec<String> {
    let mut built: Vec<String> = builders_by_module(tokens)
        .into_iter()
        .flat_map(|(_, builders)| builders.unwrap_or_default())
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string().strip_suffix("Builder")?.to_string()),
            _ => None,
        })
        .collect();
    built.sort();
    built
}

#[test]
fn builders_are_for_what_a_call_sends() {
    let reference = include_str!("../../tests/pinned/create_payment_session.txt");
    let generated = generate(&[source("create_payment_session", reference)]);
    let sent = built_types(generated.tokens());
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
        .items
        .iter()
        .filter(|item| matches!(item, Item::Struct(_)))
        .count();
    let every = Options {
        builders: Builders::All,
        ..Default::default()
    };
    let all = built_types(generated.tokens_with(&every));
    assert_eq!(all.len(), structs, "{all:?}");
    // The test hooks rebuild the response examples too.
    let hooks = Options {
        test_hooks: true,
        ..Default::default()
    };
    assert_eq!(built_types(generated.tokens_with(&hooks)), all);
    let none = Options {
        builders: Builders::None,
        ..Default::default()
    };
    assert!(built_types(generated.tokens_with(&none)).is_empty());
}
