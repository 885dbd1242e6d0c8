//! The sockets: a `tiny_http` server whose worker threads hand each call to
//! the [`Mock`] and write its answer back.

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::Error;
use crate::handler::{Incoming, Mock};
use crate::state::Answer;

/// Threads answering calls. The state is one lock, so more would only wait;
/// a few let a slow client's body not hold up the others.
const WORKERS: usize = 4;

/// The largest body the mock reads (Pivot documents no limit; bodies on the
/// pages are a few kilobytes).
const MAX_BODY: u64 = 8 * 1024 * 1024;

pub(crate) struct Server {
    http: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    pub addr: SocketAddr,
}

impl Server {
    pub fn start(addr: SocketAddr, mock: Arc<Mock>) -> Result<Server, Error> {
        let http = tiny_http::Server::http(addr).map_err(|e| Error::Listen(e.to_string()))?;
        let addr = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| Error::Listen("not an IP listener".to_string()))?;
        let http = Arc::new(http);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..WORKERS)
            .map(|n| {
                let (http, stopping, mock) =
                    (Arc::clone(&http), Arc::clone(&stopping), Arc::clone(&mock));
                std::thread::Builder::new()
                    .name(format!("pivot-mock-{n}"))
                    .spawn(move || serve(&http, &stopping, &mock))
                    .map_err(|e| Error::Listen(format!("cannot start a worker thread: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Server {
            http,
            stopping,
            workers,
            addr,
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Each unblock ends one worker's wait, after the calls already queued.
        for _ in &self.workers {
            self.http.unblock();
        }
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn serve(http: &tiny_http::Server, stopping: &AtomicBool, mock: &Mock) {
    loop {
        match http.recv() {
            Ok(request) => answer(request, mock),
            // An unblock, or a connection that failed: only the first ends
            // the worker.
            Err(_) if stopping.load(Ordering::SeqCst) => return,
            Err(_) => {}
        }
    }
}

fn answer(mut request: tiny_http::Request, mock: &Mock) {
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body);
    let answer = match read {
        Err(_) => return,
        Ok(_) if body.len() as u64 > MAX_BODY => {
            let mut state = mock.state();
            let message = format!("the body is larger than {MAX_BODY} bytes");
            crate::handler::error(&mut state, 413, "api_validation_error", &message, &[])
        }
        Ok(_) => {
            let incoming = Incoming {
                method: request.method().as_str().to_string(),
                url: request.url().to_string(),
                headers: request
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.as_str().as_str().to_string(),
                            h.value.as_str().to_string(),
                        )
                    })
                    .collect(),
                body,
            };
            // A panic (a test's verifier that asserts, a bug) answers 500
            // and leaves the worker serving.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| mock.handle(&incoming)))
                .unwrap_or_else(|_| {
                    let mut state = mock.state();
                    let message = "the mock panicked while answering (see the test's output)";
                    crate::handler::error(&mut state, 500, "api_error", message, &[])
                })
        }
    };
    let _ = request.respond(response(answer));
}

fn response(answer: Answer) -> tiny_http::Response<std::io::Cursor<Arc<[u8]>>> {
    let length = answer.body.len();
    tiny_http::Response::new(
        tiny_http::StatusCode(answer.status),
        vec![json_content_type()],
        std::io::Cursor::new(answer.body),
        Some(length),
        None,
    )
}

fn json_content_type() -> tiny_http::Header {
    // Constant text, valid ASCII: this cannot fail.
    tiny_http::Header::from_bytes(&b"Content-Type"[..], &b"application/json"[..])
        .expect("a valid header")
}
