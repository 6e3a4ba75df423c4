//! Processes: a small command builder with the project's PATH, and the `demo`, `test` and `ci` workflows.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// PATH with the project's npm tools (wasm-opt) and cargo-installed binaries first.
fn tool_path() -> OsString {
    let mut dirs = vec![root().join("tools/node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

/// A command to run with the project's PATH; `Display` prints it as a shell line.
#[derive(Clone)]
pub struct Cmd {
    program: String,
    args: Vec<String>,
    dir: Option<PathBuf>,
    envs: Vec<(String, String)>,
}

impl Cmd {
    pub fn new(program: &str) -> Self {
        Cmd {
            program: program.into(),
            args: vec![],
            dir: None,
            envs: vec![],
        }
    }
    pub fn arg(mut self, a: impl Into<String>) -> Self {
        self.args.push(a.into());
        self
    }
    pub fn args<I, S>(mut self, a: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(a.into_iter().map(Into::into));
        self
    }
    pub fn dir(mut self, d: impl Into<PathBuf>) -> Self {
        self.dir = Some(d.into());
        self
    }
    pub fn env(mut self, k: &str, v: impl Into<String>) -> Self {
        self.envs.push((k.into(), v.into()));
        self
    }
    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .env("PATH", tool_path())
            .current_dir(self.dir.clone().unwrap_or_else(root));
        for (k, v) in &self.envs {
            c.env(k, v);
        }
        c
    }
    /// Runs with inherited stdio; an error names the command and its exit status.
    pub fn status(&self) -> Result<(), String> {
        let status = self
            .command()
            .status()
            .map_err(|e| format!("cannot start `{self}`: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{self}` failed ({status})"))
        }
    }
    /// Runs and returns stdout + stderr; an error when it cannot start or exits non-zero.
    pub fn output(&self) -> Result<String, String> {
        let out = self
            .command()
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot start `{self}`: {e}"))?;
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if out.status.success() {
            Ok(text)
        } else {
            Err(format!("`{self}` failed ({}): {text}", out.status))
        }
    }
    /// Runs with output discarded; an error only when it cannot start (the exit status is the caller's business).
    pub fn run_quiet(&self) -> Result<std::process::ExitStatus, String> {
        self.command()
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot start `{self}`: {e}"))
    }
    pub fn spawn(&self) -> Result<Child, String> {
        self.command()
            .spawn()
            .map_err(|e| format!("cannot start `{self}`: {e}"))
    }
}

impl fmt::Display for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, v) in &self.envs {
            write!(f, "{k}={v} ")?;
        }
        write!(f, "{}", self.program)?;
        for a in &self.args {
            if a.contains(' ') {
                write!(f, " '{a}'")?
            } else {
                write!(f, " {a}")?
            }
        }
        if let Some(d) = &self.dir
            && d != &root()
        {
            write!(f, "   (in {})", d.display())?;
        }
        Ok(())
    }
}

/// A timed step of a workflow.
fn step(name: &str, cmd: Cmd) -> Result<Duration, String> {
    println!("\n==> {name}\n    $ {cmd}");
    let t = Instant::now();
    cmd.status()?;
    let took = t.elapsed();
    println!("<== {name}: ok in {took:.1?}");
    Ok(took)
}

/// The release build of the SPA: the optimized wasm the browser tests must run (toolchain.md §2.4).
pub fn build_spa_release() -> Result<Duration, String> {
    // wasm-bindgen writes into target/wasm-bindgen/release and never deletes a snippet an older build left
    // there; Trunk then copies and preloads every snippet it finds. Start from an empty directory, as a fresh
    // clone does, so the bundle (and its measured size) holds only what the app imports.
    let stale = root().join("target/wasm-bindgen/release/snippets");
    if stale.exists() {
        std::fs::remove_dir_all(&stale).map_err(|e| format!("removing {}: {e}", stale.display()))?;
    }
    step(
        "build the SPA (trunk build --release, wasm-opt -Oz)",
        Cmd::new("trunk").args(["build", "--release", "--skip-version-check"]),
    )
}

pub fn test(extra: &[String]) -> Result<(), String> {
    let t = Instant::now();
    let mut times = vec![];
    times.push(("SPA release build", build_spa_release()?));
    let dist = root().join("dist");
    times.push((
        "native tests (unit, integration, browser end-to-end)",
        step(
            "native tests: unit, integration and browser end-to-end",
            Cmd::new("cargo")
                .args(["test", "--workspace", "--all-targets"])
                .args(extra.iter().cloned())
                .env("COGFED_DIST", dist.display().to_string()),
        )?,
    ));
    // wasm-bindgen-test in headless Chromium (the runner is set in .cargo/config.toml). No `-q`: the runner
    // rejects it (toolchain.md §4).
    times.push((
        "wasm tests in headless Chromium",
        step(
            "wasm tests in headless Chromium (wasm-bindgen-test)",
            Cmd::new("cargo").args([
                "test",
                "-p",
                "cogfed-leptos",
                // Every opt-in feature: the browser tests cover them all.
                "--all-features",
                "--target",
                "wasm32-unknown-unknown",
            ]),
        )?,
    ));
    println!("\nall tests passed in {:.1?}:", t.elapsed());
    for (name, took) in times {
        println!("  {took:>8.1?}  {name}");
    }
    Ok(())
}

pub fn ci(extra: &[String]) -> Result<(), String> {
    step(
        "cargo fmt --check",
        Cmd::new("cargo").args(["fmt", "--all", "--check"]),
    )?;
    step(
        "cargo clippy -D warnings",
        Cmd::new("cargo").args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
    )?;
    test(extra)
}

/// Runs the demo servers until Ctrl-C or until one of them exits, then stops the others.
pub fn demo(_extra: &[String]) -> Result<(), String> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())?;
    }
    let mut children: Vec<(&str, Child)> = vec![];
    // The dev profile is enough for a local server and compiles far faster than the size-tuned release one.
    step(
        "build the cogfed CLI",
        Cmd::new("cargo").args(["build", "--package", "cogfed-cli", "--bin", "cogfed"]),
    )?;
    let local = Cmd::new(&root().join("target/debug/cogfed").display().to_string()).args([
        "local",
        "--config",
        "examples/local-demo.toml",
    ]);
    println!("demo: $ {local}");
    children.push(("Local Cognito", local.spawn()?));
    let trunk = Cmd::new("trunk").args(["serve", "--release", "--skip-version-check"]);
    println!("demo: $ {trunk}");
    children.push(("trunk serve", trunk.spawn()?));
    println!(
        "\ndemo: Local Cognito is on http://127.0.0.1:9229 (users alice / Alice-Passw0rd! and, through the upstream \
         IdP, bob / Bob-Passw0rd!).\ndemo: the SPA will be on http://127.0.0.1:8080 once Trunk has built it. \
         Ctrl-C stops everything.\n"
    );
    let mut exited = None;
    while !stop.load(Ordering::SeqCst) && exited.is_none() {
        for (name, child) in children.iter_mut() {
            if let Ok(Some(status)) = child.try_wait() {
                exited = Some(format!("{name} exited ({status})"));
            }
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    for (name, child) in children.iter_mut() {
        if child.try_wait().ok().flatten().is_none() {
            println!("demo: stopping {name}");
            let _ = Command::new("kill")
                .arg("-TERM")
                .arg(child.id().to_string())
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
    match exited {
        Some(why) if !stop.load(Ordering::SeqCst) => Err(why),
        _ => Ok(()),
    }
}
