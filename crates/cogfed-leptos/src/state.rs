//! What components render: [`AuthState`], the signed-in [`Session`], and [`AuthFailure`] with its explanation.

use crate::config::ConfigError;
use crate::lock::LockError;
use crate::storage::StorageError;
use cogfed_auth::callback::CallbackError;
use cogfed_auth::flow::FlowError;
use cogfed_auth::logout::LogoutError;
use cogfed_auth::token::TokenError;
use cogfed_auth::{Check, CheckResult, Claims, Explanation, ExplanationKey, Verified, VerifyFailure};
use serde_json::{Map, Value};
use std::fmt;
use std::sync::Arc;

/// The authentication state of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Starting up: resolving the provider, finishing a callback or restoring a stored session.
    Loading,
    /// No session.
    SignedOut,
    /// A session with validated tokens (shared: reading the state clones a pointer, not the tokens' claims).
    SignedIn(Arc<Session>),
    /// Signing in failed, or the session was lost; the failure says why and how to fix it.
    Error(AuthFailure),
}

impl AuthState {
    /// The session, when signed in.
    pub fn session(&self) -> Option<&Session> {
        match self {
            AuthState::SignedIn(session) => Some(session.as_ref()),
            _ => None,
        }
    }
}

/// The userInfo response of the session, once asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum UserInfo {
    /// Not requested yet.
    #[default]
    NotFetched,
    /// The request is in flight.
    Loading,
    /// The claims, with `sub` checked against the ID token's (B1 rp-userinfo-bad-sub-claim).
    Fetched(Map<String, Value>),
    /// The request failed.
    Failed(AuthFailure),
}

/// A signed-in session: the verified tokens (claims, headers, check-by-check reports) and their times. The
/// raw tokens are not here (so rendering a session can never print one); use `Auth::access_token`.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The verified ID token: `jwt.claims` (typed), `jwt.claims_json`, `jwt.header_json`, and `report`.
    pub id_token: Verified,
    /// The verified access token under the Cognito dialect; `None` for a plain OIDC provider, whose access
    /// tokens are opaque to the client.
    pub access_token: Option<Verified>,
    /// Unix seconds when the access token expires, if known.
    pub expires_at: Option<u64>,
    /// Granted scopes, if the provider said.
    pub scope: Option<String>,
    /// Whether a refresh token is held (it is never exposed).
    pub has_refresh_token: bool,
    /// Unix seconds of the sign-in (or of the restore after a reload).
    pub signed_in_at: u64,
    /// Unix seconds of the last successful refresh.
    pub refreshed_at: Option<u64>,
    /// The return path given to `sign_in`.
    pub return_to: Option<String>,
    /// The userInfo response.
    pub userinfo: UserInfo,
    /// The last refresh failure that did not end the session (e.g. the network was down).
    pub last_refresh_error: Option<AuthFailure>,
}

impl Session {
    /// The ID token's typed claims.
    pub fn claims(&self) -> &Claims {
        &self.id_token.jwt.claims
    }

    /// The subject (`sub`).
    pub fn subject(&self) -> Option<&str> {
        self.claims().sub.as_deref()
    }

    /// When the ID token expires (`exp`).
    pub fn id_token_expires_at(&self) -> Option<u64> {
        self.claims().exp
    }

    /// `cognito:groups`, empty when absent.
    pub fn groups(&self) -> &[String] {
        self.claims().cognito_groups.as_deref().unwrap_or_default()
    }

    /// A name to greet the user with: `name`, `email`, `cognito:username`, `preferred_username`, then `sub`.
    pub fn display_name(&self) -> String {
        let json = &self.id_token.jwt.claims_json;
        ["name", "email", "cognito:username", "preferred_username", "sub"]
            .iter()
            .find_map(|claim| json.get(*claim).and_then(Value::as_str))
            .unwrap_or("")
            .to_owned()
    }
}

/// Which operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Checking the configuration or discovering the provider.
    Configure,
    /// Starting a sign-in.
    SignIn,
    /// Finishing a sign-in on the callback URL.
    Callback,
    /// Restoring a session stored in `sessionStorage`.
    Restore,
    /// Refreshing the tokens.
    Refresh,
    /// Fetching userInfo.
    UserInfo,
    /// Signing out.
    SignOut,
    /// An authorized fetch.
    Fetch,
}

impl Operation {
    /// A lowercase name for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Configure => "configuration",
            Operation::SignIn => "sign-in",
            Operation::Callback => "sign-in callback",
            Operation::Restore => "session restore",
            Operation::Refresh => "token refresh",
            Operation::UserInfo => "userInfo",
            Operation::SignOut => "sign-out",
            Operation::Fetch => "authorized fetch",
        }
    }
}

/// Why an operation failed, typed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AuthError {
    /// The configuration or the provider's metadata is wrong.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A protocol step failed (callback, token endpoint, ID token verification, userInfo, revocation).
    #[error(transparent)]
    Flow(#[from] FlowError),
    /// The access token failed verification (Cognito dialect).
    #[error("access token rejected: {0}")]
    AccessToken(VerifyFailure),
    /// The logout URL could not be built.
    #[error(transparent)]
    Logout(#[from] LogoutError),
    /// Web Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The cross-tab lock could not be taken.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// Another tab (a duplicate of this one) rotated this session's refresh token, so this tab's copy is
    /// spent.
    #[error(
        "another tab rotated this session's refresh token; this tab's copy is no longer valid, so this tab must sign in again"
    )]
    SessionMoved,
    /// The operation needs a session.
    #[error("not signed in")]
    NotSignedIn,
    /// `use_auth` was called outside an `AuthProvider`.
    #[error("use_auth() was called outside <AuthProvider>")]
    NoProvider,
    /// A browser API failed.
    #[error("browser: {0}")]
    Browser(String),
}

impl AuthError {
    /// The verification report when the error is a rejected token.
    pub fn report(&self) -> &[CheckResult] {
        match self {
            AuthError::Flow(FlowError::IdToken(failure)) | AuthError::AccessToken(failure) => &failure.report,
            _ => &[],
        }
    }

    /// The check that rejected a token.
    pub fn failed_check(&self) -> Option<Check> {
        match self {
            AuthError::Flow(FlowError::IdToken(failure)) | AuthError::AccessToken(failure) => {
                Some(failure.error.check())
            }
            _ => None,
        }
    }

    /// The provider's OAuth `error` code and description, when the provider reported one.
    pub fn provider_error(&self) -> Option<(&str, Option<&str>)> {
        match self {
            AuthError::Flow(FlowError::Callback(
                CallbackError::Authorization(e) | CallbackError::MissingState(Some(e)),
            )) => Some((e.error.as_str(), e.error_description.as_deref())),
            AuthError::Flow(FlowError::Token(TokenError::Endpoint(body))) => {
                Some((body.error.as_str(), body.error_description.as_deref()))
            }
            _ => None,
        }
    }
}

/// A failed operation. [`AuthFailure::explanation`] looks it up in the catalogue of known Cognito and
/// federation errors (summary, detail, fix, linter rule id); the lookup is a call, not a field, so an app that
/// never shows explanations (or shows them from another module, as the demo does) does not link the
/// catalogue's text: [`AuthFailure::explanation_key`] says which entry applies without it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthFailure {
    /// What was being done.
    pub operation: Operation,
    /// What went wrong (shared: failures are cloned into states and sessions).
    pub error: Arc<AuthError>,
}

impl AuthFailure {
    /// A failure of `operation`.
    pub fn new(operation: Operation, error: impl Into<AuthError>) -> AuthFailure {
        AuthFailure {
            operation,
            error: Arc::new(error.into()),
        }
    }

    /// Which catalogue entry explains this failure: the provider's error code when there is one, else (a
    /// replayed, expired or unknown callback) the client's own refusal.
    pub fn explanation_key(&self) -> Option<ExplanationKey> {
        match &*self.error {
            AuthError::Flow(FlowError::Callback(own)) if self.error.provider_error().is_none() => {
                ExplanationKey::of_callback(own)
            }
            error => error
                .provider_error()
                .map(|(code, description)| ExplanationKey::Provider {
                    error: code.to_string(),
                    description: description.map(str::to_string),
                }),
        }
    }

    /// The human explanation, when the catalogue knows the failure.
    pub fn explanation(&self) -> Option<&'static Explanation> {
        self.explanation_key().and_then(|key| key.explain())
    }

    /// One line: the explanation's summary when known, else the error itself.
    pub fn summary(&self) -> String {
        match self.explanation() {
            Some(explanation) => explanation.summary.to_owned(),
            None => self.error.to_string(),
        }
    }

    /// The `cogfed lint` rule that detects the cause, when one does.
    pub fn rule_id(&self) -> Option<&'static str> {
        self.explanation().and_then(|e| e.rule_id)
    }
}

impl fmt::Display for AuthFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed: {}", self.operation.as_str(), self.error)
    }
}

impl std::error::Error for AuthFailure {}

#[cfg(test)]
mod tests {
    use super::*;
    use cogfed_auth::AuthorizationError;

    #[test]
    fn provider_errors_are_explained() {
        let error = FlowError::Callback(CallbackError::Authorization(AuthorizationError {
            error: "invalid_request".into(),
            error_description: Some("invalid_scope".into()),
            error_uri: None,
        }));
        let failure = AuthFailure::new(Operation::Callback, error);
        assert_eq!(failure.rule_id(), Some("scope-not-allowed"));
        assert_eq!(failure.summary(), "Cognito refused a requested scope");
        assert!(failure.to_string().starts_with("sign-in callback failed: "));
    }

    #[test]
    fn a_replayed_or_expired_callback_is_explained_without_a_rule() {
        let failure = AuthFailure::new(Operation::Callback, FlowError::Callback(CallbackError::Replay));
        assert_eq!(failure.explanation().map(|e| e.id), Some("callback-replayed"));
        assert_eq!(failure.summary(), "This sign-in response was already used");
        assert_eq!(failure.rule_id(), None);
        assert!(failure.error.to_string().contains("replayed state"));
        let expired = CallbackError::Expired {
            age_secs: 660,
            limit_secs: 600,
        };
        let failure = AuthFailure::new(Operation::Callback, FlowError::Callback(expired));
        assert_eq!(failure.explanation().map(|e| e.id), Some("transaction-expired"));
    }

    #[test]
    fn other_own_errors_have_no_catalogue_entry_but_say_what_failed() {
        let failure = AuthFailure::new(
            Operation::Callback,
            FlowError::Callback(CallbackError::MissingCode),
        );
        assert_eq!(failure.explanation(), None);
        assert!(failure.summary().contains("no code"));
        assert!(failure.error.report().is_empty());
    }
}
