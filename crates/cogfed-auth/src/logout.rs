//! Logout URLs. Cognito's `/logout` is not OIDC RP-initiated logout: it wants `client_id` + `logout_uri`
//! (sign-out redirect) or `client_id` + `redirect_uri` + `response_type` (re-login redirect) and ignores
//! `post_logout_redirect_uri`/`id_token_hint` (cognito-facts §1.5, §8.C18-19). It must be a top-level
//! navigation, never a fetch (§8.C21).

use crate::url::{AbsoluteUrl, UrlError, with_query};

/// Why a logout URL could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogoutError {
    /// A required parameter is empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// A URL parameter is malformed.
    #[error("{field}: {source}")]
    Url {
        /// Which parameter.
        field: &'static str,
        /// What is wrong.
        source: UrlError,
    },
    /// A URL is http on a non-loopback host.
    #[error("{0} must use https (http only on localhost, 127.0.0.1 or [::1])")]
    Insecure(&'static str),
}

fn check_url(value: &str, field: &'static str) -> Result<(), LogoutError> {
    let url = AbsoluteUrl::parse(value).map_err(|source| LogoutError::Url { field, source })?;
    if url.is_secure_or_loopback() {
        Ok(())
    } else {
        Err(LogoutError::Insecure(field))
    }
}

/// Cognito sign-out redirect: `{logout_endpoint}?client_id=…&logout_uri=…`. `logout_uri` must be one of the
/// client's LogoutURLs, byte for byte.
pub fn cognito_logout_url(
    logout_endpoint: &str,
    client_id: &str,
    logout_uri: &str,
) -> Result<String, LogoutError> {
    check_url(logout_endpoint, "logout endpoint")?;
    if client_id.is_empty() {
        return Err(LogoutError::Empty("client_id"));
    }
    check_url(logout_uri, "logout_uri")?;
    Ok(with_query(
        logout_endpoint,
        &[("client_id", client_id), ("logout_uri", logout_uri)],
    ))
}

/// The parameters of Cognito's re-login form of `/logout` (sign out, then straight back to sign-in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloginRequest<'a> {
    /// The app client id.
    pub client_id: &'a str,
    /// A registered **callback** URL (not a logout URL).
    pub redirect_uri: &'a str,
    /// Single-use state of the new transaction.
    pub state: &'a str,
    /// Nonce of the new transaction.
    pub nonce: &'a str,
    /// Scopes; empty means all of the client's scopes.
    pub scopes: &'a [String],
}

/// Cognito re-login redirect: `{logout_endpoint}?client_id&redirect_uri&response_type=code&state&nonce[&scope]`.
/// Cognito forwards these to `/login`; `identity_provider` is not accepted here (cognito-facts §1.5).
pub fn cognito_relogin_url(
    logout_endpoint: &str,
    request: &ReloginRequest<'_>,
) -> Result<String, LogoutError> {
    check_url(logout_endpoint, "logout endpoint")?;
    for (value, field) in [
        (request.client_id, "client_id"),
        (request.state, "state"),
        (request.nonce, "nonce"),
    ] {
        if value.is_empty() {
            return Err(LogoutError::Empty(field));
        }
    }
    check_url(request.redirect_uri, "redirect_uri")?;
    let scope = request.scopes.join(" ");
    let mut pairs = vec![
        ("client_id", request.client_id),
        ("redirect_uri", request.redirect_uri),
        ("response_type", "code"),
        ("state", request.state),
        ("nonce", request.nonce),
    ];
    if !scope.is_empty() {
        pairs.push(("scope", &scope));
    }
    Ok(with_query(logout_endpoint, &pairs))
}

/// OIDC RP-Initiated Logout for standard providers: `post_logout_redirect_uri`, `client_id` and, when
/// known, `id_token_hint`.
pub fn rp_initiated_logout_url(
    end_session_endpoint: &str,
    client_id: &str,
    post_logout_redirect_uri: &str,
    id_token_hint: Option<&str>,
) -> Result<String, LogoutError> {
    check_url(end_session_endpoint, "end_session_endpoint")?;
    if client_id.is_empty() {
        return Err(LogoutError::Empty("client_id"));
    }
    check_url(post_logout_redirect_uri, "post_logout_redirect_uri")?;
    let mut pairs = vec![
        ("client_id", client_id),
        ("post_logout_redirect_uri", post_logout_redirect_uri),
    ];
    if let Some(hint) = id_token_hint {
        pairs.push(("id_token_hint", hint));
    }
    Ok(with_query(end_session_endpoint, &pairs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognito_signout_form() {
        let url = cognito_logout_url(
            "https://d.auth.eu-west-1.amazoncognito.com/logout",
            "abc",
            "https://app.example.com/bye?x=1",
        )
        .unwrap();
        assert_eq!(
            url,
            "https://d.auth.eu-west-1.amazoncognito.com/logout?client_id=abc&logout_uri=https%3A%2F%2Fapp.example.com%2Fbye%3Fx%3D1"
        );
        assert_eq!(
            cognito_logout_url("https://d/logout", "", "https://a/"),
            Err(LogoutError::Empty("client_id"))
        );
        assert_eq!(
            cognito_logout_url("https://d/logout", "c", "http://a.example/"),
            Err(LogoutError::Insecure("logout_uri"))
        );
    }

    #[test]
    fn cognito_relogin_form() {
        let scopes = vec!["openid".to_owned(), "email".to_owned()];
        let r = ReloginRequest {
            client_id: "c",
            redirect_uri: "http://localhost:8080/cb",
            state: "s",
            nonce: "n",
            scopes: &scopes,
        };
        assert_eq!(
            cognito_relogin_url("https://d/logout", &r).unwrap(),
            "https://d/logout?client_id=c&redirect_uri=http%3A%2F%2Flocalhost%3A8080%2Fcb&response_type=code&state=s&nonce=n&scope=openid%20email"
        );
    }

    #[test]
    fn rp_initiated_form() {
        let url = rp_initiated_logout_url("https://op/end", "c", "https://app/", Some("t.t.t")).unwrap();
        assert_eq!(
            url,
            "https://op/end?client_id=c&post_logout_redirect_uri=https%3A%2F%2Fapp%2F&id_token_hint=t.t.t"
        );
    }
}
