//! `cogfed local` as a process: it prints its endpoints and the demo credentials, logs one line per request
//! without the query string, and stops cleanly on SIGINT (Ctrl-C) and SIGTERM. Standard library (and serde_json) only.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `cogfed local` whose stdout lines arrive on a channel.
struct LocalProcess {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl LocalProcess {
    fn start() -> Self {
        LocalProcess::start_with(&[])
    }

    /// `cogfed local --port 0 --upstream-port 0` and `extra`.
    fn start_with(extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cogfed"))
            .args(["local", "--port", "0", "--upstream-port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cogfed local starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        LocalProcess {
            child,
            lines,
            seen: vec![],
        }
    }

    /// Waits (at most `within`) for a line containing `needle`; returns it.
    fn wait_for(&mut self, needle: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => break,
            }
        }
        panic!(
            "no line with {needle:?} within {within:?}; saw:\n{}",
            self.seen.join("\n")
        );
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits (at most 10 s) for the process to exit; returns whether it exited successfully.
    fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("cogfed local did not stop within 10 s");
    }
}

impl Drop for LocalProcess {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A plain HTTP/1.1 GET; returns the status line.
fn get(url: &str) -> String {
    get_answer(url).lines().next().unwrap_or_default().to_owned()
}

/// A plain HTTP/1.1 GET; returns the whole answer, head and body.
fn get_answer(url: &str) -> String {
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    answer
}

fn value_of(line: &str) -> String {
    line.split_whitespace().last().expect("a value").to_owned()
}

#[test]
fn prints_endpoints_logs_paths_and_stops_on_ctrl_c() {
    let mut p = LocalProcess::start();
    let issuer = value_of(&p.wait_for("  issuer ", Duration::from_secs(60)));
    p.wait_for("alice / ", Duration::from_secs(5));
    p.wait_for("bob / ", Duration::from_secs(5));
    p.wait_for("Ctrl-C stops", Duration::from_secs(5));
    assert!(issuer.ends_with("/us-east-1_LocalDemo"), "{issuer}");

    let status = get(&format!(
        "{issuer}/.well-known/openid-configuration?code=SECRETCODE&token=SECRETTOKEN"
    ));
    assert!(status.contains(" 200 "), "{status}");
    let line = p.wait_for("/.well-known/openid-configuration", Duration::from_secs(5));
    assert!(
        line.starts_with("cognito  GET /us-east-1_LocalDemo/.well-known/openid-configuration 200 "),
        "{line}"
    );
    assert!(
        !line.contains('?') && !line.contains("SECRET"),
        "the query must not be logged: {line}"
    );

    p.signal("INT");
    p.wait_for("stopped", Duration::from_secs(10));
    assert!(p.wait_exit(), "exit status 0 after Ctrl-C");
    assert!(!p.seen.iter().any(|l| l.contains("SECRET")));
}

#[test]
fn stops_on_sigterm_too() {
    let mut p = LocalProcess::start();
    p.wait_for("Ctrl-C stops", Duration::from_secs(60));
    p.signal("TERM");
    assert!(
        p.wait_exit(),
        "exit status 0 after SIGTERM (what `cargo xtask demo` sends)"
    );
}

/// `--config` with ports other than the manifest's `[local]` ones (9229, 9230, issuer base
/// `http://127.0.0.1:9229`): the issuer, discovery and JWKS follow the address really bound, so no token names
/// an issuer that is not served (issue 14).
#[test]
fn a_manifest_served_on_other_ports_names_the_bound_issuer() {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/local-demo.toml");
    let mut p = LocalProcess::start_with(&["--config", manifest]);
    // The banner prints them in this order.
    let issuer = value_of(&p.wait_for("  issuer ", Duration::from_secs(60)));
    let jwks = value_of(&p.wait_for("  JWKS ", Duration::from_secs(5)));
    let authorize = value_of(&p.wait_for("  authorize ", Duration::from_secs(5)));
    let base = authorize
        .strip_suffix("/oauth2/authorize")
        .expect("the authorize endpoint")
        .to_owned();
    assert_ne!(base, "http://127.0.0.1:9229", "bound elsewhere (port 0)");
    assert_eq!(issuer, format!("{base}/us-east-1_LocalDemo"));
    assert_eq!(jwks, format!("{issuer}/.well-known/jwks.json"));

    let discovery = get_answer(&format!("{issuer}/.well-known/openid-configuration"));
    assert!(discovery.starts_with("HTTP/1.1 200 "), "{discovery}");
    let body = discovery.split("\r\n\r\n").nth(1).expect("a body");
    let doc: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(doc["issuer"], issuer.as_str());
    assert_eq!(doc["jwks_uri"], jwks.as_str());
    assert!(
        get(&jwks).contains(" 200 "),
        "the JWKS is served where it is named"
    );
    p.signal("TERM");
    assert!(p.wait_exit());
}
