//! Test harness: Local Cognito serving a manifest on ephemeral loopback ports, canned HTTP servers for answers
//! Local Cognito never gives (bad IdPs, bad pools), and a doctor run over the real reqwest transport.
#![allow(dead_code)] // each test binary uses a different part

use axum::Router;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use cogfed_doctor::http::{Manners, MannersConfig, Silent};
use cogfed_doctor::native::{ReqwestTransport, SystemClock};
use cogfed_doctor::plan::{Overrides, plan};
use cogfed_lint::de::{Loc, Located};
use cogfed_lint::{Finding, Loaded, SourceFile, load};
use std::time::Duration;

/// A manifest of `examples/`, read from the repository.
pub fn example(name: &str) -> String {
    let path = format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Local Cognito serving a manifest whose URLs name ports 9229 (Cognito) and 9230 (IdPs), moved to free ports.
pub struct Served {
    /// Local Cognito; it stops when dropped.
    _local: cogfed_local::RunningLocal,
    /// Keeps Local Cognito's tasks running; dropped last.
    rt: tokio::runtime::Runtime,
    /// The manifest with the real ports.
    pub manifest: String,
    /// `http://127.0.0.1:{cognito port}`.
    pub cognito: String,
    /// `http://127.0.0.1:{upstream port}`.
    pub upstream: String,
}

impl Served {
    /// Serves `manifest` (the text `cogfed local --config` would read).
    pub fn start(manifest: &str) -> Served {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let (local, manifest, cognito, upstream) = rt.block_on(async {
            let bound = cogfed_local::bind(cogfed_local::Ports::ephemeral())
                .await
                .expect("bind loopback ports");
            let cognito = bound.cognito_base();
            let upstream = bound.upstream_base();
            let manifest = manifest
                .replace("127.0.0.1:9229", cognito.trim_start_matches("http://"))
                .replace("127.0.0.1:9230", upstream.trim_start_matches("http://"));
            let config =
                cogfed_local::LocalConfig::load("served.toml", manifest.clone()).expect("a valid manifest");
            let local = bound.serve(config).expect("Local Cognito can serve it");
            (local, manifest, cognito, upstream)
        });
        Served {
            _local: local,
            rt,
            manifest,
            cognito,
            upstream,
        }
    }

    /// What `--local` sets: the pool's issuer base and the hosted UI at the Cognito side.
    pub fn overrides(&self) -> Overrides {
        Overrides {
            issuer_base: Some(Located::known(Loc::default(), self.cognito.clone())),
            domain: Some(Located::known(Loc::default(), self.cognito.clone())),
            ..Overrides::default()
        }
    }

    /// Runs `future` on the server's runtime.
    pub fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.rt.block_on(future)
    }
}

/// The limits of test runs: no pacing to speak of, short timeouts.
pub fn quick() -> MannersConfig {
    MannersConfig {
        timeout: Duration::from_secs(5),
        min_interval: Duration::from_millis(1),
        ..MannersConfig::default()
    }
}

/// Loads one manifest.
pub fn loaded(name: &str, text: &str) -> Loaded {
    load(vec![SourceFile::new(name, text)]).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// A doctor run over the real transport: every finding as (rule, line, column, message), sorted.
pub fn doctor(loaded: &Loaded, overrides: &Overrides, config: MannersConfig) -> Vec<Row> {
    let plan = plan(&loaded.integration, overrides);
    let mut silent = Silent;
    let transport = ReqwestTransport::new().expect("an HTTP client");
    let mut http = Manners::new(transport, SystemClock::default(), config, &mut silent);
    let findings = cogfed_doctor::run::run(&plan, &mut http);
    rows(loaded, &findings)
}

/// One finding, as tests pin it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    pub rule: &'static str,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

pub fn rows(loaded: &Loaded, findings: &[Finding]) -> Vec<Row> {
    let mut out: Vec<Row> = findings
        .iter()
        .map(|f| {
            let p = loaded.sources.position(f.loc.file, f.loc.span.start);
            Row {
                rule: f.rule,
                line: p.line,
                column: p.column,
                message: f.message.clone(),
            }
        })
        .collect();
    out.sort();
    out
}

/// (rule, line, column) of each row.
pub fn places(rows: &[Row]) -> Vec<(&'static str, usize, usize)> {
    rows.iter().map(|r| (r.rule, r.line, r.column)).collect()
}

/// The 1-based line of the first line of `text` containing `needle`, and the column where it starts.
pub fn find(text: &str, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or_else(|| panic!("{needle:?} is not in the manifest"))
}

/// A canned answer: status, content type, body.
#[derive(Clone)]
pub struct Canned {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
}

impl Canned {
    pub fn json(body: serde_json::Value) -> Canned {
        Canned {
            status: 200,
            content_type: "application/json",
            body: body.to_string(),
        }
    }
}

impl IntoResponse for Canned {
    fn into_response(self) -> Response {
        (
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            [(header::CONTENT_TYPE, self.content_type)],
            self.body,
        )
            .into_response()
    }
}

/// A loopback server answering `routes` (path -> canned answer, built from the server's base URL); 404
/// elsewhere. Stops with the returned runtime.
pub fn canned(routes: impl FnOnce(&str) -> Vec<(&'static str, Canned)>) -> (tokio::runtime::Runtime, String) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let base = rt.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("an address"));
        let mut router = Router::new();
        for (path, answer) in routes(&base) {
            router = router.route(path, axum::routing::get(move || async move { answer.clone() }));
        }
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        base
    });
    (rt, base)
}
