//! Which pages get a `Query`, `Headers` and `Call`, read from the model: the
//! made-up pages of `tests/endpoint/` and, when `PIVOT_PAGES_DIR` names
//! Pivot's pages, the real `retrieve_balance_history`.

use pivot_codegen::Source;
use pivot_codegen::model::{Module, Ty};

fn module(path: &std::path::Path) -> Module {
    let source = Source {
        display_path: path.display().to_string(),
        stem: path.file_stem().unwrap().to_string_lossy().into_owned(),
        text: std::fs::read_to_string(path).unwrap(),
    };
    let analysis = pivot_codegen::analyze(&source);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis.module
}

fn page(name: &str) -> Module {
    module(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../tests/endpoint/{name}.txt")),
    )
}

/// (wire name, Rust type) of each query parameter.
fn query(module: &Module) -> Vec<(String, String)> {
    let query = module.query().expect("a Query struct");
    query
        .fields
        .iter()
        .map(|f| (f.key.clone(), f.full_ty().to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_query_table_is_read_with_its_presence() {
    let m = page("balance_history");
    assert_eq!(
        query(&m),
        pairs(&[
            ("startDate", "String"),
            ("endDate", "String"),
            ("accountType", "Option<AccountType>"),
            ("transactionId", "Option<String>"),
        ])
    );
    let call = m.call().expect("a Call");
    assert_eq!(call.fields.len(), 1);
    assert_eq!(call.fields[0].ty, Ty::Named("Query".to_string()));
    assert!(m.headers().is_none());
}

#[test]
fn a_url_only_query_parameter_is_required() {
    let m = page("refund_order");
    assert_eq!(query(&m), pairs(&[("dryRun", "String")]));
}

#[test]
fn a_callback_has_headers_but_no_call() {
    let m = page("order_callback");
    assert!(m.call().is_none());
    let headers = m.headers().expect("the headers the merchant receives");
    let keys: Vec<&str> = headers.fields.iter().map(|f| f.key.as_str()).collect();
    // `Content-Type` is fixed by the page, so it is no field.
    assert_eq!(keys, ["X-API-Key"]);
    assert_eq!(
        m.fixed_headers(),
        [("Content-Type", "application/json".to_string())]
    );
}

/// (wire name, Rust type) of each header field.
fn headers(module: &Module) -> Vec<(String, String)> {
    let headers = module.headers().expect("a Headers struct");
    headers
        .fields
        .iter()
        .map(|f| (f.key.clone(), f.full_ty().to_string()))
        .collect()
}

#[test]
fn headers_that_carry_credentials_are_secrets() {
    assert_eq!(
        headers(&page("token")),
        pairs(&[
            ("X-MERCHANT-ID", "String"),
            ("X-MERCHANT-SECRET", "SecretString"),
        ])
    );
    assert_eq!(
        headers(&page("order_callback")),
        pairs(&[("X-API-Key", "SecretString")])
    );
}

#[test]
#[ignore = "needs PIVOT_PAGES_DIR (Pivot's pages); .ci/run sets it: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-codegen --test params -- --ignored"]
fn the_real_retrieve_balance_history_page() {
    let dir = std::env::var_os("PIVOT_PAGES_DIR")
        .expect("PIVOT_PAGES_DIR names the folder of Pivot's pages");
    let m = module(&std::path::Path::new(&dir).join("retrieve_balance_history.txt"));
    assert_eq!(
        query(&m),
        pairs(&[
            ("startDate", "String"),
            ("endDate", "String"),
            ("accountType", "Option<String>"),
            ("transactionId", "Option<String>"),
        ])
    );
    let access = module(&std::path::Path::new(&dir).join("access_token.txt"));
    let headers = access.headers().expect("Headers");
    let required: Vec<(&str, bool)> = headers
        .fields
        .iter()
        .map(|f| (f.key.as_str(), f.optional))
        .collect();
    assert_eq!(
        required,
        [("X-MERCHANT-ID", false), ("X-MERCHANT-SECRET", false)]
    );
    assert_eq!(
        self::headers(&access),
        pairs(&[
            ("X-MERCHANT-ID", "String"),
            ("X-MERCHANT-SECRET", "SecretString"),
        ])
    );
}
