//! Pages are tracked one by one through `include_str!`; this covers the
//! directory itself, so adding or removing a page regenerates the models too.
fn main() {
    println!("cargo:rerun-if-changed=../spec");
}
