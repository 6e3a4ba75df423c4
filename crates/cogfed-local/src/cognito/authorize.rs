//! `GET /oauth2/authorize` (cognito-facts §1.1): the request is checked by the pure
//! [`parse_authorize`](super::request::parse_authorize); a good one goes to the session, the sign-in page or
//! the chosen IdP.

use super::request::{Rejection, app_error_url, parse_authorize};
use super::{CognitoState, complete_sign_in, current_session, error_page_redirect};
use crate::web::{Params, html, redirect};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// The response for a rejection.
pub fn rejection_response(r: Rejection) -> Response {
    match r {
        Rejection::ErrorPage { error, client_id } => error_page_redirect(error, client_id.as_deref()),
        Rejection::LoginOptionUnavailable => html(
            StatusCode::BAD_REQUEST,
            crate::html::error_page("Login option is not available. Please try another one"),
        ),
        Rejection::ToApp {
            redirect_uri,
            state,
            error,
            description,
        } => redirect(&app_error_url(
            &redirect_uri,
            state.as_deref(),
            error,
            description.as_deref(),
        )),
    }
}

/// `GET /oauth2/authorize`.
pub async fn authorize(State(app): CognitoState, headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let Ok(params) = Params::from_query(query.as_deref()) else {
        return error_page_redirect("invalid_request", None);
    };
    let req = match parse_authorize(&params, &app.served) {
        Ok(r) => r,
        Err(r) => return rejection_response(r),
    };
    let session = current_session(&app, &headers);
    // A session counts only if it came from the provider the app asked for (cognito-facts §8 A5).
    let fitting = session.filter(|s| req.identity_provider.as_ref().is_none_or(|p| *p == s.provider));
    if req.prompt.none {
        return match fitting {
            Some(s) => complete_sign_in(&app, &req, &s.username, s.auth_time),
            None => redirect(&app_error_url(
                &req.redirect_uri,
                req.state.as_deref(),
                "login_required",
                None,
            )),
        };
    }
    if let Some(s) = fitting.filter(|_| !req.prompt.login) {
        return complete_sign_in(&app, &req, &s.username, s.auth_time);
    }
    match req.identity_provider.clone() {
        Some(idp) if idp != "COGNITO" => super::idpresponse::start_federation(&app, req, &idp).await,
        _ => redirect(&format!("/login?{}", params.to_query())),
    }
}
