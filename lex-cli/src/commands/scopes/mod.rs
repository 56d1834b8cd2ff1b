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
    ///
    /// The normalized form (spec section 2.4) uses the positional form for one value,
    /// omits defaults, sorts and deduplicates values and writes `#` as `%23`; reading it
    /// back gives the same scope. An invalid scope's reason goes to stderr.
    ///
    /// Example: `lex scopes parse 'repo?collection=app.bsky.feed.post&action=create'`
    /// prints `repo:app.bsky.feed.post?action=create`.
    Parse(parse::ParseArgs),
    /// Expand `include:` scopes into the scopes their permission sets grant.
    ///
    /// Each set is read from the lexicon folders (`--lexicons`, else `./lexicons`), else
    /// resolved and verified over the network as `lex install` does. Only `repo` and `rpc`
    /// permissions inside the set's own namespace are granted; `inheritAud` permissions
    /// need an audience (the include's `aud`, else `--aud`). Other scopes pass through
    /// normalized. Exit codes: 1 invalid scope or not a permission set, 2 set not found
    /// offline, 3 network failure.
    ///
    /// Example: `lex scopes expand --explain --aud did:web:api.bsky.app#bsky_appview
    /// include:app.bsky.authCreatePosts`.
    Expand(expand::ExpandArgs),
    /// Print the least-privilege scope string for the methods an app calls, the
    /// collections it writes and the blobs it uploads.
    ///
    /// The line starts with `atproto`, then one normalized scope per method and per
    /// collection and one `blob` scope, sorted: paste it into the `scope` of
    /// `oauth-client-metadata.json`. `--sets` adds the permission sets of the lexicons
    /// that cover some of the requests, and what each grants beyond them.
    ///
    /// Example: `lex scopes for --method app.bsky.feed.getTimeline --aud
    /// did:web:api.bsky.app#bsky_appview --collection app.bsky.feed.post:create --blob
    /// image/jpeg`.
    For(for_app::ForArgs),
    /// Say whether granted scopes allow requests, and which scope allows each (exit 1 if
    /// any is denied).
    ///
    /// `--granted` is a token's `scope` field; `include:` scopes in it are expanded first
    /// (from the lexicons or the network, as `expand` does). Each request prints one line,
    /// `allowed` with the scope that allows it, or `denied`.
    ///
    /// Example: `lex scopes check --granted 'atproto repo:app.bsky.feed.post?action=create'
    /// --collection app.bsky.feed.post:create`.
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
