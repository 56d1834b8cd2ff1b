//! Diagnostics shared by every stage: one [`Diagnostic`] type with its code chosen at run
//! time (`lex::parse::<id>`, `lex::schema::<id>`, ...), and [`Diagnostics`], the bundle a
//! stage returns (every problem, never just the first).
//!
//! Rendering is left to the caller: the CLI turns on `miette/fancy`; this crate does not.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, Severity, SourceCode, SourceSpan};

/// One finding: a code, a message, labelled spans in one source file, and a help line.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    code: String,
    severity: Severity,
    message: String,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    pointer: Option<String>,
    source: Option<NamedSource<Arc<str>>>,
}

impl Diagnostic {
    /// An error with `code` (e.g. `"lex::parse::duplicate-key"`) and a lower-case message.
    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.into(),
            severity: Severity::Error,
            message: message.into(),
            labels: Vec::new(),
            help: None,
            pointer: None,
            source: None,
        }
    }

    /// A warning with `code` and a lower-case message.
    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// Adds the primary label (a short noun phrase) at `span`.
    pub fn label(mut self, span: SourceSpan, text: impl Into<String>) -> Self {
        self.labels
            .push(LabeledSpan::new_primary_with_span(Some(text.into()), span));
        self
    }

    /// Adds a secondary label at `span`.
    pub fn secondary(mut self, span: SourceSpan, text: impl Into<String>) -> Self {
        self.labels
            .push(LabeledSpan::new_with_span(Some(text.into()), span));
        self
    }

    /// Sets the help line (what to do about it).
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    /// Records the JSON pointer of the offending value.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    /// Attaches the source text the labels point into.
    pub fn source(mut self, source: NamedSource<Arc<str>>) -> Self {
        self.source = Some(source);
        self
    }

    /// Files this finding under another code and severity (lint reports parse and schema
    /// findings under its own rule ids).
    pub fn recode(mut self, code: impl Into<String>, severity: Severity) -> Self {
        self.code = code.into();
        self.severity = severity;
        self
    }

    /// The code, e.g. `lex::schema::invalid-nsid`.
    pub fn code_str(&self) -> &str {
        &self.code
    }

    /// The kebab-case id: the last segment of the code.
    pub fn id(&self) -> &str {
        self.code.rsplit("::").next().unwrap_or(&self.code)
    }

    /// The message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Error or warning (or advice).
    pub fn severity_level(&self) -> Severity {
        self.severity
    }

    /// Whether this diagnostic is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The JSON pointer of the offending value, when known.
    pub fn json_pointer(&self) -> Option<&str> {
        self.pointer.as_deref()
    }

    /// The name of the source file, when the diagnostic has one.
    pub fn source_name(&self) -> Option<&str> {
        self.source.as_ref().map(|s| s.name())
    }

    /// The primary span, when there is one.
    pub fn primary_span(&self) -> Option<SourceSpan> {
        self.labels
            .iter()
            .find(|l| l.primary())
            .or(self.labels.first())
            .map(|l| *l.inner())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

/// Every diagnostic of a stage, in source order; itself a miette diagnostic whose
/// `related()` are the findings.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No findings.
    pub fn new() -> Self {
        Diagnostics::default()
    }

    /// Adds one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds every finding of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of findings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// The findings, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The findings as a vector.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }

    /// Sorts by file name, then source position (stable, so findings at one place keep
    /// their order); findings without a file come first.
    pub fn sort_by_file_and_position(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.source_name().map(str::to_owned),
                    d.primary_span().map_or(0, |s| s.offset()),
                )
            };
            key(a).cmp(&key(b))
        });
    }

    /// Sorts by source position (stable, so findings at one place keep their order).
    pub fn sort_by_position(&mut self) {
        self.items
            .sort_by_key(|d| d.primary_span().map_or(0, |s| s.offset()));
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.error_count();
        let warnings = self.items.len() - errors;
        write!(f, "{errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Diagnostics {}

impl miette::Diagnostic for Diagnostics {
    fn severity(&self) -> Option<Severity> {
        Some(if self.has_errors() {
            Severity::Error
        } else {
            Severity::Warning
        })
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        Some(Box::new(
            self.items.iter().map(|d| d as &dyn miette::Diagnostic),
        ))
    }
}

/// Where each line of a text starts, so a byte offset becomes a line and column by binary
/// search instead of a scan from the top of the file (miette's `read_span` scans, which
/// made every report on one file cost the whole file: quadratic in findings).
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, and columns count bytes, as miette counts
/// them, so positions match what miette would print.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Offset of the first byte of every line; the first is 0.
    starts: Vec<usize>,
    /// Offset where every line's text ends (before its line break).
    ends: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut ends = Vec::new();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b == b'\n' || b == b'\r' {
                ends.push(i);
                if b == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                starts.push(i + 1);
            }
            i += 1;
        }
        ends.push(bytes.len());
        LineIndex {
            starts,
            ends,
            len: bytes.len(),
        }
    }

    /// The 0-based line holding byte `offset` (the last line for the end of the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The 0-based line and byte column of `offset`, or `None` past the end of the text.
    pub fn locate(&self, offset: usize) -> Option<(usize, usize)> {
        if offset > self.len {
            return None;
        }
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        Some((line, offset.saturating_sub(start)))
    }

    /// The byte range of line `line`'s text, without its line break.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line).copied().unwrap_or(self.len);
        let end = self.ends.get(line).copied().unwrap_or(self.len);
        start..end.max(start)
    }

    /// The number of lines (at least 1).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// Line indexes of the sources a batch of diagnostics points into, built once per source
/// (diagnostics of one file share its `Arc`).
#[derive(Debug, Default)]
pub struct Locator {
    indexes: std::collections::HashMap<usize, (Arc<str>, LineIndex)>,
}

impl Locator {
    /// No sources indexed yet.
    pub fn new() -> Locator {
        Locator::default()
    }

    /// The line index of `d`'s source, if it has one.
    pub fn index(&mut self, d: &Diagnostic) -> Option<(&Arc<str>, &LineIndex)> {
        let source = d.source.as_ref()?.inner();
        // The address identifies the shared text; the map keeps the `Arc` alive so the
        // address cannot be reused by another text while it is a key.
        let key = Arc::as_ptr(source).cast::<u8>() as usize;
        let (text, index) = self
            .indexes
            .entry(key)
            .or_insert_with(|| (source.clone(), LineIndex::new(source)));
        Some((&*text, &*index))
    }

    /// The 0-based line and byte column of `d`'s primary span, as miette would give them.
    pub fn position(&mut self, d: &Diagnostic) -> Option<(usize, usize)> {
        let span = d.primary_span()?;
        let (text, index) = self.index(d)?;
        if span.offset().saturating_add(span.len()) > text.len() + 1 {
            return None;
        }
        index.locate(span.offset())
    }

    /// `d` re-pointed at a short [`Excerpt`] of its source, for rendering.
    pub fn excerpt<'d>(&mut self, d: &'d Diagnostic) -> Excerpted<'d> {
        let name = d.source_name().unwrap_or_default().to_owned();
        let Some((text, index)) = self.index(d) else {
            return Excerpted {
                diagnostic: d,
                source: None,
                labels: d.labels.clone(),
            };
        };
        let (source, labels) = Excerpt::build(name, text, index, &d.labels);
        Excerpted {
            diagnostic: d,
            source: Some(source),
            labels,
        }
    }
}

/// Lines longer than this are cut to a window around the labels on them.
pub const MAX_SHOWN_LINE: usize = 400;
/// How far before a label's start a cut line begins.
const WINDOW_LEAD: usize = 100;
/// A label spanning more lines than this is shown on its first line only.
const MAX_LABEL_LINES: usize = 12;
/// Marks where a long line was cut.
const ELLIPSIS: &str = "…";

/// One shown line of an excerpt.
#[derive(Debug, Clone)]
struct ShownLine {
    /// Offset of the line in the excerpt text.
    at: usize,
    /// Bytes of the ellipsis before the original text (0 or `ELLIPSIS.len()`).
    prefix: usize,
    /// Length of the original text shown.
    len: usize,
    /// The 0-based line in the original source.
    line: usize,
    /// The byte column in the original line where the shown text starts.
    from: usize,
    /// Lines of one group are consecutive in the source and rendered as one snippet.
    group: usize,
}

/// A short stand-in for a source: the lines a diagnostic's labels touch (with one line of
/// context), long lines cut to a window with `…` marks, reporting the original line and
/// column numbers to miette. Rendering from it costs the size of the excerpt, not of the
/// file, and never prints a megabyte-long minified line.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ShownLine>,
}

impl Excerpt {
    fn build(
        name: String,
        text: &str,
        index: &LineIndex,
        labels: &[LabeledSpan],
    ) -> (Excerpt, Vec<LabeledSpan>) {
        let long = |line: usize| index.line_range(line).len() > MAX_SHOWN_LINE;
        let last_line = index.line_count().saturating_sub(1);
        // Each label as (start, end) offsets, a multi-line label clipped to its first line
        // when it is long or crosses a long line.
        let mut spans: Vec<(usize, usize, &LabeledSpan)> = labels
            .iter()
            .map(|l| {
                let start = l.offset().min(text.len());
                let end = start.saturating_add(l.len()).min(text.len());
                let (first, last) = (index.line_of(start), index.line_of(end));
                let clip =
                    last > first && (last - first > MAX_LABEL_LINES || (first..=last).any(long));
                let end = if clip {
                    index.line_range(first).end.max(start)
                } else {
                    end
                };
                (start, end, l)
            })
            .collect();
        spans.sort_by_key(|s| s.0);
        // Groups of source lines: a label on a long line gets a group of its own (that
        // line, windowed around the label); other labels share a group with labels whose
        // lines (plus context) touch theirs.
        struct Group {
            first: usize,
            last: usize,
            window: Option<(usize, usize)>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut group_of = Vec::with_capacity(spans.len());
        for &(start, end, _) in &spans {
            let line = index.line_of(start);
            if long(line) {
                let range = index.line_range(line);
                let col = start - range.start;
                let from = floor_char(text, range.start + col.saturating_sub(WINDOW_LEAD));
                let to = floor_char(text, (from + MAX_SHOWN_LINE).min(range.end));
                groups.push(Group {
                    first: line,
                    last: line,
                    window: Some((from - range.start, to - range.start)),
                });
            } else {
                let first = line.saturating_sub(1);
                let last = (index.line_of(end) + 1).min(last_line);
                match groups.last_mut() {
                    Some(g) if g.window.is_none() && first <= g.last + 1 => {
                        g.last = g.last.max(last);
                    }
                    _ => groups.push(Group {
                        first,
                        last,
                        window: None,
                    }),
                }
            }
            group_of.push(groups.len() - 1);
        }
        let mut out = String::new();
        let mut lines = Vec::new();
        for (gi, g) in groups.iter().enumerate() {
            for line in g.first..=g.last {
                let range = index.line_range(line);
                let (from, to) = match g.window {
                    Some(w) => w,
                    None if long(line) => (
                        0,
                        floor_char(text, range.start + MAX_SHOWN_LINE) - range.start,
                    ),
                    None => (0, range.len()),
                };
                let shown = text.get(range.start + from..range.start + to).unwrap_or("");
                let at = out.len();
                let prefix = if from > 0 { ELLIPSIS.len() } else { 0 };
                if from > 0 {
                    out.push_str(ELLIPSIS);
                }
                out.push_str(shown);
                if range.start + to < range.end {
                    out.push_str(ELLIPSIS);
                }
                out.push('\n');
                lines.push(ShownLine {
                    at,
                    prefix,
                    len: shown.len(),
                    line,
                    from,
                    group: gi,
                });
            }
        }
        let excerpt = Excerpt {
            name,
            text: out,
            lines,
        };
        let mapped = spans
            .iter()
            .zip(group_of)
            .map(|(&(start, end, l), g)| {
                let s = excerpt.map_offset(index, g, start);
                let e = excerpt.map_offset(index, g, end).max(s);
                let span = SourceSpan::from((s, e - s));
                if l.primary() {
                    LabeledSpan::new_primary_with_span(l.label().map(str::to_owned), span)
                } else {
                    LabeledSpan::new_with_span(l.label().map(str::to_owned), span)
                }
            })
            .collect();
        (excerpt, mapped)
    }

    /// Where original `offset` lies in the excerpt (clamped into its shown line) when
    /// shown in group `group`.
    fn map_offset(&self, index: &LineIndex, group: usize, offset: usize) -> usize {
        let line = index.line_of(offset);
        let col = offset - index.line_range(line).start.min(offset);
        let shown = self
            .lines
            .iter()
            .find(|s| s.group == group && s.line == line)
            .or_else(|| self.lines.iter().rev().find(|s| s.group == group));
        match shown {
            Some(s) => s.at + s.prefix + col.clamp(s.from, s.from + s.len) - s.from,
            None => 0,
        }
    }

    /// The excerpt text (what miette renders).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The index of the shown line holding excerpt offset `offset`.
    fn shown_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|s| s.at <= offset)
            .saturating_sub(1)
    }
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let out_of_bounds = miette::MietteError::OutOfBounds;
        if span.offset() + span.len() > self.text.len() {
            return Err(out_of_bounds);
        }
        let first = self.shown_of(span.offset());
        // A zero-length span at a line start would otherwise fall on the line before.
        let last = self
            .shown_of((span.offset() + span.len()).saturating_sub(1))
            .max(first);
        let (Some(a), Some(b)) = (self.lines.get(first), self.lines.get(last)) else {
            return Err(out_of_bounds);
        };
        if a.group != b.group {
            return Err(out_of_bounds);
        }
        let group = a.group;
        let mut from = first;
        while from > 0
            && first - from < context_lines_before
            && self.lines.get(from - 1).is_some_and(|s| s.group == group)
        {
            from -= 1;
        }
        let mut to = last;
        while to - last < context_lines_after
            && self.lines.get(to + 1).is_some_and(|s| s.group == group)
        {
            to += 1;
        }
        let start = if context_lines_before == 0 {
            span.offset()
        } else {
            self.lines.get(from).map_or(0, |s| s.at)
        };
        let end = self.lines.get(to + 1).map_or(self.text.len(), |s| s.at);
        let data = self.text.as_bytes().get(start..end).unwrap_or_default();
        let shown = self.lines.get(from).unwrap_or(a);
        let column = if context_lines_before == 0 {
            let in_line = span.offset().saturating_sub(a.at + a.prefix).min(a.len);
            a.from + in_line
        } else {
            0
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::from((start, end.saturating_sub(start))),
            shown.line,
            column,
            to - from + 1,
        )))
    }
}

/// A diagnostic whose source is an [`Excerpt`]: what the CLI renders.
pub struct Excerpted<'d> {
    diagnostic: &'d Diagnostic,
    source: Option<Excerpt>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for Excerpted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Excerpted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.diagnostic, f)
    }
}

impl std::error::Error for Excerpted<'_> {}

impl miette::Diagnostic for Excerpted<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::code(self.diagnostic)
    }

    fn severity(&self) -> Option<Severity> {
        miette::Diagnostic::severity(self.diagnostic)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        miette::Diagnostic::help(self.diagnostic)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() || self.source.is_none() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &NamedSource<Arc<str>>, offset: usize) -> Diagnostic {
        Diagnostic::error("lex::test::x", "x")
            .label(SourceSpan::from((offset, 1)), "here")
            .source(source.clone())
    }

    #[test]
    fn positions_match_miette_on_every_offset() {
        let text = "{\n  \"a\": 1,\r\n  \"é\": [\r\r\n\"x\"],\n\n}";
        let source = NamedSource::new("t.json", Arc::<str>::from(text));
        let mut locator = Locator::new();
        for offset in 0..text.len() {
            if !text.is_char_boundary(offset) || matches!(text.as_bytes()[offset], b'\r' | b'\n') {
                continue;
            }
            let d = at(&source, offset);
            let expected = source
                .read_span(&SourceSpan::from((offset, 1)), 0, 0)
                .ok()
                .map(|c| (c.line(), c.column()));
            assert_eq!(locator.position(&d), expected, "offset {offset}");
        }
        // One index for the one source, however many diagnostics point into it.
        assert_eq!(locator.indexes.len(), 1);
    }

    #[test]
    fn long_lines_are_cut_to_a_window_with_true_positions() {
        let text = format!("{{\"k\":\"{}\",\"bad\":1}}", "x".repeat(200_000));
        let offset = text.find("\"bad\"").unwrap_or(0);
        let source = NamedSource::new("min.json", Arc::<str>::from(text.as_str()));
        let d = at(&source, offset);
        let mut locator = Locator::new();
        let excerpted = locator.excerpt(&d);
        let excerpt = excerpted.source.as_ref().map(Excerpt::text).unwrap_or("");
        assert!(
            excerpt.len() <= MAX_SHOWN_LINE + 2 * ELLIPSIS.len() + 1,
            "{excerpt}"
        );
        assert!(excerpt.starts_with(ELLIPSIS) && excerpt.contains("\"bad\""));
        let label = excerpted.labels.first().map(|l| *l.inner());
        let label = label.unwrap_or_else(|| SourceSpan::from((0, 0)));
        assert_eq!(excerpt.get(label.offset()..label.offset() + 1), Some("\""));
        let header = excerpted
            .source
            .as_ref()
            .and_then(|s| s.read_span(&label, 0, 0).ok())
            .map(|c| (c.line(), c.column()));
        assert_eq!(header, Some((0, offset)));
    }

    #[test]
    fn a_label_over_many_lines_shows_its_first_line() {
        let text = format!("{{\n{}\"end\": 1\n}}", "\"a\": 1,\n".repeat(10_000));
        let source = NamedSource::new("tall.json", Arc::<str>::from(text.as_str()));
        let d = Diagnostic::error("lex::test::x", "x")
            .label(SourceSpan::from((0, text.len())), "whole file")
            .source(source);
        let mut locator = Locator::new();
        let excerpted = locator.excerpt(&d);
        let excerpt = excerpted.source.as_ref().map(Excerpt::text).unwrap_or("");
        assert!(excerpt.lines().count() <= 3, "{excerpt}");
    }

    #[test]
    fn empty_labels_at_line_starts_and_the_end_render() {
        let text = "{\n  \"a\": 1\n}\n";
        let source = NamedSource::new("e.json", Arc::<str>::from(text));
        let mut locator = Locator::new();
        for offset in [0, 2, text.len() - 2, text.len()] {
            let d = Diagnostic::error("lex::test::x", "x")
                .label(SourceSpan::from((offset, 0)), "here")
                .source(source.clone());
            let excerpted = locator.excerpt(&d);
            let label = excerpted.labels.first().map(|l| *l.inner());
            let label = label.unwrap_or_else(|| SourceSpan::from((0, 0)));
            let read = excerpted
                .source
                .as_ref()
                .map(|s| s.read_span(&label, 1, 1).is_ok());
            assert_eq!(read, Some(true), "offset {offset}");
        }
    }

    #[test]
    fn every_span_renders_in_bounded_size() {
        let long = format!("{{\"é\":\"{}\"}}", "ü".repeat(40_000));
        let texts = [
            "{\r\n  \"a\": [1,\r\n 2]\r\n}".to_owned(),
            format!("{{\n{long}\n\"b\": 2\n}}"),
            long.clone(),
        ];
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        for text in &texts {
            let source = NamedSource::new("r.json", Arc::<str>::from(text.as_str()));
            let mut locator = Locator::new();
            let step = (text.len() / 97).max(1);
            for offset in (0..=text.len()).step_by(step) {
                for len in [0, 1, 7, 500, text.len()] {
                    let d = Diagnostic::error("lex::test::x", "x")
                        .label(SourceSpan::from((offset, len)), "here")
                        .secondary(SourceSpan::from((text.len() - offset, 1)), "there")
                        .source(source.clone());
                    let mut out = String::new();
                    let excerpted = locator.excerpt(&d);
                    let _ = handler.render_report(&mut out, &excerpted);
                    assert!(out.len() < 8_000, "{} bytes at {offset}+{len}", out.len());
                }
            }
        }
    }
}
