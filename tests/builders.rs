//! The generated builders: the reference request built field by field, setter
//! semantics (both on the pinned reference page, `tests/pinned/`), and,
//! driven by the generated `BUILDER_CHECKS` table, every example of every
//! page in `spec/` rebuilt through the builders and validated (a new page is
//! covered without new test code).

use pivot_pinned::create_payment_session::*;
use serde_json::{Value, json};

fn phone() -> PhoneNumber {
    PhoneNumber::builder()
        .country_code("+62")
        .number("89699990001")
        .build()
}

fn idr(value: i64) -> Amount {
    Amount::builder().value(value).currency("IDR").build()
}

/// The snippet of the builder issue, completed with every field of the
/// reference page's request example.
fn reference_request() -> Request {
    let customer = Customer::builder()
        .given_name("Reforza Jordan")
        .sure_name("Geotama")
        .email("reforza@pivot-payment.com")
        .phone_number(phone())
        .refund_preference(
            RefundPreference::builder()
                .method("AUTO")
                .transfer_destination(
                    TransferDestination::builder()
                        .channel_code("014")
                        .channel_information(
                            ChannelInformation::builder()
                                .account_number("17677665415")
                                .account_name("Reforza Jordan Geotama")
                                .build(),
                        )
                        .build(),
                )
                .build(),
        )
        .build();
    let product = ProductDetail::builder()
        .type_("PHYSICAL")
        .category("FASHION")
        .sub_category("FASHION WANITA")
        .name("Dress Kasual Warna Putih")
        .description("Ukuran M")
        .quantity(1)
        .price(Price::builder().value(100000).currency("IDR").build())
        .build();
    let billing = BillingInfo::builder()
        .given_name("Reforza Jordan")
        .sure_name("Geotama")
        .email("reforza@pivot-payment.com")
        .phone_number(phone())
        .address_line1("Biomedical Building Lantai 3")
        .address_line2("Digital hub, BSD City")
        .city("Tangerang Regency")
        .province_state("Banten")
        .country("ID")
        .postal_code("15331")
        .build();
    let shipping = ShippingInfo::builder()
        .given_name("Reforza Jordan")
        .sure_name("Geotama")
        .email("reforza@pivot-payment.com")
        .phone_number(phone())
        .address_line1("Biomedical Building Lantai 3")
        .address_line2("Digital hub, BSD City")
        .city("Tangerang Regency")
        .province_state("Banten")
        .country("ID")
        .postal_code("15331")
        .method("REGULAR")
        .shipping_fee(idr(100000))
        .build();
    let mut metadata = serde_json::Map::new();
    metadata.insert("invoiceNo".to_string(), json!("INV001"));
    Request::builder()
        .client_reference_id("1743240980")
        .amount(Amount::builder().value(10000).currency("IDR").build())
        .payment_method(PaymentMethod::builder().type_("VIRTUAL_ACCOUNT").build())
        .payment_method_options(
            PaymentMethodOptions::builder()
                .virtual_account(
                    VirtualAccount::builder()
                        .channel("PERMATA")
                        .virtual_account_name("Reforza Pivot")
                        .build(),
                )
                .build(),
        )
        .mode(Mode::Redirect)
        .redirect_url(
            RedirectUrl::builder()
                .success_return_url("https://merchant.com/success")
                .failure_return_url("https://merchant.com/failure")
                .expiration_return_url("https://merchant.com/expiration")
                .build(),
        )
        .customer_id("999966660001")
        .customer(customer)
        .order_information(
            OrderInformation::builder()
                .product_details(vec![product])
                .billing_info(billing)
                .shipping_info(shipping)
                .build(),
        )
        .auto_confirm(true)
        .statement_descriptor("Pivot")
        .expiry_at("2025-03-31T23:59:05Z")
        .metadata(metadata)
        .build()
}

#[test]
fn the_reference_request_built_field_by_field_is_the_example() {
    let request = reference_request();
    let example: Value = serde_json::from_str(REQUEST_EXAMPLE).unwrap();
    assert_eq!(serde_json::to_value(&request).unwrap(), example);
    assert_eq!(
        request,
        serde_json::from_str::<Request>(REQUEST_EXAMPLE).unwrap()
    );
    assert_eq!(request.validate(), Ok(()));
}

/// A request with only its required fields: what the table marks `M`.
fn minimal_request() -> Request {
    Request::builder().client_reference_id("1743240980").build()
}

#[test]
fn optional_fields_left_unset_are_not_sent() {
    let sent = serde_json::to_value(minimal_request()).unwrap();
    let keys: Vec<&str> = sent
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["clientReferenceId"]);
}

#[test]
fn setters_in_any_order_give_the_same_value() {
    let full = reference_request();
    let in_order = Request::builder()
        .client_reference_id("1743240980")
        .amount(full.amount.clone())
        .payment_method(full.payment_method.clone())
        .redirect_url(full.redirect_url.clone())
        .order_information(full.order_information.clone())
        .build();
    let reversed = Request::builder()
        .order_information(full.order_information.clone())
        .redirect_url(full.redirect_url.clone())
        .payment_method(full.payment_method.clone())
        .amount(full.amount.clone())
        .client_reference_id("1743240980")
        .build();
    assert_eq!(reversed, in_order);
}

#[test]
fn a_setter_called_twice_keeps_the_last_value() {
    let amount = Amount::builder()
        .value(1)
        .currency("USD")
        .value(2)
        .currency("IDR")
        .build();
    assert_eq!(amount, idr(2));
    let request = Request::builder()
        .statement_descriptor("first")
        .mode(Mode::Api)
        .statement_descriptor("second")
        .mode(Mode::Redirect)
        .client_reference_id("a")
        .client_reference_id("b")
        .amount(idr(1))
        .amount(idr(2))
        .build();
    assert_eq!(request.statement_descriptor.as_deref(), Some("second"));
    assert_eq!(request.mode, Some(Mode::Redirect));
    assert_eq!(request.client_reference_id, "b");
    assert_eq!(request.amount, Some(idr(2)));
}

#[test]
fn optional_setters_take_an_option_and_none_clears() {
    let with = |descriptor: Option<String>, mode: Option<Mode>| {
        Request::builder()
            .statement_descriptor("overwritten")
            .mode(Mode::Api)
            .statement_descriptor(descriptor)
            .mode(mode)
            .client_reference_id("1")
            .build()
    };
    let set = with(Some("Pivot".to_string()), Some(Mode::Api));
    assert_eq!(set.statement_descriptor.as_deref(), Some("Pivot"));
    assert_eq!(set.mode, Some(Mode::Api));
    let cleared = with(None, None);
    assert_eq!(cleared.statement_descriptor, None);
    assert_eq!(cleared.mode, None);
    assert!(
        serde_json::to_value(&cleared)
            .unwrap()
            .get("statementDescriptor")
            .is_none()
    );
}

#[test]
fn string_setters_take_owned_and_borrowed_text() {
    let owned = PaymentMethod::builder().type_(String::from("CARD")).build();
    let borrowed = PaymentMethod::builder().type_("CARD").build();
    let held = String::from("CARD");
    let by_reference = PaymentMethod::builder().type_(&held).build();
    let cow = PaymentMethod::builder()
        .type_(std::borrow::Cow::Borrowed("CARD"))
        .build();
    let maybe = PaymentMethod::builder().type_(Some(held.clone())).build();
    assert_eq!(owned, borrowed);
    assert_eq!(owned, by_reference);
    assert_eq!(owned, cow);
    assert_eq!(owned, maybe);
    assert_eq!(owned.type_.as_deref(), Some("CARD"));
}

#[test]
fn a_model_with_only_optional_fields_defaults_to_empty() {
    assert_eq!(Amount::default(), Amount::builder().build());
    let amount = Amount {
        value: Some(5),
        ..Default::default()
    };
    assert_eq!(amount, Amount::builder().value(5).build());
    assert_eq!(serde_json::to_string(&Amount::default()).unwrap(), "{}");
}

#[test]
fn an_alias_builds_the_type_it_names() {
    let price: Price = Price::builder().value(5).currency("IDR").build();
    assert_eq!(price, idr(5));
}

#[test]
fn every_example_rebuilds_through_the_builders_and_validates() {
    let mut checked = 0;
    for (module, checks) in pivot_models::BUILDER_CHECKS {
        for (side, json, check) in *checks {
            if let Err(problem) = check(json) {
                panic!("{module} {side}: {problem}");
            }
            checked += 1;
        }
    }
    let modules: Vec<&str> = pivot_models::EXAMPLES.iter().map(|(m, _)| *m).collect();
    let covered: Vec<&str> = pivot_models::BUILDER_CHECKS
        .iter()
        .map(|(m, _)| *m)
        .collect();
    assert_eq!(covered, modules, "every page has its builder checks");
    assert!(checked > 0, "no examples were checked");
}
