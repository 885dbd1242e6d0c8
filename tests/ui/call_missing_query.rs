// A mandatory query parameter left out: the query, and so the call, does not build.
pivot_macros::models!("../tests/endpoint");

fn main() {
    let query = balance_history::Query::builder().start_date("2025-05-01").build();
    let _ = balance_history::Call::builder().build();
    let _ = query;
}
