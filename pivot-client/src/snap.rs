//! SNAP signatures for the wallet pages (feature `snap`).
//!
//! The wallet pages (`/snap/v1.0/...`, `/wallet-backend/snap/v1.0/...`)
//! follow Bank Indonesia's SNAP standard:
//!
//! - the B2B and B2B2C token calls carry `X-SIGNATURE =
//!   SHA256withRSA(private key, clientId + "|" + X-TIMESTAMP)`
//!   ([`Signer::token_headers`]);
//! - every other wallet call carries `X-SIGNATURE = HMAC_SHA512(clientSecret,
//!   METHOD:path:accessToken:lowercase(hex(SHA256(minified body))):X-TIMESTAMP)`,
//!   with `X-TIMESTAMP`, `X-PARTNER-ID`, `X-EXTERNAL-ID` and `CHANNEL-ID`
//!   ([`Signer::service_headers`]).
//!
//! A wallet page's `Headers` marks `X-SIGNATURE` mandatory, so its `Call`
//! does not build without the value these give.
//!
//! Where the pages are ambiguous, this module chooses, and each choice is
//! a setting of [`SnapConfig`]:
//!
//! - **Timestamp.** The token pages write `yyyy-MMddTHH:mm:ssTZD`, the
//!   wallet pages `yyyy-MM-dd'T'HH:mm:ssXXX`; the first lacks a `-` and
//!   reads as a typo of the second, which SNAP uses. Chosen:
//!   `2025-06-24T16:49:13+07:00`, in UTC+07:00 (Jakarta) by default
//!   ([`SnapConfig::utc_offset_minutes`]).
//! - **Encoding.** The pages do not say hex or base64. SNAP sends both
//!   signatures in base64: chosen by default, hex on request
//!   ([`Encoding`]). The body hash inside the string to sign is lowercase
//!   hex, as the pages write.
//! - **Path.** The pages' URLs include `/wallet-backend`, SNAP's
//!   `EndpointUrl` is the path the request is sent to: chosen, the path as
//!   sent, `/wallet-backend` included; [`SignedPath::StripPrefix`] signs
//!   without a prefix.
//!
//! RSA signing is ring's (constant-time, blinded), not the `rsa` crate's,
//! which RUSTSEC-2023-0071 (the Marvin timing attack) flags with no fixed
//! release.

use std::fmt;
use std::time::SystemTime;

use base64::Engine;
use pivot_runtime::SecretString;
use ring::signature::RsaKeyPair;
use sha2::{Digest, Sha256};

use crate::clock::Random;

/// How a signature's bytes are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Standard base64 with padding (SNAP's).
    #[default]
    Base64,
    /// Lowercase hex.
    Hex,
}

/// Which path a wallet call's signature covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SignedPath {
    /// The path as sent, `/wallet-backend` included.
    #[default]
    AsSent,
    /// The path without this prefix (`/wallet-backend`), when it starts
    /// with it.
    StripPrefix(String),
}

/// A wallet merchant's SNAP credentials and the choices above. `Debug`
/// shows no secret or key.
pub struct SnapConfig {
    client_id: String,
    client_secret: SecretString,
    private_key: Option<RsaKeyPair>,
    partner_id: String,
    channel_id: String,
    encoding: Encoding,
    utc_offset_minutes: i32,
    signed_path: SignedPath,
}

impl fmt::Debug for SnapConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SnapConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "[REDACTED]"),
            )
            .field("partner_id", &self.partner_id)
            .field("channel_id", &self.channel_id)
            .field("encoding", &self.encoding)
            .field("utc_offset_minutes", &self.utc_offset_minutes)
            .field("signed_path", &self.signed_path)
            .finish()
    }
}

/// Why a key or body could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapError {
    /// The private key is not a PEM PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1
    /// (`BEGIN RSA PRIVATE KEY`) RSA key ring accepts (2048 bits or more).
    Key(String),
    /// No private key was given, and a token call needs one.
    NoKey,
    /// The body is not JSON, so it cannot be minified.
    Body(String),
    /// Signing failed.
    Sign,
}

impl fmt::Display for SnapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapError::Key(why) => write!(f, "the private key cannot be used: {why}"),
            SnapError::NoKey => f.write_str("a SNAP token call needs the private key"),
            SnapError::Body(why) => write!(f, "the body cannot be minified: {why}"),
            SnapError::Sign => f.write_str("signing failed"),
        }
    }
}

impl std::error::Error for SnapError {}

impl SnapConfig {
    /// Credentials for the wallet calls: client ID (`X-CLIENT-KEY`), client
    /// secret (the HMAC key), partner ID (`X-PARTNER-ID`) and channel ID
    /// (`CHANNEL-ID`); no private key yet.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        partner_id: impl Into<String>,
        channel_id: impl Into<String>,
    ) -> Self {
        SnapConfig {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            private_key: None,
            partner_id: partner_id.into(),
            channel_id: channel_id.into(),
            encoding: Encoding::Base64,
            utc_offset_minutes: 7 * 60,
            signed_path: SignedPath::AsSent,
        }
    }

    /// The RSA private key the token calls are signed with, as PEM.
    pub fn private_key_pem(mut self, pem: &str) -> Result<Self, SnapError> {
        let (label, der) = pem_der(pem)?;
        let key = match label.as_str() {
            "PRIVATE KEY" => RsaKeyPair::from_pkcs8(&der),
            "RSA PRIVATE KEY" => RsaKeyPair::from_der(&der),
            other => {
                return Err(SnapError::Key(format!(
                    "a PEM `{other}` block is no RSA private key"
                )));
            }
        }
        .map_err(|e| SnapError::Key(e.to_string()))?;
        self.private_key = Some(key);
        Ok(self)
    }

    /// How signatures are written (base64 by default).
    pub fn encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The time zone of `X-TIMESTAMP`, in minutes east of UTC (+420 by
    /// default: Jakarta).
    pub fn utc_offset_minutes(mut self, minutes: i32) -> Self {
        self.utc_offset_minutes = minutes;
        self
    }

    /// Which path a wallet call's signature covers.
    pub fn signed_path(mut self, signed_path: SignedPath) -> Self {
        self.signed_path = signed_path;
        self
    }
}

/// The headers of a B2B or B2B2C token call.
#[derive(Debug, Clone)]
pub struct TokenHeaders {
    /// `X-TIMESTAMP`.
    pub timestamp: String,
    /// `X-CLIENT-KEY`.
    pub client_key: String,
    /// `X-SIGNATURE`.
    pub signature: SecretString,
}

/// The headers of a wallet call.
#[derive(Debug, Clone)]
pub struct ServiceHeaders {
    /// `X-TIMESTAMP`.
    pub timestamp: String,
    /// `X-SIGNATURE`.
    pub signature: SecretString,
    /// `X-PARTNER-ID`.
    pub partner_id: String,
    /// `X-EXTERNAL-ID`: unique per request, 32 digits.
    pub external_id: String,
    /// `CHANNEL-ID`.
    pub channel_id: String,
}

/// Signs wallet calls with a [`SnapConfig`].
#[derive(Debug)]
pub struct Signer {
    config: SnapConfig,
}

impl Signer {
    /// A signer.
    pub fn new(config: SnapConfig) -> Self {
        Signer { config }
    }

    /// `X-TIMESTAMP` for `now`.
    pub fn timestamp(&self, now: SystemTime) -> String {
        timestamp(now, self.config.utc_offset_minutes)
    }

    /// The headers of a token call at `now`.
    pub fn token_headers(&self, now: SystemTime) -> Result<TokenHeaders, SnapError> {
        let timestamp = self.timestamp(now);
        let signature = self.token_signature(&timestamp)?;
        Ok(TokenHeaders {
            timestamp,
            client_key: self.config.client_id.clone(),
            signature,
        })
    }

    /// `SHA256withRSA(key, clientId|timestamp)`, encoded.
    pub fn token_signature(&self, timestamp: &str) -> Result<SecretString, SnapError> {
        let key = self.config.private_key.as_ref().ok_or(SnapError::NoKey)?;
        let message = format!("{}|{timestamp}", self.config.client_id);
        let mut signature = vec![0; key.public().modulus_len()];
        key.sign(
            &ring::signature::RSA_PKCS1_SHA256,
            &ring::rand::SystemRandom::new(),
            message.as_bytes(),
            &mut signature,
        )
        .map_err(|_| SnapError::Sign)?;
        Ok(self.encode(&signature).into())
    }

    /// The headers of a wallet call: `method` and the `path` it is sent to
    /// (query included, if any), the B2B `access_token`, the JSON `body`
    /// exactly as it will be sent, at `now`; `random` draws the external ID.
    pub fn service_headers(
        &self,
        method: &str,
        path: &str,
        access_token: &str,
        body: &[u8],
        now: SystemTime,
        random: &mut dyn Random,
    ) -> Result<ServiceHeaders, SnapError> {
        let timestamp = self.timestamp(now);
        let signature = self.service_signature(method, path, access_token, body, &timestamp)?;
        let external_id: String = (0..2)
            .map(|_| format!("{:016}", random.next_u64() % 10_000_000_000_000_000))
            .collect();
        Ok(ServiceHeaders {
            timestamp,
            signature,
            partner_id: self.config.partner_id.clone(),
            external_id,
            channel_id: self.config.channel_id.clone(),
        })
    }

    /// The string a wallet call's signature covers.
    pub fn service_string_to_sign(
        &self,
        method: &str,
        path: &str,
        access_token: &str,
        body: &[u8],
        timestamp: &str,
    ) -> Result<String, SnapError> {
        let path = match &self.config.signed_path {
            SignedPath::AsSent => path,
            SignedPath::StripPrefix(prefix) => path.strip_prefix(prefix.as_str()).unwrap_or(path),
        };
        let minified = minify(body)?;
        let hash: String = Sha256::digest(&minified)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(format!(
            "{}:{path}:{access_token}:{hash}:{timestamp}",
            method.to_ascii_uppercase()
        ))
    }

    /// `HMAC_SHA512(clientSecret, string to sign)`, encoded.
    pub fn service_signature(
        &self,
        method: &str,
        path: &str,
        access_token: &str,
        body: &[u8],
        timestamp: &str,
    ) -> Result<SecretString, SnapError> {
        let message = self.service_string_to_sign(method, path, access_token, body, timestamp)?;
        let key = ring::hmac::Key::new(
            ring::hmac::HMAC_SHA512,
            self.config.client_secret.expose_secret().as_bytes(),
        );
        let tag = ring::hmac::sign(&key, message.as_bytes());
        Ok(self.encode(tag.as_ref()).into())
    }

    fn encode(&self, bytes: &[u8]) -> String {
        match self.config.encoding {
            Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(bytes),
            Encoding::Hex => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// `yyyy-MM-ddTHH:mm:ss+hh:mm` for `time` at `offset_minutes` east of UTC.
pub fn timestamp(time: SystemTime, offset_minutes: i32) -> String {
    let seconds = match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    } + i64::from(offset_minutes) * 60;
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let offset = offset_minutes.unsigned_abs();
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60,
        offset / 60,
        offset % 60
    )
}

/// The proleptic Gregorian date of a day count from 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The JSON body without whitespace between tokens, members in the order
/// written (a `serde_json::Value` would sort them). An empty body is empty.
pub fn minify(body: &[u8]) -> Result<Vec<u8>, SnapError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    serde_json::from_slice::<serde::de::IgnoredAny>(body)
        .map_err(|e| SnapError::Body(e.to_string()))?;
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &byte in body {
        if in_string {
            out.push(byte);
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
            out.push(byte);
        } else if !byte.is_ascii_whitespace() {
            out.push(byte);
        }
    }
    Ok(out)
}

/// The label and bytes of the first PEM block.
fn pem_der(pem: &str) -> Result<(String, Vec<u8>), SnapError> {
    let begin = pem
        .find("-----BEGIN ")
        .ok_or_else(|| SnapError::Key("no PEM `-----BEGIN` line".into()))?;
    let rest = &pem[begin + 11..];
    let label_end = rest
        .find("-----")
        .ok_or_else(|| SnapError::Key("an unterminated PEM label".into()))?;
    let label = rest[..label_end].to_string();
    let body = &rest[label_end + 5..];
    let end = body
        .find("-----END ")
        .ok_or_else(|| SnapError::Key("no PEM `-----END` line".into()))?;
    let text: String = body[..end].chars().filter(|c| !c.is_whitespace()).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| SnapError::Key("the PEM body is not base64".into()))?;
    Ok((label, der))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_written_in_the_offset() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_750_758_553);
        assert_eq!(timestamp(t, 420), "2025-06-24T16:49:13+07:00");
        assert_eq!(timestamp(t, 0), "2025-06-24T09:49:13+00:00");
        assert_eq!(timestamp(t, -330), "2025-06-24T04:19:13-05:30");
        assert_eq!(
            timestamp(SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400), 0),
            "2000-02-29T00:00:00+00:00"
        );
    }

    #[test]
    fn minify_keeps_order_and_strings() {
        let body = b"{ \"b\": 1,\n  \"a\": \"x y \\\" z\" , \"c\": [ 1 , 2 ] }";
        assert_eq!(
            minify(body).unwrap(),
            br#"{"b":1,"a":"x y \" z","c":[1,2]}"#
        );
        assert!(minify(b"{oops").is_err());
        assert_eq!(minify(b"  ").unwrap(), b"");
    }
}
