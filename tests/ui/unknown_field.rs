// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/pinned");

use create_payment_session::Amount;

fn main() {
    let amount = Amount {
        value: Some(10000),
        currency: Some("IDR".to_string()),
    };
    // The page has no `amount.precision`.
    let _ = amount.precision;
}
