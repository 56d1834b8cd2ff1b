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
}

impl From<ExitCode> for i32 {
    fn from(code: ExitCode) -> i32 {
        code as i32
    }
}
