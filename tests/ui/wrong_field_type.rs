// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/pinned");

use create_payment_session::Amount;

fn main() {
    // `value` is an integer on the page, not a string.
    let _ = Amount {
        value: Some("10000"),
        currency: Some("IDR".to_string()),
    };
}
