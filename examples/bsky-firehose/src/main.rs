//! Prints what the firehose of a PDS or relay carries, after checking every commit.
//!
//! `LEX_SERVICE` is the PDS (default `http://127.0.0.1:2583`), `LEX_PLC_URL` the PLC
//! directory (default `https://plc.directory`), `LEX_CURSOR` an optional `seq` to resume
//! after. The test network's info file names both URLs.

use lex_example_bsky_firehose::{
    Consumer, Handler, KnownRecord, RecordData, RecordOp, Rejection, Snapshot,
};

struct Print;

impl Handler for Print {
    fn record(&mut self, op: RecordOp<'_>) {
        let what = match op.record {
            None => "deleted".to_owned(),
            Some(RecordData::Known(KnownRecord::Post(post))) => format!("post: {}", post.text),
            Some(RecordData::Known(known)) => format!("{known:?}"),
            Some(RecordData::Unvalidated(_)) => "unvalidated data".to_owned(),
            Some(RecordData::Invalid { reason, .. }) => format!("invalid: {reason}"),
        };
        println!(
            "{} {:?} at://{}/{}/{} {what}",
            op.seq, op.action, op.did, op.collection, op.rkey
        );
    }

    fn identity(&mut self, seq: i64, did: &str, handle: Option<&str>) {
        println!("{seq} identity {did} {}", handle.unwrap_or("-"));
    }

    fn account(&mut self, seq: i64, did: &str, active: bool, status: Option<&str>) {
        println!(
            "{seq} account {did} active={active} {}",
            status.unwrap_or("")
        );
    }

    fn sync(&mut self, seq: i64, did: &str, rev: &str) {
        println!("{seq} sync {did} rev {rev}");
    }

    fn info(&mut self, name: &str, message: Option<&str>) {
        println!("info {name} {}", message.unwrap_or(""));
    }

    fn unknown(&mut self, t: &str) {
        println!("unknown message {t}");
    }

    fn rejected(&mut self, seq: i64, did: &str, why: &Rejection) {
        eprintln!("{seq} REJECTED {did}: {why}");
    }

    fn gap(&mut self, seq: i64, did: &str) {
        eprintln!("{seq} gap in {did}: commits were missed, resyncing the repository");
    }

    fn resync(&mut self, seq: i64, did: &str, result: Result<&Snapshot, &Rejection>) {
        match result {
            Ok(s) => println!(
                "{seq} {did} resynced at rev {}: {} records",
                s.rev,
                s.records.len()
            ),
            Err(why) => eprintln!("{seq} {did}: resync failed ({why}); the commit's ops follow"),
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let service = std::env::var("LEX_SERVICE").unwrap_or_else(|_| "http://127.0.0.1:2583".into());
    let plc = std::env::var("LEX_PLC_URL").unwrap_or_else(|_| "https://plc.directory".into());
    let mut consumer = Consumer::new(&service, &plc, Print)?;
    if let Some(cursor) = std::env::var("LEX_CURSOR")
        .ok()
        .and_then(|c| c.parse().ok())
    {
        consumer = consumer.resume_after(cursor);
    }
    loop {
        let result = consumer.run(|_| false).await;
        eprintln!(
            "stream ended ({result:?}); resuming after {:?}",
            consumer.cursor()
        );
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    }
}
