use crate::declare_rule;
use crate::rules::shape::patterns::Pattern;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Every identity provider's `provider_name` is a name CreateIdentityProvider accepts (ProviderNameTypeV2
    /// `[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+`, matched against the whole name, 1-32 characters): at
    /// least 3 characters, at most 32, no whitespace, and no underscore (except as the second character, which
    /// the pattern happens to allow). This rule owns the provider name: `api-pattern` and `api-length` do not
    /// check it again.
    ///
    /// # Why it matters
    /// The API rejects the identity provider (`InvalidParameterException: ... failed to satisfy constraint:
    /// Member must satisfy regular expression pattern`), so the stack or the CLI call fails. The underscore is
    /// reserved because Cognito builds federated usernames and group names as `{ProviderName}_{sub}` and
    /// `{poolId}_{ProviderName}`. Older names with spaces still work in Describe (the looser
    /// ProviderNameType), which is why copying one into a new pool fails; tflint checks the old shape and lets
    /// `My Okta` through.
    ///
    /// # Example
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "Corp_OIDC"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[identity_providers]]
    /// provider_name = "CorpOIDC"
    /// provider_type = "OIDC"
    /// ```
    ///
    /// # Source
    /// cognito-facts §5.1 (ProviderName, ProviderNameTypeV2), §9 (OIDC IdP); linter-anchors A3 (tflint maps the
    /// old shape), A4 (ProviderNameTypeV2), A6.
    pub static RULE = {
        id: "provider-name-pattern",
        group: Broken,
        severity: Error,
        summary: "an identity provider name is not a valid ProviderNameTypeV2 (3-32 chars, no _ or spaces)",
        check: check,
    };
}

const MAX_CHARS: usize = 32;

/// Why `name` is not a valid ProviderNameTypeV2, or `None`.
fn problem(name: &str) -> Option<String> {
    let count = name.chars().count();
    if count > MAX_CHARS {
        return Some(format!("it has {count} characters; the limit is {MAX_CHARS}"));
    }
    let at = Pattern::ProviderNameV2.check(name).err()?;
    Some(match name.chars().nth(at) {
        None => format!("it has {count} character(s); provider names need at least 3"),
        Some('_') => format!(
            "it contains `_` (position {}); Cognito joins names with `_` in federated usernames (`{{ProviderName}}_{{sub}}`)",
            at + 1
        ),
        Some(c) if c.is_whitespace() => format!("it contains whitespace {c:?} (position {})", at + 1),
        Some(c) => format!("it contains {c:?} (position {}), which is not allowed", at + 1),
    })
}

/// A valid name close to `name`: without whitespace and underscores, cut to 32 characters.
fn suggestion(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && !c.is_control())
        .take(MAX_CHARS)
        .collect();
    (problem(&cleaned).is_none() && cleaned != name).then_some(cleaned)
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (idp, _) in ctx.identity_providers() {
        let Some(name_at) = &idp.provider_name else {
            continue;
        };
        let Some(name) = name_at.as_str() else { continue };
        let Some(why) = problem(name) else { continue };
        let help = match suggestion(name) {
            Some(s) => {
                format!("rename it, e.g. `{s}`, and update SupportedIdentityProviders and identity_provider")
            }
            None => "use 3-32 characters without whitespace or underscores".to_string(),
        };
        out.push(
            Finding::new(
                &name_at.loc,
                format!("identity provider name `{name}` is not accepted by CreateIdentityProvider: {why}"),
            )
            .help(help)
            .note("the API matches ProviderNameTypeV2 against the whole name and rejects the provider (cognito-facts §5.1)"),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_and_suggestions() {
        assert!(problem("CorpOIDC").is_none());
        assert!(
            problem("a_b").is_none(),
            "the pattern allows `_` as the 2nd character"
        );
        assert!(problem("My Okta").is_some_and(|p| p.contains("whitespace")));
        assert!(problem("Corp_OIDC").is_some_and(|p| p.contains("`_`")));
        assert!(problem("ab").is_some_and(|p| p.contains("at least 3")));
        assert!(problem(&"x".repeat(33)).is_some_and(|p| p.contains("33 characters")));
        assert!(
            problem(&"é".repeat(32)).is_none(),
            "the limit counts characters, not bytes"
        );
        assert_eq!(suggestion("My Okta").as_deref(), Some("MyOkta"));
        assert_eq!(suggestion("Corp_OIDC").as_deref(), Some("CorpOIDC"));
        assert_eq!(suggestion("ab"), None);
    }
}
