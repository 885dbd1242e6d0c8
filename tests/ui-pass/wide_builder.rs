// A builder with more required fields than one state tuple holds (the
// runtime's STATE_WIDTH, 32): its state nests, and every setter still works
// in any order.
pivot_macros::models!("../tests/ui/pages/wide");

fn main() {
    let example: wide::Request = serde_json::from_str(wide::REQUEST_EXAMPLE).unwrap();
    let built = wide::Request::builder()
        .field34("v34")
        .field33("v33")
        .field32("v32")
        .field31("v31")
        .field30("v30")
        .field29("v29")
        .field28("v28")
        .field27("v27")
        .field26("v26")
        .field25("v25")
        .field24("v24")
        .field23("v23")
        .field22("v22")
        .field21("v21")
        .field20("v20")
        .field19("v19")
        .field18("v18")
        .field17("v17")
        .field16("v16")
        .field15("v15")
        .field14("v14")
        .field13("v13")
        .field12("v12")
        .field11("v11")
        .field10("v10")
        .field9("v9")
        .field8("v8")
        .field7("v7")
        .field6("v6")
        .field5("v5")
        .field4("v4")
        .field3("v3")
        .field2("v2")
        .field1("v1")
        .field0("v0")
        .build();
    assert_eq!(built, example);
}
