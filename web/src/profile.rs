//! The profile module: the signed-in profile's cards, and the explained failure view, imported by the main
//! app when `/profile` opens while signed in or when a sign-in, refresh or sign-out fails
//! ([`cogfed_web::lazy::LazyRoot`]). The main app calls [`mount_page`] on the page's root, [`feed_page`] with
//! the page's data as JSON (the session's [`ProfileData`], again after every change: a refresh, a userInfo
//! answer; or the [`FailureData`], which this module explains from the error catalogue), and
//! [`unmount_page`] when the page closes. The profile's buttons answer through
//! [`cogfed_web::lazy::ProfileAction`] events, which the main app acts on.

use cogfed_web::lazy::Tool;
use cogfed_web::pages::explain::FailureView;
use cogfed_web::pages::profile_cards::ProfileCards;
use cogfed_web::profile_data::{FailureData, ProfileData};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The current mounts, one per page (dropping one unmounts its view and disposes its reactive graph).
    /// Per page, because the main app may mount the next page before it unmounts the one it replaces.
    static MOUNTED: RefCell<Vec<(Tool, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
    /// The latest data of each page, under an owner kept as long as the module, so it outlives a mount.
    static DATA: (Owner, RwSignal<Option<ProfileData>>, RwSignal<Option<FailureData>>) = {
        let owner = Owner::new();
        let (profile, failure) = owner.with(|| (RwSignal::new(None), RwSignal::new(None)));
        (owner, profile, failure)
    };
}

fn page(name: &str) -> Result<Tool, JsValue> {
    Tool::from_name(name)
        .filter(|t| matches!(t, Tool::Profile | Tool::Failure))
        .ok_or_else(|| JsValue::from_str(&format!("no page called {name} here")))
}

/// Renders page `name` (`profile` or `failure`) into `root`, after unmounting that page's previous mount.
#[wasm_bindgen]
pub fn mount_page(name: &str, root: web_sys::HtmlElement) -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    let tool = page(name)?;
    unmount_page(Some(name.to_string()));
    let handle: Box<dyn Any> = if tool == Tool::Profile {
        let data = DATA.with(|(_, d, _)| d.read_only());
        Box::new(leptos::mount::mount_to(
            root,
            move || view! { <ProfileCards data /> },
        ))
    } else {
        let failure = DATA.with(|(_, _, f)| f.read_only());
        Box::new(leptos::mount::mount_to(root, move || {
            move || failure.get().map(|failure| view! { <FailureView failure /> })
        }))
    };
    MOUNTED.with(|m| m.borrow_mut().push((tool, handle)));
    Ok(())
}

/// Shows `json` on page `name` ([`ProfileData::to_json`] or [`FailureData::to_json`]); a document that
/// does not read is an error for the caller to show.
#[wasm_bindgen]
pub fn feed_page(name: &str, json: &str) -> Result<(), JsValue> {
    if page(name)? == Tool::Profile {
        let data = ProfileData::from_json(json).map_err(|e| JsValue::from_str(&e))?;
        DATA.with(|(_, d, _)| d.set(Some(data)));
    } else {
        let data = FailureData::from_json(json).map_err(|e| JsValue::from_str(&e))?;
        DATA.with(|(_, _, f)| f.set(Some(data)));
    }
    Ok(())
}

/// Removes page `name`'s view (every page's when no name is given).
#[wasm_bindgen]
pub fn unmount_page(name: Option<String>) {
    let tool = name.as_deref().and_then(Tool::from_name);
    let removed: Vec<_> = MOUNTED.with(|m| {
        let mut mounted = m.borrow_mut();
        let (gone, kept) = mounted
            .drain(..)
            .partition(|(t, _)| tool.is_none_or(|tool| *t == tool));
        *mounted = kept;
        gone
    });
    drop(removed);
}

fn main() {}
