//! `cargo xtask bench`: sizes of the release build, raw, gzip -9 and brotli 11, as markdown tables.
//!
//! 1. The whole SPA (`dist/`), file by file, grouped by when the browser loads it: the initial load
//!    (`index.html`, the app's JS and wasm, CSS, `cogfed.json`), the tools module (config checker and settings
//!    form, imported when one of those pages opens), the checker's linter worker (started on first lint), and
//!    the example configs. The goal (150 KB brotli, wasm + JS + HTML) is checked against the initial
//!    load.
//! 2. The bytes cogfed-leptos adds to a minimal Leptos app: `cogfed-leptos`'s examples `minimal` and
//!    `minimal_baseline` (the same app without the crate), each built like the SPA (release profile,
//!    wasm-bindgen `--target web`, wasm-opt `-Oz`), wasm + JS compared.

use crate::proc::{Cmd, build_spa_release, root};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The goal for the initial load: wasm + JS + HTML, brotli 11.
const GOAL_BROTLI: usize = 150_000;

pub fn run(extra: &[String]) -> Result<(), String> {
    build_spa_release()?;
    let dist = root().join("dist");
    let mut rows = Vec::new();
    collect(&dist, &dist, &mut rows)?;
    rows.sort_by(|a, b| (a.part, a.kind, &a.name).cmp(&(b.part, b.kind, &b.name)));

    println!("\n## Release bundle (dist/)\n");
    println!("| loaded | kind | file | raw | gzip -9 | brotli 11 |\n|---|---|---|---:|---:|---:|");
    let mut grand = Sizes::default();
    for part in Part::ALL {
        let of_part: Vec<&Row> = rows.iter().filter(|r| r.part == part).collect();
        if of_part.is_empty() {
            continue;
        }
        let mut total = Sizes::default();
        for r in &of_part {
            let s = r.sizes;
            println!(
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
        println!(
            "| **{}** | | | **{}** | **{}** | **{}** |",
            part.label(),
            group(total.raw),
            group(total.gzip),
            group(total.brotli)
        );
        grand.add(total);
    }
    println!(
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
    println!(
        "\nInitial load, wasm + JS + HTML: {} raw, {} gzip, **{} brotli**: {verdict} the goal of {} brotli \
         (by {}).",
        group(initial.raw),
        group(initial.gzip),
        group(initial.brotli),
        group(GOAL_BROTLI),
        group(initial.brotli.abs_diff(GOAL_BROTLI))
    );

    if extra.iter().any(|a| a == "--spa-only") {
        return Ok(());
    }
    cogfed_leptos_increment()
}

/// When the browser loads a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Initial,
    Tools,
    Worker,
    Examples,
    Other,
}

impl Part {
    const ALL: [Part; 5] = [
        Part::Initial,
        Part::Tools,
        Part::Worker,
        Part::Examples,
        Part::Other,
    ];

    fn label(self) -> &'static str {
        match self {
            Part::Initial => "initial load",
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

/// Builds `cogfed-leptos`'s `minimal` and `minimal_baseline` examples like the SPA and prints what the crate
/// adds.
fn cogfed_leptos_increment() -> Result<(), String> {
    let out = root().join("target/bench-cogfed-leptos");
    let mut measured = Vec::new();
    for app in ["minimal_baseline", "minimal"] {
        Cmd::new("cargo")
            .args([
                "build",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "-p",
                "cogfed-leptos",
                "--example",
                app,
            ])
            .status()?;
        let dir = out.join(app);
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
        Cmd::new("wasm-opt")
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
            ])
            .args([
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg(wasm.display().to_string())
            .arg("-o")
            .arg(wasm.display().to_string())
            .status()?;
        measured.push((app, sizes(&wasm)?, sizes(&dir.join("app.js"))?));
    }
    println!("\n## What cogfed-leptos adds to a minimal Leptos app (wasm + JS)\n");
    println!(
        "| app | wasm raw | wasm brotli | JS brotli | raw | gzip -9 | brotli 11 |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    let mut totals = Vec::new();
    for (app, wasm, js) in &measured {
        let mut t = *wasm;
        t.add(*js);
        println!(
            "| `{app}` | {} | {} | {} | {} | {} | {} |",
            group(wasm.raw),
            group(wasm.brotli),
            group(js.brotli),
            group(t.raw),
            group(t.gzip),
            group(t.brotli)
        );
        totals.push(t);
    }
    if let [base, with] = totals.as_slice() {
        println!(
            "| **cogfed-leptos adds** | | | | **{}** | **{}** | **{}** |",
            signed(with.raw, base.raw),
            signed(with.gzip, base.gzip),
            signed(with.brotli, base.brotli)
        );
    }
    Ok(())
}

fn signed(a: usize, b: usize) -> String {
    if a >= b {
        format!("+{}", group(a - b))
    } else {
        format!("-{}", group(b - a))
    }
}

#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl Sizes {
    fn add(&mut self, other: Sizes) {
        self.raw += other.raw;
        self.gzip += other.gzip;
        self.brotli += other.brotli;
    }
}

pub fn sizes(path: &Path) -> Result<Sizes, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(sizes_of(&bytes))
}

pub fn sizes_of(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes).expect("writing to memory");
    let gzip = gz.finish().expect("writing to memory").len();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes).expect("writing to memory");
    }
    Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    }
}

/// 123456 -> "123 456", the way the reference tables print sizes.
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
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
        assert_eq!(Part::of("snippets/cogfed-web-0123/inline0.js"), Part::Initial);
        assert_eq!(Part::of("cogfed-checker_loader.js"), Part::Worker);
        assert_eq!(Part::of("examples/cogfed.toml"), Part::Examples);
        assert_eq!(Part::of("favicon.ico"), Part::Other);
    }

    #[test]
    fn sizes_are_grouped_and_signed() {
        assert_eq!(group(1234567), "1 234 567");
        assert_eq!(group(12), "12");
        assert_eq!(signed(10, 3), "+7");
        assert_eq!(signed(3, 10), "-7");
        let s = sizes_of(&[b'a'; 1000]);
        assert!(s.raw == 1000 && s.gzip < 100 && s.brotli < 100);
    }
}
