//! rustc-style text: message first, `--> file:line:col`, the source line with a caret under the span,
//! then `= help:` and `= note:` (annotate-snippets, the renderer rustc uses).

use crate::de::Loc;
use crate::engine::Report;
use crate::finding::{Finding, Severity};
use crate::source::Sources;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One source line around a location: (line text, 1-based line number, span within the line).
fn line_of<'s>(sources: &'s Sources, loc: &Loc) -> Option<(&'s str, usize, std::ops::Range<usize>)> {
    let file = sources.get(loc.file)?;
    let map = sources.map(loc.file)?;
    let start = crate::source::clamp_to_char_boundary(&file.text, loc.span.start);
    let index = map.line_index(start);
    let line = map.line_text(&file.text, index);
    let line_start = map.line_start(index);
    // A span may start on the line terminator (an empty YAML value before `\r\n`): clamp into the line.
    let from = crate::source::clamp_to_char_boundary(line, start.saturating_sub(line_start));
    let to = loc.span.end.saturating_sub(line_start).clamp(from, line.len());
    let to = crate::source::clamp_to_char_boundary(line, to);
    let to = if to == from {
        (from + line[from..].chars().next().map_or(0, char::len_utf8)).min(line.len())
    } else {
        to
    };
    Some((line, index + 1, from..to))
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn group<'a>(f: &'a Finding, sources: &'a Sources) -> Group<'a> {
    let title = level(f.severity).primary_title(f.message.as_str()).id(f.rule);
    let mut g = Group::with_title(title);
    if let Some((line, number, span)) = line_of(sources, &f.loc) {
        g = g.element(
            Snippet::source(line)
                .line_start(number)
                .path(sources.name(f.loc.file))
                .annotation(AnnotationKind::Primary.span(span)),
        );
    }
    for (loc, label) in &f.related {
        if let Some((line, number, span)) = line_of(sources, loc) {
            g = g.element(
                Snippet::source(line)
                    .line_start(number)
                    .path(sources.name(loc.file))
                    .annotation(AnnotationKind::Context.span(span).label(label.as_str())),
            );
        }
    }
    if let Some(h) = &f.help {
        g = g.element(Level::HELP.message(h.as_str()));
    }
    for n in &f.notes {
        g = g.element(Level::NOTE.message(n.as_str()));
    }
    if !f.loc.pointer.is_empty() {
        g = g.element(Level::NOTE.message(format!("at {}", f.loc.pointer)));
    }
    g
}

/// Renders one finding the way [`render_text`] does, without the summary line: for a tool that reports a few
/// findings among its own output (Local Cognito at start).
pub fn render_finding(f: &Finding, sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group(f, sources)])
}

/// Renders every finding and a summary line. `color` adds ANSI styles.
pub fn render_text(report: &Report, sources: &Sources, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in &report.findings {
        out.push_str(&renderer.render(&[group(f, sources)]));
        out.push_str("\n\n");
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let files = report.files;
    // Files that are not inputs (a package.json in the walked folder): counted, listed by --verbose.
    let skipped = match report.skipped.len() {
        0 => String::new(),
        1 => ", 1 other file skipped".to_string(),
        n => format!(", {n} other files skipped"),
    };
    let plural = |n: usize, s: &str| {
        if n == 1 {
            format!("{n} {s}")
        } else {
            format!("{n} {s}s")
        }
    };
    if files == 0 && report.findings.is_empty() {
        out.push_str(&format!(
            "nothing to lint: {} skipped (not a format cogfed reads)\n",
            plural(report.skipped.len(), "file")
        ));
    } else if report.findings.is_empty() {
        out.push_str(&format!("no findings in {}{skipped}\n", plural(files, "file")));
    } else {
        out.push_str(&format!(
            "{}, {}, {} in {}{skipped}\n",
            plural(e, "error"),
            plural(w, "warning"),
            plural(i, "info"),
            plural(files, "file")
        ));
    }
    out
}

/// The skipped files, one per line (`skipped: infra/package.json: JSON, but not a format cogfed reads`), for
/// `cogfed lint --verbose`.
pub fn render_skipped(report: &Report, sources: &Sources) -> String {
    let mut out = String::new();
    for s in &report.skipped {
        out.push_str(&format!("skipped: {}: {}\n", sources.name(s.file), s.reason));
    }
    if !report.skipped.is_empty() {
        out.push_str(&format!("note: {}\n", crate::import::WHAT_COGFED_READS));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile, Span};

    #[test]
    fn spans_on_line_terminators_and_past_the_end_are_clamped() {
        let mut sources = Sources::new();
        let id = sources.add(SourceFile::new("crlf.yaml", "a: 1\r\nb:\r\n"));
        for (start, end) in [(4, 5), (5, 6), (9, 11), (10, 10), (99, 120)] {
            let loc = Loc::new(id, "", Span::new(start, end));
            let (line, _, span) = line_of(&sources, &loc).expect("a line");
            assert!(
                span.start <= span.end && span.end <= line.len(),
                "{start}..{end}: {span:?} in {line:?}"
            );
        }
        assert!(line_of(&sources, &Loc::new(FileId(7), "", Span::point(0))).is_none());
    }
}
