//! A documentation page split into its parts: title, summary, method and URL,
//! header and query tables, and the request and response bodies with their
//! field tables. This stage only finds where things are; it does not look at
//! what the JSON means.

use super::json::{self, Json};
use super::table::{self, Line, Row};
use crate::diag::{Ctxt, Edit, Pos};

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    /// Summary and free-text lines above the first section.
    pub summary: Vec<String>,
    pub method: Option<String>,
    pub url: Option<Url>,
    pub request: Option<Body>,
    pub response: Option<Body>,
    /// Header, query and other parameter tables, in page order.
    pub params: Vec<ParamTable>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A page's URL line, read.
pub struct Url {
    /// The URL line as written.
    pub raw: String,
    /// The path without base-URL placeholder, host or query string, when the line
    /// has one (`/v2/payments/{id}`); callback pages have none.
    pub path: Option<String>,
    /// The path's parameters (`{id}`, `:id`), in order.
    pub path_params: Vec<String>,
    /// The query parameters the URL line shows.
    pub query_params: Vec<String>,
}

/// One segment of a page's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'p> {
    /// Text the path must have as it is (`payments`).
    Static(&'p str),
    /// A path parameter (`{id}`, `:id`, `:{id}`, `{{id}}`), by its name.
    Param(&'p str),
}

/// The segments of a path after its leading `/`: the one reading of a
/// parameter for the parameters' list, the generated `path()` and the mock.
pub fn segments(path: &str) -> impl Iterator<Item = Segment<'_>> {
    let path = path.strip_prefix('/').unwrap_or(path);
    path.split('/').map(|segment| {
        let name = segment.trim_start_matches(':').trim_matches(['{', '}']);
        let is_param = (segment.starts_with(':') || segment.starts_with('{')) && !name.is_empty();
        if is_param {
            Segment::Param(name)
        } else {
            Segment::Static(segment)
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// Which body of an endpoint.
pub enum Side {
    /// What the client sends.
    Request,
    /// What the server answers.
    Response,
}

impl Side {
    /// `Request` or `Response`: also the root type's name.
    pub fn name(self) -> &'static str {
        match self {
            Side::Request => "Request",
            Side::Response => "Response",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub side: Side,
    pub pos: Pos,
    /// The example body, when the page shows one as JSON.
    pub example: Option<Json>,
    /// The rows of the body's field table.
    pub fields: Vec<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
/// What a parameter table documents.
pub enum ParamKind {
    /// Request or response headers.
    Header,
    /// Query parameters.
    Query,
    /// Path parameters.
    Path,
    /// A form body written as a `Key` / `Value` table instead of JSON.
    Form,
}

impl ParamKind {
    /// The table's title in docs.
    pub fn title(self) -> &'static str {
        match self {
            ParamKind::Header => "Headers",
            ParamKind::Query => "Query parameters",
            ParamKind::Path => "Path parameters",
            ParamKind::Form => "Form fields",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A table of headers, query, path or form parameters.
pub struct ParamTable {
    /// What it documents.
    pub kind: ParamKind,
    /// The body it belongs to.
    pub side: Side,
    /// Its heading as written.
    pub heading: String,
    /// Where the heading is.
    pub pos: Pos,
    /// Its rows.
    pub rows: Vec<Row>,
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/// What a heading line announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    Side(Side),
    Body(Side),
    Params(ParamKind),
    /// `Detail Parameter Request`, `Detail Amount Object`: the body's table.
    FieldTable(Option<Side>),
    End,
}

/// The words a heading can start with (see [`heading`]'s patterns).
const HEADING_STARTS: &[&str] = &[
    "request", "response", "last", "header", "headers", "query", "path", "detail",
];

fn heading(text: &str) -> Option<Heading> {
    // Asked of every line: most are prose or JSON, and fail on their first
    // word without the lowercase copy.
    let first = text.split_whitespace().next()?;
    if !HEADING_STARTS.iter().any(|w| first.eq_ignore_ascii_case(w)) {
        return None;
    }
    let lower = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let side_word = |w: &str| match w {
        "request" => Some(Side::Request),
        "response" => Some(Side::Response),
        _ => None,
    };
    match words.as_slice() {
        [w] if side_word(w).is_some() => side_word(w).map(Heading::Side),
        [w, "body"] if side_word(w).is_some() => side_word(w).map(Heading::Body),
        ["last", "updated"] => Some(Heading::End),
        ["request" | "response", "header" | "headers"]
        | ["header" | "headers", "request" | "response"] => {
            Some(Heading::Params(ParamKind::Header))
        }
        ["request", "params"] | ["query", "options"] => Some(Heading::Params(ParamKind::Query)),
        ["query" | "path", "parameter" | "parameters" | "params"]
        | ["detail", "query" | "path", "parameter" | "parameters"] => {
            if lower.contains("path") {
                Some(Heading::Params(ParamKind::Path))
            } else {
                Some(Heading::Params(ParamKind::Query))
            }
        }
        ["detail", "parameter", w] => Some(Heading::FieldTable(side_word(w))),
        [w, "parameter", "detail"] if side_word(w).is_some() => {
            Some(Heading::FieldTable(side_word(w)))
        }
        ["detail", .., "object"] if words.len() <= 6 => Some(Heading::FieldTable(None)),
        _ => None,
    }
}

/// Splits a page into its parts. Every problem goes to `cx`; the returned page
/// holds whatever could be read.
pub fn parse(text: &str, cx: &mut Ctxt) -> Page {
    let lines: Vec<Line<'_>> = text
        .lines()
        .enumerate()
        .map(|(i, raw)| {
            let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
            Line {
                pos: Pos::new(i as u32 + 1, indent as u32 + 1),
                text: raw.trim(),
            }
        })
        .collect();
    let mut page = Page {
        title: None,
        summary: Vec::new(),
        method: None,
        url: None,
        request: None,
        response: None,
        params: Vec::new(),
    };
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].text.is_empty())
        .collect();
    if nonblank.is_empty() {
        cx.error(
            Pos::new(1, 1),
            "the page is empty: expected a title line, then the method, URL and bodies",
        );
        return page;
    }
    let mut at = read_preamble(&lines, &nonblank, &mut page);
    let mut side = Side::Request;
    let mut region_start: Option<(Region, usize)> = None;
    let close = |region: Option<(Region, usize)>, end: usize, page: &mut Page, cx: &mut Ctxt| {
        if let Some((region, start)) = region {
            let cells: Vec<Line<'_>> = nonblank[start..end].iter().map(|&i| lines[i]).collect();
            finish_region(region, &cells, page, cx);
        }
    };
    while at < nonblank.len() {
        let line = lines[nonblank[at]];
        let Some(h) = heading(line.text) else {
            if region_start.is_none() {
                // Text between sections: a table with no heading of its own.
                region_start = Some((Region::Loose(side), at));
            }
            at += 1;
            continue;
        };
        close(region_start.take(), at, &mut page, cx);
        at += 1;
        match h {
            Heading::End => {
                if let Some(&extra) = nonblank.get(at) {
                    // Anything after "Last updated" is site chrome; say so once.
                    cx.warning(
                        lines[extra].pos,
                        "text after `Last updated` is not part of the page and was skipped",
                    );
                }
                break;
            }
            Heading::Side(s) => side = s,
            Heading::Params(kind) => region_start = Some((Region::Params(kind, side, line), at)),
            Heading::FieldTable(named) => {
                side = named.unwrap_or(side);
                region_start = Some((Region::Fields(side), at));
            }
            Heading::Body(s) => {
                side = s;
                at = read_body(&lines, &nonblank, at, s, line.pos, &mut page, cx);
                region_start = Some((Region::Fields(side), at));
            }
        }
    }
    close(region_start.take(), nonblank.len(), &mut page, cx);
    page
}

/// Title, summary, method and URL: everything above the first heading.
fn read_preamble(lines: &[Line<'_>], nonblank: &[usize], page: &mut Page) -> usize {
    page.title = Some(lines[nonblank[0]].text.to_string());
    let mut at = 1;
    while let Some(&i) = nonblank.get(at) {
        let text = lines[i].text;
        if heading(text).is_some() {
            break;
        }
        if page.method.is_none() && METHODS.contains(&text) {
            page.method = Some(text.to_string());
            if let Some(&next) = nonblank.get(at + 1)
                && heading(lines[next].text).is_none()
            {
                page.url = Some(parse_url(lines[next].text));
                at += 1;
            }
        } else {
            page.summary.push(text.to_string());
        }
        at += 1;
    }
    at
}

#[derive(Debug, Clone, Copy)]
enum Region<'a> {
    Fields(Side),
    Params(ParamKind, Side, Line<'a>),
    /// Lines under a side heading that no table heading announced.
    Loose(Side),
}

fn finish_region(region: Region<'_>, cells: &[Line<'_>], page: &mut Page, cx: &mut Ctxt) {
    if cells.is_empty() {
        return;
    }
    match region {
        Region::Params(kind, side, heading) => page.params.push(ParamTable {
            kind,
            side,
            heading: heading.text.to_string(),
            pos: heading.pos,
            rows: table::parse(cells, cx),
        }),
        Region::Fields(side) | Region::Loose(side) => {
            let rows = table::parse(cells, cx);
            if rows.is_empty() {
                return;
            }
            let body = match side {
                Side::Request => &mut page.request,
                Side::Response => &mut page.response,
            };
            body.get_or_insert_with(|| Body {
                side,
                pos: cells[0].pos,
                example: None,
                fields: Vec::new(),
            })
            .fields
            .extend(rows);
        }
    }
}

/// Reads the example after a `Request Body` / `Response Body` heading; returns
/// the index (into `nonblank`) of the first line after it.
fn read_body(
    lines: &[Line<'_>],
    nonblank: &[usize],
    at: usize,
    side: Side,
    heading_pos: Pos,
    page: &mut Page,
    cx: &mut Ctxt,
) -> usize {
    let slot = match side {
        Side::Request => &mut page.request,
        Side::Response => &mut page.response,
    };
    if slot.is_some() {
        cx.error(
            heading_pos,
            format!(
                "a second `{} Body` section: a page documents one request body and one response body",
                side.name()
            ),
        );
    }
    let first = nonblank.get(at).map(|&i| lines[i]);
    let Some(first) = first.filter(|l| starts_like_json(l.text)) else {
        // No JSON: either no body (HTTP 204) or a form written as a table,
        // which the caller reads as the body's field table.
        if let Some(first) = first.filter(|l| l.text.eq_ignore_ascii_case("key")) {
            let end = next_heading(lines, nonblank, at);
            let cells: Vec<Line<'_>> = nonblank[at..end].iter().map(|&i| lines[i]).collect();
            page.params.push(ParamTable {
                kind: ParamKind::Form,
                side,
                heading: format!("{} Body", side.name()),
                pos: first.pos,
                rows: table::parse(&cells, cx),
            });
            return end;
        }
        *slot = Some(Body {
            side,
            pos: heading_pos,
            example: None,
            fields: Vec::new(),
        });
        return at;
    };
    // The JSON reader decides where the block ends; hand it the rest of the page.
    let start_line = first.pos.line as usize - 1;
    let rest = lines[start_line..]
        .iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n");
    let block_end = block_end(&rest);
    let block = &rest[..block_end];
    let json::Parsed {
        value: example,
        used,
        problems,
    } = json::parse(block, Pos::new(first.pos.line, 1));
    // The reader saw trimmed lines; shift its columns back to the page's.
    let on_page = |pos: Pos| {
        let indent = lines
            .get(pos.line as usize - 1)
            .map_or(0, |l| l.pos.col - 1);
        Pos::new(pos.line, pos.col + indent)
    };
    for problem in problems {
        let repair: Vec<Edit> = problem
            .repair
            .into_iter()
            .map(|edit| Edit {
                pos: on_page(edit.pos),
                ..edit
            })
            .collect();
        if repair.is_empty() {
            cx.error(on_page(problem.pos), problem.message);
        } else {
            cx.repairable(on_page(problem.pos), problem.message, repair);
        }
    }
    let trailing = block[used..].trim();
    if !trailing.is_empty() {
        let line_no = first.pos.line + block[..used].matches('\n').count() as u32;
        cx.error(
            Pos::new(line_no, 1),
            format!(
                "invalid JSON: expected the end of the {} body, found `{}`",
                side.name().to_ascii_lowercase(),
                trailing.lines().next().unwrap_or("")
            ),
        );
    }
    *slot = Some(Body {
        side,
        pos: heading_pos,
        example: Some(example),
        fields: Vec::new(),
    });
    let last_line = first.pos.line + block.trim_end().matches('\n').count() as u32;
    nonblank
        .iter()
        .position(|&i| lines[i].pos.line > last_line)
        .unwrap_or(nonblank.len())
}

/// A body is JSON when its first line starts like a JSON value; a typographic
/// quote still counts, so its error can be reported where it is.
fn starts_like_json(text: &str) -> bool {
    let word = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or("");
    text.starts_with(['{', '[', '"', '-', '\u{201C}'])
        || text.starts_with(|c: char| c.is_ascii_digit())
        || matches!(word, "true" | "false" | "null")
}

fn next_heading(lines: &[Line<'_>], nonblank: &[usize], from: usize) -> usize {
    (from..nonblank.len())
        .find(|&k| heading(lines[nonblank[k]].text).is_some())
        .unwrap_or(nonblank.len())
}

/// Where a JSON block ends: when its brackets balance (outside strings and
/// comments), or failing that at the first heading line.
fn block_end(rest: &str) -> usize {
    let mut depth = 0i64;
    // The quote that opened the string we are in: a straight-quoted string
    // holds typographic quotes as text; a typographic one (damage) closes at
    // any quote.
    let mut in_string: Option<char> = None;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let mut chars = line.chars().peekable();
        let mut escaped = false;
        while let Some(c) = chars.next() {
            if let Some(open) = in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = None,
                    '\u{201C}' | '\u{201D}' if open != '"' => in_string = None,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' | '\u{201C}' | '\u{201D}' => in_string = Some(c),
                '/' if chars.peek() == Some(&'/') => break,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        // A string never spans lines in these pages; an unclosed one ends here.
        in_string = None;
        offset += line.len();
        if depth <= 0 {
            return offset;
        }
        if offset < rest.len() && heading(rest[offset..].lines().next().unwrap_or("")).is_some() {
            return offset;
        }
    }
    rest.len()
}

/// `[BASE_URL]/v2/payments/{id}`, `[BASE URL]/xb/payouts/:id`,
/// `https://api-stg.example.com/v2/x?from={from}`, `(merchant callback URL)`,
/// `[Merchant Callback URL]`.
pub fn parse_url(raw: &str) -> Url {
    let text = raw.trim().replace("\\_", "_");
    // A bracketed placeholder names Pivot's base URL, unless it names the
    // merchant's callback URL: that page is a callback, not a Pivot route.
    let callback_placeholder = text.starts_with('[')
        && text
            .find(']')
            .is_some_and(|close| text[..close].to_ascii_lowercase().contains("callback"));
    let after_base = if callback_placeholder {
        None
    } else if let Some(close) = text.find(']').filter(|_| text.starts_with('[')) {
        Some(text[close + 1..].to_string())
    } else if let Some(scheme) = text.find("://") {
        let after = &text[scheme + 3..];
        Some(
            after
                .find('/')
                .map(|i| after[i..].to_string())
                .unwrap_or_default(),
        )
    } else if text.contains('/') && !text.contains(' ') && !text.starts_with('(') {
        // A merchant's own host, `www.example.com/payment_callback_url`: not ours.
        None
    } else {
        None
    };
    let Some(after) = after_base else {
        return Url {
            raw: raw.trim().to_string(),
            path: None,
            path_params: Vec::new(),
            query_params: Vec::new(),
        };
    };
    let (path, query) = match after.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (after.clone(), String::new()),
    };
    let mut path = path.trim().to_string();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let path_params = segments(&path)
        .filter_map(|segment| match segment {
            Segment::Param(name) => Some(name.to_string()),
            Segment::Static(_) => None,
        })
        .collect();
    let query_params = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    Url {
        raw: raw.trim().to_string(),
        path: Some(path),
        path_params,
        query_params,
    }
}
