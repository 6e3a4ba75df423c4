//! The checks: small pure functions from a fetched document (or an HTTP answer) and what the integration says,
//! to findings. No I/O, so they run in the browser too (the demo's discovery checks).

pub mod authorize;
pub mod idp;
pub mod jwks;
pub mod pool;
pub mod rp;

use serde_json::{Map, Value};

/// A JSON document the doctor fetched: an object.
pub type Document = Map<String, Value>;

/// Parses a document: a JSON object, or why not (for `live-not-json`).
pub fn parse_document(body: &[u8]) -> Result<Document, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("a JSON {}, not an object", kind(&other))),
        Err(e) => {
            let start = String::from_utf8_lossy(&body[..body.len().min(40)]).replace('\n', " ");
            Err(format!("not JSON ({e}); it starts with {start:?}"))
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Member `key` when it is a non-empty string.
pub fn string<'d>(doc: &'d Document, key: &str) -> Option<&'d str> {
    doc.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// Member `key` as a list of strings: `None` when absent (or not an array), the string items otherwise.
pub fn strings<'d>(doc: &'d Document, key: &str) -> Option<Vec<&'d str>> {
    doc.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
}

/// `a, b and c` with backquotes.
pub fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_must_be_objects() {
        assert!(parse_document(br#"{"issuer":"x"}"#).is_ok());
        assert!(parse_document(b"[1]").unwrap_err().contains("array"));
        assert!(
            parse_document(b"<!doctype html>")
                .unwrap_err()
                .contains("not JSON")
        );
        assert_eq!(list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
