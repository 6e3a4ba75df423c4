use crate::declare_rule;
use crate::model::ClientType;
use crate::rules::support::{complete_strs, normalise_word, upstreams};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The upstream IdP's registration of Cognito (`[[upstream_idps]] token_endpoint_auth_methods`) accepts
    /// `client_secret_post`, the only way Cognito authenticates to an IdP's token endpoint. Console spellings
    /// such as `Client Secret Post` are accepted. A registration that is simply public (`client_type =
    /// "public"` with only `none`) is rule `idp-upstream-client-public`'s.
    ///
    /// # Why it matters
    /// Cognito redeems the IdP's authorization code with `client_id` and `client_secret` in the form body and
    /// never with HTTP Basic, `private_key_jwt` or `client_secret_jwt`, and it does not read the IdP's
    /// `token_endpoint_auth_methods_supported`. An IdP that only allows Basic (the Beyond Identity guide's
    /// "Client Secret Basic") answers 401, and sign-in ends with
    /// `error_description=[IdP name] Error - 401 error getting token`.
    ///
    /// # Example
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "BeyondIdentity"
    /// token_endpoint_auth_methods = ["client_secret_basic"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "BeyondIdentity"
    /// token_endpoint_auth_methods = ["client_secret_post"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("Supports `client_secret_post` ... doesn't support `client_secret_basic`"), §1.6,
    /// §8.D25, §9; linter-anchors A4 (OIDC IdP requirements); the Beyond Identity guide (seed: "Token Endpoint
    /// Auth Method: Client Secret Basic").
    pub static RULE = {
        id: "idp-token-auth-method",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP does not accept client_secret_post, the only method Cognito uses",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        let Some(list) = &up.token_endpoint_auth_methods else {
            continue;
        };
        let Some(methods) = complete_strs(&up.token_endpoint_auth_methods) else {
            continue;
        };
        if methods.is_empty() {
            continue;
        }
        let normalised: Vec<String> = methods.iter().map(|m| normalise_word(m)).collect();
        if normalised.iter().any(|m| m == "client_secret_post") {
            continue;
        }
        let public = up.client_type.as_ref().and_then(|t| t.get()) == Some(&ClientType::Public);
        if public && normalised.iter().all(|m| m == "none") {
            continue; // idp-upstream-client-public
        }
        let shown = methods
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Finding::new(
                &list.loc,
                format!("{label} accepts {shown} at its token endpoint, but Cognito authenticates only with client_secret_post"),
            )
            .help("enable client_secret_post (client secret in the request body) for this client at the IdP")
            .note("sign-in fails with `error_description=[IdP name] Error - 401 error getting token` (cognito-facts §8.D25)"),
        );
    }
    out
}
