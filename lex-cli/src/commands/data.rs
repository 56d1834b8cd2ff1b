//! `lex data`: JSON <-> DAG-CBOR conversion and record CIDs.

use clap::Subcommand;

use crate::exit::ExitCode;

/// `lex data` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum DataArgs {}

/// Runs `lex data`.
pub(crate) fn run(args: DataArgs) -> ExitCode {
    match args {}
}
