//! The client without I/O: a call, the client's state and the time in, an
//! `http::Request` out; an `http::Response` in, what to do next out. The
//! transports ([`crate::blocking`], [`crate::asynchronous`]) only send
//! and wait.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pivot_runtime::Endpoint;
use serde::de::DeserializeOwned;

use crate::clock::{Clock, OsRandom, Random, SystemClock};
use crate::config::Config;
use crate::error::{Error, ErrorKind};
use crate::request_id::{self, RequestId};
use crate::retry::{self, Verdict};
use crate::token::{self, Token, TokenCache};

/// What one call asks beyond the call itself.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    request_id: Option<RequestId>,
    idempotent: bool,
    unchecked: bool,
}

impl CallOptions {
    /// No options: a key only on the routes that always carry one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `key` as `X-REQUEST-ID` (on every attempt), which also makes
    /// the call safe to retry.
    pub fn request_id(mut self, key: RequestId) -> Self {
        self.request_id = Some(key);
        self
    }

    /// Sends a generated `X-REQUEST-ID`, making the call safe to retry.
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Sends the call without checking it first. By default a call whose
    /// `validate()` finds a broken constraint is not sent
    /// ([`ErrorKind::Invalid`]); this is for a test of how a server
    /// answers such a call.
    pub fn unchecked(mut self) -> Self {
        self.unchecked = true;
        self
    }
}

/// The state every call of one client shares: configuration, token, clock
/// and randomness. The transports hold one each, behind an `Arc`.
pub struct Core {
    pub(crate) config: Config,
    pub(crate) tokens: TokenCache,
    pub(crate) clock: Box<dyn Clock>,
    random: Mutex<Box<dyn Random>>,
}

impl fmt::Debug for Core {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Core")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// A core with the system clock and OS randomness.
    pub fn new(config: Config) -> Self {
        Core {
            config,
            tokens: TokenCache::default(),
            clock: Box::new(SystemClock),
            random: Mutex::new(Box::new(OsRandom)),
        }
    }

    /// The same with another clock.
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Box::new(clock);
        self
    }

    /// The same with another source of randomness.
    pub fn with_random(mut self, random: impl Random + 'static) -> Self {
        self.random = Mutex::new(Box::new(random));
        self
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn random(&self) -> std::sync::MutexGuard<'_, Box<dyn Random>> {
        self.random.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cached token, if it is fresh now.
    pub fn fresh_token(&self) -> Option<Arc<Token>> {
        self.tokens.fresh(self.clock.now())
    }

    /// Reads the token call's answer body and caches the token.
    pub fn store_token(
        &self,
        body: &[u8],
        asked_at: std::time::SystemTime,
    ) -> Result<Arc<Token>, Error> {
        let token = token::read(body, asked_at, self.config.token_margin)?;
        Ok(self.tokens.store(token))
    }

    /// Drops `used` from the cache after Pivot refused it.
    pub fn invalidate_token(&self, used: &Arc<Token>) {
        self.tokens.invalidate(used);
    }

    /// A call's exchange: encoded once, sent as many times as it takes.
    pub fn exchange<E: Endpoint>(
        &self,
        call: &E,
        options: &CallOptions,
    ) -> Result<Exchange, Error> {
        Exchange::new(call, options, self)
    }

    /// The Access Token call's exchange (safe to repeat, sent without token).
    pub fn token_exchange(&self) -> Exchange {
        let request = token::request(&self.config);
        let (parts, body) = request.into_parts();
        Exchange {
            method: parts.method,
            target: token::PATH.to_string(),
            path_template: token::PATH,
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| (n.clone(), v.clone()))
                .collect(),
            body,
            request_id: None,
            retry_safe: true,
            needs_token: false,
            attempt: 0,
            refreshed: false,
            uri: None,
        }
    }
}

/// A request body: JSON bytes whose `Debug` shows only their length, so
/// that logging an `http::Request` never prints a card number or token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Body(Vec<u8>);

impl Body {
    /// The bytes, for the transport.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl std::ops::Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Body {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body(bytes)
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Body({} bytes)", self.0.len())
    }
}

/// What to do after an attempt.
#[derive(Debug)]
pub enum Next {
    /// A success: read it.
    Done(http::Response<Vec<u8>>),
    /// Wait this long, then send again.
    Retry(Duration),
    /// Drop the token used, get another, send again (at once).
    RefreshToken,
    /// The call failed.
    Fail(Error),
}

/// One call, encoded once, and its attempts so far. Its `Debug` shows the
/// method, path template, header names and request ID: no header value,
/// no body.
pub struct Exchange {
    method: http::Method,
    target: String,
    path_template: &'static str,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    body: Vec<u8>,
    request_id: Option<RequestId>,
    retry_safe: bool,
    needs_token: bool,
    attempt: u32,
    refreshed: bool,
    /// The URI, parsed once by [`Exchange::check_uri`].
    uri: Option<http::Uri>,
}

impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("Exchange")
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("headers", &names)
            .field("body_len", &self.body.len())
            .field("request_id", &self.request_id)
            .field("retry_safe", &self.retry_safe)
            .field("attempt", &self.attempt)
            .finish()
    }
}

impl Exchange {
    fn new<E: Endpoint>(call: &E, options: &CallOptions, core: &Core) -> Result<Self, Error> {
        if !options.unchecked {
            call.validate().map_err(Error::invalid)?;
        }
        let request_error = |e: String| Error::new(ErrorKind::Request, e);
        let method = http::Method::from_bytes(E::METHOD.as_bytes())
            .map_err(|e| request_error(format!("method `{}`: {e}", E::METHOD)))?;
        let mut target = call.path();
        if let Some(query) = call.query() {
            let encoded = serde_urlencoded::to_string(query)
                .map_err(|e| request_error(format!("the query cannot be encoded: {e}")))?;
            if !encoded.is_empty() {
                target.push('?');
                target.push_str(&encoded);
            }
        }
        let body = match call.body() {
            Some(body) => serde_json::to_vec(body)
                .map_err(|e| request_error(format!("the body cannot be written as JSON: {e}")))?,
            None => Vec::new(),
        };
        let mut headers = Vec::new();
        let mut own_key = None;
        let mut own_authorization = false;
        for (name, value) in call.headers() {
            let name = http::HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| request_error(format!("header name `{name}` is not valid HTTP")))?;
            // The value is not quoted: it may be a credential.
            let mut value = http::HeaderValue::from_str(value).map_err(|_| {
                request_error(format!("the value of header `{name}` is not valid HTTP"))
            })?;
            value.set_sensitive(true);
            if name == http::header::AUTHORIZATION {
                own_authorization = true;
            }
            if name.as_str().eq_ignore_ascii_case(request_id::HEADER) {
                own_key = value.to_str().ok().map(|v| v.to_string());
                continue;
            }
            headers.push((name, value));
        }
        let request_id = match (&options.request_id, own_key) {
            (Some(key), _) => Some(key.clone()),
            (None, Some(own)) => {
                Some(RequestId::new(own).map_err(|e| request_error(e.to_string()))?)
            }
            (None, None)
                if options.idempotent
                    || core.config.is_idempotent_route(E::METHOD, E::PATH_TEMPLATE) =>
            {
                Some(RequestId::generate(&mut **core.random()))
            }
            (None, None) => None,
        };
        let retry_safe =
            matches!(method, http::Method::GET | http::Method::HEAD) || request_id.is_some();
        Ok(Exchange {
            method,
            target,
            path_template: E::PATH_TEMPLATE,
            headers,
            body,
            request_id,
            retry_safe,
            // A call that carries its own `Authorization` (the wallet's SNAP
            // tokens) is sent as it is, without Pivot's token.
            needs_token: !own_authorization,
            attempt: 0,
            refreshed: false,
            uri: None,
        })
    }

    /// Whether the next attempt needs Pivot's access token.
    pub fn needs_token(&self) -> bool {
        self.needs_token
    }

    /// The call's `X-REQUEST-ID`.
    pub fn request_id(&self) -> Option<&RequestId> {
        self.request_id.as_ref()
    }

    /// Attempts made so far.
    pub fn attempts(&self) -> u32 {
        self.attempt
    }

    /// The path as its page writes it.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The path and query sent.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// Sends another path and query (pagination's next page).
    pub fn set_target(&mut self, target: String) {
        self.target = target;
        self.uri = None;
    }

    /// The next attempt's request to `base_url`, with `token` as its Bearer
    /// (when [`Exchange::needs_token`]). Counts the attempt.
    pub fn request(&mut self, base_url: &str, token: Option<&Token>) -> http::Request<Body> {
        self.attempt += 1;
        let mut request = http::Request::new(Body(self.body.clone()));
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = match &self.uri {
            Some(uri) => uri.clone(),
            None => format!("{base_url}{}", self.target)
                .parse()
                .unwrap_or_else(|_| http::Uri::from_static("/")),
        };
        let headers = request.headers_mut();
        headers.reserve(self.headers.len() + 2);
        for (name, value) in &self.headers {
            headers.append(name.clone(), value.clone());
        }
        let bearer = token
            .filter(|_| self.needs_token)
            .map(|token| http::HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())));
        if let Some(Ok(mut value)) = bearer {
            value.set_sensitive(true);
            headers.insert(http::header::AUTHORIZATION, value);
        }
        let key = self
            .request_id
            .as_ref()
            .map(|key| http::HeaderValue::from_str(key.as_str()));
        if let Some(Ok(value)) = key {
            headers.insert(request_id::HEADER, value);
        }
        request
    }

    /// Whether the base URL and target make a valid URI (checked before the
    /// first attempt, so a bad base URL is a request error, not a retry).
    pub fn check_uri(&mut self, base_url: &str) -> Result<(), Error> {
        let uri = format!("{base_url}{}", self.target)
            .parse::<http::Uri>()
            .map_err(|e| Error::new(ErrorKind::Request, format!("not a valid URL: {e}")))?;
        self.uri = Some(uri);
        Ok(())
    }

    /// What an answer means for the call.
    pub fn on_response(&mut self, response: http::Response<Vec<u8>>, core: &Core) -> Next {
        let status = response.status();
        if status.is_success() {
            return Next::Done(response);
        }
        let policy = core.config.retry;
        match retry::classify(status) {
            Verdict::Unauthorized if self.needs_token && !self.refreshed => {
                self.refreshed = true;
                Next::RefreshToken
            }
            Verdict::Transient if self.retry_safe && self.attempt < policy.max_attempts => {
                let backoff = policy.backoff(self.attempt, &mut **core.random());
                match retry::retry_after(response.headers()) {
                    Some(after) if after > policy.max_delay => {
                        self.fail(Error::status(status, response.into_body()))
                    }
                    Some(after) => Next::Retry(after.max(backoff)),
                    None => Next::Retry(backoff),
                }
            }
            _ => self.fail(Error::status(status, response.into_body())),
        }
    }

    /// What a failed send (no answer) means for the call. `message` must
    /// hold no credential.
    pub fn on_transport_error(&mut self, message: String, core: &Core) -> Next {
        let policy = core.config.retry;
        if self.retry_safe && self.attempt < policy.max_attempts {
            Next::Retry(policy.backoff(self.attempt, &mut **core.random()))
        } else {
            self.fail(Error::new(ErrorKind::Transport, message))
        }
    }

    fn fail(&self, error: Error) -> Next {
        Next::Fail(self.finish(error))
    }

    /// `error` with this call's attempts and request ID.
    pub fn finish(&self, error: Error) -> Error {
        error.with_call(self.attempt, self.request_id.clone())
    }

    /// Reads a success into `T`, or says which member does not fit.
    pub fn read<T: DeserializeOwned>(&self, response: http::Response<Vec<u8>>) -> Result<T, Error> {
        read(response).map_err(|e| self.finish(e))
    }
}

/// Reads a success's body into `T` (an empty body reads as `null`), or
/// names the JSON path of the member that does not fit.
pub fn read<T: DeserializeOwned>(response: http::Response<Vec<u8>>) -> Result<T, Error> {
    let status = response.status();
    let body = response.into_body();
    let text: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &body
    };
    // The plain reader first; the one that tracks paths only to explain a
    // failure (it costs a tenth more on every success).
    if let Ok(value) = serde_json::from_slice(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    serde_path_to_error::deserialize::<_, T>(&mut deserializer)
        .map_err(|e| (e.path().to_string(), e.into_inner()))
        .and_then(|_| deserializer.end().map_err(|e| (".".to_string(), e)))
        .map_err(|(path, e)| Error::decode(status, body.clone(), path, e.to_string()))
        .and_then(|()| {
            Err(Error::decode(
                status,
                body.clone(),
                ".".into(),
                "the body does not fit".into(),
            ))
        })
}
