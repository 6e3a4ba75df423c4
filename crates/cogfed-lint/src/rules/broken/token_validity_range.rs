use crate::de::{Loc, Located, known};
use crate::declare_rule;
use crate::model::{Field, TokenKind, ValidityUnit};
use crate::rules::{Ctx, Finding};

declare_rule! {
    /// # What it checks
    /// Each token lifetime, taken as value x unit, is within Cognito's range: access and ID tokens 5 minutes to
    /// 1 day, refresh tokens 60 minutes to 10 years. The units come from `token_validity_units` and default to
    /// hours (access, ID) and days (refresh); a refresh validity of 0 means the 30-day default. Values outside
    /// the raw API bounds (1-86400, 0-315360000) and unknown units are left to `api-range` and `api-enum`.
    ///
    /// # Why it matters
    /// The API checks the combined duration and refuses the client with `InvalidParameterException: Invalid
    /// range for token validity.` The classic trap is a number meant as minutes with the default unit:
    /// `access_token_validity = 60` is 60 hours, not 60 minutes.
    ///
    /// # Example
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// access_token_validity = 60
    /// ```
    ///
    /// # Fix
    /// ```toml
    /// [[clients]]
    /// client_name = "web"
    /// access_token_validity = 60
    /// token_validity_units = { access_token = "minutes" }
    /// ```
    ///
    /// # Source
    /// cognito-facts §3.1 (lifetimes), §4 (RefreshTokenValidity, AccessTokenValidity, IdTokenValidity,
    /// TokenValidityUnits); linter-anchors A4 ("Check value x unit, not the raw integer"), A6.
    pub static RULE = {
        id: "token-validity-range",
        group: Broken,
        severity: Error,
        summary: "a token validity is out of range once its unit is applied",
        check: check,
    };
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
/// Ten years as Cognito counts them (3650 days).
const TEN_YEARS: i64 = 3_650 * DAY;

/// One token kind's rules; its field names, default unit and unit sizes are the model's ([`TokenKind`]).
struct Kind {
    token: TokenKind,
    /// Raw API bounds (api-range reports values outside them).
    raw: (i64, i64),
    /// Effective bounds in seconds.
    range: (i64, i64),
    range_text: &'static str,
    /// Whether 0 stands for the default lifetime (refresh tokens: 30 days).
    zero_is_default: bool,
}

const ACCESS: Kind = Kind {
    token: TokenKind::Access,
    raw: (1, 86_400),
    range: (5 * MINUTE, DAY),
    range_text: "5 minutes to 1 day",
    zero_is_default: false,
};
const ID: Kind = Kind {
    token: TokenKind::Id,
    raw: (1, 86_400),
    range: (5 * MINUTE, DAY),
    range_text: "5 minutes to 1 day",
    zero_is_default: false,
};
const REFRESH: Kind = Kind {
    token: TokenKind::Refresh,
    raw: (0, 315_360_000),
    range: (HOUR, TEN_YEARS),
    range_text: "60 minutes to 10 years",
    zero_is_default: true,
};

/// Seconds in `unit` (TimeUnitsType).
fn unit_seconds(unit: &str) -> Option<i64> {
    ValidityUnit::parse(unit).and_then(|u| i64::try_from(u.seconds()).ok())
}

/// `value unit` in a form people read (`90 minutes`, `1 day`).
fn plural(value: i64, unit: &str) -> String {
    if value == 1 {
        format!("1 {}", unit.trim_end_matches('s'))
    } else {
        format!("{value} {unit}")
    }
}

fn check(ctx: &Ctx) -> Vec<Finding> {
    let mut out = Vec::new();
    for &(index, client, _) in ctx.clients() {
        let units = known(&client.token_validity_units);
        let kinds = [&ACCESS, &ID, &REFRESH].map(|kind| {
            (
                kind,
                client.validity(kind.token),
                units.map(|u| u.get(kind.token)),
            )
        });
        if client
            .token_validity_units
            .as_ref()
            .is_some_and(Located::is_unknown)
        {
            continue;
        }
        for (kind, value, unit) in kinds {
            if let Some(f) = check_one(ctx, index, kind, value, unit) {
                out.push(f);
            }
        }
    }
    out
}

fn check_one(
    ctx: &Ctx,
    index: usize,
    kind: &Kind,
    value: &Field<i64>,
    unit: Option<&Field<String>>,
) -> Option<Finding> {
    let value_at = value.as_ref()?;
    let v = *value_at.get()?;
    if v < kind.raw.0 || v > kind.raw.1 || (kind.zero_is_default && v == 0) {
        return None;
    }
    let (unit_name, unit_loc): (&str, Option<&Loc>) = match unit.and_then(Option::as_ref) {
        Some(u) => (u.as_str()?, Some(&u.loc)),
        None => (kind.token.default_unit().as_str(), None),
    };
    let seconds = v.checked_mul(unit_seconds(unit_name)?)?;
    if seconds >= kind.range.0 && seconds <= kind.range.1 {
        return None;
    }
    let shown = if unit_loc.is_some() {
        plural(v, unit_name)
    } else {
        format!("{} (default unit)", plural(v, unit_name))
    };
    let mut f = Finding::new(
        &value_at.loc,
        format!(
            "{} of {} is {shown}, outside {}",
            kind.token.api_field(),
            ctx.client_label(index),
            kind.range_text
        ),
    );
    if let Some(loc) = unit_loc {
        f = f.related(loc, "its unit");
    }
    // A unit that makes the same number valid is the likely intent.
    let fitting = ["minutes", "hours", "days"].into_iter().find(|u| {
        *u != unit_name
            && unit_seconds(u)
                .and_then(|s| v.checked_mul(s))
                .is_some_and(|s| s >= kind.range.0 && s <= kind.range.1)
    });
    f = match fitting {
        Some(u) => f.help(format!(
            "if {} was meant, set token_validity_units.{} = \"{u}\"",
            plural(v, u),
            kind.token.unit_field()
        )),
        None => f.help(format!("choose a value between {}", kind.range_text)),
    };
    Some(f.note("the API refuses the client: \"Invalid range for token validity.\" (cognito-facts §4)"))
}
