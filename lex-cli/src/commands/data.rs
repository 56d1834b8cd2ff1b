//! `lex data`: JSON <-> DAG-CBOR conversion and record CIDs.
//!
//! Input is a record (a map) as atproto JSON or DAG-CBOR, or JSON lines of records; the
//! format is `--input-format` or detected from the content (see `input.rs`). `-` reads
//! standard input. Every record must also fit the 1 MiB DAG-CBOR record limit, whatever it
//! is read from or written to, so nothing written here is refused when read back; and a
//! record over a size limit is refused before it is read whole.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Subcommand;
use lex_runtime::{cbor, json, DataErrorKind, Map, Value};

use crate::exit::ExitCode;
use crate::input::{self, Format, InputArgs, Lines, ReadError};
use crate::output::errln;

/// `lex data` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum DataArgs {
    /// Print the CID of a record (DAG-CBOR, sha2-256, CIDv1); one per line for JSON lines.
    Cid {
        /// Record as JSON, DAG-CBOR or JSON lines; `-` for standard input.
        file: PathBuf,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Convert a record to canonical DAG-CBOR (raw bytes; JSON lines become a sequence of
    /// records, one after the other).
    ToCbor {
        /// Record as JSON, DAG-CBOR or JSON lines; `-` for standard input.
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Convert a record to atproto JSON (indented unless `--compact`; JSON lines stay one
    /// compact record per line).
    ToJson {
        /// Record as JSON, DAG-CBOR or JSON lines; `-` for standard input.
        file: PathBuf,
        /// One line, no spaces.
        #[arg(long)]
        compact: bool,
        #[command(flatten)]
        input: InputArgs,
    },
}

/// Runs `lex data`.
pub(crate) fn run(args: DataArgs) -> ExitCode {
    match execute(args) {
        Ok(()) => ExitCode::Clean,
        Err(message) => {
            errln!("error: {message}");
            ExitCode::Usage
        }
    }
}

/// What to write for each record.
#[derive(Clone, Copy)]
enum Emit {
    Cid,
    Cbor,
    Json { compact: bool },
}

fn execute(args: DataArgs) -> Result<(), String> {
    let (file, input, emit, output) = match args {
        DataArgs::Cid { file, input } => (file, input, Emit::Cid, None),
        DataArgs::ToCbor {
            file,
            output,
            input,
        } => (file, input, Emit::Cbor, output),
        DataArgs::ToJson {
            file,
            compact,
            input,
        } => (file, input, Emit::Json { compact }, None),
    };
    let input = input::open(&file, input.format())
        .map_err(|e| format!("cannot read {}: {e}", display(&file)))?;
    let mut out: Box<dyn Write> = match &output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(crate::output::stdout())),
    };
    let written = write_records(input, emit, &mut out).and_then(|()| {
        out.flush()
            .map_err(|e| format!("cannot write {}: {e}", target(output.as_deref())))
    });
    if written.is_err() {
        if let Some(path) = &output {
            // No partial output file is left behind.
            drop(out);
            let _ = std::fs::remove_file(path);
        }
    }
    written
}

fn write_records(input: input::Input, emit: Emit, out: &mut dyn Write) -> Result<(), String> {
    let name = input.name.clone();
    let format = input.format;
    if format == Format::Jsonl {
        let mut lines = Lines::new(input.reader, format.limit());
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let next = lines
                .next_into(&mut buf)
                .map_err(|e| format!("cannot read {name}: {e}"))?;
            let Some((number, text)) = next else {
                return Ok(());
            };
            let at = format!("{name}:{number}");
            let text = match text {
                Ok(start) => buf.get(start..).unwrap_or_default(),
                Err(len) => {
                    return Err(format!(
                        "{at}: the line is {len} bytes, larger than the limit of {} bytes \
                         for a JSON record",
                        format.limit()
                    ))
                }
            };
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let record = json::record_from_slice(text)
                .map_err(|e| format!("{at}: invalid JSON record: {e}"))?;
            // JSON lines stay JSON lines: one compact record per line.
            let emit = match emit {
                Emit::Json { .. } => Emit::Json { compact: true },
                other => other,
            };
            write_record(&record, emit, &at, out)?;
        }
    }
    let bytes = match input.read_record() {
        Ok(bytes) => bytes,
        Err(ReadError::TooLarge(message)) => return Err(format!("{name}: {message}")),
        Err(ReadError::Io(e)) => return Err(format!("cannot read {name}: {e}")),
    };
    let record = match format {
        Format::Cbor => cbor::decode_record(&bytes)
            .map_err(|e| format!("{name}: invalid DAG-CBOR record: {e}"))?,
        Format::Json | Format::Jsonl => json::record_from_slice(&bytes)
            .map_err(|e| format!("{name}: invalid JSON record: {e}"))?,
    };
    write_record(&record, emit, &name, out)
}

/// Writes one record; refused when its DAG-CBOR encoding is over the record limit.
fn write_record(record: &Map, emit: Emit, at: &str, out: &mut dyn Write) -> Result<(), String> {
    let cbor = cbor::encode_record(record).map_err(|e| match e.kind() {
        DataErrorKind::TooLarge { limit } => {
            format!("{at}: as DAG-CBOR the record is larger than the limit of {limit} bytes")
        }
        _ => format!("{at}: {e}"),
    })?;
    let written = match emit {
        Emit::Cid => writeln!(out, "{}", lex_runtime::Cid::for_dag_cbor(&cbor)),
        Emit::Cbor => out.write_all(&cbor),
        Emit::Json { compact } => {
            let value = Value::Map(record.clone());
            let text = if compact {
                json::to_string(&value)
            } else {
                json::to_string_pretty(&value)
            };
            writeln!(out, "{text}")
        }
    };
    written.map_err(|e| format!("cannot write: {e}"))
}

fn target(output: Option<&Path>) -> String {
    output.map_or_else(|| "standard output".to_owned(), |p| p.display().to_string())
}

fn display(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    }
}
