//! `lex data`: JSON <-> DAG-CBOR conversion and record CIDs.
//!
//! Input is a record (a map) as atproto JSON or DAG-CBOR, told apart by its first byte: a
//! CBOR map head (0xa0..=0xbf) cannot start JSON text. `-` reads standard input.

use std::io::{Read, Write};
use std::path::PathBuf;

use clap::Subcommand;
use lex_runtime::{cbor, json, Value};

use crate::exit::ExitCode;
use crate::output::errln;

/// `lex data` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum DataArgs {
    /// Print the CID of a record (DAG-CBOR, sha2-256, CIDv1).
    Cid {
        /// Record as JSON or DAG-CBOR; `-` for standard input.
        file: PathBuf,
    },
    /// Convert a record to canonical DAG-CBOR (raw bytes).
    ToCbor {
        /// Record as JSON or DAG-CBOR; `-` for standard input.
        file: PathBuf,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Convert a record to atproto JSON (indented unless `--compact`).
    ToJson {
        /// Record as JSON or DAG-CBOR; `-` for standard input.
        file: PathBuf,
        /// One line, no spaces.
        #[arg(long)]
        compact: bool,
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

fn execute(args: DataArgs) -> Result<(), String> {
    match args {
        DataArgs::Cid { file } => {
            let record = read_record(&file)?;
            write_stdout(format!("{}\n", cbor::cid_of(&record)).as_bytes())
        }
        DataArgs::ToCbor { file, output } => {
            let bytes = cbor::encode(&read_record(&file)?);
            match output {
                Some(path) => std::fs::write(&path, bytes)
                    .map_err(|e| format!("cannot write {}: {e}", path.display())),
                None => write_stdout(&bytes),
            }
        }
        DataArgs::ToJson { file, compact } => {
            let record = read_record(&file)?;
            let mut text = if compact {
                json::to_string(&record)
            } else {
                json::to_string_pretty(&record)
            };
            text.push('\n');
            write_stdout(text.as_bytes())
        }
    }
}

/// Reads `file` (or stdin for `-`) and decodes it as a JSON or DAG-CBOR record.
fn read_record(file: &PathBuf) -> Result<Value, String> {
    let name = file.display().to_string();
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(file).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    let record = match bytes.first() {
        Some(0xa0..=0xbf) => cbor::decode_record(&bytes)
            .map_err(|e| format!("{name}: invalid DAG-CBOR record: {e}"))?,
        _ => json::record_from_slice(&bytes)
            .map_err(|e| format!("{name}: invalid JSON record: {e}"))?,
    };
    Ok(Value::Map(record))
}

fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = crate::output::stdout();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write: {e}"))
}
