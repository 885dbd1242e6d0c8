//! Which fields carry credentials: the one rule that turns a text field into
//! the support code's `SecretString`, whose `Debug` never shows the value.
//!
//! The rule reads the key and, when a table row documents the field, the
//! row's description. The key is split into words (`accessToken` ->
//! `access`, `token`; `X-MERCHANT-SECRET` -> `x`, `merchant`, `secret`) and
//! its last word names what the value is:
//!
//! 1. the last word describes a credential rather than being one (`type`,
//!    `id`, `expiry`, `time`, `in`, `method`, `url`, ... see [`DESCRIBES`]):
//!    never a secret, whatever the description says (`tokenType`,
//!    `expiresIn`, `accessTokenExpiryTime`, `keyId`, `signatureMethod`);
//! 2. the last word is `token`, `secret`, `password`, `passphrase`,
//!    `signature`, `credential(s)` or `authorization` (the header that
//!    carries `Bearer <token>`): a secret, except a token that only
//!    pages or deduplicates (`pageToken`, `nextPageToken`,
//!    `continuationToken`, `idempotencyToken`);
//! 3. the last word is `key` after `api`, `private`, `secret`, `encryption`,
//!    `signing`, `access`, `master`, `shared` or `hmac` (`apiKey`,
//!    `encryptionKey`, `X-API-Key`), or the key is `apikey` in one word: a
//!    secret. A bare `key`, a `publicKey` or a `clientKey` (an identifier on
//!    the pages) is not;
//! 4. card data: the last word is `cvc`, `cvv`, `cvv2`, `cvn` or `pan`, or
//!    the key is `cardNumber`; or the description calls the value a card's
//!    number or security code (`Card PAN`, `Card CVV Code`, `card number`);
//!    a `number` described as a phone number is not;
//! 5. otherwise, the description says the value is one: it has the word
//!    `secret`, `credential(s)`, `password`, `passphrase` or `bearer`, or the words
//!    `api key`, `private key`, `secret key`, `encryption key`, `signing key`,
//!    `access token`, `refresh token` or `bearer token` (not after `not`,
//!    `non` or `no`, articles skipped; `client_credentials` is one word, a
//!    value, not the word `credentials`).
//!
//! A URL whose example carries a credential in its query (`paymentUrl`:
//! `https://.../detail?token=eyJ...`) is one too ([`url_with_credential`]):
//! whoever has it can use the token.
//!
//! The same rule applies to the members of the bodies (`infer/mod.rs`) and
//! to the header and query rows of the generated `Headers` and `Query`
//! (`infer/params.rs`). Only text fields are changed: a secret-named number,
//! boolean, enum or object keeps its type. The rule is a pure function of its inputs so that
//! the generator, `pivot check` and the tests all apply the same one; the
//! type itself, `SecretString`, is support code (`emit/support.rs`).

use heck::ToSnakeCase;

/// Last words that say something about a credential without being one.
pub const DESCRIBES: &[&str] = &[
    "type",
    "types",
    "id",
    "ids",
    "expiry",
    "expires",
    "expired",
    "expiration",
    "time",
    "at",
    "in",
    "date",
    "method",
    "methods",
    "algorithm",
    "alg",
    "url",
    "uri",
    "link",
    "length",
    "name",
    "format",
    "status",
    "version",
    "count",
    "hint",
    "mode",
];

/// Last words whose value is itself the credential.
const NAMES_A_CREDENTIAL: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "signature",
    "credential",
    "credentials",
    "apikey",
    "authorization",
];

/// Words before `token` that make it a cursor or a deduplication mark.
const NOT_A_CREDENTIAL_TOKEN: &[&str] = &["page", "next", "continuation", "cursor", "idempotency"];

/// Words before `key` that make it a secret key.
const SECRET_KEY_KINDS: &[&str] = &[
    "api",
    "private",
    "secret",
    "encryption",
    "signing",
    "access",
    "master",
    "shared",
    "hmac",
];

/// Words of a description that say the value is a credential.
const SAYS_SECRET: &[&str] = &[
    "secret",
    "secrets",
    "credential",
    "credentials",
    "password",
    "passwords",
    "passphrase",
    "bearer",
];

/// Word pairs of a description that say the value is a credential.
const SAYS_SECRET_PAIR: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("secret", "key"),
    ("encryption", "key"),
    ("signing", "key"),
    ("access", "token"),
    ("refresh", "token"),
    ("bearer", "token"),
];

/// Last words of a key that name card data a log must never hold.
const NAMES_CARD_DATA: &[&str] = &["cvc", "cvv", "cvv2", "cvn", "pan"];

/// Word pairs of a description that say the value is card data.
const SAYS_CARD_DATA: &[(&str, &str)] = &[
    ("card", "pan"),
    ("card", "number"),
    ("card", "cvv"),
    ("card", "cvc"),
    ("security", "code"),
    ("verification", "code"),
];

/// Why a field was classified as a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The key names a credential (`accessToken`, `encryptionKey`).
    Key,
    /// The table row's description says the value is one.
    Description,
    /// The key or the description says it is a card's number or security
    /// code.
    Card,
    /// The example is a URL with a credential in its query.
    UrlWithCredential,
}

impl Reason {
    /// The reason in words, for `pivot check`.
    pub fn explain(self) -> &'static str {
        match self {
            Reason::Key => "the key names a credential",
            Reason::Description => "the description says it is a credential",
            Reason::Card => "it is a card's number or security code",
            Reason::UrlWithCredential => "the example URL carries a credential in its query",
        }
    }
}

/// [`classify`] for a body's member, whose example value (compact JSON) can
/// also make it one: a URL with a credential in its query.
pub fn classify_member(key: &str, description: &[String], example: Option<&str>) -> Option<Reason> {
    classify(key, description).or_else(|| {
        example
            .is_some_and(url_with_credential)
            .then_some(Reason::UrlWithCredential)
    })
}

/// Whether `example` (a member's example value, as compact JSON) is a URL
/// whose query carries a credential: a parameter whose name the key rule
/// calls a credential (`token`, `signature`, `apiKey`).
fn url_with_credential(example: &str) -> bool {
    let Some(text) = example.strip_prefix('"').and_then(|e| e.strip_suffix('"')) else {
        return false;
    };
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return false;
    }
    let Some((_, query)) = text.split_once('?') else {
        return false;
    };
    let query = query.split('#').next().unwrap_or_default();
    query.split('&').any(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        matches!(classify(name, &[]), Some(Reason::Key))
    })
}

/// Whether a text member with this `key` (and, if a table row documents it,
/// this `description`) carries a credential, and why. See the module docs for
/// the rule.
pub fn classify(key: &str, description: &[String]) -> Option<Reason> {
    let words = key_words(key);
    let last = words.last()?.as_str();
    if DESCRIBES.contains(&last) {
        return None;
    }
    let before = words.len().checked_sub(2).map(|i| words[i].as_str());
    if NAMES_A_CREDENTIAL.contains(&last) {
        let cursor = last == "token" && before.is_some_and(|b| NOT_A_CREDENTIAL_TOKEN.contains(&b));
        if !cursor {
            return Some(Reason::Key);
        }
        return None;
    }
    if last == "key" && before.is_some_and(|b| SECRET_KEY_KINDS.contains(&b)) {
        return Some(Reason::Key);
    }
    let card_number = last == "number" && before == Some("card");
    // `first6`, `last4`: the digits a card's holder may be shown.
    let shown_part = words
        .iter()
        .any(|w| w.starts_with("first") || w.starts_with("last") || w == "bin");
    if NAMES_CARD_DATA.contains(&last)
        || card_number
        || (!shown_part && description_says_card_data(description))
    {
        return Some(Reason::Card);
    }
    description_says_secret(description).then_some(Reason::Description)
}

/// `Card PAN`, `Card CVV Code`, `the card number`: a description that says
/// the value is a card's number or security code.
fn description_says_card_data(description: &[String]) -> bool {
    let words = description_words(description);
    words.iter().enumerate().any(|(i, word)| {
        words
            .get(i + 1)
            .is_some_and(|next| SAYS_CARD_DATA.contains(&(word.as_str(), next.as_str())))
            || matches!(word.as_str(), "cvv" | "cvc" | "cvv2")
    })
}

/// A description's words, lower-case; `_` stays inside a word.
fn description_words(description: &[String]) -> Vec<String> {
    description
        .join(" ")
        .to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The key's words, lowercase: `X-API-Key` -> `x`, `api`, `key`.
fn key_words(key: &str) -> Vec<String> {
    key.to_snake_case()
        .split('_')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn description_says_secret(description: &[String]) -> bool {
    // `_` stays inside a word, so a value such as `client_credentials` is not
    // the word `credentials`.
    let words = description_words(description);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    // `not a secret`, `non-secret`, `no password`.
    let negated = |i: usize| {
        words[..i]
            .iter()
            .rev()
            .find(|w| !matches!(**w, "a" | "an" | "the"))
            .is_some_and(|w| matches!(*w, "not" | "non" | "no"))
    };
    words.iter().enumerate().any(|(i, word)| {
        let single = SAYS_SECRET.contains(word);
        let pair = words
            .get(i + 1)
            .is_some_and(|next| SAYS_SECRET_PAIR.contains(&(*word, *next)));
        (single || pair) && !negated(i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> Option<Reason> {
        classify(key, &[])
    }

    fn described(key: &str, description: &str) -> Option<Reason> {
        classify(key, &[description.to_string()])
    }

    #[test]
    fn keys_that_name_credentials() {
        for k in [
            "token",
            "accessToken",
            "refreshToken",
            "access_token",
            "secret",
            "clientSecret",
            "password",
            "encryptionKey",
            "signature",
            "apiKey",
            "apikey",
            "APIKey",
            "privateKey",
            "X-MERCHANT-SECRET",
            "X-SIGNATURE",
            "X-API-Key",
            "clientCredentials",
            "Authorization",
        ] {
            assert_eq!(key(k), Some(Reason::Key), "{k}");
        }
    }

    #[test]
    fn keys_about_credentials_are_not_secrets() {
        for k in [
            "tokenType",
            "expiresIn",
            "tokenExpiry",
            "accessTokenExpiryTime",
            "refreshTokenExpiryTime",
            "keyId",
            "publicKey",
            "signatureMethod",
            "grantType",
            "key",
            "clientKey",
            "X-CLIENT-KEY",
            "nextPageToken",
            "pageToken",
            "idempotencyToken",
            "encryptedCard",
            "paymentUrl",
            "tokenized",
            "",
            "_",
        ] {
            assert_eq!(key(k), None, "{k}");
        }
    }

    #[test]
    fn descriptions_that_say_secret() {
        assert_eq!(
            described("otp", "One-time password sent to the customer"),
            Some(Reason::Description)
        );
        assert_eq!(
            described("value", "The merchant's Client Secret"),
            Some(Reason::Description)
        );
        assert_eq!(
            described("bearer", "Bearer token for the next calls"),
            Some(Reason::Description)
        );
        assert_eq!(
            described("k", "Your API key, from the dashboard"),
            Some(Reason::Description)
        );
        assert_eq!(
            described("Authorization-Customer", "Bearer {B2B2C_access_token}"),
            Some(Reason::Description)
        );
        // A key that names a credential wins over a description that says nothing.
        assert_eq!(
            described("token", "Card tokenization flow"),
            Some(Reason::Key)
        );
    }

    #[test]
    fn card_data() {
        for k in ["cvc", "cvv", "cardCvv", "cardNumber", "pan", "card_number"] {
            assert_eq!(key(k), Some(Reason::Card), "{k}");
        }
        assert_eq!(
            described("number", "Required if token not sent\nCard PAN"),
            Some(Reason::Card)
        );
        assert_eq!(described("number", "Card PAN"), Some(Reason::Card));
        assert_eq!(described("code", "Card CVV Code"), Some(Reason::Card));
        assert_eq!(
            described("value", "The card number, as printed"),
            Some(Reason::Card)
        );
        // Another number, or the digits of a card a receipt shows.
        for (k, d) in [
            ("number", "Phone number start with 8"),
            ("number", "Account number of the beneficiary"),
            ("last4", "The card number's last four digits"),
            ("first6", "First six digits of the card number"),
            ("company", "Company name"),
        ] {
            assert_eq!(described(k, d), None, "{k}: {d}");
        }
    }

    #[test]
    fn urls_that_carry_a_credential() {
        assert!(url_with_credential(
            "\"https://pay.example.com/detail?token=eyJhbGci.x.y\""
        ));
        assert!(url_with_credential(
            "\"https://x.example/cb?id=1&signature=abc#top\""
        ));
        assert!(!url_with_credential("\"https://merchant.com/success\""));
        assert!(!url_with_credential(
            "\"https://x.example/list?page=2&pageToken=abc\""
        ));
        assert!(!url_with_credential("\"token=abc\""));
        assert!(!url_with_credential("42"));
    }

    #[test]
    fn descriptions_that_do_not() {
        for (k, d) in [
            // The descriptor in the key wins over the description.
            ("tokenType", "Type of the access token, always Bearer"),
            ("X-MERCHANT-ID", "[Your Client ID]"),
            ("expiresIn", "Lifetime of the access token in seconds"),
            ("keyId", "Identifies the secret key used"),
            // Mentions, not claims.
            ("grant", "Possible values: client_credentials"),
            ("remark", "Not a secret: shown to the customer"),
            ("reference", "Unique key of the transaction"),
            (
                "saveForFutureUse",
                "Store Payment Information detail in Token format",
            ),
            (
                "customerId",
                "Auto generated based on email as the unique identifier",
            ),
        ] {
            assert_eq!(described(k, d), None, "{k}: {d}");
        }
    }
}
