//! Browser tests in headless Chromium (wasm-bindgen-test):
//! `cargo test -p cogfed-leptos --target wasm32-unknown-unknown` (never with `-q`).
//!
//! Real sessionStorage, localStorage, History API, WebCrypto and Web Locks; the provider is a fake behind
//! `window.fetch` that issues tokens signed with WebCrypto keys generated in the test.

#![cfg(target_arch = "wasm32")]

mod support;

use cogfed_auth::callback::CallbackError;
use cogfed_auth::flow::FlowError;
use cogfed_auth::jwks::JwkSet;
use cogfed_auth::verify::{SignatureError, verify_signature};
use cogfed_auth::{
    Check, CodeVerifier, Jwt, PendingTransaction, SignatureVerifier, Taken, TransactionStore,
    VerificationKey, complete_callback,
};
use cogfed_leptos::lock::{self, LockBackend, LockError};
use cogfed_leptos::{
    Auth, AuthConfig, AuthError, AuthProvider, AuthState, BrowserClock, Dialect, Operation, RequireAuth,
    SessionTransactionStore, SignInOptions, StoragePolicy, UserInfo, WebCryptoVerifier, url_cleanup,
    use_auth,
};
use leptos::prelude::*;
use serde_json::{Value, json};
use std::cell::RefCell;
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RT1: &str = "refresh-ONE-b1e4c0";
const RT2: &str = "refresh-TWO-97aa12";

fn config(client_id: &str, storage: StoragePolicy) -> AuthConfig {
    let origin = origin();
    AuthConfig::issuer(ISSUER, client_id, format!("{origin}/callback"))
        .with_dialect(Dialect::Cognito)
        .with_logout_uri(format!("{origin}/"))
        .with_storage(storage)
}

/// The same configuration as seen by a new page load: an otherwise irrelevant setting differs, so the
/// page-wide registry starts a new runtime, as a real reload would.
fn page_load(base: &AuthConfig, n: u32) -> AuthConfig {
    let mut config = base.clone();
    config.http_timeout_ms += n;
    config
}

fn verification_key(jwk: &Value) -> VerificationKey {
    let set = JwkSet::parse(&json!({ "keys": [jwk] }).to_string()).unwrap();
    set.keys[0].to_verification_key().unwrap()
}

fn assert_no_token_in(storage: &web_sys::Storage, tokens: &[&str], area: &str) {
    for (key, value) in entries(storage) {
        for token in tokens {
            assert!(
                !value.contains(token) && !key.contains(token),
                "{area} entry {key:?} holds a token"
            );
        }
    }
}

fn token_response(id: &str, access: &str, refresh: Option<&str>) -> Value {
    let mut body =
        json!({"access_token": access, "id_token": id, "token_type": "Bearer", "expires_in": 3600});
    if let Some(refresh) = refresh {
        body["refresh_token"] = json!(refresh);
    }
    body
}

fn transaction(state: &str, created_at: u64) -> PendingTransaction {
    PendingTransaction {
        state: state.into(),
        nonce: "nonce".into(),
        code_verifier: CodeVerifier::from_octets(&[5; 32]),
        redirect_uri: format!("{}/callback", origin()),
        return_to: None,
        created_at,
        issuer: ISSUER.into(),
        require_iss_parameter: false,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Transaction store on the real sessionStorage

#[wasm_bindgen_test]
fn transaction_store_is_single_use_and_remembers_replays() {
    clear_storage();
    let mut store = SessionTransactionStore::open().unwrap();
    let tx = transaction("browser-state-1", now());
    store.put(tx.clone()).unwrap();
    assert!(
        session_storage()
            .get_item("cogfed.tx.browser-state-1")
            .unwrap()
            .is_some()
    );
    assert_eq!(store.take("browser-state-1").unwrap(), Taken::Pending(tx));
    assert_eq!(
        session_storage().get_item("cogfed.tx.browser-state-1").unwrap(),
        None
    );
    assert_eq!(store.take("browser-state-1").unwrap(), Taken::AlreadyConsumed);
    let mut after_reload = SessionTransactionStore::open().unwrap();
    assert_eq!(
        after_reload.take("browser-state-1").unwrap(),
        Taken::AlreadyConsumed
    );
    assert_eq!(after_reload.take("never-issued").unwrap(), Taken::Unknown);
    assert!(
        entries(&local_storage())
            .iter()
            .all(|(k, _)| !k.starts_with("cogfed.")),
        "transactions never go to localStorage"
    );
    clear_storage();
}

#[wasm_bindgen_test]
fn transaction_expires_after_ten_minutes() {
    clear_storage();
    let mut store = SessionTransactionStore::open().unwrap();
    let clock_now = cogfed_auth::Clock::now_unix(&BrowserClock);
    store.put(transaction("fresh-enough", clock_now - 590)).unwrap();
    store.put(transaction("too-old", clock_now - 601)).unwrap();
    let url = |state: &str| format!("{}/callback?code=c&state={state}", origin());
    assert!(complete_callback(&url("fresh-enough"), &mut store, clock_now).is_ok());
    match complete_callback(&url("too-old"), &mut store, clock_now) {
        Err(CallbackError::Expired { age_secs, limit_secs }) => {
            assert_eq!(limit_secs, 600);
            assert!(age_secs >= 601);
        }
        other => panic!("{other:?}"),
    }
    clear_storage();
}

// ---------------------------------------------------------------------------------------------------------
// WebCrypto

#[wasm_bindgen_test]
async fn webcrypto_accepts_valid_and_rejects_tampered_and_wrong_key() {
    let key = generate_key("k1").await;
    let other = generate_key("k2").await;
    let token = sign(&key, &json!({"sub": "user-1", "iss": "https://op.example"})).await;
    let jwt = Jwt::parse(&token).unwrap();
    let verifier = WebCryptoVerifier::new();
    let right = verification_key(&key.jwk);
    assert_eq!(
        verify_signature(&verifier, &right, jwt.signing_input(), jwt.signature()).await,
        Ok(())
    );
    // Tampered payload, original signature.
    let mut parts: Vec<&str> = token.split('.').collect();
    let forged_payload = b64(json!({"sub": "admin", "iss": "https://op.example"})
        .to_string()
        .as_bytes());
    parts[1] = &forged_payload;
    let tampered = Jwt::parse(&parts.join(".")).unwrap();
    assert_eq!(
        verify_signature(&verifier, &right, tampered.signing_input(), tampered.signature()).await,
        Err(SignatureError::Invalid(Some("k1".into())))
    );
    assert_eq!(
        verifier
            .verify(&right, tampered.signing_input(), tampered.signature())
            .await,
        Ok(false)
    );
    // The right token under another key. Rejected either by WebCrypto or, when this signature happens to be
    // no smaller than the other key's modulus (both are random 2048-bit moduli), before it (RFC 8017 §5.2.2).
    let wrong = verification_key(&other.jwk);
    let rejected = |r: &Result<(), SignatureError>| {
        matches!(r, Err(SignatureError::Invalid(_) | SignatureError::OutOfRange))
    };
    let result = verify_signature(&verifier, &wrong, jwt.signing_input(), jwt.signature()).await;
    assert!(rejected(&result), "{result:?}");
    // Each key imported once (the other key not at all when the range check rejected first).
    let imported = if result == Err(SignatureError::OutOfRange) {
        1
    } else {
        2
    };
    assert_eq!(verifier.cached_keys(), imported, "each key imported once");
    assert_eq!(
        verify_signature(&verifier, &right, jwt.signing_input(), jwt.signature()).await,
        Ok(())
    );
    assert_eq!(verifier.cached_keys(), imported, "the cached key is reused");
    // Another key published under a cached kid is imported, never verified with the old material.
    let mut impostor_jwk = other.jwk.clone();
    impostor_jwk["kid"] = json!("k1");
    let impostor = verification_key(&impostor_jwk);
    let result = verify_signature(&verifier, &impostor, jwt.signing_input(), jwt.signature()).await;
    assert!(rejected(&result), "{result:?}");
}

#[wasm_bindgen_test]
async fn webcrypto_verifies_the_rfc_rs256_vectors() {
    let vectors: Value = serde_json::from_str(include_str!("data/rs256_vectors.json")).unwrap();
    let verifier = WebCryptoVerifier::new();
    for name in ["RFC7515-A.2-RS256", "RFC7520-4_1-RS256"] {
        let compact = vectors[name]["compact"].as_str().unwrap();
        let key = verification_key(&vectors[name]["verify_key_jwk"]);
        let (input, signature) = compact.rsplit_once('.').unwrap();
        let mut signature = cogfed_auth::base64url::decode(signature).unwrap();
        assert_eq!(
            verify_signature(&verifier, &key, input.as_bytes(), &signature).await,
            Ok(()),
            "{name}"
        );
        signature[10] ^= 1;
        assert!(
            matches!(
                verify_signature(&verifier, &key, input.as_bytes(), &signature).await,
                Err(SignatureError::Invalid(_))
            ),
            "{name} with a flipped bit"
        );
    }
}

// ---------------------------------------------------------------------------------------------------------
// Address bar

#[wasm_bindgen_test]
fn url_cleanup_strips_the_response_and_keeps_everything_else() {
    let history = win().history().unwrap();
    history
        .replace_state_with_url(
            &"router-state".into(),
            "",
            Some("/cb?keep=1&code=abc&state=xyz&iss=https%3A%2F%2Fop&error_description=x&z=%2F#frag"),
        )
        .unwrap();
    let entries_before = history.length().unwrap();
    assert_eq!(
        url_cleanup::clean_address_bar().unwrap().as_deref(),
        Some("/cb?keep=1&z=%2F#frag")
    );
    assert_eq!(location_path(), "/cb?keep=1&z=%2F#frag");
    assert_eq!(history.length().unwrap(), entries_before, "replaced, not pushed");
    assert_eq!(
        history.state().unwrap().as_string().as_deref(),
        Some("router-state")
    );
    assert_eq!(
        url_cleanup::clean_address_bar().unwrap(),
        None,
        "nothing left to strip"
    );
    set_url("/");
}

// ---------------------------------------------------------------------------------------------------------
// The fetch client

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function capture_fetch(status, delayMs) {
  if (!globalThis.__cogfedRealFetch) { globalThis.__cogfedRealFetch = globalThis.fetch; }
  globalThis.__cogfedCaptured = null;
  globalThis.fetch = async function (input, init) {
    if (status === 0) throw new TypeError("Failed to fetch");
    const request = new Request(input, init);
    const body = request.method === "GET" ? null : await request.text();
    globalThis.__cogfedCaptured = [request.method, request.url, request.mode, request.credentials, request.cache,
      request.redirect, request.referrerPolicy, request.headers.get("content-type") || "",
      request.headers.get("authorization") || "", body === null ? "(none)" : body].join("|");
    if (delayMs > 0) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, delayMs);
        init.signal.addEventListener("abort", () => { clearTimeout(timer); reject(new DOMException("aborted", "AbortError")); });
      });
    }
    return new Response("{\"ok\":true}", { status, headers: { "x-test": "a: b", "www-authenticate": "Bearer error=\"invalid_token\"" } });
  };
}
export function captured_fetch() { return globalThis.__cogfedCaptured || ""; }
"#)]
extern "C" {
    fn capture_fetch(status: u16, delay_ms: u32);
    fn captured_fetch() -> String;
}

#[wasm_bindgen_test]
async fn fetch_client_sends_cors_without_credentials_cache_referrer_or_redirects() {
    use cogfed_auth::{HttpClient, HttpMethod, HttpRequest};
    let http = cogfed_leptos::FetchHttpClient::default();
    capture_fetch(401, 0);
    let request = HttpRequest {
        method: HttpMethod::Post,
        url: format!("{OP}/oauth2/token"),
        headers: vec![
            ("Content-Type".into(), "application/x-www-form-urlencoded".into()),
            ("Authorization".into(), "Bearer a: b".into()),
        ],
        body: Some("grant_type=refresh_token&x=a+b".into()),
    };
    let response = http.send(request).await.unwrap();
    restore_fetch();
    assert_eq!(
        captured_fetch(),
        format!(
            "POST|{OP}/oauth2/token|cors|omit|no-store|error|no-referrer|application/x-www-form-urlencoded|Bearer a: b|grant_type=refresh_token&x=a+b"
        )
    );
    assert_eq!(response.status, 401);
    assert_eq!(response.body, r#"{"ok":true}"#);
    assert_eq!(response.header("X-Test"), Some("a: b"));
    assert_eq!(
        response.header("www-authenticate"),
        Some(r#"Bearer error="invalid_token""#)
    );

    capture_fetch(200, 0);
    let get = HttpRequest {
        method: HttpMethod::Get,
        url: format!("{ISSUER}/.well-known/jwks.json"),
        headers: vec![],
        body: None,
    };
    assert_eq!(http.send(get.clone()).await.unwrap().status, 200);
    assert!(captured_fetch().ends_with("||(none)"), "{}", captured_fetch());

    capture_fetch(200, 5_000);
    let slow = cogfed_leptos::FetchHttpClient { timeout_ms: 100 };
    let error = slow.send(get).await.unwrap_err();
    restore_fetch();
    assert_eq!(error.reason, "no response within 100 ms");

    capture_fetch(0, 0);
    let error = http
        .send(HttpRequest {
            method: HttpMethod::Get,
            url: format!("{OP}/down"),
            headers: vec![],
            body: None,
        })
        .await
        .unwrap_err();
    restore_fetch();
    assert_eq!(
        error.reason,
        "TypeError: Failed to fetch (network error, or the endpoint does not allow this origin via CORS)"
    );
}

// ---------------------------------------------------------------------------------------------------------
// Cross-tab lock

async fn lock_serialises_holders(backend: LockBackend) {
    let name = format!("test-{backend:?}");
    let order = Rc::new(RefCell::new(Vec::<&str>::new()));
    let first = lock::acquire(&name, backend, 5_000).await.unwrap();
    {
        let order = order.clone();
        let name = name.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let second = lock::acquire(&name, backend, 5_000).await.unwrap();
            order.borrow_mut().push("second acquired");
            drop(second);
        });
    }
    sleep(300).await;
    assert!(
        order.borrow().is_empty(),
        "{backend:?}: the second holder must wait"
    );
    order.borrow_mut().push("first released");
    drop(first);
    for _ in 0..100 {
        if order.borrow().len() == 2 {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(
        *order.borrow(),
        vec!["first released", "second acquired"],
        "{backend:?}"
    );
    let held = lock::acquire(&name, backend, 5_000).await.unwrap();
    assert!(matches!(
        lock::acquire(&name, backend, 200).await,
        Err(LockError::Timeout { .. })
    ));
    drop(held);
    assert!(
        lock::acquire(&name, backend, 2_000).await.is_ok(),
        "{backend:?}: free again"
    );
}

#[wasm_bindgen_test]
async fn web_locks_serialise_refreshes() {
    assert_eq!(
        LockBackend::detect(),
        LockBackend::WebLocks,
        "Chromium has navigator.locks"
    );
    lock_serialises_holders(LockBackend::WebLocks).await;
}

#[wasm_bindgen_test]
async fn local_storage_lease_serialises_refreshes_and_holds_no_token() {
    clear_storage();
    lock_serialises_holders(LockBackend::LocalStorageLease).await;
    let key = "cogfed.lease.lease-test";
    let guard = lock::acquire("lease-test", LockBackend::LocalStorageLease, 2_000)
        .await
        .unwrap();
    let lease = local_storage().get_item(key).unwrap().unwrap();
    let (owner, expires) = lease.split_once(' ').unwrap();
    assert!(
        owner.len() > 16 && expires.parse::<u64>().is_ok(),
        "only an owner id and an expiry: {lease}"
    );
    drop(guard);
    assert_eq!(local_storage().get_item(key).unwrap(), None, "released");
    // A lease left by a crashed tab expires; a live one blocks.
    let foreign = |expires: u64| format!("other-tab {expires}");
    let now_ms = js_sys::Date::now() as u64;
    local_storage().set_item(key, &foreign(now_ms - 1)).unwrap();
    assert!(
        lock::acquire("lease-test", LockBackend::LocalStorageLease, 2_000)
            .await
            .is_ok()
    );
    local_storage().set_item(key, &foreign(now_ms + 60_000)).unwrap();
    assert!(matches!(
        lock::acquire("lease-test", LockBackend::LocalStorageLease, 300).await,
        Err(LockError::Timeout { .. })
    ));
    clear_storage();
}

// ---------------------------------------------------------------------------------------------------------
// The whole runtime against the fake provider

#[component]
fn Greeting() -> impl IntoView {
    let auth = use_auth();
    move || auth.session().map(|s| format!("Hello {}", s.display_name()))
}

fn mount(config: AuthConfig) -> (web_sys::HtmlElement, impl Sized) {
    let document = win().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        view! {
            <AuthProvider config=config>
                <RequireAuth fallback=|| view! { <p>"signed out"</p> }>
                    <Greeting/>
                </RequireAuth>
            </AuthProvider>
        }
    });
    (container, handle)
}

#[wasm_bindgen_test]
async fn memory_policy_sign_in_refresh_fetch_userinfo_and_sign_out() {
    clear_storage();
    let op = FakeOp::install().await;
    let client_id = "client-memory";
    let base = config(client_id, StoragePolicy::Memory);
    set_url("/start?tab=2");
    let first = Auth::start(base.clone());
    assert_eq!(
        wait_for(first, |s| *s != AuthState::Loading).await,
        AuthState::SignedOut
    );
    let (container, handle) = mount(base.clone());
    assert_eq!(
        container.text_content().unwrap(),
        "signed out",
        "RequireAuth shows the fallback"
    );
    drop(handle);

    // Sign-in: the transaction goes to sessionStorage under its state.
    let options = SignInOptions::default().login_hint("alice");
    let url = first.sign_in_url(options).await.unwrap();
    assert!(url.starts_with(&format!("{OP}/oauth2/authorize?")), "{url}");
    assert_eq!(
        query_param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(query_param(&url, "login_hint").as_deref(), Some("alice"));
    let state = query_param(&url, "state").unwrap();
    let nonce = query_param(&url, "nonce").unwrap();
    let challenge = query_param(&url, "code_challenge").unwrap();
    assert!(
        session_storage()
            .get_item(&format!("cogfed.tx.{state}"))
            .unwrap()
            .is_some()
    );

    // The provider redirects back: a new page load on the callback URL.
    let (id1, at1) = op.tokens(client_id, Some(&nonce), "1").await;
    op.push_token(200, token_response(&id1, &at1, Some(RT1)));
    set_url(&format!("/callback?code=the-code&state={state}&keep=1"));
    let callback_page = page_load(&base, 1);
    let auth = Auth::start(callback_page.clone());
    assert_eq!(
        location_path(),
        "/callback?keep=1",
        "code and state leave the address bar at once"
    );
    assert_eq!(
        Auth::start(callback_page.clone()),
        auth,
        "a re-created provider joins the runtime"
    );
    let session = match wait_for(auth, |s| *s != AuthState::Loading).await {
        AuthState::SignedIn(session) => session,
        other => panic!("{other:?}"),
    };
    assert_eq!(session.subject(), Some("user-1"));
    assert_eq!(session.display_name(), "alice@example.com");
    assert_eq!(session.groups(), ["admins".to_owned()]);
    assert!(session.has_refresh_token);
    assert!(
        session
            .id_token
            .report
            .iter()
            .any(|c| c.check == Check::Signature && c.passed)
    );
    assert!(
        session
            .id_token
            .report
            .iter()
            .any(|c| c.check == Check::Nonce && c.passed)
    );
    let access = session
        .access_token
        .as_ref()
        .expect("Cognito access token verified");
    assert_eq!(access.jwt.claims.client_id.as_deref(), Some(client_id));
    assert_eq!(location_path(), "/start?tab=2", "back where the sign-in started");
    assert_eq!(auth.access_token().as_deref(), Some(at1.as_str()));
    assert!(auth.next_refresh_at().is_some(), "refresh timer armed");

    // Exactly one code redemption, PKCE-bound, public-client shaped.
    let redemptions = op.token_requests();
    assert_eq!(redemptions.len(), 1);
    let redemption = &redemptions[0];
    assert_eq!(
        redemption.param("grant_type").as_deref(),
        Some("authorization_code")
    );
    assert_eq!(redemption.param("code").as_deref(), Some("the-code"));
    assert_eq!(redemption.param("client_id").as_deref(), Some(client_id));
    assert_eq!(
        redemption.param("redirect_uri"),
        Some(format!("{}/callback", origin()))
    );
    let verifier = CodeVerifier::parse(&redemption.param("code_verifier").unwrap()).unwrap();
    assert_eq!(
        cogfed_auth::CodeChallenge::from_digest(&sha256(verifier.as_str()).await).as_str(),
        challenge
    );
    assert_eq!(redemption.authorization, "", "no client secret, no Basic header");

    // Memory policy: no token in any Web Storage, nothing of ours in localStorage.
    assert_no_token_in(&session_storage(), &[&at1, &id1, RT1], "sessionStorage");
    assert_no_token_in(&local_storage(), &[&at1, &id1, RT1], "localStorage");
    assert!(
        entries(&local_storage())
            .iter()
            .all(|(k, _)| !k.starts_with("cogfed."))
    );

    // A provider mounted now (same configuration) renders the signed-in session.
    let (container, handle) = mount(callback_page.clone());
    assert_eq!(container.text_content().unwrap(), "Hello alice@example.com");
    drop(handle);

    // The same callback again on another page load: a replay, never redeemed again.
    set_url(&format!("/callback?code=the-code&state={state}"));
    let replay = Auth::start(page_load(&base, 2));
    match wait_for(replay, |s| *s != AuthState::Loading).await {
        AuthState::Error(failure) => {
            assert_eq!(failure.operation, Operation::Callback);
            assert_eq!(
                *failure.error,
                AuthError::Flow(FlowError::Callback(CallbackError::Replay))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(op.token_requests().len(), 1);

    // Refresh (with rotation).
    let (id2, at2) = op.tokens(client_id, None, "2").await;
    op.push_token(200, token_response(&id2, &at2, Some(RT2)));
    auth.try_refresh().await.unwrap();
    let refresh = op.token_requests().pop().unwrap();
    assert_eq!(refresh.param("grant_type").as_deref(), Some("refresh_token"));
    assert_eq!(refresh.param("refresh_token").as_deref(), Some(RT1));
    assert_eq!(auth.access_token().as_deref(), Some(at2.as_str()));
    assert!(
        auth.state_untracked()
            .session()
            .cloned()
            .unwrap()
            .refreshed_at
            .is_some()
    );

    // An API answers 401: one refresh, one retry with the new token.
    let (id3, at3) = op.tokens(client_id, None, "3").await;
    op.push_token(200, token_response(&id3, &at3, None));
    op.state.borrow_mut().api.extend([401, 200]);
    let request = web_sys::Request::new_with_str(&format!("{API}/orders")).unwrap();
    let response = auth.authorized_fetch(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let api_calls: Vec<String> = op
        .state
        .borrow()
        .requests
        .iter()
        .filter(|r| r.url.starts_with(API))
        .map(|r| r.authorization.clone())
        .collect();
    assert_eq!(api_calls, [format!("Bearer {at2}"), format!("Bearer {at3}")]);
    assert_eq!(
        op.token_requests()
            .pop()
            .unwrap()
            .param("refresh_token")
            .as_deref(),
        Some(RT2),
        "the rotated refresh token"
    );
    assert_eq!(op.token_requests().len(), 3);

    // userInfo: sub must be the ID token's.
    op.state.borrow_mut().userinfo.push_back((
        200,
        json!({"sub": "user-1", "email": "alice@example.com"}).to_string(),
    ));
    let claims = auth.user_info().await.unwrap();
    assert_eq!(claims.string("email").as_deref(), Some("alice@example.com"));
    assert!(matches!(
        auth.state_untracked().session().cloned().unwrap().userinfo,
        UserInfo::Fetched(_)
    ));
    let userinfo_call = op.requests_to(&format!("{OP}/oauth2/userInfo")).pop().unwrap();
    assert_eq!(userinfo_call.authorization, format!("Bearer {at3}"));
    op.state
        .borrow_mut()
        .userinfo
        .push_back((200, json!({"sub": "mallory"}).to_string()));
    assert!(auth.user_info().await.is_err());
    assert!(matches!(
        auth.state_untracked().session().cloned().unwrap().userinfo,
        UserInfo::Failed(_)
    ));

    // Sign-out: revoke the refresh token (only it), clear everything, Cognito's /logout URL.
    let logout = auth.end_session().await.unwrap().unwrap();
    assert_eq!(
        logout,
        format!(
            "{OP}/logout?client_id={client_id}&logout_uri={}",
            cogfed_auth::url::encode_component(&format!("{}/", origin()))
        )
    );
    let revocations = op.requests_to(&format!("{OP}/oauth2/revoke"));
    assert_eq!(revocations.len(), 1);
    assert_eq!(revocations[0].param("token").as_deref(), Some(RT2));
    assert_eq!(revocations[0].param("client_id").as_deref(), Some(client_id));
    assert_eq!(revocations[0].authorization, "");
    assert_eq!(auth.state_untracked(), AuthState::SignedOut);
    assert_eq!(auth.access_token(), None);
    assert_eq!(auth.next_refresh_at(), None);
    assert!(
        entries(&session_storage())
            .iter()
            .all(|(k, _)| !k.starts_with("cogfed."))
    );
    set_url("/");
    clear_storage();
}

#[wasm_bindgen_test]
async fn session_storage_policy_persists_in_the_tab_only_and_guards_duplicated_tabs() {
    clear_storage();
    let op = FakeOp::install().await;
    let client_id = "client-session";
    let base = config(client_id, StoragePolicy::SessionStorage);
    set_url("/");
    let first = Auth::start(base.clone());
    assert_eq!(
        wait_for(first, |s| *s != AuthState::Loading).await,
        AuthState::SignedOut
    );
    let url = first.sign_in_url(SignInOptions::default()).await.unwrap();
    let state = query_param(&url, "state").unwrap();
    let nonce = query_param(&url, "nonce").unwrap();
    let (id1, at1) = op.tokens(client_id, Some(&nonce), "1").await;
    op.push_token(200, token_response(&id1, &at1, Some(RT1)));
    set_url(&format!("/callback?code=c&state={state}"));
    let auth = Auth::start(page_load(&base, 1));
    assert!(matches!(
        wait_for(auth, |s| *s != AuthState::Loading).await,
        AuthState::SignedIn(_)
    ));

    // The tokens are in this tab's sessionStorage, never in localStorage.
    let record = session_storage()
        .get_item(&format!("cogfed.session.{client_id}"))
        .unwrap()
        .unwrap();
    assert!(record.contains(&at1) && record.contains(RT1));
    assert_no_token_in(&local_storage(), &[&at1, &id1, RT1], "localStorage");

    // A rotation is recorded in the token-free ledger.
    let (id2, at2) = op.tokens(client_id, None, "2").await;
    op.push_token(200, token_response(&id2, &at2, Some(RT2)));
    auth.try_refresh().await.unwrap();
    let ledger: Vec<(String, String)> = entries(&local_storage())
        .into_iter()
        .filter(|(k, _)| k.starts_with("cogfed.ledger."))
        .collect();
    assert_eq!(ledger.len(), 1);
    assert!(ledger[0].1.starts_with("1 "), "{}", ledger[0].1);
    assert_no_token_in(
        &local_storage(),
        &[&at1, &id1, RT1, &at2, &id2, RT2],
        "localStorage",
    );
    assert!(
        entries(&local_storage())
            .iter()
            .all(|(k, _)| !k.starts_with("cogfed.lease.")),
        "Web Locks available: no lease written"
    );
    let record = session_storage()
        .get_item(&format!("cogfed.session.{client_id}"))
        .unwrap()
        .unwrap();
    assert!(record.contains(&at2) && record.contains(RT2) && !record.contains(RT1));

    // A reload restores the session from sessionStorage without any token request.
    let redemptions = op.token_requests().len();
    set_url("/orders");
    let reloaded = Auth::start(page_load(&base, 2));
    match wait_for(reloaded, |s| *s != AuthState::Loading).await {
        AuthState::SignedIn(session) => assert_eq!(session.subject(), Some("user-1")),
        other => panic!("{other:?}"),
    }
    assert_eq!(reloaded.access_token().as_deref(), Some(at2.as_str()));
    assert_eq!(op.token_requests().len(), redemptions);

    // A duplicate of this tab rotated the shared refresh token: this copy must never be redeemed.
    let (ledger_key, _) = ledger[0].clone();
    local_storage()
        .set_item(&ledger_key, &format!("2 {}", now()))
        .unwrap();
    let failure = reloaded.try_refresh().await.unwrap_err();
    assert_eq!(*failure.error, AuthError::SessionMoved);
    assert_eq!(
        op.token_requests().len(),
        redemptions,
        "no redemption of a rotated-out token"
    );
    assert!(matches!(reloaded.state_untracked(), AuthState::Error(_)));
    assert_eq!(
        session_storage()
            .get_item(&format!("cogfed.session.{client_id}"))
            .unwrap(),
        None
    );
    set_url("/");
    clear_storage();
}

#[wasm_bindgen_test]
async fn callback_errors_are_explained_and_forged_callbacks_never_reach_the_token_endpoint() {
    clear_storage();
    let op = FakeOp::install().await;
    let base = config("client-errors", StoragePolicy::Memory);
    set_url("/");
    let first = Auth::start(base.clone());
    wait_for(first, |s| *s != AuthState::Loading).await;
    let url = first.sign_in_url(SignInOptions::default()).await.unwrap();
    let state = query_param(&url, "state").unwrap();

    // Cognito reports a refused scope as invalid_request + invalid_scope (cognito-facts §1.1).
    set_url(&format!(
        "/callback?error=invalid_request&error_description=invalid_scope&state={state}"
    ));
    let auth = Auth::start(page_load(&base, 1));
    assert_eq!(location_path(), "/callback");
    match wait_for(auth, |s| *s != AuthState::Loading).await {
        AuthState::Error(failure) => {
            assert_eq!(failure.operation, Operation::Callback);
            assert_eq!(failure.rule_id(), Some("scope-not-allowed"));
            assert_eq!(failure.summary(), "Cognito refused a requested scope");
        }
        other => panic!("{other:?}"),
    }

    // A state this tab never issued.
    set_url("/callback?code=stolen&state=forged");
    let forged = Auth::start(page_load(&base, 2));
    match wait_for(forged, |s| *s != AuthState::Loading).await {
        AuthState::Error(failure) => assert_eq!(
            *failure.error,
            AuthError::Flow(FlowError::Callback(CallbackError::UnknownState))
        ),
        other => panic!("{other:?}"),
    }
    assert!(op.token_requests().is_empty());
    set_url("/");
    clear_storage();
}

#[wasm_bindgen_test]
fn use_auth_outside_a_provider_reports_the_mistake() {
    match use_auth().state_untracked() {
        AuthState::Error(failure) => assert_eq!(*failure.error, AuthError::NoProvider),
        other => panic!("{other:?}"),
    }
}
