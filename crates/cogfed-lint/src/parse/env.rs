//! `KEY=value` env files (Docker/Compose `.env`, systemd `EnvironmentFile`, the `IDP_*` form of Pomerium's
//! Cognito guide) to a map [`Node`]. Values may be bare, `"double"` (with `\"`, `\\`, `\n` escapes) or
//! `'single'` quoted; `export ` prefixes and `#` comment lines are allowed.

use super::ParseError;
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use std::collections::HashSet;

/// Parses an env file. Every value is a string.
pub fn parse_env(text: &str) -> Result<Node, ParseError> {
    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let (body, skipped) = match body.strip_prefix("export ") {
            Some(rest) => (rest.trim_start(), body.len() - rest.trim_start().len()),
            None => (body, 0),
        };
        let key_start = line_start + indent + skipped;
        let Some(eq) = body.find('=') else {
            return Err(ParseError::new(
                Span::new(key_start, key_start + body.len()),
                "expected `KEY=value`",
            ));
        };
        let key = body[..eq].trim_end();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-')
        {
            return Err(ParseError::new(
                Span::new(key_start, key_start + eq),
                "invalid variable name before `=`",
            ));
        }
        let key_span = Span::new(key_start, key_start + key.len());
        if !seen.insert(key.to_string()) {
            return Err(ParseError::new(key_span, format!("duplicate variable `{key}`")));
        }
        let raw_value = &body[eq + 1..];
        let lead = raw_value.len() - raw_value.trim_start().len();
        let value_start = key_start + eq + 1 + lead;
        let raw_value = raw_value.trim_start();
        let (value, len) = unquote(raw_value)
            .map_err(|m| ParseError::new(Span::new(value_start, value_start + raw_value.len()), m))?;
        entries.push((
            Key {
                text: key.to_string(),
                span: key_span,
            },
            Node::new(Span::new(value_start, value_start + len), NodeKind::String(value)),
        ));
    }
    Ok(Node::new(Span::new(0, text.len()), NodeKind::Map(entries)))
}

/// The value and the byte length it occupies in the line.
fn unquote(raw: &str) -> Result<(String, usize), String> {
    if let Some(rest) = raw.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Ok((out, i + 2)),
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, c)) => out.push(c),
                    None => break,
                },
                c => out.push(c),
            }
        }
        Err("unterminated double-quoted value".into())
    } else if let Some(rest) = raw.strip_prefix('\'') {
        match rest.find('\'') {
            Some(end) => Ok((rest[..end].to_string(), end + 2)),
            None => Err("unterminated single-quoted value".into()),
        }
    } else {
        // A bare value ends at an inline ` #` comment.
        let value = match raw.find(" #") {
            Some(i) => &raw[..i],
            None => raw,
        }
        .trim_end();
        Ok((value.to_string(), value.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pomerium_env_form() {
        let text =
            "# Pomerium\nIDP_PROVIDER=\"oidc\"\nexport IDP_SCOPES='openid,email'\nIDP_CLIENT_ID=abc # id\n";
        let n = parse_env(text).unwrap();
        let p = n.get("IDP_PROVIDER").unwrap();
        assert_eq!(p.as_str(), Some("oidc"));
        assert_eq!(&text[p.span.start..p.span.end], "\"oidc\"");
        assert_eq!(n.get("IDP_SCOPES").unwrap().as_str(), Some("openid,email"));
        let (k, v) = n.entry("IDP_CLIENT_ID").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "IDP_CLIENT_ID");
        assert_eq!(v.as_str(), Some("abc"));
    }

    #[test]
    fn errors() {
        assert!(
            parse_env("JUSTAWORD\n")
                .unwrap_err()
                .message
                .contains("KEY=value")
        );
        assert!(parse_env("A=\"x\n").unwrap_err().message.contains("unterminated"));
        assert!(parse_env("A=1\nA=2\n").unwrap_err().message.contains("duplicate"));
    }
}
