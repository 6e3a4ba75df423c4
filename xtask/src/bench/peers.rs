//! Bundle sizes next to the JavaScript clients: the minimal "sign in + callback + show claims" app of
//! `bench/peers/` (peers.md Appendix A, pointed at any issuer by its page) built with npm + esbuild, with
//! oidc-client-ts alone and with React + react-oidc-context, against our demo SPA (its initial load and all of
//! `dist/`) and the minimal Leptos app with cogfed-leptos that the size section built.
//!
//! The peers' versions are the pins of `tools/package.json` (installed by `cargo xtask setup` with `npm ci`);
//! a mismatch in `tools/node_modules` stops the bench rather than measuring another version.

use super::{Sizes, Summary, group, ratio, sizes};
use crate::proc::{Cmd, root};
use std::path::{Path, PathBuf};

/// peers.md §2's esbuild flags: minified, tree-shaken ESM for browsers, React in production mode.
const ESBUILD_FLAGS: [&str; 9] = [
    "--bundle",
    "--minify",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--tree-shaking=true",
    "--define:process.env.NODE_ENV=\"production\"",
    "--legal-comments=none",
    "--log-level=warning",
];

/// A peer app: an entry program in `bench/peers/` and the npm packages it bundles.
pub struct Peer {
    /// Output directory under `target/bench/peers/`, and the app's short name.
    pub dir: &'static str,
    entry: &'static str,
    jsx: bool,
    /// `(package, shown as)`, in the order the label names them.
    packages: &'static [(&'static str, &'static str)],
}

/// oidc-client-ts alone (its one dependency, jwt-decode, comes along).
pub const OIDC_CLIENT_TS: Peer = Peer {
    dir: "oidc-client-ts",
    entry: "oidc-client-ts.js",
    jsx: false,
    packages: &[("oidc-client-ts", "oidc-client-ts")],
};

/// oauth4webapi: the protocol functions only (discovery, PKCE, state and nonce, code exchange, ID token claims;
/// no storage, refresh or logout), the lean end of the JavaScript clients (peers.md §2).
pub const OAUTH4WEBAPI: Peer = Peer {
    dir: "oauth4webapi",
    entry: "oauth4webapi.js",
    jsx: false,
    packages: &[("oauth4webapi", "oauth4webapi")],
};

/// React + react-oidc-context over oidc-client-ts, React bundled.
pub const REACT_OIDC_CONTEXT: Peer = Peer {
    dir: "react-oidc-context",
    entry: "react-oidc-context.jsx",
    jsx: true,
    packages: &[
        ("oidc-client-ts", "oidc-client-ts"),
        ("react-oidc-context", "react-oidc-context"),
        ("react", "React"),
    ],
};

impl Peer {
    /// "oidc-client-ts 3.5.0 + react-oidc-context 3.3.1 + React 19.3.1", from the installed versions.
    pub fn label(&self) -> Result<String, String> {
        let mut parts = vec![];
        for (package, shown) in self.packages {
            parts.push(format!("{shown} {}", version(package)?));
        }
        Ok(parts.join(" + "))
    }

    /// Bundles the entry program into `target/bench/peers/{dir}/app.js`, next to the page that loads it
    /// (`bench/peers/index.html`, whose `{{AUTHORITY}}` and `{{CLIENT_ID}}` the latency bench fills in).
    pub fn build(&self) -> Result<PathBuf, String> {
        for (package, _) in self.packages {
            version(package)?; // the pinned version, or stop
        }
        let out = root().join("target/bench/peers").join(self.dir);
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        let mut esbuild = Cmd::new("esbuild")
            .arg(format!("bench/peers/{}", self.entry))
            .args(ESBUILD_FLAGS)
            .arg(format!("--outfile={}", out.join("app.js").display()))
            // The entries live in bench/peers/, the packages in tools/node_modules.
            .env(
                "NODE_PATH",
                root().join("tools/node_modules").display().to_string(),
            );
        if self.jsx {
            esbuild = esbuild.arg("--jsx=automatic");
        }
        esbuild.output()?;
        let page = root().join("bench/peers/index.html");
        std::fs::copy(&page, out.join("index.html")).map_err(|e| format!("{}: {e}", page.display()))?;
        Ok(out)
    }
}

/// The Rust peer: `bench/peers/leptos-keycloak-auth` (its own workspace and lockfile), the minimal sign-in app
/// with leptos-keycloak-auth and the same app without it, both inside Router/Routes (the crate requires
/// leptos_router), built like cogfed's examples. Returns `(with, without)`: wasm + JS of each.
pub fn keycloak_peer() -> Result<(Sizes, Sizes), String> {
    let project = root().join("bench/peers/leptos-keycloak-auth");
    let target = root().join("target/bench/keycloak");
    Cmd::new("cargo")
        .args([
            "build",
            "--release",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .arg("--manifest-path")
        .arg(project.join("Cargo.toml").display().to_string())
        .arg("--target-dir")
        .arg(target.display().to_string())
        .status()?;
    let mut measured = vec![];
    for bin in ["keycloak", "keycloak_baseline"] {
        let dir = root().join("target/bench/peers").join(bin);
        let _ = std::fs::remove_dir_all(&dir);
        Cmd::new("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "app",
                "--out-dir",
            ])
            .arg(dir.display().to_string())
            .arg(
                target
                    .join(format!("wasm32-unknown-unknown/release/{bin}.wasm"))
                    .display()
                    .to_string(),
            )
            .status()?;
        let wasm = dir.join("app_bg.wasm");
        Cmd::new("wasm-opt")
            .arg("-Oz")
            .args(super::size::WASM_OPT_FEATURES)
            .arg(wasm.display().to_string())
            .arg("-o")
            .arg(wasm.display().to_string())
            .status()?;
        measured.push(example(&dir)?);
    }
    Ok((measured[0], measured[1]))
}

/// The version of the Rust peer in its lockfile.
pub fn keycloak_version() -> String {
    let lock = root().join("bench/peers/leptos-keycloak-auth/Cargo.lock");
    std::fs::read_to_string(lock)
        .ok()
        .and_then(|text| {
            let at = text.find("name = \"leptos-keycloak-auth\"")?;
            let rest = &text[at..];
            let v = rest.split("version = \"").nth(1)?;
            Some(v.split('"').next()?.to_string())
        })
        .unwrap_or_else(|| "?".into())
}

/// The version of `package` in `tools/node_modules`; an error when `tools/package.json` pins another one.
pub fn version(package: &str) -> Result<String, String> {
    let tools = root().join("tools");
    let installed = package_version(&tools.join("node_modules").join(package).join("package.json"))?;
    let manifest = tools.join("package.json");
    let pins: serde_json::Value = read_json(&manifest)?;
    match pins["dependencies"][package].as_str() {
        Some(pin) if pin != installed => Err(format!(
            "tools/node_modules has {package} {installed} but {} pins {pin}: run `cargo xtask setup`",
            manifest.display()
        )),
        _ => Ok(installed),
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (run `cargo xtask setup`)", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn package_version(path: &Path) -> Result<String, String> {
    read_json(path)?["version"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{}: no \"version\"", path.display()))
}

/// Every file under `dir` as `(path relative to dir with '/', path)`, skipping dot entries (Trunk's staging
/// directory), sorted.
fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    let mut found = vec![];
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
            {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                found.push((rel, path));
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The JS and wasm files among `files` that `index_html` references by absolute path in quotes (the module
/// script's import, `modulepreload` and `preload` links): what the browser fetches before the app runs.
/// A file only named in a comment, without quotes (the lazily loaded modules), is not one of them.
pub fn referenced_code(index_html: &str, files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.ends_with(".js") || f.ends_with(".wasm"))
        .filter(|f| index_html.contains(&format!("\"/{f}\"")) || index_html.contains(&format!("'/{f}'")))
        .cloned()
        .collect()
}

/// Sizes of `paths`, summed.
fn total(paths: &[&Path]) -> Result<Sizes, String> {
    let mut t = Sizes::default();
    for p in paths {
        t.add(sizes(p)?);
    }
    Ok(t)
}

/// Our SPA: the initial load (index.html and the code it references: wasm + JS + HTML, the size section's
/// definition) and every file of `dist/`.
fn our_spa(dist: &Path) -> Result<(Sizes, Sizes), String> {
    let files = files_under(dist)?;
    let index = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("{}/index.html: {e}", dist.display()))?;
    let names: Vec<String> = files.iter().map(|(rel, _)| rel.clone()).collect();
    let code = referenced_code(&index, &names);
    if !code.iter().any(|f| f.ends_with(".wasm")) {
        return Err(format!(
            "{}/index.html references no wasm: not the SPA's release build?",
            dist.display()
        ));
    }
    let mut initial_paths = vec![dist.join("index.html")];
    initial_paths.extend(code.iter().map(|f| dist.join(f)));
    let initial = total(&initial_paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
    let whole = total(&files.iter().map(|(_, p)| p.as_path()).collect::<Vec<_>>())?;
    Ok((initial, whole))
}

/// Every file of a built example (wasm, JS and the wasm-bindgen snippets it imports).
fn example(dir: &Path) -> Result<Sizes, String> {
    let files = files_under(dir)?;
    if files.is_empty() {
        return Err(format!("{} is empty", dir.display()));
    }
    total(&files.iter().map(|(_, p)| p.as_path()).collect::<Vec<_>>())
}

fn kb(s: Sizes) -> String {
    format!("{} B", group(s.brotli))
}

fn smaller(ours: Sizes, theirs: Sizes) -> Option<String> {
    Some(ratio(
        ours.brotli as f64,
        theirs.brotli as f64,
        "smaller",
        "larger",
    ))
}

/// The size comparison table. `with_examples`: the size section ran in this run, so the minimal Leptos
/// apps in `target/bench-cogfed-leptos/` are this run's.
pub fn section(out: &mut String, summary: &mut Summary, with_examples: bool) -> Result<(), String> {
    let alone_label = OIDC_CLIENT_TS.label()?;
    let react_label = REACT_OIDC_CONTEXT.label()?;
    let alone = sizes(&OIDC_CLIENT_TS.build()?.join("app.js"))?;
    let lean_label = OAUTH4WEBAPI.label()?;
    let lean = sizes(&OAUTH4WEBAPI.build()?.join("app.js"))?;
    let react = sizes(&REACT_OIDC_CONTEXT.build()?.join("app.js"))?;
    let (initial, whole) = our_spa(&root().join("dist"))?;
    let examples = if with_examples {
        let dir = root().join("target/bench-cogfed-leptos");
        Some((
            example(&dir.join("minimal"))?,
            example(&dir.join("minimal_baseline"))?,
        ))
    } else {
        None
    };

    w!(out, "\n## Bundle size against the JavaScript clients\n");
    w!(
        out,
        "The peers are the same minimal app (sign in, callback, show the claims: `bench/peers/`, peers.md \
         Appendix A) bundled by esbuild {} with peers.md §2's flags (`{}`, plus `--jsx=automatic` for React). \
         Brotli 11 and gzip -9 of each file, summed.\n",
        esbuild_version(),
        ESBUILD_FLAGS[..8].join(" ")
    );
    w!(
        out,
        "| app | what is counted | raw | gzip -9 | brotli 11 | brotli / oidc-client-ts alone |\n\
         |---|---|---:|---:|---:|---:|"
    );
    let mut row = |app: &str, counted: &str, s: Sizes| {
        w!(
            out,
            "| {app} | {counted} | {} | {} | {} | {:.2}× |",
            group(s.raw),
            group(s.gzip),
            group(s.brotli),
            s.brotli as f64 / alone.brotli.max(1) as f64
        );
    };
    row(&format!("{alone_label} (no framework)"), "JS bundle", alone);
    row(
        &format!("{lean_label} (no framework; protocol functions only, no storage, refresh or logout)"),
        "JS bundle",
        lean,
    );
    row(&format!("{react_label} (React bundled)"), "JS bundle", react);
    if let Some((minimal, baseline)) = examples {
        row(
            "Leptos 0.8 + cogfed-leptos: the `minimal` example",
            "wasm + JS + snippets",
            minimal,
        );
        let increment = Sizes {
            raw: minimal.raw.saturating_sub(baseline.raw),
            gzip: minimal.gzip.saturating_sub(baseline.gzip),
            brotli: minimal.brotli.saturating_sub(baseline.brotli),
        };
        row(
            "cogfed-leptos alone: `minimal` − `minimal_baseline` (the same app without it)",
            "difference",
            increment,
        );
        let (keycloak, keycloak_baseline) = keycloak_peer()?;
        let keycloak_increment = Sizes {
            raw: keycloak.raw.saturating_sub(keycloak_baseline.raw),
            gzip: keycloak.gzip.saturating_sub(keycloak_baseline.gzip),
            brotli: keycloak.brotli.saturating_sub(keycloak_baseline.brotli),
        };
        let version = keycloak_version();
        row(
            &format!(
                "Leptos 0.8 + leptos-keycloak-auth {version} inside Router/Routes (`bench/peers/leptos-keycloak-auth`)"
            ),
            "wasm + JS + snippets",
            keycloak,
        );
        row(
            &format!(
                "leptos-keycloak-auth {version} alone: the same app without it (Router/Routes kept) subtracted"
            ),
            "difference",
            keycloak_increment,
        );
        summary.row(
            "The auth client's bytes, brotli: cogfed-leptos increment vs leptos-keycloak-auth's (the Rust peer)",
            kb(increment),
            kb(keycloak_increment),
            smaller(increment, keycloak_increment),
        );
        summary.row(
            "Minimal sign-in app, brotli: Leptos + cogfed-leptos vs React + react-oidc-context + oidc-client-ts",
            kb(minimal),
            kb(react),
            smaller(minimal, react),
        );
        summary.row(
            "The auth client's bytes, brotli: cogfed-leptos increment vs the oidc-client-ts app",
            kb(increment),
            kb(alone),
            smaller(increment, alone),
        );
    }
    row(
        "cogfed demo SPA (`dist/`), initial load",
        "wasm + JS + HTML",
        initial,
    );
    row(
        "cogfed demo SPA (`dist/`), everything",
        "all files: checker, linter worker, examples, CSS",
        whole,
    );
    w!(
        out,
        "\nThe demo SPA does far more than the minimal app (profile with the validation report, token views, \
         sign-out, settings, the config checker); its initial load is what a visitor who signs in downloads. \
         The peers' pages add their HTML (under 0.5 KB), not counted here. The Leptos examples are built by \
         the size section (release profile, wasm-bindgen, wasm-opt -Oz); here every file of theirs is counted, \
         wasm-bindgen's JS snippets included."
    );
    if !with_examples {
        w!(
            out,
            "\n(The Leptos examples rows need the size section in the same run: `cargo xtask bench size peers`.)"
        );
    }
    summary.row(
        "Bundle, brotli: demo SPA initial load vs React + react-oidc-context + oidc-client-ts app",
        kb(initial),
        kb(react),
        smaller(initial, react),
    );
    summary.row(
        "Bundle, brotli: demo SPA initial load vs oidc-client-ts alone app",
        kb(initial),
        kb(alone),
        smaller(initial, alone),
    );
    Ok(())
}

/// `esbuild --version`, or "?" (the build itself reports a missing esbuild).
pub fn esbuild_version() -> String {
    Cmd::new("esbuild")
        .arg("--version")
        .output()
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|_| "?".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_initial_load_is_what_index_html_references() {
        let index = r#"<script type="module">import init from '/cogfed-web.js';
            const wasm = await init({ module_or_path: '/cogfed-web_bg.wasm' });</script>
            <!-- the tools module, cogfed-tools.js, loads later -->
            <link rel="modulepreload" href="/snippets/a/inline0.js"><link rel="stylesheet" href="/style.css">"#;
        let files: Vec<String> = [
            "cogfed-web.js",
            "cogfed-web_bg.wasm",
            "cogfed-tools.js",
            "cogfed-tools_bg.wasm",
            "snippets/a/inline0.js",
            "style.css",
            "index.html",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            referenced_code(index, &files),
            ["cogfed-web.js", "cogfed-web_bg.wasm", "snippets/a/inline0.js"]
        );
    }

    #[test]
    fn files_under_a_directory_skip_dot_entries() {
        let dir = std::env::temp_dir().join(format!("cogfed-bench-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("snippets/x")).unwrap();
        std::fs::create_dir_all(dir.join(".stage")).unwrap();
        std::fs::write(dir.join("a.js"), "a").unwrap();
        std::fs::write(dir.join("snippets/x/inline0.js"), "b").unwrap();
        std::fs::write(dir.join(".stage/junk.js"), "c").unwrap();
        let names: Vec<String> = files_under(&dir).unwrap().into_iter().map(|(r, _)| r).collect();
        assert_eq!(names, ["a.js", "snippets/x/inline0.js"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
