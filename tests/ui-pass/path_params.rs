// Paths with parameters: each value is percent-encoded into its segment.
pivot_macros::models!("../tests/ui/pages/path_params");

fn main() {
    assert_eq!(cancel::PATH, "/v2/payments/{id}/cancel");
    assert_eq!(cancel::path("7f65c757"), "/v2/payments/7f65c757/cancel");
    assert_eq!(cancel::path("../a b/?x=1"), "/v2/payments/..%2Fa%20b%2F%3Fx%3D1/cancel");
    assert_eq!(upload::path("u-1", "p", "t"), "/xb/payouts/u-1/files/p/t");
    assert_eq!(upload::path("\u{e9}", "", "~"), "/xb/payouts/%C3%A9/files//~");
}
