//! Rule `live-request-budget` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// `cogfed doctor` makes at most `--max-requests` GETs per run (default 100). The checks that would have needed
    /// more requests are reported with this rule instead of being made.
    ///
    /// # Why it matters
    /// The cap keeps a run polite toward the IdP and Cognito (an integration with many clients and callback URLs
    /// would otherwise turn into a flood of authorize requests) and bounded in time. A skipped check is not a pass.
    ///
    /// # Example
    /// ```text
    /// warning[live-request-budget]: the hosted UI's authorize endpoint (for app client `web`) was not fetched from
    /// `https://auth.example.com/oauth2/authorize?...`: the run made its 100 requests
    /// ```
    ///
    /// # Fix
    /// ```text
    /// Raise --max-requests, or pass fewer files or --redirect-uri values.
    /// ```
    ///
    /// # Source
    /// Issue 16 item 5 (the doctor's manners: a cap per run, at most a few requests per second per host).
    pub static RULE = {
        id: "live-request-budget",
        group: Live,
        severity: Warning,
        summary: "a live check was skipped: the run's request cap was reached",
        check: Live,
    };
}
