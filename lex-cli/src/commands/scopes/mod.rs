//! `lex scopes`: atproto OAuth scopes from the command line. `parse` normalizes scope
//! strings, `expand` turns `include:` scopes into what their permission sets grant, `for`
//! writes the least-privilege scope string for what an app does, and `check` says whether
//! granted scopes allow a request. The work is `lex_runtime::scope`'s; this module reads
//! arguments, finds permission sets (`sets.rs`) and prints.

mod check;
mod expand;
mod for_app;
mod parse;
mod requests;
mod sets;

use clap::Subcommand;

use crate::exit::ExitCode;

/// `lex scopes` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum ScopesArgs {
    /// Print each scope in its normalized form, one per line (exit 1 if any is invalid).
    Parse(parse::ParseArgs),
    /// Expand `include:` scopes into the scopes their permission sets grant.
    Expand(expand::ExpandArgs),
    /// Print the least-privilege scope string for the methods an app calls, the
    /// collections it writes and the blobs it uploads.
    For(for_app::ForArgs),
    /// Say whether granted scopes allow requests, and which scope allows each (exit 1 if
    /// any is denied).
    Check(check::CheckArgs),
}

/// Runs `lex scopes`.
pub(crate) fn run(args: ScopesArgs) -> ExitCode {
    match args {
        ScopesArgs::Parse(a) => parse::run(a),
        ScopesArgs::Expand(a) => expand::run(a),
        ScopesArgs::For(a) => for_app::run(a),
        ScopesArgs::Check(a) => check::run(a),
    }
}

/// A failed step: the exit code and the message for stderr.
pub(crate) struct Failure {
    pub(crate) code: ExitCode,
    pub(crate) message: String,
}

impl Failure {
    pub(crate) fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: ExitCode::Usage,
            message: message.into(),
        }
    }

    pub(crate) fn findings(message: impl Into<String>) -> Failure {
        Failure {
            code: ExitCode::Findings,
            message: message.into(),
        }
    }

    /// Prints the message and gives the exit code.
    pub(crate) fn report(self) -> ExitCode {
        for line in self.message.lines() {
            crate::output::errln!("error: {line}");
        }
        self.code
    }
}

/// Scope arguments: each may hold several scopes separated by spaces, as in a token's
/// `scope` field.
pub(crate) fn split_scopes(args: &[String]) -> impl Iterator<Item = &str> {
    args.iter()
        .flat_map(|a| a.split(' '))
        .filter(|s| !s.is_empty())
}
