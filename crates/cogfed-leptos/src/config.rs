//! [`AuthConfig`]: what an app tells the [`crate::AuthProvider`], and how it becomes cogfed-auth
//! [`Endpoints`].
//!
//! Where the provider's endpoints come from is decided by the constructor: [`AuthConfig::cognito`] derives
//! them from the pool (no request), [`AuthConfig::cognito_at`] takes a Cognito-compatible issuer and hosted-UI
//! base (Local Cognito), and [`AuthConfig::issuer`] discovers any OpenID provider (feature `discovery`: an app
//! that talks to Cognito only links no discovery code).

use crate::token_store::StoragePolicy;
use cogfed_auth::endpoints::{EndpointError, LogoutStyle, check_endpoint, is_cognito_issuer};
use cogfed_auth::{CognitoPool, Endpoints, IssuerForm, PoolDomain, UserPoolId};

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
    /// A Cognito-compatible provider on other hosts (Local Cognito): the issuer (JWKS at
    /// `{issuer}/.well-known/jwks.json`) and the base URL of the hosted UI (`{domain}/oauth2/…`, `/logout`),
    /// Cognito's paths, no discovery request.
    CognitoAt {
        /// The issuer identifier.
        issuer: String,
        /// Scheme, host and port of the hosted UI and OAuth endpoints.
        domain_url: String,
    },
    /// Any OpenID provider, found through `{issuer}/.well-known/openid-configuration`; the document's
    /// `issuer` must equal this byte for byte (B1 rp-discovery-issuer-not-matching-config). Feature
    /// `discovery`.
    #[cfg(feature = "discovery")]
    Issuer {
        /// The issuer identifier.
        issuer: String,
    },
}

/// Which provider conventions apply beyond OpenID Connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Cognito (or Cognito-compatible, like Local Cognito): `/logout?client_id&logout_uri`
    /// (cognito-facts §1.5), `token_use` required, and (feature `access-token`) access tokens verified as
    /// Cognito access tokens (`token_use`, `client_id`, cognito-facts §3.3).
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
    /// Where tokens live: memory (default) or, with feature `session-storage`, the tab's `sessionStorage`.
    /// Never `localStorage`.
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
    /// The provider description is invalid (pool id, domain, issuer), or its discovery failed.
    #[error(transparent)]
    Endpoint(#[from] EndpointError),
    /// `client_id` is empty.
    #[error("client_id must not be empty")]
    EmptyClientId,
    /// `redirect_uri` or `logout_uri` is not an absolute https URL (http only on loopback) without fragment.
    #[error("{field}: {source}")]
    Uri {
        /// Which setting.
        field: &'static str,
        /// Why.
        source: EndpointError,
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

    /// A Cognito-compatible provider whose issuer and hosted UI are not AWS's hosts (Local Cognito:
    /// `cognito_at("http://127.0.0.1:9229/us-east-1_LocalDemo", "http://127.0.0.1:9229", …)`): Cognito's paths
    /// and dialect, no discovery request.
    pub fn cognito_at(
        issuer: impl Into<String>,
        domain_url: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> AuthConfig {
        AuthConfig::new(
            Provider::CognitoAt {
                issuer: issuer.into(),
                domain_url: domain_url.into(),
            },
            Dialect::Cognito,
            client_id.into(),
            redirect_uri.into(),
        )
    }

    /// Any OpenID provider by issuer (discovery; feature `discovery`). Cognito issuers get the Cognito
    /// dialect automatically; a Cognito-compatible provider on another host (Local Cognito) needs
    /// [`AuthConfig::with_dialect`] (or [`AuthConfig::cognito_at`], which needs no discovery).
    #[cfg(feature = "discovery")]
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

    /// Sets the dialect (e.g. [`Dialect::Cognito`] for Local Cognito found by discovery).
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
            Provider::CognitoAt { issuer, .. } => {
                cogfed_auth::endpoints::check_issuer(issuer)?;
                Ok(issuer.clone())
            }
            #[cfg(feature = "discovery")]
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
        check_endpoint(&self.redirect_uri, "redirect_uri").map_err(|source| ConfigError::Uri {
            field: "redirect_uri",
            source,
        })?;
        if let Some(logout_uri) = &self.logout_uri {
            check_endpoint(logout_uri, "logout_uri").map_err(|source| ConfigError::Uri {
                field: "logout_uri",
                source,
            })?;
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            return Err(ConfigError::NoOpenidScope);
        }
        self.expected_issuer().map(|_| ())
    }

    /// The endpoints known without a request (every provider but a discovered one), after
    /// [`AuthConfig::validate`].
    pub fn static_endpoints(&self) -> Result<Option<Endpoints>, ConfigError> {
        self.validate()?;
        let endpoints = match &self.provider {
            Provider::Cognito {
                pool_id,
                domain,
                issuer_form,
            } => cognito_pool(pool_id, domain, *issuer_form)?.endpoints()?,
            Provider::CognitoAt { issuer, domain_url } => cognito_at_endpoints(issuer, domain_url)?,
            #[cfg(feature = "discovery")]
            Provider::Issuer { .. } => return Ok(None),
        };
        Ok(Some(self.with_dialect_rules(endpoints)))
    }

    /// The endpoints: known without a request, or found by discovery (feature `discovery`).
    #[cfg(feature = "discovery")]
    pub async fn discover(&self, http: &impl cogfed_auth::HttpClient) -> Result<Endpoints, ConfigError> {
        if let Some(endpoints) = self.static_endpoints()? {
            return Ok(endpoints);
        }
        let issuer = self.expected_issuer()?;
        let discovered = cogfed_auth::endpoints::discover(http, &issuer).await?;
        Ok(self.with_dialect_rules(discovered))
    }

    /// The dialect decides the logout style and whether tokens carry Cognito's `token_use`.
    pub fn with_dialect_rules(&self, mut endpoints: Endpoints) -> Endpoints {
        endpoints.logout_style = match self.dialect {
            Dialect::Cognito => LogoutStyle::Cognito,
            Dialect::Oidc => LogoutStyle::RpInitiated,
        };
        endpoints.cognito_tokens = self.dialect == Dialect::Cognito;
        endpoints
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

/// Cognito's paths on another issuer and hosted-UI base (cognito-facts §1.0, §1.7), the base checked like any
/// endpoint (https, or http on loopback).
fn cognito_at_endpoints(issuer: &str, domain_url: &str) -> Result<Endpoints, EndpointError> {
    let endpoints = Endpoints::cognito(issuer.to_owned(), domain_url);
    check_endpoint(&endpoints.token_endpoint, "domain_url")?;
    Ok(endpoints)
}

/// `is_cognito_issuer`, for apps choosing a dialect.
pub fn is_cognito(issuer: &str) -> bool {
    is_cognito_issuer(issuer)
}

#[cfg(test)]
mod tests;
