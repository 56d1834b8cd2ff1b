//! Record input for `lex validate` and `lex data`: a file or stdin in, a reader whose
//! format (JSON, JSON lines, DAG-CBOR) is known out, and size caps applied before reading.
//!
//! The format comes from `--input-format`, else from the content: a CBOR record is a map
//! (0xa0..=0xbf), and any byte that cannot start JSON text means CBOR too, so DAG-CBOR that
//! is not a map is reported as bad DAG-CBOR rather than as "invalid JSON at column 1". JSON
//! text is JSON lines when its file name ends in `.jsonl`/`.ndjson`, or when its first line
//! is a whole JSON value and more text follows.
//!
//! Nothing is read whole: a single record goes through `Read::take(limit + 1)` (stdin too)
//! after a metadata check, and JSON lines are read line by line, each capped at the JSON
//! record limit (an over-long line is skipped, never buffered).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;

use lex_runtime::limits::{MAX_CBOR_RECORD_SIZE, MAX_JSON_RECORD_SIZE};

/// `--input-format`: how to read record input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum InputFormat {
    // Plain comments: doc comments on the variants would switch `--help` to its long form.
    // From the content (and a `.jsonl`/`.ndjson` extension).
    #[default]
    Auto,
    // One JSON record.
    Json,
    // One JSON record per line.
    Jsonl,
    // One DAG-CBOR record.
    Cbor,
}

/// The input flags of `lex validate` and `lex data`.
#[derive(Debug, Clone, Copy, clap::Args)]
pub(crate) struct InputArgs {
    /// How to read the input: `auto` tells JSON, JSON lines (also a `.jsonl` name) and
    /// DAG-CBOR apart by content.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// Short for `--input-format jsonl`.
    #[arg(long, conflicts_with = "input_format")]
    jsonl: bool,
}

impl InputArgs {
    /// The format asked for.
    pub(crate) fn format(&self) -> InputFormat {
        if self.jsonl {
            InputFormat::Jsonl
        } else {
            self.input_format
        }
    }
}

/// A resolved input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// One JSON record.
    Json,
    /// One JSON record per line.
    Jsonl,
    /// One DAG-CBOR record.
    Cbor,
}

impl Format {
    /// The largest record (or JSON line) of this format, in bytes.
    pub(crate) fn limit(self) -> usize {
        match self {
            Format::Json | Format::Jsonl => MAX_JSON_RECORD_SIZE,
            Format::Cbor => MAX_CBOR_RECORD_SIZE,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Format::Json | Format::Jsonl => "JSON",
            Format::Cbor => "DAG-CBOR",
        }
    }
}

/// A reader that can be moved to the thread that reads JSON lines.
pub(crate) type Reader = Box<dyn BufRead + Send>;

/// An opened input whose format is known.
pub(crate) struct Input {
    /// `<stdin>` or the path, for messages.
    pub(crate) name: String,
    /// The resolved format.
    pub(crate) format: Format,
    /// The bytes, from the start (what format detection read is put back in front).
    pub(crate) reader: Reader,
    /// The file size, when it is a regular file.
    size: Option<u64>,
}

/// Why a single record could not be read.
pub(crate) enum ReadError {
    /// Reading failed (an input error).
    Io(io::Error),
    /// The record is over its format's limit (invalid data, nothing more was read).
    TooLarge(String),
}

/// Reader buffer size: large enough that line splitting is not a cost.
const BUFFER: usize = 256 * 1024;

/// Opens `path` (`-` is stdin) and resolves its format.
pub(crate) fn open(path: &Path, requested: InputFormat) -> io::Result<Input> {
    let (name, reader, size): (String, Reader, Option<u64>) = if path.as_os_str() == "-" {
        let reader = BufReader::with_capacity(BUFFER, io::stdin());
        ("<stdin>".to_owned(), Box::new(reader), None)
    } else {
        let file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(io::Error::other("is a folder"));
        }
        let size = meta.is_file().then_some(meta.len());
        let reader = BufReader::with_capacity(BUFFER, file);
        (path.display().to_string(), Box::new(reader), size)
    };
    let mut input = Input {
        name,
        format: Format::Json,
        reader,
        size,
    };
    input.format = match requested {
        InputFormat::Json => Format::Json,
        InputFormat::Jsonl => Format::Jsonl,
        InputFormat::Cbor => Format::Cbor,
        InputFormat::Auto => {
            let jsonl_name = path
                .extension()
                .is_some_and(|x| x == "jsonl" || x == "ndjson");
            detect(&mut input.reader, jsonl_name)?
        }
    };
    Ok(input)
}

/// Decides the format of `reader` from its first bytes; what it reads to decide is put
/// back in front, so the reader still starts at the first byte.
fn detect(reader: &mut Reader, jsonl_name: bool) -> io::Result<Format> {
    let first = reader.fill_buf()?.first().copied();
    let json = match first {
        None => true,
        Some(b) => starts_json(b),
    };
    if !json {
        return Ok(Format::Cbor);
    }
    if jsonl_name {
        return Ok(Format::Jsonl);
    }
    // JSON lines when the first line is a whole value and more text follows it.
    let mut prefix = Vec::new();
    let limit = MAX_JSON_RECORD_SIZE as u64;
    reader
        .by_ref()
        .take(limit + 1)
        .read_until(b'\n', &mut prefix)?;
    let mut format = Format::Json;
    if prefix.ends_with(b"\n") && is_json_value(&prefix) {
        // Look past blank lines for more text, keeping what is read.
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            if let Some(i) = buf.iter().position(|b| !b.is_ascii_whitespace()) {
                prefix.extend_from_slice(buf.get(..i).unwrap_or_default());
                reader.consume(i);
                format = Format::Jsonl;
                break;
            }
            let n = buf.len();
            prefix.extend_from_slice(buf);
            reader.consume(n);
            if prefix.len() as u64 > limit {
                break;
            }
        }
    }
    let rest = std::mem::replace(reader, Box::new(io::empty()));
    *reader = Box::new(Cursor::new(prefix).chain(rest));
    Ok(format)
}

/// True when `b` can start JSON text (whitespace included): anything else is CBOR.
fn starts_json(b: u8) -> bool {
    matches!(b, b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
        || b.is_ascii_whitespace()
        // A UTF-8 byte order mark, which the JSON parser then refuses by name.
        || b == 0xef
}

fn is_json_value(text: &[u8]) -> bool {
    // Once per input, so a throwaway `serde_json::Value` is fine.
    serde_json::from_slice::<serde_json::Value>(text).is_ok()
}

impl Input {
    /// Reads the single record, refusing one over its format's limit without reading it
    /// whole (a regular file by its size, anything else by reading one byte past the limit).
    pub(crate) fn read_record(mut self) -> Result<Vec<u8>, ReadError> {
        let limit = self.format.limit();
        let too_large = || {
            ReadError::TooLarge(format!(
                "record is larger than the limit of {limit} bytes for a {} record",
                self.format.noun()
            ))
        };
        if self.size.is_some_and(|size| size > limit as u64) {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        self.reader
            .by_ref()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(ReadError::Io)?;
        if bytes.len() > limit {
            return Err(too_large());
        }
        Ok(bytes)
    }
}

/// Splits a reader into lines of at most `max_len` bytes; longer lines are skipped (their
/// length is reported) without being held in memory.
pub(crate) struct Lines<R> {
    reader: R,
    max_len: usize,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`, each at most `max_len` bytes.
    pub(crate) fn new(reader: R, max_len: usize) -> Lines<R> {
        Lines {
            reader,
            max_len,
            number: 0,
        }
    }

    /// Appends the next line to `buf` and returns its number and where it starts in `buf`,
    /// or `None` at the end. A line over the limit leaves `buf` unchanged and gives its
    /// length instead.
    pub(crate) fn next_into(
        &mut self,
        buf: &mut Vec<u8>,
    ) -> io::Result<Option<(usize, Result<usize, usize>)>> {
        let start = buf.len();
        let cap = self.max_len as u64 + 1;
        let n = self.reader.by_ref().take(cap).read_until(b'\n', buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.number += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        let len = buf.len() - start;
        if len <= self.max_len {
            return Ok(Some((self.number, Ok(start))));
        }
        buf.truncate(start);
        let skipped = self.skip_line()?;
        Ok(Some((self.number, Err(n + skipped))))
    }

    /// Consumes the rest of the current line without keeping it; returns its length.
    fn skip_line(&mut self) -> io::Result<usize> {
        let mut skipped = 0;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(skipped);
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(skipped + i);
                }
                None => {
                    let n = buf.len();
                    skipped += n;
                    self.reader.consume(n);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_bytes(bytes: &[u8], jsonl_name: bool) -> (Format, Vec<u8>) {
        let mut reader: Reader = Box::new(Cursor::new(bytes.to_vec()));
        let format = detect(&mut reader, jsonl_name).unwrap_or(Format::Json);
        let mut back = Vec::new();
        assert!(reader.read_to_end(&mut back).is_ok());
        (format, back)
    }

    #[test]
    fn formats_are_detected_from_content_and_nothing_is_lost() {
        let cases: [(&[u8], bool, Format); 9] = [
            (b"{\"a\": 1}", false, Format::Json),
            (b"{\"a\": 1}\n", false, Format::Json),
            (b"{\n  \"a\": 1\n}\n", false, Format::Json),
            (b"{\"a\": 1}\n\n\n{\"a\": 2}\n", false, Format::Jsonl),
            (b"{\"a\": 1}\nnot json", false, Format::Jsonl),
            (b"{\"a\": 1}", true, Format::Jsonl),
            (b"\xa1\x61a\x01", false, Format::Cbor),
            // A CBOR array or integer is CBOR (and then not a record), not "invalid JSON".
            (b"\x82\x01\x02", false, Format::Cbor),
            (b"", false, Format::Json),
        ];
        for (bytes, jsonl_name, expected) in cases {
            let (format, back) = detect_bytes(bytes, jsonl_name);
            assert_eq!(format, expected, "{:?}", String::from_utf8_lossy(bytes));
            assert_eq!(back, bytes);
        }
    }

    #[test]
    fn long_lines_are_skipped_not_kept() {
        let text = format!("ab\n{}\r\ncd\r\n{}", "x".repeat(100), "y".repeat(11));
        let mut lines = Lines::new(Cursor::new(text.into_bytes()), 10);
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        while let Ok(Some((number, at))) = lines.next_into(&mut buf) {
            match at {
                Ok(start) => seen.push((
                    number,
                    String::from_utf8_lossy(buf.get(start..).unwrap_or_default()).into_owned(),
                )),
                Err(len) => seen.push((number, format!("too long: {len}"))),
            }
            // Never more than one capped line (plus its newline) in the buffer.
            assert!(buf.len() <= 4, "{buf:?}");
        }
        assert_eq!(
            seen,
            [
                (1, "ab".to_owned()),
                (2, "too long: 101".to_owned()),
                (3, "cd".to_owned()),
                (4, "too long: 11".to_owned()),
            ]
        );
    }
}
