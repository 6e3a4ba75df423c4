use crate::declare_rule;
use crate::model::UserinfoResponseStrategy;
use crate::rules::support::upstreams;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// The upstream IdP answers Cognito the way Cognito reads it:
    /// - its userinfo response is a plain JSON object (`userinfo_response_strategy = "plainJson"`), not a
    ///   signed or encrypted JWT, and not "claims only from the token endpoint";
    /// - its token responses say `token_type` `Bearer` (compared without regard to case, as RFC 6749 §5.1 says).
    ///
    /// # Why it matters
    /// After the code exchange Cognito calls the IdP's userinfo endpoint with the access token and expects a JSON
    /// object of claims; it also rejects token responses without a Bearer token type. Idura Verify documents the
    /// resulting error, `invalid token_type in idp oauth response`, and its fix: set the user info response
    /// strategy to `plainJson`. Federated sign-in fails until then.
    ///
    /// # Example
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// userinfo_response_strategy = "fromTokenEndpoint"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[upstream_idps]]
    /// provider_name = "Idura"
    /// userinfo_response_strategy = "plainJson"
    /// token_type = "Bearer"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.3 ("The userinfo response must be a JSON object of claims"; `token_type` expectation,
    /// UNCONFIRMED there); the Idura Verify guide (seed: "Common errors: invalid token_type in idp oauth
    /// response ... configured as plainJson"); RFC 6749 §5.1; OpenID Connect Core §5.3.2.
    pub static RULE = {
        id: "idp-userinfo-not-plain-json",
        group: Broken,
        severity: Error,
        summary: "the upstream IdP's userinfo is not plain JSON, or its token_type is not Bearer",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (up, _, label) in upstreams(ctx) {
        if let Some(s) = &up.userinfo_response_strategy
            && let Some(strategy) = s.get()
            && *strategy != UserinfoResponseStrategy::PlainJson
        {
            let (name, why) = match strategy {
                UserinfoResponseStrategy::SignedJwt => ("signedJwt", "a signed JWT, not a JSON object"),
                UserinfoResponseStrategy::SignedAndEncryptedJwt => {
                    ("signedAndEncryptedJwt", "an encrypted JWT, not a JSON object")
                }
                _ => (
                    "fromTokenEndpoint",
                    "no usable userinfo response: claims only come embedded in the id_token",
                ),
            };
            out.push(
                Finding::new(&s.loc, format!("{label} uses the userinfo strategy `{name}`: Cognito gets {why}"))
                    .help("set the IdP's user info response strategy to plain JSON (`plainJson`)")
                    .note("Cognito reads claims from a plain JSON userinfo response; Idura Verify reports `invalid token_type in idp oauth response` otherwise"),
            );
        }
        if let Some(t) = &up.token_type
            && let Some(token_type) = t.as_str()
            && !token_type.eq_ignore_ascii_case("bearer")
        {
            out.push(
                Finding::new(&t.loc, format!("{label} returns token_type `{token_type}`; Cognito expects `Bearer`"))
                    .help("configure the IdP to issue Bearer access tokens to this client")
                    .note("Cognito fails the federation with `invalid token_type in idp oauth response` (cognito-facts §5.3)"),
            );
        }
    }
    out
}
