//! TOML to [`Node`] through the `toml` crate's spanned document parser (`DeTable`), without its serde layer.

use super::{MAX_DEPTH, ParseError};
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use toml::de::{DeTable, DeValue};

/// Parses a TOML document into a map node. Datetimes become strings.
pub fn parse_toml(text: &str) -> Result<Node, ParseError> {
    let doc = DeTable::parse(text).map_err(|e| {
        let span = e.span().map_or(Span::point(0), |r| Span::new(r.start, r.end));
        ParseError::new(span, format!("invalid TOML: {}", e.message().trim_end()))
    })?;
    let span = doc.span();
    table(doc.get_ref(), Span::new(span.start, span.end), 0)
}

fn table(t: &DeTable<'_>, span: Span, depth: usize) -> Result<Node, ParseError> {
    if depth > MAX_DEPTH {
        return Err(ParseError::new(
            span,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ));
    }
    let mut entries = Vec::with_capacity(t.len());
    for (k, v) in t.iter() {
        let ks = k.span();
        let key = Key {
            text: k.get_ref().to_string(),
            span: Span::new(ks.start, ks.end),
        };
        let vs = v.span();
        entries.push((key, value(v.get_ref(), Span::new(vs.start, vs.end), depth + 1)?));
    }
    Ok(Node::new(span, NodeKind::Map(entries)))
}

fn value(v: &DeValue<'_>, span: Span, depth: usize) -> Result<Node, ParseError> {
    let kind = match v {
        DeValue::String(s) => NodeKind::String(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            let (neg, digits) = match digits.strip_prefix('-') {
                Some(d) => (true, d.to_string()),
                None => (false, digits.trim_start_matches('+').to_string()),
            };
            match i128::from_str_radix(&digits, i.radix()) {
                Ok(n) => NodeKind::Number(if neg { (-n).to_string() } else { n.to_string() }),
                Err(_) => return Err(ParseError::new(span, format!("invalid integer `{}`", i.as_str()))),
            }
        }
        DeValue::Float(f) => NodeKind::Number(f.as_str().replace('_', "")),
        DeValue::Boolean(b) => NodeKind::Bool(*b),
        DeValue::Datetime(d) => NodeKind::String(d.to_string()),
        DeValue::Array(items) => {
            if depth > MAX_DEPTH {
                return Err(ParseError::new(
                    span,
                    format!("nesting deeper than {MAX_DEPTH} levels"),
                ));
            }
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                let s = item.span();
                out.push(value(item.get_ref(), Span::new(s.start, s.end), depth + 1)?);
            }
            NodeKind::Seq(out)
        }
        DeValue::Table(t) => return table(t, span, depth),
    };
    Ok(Node::new(span, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_order_and_numbers() {
        let text = "version = 1\n[user_pool]\nid = \"us-east-1_X\"\nn = 0x10\nbig = 1_000\n\n[[clients]]\nclient_name = \"a\"\n[[clients]]\nclient_name = \"b\"\n";
        let n = parse_toml(text).unwrap();
        let keys: Vec<_> = n.entries().iter().map(|(k, _)| k.text.as_str()).collect();
        assert_eq!(keys, ["version", "user_pool", "clients"]);
        let pool = n.get("user_pool").unwrap();
        let id = pool.get("id").unwrap();
        assert_eq!(&text[id.span.start..id.span.end], "\"us-east-1_X\"");
        assert_eq!(pool.get("n").unwrap().kind, NodeKind::Number("16".into()));
        assert_eq!(pool.get("big").unwrap().kind, NodeKind::Number("1000".into()));
        assert_eq!(
            n.get("clients").unwrap().items()[1]
                .get("client_name")
                .unwrap()
                .as_str(),
            Some("b")
        );
    }

    #[test]
    fn errors_have_spans() {
        let e = parse_toml("a = 1\na = 2\n").unwrap_err();
        assert!(e.message.starts_with("invalid TOML"), "{e:?}");
        assert!(e.span.start >= 6, "{e:?}");
        let e = parse_toml("a = \n").unwrap_err();
        assert!(e.message.starts_with("invalid TOML"), "{e:?}");
    }
}
