use pivot_models::create_payment_session::Amount;

fn main() {
    // `value` is an integer on the page, not a string.
    let _ = Amount {
        value: "10000",
        currency: "IDR".to_string(),
    };
}
