//! `POST /oauth2/revoke` (cognito-facts §1.4): revokes a refresh token and everything issued from it.

use super::CognitoState;
use super::token::authenticate_client;
use crate::crypto::token_key;
use crate::web::{Body, Params, is_form, oauth_error, unreadable_body};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

fn ok() -> Response {
    // 200 with an empty body, also for unknown tokens (cognito-facts §1.4).
    let mut r = StatusCode::OK.into_response();
    r.headers_mut()
        .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// `POST /oauth2/revoke`.
pub async fn revoke(State(app): CognitoState, headers: HeaderMap, body: Body) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return unreadable_body(&rejection),
    };
    let form = match is_form(&headers).then(|| Params::parse(&body)) {
        Some(Ok(f)) => f,
        _ => return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", None),
    };
    let client = match authenticate_client(&app.served, &headers, &form) {
        Ok(c) => c,
        // cognito-facts §1.4: failed client authentication is 401 here.
        Err(e) if e.error == "invalid_client" => {
            return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", None);
        }
        Err(e) => return oauth_error(StatusCode::BAD_REQUEST, e.error, e.description),
    };
    let Some(token) = form.get("token") else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", None);
    };
    if !client.revocation_enabled() {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_request", None);
    }
    // Access and ID tokens are JWS; only refresh tokens can be revoked (cognito-facts §8 C22).
    if crate::jwt::parse(token).is_ok() {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_token_type", None);
    }
    let mut store = app.store();
    let Some(record) = store.refresh.get(&token_key(token)).cloned() else {
        return ok();
    };
    if record.grant.client_id != client.id {
        // Revocation needs the client that obtained the token (cognito-facts §1.4).
        return oauth_error(StatusCode::BAD_REQUEST, "unauthorized_client", None);
    }
    store.revoked_families.insert(record.origin_jti.clone());
    store.refresh.retain(|_, r| r.origin_jti != record.origin_jti);
    drop(store);
    ok()
}
