//! Terraform: configurations (`.tf` in HCL native syntax, `.tf.json`), variable files (`.tfvars`,
//! `.tfvars.json`) and `terraform show -json` output of a plan or a state ([`plan`]).
//!
//! A directory's `.tf` files are one configuration, as Terraform reads them: the loader parses each file
//! ([`parse`]) and, once every input is read, [`evaluate`] assembles each directory (variables from every
//! file and the `.tfvars` beside them, locals, resources, data sources) and imports its Cognito resources
//! into the model. A `module` block whose `source` is a local path among the inputs is followed with its
//! arguments; a directory called that way is linted through its calls, not again on its own.
//!
//! Resources read (cognito-facts §7.7): `aws_cognito_user_pool`, `aws_cognito_user_pool_client`,
//! `aws_cognito_managed_user_pool_client`, `aws_cognito_identity_provider`, `aws_cognito_user_pool_domain`,
//! `aws_cognito_resource_server`, and the data source `aws_cognito_user_pool` (a pool defined elsewhere,
//! known by its id). `aws_cognito_user_pool_ui_customization` holds CSS and a logo only: nothing a rule
//! checks. Arguments are the model's names (the model uses the API names in snake_case, as Terraform does);
//! where Terraform differs (`name`, `scope`, `schema`, `certificate_arn`) the model takes Terraform's name
//! too. A finding points at the argument (`/resource/aws_cognito_user_pool_client/spa/callback_urls/0`).
//!
//! What cannot be known before apply stays unknown ([`eval`]); `count` and `for_each` with known values
//! expand to one resource per instance, otherwise one instance stands for all.

pub mod ast;
pub mod eval;
pub mod plan;

use self::ast::{Block, Body, Expr, ExprKind, Op, Part};
use self::eval::{Eval, MAX_EXPANSION, Scope, VarValue, same_value};
use crate::de::{DeError, Loc, Located, Mode, from_node_recovering};
use crate::model::{
    AppClient, Domain, IdentityProvider, Integration, Listed, ResourceServer, TerraformResource,
    TerraformSource, UserPool,
};
use crate::node::{Key, Node, NodeKind, join_pointer};
use crate::parse::ParseError;
use crate::source::{FileId, Span};
use std::collections::{BTreeMap, HashMap};

/// A parsed Terraform file, waiting for the rest of its directory.
#[derive(Debug, Clone)]
pub struct TfFile {
    /// The file.
    pub id: FileId,
    /// Its directory, as its display name says (`infra/auth` for `infra/auth/main.tf`, empty for `main.tf`).
    pub dir: String,
    /// Its base name.
    pub base: String,
    /// Whether it is a variable file (`.tfvars`, `.tfvars.json`) rather than configuration.
    pub vars: bool,
    /// Its contents.
    pub body: Body,
    /// For `terraform output -json` output: the document (`{"name": {"value": ..., "type": ...}}`).
    pub outputs: Option<Node>,
}

/// Whether a JSON document is `terraform output -json` output: every member an object with `value` and
/// `type` (and `sensitive`), nothing else.
pub fn looks_like_outputs(root: &Node) -> bool {
    let entries = root.entries();
    !entries.is_empty()
        && entries.iter().all(|(_, v)| {
            v.get("value").is_some()
                && v.get("type").is_some()
                && v.entries()
                    .iter()
                    .all(|(k, _)| matches!(k.text.as_str(), "value" | "type" | "sensitive"))
        })
}

/// `terraform output -json` output, to be joined with the `output` blocks of its folder's configuration.
pub fn outputs_file(id: FileId, name: &str, root: &Node) -> TfFile {
    let (dir, base) = split_name(name);
    TfFile {
        id,
        dir,
        base,
        vars: false,
        body: Body::default(),
        outputs: Some(root.clone()),
    }
}

/// What a file name says: `Some((json, vars))` for `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`.
pub fn terraform_name(name: &str) -> Option<(bool, bool)> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".tf") {
        Some((false, false))
    } else if lower.ends_with(".tf.json") {
        Some((true, false))
    } else if lower.ends_with(".tfvars") {
        Some((false, true))
    } else if lower.ends_with(".tfvars.json") {
        Some((true, true))
    } else {
        None
    }
}

/// Top-level blocks of a configuration (Terraform language, "Configuration Syntax").
const CONFIG_BLOCKS: &[&str] = &[
    "resource",
    "data",
    "variable",
    "locals",
    "module",
    "output",
    "provider",
    "terraform",
    "moved",
    "import",
    "check",
    "removed",
];

/// Whether text that came without a Terraform name is a configuration in HCL native syntax: a line that
/// opens a `resource "..."`, `data "..."`, `variable "..."`, `module "..."`, `provider "..."` or `output "..."`
/// block, or a `locals`/`terraform` block (pasted into the checker page).
pub fn looks_like_hcl_config(text: &str) -> bool {
    text.lines().any(|line| {
        let l = line.trim_start();
        let word = l
            .split(|c: char| c.is_whitespace() || c == '{')
            .next()
            .unwrap_or("");
        let rest = l[word.len()..].trim_start();
        match word {
            "resource" | "data" | "variable" | "module" | "provider" | "output" => rest.starts_with('"'),
            "locals" | "terraform" => rest.starts_with('{'),
            _ => false,
        }
    })
}

/// Whether a JSON document is a configuration in JSON syntax (`.tf.json` content under another name).
pub fn looks_like_tf_json(root: &Node) -> bool {
    let entries = root.entries();
    !entries.is_empty()
        && entries
            .iter()
            .all(|(k, _)| k.text == "//" || CONFIG_BLOCKS.contains(&k.text.as_str()))
        && entries.iter().any(|(k, v)| {
            matches!(k.text.as_str(), "resource" | "data" | "module" | "variable") && v.is_map()
        })
}

/// The directory and base name of a display name.
pub(crate) fn split_name(name: &str) -> (String, String) {
    match name.rfind(['/', '\\']) {
        Some(i) => (name[..i].to_string(), name[i + 1..].to_string()),
        None => (String::new(), name.to_string()),
    }
}

/// Parses a Terraform file (`json`: JSON syntax; `vars`: a variable file).
pub fn parse(id: FileId, name: &str, text: &str, json: bool, vars: bool) -> Result<TfFile, ParseError> {
    let body = if json {
        let root = crate::parse::parse_json(text)?;
        if vars {
            ast::json_attrs_of(&root)
        } else {
            ast::json_body(&root)
        }
    } else {
        ast::parse_hcl(text)?
    };
    let (dir, base) = split_name(name);
    Ok(TfFile {
        id,
        dir,
        base,
        vars,
        body,
        outputs: None,
    })
}

/// `dir` joined with a relative module source (`./modules/x`, `../..`), or `None` when it leaves the inputs.
fn join_dir(dir: &str, source: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir
        .split(['/', '\\'])
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    for p in source.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                // Leaving a relative display name's first directory: outside what we were given.
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// A local module source (`./x`, `../x`): Terraform treats only these as paths.
fn local_source(body: &Body) -> Option<&str> {
    let a = body.attr("source")?;
    match &a.expr.kind {
        ExprKind::Str(s) if s.starts_with("./") || s.starts_with("../") => Some(s),
        _ => None,
    }
}

/// Module nesting followed at most (a module calling itself is a configuration error, not a hang).
const MAX_MODULE_DEPTH: usize = 8;

/// Evaluates every directory's configuration and imports its Cognito resources. Values of the wrong type
/// are recorded in `errors` (and left unknown), as for other formats.
pub fn evaluate(files: &[TfFile], errors: &mut Vec<DeError>) -> Integration {
    let mut by_dir: BTreeMap<&str, Vec<&TfFile>> = BTreeMap::new();
    for f in files {
        by_dir.entry(f.dir.as_str()).or_default().push(f);
    }
    let mut called = std::collections::HashSet::new();
    for (dir, fs) in &by_dir {
        for f in fs.iter().filter(|f| !f.vars) {
            for m in f.body.blocks_of("module") {
                if let Some(target) = local_source(&m.body).and_then(|s| join_dir(dir, s))
                    && target != *dir
                    && by_dir.contains_key(target.as_str())
                {
                    called.insert(target);
                }
            }
        }
    }
    let mut out = Integration::default();
    for dir in by_dir.keys() {
        if called.contains(*dir) {
            continue;
        }
        let module = Module {
            dir,
            key: format!("tf:{dir}"),
            prefix: String::new(),
        };
        module.instantiate(&by_dir, None, 0, &mut out, errors);
    }
    out
}

/// One module instance: a directory, evaluated as the root or through a `module` call.
struct Module<'d> {
    dir: &'d str,
    /// Names its pools (`tf:{dir}` for a root, `tf:{dir}/module.x` for a call).
    key: String,
    /// Address prefix of its resources (`module.x.`).
    prefix: String,
}

/// The Cognito resource types read.
const POOL: &str = "aws_cognito_user_pool";
const CLIENT: &str = "aws_cognito_user_pool_client";
const MANAGED_CLIENT: &str = "aws_cognito_managed_user_pool_client";
const IDP: &str = "aws_cognito_identity_provider";
const DOMAIN: &str = "aws_cognito_user_pool_domain";
const RESOURCE_SERVER: &str = "aws_cognito_resource_server";

impl<'d> Module<'d> {
    fn instantiate<'a>(
        &self,
        by_dir: &'a BTreeMap<&'d str, Vec<&'a TfFile>>,
        inputs: Option<HashMap<String, Node>>,
        depth: usize,
        out: &mut Integration,
        errors: &mut Vec<DeError>,
    ) {
        let Some(files) = by_dir.get(self.dir) else {
            return;
        };
        let configs: Vec<&TfFile> = files
            .iter()
            .copied()
            .filter(|f| !f.vars && f.outputs.is_none())
            .collect();
        let mut scope = Scope::default();
        for f in &configs {
            for b in &f.body.blocks {
                match (b.kind.as_str(), b.labels.as_slice()) {
                    ("locals", _) => {
                        for a in &b.body.attrs {
                            scope.locals.insert(a.name.as_str(), &a.expr);
                        }
                    }
                    ("resource", [ty, name]) => {
                        scope.resources.insert((ty.as_str(), name.as_str()), &b.body);
                    }
                    ("data", [ty, name]) => {
                        scope.data.insert((ty.as_str(), name.as_str()), &b.body);
                    }
                    _ => {}
                }
            }
        }
        let inputs_given = inputs.is_some();
        scope.vars = variables(&configs, files, inputs);

        let assigned = if inputs_given {
            HashMap::new()
        } else {
            assigned_ids(&configs, files)
        };
        let mut ev = Eval::new(&scope);
        for f in &configs {
            for b in &f.body.blocks {
                match (b.kind.as_str(), b.labels.as_slice()) {
                    ("resource", [ty, name]) => {
                        let id = assigned.get(&(ty.as_str(), name.as_str())).cloned();
                        self.resource(&mut ev, &scope, f.id, b, ty, name, id, out, errors)
                    }
                    ("data", [ty, name]) if ty == POOL => self.data_pool(&mut ev, f.id, b, name, out, errors),
                    ("module", [name]) if depth < MAX_MODULE_DEPTH => {
                        let Some(target) = local_source(&b.body).and_then(|s| join_dir(self.dir, s)) else {
                            continue;
                        };
                        let Some((&target, _)) = by_dir.get_key_value(target.as_str()) else {
                            continue;
                        };
                        if target == self.dir {
                            continue;
                        }
                        let mut args = HashMap::new();
                        for a in &b.body.attrs {
                            if !matches!(
                                a.name.as_str(),
                                "source" | "version" | "count" | "for_each" | "providers" | "depends_on"
                            ) {
                                args.insert(a.name.clone(), ev.eval(&a.expr));
                            }
                        }
                        let child = Module {
                            dir: target,
                            key: format!("{}/module.{name}", self.key),
                            prefix: format!("{}module.{name}.", self.prefix),
                        };
                        child.instantiate(by_dir, Some(args), depth + 1, out, errors);
                    }
                    _ => {}
                }
            }
        }
    }

    /// The pool key of the pool a `user_pool_id` expression refers to: `aws_cognito_user_pool.x.id` (also
    /// through locals and `"${...}"`), or `data.aws_cognito_user_pool.x.id`.
    fn pool_target(&self, scope: &Scope, e: &Expr, depth: usize) -> Option<String> {
        if depth > 16 {
            return None;
        }
        match &e.kind {
            ExprKind::Template(parts) => match parts.as_slice() {
                [Part::Interp(x)] => self.pool_target(scope, x, depth + 1),
                _ => None,
            },
            ExprKind::Traverse(root, ops) => {
                let ExprKind::Var(root) = &root.kind else {
                    return None;
                };
                let attr = |i: usize| match ops.get(i) {
                    Some(Op::Attr(a)) => Some(a.as_str()),
                    _ => None,
                };
                match (root.as_str(), attr(0), attr(1)) {
                    (POOL, Some(n), _) if scope.resources.contains_key(&(POOL, n)) => {
                        Some(format!("{}:{POOL}.{n}", self.key))
                    }
                    ("data", Some(POOL), Some(n)) if scope.data.contains_key(&(POOL, n)) => {
                        Some(format!("{}:data.{POOL}.{n}", self.key))
                    }
                    ("local", Some(l), _) => {
                        let e = scope.locals.get(l)?;
                        self.pool_target(scope, e, depth + 1)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn resource(
        &self,
        ev: &mut Eval,
        scope: &Scope,
        file: FileId,
        block: &Block,
        ty: &str,
        name: &str,
        assigned_id: Option<Located<String>>,
        out: &mut Integration,
        errors: &mut Vec<DeError>,
    ) {
        if ![POOL, CLIENT, MANAGED_CLIENT, IDP, DOMAIN, RESOURCE_SERVER].contains(&ty) {
            return;
        }
        let pointer = join_pointer(&join_pointer("/resource", ty), name);
        let pool_ref = block
            .body
            .attr("user_pool_id")
            .and_then(|a| self.pool_target(scope, &a.expr, 0));
        for bindings in instances(ev, &block.body) {
            let n = bindings.len();
            for (k, v) in bindings {
                ev.bind(&k, v);
            }
            let mut unset = Vec::new();
            let props = body_node(ev, &block.body, block.span, Some(&mut unset));
            ev.unbind(n);
            let loc = Loc::new(file, pointer.clone(), block.span);
            let meta = || TerraformResource {
                address: format!("{}{ty}.{name}", self.prefix),
                source: TerraformSource::Configuration,
                ignore_changes: ignore_changes(&block.body),
                at: match block.body.blocks_of("lifecycle").next() {
                    Some(l) => Loc::new(file, join_pointer(&pointer, "lifecycle"), l.span),
                    None => loc.clone(),
                },
                unset_variables: unset
                    .iter()
                    .map(|(attr, var, span)| {
                        (
                            attr.clone(),
                            var.clone(),
                            Loc::new(file, join_pointer(&pointer, attr), *span),
                        )
                    })
                    .collect(),
                replaced_by: Vec::new(),
            };
            let props = to_model(ty, props);
            match ty {
                POOL => {
                    let Ok(mut pool) =
                        from_node_recovering::<UserPool>(&props, file, &pointer, Mode::Aws, errors)
                    else {
                        continue;
                    };
                    pool.pool_ref = Some(format!("{}:{POOL}.{name}", self.key));
                    if pool.id.is_none() {
                        pool.id = assigned_id.clone();
                    }
                    // A configuration that defines the pool defines its resource servers and providers too.
                    pool.listed = Listed::ALL;
                    push_pool(out, Located::known(loc, pool));
                }
                CLIENT | MANAGED_CLIENT => {
                    let Ok(mut c) =
                        from_node_recovering::<AppClient>(&props, file, &pointer, Mode::Aws, errors)
                    else {
                        continue;
                    };
                    c.pool_ref = pool_ref.clone();
                    c.terraform = Some(meta());
                    if c.client_id.is_none() {
                        c.client_id = assigned_id.clone();
                    }
                    out.clients.push(Located::known(loc, c));
                }
                IDP => {
                    let Ok(mut p) =
                        from_node_recovering::<IdentityProvider>(&props, file, &pointer, Mode::Aws, errors)
                    else {
                        continue;
                    };
                    p.pool_ref = pool_ref.clone();
                    p.terraform = Some(meta());
                    out.identity_providers.push(Located::known(loc, p));
                }
                DOMAIN => {
                    let Ok(mut d) = from_node_recovering::<Domain>(&props, file, &pointer, Mode::Aws, errors)
                    else {
                        continue;
                    };
                    d.pool_ref = pool_ref.clone();
                    out.domains.push(Located::known(loc, d));
                }
                _ => {
                    let Ok(mut r) =
                        from_node_recovering::<ResourceServer>(&props, file, &pointer, Mode::Aws, errors)
                    else {
                        continue;
                    };
                    r.pool_ref = pool_ref.clone();
                    out.resource_servers.push(Located::known(loc, r));
                }
            }
        }
    }

    /// `data "aws_cognito_user_pool" "x" { user_pool_id = "..." }`: a pool defined elsewhere, by its id.
    fn data_pool(
        &self,
        ev: &mut Eval,
        file: FileId,
        block: &Block,
        name: &str,
        out: &mut Integration,
        errors: &mut Vec<DeError>,
    ) {
        let pointer = join_pointer(&join_pointer("/data", POOL), name);
        let mut entries = Vec::new();
        if let Some(a) = block.body.attr("user_pool_id") {
            entries.push((
                Key {
                    text: "id".into(),
                    span: a.name_span,
                },
                ev.eval(&a.expr),
            ));
        }
        let props = Node::new(block.span, NodeKind::Map(entries));
        let Ok(mut pool) = from_node_recovering::<UserPool>(&props, file, &pointer, Mode::Aws, errors) else {
            return;
        };
        pool.pool_ref = Some(format!("{}:data.{POOL}.{name}", self.key));
        push_pool(out, Located::known(Loc::new(file, pointer, block.span), pool));
    }
}

/// The ids Cognito assigned, from `terraform output -json` output beside the configuration: an `output`
/// block whose value is `aws_cognito_user_pool_client.x.id` (or the pool's `.id`) and the value the output
/// file gives it. Located at that value.
fn assigned_ids<'f>(
    configs: &[&'f TfFile],
    files: &[&TfFile],
) -> HashMap<(&'f str, &'f str), Located<String>> {
    let mut out = HashMap::new();
    let outputs: Vec<(FileId, &Node)> = files
        .iter()
        .filter_map(|f| f.outputs.as_ref().map(|o| (f.id, o)))
        .collect();
    if outputs.is_empty() {
        return out;
    }
    for f in configs {
        for b in f.body.blocks_of("output") {
            let (Some(name), Some(value)) = (b.labels.first(), b.body.attr("value")) else {
                continue;
            };
            let mut e = &value.expr;
            if let ExprKind::Template(parts) = &e.kind
                && let [Part::Interp(x)] = parts.as_slice()
            {
                e = x;
            }
            let ExprKind::Traverse(root, ops) = &e.kind else {
                continue;
            };
            let (ExprKind::Var(ty), [Op::Attr(res), Op::Attr(attr)]) = (&root.kind, ops.as_slice()) else {
                continue;
            };
            if attr != "id" || ![POOL, CLIENT, MANAGED_CLIENT].contains(&ty.as_str()) {
                continue;
            }
            for (file, doc) in &outputs {
                if let Some(v) = doc.get(name).and_then(|o| o.get("value"))
                    && let Some(s) = v.as_str()
                {
                    let pointer = join_pointer(&join_pointer("", name), "value");
                    out.insert(
                        (ty.as_str(), res.as_str()),
                        Located::known(Loc::new(*file, pointer, v.span), s.to_string()),
                    );
                }
            }
        }
    }
    out
}

fn push_pool(out: &mut Integration, pool: Located<UserPool>) {
    match out.user_pool {
        None => out.user_pool = Some(pool),
        Some(_) => out.other_pools.push(pool),
    }
}

/// Each instance's bindings: `count.index`, or `each.key`/`each.value`, when `count`/`for_each` are known;
/// one instance without bindings otherwise (its `count.index`/`each.*` are then unknown).
fn instances(ev: &mut Eval, body: &Body) -> Vec<Vec<(String, Node)>> {
    let at = |span: Span, kind| Node::new(span, kind);
    if let Some(c) = body.attr("count") {
        let v = ev.eval(&c.expr);
        if let NodeKind::Number(n) = &v.kind
            && let Ok(n) = n.parse::<usize>()
            && n <= MAX_EXPANSION
        {
            return (0..n)
                .map(|i| {
                    let index = at(v.span, NodeKind::Number(i.to_string()));
                    let obj = Node::new(
                        v.span,
                        NodeKind::Map(vec![(
                            Key {
                                text: "index".into(),
                                span: v.span,
                            },
                            index,
                        )]),
                    );
                    vec![("count".to_string(), obj)]
                })
                .collect();
        }
    }
    if let Some(f) = body.attr("for_each") {
        let v = ev.eval(&f.expr);
        let pairs: Option<Vec<(Node, Node)>> = match &v.kind {
            NodeKind::Map(entries) => Some(
                entries
                    .iter()
                    .map(|(k, val)| (at(v.span, NodeKind::String(k.text.clone())), val.clone()))
                    .collect(),
            ),
            NodeKind::Seq(items) if items.iter().all(|i| matches!(i.kind, NodeKind::String(_))) => {
                Some(items.iter().map(|i| (i.clone(), i.clone())).collect())
            }
            _ => None,
        };
        if let Some(pairs) = pairs.filter(|p| p.len() <= MAX_EXPANSION) {
            return pairs
                .into_iter()
                .map(|(k, val)| {
                    let obj = Node::new(
                        v.span,
                        NodeKind::Map(vec![
                            (
                                Key {
                                    text: "key".into(),
                                    span: v.span,
                                },
                                k,
                            ),
                            (
                                Key {
                                    text: "value".into(),
                                    span: v.span,
                                },
                                val,
                            ),
                        ]),
                    );
                    vec![("each".to_string(), obj)]
                })
                .collect();
        }
    }
    vec![Vec::new()]
}

/// Nested blocks that repeat (a list even when written once).
const REPEATED_BLOCKS: &[&str] = &["scope", "schema"];

/// A resource's arguments and nested blocks as one map node: each argument evaluated, each nested block a
/// map (a list of maps for repeated blocks), `dynamic` blocks expanded when their `for_each` is known.
/// Meta-arguments are left out. `unset` collects, per top-level argument, the variables without a value its
/// evaluation read.
fn body_node(
    ev: &mut Eval,
    body: &Body,
    span: Span,
    mut unset: Option<&mut Vec<(String, String, Span)>>,
) -> Node {
    let mut entries: Vec<(Key, Node)> = Vec::new();
    for a in &body.attrs {
        if matches!(a.name.as_str(), "count" | "for_each" | "provider" | "depends_on") {
            continue;
        }
        ev.take_unset();
        let v = ev.eval(&a.expr);
        if let Some(u) = unset.as_deref_mut() {
            for var in ev.take_unset() {
                u.push((a.name.clone(), var, a.expr.span));
            }
        }
        entries.push((
            Key {
                text: a.name.clone(),
                span: a.name_span,
            },
            v,
        ));
    }
    let mut blocks: Vec<(String, Span, Vec<Node>, bool)> = Vec::new();
    for b in &body.blocks {
        match b.kind.as_str() {
            "lifecycle" | "provisioner" | "connection" => continue,
            "dynamic" => {
                let Some(kind) = b.labels.first() else { continue };
                let items = dynamic(ev, b, kind);
                match blocks.iter_mut().find(|(k, ..)| k == kind) {
                    Some((_, _, list, known)) => match items {
                        Some(items) => list.extend(items),
                        None => *known = false,
                    },
                    None => {
                        let known = items.is_some();
                        blocks.push((kind.clone(), b.span, items.unwrap_or_default(), known));
                    }
                }
            }
            kind => {
                let node = body_node(ev, &b.body, b.span, None);
                match blocks.iter_mut().find(|(k, ..)| k == kind) {
                    Some((_, _, list, _)) => list.push(node),
                    None => blocks.push((kind.to_string(), b.span, vec![node], true)),
                }
            }
        }
    }
    for (kind, bspan, mut list, known) in blocks {
        let value = if !known {
            Node::new(
                bspan,
                NodeKind::Unknown(format!("dynamic \"{kind}\" blocks whose for_each is not known")),
            )
        } else if list.len() == 1 && !REPEATED_BLOCKS.contains(&kind.as_str()) {
            list.remove(0)
        } else {
            Node::new(bspan, NodeKind::Seq(list))
        };
        entries.push((
            Key {
                text: kind,
                span: bspan,
            },
            value,
        ));
    }
    Node::new(span, NodeKind::Map(entries))
}

/// The blocks a `dynamic "kind"` block generates, or `None` when its `for_each` is not known.
fn dynamic(ev: &mut Eval, b: &Block, kind: &str) -> Option<Vec<Node>> {
    let iterator = match b.body.attr("iterator").map(|a| &a.expr.kind) {
        Some(ExprKind::Var(name)) => name.clone(),
        _ => kind.to_string(),
    };
    let coll = ev.eval(&b.body.attr("for_each")?.expr);
    let content = b.body.blocks_of("content").next()?;
    let pairs: Vec<(Node, Node)> = match &coll.kind {
        NodeKind::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Node::new(coll.span, NodeKind::Number(i.to_string())), v.clone()))
            .collect(),
        NodeKind::Map(entries) => entries
            .iter()
            .map(|(k, v)| (Node::new(k.span, NodeKind::String(k.text.clone())), v.clone()))
            .collect(),
        _ => return None,
    };
    let mut out = Vec::new();
    for (k, v) in pairs.into_iter().take(MAX_EXPANSION) {
        let obj = Node::new(
            b.span,
            NodeKind::Map(vec![
                (
                    Key {
                        text: "key".into(),
                        span: b.span,
                    },
                    k,
                ),
                (
                    Key {
                        text: "value".into(),
                        span: b.span,
                    },
                    v,
                ),
            ]),
        );
        ev.bind(&iterator, obj);
        out.push(body_node(ev, &content.body, content.span, None));
        ev.unbind(1);
    }
    Some(out)
}

/// `lifecycle { ignore_changes = [a, b] }` (`all` is `*`).
fn ignore_changes(body: &Body) -> Vec<String> {
    let Some(attr) = body
        .blocks_of("lifecycle")
        .find_map(|l| l.body.attr("ignore_changes"))
    else {
        return Vec::new();
    };
    let name = |e: &Expr| match &e.kind {
        ExprKind::Var(n) | ExprKind::Str(n) => Some(if n == "all" { "*".to_string() } else { n.clone() }),
        ExprKind::Traverse(root, _) => match &root.kind {
            ExprKind::Var(n) => Some(n.clone()),
            _ => None,
        },
        ExprKind::Template(parts) => match parts.as_slice() {
            [Part::Lit(n)] => Some(n.clone()),
            _ => None,
        },
        _ => None,
    };
    match &attr.expr.kind {
        ExprKind::Tuple(items) => items.iter().filter_map(name).collect(),
        _ => name(&attr.expr).into_iter().collect(),
    }
}

/// The variables of one module instance: defaults, overridden by the module call's arguments (a called
/// module) or by the `.tfvars` files beside the root: `terraform.tfvars`, then `*.auto.tfvars` in name
/// order, as Terraform loads them automatically; then other `.tfvars` files, which Terraform reads only
/// with `-var-file`: one such file is taken to be the one in use; with several (one per environment), a
/// variable they set alike has that value and one they set differently is unknown.
fn variables(
    configs: &[&TfFile],
    files: &[&TfFile],
    inputs: Option<HashMap<String, Node>>,
) -> HashMap<String, VarValue> {
    let empty = Scope::default();
    let mut ev = Eval::new(&empty);
    let mut vars = HashMap::new();
    for f in configs {
        for b in f.body.blocks_of("variable") {
            let Some(name) = b.labels.first() else { continue };
            let value = match b.body.attr("default") {
                Some(d) => {
                    let v = ev.eval(&d.expr);
                    match v.kind {
                        NodeKind::Null => VarValue::Unset(format!("var.{name} (its default is null)")),
                        _ => VarValue::Known(v),
                    }
                }
                None => VarValue::Unset(format!(
                    "var.{name} (a variable without a default, and no .tfvars value)"
                )),
            };
            vars.insert(name.clone(), value);
        }
    }
    if let Some(inputs) = inputs {
        for (k, v) in inputs {
            vars.insert(k, VarValue::Known(v));
        }
        return vars;
    }
    let mut auto: Vec<&TfFile> = files
        .iter()
        .copied()
        .filter(|f| f.vars && is_auto_vars(&f.base))
        .collect();
    auto.sort_by_key(|f| (!f.base.starts_with("terraform.tfvars"), f.base.clone()));
    for f in auto {
        for a in &f.body.attrs {
            vars.insert(a.name.clone(), VarValue::Known(ev.eval(&a.expr)));
        }
    }
    let others: Vec<&TfFile> = files
        .iter()
        .copied()
        .filter(|f| f.vars && !is_auto_vars(&f.base))
        .collect();
    let mut set: BTreeMap<&str, Vec<(Node, &str)>> = BTreeMap::new();
    for f in &others {
        for a in &f.body.attrs {
            set.entry(a.name.as_str())
                .or_default()
                .push((ev.eval(&a.expr), f.base.as_str()));
        }
    }
    for (name, values) in set {
        let alike = values.windows(2).all(|w| same_value(&w[0].0, &w[1].0));
        let value = if alike && (values.len() == others.len() || others.len() == 1) {
            VarValue::Known(values[0].0.clone())
        } else {
            let files: Vec<&str> = values.iter().map(|(_, f)| *f).collect();
            VarValue::Known(Node::new(
                values[0].0.span,
                NodeKind::Unknown(format!("var.{name} (differs between {})", files.join(", "))),
            ))
        };
        vars.insert(name.to_string(), value);
    }
    vars
}

fn is_auto_vars(base: &str) -> bool {
    let b = base.to_ascii_lowercase();
    b == "terraform.tfvars"
        || b == "terraform.tfvars.json"
        || b.ends_with(".auto.tfvars")
        || b.ends_with(".auto.tfvars.json")
}

/// Terraform's shapes to the model's: nested blocks Terraform (and a plan's JSON) keeps as lists of one
/// object are objects; a custom attribute of the pool's `schema` gets its `custom:` prefix (Terraform, like
/// CloudFormation, names it without); a domain's `certificate_arn` is its custom domain configuration; a
/// client's `client_secret` (computed, in a state) and `id` are what Cognito assigned.
pub fn to_model(ty: &str, props: Node) -> Node {
    let span = props.span;
    let NodeKind::Map(entries) = props.kind else {
        return props;
    };
    let single = |v: Node| match v.kind {
        NodeKind::Seq(mut items) if items.len() == 1 && items[0].is_map() => items.remove(0),
        NodeKind::Seq(items) if items.is_empty() => Node::new(v.span, NodeKind::Null),
        kind => Node::new(v.span, kind),
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        match (ty, k.text.as_str()) {
            (
                CLIENT | MANAGED_CLIENT,
                "token_validity_units" | "analytics_configuration" | "refresh_token_rotation",
            )
            | (POOL, "admin_create_user_config") => out.push((k, single(v))),
            (CLIENT | MANAGED_CLIENT, "client_secret") => {}
            (CLIENT | MANAGED_CLIENT, "id") => out.push((
                Key {
                    text: "client_id".into(),
                    span: k.span,
                },
                v,
            )),
            (POOL, "schema") => {
                let v = match v.kind {
                    NodeKind::Seq(items) => Node::new(
                        v.span,
                        NodeKind::Seq(items.into_iter().map(custom_prefixed).collect()),
                    ),
                    kind => Node::new(v.span, kind),
                };
                out.push((k, v));
            }
            (DOMAIN, "certificate_arn") => match &v.kind {
                NodeKind::Null => {}
                NodeKind::String(s) if s.is_empty() => {}
                _ => {
                    let inner = Node::new(v.span, NodeKind::Map(vec![(k.clone(), v)]));
                    out.push((
                        Key {
                            text: "custom_domain_config".into(),
                            span: k.span,
                        },
                        inner,
                    ));
                }
            },
            _ => out.push((k, v)),
        }
    }
    Node::new(span, NodeKind::Map(out))
}

fn custom_prefixed(attr: Node) -> Node {
    let span = attr.span;
    let NodeKind::Map(entries) = attr.kind else {
        return attr;
    };
    let entries = entries
        .into_iter()
        .map(|(k, v)| match (&k.text[..], &v.kind) {
            ("name", NodeKind::String(n))
                if !crate::ctx::STANDARD_ATTRIBUTES.contains(&n.as_str()) && !n.starts_with("custom:") =>
            {
                let n = format!("custom:{n}");
                (k, Node::new(v.span, NodeKind::String(n)))
            }
            _ => (k, v),
        })
        .collect();
    Node::new(span, NodeKind::Map(entries))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::de::{items, known_str};

    fn tf(files: &[(&str, &str)]) -> (Integration, Vec<DeError>) {
        let parsed: Vec<TfFile> = files
            .iter()
            .enumerate()
            .map(|(i, (name, text))| {
                let (json, vars) = terraform_name(name).unwrap();
                parse(FileId(i as u32), name, text, json, vars).unwrap()
            })
            .collect();
        let mut errors = Vec::new();
        let i = evaluate(&parsed, &mut errors);
        (i, errors)
    }

    const MAIN: &str = r#"
resource "aws_cognito_user_pool" "main" {
  name = "users-${var.stage}"
  schema {
    name                = "tenant"
    attribute_data_type = "String"
    mutable             = false
  }
}

resource "aws_cognito_identity_provider" "corp" {
  user_pool_id  = aws_cognito_user_pool.main.id
  provider_name = "Corp"
  provider_type = "OIDC"
  provider_details = {
    client_id        = "abc"
    authorize_scopes = "openid"
  }
  lifecycle {
    ignore_changes = [provider_details]
  }
}

resource "aws_cognito_resource_server" "api" {
  user_pool_id = aws_cognito_user_pool.main.id
  identifier   = "https://api.example.com"
  name         = "api"
  scope {
    scope_name        = "read"
    scope_description = "read"
  }
}

resource "aws_cognito_user_pool_client" "spa" {
  name                         = "web"
  user_pool_id                 = local.pool_id
  callback_urls                = [for p in ["cb"] : "${var.origin}/${p}"]
  logout_urls                  = var.logouts
  supported_identity_providers = [aws_cognito_identity_provider.corp.provider_name]
  allowed_oauth_scopes         = concat(["openid"], aws_cognito_resource_server.api.scope_identifiers)
  token_validity_units {
    access_token = "minutes"
  }
}

locals {
  pool_id = aws_cognito_user_pool.main.id
}
"#;

    const VARIABLES: &str = r#"
variable "stage" {
  default = "dev"
}
variable "origin" {
  type = string
}
variable "logouts" {}
"#;

    #[test]
    fn a_folder_is_one_configuration() {
        let (i, errors) = tf(&[
            ("infra/main.tf", MAIN),
            ("infra/variables.tf", VARIABLES),
            (
                "infra/terraform.tfvars",
                "origin = \"https://app.example.com\"\nstage = \"prod\"\n",
            ),
        ]);
        assert!(errors.is_empty(), "{errors:?}");
        let pool = i.user_pool.as_ref().unwrap().get().unwrap();
        assert_eq!(known_str(&pool.name), Some("users-prod"));
        assert_eq!(
            pool.pool_ref.as_deref(),
            Some("tf:infra:aws_cognito_user_pool.main")
        );
        assert_eq!(
            known_str(&items(&pool.schema_attributes)[0].get().unwrap().name),
            Some("custom:tenant")
        );
        let c = i.clients[0].get().unwrap();
        assert_eq!(known_str(&c.client_name), Some("web"));
        assert_eq!(c.pool_ref, pool.pool_ref, "through local.pool_id");
        let cb = &items(&c.callback_urls)[0];
        assert_eq!(cb.as_str(), Some("https://app.example.com/cb"));
        assert_eq!(
            cb.loc.pointer,
            "/resource/aws_cognito_user_pool_client/spa/callback_urls/0"
        );
        let scopes: Vec<_> = items(&c.allowed_oauth_scopes)
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(scopes, [Some("openid"), Some("https://api.example.com/read")]);
        let idps: Vec<_> = items(&c.supported_identity_providers)
            .iter()
            .map(|s| s.as_str())
            .collect();
        assert_eq!(idps, [Some("Corp")]);
        assert_eq!(
            crate::de::known(&c.token_validity_units).and_then(|u| known_str(&u.access_token)),
            Some("minutes")
        );
        assert!(c.logout_urls.as_ref().unwrap().is_unknown());
        let meta = c.terraform.as_ref().unwrap();
        assert_eq!(meta.unset_variables.len(), 1);
        assert_eq!(meta.unset_variables[0].0, "logout_urls");
        let idp = i.identity_providers[0].get().unwrap();
        assert!(idp.terraform.as_ref().unwrap().ignores("provider_details"));
        let rs = i.resource_servers[0].get().unwrap();
        assert_eq!(items(&rs.scopes).len(), 1);
    }

    #[test]
    fn count_and_for_each_expand_when_known_and_modules_are_followed() {
        let root = r#"
module "auth" {
  source  = "./modules/auth"
  origins = { dev = "http://localhost:3000", prod = "https://app.example.com" }
}
"#;
        let child = r#"
variable "origins" {}
resource "aws_cognito_user_pool" "p" {
  name = "p"
}
resource "aws_cognito_user_pool_client" "c" {
  for_each      = var.origins
  name          = "web-${each.key}"
  user_pool_id  = aws_cognito_user_pool.p.id
  callback_urls = ["${each.value}/cb"]
}
"#;
        let (i, errors) = tf(&[("main.tf", root), ("modules/auth/main.tf", child)]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<_> = i
            .clients
            .iter()
            .map(|c| known_str(&c.get().unwrap().client_name))
            .collect();
        assert_eq!(names, [Some("web-dev"), Some("web-prod")]);
        let c = i.clients[1].get().unwrap();
        assert_eq!(
            items(&c.callback_urls)[0].as_str(),
            Some("https://app.example.com/cb")
        );
        assert_eq!(
            c.pool_ref.as_deref(),
            Some("tf:/module.auth:aws_cognito_user_pool.p")
        );
        assert_eq!(
            c.terraform.as_ref().unwrap().address,
            "module.auth.aws_cognito_user_pool_client.c"
        );
        assert!(
            i.other_pools.is_empty(),
            "the called module is not also linted on its own"
        );
    }

    #[test]
    fn json_syntax_and_recognition() {
        let text = r#"{"resource": {"aws_cognito_user_pool_client": {"spa": {"name": "web", "callback_urls": ["https://a/cb"]}}}}"#;
        let (i, errors) = tf(&[("main.tf.json", text)]);
        assert!(errors.is_empty());
        let c = i.clients[0].get().unwrap();
        assert_eq!(
            items(&c.callback_urls)[0].loc.pointer,
            "/resource/aws_cognito_user_pool_client/spa/callback_urls/0"
        );
        assert!(looks_like_tf_json(&crate::parse::parse_json(text).unwrap()));
        assert!(looks_like_hcl_config(
            "# x\nresource \"aws_cognito_user_pool\" \"p\" {}\n"
        ));
        assert!(!looks_like_hcl_config("Resources:\n  A: 1\n"));
        assert_eq!(join_dir("a/b", "../c"), Some("a/c".into()));
        assert_eq!(join_dir("", "../c"), None);
    }
}
