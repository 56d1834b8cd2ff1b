//! `lex validate`: record data (JSON or DAG-CBOR) checked against lexicons loaded from
//! folders, with `lex_runtime::validate`.
//!
//! A file holds one record, as JSON or DAG-CBOR (told apart by the first byte: a CBOR map
//! head, 0xa0..=0xbf, cannot start JSON text), or JSON lines (one record per line, with
//! `--jsonl` or a `.jsonl` extension). `-` reads standard input. The schema is `--type` or
//! else each record's own `$type`.
//!
//! Exit codes: 0 every record valid; 1 some record invalid (each error printed on stdout as
//! `FILE[:LINE]: PATH: MESSAGE`, data that does not decode counts as invalid); 2 usage or
//! input errors (an unreadable file, a lexicon folder with errors, a type with no schema).

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use lex_runtime::validate::{DefId, Options, SchemaSet, ValidationErrors, Validator};
use lex_runtime::{cbor, json, Value};

use crate::exit::ExitCode;
use crate::output::{errln, outln};
use crate::report;

/// `lex validate` arguments.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Lexicon folder (or file), searched recursively for `*.json`; repeat for several.
    #[arg(long = "lexicons", value_name = "DIR", required = true)]
    lexicons: Vec<PathBuf>,
    /// Validate against this definition (`nsid` or `nsid#def`) instead of each record's
    /// `$type`.
    #[arg(long = "type", value_name = "NSID[#DEF]")]
    type_name: Option<String>,
    /// Read every file as JSON lines (implied by a `.jsonl` extension).
    #[arg(long)]
    jsonl: bool,
    /// Accept datetimes that are only leniently valid (no timezone, a space for `T`, ...).
    #[arg(long)]
    lenient_datetimes: bool,
    /// Accept the legacy `{cid, mimeType}` blob form.
    #[arg(long)]
    allow_legacy_blobs: bool,
    /// Record files (JSON, DAG-CBOR or JSON lines); `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Runs `lex validate`.
pub(crate) fn run(args: ValidateArgs) -> ExitCode {
    let set = match load(&args.lexicons) {
        Ok(set) => set,
        Err(message) => {
            errln!("error: {message}");
            return ExitCode::Usage;
        }
    };
    let fixed = match &args.type_name {
        Some(name) => match set.def(name) {
            Some(id) => Some(id),
            None => {
                errln!("error: no lexicon defines `{name}`");
                return ExitCode::Usage;
            }
        },
        None => None,
    };
    let options = Options::default()
        .lenient_datetimes(args.lenient_datetimes)
        .allow_legacy_blobs(args.allow_legacy_blobs);
    let mut run = Run {
        validator: set.validator().options(options),
        fixed,
        records: 0,
        invalid: 0,
        input_errors: 0,
    };
    for file in &args.files {
        run.file(file, args.jsonl);
    }
    outln!(
        "checked {} records: {} valid, {} invalid",
        run.records,
        run.records - run.invalid,
        run.invalid
    );
    if run.input_errors > 0 {
        ExitCode::Usage
    } else if run.invalid > 0 {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// Loads and resolves the lexicon folders; any error diagnostic is fatal (printed first).
fn load(paths: &[PathBuf]) -> Result<SchemaSet, String> {
    let loaded = lex_compiler::load_paths(paths);
    if loaded.diagnostics.has_errors() {
        report::print_text(&loaded.diagnostics);
        return Err(format!(
            "the lexicons have {} errors (see `lex check`)",
            loaded.diagnostics.error_count()
        ));
    }
    let docs = loaded.catalog.documents().map(|parsed| &parsed.document);
    SchemaSet::from_documents(docs).map_err(|e| format!("cannot load the lexicons: {e}"))
}

struct Run<'s> {
    validator: Validator<'s>,
    fixed: Option<DefId>,
    records: usize,
    invalid: usize,
    input_errors: usize,
}

impl Run<'_> {
    fn file(&mut self, file: &Path, jsonl: bool) {
        let name = file.display().to_string();
        let bytes = match read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                errln!("error: cannot read {}: {e}", display(&name));
                self.input_errors += 1;
                return;
            }
        };
        let is_jsonl = jsonl || file.extension().is_some_and(|x| x == "jsonl");
        if !is_jsonl {
            let value = match bytes.first() {
                // The data model's errors already say "invalid JSON" / "invalid DAG-CBOR".
                Some(0xa0..=0xbf) => cbor::decode(&bytes).map_err(|e| e.to_string()),
                _ => json::from_slice(&bytes).map_err(|e| e.to_string()),
            };
            return self.record(&display(&name), value);
        }
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let value = json::from_slice(line).map_err(|e| e.to_string());
            self.record(&format!("{}:{}", display(&name), i + 1), value);
        }
    }

    /// Validates one decoded record (or counts its decoding error) and prints its errors.
    fn record(&mut self, at: &str, value: Result<Value, String>) {
        self.records += 1;
        let value = match value {
            Ok(value) => value,
            Err(message) => {
                self.invalid += 1;
                outln!("{at}: {message}");
                return;
            }
        };
        let result = match self.fixed {
            Some(id) => self.validator.validate(id, &value),
            None => match value.type_name() {
                Some(t) => match self.validator.schemas().def(t) {
                    Some(id) => self.validator.validate(id, &value),
                    None => {
                        errln!("error: {at}: no lexicon defines `{t}` (its `$type`)");
                        self.input_errors += 1;
                        return;
                    }
                },
                None => {
                    self.invalid += 1;
                    outln!("{at}: $: no `$type` to choose a schema by (or give `--type`)");
                    return;
                }
            },
        };
        if let Err(errors) = result {
            self.invalid += 1;
            print_errors(at, &errors);
        }
    }
}

fn print_errors(at: &str, errors: &ValidationErrors) {
    for e in errors {
        outln!("{at}: {}: {}", e.path(), e.message());
    }
    if errors.is_truncated() {
        outln!("{at}: (more errors not shown)");
    }
}

fn display(name: &str) -> String {
    if name == "-" {
        "<stdin>".to_owned()
    } else {
        name.to_owned()
    }
}

fn read(file: &Path) -> std::io::Result<Vec<u8>> {
    if file.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(file)
    }
}
