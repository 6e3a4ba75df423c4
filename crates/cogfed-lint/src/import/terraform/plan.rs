//! `terraform show -json` output: a plan (`planned_values`, `resource_changes`, `configuration`) or a state
//! (`values`), with child modules. Values are what the provider sends to Cognito, in the provider's own
//! shapes (nested blocks as lists); a plan leaves out what is known only after apply, which
//! `after_unknown` lists: those values are unknown here, never absent.
//!
//! Pools join their resources by id (a state, or resources a plan only updates) or, for a plan that creates
//! them, by the references the plan's `configuration` records for `user_pool_id`. A plan that replaces an
//! app client records why (`replace_paths`): rule `client-replaced`.

use super::to_model;
use crate::de::{DeError, Loc, Located, Mode, from_node_recovering};
use crate::model::{
    AppClient, Domain, IdentityProvider, Integration, Listed, ResourceServer, TerraformResource,
    TerraformSource, UserPool,
};
use crate::node::{Key, Node, NodeKind, join_pointer};
use crate::source::FileId;
use std::collections::HashMap;

/// Whether a JSON document is `terraform show -json` output.
pub fn is_plan_or_state(root: &Node) -> bool {
    root.get("format_version").is_some()
        && (root.get("planned_values").is_some()
            || root.get("resource_changes").is_some()
            || root.get("values").and_then(|v| v.get("root_module")).is_some())
}

/// Whether it is a plan (not a state).
pub fn is_plan(root: &Node) -> bool {
    root.get("planned_values").is_some() || root.get("resource_changes").is_some()
}

/// Arguments whose change replaces an app client (cognito-facts §4, §7.7: ForceNew).
pub const CLIENT_FORCE_NEW: &[&str] = &["generate_secret", "user_pool_id"];

struct Change<'a> {
    index: usize,
    node: &'a Node,
}

/// Reads a plan or a state.
pub fn import(file: FileId, root: &Node, errors: &mut Vec<DeError>) -> Result<Integration, DeError> {
    let plan = is_plan(root);
    let source = if plan {
        TerraformSource::Plan
    } else {
        TerraformSource::State
    };
    let (tree, tree_pointer) = match root.get("planned_values") {
        Some(p) => (p.get("root_module"), "/planned_values/root_module".to_string()),
        None => (
            root.get("values").and_then(|v| v.get("root_module")),
            "/values/root_module".to_string(),
        ),
    };
    let mut changes: HashMap<&str, Change> = HashMap::new();
    for (index, rc) in root
        .get("resource_changes")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        if let Some(address) = rc.get("address").and_then(Node::as_str) {
            changes.insert(address, Change { index, node: rc });
        }
    }
    let mut pool_refs = HashMap::new();
    if let Some(config) = root.get("configuration").and_then(|c| c.get("root_module")) {
        config_pool_refs(config, "", &mut pool_refs);
    }
    let mut out = Integration::default();
    let importer = Importer {
        file,
        source,
        changes,
        pool_refs,
    };
    if let Some(tree) = tree {
        importer.module(tree, &tree_pointer, &mut out, errors, 0);
    }
    Ok(out)
}

/// `user_pool_id` references of the configuration: resource address (no index) -> the pool's address.
fn config_pool_refs(module: &Node, prefix: &str, out: &mut HashMap<String, String>) {
    for r in module.get("resources").map(Node::items).unwrap_or(&[]) {
        let Some(address) = r.get("address").and_then(Node::as_str) else {
            continue;
        };
        let refs = r
            .get("expressions")
            .and_then(|e| e.get("user_pool_id"))
            .and_then(|u| u.get("references"))
            .map(Node::items)
            .unwrap_or(&[]);
        let pool = refs.iter().filter_map(Node::as_str).find_map(|r| {
            let r = r.strip_suffix(".id").unwrap_or(r);
            let is_pool = r
                .strip_prefix("aws_cognito_user_pool.")
                .is_some_and(|n| !n.contains('.'))
                || r.strip_prefix("data.aws_cognito_user_pool.")
                    .is_some_and(|n| !n.contains('.'));
            is_pool.then(|| format!("{prefix}{r}"))
        });
        if let Some(pool) = pool {
            out.insert(format!("{prefix}{address}"), pool);
        }
    }
    for (name, call) in module.get("module_calls").map(Node::entries).unwrap_or(&[]) {
        if let Some(child) = call.get("module") {
            config_pool_refs(child, &format!("{prefix}module.{}.", name.text), out);
        }
    }
}

struct Importer<'a> {
    file: FileId,
    source: TerraformSource,
    changes: HashMap<&'a str, Change<'a>>,
    pool_refs: HashMap<String, String>,
}

/// `aws_x.y[0]`, `aws_x.y["k"]` -> `aws_x.y`.
fn without_index(address: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Marks what `after_unknown` says is known only after apply.
fn mark_unknown(values: Node, unknown: &Node) -> Node {
    match (&unknown.kind, values.kind) {
        (NodeKind::Bool(true), _) => Node::new(values.span, NodeKind::Unknown("known after apply".into())),
        (NodeKind::Map(u), NodeKind::Map(mut entries)) => {
            for (k, flag) in u {
                match entries.iter_mut().find(|(e, _)| e.text == k.text) {
                    Some((_, v)) => {
                        let old = std::mem::replace(v, Node::new(v.span, NodeKind::Null));
                        *v = mark_unknown(old, flag);
                    }
                    None if flag.kind == NodeKind::Bool(true) => entries.push((
                        Key {
                            text: k.text.clone(),
                            span: values.span,
                        },
                        Node::new(values.span, NodeKind::Unknown("known after apply".into())),
                    )),
                    None => {}
                }
            }
            Node::new(values.span, NodeKind::Map(entries))
        }
        (NodeKind::Seq(u), NodeKind::Seq(items)) => Node::new(
            values.span,
            NodeKind::Seq(
                items
                    .into_iter()
                    .enumerate()
                    .map(|(i, item)| match u.get(i) {
                        Some(flag) => mark_unknown(item, flag),
                        None => item,
                    })
                    .collect(),
            ),
        ),
        (_, kind) => Node::new(values.span, kind),
    }
}

impl Importer<'_> {
    fn module(
        &self,
        module: &Node,
        pointer: &str,
        out: &mut Integration,
        errors: &mut Vec<DeError>,
        depth: usize,
    ) {
        if depth > crate::parse::MAX_DEPTH {
            return;
        }
        for (i, r) in module
            .get("resources")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            self.resource(
                r,
                &join_pointer(&join_pointer(pointer, "resources"), &i.to_string()),
                out,
                errors,
            );
        }
        for (i, child) in module
            .get("child_modules")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let p = join_pointer(&join_pointer(pointer, "child_modules"), &i.to_string());
            self.module(child, &p, out, errors, depth + 1);
        }
    }

    fn pool_key(&self, address: &str) -> String {
        format!("plan{}:{address}", self.file.0)
    }

    fn resource(&self, r: &Node, pointer: &str, out: &mut Integration, errors: &mut Vec<DeError>) {
        let (Some(ty), Some(address), Some(values)) = (
            r.get("type").and_then(Node::as_str),
            r.get("address").and_then(Node::as_str),
            r.get("values"),
        ) else {
            return;
        };
        let data = r.get("mode").and_then(Node::as_str) == Some("data");
        let change = self.changes.get(address);
        let mut values = values.clone();
        if let Some(c) = change
            && let Some(u) = c.node.get("change").and_then(|c| c.get("after_unknown"))
        {
            values = mark_unknown(values, u);
        }
        let file = self.file;
        let vpointer = join_pointer(pointer, "values");
        let loc = Loc::new(file, vpointer.clone(), values.span);
        let base = without_index(address);
        let pool_ref = self.pool_refs.get(&base).map(|p| self.pool_key(p));
        let meta = || TerraformResource {
            address: address.to_string(),
            source: self.source,
            ignore_changes: Vec::new(),
            at: loc.clone(),
            unset_variables: Vec::new(),
            replaced_by: change.map(|c| self.replaced_by(c)).unwrap_or_default(),
        };
        if data {
            if ty != super::POOL {
                return;
            }
            let entries: Vec<(Key, Node)> = values
                .entries()
                .iter()
                .filter(|(k, _)| k.text != "id")
                .map(|(k, v)| match k.text.as_str() {
                    "user_pool_id" => (
                        Key {
                            text: "id".into(),
                            span: k.span,
                        },
                        v.clone(),
                    ),
                    _ => (k.clone(), v.clone()),
                })
                .collect();
            let props = Node::new(values.span, NodeKind::Map(entries));
            if let Ok(mut pool) = from_node_recovering::<UserPool>(&props, file, &vpointer, Mode::Aws, errors)
            {
                pool.pool_ref = Some(self.pool_key(&base));
                super::push_pool(out, Located::known(loc, pool));
            }
            return;
        }
        let props = to_model(ty, values);
        match ty {
            super::POOL => {
                if let Ok(mut pool) =
                    from_node_recovering::<UserPool>(&props, file, &vpointer, Mode::Aws, errors)
                {
                    pool.pool_ref = Some(self.pool_key(&base));
                    pool.listed = Listed::ALL;
                    super::push_pool(out, Located::known(loc, pool));
                }
            }
            super::CLIENT | super::MANAGED_CLIENT => {
                if let Ok(mut c) =
                    from_node_recovering::<AppClient>(&props, file, &vpointer, Mode::Aws, errors)
                {
                    c.pool_ref = pool_ref;
                    c.terraform = Some(meta());
                    out.clients.push(Located::known(loc, c));
                }
            }
            super::IDP => {
                if let Ok(mut p) =
                    from_node_recovering::<IdentityProvider>(&props, file, &vpointer, Mode::Aws, errors)
                {
                    p.pool_ref = pool_ref;
                    p.terraform = Some(meta());
                    out.identity_providers.push(Located::known(loc, p));
                }
            }
            super::DOMAIN => {
                if let Ok(mut d) = from_node_recovering::<Domain>(&props, file, &vpointer, Mode::Aws, errors)
                {
                    d.pool_ref = pool_ref;
                    out.domains.push(Located::known(loc, d));
                }
            }
            super::RESOURCE_SERVER => {
                if let Ok(mut rs) =
                    from_node_recovering::<ResourceServer>(&props, file, &vpointer, Mode::Aws, errors)
                {
                    rs.pool_ref = pool_ref;
                    out.resource_servers.push(Located::known(loc, rs));
                }
            }
            _ => {}
        }
    }

    /// The arguments whose change makes the plan replace the resource (`replace_paths`, or for a plan
    /// without them, the ForceNew arguments that differ between `before` and `after`), each located at its
    /// planned value.
    fn replaced_by(&self, c: &Change) -> Vec<(String, Loc)> {
        let Some(change) = c.node.get("change") else {
            return Vec::new();
        };
        let actions: Vec<&str> = change
            .get("actions")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::as_str)
            .collect();
        if !(actions.contains(&"delete") && actions.contains(&"create")) {
            return Vec::new();
        }
        let cp = join_pointer(
            &join_pointer(&join_pointer("/resource_changes", &c.index.to_string()), "change"),
            "after",
        );
        let after = change.get("after");
        let at = |attr: &str| {
            let span = after.and_then(|a| a.get(attr)).map_or(change.span, |v| v.span);
            Loc::new(self.file, join_pointer(&cp, attr), span)
        };
        let mut out: Vec<(String, Loc)> = Vec::new();
        match change.get("replace_paths") {
            Some(paths) => {
                for p in paths.items() {
                    if let Some(attr) = p.items().first().and_then(Node::as_str)
                        && !out.iter().any(|(a, _)| a == attr)
                    {
                        out.push((attr.to_string(), at(attr)));
                    }
                }
            }
            None => {
                let before = change.get("before");
                for attr in CLIENT_FORCE_NEW {
                    let (b, a) = (before.and_then(|b| b.get(attr)), after.and_then(|a| a.get(attr)));
                    if let (Some(b), Some(a)) = (b, a)
                        && !super::eval::same_value(a, b)
                    {
                        out.push((attr.to_string(), at(attr)));
                    }
                }
            }
        }
        out
    }
}
