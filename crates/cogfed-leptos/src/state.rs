//! What components render: [`AuthState`], the signed-in [`Session`], and [`AuthFailure`] with its message.
//!
//! A failure says what happened in one short sentence ([`AuthFailure::message`], a constant per kind of
//! failure) and carries the typed error; the error's full text (`to_string()`) and the explanation from the
//! catalogue (feature `explain`: [`AuthFailure::summary`], [`AuthFailure::explanation`]) are linked only by
//! an app that shows them.

use crate::config::ConfigError;
use crate::storage::StorageError;
use cogfed_auth::callback::CallbackError;
use cogfed_auth::flow::FlowError;
use cogfed_auth::logout::LogoutError;
use cogfed_auth::token::TokenError;
use cogfed_auth::{Check, CheckResult, Claims, ExplanationKey, UserInfoClaims, Verified};
use std::fmt;
use std::sync::Arc;

/// The authentication state of the app.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Starting up: finishing a callback or restoring a stored session.
    Loading,
    /// No session.
    SignedOut,
    /// A session with validated tokens (shared: reading the state clones a pointer, not the tokens' claims).
    SignedIn(Arc<Session>),
    /// Signing in failed, or the session was lost; the failure says why.
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
    Fetched(UserInfoClaims),
    /// The request failed.
    Failed(AuthFailure),
}

/// A signed-in session: the verified tokens (claims, headers, check-by-check reports) and their times. The
/// raw tokens are not here (so rendering a session can never print one); use `Auth::access_token`.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The verified ID token: `jwt.claims` (typed, and their JSON), `jwt.header_json()`, and `report`.
    pub id_token: Verified,
    /// The verified access token: with the `access-token` feature, under the Cognito dialect. `None`
    /// otherwise (a plain OIDC provider's access tokens are opaque to the client).
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
    pub fn groups(&self) -> Vec<String> {
        self.claims().cognito_groups().unwrap_or_default()
    }

    /// A name to greet the user with: `name`, `email`, `cognito:username`, `preferred_username`, then `sub`.
    pub fn display_name(&self) -> String {
        ["name", "email", "cognito:username", "preferred_username", "sub"]
            .iter()
            .find_map(|claim| self.claims().string(claim))
            .unwrap_or_default()
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
    /// A protocol step failed (callback, token endpoint, token verification, userInfo, revocation).
    #[error(transparent)]
    Flow(#[from] FlowError),
    /// The logout URL could not be built.
    #[error(transparent)]
    Logout(#[from] LogoutError),
    /// Web Storage failed.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The cross-tab lock could not be taken.
    #[cfg(feature = "session-storage")]
    #[error(transparent)]
    Lock(#[from] crate::lock::LockError),
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
            AuthError::Flow(FlowError::IdToken(failure) | FlowError::AccessToken(failure)) => &failure.report,
            _ => &[],
        }
    }

    /// The check that rejected a token.
    pub fn failed_check(&self) -> Option<Check> {
        match self {
            AuthError::Flow(FlowError::IdToken(failure) | FlowError::AccessToken(failure)) => {
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

    /// What happened, in one short sentence (a constant: no formatting).
    pub fn message(&self) -> &'static str {
        match self {
            AuthError::Config(_) => {
                "The sign-in configuration is invalid, or the provider could not be found."
            }
            AuthError::Flow(FlowError::Callback(CallbackError::Authorization(_))) => {
                "The provider refused the sign-in."
            }
            AuthError::Flow(FlowError::Callback(CallbackError::Replay)) => {
                "This sign-in response was already used."
            }
            AuthError::Flow(FlowError::Callback(CallbackError::Expired { .. })) => {
                "The sign-in took too long. Start it again."
            }
            AuthError::Flow(FlowError::Callback(
                CallbackError::UnknownState | CallbackError::StateMismatch | CallbackError::MissingState(_),
            )) => "This sign-in response does not belong to a sign-in started in this tab.",
            AuthError::Flow(FlowError::Callback(_)) => "The sign-in response is not valid.",
            AuthError::Flow(FlowError::Http(_)) => "The provider could not be reached.",
            AuthError::Flow(FlowError::Token(TokenError::Endpoint(_))) => {
                "The provider refused to issue tokens."
            }
            AuthError::Flow(FlowError::Token(_) | FlowError::MissingIdToken) => {
                "The provider's token response is not valid."
            }
            AuthError::Flow(FlowError::IdToken(_)) => "The ID token failed verification.",
            AuthError::Flow(FlowError::AccessToken(_)) => "The access token failed verification.",
            AuthError::Flow(FlowError::UserInfo(_)) => "userInfo failed.",
            AuthError::Flow(_) => "The sign-in could not be completed.",
            AuthError::Logout(_) => "The sign-out address could not be built.",
            AuthError::Storage(_) => "Browser storage failed.",
            #[cfg(feature = "session-storage")]
            AuthError::Lock(_) => "Another tab kept the session busy.",
            AuthError::SessionMoved => "Another tab took over this session. Sign in again.",
            AuthError::NotSignedIn => "Not signed in.",
            AuthError::NoProvider => "use_auth() was called outside <AuthProvider>.",
            AuthError::Browser(_) => "A browser feature failed.",
        }
    }
}

/// A failed operation: which one, and the typed error. [`AuthFailure::message`] says what happened in one
/// sentence; with feature `explain`, [`AuthFailure::explanation`] looks the failure up in the catalogue of
/// known Cognito and federation errors (summary, detail, fix, linter rule id).
/// [`AuthFailure::explanation_key`] says which entry applies without linking the catalogue's text (the demo
/// explains failures in a lazily loaded module).
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

    /// What happened, in one short sentence ([`AuthError::message`]).
    pub fn message(&self) -> &'static str {
        self.error.message()
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

    /// The human explanation, when the catalogue knows the failure (feature `explain`).
    #[cfg(feature = "explain")]
    pub fn explanation(&self) -> Option<&'static cogfed_auth::Explanation> {
        self.explanation_key().and_then(|key| key.explain())
    }

    /// One line: the explanation's summary when known, else the error itself (feature `explain`).
    #[cfg(feature = "explain")]
    pub fn summary(&self) -> String {
        match self.explanation() {
            Some(explanation) => explanation.summary.to_owned(),
            None => self.error.to_string(),
        }
    }

    /// The `cogfed lint` rule that detects the cause, when one does (feature `explain`).
    #[cfg(feature = "explain")]
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
    fn every_failure_has_a_short_message() {
        let failure = AuthFailure::new(Operation::Callback, FlowError::Callback(CallbackError::Replay));
        assert_eq!(failure.message(), "This sign-in response was already used.");
        assert!(failure.error.to_string().contains("replayed state"));
        let refused = AuthFailure::new(
            Operation::Callback,
            FlowError::Callback(CallbackError::Authorization(AuthorizationError {
                error: "access_denied".into(),
                error_description: None,
                error_uri: None,
            })),
        );
        assert_eq!(refused.message(), "The provider refused the sign-in.");
        assert_eq!(
            refused.explanation_key(),
            Some(ExplanationKey::Provider {
                error: "access_denied".into(),
                description: None
            })
        );
    }

    #[cfg(feature = "explain")]
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

    #[cfg(feature = "explain")]
    #[test]
    fn a_replayed_or_expired_callback_is_explained_without_a_rule() {
        let failure = AuthFailure::new(Operation::Callback, FlowError::Callback(CallbackError::Replay));
        assert_eq!(failure.explanation().map(|e| e.id), Some("callback-replayed"));
        assert_eq!(failure.summary(), "This sign-in response was already used");
        assert_eq!(failure.rule_id(), None);
        let expired = CallbackError::Expired {
            age_secs: 660,
            limit_secs: 600,
        };
        let failure = AuthFailure::new(Operation::Callback, FlowError::Callback(expired));
        assert_eq!(failure.explanation().map(|e| e.id), Some("transaction-expired"));
    }

    #[cfg(feature = "explain")]
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
