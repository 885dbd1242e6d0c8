//! `validate()`: each kind of documented constraint, broken on purpose, is
//! reported with the JSON path of the field and the rule. The page,
//! `tests/validation/create_transfer.txt`, is made up to hold one field per
//! kind; the reference page's own constraints are tested at the end.

mod models {
    pivot_macros::models!("../tests/validation");
}

use models::create_transfer::{Beneficiary, Request};
use models::{Rule, ValidationErrors, Violation};

fn example() -> Request {
    serde_json::from_str(models::create_transfer::REQUEST_EXAMPLE).unwrap()
}

/// The violations of `request`, as (path, rule) pairs.
fn broken(request: &Request) -> Vec<(String, Rule)> {
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .into_violations()
            .into_iter()
            .map(|v| (v.path, v.rule))
            .collect(),
    }
}

fn one(path: &str, rule: Rule) -> Vec<(String, Rule)> {
    vec![(path.to_string(), rule)]
}

#[test]
fn the_example_keeps_every_checked_constraint() {
    assert_eq!(example().validate(), Ok(()));
}

#[test]
fn a_character_limit_range() {
    let mut r = example();
    r.reference_id = String::new();
    assert_eq!(
        broken(&r),
        one("referenceId", Rule::Chars { min: 1, max: 20 })
    );
    r.reference_id = "A".repeat(21);
    assert_eq!(
        broken(&r),
        one("referenceId", Rule::Chars { min: 1, max: 20 })
    );
    r.reference_id = "A".repeat(20);
    assert_eq!(broken(&r), []);
}

#[test]
fn a_bare_character_limit_is_a_maximum() {
    let mut r = example();
    r.amount.currency = "IDRX".to_string();
    assert_eq!(
        broken(&r),
        one("amount.currency", Rule::Chars { min: 0, max: 3 })
    );
}

#[test]
fn characters_are_counted_not_bytes() {
    let mut r = example();
    // 20 characters, 40 bytes.
    r.reference_id = "é".repeat(20);
    assert_eq!(broken(&r), one("referenceId", Rule::Alphanumeric));
}

#[test]
fn a_maximum_stated_in_the_description() {
    let mut r = example();
    r.remark = Some("x".repeat(31));
    assert_eq!(broken(&r), one("remark", Rule::Chars { min: 0, max: 30 }));
    r.remark = Some("x".repeat(30));
    assert_eq!(broken(&r), []);
}

#[test]
fn a_length_line_in_the_description() {
    let mut r = example();
    r.city = Some("Kabupaten Tangerang Selatan".to_string());
    assert_eq!(broken(&r), one("city", Rule::Chars { min: 0, max: 20 }));
}

#[test]
fn alphanumeric_from_the_documented_type_and_from_prose() {
    let mut r = example();
    r.reference_id = "TRX-1".to_string();
    r.code = Some("AB C".to_string());
    assert_eq!(
        broken(&r),
        [
            ("referenceId".to_string(), Rule::Alphanumeric),
            ("code".to_string(), Rule::Alphanumeric),
        ]
    );
}

#[test]
fn numeric_text() {
    let mut r = example();
    r.beneficiary.as_mut().unwrap().account_number = "12345x".to_string();
    assert_eq!(broken(&r), one("beneficiary.accountNumber", Rule::Numeric));
}

#[test]
fn digits_of_an_integer() {
    let mut r = example();
    r.amount.value = 1_000_000_000_000;
    assert_eq!(
        broken(&r),
        one("amount.value", Rule::Digits { min: 1, max: 12 })
    );
    r.amount.value = -999_999_999_999;
    assert_eq!(broken(&r), []);
}

#[test]
fn a_decimal_limit() {
    let mut r = example();
    for bad in ["2500.005", "1,5", "", "12345678901234567"] {
        r.fee = Some(bad.to_string());
        let rule = Rule::Decimal {
            digits: 16,
            fraction: 2,
        };
        assert_eq!(broken(&r), one("fee", rule), "{bad:?}");
    }
    r.fee = Some("-12345678901234.50".to_string());
    assert_eq!(broken(&r), []);
}

#[test]
fn an_enum_is_checked_through_its_wire_value() {
    let mut r = example();
    r.channel = Some("PERMATA_SYARIAH".into());
    assert_eq!(broken(&r), one("channel", Rule::Chars { min: 1, max: 10 }));
}

#[test]
fn item_counts_and_paths_into_arrays() {
    let mut r = example();
    let mut recipients = r.recipients.clone().unwrap();
    recipients[1].name = "A name far too long".to_string();
    recipients.extend(recipients.clone());
    r.recipients = Some(recipients);
    assert_eq!(
        broken(&r),
        [
            ("recipients".to_string(), Rule::Items { min: 1, max: 3 }),
            (
                "recipients[1].name".to_string(),
                Rule::Chars { min: 1, max: 10 }
            ),
            (
                "recipients[3].name".to_string(),
                Rule::Chars { min: 1, max: 10 }
            ),
        ]
    );
}

#[test]
fn nested_paths_use_the_wire_names() {
    let mut r = example();
    let beneficiary: &mut Beneficiary = r.beneficiary.as_mut().unwrap();
    beneficiary.phone_number.number = "0".repeat(16);
    assert_eq!(
        broken(&r),
        one(
            "beneficiary.phoneNumber.number",
            Rule::Chars { min: 1, max: 15 }
        )
    );
}

#[test]
fn at_least_one_of_two_members() {
    let mut r = example();
    r.beneficiary_id = None;
    assert_eq!(broken(&r), []);
    let mut r = example();
    r.beneficiary = None;
    assert_eq!(broken(&r), []);
    r.beneficiary_id = None;
    let keys: &[&str] = &["beneficiaryId", "beneficiary"];
    assert_eq!(broken(&r), one("", Rule::AtLeastOne(keys)));
}

#[test]
fn a_limit_the_page_example_breaks_is_not_checked() {
    let mut r = example();
    r.note = Some("far longer than the documented 5".to_string());
    assert_eq!(broken(&r), []);
}

#[test]
fn every_violation_is_reported_at_once_in_field_order() {
    let mut r = example();
    r.reference_id = "bad id!".to_string();
    r.amount.currency = "RUPIAH".to_string();
    r.beneficiary_id = None;
    r.beneficiary = None;
    let errors: ValidationErrors = r.validate().unwrap_err();
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["referenceId", "amount.currency", ""]);
    assert_eq!(
        errors.to_string(),
        "3 documented constraints broken\n\
         - `referenceId`: ASCII letters and digits only\n\
         - `amount.currency`: at most 3 characters\n\
         - the body: at least one of `beneficiaryId`, `beneficiary`"
    );
}

#[test]
fn validation_errors_are_std_errors() {
    fn send(r: &Request) -> Result<(), Box<dyn std::error::Error>> {
        r.validate()?;
        Ok(())
    }
    let mut r = example();
    r.remark = Some("x".repeat(40));
    let error = send(&r).unwrap_err();
    assert_eq!(
        error.to_string(),
        "1 documented constraint broken\n- `remark`: at most 30 characters"
    );
    assert!(send(&example()).is_ok());
}

#[test]
fn rules_read_like_the_page() {
    let cases: &[(Rule, &str)] = &[
        (Rule::Chars { min: 1, max: 255 }, "1 to 255 characters"),
        (Rule::Chars { min: 3, max: 3 }, "exactly 3 characters"),
        (Rule::Items { min: 0, max: 5 }, "at most 5 items"),
        (Rule::Digits { min: 1, max: 18 }, "1 to 18 digits"),
        (Rule::Numeric, "ASCII digits only"),
    ];
    for (rule, text) in cases {
        assert_eq!(rule.to_string(), *text);
    }
    let v = Violation {
        path: "a.b".to_string(),
        rule: Rule::Numeric,
    };
    assert_eq!(v.to_string(), "`a.b`: ASCII digits only");
}

/// The reference page's own constraints, on the models of its pinned copy.
mod reference {
    use pivot_pinned::Rule;
    use pivot_pinned::create_payment_session::{REQUEST_EXAMPLE, Request};

    fn example() -> Request {
        serde_json::from_str(REQUEST_EXAMPLE).unwrap()
    }

    fn broken(r: &Request) -> Vec<(String, Rule)> {
        r.validate()
            .err()
            .map(|e| {
                e.into_violations()
                    .into_iter()
                    .map(|v| (v.path, v.rule))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn statement_descriptors_have_at_most_20_characters() {
        let mut r = example();
        r.statement_descriptor = Some("Pivot Payment Indonesia".to_string());
        assert_eq!(
            broken(&r),
            [(
                "statementDescriptor".to_string(),
                Rule::Chars { min: 0, max: 20 }
            )]
        );
    }

    #[test]
    fn client_reference_ids_are_alphanumeric() {
        let mut r = example();
        r.client_reference_id = "INV-001".to_string();
        assert_eq!(
            broken(&r),
            [("clientReferenceId".to_string(), Rule::Alphanumeric)]
        );
    }

    #[test]
    fn customer_id_or_customer() {
        let mut r = example();
        r.customer = None;
        assert_eq!(broken(&r), []);
        r.customer_id = None;
        let keys: &[&str] = &["customerId", "customer"];
        assert_eq!(broken(&r), [(String::new(), Rule::AtLeastOne(keys))]);
    }
}

/// A client generic over `Endpoint` checks a call as the call's own
/// `validate()` does: every violation, with its path from the call
/// (`body.…`).
#[test]
fn the_endpoint_trait_validates_as_the_call_does() {
    use models::Endpoint;
    use models::create_transfer::Call;

    fn through_the_trait<E: Endpoint>(call: &E) -> Result<(), ValidationErrors> {
        call.validate()
    }
    let mut body = example();
    assert_eq!(through_the_trait(&Call { body: body.clone() }), Ok(()));
    body.reference_id = String::new();
    let call = Call { body };
    let errors = through_the_trait(&call).expect_err("an empty referenceId");
    assert_eq!(Err(errors.clone()), Call::validate(&call));
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["body.referenceId"]);
}
