use super::catalogue::fields;
use crate::declare_rule;
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Integer fields are within the AWS API bounds: `AccessTokenValidity` and `IdTokenValidity` 1-86400,
    /// `RefreshTokenValidity` 0-315360000, `AuthSessionValidity` 3-15, `RefreshTokenRotation.
    /// RetryGracePeriodSeconds` 0-60, `ManagedLoginVersion` 1-2. (Whether a validity makes sense once its
    /// unit is applied is `token-validity-range`.)
    ///
    /// # Why it matters
    /// The API rejects out-of-range values and the deployment fails.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// auth_session_validity = 60
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// auth_session_validity = 15
    /// ```
    ///
    /// # Source
    /// linter-anchors A4 (AccessTokenValidityType, IdTokenValidityType, RefreshTokenValidityType,
    /// AuthSessionValidityType, RetryGracePeriodSecondsType); cognito-facts §4, §7.6.
    pub static RULE = {
        id: "api-range",
        group: Shape,
        severity: Error,
        summary: "an integer is outside the range its AWS API shape allows",
        check: check,
    };
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for (field, value, shape) in fields(ctx).ints {
        let Some(&v) = value.get() else { continue };
        if v < shape.min || v > shape.max {
            out.push(Finding::new(
                &value.loc,
                format!(
                    "{field} is {v}; {} allows {}-{}",
                    shape.name, shape.min, shape.max
                ),
            ));
        }
    }
    out
}
