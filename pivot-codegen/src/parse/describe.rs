//! What a field's description says beyond prose: its possible values, its
//! default, whether it is a free-form object.

/// Values are listed after a line that announces them: `Possible values
/// are:`, or a heading that names what the codes below it are (`List of
/// Event Names:`, `Investigation Status:`).
fn announces_values(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    names_a_list(&lower)
        || lower.contains("possible value")
        || lower.contains("values are")
        || lower.contains("value:")
        || lower.contains("values:")
        || lower.contains("should be either")
        || lower.contains("one of:")
        || lower.contains("either:")
        || lower.trim_end().ends_with("one of")
}

/// `List of Event Names:`, `Withdrawal Event Names:`, `Investigation
/// Status:`: a line ending in a colon whose words say a list of codes follows.
/// `Explanation:` and `Note:` introduce prose, which may start with a code.
fn names_a_list(lower: &str) -> bool {
    const LISTS: &[&str] = &[
        "list of",
        "names",
        "event name",
        "status",
        "types",
        "codes",
        "values",
    ];
    lower.trim_end().ends_with(':') && LISTS.iter().any(|word| lower.contains(word))
}

/// A value token: `REDIRECT`, `VIRTUAL_ACCOUNT`, `PAYMENT.PAID`, `SG`.
fn code_token(word: &str) -> Option<&str> {
    let word = word.trim_end_matches([',', ':', ';']);
    let valid = word.len() >= 2
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '_' | '.' | '-'))
        && !word.ends_with(['.', '-']);
    valid.then_some(word)
}

/// The documented values of a string field, in page order, without repeats.
/// Needs at least two values, as a lone code in prose is an example, not a
/// list; under a heading that says names follow (`Event name:`), one is a
/// list of one. A value line ending in an arrow or a colon (`AUTO (default)
/// →`) has its explanation on the next line, which does not end the list.
pub fn enum_values(description: &[String]) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    let mut push = |v: &str| {
        if !values.iter().any(|x| x == v) {
            values.push(v.to_string());
        }
    };
    let mut listing = false;
    let mut under_heading = false;
    let mut explained_next = false;
    for line in description {
        if let Some(rest) = inline_list(line) {
            for v in rest {
                push(v);
            }
        }
        let first = line.split_whitespace().next().unwrap_or("");
        match code_token(first) {
            Some(v) if listing => {
                push(v);
                explained_next = line.trim_end().ends_with(['→', ':']);
            }
            _ if listing && explained_next => explained_next = false,
            _ => listing = false,
        }
        if announces_values(line) {
            listing = true;
            // `Event name:`: what follows are names, however many.
            let lower = line.to_ascii_lowercase();
            under_heading |= names_a_list(&lower) && lower.contains("name");
        }
    }
    if values.len() >= 2 || (under_heading && values.len() == 1) {
        values
    } else {
        Vec::new()
    }
}

/// `Transfer Status, one of SUCCESS, PENDING and FAILED`.
fn inline_list(line: &str) -> Option<Vec<&str>> {
    let at = line.find("one of ")?;
    let tail = &line[at + "one of ".len()..];
    let words: Vec<&str> = tail
        .split([',', ' '])
        .filter(|w| !w.is_empty() && *w != "and" && *w != "or")
        .collect();
    let codes: Vec<&str> = words.iter().map_while(|w| code_token(w)).collect();
    (codes.len() >= 2).then_some(codes)
}

/// `Default to REDIRECT`, `Default = Merchant's short name`, `AUTO (default)`.
pub fn default_value(description: &[String]) -> Option<String> {
    for line in description {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        for lead in [
            "default to ",
            "default = ",
            "default: ",
            "default is ",
            "defaults to ",
        ] {
            if lower.starts_with(lead) {
                return Some(trimmed[lead.len()..].trim().to_string());
            }
        }
        if let Some(at) = lower.find("(default)") {
            let value = trimmed[..at].trim();
            if !value.is_empty() && !value.contains(' ') {
                return Some(value.to_string());
            }
        }
    }
    None
}

/// "Free object for merchant to store any extra information".
pub fn is_free_form(description: &[String]) -> bool {
    description.iter().any(|line| {
        let lower = line.to_ascii_lowercase();
        lower.contains("free object")
            || lower.contains("free-form")
            || lower.contains("free form")
            || lower.contains("key-value")
            || lower.contains("key value pair")
            || lower.contains("any extra information")
            || lower.contains("any additional information")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn lists_after_an_announcement() {
        let d = lines(
            "Default to REDIRECT\nPayment Session mode. Possible values are:\nREDIRECT will return redirectUrl\nAPI",
        );
        assert_eq!(enum_values(&d), ["REDIRECT", "API"]);
        assert_eq!(default_value(&d).as_deref(), Some("REDIRECT"));
    }

    #[test]
    fn lists_with_explanations_and_defaults() {
        let d = lines(
            "Refund method. Possible values:\nAUTO (default) : Pivot will refund\nTRANSFER_ONLY : Bank transfer only",
        );
        assert_eq!(enum_values(&d), ["AUTO", "TRANSFER_ONLY"]);
        assert_eq!(default_value(&d).as_deref(), Some("AUTO"));
    }

    #[test]
    fn lists_under_a_heading_that_names_them() {
        let d = lines(
            "List of Event Names:\nPAYMENT.PROCESSING\nPAYMENT.PAID \nCHARGE.SUCCESS\nExplanation:\nPAYMENT.PAID will be sent once paid\nPAYMENT.LATE is no value",
        );
        assert_eq!(
            enum_values(&d),
            ["PAYMENT.PROCESSING", "PAYMENT.PAID", "CHARGE.SUCCESS"]
        );
        let d = lines(
            "Bulk Payout Event Names:\nPAYOUT.DONE\nPAYOUT.DELAYED\nSingle Payout Event Names:\nPAYOUT.SUCCESS\nPAYOUT.DELAYED",
        );
        assert_eq!(
            enum_values(&d),
            ["PAYOUT.DONE", "PAYOUT.DELAYED", "PAYOUT.SUCCESS"]
        );
        let d = lines("Investigation Status:\nIN_PROCESS : Validating\nSUCCESS : Final");
        assert_eq!(enum_values(&d), ["IN_PROCESS", "SUCCESS"]);
        // A colon alone announces nothing.
        assert!(enum_values(&lines("Only if :\nMODE = API\nAUTO_CONFIRM = false")).is_empty());
        assert!(enum_values(&lines("Note:\nPLEASE NOTE for\nSAQ AEP merchants")).is_empty());
    }

    #[test]
    fn explanations_on_the_next_line_keep_the_list_going() {
        let d = lines(
            "Refund method, possible values:\nAUTO (default) →\nPivot will perform refund through Channel\nTRANSFER_ONLY →\nRefund will be performed through Bank Transfer only\nNote: see below",
        );
        assert_eq!(enum_values(&d), ["AUTO", "TRANSFER_ONLY"]);
        // Without the arrow, prose ends the list.
        let d = lines("Possible values:\nAUTO\nPivot will refund\nTRANSFER_ONLY");
        assert!(enum_values(&d).is_empty());
    }

    #[test]
    fn one_value_under_a_heading_is_a_list_of_one() {
        let d = lines("Event name: \nMERCHANT-TOP-UP.SUCCESS");
        assert_eq!(enum_values(&d), ["MERCHANT-TOP-UP.SUCCESS"]);
        // A lone value after "possible values" is still an example.
        assert!(enum_values(&lines("Possible values are:\nDIRECT")).is_empty());
    }

    #[test]
    fn inline_lists() {
        let d = lines("Transfer Status, one of SUCCESS, PENDING and FAILED");
        assert_eq!(enum_values(&d), ["SUCCESS", "PENDING", "FAILED"]);
    }

    #[test]
    fn prose_is_not_a_list() {
        assert!(enum_values(&lines("URL type. In this example: PAY_RETURN.")).is_empty());
        assert!(enum_values(&lines("Possible values are:\ntrue\nfalse")).is_empty());
        assert!(enum_values(&lines("Unique Payment Reference from Merchant's Request")).is_empty());
    }

    #[test]
    fn free_form_objects() {
        assert!(is_free_form(&lines(
            "Free object for merchant to store any extra information about the payment session"
        )));
        assert!(!is_free_form(&lines(
            "Customer Object Customer information"
        )));
    }
}
