use crate::de::Located;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// A prefix domain (`myapp` in `myapp.auth.{region}.amazoncognito.com`) does not contain the reserved words
    /// `aws`, `amazon` or `cognito`, anywhere in the prefix and in any letter case.
    ///
    /// # Why it matters
    /// Cognito rejects such prefixes ("Domain cannot contain reserved word: cognito"), so the domain, and every
    /// hosted UI sign-in behind it, never comes up. `myapp-cognito` and `laws-portal` are both rejected.
    ///
    /// # Example
    /// ```toml
    /// [[domains]]
    /// domain = "myapp-cognito"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[domains]]
    /// domain = "myapp-login"
    /// ```
    ///
    /// # Source
    /// cognito-facts §2.1 ("Reserved text"), §8.E43, §9; linter-anchors A4 (Domain).
    pub static RULE = {
        id: "domain-reserved-word",
        group: Broken,
        severity: Error,
        summary: "a domain prefix contains aws, amazon or cognito",
        check: check,
    };
}

const RESERVED: &[&str] = &["aws", "amazon", "cognito"];

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
    let mut seen = std::collections::HashSet::new();
    for value in values {
        let Some(prefix) = value.as_str() else { continue };
        if prefix.contains('.') || !seen.insert(prefix) {
            continue; // custom domains may contain these words.
        }
        let lower = prefix.to_ascii_lowercase();
        if let Some(word) = RESERVED.iter().find(|w| lower.contains(**w)) {
            out.push(
                Finding::new(
                    &value.loc,
                    format!("domain prefix `{prefix}` contains the reserved word `{word}`"),
                )
                .help("choose a prefix without aws, amazon or cognito")
                .note("Cognito rejects it: \"Domain cannot contain reserved word\""),
            );
        }
    }
    out
}
