//! [`Body`]: how an XRPC input or output travels. Generated methods name their bodies as
//! a generated type (JSON), [`RawBody`] (any other encoding), [`Value`] (JSON without a
//! schema) or `()` (no body); this trait gives each of them bytes, a decoder and a check.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::__private::ValueDeserializer;
use crate::constraint::ValidationErrors;
use crate::typed::Validate;
use crate::value::Value;
use crate::xrpc::RawBody;

/// Why a body could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BodyError(pub String);

/// An XRPC request or response body.
pub trait Body: Sized {
    /// The `Content-Type` and bytes to send (`None`: no body). `encoding` is the schema's.
    fn encode(&self, encoding: Option<&str>) -> Result<Option<(String, Vec<u8>)>, BodyError>;
    /// Reads a received body; `content_type` is the header, if any.
    fn decode(content_type: Option<&str>, bytes: Vec<u8>) -> Result<Self, BodyError>;
    /// Checks the schema's constraints (a no-op for untyped bodies).
    fn check(&self) -> Result<(), ValidationErrors>;
}

const JSON: &str = "application/json";

/// Parses JSON with the data-model rules and limits, then reads `T` from the value, the
/// same way DAG-CBOR data is read (links, bytes and blobs already recognised).
fn from_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, BodyError> {
    let value = crate::json::from_slice(bytes).map_err(|e| BodyError(e.to_string()))?;
    from_value(value)
}

/// Reads a typed value from a data-model value.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, BodyError> {
    T::deserialize(ValueDeserializer::new(value)).map_err(|e| BodyError(e.to_string()))
}

impl<T: Validate + Serialize + DeserializeOwned> Body for T {
    fn encode(&self, _: Option<&str>) -> Result<Option<(String, Vec<u8>)>, BodyError> {
        let bytes = serde_json::to_vec(self).map_err(|e| BodyError(e.to_string()))?;
        Ok(Some((JSON.to_owned(), bytes)))
    }

    fn decode(_: Option<&str>, bytes: Vec<u8>) -> Result<Self, BodyError> {
        from_json(&bytes)
    }

    fn check(&self) -> Result<(), ValidationErrors> {
        self.validate()
    }
}

impl Body for Value {
    fn encode(&self, _: Option<&str>) -> Result<Option<(String, Vec<u8>)>, BodyError> {
        Ok(Some((
            JSON.to_owned(),
            crate::json::to_string(self).into_bytes(),
        )))
    }

    fn decode(_: Option<&str>, bytes: Vec<u8>) -> Result<Self, BodyError> {
        crate::json::from_slice(&bytes).map_err(|e| BodyError(e.to_string()))
    }

    fn check(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}

impl Body for RawBody {
    fn encode(&self, encoding: Option<&str>) -> Result<Option<(String, Vec<u8>)>, BodyError> {
        // A glob encoding (`*/*`, `image/*`) is no MIME type: send the body's own.
        let content_type = match (self.content_type.is_empty(), encoding) {
            (false, _) => self.content_type.clone(),
            (true, Some(e)) if !e.contains('*') => e.to_owned(),
            (true, _) => "application/octet-stream".to_owned(),
        };
        Ok(Some((content_type, self.data.clone())))
    }

    fn decode(content_type: Option<&str>, bytes: Vec<u8>) -> Result<Self, BodyError> {
        Ok(RawBody {
            content_type: content_type.unwrap_or_default().to_owned(),
            data: bytes,
        })
    }

    fn check(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}

impl Body for () {
    fn encode(&self, _: Option<&str>) -> Result<Option<(String, Vec<u8>)>, BodyError> {
        Ok(None)
    }

    fn decode(_: Option<&str>, _: Vec<u8>) -> Result<Self, BodyError> {
        // A method without output may still answer with `{}` or nothing: both are fine.
        Ok(())
    }

    fn check(&self) -> Result<(), ValidationErrors> {
        Ok(())
    }
}
