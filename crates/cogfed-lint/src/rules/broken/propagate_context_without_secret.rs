use crate::de::known;
use crate::declare_rule;
use crate::rules::client_facts::{SecretState, secret_state};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// `enable_propagate_additional_user_context_data = true` only on a client with a client secret.
    ///
    /// # Why it matters
    /// Propagating the caller's IP address and device data to threat protection is trusted only from a
    /// confidential (server-side) client, which proves itself with the secret. The API rejects the setting on
    /// a client without a secret (`InvalidParameterException`), so the client is not created or updated.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// enable_propagate_additional_user_context_data = true
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// enable_propagate_additional_user_context_data = false
    /// ```
    ///
    /// # Source
    /// cognito-facts §4 (EnablePropagateAdditionalUserContextData: "only for clients with a secret");
    /// linter-anchors A4 (doc string), A6.
    pub static RULE = {
        id: "propagate-context-without-secret",
        group: Broken,
        severity: Error,
        summary: "EnablePropagateAdditionalUserContextData on a client without a secret",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let Some(flag) = &client.enable_propagate_additional_user_context_data else {
            continue;
        };
        if known(&client.enable_propagate_additional_user_context_data) != Some(&true)
            || secret_state(client) != SecretState::No
        {
            continue;
        }
        let mut f = Finding::new(
            &flag.loc,
            format!(
                "{} propagates additional user context data but has no client secret",
                ctx.client_label(index)
            ),
        )
        .help("set it to false, or use it on a server-side client created with generate_secret = true");
        if let Some(g) = &client.generate_secret {
            f = f.related(&g.loc, "generate_secret is false");
        }
        out.push(f.note("the API accepts this setting only on clients with a secret (cognito-facts §4)"));
    }
    out
}
