//! Rust names for JSON keys and page names.
//!
//! Every function here returns a valid, non-keyword, ASCII identifier for any
//! input at all (empty keys, emoji, `Self`), and [`Names`] makes names distinct
//! within one scope, deterministically: the first claimant keeps the plain name,
//! later ones get a numeric suffix.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict and reserved keywords of every edition, plus the weak ones that
/// cannot be used as plain identifiers in all positions.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident)
}

/// Keeps ASCII letters, digits and `_`; everything else becomes a word break.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// `sureName` -> `sure_name`, `type` -> `type_`, `1st` -> `_1st`, `` -> `field`.
pub fn field_ident(key: &str) -> String {
    let snake = ascii_words(key).to_snake_case();
    let mut ident = if snake.is_empty() {
        "field".to_string()
    } else {
        snake
    };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, '_');
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// `chargeDetails` -> `ChargeDetails`, `self` -> `SelfType`, `1st` -> `T1st`.
pub fn type_ident(key: &str) -> String {
    let camel = ascii_words(key).to_upper_camel_case();
    let mut ident = if camel.is_empty() {
        "Type".to_string()
    } else {
        camel
    };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'T');
    }
    if is_keyword(&ident) {
        ident.push_str("Type");
    }
    ident
}

/// The element type of an array under `key`: `chargeDetails` -> `ChargeDetail`,
/// `data` -> `DataItem`, `status` -> `StatusItem`.
pub fn element_type_ident(key: &str) -> String {
    let plural = type_ident(key);
    let split = plural
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i)
        .next_back()
        .unwrap_or(0);
    let (head, last) = plural.split_at(split);
    let singular = pluralizer::pluralize(last, 1, false);
    // Latin plurals (data -> datum) read worse than an explicit `Item`.
    if singular == last || singular.ends_with("um") && last.ends_with('a') || singular.is_empty() {
        format!("{plural}Item")
    } else {
        type_ident(&format!("{head}{singular}"))
    }
}

/// `VIRTUAL_ACCOUNT` -> `VirtualAccount`, `PAYMENT.PAID` -> `PaymentPaid`.
pub fn variant_ident(value: &str) -> String {
    let lower = if value.chars().any(|c| c.is_ascii_lowercase()) {
        value.to_string()
    } else {
        value.to_ascii_lowercase()
    };
    type_ident(&lower)
}

/// `CreatePaymentSession`, `create-payment session` -> `create_payment_session`.
pub fn module_ident(stem: &str) -> String {
    field_ident(stem)
}

/// Names already taken in one scope.
#[derive(Debug, Default, Clone)]
pub struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_string());
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims the first free name of `name`, `name2`, `name3`, ... (`name_2` for
    /// snake-case names).
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_string()) {
            return name.to_string();
        }
        let sep = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        (2..)
            .map(|n| format!("{name}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

/// The wire name serde's `rename_all = "camelCase"` gives a field: serde's
/// own rule (PascalCase: each `_` dropped and the letter after it
/// capitalized; then the first letter lowercase), applied to the Rust name,
/// so `type_` gives `type`.
pub fn serde_camel_case(field: &str) -> String {
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => pascal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_never_keywords() {
        assert_eq!(field_ident("sureName"), "sure_name");
        assert_eq!(field_ident("clientReferenceId"), "client_reference_id");
        assert_eq!(field_ident("type"), "type_");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("Self"), "self_");
        assert_eq!(field_ident("crate"), "crate_");
        assert_eq!(field_ident(""), "field");
        assert_eq!(field_ident("1st place"), "_1st_place");
        assert_eq!(field_ident("x-api-key"), "x_api_key");
        assert_eq!(field_ident("émoji 🎉"), "moji");
        assert_eq!(field_ident("🎉"), "field");
    }

    #[test]
    fn types_are_camel_case_and_never_keywords() {
        assert_eq!(type_ident("paymentMethod"), "PaymentMethod");
        assert_eq!(type_ident("self"), "SelfType");
        assert_eq!(type_ident(""), "Type");
        assert_eq!(type_ident("3ds"), "T3ds");
    }

    #[test]
    fn array_elements_are_singular() {
        assert_eq!(element_type_ident("chargeDetails"), "ChargeDetail");
        assert_eq!(
            element_type_ident("storedPaymentMethods"),
            "StoredPaymentMethod"
        );
        assert_eq!(element_type_ident("productDetails"), "ProductDetail");
        assert_eq!(element_type_ident("entries"), "Entry");
        assert_eq!(element_type_ident("data"), "DataItem");
        assert_eq!(element_type_ident("metadata"), "MetadataItem");
        assert_eq!(element_type_ident("status"), "StatusItem");
        assert_eq!(element_type_ident(""), "TypeItem");
    }

    #[test]
    fn variants_read_as_words() {
        assert_eq!(variant_ident("VIRTUAL_ACCOUNT"), "VirtualAccount");
        assert_eq!(variant_ident("PAYMENT.PAID"), "PaymentPaid");
        assert_eq!(variant_ident("REDIRECT"), "Redirect");
        assert_eq!(variant_ident("ewallet"), "Ewallet");
    }

    #[test]
    fn claims_are_distinct_and_deterministic() {
        let mut names = Names::new();
        assert_eq!(names.claim("foo_bar"), "foo_bar");
        assert_eq!(names.claim("foo_bar"), "foo_bar_2");
        assert_eq!(names.claim("foo_bar"), "foo_bar_3");
        assert_eq!(names.claim("Data"), "Data");
        assert_eq!(names.claim("Data"), "Data2");
    }

    #[test]
    fn serde_camel_case_is_serdes_rule() {
        assert_eq!(serde_camel_case("client_reference_id"), "clientReferenceId");
        assert_eq!(serde_camel_case("address_line1"), "addressLine1");
        assert_eq!(serde_camel_case("type_"), "type");
        assert_eq!(serde_camel_case("value"), "value");
        assert_eq!(serde_camel_case("a_b_c"), "aBC");
    }
}
