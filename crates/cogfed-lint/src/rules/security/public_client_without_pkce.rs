use crate::de::{known, known_str};
use crate::declare_rule;
use crate::rules::client_facts::{SecretState, rp_client, rp_label, secret_state};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A relying party that is a public client of Cognito (`client_auth_method = "none"`, no client secret, or
    /// an app client without a secret) does not turn PKCE off (`pkce = false`). The SPA always uses PKCE S256
    /// (cogfed-auth has no switch for it), and an upstream IdP that registers Cognito as a public client is
    /// reported by `idp-upstream-client-public`, because Cognito never sends PKCE to IdPs.
    ///
    /// # Why it matters
    /// Cognito has no setting that makes PKCE mandatory, so it accepts a public client's code exchange without
    /// a verifier. Without PKCE, an authorization code stolen from a redirect (browser history, logs, a
    /// malicious app registered for the same custom scheme) can be redeemed by anyone who knows the public
    /// client id. RFC 9700 requires PKCE for public clients.
    ///
    /// # Example
    /// ```toml
    /// [[relying_parties]]
    /// name = "mobile"
    /// kind = "generic"
    /// client_auth_method = "none"
    /// pkce = false
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[relying_parties]]
    /// name = "mobile"
    /// kind = "generic"
    /// client_auth_method = "none"
    /// pkce = true
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`code_challenge_method`: only S256), §1.2 (public clients); linter-anchors A4
    /// ("There is no field that makes PKCE mandatory"); RFC 9700 §2.1.1; RFC 7636.
    pub static RULE = {
        id: "public-client-without-pkce",
        group: Security,
        severity: Error,
        summary: "a public client (no secret) signs in without PKCE",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rp, _) in ctx.relying_parties() {
        let Some(pkce) = &rp.pkce else { continue };
        if known(&rp.pkce) != Some(&false) {
            continue;
        }
        let why = if known_str(&rp.client_auth_method) == Some("none") {
            "its client_auth_method is none".to_string()
        } else if known(&rp.has_client_secret) == Some(&false) {
            "it has no client secret".to_string()
        } else {
            match rp_client(ctx, rp).and_then(|i| ctx.client(i).map(|c| (i, c))) {
                Some((i, c)) if secret_state(c) == SecretState::No => {
                    format!("{} has no secret", ctx.client_label(i))
                }
                _ => continue,
            }
        };
        out.push(
            Finding::new(
                &pkce.loc,
                format!("{} is a public client ({why}) and has PKCE turned off", rp_label(rp)),
            )
            .help("turn PKCE on with code_challenge_method=S256 (the only method Cognito supports)")
            .note("Cognito does not require PKCE, so a stolen code can be redeemed with the public client id (RFC 9700 §2.1.1)"),
        );
    }
    out
}
