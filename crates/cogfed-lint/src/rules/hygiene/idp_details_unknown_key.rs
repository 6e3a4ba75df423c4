use crate::declare_rule;
use crate::rules::support::{detail_keys, details, idp_label, is_describe_output};
use crate::rules::{Ctx, Finding};
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// Every key of an OIDC or social identity provider's `provider_details` is one its type takes:
    /// - an unknown key is reported with the key it probably meant; the OpenID discovery names
    ///   (`authorization_endpoint`, `token_endpoint`, `userinfo_endpoint`, `issuer`) map to Cognito's
    ///   (`authorize_url`, `token_url`, `attributes_url`, `oidc_issuer`);
    /// - a read-only key that Cognito sets itself is reported where you write it (manifest, CloudFormation):
    ///   `attributes_url_add_attributes` on any provider, and for Google, Facebook, Apple and Login with Amazon
    ///   also `authorize_url`, `token_url`, `attributes_url`, `token_request_method` and `oidc_issuer`.
    ///   Describe output (`aws cognito-idp describe-identity-provider`) contains them legitimately and is not
    ///   reported.
    ///
    /// SAML providers are not checked (their detail keys are not covered by the reference).
    ///
    /// # Why it matters
    /// An unknown key is silently useless: `authorization_endpoint` does not set the authorize URL, so Cognito
    /// still relies on discovery and the configuration you meant is not in effect. Read-only keys make
    /// infrastructure code fight Cognito: CloudFormation drifts or fails the update, and Terraform shows a
    /// perpetual diff on `provider_details` (declare Cognito's values, or `ignore_changes`, there).
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "LinkedIn"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "x", client_secret = "y", authorize_scopes = "openid email", attributes_request_method = "GET", oidc_issuer = "https://www.linkedin.com/oauth", userinfo_endpoint = "https://api.linkedin.com/v2/userinfo" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "LinkedIn"
    /// provider_type = "OIDC"
    /// provider_details = { client_id = "x", client_secret = "y", authorize_scopes = "openid email", attributes_request_method = "GET", oidc_issuer = "https://www.linkedin.com/oauth", attributes_url = "https://api.linkedin.com/v2/userinfo" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.2 (OIDC keys, read-only `attributes_url_add_attributes`, keys Cognito adds to social
    /// providers), §7.7 and §8.E41 (Terraform perpetual diff, terraform-provider-aws issues 4831 and 42157);
    /// linter-anchors A4 ("attributes_url_add_attributes is read-only"), A6; terraform-provider-aws issue 34244
    /// (discovery names used as keys).
    pub static RULE = {
        id: "idp-details-unknown-key",
        group: Hygiene,
        severity: Warning,
        summary: "provider_details has a key its provider type does not take, or a read-only key",
        check: check,
    };
}

/// OpenID discovery metadata names people use for Cognito's keys.
const DISCOVERY_NAMES: &[(&str, &str)] = &[
    ("authorization_endpoint", "authorize_url"),
    ("token_endpoint", "token_url"),
    ("userinfo_endpoint", "attributes_url"),
    ("issuer", "oidc_issuer"),
    ("scope", "authorize_scopes"),
    ("scopes", "authorize_scopes"),
];

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, loc) in ctx.identity_providers() {
        let ptype = match &idp.provider_type {
            None => "OIDC",
            Some(t) => match t.as_str() {
                Some(t) => t,
                None => continue,
            },
        };
        if ptype == "SAML" {
            continue;
        }
        let Some(keys) = detail_keys(ptype) else { continue };
        let Some(map) = details(idp) else { continue };
        let label = idp_label(idp);
        let from_describe = is_describe_output(loc);
        for (k, _) in map.iter() {
            let Some(key) = k.as_str() else { continue };
            if keys.required.contains(&key) || keys.optional.contains(&key) {
                continue;
            }
            if keys.read_only.contains(&key) {
                if from_describe {
                    continue;
                }
                let mut f = Finding::new(
                    &k.loc,
                    format!("provider_details.{key} of {label} is read-only: Cognito sets it and returns it from Describe"),
                )
                .help(format!("remove `{key}`"));
                f = if ptype == "OIDC" {
                    f.note("sending it makes CloudFormation drift or fail and Terraform show a perpetual diff (cognito-facts §5.2)")
                } else {
                    f.note(format!("Cognito fills it in for {ptype} providers; in Terraform declare Cognito's value or ignore_changes to stop the perpetual diff (cognito-facts §7.7, §8.E41)"))
                };
                out.push(f);
                continue;
            }
            let known_keys = keys.required.iter().chain(keys.optional).copied();
            let meant = DISCOVERY_NAMES
                .iter()
                .find(|(from, _)| *from == key)
                .map(|(_, to)| *to)
                .filter(|to| keys.required.contains(to) || keys.optional.contains(to))
                .or_else(|| suggest(key, known_keys));
            let mut f = Finding::new(
                &k.loc,
                format!("provider_details of {label} has the unknown key `{key}`"),
            );
            f = match meant {
                Some(m) => f.help(format!("did you mean `{m}`?")),
                None => f.help(format!(
                    "{ptype} providers take {}",
                    keys.required
                        .iter()
                        .chain(keys.optional)
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            out.push(f.note("Cognito does not use it, so the setting you meant is not in effect"));
        }
    }
    out
}
