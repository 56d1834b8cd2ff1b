//! [`ScopeError`]: why a scope string was rejected, with the scope it was found in.

use std::fmt;

/// A scope string that is not a valid atproto permission scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeError {
    scope: String,
    kind: ScopeErrorKind,
}

/// The reason a scope string was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScopeErrorKind {
    /// The scope is the empty string.
    Empty,
    /// A byte outside printable, non-space ASCII (`!` to `~`) at this offset.
    InvalidCharacter {
        /// Byte offset in the scope string.
        offset: usize,
    },
    /// A `%` not followed by two hex digits, or an escape that decodes to invalid UTF-8.
    BadPercentEncoding {
        /// The parameter whose value holds the escape.
        param: String,
    },
    /// The resource (text before the first `:` or `?`) is not one this crate knows.
    UnknownResource(String),
    /// `atproto` and the `transition:` scopes take no positional value or parameters.
    StaticWithParameters(String),
    /// A parameter name the resource does not define.
    UnknownParameter {
        /// The resource.
        resource: &'static str,
        /// The parameter name as written.
        name: String,
    },
    /// A parameter given both positionally and by name.
    PositionalAndNamed(&'static str),
    /// A single-valued parameter given more than once.
    Repeated(&'static str),
    /// A required parameter is absent (e.g. `aud` on `rpc`).
    Missing(&'static str),
    /// A value the parameter does not accept.
    BadValue {
        /// The parameter.
        param: &'static str,
        /// The decoded value.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A `*` used as part of a value, such as `repo:app.bsky.*`; only a whole `*` (or, for
    /// `accept`, `*/*` and `type/*`) is a wildcard.
    PartialWildcard {
        /// The parameter.
        param: &'static str,
        /// The decoded value.
        value: String,
    },
    /// `rpc` with both `lxm` and `aud` set to `*`.
    BothWildcards,
}

impl ScopeError {
    pub(crate) fn new(scope: &str, kind: ScopeErrorKind) -> ScopeError {
        ScopeError {
            scope: scope.to_owned(),
            kind,
        }
    }

    /// The scope string that was rejected.
    pub fn scope(&self) -> &str {
        &self.scope
    }

    /// Why it was rejected.
    pub fn kind(&self) -> &ScopeErrorKind {
        &self.kind
    }
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid scope `{}`: {}", self.scope, self.kind)
    }
}

impl std::error::Error for ScopeError {}

impl fmt::Display for ScopeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeErrorKind::Empty => f.write_str("empty scope"),
            ScopeErrorKind::InvalidCharacter { offset } => write!(
                f,
                "character at byte {offset} is not printable ASCII (spaces separate scopes)"
            ),
            ScopeErrorKind::BadPercentEncoding { param } => {
                write!(f, "bad percent-encoding in `{param}`")
            }
            ScopeErrorKind::UnknownResource(r) => write!(f, "unknown resource `{r}`"),
            ScopeErrorKind::StaticWithParameters(s) => {
                write!(f, "`{s}` takes no parameters")
            }
            ScopeErrorKind::UnknownParameter { resource, name } => {
                write!(f, "unknown parameter `{name}` for `{resource}`")
            }
            ScopeErrorKind::PositionalAndNamed(p) => {
                write!(f, "`{p}` given both positionally and as a parameter")
            }
            ScopeErrorKind::Repeated(p) => write!(f, "`{p}` takes a single value"),
            ScopeErrorKind::Missing(p) => write!(f, "missing `{p}`"),
            ScopeErrorKind::BadValue {
                param,
                value,
                reason,
            } => write!(f, "bad `{param}` value `{value}`: {reason}"),
            ScopeErrorKind::PartialWildcard { param, value } => write!(
                f,
                "partial wildcard `{value}` in `{param}` (only a whole `*` is a wildcard)"
            ),
            ScopeErrorKind::BothWildcards => f.write_str("`lxm` and `aud` must not both be `*`"),
        }
    }
}
