//! Command-line arguments: one `clap` subcommand per job.

use clap::{Parser, Subcommand};

/// lex: the Rust toolchain for AT Protocol Lexicon schemas.
///
/// Exit codes: 0 clean, 1 findings (invalid data, lint, breaking, stale output),
/// 2 usage or input error, 3 network error, 141 stdout closed by its reader (`| head`).
#[derive(Debug, Parser)]
#[command(name = "lex", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Resolve and fetch lexicons and everything they reference into `lexicons/` and
    /// `lexicons.json`; `--ci` fails on drift.
    Install(crate::commands::install::InstallArgs),
    /// Generate Rust modules from lexicons (`--check` fails when the output is stale).
    Build(crate::commands::build::BuildArgs),
    /// Start a lexicon from a style-guide-conformant template (record, query, ...).
    New(crate::commands::new::NewArgs),
    /// Lay lexicon JSON out as prettier does (`--check` lists files that would change).
    Fmt(crate::commands::fmt::FmtArgs),
    /// Show the `_lexicon` TXT records publishing needs, what DNS answers, and whether
    /// they point at the publishing account.
    CheckDns(crate::commands::check_dns::CheckDnsArgs),
    /// Publish lexicons as `com.atproto.lexicon.schema` records, refusing breaking changes.
    Publish(crate::commands::publish::PublishArgs),
    /// Compare local lexicons with what is published (in sync, changed, breaking, DNS).
    Status(crate::commands::status::StatusArgs),
    /// Delete published schema records (installed copies can no longer be verified).
    Unpublish(crate::commands::unpublish::UnpublishArgs),
    /// Check lexicon files against the spec and resolve every reference.
    Check(crate::commands::check::CheckArgs),
    /// Lint lexicons: spec, goat-compatible and style-guide rules (configured in lex.toml).
    Lint(crate::commands::lint::LintArgs),
    /// Draw the reference graph of lexicons (DOT, Mermaid or JSON), cycles highlighted.
    Graph(crate::commands::graph::GraphArgs),
    /// Report breaking changes against an older version of the lexicons.
    Breaking(crate::commands::breaking::BreakingArgs),
    /// Validate record data (JSON, DAG-CBOR or JSON lines) against lexicon schemas.
    Validate(crate::commands::validate::ValidateArgs),
    /// Show how an NSID resolves (DNS -> DID -> PDS -> record CID) and its schema.
    Resolve(crate::commands::resolve::ResolveArgs),
    /// Convert atproto data between JSON and DAG-CBOR, and compute CIDs.
    #[command(subcommand)]
    Data(crate::commands::data::DataArgs),
    /// Print the documentation of a lint or breaking rule.
    Explain(crate::commands::explain::ExplainArgs),
    /// atproto OAuth scopes: normalize, expand `include:` permission sets, write the
    /// least-privilege scope string for an app, check a grant against requests.
    #[command(subcommand)]
    Scopes(crate::commands::scopes::ScopesArgs),
}

/// Limits on reading lexicons, shared by every command that loads them.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct LoadArgs {
    /// Refuse lexicon files larger than this: bytes, or a size with a unit (`8MiB`);
    /// default 4MiB, or `max-lexicon-size` in lex.toml.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub(crate) max_lexicon_size: Option<u64>,
}

impl LoadArgs {
    /// The load options: the flag wins over lex.toml (`configured`), which wins over the
    /// default.
    pub(crate) fn options(&self, configured: Option<u64>) -> lex_compiler::LoadOptions {
        let options = lex_compiler::LoadOptions::new();
        match self.max_lexicon_size.or(configured) {
            Some(bytes) => options.max_lexicon_size(bytes),
            None => options,
        }
    }
}

fn parse_size(text: &str) -> Result<u64, String> {
    lex_compiler::check::lex_toml::parse_size(text)
}
