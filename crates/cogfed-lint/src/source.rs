//! Source files, byte spans and the map from byte offsets to 1-based line/column positions.
//!
//! Every parser in [`crate::parse`] produces spans as byte offsets into the file's text; only the renderers
//! turn them into line and column, so the tree stays cheap to build.

/// An input file: a display name (usually the path the user gave) and its whole text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The name shown in findings, e.g. `infra/template.yaml`.
    pub name: String,
    /// The file's contents.
    pub text: String,
}

impl SourceFile {
    /// Builds a source file from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        SourceFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// The index of a file in a [`Sources`] collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A half-open byte range `[start, end)` in one file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// An empty span at `at`.
    pub fn point(at: usize) -> Self {
        Span { start: at, end: at }
    }
}

/// A 1-based line and column; columns count characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Line starts of one text, for turning byte offsets into [`Position`]s in O(log lines).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and a lone `\r` all end a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        SourceMap { line_starts }
    }

    /// The 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset where 0-based line `index` starts.
    pub fn line_start(&self, index: usize) -> usize {
        self.line_starts.get(index).copied().unwrap_or(0)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The position of byte `offset` in `text` (the text this map was built from). Offsets past the end or
    /// inside a UTF-8 sequence are clamped, never a panic.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = clamp_to_char_boundary(text, offset);
        let index = self.line_index(offset);
        let start = self.line_start(index).min(offset);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        Position {
            line: index + 1,
            column,
        }
    }

    /// The text of the 0-based line `index`, without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, index: usize) -> &'t str {
        let start = self.line_start(index);
        let end = self.line_starts.get(index + 1).copied().unwrap_or(text.len());
        text.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }
}

/// The largest char boundary `<= offset` (and `<= text.len()`).
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All files of one lint run, each with its line index; [`FileId`]s index into it.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    files: Vec<(SourceFile, SourceMap)>,
}

impl Sources {
    /// An empty collection.
    pub fn new() -> Self {
        Sources::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let map = SourceMap::new(&file.text);
        self.files.push((file, map));
        FileId(u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX))
    }

    /// The file with id `id`, if any.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize).map(|(f, _)| f)
    }

    /// The line index of file `id`, if any.
    pub fn map(&self, id: FileId) -> Option<&SourceMap> {
        self.files.get(id.0 as usize).map(|(_, m)| m)
    }

    /// The display name of file `id` (`<unknown>` for a bad id).
    pub fn name(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |f| f.name.as_str())
    }

    /// The line/column of byte `offset` in file `id` (1:1 for a bad id).
    pub fn position(&self, id: FileId, offset: usize) -> Position {
        match self.files.get(id.0 as usize) {
            Some((file, map)) => map.position(&file.text, offset),
            None => Position { line: 1, column: 1 },
        }
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Iterates over `(id, file)`.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, (f, _))| (FileId(i as u32), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_chars() {
        let text = "ab\nçd=x\r\nz";
        let map = SourceMap::new(text);
        assert_eq!(map.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(map.position(text, 3), Position { line: 2, column: 1 });
        // 'ç' is two bytes: 'd' is at byte 5 but column 2.
        assert_eq!(map.position(text, 5), Position { line: 2, column: 2 });
        assert_eq!(map.position(text, 10), Position { line: 3, column: 1 });
        assert_eq!(map.line_text(text, 1), "çd=x");
    }

    #[test]
    fn out_of_range_and_mid_char_offsets_are_clamped() {
        let text = "é";
        let map = SourceMap::new(text);
        assert_eq!(map.position(text, 1), Position { line: 1, column: 1 });
        assert_eq!(map.position(text, 99), Position { line: 1, column: 2 });
    }
}
