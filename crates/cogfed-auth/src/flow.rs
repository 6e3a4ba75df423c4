//! The whole sign-in, refresh, userInfo and revocation steps composed from the pure pieces, over the I/O
//! traits. The browser layer calls these; each is a thin sequence of the functions in the other modules.

use crate::authorize::{AuthorizeError, AuthorizeRequest, Prompt, build_authorize_url};
use crate::callback::{CallbackError, complete_callback};
use crate::endpoints::Endpoints;
use crate::io::{HttpClient, HttpError, Randomness, RandomnessError};
use crate::jwks::KeySource;
use crate::jwt::Claims;
use crate::pkce::CodeVerifier;
use crate::random::{new_nonce, new_state};
use crate::token::{
    RefreshToken, TokenError, TokenSet, authorization_code_request, parse_revoke_response,
    parse_token_response, refresh_token_request, revoke_request,
};
use crate::transaction::{PendingTransaction, StoreError, TransactionStore};
use crate::userinfo::{UserInfoError, parse_userinfo, userinfo_request};
use crate::validate::IdTokenExpectations;
use crate::verify::{SignatureVerifier, Verified, VerifyFailure, verify_id_token};
use serde_json::{Map, Value};

/// The app client as the SPA is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// The app client id (public client, no secret).
    pub client_id: String,
    /// The registered callback URL.
    pub redirect_uri: String,
    /// Scopes to request; must include `openid` for an ID token.
    pub scopes: Vec<String>,
}

/// Per-sign-in options (cognito-facts §1.1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInOptions {
    /// Go straight to this IdP.
    pub identity_provider: Option<String>,
    /// Go straight to the IdP with this identifier.
    pub idp_identifier: Option<String>,
    /// Managed login language.
    pub lang: Option<String>,
    /// Username pre-fill.
    pub login_hint: Option<String>,
    /// `prompt` values.
    pub prompt: Vec<Prompt>,
    /// RFC 8707 resource.
    pub resource: Option<String>,
    /// Where to go after sign-in (stored in the transaction).
    pub return_to: Option<String>,
}

/// Why a flow step failed; each variant wraps the typed error of the step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// The CSPRNG failed.
    #[error(transparent)]
    Randomness(#[from] RandomnessError),
    /// The authorization URL could not be built.
    #[error(transparent)]
    Authorize(#[from] AuthorizeError),
    /// Storing the transaction failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The callback was rejected.
    #[error(transparent)]
    Callback(#[from] CallbackError),
    /// A request got no response.
    #[error(transparent)]
    Http(#[from] HttpError),
    /// The token or revocation endpoint answered with an error.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The token response has no ID token (was `openid` requested?).
    #[error("the token response has no id_token; request the openid scope")]
    MissingIdToken,
    /// The ID token failed verification.
    #[error(transparent)]
    IdToken(#[from] VerifyFailure),
    /// The userInfo response was rejected.
    #[error(transparent)]
    UserInfo(#[from] UserInfoError),
    /// The provider has no such endpoint.
    #[error("the provider has no {0}")]
    NoEndpoint(&'static str),
}

/// The URL to navigate to, and the transaction now stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInStart {
    /// The authorization URL.
    pub url: String,
    /// The stored transaction (also returned for logging/tests).
    pub transaction: PendingTransaction,
}

/// Step 1: fresh state, nonce and PKCE verifier; build the URL; store the transaction.
pub fn begin_sign_in(
    endpoints: &Endpoints,
    client: &ClientConfig,
    options: &SignInOptions,
    rng: &impl Randomness,
    store: &mut impl TransactionStore,
    now: u64,
) -> Result<SignInStart, FlowError> {
    let verifier = CodeVerifier::generate(rng)?;
    let transaction = PendingTransaction {
        state: new_state(rng)?,
        nonce: new_nonce(rng)?,
        redirect_uri: client.redirect_uri.clone(),
        return_to: options.return_to.clone(),
        created_at: now,
        issuer: endpoints.issuer.clone(),
        require_iss_parameter: endpoints.authorization_response_iss_parameter_supported,
        code_verifier: verifier,
    };
    let request = AuthorizeRequest {
        client_id: client.client_id.clone(),
        redirect_uri: client.redirect_uri.clone(),
        state: transaction.state.clone(),
        nonce: transaction.nonce.clone(),
        code_challenge: transaction.code_verifier.challenge(),
        scopes: client.scopes.clone(),
        identity_provider: options.identity_provider.clone(),
        idp_identifier: options.idp_identifier.clone(),
        lang: options.lang.clone(),
        login_hint: options.login_hint.clone(),
        prompt: options.prompt.clone(),
        resource: options.resource.clone(),
    };
    let url = build_authorize_url(&endpoints.authorization_endpoint, &request)?;
    store.put(transaction.clone())?;
    Ok(SignInStart { url, transaction })
}

/// The result of a completed sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The tokens.
    pub tokens: TokenSet,
    /// The verified ID token and its check-by-check report.
    pub id_token: Verified,
    /// Where the app wanted to go.
    pub return_to: Option<String>,
}

/// Step 2: validate the callback (single-use state), redeem the code with PKCE, verify the ID token
/// (nonce of the transaction, `at_hash` against the access token).
#[allow(clippy::too_many_arguments)]
pub async fn finish_sign_in(
    callback_url: &str,
    store: &mut impl TransactionStore,
    http: &impl HttpClient,
    keys: &mut impl KeySource,
    verifier: &impl SignatureVerifier,
    endpoints: &Endpoints,
    client_id: &str,
    now: u64,
) -> Result<SignedIn, FlowError> {
    let authorization = complete_callback(callback_url, store, now)?;
    let tx = &authorization.transaction;
    let request = authorization_code_request(
        &endpoints.token_endpoint,
        client_id,
        &authorization.code,
        &tx.redirect_uri,
        &tx.code_verifier,
    );
    let response = parse_token_response(&http.send(request).await?)?;
    let id_token = response.id_token.clone().ok_or(FlowError::MissingIdToken)?;
    let mut expectations = IdTokenExpectations::for_sign_in(&endpoints.issuer, client_id, &tx.nonce, now);
    expectations.access_token = Some(response.access_token.clone());
    expectations.require_token_use = endpoints.cognito_tokens;
    let verified = verify_id_token(&id_token, keys, verifier, &expectations).await?;
    Ok(SignedIn {
        tokens: TokenSet::from_response(response, now),
        id_token: verified,
        return_to: tx.return_to.clone(),
    })
}

/// Refreshes the tokens. A new ID token must keep the original's `iss` and `sub`; a response without a
/// refresh token keeps the current one.
#[allow(clippy::too_many_arguments)]
pub async fn refresh(
    http: &impl HttpClient,
    keys: &mut impl KeySource,
    verifier: &impl SignatureVerifier,
    endpoints: &Endpoints,
    client_id: &str,
    current: &TokenSet,
    original_claims: &Claims,
    now: u64,
) -> Result<(TokenSet, Option<Verified>), FlowError> {
    let refresh_token = current
        .refresh_token
        .as_ref()
        .ok_or(FlowError::NoEndpoint("refresh token"))?;
    let request = refresh_token_request(&endpoints.token_endpoint, client_id, refresh_token, None);
    let response = parse_token_response(&http.send(request).await?)?;
    let verified = match &response.id_token {
        Some(id_token) => {
            let mut expectations =
                IdTokenExpectations::for_refresh(&endpoints.issuer, client_id, original_claims, now);
            expectations.access_token = Some(response.access_token.clone());
            expectations.require_token_use = endpoints.cognito_tokens;
            Some(verify_id_token(id_token, keys, verifier, &expectations).await?)
        }
        None => None,
    };
    Ok((current.refreshed(response, now), verified))
}

/// Calls userInfo with the access token and requires its `sub` to be the ID token's.
pub async fn fetch_userinfo(
    http: &impl HttpClient,
    endpoints: &Endpoints,
    access_token: &str,
    id_token_sub: &str,
) -> Result<Map<String, Value>, FlowError> {
    let url = endpoints
        .userinfo_endpoint
        .as_deref()
        .ok_or(FlowError::NoEndpoint("userinfo_endpoint"))?;
    let response = http.send(userinfo_request(url, access_token)).await?;
    Ok(parse_userinfo(&response, id_token_sub)?)
}

/// Revokes the refresh token (and with it every token issued from it, cognito-facts §1.4).
pub async fn revoke(
    http: &impl HttpClient,
    endpoints: &Endpoints,
    client_id: &str,
    refresh_token: &RefreshToken,
) -> Result<(), FlowError> {
    let url = endpoints
        .revocation_endpoint
        .as_deref()
        .ok_or(FlowError::NoEndpoint("revocation_endpoint"))?;
    let response = http.send(revoke_request(url, client_id, refresh_token)).await?;
    Ok(parse_revoke_response(&response)?)
}
