pivot_macros::models!(spec);

fn main() {}
