//! The profile module: the signed-in profile's cards, imported by the main app when `/profile` opens while
//! signed in ([`cogfed_web::lazy::LazyRoot`]). The main app calls [`mount_page`] on the page's root,
//! [`feed_page`] with the session's [`ProfileData`] as JSON (again after every change: a refresh, a userInfo
//! answer), and [`unmount_page`] when the page closes. The buttons answer through
//! [`cogfed_web::lazy::ProfileAction`] events, which the main app acts on.

use cogfed_web::lazy::Tool;
use cogfed_web::pages::profile_cards::ProfileCards;
use cogfed_web::profile_data::ProfileData;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The current mount (dropping it unmounts the view and disposes its reactive graph).
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// The latest data, under an owner kept as long as the module, so it outlives a mount.
    static DATA: (Owner, RwSignal<Option<ProfileData>>) = {
        let owner = Owner::new();
        let data = owner.with(|| RwSignal::new(None));
        (owner, data)
    };
}

/// Renders page `name` (only `profile`) into `root`, after unmounting a previous one.
#[wasm_bindgen]
pub fn mount_page(name: &str, root: web_sys::HtmlElement) -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    if Tool::from_name(name) != Some(Tool::Profile) {
        return Err(JsValue::from_str(&format!("no page called {name} here")));
    }
    unmount_page();
    let data = DATA.with(|(_, d)| d.read_only());
    let handle = leptos::mount::mount_to(root, move || view! { <ProfileCards data /> });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle) as Box<dyn Any>));
    Ok(())
}

/// Shows `json` ([`ProfileData::to_json`]); a document that does not read is an error for the caller to show.
#[wasm_bindgen]
pub fn feed_page(json: &str) -> Result<(), JsValue> {
    let data = ProfileData::from_json(json).map_err(|e| JsValue::from_str(&e))?;
    DATA.with(|(_, d)| d.set(Some(data)));
    Ok(())
}

/// Removes the current page's view.
#[wasm_bindgen]
pub fn unmount_page() {
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

fn main() {}
