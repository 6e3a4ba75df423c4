//! Start-time checks of a [`LocalConfig`]: what would make Local Cognito unable to serve it, each error naming
//! the field. Integration *mistakes* (a trailing slash in `oidc_issuer`, a basic-only IdP) are not errors
//! here: Local Cognito reproduces them at sign-in, and the linter reports them.

use crate::config::{LocalConfig, OAuthFlow, ProviderType};
use std::collections::HashSet;

/// A configuration Local Cognito cannot serve.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    /// Where: e.g. `clients[0] (cogfed_demo_spa).callback_urls[1]`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError {
        path: path.into(),
        message: message.into(),
    }
}

/// Standard OAuth scopes of a pool (cognito-facts §1.1).
pub const RESERVED_SCOPES: [&str; 5] = [
    "openid",
    "email",
    "phone",
    "profile",
    "aws.cognito.signin.user.admin",
];

/// Whether `s` is an absolute URL without a fragment (cognito-facts §4, CallbackURLs).
fn is_absolute_url(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
                && !s.contains('#')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Checks `config` against what the upstream base URL can serve. Returns the first problem found.
pub fn validate(config: &LocalConfig, upstream_base: &str) -> Result<(), ConfigError> {
    let pool = &config.user_pool;
    // cognito-facts §2.5: `[\w-]+_[0-9a-zA-Z]+`, at most 55 characters.
    let pool_ok = pool.id.len() <= 55
        && pool.id.split_once('_').is_some_and(|(region, suffix)| {
            !region.is_empty()
                && region
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && !suffix.is_empty()
                && suffix.chars().all(|c| c.is_ascii_alphanumeric())
        });
    if !pool_ok {
        return Err(err(
            "user_pool.id",
            format!("{:?} is not a user pool ID like us-east-1_ExAmPlE", pool.id),
        ));
    }

    let idp_names: HashSet<&str> = config
        .identity_providers
        .iter()
        .map(|p| p.provider_name.as_str())
        .collect();
    let custom_scopes: HashSet<String> = config
        .resource_servers
        .iter()
        .flat_map(|rs| {
            rs.scopes
                .iter()
                .map(move |s| format!("{}/{}", rs.identifier, s.scope_name))
        })
        .collect();

    let mut client_ids = HashSet::new();
    for (i, c) in config.clients.iter().enumerate() {
        let at = format!("clients[{i}] ({})", c.client_id);
        if c.client_id.is_empty()
            || !c
                .client_id
                .chars()
                .all(|ch| ch.is_alphanumeric() || ch == '_' || ch == '+' || ch == '-')
        {
            return Err(err(
                format!("{at}.client_id"),
                "must be non-empty letters, digits, _, + or -",
            ));
        }
        if !client_ids.insert(c.client_id.as_str()) {
            return Err(err(format!("{at}.client_id"), "appears twice"));
        }
        for (j, u) in c.callback_urls.iter().enumerate() {
            if !is_absolute_url(u) {
                return Err(err(
                    format!("{at}.callback_urls[{j}]"),
                    format!("{u:?} is not an absolute URL without fragment"),
                ));
            }
        }
        for (j, u) in c.logout_urls.iter().enumerate() {
            if !is_absolute_url(u) {
                return Err(err(
                    format!("{at}.logout_urls[{j}]"),
                    format!("{u:?} is not an absolute URL without fragment"),
                ));
            }
        }
        if c.allows(OAuthFlow::ClientCredentials) && c.client_secret.is_none() {
            return Err(err(
                format!("{at}.allowed_oauth_flows"),
                "client_credentials needs a client secret",
            ));
        }
        for (j, name) in c.supported_identity_providers.iter().enumerate() {
            if name != "COGNITO" && !idp_names.contains(name.as_str()) {
                return Err(err(
                    format!("{at}.supported_identity_providers[{j}]"),
                    format!("{name:?} is neither COGNITO nor an identity provider of the pool"),
                ));
            }
        }
        for (j, s) in c.allowed_oauth_scopes.iter().enumerate() {
            if !RESERVED_SCOPES.contains(&s.as_str()) && !custom_scopes.contains(s) {
                return Err(err(
                    format!("{at}.allowed_oauth_scopes[{j}]"),
                    format!(
                        "{s:?} is neither a reserved scope nor a resource server scope (Invalid scope requested)"
                    ),
                ));
            }
        }
        if c.refresh_token_rotation.retry_grace_period_seconds > 60 {
            return Err(err(
                format!("{at}.refresh_token_rotation.retry_grace_period_seconds"),
                "must be 0-60",
            ));
        }
    }

    for (i, p) in config.identity_providers.iter().enumerate() {
        let at = format!("identity_providers[{i}] ({})", p.provider_name);
        if p.provider_name.is_empty() || p.provider_name == "COGNITO" {
            return Err(err(
                format!("{at}.provider_name"),
                "must be set and must not be COGNITO",
            ));
        }
        if p.provider_type != ProviderType::Oidc {
            continue; // accepted, never served
        }
        let d = &p.provider_details;
        for key in ["client_id", "client_secret", "authorize_scopes"] {
            if d.get(key).is_none() {
                return Err(err(
                    format!("{at}.provider_details.{key}"),
                    "is required for an OIDC provider",
                ));
            }
        }
        if let Some(m) = d.get("attributes_request_method")
            && m != "GET"
            && m != "POST"
        {
            return Err(err(
                format!("{at}.provider_details.attributes_request_method"),
                "must be GET or POST",
            ));
        }
        let manual = ["authorize_url", "token_url", "attributes_url", "jwks_uri"];
        if d.get("oidc_issuer").is_none() && manual.iter().any(|k| d.get(k).is_none()) {
            return Err(err(
                format!("{at}.provider_details"),
                "needs oidc_issuer, or all of authorize_url, token_url, attributes_url and jwks_uri",
            ));
        }
    }

    let mut usernames = HashSet::new();
    for (i, u) in config.users.iter().enumerate() {
        if u.username.is_empty() || !usernames.insert(u.username.to_lowercase()) {
            return Err(err(
                format!("users[{i}].username"),
                format!("{:?} is empty or appears twice", u.username),
            ));
        }
    }

    let base = upstream_base.trim_end_matches('/');
    let mut prefixes = HashSet::new();
    for (i, p) in config.upstream_personas.iter().enumerate() {
        let at = format!("upstream_personas[{i}] ({})", p.provider_name);
        let rest = p.issuer.strip_prefix(base);
        let path_ok = rest.is_some_and(|r| r.is_empty() || r.starts_with('/'));
        if !path_ok {
            return Err(err(
                format!("{at}.issuer"),
                format!(
                    "{:?} must be served by the upstream port, i.e. start with {base}",
                    p.issuer
                ),
            ));
        }
        let prefix = rest.unwrap_or_default().trim_end_matches('/');
        if !prefixes.insert(prefix.to_owned()) {
            return Err(err(format!("{at}.issuer"), "two personas share this issuer path"));
        }
        if p.client_id.is_empty() {
            return Err(err(format!("{at}.client_id"), "must be set"));
        }
        let mut subs = HashSet::new();
        for (j, u) in p.users.iter().enumerate() {
            if u.sub.is_empty() || !subs.insert(u.sub.as_str()) {
                return Err(err(format!("{at}.users[{j}].sub"), "is empty or appears twice"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DemoUrls, LocalConfig};

    fn demo() -> LocalConfig {
        LocalConfig::demo(&DemoUrls {
            cognito_base: "http://127.0.0.1:9229".into(),
            upstream_base: "http://127.0.0.1:9230".into(),
            spa_origin: "http://127.0.0.1:8080".into(),
        })
    }

    #[test]
    fn demo_is_valid() {
        assert_eq!(validate(&demo(), "http://127.0.0.1:9230"), Ok(()));
    }

    #[test]
    fn errors_name_the_field() {
        let mut c = demo();
        c.clients[0].callback_urls.push("/relative".into());
        let e = validate(&c, "http://127.0.0.1:9230").unwrap_err();
        assert_eq!(e.path, "clients[0] (cogfed_demo_spa).callback_urls[1]");

        let mut c = demo();
        c.clients[0].supported_identity_providers.push("Nope".into());
        assert!(
            validate(&c, "http://127.0.0.1:9230")
                .unwrap_err()
                .message
                .contains("\"Nope\"")
        );

        let mut c = demo();
        c.upstream_personas[0].issuer = "http://127.0.0.1:9999".into();
        assert!(
            validate(&c, "http://127.0.0.1:9230")
                .unwrap_err()
                .path
                .ends_with(".issuer")
        );

        let mut c = demo();
        c.user_pool.id = "nounderscore".into();
        assert_eq!(
            validate(&c, "http://127.0.0.1:9230").unwrap_err().path,
            "user_pool.id"
        );

        let mut c = demo();
        c.clients[0].allowed_oauth_scopes.push("api/read".into());
        assert!(validate(&c, "http://127.0.0.1:9230").is_err());
    }

    #[test]
    fn trailing_slash_issuer_is_served_not_rejected() {
        let mut c = demo();
        c.upstream_personas[0].issuer = "http://127.0.0.1:9230/".into();
        assert_eq!(validate(&c, "http://127.0.0.1:9230"), Ok(()));
    }
}
