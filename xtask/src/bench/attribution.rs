//! Where the bytes of an increment go: the functions of two wasm builds (optimised with `wasm-opt -Oz -g`,
//! which keeps the `name` section and its demangled function names) grouped by the crate they belong to (by
//! module for cogfed's own crates), and the difference per group. Twiggy's `diff` does the same per
//! function; this groups the functions the way the size work needs (and needs no extra tool).
//!
//! Names are Rust's demangled paths (`cogfed_auth::jwt::Jwt::parse::h0123…`, `<T as Trait>::f`,
//! `core::ptr::drop_in_place<cogfed_auth::jwt::Claims>`); [`owner`] reads the group from them. Generic code of
//! `core`/`alloc`/`std` instantiated for a cogfed type is its own group: that code exists only because of
//! the cogfed type. The data section (string constants, tables) is one more row. Brotli is given per group,
//! each group's function bodies compressed on their own: it shows how well a group compresses, and the
//! groups' brotli sizes do not add up to the file's.

use super::{group, sizes_of};
use std::collections::BTreeMap;
use std::path::Path;

/// The code of one wasm file by group: raw bytes of the function bodies of each group, concatenated.
#[derive(Debug, Default)]
pub struct Breakdown {
    /// Group name -> the bodies of its functions, in file order.
    pub groups: BTreeMap<String, Vec<u8>>,
    /// The data section's bytes (data segments).
    pub data: Vec<u8>,
}

/// Reads `path` (a wasm file with a `name` section) into a [`Breakdown`].
pub fn breakdown(path: &Path) -> Result<Breakdown, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    breakdown_of(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// [`breakdown`] of wasm bytes.
pub fn breakdown_of(bytes: &[u8]) -> Result<Breakdown, String> {
    use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};
    let mut imported_functions = 0u32;
    let mut bodies: Vec<std::ops::Range<usize>> = Vec::new();
    let mut names: BTreeMap<u32, String> = BTreeMap::new();
    let mut data = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        imported_functions += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                bodies.push(range.start as usize..range.end as usize);
            }
            Payload::DataSection(reader) => {
                let range = reader.range();
                data = bytes
                    .get(range.start as usize..range.end as usize)
                    .unwrap_or_default()
                    .to_vec();
            }
            Payload::CustomSection(reader) => {
                if let KnownCustom::Name(names_reader) = reader.as_known() {
                    for name in names_reader {
                        if let Name::Function(map) = name.map_err(|e| e.to_string())? {
                            for naming in map {
                                let naming = naming.map_err(|e| e.to_string())?;
                                names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err("no function names (build with `wasm-opt -g` to keep the name section)".into());
    }
    let mut out = Breakdown {
        data,
        ..Breakdown::default()
    };
    for (i, range) in bodies.into_iter().enumerate() {
        let index = imported_functions + i as u32;
        let group = names
            .get(&index)
            .map_or_else(|| "(unnamed)".to_string(), |n| owner(n));
        out.groups
            .entry(group)
            .or_default()
            .extend_from_slice(bytes.get(range).unwrap_or_default());
    }
    Ok(out)
}

/// The group of a function, from its demangled name: the crate, or `crate::module` for cogfed's crates.
pub fn owner(name: &str) -> String {
    let name = strip_hashes(name);
    if name.contains("externref shim") || name.starts_with("__wbindgen") || name.starts_with("__externref") {
        return "wasm-bindgen glue".into();
    }
    // `<Subject as Trait>::f` or `<Subject>::f`: the subject decides, unless it is a bare generic parameter
    // (`<T as alloc::string::ToString>`), where the trait does.
    let trim = |s: &str| {
        s.trim_start_matches(['&', '*', '(', '['])
            .trim_start_matches("mut ")
            .trim_start_matches("const ")
            .trim_start_matches("dyn ")
            .to_string()
    };
    let subject = match name.strip_prefix('<') {
        Some(inner) => {
            let (subject, rest) = split_at_depth0(inner, " as ").unwrap_or((inner, ""));
            let subject = trim(subject.trim_end_matches('>'));
            if is_generic_parameter(&subject) && !rest.is_empty() {
                trim(rest)
            } else {
                subject
            }
        }
        None => trim(&name),
    };
    let mut segments = subject.split("::");
    let krate = segments
        .next()
        .unwrap_or("")
        .split(['<', '>', ' ', ',', ';', ']', ')'])
        .next()
        .unwrap_or("");
    if krate.starts_with("cogfed_") {
        let module = segments
            .next()
            .unwrap_or("")
            .split(['<', '{', ' ', '>'])
            .next()
            .unwrap_or("");
        return if module.is_empty() || module.chars().next().is_some_and(char::is_uppercase) {
            krate.to_string()
        } else {
            format!("{krate}::{module}")
        };
    }
    if matches!(krate, "core" | "alloc" | "std") {
        return if name.contains("cogfed_") {
            format!("{krate} (generic code for cogfed types)")
        } else {
            krate.to_string()
        };
    }
    if is_primitive(krate) {
        return "core (primitive types)".into();
    }
    if krate.is_empty() || krate.starts_with('?') {
        return "(unnamed)".into();
    }
    krate.to_string()
}

/// Removes rustc's `::h0123456789abcdef` suffixes and `[0123456789abcdef]` crate disambiguators.
fn strip_hashes(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("::h")
            && after.len() >= 16
            && after.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && !after.as_bytes().get(16).is_some_and(u8::is_ascii_alphanumeric)
        {
            rest = &after[16..];
            continue;
        }
        if let Some(after) = rest.strip_prefix('[')
            && after.len() >= 17
            && after.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && after.as_bytes()[16] == b']'
        {
            rest = &after[17..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `text` split at the first `separator` outside angle brackets.
fn split_at_depth0<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            _ if depth == 0 && text[i..].starts_with(separator) => {
                return Some((&text[..i], &text[i + separator.len()..]));
            }
            _ => {}
        }
    }
    None
}

fn is_generic_parameter(subject: &str) -> bool {
    !subject.is_empty()
        && subject.len() <= 2
        && subject.chars().next().is_some_and(|c| c.is_ascii_uppercase())
}

fn is_primitive(krate: &str) -> bool {
    matches!(
        krate,
        "u8" | "u16"
            | "u32"
            | "u64"
            | "u128"
            | "usize"
            | "i8"
            | "i16"
            | "i32"
            | "i64"
            | "i128"
            | "isize"
            | "f32"
            | "f64"
            | "bool"
            | "char"
            | "str"
    ) || krate.starts_with("__")
}

/// One row of the attribution table.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub group: String,
    pub with: usize,
    pub without: usize,
    pub brotli_with: usize,
    pub brotli_without: usize,
}

impl Row {
    pub fn raw_diff(&self) -> i64 {
        self.with as i64 - self.without as i64
    }
    pub fn brotli_diff(&self) -> i64 {
        self.brotli_with as i64 - self.brotli_without as i64
    }
}

/// The groups of `with` against `without`, largest increment first; groups whose raw difference is below
/// `min_bytes` are summed into one "everything else" row.
pub fn compare(with: &Breakdown, without: &Breakdown, min_bytes: usize) -> Vec<Row> {
    let mut keys: Vec<&String> = with.groups.keys().chain(without.groups.keys()).collect();
    keys.sort();
    keys.dedup();
    let measure = |b: &Breakdown, k: &str| {
        b.groups
            .get(k)
            .map_or((0, 0), |bytes| (bytes.len(), sizes_of(bytes).brotli))
    };
    let mut rows: Vec<Row> = Vec::new();
    let mut rest = Row {
        group: "everything else (groups under the threshold)".into(),
        with: 0,
        without: 0,
        brotli_with: 0,
        brotli_without: 0,
    };
    for key in keys {
        let (w, bw) = measure(with, key);
        let (wo, bwo) = measure(without, key);
        if w == wo {
            continue;
        }
        let row = Row {
            group: key.clone(),
            with: w,
            without: wo,
            brotli_with: bw,
            brotli_without: bwo,
        };
        if row.raw_diff().unsigned_abs() as usize >= min_bytes {
            rows.push(row);
        } else {
            rest.with += w;
            rest.without += wo;
            rest.brotli_with += bw;
            rest.brotli_without += bwo;
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.raw_diff()));
    if rest.with != rest.without {
        rows.push(rest);
    }
    let data = |b: &Breakdown| (b.data.len(), sizes_of(&b.data).brotli);
    let ((dw, bdw), (dwo, bdwo)) = (data(with), data(without));
    rows.push(Row {
        group: "data section (strings, tables)".into(),
        with: dw,
        without: dwo,
        brotli_with: bdw,
        brotli_without: bdwo,
    });
    rows
}

fn signed(n: i64) -> String {
    if n >= 0 {
        format!("+{}", group(n as usize))
    } else {
        format!("-{}", group(n.unsigned_abs() as usize))
    }
}

/// The markdown table of [`compare`]'s rows.
pub fn table(out: &mut String, rows: &[Row], with: &str, without: &str) {
    w!(
        out,
        "| group (crate, or cogfed crate::module) | `{with}` raw | `{without}` raw | increment raw | increment brotli (group alone) |\n|---|---:|---:|---:|---:|"
    );
    let (mut raw, mut br) = (0i64, 0i64);
    for r in rows {
        raw += r.raw_diff();
        br += r.brotli_diff();
        w!(
            out,
            "| {} | {} | {} | {} | {} |",
            r.group,
            group(r.with),
            group(r.without),
            signed(r.raw_diff()),
            signed(r.brotli_diff())
        );
    }
    w!(
        out,
        "| **total** | | | **{}** | ({} summed) |",
        signed(raw),
        signed(br)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn functions_are_grouped_by_crate_and_cogfed_module() {
        let cases = [
            (
                "cogfed_auth::jwt::Jwt::parse::hf6366aec6491a776",
                "cogfed_auth::jwt",
            ),
            (
                "cogfed_leptos::runtime::Runtime::start::{{closure}}::h0dbed8b8ad29aae8",
                "cogfed_leptos::runtime",
            ),
            (
                "<cogfed_auth::flow::FlowError as core::fmt::Display>::fmt::h1095b00358efab9a",
                "cogfed_auth::flow",
            ),
            (
                "<cogfed_auth::jwt::Claims as core::clone::Clone>::clone::h813d00a2aa75086c",
                "cogfed_auth::jwt",
            ),
            (
                "core::ptr::drop_in_place<cogfed_auth::jwt::Claims>::h0123456789abcdef",
                "core (generic code for cogfed types)",
            ),
            ("<core[c5930c85a12de822]::fmt::Formatter>::pad", "core"),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc<dlmalloc[e24a27700634d609]::sys::System>>::malloc",
                "dlmalloc",
            ),
            (
                "<D as digest::digest::Digest>::digest::hd8d2609e41112c78",
                "digest",
            ),
            (
                "<T as alloc::string::ToString>::to_string::h0123456789abcdef",
                "alloc",
            ),
            ("core::str::<impl str>::contains::h8107597c9bf55e46", "core"),
            (
                "<u32 as core::fmt::Display>::fmt::h0123456789abcdef",
                "core (primitive types)",
            ),
            ("sha2::sha256::compress256::hcfecf9df69624d24", "sha2"),
            ("<&T as core::fmt::Display>::fmt::h0123456789abcdef", "core"),
            ("minimal::main::h724f7017a157af0b", "minimal"),
            ("Ref(String) -> Externref externref shim", "wasm-bindgen glue"),
            ("cogfed_leptos::Auth::start::h0123456789abcdef", "cogfed_leptos"),
        ];
        for (name, want) in cases {
            assert_eq!(owner(name), want, "{name}");
        }
    }

    #[test]
    fn rows_put_the_largest_increment_first_and_sum_the_small_ones() {
        let mut with = Breakdown::default();
        let mut without = Breakdown::default();
        with.groups.insert("a".into(), vec![1; 1000]);
        with.groups.insert("b".into(), vec![2; 3000]);
        with.groups.insert("tiny".into(), vec![3; 10]);
        with.groups.insert("same".into(), vec![4; 50]);
        without.groups.insert("same".into(), vec![4; 50]);
        without.groups.insert("gone".into(), vec![5; 600]);
        let rows = compare(&with, &without, 100);
        let names: Vec<&str> = rows.iter().map(|r| r.group.as_str()).collect();
        assert_eq!(
            names,
            [
                "b",
                "a",
                "gone",
                "everything else (groups under the threshold)",
                "data section (strings, tables)"
            ]
        );
        assert_eq!(rows[2].raw_diff(), -600);
        assert_eq!(rows[3].raw_diff(), 10);
    }

    #[test]
    fn a_wasm_file_without_names_is_refused() {
        // The smallest module: magic and version, no sections.
        let empty = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
        assert!(breakdown_of(&empty).unwrap_err().contains("wasm-opt -g"));
        assert!(breakdown_of(b"not wasm").is_err());
    }
}
