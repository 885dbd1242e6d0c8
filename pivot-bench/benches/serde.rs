//! Runtime cost of the generated models: reading and writing the reference
//! response and a ~1 MB list response, with the models the macro generates,
//! with the same code compiled without the macro, and with
//! `serde_json::Value`, which is what a client without models would use.
//!
//! `cargo bench -p pivot-bench --bench serde`; throughput is in bytes of JSON.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use pivot_bench::{LARGE_RESPONSE, REFERENCE_RESPONSE, generated, handwritten};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn main() {
    divan::main();
}

fn deserialize<T: DeserializeOwned>(bencher: Bencher, json: &str) {
    bencher
        .counter(BytesCount::new(json.len()))
        .bench(|| serde_json::from_str::<T>(black_box(json)).expect("benchmark input reads"));
}

/// Writes what was read from `json`; the counter is the input's size so the
/// throughputs of all three compare (the models drop `null` members, so they
/// write slightly fewer bytes).
fn serialize<T: DeserializeOwned + Serialize + Sync>(bencher: Bencher, json: &str) {
    let value: T = serde_json::from_str(json).expect("benchmark input reads");
    bencher
        .counter(BytesCount::new(json.len()))
        .bench(|| serde_json::to_string(black_box(&value)).expect("writes"));
}

mod reference {
    use super::*;
    use generated::create_payment_session::Response as Generated;
    use handwritten::create_payment_session::Response as Handwritten;

    #[divan::bench]
    fn deserialize_value(b: Bencher) {
        deserialize::<Value>(b, REFERENCE_RESPONSE);
    }

    #[divan::bench]
    fn deserialize_generated(b: Bencher) {
        deserialize::<Generated>(b, REFERENCE_RESPONSE);
    }

    #[divan::bench]
    fn deserialize_handwritten(b: Bencher) {
        deserialize::<Handwritten>(b, REFERENCE_RESPONSE);
    }

    #[divan::bench]
    fn serialize_value(b: Bencher) {
        serialize::<Value>(b, REFERENCE_RESPONSE);
    }

    #[divan::bench]
    fn serialize_generated(b: Bencher) {
        serialize::<Generated>(b, REFERENCE_RESPONSE);
    }

    #[divan::bench]
    fn serialize_handwritten(b: Bencher) {
        serialize::<Handwritten>(b, REFERENCE_RESPONSE);
    }
}

mod large_list {
    use super::*;
    use generated::large_list::Response as Generated;
    use handwritten::large_list::Response as Handwritten;

    #[divan::bench(sample_count = 50)]
    fn deserialize_value(b: Bencher) {
        deserialize::<Value>(b, LARGE_RESPONSE);
    }

    #[divan::bench(sample_count = 50)]
    fn deserialize_generated(b: Bencher) {
        deserialize::<Generated>(b, LARGE_RESPONSE);
    }

    #[divan::bench(sample_count = 50)]
    fn deserialize_handwritten(b: Bencher) {
        deserialize::<Handwritten>(b, LARGE_RESPONSE);
    }

    #[divan::bench(sample_count = 50)]
    fn serialize_value(b: Bencher) {
        serialize::<Value>(b, LARGE_RESPONSE);
    }

    #[divan::bench(sample_count = 50)]
    fn serialize_generated(b: Bencher) {
        serialize::<Generated>(b, LARGE_RESPONSE);
    }

    #[divan::bench(sample_count = 50)]
    fn serialize_handwritten(b: Bencher) {
        serialize::<Handwritten>(b, LARGE_RESPONSE);
    }
}
