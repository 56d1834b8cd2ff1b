//! Errors of the data-model decoders and encoders: what is wrong and where (`$.a.b[0]`).
//!
//! The path is built while the error unwinds (each container prepends its own segment), so
//! valid input pays nothing for it.

use std::fmt;

use crate::cid::CidError;

/// What made data invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// JSON syntax error (serde_json's message, with line and column).
    Json(String),
    /// A serde `Serialize`/`Deserialize` implementation reported an error.
    Custom(String),
    /// The input is larger than the size limit.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Containers are nested deeper than the limit.
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// An array or map has more elements than the limit.
    ContainerTooLong {
        /// The limit.
        limit: usize,
    },
    /// A map key is longer than the limit.
    KeyTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// A map key is the empty string.
    EmptyKey,
    /// A map key appears twice.
    DuplicateKey(String),
    /// Floats are not part of the atproto data model.
    Float,
    /// An integer outside ±(2^53 − 1).
    IntegerOutOfRange,
    /// A record (top-level value) must be a map.
    NotAMap,
    /// `$type` is present but not a non-empty string.
    InvalidType,
    /// A `$link` object or tag-42 payload that is not a valid link.
    InvalidLink(String),
    /// A `$bytes` object that is not valid.
    InvalidBytes(String),
    /// A `"$type": "blob"` map that is not a well-formed blob.
    InvalidBlob(String),
    /// A map uses a reserved key (`$link`, `$bytes`) that cannot be represented.
    ReservedKey(String),
    /// Malformed or non-canonical DAG-CBOR.
    Cbor(String),
    /// The input ended in the middle of a value.
    UnexpectedEnd,
    /// Bytes follow the single top-level item.
    TrailingBytes,
    /// A CBOR text string or key is not valid UTF-8.
    InvalidUtf8,
    /// Map keys are not in canonical DAG-CBOR order (length first, then bytewise).
    KeyOrder,
}

impl fmt::Display for DataErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataErrorKind::Json(m) => write!(f, "invalid JSON: {m}"),
            DataErrorKind::Custom(m) => f.write_str(m),
            DataErrorKind::TooLarge { limit } => {
                write!(f, "larger than the limit of {limit} bytes")
            }
            DataErrorKind::TooDeep { limit } => write!(f, "nested deeper than {limit} levels"),
            DataErrorKind::ContainerTooLong { limit } => {
                write!(f, "container has more than {limit} elements")
            }
            DataErrorKind::KeyTooLong { limit } => {
                write!(f, "map key is longer than {limit} bytes")
            }
            DataErrorKind::EmptyKey => f.write_str("map key is empty"),
            DataErrorKind::DuplicateKey(k) => write!(f, "duplicate map key {k:?}"),
            DataErrorKind::Float => f.write_str("floats are not allowed"),
            DataErrorKind::IntegerOutOfRange => {
                f.write_str("integer is outside the safe range ±(2^53 - 1)")
            }
            DataErrorKind::NotAMap => f.write_str("a record must be a map"),
            DataErrorKind::InvalidType => f.write_str("`$type` must be a non-empty string"),
            DataErrorKind::InvalidLink(m) => write!(f, "invalid link: {m}"),
            DataErrorKind::InvalidBytes(m) => write!(f, "invalid bytes: {m}"),
            DataErrorKind::InvalidBlob(m) => write!(f, "invalid blob: {m}"),
            DataErrorKind::ReservedKey(k) => write!(f, "map uses the reserved key {k:?}"),
            DataErrorKind::Cbor(m) => write!(f, "invalid DAG-CBOR: {m}"),
            DataErrorKind::UnexpectedEnd => f.write_str("unexpected end of input"),
            DataErrorKind::TrailingBytes => f.write_str("trailing bytes after the value"),
            DataErrorKind::InvalidUtf8 => f.write_str("string is not valid UTF-8"),
            DataErrorKind::KeyOrder => f.write_str("map keys are not in canonical order"),
        }
    }
}

/// One step of a path into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// Invalid data: the kind of problem and the path of the value it was found at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    kind: DataErrorKind,
    /// Innermost segment first (pushed while unwinding).
    path: Vec<Segment>,
}

impl DataError {
    /// An error at the root (`$`); containers add their segments as it unwinds.
    pub fn new(kind: DataErrorKind) -> DataError {
        DataError {
            kind,
            path: Vec::new(),
        }
    }

    /// What is wrong.
    pub fn kind(&self) -> &DataErrorKind {
        &self.kind
    }

    /// Where: `$` for the root, `$.key`, `$.list[3]`, `$["odd key"]`.
    pub fn path(&self) -> String {
        let mut out = String::from("$");
        for seg in self.path.iter().rev() {
            match seg {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) if is_plain_key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Segment::Key(k) => {
                    out.push('[');
                    out.push_str(&format!("{k:?}"));
                    out.push(']');
                }
            }
        }
        out
    }

    /// Prepends a map key to the path (called by the enclosing map while unwinding).
    pub(crate) fn in_key(mut self, key: &str) -> DataError {
        self.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// Prepends an array index to the path.
    pub(crate) fn at_index(mut self, index: usize) -> DataError {
        self.path.push(Segment::Index(index));
        self
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{} at {}", self.kind, self.path())
        }
    }
}

impl std::error::Error for DataError {}

impl From<DataErrorKind> for DataError {
    fn from(kind: DataErrorKind) -> DataError {
        DataError::new(kind)
    }
}

impl From<CidError> for DataError {
    fn from(e: CidError) -> DataError {
        DataError::new(DataErrorKind::InvalidLink(e.to_string()))
    }
}

impl serde::ser::Error for DataError {
    fn custom<T: fmt::Display>(msg: T) -> DataError {
        DataError::new(DataErrorKind::Custom(msg.to_string()))
    }
}

impl serde::de::Error for DataError {
    fn custom<T: fmt::Display>(msg: T) -> DataError {
        DataError::new(DataErrorKind::Custom(msg.to_string()))
    }
}
