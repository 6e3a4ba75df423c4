//! `POST /oauth2/token` (cognito-facts §1.2): authorization_code with PKCE S256, refresh_token with and
//! without rotation, client_credentials. Errors are 400 `application/json;charset=UTF-8` `{"error": ...}`.

use super::{CognitoState, issue_tokens};
use crate::app::App;
use crate::crypto::{ct_eq, pkce_s256, random_token, random_uuid, token_key};
use crate::served::{Client, Served};
use crate::state::{Grant, RefreshRecord};
use crate::web::{BasicAuth, Body, Params, basic_auth, is_form, json, oauth_error, unreadable_body};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use cogfed_lint::model::{OAuthFlow, TokenKind};
use serde_json::{Value, json};

/// A token endpoint error: the OAuth code and an optional description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// OAuth error code.
    pub error: &'static str,
    /// `error_description`.
    pub description: Option<&'static str>,
}

fn terr(error: &'static str, description: Option<&'static str>) -> TokenError {
    TokenError { error, description }
}

impl TokenError {
    fn into_response(self, status: StatusCode) -> Response {
        oauth_error(status, self.error, self.description)
    }
}

/// Authenticates the client of a token or revoke request (cognito-facts §1.2): secret clients with Basic or
/// `client_secret` in the body, public clients with `client_id` in the body and no secret at all. A Basic
/// header with an empty secret for a public client fails, as on AWS (cognito-facts §8 B8).
pub fn authenticate_client<'a>(
    served: &'a Served,
    headers: &HeaderMap,
    form: &Params,
) -> Result<&'a Client, TokenError> {
    let invalid_client = terr("invalid_client", None);
    match basic_auth(headers) {
        BasicAuth::Malformed => Err(invalid_client),
        BasicAuth::Present { client_id, secret } => {
            if form.get("client_id").is_some_and(|id| id != client_id) {
                return Err(invalid_client);
            }
            if form.get("client_secret").is_some() {
                return Err(terr(
                    "invalid_request",
                    Some("use one client authentication method"),
                ));
            }
            let client = served.client(&client_id).ok_or(invalid_client.clone())?;
            match client.secret() {
                Some(s) if ct_eq(s.as_bytes(), secret.as_bytes()) => Ok(client),
                _ => Err(invalid_client),
            }
        }
        BasicAuth::Absent => {
            let client_id = form
                .get("client_id")
                .ok_or(terr("invalid_request", Some("client_id is required")))?;
            let client = served.client(client_id).ok_or(invalid_client.clone())?;
            match (client.secret(), form.get("client_secret")) {
                (Some(s), Some(sent)) if ct_eq(s.as_bytes(), sent.as_bytes()) => Ok(client),
                (None, None) => Ok(client),
                _ => Err(invalid_client),
            }
        }
    }
}

/// RFC 7636 §4.1: 43-128 characters of `[A-Za-z0-9-._~]`.
fn is_code_verifier(v: &str) -> bool {
    (43..=128).contains(&v.len())
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// `POST /oauth2/token`.
pub async fn token(State(app): CognitoState, headers: HeaderMap, body: Body) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return unreadable_body(&rejection),
    };
    match handle(&app, &headers, &body) {
        Ok(v) => json(StatusCode::OK, &v),
        Err(e) => e.into_response(StatusCode::BAD_REQUEST),
    }
}

fn handle(app: &App, headers: &HeaderMap, body: &[u8]) -> Result<Value, TokenError> {
    if !is_form(headers) {
        return Err(terr(
            "invalid_request",
            Some("Content-Type must be application/x-www-form-urlencoded"),
        ));
    }
    let form = Params::parse(body).map_err(|_| terr("invalid_request", Some("duplicate parameter")))?;
    let grant_type = form
        .get("grant_type")
        .ok_or(terr("invalid_request", Some("grant_type is required")))?;
    let client = authenticate_client(&app.served, headers, &form)?;
    match grant_type {
        "authorization_code" => authorization_code(app, client, &form),
        "refresh_token" => refresh(app, client, &form),
        "client_credentials" => client_credentials(app, client, &form),
        _ => Err(terr("unsupported_grant_type", None)),
    }
}

fn server_error() -> TokenError {
    terr("server_error", None)
}

fn authorization_code(app: &App, client: &Client, form: &Params) -> Result<Value, TokenError> {
    if !client.allows(OAuthFlow::Code) {
        return Err(terr("unauthorized_client", None));
    }
    let code = form
        .get("code")
        .ok_or(terr("invalid_request", Some("code is required")))?;
    let redirect_uri = form
        .get("redirect_uri")
        .ok_or(terr("invalid_request", Some("redirect_uri is required")))?;
    let now = app.now();
    // Taken out of the store at first presentation: single use even when the request fails below.
    let stored = app.store().codes.remove(&token_key(code));
    let stored = stored.filter(|c| c.expires_at > now && c.grant.client_id == client.id);
    let stored = stored.ok_or(terr("invalid_grant", None))?;
    if stored.redirect_uri != redirect_uri {
        return Err(terr("unauthorized_client", Some("invalid_redirect")));
    }
    if let Some(challenge) = &stored.code_challenge {
        let verifier = form
            .get("code_verifier")
            .ok_or(terr("invalid_grant", Some("code_verifier is required")))?;
        if !is_code_verifier(verifier) || !ct_eq(pkce_s256(verifier).as_bytes(), challenge.as_bytes()) {
            return Err(terr("invalid_grant", None));
        }
    }
    check_readable(client, &stored.grant)?;
    let user = app
        .store()
        .users
        .get(&stored.grant.username.to_lowercase())
        .cloned()
        .ok_or(terr("invalid_grant", None))?;
    let origin_jti = random_uuid().map_err(|_| server_error())?;
    let refresh_token = random_token().map_err(|_| server_error())?;
    let tokens = issue_tokens(
        app,
        client,
        &user,
        &stored.grant,
        Some(&origin_jti),
        stored.grant.nonce.as_deref(),
    )
    .map_err(|_| server_error())?;
    let family = Grant {
        nonce: None,
        ..stored.grant
    };
    {
        let mut store = app.store();
        store.purge(now);
        store.refresh.insert(
            token_key(&refresh_token),
            RefreshRecord {
                grant: family,
                origin_jti,
                expires_at: now + client.lifetime(TokenKind::Refresh).as_secs(),
                rotated_out_at: None,
            },
        );
    }
    Ok(response(tokens, Some(&refresh_token)))
}

/// cognito-facts §1.2: `invalid_grant` when the client cannot read an attribute a granted scope needs.
fn check_readable(client: &Client, grant: &Grant) -> Result<(), TokenError> {
    let Some(read) = client.read_attributes() else {
        return Ok(());
    };
    let readable = |a: &str| read.contains(&a);
    if (grant.has_scope("email") && !readable("email_verified"))
        || (grant.has_scope("phone") && !readable("phone_number_verified"))
    {
        return Err(terr("invalid_grant", None));
    }
    Ok(())
}

fn response(tokens: super::IssuedTokens, refresh_token: Option<&str>) -> Value {
    let mut v = json!({
        "access_token": tokens.access_token,
        "expires_in": tokens.expires_in,
        "token_type": "Bearer",
    });
    if let Some(id) = tokens.id_token {
        v["id_token"] = id.into();
    }
    if let Some(r) = refresh_token {
        v["refresh_token"] = r.into();
    }
    v
}

fn refresh(app: &App, client: &Client, form: &Params) -> Result<Value, TokenError> {
    let presented = form
        .get("refresh_token")
        .ok_or(terr("invalid_request", Some("refresh_token is required")))?;
    let now = app.now();
    let rotation = client.rotation();
    let grace = rotation.unwrap_or(0);
    let key = token_key(presented);
    let record = {
        let store = app.store();
        let r = store.refresh.get(&key).cloned();
        r.filter(|r| {
            r.grant.client_id == client.id
                && r.expires_at > now
                && !store.revoked_families.contains(&r.origin_jti)
                && r.rotated_out_at.is_none_or(|t| now < t + grace)
        })
    };
    let record = record.ok_or(terr("invalid_grant", None))?;
    let user = app
        .store()
        .users
        .get(&record.grant.username.to_lowercase())
        .cloned()
        .ok_or(terr("invalid_grant", None))?;
    let tokens = issue_tokens(app, client, &user, &record.grant, Some(&record.origin_jti), None)
        .map_err(|_| server_error())?;
    if rotation.is_none() {
        // Without rotation the response has no refresh_token (cognito-facts §1.2, §8 B15).
        return Ok(response(tokens, None));
    }
    let next = random_token().map_err(|_| server_error())?;
    {
        let mut store = app.store();
        store.purge(now);
        if let Some(old) = store.refresh.get_mut(&key) {
            old.rotated_out_at.get_or_insert(now);
        }
        // The new token keeps the family's remaining lifetime (cognito-facts §3.4).
        store.refresh.insert(
            token_key(&next),
            RefreshRecord {
                rotated_out_at: None,
                ..record
            },
        );
    }
    Ok(response(tokens, Some(&next)))
}

fn client_credentials(app: &App, client: &Client, form: &Params) -> Result<Value, TokenError> {
    if !client.allows(OAuthFlow::ClientCredentials) || !client.is_confidential() {
        return Err(terr("unauthorized_client", None));
    }
    let custom: Vec<&str> = client.custom_scopes().collect();
    // Requested scopes the client isn't allowed are ignored (cognito-facts §1.2).
    let scopes: Vec<String> = match form.get("scope") {
        None => custom.iter().map(|s| (*s).to_owned()).collect(),
        Some(req) => req
            .split(' ')
            .filter(|s| custom.iter().any(|c| c == s))
            .map(str::to_owned)
            .collect(),
    };
    if scopes.is_empty() {
        return Err(terr("invalid_scope", None));
    }
    let now = app.now();
    let ttl = client.lifetime(TokenKind::Access).as_secs();
    let mut claims = serde_json::Map::new();
    claims.insert("sub".into(), client.id.clone().into());
    claims.insert("token_use".into(), "access".into());
    claims.insert("scope".into(), scopes.join(" ").into());
    claims.insert("auth_time".into(), now.into());
    claims.insert("iss".into(), app.issuer.clone().into());
    claims.insert("exp".into(), (now + ttl).into());
    claims.insert("iat".into(), now.into());
    claims.insert("version".into(), 2.into());
    claims.insert("jti".into(), random_uuid().map_err(|_| server_error())?.into());
    claims.insert("client_id".into(), client.id.clone().into());
    let access_token = crate::jwt::sign(&app.access_key, None, &claims).map_err(|_| server_error())?;
    Ok(json!({"access_token": access_token, "expires_in": ttl, "token_type": "Bearer"}))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use axum::http::header::AUTHORIZATION;

    fn config() -> Served {
        crate::served::tests::served(
            "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_id = \"spa\"\n\
             [[clients]]\nclient_id = \"confidential\"\nclient_secret = \"s3cr3t\"\n",
        )
    }

    fn basic(v: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(AUTHORIZATION, HeaderValue::from_static(v));
        h
    }

    fn form(s: &str) -> Params {
        Params::parse(s.as_bytes()).unwrap()
    }

    #[test]
    fn public_client_in_body_only() {
        let c = config();
        assert_eq!(
            authenticate_client(&c, &HeaderMap::new(), &form("client_id=spa"))
                .unwrap()
                .id,
            "spa"
        );
        // spa: (empty secret) in Basic
        assert_eq!(
            authenticate_client(&c, &basic("Basic c3BhOg=="), &form("client_id=spa"))
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            authenticate_client(&c, &HeaderMap::new(), &form("client_id=spa&client_secret=x"))
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            authenticate_client(&c, &HeaderMap::new(), &form("client_id=nope"))
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            authenticate_client(&c, &HeaderMap::new(), &form(""))
                .unwrap_err()
                .error,
            "invalid_request"
        );
    }

    #[test]
    fn secret_client_basic_or_post() {
        let c = config();
        // confidential:s3cr3t
        assert!(authenticate_client(&c, &basic("Basic Y29uZmlkZW50aWFsOnMzY3IzdA=="), &form("")).is_ok());
        assert!(
            authenticate_client(
                &c,
                &HeaderMap::new(),
                &form("client_id=confidential&client_secret=s3cr3t")
            )
            .is_ok()
        );
        assert_eq!(
            authenticate_client(&c, &HeaderMap::new(), &form("client_id=confidential"))
                .unwrap_err()
                .error,
            "invalid_client"
        );
        assert_eq!(
            authenticate_client(
                &c,
                &HeaderMap::new(),
                &form("client_id=confidential&client_secret=wrong")
            )
            .unwrap_err()
            .error,
            "invalid_client"
        );
        // confidential:wrong
        assert_eq!(
            authenticate_client(&c, &basic("Basic Y29uZmlkZW50aWFsOndyb25n"), &form(""))
                .unwrap_err()
                .error,
            "invalid_client"
        );
    }

    #[test]
    fn verifier_syntax() {
        assert!(is_code_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assert!(!is_code_verifier("short"));
        assert!(!is_code_verifier(&"a".repeat(129)));
        assert!(!is_code_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+"));
    }
}
