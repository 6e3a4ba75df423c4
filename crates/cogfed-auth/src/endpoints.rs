//! Where the provider lives: issuer, discovery, JWKS and the five endpoints the SPA uses.
//!
//! Two sources, one result ([`Endpoints`]):
//! - [`CognitoPool::endpoints`] derives everything from region, pool id and domain (cognito-facts §1.0, §2.4);
//!   no network needed.
//! - [`Endpoints::from_discovery`] reads any OpenID provider's discovery document, with the issuer compared
//!   byte for byte to the expected one (OIDC Discovery §4.3; B1 rp-discovery-issuer-not-matching-config).

use crate::io::{HttpClient, HttpMethod, HttpRequest};
use crate::json::Object;
use crate::url::{AbsoluteUrl, UrlError};

/// Why endpoints could not be derived or discovered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// The user pool id is not `{region}_{suffix}` (cognito-facts §2.5).
    #[error("user pool id {} is not of the form {{region}}_{{suffix}}, e.g. us-east-1_ExAmPlE", crate::text::quoted(.0))]
    PoolId(String),
    /// The domain prefix breaks Cognito's prefix rules (cognito-facts §2.1).
    #[error("domain prefix {} must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen", crate::text::quoted(.0))]
    DomainPrefix(String),
    /// A full host name was given where a prefix was expected, or the custom domain is not a host name.
    #[error("custom domain {} must be a host name such as auth.example.com (no scheme, port or path)", crate::text::quoted(.0))]
    CustomDomain(String),
    /// A URL in the configuration or discovery document is malformed.
    #[error("{field}: {source}")]
    Url {
        /// The field holding the URL.
        field: &'static str,
        /// What is wrong with it.
        source: UrlError,
    },
    /// A URL is http on a non-loopback host.
    #[error("{field} must use https (http is allowed only on localhost, 127.0.0.1 and [::1]); found {url}")]
    Insecure {
        /// The field holding the URL.
        field: &'static str,
        /// The URL.
        url: String,
    },
    /// A URL carries a fragment or (for the issuer) a query.
    #[error("{field} must not contain a query or fragment; found {url}")]
    QueryOrFragment {
        /// The field holding the URL.
        field: &'static str,
        /// The URL.
        url: String,
    },
    /// The discovery document could not be fetched.
    #[error("discovery: {0}")]
    Http(#[from] crate::io::HttpError),
    /// The discovery endpoint answered with a non-200 status.
    #[error("discovery document at {url} answered HTTP {status}")]
    Status {
        /// The discovery URL.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The discovery document is not the expected JSON.
    #[error("discovery document is not valid provider metadata: {0}")]
    Document(String),
    /// A required member is missing from the discovery document.
    #[error("discovery document lacks {0}")]
    Missing(&'static str),
    /// The discovery document's issuer differs from the expected issuer (byte-exact comparison).
    #[error("discovery issuer {} does not equal the expected issuer {} (compared byte for byte)", crate::text::quoted(.found), crate::text::quoted(.expected))]
    IssuerMismatch {
        /// The issuer the client was configured with.
        expected: String,
        /// The issuer in the document.
        found: String,
    },
    /// The provider does not offer what this client needs.
    #[error("provider does not support {0}")]
    Unsupported(String),
}

/// A Cognito user pool id, `{region}_{suffix}` (cognito-facts §2.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserPoolId {
    id: String,
    region_len: usize,
}

impl UserPoolId {
    /// Parses `us-east-1_ExAmPlE`: the API regex `[\w-]+_[0-9a-zA-Z]+` (1-55 characters) with a region-shaped
    /// prefix (lowercase words separated by `-`, ending in a number), as aws-jwt-verify does.
    pub fn parse(text: &str) -> Result<Self, EndpointError> {
        let bad = || EndpointError::PoolId(text.to_owned());
        if text.is_empty() || text.len() > 55 {
            return Err(bad());
        }
        let (region, suffix) = text.split_once('_').ok_or_else(bad)?;
        let parts: Vec<&str> = region.split('-').collect();
        let region_ok = (3..=4).contains(&parts.len())
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            && parts
                .last()
                .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()));
        if !region_ok || suffix.is_empty() || !suffix.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(bad());
        }
        Ok(UserPoolId {
            id: text.to_owned(),
            region_len: region.len(),
        })
    }

    /// The whole id.
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The Region part before `_`.
    pub fn region(&self) -> &str {
        self.id.get(..self.region_len).unwrap_or_default()
    }
}

/// The user pool domain that serves the hosted UI and the OAuth endpoints (cognito-facts §2.1, §2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolDomain {
    /// A prefix domain: `{prefix}.auth.{region}.amazoncognito.com`.
    Prefix(String),
    /// A custom domain FQDN, e.g. `auth.example.com`.
    Custom(String),
}

/// Which issuer URL the pool uses (cognito-facts §2.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IssuerForm {
    /// `https://cognito-idp.{region}.amazonaws.com/{poolId}` (the default).
    #[default]
    Original,
    /// `https://issuer-cognito-idp.{region}.amazonaws.com/{poolId}` (IssuerConfiguration UPDATED).
    Updated,
}

/// A Cognito user pool as the SPA sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CognitoPool {
    /// The pool id; its Region prefix picks the issuer host.
    pub pool_id: UserPoolId,
    /// The domain serving the OAuth endpoints.
    pub domain: PoolDomain,
    /// Original or updated issuer form.
    pub issuer_form: IssuerForm,
}

/// How the provider's logout endpoint wants to be called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoutStyle {
    /// Cognito `/logout?client_id&logout_uri` (cognito-facts §1.5); not OIDC RP-initiated logout.
    Cognito,
    /// OIDC RP-Initiated Logout (`post_logout_redirect_uri`, `id_token_hint`, `client_id`).
    RpInitiated,
}

/// Whether the provider's metadata promises S256 PKCE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PkceSupport {
    /// `code_challenge_methods_supported` lists `S256`.
    Advertised,
    /// The member is absent. Cognito's discovery never has it although S256 works (cognito-facts §1.7,
    /// §8.B14), so absence is **not** "no PKCE": the client still sends S256.
    NotAdvertised,
}

/// The provider's endpoints and the metadata the protocol functions need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    /// Issuer identifier, compared byte for byte with `iss` claims and the RFC 9207 `iss` parameter.
    pub issuer: String,
    /// `{issuer}/.well-known/openid-configuration`.
    pub discovery_url: String,
    /// Where the signing keys are.
    pub jwks_uri: String,
    /// The authorization endpoint (browser navigation).
    pub authorization_endpoint: String,
    /// The token endpoint (fetch).
    pub token_endpoint: String,
    /// The userInfo endpoint, if the provider has one.
    pub userinfo_endpoint: Option<String>,
    /// The revocation endpoint, if the provider has one.
    pub revocation_endpoint: Option<String>,
    /// The logout endpoint, if the provider has one.
    pub end_session_endpoint: Option<String>,
    /// How to call the logout endpoint.
    pub logout_style: LogoutStyle,
    /// RFC 9207: when true, authorization responses without `iss` are rejected.
    pub authorization_response_iss_parameter_supported: bool,
    /// The provider is Cognito (or speaks its dialect, like Local Cognito): its ID and access tokens carry
    /// `token_use`, which is then required so neither can stand in for the other (RFC 8725 §3.12,
    /// cognito-facts §3.5). A standard OpenID provider sends no `token_use`; only the ID token is verified.
    pub cognito_tokens: bool,
    /// Whether S256 was advertised.
    pub pkce: PkceSupport,
}

impl CognitoPool {
    /// The pool's issuer URL in the chosen form (cognito-facts §2.4).
    pub fn issuer(&self) -> String {
        let host = match self.issuer_form {
            IssuerForm::Original => "cognito-idp",
            IssuerForm::Updated => "issuer-cognito-idp",
        };
        [
            "https://",
            host,
            ".",
            self.pool_id.region(),
            ".amazonaws.com/",
            self.pool_id.as_str(),
        ]
        .concat()
    }

    /// The host of the pool domain, after checking the prefix or custom domain syntax.
    pub fn domain_host(&self) -> Result<String, EndpointError> {
        match &self.domain {
            PoolDomain::Prefix(prefix) => {
                let ok = (1..=63).contains(&prefix.len())
                    && prefix
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !prefix.starts_with('-')
                    && !prefix.ends_with('-');
                if !ok {
                    return Err(EndpointError::DomainPrefix(prefix.clone()));
                }
                Ok([prefix, ".auth.", self.pool_id.region(), ".amazoncognito.com"].concat())
            }
            PoolDomain::Custom(host) => {
                let labels: Vec<&str> = host.split('.').collect();
                let ok = labels.len() >= 2
                    && host.len() <= 253
                    && labels.iter().all(|l| {
                        (1..=63).contains(&l.len())
                            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                            && !l.starts_with('-')
                            && !l.ends_with('-')
                    });
                if !ok {
                    return Err(EndpointError::CustomDomain(host.clone()));
                }
                Ok(host.to_ascii_lowercase())
            }
        }
    }

    /// All endpoints of the pool. Discovery and JWKS live on the issuer host, the OAuth endpoints on the
    /// domain (cognito-facts §1.0; the userInfo path has a capital I).
    pub fn endpoints(&self) -> Result<Endpoints, EndpointError> {
        Ok(Endpoints::cognito(
            self.issuer(),
            &["https://", &self.domain_host()?].concat(),
        ))
    }
}

impl Endpoints {
    /// Cognito's endpoints for `issuer` and the hosted UI at `domain_url` (scheme, host, port): discovery and
    /// JWKS on the issuer, the OAuth endpoints and `/logout` on the domain (cognito-facts §1.0; the userInfo
    /// path has a capital I). Also for a Cognito-compatible provider on other hosts (Local Cognito).
    pub fn cognito(issuer: String, domain_url: &str) -> Endpoints {
        let domain = domain_url.trim_end_matches('/');
        let at = |path: &str| [domain, path].concat();
        Endpoints {
            discovery_url: discovery_url(&issuer),
            jwks_uri: [issuer.as_str(), "/.well-known/jwks.json"].concat(),
            authorization_endpoint: at("/oauth2/authorize"),
            token_endpoint: at("/oauth2/token"),
            userinfo_endpoint: Some(at("/oauth2/userInfo")),
            revocation_endpoint: Some(at("/oauth2/revoke")),
            end_session_endpoint: Some(at("/logout")),
            logout_style: LogoutStyle::Cognito,
            cognito_tokens: true,
            // Whether Cognito sends the RFC 9207 iss is unverified (security-checklist B2 item 7): check it
            // when present, do not require it.
            authorization_response_iss_parameter_supported: false,
            pkce: PkceSupport::NotAdvertised,
            issuer,
        }
    }
}

/// `{issuer}/.well-known/openid-configuration`, with one trailing `/` of the issuer removed first
/// (OIDC Discovery §4).
pub fn discovery_url(issuer: &str) -> String {
    [
        issuer.strip_suffix('/').unwrap_or(issuer),
        "/.well-known/openid-configuration",
    ]
    .concat()
}

/// True when `issuer` is one of the two Cognito issuer hosts (then `/logout` is Cognito's, not OIDC's).
pub fn is_cognito_issuer(issuer: &str) -> bool {
    AbsoluteUrl::parse(issuer).is_ok_and(|u| {
        let host = u.host().to_ascii_lowercase();
        u.scheme() == "https"
            && (host.starts_with("cognito-idp.") || host.starts_with("issuer-cognito-idp."))
            && host.ends_with(".amazonaws.com")
    })
}

/// The members of a discovery document this client reads (OIDC Discovery §3, RFC 8414 §2, RFC 9207 §3).
/// Unknown members are ignored.
struct ProviderMetadata {
    issuer: Option<String>,
    authorization_endpoint: Option<String>,
    token_endpoint: Option<String>,
    jwks_uri: Option<String>,
    userinfo_endpoint: Option<String>,
    revocation_endpoint: Option<String>,
    end_session_endpoint: Option<String>,
    response_types_supported: Option<Vec<String>>,
    code_challenge_methods_supported: Option<Vec<String>>,
    id_token_signing_alg_values_supported: Option<Vec<String>>,
    authorization_response_iss_parameter_supported: bool,
}

impl ProviderMetadata {
    /// Types the members; absent or `null` members are `None`, a member of the wrong type is an error.
    fn from_object(members: Object) -> Result<Self, String> {
        let string = |name: &str| members.string(name).map(|s| s.map(|s| s.into_owned()));
        Ok(ProviderMetadata {
            issuer: string("issuer")?,
            authorization_endpoint: string("authorization_endpoint")?,
            token_endpoint: string("token_endpoint")?,
            jwks_uri: string("jwks_uri")?,
            userinfo_endpoint: string("userinfo_endpoint")?,
            revocation_endpoint: string("revocation_endpoint")?,
            end_session_endpoint: string("end_session_endpoint")?,
            response_types_supported: members.strings("response_types_supported")?,
            code_challenge_methods_supported: members.strings("code_challenge_methods_supported")?,
            id_token_signing_alg_values_supported: members
                .strings("id_token_signing_alg_values_supported")?,
            authorization_response_iss_parameter_supported: members
                .boolean("authorization_response_iss_parameter_supported")?
                .unwrap_or(false),
        })
    }
}

impl Endpoints {
    /// Builds endpoints from a discovery document, requiring its `issuer` to equal `expected_issuer` exactly.
    ///
    /// Every endpoint must be https (http only on loopback) without a fragment. An absent
    /// `code_challenge_methods_supported` is accepted (Cognito quirk) but one that lacks `S256` is not; an
    /// `id_token_signing_alg_values_supported` without `RS256` is rejected because RS256 is the only
    /// algorithm this client verifies.
    pub fn from_discovery(document: &str, expected_issuer: &str) -> Result<Endpoints, EndpointError> {
        let object = crate::json::parse_object(document.as_bytes())
            .map_err(|e| EndpointError::Document(e.to_string()))?;
        let meta = ProviderMetadata::from_object(object).map_err(EndpointError::Document)?;
        let issuer = meta.issuer.ok_or(EndpointError::Missing("issuer"))?;
        if issuer != expected_issuer {
            return Err(EndpointError::IssuerMismatch {
                expected: expected_issuer.to_owned(),
                found: issuer,
            });
        }
        check_issuer(&issuer)?;
        let required = |value: Option<String>, field: &'static str| -> Result<String, EndpointError> {
            let url = value.ok_or(EndpointError::Missing(field))?;
            check_endpoint(&url, field)?;
            Ok(url)
        };
        let optional =
            |value: Option<String>, field: &'static str| -> Result<Option<String>, EndpointError> {
                match value {
                    // A community mock of a domain-less pool shows empty strings (cognito-facts §1.7).
                    Some(url) if url.is_empty() => Ok(None),
                    Some(url) => check_endpoint(&url, field).map(|()| Some(url)),
                    None => Ok(None),
                }
            };
        if let Some(types) = &meta.response_types_supported
            && !types.iter().any(|t| t == "code")
        {
            return Err(EndpointError::Unsupported("response_type=code".into()));
        }
        let pkce = match &meta.code_challenge_methods_supported {
            None => PkceSupport::NotAdvertised,
            Some(methods) if methods.iter().any(|m| m == "S256") => PkceSupport::Advertised,
            Some(methods) => {
                return Err(EndpointError::Unsupported(format!(
                    "PKCE S256 (code_challenge_methods_supported is {})",
                    crate::text::quoted_list(methods)
                )));
            }
        };
        if let Some(algs) = &meta.id_token_signing_alg_values_supported
            && !algs.iter().any(|a| a == "RS256")
        {
            return Err(EndpointError::Unsupported(format!(
                "RS256 ID tokens (id_token_signing_alg_values_supported is {})",
                crate::text::quoted_list(algs)
            )));
        }
        Ok(Endpoints {
            discovery_url: discovery_url(&issuer),
            jwks_uri: required(meta.jwks_uri, "jwks_uri")?,
            authorization_endpoint: required(meta.authorization_endpoint, "authorization_endpoint")?,
            token_endpoint: required(meta.token_endpoint, "token_endpoint")?,
            userinfo_endpoint: optional(meta.userinfo_endpoint, "userinfo_endpoint")?,
            revocation_endpoint: optional(meta.revocation_endpoint, "revocation_endpoint")?,
            end_session_endpoint: optional(meta.end_session_endpoint, "end_session_endpoint")?,
            logout_style: if is_cognito_issuer(&issuer) {
                LogoutStyle::Cognito
            } else {
                LogoutStyle::RpInitiated
            },
            cognito_tokens: is_cognito_issuer(&issuer),
            authorization_response_iss_parameter_supported: meta
                .authorization_response_iss_parameter_supported,
            pkce,
            issuer,
        })
    }
}

/// Checks an issuer identifier: https (or loopback http), no query, no fragment (OIDC Discovery §3).
pub fn check_issuer(issuer: &str) -> Result<(), EndpointError> {
    let url = AbsoluteUrl::parse(issuer).map_err(|source| EndpointError::Url {
        field: "issuer",
        source,
    })?;
    if !url.is_secure_or_loopback() {
        return Err(EndpointError::Insecure {
            field: "issuer",
            url: issuer.to_owned(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(EndpointError::QueryOrFragment {
            field: "issuer",
            url: issuer.to_owned(),
        });
    }
    Ok(())
}

/// Checks an endpoint URL: https (or loopback http), no fragment.
pub fn check_endpoint(endpoint: &str, field: &'static str) -> Result<(), EndpointError> {
    let url = AbsoluteUrl::parse(endpoint).map_err(|source| EndpointError::Url { field, source })?;
    if !url.is_secure_or_loopback() {
        return Err(EndpointError::Insecure {
            field,
            url: endpoint.to_owned(),
        });
    }
    if url.fragment().is_some() {
        return Err(EndpointError::QueryOrFragment {
            field,
            url: endpoint.to_owned(),
        });
    }
    Ok(())
}

/// Largest discovery document accepted.
pub const MAX_DISCOVERY_BYTES: usize = 64 * 1024;

/// Fetches and checks the discovery document of `issuer` (B1 rp-discovery-openid-configuration).
pub async fn discover(http: &impl HttpClient, issuer: &str) -> Result<Endpoints, EndpointError> {
    check_issuer(issuer)?;
    let url = discovery_url(issuer);
    let request = HttpRequest {
        method: HttpMethod::Get,
        url: url.clone(),
        headers: vec![("Accept".into(), "application/json".into())],
        body: None,
    };
    let response = http.send(request).await?;
    if response.status != 200 {
        return Err(EndpointError::Status {
            url,
            status: response.status,
        });
    }
    if response.body.len() > MAX_DISCOVERY_BYTES {
        return Err(EndpointError::Document(format!(
            "larger than {MAX_DISCOVERY_BYTES} bytes"
        )));
    }
    Endpoints::from_discovery(&response.body, issuer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(domain: PoolDomain, form: IssuerForm) -> CognitoPool {
        CognitoPool {
            pool_id: UserPoolId::parse("eu-central-1_2kcGMqneE").unwrap(),
            domain,
            issuer_form: form,
        }
    }

    #[test]
    fn cognito_prefix_domain_endpoints() {
        let e = pool(PoolDomain::Prefix("my-app".into()), IssuerForm::Original)
            .endpoints()
            .unwrap();
        assert_eq!(
            e.issuer,
            "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE"
        );
        assert_eq!(
            e.discovery_url,
            "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE/.well-known/openid-configuration"
        );
        assert_eq!(
            e.jwks_uri,
            "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE/.well-known/jwks.json"
        );
        let d = "https://my-app.auth.eu-central-1.amazoncognito.com";
        assert_eq!(e.authorization_endpoint, format!("{d}/oauth2/authorize"));
        assert_eq!(e.token_endpoint, format!("{d}/oauth2/token"));
        assert_eq!(
            e.userinfo_endpoint.as_deref(),
            Some(&*format!("{d}/oauth2/userInfo"))
        );
        assert_eq!(
            e.revocation_endpoint.as_deref(),
            Some(&*format!("{d}/oauth2/revoke"))
        );
        assert_eq!(e.end_session_endpoint.as_deref(), Some(&*format!("{d}/logout")));
        assert_eq!(e.logout_style, LogoutStyle::Cognito);
        assert_eq!(e.pkce, PkceSupport::NotAdvertised);
    }

    #[test]
    fn cognito_updated_issuer_and_custom_domain() {
        let e = pool(PoolDomain::Custom("Auth.Example.com".into()), IssuerForm::Updated)
            .endpoints()
            .unwrap();
        assert_eq!(
            e.issuer,
            "https://issuer-cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE"
        );
        assert_eq!(e.token_endpoint, "https://auth.example.com/oauth2/token");
        assert!(is_cognito_issuer(&e.issuer));
    }

    #[test]
    fn bad_pool_ids_and_domains_are_named() {
        for bad in [
            "",
            "useast1_abc",
            "us-east-1",
            "us-east-1_",
            "us-east-1_ab-c",
            "US-EAST-1_abc",
            "us-east-x_abc",
        ] {
            assert_eq!(
                UserPoolId::parse(bad),
                Err(EndpointError::PoolId(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(
            UserPoolId::parse("us-gov-west-1_abc").unwrap().region(),
            "us-gov-west-1"
        );
        let p = pool(PoolDomain::Prefix("-x".into()), IssuerForm::Original);
        assert_eq!(p.endpoints(), Err(EndpointError::DomainPrefix("-x".into())));
        let p = pool(
            PoolDomain::Custom("https://auth.example.com".into()),
            IssuerForm::Original,
        );
        assert!(matches!(p.endpoints(), Err(EndpointError::CustomDomain(_))));
    }

    const ISS: &str = "https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_dEIHPN1JG";

    /// The real 2025 document of cognito-facts §1.7.
    fn cognito_document() -> String {
        r#"{
            "authorization_endpoint": "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/authorize",
            "end_session_endpoint": "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/logout",
            "id_token_signing_alg_values_supported": ["RS256"],
            "issuer": "https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_dEIHPN1JG",
            "jwks_uri": "https://cognito-idp.ap-southeast-2.amazonaws.com/ap-southeast-2_dEIHPN1JG/.well-known/jwks.json",
            "response_types_supported": ["code", "token"],
            "revocation_endpoint": "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/revoke",
            "scopes_supported": ["openid", "email", "phone", "profile"],
            "subject_types_supported": ["public"],
            "token_endpoint": "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/token",
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "userinfo_endpoint": "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/userInfo"
        }"#
        .to_owned()
    }

    #[test]
    fn cognito_discovery_without_pkce_metadata_is_accepted() {
        let e = Endpoints::from_discovery(&cognito_document(), ISS).unwrap();
        assert_eq!(e.pkce, PkceSupport::NotAdvertised);
        assert_eq!(e.logout_style, LogoutStyle::Cognito);
        assert_eq!(
            e.token_endpoint,
            "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/token"
        );
    }

    #[test]
    fn b1_rp_discovery_issuer_not_matching_config() {
        for expected in [
            &format!("{ISS}/"),
            &ISS.to_uppercase(),
            &ISS.replace("https", "http"),
        ] {
            assert!(matches!(
                Endpoints::from_discovery(&cognito_document(), expected),
                Err(EndpointError::IssuerMismatch { .. })
            ));
        }
    }

    #[test]
    fn discovery_rejects_insecure_endpoints_and_unsupported_pkce_or_alg() {
        let doc = cognito_document().replace(
            "https://dev-ltfly.auth.ap-southeast-2.amazoncognito.com/oauth2/token",
            "http://evil.example/token",
        );
        assert!(matches!(
            Endpoints::from_discovery(&doc, ISS),
            Err(EndpointError::Insecure {
                field: "token_endpoint",
                ..
            })
        ));
        let doc = cognito_document().replace(
            "\"issuer\"",
            "\"code_challenge_methods_supported\":[\"plain\"],\"issuer\"",
        );
        assert!(matches!(
            Endpoints::from_discovery(&doc, ISS),
            Err(EndpointError::Unsupported(_))
        ));
        let doc = cognito_document().replace("[\"RS256\"]", "[\"ES256\"]");
        assert!(matches!(
            Endpoints::from_discovery(&doc, ISS),
            Err(EndpointError::Unsupported(_))
        ));
        let doc = cognito_document().replace("\"issuer\"", "\"issuer\":\"x\",\"issuer\"");
        assert!(matches!(
            Endpoints::from_discovery(&doc, ISS),
            Err(EndpointError::Document(_))
        ));
    }

    #[test]
    fn standard_op_discovery_with_rfc9207_and_loopback() {
        let doc = r#"{"issuer":"http://127.0.0.1:9000","authorization_endpoint":"http://127.0.0.1:9000/auth",
            "token_endpoint":"http://127.0.0.1:9000/token","jwks_uri":"http://127.0.0.1:9000/jwks",
            "code_challenge_methods_supported":["S256"],"authorization_response_iss_parameter_supported":true}"#;
        let e = Endpoints::from_discovery(doc, "http://127.0.0.1:9000").unwrap();
        assert_eq!(e.pkce, PkceSupport::Advertised);
        assert_eq!(e.logout_style, LogoutStyle::RpInitiated);
        assert!(e.authorization_response_iss_parameter_supported);
        assert_eq!(e.userinfo_endpoint, None);
        assert_eq!(
            e.discovery_url,
            "http://127.0.0.1:9000/.well-known/openid-configuration"
        );
    }
}
