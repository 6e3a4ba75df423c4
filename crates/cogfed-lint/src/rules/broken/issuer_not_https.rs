use crate::de::{Located, known_str};
use crate::declare_rule;
use crate::rules::support::is_local_stand_in;
use crate::rules::{Ctx, Finding};
use crate::uri::Uri;

declare_rule! {
    /// # What it checks
    /// The issuer given to the SPA and to every relying party uses the `https` scheme, written in lower case.
    /// (An issuer without any scheme is reported by `issuer-format`; an IdP's `oidc_issuer` by
    /// `idp-endpoint-not-https`.)
    ///
    /// Plain `http` on a loopback host is accepted when the integration has a `[local]` section: that is
    /// Local Cognito's issuer (`http://127.0.0.1:{port}/{poolId}`), the intended test setup.
    ///
    /// # Why it matters
    /// Cognito's issuer is `https://cognito-idp.{region}.amazonaws.com/{poolId}` and tokens carry exactly that
    /// string in `iss`. An `http://` issuer never equals it, discovery over http is refused or redirected, and
    /// OIDC Discovery (§3) and RFC 8414 (§2) require the https scheme for an issuer identifier.
    ///
    /// # Example
    /// ```toml
    /// [spa]
    /// issuer = "http://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [spa]
    /// issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE12"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.4 (issuer URL); linter-anchors A5 (IssuerUrlValidation: `https` scheme); OpenID
    /// Connect Discovery 1.0 §3; RFC 8414 §2.
    pub static RULE = {
        id: "issuer-not-https",
        group: Broken,
        severity: Error,
        summary: "an issuer given to the SPA or a relying party does not use https",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(spa) = ctx.spa() {
        out.extend(check_one(ctx, &spa.issuer, "the SPA"));
    }
    for (rp, _) in ctx.relying_parties() {
        let who = match known_str(&rp.name) {
            Some(n) => format!("relying party `{n}`"),
            None => "a relying party".to_string(),
        };
        out.extend(check_one(ctx, &rp.issuer, &who));
    }
    out
}

fn check_one(ctx: &Ctx, issuer: &Option<Located<String>>, who: &str) -> Option<Finding> {
    let located = issuer.as_ref()?;
    let value = located.as_str()?;
    let scheme = Uri::parse(value).scheme?;
    if scheme == "https" || is_local_stand_in(ctx, value) {
        return None;
    }
    let rest = value.get(scheme.len()..).unwrap_or_default();
    let fixed = format!("https{rest}");
    let what = if scheme.eq_ignore_ascii_case("https") {
        format!(
            "{who} has issuer `{value}` with the scheme written `{scheme}`; `iss` is compared as an exact string"
        )
    } else {
        format!("{who} has issuer `{value}`, which does not use https")
    };
    Some(
        Finding::new(&located.loc, what)
            .help(format!("use `{fixed}`"))
            .note("Cognito's issuer is always https://cognito-idp.{region}.amazonaws.com/{poolId}"),
    )
}
