//! The `lex` command line tool.

mod args;
mod commands;
mod exit;
mod report;

use clap::Parser;

fn main() {
    let cli = args::Cli::parse();
    let code = commands::run(cli);
    std::process::exit(code.into());
}
