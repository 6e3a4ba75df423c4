//! `cargo xtask bench`: sizes of the release build, raw, gzip -9 and brotli 11, as a markdown table.

use crate::proc::{build_spa_release, root};
use std::io::Write;
use std::path::Path;

pub fn run(_extra: &[String]) -> Result<(), String> {
    build_spa_release()?;
    let dist = root().join("dist");
    let mut rows = vec![];
    for entry in std::fs::read_dir(&dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("wasm") => "wasm",
            Some("js") => "JS",
            Some("html") => "HTML",
            Some("css") => "CSS",
            _ => continue,
        };
        rows.push((kind, path.file_name().unwrap_or_default().to_string_lossy().into_owned(), sizes(&path)?));
    }
    rows.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    println!("\n## Release bundle (dist/)\n");
    println!("| kind | file | raw | gzip -9 | brotli 11 |\n|---|---|---:|---:|---:|");
    let mut total = Sizes::default();
    for (kind, name, s) in &rows {
        println!("| {kind} | `{name}` | {} | {} | {} |", group(s.raw), group(s.gzip), group(s.brotli));
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
    }
    println!("| **total** | | **{}** | **{}** | **{}** |", group(total.raw), group(total.gzip), group(total.brotli));
    Ok(())
}

#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
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
    Sizes { raw: bytes.len(), gzip, brotli: br.len() }
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
