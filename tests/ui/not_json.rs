pivot_macros::models!("../tests/ui/pages/not_json");

fn main() {}
