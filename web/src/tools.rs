//! The tools module: the config checker and the settings form, imported by the main app when one of those
//! pages opens ([`cogfed_web::lazy`]), which calls [`mount_page`] on the page's root and [`unmount_page`]
//! when it closes. The linter worker the checker starts outlives a mount, so coming back to the checker does
//! not reload the linter.

use cogfed_web::checker::CheckerPage;
use cogfed_web::checker::client::CheckerService;
use cogfed_web::lazy::Tool;
use cogfed_web::pages::settings::SettingsPage;
use cogfed_web::state::SettingsState;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The current mount (dropping it unmounts the view and disposes its reactive graph).
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
    /// The worker client, created once under an owner kept as long as the module (dropping the owner would
    /// dispose the client's signals).
    static SERVICE: (Owner, CheckerService) = {
        let owner = Owner::new();
        let service = owner.with(CheckerService::new);
        (owner, service)
    };
}

/// Renders page `name` (`checker` or `settings`) into `root`, after unmounting a previous page. Another
/// name is an error for the caller to show.
#[wasm_bindgen]
pub fn mount_page(name: &str, root: web_sys::HtmlElement) -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    let tool = Tool::from_name(name)
        .filter(|t| matches!(t, Tool::Checker | Tool::Settings))
        .ok_or_else(|| JsValue::from_str(&format!("no page called {name} here")))?;
    unmount_page();
    let handle: Box<dyn Any> = match tool {
        Tool::Checker => {
            let service = SERVICE.with(|(_, s)| *s);
            Box::new(leptos::mount::mount_to(root, move || {
                provide_context(service);
                // The live check starts from the configured issuer (the page's settings, or this tab's).
                provide_context(SettingsState::load());
                view! { <CheckerPage /> }
            }))
        }
        Tool::Settings => Box::new(leptos::mount::mount_to(root, || {
            provide_context(SettingsState::load());
            view! { <SettingsPage /> }
        })),
        // Refused above: the profile module's pages.
        Tool::Profile | Tool::Failure => return Err(JsValue::from_str("no such page here")),
    };
    MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    Ok(())
}

/// Removes the current page's view (the main app passes the page's name, which this module, with one page
/// at a time, does not need).
#[wasm_bindgen]
pub fn unmount_page() {
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

fn main() {}
