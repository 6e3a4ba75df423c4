//! The app client values that more than one crate interprets, each with its one owner here: the AWS enums of
//! the OAuth flows, the validity units and the token endpoint authentication methods, and Cognito's defaults
//! for token lifetimes (cognito-facts §4). The linter's rules (`token-validity-range`, the `api-enum`
//! catalogue) and Local Cognito (which issues tokens with these lifetimes) read them from here.

use super::{AppClient, Field, TokenValidityUnits};
use crate::de::{known, known_str, known_strs};
use std::time::Duration;

/// An `AllowedOAuthFlows` value (OAuthFlowType, cognito-facts §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OAuthFlow {
    /// `code`: the authorization code grant.
    Code,
    /// `implicit`: tokens in the redirect fragment.
    Implicit,
    /// `client_credentials`: machine to machine, clients with a secret only.
    ClientCredentials,
}

impl OAuthFlow {
    /// Every flow, in the API's order.
    pub const ALL: [OAuthFlow; 3] = [OAuthFlow::Code, OAuthFlow::Implicit, OAuthFlow::ClientCredentials];
    /// The AWS values, in the order of [`OAuthFlow::ALL`].
    pub const NAMES: [&'static str; 3] = ["code", "implicit", "client_credentials"];

    /// The AWS value.
    pub fn as_str(self) -> &'static str {
        match self {
            OAuthFlow::Code => Self::NAMES[0],
            OAuthFlow::Implicit => Self::NAMES[1],
            OAuthFlow::ClientCredentials => Self::NAMES[2],
        }
    }

    /// Parses the AWS value (case-sensitive, as the API is).
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == value)
    }
}

/// A `TokenValidityUnits` value (TimeUnitsType, cognito-facts §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValidityUnit {
    /// `seconds`.
    Seconds,
    /// `minutes`.
    Minutes,
    /// `hours`.
    Hours,
    /// `days`.
    Days,
}

impl ValidityUnit {
    /// Every unit, shortest first.
    pub const ALL: [ValidityUnit; 4] = [
        ValidityUnit::Seconds,
        ValidityUnit::Minutes,
        ValidityUnit::Hours,
        ValidityUnit::Days,
    ];
    /// The AWS values, in the order of [`ValidityUnit::ALL`].
    pub const NAMES: [&'static str; 4] = ["seconds", "minutes", "hours", "days"];

    /// The AWS value.
    pub fn as_str(self) -> &'static str {
        match self {
            ValidityUnit::Seconds => Self::NAMES[0],
            ValidityUnit::Minutes => Self::NAMES[1],
            ValidityUnit::Hours => Self::NAMES[2],
            ValidityUnit::Days => Self::NAMES[3],
        }
    }

    /// Parses the AWS value.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_str() == value)
    }

    /// Seconds in one unit.
    pub fn seconds(self) -> u64 {
        match self {
            ValidityUnit::Seconds => 1,
            ValidityUnit::Minutes => 60,
            ValidityUnit::Hours => 3_600,
            ValidityUnit::Days => 86_400,
        }
    }
}

/// The three tokens whose lifetime an app client sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// `AccessTokenValidity`.
    Access,
    /// `IdTokenValidity`.
    Id,
    /// `RefreshTokenValidity`.
    Refresh,
}

impl TokenKind {
    /// Every kind.
    pub const ALL: [TokenKind; 3] = [TokenKind::Access, TokenKind::Id, TokenKind::Refresh];

    /// The API field, e.g. `AccessTokenValidity`.
    pub fn api_field(self) -> &'static str {
        match self {
            TokenKind::Access => "AccessTokenValidity",
            TokenKind::Id => "IdTokenValidity",
            TokenKind::Refresh => "RefreshTokenValidity",
        }
    }

    /// Its key in `token_validity_units`, e.g. `access_token`.
    pub fn unit_field(self) -> &'static str {
        match self {
            TokenKind::Access => "access_token",
            TokenKind::Id => "id_token",
            TokenKind::Refresh => "refresh_token",
        }
    }

    /// The unit Cognito applies when `token_validity_units` names none: hours, hours, days (cognito-facts §4).
    pub fn default_unit(self) -> ValidityUnit {
        match self {
            TokenKind::Access | TokenKind::Id => ValidityUnit::Hours,
            TokenKind::Refresh => ValidityUnit::Days,
        }
    }

    /// The lifetime Cognito gives a token when the client sets none: 1 hour, 1 hour, 30 days (cognito-facts
    /// §4). A fixed duration, whatever unit the client picked for its own values.
    pub fn default_lifetime(self) -> Duration {
        match self {
            TokenKind::Access | TokenKind::Id => Duration::from_secs(3_600),
            TokenKind::Refresh => Duration::from_secs(30 * 86_400),
        }
    }
}

impl TokenValidityUnits {
    /// The unit field of `kind`.
    pub fn get(&self, kind: TokenKind) -> &Field<String> {
        match kind {
            TokenKind::Access => &self.access_token,
            TokenKind::Id => &self.id_token,
            TokenKind::Refresh => &self.refresh_token,
        }
    }
}

impl AppClient {
    /// The validity field of `kind` (`access_token_validity`, ...).
    pub fn validity(&self, kind: TokenKind) -> &Field<i64> {
        match kind {
            TokenKind::Access => &self.access_token_validity,
            TokenKind::Id => &self.id_token_validity,
            TokenKind::Refresh => &self.refresh_token_validity,
        }
    }

    /// The unit of `kind`'s validity: the one `token_validity_units` names, else Cognito's default (also for a
    /// value that is unknown or not a unit, which the `api-enum` rule reports).
    pub fn validity_unit(&self, kind: TokenKind) -> ValidityUnit {
        known(&self.token_validity_units)
            .and_then(|u| known_str(u.get(kind)))
            .and_then(ValidityUnit::parse)
            .unwrap_or(kind.default_unit())
    }

    /// The lifetime Cognito gives `kind`: the validity times its unit; Cognito's default when the validity is
    /// absent, unknown, or 0 (RefreshTokenValidity 0 means the default, cognito-facts §4; the API refuses 0 and
    /// negative values elsewhere, rule `api-range`).
    pub fn token_lifetime(&self, kind: TokenKind) -> Duration {
        match known(self.validity(kind)).and_then(|v| u64::try_from(*v).ok()) {
            None | Some(0) => kind.default_lifetime(),
            Some(v) => Duration::from_secs(v.saturating_mul(self.validity_unit(kind).seconds())),
        }
    }

    /// The allowed OAuth flows that are known values of the API.
    pub fn oauth_flows(&self) -> impl Iterator<Item = OAuthFlow> + '_ {
        known_strs(&self.allowed_oauth_flows).filter_map(OAuthFlow::parse)
    }

    /// Whether `flow` is among the allowed OAuth flows.
    pub fn allows(&self, flow: OAuthFlow) -> bool {
        self.oauth_flows().any(|f| f == flow)
    }
}

/// A token endpoint client authentication method (OAuth 2.0 Authorization Server Metadata, RFC 8414 §2), as an
/// upstream IdP's registration of Cognito lists them (`token_endpoint_auth_methods`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenEndpointAuthMethod {
    /// `client_secret_post`: `client_id` and `client_secret` in the body, the only method Cognito uses toward
    /// an IdP (cognito-facts §5.3).
    ClientSecretPost,
    /// `client_secret_basic`: `Authorization: Basic`.
    ClientSecretBasic,
    /// `client_secret_jwt`.
    ClientSecretJwt,
    /// `private_key_jwt`.
    PrivateKeyJwt,
    /// `none`: a public client.
    None,
}

impl TokenEndpointAuthMethod {
    /// Every method.
    pub const ALL: [TokenEndpointAuthMethod; 5] = [
        TokenEndpointAuthMethod::ClientSecretPost,
        TokenEndpointAuthMethod::ClientSecretBasic,
        TokenEndpointAuthMethod::ClientSecretJwt,
        TokenEndpointAuthMethod::PrivateKeyJwt,
        TokenEndpointAuthMethod::None,
    ];

    /// The registered name.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenEndpointAuthMethod::ClientSecretPost => "client_secret_post",
            TokenEndpointAuthMethod::ClientSecretBasic => "client_secret_basic",
            TokenEndpointAuthMethod::ClientSecretJwt => "client_secret_jwt",
            TokenEndpointAuthMethod::PrivateKeyJwt => "private_key_jwt",
            TokenEndpointAuthMethod::None => "none",
        }
    }

    /// Parses the registered name.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceFile, load};

    fn client(fields: &str) -> AppClient {
        let text = format!("version = 1\n[[clients]]\nclient_id = \"c\"\n{fields}\n");
        let loaded = load(vec![SourceFile::new("c.toml", text)]).expect("loads");
        loaded.integration.clients[0]
            .get()
            .cloned()
            .expect("a known client")
    }

    #[test]
    fn names_round_trip() {
        for f in OAuthFlow::ALL {
            assert_eq!(OAuthFlow::parse(f.as_str()), Some(f));
        }
        for u in ValidityUnit::ALL {
            assert_eq!(ValidityUnit::parse(u.as_str()), Some(u));
        }
        for m in TokenEndpointAuthMethod::ALL {
            assert_eq!(TokenEndpointAuthMethod::parse(m.as_str()), Some(m));
        }
        assert_eq!(OAuthFlow::parse("token"), None);
        assert_eq!(ValidityUnit::parse("Hours"), None);
    }

    #[test]
    fn lifetimes_default_like_cognito() {
        let c = client("");
        assert_eq!(c.token_lifetime(TokenKind::Access), Duration::from_secs(3_600));
        assert_eq!(c.token_lifetime(TokenKind::Id), Duration::from_secs(3_600));
        assert_eq!(
            c.token_lifetime(TokenKind::Refresh),
            Duration::from_secs(30 * 86_400)
        );
        assert_eq!(c.validity_unit(TokenKind::Refresh), ValidityUnit::Days);
    }

    #[test]
    fn lifetimes_apply_units_and_zero_means_default() {
        let c = client(
            "access_token_validity = 60\nid_token_validity = 2\nrefresh_token_validity = 0\n\
             token_validity_units = { access_token = \"minutes\", refresh_token = \"minutes\" }",
        );
        assert_eq!(c.token_lifetime(TokenKind::Access), Duration::from_secs(3_600));
        assert_eq!(c.token_lifetime(TokenKind::Id), Duration::from_secs(7_200));
        assert_eq!(
            c.token_lifetime(TokenKind::Refresh),
            Duration::from_secs(30 * 86_400)
        );
        let c = client("access_token_validity = 5\ntoken_validity_units = { access_token = \"seconds\" }");
        assert_eq!(c.token_lifetime(TokenKind::Access), Duration::from_secs(5));
    }

    #[test]
    fn flows_are_read_as_values() {
        let c = client("allowed_oauth_flows = [\"code\", \"token\", \"client_credentials\"]");
        assert_eq!(
            c.oauth_flows().collect::<Vec<_>>(),
            [OAuthFlow::Code, OAuthFlow::ClientCredentials]
        );
        assert!(c.allows(OAuthFlow::Code) && !c.allows(OAuthFlow::Implicit));
    }
}
