//! Sends the reference page's example request (`create_payment_session`)
//! to a server and prints what it answered, read into the page's `Response`.
//!
//! ```sh
//! cargo run -p pivot-models --features http --example send -- http://127.0.0.1:8080
//! ```
//!
//! `send` is written once for every endpoint: the HTTP client (`ureq`, plain
//! HTTP only here) knows nothing of Pivot, and the models know nothing of the
//! client. The loopback test (`tests/loopback.rs`) runs this same function
//! against a server in the test process.
//!
//! The call is the reference page's as pinned in `tests/pinned/` (the
//! `pivot_pinned` test crate), so that updating `spec/` cannot break this
//! example; your code names the same module of `pivot_models`.

use std::error::Error;

use pivot_models::Endpoint;
use pivot_pinned::create_payment_session::{Call, REQUEST_EXAMPLE, Request};

fn main() -> Result<(), Box<dyn Error>> {
    let Some(base_url) = std::env::args().nth(1) else {
        return Err("usage: send BASE_URL (for example http://127.0.0.1:8080)".into());
    };
    let body: Request = serde_json::from_str(REQUEST_EXAMPLE)?;
    let call = Call::builder().body(body).build();
    call.validate()?;
    let response = send(&call, &base_url)?;
    // The page documents no response member: any of them may be absent.
    let url = response.data.and_then(|data| data.payment_url);
    println!("{:?} {:?}: {url:?}", response.code, response.message);
    Ok(())
}

/// Sends any call and reads the answer into its endpoint's `Response`.
pub fn send<E: Endpoint>(call: &E, base_url: &str) -> Result<E::Response, Box<dyn Error>> {
    let request = pivot_models::http::request(call, base_url)?;
    // Statuses are the models' to judge: a 4xx answer still has a body to keep.
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    let (parts, mut body) = agent.run(request)?.into_parts();
    let bytes = body.read_to_vec()?;
    let response = pivot_models::http::response::<E>(http::Response::from_parts(parts, bytes))?;
    Ok(response)
}
