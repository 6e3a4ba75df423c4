use crate::de::known;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Reports, for information, a user pool whose `issuer_configuration.type` is `UPDATED` (tokens carry
    /// `iss = https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}`).
    ///
    /// # Why it matters
    /// AWS recommends the updated issuer (it is required for multi-Region replication), but it is not
    /// compatible with Application Load Balancer Cognito authentication or with API Gateway Cognito (REST)
    /// authorizers, and validators that hard-code the `cognito-idp.` host reject its tokens. Check that nothing
    /// in front of your APIs is one of those before switching.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// issuer_configuration = { type = "UPDATED" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// issuer_configuration = { type = "ORIGINAL" }
    /// ```
    ///
    /// (Or keep UPDATED and turn this rule off with `[lint.severity] updated-issuer-incompatible = "off"` once
    /// you have checked your ALBs and API Gateway authorizers.)
    ///
    /// # Source
    /// cognito-facts §2.4 ("Not compatible with ALB Cognito authentication or API Gateway Cognito (REST)
    /// authorizers"), §8.E44, §9 ("Warn about UPDATED when ALB or API Gateway Cognito authorizers are in use").
    pub static RULE = {
        id: "updated-issuer-incompatible",
        group: Hygiene,
        severity: Info,
        summary: "the pool uses the UPDATED issuer, which ALB and API Gateway Cognito authorizers do not accept",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let Some(t) = ctx
        .pool
        .and_then(|p| known(&p.issuer_configuration))
        .and_then(|ic| ic.r#type.as_ref())
    else {
        return Vec::new();
    };
    if t.as_str() != Some("UPDATED") {
        return Vec::new();
    }
    let iss = ctx
        .expected_issuer
        .clone()
        .unwrap_or_else(|| "https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}".to_string());
    vec![
        Finding::new(
            &t.loc,
            format!("the pool uses the UPDATED issuer `{iss}`, which ALB Cognito authentication and API Gateway Cognito authorizers do not support"),
        )
        .help("keep ORIGINAL while any ALB or API Gateway (REST) Cognito authorizer validates this pool's tokens")
        .note("validators hard-coded to the `cognito-idp.` host also reject these tokens (cognito-facts §8.E44)"),
    ]
}
