use crate::de::{Located, items};
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An app client's `DefaultRedirectURI` is one of its `CallbackURLs`, byte for byte.
    ///
    /// # Why it matters
    /// The API requires it ("must be in the CallbackURLs list"); a client with one identity provider uses it in
    /// place of the request's `redirect_uri`, so a default that is not registered breaks sign-in.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    /// default_redirect_uri = "https://app.example.com/callback/"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// callback_urls = ["https://app.example.com/callback"]
    /// default_redirect_uri = "https://app.example.com/callback"
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (DefaultRedirectURI); linter-anchors A4, A6.
    pub static RULE = {
        id: "default-redirect-not-in-callbacks",
        group: Broken,
        severity: Error,
        summary: "DefaultRedirectURI is not one of the client's CallbackURLs",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, client_loc) in ctx.clients() {
        let Some(default) = client.default_redirect_uri.as_ref() else {
            continue;
        };
        let Some(d) = default.as_str() else { continue };
        if client.callback_urls.as_ref().is_some_and(Located::is_unknown)
            || items(&client.callback_urls).iter().any(Located::is_unknown)
        {
            continue;
        }
        if items(&client.callback_urls).iter().any(|u| u.as_str() == Some(d)) {
            continue;
        }
        let list_loc = client.callback_urls.as_ref().map_or(client_loc, |l| &l.loc);
        let near = super::spa_redirect_uri_not_registered::near_miss(
            d,
            items(&client.callback_urls).iter().filter_map(Located::as_str),
        );
        let mut f = Finding::new(
            &default.loc,
            format!(
                "DefaultRedirectURI `{d}` of {} is not in its CallbackURLs",
                ctx.client_label(index)
            ),
        )
        .related(list_loc, "CallbackURLs");
        f = match near {
            Some((candidate, why)) => f.help(format!("did you mean `{candidate}`? they differ in {why}")),
            None => f.help("add it to CallbackURLs or pick one of them"),
        };
        out.push(f);
    }
    out
}
