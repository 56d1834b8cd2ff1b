//! [`ClientError`]: everything a call can fail with, typed by the method's error enum.

use crate::constraint::ValidationErrors;
use crate::xrpc::{GenericError, XrpcError};

/// A boxed transport-level cause (connection refused, TLS, WebSocket).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Why a call failed. `E` is the method's `Error` (declared names plus a catch-all).
#[derive(Debug, thiserror::Error)]
pub enum ClientError<E: XrpcError = GenericError> {
    /// The request never got an HTTP response (DNS, connection refused, TLS, timeout).
    #[error("transport error: {0}")]
    Transport(#[source] BoxError),
    /// The server answered with a non-2xx status and an XRPC error (declared or not; a
    /// non-JSON body gets the status's default name and the body text as message).
    #[error("XRPC error (HTTP {status}): {}{}", .error.name(), .error.message().map(|m| format!(": {m}")).unwrap_or_default())]
    Xrpc {
        /// The HTTP status.
        status: u16,
        /// The decoded error.
        error: E,
    },
    /// An event stream sent an error frame (and closed).
    #[error("stream error: {}{}", .0.name(), .0.message().map(|m| format!(": {m}")).unwrap_or_default())]
    Stream(E),
    /// The request could not be built (parameters or input not encodable, bad URL).
    #[error("could not encode the request: {0}")]
    Encode(String),
    /// The response (or a stream frame) did not decode into the expected type.
    #[error("could not decode the response: {0}")]
    Decode(String),
    /// The parameters or input break the schema; nothing was sent.
    #[error("invalid request: {0}")]
    InvalidInput(ValidationErrors),
    /// The response breaks the schema (the server's fault).
    #[error("invalid response: {0}")]
    InvalidOutput(ValidationErrors),
    /// The call needs a session and there is none.
    #[error("not logged in")]
    NotLoggedIn,
}

impl<E: XrpcError> ClientError<E> {
    /// The XRPC error name, for server errors and error frames.
    pub fn error_name(&self) -> Option<&str> {
        match self {
            ClientError::Xrpc { error, .. } | ClientError::Stream(error) => Some(error.name()),
            _ => None,
        }
    }

    /// The HTTP status, for server errors.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Xrpc { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The same error with the XRPC part re-read as another method's error type (used
    /// when one call is made on behalf of another, such as a session refresh).
    pub fn convert<F: XrpcError>(self) -> ClientError<F> {
        let re = |e: E| F::from_parts(e.name().to_owned(), e.message().map(str::to_owned));
        match self {
            ClientError::Transport(e) => ClientError::Transport(e),
            ClientError::Xrpc { status, error } => ClientError::Xrpc {
                status,
                error: re(error),
            },
            ClientError::Stream(e) => ClientError::Stream(re(e)),
            ClientError::Encode(m) => ClientError::Encode(m),
            ClientError::Decode(m) => ClientError::Decode(m),
            ClientError::InvalidInput(e) => ClientError::InvalidInput(e),
            ClientError::InvalidOutput(e) => ClientError::InvalidOutput(e),
            ClientError::NotLoggedIn => ClientError::NotLoggedIn,
        }
    }
}

/// The default error name of an HTTP status, as the reference implementation uses when a
/// response carries no XRPC error body (xrpc.md §4).
pub(crate) fn default_error_name(status: u16) -> &'static str {
    match status {
        400 => "InvalidRequest",
        401 => "AuthenticationRequired",
        403 => "Forbidden",
        404 => "XRPCNotSupported",
        406 => "NotAcceptable",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        429 => "RateLimitExceeded",
        500 => "InternalServerError",
        501 => "MethodNotImplemented",
        502 => "UpstreamFailure",
        503 => "NotEnoughResources",
        504 => "UpstreamTimeout",
        _ => "Unknown",
    }
}
