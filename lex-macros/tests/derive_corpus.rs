//! Round trip of code-first lexicons: hand-written `#[derive(Lexicon)]` versions of
//! lexicons of the official corpus export documents that `lex breaking` finds equal to
//! the originals (no finding either way) and whose definitions are the same JSON, and
//! their values serialize to the JSON and DAG-CBOR bytes (so the CID) of the canonical
//! data-model encoding, which generated types also produce.

use std::path::PathBuf;

use lex_compiler::check::breaking::{breaking, registry};
use lex_compiler::check::selection::Selection;
use lex_runtime::lexicon::Lexicons;
use lex_runtime::xrpc::RawBody;
use lex_runtime::{AtIdentifier, AtUri, BlobRef, Cid, Datetime, Did, Map, Tid, Validate};

/// A type of another NSID: only its id matters to a document that refers to it.
macro_rules! elsewhere {
    ($name:ident, $id:literal) => {
        #[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
        #[lexicon(id = $id)]
        pub struct $name {
            pub extra: Map,
        }
    };
}

elsewhere!(Facet, "app.bsky.richtext.facet");
elsewhere!(
    ProfileViewDetailed,
    "app.bsky.actor.defs#profileViewDetailed"
);
elsewhere!(Set, "tools.ozone.set.defs#set");
elsewhere!(ProfileView, "app.bsky.actor.defs#profileView");
elsewhere!(RepoViewDetail, "tools.ozone.moderation.defs#repoViewDetail");
elsewhere!(SetView, "tools.ozone.set.defs#setView");

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "com.atproto.repo.strongRef",
    document_description = "A URI with a content-hash fingerprint."
)]
pub struct StrongRef {
    pub uri: AtUri,
    #[lexicon(format = "cid")]
    pub cid: String,
    pub extra: Map,
}

/// Record declaring a 'like' of a piece of subject content.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.feed.like", record, key = "tid")]
pub struct Like {
    pub subject: StrongRef,
    pub created_at: Datetime,
    pub via: Option<StrongRef>,
    pub extra: Map,
}

/// Record representing a 'repost' of an existing Bluesky post.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.feed.repost", record, key = "tid")]
pub struct Repost {
    pub subject: StrongRef,
    pub created_at: Datetime,
    pub via: Option<StrongRef>,
    pub extra: Map,
}

/// Record declaring a social 'follow' relationship of another account. Duplicate follows will be ignored by the AppView.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.follow", record, key = "tid")]
pub struct Follow {
    pub subject: Did,
    pub created_at: Datetime,
    pub via: Option<StrongRef>,
    pub extra: Map,
}

/// Record declaring a 'block' relationship against another account. NOTE: blocks are public in Bluesky; see blog posts for details.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.block", record, key = "tid")]
pub struct Block {
    /// DID of the account to be blocked.
    pub subject: Did,
    pub created_at: Datetime,
    pub extra: Map,
}

/// Record representing an account's inclusion on a specific list. The AppView will ignore duplicate listitem records.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.listitem", record, key = "tid")]
pub struct Listitem {
    /// The account which is included on the list.
    pub subject: Did,
    /// Reference (AT-URI) to the list record (app.bsky.graph.list).
    pub list: AtUri,
    pub created_at: Datetime,
    pub extra: Map,
}

/// Record representing a block relationship against an entire an entire list of accounts (actors).
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.listblock", record, key = "tid")]
pub struct Listblock {
    /// Reference (AT-URI) to the mod list record.
    pub subject: AtUri,
    pub created_at: Datetime,
    pub extra: Map,
}

/// A declaration of a Bluesky chat account.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "chat.bsky.actor.declaration", record, key = "literal:self")]
pub struct Declaration {
    #[lexicon(known_values = ["all", "none", "following"])]
    pub allow_incoming: String,
    /// Declaration about group chat invitation preferences for the record owner.
    #[lexicon(known_values = ["all", "none", "following"])]
    pub allow_group_invites: Option<String>,
    pub extra: Map,
}

/// Record defining a starter pack of actors and feeds for new users.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.starterpack", record, key = "tid")]
pub struct Starterpack {
    /// Display name for starter pack; can not be empty.
    #[lexicon(max_graphemes = 50, max_length = 500, min_length = 1)]
    pub name: String,
    #[lexicon(max_graphemes = 300, max_length = 3000)]
    pub description: Option<String>,
    pub description_facets: Option<Vec<Facet>>,
    /// Reference (AT-URI) to the list record.
    pub list: AtUri,
    #[lexicon(max_length = 3)]
    pub feeds: Option<Vec<FeedItem>>,
    pub created_at: Datetime,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.graph.starterpack#feedItem")]
pub struct FeedItem {
    pub uri: AtUri,
    pub extra: Map,
}

/// Get detailed profile view of an actor. Does not require auth, but contains relevant metadata with auth.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.actor.getProfile", query, output = ProfileViewDetailed)]
pub struct GetProfile {
    /// Handle or DID of account to fetch profile of.
    pub actor: AtIdentifier,
}

/// Get like records which reference a subject (by AT-URI and CID).
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.feed.getLikes", query, output_object = Likes)]
pub struct GetLikes {
    /// AT-URI of the subject (eg, a post record).
    pub uri: AtUri,
    /// CID of the subject record (aka, specific version of record), to filter likes.
    #[lexicon(format = "cid")]
    pub cid: Option<String>,
    #[lexicon(minimum = 1, maximum = 100, default = 50)]
    pub limit: Option<i64>,
    pub cursor: Option<String>,
}

// The output of `getLikes`, written inline in its document (a doc comment would become its
// description).
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.feed.getLikes#output")]
pub struct Likes {
    pub uri: AtUri,
    #[lexicon(format = "cid")]
    pub cid: Option<String>,
    pub cursor: Option<String>,
    pub likes: Vec<LikeView>,
    pub extra: Map,
}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "app.bsky.feed.getLikes#like")]
pub struct LikeView {
    pub indexed_at: Datetime,
    pub created_at: Datetime,
    pub actor: ProfileView,
    pub extra: Map,
}

/// Get details about a repository.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "tools.ozone.moderation.getRepo",
    query,
    output = RepoViewDetail,
    errors = ["RepoNotFound"]
)]
pub struct GetRepo {
    pub did: Did,
}

/// Delete the current session. Requires auth using the 'refreshJwt' (not the 'accessJwt').
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "com.atproto.server.deleteSession",
    procedure,
    errors = ["InvalidToken", "ExpiredToken"]
)]
pub struct DeleteSession {}

/// Create or update set metadata
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "tools.ozone.set.upsertSet", procedure, input = Set, output = SetView)]
pub struct UpsertSet {}

/// Download a repository export as CAR file. Optionally only a 'diff' since a previous revision. Does not require auth; implemented by PDS.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "com.atproto.sync.getRepo",
    query,
    output_encoding = "application/vnd.ipld.car",
    errors = ["RepoNotFound", "RepoTakendown", "RepoSuspended", "RepoDeactivated"]
)]
pub struct ExportRepo {
    /// The DID of the repo.
    pub did: Did,
    /// The revision ('rev') of the repo to create a diff from.
    pub since: Option<Tid>,
}

/// Upload a new blob, to be referenced from a repository record. The blob will be deleted if it is not referenced within a time window (eg, minutes). Blob restrictions (mimetype, size, etc) are enforced when the reference is created. Requires auth, implemented by PDS.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "com.atproto.repo.uploadBlob",
    procedure,
    input_encoding = "*/*",
    output_object = Uploaded
)]
pub struct UploadBlob {}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "com.atproto.repo.uploadBlob#output")]
pub struct Uploaded {
    pub blob: BlobRef,
    pub extra: Map,
}

/// Delete a member from ozone team. Requires admin role.
#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(
    id = "tools.ozone.team.deleteMember",
    procedure,
    input_object = MemberToDelete,
    errors = [
        ("MemberNotFound", "The member being deleted does not exist"),
        ("CannotDeleteSelf", "You can not delete yourself from the team"),
    ]
)]
pub struct DeleteMember {}

#[derive(lex_macros::Lexicon, Debug, Clone, PartialEq)]
#[lexicon(id = "tools.ozone.team.deleteMember#input")]
pub struct MemberToDelete {
    pub did: Did,
    pub extra: Map,
}

fn corpus_dir() -> Option<PathBuf> {
    lex_testdata::corpus()
}

fn derived() -> Vec<(String, String)> {
    let mut set = Lexicons::new();
    set.add::<StrongRef>()
        .add::<Like>()
        .add::<Repost>()
        .add::<Follow>()
        .add::<Block>()
        .add::<Listitem>()
        .add::<Listblock>()
        .add::<Declaration>()
        .add::<Starterpack>()
        .add::<GetProfile>()
        .add::<UpsertSet>()
        .add::<GetRepo>()
        .add::<GetLikes>()
        .add::<DeleteSession>()
        .add::<ExportRepo>()
        .add::<UploadBlob>()
        .add::<DeleteMember>();
    set.documents()
}

#[test]
fn derived_documents_equal_the_corpus() {
    let Some(dir) = corpus_dir() else { return };
    let derived = derived();
    assert_eq!(derived.len(), 17);
    let mut originals = Vec::new();
    for (nsid, text) in &derived {
        let path = dir.join(nsid.replace('.', "/")).with_extension("json");
        let original =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let a: serde_json::Value = serde_json::from_str(&original).unwrap_or_default();
        let b: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(a, b, "{nsid}: documents differ\n{text}");
        // The layout `lex new` writes and `lex fmt` keeps.
        let fixed = lex_compiler::syntax::format::fixed_layout(text);
        assert_eq!(
            fixed.as_deref(),
            Ok(text.as_str()),
            "{nsid}: not in the fixed layout"
        );
        originals.push((nsid.clone(), original));
    }
    let old = lex_compiler::load_sources(originals.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let new = lex_compiler::load_sources(derived.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    let selection = Selection::all(registry());
    let forward = breaking(&old.catalog, &new.catalog, &selection);
    let backward = breaking(&new.catalog, &old.catalog, &selection);
    assert!(forward.findings.is_empty(), "{:?}", forward.findings);
    assert!(backward.findings.is_empty(), "{:?}", backward.findings);
}

/// JSON text -> derived type -> JSON and DAG-CBOR, against the data model's encoding.
fn same_bytes<T>(json: &str)
where
    T: serde::de::DeserializeOwned + serde::Serialize + Validate,
{
    let value = lex_runtime::json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
    let typed: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert!(typed.validate().is_ok(), "{json}");
    let written = serde_json::to_string(&typed).unwrap_or_default();
    assert_eq!(written, lex_runtime::json::to_string(&value));
    let cbor = lex_runtime::cbor::to_vec(&typed).unwrap_or_default();
    let expected = lex_runtime::cbor::encode(&value);
    assert_eq!(cbor, expected);
    assert_eq!(Cid::for_dag_cbor(&cbor), Cid::for_dag_cbor(&expected));
}

const SUBJECT: &str = r#"{"uri": "at://did:plc:abc/app.bsky.feed.post/3k2a", "cid": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"}"#;

#[test]
fn derived_values_round_trip_byte_exactly() {
    let like = format!(
        r#"{{"$type": "app.bsky.feed.like", "subject": {SUBJECT}, "createdAt": "2026-12-05T12:00:00.000Z", "future": [1, 2]}}"#
    );
    same_bytes::<Like>(&like);
    same_bytes::<Repost>(&like.replace("feed.like", "feed.repost"));
    same_bytes::<Follow>(
        r#"{"$type": "app.bsky.graph.follow", "subject": "did:plc:abc", "createdAt": "2026-12-05T12:00:00.000Z"}"#,
    );
    same_bytes::<Likes>(
        r#"{"uri": "at://did:plc:abc/app.bsky.feed.post/3k2a", "likes": [{"indexedAt": "2026-12-05T12:00:00.000Z", "createdAt": "2026-12-05T12:00:00.000Z", "actor": {"did": "did:plc:bob"}}]}"#,
    );
    same_bytes::<Declaration>(
        r#"{"$type": "chat.bsky.actor.declaration", "allowIncoming": "following"}"#,
    );
    same_bytes::<Starterpack>(
        r#"{"$type": "app.bsky.graph.starterpack", "name": "Rust", "list": "at://did:plc:abc/app.bsky.graph.list/3k2a", "feeds": [{"uri": "at://did:plc:abc/app.bsky.feed.generator/x"}], "createdAt": "2026-12-05T12:00:00.000Z"}"#,
    );
}

#[test]
fn derived_constraints_are_checked() {
    let pack: Starterpack = serde_json::from_str(
        r#"{"$type": "app.bsky.graph.starterpack", "name": "", "list": "at://did:plc:abc/app.bsky.graph.list/3k2a", "createdAt": "2026-12-05T12:00:00.000Z"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(pack.validate().is_err(), "minLength 1 is not checked");
    let wrong_type = r#"{"$type": "app.bsky.feed.repost", "subject": {"uri": "at://did:plc:abc/app.bsky.feed.post/3k2a", "cid": "bafyreidfayvfuwqa7qlnopdjiqrxzs6blmoeu4rujcjtnci5beludirz2a"}, "createdAt": "2026-12-05T12:00:00.000Z"}"#;
    assert!(serde_json::from_str::<Like>(wrong_type).is_err());
    assert_eq!(<Like as lex_runtime::Record>::NSID, "app.bsky.feed.like");
}

#[test]
fn derived_methods_implement_the_xrpc_traits() {
    use lex_runtime::xrpc::{Method, Procedure, Query, XrpcError};
    fn query<Q: Query<Output = ProfileViewDetailed>>() -> &'static str {
        Q::NSID
    }
    fn procedure<P: Procedure<Input = Set, Output = SetView>>() -> &'static str {
        P::NSID
    }
    assert_eq!(query::<GetProfile>(), "app.bsky.actor.getProfile");
    fn likes<Q: Query<Output = Likes, Params = GetLikes>>() -> &'static str {
        Q::NSID
    }
    assert_eq!(likes::<GetLikes>(), "app.bsky.feed.getLikes");
    assert_eq!(procedure::<UpsertSet>(), "tools.ozone.set.upsertSet");
    // Bodies that are not JSON are raw bytes with their declared encoding.
    fn raw_output<Q: Query<Output = RawBody, Params = ExportRepo>>() -> Option<&'static str> {
        Q::OUTPUT_ENCODING
    }
    assert_eq!(raw_output::<ExportRepo>(), Some("application/vnd.ipld.car"));
    fn raw_input<P: Procedure<Input = RawBody, Output = Uploaded>>() -> Option<&'static str> {
        P::INPUT_ENCODING
    }
    assert_eq!(raw_input::<UploadBlob>(), Some("*/*"));
    fn no_body<P: Procedure<Input = (), Output = ()>>() -> &'static str {
        P::NSID
    }
    assert_eq!(
        no_body::<DeleteSession>(),
        "com.atproto.server.deleteSession"
    );
    let error = <GetRepo as Method>::Error::from_parts("RepoNotFound".into(), None);
    assert!(matches!(error, GetRepoError::RepoNotFound(None)));
    assert_eq!(error.name(), "RepoNotFound");
    // Described errors are variants like the others.
    let error = DeleteMemberError::from_parts("CannotDeleteSelf".into(), Some("me".into()));
    assert!(matches!(
        error,
        DeleteMemberError::CannotDeleteSelf(Some(_))
    ));
    let params: GetProfile =
        serde_json::from_str(r#"{"actor": "alice.example.com"}"#).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(params.actor.as_str(), "alice.example.com");
}
