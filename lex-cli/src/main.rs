//! The `lex` command line tool.

mod args;
mod commands;
mod exit;
mod input;
mod lines;
mod output;
mod report;

use clap::Parser;

/// See the workspace manifest: the allocator is a large part of `lex build`'s time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = args::Cli::parse();
    let code = commands::run(cli);
    // Text left in stdout's buffer (a last `out!` without a newline) must meet a closed
    // pipe here, not in the silent flush at exit.
    let _ = std::io::Write::flush(&mut output::stdout());
    std::process::exit(code.into());
}
