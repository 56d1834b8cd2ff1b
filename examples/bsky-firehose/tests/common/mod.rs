//! Shared by the firehose tests: the test network with two accounts (one per curve), a
//! handler that records what it is given, logins, and a relay that rewrites frames.

// Setup helpers panic on failure: in a test that is a clear failure, not a bug.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code, unreachable_pub)]

pub mod relay;

use lex_example_bsky_firehose::{
    Action, Handler, KnownRecord, RecordData, RecordOp, Rejection, Snapshot,
};
use lex_runtime::client::XrpcClient;
use lex_runtime::did_doc::KeyType;
use lex_tests::testnet::{TestNet, TestNetConfig};

/// The vendored lexicons: the test PDS validates `app.bsky` records against them.
pub fn lexicons() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../bsky/lexicons")
}

/// alice.test signs with secp256k1, bob.test with P-256.
pub fn network() -> TestNet {
    let config = TestNetConfig::new([lexicons()])
        .account_with_key("alice.test", "alice-pw", KeyType::Secp256k1)
        .account_with_key("bob.test", "bob-pw", KeyType::P256);
    TestNet::start(config).unwrap_or_else(|e| panic!("test network: {e}"))
}

/// A client logged in as `handle` (password `<name>-pw`).
pub async fn login(net: &TestNet, handle: &str) -> XrpcClient {
    let client = XrpcClient::new(net.pds_url()).unwrap();
    let name = handle.split('.').next().unwrap();
    client.login(handle, &format!("{name}-pw")).await.unwrap();
    client
}

/// One record op as the handler saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct SeenOp {
    pub seq: i64,
    pub did: String,
    pub action: Action,
    pub collection: String,
    pub rkey: String,
    /// `post:<text>`, `like`, `follow`, ..., `unvalidated`, `invalid`, or `deleted`.
    pub what: String,
}

/// Everything handed to user code.
#[derive(Debug, Default)]
pub struct Seen {
    pub ops: Vec<SeenOp>,
    pub identities: Vec<(i64, String)>,
    pub accounts: Vec<(i64, String, bool, Option<String>)>,
    pub syncs: Vec<(i64, String)>,
    pub infos: Vec<String>,
    pub unknown: Vec<String>,
    pub rejected: Vec<(i64, String, Rejection)>,
    pub gaps: Vec<(i64, String)>,
    /// Each resync after a gap: `seq`, DID, and the snapshot's records as `rkey=what`.
    pub resyncs: Vec<(i64, String, Result<Vec<String>, Rejection>)>,
    /// Every `seq` handed on, in order.
    pub seqs: Vec<i64>,
}

impl Seen {
    /// The ops of record key `rkey`.
    pub fn of(&self, rkey: &str) -> Vec<&SeenOp> {
        self.ops.iter().filter(|o| o.rkey == rkey).collect()
    }
}

fn describe(record: Option<&RecordData>) -> String {
    match record {
        None => "deleted".into(),
        Some(RecordData::Known(KnownRecord::Post(p))) => format!("post:{}", p.text),
        Some(RecordData::Known(KnownRecord::Like(_))) => "like".into(),
        Some(RecordData::Known(KnownRecord::Repost(_))) => "repost".into(),
        Some(RecordData::Known(KnownRecord::Follow(_))) => "follow".into(),
        Some(RecordData::Known(KnownRecord::Block(_))) => "block".into(),
        Some(RecordData::Known(KnownRecord::Profile(_))) => "profile".into(),
        Some(RecordData::Unvalidated(_)) => "unvalidated".into(),
        Some(RecordData::Invalid { .. }) => "invalid".into(),
    }
}

impl Handler for Seen {
    fn record(&mut self, op: RecordOp<'_>) {
        if self.seqs.last() != Some(&op.seq) {
            self.seqs.push(op.seq);
        }
        self.ops.push(SeenOp {
            seq: op.seq,
            did: op.did.to_owned(),
            action: op.action,
            collection: op.collection.to_owned(),
            rkey: op.rkey.to_owned(),
            what: describe(op.record),
        });
    }

    fn identity(&mut self, seq: i64, did: &str, _handle: Option<&str>) {
        self.seqs.push(seq);
        self.identities.push((seq, did.to_owned()));
    }

    fn account(&mut self, seq: i64, did: &str, active: bool, status: Option<&str>) {
        self.seqs.push(seq);
        self.accounts
            .push((seq, did.to_owned(), active, status.map(str::to_owned)));
    }

    fn sync(&mut self, seq: i64, did: &str, _rev: &str) {
        self.seqs.push(seq);
        self.syncs.push((seq, did.to_owned()));
    }

    fn info(&mut self, name: &str, _message: Option<&str>) {
        self.infos.push(name.to_owned());
    }

    fn unknown(&mut self, t: &str) {
        self.unknown.push(t.to_owned());
    }

    fn rejected(&mut self, seq: i64, did: &str, why: &Rejection) {
        self.rejected.push((seq, did.to_owned(), why.clone()));
    }

    fn gap(&mut self, seq: i64, did: &str) {
        self.gaps.push((seq, did.to_owned()));
    }

    fn resync(&mut self, seq: i64, did: &str, result: Result<&Snapshot, &Rejection>) {
        let records = result.cloned().map_err(Clone::clone).map(|snapshot| {
            snapshot
                .records
                .iter()
                .map(|r| format!("{}={}", r.rkey, describe(Some(&r.record))))
                .collect()
        });
        self.resyncs.push((seq, did.to_owned(), records));
    }
}

/// A fixed TID record key, the `n`th (`app.bsky` records are keyed by TID).
pub fn tid(n: u64) -> String {
    lex_runtime::Tid::from_u64((1_764_936_000_000_000 + n) << 10)
        .as_str()
        .to_owned()
}

/// A current-thread runtime for a test body (the network runs on its own runtime).
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

/// Runs `consumer` until `done` holds (or fails the test after 20 s).
pub async fn run_until<H: Handler + std::fmt::Debug>(
    consumer: &mut lex_example_bsky_firehose::Consumer<H>,
    done: impl FnMut(&H) -> bool,
) -> Result<(), lex_example_bsky_firehose::StreamError> {
    let run = tokio::time::timeout(std::time::Duration::from_secs(20), consumer.run(done)).await;
    match run {
        Ok(result) => result,
        Err(_) => panic!(
            "the consumer did not see the expected events in time; it saw {:#?}",
            consumer.handler()
        ),
    }
}
