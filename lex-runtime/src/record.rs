//! [`Record`]: what every generated record type implements, so generic code (a client
//! writing records, a firehose consumer) can name the collection, the record-key type and
//! validate without knowing the type.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::typed::Validate;

/// The record-key type a record schema declares (`key`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `tid`: a TID.
    Tid,
    /// `nsid`: an NSID.
    Nsid,
    /// `any`: any valid record key.
    Any,
    /// `literal:<value>`: exactly this key (single-instance collections, e.g. `self`).
    Literal(&'static str),
}

/// A generated record type (the `main` definition of a lexicon of type `record`).
pub trait Record: Serialize + DeserializeOwned + Validate {
    /// The collection NSID, which is also the record's `$type`.
    const NSID: &'static str;
    /// The record-key type of the schema.
    const KEY: KeyType;
    /// The Rust type of record keys: [`crate::Tid`], [`crate::Nsid`] or
    /// [`crate::RecordKey`] (for `any` and `literal:*`).
    type Key;
}
