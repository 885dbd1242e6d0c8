//! How the generated models behave on the wire, on the types of the pinned
//! reference page (`tests/pinned/`), read by pivot-models' `from_json`.

use pivot_models::from_json;
use pivot_pinned::create_payment_session::{
    Amount, Mode, REQUEST_EXAMPLE, RESPONSE_EXAMPLE, Request, Response,
};
use serde_json::{Value, json};

fn example(text: &str) -> Value {
    serde_json::from_str(text).expect("examples are strict JSON")
}

/// Runs `f` on a thread with the default 2 MiB stack, as a server's worker
/// thread would, so a stack overflow shows up here as an abort.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no panic")
}

#[test]
fn unknown_members_are_ignored() {
    let mut body = example(RESPONSE_EXAMPLE);
    body["data"]["newFieldFromNextRelease"] = json!({"nested": [1, 2, 3]});
    body["extra"] = json!("x");
    let response: Response = serde_json::from_value(body).expect("new members are not errors");
    let data = response.data.expect("data");
    assert_eq!(data.client_reference_id.as_deref(), Some("1743240980"));
}

#[test]
fn undocumented_enum_values_are_kept() {
    let mut body = example(REQUEST_EXAMPLE);
    body["mode"] = json!("HYBRID");
    let request: Request = serde_json::from_value(body).expect("reads");
    assert_eq!(request.mode, Some(Mode::Other("HYBRID".into())));
    let back = serde_json::to_value(&request).expect("writes");
    assert_eq!(back["mode"], "HYBRID");

    // Read from text (borrowed strings) as well as from a Value (owned ones).
    let from_text: Request =
        serde_json::from_str(&REQUEST_EXAMPLE.replace("\"REDIRECT\"", "\"HYBRID\""))
            .expect("reads");
    assert_eq!(from_text.mode, Some(Mode::Other("HYBRID".into())));

    let documented: Request = serde_json::from_str(REQUEST_EXAMPLE).expect("reads");
    assert_eq!(documented.mode, Some(Mode::Redirect));
    assert_eq!(Mode::Api.as_str(), "API");
    assert_eq!(Mode::from("API"), Mode::Api);
}

#[test]
fn missing_optional_members_are_none_and_stay_absent() {
    let mut body = example(REQUEST_EXAMPLE);
    body.as_object_mut().unwrap().remove("mode");
    body.as_object_mut().unwrap().remove("customer");
    let request: Request = serde_json::from_value(body).expect("optional members may be missing");
    assert_eq!(request.mode, None);
    assert_eq!(request.customer, None);
    let back = serde_json::to_value(&request).expect("writes");
    assert!(back.get("mode").is_none(), "None is not serialized: {back}");
    assert!(back.get("customer").is_none());
}

#[test]
fn a_response_may_omit_what_the_page_does_not_promise() {
    // The page documents no response member, so none is required: a server
    // that leaves out conditional members still gives a readable response.
    let mut body = example(RESPONSE_EXAMPLE);
    let data = body["data"].as_object_mut().unwrap();
    for key in ["customerId", "chargeDetails", "customer", "paymentUrl"] {
        assert!(data.remove(key).is_some(), "{key} is in the example");
    }
    let response: Response = from_json(&body.to_string()).expect("still a response");
    let data = response.data.expect("data");
    assert_eq!((data.customer_id, data.payment_url), (None, None));
    assert_eq!(data.client_reference_id.as_deref(), Some("1743240980"));
}

#[test]
fn missing_required_members_name_their_path() {
    // `clientReferenceId` is the request's one `M` row.
    let mut body = example(REQUEST_EXAMPLE);
    body.as_object_mut().unwrap().remove("clientReferenceId");
    let err = from_json::<Request>(&body.to_string()).expect_err("clientReferenceId is required");
    assert!(
        err.to_string()
            .contains("missing field `clientReferenceId`"),
        "{err}"
    );

    let mut body = example(RESPONSE_EXAMPLE);
    body["data"]["chargeDetails"][0]["amount"]["value"] = json!("ten");
    let err = from_json::<Response>(&body.to_string()).expect_err("value is a number");
    assert_eq!(err.path(), "data.chargeDetails[0].amount.value");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    // `metadata` holds any JSON, so nesting is limited only by the parser.
    let depth = 100_000;
    let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let mut body = example(REQUEST_EXAMPLE);
    body["metadata"] = json!({});
    let text = body.to_string().replace(
        "\"metadata\":{}",
        &format!("\"metadata\":{{\"x\":{nested}}}"),
    );
    let result = on_small_stack(move || serde_json::from_str::<Request>(&text).map(|_| ()));
    let err = result.expect_err("too deep");
    assert!(err.to_string().contains("recursion limit"), "{err}");
}

#[test]
fn huge_and_wrong_numbers_are_errors() {
    for bad in [json!(1e300), json!(u64::MAX), json!(-1.5), json!("10000")] {
        let mut body = example(REQUEST_EXAMPLE);
        body["amount"]["value"] = bad.clone();
        let result = on_small_stack(move || serde_json::from_value::<Request>(body).map(|_| ()));
        assert!(result.is_err(), "amount.value = {bad} was accepted");
    }
    let huge = format!("{{\"value\": 1{}, \"currency\": \"IDR\"}}", "0".repeat(400));
    assert!(serde_json::from_str::<Amount>(&huge).is_err());
}

#[test]
fn wrong_types_are_errors() {
    for (path, bad) in [
        ("/autoConfirm", json!("yes")),
        ("/customer", json!("Ana")),
        ("/orderInformation/productDetails", json!({})),
        ("/clientReferenceId", json!(42)),
    ] {
        let mut body = example(REQUEST_EXAMPLE);
        *body.pointer_mut(path).expect("path exists") = bad;
        let err = from_json::<Request>(&body.to_string()).expect_err(path);
        assert_eq!(format!("/{}", err.path().replace('.', "/")), path, "{err}");
    }
}

#[test]
fn examples_are_exposed_as_strict_json() {
    let request: Request = from_json(REQUEST_EXAMPLE).expect("request example reads");
    assert_eq!(request.amount.and_then(|a| a.value), Some(10000));
    assert_eq!(pivot_pinned::create_payment_session::METHOD, "POST");
    assert_eq!(pivot_pinned::create_payment_session::PATH, "/v2/payments");
}
