//! Message unions listing definitions that are not objects (codegen fixture
//! `message-values`): every kind the resolve stage accepts there becomes a variant holding
//! the bare value, goes through event-stream frames unchanged, and keeps its constraints.

use lex_runtime::stream::{decode_event, encode_frame, message_frame, Event, EventError, Frame};
use lex_runtime::{BlobRef, Bytes, Cid, CidLink, Validate, Value};
use lex_tests::generated::fixtures::message_values::com::example::values::{closed, subscribe};

use subscribe::{Message, Mood, Subscribe};

fn every_kind() -> Vec<(Message, &'static str)> {
    let cid = Cid::for_raw(b"blob");
    vec![
        (Message::Event(Box::new(subscribe::Event::new(5))), "#event"),
        (Message::Raw(Box::new(Bytes(b"raw".to_vec()))), "#raw"),
        (Message::Note(Box::new("short".to_owned())), "#note"),
        (Message::Count(Box::new(42)), "#count"),
        (Message::Flag(Box::new(true)), "#flag"),
        (Message::Link(Box::new(CidLink(cid))), "#link"),
        (
            Message::File(Box::new(BlobRef::new(cid, "image/png", 10))),
            "#file",
        ),
        (
            Message::Tags(Box::new(vec!["a".to_owned(), "b".to_owned()])),
            "#tags",
        ),
        (Message::Mood(Box::new(Mood::Happy)), "#mood"),
        (
            Message::Chunk(Box::new(Bytes(vec![1, 2]))),
            // Defined in another lexicon: the header names it in full.
            "com.example.values.chunk",
        ),
    ]
}

#[test]
fn every_kind_goes_through_frames() {
    for (message, t) in every_kind() {
        let frame = message_frame::<Subscribe>(&message).expect("frame");
        let Frame::Message { t: got, body } = &frame else {
            panic!("{frame:?}");
        };
        assert_eq!(got, t);
        // Objects are maps; everything else is the bare value.
        assert_eq!(
            matches!(body, Value::Map(_)),
            t == "#event",
            "{t}: {body:?}"
        );
        let bytes = encode_frame(&frame).expect("frame within the limit");
        match decode_event::<Subscribe>(&bytes).expect("decode") {
            Some(Event::Message(back)) => {
                assert_eq!(
                    encode_frame(&message_frame::<Subscribe>(&back).expect("frame"))
                        .expect("frame within the limit"),
                    bytes,
                    "{t}"
                );
                if t != "#event" {
                    assert_eq!(back, message, "{t}");
                }
            }
            other => panic!("{t}: {other:?}"),
        }
    }
}

#[test]
fn a_known_type_with_another_shape_is_an_error() {
    // Each member's frame with the body of the next one: all neighbours differ in kind
    // (`mood`, a string, gets `chunk`'s byte string, which serde alone would read as text).
    let kinds = every_kind();
    for pair in kinds.windows(2) {
        let [(_, t), (other, _)] = pair else {
            continue;
        };
        let Frame::Message { body, .. } = message_frame::<Subscribe>(other).expect("frame") else {
            continue;
        };
        let bytes = encode_frame(&Frame::Message {
            t: (*t).to_owned(),
            body,
        })
        .expect("frame within the limit");
        assert!(
            matches!(
                decode_event::<Subscribe>(&bytes),
                Err(EventError::Decode { .. })
            ),
            "{t}"
        );
    }
}

#[test]
fn value_members_keep_their_constraints() {
    let ok: Vec<Message> = every_kind().into_iter().map(|(m, _)| m).collect();
    assert!(ok.iter().all(|m| m.validate().is_ok()));
    let cid = Cid::for_raw(b"blob");
    for bad in [
        Message::Raw(Box::new(Bytes(Vec::new()))),
        Message::Raw(Box::new(Bytes(vec![0; 65]))),
        Message::Note(Box::new("elevenchars".to_owned())),
        Message::Count(Box::new(101)),
        Message::Count(Box::new(-1)),
        Message::File(Box::new(BlobRef::new(cid, "image/gif", 10))),
        Message::File(Box::new(BlobRef::new(cid, "image/png", 1001))),
        Message::Tags(Box::new(vec!["a".to_owned(); 4])),
        Message::Tags(Box::new(vec!["toolong".to_owned()])),
    ] {
        assert!(bad.validate().is_err(), "{bad:?}");
    }
}

#[test]
fn closed_unions_type_their_value_members() {
    let bytes = encode_frame(&Frame::Message {
        t: "#raw".into(),
        body: Value::Bytes(b"x".to_vec()),
    })
    .expect("frame within the limit");
    match decode_event::<closed::Closed>(&bytes).expect("decode") {
        Some(Event::Message(closed::Message::Raw(raw))) => assert_eq!(raw.as_slice(), b"x"),
        other => panic!("{other:?}"),
    }
    // A type the closed union does not list is still only unknown on the stream.
    let bytes = encode_frame(&Frame::Message {
        t: "#later".into(),
        body: Value::Integer(1),
    })
    .expect("frame within the limit");
    assert!(matches!(
        decode_event::<closed::Closed>(&bytes).expect("decode"),
        Some(Event::Unknown {
            body: Value::Integer(1),
            ..
        })
    ));
}

#[test]
fn json_writes_the_bare_value_and_never_reads_it_as_a_member() {
    let note = Message::Note(Box::new("hi".to_owned()));
    assert_eq!(serde_json::to_string(&note).expect("json"), r#""hi""#);
    assert!(serde_json::from_str::<Message>(r#""hi""#).is_err());
    let error = serde_json::from_str::<Message>(r#"{"$type":"com.example.values.subscribe#note"}"#)
        .expect_err("a map naming a value member")
        .to_string();
    assert!(error.contains("not an object"), "{error}");
}
