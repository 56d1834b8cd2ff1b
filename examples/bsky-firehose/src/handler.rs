//! What the consumer hands to user code: one callback per kind of event, each with a
//! default that ignores it, so a user implements only what they need.

use lex_runtime::Cid;

use crate::records::RecordData;
use crate::resync::Snapshot;
use crate::verify::{Action, Rejection};

/// One record op of a verified commit.
#[derive(Debug, Clone, Copy)]
pub struct RecordOp<'a> {
    /// The frame's `seq`.
    pub seq: i64,
    /// The repository.
    pub did: &'a str,
    /// The commit's rev.
    pub rev: &'a str,
    /// What happened.
    pub action: Action,
    /// The collection NSID.
    pub collection: &'a str,
    /// The record key.
    pub rkey: &'a str,
    /// The record's CID (`None` for a delete).
    pub cid: Option<Cid>,
    /// The record (`None` for a delete): typed and valid only for known collections.
    pub record: Option<&'a RecordData>,
}

/// User code: called for every event, in stream order.
pub trait Handler {
    /// A record created, updated or deleted by a commit that passed every check.
    fn record(&mut self, op: RecordOp<'_>);

    /// An account's identity changed (its cached key has been dropped already).
    fn identity(&mut self, _seq: i64, _did: &str, _handle: Option<&str>) {}

    /// An account's hosting status changed.
    fn account(&mut self, _seq: i64, _did: &str, _active: bool, _status: Option<&str>) {}

    /// A repository was announced at a new state (a verified `#sync`).
    fn sync(&mut self, _seq: i64, _did: &str, _rev: &str) {}

    /// An informational message from the server (`OutdatedCursor`, ...).
    fn info(&mut self, _name: &str, _message: Option<&str>) {}

    /// A message of a type this consumer does not know (kept going).
    fn unknown(&mut self, _t: &str) {}

    /// A `#commit` or `#sync` that failed a check: nothing of it was handed on.
    fn rejected(&mut self, _seq: i64, _did: &str, _why: &Rejection) {}

    /// A verified commit whose `prevData` is not the last state seen for its repository,
    /// or the first verified one after a rejected frame: commits were missed (or rejected)
    /// in between. A resync follows (see [`Handler::resync`]).
    fn gap(&mut self, _seq: i64, _did: &str) {}

    /// The outcome of the resync after a gap. `Ok`: the whole repository at a rev at least
    /// the gap's commit, verified; it replaces the local copy, and the commit's own ops are
    /// not handed on (the snapshot holds them). `Err`: the export could not be fetched or
    /// failed a check, and the commit's ops were handed on as usual.
    fn resync(&mut self, _seq: i64, _did: &str, _result: Result<&Snapshot, &Rejection>) {}
}
