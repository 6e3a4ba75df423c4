//! A strict RFC 8259 JSON parser with exact spans, duplicate-key detection and a depth limit.
//!
//! Hand-written rather than serde_json because we need the span of every key and value and want duplicate
//! keys reported (serde_json keeps the last one silently).

use super::{MAX_DEPTH, ParseError};
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use std::collections::HashSet;

/// Parses one JSON value (surrounded by optional whitespace; a leading UTF-8 BOM is skipped).
pub fn parse_json(text: &str) -> Result<Node, ParseError> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        pos: 0,
    };
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.skip_ws();
    if p.pos >= p.src.len() {
        return Err(ParseError::new(Span::point(p.pos), "empty JSON document"));
    }
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.err_here("unexpected text after the JSON value"));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn err_here(&self, msg: &str) -> ParseError {
        let end = (self.pos + 1).min(self.src.len());
        ParseError::new(Span::new(self.pos, end), msg)
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, lit: &str, kind: NodeKind) -> Result<Node, ParseError> {
        let start = self.pos;
        if self.src[self.pos..].starts_with(lit.as_bytes()) {
            self.pos += lit.len();
            Ok(Node::new(Span::new(start, self.pos), kind))
        } else {
            Err(self.err_here("expected a JSON value (object, array, string, number, true, false or null)"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, ParseError> {
        if depth > MAX_DEPTH {
            return Err(self.err_here(&format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let (s, span) = self.string()?;
                Ok(Node::new(span, NodeKind::String(s)))
            }
            Some(b't') => self.expect_literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.expect_literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.expect_literal("null", NodeKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => {
                Err(self
                    .err_here("expected a JSON value (object, array, string, number, true, false or null)"))
            }
            None => Err(self.err_here("unexpected end of input, expected a JSON value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Node, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut entries: Vec<(Key, Node)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Node::new(Span::new(start, self.pos), NodeKind::Map(entries)));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.err_here("expected a string key in the object"));
            }
            let (text, kspan) = self.string()?;
            if !seen.insert(text.clone()) {
                return Err(ParseError::new(
                    kspan,
                    format!("duplicate key `{text}` in the object"),
                ));
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.err_here("expected `:` after the object key"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            entries.push((Key { text, span: kspan }, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::new(Span::new(start, self.pos), NodeKind::Map(entries)));
                }
                _ => return Err(self.err_here("expected `,` or `}` after an object member")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Node::new(Span::new(start, self.pos), NodeKind::Seq(items)));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(Span::new(start, self.pos), NodeKind::Seq(items)));
                }
                _ => return Err(self.err_here("expected `,` or `]` after an array element")),
            }
        }
    }

    fn number(&mut self) -> Result<Node, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err_here("expected a digit in the number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err_here("expected a digit after `.` in the number"));
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err_here("expected a digit in the exponent"));
            }
            self.digits();
        }
        let raw = self.text.get(start..self.pos).unwrap_or("0").to_string();
        Ok(Node::new(Span::new(start, self.pos), NodeKind::Number(raw)))
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.err_here("expected 4 hex digits after `\\u`")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }

    /// A string starting at the opening quote; returns the unescaped text and the span including quotes.
    fn string(&mut self) -> Result<(String, Span), ParseError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain bytes in one go; the input is valid UTF-8 and we only stop on ASCII.
            let run_start = self.pos;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or(""));
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((out, Span::new(start, self.pos)));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let esc = self.peek();
                    self.pos += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let c = if (0xD800..0xDC00).contains(&hi) {
                                if !self.src[self.pos..].starts_with(b"\\u") {
                                    return Err(self.err_here("unpaired UTF-16 surrogate in `\\u` escape"));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err_here("invalid UTF-16 low surrogate in `\\u` escape"));
                                }
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            } else {
                                char::from_u32(hi)
                            };
                            match c {
                                Some(c) => out.push(c),
                                None => {
                                    return Err(self.err_here("unpaired UTF-16 surrogate in `\\u` escape"));
                                }
                            }
                        }
                        _ => {
                            self.pos -= 1;
                            return Err(self.err_here("invalid escape in string"));
                        }
                    }
                }
                Some(_) => return Err(self.err_here("control character in string (escape it)")),
                None => return Err(ParseError::new(Span::new(start, self.pos), "unterminated string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_values() {
        let text = r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00"], "b": null, "c": true}"#;
        let n = parse_json(text).unwrap();
        let a = n.get("a").unwrap();
        assert_eq!(
            &text[a.span.start..a.span.end],
            r#"[1, -2.5e3, "x\u00e9\ud83d\ude00"]"#
        );
        assert_eq!(a.items()[1].kind, NodeKind::Number("-2.5e3".into()));
        assert_eq!(a.items()[2].as_str(), Some("xé😀"));
        let (k, _) = n.entry("c").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "\"c\"");
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            ("{\"a\": 1,}", 8, "string key"),
            ("{\"a\": 1, \"a\": 2}", 9, "duplicate key `a`"),
            ("[1 2]", 3, "`,` or `]`"),
            ("\"abc", 0, "unterminated"),
            ("01", 1, "after the JSON value"),
            ("{\"a\": tru}", 6, "expected a JSON value"),
            ("", 0, "empty"),
            ("\"\\ud800\"", 7, "surrogate"),
        ];
        for (text, at, msg) in cases {
            let e = parse_json(text).unwrap_err();
            assert_eq!(e.span.start, at, "{text}: {e:?}");
            assert!(e.message.contains(msg), "{text}: {e:?}");
        }
    }

    #[test]
    fn depth_is_limited() {
        let text = "[".repeat(MAX_DEPTH + 5);
        let e = parse_json(&text).unwrap_err();
        assert!(e.message.contains("nesting"), "{e:?}");
    }
}
