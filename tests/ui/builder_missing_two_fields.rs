// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/ui/pages/reference");

use create_payment_session::Request;

fn main() {
    let example: Request = serde_json::from_str(create_payment_session::REQUEST_EXAMPLE).unwrap();
    // Neither `client_reference_id` nor `amount`.
    let _ = Request::builder()
        .payment_method(example.payment_method)
        .payment_method_options(example.payment_method_options)
        .redirect_url(example.redirect_url)
        .order_information(example.order_information)
        .build();
}
