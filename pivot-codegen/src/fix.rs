//! Repairs of the damage pages are known to carry, as `pivot fix` applies them.
//!
//! The reader attaches [`Edit`]s to the errors it knows how to repair
//! (typographic quotes used as JSON quotes, a missing comma, a note pasted
//! after a value). Repairing applies them and reads the page again, since one
//! repair can uncover the next damage of the same line; a page without such
//! errors is returned unchanged, so repairing twice changes nothing the second
//! time.

use crate::diag::{Diagnostic, Edit, Severity};
use crate::pipeline::analyze;
use crate::source::Source;

/// How many read-and-repair rounds a page gets: each round repairs every
/// error the reader could explain, so real pages need one or two.
const MAX_ROUNDS: usize = 8;

/// A page after [`repair`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The page's text with every repair applied.
    pub text: String,
    /// The edits applied, in page order (positions in the text they were
    /// applied to; a later round's edits refer to the text after the earlier).
    pub applied: Vec<Edit>,
    /// The errors the repaired text still has.
    pub remaining: Vec<Diagnostic>,
}

impl Repaired {
    /// Whether the repair changed anything.
    pub fn changed(&self) -> bool {
        !self.applied.is_empty()
    }
}

/// Repairs what can be repaired of `source`'s known damage.
pub fn repair(source: &Source) -> Repaired {
    let mut text = source.text.clone();
    let mut applied = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let edits = edits_of(
            &analyze(&Source {
                text: text.clone(),
                ..source.clone()
            })
            .diagnostics,
        );
        let done = apply(&text, &edits);
        if done.applied.is_empty() {
            break;
        }
        text = done.text;
        applied.extend(done.applied);
    }
    let remaining = analyze(&Source {
        text: text.clone(),
        ..source.clone()
    })
    .diagnostics
    .into_iter()
    .filter(|d| d.severity == Severity::Error)
    .collect();
    Repaired {
        text,
        applied,
        remaining,
    }
}

fn edits_of(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .flat_map(|d| d.repair.iter().cloned())
        .collect();
    edits.sort();
    edits.dedup();
    edits
}

/// The text after `edits`, and the edits that applied: one whose `remove`
/// does not stand at its position, or that overlaps an earlier one, is left
/// out rather than applied blindly.
fn apply(text: &str, edits: &[Edit]) -> Repaired {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let mut applied: Vec<Edit> = Vec::new();
    // Back to front, so an edit never moves the text of one still to come.
    for edit in edits.iter().rev() {
        let Some(line) = lines.get_mut(edit.pos.line as usize - 1) else {
            continue;
        };
        let Some(at) = char_offset(line, edit.pos.col) else {
            continue;
        };
        let end = at + edit.remove.len();
        let overlaps = applied.last().is_some_and(|later| {
            later.pos.line == edit.pos.line
                && char_offset(line, later.pos.col).is_some_and(|l| l < end)
        });
        if overlaps || line.get(at..end) != Some(edit.remove.as_str()) {
            continue;
        }
        line.replace_range(at..end, &edit.insert);
        applied.push(edit.clone());
    }
    applied.reverse();
    Repaired {
        text: lines.concat(),
        applied,
        remaining: Vec::new(),
    }
}

/// The byte offset of 1-based character column `col` in `line`; the column
/// just past the line's text (before its line break) is allowed.
fn char_offset(line: &str, col: u32) -> Option<usize> {
    let content = line.trim_end_matches(['\n', '\r']);
    let index = col.checked_sub(1)? as usize;
    content
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(content.len()))
        .nth(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> Source {
        Source {
            display_path: "spec/t.txt".into(),
            stem: "t".into(),
            text: format!("T\nGET\n[BASE_URL]/t\nResponse\nResponse Body\n{body}\n"),
        }
    }

    fn body(repaired: &Repaired) -> &str {
        let start = repaired.text.find("Body\n").map_or(0, |i| i + 5);
        repaired.text[start..].trim_end()
    }

    #[test]
    fn typographic_quotes_become_straight() {
        let fixed = repair(&page(
            "{\n\u{201C}remark\u{201D}: \u{201C}sample\u{201D},\n\"a\": 1\n}",
        ));
        assert_eq!(body(&fixed), "{\n\"remark\": \"sample\",\n\"a\": 1\n}");
        assert_eq!(fixed.applied.len(), 4);
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
    }

    #[test]
    fn a_missing_comma_goes_where_it_belongs() {
        let fixed = repair(&page(
            "{\n\"a\": \"x\"   \n\"b\": {\n\"c\": 1\n}\n\"d\": [1\n2]\n}",
        ));
        assert_eq!(
            body(&fixed),
            "{\n\"a\": \"x\",   \n\"b\": {\n\"c\": 1\n},\n\"d\": [1,\n2]\n}"
        );
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
    }

    #[test]
    fn a_note_after_a_value_becomes_a_comment() {
        let fixed = repair(&page(
            "{\n\u{201C}payoutMethod\u{201D}: \u{201C}WALLET\u{201D}, \u{2192} not yet\n\"status\": \"A\" -> soon\n\"b\": 1\n}",
        ));
        assert_eq!(
            body(&fixed),
            "{\n\"payoutMethod\": \"WALLET\", // not yet\n\"status\": \"A\", // soon\n\"b\": 1\n}"
        );
        assert!(fixed.remaining.is_empty(), "{:?}", fixed.remaining);
    }

    #[test]
    fn valid_pages_and_repaired_pages_are_left_alone() {
        let valid =
            page("{\n\"text\": \"He said \u{201C}hello\u{201D}\", \"other\": \"\u{201C}:\"\n}");
        let fixed = repair(&valid);
        assert!(!fixed.changed());
        assert_eq!(fixed.text, valid.text);

        let damaged = page("{\n\"a\": \u{201C}x\u{201D}\n\"b\": 2 \u{2192} later\n}");
        let once = repair(&damaged);
        assert!(once.changed());
        let twice = repair(&Source {
            text: once.text.clone(),
            ..damaged
        });
        assert!(!twice.changed());
        assert_eq!(twice.text, once.text);
    }

    #[test]
    fn damage_without_a_known_repair_remains() {
        let fixed = repair(&page("{\n\"a\": nope,\n\"b\": \u{201C}x\u{201D}\n}"));
        assert_eq!(body(&fixed), "{\n\"a\": nope,\n\"b\": \"x\"\n}");
        assert_eq!(fixed.remaining.len(), 1, "{:?}", fixed.remaining);
        assert!(fixed.remaining[0].message.contains("bare word `nope`"));
    }

    #[test]
    fn crlf_pages_keep_their_line_breaks() {
        let mut source = page("{\r\n\"a\": 1\r\n\"b\": 2\r\n}");
        source.text = source.text.replace('\n', "\r\n").replace("\r\r\n", "\r\n");
        let fixed = repair(&source);
        assert!(
            fixed.text.contains("\"a\": 1,\r\n\"b\": 2\r\n"),
            "{:?}",
            fixed.text
        );
    }
}
