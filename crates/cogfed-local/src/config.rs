//! What Local Cognito serves: one integration in the linter's model (`cogfed_lint::model::Integration`), read
//! by the linter's loader from the manifest `cogfed lint` reads, with the sources its positions point into.
//!
//! At start ([`LocalConfig::check`]) the linter runs over it. Findings of the `shape` group (what AWS's own API
//! refuses, so no real pool can be configured that way) and unreadable input stop Local Cognito; findings of
//! the `broken` group are reported and it serves anyway, because reproducing those failures on the wire is what
//! it is for. Then the runtime index is built ([`crate::served`]), with the few checks only a server needs.

use crate::served::{ManifestPorts, Problem, Served, ServedUrls};
use cogfed_lint::engine::LintOptions;
use cogfed_lint::render::render_finding;
use cogfed_lint::{Group, Loaded, SourceFile};
use std::fmt;

/// The demo integration, `examples/local-demo.toml`: what `cogfed local` serves without `--config`.
pub const DEMO_MANIFEST: &str = include_str!("../../../examples/local-demo.toml");
/// The name the demo manifest's positions are reported under.
pub const DEMO_NAME: &str = "examples/local-demo.toml";
/// Demo credentials: the local user (as in the demo manifest; a test keeps them equal).
pub const DEMO_LOCAL_USER: (&str, &str) = ("alice", "Alice-Passw0rd!");
/// Demo credentials: the upstream user.
pub const DEMO_UPSTREAM_USER: (&str, &str) = ("bob", "Bob-Passw0rd!");
/// The demo pool.
pub const DEMO_POOL_ID: &str = "us-east-1_LocalDemo";
/// The demo SPA client.
pub const DEMO_CLIENT_ID: &str = "cogfed_demo_spa";
/// Where the demo (and a manifest without `[spa].redirect_uri`) expects the SPA.
pub const DEFAULT_SPA_ORIGIN: &str = "http://127.0.0.1:8080";

/// An integration for Local Cognito to serve. Cheap to clone; `Debug` shows file names only (manifests hold
/// passwords and client secrets).
#[derive(Clone)]
pub struct LocalConfig {
    loaded: Loaded,
    /// The SPA origin the integration names, and where the SPA really is (`--spa-origin`).
    spa: Option<(String, String)>,
}

impl fmt::Debug for LocalConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files: Vec<&str> = self.loaded.sources.iter().map(|(_, s)| s.name.as_str()).collect();
        f.debug_struct("LocalConfig")
            .field("files", &files)
            .field("spa", &self.spa)
            .finish_non_exhaustive()
    }
}

/// A configuration Local Cognito refuses to serve: where, what, and how it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// JSON pointer of the value in its file, e.g. `/clients/0/client_id` (`/` for the document).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// The linter rule that found it, for the linter's findings.
    pub rule: Option<&'static str>,
    /// The error as printed: the linter's rendering (rustc style, `--> file:line:column`) for its findings,
    /// `file:line:column: message (at pointer)` for Local Cognito's own.
    pub text: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.trim_end())
    }
}

/// Every reason a configuration is refused, each on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

/// What [`LocalConfig::check`] finds servable: the index and the linter's `broken` findings, rendered.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The runtime index.
    pub(crate) served: Served,
    /// One rendered `broken` finding each: failures Local Cognito will reproduce.
    pub broken: Vec<String>,
}

impl LocalConfig {
    /// The demo integration, `examples/local-demo.toml` (compiled in): pool `us-east-1_LocalDemo`, public SPA
    /// client `cogfed_demo_spa` with refresh token rotation, the `Upstream` IdP played by a persona, users alice
    /// (local) and bob (upstream).
    pub fn demo() -> Self {
        match LocalConfig::load(DEMO_NAME, DEMO_MANIFEST) {
            Ok(c) => c,
            // The file is part of the build and a test loads it; nothing a user does reaches this.
            Err(errors) => unreachable!("{DEMO_NAME} does not load: {errors:?}"),
        }
    }

    /// Reads one manifest (TOML, YAML or JSON) with the linter's loader, given its display name and text.
    /// Errors are the loader's, one line each with file, line and column.
    pub fn load(name: &str, text: impl Into<String>) -> Result<Self, Vec<String>> {
        LocalConfig::load_files(vec![SourceFile::new(name, text)])
    }

    /// Loads several files as one integration, as `cogfed lint` reads a folder: a Terraform configuration
    /// (`.tf`, `.tfvars`, `terraform output -json` for the ids Cognito assigned) with a manifest for what
    /// Terraform does not describe (`[local]` users, the upstream IdP's registration, the SPA). Every file must
    /// be an input that reads; errors are the loader's.
    pub fn load_files(files: Vec<SourceFile>) -> Result<Self, Vec<String>> {
        cogfed_lint::load(files)
            .map(LocalConfig::from_loaded)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect())
    }

    /// Serves what the linter loaded (any input it reads).
    pub fn from_loaded(loaded: Loaded) -> Self {
        LocalConfig { loaded, spa: None }
    }

    /// This TOML manifest with `patch` (TOML) merged into it: tables key by key, arrays of tables item by item
    /// (`clients = [{ access_token_validity = 30 }]` changes the first client; `[{}, {...}]` adds a second),
    /// anything else replaced. How tests state a configuration the way a user writes it.
    pub fn patched(&self, patch: &str) -> Result<Self, String> {
        let [(_, file)] = self.loaded.sources.iter().collect::<Vec<_>>()[..] else {
            return Err("only a configuration read from one manifest can be patched".into());
        };
        let mut base: toml::Table = file
            .text
            .parse()
            .map_err(|e| format!("{} is not a TOML manifest: {e}", file.name))?;
        let patch: toml::Table = patch.parse().map_err(|e| format!("the patch: {e}"))?;
        merge(&mut base, patch);
        let mut config = LocalConfig::load(&format!("{} (patched)", file.name), base.to_string())
            .map_err(|e| e.join("\n"))?;
        config.spa = self.spa.clone();
        Ok(config)
    }

    /// Serves the SPA's URLs (`callback_urls`, `logout_urls`) at `origin` instead of the origin the
    /// integration names: that of `[spa].redirect_uri`, else [`DEFAULT_SPA_ORIGIN`].
    pub fn with_spa_origin(mut self, origin: &str) -> Self {
        let named = cogfed_lint::de::known(&self.loaded.integration.spa)
            .and_then(|s| cogfed_lint::de::known_str(&s.redirect_uri))
            .and_then(origin_of)
            .unwrap_or_else(|| DEFAULT_SPA_ORIGIN.to_owned());
        self.spa = Some((named, origin.trim_end_matches('/').to_owned()));
        self
    }

    /// The integration model.
    pub fn integration(&self) -> &cogfed_lint::model::Integration {
        &self.loaded.integration
    }

    /// What the linter loaded: model and sources.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// What `[local]` says about ports and the issuer base.
    pub fn ports(&self) -> ManifestPorts {
        ManifestPorts::from_integration(&self.loaded.integration)
    }

    /// The base of the pool issuer when served under `urls`: `[local].issuer_base` (its loopback origin moved
    /// to where Local is bound, a proxy's kept), else `urls.cognito_base`.
    pub fn issuer_base(&self, urls: &ServedUrls) -> String {
        crate::served::issuer_base(&self.loaded.integration, urls)
    }

    /// Lints the integration and indexes it as served under `urls`. Refused: unreadable input and the linter's
    /// `shape` findings (rendered as `cogfed lint` renders them), then what Local Cognito itself cannot serve.
    pub fn check(&self, urls: &ServedUrls) -> Result<Checked, ConfigErrors> {
        // The manifests' own `[lint.severity]` apply, so a rule turned off there stays off here.
        let report = cogfed_lint::lint(&self.loaded, &LintOptions::default()).map_err(|errors| {
            ConfigErrors(
                errors
                    .iter()
                    .map(|e| ConfigError {
                        path: "/".into(),
                        message: e.message.clone(),
                        rule: None,
                        text: e.to_string(),
                    })
                    .collect(),
            )
        })?;
        let sources = &self.loaded.sources;
        let group = |rule: &str| cogfed_lint::rules::find(rule).map(|r| r.group);
        let mut refused = vec![];
        let mut broken = vec![];
        for f in &report.findings {
            match group(f.rule) {
                Some(Group::Shape | Group::Input) => refused.push(ConfigError {
                    path: pointer(&f.loc.pointer),
                    message: f.message.clone(),
                    rule: Some(f.rule),
                    text: render_finding(f, sources, false),
                }),
                Some(Group::Broken) => broken.push(render_finding(f, sources, false)),
                _ => {}
            }
        }
        if !refused.is_empty() {
            return Err(ConfigErrors(refused));
        }
        let served = Served::build(&self.loaded.integration, urls, self.spa.as_ref())
            .map_err(|problems| ConfigErrors(problems.iter().map(|p| self.error(p)).collect()))?;
        Ok(Checked { served, broken })
    }

    /// `(provider_name, oidc_issuer)` of each identity provider as Local Cognito serving under `urls` reaches
    /// it: where a persona stands in, not the issuer the files configure. The linter is not run.
    pub fn idp_issuers(&self, urls: &ServedUrls) -> Result<Vec<(String, String)>, ConfigErrors> {
        let served = Served::build(&self.loaded.integration, urls, self.spa.as_ref())
            .map_err(|problems| ConfigErrors(problems.iter().map(|p| self.error(p)).collect()))?;
        Ok(served
            .idps
            .iter()
            .filter_map(|p| Some((p.name.clone(), p.detail("oidc_issuer")?.to_owned())))
            .collect())
    }

    fn error(&self, p: &Problem) -> ConfigError {
        let sources = &self.loaded.sources;
        let at = sources.position(p.loc.file, p.loc.span.start);
        let path = pointer(&p.loc.pointer);
        ConfigError {
            text: format!(
                "{}:{}:{}: {} (at {path})",
                sources.name(p.loc.file),
                at.line,
                at.column,
                p.message
            ),
            message: p.message.clone(),
            rule: None,
            path,
        }
    }
}

fn pointer(p: &str) -> String {
    if p.is_empty() { "/".into() } else { p.to_owned() }
}

/// `scheme://authority` of an absolute URL.
fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    Some(format!("{scheme}://{authority}"))
}

/// Merges `patch` into `base`: see [`LocalConfig::patched`].
fn merge(base: &mut toml::Table, patch: toml::Table) {
    for (key, value) in patch {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(p)) => merge(b, p),
            (Some(toml::Value::Array(b)), toml::Value::Array(p))
                if b.iter().all(toml::Value::is_table) && p.iter().all(toml::Value::is_table) =>
            {
                for (i, item) in p.into_iter().enumerate() {
                    match (b.get_mut(i), item) {
                        (Some(toml::Value::Table(bt)), toml::Value::Table(pt)) => merge(bt, pt),
                        (_, item) => b.push(item),
                    }
                }
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cogfed_lint::de::{known_str, known_strs};

    fn urls() -> ServedUrls {
        ServedUrls {
            cognito_base: "http://127.0.0.1:9229".into(),
            upstream_base: "http://127.0.0.1:9230".into(),
        }
    }

    #[test]
    fn the_demo_is_clean_and_names_the_demo_constants() {
        let demo = LocalConfig::demo();
        let checked = demo.check(&urls()).expect("the demo is servable");
        assert!(checked.broken.is_empty(), "{:?}", checked.broken);
        let s = &checked.served;
        assert_eq!(s.pool.id, DEMO_POOL_ID);
        assert_eq!(s.clients[0].id, DEMO_CLIENT_ID);
        let alice = &s.users[0];
        assert_eq!(
            (known_str(&alice.username), known_str(&alice.password)),
            (Some(DEMO_LOCAL_USER.0), Some(DEMO_LOCAL_USER.1))
        );
        let bob = s.personas[0].upstream.users[0].get().unwrap();
        assert_eq!(
            (known_str(&bob.username), known_str(&bob.password)),
            (Some(DEMO_UPSTREAM_USER.0), Some(DEMO_UPSTREAM_USER.1))
        );
        // The persona accepts the secret the pool's IdP sends.
        assert_eq!(s.personas[0].idp_client_secret, "upstream-client-secret");
        assert_eq!(s.idps[0].detail("client_secret"), Some("upstream-client-secret"));
        assert_eq!(
            known_strs(&s.clients[0].model.callback_urls).collect::<Vec<_>>(),
            [format!("{DEFAULT_SPA_ORIGIN}/callback")]
        );
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let shown = format!("{:?}", LocalConfig::demo());
        assert!(!shown.contains(DEMO_LOCAL_USER.1), "password leaked: {shown}");
        assert!(!shown.contains(DEMO_UPSTREAM_USER.1));
        assert!(!shown.contains("upstream-client-secret"));
        assert!(shown.contains(DEMO_NAME));
    }

    #[test]
    fn patches_merge_tables_and_arrays_of_tables_by_index() {
        let c = LocalConfig::demo()
            .patched(
                r#"
                user_pool = { username_attributes = ["email"] }
                clients = [{ access_token_validity = 30, token_validity_units = { access_token = "seconds" } },
                           { client_id = "second", allowed_oauth_flows = ["code"] }]
                "#,
            )
            .unwrap();
        let i = c.integration();
        let pool = i.user_pool.as_ref().and_then(|p| p.get()).unwrap();
        assert_eq!(known_str(&pool.id), Some(DEMO_POOL_ID), "kept");
        assert_eq!(
            known_strs(&pool.username_attributes).collect::<Vec<_>>(),
            ["email"]
        );
        let first = i.clients[0].get().unwrap();
        assert_eq!(
            known_str(&first.client_id),
            Some(DEMO_CLIENT_ID),
            "merged, not replaced"
        );
        assert_eq!(
            first.access_token_validity.as_ref().and_then(|v| v.get()),
            Some(&30)
        );
        assert_eq!(i.clients.len(), 2);
        assert!(LocalConfig::demo().patched("clients = [").is_err());
    }

    #[test]
    fn shape_findings_refuse_and_broken_ones_are_reported() {
        let refused = LocalConfig::demo()
            .patched(r#"clients = [{ allowed_oauth_flows = ["token"] }]"#)
            .unwrap()
            .check(&urls())
            .unwrap_err();
        assert_eq!(refused.0[0].path, "/clients/0/allowed_oauth_flows/0");
        assert_eq!(refused.0[0].rule, Some("api-enum"));
        assert!(
            refused.0[0]
                .text
                .contains("--> examples/local-demo.toml (patched):"),
            "{}",
            refused
        );

        let checked = LocalConfig::demo()
            .patched(r#"upstream_idps = [{ token_endpoint_auth_methods = ["client_secret_basic"] }]"#)
            .unwrap()
            .check(&urls())
            .expect("served anyway");
        assert_eq!(checked.broken.len(), 1, "{:?}", checked.broken);
        assert!(
            checked.broken[0].contains("error[idp-token-auth-method]"),
            "{:?}",
            checked.broken
        );
    }

    /// What the start-time validator of Local Cognito refused before the linter ran at start: each case now
    /// gets the linter's verdict. What AWS's API refuses stops Local; what breaks sign-in is served, reported.
    #[test]
    fn the_old_start_checks_are_the_linters_findings() {
        let refused = |patch: &str| {
            let e = LocalConfig::demo()
                .patched(patch)
                .unwrap()
                .check(&urls())
                .unwrap_err();
            (e.0[0].rule, e.0[0].path.clone())
        };
        let reported = |patch: &str| {
            let checked = LocalConfig::demo()
                .patched(patch)
                .unwrap()
                .check(&urls())
                .unwrap_or_else(|e| panic!("{patch}: refused:\n{e}"));
            checked.broken
        };
        // cognito-facts §2.5: AWS's UserPoolIdType pattern.
        assert_eq!(
            refused(r#"user_pool = { id = "nounderscore" }"#),
            (Some("api-pattern"), "/user_pool/id".to_owned())
        );
        for (patch, rule, at) in [
            (
                r#"clients = [{ callback_urls = ["http://127.0.0.1:8080/callback", "/relative"] }]"#,
                "uri-not-absolute",
                "/clients/0/callback_urls/1",
            ),
            (
                r#"clients = [{ supported_identity_providers = ["COGNITO", "Upstream", "Nope"] }]"#,
                "supported-idp-unknown",
                "/clients/0/supported_identity_providers/2",
            ),
            (
                r#"clients = [{ allowed_oauth_scopes = ["openid", "email", "profile", "api/read"] }]"#,
                "custom-scope-undefined",
                "/clients/0/allowed_oauth_scopes/3",
            ),
            (
                r#"clients = [{ allowed_oauth_flows = ["code", "client_credentials"] }]"#,
                "client-credentials-without-secret",
                "/clients/0/allowed_oauth_flows/1",
            ),
        ] {
            let broken = reported(patch);
            assert!(
                broken.iter().any(|f| f.contains(&format!("error[{rule}]"))
                    && f.contains(&format!("note: at {at}"))
                    && f.contains("--> examples/local-demo.toml (patched):")),
                "{patch}: {broken:?}"
            );
        }
        // A trailing slash in the IdP's issuer is reproduced at sign-in ("Bad id_token issuer"), not refused.
        let broken = reported(r#"upstream_idps = [{ issuer = "http://127.0.0.1:9230/" }]"#);
        assert_eq!(broken.len(), 1, "{broken:?}");
        assert!(broken[0].contains("error[issuer-trailing-slash]"), "{broken:?}");
    }

    #[test]
    fn server_errors_name_file_position_and_pointer() {
        let e = LocalConfig::load(
            "bad.toml",
            "version = 1\n[user_pool]\nid = \"us-east-1_X\"\n[[clients]]\nclient_name = \"web\"\n",
        )
        .unwrap()
        .check(&urls())
        .unwrap_err();
        assert_eq!(e.0[0].path, "/clients/0/client_id");
        assert_eq!(
            e.0[0].text,
            "bad.toml:4:1: is required by Local Cognito (at /clients/0/client_id)"
        );
    }
}
