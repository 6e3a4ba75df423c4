use crate::de::Located;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};
use std::collections::HashSet;

declare_rule! {
    /// # What it checks
    /// A prefix domain (the `myapp` of `myapp.auth.{region}.amazoncognito.com`: the pool's `domain` and every
    /// `[[domains]]` value without a dot) matches the API's DomainType pattern over the whole value,
    /// `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`: lower-case letters, digits and hyphens, no hyphen at either end.
    /// The length (1-63) is `api-length`'s, the reserved words `domain-reserved-word`'s.
    ///
    /// # Why it matters
    /// CreateUserPoolDomain refuses anything else (`Value ... failed to satisfy constraint: Member must satisfy
    /// regular expression pattern`), so the domain, and with it the hosted UI, every OAuth endpoint and the IdP
    /// redirect `https://{domain}/oauth2/idpresponse`, never comes up. Upper case (`MyApp`) and underscores
    /// (`my_app`) are the usual causes.
    ///
    /// # Example
    /// ```toml
    /// [[domains]]
    /// domain = "MyApp_Login"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[domains]]
    /// domain = "myapp-login"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.1 (`Domain` regex), §9 ("A prefix matches ..."); linter-anchors A4 (DomainType, the
    /// only anchored pattern of the model), A6; cfn-lint catches the upper-case case, tflint dropped its rule
    /// because the pattern does not fit custom domains (which are FQDNs and not checked here).
    pub static RULE = {
        id: "domain-prefix-pattern",
        group: Broken,
        severity: Error,
        summary: "a domain prefix is not lower-case letters, digits and inner hyphens",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut values: Vec<&Located<String>> = Vec::new();
    if let Some(d) = ctx.pool.and_then(|p| p.domain.as_ref()) {
        values.push(d);
    }
    values.extend(
        ctx.integration
            .domains
            .iter()
            .filter_map(|d| d.get().and_then(|d| d.domain.as_ref())),
    );
    let mut seen = HashSet::new();
    for value in values {
        let Some(prefix) = value.as_str() else { continue };
        if prefix.is_empty() || prefix.contains('.') || !seen.insert(prefix) {
            continue; // api-length; custom domains; the same prefix from describe-user-pool and -domain.
        }
        let Some(why) = problem(prefix) else { continue };
        let suggestion: String = prefix
            .chars()
            .map(|c| match c.to_ascii_lowercase() {
                c @ ('a'..='z' | '0'..='9' | '-') => c,
                _ => '-',
            })
            .collect::<String>()
            .trim_matches('-')
            .to_string();
        let mut f = Finding::new(&value.loc, format!("domain prefix `{prefix}` {why}")).note(
            "prefixes are lower-case letters, digits and hyphens, with no hyphen first or last (DomainType)",
        );
        if !suggestion.is_empty() && suggestion.len() <= 63 {
            f = f.help(format!("use `{suggestion}`"));
        }
        out.push(f);
    }
    out
}

/// Why `prefix` does not match `^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$` (length aside).
fn problem(prefix: &str) -> Option<String> {
    if let Some(c) = prefix.chars().find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-')) {
        return Some(if c.is_ascii_uppercase() {
            "has upper-case letters".to_string()
        } else {
            format!("contains {c:?}")
        });
    }
    if prefix.starts_with('-') || prefix.ends_with('-') {
        return Some("starts or ends with a hyphen".to_string());
    }
    None
}
