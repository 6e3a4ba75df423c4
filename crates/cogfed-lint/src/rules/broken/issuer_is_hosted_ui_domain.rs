use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::host_of;

declare_rule! {
    /// # What it checks
    /// The issuer (OIDC "authority") given to the SPA or to a relying party is not the user pool's domain:
    /// neither a `*.amazoncognito.com` host nor the pool's custom domain.
    ///
    /// # Why it matters
    /// Cognito's issuer is `https://cognito-idp.{region}.amazonaws.com/{poolId}`; only the OAuth endpoints live
    /// on the domain. Discovery at `https://{domain}/.well-known/openid-configuration` is a 404 (often reported
    /// as a CORS error), and the `iss` claim never equals the domain, so token validation fails.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// issuer = "https://myapp.auth.us-east-1.amazoncognito.com"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.4 (issuer URL), §1.0 (discovery is not on the domain), §8.A13, §9 ("authority =
    /// issuer, not the domain").
    pub static RULE = {
        id: "issuer-is-hosted-ui-domain",
        group: Broken,
        severity: Error,
        summary: "the user pool domain is given as the issuer/authority",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut check_one = |issuer: &Option<Located<String>>, who: &str| {
        let Some(loc_issuer) = issuer else { return };
        let Some(value) = loc_issuer.as_str() else { return };
        let Some(host) = host_of(value) else { return };
        if !ctx.is_hosted_ui_host(&host) {
            return;
        }
        let mut f = Finding::new(
            &loc_issuer.loc,
            format!("{who} uses the user pool domain `{host}` as its issuer"),
        );
        f = match &ctx.expected_issuer {
            Some(expected) => f.help(format!("use the issuer `{expected}`")),
            None => f.help("use `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`"),
        };
        out.push(f.note("only the OAuth endpoints live on the domain; discovery and `iss` use cognito-idp.{region}.amazonaws.com"));
    };
    if let Some(spa) = ctx.spa() {
        check_one(&spa.issuer, "the SPA");
    }
    for (rp, _) in ctx.relying_parties() {
        let name = known_str(&rp.name).unwrap_or("a relying party").to_string();
        check_one(&rp.issuer, &format!("relying party `{name}`"));
    }
    out
}
