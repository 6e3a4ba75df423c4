//! The HTML pages: Cognito's sign-in form and error page, and the persona's sign-in form. Every inserted
//! value is escaped; every field has a `<label for>`; errors are announced with `role="alert"`.

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0}\
main{max-width:22rem;margin:3rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;\
box-shadow:0 1px 4px rgba(0,0,0,.15)}h1{font-size:1.3rem}label{display:block;margin-top:.8rem;font-weight:600}\
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;margin-top:.25rem}\
button{margin-top:1rem;width:100%;padding:.6rem;font-size:1rem;cursor:pointer}\
.error{color:#b00020;font-weight:600}.idp{margin-bottom:1rem}.note{color:#555;font-size:.85rem}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>\n",
        escape(title)
    )
}

fn hidden_inputs(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                escape(k),
                escape(v)
            )
        })
        .collect()
}

/// A federated IdP button on the sign-in page: a GET form to `/oauth2/authorize` with the original
/// parameters plus `identity_provider`.
#[derive(Debug, Clone)]
pub struct IdpButton {
    /// The provider name shown and sent.
    pub provider_name: String,
    /// The authorize parameters to carry, `identity_provider` included.
    pub params: Vec<(String, String)>,
}

/// Content of the hosted UI sign-in page.
#[derive(Debug, Clone, Default)]
pub struct LoginPage {
    /// The form's action: `/login?{authorize parameters}`.
    pub action: String,
    /// The CSRF token to echo in `_csrf`.
    pub csrf: String,
    /// Whether local (`COGNITO`) users may sign in here.
    pub show_local_form: bool,
    /// Pre-filled username (`login_hint`).
    pub username: String,
    /// An error to announce, e.g. "Incorrect username or password.".
    pub error: Option<String>,
    /// One button per federated IdP of the client.
    pub idp_buttons: Vec<IdpButton>,
}

/// The hosted UI sign-in page. Field IDs follow the classic hosted UI (`signInFormUsername`,
/// `signInFormPassword`, `signInSubmitButton`) so browser tests written for Cognito work here.
pub fn login_page(p: &LoginPage) -> String {
    let mut body = String::from("<h1>Sign in</h1>");
    if let Some(e) = &p.error {
        body.push_str(&format!(
            "<p id=\"loginErrorMessage\" class=\"error\" role=\"alert\">{}</p>",
            escape(e)
        ));
    }
    for b in &p.idp_buttons {
        body.push_str(&format!(
            "<form class=\"idp\" method=\"get\" action=\"/oauth2/authorize\">{}\
             <button type=\"submit\">Sign in with {}</button></form>",
            hidden_inputs(&b.params),
            escape(&b.provider_name)
        ));
    }
    if p.show_local_form {
        if !p.idp_buttons.is_empty() {
            body.push_str("<p class=\"note\">or sign in with your username and password</p>");
        }
        body.push_str(&format!(
            "<form method=\"post\" action=\"{}\" autocomplete=\"on\">\
             <input type=\"hidden\" name=\"_csrf\" value=\"{}\">\
             <label for=\"signInFormUsername\">Username</label>\
             <input id=\"signInFormUsername\" name=\"username\" type=\"text\" autocomplete=\"username\" \
             autocapitalize=\"none\" required value=\"{}\">\
             <label for=\"signInFormPassword\">Password</label>\
             <input id=\"signInFormPassword\" name=\"password\" type=\"password\" \
             autocomplete=\"current-password\" required>\
             <button id=\"signInSubmitButton\" name=\"signInSubmitButton\" type=\"submit\">Sign in</button>\
             </form>",
            escape(&p.action),
            escape(&p.csrf),
            escape(&p.username)
        ));
    }
    page("Signin", &body)
}

/// Cognito's own error page ("An error was encountered with the requested page.", cognito-facts §1.0).
pub fn error_page(detail: &str) -> String {
    error_page_with_note(detail, None)
}

/// Cognito's error page, plus a note of Local Cognito's own when given. Real Cognito shows nothing but the
/// code, so the note is marked as Local Cognito's (`#localNote`, "Local Cognito note").
pub fn error_page_with_note(detail: &str, note: Option<&str>) -> String {
    let mut body = format!(
        "<h1>An error was encountered with the requested page.</h1>\
         <p id=\"errorMessage\" class=\"error\" role=\"alert\">{}</p>",
        escape(detail)
    );
    if let Some(note) = note {
        body.push_str(&format!(
            "<p id=\"localNote\" class=\"note\"><strong>Local Cognito note</strong> \
             (real Cognito shows only the error above): {}</p>",
            escape(note)
        ));
    }
    page("Error", &body)
}

/// Content of the persona's sign-in page.
#[derive(Debug, Clone, Default)]
pub struct PersonaLoginPage {
    /// The persona's issuer, shown so a human sees which IdP they are at.
    pub issuer: String,
    /// Form action (the persona's `/login`).
    pub action: String,
    /// The pending authorization transaction.
    pub transaction: String,
    /// CSRF token.
    pub csrf: String,
    /// Pre-filled username (`login_hint`).
    pub username: String,
    /// Error to announce.
    pub error: Option<String>,
}

/// The upstream persona's sign-in page (`#persona-username`, `#persona-password`, "Continue").
pub fn persona_login_page(p: &PersonaLoginPage) -> String {
    let mut body = format!(
        "<h1>Upstream sign-in</h1><p class=\"note\">Identity provider {}</p>",
        escape(&p.issuer)
    );
    if let Some(e) = &p.error {
        body.push_str(&format!(
            "<p id=\"personaError\" class=\"error\" role=\"alert\">{}</p>",
            escape(e)
        ));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"{}\">\
         <input type=\"hidden\" name=\"transaction\" value=\"{}\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <label for=\"persona-username\">Username</label>\
         <input id=\"persona-username\" name=\"username\" type=\"text\" autocomplete=\"username\" required value=\"{}\">\
         <label for=\"persona-password\">Password</label>\
         <input id=\"persona-password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\
         <button id=\"persona-submit\" type=\"submit\">Continue</button></form>",
        escape(&p.action),
        escape(&p.transaction),
        escape(&p.csrf),
        escape(&p.username)
    ));
    page("Upstream sign-in", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        let html = login_page(&LoginPage {
            action: "/login?a=1&b=\"><script>".into(),
            csrf: "t".into(),
            show_local_form: true,
            username: "<img src=x>".into(),
            error: Some("<b>".into()),
            idp_buttons: vec![IdpButton {
                provider_name: "<Evil>".into(),
                params: vec![("state".into(), "\"'><".into())],
            }],
        });
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<Evil>"));
        assert!(html.contains("&lt;img src=x&gt;"));
        assert!(html.contains("<label for=\"signInFormUsername\">Username</label>"));
        assert!(html.contains("<label for=\"signInFormPassword\">Password</label>"));
        assert!(html.contains(">Sign in</button>"));
    }

    #[test]
    fn error_page_note_is_marked_as_local_cognitos_and_escaped() {
        let plain = error_page("redirect_mismatch");
        assert!(plain.contains("An error was encountered with the requested page."));
        assert!(!plain.contains("Local Cognito note"));
        let noted = error_page_with_note("redirect_mismatch", Some("see <rule>"));
        assert!(noted.contains("<p id=\"localNote\" class=\"note\"><strong>Local Cognito note</strong>"));
        assert!(noted.contains("see &lt;rule&gt;"));
    }

    #[test]
    fn local_form_can_be_hidden() {
        let html = login_page(&LoginPage {
            show_local_form: false,
            ..Default::default()
        });
        assert!(!html.contains("signInFormPassword"));
    }
}
