//! [`Config`]: where Pivot is, who calls it, how long to wait, how to retry.

use std::fmt;
use std::time::Duration;

use pivot_runtime::SecretString;

use crate::retry::RetryPolicy;

/// The staging host the published pages show (`payment_simulation`); the
/// pages name no production host, so there is no default base URL.
pub const STAGING_BASE_URL: &str = "https://api-stg.pivot-payment.com";

/// The environment variables [`Config::from_env`] reads.
pub const ENV_BASE_URL: &str = "PIVOT_BASE_URL";
/// The merchant ID's variable.
pub const ENV_MERCHANT_ID: &str = "PIVOT_MERCHANT_ID";
/// The merchant secret's variable.
pub const ENV_MERCHANT_SECRET: &str = "PIVOT_MERCHANT_SECRET";

/// What a client needs to call Pivot. `Debug` never shows the secret.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) base_url: String,
    pub(crate) merchant_id: String,
    pub(crate) merchant_secret: SecretString,
    pub(crate) timeout: Duration,
    pub(crate) token_margin: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) idempotent_routes: Vec<(String, String)>,
}

/// The calls that carry an `X-REQUEST-ID` without being asked, as Pivot's
/// Idempotency page names them: creating a payment or a payout.
pub const IDEMPOTENT_ROUTES: &[(&str, &str)] = &[
    ("POST", "/v2/payments"),
    ("POST", "/v1/payouts"),
    ("POST", "/xb/payouts"),
];

impl Config {
    /// A configuration for `base_url` (`https://...`, no trailing `/`
    /// needed) and the merchant's credentials, with the defaults: 30 s per
    /// attempt, a token refreshed 60 s before it expires, [`RetryPolicy::default`].
    pub fn new(
        base_url: impl Into<String>,
        merchant_id: impl Into<String>,
        merchant_secret: impl Into<SecretString>,
    ) -> Self {
        Config {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            merchant_id: merchant_id.into(),
            merchant_secret: merchant_secret.into(),
            timeout: Duration::from_secs(30),
            token_margin: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            idempotent_routes: IDEMPOTENT_ROUTES
                .iter()
                .map(|(m, p)| (m.to_string(), p.to_string()))
                .collect(),
        }
    }

    /// From `PIVOT_BASE_URL`, `PIVOT_MERCHANT_ID` and `PIVOT_MERCHANT_SECRET`.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// As [`Config::from_env`], reading each variable through `lookup`
    /// (tests, or a secrets store).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &'static str| {
            lookup(name)
                .filter(|v| !v.trim().is_empty())
                .ok_or(ConfigError::Missing(name))
        };
        Ok(Config::new(
            get(ENV_BASE_URL)?,
            get(ENV_MERCHANT_ID)?,
            get(ENV_MERCHANT_SECRET)?,
        ))
    }

    /// The time one attempt may take, connection to last byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long before its expiry a token is replaced (at most half its
    /// lifetime is taken off).
    pub fn token_margin(mut self, margin: Duration) -> Self {
        self.token_margin = margin;
        self
    }

    /// How failed attempts are retried.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Adds a route (method, path template as its page writes it) whose
    /// calls get an `X-REQUEST-ID` without being asked.
    pub fn idempotent_route(mut self, method: &str, path_template: &str) -> Self {
        self.idempotent_routes
            .push((method.to_string(), path_template.to_string()));
        self
    }

    /// The base URL, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The merchant ID (not a secret: the pages send it beside the secret).
    pub fn merchant_id(&self) -> &str {
        &self.merchant_id
    }

    pub(crate) fn is_idempotent_route(&self, method: &str, path_template: &str) -> bool {
        self.idempotent_routes
            .iter()
            .any(|(m, p)| m.eq_ignore_ascii_case(method) && p == path_template)
    }
}

/// Why a configuration could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The variable is unset or empty.
    Missing(&'static str),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Missing(name) => write!(f, "`{name}` is not set"),
        }
    }
}

impl std::error::Error for ConfigError {}
