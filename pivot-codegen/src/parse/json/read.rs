//! The reader: one pass by the rules of JSON plus what pages need, and a
//! second pass, only when the first fails, whose heuristics explain and
//! repair the damage.

use crate::diag::{Edit, Pos};

use super::{Json, JsonKind, Member, Parsed, Problem};

/// Deeper nesting than this is reported instead of followed, so a hostile page
/// cannot overflow the compiler's stack.
pub(super) const MAX_DEPTH: usize = 128;

/// Which rules a [`Reader`] follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pass {
    /// JSON with comments, trailing commas and commented-out members.
    Strict,
    /// The same, plus guesses at what damaged text meant, to explain it.
    Recover,
}

pub(super) struct Reader<'a> {
    src: &'a str,
    at: usize,
    pos: Pos,
    pass: Pass,
    problems: Vec<Problem>,
    depth: usize,
    /// The comment on the line of the `{` of the object read last.
    opening_note: Option<String>,
}

/// A `//` comment met while skipping white space.
struct Comment {
    pos: Pos,
    text: String,
    /// Nothing but white space precedes it on its line.
    own_line: bool,
}

fn is_open_quote(c: char) -> bool {
    matches!(
        c,
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2018}' | '\u{2019}'
    )
}

/// Whether `c` can begin a JSON value (or a damaged string).
fn starts_value(c: char) -> bool {
    matches!(c, '{' | '[' | '"' | '-')
        || is_open_quote(c)
        || c.is_ascii_digit()
        || c.is_alphabetic()
}

/// The repair of a missing comma: insert one at `end`, just after a value.
fn comma_at(end: Pos) -> Edit {
    Edit {
        pos: end,
        remove: String::new(),
        insert: ",".to_string(),
    }
}

fn describe(c: Option<char>) -> String {
    match c {
        None => "the end of the body".to_string(),
        Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
        Some(c) if c.is_ascii() => format!("`{c}`"),
        Some(c) => format!("`{c}` (U+{:04X})", c as u32),
    }
}

/// Whole-line comments that hold a member, as pages use them to show members
/// sent only in some cases. What follows the value (`-> only for Korea`) is
/// the member's note. Comments that are prose are left alone.
fn commented_members(comments: &[Comment], members: &mut Vec<Member>) {
    for comment in comments.iter().filter(|c| c.own_line) {
        let text = comment.text.as_str();
        if !text.starts_with(['"', '\u{201C}']) {
            continue;
        }
        // A comment is prose until proven a member: its problems are nobody's.
        let mut reader = Reader::new(text, comment.pos, Pass::Strict);
        let mut member = reader.member();
        if !reader.problems.is_empty() {
            reader = Reader::new(text, comment.pos, Pass::Recover);
            member = reader.member();
        }
        let rest = reader.src[reader.at..]
            .trim_start_matches([',', ' ', '\t'])
            .trim_start_matches(['\u{2192}', '-', '>', ' '])
            .trim();
        let Some(mut member) = member.filter(|m| !m.key.is_empty()) else {
            continue;
        };
        if members.iter().any(|m| m.key == member.key) {
            continue;
        }
        member.commented_out = true;
        member.note = (!rest.is_empty()).then(|| rest.to_string());
        members.push(member);
    }
}

impl<'a> Reader<'a> {
    fn new(src: &'a str, start: Pos, pass: Pass) -> Self {
        Reader {
            src,
            at: 0,
            pos: start,
            pass,
            problems: Vec::new(),
            depth: 0,
            opening_note: None,
        }
    }

    pub(super) fn read(src: &'a str, start: Pos, pass: Pass) -> Parsed {
        let mut reader = Reader::new(src, start, pass);
        let value = reader.value();
        reader.skip_trivia();
        Parsed {
            value,
            used: reader.at,
            problems: reader.problems,
        }
    }

    fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.repairable(pos, message, Vec::new());
    }

    fn repairable(&mut self, pos: Pos, message: impl Into<String>, repair: Vec<Edit>) {
        self.problems.push(Problem {
            pos,
            message: message.into(),
            repair,
        });
    }

    fn peek(&self) -> Option<char> {
        self.src[self.at..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.src[self.at..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn error_here(&mut self, expected: &str) {
        let found = describe(self.peek());
        let pos = self.pos;
        self.error(
            pos,
            format!("invalid JSON: expected {expected}, found {found}"),
        );
    }

    /// Skips white space and comments, returning the comments.
    fn skip_trivia(&mut self) -> Vec<Comment> {
        let mut comments = Vec::new();
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') if self.peek_second() == Some('/') => {
                    let pos = self.pos;
                    let line_start = self.src[..self.at].rfind('\n').map_or(0, |i| i + 1);
                    let own_line = self.src[line_start..self.at].trim().is_empty();
                    self.bump();
                    self.bump();
                    let rest = &self.src[self.at..];
                    let len = rest.find('\n').unwrap_or(rest.len());
                    let text = rest[..len].trim().to_string();
                    for _ in rest[..len].chars() {
                        self.bump();
                    }
                    comments.push(Comment {
                        pos,
                        text,
                        own_line,
                    });
                }
                _ => return comments,
            }
        }
    }

    fn skip_rest_of_line(&mut self) {
        while let Some(c) = self.peek() {
            if c == '\n' {
                break;
            }
            self.bump();
        }
    }

    fn value(&mut self) -> Json {
        self.skip_trivia();
        let pos = self.pos;
        let kind = match self.peek() {
            Some('{') => self.nested(Self::object),
            Some('[') => self.nested(Self::array),
            Some('"') => JsonKind::String(self.string()),
            Some(c) if is_open_quote(c) => JsonKind::String(self.string()),
            Some(c) if c == '-' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_alphabetic() => self.word(),
            _ => {
                self.error_here("a JSON value");
                JsonKind::Null
            }
        };
        Json { pos, kind }
    }

    fn nested(&mut self, read: fn(&mut Self) -> JsonKind) -> JsonKind {
        if self.depth >= MAX_DEPTH {
            self.error_here(&format!("at most {MAX_DEPTH} levels of nesting"));
            // Nothing sensible can follow; consume the rest so callers stop here.
            while self.bump().is_some() {}
            return JsonKind::Null;
        }
        self.depth += 1;
        let kind = read(self);
        self.depth -= 1;
        kind
    }

    fn word(&mut self) -> JsonKind {
        let pos = self.pos;
        let start = self.at;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        match &self.src[start..self.at] {
            "true" => JsonKind::Bool(true),
            "false" => JsonKind::Bool(false),
            "null" => JsonKind::Null,
            other => {
                self.error(
                    pos,
                    format!("invalid JSON: expected a JSON value, found the bare word `{other}` (strings need double quotes)"),
                );
                JsonKind::String(other.to_string())
            }
        }
    }

    fn number(&mut self) -> JsonKind {
        let start = self.at;
        let pos = self.pos;
        if self.peek() == Some('-') {
            self.bump();
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.bump();
            }
            r.at - from
        };
        let int_start = self.at;
        let int_len = digits(self);
        let mut ok = int_len > 0 && !(int_len > 1 && self.src[int_start..].starts_with('0'));
        if self.peek() == Some('.') {
            self.bump();
            ok &= digits(self) > 0;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            self.bump();
            if matches!(self.peek(), Some('+' | '-')) {
                self.bump();
            }
            ok &= digits(self) > 0;
        }
        let raw = self.src[start..self.at].to_string();
        if !ok {
            self.error(
                pos,
                format!("invalid JSON: `{raw}` is not a JSON number (expected digits like `12`, `-3.5` or `1e9`)"),
            );
            return JsonKind::Number("0".to_string());
        }
        JsonKind::Number(raw)
    }

    /// Reports a typographic quote where JSON needs `"`, with its repair.
    fn typographic_quote(&mut self, pos: Pos, quote: char) {
        self.repairable(
            pos,
            format!(
                "invalid JSON: expected `\"`, found typographic quote {}",
                describe(Some(quote))
            ),
            vec![Edit {
                pos,
                remove: quote.to_string(),
                insert: "\"".to_string(),
            }],
        );
    }

    /// Reads a string. A typographic opening quote is reported and read as if it
    /// were `"`, closing at the next quote of either kind. In the recovery pass
    /// a typographic quote may also close a straight-quoted string (see
    /// [`Reader::closes_straight_string`]).
    fn string(&mut self) -> String {
        let pos = self.pos;
        let open = self.bump().unwrap_or('"');
        let typographic = open != '"';
        if typographic {
            self.typographic_quote(pos, open);
        }
        // A typographic string's closing quote is repaired with its opening
        // one: one error per string, not two.
        let opening = self.problems.len().checked_sub(1).filter(|_| typographic);
        let mut out = String::new();
        loop {
            let here = self.pos;
            match self.bump() {
                None | Some('\n') => {
                    self.error(
                        pos,
                        "invalid JSON: string is not closed before the end of the line",
                    );
                    return out;
                }
                Some('"') => return out,
                Some(c) if is_open_quote(c) && typographic => {
                    if let Some(problem) = opening.and_then(|i| self.problems.get_mut(i)) {
                        problem.repair.push(Edit {
                            pos: here,
                            remove: c.to_string(),
                            insert: "\"".to_string(),
                        });
                    }
                    return out;
                }
                Some(c) if is_open_quote(c) && self.closes_straight_string() => {
                    self.typographic_quote(here, c);
                    return out;
                }
                Some('\\') => self.escape(&mut out),
                Some(c) if (c as u32) < 0x20 => {
                    self.error(
                        here,
                        format!(
                            "invalid JSON: {} inside a string must be escaped",
                            describe(Some(c))
                        ),
                    );
                    out.push(c);
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// After a typographic quote inside a straight-quoted string, in the
    /// recovery pass: was it meant as the closing quote? Only if the string
    /// plausibly ends here (`:`, `,`, a closing bracket or the line's end
    /// follows) and the straight quotes left on the line pair up among
    /// themselves, so that none of them is this string's own closing quote
    /// (`"“:"` is a string; `"remark”: “x”` and `"key”: "value"` are damaged).
    fn closes_straight_string(&self) -> bool {
        if self.pass == Pass::Strict {
            return false;
        }
        let line = self.src[self.at..].lines().next().unwrap_or("");
        let rest = line.trim_start_matches([' ', '\t']);
        let ends_here = rest.is_empty() || rest.starts_with([':', ',', '}', ']']);
        let mut straight = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => straight += 1,
                _ => {}
            }
        }
        ends_here && straight % 2 == 0
    }

    /// A note pasted after a value on its line (`"ACTIVE" → not yet`,
    /// `-> only for Korea`): reported, with the repair that makes it a `//`
    /// comment, and read as one, so it stays in the member's docs.
    fn arrow_note(&mut self) -> Option<Comment> {
        let line = &self.src[self.at..];
        let gap = line.len() - line.trim_start_matches([' ', '\t']).len();
        let arrow = ["\u{2192}", "->"]
            .into_iter()
            .find(|a| line[gap..].starts_with(a))?;
        for _ in line[..gap].chars() {
            self.bump();
        }
        let pos = self.pos;
        self.repairable(
            pos,
            format!(
                "invalid JSON: expected `,` or `}}` after an object member, found `{arrow}`, a note pasted after the value"
            ),
            vec![Edit {
                pos,
                remove: arrow.to_string(),
                insert: "//".to_string(),
            }],
        );
        for _ in arrow.chars() {
            self.bump();
        }
        let rest = &self.src[self.at..];
        let len = rest.find('\n').unwrap_or(rest.len());
        let text = rest[..len].trim().to_string();
        self.skip_rest_of_line();
        Some(Comment {
            pos,
            text,
            own_line: false,
        })
    }

    /// Reports a missing comma where it belongs, at `end` (just after the
    /// value before it), rather than at the next member.
    fn missing_comma(&mut self, end: Pos, between: &str) {
        let next = self.pos;
        self.repairable(
            end,
            format!(
                "invalid JSON: expected `,` between {between} (the next one starts on line {})",
                next.line
            ),
            vec![comma_at(end)],
        );
    }

    fn escape(&mut self, out: &mut String) {
        let pos = self.pos;
        match self.bump() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let Some(first) = self.hex4() else {
                    self.error(
                        pos,
                        "invalid JSON: `\\u` must be followed by four hex digits",
                    );
                    return;
                };
                let code = if (0xD800..0xDC00).contains(&first)
                    && self.src[self.at..].starts_with("\\u")
                {
                    self.bump();
                    self.bump();
                    match self.hex4() {
                        Some(low) if (0xDC00..0xE000).contains(&low) => {
                            0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                        }
                        _ => 0xFFFD,
                    }
                } else {
                    first
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            other => {
                self.error(
                    pos,
                    format!(
                        "invalid JSON: expected an escape such as `\\n` or `\\u0041` after `\\`, found {}",
                        describe(other)
                    ),
                );
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.src.get(self.at..self.at + 4)?;
        let code = u32::from_str_radix(digits, 16).ok()?;
        if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        for _ in 0..4 {
            self.bump();
        }
        Some(code)
    }

    fn at_string_start(&self) -> bool {
        self.peek().is_some_and(|c| c == '"' || is_open_quote(c))
    }

    fn array(&mut self) -> JsonKind {
        self.bump(); // [
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                Some(']') => {
                    self.bump();
                    return JsonKind::Array(items);
                }
                None => {
                    self.error_here("`]` to close the array");
                    return JsonKind::Array(items);
                }
                _ => {}
            }
            let before = self.at;
            items.push(self.value());
            if self.at == before {
                // The value reader reported the problem; step over it.
                self.bump();
            }
            let end = self.pos;
            self.skip_trivia();
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(']') => {}
                Some(c) if starts_value(c) => {
                    self.missing_comma(end, "array items");
                }
                None => {}
                Some(_) => {
                    self.error_here("`,` or `]` after an array item");
                    self.skip_rest_of_line();
                }
            }
        }
    }

    fn object(&mut self) -> JsonKind {
        let open_line = self.pos.line;
        self.bump(); // {
        let mut members: Vec<Member> = Vec::new();
        let mut opening_note = None;
        loop {
            let comments = self.skip_trivia();
            commented_members(&comments, &mut members);
            if members.is_empty() && opening_note.is_none() {
                opening_note = comments
                    .into_iter()
                    .find(|c| c.pos.line == open_line)
                    .map(|c| c.text);
            }
            match self.peek() {
                Some('}') => {
                    self.bump();
                    self.opening_note = opening_note;
                    return JsonKind::Object(members);
                }
                None => {
                    self.error_here("`}` to close the object");
                    self.opening_note = opening_note;
                    return JsonKind::Object(members);
                }
                _ => {}
            }
            let Some(member) = self.member() else {
                // Unreadable member: skip its line and try the next one.
                self.skip_rest_of_line();
                continue;
            };
            let value_line = self.pos.line;
            let end = self.pos;
            members.push(member);
            let arrow = self.arrow_note();
            // A note pasted before the next member is one damage: its error
            // carries the missing comma's repair too, not a second error.
            let arrow_problem = arrow.as_ref().map(|_| self.problems.len() - 1);
            let mut comments = self.skip_trivia();
            comments.extend(arrow);
            let mut note = comments
                .iter()
                .find(|c| c.pos.line == value_line)
                .map(|c| c.text.clone());
            let mut later = Vec::new();
            commented_members(&comments, &mut later);
            match self.peek() {
                Some(',') => {
                    self.bump();
                    let arrow = self.arrow_note();
                    let mut after = self.skip_trivia();
                    after.extend(arrow);
                    commented_members(&after, &mut later);
                    if note.is_none() {
                        note = after
                            .iter()
                            .find(|c| c.pos.line == value_line)
                            .map(|c| c.text.clone());
                    }
                }
                Some('}') | None => {}
                Some(_) if self.at_string_start() => match arrow_problem {
                    Some(i) => self.problems[i].repair.insert(0, comma_at(end)),
                    None => self.missing_comma(end, "object members"),
                },
                Some(_) => {
                    self.error_here("`,` or `}` after an object member");
                    self.skip_rest_of_line();
                }
            }
            if let Some(last) = members.iter_mut().rev().find(|m| !m.commented_out) {
                last.note = last.note.take().or(note);
            }
            members.append(&mut later);
        }
    }

    fn member(&mut self) -> Option<Member> {
        let key_pos = self.pos;
        let key = if self.at_string_start() {
            self.string()
        } else {
            self.error_here("a member name in double quotes");
            return None;
        };
        self.skip_trivia();
        if self.peek() == Some(':') {
            self.bump();
        } else {
            self.error_here(&format!("`:` after member name \"{key}\""));
            if self.peek().is_none_or(|c| matches!(c, ',' | '}' | '\n')) {
                return None;
            }
        }
        let before = self.at;
        let mut value = self.value();
        if self.at == before {
            self.skip_rest_of_line();
            value.kind = JsonKind::Null;
        }
        // `"billingInfo": { // note` documents billingInfo, not its first member.
        let note = match value.kind {
            JsonKind::Object(_) => self.opening_note.take(),
            _ => None,
        };
        Some(Member {
            key,
            key_pos,
            value,
            note,
            commented_out: false,
        })
    }
}
