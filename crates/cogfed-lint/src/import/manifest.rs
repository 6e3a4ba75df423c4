//! Our manifest (TOML, YAML or JSON): exact snake_case keys, unknown keys are errors. See MANIFEST.md.

use crate::de::{DeError, Mode, from_node_recovering};
use crate::model::{Integration, Manifest};
use crate::node::Node;
use crate::source::FileId;

/// Reads a manifest document.
pub fn import(file: FileId, node: &Node, errors: &mut Vec<DeError>) -> Result<Integration, DeError> {
    if node.get("version").is_none() {
        return Err(DeError {
            message: "missing `version = 1` at the top of the manifest".into(),
            at: Some(crate::de::Loc::new(
                file,
                "",
                crate::source::Span::point(node.span.start),
            )),
        });
    }
    let mut m: Manifest = from_node_recovering(node, file, "", Mode::Manifest, errors)?;
    // A manifest that defines the pool defines all of it; one that has a section lists that section.
    if let Some(pool) = m.user_pool.as_mut().and_then(|p| match &mut p.value {
        crate::de::Resolved::Known(p) => Some(p),
        crate::de::Resolved::Unknown(_) => None,
    }) {
        pool.listed = crate::model::Listed::ALL;
    }
    let listed = crate::model::Listed {
        resource_servers: node.get("resource_servers").is_some(),
        identity_providers: node.get("identity_providers").is_some(),
    };
    if m.version.get() != Some(&1) {
        return Err(DeError {
            message: "unsupported manifest version: this cogfed reads `version = 1`".into(),
            at: Some(m.version.loc),
        });
    }
    let lint = m
        .lint
        .and_then(|l| match l.value {
            crate::de::Resolved::Known(v) => Some(v),
            crate::de::Resolved::Unknown(_) => None,
        })
        .unwrap_or_default();
    Ok(Integration {
        user_pool: m.user_pool,
        other_pools: Vec::new(),
        domains: m.domains,
        clients: m.clients,
        identity_providers: m.identity_providers,
        resource_servers: m.resource_servers,
        upstream_idps: m.upstream_idps,
        relying_parties: m.relying_parties,
        spa: m.spa,
        other_spas: Vec::new(),
        folders: Vec::new(),
        local: m.local,
        lint,
        listed,
    })
}
