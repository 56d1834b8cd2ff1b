//! A `getRecord` CAR -> a verified lexicon record: block hashes, commit DID and signature,
//! MST path, `$type`, lexicon shape, `id` == record key.

use lex_runtime::car::Car;
use lex_runtime::commit::Commit;
use lex_runtime::did_doc::PublicKey;
use lex_runtime::schema::Document;
use lex_runtime::{Cid, Map, Value};

use crate::manifest::SCHEMA_COLLECTION;

/// What a proof yields.
pub(super) struct VerifiedRecord {
    pub(super) cid: Cid,
    pub(super) record: Map,
    pub(super) document: Document,
}

pub(super) fn verify_record(
    car: &[u8],
    did: &str,
    key: &PublicKey,
    nsid: &str,
) -> Result<VerifiedRecord, String> {
    let car = Car::read(car).map_err(|e| format!("invalid CAR: {e}"))?;
    let root = car.root().map_err(|e| format!("invalid CAR: {e}"))?;
    let commit_block = car
        .get(&root)
        .ok_or_else(|| format!("the commit block {root} is missing from the CAR"))?;
    let commit = Commit::decode(commit_block).map_err(|e| e.to_string())?;
    commit.check_did(did).map_err(|e| e.to_string())?;
    commit.verify(key).map_err(|e| e.to_string())?;
    let mst_key = format!("{SCHEMA_COLLECTION}/{nsid}");
    let cid = lex_runtime::mst::prove(&commit.data, &mst_key, |c| car.get(c))
        .map_err(|e| format!("MST proof: {e}"))?;
    let bytes = car
        .get(&cid)
        .ok_or_else(|| format!("the record block {cid} is missing from the CAR"))?;
    let record =
        lex_runtime::cbor::decode_record(bytes).map_err(|e| format!("record {cid}: {e}"))?;
    match record.get("$type").and_then(Value::as_str) {
        Some(SCHEMA_COLLECTION) => {}
        other => {
            return Err(format!(
                "record $type is {}, expected {SCHEMA_COLLECTION}",
                other.map_or("missing".to_owned(), |t| format!("`{t}`"))
            ))
        }
    }
    let text = lex_runtime::json::to_string(&Value::Map(record.clone()));
    let document =
        Document::from_json_str(&text).map_err(|e| format!("not a valid lexicon: {e}"))?;
    if document.id != nsid {
        return Err(format!(
            "the document's id is `{}`, but its record key is `{nsid}`",
            document.id
        ));
    }
    Ok(VerifiedRecord {
        cid,
        record,
        document,
    })
}
