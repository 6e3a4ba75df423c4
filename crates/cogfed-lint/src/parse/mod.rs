//! Parsers from text to the spanned [`Node`] tree: strict JSON, YAML (CloudFormation tags kept, aliases
//! expanded with a budget), TOML and env files. Each reports errors as a byte span plus a message; the loader
//! turns that into file:line:column.

mod env;
mod json;
mod toml;
mod yaml;

pub use env::parse_env;
pub use json::parse_json;
pub use toml::parse_toml;
pub use yaml::{parse_yaml, parse_yaml_documents};

use crate::node::Node;
use crate::source::Span;

/// Largest input accepted, in bytes (issue 3: "a huge file ... exit 2").
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting of lists and maps accepted (protects the recursive deserializer and renderers).
pub const MAX_DEPTH: usize = 128;
/// Most nodes a YAML document may expand to through aliases (billion-laughs protection).
pub const MAX_YAML_NODES: usize = 1_000_000;

/// A syntax error: where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where the error was detected.
    pub span: Span,
    /// What is wrong, e.g. "expected `,` or `}` after an object member".
    pub message: String,
}

impl ParseError {
    /// An error at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        ParseError {
            span,
            message: message.into(),
        }
    }
}

/// The text formats we parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// RFC 8259 JSON.
    Json,
    /// YAML 1.2.
    Yaml,
    /// TOML 1.0.
    Toml,
    /// `KEY=value` lines.
    Env,
}

impl Syntax {
    /// Picks the syntax from a file name's extension, falling back to sniffing the text.
    pub fn detect(name: &str, text: &str) -> Syntax {
        let lower = name.to_ascii_lowercase();
        let base = lower.rsplit(['/', '\\']).next().unwrap_or(&lower);
        if base.ends_with(".json") || base.ends_with(".template") && text.trim_start().starts_with('{') {
            Syntax::Json
        } else if base.ends_with(".yaml") || base.ends_with(".yml") || base.ends_with(".template") {
            Syntax::Yaml
        } else if base.ends_with(".toml") {
            Syntax::Toml
        } else if base.ends_with(".env") || base.starts_with(".env") || base.starts_with("env.") {
            Syntax::Env
        } else {
            sniff(text)
        }
    }

    /// The syntax the text itself suggests, whatever the file is called (pasted text, a misnamed file).
    pub fn sniff_content(text: &str) -> Syntax {
        sniff(text)
    }

    /// Lowercase name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Syntax::Json => "JSON",
            Syntax::Yaml => "YAML",
            Syntax::Toml => "TOML",
            Syntax::Env => "env file",
        }
    }
}

/// Guesses the syntax of a file whose name says nothing.
fn sniff(text: &str) -> Syntax {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{')
        || trimmed.starts_with('[') && !trimmed.starts_with("[[") && looks_like_json_array(trimmed)
    {
        return Syntax::Json;
    }
    let mut env_lines = 0;
    let mut other_lines = 0;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        if line.starts_with('[') {
            return Syntax::Toml;
        }
        let line = line.strip_prefix("export ").unwrap_or(line);
        match line.split_once('=') {
            Some((k, _))
                if !k.is_empty()
                    && k.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_') =>
            {
                env_lines += 1
            }
            Some((k, v))
                if k.trim_end()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && !v.is_empty() =>
            {
                return Syntax::Toml;
            }
            _ => other_lines += 1,
        }
    }
    if env_lines > 0 && other_lines == 0 {
        Syntax::Env
    } else {
        Syntax::Yaml
    }
}

fn looks_like_json_array(text: &str) -> bool {
    text[1..].trim_start().starts_with(['{', '"', '[', ']'])
        || text[1..].trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// Parses `text` as `syntax`. YAML streams with several documents are rejected here; use
/// [`parse_yaml_documents`] for Kubernetes-style multi-document files.
pub fn parse(syntax: Syntax, text: &str) -> Result<Node, ParseError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ParseError::new(
            Span::point(0),
            format!(
                "file is {} bytes; the limit is {} bytes (8 MiB)",
                text.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    match syntax {
        Syntax::Json => parse_json(text),
        Syntax::Yaml => parse_yaml(text),
        Syntax::Toml => parse_toml(text),
        Syntax::Env => parse_env(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_from_extension_then_content() {
        assert_eq!(Syntax::detect("a/b.JSON", ""), Syntax::Json);
        assert_eq!(Syntax::detect("t.yml", ""), Syntax::Yaml);
        assert_eq!(Syntax::detect("m.toml", ""), Syntax::Toml);
        assert_eq!(Syntax::detect("pomerium.env", ""), Syntax::Env);
        assert_eq!(Syntax::detect("x", "  {\"a\":1}"), Syntax::Json);
        assert_eq!(
            Syntax::detect("x", "IDP_PROVIDER=\"oidc\"\nIDP_CLIENT_ID=abc\n"),
            Syntax::Env
        );
        assert_eq!(Syntax::detect("x", "version = 1\n[user_pool]\n"), Syntax::Toml);
        assert_eq!(Syntax::detect("x", "Resources:\n  A: 1\n"), Syntax::Yaml);
    }

    #[test]
    fn huge_input_is_an_error_not_a_hang() {
        let text = " ".repeat(MAX_INPUT_BYTES + 1);
        let err = parse(Syntax::Json, &text).unwrap_err();
        assert!(err.message.contains("8 MiB"), "{}", err.message);
    }
}
