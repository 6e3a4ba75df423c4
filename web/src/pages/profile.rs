//! `/profile`: the signed-in user's heading, and the session's cards (countdown, validation report, tokens,
//! identities and groups, userInfo), which the profile module draws ([`crate::pages::profile_cards`]): they
//! are the heaviest views of the app and not needed to sign in. This module holds the session, so it feeds
//! the cards its [`ProfileData`] and runs the actions their buttons ask for ([`ProfileAction`]).

use crate::lazy::{LazyRoot, ProfileAction, Tool};
use crate::pages::explain::LazyFailureView;
use crate::pages::static_html;
use crate::profile_data::{FailureData, ProfileData};
use cogfed_leptos::{Auth, AuthState, Session, use_auth};
use leptos::prelude::*;
use std::time::Duration;

/// `/profile`.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let auth = use_auth();
    // Only a change between signed in and not rebuilds the page: a refresh or a userInfo answer feeds the
    // cards new data instead of reloading them.
    let signed_in = RwSignal::new(false);
    let follow = RenderEffect::new(move |_| {
        let now = auth.is_signed_in();
        if signed_in.get_untracked() != now {
            signed_in.set(now);
        }
    });
    on_cleanup(move || drop(follow));
    view! {
        <div class="page profile" id="profile-page">
            {move || if signed_in.get() {
                view! { <SignedIn auth /> }.into_any()
            } else {
                view! { <NotSignedIn auth /> }.into_any()
            }}
        </div>
    }
}

#[component]
fn NotSignedIn(auth: Auth) -> impl IntoView {
    move || match auth.state() {
        AuthState::Loading | AuthState::SignedIn(_) => static_html(
            r#"<h1 tabindex="-1">Profile</h1><p class="muted" aria-busy="true">Checking your session…</p>"#,
        )
        .into_any(),
        AuthState::SignedOut => static_html(concat!(
            r#"<h1 tabindex="-1">Profile</h1><section class="card" id="profile-signed-out"><p>You are not "#,
            "signed in. Tokens live in memory: a reload or a new tab starts signed out.</p>",
            r#"<a class="button primary" href="/">Sign in</a></section>"#,
        ))
        .into_any(),
        AuthState::Error(failure) => view! {
            <h1 tabindex="-1">"Profile"</h1><LazyFailureView failure=FailureData::of(&failure) />
        }
        .into_any(),
    }
}

/// Who is signed in, and how.
#[derive(Debug, Clone, PartialEq, Default)]
struct Heading {
    name: String,
    via: String,
    subject: String,
}

impl Heading {
    fn of(session: &Session) -> Heading {
        let identities = session.claims().identities().unwrap_or_default();
        let first = identities.first();
        Heading {
            name: session.display_name(),
            via: first.map_or_else(
                || "a local account".to_string(),
                |i| {
                    format!(
                        "{} ({})",
                        i.provider_name.as_deref().unwrap_or_default(),
                        i.provider_type.as_deref().unwrap_or_default()
                    )
                },
            ),
            subject: session.subject().unwrap_or_default().to_string(),
        }
    }
}

#[component]
fn SignedIn(auth: Auth) -> impl IntoView {
    // The refresh timer is not a signal: look at it every second, as the countdown ticks.
    let next_refresh_at = RwSignal::new(auth.next_refresh_at());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let next = auth.next_refresh_at();
            if next_refresh_at.get_untracked() != next {
                next_refresh_at.set(next);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let feed = Signal::derive(move || {
        let next = next_refresh_at.get();
        auth.with_state(|state| match state {
            AuthState::SignedIn(session) => ProfileData::of(session, next).to_json(),
            _ => String::new(),
        })
    });
    for action in ProfileAction::ALL {
        let handle = window_event_listener_untyped(action.event(), move |_| match action {
            ProfileAction::Refresh => auth.refresh(),
            ProfileAction::SignOut => auth.sign_out(),
            ProfileAction::FetchUserInfo => auth.fetch_user_info(),
        });
        on_cleanup(move || handle.remove());
    }
    let heading = move || {
        let h = auth.with_state(|state| match state {
            AuthState::SignedIn(session) => Heading::of(session),
            _ => Heading::default(),
        });
        view! {
            <h1 tabindex="-1">{h.name}</h1>
            <p class="lead">"Signed in with " <span id="signed-in-via">{h.via}</span>
                " · subject " <code id="subject">{h.subject}</code></p>
        }
    };
    view! {
        <header class="page-head">{heading}</header>
        <LazyRoot tool=Tool::Profile feed=Some(feed) />
    }
}
