//! Callbacks: the key, the size bound, and the dispatch of bodies into
//! the `Callback` enum the macro emits for the callback pages of
//! `examples/pages/` (payment, refund, single and bulk payouts sharing one
//! event list, and a notification whose page lists no events).

mod models {
    pivot_macros::models!("examples/pages");
}

use models::Callback;
use pivot_client::callbacks::{DedupKey, Rejection, Verifier};
use pivot_runtime::{CallbackError, Callbacks};

const KEY: &str = "cb-key-0a1b2c";

fn request(key: Option<&str>, body: &[u8]) -> http::Request<Vec<u8>> {
    let mut builder = http::Request::builder().method("POST").uri("/callbacks");
    if let Some(key) = key {
        builder = builder.header("X-API-Key", key);
    }
    builder.body(body.to_vec()).unwrap()
}

fn receive(body: &[u8]) -> Result<pivot_client::callbacks::Received<Callback>, Rejection> {
    Verifier::new(KEY).receive::<Callback>(&request(Some(KEY), body))
}

#[test]
fn every_pages_example_reads_as_its_own_variant() {
    use models::*;
    type Check = fn(&Callback) -> bool;
    let cases: [(&str, Check); 6] = [
        (payment_callback::REQUEST_EXAMPLE, |c| {
            matches!(c, Callback::PaymentCallback(_))
        }),
        (refund_callback::REQUEST_EXAMPLE, |c| {
            matches!(c, Callback::RefundCallback(_))
        }),
        (payout_callback_single::REQUEST_EXAMPLE, |c| {
            matches!(c, Callback::PayoutCallbackSingle(_))
        }),
        (payout_callback_bulk::REQUEST_EXAMPLE, |c| {
            matches!(c, Callback::PayoutCallbackBulk(_))
        }),
        (payout_notification::REQUEST_EXAMPLE, |c| {
            matches!(c, Callback::PayoutNotification(_))
        }),
        (payment_callback::REQUEST_EXAMPLE, |c| {
            c.event() == "PAYMENT.PAID"
        }),
    ];
    for (body, is_expected) in cases {
        let received = receive(body.as_bytes()).expect(body);
        assert!(
            is_expected(&received.callback),
            "{body} read as {:?}",
            received.callback
        );
    }
}

#[test]
fn an_event_two_pages_list_goes_to_the_page_whose_request_reads_it() {
    // PAYOUT.DELAYED: both payout pages list it, neither example shows it.
    let single = br#"{"event": "PAYOUT.DELAYED", "data": {"uuid": "po-1", "payouts": {"referenceId": "p-1"}}}"#;
    let bulk = br#"{"event": "PAYOUT.DELAYED", "data": {"uuid": "b-1", "payoutResults": {"totalSuccessCount": 0}}}"#;
    assert!(matches!(
        receive(single).unwrap().callback,
        Callback::PayoutCallbackSingle(_)
    ));
    assert!(matches!(
        receive(bulk).unwrap().callback,
        Callback::PayoutCallbackBulk(_)
    ));
    // Neither reads it: the first page's error (the bulk page's example
    // shows neither, so module order: bulk before single).
    let neither = br#"{"event": "PAYOUT.DELAYED", "data": {"uuid": "x"}}"#;
    match receive(neither) {
        Err(Rejection::Mismatch(CallbackError::Mismatch { page, path, .. })) => {
            assert_eq!(page, "payout_callback_bulk");
            assert_eq!(path, "data");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(receive(neither).unwrap_err().status(), 500);
}

#[test]
fn an_unknown_event_is_kept_with_its_raw_body() {
    let body = br#"{"event": "PAYMENT.TEST",  "data": {"id": "ps-t", "anything": [1, 2]}}"#;
    let received = receive(body).expect("accepted");
    assert_eq!(
        received.callback,
        Callback::Unknown {
            event: "PAYMENT.TEST".into(),
            body: String::from_utf8(body.to_vec()).unwrap()
        }
    );
    assert_eq!(received.event(), "PAYMENT.TEST");
    assert_eq!(received.id.as_deref(), Some("ps-t"));
}

#[test]
fn the_dedup_key_is_the_event_and_id_the_same_for_every_delivery() {
    let paid = models::payment_callback::REQUEST_EXAMPLE.as_bytes();
    let first = receive(paid).unwrap();
    let again = receive(paid).unwrap();
    assert_eq!(first.dedup_key(), again.dedup_key());
    assert_eq!(
        first.dedup_key(),
        &DedupKey {
            event: "PAYMENT.PAID".into(),
            id: "5f1c2a9e-0001-4b5e-9a0e-2c1d3e4f5a6b".into()
        }
    );
    // Payouts name themselves by `uuid`.
    let payout = receive(models::payout_callback_single::REQUEST_EXAMPLE.as_bytes()).unwrap();
    assert_eq!(payout.dedup_key().id, "po-11aa");
    // No ID at all: a hash of the body, stable across deliveries.
    let bare = br#"{"event": "MERCHANT-TOP-UP.SUCCESS", "data": {"merchantId": "m-1"}}"#;
    let key = receive(bare).unwrap().dedup_key().clone();
    assert!(key.id.starts_with("sha256:"), "{key}");
    assert_eq!(receive(bare).unwrap().dedup_key(), &key);
}

#[test]
fn a_wrong_or_missing_key_is_refused_before_parsing() {
    let verifier = Verifier::new(KEY);
    for key in [
        Some("cb-key-0a1b2d"),
        Some(""),
        Some("cb-key-0a1b2c "),
        None,
    ] {
        let refused = verifier
            .receive::<Callback>(&request(key, b"not even json"))
            .unwrap_err();
        assert_eq!(refused, Rejection::Unauthorized, "{key:?}");
        assert_eq!(refused.status(), 401);
    }
}

#[test]
fn bodies_over_the_limit_are_refused_unread() {
    let verifier = Verifier::new(KEY).max_body(64);
    let mut head = request(Some(KEY), b"").into_parts().0;
    head.headers.insert("Content-Length", "65".parse().unwrap());
    assert_eq!(
        verifier.check_head(&head.headers),
        Err(Rejection::TooLarge { limit: 64 })
    );
    head.headers.insert("Content-Length", "64".parse().unwrap());
    assert_eq!(verifier.check_head(&head.headers), Ok(()));

    // A body that does not say its length: read up to the limit and a byte.
    let endless = std::io::repeat(b'x');
    assert_eq!(verifier.read_body(endless).unwrap_err().status(), 413);
    assert_eq!(verifier.read_body(&[b'x'; 64][..]).unwrap().len(), 64);
    assert_eq!(Verifier::new(KEY).limit(), 1 << 20, "1 MiB by default");
}

#[test]
fn malformed_bodies_are_400() {
    for body in [
        &b"{not json"[..],
        b"[]",
        br#"{"data": {}}"#,
        br#"{"event": 7}"#,
        b"\xff\xfe",
    ] {
        let refused = receive(body).unwrap_err();
        assert_eq!(refused.status(), 400, "{:?}", String::from_utf8_lossy(body));
        assert!(matches!(refused, Rejection::Malformed(_)));
    }
}

#[test]
fn the_events_table_lists_every_page_and_the_order_tried() {
    let payouts: Vec<&str> = Callback::EVENTS
        .iter()
        .filter(|(event, _)| *event == "PAYOUT.SUCCESS")
        .map(|(_, page)| *page)
        .collect();
    // The single page's example shows PAYOUT.SUCCESS: it is tried first.
    assert_eq!(payouts, ["payout_callback_single", "payout_callback_bulk"]);
    assert!(Callback::EVENTS.contains(&("INTERNATIONAL_PAYOUT.SUCCESS", "payout_notification")));
    assert!(
        Callback::EVENTS.windows(2).all(|w| w[0].0 <= w[1].0),
        "sorted by event"
    );
}
