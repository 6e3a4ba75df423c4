//! Which user pool and app client the demo signs in with.
//!
//! The defaults are in the page: the JSON of `<script type="application/json" id="cogfed-settings">` in
//! `index.html` (a data block, never run), read at start without a request, so a callback is finished without
//! waiting for a settings file. A deployment edits that block, not the wasm. The Settings page can override them for the current tab:
//! overrides live in sessionStorage under [`STORAGE_KEY`] and nowhere else (never localStorage), so closing
//! the tab forgets them.
//!
//! Validation here is about shape only (absolute URLs, the client id's pattern): a value the pool does not
//! accept, such as an unregistered redirect URI or an unallowed scope, must still be sendable, so the demo
//! can show what Cognito answers.

use cogfed_leptos::cogfed_auth::json::{ObjectWriter, parse_object};
use std::fmt;

/// The sessionStorage key of the tab's overrides.
pub const STORAGE_KEY: &str = "cogfed.demo.settings";

/// The id of the page's settings block.
pub const SETTINGS_ELEMENT: &str = "cogfed-settings";

/// The demo's settings: the JSON of the page's settings block.
///
/// Parsed by hand over cogfed-auth's strict JSON parser and written with its `ObjectWriter` rather than with
/// serde: serde_json's deserializer, serializer and the derived code cost the main module about 20 KB of wasm
/// that nothing else there needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSettings {
    /// The OpenID issuer: `https://cognito-idp.{region}.amazonaws.com/{poolId}` for Cognito, or Local Cognito's
    /// `http://127.0.0.1:9229/us-east-1_LocalDemo`, or any OpenID provider's issuer.
    pub issuer: String,
    /// Where the hosted UI and OAuth endpoints are (Cognito dialect): a domain prefix (`myapp`), a custom
    /// domain (`auth.example.com`) or a base URL (Local Cognito's `http://127.0.0.1:9229`). With it the
    /// endpoints are derived, without a discovery request; without it, discovered from the issuer.
    pub domain: Option<String>,
    /// The app client id (a public client: no secret).
    pub client_id: String,
    /// The redirect URI, registered in the client's CallbackURLs (exact match, cognito-facts §1.1).
    pub redirect_uri: String,
    /// Where Cognito's /logout sends the browser back to, registered in LogoutURLs (cognito-facts §1.5).
    pub logout_uri: String,
    /// The scopes to request (`openid` first).
    pub scopes: Vec<String>,
    /// Federated IdPs to offer a direct button for (`identity_provider=`, no Cognito chooser).
    pub identity_providers: Vec<String>,
    /// Provider conventions; absent: Cognito's for a Cognito issuer, plain OIDC otherwise. Local Cognito needs
    /// `cognito` (its issuer is on loopback).
    pub dialect: Option<DialectSetting>,
    /// Where the tokens live: `memory` (default, lost on reload) or the tab's `session` storage.
    pub token_storage: TokenStorage,
}

/// The keys of the settings.
pub const KEYS: [&str; 9] = [
    "issuer",
    "domain",
    "client_id",
    "redirect_uri",
    "logout_uri",
    "scopes",
    "identity_providers",
    "dialect",
    "token_storage",
];

/// The `dialect` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialectSetting {
    /// Cognito: `/logout?client_id&logout_uri`, JWT access tokens validated as Cognito's.
    Cognito,
    /// Plain OpenID Connect: RP-initiated logout, opaque access tokens.
    Oidc,
}

/// The `token_storage` setting (never localStorage: security-checklist B2 item 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenStorage {
    /// In memory only.
    #[default]
    Memory,
    /// The tab's sessionStorage (survives a reload, not the tab).
    Session,
}

impl Default for DemoSettings {
    /// Local Cognito's demo (examples/local-demo.toml), also the settings in `index.html`.
    fn default() -> Self {
        DemoSettings {
            issuer: "http://127.0.0.1:9229/us-east-1_LocalDemo".into(),
            domain: Some("http://127.0.0.1:9229".into()),
            client_id: "cogfed_demo_spa".into(),
            redirect_uri: "http://127.0.0.1:8080/callback".into(),
            logout_uri: "http://127.0.0.1:8080/".into(),
            scopes: vec!["openid".into(), "email".into(), "profile".into()],
            identity_providers: vec!["Upstream".into()],
            dialect: Some(DialectSetting::Cognito),
            token_storage: TokenStorage::Memory,
        }
    }
}

/// A settings field, for error messages and form labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `issuer`.
    Issuer,
    /// `domain`.
    Domain,
    /// `client_id`.
    ClientId,
    /// `redirect_uri`.
    RedirectUri,
    /// `logout_uri`.
    LogoutUri,
    /// `scopes`.
    Scopes,
    /// `identity_providers`.
    IdentityProviders,
}

impl Field {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Field::Issuer => "issuer",
            Field::Domain => "domain",
            Field::ClientId => "client_id",
            Field::RedirectUri => "redirect_uri",
            Field::LogoutUri => "logout_uri",
            Field::Scopes => "scopes",
            Field::IdentityProviders => "identity_providers",
        }
    }
}

/// A value with the wrong shape: which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    /// The field.
    pub field: Field,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.key(), self.message)
    }
}

/// Parses the page's settings (or a stored override). Errors say which key, or where the JSON breaks.
pub fn parse_settings(json: &str) -> Result<DemoSettings, String> {
    let m = parse_object(json.as_bytes()).map_err(|e| e.to_string())?;
    if let Some((key, _)) = m.members().find(|(k, _)| !KEYS.contains(&&**k)) {
        return Err(format!("unknown key `{key}`; the keys are {}", KEYS.join(", ")));
    }
    let settings = DemoSettings {
        issuer: m.required_string("issuer")?.to_string(),
        domain: m
            .string("domain")?
            .map(|d| d.into_owned())
            .filter(|d| !d.is_empty()),
        client_id: m.required_string("client_id")?.to_string(),
        redirect_uri: m.required_string("redirect_uri")?.to_string(),
        logout_uri: m.required_string("logout_uri")?.to_string(),
        scopes: m.strings("scopes")?.ok_or("scopes is missing")?,
        identity_providers: m.strings("identity_providers")?.unwrap_or_default(),
        dialect: match m.string("dialect")?.as_deref() {
            None => None,
            Some("cognito") => Some(DialectSetting::Cognito),
            Some("oidc") => Some(DialectSetting::Oidc),
            Some(other) => return Err(format!("dialect `{other}` is not cognito or oidc")),
        },
        token_storage: match m.string("token_storage")?.as_deref() {
            None | Some("memory") => TokenStorage::Memory,
            Some("session") => TokenStorage::Session,
            Some(other) => return Err(format!("token_storage `{other}` is not memory or session")),
        },
    };
    match validate(&settings).first() {
        Some(e) => Err(e.to_string()),
        None => Ok(settings),
    }
}

/// The JSON of `s`, in the page settings' shape (what the settings page stores). Written with cogfed-auth's
/// `ObjectWriter`, not serde_json, for the same reason as the parser.
pub fn settings_json(s: &DemoSettings) -> String {
    let mut writer = ObjectWriter::new();
    writer
        .string("issuer", Some(&s.issuer))
        .string("domain", s.domain.as_deref())
        .string("client_id", Some(&s.client_id))
        .string("redirect_uri", Some(&s.redirect_uri))
        .string("logout_uri", Some(&s.logout_uri))
        .strings("scopes", &s.scopes)
        .strings("identity_providers", &s.identity_providers)
        .string(
            "token_storage",
            Some(match s.token_storage {
                TokenStorage::Memory => "memory",
                TokenStorage::Session => "session",
            }),
        );
    if let Some(dialect) = s.dialect {
        writer.string(
            "dialect",
            Some(match dialect {
                DialectSetting::Cognito => "cognito",
                DialectSetting::Oidc => "oidc",
            }),
        );
    }
    writer.finish()
}

/// Every shape problem of `s`, in form order; empty when the settings can be used.
pub fn validate(s: &DemoSettings) -> Vec<SettingsError> {
    let mut errors = Vec::new();
    let mut check = |field, result: Result<(), String>| {
        if let Err(message) = result {
            errors.push(SettingsError { field, message });
        }
    };
    check(Field::Issuer, web_url(&s.issuer, "the issuer"));
    check(Field::Issuer, no_query_or_fragment(&s.issuer, "An issuer"));
    if let Some(domain) = &s.domain {
        check(Field::Domain, hosted_ui_domain(domain));
    }
    // Cognito's client-id pattern holds for Cognito only: other providers use any RFC 6749 client id
    // (Keycloak's `my-app`; found by the e2e interop test against oidc-provider).
    check(
        Field::ClientId,
        if is_cognito(s) {
            client_id(&s.client_id)
        } else {
            oauth_client_id(&s.client_id)
        },
    );
    check(Field::RedirectUri, web_url(&s.redirect_uri, "the redirect URI"));
    // cognito-facts §1.1: the redirect URI must be free of a fragment.
    check(Field::RedirectUri, no_fragment(&s.redirect_uri, "A redirect URI"));
    check(Field::LogoutUri, web_url(&s.logout_uri, "the sign-out URI"));
    check(Field::Scopes, scopes(&s.scopes));
    check(Field::IdentityProviders, provider_names(&s.identity_providers));
    errors
}

/// An absolute `https://` URL, or `http://` on a loopback host (cognito-facts §1.1: HTTPS except localhost).
fn web_url(value: &str, what: &str) -> Result<(), String> {
    let host_and_rest = if let Some(rest) = value.strip_prefix("https://") {
        rest
    } else if let Some(rest) = value.strip_prefix("http://") {
        let host = authority(rest);
        let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
        let hostname = if host.starts_with('[') {
            host.split_once(']')
                .map_or(host, |(h, _)| h)
                .trim_start_matches('[')
        } else {
            host.split(':').next().unwrap_or(host)
        };
        if !matches!(hostname, "127.0.0.1" | "localhost" | "::1") {
            return Err(format!(
                "{what} `{value}` uses http:// on a host that is not loopback; use https:// (http is only for \
                 127.0.0.1, localhost and [::1])"
            ));
        }
        rest
    } else {
        return Err(format!(
            "{what} `{value}` must be an absolute URL starting with https:// (or http:// on 127.0.0.1)"
        ));
    };
    if authority(host_and_rest).is_empty() {
        return Err(format!("{what} `{value}` has no host"));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(format!("{what} `{value}` contains whitespace"));
    }
    Ok(())
}

/// A domain prefix, a custom domain (a host name) or a base URL (scheme, host, port; no path).
fn hosted_ui_domain(value: &str) -> Result<(), String> {
    if value.contains("://") {
        web_url(value, "the hosted UI domain")?;
        let rest = value.split_once("://").map_or("", |(_, r)| r);
        return match rest.trim_end_matches('/').contains(['/', '?', '#']) {
            true => {
                Err("the hosted UI domain is a base URL without a path, e.g. http://127.0.0.1:9229".into())
            }
            false => Ok(()),
        };
    }
    let host_like = !value.is_empty()
        && value.len() <= 253
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !value.starts_with(['-', '.'])
        && !value.ends_with(['-', '.']);
    if host_like {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is not a domain prefix (myapp), a custom domain (auth.example.com) or a base URL \
             (http://127.0.0.1:9229)"
        ))
    }
}

/// The authority part of the text after `scheme://`.
fn authority(rest: &str) -> &str {
    rest.split(['/', '?', '#']).next().unwrap_or("")
}

fn no_fragment(value: &str, what: &str) -> Result<(), String> {
    if value.contains('#') {
        Err(format!("{what} cannot have a #fragment"))
    } else {
        Ok(())
    }
}

fn no_query_or_fragment(value: &str, what: &str) -> Result<(), String> {
    if value.contains(['?', '#']) {
        Err(format!("{what} has no ?query or #fragment"))
    } else {
        Ok(())
    }
}

/// linter-anchors §A4 ClientIdType: `[\w+]+`, 1..128 characters.
fn client_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("the client id is empty: copy it from the app client's settings".into());
    }
    if value.chars().count() > 128 {
        return Err("a client id has at most 128 characters".into());
    }
    match value
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '_' || *c == '+'))
    {
        Some(c) => Err(format!(
            "`{c}` cannot appear in a client id (letters, digits, `_` and `+` only)"
        )),
        None => Ok(()),
    }
}

/// RFC 6749 Appendix A.1: a client id of any OpenID provider is visible ASCII and spaces (`VSCHAR`).
fn oauth_client_id(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("the client id is empty: copy it from the provider's client settings".into());
    }
    match value.chars().find(|c| !matches!(c, ' '..='~')) {
        Some(c) => Err(format!(
            "{} cannot appear in a client id (visible ASCII only, RFC 6749)",
            c.escape_default()
        )),
        None => Ok(()),
    }
}

/// linter-anchors §A4 ScopeType: `[\x21\x23-\x5B\x5D-\x7E]+`, 1..256; cognito-facts §1.1: no ID token without
/// `openid`.
fn scopes(values: &[String]) -> Result<(), String> {
    if !values.iter().any(|s| s == "openid") {
        return Err("the scopes must include openid: without it there is no ID token to sign in with".into());
    }
    for s in values {
        if s.is_empty() || s.len() > 256 {
            return Err(format!("the scope `{s}` must have 1 to 256 characters"));
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_graphic() && *c != '"' && *c != '\\'))
        {
            return Err(format!(
                "the scope `{s}` contains `{}`, which no scope can",
                c.escape_default()
            ));
        }
    }
    Ok(())
}

/// linter-anchors §A4 ProviderNameTypeV2: 1..32 characters, no `_` at either end, no spaces.
fn provider_names(values: &[String]) -> Result<(), String> {
    for name in values {
        let n = name.chars().count();
        if n == 0 || n > 32 {
            return Err(format!("the provider name `{name}` must have 1 to 32 characters"));
        }
        if name.chars().any(char::is_whitespace) {
            return Err(format!("the provider name `{name}` cannot contain spaces"));
        }
        if name.starts_with('_') || name.ends_with('_') {
            return Err(format!("the provider name `{name}` cannot start or end with `_`"));
        }
    }
    Ok(())
}

/// The sign-in configuration of `s` for [`cogfed_leptos::AuthProvider`]. With a `domain` and the Cognito
/// dialect (the default for a Cognito issuer), the endpoints are Cognito's on that domain: no discovery
/// request before the code exchange. Otherwise discovery from the issuer, with the dialect when set (Local
/// Cognito found by discovery must say `cognito`: its issuer is on loopback).
pub fn auth_config(s: &DemoSettings) -> cogfed_leptos::AuthConfig {
    use cogfed_leptos::{AuthConfig, Dialect, StoragePolicy};
    let cognito = match s.dialect {
        Some(DialectSetting::Cognito) => true,
        Some(DialectSetting::Oidc) => false,
        None => cogfed_leptos::config::is_cognito(&s.issuer),
    };
    let mut config = match s.domain.as_deref().filter(|_| cognito) {
        Some(domain) => AuthConfig::cognito_at(
            &s.issuer,
            domain_url(&s.issuer, domain),
            &s.client_id,
            &s.redirect_uri,
        ),
        None => AuthConfig::issuer(&s.issuer, &s.client_id, &s.redirect_uri),
    };
    config = config
        .with_logout_uri(&s.logout_uri)
        .with_scopes(s.scopes.iter().cloned())
        .with_storage(match s.token_storage {
            TokenStorage::Memory => StoragePolicy::Memory,
            TokenStorage::Session => StoragePolicy::SessionStorage,
        });
    if let Some(dialect) = s.dialect {
        config = config.with_dialect(match dialect {
            DialectSetting::Cognito => Dialect::Cognito,
            DialectSetting::Oidc => Dialect::Oidc,
        });
    }
    config
}

/// The base URL of a hosted UI `domain`: as given when it is a URL; a custom domain over https; a prefix on the
/// pool's region (`https://{prefix}.auth.{region}.amazoncognito.com`, the region from the issuer's pool id).
pub fn domain_url(issuer: &str, domain: &str) -> String {
    if domain.contains("://") {
        return domain.trim_end_matches('/').to_string();
    }
    if domain.contains('.') {
        return format!("https://{domain}");
    }
    let pool = issuer.rsplit('/').next().unwrap_or_default();
    let region = pool.split('_').next().unwrap_or_default();
    format!("https://{domain}.auth.{region}.amazoncognito.com")
}

/// Whether `s` talks to Cognito (or Local Cognito): local accounts (`identity_provider=COGNITO`) and IdP
/// buttons make sense only there.
pub fn is_cognito(s: &DemoSettings) -> bool {
    auth_config(s).dialect == cogfed_leptos::Dialect::Cognito
}

/// Splits a form field holding a list (scopes, provider names): separated by spaces, commas or new lines.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON of the page's settings block in the committed `index.html`.
    fn page_settings() -> String {
        let html = include_str!("../../index.html");
        let open = r#"<script type="application/json" id="cogfed-settings">"#;
        let start = html.find(open).expect("index.html has the settings block") + open.len();
        let end = start + html[start..].find("</script>").expect("the block ends");
        html[start..end].to_string()
    }

    #[test]
    fn the_settings_in_index_html_are_the_local_cognito_default() {
        assert_eq!(parse_settings(&page_settings()), Ok(DemoSettings::default()));
    }

    #[test]
    fn a_hosted_ui_domain_derives_the_endpoints_without_discovery() {
        let cognito = DemoSettings {
            issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC".into(),
            domain: Some("myapp".into()),
            redirect_uri: "https://app.example.com/callback".into(),
            dialect: None,
            ..DemoSettings::default()
        };
        let e = auth_config(&cognito).static_endpoints().unwrap().unwrap();
        assert_eq!(
            e.token_endpoint,
            "https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/token"
        );
        assert_eq!(
            domain_url(&cognito.issuer, "auth.example.com"),
            "https://auth.example.com"
        );
        let local = auth_config(&DemoSettings::default());
        let e = local.static_endpoints().unwrap().unwrap();
        assert_eq!(e.authorization_endpoint, "http://127.0.0.1:9229/oauth2/authorize");
        let discovered = DemoSettings {
            domain: None,
            ..DemoSettings::default()
        };
        assert_eq!(auth_config(&discovered).static_endpoints(), Ok(None));
        for bad in ["http://auth.example.com", "https://a/b", "My App", "-x"] {
            let s = DemoSettings {
                domain: Some(bad.into()),
                ..DemoSettings::default()
            };
            assert!(validate(&s).iter().any(|e| e.field == Field::Domain), "{bad}");
        }
    }

    #[test]
    fn unknown_keys_wrong_types_and_bad_json_are_reported() {
        let e = parse_settings("{\n  \"isuer\": \"x\"\n}").unwrap_err();
        assert!(e.contains("unknown key `isuer`"), "{e}");
        let e = parse_settings("{").unwrap_err();
        assert!(e.contains("invalid JSON"), "{e}");
        let e = parse_settings(r#"{"issuer": 1}"#).unwrap_err();
        assert!(e.contains("issuer is not a string"), "{e}");
        let mut v: serde_json::Value =
            serde_json::from_str(&settings_json(&DemoSettings::default())).unwrap();
        v["dialect"] = "saml".into();
        assert!(
            parse_settings(&v.to_string())
                .unwrap_err()
                .contains("dialect `saml`")
        );
    }

    #[test]
    fn stored_settings_round_trip() {
        let mut s = DemoSettings::default();
        assert_eq!(parse_settings(&settings_json(&s)), Ok(s.clone()));
        s.dialect = None;
        s.token_storage = TokenStorage::Session;
        s.identity_providers.clear();
        assert_eq!(parse_settings(&settings_json(&s)), Ok(s));
    }

    #[test]
    fn urls_must_be_https_or_loopback_http() {
        let mut s = DemoSettings::default();
        assert!(validate(&s).is_empty(), "{:?}", validate(&s));
        s.issuer = "http://cognito.example.com/pool".into();
        s.redirect_uri = "https://app.example.com/cb#x".into();
        s.logout_uri = "/".into();
        let fields: Vec<Field> = validate(&s).iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::Issuer, Field::RedirectUri, Field::LogoutUri]);
        for ok in [
            "http://localhost:3000/cb",
            "http://[::1]:8080/",
            "https://a.example/x?y=1",
        ] {
            assert_eq!(web_url(ok, "x"), Ok(()), "{ok}");
        }
        for bad in [
            "http://127.0.0.1.evil.example/",
            "http://user@evil.example/",
            "https:///path",
            "ftp://x/",
        ] {
            assert!(web_url(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn client_ids_scopes_and_provider_names_follow_the_aws_patterns() {
        assert!(client_id("7lhdbv12q1ud9rgg7g779u8va7").is_ok());
        assert!(client_id("a-b").unwrap_err().contains("`-`"));
        assert!(client_id("").is_err());
        // Any other provider: RFC 6749 client ids, hyphens included.
        assert!(oauth_client_id("cogfed-interop-spa").is_ok());
        assert!(oauth_client_id("").is_err());
        assert!(oauth_client_id("a\u{7f}b").is_err());
        let generic = DemoSettings {
            issuer: "http://127.0.0.1:9000".into(),
            client_id: "my-app".into(),
            dialect: Some(DialectSetting::Oidc),
            ..DemoSettings::default()
        };
        assert_eq!(validate(&generic), vec![]);
        let cognito = DemoSettings {
            client_id: "my-app".into(),
            ..DemoSettings::default()
        };
        assert_eq!(validate(&cognito).first().map(|e| e.field), Some(Field::ClientId));
        assert!(scopes(&["email".into()]).unwrap_err().contains("openid"));
        assert!(scopes(&["openid".into(), "api.example.com/read".into()]).is_ok());
        assert!(scopes(&["openid".into(), "a\"b".into()]).is_err());
        assert!(
            provider_names(&["Upstream".into(), "My Okta".into()])
                .unwrap_err()
                .contains("spaces")
        );
        assert!(provider_names(&["_x".into()]).is_err());
    }

    #[test]
    fn settings_become_the_providers_configuration() {
        let s = DemoSettings::default();
        let c = auth_config(&s);
        assert_eq!(
            c.expected_issuer().as_deref(),
            Ok("http://127.0.0.1:9229/us-east-1_LocalDemo")
        );
        assert_eq!(
            c.dialect,
            cogfed_leptos::Dialect::Cognito,
            "Local Cognito is said to be Cognito"
        );
        assert_eq!(c.logout_uri.as_deref(), Some("http://127.0.0.1:8080/"));
        assert_eq!(c.storage, cogfed_leptos::StoragePolicy::Memory);
        assert!(c.validate().is_ok(), "{:?}", c.validate());
        let generic = DemoSettings {
            issuer: "http://127.0.0.1:9000".into(),
            dialect: None,
            ..s.clone()
        };
        assert!(
            !is_cognito(&generic),
            "a loopback issuer without a dialect is plain OIDC"
        );
        let real = DemoSettings {
            issuer: "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123".into(),
            dialect: None,
            token_storage: TokenStorage::Session,
            ..s
        };
        assert!(is_cognito(&real));
        assert_eq!(
            auth_config(&real).storage,
            cogfed_leptos::StoragePolicy::SessionStorage
        );
    }

    #[test]
    fn list_fields_split_on_spaces_commas_and_lines() {
        assert_eq!(
            split_list(" openid, email\nprofile  "),
            vec!["openid", "email", "profile"]
        );
        assert!(split_list(" , ").is_empty());
    }
}
