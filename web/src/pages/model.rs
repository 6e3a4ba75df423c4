//! Pure helpers behind the profile and callback pages: claim rows, times, the automatic federation group.

use cogfed_leptos::cogfed_auth::json::write_string;
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// Claims holding Unix seconds (shown with their UTC date).
const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "nbf", "auth_time"];

/// One claim, ready to show: name, value as text, and a note (the date of a time claim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    /// The claim name.
    pub name: String,
    /// Strings as they are, anything else as compact JSON.
    pub value: String,
    /// E.g. `2026-11-22 02:40:00 UTC` for `exp`.
    pub note: Option<String>,
}

/// A JSON object text cogfed-auth validated (a token's header or claims, a userInfo response) as a map, for
/// the profile module's cards (which link serde_json; the main module passes the texts on untouched).
pub fn json_map(text: &str) -> Map<String, Value> {
    serde_json::from_str(text).unwrap_or_default()
}

/// The rows of a JSON object (a token's header or claims), in the map's order (alphabetical: serde_json
/// without `preserve_order`).
pub fn claim_rows(map: &Map<String, Value>) -> Vec<ClaimRow> {
    map.iter()
        .map(|(name, value)| {
            let text = match value {
                Value::String(s) => s.clone(),
                other => json_text(other),
            };
            let note = if TIME_CLAIMS.contains(&name.as_str()) {
                value.as_u64().map(utc)
            } else {
                None
            };
            ClaimRow {
                name: name.clone(),
                value: text,
                note,
            }
        })
        .collect()
}

/// `value` as compact JSON, for display: what `Value`'s `Display` prints, without linking serde_json's
/// serializer and its float tables into the main module (about 5 KB brotli). Floats are the one difference in
/// spelling: see [`float_text`].
pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

/// Appends `value` as compact JSON. Recursion is bounded by the depth cogfed-auth's parser accepts.
fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                let _ = write!(out, "{u}");
            } else if let Some(i) = n.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                out.push_str(&float_text(n.as_f64().unwrap_or(f64::NAN)));
            }
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(out, map),
    }
}

/// `map` as a compact JSON object.
pub fn object_text(map: &Map<String, Value>) -> String {
    let mut out = String::new();
    write_object(&mut out, map);
    out
}

fn write_object(out: &mut String, map: &Map<String, Value>) {
    out.push('{');
    for (i, (name, item)) in map.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_value(out, item);
    }
    out.push('}');
}

/// A float as text. In the browser, JavaScript's `Number#toString` (the shortest text that reads back the same,
/// as serde_json's, though large exponents read `1e+21` rather than `1e21`): Rust's own float formatting would
/// add its tables to the wasm. Natively (the tests), Rust's `Display`.
fn float_text(f: f64) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Number::from(f)
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        f.to_string()
    }
}

/// `secs` (Unix) as `YYYY-MM-DD hh:mm:ss UTC`.
pub fn utc(secs: u64) -> String {
    let t = cogfed_leptos::cogfed_auth::time::utc_time(secs);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// Time left until `expires_at` at `now`: `59:58`, `1:02:03`, or `expired 12 s ago`.
pub fn countdown(now: u64, expires_at: u64) -> String {
    if now >= expires_at {
        return format!("expired {} ago", span(now - expires_at));
    }
    let left = expires_at - now;
    let (h, m, s) = (left / 3_600, left % 3_600 / 60, left % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// A short duration: `12 s`, `3 min`, `2 h`.
pub fn span(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3_600 => format!("{} min", secs / 60),
        _ => format!("{} h", secs / 3_600),
    }
}

/// The user pool id in a Cognito (or Local Cognito) issuer: its last path segment, if it looks like one
/// (`{region}_{id}`, cognito-facts §2.5).
pub fn pool_id(issuer: &str) -> Option<&str> {
    let last = issuer.trim_end_matches('/').rsplit('/').next()?;
    let (region, id) = last.split_once('_')?;
    (region.contains('-') && !id.is_empty()).then_some(last)
}

/// A group of `cognito:groups`, and whether it is the automatic per-IdP group `{poolId}_{ProviderName}` that
/// Cognito adds for federated users it created (cognito-facts §3.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRow {
    /// The group name.
    pub name: String,
    /// The IdP whose automatic group this is.
    pub automatic_for: Option<String>,
}

/// The groups with the automatic ones marked, given the issuer and the identities' provider names.
pub fn group_rows(groups: &[String], issuer: &str, providers: &[String]) -> Vec<GroupRow> {
    let pool = pool_id(issuer);
    groups
        .iter()
        .map(|name| GroupRow {
            name: name.clone(),
            automatic_for: pool
                .and_then(|pool| {
                    providers.iter().find(|p| {
                        name.strip_prefix(pool).and_then(|r| r.strip_prefix('_')) == Some(p.as_str())
                    })
                })
                .cloned(),
        })
        .collect()
}

/// One entry of `identities`, shown as the token has it: every field is a string on the wire (`primary` is
/// `"true"`/`"false"`, `dateCreated` is milliseconds), which is why the page shows the raw text too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityRow {
    /// `providerName`.
    pub provider_name: String,
    /// `providerType`.
    pub provider_type: String,
    /// `userId`.
    pub user_id: String,
    /// `primary`, raw.
    pub primary: String,
    /// `dateCreated`, raw.
    pub date_created: String,
    /// `dateCreated` as a UTC date, when it is a string of milliseconds.
    pub date_created_utc: Option<String>,
}

/// The `identities` claim, from the claims JSON (so the raw string values are shown as they are).
pub fn identity_rows(claims: &Map<String, Value>) -> Vec<IdentityRow> {
    let Some(Value::Array(items)) = claims.get("identities") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(Value::as_object)
        .map(|o| {
            let field = |k: &str| match o.get(k) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => json_text(other),
            };
            let date_created = field("dateCreated");
            let date_created_utc = date_created
                .parse::<u64>()
                .ok()
                .filter(|_| matches!(o.get("dateCreated"), Some(Value::String(_))))
                .map(|ms| utc(ms / 1_000));
            IdentityRow {
                provider_name: field("providerName"),
                provider_type: field("providerType"),
                user_id: field("userId"),
                primary: field("primary"),
                date_created,
                date_created_utc,
            }
        })
        .collect()
}

/// The string value of `key` in a JSON object, if it is a string.
pub fn string_claim(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The strings of the array claim `key` (`cognito:groups`); empty when it is absent or holds anything else.
pub fn string_list_claim(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn utc_dates_match_known_instants() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_642_699_117), "2022-01-20 17:18:37 UTC");
        assert_eq!(utc(4_102_444_799), "2099-12-31 23:59:59 UTC");
    }

    #[test]
    fn countdowns_and_spans() {
        assert_eq!(countdown(100, 3_700), "1:00:00");
        assert_eq!(countdown(100, 159), "00:59");
        assert_eq!(countdown(100, 100), "expired 0 s ago");
        assert_eq!(countdown(4_000, 100), "expired 1 h ago");
        assert_eq!(span(125), "2 min");
    }

    #[test]
    fn claim_rows_are_sorted_and_date_time_claims() {
        let rows = claim_rows(&map(
            json!({"sub": "u1", "exp": 0, "cognito:groups": ["a"], "email_verified": true}),
        ));
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["cognito:groups", "email_verified", "exp", "sub"]);
        assert_eq!(rows[2].note.as_deref(), Some("1970-01-01 00:00:00 UTC"));
        assert_eq!(rows[0].value, "[\"a\"]");
        assert_eq!(rows[1].value, "true");
        assert_eq!(rows[3].note, None);
    }

    #[test]
    fn json_text_is_what_serde_json_prints() {
        for v in [
            json!(null),
            json!(true),
            json!(0),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(-7),
            json!(1.5),
            json!("q\"b\\n\n\u{1}é"),
            json!([]),
            json!({}),
            json!(["a", 1, false, null, {"k": [1, 2]}]),
            json!({"b": {"c": "d"}, "a": [-1, 0.25]}),
        ] {
            assert_eq!(json_text(&v), v.to_string(), "{v}");
        }
    }

    #[test]
    fn the_automatic_group_is_pool_id_underscore_provider() {
        let issuer = "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_2kcGMqneE";
        let groups = vec![
            "eu-central-1_2kcGMqneE_SignInWithApple".to_string(),
            "admins".to_string(),
        ];
        let rows = group_rows(&groups, issuer, &["SignInWithApple".to_string()]);
        assert_eq!(rows[0].automatic_for.as_deref(), Some("SignInWithApple"));
        assert_eq!(rows[1].automatic_for, None);
        assert!(
            group_rows(&groups, issuer, &[])[0].automatic_for.is_none(),
            "no identity, no automatic group"
        );
        assert_eq!(
            pool_id("http://127.0.0.1:9229/us-east-1_LocalDemo"),
            Some("us-east-1_LocalDemo")
        );
        assert_eq!(pool_id("http://127.0.0.1:9000"), None);
    }

    #[test]
    fn list_claims_are_their_strings() {
        let claims = map(json!({"cognito:groups": ["a", "b"], "amr": "pwd"}));
        assert_eq!(string_list_claim(&claims, "cognito:groups"), vec!["a", "b"]);
        assert!(string_list_claim(&claims, "amr").is_empty());
        assert!(string_list_claim(&claims, "missing").is_empty());
    }

    #[test]
    fn identities_keep_their_string_values() {
        let claims = map(json!({"identities": [{
            "userId": "00u1", "providerName": "Upstream", "providerType": "OIDC", "issuer": null,
            "primary": "true", "dateCreated": "1642699117273"
        }, "junk"]}));
        let rows = identity_rows(&claims);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].primary, "true");
        assert_eq!(rows[0].date_created, "1642699117273");
        assert_eq!(
            rows[0].date_created_utc.as_deref(),
            Some("2022-01-20 17:18:37 UTC")
        );
        let numeric = map(json!({"identities": [{"dateCreated": 1642699117273u64}]}));
        assert_eq!(
            identity_rows(&numeric)[0].date_created_utc,
            None,
            "only the documented string form is dated"
        );
    }
}
