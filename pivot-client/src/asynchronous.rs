//! The async client (feature `async`): [`Client`] over any
//! [`AsyncTransport`], [`HyperTransport`] (hyper-util's client on tokio)
//! by default. Usable from a tokio server's handlers: every future is
//! `Send`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use pivot_runtime::Endpoint;

use crate::clock::{Clock, Random};
use crate::config::Config;
use crate::core::{Body, CallOptions, Core, Exchange, Next};
use crate::error::Error;
use crate::pagination::{PageInfo, Pager, Step};
use crate::token::Token;

/// A boxed `Send` future.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one request and waits for the whole answer.
pub trait AsyncTransport: Send + Sync {
    /// Sends `request`, giving up after `timeout`. An `Err` is a failure to
    /// get any answer; its text must not hold a credential.
    fn send(
        &self,
        request: http::Request<Body>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, String>>;
}

/// Waits between attempts.
pub trait AsyncSleep: Send + Sync {
    /// A future that is ready after `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// `tokio::time::sleep`.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleep;

impl AsyncSleep for TokioSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

impl AsyncSleep for crate::clock::RecordingSleep {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        crate::clock::Sleep::sleep(self, duration);
        Box::pin(std::future::ready(()))
    }
}

/// What [`HyperTransport`] connects with: HTTPS (rustls on ring, the
/// webpki roots) and plain HTTP with the feature `tls`, plain HTTP without.
#[cfg(feature = "tls")]
type Connector = hyper_rustls::HttpsConnector<HttpConnector>;
#[cfg(not(feature = "tls"))]
type Connector = HttpConnector;

#[cfg(feature = "tls")]
fn connector() -> Connector {
    // The provider is named, not taken from the process: another crate of
    // the application may have compiled in a second one.
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
        .expect("ring supports rustls' default protocol versions");
    https.https_or_http().enable_http1().build()
}

#[cfg(not(feature = "tls"))]
fn connector() -> Connector {
    HttpConnector::new()
}

/// hyper-util's pooled HTTP/1 client on tokio, speaking HTTPS with the
/// feature `tls` (a default one).
#[derive(Clone)]
pub struct HyperTransport {
    client: HyperClient<Connector, Full<Bytes>>,
}

impl fmt::Debug for HyperTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperTransport")
    }
}

impl Default for HyperTransport {
    fn default() -> Self {
        HyperTransport {
            client: HyperClient::builder(TokioExecutor::new()).build(connector()),
        }
    }
}

impl AsyncTransport for HyperTransport {
    fn send(
        &self,
        request: http::Request<Body>,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, String>> {
        Box::pin(async move {
            let request = request.map(|body| Full::new(Bytes::from(body.into_inner())));
            let exchange = async {
                let response = self
                    .client
                    .request(request)
                    .await
                    .map_err(|e| e.to_string())?;
                let (parts, body) = response.into_parts();
                let bytes = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
                Ok(http::Response::from_parts(parts, bytes.to_vec()))
            };
            tokio::time::timeout(timeout, exchange)
                .await
                .map_err(|_| format!("no answer within {timeout:?}"))?
        })
    }
}

/// Calls Pivot from async code: as [`crate::blocking::Client`], with
/// `.await`. Cloning is cheap and shares the token.
pub struct Client<T = HyperTransport> {
    core: Arc<Core>,
    fetch: Arc<tokio::sync::Mutex<()>>,
    sleep: Arc<dyn AsyncSleep>,
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

impl Client<HyperTransport> {
    /// A client for `config`, over hyper. Call it inside a tokio runtime.
    pub fn new(config: Config) -> Self {
        Self::builder(config).build()
    }

    /// A client to set up: clock, sleeper, randomness, transport.
    pub fn builder(config: Config) -> Builder<HyperTransport> {
        Builder {
            core: Core::new(config),
            sleep: Arc::new(TokioSleep),
            transport: HyperTransport::default(),
        }
    }
}

/// Sets up an async [`Client`].
pub struct Builder<T> {
    core: Core,
    sleep: Arc<dyn AsyncSleep>,
    transport: T,
}

impl<T: AsyncTransport> Builder<T> {
    /// Reads the time from `clock`.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.core = self.core.with_clock(clock);
        self
    }

    /// Waits between attempts with `sleep`.
    pub fn sleep(mut self, sleep: impl AsyncSleep + 'static) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }

    /// Draws jitter and request IDs from `random`.
    pub fn random(mut self, random: impl Random + 'static) -> Self {
        self.core = self.core.with_random(random);
        self
    }

    /// Sends with `transport`.
    pub fn transport<U: AsyncTransport>(self, transport: U) -> Builder<U> {
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
            fetch: Arc::new(tokio::sync::Mutex::new(())),
            sleep: self.sleep,
            transport: Arc::new(self.transport),
        }
    }
}

impl<T: AsyncTransport> Client<T> {
    /// Sends `call` and reads the answer into its `Response`.
    pub async fn send<E: Endpoint>(&self, call: &E) -> Result<E::Response, Error> {
        self.send_with(call, &CallOptions::new()).await
    }

    /// As [`Client::send`], with a request ID or other options.
    pub async fn send_with<E: Endpoint>(
        &self,
        call: &E,
        options: &CallOptions,
    ) -> Result<E::Response, Error> {
        let exchange = self.core.exchange(call, options)?;
        let (exchange, response) = self.run(exchange).await?;
        exchange.read(response)
    }

    async fn run(
        &self,
        mut exchange: Exchange,
    ) -> Result<(Exchange, http::Response<Vec<u8>>), Error> {
        let base = self.core.config.base_url();
        exchange.check_uri(base)?;
        let span = crate::trace::call_span(&exchange);
        let started = Instant::now();
        loop {
            let token = if exchange.needs_token() {
                Some(
                    Box::pin(self.token())
                        .await
                        .map_err(|e| exchange.finish(e))?,
                )
            } else {
                None
            };
            let request = exchange.request(base, token.as_deref());
            let answer = self.transport.send(request, self.core.config.timeout).await;
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
                Next::Retry(wait) => self.sleep.sleep(wait).await,
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        self.core.invalidate_token(token);
                    }
                }
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// The cached token, or a new one: one task fetches it while the
    /// others wait for it.
    pub async fn token(&self) -> Result<Arc<Token>, Error> {
        if let Some(token) = self.core.fresh_token() {
            return Ok(token);
        }
        let _fetching = self.fetch.lock().await;
        if let Some(token) = self.core.fresh_token() {
            return Ok(token);
        }
        let asked_at = self.core.clock.now();
        let exchange = self.core.token_exchange();
        let (_, response) = Box::pin(self.run(exchange))
            .await
            .map_err(Error::into_token_error)?;
        self.core.store_token(response.body(), asked_at)
    }

    /// Every page of a list call, as [`crate::blocking::Client::pages`]:
    /// `while let Some(page) = pages.next().await`.
    pub fn pages<'a, E: Endpoint>(&'a self, call: &'a E) -> Pages<'a, E, T> {
        self.pages_with(call, Pager::new())
    }

    /// As [`Client::pages`], with another pager.
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
}

/// The pages of a list call, pulled with `next().await` (a stream without
/// the `Stream` trait, which would add a dependency for one method).
pub struct Pages<'a, E, T> {
    client: &'a Client<T>,
    call: &'a E,
    pager: Pager,
    next: Option<u64>,
}

impl<E: Endpoint, T: AsyncTransport> Pages<'_, E, T> {
    /// The next page, `None` after the last; an error ends the pages.
    pub async fn next(&mut self) -> Option<Result<E::Response, Error>> {
        let page = self.next.take()?;
        let mut exchange = match self.client.core.exchange(self.call, &CallOptions::new()) {
            Ok(exchange) => exchange,
            Err(error) => return Some(Err(error)),
        };
        exchange.set_target(self.pager.target(exchange.target(), page));
        let (exchange, response) = match self.client.run(exchange).await {
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
