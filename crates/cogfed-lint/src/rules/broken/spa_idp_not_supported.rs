use crate::de::{Located, items, known_str};
use crate::declare_rule;
use crate::rules::client_facts::{list_complete, list_has};
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// The provider the SPA signs in with is enabled on its client: `[spa] identity_provider` is in the
    /// client's `SupportedIdentityProviders` (exact, case-sensitive), and `[spa] idp_identifier` is an
    /// `IdpIdentifiers` entry of an identity provider that is. The rule runs when the client lists its
    /// supported providers.
    ///
    /// # Why it matters
    /// `/oauth2/authorize` with an `identity_provider` the client does not support shows Cognito's "Login
    /// option is not available. Please try another one" page instead of redirecting to the IdP; a mis-cased
    /// name (`corpoidc` for `CorpOIDC`) is the usual cause. An unknown `idp_identifier` fails the same way.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["COGNITO", "CorpOIDC"]
    ///
    /// [spa]
    /// client_id = "web"
    /// identity_provider = "corpoidc"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// supported_identity_providers = ["COGNITO", "CorpOIDC"]
    ///
    /// [spa]
    /// client_id = "web"
    /// identity_provider = "CorpOIDC"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`identity_provider`, `idp_identifier`), §4 (SupportedIdentityProviders), §8.A4, §9
    /// (SPA client).
    pub static RULE = {
        id: "spa-idp-not-supported",
        group: Broken,
        severity: Error,
        summary: "the SPA's identity_provider/idp_identifier is not supported by its client",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let (Some(spa), Some(index)) = (ctx.spa(), ctx.spa_client) else {
        return out;
    };
    let Some(client) = ctx.client(index) else {
        return out;
    };
    let Some(supported) = &client.supported_identity_providers else {
        return out;
    };
    if !list_complete(&client.supported_identity_providers) {
        return out;
    }
    let names: Vec<&str> = items(&client.supported_identity_providers)
        .iter()
        .filter_map(Located::as_str)
        .collect();
    let label = ctx.client_label(index);
    if let Some(idp) = &spa.identity_provider
        && let Some(name) = idp.as_str()
        && !list_has(&client.supported_identity_providers, name)
    {
        let near = names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .copied()
            .or_else(|| suggest(name, names.iter().copied()));
        let f = Finding::new(
            &idp.loc,
            format!("the SPA signs in with identity_provider `{name}`, which {label} does not support"),
        )
        .related(&supported.loc, "SupportedIdentityProviders");
        let f = match near {
            Some(n) => f.help(format!("did you mean `{n}`? provider names are case-sensitive")),
            None => f.help(format!("add `{name}` to SupportedIdentityProviders of {label}")),
        };
        out.push(f.note(
            "Cognito shows \"Login option is not available. Please try another one\" (cognito-facts §8.A4)",
        ));
    }
    if let Some(ident) = &spa.idp_identifier
        && let Some(wanted) = ident.as_str()
    {
        check_identifier(ctx, wanted, ident, supported, &names, &label, &mut out);
    }
    out
}

/// `idp_identifier` names the provider whose `IdpIdentifiers` hold it; that provider must be supported.
fn check_identifier(
    ctx: &Ctx,
    wanted: &str,
    ident: &Located<String>,
    supported: &Located<Vec<Located<String>>>,
    names: &[&str],
    label: &str,
    out: &mut Vec<Finding>,
) {
    let mut owner = None;
    for (idp, _) in ctx.identity_providers() {
        if !list_complete(&idp.idp_identifiers) {
            return; // an identifier we cannot read might be the one.
        }
        if list_has(&idp.idp_identifiers, wanted) {
            owner = Some(known_str(&idp.provider_name));
            break;
        }
    }
    match owner {
        // No provider holds it: only decidable when the inputs describe the pool's providers.
        None if ctx.provider_names_incomplete => {}
        None => out.push(
            Finding::new(
                &ident.loc,
                format!("the SPA signs in with idp_identifier `{wanted}`, which no identity provider lists"),
            )
            .help("add it to the IdpIdentifiers of the provider it should select, or send identity_provider instead")
            .note("Cognito cannot route the request to an identity provider (cognito-facts §1.1)"),
        ),
        Some(Some(name)) if !names.contains(&name) => out.push(
            Finding::new(
                &ident.loc,
                format!(
                    "the SPA's idp_identifier `{wanted}` selects `{name}`, which {label} does not support"
                ),
            )
            .related(&supported.loc, "SupportedIdentityProviders")
            .help(format!("add `{name}` to SupportedIdentityProviders of {label}"))
            .note("Cognito shows \"Login option is not available. Please try another one\" (cognito-facts §8.A4)"),
        ),
        Some(_) => {}
    }
}
