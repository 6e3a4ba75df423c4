//! # cogfed-local: Local Cognito
//!
//! A Cognito-compatible hosted UI and OpenID provider that serves one integration on loopback, together with
//! upstream OIDC identity provider personas, so demos and browser tests need no AWS account.
//! Paths, parameters, status codes and error bodies follow `cognito-facts.md` §1.
//!
//! Two listeners, both on 127.0.0.1 only:
//! - the **Cognito side** (default port 9229): the user pool domain endpoints (`/oauth2/authorize`, `/login`,
//!   `/error`, `/oauth2/token`, `/oauth2/userInfo`, `/oauth2/revoke`, `/logout`, `/oauth2/idpresponse`) and the
//!   issuer path `/{poolId}/.well-known/{openid-configuration,jwks.json}`;
//! - the **upstream side** (default port 9230): the upstream IdP personas (`[[local.upstreams]]`), each under
//!   its issuer's path.
//!
//! What it serves is a [`LocalConfig`]: an integration in the linter's model, read by the linter's loader from
//! the manifest `cogfed lint` reads. At start the linter runs over it: `shape` findings (what AWS's API refuses)
//! stop it, `broken` findings are reported ([`RunningLocal::warnings`]) and served, so the failure can be
//! watched on the wire. The manifest's loopback URLs follow the ports actually bound.
//!
//! ```no_run
//! # async fn demo() -> Result<(), cogfed_local::StartError> {
//! use cogfed_local::{LocalConfig, Ports, bind};
//! let bound = bind(Ports::ephemeral()).await?;
//! let config = LocalConfig::demo().patched(r#"clients = [{ access_token_validity = 10, token_validity_units = { access_token = "minutes" } }]"#);
//! let local = bound.serve(config.expect("a TOML patch"))?;
//! println!("issuer: {}", local.issuer());
//! local.shutdown().await;
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod app;
mod claims;
mod clock;
mod cognito;
mod config;
mod crypto;
mod federation;
mod html;
mod jwt;
mod persona;
mod served;
mod state;
mod web;

pub use clock::{AdvanceableClock, Clock, SystemClock};
pub use config::{
    Checked, ConfigError, ConfigErrors, DEFAULT_SPA_ORIGIN, DEMO_CLIENT_ID, DEMO_LOCAL_USER, DEMO_MANIFEST,
    DEMO_NAME, DEMO_POOL_ID, DEMO_UPSTREAM_USER, LocalConfig,
};
pub use served::{ManifestPorts, ServedUrls};

use axum::Router;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{broadcast, watch};
use tokio::task::JoinHandle;

/// Default port of the Cognito side.
pub const DEFAULT_COGNITO_PORT: u16 = 9229;
/// Default port of the upstream personas.
pub const DEFAULT_UPSTREAM_PORT: u16 = 9230;

/// Where to listen. Both sides bind 127.0.0.1; port 0 picks a free port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ports {
    /// Cognito side port.
    pub cognito: u16,
    /// Upstream personas port.
    pub upstream: u16,
    /// Base of the issuer URL (`{issuer_base}/{poolId}`); `None` = the configuration's `[local].issuer_base`
    /// (following the bound port when it names the manifest's own loopback address), else the Cognito side's
    /// own base URL. Set it when a proxy serves Local Cognito under another address.
    pub issuer_base: Option<String>,
}

impl Default for Ports {
    fn default() -> Self {
        Ports {
            cognito: DEFAULT_COGNITO_PORT,
            upstream: DEFAULT_UPSTREAM_PORT,
            issuer_base: None,
        }
    }
}

impl Ports {
    /// Both ports chosen by the OS: for tests.
    pub fn ephemeral() -> Self {
        Ports {
            cognito: 0,
            upstream: 0,
            issuer_base: None,
        }
    }
}

/// Why Local Cognito could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// A port could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The configuration cannot be served: the linter's `shape` findings, or what Local Cognito needs and
    /// lacks. Each error shows as the linter shows it, with file, line and column.
    #[error("{0}")]
    Config(#[from] ConfigErrors),
    /// Key generation or password hashing failed.
    #[error("{0}")]
    Crypto(#[from] crypto::CryptoError),
}

/// Which listener an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The Cognito side.
    Cognito,
    /// The upstream personas.
    Upstream,
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Side::Cognito => "cognito ",
            Side::Upstream => "upstream",
        })
    }
}

/// One handled request. It carries no query string, body or header, so no code, token, secret or password
/// can reach a log through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    /// Listener.
    pub side: Side,
    /// HTTP method.
    pub method: String,
    /// Path only.
    pub path: String,
    /// Response status.
    pub status: u16,
    /// Time to the response head.
    pub duration: Duration,
}

impl fmt::Display for RequestRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {:.1}ms",
            self.side,
            self.method,
            self.path,
            self.status,
            self.duration.as_secs_f64() * 1000.0
        )
    }
}

/// Something a running Local Cognito reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalEvent {
    /// A request was handled.
    Request(RequestRecord),
    /// Something worth a human's attention (never a secret).
    Warning {
        /// Listener.
        side: Side,
        /// What.
        message: String,
    },
}

/// Listeners bound, not yet serving: their URLs are known, so a configuration can refer to them.
#[derive(Debug)]
pub struct BoundPorts {
    cognito: TcpListener,
    upstream: TcpListener,
    cognito_addr: SocketAddr,
    upstream_addr: SocketAddr,
    issuer_base: Option<String>,
}

/// Binds both listeners on 127.0.0.1.
pub async fn bind(ports: Ports) -> Result<BoundPorts, StartError> {
    async fn listen(port: u16) -> Result<(TcpListener, SocketAddr), StartError> {
        let addr = format!("127.0.0.1:{port}");
        let l = TcpListener::bind(&addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: addr.clone(),
                source,
            })?;
        let a = l
            .local_addr()
            .map_err(|source| StartError::Bind { addr, source })?;
        Ok((l, a))
    }
    let (cognito, cognito_addr) = listen(ports.cognito).await?;
    let (upstream, upstream_addr) = listen(ports.upstream).await?;
    Ok(BoundPorts {
        cognito,
        upstream,
        cognito_addr,
        upstream_addr,
        issuer_base: ports.issuer_base,
    })
}

impl BoundPorts {
    /// `http://127.0.0.1:{cognito port}`.
    pub fn cognito_base(&self) -> String {
        format!("http://{}", self.cognito_addr)
    }
    /// `http://127.0.0.1:{upstream port}`.
    pub fn upstream_base(&self) -> String {
        format!("http://{}", self.upstream_addr)
    }

    /// Starts serving `config` with the system clock. Must be called inside a Tokio runtime.
    pub fn serve(self, config: LocalConfig) -> Result<RunningLocal, StartError> {
        self.serve_with_clock(config, Arc::new(SystemClock))
    }

    /// Starts serving `config` with the given clock.
    pub fn serve_with_clock(
        self,
        config: LocalConfig,
        clock: Arc<dyn Clock>,
    ) -> Result<RunningLocal, StartError> {
        let cognito_base = self.cognito_base();
        let upstream_base = self.upstream_base();
        let served_urls = ServedUrls {
            cognito_base: cognito_base.clone(),
            upstream_base: upstream_base.clone(),
        };
        let checked = config.check(&served_urls)?;
        let (events, _) = broadcast::channel(1024);
        let urls = app::AppUrls {
            cognito_base: cognito_base.clone(),
            // `Ports::issuer_base` (a proxy the caller names) wins over the configuration's.
            issuer_base: self
                .issuer_base
                .clone()
                .unwrap_or_else(|| config.issuer_base(&served_urls)),
        };
        let summary = ServedSummary::of(&checked.served);
        let app = Arc::new(app::App::new(checked.served, &urls, clock, events.clone())?);
        let (stop_tx, stop_rx) = watch::channel(false);
        let cognito_router = with_request_log(cognito::router(app.clone()), Side::Cognito, events.clone());
        let upstream_router = with_request_log(persona::router(app.clone()), Side::Upstream, events.clone());
        let tasks = vec![
            spawn_server(self.cognito, cognito_router, stop_rx.clone()),
            spawn_server(self.upstream, upstream_router, stop_rx),
        ];
        Ok(RunningLocal {
            cognito_base,
            upstream_base,
            issuer: app.issuer.clone(),
            pool_id: app.served.pool.id.clone(),
            stop: stop_tx,
            tasks,
            events,
            warnings: checked.broken,
            summary,
        })
    }
}

/// Binds and serves in one step.
pub async fn start(config: LocalConfig, ports: Ports) -> Result<RunningLocal, StartError> {
    bind(ports).await?.serve(config)
}

fn spawn_server(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let shutdown = async move {
            // Ends when told to stop or when every sender is gone.
            let _ = stop.wait_for(|s| *s).await;
        };
        let _ = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown)
            .await;
    })
}

#[derive(Clone)]
struct LogState {
    side: Side,
    events: broadcast::Sender<LocalEvent>,
}

fn with_request_log(router: Router, side: Side, events: broadcast::Sender<LocalEvent>) -> Router {
    router.layer(axum::middleware::from_fn_with_state(
        LogState { side, events },
        log_request,
    ))
}

async fn log_request(State(log): State<LogState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().to_string();
    // The path only: queries carry codes, states and hints.
    let path = req.uri().path().to_owned();
    let response = next.run(req).await;
    let record = RequestRecord {
        side: log.side,
        method,
        path,
        status: response.status().as_u16(),
        duration: started.elapsed(),
    };
    let _ = log.events.send(LocalEvent::Request(record));
    response
}

/// What a running Local Cognito serves, for a banner: clients, local users and personas, with the URLs they are
/// served under. No secret or password.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServedSummary {
    /// `(client_id, has a secret, callback URLs)`.
    pub clients: Vec<(String, bool, Vec<String>)>,
    /// Usernames of the local users.
    pub users: Vec<String>,
    /// `(provider_name, issuer, the names its users sign in with)`.
    pub upstreams: Vec<(String, String, Vec<String>)>,
}

impl ServedSummary {
    fn of(s: &served::Served) -> Self {
        let name = |u: &cogfed_lint::model::LocalUser| {
            cogfed_lint::de::known_str(&u.username)
                .unwrap_or_default()
                .to_owned()
        };
        ServedSummary {
            clients: s
                .clients
                .iter()
                .map(|c| (c.id.clone(), c.is_confidential(), c.callback_urls.clone()))
                .collect(),
            users: s.users.iter().map(name).collect(),
            upstreams: s
                .personas
                .iter()
                .map(|p| {
                    let logins = persona::users(p).map(persona::login_name).collect();
                    (p.provider_name.clone(), p.issuer.clone(), logins)
                })
                .collect(),
        }
    }
}

/// A running Local Cognito. [`RunningLocal::shutdown`] stops it gracefully; dropping it asks the servers to
/// stop without waiting.
#[derive(Debug)]
pub struct RunningLocal {
    cognito_base: String,
    upstream_base: String,
    issuer: String,
    pool_id: String,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    events: broadcast::Sender<LocalEvent>,
    warnings: Vec<String>,
    summary: ServedSummary,
}

impl RunningLocal {
    /// Base URL of the Cognito side, the "user pool domain": `http://127.0.0.1:{port}`.
    pub fn cognito_base(&self) -> &str {
        &self.cognito_base
    }
    /// Base URL of the upstream personas.
    pub fn upstream_base(&self) -> &str {
        &self.upstream_base
    }
    /// The pool issuer, `{issuer_base}/{poolId}`: the authority to give OIDC libraries.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }
    /// The pool ID.
    pub fn pool_id(&self) -> &str {
        &self.pool_id
    }
    /// `{issuer}/.well-known/openid-configuration`.
    pub fn discovery_url(&self) -> String {
        format!("{}/.well-known/openid-configuration", self.issuer)
    }
    /// `{issuer}/.well-known/jwks.json`.
    pub fn jwks_url(&self) -> String {
        format!("{}/.well-known/jwks.json", self.issuer)
    }
    /// `{cognito_base}/{path}` for a domain endpoint such as `/oauth2/token`.
    pub fn endpoint(&self, path: &str) -> String {
        format!("{}{}", self.cognito_base, path)
    }
    /// The linter's `broken` findings at start, rendered as `cogfed lint` renders them: failures this
    /// configuration causes and Local Cognito reproduces (an out-of-range token lifetime is honoured, a
    /// basic-only IdP refuses Cognito's post...).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
    /// What is served: clients, users, personas.
    pub fn summary(&self) -> &ServedSummary {
        &self.summary
    }
    /// Subscribes to request records and warnings from now on.
    pub fn events(&self) -> broadcast::Receiver<LocalEvent> {
        self.events.subscribe()
    }
    /// Stops accepting connections, lets requests in flight finish (at most 5 seconds), then returns.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        for task in self.tasks.drain(..) {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(5), task).await.is_err() {
                abort.abort();
            }
        }
    }
}

impl Drop for RunningLocal {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
