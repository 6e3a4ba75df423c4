//! Rule `live-not-checked` (group `live`): reported by `cogfed doctor`; no static check.

use crate::declare_rule;

declare_rule! {
    /// # What it checks
    /// A part of the integration that `cogfed doctor` cannot check from the files and flags it was given: a
    /// client whose id is known only after deployment (a CloudFormation `!Ref`), a pool without a known id or
    /// Region, a hosted UI without a known domain, an IdP whose discovery omits `token_endpoint_auth_methods_supported`.
    /// The message says what is missing and which flag supplies it.
    ///
    /// # Why it matters
    /// Silence is not a pass: the report says what the doctor could not look at, so a clean run means the checked
    /// parts are fine and the rest is listed.
    ///
    /// # Example
    /// ```text
    /// info[live-not-checked]: the hosted UI was not probed for app client `web`: its app client id is not known
    ///   = help: pass --client-id ID
    /// ```
    ///
    /// # Fix
    /// ```text
    /// cogfed doctor cognito.yaml --client-id 7lhdbv12q1ud9rgg7g779u8va7 --domain myapp
    /// ```
    ///
    /// # Source
    /// Issue 16 items 1 and 3.
    pub static RULE = {
        id: "live-not-checked",
        group: Live,
        severity: Info,
        summary: "something the integration names could not be checked live: a value is unknown or missing",
        check: Live,
    };
}
