//! Removing the authorization response from the address bar (security-checklist B2 item 9; RFC 9700 §4.2):
//! after the callback, `code`, `state`, `iss` and the `error*` parameters must not stay in the URL, the
//! history entry, bookmarks or a `Referer`. `history.replaceState` rewrites the current entry in place, so
//! the back button never returns to the URL with the code either.
//!
//! Other query parameters and the fragment are kept byte for byte (an app's own parameters, a hash router).

use cogfed_auth::url::{AbsoluteUrl, parse_query};

/// Query parameters of an authorization response.
pub const RESPONSE_PARAMETERS: [&str; 6] =
    ["code", "state", "iss", "error", "error_description", "error_uri"];

/// True when a raw `name=value` query segment is an authorization-response parameter. Names are compared
/// after form decoding, as the callback parser reads them (`co%64e` is `code`).
fn is_response_parameter(segment: &str) -> bool {
    let raw_name = segment.split_once('=').map_or(segment, |(name, _)| name);
    match parse_query(raw_name)
        .ok()
        .and_then(|pairs| pairs.into_iter().next())
    {
        Some((name, _)) => RESPONSE_PARAMETERS.contains(&name.as_str()),
        // An undecodable name is not one the callback parser accepted; keep it as it was.
        None => false,
    }
}

/// The same-origin URL (`path?query#fragment`) of `href` without the authorization-response parameters, or
/// `None` when there is nothing to remove (or `href` is not an absolute http(s) URL).
pub fn strip_response_parameters(href: &str) -> Option<String> {
    let url = AbsoluteUrl::parse(href).ok()?;
    let query = url.query()?;
    let segments: Vec<&str> = query.split('&').collect();
    let kept: Vec<&str> = segments
        .iter()
        .copied()
        .filter(|segment| !segment.is_empty() && !is_response_parameter(segment))
        .collect();
    if kept.len() == segments.iter().filter(|s| !s.is_empty()).count() {
        return None;
    }
    let mut out = if url.path().is_empty() {
        "/".to_owned()
    } else {
        url.path().to_owned()
    };
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(fragment) = url.fragment() {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// Rewrites the current history entry without the authorization-response parameters (keeping the entry's
/// `history.state`, which routers use). Returns the new URL, or `None` when nothing had to change.
pub fn clean_address_bar() -> Result<Option<String>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let href = window.location().href().map_err(|e| crate::js::describe(&e))?;
    let Some(clean) = strip_response_parameters(&href) else {
        return Ok(None);
    };
    let history = window.history().map_err(|e| crate::js::describe(&e))?;
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    history
        .replace_state_with_url(&state, "", Some(&clean))
        .map_err(|e| crate::js::describe(&e))?;
    Ok(Some(clean))
}

/// Replaces the current history entry with the same-origin path `path` and tells the app's router (Leptos'
/// router listens to `popstate`). Used to go to the return path after sign-in.
pub fn replace_path_and_notify(path: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let history = window.history().map_err(|e| crate::js::describe(&e))?;
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .map_err(|e| crate::js::describe(&e))?;
    let event = web_sys::Event::new("popstate").map_err(|e| crate::js::describe(&e))?;
    window
        .dispatch_event(&event)
        .map_err(|e| crate::js::describe(&e))?;
    Ok(())
}

/// A return path is followed only when it is a same-origin absolute path: it starts with one `/` (not `//`,
/// which is another host, and not `/\`, which browsers read as `//`) and has no control characters. Anything
/// else is ignored, so the client is never an open redirector (security-checklist B2 item 8).
pub fn is_safe_return_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && path.chars().all(|c| !c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_response_parameters_and_keeps_the_rest_byte_for_byte() {
        assert_eq!(
            strip_response_parameters(
                "https://app.example.com/callback?keep=a%20b&code=abc&state=S&iss=https%3A%2F%2Fop&x=1#frag"
            ),
            Some("/callback?keep=a%20b&x=1#frag".into())
        );
        assert_eq!(
            strip_response_parameters(
                "https://app.example.com/cb?error=access_denied&error_description=no&error_uri=u&state=s"
            ),
            Some("/cb".into())
        );
        assert_eq!(
            strip_response_parameters("https://app.example.com/?co%64e=1&lang=de"),
            Some("/?lang=de".into()),
            "encoded names are decoded like the callback parser does"
        );
    }

    #[test]
    fn nothing_to_strip() {
        assert_eq!(strip_response_parameters("https://app.example.com/cb?x=1"), None);
        assert_eq!(strip_response_parameters("https://app.example.com/cb"), None);
        assert_eq!(strip_response_parameters("not a url"), None);
        assert_eq!(
            strip_response_parameters("https://app.example.com/cb?codes=1&stately=2"),
            None,
            "only exact names"
        );
    }

    #[test]
    fn return_paths_are_same_origin_only() {
        assert!(is_safe_return_path("/profile?tab=1#x"));
        assert!(!is_safe_return_path("//evil.example/"));
        assert!(!is_safe_return_path("/\\evil.example/"));
        assert!(!is_safe_return_path("https://evil.example/"));
        assert!(!is_safe_return_path("profile"));
        assert!(!is_safe_return_path("/a\nb"));
    }
}
