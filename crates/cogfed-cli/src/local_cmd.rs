//! `cogfed local`: runs Local Cognito (crate `cogfed-local`) until Ctrl-C.
//!
//! Without `--config` it serves the demo, `examples/local-demo.toml` (compiled in), so `cogfed local` alone
//! makes the demo work: Cognito side on 127.0.0.1:9229, upstream IdP on 127.0.0.1:9230, SPA expected at
//! http://127.0.0.1:8080. With `--config FILE` it serves the integration manifest that `cogfed lint` reads;
//! with `--config DIR`, the integration a folder's files describe together (a Terraform configuration with its
//! `terraform output -json` and a manifest holding `[local]`, `examples/local-demo-terraform`). Ports and
//! issuer base: flags, else the manifest's `[local]`, else the defaults.
//!
//! It lints what it serves first: `shape` findings (what AWS's API refuses) stop it with exit code 2, `broken`
//! findings are printed and served. Then it prints the endpoints and the sign-in credentials, then one line per
//! request (side, method, path without query, status, duration) and never a code, token, secret or password.

use clap::Args;
use cogfed_local::{
    DEFAULT_COGNITO_PORT, DEFAULT_UPSTREAM_PORT, LocalConfig, LocalEvent, Ports, RunningLocal, StartError,
    bind,
};
use std::process::ExitCode;

/// Arguments of `cogfed local`.
#[derive(Args)]
pub struct LocalArgs {
    /// Integration manifest to serve (the file `cogfed lint` reads), or a folder whose files describe it
    /// together (a Terraform configuration and a manifest with `[local]`); without it, the built-in demo.
    #[arg(long, value_name = "FILE|DIR")]
    config: Option<String>,
    /// Port of the Cognito side (hosted UI, OAuth endpoints, issuer) [default: 9229]; 0 picks a free port.
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// Port of the upstream OIDC IdP personas [default: 9230]; 0 picks a free port.
    #[arg(long, value_name = "N")]
    upstream_port: Option<u16>,
    /// Base of the issuer URL (`{base}/{poolId}`) when a proxy serves Local Cognito elsewhere.
    #[arg(long, value_name = "URL")]
    issuer_base: Option<String>,
    /// Where the SPA is served: the clients' callback and logout URLs move there from the origin the
    /// integration names (`[spa].redirect_uri`'s; the demo's is http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    spa_origin: Option<String>,
}

/// What is being served, for the banner.
enum Source {
    Demo,
    Manifest(String),
}

/// Runs `cogfed local`. Exit codes: 0 after a clean stop, 1 when a port cannot be bound, 2 for input errors.
pub fn run(args: LocalArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cogfed local: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(serve(args))
}

fn input_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("cogfed local: {message}");
    ExitCode::from(2)
}

async fn serve(args: LocalArgs) -> ExitCode {
    let (config, source) = match &args.config {
        None => (LocalConfig::demo(), Source::Demo),
        Some(path) => match read_manifest(path) {
            Ok(c) => (c, Source::Manifest(path.clone())),
            Err(code) => return code,
        },
    };
    let config = match &args.spa_origin {
        Some(origin) => config.with_spa_origin(origin),
        None => config,
    };
    let from_file = config.ports();
    let ports = Ports {
        cognito: args.port.or(from_file.cognito).unwrap_or(DEFAULT_COGNITO_PORT),
        upstream: args
            .upstream_port
            .or(from_file.upstream)
            .unwrap_or(DEFAULT_UPSTREAM_PORT),
        // Without the flag, the manifest's `[local].issuer_base` applies, following the port really bound
        // (cogfed-local owns that: `LocalConfig::issuer_base`).
        issuer_base: args.issuer_base.clone(),
    };
    let bound = match bind(ports).await {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "cogfed local: {e}\n  (is another `cogfed local` running? choose other ports with --port / --upstream-port)"
            );
            return ExitCode::from(1);
        }
    };
    let local = match bound.serve(config) {
        Ok(l) => l,
        Err(StartError::Config(errors)) => {
            eprintln!("cogfed local: cannot serve {}:\n", source.name());
            for e in &errors.0 {
                eprintln!("{e}\n");
            }
            return ExitCode::from(2);
        }
        Err(e) => return input_error(e),
    };
    let mut stop = match StopSignals::install() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cogfed local: cannot watch for Ctrl-C: {e}");
            local.shutdown().await;
            return ExitCode::from(1);
        }
    };
    // Subscribed before the banner: a request made as soon as the banner is out is logged too.
    let mut events = local.events();
    print_banner(&local, &source);
    let printer = tokio::spawn(async move {
        loop {
            match events.recv().await {
                Ok(LocalEvent::Request(r)) => println!("{r}"),
                Ok(LocalEvent::Warning { side, message }) => eprintln!("warning: {side} {message}"),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(n)) => {
                    eprintln!("({n} log lines dropped)")
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
    stop.wait().await;
    println!("\ncogfed local: stopping");
    local.shutdown().await;
    printer.abort();
    println!("cogfed local: stopped");
    ExitCode::SUCCESS
}

fn read_manifest(path: &str) -> Result<LocalConfig, ExitCode> {
    if std::path::Path::new(path).is_dir() {
        let collected =
            crate::inputs::collect(&[std::path::PathBuf::from(path)], &[]).map_err(input_errors)?;
        // Every unreadable file is named, not only the first.
        if !collected.unreadable.is_empty() {
            return Err(input_errors(
                collected
                    .unreadable
                    .iter()
                    .map(|(file, _, message)| format!("{}: {message}", file.name)),
            ));
        }
        return LocalConfig::load_files(collected.files).map_err(input_errors);
    }
    let text =
        std::fs::read_to_string(path).map_err(|e| input_error(format_args!("cannot read {path}: {e}")))?;
    LocalConfig::load(path, text).map_err(input_errors)
}

/// Prints each error, then exits 2 (input errors).
fn input_errors<E: std::fmt::Display>(errors: impl IntoIterator<Item = E>) -> ExitCode {
    for e in errors {
        eprintln!("cogfed local: {e}");
    }
    ExitCode::from(2)
}

impl Source {
    fn name(&self) -> &str {
        match self {
            Source::Demo => cogfed_local::DEMO_NAME,
            Source::Manifest(path) => path,
        }
    }
}

fn print_banner(local: &RunningLocal, source: &Source) {
    let serving = match source {
        Source::Demo => format!("the demo ({}, built in)", cogfed_local::DEMO_NAME),
        Source::Manifest(path) => path.clone(),
    };
    // What the linter says this integration breaks: served anyway, so the failure can be watched.
    if !local.warnings().is_empty() {
        eprintln!(
            "cogfed local: {serving}: what `cogfed lint` finds broken here is served as it is, failures included:\n"
        );
        for w in local.warnings() {
            eprintln!("{w}\n");
        }
    }
    println!("Local Cognito is serving {serving}");
    println!();
    println!("  user pool       {}", local.pool_id());
    println!("  issuer          {}", local.issuer());
    println!("  discovery       {}", local.discovery_url());
    println!("  JWKS            {}", local.jwks_url());
    for path in [
        "/oauth2/authorize",
        "/oauth2/token",
        "/oauth2/userInfo",
        "/oauth2/revoke",
        "/logout",
    ] {
        println!(
            "  {:<15} {}",
            path.rsplit('/').next().unwrap_or(path),
            local.endpoint(path)
        );
    }
    println!("  IdP callback    {}", local.endpoint("/oauth2/idpresponse"));
    let served = local.summary();
    for (id, confidential, callbacks) in &served.clients {
        let kind = if *confidential { "confidential" } else { "public" };
        println!("  client          {id} ({kind}) -> {}", callbacks.join(", "));
    }
    for (name, issuer, _) in &served.upstreams {
        println!("  upstream IdP    {name} at {issuer}");
    }
    println!();
    match source {
        Source::Demo => {
            let (u, p) = cogfed_local::DEMO_LOCAL_USER;
            println!("  sign in as      {u} / {p}  (local user)");
            let (u, p) = cogfed_local::DEMO_UPSTREAM_USER;
            println!("                  {u} / {p}  (at the Upstream IdP: \"Sign in with Upstream\")");
        }
        Source::Manifest(path) => {
            // Passwords stay in the file: the terminal may be recorded.
            for u in &served.users {
                println!("  local user      {u} (password as in {path})");
            }
            for (name, _, logins) in &served.upstreams {
                for login in logins {
                    let who = format!("{name} user");
                    println!("  {who:<15} {login} (password as in {path})");
                }
            }
        }
    }
    println!();
    println!("Ctrl-C stops. Requests:");
}

/// Ctrl-C, or SIGTERM (what `cargo xtask demo` sends its children). Created before anything is printed, so a
/// signal that arrives right after the banner is already ours, not the default "terminate now".
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignals {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        {
            Ok(StopSignals {})
        }
    }

    async fn wait(&mut self) {
        #[cfg(unix)]
        {
            tokio::select! {
                _ = self.interrupt.recv() => {}
                _ = self.terminate.recv() => {}
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
