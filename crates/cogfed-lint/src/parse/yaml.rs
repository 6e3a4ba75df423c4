//! YAML to [`Node`] through `saphyr-parser` events.
//!
//! Kept: every tag (CloudFormation short forms `!Ref`, `!GetAtt`, `!Sub`, ... become [`NodeKind::Tagged`]),
//! source order, spans. Anchors and aliases are expanded by copying, with a budget of
//! [`MAX_YAML_NODES`](super::MAX_YAML_NODES) nodes in total so an alias bomb ("billion laughs") is an error,
//! not an out-of-memory. Plain scalars resolve by the YAML 1.2 core schema (`yes` is a string).

use super::{MAX_DEPTH, MAX_YAML_NODES, ParseError};
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
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
    let offsets = CharOffsets::new(text);
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        budget: MAX_YAML_NODES,
        docs: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| scan_error(&offsets, &e))?;
        let span = Span::new(offsets.byte(span.start.index()), offsets.byte(span.end.index()));
        builder.event(event, span)?;
    }
    Ok(builder.docs)
}

fn scan_error(offsets: &CharOffsets, e: &ScanError) -> ParseError {
    let at = offsets.byte(e.marker().index());
    ParseError::new(Span::new(at, at + 1), format!("invalid YAML: {}", e.info()))
}

/// Char index -> byte offset (saphyr's markers count characters).
struct CharOffsets {
    /// `None` when the text is ASCII (index == offset).
    table: Option<Vec<usize>>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = if text.is_ascii() {
            None
        } else {
            let mut t: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            t.push(text.len());
            Some(t)
        };
        CharOffsets {
            table,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(t) => t.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        tag: Option<String>,
        entries: Vec<(Key, Node)>,
        pending_key: Option<Key>,
        seen: HashSet<String>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    budget: usize,
    docs: Vec<Node>,
}

/// Tags we turn into [`NodeKind::Tagged`]: local `!Name` tags keep `Name`; core-schema `!!str` etc. are
/// applied to the scalar instead (returned as `None` here and handled in [`scalar`]).
fn tag_name(tag: Option<&saphyr_parser::Tag>) -> Option<String> {
    let tag = tag?;
    if tag.is_yaml_core_schema() {
        return None;
    }
    if tag.handle == "!" {
        Some(tag.suffix.clone())
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
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

    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), ParseError> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => Ok(()),
            Event::DocumentStart(_) => {
                self.anchors.clear();
                Ok(())
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(ParseError::new(span, "alias to an unknown anchor"));
                };
                let mut node = target.clone();
                self.spend(count_nodes(&node), span)?;
                node.span = span;
                self.push(node, span)
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.spend(1, span)?;
                let node = scalar(&value, style, tag.as_deref(), span)?;
                if anchor > 0 {
                    self.anchors.insert(anchor, node.clone());
                }
                self.push(node, span)
            }
            Event::SequenceStart(anchor, tag) => {
                self.spend(1, span)?;
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    start: span.start,
                    anchor,
                    tag: tag_name(tag.as_deref()),
                    items: Vec::new(),
                });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.spend(1, span)?;
                self.open(span)?;
                self.stack.push(Frame::Map {
                    start: span.start,
                    anchor,
                    tag: tag_name(tag.as_deref()),
                    entries: Vec::new(),
                    pending_key: None,
                    seen: HashSet::new(),
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
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
                if anchor > 0 {
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
fn scalar(
    value: &str,
    style: ScalarStyle,
    tag: Option<&saphyr_parser::Tag>,
    span: Span,
) -> Result<Node, ParseError> {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            let kind = match tag.suffix.as_str() {
                "str" => NodeKind::String(value.to_string()),
                "null" => NodeKind::Null,
                "bool" => match plain(value) {
                    k @ NodeKind::Bool(_) => k,
                    _ => return Err(ParseError::new(span, format!("`{value}` is not a !!bool"))),
                },
                "int" | "float" => match plain(value) {
                    k @ NodeKind::Number(_) => k,
                    _ => {
                        return Err(ParseError::new(
                            span,
                            format!("`{value}` is not a !!{}", tag.suffix),
                        ));
                    }
                },
                _ => resolve(value, style),
            };
            return Ok(Node::new(span, kind));
        }
        let name = tag_name(Some(tag)).unwrap_or_default();
        return Ok(Node::new(
            span,
            NodeKind::Tagged(name, Box::new(Node::new(span, resolve(value, style)))),
        ));
    }
    Ok(Node::new(span, resolve(value, style)))
}

fn resolve(value: &str, style: ScalarStyle) -> NodeKind {
    match style {
        ScalarStyle::Plain => plain(value),
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
