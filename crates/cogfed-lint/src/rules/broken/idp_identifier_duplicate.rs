use crate::de::{Loc, items, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use std::collections::HashMap;

declare_rule! {
    /// # What it checks
    /// Every `IdpIdentifiers` entry is unique across the pool's identity providers (and within one list).
    ///
    /// # Why it matters
    /// An identifier routes `idp_identifier=...` (and email-domain sign-in) to exactly one provider, so the
    /// API refuses to create or update the second provider that claims it; in CloudFormation the stack fails
    /// on whichever provider is created second.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    /// idp_identifiers = ["example.com"]
    ///
    /// [[identity_providers]]
    /// provider_name = "CorpSAML"
    /// provider_type = "SAML"
    /// idp_identifiers = ["example.com"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    /// idp_identifiers = ["example.com"]
    ///
    /// [[identity_providers]]
    /// provider_name = "CorpSAML"
    /// provider_type = "SAML"
    /// idp_identifiers = ["legacy.example.com"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.1 (IdpIdentifiers: "unique across the pool"), §9 (OIDC IdP); linter-anchors A4
    /// (IdpIdentifierType).
    pub static RULE = {
        id: "idp-identifier-duplicate",
        group: Broken,
        severity: Error,
        summary: "an IdP identifier is used twice in the pool",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    // identifier -> (first location, provider name)
    let mut seen: HashMap<&str, (&Loc, &str)> = HashMap::new();
    for (idp, _) in ctx.identity_providers() {
        let name = known_str(&idp.provider_name).unwrap_or("an identity provider");
        for identifier in items(&idp.idp_identifiers) {
            let Some(id) = identifier.as_str() else { continue };
            match seen.get(id) {
                Some(&(first, owner)) => {
                    let whose = if owner == name {
                        format!("`{name}` lists it twice")
                    } else {
                        format!("`{owner}` already uses it")
                    };
                    out.push(
                        Finding::new(
                            &identifier.loc,
                            format!("IdP identifier `{id}` of `{name}` is not unique: {whose}"),
                        )
                        .related(first, "first use")
                        .help("give each identity provider its own identifiers")
                        .note("identifiers route idp_identifier to one provider and must be unique across the pool (cognito-facts §5.1)"),
                    );
                }
                None => {
                    seen.insert(id, (&identifier.loc, name));
                }
            }
        }
    }
    out
}
