//! [`ServerError`]: an XRPC error response (status + `{"error", "message"}`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::wire::ErrorBody;
use crate::xrpc::XrpcError;

/// An error a handler (or the router) answers with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status} {}{}", .body.error, .body.message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
pub struct ServerError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The JSON body.
    pub body: ErrorBody,
}

impl ServerError {
    /// An error with any status and name.
    pub fn new(status: StatusCode, error: &str, message: impl Into<Option<String>>) -> ServerError {
        ServerError {
            status,
            body: ErrorBody {
                error: error.to_owned(),
                message: message.into(),
            },
        }
    }

    /// 400 `InvalidRequest`.
    pub fn invalid_request(message: impl Into<String>) -> ServerError {
        ServerError::new(
            StatusCode::BAD_REQUEST,
            "InvalidRequest",
            Some(message.into()),
        )
    }

    /// 401 `AuthenticationRequired` (or another name, such as `BadJwt`).
    pub fn unauthorized(error: &str, message: impl Into<String>) -> ServerError {
        ServerError::new(StatusCode::UNAUTHORIZED, error, Some(message.into()))
    }

    /// 403 `Forbidden`.
    pub fn forbidden(message: impl Into<String>) -> ServerError {
        ServerError::new(StatusCode::FORBIDDEN, "Forbidden", Some(message.into()))
    }

    /// 500 `InternalServerError`; the details stay in the server's logs, not the response.
    pub fn internal() -> ServerError {
        ServerError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            None,
        )
    }

    /// 501 `MethodNotImplemented`.
    pub fn not_implemented(message: impl Into<String>) -> ServerError {
        ServerError::new(
            StatusCode::NOT_IMPLEMENTED,
            "MethodNotImplemented",
            Some(message.into()),
        )
    }

    /// A declared error of a method, with status 400 (the spec's status for request
    /// errors); use [`ServerError::with_status`] for another.
    pub fn declared<E: XrpcError>(error: E) -> ServerError {
        ServerError::new(
            StatusCode::BAD_REQUEST,
            error.name(),
            error.message().map(str::to_owned),
        )
    }

    /// The same error with another status.
    pub fn with_status(mut self, status: StatusCode) -> ServerError {
        self.status = status;
        self
    }
}

impl<E: XrpcError> From<E> for ServerError {
    fn from(error: E) -> ServerError {
        ServerError::declared(error)
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            self.body.to_json(),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
