use super::spa_redirect_uri_not_registered::near_miss;
use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::{complete_strs, upstreams};
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// The upstream IdP's registered redirect URIs (`[[upstream_idps]] redirect_uris`) contain exactly
    /// `https://{domain}/oauth2/idpresponse` for every domain of the pool: the prefix domain
    /// `{prefix}.auth.{region}.amazoncognito.com` and the custom domain. When one is missing, the help names the
    /// registered URI that nearly matches and how it differs (trailing slash, letter case, scheme, ...).
    ///
    /// When the inputs name no domain at all, the rule only checks that some `/oauth2/idpresponse` URI is
    /// registered. Registrations for SAML providers (whose endpoint is `/saml2/idpresponse`) are not checked.
    ///
    /// # Why it matters
    /// After sign-in the IdP sends the browser to `https://{domain}/oauth2/idpresponse`, the domain the user came
    /// through, and OAuth servers compare redirect URIs as exact strings. A missing entry (typically the custom
    /// domain added later) or a near miss makes the IdP show its own `redirect_uri` error page, or the code
    /// exchange fail with `[IdP name] Error - 401 error getting token`.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// domain = "myapp-login"
    ///
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// redirect_uris = ["https://myapp-login.auth.us-east-1.amazoncognito.com/oauth2/idpresponse/"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// domain = "myapp-login"
    ///
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// redirect_uris = ["https://myapp-login.auth.us-east-1.amazoncognito.com/oauth2/idpresponse"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.6 ("exactly `https://{user pool domain}/oauth2/idpresponse` ... one per domain you use";
    /// which domain Cognito uses is UNCONFIRMED, so every domain is required), §5.3, §8.D25, §9; the Beyond
    /// Identity and Idura Verify guides (seeds); RFC 9700 §2.1 (exact redirect URI matching).
    pub static RULE = {
        id: "idp-redirect-uri-mismatch",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP does not register https://{domain}/oauth2/idpresponse for every pool domain",
        check: check,
    };
}

const PATH: &str = "/oauth2/idpresponse";

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        if is_saml(ctx, known_str(&up.provider_name)) {
            continue;
        }
        let Some(list) = &up.redirect_uris else { continue };
        let Some(registered) = complete_strs(&up.redirect_uris) else {
            continue;
        };
        if ctx.domains.is_empty() {
            let any = registered.iter().any(|u| Uri::parse(u).path == PATH);
            if !any && !ctx.domains_incomplete {
                out.push(
                    Finding::new(
                        &list.loc,
                        format!("{label} registers no `https://{{domain}}{PATH}` redirect URI"),
                    )
                    .help("register `https://{your user pool domain}/oauth2/idpresponse` at the IdP")
                    .note("the IdP sends users back to Cognito at /oauth2/idpresponse (cognito-facts §1.6)"),
                );
            }
            continue;
        }
        for domain in &ctx.domains {
            let expected = format!("https://{}{PATH}", domain.host);
            if registered.contains(&expected.as_str()) {
                continue;
            }
            let kind = if domain.custom {
                "custom domain"
            } else {
                "prefix domain"
            };
            let mut f = Finding::new(
                &list.loc,
                format!(
                    "{label} does not register `{expected}`, the redirect URI of the {kind} `{}`",
                    domain.host
                ),
            )
            .related(&domain.loc, format!("the {kind}"));
            f = match near_miss(&expected, registered.iter().copied()) {
                Some((candidate, why)) => f.help(format!(
                    "registered is `{candidate}`, which differs in {why}; the IdP compares redirect URIs byte for byte"
                )),
                None => f.help(format!("add `{expected}` to the IdP's redirect URIs")),
            };
            out.push(
                f.note("the IdP sends users back through the domain they came from (cognito-facts §1.6)"),
            );
        }
    }
    out
}

/// Whether the pool's identity provider `name` is a SAML provider.
fn is_saml(ctx: &Ctx, name: Option<&str>) -> bool {
    let Some(name) = name else { return false };
    ctx.identity_providers().any(|(idp, _)| {
        known_str(&idp.provider_name) == Some(name)
            && idp.provider_type.as_ref().and_then(Located::as_str) == Some("SAML")
    })
}
