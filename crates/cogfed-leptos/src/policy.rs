//! The runtime's decisions as pure functions: is this URL a callback, when to refresh, where to go after
//! sign-in, which failures end a session, which logout URL to navigate to.

use crate::config::AuthConfig;
use crate::state::AuthError;
use crate::url_cleanup::is_safe_return_path;
use cogfed_auth::Endpoints;
use cogfed_auth::callback::{CallbackError, parse_callback_url};
use cogfed_auth::endpoints::{EndpointError, LogoutStyle};
use cogfed_auth::logout::{LogoutError, cognito_logout_url, rp_initiated_logout_url};
use cogfed_auth::url::AbsoluteUrl;

/// The longest delay a browser timer accepts (2^31 - 1 ms, about 24.8 days); longer ones fire at once.
pub const MAX_TIMER_SECS: u64 = (i32::MAX as u64) / 1000;
/// After a transient refresh failure, try again this much later.
pub const RETRY_AFTER_SECS: u64 = 30;

/// True when the browser is on the redirect URI (same origin and path) with an authorization response, or
/// with something the callback parser rejects for a reason worth showing (a duplicated parameter, a
/// response in the fragment). A visit to the callback path without a response is not a callback.
pub fn is_callback_url(href: &str, redirect_uri: &str) -> bool {
    let (Ok(here), Ok(redirect)) = (AbsoluteUrl::parse(href), AbsoluteUrl::parse(redirect_uri)) else {
        return false;
    };
    here.endpoint_key() == redirect.endpoint_key()
        && !matches!(
            parse_callback_url(href),
            Err(CallbackError::NotAnAuthorizationResponse)
        )
}

/// The return path to record when `sign_in` was given none: where the user is now (path, query and
/// fragment), unless that is the callback page itself.
pub fn default_return_to(href: &str, redirect_uri: &str) -> Option<String> {
    let here = AbsoluteUrl::parse(href).ok()?;
    let redirect = AbsoluteUrl::parse(redirect_uri).ok()?;
    if here.endpoint_key() == redirect.endpoint_key() {
        return None;
    }
    let mut path = if here.path().is_empty() {
        "/".to_owned()
    } else {
        here.path().to_owned()
    };
    if let Some(query) = here.query() {
        path.push('?');
        path.push_str(query);
    }
    if let Some(fragment) = here.fragment() {
        path.push('#');
        path.push_str(fragment);
    }
    Some(path)
}

/// The return path to navigate to after sign-in, if it is a safe same-origin path.
pub fn return_path(return_to: Option<&str>) -> Option<&str> {
    return_to.filter(|path| is_safe_return_path(path))
}

/// True when the access token expiring at `expires_at` should be refreshed at `now`.
pub fn refresh_due(now: u64, expires_at: u64, leeway_secs: u64) -> bool {
    now >= expires_at.saturating_sub(leeway_secs)
}

/// Seconds until the refresh timer should fire: `leeway_secs` before expiry, never negative, and capped at
/// what a browser timer can hold (the timer re-checks and re-arms when it fires early).
///
/// A token with no more than `leeway_secs` left, such as a fresh token from a provider whose tokens live
/// shorter than the leeway, is refreshed at half its remaining life instead of at once: at once, its
/// successor would be just as short and refreshed at once too, a loop hammering the token endpoint (found by
/// the e2e refresh flow with 30-second tokens: hundreds of token requests a second).
pub fn refresh_delay_secs(now: u64, expires_at: u64, leeway_secs: u64) -> u64 {
    let remaining = expires_at.saturating_sub(now);
    let delay = if remaining > leeway_secs {
        remaining - leeway_secs
    } else {
        remaining / 2
    };
    delay.min(MAX_TIMER_SECS)
}

/// Failures a retry may cure: the network, a CORS refusal, a timeout, a busy lock. They keep the session;
/// anything else (the provider refused the refresh token, a refreshed token failed verification, the
/// session moved to another tab) ends it.
pub fn is_transient(error: &AuthError) -> bool {
    match error {
        AuthError::Flow(flow) => flow.is_transient(),
        AuthError::Config(crate::config::ConfigError::Endpoint(EndpointError::Http(_))) => true,
        #[cfg(feature = "session-storage")]
        AuthError::Lock(_) => true,
        AuthError::Storage(_) | AuthError::Browser(_) => true,
        _ => false,
    }
}

/// The URL that ends the provider's session, if the provider has one and a sign-out URL is configured:
/// Cognito `/logout?client_id&logout_uri` (cognito-facts §1.5), or OIDC RP-initiated logout with
/// `post_logout_redirect_uri` and `id_token_hint`.
pub fn logout_url(
    endpoints: &Endpoints,
    config: &AuthConfig,
    id_token: Option<&str>,
) -> Result<Option<String>, LogoutError> {
    let (Some(end_session), Some(logout_uri)) = (&endpoints.end_session_endpoint, &config.logout_uri) else {
        return Ok(None);
    };
    match endpoints.logout_style {
        LogoutStyle::Cognito => cognito_logout_url(end_session, &config.client_id, logout_uri).map(Some),
        LogoutStyle::RpInitiated => {
            rp_initiated_logout_url(end_session, &config.client_id, logout_uri, id_token).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dialect;
    use cogfed_auth::HttpError;
    use cogfed_auth::flow::FlowError;

    const REDIRECT: &str = "https://app.example.com/callback";

    #[test]
    fn callback_detection() {
        assert!(is_callback_url(
            "https://app.example.com/callback?code=a&state=s",
            REDIRECT
        ));
        assert!(is_callback_url(
            "https://APP.example.com:443/callback?error=access_denied",
            REDIRECT
        ));
        assert!(
            is_callback_url("https://app.example.com/callback?code=a&code=b", REDIRECT),
            "a malformed response is still handled (and reported)"
        );
        assert!(!is_callback_url("https://app.example.com/callback", REDIRECT));
        assert!(!is_callback_url("https://app.example.com/callback?x=1", REDIRECT));
        assert!(!is_callback_url(
            "https://app.example.com/other?code=a&state=s",
            REDIRECT
        ));
        assert!(!is_callback_url(
            "https://evil.example.com/callback?code=a&state=s",
            REDIRECT
        ));
    }

    #[test]
    fn return_to_defaults_to_the_current_page() {
        assert_eq!(
            default_return_to("https://app.example.com/orders?id=3#top", REDIRECT),
            Some("/orders?id=3#top".into())
        );
        assert_eq!(
            default_return_to("https://app.example.com", REDIRECT),
            Some("/".into())
        );
        assert_eq!(
            default_return_to("https://app.example.com/callback?x", REDIRECT),
            None
        );
        assert_eq!(return_path(Some("//evil.example")), None);
        assert_eq!(return_path(Some("/ok")), Some("/ok"));
    }

    #[test]
    fn refresh_timing() {
        assert!(!refresh_due(1000, 2000, 60));
        assert!(refresh_due(1940, 2000, 60));
        assert!(refresh_due(5000, 2000, 60));
        assert_eq!(refresh_delay_secs(1000, 2000, 60), 940);
        assert_eq!(refresh_delay_secs(3000, 2000, 60), 0);
        assert_eq!(refresh_delay_secs(0, u64::MAX, 60), MAX_TIMER_SECS);
        assert_eq!(
            refresh_delay_secs(1940, 2000, 60),
            30,
            "within the leeway: at half the rest"
        );
        assert_eq!(refresh_delay_secs(1999, 2000, 60), 0);
        assert_eq!(
            refresh_delay_secs(0, 30, 60),
            15,
            "leeway longer than the lifetime: at half-life, not at once"
        );
    }

    #[test]
    fn tokens_shorter_than_the_leeway_do_not_loop() {
        // 30-second tokens, a 60-second leeway: each token is refreshed once, when the timer fires, and is
        // then due; the next timer is armed for later again (never 0, which would refresh on arrival forever).
        let (lifetime, leeway) = (30, 60);
        let mut now = 1_000;
        for _ in 0..10 {
            let expires_at = now + lifetime;
            let delay = refresh_delay_secs(now, expires_at, leeway);
            assert!(delay > 0 && delay < lifetime, "delay {delay}");
            now += delay;
            assert!(refresh_due(now, expires_at, leeway), "due when the timer fires");
        }
    }

    #[test]
    fn which_failures_end_the_session() {
        let http = AuthError::Flow(FlowError::Http(HttpError {
            url: "u".into(),
            reason: "offline".into(),
        }));
        assert!(is_transient(&http));
        assert!(!is_transient(&AuthError::SessionMoved));
        assert!(!is_transient(&AuthError::Flow(FlowError::MissingIdToken)));
    }

    fn endpoints(style: LogoutStyle) -> Endpoints {
        let mut e = cogfed_auth::CognitoPool {
            pool_id: cogfed_auth::UserPoolId::parse("us-east-1_Abc").unwrap(),
            domain: cogfed_auth::PoolDomain::Prefix("myapp".into()),
            issuer_form: cogfed_auth::IssuerForm::Original,
        }
        .endpoints()
        .unwrap();
        e.logout_style = style;
        e
    }

    #[test]
    fn logout_urls_follow_the_dialect() {
        let config = AuthConfig::cognito("us-east-1_Abc", "myapp", "cid", REDIRECT);
        assert_eq!(
            logout_url(&endpoints(LogoutStyle::Cognito), &config, None),
            Ok(None)
        );
        let config = config.with_logout_uri("https://app.example.com/");
        assert_eq!(
            logout_url(&endpoints(LogoutStyle::Cognito), &config, Some("idt"))
                .unwrap()
                .as_deref(),
            Some(
                "https://myapp.auth.us-east-1.amazoncognito.com/logout?client_id=cid&logout_uri=https%3A%2F%2Fapp.example.com%2F"
            ),
            "Cognito ignores id_token_hint and post_logout_redirect_uri (cognito-facts §1.5)"
        );
        let oidc = config.with_dialect(Dialect::Oidc);
        let url = logout_url(&endpoints(LogoutStyle::RpInitiated), &oidc, Some("idt"))
            .unwrap()
            .unwrap();
        assert!(
            url.contains("post_logout_redirect_uri=") && url.contains("id_token_hint=idt"),
            "{url}"
        );
    }
}
