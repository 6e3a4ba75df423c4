//! `GET /logout` (cognito-facts §1.5): `client_id` + `logout_uri` signs out and redirects there;
//! `client_id` + `redirect_uri` + `response_type` signs out and shows the sign-in page again.

use super::{CognitoState, end_session, error_page_redirect};
use crate::web::{Params, html, redirect, set_cookie, with_query};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

fn required(name: &str) -> Response {
    // The Spring message Cognito shows (cognito-facts §8 C18).
    html(
        StatusCode::BAD_REQUEST,
        crate::html::error_page(&format!("Required String parameter '{name}' is not present")),
    )
}

/// `GET /logout`.
pub async fn logout(State(app): CognitoState, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let Ok(params) = Params::from_query(query.as_deref()) else {
        return error_page_redirect("invalid_request", None);
    };
    let Some(client_id) = params.get("client_id") else {
        return required("client_id");
    };
    let Some(client) = app.served.client(client_id) else {
        return error_page_redirect("invalid_request", Some(client_id));
    };
    // (a) Sign-out redirect: logout_uri must be registered exactly; then every other parameter is ignored.
    if let Some(logout_uri) = params
        .get("logout_uri")
        .filter(|u| client.logout_urls.iter().any(|l| l == u))
    {
        let clear = end_session(&app, &headers);
        return set_cookie(redirect(logout_uri), &clear);
    }
    // (b) Re-login redirect. A logout_uri that did not match falls through here, which is how AWS ends up
    // complaining about redirect_uri (cognito-facts §1.5).
    let Some(redirect_uri) = params.get("redirect_uri") else {
        return required("redirect_uri");
    };
    if !client.callback_urls.iter().any(|u| u == redirect_uri) {
        return error_page_redirect("redirect_mismatch", Some(client_id));
    }
    let Some(response_type) = params.get("response_type") else {
        return required("response_type");
    };
    let mut login = vec![
        ("client_id", client_id),
        ("redirect_uri", redirect_uri),
        ("response_type", response_type),
    ];
    // identity_provider / idp_identifier are not accepted here (cognito-facts §1.5).
    for extra in [
        "state",
        "scope",
        "nonce",
        "code_challenge",
        "code_challenge_method",
    ] {
        if let Some(v) = params.get(extra) {
            login.push((extra, v));
        }
    }
    let clear = end_session(&app, &headers);
    set_cookie(redirect(&with_query("/login", &login)), &clear)
}
