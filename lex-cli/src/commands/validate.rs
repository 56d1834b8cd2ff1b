//! `lex validate`: record data (JSON, DAG-CBOR or JSON lines) checked against lexicons
//! loaded from folders, with `lex_runtime::validate`.
//!
//! The format of each file is `--input-format`, else detected from its content (see
//! `input.rs`). `-` reads standard input. The schema is `--type` or else each record's own
//! `$type`. JSON lines are streamed: batches of lines are parsed and validated on every
//! core, and results are printed in line order (see `lines.rs`), so memory stays flat
//! whatever the input size. Records over the data model's size limits are invalid, and are
//! refused before they are read whole.
//!
//! The lexicons need not be complete: what loads is used, what does not is listed as
//! warnings, and a record that reaches a missing definition is invalid with an error
//! naming it.
//!
//! Exit codes: 0 every record valid; 1 some record invalid (each error printed on stdout as
//! `FILE[:LINE]: PATH: MESSAGE`, data that does not decode counts as invalid) or not
//! validated because no lexicon defines its `$type` (unless `--allow-unknown`); 2 usage or
//! input errors (an unreadable file, a lexicon path that does not exist, no lexicon loaded,
//! a `--type` with no schema).

use std::path::{Path, PathBuf};

use clap::Args;
use lex_compiler::Diagnostic;
use lex_runtime::limits::MAX_CBOR_RECORD_SIZE;
use lex_runtime::validate::{DefId, Options, SchemaSet, ValidationErrors, Validator};
use lex_runtime::{cbor, json, DataErrorKind, Value};

use crate::exit::ExitCode;
use crate::input::{self, Format, InputArgs, ReadError};
use crate::lines;
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
    #[command(flatten)]
    input: InputArgs,
    /// Exit 0 even when some records were not validated because no lexicon defines their
    /// `$type` (they are still listed and counted as unvalidated, never as valid).
    #[arg(long)]
    allow_unknown: bool,
    /// Accept datetimes that are only leniently valid (no timezone, a space for `T`, ...).
    #[arg(long)]
    lenient_datetimes: bool,
    /// Accept the legacy `{cid, mimeType}` blob form.
    #[arg(long)]
    allow_legacy_blobs: bool,
    #[command(flatten)]
    load: crate::args::LoadArgs,
    /// Record files (JSON, DAG-CBOR or JSON lines); `-` for standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Runs `lex validate`.
pub(crate) fn run(args: ValidateArgs) -> ExitCode {
    let loaded = match super::load::load_with_lex_toml(&args.lexicons, &args.load) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let set = match schema_set(&loaded) {
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
    let checker = Checker {
        validator: set.validator().options(options),
        fixed,
    };
    let mut tally = Tally::default();
    for file in &args.files {
        tally.file(&checker, file, args.input.format());
    }
    outln!(
        "checked {} records: {} valid, {} invalid, {} unvalidated",
        tally.records,
        tally.valid,
        tally.invalid,
        tally.unvalidated
    );
    if tally.unvalidated > 0 {
        let note = if args.allow_unknown {
            "allowed by --allow-unknown"
        } else {
            "give their lexicons, or --allow-unknown"
        };
        errln!(
            "note: {} records were not validated: no lexicon defines their `$type` ({note})",
            tally.unvalidated
        );
    }
    if tally.input_errors > 0 {
        ExitCode::Usage
    } else if tally.invalid > 0 || (tally.unvalidated > 0 && !args.allow_unknown) {
        ExitCode::Findings
    } else {
        ExitCode::Clean
    }
}

/// Compiles what resolved of the loaded lexicons. Problems are warnings (records
/// that reach them fail with an error naming the missing definition); only a path that
/// does not exist, or nothing loaded at all, is fatal.
fn schema_set(loaded: &lex_compiler::Loaded) -> Result<SchemaSet, String> {
    let errors: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| report::level(d) == "error")
        .collect();
    if let Some(missing) = errors
        .iter()
        .find(|d| d.code_str() == "lex::resolve::missing-path")
    {
        return Err(missing.message().to_string());
    }
    let docs = loaded.catalog.documents().map(|parsed| &parsed.document);
    let set = SchemaSet::from_documents_lenient(docs);
    if set.is_empty() {
        report::print_text(&loaded.diagnostics);
        return Err("no lexicon definition could be loaded (see `lex check`)".to_owned());
    }
    for d in &errors {
        let at = report::location(d).map_or_else(String::new, |l| {
            format!("{}:{}:{}: ", l.file.unwrap_or_default(), l.line, l.column)
        });
        errln!("warning: {at}{} [{}]", d.message(), d.code_str());
    }
    for problem in set.problems() {
        errln!("warning: {problem}");
    }
    if !errors.is_empty() || !set.problems().is_empty() {
        errln!(
            "warning: some lexicons did not load or resolve (see `lex check`); records are \
             validated against the rest, and one that reaches a missing definition is invalid"
        );
    }
    Ok(set)
}

/// What validation needs, shared by the worker threads.
struct Checker<'s> {
    validator: Validator<'s>,
    fixed: Option<DefId>,
}

/// The verdict on one record (or line).
enum Outcome {
    /// A blank line of JSON lines: not a record.
    Blank,
    Valid,
    /// Each line is `PATH: MESSAGE`.
    Invalid(Vec<String>),
    /// No lexicon defines the record's `$type`.
    Unvalidated(String),
}

/// JSON text up to this size cannot encode to more than the DAG-CBOR record limit: only a
/// string of 256 bytes or more can take one byte more in DAG-CBOR (a 3-byte head against
/// two quotes), everything else takes at most as many. Larger text is encoded to check.
const JSON_SURELY_FITS: usize = MAX_CBOR_RECORD_SIZE - MAX_CBOR_RECORD_SIZE / 256;

impl Checker<'_> {
    /// Validates one decoded record; `json_len` is the size of its JSON text, if any.
    fn check(&self, value: Result<Value, String>, json_len: Option<usize>) -> Outcome {
        let value = match value {
            Ok(value) => value,
            Err(message) => return Outcome::Invalid(vec![message]),
        };
        if json_len.is_some_and(|len| len > JSON_SURELY_FITS) {
            if let Value::Map(map) = &value {
                if let Err(e) = cbor::encode_record(map) {
                    if matches!(e.kind(), DataErrorKind::TooLarge { .. }) {
                        return Outcome::Invalid(vec![format!(
                            "$: as DAG-CBOR the record is larger than the limit of \
                             {MAX_CBOR_RECORD_SIZE} bytes"
                        )]);
                    }
                }
            }
        }
        let result = match self.fixed {
            Some(id) => self.validator.validate(id, &value),
            None => match value.type_name() {
                Some(t) => match self.validator.schemas().def(t) {
                    Some(id) => self.validator.validate(id, &value),
                    None => return Outcome::Unvalidated(t.to_owned()),
                },
                None => {
                    return Outcome::Invalid(vec![
                        "$: no `$type` to choose a schema by (or give `--type`)".to_owned(),
                    ])
                }
            },
        };
        match result {
            Ok(()) => Outcome::Valid,
            Err(errors) => Outcome::Invalid(error_lines(&errors)),
        }
    }

    /// Parses and validates one line of JSON lines.
    fn line(&self, line: lines::Line<'_>) -> Outcome {
        match line.text {
            Err(len) => Outcome::Invalid(vec![format!(
                "$: the line is {len} bytes, larger than the limit of {} bytes for a JSON record",
                Format::Jsonl.limit()
            )]),
            Ok(text) if text.iter().all(u8::is_ascii_whitespace) => Outcome::Blank,
            Ok(text) => self.check(
                json::from_slice(text).map_err(|e| e.to_string()),
                Some(text.len()),
            ),
        }
    }
}

fn error_lines(errors: &ValidationErrors) -> Vec<String> {
    let mut lines: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.path(), e.message()))
        .collect();
    if errors.is_truncated() {
        lines.push("(more errors not shown)".to_owned());
    }
    lines
}

/// Counts and prints verdicts.
#[derive(Default)]
struct Tally {
    records: usize,
    valid: usize,
    invalid: usize,
    unvalidated: usize,
    input_errors: usize,
}

impl Tally {
    fn file(&mut self, checker: &Checker<'_>, file: &Path, format: input::InputFormat) {
        let input = match input::open(file, format) {
            Ok(input) => input,
            Err(e) => {
                errln!("error: cannot read {}: {e}", display(file));
                self.input_errors += 1;
                return;
            }
        };
        let name = input.name.clone();
        let format = input.format;
        if format == Format::Jsonl {
            let workers = std::thread::available_parallelism().map_or(1, usize::from);
            let config = lines::Config::new(workers, format.limit());
            let result = lines::run(
                input.reader,
                &config,
                |line| (line.number, checker.line(line)),
                |(number, outcome)| self.report(|| format!("{name}:{number}"), outcome),
            );
            if let Err(e) = result {
                errln!("error: cannot read {name}: {e}");
                self.input_errors += 1;
            }
            return;
        }
        let outcome = match input.read_record() {
            Ok(bytes) => {
                let value = match format {
                    Format::Cbor => cbor::decode(&bytes).map_err(|e| match e.kind() {
                        // Its message already says "invalid DAG-CBOR".
                        DataErrorKind::Cbor(_) => e.to_string(),
                        _ => format!("invalid DAG-CBOR: {e}"),
                    }),
                    // Syntax errors say "invalid JSON"; the rest are data-model rules.
                    Format::Json | Format::Jsonl => {
                        json::from_slice(&bytes).map_err(|e| e.to_string())
                    }
                };
                let json_len = (format != Format::Cbor).then_some(bytes.len());
                checker.check(value, json_len)
            }
            Err(ReadError::TooLarge(message)) => Outcome::Invalid(vec![format!("$: {message}")]),
            Err(ReadError::Io(e)) => {
                errln!("error: cannot read {name}: {e}");
                self.input_errors += 1;
                return;
            }
        };
        self.report(|| name.clone(), outcome);
    }

    /// Counts one verdict and prints what is wrong, prefixed by `at()` (`FILE[:LINE]`).
    fn report(&mut self, at: impl Fn() -> String, outcome: Outcome) {
        match outcome {
            Outcome::Blank => return,
            Outcome::Valid => self.valid += 1,
            Outcome::Invalid(lines) => {
                self.invalid += 1;
                let at = at();
                for line in lines {
                    outln!("{at}: {line}");
                }
            }
            Outcome::Unvalidated(t) => {
                self.unvalidated += 1;
                outln!(
                    "{}: $: not validated: no lexicon defines `{t}` (its `$type`)",
                    at()
                );
            }
        }
        self.records += 1;
    }
}

fn display(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        file.display().to_string()
    }
}
