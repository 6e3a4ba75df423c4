use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::{Uri, is_loopback_host};

declare_rule! {
    /// # What it checks
    /// `CallbackURLs`, `LogoutURLs` and `DefaultRedirectURI` entries use `https`, except plain `http` on the
    /// loopback hosts `localhost`, `127.0.0.1` and `[::1]` (any port). App schemes (`myapp://`) are fine.
    ///
    /// # Why it matters
    /// The authorization code travels in the redirect; over plain http anyone on the network path can read
    /// it. Cognito's API documentation requires HTTPS except for loopback testing, and RFC 9700 §2.6 forbids
    /// http redirect URIs.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["http://app.example.com/callback"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback", "http://localhost:5173/callback"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (CallbackURLs: "HTTPS except http://localhost, http://127.0.0.1, http://[::1]"), §9;
    /// linter-anchors A4, A6; RFC 9700 §2.6.
    pub static RULE = {
        id: "uri-insecure-scheme",
        group: Security,
        severity: Error,
        summary: "a callback/logout URL uses http on a non-loopback host",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (client, field, url) in ctx.client_urls() {
        let Some(u) = url.as_str() else { continue };
        let uri = Uri::parse(u);
        let Some(scheme) = uri.scheme else { continue };
        if !scheme.eq_ignore_ascii_case("http") {
            continue;
        }
        let Some(host) = uri.host.filter(|h| !h.is_empty()) else {
            continue;
        };
        if is_loopback_host(host) {
            continue;
        }
        out.push(
            Finding::new(
                &url.loc,
                format!(
                    "{field} entry `{u}` of {} uses http on `{host}`",
                    ctx.client_label(client)
                ),
            )
            .help(format!("use `https://{}`", u.get(7..).unwrap_or(""))),
        );
    }
    out
}
