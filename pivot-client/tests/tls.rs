//! Pivot's hosts speak HTTPS (`STAGING_BASE_URL` is `https://...`): with
//! the default feature `tls`, both transports open an `https://` base URL
//! with a TLS handshake. A loopback listener that is no TLS server reads
//! what each client sends first and hangs up, so the call fails, but only
//! after the client spoke TLS: a `ClientHello` record (content type 22,
//! version 3.x).

use std::io::Read;
use std::net::TcpListener;
use std::sync::mpsc;

use pivot_client::clock::RecordingSleep;
use pivot_client::{Config, ErrorKind};

mod pages {
    pivot_macros::models!("tests/pages");
}

/// A listener that records the first bytes of every connection, then
/// closes it; the receiver gets them, connection by connection.
fn listener() -> (String, mpsc::Receiver<Vec<u8>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let base = format!("https://{}", listener.local_addr().unwrap());
    let (sent, received) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut first = [0u8; 5];
            let read = stream.read(&mut first).unwrap_or(0);
            if sent.send(first[..read].to_vec()).is_err() {
                return;
            }
        }
    });
    (base, received)
}

/// What the first connection sent; a client that opened none (no TLS
/// compiled in) fails here rather than hanging.
fn first_connection(received: &mpsc::Receiver<Vec<u8>>) -> Vec<u8> {
    received
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the client connected")
}

fn assert_client_hello(bytes: &[u8]) {
    assert!(bytes.len() >= 3, "the client sent {bytes:?}");
    assert_eq!(bytes[0], 22, "a TLS handshake record, not {bytes:?}");
    assert_eq!(bytes[1], 3, "TLS version 3.x, not {bytes:?}");
}

fn call() -> pages::retrieve_payment::Call {
    pages::retrieve_payment::Call::builder().id("ps-1").build()
}

#[test]
fn the_blocking_client_speaks_tls_to_an_https_base_url() {
    let (base, received) = listener();
    let client = pivot_client::Client::builder(Config::new(base, "m", "s"))
        .sleep(RecordingSleep::default())
        .build();
    let error = client.send(&call()).expect_err("no TLS server there");
    // The token call is the first to go, and it fails without an answer.
    assert_eq!(error.kind(), ErrorKind::Token);
    assert!(error.http_status().is_none());
    assert_client_hello(&first_connection(&received));
}

#[test]
fn the_async_client_speaks_tls_to_an_https_base_url() {
    let (base, received) = listener();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = pivot_client::asynchronous::Client::builder(Config::new(base, "m", "s"))
        .sleep(RecordingSleep::default())
        .build();
    let error = runtime
        .block_on(client.send(&call()))
        .expect_err("no TLS server there");
    assert_eq!(error.kind(), ErrorKind::Token);
    assert_client_hello(&first_connection(&received));
}
