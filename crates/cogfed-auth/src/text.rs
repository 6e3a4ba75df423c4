//! Quoting untrusted values inside error messages and verification reports, without `{:?}`.
//!
//! Values from tokens, URLs, callbacks and documents are shown in quotes with the quote and `\` escaped, and
//! control characters and invisible formatting characters (bidirectional overrides and isolates, zero-width
//! characters, the BOM, the soft hyphen) written as `\u{…}`, so a hostile value can neither close the quote
//! nor disguise itself in a message. For ordinary text the output is exactly Rust's `{:?}`.
//!
//! `Debug` formatting is not used for this because it links `char::escape_debug`, the Unicode printability
//! tables and the panicking `str` slicing machinery: about 5 KB of the browser build for a few quotes.

use std::fmt::{self, Display, Formatter, Write};

/// A string shown as a double-quoted, escaped literal: `quoted("a\"b")` displays as `"a\"b"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted<'a>(pub &'a str);

/// `text` as a double-quoted, escaped literal (see the module documentation).
pub fn quoted(text: &str) -> Quoted<'_> {
    Quoted(text)
}

impl Display for Quoted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            write_escaped(f, c, '"')?;
        }
        f.write_char('"')
    }
}

/// A list of strings shown like `{:?}` shows a `Vec<String>`: `["a", "b"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedList<'a, S>(pub &'a [S]);

/// `items` as a bracketed list of quoted strings.
pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> QuotedList<'_, S> {
    QuotedList(items)
}

impl<S: AsRef<str>> Display for QuotedList<'_, S> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('[')?;
        for (index, item) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            Quoted(item.as_ref()).fmt(f)?;
        }
        f.write_char(']')
    }
}

/// A character shown as a single-quoted, escaped literal, like `{:?}` shows a `char`: `'x'`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotedChar(pub char);

impl Display for QuotedChar {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_char('\'')?;
        write_escaped(f, self.0, '\'')?;
        f.write_char('\'')
    }
}

/// Characters that render as nothing or reorder the text around them (Unicode `Cf` characters used in
/// spoofing: soft hyphen, zero-width characters, bidirectional marks, embeddings, overrides and isolates,
/// word joiner and invisible operators, BOM).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
    )
}

fn write_escaped(f: &mut Formatter<'_>, c: char, quote: char) -> fmt::Result {
    escape_into(f, c, quote)
}

fn escape_into(f: &mut impl Write, c: char, quote: char) -> fmt::Result {
    match c {
        '\\' => f.write_str("\\\\"),
        '\n' => f.write_str("\\n"),
        '\r' => f.write_str("\\r"),
        '\t' => f.write_str("\\t"),
        '\0' => f.write_str("\\0"),
        c if c == quote => {
            f.write_char('\\')?;
            f.write_char(c)
        }
        c if c.is_control() || is_invisible(c) => {
            f.write_str("\\u{")?;
            let code = u32::from(c);
            // Lowercase hex without leading zeros, as `{:x}` writes it (no formatting machinery needed).
            let digits = (32 - code.leading_zeros()).div_ceil(4).max(1);
            for shift in (0..digits).rev() {
                f.write_char(char::from_digit((code >> (shift * 4)) & 15, 16).unwrap_or('0'))?;
            }
            f.write_char('}')
        }
        c => f.write_char(c),
    }
}

/// [`quoted`] as a `String`, written without the formatting machinery (for messages on paths that otherwise
/// format nothing).
pub fn quoted_string(text: &str) -> String {
    struct Out(String);
    impl Write for Out {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.push_str(s);
            Ok(())
        }
    }
    let mut out = Out(String::with_capacity(text.len() + 2));
    let _ = out.write_char('"');
    for c in text.chars() {
        let _ = escape_into(&mut out, c, '"');
    }
    let _ = out.write_char('"');
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_quoted_exactly_like_debug() {
        for text in [
            "",
            "abc",
            "a\"b",
            "back\\slash",
            "tab\tnew\nline\r",
            "nul\0",
            "é ü 日本 😀",
            "'single'",
        ] {
            assert_eq!(quoted(text).to_string(), format!("{text:?}"), "{text}");
        }
        for c in ['a', ' ', '\'', '"', '\\', '\n', '\0', 'é'] {
            assert_eq!(QuotedChar(c).to_string(), format!("{c:?}"));
        }
        let items = vec!["a".to_owned(), "b\"".to_owned()];
        assert_eq!(quoted_list(&items).to_string(), format!("{items:?}"));
        assert_eq!(quoted_list::<&str>(&[]).to_string(), "[]");
        assert_eq!(quoted_list(&["x"]).to_string(), "[\"x\"]");
    }

    #[test]
    fn controls_and_invisible_characters_are_escaped() {
        assert_eq!(quoted("a\u{1b}[31m").to_string(), "\"a\\u{1b}[31m\"");
        assert_eq!(quoted("\u{7f}").to_string(), "\"\\u{7f}\"");
        assert_eq!(
            quoted("evil\u{202e}gnp.exe").to_string(),
            "\"evil\\u{202e}gnp.exe\""
        );
        assert_eq!(quoted("zero\u{200b}width").to_string(), "\"zero\\u{200b}width\"");
        assert_eq!(quoted("\u{feff}bom").to_string(), "\"\\u{feff}bom\"");
        for text in ["a\u{1b}[31m", "\u{7f}", "evil\u{202e}x", "q\"\\", "\u{0}"] {
            assert_eq!(quoted_string(text), quoted(text).to_string(), "{text:?}");
        }
        assert_eq!(QuotedChar('\u{2066}').to_string(), "'\\u{2066}'");
    }
}
