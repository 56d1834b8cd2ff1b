//! Writing to stdout and stderr without panicking when the reader goes away.
//!
//! `println!` panics when stdout is a pipe whose reader has exited (`lex lint | head`),
//! because Rust ignores `SIGPIPE` and every later write fails with `EPIPE`. Every print in
//! `lex` goes through this module instead: a closed stdout ends the process at once with
//! [`ExitCode::BrokenPipe`] and no message, the way `grep` or `cat` stop; any other write
//! error on stdout (a full disk) is reported on stderr and ends with a usage error. Writes
//! to stderr never fail loudly: when stderr itself is gone there is nobody to tell.

use std::fmt;
use std::io::{self, Write};

use crate::exit::ExitCode;

/// Prints a line to stdout like `println!`; a closed pipe ends the process quietly.
macro_rules! outln {
    () => {
        $crate::output::stdout_fmt(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::stdout_line(format_args!($($arg)*))
    };
}

/// Prints a line to stderr like `eprintln!`, ignoring a closed stderr instead of panicking.
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::stderr_line(format_args!($($arg)*))
    };
}

pub(crate) use {errln, outln};

/// A locked stdout whose writes never return an error: a closed pipe exits the process.
pub(crate) struct Stdout(io::StdoutLock<'static>);

/// Locks stdout for a run of writes (`writeln!(output::stdout(), ...)` needs no `?`).
pub(crate) fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).or_else(|e| stop(&e))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf).or_else(|e| stop(&e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().or_else(|e| stop(&e))
    }
}

/// Ends the process after a failed write to stdout.
fn stop(e: &io::Error) -> ! {
    if e.kind() == io::ErrorKind::BrokenPipe {
        std::process::exit(ExitCode::BrokenPipe.into());
    }
    stderr_line(format_args!("error: cannot write to stdout: {e}"));
    std::process::exit(ExitCode::Usage.into());
}

/// What `outln!()` expands to.
pub(crate) fn stdout_fmt(args: fmt::Arguments<'_>) {
    let mut out = stdout();
    if let Err(e) = out.write_fmt(args) {
        stop(&e);
    }
}

/// What `outln!` expands to: the text and its newline in one locked write.
pub(crate) fn stdout_line(args: fmt::Arguments<'_>) {
    let mut out = stdout();
    if let Err(e) = out.write_fmt(args).and_then(|()| out.write_all(b"\n")) {
        stop(&e);
    }
}

/// What `errln!` expands to.
pub(crate) fn stderr_line(args: fmt::Arguments<'_>) {
    let mut err = io::stderr().lock();
    let _ = err.write_fmt(args).and_then(|()| err.write_all(b"\n"));
}
