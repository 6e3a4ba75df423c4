use crate::de::known;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A custom domain's `custom_domain_config.security_policy` is not `TLS_V1`.
    ///
    /// # Why it matters
    /// `TLS_V1` lets the domain negotiate TLS 1.0 and 1.1, deprecated by RFC 8996 and open to downgrade attacks,
    /// for the pages where users type passwords and receive tokens. `TLS_V1_2_2021` (or `TLS_V1_3_2025`) keeps
    /// every current browser working; managed login requires TLS 1.2 anyway.
    ///
    /// # Example
    /// ```toml
    /// [[domains]]
    /// domain = "auth.example.com"
    /// custom_domain_config = { certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2c3d4", security_policy = "TLS_V1" }
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[domains]]
    /// domain = "auth.example.com"
    /// custom_domain_config = { certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2c3d4", security_policy = "TLS_V1_2_2021" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.2 (`SecurityPolicy` values; "Managed login requires TLS 1.2"); linter-anchors A4
    /// (SecurityPolicyType), A6 ("SecurityPolicy ≠ TLS_V1"); RFC 8996.
    pub static RULE = {
        id: "domain-tls-policy",
        group: Security,
        severity: Warning,
        summary: "a custom domain allows TLS 1.0 (security_policy TLS_V1)",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in ctx.integration.domains.iter().filter_map(|d| d.get()) {
        let Some(policy) = known(&d.custom_domain_config).and_then(|c| c.security_policy.as_ref()) else {
            continue;
        };
        if policy.as_str() != Some("TLS_V1") {
            continue;
        }
        let name = d
            .domain
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or("the custom domain");
        out.push(
            Finding::new(
                &policy.loc,
                format!("`{name}` uses security policy TLS_V1, which allows TLS 1.0 and 1.1"),
            )
            .help("use `TLS_V1_2_2021` (or `TLS_V1_3_2025`)")
            .note(
                "TLS 1.0 and 1.1 are deprecated (RFC 8996); managed login needs TLS 1.2 (cognito-facts §2.2)",
            ),
        );
    }
    out
}
