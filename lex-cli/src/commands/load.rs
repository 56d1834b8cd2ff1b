//! Loading lexicons for a command: the size cap (`--max-lexicon-size`, else lex.toml's
//! `max-lexicon-size`), one call into the compiler's load pipeline
//! ([`lex_compiler::load`]), and the exit codes for lexicons that do not load.

use std::path::PathBuf;

use lex_compiler::Loaded;

use crate::args::LoadArgs;
use crate::exit::ExitCode;
use crate::output::errln;
use crate::report;

/// Loads `paths` under the cap of `--max-lexicon-size`, else `configured` (lex.toml's).
pub(crate) fn load(paths: &[PathBuf], args: &LoadArgs, configured: Option<u64>) -> Loaded {
    lex_compiler::load(paths, &args.options(configured))
}

/// [`load`] with the cap `lex.toml` in the current folder sets; a bad lex.toml is printed
/// and becomes exit code 2.
pub(crate) fn load_with_lex_toml(paths: &[PathBuf], args: &LoadArgs) -> Result<Loaded, ExitCode> {
    let config = super::lint::load_config(None)?;
    Ok(load(paths, args, config.max_lexicon_size))
}

/// Missing or unreadable paths: printed, exit code 2.
pub(crate) fn input_errors(loaded: &Loaded) -> Option<ExitCode> {
    if !loaded.has_input_errors() {
        return None;
    }
    for d in loaded.input_errors() {
        errln!("error: {}", d.message());
    }
    Some(ExitCode::Usage)
}

/// For commands that need every lexicon to load: on any error, prints every diagnostic and
/// that the lexicons do not load (`consequence`: what was not done); exit code 2 when an
/// input is missing or unreadable, 1 otherwise.
pub(crate) fn require_clean(loaded: &Loaded, consequence: &str) -> Result<(), ExitCode> {
    if !loaded.diagnostics.has_errors() {
        return Ok(());
    }
    report::print_text(&loaded.diagnostics);
    errln!(
        "error: the lexicons do not load ({} errors); {consequence}",
        loaded.diagnostics.error_count()
    );
    Err(if loaded.has_input_errors() {
        ExitCode::Usage
    } else {
        ExitCode::Findings
    })
}
