#![deny(unused_must_use)]

// The reference page alone, so that no other page in spec/ changes how
// rustc names these types.
pivot_macros::models!("../tests/pinned");

use create_payment_session::Amount;

fn main() {
    // The setters ran, but nothing was built.
    Amount::builder().value(10000).currency("IDR");
}
