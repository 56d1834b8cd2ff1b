//! `lex build`: lexicon folders -> a Rust module tree (root `OUT/mod.rs`, so `mod
//! lexicons;` works) plus its index `OUT/.lex-build.json`, written atomically; stale files
//! the previous index lists are removed, links inside `OUT` are never followed (see
//! `lex_compiler::write_tree`); `--check` only compares.

use std::path::PathBuf;

use clap::Args;

use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex build` arguments.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Lexicon folders or files (repeatable).
    #[arg(long = "lexicons", default_value = "lexicons")]
    lexicons: Vec<PathBuf>,
    /// Output folder; its `mod.rs` is the root of the generated modules, `.lex-build.json`
    /// lists the files lex wrote (and so may remove later).
    #[arg(long, default_value = "src/lexicons")]
    out: PathBuf,
    /// Write nothing; exit 1 when the files on disk differ from what would be generated.
    #[arg(long)]
    check: bool,
    /// Emit only lexicons matching this pattern (`app.bsky.*`, an NSID); repeatable. A
    /// pattern that matches no lexicon is an error.
    #[arg(long)]
    include: Vec<String>,
    /// Skip lexicons matching this pattern unless an emitted lexicon needs them; repeatable.
    #[arg(long)]
    exclude: Vec<String>,
    /// The path generated code uses for the runtime crate.
    #[arg(long, default_value = "::lex_runtime")]
    runtime_path: String,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Runs `lex build`: 0 when written (or up to date with `--check`), 1 when the lexicons
/// do not load or `--check` finds stale files, 2 on unusable input or a write failure.
pub(crate) fn run(args: BuildArgs) -> ExitCode {
    let loaded = match super::load::load_with_lex_toml(&args.lexicons, &args.load) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if let Err(code) = super::load::require_clean(&loaded, "no code was generated") {
        return code;
    }
    let mut config = lex_compiler::Config::new();
    config.runtime_path(args.runtime_path.as_str());
    for p in &args.include {
        config.include(p.as_str());
    }
    for p in &args.exclude {
        config.exclude(p.as_str());
    }
    let modules = match config.generate_catalog(&loaded.catalog) {
        Ok(m) => m,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::Usage;
        }
    };
    if args.check {
        let diff = match lex_compiler::diff_tree(&args.out, &modules) {
            Ok(diff) => diff,
            Err(e) => {
                errln!("error: {e}");
                return ExitCode::Usage;
            }
        };
        warn(&diff.warnings);
        for p in &diff.written {
            outln!("stale: {}", p.display());
        }
        for p in &diff.removed {
            outln!("no longer generated: {}", p.display());
        }
        return if diff.written.is_empty() && diff.removed.is_empty() {
            outln!(
                "{} is up to date ({} modules)",
                args.out.display(),
                modules.len()
            );
            ExitCode::Clean
        } else {
            ExitCode::Findings
        };
    }
    match lex_compiler::write_tree(&args.out, &modules) {
        Ok(report) => {
            warn(&report.warnings);
            outln!(
                "generated {} lexicons into {}: {} files written, {} stale files removed",
                loaded.catalog.document_count(),
                args.out.display(),
                report.written.len(),
                report.removed.len()
            );
            ExitCode::Clean
        }
        Err(e) => {
            errln!("error: {e}");
            if !matches!(e, lex_compiler::Error::RollbackFailed { .. }) {
                errln!("nothing in {} was changed", args.out.display());
            }
            ExitCode::Usage
        }
    }
}

fn warn(warnings: &[String]) {
    for w in warnings {
        errln!("warning: {w}");
    }
}
