//! Example bodies written back as strict JSON: what the generated
//! `EXAMPLES` hold, what `pivot fix` leaves, what the round trips compare.

use super::{Json, JsonKind};

/// Writes `json` as strict, pretty-printed JSON (two-space indent, members in page order).
pub fn to_strict_string(json: &Json) -> String {
    let mut out = String::new();
    write_value(json, 0, &mut out);
    out
}

fn write_value(json: &Json, indent: usize, out: &mut String) {
    match &json.kind {
        JsonKind::Null => out.push_str("null"),
        JsonKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        JsonKind::Number(raw) => out.push_str(raw),
        JsonKind::String(s) => write_string(s, out),
        JsonKind::Array(items) if items.is_empty() => out.push_str("[]"),
        JsonKind::Object(members) if members.iter().all(|m| m.commented_out) => out.push_str("{}"),
        JsonKind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(indent + 1, out);
                write_value(item, indent + 1, out);
            }
            out.push('\n');
            push_indent(indent, out);
            out.push(']');
        }
        JsonKind::Object(members) => {
            out.push('{');
            let sent = members.iter().filter(|m| !m.commented_out);
            for (i, member) in sent.enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                push_indent(indent + 1, out);
                write_string(&member.key, out);
                out.push_str(": ");
                write_value(&member.value, indent + 1, out);
            }
            out.push('\n');
            push_indent(indent, out);
            out.push('}');
        }
    }
}

fn push_indent(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
