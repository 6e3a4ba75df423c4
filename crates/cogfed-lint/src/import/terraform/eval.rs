//! Static evaluation of Terraform expressions, like the CloudFormation importer's resolution: what can be
//! known before `terraform apply` becomes a value, everything else a [`NodeKind::Unknown`] that says why
//! (never an error, never a guess).
//!
//! Known: literals; `var.x` (a `.tfvars` value, the module call's argument, or the default); `local.x`;
//! string templates, conditionals, `for` expressions and a few functions when every part is known;
//! `each.*`/`count.index` of an expanded instance; the arguments written in another resource's block
//! (`aws_cognito_identity_provider.corp.provider_name`, `aws_cognito_resource_server.api.identifier`) and
//! `aws_cognito_resource_server.x.scope_identifiers`. Unknown: what exists only after apply (`.id`, `.arn`,
//! `.endpoint`), module outputs, data sources but the user pool's id, `path.*`, other functions.
//!
//! A value reached through a reference is located at the reference (the CloudFormation importer does the
//! same with `!Ref`): a finding about `callback_urls = var.urls` points at `var.urls`, in the resource's file.

use super::ast::{BinOp, Body, Expr, ExprKind, ObjKey, Op, Part};
use crate::node::{Key, Node, NodeKind};
use crate::source::Span;
use std::cell::RefCell;
use std::collections::HashMap;

/// What a variable is in one module instance.
#[derive(Debug, Clone)]
pub enum VarValue {
    /// Its value (from a `.tfvars` file, the module call, or its default).
    Known(Node),
    /// Nothing sets it: no default and no value. The text says so.
    Unset(String),
}

/// The blocks of one module instance that expressions can refer to.
#[derive(Default)]
pub struct Scope<'a> {
    /// `var.*`.
    pub vars: HashMap<String, VarValue>,
    /// `local.*`.
    pub locals: HashMap<&'a str, &'a Expr>,
    /// `TYPE.NAME` of managed resources.
    pub resources: HashMap<(&'a str, &'a str), &'a Body>,
    /// `data.TYPE.NAME`.
    pub data: HashMap<(&'a str, &'a str), &'a Body>,
}

/// Evaluation state: names bound by `each`, `count`, `for` and `dynamic`, the variables nothing sets that an
/// evaluation touched, and a depth guard against reference cycles.
pub struct Eval<'s, 'a> {
    scope: &'s Scope<'a>,
    bound: Vec<(String, Node)>,
    /// Variables without a value read since the last [`Eval::take_unset`].
    unset: RefCell<Vec<String>>,
    depth: usize,
}

const MAX_EVAL_DEPTH: usize = 64;
/// Most items a `for` expression, `count` or `for_each` expands to (protects against generated giants).
pub const MAX_EXPANSION: usize = 10_000;

fn unknown(span: Span, why: impl Into<String>) -> Node {
    Node::new(span, NodeKind::Unknown(why.into()))
}

fn is_unknown(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Unknown(_) | NodeKind::Tagged(..))
}

/// The same value located at `span` (every nested value too).
pub fn respan(node: Node, span: Span) -> Node {
    let kind = match node.kind {
        NodeKind::Seq(items) => NodeKind::Seq(items.into_iter().map(|i| respan(i, span)).collect()),
        NodeKind::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (Key { text: k.text, span }, respan(v, span)))
                .collect(),
        ),
        other => other,
    };
    Node::new(span, kind)
}

/// The text Terraform converts a primitive to (templates, `join`, ...).
fn as_text(n: &Node) -> Option<String> {
    match &n.kind {
        NodeKind::String(s) | NodeKind::Number(s) => Some(s.clone()),
        NodeKind::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn why(n: &Node) -> String {
    match &n.kind {
        NodeKind::Unknown(w) => w.clone(),
        _ => n.describe(),
    }
}

/// Structural equality, ignoring where values are written.
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_value(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka.text == kb.text && same_value(a, b))
        }
        (x, y) => x == y,
    }
}

impl<'s, 'a> Eval<'s, 'a> {
    /// An evaluator over `scope`.
    pub fn new(scope: &'s Scope<'a>) -> Self {
        Eval {
            scope,
            bound: Vec::new(),
            unset: RefCell::new(Vec::new()),
            depth: 0,
        }
    }

    /// Binds `name` (`each`, `count`, a `for` or `dynamic` iterator) for the evaluations that follow.
    pub fn bind(&mut self, name: &str, value: Node) {
        self.bound.push((name.to_string(), value));
    }

    /// Removes the last `n` bindings.
    pub fn unbind(&mut self, n: usize) {
        let keep = self.bound.len().saturating_sub(n);
        self.bound.truncate(keep);
    }

    /// The variables without a value read since the last call.
    pub fn take_unset(&self) -> Vec<String> {
        std::mem::take(&mut *self.unset.borrow_mut())
    }

    /// Evaluates `e`.
    pub fn eval(&mut self, e: &Expr) -> Node {
        if self.depth > MAX_EVAL_DEPTH {
            return unknown(e.span, "too deeply nested or a reference cycle");
        }
        self.depth += 1;
        let out = self.eval_inner(e);
        self.depth -= 1;
        out
    }

    fn eval_inner(&mut self, e: &Expr) -> Node {
        let span = e.span;
        match &e.kind {
            ExprKind::Null => Node::new(span, NodeKind::Null),
            ExprKind::Bool(b) => Node::new(span, NodeKind::Bool(*b)),
            ExprKind::Number(n) => Node::new(span, NodeKind::Number(n.clone())),
            ExprKind::Str(s) => Node::new(span, NodeKind::String(s.clone())),
            ExprKind::Template(parts) => self.template(span, parts),
            ExprKind::Tuple(items) => {
                Node::new(span, NodeKind::Seq(items.iter().map(|i| self.eval(i)).collect()))
            }
            ExprKind::Object(entries) => {
                let mut out = Vec::new();
                for (k, v) in entries {
                    let key = match k {
                        ObjKey::Ident(name, kspan) => Key {
                            text: name.clone(),
                            span: *kspan,
                        },
                        ObjKey::Expr(x) => {
                            let kv = self.eval(x);
                            match as_text(&kv) {
                                Some(text) => Key { text, span: x.span },
                                None => {
                                    return unknown(
                                        span,
                                        format!("an object key that is not known: {}", why(&kv)),
                                    );
                                }
                            }
                        }
                    };
                    let value = self.eval(v);
                    out.push((key, value));
                }
                Node::new(span, NodeKind::Map(out))
            }
            ExprKind::Var(name) => match self.bound(name) {
                Some(v) => respan(v, span),
                None => unknown(span, format!("`{name}`")),
            },
            ExprKind::Traverse(root, ops) => self.traverse(span, root, ops),
            ExprKind::Call(name, args, expand) => self.call(span, name, args, *expand),
            ExprKind::Cond(c, t, f) => {
                let cond = self.eval(c);
                match cond.kind {
                    NodeKind::Bool(true) => self.eval(t),
                    NodeKind::Bool(false) => self.eval(f),
                    NodeKind::String(ref s) if s == "true" => self.eval(t),
                    NodeKind::String(ref s) if s == "false" => self.eval(f),
                    _ => unknown(span, format!("a condition that is not known ({})", why(&cond))),
                }
            }
            ExprKind::Unary(not, x) => {
                let v = self.eval(x);
                match (&v.kind, not) {
                    (NodeKind::Bool(b), true) => Node::new(span, NodeKind::Bool(!b)),
                    (NodeKind::Number(n), false) => match n.parse::<i64>() {
                        Ok(i) => Node::new(span, NodeKind::Number((-i).to_string())),
                        Err(_) => unknown(span, format!("-{n}")),
                    },
                    _ => unknown(span, format!("an operation on {}", why(&v))),
                }
            }
            ExprKind::Binary(op, a, b) => self.binary(span, *op, a, b),
            ExprKind::For(f) => self.for_expr(span, f),
            ExprKind::Opaque(what) => unknown(span, what.clone()),
        }
    }

    fn bound(&self, name: &str) -> Option<Node> {
        self.bound
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    fn template(&mut self, span: Span, parts: &[Part]) -> Node {
        // `"${x}"` alone is `x` itself, whatever its type (Terraform 0.11 style).
        if let [Part::Interp(x)] = parts {
            return respan(self.eval(x), span);
        }
        let mut out = String::new();
        for p in parts {
            match p {
                Part::Lit(s) => out.push_str(s),
                Part::Interp(x) => {
                    let v = self.eval(x);
                    match as_text(&v) {
                        Some(s) => out.push_str(&s),
                        None => return unknown(span, why(&v)),
                    }
                }
                Part::Directive => return unknown(span, "a template with %{ } directives"),
            }
        }
        Node::new(span, NodeKind::String(out))
    }

    fn traverse(&mut self, span: Span, root: &Expr, ops: &[Op]) -> Node {
        let ExprKind::Var(name) = &root.kind else {
            let base = self.eval(root);
            return self.apply(span, base, ops);
        };
        let attr = |i: usize| match ops.get(i) {
            Some(Op::Attr(a)) => Some(a.as_str()),
            _ => None,
        };
        if let Some(v) = self.bound(name) {
            return self.apply(span, respan(v, span), ops);
        }
        match name.as_str() {
            "var" => {
                let Some(v) = attr(0) else {
                    return unknown(span, "var");
                };
                let value = match self.scope.vars.get(v) {
                    Some(VarValue::Known(n)) => respan(n.clone(), span),
                    Some(VarValue::Unset(why)) => {
                        self.unset.borrow_mut().push(v.to_string());
                        unknown(span, why.clone())
                    }
                    None => {
                        self.unset.borrow_mut().push(v.to_string());
                        unknown(span, format!("var.{v} (not declared in this folder's .tf files)"))
                    }
                };
                self.apply(span, value, &ops[1..])
            }
            "local" => {
                let Some(l) = attr(0) else {
                    return unknown(span, "local");
                };
                let value = match self.scope.locals.get(l) {
                    Some(e) => {
                        let e = *e;
                        // A local is evaluated where it is defined: without the caller's `each` or `for`.
                        let saved = std::mem::take(&mut self.bound);
                        let v = self.eval(e);
                        self.bound = saved;
                        respan(v, span)
                    }
                    None => unknown(
                        span,
                        format!("local.{l} (not defined in this folder's .tf files)"),
                    ),
                };
                self.apply(span, value, &ops[1..])
            }
            "data" => {
                let (Some(ty), Some(n)) = (attr(0), attr(1)) else {
                    return unknown(span, "data");
                };
                let rest = skip_index(&ops[2..]);
                let value = self.data_attr(span, ty, n, rest.first());
                self.apply(span, value, rest.get(1..).unwrap_or(&[]))
            }
            "module" => unknown(
                span,
                format!("module.{} (an output of a module call)", attr(0).unwrap_or("?")),
            ),
            "count" | "each" | "path" | "terraform" | "self" => {
                unknown(span, format!("{name}.{}", attr(0).unwrap_or("")))
            }
            ty => {
                let Some(n) = attr(0) else {
                    return unknown(span, ty.to_string());
                };
                let rest = skip_index(&ops[1..]);
                let value = self.resource_attr(span, ty, n, rest.first());
                self.apply(span, value, rest.get(1..).unwrap_or(&[]))
            }
        }
    }

    /// What `TYPE.NAME.attr` is before apply: an argument written in the block, or what the provider derives
    /// from arguments (`scope_identifiers`); otherwise unknown.
    fn resource_attr(&mut self, span: Span, ty: &str, name: &str, attr: Option<&Op>) -> Node {
        let Some(Op::Attr(attr)) = attr else {
            return unknown(span, format!("{ty}.{name}"));
        };
        let Some(body) = self.scope.resources.get(&(ty, name)).copied() else {
            return unknown(
                span,
                format!("{ty}.{name}.{attr} (not defined in this folder's .tf files)"),
            );
        };
        if ty == "aws_cognito_resource_server" && attr == "scope_identifiers" {
            let id = body.attr("identifier").map(|a| a.expr.clone());
            let Some(id) = id else {
                return unknown(span, format!("{ty}.{name}.{attr}"));
            };
            let id = self.eval(&id);
            let Some(id) = as_text(&id) else {
                return unknown(span, format!("{ty}.{name}.{attr} (identifier not known)"));
            };
            let mut items = Vec::new();
            for scope in body.blocks_of("scope") {
                let n = scope.body.attr("scope_name").map(|a| a.expr.clone());
                let v = n.map(|n| self.eval(&n));
                items.push(match v.as_ref().and_then(as_text) {
                    Some(s) => Node::new(span, NodeKind::String(format!("{id}/{s}"))),
                    None => unknown(span, format!("{ty}.{name}.{attr} (a scope name not known)")),
                });
            }
            if body.blocks_of("dynamic").next().is_some() {
                return unknown(span, format!("{ty}.{name}.{attr} (dynamic scope blocks)"));
            }
            return Node::new(span, NodeKind::Seq(items));
        }
        // `count`/`for_each` instances may differ: only arguments that do not depend on them are known.
        match body.attr(attr) {
            Some(a) if !matches!(attr.as_str(), "count" | "for_each") => {
                let e = a.expr.clone();
                let saved = std::mem::take(&mut self.bound);
                let v = self.eval(&e);
                self.bound = saved;
                respan(v, span)
            }
            _ => unknown(span, format!("{ty}.{name}.{attr} (known after apply)")),
        }
    }

    /// `data.aws_cognito_user_pool.x.id` is the `user_pool_id` it was given; other data sources are unknown.
    fn data_attr(&mut self, span: Span, ty: &str, name: &str, attr: Option<&Op>) -> Node {
        let Some(Op::Attr(attr)) = attr else {
            return unknown(span, format!("data.{ty}.{name}"));
        };
        if ty == "aws_cognito_user_pool"
            && matches!(attr.as_str(), "id" | "user_pool_id")
            && let Some(body) = self.scope.data.get(&(ty, name)).copied()
            && let Some(a) = body.attr("user_pool_id")
        {
            let e = a.expr.clone();
            let saved = std::mem::take(&mut self.bound);
            let v = self.eval(&e);
            self.bound = saved;
            return respan(v, span);
        }
        unknown(span, format!("data.{ty}.{name}.{attr} (read at plan time)"))
    }

    fn apply(&mut self, span: Span, mut value: Node, ops: &[Op]) -> Node {
        for op in ops {
            if is_unknown(&value) {
                return value;
            }
            value = match op {
                Op::Attr(a) => match value.get(a) {
                    Some(v) => respan(v.clone(), span),
                    None => unknown(span, format!("`.{a}` of {}", value.describe())),
                },
                Op::Index(i) => {
                    let i = self.eval(i);
                    match (&value.kind, &i.kind) {
                        (NodeKind::Seq(items), NodeKind::Number(n) | NodeKind::String(n)) => {
                            match n.parse::<usize>().ok().and_then(|n| items.get(n)) {
                                Some(v) => respan(v.clone(), span),
                                None => unknown(span, format!("index {n} of {}", value.describe())),
                            }
                        }
                        (NodeKind::Map(_), _) if as_text(&i).is_some() => {
                            let k = as_text(&i).unwrap_or_default();
                            match value.get(&k) {
                                Some(v) => respan(v.clone(), span),
                                None => unknown(span, format!("key {k} of {}", value.describe())),
                            }
                        }
                        _ => unknown(span, format!("an index that is not known ({})", why(&i))),
                    }
                }
                Op::Splat => return unknown(span, "a splat expression ([*])"),
            };
        }
        value
    }

    fn binary(&mut self, span: Span, op: BinOp, a: &Expr, b: &Expr) -> Node {
        let (x, y) = (self.eval(a), self.eval(b));
        if is_unknown(&x) || is_unknown(&y) {
            // `false && x` and `true || x` are known whatever x is.
            match (op, &x.kind, &y.kind) {
                (BinOp::And, NodeKind::Bool(false), _) | (BinOp::And, _, NodeKind::Bool(false)) => {
                    return Node::new(span, NodeKind::Bool(false));
                }
                (BinOp::Or, NodeKind::Bool(true), _) | (BinOp::Or, _, NodeKind::Bool(true)) => {
                    return Node::new(span, NodeKind::Bool(true));
                }
                _ => {
                    return unknown(
                        span,
                        format!("an operation on {}", why(if is_unknown(&x) { &x } else { &y })),
                    );
                }
            }
        }
        let num = |n: &Node| match &n.kind {
            NodeKind::Number(s) | NodeKind::String(s) => s.parse::<f64>().ok(),
            _ => None,
        };
        let bool_of = |n: &Node| match &n.kind {
            NodeKind::Bool(b) => Some(*b),
            _ => None,
        };
        let out = match op {
            BinOp::Eq => Some(NodeKind::Bool(same_value(&x, &y))),
            BinOp::NotEq => Some(NodeKind::Bool(!same_value(&x, &y))),
            BinOp::And => bool_of(&x).zip(bool_of(&y)).map(|(a, b)| NodeKind::Bool(a && b)),
            BinOp::Or => bool_of(&x).zip(bool_of(&y)).map(|(a, b)| NodeKind::Bool(a || b)),
            BinOp::Compare(ord, or_equal) => num(&x).zip(num(&y)).and_then(|(a, b)| {
                let c = a.partial_cmp(&b)?;
                Some(NodeKind::Bool(
                    c == ord || or_equal && c == std::cmp::Ordering::Equal,
                ))
            }),
            BinOp::Add | BinOp::Sub | BinOp::Mul => num(&x).zip(num(&y)).and_then(|(a, b)| {
                let r = match op {
                    BinOp::Add => a + b,
                    BinOp::Sub => a - b,
                    _ => a * b,
                };
                (r.fract() == 0.0 && r.abs() < 1e15).then(|| NodeKind::Number((r as i64).to_string()))
            }),
            BinOp::Other => None,
        };
        match out {
            Some(kind) => Node::new(span, kind),
            None => unknown(
                span,
                "an arithmetic or logical operation cogfed does not evaluate",
            ),
        }
    }

    fn for_expr(&mut self, span: Span, f: &super::ast::ForExpr) -> Node {
        if f.grouping {
            return unknown(span, "a grouping for expression (...)");
        }
        let coll = self.eval(&f.collection);
        let pairs: Vec<(Node, Node)> = match &coll.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Node::new(span, NodeKind::Number(i.to_string())), v.clone()))
                .collect(),
            NodeKind::Map(entries) => entries
                .iter()
                .map(|(k, v)| (Node::new(k.span, NodeKind::String(k.text.clone())), v.clone()))
                .collect(),
            _ => return unknown(span, format!("a for expression over {}", why(&coll))),
        };
        if pairs.len() > MAX_EXPANSION {
            return unknown(span, "a for expression over too many items");
        }
        let mut items = Vec::new();
        let mut entries = Vec::new();
        for (k, v) in pairs {
            let mut n = 1;
            self.bind(&f.value_var, v);
            if let Some(kv) = &f.key_var {
                self.bind(kv, k);
                n += 1;
            }
            let keep = match &f.cond {
                Some(c) => match self.eval(c).kind {
                    NodeKind::Bool(b) => Some(b),
                    _ => None,
                },
                None => Some(true),
            };
            let result = match keep {
                None => Err("a for expression whose `if` is not known"),
                Some(false) => Ok(None),
                Some(true) => match &f.key {
                    Some(key) => {
                        let kn = self.eval(key);
                        match as_text(&kn) {
                            Some(text) => Ok(Some((Some(Key { text, span: kn.span }), self.eval(&f.value)))),
                            None => Err("a for expression whose keys are not known"),
                        }
                    }
                    None => Ok(Some((None, self.eval(&f.value)))),
                },
            };
            self.unbind(n);
            match result {
                Err(w) => return unknown(span, w),
                Ok(None) => {}
                Ok(Some((Some(k), v))) => entries.push((k, v)),
                Ok(Some((None, v))) => items.push(v),
            }
        }
        if f.key.is_some() {
            Node::new(span, NodeKind::Map(entries))
        } else {
            Node::new(span, NodeKind::Seq(items))
        }
    }

    fn call(&mut self, span: Span, name: &str, args: &[Expr], expand: bool) -> Node {
        let mut values: Vec<Node> = args.iter().map(|a| self.eval(a)).collect();
        if expand {
            match values.pop().map(|n| n.kind) {
                Some(NodeKind::Seq(items)) => values.extend(items),
                _ => {
                    return unknown(
                        span,
                        format!("{name}(...) with an expanded argument that is not known"),
                    );
                }
            }
        }
        let unknown_arg = values.iter().find(|v| is_unknown(v)).map(why);
        let unknown_call = || unknown(span, format!("{name}(...)"));
        let string = |s: String| Node::new(span, NodeKind::String(s));
        let text_arg = |i: usize| values.get(i).and_then(as_text);
        // Functions whose result is known only when all arguments are.
        if let Some(w) = unknown_arg
            && !matches!(
                name,
                "coalesce" | "try" | "compact" | "concat" | "tolist" | "toset" | "distinct" | "flatten"
            )
        {
            return unknown(span, w);
        }
        match name {
            "tostring" => text_arg(0).map_or_else(unknown_call, string),
            "lower" => text_arg(0).map_or_else(unknown_call, |s| string(s.to_lowercase())),
            "upper" => text_arg(0).map_or_else(unknown_call, |s| string(s.to_uppercase())),
            "trimspace" => text_arg(0).map_or_else(unknown_call, |s| string(s.trim().to_string())),
            "trimsuffix" => match (text_arg(0), text_arg(1)) {
                (Some(s), Some(x)) => string(s.strip_suffix(x.as_str()).unwrap_or(&s).to_string()),
                _ => unknown_call(),
            },
            "trimprefix" => match (text_arg(0), text_arg(1)) {
                (Some(s), Some(x)) => string(s.strip_prefix(x.as_str()).unwrap_or(&s).to_string()),
                _ => unknown_call(),
            },
            "replace" => match (text_arg(0), text_arg(1), text_arg(2)) {
                // A regular expression (`/.../`) is not evaluated.
                (Some(s), Some(from), Some(to))
                    if !(from.starts_with('/') && from.ends_with('/') && from.len() > 1) =>
                {
                    string(s.replace(&from, &to))
                }
                _ => unknown_call(),
            },
            "format" => match text_arg(0) {
                Some(f) => match format(&f, &values[1..]) {
                    Some(s) => string(s),
                    None => unknown_call(),
                },
                None => unknown_call(),
            },
            "formatlist" => {
                let Some(f) = text_arg(0) else {
                    return unknown_call();
                };
                let len = values[1..].iter().find_map(|v| match &v.kind {
                    NodeKind::Seq(items) => Some(items.len()),
                    _ => None,
                });
                let Some(len) = len else { return unknown_call() };
                let mut out = Vec::new();
                for i in 0..len {
                    let row: Vec<Node> = values[1..]
                        .iter()
                        .map(|v| match &v.kind {
                            NodeKind::Seq(items) => {
                                items.get(i).cloned().unwrap_or_else(|| unknown(span, ""))
                            }
                            _ => v.clone(),
                        })
                        .collect();
                    match format(&f, &row) {
                        Some(s) => out.push(string(s)),
                        None => return unknown_call(),
                    }
                }
                Node::new(span, NodeKind::Seq(out))
            }
            "join" => match (&text_arg(0), values.get(1).map(|v| &v.kind)) {
                (Some(sep), Some(NodeKind::Seq(items))) => {
                    let parts: Option<Vec<String>> = items.iter().map(as_text).collect();
                    parts.map_or_else(unknown_call, |p| string(p.join(sep)))
                }
                _ => unknown_call(),
            },
            "split" => match (text_arg(0), text_arg(1)) {
                (Some(sep), Some(s)) if !sep.is_empty() => Node::new(
                    span,
                    NodeKind::Seq(s.split(sep.as_str()).map(|p| string(p.to_string())).collect()),
                ),
                _ => unknown_call(),
            },
            "concat" | "flatten" => {
                let mut out = Vec::new();
                for v in &values {
                    match &v.kind {
                        NodeKind::Seq(items) if name == "flatten" => {
                            for i in items {
                                match &i.kind {
                                    NodeKind::Seq(inner) => out.extend(inner.iter().cloned()),
                                    _ => out.push(i.clone()),
                                }
                            }
                        }
                        NodeKind::Seq(items) => out.extend(items.iter().cloned()),
                        _ => return unknown(span, format!("{name}(...) of {}", why(v))),
                    }
                }
                Node::new(span, NodeKind::Seq(out))
            }
            "tolist" | "toset" | "distinct" | "compact" => match values.first().map(|v| &v.kind) {
                Some(NodeKind::Seq(items)) => {
                    let mut out: Vec<Node> = Vec::new();
                    for i in items {
                        if name == "compact"
                            && (matches!(&i.kind, NodeKind::String(s) if s.is_empty())
                                || i.kind == NodeKind::Null)
                        {
                            continue;
                        }
                        if name != "tolist" && out.iter().any(|o| same_value(o, i)) {
                            continue;
                        }
                        out.push(i.clone());
                    }
                    Node::new(span, NodeKind::Seq(out))
                }
                Some(NodeKind::Unknown(w)) => unknown(span, w.clone()),
                _ => unknown_call(),
            },
            "tomap" => values.first().cloned().unwrap_or_else(unknown_call),
            "keys" | "values" => match values.first().map(|v| &v.kind) {
                // Terraform returns both in lexical order of the keys.
                Some(NodeKind::Map(entries)) => {
                    let mut entries = entries.clone();
                    entries.sort_by(|a, b| a.0.text.cmp(&b.0.text));
                    let items = entries
                        .into_iter()
                        .map(|(k, v)| {
                            if name == "keys" {
                                Node::new(k.span, NodeKind::String(k.text))
                            } else {
                                v
                            }
                        })
                        .collect();
                    Node::new(span, NodeKind::Seq(items))
                }
                _ => unknown_call(),
            },
            "lookup" => match (values.first(), text_arg(1)) {
                (Some(m), Some(k)) if m.is_map() => m
                    .get(&k)
                    .cloned()
                    .or_else(|| values.get(2).cloned())
                    .unwrap_or_else(unknown_call),
                _ => unknown_call(),
            },
            "merge" => {
                let mut out: Vec<(Key, Node)> = Vec::new();
                for v in &values {
                    match &v.kind {
                        NodeKind::Map(entries) => {
                            for (k, val) in entries {
                                out.retain(|(o, _)| o.text != k.text);
                                out.push((k.clone(), val.clone()));
                            }
                        }
                        NodeKind::Null => {}
                        _ => return unknown_call(),
                    }
                }
                Node::new(span, NodeKind::Map(out))
            }
            "element" => match (
                values.first().map(|v| &v.kind),
                text_arg(1).and_then(|i| i.parse::<usize>().ok()),
            ) {
                (Some(NodeKind::Seq(items)), Some(i)) if !items.is_empty() => items[i % items.len()].clone(),
                _ => unknown_call(),
            },
            "length" => match values.first().map(|v| &v.kind) {
                Some(NodeKind::Seq(items)) => Node::new(span, NodeKind::Number(items.len().to_string())),
                Some(NodeKind::Map(entries)) => Node::new(span, NodeKind::Number(entries.len().to_string())),
                Some(NodeKind::String(s)) => Node::new(span, NodeKind::Number(s.chars().count().to_string())),
                _ => unknown_call(),
            },
            "coalesce" => {
                for v in &values {
                    match &v.kind {
                        NodeKind::Null => continue,
                        NodeKind::String(s) if s.is_empty() => continue,
                        NodeKind::Unknown(w) => return unknown(span, w.clone()),
                        _ => return v.clone(),
                    }
                }
                unknown_call()
            }
            "try" => values
                .into_iter()
                .find(|v| !is_unknown(v))
                .unwrap_or_else(unknown_call),
            _ => unknown(span, format!("{name}(...) (a function cogfed does not evaluate)")),
        }
    }
}

/// `a[0].b`: instance indexes of a resource are skipped (every instance has the same arguments here).
fn skip_index(ops: &[Op]) -> &[Op] {
    match ops.first() {
        Some(Op::Index(_)) => &ops[1..],
        _ => ops,
    }
}

/// `format` with `%s`, `%d`, `%v` and `%%` only.
fn format(f: &str, args: &[Node]) -> Option<String> {
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = f.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '%' => out.push('%'),
            's' | 'd' | 'v' => out.push_str(&as_text(args.next()?)?),
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::ast::parse_hcl;
    use super::*;

    fn eval_attr(text: &str, vars: &[(&str, VarValue)]) -> Node {
        let body = parse_hcl(text).unwrap();
        let mut scope = Scope::default();
        for (k, v) in vars {
            scope.vars.insert(k.to_string(), v.clone());
        }
        for b in body.blocks.iter().filter(|b| b.kind == "locals") {
            for a in &b.body.attrs {
                scope.locals.insert(&a.name, &a.expr);
            }
        }
        let mut e = Eval::new(&scope);
        e.eval(&body.attr("x").unwrap().expr)
    }

    fn s(v: &str) -> VarValue {
        VarValue::Known(Node::new(Span::default(), NodeKind::String(v.into())))
    }

    #[test]
    fn templates_locals_functions_and_for_expressions() {
        let n = eval_attr(
            "locals {\n  o = \"https://${var.host}\"\n}\nx = [for p in [\"cb\", \"done\"] : \"${local.o}/${p}\" if p != \"done\"]\n",
            &[("host", s("app.example.com"))],
        );
        assert_eq!(n.describe(), "[\"https://app.example.com/cb\"]");
        let n = eval_attr(
            "x = concat([\"a\"], split(\",\", \"b,c\"), [format(\"%s-%d\", \"d\", 1)])\n",
            &[],
        );
        assert_eq!(n.describe(), "[\"a\", \"b\", \"c\", \"d-1\"]");
        let n = eval_attr(
            "x = var.env == \"prod\" ? \"https://p\" : \"http://localhost\"\n",
            &[("env", s("prod"))],
        );
        assert_eq!(n.as_str(), Some("https://p"));
    }

    #[test]
    fn what_is_not_known_is_unknown_and_says_why() {
        let n = eval_attr(
            "x = \"${var.origin}/cb\"\n",
            &[(
                "origin",
                VarValue::Unset("var.origin (a variable without a default)".into()),
            )],
        );
        assert!(
            matches!(&n.kind, NodeKind::Unknown(w) if w.contains("without a default")),
            "{n:?}"
        );
        let n = eval_attr("x = aws_cognito_user_pool.p.id\n", &[]);
        assert!(matches!(n.kind, NodeKind::Unknown(_)));
        let n = eval_attr("x = md5(\"a\")\n", &[]);
        assert!(matches!(n.kind, NodeKind::Unknown(_)));
        let n = eval_attr("locals {\n  a = local.b\n  b = local.a\n}\nx = local.a\n", &[]);
        assert!(
            matches!(n.kind, NodeKind::Unknown(_)),
            "a cycle is unknown, not a hang"
        );
    }
}
