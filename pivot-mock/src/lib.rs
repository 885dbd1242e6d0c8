//! A Pivot test server made from the documentation pages, for a user's own
//! tests: the same pages the models come from give its routes, its request
//! checks and its answers, so a page update updates the mock.
//!
//! ```no_run
//! # fn main() -> Result<(), pivot_mock::Error> {
//! let mock = pivot_mock::MockServer::start(["spec"])?;
//! let base_url = mock.base_url(); // http://127.0.0.1:<free port>
//! // ... point the client under test at `base_url` ...
//! # Ok(())
//! # }
//! ```
//!
//! `pivot mock <pages or directories> --listen <ADDR>` runs the same server
//! from the command line. `pivot-mock/tests/readme.rs` is a whole test, the
//! one the README's "Testing your integration" quotes.
//!
//! # Why a crate of its own
//!
//! The mock reads pages when it starts (a command takes any pages), so it
//! cannot use the compiled models of `pivot-models`: it interprets the
//! engine's model of each page instead ([`pivot_codegen::wire`] reads a
//! request as the generated serde code and `validate()` would).
//!
//! # What it does with a call
//!
//! - **Routes**: the method and path of every page with a Pivot URL
//!   (`[BASE_URL]/v2/payments/{id}`; `:id`, `:{id}` and `{{id}}` are
//!   parameters too). A static segment wins over a parameter
//!   (`/xb/sender/list` is not `/xb/sender/:id`). A URL in brackets that
//!   is not the base URL (`[Merchant Callback URL]`) is a callback's. No
//!   page for the path: 404; for the path but not the method: 405.
//! - **Several pages on one route** (three pages `POST /v2/payments`, two
//!   `POST /v1/payouts`): the call decides. Of the pages whose checks it
//!   passes, the one whose types know the most of what it sent (fewest body
//!   members and query parameters they would ignore: `GET
//!   /v2/payments?clientReferenceId=` is the page that documents the
//!   parameter, not the list); then the one whose own request example shows
//!   the most of the members it sent (a payout by `inquiryId` is the page
//!   whose example sends one, though both pages' types know it); then the
//!   first in page order (two pages documenting the same `GET` with no body
//!   or query answer as the first). When the call passes none, the first
//!   page's checks answer.
//! - **Checks**, as Pivot would: the body must read into the page's
//!   `Request` and pass its `validate()`; mandatory headers and query
//!   parameters must be there. Otherwise 400 with the body of the published
//!   Errors page, every violation listed with its JSON path:
//!   `{"code": "400", "message": ..., "error": {"type": "api_validation_error",
//!   "details": [{"field": "clientReferenceId", "message": ...}], "trace_id": ...}}`.
//! - **Authentication**: the Access Token page (the one documenting
//!   `X-MERCHANT-ID` and `X-MERCHANT-SECRET`) checks the merchant's ID and
//!   secret (any pair unless [`Builder::credentials`] sets one) and issues a
//!   token living [`Builder::token_lifetime`] (900 s by default, as
//!   published). Every other call needs `Authorization: Bearer <token>` with
//!   a token the mock issued and that has not expired: 401 otherwise. Pages
//!   without an Access Token page cannot issue one, so then no call is
//!   asked for a token (`pivot mock` says so when it starts).
//!   Wallet (SNAP) pages, those documenting `X-SIGNATURE`, are not: their
//!   documented headers must be there (the checks above), and their
//!   signature is judged only by a verifier a test configures
//!   ([`Builder::verify_signatures`]).
//! - **Idempotency**, as the published page says: a call with an
//!   `X-REQUEST-ID` (ASCII letters and digits, 16 to 36) the mock answered
//!   with success before gets the same answer again when it is the same call
//!   (method, path, query, JSON body), and 409 when it is another; keys are
//!   kept 24 hours of the mock's clock.
//! - **The answer**: the page's response example, status 200.
//!
//! Errors the pages do not publish are the mock's own, in the same shape:
//! `authentication_error` (401), `idempotency_error` (409),
//! `not_found_error` (404), `method_not_allowed` (405), and for planned
//! failures `rate_limit_error` (429), `timeout_error` (408), `api_error`
//! (5xx). `code` is the HTTP status as text.
//!
//! # What is stateful
//!
//! - Tokens: issued, expiring by the injected [`Clock`], revocable
//!   ([`MockServer::revoke_tokens`]).
//! - Idempotency keys and their first answers.
//! - Resources created through the mock: a `POST` to a path without
//!   parameters whose answer has `data.id` (a payment session, a refund, a
//!   payout) gets a fresh ID, and the `clientReferenceId` or `referenceId`
//!   it sent; a later call of a route under the same path with that ID (or
//!   reference) as a parameter (`GET /v2/payments/{id}`, `POST
//!   /v2/payments/{id}/cancel`), or with that reference in the query
//!   (`GET /v2/payments?clientReferenceId=`), answers with the same ID and
//!   reference.
//! - The calls received ([`MockServer::requests`]).
//!
//! Nothing else: amounts, statuses and every other member come from the
//! page's example (cancelling does not change a status, a list does not
//! grow), and an ID the mock did not create gets the example as it is.
//!
//! # For tests
//!
//! - [`Route::answer_next`]: the next call of a route gets this answer;
//! - [`MockServer::fail_next`], [`Route::fail_next`]: the next N calls fail
//!   with a status (503, 429), for retry tests. Planned answers and failures
//!   come before anything else: no token, check or key is looked at, and
//!   nothing is kept under the call's key;
//! - [`MockServer::requests`]: every call, with secrets hidden in `Debug`;
//! - [`MockServer::send_callback`]: POSTs a callback page's example (or
//!   [`MockServer::send_callback_body`] a given body) to a URL, with an
//!   `X-API-Key`.
//!
//! Time is a [`Clock`] the test can hold ([`ManualClock`]), so expiry is
//! tested by moving it, never by sleeping.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod api;
mod callback;
mod clock;
mod handler;
mod record;
mod server;
mod state;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pivot_codegen::Source;
use pivot_runtime::SecretString;

pub use callback::CallbackAnswer;
pub use clock::{Clock, ManualClock, SystemClock};
pub use handler::SignedRequest;
pub use record::RecordedRequest;

use api::{Api, PageSet};
use handler::{Config, Mock, Verifier};
use state::{Answer, Planned, State};

/// The token lifetime the published Authentication page gives (`expiresIn: "900"`).
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(900);

/// Why the mock could not start, or a test control could not act.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The pages could not be read, or have errors (every one listed, one
    /// per line, as `pivot check` prints them).
    Pages(String),
    /// The address could not be listened on.
    Listen(String),
    /// No page documents this method and path.
    UnknownRoute(String),
    /// No callback page has this name.
    UnknownCallback(String),
    /// Sending a callback failed (connection refused, timeout).
    Callback(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pages(message) => write!(f, "the pages cannot be served:\n{message}"),
            Error::Listen(message) => write!(f, "cannot listen: {message}"),
            Error::UnknownRoute(route) => write!(f, "no page documents `{route}`"),
            Error::UnknownCallback(page) => write!(
                f,
                "no callback page `{page}` (a page whose URL is the merchant's, with a request body)"
            ),
            Error::Callback(message) => write!(f, "the callback failed: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// How a mock is set up before it starts: [`MockServer::builder`].
pub struct Builder {
    pages: PageSet,
    credentials: Option<(String, SecretString)>,
    token_lifetime: Duration,
    clock: Box<dyn Clock>,
    listen: SocketAddr,
    verifier: Option<Box<Verifier>>,
    record: bool,
    log: bool,
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("pages", &self.pages.paths)
            .field("page_texts", &self.pages.sources.len())
            // `SecretString`'s `Debug` hides the secret.
            .field("credentials", &self.credentials)
            .field("token_lifetime", &self.token_lifetime)
            .field("listen", &self.listen)
            .field("verifies_signatures", &self.verifier.is_some())
            .field("record", &self.record)
            .field("log", &self.log)
            .finish_non_exhaustive()
    }
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            pages: PageSet::default(),
            credentials: None,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            clock: Box::new(SystemClock),
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            verifier: None,
            record: true,
            log: false,
        }
    }
}

impl Builder {
    /// Serves these pages: files, or directories of `*.txt` pages (read in
    /// file-name order, as the models are). Adds to the pages given before.
    pub fn pages<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.pages.paths.extend(api::page_paths(paths));
        self
    }

    /// Serves a page given as text; `name` is its file name
    /// (`create_refund.txt`), which names its module.
    pub fn page_text(mut self, name: &str, text: &str) -> Self {
        self.pages.sources.push(Source {
            display_path: name.to_string(),
            stem: stem(name),
            text: text.to_string(),
        });
        self
    }

    /// Accepts only this merchant ID and secret on the Access Token call
    /// (by default any non-empty pair).
    pub fn credentials(
        mut self,
        merchant_id: impl Into<String>,
        secret: impl Into<SecretString>,
    ) -> Self {
        self.credentials = Some((merchant_id.into(), secret.into()));
        self
    }

    /// How long an issued token is valid ([`DEFAULT_TOKEN_LIFETIME`] by
    /// default); the answer's `expiresIn` says the same, in seconds.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Reads the time from `clock` ([`SystemClock`] by default).
    pub fn clock(mut self, clock: impl Clock) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// Listens on `addr` (127.0.0.1, a free port, by default).
    pub fn listen(mut self, addr: SocketAddr) -> Self {
        self.listen = addr;
        self
    }

    /// Judges the signature of every wallet (SNAP) call with `verify`; a
    /// call it refuses (`Err(why)`) gets 401. Without a verifier, only the
    /// presence of the documented signature headers is checked.
    pub fn verify_signatures(
        mut self,
        verify: impl Fn(&SignedRequest<'_>) -> Result<(), String> + Send + Sync + 'static,
    ) -> Self {
        self.verifier = Some(Box::new(verify));
        self
    }

    /// Whether to keep every call for [`MockServer::requests`] (on by
    /// default; `pivot mock`, which runs for long, turns it off).
    pub fn record_requests(mut self, record: bool) -> Self {
        self.record = record;
        self
    }

    /// Whether to print a line per call on stderr: method, path, status and
    /// the page that answered; never a header, query or body.
    pub fn log_calls(mut self, log: bool) -> Self {
        self.log = log;
        self
    }

    /// Reads the pages and starts listening. Fails on a page with errors
    /// (listing every one), as the models' build would.
    pub fn start(self) -> Result<MockServer, Error> {
        let sources = self.pages.read()?;
        let api = Arc::new(Api::new(&sources)?);
        let mock = Arc::new(Mock {
            api,
            config: Config {
                credentials: self.credentials,
                token_lifetime: self.token_lifetime,
                clock: self.clock,
                verifier: self.verifier,
                log: self.log,
            },
            state: Mutex::new(State {
                record: self.record,
                ..State::default()
            }),
        });
        let server = server::Server::start(self.listen, Arc::clone(&mock))?;
        Ok(MockServer { server, mock })
    }
}

/// A page file's name without `.txt`, which names its module (as the
/// engine's page reader takes it).
fn stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A running mock, listening on 127.0.0.1 (by default). It stops when
/// dropped: the calls already received are answered first.
pub struct MockServer {
    server: server::Server,
    mock: Arc<Mock>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("addr", &self.server.addr)
            .field("routes", &self.mock.api.routes.len())
            .finish_non_exhaustive()
    }
}

impl MockServer {
    /// Serves the pages (files, or directories of `*.txt` pages) with the
    /// defaults: any merchant ID and secret, 900 s tokens, the system
    /// clock, on 127.0.0.1 and a free port.
    pub fn start<P: AsRef<Path>>(pages: impl IntoIterator<Item = P>) -> Result<MockServer, Error> {
        MockServer::builder().pages(pages).start()
    }

    /// A mock to set up: pages, credentials, token lifetime, clock, address.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// `http://<addr>`, what a client takes as Pivot's base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.server.addr)
    }

    /// The address it listens on (the port chosen, when asked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.server.addr
    }

    /// Whether calls must show a token: the pages have an Access Token page
    /// to issue one.
    pub fn asks_for_tokens(&self) -> bool {
        self.mock.api.issues_tokens()
    }

    /// Each route: method, path as its first page writes it, and the
    /// modules of its pages in the order they are tried.
    pub fn routes(&self) -> Vec<(String, String, Vec<String>)> {
        let api = &self.mock.api;
        api.routes
            .iter()
            .map(|route| {
                let pages = route
                    .pages
                    .iter()
                    .map(|&p| api.pages[p].page.name().to_string())
                    .collect();
                (route.method.clone(), route.template(api), pages)
            })
            .collect()
    }

    /// The route `method` and `path` reach: `path` as a call sends it
    /// (`/v2/payments/abc`) or as the page writes it (`/v2/payments/{id}`).
    pub fn route(&self, method: &str, path: &str) -> Result<Route<'_>, Error> {
        let route = self.mock.api.route_named(method, path)?;
        Ok(Route {
            mock: &self.mock,
            route,
        })
    }

    /// The next `calls` calls, of any route, fail with `status` and the
    /// error body of that status. Added after failures already planned.
    pub fn fail_next(&self, calls: usize, status: u16) {
        if calls > 0 {
            self.mock.state().fail_any.push_back((calls, status));
        }
    }

    /// Every call received so far, in the order they were answered.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.mock.state().requests.clone()
    }

    /// Forgets the calls received so far.
    pub fn clear_requests(&self) {
        self.mock.state().requests.clear();
    }

    /// Makes every token issued so far invalid, as if each had expired: the
    /// next call with one gets 401.
    pub fn revoke_tokens(&self) {
        self.mock.state().tokens.clear();
    }

    /// POSTs the request example of the callback page `page` (its module
    /// name, `payment_callback`) to `url`, with `X-API-Key: api_key`, as
    /// Pivot sends a callback; returns the merchant server's answer.
    pub fn send_callback(
        &self,
        page: &str,
        url: &str,
        api_key: &str,
    ) -> Result<CallbackAnswer, Error> {
        let callback = self
            .mock
            .api
            .callbacks
            .get(page)
            .ok_or_else(|| Error::UnknownCallback(page.to_string()))?;
        let body = callback
            .example
            .as_deref()
            .ok_or_else(|| Error::UnknownCallback(format!("{page} (it shows no example body)")))?;
        callback::post(url, api_key, body)
    }

    /// POSTs `body` to `url` with `X-API-Key: api_key`, as Pivot sends a
    /// callback.
    pub fn send_callback_body(
        &self,
        url: &str,
        api_key: &str,
        body: &str,
    ) -> Result<CallbackAnswer, Error> {
        callback::post(url, api_key, body)
    }

    /// The callback pages' names (modules), for [`MockServer::send_callback`].
    pub fn callbacks(&self) -> Vec<String> {
        self.mock.api.callbacks.keys().cloned().collect()
    }
}

/// One route's test controls: [`MockServer::route`].
#[derive(Clone, Copy)]
pub struct Route<'a> {
    mock: &'a Mock,
    route: usize,
}

impl fmt::Debug for Route<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let route = &self.mock.api.routes[self.route];
        write!(
            f,
            "Route({} {})",
            route.method,
            route.template(&self.mock.api)
        )
    }
}

impl Route<'_> {
    /// The next call of this route gets `status` and `body` (sent as
    /// `application/json`), after what is already planned for it.
    pub fn answer_next(&self, status: u16, body: impl Into<String>) {
        let answer = Answer {
            status,
            body: Arc::from(body.into().into_bytes()),
        };
        self.plan(Planned::Answer(answer));
    }

    /// The next `calls` calls of this route fail with `status`, after what
    /// is already planned for it.
    pub fn fail_next(&self, calls: usize, status: u16) {
        for _ in 0..calls {
            self.plan(Planned::Fail(status));
        }
    }

    fn plan(&self, planned: Planned) {
        self.mock
            .state()
            .planned
            .entry(self.route)
            .or_default()
            .push_back(planned);
    }
}
