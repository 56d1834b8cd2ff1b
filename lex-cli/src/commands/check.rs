//! `lex check`: load, resolve and check lexicon folders against the spec.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::exit::ExitCode;
use crate::output::outln;
use crate::report;

/// `lex check` arguments.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Lexicon files or folders (searched recursively for `*.json`).
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Output formats of `lex check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Graphical reports on stderr, a summary line on stdout.
    Text,
    /// A JSON array of findings on stdout.
    Json,
}

/// Runs `lex check`: 0 when every lexicon is valid and every reference resolves, 1 with
/// every diagnostic otherwise, 2 when a path is missing or unreadable.
pub(crate) fn run(args: CheckArgs) -> ExitCode {
    // lex.toml matters here only for `max-lexicon-size`, but a broken one is still an error.
    let config = match super::lint::load_config(None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let loaded = super::load::load(&args.paths, &args.load, config.max_lexicon_size);
    let diagnostics = &loaded.diagnostics;
    let input_error = loaded.has_input_errors();
    match args.format {
        Format::Text => {
            report::print_text(diagnostics);
            let errors = diagnostics.error_count();
            let warnings = diagnostics.len() - errors;
            outln!(
                "checked {} lexicons ({} definitions): {} errors, {} warnings",
                loaded.catalog.document_count(),
                loaded.catalog.def_count(),
                errors,
                warnings
            );
        }
        Format::Json => outln!("{:#}", report::to_json(diagnostics)),
    }
    if input_error {
        ExitCode::Usage
    } else if diagnostics.has_errors() {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}
