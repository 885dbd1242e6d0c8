pivot_macros::models!("../spec", extra);

fn main() {}
