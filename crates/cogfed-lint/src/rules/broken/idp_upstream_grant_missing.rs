use crate::declare_rule;
use crate::rules::support::{complete_strs, normalise_word, upstreams};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The upstream IdP's registration of Cognito enables the authorization code grant
    /// (`[[upstream_idps]] grant_types` contains `authorization_code`; `Authorization Code` as a console shows it
    /// is accepted).
    ///
    /// # Why it matters
    /// Cognito federates with the authorization code flow only: it sends the user to the IdP with
    /// `response_type=code` and redeems the code at the token endpoint. Without that grant the IdP refuses the
    /// authorize request (`unauthorized_client`) or the exchange (`[IdP name] Error - 401 error getting token`).
    ///
    /// # Example
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// grant_types = ["client_credentials"]
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Corp"
    /// grant_types = ["authorization_code", "refresh_token"]
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.6 (Cognito redeems the IdP's code), §8.D25 ("the grant isn't enabled in the IdP app");
    /// the Beyond Identity guide (seed: "Grant Type: Authorization Code") and the Idura Verify guide ("Enable
    /// OAuth2 Code Flow").
    pub static RULE = {
        id: "idp-upstream-grant-missing",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP's registration of Cognito lacks the authorization_code grant",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        let Some(list) = &up.grant_types else { continue };
        let Some(grants) = complete_strs(&up.grant_types) else {
            continue;
        };
        if grants.iter().any(|g| normalise_word(g) == "authorization_code") {
            continue;
        }
        let shown = if grants.is_empty() {
            "no grant".to_string()
        } else {
            grants
                .iter()
                .map(|g| format!("`{g}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push(
            Finding::new(
                &list.loc,
                format!("{label} enables {shown} for Cognito, but not authorization_code"),
            )
            .help("enable the authorization code grant for this client at the IdP")
            .note("Cognito federates with the authorization code flow only (cognito-facts §1.6)"),
        );
    }
    out
}
