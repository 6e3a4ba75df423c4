//! The Terraform configuration language as cogfed reads it: bodies of attributes and blocks whose values are
//! expressions, with byte spans. Both syntaxes produce it: HCL native syntax (`.tf`, `.tfvars`, parsed with
//! `hcl-edit`, which keeps spans) and JSON syntax (`.tf.json`, `.tfvars.json`, our spanned JSON parser, string
//! values read as templates). Evaluation is in [`super::eval`].

use crate::node::{Node, NodeKind};
use crate::parse::ParseError;
use crate::source::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{BinaryOperator, Expression, ObjectKey, TraversalOperator, UnaryOperator};
use hcl_edit::structure::{BlockLabel, Structure};
use hcl_edit::template::{Element, Template};

/// A body: the attributes and nested blocks of a file or block, in source order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// `name = expr`.
    pub attrs: Vec<Attr>,
    /// `kind "label" { ... }`.
    pub blocks: Vec<Block>,
}

impl Body {
    /// The attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }

    /// The blocks of kind `kind`.
    pub fn blocks_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// An attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Its name.
    pub name: String,
    /// Where the name is written.
    pub name_span: Span,
    /// Its value.
    pub expr: Expr,
}

/// A block.
#[derive(Debug, Clone)]
pub struct Block {
    /// Its type (`resource`, `variable`, `scope`, ...).
    pub kind: String,
    /// Its labels (`"aws_cognito_user_pool_client"`, `"spa"`).
    pub labels: Vec<String>,
    /// Where the whole block is written.
    pub span: Span,
    /// Its body.
    pub body: Body,
}

/// An expression with where it is written.
#[derive(Debug, Clone)]
pub struct Expr {
    /// Where (for an expression inside a JSON string: the whole string).
    pub span: Span,
    /// What.
    pub kind: ExprKind,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`, `<=`, `>`, `>=`
    Compare(std::cmp::Ordering, bool),
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`, `%`
    Other,
    /// `&&`
    And,
    /// `||`
    Or,
}

/// The kinds of expressions.
#[derive(Debug, Clone)]
pub enum ExprKind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number (source text).
    Number(String),
    /// A string without interpolations.
    Str(String),
    /// A string template: literal parts and `${...}` interpolations.
    Template(Vec<Part>),
    /// `[a, b]`
    Tuple(Vec<Expr>),
    /// `{ k = v }`
    Object(Vec<(ObjKey, Expr)>),
    /// A bare name: `var`, `local`, `aws_cognito_user_pool`, `each`, a `for` variable, an `ignore_changes` item.
    Var(String),
    /// `root.attr[index]...`
    Traverse(Box<Expr>, Vec<Op>),
    /// `name(args...)`; `true` when the last argument is expanded (`...`).
    Call(String, Vec<Expr>, bool),
    /// `c ? t : f`
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `!x` (`true`) or `-x` (`false`).
    Unary(bool, Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A `for` expression.
    For(Box<ForExpr>),
    /// Something cogfed does not evaluate (a template directive, a splat); the text says what.
    Opaque(String),
}

/// An object key: a bare identifier (a literal string) or an expression.
#[derive(Debug, Clone)]
pub enum ObjKey {
    /// `name = ...`
    Ident(String, Span),
    /// `"name" = ...`, `(var.k) = ...`
    Expr(Expr),
}

/// A traversal step.
#[derive(Debug, Clone)]
pub enum Op {
    /// `.name`
    Attr(String),
    /// `[expr]` or `.0`
    Index(Expr),
    /// `[*]` or `.*`
    Splat,
}

/// A template part.
#[derive(Debug, Clone)]
pub enum Part {
    /// Literal text.
    Lit(String),
    /// `${expr}`
    Interp(Expr),
    /// `%{if ...}` / `%{for ...}`: not evaluated.
    Directive,
}

/// `[for k, v in coll : value if cond]` / `{for k, v in coll : key => value}`.
#[derive(Debug, Clone)]
pub struct ForExpr {
    /// The key (or index) variable.
    pub key_var: Option<String>,
    /// The value variable.
    pub value_var: String,
    /// The collection.
    pub collection: Expr,
    /// The key expression of an object `for`.
    pub key: Option<Expr>,
    /// The value expression.
    pub value: Expr,
    /// The `if` filter.
    pub cond: Option<Expr>,
    /// `...` grouping (not evaluated).
    pub grouping: bool,
}

fn span_of(s: Option<std::ops::Range<usize>>, fallback: Span) -> Span {
    s.map_or(fallback, |r| Span::new(r.start, r.end))
}

/// Parses HCL native syntax.
pub fn parse_hcl(text: &str) -> Result<Body, ParseError> {
    // hcl-edit does not skip a byte-order mark.
    let (offset, src) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (3, rest),
        None => (0, text),
    };
    let body = hcl_edit::parser::parse_body(src).map_err(|e| {
        let at = e.location().offset() + offset;
        ParseError::new(Span::point(at), format!("invalid HCL: {}", e.message()))
    })?;
    let mut conv = Conv { offset, depth: 0 };
    Ok(conv.body(&body))
}

struct Conv {
    offset: usize,
    depth: usize,
}

impl Conv {
    fn span(&self, s: Option<std::ops::Range<usize>>) -> Span {
        let s = span_of(s, Span::point(0));
        Span::new(s.start + self.offset, s.end + self.offset)
    }

    fn body(&mut self, body: &hcl_edit::structure::Body) -> Body {
        let mut out = Body::default();
        for s in body.iter() {
            match s {
                Structure::Attribute(a) => out.attrs.push(Attr {
                    name: a.key.as_str().to_string(),
                    name_span: self.span(a.key.span()),
                    expr: self.expr(&a.value),
                }),
                Structure::Block(b) => {
                    let labels = b
                        .labels
                        .iter()
                        .map(|l| match l {
                            BlockLabel::Ident(i) => i.as_str().to_string(),
                            BlockLabel::String(s) => s.value().to_string(),
                        })
                        .collect();
                    self.depth += 1;
                    let inner = if self.depth > crate::parse::MAX_DEPTH {
                        Body::default()
                    } else {
                        self.body(&b.body)
                    };
                    self.depth -= 1;
                    out.blocks.push(Block {
                        kind: b.ident.as_str().to_string(),
                        labels,
                        span: self.span(b.span()),
                        body: inner,
                    });
                }
            }
        }
        out
    }

    fn expr(&mut self, e: &Expression) -> Expr {
        let span = self.span(e.span());
        if self.depth > crate::parse::MAX_DEPTH {
            return Expr {
                span,
                kind: ExprKind::Opaque("too deeply nested".into()),
            };
        }
        self.depth += 1;
        let kind = self.kind(e, span);
        self.depth -= 1;
        Expr { span, kind }
    }

    fn kind(&mut self, e: &Expression, span: Span) -> ExprKind {
        match e {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => ExprKind::Number(n.value().to_string()),
            Expression::String(s) => ExprKind::Str(s.value().to_string()),
            Expression::Array(a) => ExprKind::Tuple(a.iter().map(|x| self.expr(x)).collect()),
            Expression::Object(o) => ExprKind::Object(
                o.iter()
                    .map(|(k, v)| {
                        let key = match k {
                            ObjectKey::Ident(i) => ObjKey::Ident(i.as_str().to_string(), self.span(i.span())),
                            ObjectKey::Expression(x) => ObjKey::Expr(self.expr(x)),
                        };
                        (key, self.expr(v.expr()))
                    })
                    .collect(),
            ),
            Expression::StringTemplate(t) => ExprKind::Template(self.template(t, span)),
            Expression::HeredocTemplate(h) => ExprKind::Template(self.template(&h.template, span)),
            Expression::Parenthesis(p) => self.expr(p.inner()).kind,
            Expression::Variable(v) => ExprKind::Var(v.as_str().to_string()),
            Expression::Conditional(c) => ExprKind::Cond(
                Box::new(self.expr(&c.cond_expr)),
                Box::new(self.expr(&c.true_expr)),
                Box::new(self.expr(&c.false_expr)),
            ),
            Expression::FuncCall(f) => {
                let name = match f.name.namespace.is_empty() {
                    true => f.name.name.as_str().to_string(),
                    false => format!(
                        "{}::{}",
                        f.name
                            .namespace
                            .iter()
                            .map(|n| n.as_str())
                            .collect::<Vec<_>>()
                            .join("::"),
                        f.name.name.as_str()
                    ),
                };
                ExprKind::Call(
                    name,
                    f.args.iter().map(|a| self.expr(a)).collect(),
                    f.args.expand_final(),
                )
            }
            Expression::Traversal(t) => {
                let root = self.expr(&t.expr);
                let ops = t
                    .operators
                    .iter()
                    .map(|op| match op.value() {
                        TraversalOperator::GetAttr(i) => Op::Attr(i.as_str().to_string()),
                        TraversalOperator::Index(x) => Op::Index(self.expr(x)),
                        TraversalOperator::LegacyIndex(n) => Op::Index(Expr {
                            span: self.span(n.span()),
                            kind: ExprKind::Number(n.value().to_string()),
                        }),
                        TraversalOperator::AttrSplat(_) | TraversalOperator::FullSplat(_) => Op::Splat,
                    })
                    .collect();
                ExprKind::Traverse(Box::new(root), ops)
            }
            Expression::UnaryOp(u) => ExprKind::Unary(
                matches!(u.operator.value(), UnaryOperator::Not),
                Box::new(self.expr(&u.expr)),
            ),
            Expression::BinaryOp(b) => {
                use std::cmp::Ordering::*;
                let op = match b.operator.value() {
                    BinaryOperator::Eq => BinOp::Eq,
                    BinaryOperator::NotEq => BinOp::NotEq,
                    BinaryOperator::Less => BinOp::Compare(Less, false),
                    BinaryOperator::LessEq => BinOp::Compare(Less, true),
                    BinaryOperator::Greater => BinOp::Compare(Greater, false),
                    BinaryOperator::GreaterEq => BinOp::Compare(Greater, true),
                    BinaryOperator::Plus => BinOp::Add,
                    BinaryOperator::Minus => BinOp::Sub,
                    BinaryOperator::Mul => BinOp::Mul,
                    BinaryOperator::Div | BinaryOperator::Mod => BinOp::Other,
                    BinaryOperator::And => BinOp::And,
                    BinaryOperator::Or => BinOp::Or,
                };
                ExprKind::Binary(
                    op,
                    Box::new(self.expr(&b.lhs_expr)),
                    Box::new(self.expr(&b.rhs_expr)),
                )
            }
            Expression::ForExpr(f) => ExprKind::For(Box::new(ForExpr {
                key_var: f.intro.key_var.as_ref().map(|k| k.as_str().to_string()),
                value_var: f.intro.value_var.as_str().to_string(),
                collection: self.expr(&f.intro.collection_expr),
                key: f.key_expr.as_ref().map(|k| self.expr(k)),
                value: self.expr(&f.value_expr),
                cond: f.cond.as_ref().map(|c| self.expr(&c.expr)),
                grouping: f.grouping,
            })),
        }
    }

    fn template(&mut self, t: &Template, _span: Span) -> Vec<Part> {
        t.iter()
            .map(|el| match el {
                Element::Literal(s) => Part::Lit(s.value().to_string()),
                Element::Interpolation(i) => Part::Interp(self.expr(&i.expr)),
                Element::Directive(_) => Part::Directive,
            })
            .collect()
    }
}

/// Reads a string of JSON syntax as Terraform does: a template (`"${var.x}/cb"`), every part located at the
/// whole string (`span`), since escapes make offsets inside a JSON string differ from the text's.
pub fn json_string(s: &str, span: Span) -> Expr {
    if !s.contains("${") && !s.contains("%{") {
        return Expr {
            span,
            kind: ExprKind::Str(s.to_string()),
        };
    }
    match hcl_edit::parser::parse_template(s) {
        Ok(t) => {
            let mut conv = Conv { offset: 0, depth: 0 };
            let mut parts = conv.template(&t, span);
            // Spans inside the string are relative to it: put everything at the string.
            for p in &mut parts {
                if let Part::Interp(e) = p {
                    respan(e, span);
                }
            }
            Expr {
                span,
                kind: ExprKind::Template(parts),
            }
        }
        Err(e) => Expr {
            span,
            kind: ExprKind::Opaque(format!("a template that does not parse: {}", e.message())),
        },
    }
}

fn respan(e: &mut Expr, span: Span) {
    e.span = span;
    match &mut e.kind {
        ExprKind::Template(parts) => {
            for p in parts {
                if let Part::Interp(x) = p {
                    respan(x, span);
                }
            }
        }
        ExprKind::Tuple(items) => items.iter_mut().for_each(|x| respan(x, span)),
        ExprKind::Object(entries) => {
            for (k, v) in entries {
                match k {
                    ObjKey::Ident(_, s) => *s = span,
                    ObjKey::Expr(x) => respan(x, span),
                }
                respan(v, span);
            }
        }
        ExprKind::Traverse(root, ops) => {
            respan(root, span);
            for op in ops {
                if let Op::Index(x) = op {
                    respan(x, span);
                }
            }
        }
        ExprKind::Call(_, args, _) => args.iter_mut().for_each(|x| respan(x, span)),
        ExprKind::Cond(a, b, c) => {
            respan(a, span);
            respan(b, span);
            respan(c, span);
        }
        ExprKind::Unary(_, x) => respan(x, span),
        ExprKind::Binary(_, a, b) => {
            respan(a, span);
            respan(b, span);
        }
        ExprKind::For(f) => {
            respan(&mut f.collection, span);
            if let Some(k) = &mut f.key {
                respan(k, span);
            }
            respan(&mut f.value, span);
            if let Some(c) = &mut f.cond {
                respan(c, span);
            }
        }
        _ => {}
    }
}

/// A JSON value of a `.tf.json` file as an expression (strings are templates; an object is an object).
pub fn json_expr(node: &Node) -> Expr {
    let span = node.span;
    let kind = match &node.kind {
        NodeKind::Null => ExprKind::Null,
        NodeKind::Bool(b) => ExprKind::Bool(*b),
        NodeKind::Number(n) => ExprKind::Number(n.clone()),
        NodeKind::String(s) => return json_string(s, span),
        NodeKind::Seq(items) => ExprKind::Tuple(items.iter().map(json_expr).collect()),
        NodeKind::Map(entries) => ExprKind::Object(
            entries
                .iter()
                .filter(|(k, _)| k.text != "//")
                .map(|(k, v)| (ObjKey::Ident(k.text.clone(), k.span), json_expr(v)))
                .collect(),
        ),
        NodeKind::Tagged(..) | NodeKind::Unknown(_) => ExprKind::Opaque(node.describe()),
    };
    Expr { span, kind }
}

/// Labels a `.tf.json` block type takes (`resource "type" "name"`, `variable "name"`, ...).
fn label_count(kind: &str) -> usize {
    match kind {
        "resource" | "data" => 2,
        "variable" | "module" | "output" | "provider" => 1,
        _ => 0,
    }
}

/// A `.tf.json` document as a body: `{"resource": {"type": {"name": {...}}}}` is the block
/// `resource "type" "name" {...}`; `locals`, `terraform` are blocks without labels. Inside a block, a key
/// whose value is an object or an array of objects stays an attribute (the JSON syntax cannot tell a nested
/// block from an object attribute without the schema); the resource mapping reads both alike.
pub fn json_body(root: &Node) -> Body {
    let mut out = Body::default();
    for (k, v) in root.entries() {
        if k.text == "//" {
            continue;
        }
        let n = label_count(&k.text);
        json_blocks(&k.text, n, Vec::new(), v, &mut out.blocks);
    }
    out
}

fn json_blocks(kind: &str, labels_left: usize, labels: Vec<String>, node: &Node, out: &mut Vec<Block>) {
    if labels_left == 0 {
        // A block body, or an array of bodies (the JSON syntax's way of writing two blocks).
        let bodies: Vec<&Node> = match &node.kind {
            NodeKind::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        for b in bodies {
            out.push(Block {
                kind: kind.to_string(),
                labels: labels.clone(),
                span: b.span,
                body: json_attrs_of(b),
            });
        }
        return;
    }
    for (k, v) in node.entries() {
        if k.text == "//" {
            continue;
        }
        let mut l = labels.clone();
        l.push(k.text.clone());
        json_blocks(kind, labels_left - 1, l, v, out);
    }
}

/// The attributes of a JSON object (a `.tf.json` block body, or a `.tfvars.json` file).
pub fn json_attrs_of(node: &Node) -> Body {
    let mut body = Body::default();
    for (k, v) in node.entries() {
        if k.text == "//" {
            continue;
        }
        // Meta blocks of a resource keep their block form: `lifecycle`, `dynamic "x"`.
        if k.text == "lifecycle" && v.is_map() {
            body.blocks.push(Block {
                kind: "lifecycle".into(),
                labels: Vec::new(),
                span: v.span,
                body: json_attrs_of(v),
            });
            continue;
        }
        if k.text == "dynamic" {
            json_blocks("dynamic", 1, Vec::new(), v, &mut body.blocks);
            continue;
        }
        body.attrs.push(Attr {
            name: k.text.clone(),
            name_span: k.span,
            expr: json_expr(v),
        });
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_keeps_spans_of_attributes_and_blocks() {
        let text = "resource \"aws_cognito_user_pool_client\" \"spa\" {\n  callback_urls = [\"https://a/cb\", \"${var.origin}/cb\"]\n  token_validity_units {\n    access_token = \"minutes\"\n  }\n}\n";
        let body = parse_hcl(text).unwrap();
        let res = &body.blocks[0];
        assert_eq!(res.labels, ["aws_cognito_user_pool_client", "spa"]);
        let cb = res.body.attr("callback_urls").unwrap();
        let ExprKind::Tuple(items) = &cb.expr.kind else {
            panic!("{cb:?}")
        };
        assert_eq!(&text[items[0].span.start..items[0].span.end], "\"https://a/cb\"");
        assert!(matches!(items[1].kind, ExprKind::Template(_)));
        assert_eq!(res.body.blocks[0].kind, "token_validity_units");
        let err = parse_hcl("resource \"x\" {\n  a = \n}\n").unwrap_err();
        assert!(err.message.starts_with("invalid HCL"), "{err:?}");
    }

    #[test]
    fn json_syntax_reads_blocks_and_templates() {
        let text = r#"{"resource": {"aws_cognito_user_pool_client": {"spa": {"callback_urls": ["${var.o}/cb"], "lifecycle": {"ignore_changes": ["name"]}}}}, "variable": {"o": {"default": "https://x"}}}"#;
        let node = crate::parse::parse_json(text).unwrap();
        let body = json_body(&node);
        assert_eq!(body.blocks.len(), 2);
        assert_eq!(body.blocks[0].labels, ["aws_cognito_user_pool_client", "spa"]);
        assert_eq!(body.blocks[0].body.blocks[0].kind, "lifecycle");
        assert_eq!(body.blocks[1].labels, ["o"]);
    }
}
