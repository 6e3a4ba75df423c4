//! Strict JSON for token headers, claims and other untrusted documents.
//!
//! # Duplicate member policy
//!
//! RFC 7515 §4 and RFC 7519 §4 let a parser either reject duplicate member names or take the last one.
//! `serde_json::Value` silently keeps the last value while derived structs reject duplicates, so two views of
//! one token could disagree (`{"alg":"RS256","alg":"none"}`). **cogfed rejects duplicate member names at
//! every depth**, before any typed view is built; typed and untyped views are then derived from the same
//! map and cannot disagree (security-checklist B4 "Duplicate member names").
//!
//! Nesting is limited to [`MAX_DEPTH`] levels (RFC 8725 §3.7 / B4 "deep nesting"), checked by a linear scan
//! before the parser recurses.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// Deepest nesting of arrays and objects accepted in an untrusted JSON document.
pub const MAX_DEPTH: usize = 16;

/// Why a JSON document was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// The bytes are not UTF-8 (RFC 8259 §8.1 requires UTF-8 for interchange).
    #[error("not UTF-8 at byte {0}")]
    NotUtf8(usize),
    /// A UTF-8 byte order mark leads the document (RFC 8259 §8.1: must not be added).
    #[error("starts with a byte order mark")]
    ByteOrderMark,
    /// Arrays/objects nest deeper than [`MAX_DEPTH`].
    #[error("nested deeper than {MAX_DEPTH} levels")]
    TooDeep,
    /// The text is not valid JSON (message from the parser, with line and column).
    #[error("invalid JSON: {0}")]
    Syntax(String),
    /// The same member name appears twice in one object.
    #[error("duplicate member {0:?}")]
    DuplicateMember(String),
    /// The document is valid JSON but not an object.
    #[error("not a JSON object")]
    NotAnObject,
}

/// Parses bytes as one JSON object under the strict policy of this module.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonError::NotUtf8(e.valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        return Err(JsonError::ByteOrderMark);
    }
    if nesting_depth(text) > MAX_DEPTH {
        return Err(JsonError::TooDeep);
    }
    let strict: StrictValue = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        match message.strip_prefix(DUPLICATE_PREFIX) {
            // The name was embedded as a JSON string literal; read exactly that literal back.
            Some(rest) => JsonError::DuplicateMember(
                serde_json::Deserializer::from_str(rest)
                    .into_iter::<String>()
                    .next()
                    .and_then(Result::ok)
                    .unwrap_or_default(),
            ),
            None => JsonError::Syntax(message),
        }
    })?;
    match strict.0 {
        Value::Object(map) => Ok(map),
        _ => Err(JsonError::NotAnObject),
    }
}

/// Maximum nesting depth of arrays/objects, ignoring brackets inside strings. Linear, never recurses.
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

const DUPLICATE_PREFIX: &str = "cogfed-duplicate-member:";

/// A `serde_json::Value` whose deserialisation fails on duplicate object members at any depth.
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("non-finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                let literal = serde_json::to_string(&key).unwrap_or_default();
                return Err(de::Error::custom(format!("{DUPLICATE_PREFIX}{literal}")));
            }
            let StrictValue(value) = access.next_value()?;
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_members_are_rejected_at_any_depth() {
        assert_eq!(
            parse_object(br#"{"alg":"RS256","alg":"none"}"#),
            Err(JsonError::DuplicateMember("alg".into()))
        );
        assert_eq!(
            parse_object(br#"{"a":{"b":1,"b":2}}"#),
            Err(JsonError::DuplicateMember("b".into()))
        );
        assert!(parse_object(br#"{"a":{"b":1},"c":[{"b":1},{"b":2}]}"#).is_ok());
    }

    #[test]
    fn depth_limit_counts_only_structural_brackets() {
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(parse_object(deep.as_bytes()), Err(JsonError::TooDeep));
        let fine = format!(
            "{{\"a\":{}1{}}}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(parse_object(fine.as_bytes()).is_ok());
        assert!(parse_object(br#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"{{{{{{{{{{{{{{{{{{{{{{{"}"#).is_ok());
    }

    #[test]
    fn rejects_non_objects_bom_invalid_utf8_trailing_garbage_and_lone_surrogates() {
        assert_eq!(parse_object(b"[1]"), Err(JsonError::NotAnObject));
        assert_eq!(parse_object(b"\xEF\xBB\xBF{}"), Err(JsonError::ByteOrderMark));
        assert_eq!(parse_object(b"{\"a\":\"\xff\"}"), Err(JsonError::NotUtf8(6)));
        assert!(matches!(parse_object(b"{} x"), Err(JsonError::Syntax(_))));
        assert!(matches!(
            parse_object(br#"{"a":"\ud800"}"#),
            Err(JsonError::Syntax(_))
        ));
        // UTF-16 encoded JSON is not UTF-8.
        assert!(parse_object(b"{\0}\0").is_err());
    }

    #[test]
    fn duplicate_names_with_quotes_and_colons_are_reported_exactly() {
        assert_eq!(
            parse_object(br#"{"x\" at line 1:end":1,"x\" at line 1:end":2}"#),
            Err(JsonError::DuplicateMember("x\" at line 1:end".into()))
        );
    }
}
