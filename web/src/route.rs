//! A router small enough to read in one sitting: the path is a signal, `navigate` pushes a History entry,
//! `popstate` (Back/Forward) sets the signal, and clicks on same-origin links to our pages are handled here
//! instead of reloading the app.
//!
//! Why not `leptos_router`: the same five-page app with a nav bar is 33.6 KB brotli (wasm + JS) with this
//! router and 76.3 KB with `leptos_router`'s `<Router>`, `<Routes>` and `<A>` (mostly the `url` crate and its
//! IDNA tables); five fixed paths need none of that.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The demo's pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// `/`: sign in, signed-in state.
    Home,
    /// `/callback`: the authorization response (the redirect URI).
    Callback,
    /// `/profile`: tokens, claims and the validation report.
    Profile,
    /// `/checker`: the config checker.
    Checker,
    /// `/settings`: which pool and client the demo uses.
    Settings,
    /// Anything else.
    NotFound,
}

impl Route {
    /// Every page with a path, in menu order.
    pub const PAGES: [Route; 5] = [
        Route::Home,
        Route::Profile,
        Route::Checker,
        Route::Settings,
        Route::Callback,
    ];

    /// The page at `path` (a URL path, no query or fragment). A trailing slash is tolerated.
    pub fn from_path(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        match trimmed {
            "" => Route::Home,
            "/callback" => Route::Callback,
            "/profile" => Route::Profile,
            "/checker" => Route::Checker,
            "/settings" => Route::Settings,
            _ => Route::NotFound,
        }
    }

    /// The page's path.
    pub fn path(&self) -> &'static str {
        match self {
            Route::Home | Route::NotFound => "/",
            Route::Callback => "/callback",
            Route::Profile => "/profile",
            Route::Checker => "/checker",
            Route::Settings => "/settings",
        }
    }

    /// The page's title (the document title's first part and the menu label).
    pub fn title(&self) -> &'static str {
        match self {
            Route::Home => "Sign in",
            Route::Callback => "Signing in",
            Route::Profile => "Profile",
            Route::Checker => "Config checker",
            Route::Settings => "Settings",
            Route::NotFound => "Not found",
        }
    }
}

impl Route {
    /// The page's label in the top bar (short enough for a phone).
    pub fn menu_label(&self) -> &'static str {
        match self {
            Route::Checker => "Checker",
            other => other.title(),
        }
    }
}

/// Whether a click on a link to `href_path` (same origin) should be handled by the router: only our own
/// pages, so links to files beside the app (`/examples/…`) still load normally.
pub fn is_app_path(path: &str) -> bool {
    Route::from_path(path) != Route::NotFound
}

/// The router's state, provided as context by [`provide_router`].
#[derive(Debug, Clone, Copy)]
pub struct Router {
    path: RwSignal<String>,
}

impl Router {
    /// The current page.
    pub fn route(&self) -> Route {
        Route::from_path(&self.path.get())
    }

    /// The current path (reactive).
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// Goes to `target` (a path, optionally with `?query` and `#fragment`) with a new History entry.
    pub fn navigate(&self, target: &str) {
        if let Ok(history) = window().history() {
            // A failure (e.g. a hostile `target` on another origin) leaves the page where it is.
            if history
                .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(target))
                .is_err()
            {
                return;
            }
        }
        self.sync();
    }

    /// Replaces the current History entry's URL (same page state, no new entry).
    pub fn replace(&self, target: &str) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(target));
        }
        self.sync();
    }

    /// Reads the address bar's path into the signal (after a History change made elsewhere).
    pub fn sync(&self) {
        let path = window().location().pathname().unwrap_or_else(|_| "/".into());
        if self.path.get_untracked() != path {
            self.path.set(path);
        }
    }
}

/// Creates the router for the current location, provides it as context, and installs the `popstate` and
/// link-click listeners (for the app's lifetime).
pub fn provide_router() -> Router {
    let path = window().location().pathname().unwrap_or_else(|_| "/".into());
    let router = Router {
        path: RwSignal::new(path),
    };
    provide_context(router);
    let on_pop = window_event_listener(leptos::ev::popstate, move |_| router.sync());
    let on_click = window_event_listener(leptos::ev::click, move |ev| intercept_link_click(&ev, &router));
    on_cleanup(move || {
        on_pop.remove();
        on_click.remove();
    });
    router
}

/// The router from context.
pub fn use_router() -> Router {
    // `provide_router` runs in `App` before any page exists; a missing router is a programming error caught by
    // the first test that renders a page, not something input can cause.
    use_context::<Router>().unwrap_or_else(|| Router {
        path: RwSignal::new("/".into()),
    })
}

/// Turns a plain left click on `<a href="/same-origin/page">` into a History navigation.
fn intercept_link_click(ev: &web_sys::MouseEvent, router: &Router) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.ctrl_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return;
    }
    let Some(anchor) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    if !anchor.target().is_empty() || anchor.has_attribute("download") {
        return;
    }
    let location = window().location();
    let same_origin = location.origin().is_ok_and(|o| o == anchor.origin());
    if !same_origin || !is_app_path(&anchor.pathname()) {
        return;
    }
    let same_page = location.pathname().is_ok_and(|p| p == anchor.pathname())
        && location.search().is_ok_and(|s| s == anchor.search());
    if same_page && !anchor.hash().is_empty() {
        // A fragment link on the current page: the browser scrolls and fires `hashchange` itself.
        return;
    }
    ev.prevent_default();
    router.navigate(&format!(
        "{}{}{}",
        anchor.pathname(),
        anchor.search(),
        anchor.hash()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_pages_and_back() {
        for page in Route::PAGES {
            assert_eq!(Route::from_path(page.path()), page);
            assert_eq!(
                Route::from_path(&format!("{}/", page.path())),
                page,
                "trailing slash"
            );
        }
        assert_eq!(Route::from_path("/nope"), Route::NotFound);
        assert_eq!(Route::from_path("/profile/x"), Route::NotFound);
        assert_eq!(Route::from_path(""), Route::Home);
    }

    #[test]
    fn only_app_pages_are_routed_in_page() {
        assert!(is_app_path("/checker"));
        assert!(!is_app_path("/cogfed.json"));
        assert!(!is_app_path("/cogfed-checker_loader.js"));
    }
}
