use crate::de::Located;
use crate::declare_rule;
use crate::rules::support::{detail_keys, idp_label, missing};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Each identity provider's `provider_details` has the keys its type needs, with a non-empty value:
    /// - OIDC: `client_id`, `client_secret`, `authorize_scopes`, `attributes_request_method` (where the
    ///   endpoints come from is rule `idp-manual-endpoints-incomplete`);
    /// - Google, Facebook, Login with Amazon: `client_id`, `client_secret`, `authorize_scopes`;
    /// - Sign in with Apple: `client_id`, `team_id`, `key_id`, `private_key`, `authorize_scopes`;
    /// - SAML: `MetadataURL` or `MetadataFile`.
    ///
    /// A provider without `provider_details` at all is reported too (the API requires the map).
    ///
    /// # Why it matters
    /// CreateIdentityProvider refuses the provider, or, when a key slips through as an empty string, federation
    /// fails at the IdP: Cognito is always a confidential client and authenticates to the IdP's token endpoint
    /// with `client_secret_post`, so an OIDC provider without `client_secret` cannot redeem a single code.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "0oa1example", authorize_scopes = "openid email", attributes_request_method = "GET", oidc_issuer = "https://idp.example.com" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "0oa1example", client_secret = "EXAMPLE-secret", authorize_scopes = "openid email", attributes_request_method = "GET", oidc_issuer = "https://idp.example.com" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.1 (ProviderDetails required), §5.2 (OIDC keys; "client_secret ... Required. Cognito acts
    /// only as a confidential RP"), §9 (OIDC IdP checklist); APIRef CreateIdentityProvider (keys per type);
    /// linter-anchors A6.
    pub static RULE = {
        id: "idp-details-missing-key",
        group: Broken,
        severity: Error,
        summary: "an identity provider's provider_details lacks a key its type requires",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, loc) in ctx.identity_providers() {
        let ptype = match &idp.provider_type {
            None => "OIDC",
            Some(t) => match t.as_str() {
                Some(t) => t,
                None => continue,
            },
        };
        let Some(keys) = detail_keys(ptype) else { continue };
        let label = idp_label(idp);
        let Some(map_located) = &idp.provider_details else {
            out.push(
                Finding::new(
                    &missing(loc, "provider_details", "ProviderDetails"),
                    format!("{label} ({ptype}) has no provider_details"),
                )
                .help(format!(
                    "add provider_details with {}",
                    describe(keys.required, keys.one_of)
                )),
            );
            continue;
        };
        let Some(map) = map_located.get() else { continue };
        let filled = |v: &Located<String>| v.is_unknown() || v.as_str().is_some_and(|s| !s.trim().is_empty());
        let one_of_filled = keys.one_of.iter().any(|k| map.get(k).is_some_and(filled));
        for (k, v) in map.iter() {
            let Some(key) = k.as_str() else { continue };
            let needed = keys.required.contains(&key) || (keys.one_of.contains(&key) && !one_of_filled);
            if needed && !filled(v) {
                out.push(Finding::new(
                    &v.loc,
                    format!("{label}: provider_details.{key} is empty"),
                ));
            }
        }
        let absent: Vec<&str> = keys
            .required
            .iter()
            .copied()
            .filter(|k| map.get(k).is_none())
            .collect();
        let one_of_missing = !keys.one_of.is_empty() && !keys.one_of.iter().any(|k| map.get(k).is_some());
        if absent.is_empty() && !one_of_missing {
            continue;
        }
        let mut names: Vec<String> = absent.iter().map(|k| format!("`{k}`")).collect();
        if one_of_missing {
            names.push(
                keys.one_of
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" or "),
            );
        }
        let mut f = Finding::new(
            &map_located.loc,
            format!("provider_details of {label} ({ptype}) lacks {}", names.join(", ")),
        );
        f = f.help(format!("add {}", names.join(", ")));
        if ptype == "OIDC" && absent.contains(&"client_secret") {
            f = f.note("Cognito is always a confidential client of the IdP: it sends client_secret_post to the token endpoint (cognito-facts §5.2, §5.3)");
        }
        if absent.contains(&"attributes_request_method") {
            f = f.note(
                "attributes_request_method is `GET` or `POST`: how Cognito calls the IdP's userinfo endpoint",
            );
        }
        out.push(f);
    }
    out
}

fn describe(required: &[&str], one_of: &[&str]) -> String {
    let mut parts: Vec<String> = required.iter().map(|k| format!("`{k}`")).collect();
    if !one_of.is_empty() {
        parts.push(
            one_of
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(" or "),
        );
    }
    parts.join(", ")
}
