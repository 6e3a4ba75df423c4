//! The integration model: both sides of a Cognito <-> OIDC integration as plain data.
//!
//! Field names are the snake_case of the AWS API names (`CallbackURLs` -> `callback_urls`), the names
//! Terraform uses, so the same types read our manifest (exact names) and AWS CLI JSON / CloudFormation
//! `Properties` (normalised names, see [`crate::de::Mode`]). Every value is a [`Located`]: rules read the
//! value, findings point at where it is written. Values AWS would accept but we cannot know statically
//! (a CloudFormation `!GetAtt`) are [`crate::de::Resolved::Unknown`] and rules skip them.
//!
//! Sources: cognito-facts §4 (app client), §5 (identity provider), §6 (resource servers), §7.3/§7.4
//! (domain, user pool).

use crate::de::{Located, StrMap};
use serde::Deserialize;

mod values;
pub use values::{OAuthFlow, TokenEndpointAuthMethod, TokenKind, ValidityUnit};

/// An optional located value.
pub type Field<T> = Option<Located<T>>;
/// An optional located list of located values.
pub type List<T> = Option<Located<Vec<Located<T>>>>;
/// An optional located map of located strings to located values.
pub type Map<V> = Option<Located<StrMap<V>>>;

/// One integration, merged from every input file.
#[derive(Debug, Clone, Default)]
pub struct Integration {
    /// The Cognito user pool (the first one read; descriptions of the same pool in later files fill its gaps).
    pub user_pool: Option<Located<UserPool>>,
    /// Further user pools: a template that defines several, a folder of templates for several pools. The
    /// rules run once per pool over the resources that belong to it ([`crate::pools`]).
    pub other_pools: Vec<Located<UserPool>>,
    /// User pool domains (prefix and custom).
    pub domains: Vec<Located<Domain>>,
    /// App clients.
    pub clients: Vec<Located<AppClient>>,
    /// Identity providers configured in the pool.
    pub identity_providers: Vec<Located<IdentityProvider>>,
    /// Resource servers and their custom scopes.
    pub resource_servers: Vec<Located<ResourceServer>>,
    /// The upstream IdPs' registrations of Cognito as their client.
    pub upstream_idps: Vec<Located<UpstreamIdp>>,
    /// Products that use Cognito as their IdP (Pomerium, FusionAuth, Cloudentity, ...).
    pub relying_parties: Vec<Located<RelyingParty>>,
    /// The browser SPA's own settings (what `cogfed-auth` is configured with).
    pub spa: Option<Located<SpaSettings>>,
    /// Further SPA settings: a folder of integrations, each with its own (one lint per pool gives each pool
    /// the settings that name its client, see [`crate::pools`]).
    pub other_spas: Vec<Located<SpaSettings>>,
    /// The folder of each input file, by [`crate::FileId`] (`infra/auth` for `infra/auth/main.tf`): settings
    /// that could go with several pools go with the pool of their own folder.
    pub folders: Vec<String>,
    /// Settings for Local Cognito (`cogfed local`).
    pub local: Option<Located<LocalSettings>>,
    /// Linter settings (severity overrides), merged from every manifest.
    pub lint: LintSettings,
    /// Lists the inputs hold completely whatever the pool (an AWS CLI `list-*` output, a manifest section).
    pub listed: Listed,
}

/// Which of a pool's resource lists the inputs hold completely, so "X is not defined" can be decided (issue
/// 12: describe-user-pool-client output names custom scopes and identity providers that exist, but whose
/// definitions were simply not among the inputs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Listed {
    /// Every resource server (a template or manifest that defines the pool, `list-resource-servers`).
    pub resource_servers: bool,
    /// Every identity provider (a template or manifest that defines the pool, `list-identity-providers`).
    pub identity_providers: bool,
}

impl Listed {
    /// Both lists: the inputs define the pool.
    pub const ALL: Listed = Listed {
        resource_servers: true,
        identity_providers: true,
    };

    /// What either says is complete.
    pub fn or(self, other: Listed) -> Listed {
        Listed {
            resource_servers: self.resource_servers || other.resource_servers,
            identity_providers: self.identity_providers || other.identity_providers,
        }
    }
}

/// Where a Terraform resource was read from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TerraformSource {
    /// A configuration (`.tf`, `.tf.json`): what the user writes.
    #[default]
    Configuration,
    /// `terraform show -json` of a plan: what the next apply will do.
    Plan,
    /// `terraform show -json` of a state: what was applied, as the provider read it back (like Describe).
    State,
}

/// What Terraform input says about a resource beyond the arguments the model holds (issue 15).
#[derive(Debug, Clone, Default)]
pub struct TerraformResource {
    /// Its address: `aws_cognito_user_pool_client.spa`, `module.auth.aws_cognito_identity_provider.google`.
    pub address: String,
    /// Configuration, plan or state.
    pub source: TerraformSource,
    /// The attributes `lifecycle { ignore_changes = [...] }` names; `*` for `all`.
    pub ignore_changes: Vec<String>,
    /// Where the `lifecycle` block (or the resource, without one) is written.
    pub at: crate::de::Loc,
    /// Arguments whose value comes from a variable nothing sets (no default, no `.tfvars` value, or not
    /// declared among the inputs): (argument, variable, where the argument's value is written).
    pub unset_variables: Vec<(String, String, crate::de::Loc)>,
    /// From a plan that replaces the resource: the arguments whose change forces it, each where the planned
    /// change is written.
    pub replaced_by: Vec<(String, crate::de::Loc)>,
}

impl TerraformResource {
    /// Whether `lifecycle { ignore_changes }` covers `attribute`.
    pub fn ignores(&self, attribute: &str) -> bool {
        self.ignore_changes.iter().any(|a| a == "*" || a == attribute)
    }
}

/// The manifest file: `version = 1` and the sections of an integration.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Manifest format version; must be 1.
    pub version: Located<u32>,
    /// The Cognito user pool.
    #[serde(default)]
    pub user_pool: Option<Located<UserPool>>,
    /// User pool domains (`[[domains]]`).
    #[serde(default)]
    pub domains: Vec<Located<Domain>>,
    /// App clients (`[[clients]]`).
    #[serde(default)]
    pub clients: Vec<Located<AppClient>>,
    /// Identity providers (`[[identity_providers]]`).
    #[serde(default)]
    pub identity_providers: Vec<Located<IdentityProvider>>,
    /// Resource servers (`[[resource_servers]]`).
    #[serde(default)]
    pub resource_servers: Vec<Located<ResourceServer>>,
    /// Upstream IdPs' registrations of Cognito (`[[upstream_idps]]`).
    #[serde(default)]
    pub upstream_idps: Vec<Located<UpstreamIdp>>,
    /// Relying parties using Cognito as their IdP (`[[relying_parties]]`).
    #[serde(default)]
    pub relying_parties: Vec<Located<RelyingParty>>,
    /// The browser SPA's settings (`[spa]`).
    #[serde(default)]
    pub spa: Option<Located<SpaSettings>>,
    /// Local Cognito settings (`[local]`).
    #[serde(default)]
    pub local: Option<Located<LocalSettings>>,
    /// Linter settings (`[lint]`).
    #[serde(default)]
    pub lint: Option<Located<LintSettings>>,
}

/// A Cognito user pool (describe-user-pool, cognito-facts §7.4).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct UserPool {
    /// The name other resources use for this pool when an importer knows it by reference rather than by id (a
    /// CloudFormation pool resource: `{file}:{logical id}`); not part of any input format.
    #[serde(skip)]
    pub pool_ref: Option<String>,
    /// Which of this pool's resource lists the inputs hold completely: all of them when a template or manifest
    /// defines the pool, none for describe-user-pool output.
    #[serde(skip)]
    pub listed: Listed,
    /// Pool id, `{region}_{suffix}` (e.g. `us-east-1_ExAmPlE12`).
    pub id: Field<String>,
    /// Pool name.
    pub name: Field<String>,
    /// AWS Region; derived from `id` when absent.
    pub region: Field<String>,
    /// Pool ARN.
    pub arn: Field<String>,
    /// Standard and custom (`custom:`-prefixed) attributes (Terraform's repeated block is `schema`).
    #[serde(alias = "schema")]
    pub schema_attributes: List<SchemaAttribute>,
    /// `email` and/or `phone_number`: sign-in with these instead of a username.
    pub username_attributes: List<String>,
    /// `email`, `phone_number`, `preferred_username` usable as aliases.
    pub alias_attributes: List<String>,
    /// Attributes Cognito verifies automatically.
    pub auto_verified_attributes: List<String>,
    /// The prefix domain, if any (describe-user-pool `Domain`).
    pub domain: Field<String>,
    /// The custom domain FQDN, if any (describe-user-pool `CustomDomain`).
    pub custom_domain: Field<String>,
    /// Which issuer URL form the pool uses.
    pub issuer_configuration: Field<IssuerConfiguration>,
    /// `LITE`, `ESSENTIALS` or `PLUS`.
    pub user_pool_tier: Field<String>,
    /// `OFF`, `ON` or `OPTIONAL`.
    pub mfa_configuration: Field<String>,
    /// Admin-create-user settings.
    pub admin_create_user_config: Field<AdminCreateUserConfig>,
}

/// `IssuerConfiguration` (cognito-facts §2.4).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct IssuerConfiguration {
    /// `ORIGINAL` (`https://cognito-idp.{region}.amazonaws.com/{id}`) or `UPDATED`
    /// (`https://issuer-cognito-idp.{region}.amazonaws.com/{id}`).
    #[serde(rename = "type")]
    pub r#type: Field<String>,
}

/// `AdminCreateUserConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AdminCreateUserConfig {
    /// Only administrators may create users (blocks federated first sign-in, cognito-facts §8.34).
    pub allow_admin_create_user_only: Field<bool>,
}

/// One schema attribute (`SchemaAttributes[]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SchemaAttribute {
    /// Attribute name; custom ones carry the `custom:` prefix.
    pub name: Field<String>,
    /// `String`, `Number`, `DateTime` or `Boolean`.
    pub attribute_data_type: Field<String>,
    /// Whether the value can change after creation (mapped attributes must be mutable).
    pub mutable: Field<bool>,
    /// Whether every user must have it (IdPs must map required attributes).
    pub required: Field<bool>,
    /// Only administrators can read/write it.
    pub developer_only_attribute: Field<bool>,
}

/// A user pool domain (describe-user-pool-domain, cognito-facts §2.1, §2.2, §7.3).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Domain {
    /// Which pool this belongs to when an importer knows it by reference rather than by id (a CloudFormation
    /// `!Ref` to a pool resource: `{file}:{logical id}`); not part of any input format.
    #[serde(skip)]
    pub pool_ref: Option<String>,
    /// The pool this domain belongs to.
    pub user_pool_id: Field<String>,
    /// A prefix (`myapp` -> `myapp.auth.{region}.amazoncognito.com`) or, with `custom_domain_config`, an FQDN.
    pub domain: Field<String>,
    /// Certificate and TLS policy of a custom domain.
    pub custom_domain_config: Field<CustomDomainConfig>,
    /// 1 = classic hosted UI, 2 = managed login.
    pub managed_login_version: Field<i64>,
    /// `CREATING`, `DELETING`, `UPDATING`, `ACTIVE` or `FAILED`.
    pub status: Field<String>,
}

/// `CustomDomainConfig`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct CustomDomainConfig {
    /// ACM certificate ARN; must be in us-east-1.
    pub certificate_arn: Field<String>,
    /// `TLS_V1`, `TLS_V1_2_2021` or `TLS_V1_3_2025`.
    pub security_policy: Field<String>,
}

/// An app client (CreateUserPoolClient / describe-user-pool-client, cognito-facts §4, §7.1).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AppClient {
    /// Which pool this belongs to when an importer knows it by reference rather than by id (a CloudFormation
    /// `!Ref` to a pool resource: `{file}:{logical id}`); not part of any input format.
    #[serde(skip)]
    pub pool_ref: Option<String>,
    /// What Terraform input says about this client beyond its arguments (lifecycle, variables, a plan's
    /// replacement); not part of any input format.
    #[serde(skip)]
    pub terraform: Option<TerraformResource>,
    /// The pool this client belongs to.
    pub user_pool_id: Field<String>,
    /// Client id (assigned by Cognito).
    pub client_id: Field<String>,
    /// Client name (Terraform's argument is `name`).
    #[serde(alias = "name")]
    pub client_name: Field<String>,
    /// The client secret, when the client has one (Describe shows it).
    pub client_secret: Field<String>,
    /// Whether Cognito generates a secret (immutable after creation).
    pub generate_secret: Field<bool>,
    /// Refresh token lifetime in `token_validity_units.refresh_token` (default days).
    pub refresh_token_validity: Field<i64>,
    /// Access token lifetime in `token_validity_units.access_token` (default hours).
    pub access_token_validity: Field<i64>,
    /// ID token lifetime in `token_validity_units.id_token` (default hours).
    pub id_token_validity: Field<i64>,
    /// Units of the three validities.
    pub token_validity_units: Field<TokenValidityUnits>,
    /// Attributes the client may read (absent = all standard + verified flags).
    pub read_attributes: List<String>,
    /// Attributes the client may write (absent = all standard).
    pub write_attributes: List<String>,
    /// SDK sign-in flows (`ALLOW_*`, or the legacy values).
    pub explicit_auth_flows: List<String>,
    /// `COGNITO`, social providers, or IdP names of this pool.
    pub supported_identity_providers: List<String>,
    /// Allowed `redirect_uri` values (exact match).
    pub callback_urls: List<String>,
    /// Allowed `logout_uri` values (exact match).
    pub logout_urls: List<String>,
    /// Redirect used when the request names none; must be one of `callback_urls`.
    pub default_redirect_uri: Field<String>,
    /// `code`, `implicit`, `client_credentials`.
    pub allowed_oauth_flows: List<String>,
    /// `openid`, `email`, `phone`, `profile`, `aws.cognito.signin.user.admin`, `{resource server}/{scope}`.
    pub allowed_oauth_scopes: List<String>,
    /// Must be true for any OAuth setting to take effect.
    pub allowed_oauth_flows_user_pool_client: Field<bool>,
    /// Pinpoint analytics settings.
    pub analytics_configuration: Field<AnalyticsConfiguration>,
    /// `LEGACY` or `ENABLED`.
    pub prevent_user_existence_errors: Field<String>,
    /// Whether refresh tokens can be revoked (default true).
    pub enable_token_revocation: Field<bool>,
    /// Only for clients with a secret.
    pub enable_propagate_additional_user_context_data: Field<bool>,
    /// Minutes (3-15) an API sign-in session lasts.
    pub auth_session_validity: Field<i64>,
    /// Refresh token rotation.
    pub refresh_token_rotation: Field<RefreshTokenRotation>,
}

/// `TokenValidityUnits`: each `seconds`, `minutes`, `hours` or `days`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TokenValidityUnits {
    /// Unit of `access_token_validity` (default `hours`).
    pub access_token: Field<String>,
    /// Unit of `id_token_validity` (default `hours`).
    pub id_token: Field<String>,
    /// Unit of `refresh_token_validity` (default `days`).
    pub refresh_token: Field<String>,
}

/// `AnalyticsConfiguration`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AnalyticsConfiguration {
    /// Pinpoint application ARN.
    pub application_arn: Field<String>,
    /// Pinpoint application id.
    pub application_id: Field<String>,
    /// External id for the role.
    pub external_id: Field<String>,
    /// IAM role ARN.
    pub role_arn: Field<String>,
    /// Whether user data is shared.
    pub user_data_shared: Field<bool>,
}

/// `RefreshTokenRotation`.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RefreshTokenRotation {
    /// `ENABLED` or `DISABLED`.
    pub feature: Field<String>,
    /// Seconds (0-60) the previous refresh token stays valid.
    pub retry_grace_period_seconds: Field<i64>,
}

/// An identity provider of the pool (CreateIdentityProvider, cognito-facts §5).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct IdentityProvider {
    /// Which pool this belongs to when an importer knows it by reference rather than by id (a CloudFormation
    /// `!Ref` to a pool resource: `{file}:{logical id}`); not part of any input format.
    #[serde(skip)]
    pub pool_ref: Option<String>,
    /// What Terraform input says about this provider beyond its arguments; not part of any input format.
    #[serde(skip)]
    pub terraform: Option<TerraformResource>,
    /// The pool.
    pub user_pool_id: Field<String>,
    /// The name (`identity_provider` value, username prefix).
    pub provider_name: Field<String>,
    /// `OIDC`, `SAML`, `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`.
    pub provider_type: Field<String>,
    /// OIDC: `client_id`, `client_secret`, `authorize_scopes`, `attributes_request_method`, `oidc_issuer`, ...
    pub provider_details: Map<String>,
    /// Pool attribute -> IdP claim.
    pub attribute_mapping: Map<String>,
    /// Identifiers for `idp_identifier` routing.
    pub idp_identifiers: List<String>,
}

/// A resource server (cognito-facts §6).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ResourceServer {
    /// Which pool this belongs to when an importer knows it by reference rather than by id (a CloudFormation
    /// `!Ref` to a pool resource: `{file}:{logical id}`); not part of any input format.
    #[serde(skip)]
    pub pool_ref: Option<String>,
    /// The pool.
    pub user_pool_id: Field<String>,
    /// Identifier, the prefix of its scopes (`{identifier}/{scope_name}`).
    pub identifier: Field<String>,
    /// Display name.
    pub name: Field<String>,
    /// Its scopes (Terraform's repeated block is `scope`).
    #[serde(alias = "scope")]
    pub scopes: List<ResourceServerScope>,
}

/// One custom scope.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ResourceServerScope {
    /// Scope name (no `/`).
    pub scope_name: Field<String>,
    /// Description.
    pub scope_description: Field<String>,
}

/// How an upstream IdP registered Cognito as its client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ClientType {
    /// With a client secret.
    Confidential,
    /// Without a secret.
    Public,
}

/// PKCE policy of an upstream IdP registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum PkcePolicy {
    /// PKCE is mandatory (Cognito does not send it).
    Required,
    /// PKCE is used when sent.
    Optional,
    /// PKCE is off.
    Disabled,
}

/// How the upstream IdP answers the userinfo request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub enum UserinfoResponseStrategy {
    /// A JSON object of claims (what Cognito expects).
    PlainJson,
    /// A signed JWT.
    SignedJwt,
    /// A signed and encrypted JWT.
    SignedAndEncryptedJwt,
    /// Claims only from the token endpoint (no usable userinfo).
    FromTokenEndpoint,
}

/// The upstream IdP's registration of Cognito (the other side of an `identity_providers` entry).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct UpstreamIdp {
    /// The `provider_name` of the pool's identity provider this registration serves.
    pub provider_name: Field<String>,
    /// The IdP's discovery `issuer`, byte for byte.
    pub issuer: Field<String>,
    /// The client id the IdP assigned to Cognito.
    pub client_id: Field<String>,
    /// `confidential` or `public`.
    pub client_type: Field<ClientType>,
    /// Redirect URIs registered at the IdP (must include `https://{domain}/oauth2/idpresponse`).
    pub redirect_uris: List<String>,
    /// Token endpoint client authentication methods the IdP accepts for this client.
    pub token_endpoint_auth_methods: List<String>,
    /// Grant types enabled (must include `authorization_code`).
    pub grant_types: List<String>,
    /// `required`, `optional` or `disabled`.
    pub pkce: Field<PkcePolicy>,
    /// The claim used as `sub`.
    pub subject_claim: Field<String>,
    /// Claims the IdP releases to this client.
    pub claims: List<String>,
    /// `plainJson`, `signedJwt`, `signedAndEncryptedJwt` or `fromTokenEndpoint`.
    pub userinfo_response_strategy: Field<UserinfoResponseStrategy>,
    /// `token_type` of its token responses (Cognito expects `Bearer`).
    pub token_type: Field<String>,
}

/// What kind of product a relying party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum RelyingPartyKind {
    /// Pomerium identity-aware proxy.
    Pomerium,
    /// FusionAuth OpenID Connect identity provider.
    Fusionauth,
    /// Cloudentity / SecureAuth.
    Cloudentity,
    /// Anything else.
    Generic,
}

/// A product that uses Cognito as its OIDC provider.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RelyingParty {
    /// A name for messages.
    pub name: Field<String>,
    /// `pomerium`, `fusionauth`, `cloudentity` or `generic`.
    pub kind: Field<RelyingPartyKind>,
    /// The issuer URL it was given (must be Cognito's issuer, not the domain).
    pub issuer: Field<String>,
    /// The Cognito app client id (or name) it uses.
    pub client_id: Field<String>,
    /// Whether it was given a client secret.
    pub has_client_secret: Field<bool>,
    /// `client_secret_basic`, `client_secret_post` or `none`.
    pub client_auth_method: Field<String>,
    /// Its redirect URI at Cognito.
    pub callback_url: Field<String>,
    /// Scopes it requests.
    pub scopes: List<String>,
    /// Whether it reads Cognito's discovery document.
    pub discover_endpoints: Field<bool>,
    /// Whether it sends PKCE.
    pub pkce: Field<bool>,
    /// Authorization endpoint, when configured by hand.
    pub authorization_endpoint: Field<String>,
    /// Token endpoint, when configured by hand.
    pub token_endpoint: Field<String>,
    /// Userinfo endpoint, when configured by hand.
    pub userinfo_endpoint: Field<String>,
}

/// The browser SPA's settings (cogfed-auth configuration).
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SpaSettings {
    /// The user pool domain the SPA sends users to (host, or `https://host`).
    pub domain: Field<String>,
    /// The issuer the SPA validates tokens against.
    pub issuer: Field<String>,
    /// The app client id (or name) the SPA uses.
    pub client_id: Field<String>,
    /// The `redirect_uri` it sends.
    pub redirect_uri: Field<String>,
    /// The `logout_uri` it sends.
    pub logout_uri: Field<String>,
    /// Scopes it requests.
    pub scopes: List<String>,
    /// `identity_provider` it sends, if any.
    pub identity_provider: Field<String>,
    /// `idp_identifier` it sends, if any.
    pub idp_identifier: Field<String>,
}

/// Local Cognito settings; the linter only carries them.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LocalSettings {
    /// Port of the hosted UI / OIDC provider (0 = any free port).
    pub port: Field<u16>,
    /// Base of the issuer URL (default `http://127.0.0.1:{port}`).
    pub issuer_base: Field<String>,
    /// Local (COGNITO) users.
    pub users: Vec<Located<LocalUser>>,
    /// Upstream OIDC personas that stand in for the pool's identity providers.
    pub upstreams: Vec<Located<LocalUpstream>>,
    /// Free-form options for Local Cognito features not modelled here.
    pub options: Map<serde_json::Value>,
}

/// A user of Local Cognito.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LocalUser {
    /// Username.
    pub username: Field<String>,
    /// Password (test data only).
    pub password: Field<String>,
    /// Attributes (`email`, `custom:tenant`, ...).
    pub attributes: Map<serde_json::Value>,
    /// Groups.
    pub groups: List<String>,
}

/// An upstream IdP persona served by Local Cognito.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LocalUpstream {
    /// The pool identity provider it impersonates.
    pub provider_name: Field<String>,
    /// Its port (0 = any).
    pub port: Field<u16>,
    /// Its users.
    pub users: Vec<Located<LocalUser>>,
    /// Claims it leaves out of tokens (to reproduce IdP quirks).
    pub omit_claims: List<String>,
    /// The client secret it accepts (default: the pool identity provider's `client_secret`, what Cognito
    /// sends); another value reproduces a secret the IdP and the pool disagree on.
    pub client_secret: Field<String>,
}

/// Linter settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LintSettings {
    /// Rule id or group -> `error`, `warning`, `info` or `off`.
    pub severity: Map<String>,
}
