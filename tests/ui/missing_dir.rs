pivot_macros::models!("../tests/ui/pages/does_not_exist");

fn main() {}
