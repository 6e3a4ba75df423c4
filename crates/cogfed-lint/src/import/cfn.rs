//! CloudFormation templates (JSON or YAML; short-form `!Ref`/`!Sub`/... and long-form `Ref`/`Fn::*`).
//!
//! Before deserialising a Cognito resource's `Properties` we resolve what can be known statically:
//! - `Ref` to a parameter: its `Default` (a parameter without one is unknown);
//! - `Ref` to a pseudo parameter: unknown (`AWS::Region` is not in the template), `AWS::NoValue` removes the key;
//! - `Ref` to a resource: what CloudFormation returns for it when that is written in the template
//!   (identity provider -> `ProviderName`, resource server -> `Identifier`, domain -> `Domain`); otherwise
//!   unknown (a pool id or client id exists only after deployment);
//! - `Fn::Sub` / `Fn::Join` when every part is known.
//!
//! Everything else (`!GetAtt`, `!If`, `!Select`, `!ImportValue`, ...) stays as it is and deserialises to
//! [`crate::de::Resolved::Unknown`], never an error (issue 3).
//! Property names: cognito-facts §7.6.

use crate::de::{DeError, Loc, Located, Mode, from_node_recovering, is_intrinsic};
use crate::model::{AppClient, Domain, IdentityProvider, Integration, ResourceServer, UserPool};
use crate::node::{Key, Node, NodeKind, join_pointer};
use crate::source::FileId;
use std::collections::HashMap;

const POOL: &str = "AWS::Cognito::UserPool";
const CLIENT: &str = "AWS::Cognito::UserPoolClient";
const IDP: &str = "AWS::Cognito::UserPoolIdentityProvider";
const DOMAIN: &str = "AWS::Cognito::UserPoolDomain";
const RESOURCE_SERVER: &str = "AWS::Cognito::UserPoolResourceServer";

use crate::ctx::STANDARD_ATTRIBUTES;

/// Top-level sections of a template besides `Resources` (CloudFormation template anatomy).
const TEMPLATE_SECTIONS: &[&str] = &[
    "AWSTemplateFormatVersion",
    "Description",
    "Metadata",
    "Parameters",
    "Rules",
    "Mappings",
    "Conditions",
    "Transform",
    "Outputs",
];

/// Whether `root` looks like a template (a template without Cognito resources is valid input that yields
/// nothing): a `Resources` map whose entries all have a `Type`, with at least one `Vendor::Service::Resource`
/// type or, failing that, another template section beside it (cfn-lint's `Resources: {}` with `Parameters`,
/// `Type: LocalModule` entries of a template that uses local modules); or, under a `Transform`, any
/// `Resources` a macro will rewrite (a list, for the ShortHand example macro).
pub fn looks_like_template(root: &Node) -> bool {
    let Some(resources) = root.get("Resources") else {
        return false;
    };
    let other_section = root
        .entries()
        .iter()
        .any(|(k, _)| TEMPLATE_SECTIONS.contains(&k.text.as_str()));
    if !resources.is_map() {
        return root.get("Transform").is_some();
    }
    let entries = resources.entries();
    let typed = entries.iter().all(|(_, res)| res.get("Type").is_some());
    let aws_type = entries.iter().any(|(_, res)| {
        res.get("Type")
            .and_then(Node::as_str)
            .is_some_and(|t| t.contains("::"))
    });
    typed && (aws_type || other_section)
}

struct Template<'a> {
    parameters: HashMap<&'a str, &'a Node>,
    resources: HashMap<&'a str, (&'a str, Option<&'a Node>)>,
}

/// Reads a template.
pub fn import(file: FileId, root: &Node, errors: &mut Vec<DeError>) -> Result<Integration, DeError> {
    let mut t = Template {
        parameters: HashMap::new(),
        resources: HashMap::new(),
    };
    if let Some(params) = root.get("Parameters") {
        for (k, v) in params.entries() {
            t.parameters.insert(k.text.as_str(), v);
        }
    }
    let resources = root.get("Resources").map(Node::entries).unwrap_or(&[]);
    for (k, v) in resources {
        let ty = v.get("Type").and_then(Node::as_str).unwrap_or("");
        t.resources.insert(k.text.as_str(), (ty, v.get("Properties")));
    }
    let mut out = Integration::default();
    for (key, res) in resources {
        let Some(ty) = res.get("Type").and_then(Node::as_str) else {
            continue;
        };
        if !ty.starts_with("AWS::Cognito::") {
            continue;
        }
        let base = join_pointer(&join_pointer("", "Resources"), &key.text);
        let (props, pointer) = match res.get("Properties") {
            Some(p) => (t.resolve(p, 0), join_pointer(&base, "Properties")),
            // No Properties at all: an empty map located at the resource.
            None => (Node::new(res.span, NodeKind::Map(Vec::new())), base.clone()),
        };
        let loc = Loc::new(file, pointer.clone(), props.span);
        // The pool a resource belongs to, when its UserPoolId refers to a pool resource of this template.
        let pool_ref = res
            .get("Properties")
            .and_then(|p| p.get("UserPoolId"))
            .and_then(|id| t.pool_resource(id))
            .map(|logical| pool_key(file, logical));
        match ty {
            POOL => {
                let props = pool_properties(props);
                let mut pool: UserPool = from_node_recovering(&props, file, &pointer, Mode::Aws, errors)?;
                pool.pool_ref = Some(pool_key(file, &key.text));
                // A template that defines the pool defines its resource servers and providers too (those of
                // other stacks refer to it by an export, and then are not linted against it).
                pool.listed = crate::model::Listed::ALL;
                let pool = Located::known(loc, pool);
                match out.user_pool {
                    None => out.user_pool = Some(pool),
                    Some(_) => out.other_pools.push(pool),
                }
            }
            CLIENT => {
                let mut client: AppClient = from_node_recovering(&props, file, &pointer, Mode::Aws, errors)?;
                client.pool_ref = pool_ref;
                out.clients.push(Located::known(loc, client));
            }
            IDP => {
                let mut idp: IdentityProvider =
                    from_node_recovering(&props, file, &pointer, Mode::Aws, errors)?;
                idp.pool_ref = pool_ref;
                out.identity_providers.push(Located::known(loc, idp));
            }
            DOMAIN => {
                let mut domain: Domain = from_node_recovering(&props, file, &pointer, Mode::Aws, errors)?;
                domain.pool_ref = pool_ref;
                out.domains.push(Located::known(loc, domain));
            }
            RESOURCE_SERVER => {
                let mut rs: ResourceServer = from_node_recovering(&props, file, &pointer, Mode::Aws, errors)?;
                rs.pool_ref = pool_ref;
                out.resource_servers.push(Located::known(loc, rs));
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The key of pool resource `logical` of template `file` (see [`UserPool::pool_ref`]).
fn pool_key(file: FileId, logical: &str) -> String {
    format!("{}:{logical}", file.0)
}

/// `UserPoolName` -> `Name`, `Schema` -> `SchemaAttributes` with `custom:` on custom attribute names.
fn pool_properties(props: Node) -> Node {
    let span = props.span;
    let NodeKind::Map(entries) = props.kind else {
        return props;
    };
    let entries = entries
        .into_iter()
        .map(|(k, v)| match k.text.as_str() {
            "UserPoolName" => (
                Key {
                    text: "Name".into(),
                    span: k.span,
                },
                v,
            ),
            "Schema" => {
                let v = match v.kind {
                    NodeKind::Seq(items) => Node::new(
                        v.span,
                        NodeKind::Seq(items.into_iter().map(custom_prefixed).collect()),
                    ),
                    other => Node::new(v.span, other),
                };
                (
                    Key {
                        text: "SchemaAttributes".into(),
                        span: k.span,
                    },
                    v,
                )
            }
            _ => (k, v),
        })
        .collect();
    Node::new(span, NodeKind::Map(entries))
}

fn custom_prefixed(attr: Node) -> Node {
    let span = attr.span;
    let NodeKind::Map(entries) = attr.kind else {
        return attr;
    };
    let entries = entries
        .into_iter()
        .map(|(k, v)| match (&k.text[..], &v.kind) {
            ("Name", NodeKind::String(n))
                if !STANDARD_ATTRIBUTES.contains(&n.as_str()) && !n.starts_with("custom:") =>
            {
                let n = format!("custom:{n}");
                (k, Node::new(v.span, NodeKind::String(n)))
            }
            _ => (k, v),
        })
        .collect();
    Node::new(span, NodeKind::Map(entries))
}

/// An intrinsic call, short or long form: (function name without `Fn::`, argument).
fn intrinsic(node: &Node) -> Option<(&str, &Node)> {
    match &node.kind {
        NodeKind::Tagged(tag, arg) => Some((tag.as_str(), arg)),
        NodeKind::Map(entries) if is_intrinsic(entries) => {
            let (k, v) = entries.first()?;
            Some((k.text.strip_prefix("Fn::").unwrap_or(&k.text), v))
        }
        _ => None,
    }
}

/// Marker for `Ref: AWS::NoValue` (the property is removed).
const NO_VALUE: &str = "\u{0}AWS::NoValue";

impl Template<'_> {
    /// The logical id of the pool resource a `UserPoolId` value refers to: `!Ref Pool` or
    /// `!GetAtt Pool.UserPoolId` (long forms too), when `Pool` is an `AWS::Cognito::UserPool` here.
    fn pool_resource<'n>(&self, value: &'n Node) -> Option<&'n str> {
        let (func, arg) = intrinsic(value)?;
        let name = match func {
            "Ref" => arg.as_str()?,
            "GetAtt" => match &arg.kind {
                NodeKind::String(s) => s.split('.').next()?,
                NodeKind::Seq(items) => items.first()?.as_str()?,
                _ => return None,
            },
            _ => return None,
        };
        matches!(self.resources.get(name), Some((ty, _)) if *ty == POOL).then_some(name)
    }

    /// A copy of `node` with resolvable intrinsics replaced (spans kept at the use site).
    fn resolve(&self, node: &Node, depth: usize) -> Node {
        if depth > crate::parse::MAX_DEPTH {
            return Node::new(node.span, NodeKind::Unknown(node.describe()));
        }
        if let Some((func, arg)) = intrinsic(node) {
            return match func {
                "Ref" => self.reference(node, arg, depth),
                "Sub" => self.sub(node, arg, depth),
                "Join" => self.join(node, arg, depth),
                "Split" => self.split(node, arg, depth),
                "Select" => self.select(node, arg, depth),
                _ => node.clone(),
            };
        }
        match &node.kind {
            NodeKind::Seq(items) => Node::new(
                node.span,
                NodeKind::Seq(
                    items
                        .iter()
                        .map(|i| self.resolve(i, depth + 1))
                        .filter(|n| !matches!(&n.kind, NodeKind::Unknown(w) if w == NO_VALUE))
                        .collect(),
                ),
            ),
            NodeKind::Map(entries) => Node::new(
                node.span,
                NodeKind::Map(
                    entries
                        .iter()
                        .map(|(k, v)| (k.clone(), self.resolve(v, depth + 1)))
                        .filter(|(_, v)| !matches!(&v.kind, NodeKind::Unknown(w) if w == NO_VALUE))
                        .collect(),
                ),
            ),
            _ => node.clone(),
        }
    }

    fn reference(&self, site: &Node, arg: &Node, depth: usize) -> Node {
        let unknown = |why: String| Node::new(site.span, NodeKind::Unknown(why));
        let Some(name) = arg.as_str() else {
            return unknown(site.describe());
        };
        if name == "AWS::NoValue" {
            return unknown(NO_VALUE.to_string());
        }
        if name.starts_with("AWS::") {
            return unknown(format!("!Ref {name} (known only at deployment)"));
        }
        if let Some(param) = self.parameters.get(name) {
            let is_list = param
                .get("Type")
                .and_then(Node::as_str)
                .is_some_and(|t| t == "CommaDelimitedList" || t.starts_with("List<"));
            return match param.get("Default") {
                Some(default) if !matches!(default.kind, NodeKind::Seq(_) | NodeKind::Map(_)) => {
                    let resolved = self.resolve(default, depth + 1);
                    match (is_list, resolved.kind) {
                        // A list parameter's default is one comma-separated string; `Ref` returns the list.
                        (true, NodeKind::String(csv)) => Node::new(
                            site.span,
                            NodeKind::Seq(
                                csv.split(',')
                                    .map(|p| Node::new(site.span, NodeKind::String(p.trim().to_string())))
                                    .collect(),
                            ),
                        ),
                        (_, kind) => Node::new(site.span, kind),
                    }
                }
                _ => unknown(format!("!Ref {name} (parameter without a default)")),
            };
        }
        if let Some((ty, props)) = self.resources.get(name) {
            let returned = match *ty {
                IDP => "ProviderName",
                RESOURCE_SERVER => "Identifier",
                DOMAIN => "Domain",
                _ => "",
            };
            if let Some(value) = props.and_then(|p| p.get(returned)) {
                let resolved = self.resolve(value, depth + 1);
                if let NodeKind::String(_) = resolved.kind {
                    return Node::new(site.span, resolved.kind);
                }
            }
            return unknown(format!("!Ref {name} ({ty})"));
        }
        unknown(format!("!Ref {name} (not defined in this template)"))
    }

    /// The known string a `${Name}` in `!Sub` stands for.
    fn sub_variable(&self, name: &str, vars: Option<&Node>, site: &Node, depth: usize) -> Option<String> {
        if let Some(v) = vars.and_then(|v| v.get(name)) {
            return self.resolve(v, depth + 1).as_str().map(str::to_string);
        }
        if name.contains('.') {
            return None; // ${Resource.Attribute} is a GetAtt.
        }
        let arg = Node::new(site.span, NodeKind::String(name.to_string()));
        self.reference(site, &arg, depth + 1).as_str().map(str::to_string)
    }

    fn sub(&self, site: &Node, arg: &Node, depth: usize) -> Node {
        let (template, vars) = match &arg.kind {
            NodeKind::String(s) => (s.as_str(), None),
            NodeKind::Seq(items) => match items.as_slice() {
                [t, v] if t.as_str().is_some() => (t.as_str().unwrap_or(""), Some(v)),
                _ => return site.clone(),
            },
            _ => return site.clone(),
        };
        let mut out = String::new();
        let mut rest = template;
        while let Some(i) = rest.find("${") {
            out.push_str(&rest[..i]);
            let after = &rest[i + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[i..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            } else {
                match self.sub_variable(name.trim(), vars, site, depth) {
                    Some(v) => out.push_str(&v),
                    None => return Node::new(site.span, NodeKind::Unknown(site.describe())),
                }
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Node::new(site.span, NodeKind::String(out))
    }

    /// `!Split [sep, string]` of a known string: a list (each item at the call site).
    fn split(&self, site: &Node, arg: &Node, depth: usize) -> Node {
        let [sep, value] = arg.items() else {
            return site.clone();
        };
        let (Some(sep), NodeKind::String(value)) = (sep.as_str(), self.resolve(value, depth + 1).kind) else {
            return site.clone();
        };
        if sep.is_empty() {
            return site.clone();
        }
        Node::new(
            site.span,
            NodeKind::Seq(
                value
                    .split(sep)
                    .map(|p| Node::new(site.span, NodeKind::String(p.to_string())))
                    .collect(),
            ),
        )
    }

    /// `!Select [index, list]` of a known list.
    fn select(&self, site: &Node, arg: &Node, depth: usize) -> Node {
        let [index, list] = arg.items() else {
            return site.clone();
        };
        let index = match &self.resolve(index, depth + 1).kind {
            NodeKind::Number(n) | NodeKind::String(n) => n.parse::<usize>().ok(),
            _ => None,
        };
        match (index, self.resolve(list, depth + 1).kind) {
            (Some(i), NodeKind::Seq(items)) => match items.into_iter().nth(i) {
                Some(item) if crate::de::unknown_reason(&item, crate::de::Mode::Aws).is_none() => {
                    Node::new(site.span, item.kind)
                }
                _ => Node::new(site.span, NodeKind::Unknown(site.describe())),
            },
            _ => site.clone(),
        }
    }

    fn join(&self, site: &Node, arg: &Node, depth: usize) -> Node {
        let [sep, parts] = arg.items() else {
            return site.clone();
        };
        let Some(sep) = sep.as_str() else {
            return site.clone();
        };
        let mut strings = Vec::new();
        for part in parts.items() {
            match self.resolve(part, depth + 1).kind {
                NodeKind::String(s) => strings.push(s),
                NodeKind::Number(n) => strings.push(n),
                _ => return Node::new(site.span, NodeKind::Unknown(site.describe())),
            }
        }
        if !matches!(parts.kind, NodeKind::Seq(_)) {
            return site.clone();
        }
        Node::new(site.span, NodeKind::String(strings.join(sep)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::de::{items, known_str};
    use crate::parse::parse_yaml;

    const TEMPLATE: &str = r#"
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage: {Type: String, Default: prod}
  NoDefault: {Type: String}
  Logouts: {Type: CommaDelimitedList, Default: "https://a/, https://b/"}
Resources:
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: !Sub "users-${Stage}"
      Schema:
        - {Name: email, Required: true, Mutable: true}
        - {Name: tenant, AttributeDataType: String, Mutable: false}
  Corp:
    Type: AWS::Cognito::UserPoolIdentityProvider
    Properties:
      UserPoolId: !Ref Pool
      ProviderName: CorpOIDC
      ProviderType: OIDC
      ProviderDetails: {client_id: abc, oidc_issuer: !Sub "https://idp.${AWS::Region}.example.com"}
      IdpIdentifiers: !Ref AWS::NoValue
  Api:
    Type: AWS::Cognito::UserPoolResourceServer
    Properties: {UserPoolId: !Ref Pool, Identifier: https://api.example.com, Name: api}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: !Join ["-", [web, !Ref Stage]]
      SupportedIdentityProviders: [!Ref Corp, COGNITO]
      AllowedOAuthScopes: [openid, !Sub "${Api}/read", {"Fn::Sub": "${NoDefault}/x"}]
      CallbackURLs: [!GetAtt Pool.ProviderURL, "https://app/cb"]
      GenerateSecret: "false"
      LogoutURLs: !Ref Logouts
      ExplicitAuthFlows: !Split [",", "ALLOW_USER_SRP_AUTH,ALLOW_REFRESH_TOKEN_AUTH"]
      DefaultRedirectURI: !Select [1, !Ref Logouts]
"#;

    #[test]
    fn resolves_what_is_static_and_marks_the_rest_unknown() {
        let root = parse_yaml(TEMPLATE).unwrap();
        let mut errors = Vec::new();
        let i = import(FileId(0), &root, &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let pool = i.user_pool.unwrap();
        let pool = pool.get().unwrap();
        assert_eq!(known_str(&pool.name), Some("users-prod"));
        let attrs = items(&pool.schema_attributes);
        assert_eq!(known_str(&attrs[1].get().unwrap().name), Some("custom:tenant"));
        assert_eq!(known_str(&attrs[0].get().unwrap().name), Some("email"));

        let client = i.clients[0].get().unwrap();
        assert_eq!(known_str(&client.client_name), Some("web-prod"));
        let idps: Vec<_> = items(&client.supported_identity_providers)
            .iter()
            .map(|l| l.as_str())
            .collect();
        assert_eq!(idps, [Some("CorpOIDC"), Some("COGNITO")]);
        let scopes = items(&client.allowed_oauth_scopes);
        assert_eq!(scopes[1].as_str(), Some("https://api.example.com/read"));
        assert!(scopes[2].is_unknown());
        assert!(items(&client.callback_urls)[0].is_unknown());
        let logouts: Vec<_> = items(&client.logout_urls).iter().map(|l| l.as_str()).collect();
        assert_eq!(logouts, [Some("https://a/"), Some("https://b/")]);
        assert_eq!(items(&client.explicit_auth_flows).len(), 2);
        assert_eq!(known_str(&client.default_redirect_uri), Some("https://b/"));
        assert!(client.user_pool_id.as_ref().unwrap().is_unknown());
        assert_eq!(
            client.generate_secret.as_ref().and_then(|l| l.get()),
            Some(&false)
        );
        assert_eq!(i.clients[0].loc.pointer, "/Resources/Client/Properties");

        let idp = i.identity_providers[0].get().unwrap();
        let details = idp.provider_details.as_ref().unwrap().get().unwrap();
        assert!(details.get("oidc_issuer").unwrap().is_unknown());
        assert!(idp.idp_identifiers.is_none(), "AWS::NoValue removes the property");
        assert_eq!(details.get("client_id").unwrap().as_str(), Some("abc"));
    }
}
