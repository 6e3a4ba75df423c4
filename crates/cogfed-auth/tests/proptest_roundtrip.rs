//! Property tests: every parameter of the authorize URL and of the callback survives encode → decode
//! exactly, for arbitrary Unicode strings; and the parsers never panic on arbitrary input.

use cogfed_auth::authorize::{AuthorizeOptions, AuthorizeRequest, Prompt, build_authorize_url};
use cogfed_auth::callback::parse_callback_url;
use cogfed_auth::url::{encode_component, parse_query, with_query};
use cogfed_auth::{CodeVerifier, Jwt};
use proptest::prelude::*;
use std::collections::HashMap;

fn non_empty() -> impl Strategy<Value = String> {
    any::<String>().prop_filter("non-empty", |s| !s.is_empty())
}

fn scope_token() -> impl Strategy<Value = String> {
    // RFC 6749 §3.3: %x21 / %x23-5B / %x5D-7E.
    proptest::collection::vec(prop_oneof![Just(0x21u8), 0x23u8..=0x5B, 0x5Du8..=0x7E], 1..20)
        .prop_map(|bytes| bytes.into_iter().map(char::from).collect())
}

fn prompt() -> impl Strategy<Value = Vec<Prompt>> {
    prop_oneof![
        Just(vec![]),
        Just(vec![Prompt::None]),
        proptest::collection::vec(
            prop_oneof![
                Just(Prompt::Login),
                Just(Prompt::Consent),
                Just(Prompt::SelectAccount)
            ],
            1..4
        ),
    ]
}

fn query_map(url: &str) -> HashMap<String, String> {
    let query = url.split_once('?').map(|(_, q)| q).unwrap_or_default();
    parse_query(query).expect("decodes").into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn authorize_url_round_trips_every_parameter(
        client_id in non_empty(),
        state in non_empty(),
        nonce in non_empty(),
        path in any::<String>(),
        redirect_query in any::<String>(),
        scopes in proptest::collection::vec(scope_token(), 0..5),
        identity_provider in proptest::option::of(non_empty()),
        lang in proptest::option::of(non_empty()),
        login_hint in proptest::option::of(non_empty()),
        prompt in prompt(),
        resource_path in proptest::option::of(any::<String>()),
        octets in any::<[u8; 32]>(),
    ) {
        let redirect_uri = format!("https://app.example.com/{}?q={}", encode_component(&path), encode_component(&redirect_query));
        let resource = resource_path.map(|p| format!("https://api.example.com/{}", encode_component(&p)));
        let request = AuthorizeRequest {
            client_id: client_id.clone(),
            redirect_uri: redirect_uri.clone(),
            state: state.clone(),
            nonce: nonce.clone(),
            code_challenge: CodeVerifier::from_octets(&octets).challenge(),
            scopes: scopes.clone(),
            options: AuthorizeOptions {
                identity_provider: identity_provider.clone(),
                idp_identifier: None,
                lang: lang.clone(),
                login_hint: login_hint.clone(),
                prompt: prompt.clone(),
                resource: resource.clone(),
            },
        };
        let url = build_authorize_url("https://d.auth.us-east-1.amazoncognito.com/oauth2/authorize", &request).expect("valid request");
        // Strict encoding: nothing outside unreserved characters and the query syntax appears.
        let (_, query) = url.split_once('?').expect("query");
        prop_assert!(query.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%&=".contains(&b)), "{}", query);
        let q = query_map(&url);
        prop_assert_eq!(q.get("response_type").map(String::as_str), Some("code"));
        prop_assert_eq!(q.get("code_challenge_method").map(String::as_str), Some("S256"));
        prop_assert_eq!(q.get("client_id"), Some(&client_id));
        prop_assert_eq!(q.get("redirect_uri"), Some(&redirect_uri));
        prop_assert_eq!(q.get("state"), Some(&state));
        prop_assert_eq!(q.get("nonce"), Some(&nonce));
        prop_assert_eq!(q.get("code_challenge").map(String::as_str), Some(request.code_challenge.as_str()));
        prop_assert_eq!(q.get("scope").cloned(), (!scopes.is_empty()).then(|| scopes.join(" ")));
        prop_assert_eq!(q.get("identity_provider"), identity_provider.as_ref());
        prop_assert_eq!(q.get("lang"), lang.as_ref());
        prop_assert_eq!(q.get("login_hint"), login_hint.as_ref());
        let expected_prompt = prompt.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(" ");
        prop_assert_eq!(q.get("prompt").cloned(), (!expected_prompt.is_empty()).then_some(expected_prompt));
        prop_assert_eq!(q.get("resource"), resource.as_ref());
    }

    #[test]
    fn callback_round_trips_code_state_and_iss(code in non_empty(), state in non_empty(), iss in non_empty(), path in any::<String>()) {
        let base = format!("https://app.example.com/{}", encode_component(&path));
        let url = with_query(&base, &[("code", &code), ("state", &state), ("iss", &iss)]);
        let params = parse_callback_url(&url).expect("parses");
        prop_assert_eq!(params.code, Some(code));
        prop_assert_eq!(params.state, Some(state));
        prop_assert_eq!(params.iss, Some(iss));
        prop_assert_eq!(params.error, None);
    }

    #[test]
    fn callback_round_trips_error_responses(
        error in non_empty(),
        description in any::<String>(),
        error_uri in any::<String>(),
        state in non_empty(),
    ) {
        let url = with_query("http://localhost:3000/cb", &[("error", &error), ("error_description", &description), ("error_uri", &error_uri), ("state", &state)]);
        let params = parse_callback_url(&url).expect("parses");
        prop_assert_eq!(params.error, Some(error));
        prop_assert_eq!(params.error_description, Some(description));
        prop_assert_eq!(params.error_uri, Some(error_uri));
        prop_assert_eq!(params.state, Some(state));
        prop_assert_eq!(params.code, None);
    }

    #[test]
    fn form_encoded_plus_is_a_space_and_percent_2b_a_plus(words in proptest::collection::vec("[a-z]{1,8}", 1..6)) {
        let plus_form = format!("https://app/cb?state=s&error=e&error_description={}", words.join("+"));
        let params = parse_callback_url(&plus_form).expect("parses");
        prop_assert_eq!(params.error_description, Some(words.join(" ")));
        let literal_plus = format!("https://app/cb?state=s&error=e&error_description={}", words.join("%2B"));
        prop_assert_eq!(parse_callback_url(&literal_plus).expect("parses").error_description, Some(words.join("+")));
    }

    #[test]
    fn callback_parser_never_panics(input in any::<String>()) {
        let _ = parse_callback_url(&input);
        let _ = parse_callback_url(&format!("https://app.example.com/cb?{input}"));
    }

    #[test]
    fn jwt_parser_never_panics(input in any::<String>(), header in any::<Vec<u8>>(), payload in any::<Vec<u8>>(), sig in any::<Vec<u8>>()) {
        let _ = Jwt::parse(&input);
        let _ = cogfed_auth::jwt::inspect(&input);
        let b = cogfed_auth::base64url::encode;
        let assembled = format!("{}.{}.{}", b(&header), b(&payload), b(&sig));
        let _ = Jwt::parse(&assembled);
    }

    #[test]
    fn jwt_parser_never_panics_on_json_shaped_input(members in proptest::collection::vec((any::<String>(), any::<i64>()), 0..8)) {
        let body: Vec<String> = members.iter().map(|(k, v)| format!("{}:{v}", serde_json::to_string(k).expect("json"))).collect();
        let payload = format!("{{{}}}", body.join(","));
        let b = cogfed_auth::base64url::encode;
        let token = format!("{}.{}.{}", b(br#"{"alg":"RS256"}"#), b(payload.as_bytes()), b(b"sig"));
        // Typed and untyped views agree: whenever both exist, the typed `exp` is the JSON `exp`.
        if let Ok(jwt) = Jwt::parse(&token) {
            let json_exp = jwt.claims.json().get("exp").and_then(|v| v.as_u64());
            prop_assert_eq!(jwt.claims.exp, json_exp);
        }
    }
}
