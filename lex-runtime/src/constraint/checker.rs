//! [`Checker`]: collects the [`ValidationError`]s of one validation, each with its [`Path`].
//! The constraint methods live next to their rules (`string.rs`, `number.rs`, `length.rs`,
//! `blob.rs`); this file holds the collecting and the checks too small for a file of their
//! own (`boolean` `const`, `unknown`).

use crate::value::Value;

use super::error::{ValidationError, ValidationErrors};
use super::path::Path;

/// Collects the errors of one validation; every constraint method reports into it.
///
/// Nothing allocates until an error is reported: messages and paths are built only then.
/// See [`crate::Validate`] for implementing a check by hand with it.
#[derive(Debug)]
pub struct Checker {
    errors: Vec<ValidationError>,
    max_errors: usize,
    truncated: bool,
}

impl Default for Checker {
    fn default() -> Checker {
        Checker::new()
    }
}

impl Checker {
    /// An empty checker that keeps every error.
    pub fn new() -> Checker {
        Checker::with_max_errors(usize::MAX)
    }

    /// An empty checker that keeps at most `max` errors (further ones only mark the result
    /// as truncated).
    pub fn with_max_errors(max: usize) -> Checker {
        Checker {
            errors: Vec::new(),
            max_errors: max,
            truncated: false,
        }
    }

    /// Records an error at `path` (unless the maximum is reached).
    #[cold]
    pub fn report(&mut self, path: &Path<'_>, message: impl Into<String>) {
        if self.errors.len() >= self.max_errors {
            self.truncated = true;
            return;
        }
        self.errors
            .push(ValidationError::new(path.render(), message.into()));
    }

    /// True once the maximum number of errors is recorded: a long walk may stop early (the
    /// result then says it may be incomplete).
    #[inline]
    pub fn is_full(&mut self) -> bool {
        let full = self.errors.len() >= self.max_errors;
        self.truncated |= full;
        full
    }

    /// True when nothing was reported so far.
    #[inline]
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok` when nothing was reported, else every error recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors::new(self.errors, self.truncated))
        }
    }

    /// Reports a "wrong kind of value" error: `expected a string, found an integer`.
    #[cold]
    pub fn mismatch(&mut self, path: &Path<'_>, expected: &str, found: &Value) {
        self.report(
            path,
            format!("expected {expected}, found {}", article(found.kind_name())),
        );
    }

    /// A `boolean`'s `const`.
    #[inline]
    pub fn boolean(&mut self, b: bool, path: &Path<'_>, const_value: bool) {
        if b != const_value {
            self.report(path, format!("value must be {const_value} (const)"));
        }
    }

    /// An `unknown` value: any map (data-model special objects are their own `Value`
    /// kinds, and decoding already checked everything nested inside).
    #[inline]
    pub fn unknown(&mut self, value: &Value, path: &Path<'_>) {
        if !matches!(value, Value::Map(_)) {
            self.mismatch(path, "an object (`unknown` data must be a map)", value);
        }
    }
}

/// "an integer", "a string", "bytes".
pub(crate) fn article(kind: &str) -> String {
    let vowel = kind
        .as_bytes()
        .first()
        .is_some_and(|c| b"aeiou".contains(c));
    if kind == "null" || kind == "bytes" {
        kind.to_owned()
    } else if vowel {
        format!("an {kind}")
    } else {
        format!("a {kind}")
    }
}
