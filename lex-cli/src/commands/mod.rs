//! One module per subcommand; `run` dispatches and maps the outcome to an exit code.

pub(crate) mod account;
pub(crate) mod breaking;
pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod check_dns;
pub(crate) mod data;
pub(crate) mod explain;
pub(crate) mod fmt;
pub(crate) mod graph;
pub(crate) mod install;
pub(crate) mod lint;
pub(crate) mod load;
pub(crate) mod new;
pub(crate) mod publish;
pub(crate) mod resolve;
pub(crate) mod scopes;
pub(crate) mod status;
pub(crate) mod unpublish;
pub(crate) mod validate;

use crate::args::{Cli, Command};
use crate::exit::ExitCode;

/// Runs the chosen subcommand.
pub(crate) fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Data(args) => data::run(args),
        Command::Build(args) => build::run(args),
        Command::Install(args) => install::run(args),
        Command::CheckDns(args) => check_dns::run(args),
        Command::Publish(args) => publish::run(args),
        Command::Status(args) => status::run(args),
        Command::Unpublish(args) => unpublish::run(args),
        Command::Resolve(args) => resolve::run(args),
        Command::New(args) => new::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Graph(args) => graph::run(args),
        Command::Check(args) => check::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Lint(args) => lint::run(args),
        Command::Breaking(args) => breaking::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Scopes(args) => scopes::run(args),
    }
}
