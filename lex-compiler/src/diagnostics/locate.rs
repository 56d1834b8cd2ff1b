//! Byte offsets to lines and columns: a [`LineIndex`] per source text, and the
//! [`Locator`] that keeps one per source a batch of diagnostics points into.

use std::sync::Arc;

use super::excerpt::{Excerpt, Excerpted};
use super::Diagnostic;

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
    pub(super) indexes: std::collections::HashMap<usize, (Arc<str>, LineIndex)>,
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
