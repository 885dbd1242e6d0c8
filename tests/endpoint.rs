//! Query parameters, headers and calls, on the made-up pages of
//! `tests/endpoint/`: `balance_history` (a query table and query parameters
//! in the URL line, modelled on Pivot's `retrieve_balance_history`), `token`
//! (a `Key` / `Value` header table), `refund_order` (a path parameter, a
//! header table with a fixed `Content-Type`, a body) and `order_callback`
//! (a callback: its URL is the merchant's own).

mod models {
    pivot_macros::models!("../tests/endpoint");
}

use models::Endpoint;
use models::balance_history::{self as history, AccountType, Query};

/// The query string a call sends, as `pivot_models::path_and_query` writes
/// it for the crate's own pages (the test pages have their own trait).
fn target<E: Endpoint>(call: &E) -> String {
    let mut target = call.path();
    if let Some(query) = call.query() {
        let encoded = serde_urlencoded::to_string(query).unwrap();
        if !encoded.is_empty() {
            target.push('?');
            target.push_str(&encoded);
        }
    }
    target
}

#[test]
fn the_query_has_the_documented_presence() {
    // Mandatory rows are plain fields, optional ones `Option`s: this is
    // checked by the types themselves.
    let query = Query {
        start_date: "2025-05-01".to_string(),
        end_date: "2025-05-31".to_string(),
        account_type: None::<AccountType>,
        transaction_id: None::<String>,
    };
    assert_eq!(
        serde_urlencoded::to_string(&query).unwrap(),
        "startDate=2025-05-01&endDate=2025-05-31"
    );
}

#[test]
fn the_query_string_is_what_the_page_documents() {
    let call = history::Call::builder()
        .query(
            Query::builder()
                .start_date("2025-05-01T00:00:00+07:00")
                .end_date("2025-05-31")
                .account_type(AccountType::Disbursement)
                .transaction_id("a&b=c d")
                .build(),
        )
        .build();
    assert_eq!(<history::Call as Endpoint>::METHOD, "GET");
    // Reserved characters are encoded by serde_urlencoded, never by hand.
    assert_eq!(
        target(&call),
        "/v1/balance-histories?startDate=2025-05-01T00%3A00%3A00%2B07%3A00&endDate=2025-05-31&accountType=DISBURSEMENT&transactionId=a%26b%3Dc+d"
    );
    assert!(call.headers().is_empty());
    assert!(call.body().is_none());
}

#[test]
fn undocumented_enum_values_pass_through_the_query() {
    let query = Query::builder()
        .start_date("a")
        .end_date("b")
        .account_type(AccountType::from("ESCROW"))
        .build();
    assert_eq!(
        query.account_type,
        Some(AccountType::Other("ESCROW".into()))
    );
    assert_eq!(
        serde_urlencoded::to_string(&query).unwrap(),
        "startDate=a&endDate=b&accountType=ESCROW"
    );
}

#[test]
fn a_key_value_header_table_makes_required_headers_with_constants() {
    use models::token::{Call, Headers, Request};
    assert_eq!(Headers::X_MERCHANT_ID, "X-MERCHANT-ID");
    assert_eq!(Headers::X_MERCHANT_SECRET, "X-MERCHANT-SECRET");
    let call = Call::builder()
        .headers(
            Headers::builder()
                .x_merchant_id("client")
                .x_merchant_secret("secret")
                .build(),
        )
        .body(Request::builder().grant_type("client_credentials").build())
        .build();
    assert_eq!(
        call.headers(),
        [("X-MERCHANT-ID", "client"), ("X-MERCHANT-SECRET", "secret")]
    );
    assert_eq!(target(&call), "/v1/access-token");
    assert!(call.query().is_none());
}

#[test]
fn a_credential_header_is_sent_but_not_logged() {
    use models::token::{Call, Headers, Request};
    let call = Call::builder()
        .headers(
            Headers::builder()
                .x_merchant_id("client-7731")
                .x_merchant_secret("cs_9fQ2wLx7Rt4Mz8Bn")
                .build(),
        )
        .body(Request::builder().grant_type("client_credentials").build())
        .build();
    let debug = format!("{call:?}");
    assert!(!debug.contains("9fQ2"), "{debug}");
    assert!(debug.contains("client-7731"), "not a secret: {debug}");
    assert!(debug.contains("SecretString([REDACTED])"), "{debug}");
    // `headers()` is what goes on the wire: the value itself.
    assert!(
        call.headers()
            .contains(&("X-MERCHANT-SECRET", "cs_9fQ2wLx7Rt4Mz8Bn"))
    );
}

#[test]
fn fixed_headers_are_sent_and_optional_ones_only_when_set() {
    use models::refund_order::{Amount, Call, FIXED_HEADERS, Headers, Query, Request};
    assert_eq!(FIXED_HEADERS, [("Content-Type", "application/json")]);
    let call = Call::builder()
        .id("a/b")
        .query(Query::builder().dry_run("false").build())
        .headers(Headers::builder().authorization("Bearer x").build())
        .body(
            Request::builder()
                .reason("r")
                .amount(Amount::builder().value(1).currency("IDR").build())
                .build(),
        )
        .build();
    assert_eq!(
        call.headers(),
        [
            ("Content-Type", "application/json"),
            ("Authorization", "Bearer x")
        ]
    );
    assert_eq!(target(&call), "/v2/orders/a%2Fb/refunds?dryRun=false");
}

#[cfg(feature = "http")]
#[test]
fn a_body_that_does_not_fit_names_the_member() {
    use pivot_pinned::create_payment_session::Call;
    let body = br#"{"code": "00", "message": "ok", "data": {"id": 7}}"#;
    let response = http::Response::builder()
        .status(200)
        .body(&body[..])
        .unwrap();
    let error = pivot_models::http::response::<Call>(response).unwrap_err();
    assert_eq!(error.status(), 200);
    assert_eq!(error.body(), body);
    assert_eq!(error.json_path(), Some("data.id"));
}

#[cfg(feature = "http")]
#[test]
fn a_call_becomes_an_http_request() {
    use pivot_pinned::create_payment_session::{Call, REQUEST_EXAMPLE, Request};
    let body: Request = serde_json::from_str(REQUEST_EXAMPLE).unwrap();
    let call = Call::builder().body(body).build();
    let request = pivot_models::http::request(&call, "http://pivot.test/").unwrap();
    assert_eq!(request.method(), "POST");
    assert_eq!(request.uri(), "http://pivot.test/v2/payments");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
    assert_eq!(
        sent,
        serde_json::from_str::<serde_json::Value>(REQUEST_EXAMPLE).unwrap()
    );
    assert_eq!(pivot_models::path_and_query(&call).unwrap(), "/v2/payments");
}
