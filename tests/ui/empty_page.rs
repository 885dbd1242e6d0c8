pivot_macros::models!("../tests/ui/pages/empty_page");

fn main() {}
