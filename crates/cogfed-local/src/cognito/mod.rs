//! The Cognito side: the user pool domain endpoints and the issuer path (cognito-facts §1).

mod authorize;
mod discovery;
mod idpresponse;
mod login;
mod logout;
pub mod request;
mod revoke;
mod token;
mod userinfo;

use crate::app::App;
use crate::claims::{TokenStamp, access_token_claims, id_token_claims};
use crate::crypto::{CryptoError, at_hash, random_token, random_uuid, token_key};
use crate::served::Client;
use crate::state::{AuthCode, Grant, Session, UserRecord};
use crate::web::{self, Params, cookie, cors_preflight, redirect, with_fragment, with_query};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use cogfed_lint::model::TokenKind;
use request::{AuthorizeRequest, ResponseType};
use std::sync::Arc;

/// Handler state.
pub type CognitoState = State<Arc<App>>;

/// Name of the managed login session cookie (cognito-facts §2.3).
pub const SESSION_COOKIE: &str = "cognito";
/// The session lasts 1 hour and is not extended (cognito-facts §2.3).
const SESSION_SECONDS: u64 = 3600;
/// Codes are valid 5 minutes (cognito-facts §1.1).
const CODE_SECONDS: u64 = 300;

/// The Cognito side's routes.
pub fn router(app: Arc<App>) -> Router {
    let pool = app.served.pool.id.clone();
    Router::new()
        .route("/oauth2/authorize", get(authorize::authorize))
        .route("/login", get(login::show).post(login::submit))
        .route("/error", get(error_page))
        .route("/oauth2/token", post(token::token).options(preflight))
        .route("/oauth2/userInfo", get(userinfo::userinfo).options(preflight))
        .route("/oauth2/revoke", post(revoke::revoke).options(preflight))
        .route("/logout", get(logout::logout))
        .route("/oauth2/idpresponse", get(idpresponse::idpresponse))
        .route(
            &format!("/{pool}/.well-known/openid-configuration"),
            get(discovery::openid_configuration).options(preflight),
        )
        .route(
            &format!("/{pool}/.well-known/jwks.json"),
            get(discovery::jwks).options(preflight),
        )
        .with_state(app)
}

async fn preflight(headers: HeaderMap) -> Response {
    cors_preflight(&headers)
}

/// Known `/error?error=` codes and what the page says. Anything else shows as `invalid_request`, so the page
/// cannot be made to display arbitrary text.
fn error_text(code: &str) -> &'static str {
    match code {
        "redirect_mismatch" => "redirect_mismatch",
        "unauthorized_client" => "unauthorized_client",
        "invalid_client" => "invalid_client",
        _ => "invalid_request",
    }
}

/// `302 /error?error={error}&client_id=...`: Cognito's own error page, used instead of redirecting to an
/// unverified app URL (cognito-facts §1.1).
pub fn error_page_redirect(error: &str, client_id: Option<&str>) -> Response {
    let mut pairs = vec![("error", error)];
    if let Some(c) = client_id {
        pairs.push(("client_id", c));
    }
    redirect(&with_query("/error", &pairs))
}

/// What Local Cognito adds under Cognito's bare error code on its error page: the usual cause and the
/// `cogfed lint` rule that finds it (cognito-facts §8.A1; rule ids as in cogfed-auth's error catalogue).
fn local_note(code: &str) -> Option<&'static str> {
    match code {
        "redirect_mismatch" => Some(
            "the client_id is unknown, or the redirect_uri is not in the app client's CallbackURLs exactly as \
             sent (scheme, host, port, path, trailing slash); from /logout, the logout_uri is not in its \
             LogoutURLs. `cogfed lint` finds this in your configuration: rules spa-redirect-uri-not-registered \
             and spa-logout-uri-not-registered.",
        ),
        _ => None,
    }
}

/// `GET /error`.
async fn error_page(RawQuery(query): RawQuery) -> Response {
    let params = Params::from_query(query.as_deref()).unwrap_or_default();
    let code = error_text(params.get("error").unwrap_or_default());
    web::html(
        StatusCode::BAD_REQUEST,
        crate::html::error_page_with_note(code, local_note(code)),
    )
}

/// The live session behind the request's `cognito` cookie, if any.
pub fn current_session(app: &App, headers: &HeaderMap) -> Option<Session> {
    let value = cookie(headers, SESSION_COOKIE)?;
    let now = app.now();
    let store = app.store();
    let s = store.sessions.get(&token_key(&value))?;
    (s.expires_at > now && store.users.contains_key(&s.username.to_lowercase())).then(|| s.clone())
}

/// Opens a session and returns its `Set-Cookie` value (HttpOnly, SameSite=Lax, 1 hour).
pub fn start_session(
    app: &App,
    username: &str,
    provider: &str,
    auth_time: u64,
) -> Result<String, CryptoError> {
    let value = random_token()?;
    let now = app.now();
    let mut store = app.store();
    store.purge(now);
    store.sessions.insert(
        token_key(&value),
        Session {
            username: username.to_owned(),
            provider: provider.to_owned(),
            auth_time,
            expires_at: now + SESSION_SECONDS,
        },
    );
    Ok(format!(
        "{SESSION_COOKIE}={value}; Path=/; Max-Age={SESSION_SECONDS}; HttpOnly; SameSite=Lax"
    ))
}

/// Ends the request's session and returns the `Set-Cookie` value that clears the cookie.
pub fn end_session(app: &App, headers: &HeaderMap) -> String {
    if let Some(value) = cookie(headers, SESSION_COOKIE) {
        app.store().sessions.remove(&token_key(&value));
    }
    format!("{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax")
}

fn server_error() -> Response {
    web::oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None)
}

/// Finishes a successful sign-in: a code redirect, or tokens in the fragment for the implicit grant.
pub fn complete_sign_in(app: &App, req: &AuthorizeRequest, username: &str, auth_time: u64) -> Response {
    let grant = Grant {
        client_id: req.client_id.clone(),
        username: username.to_owned(),
        scopes: req.scopes.clone(),
        auth_time,
        nonce: req.nonce.clone(),
        resource: req.resource.clone(),
    };
    let state = req.state.as_deref();
    match req.response_type {
        ResponseType::Code => {
            let Ok(code) = random_token() else {
                return server_error();
            };
            let now = app.now();
            {
                let mut store = app.store();
                store.purge(now);
                store.codes.insert(
                    token_key(&code),
                    AuthCode {
                        grant,
                        redirect_uri: req.redirect_uri.clone(),
                        code_challenge: req.code_challenge.clone(),
                        expires_at: now + CODE_SECONDS,
                    },
                );
            }
            let mut pairs = vec![("code", code.as_str())];
            if let Some(s) = state {
                pairs.push(("state", s));
            }
            redirect(&with_query(&req.redirect_uri, &pairs))
        }
        ResponseType::Token => {
            let (Some(client), Some(user)) = (
                app.served.client(&req.client_id),
                app.store().users.get(&username.to_lowercase()).cloned(),
            ) else {
                return server_error();
            };
            let Ok(tokens) = issue_tokens(app, client, &user, &grant, None, req.nonce.as_deref()) else {
                return server_error();
            };
            let expires = tokens.expires_in.to_string();
            let mut pairs = vec![];
            if let Some(id) = &tokens.id_token {
                pairs.push(("id_token", id.as_str()));
            }
            pairs.extend([
                ("access_token", tokens.access_token.as_str()),
                ("token_type", "Bearer"),
                ("expires_in", expires.as_str()),
            ]);
            if let Some(s) = state {
                pairs.push(("state", s));
            }
            redirect(&with_fragment(&req.redirect_uri, &pairs))
        }
    }
}

/// Access and ID tokens of one issuance.
pub struct IssuedTokens {
    /// The access token.
    pub access_token: String,
    /// The ID token, when `openid` was granted.
    pub id_token: Option<String>,
    /// Access token lifetime in seconds.
    pub expires_in: u64,
}

/// Signs an access token (with the access key) and, for `openid` grants, an ID token (with the ID key).
/// `origin_jti` ties them to a refresh token family; it is written into the tokens only when the client has
/// revocation or rotation on (cognito-facts §3.1).
pub fn issue_tokens(
    app: &App,
    client: &Client,
    user: &UserRecord,
    grant: &Grant,
    origin_jti: Option<&str>,
    nonce: Option<&str>,
) -> Result<IssuedTokens, CryptoError> {
    let now = app.now();
    let shown_origin = origin_jti.filter(|_| client.revocation_enabled() || client.rotation().is_some());
    let event_id = random_uuid()?;
    let access_jti = random_uuid()?;
    let access_ttl = client.lifetime(TokenKind::Access).as_secs();
    let stamp = TokenStamp {
        issuer: &app.issuer,
        now,
        ttl: access_ttl,
        jti: &access_jti,
        origin_jti: shown_origin,
        event_id: &event_id,
    };
    let access_token = crate::jwt::sign(&app.access_key, None, &access_token_claims(&stamp, user, grant))?;
    let id_token = if grant.has_scope("openid") {
        let id_jti = random_uuid()?;
        let stamp = TokenStamp {
            ttl: client.lifetime(TokenKind::Id).as_secs(),
            jti: &id_jti,
            ..stamp
        };
        let claims = id_token_claims(&stamp, user, grant, client, Some(&at_hash(&access_token)), nonce);
        Some(crate::jwt::sign(&app.id_key, None, &claims)?)
    } else {
        None
    };
    Ok(IssuedTokens {
        access_token,
        id_token,
        expires_in: access_ttl,
    })
}
