//! The field catalogue of linter-anchors A4: every modelled field with its AWS API shape. The five shape rules
//! (`api-pattern`, `api-length`, `api-enum`, `api-count`, `api-range`) walk this catalogue.
//!
//! Not here on purpose: the domain prefix pattern (DomainType only fits prefixes; rule `domain-prefix-pattern`
//! owns it), an identity provider's ProviderName (ProviderNameTypeV2 pattern and length; rule
//! `provider-name-pattern` owns it, with messages that say why), ProviderDetails/AttributeMapping values
//! (StringType 0-131072, never hit in practice).

use super::patterns::Pattern;
use crate::ctx::Ctx;
use crate::de::{Loc, Located, items, known, known_str};
use crate::model::{OAuthFlow, ValidityUnit};

/// Constraints of a string shape.
#[derive(Debug)]
pub struct StrShape {
    /// AWS shape name, e.g. `ClientNameType`.
    pub name: &'static str,
    /// Full-match pattern.
    pub pattern: Option<Pattern>,
    /// Minimum length in characters.
    pub min: usize,
    /// Maximum length in characters.
    pub max: usize,
    /// Allowed values (case-sensitive), when an enum.
    pub values: &'static [&'static str],
}

/// Constraints of a list or integer shape.
#[derive(Debug)]
pub struct RangeShape {
    /// AWS shape name.
    pub name: &'static str,
    /// Minimum.
    pub min: i64,
    /// Maximum.
    pub max: i64,
}

const fn s(name: &'static str, pattern: Option<Pattern>, min: usize, max: usize) -> StrShape {
    StrShape {
        name,
        pattern,
        min,
        max,
        values: &[],
    }
}
const fn e(name: &'static str, values: &'static [&'static str]) -> StrShape {
    StrShape {
        name,
        pattern: None,
        min: 0,
        max: usize::MAX,
        values,
    }
}
const fn r(name: &'static str, min: i64, max: i64) -> RangeShape {
    RangeShape { name, min, max }
}

/// UserPoolIdType.
pub static USER_POOL_ID: StrShape = s("UserPoolIdType", Some(Pattern::UserPoolId), 1, 55);
static USER_POOL_NAME: StrShape = s("UserPoolNameType", Some(Pattern::Name), 1, 128);
static CLIENT_ID: StrShape = s("ClientIdType", Some(Pattern::WordPlus), 1, 128);
static CLIENT_NAME: StrShape = s("ClientNameType", Some(Pattern::Name), 1, 128);
static CLIENT_SECRET: StrShape = s("ClientSecretType", Some(Pattern::WordPlus), 24, 64);
static REDIRECT_URL: StrShape = s("RedirectUrlType", Some(Pattern::RedirectUrl), 1, 1024);
static SCOPE: StrShape = s("ScopeType", Some(Pattern::Scope), 1, 256);
static PROVIDER_NAME: StrShape = s("ProviderNameType", Some(Pattern::ProviderNameV1), 1, 32);
static IDP_IDENTIFIER: StrShape = s("IdpIdentifierType", Some(Pattern::IdpIdentifier), 1, 40);
static ATTRIBUTE_MAPPING_KEY: StrShape = s("AttributeMappingKeyType", None, 1, 32);
static CLIENT_PERMISSION: StrShape = s("ClientPermissionType", None, 1, 2048);
static DOMAIN: StrShape = s("DomainType", None, 1, 63);
static ARN: StrShape = s("ArnType", Some(Pattern::Arn), 20, 2048);
static RS_IDENTIFIER: StrShape = s("ResourceServerIdentifierType", Some(Pattern::Scope), 1, 256);
static RS_NAME: StrShape = s("ResourceServerNameType", Some(Pattern::Name), 1, 256);
static RS_SCOPE_NAME: StrShape = s("ResourceServerScopeNameType", Some(Pattern::ScopeName), 1, 256);
static RS_SCOPE_DESCRIPTION: StrShape = s("ResourceServerScopeDescriptionType", None, 1, 256);

static OAUTH_FLOW: StrShape = e("OAuthFlowType", &OAuthFlow::NAMES);
static EXPLICIT_AUTH_FLOW: StrShape = e(
    "ExplicitAuthFlowsType",
    &[
        "ADMIN_NO_SRP_AUTH",
        "CUSTOM_AUTH_FLOW_ONLY",
        "USER_PASSWORD_AUTH",
        "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        "ALLOW_CUSTOM_AUTH",
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_AUTH",
        "ALLOW_TOKEN_EXCHANGE_DELEGATION",
        "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
    ],
);
static TIME_UNITS: StrShape = e("TimeUnitsType", &ValidityUnit::NAMES);
static PREVENT_USER_EXISTENCE: StrShape = e("PreventUserExistenceErrorTypes", &["LEGACY", "ENABLED"]);
static FEATURE: StrShape = e("FeatureType", &["ENABLED", "DISABLED"]);
static SECURITY_POLICY: StrShape = e(
    "SecurityPolicyType",
    &["TLS_V1", "TLS_V1_2_2021", "TLS_V1_3_2025"],
);
static PROVIDER_TYPE: StrShape = e(
    "IdentityProviderTypeType",
    &[
        "SAML",
        "Facebook",
        "Google",
        "LoginWithAmazon",
        "SignInWithApple",
        "OIDC",
    ],
);
static USERNAME_ATTRIBUTE: StrShape = e("UsernameAttributeType", &["phone_number", "email"]);
static ALIAS_ATTRIBUTE: StrShape = e(
    "AliasAttributeType",
    &["phone_number", "email", "preferred_username"],
);
static VERIFIED_ATTRIBUTE: StrShape = e("VerifiedAttributeType", &["phone_number", "email"]);
static TIER: StrShape = e("UserPoolTierType", &["LITE", "ESSENTIALS", "PLUS"]);
static MFA: StrShape = e("UserPoolMfaType", &["OFF", "ON", "OPTIONAL"]);
static ISSUER_TYPE: StrShape = e("IssuerConfigurationType.Type", &["ORIGINAL", "UPDATED"]);
static DATA_TYPE: StrShape = e("AttributeDataType", &["String", "Number", "DateTime", "Boolean"]);
static DOMAIN_STATUS: StrShape = e(
    "DomainStatusType",
    &["CREATING", "DELETING", "UPDATING", "ACTIVE", "FAILED"],
);

static CALLBACK_URLS: RangeShape = r("CallbackURLsListType", 0, 100);
static LOGOUT_URLS: RangeShape = r("LogoutURLsListType", 0, 100);
static SCOPES: RangeShape = r("ScopeListType", 0, 50);
static OAUTH_FLOWS: RangeShape = r("OAuthFlowsType", 0, 3);
static IDP_IDENTIFIERS: RangeShape = r("IdpIdentifiersListType", 0, 50);
static RS_SCOPES: RangeShape = r("ResourceServerScopeListType", 0, 100);

static ACCESS_TOKEN_VALIDITY: RangeShape = r("AccessTokenValidityType", 1, 86_400);
static ID_TOKEN_VALIDITY: RangeShape = r("IdTokenValidityType", 1, 86_400);
static REFRESH_TOKEN_VALIDITY: RangeShape = r("RefreshTokenValidityType", 0, 315_360_000);
static AUTH_SESSION_VALIDITY: RangeShape = r("AuthSessionValidityType", 3, 15);
static RETRY_GRACE: RangeShape = r("RetryGracePeriodSecondsType", 0, 60);
static MANAGED_LOGIN_VERSION: RangeShape = r("WrappedIntegerType (ManagedLoginVersion)", 1, 2);

/// A string value and its shape: (field as written in the API, value, shape).
pub type StrField<'a> = (&'static str, &'a Located<String>, &'static StrShape);
/// A list and its count shape: (field, list location, length, shape).
pub type ListField<'a> = (&'static str, &'a Loc, usize, &'static RangeShape);
/// An integer and its range: (field, value, shape).
pub type IntField<'a> = (&'static str, &'a Located<i64>, &'static RangeShape);

/// Everything the shape rules check.
#[derive(Default)]
pub struct Fields<'a> {
    /// Strings.
    pub strings: Vec<StrField<'a>>,
    /// Lists.
    pub lists: Vec<ListField<'a>>,
    /// Integers.
    pub ints: Vec<IntField<'a>>,
}

impl<'a> Fields<'a> {
    fn one(&mut self, field: &'static str, v: &'a Option<Located<String>>, shape: &'static StrShape) {
        if let Some(v) = v {
            self.strings.push((field, v, shape));
        }
    }

    fn each(
        &mut self,
        field: &'static str,
        v: &'a Option<Located<Vec<Located<String>>>>,
        shape: &'static StrShape,
    ) {
        for item in items(v) {
            self.strings.push((field, item, shape));
        }
    }

    fn count<T>(
        &mut self,
        field: &'static str,
        v: &'a Option<Located<Vec<Located<T>>>>,
        shape: &'static RangeShape,
    ) {
        if let Some((list, inner)) = v.as_ref().and_then(|l| l.get().map(|i| (l, i))) {
            self.lists.push((field, &list.loc, inner.len(), shape));
        }
    }

    fn int(&mut self, field: &'static str, v: &'a Option<Located<i64>>, shape: &'static RangeShape) {
        if let Some(v) = v {
            self.ints.push((field, v, shape));
        }
    }
}

/// Collects every catalogued field of the integration.
pub fn fields<'a>(ctx: &Ctx<'a>) -> Fields<'a> {
    let mut f = Fields::default();
    let i = ctx.integration;
    if let Some(pool) = ctx.pool {
        f.one("Id", &pool.id, &USER_POOL_ID);
        f.one("Name", &pool.name, &USER_POOL_NAME);
        f.each(
            "UsernameAttributes",
            &pool.username_attributes,
            &USERNAME_ATTRIBUTE,
        );
        f.each("AliasAttributes", &pool.alias_attributes, &ALIAS_ATTRIBUTE);
        f.each(
            "AutoVerifiedAttributes",
            &pool.auto_verified_attributes,
            &VERIFIED_ATTRIBUTE,
        );
        f.one("UserPoolTier", &pool.user_pool_tier, &TIER);
        f.one("MfaConfiguration", &pool.mfa_configuration, &MFA);
        if let Some(ic) = known(&pool.issuer_configuration) {
            f.one("IssuerConfiguration.Type", &ic.r#type, &ISSUER_TYPE);
        }
        for attr in items(&pool.schema_attributes).iter().filter_map(Located::get) {
            f.one(
                "SchemaAttributes.AttributeDataType",
                &attr.attribute_data_type,
                &DATA_TYPE,
            );
        }
    }
    for d in i.domains.iter().filter_map(Located::get) {
        f.one("UserPoolId", &d.user_pool_id, &USER_POOL_ID);
        if d.domain
            .as_ref()
            .and_then(Located::as_str)
            .is_some_and(|v| !v.contains('.'))
        {
            f.one("Domain", &d.domain, &DOMAIN);
        }
        if let Some(c) = known(&d.custom_domain_config) {
            f.one("CustomDomainConfig.CertificateArn", &c.certificate_arn, &ARN);
            f.one(
                "CustomDomainConfig.SecurityPolicy",
                &c.security_policy,
                &SECURITY_POLICY,
            );
        }
        f.one("Status", &d.status, &DOMAIN_STATUS);
        f.int(
            "ManagedLoginVersion",
            &d.managed_login_version,
            &MANAGED_LOGIN_VERSION,
        );
    }
    for &(_, c, _) in ctx.clients() {
        f.one("UserPoolId", &c.user_pool_id, &USER_POOL_ID);
        f.one("ClientId", &c.client_id, &CLIENT_ID);
        f.one("ClientName", &c.client_name, &CLIENT_NAME);
        // A placeholder in documented or committed describe output is not the secret: nothing to measure.
        if !known_str(&c.client_secret).is_some_and(crate::rules::client_facts::is_redacted_secret) {
            f.one("ClientSecret", &c.client_secret, &CLIENT_SECRET);
        }
        f.each("CallbackURLs", &c.callback_urls, &REDIRECT_URL);
        f.each("LogoutURLs", &c.logout_urls, &REDIRECT_URL);
        f.one("DefaultRedirectURI", &c.default_redirect_uri, &REDIRECT_URL);
        f.each("AllowedOAuthScopes", &c.allowed_oauth_scopes, &SCOPE);
        f.each("AllowedOAuthFlows", &c.allowed_oauth_flows, &OAUTH_FLOW);
        f.each("ExplicitAuthFlows", &c.explicit_auth_flows, &EXPLICIT_AUTH_FLOW);
        f.each(
            "SupportedIdentityProviders",
            &c.supported_identity_providers,
            &PROVIDER_NAME,
        );
        f.each("ReadAttributes", &c.read_attributes, &CLIENT_PERMISSION);
        f.each("WriteAttributes", &c.write_attributes, &CLIENT_PERMISSION);
        f.one(
            "PreventUserExistenceErrors",
            &c.prevent_user_existence_errors,
            &PREVENT_USER_EXISTENCE,
        );
        if let Some(u) = known(&c.token_validity_units) {
            f.one("TokenValidityUnits.AccessToken", &u.access_token, &TIME_UNITS);
            f.one("TokenValidityUnits.IdToken", &u.id_token, &TIME_UNITS);
            f.one("TokenValidityUnits.RefreshToken", &u.refresh_token, &TIME_UNITS);
        }
        if let Some(rot) = known(&c.refresh_token_rotation) {
            f.one("RefreshTokenRotation.Feature", &rot.feature, &FEATURE);
            f.int(
                "RefreshTokenRotation.RetryGracePeriodSeconds",
                &rot.retry_grace_period_seconds,
                &RETRY_GRACE,
            );
        }
        f.count("CallbackURLs", &c.callback_urls, &CALLBACK_URLS);
        f.count("LogoutURLs", &c.logout_urls, &LOGOUT_URLS);
        f.count("AllowedOAuthScopes", &c.allowed_oauth_scopes, &SCOPES);
        f.count("AllowedOAuthFlows", &c.allowed_oauth_flows, &OAUTH_FLOWS);
        f.int(
            "AccessTokenValidity",
            &c.access_token_validity,
            &ACCESS_TOKEN_VALIDITY,
        );
        f.int("IdTokenValidity", &c.id_token_validity, &ID_TOKEN_VALIDITY);
        f.int(
            "RefreshTokenValidity",
            &c.refresh_token_validity,
            &REFRESH_TOKEN_VALIDITY,
        );
        f.int(
            "AuthSessionValidity",
            &c.auth_session_validity,
            &AUTH_SESSION_VALIDITY,
        );
    }
    for (idp, _) in ctx.identity_providers() {
        f.one("UserPoolId", &idp.user_pool_id, &USER_POOL_ID);
        f.one("ProviderType", &idp.provider_type, &PROVIDER_TYPE);
        f.each("IdpIdentifiers", &idp.idp_identifiers, &IDP_IDENTIFIER);
        f.count("IdpIdentifiers", &idp.idp_identifiers, &IDP_IDENTIFIERS);
        if let Some(mapping) = known(&idp.attribute_mapping) {
            for (k, _) in mapping.iter() {
                f.strings.push(("AttributeMapping", k, &ATTRIBUTE_MAPPING_KEY));
            }
        }
    }
    for rs in i.resource_servers.iter().filter_map(Located::get) {
        f.one("UserPoolId", &rs.user_pool_id, &USER_POOL_ID);
        f.one("Identifier", &rs.identifier, &RS_IDENTIFIER);
        f.one("Name", &rs.name, &RS_NAME);
        f.count("Scopes", &rs.scopes, &RS_SCOPES);
        for scope in items(&rs.scopes).iter().filter_map(Located::get) {
            f.one("ScopeName", &scope.scope_name, &RS_SCOPE_NAME);
            f.one(
                "ScopeDescription",
                &scope.scope_description,
                &RS_SCOPE_DESCRIPTION,
            );
        }
    }
    f
}
