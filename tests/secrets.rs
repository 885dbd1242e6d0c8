//! Credentials in the models: the made-up pages of `tests/secrets/` (shaped
//! like the Authentication, wallet token and payment session pages) hold
//! tokens, an encryption key, a password, credential headers, a card's
//! number and security code, and a payment URL carrying a token. `Debug`
//! must show none of them, the wire form must not change, the builders take
//! plain text, and error messages never quote a secret.
//!
//! Presence follows the documentation: a response member no table marks
//! mandatory is an `Option`, so most secrets here are `Option<SecretString>`;
//! `renew_token`'s request table makes `refreshToken` a required one.

mod models {
    pivot_macros::models!("../tests/secrets");
}

use models::SecretString;
use models::{card_session, issue_token, renew_token};
use serde_json::Value;

/// Every secret value of every example, as the pages write them.
const SECRETS: &[&str] = &[
    "tkA9.qZ7rW2mXv4LpN8sD3fGh6.Jk1Yt5Ue0Ob",
    "rfQ3-Wz8Kp2Lm6Nb9Vc4Xd7",
    "acT5-Hy2Gu8Jf3Kd6Ls9Pq1",
    "rfN7-Bv3Cx6Zq9Wr2Et5Yu8",
    "tok_Mq81Zr5Xw3Ty7Hb2",
    "481516",
    "Ek9Rf2Tg6Yh1Uj5Ik8Ol3Pz7",
    "spm_Ab3Cd5Ef7Gh9",
    "spm_Jk2Lm4No6Pq8",
    // The card number, less the last of the four digits a receipt shows
    // (`last4`, not a secret).
    "492911000000666",
    "pt_Zx9Yw8Vu7Ts6",
];

/// Values of the same pages that are not secrets: `Debug` still shows them,
/// so the test below cannot pass by printing nothing.
const NOT_SECRETS: &[&str] = &[
    "600",
    "Bearer",
    "bind-5521",
    "2030-01-02T03:04:05+07:00",
    "kid-2030-01",
    "HMAC-SHA256",
    "pk-4b2c-public",
    "https://merchant.example.com/done?order=77",
    "6666",
    "sess-7f3a",
];

/// Every run of at least 4 characters of `secret`.
fn pieces(secret: &str) -> Vec<&str> {
    let bounds: Vec<usize> = secret
        .char_indices()
        .map(|(i, _)| i)
        .chain([secret.len()])
        .collect();
    let mut out = Vec::new();
    for a in 0..bounds.len() {
        for b in a + 4..bounds.len() {
            out.push(&secret[bounds[a]..bounds[b]]);
        }
    }
    out
}

fn assert_hides_secrets(debug: &str) {
    for secret in SECRETS {
        for piece in pieces(secret) {
            assert!(
                !debug.contains(piece),
                "`{piece}` of a secret is in the Debug output:\n{debug}"
            );
        }
    }
}

/// Every `Debug` form of every example: `{:?}` and `{:#?}`.
fn debug_of_every_example() -> Vec<(String, String)> {
    fn both<T: std::fmt::Debug>(value: &T) -> String {
        format!("{value:?}\n{value:#?}")
    }
    fn read<T: serde::de::DeserializeOwned>(json: &str) -> T {
        serde_json::from_str(json).expect("the page's example reads")
    }
    vec![
        (
            "issue_token response".to_string(),
            both(&read::<issue_token::Response>(
                issue_token::RESPONSE_EXAMPLE,
            )),
        ),
        (
            "renew_token request".to_string(),
            both(&read::<renew_token::Request>(renew_token::REQUEST_EXAMPLE)),
        ),
        (
            "renew_token response".to_string(),
            both(&read::<renew_token::Response>(
                renew_token::RESPONSE_EXAMPLE,
            )),
        ),
        (
            "card_session request".to_string(),
            both(&read::<card_session::Request>(
                card_session::REQUEST_EXAMPLE,
            )),
        ),
        (
            "card_session response".to_string(),
            both(&read::<card_session::Response>(
                card_session::RESPONSE_EXAMPLE,
            )),
        ),
    ]
}

#[test]
fn pieces_are_every_run_of_four_or_more() {
    assert_eq!(pieces("abcde"), ["abcd", "abcde", "bcde"]);
    assert_eq!(pieces("abc"), Vec::<&str>::new());
}

#[test]
fn debug_shows_no_part_of_any_secret() {
    let all: String = debug_of_every_example()
        .into_iter()
        .map(|(name, debug)| {
            assert_hides_secrets(&debug);
            assert!(
                debug.contains("SecretString([REDACTED])"),
                "{name}: {debug}"
            );
            debug
        })
        .collect();
    for value in NOT_SECRETS {
        assert!(all.contains(value), "`{value}` is not a secret, yet hidden");
    }
    // Too short for the pieces above: the card's security code.
    assert!(
        !all.contains("735"),
        "the CVC is in the Debug output:\n{all}"
    );
}

#[test]
fn a_failed_assert_eq_shows_no_secret() {
    let a: issue_token::Response = serde_json::from_str(issue_token::RESPONSE_EXAMPLE).unwrap();
    let mut b = a.clone();
    b.data.as_mut().expect("data").access_token = Some(SecretString::from("another-token-value"));
    assert_ne!(a, b);
    let message = std::panic::catch_unwind(|| assert_eq!(a, b))
        .expect_err("the two differ")
        .downcast::<String>()
        .map(|s| *s)
        .unwrap_or_default();
    assert!(message.contains("SecretString([REDACTED])"), "{message}");
    assert_hides_secrets(&message);
    assert!(!message.contains("another"), "{message}");
}

/// `json` with the whitespace between tokens removed, strings untouched.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn the_wire_form_is_unchanged() {
    fn same_bytes<T>(name: &str, json: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize,
    {
        let value: T = serde_json::from_str(json).expect("reads");
        let original: Value = serde_json::from_str(json).expect("strict JSON");
        assert_eq!(
            serde_json::to_value(&value).expect("writes"),
            original,
            "{name}"
        );
        assert_eq!(
            serde_json::to_string(&value).expect("writes"),
            compact(json),
            "{name}"
        );
        assert_eq!(
            serde_json::to_string_pretty(&value).expect("writes"),
            json,
            "{name}"
        );
    }
    same_bytes::<issue_token::Request>("issue_token request", issue_token::REQUEST_EXAMPLE);
    same_bytes::<issue_token::Response>("issue_token response", issue_token::RESPONSE_EXAMPLE);
    same_bytes::<renew_token::Request>("renew_token request", renew_token::REQUEST_EXAMPLE);
    same_bytes::<renew_token::Response>("renew_token response", renew_token::RESPONSE_EXAMPLE);
    same_bytes::<card_session::Request>("card_session request", card_session::REQUEST_EXAMPLE);
    same_bytes::<card_session::Response>("card_session response", card_session::RESPONSE_EXAMPLE);
}

#[test]
fn reading_a_secret_takes_expose_secret() {
    fn exposed(secret: &Option<SecretString>) -> Option<&str> {
        secret.as_ref().map(SecretString::expose_secret)
    }
    let response: issue_token::Response =
        serde_json::from_str(issue_token::RESPONSE_EXAMPLE).unwrap();
    let data = response.data.as_ref().expect("data");
    assert_eq!(
        exposed(&data.access_token),
        Some("tkA9.qZ7rW2mXv4LpN8sD3fGh6.Jk1Yt5Ue0Ob")
    );
    // The fields around it are plain text: the rule does not over-reach.
    let plain: (&Option<String>, &Option<String>) = (&data.token_type, &data.expires_in);
    assert_eq!(
        plain,
        (&Some("Bearer".to_string()), &Some("600".to_string()))
    );

    let renewed: renew_token::Response =
        serde_json::from_str(renew_token::RESPONSE_EXAMPLE).unwrap();
    assert_eq!(
        [&renewed.access_token, &renewed.refresh_token].map(exposed),
        [
            Some("acT5-Hy2Gu8Jf3Kd6Ls9Pq1"),
            Some("rfN7-Bv3Cx6Zq9Wr2Et5Yu8")
        ]
    );
    let _: &Option<String> = &renewed.access_token_expiry_time;
    let _: &Option<String> = &renewed.refresh_token_expiry_time;
    let request: renew_token::Request = serde_json::from_str(renew_token::REQUEST_EXAMPLE).unwrap();
    // Mandatory in the page's table: no `Option`.
    let refresh: &SecretString = &request.refresh_token;
    assert_eq!(refresh.expose_secret(), "rfQ3-Wz8Kp2Lm6Nb9Vc4Xd7");

    let session: card_session::Response =
        serde_json::from_str(card_session::RESPONSE_EXAMPLE).unwrap();
    let data = session.data.as_ref().expect("data");
    let key: &Option<SecretString> = &data.encryption_key;
    assert_eq!(exposed(key), Some("Ek9Rf2Tg6Yh1Uj5Ik8Ol3Pz7"));
    let _: &Option<String> = &data.public_key;
    let tokens: Vec<Option<&str>> = data
        .customer
        .iter()
        .flat_map(|c| c.stored_payment_methods.iter().flatten())
        .map(|m| exposed(&m.token))
        .collect();
    assert_eq!(tokens, [Some("spm_Ab3Cd5Ef7Gh9"), Some("spm_Jk2Lm4No6Pq8")]);

    let request: card_session::Request =
        serde_json::from_str(card_session::REQUEST_EXAMPLE).unwrap();
    // `otp` is a secret by its description ("One-time password ...").
    assert_eq!(exposed(&request.otp), Some("481516"));
    let _: &Option<String> = &request.signature_method;
    let card = request
        .payment_method
        .as_ref()
        .and_then(|p| p.card.as_ref())
        .expect("card");
    let _: &Option<String> = &card.key_id;
}

#[test]
fn credential_headers_are_secrets_and_the_others_are_not() {
    let headers = issue_token::Headers::builder()
        .x_merchant_id("merchant-0042")
        .x_merchant_secret("ms_Qw7Er4Ty1Ui8Op5")
        .build();
    let _: &String = &headers.x_merchant_id;
    let _: &SecretString = &headers.x_merchant_secret;
    let debug = format!("{headers:?}");
    assert!(!debug.contains("Qw7E"), "{debug}");
    assert!(debug.contains("merchant-0042"), "{debug}");
    // What an HTTP client sends: the value itself.
    assert_eq!(
        headers.pairs(),
        [
            ("X-MERCHANT-ID", "merchant-0042"),
            ("X-MERCHANT-SECRET", "ms_Qw7Er4Ty1Ui8Op5")
        ]
    );

    let headers = renew_token::Headers::builder()
        .x_timestamp("2030-01-02T03:04:05+07:00")
        .x_signature(String::from("sig-Zx9Cv8Bn7Mm6"))
        .build();
    let _: &String = &headers.x_timestamp;
    let _: &SecretString = &headers.x_signature;
    let call = renew_token::Call::builder()
        .headers(headers)
        .body(
            renew_token::Request::builder()
                .grant_type("refresh_token")
                .auth_code("bind-1")
                .refresh_token("rf-call-0001")
                .build(),
        )
        .build();
    let debug = format!("{call:?} {call:#?}");
    for hidden in ["Zx9C", "rf-call"] {
        assert!(!debug.contains(hidden), "{debug}");
    }
    assert!(debug.contains("2030-01-02T03:04:05+07:00"), "{debug}");
}

#[test]
fn builders_take_secrets_as_plain_text() {
    let token = String::from("built-token-0001");
    let data = issue_token::Data::builder()
        .access_token(token.clone())
        .expires_in("600")
        .token_type("Bearer")
        .build();
    assert_eq!(
        data.access_token.as_ref().map(SecretString::expose_secret),
        Some(token.as_str())
    );

    let request = renew_token::Request::builder()
        .grant_type("refresh_token")
        .auth_code("bind-1")
        .refresh_token("refresh-from-a-str")
        .build();
    assert_eq!(request.refresh_token.expose_secret(), "refresh-from-a-str");

    let card = card_session::Card::builder()
        .token("tok_from_builder")
        .build();
    assert_eq!(
        card.token.as_ref().map(SecretString::expose_secret),
        Some("tok_from_builder")
    );
    let card = card_session::Card::builder()
        .token(Some(SecretString::from("tok_maybe_0001")))
        .build();
    assert_eq!(
        card.token.as_ref().map(SecretString::expose_secret),
        Some("tok_maybe_0001")
    );
    assert_eq!(
        serde_json::to_string(&card).unwrap(),
        r#"{"token":"tok_maybe_0001"}"#
    );
}

#[test]
fn secrets_compare_by_value() {
    let a = SecretString::from("same-value");
    assert_eq!(a, SecretString::new("same-value".to_string()));
    assert_ne!(a, SecretString::from("same-valuE"));
    assert_ne!(a, SecretString::from("same-value-longer"));
    assert_ne!(SecretString::from(""), a);
    assert_eq!(a.clone(), a);
    assert_eq!(format!("{a:?}"), "SecretString([REDACTED])");
}

#[test]
fn a_secret_that_is_not_a_string_is_refused_without_quoting_it() {
    let mut body: Value = serde_json::from_str(issue_token::RESPONSE_EXAMPLE).unwrap();
    for (bad, shown) in [
        (serde_json::json!(73_919_284_617_u64), "73919284617"),
        (serde_json::json!(-5512.25), "5512"),
        (serde_json::json!(true), "true"),
    ] {
        body["data"]["accessToken"] = bad;
        let text = body.to_string();
        let err = pivot_models::from_json::<issue_token::Response>(&text)
            .map(|_| ())
            .expect_err("a secret is a string");
        assert_eq!(err.path(), "data.accessToken");
        let message = err.to_string();
        assert!(!message.contains(shown), "{message}");
        assert!(message.contains("not shown"), "{message}");
        // From a `Value` (serde_json's other deserializer) as well.
        let err = serde_json::from_value::<issue_token::Response>(body.clone())
            .map(|_| ())
            .expect_err("a secret is a string");
        assert!(!err.to_string().contains(shown), "{err}");
    }
}

#[test]
fn validate_names_the_secret_and_the_rule_never_the_value() {
    let mut request: card_session::Request =
        serde_json::from_str(card_session::REQUEST_EXAMPLE).unwrap();
    assert_eq!(
        request.validate(),
        Ok(()),
        "the page's own example is valid"
    );
    // The page limits the card token to 10-40 characters.
    let short = "tok-ZZ9";
    let card = request
        .payment_method
        .as_mut()
        .and_then(|p| p.card.as_mut())
        .expect("card");
    card.token = Some(SecretString::from(short));
    let errors = request.validate().expect_err("too short");
    let violations = errors.violations();
    assert_eq!(violations.len(), 1, "{errors}");
    assert_eq!(violations[0].path, "paymentMethod.card.token");
    assert_eq!(violations[0].rule, models::Rule::Chars { min: 10, max: 40 });
    for shown in [errors.to_string(), format!("{errors:?}")] {
        assert!(!shown.contains(short), "{shown}");
        assert!(shown.contains("paymentMethod.card.token"), "{shown}");
    }
}
