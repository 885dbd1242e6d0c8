use pivot_models::create_payment_session::Amount;

fn main() {
    // The page has no `amount.precision`.
    let _ = Amount::builder().value(10000).currency("IDR").precision(2).build();
}
