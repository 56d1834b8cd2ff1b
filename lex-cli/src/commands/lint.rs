//! `lex lint`: load lexicon folders, run the lint rules `lex.toml` selects, print the
//! findings through [`crate::report`] (text, JSON, GitHub annotations or SARIF, as for
//! `lex breaking`). Also home of the `lex.toml` loading that other commands share.

use std::path::{Path, PathBuf};

use clap::Args;
use lex_compiler::check::lex_toml::{CheckConfig, CONFIG_FILE};
use lex_compiler::check::lint;
use lex_compiler::check::selection::select;
use lex_compiler::{Diagnostic, Diagnostics};

use crate::exit::ExitCode;
use crate::report::{self, outcome, print_findings, FailOn, Format};

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
    let loaded = super::load::load(&args.paths, &args.load, config.max_lexicon_size);
    if let Some(code) = super::load::input_errors(&loaded) {
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
