use crate::de::known_str;
use crate::declare_rule;
use crate::model::IdentityProvider;
use crate::rules::support::{complete_strs, idp_label};
use crate::rules::{Ctx, Finding};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// # What it checks
    /// An app client that sets `write_attributes` may write every attribute mapped by each identity provider it
    /// supports (`supported_identity_providers`). Clients without `write_attributes` (the default: all standard
    /// attributes) are not checked, nor are `username` and the `*_verified` flags, which clients never list.
    ///
    /// # Why it matters
    /// Cognito writes mapped attributes through the app client the user signs in with. Without write permission
    /// federated sign-in fails on that attribute (API documentation), or, by a more recent account, the
    /// attribute is silently left stale; either way the app does not get the value the mapping promises.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["Corp"]
    /// write_attributes = ["name"]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { email = "email", name = "name" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["Corp"]
    /// write_attributes = ["name", "email"]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { email = "email", name = "name" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (WriteAttributes "Must include every attribute mapped from any IdP"), §5.4, §8.D31, §9
    /// ("`WriteAttributes` (if set) ⊇ every mapped attribute of every IdP in SupportedIdentityProviders");
    /// linter-anchors A4, A6.
    pub static RULE = {
        id: "mapping-not-writable",
        group: Broken,
        severity: Error,
        summary: "an app client's write_attributes lacks an attribute its identity providers map",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    // Each provider's mapped, writable targets, computed once (clients x providers stays linear in clients).
    let mut targets: HashMap<&str, (&IdentityProvider, Vec<&str>)> = HashMap::new();
    for (idp, _) in ctx.identity_providers() {
        if let Some(name) = known_str(&idp.provider_name) {
            targets.entry(name).or_insert((idp, Vec::new()));
        }
    }
    for e in ctx.mapping_entries() {
        let writable_target = e.class.is_valid_target()
            && !matches!(
                e.attribute,
                "email_verified" | "phone_number_verified" | "sub" | "identities"
            );
        let Some(name) = known_str(&e.idp.provider_name) else {
            continue;
        };
        if let Some((idp, keys)) = targets.get_mut(name)
            && std::ptr::eq(*idp, e.idp)
            && writable_target
        {
            keys.push(e.attribute);
        }
    }
    for &(index, client, _) in ctx.clients() {
        let Some(list) = &client.write_attributes else {
            continue;
        };
        let Some(writable) = complete_strs(&client.write_attributes) else {
            continue;
        };
        let writable: HashSet<&str> = writable.into_iter().collect();
        let Some(supported) = complete_strs(&client.supported_identity_providers) else {
            continue;
        };
        for name in supported {
            let Some((idp, keys)) = targets.get(name) else {
                continue;
            };
            let lacking: Vec<&str> = keys.iter().copied().filter(|k| !writable.contains(k)).collect();
            if lacking.is_empty() {
                continue;
            }
            let shown = lacking
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut f = Finding::new(
                &list.loc,
                format!(
                    "{} supports {} but may not write {shown}, which that provider maps",
                    ctx.client_label(index),
                    idp_label(idp)
                ),
            )
            .help(format!("add {shown} to write_attributes"))
            .note("Cognito writes mapped attributes through the client at every federated sign-in (cognito-facts §4 WriteAttributes)");
            if let Some(m) = &idp.attribute_mapping {
                f = f.related(&m.loc, "the attribute mapping");
            }
            out.push(f);
        }
    }
    out
}
