//! The pages, read once at start: what each page serves, the routes, the
//! token page and the callback pages. Nothing here changes while the server
//! runs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pivot_codegen::wire::{self, Segment};
use pivot_codegen::{Diagnostic, Source};

use crate::Error;

/// How a page's calls prove who is calling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    /// The Access Token call: the merchant's ID and secret in headers.
    Token,
    /// Every other Pivot call: `Authorization: Bearer <token>`.
    Bearer,
    /// A wallet (SNAP) call, signed: its documented headers (`X-SIGNATURE`,
    /// `X-TIMESTAMP`, ...) must be there, and a configured verifier judges
    /// the signature.
    Signed,
}

/// One page with a Pivot URL.
#[derive(Debug)]
pub(crate) struct Page {
    pub page: wire::Page,
    pub access: Access,
    /// The response example as compact JSON, what the page answers.
    pub answer: Option<Arc<[u8]>>,
    /// The same, parsed, for the answers the state changes.
    pub response: Option<serde_json::Value>,
    /// The members the page's request example shows, as paths
    /// (`payouts[].inquiryId`): which page of a route a call resembles.
    pub shown: BTreeSet<String>,
}

/// One method and path, and the pages that document it, in page order.
#[derive(Debug)]
pub(crate) struct Route {
    pub method: String,
    pub segments: Vec<RouteSegment>,
    pub pages: Vec<usize>,
}

/// A segment of a route's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RouteSegment {
    Static(String),
    Param,
}

impl Route {
    /// The path as the first page writes it, for messages (`/v2/payments/{id}`).
    pub fn template(&self, api: &Api) -> String {
        self.pages
            .first()
            .and_then(|&p| api.pages[p].page.path_template())
            .map(str::to_string)
            .unwrap_or_default()
    }

    /// The static segments before the first parameter: the collection a
    /// resource of the route lives in (`/v2/payments` for
    /// `/v2/payments/{id}/cancel`).
    pub fn collection(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            match segment {
                RouteSegment::Static(s) => {
                    out.push('/');
                    out.push_str(s);
                }
                RouteSegment::Param => break,
            }
        }
        out
    }

    /// The parameters' values in a path this route matched.
    pub fn params<'p>(&self, path: &[&'p str]) -> Vec<&'p str> {
        self.segments
            .iter()
            .zip(path)
            .filter(|(segment, _)| **segment == RouteSegment::Param)
            .map(|(_, value)| *value)
            .collect()
    }
}

/// A callback page: what Pivot POSTs to the merchant.
#[derive(Debug)]
pub(crate) struct Callback {
    pub example: Option<String>,
}

/// Everything the pages say, as the server uses it.
#[derive(Debug)]
pub(crate) struct Api {
    pub pages: Vec<Page>,
    /// Routes in the order their first page comes.
    pub routes: Vec<Route>,
    /// Callback pages by module name.
    pub callbacks: BTreeMap<String, Callback>,
}

impl Api {
    /// Whether a page issues tokens: without one, no call can show a token,
    /// and none is asked for.
    pub fn issues_tokens(&self) -> bool {
        self.pages.iter().any(|p| p.access == Access::Token)
    }
}

/// The pages a server is started with: files, directories of `*.txt`, and
/// page texts given directly.
#[derive(Debug, Default, Clone)]
pub(crate) struct PageSet {
    pub paths: Vec<PathBuf>,
    pub sources: Vec<Source>,
}

impl PageSet {
    /// Reads every page: a directory's pages in file-name order (the order
    /// the models are generated in), then the given texts.
    pub fn read(&self) -> Result<Vec<Source>, Error> {
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for path in &self.paths {
            let files = if path.is_dir() {
                let files = pivot_codegen::pages_in(path)
                    .map_err(|e| Error::Pages(format!("{}: {e}", path.display())))?;
                if files.is_empty() {
                    return Err(Error::Pages(format!(
                        "{}: no pages: expected documentation pages saved as `*.txt`",
                        path.display()
                    )));
                }
                files
            } else {
                vec![path.clone()]
            };
            for file in files {
                match Source::read(&file, &file.to_string_lossy()) {
                    Ok(source) => sources.push(source),
                    Err(problem) => problems.push(problem),
                }
            }
        }
        sources.extend(self.sources.iter().cloned());
        if !problems.is_empty() {
            return Err(Error::Pages(lines(&problems)));
        }
        if sources.is_empty() {
            return Err(Error::Pages("no pages given".to_string()));
        }
        Ok(sources)
    }
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Api {
    /// The API the pages document. A page with errors stops it, every
    /// error listed, as the models' build would stop.
    pub fn new(sources: &[Source]) -> Result<Api, Error> {
        let generated = pivot_codegen::generate(sources);
        let errors: Vec<Diagnostic> = generated.errors().cloned().collect();
        if !errors.is_empty() {
            return Err(Error::Pages(format!(
                "{}\n(`pivot fix <pages>` repairs known damage; `pivot check <pages>` says more)",
                lines(&errors)
            )));
        }
        let mut api = Api {
            pages: Vec::new(),
            routes: Vec::new(),
            callbacks: BTreeMap::new(),
        };
        for analysis in generated.analyses {
            let page = wire::Page::from(analysis);
            let Some(method) = page.method().map(str::to_string) else {
                continue;
            };
            let served = is_pivot_url(&page);
            let Some(segments) = page.path_segments().filter(|_| served).map(|segments| {
                segments
                    .into_iter()
                    .map(|s| match s {
                        Segment::Static(s) => RouteSegment::Static(s.to_string()),
                        Segment::Param(_) => RouteSegment::Param,
                    })
                    .collect::<Vec<_>>()
            }) else {
                if method.eq_ignore_ascii_case("POST") && page.has_request_body() {
                    let example = page.request_example().map(str::to_string);
                    api.callbacks
                        .insert(page.name().to_string(), Callback { example });
                }
                continue;
            };
            let response = page
                .response_example()
                .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok());
            let answer = response.as_ref().map(crate::handler::json_bytes);
            let shown = page
                .request_example()
                .and_then(|json| serde_json::from_str::<serde_json::Value>(json).ok())
                .map(|value| member_paths(&value))
                .unwrap_or_default();
            let page = Page {
                shown,
                access: access(&page),
                page,
                answer,
                response,
            };
            let index = api.pages.len();
            api.pages.push(page);
            match api
                .routes
                .iter_mut()
                .find(|r| r.method.eq_ignore_ascii_case(&method) && r.segments == segments)
            {
                Some(route) => route.pages.push(index),
                None => api.routes.push(Route {
                    method: method.to_ascii_uppercase(),
                    segments,
                    pages: vec![index],
                }),
            }
        }
        Ok(api)
    }

    /// The route of `method` and `path` (split at `/`, without the leading
    /// one): of the routes whose segments match, the one whose first
    /// differing segment is static, so `/xb/sender/list` is not
    /// `/xb/sender/:id`. `Err` holds the methods the path has, for a 405.
    pub fn find(&self, method: &str, path: &[&str]) -> Result<usize, Vec<String>> {
        let mut best: Option<usize> = None;
        let mut methods = Vec::new();
        for (index, route) in self.routes.iter().enumerate() {
            if !matches(&route.segments, path) {
                continue;
            }
            if !route.method.eq_ignore_ascii_case(method) {
                if !methods.contains(&route.method) {
                    methods.push(route.method.clone());
                }
                continue;
            }
            best = match best {
                Some(b) if !more_static(&route.segments, &self.routes[b].segments) => Some(b),
                _ => Some(index),
            };
        }
        methods.sort();
        best.ok_or(methods)
    }

    /// The route `method` and a path (`/v2/payments/{id}` or
    /// `/v2/payments/abc`) name, for the test controls.
    pub fn route_named(&self, method: &str, path: &str) -> Result<usize, Error> {
        let path = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
        self.find(method, &segments)
            .map_err(|_| Error::UnknownRoute(format!("{method} {path}")))
    }
}

/// Whether the page's URL is Pivot's: `[BASE_URL]...` (any spelling of
/// it: `[BASE URL]`, `[BASE\_URL]`) or a URL with a host. A bracket naming
/// anything else (`[Merchant Callback URL]`) is the merchant's: such a page
/// is a callback, whatever path the engine reads in it.
fn is_pivot_url(page: &wire::Page) -> bool {
    let Some(url) = page.url() else {
        return false;
    };
    let raw = url.trim().replace("\\_", "_");
    match raw.strip_prefix('[').and_then(|rest| rest.split_once(']')) {
        Some((name, _)) => name
            .replace('_', " ")
            .trim()
            .eq_ignore_ascii_case("BASE URL"),
        None => raw.contains("://"),
    }
}

/// The Access Token page documents the merchant's ID and secret as
/// headers; a wallet (SNAP) page documents its signature.
fn access(page: &wire::Page) -> Access {
    let documents = |name: &str| page.documents_request_header(name);
    if documents("X-SIGNATURE") {
        Access::Signed
    } else if documents("X-MERCHANT-ID") && documents("X-MERCHANT-SECRET") {
        Access::Token
    } else {
        Access::Bearer
    }
}

/// Every member of a body as a path, array items as `[]`
/// (`payouts[].amount.value`).
pub(crate) fn member_paths(body: &serde_json::Value) -> BTreeSet<String> {
    fn walk(value: &serde_json::Value, path: &mut String, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(members) => {
                for (key, member) in members {
                    let mark = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    out.insert(path.clone());
                    walk(member, path, out);
                    path.truncate(mark);
                }
            }
            serde_json::Value::Array(items) => {
                let mark = path.len();
                path.push_str("[]");
                for item in items {
                    walk(item, path, out);
                }
                path.truncate(mark);
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(body, &mut String::new(), &mut out);
    out
}

fn matches(route: &[RouteSegment], path: &[&str]) -> bool {
    route.len() == path.len()
        && route.iter().zip(path).all(|(segment, sent)| match segment {
            RouteSegment::Static(s) => s == sent,
            RouteSegment::Param => !sent.is_empty(),
        })
}

/// Whether `a` is static where `b`, matching the same path, first has a
/// parameter.
fn more_static(a: &[RouteSegment], b: &[RouteSegment]) -> bool {
    for (a, b) in a.iter().zip(b) {
        match (a, b) {
            (RouteSegment::Static(_), RouteSegment::Param) => return true,
            (RouteSegment::Param, RouteSegment::Static(_)) => return false,
            _ => {}
        }
    }
    false
}

/// The paths named on a command line or in a builder.
pub(crate) fn page_paths(paths: impl IntoIterator<Item = impl AsRef<Path>>) -> Vec<PathBuf> {
    paths
        .into_iter()
        .map(|p| p.as_ref().to_path_buf())
        .collect()
}
