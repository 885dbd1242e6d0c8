// The made-up pages of tests/objects: a Rebate object page (which links the
// Amount and Shopper object pages), the endpoints that link it, one whose
// data disagrees with it, and one that links nothing.
pivot_macros::models!("../tests/objects");

use serde_json::{Number, from_str};

fn main() {
    // One type wherever a page's data reads as the object: the object
    // page's, at the crate root too.
    let created: create_rebate::Data = from_str::<create_rebate::Response>(create_rebate::RESPONSE_EXAMPLE)
        .unwrap()
        .data
        .unwrap();
    let listed: Vec<Rebate> = from_str::<list_rebates::Response>(list_rebates::RESPONSE_EXAMPLE)
        .unwrap()
        .data
        .unwrap();
    let called: Option<Rebate> = from_str::<rebate_callback::Request>(rebate_callback::REQUEST_EXAMPLE)
        .unwrap()
        .data;
    let rebate: Rebate = created;
    assert_eq!(rebate.client_reference_id, listed[0].client_reference_id);
    assert_eq!(called.map(|r| r.id), Some(rebate.id.clone()));

    // `Decimal` on the Amount object page, whichever page holds an amount.
    let amount: Amount = rebate.amount.clone();
    assert_eq!(serde_json::to_string(&amount.value).unwrap(), "5000");

    // A request that is the object: what the object page requires, its
    // values and its limits.
    let request = create_rebate::Request::builder()
        .client_reference_id("REB9")
        .amount(Amount::builder().value(Number::from(7)).currency("IDR").build())
        .reason(object_rebate::Reason::Fraud)
        .build();
    assert!(request.validate().is_ok());
    let too_long = create_rebate::Request {
        client_reference_id: "R".repeat(21),
        ..request
    };
    assert!(too_long.validate().is_err(), "1-20 on the object page");
    // The linked Amount's own limits are checked from the page that holds it.
    let bad_currency = create_rebate::Request {
        amount: Amount::builder().value(Number::from(7)).currency("IDRX").build(),
        ..too_long
    };
    let errors = bad_currency.validate().unwrap_err();
    let paths: Vec<&str> = errors.violations().iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["clientReferenceId", "amount.currency"]);

    // Events the page lists, and the ones it does not, kept.
    let test: rebate_callback::Request = from_str(r#"{"event": "REBATE.TEST"}"#).unwrap();
    assert_eq!(test.event, rebate_callback::Event::Other("REBATE.TEST".to_string()));

    // A page whose data disagrees keeps its own type; its own `Rebate` is
    // its own, and the object's is `pivot_models::Rebate`.
    let quote: quote_rebate::Data = from_str::<quote_rebate::Response>(quote_rebate::RESPONSE_EXAMPLE)
        .unwrap()
        .data;
    assert_eq!(quote.fee, Some(100));
    let own: Option<quote_rebate::Rebate> = quote.rebate;
    assert_eq!(own.and_then(|r| r.kind).as_deref(), Some("PARTIAL"));
    let reason: object_rebate::Reason = quote.reason;
    assert_eq!(reason, object_rebate::Reason::Fraud);

    // The shopper's saved cards carry the tokens, not the shopper.
    let shopper: Shopper = from_str(r#"{"name": "Ana", "email": "ana@example.com", "cards": [{"token": "tok-0000000001", "brand": "VISA", "last4": "4242"}]}"#).unwrap();
    let card: &object_shopper::Card = &shopper.cards.as_ref().unwrap()[0];
    assert_eq!(card.token.expose_secret(), "tok-0000000001");

    // A page that links nothing: its amount is its own, an integer.
    let balance: get_balance::Amount = from_str(r#"{"value": 900000}"#).unwrap();
    assert_eq!(balance.value, Some(900_000));
}
