use crate::de::known_str;
use crate::declare_rule;
use crate::rules::support::{complete_strs, idp_label, mapping};
use crate::rules::{Ctx, Finding};
use std::collections::HashSet;

declare_rule! {
    /// # What it checks
    /// Each claim an identity provider's `attribute_mapping` reads is one the upstream IdP provides to Cognito:
    /// a claim its registration releases (`[[upstream_idps]] claims`), a claim every ID token carries (`sub`,
    /// `iss`, `aud`, `exp`, `iat`, `auth_time`, ...), or the IdP's tokens themselves (`id_token`,
    /// `access_token`). Only registrations that list their `claims` are checked; claim names are case-sensitive.
    ///
    /// When the IdP puts the wanted value in `sub` (its subject claim, e.g. Beyond Identity configured with
    /// "Subject: email"), the help says to map from `sub`.
    ///
    /// # Why it matters
    /// Cognito fills attributes only from claims it receives (ID token and userinfo). A claim the IdP does not
    /// release leaves the attribute empty: the app silently gets no email, and if the attribute is required
    /// the first sign-in fails. An eID broker such as Idura Verify releases no email at all, which is why its
    /// guide says the pool must not require email.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Idura"
    /// provider_type = "OIDC"
    /// attribute_mapping = { email = "email", name = "name" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// claims = ["sub", "name", "birthdate"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Idura"
    /// provider_type = "OIDC"
    /// attribute_mapping = { name = "name" }
    ///
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// claims = ["sub", "name", "birthdate"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("Mapping reads claims from both the ID token and the userInfo response"), §5.4
    /// ("Unmapped claims are dropped"; attributes whose claim is missing are not filled); the Idura Verify guide
    /// (seed: the pool "must be configured without email as a required attribute") and the Beyond Identity
    /// guide (seed: "Subject: email", email mapped from `sub`).
    pub static RULE = {
        id: "mapping-claim-not-provided",
        group: Broken,
        severity: Warning,
        summary: "an attribute is mapped from a claim the upstream IdP does not release",
        check: check,
    };
}

/// Claims every OIDC ID token may carry (OpenID Connect Core §2), and the tokens Cognito lets you map.
const ALWAYS: &[&str] = &[
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "acr",
    "amr",
    "azp",
    "at_hash",
    "c_hash",
    "sid",
    "id_token",
    "access_token",
];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let required: HashSet<&str> = ctx.required_attributes().into_iter().map(|(n, _)| n).collect();
    for (idp, _) in ctx.identity_providers() {
        let Some(name) = known_str(&idp.provider_name) else {
            continue;
        };
        let Some(map) = mapping(idp) else { continue };
        let Some(located_up) = ctx.upstream_for(name) else {
            continue;
        };
        let Some(up) = located_up.get() else { continue };
        let Some(claims) = complete_strs(&up.claims) else {
            continue;
        };
        let released: HashSet<&str> = claims.iter().copied().chain(ALWAYS.iter().copied()).collect();
        let subject = known_str(&up.subject_claim);
        for (k, v) in map.iter() {
            let (Some(attr), Some(claim)) = (k.as_str(), v.as_str()) else {
                continue;
            };
            if released.contains(claim) {
                continue;
            }
            let mut f = Finding::new(
                &v.loc,
                format!(
                    "{} maps `{attr}` from the claim `{claim}`, which the IdP does not release to Cognito",
                    idp_label(idp)
                ),
            );
            if let Some(list) = &up.claims {
                f = f.related(&list.loc, "the claims the IdP releases");
            }
            let cased = released.iter().find(|c| c.eq_ignore_ascii_case(claim));
            f = if subject == Some(claim) {
                f.help(format!(
                    "the IdP puts `{claim}` in `sub` (its subject claim): map `{attr}` from `sub`"
                ))
            } else if let Some(c) = cased {
                f.help(format!("claim names are case-sensitive: the IdP releases `{c}`"))
            } else {
                f.help(format!(
                    "release `{claim}` to Cognito's client at the IdP, or remove the mapping"
                ))
            };
            if required.contains(attr) {
                f = f.note(format!(
                    "`{attr}` is required in the pool, so the first sign-in fails; if the IdP cannot provide it, the pool must not require it (the Idura Verify guide: \"configured without email as a required attribute\")"
                ));
            } else {
                f = f.note(format!("`{attr}` stays empty for users of this IdP"));
            }
            out.push(f);
        }
    }
    out
}
