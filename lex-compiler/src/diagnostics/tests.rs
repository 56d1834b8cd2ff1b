//! Positions and excerpts agree with what miette would print from the whole source.

use std::sync::Arc;

use miette::{NamedSource, SourceCode, SourceSpan};

use super::excerpt::ELLIPSIS;
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
