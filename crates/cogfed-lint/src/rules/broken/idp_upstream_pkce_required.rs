use crate::declare_rule;
use crate::model::PkcePolicy;
use crate::rules::support::upstreams;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The upstream IdP does not require PKCE from Cognito (`[[upstream_idps]] pkce` is not `required`).
    ///
    /// # Why it matters
    /// Cognito sends no `code_challenge` to the IdP's authorize endpoint and no `code_verifier` to its token
    /// endpoint (no PKCE toward IdPs is documented). An IdP that requires PKCE for this client rejects the
    /// authorize request or the code exchange, so federated sign-in fails. Cognito is a confidential client, so
    /// PKCE may be optional or disabled for it (the Beyond Identity guide: "PKCE: Disabled ... not a requirement
    /// for confidential clients").
    ///
    /// # Example
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "BeyondIdentity"
    /// pkce = "required"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "BeyondIdentity"
    /// pkce = "disabled"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("No PKCE ... toward the IdP are documented (assume none)"); the Beyond Identity guide
    /// (seed: "PKCE: Disabled").
    pub static RULE = {
        id: "idp-upstream-pkce-required",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP requires PKCE, which Cognito does not send",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        let Some(p) = &up.pkce else { continue };
        if p.get() != Some(&PkcePolicy::Required) {
            continue;
        }
        out.push(
            Finding::new(&p.loc, format!("{label} requires PKCE from Cognito, which does not send it to IdPs"))
                .help("make PKCE optional (or disabled) for this confidential client at the IdP")
                .note("Cognito sends neither code_challenge nor code_verifier to an upstream IdP (cognito-facts §5.3)"),
        );
    }
    out
}
