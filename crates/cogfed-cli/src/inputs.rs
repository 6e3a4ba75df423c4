//! Which files `cogfed lint` reads: the paths given, directories walked (issue 12).
//!
//! A directory is walked the way ripgrep walks it (the `ignore` crate, ripgrep's own walker): `.gitignore`,
//! `.ignore` and `.cogfedignore` files are honoured (also outside a git checkout), hidden files and
//! directories are skipped, and only files whose extension one of cogfed's formats uses are considered.
//! `--exclude GLOB` (gitignore syntax) removes paths from walks and from the files named.
//!
//! A file named on the command line is always read. Whether a file is an input is decided by its content in
//! `cogfed_lint::load_all`: files that are not inputs are skipped and counted, never an error. A file that
//! cannot be read at all (too large, not UTF-8, an I/O error) is an `input-error` when it was named, and
//! skipped with that reason when a walk found it (a binary `.json` in a repository is not ours).

use cogfed_lint::{InputError, Loaded, SourceFile, load_all};
use ignore::WalkBuilder;
use ignore::overrides::{Override, OverrideBuilder};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest file read (the library enforces the same limit on text it is given).
pub const MAX_BYTES: u64 = cogfed_lint::parse::MAX_INPUT_BYTES as u64;

/// Extensions of the formats cogfed reads; a directory walk considers only these files.
const CANDIDATE_EXTENSIONS: &[&str] = &["json", "yaml", "yml", "toml", "template", "env", "tf", "tfvars"];

/// The files found, read or not.
#[derive(Debug, Default)]
pub struct Collected {
    /// Files read as text.
    pub files: Vec<SourceFile>,
    /// Named files that could not be read: the file (with what could be decoded), the byte offset of the
    /// problem and the message.
    pub unreadable: Vec<(SourceFile, usize, String)>,
    /// Files a walk found but could not read as text: name and why.
    pub skipped: Vec<(String, String)>,
}

impl Collected {
    /// Loads everything into one model; unreadable files become `input-error`s, walk-level skips are counted
    /// with the files the loader skips.
    pub fn load(self) -> Loaded {
        let mut loaded = load_all(self.files);
        for (file, at, message) in self.unreadable {
            loaded.add_unreadable(file, at, message);
        }
        for (name, reason) in self.skipped {
            loaded.add_skipped(name, reason);
        }
        loaded
    }
}

fn usage(path: &str, message: String) -> InputError {
    InputError {
        file: path.to_string(),
        position: None,
        pointer: None,
        message,
    }
}

/// `infra/./a.yaml` and `./a.yaml` shown as `infra/a.yaml` and `a.yaml`.
fn display(path: &Path) -> String {
    let s = path.display().to_string();
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    s.replace("/./", "/")
}

fn is_candidate(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| CANDIDATE_EXTENSIONS.iter().any(|c| c.eq_ignore_ascii_case(e)))
}

fn overrides(excludes: &[String]) -> Result<Override, Vec<InputError>> {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut builder = OverrideBuilder::new(root);
    let mut errors = Vec::new();
    for glob in excludes {
        if let Err(e) = builder.add(&format!("!{glob}")) {
            errors.push(usage("command line", format!("--exclude `{glob}`: {e}")));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    builder
        .build()
        .map_err(|e| vec![usage("command line", format!("--exclude: {e}"))])
}

/// Collects the files of `paths` (`.` when empty; `-` is standard input).
pub fn collect(paths: &[PathBuf], excludes: &[String]) -> Result<Collected, Vec<InputError>> {
    let excluded = overrides(excludes)?;
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &default[..] } else { paths };
    let mut out = Collected::default();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            match read_stdin() {
                Ok(f) => out.files.push(f),
                Err((f, at, m)) => out.unreadable.push((f, at, m)),
            }
            continue;
        }
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                errors.push(usage(&display(path), format!("cannot read: {e}")));
                continue;
            }
        };
        if meta.is_dir() {
            walk(path, &excluded, &mut out);
        } else if !excluded.matched(path, false).is_ignore() {
            match read_file(path, meta.len()) {
                Ok(f) => out.files.push(f),
                Err((f, at, m)) => out.unreadable.push((f, at, m)),
            }
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

fn walk(root: &Path, excluded: &Override, out: &mut Collected) {
    let walker = WalkBuilder::new(root)
        .require_git(false)
        .add_custom_ignore_filename(".cogfedignore")
        .overrides(excluded.clone())
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // A directory or ignore file that cannot be read: say so rather than lint less silently.
                out.unreadable.push((
                    SourceFile::new(display(root), String::new()),
                    0,
                    format!("cannot read part of this directory: {e}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) || !is_candidate(entry.path()) {
            continue;
        }
        let len = entry.metadata().map(|m| m.len()).unwrap_or(0);
        match read_file(entry.path(), len) {
            Ok(f) => out.files.push(f),
            Err((f, _, message)) => out.skipped.push((f.name, message)),
        }
    }
}

type ReadError = (SourceFile, usize, String);

fn read_stdin() -> Result<SourceFile, ReadError> {
    let mut buf = Vec::new();
    if let Err(e) = std::io::stdin().lock().take(MAX_BYTES + 1).read_to_end(&mut buf) {
        return Err((
            SourceFile::new("<stdin>", String::new()),
            0,
            format!("cannot read standard input: {e}"),
        ));
    }
    decode("<stdin>".to_string(), buf)
}

fn read_file(path: &Path, len: u64) -> Result<SourceFile, ReadError> {
    let name = display(path);
    if len > MAX_BYTES {
        return Err((
            SourceFile::new(name, String::new()),
            0,
            format!("file is {len} bytes; the limit is {MAX_BYTES} bytes (8 MiB)"),
        ));
    }
    let mut buf = Vec::new();
    if let Err(e) = std::fs::File::open(path).and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut buf)) {
        return Err((
            SourceFile::new(name, String::new()),
            0,
            format!("cannot read file: {e}"),
        ));
    }
    decode(name, buf)
}

/// UTF-8 (a BOM is kept; the parsers skip it), or UTF-16 with a byte-order mark (PowerShell's `>` writes AWS
/// CLI output that way); anything else is an error at the first bad byte, with the text up to it.
fn decode(name: String, bytes: Vec<u8>) -> Result<SourceFile, ReadError> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err((
            SourceFile::new(name, String::new()),
            0,
            format!("input is larger than the limit of {MAX_BYTES} bytes (8 MiB)"),
        ));
    }
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(unit) = utf16 {
        let units: Vec<u16> = bytes[2..].chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
        return match String::from_utf16(&units) {
            Ok(text) if bytes.len().is_multiple_of(2) => Ok(SourceFile::new(name, text)),
            _ => Err((
                SourceFile::new(name, String::new()),
                0,
                "not valid UTF-16 text (it starts with a UTF-16 byte-order mark)".to_string(),
            )),
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let at = prefix.len();
            Err((
                SourceFile::new(name, prefix),
                at,
                format!("not UTF-8 text (invalid byte at offset {valid})"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_a_bom_is_decoded_and_bad_utf8_is_located() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("{\"a\": \"é\"}".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("x".into(), le).unwrap().text, "{\"a\": \"é\"}");
        let mut be = vec![0xFE, 0xFF];
        be.extend("ok".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode("x".into(), be).unwrap().text, "ok");
        let (file, at, message) = decode("x".into(), b"ab\n\xe9".to_vec()).unwrap_err();
        assert_eq!((file.text.as_str(), at), ("ab\n", 3));
        assert!(message.contains("not UTF-8"), "{message}");
        assert!(decode("x".into(), vec![0xFF, 0xFE, 0x41]).is_err(), "odd length");
    }

    #[test]
    fn display_names_drop_the_dot_prefix() {
        assert_eq!(display(Path::new("./infra/./a.yaml")), "infra/a.yaml");
        assert_eq!(display(Path::new("a.yaml")), "a.yaml");
        assert!(is_candidate(Path::new("x/template.YAML")));
        assert!(!is_candidate(Path::new("x/main.rs")));
    }
}
