//! Federation on the Cognito side: `/oauth2/authorize?identity_provider=X` sends the browser to the IdP, and
//! `GET /oauth2/idpresponse` brings it back (cognito-facts §1.6). Every failure after the IdP was chosen
//! redirects to the app with `error=invalid_request&error_description=<Cognito's text>&state=...`.

use super::request::{AuthorizeRequest, app_error_url};
use super::{CognitoState, complete_sign_in, start_session};
use crate::Side;
use crate::app::App;
use crate::crypto::{random_token, random_uuid, token_key};
use crate::federation::{self, FederationError, IdTokenExpectations, MappedProfile};
use crate::served::Idp;
use crate::state::{FederatedIdentity, FederationTxn, UserRecord};
use crate::web::{Params, html, redirect, set_cookie, with_query};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

/// The whole federation round trip must finish within 5 minutes (cognito-facts §5.3).
const FEDERATION_SECONDS: u64 = 300;

fn to_app(req: &AuthorizeRequest, description: &str) -> Response {
    redirect(&app_error_url(
        &req.redirect_uri,
        req.state.as_deref(),
        "invalid_request",
        Some(description),
    ))
}

/// Cognito's callback URL that the IdP must have registered.
pub fn idpresponse_url(app: &App) -> String {
    format!("{}/oauth2/idpresponse", app.cognito_base)
}

/// Redirects the browser to the IdP's authorization endpoint.
pub async fn start_federation(app: &App, req: AuthorizeRequest, provider_name: &str) -> Response {
    let Some(idp) = app.served.idp(provider_name) else {
        return to_app(&req, "Login option is not available");
    };
    let endpoints = match federation::resolve_endpoints(&app.http, idp).await {
        Ok(e) => e,
        Err(e) => return to_app(&req, &e.0),
    };
    let (Ok(state), Ok(generated_nonce)) = (random_token(), random_token()) else {
        return to_app(&req, "server_error");
    };
    // Cognito forwards the app's nonce, or makes and checks its own (cognito-facts §1.1).
    let upstream_nonce = req.nonce.clone().unwrap_or(generated_nonce);
    let callback = idpresponse_url(app);
    let mut pairs = vec![
        ("client_id", idp.detail("client_id").unwrap_or_default()),
        ("redirect_uri", callback.as_str()),
        ("response_type", "code"),
        ("scope", idp.detail("authorize_scopes").unwrap_or("openid")),
        ("state", state.as_str()),
        ("nonce", upstream_nonce.as_str()),
    ];
    // login_hint is forwarded to OIDC IdPs, and every prompt value but none (cognito-facts §1.1).
    if let Some(h) = &req.login_hint {
        pairs.push(("login_hint", h));
    }
    if let Some(p) = &req.prompt.forward {
        pairs.push(("prompt", p));
    }
    let location = with_query(&endpoints.authorize, &pairs);
    let now = app.now();
    {
        let mut store = app.store();
        store.purge(now);
        store.federation.insert(
            token_key(&state),
            FederationTxn {
                request: req,
                provider_name: provider_name.to_owned(),
                upstream_nonce,
                endpoints,
                expires_at: now + FEDERATION_SECONDS,
            },
        );
    }
    redirect(&location)
}

/// `GET /oauth2/idpresponse?code&state` (or `?error`).
pub async fn idpresponse(State(app): CognitoState, RawQuery(query): RawQuery) -> Response {
    let params = Params::from_query(query.as_deref()).unwrap_or_default();
    let now = app.now();
    let txn = params
        .get("state")
        .and_then(|s| app.store().federation.remove(&token_key(s)))
        .filter(|t| t.expires_at > now);
    let Some(txn) = txn else {
        // No app to send the user back to: an unknown, replayed or expired state.
        return html(
            StatusCode::BAD_REQUEST,
            crate::html::error_page("invalid_request"),
        );
    };
    let Some(idp) = app.served.idp(&txn.provider_name) else {
        return to_app(&txn.request, "Login option is not available");
    };
    if let Some(error) = params.get("error") {
        let detail = params
            .get("error_description")
            .map(|d| format!("{error} {d}"))
            .unwrap_or(error.to_owned());
        return to_app(&txn.request, &format!("{} Error - {detail}", idp.name));
    }
    let Some(code) = params.get("code") else {
        return to_app(
            &txn.request,
            &format!("{} Error - no code in idp response", idp.name),
        );
    };
    match federate(&app, idp, &txn, code).await {
        Ok(username) => {
            let auth_time = app.now();
            let Ok(cookie) = start_session(&app, &username, &txn.provider_name, auth_time) else {
                return to_app(&txn.request, "server_error");
            };
            // Without a nonce of the app's, the ID token carries the one Cognito generated and checked with
            // the IdP (cognito-facts §1.1, §3.2).
            let FederationTxn {
                mut request,
                upstream_nonce,
                ..
            } = txn;
            request.nonce.get_or_insert(upstream_nonce);
            set_cookie(complete_sign_in(&app, &request, &username, auth_time), &cookie)
        }
        Err(e) => to_app(&txn.request, &e.0),
    }
}

/// Redeems the IdP code, verifies the IdP's tokens, reads userinfo, maps attributes and stores the federated
/// profile. Returns its Cognito username.
async fn federate(app: &App, idp: &Idp, txn: &FederationTxn, code: &str) -> Result<String, FederationError> {
    let e = &txn.endpoints;
    let tokens = federation::redeem_code(&app.http, idp, &e.token, code, &idpresponse_url(app)).await?;
    let keys = federation::fetch_jwks(&app.http, &e.jwks).await?;
    let expect = IdTokenExpectations {
        issuer: idp.detail("oidc_issuer").unwrap_or_default(),
        client_id: idp.detail("client_id").unwrap_or_default(),
        nonce: &txn.upstream_nonce,
        now: app.now(),
    };
    let mut claims = federation::verify_id_token(&tokens.id_token, &keys, &expect)?;
    let id_sub = claims.get("sub").cloned();
    if !e.userinfo.is_empty() {
        let info = federation::fetch_userinfo(&app.http, idp, &e.userinfo, &tokens.access_token).await?;
        // OIDC Core §5.3.2: userinfo must be about the same subject.
        if info.get("sub").is_some_and(|s| Some(s) != id_sub.as_ref()) {
            return Err(FederationError("userinfo sub does not match id_token sub".into()));
        }
        claims.extend(info);
    }
    let username_prefix = &idp.name;
    let idp_sub = claims
        .get("sub")
        .and_then(|s| s.as_str())
        .unwrap_or_default()
        .to_owned();
    let username = format!("{username_prefix}_{idp_sub}");
    let existing = app
        .store()
        .users
        .get(&username.to_lowercase())
        .map(|u| u.attributes.clone());
    let profile = federation::map_attributes(idp, &app.served.pool, &claims, existing.as_ref())?;
    store_profile(app, idp, txn, &username, profile, existing.is_some())?;
    Ok(username)
}

/// Creates or updates the federated profile (cognito-facts §5.4): attributes are updated at every sign-in,
/// never removed; immutable attributes can only be set once; attributes the client cannot write are skipped.
fn store_profile(
    app: &App,
    idp: &Idp,
    txn: &FederationTxn,
    username: &str,
    profile: MappedProfile,
    exists: bool,
) -> Result<(), FederationError> {
    let client = app.served.client(&txn.request.client_id);
    let writable = |a: &str| {
        client
            .and_then(|c| c.write_attributes())
            .is_none_or(|w| w.contains(&a))
    };
    let mut accepted = std::collections::BTreeMap::new();
    for (name, value) in profile.attributes {
        if !writable(&name) {
            app.warn(
                Side::Cognito,
                format!(
                    "{}: attribute {name} mapped but not in the client's write_attributes; skipped",
                    idp.name
                ),
            );
            continue;
        }
        if exists && app.served.pool.is_immutable(&name) {
            return Err(FederationError(format!(
                "Invalid user attributes: {name}: Attribute cannot be updated."
            )));
        }
        accepted.insert(name, value);
    }
    let now_ms = app.clock.unix_millis();
    let sub = random_uuid().map_err(|_| FederationError("server_error".into()))?;
    let mut store = app.store();
    let record = store
        .users
        .entry(username.to_lowercase())
        .or_insert_with(|| UserRecord {
            username: username.to_owned(),
            sub,
            password: None,
            attributes: Default::default(),
            // The automatic per-IdP group (cognito-facts §3.2).
            groups: vec![format!("{}_{}", app.served.pool.id, idp.name)],
            identity: Some(FederatedIdentity {
                user_id: profile.idp_sub.clone(),
                provider_name: idp.name.clone(),
                provider_type: idp.provider_type().to_owned(),
                date_created: now_ms,
            }),
        });
    record.attributes.extend(accepted);
    Ok(())
}
