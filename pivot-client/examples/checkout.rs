//! Creates QR payment sessions and prints each one's QR URL.
//!
//! ```sh
//! PIVOT_MERCHANT_ID=... PIVOT_MERCHANT_SECRET=... \
//!   cargo run -p pivot-client --example checkout -- --base-url <URL> --amount <IDR> --count <N>
//! ```
//!
//! For each session it prints `qr <clientReferenceId> <qrUrl>`, the URL
//! read from `data.chargeDetails[0].qr.qrUrl`. The models come from the
//! page written for this example, `examples/pages/create_payment_session.txt`,
//! whose response shows a QR charge (a user's own `spec/` gets the same
//! from Pivot's Charge and QR Charge Object pages).
//!
//! Every session shares one access token; each carries an `X-REQUEST-ID`
//! derived from its `clientReferenceId`, so a retried call (a 503) or a
//! restarted run sends the same key and Pivot cannot create it twice.

use std::error::Error;
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use pivot_client::{
    CallOptions, Config, ENV_MERCHANT_ID, ENV_MERCHANT_SECRET, Endpoint, RequestId,
};

mod models {
    pivot_macros::models!("examples/pages");
}

use models::create_payment_session::{Amount, Call, PaymentMethod, Request};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let prefix = format!(
        "ord{}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    );
    let lookup = |name: &str| std::env::var(name).ok();
    if let Err(error) = run(&args, lookup, &prefix, &mut std::io::stdout().lock()) {
        eprintln!("checkout: {error}");
        std::process::exit(1);
    }
}

/// The example, with its arguments, a way to read the credentials, the
/// prefix of each `clientReferenceId`, and where to print.
pub fn run(
    args: &[String],
    env: impl Fn(&str) -> Option<String>,
    reference_prefix: &str,
    out: &mut dyn Write,
) -> Result<(), Box<dyn Error>> {
    let usage = "usage: checkout --base-url <URL> --amount <IDR> --count <N>";
    let (mut base_url, mut amount, mut count) = (None, None, None);
    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(usage)?;
        match flag.as_str() {
            "--base-url" => base_url = Some(value.clone()),
            "--amount" => {
                amount = Some(
                    value
                        .parse::<i64>()
                        .map_err(|_| "--amount: a whole number of IDR")?,
                )
            }
            "--count" => count = Some(value.parse::<usize>().map_err(|_| "--count: a number")?),
            _ => return Err(usage.into()),
        }
    }
    let (Some(base_url), Some(amount), Some(count)) = (base_url, amount, count) else {
        return Err(usage.into());
    };
    let id = env(ENV_MERCHANT_ID).ok_or("PIVOT_MERCHANT_ID is not set")?;
    let secret = env(ENV_MERCHANT_SECRET).ok_or("PIVOT_MERCHANT_SECRET is not set")?;
    let client = pivot_client::Client::new(Config::new(base_url, id, secret));

    for n in 1..=count {
        let reference = format!("{reference_prefix}{n:03}");
        let body = Request::builder()
            .client_reference_id(&reference)
            .amount(Amount::builder().value(amount).currency("IDR").build())
            .payment_method(PaymentMethod::builder().type_("QR").build())
            .mode("API")
            .build();
        body.validate()?;
        let call = Call::builder().body(body).build();
        // One key per reference: the same in a restarted run.
        let key = RequestId::derive(Call::PATH_TEMPLATE, &reference);
        let response = client.send_with(&call, &CallOptions::new().request_id(key))?;
        let qr_url = response
            .data
            .and_then(|data| data.charge_details)
            .and_then(|charges| charges.into_iter().next())
            .and_then(|charge| charge.qr)
            .and_then(|qr| qr.qr_url)
            .ok_or("the answer has no data.chargeDetails[0].qr.qrUrl")?;
        writeln!(out, "qr {reference} {qr_url}")?;
    }
    Ok(())
}
