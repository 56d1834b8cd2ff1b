//! Why an identity did not resolve: a message for people and a kind for programs.

/// What kind of failure an [`IdentityError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input is not a handle or DID this resolver handles (bad syntax, a DID method
    /// other than `plc` and `web`), or the configuration is unusable.
    Input,
    /// A server could not be reached, timed out or failed (5xx), or a DNS lookup failed:
    /// trying again later may work.
    Network,
    /// The servers answered, but not with a usable identity: no record, an HTTP error,
    /// a document for another DID or without a key or PDS, an endpoint the policy refuses.
    Resolution,
}

/// A failed resolution.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct IdentityError {
    /// The kind of failure.
    pub kind: ErrorKind,
    /// What went wrong, naming the handle, DID or URL.
    pub message: String,
}

impl IdentityError {
    pub(super) fn new(kind: ErrorKind, message: impl Into<String>) -> IdentityError {
        IdentityError {
            kind,
            message: message.into(),
        }
    }

    pub(super) fn input(message: impl Into<String>) -> IdentityError {
        IdentityError::new(ErrorKind::Input, message)
    }

    pub(super) fn network(message: impl Into<String>) -> IdentityError {
        IdentityError::new(ErrorKind::Network, message)
    }

    pub(super) fn resolution(message: impl Into<String>) -> IdentityError {
        IdentityError::new(ErrorKind::Resolution, message)
    }

    /// The same failure with `prefix` in front of the message (`"did:plc:...: "`).
    pub(super) fn context(mut self, prefix: &str) -> IdentityError {
        self.message.insert_str(0, prefix);
        self
    }
}
