//! The generated API of the reference page, as pinned in
//! `tests/pinned/create_payment_session.txt` (`spec/` holds the page as the
//! API is now, which an update changes): what the generator makes of it.

use pivot_codegen::model::{Field, Item, Module, Struct, Ty};
use pivot_codegen::{Source, analyze};

fn reference() -> Module {
    let source = Source {
        display_path: "tests/pinned/create_payment_session.txt".into(),
        stem: "create_payment_session".into(),
        text: include_str!("../../tests/pinned/create_payment_session.txt").into(),
    };
    let analysis = analyze(&source);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis.module
}

fn item<'a>(module: &'a Module, name: &str) -> &'a Item {
    module
        .items
        .iter()
        .find(|i| i.name() == name)
        .unwrap_or_else(|| panic!("no item {name}"))
}

fn structure<'a>(module: &'a Module, name: &str) -> &'a Struct {
    match item(module, name) {
        Item::Struct(s) => s,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn field<'a>(s: &'a Struct, ident: &str) -> &'a Field {
    s.fields
        .iter()
        .find(|f| f.ident == ident)
        .unwrap_or_else(|| panic!("{} has no field {ident}", s.name))
}

fn named(name: &str) -> Ty {
    Ty::Named(name.into())
}

#[test]
fn module_constants() {
    let m = reference();
    assert_eq!(m.ident, "create_payment_session");
    assert_eq!(m.method.as_deref(), Some("POST"));
    assert_eq!(
        m.url.as_ref().and_then(|u| u.path.as_deref()),
        Some("/v2/payments")
    );
    assert_eq!(m.title.as_deref(), Some("Create Payment Session"));
    assert_eq!(m.summary, ["Request a windowed time of payment session"]);
    assert_eq!(m.examples.len(), 2);
}

#[test]
fn type_list() {
    let m = reference();
    let names: Vec<&str> = m.items.iter().map(Item::name).collect();
    for expected in [
        "Request",
        "Amount",
        "PaymentMethod",
        "PaymentMethodOptions",
        "VirtualAccount",
        "Mode",
        "RedirectUrl",
        "Customer",
        "PhoneNumber",
        "RefundPreference",
        "TransferDestination",
        "ChannelInformation",
        "OrderInformation",
        "ProductDetail",
        "Price",
        "BillingInfo",
        "ShippingInfo",
        "ShippingFee",
        "Response",
        "Data",
        "ChargeDetail",
        "StoredPaymentMethod",
    ] {
        assert!(names.contains(&expected), "missing {expected} in {names:?}");
    }
    // One type per name: nothing was generated twice under another name.
    for unexpected in [
        "DataAmount",
        "DataCustomer",
        "ChargeDetailVirtualAccount",
        "Metadata",
    ] {
        assert!(
            !names.contains(&unexpected),
            "unexpected {unexpected} in {names:?}"
        );
    }
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "duplicate names in {names:?}");
}

#[test]
fn same_shape_is_one_type_with_aliases() {
    let m = reference();
    for alias in ["Price", "ShippingFee"] {
        match item(&m, alias) {
            Item::Alias(a) => assert_eq!(a.target, named("Amount")),
            other => panic!("{alias} should alias Amount: {other:?}"),
        }
    }
    let amount = structure(&m, "Amount");
    assert_eq!(field(amount, "value").ty, Ty::I64);
    assert_eq!(field(amount, "currency").ty, Ty::String);
}

#[test]
fn same_name_objects_are_merged() {
    let m = reference();
    let customer = structure(&m, "Customer");
    let stored = field(customer, "stored_payment_methods");
    assert!(
        stored.optional,
        "only the response has storedPaymentMethods"
    );
    assert_eq!(stored.ty, Ty::Vec(Box::new(named("StoredPaymentMethod"))));
    assert!(field(customer, "given_name").optional, "documented nowhere");
    assert_eq!(
        field(structure(&m, "Data"), "customer").ty,
        named("Customer")
    );

    let va = structure(&m, "VirtualAccount");
    assert!(field(va, "channel").optional);
    assert!(field(va, "virtual_account_number").optional);
    assert_eq!(
        field(structure(&m, "ChargeDetail"), "virtual_account").ty,
        named("VirtualAccount")
    );
}

#[test]
fn fields_keep_wire_names() {
    let m = reference();
    let customer = structure(&m, "Customer");
    assert_eq!(field(customer, "sure_name").key, "sureName");
    let method = structure(&m, "PaymentMethod");
    assert_eq!(field(method, "type_").key, "type");
    let request = structure(&m, "Request");
    assert_eq!(
        field(request, "client_reference_id").key,
        "clientReferenceId"
    );
}

#[test]
fn presence_follows_the_table_then_the_example() {
    let m = reference();
    let request = structure(&m, "Request");
    // M in the table.
    assert!(!field(request, "client_reference_id").optional);
    // O and C in the table.
    assert!(field(request, "mode").optional);
    assert!(field(request, "customer").optional);
    assert!(field(request, "customer_id").optional);
    // Undocumented: present in the example, but the table does not promise it.
    assert!(field(request, "amount").optional);
    // The request needs nothing but what the table marks M.
    let required: Vec<&str> = request
        .fields
        .iter()
        .filter(|f| !f.optional)
        .map(|f| f.ident.as_str())
        .collect();
    assert_eq!(required, ["client_reference_id"]);
    // The page documents no response member: a response may omit any.
    let data = structure(&m, "Data");
    assert!(data.fields.iter().all(|f| f.optional), "{data:?}");
    assert!(field(structure(&m, "Response"), "data").optional);
    // Only `null` in the example.
    let charge = structure(&m, "ChargeDetail");
    let paid_at = field(charge, "paid_at");
    assert!(paid_at.optional);
    assert_eq!(paid_at.ty, Ty::Value);
}

#[test]
fn documented_values_make_an_enum() {
    let m = reference();
    match item(&m, "Mode") {
        Item::Enum(e) => {
            let values: Vec<(&str, &str)> = e
                .variants
                .iter()
                .map(|v| (v.ident.as_str(), v.value.as_str()))
                .collect();
            assert_eq!(values, [("Redirect", "REDIRECT"), ("Api", "API")]);
        }
        other => panic!("Mode is not an enum: {other:?}"),
    }
    assert_eq!(field(structure(&m, "Request"), "mode").ty, named("Mode"));
}

#[test]
fn free_form_objects_keep_everything() {
    let m = reference();
    assert_eq!(field(structure(&m, "Request"), "metadata").ty, Ty::Map);
    // The response's metadata is undocumented but is the same key on the same page.
    assert_eq!(field(structure(&m, "Data"), "metadata").ty, Ty::Map);
}

#[test]
fn docs_come_from_the_table() {
    let m = reference();
    let request = structure(&m, "Request");
    let id = field(request, "client_reference_id");
    let row = id
        .doc
        .row
        .as_ref()
        .expect("clientReferenceId is documented");
    assert_eq!(
        row.description,
        ["Unique Payment Reference from Merchant's Request"]
    );
    assert_eq!(row.ty.as_deref(), Some("Alphanumeric"));
    assert_eq!(id.doc.example.as_deref(), Some("\"1743240980\""));
    let mode = field(request, "mode");
    assert_eq!(mode.doc.default.as_deref(), Some("REDIRECT"));
    let descriptor = field(request, "statement_descriptor");
    let lines = &descriptor.doc.row.as_ref().unwrap().description;
    assert_eq!(lines.len(), 3, "all description lines are kept: {lines:?}");
    assert!(m.unmatched.is_empty(), "{:?}", m.unmatched);
}

#[test]
fn generation_is_deterministic() {
    let source = Source {
        display_path: "tests/pinned/create_payment_session.txt".into(),
        stem: "create_payment_session".into(),
        text: include_str!("../../tests/pinned/create_payment_session.txt").into(),
    };
    let first = pivot_codegen::generate(std::slice::from_ref(&source))
        .tokens()
        .to_string();
    let second = pivot_codegen::generate(std::slice::from_ref(&source))
        .tokens()
        .to_string();
    assert_eq!(first, second);
}
