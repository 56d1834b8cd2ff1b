//! What XRPC clients and servers share on the wire, without any HTTP crate: bodies
//! ([`Body`]: typed values <-> bytes by encoding), query parameters ([`params`]: typed
//! params <-> `key=value` pairs, xrpc.md §2) and the JSON error shape ([`ErrorBody`]).

mod body;
pub mod params;

pub(crate) use body::from_value as body_from_value;
pub use body::{Body, BodyError};

use serde::{Deserialize, Serialize};

/// The JSON body of a non-2xx XRPC response: `{"error": "...", "message": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// The error name (an ASCII constant).
    pub error: String,
    /// The human-readable description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ErrorBody {
    /// Reads an error body; `None` when the bytes are not the XRPC error shape (a proxy's
    /// HTML page, an empty body), which clients must tolerate.
    pub fn parse(bytes: &[u8]) -> Option<ErrorBody> {
        serde_json::from_slice(bytes).ok()
    }

    /// The JSON text of this body.
    pub fn to_json(&self) -> String {
        // Two string fields cannot fail to serialize; fall back to the bare name anyway.
        serde_json::to_string(self).unwrap_or_else(|_| format!("{{\"error\":\"{}\"}}", self.error))
    }
}

/// Whether a `Content-Type` header value matches a lexicon `encoding` (an exact MIME type,
/// `*/*`, or a `type/*` glob); parameters such as `; charset=utf-8` are ignored.
pub fn encoding_matches(encoding: &str, content_type: &str) -> bool {
    let actual = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let expected = encoding.trim().to_ascii_lowercase();
    if expected == "*/*" {
        return !actual.is_empty();
    }
    match expected.strip_suffix("/*") {
        Some(major) => actual.split_once('/').is_some_and(|(m, _)| m == major),
        None => actual == expected,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert!(encoding_matches(
            "application/json",
            "application/json; charset=utf-8"
        ));
        assert!(encoding_matches("*/*", "image/png"));
        assert!(!encoding_matches("*/*", ""));
        assert!(encoding_matches("image/*", "image/png"));
        assert!(!encoding_matches("image/*", "text/plain"));
        assert!(!encoding_matches("application/json", "text/plain"));
    }

    #[test]
    fn error_bodies() {
        let body = ErrorBody::parse(br#"{"error":"X","message":"m","extra":1}"#);
        assert_eq!(
            body,
            Some(ErrorBody {
                error: "X".into(),
                message: Some("m".into())
            })
        );
        assert_eq!(ErrorBody::parse(b"<html>"), None);
    }
}
