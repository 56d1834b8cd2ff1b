//! Exit codes shared by every subcommand, so CI scripts can rely on them.

/// How a `lex` invocation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitCode {
    /// Nothing to report.
    Clean = 0,
    /// Findings: lint or breaking problems, invalid data, stale output.
    #[allow(dead_code)]
    Findings = 1,
    /// Bad usage or unreadable input.
    Usage = 2,
    /// A network step failed.
    #[allow(dead_code)]
    Network = 3,
    /// Stdout was closed by its reader (`lex lint | head`): the command stopped quietly.
    ///
    /// 141 is what a shell reports for a tool killed by `SIGPIPE` (128 + 13), so
    /// `set -o pipefail` scripts see the same status as with `grep` or `cat`, and it never
    /// reads as a clean run that hid findings nobody read.
    BrokenPipe = 141,
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code as i32
    }
}
