use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use crate::uri::host_of;
use crate::util::suggest;

declare_rule! {
    /// # What it checks
    /// The domain the SPA sends users to (`[spa] domain`, a host or `https://host`) is one of the pool's
    /// domains: the prefix domain `{prefix}.auth.{region}.amazoncognito.com` or the custom domain. Hosts are
    /// compared without letter case. The rule runs when every domain of the pool is known.
    ///
    /// # Why it matters
    /// `/oauth2/authorize`, `/oauth2/token` and `/logout` exist only on the pool's own domains. Another host
    /// (a domain of another pool or Region, or the issuer host `cognito-idp.{region}.amazonaws.com`) answers
    /// 404 or a CORS error, or signs users into the wrong pool.
    ///
    /// # Example
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// domain = "myapp-login"
    ///
    /// [spa]
    /// domain = "myapp-login.auth.us-west-2.amazoncognito.com"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [user_pool]
    /// id = "us-east-1_ExAmPlE12"
    /// domain = "myapp-login"
    ///
    /// [spa]
    /// domain = "myapp-login.auth.us-east-1.amazoncognito.com"
    /// ```
    ///
    /// # Source
    /// cognito-facts §1.0 (which host serves what), §2.1 (prefix domain host), §2.2 (custom domain), §8.B12,
    /// §8.B13.
    pub static RULE = {
        id: "spa-domain-unknown",
        group: Broken,
        severity: Error,
        summary: "the SPA's domain is not a domain of the user pool",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let Some(domain) = ctx.spa().and_then(|s| s.domain.as_ref()) else {
        return Vec::new();
    };
    let Some(value) = domain.as_str() else {
        return Vec::new();
    };
    if ctx.domains.is_empty() || ctx.domains_incomplete {
        return Vec::new();
    }
    let Some(host) = host_of(value) else {
        return Vec::new();
    };
    let host = host.trim_end_matches('.');
    if ctx.domains.iter().any(|d| d.host == host) {
        return Vec::new();
    }
    let hosts: Vec<&str> = ctx.domains.iter().map(|d| d.host.as_str()).collect();
    let mut f = Finding::new(
        &domain.loc,
        format!("the SPA's domain `{host}` is not a domain of the user pool"),
    );
    for d in &ctx.domains {
        f = f.related(&d.loc, format!("pool domain {}", d.host));
    }
    let help = if host.starts_with("cognito-idp.") || host.starts_with("issuer-cognito-idp.") {
        format!(
            "`{host}` is the issuer host; the hosted UI and OAuth endpoints are on `{}`",
            hosts.join("` or `")
        )
    } else {
        match suggest(host, hosts.iter().copied()) {
            Some(h) => format!("did you mean `{h}`?"),
            None => format!("use `{}`", hosts.join("` or `")),
        }
    };
    vec![
        f.help(help)
            .note("the OAuth endpoints exist only on the pool's domains (cognito-facts §1.0, §2.1, §2.2)"),
    ]
}
