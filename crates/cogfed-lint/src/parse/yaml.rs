//! YAML to [`Node`] through `libyaml-safer` events.
//!
//! The parser is libyaml (a line-by-line safe Rust port of it), the parser PyYAML and therefore cfn-lint use,
//! so every template they accept is read here too: flow collections closed at their key's column, multi-line
//! quoted scalars with continuation lines indented less than their key, non-specific tags on keys (issue 12).
//! Its marks are byte offsets, and a scalar's end mark is where the scalar ends (never at a trailing comment).
//!
//! Kept: every tag (CloudFormation short forms `!Ref`, `!GetAtt`, `!Sub`, ... become [`NodeKind::Tagged`]),
//! source order, spans. Anchors and aliases are expanded by copying, with a budget of
//! [`MAX_YAML_NODES`](super::MAX_YAML_NODES) nodes in total so an alias bomb ("billion laughs") is an error,
//! not an out-of-memory. Plain scalars resolve by the YAML 1.2 core schema (`yes` is a string). Duplicate
//! keys are an error (PyYAML keeps the last one silently; cfn-lint reports them, and so do we).

use super::{MAX_DEPTH, MAX_YAML_NODES, ParseError};
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use libyaml_safer::{EventData, Mark, Parser, ScalarStyle};
use std::collections::{HashMap, HashSet};

/// Parses a YAML stream that holds at most one document (none gives `null`).
pub fn parse_yaml(text: &str) -> Result<Node, ParseError> {
    let mut docs = parse_yaml_documents(text)?;
    match docs.len() {
        0 => Ok(Node::new(Span::point(0), NodeKind::Null)),
        1 => Ok(docs.remove(0)),
        _ => Err(ParseError::new(
            docs.get(1).map_or(Span::point(0), |d| Span::point(d.span.start)),
            "more than one YAML document in this file where one was expected",
        )),
    }
}

/// Parses every document of a YAML stream (`---` separated).
pub fn parse_yaml_documents(text: &str) -> Result<Vec<Node>, ParseError> {
    // libyaml-safer 0.3 panics (`unexpected end of input`) on a stream that ends inside a block scalar or a
    // double-quoted escape without a final line break (`a: |\n  x`, a GitHub workflow whose last line is a
    // `run: |` command): libyaml pads its read buffer, the port does not. Parse with a final line break, as
    // editors write files; marks before it are unchanged, and only a block scalar on the very last line gains
    // the line break it would have had.
    let padded;
    let text = if text.ends_with('\n') {
        text
    } else {
        padded = format!("{text}\n");
        padded.as_str()
    };
    // libyaml consumes a byte-order mark without counting it in its marks.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let offset =
        |m: Mark| (usize::try_from(m.index).unwrap_or(usize::MAX).saturating_add(bom)).min(text.len());
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        budget: MAX_YAML_NODES,
        docs: Vec::new(),
    };
    let mut input = text.as_bytes();
    let mut parser = Parser::new();
    parser.set_input_string(&mut input);
    loop {
        let event = parser.parse().map_err(|e| {
            let at = e.problem_mark().map_or(0, offset);
            let message = match e.context() {
                Some(context) => format!("invalid YAML: {context}, {}", e.problem()),
                None => format!("invalid YAML: {}", e.problem()),
            };
            ParseError::new(Span::new(at, (at + 1).min(text.len().max(at))), message)
        })?;
        let span = Span::new(offset(event.start_mark), offset(event.end_mark));
        if matches!(event.data, EventData::StreamEnd) {
            break;
        }
        builder.event(event.data, span)?;
    }
    Ok(builder.docs)
}

enum Frame {
    Seq {
        start: usize,
        anchor: Option<String>,
        tag: Option<String>,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: Option<String>,
        tag: Option<String>,
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
        seen: HashSet<String>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<String, Node>,
    budget: usize,
    docs: Vec<Node>,
}

/// How a tag, as libyaml resolves it, applies to a node.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TagKind {
    /// `!!str`, `!!int`, ... (`tag:yaml.org,2002:{suffix}`): applied to the scalar.
    Core(String),
    /// The non-specific tag `!`: a scalar is a string, whatever it looks like; no effect on collections.
    NonSpecific,
    /// A local tag `!Name` (CloudFormation's `!Ref`, `!GetAtt`, ...) or any other: kept as
    /// [`NodeKind::Tagged`] with `Name` (local) or the whole tag.
    Named(String),
}

const CORE_PREFIX: &str = "tag:yaml.org,2002:";

fn tag_kind(tag: Option<&str>) -> Option<TagKind> {
    let tag = tag?;
    Some(if let Some(suffix) = tag.strip_prefix(CORE_PREFIX) {
        TagKind::Core(suffix.to_string())
    } else if tag == "!" {
        TagKind::NonSpecific
    } else if let Some(local) = tag.strip_prefix('!') {
        TagKind::Named(local.to_string())
    } else {
        TagKind::Named(tag.to_string())
    })
}

/// The tag a collection keeps as [`NodeKind::Tagged`] (core-schema and non-specific tags change nothing).
fn collection_tag(tag: Option<&str>) -> Option<String> {
    match tag_kind(tag) {
        Some(TagKind::Named(name)) => Some(name),
        _ => None,
    }
}

fn count_nodes(node: &Node) -> usize {
    let mut n = 0;
    let mut stack = vec![node];
    while let Some(x) = stack.pop() {
        n += 1;
        match &x.kind {
            NodeKind::Seq(items) => stack.extend(items.iter()),
            NodeKind::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            NodeKind::Tagged(_, inner) => stack.push(inner),
            _ => {}
        }
    }
    n
}

impl Builder {
    fn spend(&mut self, n: usize, span: Span) -> Result<(), ParseError> {
        if n > self.budget {
            return Err(ParseError::new(
                span,
                format!(
                    "YAML document expands to more than {MAX_YAML_NODES} values through aliases (alias bomb?)"
                ),
            ));
        }
        self.budget -= n;
        Ok(())
    }

    fn event(&mut self, event: EventData, span: Span) -> Result<(), ParseError> {
        match event {
            EventData::StreamStart { .. } | EventData::StreamEnd | EventData::DocumentEnd { .. } => Ok(()),
            EventData::DocumentStart { .. } => {
                self.anchors.clear();
                Ok(())
            }
            EventData::Alias { anchor } => {
                let Some(target) = self.anchors.get(&anchor) else {
                    return Err(ParseError::new(
                        span,
                        format!("alias `*{anchor}` to an unknown anchor"),
                    ));
                };
                let mut node = target.clone();
                self.spend(count_nodes(&node), span)?;
                node.span = span;
                self.push(node, span)
            }
            EventData::Scalar {
                anchor,
                tag,
                value,
                style,
                ..
            } => {
                self.spend(1, span)?;
                let node = scalar(&value, style, tag.as_deref(), span)?;
                if let Some(anchor) = anchor {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, span)
            }
            EventData::SequenceStart { anchor, tag, .. } => {
                self.spend(1, span)?;
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    start: span.start,
                    anchor,
                    tag: collection_tag(tag.as_deref()),
                    items: Vec::new(),
                });
                Ok(())
            }
            EventData::MappingStart { anchor, tag, .. } => {
                self.spend(1, span)?;
                self.open(span)?;
                self.stack.push(Frame::Map {
                    start: span.start,
                    anchor,
                    tag: collection_tag(tag.as_deref()),
                    entries: Vec::new(),
                    pending_key: None,
                    seen: HashSet::new(),
                });
                Ok(())
            }
            EventData::SequenceEnd | EventData::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Err(ParseError::new(span, "unbalanced YAML collection end"));
                };
                let (node, anchor, tag) = match frame {
                    Frame::Seq {
                        start,
                        anchor,
                        tag,
                        items,
                    } => {
                        let end = collection_end(span, start, items.last().map(|n| n.span.end));
                        (
                            Node::new(Span::new(start, end), NodeKind::Seq(items)),
                            anchor,
                            tag,
                        )
                    }
                    Frame::Map {
                        start,
                        anchor,
                        tag,
                        entries,
                        ..
                    } => {
                        let end = collection_end(span, start, entries.last().map(|(_, n)| n.span.end));
                        (
                            Node::new(Span::new(start, end), NodeKind::Map(entries)),
                            anchor,
                            tag,
                        )
                    }
                };
                let node = match tag {
                    Some(t) => Node::new(node.span, NodeKind::Tagged(t, Box::new(node))),
                    None => node,
                };
                if let Some(anchor) = anchor {
                    self.anchors.insert(anchor, node.clone());
                }
                let at = node.span;
                self.push(node, at)
            }
        }
    }

    /// Checks that a new collection may start here (depth, and not as a map key).
    fn open(&mut self, span: Span) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::new(
                span,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        if let Some(Frame::Map {
            pending_key: None, ..
        }) = self.stack.last()
        {
            return Err(ParseError::new(
                span,
                "complex (non-scalar) mapping keys are not supported",
            ));
        }
        Ok(())
    }

    /// Adds a finished node to the enclosing collection, or as a document root.
    fn push(&mut self, node: Node, span: Span) -> Result<(), ParseError> {
        match self.stack.last_mut() {
            None => {
                self.docs.push(node);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Map {
                entries,
                pending_key,
                seen,
                ..
            }) => match pending_key.take() {
                Some(key) => {
                    entries.push((key, node));
                    Ok(())
                }
                None => {
                    let text = match node.kind {
                        NodeKind::String(s) => s,
                        NodeKind::Number(n) => n,
                        NodeKind::Bool(b) => b.to_string(),
                        NodeKind::Null => String::new(),
                        _ => {
                            return Err(ParseError::new(
                                span,
                                "complex (non-scalar) mapping keys are not supported",
                            ));
                        }
                    };
                    if !seen.insert(text.clone()) {
                        return Err(ParseError::new(
                            node.span,
                            format!("duplicate key `{text}` in the mapping"),
                        ));
                    }
                    *pending_key = Some(Key {
                        text,
                        span: node.span,
                    });
                    Ok(())
                }
            },
        }
    }
}

/// The end of a collection: a flow collection ends at its `]`/`}` (a non-empty end event); a block
/// collection's end event is empty and may sit lines later, so it ends with its last child.
fn collection_end(end_event: Span, start: usize, last_child_end: Option<usize>) -> usize {
    if end_event.start == end_event.end {
        last_child_end.unwrap_or(start).max(start)
    } else {
        end_event.end.max(start)
    }
}

/// Resolves one scalar: quoted and block scalars are strings; plain ones follow the YAML 1.2 core schema.
fn scalar(value: &str, style: ScalarStyle, tag: Option<&str>, span: Span) -> Result<Node, ParseError> {
    let kind = match tag_kind(tag) {
        None => resolve(value, style),
        Some(TagKind::NonSpecific) => NodeKind::String(value.to_string()),
        Some(TagKind::Core(suffix)) => match suffix.as_str() {
            "str" => NodeKind::String(value.to_string()),
            "null" => NodeKind::Null,
            "bool" => match plain(value) {
                k @ NodeKind::Bool(_) => k,
                _ => return Err(ParseError::new(span, format!("`{value}` is not a !!bool"))),
            },
            "int" | "float" => match plain(value) {
                k @ NodeKind::Number(_) => k,
                _ => {
                    return Err(ParseError::new(span, format!("`{value}` is not a !!{suffix}")));
                }
            },
            _ => resolve(value, style),
        },
        Some(TagKind::Named(name)) => {
            NodeKind::Tagged(name, Box::new(Node::new(span, resolve(value, style))))
        }
    };
    Ok(Node::new(span, kind))
}

fn resolve(value: &str, style: ScalarStyle) -> NodeKind {
    match style {
        ScalarStyle::Plain | ScalarStyle::Any => plain(value),
        _ => NodeKind::String(value.to_string()),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar.
fn plain(value: &str) -> NodeKind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF" | ".nan"
        | ".NaN" | ".NAN" => {
            return NodeKind::Number(value.to_string());
        }
        _ => {}
    }
    if let Some(n) = integer(value) {
        return NodeKind::Number(n);
    }
    if is_float(value) {
        return NodeKind::Number(value.to_string());
    }
    NodeKind::String(value.to_string())
}

/// `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+` -> canonical decimal text.
pub(crate) fn integer(value: &str) -> Option<String> {
    let (digits, radix, neg) = if let Some(h) = value.strip_prefix("0x") {
        (h, 16, false)
    } else if let Some(o) = value.strip_prefix("0o") {
        (o, 8, false)
    } else if let Some(d) = value.strip_prefix('-') {
        (d, 10, true)
    } else {
        (value.strip_prefix('+').unwrap_or(value), 10, false)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i128::from_str_radix(digits, radix) {
        Ok(v) => Some(if neg { (-v).to_string() } else { v.to_string() }),
        // Too large for any integer field: keep the text, the deserializer reports the range.
        Err(_) => Some(value.to_string()),
    }
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
fn is_float(value: &str) -> bool {
    let b = value.trim_start_matches(['-', '+']).as_bytes();
    if b.len() + 1 < value.len() {
        return false;
    }
    let mut i = 0;
    let int_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    i += int_digits;
    let mut frac_digits = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return false;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'-' | b'+') = b.get(i) {
            i += 1;
        }
        let exp = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if exp == 0 {
            return false;
        }
        i += exp;
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of<'t>(text: &'t str, n: &Node) -> &'t str {
        &text[n.span.start..n.span.end]
    }

    #[test]
    fn cloudformation_tags_and_spans() {
        let text = "Resources:\n  C:\n    Properties:\n      UserPoolId: !Ref Pool\n      Url: !Sub 'https://${D}'\n      List: !Split [',', !Ref X]\n      N: 0x1F\n      S: \"é\"\n      Y: yes\n";
        let n = parse_yaml(text).unwrap();
        let props = n
            .get("Resources")
            .unwrap()
            .get("C")
            .unwrap()
            .get("Properties")
            .unwrap();
        let pool = props.get("UserPoolId").unwrap();
        match &pool.kind {
            NodeKind::Tagged(t, inner) => {
                assert_eq!(t, "Ref");
                assert_eq!(inner.as_str(), Some("Pool"));
            }
            other => panic!("{other:?}"),
        }
        assert!(text_of(text, pool).contains("Pool"));
        match &props.get("List").unwrap().kind {
            NodeKind::Tagged(t, inner) => {
                assert_eq!(t, "Split");
                assert!(matches!(inner.items()[1].kind, NodeKind::Tagged(ref r, _) if r == "Ref"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(props.get("N").unwrap().kind, NodeKind::Number("31".into()));
        assert_eq!(props.get("Y").unwrap().as_str(), Some("yes"));
        let s = props.get("S").unwrap();
        assert_eq!(text_of(text, s), "\"é\"");
        let (k, _) = props.entry("S").unwrap();
        assert_eq!(text_of(text, &Node::new(k.span, NodeKind::Null)), "S");
    }

    #[test]
    fn aliases_expand_within_budget_and_bombs_fail() {
        let ok = parse_yaml("a: &x [1, 2]\nb: *x\n").unwrap();
        assert_eq!(ok.get("b").unwrap().items().len(), 2);
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let e = parse_yaml(&bomb).unwrap_err();
        assert!(e.message.contains("alias"), "{e:?}");
    }

    #[test]
    fn errors_and_duplicates() {
        let e = parse_yaml("a: 1\na: 2\n").unwrap_err();
        assert!(e.message.contains("duplicate key `a`"));
        assert_eq!(e.span.start, 5);
        let e = parse_yaml("a: [1, 2\n").unwrap_err();
        assert!(e.message.starts_with("invalid YAML"), "{e:?}");
        let e = parse_yaml("? [a]\n: 1\n").unwrap_err();
        assert!(e.message.contains("complex"), "{e:?}");
        assert!(parse_yaml("a: 1\n---\nb: 2\n").is_err());
        assert_eq!(parse_yaml_documents("a: 1\n---\nb: 2\n").unwrap().len(), 2);
    }

    /// What PyYAML (libyaml) accepts and a strict YAML 1.2 parser refused (issue 12): AWS's sample templates
    /// close flow collections at their key's column and indent quoted continuation lines less than the key;
    /// `! "Ref"` is a non-specific tag on a key.
    #[test]
    fn libyaml_leniencies_are_read() {
        let text = "Resources:\n  C:\n    Properties:\n      CallbackURLs: [\n        'https://a/cb'\n      ]\n      Tags: {\n        a: b\n      }\n      Description: \"one\n    two\"\n      Other: 'x\n  y'\n      Ref: {! \"Ref\": Pool}\n";
        let n = parse_yaml(text).unwrap();
        let props = n
            .get("Resources")
            .and_then(|r| r.get("C"))
            .and_then(|c| c.get("Properties"))
            .unwrap();
        let urls = props.get("CallbackURLs").unwrap();
        assert_eq!(urls.items()[0].as_str(), Some("https://a/cb"));
        assert!(text_of(text, urls).ends_with(']'), "{:?}", text_of(text, urls));
        assert_eq!(
            props.get("Tags").and_then(|t| t.get("a")).and_then(Node::as_str),
            Some("b")
        );
        assert_eq!(props.get("Description").and_then(Node::as_str), Some("one two"));
        assert_eq!(props.get("Other").and_then(Node::as_str), Some("x y"));
        let r = props.get("Ref").unwrap();
        assert_eq!(r.get("Ref").and_then(Node::as_str), Some("Pool"));
        // `! "true"` is the string, not the boolean.
        assert_eq!(
            parse_yaml("a: ! true\n").unwrap().get("a").and_then(Node::as_str),
            Some("true")
        );
    }

    /// A value's span ends where the value ends, never at a trailing comment (editors and SARIF regions).
    #[test]
    fn spans_stop_before_comments_and_count_bytes() {
        let text = "\u{feff}ProviderName: \"My Okta\"   # note\nPlain: two words   # c\nÉ: \"é\" # x\n";
        let n = parse_yaml(text).unwrap();
        assert_eq!(text_of(text, n.get("ProviderName").unwrap()), "\"My Okta\"");
        assert_eq!(text_of(text, n.get("Plain").unwrap()), "two words");
        assert_eq!(text_of(text, n.get("É").unwrap()), "\"é\"");
        let (k, _) = n.entry("É").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "É");
    }

    /// Inputs that made libyaml-safer panic (found on real GitHub workflow files of the corpus): a stream that
    /// ends inside a block scalar or a double-quoted escape. They parse, or fail with an error; never a panic.
    #[test]
    fn streams_ending_without_a_line_break_do_not_panic() {
        for text in [
            "a: |\n  x",
            "a: >\n  x",
            "a: |-\n  x",
            "- |\n x",
            "--- |\n x",
            "a: |2\n  x",
            "\u{feff}a: |\n x",
            "a:\r\n  |\r\n  x",
            "a: \"x\\",
            "a: |",
            "a: '",
            "a: \"\\u00",
            // vendor/libyaml-safer PATCHES.md 1: a tag followed by `,` in a flow collection.
            "on: [push]\njobsx: [2, \"two\", !Ref&a {x: [!, \"t\"two\", !nt template.yaml",
            "a: [!!str, x]",
            "{a: !, b: 1}",
        ] {
            let _ = parse_yaml_documents(text);
        }
        let n = parse_yaml("a: [!!str , x]").unwrap();
        assert_eq!(n.get("a").map(|a| a.items().len()), Some(2));
        assert!(
            parse_yaml("a: [!!str, x]").is_ok(),
            "libyaml accepts a tag before `,` in flow"
        );
        let n = parse_yaml("run: |\n  make test").unwrap();
        assert_eq!(n.get("run").and_then(Node::as_str), Some("make test\n"));
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let text = "[".repeat(MAX_DEPTH + 2);
        assert!(parse_yaml(&text).is_err());
    }

    #[test]
    fn core_schema_numbers() {
        assert_eq!(plain("-12"), NodeKind::Number("-12".into()));
        assert_eq!(plain("1.5e3"), NodeKind::Number("1.5e3".into()));
        assert_eq!(plain("2012-10-17"), NodeKind::String("2012-10-17".into()));
        assert_eq!(plain("1e"), NodeKind::String("1e".into()));
        assert_eq!(plain("."), NodeKind::String(".".into()));
    }
}
