//! `cargo xtask setup`: install what the demo and the tests need, skipping what is already there.
//!
//! The recipe and its pitfalls are in `../shared/reference/toolchain.md` (§0 for the order and timings):
//! Trunk 0.21.14 because 0.22 needs a newer rustc, wasm-bindgen-cli at exactly the version pinned in
//! Cargo.toml and without `--locked`, wasm-opt from npm `binaryen@132` because Debian's 108 produces a
//! broken module, Debian's chromium + chromium-driver for the browser tests.

use crate::proc::{Cmd, root};
use std::path::Path;
use std::time::Instant;

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_MAJOR: &str = "132";

/// What one piece of the set-up needs: how to see whether it is there, and how to install it.
struct Piece {
    name: &'static str,
    /// `Ok(version)` when present and right, `Err(why)` when missing or wrong.
    check: Box<dyn Fn() -> Result<String, String>>,
    install: Vec<Cmd>,
}

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let bindgen = wasm_bindgen_pin()?;
    let pieces = vec![
        Piece {
            name: "wasm32-unknown-unknown target",
            check: Box::new(|| {
                let out = Cmd::new("rustup")
                    .args(["target", "list", "--installed"])
                    .output()?;
                if out.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
                    Ok("installed".into())
                } else {
                    Err("not installed".into())
                }
            }),
            install: vec![Cmd::new("rustup").args(["target", "add", "wasm32-unknown-unknown"])],
        },
        Piece {
            name: "wasm-bindgen-cli",
            check: Box::new({
                let want = bindgen.clone();
                move || expect_version("wasm-bindgen", &["--version"], &format!("wasm-bindgen {want}"))
            }),
            // No --locked: its lockfile names crates the registry mirror lacks (toolchain.md §1.2).
            install: vec![Cmd::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &bindgen])],
        },
        Piece {
            name: "trunk",
            check: Box::new(|| expect_version("trunk", &["--version"], &format!("trunk {TRUNK_VERSION}"))),
            install: vec![Cmd::new("cargo").args([
                "install",
                "trunk",
                "--locked",
                "--version",
                TRUNK_VERSION,
            ])],
        },
        Piece {
            name: "npm tools (wasm-opt from binaryen, test and bench helpers)",
            check: Box::new(npm_tools_current),
            install: vec![
                Cmd::new("npm")
                    .args(["ci", "--no-audit", "--no-fund"])
                    .dir(root().join("tools")),
            ],
        },
        Piece {
            name: "chromium + chromium-driver",
            check: Box::new(chromium_pair),
            install: apt_install(&["chromium", "chromium-driver"]),
        },
    ];

    for piece in &pieces {
        match (piece.check)() {
            Ok(version) => println!("setup: {:<58} ok ({version})", piece.name),
            Err(why) => {
                println!("setup: {:<58} {why}: installing", piece.name);
                let t = Instant::now();
                for cmd in &piece.install {
                    println!("setup:   $ {cmd}");
                    if let Err(e) = cmd.status() {
                        return Err(install_hint(piece, &e));
                    }
                }
                match (piece.check)() {
                    Ok(version) => println!(
                        "setup: {:<58} installed ({version}) in {:.0?}",
                        piece.name,
                        t.elapsed()
                    ),
                    Err(why) => return Err(install_hint(piece, &why)),
                }
            }
        }
    }
    println!("setup: all pieces present ({:.1?})", started.elapsed());
    Ok(())
}

fn install_hint(piece: &Piece, why: &str) -> String {
    let cmds: Vec<String> = piece.install.iter().map(|c| format!("    {c}")).collect();
    format!(
        "could not install {}: {why}\n  install it by hand with:\n{}",
        piece.name,
        cmds.join("\n")
    )
}

/// The `wasm-bindgen = "=X"` pin of the workspace Cargo.toml: the CLI must match it exactly.
pub fn wasm_bindgen_pin() -> Result<String, String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    manifest
        .lines()
        .find_map(|l| {
            let l = l.trim();
            l.strip_prefix("wasm-bindgen = \"=")
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned)
        })
        .ok_or_else(|| "Cargo.toml has no `wasm-bindgen = \"=X.Y.Z\"` pin".to_string())
}

fn expect_version(program: &str, args: &[&str], want: &str) -> Result<String, String> {
    match Cmd::new(program).args(args.iter().copied()).output() {
        Ok(out) if out.trim() == want || out.trim().starts_with(&format!("{want} ")) => {
            Ok(out.trim().to_string())
        }
        Ok(out) => Err(format!("found `{}`, need `{want}`", out.trim())),
        Err(_) => Err("missing".into()),
    }
}

fn npm_tools_current() -> Result<String, String> {
    let tools = root().join("tools");
    let lock = tools.join("package-lock.json");
    let installed = tools.join("node_modules/.package-lock.json");
    let newer = |a: &Path, b: &Path| -> bool {
        match (
            a.metadata().and_then(|m| m.modified()),
            b.metadata().and_then(|m| m.modified()),
        ) {
            (Ok(a), Ok(b)) => a >= b,
            _ => false,
        }
    };
    if !installed.exists() {
        return Err("not installed".into());
    }
    if !newer(&installed, &lock) {
        return Err("package-lock.json changed".into());
    }
    // Every pinned package present (a record of an install is not the install: node_modules may hold only part
    // of it, e.g. after a pin was added).
    let manifest =
        std::fs::read_to_string(tools.join("package.json")).map_err(|e| format!("package.json: {e}"))?;
    let manifest: serde_json::Value =
        serde_json::from_str(&manifest).map_err(|e| format!("package.json: {e}"))?;
    if let Some(deps) = manifest["dependencies"].as_object()
        && let Some(missing) = deps.keys().find(|name| {
            !tools
                .join("node_modules")
                .join(name)
                .join("package.json")
                .is_file()
        })
    {
        return Err(format!("{missing} is not installed"));
    }
    let out = Cmd::new("wasm-opt")
        .arg("--version")
        .output()
        .map_err(|_| "wasm-opt missing".to_string())?;
    if out.contains(&format!("version {BINARYEN_MAJOR}")) {
        Ok(out.trim().to_string())
    } else {
        Err(format!(
            "wasm-opt is `{}`, need binaryen {BINARYEN_MAJOR}",
            out.trim()
        ))
    }
}

fn chromium_pair() -> Result<String, String> {
    let browser = Cmd::new("/usr/bin/chromium")
        .arg("--version")
        .output()
        .map_err(|_| "missing")?;
    let driver = Cmd::new("/usr/bin/chromedriver")
        .arg("--version")
        .output()
        .map_err(|_| "driver missing")?;
    // "Chromium 156.0.8078.79 built on Debian ..." and "ChromeDriver 156.0.8078.79 (...)": same version.
    let version_of = |s: &str, word: &str| {
        s.lines().find_map(|l| {
            l.split_once(word)
                .map(|(_, v)| v.split_whitespace().next().unwrap_or("").to_string())
        })
    };
    let b = version_of(&browser, "Chromium ").ok_or("unrecognised chromium --version")?;
    let d = version_of(&driver, "ChromeDriver ").ok_or("unrecognised chromedriver --version")?;
    if b == d {
        Ok(format!("Chromium {b}"))
    } else {
        Err(format!("chromium {b} and chromedriver {d} differ"))
    }
}

fn apt_install(packages: &[&str]) -> Vec<Cmd> {
    let root_user = Cmd::new("id")
        .arg("-u")
        .output()
        .map(|s| s.trim() == "0")
        .unwrap_or(false);
    let wrap = |args: Vec<&str>| {
        if root_user {
            Cmd::new(args[0]).args(args[1..].iter().copied())
        } else {
            Cmd::new("sudo").args(args.iter().copied())
        }
    };
    let mut install = vec!["apt-get", "install", "-y"];
    install.extend_from_slice(packages);
    vec![
        wrap(vec!["apt-get", "update"]),
        wrap(install).env("DEBIAN_FRONTEND", "noninteractive"),
    ]
}
