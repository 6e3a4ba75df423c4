use crate::declare_rule;
use crate::rules::support::{OIDC_MANUAL_ENDPOINTS, details, idp_label, is_local_stand_in, is_oidc};
use crate::rules::{Ctx, Finding};
use crate::uri::{Uri, is_loopback_host};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider's `oidc_issuer` and manual endpoints (`authorize_url`, `token_url`,
    /// `attributes_url`, `jwks_uri`) are absolute `https` URLs on the default port or on port 443 or 80.
    ///
    /// Loopback: an `http://localhost`, `127.0.0.1` or `[::1]` URL is accepted only when the integration has a
    /// `[local]` section, because then the caller is Local Cognito (`cogfed local`) and the IdP is one of its
    /// stand-in personas. Without `[local]` it is reported like any other http URL (and the real Cognito, which
    /// runs in AWS, could not reach your loopback anyway).
    ///
    /// # Why it matters
    /// Cognito talks to OIDC IdPs over HTTPS only and only on TCP ports 443 and 80; discovery, token, userinfo and
    /// JWKS calls to anything else fail ("Timeout occurred in calling IdP token endpoint", or the IdP ID token is
    /// rejected), and the console refuses such an issuer URL.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com:8443/realms/corp" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { oidc_issuer = "https://idp.example.com/realms/corp" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`oidc_issuer`: "must start with `https://` ... only ports 443 or 80"), §5.3 ("HTTPS only
    /// for all OIDC endpoints ... TCP ports 80/443 only"), §8.D26, §8.D27; linter-anchors A4, A6.
    pub static RULE = {
        id: "idp-endpoint-not-https",
        group: Broken,
        severity: Error,
        summary: "an OIDC identity provider's issuer or endpoint is not https on port 443/80",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        let Some(map) = details(idp) else { continue };
        for key in std::iter::once("oidc_issuer").chain(OIDC_MANUAL_ENDPOINTS.iter().copied()) {
            let Some(v) = map.get(key) else { continue };
            let Some(url) = v.as_str() else { continue };
            if url.trim().is_empty() {
                continue;
            }
            let Some(problem) = problem(ctx, url) else {
                continue;
            };
            out.push(
                Finding::new(&v.loc, format!("{key} `{url}` of {} {problem}", idp_label(idp)))
                    .help("Cognito calls IdPs over https on port 443 (or 80) only")
                    .note("otherwise discovery, the token exchange or the JWKS fetch fails (cognito-facts §5.3, §8.D26)"),
            );
        }
    }
    out
}

/// What is wrong with `url` as an IdP endpoint, if anything.
fn problem(ctx: &Ctx, url: &str) -> Option<String> {
    let uri = Uri::parse(url);
    let (Some(scheme), Some(host)) = (uri.scheme, uri.host.filter(|h| !h.is_empty())) else {
        return Some("is not an absolute https URL".to_string());
    };
    if !scheme.eq_ignore_ascii_case("https") {
        if is_local_stand_in(ctx, url) {
            return None;
        }
        let mut why = format!("uses `{scheme}`, not https");
        if is_loopback_host(host) {
            why.push_str(" (loopback http is accepted only for Local Cognito, with a [local] section)");
        }
        return Some(why);
    }
    match uri.port {
        Some(p) if !p.is_empty() && p != "443" && p != "80" => Some(format!("uses port {p}")),
        _ => None,
    }
}
