//! panva's oidc-provider (`tests/interop/op.mjs`, pinned in `tools/package.json`) as a plain OpenID provider
//! on a free loopback port, for the interop test; killed on drop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running `node tests/interop/op.mjs`.
pub struct NodeOp {
    child: Child,
    /// The issuer, `http://127.0.0.1:{port}`.
    pub issuer: String,
    /// The public client registered for the SPA.
    pub client_id: String,
}

impl NodeOp {
    /// Starts the OP for a SPA at `spa_origin` (redirect URI `{spa_origin}/callback`, post-logout redirect
    /// `{spa_origin}/`, CORS for that origin) and waits (at most 30 s) for its ready line. Its stderr (the
    /// provider's warnings and errors) goes to `target/e2e-artifacts/{name}.op.log`.
    pub async fn start(name: &str, spa_origin: &str) -> NodeOp {
        let root = crate::workspace_root();
        let provider = root.join("tools/node_modules/oidc-provider/lib/index.js");
        assert!(
            provider.is_file(),
            "{} is missing: run `cargo xtask setup` (npm ci in tools/)",
            provider.display()
        );
        let dir = crate::artifacts_dir();
        std::fs::create_dir_all(&dir).expect("creating target/e2e-artifacts");
        let log = std::fs::File::create(dir.join(format!("{name}.op.log"))).expect("creating the OP's log");
        let mut child = Command::new("node")
            .arg(root.join("tests/interop/op.mjs"))
            .env("PORT", "0")
            .env("SPA_ORIGIN", spa_origin)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("starting node (install Node.js 20 or later)");
        let stdout = child.stdout.take().expect("the OP's stdout");
        // The first stdout line is the ready line; read it off the async runtime, with a deadline.
        let line = tokio::time::timeout(
            Duration::from_secs(30),
            tokio::task::spawn_blocking(move || {
                let mut line = String::new();
                BufReader::new(stdout).read_line(&mut line).map(|_| line)
            }),
        )
        .await;
        let mut op = NodeOp {
            child,
            issuer: String::new(),
            client_id: String::new(),
        };
        let line = match line {
            Ok(Ok(Ok(line))) => line,
            other => panic!("the OP did not start (see target/e2e-artifacts/{name}.op.log): {other:?}"),
        };
        let ready: serde_json::Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("the OP's ready line {line:?}: {e} (see its log)"));
        op.issuer = ready["issuer"]
            .as_str()
            .expect("issuer in the ready line")
            .to_string();
        op.client_id = ready["client_id"]
            .as_str()
            .expect("client_id in the ready line")
            .to_string();
        op
    }
}

impl Drop for NodeOp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
