//! A small, strict parser and builder for the absolute `http`/`https` URLs this client handles: endpoints,
//! issuers, redirect URIs and the callback URL the browser lands on.
//!
//! Deliberately not the `url` crate (it would cost the wasm build more than this whole module) and
//! deliberately strict: ASCII only, no whitespace or control characters, no user info, well-formed percent
//! escapes, a registered-name or bracketed IPv6 host and a decimal port. Parsing never normalises the input:
//! the original string is kept for exact comparisons (cognito-facts §1.1: redirect URIs match byte for byte).
//!
//! Percent-encoding is done here too, rather than by the `percent-encoding` and `form_urlencoded` crates:
//! the two rules this client needs are a few lines, and the crates' tables and panic paths cost the wasm
//! build about 2 KB.

use std::fmt;

/// Why a URL was rejected. Each variant names the part that is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    /// The string is empty.
    #[error("URL is empty")]
    Empty,
    /// A character outside printable ASCII (spaces and controls included) at a byte offset.
    #[error("character {} at byte {at} is not allowed in a URL (percent-encode it)", crate::text::QuotedChar(*.found))]
    BadCharacter {
        /// The offending character.
        found: char,
        /// Byte offset in the input.
        at: usize,
    },
    /// The scheme is missing or is not `http`/`https`.
    #[error("scheme must be https (or http on loopback); found {}", crate::text::quoted(.0))]
    Scheme(String),
    /// No `//authority` after the scheme.
    #[error("missing `//host` after the scheme")]
    MissingAuthority,
    /// `user:password@` in the authority.
    #[error("user information (`@`) is not allowed in the authority")]
    UserInfo,
    /// The host is empty or has characters a DNS name or IP literal cannot have.
    #[error("invalid host {}", crate::text::quoted(.0))]
    Host(String),
    /// The port is not a decimal number in 1..=65535.
    #[error("invalid port {}", crate::text::quoted(.0))]
    Port(String),
    /// A `%` not followed by two hex digits.
    #[error("malformed percent escape at byte {0}")]
    PercentEscape(usize),
}

/// An absolute `http`/`https` URL split into its parts, with the original text kept.
#[derive(Clone, PartialEq, Eq)]
pub struct AbsoluteUrl {
    original: String,
    scheme: String,
    host: String,
    port: Option<u16>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl fmt::Debug for AbsoluteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AbsoluteUrl({})", crate::text::quoted(&self.original))
    }
}

impl fmt::Display for AbsoluteUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.original)
    }
}

impl AbsoluteUrl {
    /// Parses an absolute `http` or `https` URL strictly (see the module documentation).
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        if input.is_empty() {
            return Err(UrlError::Empty);
        }
        if let Some((at, found)) = input.char_indices().find(|(_, c)| !c.is_ascii_graphic()) {
            return Err(UrlError::BadCharacter { found, at });
        }
        check_percent_escapes(input)?;
        let (scheme, rest) = input
            .split_once(':')
            .ok_or_else(|| UrlError::Scheme(String::new()))?;
        let scheme_lower = scheme.to_ascii_lowercase();
        if scheme_lower != "https" && scheme_lower != "http" {
            return Err(UrlError::Scheme(scheme.to_owned()));
        }
        let rest = rest.strip_prefix("//").ok_or(UrlError::MissingAuthority)?;
        let (before_fragment, fragment) = match rest.split_once('#') {
            Some((b, f)) => (b, Some(f.to_owned())),
            None => (rest, None),
        };
        let (before_query, query) = match before_fragment.split_once('?') {
            Some((b, q)) => (b, Some(q.to_owned())),
            None => (before_fragment, None),
        };
        let (authority, path) = match before_query.find('/') {
            // split_at_checked: never panics, even if the ASCII check above were ever relaxed.
            Some(i) => before_query.split_at_checked(i).unwrap_or((before_query, "")),
            None => (before_query, ""),
        };
        if authority.contains('@') {
            return Err(UrlError::UserInfo);
        }
        let (host, port) = split_host_port(authority)?;
        Ok(AbsoluteUrl {
            original: input.to_owned(),
            scheme: scheme_lower,
            host: host.to_owned(),
            port,
            path: path.to_owned(),
            query,
            fragment,
        })
    }

    /// The URL exactly as given.
    pub fn as_str(&self) -> &str {
        &self.original
    }
    /// The scheme in lowercase: `https` or `http`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }
    /// The host as written (an IPv6 literal keeps its brackets).
    pub fn host(&self) -> &str {
        &self.host
    }
    /// The explicit port, if any.
    pub fn port(&self) -> Option<u16> {
        self.port
    }
    /// The port in effect: the explicit one or the scheme's default (443/80).
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(if self.scheme == "https" { 443 } else { 80 })
    }
    /// The path, `""` when absent.
    pub fn path(&self) -> &str {
        &self.path
    }
    /// The raw query after `?`, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }
    /// The raw fragment after `#`, if any.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// True for `localhost`, `127.0.0.1` and `[::1]`, the loopback hosts Cognito accepts over plain http
    /// (cognito-facts §1.1).
    pub fn is_loopback(&self) -> bool {
        let host = self.host.to_ascii_lowercase();
        host == "localhost" || host == "127.0.0.1" || host == "[::1]"
    }

    /// True when the URL is `https`, or `http` on a loopback host.
    pub fn is_secure_or_loopback(&self) -> bool {
        self.scheme == "https" || self.is_loopback()
    }

    /// The origin and path without query or fragment, in a canonical form that browsers would also produce
    /// (lowercase scheme and host, default port dropped). Used to tell whether the browser landed on the
    /// redirect URI of the transaction.
    pub fn endpoint_key(&self) -> String {
        let port = match self.port {
            Some(p) if p != self.effective_default_port() => {
                [":", &crate::json::decimal(u64::from(p))].concat()
            }
            _ => String::new(),
        };
        let path = if self.path.is_empty() {
            "/"
        } else {
            self.path.as_str()
        };
        [
            self.scheme.as_str(),
            "://",
            &self.host.to_ascii_lowercase(),
            &port,
            path,
        ]
        .concat()
    }

    fn effective_default_port(&self) -> u16 {
        if self.scheme == "https" { 443 } else { 80 }
    }
}

fn check_percent_escapes(input: &str) -> Result<(), UrlError> {
    let bytes = input.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%' {
            let ok = matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit()
            );
            if !ok {
                return Err(UrlError::PercentEscape(i));
            }
        }
    }
    Ok(())
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), UrlError> {
    let (host, port_text) = if authority.starts_with('[') {
        let end = authority
            .find(']')
            .ok_or_else(|| UrlError::Host(authority.to_owned()))?;
        let (host, after) = authority
            .split_at_checked(end + 1)
            .ok_or_else(|| UrlError::Host(authority.to_owned()))?;
        let inner = host.trim_start_matches('[').trim_end_matches(']');
        if inner.is_empty()
            || !inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(UrlError::Host(host.to_owned()));
        }
        match after {
            "" => (host, None),
            _ => (
                host,
                Some(
                    after
                        .strip_prefix(':')
                        .ok_or_else(|| UrlError::Port(after.to_owned()))?,
                ),
            ),
        }
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        let valid = !host.is_empty()
            && !host.starts_with('.')
            && !host.starts_with('-')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
        if !valid {
            return Err(UrlError::Host(host.to_owned()));
        }
        (host, port)
    };
    let port = match port_text {
        None => None,
        Some(p) => {
            let valid = !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
            match p.parse::<u16>() {
                Ok(n) if valid && n != 0 => Some(n),
                _ => return Err(UrlError::Port(p.to_owned())),
            }
        }
    };
    Ok((host, port))
}

/// Percent-encodes the UTF-8 bytes of `value`, leaving only RFC 3986 "unreserved" characters
/// (`A-Z a-z 0-9 - . _ ~`) literal. Everything else, including `+`, `&`, `=` and `/`, is encoded, so no
/// decoder can misread it; a space is `%20`, or `+` with `space_as_plus` (HTML form encoding).
fn percent_encode(value: &str, space_as_plus: bool) -> String {
    let hex = |nibble: u8| {
        char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            b'A' + nibble - 10
        })
    };
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(char::from(byte)),
            b' ' if space_as_plus => out.push('+'),
            _ => {
                out.push('%');
                out.push(hex(byte >> 4));
                out.push(hex(byte & 0x0f));
            }
        }
    }
    out
}

/// Percent-encodes a query name or value, leaving only RFC 3986 unreserved characters literal.
pub fn encode_component(value: &str) -> String {
    percent_encode(value, false)
}

/// Encodes `pairs` as an `application/x-www-form-urlencoded` body (WHATWG URL §5.2; a space is `+`).
pub fn form_body(pairs: &[(&str, &str)]) -> String {
    let mut body = String::new();
    for (name, value) in pairs {
        if !body.is_empty() {
            body.push('&');
        }
        body.push_str(&percent_encode(name, true));
        body.push('=');
        body.push_str(&percent_encode(value, true));
    }
    body
}

/// Appends `pairs` to `base` as a query string (`?` or `&` as needed), strictly encoded.
pub fn with_query(base: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = String::from(base);
    for (index, (name, value)) in pairs.iter().enumerate() {
        if index > 0 {
            out.push('&');
        } else if !(out.ends_with('?') || out.ends_with('&')) {
            out.push(if out.contains('?') { '&' } else { '?' });
        }
        out.push_str(&encode_component(name));
        out.push('=');
        out.push_str(&encode_component(value));
    }
    out
}

/// Why a query string could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A name or value decodes to bytes that are not UTF-8.
    #[error("query parameter {} is not valid UTF-8 after percent-decoding", crate::text::quoted(.0))]
    NotUtf8(String),
    /// A `%` not followed by two hex digits.
    #[error("malformed percent escape in the query")]
    PercentEscape,
}

/// Decodes an `application/x-www-form-urlencoded` query (`+` is a space) into name/value pairs in order.
/// Empty segments (`a=1&&b=2`) are skipped; a segment without `=` has an empty value. Decoding is strict:
/// malformed escapes and invalid UTF-8 are errors, never replaced.
pub fn parse_query(query: &str) -> Result<Vec<(String, String)>, QueryError> {
    if check_percent_escapes(query).is_err() {
        return Err(QueryError::PercentEscape);
    }
    let mut pairs = Vec::new();
    for segment in query.split('&').filter(|s| !s.is_empty()) {
        let (name, value) = segment.split_once('=').unwrap_or((segment, ""));
        pairs.push((decode_component(name)?, decode_component(value)?));
    }
    Ok(pairs)
}

/// Decodes one name or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
fn decode_component(raw: &str) -> Result<String, QueryError> {
    let mut bytes = raw.bytes();
    let mut out = Vec::with_capacity(raw.len());
    while let Some(byte) = bytes.next() {
        out.push(match byte {
            b'+' => b' ',
            b'%' => {
                let mut nibble = || bytes.next().and_then(|b| char::from(b).to_digit(16));
                match (nibble(), nibble()) {
                    (Some(high), Some(low)) => (high * 16 + low) as u8,
                    _ => return Err(QueryError::PercentEscape),
                }
            }
            other => other,
        });
    }
    String::from_utf8(out).map_err(|_| QueryError::NotUtf8(raw.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn encoding_leaves_only_unreserved_characters_literal() {
        assert_eq!(encode_component("aZ09-._~"), "aZ09-._~");
        assert_eq!(
            encode_component("a b+c&d=e/f?%é"),
            "a%20b%2Bc%26d%3De%2Ff%3F%25%C3%A9"
        );
        assert_eq!(
            form_body(&[("grant_type", "authorization_code"), ("code", "a b+c")]),
            "grant_type=authorization_code&code=a+b%2Bc"
        );
        assert_eq!(form_body(&[]), "");
        assert_eq!(
            parse_query("a=%C3%A9+x%2B&b"),
            Ok(vec![("a".into(), "é x+".into()), ("b".into(), String::new())])
        );
        assert_eq!(parse_query("a=%ff"), Err(QueryError::NotUtf8("%ff".into())));
        assert_eq!(parse_query("a=%f"), Err(QueryError::PercentEscape));
    }

    proptest! {
        #[test]
        fn form_bodies_decode_to_the_pairs_with_a_standard_decoder(pairs in prop::collection::vec((any::<String>(), any::<String>()), 0..4)) {
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
            let body = form_body(&borrowed);
            let decoded: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
            prop_assert_eq!(&decoded, &pairs);
            prop_assert_eq!(parse_query(&body), Ok(pairs));
        }
    }

    #[test]
    fn parses_parts_without_normalising_the_original() {
        let u = AbsoluteUrl::parse("HTTPS://Auth.Example.com:8443/cb/x?code=1&state=2#frag").unwrap();
        assert_eq!(
            u.as_str(),
            "HTTPS://Auth.Example.com:8443/cb/x?code=1&state=2#frag"
        );
        assert_eq!(u.scheme(), "https");
        assert_eq!(u.host(), "Auth.Example.com");
        assert_eq!(u.port(), Some(8443));
        assert_eq!(u.path(), "/cb/x");
        assert_eq!(u.query(), Some("code=1&state=2"));
        assert_eq!(u.fragment(), Some("frag"));
        assert_eq!(u.endpoint_key(), "https://auth.example.com:8443/cb/x");
    }

    #[test]
    fn default_port_and_empty_path_give_the_same_endpoint_key() {
        let a = AbsoluteUrl::parse("https://a.example:443").unwrap();
        let b = AbsoluteUrl::parse("https://A.example/").unwrap();
        assert_eq!(a.endpoint_key(), b.endpoint_key());
    }

    #[test]
    fn rejects_what_a_strict_parser_must() {
        assert_eq!(AbsoluteUrl::parse(""), Err(UrlError::Empty));
        assert!(matches!(
            AbsoluteUrl::parse("https://a b"),
            Err(UrlError::BadCharacter { at: 9, .. })
        ));
        assert!(matches!(
            AbsoluteUrl::parse("https://é.example"),
            Err(UrlError::BadCharacter { .. })
        ));
        assert_eq!(AbsoluteUrl::parse("ftp://a"), Err(UrlError::Scheme("ftp".into())));
        assert_eq!(
            AbsoluteUrl::parse("javascript:alert(1)"),
            Err(UrlError::Scheme("javascript".into()))
        );
        assert_eq!(AbsoluteUrl::parse("https:/a"), Err(UrlError::MissingAuthority));
        assert_eq!(
            AbsoluteUrl::parse("https://u:p@a.example/"),
            Err(UrlError::UserInfo)
        );
        assert_eq!(
            AbsoluteUrl::parse("https:///path"),
            Err(UrlError::Host(String::new()))
        );
        assert_eq!(
            AbsoluteUrl::parse("https://a:0/"),
            Err(UrlError::Port("0".into()))
        );
        assert_eq!(
            AbsoluteUrl::parse("https://a:65536/"),
            Err(UrlError::Port("65536".into()))
        );
        assert_eq!(
            AbsoluteUrl::parse("https://a:/"),
            Err(UrlError::Port(String::new()))
        );
        assert_eq!(
            AbsoluteUrl::parse("https://a/%zz"),
            Err(UrlError::PercentEscape(10))
        );
        assert_eq!(
            AbsoluteUrl::parse("https://a/%4"),
            Err(UrlError::PercentEscape(10))
        );
        assert!(AbsoluteUrl::parse("http://[::1]:8080/cb").unwrap().is_loopback());
        assert!(AbsoluteUrl::parse("http://[zz]/").is_err());
    }

    #[test]
    fn loopback_rule_matches_cognito() {
        for ok in [
            "https://app.example/",
            "http://localhost:3000/",
            "http://127.0.0.1/",
            "http://[::1]:1/",
        ] {
            assert!(AbsoluteUrl::parse(ok).unwrap().is_secure_or_loopback(), "{ok}");
        }
        for bad in [
            "http://app.example/",
            "http://127.0.0.2/",
            "http://localhost.evil.example/",
        ] {
            assert!(!AbsoluteUrl::parse(bad).unwrap().is_secure_or_loopback(), "{bad}");
        }
    }

    #[test]
    fn query_round_trip_and_strict_decoding() {
        let url = with_query("https://a/p", &[("a b", "x+y&z=1/?#"), ("e", "é")]);
        assert_eq!(url, "https://a/p?a%20b=x%2By%26z%3D1%2F%3F%23&e=%C3%A9");
        let parsed = parse_query(AbsoluteUrl::parse(&url).unwrap().query().unwrap()).unwrap();
        assert_eq!(
            parsed,
            vec![("a b".into(), "x+y&z=1/?#".into()), ("e".into(), "é".into())]
        );
        assert_eq!(parse_query("a=1+2").unwrap(), vec![("a".into(), "1 2".into())]);
        assert_eq!(parse_query("a=%ff"), Err(QueryError::NotUtf8("%ff".into())));
        assert_eq!(parse_query("a=%f"), Err(QueryError::PercentEscape));
        assert_eq!(
            with_query("https://a/p?x=1", &[("y", "2")]),
            "https://a/p?x=1&y=2"
        );
    }
}
