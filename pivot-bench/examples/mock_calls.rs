//! Makes N calls through one route of the mock or of a bare `tiny_http`
//! server answering the same bytes, and exits: for instruction counts of
//! the whole process (client and server), which the machine's load cannot
//! move, under `valgrind --tool=callgrind`. Run it with N and with 0 and
//! subtract, to leave out the set-up.
//!
//! `cargo run --release -p pivot-bench --example mock_calls -- <mock|bare> <retrieve|create> <N>`

#[path = "../benches/support/mock.rs"]
mod support;

use support::{Bare, CREATE, agent, call, mock};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [server, route, count] = &args[..] else {
        eprintln!("usage: mock_calls <mock|bare> <retrieve|create> <N>");
        std::process::exit(2);
    };
    let count: usize = count.parse().unwrap_or_else(|_| {
        eprintln!("N is a number of calls");
        std::process::exit(2)
    });
    let (method, path, body) = match route.as_str() {
        "retrieve" => ("GET", "/v2/payments/ses-1", ""),
        "create" => ("POST", "/v2/payments", CREATE),
        _ => {
            eprintln!("the route is `retrieve` or `create`");
            std::process::exit(2)
        }
    };
    let (mock, token) = mock();
    let agent = agent();
    let bare;
    let base_url = if server == "bare" {
        bare = Bare::start(call(&agent, &mock.base_url(), method, path, &token, body));
        bare.base_url()
    } else {
        mock.base_url()
    };
    let mut bytes = 0;
    for _ in 0..count {
        bytes += call(&agent, &base_url, method, path, &token, body).len();
    }
    println!("{count} calls, {bytes} bytes answered");
}
