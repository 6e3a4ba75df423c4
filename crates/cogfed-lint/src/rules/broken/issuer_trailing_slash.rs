use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::host_of;

declare_rule! {
    /// # What it checks
    /// Issuers that must be equal byte for byte do not differ only by a trailing slash:
    /// - the issuer given to the SPA or a relying party versus Cognito's issuer
    ///   (`https://cognito-idp.{region}.amazonaws.com/{poolId}`, which has no trailing slash);
    /// - an OIDC identity provider's `oidc_issuer` versus the upstream IdP's discovery `issuer`.
    ///
    /// # Why it matters
    /// OIDC issuer comparison is exact string comparison. A relying party given `.../us-east-1_X/` rejects
    /// every Cognito token (`iss` mismatch) or fails discovery; Cognito given `https://idp.example.com` for an
    /// IdP whose tokens say `https://idp.example.com/` (Auth0, Authentik) fails federation with
    /// "Bad id_token issuer".
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "fusionauth"
    /// issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12/"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    ///
    /// [[relying_parties]]
    /// name = "fusionauth"
    /// issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.4 ("exact string, no trailing slash"), §5.3 ("Issuer trailing slash"), §8.D24;
    /// OpenID Connect Discovery 1.0 §4.3; linter-anchors A5.
    pub static RULE = {
        id: "issuer-trailing-slash",
        group: Broken,
        severity: Error,
        summary: "an issuer differs from the one it must equal only by a trailing slash",
        check: check,
    };
}

/// Whether `a` and `b` differ, but only in trailing slashes.
pub(super) fn slash_only(a: &str, b: &str) -> bool {
    a != b && a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut against_cognito = |issuer: &Option<Located<String>>, who: &str| {
        let Some(l) = issuer else { return };
        let Some(v) = l.as_str() else { return };
        let mismatch = match &ctx.expected_issuer {
            Some(expected) => slash_only(v, expected).then(|| expected.clone()),
            None => {
                let cognito =
                    host_of(v).is_some_and(|h| h.ends_with(".amazonaws.com") && h.contains("cognito-idp"));
                (cognito && v.ends_with('/')).then(|| v.trim_end_matches('/').to_string())
            }
        };
        if let Some(expected) = mismatch {
            out.push(
                Finding::new(
                    &l.loc,
                    format!("{who} has issuer `{v}`, but Cognito's issuer is `{expected}`"),
                )
                .help(format!("use exactly `{expected}`"))
                .note("issuers are compared as exact strings; Cognito's has no trailing slash"),
            );
        }
    };
    if let Some(spa) = ctx.spa() {
        against_cognito(&spa.issuer, "the SPA");
    }
    for (rp, _) in ctx.relying_parties() {
        let name = known_str(&rp.name).unwrap_or("a relying party").to_string();
        against_cognito(&rp.issuer, &format!("relying party `{name}`"));
    }
    for pair in ctx.idp_issuer_pairs() {
        let (name, configured, a) = (pair.provider_name, pair.configured_str(), pair.actual_str());
        if slash_only(configured, a) {
            out.push(
                Finding::new(&pair.configured.loc, format!("oidc_issuer `{configured}` of identity provider `{name}` differs from the IdP's issuer `{a}` by a trailing slash"))
                    .related(&pair.actual.loc, "the IdP's discovery issuer")
                    .help(format!("set oidc_issuer to exactly `{a}`"))
                    .note("Cognito compares the IdP token's `iss` with oidc_issuer exactly: \"Bad id_token issuer\" (cognito-facts §8.D24)"),
            );
        }
    }
    out
}
