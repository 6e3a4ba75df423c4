//! `cogfed doctor`: checks a live integration from the outside, without AWS credentials (issue 16), with crate
//! `cogfed-doctor`. The integration comes from the same files as `cogfed lint` (through
//! [`lint_cmd::load_inputs`]) and from flags; findings are the linter's (group `live`), rendered by the same
//! renderers with the same exit codes.
//!
//! Flags become values located in a source of their own, named `command line`, so a finding about a flag's URL
//! points at that flag as a finding about a file's URL points at the file's line and column.

use crate::lint_cmd::{self, OutputFormat, ReportArgs, print_input_errors};
use clap::Args;
use cogfed_doctor::http::{Manners, MannersConfig, Progress, Silent};
use cogfed_doctor::native::{ReqwestTransport, SystemClock};
use cogfed_doctor::plan::{IssuerFlag, Overrides, Plan};
use cogfed_lint::de::{Loc, Located};
use cogfed_lint::engine::severity_config;
use cogfed_lint::model::UserPool;
use cogfed_lint::source::Span;
use cogfed_lint::{FileId, InputError, LintOptions, Loaded, Severity, SourceFile, Sources};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

const MANNERS: &str = "\
Manners: GET only, and never a secret, a token, a cookie or a session: the authorize probe sends a client id,
a redirect URI, a fixed state and a PKCE challenge whose verifier exists nowhere, so it can never complete a
sign-in; redirects are not followed. HTTPS is required except on loopback (localhost, 127.0.0.1, [::1]): any
other http:// URL is reported as live-fetch-refused without a connection. Each request has a timeout
(--timeout), a run makes at most --max-requests requests, and requests to one host are spaced to at most
--rate per second. DNS, TLS and timeout errors are findings with the URL (live-unreachable), not crashes. On a
terminal, stderr shows a progress line per host.

What is checked (rules of group `live`; `cogfed rules`, `cogfed explain RULE`):
  each OIDC identity provider of the pool: its discovery document (issuer byte for byte, endpoints present and
    HTTPS and equal to manual ones, client_secret_post, response type code, scopes, claims the mapping reads,
    ID token algorithm, signed userinfo) and its JWKS (parses, RSA >= 2048 bits, kids present and unique);
  the user pool: its discovery document (issuer from the pool id and Region, jwks_uri, domain) and JWKS;
  relying parties and the SPA: their issuer and endpoints against the pool's discovery;
  the hosted UI: an unauthenticated GET /oauth2/authorize for every callback URL (registered, or
    redirect_mismatch), and with identity_provider= for each federated IdP (the redirect to the IdP).

Exit codes: 0 no errors; 1 errors (or warnings under --deny warnings); 2 input or usage errors.";

/// `cogfed doctor`.
#[derive(Args)]
#[command(after_long_help = MANNERS)]
pub struct DoctorArgs {
    /// Integration files, as for `cogfed lint` (manifest, AWS CLI JSON, CloudFormation, Pomerium, FusionAuth).
    #[arg(value_name = "FILES")]
    files: Vec<PathBuf>,
    /// An OIDC IdP's issuer to check (as the pool's `oidc_issuer`).
    #[arg(long, value_name = "URL")]
    issuer: Option<String>,
    /// The pool's name for the IdP of --issuer: replaces that identity provider's oidc_issuer from the files,
    /// and probes the hosted UI with identity_provider=NAME.
    #[arg(long, value_name = "NAME", requires = "issuer")]
    provider_name: Option<String>,
    /// The user pool id (overrides the files).
    #[arg(long, value_name = "ID")]
    user_pool_id: Option<String>,
    /// The pool's Region (default: the part of the pool id before `_`).
    #[arg(long, value_name = "R")]
    region: Option<String>,
    /// The pool's issuer is {URL}/{poolId} instead of https://cognito-idp.{region}.amazonaws.com/{poolId}.
    #[arg(long, value_name = "URL")]
    issuer_base: Option<String>,
    /// The hosted UI: a prefix domain, a custom domain, or a URL (http://127.0.0.1:9229).
    #[arg(long, value_name = "D")]
    domain: Option<String>,
    /// The app client to probe with: for --redirect-uri, and for the files' client whose id they do not know.
    #[arg(long, value_name = "C")]
    client_id: Option<String>,
    /// A redirect URI to probe at the hosted UI (repeatable).
    #[arg(long = "redirect-uri", value_name = "U")]
    redirect_uris: Vec<String>,
    /// Check the integration as `cogfed local --config FILE` serves it: the pool and hosted UI at the
    /// ports of `[local]` (default 127.0.0.1:9229), IdPs that Local Cognito stands in for at their persona.
    #[arg(long)]
    local: bool,
    /// Print what would be fetched, and fetch nothing.
    #[arg(long)]
    offline: bool,
    // Format (--offline: text or json), severity overrides and color, as for `cogfed lint`.
    #[command(flatten)]
    report: ReportArgs,
    /// Seconds each request may take.
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=120))]
    timeout: u64,
    /// Most requests in one run.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = clap::value_parser!(u64).range(1..=1000))]
    max_requests: u64,
    /// Most requests per second to one host.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=10))]
    rate: u64,
}

/// The flags' text, and where each value is in it.
#[derive(Default)]
struct CommandLine {
    text: String,
}

impl CommandLine {
    /// Appends `--flag value` and returns the value's span.
    fn add(&mut self, flag: &str, value: &str) -> Span {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(flag);
        self.text.push(' ');
        let start = self.text.len();
        self.text.push_str(value);
        Span::new(start, self.text.len())
    }

    /// Appends a flag without a value and returns its span.
    fn flag(&mut self, flag: &str) -> Span {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(flag);
        Span::new(start, self.text.len())
    }
}

/// What the flags say.
struct Flags {
    overrides: Overrides,
    /// `--user-pool-id` and `--region`, as (pool field, value).
    pool: Vec<(&'static str, Located<String>)>,
    /// Where `--local` is.
    local: Loc,
    /// The command line's text.
    text: String,
}

/// The flags, located in the command line's source; `file` is the id that source will have once added after
/// the files.
fn flags(args: &DoctorArgs, file: FileId) -> Flags {
    let mut cl = CommandLine::default();
    let mut located = |flag: &'static str, value: &str| {
        Located::known(Loc::new(file, "", cl.add(flag, value)), value.to_owned())
    };
    let mut pool = Vec::new();
    if let Some(v) = &args.user_pool_id {
        pool.push(("id", located("--user-pool-id", v)));
    }
    if let Some(v) = &args.region {
        pool.push(("region", located("--region", v)));
    }
    let issuer = args.issuer.as_ref().map(|i| IssuerFlag {
        issuer: located("--issuer", i),
        provider_name: args.provider_name.as_ref().map(|n| located("--provider-name", n)),
    });
    let overrides = Overrides {
        issuer_base: args.issuer_base.as_ref().map(|v| located("--issuer-base", v)),
        domain: args.domain.as_ref().map(|v| located("--domain", v)),
        issuer,
        client_id: args.client_id.as_ref().map(|v| located("--client-id", v)),
        redirect_uris: args
            .redirect_uris
            .iter()
            .map(|u| located("--redirect-uri", u))
            .collect(),
        served_issuers: Vec::new(),
    };
    let local = Loc::new(
        file,
        "",
        if args.local {
            cl.flag("--local")
        } else {
            Span::default()
        },
    );
    Flags {
        overrides,
        pool,
        local,
        text: cl.text,
    }
}

/// `--user-pool-id` and `--region` into the model's pool (flags win over files).
fn merge_pool(loaded: &mut Loaded, pool_flags: Vec<(&'static str, Located<String>)>) {
    let Some((_, first)) = pool_flags.first() else {
        return;
    };
    let loc = first.loc.clone();
    let pool = loaded
        .integration
        .user_pool
        .get_or_insert_with(|| Located::known(loc, UserPool::default()));
    if let cogfed_lint::Resolved::Known(p) = &mut pool.value {
        for (field, value) in pool_flags {
            match field {
                "id" => p.id = Some(value),
                _ => p.region = Some(value),
            }
        }
    }
}

/// `--local`: where `cogfed local --config` serves these files (cogfed-local owns that mapping).
fn apply_local(loaded: &Loaded, overrides: &mut Overrides, flag: &Loc) {
    let ports = cogfed_local::ManifestPorts::from_integration(&loaded.integration);
    let cognito_base = format!(
        "http://127.0.0.1:{}",
        ports.cognito.unwrap_or(cogfed_local::DEFAULT_COGNITO_PORT)
    );
    let upstream_base = format!(
        "http://127.0.0.1:{}",
        ports.upstream.unwrap_or(cogfed_local::DEFAULT_UPSTREAM_PORT)
    );
    // Findings about Local's URLs point at `[local]` when the files have one, else at `--local`.
    let loc = match &loaded.integration.local {
        Some(l) => l.loc.clone(),
        None => flag.clone(),
    };
    if overrides.domain.is_none() {
        overrides.domain = Some(Located::known(loc.clone(), cognito_base.clone()));
    }
    let urls = cogfed_local::ServedUrls {
        cognito_base,
        upstream_base,
    };
    let local = cogfed_local::LocalConfig::from_loaded(loaded.clone());
    if overrides.issuer_base.is_none() {
        overrides.issuer_base = Some(Located::known(loc, local.issuer_base(&urls)));
    }
    match local.idp_issuers(&urls) {
        Ok(issuers) => {
            let configured = |name: &str| {
                loaded
                    .integration
                    .identity_providers
                    .iter()
                    .filter_map(Located::get)
                    .find(|p| cogfed_lint::de::known_str(&p.provider_name) == Some(name))
                    .and_then(|p| cogfed_lint::rules::support::details(p))
                    .and_then(|d| d.get("oidc_issuer"))
                    .and_then(Located::as_str)
                    .map(str::to_owned)
            };
            for (name, served) in issuers {
                if configured(&name).as_deref() != Some(served.as_str()) {
                    overrides.served_issuers.push((name, served));
                }
            }
        }
        Err(e) => eprintln!(
            "cogfed doctor: warning: --local: Local Cognito cannot serve these files ({e}); identity providers are checked at their configured issuers"
        ),
    }
}

/// A progress line per host, on stderr when it is a terminal.
struct TerminalProgress {
    host: Option<String>,
    count: usize,
}

impl Progress for TerminalProgress {
    fn request(&mut self, host: &str, url: &str, outcome: &str) {
        let mut err = std::io::stderr().lock();
        if self.host.as_deref() != Some(host) {
            if self.host.is_some() {
                let _ = writeln!(err);
            }
            self.host = Some(host.to_owned());
            self.count = 0;
        }
        self.count += 1;
        let path = cogfed_doctor::url::without_query(url)
            .split_once(host)
            .map_or(url, |(_, p)| p);
        let _ = write!(
            err,
            "\r\x1b[K{host}: {} request{}, last GET {path} -> {outcome}",
            self.count,
            if self.count == 1 { "" } else { "s" }
        );
        let _ = err.flush();
    }
}

impl Drop for TerminalProgress {
    fn drop(&mut self) {
        if self.host.is_some() {
            eprintln!();
        }
    }
}

/// Runs `cogfed doctor`.
pub fn run(args: DoctorArgs) -> ExitCode {
    let (overrides_flags, deny_warnings) = match lint_cmd::severity_overrides(&args.report) {
        Ok(o) => o,
        Err(usage) => return print_input_errors(&usage),
    };
    let nothing = args.files.is_empty()
        && args.issuer.is_none()
        && args.user_pool_id.is_none()
        && args.redirect_uris.is_empty();
    if nothing {
        return print_input_errors(&[InputError {
            file: "command line".into(),
            position: None,
            pointer: None,
            message: "nothing to check: give integration files, or --issuer, --user-pool-id, --redirect-uri"
                .into(),
        }]);
    }
    if args.offline && args.report.format == OutputFormat::Sarif {
        return print_input_errors(&[InputError {
            file: "command line".into(),
            position: None,
            pointer: None,
            message: "--offline prints its plan as text or json".into(),
        }]);
    }
    let mut loaded = if args.files.is_empty() {
        Loaded::default()
    } else {
        match lint_cmd::load_inputs(&args.files, &[]) {
            Ok(l) => l,
            Err(errors) => return print_input_errors(&errors),
        }
    };
    let files = loaded.sources.len();
    let severities = match severity_config(
        &loaded,
        &LintOptions {
            overrides: overrides_flags,
        },
    ) {
        Ok(c) => c,
        Err(errors) => return print_input_errors(&errors),
    };
    let command_line = FileId(u32::try_from(files).unwrap_or(u32::MAX));
    let Flags {
        mut overrides,
        pool,
        local,
        text,
    } = flags(&args, command_line);
    // Only flags that findings can point at make a source (so a run from files alone names only files).
    if !text.is_empty() {
        let id = loaded.sources.add(SourceFile::new("command line", text));
        debug_assert_eq!(id, command_line);
    }
    merge_pool(&mut loaded, pool);
    if args.local {
        apply_local(&loaded, &mut overrides, &local);
    } else if loaded.integration.local.is_some() {
        eprintln!(
            "cogfed doctor: note: the files have a [local] section; --local checks them as `cogfed local --config` serves them"
        );
    }
    let plan = cogfed_doctor::plan(&loaded.integration, &overrides);
    if args.offline {
        return print_plan(&plan, &loaded.sources, args.report.format);
    }
    let transport = match ReqwestTransport::new() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cogfed doctor: {e}");
            return ExitCode::from(2);
        }
    };
    let config = MannersConfig {
        timeout: Duration::from_secs(args.timeout),
        max_requests: usize::try_from(args.max_requests).unwrap_or(usize::MAX),
        min_interval: Duration::from_millis(1000 / args.rate.max(1)),
        ..MannersConfig::default()
    };
    let findings = if std::io::stderr().is_terminal() {
        let mut progress = TerminalProgress { host: None, count: 0 };
        let mut http = Manners::new(transport, SystemClock::default(), config, &mut progress);
        cogfed_doctor::run::run(&plan, &mut http)
    } else {
        let mut silent = Silent;
        let mut http = Manners::new(transport, SystemClock::default(), config, &mut silent);
        cogfed_doctor::run::run(&plan, &mut http)
    };
    let mut report = cogfed_doctor::report::report(findings, &severities, files);
    // The files' own problems, as `cogfed lint` reports them: inputs that cannot be read are findings, and
    // files that are not inputs are counted.
    report
        .findings
        .extend(cogfed_lint::engine::input_findings(&loaded));
    report.files = files.saturating_sub(loaded.skipped.len());
    report.skipped = loaded.skipped.clone();
    lint_cmd::write_report(&report, &loaded.sources, &args.report, deny_warnings, false)
}

/// `--offline`: the requests a run would make, and what it could not check.
fn print_plan(plan: &Plan, sources: &Sources, format: OutputFormat) -> ExitCode {
    let place = |loc: &Loc| {
        let p = sources.position(loc.file, loc.span.start);
        (sources.name(loc.file).to_owned(), p.line, p.column)
    };
    let requests = plan.requests();
    let out = if format == OutputFormat::Json {
        let items: Vec<serde_json::Value> = requests
            .iter()
            .map(|r| {
                let (file, line, column) = place(&r.from);
                serde_json::json!({"method": "GET", "url": r.url, "why": r.why, "file": file, "line": line, "column": column})
            })
            .collect();
        let not_checked: Vec<serde_json::Value> = plan
            .not_checked
            .iter()
            .map(|f| {
                let (file, line, column) = place(&f.loc);
                serde_json::json!({"rule": f.rule, "message": f.message, "help": f.help, "file": file, "line": line, "column": column})
            })
            .collect();
        let doc = serde_json::json!({"version": 1, "requests": items, "not_checked": not_checked});
        serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
    } else {
        let mut s = format!(
            "cogfed doctor --offline: {} request{} planned, none made\n\n",
            requests.len(),
            if requests.len() == 1 { "" } else { "s" }
        );
        for r in &requests {
            let (file, line, column) = place(&r.from);
            s.push_str(&format!(
                "GET {}\n    {} ({file}:{line}:{column})\n",
                r.url, r.why
            ));
        }
        for f in &plan.not_checked {
            let (file, line, column) = place(&f.loc);
            s.push_str(&format!(
                "\n{}[{}]: {} ({file}:{line}:{column})\n",
                Severity::Info,
                f.rule,
                f.message
            ));
            if let Some(h) = &f.help {
                s.push_str(&format!("    help: {h}\n"));
            }
        }
        s
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(2),
    }
}
