//! `GET /oauth2/userInfo` (cognito-facts §1.3): a Bearer access token from the token endpoint carrying
//! `openid`; answers the visible attributes with the verified flags as strings.

use super::CognitoState;
use crate::app::App;
use crate::claims::userinfo_claims;
use crate::jwt;
use crate::web::{bearer, json};
use axum::http::header::{HeaderValue, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

/// Cognito's description for a token it will not honour (cognito-facts §1.3).
pub const INVALID_TOKEN: &str =
    "Access token is expired, disabled, or deleted, or the user has globally signed out.";

fn challenge(status: StatusCode, error: &str, description: &str) -> Response {
    let mut r = json(
        status,
        &serde_json::json!({"error": error, "error_description": description}),
    );
    let value = format!("Bearer error=\"{error}\", error_description=\"{description}\"");
    if let Ok(v) = HeaderValue::from_str(&value) {
        r.headers_mut().insert(WWW_AUTHENTICATE, v);
    }
    r
}

/// Verifies one of our access tokens: signature under the access key, `token_use`, issuer, expiry, and its
/// family not revoked. Returns the claims.
pub fn verify_access_token(app: &App, token: &str) -> Option<Map<String, Value>> {
    let claims = jwt::parse(token)
        .ok()?
        .verify(&[app.access_key.public_jwk()])
        .ok()?;
    let str_claim = |k: &str| claims.get(k).and_then(Value::as_str);
    let valid = str_claim("token_use") == Some("access")
        && str_claim("iss") == Some(app.issuer.as_str())
        && claims
            .get("exp")
            .and_then(Value::as_u64)
            .is_some_and(|exp| exp > app.now());
    if !valid {
        return None;
    }
    if let Some(origin) = str_claim("origin_jti")
        && app.store().revoked_families.contains(origin)
    {
        return None;
    }
    Some(claims)
}

/// `GET /oauth2/userInfo`.
pub async fn userinfo(axum::extract::State(app): CognitoState, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return challenge(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Bad OAuth2 request at UserInfo Endpoint",
        );
    };
    let Some(claims) = verify_access_token(&app, &token) else {
        return challenge(StatusCode::UNAUTHORIZED, "invalid_token", INVALID_TOKEN);
    };
    let scopes: Vec<String> = claims
        .get("scope")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .split(' ')
        .map(str::to_owned)
        .collect();
    if !scopes.iter().any(|s| s == "openid") {
        // Seen in the wild: "Access token does not contain openid scope" (cognito-facts §1.3).
        return challenge(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "Access token does not contain openid scope",
        );
    }
    let username = claims
        .get("username")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_lowercase();
    let client_id = claims
        .get("client_id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let user = app.store().users.get(&username).cloned();
    let (Some(user), Some(client)) = (user, app.served.client(client_id)) else {
        return challenge(StatusCode::UNAUTHORIZED, "invalid_token", INVALID_TOKEN);
    };
    json(
        StatusCode::OK,
        &Value::Object(userinfo_claims(&user, &scopes, client)),
    )
}
