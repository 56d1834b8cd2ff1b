//! Frames whose body is not a map: a message union with a `bytes` member, written the way
//! generated code writes it (`__object!`, `__union!` with `values[...]`, a `Subscription`
//! delegating to `ValueMembers`).

use super::*;
use crate::__private::ValueMembers;
use crate::bytes::Bytes;
use crate::xrpc::{GenericError, Method, NoParams};
use crate::Validate;

#[derive(Debug, Clone, PartialEq, Default)]
struct Commit {
    seq: i64,
    extra: Map,
}
crate::__object! { Commit, object, |v, checker, p| [req "seq" seq] }

#[derive(Debug, Clone, PartialEq)]
enum Message {
    Commit(Box<Commit>),
    Raw(Box<Bytes>),
    Unknown(Map),
}
crate::__union! {
    Message, open, [Commit "com.example.typed#commit"],
    values[Raw "com.example.typed#raw" |value, checker, path| {
        checker.bytes_len(value.0.len(), path, None, Some(8));
    }]
}

struct Typed;
impl Method for Typed {
    const NSID: &'static str = "com.example.typed";
    type Params = NoParams;
    type Error = GenericError;
}
impl Subscription for Typed {
    type Message = Message;
    const MESSAGE_TYPES: &'static [&'static str] =
        &["com.example.typed#commit", "com.example.typed#raw"];
    const VALUE_TYPES: &'static [&'static str] = <Message as ValueMembers>::TYPES;
    fn message_from_value(ty: &str, body: Value) -> Result<Message, String> {
        ValueMembers::from_value(ty, body)
    }
    fn message_value(message: &Message) -> Option<Result<(&'static str, Value), String>> {
        ValueMembers::to_value(message)
    }
}

/// A message frame written by hand: header `{op: 1, t}`, then `body`'s bytes.
fn frame(t: &str, body: &[u8]) -> Vec<u8> {
    let mut header = Map::new();
    header.insert("op", Value::Integer(1));
    header.insert("t", Value::String(t.into()));
    let mut out = crate::cbor::encode(&Value::Map(header));
    out.extend_from_slice(body);
    out
}

/// A CBOR byte string holding `bytes` (under 24 bytes).
fn byte_string(bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![0x40 | u8::try_from(bytes.len()).expect("short")];
    out.extend_from_slice(bytes);
    out
}

fn decode(bytes: &[u8]) -> Result<Option<super::Event<Message>>, EventError<GenericError>> {
    decode_event::<Typed>(bytes)
}

#[test]
fn a_byte_string_body_is_the_bytes_variant() {
    let bytes = frame("#raw", &byte_string(b"\x00\xffraw"));
    assert_eq!(
        decode_frame(&bytes).unwrap(),
        Some(Frame::Message {
            t: "#raw".into(),
            body: Value::Bytes(b"\x00\xffraw".to_vec())
        })
    );
    match decode(&bytes).unwrap() {
        Some(super::Event::Message(Message::Raw(raw))) => assert_eq!(raw.0, b"\x00\xffraw"),
        other => panic!("{other:?}"),
    }
    // The full `nsid#name` form of `t` names the same member.
    let full = frame("com.example.typed#raw", &byte_string(b"x"));
    assert!(matches!(
        decode(&full).unwrap(),
        Some(super::Event::Message(Message::Raw(_)))
    ));
}

#[test]
fn typed_messages_encode_byte_identically() {
    let mut commit = Map::new();
    commit.insert("seq", Value::Integer(9));
    for received in [
        frame("#raw", &byte_string(b"\x01\x02\x03")),
        frame("#raw", &byte_string(b"")),
        frame("#commit", &crate::cbor::encode(&Value::Map(commit))),
    ] {
        let Some(super::Event::Message(message)) = decode(&received).unwrap() else {
            panic!("not a message");
        };
        let sent = encode_frame(&message_frame::<Typed>(&message).unwrap())
            .expect("frame within the limit");
        assert_eq!(sent, received, "{message:?}");
    }
    // Built in code rather than received: the same bytes as a hand-written frame.
    let built = Message::Raw(Box::new(Bytes(b"abc".to_vec())));
    let frame_of_built = message_frame::<Typed>(&built).unwrap();
    assert_eq!(
        frame_of_built,
        Frame::Message {
            t: "#raw".into(),
            body: Value::Bytes(b"abc".to_vec())
        }
    );
    assert_eq!(
        encode_frame(&frame_of_built).expect("frame within the limit"),
        frame("#raw", &byte_string(b"abc"))
    );
}

#[test]
fn unknown_types_keep_bare_bodies() {
    for (body, value) in [
        (byte_string(b"zz"), Value::Bytes(b"zz".to_vec())),
        (vec![0x18, 0x2a], Value::Integer(42)),
        (vec![0x62, b'h', b'i'], Value::String("hi".into())),
        (vec![0x82, 0x01, 0x02], {
            Value::Array(vec![Value::Integer(1), Value::Integer(2)])
        }),
    ] {
        let bytes = frame("#newer", &body);
        match decode(&bytes).unwrap() {
            Some(super::Event::Unknown { t, body }) => {
                assert_eq!(t, "#newer");
                assert_eq!(body, value);
            }
            other => panic!("{other:?}"),
        }
        // Re-encoding the kept frame gives the bytes received.
        let Some(kept) = decode_frame(&bytes).unwrap() else {
            panic!("ignored");
        };
        assert_eq!(encode_frame(&kept).expect("frame within the limit"), bytes);
    }
    // A subscription that declares no types cannot say what a bare value is.
    struct Untyped;
    impl Method for Untyped {
        const NSID: &'static str = "com.example.untyped";
        type Params = NoParams;
        type Error = GenericError;
    }
    impl Subscription for Untyped {
        type Message = Value;
    }
    let bytes = frame("#raw", &byte_string(b"q"));
    assert!(matches!(
        decode_event::<Untyped>(&bytes).unwrap(),
        Some(super::Event::Unknown {
            body: Value::Bytes(_),
            ..
        })
    ));
}

#[test]
fn a_known_type_with_the_wrong_shape_is_an_error() {
    let mut map = Map::new();
    map.insert("seq", Value::Integer(1));
    let map = crate::cbor::encode(&Value::Map(map));
    // The JSON form of bytes: DAG-CBOR reserves the key, so the frame itself is refused.
    let mut json_form = Map::new();
    json_form.insert("$bytes", Value::String("aGk".into()));
    let json_form = crate::cbor::encode(&Value::Map(json_form));
    assert!(matches!(
        decode(&frame("#raw", &json_form)),
        Err(EventError::Frame(_))
    ));
    for (t, body) in [
        ("#raw", map.clone()),
        ("#raw", vec![0x62, b'h', b'i']),
        ("#raw", vec![0x01]),
        ("#commit", byte_string(b"seq")),
        ("#commit", vec![0xf5]),
    ] {
        match decode(&frame(t, &body)) {
            Err(EventError::Decode { t: got, message }) => {
                assert_eq!(got, t);
                assert!(!message.is_empty());
            }
            other => panic!("{t} {body:?}: {other:?}"),
        }
    }
    // An error frame still needs a map.
    let mut header = Map::new();
    header.insert("op", Value::Integer(-1));
    let mut bytes = crate::cbor::encode(&Value::Map(header));
    bytes.extend(byte_string(b"oops"));
    assert!(decode_frame(&bytes).is_err());
}

#[test]
fn value_members_validate_and_serialize_as_their_value() {
    let long = Message::Raw(Box::new(Bytes(vec![0; 9])));
    assert!(long.validate().is_err(), "maxLength 8");
    assert!(Message::Raw(Box::new(Bytes(vec![0; 8]))).validate().is_ok());
    // JSON has no frame header: the bare value, as the TypeScript tools write it.
    let short = Message::Raw(Box::new(Bytes(b"hi".to_vec())));
    assert_eq!(
        serde_json::to_string(&short).unwrap(),
        r#"{"$bytes":"aGk"}"#
    );
    // So it does not read back, and a `$type`-tagged map never becomes that member.
    assert!(serde_json::from_str::<Message>(r#"{"$bytes":"aGk"}"#).is_err());
    let tagged = serde_json::from_str::<Message>(r#"{"$type":"com.example.typed#raw"}"#);
    let error = tagged.unwrap_err().to_string();
    assert!(error.contains("not an object"), "{error}");
    // The object path is unchanged.
    let commit: Message =
        serde_json::from_str(r#"{"$type":"com.example.typed#commit","seq":3}"#).unwrap();
    assert!(
        matches!(&commit, Message::Commit(c) if c.seq == 3),
        "{commit:?}"
    );
    assert_eq!(commit.to_value(), None);
}

#[test]
fn arbitrary_bodies_under_known_types_never_panic() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    for round in 0..5_000 {
        let t = ["#raw", "#commit", "#other"][round % 3];
        let body: Vec<u8> = (0..usize::from(next() % 24)).map(|_| next()).collect();
        if let Ok(Some(super::Event::Message(m))) = decode(&frame(t, &body)) {
            // Whatever decodes encodes again.
            assert!(message_frame::<Typed>(&m).is_ok());
        }
    }
}
