use crate::de::known;
use crate::declare_rule;
use crate::rules::support::missing;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A user pool domain (`[[domains]]`, CloudFormation `AWS::Cognito::UserPoolDomain`) whose `domain` is a fully
    /// qualified name (it contains a dot) has a `custom_domain_config` with a `certificate_arn`. The pool's own
    /// `custom_domain` field (from describe-user-pool) carries no configuration and is not checked.
    ///
    /// # Why it matters
    /// Without CustomDomainConfig the API takes the value as a prefix, which cannot contain dots, and refuses it;
    /// with a configuration but no certificate it refuses it too (CertificateArn is required). A custom domain
    /// needs an ACM certificate (in us-east-1) to be served over TLS by the CloudFront distribution Cognito
    /// creates.
    ///
    /// # Example
    /// ```toml
    /// [[domains]]
    /// domain = "auth.example.com"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[domains]]
    /// domain = "auth.example.com"
    /// custom_domain_config = { certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.2 (custom domain: ACM certificate, CustomDomainConfig), §7.3; linter-anchors A4
    /// (CustomDomainConfigType "required: CertificateArn"; "with CustomDomainConfig ... a fully-qualified
    /// domain"), A6 ("FQDN only with CustomDomainConfig").
    pub static RULE = {
        id: "domain-fqdn-needs-custom-config",
        group: Broken,
        severity: Error,
        summary: "a custom (fully qualified) domain has no custom_domain_config with a certificate",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in &ctx.integration.domains {
        let Some(domain) = d.get() else { continue };
        let Some(value) = domain.domain.as_ref() else {
            continue;
        };
        let Some(name) = value.as_str() else { continue };
        if !name.contains('.') {
            continue;
        }
        match &domain.custom_domain_config {
            None => out.push(
                Finding::new(&value.loc, format!("custom domain `{name}` has no custom_domain_config"))
                    .related(&missing(&d.loc, "custom_domain_config", "CustomDomainConfig"), "custom_domain_config belongs here")
                    .help("add custom_domain_config = { certificate_arn = \"arn:aws:acm:us-east-1:...\" } (an ACM certificate in us-east-1)")
                    .note("without it the API takes the value as a prefix, which cannot contain dots"),
            ),
            Some(config) => {
                let Some(c) = known(&domain.custom_domain_config) else { continue };
                if c.certificate_arn.is_none() {
                    out.push(
                        Finding::new(
                            &missing(&config.loc, "certificate_arn", "CertificateArn"),
                            format!("custom_domain_config of `{name}` has no certificate_arn"),
                        )
                        .help("set certificate_arn to an ACM certificate in us-east-1 that covers the domain"),
                    );
                }
            }
        }
    }
    out
}
