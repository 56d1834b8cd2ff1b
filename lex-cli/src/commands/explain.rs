//! `lex explain RULE`: print a lint or breaking rule's documentation (the same words as
//! its doc comment); `--list` lists every rule and category.

use std::io::Write;

use clap::Args;
use lex_compiler::check::rule::{Category, RuleEntry, Status};
use lex_compiler::check::selection::did_you_mean;
use lex_compiler::check::{breaking, lint};

use crate::exit::ExitCode;
use crate::output::errln;

/// `lex explain` arguments.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// The rule id, e.g. `unlimited-string` or `type-change`.
    #[arg(required_unless_present = "list")]
    rule: Option<String>,
    /// List every rule and category instead.
    #[arg(long, conflicts_with = "rule")]
    list: bool,
}

/// Runs `lex explain`: 0 after printing, 2 for an unknown rule.
pub(crate) fn run(args: ExplainArgs) -> ExitCode {
    let mut out = crate::output::stdout();
    if args.list {
        // `output::stdout` never returns an error: a closed pipe has already ended the process.
        let _ = list(&mut out);
        return ExitCode::Clean;
    }
    let id = args.rule.unwrap_or_default();
    let found = lint::registry()
        .iter()
        .map(|e| ("lint", e, lint::categories()))
        .chain(
            breaking::registry()
                .iter()
                .map(|e| ("breaking", e, breaking::categories())),
        )
        .find(|(_, e, _)| e.info.id == id);
    let Some((tool, entry, _)) = found else {
        let names: Vec<&str> = lint::registry()
            .iter()
            .chain(breaking::registry())
            .map(|e| e.info.id)
            .collect();
        errln!("error: unknown rule `{id}`");
        match did_you_mean(&id, &names) {
            Some(s) => errln!("  help: did you mean `{s}`?"),
            None => errln!("  help: `lex explain --list` lists every rule"),
        }
        return ExitCode::Usage;
    };
    let _ = explain(&mut out, tool, entry);
    ExitCode::Clean
}

fn explain(out: &mut impl Write, tool: &str, e: &RuleEntry) -> std::io::Result<()> {
    let status = match e.info.status {
        Status::Stable { since } => format!("stable since {since}"),
        Status::Preview => "preview".to_owned(),
        Status::Deprecated {
            replaced_by: Some(to),
        } => format!("deprecated, replaced by `{to}`"),
        Status::Deprecated { replaced_by: None } => "deprecated".to_owned(),
    };
    writeln!(out, "{} ({})", e.info.id, e.info.code)?;
    writeln!(
        out,
        "{tool} rule, default level {}, {}, {}; categories: {}",
        e.info.level,
        if e.default_on {
            "on by default"
        } else {
            "off by default"
        },
        status,
        e.categories.join(", ")
    )?;
    writeln!(out)?;
    write!(out, "{}", e.info.documentation())
}

fn list(out: &mut impl Write) -> std::io::Result<()> {
    section(out, "lint", lint::registry(), lint::categories())?;
    writeln!(out)?;
    section(
        out,
        "breaking",
        breaking::registry(),
        breaking::categories(),
    )
}

fn section(
    out: &mut impl Write,
    tool: &str,
    rules: &[RuleEntry],
    categories: &[Category],
) -> std::io::Result<()> {
    writeln!(out, "{tool} rules (id, level, default, summary):")?;
    let width = rules.iter().map(|e| e.info.id.len()).max().unwrap_or(0);
    for e in rules {
        writeln!(
            out,
            "  {:width$}  {:5}  {:3}  {}",
            e.info.id,
            e.info.level.name(),
            if e.default_on { "on" } else { "off" },
            e.info.summary()
        )?;
    }
    writeln!(out, "{tool} categories (besides `all` and `default`):")?;
    for c in categories {
        writeln!(out, "  {:width$}  {}", c.name, c.summary)?;
    }
    Ok(())
}
