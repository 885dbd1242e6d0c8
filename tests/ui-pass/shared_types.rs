// Pages that share types: an object page (`Amount Object`), two endpoints
// that link it or carry its shape, one whose amount is text (kept apart),
// and a `customer` of one shape on two pages.
pivot_macros::models!("../tests/ui/pages/shared_types");

fn main() {
    // The object page's type is at the root, and each page names it.
    let amount: Amount = serde_json::from_str(r#"{"value": 25000, "currency": "IDR"}"#).unwrap();
    let linked: create_order::Amount = amount.clone();
    // `data.total` is marked M: required, so plain.
    let total: Option<create_order::Amount> =
        serde_json::from_str::<create_order::Response>(create_order::RESPONSE_EXAMPLE)
            .unwrap()
            .data
            .map(|data| data.total);
    // Same members as the object, another name: that type too.
    let fee: get_order::Fee = linked.clone();
    assert_eq!(total, Some(fee));

    // `Decimal` on the object page: integers exactly, and fractions too.
    let fraction: Amount = serde_json::from_str(r#"{"value": 25000.5, "currency": "IDR"}"#).unwrap();
    assert_eq!(fraction.value.as_f64(), Some(25000.5));
    assert_eq!(serde_json::to_string(&amount.value).unwrap(), "25000");

    // The request requires what the table marks M: reference and amount.
    let request = create_order::Request::builder()
        .reference("R-2")
        .amount(Amount::builder().value(serde_json::Number::from(1)).currency("IDR").build())
        .build();
    assert_eq!(request.amount.currency, "IDR");

    // One customer type for the two pages that show it alike.
    let customer: shared::Customer = create_order::Customer::builder().name("Ana").build();
    let _: get_order::Customer = customer;

    // A text amount is never made a number: the refund keeps its own type.
    let refund: refund_order::Request = serde_json::from_str(refund_order::REQUEST_EXAMPLE).unwrap();
    let text: Option<String> = refund.amount.value;
    assert_eq!(text.as_deref(), Some("10000.00"));
}
