//! Validation errors: a path into the data (`$.embed.images[0].alt`) and a message, and
//! [`ValidationErrors`], every error of one validation.
//!
//! Paths are a linked list of stack frames ([`Path`]) while the validator walks the data, so
//! valid data never allocates one; the string is built only when an error is recorded.

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
    /// (see [`crate::validate::Options::max_errors`]).
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

/// The position of the value being validated: a list of frames that lives on the stack of
/// the recursive walk (each frame points at its parent).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'a> {
    /// The validated value itself (`$`).
    Root,
    /// A map entry of the parent.
    Key(&'a Path<'a>, &'a str),
    /// An array element of the parent.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The path of entry `key` of this map.
    #[inline]
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The path of element `index` of this array.
    #[inline]
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// `$`, `$.a.b[0]`, `$["odd key"]`.
    pub(crate) fn render(&self) -> String {
        let mut out = String::with_capacity(32);
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Path::Root => out.push('$'),
            Path::Key(parent, key) => {
                parent.write(out);
                if is_plain_key(key) {
                    out.push('.');
                    out.push_str(key);
                } else {
                    out.push('[');
                    out.push_str(&format!("{key:?}"));
                    out.push(']');
                }
            }
            Path::Index(parent, index) => {
                parent.write(out);
                out.push('[');
                out.push_str(&index.to_string());
                out.push(']');
            }
        }
    }
}

/// Keys printed after a dot; anything else is quoted (same rule as `DataError::path`).
fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b == b'-')
}
