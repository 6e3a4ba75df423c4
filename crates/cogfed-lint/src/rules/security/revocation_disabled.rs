use crate::ctx::BrowserReason;
use crate::de::known;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client a browser uses does not turn token revocation off (`enable_token_revocation = false`). Absent
    /// is fine: new clients have revocation on.
    ///
    /// # Why it matters
    /// Signing out of an SPA means revoking its refresh token at `/oauth2/revoke`, which also invalidates the
    /// access and ID tokens issued from it. With revocation off, `/oauth2/revoke` answers `invalid_request`, and
    /// a refresh token copied from the browser keeps working after the user signed out, until it expires.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// enable_token_revocation = false
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// enable_token_revocation = true
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.4 (`/oauth2/revoke`), §3.4 (revocation), §8.C22, §9 ("EnableTokenRevocation=true when
    /// the app revokes"); linter-anchors A6; RFC 9700 §4.14.
    pub static RULE = {
        id: "revocation-disabled",
        group: Security,
        severity: Warning,
        summary: "a client a browser uses has token revocation turned off",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(reason) = ctx.browser_reason(index) else {
            continue;
        };
        let Some(flag) = &client.enable_token_revocation else {
            continue;
        };
        if known(&client.enable_token_revocation) != Some(&false) {
            continue;
        }
        let why = match reason {
            BrowserReason::SpaSettings => "the SPA uses it",
            BrowserReason::PublicWebClient => "it has no secret and web callback URLs",
        };
        out.push(
            Finding::new(
                &flag.loc,
                format!(
                    "{} has token revocation turned off, and a browser uses it ({why})",
                    ctx.client_label(index)
                ),
            )
            .help("set enable_token_revocation = true so sign-out can revoke the refresh token")
            .note("/oauth2/revoke then answers invalid_request and refresh tokens outlive sign-out (cognito-facts §8.C22)"),
        );
    }
    out
}
