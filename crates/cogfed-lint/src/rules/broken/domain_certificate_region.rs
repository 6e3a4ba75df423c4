use crate::de::known;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A custom domain's `custom_domain_config.certificate_arn` is an ACM certificate
    /// (`arn:aws:acm:...:certificate/...`) in `us-east-1`, whatever the pool's Region. Only the standard `aws`
    /// partition is checked; malformed ARNs are `api-pattern`'s.
    ///
    /// # Why it matters
    /// Cognito serves custom domains through CloudFront, which only takes certificates from ACM in us-east-1.
    /// A certificate in the pool's own Region (the natural choice for an eu-west-1 pool) or an IAM server
    /// certificate makes CreateUserPoolDomain fail, and the hosted UI never comes up on that domain.
    ///
    /// # Example
    /// ```toml
    /// [[domains]]
    /// domain = "auth.example.com"
    /// custom_domain_config = { certificate_arn = "arn:aws:acm:eu-west-1:111122223333:certificate/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111" }
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
    /// cognito-facts §2.2 ("Needs an ACM certificate in us-east-1, whatever the pool's Region"), §8.E42, §9;
    /// linter-anchors A4 (CustomDomainConfigType).
    pub static RULE = {
        id: "domain-certificate-region",
        group: Broken,
        severity: Error,
        summary: "a custom domain's certificate is not an ACM certificate in us-east-1",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for d in ctx.integration.domains.iter().filter_map(|d| d.get()) {
        let Some(arn) = known(&d.custom_domain_config).and_then(|c| c.certificate_arn.as_ref()) else {
            continue;
        };
        let Some(a) = arn.as_str() else { continue };
        let parts: Vec<&str> = a.splitn(6, ':').collect();
        let [_, "aws", service, region, _, _] = parts.as_slice() else {
            continue;
        };
        let name = d
            .domain
            .as_ref()
            .and_then(|v| v.as_str())
            .unwrap_or("the custom domain");
        if *service != "acm" {
            out.push(
                Finding::new(&arn.loc, format!("the certificate of `{name}` is a `{service}` ARN, not an ACM certificate"))
                    .help("request or import the certificate in AWS Certificate Manager in us-east-1 and use its ARN"),
            );
        } else if *region != "us-east-1" {
            out.push(
                Finding::new(&arn.loc, format!("the certificate of `{name}` is in {region}; custom domains need one in us-east-1"))
                    .help("request or import the certificate in ACM in us-east-1 (N. Virginia), whatever the pool's Region")
                    .note("Cognito serves custom domains through CloudFront, which takes ACM certificates from us-east-1 only (cognito-facts §2.2, §8.E42)"),
            );
        }
    }
    out
}
