//! The blocking client (feature `blocking`): [`Client`] over any
//! [`Transport`], [`UreqTransport`] by default.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pivot_runtime::Endpoint;

use crate::clock::{Clock, Random, Sleep, ThreadSleep};
use crate::config::Config;
use crate::core::{Body, CallOptions, Core, Exchange, Next};
use crate::error::Error;
use crate::pagination::{PageInfo, Pager, Step};
use crate::token::Token;

/// Sends one request and waits for the whole answer.
pub trait Transport: Send + Sync {
    /// Sends `request`, giving up after `timeout`. An `Err` is a failure to
    /// get any answer; its text must not hold a credential.
    fn send(
        &self,
        request: http::Request<Body>,
        timeout: Duration,
    ) -> Result<http::Response<Vec<u8>>, String>;
}

/// A `ureq` agent, speaking HTTPS with the feature `tls` (a default one:
/// rustls on ring, the webpki roots).
#[derive(Debug, Clone)]
pub struct UreqTransport {
    agent: ureq::Agent,
    timeout: Duration,
}

impl UreqTransport {
    /// An agent whose requests time out after `timeout` (set once: a
    /// request configured on its own costs a copy of the agent's settings).
    pub fn new(timeout: Duration) -> Self {
        // Statuses are the client's to judge: a 4xx still has a body to read.
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build();
        UreqTransport {
            agent: ureq::Agent::new_with_config(config),
            timeout,
        }
    }
}

impl Default for UreqTransport {
    /// 30 s, [`Config`]'s default.
    fn default() -> Self {
        Self::new(Duration::from_secs(30))
    }
}

impl Transport for UreqTransport {
    fn send(
        &self,
        request: http::Request<Body>,
        timeout: Duration,
    ) -> Result<http::Response<Vec<u8>>, String> {
        let request = request.map(Body::into_inner);
        // ureq's errors name the host and port, never headers.
        let response = if timeout == self.timeout {
            self.agent.run(request)
        } else {
            let request = self
                .agent
                .configure_request(request)
                .timeout_global(Some(timeout))
                .build();
            self.agent.run(request)
        }
        .map_err(|e| e.to_string())?;
        let (parts, mut body) = response.into_parts();
        let bytes = body
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .map_err(|e| e.to_string())?;
        Ok(http::Response::from_parts(parts, bytes))
    }
}

/// Calls Pivot: `client.send(&call)?` gets a token (once for every thread),
/// adds `Authorization` and `X-REQUEST-ID`, retries what is safe to retry,
/// and reads the answer into the call's `Response`.
///
/// Cloning is cheap and shares the token.
pub struct Client<T = UreqTransport> {
    core: Arc<Core>,
    fetch: Arc<Mutex<()>>,
    sleep: Arc<dyn Sleep>,
    transport: Arc<T>,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            core: self.core.clone(),
            fetch: self.fetch.clone(),
            sleep: self.sleep.clone(),
            transport: self.transport.clone(),
        }
    }
}

impl<T> fmt::Debug for Client<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.core.config)
            .finish_non_exhaustive()
    }
}

impl Client<UreqTransport> {
    /// A client for `config`, over `ureq`.
    pub fn new(config: Config) -> Self {
        Self::builder(config).build()
    }

    /// A client to set up: clock, sleeper, randomness, transport.
    pub fn builder(config: Config) -> Builder<UreqTransport> {
        let transport = UreqTransport::new(config.timeout);
        Builder {
            core: Core::new(config),
            sleep: Arc::new(ThreadSleep),
            transport,
        }
    }
}

/// Sets up a [`Client`].
pub struct Builder<T> {
    core: Core,
    sleep: Arc<dyn Sleep>,
    transport: T,
}

impl<T: Transport> Builder<T> {
    /// Reads the time from `clock` (token expiry).
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.core = self.core.with_clock(clock);
        self
    }

    /// Waits between attempts with `sleep`.
    pub fn sleep(mut self, sleep: impl Sleep + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// Draws jitter and request IDs from `random`.
    pub fn random(mut self, random: impl Random + 'static) -> Self {
        self.core = self.core.with_random(random);
        self
    }

    /// Sends with `transport`.
    pub fn transport<U: Transport>(self, transport: U) -> Builder<U> {
        Builder {
            core: self.core,
            sleep: self.sleep,
            transport,
        }
    }

    /// The client.
    pub fn build(self) -> Client<T> {
        Client {
            core: Arc::new(self.core),
            fetch: Arc::new(Mutex::new(())),
            sleep: self.sleep,
            transport: Arc::new(self.transport),
        }
    }
}

impl<T: Transport> Client<T> {
    /// Sends `call` and reads the answer into its `Response`.
    pub fn send<E: Endpoint>(&self, call: &E) -> Result<E::Response, Error> {
        self.send_with(call, &CallOptions::new())
    }

    /// As [`Client::send`], with a request ID or other options.
    pub fn send_with<E: Endpoint>(
        &self,
        call: &E,
        options: &CallOptions,
    ) -> Result<E::Response, Error> {
        let exchange = self.core.exchange(call, options)?;
        let (exchange, response) = self.run(exchange)?;
        exchange.read(response)
    }

    /// Sends an exchange to its end: the answer's success, or the error.
    pub(crate) fn run(
        &self,
        mut exchange: Exchange,
    ) -> Result<(Exchange, http::Response<Vec<u8>>), Error> {
        let base = self.core.config.base_url();
        exchange.check_uri(base)?;
        let span = crate::trace::call_span(&exchange);
        let _entered = span.enter();
        let started = Instant::now();
        loop {
            let token = if exchange.needs_token() {
                Some(self.token().map_err(|e| exchange.finish(e))?)
            } else {
                None
            };
            let request = exchange.request(base, token.as_deref());
            let answer = self.transport.send(request, self.core.config.timeout);
            crate::trace::attempt(
                &span,
                &exchange,
                answer.as_ref().map(|r| r.status()).ok(),
                started,
            );
            let next = match answer {
                Ok(response) => exchange.on_response(response, &self.core),
                Err(message) => exchange.on_transport_error(message, &self.core),
            };
            match next {
                Next::Done(response) => return Ok((exchange, response)),
                Next::Retry(wait) => self.sleep.sleep(wait),
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        self.core.invalidate_token(token);
                    }
                }
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// The cached token, or a new one: one thread fetches it while the
    /// others wait for it.
    pub fn token(&self) -> Result<Arc<Token>, Error> {
        if let Some(token) = self.core.fresh_token() {
            return Ok(token);
        }
        let _fetching = self.fetch.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(token) = self.core.fresh_token() {
            return Ok(token);
        }
        let asked_at = self.core.clock.now();
        let exchange = self.core.token_exchange();
        let (_, response) = self.run(exchange).map_err(Error::into_token_error)?;
        self.core.store_token(response.body(), asked_at)
    }

    /// Every page of a list call, `page=1, 2, ...` until the last, the
    /// call's other query parameters kept ([`crate::pagination`]).
    pub fn pages<'a, E: Endpoint>(&'a self, call: &'a E) -> Pages<'a, E, T> {
        self.pages_with(call, Pager::new())
    }

    /// As [`Client::pages`], with another page parameter, first page or
    /// bound.
    pub fn pages_with<'a, E: Endpoint>(&'a self, call: &'a E, pager: Pager) -> Pages<'a, E, T> {
        Pages {
            client: self,
            call,
            next: Some(pager.first()),
            pager,
        }
    }

    /// The client's shared state.
    pub fn core(&self) -> &Core {
        &self.core
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }
}

/// The pages of a list call, each read into the call's `Response`; an
/// error ends the pages.
pub struct Pages<'a, E, T> {
    client: &'a Client<T>,
    call: &'a E,
    pager: Pager,
    next: Option<u64>,
}

impl<E: Endpoint, T: Transport> Iterator for Pages<'_, E, T> {
    type Item = Result<E::Response, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let page = self.next.take()?;
        let mut exchange = match self.client.core.exchange(self.call, &CallOptions::new()) {
            Ok(exchange) => exchange,
            Err(error) => return Some(Err(error)),
        };
        exchange.set_target(self.pager.target(exchange.target(), page));
        let (exchange, response) = match self.client.run(exchange) {
            Ok(done) => done,
            Err(error) => return Some(Err(error)),
        };
        match self.pager.step(page, &PageInfo::read(response.body())) {
            Step::Stop => None,
            Step::Yield { next } => {
                self.next = next;
                Some(exchange.read(response))
            }
        }
    }
}
