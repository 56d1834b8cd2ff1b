//! Generated types against real data: hand-written sample records round-trip byte-exactly
//! through JSON and DAG-CBOR (CID unchanged) with an unknown union member and an unknown
//! field preserved; the conformance record vectors agree with the dynamic validator.
#![allow(clippy::expect_used, clippy::unwrap_used)]

/// Without the corpus (a fresh clone without `../shared`) the tests below are compiled out;
/// this one says so, and fails under `CI=true` (where tests/build.rs already refuses to build
/// without the corpus, so this is a second line of defence).
#[cfg(not(lex_corpus))]
#[test]
fn corpus_roundtrips_need_the_shared_corpus() {
    assert!(
        !lex_testdata::in_ci(),
        "the generated corpus is missing (CI=true)"
    );
    eprintln!("skipping: the round-trip tests need the shared corpus (set LEX_SHARED_DIR)");
}

#[cfg(lex_corpus)]
mod corpus {
    use lex_runtime::{Record, Validate, Value};
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use lex_tests::generated::corpus::app::bsky;

    const CID: &str = "bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq";

    /// JSON -> T -> JSON and DAG-CBOR, compared with the `Value` path (canonical output).
    fn roundtrip<T: Record + std::fmt::Debug + PartialEq>(json: &str) -> T {
        let value = Value::from_json_str(json).expect("sample is valid data");
        let typed: T = serde_json::from_str(json).expect("typed decode");
        typed.validate().expect("sample validates");
        let typed_json = serde_json::to_string(&typed).expect("typed json");
        assert_eq!(typed_json, value.to_json_string(), "JSON differs");
        let again: T = serde_json::from_str(&typed_json).expect("re-decode");
        assert_eq!(
            serde_json::to_string(&again).expect("json"),
            typed_json,
            "JSON not stable"
        );
        let cbor = lex_runtime::cbor::to_vec(&typed).expect("typed cbor");
        assert_eq!(cbor, value.to_cbor(), "DAG-CBOR differs");
        let from_cbor: T = lex_runtime::cbor::from_slice(&cbor).expect("typed cbor decode");
        assert_eq!(from_cbor, typed);
        assert_eq!(
            lex_runtime::cbor::cid_of_serialize(&from_cbor).expect("cid"),
            value.cid(),
            "CID changed"
        );
        typed
    }

    fn decode<T: DeserializeOwned + Serialize>(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn post_with_facets_embed_labels_unknown_member_and_field() {
        let json = format!(
            r#"{{"$type": "app.bsky.feed.post", "text": "hello @alice.test #rust",
        "createdAt": "2024-05-01T12:00:00.000Z", "langs": ["en"],
        "facets": [
          {{"index": {{"byteStart": 6, "byteEnd": 17}}, "features": [{{"$type": "app.bsky.richtext.facet#mention", "did": "did:plc:abc123"}}]}},
          {{"index": {{"byteStart": 18, "byteEnd": 23}}, "features": [{{"$type": "app.bsky.richtext.facet#tag", "tag": "rust"}}, {{"$type": "com.example.future#sparkle", "level": 3}}]}}
        ],
        "embed": {{"$type": "app.bsky.embed.images", "images": [{{"alt": "a cat", "image": {{"$type": "blob", "ref": {{"$link": "{CID}"}}, "mimeType": "image/png", "size": 1234}}, "aspectRatio": {{"width": 4, "height": 3}}}}]}},
        "labels": {{"$type": "com.atproto.label.defs#selfLabels", "values": [{{"val": "nudity"}}]}},
        "futureField": {{"nested": [1, 2, {{"$link": "{CID}"}}], "bytes": {{"$bytes": "aGk"}}}}}}"#
        );
        let post: bsky::feed::post::Post = roundtrip(&json);
        assert!(post.extra.contains_key("futureField"));
        let facets = post.facets.as_ref().expect("facets");
        let features = &facets[1].features;
        assert!(matches!(
            features.get(1),
            Some(bsky::richtext::facet::FacetFeaturesItem::Unknown(_))
        ));
        assert!(matches!(
            post.embed,
            Some(bsky::feed::post::PostEmbed::Images(_))
        ));
    }

    #[test]
    fn profile_like_follow_listitem_labeler() {
        roundtrip::<bsky::actor::profile::Profile>(&format!(
            r#"{{"$type": "app.bsky.actor.profile", "displayName": "Alice", "description": "hi",
        "avatar": {{"$type": "blob", "ref": {{"$link": "{CID}"}}, "mimeType": "image/jpeg", "size": 100}},
        "createdAt": "2024-05-01T12:00:00Z"}}"#
        ));
        let subject = format!(
            r#"{{"uri": "at://did:plc:abc123/app.bsky.feed.post/3kznmn7xqxl22", "cid": "{CID}"}}"#
        );
        roundtrip::<bsky::feed::like::Like>(&format!(
            r#"{{"$type": "app.bsky.feed.like", "subject": {subject}, "createdAt": "2024-05-01T12:00:00Z"}}"#
        ));
        roundtrip::<bsky::graph::follow::Follow>(
            r#"{"$type": "app.bsky.graph.follow", "subject": "did:plc:abc123", "createdAt": "2024-05-01T12:00:00Z"}"#,
        );
        roundtrip::<bsky::graph::listitem::Listitem>(
            r#"{"$type": "app.bsky.graph.listitem", "subject": "did:plc:abc123",
        "list": "at://did:plc:abc123/app.bsky.graph.list/3kznmn7xqxl22", "createdAt": "2024-05-01T12:00:00Z"}"#,
        );
        roundtrip::<bsky::labeler::service::Service>(
            r#"{"$type": "app.bsky.labeler.service", "createdAt": "2024-05-01T12:00:00Z",
        "policies": {"labelValues": ["spam", "!hide", "custom-label"],
          "labelValueDefinitions": [{"identifier": "custom-label", "severity": "alert", "blurs": "none",
            "locales": [{"lang": "en", "name": "Custom", "description": "A custom label"}]}]}}"#,
        );
    }

    #[test]
    fn rejections() {
        use bsky::feed::post::Post;
        // Wrong `$type`, missing required field, known union member with a bad body.
        assert!(decode::<Post>(
            r#"{"$type": "app.bsky.feed.like", "text": "x", "createdAt": "2024-05-01T12:00:00Z"}"#
        )
        .is_err());
        assert!(decode::<Post>(
            r#"{"$type": "app.bsky.feed.post", "createdAt": "2024-05-01T12:00:00Z"}"#
        )
        .is_err());
        assert!(decode::<Post>(r#"{"$type": "app.bsky.feed.post", "text": "x", "createdAt": "2024-05-01T12:00:00Z", "embed": {"$type": "app.bsky.embed.images", "images": "no"}}"#).is_err());
        // Too many graphemes: decodes, fails validation with a path.
        let long = "é".repeat(301);
        let post: Post = decode(&format!(
        r#"{{"$type": "app.bsky.feed.post", "text": "{long}", "createdAt": "2024-05-01T12:00:00Z"}}"#
    ))
    .expect("decodes");
        let errors = post.validate().expect_err("too long");
        assert_eq!(errors.errors()[0].path(), "$.text");
    }

    /// Every `record_data` vector: valid ones decode and validate with the generated type,
    /// invalid ones fail one or the other, and the dynamic validator agrees.
    #[test]
    fn conformance_record_data_agrees_with_dynamic_validator() {
        use lex_tests::generated::conformance::example::lexicon::record::Record as Demo;
        let dir = lex_tests::conformance_dir().join("lexicon");
        let text = std::fs::read_to_string(dir.join("catalog/record.json")).expect("catalog");
        let doc = lex_runtime::schema::Document::from_json_str(&text).expect("record.json");
        let set = lex_runtime::validate::SchemaSet::from_documents([doc]).expect("schema set");
        for (file, want_valid) in [
            ("record-data-valid.json", true),
            ("record-data-invalid.json", false),
        ] {
            let text = std::fs::read_to_string(dir.join(file)).expect("vectors");
            let vectors: Vec<serde_json::Value> = serde_json::from_str(&text).expect("json");
            for v in vectors {
                let name = v["name"].as_str().unwrap_or("?").to_owned();
                let data = serde_json::to_string(&v["data"]).expect("data");
                let generated = decode::<Demo>(&data)
                    .map_err(|e| e.to_string())
                    .and_then(|r| r.validate().map_err(|e| e.to_string()));
                let dynamic = set
                    .validator()
                    .validate_json("example.lexicon.record", &data);
                assert_eq!(
                    generated.is_ok(),
                    want_valid,
                    "{name}: generated says {generated:?}"
                );
                assert_eq!(
                    dynamic.is_ok(),
                    want_valid,
                    "{name}: dynamic says {dynamic:?}"
                );
            }
        }
    }
}
