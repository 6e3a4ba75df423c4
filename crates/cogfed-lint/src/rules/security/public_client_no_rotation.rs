use crate::ctx::BrowserReason;
use crate::declare_rule;
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client a browser uses has refresh token rotation on: `refresh_token_rotation = { feature = "ENABLED" }`.
    /// A client counts as used by a browser when the SPA settings name it, or when it has no secret, allows
    /// `code` or `implicit`, and has web callback URLs.
    ///
    /// # Why it matters
    /// A browser keeps its refresh token where scripts can reach it, and Cognito's refresh tokens live for
    /// days (30 by default). Without rotation a stolen refresh token mints new tokens until it expires; with
    /// rotation each refresh returns a new refresh token and invalidates the old one after the grace period,
    /// so reuse by a thief or by the app is detected. RFC 9700 requires public clients' refresh tokens to be
    /// sender-constrained or rotated; Cognito offers only rotation.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// refresh_token_rotation = { feature = "ENABLED", retry_grace_period_seconds = 10 }
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Source
    /// cognito-facts §3.4 (rotation), §4 (RefreshTokenRotation); linter-anchors A6 ("Public client with refresh
    /// tokens"); RFC 9700 §2.2.2, §4.14.2; draft-ietf-oauth-browser-based-apps ("Refresh Tokens").
    pub static RULE = {
        id: "public-client-no-rotation",
        group: Security,
        severity: Warning,
        summary: "a client a browser uses does not rotate refresh tokens",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, client_loc) in ctx.clients() {
        let Some(reason) = ctx.browser_reason(index) else {
            continue;
        };
        let at = match &client.refresh_token_rotation {
            None => missing(client_loc, "refresh_token_rotation", "RefreshTokenRotation"),
            Some(rotation) => match rotation.get() {
                None => continue,
                Some(r) => match &r.feature {
                    None => rotation.loc.clone(),
                    Some(feature) => match feature.as_str() {
                        Some("ENABLED") | None => continue,
                        Some(_) => feature.loc.clone(),
                    },
                },
            },
        };
        let why = match reason {
            BrowserReason::SpaSettings => "the SPA uses it",
            BrowserReason::PublicWebClient => "it has no secret and web callback URLs",
        };
        out.push(
            Finding::new(
                &at,
                format!(
                    "{} does not rotate refresh tokens, and a browser uses it ({why})",
                    ctx.client_label(index)
                ),
            )
            .help("set refresh_token_rotation = { feature = \"ENABLED\", retry_grace_period_seconds = 10 } (CloudFormation: RefreshTokenRotation: {Feature: ENABLED})")
            .note("a stolen refresh token then works until it expires (RFC 9700 §4.14.2)"),
        );
    }
    out
}
