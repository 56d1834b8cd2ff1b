//! XRPC method traits: every generated query, procedure and subscription implements one,
//! with its parameters, bodies, errors and messages as associated types, so one generic
//! client and one generic server can serve every method. No HTTP here: transports live
//! elsewhere.

use std::fmt;

use serde::de::{DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::__private::{Checker, Path};
use crate::typed::Validate;
use crate::value::Value;

/// What every XRPC method has.
pub trait Method {
    /// The method NSID (the path segment after `/xrpc/`).
    const NSID: &'static str;
    /// The URL query parameters ([`NoParams`] when the schema declares none).
    type Params: Serialize + DeserializeOwned + Validate;
    /// The declared errors, plus a catch-all.
    type Error: XrpcError;
}

/// A `query` (HTTP GET).
pub trait Query: Method {
    /// The response body: a generated type for JSON, [`RawBody`] for other encodings, `()`
    /// when the schema declares no output.
    type Output;
    /// The output `encoding`, if declared.
    const OUTPUT_ENCODING: Option<&'static str>;
}

/// A `procedure` (HTTP POST).
pub trait Procedure: Method {
    /// The request body (same conventions as outputs).
    type Input;
    /// The response body.
    type Output;
    /// The input `encoding`, if declared.
    const INPUT_ENCODING: Option<&'static str>;
    /// The output `encoding`, if declared.
    const OUTPUT_ENCODING: Option<&'static str>;
}

/// A `subscription` (event stream over WebSocket).
pub trait Subscription: Method {
    /// The message union; the frame header `t` selects the variant.
    type Message;
    /// The `$type` of every member of the message union (`nsid#name`), so a stream reader
    /// can tell a frame of a type this schema version does not know from a broken one.
    /// Empty when the schema names no union (every frame is then a message).
    const MESSAGE_TYPES: &'static [&'static str] = &[];
    /// The members of [`Self::MESSAGE_TYPES`] that are not objects (a `bytes` definition,
    /// say): their frame body is the bare value, so only the header's `t` names the type.
    const VALUE_TYPES: &'static [&'static str] = &[];

    /// Reads member `ty` (one of [`Self::VALUE_TYPES`]) from a frame body.
    fn message_from_value(ty: &str, body: Value) -> Result<Self::Message, String> {
        let _ = body;
        Err(format!(
            "`{ty}` is not a message type carried as a bare value"
        ))
    }

    /// The `$type` and frame body of `message` when it is a member of
    /// [`Self::VALUE_TYPES`]; `None` for objects, which carry their `$type` themselves.
    fn message_value(message: &Self::Message) -> Option<Result<(&'static str, Value), String>> {
        let _ = message;
        None
    }
}

/// An XRPC error: a declared name or anything else a server sends.
pub trait XrpcError: Sized + fmt::Debug {
    /// Builds the error from the response's `error` name and `message`.
    fn from_parts(name: String, message: Option<String>) -> Self;
    /// The error name (`error` in the response body).
    fn name(&self) -> &str;
    /// The human-readable `message`, if any.
    fn message(&self) -> Option<&str>;
}

/// The error of a method that declares no error names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenericError {
    /// The `error` name.
    pub name: String,
    /// The `message`.
    pub message: Option<String>,
}

impl XrpcError for GenericError {
    fn from_parts(name: String, message: Option<String>) -> Self {
        GenericError { name, message }
    }

    fn name(&self) -> &str {
        &self.name
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}

impl fmt::Display for GenericError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.message {
            Some(m) => write!(f, "{}: {m}", self.name),
            None => f.write_str(&self.name),
        }
    }
}

impl std::error::Error for GenericError {}

/// The parameters of a method that declares none: an empty map; unknown keys are ignored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoParams;

impl Serialize for NoParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(std::iter::empty::<((), ())>())
    }
}

impl<'de> Deserialize<'de> for NoParams {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<NoParams, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NoParams;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("parameters (an object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NoParams, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(NoParams)
            }
        }
        deserializer.deserialize_map(V)
    }
}

impl Validate for NoParams {
    fn check(&self, _: &mut Checker, _: &Path<'_>) {}
}

/// A body that is not JSON (`*/*`, `application/vnd.ipld.car`, `video/mp4`, ...): the bytes
/// and their MIME type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawBody {
    /// The `Content-Type`.
    pub content_type: String,
    /// The bytes.
    pub data: Vec<u8>,
}
