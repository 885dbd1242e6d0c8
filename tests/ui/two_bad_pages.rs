pivot_macros::models!("../tests/ui/pages/two_bad_pages");

fn main() {}
