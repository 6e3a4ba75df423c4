use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::{details, idp_label};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An identity provider's `provider_details.client_id` equals, byte for byte, the client id the upstream IdP
    /// assigned to Cognito (`[[upstream_idps]] client_id` with the same `provider_name`).
    ///
    /// # Why it matters
    /// Cognito sends that id to the IdP's authorize and token endpoints and then requires the IdP's ID token
    /// `aud` to equal (or contain) it. A different id is an unknown client to the IdP (`invalid_client`, a 401 at
    /// the token endpoint) or an audience mismatch; either way federated sign-in fails. A stray space or a value
    /// from another environment is the usual cause.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Idura"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "urn:idura:samples:aws:cognit" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// client_id = "urn:idura:samples:aws:cognito"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Idura"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "urn:idura:samples:aws:cognito" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// client_id = "urn:idura:samples:aws:cognito"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`client_id`), §5.3 ("`aud` equals the configured `client_id`"), §8.D25, §8.D27; the
    /// Idura Verify guide (seed: the client id is `urn:idura:samples:aws:cognito`).
    pub static RULE = {
        id: "idp-client-id-mismatch",
        group: Broken,
        severity: Error,
        summary: "provider_details.client_id differs from the client id the upstream IdP assigned to Cognito",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let Some(name) = known_str(&idp.provider_name) else {
            continue;
        };
        let Some(configured) = details(idp).and_then(|d| d.get("client_id")) else {
            continue;
        };
        let Some(c) = configured.as_str() else { continue };
        if c.is_empty() {
            continue; // idp-details-missing-key
        }
        let Some(registered) = ctx
            .upstream_for(name)
            .and_then(Located::get)
            .and_then(|u| u.client_id.as_ref())
        else {
            continue;
        };
        let Some(r) = registered.as_str() else { continue };
        if c == r {
            continue;
        }
        let why = if c.trim() == r.trim() {
            " (they differ only in surrounding whitespace)"
        } else if c.eq_ignore_ascii_case(r) {
            " (they differ in letter case)"
        } else {
            ""
        };
        out.push(
            Finding::new(
                &configured.loc,
                format!(
                    "client_id `{c}` of {} is not the client id `{r}` the IdP registered for Cognito{why}",
                    idp_label(idp)
                ),
            )
            .related(&registered.loc, "the IdP's client id for Cognito")
            .help(format!("set provider_details.client_id to exactly `{r}`"))
            .note("the IdP rejects an unknown client, and Cognito requires the IdP ID token's `aud` to be this id (cognito-facts §5.3)"),
        );
    }
    out
}
