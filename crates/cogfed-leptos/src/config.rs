//! [`AuthConfig`]: what an app tells the [`crate::AuthProvider`], and how it becomes cogfed-auth
//! [`Endpoints`].

use crate::token_store::StoragePolicy;
use cogfed_auth::endpoints::{EndpointError, LogoutStyle, check_endpoint, discover, is_cognito_issuer};
use cogfed_auth::{CognitoPool, Endpoints, HttpClient, IssuerForm, PoolDomain, UserPoolId};

/// Where the provider lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provider {
    /// A Cognito user pool: every endpoint is derived from the pool id and domain, no discovery request
    /// (cognito-facts §1.0, §2.4).
    Cognito {
        /// `{region}_{suffix}`, e.g. `us-east-1_ExAmPlE`.
        pool_id: String,
        /// The prefix or custom domain serving the hosted UI and OAuth endpoints.
        domain: PoolDomain,
        /// Original (`cognito-idp.`) or updated (`issuer-cognito-idp.`) issuer host.
        issuer_form: IssuerForm,
    },
    /// Any OpenID provider, found through `{issuer}/.well-known/openid-configuration`; the document's
    /// `issuer` must equal this byte for byte (B1 rp-discovery-issuer-not-matching-config).
    Issuer {
        /// The issuer identifier.
        issuer: String,
    },
}

/// Which provider conventions apply beyond OpenID Connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Cognito (or Cognito-compatible, like Local Cognito): `/logout?client_id&logout_uri`
    /// (cognito-facts §1.5), and access tokens are JWTs checked as Cognito access tokens (`token_use`,
    /// `client_id`, cognito-facts §3.3).
    Cognito,
    /// Plain OpenID Connect: RP-initiated logout, access tokens treated as opaque.
    Oidc,
}

/// The app's sign-in configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// The provider.
    pub provider: Provider,
    /// Cognito or plain OIDC conventions.
    pub dialect: Dialect,
    /// The app client id (a public client: no secret, security-checklist B2 item 4).
    pub client_id: String,
    /// The registered callback URL, byte for byte as in the client's CallbackURLs (cognito-facts §1.1).
    pub redirect_uri: String,
    /// A registered sign-out URL (LogoutURLs). Without it, sign-out clears the app's state but cannot end
    /// the hosted-UI session, so the next sign-in may not ask for credentials (cognito-facts §3.4).
    pub logout_uri: Option<String>,
    /// Scopes to request; `openid` is required for an ID token.
    pub scopes: Vec<String>,
    /// The IdP to use when [`crate::SignInOptions`] names none (`identity_provider`, e.g. `COGNITO` or an
    /// OIDC provider name). Leave empty to show the managed login page: always sending `COGNITO` breaks
    /// single sign-on for federated sessions (peers.md §3 item 8).
    pub identity_provider: Option<String>,
    /// Where tokens live: memory (default) or the tab's `sessionStorage`. Never `localStorage`.
    pub storage: StoragePolicy,
    /// Refresh this many seconds before the access token expires; a token that lives no longer than this is
    /// refreshed at half its life instead.
    pub refresh_leeway_secs: u64,
    /// Refresh automatically before expiry (a timer); otherwise only `refresh()` and a 401 in
    /// `authorized_fetch` refresh.
    pub auto_refresh: bool,
    /// After sign-in, replace the callback URL with the return path given to `sign_in` (same-origin paths
    /// only) and fire `popstate` so the app's router follows.
    pub navigate_after_sign_in: bool,
    /// Timeout of every request to the provider.
    pub http_timeout_ms: u32,
}

/// Default scopes.
pub const DEFAULT_SCOPES: [&str; 3] = ["openid", "email", "profile"];
/// Default refresh leeway: one minute before expiry.
pub const DEFAULT_REFRESH_LEEWAY_SECS: u64 = 60;

/// A configuration mistake found before any request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The provider description is invalid (pool id, domain, issuer).
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// `client_id` is empty.
    #[error("client_id must not be empty")]
    EmptyClientId,
    /// `redirect_uri` or `logout_uri` is not an absolute https URL (http only on loopback) without fragment.
    #[error("{field}: {reason}")]
    Uri {
        /// Which setting.
        field: &'static str,
        /// Why.
        reason: String,
    },
    /// `openid` is not among the scopes, so no ID token would be issued (cognito-facts §1.1).
    #[error("scopes must include openid (without it there is no ID token to sign in with)")]
    NoOpenidScope,
}

/// `prefix` for a prefix domain, a host name with a dot for a custom domain.
pub fn pool_domain(domain: &str) -> PoolDomain {
    if domain.contains('.') {
        PoolDomain::Custom(domain.to_owned())
    } else {
        PoolDomain::Prefix(domain.to_owned())
    }
}

impl AuthConfig {
    /// A Cognito user pool client: `domain` is the prefix (`myapp`) or a custom domain (`auth.example.com`).
    pub fn cognito(
        pool_id: impl Into<String>,
        domain: &str,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> AuthConfig {
        AuthConfig::new(
            Provider::Cognito {
                pool_id: pool_id.into(),
                domain: pool_domain(domain),
                issuer_form: IssuerForm::Original,
            },
            Dialect::Cognito,
            client_id.into(),
            redirect_uri.into(),
        )
    }

    /// Any OpenID provider by issuer (discovery). Cognito issuers get the Cognito dialect automatically; a
    /// Cognito-compatible provider on another host (Local Cognito) needs [`AuthConfig::with_dialect`].
    pub fn issuer(
        issuer: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> AuthConfig {
        let issuer = issuer.into();
        let dialect = if is_cognito_issuer(&issuer) {
            Dialect::Cognito
        } else {
            Dialect::Oidc
        };
        AuthConfig::new(
            Provider::Issuer { issuer },
            dialect,
            client_id.into(),
            redirect_uri.into(),
        )
    }

    fn new(provider: Provider, dialect: Dialect, client_id: String, redirect_uri: String) -> AuthConfig {
        AuthConfig {
            provider,
            dialect,
            client_id,
            redirect_uri,
            logout_uri: None,
            scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            identity_provider: None,
            storage: StoragePolicy::Memory,
            refresh_leeway_secs: DEFAULT_REFRESH_LEEWAY_SECS,
            auto_refresh: true,
            navigate_after_sign_in: true,
            http_timeout_ms: crate::http::DEFAULT_TIMEOUT_MS,
        }
    }

    /// Sets the sign-out URL.
    pub fn with_logout_uri(mut self, logout_uri: impl Into<String>) -> Self {
        self.logout_uri = Some(logout_uri.into());
        self
    }

    /// Sets the scopes.
    pub fn with_scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the token storage policy.
    pub fn with_storage(mut self, storage: StoragePolicy) -> Self {
        self.storage = storage;
        self
    }

    /// Sets the dialect (e.g. [`Dialect::Cognito`] for Local Cognito on loopback).
    pub fn with_dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// Sets the default identity provider.
    pub fn with_identity_provider(mut self, identity_provider: impl Into<String>) -> Self {
        self.identity_provider = Some(identity_provider.into());
        self
    }

    /// The issuer this configuration expects, if it can be known without a request.
    pub fn expected_issuer(&self) -> Result<String, ConfigError> {
        match &self.provider {
            Provider::Cognito {
                pool_id,
                domain,
                issuer_form,
            } => Ok(cognito_pool(pool_id, domain, *issuer_form)?.issuer()),
            Provider::Issuer { issuer } => {
                cogfed_auth::endpoints::check_issuer(issuer)?;
                Ok(issuer.clone())
            }
        }
    }

    /// Checks everything that can be checked without a request.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.client_id.is_empty() {
            return Err(ConfigError::EmptyClientId);
        }
        check_endpoint(&self.redirect_uri, "redirect_uri").map_err(|e| ConfigError::Uri {
            field: "redirect_uri",
            reason: e.to_string(),
        })?;
        if let Some(logout_uri) = &self.logout_uri {
            check_endpoint(logout_uri, "logout_uri").map_err(|e| ConfigError::Uri {
                field: "logout_uri",
                reason: e.to_string(),
            })?;
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            return Err(ConfigError::NoOpenidScope);
        }
        self.expected_issuer().map(|_| ())
    }

    /// The provider's endpoints: derived for a Cognito pool, discovered for an issuer. The dialect decides
    /// the logout style.
    pub async fn endpoints(&self, http: &impl HttpClient) -> Result<Endpoints, ConfigError> {
        self.validate()?;
        let mut endpoints = match &self.provider {
            Provider::Cognito {
                pool_id,
                domain,
                issuer_form,
            } => cognito_pool(pool_id, domain, *issuer_form)?.endpoints()?,
            Provider::Issuer { issuer } => discover(http, issuer).await?,
        };
        endpoints.logout_style = match self.dialect {
            Dialect::Cognito => LogoutStyle::Cognito,
            Dialect::Oidc => LogoutStyle::RpInitiated,
        };
        endpoints.cognito_tokens = self.dialect == Dialect::Cognito;
        Ok(endpoints)
    }
}

fn cognito_pool(
    pool_id: &str,
    domain: &PoolDomain,
    issuer_form: IssuerForm,
) -> Result<CognitoPool, EndpointError> {
    Ok(CognitoPool {
        pool_id: UserPoolId::parse(pool_id)?,
        domain: domain.clone(),
        issuer_form,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> AuthConfig {
        AuthConfig::cognito(
            "eu-west-1_AbCd123",
            "myapp",
            "client123",
            "https://app.example.com/callback",
        )
    }

    #[test]
    fn cognito_config_derives_issuer_and_validates() {
        assert_eq!(
            pool().expected_issuer().unwrap(),
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCd123"
        );
        assert!(pool().validate().is_ok());
        assert_eq!(
            pool_domain("auth.example.com"),
            PoolDomain::Custom("auth.example.com".into())
        );
        assert_eq!(pool().dialect, Dialect::Cognito);
        assert_eq!(pool().storage, StoragePolicy::Memory, "memory is the default");
    }

    #[test]
    fn config_mistakes_are_named() {
        let mut c = pool();
        c.client_id.clear();
        assert_eq!(c.validate(), Err(ConfigError::EmptyClientId));
        assert_eq!(
            pool().with_scopes(["email"]).validate(),
            Err(ConfigError::NoOpenidScope)
        );
        let c = AuthConfig::cognito("not-a-pool", "myapp", "c", "https://app.example.com/cb");
        assert!(matches!(
            c.validate(),
            Err(ConfigError::Endpoint(EndpointError::PoolId(_)))
        ));
        let c = AuthConfig::cognito("eu-west-1_AbCd123", "myapp", "c", "http://app.example.com/cb");
        assert!(matches!(
            c.validate(),
            Err(ConfigError::Uri {
                field: "redirect_uri",
                ..
            })
        ));
        let c = pool().with_logout_uri("https://app.example.com/#x");
        assert!(matches!(
            c.validate(),
            Err(ConfigError::Uri {
                field: "logout_uri",
                ..
            })
        ));
        let c = AuthConfig::issuer("https://op.example.com?x=1", "c", "https://app.example.com/cb");
        assert!(matches!(c.validate(), Err(ConfigError::Endpoint(_))));
    }

    #[test]
    fn dialect_follows_the_issuer_unless_set() {
        let cognito = AuthConfig::issuer(
            "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X1",
            "c",
            "https://app.example.com/cb",
        );
        assert_eq!(cognito.dialect, Dialect::Cognito);
        let local = AuthConfig::issuer(
            "http://127.0.0.1:9229/us-east-1_LocalDemo",
            "c",
            "http://127.0.0.1:8080/cb",
        );
        assert_eq!(local.dialect, Dialect::Oidc);
        assert_eq!(local.with_dialect(Dialect::Cognito).dialect, Dialect::Cognito);
    }
}
