//! The access token: Pivot's Access Token call, written by hand from the
//! published Authentication page (every models crate may or may not hold
//! that page), and the cache that keeps one token for every call.
//!
//! `POST {base}/v1/access-token` with `X-MERCHANT-ID`, `X-MERCHANT-SECRET`
//! and `{"grantType":"client_credentials"}` answers
//! `{code, message, data: {accessToken, expiresIn: "900", tokenType: "Bearer"}}`;
//! the token goes into `Authorization: Bearer <token>` on every later call.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use pivot_runtime::SecretString;
use serde::Deserialize;

use crate::config::Config;
use crate::error::{Error, ErrorKind};

/// The Access Token call's path.
pub const PATH: &str = "/v1/access-token";

/// A token and when it is to be replaced. `Debug` hides the token.
#[derive(Clone)]
pub struct Token {
    value: SecretString,
    refresh_at: SystemTime,
    expires_at: SystemTime,
}

impl Token {
    /// The token, for the `Authorization` header.
    pub fn expose_secret(&self) -> &str {
        self.value.expose_secret()
    }

    /// When the cache stops handing it out: its expiry less the margin.
    pub fn refresh_at(&self) -> SystemTime {
        self.refresh_at
    }

    /// When Pivot stops accepting it.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("value", &self.value)
            .field("refresh_at", &self.refresh_at)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// The Access Token call for `config`'s merchant.
pub fn request(config: &Config) -> http::Request<Vec<u8>> {
    let mut secret = http::HeaderValue::from_str(config.merchant_secret.expose_secret())
        .unwrap_or_else(|_| http::HeaderValue::from_static(""));
    secret.set_sensitive(true);
    http::Request::builder()
        .method(http::Method::POST)
        .uri(format!("{}{PATH}", config.base_url))
        .header("X-MERCHANT-ID", config.merchant_id.as_str())
        .header("X-MERCHANT-SECRET", secret)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::ACCEPT, "application/json")
        .body(br#"{"grantType":"client_credentials"}"#.to_vec())
        .unwrap_or_else(|_| http::Request::new(Vec::new()))
}

/// Reads the Access Token call's success answer; `asked_at` is when the call
/// was sent (the lifetime counts from then, not from the answer).
pub fn read(body: &[u8], asked_at: SystemTime, margin: Duration) -> Result<Token, Error> {
    #[derive(Deserialize)]
    struct Answer {
        data: Option<Data>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        access_token: Option<SecretString>,
        expires_in: Option<serde_json::Value>,
    }
    let no_token =
        |why: &str| Error::new(ErrorKind::Token, format!("the access token answer {why}"));
    let answer: Answer = serde_json::from_slice(body)
        .map_err(|_| no_token("is not JSON of the documented shape"))?;
    let data = answer.data.ok_or_else(|| no_token("has no `data`"))?;
    let value = data
        .access_token
        .ok_or_else(|| no_token("has no `data.accessToken`"))?;
    // `expiresIn` is text on the page ("900"); a number is read too.
    let seconds = match data.expires_in {
        Some(serde_json::Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        _ => None,
    }
    .ok_or_else(|| no_token("has no whole number of seconds in `data.expiresIn`"))?;
    let lifetime = Duration::from_secs(seconds);
    let margin = margin.min(lifetime / 2);
    Ok(Token {
        value,
        refresh_at: asked_at + lifetime - margin,
        expires_at: asked_at + lifetime,
    })
}

/// One token shared by every call of a client.
#[derive(Default)]
pub(crate) struct TokenCache {
    slot: Mutex<Option<Arc<Token>>>,
}

impl TokenCache {
    /// The cached token, if it is not yet due for refresh at `now`.
    pub(crate) fn fresh(&self, now: SystemTime) -> Option<Arc<Token>> {
        let slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        slot.as_ref().filter(|t| now < t.refresh_at).cloned()
    }

    pub(crate) fn store(&self, token: Token) -> Arc<Token> {
        let token = Arc::new(token);
        *self.slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(token.clone());
        token
    }

    /// Drops `used` after Pivot refused it; a newer token another call
    /// already fetched stays.
    pub(crate) fn invalidate(&self, used: &Arc<Token>) {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.as_ref().is_some_and(|t| Arc::ptr_eq(t, used)) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pages_answer_is_read_with_text_seconds() {
        let body = br#"{"code":"00","message":"Success","data":{"accessToken":"eyJ.a.b","expiresIn":"900","tokenType":"Bearer"}}"#;
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let token = read(body, t0, Duration::from_secs(60)).unwrap();
        assert_eq!(token.expose_secret(), "eyJ.a.b");
        assert_eq!(token.expires_at(), t0 + Duration::from_secs(900));
        assert_eq!(token.refresh_at(), t0 + Duration::from_secs(840));
        assert!(!format!("{token:?}").contains("eyJ"));
    }

    #[test]
    fn a_short_lifetime_keeps_half_of_it() {
        let body = br#"{"data":{"accessToken":"t","expiresIn":60}}"#;
        let t0 = SystemTime::UNIX_EPOCH;
        let token = read(body, t0, Duration::from_secs(60)).unwrap();
        assert_eq!(token.refresh_at(), t0 + Duration::from_secs(30));
    }

    #[test]
    fn an_answer_without_token_or_lifetime_is_an_error() {
        for body in [
            &br#"{"data":{"expiresIn":"900"}}"#[..],
            br#"{"data":{"accessToken":"t"}}"#,
            b"<html>",
        ] {
            let error = read(body, SystemTime::UNIX_EPOCH, Duration::ZERO).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::Token);
        }
    }

    #[test]
    fn the_request_is_the_pages() {
        let config = Config::new("http://h/", "m-1", "s3cr3t");
        let request = request(&config);
        assert_eq!(request.uri(), "http://h/v1/access-token");
        assert_eq!(request.headers()["X-MERCHANT-ID"], "m-1");
        assert_eq!(request.headers()["X-MERCHANT-SECRET"], "s3cr3t");
        assert_eq!(request.body(), br#"{"grantType":"client_credentials"}"#);
        assert!(!format!("{request:?}").contains("s3cr3t"));
    }
}
