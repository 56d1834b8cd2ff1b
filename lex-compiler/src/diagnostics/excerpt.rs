//! Cutting a source down for rendering: an [`Excerpt`] holds only the lines a diagnostic's
//! labels touch, long lines windowed, and [`Excerpted`] is the diagnostic re-pointed at it.

use std::fmt;

use miette::{LabeledSpan, Severity, SourceCode, SourceSpan};

use super::locate::LineIndex;
use super::Diagnostic;

/// Lines longer than this are cut to a window around the labels on them.
pub const MAX_SHOWN_LINE: usize = 400;
/// How far before a label's start a cut line begins.
const WINDOW_LEAD: usize = 100;
/// A label spanning more lines than this is shown on its first line only.
const MAX_LABEL_LINES: usize = 12;
/// Marks where a long line was cut.
pub(super) const ELLIPSIS: &str = "…";

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

/// A label as `(start, end)` offsets in the original source.
type Span<'l> = (usize, usize, &'l LabeledSpan);

/// Consecutive source lines rendered as one snippet.
struct Group {
    first: usize,
    last: usize,
    /// The byte columns shown of the group's one long line.
    window: Option<(usize, usize)>,
}

impl Excerpt {
    /// The excerpt of `text` for `labels`, and the labels re-pointed into it.
    pub(super) fn build(
        name: String,
        text: &str,
        index: &LineIndex,
        labels: &[LabeledSpan],
    ) -> (Excerpt, Vec<LabeledSpan>) {
        let spans = clip_spans(text, index, labels);
        let (groups, group_of) = group_lines(text, index, &spans);
        let excerpt = write_lines(name, text, index, &groups);
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

/// Whether `line` is too long to show whole.
fn is_long(index: &LineIndex, line: usize) -> bool {
    index.line_range(line).len() > MAX_SHOWN_LINE
}

/// Each label as `(start, end)` offsets in source order, a multi-line label clipped to its
/// first line when it is long or crosses a long line.
fn clip_spans<'l>(text: &str, index: &LineIndex, labels: &'l [LabeledSpan]) -> Vec<Span<'l>> {
    let mut spans: Vec<Span<'l>> = labels
        .iter()
        .map(|l| {
            let start = l.offset().min(text.len());
            let end = start.saturating_add(l.len()).min(text.len());
            let (first, last) = (index.line_of(start), index.line_of(end));
            let clip = last > first
                && (last - first > MAX_LABEL_LINES || (first..=last).any(|n| is_long(index, n)));
            let end = if clip {
                index.line_range(first).end.max(start)
            } else {
                end
            };
            (start, end, l)
        })
        .collect();
    spans.sort_by_key(|s| s.0);
    spans
}

/// Groups of source lines, and the group of each span: a label on a long line gets a
/// group of its own (that line, windowed around the label); other labels share a group
/// with labels whose lines (plus context) touch theirs.
fn group_lines(text: &str, index: &LineIndex, spans: &[Span<'_>]) -> (Vec<Group>, Vec<usize>) {
    let last_line = index.line_count().saturating_sub(1);
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = Vec::with_capacity(spans.len());
    for &(start, end, _) in spans {
        let line = index.line_of(start);
        if is_long(index, line) {
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
    (groups, group_of)
}

/// The excerpt text of `groups`, cut lines marked with an ellipsis at each cut end.
fn write_lines(name: String, text: &str, index: &LineIndex, groups: &[Group]) -> Excerpt {
    let mut out = String::new();
    let mut lines = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        for line in g.first..=g.last {
            let range = index.line_range(line);
            let (from, to) = match g.window {
                Some(w) => w,
                None if is_long(index, line) => (
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
    Excerpt {
        name,
        text: out,
        lines,
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
    pub(super) diagnostic: &'d Diagnostic,
    pub(super) source: Option<Excerpt>,
    pub(super) labels: Vec<LabeledSpan>,
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
