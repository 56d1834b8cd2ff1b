//! Round trip of the project's example lexicons (`lexicons/com/example/blog/{post,defs}`):
//! hand-written `#[derive(Lexicon)]` versions (records, objects, a union, a known-values
//! string, tokens, a recursive type) export documents that `lex breaking` finds equal to
//! the originals, and their values serialize to the same JSON and DAG-CBOR bytes (same
//! CID) as the types `#[lexicon]` generates from the originals. The subscription
//! `subscribePosts` is derived too: same document, same message types, same frames.

use lex_compiler::check::breaking::{breaking, registry};
use lex_compiler::check::selection::Selection;
use lex_runtime::lexicon::Lexicons;
use lex_runtime::{
    AtUri, BlobRef, Cid, Datetime, Did, Language, Lexicon, Map, Uri, Validate, Value,
};

/// The generated types, for comparison.
#[lex_macros::lexicon(
    path = "../lexicons",
    include = ["com.example.blog.post", "com.example.blog.subscribePosts"]
)]
mod generated {}

/// A blog post written by the account that holds the record.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.post", record, key = "tid")]
pub struct Post {
    /// Headline of the post.
    #[lexicon(max_length = 1200, max_graphemes = 120)]
    pub title: String,
    /// Text of the post, in Markdown.
    #[lexicon(max_length = 20000, max_graphemes = 2000)]
    pub body: String,
    /// Mentions, links and tags within the body.
    #[lexicon(max_length = 100)]
    pub facets: Option<Vec<Facet>>,
    /// Topics the post is about.
    #[lexicon(max_length = 8, items(max_length = 640, max_graphemes = 64))]
    pub tags: Option<Vec<String>>,
    /// Image shown above the post.
    #[lexicon(accept = ["image/png", "image/jpeg", "image/webp"], max_size = 1000000)]
    pub cover: Option<BlobRef>,
    /// Who the author means the post for.
    #[lexicon(max_length = 640)]
    pub visibility: Option<Visibility>,
    /// The post this one answers, if any.
    pub reply_to: Option<PostRef>,
    /// Something shown below the post.
    pub embed: Option<Embed>,
    /// Languages the post is written in.
    #[lexicon(max_length = 3)]
    pub langs: Option<Vec<Language>>,
    /// When the author wrote the post.
    pub created_at: Datetime,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq, Eq, Hash)]
#[lexicon(known_values)]
pub enum Visibility {
    #[lexicon(value = "com.example.blog.defs#public")]
    Public,
    #[lexicon(value = "com.example.blog.defs#unlisted")]
    Unlisted,
    Other(String),
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(union)]
pub enum Embed {
    Link(Box<Link>),
    Quote(Box<Quote>),
    Unknown(Map),
}

/// A post as the blog service shows it, with counts.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#postView")]
pub struct PostView {
    pub uri: AtUri,
    #[lexicon(format = "cid")]
    pub cid: String,
    pub author: Did,
    /// The post record itself.
    pub record: Value,
    #[lexicon(minimum = 0)]
    pub reply_count: Option<i64>,
    /// Answers to the post, each possibly with its own answers.
    pub replies: Option<Vec<PostView>>,
    pub indexed_at: Datetime,
    pub extra: Map,
}

/// A link to a web page.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#link")]
pub struct Link {
    pub uri: Uri,
    #[lexicon(max_length = 3000, max_graphemes = 300)]
    pub title: Option<String>,
    pub extra: Map,
}

/// A quotation of another post.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#quote")]
pub struct Quote {
    pub post: PostRef,
    pub extra: Map,
}

/// The post is for everyone and may be listed.
#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.blog.defs#public")]
pub struct Public;

/// The post is for everyone with the link, but should not be listed.
#[derive(lex_macros::Lexicon)]
#[lexicon(id = "com.example.blog.defs#unlisted")]
pub struct Unlisted;

/// A reference to one version of a post.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#postRef")]
pub struct PostRef {
    pub uri: AtUri,
    #[lexicon(format = "cid")]
    pub cid: String,
    pub extra: Map,
}

/// Annotation of a range of the post body: a mention, a link or a tag.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#facet")]
pub struct Facet {
    pub index: ByteSlice,
    #[lexicon(max_length = 8)]
    pub features: Vec<Feature>,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(union)]
pub enum Feature {
    Mention(Box<Mention>),
    LinkFeature(Box<LinkFeature>),
    TagFeature(Box<TagFeature>),
    Unknown(Map),
}

/// A range of the body in UTF-8 bytes: start inclusive, end exclusive.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#byteSlice")]
pub struct ByteSlice {
    #[lexicon(minimum = 0)]
    pub byte_start: i64,
    #[lexicon(minimum = 0)]
    pub byte_end: i64,
    pub extra: Map,
}

/// The range mentions an account.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#mention")]
pub struct Mention {
    pub did: Did,
    pub extra: Map,
}

/// The range links to a web page.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#linkFeature")]
pub struct LinkFeature {
    pub uri: Uri,
    pub extra: Map,
}

/// The range is a hashtag (without the leading #).
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.defs#tagFeature")]
pub struct TagFeature {
    #[lexicon(max_length = 640, max_graphemes = 64)]
    pub tag: String,
    pub extra: Map,
}

fn original(nsid: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../lexicons")
        .join(nsid.replace('.', "/"))
        .with_extension("json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn derived_documents_equal_the_examples() {
    let mut set = Lexicons::new();
    // Types of another NSID stay references: each document's types are added on their own
    // (same-NSID types they use, such as `ByteSlice` and `Mention`, come along).
    set.add::<Post>()
        .add::<PostView>()
        .add::<Link>()
        .add::<Quote>()
        .add::<Public>()
        .add::<Unlisted>()
        .add::<PostRef>()
        .add::<Facet>();
    let derived = set.documents();
    let nsids: Vec<&str> = derived.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(nsids, ["com.example.blog.defs", "com.example.blog.post"]);
    let originals: Vec<(String, String)> = derived
        .iter()
        .map(|(n, _)| (n.clone(), original(n)))
        .collect();
    for (nsid, text) in &derived {
        let fixed = lex_compiler::syntax::format::fixed_layout(text);
        assert_eq!(
            fixed.as_deref(),
            Ok(text.as_str()),
            "{nsid}: not in the fixed layout"
        );
    }
    let old = lex_compiler::load_sources(originals.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let new = lex_compiler::load_sources(derived.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    assert!(!old.diagnostics.has_errors());
    assert!(!new.diagnostics.has_errors(), "{:?}", new.diagnostics);
    let selection = Selection::all(registry());
    let forward = breaking(&old.catalog, &new.catalog, &selection);
    let backward = breaking(&new.catalog, &old.catalog, &selection);
    assert!(forward.findings.is_empty(), "{:?}", forward.findings);
    assert!(backward.findings.is_empty(), "{:?}", backward.findings);
    // The post's definition is the same JSON, up to `#name` for same-NSID refs.
    let post = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        v["defs"]["main"]
            .to_string()
            .replace("com.example.blog.defs#", "#")
    };
    assert_eq!(post(&originals[1].1), post(&derived[1].1));
}

const POST: &str = r#"{
  "$type": "com.example.blog.post",
  "title": "Derive",
  "body": "Hello @alice, see https://example.com",
  "facets": [{"index": {"byteStart": 6, "byteEnd": 12}, "features": [{"$type": "com.example.blog.defs#mention", "did": "did:plc:alice"}, {"$type": "com.example.other#thing", "x": 1}]}],
  "tags": ["rust"],
  "visibility": "com.example.blog.defs#unlisted",
  "embed": {"$type": "com.example.blog.defs#link", "uri": "https://example.com", "title": "Example"},
  "langs": ["en"],
  "createdAt": "2026-12-05T12:00:00.000Z",
  "future": true
}"#;

#[test]
fn derived_values_match_generated_ones_byte_for_byte() {
    let derived: Post = serde_json::from_str(POST).unwrap_or_else(|e| panic!("{e}"));
    let generated: generated::com::example::blog::post::Post =
        serde_json::from_str(POST).unwrap_or_else(|e| panic!("{e}"));
    assert!(derived.validate().is_ok());
    assert!(matches!(derived.embed, Some(Embed::Link(_))));
    assert_eq!(derived.visibility, Some(Visibility::Unlisted));
    let json = serde_json::to_string(&derived).unwrap_or_default();
    assert_eq!(json, serde_json::to_string(&generated).unwrap_or_default());
    let cbor = lex_runtime::cbor::to_vec(&derived).unwrap_or_default();
    let expected = lex_runtime::cbor::to_vec(&generated).unwrap_or_default();
    assert_eq!(cbor, expected);
    assert_eq!(Cid::for_dag_cbor(&cbor), Cid::for_dag_cbor(&expected));
}

#[test]
fn derived_validation_reports_what_generated_validation_does() {
    let long = POST.replace("\"Derive\"", &format!("\"{}\"", "x".repeat(1300)));
    let derived: Post = serde_json::from_str(&long).unwrap_or_else(|e| panic!("{e}"));
    let generated: generated::com::example::blog::post::Post =
        serde_json::from_str(&long).unwrap_or_else(|e| panic!("{e}"));
    let (a, b) = (derived.validate(), generated.validate());
    assert!(a.is_err());
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn lexicons_writes_one_file_per_nsid_where_lex_install_puts_it() {
    let dir = std::env::temp_dir().join(format!("lex-macros-write-{}", std::process::id()));
    let mut set = Lexicons::new();
    set.add::<Post>().add::<Link>();
    let written = set.write(&dir).unwrap_or_else(|e| panic!("{e}"));
    let expected = [
        dir.join("com/example/blog/defs.json"),
        dir.join("com/example/blog/post.json"),
    ];
    assert_eq!(written, expected);
    for ((_, text), path) in set.documents().iter().zip(&expected) {
        assert_eq!(std::fs::read_to_string(path).ok().as_ref(), Some(text));
    }
    let loaded = lex_compiler::load_paths(&[&dir]);
    let _ = std::fs::remove_dir_all(&dir);
    // `Link` alone does not make `defs` complete: `post` refers to defs it lacks.
    assert_eq!(loaded.catalog.document_count(), 2);
}

/// A value that may be `null`, and one that may also be absent.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.nullable")]
pub struct Nullable {
    #[lexicon(nullable)]
    pub required: Option<String>,
    #[lexicon(nullable, max_length = 3)]
    pub optional: Option<Option<String>>,
    #[lexicon(default = 10, minimum = 1)]
    pub count: Option<i64>,
    pub extra: Map,
}

#[test]
fn nullable_and_defaults() {
    let text = Nullable::lexicon_json();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let main = &doc["defs"]["main"];
    assert_eq!(main["required"], serde_json::json!(["required"]));
    assert_eq!(
        main["nullable"],
        serde_json::json!(["required", "optional"])
    );
    assert_eq!(main["properties"]["count"]["default"], 10);
    let v: Nullable = serde_json::from_str(r#"{"required": null, "optional": null}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((v.required.clone(), v.optional.clone()), (None, Some(None)));
    assert_eq!(
        serde_json::to_string(&v).unwrap_or_default(),
        r#"{"optional":null,"required":null}"#
    );
    let absent: Nullable =
        serde_json::from_str(r#"{"required": "x"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(absent.optional, None);
    assert!(serde_json::from_str::<Nullable>("{}").is_err());
    let long: Nullable = serde_json::from_str(r#"{"required": null, "optional": "long"}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(long.validate().is_err());
}

/// A stream of new and deleted posts, in order.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq, Default)]
#[lexicon(
    id = "com.example.blog.subscribePosts",
    subscription,
    message = PostEvent,
    errors = ["FutureCursor"]
)]
pub struct SubscribePosts {
    /// The last sequence number seen.
    pub cursor: Option<i64>,
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(union)]
pub enum PostEvent {
    Created(Box<Created>),
    Deleted(Box<Deleted>),
    Unknown(Map),
}

/// A post was written.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.subscribePosts#created")]
pub struct Created {
    pub seq: i64,
    pub uri: AtUri,
    pub post: Post,
    pub extra: Map,
}

/// A post was deleted.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.example.blog.subscribePosts#deleted")]
pub struct Deleted {
    pub seq: i64,
    pub uri: AtUri,
    pub extra: Map,
}

#[test]
fn a_derived_subscription_is_the_example_one() {
    let mut set = Lexicons::new();
    set.add::<SubscribePosts>();
    let derived = set.documents();
    let text = derived
        .iter()
        .find(|(n, _)| n == "com.example.blog.subscribePosts")
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    let example = original("com.example.blog.subscribePosts");
    let mine = |text: &str| {
        let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        v["defs"].clone()
    };
    assert_eq!(mine(&text), mine(&example), "{text}");
    // What it refers to (the post record and its defs) from the originals, for both.
    let deps = ["com.example.blog.post", "com.example.blog.defs"].map(|n| (n, original(n)));
    let with_deps = |text: &str| {
        let mut docs = vec![("com.example.blog.subscribePosts", text.to_owned())];
        docs.extend(deps.iter().map(|(n, t)| (*n, t.clone())));
        lex_compiler::load_sources(docs.iter().map(|(n, t)| (*n, t.as_str())))
    };
    let (old, new) = (with_deps(&example), with_deps(&text));
    assert!(!old.diagnostics.has_errors(), "{:?}", old.diagnostics);
    assert!(!new.diagnostics.has_errors(), "{:?}", new.diagnostics);
    assert_eq!(new.catalog.document_count(), 3);
    let selection = Selection::all(registry());
    assert!(breaking(&old.catalog, &new.catalog, &selection)
        .findings
        .is_empty());
    assert!(breaking(&new.catalog, &old.catalog, &selection)
        .findings
        .is_empty());
}

#[test]
fn a_derived_subscription_speaks_the_generated_frames() {
    use generated::com::example::blog::subscribe_posts as gen;
    use lex_runtime::stream::{decode_event, encode_frame, message_frame, Event, EventError};
    use lex_runtime::xrpc::{Method, Subscription};

    assert_eq!(
        <SubscribePosts as Subscription>::MESSAGE_TYPES,
        <gen::SubscribePosts as Subscription>::MESSAGE_TYPES
    );
    assert_eq!(
        <SubscribePosts as Method>::NSID,
        "com.example.blog.subscribePosts"
    );
    let post: Post = serde_json::from_str(POST).unwrap_or_else(|e| panic!("{e}"));
    let uri: AtUri = "at://did:plc:alice/com.example.blog.post/3kaaaaaaaaa22"
        .parse()
        .unwrap_or_else(|e| panic!("{e:?}"));
    let created = PostEvent::Created(Box::new(Created {
        seq: 7,
        uri,
        post,
        extra: Map::new(),
    }));
    let frame = message_frame::<SubscribePosts>(&created).unwrap_or_else(|e| panic!("{e}"));
    let bytes = encode_frame(&frame).unwrap_or_else(|e| panic!("{e}"));
    // The generated subscription reads it and writes the same bytes back.
    let Ok(Some(Event::Message(theirs))) = decode_event::<gen::SubscribePosts>(&bytes) else {
        panic!("the generated subscription does not read the derived frame");
    };
    assert!(matches!(theirs, gen::Message::Created(_)));
    let again = message_frame::<gen::SubscribePosts>(&theirs).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(encode_frame(&again).unwrap_or_default(), bytes);
    // And the derived one reads its own frame back.
    match decode_event::<SubscribePosts>(&bytes) {
        Ok(Some(Event::Message(mine))) => assert_eq!(mine, created),
        other => panic!("{other:?}"),
    }
    // A declared error frame is the derived error enum's variant.
    let error = lex_runtime::stream::Frame::Error(lex_runtime::wire::ErrorBody {
        error: "FutureCursor".into(),
        message: Some("too far".into()),
    });
    let bytes = encode_frame(&error).unwrap_or_else(|e| panic!("{e}"));
    match decode_event::<SubscribePosts>(&bytes) {
        Err(EventError::Xrpc(SubscribePostsError::FutureCursor(m))) => {
            assert_eq!(m.as_deref(), Some("too far"));
        }
        other => panic!("{other:?}"),
    }
}
