use pivot_models::create_payment_session::Amount;

fn main() {
    // `value` is an integer on the page; the amount is not text.
    let _ = Amount::builder().value("10000").currency("IDR").build();
}
