pivot_macros::models!("../tests/ui/pages/json_error");

fn main() {}
