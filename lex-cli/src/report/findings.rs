//! Findings of `lex lint` and `lex breaking` in the format `--format` asks for: text (the
//! graphical reports of [`super::print_text`] and a summary line), JSON, GitHub Actions
//! annotations ([`super::github`]) or SARIF ([`super::sarif`]); and the exit code
//! `--fail-on` makes of them. Both commands print through here, so their outputs agree.

use std::io::Write;

use clap::ValueEnum;
use lex_compiler::check::rule::{Finding, Level, RuleEntry};
use lex_compiler::Diagnostics;

use crate::exit::ExitCode;

/// Output formats of `lex lint` and `lex breaking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Graphical reports on stderr, a summary line on stdout.
    Text,
    /// A JSON array of findings on stdout.
    Json,
    /// GitHub Actions workflow commands (`::error file=...::message`) on stdout.
    Github,
    /// A SARIF 2.1.0 log on stdout.
    Sarif,
}

/// The least level that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warn,
    /// Every finding fails.
    Info,
}

impl FailOn {
    fn level(self) -> Level {
        match self {
            FailOn::Error => Level::Error,
            FailOn::Warn => Level::Warn,
            FailOn::Info => Level::Info,
        }
    }
}

/// Exit code 1 when a finding reaches `fail_on`, else 0.
pub(crate) fn outcome(findings: &[Finding], fail_on: FailOn) -> ExitCode {
    if findings.iter().any(|f| f.level >= fail_on.level()) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// Prints findings in `format`; `tool` (`lint` or `breaking`) and `rules` feed SARIF's
/// rule table; `summary` opens the text summary line.
pub(crate) fn print_findings(
    findings: &[Finding],
    format: Format,
    tool: &str,
    rules: &[RuleEntry],
    summary: &str,
) {
    let mut out = crate::output::stdout();
    // `output::stdout` never returns an error: a closed pipe has already ended the process.
    let _ = match format {
        Format::Text => {
            let diagnostics: Diagnostics = findings.iter().map(|f| f.diagnostic.clone()).collect();
            super::print_text(&diagnostics);
            let count = |l: Level| findings.iter().filter(|f| f.level == l).count();
            writeln!(
                out,
                "{summary}: {} errors, {} warnings, {} infos",
                count(Level::Error),
                count(Level::Warn),
                count(Level::Info)
            )
        }
        Format::Json => writeln!(out, "{:#}", to_json(findings)),
        Format::Github => findings
            .iter()
            .try_for_each(|f| writeln!(out, "{}", super::github::line(f))),
        Format::Sarif => writeln!(out, "{:#}", super::sarif::log(findings, tool, rules)),
    };
}

/// The findings as a JSON array of objects.
fn to_json(findings: &[Finding]) -> serde_json::Value {
    let items = findings
        .iter()
        .map(|f| {
            let at = super::location(&f.diagnostic);
            serde_json::json!({
                "rule": f.rule,
                "level": f.level.name(),
                "code": f.diagnostic.code_str(),
                "nsid": f.nsid,
                "path": f.diagnostic.json_pointer(),
                "file": at.as_ref().and_then(|l| l.file.clone()),
                "line": at.as_ref().map(|l| l.line),
                "column": at.as_ref().map(|l| l.column),
                "message": f.diagnostic.message(),
                "help": miette::Diagnostic::help(&f.diagnostic).map(|h| h.to_string()),
            })
        })
        .collect();
    serde_json::Value::Array(items)
}
