// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/pinned");

use create_payment_session::Amount;

fn main() {
    // The page has no `amount.precision`.
    let _ = Amount::builder().value(10000).currency("IDR").precision(2).build();
}
