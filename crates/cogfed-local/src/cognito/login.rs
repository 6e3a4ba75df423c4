//! `GET/POST /login`: the hosted UI sign-in page. It takes every authorize parameter (cognito-facts §1.0) and
//! checks them again, so a forged `/login` URL is refused exactly like a forged authorize request.

use super::authorize::rejection_response;
use super::request::{AuthorizeRequest, Rejection, parse_authorize};
use super::{CognitoState, complete_sign_in, start_session};
use crate::app::App;
use crate::crypto::{ct_eq, random_token, token_key, verify_off_thread};
use crate::html::{IdpButton, LoginPage, login_page};
use crate::web::{Body, Params, cookie, html, is_form, set_cookie};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

/// Name of the CSRF cookie the form token must match (Cognito's hosted UI uses the same name).
const CSRF_COOKIE: &str = "XSRF-TOKEN";
const CSRF_SECONDS: u64 = 600;
/// Cognito's message for a wrong username or password; the same for both, so users cannot be enumerated.
pub const BAD_CREDENTIALS: &str = "Incorrect username or password.";

fn parse(query: Option<&str>, app: &App) -> Result<AuthorizeRequest, Box<Response>> {
    let params = Params::from_query(query)
        .map_err(|_| Box::new(super::error_page_redirect("invalid_request", None)))?;
    parse_authorize(&params, &app.served).map_err(|r| Box::new(rejection_response(r)))
}

/// Renders the page with a fresh single-use CSRF token, also set as the `XSRF-TOKEN` cookie.
fn render(
    app: &App,
    req: &AuthorizeRequest,
    status: StatusCode,
    error: Option<&str>,
    username: &str,
) -> Response {
    let Ok(csrf) = random_token() else {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::html::error_page("server_error"),
        );
    };
    let now = app.now();
    {
        let mut store = app.store();
        store.purge(now);
        store.csrf.insert(token_key(&csrf), now + CSRF_SECONDS);
    }
    let client = app.served.client(&req.client_id);
    let supports = |name: &str| client.is_some_and(|c| c.supports(name));
    let only_local = req.identity_provider.as_deref() == Some("COGNITO");
    let idp_buttons = if only_local {
        vec![]
    } else {
        app.served
            .idps
            .iter()
            .filter(|p| p.is_oidc() && supports(&p.name))
            .map(|p| {
                let mut params = req.params.clone();
                params.remove("idp_identifier");
                params.set("identity_provider", p.name.clone());
                IdpButton {
                    provider_name: p.name.clone(),
                    params: params.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect(),
                }
            })
            .collect()
    };
    let page = LoginPage {
        action: format!("/login?{}", req.params.to_query()),
        csrf: csrf.clone(),
        show_local_form: supports("COGNITO"),
        username: username.to_owned(),
        error: error.map(str::to_owned),
        idp_buttons,
    };
    set_cookie(
        html(status, login_page(&page)),
        &format!("{CSRF_COOKIE}={csrf}; Path=/; HttpOnly; SameSite=Lax"),
    )
}

/// `GET /login`.
pub async fn show(State(app): CognitoState, RawQuery(query): RawQuery) -> Response {
    match parse(query.as_deref(), &app) {
        Ok(req) => {
            let hint = req.login_hint.clone().unwrap_or_default();
            render(&app, &req, StatusCode::OK, None, &hint)
        }
        Err(resp) => *resp,
    }
}

/// `POST /login`: checks the CSRF token and the password, then opens the session and redirects with a code.
pub async fn submit(
    State(app): CognitoState,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    body: Body,
) -> Response {
    let req = match parse(query.as_deref(), &app) {
        Ok(r) => r,
        Err(resp) => return *resp,
    };
    let local_allowed = app
        .served
        .client(&req.client_id)
        .is_some_and(|c| c.supports("COGNITO"));
    if !local_allowed {
        return rejection_response(Rejection::LoginOptionUnavailable);
    }
    // An unreadable body (an oversized one) is a malformed sign-in like any other, on the hosted UI's page.
    let form = match body.ok().filter(|_| is_form(&headers)).map(|b| Params::parse(&b)) {
        Some(Ok(f)) => f,
        _ => {
            return render(
                &app,
                &req,
                StatusCode::BAD_REQUEST,
                Some("The sign-in request was malformed."),
                "",
            );
        }
    };
    let username = form.get("username").unwrap_or_default().trim().to_owned();

    // Double-submit CSRF: the form token must be one we issued (single use) and equal the cookie.
    let submitted = form.get("_csrf").unwrap_or_default();
    let issued = app
        .store()
        .csrf
        .remove(&token_key(submitted))
        .is_some_and(|exp| exp > app.now());
    let matches_cookie =
        cookie(&headers, CSRF_COOKIE).is_some_and(|c| ct_eq(c.as_bytes(), submitted.as_bytes()));
    if !issued || !matches_cookie {
        return render(
            &app,
            &req,
            StatusCode::FORBIDDEN,
            Some("Your sign-in form expired. Please try again."),
            &username,
        );
    }

    let password = form.get("password").unwrap_or_default().to_owned();
    let username_attributes: Vec<&str> = app.served.pool.username_attributes().collect();
    let found = app
        .store()
        .find_user(&username, &username_attributes)
        .filter(|u| u.password.is_some())
        .map(|u| (u.username.clone(), u.password.clone()));
    let (canonical, hash) = match found {
        Some((name, Some(hash))) => (Some(name), hash),
        _ => (None, app.dummy_hash.clone()),
    };
    if !verify_off_thread(hash, password).await {
        return render(&app, &req, StatusCode::OK, Some(BAD_CREDENTIALS), &username);
    }
    let Some(canonical) = canonical else {
        return render(&app, &req, StatusCode::OK, Some(BAD_CREDENTIALS), &username);
    };
    let auth_time = app.now();
    let Ok(session_cookie) = start_session(&app, &canonical, "COGNITO", auth_time) else {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::html::error_page("server_error"),
        );
    };
    set_cookie(
        complete_sign_in(&app, &req, &canonical, auth_time),
        &session_cookie,
    )
}
