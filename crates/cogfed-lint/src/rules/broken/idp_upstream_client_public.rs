use crate::declare_rule;
use crate::model::ClientType;
use crate::rules::support::upstreams;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The upstream IdP registered Cognito as a confidential client (`[[upstream_idps]] client_type`), not as a
    /// public one.
    ///
    /// # Why it matters
    /// Cognito is always a confidential relying party of the IdP: `provider_details.client_secret` is required
    /// and Cognito sends it to the IdP's token endpoint (`client_secret_post`). A public registration has no
    /// secret to check, and most IdPs then insist on PKCE, which Cognito does not send, so the code exchange is
    /// refused (`[IdP name] Error - 401 error getting token`). Register Cognito as a confidential (web) client,
    /// as the Beyond Identity guide does ("Client Type: Confidential").
    ///
    /// # Example
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// client_type = "public"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// client_type = "confidential"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`client_secret` "Required. Cognito acts only as a confidential RP"), §5.3, §8.D25;
    /// the Beyond Identity guide (seed: "Client Type: Confidential").
    pub static RULE = {
        id: "idp-upstream-client-public",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP registered Cognito as a public client; Cognito needs a client secret",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        let Some(t) = &up.client_type else { continue };
        if t.get() != Some(&ClientType::Public) {
            continue;
        }
        out.push(
            Finding::new(&t.loc, format!("{label} registered Cognito as a public client, but Cognito is always a confidential client"))
                .help("register Cognito at the IdP as a confidential (web) client with a client secret, and put that secret in provider_details.client_secret")
                .note("Cognito authenticates to the IdP's token endpoint with client_secret_post and sends no PKCE (cognito-facts §5.3)"),
        );
    }
    out
}
