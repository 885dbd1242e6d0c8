//! Receives Pivot's callbacks: a hyper server whose handler checks the
//! `X-API-Key`, bounds the body, and reads it into the `Callback` enum of
//! the models (here the pages of `examples/pages/`).
//!
//! ```sh
//! cargo run -p pivot-client --example callbacks -- --listen 127.0.0.1:8080 --api-key <KEY>
//! ```
//!
//! It prints `listening <addr>` when ready, then for each accepted callback
//! `event <EVENT> <data.id> <data.clientReferenceId>` (`-` where the body
//! has none) and answers 200; an event no page lists is accepted and
//! printed the same way. A wrong key gets 401, a body that is no callback
//! 400, a body over 1 MiB 413, and the server stays up: a callback URL is
//! public. The key is never printed.

use std::convert::Infallible;
use std::error::Error;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use pivot_client::callbacks::{Rejection, Verifier};

mod models {
    pivot_macros::models!("examples/pages");
}

use models::Callback;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|(listen, key)| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind(listen).await?;
            let out: Arc<Mutex<dyn Write + Send>> = Arc::new(Mutex::new(std::io::stdout()));
            serve(listener, Verifier::new(key), out).await
        })
    });
    if let Err(error) = result {
        eprintln!("callbacks: {error}");
        std::process::exit(1);
    }
}

fn parse_args(args: &[String]) -> Result<(SocketAddr, String), Box<dyn Error>> {
    let usage = "usage: callbacks --listen <ADDR> --api-key <KEY>";
    let (mut listen, mut key) = (None, None);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--listen" => listen = Some(value.parse::<SocketAddr>()?),
            "--api-key" => key = Some(value.clone()),
            _ => return Err(usage.into()),
        }
    }
    Ok((listen.ok_or(usage)?, key.ok_or(usage)?))
}

/// Serves callbacks on `listener` until the task is dropped, printing to `out`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    verifier: Verifier,
    out: Arc<Mutex<dyn Write + Send>>,
) -> Result<(), Box<dyn Error>> {
    writeln!(out.lock().unwrap(), "listening {}", listener.local_addr()?)?;
    let verifier = Arc::new(verifier);
    loop {
        let (stream, _) = listener.accept().await?;
        let (verifier, out) = (verifier.clone(), out.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let (verifier, out) = (verifier.clone(), out.clone());
                async move { Ok::<_, Infallible>(handle(request, &verifier, &out).await) }
            });
            // A client that hangs up early is its own problem.
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The handler: any server that hands over the request's head and body
/// works the same way.
async fn handle(
    request: Request<Incoming>,
    verifier: &Verifier,
    out: &Mutex<dyn Write + Send>,
) -> Response<Full<Bytes>> {
    let (head, body) = request.into_parts();
    // The key and a declared length first: nothing is read for a stranger.
    if let Err(rejection) = verifier.check_head(&head.headers) {
        return refuse(rejection, out);
    }
    // Then at most the limit, whatever the body claims.
    let body = match Limited::new(body, verifier.limit()).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
            return refuse(
                Rejection::TooLarge {
                    limit: verifier.limit(),
                },
                out,
            );
        }
        Err(_) => return answer(StatusCode::BAD_REQUEST, "unreadable body"),
    };
    match verifier.parse::<Callback>(&body) {
        Ok(received) => {
            // Deliveries repeat (Pivot retries): a real handler records
            // `received.dedup_key()` and skips one it has seen.
            let _ = writeln!(
                out.lock().unwrap(),
                "event {} {} {}",
                received.event(),
                received.id.as_deref().unwrap_or("-"),
                received.client_reference_id.as_deref().unwrap_or("-"),
            );
            answer(StatusCode::OK, "{\"received\":true}")
        }
        Err(rejection) => refuse(rejection, out),
    }
}

fn refuse(rejection: Rejection, out: &Mutex<dyn Write + Send>) -> Response<Full<Bytes>> {
    let status = rejection.status();
    let _ = writeln!(
        out.lock().unwrap(),
        "refused {} {rejection}",
        status.as_u16()
    );
    answer(status, "{\"received\":false}")
}

fn answer(status: StatusCode, body: &'static str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body.as_bytes())));
    *response.status_mut() = status;
    response
}
