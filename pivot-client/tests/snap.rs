//! SNAP signatures against known answers from `openssl dgst` on the test
//! key `tests/snap/test_key.pem`; `tests/snap/known_answers.sh` prints
//! them again.

use std::time::{Duration, SystemTime};

use pivot_client::clock::SeededRandom;
use pivot_client::snap::{Encoding, SignedPath, Signer, SnapConfig, SnapError};

const KEY: &str = include_str!("snap/test_key.pem");
const NOW: u64 = 1_750_758_553; // 2025-06-24T16:49:13+07:00
const TIMESTAMP: &str = "2025-06-24T16:49:13+07:00";

/// `printf '%s' 'client-7f3a|2025-06-24T16:49:13+07:00' | openssl dgst -sha256 -sign test_key.pem | base64 -w0`
const TOKEN_SIGNATURE: &str = "o3J//DKkN9BRIBryJ8xROP+s8dLhalPY4J6XEL3zLnf64kiJ2I0iBMjbjVplzhuMboNlsZy6cLpNH26tf+DU4UrU7D4UdKcUgJlPCOYcu/ccqc5xoL4u2vgQdeRJ6jNd18qDUxU5cdLsoUFf2IydRxhTyu6oulwl/XyzQEMs227sQzTNNGQQQrb51ESotppouPPJImhPR1+MLBvCkb6Yfkg+nLilAC04YTJzaGthsVmzQN9+49u0C6rLdhAx1ZM+1wVlFc6ZqGJkZ2XU3AFhW7itPr+MRyt6KE60zV4WSt0VVRdNv9B4zv+mes4u/y2cBCdlKVNaSRjMAXaL1k1tNw==";

/// `openssl dgst -sha512 -hmac wallet-secret-456` of
/// `POST:/wallet-backend/snap/v1.0/balance-inquiry:b2b-token-123:<sha256 hex of the minified body>:2025-06-24T16:49:13+07:00`.
const SERVICE_SIGNATURE_BASE64: &str =
    "JIwrjr0moTwIf+EkrX5fi9S9fpr5zXPybDzuP3nZ7Hlpv6cBkgjVCGMRk+TwRH3riTNdsydTkqNN5U3KZC1aoQ==";
const SERVICE_SIGNATURE_HEX: &str = "248c2b8ebd26a13c087fe124ad7e5f8bd4bd7e9af9cd73f26c3cee3f79d9ec7969bfa7019208d508631193e4f0447deb89335db3275392a34de54dca642d5aa1";

/// The body as a program might write it: whitespace the signature ignores.
const BODY: &str =
    "{\n  \"partnerReferenceNo\": \"2025062416491300001\",\n  \"additionalInfo\": {}\n}";
const PATH: &str = "/wallet-backend/snap/v1.0/balance-inquiry";

fn config() -> SnapConfig {
    SnapConfig::new("client-7f3a", "wallet-secret-456", "partner-1", "12345")
        .private_key_pem(KEY)
        .expect("the test key")
}

fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
}

#[test]
fn the_token_signature_is_openssls() {
    let headers = Signer::new(config()).token_headers(now()).unwrap();
    assert_eq!(headers.timestamp, TIMESTAMP);
    assert_eq!(headers.client_key, "client-7f3a");
    assert_eq!(headers.signature.expose_secret(), TOKEN_SIGNATURE);
}

#[test]
fn the_service_signature_is_openssls_in_base64_and_hex() {
    let signer = Signer::new(config());
    let headers = signer
        .service_headers(
            "POST",
            PATH,
            "b2b-token-123",
            BODY.as_bytes(),
            now(),
            &mut SeededRandom::new(1),
        )
        .unwrap();
    assert_eq!(headers.timestamp, TIMESTAMP);
    assert_eq!(headers.signature.expose_secret(), SERVICE_SIGNATURE_BASE64);
    assert_eq!(
        (headers.partner_id.as_str(), headers.channel_id.as_str()),
        ("partner-1", "12345")
    );
    assert_eq!(headers.external_id.len(), 32);
    assert!(headers.external_id.bytes().all(|b| b.is_ascii_digit()));

    let hex = Signer::new(config().encoding(Encoding::Hex));
    let signature = hex
        .service_signature("post", PATH, "b2b-token-123", BODY.as_bytes(), TIMESTAMP)
        .unwrap();
    assert_eq!(signature.expose_secret(), SERVICE_SIGNATURE_HEX);
}

#[test]
fn the_signed_path_is_configurable() {
    let stripped =
        Signer::new(config().signed_path(SignedPath::StripPrefix("/wallet-backend".into())));
    let text = stripped
        .service_string_to_sign("POST", PATH, "t", b"{}", TIMESTAMP)
        .unwrap();
    assert!(
        text.starts_with("POST:/snap/v1.0/balance-inquiry:t:"),
        "{text}"
    );
    // SHA-256 of `{}`.
    assert!(
        text.contains(":44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a:"),
        "{text}"
    );
    let as_sent = Signer::new(config())
        .service_string_to_sign("POST", PATH, "t", b"{}", TIMESTAMP)
        .unwrap();
    assert!(
        as_sent.starts_with("POST:/wallet-backend/snap/"),
        "{as_sent}"
    );
}

#[test]
fn keys_and_bodies_that_cannot_be_used_are_errors() {
    let bare = SnapConfig::new("c", "s", "p", "1");
    assert_eq!(
        Signer::new(bare).token_signature(TIMESTAMP).unwrap_err(),
        SnapError::NoKey
    );
    assert!(matches!(
        SnapConfig::new("c", "s", "p", "1").private_key_pem("not a key"),
        Err(SnapError::Key(_))
    ));
    let body_error =
        Signer::new(config()).service_signature("POST", PATH, "t", b"{broken", TIMESTAMP);
    assert!(matches!(body_error, Err(SnapError::Body(_))));
}

#[test]
fn debug_shows_neither_secret_nor_key() {
    let signer = Signer::new(config());
    let headers = signer.token_headers(now()).unwrap();
    let shown = format!("{signer:?} {headers:?}");
    assert!(!shown.contains("wallet-secret-456"), "{shown}");
    assert!(!shown.contains(&TOKEN_SIGNATURE[..20]), "{shown}");
    assert!(!shown.contains("MII"), "{shown}");
}
