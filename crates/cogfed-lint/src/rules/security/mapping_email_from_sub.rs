use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No identity provider's `attribute_mapping` fills the pool's `email` attribute from the IdP's `sub` claim,
    /// unless the upstream IdP's registration says its subject claim is the email (`[[upstream_idps]]
    /// subject_claim = "email"`, as the Beyond Identity guide configures it: "Subject: email").
    ///
    /// # Why it matters
    /// `sub` is an opaque identifier, not an address: users get "emails" such as `00u1abcd`, messages bounce,
    /// and apps that key accounts on `email` mix identities up. It is usually the result of copying the
    /// `username <- sub` line. Map `email` from `email` (and `email_verified` from `email_verified`).
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { username = "sub", email = "sub" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { username = "sub", email = "email", email_verified = "email_verified" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 (attribute mapping), §9 ("no semantic mismatch"); linter-anchors A6
    /// ("e.g. `email <- sub`"); the Beyond Identity guide (seed: "Subject: email", email mapped from `sub`).
    pub static RULE = {
        id: "mapping-email-from-sub",
        group: Security,
        severity: Error,
        summary: "the email attribute is mapped from the IdP's sub claim",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let Some(mapping) = idp.attribute_mapping.as_ref().and_then(Located::get) else {
            continue;
        };
        let Some(claim) = mapping.get("email") else {
            continue;
        };
        // The IdP may put the email in `sub` on purpose (Beyond Identity's "Subject: email"); then this is the
        // right mapping, and mapping-claim-not-provided checks the rest.
        let sub_is_email = known_str(&idp.provider_name)
            .and_then(|n| ctx.upstream_for(n))
            .and_then(Located::get)
            .and_then(|u| known_str(&u.subject_claim))
            == Some("email");
        if claim.as_str() == Some("sub") && !sub_is_email {
            let name = known_str(&idp.provider_name).unwrap_or("identity provider");
            out.push(
                Finding::new(
                    &claim.loc,
                    format!("`{name}` maps the pool's `email` from the IdP claim `sub`"),
                )
                .help("map `email` from `email`, and `email_verified` from `email_verified`"),
            );
        }
    }
    out
}
