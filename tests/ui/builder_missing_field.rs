// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/pinned");

use create_payment_session::{Amount, Request};

fn main() {
    // `client_reference_id` is the request's one mandatory field.
    let _ = Request::builder()
        .amount(Amount::builder().value(10000).currency("IDR").build())
        .build();
}
