// A page with two mandatory request fields, `referenceId` and `amount`.
pivot_macros::models!("../tests/validation");

use create_transfer::Request;

fn main() {
    // Neither `reference_id` nor `amount`.
    let _ = Request::builder().fee("1.00").build();
}
