//! Parses one benchmark input five times, for instruction counts that a busy
//! machine cannot disturb:
//!
//! `valgrind --tool=callgrind target/release/examples/parse <input> <model>`
//! with input `large` or `reference` and model `value`, `generated` or `none`
//! (the program without parsing, to subtract).

use pivot_bench::{LARGE_RESPONSE, REFERENCE_RESPONSE, generated};
use serde::de::DeserializeOwned;
use std::process::ExitCode;

fn parse<T: DeserializeOwned>(json: &str) -> Result<(), serde_json::Error> {
    for _ in 0..5 {
        std::hint::black_box(serde_json::from_str::<T>(json)?);
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, model] = args.as_slice() else {
        eprintln!("usage: parse <large|reference> <value|generated|none>");
        return ExitCode::from(2);
    };
    use generated::{create_payment_session as reference, large_list as large};
    let result = match (input.as_str(), model.as_str()) {
        (_, "none") => Ok(()),
        ("large", "value") => parse::<serde_json::Value>(LARGE_RESPONSE),
        ("large", "generated") => parse::<large::Response>(LARGE_RESPONSE),
        ("reference", "value") => parse::<serde_json::Value>(REFERENCE_RESPONSE),
        ("reference", "generated") => parse::<reference::Response>(REFERENCE_RESPONSE),
        _ => {
            eprintln!("usage: parse <large|reference> <value|generated|none>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
