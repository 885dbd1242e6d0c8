pivot_macros::models!(42);

fn main() {}
