//! Harness for the end-to-end tests: the release build of the SPA, a static server for it, chromedriver
//! and a headless Debian Chromium session. Every piece binds 127.0.0.1 on a free port and is stopped when
//! its guard drops, so a test starts and stops everything it uses.

pub mod a11y;
pub mod browser;
pub mod clean;
pub mod flow;
pub mod local;
pub mod op;
pub mod page;
pub mod spa;
pub mod steps;

pub use browser::Browser;
pub use clean::{assert_clean, check_clean};
pub use flow::{Flow, SignIn, sign_in};
pub use local::LocalSpa;
pub use op::NodeOp;
pub use page::WAIT;
pub use spa::{SpaServer, dist_dir, security_header, security_headers, with_settings};

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// A port that was free a moment ago on 127.0.0.1, for programs that must be told their port up front
/// (chromedriver). Our own servers bind port 0 instead and read the port back.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("binding 127.0.0.1:0")
}

/// Where failing tests leave screenshots and browser logs.
pub fn artifacts_dir() -> PathBuf {
    workspace_root().join("target/e2e-artifacts")
}
