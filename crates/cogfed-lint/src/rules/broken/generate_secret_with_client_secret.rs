use crate::de::known;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A client does not set both `generate_secret = true` and its own `client_secret`.
    ///
    /// # Why it matters
    /// `ClientSecret` lets you bring your own secret; `GenerateSecret = true` asks Cognito to make one. The API
    /// accepts one or the other and rejects the request with both (`InvalidParameterException`), so the client
    /// is never created. Keep `client_secret` with `generate_secret = false` (or absent) to supply a secret, or
    /// drop `client_secret` to let Cognito generate it.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "backend"
    /// generate_secret = true
    /// client_secret = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "backend"
    /// client_secret = "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.5 (client secret), §4 (GenerateSecret: "Can't be combined with a custom ClientSecret");
    /// linter-anchors A4 ("GenerateSecret=true and an explicit ClientSecret cannot both be given").
    pub static RULE = {
        id: "generate-secret-with-client-secret",
        group: Broken,
        severity: Error,
        summary: "generate_secret = true together with a custom client_secret",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let (Some(generate), Some(secret)) = (&client.generate_secret, &client.client_secret) else {
            continue;
        };
        if known(&client.generate_secret) != Some(&true) {
            continue;
        }
        out.push(
            Finding::new(
                &secret.loc,
                format!(
                    "{} sets its own client_secret and also generate_secret = true",
                    ctx.client_label(index)
                ),
            )
            .related(&generate.loc, "generate_secret = true")
            .help("keep one: remove client_secret to let Cognito generate the secret, or set generate_secret = false to supply your own")
            .note("the API rejects GenerateSecret=true together with ClientSecret (cognito-facts §4)"),
        );
    }
    out
}
