//! Upstream OIDC IdP personas on the upstream port. Each persona lives under its issuer's path and serves
//! discovery, JWKS, authorize (with its own sign-in form), token and userinfo, with the misbehaviours its
//! configuration asks for: basic-only client authentication, a missing or odd `token_type`, JWT userinfo
//! answers, omitted claims, an issuer with a trailing slash.
//!
//! A persona reads what it does straight from the model: the IdP's registration of Cognito
//! ([`model::UpstreamIdp`]: redirect URIs, token endpoint auth methods, userinfo strategy, `token_type`) and its
//! `[[local.upstreams]]` entry ([`model::LocalUpstream`]: users, `omit_claims`). A new misbehaviour is a model
//! field, its reading in the "What a persona does" section below, and a test.

use crate::app::{App, PersonaKeys};
use crate::cognito::request::app_error_url;
use crate::crypto::{ct_eq, random_token, token_key};
use crate::html::{PersonaLoginPage, persona_login_page};
use crate::served::Persona;
use crate::state::{PersonaAccess, PersonaCode, PersonaLoginTxn};
use crate::web::{
    BasicAuth, Body, Params, basic_auth, bearer, html, is_form, json, oauth_error, redirect, text,
    unreadable_body, with_query,
};
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header::{HeaderValue, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use cogfed_lint::de::{Located, known, known_str, known_strs};
use cogfed_lint::model::{self, TokenEndpointAuthMethod, UserinfoResponseStrategy};
use serde_json::{Map, Value, json};
use std::sync::Arc;

const LOGIN_SECONDS: u64 = 600;
const CODE_SECONDS: u64 = 300;
const TOKEN_SECONDS: u64 = 3600;

// What a persona does: each misbehaviour read from the model, with the well-behaved default.

/// The persona's users (`[[local.upstreams.users]]`).
pub(crate) fn users(p: &Persona) -> impl Iterator<Item = &model::LocalUser> {
    p.upstream.users.iter().filter_map(Located::get)
}

/// A user's IdP subject: its `sub` attribute, else its username.
pub(crate) fn subject(u: &model::LocalUser) -> String {
    match u
        .attributes
        .as_ref()
        .and_then(|a| a.get()?.get("sub")?.get().cloned())
    {
        Some(Value::String(s)) => s,
        Some(other) => other.to_string(),
        None => known_str(&u.username).unwrap_or_default().to_owned(),
    }
}

/// A user's claims: its attributes but `sub`, and `preferred_username` (the username unless set), so the
/// sign-in form can take `sub`, `preferred_username` or `email`.
fn all_claims(u: &model::LocalUser) -> Map<String, Value> {
    let mut claims: Map<String, Value> = known(&u.attributes)
        .into_iter()
        .flat_map(|m| m.iter())
        .filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.get()?.clone())))
        .collect();
    claims.remove("sub");
    if let Some(name) = known_str(&u.username) {
        claims.entry("preferred_username").or_insert_with(|| name.into());
    }
    claims
}

/// The name a user types into the persona's sign-in form.
pub(crate) fn login_name(u: &model::LocalUser) -> String {
    match all_claims(u).get("preferred_username") {
        Some(Value::String(s)) => s.clone(),
        _ => subject(u),
    }
}

/// `omit_claims`: claims left out of both the ID token and userinfo (e.g. `email`, to break a required
/// mapping).
fn omitted(p: &Persona, claim: &str) -> bool {
    known_strs(&p.upstream.omit_claims).any(|c| c == claim)
}

/// The token endpoint auth methods it accepts: the registration's, else both secret methods. Only the two
/// secret methods are implemented, so `[client_secret_basic]` alone reproduces "<ProviderName> Error - 401
/// error getting token" (Cognito posts), and methods such as `private_key_jwt` never succeed.
fn auth_methods(p: &Persona) -> Vec<TokenEndpointAuthMethod> {
    match p.registration.as_ref().map(|r| &r.token_endpoint_auth_methods) {
        Some(list @ Some(_)) => known_strs(list)
            .filter_map(TokenEndpointAuthMethod::parse)
            .collect(),
        _ => vec![
            TokenEndpointAuthMethod::ClientSecretPost,
            TokenEndpointAuthMethod::ClientSecretBasic,
        ],
    }
}

/// The client secret it accepts: its own `client_secret`, else the one the pool sends.
fn accepted_secret(p: &Persona) -> &str {
    known_str(&p.upstream.client_secret).unwrap_or(&p.idp_client_secret)
}

/// How userinfo answers: the registration's strategy, else plain JSON (what Cognito needs).
fn userinfo_strategy(p: &Persona) -> UserinfoResponseStrategy {
    p.registration
        .as_ref()
        .and_then(|r| known(&r.userinfo_response_strategy))
        .copied()
        .unwrap_or(UserinfoResponseStrategy::PlainJson)
}

/// `token_type` of its token responses: the registration's (`""` leaves it out), else `Bearer`.
fn token_type(p: &Persona) -> Option<&str> {
    match p.registration.as_ref().and_then(|r| known_str(&r.token_type)) {
        None => Some("Bearer"),
        Some("") => None,
        Some(t) => Some(t),
    }
}

/// The upstream side's routes: one dispatcher that finds the persona by path prefix.
pub fn router(app: Arc<App>) -> Router {
    Router::new().fallback(dispatch).with_state(app)
}

/// The persona endpoint a request is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Discovery,
    Jwks,
    Authorize,
    Login,
    Token,
    Userinfo,
}

fn endpoint(suffix: &str) -> Option<Endpoint> {
    Some(match suffix {
        "/.well-known/openid-configuration" => Endpoint::Discovery,
        "/jwks" => Endpoint::Jwks,
        "/authorize" => Endpoint::Authorize,
        "/login" => Endpoint::Login,
        "/token" => Endpoint::Token,
        "/userinfo" => Endpoint::Userinfo,
        _ => return None,
    })
}

/// The persona and endpoint for `path`: the longest issuer path prefix that leaves a known suffix.
fn route(personas: &[Persona], path: &str) -> Option<(usize, Endpoint)> {
    personas
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            path.strip_prefix(p.path_prefix.as_str())
                .and_then(endpoint)
                .map(|e| (i, e, p.path_prefix.len()))
        })
        .max_by_key(|(_, _, len)| *len)
        .map(|(i, e, _)| (i, e))
}

async fn dispatch(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return unreadable_body(&rejection),
    };
    let Some((index, ep)) = route(&app.served.personas, uri.path()) else {
        return oauth_error(
            StatusCode::NOT_FOUND,
            "not_found",
            Some("no persona endpoint at this path"),
        );
    };
    let (Some(persona), Some(keys)) = (app.served.personas.get(index), app.personas.get(index)) else {
        return oauth_error(StatusCode::NOT_FOUND, "not_found", None);
    };
    match (ep, &method) {
        (Endpoint::Discovery, &Method::GET) => discovery(persona),
        (Endpoint::Jwks, &Method::GET) => json(
            StatusCode::OK,
            &json!({"keys": [keys.key.public_jwk().to_json()]}),
        ),
        (Endpoint::Authorize, &Method::GET) => authorize(&app, index, persona, query.as_deref()),
        (Endpoint::Login, &Method::POST) => login(&app, index, persona, keys, &headers, &body).await,
        (Endpoint::Token, &Method::POST) => token(&app, index, persona, keys, &headers, &body),
        (Endpoint::Userinfo, &Method::GET | &Method::POST) => {
            userinfo(&app, index, persona, keys, &headers, &method, &body)
        }
        _ => oauth_error(
            StatusCode::METHOD_NOT_ALLOWED,
            "invalid_request",
            Some("method not allowed"),
        ),
    }
}

/// The claims a persona releases, for `claims_supported`: the ID token's own and every claim its users have,
/// minus `omit_claims` (so a persona that leaves `email` out does not advertise it, as a real IdP would not).
fn claims_supported(p: &Persona) -> Vec<String> {
    let mut claims: Vec<String> = ["sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"]
        .into_iter()
        .filter(|c| *c != "nonce" || !omitted(p, c))
        .map(str::to_owned)
        .collect();
    for u in users(p) {
        for k in all_claims(u).keys() {
            if !claims.contains(k) && !omitted(p, k) {
                claims.push(k.clone());
            }
        }
    }
    claims
}

fn discovery(p: &Persona) -> Response {
    let base = &p.base;
    let methods: Vec<&str> = auth_methods(p).iter().map(|m| m.as_str()).collect();
    let mut doc = json!({
            // Exactly as configured: a trailing slash here is the point of some scenarios.
            "issuer": p.issuer,
            "authorization_endpoint": format!("{base}/authorize"),
            "token_endpoint": format!("{base}/token"),
            "userinfo_endpoint": format!("{base}/userinfo"),
            "jwks_uri": format!("{base}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": methods,
            "scopes_supported": ["openid", "email", "profile", "phone"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": claims_supported(p),
    });
    // A persona that answers userinfo with a signed JWT says so, as real IdPs do (OpenID Connect Discovery §3).
    if matches!(
        userinfo_strategy(p),
        UserinfoResponseStrategy::SignedJwt | UserinfoResponseStrategy::SignedAndEncryptedJwt
    ) {
        doc["userinfo_signing_alg_values_supported"] = json!(["RS256"]);
    }
    json(StatusCode::OK, &doc)
}

fn error_page(message: &str) -> Response {
    html(StatusCode::BAD_REQUEST, crate::html::error_page(message))
}

fn login_page(p: &Persona, txn: &str, csrf: &str, username: &str, error: Option<&str>) -> Response {
    html(
        if error.is_some() {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::OK
        },
        persona_login_page(&PersonaLoginPage {
            issuer: p.issuer.clone(),
            action: format!("{}/login", p.path_prefix),
            transaction: txn.to_owned(),
            csrf: csrf.to_owned(),
            username: username.to_owned(),
            error: error.map(str::to_owned),
        }),
    )
}

fn authorize(app: &App, index: usize, p: &Persona, query: Option<&str>) -> Response {
    let Ok(params) = Params::from_query(query) else {
        return error_page("duplicate parameter");
    };
    if params.get("client_id") != Some(p.client_id.as_str()) {
        return error_page("unknown client_id");
    }
    let Some(redirect_uri) = params
        .get("redirect_uri")
        .filter(|r| p.redirect_uris.iter().any(|u| u == r))
    else {
        return error_page("redirect_uri is not registered for this client");
    };
    let state = params.get("state");
    if params.get("response_type") != Some("code") {
        return redirect(&app_error_url(
            redirect_uri,
            state,
            "unsupported_response_type",
            None,
        ));
    }
    let scope = params.get("scope").unwrap_or_default();
    if !scope.split(' ').any(|s| s == "openid") {
        return redirect(&app_error_url(
            redirect_uri,
            state,
            "invalid_scope",
            Some("openid is required"),
        ));
    }
    let (Ok(txn), Ok(csrf)) = (random_token(), random_token()) else {
        return error_page("server_error");
    };
    let now = app.now();
    {
        let mut store = app.store();
        store.purge(now);
        store.persona_logins.insert(
            token_key(&txn),
            PersonaLoginTxn {
                persona: index,
                redirect_uri: redirect_uri.to_owned(),
                state: state.map(str::to_owned),
                nonce: params.get("nonce").map(str::to_owned),
                scope: scope.to_owned(),
                csrf: csrf.clone(),
                expires_at: now + LOGIN_SECONDS,
            },
        );
    }
    login_page(p, &txn, &csrf, params.get("login_hint").unwrap_or_default(), None)
}

/// The persona user whose `sub`, `preferred_username` or `email` is `login`, by position.
fn find_user(p: &Persona, login: &str) -> Option<usize> {
    users(p).position(|u| {
        subject(u) == login
            || ["preferred_username", "email"].iter().any(|c| {
                all_claims(u)
                    .get(*c)
                    .and_then(Value::as_str)
                    .is_some_and(|v| v.eq_ignore_ascii_case(login))
            })
    })
}

async fn login(
    app: &App,
    index: usize,
    p: &Persona,
    keys: &PersonaKeys,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let form = match is_form(headers).then(|| Params::parse(body)) {
        Some(Ok(f)) => f,
        _ => return error_page("malformed sign-in request"),
    };
    let txn_id = form.get("transaction").unwrap_or_default();
    let key = token_key(txn_id);
    let now = app.now();
    let txn = app
        .store()
        .persona_logins
        .get(&key)
        .cloned()
        .filter(|t| t.persona == index && t.expires_at > now);
    let Some(txn) = txn else {
        return error_page("sign-in transaction unknown or expired");
    };
    if !ct_eq(
        form.get("csrf").unwrap_or_default().as_bytes(),
        txn.csrf.as_bytes(),
    ) {
        return error_page("invalid CSRF token");
    }
    let username = form.get("username").unwrap_or_default().trim().to_owned();
    let password = form.get("password").unwrap_or_default().to_owned();
    let user = find_user(p, &username);
    let hash = user
        .and_then(|i| keys.passwords.get(i))
        .cloned()
        .unwrap_or_else(|| app.dummy_hash.clone());
    let ok = crate::crypto::verify_off_thread(hash, password).await;
    let sub = match (ok, user.and_then(|i| users(p).nth(i))) {
        (true, Some(u)) => subject(u),
        _ => {
            return login_page(
                p,
                txn_id,
                &txn.csrf,
                &username,
                Some("Wrong username or password."),
            );
        }
    };
    let Ok(code) = random_token() else {
        return error_page("server_error");
    };
    {
        let mut store = app.store();
        store.persona_logins.remove(&key);
        store.persona_codes.insert(
            token_key(&code),
            PersonaCode {
                persona: index,
                sub,
                redirect_uri: txn.redirect_uri.clone(),
                nonce: txn.nonce.clone(),
                scope: txn.scope.clone(),
                auth_time: now,
                expires_at: now + CODE_SECONDS,
            },
        );
    }
    let mut pairs = vec![("code", code.as_str())];
    if let Some(s) = &txn.state {
        pairs.push(("state", s));
    }
    redirect(&with_query(&txn.redirect_uri, &pairs))
}

/// The claims of a persona user, minus `omit_claims`.
fn user_claims(p: &Persona, sub: &str) -> Map<String, Value> {
    let mut m = users(p)
        .find(|u| subject(u) == sub)
        .map(all_claims)
        .unwrap_or_default();
    m.retain(|k, _| !omitted(p, k));
    m
}

/// Client authentication at the persona's token endpoint: only the configured methods are accepted.
fn client_authenticated(p: &Persona, headers: &HeaderMap, form: &Params) -> bool {
    let methods = auth_methods(p);
    let accepts = |m| methods.contains(&m);
    let secret_ok =
        |id: &str, secret: &str| id == p.client_id && ct_eq(secret.as_bytes(), accepted_secret(p).as_bytes());
    match basic_auth(headers) {
        BasicAuth::Present { client_id, secret } => {
            accepts(TokenEndpointAuthMethod::ClientSecretBasic) && secret_ok(&client_id, &secret)
        }
        BasicAuth::Malformed => false,
        BasicAuth::Absent => {
            accepts(TokenEndpointAuthMethod::ClientSecretPost)
                && secret_ok(
                    form.get("client_id").unwrap_or_default(),
                    form.get("client_secret").unwrap_or_default(),
                )
        }
    }
}

fn token(
    app: &App,
    index: usize,
    p: &Persona,
    keys: &PersonaKeys,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let form = match is_form(headers).then(|| Params::parse(body)) {
        Some(Ok(f)) => f,
        _ => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", None),
    };
    if !client_authenticated(p, headers, &form) {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            Some("client authentication failed"),
        );
    }
    if form.get("grant_type") != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", None);
    }
    let now = app.now();
    let code = app
        .store()
        .persona_codes
        .remove(&token_key(form.get("code").unwrap_or_default()));
    let Some(code) = code.filter(|c| c.persona == index && c.expires_at > now) else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", None);
    };
    if form.get("redirect_uri") != Some(code.redirect_uri.as_str()) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            Some("redirect_uri mismatch"),
        );
    }
    let mut claims = user_claims(p, &code.sub);
    claims.insert("iss".into(), p.issuer.clone().into());
    claims.insert("sub".into(), code.sub.clone().into());
    claims.insert("aud".into(), p.client_id.clone().into());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), (now + TOKEN_SECONDS).into());
    claims.insert("auth_time".into(), code.auth_time.into());
    // `omit_claims = ["nonce"]`: an IdP that does not echo the nonce, which Cognito must refuse.
    if let Some(n) = code.nonce.as_ref().filter(|_| !omitted(p, "nonce")) {
        claims.insert("nonce".into(), n.clone().into());
    }
    let (Ok(id_token), Ok(access_token)) =
        (crate::jwt::sign(&keys.key, Some("JWT"), &claims), random_token())
    else {
        return oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None);
    };
    app.store().persona_access.insert(
        token_key(&access_token),
        PersonaAccess {
            persona: index,
            sub: code.sub,
            expires_at: now + TOKEN_SECONDS,
        },
    );
    let mut answer = json!({
        "access_token": access_token,
        "id_token": id_token,
        "expires_in": TOKEN_SECONDS,
        "scope": code.scope,
    });
    if let Some(t) = token_type(p) {
        answer["token_type"] = t.into();
    }
    json(StatusCode::OK, &answer)
}

fn userinfo(
    app: &App,
    index: usize,
    p: &Persona,
    keys: &PersonaKeys,
    headers: &HeaderMap,
    method: &Method,
    body: &[u8],
) -> Response {
    let from_body = || {
        (*method == Method::POST && is_form(headers))
            .then(|| Params::parse(body).ok())
            .flatten()
    };
    let token =
        bearer(headers).or_else(|| from_body().and_then(|f| f.get("access_token").map(str::to_owned)));
    let now = app.now();
    let access = token.and_then(|t| app.store().persona_access.get(&token_key(&t)).cloned());
    let Some(access) = access.filter(|a| a.persona == index && a.expires_at > now) else {
        let mut r = oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", None);
        r.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer error=\"invalid_token\""),
        );
        return r;
    };
    let mut claims = user_claims(p, &access.sub);
    claims.insert("sub".into(), access.sub.clone().into());
    match userinfo_strategy(p) {
        UserinfoResponseStrategy::PlainJson => json(StatusCode::OK, &Value::Object(claims)),
        // Claims only in the ID token: nothing usable here, which Cognito cannot read either.
        UserinfoResponseStrategy::FromTokenEndpoint => text(StatusCode::OK, "text/plain", String::new()),
        // Encryption is not modelled: a signed JWT is already what Cognito cannot read.
        UserinfoResponseStrategy::SignedJwt | UserinfoResponseStrategy::SignedAndEncryptedJwt => {
            claims.insert("iss".into(), p.issuer.clone().into());
            claims.insert("aud".into(), p.client_id.clone().into());
            match crate::jwt::sign(&keys.key, Some("JWT"), &claims) {
                Ok(jwt) => text(StatusCode::OK, "application/jwt", jwt),
                Err(_) => oauth_error(StatusCode::INTERNAL_SERVER_ERROR, "server_error", None),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_map_to_endpoints() {
        assert_eq!(endpoint("/authorize"), Some(Endpoint::Authorize));
        assert_eq!(
            endpoint("/.well-known/openid-configuration"),
            Some(Endpoint::Discovery)
        );
        assert_eq!(endpoint("/nope"), None);
        assert_eq!(endpoint(""), None);
    }
}
