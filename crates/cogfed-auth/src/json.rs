//! Strict JSON for token headers, claims and other untrusted documents: a small recursive-descent parser that
//! builds `serde_json` values directly, and a writer for the few records this client stores.
//!
//! # Duplicate member policy
//!
//! RFC 7515 §4 and RFC 7519 §4 let a parser either reject duplicate member names or take the last one.
//! `serde_json::Value` silently keeps the last value while derived structs reject duplicates, so two views of
//! one token could disagree (`{"alg":"RS256","alg":"none"}`). **cogfed rejects duplicate member names at
//! every depth**, before any typed view is built; typed and untyped views are then derived from the same
//! map and cannot disagree (security-checklist B4 "Duplicate member names").
//!
//! Nesting is limited to [`MAX_DEPTH`] levels (RFC 8725 §3.7 / B4 "deep nesting"): the parser counts levels as
//! it descends and refuses the first one too deep before entering it, so its recursion is bounded.
//!
//! # Why not serde_json's own parser
//!
//! Size. serde_json's deserializer, with the visitor that rejected duplicate members and the derived
//! deserializers of the stored records, cost the browser build about 25 KB of wasm; this module is a few KB
//! and produces the same `serde_json::Value`s (a test compares the two on generated documents). Grammar:
//! RFC 8259 exactly: whitespace is space, tab, CR and LF; strings hold no raw control characters; escapes are
//! the eight short ones and `\uXXXX` with surrogates paired; numbers have no leading zeros, `+` or bare `.`.
//!
//! Numbers, like serde_json: an integer is a `u64`, or an `i64` when negative (`-0` is the float `-0.0`);
//! anything else is an `f64`, exact for up to 15 significant digits and exponents within ±22 (one rounding,
//! Clinger's fast path), otherwise within a few units in the last place. A number beyond `f64`'s range is
//! refused ("number out of range"), never turned into infinity.

use serde_json::{Map, Number, Value};
use std::fmt::Write as _;

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
    /// The text is not valid JSON: what was wrong and at which byte offset.
    #[error("invalid JSON: {0}")]
    Syntax(String),
    /// The same member name appears twice in one object.
    #[error("duplicate member {}", crate::text::quoted(.0))]
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
    match parse_value(text)? {
        Value::Object(map) => Ok(map),
        _ => Err(JsonError::NotAnObject),
    }
}

/// Parses one JSON value of any type under the strict policy of this module (no byte order mark check: the
/// text is already a `str`).
pub fn parse_value(text: &str) -> Result<Value, JsonError> {
    let mut parser = Parser { text, pos: 0 };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < text.len() {
        return Err(parser.error("trailing characters after the value"));
    }
    Ok(value)
}

/// The parser's cursor. `pos` only ever stops on ASCII bytes or the end, so it is always a char boundary.
struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn digit(&mut self) -> Option<u8> {
        let digit = self.peek().filter(u8::is_ascii_digit)?;
        self.pos += 1;
        Some(digit - b'0')
    }

    fn error(&self, what: &str) -> JsonError {
        JsonError::Syntax(format!("{what} at byte {}", self.pos))
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A value inside a container at nesting level `depth` (0 for the document itself).
    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err(JsonError::TooDeep),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end, expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self
            .text
            .as_bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '{'
        let mut map = Map::new();
        self.skip_whitespace();
        if self.eat(b'}') {
            return Ok(Value::Object(map));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            let name = self.string()?;
            if map.contains_key(&name) {
                return Err(JsonError::DuplicateMember(name));
            }
            self.skip_whitespace();
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            let value = self.value(depth)?;
            map.insert(name, value);
            self.skip_whitespace();
            if self.eat(b'}') {
                return Ok(Value::Object(map));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_whitespace();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once; it ends on an ASCII byte, so on a char boundary.
            let start = self.pos;
            while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            out.push_str(self.text.get(start..self.pos).unwrap_or_default());
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.error("control character in a string")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    fn escape(&mut self) -> Result<char, JsonError> {
        let short = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                return self.unicode_escape();
            }
            _ => return Err(self.error("invalid escape")),
        };
        self.pos += 1;
        Ok(short)
    }

    /// After `\u`: four hex digits, and for a high surrogate the `\uXXXX` low surrogate that must follow.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if !(self.eat(b'\\') && self.eat(b'u')) {
                    return Err(self.error("unpaired surrogate"));
                }
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("unpaired surrogate"));
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            _ => first,
        };
        // None only for a lone low surrogate.
        char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate"))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| char::from(b).to_digit(16))
                .ok_or_else(|| self.error("expected 4 hex digits after \\u"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let negative = self.eat(b'-');
        // Up to 19 significant digits are kept; the digits dropped after that only scale the value.
        let (mut significand, mut exponent, mut dropped) = (0u64, 0i64, false);
        let mut keep = |significand: &mut u64, digit: u8| {
            let next = significand
                .checked_mul(10)
                .and_then(|s| s.checked_add(u64::from(digit)))
                .filter(|_| !dropped);
            match next {
                Some(s) => *significand = s,
                None => dropped = true,
            }
            next.is_some()
        };
        match self.digit() {
            Some(0) => {}
            Some(first) => {
                significand = u64::from(first);
                while let Some(digit) = self.digit() {
                    if !keep(&mut significand, digit) {
                        exponent += 1;
                    }
                }
            }
            None => return Err(self.error("expected a digit")),
        }
        let mut integer = true;
        if self.eat(b'.') {
            integer = false;
            if self.peek().is_none_or(|b| !b.is_ascii_digit()) {
                return Err(self.error("expected a digit after '.'"));
            }
            while let Some(digit) = self.digit() {
                if keep(&mut significand, digit) {
                    exponent -= 1;
                }
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            integer = false;
            self.pos += 1;
            let negative_exponent = self.eat(b'-');
            if !negative_exponent {
                self.eat(b'+');
            }
            if self.peek().is_none_or(|b| !b.is_ascii_digit()) {
                return Err(self.error("expected a digit in the exponent"));
            }
            // Saturates far beyond f64's range, so a long digit string cannot overflow.
            let mut written = 0i64;
            while let Some(digit) = self.digit() {
                written = (written * 10 + i64::from(digit)).min(1_000_000);
            }
            exponent += if negative_exponent { -written } else { written };
        }
        if integer && !dropped {
            if !negative {
                return Ok(Value::from(significand));
            }
            if significand != 0 && significand <= 1 << 63 {
                return Ok(Value::from((significand as i64).wrapping_neg()));
            }
        }
        let magnitude = decimal_to_f64(significand, exponent);
        let value = if negative { -magnitude } else { magnitude };
        match Number::from_f64(value) {
            Some(number) => Ok(Value::Number(number)),
            None => {
                self.pos = start;
                Err(self.error("number out of range"))
            }
        }
    }
}

/// `significand × 10^exponent` as an `f64` (infinite when out of range).
fn decimal_to_f64(significand: u64, mut exponent: i64) -> f64 {
    let mut value = significand as f64;
    if value == 0.0 {
        return 0.0;
    }
    // Keep 10^|exponent| finite for tiny values: at most two steps, since a u64 is below 1e20.
    while exponent < -300 {
        value /= 1e300;
        exponent += 300;
        if value == 0.0 {
            return 0.0;
        }
    }
    if exponent > 400 {
        return f64::INFINITY;
    }
    // |exponent| <= 400 here. Powers up to 1e22 are exact, so the common cases round once.
    let power = 10f64.powi(exponent.unsigned_abs() as i32);
    if exponent < 0 {
        value / power
    } else {
        value * power
    }
}

/// Appends `text` as a JSON string literal (quotes, backslashes and control characters escaped).
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes one flat JSON object member by member: the records this client keeps in `sessionStorage`.
#[derive(Debug)]
pub struct ObjectWriter {
    out: String,
}

impl Default for ObjectWriter {
    fn default() -> Self {
        ObjectWriter::new()
    }
}

impl ObjectWriter {
    /// An empty object.
    pub fn new() -> Self {
        ObjectWriter {
            out: String::from("{"),
        }
    }

    fn name(&mut self, name: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        write_string(&mut self.out, name);
        self.out.push(':');
    }

    /// A string member, `null` for `None`.
    pub fn string(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        self.name(name);
        match value {
            Some(value) => write_string(&mut self.out, value),
            None => self.out.push_str("null"),
        }
        self
    }

    /// A non-negative integer member, `null` for `None`.
    pub fn number(&mut self, name: &str, value: Option<u64>) -> &mut Self {
        self.name(name);
        match value {
            Some(value) => {
                let _ = write!(self.out, "{value}");
            }
            None => self.out.push_str("null"),
        }
        self
    }

    /// An array-of-strings member.
    pub fn strings<S: AsRef<str>>(&mut self, name: &str, values: &[S]) -> &mut Self {
        self.name(name);
        self.out.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            write_string(&mut self.out, value.as_ref());
        }
        self.out.push(']');
        self
    }

    /// A boolean member.
    pub fn boolean(&mut self, name: &str, value: bool) -> &mut Self {
        self.name(name);
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    /// The finished object text.
    pub fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

/// Reads typed members of a parsed object, for the records written by [`ObjectWriter`] and for provider
/// metadata. Absent and `null` members are `None`; a member of another type is an error naming it.
#[derive(Debug, Clone, Copy)]
pub struct Members<'a>(pub &'a Map<String, Value>);

impl<'a> Members<'a> {
    /// An optional string member.
    pub fn string(self, name: &str) -> Result<Option<&'a str>, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("{name} is not a string")),
        }
    }

    /// A string member that must be present.
    pub fn required_string(self, name: &str) -> Result<&'a str, String> {
        self.string(name)?.ok_or_else(|| format!("{name} is missing"))
    }

    /// An optional non-negative integer member.
    pub fn number(self, name: &str) -> Result<Option<u64>, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("{name} is not a non-negative integer")),
        }
    }

    /// An optional boolean member.
    pub fn boolean(self, name: &str) -> Result<Option<bool>, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(format!("{name} is not a boolean")),
        }
    }

    /// An optional array of strings.
    pub fn strings(self, name: &str) -> Result<Option<Vec<String>>, String> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| format!("{name} is not an array of strings")),
            Some(_) => Err(format!("{name} is not an array of strings")),
        }
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

    #[test]
    fn numbers_follow_serde_json() {
        let number = |text: &str| parse_value(text);
        assert_eq!(number("0"), Ok(Value::from(0u64)));
        assert_eq!(number("18446744073709551615"), Ok(Value::from(u64::MAX)));
        assert_eq!(number("-9223372036854775808"), Ok(Value::from(i64::MIN)));
        assert_eq!(number("-1"), Ok(Value::from(-1i64)));
        assert_eq!(number("1.5"), Ok(Value::from(1.5)));
        assert_eq!(
            number("-0")
                .ok()
                .and_then(|v| v.as_f64())
                .map(f64::is_sign_negative),
            Some(true)
        );
        assert_eq!(
            number("18446744073709551616"),
            Ok(Value::from(18446744073709551616.0))
        );
        assert_eq!(number("12.5e-1"), Ok(Value::from(1.25)));
        assert_eq!(number("1E+2"), Ok(Value::from(100.0)));
        assert_eq!(number("0.1"), Ok(Value::from(0.1)));
        assert_eq!(number("1e-400"), Ok(Value::from(0.0)));
        assert_eq!(number("0e999999999999"), Ok(Value::from(0.0)));
        for bad in [
            "01", "-", "1.", ".5", "+1", "1e", "1e+", "0x1", "1.e3", "--1", "NaN", "Infinity",
        ] {
            assert!(matches!(number(bad), Err(JsonError::Syntax(_))), "{bad}");
        }
        for huge in ["1e309", "-1e400", "1e999999999999999999999"] {
            assert!(
                matches!(number(huge), Err(JsonError::Syntax(m)) if m.contains("out of range")),
                "{huge}"
            );
        }
    }

    #[test]
    fn strings_and_escapes() {
        assert_eq!(
            parse_value(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#),
            Ok(Value::from("a\"\\/\u{8}\u{c}\n\r\t\u{e9}\u{1f600}"))
        );
        for bad in [
            r#""\ud800""#,
            r#""\udc00""#,
            r#""\ud800\u0041""#,
            r#""\x""#,
            r#""\u12""#,
            r#""\u+123""#,
            "\"a\nb\"",
            "\"open",
        ] {
            assert!(matches!(parse_value(bad), Err(JsonError::Syntax(_))), "{bad}");
        }
        let mut out = String::new();
        write_string(&mut out, "q\"b\\n\n\u{1}é");
        assert_eq!(out, r#""q\"b\\n\n\u0001é""#);
        assert_eq!(parse_value(&out), Ok(Value::from("q\"b\\n\n\u{1}é")));
    }

    #[test]
    fn syntax_errors_say_what_and_where() {
        assert_eq!(
            parse_object(br#"{"a":1 "b":2}"#),
            Err(JsonError::Syntax("expected ',' or '}' at byte 7".into()))
        );
        assert_eq!(
            parse_object(br#"{"a":tru}"#),
            Err(JsonError::Syntax("expected a value at byte 5".into()))
        );
        assert!(matches!(parse_object(b"{"), Err(JsonError::Syntax(m)) if m.contains("byte 1")));
        assert!(matches!(parse_object(b" \t\r\n{} \n"), Ok(m) if m.is_empty()));
        assert!(
            matches!(parse_object(b"{}\x0c"), Err(JsonError::Syntax(_))),
            "form feed is not JSON whitespace"
        );
    }

    #[test]
    fn object_writer_round_trips_through_the_parser() {
        let text = ObjectWriter::new()
            .string("s", Some("x\"y"))
            .string("none", None)
            .number("n", Some(u64::MAX))
            .number("missing", None)
            .boolean("b", true)
            .strings("list", &["a", "b\"c"])
            .strings("empty", &[] as &[&str])
            .finish();
        assert_eq!(
            text,
            r#"{"s":"x\"y","none":null,"n":18446744073709551615,"missing":null,"b":true,"list":["a","b\"c"],"empty":[]}"#
        );
        let map = parse_object(text.as_bytes()).unwrap();
        let members = Members(&map);
        assert_eq!(members.required_string("s"), Ok("x\"y"));
        assert_eq!(members.string("none"), Ok(None));
        assert_eq!(members.number("n"), Ok(Some(u64::MAX)));
        assert_eq!(members.boolean("b"), Ok(Some(true)));
        assert_eq!(members.strings("list"), Ok(Some(vec!["a".into(), "b\"c".into()])));
        assert_eq!(members.strings("empty"), Ok(Some(vec![])));
        assert_eq!(
            members.required_string("missing"),
            Err("missing is missing".into())
        );
        assert_eq!(members.number("s"), Err("s is not a non-negative integer".into()));
        assert_eq!(ObjectWriter::new().finish(), "{}");
    }

    mod against_serde_json {
        use super::super::*;
        use proptest::prelude::*;

        fn json_text() -> impl Strategy<Value = String> {
            let leaf = prop_oneof![
                Just("null".to_owned()),
                Just("true".to_owned()),
                Just("false".to_owned()),
                any::<i64>().prop_map(|n| n.to_string()),
                any::<u64>().prop_map(|n| n.to_string()),
                "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,20})?([eE][-+]?[0-9]{1,3})?",
                any::<String>().prop_map(|s| serde_json::to_string(&s).unwrap()),
                "\"([a-z]|\\\\[\"\\\\/bfnrt]|\\\\u00[0-7][0-9a-f]|\\\\ud83d\\\\ude00){0,8}\"",
            ];
            leaf.prop_recursive(5, 48, 6, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6)
                        .prop_map(|items| format!("[{}]", items.join(","))),
                    prop::collection::vec(("[a-c]{1,2}", inner), 0..6).prop_map(|members| {
                        let body: Vec<String> =
                            members.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
                        format!("{{ {} }}", body.join(" ,\n"))
                    }),
                ]
            })
        }

        /// Same numbers up to rounding in the last places for floats beyond the exact range.
        fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
            match (a, b) {
                (serde_json::Value::Number(x), serde_json::Value::Number(y)) if x.is_f64() || y.is_f64() => {
                    match (x.as_f64(), y.as_f64()) {
                        (Some(x), Some(y)) => x == y || ((x - y) / x).abs() < 1e-14,
                        _ => false,
                    }
                }
                (serde_json::Value::Array(x), serde_json::Value::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
                }
                (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|((ka, a), (kb, b))| ka == kb && same(a, b))
                }
                _ => a == b,
            }
        }

        proptest! {
            #[test]
            fn accepts_what_serde_json_accepts_and_builds_the_same_value(text in json_text()) {
                let ours = parse_value(&text);
                match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(theirs) => match ours {
                        Ok(ours) => prop_assert!(same(&ours, &theirs), "{text}: {ours:?} vs {theirs:?}"),
                        // serde_json takes the last of duplicate members; we refuse them.
                        Err(JsonError::DuplicateMember(_)) => {}
                        Err(JsonError::TooDeep) => prop_assert!(false, "too deep: {text}"),
                        Err(e) => prop_assert!(false, "{text}: {e}"),
                    },
                    Err(e) => prop_assert!(ours.is_err(), "{text} accepted, serde_json: {e}"),
                }
            }

            #[test]
            fn never_panics_and_agrees_on_validity_for_arbitrary_text(text in "[\\[\\]{}\",:0-9.eE+\\-a-z\\\\ ]{0,40}") {
                let ours = parse_value(&text);
                let theirs = serde_json::from_str::<serde_json::Value>(&text);
                match (&ours, &theirs) {
                    (Err(JsonError::DuplicateMember(_) | JsonError::TooDeep), _) => {}
                    _ => prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}", text),
                }
            }
        }
    }
}
