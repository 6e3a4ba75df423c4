//! The signed-in profile's cards, drawn by the profile module (bin `cogfed-profile`) from the [`ProfileData`]
//! the main app hands it ([`crate::lazy::LazyRoot`]): expiry countdown, the validation report check by check,
//! the ID and access tokens' headers and claims, identities and groups, userInfo; Refresh and Sign out. The
//! buttons ask the main app, which holds the session, through [`ProfileAction`] events.

use crate::lazy::ProfileAction;
use crate::pages::explain::{CheckTable, FailureView};
use crate::pages::model::{
    ClaimRow, claim_rows, countdown, group_rows, identity_rows, json_map, span, string_claim,
    string_list_claim, utc,
};
use crate::profile_data::{ProfileData, TokenData, UserInfoData};
use leptos::prelude::*;
use std::time::Duration;

fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The cards for the latest data, nothing before the first.
#[component]
pub fn ProfileCards(
    /// The data the main app fed.
    data: ReadSignal<Option<ProfileData>>,
) -> impl IntoView {
    move || data.get().map(|data| view! { <Cards data /> })
}

#[component]
fn Cards(data: ProfileData) -> impl IntoView {
    let now = RwSignal::new(now_secs());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_secs()), Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let all_passed = data.all_passed();
    let ProfileData {
        expires_at,
        refreshed_at,
        next_refresh_at,
        has_refresh_token,
        scope,
        id_token,
        access_token,
        userinfo,
        refresh_error,
    } = data;
    let claims = &json_map(&id_token.claims);
    let issuer = string_claim(claims, "iss").unwrap_or_default();
    let identities = identity_rows(claims);
    let providers: Vec<String> = identities.iter().map(|i| i.provider_name.clone()).collect();
    let groups = group_rows(&string_list_claim(claims, "cognito:groups"), &issuer, &providers);
    let refreshed = refreshed_at
        .map(|t| format!("last refreshed {}", utc(t)))
        .unwrap_or_else(|| "not refreshed yet".into());

    let identity_rows_view = identities
        .into_iter()
        .map(|i| view! {
            <tr>
                <td>{i.provider_name}</td><td>{i.provider_type}</td><td class="mono">{i.user_id}</td>
                <td><code>{format!("\"{}\"", i.primary)}</code></td>
                <td><code>{format!("\"{}\"", i.date_created)}</code>{i.date_created_utc.map(|d| view! { <br/><small class="muted">{d}</small> })}</td>
            </tr>
        })
        .collect_view();
    let has_identities = !providers.is_empty();
    let group_items = groups
        .into_iter()
        .map(|g| {
            let auto = g.automatic_for.clone();
            let automatic = auto.is_some().to_string();
            let name = g.name.clone();
            view! {
                <li data-group=name data-automatic=automatic>
                    <span class="chip">{g.name}</span>
                    {auto.map(|p| view! { <span class="chip auto" title="Cognito adds this group to users it creates from an IdP">{format!("automatic, {p}")}</span> })}
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="grid">
            <section class="card" id="session-card">
                <h2>"Session"</h2>
                <p class="muted">"Access token expires in"</p>
                <p class="countdown" id="expiry-countdown" data-expires-at=expires_at.map(|e| e.to_string()).unwrap_or_default()
                    class:expired=move || expires_at.is_some_and(|e| now.get() >= e) aria-live="off">
                    {move || expires_at.map_or_else(|| "unknown".to_string(), |e| countdown(now.get(), e))}
                </p>
                <p class="muted">
                    {expires_at.map(|e| format!("at {} · ", utc(e)))}
                    {refreshed}
                    {move || next_refresh_at.map(|t| format!(" · next refresh in {}", span(t.saturating_sub(now.get()))))}
                </p>
                <p class="muted">{if has_refresh_token { "A refresh token is held (never shown)." } else { "No refresh token." }}
                    {scope.map(|s| format!(" Scopes: {s}."))}</p>
                <div class="row">
                    <button type="button" class="primary" id="refresh-tokens" on:click=|_| ProfileAction::Refresh.request()>"Refresh now"</button>
                    <button type="button" class="danger" id="signout" on:click=|_| ProfileAction::SignOut.request()>"Sign out"</button>
                </div>
                {refresh_error.map(|failure| view! { <FailureView failure /> })}
            </section>
            <section class="card" id="validation-report" data-all-passed=all_passed.to_string()>
                <h2>"Validation"</h2>
                <p class={if all_passed { "notice ok" } else { "notice error" }}>
                    {if all_passed { "Every check passed, in this browser." } else { "A check failed." }}
                </p>
                <h3>"ID token"</h3>
                <CheckTable report=id_token.report.clone() />
                {access_token.as_ref().map(|a| view! { <h3>"Access token"</h3><CheckTable report=a.report.clone() /> })}
            </section>
        </div>
        <div class="grid">
            <TokenCard title="ID token" id="id-token" token=id_token />
            {match access_token {
                Some(token) => view! { <TokenCard title="Access token" id="access-token" token /> }.into_any(),
                None => view! {
                    <section class="card" id="access-token">
                        <h2>"Access token"</h2>
                        <p class="muted">"Opaque: a plain OpenID provider's access token is for the resource server, not for this app to read."</p>
                    </section>
                }.into_any(),
            }}
        </div>
        <div class="grid">
            <section class="card" id="identities">
                <h2>"Identities"</h2>
                {if has_identities {
                    view! {
                        <p class="hint">"In the token every field is a string: primary is \"true\"/\"false\" and dateCreated is milliseconds, as text."</p>
                        <div class="table-wrap"><table class="kv">
                            <thead><tr><th>"provider"</th><th>"type"</th><th>"userId"</th><th>"primary"</th><th>"dateCreated"</th></tr></thead>
                            <tbody>{identity_rows_view}</tbody>
                        </table></div>
                    }.into_any()
                } else {
                    view! { <p class="muted">"None: a local account of the user pool."</p> }.into_any()
                }}
            </section>
            <section class="card" id="groups">
                <h2>"Groups"</h2>
                <ul class="pill-list">{group_items}</ul>
                <p class="hint">"cognito:groups is always an array. Cognito adds {poolId}_{Provider} to users it creates from an IdP."</p>
            </section>
        </div>
        <UserInfoCard userinfo />
    }
}

/// A verified token: its decoded header and claims.
#[component]
fn TokenCard(title: &'static str, id: &'static str, token: TokenData) -> impl IntoView {
    view! {
        <section class="card" id=id>
            <h2>{title}</h2>
            <h3>"Header"</h3>
            <ClaimTable rows=claim_rows(&json_map(&token.header)) id=format!("{id}-header") />
            <h3>"Claims"</h3>
            <ClaimTable rows=claim_rows(&json_map(&token.claims)) id=format!("{id}-claims") />
        </section>
    }
}

#[component]
fn ClaimTable(rows: Vec<ClaimRow>, id: String) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|r| {
            let name = r.name.clone();
            view! {
            <tr data-claim=name>
                <th scope="row">{r.name}</th>
                <td>{r.value}{r.note.map(|n| view! { <br/><small class="muted">{n}</small> })}</td>
            </tr>
            }
        })
        .collect_view();
    view! { <div class="table-wrap"><table class="kv" id=id><tbody>{body}</tbody></table></div> }
}

#[component]
fn UserInfoCard(userinfo: UserInfoData) -> impl IntoView {
    let content = match userinfo {
        UserInfoData::NotFetched => view! { <p class="muted">"Not asked for yet."</p> }.into_any(),
        UserInfoData::Loading => {
            view! { <p class="muted" aria-busy="true">"Asking the userInfo endpoint…"</p> }.into_any()
        }
        UserInfoData::Fetched(claims) => view! {
            <p class="notice ok">"Its sub matches the ID token's."</p>
            <ClaimTable rows=claim_rows(&json_map(&claims)) id="userinfo-claims".to_string() />
        }
        .into_any(),
        UserInfoData::Failed(failure) => view! { <FailureView failure=*failure /> }.into_any(),
    };
    view! {
        <section class="card" id="userinfo">
            <h2>"userInfo"</h2>
            <p class="hint">"GET /oauth2/userInfo with the access token as Bearer: the user's attributes as the pool has them now."</p>
            {content}
            <div class="row"><button type="button" class="secondary" id="fetch-userinfo" on:click=|_| ProfileAction::FetchUserInfo.request()>"Fetch userInfo"</button></div>
        </section>
    }
}
