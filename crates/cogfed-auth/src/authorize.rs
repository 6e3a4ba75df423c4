//! The authorization request URL (cognito-facts §1.1): `response_type=code` only, PKCE S256 always, every
//! Cognito parameter typed, every value strictly percent-encoded.

use crate::pkce::{CODE_CHALLENGE_METHOD, CodeChallenge};
use crate::url::{AbsoluteUrl, UrlError, with_query};

/// A `prompt` value (managed login only, cognito-facts §1.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// Continue a valid session silently, else `error=login_required`. Cannot be combined.
    None,
    /// Force re-authentication.
    Login,
    /// Forwarded to IdPs.
    Consent,
    /// Forwarded to IdPs.
    SelectAccount,
}

impl Prompt {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Prompt::None => "none",
            Prompt::Login => "login",
            Prompt::Consent => "consent",
            Prompt::SelectAccount => "select_account",
        }
    }
}

/// The optional parameters of an authorization request, chosen per sign-in (cognito-facts §1.1). Built with
/// its methods: `AuthorizeOptions::default().login_hint("alice").prompt(Prompt::Login)`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuthorizeOptions {
    /// Skip managed login and go to this IdP (its ProviderName, or `COGNITO`).
    pub identity_provider: Option<String>,
    /// Skip managed login and go to the IdP with this identifier.
    pub idp_identifier: Option<String>,
    /// Managed login language (`de en es fr id it ja ko pt-BR zh-CN zh-TW`).
    pub lang: Option<String>,
    /// Pre-fills the username field; forwarded to OIDC IdPs.
    pub login_hint: Option<String>,
    /// `prompt` values, space-separated on the wire.
    pub prompt: Vec<Prompt>,
    /// RFC 8707 resource indicator; becomes the access token's `aud`.
    pub resource: Option<String>,
}

impl AuthorizeOptions {
    /// Sets `identity_provider`.
    pub fn identity_provider(mut self, value: impl Into<String>) -> Self {
        self.identity_provider = Some(value.into());
        self
    }
    /// Sets `idp_identifier`.
    pub fn idp_identifier(mut self, value: impl Into<String>) -> Self {
        self.idp_identifier = Some(value.into());
        self
    }
    /// Sets `lang`.
    pub fn lang(mut self, value: impl Into<String>) -> Self {
        self.lang = Some(value.into());
        self
    }
    /// Sets `login_hint`.
    pub fn login_hint(mut self, value: impl Into<String>) -> Self {
        self.login_hint = Some(value.into());
        self
    }
    /// Adds a `prompt` value.
    pub fn prompt(mut self, value: Prompt) -> Self {
        self.prompt.push(value);
        self
    }
    /// Sets `resource`.
    pub fn resource(mut self, value: impl Into<String>) -> Self {
        self.resource = Some(value.into());
        self
    }
}

/// Everything that goes into one authorization request. `response_type` is always `code` and
/// `code_challenge_method` always `S256`, so neither is a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeRequest {
    /// The app client id.
    pub client_id: String,
    /// Registered callback URL, byte-identical to one of the client's CallbackURLs.
    pub redirect_uri: String,
    /// Single-use CSRF token ([`crate::random::new_state`]).
    pub state: String,
    /// ID token replay protection ([`crate::random::new_nonce`]).
    pub nonce: String,
    /// The S256 challenge of this transaction's verifier.
    pub code_challenge: CodeChallenge,
    /// Requested scopes; empty omits `scope` (Cognito then grants every allowed scope).
    pub scopes: Vec<String>,
    /// The optional parameters.
    pub options: AuthorizeOptions,
}

/// Why an authorization URL could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizeError {
    /// A required or given parameter is empty.
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
    /// A URL has a fragment (redirect URIs must not, RFC 6749 §3.1.2).
    #[error("{0} must not contain a fragment")]
    Fragment(&'static str),
    /// A scope is not an RFC 6749 §3.3 scope-token.
    #[error("scope {} is not a valid scope token (printable ASCII without space, '\"' or '\\\\')", crate::text::quoted(.0))]
    Scope(String),
    /// `prompt=none` combined with another value (OIDC Core §3.1.2.1).
    #[error("prompt=none cannot be combined with other prompt values")]
    PromptNoneCombined,
    /// Both IdP selectors given.
    #[error("give identity_provider or idp_identifier, not both")]
    BothIdpSelectors,
}

fn check_url(value: &str, field: &'static str) -> Result<(), AuthorizeError> {
    let url = AbsoluteUrl::parse(value).map_err(|source| AuthorizeError::Url { field, source })?;
    if !url.is_secure_or_loopback() {
        return Err(AuthorizeError::Insecure(field));
    }
    if url.fragment().is_some() {
        return Err(AuthorizeError::Fragment(field));
    }
    Ok(())
}

/// True for an RFC 6749 §3.3 scope-token: `%x21 / %x23-5B / %x5D-7E`, at least one character.
pub fn is_scope_token(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .bytes()
            .all(|b| b == 0x21 || (0x23..=0x5B).contains(&b) || (0x5D..=0x7E).contains(&b))
}

fn non_empty<'a>(value: &'a Option<String>, field: &'static str) -> Result<Option<&'a str>, AuthorizeError> {
    match value.as_deref() {
        Some("") => Err(AuthorizeError::Empty(field)),
        other => Ok(other),
    }
}

/// Builds the authorization URL for `authorization_endpoint`.
pub fn build_authorize_url(
    authorization_endpoint: &str,
    request: &AuthorizeRequest,
) -> Result<String, AuthorizeError> {
    check_url(authorization_endpoint, "authorization_endpoint")?;
    for (value, field) in [
        (&request.client_id, "client_id"),
        (&request.state, "state"),
        (&request.nonce, "nonce"),
    ] {
        if value.is_empty() {
            return Err(AuthorizeError::Empty(field));
        }
    }
    check_url(&request.redirect_uri, "redirect_uri")?;
    if let Some(bad) = request.scopes.iter().find(|s| !is_scope_token(s)) {
        return Err(AuthorizeError::Scope(bad.clone()));
    }
    if request.options.prompt.contains(&Prompt::None) && request.options.prompt.len() > 1 {
        return Err(AuthorizeError::PromptNoneCombined);
    }
    let options = &request.options;
    let identity_provider = non_empty(&options.identity_provider, "identity_provider")?;
    let idp_identifier = non_empty(&options.idp_identifier, "idp_identifier")?;
    if identity_provider.is_some() && idp_identifier.is_some() {
        return Err(AuthorizeError::BothIdpSelectors);
    }
    let lang = non_empty(&options.lang, "lang")?;
    let login_hint = non_empty(&options.login_hint, "login_hint")?;
    let resource = non_empty(&options.resource, "resource")?;
    if let Some(resource) = resource {
        check_url(resource, "resource")?;
    }

    let scope = request.scopes.join(" ");
    let prompt = request
        .options
        .prompt
        .iter()
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let mut pairs: Vec<(&str, &str)> = vec![
        ("response_type", "code"),
        ("client_id", &request.client_id),
        ("redirect_uri", &request.redirect_uri),
    ];
    if !scope.is_empty() {
        pairs.push(("scope", &scope));
    }
    pairs.extend([
        ("state", request.state.as_str()),
        ("nonce", request.nonce.as_str()),
        ("code_challenge", request.code_challenge.as_str()),
        ("code_challenge_method", CODE_CHALLENGE_METHOD),
    ]);
    let optional = [
        ("identity_provider", identity_provider),
        ("idp_identifier", idp_identifier),
        ("lang", lang),
        ("login_hint", login_hint),
        ("prompt", (!prompt.is_empty()).then_some(prompt.as_str())),
        ("resource", resource),
    ];
    pairs.extend(
        optional
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name, v))),
    );
    Ok(with_query(authorization_endpoint, &pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pkce::CodeVerifier;
    use crate::url::parse_query;

    pub(crate) fn sample() -> AuthorizeRequest {
        AuthorizeRequest {
            client_id: "7lhdbv12q1ud9rgg7g779u8va7".into(),
            redirect_uri: "https://app.example.com/callback".into(),
            state: "st".into(),
            nonce: "no".into(),
            code_challenge: CodeVerifier::from_octets(&[7; 32]).challenge(),
            scopes: vec!["openid".into(), "email".into(), "api.example.com/read".into()],
            options: AuthorizeOptions::default(),
        }
    }

    fn query_of(url: &str) -> Vec<(String, String)> {
        parse_query(url.split_once('?').unwrap().1).unwrap()
    }

    #[test]
    fn minimal_request_has_code_pkce_state_nonce_and_encoded_scope() {
        let url = build_authorize_url(
            "https://d.auth.us-east-1.amazoncognito.com/oauth2/authorize",
            &sample(),
        )
        .unwrap();
        assert!(
            url.starts_with(
                "https://d.auth.us-east-1.amazoncognito.com/oauth2/authorize?response_type=code&"
            )
        );
        assert!(
            url.contains("&scope=openid%20email%20api.example.com%2Fread&"),
            "{url}"
        );
        assert!(
            url.contains("redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback"),
            "{url}"
        );
        let q = query_of(&url);
        let get = |n: &str| q.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert_eq!(get("code_challenge"), Some(sample().code_challenge.as_str()));
        assert_eq!(get("nonce"), Some("no"));
        assert_eq!(get("prompt"), None);
    }

    #[test]
    fn every_cognito_parameter_is_emitted() {
        let mut r = sample();
        r.options = AuthorizeOptions::default()
            .identity_provider("My IdP")
            .lang("pt-BR")
            .login_hint("a+b@example.com")
            .prompt(Prompt::Login)
            .prompt(Prompt::Consent)
            .resource("https://api.example.com/");
        let q = query_of(&build_authorize_url("https://d/oauth2/authorize", &r).unwrap());
        let names: Vec<&str> = q.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "response_type",
                "client_id",
                "redirect_uri",
                "scope",
                "state",
                "nonce",
                "code_challenge",
                "code_challenge_method",
                "identity_provider",
                "lang",
                "login_hint",
                "prompt",
                "resource"
            ]
        );
        assert!(q.contains(&("login_hint".into(), "a+b@example.com".into())));
        assert!(q.contains(&("prompt".into(), "login consent".into())));
        r.options.identity_provider = None;
        r.options.idp_identifier = Some("example.com".into());
        let q = query_of(&build_authorize_url("https://d/oauth2/authorize", &r).unwrap());
        assert!(q.contains(&("idp_identifier".into(), "example.com".into())));
    }

    #[test]
    fn invalid_requests_are_refused_with_the_parameter_named() {
        let e = "https://d/oauth2/authorize";
        let with = |f: fn(&mut AuthorizeRequest)| {
            let mut r = sample();
            f(&mut r);
            build_authorize_url(e, &r)
        };
        assert_eq!(
            with(|r| r.client_id.clear()),
            Err(AuthorizeError::Empty("client_id"))
        );
        assert_eq!(with(|r| r.state.clear()), Err(AuthorizeError::Empty("state")));
        assert_eq!(with(|r| r.nonce.clear()), Err(AuthorizeError::Empty("nonce")));
        assert_eq!(
            with(|r| r.redirect_uri = "http://app.example.com/cb".into()),
            Err(AuthorizeError::Insecure("redirect_uri"))
        );
        assert_eq!(
            with(|r| r.redirect_uri = "https://app.example.com/cb#x".into()),
            Err(AuthorizeError::Fragment("redirect_uri"))
        );
        assert!(with(|r| r.redirect_uri = "http://localhost:3000/cb".into()).is_ok());
        assert_eq!(
            with(|r| r.scopes = vec!["open id".into()]),
            Err(AuthorizeError::Scope("open id".into()))
        );
        assert_eq!(
            with(|r| r.scopes = vec!["".into()]),
            Err(AuthorizeError::Scope(String::new()))
        );
        assert_eq!(
            with(|r| r.options.prompt = vec![Prompt::None, Prompt::Login]),
            Err(AuthorizeError::PromptNoneCombined)
        );
        assert_eq!(
            with(|r| {
                r.options.identity_provider = Some("a".into());
                r.options.idp_identifier = Some("b".into());
            }),
            Err(AuthorizeError::BothIdpSelectors)
        );
        assert_eq!(
            with(|r| r.options.lang = Some(String::new())),
            Err(AuthorizeError::Empty("lang"))
        );
        assert_eq!(
            with(|r| r.options.resource = Some("http://api.example.com".into())),
            Err(AuthorizeError::Insecure("resource"))
        );
        assert!(matches!(
            build_authorize_url("https://d/authorize#x", &sample()),
            Err(AuthorizeError::Fragment(_))
        ));
    }
}
