use crate::de::{Loc, known};
use crate::declare_rule;
use crate::rules::client_facts::{SecretState, rp_client, rp_label, secret_state};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A relying party authenticates at Cognito's token endpoint the way its app client expects:
    /// - a client with a secret needs `client_secret_basic` or `client_secret_post` and the secret;
    /// - a client without a secret needs `none`: `client_id` in the body and no secret;
    /// - Cognito supports no other method (`private_key_jwt`, `client_secret_jwt`, `tls_client_auth`).
    ///
    /// The relying party's side comes from its `client_auth_method` (FusionAuth's
    /// `clientAuthenticationMethod`) and whether it was given a secret (`has_client_secret`; Pomerium's
    /// `idp_client_secret`).
    ///
    /// # Why it matters
    /// Every mismatch ends in `invalid_client` at `/oauth2/token` after the user has signed in: a confidential
    /// client without its secret gets "Client ... is configured for secret but secret was not received", and a
    /// public client presented with a secret (or an `Authorization: Basic` header with an empty secret) fails
    /// client authentication.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "fusionauth"
    /// generate_secret = true
    ///
    /// [[relying_parties]]
    /// name = "fusionauth"
    /// kind = "fusionauth"
    /// client_id = "fusionauth"
    /// client_auth_method = "none"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "fusionauth"
    /// generate_secret = true
    ///
    /// [[relying_parties]]
    /// name = "fusionauth"
    /// kind = "fusionauth"
    /// client_id = "fusionauth"
    /// has_client_secret = true
    /// client_auth_method = "client_secret_basic"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.2 (client authentication), §1.7 (`token_endpoint_auth_methods_supported`), §8.B8;
    /// linter-anchors A4 ("Token endpoint auth of Cognito itself"); seed Cognito -> FusionAuth.
    pub static RULE = {
        id: "rp-client-auth-mismatch",
        group: Broken,
        severity: Error,
        summary: "a relying party's token endpoint authentication does not fit its client's secret",
        check: check,
    };
}

const SECRET_METHODS: &[&str] = &["client_secret_basic", "client_secret_post"];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rp, rp_loc) in ctx.relying_parties() {
        let method = rp
            .client_auth_method
            .as_ref()
            .and_then(|m| m.as_str().map(|s| (s, &m.loc)));
        if let Some((m, loc)) = method
            && m != "none"
            && !SECRET_METHODS.contains(&m)
        {
            out.push(
                Finding::new(
                    loc,
                    format!("{} authenticates with `{m}`, which Cognito does not support", rp_label(rp)),
                )
                .help("use client_secret_basic or client_secret_post (client with a secret), or none (client without)")
                .note("Cognito's discovery lists token_endpoint_auth_methods_supported = client_secret_basic, client_secret_post (cognito-facts §1.7)"),
            );
            continue;
        }
        let Some(index) = rp_client(ctx, rp) else { continue };
        let Some(client) = ctx.client(index) else { continue };
        let has_secret = known(&rp.has_client_secret).copied();
        let label = ctx.client_label(index);
        // Where the relying party says how it authenticates: the method, else the secret setting.
        let rp_at: Loc = match (method, &rp.has_client_secret) {
            (Some((_, loc)), _) => loc.clone(),
            (None, Some(h)) => h.loc.clone(),
            (None, None) => rp_loc.clone(),
        };
        let public_rp = method.is_some_and(|(m, _)| m == "none") || has_secret == Some(false);
        let confidential_rp =
            method.is_some_and(|(m, _)| SECRET_METHODS.contains(&m)) || has_secret == Some(true);
        match secret_state(client) {
            SecretState::Yes(secret_loc) if public_rp && !confidential_rp => {
                out.push(
                    Finding::new(
                        &rp_at,
                        format!(
                            "{} sends no client secret, but {label} has one",
                            rp_label(rp)
                        ),
                    )
                    .related(secret_loc, "the client's secret")
                    .help("give the relying party the client secret with client_secret_basic or client_secret_post, or use a client without a secret")
                    .note("Cognito answers invalid_client: \"Client ... is configured for secret but secret was not received\" (cognito-facts §8.B8)"),
                );
            }
            SecretState::No if confidential_rp && !public_rp => {
                let how = method.map_or_else(|| "a client secret".to_string(), |(m, _)| format!("`{m}`"));
                let mut f = Finding::new(
                    &rp_at,
                    format!("{} authenticates with {how}, but {label} has no secret", rp_label(rp)),
                )
                .help("set the relying party's client authentication to none (client_id in the body, PKCE), or use a client created with generate_secret = true")
                .note("a public client sends only client_id; a secret or an Authorization: Basic header fails with invalid_client (cognito-facts §1.2)");
                if let Some(c) = ctx.integration.clients.get(index) {
                    f = f.related(&c.loc, "the client");
                }
                out.push(f);
            }
            _ => {}
        }
    }
    out
}
