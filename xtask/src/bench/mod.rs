//! `cargo xtask bench [section...]`: measurements printed as markdown tables.
//!
//! Sections (all by default): `size` (the release SPA and what cogfed-leptos adds to a minimal Leptos app),
//! `lint` (cogfed against cfn-lint, and the 1,000-client scale run).

use crate::proc::Cmd;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

/// Appends a line to a `String` report (`writeln!` into a String cannot fail). Textually scoped: defined
/// before the submodules that use it.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}
mod lint;
mod size;

const SECTIONS: [&str; 2] = ["size", "lint"];

pub fn run(args: &[String]) -> Result<(), String> {
    if let Some(unknown) = args.iter().find(|a| !SECTIONS.contains(&a.as_str())) {
        return Err(format!(
            "unknown bench section `{unknown}` (sections: {})",
            SECTIONS.join(", ")
        ));
    }
    let want = |s: &str| args.is_empty() || args.iter().any(|a| a == s);
    let mut out = String::new();
    if want("size") {
        size::spa(&mut out)?;
        size::cogfed_leptos_increment(&mut out)?;
    }
    if want("lint") {
        lint::section(&mut out)?;
    }
    println!("\n{out}");
    Ok(())
}

/// Median wall time of `runs` runs; the exit status is ignored (findings make linters exit non-zero).
pub fn median_wall(runs: usize, cmd: impl Fn() -> Cmd) -> Result<Duration, String> {
    let mut times = vec![];
    for _ in 0..runs {
        let c = cmd();
        let t = Instant::now();
        c.run_quiet()?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(times[times.len() / 2])
}

pub fn ms(d: Duration) -> String {
    if d < Duration::from_millis(10) {
        format!("{:.2} ms", d.as_secs_f64() * 1e3)
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1e3)
    }
}

pub fn signed(a: usize, b: usize) -> String {
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
    pub fn add(&mut self, other: Sizes) {
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
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
