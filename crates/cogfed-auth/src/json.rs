//! Strict JSON for token headers, claims and other untrusted documents: one borrowing scanner that validates a
//! document in full and then reads the members a caller asks for, straight from the text, and a writer for the
//! few records this client stores.
//!
//! # Duplicate member policy
//!
//! RFC 7515 §4 and RFC 7519 §4 let a parser either reject duplicate member names or take the last one. Two
//! parsers of one token that choose differently disagree (`{"alg":"RS256","alg":"none"}`). **cogfed rejects
//! duplicate member names at every depth** (names compared after unescaping, so `"\u0061lg"` is `alg`), before
//! anything is read; every view of a document then comes from the same text and cannot disagree
//! (security-checklist B4 "Duplicate member names"). An object has at most [`MAX_MEMBERS`] members, which
//! bounds the duplicate search.
//!
//! Nesting is limited to [`MAX_DEPTH`] levels (RFC 8725 §3.7 / B4 "deep nesting"): the scanner counts levels
//! as it descends and refuses the first one too deep before entering it, so its recursion is bounded.
//!
//! # Why a scanner and not a tree
//!
//! Size. A `serde_json::Value` tree (a map per object, an allocation per string) and the code that builds,
//! copies and drops it cost the browser build about 10 KB of wasm; a typed reader that fills the known fields
//! from the text needs no tree. [`parse_object`] validates and returns an [`Object`]: a view of the text with
//! lookups ([`Object::get`], [`Object::string`], [`Object::number`]...) and an iterator over its members
//! ([`Object::members`]); values are [`Value`]s borrowing the text, strings are unescaped only when read.
//!
//! Grammar: RFC 8259 exactly (a test compares the scanner with serde_json on generated documents): whitespace
//! is space, tab, CR and LF; strings hold no raw control characters; escapes are the eight short ones and
//! `\uXXXX` with surrogates paired; numbers have no leading zeros, `+` or bare `.`. A number beyond `f64`'s
//! range is refused ("number out of range").

use std::borrow::Cow;

/// Deepest nesting of arrays and objects accepted in an untrusted JSON document.
pub const MAX_DEPTH: usize = 16;

/// Most members accepted in one object (a token header has a handful, a discovery document a few dozen).
pub const MAX_MEMBERS: usize = 512;

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
    /// An object has more than [`MAX_MEMBERS`] members.
    #[error("an object has more than {MAX_MEMBERS} members")]
    TooManyMembers,
    /// The document is valid JSON but not an object.
    #[error("not a JSON object")]
    NotAnObject,
}

/// Parses bytes as one JSON object under the strict policy of this module.
pub fn parse_object(bytes: &[u8]) -> Result<Object<'_>, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonError::NotUtf8(e.valid_up_to()))?;
    if text.starts_with('\u{feff}') {
        return Err(JsonError::ByteOrderMark);
    }
    match parse_value(text)? {
        Value::Object(object) => Ok(object),
        _ => Err(JsonError::NotAnObject),
    }
}

/// Parses one JSON value of any type under the strict policy of this module (no byte order mark check: the
/// text is already a `str`).
pub fn parse_value(text: &str) -> Result<Value<'_>, JsonError> {
    let mut scanner = Scanner { text, pos: 0 };
    let value = scanner.value(0)?;
    scanner.skip_whitespace();
    if scanner.pos < text.len() {
        return Err(scanner.error("trailing characters after the value"));
    }
    Ok(value)
}

/// A validated JSON object: its text, from `{` to `}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Object<'a>(&'a str);

/// `{}`.
pub(crate) fn empty_object() -> Object<'static> {
    Object("{}")
}

/// A validated JSON array: its text, from `[` to `]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Array<'a>(&'a str);

/// A validated JSON string: its text with the quotes and escapes as written; [`Str::value`] unescapes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str<'a>(&'a str);

/// A validated JSON value, borrowing the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written (RFC 8259 grammar, within `f64`'s range).
    Number(&'a str),
    /// A string.
    String(Str<'a>),
    /// An array.
    Array(Array<'a>),
    /// An object.
    Object(Object<'a>),
}

impl<'a> Str<'a> {
    /// The string's value, unescaped (borrowed when it has no escapes).
    pub fn value(self) -> Cow<'a, str> {
        Scanner { text: self.0, pos: 0 }
            .string()
            .unwrap_or(Cow::Borrowed(""))
    }

    /// The string as written, between the quotes (escapes not decoded).
    pub fn raw(self) -> &'a str {
        self.0.get(1..self.0.len().saturating_sub(1)).unwrap_or_default()
    }
}

impl<'a> Value<'a> {
    /// The string value, if this is a string.
    pub fn as_str(self) -> Option<Cow<'a, str>> {
        match self {
            Value::String(s) => Some(s.value()),
            _ => None,
        }
    }

    /// The value as a `u64`, if it is a non-negative integer written without fraction or exponent that fits.
    pub fn as_u64(self) -> Option<u64> {
        match self {
            Value::Number(text) if text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok(),
            _ => None,
        }
    }

    /// The text of the value as written (a string with its quotes and escapes).
    pub fn text(self) -> &'a str {
        match self {
            Value::Null => "null",
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
            Value::Number(text)
            | Value::String(Str(text))
            | Value::Array(Array(text))
            | Value::Object(Object(text)) => text,
        }
    }

    /// A short description of the value for error messages: `null`, `a boolean`, `the number 7`, `the negative
    /// number -1`, `a fractional number`, `the string "…"` (at most 40 characters), `an array`, `an object`.
    pub fn describe(self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::Number(text) => {
                let integer = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
                if integer(text) && text.parse::<u64>().is_ok() {
                    ["the number ", text].concat()
                } else if text.strip_prefix('-').is_some_and(integer) && text.parse::<i64>().is_ok() {
                    ["the negative number ", text].concat()
                } else {
                    "a fractional number".into()
                }
            }
            Value::String(s) => {
                let s = s.value();
                let shown = match s.char_indices().nth(40) {
                    Some((i, _)) => [s.get(..i).unwrap_or_default(), "…"].concat(),
                    None => s.into_owned(),
                };
                ["the string ", &crate::text::quoted_string(&shown)].concat()
            }
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

impl<'a> Array<'a> {
    /// The items, in order.
    pub fn items(self) -> Items<'a> {
        Items(Scanner { text: self.0, pos: 1 })
    }
}

/// The items of an [`Array`].
#[derive(Debug, Clone)]
pub struct Items<'a>(Scanner<'a>);

impl<'a> Iterator for Items<'a> {
    type Item = Value<'a>;
    fn next(&mut self) -> Option<Value<'a>> {
        let s = &mut self.0;
        s.skip_whitespace();
        if s.eat(b']') || s.pos >= s.text.len() {
            s.pos = s.text.len();
            return None;
        }
        let value = s.value(0).ok()?;
        s.skip_whitespace();
        s.eat(b',');
        Some(value)
    }
}

impl<'a> Object<'a> {
    /// The members, in document order, names unescaped.
    pub fn members(self) -> Members<'a> {
        Members(Scanner { text: self.0, pos: 1 })
    }

    /// The value of member `name`, if present.
    pub fn get(self, name: &str) -> Option<Value<'a>> {
        self.members().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The text of the object as written.
    pub fn text(self) -> &'a str {
        self.0
    }

    /// True when the object has no members.
    pub fn is_empty(self) -> bool {
        self.members().next().is_none()
    }

    /// An optional string member: absent and `null` are `None`, another type is an error naming the member.
    pub fn string(self, name: &str) -> Result<Option<Cow<'a, str>>, String> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.value())),
            Some(_) => Err([name, " is not a string"].concat()),
        }
    }

    /// A string member that must be present.
    pub fn required_string(self, name: &str) -> Result<Cow<'a, str>, String> {
        self.string(name)?.ok_or_else(|| [name, " is missing"].concat())
    }

    /// An optional non-negative integer member.
    pub fn number(self, name: &str) -> Result<Option<u64>, String> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => value
                .as_u64()
                .map(Some)
                .ok_or_else(|| [name, " is not a non-negative integer"].concat()),
        }
    }

    /// An optional boolean member.
    pub fn boolean(self, name: &str) -> Result<Option<bool>, String> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(_) => Err([name, " is not a boolean"].concat()),
        }
    }

    /// An optional array of strings.
    pub fn strings(self, name: &str) -> Result<Option<Vec<String>>, String> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => items
                .items()
                .map(|item| item.as_str().map(Cow::into_owned))
                .collect::<Option<Vec<_>>>()
                .map(Some)
                .ok_or_else(|| [name, " is not an array of strings"].concat()),
            Some(_) => Err([name, " is not an array of strings"].concat()),
        }
    }
}

/// The members of an [`Object`]: `(name, value)`, names unescaped.
#[derive(Debug, Clone)]
pub struct Members<'a>(Scanner<'a>);

impl<'a> Iterator for Members<'a> {
    type Item = (Cow<'a, str>, Value<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        let s = &mut self.0;
        s.skip_whitespace();
        if s.peek() != Some(b'"') {
            s.pos = s.text.len();
            return None;
        }
        let name = s.string().ok()?;
        s.skip_whitespace();
        s.eat(b':');
        let value = s.value(0).ok()?;
        s.skip_whitespace();
        s.eat(b',');
        Some((name, value))
    }
}

/// The scanner's cursor. `pos` only ever stops on ASCII bytes or the end, so it is always a char boundary.
/// The same code validates a document and, over a validated one, reads it.
#[derive(Debug, Clone)]
struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
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
        JsonError::Syntax([what, " at byte ", &decimal(self.pos as u64)].concat())
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn slice(&self, start: usize) -> &'a str {
        self.text.get(start..self.pos).unwrap_or_default()
    }

    /// A value inside a container at nesting level `depth` (0 for the document itself).
    fn value(&mut self, depth: usize) -> Result<Value<'a>, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err(JsonError::TooDeep),
            Some(b'{') => {
                self.object(depth + 1)?;
                Ok(Value::Object(Object(self.slice(start))))
            }
            Some(b'[') => {
                self.array(depth + 1)?;
                Ok(Value::Array(Array(self.slice(start))))
            }
            Some(b'"') => {
                self.string()?;
                Ok(Value::String(Str(self.slice(start))))
            }
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => {
                self.number()?;
                Ok(Value::Number(self.slice(start)))
            }
            Some(_) => Err(self.error("expected a value")),
            None => Err(self.error("unexpected end, expected a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value<'a>) -> Result<Value<'a>, JsonError> {
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

    fn object(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1; // '{'
        self.skip_whitespace();
        if self.eat(b'}') {
            return Ok(());
        }
        let mut names: Vec<Cow<'a, str>> = Vec::new();
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a member name"));
            }
            let name = self.string()?;
            if names.contains(&name) {
                return Err(JsonError::DuplicateMember(name.into_owned()));
            }
            if names.len() >= MAX_MEMBERS {
                return Err(JsonError::TooManyMembers);
            }
            names.push(name);
            self.skip_whitespace();
            if !self.eat(b':') {
                return Err(self.error("expected ':'"));
            }
            self.value(depth)?;
            self.skip_whitespace();
            if self.eat(b'}') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or '}'"));
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1; // '['
        self.skip_whitespace();
        if self.eat(b']') {
            return Ok(());
        }
        loop {
            self.value(depth)?;
            self.skip_whitespace();
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(self.error("expected ',' or ']'"));
            }
        }
    }

    /// A string at `pos` (on its opening quote), unescaped: borrowed from the text when it has no escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1; // '"'
        let mut out: Option<String> = None;
        loop {
            // The run of plain characters at once; it ends on an ASCII byte, so on a char boundary.
            let start = self.pos;
            while self.peek().is_some_and(|b| b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            let run = self.slice(start);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(match out {
                        None => Cow::Borrowed(run),
                        Some(mut s) => {
                            s.push_str(run);
                            Cow::Owned(s)
                        }
                    });
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(run);
                    s.push(self.escape()?);
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

    /// A number (RFC 8259 grammar), refused when beyond `f64`'s range.
    fn number(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.eat(b'-');
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
        if self.eat(b'.') {
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
        if decimal_to_f64(significand, exponent).is_finite() {
            Ok(())
        } else {
            self.pos = start;
            Err(self.error("number out of range"))
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

/// `n` in decimal digits, without the formatting machinery (which messages on the hot path would link).
pub fn decimal(mut n: u64) -> String {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    digits
        .get(i..)
        .map(|d| d.iter().map(|b| char::from(*b)).collect())
        .unwrap_or_default()
}

/// Appends `text` as a JSON string literal (quotes, backslashes and control characters escaped).
pub fn write_string(out: &mut String, text: &str) {
    let hex = |nibble: u32| char::from_digit(nibble & 15, 16).unwrap_or('0');
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(hex(u32::from(c) >> 4));
                out.push(hex(u32::from(c)));
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
            Some(value) => self.out.push_str(&decimal(value)),
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

    /// A member whose value is JSON text already (a validated [`Value::text`], or another writer's output).
    pub fn raw(&mut self, name: &str, json: &str) -> &mut Self {
        self.name(name);
        self.out.push_str(json);
        self
    }

    /// The finished object text.
    pub fn finish(&mut self) -> String {
        let mut out = std::mem::take(&mut self.out);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests;
