use super::spa_redirect_uri_not_registered::near_miss;
use crate::de::{Located, items};
use crate::declare_rule;
use crate::rules::client_facts::{list_complete, list_has, rp_client, rp_label};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The callback URL of every relying party that uses Cognito as its IdP (Pomerium's
    /// `{authenticate_service_url}/oauth2/callback`, a `[[relying_parties]] callback_url`) is one of the
    /// `CallbackURLs` of the app client it names, compared byte for byte. The help names a near miss (trailing
    /// slash, letter case, scheme, port).
    ///
    /// # Why it matters
    /// The relying party sends its callback as `redirect_uri`; Cognito accepts only an exact registered value
    /// and otherwise stops on its own `/error?error=redirect_mismatch` page, so nobody can sign in to the
    /// product behind it.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "pomerium"
    /// callback_urls = ["https://authenticate.example.com/oauth2/callback/"]
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// kind = "pomerium"
    /// client_id = "pomerium"
    /// callback_url = "https://authenticate.example.com/oauth2/callback"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "pomerium"
    /// callback_urls = ["https://authenticate.example.com/oauth2/callback"]
    ///
    /// [[relying_parties]]
    /// name = "pomerium"
    /// kind = "pomerium"
    /// client_id = "pomerium"
    /// callback_url = "https://authenticate.example.com/oauth2/callback"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.1 (`redirect_uri`), §4 (CallbackURLs), §8.A1; seeds: Cognito -> Pomerium,
    /// Cognito -> FusionAuth, Cognito -> Cloudentity (each registers the product's callback in Cognito).
    pub static RULE = {
        id: "rp-callback-not-registered",
        group: Broken,
        severity: Error,
        summary: "a relying party's callback URL is not one of its client's CallbackURLs",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rp, _) in ctx.relying_parties() {
        let Some(callback) = rp.callback_url.as_ref() else {
            continue;
        };
        let Some(url) = callback.as_str() else { continue };
        let Some(index) = rp_client(ctx, rp) else {
            continue;
        };
        let Some(client) = ctx.client(index) else {
            continue;
        };
        if !list_complete(&client.callback_urls) || list_has(&client.callback_urls, url) {
            continue;
        }
        let label = ctx.client_label(index);
        let mut f = Finding::new(
            &callback.loc,
            format!(
                "the callback URL `{url}` of {} is not registered in the CallbackURLs of {label}",
                rp_label(rp)
            ),
        );
        match &client.callback_urls {
            Some(list) => f = f.related(&list.loc, "CallbackURLs"),
            None => {
                if let Some(c) = ctx.integration.clients.get(index) {
                    f = f.related(&c.loc, "the client has no CallbackURLs");
                }
            }
        }
        let registered = items(&client.callback_urls).iter().filter_map(Located::as_str);
        f = match near_miss(url, registered) {
            Some((candidate, why)) => f.help(format!(
                "registered is `{candidate}`, which differs in {why}; Cognito compares byte for byte"
            )),
            None => f.help(format!("add `{url}` to CallbackURLs of {label}")),
        };
        out.push(f.note("Cognito answers with /error?error=redirect_mismatch (cognito-facts §8.A1)"));
    }
    out
}
