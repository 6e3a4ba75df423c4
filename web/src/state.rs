//! App-wide state provided as context: the effective [`DemoSettings`] and where they came from.
//!
//! Both wasm modules hold one: the main app's drives the `AuthProvider`, the tools module's backs the
//! settings form. The form writes sessionStorage and fires [`SETTINGS_EVENT`]; the main app re-reads.

use crate::browser::{session_get, session_remove, session_set};
use crate::lazy::SETTINGS_EVENT;
use crate::settings::{DemoSettings, SETTINGS_ELEMENT, STORAGE_KEY, parse_settings, settings_json};
use leptos::prelude::*;

/// Where the effective settings come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsSource {
    /// The page's settings block (`index.html`).
    File,
    /// The page has no readable settings: the compiled-in Local Cognito defaults.
    BuiltIn,
    /// This tab's sessionStorage.
    Override,
}

impl SettingsSource {
    /// For `data-source` test hooks.
    pub fn as_str(self) -> &'static str {
        match self {
            SettingsSource::File => "file",
            SettingsSource::BuiltIn => "built-in",
            SettingsSource::Override => "session",
        }
    }
}

/// The settings in use, the file's values (to reset to) and any load problem.
#[derive(Debug, Clone, Copy)]
pub struct SettingsState {
    /// The settings in use; `None` while loading.
    pub current: RwSignal<Option<DemoSettings>>,
    /// Where `current` comes from.
    pub source: RwSignal<SettingsSource>,
    /// Why the page's settings or the stored override could not be used.
    pub load_error: RwSignal<Option<String>>,
    file: RwSignal<Option<DemoSettings>>,
}

impl Default for SettingsState {
    fn default() -> Self {
        SettingsState {
            current: RwSignal::new(None),
            source: RwSignal::new(SettingsSource::BuiltIn),
            load_error: RwSignal::new(None),
            file: RwSignal::new(None),
        }
    }
}

impl SettingsState {
    /// Reads the page's settings, then this tab's override: at once, no request.
    pub fn load() -> Self {
        let state = SettingsState::default();
        let file = match page_settings() {
            Ok(s) => Some(s),
            Err(e) => {
                state
                    .load_error
                    .set(Some(format!("The settings in the page: {e}")));
                None
            }
        };
        state.file.set(file.clone());
        let stored = session_get(STORAGE_KEY).map(|json| parse_settings(&json));
        match (stored, file) {
            (Some(Ok(over)), _) => {
                state.current.set(Some(over));
                state.source.set(SettingsSource::Override);
            }
            (stored, file) => {
                if let Some(Err(e)) = stored {
                    state
                        .load_error
                        .set(Some(format!("The settings saved in this tab were ignored: {e}")));
                    session_remove(STORAGE_KEY);
                }
                let from_file = file.is_some();
                state.current.set(Some(file.unwrap_or_default()));
                state.source.set(if from_file {
                    SettingsSource::File
                } else {
                    SettingsSource::BuiltIn
                });
            }
        }
        state
    }

    /// Saves `settings` for this tab, uses them, and tells the other module ([`SETTINGS_EVENT`]).
    pub fn save(&self, settings: DemoSettings) -> Result<(), String> {
        session_set(STORAGE_KEY, &settings_json(&settings))?;
        self.current.set(Some(settings));
        self.source.set(SettingsSource::Override);
        announce();
        Ok(())
    }

    /// Forgets this tab's override, and tells the other module.
    pub fn reset(&self) {
        session_remove(STORAGE_KEY);
        self.use_file();
        announce();
    }

    fn use_file(&self) {
        let file = self.file.get_untracked();
        self.source.set(if file.is_some() {
            SettingsSource::File
        } else {
            SettingsSource::BuiltIn
        });
        self.current.set(Some(file.unwrap_or_default()));
    }

    /// Re-reads this tab's override whenever the settings page (in the tools module) saves or resets it.
    pub fn follow_changes(&self) {
        let state = *self;
        let handle = window_event_listener_untyped(SETTINGS_EVENT, move |_| {
            match session_get(STORAGE_KEY).map(|json| parse_settings(&json)) {
                Some(Ok(settings)) => {
                    if state.current.get_untracked().as_ref() != Some(&settings) {
                        state.current.set(Some(settings));
                    }
                    state.source.set(SettingsSource::Override);
                }
                _ => state.use_file(),
            }
        });
        on_cleanup(move || handle.remove());
    }
}

/// The JSON of the page's settings block, parsed.
fn page_settings() -> Result<DemoSettings, String> {
    let text = document()
        .get_element_by_id(SETTINGS_ELEMENT)
        .and_then(|e| e.text_content())
        .ok_or("there is no settings block (<script type=\"application/json\" id=\"cogfed-settings\">)")?;
    parse_settings(&text)
}

/// Tells the other module that the settings in sessionStorage changed.
fn announce() {
    if let Ok(event) = web_sys::Event::new(SETTINGS_EVENT) {
        let _ = window().dispatch_event(&event);
    }
}
