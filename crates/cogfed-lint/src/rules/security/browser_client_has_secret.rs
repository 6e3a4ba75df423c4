use crate::ctx::BrowserReason;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The app client the SPA uses (`[spa] client_id`) has no client secret: neither `generate_secret = true`
    /// nor a `client_secret`.
    ///
    /// # Why it matters
    /// A browser cannot keep a secret: anything shipped to it is public, so a secret gives no protection and
    /// leaks a credential. Cognito also insists on the secret at `/oauth2/token` for such a client, so a public
    /// SPA gets `invalid_client` ("Client ... is configured for secret but secret was not received").
    /// `GenerateSecret` is immutable: create a new client without a secret.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// generate_secret = true
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// generate_secret = false
    ///
    /// [spa]
    /// client_id = "web"
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (GenerateSecret: "SPAs must use false"), §8.B8, §9; linter-anchors A6;
    /// draft-ietf-oauth-browser-based-apps ("Client Authentication").
    pub static RULE = {
        id: "browser-client-has-secret",
        group: Security,
        severity: Error,
        summary: "the client a browser uses has a client secret",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        if ctx.browser_reason(index) != Some(BrowserReason::SpaSettings) {
            continue;
        }
        let secret_loc = match (&client.generate_secret, &client.client_secret) {
            (Some(g), _) if g.get() == Some(&true) => Some(&g.loc),
            (_, Some(s)) => Some(&s.loc),
            _ => None,
        };
        let Some(loc) = secret_loc else { continue };
        let mut f = Finding::new(loc, format!("{} is used by the SPA but has a client secret", ctx.client_label(index)))
            .help("create a new app client with generate_secret = false (the setting is immutable) and point the SPA at it")
            .note("a secret in a browser is public; Cognito then requires it at /oauth2/token, so the SPA gets invalid_client");
        if let Some(spa) = &ctx.integration.spa {
            f = f.related(&spa.loc, "the SPA settings");
        }
        out.push(f);
    }
    out
}
