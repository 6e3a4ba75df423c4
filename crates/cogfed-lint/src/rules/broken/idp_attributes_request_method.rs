use crate::declare_rule;
use crate::rules::support::{details, idp_label, is_oidc};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// An OIDC identity provider's `provider_details.attributes_request_method` is exactly `GET` or `POST`
    /// (upper case). A missing key is reported by `idp-details-missing-key`.
    ///
    /// # Why it matters
    /// It tells Cognito how to call the IdP's userinfo endpoint, whose claims feed the attribute mapping. Any
    /// other value (`get`, `Post`, `HEAD`, a URL pasted into the wrong field) is refused by the API or leaves
    /// Cognito unable to read the user's attributes, so federated sign-in fails.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { attributes_request_method = "get" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp"
    /// provider_type = "OIDC"
    /// provider_details = { attributes_request_method = "GET" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (`attributes_request_method`: `GET` or `POST`), §5.3 (userinfo call), §9
    /// ("attributes_request_method ∈ {GET, POST}"); linter-anchors A4, A6.
    pub static RULE = {
        id: "idp-attributes-request-method",
        group: Broken,
        severity: Error,
        summary: "attributes_request_method is not GET or POST",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        if !is_oidc(idp) {
            continue;
        }
        let Some(v) = details(idp).and_then(|d| d.get("attributes_request_method")) else {
            continue;
        };
        let Some(method) = v.as_str() else { continue };
        if method == "GET" || method == "POST" || method.trim().is_empty() {
            continue; // empty: idp-details-missing-key
        }
        let upper = method.trim().to_ascii_uppercase();
        let help = if upper == "GET" || upper == "POST" {
            format!("write it as `{upper}`")
        } else {
            "use `GET` (most IdPs) or `POST`, as the IdP's userinfo endpoint accepts".to_string()
        };
        out.push(
            Finding::new(
                &v.loc,
                format!(
                    "attributes_request_method of {} is `{method}`; Cognito accepts only `GET` or `POST`",
                    idp_label(idp)
                ),
            )
            .help(help),
        );
    }
    out
}
