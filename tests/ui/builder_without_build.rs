#![deny(unused_must_use)]

use pivot_models::create_payment_session::Amount;

fn main() {
    // The setters ran, but nothing was built.
    Amount::builder().value(10000).currency("IDR");
}
