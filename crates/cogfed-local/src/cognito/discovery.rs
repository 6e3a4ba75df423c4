//! The issuer path: `/{poolId}/.well-known/openid-configuration` and `/{poolId}/.well-known/jwks.json`
//! (cognito-facts §1.7).

use super::CognitoState;
use crate::web::json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

/// The discovery document, shaped like the real one: the same fields, and notably no
/// `code_challenge_methods_supported` although S256 PKCE works (cognito-facts §1.7, §8 B14).
pub async fn openid_configuration(State(app): CognitoState) -> Response {
    let domain = &app.cognito_base;
    let doc = json!({
        "authorization_endpoint": format!("{domain}/oauth2/authorize"),
        "end_session_endpoint": format!("{domain}/logout"),
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": app.issuer,
        "jwks_uri": format!("{}/.well-known/jwks.json", app.issuer),
        "response_types_supported": ["code", "token"],
        "revocation_endpoint": format!("{domain}/oauth2/revoke"),
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint": format!("{domain}/oauth2/token"),
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "userinfo_endpoint": format!("{domain}/oauth2/userInfo"),
    });
    json(StatusCode::OK, &doc)
}

/// Two RSA keys: ID tokens are signed under one kid, access tokens under the other.
pub async fn jwks(State(app): CognitoState) -> Response {
    let keys = [
        app.id_key.public_jwk().to_json(),
        app.access_key.public_jwk().to_json(),
    ];
    json(StatusCode::OK, &json!({ "keys": keys }))
}
