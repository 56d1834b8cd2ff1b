//! Record blocks -> typed records: a collection with a lexicon in this example's set is
//! decoded into its generated type and validated; anything else is handed on as
//! unvalidated data, never as a typed or valid record.

use bsky_types::lexicons::app::bsky::actor::profile::Profile;
use bsky_types::lexicons::app::bsky::feed::like::Like;
use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::app::bsky::feed::repost::Repost;
use bsky_types::lexicons::app::bsky::graph::block::Block;
use bsky_types::lexicons::app::bsky::graph::follow::Follow;
use lex_runtime::{Record as _, Validate, Value};
use serde::de::DeserializeOwned;

/// A record of a type this example knows, decoded and valid against its lexicon.
#[derive(Debug, Clone, PartialEq)]
pub enum KnownRecord {
    /// `app.bsky.feed.post`.
    Post(Box<Post>),
    /// `app.bsky.feed.like`.
    Like(Box<Like>),
    /// `app.bsky.feed.repost`.
    Repost(Box<Repost>),
    /// `app.bsky.graph.follow`.
    Follow(Box<Follow>),
    /// `app.bsky.graph.block`.
    Block(Box<Block>),
    /// `app.bsky.actor.profile`.
    Profile(Box<Profile>),
}

/// What a created or updated record is, as far as this consumer can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordData {
    /// A known type, valid against its lexicon.
    Known(KnownRecord),
    /// A collection without a lexicon in this example's set: the decoded data, unchecked.
    Unvalidated(Value),
    /// A known collection whose data does not decode into its type or breaks its lexicon.
    Invalid {
        /// The decoded data (`Null` when the block is not even DAG-CBOR).
        value: Value,
        /// Why it is invalid.
        reason: String,
    },
}

/// The collections [`decode`] types.
pub const KNOWN_COLLECTIONS: &[&str] = &[
    Post::NSID,
    Like::NSID,
    Repost::NSID,
    Follow::NSID,
    Block::NSID,
    Profile::NSID,
];

/// Types the record block of `collection`.
pub fn decode(collection: &str, block: &[u8]) -> RecordData {
    let typed = match collection {
        c if c == Post::NSID => typed(block, KnownRecord::Post),
        c if c == Like::NSID => typed(block, KnownRecord::Like),
        c if c == Repost::NSID => typed(block, KnownRecord::Repost),
        c if c == Follow::NSID => typed(block, KnownRecord::Follow),
        c if c == Block::NSID => typed(block, KnownRecord::Block),
        c if c == Profile::NSID => typed(block, KnownRecord::Profile),
        _ => {
            return match lex_runtime::cbor::decode(block) {
                Ok(value) => RecordData::Unvalidated(value),
                Err(e) => RecordData::Invalid {
                    value: Value::Null,
                    reason: format!("not DAG-CBOR: {e}"),
                },
            }
        }
    };
    match typed {
        Ok(record) => RecordData::Known(record),
        Err(reason) => RecordData::Invalid {
            value: lex_runtime::cbor::decode(block).unwrap_or(Value::Null),
            reason,
        },
    }
}

/// Decodes `block` as `R` (its `$type` must be `R`'s NSID) and validates it.
fn typed<R>(block: &[u8], wrap: fn(Box<R>) -> KnownRecord) -> Result<KnownRecord, String>
where
    R: lex_runtime::Record + DeserializeOwned + Validate,
{
    let record: R = lex_runtime::cbor::from_slice(block).map_err(|e| e.to_string())?;
    record.validate().map_err(|e| e.to_string())?;
    Ok(wrap(Box::new(record)))
}
