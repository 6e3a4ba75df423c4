use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::{complete_strs, idp_label, missing};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every identity provider's `attribute_mapping` maps every attribute the pool requires: the schema
    /// attributes with `required = true` (except `sub`, which Cognito assigns) and the username attributes
    /// (`username_attributes = ["email"]` makes `email` required).
    ///
    /// # Why it matters
    /// A federated user is a user of the pool, so Cognito must fill every required attribute from the IdP.
    /// CreateIdentityProvider refuses the provider (`The attribute mapping is missing required attributes
    /// [email]`), or sign-in ends with `error_description=username+attribute+mapping+required`. When the IdP
    /// cannot provide the attribute at all, the pool must not require it: the Idura Verify guide says "Your AWS
    /// Cognito user pool must be configured without email as a required attribute", because an eID broker
    /// releases no email.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// username_attributes = ["email"]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { name = "name" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// username_attributes = ["email"]
    ///
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// attribute_mapping = { name = "name", email = "email", email_verified = "email_verified" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.4 ("Every required pool attribute must be mapped, and username attributes count as
    /// required"), §8.D28, §9; linter-anchors A4; the Idura Verify guide (seed); amplify-cli PR 14983 (error
    /// text).
    pub static RULE = {
        id: "mapping-missing-required",
        group: Broken,
        severity: Error,
        summary: "an identity provider does not map an attribute the user pool requires",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let required = ctx.required_attributes();
    if required.is_empty() {
        return out;
    }
    for (idp, loc) in ctx.identity_providers() {
        let (at, keys): (_, Vec<&str>) = match &idp.attribute_mapping {
            None => (missing(loc, "attribute_mapping", "AttributeMapping"), Vec::new()),
            Some(m) => match m.get() {
                None => continue,
                Some(map) => {
                    if map.iter().any(|(k, _)| k.is_unknown()) {
                        continue;
                    }
                    (
                        m.loc.clone(),
                        map.iter().filter_map(|(k, _)| k.as_str()).collect(),
                    )
                }
            },
        };
        let absent: Vec<&(&str, &crate::de::Loc)> =
            required.iter().filter(|(n, _)| !keys.contains(n)).collect();
        if absent.is_empty() {
            continue;
        }
        let names = absent.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
        let mut f = Finding::new(
            &at,
            format!("{} does not map the required pool attribute(s) [{names}]", idp_label(idp)),
        )
        .help(format!(
            "map {} from the IdP's claims, or stop requiring {} in the pool",
            absent.iter().map(|(n, _)| format!("`{n}`")).collect::<Vec<_>>().join(", "),
            if absent.len() == 1 { "it" } else { "them" }
        ))
        .note(format!("Cognito refuses it: \"The attribute mapping is missing required attributes [{names}]\" (cognito-facts §8.D28)"));
        for (name, decl) in &absent {
            f = f.related(decl, format!("`{name}` is required here"));
        }
        if let Some(claims) = upstream_claims(ctx, idp) {
            let unreleased: Vec<&str> = absent
                .iter()
                .map(|(n, _)| *n)
                .filter(|n| !claims.contains(n))
                .collect();
            if !unreleased.is_empty() {
                f = f.note(format!(
                    "the IdP does not release a claim named {}; if it cannot, the pool must not require it (the Idura Verify guide: \"configured without email as a required attribute\")",
                    unreleased.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ));
            }
        }
        out.push(f);
    }
    out
}

/// The claims the upstream registration says it releases, when known.
fn upstream_claims<'a>(ctx: &Ctx<'a>, idp: &crate::model::IdentityProvider) -> Option<Vec<&'a str>> {
    let name = known_str(&idp.provider_name)?;
    let up = ctx.upstream_for(name).and_then(Located::get)?;
    complete_strs(&up.claims)
}
