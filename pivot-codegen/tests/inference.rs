//! Type inference rules, one small page each.

use pivot_codegen::model::{Field, Item, Module, Origin, Ty};
use pivot_codegen::{Source, analyze};

fn response(json: &str) -> Module {
    page(&format!(
        "T\nGET\n[BASE_URL]/t\nResponse\nResponse Body\n{json}\n"
    ))
}

fn page(text: &str) -> Module {
    let analysis = analyze(&Source {
        display_path: "t.txt".into(),
        stem: "t".into(),
        text: text.into(),
    });
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis.module
}

fn item<'a>(m: &'a Module, name: &str) -> &'a Item {
    m.items
        .iter()
        .find(|i| i.name() == name)
        .unwrap_or_else(|| {
            panic!(
                "no {name} in {:?}",
                m.items.iter().map(Item::name).collect::<Vec<_>>()
            )
        })
}

fn field<'a>(m: &'a Module, ty: &str, key: &str) -> &'a Field {
    match item(m, ty) {
        Item::Struct(s) => s
            .fields
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("{ty} has no {key}")),
        other => panic!("{ty} is not a struct: {other:?}"),
    }
}

fn named(n: &str) -> Ty {
    Ty::Named(n.into())
}

fn vec(t: Ty) -> Ty {
    Ty::Vec(Box::new(t))
}

#[test]
fn json_types() {
    let m = response(
        r#"{"s": "x", "i": -3, "u": 18446744073709551615, "big": 1844674407370955161500, "f": 1.5, "e": 1e3, "b": true, "n": null, "empty": {}, "none": [], "mixed": [1, "a"], "ints": [1, 2.5], "maybe": ["a", null]}"#,
    );
    let ty = |k: &str| field(&m, "Response", k).ty.clone();
    assert_eq!(ty("s"), Ty::String);
    assert_eq!(ty("i"), Ty::I64);
    assert_eq!(ty("u"), Ty::U64);
    assert_eq!(ty("big"), Ty::F64);
    assert_eq!(ty("f"), Ty::F64);
    assert_eq!(ty("e"), Ty::F64);
    assert_eq!(ty("b"), Ty::Bool);
    assert_eq!(ty("n"), Ty::Value);
    assert!(field(&m, "Response", "n").optional);
    assert_eq!(ty("empty"), Ty::Map);
    assert_eq!(ty("none"), vec(Ty::Value));
    assert_eq!(ty("mixed"), vec(Ty::Value));
    assert_eq!(ty("ints"), vec(Ty::F64));
    assert_eq!(ty("maybe"), vec(Ty::Option(Box::new(Ty::String))));
}

#[test]
fn array_elements_are_one_type_with_optional_extras() {
    let m = page(concat!(
        "T\nGET\n[BASE_URL]/t\nResponse\nResponse Body\n",
        r#"{"items": [{"id": 1, "a": "x"}, {"id": 2, "b": true}, {"id": 3, "a": null}]}"#,
        "\nDetail Parameter Response\nitems[].id\nInteger\nM\nThe id\n",
    ));
    assert_eq!(field(&m, "Response", "items").ty, vec(named("Item")));
    assert!(!field(&m, "Item", "id").optional, "documented mandatory");
    assert!(field(&m, "Item", "a").optional);
    assert!(field(&m, "Item", "b").optional);
    assert_eq!(field(&m, "Item", "a").ty, Ty::String);
}

#[test]
fn conflicting_kinds_across_occurrences_become_value() {
    let m = response(
        r#"{"a": {"x": 1, "y": "s", "z": true}, "b": {"a": {"x": "one", "y": "t", "z": false}}}"#,
    );
    // Same name, compatible enough to merge (y and z agree), x conflicts.
    assert_eq!(field(&m, "A", "x").ty, Ty::Value);
    assert_eq!(field(&m, "A", "y").ty, Ty::String);
    assert_eq!(field(&m, "B", "a").ty, named("A"));
}

#[test]
fn top_level_arrays_and_scalars_are_aliases() {
    let m = response(r#"[{"id": 1}, {"id": 2, "name": "x"}]"#);
    match item(&m, "Response") {
        Item::Alias(a) => assert_eq!(a.target, vec(named("ResponseItem"))),
        other => panic!("{other:?}"),
    }
    assert!(field(&m, "ResponseItem", "name").optional);
    let m = response("42");
    match item(&m, "Response") {
        Item::Alias(a) => assert_eq!(a.target, Ty::I64),
        other => panic!("{other:?}"),
    }
}

#[test]
fn recursion_is_boxed() {
    let m = response(r#"{"value": 1, "next": {"value": 2, "next": {"value": 3, "next": null}}}"#);
    // Undocumented, every member is optional: `Next` has the shape of
    // `Response`, so it is that type, and the type contains itself.
    let next = field(&m, "Response", "next");
    assert!(next.boxed, "a struct cannot contain itself unboxed");
    assert_eq!(m.resolve(&next.ty), &named("Response"));
    let m =
        response(r#"{"children": [{"name": "a", "children": [{"name": "b", "children": []}]}]}"#);
    let children = field(&m, "Child", "children");
    assert_eq!(children.ty, vec(named("Child")));
    assert!(!children.boxed, "Vec already breaks the cycle");
}

#[test]
fn dictionaries() {
    let m = response(r#"{"1001": {"id": 1}, "1002": {"id": 2}}"#);
    match item(&m, "Response") {
        Item::Alias(a) => assert_eq!(a.target, Ty::Dict(Box::new(named("ResponseValue")))),
        other => panic!("{other:?}"),
    }
    let pairs: Vec<String> = (0..25)
        .map(|i| format!("\"p{i}\": {{\"fee\": {i}, \"min\": 1}}"))
        .collect();
    let m = response(&format!("{{\"pairs\": {{{}}}}}", pairs.join(",")));
    assert_eq!(
        field(&m, "Response", "pairs").ty,
        Ty::Dict(Box::new(named("PairsValue")))
    );
    // A handful of named members stays a struct.
    let m = response(r#"{"fee": {"value": 1}, "tax": {"value": 2}}"#);
    assert_eq!(field(&m, "Response", "fee").ty, named("Fee"));
}

#[test]
fn tables_drive_presence_enums_and_free_form() {
    let m = page(
        "T\nPOST\n[BASE_URL]/t\nRequest\nRequest Body\n{\n\"kind\": \"FIXED\",\n\"paidAt\": null,\n\"extra\": {\"k\": \"v\"},\n\"must\": null\n}\nDetail Parameter Request\nkind\nString\nM\nPossible values are:\nFIXED first\nPERCENT second\npaidAt\nString\nO\nWhen it was paid\nextra\nObject\nO\nFree object for merchant to store any extra information\nmust\nString\nM\nRequired but null in the example\n",
    );
    assert_eq!(field(&m, "Request", "kind").ty, named("Kind"));
    assert!(!field(&m, "Request", "kind").optional);
    let paid_at = field(&m, "Request", "paidAt");
    assert_eq!(
        paid_at.ty,
        Ty::String,
        "documented as String, null in the example"
    );
    assert!(paid_at.optional);
    assert_eq!(field(&m, "Request", "extra").ty, Ty::Map);
    assert!(
        field(&m, "Request", "must").optional,
        "null must still deserialize"
    );
    match item(&m, "Kind") {
        Item::Enum(e) => {
            let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
            assert_eq!(values, ["FIXED", "PERCENT"]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn rows_match_by_path_by_context_and_by_case() {
    let m = page(
        "T\nGET\n[BASE_URL]/t\nResponse\nResponse Body\n{\n\"data\": {\"amount\": {\"value\": 1}, \"fee\": {\"value\": 2, \"rate\": 1}, \"CountryCode\": \"ID\"},\n\"list\": [{\"id\": \"x\"}]\n}\nDetail Parameter Response\nfee\nObject\nO\nThe fee\nvalue\nNumber\nM\nFee value\ndata.amount.value\nNumber\nM\nAmount value\nlist[].id\nString\nM\nList id\ncountryCode\nString\nO\nCountry\nghost\nString\nO\nNot in the example\n",
    );
    let doc = |ty: &str, key: &str| {
        field(&m, ty, key)
            .doc
            .row
            .as_ref()
            .map(|r| r.description.join(" "))
            .unwrap_or_default()
    };
    assert_eq!(doc("Fee", "value"), "Fee value");
    assert_eq!(doc("Amount", "value"), "Amount value");
    assert_eq!(doc("ListItem", "id"), "List id");
    assert_eq!(doc("Data", "CountryCode"), "Country");
    assert!(field(&m, "Data", "fee").optional);
    // A row the example does not show is a member all the same.
    let ghost = field(&m, "Response", "ghost");
    assert_eq!((&ghost.ty, ghost.optional), (&Ty::String, true));
    assert!(m.unmatched.is_empty(), "{:?}", m.unmatched);
}

#[test]
fn a_body_documented_only_by_its_table_gets_fields_from_the_table() {
    let m = page(
        "T\nPOST\n[BASE_URL]/t\nRequest\nRequest Body\nDetail Parameter Request\nname\nString\nM\nThe name\ncount\nInteger\nO\nHow many\nowner.email\nString\nM\nOwner mail\n",
    );
    assert_eq!(field(&m, "Request", "name").ty, Ty::String);
    assert!(!field(&m, "Request", "name").optional);
    assert_eq!(field(&m, "Request", "count").ty, Ty::I64);
    assert!(field(&m, "Request", "count").optional);
    assert_eq!(field(&m, "Owner", "email").ty, Ty::String);
    assert!(
        m.examples.is_empty(),
        "no example was shown, so none is exported"
    );
}

/// An object of `n` members `k0`, `k1`, ... whose values `value(i)` writes.
fn object_of(n: usize, value: impl Fn(usize) -> String) -> String {
    let members: Vec<String> = (0..n).map(|i| format!("\"k{i}\": {}", value(i))).collect();
    format!("{{{}}}", members.join(", "))
}

fn alias_target(m: &Module, name: &str) -> Ty {
    match item(m, name) {
        Item::Alias(a) => a.target.clone(),
        other => panic!("{name} is not an alias: {other:?}"),
    }
}

#[test]
fn objects_too_large_for_a_struct_become_maps() {
    use pivot_codegen::__private::MAX_STRUCT_MEMBERS as N;
    let url = |i: usize| format!("\"https://example.com/{i}\"");
    // N members stay a struct, whatever they hold.
    let m = response(&object_of(N, url));
    match item(&m, "Response") {
        Item::Struct(s) => assert_eq!(s.fields.len(), N),
        other => panic!("{other:?}"),
    }
    // N + 1 of one type: a map of that type, at the root or inside.
    let m = response(&object_of(N + 1, url));
    assert_eq!(alias_target(&m, "Response"), Ty::Dict(Box::new(Ty::String)));
    let m = response(&format!("{{\"links\": {}}}", object_of(N + 1, url)));
    assert_eq!(
        field(&m, "Response", "links").ty,
        Ty::Dict(Box::new(Ty::String))
    );
    // Numbers widen as in arrays; `null` makes the values optional.
    let m = response(&object_of(N + 1, |i| {
        if i == 3 { "2.5".into() } else { i.to_string() }
    }));
    assert_eq!(alias_target(&m, "Response"), Ty::Dict(Box::new(Ty::F64)));
    let m = response(&object_of(N + 1, |i| {
        if i == 0 { "null".into() } else { url(i) }
    }));
    assert_eq!(
        alias_target(&m, "Response"),
        Ty::Dict(Box::new(Ty::Option(Box::new(Ty::String))))
    );
    // Objects as values are one type, as an array's elements are.
    let m = response(&object_of(N + 1, |i| {
        if i % 2 == 0 {
            format!("{{\"id\": {i}}}")
        } else {
            format!("{{\"id\": {i}, \"name\": \"n\"}}")
        }
    }));
    assert_eq!(
        alias_target(&m, "Response"),
        Ty::Dict(Box::new(named("ResponseValue")))
    );
    assert!(field(&m, "ResponseValue", "name").optional);
    // N + 1 of mixed kinds: a JSON map, which holds anything.
    let m = response(&object_of(N + 1, |i| {
        if i % 2 == 0 { url(i) } else { i.to_string() }
    }));
    assert_eq!(alias_target(&m, "Response"), Ty::Map);
    // Objects whose members together would again be too many for a struct.
    let m = response(&object_of(N + 1, |i| format!("{{\"only{i}\": true}}")));
    assert_eq!(alias_target(&m, "Response"), Ty::Map);
    assert!(
        // The page's `Call` is the one struct, holding no body member.
        m.items
            .iter()
            .all(|i| !matches!(i, Item::Struct(s) if s.origins != [Origin::Call])),
        "no struct is left over: {:?}",
        m.items.iter().map(Item::name).collect::<Vec<_>>()
    );
}

#[test]
fn a_member_is_named_on_the_side_the_example_shows_it() {
    // One `customer` type for the request and the response; `tier` only
    // the response shows, and the note about it says so.
    let text = "T\nPOST\n[BASE_URL]/t\nRequest\nRequest Body\n{\n\"customer\": {\"name\": \"Ana\"}\n}\nResponse\nResponse Body\n{\n\"customer\": {\"name\": \"Ana\",\n\"tier\": \"GOLD\"\n}\n}\n";
    let analysis = analyze(&Source {
        display_path: "t.txt".into(),
        stem: "t".into(),
        text: text.into(),
    });
    let note = analysis
        .diagnostics
        .iter()
        .find(|d| d.message.contains("tier"))
        .expect("a note about tier");
    assert!(
        note.message.starts_with("response.customer.tier "),
        "{note}"
    );
    let path = field(&analysis.module, "Customer", "tier")
        .doc
        .path
        .as_ref();
    assert_eq!(
        path.map(ToString::to_string).as_deref(),
        Some("response.customer.tier")
    );
}
