use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::{details, idp_label, is_oidc};
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// No issuer has a query (`?...`) or a fragment (`#...`): neither the issuer given to the SPA or to a
    /// relying party, nor an OIDC identity provider's `provider_details.oidc_issuer`.
    ///
    /// # Why it matters
    /// An issuer identifier is a URL with no query or fragment (OpenID Connect Discovery §3, RFC 8414 §2).
    /// Discovery appends `/.well-known/openid-configuration` to the issuer, which lands inside the query or
    /// fragment and fetches the wrong document, and the `iss` claim (compared as an exact string) never carries
    /// one. Typical causes are a tenant parameter (`?tenant=...`) or a URL copied from a browser's address bar.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com/?tenant=acme" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com/tenants/acme" }
    /// ```
    ///
    /// # Source
    /// linter-anchors A5 (conformance suite IssuerUrlValidation: "no fragment, no query"), A6 (`oidc_issuer`);
    /// cognito-facts §2.4, §5.2; OpenID Connect Discovery 1.0 §3; RFC 8414 §2.
    pub static RULE = {
        id: "issuer-query-or-fragment",
        group: Broken,
        severity: Error,
        summary: "an issuer has a query or a fragment",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(spa) = ctx.spa() {
        out.extend(check_one(&spa.issuer, "the SPA's issuer"));
    }
    for (rp, _) in ctx.relying_parties() {
        let who = match known_str(&rp.name) {
            Some(n) => format!("the issuer of relying party `{n}`"),
            None => "the issuer of a relying party".to_string(),
        };
        out.extend(check_one(&rp.issuer, &who));
    }
    for (idp, _) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        if let Some(v) = details(idp).and_then(|d| d.get("oidc_issuer")) {
            out.extend(check_value(v, &format!("oidc_issuer of {}", idp_label(idp))));
        }
    }
    out
}

fn check_one(issuer: &Option<Located<String>>, who: &str) -> Option<Finding> {
    check_value(issuer.as_ref()?, who)
}

fn check_value(located: &Located<String>, who: &str) -> Option<Finding> {
    let value = located.as_str()?;
    let uri = Uri::parse(value);
    let what = match (uri.query, uri.fragment) {
        (Some(_), Some(_)) => "a query and a fragment",
        (Some(_), None) => "a query",
        (None, Some(_)) => "a fragment",
        (None, None) => return None,
    };
    let cut = value
        .find(['?', '#'])
        .and_then(|i| value.get(..i))
        .unwrap_or(value);
    Some(
        Finding::new(&located.loc, format!("{who} `{value}` has {what}"))
            .help(format!(
                "an issuer has no query or fragment: use `{cut}` if that is the issuer in the provider's discovery document"
            ))
            .note("discovery appends /.well-known/openid-configuration to the issuer, and `iss` is compared exactly"),
    )
}
