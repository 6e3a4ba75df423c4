//! The config checker's UI as a module of its own: the main app imports it when `/checker` opens and calls
//! [`mount_checker`] on `#checker-root`, and [`unmount_checker`] when the page closes. The linter worker it
//! starts (and its answers) outlive a mount, so coming back to the page does not reload the linter.

use cogfed_web::checker::CheckerPage;
use cogfed_web::checker::client::CheckerService;
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

/// Renders the checker into `root` (replacing its content), unmounting a previous mount first.
#[wasm_bindgen]
pub fn mount_checker(root: web_sys::HtmlElement) {
    console_error_panic_hook::set_once();
    unmount_checker();
    let service = SERVICE.with(|(_, s)| *s);
    let handle = leptos::mount::mount_to(root, move || {
        provide_context(service);
        view! { <CheckerPage /> }
    });
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// Removes the checker's view.
#[wasm_bindgen]
pub fn unmount_checker() {
    let previous = MOUNTED.with(|m| m.borrow_mut().take());
    drop(previous);
}

fn main() {}
