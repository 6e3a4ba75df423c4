//! `/`: sign in (a button per configured IdP, one for local accounts, one for Cognito's own chooser) and the
//! signed-in state.

use crate::browser::field_value;
use crate::pages::explain::LazyFailureView;
use crate::pages::static_html;
use crate::profile_data::FailureData;
use crate::settings::{DemoSettings, is_cognito};
use crate::state::SettingsState;
use cogfed_leptos::cogfed_auth::Prompt;
use cogfed_leptos::{Auth, AuthState, SignInOptions, use_auth};
use leptos::prelude::*;

/// After signing in from here, the callback goes on to the profile.
const RETURN_TO: &str = "/profile";

/// The sign-in options for `identity_provider`, with the optional authorize parameters of the "More sign-in
/// options" form ([`MORE_OPTIONS`]), read when a button is pressed.
fn sign_in_options(identity_provider: Option<String>) -> SignInOptions {
    let mut options = SignInOptions::default().return_to(RETURN_TO);
    let authorize = &mut options.authorize;
    authorize.identity_provider = identity_provider;
    authorize.login_hint = field_value("signin-login-hint");
    authorize.lang = field_value("signin-lang");
    authorize.prompt = match field_value("signin-prompt").as_deref() {
        Some("none") => vec![Prompt::None],
        Some("login") => vec![Prompt::Login],
        Some("select_account") => vec![Prompt::SelectAccount],
        Some("consent") => vec![Prompt::Consent],
        _ => Vec::new(),
    };
    options
}

/// The "More sign-in options" form: static markup (constant text, set as the element's HTML), because view
/// code for a dozen static elements costs more wasm than the page's logic; [`sign_in_options`] reads it.
const MORE_OPTIONS: &str = concat!(
    r#"<summary>More sign-in options</summary><div class="field-row">"#,
    r#"<label class="field"><span>Username hint (login_hint)</span><input type="text" id="signin-login-hint" autocomplete="username"></label>"#,
    r#"<label class="field"><span>prompt</span><select id="signin-prompt"><option value="">(none)</option>"#,
    r#"<option value="login">login: ask again</option><option value="none">none: only if already signed in</option>"#,
    r#"<option value="select_account">select_account</option><option value="consent">consent</option></select></label>"#,
    r#"<label class="field"><span>Language (lang)</span><input type="text" id="signin-lang" placeholder="en, de, fr…"></label>"#,
    r#"</div><p class="hint">prompt and lang need Cognito's managed login; the classic hosted UI ignores them.</p>"#,
);

/// What happens when you sign in (static, like [`MORE_OPTIONS`]).
const HOW_IT_WORKS: &str = concat!(
    r#"<section class="card how"><h2>What happens when you sign in</h2><ol class="stack">"#,
    "<li>A fresh PKCE verifier (S256), state and nonce go into this tab's sessionStorage, single-use, for 10 minutes.</li>",
    "<li>Cognito's hosted UI signs you in, directly with the IdP when you pick one (no chooser).</li>",
    "<li>Back on /callback the code and state leave the address bar at once; the code is redeemed with the verifier.</li>",
    "<li>The ID and access tokens are verified: signature with the key's algorithm (RS256), exact issuer, audience, expiry, nonce, token use.</li>",
    "<li>Tokens stay in memory and refresh before they expire; signing out revokes the refresh token and ends the hosted-UI session.</li>",
    "</ol></section>",
);

/// `/`.
#[component]
pub fn HomePage() -> impl IntoView {
    let auth = use_auth();
    let settings = use_context::<SettingsState>().unwrap_or_default();
    view! {
        <div class="page home" id="home-page">
            <header class="page-head">
                <h1 tabindex="-1">"Sign in with Cognito, done right"</h1>
                <p class="lead">
                    "Authorization code with PKCE against the Cognito hosted UI, federated to an OpenID Connect "
                    "provider. Every token is verified here in your browser (WebCrypto), kept in memory, and "
                    "explained on your profile."
                </p>
            </header>
            <div class="grid">
                {move || match auth.state() {
                    AuthState::Loading => static_html(
                        r#"<section class="card" id="auth-loading" aria-busy="true"><p class="muted">Checking your session…</p></section>"#,
                    ).into_any(),
                    AuthState::SignedIn(session) => view! {
                        <section class="card" id="signed-in">
                            <h2>"You are signed in"</h2>
                            <p>"Signed in as " <strong id="signed-in-as">{session.display_name()}</strong> "."</p>
                            <div class="row">
                                <a class="button primary" href="/profile" id="go-profile">"See your tokens"</a>
                                <button type="button" class="secondary" id="signout" on:click=move |_| auth.sign_out()>"Sign out"</button>
                            </div>
                        </section>
                    }.into_any(),
                    AuthState::SignedOut => view! { <SignInCard auth settings /> }.into_any(),
                    AuthState::Error(failure) => view! {
                        <div><LazyFailureView failure=FailureData::of(&failure) /><SignInCard auth settings /></div>
                    }.into_any(),
                }}
                {static_html(HOW_IT_WORKS)}
            </div>
        </div>
    }
}

/// Shown when a sign-in started in this tab never came back: Cognito stops a request it will not send back to
/// the app on its own error page, and the user returns without the app knowing what happened.
const UNFINISHED: &str = concat!(
    r#"<div class="notice warn" id="signin-unfinished" role="status"><p><strong>Your last sign-in did not come "#,
    "back to this app.</strong> If Cognito showed its own error page, it refused the request before sending you ",
    "back, most often with <code>redirect_mismatch</code>: this app's <code>/callback</code> is not among the app ",
    "client's callback URLs (exactly, slash and port included). An unknown client id and an identity provider ",
    r#"the client is not allowed to use stop there too. <a href="/checker">The config checker</a> finds these "#,
    "in your configs; the Settings page shows what this app sends.</p></div>",
);

/// The sign-in buttons for the current settings.
#[component]
fn SignInCard(auth: Auth, settings: SettingsState) -> impl IntoView {
    let sign_in = move |idp: Option<String>| auth.sign_in(sign_in_options(idp));
    let buttons = move || {
        let s: DemoSettings = settings.current.get().unwrap_or_default();
        if is_cognito(&s) {
            let idps = s
                .identity_providers
                .iter()
                .map(|name| {
                    let idp = name.clone();
                    view! {
                        <button type="button" class="primary" id=format!("signin-idp-{name}")
                            on:click=move |_| sign_in(Some(idp.clone()))>{format!("Sign in with {name}")}</button>
                    }
                })
                .collect_view();
            view! {
                {idps}
                <button type="button" class="secondary" id="signin-local" on:click=move |_| sign_in(Some("COGNITO".into()))>
                    "Sign in with a local account"
                </button>
                <button type="button" class="secondary" id="signin-chooser" on:click=move |_| sign_in(None)>
                    "Choose on Cognito's sign-in page"
                </button>
            }
            .into_any()
        } else {
            view! {
                <button type="button" class="primary" id="signin-chooser" on:click=move |_| sign_in(None)>
                    {format!("Sign in with {}", s.issuer)}
                </button>
            }
            .into_any()
        }
    };
    // Looked at again when the page is shown from the back-forward cache (the user came back from Cognito's
    // error page with Back): the app did not start again, but a sign-in went out meanwhile.
    let unfinished = RwSignal::new(auth.unfinished_sign_in().is_some());
    let shown = window_event_listener(leptos::ev::pageshow, move |_| {
        unfinished.set(auth.unfinished_sign_in().is_some());
    });
    on_cleanup(move || shown.remove());
    view! {
        {move || unfinished.get().then(|| static_html(UNFINISHED))}
        <section class="card" id="sign-in">
            <h2>"Sign in"</h2>
            <p class="muted" id="sign-in-target">{move || settings.current.get().map(|s| format!("Provider: {} · client {}", s.issuer, s.client_id))}</p>
            <div class="signin-buttons">{buttons}</div>
            <details class="more-options" inner_html=MORE_OPTIONS></details>
        </section>
    }
}

/// The session in the top bar.
#[component]
pub fn SessionBadge() -> impl IntoView {
    let auth = use_auth();
    move || match auth.state() {
        AuthState::SignedIn(session) => view! {
            <a class="session-badge signed-in" href="/profile" id="session-badge" data-state="signed-in">
                <span class="dot" aria-hidden="true"></span>{session.display_name()}
            </a>
        }
        .into_any(),
        other => {
            let state = match other {
                AuthState::Loading => "loading",
                AuthState::Error(_) => "error",
                _ => "signed-out",
            };
            view! {
                <span class="session-badge" id="session-badge" data-state=state>
                    <span class="dot" aria-hidden="true"></span>"Signed out"
                </span>
            }
            .into_any()
        }
    }
}
