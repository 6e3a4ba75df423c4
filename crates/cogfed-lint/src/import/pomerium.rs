//! Pomerium configs that use Cognito as their IdP (seed guide "Cognito -> Pomerium"): `config.yaml`, the
//! `IDP_*` environment form, and a Kubernetes ConfigMap whose `data."config.yaml"` holds the config (parsed
//! as YAML with positions mapped back into the outer file).

use super::build;
use crate::de::{DeError, Loc, Located};
use crate::model::{Integration, RelyingParty, RelyingPartyKind};
use crate::node::{Key, Node, NodeKind, join_pointer};
use crate::parse::parse_yaml;
use crate::source::{FileId, Span};

/// A Kubernetes ConfigMap holding a Pomerium config.
pub fn is_config_map(node: &Node) -> bool {
    node.get("kind").and_then(Node::as_str) == Some("ConfigMap") && embedded_config(node).is_some()
}

fn embedded_config(node: &Node) -> Option<(&Key, &Node)> {
    node.get("data")?
        .entries()
        .iter()
        .find(|(k, v)| {
            (k.text.ends_with(".yaml") || k.text.ends_with(".yml"))
                && v.as_str().is_some_and(|s| s.contains("idp_"))
        })
        .map(|(k, v)| (k, v))
}

/// Reads a Pomerium config (plain, env or ConfigMap).
pub fn import(file: FileId, text: &str, node: &Node) -> Result<Integration, DeError> {
    if is_config_map(node) {
        let Some((key, value)) = embedded_config(node) else {
            return Ok(Integration::default());
        };
        let inner_text = value.as_str().unwrap_or("");
        let pointer = join_pointer(&join_pointer("", "data"), &key.text);
        let inner = parse_yaml(inner_text).map_err(|e| {
            let map = SpanMap::new(text, value, inner_text);
            DeError {
                message: format!("in the embedded {}: {}", key.text, e.message),
                at: Some(Loc::new(file, pointer.clone(), map.span(e.span))),
            }
        })?;
        let map = SpanMap::new(text, value, inner_text);
        let inner = map.node(inner);
        return Ok(relying_party(file, text, &pointer, &inner));
    }
    Ok(relying_party(file, text, "", node))
}

/// Finds `key` (config form) or its upper-case env form.
fn lookup<'n>(node: &'n Node, key: &str) -> Option<(&'n Key, &'n Node)> {
    node.entries()
        .iter()
        .find(|(k, _)| k.text.eq_ignore_ascii_case(key))
        .map(|(k, v)| (k, v))
}

fn relying_party(file: FileId, text: &str, base: &str, node: &Node) -> Integration {
    let at = |k: &Key| join_pointer(base, &k.text);
    let string = |key: &str| lookup(node, key).map(|(k, v)| build::string(file, &at(k), v));
    let root = Loc::new(file, base, Span::point(node.span.start));
    let secret = lookup(node, "idp_client_secret").or_else(|| lookup(node, "idp_client_secret_file"));
    let has_client_secret = Some(match secret {
        Some((k, v)) => Located::known(
            Loc::new(file, at(k), v.span),
            v.as_str().is_none_or(|s| !s.is_empty()),
        ),
        None => Located::known(root.clone(), false),
    });
    let scopes = lookup(node, "idp_scopes").map(|(k, v)| {
        let pointer = at(k);
        let list = match &v.kind {
            NodeKind::Seq(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| build::string(file, &join_pointer(&pointer, &i.to_string()), item))
                .collect(),
            _ => build::split(file, text, &pointer, v, ','),
        };
        Located::known(Loc::new(file, pointer, v.span), list)
    });
    let callback_url = string("authenticate_service_url").map(|l| match l.value {
        crate::de::Resolved::Known(url) => {
            Located::known(l.loc, format!("{}/oauth2/callback", url.trim_end_matches('/')))
        }
        crate::de::Resolved::Unknown(why) => Located::unknown(l.loc, why),
    });
    let rp = RelyingParty {
        name: Some(Located::known(root.clone(), "pomerium".to_string())),
        kind: Some(Located::known(root.clone(), RelyingPartyKind::Pomerium)),
        issuer: string("idp_provider_url"),
        client_id: string("idp_client_id"),
        has_client_secret,
        client_auth_method: None,
        callback_url,
        scopes,
        // Pomerium's generic OIDC provider always reads the discovery document.
        discover_endpoints: Some(Located::known(root.clone(), true)),
        pkce: None,
        authorization_endpoint: None,
        token_endpoint: None,
        userinfo_endpoint: None,
    };
    Integration {
        relying_parties: vec![Located::known(root, rp)],
        ..Integration::default()
    }
}

/// Maps byte offsets in an embedded YAML string back into the outer file, line by line, when the string is
/// a block scalar (`|`) whose lines appear verbatim after their indentation; otherwise everything maps to
/// the start of the outer value.
struct SpanMap {
    /// (inner line start, outer line start) pairs, ascending.
    lines: Vec<(usize, usize)>,
    fallback: usize,
}

impl SpanMap {
    fn new(outer: &str, value: &Node, inner: &str) -> Self {
        let fallback = value.span.start;
        let none = SpanMap {
            lines: Vec::new(),
            fallback,
        };
        let raw = outer.get(value.span.start..).unwrap_or("");
        // saphyr starts a block scalar's span either at the `|` indicator or at its first content character.
        let (mut outer_pos, indent) = if raw.starts_with('|') {
            let Some(nl) = raw.find('\n') else { return none };
            let start = value.span.start + nl + 1;
            let body = outer.get(start..).unwrap_or("");
            (
                start,
                body.lines()
                    .find(|l| !l.trim().is_empty())
                    .map_or(0, |l| l.len() - l.trim_start_matches(' ').len()),
            )
        } else {
            let line_start = outer
                .get(..value.span.start)
                .and_then(|b| b.rfind('\n'))
                .map_or(0, |i| i + 1);
            let prefix = outer.get(line_start..value.span.start).unwrap_or("x");
            if !prefix.bytes().all(|b| b == b' ') {
                return none;
            }
            (line_start, prefix.len())
        };
        let mut lines = Vec::new();
        let mut inner_pos = 0;
        for inner_line in inner.split_inclusive('\n') {
            let Some(outer_rest) = outer.get(outer_pos..) else {
                return none;
            };
            let outer_line = outer_rest.split_inclusive('\n').next().unwrap_or("");
            let content = inner_line.trim_end_matches('\n');
            let skip = indent.min(outer_line.len());
            if !content.is_empty() && outer_line.get(skip..skip + content.len()) != Some(content) {
                return none;
            }
            lines.push((inner_pos, outer_pos + skip));
            inner_pos += inner_line.len();
            outer_pos += outer_line.len();
        }
        SpanMap { lines, fallback }
    }

    fn offset(&self, inner: usize) -> usize {
        if self.lines.is_empty() {
            return self.fallback;
        }
        let i = match self.lines.binary_search_by_key(&inner, |(s, _)| *s) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (istart, ostart) = self.lines[i];
        ostart + (inner - istart)
    }

    fn span(&self, s: Span) -> Span {
        Span::new(self.offset(s.start), self.offset(s.end))
    }

    fn node(&self, n: Node) -> Node {
        let span = self.span(n.span);
        let kind = match n.kind {
            NodeKind::Seq(items) => NodeKind::Seq(items.into_iter().map(|i| self.node(i)).collect()),
            NodeKind::Map(entries) => NodeKind::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| {
                        (
                            Key {
                                text: k.text,
                                span: self.span(k.span),
                            },
                            self.node(v),
                        )
                    })
                    .collect(),
            ),
            NodeKind::Tagged(t, inner) => NodeKind::Tagged(t, Box::new(self.node(*inner))),
            other => other,
        };
        Node::new(span, kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::de::{items, known, known_str};
    use crate::parse::{parse_env, parse_yaml};

    #[test]
    fn config_map_positions_map_back_into_the_outer_file() {
        let text = "apiVersion: v1\ndata:\n  config.yaml: |\n    authenticate_service_url: https://auth.example.com\n\n    idp_provider: oidc\n    idp_provider_url: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X/\n    idp_client_id: abc\n    idp_client_secret: \"s\"\n    idp_scopes: [\"openid\", \"email\"]\nkind: ConfigMap\n";
        let root = parse_yaml(text).unwrap();
        assert!(is_config_map(&root));
        let i = import(FileId(0), text, &root).unwrap();
        let rp = i.relying_parties[0].get().unwrap();
        let issuer = rp.issuer.as_ref().unwrap();
        assert_eq!(
            issuer.as_str(),
            Some("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X/")
        );
        assert_eq!(
            &text[issuer.loc.span.start..issuer.loc.span.end],
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X/"
        );
        assert_eq!(issuer.loc.pointer, "/data/config.yaml/idp_provider_url");
        assert_eq!(
            known_str(&rp.callback_url),
            Some("https://auth.example.com/oauth2/callback")
        );
        assert_eq!(known(&rp.has_client_secret), Some(&true));
        let scopes: Vec<_> = items(&rp.scopes).iter().filter_map(|s| s.as_str()).collect();
        assert_eq!(scopes, ["openid", "email"]);
        let email = &items(&rp.scopes)[1];
        assert_eq!(&text[email.loc.span.start..email.loc.span.end], "\"email\"");
    }

    #[test]
    fn env_form_splits_comma_scopes_with_spans() {
        let text = "IDP_PROVIDER=\"oidc\"\nIDP_PROVIDER_URL=\"https://x\"\nIDP_CLIENT_ID=\"abc\"\nIDP_SCOPES=\"openid,profile, email\"\n";
        let root = parse_env(text).unwrap();
        let i = import(FileId(0), text, &root).unwrap();
        let rp = i.relying_parties[0].get().unwrap();
        let scopes = items(&rp.scopes);
        assert_eq!(scopes.len(), 3);
        assert_eq!(&text[scopes[2].loc.span.start..scopes[2].loc.span.end], "email");
        assert_eq!(known(&rp.has_client_secret), Some(&false));
        assert!(rp.callback_url.is_none());
    }
}
