//! Rendering diagnostics for people (miette's graphical report) and for scripts (JSON).

use std::io::{IsTerminal, Write};

use lex_compiler::{Diagnostic, Diagnostics};
use miette::{GraphicalReportHandler, GraphicalTheme};

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
    let span = d.primary_span()?;
    let source = miette::Diagnostic::source_code(d)?;
    let contents = source.read_span(&span, 0, 0).ok()?;
    Some(Location {
        file: contents.name().map(str::to_owned),
        line: contents.line() + 1,
        column: contents.column() + 1,
    })
}

/// Writes every diagnostic as a graphical report to stderr (colour on a terminal only).
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
        if handler.render_report(&mut out, d).is_err() {
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
