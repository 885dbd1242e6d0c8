pivot_macros::models!("../tests/ui/pages/no_body");

fn main() {}
