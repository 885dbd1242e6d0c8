// A documented mandatory header left out: the call does not build.
pivot_macros::models!("../tests/endpoint");

fn main() {
    let _ = token::Call::builder()
        .headers(token::Headers::builder().x_merchant_id("client").build())
        .body(token::Request::builder().grant_type("client_credentials").build())
        .build();
}
