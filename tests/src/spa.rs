//! The SPA under test: its release build (`dist/`) and a static server with SPA fallback.

use axum::Router;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tower_http::services::{ServeDir, ServeFile};

/// The release build of the SPA. `cargo xtask test` builds it first and passes `COGFED_DIST`; a test run on
/// its own builds it with `trunk build --release` (the optimized wasm, so a broken optimizer is caught).
pub fn dist_dir() -> PathBuf {
    static BUILT: Mutex<Option<PathBuf>> = Mutex::new(None);
    let mut built = BUILT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(dir) = built.as_ref() {
        return dir.clone();
    }
    let dir = match std::env::var_os("COGFED_DIST") {
        Some(d) => PathBuf::from(d),
        None => {
            let root = crate::workspace_root();
            let mut path = vec![root.join("tools/node_modules/.bin")];
            path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
            let status = std::process::Command::new("trunk")
                .args(["build", "--release", "--skip-version-check"])
                .current_dir(&root)
                .env("PATH", std::env::join_paths(path).expect("PATH"))
                .status()
                .expect("running trunk (install it with `cargo xtask setup`)");
            assert!(status.success(), "trunk build --release failed");
            root.join("dist")
        }
    };
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: build the SPA with `cargo xtask test` or `trunk build --release`",
        dir.display()
    );
    *built = Some(dir.clone());
    dir
}

/// Serves a built SPA on 127.0.0.1 (free port) until dropped. Unknown paths get index.html, as a static
/// host configured for an SPA does, so deep links like /callback load the app.
pub struct SpaServer {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl SpaServer {
    pub async fn start(dist: &Path) -> SpaServer {
        let index = ServeFile::new(dist.join("index.html"));
        let app = Router::new().fallback_service(ServeDir::new(dist).fallback(index));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local addr");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("serving the SPA");
        });
        SpaServer { addr, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for SpaServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
