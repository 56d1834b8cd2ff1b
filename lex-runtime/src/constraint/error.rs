//! Validation errors: a path into the data (`$.embed.images[0].alt`) and a message, and
//! [`ValidationErrors`], every error of one validation. Both validators (a generated type's
//! `validate()` and the dynamic validator of the `validate` module) return these.

use std::fmt;

/// One problem found in data: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    path: String,
    message: String,
}

impl ValidationError {
    /// An error at `path` (`$` is the validated value itself).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> ValidationError {
        ValidationError {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Where the problem is: `$`, `$.key`, `$.list[3]`, `$["odd key"]`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong, in lower case (`string is longer than 300 graphemes`).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ValidationError {}

/// Every error found in one value (at least one), in the order the data was walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
    truncated: bool,
}

impl ValidationErrors {
    /// Wraps a list of errors; `truncated` says that more were found than kept
    /// (see [`super::Checker::with_max_errors`]; the dynamic validator's `Options::max_errors`).
    pub fn new(errors: Vec<ValidationError>, truncated: bool) -> ValidationErrors {
        ValidationErrors { errors, truncated }
    }

    /// One error.
    pub fn single(error: ValidationError) -> ValidationErrors {
        ValidationErrors {
            errors: vec![error],
            truncated: false,
        }
    }

    /// The errors.
    pub fn errors(&self) -> &[ValidationError] {
        &self.errors
    }

    /// The errors, iterated.
    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    /// How many errors were kept.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// True when no error was kept (never the case for a returned `Err`).
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// True when validation stopped early because of `max_errors` (there may be more).
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The errors, by value.
    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }
}

/// One error per line; a last line says when the list was cut short.
impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        if self.truncated {
            f.write_str("\n(more errors not shown)")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl IntoIterator for ValidationErrors {
    type Item = ValidationError;
    type IntoIter = std::vec::IntoIter<ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}
