use super::*;

fn pool() -> AuthConfig {
    AuthConfig::cognito(
        "eu-west-1_AbCd123",
        "myapp",
        "client123",
        "https://app.example.com/callback",
    )
}

#[test]
fn cognito_config_derives_issuer_and_validates() {
    assert_eq!(
        pool().expected_issuer().unwrap(),
        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCd123"
    );
    assert!(pool().validate().is_ok());
    assert_eq!(
        pool_domain("auth.example.com"),
        PoolDomain::Custom("auth.example.com".into())
    );
    assert_eq!(pool().dialect, Dialect::Cognito);
    assert_eq!(pool().storage, StoragePolicy::Memory, "memory is the default");
    let endpoints = pool().static_endpoints().unwrap().unwrap();
    assert_eq!(
        endpoints.token_endpoint,
        "https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/token"
    );
    assert!(endpoints.cognito_tokens);
}

#[test]
fn a_cognito_compatible_provider_on_loopback_needs_no_discovery() {
    let local = AuthConfig::cognito_at(
        "http://127.0.0.1:9229/us-east-1_LocalDemo",
        "http://127.0.0.1:9229/",
        "cogfed_demo_spa",
        "http://127.0.0.1:8080/callback",
    );
    assert_eq!(local.dialect, Dialect::Cognito);
    let e = local.static_endpoints().unwrap().unwrap();
    assert_eq!(e.issuer, "http://127.0.0.1:9229/us-east-1_LocalDemo");
    assert_eq!(
        e.jwks_uri,
        "http://127.0.0.1:9229/us-east-1_LocalDemo/.well-known/jwks.json"
    );
    assert_eq!(e.authorization_endpoint, "http://127.0.0.1:9229/oauth2/authorize");
    assert_eq!(
        e.end_session_endpoint.as_deref(),
        Some("http://127.0.0.1:9229/logout")
    );
    assert_eq!(e.logout_style, LogoutStyle::Cognito);
    let insecure = AuthConfig::cognito_at(
        "http://127.0.0.1:9229/us-east-1_LocalDemo",
        "http://auth.example.com",
        "c",
        "http://127.0.0.1:8080/callback",
    );
    assert!(matches!(
        insecure.static_endpoints(),
        Err(ConfigError::Endpoint(EndpointError::Insecure { .. }))
    ));
}

#[test]
fn config_mistakes_are_named() {
    let mut c = pool();
    c.client_id.clear();
    assert_eq!(c.validate(), Err(ConfigError::EmptyClientId));
    assert_eq!(
        pool().with_scopes(["email"]).validate(),
        Err(ConfigError::NoOpenidScope)
    );
    let c = AuthConfig::cognito("not-a-pool", "myapp", "c", "https://app.example.com/cb");
    assert!(matches!(
        c.validate(),
        Err(ConfigError::Endpoint(EndpointError::PoolId(_)))
    ));
    let c = AuthConfig::cognito("eu-west-1_AbCd123", "myapp", "c", "http://app.example.com/cb");
    assert!(matches!(
        c.validate(),
        Err(ConfigError::Uri {
            field: "redirect_uri",
            ..
        })
    ));
    let c = pool().with_logout_uri("https://app.example.com/#x");
    assert!(matches!(
        c.validate(),
        Err(ConfigError::Uri {
            field: "logout_uri",
            ..
        })
    ));
    let c = AuthConfig::cognito_at(
        "https://op.example.com?x=1",
        "https://op.example.com",
        "c",
        "https://app.example.com/cb",
    );
    assert!(matches!(c.validate(), Err(ConfigError::Endpoint(_))));
}

#[cfg(feature = "discovery")]
#[test]
fn dialect_follows_the_issuer_unless_set() {
    let cognito = AuthConfig::issuer(
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X1",
        "c",
        "https://app.example.com/cb",
    );
    assert_eq!(cognito.dialect, Dialect::Cognito);
    let local = AuthConfig::issuer(
        "http://127.0.0.1:9229/us-east-1_LocalDemo",
        "c",
        "http://127.0.0.1:8080/cb",
    );
    assert_eq!(local.dialect, Dialect::Oidc);
    assert_eq!(local.static_endpoints(), Ok(None), "discovered, not derived");
    assert_eq!(local.with_dialect(Dialect::Cognito).dialect, Dialect::Cognito);
}
