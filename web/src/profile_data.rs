//! What the profile module is told about the session: plain data, written as JSON by the main app (which holds
//! the session) and read back by the profile module (which draws the cards), and the failure data both modules'
//! [`crate::pages::explain::FailureView`] shows.
//!
//! The JSON is written member by member and read with cogfed-auth's strict scanner: neither module links
//! serde_json's serializer or deserializer for it. The token headers and claims and the userInfo response
//! travel as their JSON text, in *strings* inside the document, each read on its own: nesting them would add
//! levels to documents the scanner already accepted at up to its depth limit, and the profile could then be
//! refused. The main module never builds a JSON tree: it passes on the texts cogfed-auth validated.

use cogfed_leptos::cogfed_auth::ExplanationKey;
use cogfed_leptos::cogfed_auth::json::write_string;
use cogfed_leptos::cogfed_auth::json::{Object, Value, parse_object};
use cogfed_leptos::{AuthFailure, CheckResult, Session, UserInfo, Verified};

/// One check of a verification report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckRow {
    /// The check's name (`signature`, `iss`, …).
    pub check: String,
    /// Whether it passed.
    pub passed: bool,
    /// What was compared, or why it failed.
    pub detail: String,
}

impl CheckRow {
    /// The rows of a report.
    pub fn of(report: &[CheckResult]) -> Vec<CheckRow> {
        report
            .iter()
            .map(|c| CheckRow {
                check: c.check.as_str().to_string(),
                passed: c.passed,
                detail: c.detail(),
            })
            .collect()
    }
}

/// The catalogue's explanation of a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplanationText {
    /// The usual causes.
    pub detail: String,
    /// What to change.
    pub fix: String,
    /// Where the knowledge comes from.
    pub source: String,
}

/// A failure as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureData {
    /// What was being done (`sign-in callback`, `token refresh`, …).
    pub operation: String,
    /// One line: what happened.
    pub summary: String,
    /// The catalogue's explanation, when the failure is known.
    pub explanation: Option<ExplanationText>,
    /// The `cogfed lint` rule that finds the cause.
    pub rule: Option<String>,
    /// What the provider said: `error=…, error_description=…`.
    pub provider: Option<String>,
    /// The error's full message.
    pub technical: String,
    /// For a rejected token, the checks that ran.
    pub report: Vec<CheckRow>,
    /// Which catalogue entry explains the failure, until [`FailureData::explained`] looks it up.
    pub key: Option<ExplanationKey>,
}

impl FailureData {
    /// The failure's data, not yet explained: the main module records which catalogue entry applies
    /// ([`AuthFailure::explanation_key`]) and leaves the catalogue's text to the profile module, which shows
    /// failures ([`FailureData::explained`]).
    pub fn of(failure: &AuthFailure) -> FailureData {
        FailureData {
            operation: failure.operation.as_str().to_string(),
            summary: failure.error.to_string(),
            explanation: None,
            rule: None,
            key: failure.explanation_key(),
            provider: failure
                .error
                .provider_error()
                .map(|(code, description)| match description {
                    Some(d) => format!("error={code}, error_description={d}"),
                    None => format!("error={code}"),
                }),
            technical: failure.error.to_string(),
            report: CheckRow::of(failure.error.report()),
        }
    }

    /// With the catalogue's summary, explanation and rule, when its key finds an entry.
    pub fn explained(mut self) -> FailureData {
        if let Some(e) = self.key.as_ref().and_then(ExplanationKey::explain) {
            self.summary = e.summary.to_string();
            self.explanation = Some(ExplanationText {
                detail: e.detail.to_string(),
                fix: e.fix.to_string(),
                source: e.source.to_string(),
            });
            self.rule = e.rule_id.map(str::to_string);
        }
        self
    }

    /// The JSON handed to the profile module to show the failure (`mount_page("failure")`).
    pub fn to_json(&self) -> String {
        let mut w = Writer::default();
        self.write(&mut w);
        w.out
    }

    /// Reads [`FailureData::to_json`]'s output, explained. Errors say which member is wrong.
    pub fn from_json(json: &str) -> Result<FailureData, String> {
        let object = parse_object(json.as_bytes()).map_err(|e| format!("failure data: {e}"))?;
        FailureData::from_value(Value::Object(object), "failure")
    }

    fn write(&self, w: &mut Writer) {
        w.begin();
        w.string("operation", Some(&self.operation));
        match &self.key {
            Some(ExplanationKey::Provider { error, description }) => {
                w.string("explain_error", Some(error));
                w.string("explain_description", description.as_deref());
            }
            Some(ExplanationKey::Callback(id)) => w.string("explain_callback", Some(id)),
            None => {}
        }
        w.string("summary", Some(&self.summary));
        if let Some(e) = &self.explanation {
            w.string("detail", Some(&e.detail));
            w.string("fix", Some(&e.fix));
            w.string("source", Some(&e.source));
        }
        w.string("rule", self.rule.as_deref());
        w.string("provider", self.provider.as_deref());
        w.string("technical", Some(&self.technical));
        w.report(&self.report);
        w.end();
    }

    fn from_value(value: Value, what: &str) -> Result<FailureData, String> {
        let m = object(value, what)?;
        let explanation = match m.string("detail")? {
            Some(detail) => Some(ExplanationText {
                detail: detail.to_string(),
                fix: m.required_string("fix")?.to_string(),
                source: m.required_string("source")?.to_string(),
            }),
            None => None,
        };
        let key = match (m.string("explain_callback")?, m.string("explain_error")?) {
            (Some(id), _) => Some(
                ExplanationKey::from_parts(&id, None, true)
                    .ok_or_else(|| format!("{what}: explain_callback: no explanation `{id}`"))?,
            ),
            (None, Some(error)) => {
                ExplanationKey::from_parts(&error, m.string("explain_description")?.as_deref(), false)
            }
            (None, None) => None,
        };
        let data = FailureData {
            operation: m.required_string("operation")?.to_string(),
            summary: m.required_string("summary")?.to_string(),
            explanation,
            rule: m.string("rule")?.map(|s| s.into_owned()),
            provider: m.string("provider")?.map(|s| s.into_owned()),
            technical: m.required_string("technical")?.to_string(),
            report: report_from(m.get("report"), what)?,
            key,
        };
        Ok(data.explained())
    }
}

/// A verified token: its decoded header and claims (their JSON text, as in the token), and its checks.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenData {
    /// The header's JSON text.
    pub header: String,
    /// The claims' JSON text.
    pub claims: String,
    /// The checks, in the order they ran.
    pub report: Vec<CheckRow>,
}

impl TokenData {
    /// The token's data.
    pub fn of(token: &Verified) -> TokenData {
        TokenData {
            header: token.jwt.header_json().to_string(),
            claims: token.jwt.claims.json_text().to_string(),
            report: CheckRow::of(&token.report),
        }
    }

    /// Whether every check passed.
    pub fn all_passed(&self) -> bool {
        self.report.iter().all(|c| c.passed)
    }

    fn write(&self, w: &mut Writer) {
        w.begin();
        w.string("header", Some(&self.header));
        w.string("claims", Some(&self.claims));
        w.report(&self.report);
        w.end();
    }

    fn from_value(value: Value, what: &str) -> Result<TokenData, String> {
        let m = object(value, what)?;
        Ok(TokenData {
            header: unembed(m, "header", what)?,
            claims: unembed(m, "claims", what)?,
            report: report_from(m.get("report"), what)?,
        })
    }
}

/// The userInfo response, as far as it got.
#[derive(Debug, Clone, PartialEq)]
pub enum UserInfoData {
    /// Not requested yet.
    NotFetched,
    /// The request is in flight.
    Loading,
    /// The claims' JSON text (`sub` already checked against the ID token's).
    Fetched(String),
    /// The request failed.
    Failed(Box<FailureData>),
}

/// Everything the profile's cards show.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileData {
    /// Unix seconds when the access token (else the ID token) expires.
    pub expires_at: Option<u64>,
    /// Unix seconds of the last refresh.
    pub refreshed_at: Option<u64>,
    /// Unix seconds when the automatic refresh fires next.
    pub next_refresh_at: Option<u64>,
    /// Whether a refresh token is held.
    pub has_refresh_token: bool,
    /// The granted scopes.
    pub scope: Option<String>,
    /// The ID token.
    pub id_token: TokenData,
    /// The access token, when the dialect verifies it (Cognito).
    pub access_token: Option<TokenData>,
    /// userInfo.
    pub userinfo: UserInfoData,
    /// The last refresh failure that did not end the session.
    pub refresh_error: Option<FailureData>,
}

impl ProfileData {
    /// The profile of `session`, with the refresh timer's next run.
    pub fn of(session: &Session, next_refresh_at: Option<u64>) -> ProfileData {
        ProfileData {
            expires_at: session.expires_at.or(session.id_token_expires_at()),
            refreshed_at: session.refreshed_at,
            next_refresh_at,
            has_refresh_token: session.has_refresh_token,
            scope: session.scope.clone(),
            id_token: TokenData::of(&session.id_token),
            access_token: session.access_token.as_ref().map(TokenData::of),
            userinfo: match &session.userinfo {
                UserInfo::NotFetched => UserInfoData::NotFetched,
                UserInfo::Loading => UserInfoData::Loading,
                UserInfo::Fetched(claims) => UserInfoData::Fetched(claims.json_text().to_string()),
                UserInfo::Failed(failure) => UserInfoData::Failed(Box::new(FailureData::of(failure))),
            },
            refresh_error: session.last_refresh_error.as_ref().map(FailureData::of),
        }
    }

    /// Whether every check of every token passed.
    pub fn all_passed(&self) -> bool {
        self.id_token.all_passed() && self.access_token.as_ref().is_none_or(TokenData::all_passed)
    }

    /// The JSON handed to the profile module.
    pub fn to_json(&self) -> String {
        let mut w = Writer::default();
        w.begin();
        w.number("expires_at", self.expires_at);
        w.number("refreshed_at", self.refreshed_at);
        w.number("next_refresh_at", self.next_refresh_at);
        w.key("has_refresh_token");
        w.out
            .push_str(if self.has_refresh_token { "true" } else { "false" });
        w.string("scope", self.scope.as_deref());
        w.key("id_token");
        self.id_token.write(&mut w);
        w.key("access_token");
        match &self.access_token {
            Some(token) => token.write(&mut w),
            None => w.null(),
        }
        let state = match &self.userinfo {
            UserInfoData::NotFetched => "not-fetched",
            UserInfoData::Loading => "loading",
            UserInfoData::Fetched(_) => "fetched",
            UserInfoData::Failed(_) => "failed",
        };
        w.string("userinfo", Some(state));
        w.key("userinfo_detail");
        match &self.userinfo {
            UserInfoData::Fetched(claims) => write_string(&mut w.out, claims),
            UserInfoData::Failed(failure) => failure.write(&mut w),
            UserInfoData::NotFetched | UserInfoData::Loading => w.null(),
        }
        w.key("refresh_error");
        match &self.refresh_error {
            Some(failure) => failure.write(&mut w),
            None => w.null(),
        }
        w.end();
        w.out
    }

    /// Reads [`ProfileData::to_json`]'s output. Errors say which member is wrong.
    pub fn from_json(json: &str) -> Result<ProfileData, String> {
        let m = parse_object(json.as_bytes()).map_err(|e| format!("profile data: {e}"))?;
        let member = |name: &str| m.get(name).unwrap_or(Value::Null);
        let userinfo = match &*m.required_string("userinfo")? {
            "not-fetched" => UserInfoData::NotFetched,
            "loading" => UserInfoData::Loading,
            "fetched" => UserInfoData::Fetched(unembed(m, "userinfo_detail", "userinfo")?),
            "failed" => UserInfoData::Failed(Box::new(FailureData::from_value(
                member("userinfo_detail"),
                "userinfo",
            )?)),
            other => return Err(format!("userinfo: unknown state `{other}`")),
        };
        Ok(ProfileData {
            expires_at: m.number("expires_at")?,
            refreshed_at: m.number("refreshed_at")?,
            next_refresh_at: m.number("next_refresh_at")?,
            has_refresh_token: m.boolean("has_refresh_token")?.unwrap_or(false),
            scope: m.string("scope")?.map(|s| s.into_owned()),
            id_token: TokenData::from_value(member("id_token"), "id_token")?,
            access_token: match member("access_token") {
                Value::Null => None,
                value => Some(TokenData::from_value(value, "access_token")?),
            },
            userinfo,
            refresh_error: match member("refresh_error") {
                Value::Null => None,
                value => Some(FailureData::from_value(value, "refresh_error")?),
            },
        })
    }
}

/// Writes the profile document member by member (no map is built): objects, with string, number, null and
/// check-list members.
#[derive(Default)]
struct Writer {
    out: String,
    /// Whether the next member or item is the first of its object or array.
    first: bool,
}

impl Writer {
    fn separate(&mut self) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
    }

    fn begin(&mut self) {
        self.out.push('{');
        self.first = true;
    }

    fn end(&mut self) {
        self.out.push('}');
        self.first = false;
    }

    fn key(&mut self, name: &str) {
        self.separate();
        write_string(&mut self.out, name);
        self.out.push(':');
    }

    fn null(&mut self) {
        self.out.push_str("null");
    }

    fn string(&mut self, name: &str, value: Option<&str>) {
        self.key(name);
        match value {
            Some(value) => write_string(&mut self.out, value),
            None => self.null(),
        }
    }

    fn number(&mut self, name: &str, value: Option<u64>) {
        self.key(name);
        match value {
            Some(value) => self.out.push_str(&value.to_string()),
            None => self.null(),
        }
    }

    fn report(&mut self, report: &[CheckRow]) {
        self.key("report");
        self.out.push('[');
        self.first = true;
        for c in report {
            self.separate();
            self.begin();
            self.string("check", Some(&c.check));
            self.key("passed");
            self.out.push_str(if c.passed { "true" } else { "false" });
            self.string("detail", Some(&c.detail));
            self.end();
        }
        self.out.push(']');
        self.first = false;
    }
}

/// The JSON object text carried as a string in member `name`, checked by the strict scanner.
fn unembed(m: Object, name: &str, what: &str) -> Result<String, String> {
    let text = m
        .string(name)?
        .ok_or_else(|| format!("{what}: {name} is missing"))?;
    parse_object(text.as_bytes()).map_err(|e| format!("{what}: {name}: {e}"))?;
    Ok(text.into_owned())
}

fn object<'a>(value: Value<'a>, what: &str) -> Result<Object<'a>, String> {
    match value {
        Value::Object(object) => Ok(object),
        _ => Err(format!("{what} is not an object")),
    }
}

fn report_from(value: Option<Value>, what: &str) -> Result<Vec<CheckRow>, String> {
    let Some(Value::Array(items)) = value else {
        return Err(format!("{what}: report is not an array"));
    };
    items
        .items()
        .map(|item| {
            let m = object(item, what)?;
            Ok(CheckRow {
                check: m.required_string("check")?.to_string(),
                passed: m
                    .boolean("passed")?
                    .ok_or_else(|| format!("{what}: a check has no passed"))?,
                detail: m.required_string("detail")?.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: serde_json::Value) -> String {
        v.to_string()
    }

    fn check(name: &str, passed: bool) -> CheckRow {
        CheckRow {
            check: name.into(),
            passed,
            detail: format!("{name} \"detail\""),
        }
    }

    fn failure(report: Vec<CheckRow>) -> FailureData {
        FailureData {
            operation: "token refresh".into(),
            summary: "The refresh token was refused".into(),
            explanation: Some(ExplanationText {
                detail: "It was revoked.".into(),
                fix: "Sign in again.".into(),
                source: "cognito-facts §8".into(),
            }),
            rule: Some("refresh-token-rotation".into()),
            provider: Some("error=invalid_grant".into()),
            technical: "token endpoint: invalid_grant".into(),
            report,
            key: None,
        }
    }

    fn profile() -> ProfileData {
        ProfileData {
            expires_at: Some(1_900_000_000),
            refreshed_at: None,
            next_refresh_at: Some(1_899_999_940),
            has_refresh_token: true,
            scope: Some("openid email".into()),
            id_token: TokenData {
                header: map(json!({"alg": "RS256", "kid": "k1"})),
                claims: map(
                    json!({"sub": "u1", "exp": 1_900_000_000u64, "cognito:groups": ["a", "b"],
                    "identities": [{"providerName": "Upstream", "primary": "true"}], "ratio": 0.5, "n": -3}),
                ),
                report: vec![check("signature", true), check("iss", true)],
            },
            access_token: None,
            userinfo: UserInfoData::NotFetched,
            refresh_error: None,
        }
    }

    #[test]
    fn profiles_round_trip_through_their_json() {
        let mut p = profile();
        assert_eq!(ProfileData::from_json(&p.to_json()), Ok(p.clone()));
        p.access_token = Some(TokenData {
            header: map(json!({"alg": "RS256"})),
            claims: map(json!({"token_use": "access", "scope": "openid"})),
            report: vec![check("token_use", false)],
        });
        p.refreshed_at = Some(1_899_999_000);
        p.userinfo = UserInfoData::Fetched(map(json!({"sub": "u1", "email_verified": true})));
        p.refresh_error = Some(failure(vec![check("exp", false)]));
        assert_eq!(ProfileData::from_json(&p.to_json()), Ok(p.clone()));
        assert!(!p.all_passed(), "the access token failed a check");
        p.userinfo = UserInfoData::Failed(Box::new(FailureData {
            explanation: None,
            rule: None,
            provider: None,
            ..failure(Vec::new())
        }));
        p.scope = None;
        assert_eq!(ProfileData::from_json(&p.to_json()), Ok(p));
        let loading = ProfileData {
            userinfo: UserInfoData::Loading,
            ..profile()
        };
        assert_eq!(ProfileData::from_json(&loading.to_json()), Ok(loading));
    }

    #[test]
    fn a_failure_is_explained_where_it_is_read_not_where_it_is_written() {
        use cogfed_leptos::Operation;
        use cogfed_leptos::cogfed_auth::AuthorizationError;
        use cogfed_leptos::cogfed_auth::callback::CallbackError;
        use cogfed_leptos::cogfed_auth::flow::FlowError;
        let refused = AuthFailure::new(
            Operation::Callback,
            FlowError::Callback(CallbackError::Authorization(AuthorizationError {
                error: "invalid_request".into(),
                error_description: Some("invalid_scope".into()),
                error_uri: None,
            })),
        );
        let written = FailureData::of(&refused);
        assert_eq!(written.explanation, None, "the writer links no catalogue text");
        let json = written.to_json();
        assert!(!json.contains("refused a requested scope"), "{json}");
        let read = FailureData::from_json(&json).expect("reads");
        assert_eq!(read.summary, refused.summary());
        assert_eq!(read.rule.as_deref(), refused.rule_id());
        assert_eq!(
            read.explanation.map(|e| e.fix),
            refused.explanation().map(|e| e.fix.to_string())
        );
        assert_eq!(
            read.provider.as_deref(),
            Some("error=invalid_request, error_description=invalid_scope")
        );

        let replay = AuthFailure::new(Operation::Callback, FlowError::Callback(CallbackError::Replay));
        let read = FailureData::from_json(&FailureData::of(&replay).to_json()).expect("reads");
        assert_eq!(read.summary, "This sign-in response was already used");
        assert_eq!(read.rule, None);

        let unknown = AuthFailure::new(
            Operation::Callback,
            FlowError::Callback(CallbackError::MissingCode),
        );
        let read = FailureData::from_json(&FailureData::of(&unknown).to_json()).expect("reads");
        assert_eq!(
            (read.explanation, read.summary),
            (None, unknown.error.to_string())
        );

        let forged = FailureData::of(&replay)
            .to_json()
            .replace("callback-replayed", "callback-forged");
        let e = FailureData::from_json(&forged).unwrap_err();
        assert!(
            e.contains("explain_callback: no explanation `callback-forged`"),
            "{e}"
        );
    }

    #[test]
    fn claims_as_deep_as_the_parser_accepts_still_travel() {
        use cogfed_leptos::cogfed_auth::json::MAX_DEPTH;
        // The deepest claims a token may have: the claims object plus MAX_DEPTH - 1 levels inside it.
        let deep = format!(
            "{{\"deep\":{}1{}}}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        parse_object(deep.as_bytes()).expect("a token's claims at the depth limit");
        let mut p = profile();
        p.id_token.claims = deep;
        p.userinfo = UserInfoData::Fetched(p.id_token.claims.clone());
        assert_eq!(ProfileData::from_json(&p.to_json()), Ok(p));
    }

    /// Every truncation, deletion and a few substitutions at every byte of real documents: the readers
    /// answer Ok or Err, never panic (a panic in the profile module would kill it), and an error names what
    /// it was reading.
    #[test]
    fn mangled_documents_are_refused_without_panicking() {
        use cogfed_leptos::Operation;
        use cogfed_leptos::cogfed_auth::callback::CallbackError;
        use cogfed_leptos::cogfed_auth::flow::FlowError;
        let mut full = profile();
        full.refresh_error = Some(failure(vec![check("exp", false)]));
        full.userinfo = UserInfoData::Fetched(map(json!({"sub": "u1"})));
        let replay = AuthFailure::new(Operation::Callback, FlowError::Callback(CallbackError::Replay));
        let documents = [full.to_json(), FailureData::of(&replay).to_json()];
        let mut refused = 0;
        for (n, doc) in documents.iter().enumerate() {
            let read = |text: &str| {
                if n == 0 {
                    ProfileData::from_json(text).err()
                } else {
                    FailureData::from_json(text).err()
                }
            };
            let bytes = doc.as_bytes();
            for i in 0..bytes.len() {
                let mut variants = vec![bytes[..i].to_vec()];
                let mut deleted = bytes.to_vec();
                deleted.remove(i);
                variants.push(deleted);
                for b in [b'"', b'{', b']', b'1', b'x', b'\\', 0xFF] {
                    let mut changed = bytes.to_vec();
                    changed[i] = b;
                    variants.push(changed);
                }
                for variant in variants {
                    let text = String::from_utf8_lossy(&variant);
                    if let Some(e) = read(&text) {
                        refused += 1;
                        assert!(!e.is_empty(), "an empty error for {text}");
                    }
                }
            }
        }
        assert!(refused > 1000, "most mangled documents are refused ({refused})");
    }

    #[test]
    fn bad_profile_json_says_which_member() {
        let e = ProfileData::from_json("[]").unwrap_err();
        assert!(e.contains("not a JSON object"), "{e}");
        let mut v: serde_json::Value = serde_json::from_str(&profile().to_json()).unwrap();
        v["userinfo"] = "maybe".into();
        let e = ProfileData::from_json(&v.to_string()).unwrap_err();
        assert!(e.contains("unknown state `maybe`"), "{e}");
        v["userinfo"] = "fetched".into();
        let e = ProfileData::from_json(&v.to_string()).unwrap_err();
        assert!(e.contains("userinfo_detail is missing"), "{e}");
        let mut v: serde_json::Value = serde_json::from_str(&profile().to_json()).unwrap();
        v["id_token"]["claims"] = "{".into();
        let e = ProfileData::from_json(&v.to_string()).unwrap_err();
        assert!(e.starts_with("id_token: claims: invalid JSON"), "{e}");
        v["id_token"] = json!({"header": "{}", "claims": "{}", "report": {}});
        let e = ProfileData::from_json(&v.to_string()).unwrap_err();
        assert!(e.contains("report is not an array"), "{e}");
    }
}
