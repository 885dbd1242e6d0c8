use pivot_models::create_payment_session::Amount;

fn main() {
    let amount = Amount {
        value: 10000,
        currency: "IDR".to_string(),
    };
    // The page has no `amount.precision`.
    let _ = amount.precision;
}
