//! The reader's behaviour on hand-made bodies: what it accepts as written,
//! what it explains, and the repairs it offers.

use super::read::MAX_DEPTH;
use super::*;

fn read(text: &str) -> (Json, Vec<String>) {
    let parsed = parse(text, Pos::new(1, 1));
    let messages = parsed
        .problems
        .iter()
        .map(|p| format!("{}: {}", p.pos, p.message))
        .collect();
    (parsed.value, messages)
}

fn members(json: &Json) -> &[Member] {
    match &json.kind {
        JsonKind::Object(m) => m,
        other => panic!("not an object: {other:?}"),
    }
}

#[test]
fn comments_become_notes_and_trailing_commas_pass() {
    let (json, errors) = read(
        "{\n\"captureMethod\": \"automatic\", // \"MANUAL\" for later\n\"three\": \"X\" // never\n,\"billingInfo\": { // for AVS\n\"a\": 1,\n},\n}",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let m = members(&json);
    assert_eq!(m[0].note.as_deref(), Some("\"MANUAL\" for later"));
    assert_eq!(m[1].note.as_deref(), Some("never"));
    assert_eq!(m[2].note.as_deref(), Some("for AVS"));
    assert_eq!(m[2].key_pos, Pos::new(4, 2));
}

#[test]
fn every_problem_is_reported_at_its_place() {
    let (_, errors) =
        read("{\n\"a\": 1\n\"b\": \u{201C}x\u{201D},\n\"c\": \"ok\" \u{2192} not yet\n}");
    assert_eq!(
        errors,
        [
            "2:7: invalid JSON: expected `,` between object members (the next one starts on line 3)",
            "3:6: invalid JSON: expected `\"`, found typographic quote `\u{201C}` (U+201C)",
            "4:11: invalid JSON: expected `,` or `}` after an object member, found `\u{2192}`, a note pasted after the value",
        ]
    );
}

#[test]
fn a_note_pasted_before_the_next_member_is_one_error_with_both_repairs() {
    let parsed = parse(
        "{\n\"a\": 10000 \u{2192} not yet\n\"b\": 1\n}",
        Pos::new(1, 1),
    );
    let [problem] = &parsed.problems[..] else {
        panic!("one damage, one error: {:?}", parsed.problems);
    };
    assert_eq!(problem.pos, Pos::new(2, 12), "at the note's arrow");
    assert_eq!(
        problem.message,
        "invalid JSON: expected `,` or `}` after an object member, found `\u{2192}`, a note pasted after the value"
    );
    let edits: Vec<(Pos, &str, &str)> = problem
        .repair
        .iter()
        .map(|e| (e.pos, e.remove.as_str(), e.insert.as_str()))
        .collect();
    assert_eq!(
        edits,
        [
            (Pos::new(2, 11), "", ","),
            (Pos::new(2, 12), "\u{2192}", "//")
        ]
    );
}

#[test]
fn valid_text_is_read_as_written_whatever_its_strings_hold() {
    let text = "{\"text\": \"He said \u{201C}hello\u{201D}\", \"other\": \"\u{201C}:\", \"x\": [\"\u{2019},\", \"\u{AB}}\u{BB}\"]}";
    let (json, errors) = read(text);
    assert!(errors.is_empty(), "{errors:?}");
    let m = members(&json);
    assert_eq!(
        m[0].value.kind,
        JsonKind::String("He said \u{201C}hello\u{201D}".into())
    );
    assert_eq!(m[1].value.kind, JsonKind::String("\u{201C}:".into()));
    assert_eq!(m[2].key, "x");
}

#[test]
fn recovery_tells_damage_from_quotes_in_text() {
    // Damaged elsewhere, so the recovery pass reads the whole block: the
    // quote inside a straight string stays text, the stray ones are damage.
    let (json, errors) = read("{\n\"a\": \"\u{201C}:\"\n\"b\u{201D}: \"v\",\n\"c\": 1\n}");
    assert_eq!(
        errors,
        [
            "2:10: invalid JSON: expected `,` between object members (the next one starts on line 3)",
            "3:3: invalid JSON: expected `\"`, found typographic quote `\u{201D}` (U+201D)",
        ]
    );
    let m = members(&json);
    assert_eq!(m[0].value.kind, JsonKind::String("\u{201C}:".into()));
    assert_eq!(m[1].key, "b");
    assert_eq!(m[1].value.kind, JsonKind::String("v".into()));
}

#[test]
fn commented_out_members_are_kept_but_not_sent() {
    let (json, errors) = read(
        "{\n\"name\": \"x\"\n// \"bankCode\": \"123\", \u{2192} only for Korea\n// just prose\n}",
    );
    assert!(errors.is_empty(), "{errors:?}");
    let m = members(&json);
    assert_eq!(m.len(), 2);
    assert!(m[1].commented_out);
    assert_eq!(m[1].key, "bankCode");
    assert_eq!(m[1].note.as_deref(), Some("only for Korea"));
    assert_eq!(to_strict_string(&json), "{\n  \"name\": \"x\"\n}");
}

#[test]
fn numbers_keep_their_text_and_kind() {
    assert_eq!(number_kind("10000"), NumberKind::I64);
    assert_eq!(number_kind("18446744073709551615"), NumberKind::U64);
    assert_eq!(number_kind("184467440737095516150"), NumberKind::F64);
    assert_eq!(number_kind("1.50"), NumberKind::F64);
    assert_eq!(number_kind("1e9"), NumberKind::F64);
    assert_eq!(number_kind("-0"), NumberKind::F64);
    let (json, errors) = read("[1.50, -3, 01, 2.]");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(to_strict_string(&json), "[\n  1.50,\n  -3,\n  0,\n  0\n]");
}

#[test]
fn strings_unescape_and_reescape() {
    let (json, errors) = read(r#"{"k\"ey": "a\nb\u00e9\ud83c\udf89\\"}"#);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(members(&json)[0].key, "k\"ey");
    assert_eq!(
        to_strict_string(&json),
        "{\n  \"k\\\"ey\": \"a\\nb\u{e9}\u{1F389}\\\\\"\n}"
    );
}

#[test]
fn nesting_is_bounded() {
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
    let (_, errors) = read(&deep);
    assert!(
        errors.iter().any(|e| e.contains("levels of nesting")),
        "{errors:?}"
    );
}
