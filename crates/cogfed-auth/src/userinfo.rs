//! The userInfo endpoint (cognito-facts §1.3; OIDC Core §5.3): a GET with the access token in the
//! `Authorization: Bearer` header (B1 rp-userinfo-bearer-header), and a response whose `sub` must equal the
//! ID token's (B1 rp-userinfo-bad-sub-claim, OIDC Core §5.3.2).

use crate::io::{HttpMethod, HttpRequest, HttpResponse};
use crate::json::{JsonError, Object, Value};

/// The userInfo request for `access_token`.
pub fn userinfo_request(userinfo_endpoint: &str, access_token: &str) -> HttpRequest {
    HttpRequest {
        method: HttpMethod::Get,
        url: userinfo_endpoint.to_owned(),
        headers: vec![
            ("Authorization".into(), ["Bearer ", access_token].concat()),
            ("Accept".into(), "application/json".into()),
        ],
        body: None,
    }
}

/// Why a userInfo response was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UserInfoError {
    /// Non-200 status; `www_authenticate` carries Cognito's `error="..."` detail (§1.3).
    #[error("userInfo answered HTTP {status}{}", .www_authenticate.as_ref().map(|w| format!(" ({w})")).unwrap_or_default())]
    Status {
        /// HTTP status.
        status: u16,
        /// The `WWW-Authenticate` header, if any.
        www_authenticate: Option<String>,
    },
    /// The body is not a JSON object.
    #[error("userInfo body is not a JSON object: {0}")]
    Malformed(JsonError),
    /// No string `sub`.
    #[error("userInfo response has no sub")]
    MissingSub,
    /// `sub` differs from the ID token's.
    #[error("userInfo sub {} does not equal the ID token's sub {}", crate::text::quoted(.found), crate::text::quoted(.expected))]
    SubMismatch {
        /// The ID token's `sub`.
        expected: String,
        /// The userInfo `sub`.
        found: String,
    },
}

/// The claims of a userInfo response whose `sub` was checked: its JSON text (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfoClaims(String);

impl UserInfoClaims {
    /// The claims as a JSON object.
    pub fn json(&self) -> Object<'_> {
        crate::json::parse_object(self.0.as_bytes()).unwrap_or_else(|_| crate::json::empty_object())
    }

    /// The JSON text, as received.
    pub fn json_text(&self) -> &str {
        &self.0
    }

    /// The string value of claim `name`, if it is a string.
    pub fn string(&self, name: &str) -> Option<String> {
        self.json()
            .get(name)
            .and_then(Value::as_str)
            .map(|s| s.into_owned())
    }
}

/// Parses a userInfo response and requires `sub` to equal `id_token_sub`. Returns all claims. Note that
/// Cognito returns `email_verified`/`phone_number_verified` as strings here (§1.3).
pub fn parse_userinfo(response: &HttpResponse, id_token_sub: &str) -> Result<UserInfoClaims, UserInfoError> {
    if response.status != 200 {
        return Err(UserInfoError::Status {
            status: response.status,
            www_authenticate: response.header("WWW-Authenticate").map(str::to_owned),
        });
    }
    let claims = crate::json::parse_object(response.body.as_bytes()).map_err(UserInfoError::Malformed)?;
    match claims.get("sub").and_then(Value::as_str) {
        Some(sub) if sub == id_token_sub => Ok(UserInfoClaims(response.body.clone())),
        Some(sub) => Err(UserInfoError::SubMismatch {
            expected: id_token_sub.to_owned(),
            found: sub.into_owned(),
        }),
        None => Err(UserInfoError::MissingSub),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b1_rp_userinfo_bearer_header() {
        let r = userinfo_request("https://d/oauth2/userInfo", "at");
        assert_eq!(r.method, HttpMethod::Get);
        assert_eq!(r.header("Authorization"), Some("Bearer at"));
        assert_eq!(r.body, None, "not in the body (rp-userinfo-bearer-body is N/A)");
    }

    #[test]
    fn b1_rp_userinfo_bad_sub_claim() {
        let ok = HttpResponse {
            status: 200,
            headers: vec![],
            body: r#"{"sub":"u1","email_verified":"true"}"#.into(),
        };
        assert!(parse_userinfo(&ok, "u1").is_ok());
        assert_eq!(
            parse_userinfo(&ok, "u2"),
            Err(UserInfoError::SubMismatch {
                expected: "u2".into(),
                found: "u1".into()
            })
        );
        let none = HttpResponse {
            status: 200,
            headers: vec![],
            body: r#"{"sub":1}"#.into(),
        };
        assert_eq!(parse_userinfo(&none, "1"), Err(UserInfoError::MissingSub));
        let dup = HttpResponse {
            status: 200,
            headers: vec![],
            body: r#"{"sub":"u1","sub":"u2"}"#.into(),
        };
        assert!(matches!(
            parse_userinfo(&dup, "u2"),
            Err(UserInfoError::Malformed(_))
        ));
    }

    #[test]
    fn cognito_401_carries_www_authenticate() {
        let r = HttpResponse {
            status: 401,
            headers: vec![("www-authenticate".into(), r#"error="invalid_token""#.into())],
            body: String::new(),
        };
        assert_eq!(
            parse_userinfo(&r, "u"),
            Err(UserInfoError::Status {
                status: 401,
                www_authenticate: Some(r#"error="invalid_token""#.into())
            })
        );
    }
}
