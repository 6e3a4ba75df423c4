//! The whole sign-in, refresh, restore, userInfo and revocation steps composed from the pure pieces, over the
//! I/O traits. The browser layer calls these and only these: every protocol decision (what to send, what to
//! check, in which order) is made here, and each step is one function so its code exists once.

use crate::authorize::{AuthorizeError, AuthorizeOptions, AuthorizeRequest, build_authorize_url};
use crate::callback::{CallbackError, complete_callback};
use crate::endpoints::Endpoints;
use crate::io::{HttpClient, HttpError, Randomness, RandomnessError};
use crate::jwks::KeySource;
use crate::jwt::Claims;
use crate::pkce::{CodeChallenge, CodeVerifier};
use crate::random::{new_nonce, new_state};
use crate::token::{
    RefreshToken, TokenError, TokenSet, authorization_code_request, parse_revoke_response,
    parse_token_response, refresh_token_request, revoke_request,
};
use crate::transaction::{PendingTransaction, StoreError, TransactionStore};
use crate::userinfo::{UserInfoClaims, UserInfoError, parse_userinfo, userinfo_request};
use crate::validate::{AccessTokenExpectations, IdTokenExpectations, NonceCheck};
use crate::verify::{
    SignatureError, SignatureVerifier, Verified, VerifyError, VerifyFailure, verify_access_token,
    verify_id_token,
};

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

/// Per-sign-in options: the optional parameters of the authorization request ([`AuthorizeOptions`]) and
/// where to go afterwards. Built with its methods:
/// `SignInOptions::default().identity_provider("Okta").login_hint("alice").return_to("/orders")`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignInOptions {
    /// The authorization request's optional parameters (cognito-facts §1.1).
    pub authorize: AuthorizeOptions,
    /// Where to go after sign-in (stored in the transaction, never in `state`, cognito-facts §8.A6).
    pub return_to: Option<String>,
}

impl SignInOptions {
    /// Sets `identity_provider` (go straight to this IdP).
    pub fn identity_provider(mut self, value: impl Into<String>) -> Self {
        self.authorize = self.authorize.identity_provider(value);
        self
    }
    /// Sets `idp_identifier` (go straight to the IdP with this identifier).
    pub fn idp_identifier(mut self, value: impl Into<String>) -> Self {
        self.authorize = self.authorize.idp_identifier(value);
        self
    }
    /// Sets `lang` (managed login language).
    pub fn lang(mut self, value: impl Into<String>) -> Self {
        self.authorize = self.authorize.lang(value);
        self
    }
    /// Sets `login_hint` (username pre-fill).
    pub fn login_hint(mut self, value: impl Into<String>) -> Self {
        self.authorize = self.authorize.login_hint(value);
        self
    }
    /// Adds a `prompt` value.
    pub fn prompt(mut self, value: crate::Prompt) -> Self {
        self.authorize = self.authorize.prompt(value);
        self
    }
    /// Sets `resource` (RFC 8707).
    pub fn resource(mut self, value: impl Into<String>) -> Self {
        self.authorize = self.authorize.resource(value);
        self
    }
    /// Sets where to go after sign-in.
    pub fn return_to(mut self, path: impl Into<String>) -> Self {
        self.return_to = Some(path.into());
        self
    }
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
    /// The access token failed verification (Cognito).
    #[error("access token rejected: {0}")]
    AccessToken(VerifyFailure),
    /// The crypto provider could not hash (PKCE challenge).
    #[error(transparent)]
    Crypto(#[from] crate::verify::VerifierError),
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

/// Step 1: fresh state, nonce and PKCE verifier (its S256 challenge hashed by `crypto`); build the URL;
/// store the transaction.
pub async fn begin_sign_in(
    endpoints: &Endpoints,
    client: &ClientConfig,
    options: &SignInOptions,
    rng: &impl Randomness,
    crypto: &impl SignatureVerifier,
    store: &mut impl TransactionStore,
    now: u64,
) -> Result<SignInStart, FlowError> {
    let verifier = CodeVerifier::generate(rng)?;
    let code_challenge = CodeChallenge::from_digest(&crypto.sha256(verifier.as_str().as_bytes()).await?);
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
        code_challenge,
        scopes: client.scopes.clone(),
        options: options.authorize.clone(),
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

/// Step 2: validate the callback (single-use state), redeem the code with PKCE while the signing keys are
/// fetched ([`KeySource::prefetch`]: both requests in flight at once), verify the ID token (nonce of the
/// transaction, `at_hash` against the access token).
#[allow(clippy::too_many_arguments)]
pub async fn finish_sign_in(
    callback_url: &str,
    store: &mut impl TransactionStore,
    http: &impl HttpClient,
    keys: &mut impl KeySource,
    crypto: &impl SignatureVerifier,
    endpoints: &Endpoints,
    client_id: &str,
    now: u64,
) -> Result<SignedIn, FlowError> {
    let authorization = complete_callback(callback_url, store, now)?;
    let tx = authorization.transaction;
    let request = authorization_code_request(
        &endpoints.token_endpoint,
        client_id,
        &authorization.code,
        &tx.redirect_uri,
        &tx.code_verifier,
    );
    let (response, ()) = futures::future::join(http.send(request), keys.prefetch()).await;
    let mut expectations = IdTokenExpectations::for_sign_in(&endpoints.issuer, client_id, &tx.nonce, now);
    let (tokens, id_token) = redeemed(response?, keys, crypto, endpoints, &mut expectations, None).await?;
    Ok(SignedIn {
        tokens,
        id_token: id_token.ok_or(FlowError::MissingIdToken)?,
        return_to: tx.return_to,
    })
}

/// A token endpoint response (code or refresh grant) checked and the ID token it carries verified: the one
/// place tokens come in. `current`: the tokens being refreshed (a refresh may omit the ID and refresh tokens,
/// which are then kept; no new ID token, nothing verified).
async fn redeemed(
    response: crate::io::HttpResponse,
    keys: &mut impl KeySource,
    crypto: &impl SignatureVerifier,
    endpoints: &Endpoints,
    expectations: &mut IdTokenExpectations,
    current: Option<&TokenSet>,
) -> Result<(TokenSet, Option<Verified>), FlowError> {
    let response = parse_token_response(&response)?;
    expectations.access_token = Some(response.access_token.clone());
    expectations.require_token_use = endpoints.cognito_tokens;
    let verified = match &response.id_token {
        Some(id_token) => Some(verify_id_token(id_token, keys, crypto, expectations).await?),
        None => None,
    };
    let tokens = match current {
        Some(current) => current.refreshed(response, expectations.now),
        None => TokenSet::from_response(response, expectations.now),
    };
    Ok((tokens, verified))
}

/// Refreshes the tokens. A new ID token must keep the original's `iss` and `sub` (and its nonce, if it has
/// one); a response without an ID token or refresh token keeps the current one (the verified ID token is
/// `None` then).
#[allow(clippy::too_many_arguments)]
pub async fn refresh(
    http: &impl HttpClient,
    keys: &mut impl KeySource,
    crypto: &impl SignatureVerifier,
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
    let response = http.send(request).await?;
    let mut expectations =
        IdTokenExpectations::for_refresh(&endpoints.issuer, client_id, original_claims, now);
    redeemed(
        response,
        keys,
        crypto,
        endpoints,
        &mut expectations,
        Some(current),
    )
    .await
}

/// Verifies tokens held from before (a session stored in the tab, after a reload): the ID token with the
/// sign-in's nonce if it carried one.
pub async fn verify_held(
    tokens: &TokenSet,
    nonce: Option<String>,
    keys: &mut impl KeySource,
    crypto: &impl SignatureVerifier,
    endpoints: &Endpoints,
    client_id: &str,
    now: u64,
) -> Result<Verified, FlowError> {
    let mut expectations = IdTokenExpectations::for_sign_in(&endpoints.issuer, client_id, "", now);
    expectations.nonce = NonceCheck::SameAsOriginal(nonce);
    expectations.require_token_use = endpoints.cognito_tokens;
    let id_token = tokens.id_token.as_deref().ok_or(FlowError::MissingIdToken)?;
    Ok(verify_id_token(id_token, keys, crypto, &expectations).await?)
}

/// Verifies a Cognito access token (cognito-facts §3.3: `token_use`, `client_id`, no `aud` by default), for an
/// app that asks for it.
pub async fn verify_cognito_access_token(
    access_token: &str,
    keys: &mut impl KeySource,
    crypto: &impl SignatureVerifier,
    endpoints: &Endpoints,
    client_id: &str,
    now: u64,
) -> Result<Verified, FlowError> {
    let expectations = AccessTokenExpectations::new(&endpoints.issuer, client_id, now);
    verify_access_token(access_token, keys, crypto, &expectations)
        .await
        .map_err(FlowError::AccessToken)
}

/// Calls userInfo with the access token and requires its `sub` to be the ID token's.
pub async fn fetch_userinfo(
    http: &impl HttpClient,
    endpoints: &Endpoints,
    access_token: &str,
    id_token_sub: &str,
) -> Result<UserInfoClaims, FlowError> {
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

impl FlowError {
    /// True for failures a retry may cure: no response (network, CORS refusal, timeout) and a JWKS that could
    /// not be fetched. Anything else (the provider refused, a token failed verification) is final.
    pub fn is_transient(&self) -> bool {
        match self {
            FlowError::Http(_) => true,
            FlowError::IdToken(failure) | FlowError::AccessToken(failure) => matches!(
                failure.error,
                VerifyError::Key(crate::jwks::KeyError::Fetch(_))
                    | VerifyError::Signature(SignatureError::Verifier(_))
            ),
            _ => false,
        }
    }
}
