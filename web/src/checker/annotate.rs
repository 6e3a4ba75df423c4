//! Pure text helpers for the checker page: excerpts with the finding's span marked (rustc-style), textarea
//! offsets, and the small Markdown subset the rule docs use.

use cogfed_checker::protocol::Pos;

/// One line of an excerpt: its 1-based number, text, and the marked character range (0-based, end
/// exclusive) when the finding touches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptLine {
    /// 1-based line number.
    pub number: u32,
    /// The line's text, without its line ending.
    pub text: String,
    /// `(first, end)` in characters; `first == end` marks a point (an empty span).
    pub mark: Option<(usize, usize)>,
}

impl ExcerptLine {
    /// The text before, inside and after the mark (all of it before when unmarked).
    pub fn split(&self) -> (String, String, String) {
        let Some((a, b)) = self.mark else {
            return (self.text.clone(), String::new(), String::new());
        };
        let before: String = self.text.chars().take(a).collect();
        let inside: String = self.text.chars().skip(a).take(b.saturating_sub(a)).collect();
        let after: String = self.text.chars().skip(b.max(a)).collect();
        (before, inside, after)
    }
}

/// The lines of `text` (ending in `\n`, `\r\n` or a lone `\r`, as the linter counts them).
pub fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                let (line, tail) = rest.split_at(i);
                out.push(line);
                rest = tail.strip_prefix("\r\n").or_else(|| tail.get(1..)).unwrap_or("");
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

/// The lines from `start.line - context` to `end.line + context` with the span `[start, end)` marked.
/// Positions past the text are clamped; a span over many lines shows its first and last [`MAX_MARKED`]
/// lines only.
pub fn excerpt(text: &str, start: Pos, end: Pos, context: u32) -> Vec<ExcerptLine> {
    let all = lines(text);
    let last = u32::try_from(all.len()).unwrap_or(u32::MAX).max(1);
    let first_line = start.line.clamp(1, last);
    let end = if end.line < start.line || (end.line == start.line && end.column < start.column) {
        start
    } else {
        end
    };
    let last_line = end.line.clamp(first_line, last);
    let from = first_line.saturating_sub(context).max(1);
    let to = last_line.saturating_add(context).min(last);
    let mut out = Vec::new();
    for number in from..=to {
        if number > first_line + MAX_MARKED && number + MAX_MARKED < last_line {
            continue;
        }
        let text = all.get(number as usize - 1).copied().unwrap_or("");
        let width = text.chars().count();
        let mark = if number < first_line || number > last_line {
            None
        } else {
            let a = if number == first_line {
                (start.column as usize).saturating_sub(1).min(width)
            } else {
                0
            };
            let b = if number == last_line {
                (end.column as usize).saturating_sub(1).min(width)
            } else {
                width
            };
            Some((a, b.max(a)))
        };
        out.push(ExcerptLine {
            number,
            text: text.to_string(),
            mark,
        });
    }
    out
}

/// Most marked lines shown at each end of a long span.
pub const MAX_MARKED: u32 = 3;

/// The UTF-16 offset of `pos` in `text` (for `setSelectionRange`), clamped to the text.
pub fn utf16_offset(text: &str, pos: Pos) -> u32 {
    let mut line = 1u32;
    let mut column = 1u32;
    let mut offset = 0u32;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line > pos.line || (line == pos.line && column >= pos.column) {
            break;
        }
        offset += c.len_utf16() as u32;
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                    offset += 1;
                }
                line += 1;
                column = 1;
            }
            _ if line == pos.line => column += 1,
            _ => {}
        }
    }
    offset
}

/// A block of a rule doc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `# Title`.
    Heading(String),
    /// A paragraph, hard-wrapped lines joined.
    Paragraph(String),
    /// `- item` lines.
    List(Vec<String>),
    /// A fenced code block: language, text.
    Code(String, String),
}

/// Parses the Markdown subset of rule docs: headings, paragraphs, `-` lists, fenced code.
pub fn markdown(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut code: Option<(String, Vec<&str>)> = None;
    let flush = |blocks: &mut Vec<Block>, para: &mut Vec<&str>, list: &mut Vec<String>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(para.join(" ")));
            para.clear();
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in doc.lines() {
        if let Some((lang, body)) = code.as_mut() {
            if line.trim_start().starts_with("```") {
                blocks.push(Block::Code(std::mem::take(lang), body.join("\n")));
                code = None;
            } else {
                body.push(line);
            }
            continue;
        }
        let trimmed = line.trim();
        if let Some(lang) = trimmed.strip_prefix("```") {
            flush(&mut blocks, &mut para, &mut list);
            code = Some((lang.trim().to_string(), Vec::new()));
        } else if let Some(title) = trimmed.strip_prefix("# ") {
            flush(&mut blocks, &mut para, &mut list);
            blocks.push(Block::Heading(title.to_string()));
        } else if let Some(item) = trimmed.strip_prefix("- ").or_else(|| trimmed.strip_prefix("* ")) {
            if !para.is_empty() {
                blocks.push(Block::Paragraph(para.join(" ")));
                para.clear();
            }
            list.push(item.to_string());
        } else if trimmed.is_empty() {
            flush(&mut blocks, &mut para, &mut list);
        } else if !list.is_empty() && line.starts_with(' ') {
            // A wrapped list item.
            if let Some(item) = list.last_mut() {
                item.push(' ');
                item.push_str(trimmed);
            }
        } else {
            if !list.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut list)));
            }
            para.push(trimmed);
        }
    }
    if let Some((lang, body)) = code {
        blocks.push(Block::Code(lang, body.join("\n")));
    }
    flush(&mut blocks, &mut para, &mut list);
    blocks
}

/// Splits inline text into plain and `code` runs (`true` for code).
pub fn inline_code(text: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if !part.is_empty() {
            out.push((i % 2 == 1, part.replace("**", "")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn lines_end_like_the_linter_counts_them() {
        assert_eq!(lines("a\nb\r\nc\rd"), vec!["a", "b", "c", "d"]);
        assert_eq!(lines("a\n"), vec!["a", ""]);
        assert_eq!(lines(""), vec![""]);
    }

    #[test]
    fn an_excerpt_marks_the_span_with_context() {
        let text = "version = 1\n[[clients]]\ncallback_urls = [\"https://app/#cb\"]\nx = 1\ny = 2";
        let ex = excerpt(text, p(3, 18), p(3, 35), 1);
        assert_eq!(ex.iter().map(|l| l.number).collect::<Vec<_>>(), vec![2, 3, 4]);
        assert_eq!(ex[0].mark, None);
        assert_eq!(ex[1].mark, Some((17, 34)));
        let (before, inside, after) = ex[1].split();
        assert_eq!(
            (before.as_str(), inside.as_str(), after.as_str()),
            ("callback_urls = [", "\"https://app/#cb\"", "]")
        );
    }

    #[test]
    fn excerpts_clamp_bad_positions_and_count_characters() {
        let ex = excerpt("é=1", p(9, 9), p(9, 99), 2);
        assert_eq!(ex.len(), 1);
        assert_eq!(ex[0].mark, Some((3, 3)));
        let ex = excerpt("éa=1", p(1, 2), p(1, 3), 0);
        assert_eq!(ex[0].split().1, "a");
        // An end before the start is a point.
        let ex = excerpt("abc", p(1, 3), p(1, 1), 0);
        assert_eq!(ex[0].mark, Some((2, 2)));
    }

    #[test]
    fn long_spans_show_their_ends_only() {
        let text = (1..=40)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let ex = excerpt(&text, p(2, 1), p(39, 2), 0);
        let numbers: Vec<u32> = ex.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![2, 3, 4, 5, 36, 37, 38, 39]);
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_and_crlf() {
        let text = "a😀b\r\ncd";
        assert_eq!(utf16_offset(text, p(1, 1)), 0);
        assert_eq!(utf16_offset(text, p(1, 3)), 3);
        assert_eq!(utf16_offset(text, p(2, 2)), 7);
        assert_eq!(utf16_offset(text, p(9, 1)), 8);
    }

    #[test]
    fn rule_docs_parse_into_blocks() {
        let doc = "# What it checks\nNo `x` has a\nfragment.\n\n- one\n  two\n- three\n\n# Example\n```toml\na = 1\n```\n";
        assert_eq!(
            markdown(doc),
            vec![
                Block::Heading("What it checks".into()),
                Block::Paragraph("No `x` has a fragment.".into()),
                Block::List(vec!["one two".into(), "three".into()]),
                Block::Heading("Example".into()),
                Block::Code("toml".into(), "a = 1".into()),
            ]
        );
        assert_eq!(
            inline_code("a `b` c"),
            vec![(false, "a ".into()), (true, "b".into()), (false, " c".into())]
        );
    }
}
