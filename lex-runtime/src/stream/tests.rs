use super::*;
use crate::xrpc::{GenericError, Method, NoParams};

struct Sub;
impl Method for Sub {
    const NSID: &'static str = "com.example.sub";
    type Params = NoParams;
    type Error = GenericError;
}
impl Subscription for Sub {
    type Message = Value;
    const MESSAGE_TYPES: &'static [&'static str] = &["com.example.sub#a"];
}

fn map(seq: i64) -> Map {
    let mut m = Map::new();
    m.insert("seq", Value::Integer(seq));
    m
}

fn body(seq: i64) -> Value {
    Value::Map(map(seq))
}

#[test]
fn message_frames_round_trip() {
    let frame = Frame::Message {
        t: "#a".into(),
        body: body(7),
    };
    let bytes = encode_frame(&frame).expect("frame within the limit");
    assert_eq!(decode_frame(&bytes).unwrap(), Some(frame));
    match decode_event::<Sub>(&bytes).unwrap() {
        Some(Event::Message(Value::Map(m))) => {
            assert_eq!(
                m.get("$type").and_then(Value::as_str),
                Some("com.example.sub#a")
            );
            assert_eq!(m.get("seq").and_then(Value::as_integer), Some(7));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_types_and_ops_are_kept_or_ignored() {
    let bytes = encode_frame(&Frame::Message {
        t: "#b".into(),
        body: body(1),
    })
    .expect("frame within the limit");
    assert!(matches!(
        decode_event::<Sub>(&bytes).unwrap(),
        Some(Event::Unknown { t, .. }) if t == "#b"
    ));
    let mut header = Map::new();
    header.insert("op", Value::Integer(2));
    let mut bytes = crate::cbor::encode(&Value::Map(header));
    bytes.extend(crate::cbor::encode(&body(1)));
    assert_eq!(decode_frame(&bytes).unwrap(), None);
}

#[test]
fn error_frames() {
    let bytes = encode_frame(&Frame::Error(ErrorBody {
        error: "FutureCursor".into(),
        message: Some("too new".into()),
    }))
    .expect("frame within the limit");
    match decode_event::<Sub>(&bytes) {
        Err(EventError::Xrpc(e)) => {
            assert_eq!(e.name, "FutureCursor");
            assert_eq!(e.message.as_deref(), Some("too new"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_frames_are_errors() {
    let good = encode_frame(&Frame::Message {
        t: "#a".into(),
        body: body(1),
    })
    .expect("frame within the limit");
    for cut in 0..good.len() {
        assert!(decode_frame(&good[..cut]).is_err(), "prefix {cut}");
    }
    let mut trailing = good.clone();
    trailing.push(0);
    assert!(decode_frame(&trailing).is_err());
    // A header map claiming more entries than there are bytes.
    assert!(decode_frame(&[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).is_err());
    // Deep nesting in the header.
    assert!(decode_frame(&[0x81; 100]).is_err());
    // Indefinite lengths.
    assert!(decode_frame(&[0xbf, 0xff, 0xa0]).is_err());
}

#[test]
fn typed_messages_become_frames() {
    let mut m = map(3);
    m.insert("$type", Value::String("com.example.sub#a".into()));
    let frame = message_frame::<Sub>(&Value::Map(m)).unwrap();
    assert_eq!(
        frame,
        Frame::Message {
            t: "#a".into(),
            body: body(3)
        }
    );
    let mut foreign = map(3);
    foreign.insert("$type", Value::String("com.example.other#x".into()));
    match message_frame::<Sub>(&Value::Map(foreign)).unwrap() {
        Frame::Message { t, .. } => assert_eq!(t, "com.example.other#x"),
        other => panic!("{other:?}"),
    }
    assert!(message_frame::<Sub>(&body(1)).is_err());
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small LCG: deterministic, no dev-dependency.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    let good = encode_frame(&Frame::Message {
        t: "#a".into(),
        body: body(1),
    })
    .expect("frame within the limit");
    for round in 0..20_000 {
        let mut bytes: Vec<u8> = if round % 2 == 0 {
            (0..usize::from(next() % 64)).map(|_| next()).collect()
        } else {
            good.clone()
        };
        if round % 2 == 1 {
            // Flip a few bytes of a valid frame.
            for _ in 0..1 + next() % 3 {
                let len = bytes.len();
                if let Some(b) = bytes.get_mut(usize::from(next()) % len) {
                    *b = next();
                }
            }
        }
        let _ = decode_frame(&bytes);
        let _ = decode_event::<Sub>(&bytes);
    }
}

#[test]
fn frames_too_large_to_read_are_not_written() {
    let mut body = Map::new();
    body.insert("blob", Value::Bytes(vec![0u8; MAX_FRAME_SIZE]));
    let frame = Frame::Message {
        t: "#big".into(),
        body: Value::Map(body),
    };
    let err = encode_frame(&frame).expect_err("over the frame limit");
    assert!(err.to_string().contains("larger than"), "{err}");
}
