//! A flow test's frame (issue 14): the demo (Local Cognito and the SPA, [`LocalSpa`]) with a fresh browser on
//! the app's home page, the ways a user signs in, and the end every flow shares: nothing left behind
//! ([`assert_clean`]), the browser closed, the servers stopped.

use crate::steps::{submit_hosted_ui_form, submit_persona_form};
use crate::{Browser, LocalSpa, assert_clean};
use serde_json::{Map, Value};

/// How the user starts signing in from the home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// "Sign in" to the hosted UI, then its form as the demo's local user (alice).
    LocalUser,
    /// Straight to the upstream IdP (`identity_provider=Upstream`), then the persona's form as bob.
    UpstreamDirect,
}

/// The demo and a browser on it. Tests take it apart (`let Flow { env, mut browser } = Flow::start(..)`) and
/// put it back together to finish (`Flow { env, browser }.finish()`).
pub struct Flow {
    /// Local Cognito and the SPA.
    pub env: LocalSpa,
    /// Headless Chromium, on the SPA.
    pub browser: Browser,
}

impl Flow {
    /// The demo as it is; a browser called `name` (its artifacts' name) on `/`.
    pub async fn start(name: &str) -> Flow {
        Flow::start_with(name, |_| {}, "").await
    }

    /// The demo with the SPA's settings and Local Cognito's manifest changed as [`LocalSpa::start_with`]
    /// does; a browser called `name` on `/`.
    pub async fn start_with(name: &str, settings: impl FnOnce(&mut Map<String, Value>), patch: &str) -> Flow {
        let env = LocalSpa::start_with(settings, patch).await;
        let browser = Browser::start(name).await;
        browser.goto(&env.url("/")).await;
        Flow { env, browser }
    }

    /// The end of every flow: nothing left behind in the browser, then everything stopped.
    pub async fn finish(mut self) {
        assert_clean(&mut self.browser).await;
        self.browser.close().await;
        self.env.shutdown().await;
    }
}

/// Clicks the home page's sign-in button for `how` and signs in at the form it leads to.
pub async fn sign_in(browser: &mut Browser, how: SignIn) {
    match how {
        SignIn::LocalUser => {
            browser.click("#signin-local").await;
            submit_hosted_ui_form(browser).await;
        }
        SignIn::UpstreamDirect => {
            browser.click("#signin-idp-Upstream").await;
            submit_persona_form(browser).await;
        }
    }
}
