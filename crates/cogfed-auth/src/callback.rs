//! The authorization response: the URL the browser lands on after `/oauth2/authorize`.
//!
//! [`parse_callback_url`] is the pure parser (strict, no lookups). [`validate_callback`] checks a parsed
//! response against one pending transaction; [`complete_callback`] does the whole thing against a
//! [`TransactionStore`], consuming the state exactly once.
//!
//! Check order: state first, even for error responses, so a forged error cannot be injected into the app
//! (peers.md §3 item 6; RFC 9700 §4.7); then expiry, redirect URI, RFC 9207 `iss`; only then the response's
//! own `error` or `code`.

use crate::transaction::{PendingTransaction, StoreError, Taken, TransactionStore};
use crate::url::{AbsoluteUrl, QueryError, UrlError, parse_query};

/// An error response from the authorization endpoint (RFC 6749 §4.1.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationError {
    /// The `error` code, e.g. `invalid_request`, `login_required`.
    pub error: String,
    /// Human-readable detail; Cognito puts federation failures here (cognito-facts §1.1).
    pub error_description: Option<String>,
    /// A page about the error.
    pub error_uri: Option<String>,
}

impl std::fmt::Display for AuthorizationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.error)?;
        if let Some(d) = &self.error_description {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

/// The parameters of a callback URL, each present at most once.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallbackParams {
    /// Scheme, host, port and path of the URL the browser landed on, normalised like a browser would.
    pub endpoint_key: String,
    /// `code`.
    pub code: Option<String>,
    /// `state`.
    pub state: Option<String>,
    /// RFC 9207 `iss`.
    pub iss: Option<String>,
    /// `error`.
    pub error: Option<String>,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `error_uri`.
    pub error_uri: Option<String>,
}

/// Why a callback was rejected. Each variant names the check that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    /// The callback URL itself is malformed.
    #[error("callback URL: {0}")]
    Url(#[from] UrlError),
    /// The query could not be decoded.
    #[error("callback query: {0}")]
    Query(#[from] QueryError),
    /// A protocol parameter appears more than once (`?state=a&state=b`).
    #[error("callback parameter {} appears more than once", crate::text::quoted(.0))]
    DuplicateParameter(String),
    /// The response is in the fragment: implicit-style, never used by this client.
    #[error(
        "the response is in the URL fragment (implicit flow?); this client only accepts response_type=code in the query"
    )]
    ResponseInFragment,
    /// Neither `code` nor `error`: this is not an authorization response.
    #[error("the callback URL has neither code nor error")]
    NotAnAuthorizationResponse,
    /// Both `code` and `error` present.
    #[error("the callback carries both code and error")]
    CodeAndError,
    /// No `state` parameter. The error response it carried, if any, is kept for display.
    #[error("the callback has no state parameter{}", .0.as_ref().map(|e| format!(" (it reported: {e})")).unwrap_or_default())]
    MissingState(Option<AuthorizationError>),
    /// `state` differs from the pending transaction's.
    #[error("state mismatch: the callback's state is not the one this browser sent")]
    StateMismatch,
    /// No pending transaction ever had this state.
    #[error("unknown state: no sign-in with this state was started in this browser tab")]
    UnknownState,
    /// The state was already used: a replayed or double-handled callback (cognito-facts §8.B9).
    #[error("replayed state: this callback was already handled (codes are single-use)")]
    Replay,
    /// The transaction is older than 10 minutes.
    #[error("the sign-in transaction expired ({age_secs} s old, limit {limit_secs} s)")]
    Expired {
        /// Age of the transaction.
        age_secs: u64,
        /// The limit.
        limit_secs: u64,
    },
    /// The browser landed on a different URL than the transaction's redirect URI.
    #[error("callback arrived at {found} but the transaction's redirect_uri is {expected}")]
    RedirectUriMismatch {
        /// The transaction's redirect URI.
        expected: String,
        /// Where the callback arrived.
        found: String,
    },
    /// RFC 9207 `iss` differs from the transaction's issuer.
    #[error("iss parameter {} does not equal the issuer {} (RFC 9207 mix-up defence)", crate::text::quoted(.found), crate::text::quoted(.expected))]
    IssuerMismatch {
        /// The issuer of the transaction.
        expected: String,
        /// The `iss` parameter.
        found: String,
    },
    /// The provider advertises RFC 9207 but the response lacks `iss`.
    #[error(
        "the provider advertises authorization_response_iss_parameter_supported but the callback has no iss"
    )]
    MissingIssuer,
    /// The provider returned an error for this transaction.
    #[error("the provider returned an error: {0}")]
    Authorization(AuthorizationError),
    /// A success response without `code` (or with an empty one).
    #[error("the callback has no code")]
    MissingCode,
    /// The transaction store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

const SINGLE_VALUED: [&str; 6] = ["code", "state", "iss", "error", "error_description", "error_uri"];

/// Parses the URL the browser landed on. Only the query is read; a fragment that carries response
/// parameters is rejected. Protocol parameters must appear at most once; other parameters are ignored.
pub fn parse_callback_url(url: &str) -> Result<CallbackParams, CallbackError> {
    let parsed = AbsoluteUrl::parse(url)?;
    let pairs = parse_query(parsed.query().unwrap_or(""))?;
    let mut params = CallbackParams {
        endpoint_key: parsed.endpoint_key(),
        ..CallbackParams::default()
    };
    for (name, value) in pairs {
        let slot = match name.as_str() {
            "code" => &mut params.code,
            "state" => &mut params.state,
            "iss" => &mut params.iss,
            "error" => &mut params.error,
            "error_description" => &mut params.error_description,
            "error_uri" => &mut params.error_uri,
            _ => continue,
        };
        if slot.is_some() {
            return Err(CallbackError::DuplicateParameter(name));
        }
        *slot = Some(value);
    }
    if params.code.is_none() && params.error.is_none() {
        let fragment_has_response =
            parsed
                .fragment()
                .and_then(|f| parse_query(f).ok())
                .is_some_and(|pairs| {
                    pairs.iter().any(|(n, _)| {
                        SINGLE_VALUED.contains(&n.as_str()) || n == "access_token" || n == "id_token"
                    })
                });
        return Err(if fragment_has_response {
            CallbackError::ResponseInFragment
        } else {
            CallbackError::NotAnAuthorizationResponse
        });
    }
    Ok(params)
}

impl CallbackParams {
    fn authorization_error(&self) -> Option<AuthorizationError> {
        self.error.as_ref().map(|error| AuthorizationError {
            error: error.clone(),
            error_description: self.error_description.clone(),
            error_uri: self.error_uri.clone(),
        })
    }
}

/// Checks a parsed callback against the one transaction it must belong to and returns the code.
pub fn validate_callback(
    params: &CallbackParams,
    transaction: &PendingTransaction,
    now: u64,
) -> Result<String, CallbackError> {
    if params.code.is_some() && params.error.is_some() {
        return Err(CallbackError::CodeAndError);
    }
    match &params.state {
        None => return Err(CallbackError::MissingState(params.authorization_error())),
        Some(state) if *state != transaction.state => return Err(CallbackError::StateMismatch),
        Some(_) => {}
    }
    check_bound_transaction(params, transaction, now)
}

/// The checks after the state matched: expiry, redirect URI, `iss`, then the response itself.
fn check_bound_transaction(
    params: &CallbackParams,
    transaction: &PendingTransaction,
    now: u64,
) -> Result<String, CallbackError> {
    if transaction.is_expired(now) {
        return Err(CallbackError::Expired {
            age_secs: now.saturating_sub(transaction.created_at),
            limit_secs: crate::transaction::TRANSACTION_LIFETIME_SECS,
        });
    }
    let expected = AbsoluteUrl::parse(&transaction.redirect_uri)?.endpoint_key();
    if params.endpoint_key != expected {
        return Err(CallbackError::RedirectUriMismatch {
            expected,
            found: params.endpoint_key.clone(),
        });
    }
    match &params.iss {
        Some(iss) if *iss != transaction.issuer => {
            return Err(CallbackError::IssuerMismatch {
                expected: transaction.issuer.clone(),
                found: iss.clone(),
            });
        }
        None if transaction.require_iss_parameter => return Err(CallbackError::MissingIssuer),
        _ => {}
    }
    if let Some(error) = params.authorization_error() {
        return Err(CallbackError::Authorization(error));
    }
    match &params.code {
        Some(code) if !code.is_empty() => Ok(code.clone()),
        _ => Err(CallbackError::MissingCode),
    }
}

/// A validated callback: the code to redeem and the transaction it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationCode {
    /// The single-use authorization code.
    pub code: String,
    /// The consumed transaction (verifier, nonce, redirect URI for the token request).
    pub transaction: PendingTransaction,
}

/// Parses the callback URL, takes its state from `store` (single use) and validates the response.
///
/// The state is consumed even when a later check fails: a callback is handled at most once.
pub fn complete_callback(
    url: &str,
    store: &mut impl TransactionStore,
    now: u64,
) -> Result<AuthorizationCode, CallbackError> {
    let params = parse_callback_url(url)?;
    if params.code.is_some() && params.error.is_some() {
        return Err(CallbackError::CodeAndError);
    }
    let state = params
        .state
        .as_deref()
        .ok_or_else(|| CallbackError::MissingState(params.authorization_error()))?;
    let transaction = match store.take(state)? {
        Taken::Pending(transaction) => transaction,
        Taken::AlreadyConsumed => return Err(CallbackError::Replay),
        Taken::Unknown => return Err(CallbackError::UnknownState),
    };
    let code = check_bound_transaction(&params, &transaction, now)?;
    Ok(AuthorizationCode { code, transaction })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pkce::CodeVerifier;
    use crate::transaction::MemoryTransactionStore;

    const ISS: &str = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_ExAmPlE";

    fn tx() -> PendingTransaction {
        PendingTransaction {
            state: "S1".into(),
            nonce: "N1".into(),
            code_verifier: CodeVerifier::from_octets(&[3; 32]),
            redirect_uri: "https://app.example.com/callback".into(),
            return_to: Some("/profile".into()),
            created_at: 10_000,
            issuer: ISS.into(),
            require_iss_parameter: false,
        }
    }

    fn store() -> MemoryTransactionStore {
        let mut s = MemoryTransactionStore::new();
        s.put(tx()).unwrap();
        s
    }

    const NOW: u64 = 10_060;

    #[test]
    fn happy_path_returns_code_and_transaction() {
        let got = complete_callback(
            "https://app.example.com/callback?code=abc&state=S1",
            &mut store(),
            NOW,
        )
        .unwrap();
        assert_eq!(got.code, "abc");
        assert_eq!(got.transaction, tx());
    }

    #[test]
    fn state_is_single_use_second_callback_is_a_replay() {
        let mut s = store();
        let url = "https://app.example.com/callback?code=abc&state=S1";
        assert!(complete_callback(url, &mut s, NOW).is_ok());
        assert_eq!(complete_callback(url, &mut s, NOW), Err(CallbackError::Replay));
    }

    #[test]
    fn state_is_consumed_even_when_a_later_check_fails() {
        let mut s = store();
        let bad = format!(
            "https://app.example.com/callback?code=abc&state=S1&iss={}",
            "https%3A%2F%2Fevil"
        );
        assert!(matches!(
            complete_callback(&bad, &mut s, NOW),
            Err(CallbackError::IssuerMismatch { .. })
        ));
        let good = "https://app.example.com/callback?code=abc&state=S1";
        assert_eq!(complete_callback(good, &mut s, NOW), Err(CallbackError::Replay));
    }

    #[test]
    fn unknown_and_mismatched_state() {
        assert_eq!(
            complete_callback(
                "https://app.example.com/callback?code=abc&state=other",
                &mut store(),
                NOW
            ),
            Err(CallbackError::UnknownState)
        );
        let params = parse_callback_url("https://app.example.com/callback?code=abc&state=other").unwrap();
        assert_eq!(
            validate_callback(&params, &tx(), NOW),
            Err(CallbackError::StateMismatch)
        );
        let params = parse_callback_url("https://app.example.com/callback?code=abc&state=S1").unwrap();
        assert_eq!(validate_callback(&params, &tx(), NOW), Ok("abc".into()));
    }

    #[test]
    fn missing_state_keeps_the_reported_error_for_display() {
        let got = complete_callback(
            "https://app.example.com/callback?error=access_denied",
            &mut store(),
            NOW,
        );
        match got {
            Err(CallbackError::MissingState(Some(e))) => assert_eq!(e.error, "access_denied"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            complete_callback("https://app.example.com/callback?code=abc", &mut store(), NOW),
            Err(CallbackError::MissingState(None))
        );
    }

    #[test]
    fn code_and_error_together_missing_code_and_duplicates() {
        assert_eq!(
            complete_callback(
                "https://app.example.com/callback?code=a&error=x&state=S1",
                &mut store(),
                NOW
            ),
            Err(CallbackError::CodeAndError)
        );
        assert_eq!(
            complete_callback(
                "https://app.example.com/callback?code=&state=S1",
                &mut store(),
                NOW
            ),
            Err(CallbackError::MissingCode)
        );
        assert_eq!(
            complete_callback(
                "https://app.example.com/callback?code=a&state=S1&state=S2",
                &mut store(),
                NOW
            ),
            Err(CallbackError::DuplicateParameter("state".into()))
        );
        assert_eq!(
            complete_callback("https://app.example.com/callback?state=S1", &mut store(), NOW),
            Err(CallbackError::NotAnAuthorizationResponse)
        );
        assert_eq!(
            complete_callback(
                "https://app.example.com/callback#access_token=x&state=S1",
                &mut store(),
                NOW
            ),
            Err(CallbackError::ResponseInFragment)
        );
    }

    #[test]
    fn cognito_invalid_scope_error_is_delivered_after_state_check_with_explanation() {
        let url =
            "https://app.example.com/callback?error_description=invalid_scope&state=S1&error=invalid_request";
        match complete_callback(url, &mut store(), NOW) {
            Err(CallbackError::Authorization(e)) => {
                assert_eq!(e.error, "invalid_request");
                assert_eq!(e.error_description.as_deref(), Some("invalid_scope"));
            }
            other => panic!("{other:?}"),
        }
        // Cognito form-encodes descriptions with '+'.
        let url = "https://app.example.com/callback?error=invalid_request&error_description=Timeout+occurred+in+calling+IdP+token+endpoint&state=S1";
        match complete_callback(url, &mut store(), NOW) {
            Err(CallbackError::Authorization(e)) => {
                assert_eq!(
                    e.error_description.as_deref(),
                    Some("Timeout occurred in calling IdP token endpoint")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn expired_transaction() {
        let got = complete_callback(
            "https://app.example.com/callback?code=a&state=S1",
            &mut store(),
            10_000 + 601,
        );
        assert_eq!(
            got,
            Err(CallbackError::Expired {
                age_secs: 601,
                limit_secs: 600
            })
        );
    }

    #[test]
    fn callback_on_another_path_is_rejected_but_browser_normalisation_is_not() {
        assert!(matches!(
            complete_callback("https://app.example.com/other?code=a&state=S1", &mut store(), NOW),
            Err(CallbackError::RedirectUriMismatch { .. })
        ));
        assert!(
            complete_callback(
                "https://APP.example.com:443/callback?code=a&state=S1",
                &mut store(),
                NOW
            )
            .is_ok()
        );
    }

    #[test]
    fn rfc9207_iss_checked_when_present_and_required_when_advertised() {
        let with_iss = format!(
            "https://app.example.com/callback?code=a&state=S1&iss={}",
            crate::url::encode_component(ISS)
        );
        assert!(complete_callback(&with_iss, &mut store(), NOW).is_ok());
        let trailing = format!("{with_iss}%2F");
        assert!(matches!(
            complete_callback(&trailing, &mut store(), NOW),
            Err(CallbackError::IssuerMismatch { .. })
        ));
        let mut s = MemoryTransactionStore::new();
        s.put(PendingTransaction {
            require_iss_parameter: true,
            ..tx()
        })
        .unwrap();
        assert_eq!(
            complete_callback("https://app.example.com/callback?code=a&state=S1", &mut s, NOW),
            Err(CallbackError::MissingIssuer)
        );
    }
}
