//! Token endpoint (cognito-facts §1.2) and revocation endpoint (§1.4) for a **public** client.
//!
//! Request builders put `client_id` in the form body and never send an `Authorization` header: Cognito
//! rejects a Basic header with an empty secret (§8.B8), and a browser must not hold a secret (B2 item 4).
//! Revocation takes the refresh token only (§8.C22), which the types enforce: [`revoke_request`] accepts a
//! [`RefreshToken`], nothing else.

use crate::io::{HttpMethod, HttpRequest, HttpResponse};
use crate::json::{Object, Value};
use crate::pkce::CodeVerifier;

/// An opaque refresh token (Cognito's is an encrypted JWE: never parse it, cognito-facts §3.1).
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct RefreshToken(pub String);

impl std::fmt::Debug for RefreshToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshToken(..)")
    }
}

fn form_post(url: &str, pairs: &[(&str, &str)]) -> HttpRequest {
    HttpRequest {
        method: HttpMethod::Post,
        url: url.to_owned(),
        headers: vec![
            ("Content-Type".into(), "application/x-www-form-urlencoded".into()),
            ("Accept".into(), "application/json".into()),
        ],
        body: Some(crate::url::form_body(pairs)),
    }
}

/// `grant_type=authorization_code` with `code_verifier`, `redirect_uri` (identical to the authorize
/// request's, §8.B11) and `client_id` in the body.
pub fn authorization_code_request(
    token_endpoint: &str,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    code_verifier: &CodeVerifier,
) -> HttpRequest {
    form_post(
        token_endpoint,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", client_id),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("code_verifier", code_verifier.as_str()),
        ],
    )
}

/// `grant_type=refresh_token` with `client_id` in the body and an optional narrower `scope`.
pub fn refresh_token_request(
    token_endpoint: &str,
    client_id: &str,
    refresh_token: &RefreshToken,
    scope: Option<&str>,
) -> HttpRequest {
    let mut pairs = vec![
        ("grant_type", "refresh_token"),
        ("client_id", client_id),
        ("refresh_token", refresh_token.0.as_str()),
    ];
    if let Some(scope) = scope {
        pairs.push(("scope", scope));
    }
    form_post(token_endpoint, &pairs)
}

/// Revocation of a refresh token (and every token issued from it): `token` + `client_id`.
pub fn revoke_request(
    revocation_endpoint: &str,
    client_id: &str,
    refresh_token: &RefreshToken,
) -> HttpRequest {
    form_post(
        revocation_endpoint,
        &[("token", refresh_token.0.as_str()), ("client_id", client_id)],
    )
}

/// A successful token response (RFC 6749 §5.1, Cognito shapes of §1.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenResponse {
    /// The access token.
    pub access_token: String,
    /// The ID token (only when `openid` was granted).
    pub id_token: Option<String>,
    /// A refresh token: from the code grant, or from a refresh only when rotation is on.
    pub refresh_token: Option<RefreshToken>,
    /// `Bearer` (compared case-insensitively, RFC 6749 §5.1).
    pub token_type: String,
    /// Lifetime of the access token in seconds, if given.
    pub expires_in: Option<u64>,
    /// Granted scopes, if given.
    pub scope: Option<String>,
}

/// An OAuth error body: `{"error": ..., "error_description": ...}` (RFC 6749 §5.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthErrorBody {
    /// HTTP status of the response.
    pub status: u16,
    /// `error`, e.g. `invalid_grant`.
    pub error: String,
    /// `error_description`.
    pub error_description: Option<String>,
    /// `error_uri`.
    pub error_uri: Option<String>,
}

impl std::fmt::Display for OAuthErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.error)?;
        if let Some(d) = &self.error_description {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

/// Why a token or revocation response was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The endpoint answered with an OAuth error.
    #[error("token endpoint error: {0}")]
    Endpoint(OAuthErrorBody),
    /// The endpoint answered with something that is neither a token response nor an OAuth error.
    #[error("unexpected response (HTTP {status}): {detail}")]
    Malformed {
        /// HTTP status.
        status: u16,
        /// What was wrong.
        detail: String,
    },
    /// `token_type` is not Bearer.
    #[error("token_type {} is not Bearer", crate::text::quoted(.0))]
    TokenType(String),
}

fn malformed(status: u16, detail: impl Into<String>) -> TokenError {
    TokenError::Malformed {
        status,
        detail: detail.into(),
    }
}

fn optional_string(object: Object, name: &str, status: u16) -> Result<Option<String>, TokenError> {
    object
        .string(name)
        .map(|s| s.map(|s| s.into_owned()))
        .map_err(|detail| malformed(status, detail))
}

/// Reads an OAuth error body from a non-2xx response, or explains why it is not one.
pub fn parse_error_body(response: &HttpResponse) -> TokenError {
    let status = response.status;
    let object = match crate::json::parse_object(response.body.as_bytes()) {
        Ok(object) => object,
        Err(_) => return malformed(status, "the error body is not a JSON object"),
    };
    let field = |name: &str| optional_string(object, name, status);
    match (field("error"), field("error_description"), field("error_uri")) {
        (Ok(Some(error)), Ok(error_description), Ok(error_uri)) => TokenError::Endpoint(OAuthErrorBody {
            status,
            error,
            error_description,
            error_uri,
        }),
        (Ok(None), _, _) => malformed(status, "error body has no error member"),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => e,
    }
}

/// Parses a token endpoint response: 200 with tokens, or an OAuth error.
pub fn parse_token_response(response: &HttpResponse) -> Result<TokenResponse, TokenError> {
    let status = response.status;
    if status != 200 {
        return Err(parse_error_body(response));
    }
    let object = crate::json::parse_object(response.body.as_bytes()).map_err(|_| {
        malformed(
            status,
            "the body is not a JSON object (strict JSON, no duplicate members)",
        )
    })?;
    let access_token = optional_string(object, "access_token", status)?
        .filter(|t| !t.is_empty())
        .ok_or_else(|| malformed(status, "no access_token"))?;
    let token_type =
        optional_string(object, "token_type", status)?.ok_or_else(|| malformed(status, "no token_type"))?;
    if !token_type.eq_ignore_ascii_case("bearer") {
        return Err(TokenError::TokenType(token_type));
    }
    let expires_in = match object.get("expires_in") {
        None | Some(Value::Null) => None,
        Some(value @ Value::Number(_)) => Some(
            value
                .as_u64()
                .ok_or_else(|| malformed(status, "expires_in is not a non-negative integer"))?,
        ),
        Some(_) => return Err(malformed(status, "expires_in is not a number")),
    };
    Ok(TokenResponse {
        access_token,
        id_token: optional_string(object, "id_token", status)?.filter(|t| !t.is_empty()),
        refresh_token: optional_string(object, "refresh_token", status)?
            .filter(|t| !t.is_empty())
            .map(RefreshToken),
        token_type,
        expires_in,
        scope: optional_string(object, "scope", status)?,
    })
}

/// Parses a revocation response: 200 (also for unknown tokens, §1.4) or an OAuth error such as
/// `unsupported_token_type`.
pub fn parse_revoke_response(response: &HttpResponse) -> Result<(), TokenError> {
    if response.status == 200 {
        Ok(())
    } else {
        Err(parse_error_body(response))
    }
}

/// The tokens the app holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSet {
    /// The access token.
    pub access_token: String,
    /// The ID token, if any.
    pub id_token: Option<String>,
    /// The refresh token, if any.
    pub refresh_token: Option<RefreshToken>,
    /// Unix seconds when the access token expires, if the lifetime was given.
    pub expires_at: Option<u64>,
    /// Granted scopes, if given.
    pub scope: Option<String>,
}

impl TokenSet {
    /// The token set from a code-grant response received at `now`.
    pub fn from_response(response: TokenResponse, now: u64) -> TokenSet {
        TokenSet {
            expires_at: response.expires_in.map(|s| now.saturating_add(s)),
            access_token: response.access_token,
            id_token: response.id_token,
            refresh_token: response.refresh_token,
            scope: response.scope,
        }
    }

    /// The token set after a refresh. Without rotation Cognito returns no refresh token: the old one stays
    /// (cognito-facts §8.B15); a rotated one replaces it. An absent ID token keeps the old one.
    pub fn refreshed(&self, response: TokenResponse, now: u64) -> TokenSet {
        TokenSet {
            expires_at: response.expires_in.map(|s| now.saturating_add(s)),
            access_token: response.access_token,
            id_token: response.id_token.or_else(|| self.id_token.clone()),
            refresh_token: response.refresh_token.or_else(|| self.refresh_token.clone()),
            scope: response.scope.or_else(|| self.scope.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: vec![],
            body: body.into(),
        }
    }

    fn form(request: &HttpRequest) -> Vec<(String, String)> {
        crate::url::parse_query(request.body.as_deref().unwrap()).unwrap()
    }

    #[test]
    fn code_request_is_public_client_shaped() {
        let v = CodeVerifier::from_octets(&[9; 32]);
        let r = authorization_code_request("https://d/oauth2/token", "cid", "c o+de", "https://app/cb", &v);
        assert_eq!(r.method, HttpMethod::Post);
        assert_eq!(
            r.header("authorization"),
            None,
            "no Basic header for a public client (§8.B8)"
        );
        assert_eq!(
            r.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(
            form(&r),
            [
                ("grant_type", "authorization_code"),
                ("client_id", "cid"),
                ("code", "c o+de"),
                ("redirect_uri", "https://app/cb"),
                ("code_verifier", v.as_str())
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
    }

    #[test]
    fn refresh_and_revoke_requests() {
        let rt = RefreshToken("eyJj.a.b.c.d".into());
        let r = refresh_token_request("https://d/oauth2/token", "cid", &rt, None);
        assert_eq!(
            form(&r),
            [
                ("grant_type", "refresh_token"),
                ("client_id", "cid"),
                ("refresh_token", "eyJj.a.b.c.d")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        assert_eq!(r.header("authorization"), None);
        let r = revoke_request("https://d/oauth2/revoke", "cid", &rt);
        assert_eq!(
            form(&r),
            [("token", "eyJj.a.b.c.d"), ("client_id", "cid")].map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        assert_eq!(format!("{rt:?}"), "RefreshToken(..)", "never logged");
    }

    #[test]
    fn cognito_code_grant_response() {
        let r = parse_token_response(&ok(r#"{"access_token":"at","id_token":"it","refresh_token":"rt","token_type":"Bearer","expires_in":3600}"#)).unwrap();
        assert_eq!(r.refresh_token, Some(RefreshToken("rt".into())));
        assert_eq!(TokenSet::from_response(r, 100).expires_at, Some(3700));
    }

    #[test]
    fn token_type_is_case_insensitive_and_must_be_bearer() {
        assert!(parse_token_response(&ok(r#"{"access_token":"a","token_type":"bEaReR"}"#)).is_ok());
        assert_eq!(
            parse_token_response(&ok(r#"{"access_token":"a","token_type":"DPoP"}"#)),
            Err(TokenError::TokenType("DPoP".into()))
        );
    }

    #[test]
    fn response_without_expires_in_is_fine_but_wrong_types_are_not() {
        assert_eq!(
            parse_token_response(&ok(r#"{"access_token":"a","token_type":"Bearer"}"#))
                .unwrap()
                .expires_in,
            None
        );
        assert!(matches!(
            parse_token_response(&ok(
                r#"{"access_token":"a","token_type":"Bearer","expires_in":"3600"}"#
            )),
            Err(TokenError::Malformed { .. })
        ));
        assert!(matches!(
            parse_token_response(&ok(
                r#"{"access_token":"a","token_type":"Bearer","expires_in":-1}"#
            )),
            Err(TokenError::Malformed { .. })
        ));
        assert!(matches!(
            parse_token_response(&ok(r#"{"token_type":"Bearer"}"#)),
            Err(TokenError::Malformed { .. })
        ));
        assert!(matches!(
            parse_token_response(&ok(
                r#"{"access_token":"a","access_token":"b","token_type":"Bearer"}"#
            )),
            Err(TokenError::Malformed { .. })
        ));
    }

    #[test]
    fn refresh_without_refresh_token_keeps_the_old_one_and_rotation_replaces_it() {
        let first = TokenSet::from_response(
            parse_token_response(&ok(r#"{"access_token":"a1","id_token":"i1","refresh_token":"r1","token_type":"Bearer","expires_in":3600}"#)).unwrap(),
            0,
        );
        let no_rotation = parse_token_response(&ok(
            r#"{"access_token":"a2","id_token":"i2","token_type":"Bearer","expires_in":3600}"#,
        ))
        .unwrap();
        let second = first.refreshed(no_rotation, 1000);
        assert_eq!(second.refresh_token, Some(RefreshToken("r1".into())));
        assert_eq!(second.access_token, "a2");
        assert_eq!(second.expires_at, Some(4600));
        let rotated = parse_token_response(&ok(
            r#"{"access_token":"a3","id_token":"i3","refresh_token":"r2","token_type":"Bearer"}"#,
        ))
        .unwrap();
        assert_eq!(
            second.refreshed(rotated, 2000).refresh_token,
            Some(RefreshToken("r2".into()))
        );
    }

    #[test]
    fn cognito_error_bodies() {
        let resp = HttpResponse {
            status: 400,
            headers: vec![],
            body: r#"{"error":"invalid_grant"}"#.into(),
        };
        match parse_token_response(&resp) {
            Err(TokenError::Endpoint(e)) => {
                assert_eq!((e.status, e.error.as_str()), (400, "invalid_grant"));
                assert!(crate::errors::explain(&e.error, e.error_description.as_deref()).is_some());
            }
            other => panic!("{other:?}"),
        }
        let resp = HttpResponse {
            status: 400,
            headers: vec![],
            body: r#"{"error":"unauthorized_client","error_description":"invalid_redirect"}"#.into(),
        };
        assert!(
            matches!(parse_token_response(&resp), Err(TokenError::Endpoint(e)) if e.error_description.as_deref() == Some("invalid_redirect"))
        );
        let resp = HttpResponse {
            status: 404,
            headers: vec![],
            body: "<html>".into(),
        };
        assert!(matches!(
            parse_token_response(&resp),
            Err(TokenError::Malformed { status: 404, .. })
        ));
        let resp = HttpResponse {
            status: 400,
            headers: vec![],
            body: r#"{"error":"unsupported_token_type"}"#.into(),
        };
        assert!(
            matches!(parse_revoke_response(&resp), Err(TokenError::Endpoint(e)) if e.error == "unsupported_token_type")
        );
        assert_eq!(parse_revoke_response(&ok("")), Ok(()));
    }
}
