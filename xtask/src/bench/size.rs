//! Bundle sizes: the release SPA grouped by when the browser loads each file, and the bytes cogfed-leptos
//! adds to a minimal Leptos app.
//!
//! 1. The whole SPA (`dist/`), file by file, grouped by when the browser loads it: the initial load
//!    (`index.html` with the demo's settings, the app's JS and wasm, its wasm-bindgen snippets, CSS), the profile module
//!    (the signed-in profile's cards, imported when `/profile` opens while signed in), the tools module (config
//!    checker and settings form, imported when one of those pages opens), the checker's linter worker (started
//!    on first lint), and the example configs. The goal (150 KB brotli, wasm + JS + HTML) is checked
//!    against the initial load.
//! 2. The bytes cogfed-leptos adds to a minimal Leptos app: `cogfed-leptos`'s examples `minimal` and
//!    `minimal_baseline` (the same app without the crate), each built like the SPA (release profile,
//!    wasm-bindgen `--target web`, wasm-opt `-Oz`), wasm + JS (the app's and its `snippets/**/*.js`, which
//!    app.js imports at start-up) compared.

use super::{Sizes, group, signed, sizes};
use crate::proc::{Cmd, build_spa_release, root};
use std::path::{Path, PathBuf};

/// The goal for the initial load: wasm + JS + HTML, brotli 11 (issue 13).
const GOAL_BROTLI: usize = 110_000;

/// The goal for what cogfed-leptos adds to a minimal Leptos app with its default features, brotli 11
/// (issue 13).
pub const INCREMENT_GOAL_BROTLI: usize = 20_000;

/// The SPA bundle table and the initial-load verdict.
pub fn spa(out: &mut String) -> Result<(), String> {
    build_spa_release()?;
    let dist = root().join("dist");
    let mut rows = Vec::new();
    collect(&dist, &dist, &mut rows)?;
    rows.sort_by(|a, b| (a.part, a.kind, &a.name).cmp(&(b.part, b.kind, &b.name)));

    w!(out, "\n## Release bundle (dist/)\n");
    w!(
        out,
        "| loaded | kind | file | raw | gzip -9 | brotli 11 |\n|---|---|---|---:|---:|---:|"
    );
    let mut grand = Sizes::default();
    for part in Part::ALL {
        let of_part: Vec<&Row> = rows.iter().filter(|r| r.part == part).collect();
        if of_part.is_empty() {
            continue;
        }
        let mut total = Sizes::default();
        for r in &of_part {
            let s = r.sizes;
            w!(
                out,
                "| {} | {} | `{}` | {} | {} | {} |",
                part.label(),
                r.kind,
                r.name,
                group(s.raw),
                group(s.gzip),
                group(s.brotli)
            );
            total.add(s);
        }
        w!(
            out,
            "| **{}** | | | **{}** | **{}** | **{}** |",
            part.label(),
            group(total.raw),
            group(total.gzip),
            group(total.brotli)
        );
        grand.add(total);
    }
    w!(
        out,
        "| **everything** | | | **{}** | **{}** | **{}** |",
        group(grand.raw),
        group(grand.gzip),
        group(grand.brotli)
    );

    let mut initial = Sizes::default();
    for r in rows
        .iter()
        .filter(|r| r.part == Part::Initial && matches!(r.kind, "wasm" | "JS" | "HTML"))
    {
        initial.add(r.sizes);
    }
    let verdict = if initial.brotli <= GOAL_BROTLI {
        "within"
    } else {
        "OVER"
    };
    w!(
        out,
        "\nInitial load, wasm + JS + HTML: {} raw, {} gzip, **{} brotli**: {verdict} the goal of {} brotli \
         (by {}).",
        group(initial.raw),
        group(initial.gzip),
        group(initial.brotli),
        group(GOAL_BROTLI),
        group(initial.brotli.abs_diff(GOAL_BROTLI))
    );

    Ok(())
}

/// When the browser loads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Initial,
    Profile,
    Tools,
    Worker,
    Examples,
    Other,
}

impl Part {
    const ALL: [Part; 6] = [
        Part::Initial,
        Part::Profile,
        Part::Tools,
        Part::Worker,
        Part::Examples,
        Part::Other,
    ];

    fn label(self) -> &'static str {
        match self {
            Part::Initial => "initial load",
            Part::Profile => "profile (signed in)",
            Part::Tools => "tools (checker, settings)",
            Part::Worker => "checker worker",
            Part::Examples => "examples",
            Part::Other => "other",
        }
    }

    /// From the file's path in `dist/` (see web/SERVING.md for the layout).
    fn of(name: &str) -> Part {
        let base = name.rsplit('/').next().unwrap_or(name);
        if name.starts_with("examples/") {
            Part::Examples
        } else if base.starts_with("cogfed-checker") {
            Part::Worker
        } else if base.starts_with("cogfed-profile") {
            Part::Profile
        } else if base.starts_with("cogfed-tools") {
            Part::Tools
        } else if matches!(base, "index.html" | "style.css" | "cogfed.json")
            || base.starts_with("cogfed-web")
            || name.starts_with("snippets/")
        {
            // wasm-bindgen's `inline_js` snippets are imported by the app's JS at start-up.
            Part::Initial
        } else {
            Part::Other
        }
    }
}

struct Row {
    part: Part,
    kind: &'static str,
    name: String,
    sizes: Sizes,
}

/// Every file under `dir`, with its path relative to `dist`.
fn collect(dist: &Path, dir: &Path, rows: &mut Vec<Row>) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if name.starts_with('.') {
            continue; // Trunk's staging directory
        }
        if path.is_dir() {
            collect(dist, &path, rows)?;
            continue;
        }
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "JS",
            Some("html") => "HTML",
            Some("css") => "CSS",
            Some("json") if !name.starts_with("examples/") => "JSON",
            _ if name.starts_with("examples/") => "config",
            _ => "other",
        };
        rows.push(Row {
            part: Part::of(&name),
            kind,
            name,
            sizes: sizes(&path)?,
        });
    }
    Ok(())
}

/// `wasm-opt` flags of every build here: the features Trunk's builds enable, for the same output.
pub const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// One build of a `cogfed-leptos` example: where its files are, and their sizes.
pub struct Example {
    /// The wasm (`-Oz`).
    pub wasm: Sizes,
    /// `app.js` and the snippets it imports.
    pub js: Sizes,
    /// The same wasm optimised with `-Oz -g` (names kept), for the attribution table.
    pub named: PathBuf,
}

impl Example {
    /// wasm + JS.
    pub fn total(&self) -> Sizes {
        let mut t = self.wasm;
        t.add(self.js);
        t
    }
}

/// Builds example `app` of cogfed-leptos with `features` like the SPA (release profile, wasm-bindgen
/// `--target web`, wasm-opt `-Oz`) into `target/bench-cogfed-leptos/{name}`.
pub fn build_example(app: &str, features: &[&str], name: &str) -> Result<Example, String> {
    let mut cargo = Cmd::new("cargo").args([
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "cogfed-leptos",
        "--example",
        app,
    ]);
    if !features.is_empty() {
        cargo = cargo.args(["--features", &features.join(",")]);
    }
    cargo.status()?;
    let out_dir = root().join("target/bench-cogfed-leptos");
    let dir = out_dir.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let wasm_in: PathBuf = root().join(format!(
        "target/wasm32-unknown-unknown/release/examples/{app}.wasm"
    ));
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
        .arg(wasm_in.display().to_string())
        .status()?;
    let wasm = dir.join("app_bg.wasm");
    let named_dir = out_dir.join("named");
    std::fs::create_dir_all(&named_dir).map_err(|e| format!("{}: {e}", named_dir.display()))?;
    let named = named_dir.join(format!("{name}.wasm"));
    Cmd::new("wasm-opt")
        .args(["-Oz", "-g"])
        .args(WASM_OPT_FEATURES)
        .arg(wasm.display().to_string())
        .arg("-o")
        .arg(named.display().to_string())
        .status()?;
    Cmd::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_OPT_FEATURES)
        .arg(wasm.display().to_string())
        .arg("-o")
        .arg(wasm.display().to_string())
        .status()?;
    let mut js = sizes(&dir.join("app.js"))?;
    for snippet in snippet_files(&dir.join("snippets"))? {
        js.add(sizes(&snippet)?);
    }
    Ok(Example {
        wasm: sizes(&wasm)?,
        js,
        named,
    })
}

/// cogfed-leptos's opt-in features, each measured on its own over the defaults: `(feature, what it adds)`.
pub const OPT_IN_FEATURES: &[(&str, &str)] = &[
    (
        "discovery",
        "AuthConfig::issuer: any OpenID provider by discovery",
    ),
    (
        "session-storage",
        "the session in the tab's sessionStorage, with the cross-tab lock and rotation ledger",
    ),
    ("access-token", "Cognito access tokens verified too"),
    ("explain", "the error catalogue in words: AuthFailure::summary"),
];

/// Builds `cogfed-leptos`'s `minimal` and `minimal_baseline` examples like the SPA and prints what the crate
/// adds, with each opt-in feature on its own line, and where the increment's bytes go.
pub fn cogfed_leptos_increment(out: &mut String) -> Result<Sizes, String> {
    let baseline = build_example("minimal_baseline", &[], "minimal_baseline")?;
    let minimal = build_example("minimal", &[], "minimal")?;
    let mut with_features = Vec::new();
    for (feature, what) in OPT_IN_FEATURES {
        let name = format!("minimal+{feature}");
        with_features.push((*feature, *what, build_example("minimal", &[feature], &name)?));
    }
    w!(
        out,
        "\n## What cogfed-leptos adds to a minimal Leptos app (wasm + JS)\n"
    );
    w!(
        out,
        "| app | wasm raw | wasm brotli | JS brotli | raw | gzip -9 | brotli 11 | brotli over `minimal_baseline` |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|"
    );
    let base = baseline.total();
    let mut row = |label: &str, e: &Example| {
        let t = e.total();
        w!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {} | {} |",
            group(e.wasm.raw),
            group(e.wasm.brotli),
            group(e.js.brotli),
            group(t.raw),
            group(t.gzip),
            group(t.brotli),
            signed(t.brotli, base.brotli)
        );
    };
    row(
        "`minimal_baseline` (the same app without cogfed-leptos)",
        &baseline,
    );
    row("`minimal` (cogfed-leptos, default features)", &minimal);
    for (feature, what, e) in &with_features {
        row(&format!("`minimal` + feature `{feature}` ({what})"), e);
    }
    let with = minimal.total();
    w!(
        out,
        "| **cogfed-leptos adds (default features)** | | | | **{}** | **{}** | **{}** | |",
        signed(with.raw, base.raw),
        signed(with.gzip, base.gzip),
        signed(with.brotli, base.brotli)
    );
    if !with_features.is_empty() {
        w!(
            out,
            "\nEach opt-in feature costs, over the defaults (brotli, wasm + JS):\n"
        );
        for (feature, what, e) in &with_features {
            w!(
                out,
                "- `{feature}` ({what}): {} B",
                signed(e.total().brotli, with.brotli)
            );
        }
    }
    let rows = super::attribution::compare(
        &super::attribution::breakdown(&minimal.named)?,
        &super::attribution::breakdown(&baseline.named)?,
        256,
    );
    w!(
        out,
        "\n### Where the increment goes\n\nThe functions of `minimal` and `minimal_baseline` (each optimised \
         with `wasm-opt -Oz -g`, which keeps the function names), grouped by crate, by module for cogfed's \
         crates; generic `core`/`alloc`/`std` code instantiated for cogfed types is a group of its own. Raw \
         bytes of function bodies; brotli per group, each group's bodies compressed alone (so the groups' \
         brotli sizes do not add up to the file's). Groups that differ by less than 256 B are summed.\n"
    );
    super::attribution::table(out, &rows, "minimal", "minimal_baseline");
    Ok(Sizes {
        raw: with.raw.saturating_sub(base.raw),
        gzip: with.gzip.saturating_sub(base.gzip),
        brotli: with.brotli.saturating_sub(base.brotli),
    })
}

/// The `*.js` files under `dir` (wasm-bindgen's `snippets/`, absent when the app has none), sorted.
fn snippet_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(files);
    };
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.is_dir() {
            files.extend(snippet_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "js") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_grouped_by_when_they_load() {
        assert_eq!(Part::of("index.html"), Part::Initial);
        assert_eq!(Part::of("cogfed-web_bg.wasm"), Part::Initial);
        assert_eq!(Part::of("cogfed.json"), Part::Initial);
        assert_eq!(Part::of("cogfed-tools.js"), Part::Tools);
        assert_eq!(Part::of("cogfed-profile_bg.wasm"), Part::Profile);
        assert_eq!(Part::of("snippets/cogfed-web-0123/inline0.js"), Part::Initial);
        assert_eq!(Part::of("cogfed-checker_loader.js"), Part::Worker);
        assert_eq!(Part::of("examples/cogfed.toml"), Part::Examples);
        assert_eq!(Part::of("favicon.ico"), Part::Other);
    }

    #[test]
    fn snippets_are_found_at_any_depth() {
        let dir = std::env::temp_dir().join(format!("cogfed-bench-snippets-{}", std::process::id()));
        let nested = dir.join("snippets/cogfed-leptos-0123");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(nested.join("inline0.js"), "export function f() {}").unwrap();
        std::fs::write(nested.join("notes.txt"), "not a script").unwrap();
        let found = snippet_files(&dir.join("snippets")).unwrap();
        assert_eq!(found, vec![nested.join("inline0.js")]);
        assert!(snippet_files(&dir.join("absent")).unwrap().is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn sizes_are_grouped_and_signed() {
        assert_eq!(group(1234567), "1 234 567");
        assert_eq!(group(12), "12");
        assert_eq!(signed(10, 3), "+7");
        assert_eq!(signed(3, 10), "-7");
        let s = super::super::sizes_of(&[b'a'; 1000]);
        assert!(s.raw == 1000 && s.gzip < 100 && s.brotli < 100);
    }
}
