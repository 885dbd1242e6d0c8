//! The models the runtime benchmarks compare, built two ways from the same
//! pages (see `build.rs`): through the macro, and as the pretty-printed code
//! compiled directly, as if written by hand. Benchmarks never run in CI; the
//! tests here only check that the benchmark inputs read into their models.

/// The models as `pivot_macros::models!` generates them.
pub mod generated {
    pivot_macros::models!("spec");
}

/// The same models, pretty-printed and compiled as ordinary code. Lints that
/// skip macro output apply to it here; they say nothing about speed.
#[allow(unused_parens, clippy::all)]
pub mod handwritten {
    include!(concat!(env!("OUT_DIR"), "/handwritten.rs"));
}

/// A ~1 MB list response (compact JSON, items of varied values) that fits
/// the synthetic list page's models.
pub const LARGE_RESPONSE: &str = include_str!(concat!(env!("OUT_DIR"), "/large_response.json"));

/// The reference page's example response.
pub const REFERENCE_RESPONSE: &str = generated::create_payment_session::RESPONSE_EXAMPLE;

#[cfg(test)]
mod tests {
    use super::*;

    fn reads_and_writes_back<T>(json: &str)
    where
        T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + std::fmt::Debug,
    {
        let model: T = serde_json::from_str(json).expect("reads into the models");
        let written = serde_json::to_string(&model).expect("writes");
        let again: T = serde_json::from_str(&written).expect("reads back");
        assert_eq!(model, again);
    }

    #[test]
    fn large_response_is_a_megabyte_of_list_items() {
        assert!(LARGE_RESPONSE.len() >= 1 << 20);
        let value: serde_json::Value = serde_json::from_str(LARGE_RESPONSE).unwrap();
        let items = value["data"].as_array().expect("data is the list").len();
        assert!(items > 100, "{items} items");
    }

    #[test]
    fn benchmark_inputs_read_into_both_builds_of_the_models() {
        reads_and_writes_back::<generated::large_list::Response>(LARGE_RESPONSE);
        reads_and_writes_back::<handwritten::large_list::Response>(LARGE_RESPONSE);
        reads_and_writes_back::<generated::create_payment_session::Response>(REFERENCE_RESPONSE);
        reads_and_writes_back::<handwritten::create_payment_session::Response>(REFERENCE_RESPONSE);
    }

    #[test]
    fn both_builds_write_the_same_json() {
        let macro_built: generated::large_list::Response =
            serde_json::from_str(LARGE_RESPONSE).unwrap();
        let plain: handwritten::large_list::Response =
            serde_json::from_str(LARGE_RESPONSE).unwrap();
        assert_eq!(
            serde_json::to_string(&macro_built).unwrap(),
            serde_json::to_string(&plain).unwrap()
        );
    }
}
