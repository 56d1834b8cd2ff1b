//! Resync after a gap (sync v1.1): the whole repository from `com.atproto.sync.getRepo` ->
//! its records, typed as the firehose's are, once the export is checked as strictly as a
//! commit frame: the CAR's first root is a commit for this repository signed by the
//! account's key, its MST is complete and canonical under the signed root
//! ([`lex_runtime::mst::leaves`]), and every record block is present (the CAR reader has
//! checked that each block hashes to its CID).

use lex_runtime::car::{Car, CarLimits};
use lex_runtime::did_doc::PublicKey;
use lex_runtime::{mst, Cid};

use crate::records::{self, RecordData};
use crate::verify::{signed_commit, Rejection};

/// Bounds for a repository export: far above an ordinary account, well below what would
/// exhaust memory (the XRPC client caps the download itself, 32 MiB by default).
const REPO_CAR: CarLimits = CarLimits {
    max_size: 64 << 20,
    max_blocks: 1_000_000,
    max_block_size: 1 << 20,
};

/// A repository as its export showed it, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The commit's rev.
    pub rev: String,
    /// The MST root.
    pub data: Cid,
    /// Every record, in key order.
    pub records: Vec<SnapshotRecord>,
}

/// One record of a [`Snapshot`].
#[derive(Debug, Clone, PartialEq)]
pub struct SnapshotRecord {
    /// The collection NSID.
    pub collection: String,
    /// The record key.
    pub rkey: String,
    /// The record's CID.
    pub cid: Cid,
    /// The record: typed and valid only for known collections.
    pub record: RecordData,
}

/// Checks the `getRepo` export `car` of `did` against the account's `key`.
pub fn verify_repo(did: &str, car: &[u8], key: &PublicKey) -> Result<Snapshot, Rejection> {
    let car = Car::read_with_limits(car, &REPO_CAR).map_err(|e| Rejection::Car(e.to_string()))?;
    let root = *car
        .roots()
        .first()
        .ok_or_else(|| Rejection::MissingCommit("(no root)".into()))?;
    let commit = signed_commit(&car, did, &root, key)?;
    let leaves =
        mst::leaves(&commit.data, |c| car.get(c)).map_err(|e| Rejection::Proof(e.to_string()))?;
    let mut records = Vec::with_capacity(leaves.len());
    for (path, cid) in leaves {
        let block = car
            .get(&cid)
            .ok_or_else(|| Rejection::MissingRecord(cid.to_string()))?;
        let (collection, rkey) = path.rsplit_once('/').ok_or_else(|| Rejection::Op {
            path: path.clone(),
            reason: "the path is not collection/rkey".into(),
        })?;
        records.push(SnapshotRecord {
            collection: collection.to_owned(),
            rkey: rkey.to_owned(),
            cid,
            record: records::decode(collection, block),
        });
    }
    Ok(Snapshot {
        rev: commit.rev,
        data: commit.data,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lex_runtime::commit::{Commit, SigningKey};
    use lex_runtime::did_doc::KeyType;
    use lex_runtime::Value;

    const DID: &str = "did:plc:abc";

    fn key() -> SigningKey {
        SigningKey::from_bytes(KeyType::P256, &[7; 32]).unwrap_or_else(|| panic!("a fixed key"))
    }

    /// An export of two unvalidated records, with `skip` blocks left out.
    fn export(skip: &[Cid]) -> (Vec<u8>, Cid, Cid) {
        let mut records = Vec::new();
        for (i, path) in ["com.example.thing/a", "com.example.thing/b"]
            .iter()
            .enumerate()
        {
            let mut m = lex_runtime::Map::new();
            m.insert("n", Value::Integer(i as i64));
            let bytes = lex_runtime::cbor::encode(&Value::Map(m));
            records.push((path.to_string(), Cid::for_dag_cbor(&bytes), bytes));
        }
        let tree = mst::build(records.iter().map(|(p, c, _)| (p.as_str(), *c)));
        let mut commit = Commit::unsigned(DID, tree.root, "3l7dqmwzs7c2a");
        commit.sign(&key());
        let block = commit.encode();
        let commit_cid = Cid::for_dag_cbor(&block);
        let mut blocks: Vec<(Cid, &[u8])> = vec![(commit_cid, block.as_slice())];
        blocks.extend(tree.blocks.iter().map(|(c, b)| (*c, b.as_slice())));
        blocks.extend(records.iter().map(|(_, c, b)| (*c, b.as_slice())));
        blocks.retain(|(c, _)| !skip.contains(c));
        let record = records.first().map(|(_, c, _)| *c).unwrap_or(commit_cid);
        (
            lex_runtime::car::write(&[commit_cid], blocks),
            tree.root,
            record,
        )
    }

    #[test]
    fn an_export_gives_every_record() {
        let (car, root, _) = export(&[]);
        let snapshot = verify_repo(DID, &car, &key().public_key());
        let Ok(snapshot) = snapshot else {
            panic!("{snapshot:?}");
        };
        assert_eq!(snapshot.data, root);
        let keys: Vec<&str> = snapshot.records.iter().map(|r| r.rkey.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert!(matches!(
            snapshot.records[0].record,
            RecordData::Unvalidated(_)
        ));
    }

    #[test]
    fn an_incomplete_or_foreign_export_is_rejected() {
        let (_, root, record) = export(&[]);
        let (no_record, _, _) = export(&[record]);
        let (no_node, _, _) = export(&[root]);
        let key = key().public_key();
        assert!(matches!(
            verify_repo(DID, &no_record, &key),
            Err(Rejection::MissingRecord(_))
        ));
        assert!(matches!(
            verify_repo(DID, &no_node, &key),
            Err(Rejection::Proof(_))
        ));
        let (car, _, _) = export(&[]);
        assert!(matches!(
            verify_repo("did:plc:other", &car, &key),
            Err(Rejection::Commit(_))
        ));
        let other = SigningKey::from_bytes(KeyType::P256, &[8; 32]).map(|k| k.public_key());
        let Some(other) = other else {
            panic!("a fixed key");
        };
        assert!(matches!(
            verify_repo(DID, &car, &other),
            Err(Rejection::Signature(_))
        ));
        assert!(verify_repo(DID, b"\x00garbage", &key).is_err());
    }
}
