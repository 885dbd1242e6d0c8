//! Pagination always ends, and an honest server's items all arrive once.
//!
//! The property drives [`Pager`] against simulated servers of every shape
//! and misbehaviour (the page parameter ignored, totals that lie, page
//! numbers left out or stuck, counts sent as text), from a fixed seed:
//! `cargo test` checks the same 256 cases on every run.
//! `PIVOT_FUZZ_CASES=N` runs N from a random seed, which it prints, and
//! `PIVOT_FUZZ_SEED=S` replays one. The loopback tests then check that the
//! client keeps the call's filters on every page.

mod support;

mod pages {
    pivot_macros::models!("tests/pages");
}

use pivot_client::pagination::{PageInfo, Pager, Step};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use serde_json::json;
use support::{FakePivot, MERCHANT_ID, MERCHANT_SECRET};

const DEFAULT_SEED: u64 = 0x5049_564f_5432; // "PIVOT2"

fn config() -> Config {
    let number = |var: &str| {
        std::env::var(var)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    let (cases, seed) = match (number("PIVOT_FUZZ_CASES"), number("PIVOT_FUZZ_SEED")) {
        (None, None) => (256, DEFAULT_SEED),
        (cases, seed) => (
            cases.unwrap_or(256) as u32,
            seed.unwrap_or_else(|| {
                use std::hash::{BuildHasher, Hasher};
                std::collections::hash_map::RandomState::new()
                    .build_hasher()
                    .finish()
            }),
        ),
    };
    eprintln!("pagination: {cases} cases from seed {seed}");
    Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

#[derive(Debug, Clone, Copy)]
enum Shape {
    /// page/perPage/totalItems/totalPages beside `data`.
    Camel,
    /// page/perPage/totalPage/totalData.
    Transfers,
    /// snake_case inside `data` beside `results`.
    Snake,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Behaviour {
    Honest,
    /// Always answers page 1.
    IgnoresPage,
    /// Says there are `n` times more pages than there are; the pages past
    /// the end are empty.
    InflatesTotals(u64),
    /// Leaves out the page number and the totals, keeps perPage.
    NoTotals,
    /// Answers page `n` for every request past it.
    StuckAt(u64),
    /// Counts as text ("3").
    TextCounts,
}

#[derive(Debug, Clone)]
struct Server {
    items: u64,
    per_page: u64,
    shape: Shape,
    behaviour: Behaviour,
}

impl Server {
    fn answer(&self, asked: u64) -> String {
        let page = match self.behaviour {
            Behaviour::IgnoresPage => 1,
            Behaviour::StuckAt(n) if asked > n => n,
            _ => asked,
        };
        let start = (page.saturating_sub(1)).saturating_mul(self.per_page);
        let items: Vec<_> = (start..self.items.min(start.saturating_add(self.per_page)))
            .map(|i| json!({"id": i.to_string()}))
            .collect();
        let pages = self.items.div_ceil(self.per_page).max(1);
        let (total_items, total_pages) = match self.behaviour {
            Behaviour::InflatesTotals(n) => (self.items * n, pages * n),
            _ => (self.items, pages),
        };
        let count = |n: u64| {
            if self.behaviour == Behaviour::TextCounts {
                json!(n.to_string())
            } else {
                json!(n)
            }
        };
        let mut pagination = match self.shape {
            Shape::Camel => {
                json!({"page": count(page), "perPage": count(self.per_page), "totalItems": count(total_items), "totalPages": count(total_pages)})
            }
            Shape::Transfers => {
                json!({"page": count(page), "perPage": count(self.per_page), "totalPage": count(total_pages), "totalData": count(total_items)})
            }
            Shape::Snake => {
                json!({"page": count(page), "per_page": count(self.per_page), "total_items": count(total_items), "total_pages": count(total_pages), "fetch_all": false})
            }
        };
        if self.behaviour == Behaviour::NoTotals {
            let map = pagination.as_object_mut().unwrap();
            map.retain(|k, _| k == "perPage" || k == "per_page");
        }
        match self.shape {
            Shape::Snake => {
                json!({"code": "00", "data": {"results": items, "pagination": pagination}})
            }
            _ => json!({"code": "00", "data": items, "pagination": pagination}),
        }
        .to_string()
    }
}

/// Drives a pager over `server`: the items handed over and the requests made.
fn drain(server: &Server) -> (Vec<u64>, u64) {
    let mut pager = Pager::new();
    let mut next = Some(pager.first());
    let (mut items, mut requests) = (Vec::new(), 0);
    while let Some(page) = next.take() {
        requests += 1;
        assert!(requests <= 10_001, "pagination did not end: {server:?}");
        let body = server.answer(page);
        match pager.step(page, &PageInfo::read(body.as_bytes())) {
            Step::Stop => break,
            Step::Yield { next: following } => {
                let value: serde_json::Value = serde_json::from_str(&body).unwrap();
                let list = value["data"]
                    .as_array()
                    .or(value["data"]["results"].as_array())
                    .unwrap();
                items.extend(
                    list.iter()
                        .map(|i| i["id"].as_str().unwrap().parse::<u64>().unwrap()),
                );
                next = following;
            }
        }
    }
    (items, requests)
}

fn servers() -> impl Strategy<Value = Server> {
    let shape = prop_oneof![
        Just(Shape::Camel),
        Just(Shape::Transfers),
        Just(Shape::Snake)
    ];
    let behaviour = prop_oneof![
        3 => Just(Behaviour::Honest),
        1 => Just(Behaviour::IgnoresPage),
        1 => (2u64..50).prop_map(Behaviour::InflatesTotals),
        1 => Just(Behaviour::NoTotals),
        1 => (1u64..5).prop_map(Behaviour::StuckAt),
        1 => Just(Behaviour::TextCounts),
    ];
    (0u64..300, 1u64..25, shape, behaviour).prop_map(|(items, per_page, shape, behaviour)| Server {
        items,
        per_page,
        shape,
        behaviour,
    })
}

#[test]
fn pagination_always_ends_and_an_honest_server_gives_every_item_once() {
    proptest!(config(), |(server in servers())| {
        let (items, requests) = drain(&server);
        let pages = server.items.div_ceil(server.per_page).max(1);
        // Never more requests than pages and one more (the empty page or
        // the repeat that ends it).
        prop_assert!(requests <= pages + 1, "{requests} requests for {pages} pages: {server:?}");
        let all: Vec<u64> = (0..server.items).collect();
        match server.behaviour {
            Behaviour::Honest | Behaviour::TextCounts | Behaviour::InflatesTotals(_) | Behaviour::NoTotals => {
                prop_assert_eq!(items, all, "{:?}", server);
            }
            // What can be had: no item twice, none out of order.
            Behaviour::IgnoresPage | Behaviour::StuckAt(_) => {
                prop_assert!(items.windows(2).all(|w| w[0] < w[1]), "{:?}", server);
            }
        }
    });
}

fn client(server: &FakePivot) -> pivot_client::Client {
    pivot_client::Client::new(pivot_client::Config::new(
        server.base_url(),
        MERCHANT_ID,
        MERCHANT_SECRET,
    ))
}

/// 7 transfers, 3 a page, in list_transfers' shape.
fn transfers(seen: &support::Seen) -> (u16, String) {
    let page: u64 = seen.query("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    let server = Server {
        items: 7,
        per_page: 3,
        shape: Shape::Transfers,
        behaviour: Behaviour::Honest,
    };
    let body = server.answer(page).replace("\"id\"", "\"uuid\"");
    (200, body)
}

#[test]
fn every_page_keeps_the_calls_filters() {
    let server = FakePivot::start(transfers);
    let call = pages::list_transfers::Call::builder()
        .query(
            pages::list_transfers::Query::builder()
                .reference_id("trf/1 2")
                .status("SUCCESS")
                .build(),
        )
        .build();
    let client = client(&server);
    let uuids: Vec<String> = client
        .pages(&call)
        .map(|page| page.expect("a page"))
        .flat_map(|page| page.data.unwrap_or_default())
        .map(|t| t.uuid.unwrap_or_default())
        .collect();
    assert_eq!(uuids, ["0", "1", "2", "3", "4", "5", "6"]);
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for (n, request) in requests.iter().enumerate() {
        assert_eq!(request.query("page"), Some((n + 1).to_string()));
        assert_eq!(request.query("referenceId").as_deref(), Some("trf%2F1+2"));
        assert_eq!(request.query("status").as_deref(), Some("SUCCESS"));
    }
}

#[test]
fn a_server_that_ignores_the_page_is_asked_twice_then_left() {
    let server = FakePivot::start(|_| {
        let server = Server {
            items: 30,
            per_page: 10,
            shape: Shape::Snake,
            behaviour: Behaviour::IgnoresPage,
        };
        (200, server.answer(1))
    });
    let call = pages::list_purposes::Call::builder().build();
    let pages: Vec<_> = client(&server).pages(&call).collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn the_async_client_pages_the_same() {
    let server = FakePivot::start(transfers);
    let call = pages::list_transfers::Call::builder()
        .query(pages::list_transfers::Query::builder().build())
        .build();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let count = runtime.block_on(async {
        let client = pivot_client::asynchronous::Client::new(pivot_client::Config::new(
            server.base_url(),
            MERCHANT_ID,
            MERCHANT_SECRET,
        ));
        let mut pages = client.pages(&call);
        let mut count = 0;
        while let Some(page) = pages.next().await {
            count += page.unwrap().data.unwrap_or_default().len();
        }
        count
    });
    assert_eq!(count, 7);
    assert_eq!(server.requests().len(), 3);
}
