//! What an authorize request says, checked against the served integration: the pure types and parsing under
//! `/oauth2/authorize` and `/login` (cognito-facts §1.1). Cognito's order: client and redirect URI first
//! (failures show Cognito's error page and never reach the app), then everything else (failures redirect to
//! the app with `?error=`). No I/O and no handler here: the handlers sit above this module.

use crate::served::{Idp, Served};
use crate::web::{Params, with_query};
use cogfed_lint::model::OAuthFlow;

/// `response_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// `code`.
    Code,
    /// `token` (implicit).
    Token,
}

/// `prompt` (cognito-facts §1.1): `none`, `login`, and the values only forwarded to IdPs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    /// `prompt=none`: no UI; `login_required` without a session.
    pub none: bool,
    /// `prompt=login`: ask for credentials even with a session.
    pub login: bool,
    /// Every value but `none`, space-joined, to forward to an IdP.
    pub forward: Option<String>,
}

/// A checked authorize request.
#[derive(Debug, Clone)]
pub struct AuthorizeRequest {
    /// App client.
    pub client_id: String,
    /// Registered callback URL, exactly as sent.
    pub redirect_uri: String,
    /// `code` or `token`.
    pub response_type: ResponseType,
    /// Returned unchanged.
    pub state: Option<String>,
    /// Granted scopes: those requested, or every allowed scope when none were.
    pub scopes: Vec<String>,
    /// PKCE S256 challenge.
    pub code_challenge: Option<String>,
    /// Copied into the ID token.
    pub nonce: Option<String>,
    /// `COGNITO` or a federated IdP name, resolved from `identity_provider` or `idp_identifier`.
    pub identity_provider: Option<String>,
    /// `prompt`.
    pub prompt: Prompt,
    /// Pre-fills the username; forwarded to OIDC IdPs.
    pub login_hint: Option<String>,
    /// RFC 8707 resource binding.
    pub resource: Option<String>,
    /// The parameters as received, to carry to `/login` and the IdP buttons.
    pub params: Params,
}

/// Why an authorize request is refused, and where the user sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// Cognito's own page: `/error?error={error}&client_id=...` (never the app).
    ErrorPage {
        /// `redirect_mismatch`, `invalid_request`, `unauthorized_client`.
        error: &'static str,
        /// The client, when known.
        client_id: Option<String>,
    },
    /// "Login option is not available. Please try another one" (cognito-facts §8 A4).
    LoginOptionUnavailable,
    /// A redirect to the app's registered `redirect_uri` with `error` (+ `error_description`) and `state`.
    ToApp {
        /// The app's callback.
        redirect_uri: String,
        /// The app's state.
        state: Option<String>,
        /// OAuth error code.
        error: &'static str,
        /// Explanation.
        description: Option<String>,
    },
}

/// The redirect URL for an error sent to the app: `?error_description=...&state=...&error=...`, the order
/// Cognito uses (cognito-facts §8 A3).
pub fn app_error_url(
    redirect_uri: &str,
    state: Option<&str>,
    error: &str,
    description: Option<&str>,
) -> String {
    let mut pairs: Vec<(&str, &str)> = vec![];
    if let Some(d) = description {
        pairs.push(("error_description", d));
    }
    if let Some(s) = state {
        pairs.push(("state", s));
    }
    pairs.push(("error", error));
    with_query(redirect_uri, &pairs)
}

/// Whether `s` is an RFC 7636 S256 challenge: 43 base64url characters.
fn is_s256_challenge(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `s` may be an RFC 8707 resource for Cognito (cognito-facts §1.1).
fn is_resource_url(s: &str) -> bool {
    s.starts_with("https://")
        || s.starts_with("http://localhost")
        || s.split_once("://")
            .is_some_and(|(scheme, _)| scheme != "http" && scheme != "https" && !scheme.is_empty())
}

/// Checks an authorize request against the served integration. Pure.
pub fn parse_authorize(params: &Params, served: &Served) -> Result<AuthorizeRequest, Rejection> {
    let Some(client_id) = params.get("client_id") else {
        return Err(Rejection::ErrorPage {
            error: "invalid_request",
            client_id: None,
        });
    };
    let page = |error| Rejection::ErrorPage {
        error,
        client_id: Some(client_id.to_owned()),
    };
    // An unknown client and an unregistered redirect URI look the same (cognito-facts §1.1, §8 A1).
    let client = served
        .client(client_id)
        .ok_or_else(|| page("redirect_mismatch"))?;
    if !client.hosted_ui_enabled() {
        return Err(page("unauthorized_client"));
    }
    let redirect_uri = params
        .get("redirect_uri")
        .ok_or_else(|| page("redirect_mismatch"))?;
    // Exact string comparison: a trailing slash or a case difference fails.
    if !client.callback_urls.iter().any(|u| u == redirect_uri) {
        return Err(page("redirect_mismatch"));
    }
    let state = params.get("state").map(str::to_owned);
    let to_app = |error, description: Option<&str>| Rejection::ToApp {
        redirect_uri: redirect_uri.to_owned(),
        state: state.clone(),
        error,
        description: description.map(str::to_owned),
    };

    let response_type = match params.get("response_type") {
        None => return Err(to_app("invalid_request", Some("response_type is required"))),
        Some("code") if client.allows(OAuthFlow::Code) => ResponseType::Code,
        Some("token") if client.allows(OAuthFlow::Implicit) => ResponseType::Token,
        Some("code" | "token") => return Err(to_app("unauthorized_client", None)),
        Some(_) => return Err(to_app("unsupported_response_type", None)),
    };

    let code_challenge = if response_type == ResponseType::Code {
        match (params.get("code_challenge"), params.get("code_challenge_method")) {
            (Some(c), Some("S256")) if is_s256_challenge(c) => Some(c.to_owned()),
            (Some(_), Some("S256")) => {
                return Err(to_app(
                    "invalid_request",
                    Some("code_challenge is not an S256 challenge"),
                ));
            }
            // cognito-facts §1.1: only S256; a challenge without its method is invalid_request.
            (_, Some(_)) => {
                return Err(to_app(
                    "invalid_request",
                    Some("code_challenge_method must be S256"),
                ));
            }
            (Some(_), None) => {
                return Err(to_app(
                    "invalid_request",
                    Some("code_challenge_method is required"),
                ));
            }
            // Stricter than Cognito on purpose: a public client's code flow must use PKCE.
            (None, None) if !client.is_confidential() => {
                return Err(to_app(
                    "invalid_request",
                    Some("code_challenge is required for public clients"),
                ));
            }
            (None, None) => None,
        }
    } else {
        None
    };

    let scopes: Vec<String> = match params.get("scope") {
        None => client.scopes().map(str::to_owned).collect(),
        Some(s) => s
            .split(' ')
            .filter(|x| !x.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    let has = |x: &str| scopes.iter().any(|s| s == x);
    let scope_ok = !scopes.is_empty()
        && scopes.iter().all(|s| client.allows_scope(s))
        && (has("openid") || !["email", "phone", "profile"].iter().any(|x| has(x)));
    if !scope_ok {
        // Observed runtime shape: error=invalid_request, error_description=invalid_scope (cognito-facts §8 A3).
        return Err(to_app("invalid_request", Some("invalid_scope")));
    }

    let identity_provider = match (params.get("identity_provider"), params.get("idp_identifier")) {
        (Some(name), _) => Some(name.to_owned()),
        (None, Some(ident)) => Some(
            served
                .idps
                .iter()
                .find(|p| p.identifiers().any(|i| i.eq_ignore_ascii_case(ident)))
                .map(|p| p.name.clone())
                .ok_or(Rejection::LoginOptionUnavailable)?,
        ),
        (None, None) => None,
    };
    if let Some(name) = &identity_provider {
        let supported = client.supports(name);
        let servable = name == "COGNITO" || served.idp(name).is_some_and(Idp::is_oidc);
        if !supported || !servable {
            return Err(Rejection::LoginOptionUnavailable);
        }
    }

    let mut prompt = Prompt::default();
    if let Some(p) = params.get("prompt") {
        let values: Vec<&str> = p.split(' ').filter(|x| !x.is_empty()).collect();
        prompt.none = values.contains(&"none");
        prompt.login = values.contains(&"login");
        if prompt.none && values.len() > 1 {
            return Err(to_app("invalid_request", Some("prompt=none cannot be combined")));
        }
        let forward: Vec<&str> = values.into_iter().filter(|v| *v != "none").collect();
        prompt.forward = (!forward.is_empty()).then(|| forward.join(" "));
    }

    let resource = match params.get("resource") {
        None => None,
        Some(r) if is_resource_url(r) && served.is_resource_server(r) => Some(r.to_owned()),
        Some(_) => return Err(to_app("invalid_request", Some("invalid_resource"))),
    };

    Ok(AuthorizeRequest {
        client_id: client_id.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        response_type,
        state,
        scopes,
        code_challenge,
        nonce: params.get("nonce").map(str::to_owned),
        identity_provider,
        prompt,
        login_hint: params.get("login_hint").map(str::to_owned),
        resource,
        params: params.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Served {
        crate::served::tests::demo("")
    }

    const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    fn params(extra: &[(&str, &str)]) -> Params {
        let mut p = Params::parse(
            format!(
                "client_id=cogfed_demo_spa&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&response_type=code\
                 &state=st&code_challenge={CHALLENGE}&code_challenge_method=S256&scope=openid+email"
            )
            .as_bytes(),
        )
        .unwrap();
        for (k, v) in extra {
            if v.is_empty() { p.remove(k) } else { p.set(k, *v) }
        }
        p
    }

    fn to_app_error(r: Result<AuthorizeRequest, Rejection>) -> (&'static str, Option<String>) {
        match r {
            Err(Rejection::ToApp {
                error,
                description,
                state,
                ..
            }) => {
                assert_eq!(state.as_deref(), Some("st"));
                (error, description)
            }
            other => panic!("expected a redirect to the app, got {other:?}"),
        }
    }

    #[test]
    fn good_request_parses() {
        let r = parse_authorize(&params(&[("nonce", "n1"), ("login_hint", "alice")]), &config()).unwrap();
        assert_eq!(r.scopes, vec!["openid", "email"]);
        assert_eq!(r.code_challenge.as_deref(), Some(CHALLENGE));
        assert_eq!(r.nonce.as_deref(), Some("n1"));
        assert_eq!(r.login_hint.as_deref(), Some("alice"));
    }

    #[test]
    fn client_and_redirect_failures_never_reach_the_app() {
        let c = config();
        for (k, v) in [
            ("client_id", "nope"),
            ("redirect_uri", "http://127.0.0.1:8080/callback/"),
            ("redirect_uri", "http://127.0.0.1:8080/Callback"),
            ("redirect_uri", ""),
        ] {
            assert_eq!(
                parse_authorize(&params(&[(k, v)]), &c).unwrap_err(),
                Rejection::ErrorPage {
                    error: "redirect_mismatch",
                    client_id: Some(if k == "client_id" { v } else { "cogfed_demo_spa" }.into())
                },
                "{k}={v}"
            );
        }
        assert!(matches!(
            parse_authorize(&params(&[("client_id", "")]), &c),
            Err(Rejection::ErrorPage {
                error: "invalid_request",
                ..
            })
        ));
        // Order: a bad redirect URI wins over a bad response_type.
        assert!(matches!(
            parse_authorize(
                &params(&[("redirect_uri", "http://evil/"), ("response_type", "")]),
                &c
            ),
            Err(Rejection::ErrorPage { .. })
        ));
    }

    #[test]
    fn pkce_rules() {
        let c = config();
        assert_eq!(
            to_app_error(parse_authorize(
                &params(&[("code_challenge_method", "plain")]),
                &c
            ))
            .0,
            "invalid_request"
        );
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("code_challenge_method", "")]), &c)).0,
            "invalid_request"
        );
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("code_challenge", "")]), &c)).0,
            "invalid_request"
        );
        assert_eq!(
            to_app_error(parse_authorize(
                &params(&[("code_challenge", ""), ("code_challenge_method", "")]),
                &c
            ))
            .0,
            "invalid_request"
        );
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("code_challenge", "short")]), &c)).0,
            "invalid_request"
        );
    }

    #[test]
    fn scope_rules() {
        let c = config();
        let bad = to_app_error(parse_authorize(&params(&[("scope", "openid phone")]), &c));
        assert_eq!(bad, ("invalid_request", Some("invalid_scope".into())));
        let no_openid = to_app_error(parse_authorize(&params(&[("scope", "email")]), &c));
        assert_eq!(no_openid.1.as_deref(), Some("invalid_scope"));
        let all = parse_authorize(&params(&[("scope", "")]), &c).unwrap();
        assert_eq!(all.scopes, vec!["openid", "email", "profile"]);
    }

    #[test]
    fn response_type_rules() {
        let c = config();
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("response_type", "")]), &c)).0,
            "invalid_request"
        );
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("response_type", "token")]), &c)).0,
            "unauthorized_client"
        );
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("response_type", "id_token")]), &c)).0,
            "unsupported_response_type"
        );
    }

    #[test]
    fn identity_provider_rules() {
        let c = config();
        let r = parse_authorize(&params(&[("idp_identifier", "UPSTREAM.example")]), &c).unwrap();
        assert_eq!(r.identity_provider.as_deref(), Some("Upstream"));
        assert_eq!(
            parse_authorize(&params(&[("identity_provider", "upstream")]), &c).unwrap_err(),
            Rejection::LoginOptionUnavailable
        );
        let c = crate::served::tests::demo(r#"clients = [{ supported_identity_providers = ["COGNITO"] }]"#);
        assert_eq!(
            parse_authorize(&params(&[("identity_provider", "Upstream")]), &c).unwrap_err(),
            Rejection::LoginOptionUnavailable
        );
    }

    #[test]
    fn prompt_none_cannot_be_combined() {
        let c = config();
        assert_eq!(
            to_app_error(parse_authorize(&params(&[("prompt", "none login")]), &c)).0,
            "invalid_request"
        );
        let r = parse_authorize(&params(&[("prompt", "login consent")]), &c).unwrap();
        assert!(r.prompt.login && !r.prompt.none);
        assert_eq!(r.prompt.forward.as_deref(), Some("login consent"));
    }

    #[test]
    fn error_url_keeps_existing_query_and_order() {
        assert_eq!(
            app_error_url(
                "http://a/cb?x=1",
                Some("s t"),
                "invalid_request",
                Some("Bad id_token issuer http://i/")
            ),
            "http://a/cb?x=1&error_description=Bad+id_token+issuer+http%3A%2F%2Fi%2F&state=s+t&error=invalid_request"
        );
    }
}
