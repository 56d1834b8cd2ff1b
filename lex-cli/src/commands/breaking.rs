//! `lex breaking --against OLD [PATHS]`: compare lexicons with an older version (a
//! folder, `git:REV` of the local repository, the versions pinned in `lexicons.json`, or
//! the versions published on the network; loading it is the library's
//! [`Baseline`]) and report breaking changes.

use std::path::PathBuf;

use clap::Args;
use lex_compiler::check::breaking::{self, Baseline, BaselineErrorKind, Unpublished};
use lex_compiler::check::selection::select;

use super::install::NetworkArgs;
use super::lint::{config_errors, load_config};
use super::load::input_errors;
use crate::exit::ExitCode;
use crate::output::errln;
use crate::report::{outcome, print_findings, FailOn, Format};

/// `lex breaking` arguments.
#[derive(Debug, Args)]
pub(crate) struct BreakingArgs {
    /// The old version: a folder or file; `git:REV` (e.g. `git:origin/main`) for the
    /// same paths at that revision of the repository in the current directory;
    /// `manifest` for the versions pinned in `lexicons.json` (fetched from their
    /// repositories and checked against the pinned CIDs); or `published` for the versions
    /// the network serves now (lexicons not published yet count as new).
    #[arg(long, value_name = "OLD")]
    against: String,
    /// The manifest `--against manifest` reads.
    #[arg(long, value_name = "FILE", default_value = "lexicons.json")]
    manifest: PathBuf,
    #[command(flatten)]
    network: NetworkArgs,
    /// The new lexicon files or folders.
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit with 1 when a finding has this level or a higher one.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// The configuration file (default: `lex.toml` in the current directory, if any).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Accept an old version with no lexicons (all counted as new); without it an empty
    /// baseline is a usage error, since a mistyped `--against` would pass every change.
    #[arg(long)]
    allow_empty_baseline: bool,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Runs `lex breaking`: 0 when no finding reaches `--fail-on`, 1 when one does, 2 on
/// usage or input errors (bad config, missing path, unknown git revision).
pub(crate) fn run(args: BreakingArgs) -> ExitCode {
    let config = match load_config(args.config.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let selection = match select(
        &config,
        &config.breaking,
        "breaking",
        breaking::registry(),
        breaking::categories(),
    ) {
        Ok(s) => s,
        Err(errors) => return config_errors(errors),
    };
    let options = args.load.options(config.max_lexicon_size);
    let new = lex_compiler::load(&args.paths, &options);
    if let Some(code) = input_errors(&new) {
        return code;
    }
    let baseline = Baseline::parse(&args.against, &args.manifest).network(args.network.config());
    let old = match baseline.load(&args.paths, &new, &options) {
        Ok(old) => {
            print_unpublished(&old.unpublished);
            old.loaded
        }
        Err(e) => {
            print_unpublished(&e.unpublished);
            errln!("error: {}", e.message);
            return match e.kind {
                BaselineErrorKind::Usage => ExitCode::Usage,
                BaselineErrorKind::Network => ExitCode::Network,
            };
        }
    };
    if let Some(code) = input_errors(&old) {
        return code;
    }
    if old.catalog.document_count() == 0 {
        if !args.allow_empty_baseline {
            errln!(
                "error: `--against {}` holds no lexicons for these paths, so every change \
                 would pass as new",
                args.against
            );
            errln!(
                "  help: check the folder, file or revision; pass `--allow-empty-baseline` when \
                 there is no old version yet"
            );
            return ExitCode::Usage;
        }
        errln!(
            "note: no lexicons found in `{}` for these paths; everything counts as new",
            args.against
        );
    }
    for (which, loaded) in [("old", &old), ("new", &new)] {
        let errors = loaded.diagnostics.error_count();
        if errors > 0 {
            errln!(
                "note: the {which} lexicons have {errors} errors (see `lex check`); the comparison is best effort"
            );
        }
    }
    let breaks = breaking::breaking(&old.catalog, &new.catalog, &selection);
    let summary = format!(
        "compared {} lexicons against {} ({} accepted breaks)",
        new.catalog.document_count(),
        args.against,
        breaks.accepted.len()
    );
    print_findings(
        &breaks.findings,
        args.format,
        "breaking",
        breaking::registry(),
        &summary,
    );
    outcome(&breaks.findings, args.fail_on)
}

/// Notes for the lexicons `--against published` found unpublished (they count as new).
fn print_unpublished(unpublished: &[Unpublished]) {
    for u in unpublished {
        errln!(
            "note: `{}` is not published ({}); it counts as new",
            u.nsid,
            u.reason
        );
    }
}
