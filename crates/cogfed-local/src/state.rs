//! In-memory state: users, sessions, codes, refresh token families, sign-in transactions. Live tokens are
//! never stored: maps are keyed by [`token_key`](crate::crypto::token_key), the SHA-256 of the token.
//! Expired entries are dropped whenever something new is stored, so the maps stay bounded by what is live.

use crate::crypto::PasswordHash;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a user agreed to at sign-in; carried by codes and refresh tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// App client the grant belongs to.
    pub client_id: String,
    /// Cognito username (the directory key).
    pub username: String,
    /// Granted scopes, in request order.
    pub scopes: Vec<String>,
    /// Time of the original authentication; refreshes keep it (cognito-facts §3.2).
    pub auth_time: u64,
    /// `nonce` of the authorize request, for the first ID token only.
    pub nonce: Option<String>,
    /// RFC 8707 `resource`: the access token's `aud` (cognito-facts §1.1).
    pub resource: Option<String>,
}

impl Grant {
    /// Whether `scope` was granted.
    pub fn has_scope(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }
}

/// A federated identity as Cognito lists it in `identities` (cognito-facts §3.2: all strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederatedIdentity {
    /// The IdP subject.
    pub user_id: String,
    /// Pool IdP name.
    pub provider_name: String,
    /// `OIDC`.
    pub provider_type: String,
    /// Unix milliseconds, as a string in tokens.
    pub date_created: u128,
}

impl FederatedIdentity {
    /// The `identities` element, Cognito's shape.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "userId": self.user_id,
            "providerName": self.provider_name,
            "providerType": self.provider_type,
            "issuer": null,
            "primary": "true",
            "dateCreated": self.date_created.to_string(),
        })
    }
}

/// A user of the pool, local or federated.
#[derive(Debug, Clone)]
pub struct UserRecord {
    /// Cognito username: as configured for local users, `{ProviderName}_{sub}` for federated ones.
    pub username: String,
    /// Cognito's `sub`.
    pub sub: String,
    /// Password hash; `None` for federated users.
    pub password: Option<PasswordHash>,
    /// Attributes as Cognito stores them: strings.
    pub attributes: BTreeMap<String, String>,
    /// Groups, `{poolId}_{ProviderName}` included for federated users.
    pub groups: Vec<String>,
    /// The federated identity, for federated users.
    pub identity: Option<FederatedIdentity>,
}

/// A pending authorization code (cognito-facts §1.1: single use, 5 minutes).
#[derive(Debug, Clone)]
pub struct AuthCode {
    /// What it grants.
    pub grant: Grant,
    /// The `redirect_uri` of the authorize request; the token request must repeat it.
    pub redirect_uri: String,
    /// PKCE S256 challenge.
    pub code_challenge: Option<String>,
    /// Unix seconds.
    pub expires_at: u64,
}

/// A managed login session behind the `cognito` cookie (1 hour, not extended; cognito-facts §2.3).
#[derive(Debug, Clone)]
pub struct Session {
    /// Signed-in user.
    pub username: String,
    /// How they signed in: `COGNITO` or an IdP name.
    pub provider: String,
    /// Time of authentication.
    pub auth_time: u64,
    /// Unix seconds.
    pub expires_at: u64,
}

/// One refresh token of a family (the family = one sign-in, identified by `origin_jti`).
#[derive(Debug, Clone)]
pub struct RefreshRecord {
    /// What the tokens grant (nonce dropped).
    pub grant: Grant,
    /// Revocation identifier shared by every token of the sign-in.
    pub origin_jti: String,
    /// End of the family's lifetime; a rotated token keeps the remaining lifetime (cognito-facts §3.4).
    pub expires_at: u64,
    /// When rotation replaced this token; it stays usable for the grace period after that.
    pub rotated_out_at: Option<u64>,
}

/// A federated sign-in in flight between `/oauth2/authorize` and `/oauth2/idpresponse`.
#[derive(Debug, Clone)]
pub struct FederationTxn {
    /// The app's authorize request, to finish once the IdP answered.
    pub request: crate::cognito::request::AuthorizeRequest,
    /// Pool IdP name.
    pub provider_name: String,
    /// The nonce sent to the IdP; its ID token must carry it back.
    pub upstream_nonce: String,
    /// The IdP endpoints in use.
    pub endpoints: crate::federation::UpstreamEndpoints,
    /// Unix seconds: the whole federation round trip must finish in 5 minutes (cognito-facts §5.3).
    pub expires_at: u64,
}

/// A persona sign-in waiting for the user's password.
#[derive(Debug, Clone)]
pub struct PersonaLoginTxn {
    /// Index of the persona.
    pub persona: usize,
    /// Where to send the code.
    pub redirect_uri: String,
    /// Client state.
    pub state: Option<String>,
    /// Client nonce.
    pub nonce: Option<String>,
    /// Requested scopes.
    pub scope: String,
    /// CSRF token the form must echo.
    pub csrf: String,
    /// Unix seconds.
    pub expires_at: u64,
}

/// A persona authorization code.
#[derive(Debug, Clone)]
pub struct PersonaCode {
    /// Index of the persona.
    pub persona: usize,
    /// Persona user subject.
    pub sub: String,
    /// Where the code was sent.
    pub redirect_uri: String,
    /// Client nonce.
    pub nonce: Option<String>,
    /// Granted scopes.
    pub scope: String,
    /// Time of authentication.
    pub auth_time: u64,
    /// Unix seconds.
    pub expires_at: u64,
}

/// A persona access token.
#[derive(Debug, Clone)]
pub struct PersonaAccess {
    /// Index of the persona.
    pub persona: usize,
    /// Persona user subject.
    pub sub: String,
    /// Unix seconds.
    pub expires_at: u64,
}

/// Everything that changes while Local Cognito runs.
#[derive(Debug, Default)]
pub struct Store {
    /// Users by lower-cased username (pools are case-insensitive by default).
    pub users: HashMap<String, UserRecord>,
    /// Authorization codes.
    pub codes: HashMap<String, AuthCode>,
    /// Managed login sessions.
    pub sessions: HashMap<String, Session>,
    /// Sign-in form CSRF tokens -> expiry.
    pub csrf: HashMap<String, u64>,
    /// Refresh tokens.
    pub refresh: HashMap<String, RefreshRecord>,
    /// Revoked `origin_jti`s.
    pub revoked_families: HashSet<String>,
    /// Federated sign-ins in flight, by the state sent to the IdP.
    pub federation: HashMap<String, FederationTxn>,
    /// Persona sign-ins waiting for a password.
    pub persona_logins: HashMap<String, PersonaLoginTxn>,
    /// Persona codes.
    pub persona_codes: HashMap<String, PersonaCode>,
    /// Persona access tokens.
    pub persona_access: HashMap<String, PersonaAccess>,
}

impl Store {
    /// Drops everything expired at `now`. Refresh records rotated out longer ago than any grace period (60 s)
    /// go too.
    pub fn purge(&mut self, now: u64) {
        self.codes.retain(|_, c| c.expires_at > now);
        self.sessions.retain(|_, s| s.expires_at > now);
        self.csrf.retain(|_, exp| *exp > now);
        self.refresh
            .retain(|_, r| r.expires_at > now && r.rotated_out_at.is_none_or(|t| t + 60 >= now));
        self.federation.retain(|_, f| f.expires_at > now);
        self.persona_logins.retain(|_, t| t.expires_at > now);
        self.persona_codes.retain(|_, c| c.expires_at > now);
        self.persona_access.retain(|_, a| a.expires_at > now);
    }

    /// Finds a user by username, or by an alias attribute listed in the pool's `username_attributes`.
    /// Case-insensitive, like a pool created with the default `CaseSensitive: false`.
    pub fn find_user(&self, login: &str, username_attributes: &[&str]) -> Option<&UserRecord> {
        let wanted = login.to_lowercase();
        self.users.get(&wanted).or_else(|| {
            self.users.values().find(|u| {
                u.password.is_some()
                    && username_attributes
                        .iter()
                        .any(|a| u.attributes.get(*a).is_some_and(|v| v.to_lowercase() == wanted))
            })
        })
    }
}
