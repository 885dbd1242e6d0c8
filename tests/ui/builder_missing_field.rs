// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/ui/pages/reference");

use create_payment_session::{Amount, Request};

fn main() {
    let example: Request = serde_json::from_str(create_payment_session::REQUEST_EXAMPLE).unwrap();
    // Every required field but `client_reference_id`.
    let _ = Request::builder()
        .amount(Amount::builder().value(10000).currency("IDR").build())
        .payment_method(example.payment_method)
        .payment_method_options(example.payment_method_options)
        .redirect_url(example.redirect_url)
        .order_information(example.order_information)
        .build();
}
