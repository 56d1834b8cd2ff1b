//! Event-stream frames (xrpc.md §6): one binary WebSocket message is two concatenated
//! DAG-CBOR items, a header `{op: 1, t: "#name"}` (or `{op: -1}`) and a body. This module
//! turns bytes into [`Frame`]s and typed [`Event`]s and back; the WebSocket transports are
//! in `client` and `server`.
//!
//! A message body is usually a map (an object whose `$type` the header's `t` replaces), but
//! a subscription may list a definition that is not an object, such as a `bytes` one
//! ([`Subscription::VALUE_TYPES`]); its body is the bare CBOR value, so [`Frame`] and
//! [`Event::Unknown`] hold a [`Value`].

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::limits::Limits;
use crate::value::{Map, Value};
use crate::wire::ErrorBody;
use crate::xrpc::{Subscription, XrpcError};

/// Largest frame read: the spec advises CBOR limits of 4-5 MB for stream messages.
pub const MAX_FRAME_SIZE: usize = 5 * 1024 * 1024;

/// Limits for frame bodies (a commit carries up to 2 MB of CAR bytes, plus its fields).
pub(crate) const FRAME_LIMITS: Limits = Limits {
    max_size: MAX_FRAME_SIZE,
    ..Limits::CBOR_RECORD
};

/// One decoded frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Frame {
    /// `op: 1`: a message of type `t` (`#name`, or a full `nsid#name`).
    Message {
        /// The header's `t`.
        t: String,
        /// The body: a map without `$type` for objects, the bare value otherwise.
        body: Value,
    },
    /// `op: -1`: an error; the server closes the stream after it.
    Error(ErrorBody),
}

/// A frame that breaks the framing rules (fatal: the connection should be dropped).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid event-stream frame: {0}")]
pub struct FrameError(pub String);

fn bad(message: impl Into<String>) -> FrameError {
    FrameError(message.into())
}

/// Decodes a binary frame. `Ok(None)` is a frame to ignore (an unknown `op`).
pub fn decode_frame(bytes: &[u8]) -> Result<Option<Frame>, FrameError> {
    if bytes.len() > MAX_FRAME_SIZE {
        return Err(bad(format!("frame is larger than {MAX_FRAME_SIZE} bytes")));
    }
    let split = item_len(bytes).ok_or_else(|| bad("the header is not one CBOR item"))?;
    let (head, rest) = bytes.split_at(split);
    let header = crate::cbor::decode_with_limits(head, &FRAME_LIMITS)
        .map_err(|e| bad(format!("header: {e}")))?;
    let Value::Map(header) = header else {
        return Err(bad("the header is not a map"));
    };
    let op = header
        .get("op")
        .and_then(Value::as_integer)
        .ok_or_else(|| bad("the header has no integer `op`"))?;
    let body = crate::cbor::decode_with_limits(rest, &FRAME_LIMITS)
        .map_err(|e| bad(format!("body: {e}")))?;
    match op {
        1 => {
            let t = header
                .get("t")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a message header has no string `t`"))?;
            Ok(Some(Frame::Message {
                t: t.to_owned(),
                body,
            }))
        }
        -1 => {
            let Value::Map(body) = body else {
                return Err(bad("an error frame's body is not a map"));
            };
            let error = body
                .get("error")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("an error frame has no string `error`"))?;
            let message = body.get("message").and_then(Value::as_str);
            Ok(Some(Frame::Error(ErrorBody {
                error: error.to_owned(),
                message: message.map(str::to_owned),
            })))
        }
        _ => Ok(None),
    }
}

/// Encodes a frame; refuses one larger than [`MAX_FRAME_SIZE`], which [`decode_frame`]
/// would refuse on the other side (a writer must not send what no reader accepts).
pub fn encode_frame(frame: &Frame) -> Result<Vec<u8>, FrameError> {
    let mut header = Map::new();
    let mut out = Vec::new();
    match frame {
        Frame::Message { t, body } => {
            header.insert("op", Value::Integer(1));
            header.insert("t", Value::String(t.clone()));
            crate::cbor::encode_into(&Value::Map(header), &mut out);
            crate::cbor::encode_into(body, &mut out);
        }
        Frame::Error(e) => {
            header.insert("op", Value::Integer(-1));
            let mut body = Map::new();
            body.insert("error", Value::String(e.error.clone()));
            if let Some(m) = &e.message {
                body.insert("message", Value::String(m.clone()));
            }
            crate::cbor::encode_into(&Value::Map(header), &mut out);
            crate::cbor::encode_into(&Value::Map(body), &mut out);
        }
    }
    if out.len() > MAX_FRAME_SIZE {
        return Err(bad(format!(
            "frame of {} bytes is larger than {MAX_FRAME_SIZE} bytes",
            out.len()
        )));
    }
    Ok(out)
}

/// A typed stream item.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<M> {
    /// A message of a type the schema declares.
    Message(M),
    /// A message of a type this schema version does not know (kept, not fatal).
    Unknown {
        /// The header's `t`.
        t: String,
        /// The body (a map, or the bare value of a type that is not an object).
        body: Value,
    },
}

/// Why a frame did not become an [`Event`].
#[derive(Debug, thiserror::Error)]
pub enum EventError<E: XrpcError> {
    /// The server sent an error frame (and closes the stream).
    #[error("error frame: {}{}", .0.name(), .0.message().map(|m| format!(": {m}")).unwrap_or_default())]
    Xrpc(E),
    /// The frame breaks the framing rules.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// A message of a declared type whose body does not match the schema's shape.
    #[error("message `{t}` does not decode: {message}")]
    Decode {
        /// The header's `t`.
        t: String,
        /// Why.
        message: String,
    },
}

/// The full `$type` a header `t` names for subscription `S` (`#name` is relative to it).
pub fn full_type<S: Subscription>(t: &str) -> String {
    if t.starts_with('#') {
        format!("{}{t}", S::NSID)
    } else {
        t.to_owned()
    }
}

/// Decodes a typed event for subscription `S`; `Ok(None)` for frames to ignore.
pub fn decode_event<S>(bytes: &[u8]) -> Result<Option<Event<S::Message>>, EventError<S::Error>>
where
    S: Subscription,
    S::Message: DeserializeOwned,
{
    match decode_frame(bytes)? {
        None => Ok(None),
        Some(Frame::Error(e)) => Err(EventError::Xrpc(S::Error::from_parts(e.error, e.message))),
        Some(Frame::Message { t, body }) => frame_to_event::<S>(t, body).map(Some),
    }
}

/// Types a message frame for subscription `S`. A type `S` does not declare is
/// [`Event::Unknown`], whatever its body; a declared type whose body has the wrong shape (a
/// byte string for an object, a map for a `bytes` member) is [`EventError::Decode`].
pub fn frame_to_event<S>(t: String, body: Value) -> Result<Event<S::Message>, EventError<S::Error>>
where
    S: Subscription,
    S::Message: DeserializeOwned,
{
    let ty = full_type::<S>(&t);
    if !S::MESSAGE_TYPES.is_empty() && !S::MESSAGE_TYPES.contains(&ty.as_str()) {
        return Ok(Event::Unknown { t, body });
    }
    if S::VALUE_TYPES.contains(&ty.as_str()) {
        return S::message_from_value(&ty, body)
            .map(Event::Message)
            .map_err(|message| EventError::Decode { t, message });
    }
    let mut tagged = match body {
        Value::Map(map) => map,
        // Without declared types nothing says what a bare value is.
        other if S::MESSAGE_TYPES.is_empty() => return Ok(Event::Unknown { t, body: other }),
        other => {
            let message = format!("expected an object, found {}", other.kind_name());
            return Err(EventError::Decode { t, message });
        }
    };
    tagged.insert("$type", Value::String(ty));
    crate::wire::body_from_value(Value::Map(tagged))
        .map(Event::Message)
        .map_err(|e| EventError::Decode { t, message: e.0 })
}

/// The frame of a typed message for subscription `S`: the member's `$type` becomes `t`
/// (`#name` when the member is defined in the subscription's own lexicon) and leaves the
/// body; a member of [`Subscription::VALUE_TYPES`] is written as its bare value.
pub fn message_frame<S>(message: &S::Message) -> Result<Frame, FrameError>
where
    S: Subscription,
    S::Message: Serialize,
{
    if let Some(value) = S::message_value(message) {
        let (ty, body) = value.map_err(bad)?;
        return Ok(Frame::Message {
            t: short_type::<S>(ty.to_owned()),
            body,
        });
    }
    let bytes = crate::cbor::to_vec(message).map_err(|e| bad(e.to_string()))?;
    let value =
        crate::cbor::decode_with_limits(&bytes, &FRAME_LIMITS).map_err(|e| bad(e.to_string()))?;
    let Value::Map(mut body) = value else {
        return Err(bad("a message is not a map"));
    };
    let ty = match body.remove("$type") {
        Some(Value::String(ty)) => ty,
        _ => return Err(bad("a message has no `$type`")),
    };
    Ok(Frame::Message {
        t: short_type::<S>(ty),
        body: Value::Map(body),
    })
}

/// The header `t` for `$type` `ty`: `#name` when it is defined in `S`'s own lexicon.
fn short_type<S: Subscription>(ty: String) -> String {
    match ty.strip_prefix(S::NSID) {
        Some(rest) if rest.starts_with('#') => rest.to_owned(),
        _ => ty,
    }
}

/// Deepest nesting the header scan follows (a header is a flat map).
const MAX_SCAN_DEPTH: usize = 32;

/// The length in bytes of the first CBOR item of `bytes`, without decoding it (the strict
/// decoder then reads exactly that slice). `None` when the item is truncated or malformed.
fn item_len(bytes: &[u8]) -> Option<usize> {
    let mut pos = 0;
    skip(bytes, &mut pos, 0)?;
    Some(pos)
}

fn skip(bytes: &[u8], pos: &mut usize, depth: usize) -> Option<()> {
    if depth > MAX_SCAN_DEPTH {
        return None;
    }
    let first = *bytes.get(*pos)?;
    *pos += 1;
    let major = first >> 5;
    let arg = match first & 0x1f {
        n @ 0..=23 => u64::from(n),
        n @ 24..=27 => {
            let len = 1usize << (n - 24);
            let raw = bytes.get(*pos..pos.checked_add(len)?)?;
            *pos += len;
            raw.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
        }
        // Indefinite lengths and reserved values are not DAG-CBOR.
        _ => return None,
    };
    match major {
        0 | 1 | 7 => Some(()),
        2 | 3 => {
            let len = usize::try_from(arg).ok()?;
            let end = pos.checked_add(len)?;
            (end <= bytes.len()).then(|| *pos = end)
        }
        4 | 5 => {
            let per = if major == 5 { 2 } else { 1 };
            // Each item takes at least one byte, so a count beyond the input is malformed.
            let count = arg.checked_mul(per)?;
            if count > bytes.len() as u64 {
                return None;
            }
            for _ in 0..count {
                skip(bytes, pos, depth + 1)?;
            }
            Some(())
        }
        6 => skip(bytes, pos, depth + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod value_tests;
