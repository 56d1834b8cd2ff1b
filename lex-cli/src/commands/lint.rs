//! `lex lint`: load lexicon folders, run the lint rules `lex.toml` selects, print the
//! findings as text, JSON, GitHub annotations or SARIF. The output code is shared with
//! `lex breaking`.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use lex_compiler::check::lex_toml::{CheckConfig, CONFIG_FILE};
use lex_compiler::check::lint;
use lex_compiler::check::rule::{Finding, Level, RuleEntry};
use lex_compiler::check::selection::select;
use lex_compiler::{Diagnostic, Diagnostics};

use crate::exit::ExitCode;
use crate::output::errln;
use crate::report;

/// `lex lint` arguments.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    /// Lexicon files or folders (searched recursively for `*.json`).
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with 1 when a finding has this level or a higher one.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Warn)]
    fail_on: FailOn,
    /// The configuration file (default: `lex.toml` in the current directory, if any).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

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

/// Runs `lex lint`: 0 when no finding reaches `--fail-on`, 1 when one does, 2 on a bad
/// configuration or a missing path.
pub(crate) fn run(args: LintArgs) -> ExitCode {
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let selection = match select(
        &config,
        &config.lint,
        "lint",
        lint::registry(),
        lint::categories(),
    ) {
        Ok(s) => s,
        Err(errors) => return config_errors(errors),
    };
    let options = args.load.options(config.max_lexicon_size);
    let loaded = lex_compiler::load_paths_with(&args.paths, &options);
    if let Some(code) = input_errors(&loaded.diagnostics) {
        return code;
    }
    let findings = lint::lint(&loaded, &selection);
    let summary = format!(
        "linted {} lexicons ({} definitions)",
        loaded.catalog.document_count(),
        loaded.catalog.def_count()
    );
    print_findings(&findings, args.format, "lint", lint::registry(), &summary);
    outcome(&findings, args.fail_on)
}

/// Reads `--config FILE`, or `lex.toml` in the current directory when it exists; a bad
/// file is printed and becomes exit code 2.
pub(crate) fn load_config(path: Option<&Path>) -> Result<CheckConfig, ExitCode> {
    let (path, optional) = match path {
        Some(p) => (p.to_path_buf(), false),
        None => (PathBuf::from(CONFIG_FILE), true),
    };
    match CheckConfig::load(&path, optional) {
        Ok(config) => Ok(config.unwrap_or_default()),
        Err(d) => Err(config_errors(vec![*d])),
    }
}

/// Prints configuration errors; always exit code 2.
pub(crate) fn config_errors(errors: Vec<Diagnostic>) -> ExitCode {
    let diagnostics: Diagnostics = errors.into_iter().collect();
    report::print_text(&diagnostics);
    ExitCode::Usage
}

/// Missing or unreadable paths: printed, exit code 2.
pub(crate) fn input_errors(diagnostics: &Diagnostics) -> Option<ExitCode> {
    let errors: Diagnostics = diagnostics
        .iter()
        .filter(|d| lint::INPUT_ERRORS.contains(&d.code_str()))
        .cloned()
        .collect();
    if errors.is_empty() {
        return None;
    }
    for d in &errors {
        errln!("error: {}", d.message());
    }
    Some(ExitCode::Usage)
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
            report::print_text(&diagnostics);
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
            .try_for_each(|f| writeln!(out, "{}", github_line(f))),
        Format::Sarif => writeln!(out, "{:#}", to_sarif(findings, tool, rules)),
    };
}

/// The findings as a JSON array of objects.
pub(crate) fn to_json(findings: &[Finding]) -> serde_json::Value {
    let items = findings
        .iter()
        .map(|f| {
            let at = report::location(&f.diagnostic);
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

/// One GitHub Actions workflow command for a finding.
fn github_line(f: &Finding) -> String {
    let command = match f.level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "notice",
    };
    let mut props = Vec::new();
    if let Some(at) = report::location(&f.diagnostic) {
        if let Some(file) = at.file {
            props.push(format!("file={}", escape_property(artifact_path(&file))));
        }
        props.push(format!("line={}", at.line));
        props.push(format!("col={}", at.column));
    }
    props.push(format!("title={}", escape_property(f.rule)));
    format!(
        "::{command} {}::{}",
        props.join(","),
        escape_data(f.diagnostic.message())
    )
}

/// The repository path of a file name: old versions read from git are named
/// `git:REV:path`, and annotations must point at `path`.
fn artifact_path(file: &str) -> &str {
    file.strip_prefix("git:")
        .and_then(|rest| rest.split_once(':'))
        .map_or(file, |(_, path)| path)
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A minimal SARIF 2.1.0 log: one run, the rule table, one result per finding.
fn to_sarif(findings: &[Finding], tool: &str, rules: &[RuleEntry]) -> serde_json::Value {
    let rule_table: Vec<serde_json::Value> = rules
        .iter()
        .map(|e| {
            serde_json::json!({
                "id": e.info.id,
                "shortDescription": { "text": e.info.summary() },
                "fullDescription": { "text": e.info.documentation() },
                "defaultConfiguration": { "level": sarif_level(e.info.level) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            let mut result = serde_json::json!({
                "ruleId": f.rule,
                "level": sarif_level(f.level),
                "message": { "text": f.diagnostic.message() },
            });
            if let Some(index) = rules.iter().position(|e| e.info.id == f.rule) {
                result["ruleIndex"] = serde_json::json!(index);
            }
            if let Some(at) = report::location(&f.diagnostic) {
                let mut physical = serde_json::json!({
                    "region": { "startLine": at.line, "startColumn": at.column },
                });
                if let Some(file) = at.file {
                    physical["artifactLocation"] =
                        serde_json::json!({ "uri": artifact_path(&file) });
                }
                let mut location = serde_json::json!({ "physicalLocation": physical });
                if let Some(pointer) = f.diagnostic.json_pointer() {
                    location["logicalLocations"] = serde_json::json!([{
                        "fullyQualifiedName": format!("{}{}", f.nsid.as_deref().unwrap_or(""), pointer),
                    }]);
                }
                result["locations"] = serde_json::json!([location]);
            }
            result
        })
        .collect();
    serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": {
                "driver": {
                    "name": format!("lex {tool}"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rule_table,
                }
            },
            "results": results,
        }]
    })
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info => "note",
    }
}
