//! Rendering diagnostics for people (miette's graphical report) and for scripts (JSON),
//! and the findings of `lex lint` and `lex breaking` in every `--format` ([`findings`]:
//! text and JSON; [`github`]; [`sarif`]). Commands only choose what to print.

mod findings;
mod github;
mod sarif;

pub(crate) use findings::{outcome, print_findings, FailOn, Format};

use std::cell::RefCell;
use std::io::{IsTerminal, Write};

use lex_compiler::diagnostics::Locator;
use lex_compiler::{Diagnostic, Diagnostics};
use miette::{GraphicalReportHandler, GraphicalTheme};

thread_local! {
    /// Line indexes of every source reported so far: a position costs a binary search,
    /// not a scan of the file, so reporting n findings in one file is linear in n.
    static LOCATOR: RefCell<Locator> = RefCell::new(Locator::new());
}

/// Where one diagnostic points, in the terms a user or an editor wants.
pub(crate) struct Location {
    /// The file name.
    pub(crate) file: Option<String>,
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column.
    pub(crate) column: usize,
}

/// The file, line and column of a diagnostic's primary label, when it has one.
pub(crate) fn location(d: &Diagnostic) -> Option<Location> {
    let (line, column) = LOCATOR.with_borrow_mut(|l| l.position(d))?;
    Some(Location {
        file: d.source_name().map(str::to_owned),
        line: line + 1,
        column: column + 1,
    })
}

/// Writes every diagnostic as a graphical report to stderr (colour on a terminal only).
///
/// Each report is drawn from an excerpt of its source (the lines its labels touch, long
/// lines cut to a window around the label), so a minified lexicon is never echoed whole
/// and miette never pads past the 65535 columns its format widths can hold.
pub(crate) fn print_text(diagnostics: &Diagnostics) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme);
    let mut err = std::io::stderr().lock();
    for d in diagnostics {
        let mut out = String::new();
        let excerpted = LOCATOR.with_borrow_mut(|l| l.excerpt(d));
        if handler.render_report(&mut out, &excerpted).is_err() {
            out = format!("{}: {}\n", d.code_str(), d.message());
        }
        // A closed stderr is not worth a panic.
        let _ = writeln!(err, "{out}");
    }
}

/// The diagnostics as a JSON array of objects with `code`, `level`, `message`, `file`,
/// `line`, `column` and `pointer`.
pub(crate) fn to_json(diagnostics: &Diagnostics) -> serde_json::Value {
    let items = diagnostics
        .iter()
        .map(|d| {
            let at = location(d);
            serde_json::json!({
                "code": d.code_str(),
                "level": level(d),
                "message": d.message(),
                "file": at.as_ref().and_then(|l| l.file.clone()),
                "line": at.as_ref().map(|l| l.line),
                "column": at.as_ref().map(|l| l.column),
                "pointer": d.json_pointer(),
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

/// `error`, `warning` or `advice`.
pub(crate) fn level(d: &Diagnostic) -> &'static str {
    match d.severity_level() {
        miette::Severity::Error => "error",
        miette::Severity::Warning => "warning",
        miette::Severity::Advice => "advice",
    }
}
