//! Drift at run time: a body that holds members the models do not know
//! (the API has moved on from its pages) still reads, and, when asked,
//! `from_json_with_unknown` and `http::response_with_unknown` list those
//! members with their JSON paths. `from_json` and `http::response` skip them
//! at no cost, as serde does.
//!
//! The models are those of the reference page as pinned (`tests/pinned/`),
//! which spells the customer's last name `sureName`. The bodies are written
//! here as the current API answers: a later version of the page renamed it
//! `surname` and added `paymentType` and `bypassStatusPage`.

use pivot_models::{UnknownMembers, from_json, from_json_with_unknown};
use pivot_pinned::create_payment_session::{Call, RESPONSE_EXAMPLE, Response};

/// A response as the current API sends it: `surname`, not `sureName`, and
/// two members the pinned page does not have.
const CURRENT_RESPONSE: &str = r#"{
  "code": "00",
  "message": "Success",
  "data": {
    "id": "3c9e2a41-8f0d-4b7a-9e55-6a1d2c3b4e5f",
    "clientReferenceId": "1751612565",
    "amount": {"value": 25000, "currency": "IDR"},
    "paymentType": "SINGLE",
    "mode": "REDIRECT",
    "bypassStatusPage": false,
    "status": "REQUIRE_ACTION",
    "customer": {
      "givenName": "Ayu",
      "surname": "Lestari",
      "email": "ayu@example.com"
    },
    "chargeDetails": [
      {"id": "c-1", "status": "PENDING"},
      {"id": "c-2", "status": "PENDING", "retryCount": 1}
    ],
    "metadata": {"anything": {"goes": "here"}}
  }
}"#;

fn paths(unknown: &UnknownMembers) -> Vec<&str> {
    unknown.paths().iter().map(String::as_str).collect()
}

#[test]
fn a_renamed_member_is_reported_where_it_stands() {
    let (response, unknown) =
        from_json_with_unknown::<Response>(CURRENT_RESPONSE).expect("the body still reads");
    assert_eq!(
        paths(&unknown),
        [
            "data.paymentType",
            "data.bypassStatusPage",
            "data.customer.surname",
            "data.chargeDetails[1].retryCount",
        ]
    );
    // What the report is for: the old name reads as absent.
    let customer = response
        .data
        .and_then(|data| data.customer)
        .expect("customer");
    assert_eq!(customer.sure_name, None);
    assert_eq!(customer.given_name.as_deref(), Some("Ayu"));
    assert_eq!(
        unknown.to_string(),
        "members the models do not know: `data.paymentType`, `data.bypassStatusPage`, \
         `data.customer.surname`, `data.chargeDetails[1].retryCount`"
    );
}

#[test]
fn the_default_reads_the_same_value_and_reports_nothing() {
    let quiet: Response = from_json(CURRENT_RESPONSE).expect("reads");
    let (reported, _) = from_json_with_unknown::<Response>(CURRENT_RESPONSE).expect("reads");
    assert_eq!(quiet, reported);
}

#[test]
fn a_body_that_fits_has_nothing_unknown() {
    let (_, unknown) = from_json_with_unknown::<Response>(RESPONSE_EXAMPLE).expect("reads");
    assert!(unknown.is_empty(), "{unknown}");
    assert_eq!(unknown, UnknownMembers::default());
}

#[test]
fn a_body_that_does_not_fit_is_still_an_error_with_its_path() {
    let body = CURRENT_RESPONSE.replace(r#""value": 25000"#, r#""value": "25000""#);
    let error = from_json_with_unknown::<Response>(&body).expect_err("value is a number");
    assert_eq!(error.path(), "data.amount.value");
}

#[test]
fn nothing_is_unknown_in_a_body_the_models_ignore_whole() {
    // A page that documents no response body reads it as `IgnoredAny`.
    let (_, unknown) =
        from_json_with_unknown::<serde::de::IgnoredAny>(r#"{"code": "00"}"#).expect("reads");
    assert!(unknown.is_empty(), "{unknown}");
}

#[test]
fn an_http_answer_reports_the_same_members() {
    let answer = http::Response::builder()
        .status(200)
        .body(CURRENT_RESPONSE.as_bytes())
        .expect("response");
    let (response, unknown) =
        pivot_models::http::response_with_unknown::<Call>(answer).expect("reads");
    assert!(
        paths(&unknown).contains(&"data.customer.surname"),
        "{unknown}"
    );
    assert_eq!(unknown.paths().len(), 4, "{unknown}");
    assert_eq!(
        response
            .data
            .and_then(|data| data.client_reference_id)
            .as_deref(),
        Some("1751612565")
    );

    // An error status is an error, as with `response`.
    let refused = http::Response::builder()
        .status(400)
        .body(CURRENT_RESPONSE.as_bytes())
        .expect("response");
    let error = pivot_models::http::response_with_unknown::<Call>(refused).expect_err("400");
    assert_eq!(error.status(), 400);
}
