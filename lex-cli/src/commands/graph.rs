//! `lex graph`: the reference graph of a set of lexicons as Graphviz DOT, Mermaid or
//! JSON, cycles highlighted.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use lex_compiler::ir::export::{to_dot, to_json, to_mermaid, DefGraph};

use crate::exit::ExitCode;
use crate::output::{errln, outln};

/// `lex graph` arguments.
#[derive(Debug, Args)]
#[command(after_long_help = "\
One node per definition (grouped by lexicon), one edge per reference: `ref`s, union members \
(dashed) and the schemas of a method's input, output and message (labelled). Definitions \
on a reference cycle and the edges that close it are drawn in red; in JSON, nodes carry \
their cycle's index and edges `inCycle`.

Examples:
  lex graph | dot -Tsvg > lexicons.svg
  lex graph --format mermaid --include 'com.example.blog.*'

Exit codes: 0 printed, 1 when the lexicons do not load (errors shown, no graph), 2 when a \
path is missing or an --include pattern matches no lexicon.")]
pub(crate) struct GraphArgs {
    /// Lexicon files or folders (searched recursively for `*.json`).
    #[arg(default_value = "lexicons")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// Show only lexicons matching this pattern (`app.bsky.*`, an NSID) and what they
    /// reference, as `lex build --include`; repeatable.
    #[arg(long, value_name = "NSID-PATTERN")]
    include: Vec<String>,
    #[command(flatten)]
    load: crate::args::LoadArgs,
}

/// Output formats of `lex graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Graphviz DOT (`dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart (Markdown `mermaid` blocks).
    Mermaid,
    /// JSON: nodes, edges and cycles.
    Json,
}

/// Runs `lex graph`.
pub(crate) fn run(args: GraphArgs) -> ExitCode {
    let loaded = match super::load::load_with_lex_toml(&args.paths, &args.load) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    if let Err(code) = super::load::require_clean(&loaded, "no graph was drawn") {
        return code;
    }
    let graph = match DefGraph::build(&loaded.catalog, &args.include) {
        Ok(graph) => graph,
        Err(e) => {
            errln!("error: {e}");
            return ExitCode::Usage;
        }
    };
    let text = match args.format {
        Format::Dot => to_dot(&graph),
        Format::Mermaid => to_mermaid(&graph),
        Format::Json => to_json(&graph),
    };
    outln!("{}", text.trim_end_matches('\n'));
    ExitCode::Clean
}
