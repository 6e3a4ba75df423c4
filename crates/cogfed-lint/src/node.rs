//! The spanned document tree every parser produces and every importer reads.
//!
//! One shape for JSON, YAML, TOML and env files: ordered maps (source order kept), raw number text (so
//! nothing is lost to float rounding), YAML tags kept (CloudFormation short-form intrinsics) and an
//! [`NodeKind::Unknown`] marker that importers put where a value cannot be resolved statically.

use crate::source::Span;

/// A map key with its own span (findings about a key point at the key, not the value).
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text, unescaped.
    pub text: String,
    /// Where the key is written.
    pub span: Span,
}

/// One value of a document, with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value is written (for a YAML alias: where the alias is used).
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind,
}

/// The kinds of values.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `null`, `~`, or an empty YAML value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number: integers are canonical decimal text, floats keep their source text.
    Number(String),
    /// A string.
    String(String),
    /// A list.
    Seq(Vec<Node>),
    /// A map in source order; parsers reject duplicate keys.
    Map(Vec<(Key, Node)>),
    /// A YAML tag on a value, e.g. `!GetAtt Pool.Arn` is `Tagged("GetAtt", String("Pool.Arn"))`.
    Tagged(String, Box<Node>),
    /// A value an importer could not resolve; the text says why (e.g. `!GetAtt Pool.ProviderURL`).
    Unknown(String),
}

impl Node {
    /// A node of `kind` at `span`.
    pub fn new(span: Span, kind: NodeKind) -> Self {
        Node { span, kind }
    }

    /// The value under `key` when this is a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The entry `(key, value)` under `key` when this is a map.
    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The map entries, or an empty slice.
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.kind {
            NodeKind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The list items, or an empty slice.
    pub fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    /// The string value when this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is a map.
    pub fn is_map(&self) -> bool {
        matches!(self.kind, NodeKind::Map(_))
    }

    /// A short name of the kind for error messages ("a string", "a list", ...).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Number(_) => "a number",
            NodeKind::String(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a map",
            NodeKind::Tagged(..) => "a tagged value",
            NodeKind::Unknown(_) => "an unresolved value",
        }
    }

    /// A one-line rendering for "unknown because ..." texts: `!GetAtt Pool.ProviderURL`, `{"Fn::If": ...}`.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        describe_into(self, &mut out, 0);
        out
    }
}

fn describe_into(node: &Node, out: &mut String, depth: usize) {
    const MAX: usize = 120;
    if out.len() > MAX {
        return;
    }
    match &node.kind {
        NodeKind::Null => out.push_str("null"),
        NodeKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeKind::Number(n) => out.push_str(n),
        NodeKind::String(s) => {
            if depth == 0 {
                out.push_str(s)
            } else {
                out.push('"');
                out.push_str(s);
                out.push('"');
            }
        }
        NodeKind::Unknown(why) => out.push_str(why),
        NodeKind::Tagged(tag, inner) => {
            out.push('!');
            out.push_str(tag);
            out.push(' ');
            describe_into(inner, out, depth);
        }
        NodeKind::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                describe_into(item, out, depth + 1);
            }
            out.push(']');
        }
        NodeKind::Map(entries) => {
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&k.text);
                out.push_str(": ");
                describe_into(v, out, depth + 1);
            }
            out.push('}');
        }
    }
    if out.len() > MAX {
        let mut cut = MAX;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
}

/// Escapes one reference token for an RFC 6901 JSON pointer (`~` -> `~0`, `/` -> `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    if token.contains(['~', '/']) {
        token.replace('~', "~0").replace('/', "~1")
    } else {
        token.to_string()
    }
}

/// `base` + `/` + the escaped `token`.
pub fn join_pointer(base: &str, token: &str) -> String {
    let mut p = String::with_capacity(base.len() + token.len() + 1);
    p.push_str(base);
    p.push('/');
    p.push_str(&escape_pointer_token(token));
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(join_pointer("/data", "config.yaml"), "/data/config.yaml");
        assert_eq!(join_pointer("", "a/b~c"), "/a~1b~0c");
    }

    #[test]
    fn describe_renders_tags_and_truncates() {
        let n = Node::new(
            Span::default(),
            NodeKind::Tagged(
                "GetAtt".into(),
                Box::new(Node::new(Span::default(), NodeKind::String("Pool.Arn".into()))),
            ),
        );
        assert_eq!(n.describe(), "!GetAtt Pool.Arn");
        let long = Node::new(Span::default(), NodeKind::String("x".repeat(500)));
        assert!(long.describe().chars().count() <= 121);
    }
}
