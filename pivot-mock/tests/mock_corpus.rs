//! `pivot mock` on a folder of real pages (`PIVOT_PAGES_DIR`), repaired as
//! `pivot fix` would repair them: every endpoint page but the wallet (SNAP)
//! ones, called with its own request example (and the path parameters,
//! query parameters and headers it needs), answers with its documented
//! response; a static segment wins over a parameter.
//!
//! Ignored by default (a clone has no corpus); `.ci/run` runs it:
//! `PIVOT_PAGES_DIR=<dir> cargo test -p pivot-mock --test mock_corpus -- --ignored`

#[path = "../../tests/support/required_dir.rs"]
mod required_dir;

use std::collections::BTreeMap;

use pivot_codegen::model::{Module, ParamKind, Rule, Side, Struct, Ty};
use pivot_codegen::wire::{self, Segment};
use pivot_mock::MockServer;
use serde_json::Value;

/// Pages whose own call another page of the same route answers, and why.
/// The test fails when this list is not exactly what happens, so a change
/// of the route rule or of the pages shows here.
const ANSWERED_BY_ANOTHER: &[(&str, &str, &str)] = &[(
    "xb_get_payout_detail_rfi",
    "xb_get_payout_detail",
    "the same call (`GET /xb/payouts/:id`, no body, no query): the page shows \
     the answer for a payout under a request for information, which a test \
     gets with `route(..).answer_next(..)`",
)];

/// A value for a query parameter or header the page does not show one
/// for, that keeps its documented rules.
fn made_up(module: &Module, field: &pivot_codegen::model::Field) -> String {
    if let Some(first) = module.enum_of(&field.ty).and_then(|e| e.variants.first()) {
        return first.value.clone();
    }
    let rules: Vec<&Rule> = field
        .doc
        .constraints
        .iter()
        .filter(|c| c.is_checked())
        .map(|c| &c.rule)
        .collect();
    let digits = matches!(module.resolve(&field.ty), Ty::I64 | Ty::U64)
        || rules.iter().any(|r| {
            matches!(
                r,
                Rule::Numeric | Rule::Digits { .. } | Rule::Decimal { .. }
            )
        });
    let mut value = if digits { "1" } else { "v1" }.to_string();
    if *module.resolve(&field.ty) == Ty::Bool {
        value = "true".to_string();
    }
    for rule in rules {
        if let Rule::Chars { min, .. } = rule {
            while value.chars().count() < *min {
                value.push('1');
            }
        }
    }
    value
}

/// The query parameters the URL line shows with a value (`?currency=IDR`,
/// `?type=single`), placeholders left out.
fn url_values(module: &Module) -> BTreeMap<String, String> {
    let raw = module.url.as_ref().map(|u| u.raw.as_str()).unwrap_or("");
    let query = raw.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(_, v)| !v.contains(['{', ':']) && !v.is_empty())
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

fn fields(s: Option<&Struct>) -> Vec<&pivot_codegen::model::Field> {
    s.map(|s| s.fields.iter().collect()).unwrap_or_default()
}

/// The example of `side`, parsed.
fn example(module: &Module, side: Side) -> Option<Value> {
    let json = module.examples.iter().find(|e| e.side == side)?;
    serde_json::from_str(&json.json).ok()
}

#[test]
#[ignore = "needs the real pages: PIVOT_PAGES_DIR=<dir> cargo test -p pivot-mock --test mock_corpus -- --ignored"]
fn every_endpoint_page_answers_its_own_example() {
    let dir = required_dir::required_dir(
        "PIVOT_PAGES_DIR",
        "documentation pages (*.txt)",
        "cargo test -p pivot-mock --test mock_corpus -- --ignored",
    );
    let (sources, problems) =
        pivot_codegen::read_pages(&dir, "pages").expect("the folder has pages");
    assert!(problems.is_empty(), "{problems:?}");
    // As `pivot fix` repairs them, in memory.
    let sources: Vec<pivot_codegen::Source> = sources
        .into_iter()
        .map(|source| {
            let repaired = pivot_codegen::fix::repair(&source);
            assert!(
                repaired.remaining.is_empty(),
                "{}: damage `pivot fix` cannot repair: {:?}",
                source.display_path,
                repaired.remaining
            );
            pivot_codegen::Source {
                text: repaired.text,
                ..source
            }
        })
        .collect();
    let mut builder = MockServer::builder();
    for source in &sources {
        builder = builder.page_text(&format!("{}.txt", source.stem), &source.text);
    }
    let mock = builder.start().expect("the repaired pages serve");
    let generated = pivot_codegen::generate(&sources);
    let pages: Vec<wire::Page> = generated
        .analyses
        .into_iter()
        .map(wire::Page::from)
        .collect();
    let modules: Vec<&Module> = pages.iter().map(|p| p.module()).collect();

    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    let send = |method: &str, path: &str, headers: &[(String, String)], body: Option<&str>| {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", mock.base_url()));
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let request = request
            .body(body.unwrap_or("").as_bytes().to_vec())
            .expect("a valid request");
        let mut response = agent.run(request).expect("the mock answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().expect("text");
        (status, text)
    };

    // A token, from the Access Token page.
    let (status, text) = send(
        "POST",
        "/v1/access-token",
        &[
            ("X-MERCHANT-ID".to_string(), "merchant-1".to_string()),
            ("X-MERCHANT-SECRET".to_string(), "secret-1".to_string()),
        ],
        Some(r#"{"grantType": "client_credentials"}"#),
    );
    assert_eq!(status, 200, "{text}");
    let token: Value = serde_json::from_str(&text).expect("JSON");
    let bearer = format!(
        "Bearer {}",
        token["data"]["accessToken"].as_str().expect("a token")
    );

    let mut answered = 0;
    let mut wrong = Vec::new();
    let mut by_another = Vec::new();
    // Every page is served, a callback, or has no call (an object page).
    let served: Vec<String> = mock
        .routes()
        .into_iter()
        .flat_map(|(_, _, pages)| pages)
        .collect();
    let callbacks = mock.callbacks();
    for module in &modules {
        let is_served = served.contains(&module.ident);
        let is_callback = callbacks.contains(&module.ident);
        assert!(
            is_served != is_callback || (module.method.is_none() && !is_served),
            "{}: served {is_served}, callback {is_callback}",
            module.ident
        );
    }
    for page in [
        "payment_callback",
        "xb_payout_notification",
        "xb_payout_notification_rfi",
    ] {
        assert!(
            callbacks.iter().any(|c| c == page),
            "{page} in {callbacks:?}"
        );
    }
    for page in &pages {
        let module = page.module();
        if !served.contains(&module.ident) {
            continue;
        }
        let Some(segments) = page.path_segments() else {
            continue;
        };
        let Some(method) = &module.method else {
            continue;
        };
        let is_wallet = module
            .params
            .iter()
            .any(|t| t.kind == ParamKind::Header && t.rows.iter().any(|r| r.name == "X-SIGNATURE"));
        if is_wallet {
            continue;
        }
        let mut path = String::new();
        for segment in &segments {
            path.push('/');
            match segment {
                Segment::Static(s) => path.push_str(s),
                Segment::Param(_) => path.push_str("p1"),
            }
        }
        let shown = url_values(module);
        let query: Vec<(String, String)> = fields(module.query())
            .into_iter()
            .map(|f| {
                let value = shown
                    .get(&f.key)
                    .cloned()
                    .unwrap_or_else(|| made_up(module, f));
                (f.key.clone(), value)
            })
            .collect();
        if !query.is_empty() {
            path.push('?');
            path.push_str(&serde_urlencoded::to_string(&query).expect("a query"));
        }
        let mut headers: Vec<(String, String)> = fields(module.headers())
            .into_iter()
            .map(|f| (f.key.clone(), made_up(module, f)))
            .collect();
        headers.push(("Authorization".to_string(), bearer.clone()));
        let body = module
            .examples
            .iter()
            .find(|e| e.side == Side::Request)
            .map(|e| e.json.clone());
        if body.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        let (status, text) = send(method, &path, &headers, body.as_deref());
        answered += 1;
        let page = mock.requests().last().and_then(|r| r.page.clone());
        let answer: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status != 200 {
            wrong.push(format!(
                "{}: {method} {path}: {status} {text}",
                module.ident
            ));
            continue;
        }
        let answering = page.as_deref().unwrap_or("-");
        let documented = modules
            .iter()
            .find(|m| m.ident == answering)
            .and_then(|m| example(m, Side::Response));
        let Some(mut documented) = documented else {
            wrong.push(format!(
                "{}: answered by {answering}, which documents no answer",
                module.ident
            ));
            continue;
        };
        // What the state writes in: a created resource's fresh ID and the
        // references the call sent, an issued token.
        // A reference the state writes in is the one the call sent.
        for key in ["clientReferenceId", "referenceId"] {
            let written = answer.pointer(&format!("/data/{key}"));
            let shown = documented.pointer(&format!("/data/{key}"));
            if written != shown {
                let sent = body
                    .as_deref()
                    .and_then(|b| serde_json::from_str::<Value>(b).ok());
                assert_eq!(
                    written,
                    sent.as_ref().and_then(|s| s.get(key)),
                    "{}: `data.{key}` is neither the example's nor the call's",
                    module.ident
                );
            }
        }
        for pointer in [
            "/data/id",
            "/data/clientReferenceId",
            "/data/referenceId",
            "/data/accessToken",
            "/data/expiresIn",
        ] {
            if let (Some(slot), Some(value)) =
                (documented.pointer_mut(pointer), answer.pointer(pointer))
            {
                *slot = value.clone();
            }
        }
        if answer != documented {
            wrong.push(format!(
                "{}: {method} {path}: answered by {answering}: {text}",
                module.ident
            ));
        } else if answering != module.ident {
            by_another.push((module.ident.clone(), answering.to_string()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {answered} pages:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    let expected: Vec<(String, String)> = ANSWERED_BY_ANOTHER
        .iter()
        .map(|(page, by, _)| (page.to_string(), by.to_string()))
        .collect();
    assert_eq!(
        by_another, expected,
        "pages another page of their route answers"
    );
    assert!(answered > 60, "{answered} pages called");

    // A static segment wins over a parameter.
    let auth = [("Authorization".to_string(), bearer.clone())];
    send("GET", "/xb/sender/list", &auth, None);
    let page = mock.requests().last().and_then(|r| r.page.clone());
    assert_eq!(page.as_deref(), Some("xb_get_sender_list"));
    send("GET", "/xb/sender/s-1", &auth, None);
    let page = mock.requests().last().and_then(|r| r.page.clone());
    assert_eq!(page.as_deref(), Some("xb_get_sender_by_id"));

    // The issue's checks on the real create_payment_session.
    assert_eq!(send("GET", "/v2/payments/p1", &[], None).0, 401, "no token");
    let create = modules
        .iter()
        .find(|m| m.ident == "create_payment_session")
        .expect("the reference page is among the pages");
    let mut body = example(create, Side::Request).expect("a request example");
    let json = [
        ("Authorization".to_string(), bearer.clone()),
        ("Content-Type".to_string(), "application/json".to_string()),
    ];
    body.as_object_mut().map(|b| b.remove("clientReferenceId"));
    let (status, text) = send("POST", "/v2/payments", &json, Some(&body.to_string()));
    assert_eq!(status, 400, "{text}");
    let answer: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        answer["error"]["details"][0]["field"], "clientReferenceId",
        "{text}"
    );
    let mut keyed = |reference: &str| {
        let mut headers = json.to_vec();
        headers.push((
            "X-REQUEST-ID".to_string(),
            "CORPUS0000000000001".to_string(),
        ));
        body["clientReferenceId"] = Value::String(reference.to_string());
        send("POST", "/v2/payments", &headers, Some(&body.to_string()))
    };
    let first = keyed("1001");
    assert_eq!(first.0, 200, "{}", first.1);
    assert_eq!(keyed("1001"), first, "one key, one body: the same answer");
    assert_eq!(keyed("1002").0, 409, "one key, two bodies");
}
