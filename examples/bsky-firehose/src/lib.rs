//! A verifying consumer of the atproto firehose (`com.atproto.sync.subscribeRepos`), built
//! on lex's XRPC client and the `bsky_types` generated from the vendored lexicons.
//!
//! For each `#commit` it reads the CAR blocks, verifies the commit signature with the
//! account's key (resolved through the PLC directory and cached; dropped on `#identity`),
//! checks every op against the MST proof in the frame (sync v1.1: undoing the ops must give
//! `prevData`), and hands the records to a [`Handler`]: `app.bsky` posts, likes, reposts,
//! follows, blocks and profiles typed and validated, anything else as unvalidated data.
//! A frame that fails a check is reported through [`Handler::rejected`] and nothing of it
//! is handed on. A verified commit that does not continue from the last state seen for its
//! repository, or the first one verified after a rejected frame, is a gap: the consumer
//! then fetches the whole repository (`com.atproto.sync.getRepo`), checks it as strictly,
//! and hands it to [`Handler::resync`] in place of the commit's ops. `#identity`,
//! `#account`, `#sync`, `#info` and unknown messages have their own callbacks;
//! [`Consumer::cursor`] is the `seq` to resume after.
//!
//! ```no_run
//! use lex_example_bsky_firehose::{Consumer, Handler, KnownRecord, RecordData, RecordOp};
//!
//! struct Print;
//! impl Handler for Print {
//!     fn record(&mut self, op: RecordOp<'_>) {
//!         if let Some(RecordData::Known(KnownRecord::Post(post))) = op.record {
//!             println!("{} posted: {}", op.did, post.text);
//!         }
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let mut consumer = Consumer::new("http://127.0.0.1:2583", "http://127.0.0.1:2582", Print)?;
//! consumer.run(|_| false).await?;
//! # Ok(())
//! # }
//! ```

mod consumer;
pub mod frame;
mod handler;
mod keys;
pub mod records;
pub mod resync;
pub mod verify;

pub use consumer::{Consumer, RepoState, StreamError};
pub use handler::{Handler, RecordOp};
pub use keys::KeyCache;
pub use records::{KnownRecord, RecordData};
pub use resync::{Snapshot, SnapshotRecord};
pub use verify::{Action, Rejection};
