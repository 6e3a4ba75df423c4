//! `/settings`: point the demo at a user pool. Saved values override the page's settings for this tab only
//! (sessionStorage). Part of the tools module: the main app renders the heading ([`crate::lazy::LazyPage`]).

use crate::settings::{
    DemoSettings, DialectSetting, Field, SettingsError, TokenStorage, split_list, validate,
};
use crate::state::{SettingsSource, SettingsState};
use leptos::prelude::*;

/// The form's fields, as typed.
#[derive(Clone, Copy)]
struct Form {
    issuer: RwSignal<String>,
    domain: RwSignal<String>,
    client_id: RwSignal<String>,
    redirect_uri: RwSignal<String>,
    logout_uri: RwSignal<String>,
    scopes: RwSignal<String>,
    providers: RwSignal<String>,
    dialect: RwSignal<String>,
    storage: RwSignal<String>,
}

impl Form {
    fn new() -> Self {
        Form {
            issuer: RwSignal::new(String::new()),
            domain: RwSignal::new(String::new()),
            client_id: RwSignal::new(String::new()),
            redirect_uri: RwSignal::new(String::new()),
            logout_uri: RwSignal::new(String::new()),
            scopes: RwSignal::new(String::new()),
            providers: RwSignal::new(String::new()),
            dialect: RwSignal::new(String::new()),
            storage: RwSignal::new(String::new()),
        }
    }

    fn fill(&self, s: &DemoSettings) {
        self.issuer.set(s.issuer.clone());
        self.domain.set(s.domain.clone().unwrap_or_default());
        self.client_id.set(s.client_id.clone());
        self.redirect_uri.set(s.redirect_uri.clone());
        self.logout_uri.set(s.logout_uri.clone());
        self.scopes.set(s.scopes.join(" "));
        self.providers.set(s.identity_providers.join(" "));
        self.dialect.set(
            match s.dialect {
                Some(DialectSetting::Cognito) => "cognito",
                Some(DialectSetting::Oidc) => "oidc",
                None => "auto",
            }
            .into(),
        );
        self.storage.set(
            match s.token_storage {
                TokenStorage::Memory => "memory",
                TokenStorage::Session => "session",
            }
            .into(),
        );
    }

    fn read(&self) -> DemoSettings {
        DemoSettings {
            issuer: self.issuer.get_untracked().trim().to_string(),
            domain: Some(self.domain.get_untracked().trim().to_string()).filter(|d| !d.is_empty()),
            client_id: self.client_id.get_untracked().trim().to_string(),
            redirect_uri: self.redirect_uri.get_untracked().trim().to_string(),
            logout_uri: self.logout_uri.get_untracked().trim().to_string(),
            scopes: split_list(&self.scopes.get_untracked()),
            identity_providers: split_list(&self.providers.get_untracked()),
            dialect: match self.dialect.get_untracked().as_str() {
                "cognito" => Some(DialectSetting::Cognito),
                "oidc" => Some(DialectSetting::Oidc),
                _ => None,
            },
            token_storage: if self.storage.get_untracked() == "session" {
                TokenStorage::Session
            } else {
                TokenStorage::Memory
            },
        }
    }
}

/// The body of `/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_context::<SettingsState>().unwrap_or_default();
    let form = Form::new();
    let errors = RwSignal::new(Vec::<SettingsError>::new());
    let status = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(s) = state.current.get() {
            form.fill(&s);
        }
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let settings = form.read();
        let problems = validate(&settings);
        if !problems.is_empty() {
            status.set(Some(format!("Not saved: {}", plural_problems(problems.len()))));
            errors.set(problems);
            focus_first_invalid();
            return;
        }
        errors.set(Vec::new());
        match state.save(settings) {
            Ok(()) => status.set(Some(
                "Saved for this tab (sessionStorage). They apply when you leave this page: sign in again to use them."
                    .into(),
            )),
            Err(e) => status.set(Some(format!("Not saved: {e}"))),
        }
    };
    let reset = move |_| {
        state.reset();
        errors.set(Vec::new());
        status.set(Some("Back to the settings in the page.".into()));
    };
    let source = move || match state.source.get() {
        SettingsSource::File => "Using the settings in the page (index.html).".to_string(),
        SettingsSource::BuiltIn => {
            "The page has no readable settings: using the built-in Local Cognito defaults.".to_string()
        }
        SettingsSource::Override => {
            "Using values saved in this tab (sessionStorage); the page's settings are overridden.".to_string()
        }
    };
    view! {
        <div class="settings-body" id="settings-page">
            <p class="notice" id="settings-source" data-source=move || state.source.get().as_str()>{source}</p>
            {move || state.load_error.get().map(|e| view! { <p class="notice warn" role="alert">{e}</p> })}
            <form class="card form" id="settings-form" on:submit=save novalidate>
                <TextField id="settings-issuer" label="Issuer" field=Field::Issuer value=form.issuer errors
                    hint="https://cognito-idp.{region}.amazonaws.com/{userPoolId}, or any OpenID provider's issuer." />
                <TextField id="settings-domain" label="Hosted UI domain" field=Field::Domain value=form.domain errors
                    hint="Cognito: the domain prefix (myapp), a custom domain (auth.example.com) or a base URL (Local Cognito: http://127.0.0.1:9229); the endpoints are derived, no discovery request. Empty: discovered from the issuer." />
                <TextField id="settings-client-id" label="App client id" field=Field::ClientId value=form.client_id errors
                    hint="A public client: no client secret." />
                <TextField id="settings-redirect-uri" label="Redirect URI" field=Field::RedirectUri value=form.redirect_uri errors
                    hint="Exactly as in the client's callback URLs (this app's /callback)." />
                <TextField id="settings-logout-uri" label="Sign-out URI" field=Field::LogoutUri value=form.logout_uri errors
                    hint="Exactly as in the client's sign-out URLs." />
                <TextField id="settings-scopes" label="Scopes" field=Field::Scopes value=form.scopes errors
                    hint="Separated by spaces; openid is required." />
                <TextField id="settings-idps" label="Identity providers with a direct button" field=Field::IdentityProviders
                    value=form.providers errors hint="Provider names as in the user pool, separated by spaces (for example Upstream)." />
                <div class="field-row">
                    <label class="field">
                        <span>"Provider conventions"</span>
                        <select id="settings-dialect" prop:value=move || form.dialect.get()
                            on:change=move |ev| form.dialect.set(event_target_value(&ev))>
                            <option value="auto">"Automatic (Cognito issuer → Cognito)"</option>
                            <option value="cognito">"Cognito (also Local Cognito)"</option>
                            <option value="oidc">"Plain OpenID Connect"</option>
                        </select>
                    </label>
                    <label class="field">
                        <span>"Keep tokens in"</span>
                        <select id="settings-storage" prop:value=move || form.storage.get()
                            on:change=move |ev| form.storage.set(event_target_value(&ev))>
                            <option value="memory">"Memory (lost on reload)"</option>
                            <option value="session">"This tab's sessionStorage"</option>
                        </select>
                    </label>
                </div>
                <div class="row">
                    <button type="submit" class="primary" id="settings-save">"Save for this tab"</button>
                    <button type="button" class="secondary" id="settings-reset" on:click=reset>"Reset to the page's settings"</button>
                </div>
                <p class="status" id="settings-status" role="status">{move || status.get()}</p>
            </form>
        </div>
    }
}

fn plural_problems(n: usize) -> String {
    if n == 1 {
        "1 value needs fixing".into()
    } else {
        format!("{n} values need fixing")
    }
}

fn focus_first_invalid() {
    crate::browser::focus_first("[aria-invalid='true']");
}

/// A labelled text input with a hint and its field's error.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    field: Field,
    value: RwSignal<String>,
    errors: RwSignal<Vec<SettingsError>>,
    hint: &'static str,
) -> impl IntoView {
    let error = move || errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message.clone()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            if error().is_some() {
                format!("{e} {h}")
            } else {
                h.clone()
            }
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="text" id=id name=field.key() spellcheck="false" autocomplete="off" autocapitalize="off"
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                aria-describedby=described
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            <small class="hint" id=hint_id>{hint}</small>
            {move || error().map(|e| view! { <small class="field-error" id=error_id.clone()>{e}</small> })}
        </div>
    }
}
