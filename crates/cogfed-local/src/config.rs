//! What Local Cognito serves: one user pool with its app clients, identity providers, resource servers and
//! users, plus the upstream OIDC personas that play the federated IdPs.
//!
//! Field names are the snake_case AWS names (Terraform spelling, cognito-facts §7.7) so that an adapter from the
//! integration manifest is a field-by-field copy. Values that Cognito defaults are `Option`s or carry the
//! Cognito default in [`Default`].

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// A string that must never be printed: passwords and client secrets. `Debug` shows `"<redacted>"`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself, for comparison or hashing; never for logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// Everything Local Cognito serves.
#[derive(Clone, Debug, Default)]
pub struct LocalConfig {
    /// The user pool.
    pub user_pool: UserPoolConfig,
    /// App clients of the pool.
    pub clients: Vec<AppClientConfig>,
    /// Federated identity providers of the pool (`COGNITO` is built in and not listed).
    pub identity_providers: Vec<IdentityProviderConfig>,
    /// Resource servers and their custom scopes.
    pub resource_servers: Vec<ResourceServerConfig>,
    /// Local (pool) users who sign in with a password.
    pub users: Vec<PoolUserConfig>,
    /// Upstream OIDC IdPs served on the upstream port, each with its own issuer, keys and users.
    pub upstream_personas: Vec<UpstreamPersonaConfig>,
}

/// The user pool itself (cognito-facts §7.4).
#[derive(Clone, Debug, Default)]
pub struct UserPoolConfig {
    /// Pool ID, `{region}_{suffix}` (cognito-facts §2.5). Also the issuer path.
    pub id: String,
    /// AWS Region; informational (the issuer is built from the issuer base, not from the Region).
    pub region: String,
    /// `UsernameAttributes` (`email`, `phone_number`): users may sign in with these, and a federated sign-in
    /// must map them (cognito-facts §5.4).
    pub username_attributes: Vec<String>,
    /// `SchemaAttributes`: only the parts Local Cognito enforces (required, mutable).
    pub schema_attributes: Vec<SchemaAttributeConfig>,
}

/// One attribute of the pool schema.
#[derive(Clone, Debug, Default)]
pub struct SchemaAttributeConfig {
    /// Attribute name, `custom:` prefixed for custom attributes.
    pub name: String,
    /// A federated sign-in without a value for it fails (cognito-facts §5.4).
    pub required: bool,
    /// Immutable attributes can only be set at the first federated sign-in.
    pub mutable: bool,
}

/// The OAuth flows an app client may use (`AllowedOAuthFlows`, cognito-facts §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OAuthFlow {
    /// `code`: authorization code grant.
    Code,
    /// `implicit`: tokens in the redirect fragment.
    Implicit,
    /// `client_credentials`: machine-to-machine, secret clients only.
    ClientCredentials,
}

impl OAuthFlow {
    /// Parses the AWS value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "code" => Some(OAuthFlow::Code),
            "implicit" => Some(OAuthFlow::Implicit),
            "client_credentials" => Some(OAuthFlow::ClientCredentials),
            _ => None,
        }
    }
}

/// Unit of a token validity (`TokenValidityUnits`, cognito-facts §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidityUnit {
    /// seconds
    Seconds,
    /// minutes
    Minutes,
    /// hours
    Hours,
    /// days
    Days,
}

impl ValidityUnit {
    /// Parses the AWS value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "seconds" => Some(ValidityUnit::Seconds),
            "minutes" => Some(ValidityUnit::Minutes),
            "hours" => Some(ValidityUnit::Hours),
            "days" => Some(ValidityUnit::Days),
            _ => None,
        }
    }
    fn seconds(self) -> u64 {
        match self {
            ValidityUnit::Seconds => 1,
            ValidityUnit::Minutes => 60,
            ValidityUnit::Hours => 3600,
            ValidityUnit::Days => 86_400,
        }
    }
}

/// `TokenValidityUnits`; the defaults are Cognito's: hours, hours, days (cognito-facts §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenValidityUnits {
    /// Unit of `access_token_validity`.
    pub access_token: ValidityUnit,
    /// Unit of `id_token_validity`.
    pub id_token: ValidityUnit,
    /// Unit of `refresh_token_validity`.
    pub refresh_token: ValidityUnit,
}

impl Default for TokenValidityUnits {
    fn default() -> Self {
        TokenValidityUnits {
            access_token: ValidityUnit::Hours,
            id_token: ValidityUnit::Hours,
            refresh_token: ValidityUnit::Days,
        }
    }
}

/// `RefreshTokenRotation` (cognito-facts §3.4).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefreshTokenRotation {
    /// `Feature = ENABLED`: every refresh returns a new refresh token.
    pub enabled: bool,
    /// `RetryGracePeriodSeconds` (0–60): how long a rotated-out token keeps working.
    pub retry_grace_period_seconds: u64,
}

const HOUR: Duration = Duration::from_secs(3600);
const THIRTY_DAYS: Duration = Duration::from_secs(30 * 86_400);

/// One app client (cognito-facts §4, §7.1).
#[derive(Clone, Debug)]
pub struct AppClientConfig {
    /// `ClientId`.
    pub client_id: String,
    /// `ClientName`.
    pub client_name: String,
    /// `ClientSecret`; `None` for a public client (SPA).
    pub client_secret: Option<Secret>,
    /// `CallbackURLs`, matched by exact string comparison.
    pub callback_urls: Vec<String>,
    /// `LogoutURLs`, the allowed `logout_uri` values.
    pub logout_urls: Vec<String>,
    /// `DefaultRedirectURI`.
    pub default_redirect_uri: Option<String>,
    /// `AllowedOAuthFlows`.
    pub allowed_oauth_flows: Vec<OAuthFlow>,
    /// `AllowedOAuthFlowsUserPoolClient`: without it the client cannot use the hosted UI at all.
    pub allowed_oauth_flows_user_pool_client: bool,
    /// `AllowedOAuthScopes`.
    pub allowed_oauth_scopes: Vec<String>,
    /// `SupportedIdentityProviders`: `COGNITO` and/or IdP names.
    pub supported_identity_providers: Vec<String>,
    /// `AccessTokenValidity` in `token_validity_units.access_token`; `None` = 1 hour.
    pub access_token_validity: Option<u64>,
    /// `IdTokenValidity` in `token_validity_units.id_token`; `None` = 1 hour.
    pub id_token_validity: Option<u64>,
    /// `RefreshTokenValidity` in `token_validity_units.refresh_token`; `None` or 0 = 30 days.
    pub refresh_token_validity: Option<u64>,
    /// `TokenValidityUnits`.
    pub token_validity_units: TokenValidityUnits,
    /// `EnableTokenRevocation` (default true).
    pub enable_token_revocation: bool,
    /// `RefreshTokenRotation`.
    pub refresh_token_rotation: RefreshTokenRotation,
    /// `ReadAttributes`; `None` = every standard attribute plus the verified flags.
    pub read_attributes: Option<Vec<String>>,
    /// `WriteAttributes`; `None` = every standard attribute.
    pub write_attributes: Option<Vec<String>>,
}

impl AppClientConfig {
    /// A public client (no secret) allowed the code flow, with Cognito's defaults for everything else.
    pub fn public(client_id: impl Into<String>) -> Self {
        let client_id = client_id.into();
        AppClientConfig {
            client_name: client_id.clone(),
            client_id,
            client_secret: None,
            callback_urls: vec![],
            logout_urls: vec![],
            default_redirect_uri: None,
            allowed_oauth_flows: vec![OAuthFlow::Code],
            allowed_oauth_flows_user_pool_client: true,
            allowed_oauth_scopes: vec!["openid".into(), "email".into(), "profile".into()],
            supported_identity_providers: vec!["COGNITO".into()],
            access_token_validity: None,
            id_token_validity: None,
            refresh_token_validity: None,
            token_validity_units: TokenValidityUnits::default(),
            enable_token_revocation: true,
            refresh_token_rotation: RefreshTokenRotation::default(),
            read_attributes: None,
            write_attributes: None,
        }
    }

    /// Access token lifetime with its unit applied (cognito-facts §4: default 1 hour).
    pub fn access_token_ttl(&self) -> Duration {
        validity(
            self.access_token_validity,
            HOUR,
            self.token_validity_units.access_token,
        )
    }
    /// ID token lifetime with its unit applied (default 1 hour).
    pub fn id_token_ttl(&self) -> Duration {
        validity(self.id_token_validity, HOUR, self.token_validity_units.id_token)
    }
    /// Refresh token lifetime with its unit applied (default 30 days; 0 means the default).
    pub fn refresh_token_ttl(&self) -> Duration {
        validity(
            self.refresh_token_validity,
            THIRTY_DAYS,
            self.token_validity_units.refresh_token,
        )
    }
    /// Whether the client authenticates with a secret at the token endpoint.
    pub fn is_confidential(&self) -> bool {
        self.client_secret.is_some()
    }
    /// Whether the client may use the given flow.
    pub fn allows(&self, flow: OAuthFlow) -> bool {
        self.allowed_oauth_flows.contains(&flow)
    }
}

fn validity(value: Option<u64>, default: Duration, unit: ValidityUnit) -> Duration {
    // cognito-facts §4: RefreshTokenValidity 0 is replaced by the default; the same for the others. The
    // defaults are fixed durations (1 hour, 30 days) whatever unit the client picked for its own values.
    match value {
        None | Some(0) => default,
        Some(v) => Duration::from_secs(v.saturating_mul(unit.seconds())),
    }
}

/// The kinds of identity provider (`ProviderType`, cognito-facts §5.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProviderType {
    /// `OIDC`: the only type Local Cognito federates to.
    Oidc,
    /// Any other type (`SAML`, `Google`, ...): accepted in the configuration, not served.
    Other(String),
}

impl ProviderType {
    /// Parses the AWS value.
    pub fn parse(value: &str) -> Self {
        if value == "OIDC" {
            ProviderType::Oidc
        } else {
            ProviderType::Other(value.to_owned())
        }
    }
    /// The AWS value, as it appears in `identities[].providerType`.
    pub fn as_str(&self) -> &str {
        match self {
            ProviderType::Oidc => "OIDC",
            ProviderType::Other(s) => s,
        }
    }
}

/// `ProviderDetails`: a string map whose `client_secret` never shows in `Debug` (cognito-facts §5.2).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ProviderDetails(pub BTreeMap<String, String>);

impl ProviderDetails {
    /// The value of a key, if set and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

impl fmt::Debug for ProviderDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (k, v) in &self.0 {
            if k == "client_secret" {
                map.entry(k, &"<redacted>");
            } else {
                map.entry(k, v);
            }
        }
        map.finish()
    }
}

impl<const N: usize> From<[(&str, &str); N]> for ProviderDetails {
    fn from(pairs: [(&str, &str); N]) -> Self {
        ProviderDetails(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }
}

/// One federated identity provider of the pool (cognito-facts §5, §7.2).
#[derive(Clone, Debug)]
pub struct IdentityProviderConfig {
    /// `ProviderName`: the `identity_provider` value and the federated username prefix.
    pub provider_name: String,
    /// `ProviderType`.
    pub provider_type: ProviderType,
    /// `ProviderDetails`: `client_id`, `client_secret`, `authorize_scopes`, `attributes_request_method`,
    /// `oidc_issuer`, or the manual `authorize_url`, `token_url`, `attributes_url`, `jwks_uri`.
    pub provider_details: ProviderDetails,
    /// `AttributeMapping`: pool attribute -> IdP claim.
    pub attribute_mapping: BTreeMap<String, String>,
    /// `IdpIdentifiers`: alternative names accepted as `idp_identifier`.
    pub idp_identifiers: Vec<String>,
}

/// One custom scope of a resource server.
#[derive(Clone, Debug)]
pub struct ResourceServerScopeConfig {
    /// `ScopeName`.
    pub scope_name: String,
    /// `ScopeDescription`.
    pub scope_description: String,
}

/// A resource server (cognito-facts §6).
#[derive(Clone, Debug)]
pub struct ResourceServerConfig {
    /// `Identifier`: the prefix of its scopes, and a `resource` target when URL-shaped.
    pub identifier: String,
    /// `Name`.
    pub name: String,
    /// `Scopes`.
    pub scopes: Vec<ResourceServerScopeConfig>,
}

/// A local pool user.
#[derive(Clone, Debug)]
pub struct PoolUserConfig {
    /// The username.
    pub username: String,
    /// The password; hashed at start, never logged.
    pub password: Secret,
    /// User attributes as Cognito stores them: strings (`email_verified` = `"true"`). `sub` is generated when
    /// absent.
    pub attributes: BTreeMap<String, String>,
    /// Groups, in `cognito:groups` order.
    pub groups: Vec<String>,
}

/// How the persona's token endpoint accepts client credentials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenEndpointAuthMethod {
    /// `client_secret_post`: `client_id` + `client_secret` in the body (what Cognito sends, cognito-facts §5.3).
    ClientSecretPost,
    /// `client_secret_basic`: `Authorization: Basic`.
    ClientSecretBasic,
}

impl TokenEndpointAuthMethod {
    /// Parses the OIDC metadata value.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "client_secret_post" => Some(TokenEndpointAuthMethod::ClientSecretPost),
            "client_secret_basic" => Some(TokenEndpointAuthMethod::ClientSecretBasic),
            _ => None,
        }
    }
    /// The OIDC metadata value.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenEndpointAuthMethod::ClientSecretPost => "client_secret_post",
            TokenEndpointAuthMethod::ClientSecretBasic => "client_secret_basic",
        }
    }
}

/// How the persona answers userinfo (the Idura Verify setting, seeds/004).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UserinfoResponseStrategy {
    /// `plainJson`: a JSON object of claims (what Cognito needs).
    #[default]
    PlainJson,
    /// `signedJwt`: an `application/jwt` body, which Cognito rejects with
    /// "invalid token_type in idp oauth response".
    SignedJwt,
}

impl UserinfoResponseStrategy {
    /// Parses the Idura spelling.
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "plainJson" => Some(UserinfoResponseStrategy::PlainJson),
            "signedJwt" => Some(UserinfoResponseStrategy::SignedJwt),
            _ => None,
        }
    }
}

/// A user of an upstream persona.
#[derive(Clone, Debug)]
pub struct PersonaUserConfig {
    /// The IdP subject.
    pub sub: String,
    /// The password; hashed at start, never logged.
    pub password: Secret,
    /// Claims put in the ID token and userinfo (`email`, `email_verified`, `name`, `preferred_username`...).
    /// The sign-in form accepts `sub`, `preferred_username` or `email` as the username.
    pub claims: serde_json::Map<String, serde_json::Value>,
}

/// An upstream OIDC IdP played by Local Cognito, with configurable misbehaviour.
#[derive(Clone, Debug)]
pub struct UpstreamPersonaConfig {
    /// The pool IdP this persona plays (informational; the link is the IdP's `oidc_issuer`).
    pub provider_name: String,
    /// The issuer, exactly as it appears in `iss` and discovery. It must live on the upstream port; its path
    /// selects the persona. A trailing slash is kept on purpose (cognito-facts §5.3).
    pub issuer: String,
    /// Client ID Cognito must use.
    pub client_id: String,
    /// Client secret Cognito must present.
    pub client_secret: Secret,
    /// Registered redirect URIs (Cognito's `/oauth2/idpresponse`), exact match.
    pub redirect_uris: Vec<String>,
    /// Accepted token endpoint authentication methods; `[client_secret_basic]` alone reproduces
    /// "<ProviderName> Error - 401 error getting token".
    pub token_endpoint_auth_methods: Vec<TokenEndpointAuthMethod>,
    /// Userinfo answer format.
    pub userinfo_response_strategy: UserinfoResponseStrategy,
    /// `token_type` in the token response; `None` leaves it out.
    pub token_type: Option<String>,
    /// The persona's users.
    pub users: Vec<PersonaUserConfig>,
    /// Claims left out of both the ID token and userinfo (e.g. `email`, to break a required mapping).
    pub omit_claims: Vec<String>,
}

/// Addresses the demo configuration needs.
#[derive(Clone, Debug)]
pub struct DemoUrls {
    /// Base URL of the Cognito side, e.g. `http://127.0.0.1:9229`.
    pub cognito_base: String,
    /// Base URL of the upstream persona, e.g. `http://127.0.0.1:9230`.
    pub upstream_base: String,
    /// Origin of the SPA, e.g. `http://127.0.0.1:8080`.
    pub spa_origin: String,
}

/// Demo credentials: the local user.
pub const DEMO_LOCAL_USER: (&str, &str) = ("alice", "Alice-Passw0rd!");
/// Demo credentials: the upstream user.
pub const DEMO_UPSTREAM_USER: (&str, &str) = ("bob", "Bob-Passw0rd!");
/// The demo pool.
pub const DEMO_POOL_ID: &str = "us-east-1_LocalDemo";
/// The demo SPA client.
pub const DEMO_CLIENT_ID: &str = "cogfed_demo_spa";

impl LocalConfig {
    /// The demo integration: pool `us-east-1_LocalDemo`, public SPA client `cogfed_demo_spa` (callback
    /// `{spa}/callback`, logout `{spa}/`, scopes openid email profile, refresh-token rotation with a 10 s
    /// grace period), IdPs COGNITO + `Upstream` played by a
    /// persona at the upstream base, users alice (local) and bob (upstream).
    pub fn demo(urls: &DemoUrls) -> Self {
        let spa = urls.spa_origin.trim_end_matches('/');
        let mut client = AppClientConfig::public(DEMO_CLIENT_ID);
        client.client_name = "cogfed demo SPA".into();
        client.callback_urls = vec![format!("{spa}/callback")];
        client.logout_urls = vec![format!("{spa}/")];
        client.supported_identity_providers = vec!["COGNITO".into(), "Upstream".into()];
        // A browser client rotates its refresh tokens (RFC 9700 §4.14.2; the linter's
        // public-client-no-rotation), as examples/local-demo.toml says.
        client.refresh_token_rotation = RefreshTokenRotation {
            enabled: true,
            retry_grace_period_seconds: 10,
        };
        let issuer = urls.upstream_base.trim_end_matches('/').to_owned();
        let mut bob_claims = serde_json::Map::new();
        bob_claims.insert("email".into(), "bob@upstream.example".into());
        bob_claims.insert("email_verified".into(), true.into());
        bob_claims.insert("name".into(), "Bob Upstream".into());
        bob_claims.insert("preferred_username".into(), "bob".into());
        LocalConfig {
            user_pool: UserPoolConfig {
                id: DEMO_POOL_ID.into(),
                region: "us-east-1".into(),
                username_attributes: vec![],
                schema_attributes: vec![SchemaAttributeConfig {
                    name: "email".into(),
                    required: true,
                    mutable: true,
                }],
            },
            clients: vec![client],
            identity_providers: vec![IdentityProviderConfig {
                provider_name: "Upstream".into(),
                provider_type: ProviderType::Oidc,
                provider_details: ProviderDetails::from([
                    ("client_id", "cognito-local"),
                    ("client_secret", "upstream-client-secret"),
                    ("authorize_scopes", "openid email profile"),
                    ("attributes_request_method", "GET"),
                    ("oidc_issuer", issuer.as_str()),
                ]),
                attribute_mapping: [
                    ("email", "email"),
                    ("email_verified", "email_verified"),
                    ("name", "name"),
                ]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
                idp_identifiers: vec!["upstream.example".into()],
            }],
            resource_servers: vec![],
            users: vec![PoolUserConfig {
                username: DEMO_LOCAL_USER.0.into(),
                password: Secret::new(DEMO_LOCAL_USER.1),
                attributes: [
                    ("email", "alice@example.com"),
                    ("email_verified", "true"),
                    ("name", "Alice Local"),
                ]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
                groups: vec!["testers".into()],
            }],
            upstream_personas: vec![UpstreamPersonaConfig {
                provider_name: "Upstream".into(),
                issuer,
                client_id: "cognito-local".into(),
                client_secret: Secret::new("upstream-client-secret"),
                redirect_uris: vec![format!(
                    "{}/oauth2/idpresponse",
                    urls.cognito_base.trim_end_matches('/')
                )],
                token_endpoint_auth_methods: vec![
                    TokenEndpointAuthMethod::ClientSecretPost,
                    TokenEndpointAuthMethod::ClientSecretBasic,
                ],
                userinfo_response_strategy: UserinfoResponseStrategy::PlainJson,
                token_type: Some("Bearer".into()),
                users: vec![PersonaUserConfig {
                    sub: "00u-bob-upstream".into(),
                    password: Secret::new(DEMO_UPSTREAM_USER.1),
                    claims: bob_claims,
                }],
                omit_claims: vec![],
            }],
        }
    }

    /// The app client with this ID.
    pub fn client(&self, client_id: &str) -> Option<&AppClientConfig> {
        self.clients.iter().find(|c| c.client_id == client_id)
    }

    /// The identity provider with this name (exact, case-sensitive like Cognito, cognito-facts §8 A4).
    pub fn identity_provider(&self, name: &str) -> Option<&IdentityProviderConfig> {
        self.identity_providers.iter().find(|p| p.provider_name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_defaults_follow_cognito() {
        let c = AppClientConfig::public("c");
        assert_eq!(c.access_token_ttl(), Duration::from_secs(3600));
        assert_eq!(c.id_token_ttl(), Duration::from_secs(3600));
        assert_eq!(c.refresh_token_ttl(), Duration::from_secs(30 * 86_400));
    }

    #[test]
    fn validity_applies_units_and_zero_means_default() {
        let mut c = AppClientConfig::public("c");
        c.access_token_validity = Some(60);
        c.token_validity_units.access_token = ValidityUnit::Minutes;
        c.id_token_validity = Some(2);
        c.refresh_token_validity = Some(0);
        c.token_validity_units.refresh_token = ValidityUnit::Minutes;
        assert_eq!(c.access_token_ttl(), Duration::from_secs(3600));
        assert_eq!(c.id_token_ttl(), Duration::from_secs(7200));
        assert_eq!(c.refresh_token_ttl(), Duration::from_secs(30 * 86_400));
        c.access_token_validity = Some(5);
        c.token_validity_units.access_token = ValidityUnit::Seconds;
        assert_eq!(c.access_token_ttl(), Duration::from_secs(5));
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let cfg = LocalConfig::demo(&DemoUrls {
            cognito_base: "http://127.0.0.1:9229".into(),
            upstream_base: "http://127.0.0.1:9230".into(),
            spa_origin: "http://127.0.0.1:8080".into(),
        });
        let shown = format!("{cfg:?}");
        assert!(!shown.contains(DEMO_LOCAL_USER.1), "password leaked: {shown}");
        assert!(!shown.contains(DEMO_UPSTREAM_USER.1));
        assert!(!shown.contains("upstream-client-secret"));
        assert!(shown.contains("<redacted>"));
    }
}
