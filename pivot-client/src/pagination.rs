//! Pages of a list endpoint, until the last.
//!
//! The list pages answer with a `pagination` object in three shapes:
//! `page`/`perPage`/`totalItems`/`totalPages` (list_payment_sessions),
//! `page`/`perPage`/`totalPage`/`totalData` (list_transfers), and
//! `page`/`per_page`/`total_items`/`total_pages` inside `data` beside the
//! `results` (the international payout master lists). [`PageInfo::read`]
//! reads all three from the raw body, so it works for any page's
//! `Response`.
//!
//! [`Pager`] decides, without I/O, which page to ask for next: the call is
//! sent as it is (its filters kept), with only the `page` query parameter
//! set to the next number. It stops
//! - after the last page (`page >= totalPages`, or fewer items than
//!   `perPage`),
//! - on an empty page (not yielded, unless it is the first),
//! - when the page number does not advance (a server that ignores `page`:
//!   the repeat is not yielded),
//! - on an answer without pagination (one page), and
//! - after [`Pager::max_pages`] pages in any case.

use serde::Deserialize;
use serde::de::IgnoredAny;

/// What an answer says of its page. Every member may be missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageInfo {
    /// `page`: this page's number (1 first).
    pub page: Option<u64>,
    /// `perPage` / `per_page`.
    pub per_page: Option<u64>,
    /// `totalItems` / `totalData` / `total_items`.
    pub total_items: Option<u64>,
    /// `totalPages` / `totalPage` / `total_pages`.
    pub total_pages: Option<u64>,
    /// The items on this page: the length of `data` (an array) or of
    /// `data.results`.
    pub items: Option<u64>,
}

#[derive(Deserialize, Default)]
struct Body {
    #[serde(default)]
    pagination: Option<Pagination>,
    #[serde(default)]
    data: Option<Data>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Data {
    List(Vec<IgnoredAny>),
    Object {
        #[serde(default)]
        results: Option<Vec<IgnoredAny>>,
        #[serde(default)]
        pagination: Option<Pagination>,
    },
    Other(IgnoredAny),
}

#[derive(Deserialize, Default, Clone, Copy)]
struct Pagination {
    #[serde(default, deserialize_with = "number")]
    page: Option<u64>,
    #[serde(default, alias = "per_page", deserialize_with = "number")]
    #[serde(rename = "perPage")]
    per_page: Option<u64>,
    #[serde(
        default,
        alias = "total_items",
        alias = "totalData",
        deserialize_with = "number"
    )]
    #[serde(rename = "totalItems")]
    total_items: Option<u64>,
    #[serde(
        default,
        alias = "total_pages",
        alias = "totalPage",
        deserialize_with = "number"
    )]
    #[serde(rename = "totalPages")]
    total_pages: Option<u64>,
}

/// A count sent as a number or as text.
fn number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

impl PageInfo {
    /// Reads an answer's body; a body it cannot read says nothing.
    pub fn read(body: &[u8]) -> PageInfo {
        let body: Body = serde_json::from_slice(body).unwrap_or_default();
        let (items, inner) = match body.data {
            Some(Data::List(items)) => (Some(items.len() as u64), None),
            Some(Data::Object {
                results,
                pagination,
            }) => (results.map(|r| r.len() as u64), pagination),
            _ => (None, None),
        };
        let p = body.pagination.or(inner).unwrap_or_default();
        PageInfo {
            page: p.page,
            per_page: p.per_page,
            total_items: p.total_items,
            total_pages: p.total_pages,
            items,
        }
    }

    fn is_paginated(&self) -> bool {
        self.page.is_some()
            || self.per_page.is_some()
            || self.total_pages.is_some()
            || self.total_items.is_some()
    }
}

/// What to do with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Hand this page over, then ask for page `next`.
    Yield {
        /// The next page's number, `None` after the last.
        next: Option<u64>,
    },
    /// Stop without handing this page over (empty, or a repeat).
    Stop,
}

/// Which page comes next; no I/O.
#[derive(Debug, Clone)]
pub struct Pager {
    page_param: String,
    first_page: u64,
    max_pages: u64,
    seen: u64,
    last_page: Option<u64>,
}

impl Default for Pager {
    fn default() -> Self {
        Pager {
            page_param: "page".to_string(),
            first_page: 1,
            max_pages: 10_000,
            seen: 0,
            last_page: None,
        }
    }
}

impl Pager {
    /// Pages asked for as `page=N`, from 1, at most 10,000.
    pub fn new() -> Self {
        Self::default()
    }

    /// The query parameter that names the page (`page`).
    pub fn page_param(mut self, name: &str) -> Self {
        self.page_param = name.to_string();
        self
    }

    /// The first page to ask for.
    pub fn first_page(mut self, page: u64) -> Self {
        self.first_page = page;
        self
    }

    /// The most pages to hand over.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = pages;
        self
    }

    /// The first page's number.
    pub fn first(&self) -> u64 {
        self.first_page
    }

    /// `target` (a path and query) with the page parameter set to `page`,
    /// every other parameter kept as it was.
    pub fn target(&self, target: &str, page: u64) -> String {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut pairs: Vec<String> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| pair.split('=').next() != Some(self.page_param.as_str()))
            .map(str::to_string)
            .collect();
        pairs.push(format!("{}={page}", self.page_param));
        format!("{path}?{}", pairs.join("&"))
    }

    /// The answer to the request for page `asked`: what to do with it.
    pub fn step(&mut self, asked: u64, info: &PageInfo) -> Step {
        let page = info.page.unwrap_or(asked);
        let first = self.seen == 0;
        if !first && (info.items == Some(0) || self.last_page.is_some_and(|last| page <= last)) {
            return Step::Stop;
        }
        self.seen += 1;
        self.last_page = Some(page);
        let last = !info.is_paginated()
            || info.items == Some(0)
            || info.total_pages.is_some_and(|total| page >= total)
            || matches!((info.items, info.per_page), (Some(n), Some(per)) if n < per)
            || info
                .total_items
                .zip(info.per_page)
                .is_some_and(|(total, per)| per > 0 && page.saturating_mul(per) >= total)
            || self.seen >= self.max_pages;
        Step::Yield {
            next: (!last).then(|| page.saturating_add(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_shapes_are_read() {
        let camel = br#"{"data": [{}, {}], "pagination": {"page": 1, "perPage": 10, "totalItems": 2, "totalPages": 1}}"#;
        let transfers = br#"{"data": [{}], "pagination": {"page": 2, "perPage": 10, "totalPage": 10, "totalData": 100}}"#;
        let snake = br#"{"code": "00", "data": {"results": [{}, {}, {}], "pagination": {"page": 1, "per_page": 10, "total_items": 29, "total_pages": 3, "fetch_all": false}}}"#;
        assert_eq!(
            PageInfo::read(camel),
            PageInfo {
                page: Some(1),
                per_page: Some(10),
                total_items: Some(2),
                total_pages: Some(1),
                items: Some(2)
            }
        );
        assert_eq!(
            PageInfo::read(transfers),
            PageInfo {
                page: Some(2),
                per_page: Some(10),
                total_items: Some(100),
                total_pages: Some(10),
                items: Some(1)
            }
        );
        assert_eq!(
            PageInfo::read(snake),
            PageInfo {
                page: Some(1),
                per_page: Some(10),
                total_items: Some(29),
                total_pages: Some(3),
                items: Some(3)
            }
        );
        assert_eq!(PageInfo::read(b"not json"), PageInfo::default());
    }

    #[test]
    fn the_page_parameter_replaces_only_itself() {
        let pager = Pager::new();
        assert_eq!(
            pager.target("/v1/transfers?referenceId=a%26b&page=1", 3),
            "/v1/transfers?referenceId=a%26b&page=3"
        );
        assert_eq!(pager.target("/v2/payments", 2), "/v2/payments?page=2");
        assert_eq!(pager.target("/x?pageSize=5", 2), "/x?pageSize=5&page=2");
    }

    #[test]
    fn a_server_that_ignores_the_page_stops_after_one() {
        let mut pager = Pager::new();
        let info = PageInfo {
            page: Some(1),
            per_page: Some(2),
            total_items: Some(10),
            total_pages: Some(5),
            items: Some(2),
        };
        assert_eq!(pager.step(1, &info), Step::Yield { next: Some(2) });
        assert_eq!(pager.step(2, &info), Step::Stop);
    }
}
