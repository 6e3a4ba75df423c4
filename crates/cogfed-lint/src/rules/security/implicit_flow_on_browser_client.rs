use crate::ctx::BrowserReason;
use crate::de::items;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// No app client allows the `implicit` flow, whatever its secret and whoever uses it. The implicit flow is
    /// itself a browser flow: a client that allows it hands tokens to any browser sent to its authorize URL, so
    /// every such client is one a browser uses (issue 12: a client with a secret that allowed `implicit` went
    /// unreported, because "used by a browser" was inferred from "has no secret").
    ///
    /// # Why it matters
    /// The implicit grant returns tokens in the URL fragment: they end up in browser history, logs and
    /// `Referer` headers, and cannot be bound to the client. RFC 9700 and the browser-based-apps BCP say it
    /// MUST NOT be used; authorization code with PKCE (S256) replaces it. An allowed `implicit` is an attack
    /// surface even when the SPA itself uses `code`. CDK enables it by default.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code", "implicit"]
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// allowed_oauth_flows = ["code"]
    /// callback_urls = ["https://app.example.com/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (AllowedOAuthFlows), §9 ("preferably, no implicit"); linter-anchors A3 (CDK defaults),
    /// A6; RFC 9700 §2.1.2; draft-ietf-oauth-browser-based-apps ("OAuth Implicit Grant").
    pub static RULE = {
        id: "implicit-flow-on-browser-client",
        group: Security,
        severity: Warning,
        summary: "a client allows the implicit flow, which hands tokens to a browser",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        for flow in items(&client.allowed_oauth_flows) {
            if flow.as_str() != Some("implicit") {
                continue;
            }
            let why = match ctx.browser_reason(index) {
                Some(BrowserReason::SpaSettings) => "the SPA uses it",
                Some(BrowserReason::PublicWebClient) => "it has no secret and web callback URLs",
                None if ctx.hosted_ui_sign_in(index) => "its users sign in at the managed login page",
                None => "the implicit flow is deprecated for every client",
            };
            out.push(
                Finding::new(
                    &flow.loc,
                    format!(
                        "{} allows the implicit flow, which returns tokens to the browser ({why})",
                        ctx.client_label(index)
                    ),
                )
                .help("remove `implicit` and use `code` with PKCE (S256)")
                .note("implicit puts tokens in the URL fragment (RFC 9700 §2.1.2)"),
            );
        }
    }
    out
}
