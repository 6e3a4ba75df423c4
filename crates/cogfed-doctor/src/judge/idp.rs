//! An upstream OIDC IdP's discovery document against what Cognito needs of it (cognito-facts §5.2, §5.3,
//! §8.D24-D27) and against the identity provider's configuration in the pool.

use super::{Document, list, string, strings};
use crate::plan::{IdpTarget, MANUAL_ENDPOINTS};
use crate::rules::LiveRule;
use crate::url::{is_https, is_loopback};
use cogfed_lint::Finding;

/// What a run needs from the document after judging it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovered {
    /// `authorization_endpoint`, when present.
    pub authorization_endpoint: Option<String>,
    /// The JWKS Cognito reads: the manual `jwks_uri`, else the document's.
    pub jwks_uri: Option<String>,
}

/// ID token signing algorithms Cognito accepts: RSA, ECDSA and HMAC (cognito-facts §5.3, check 1).
pub const COGNITO_ID_TOKEN_ALGS: &[&str] = &[
    "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512",
];

/// Judges the discovery document `doc` of `t`, fetched from `url`.
pub fn judge_discovery(t: &IdpTarget, url: &str, doc: &Document) -> (Vec<Finding>, Discovered) {
    let mut out = Vec::new();
    let at = &t.issuer.loc;
    let label = &t.label;
    let configured = t.effective_issuer.as_str();
    let stand_in = match t.issuer.as_str() {
        Some(written) if written != configured => {
            format!(" (Local Cognito stands in for `{written}` at `{configured}`)")
        }
        _ => String::new(),
    };

    // Issuer, byte for byte (cognito-facts §5.3 check 4, §8.D24).
    match string(doc, "issuer") {
        Some(issuer) if issuer == configured => {}
        Some(issuer) => {
            let slash = issuer.trim_end_matches('/') == configured.trim_end_matches('/');
            let message = if slash {
                format!(
                    "the discovery issuer of {label} is `{issuer}`, the configured oidc_issuer `{configured}`{stand_in}: they differ only by a trailing slash"
                )
            } else {
                format!(
                    "the discovery issuer of {label} is `{issuer}`, not the configured oidc_issuer `{configured}`{stand_in}"
                )
            };
            out.push(
                LiveRule::IdpIssuerMismatch
                    .at(at, message)
                    .help(format!("set oidc_issuer to exactly `{issuer}`"))
                    .note("Cognito compares the IdP ID token's `iss` with oidc_issuer exactly: federation fails with \"Bad id_token issuer\" (cognito-facts §5.3, §8.D24)")
                    .note(format!("from {url}")),
            );
        }
        None => out.push(
            LiveRule::IdpIssuerMismatch
                .at(
                    at,
                    format!("the discovery document of {label} has no `issuer` (at {url})"),
                )
                .help("the IdP must publish its issuer; check that the URL is its OpenID discovery document"),
        ),
    }

    // Endpoints: present (unless configured by hand), HTTPS, and equal to the manual ones.
    for (_, key) in MANUAL_ENDPOINTS {
        let manual = t.manual(key);
        match (string(doc, key), manual) {
            (None, None) => out.push(
                LiveRule::IdpEndpointMissing
                    .at(at, format!("the discovery document of {label} has no `{key}`"))
                    .help(format!(
                        "publish `{key}` in discovery, or configure it by hand in provider_details"
                    ))
                    .note(format!("from {url}")),
            ),
            (None, Some(_)) => {}
            (Some(value), manual) => {
                if !is_https(value) && !is_loopback(value) {
                    out.push(
                        LiveRule::IdpEndpointNotHttps
                            .at(at, format!("the `{key}` of {label} is not HTTPS: `{value}`"))
                            .help("serve every endpoint over HTTPS (behind a proxy: forward the scheme)")
                            .note(
                                "\"must all be HTTPS, otherwise the login will fail\" (cognito-facts §5.3)",
                            ),
                    );
                }
                if let Some(m) = manual
                    && let Some(written) = m.value.as_str()
                    && written != value
                {
                    out.push(
                        LiveRule::IdpManualEndpointDiffers
                            .at(
                                &m.value.loc,
                                format!(
                                    "{} `{written}` of {label} differs from its discovery document's `{key}` `{value}`",
                                    m.key
                                ),
                            )
                            .help(format!("set {} to `{value}`, or drop the manual endpoints", m.key)),
                    );
                }
            }
        }
    }

    // client_secret_post (cognito-facts §5.3, §8.D25).
    match strings(doc, "token_endpoint_auth_methods_supported") {
        Some(methods) if methods.contains(&"client_secret_post") => {}
        Some(methods) => out.push(
            LiveRule::IdpTokenAuthMethod
                .at(
                    at,
                    format!(
                        "{label} accepts {} at its token endpoint, not client_secret_post, the only method Cognito uses",
                        if methods.is_empty() { "no method".to_owned() } else { list(&methods) }
                    ),
                )
                .help("enable client_secret_post (the secret in the request body) for the application registered for Cognito")
                .note("sign-in fails with `error_description=[IdP name] Error - 401 error getting token` (cognito-facts §8.D25)"),
        ),
        None => out.push(
            LiveRule::NotChecked
                .at(
                    at,
                    format!(
                        "the discovery document of {label} has no token_endpoint_auth_methods_supported (its default is client_secret_basic only): client_secret_post could not be confirmed"
                    ),
                )
                .help("confirm that the IdP accepts client_secret_post, Cognito's only method (cognito-facts §5.3)"),
        ),
    }

    // response_type=code.
    let response_types = strings(doc, "response_types_supported");
    if !response_types.as_ref().is_some_and(|r| r.contains(&"code")) {
        let what = match &response_types {
            Some(r) if !r.is_empty() => format!("supports response types {} but not `code`", list(r)),
            _ => "has no response_types_supported".to_owned(),
        };
        out.push(
            LiveRule::IdpResponseType
                .at(at, format!("the discovery document of {label} {what}"))
                .help("enable the authorization code flow for the application registered for Cognito"),
        );
    }

    // Scopes Cognito sends.
    if let Some(supported) = strings(doc, "scopes_supported") {
        let scopes = t.scope_list();
        let missing: Vec<&str> = scopes
            .iter()
            .map(String::as_str)
            .filter(|s| !supported.contains(s))
            .collect();
        if !missing.is_empty() {
            let loc = t.scopes.as_ref().map_or(at, |s| &s.loc);
            out.push(
                LiveRule::IdpScopeUnsupported
                    .at(
                        loc,
                        format!(
                            "{label} does not list {} in scopes_supported; Cognito requests {}",
                            list(&missing),
                            list(&scopes.iter().map(String::as_str).collect::<Vec<_>>())
                        ),
                    )
                    .help("request only scopes the IdP supports (authorize_scopes), or confirm the scope with the IdP")
                    .note("an unknown scope fails the sign-in with invalid_scope (cognito-facts §8.A3)"),
            );
        }
    }

    // Claims the mapping reads.
    if let Some(supported) = strings(doc, "claims_supported") {
        for c in t.claims.iter().filter(|c| !supported.contains(&c.claim.as_str())) {
            let (rule, why) = if c.required {
                (
                    LiveRule::IdpRequiredClaimMissing,
                    format!(
                        "; `{}` is required in the pool, so every federated sign-in fails with `attributes required: [{}]`",
                        c.attribute, c.attribute
                    ),
                )
            } else {
                (LiveRule::IdpClaimUnsupported, String::new())
            };
            out.push(
                rule.at(
                    &c.loc,
                    format!(
                        "the attribute mapping reads claim `{}` for `{}`, which {label} does not list in claims_supported{why}",
                        c.claim, c.attribute
                    ),
                )
                .help(if c.required {
                    "have the IdP release the claim, or use a pool where the attribute is not required"
                } else {
                    "map a claim the IdP releases, or confirm the claim with the IdP"
                })
                .note("Cognito maps claims from the IdP's ID token and userInfo answer (cognito-facts §5.3, §5.4)"),
            );
        }
    }

    // ID token signing algorithm.
    let algs = strings(doc, "id_token_signing_alg_values_supported");
    if !algs
        .as_ref()
        .is_some_and(|a| a.iter().any(|x| COGNITO_ID_TOKEN_ALGS.contains(x)))
    {
        let what = match &algs {
            Some(a) if !a.is_empty() => format!("signs ID tokens with {} only", list(a)),
            _ => "has no id_token_signing_alg_values_supported".to_owned(),
        };
        out.push(
            LiveRule::IdpSigningAlg
                .at(
                    at,
                    format!("{label} {what}; Cognito accepts RSA, ECDSA and HMAC (RS256, ES256, HS256...)"),
                )
                .help("sign the ID tokens of the application registered for Cognito with RS256")
                .note("cognito-facts §5.3 (check 1), §8.D27"),
        );
    }

    // Userinfo as a JWT.
    let signed: Vec<&str> = [
        "userinfo_signing_alg_values_supported",
        "userinfo_encryption_alg_values_supported",
    ]
    .into_iter()
    .filter(|k| strings(doc, k).is_some_and(|v| !v.is_empty()))
    .collect();
    if !signed.is_empty() {
        out.push(
            LiveRule::IdpUserinfoSigned
                .at(
                    at,
                    format!(
                        "{label} advertises {}: its userinfo answer can be a JWT, and Cognito reads only plain JSON",
                        list(&signed)
                    ),
                )
                .help("make the application registered for Cognito answer userinfo with plain JSON (Idura: User info response strategy = plainJson)")
                .note("a JWT answer fails the federation: `invalid token_type in idp oauth response` (cognito-facts §5.3; the Idura Verify guide)"),
        );
    }

    let jwks_uri = t
        .manual("jwks_uri")
        .and_then(|m| m.value.as_str().map(str::to_owned))
        .or_else(|| string(doc, "jwks_uri").map(str::to_owned));
    let discovered = Discovered {
        authorization_endpoint: string(doc, "authorization_endpoint").map(str::to_owned),
        jwks_uri,
    };
    (out, discovered)
}
