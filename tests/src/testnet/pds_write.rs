//! The PDS's `com.atproto.repo.createRecord` (record key, `$type` and validation rules of the
//! repository spec) and `com.atproto.server.getServiceAuth` (a service-auth JWT signed with
//! the account's current key, the one its DID document on the test PLC lists).

#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use lex_runtime::commit::SigningKey;
use lex_runtime::{Did, Nsid, Tid, Value};
use serde_json::{json, Value as Json};

use super::accounts::Op;
use super::pds::{
    authed, bad, body_json, commit_json, error, key, ok, own_repo, str_field, swap, value,
    write_error,
};
use super::repo::Network;

/// What `validationStatus` a write reports, or the error it fails with.
fn validation(
    net: &Network,
    collection: &str,
    rkey: &str,
    record: &Value,
    validate: Option<bool>,
) -> Result<Option<&'static str>, Response> {
    if validate == Some(false) {
        return Ok(None);
    }
    let set = net.schemas.get();
    if set.def(collection).is_none() {
        return match validate {
            Some(true) => Err(bad(format!("Lexicon not found: {collection}"))),
            _ => Ok(Some("unknown")),
        };
    }
    let validator = set.validator();
    validator
        .validate_record(record)
        .map_err(|e| bad(format!("Invalid {collection} record: {e}")))?;
    validator
        .check_record_key(collection, rkey)
        .map_err(|e| bad(format!("Invalid record key for {collection}: {e}")))?;
    Ok(Some("valid"))
}

/// `com.atproto.repo.createRecord`: the record key defaults to a new TID; `$type` defaults
/// to the collection and must equal it; `validate` unset checks the record when the PDS
/// knows its lexicon (`validationStatus` `valid` or `unknown`), `true` requires the lexicon,
/// `false` skips the check (no status); `swapCommit` guards the write.
pub(super) async fn create_record(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let run = || -> Result<Response, Response> {
        let account = authed(&net, &headers)?;
        let body = body_json(&body)?;
        own_repo(account, str_field(&body, "repo")?)?;
        let collection = str_field(&body, "collection")?;
        let rkey = match body.get("rkey") {
            None | Some(Json::Null) => Tid::now().as_str().to_owned(),
            Some(Json::String(s)) => s.clone(),
            Some(_) => return Err(bad("`rkey` is not a string")),
        };
        let validate = match body.get("validate") {
            None | Some(Json::Null) => None,
            Some(Json::Bool(b)) => Some(*b),
            Some(_) => return Err(bad("`validate` is not a boolean")),
        };
        let path = key(collection, &rkey)?;
        let mut record = match value(
            body.get("record")
                .ok_or_else(|| bad("`record` is required"))?,
        )? {
            Value::Map(m) => m,
            _ => return Err(bad("`record` is not an object")),
        };
        match record.get("$type") {
            None => {
                record.insert("$type", Value::String(collection.to_owned()));
            }
            Some(Value::String(t)) if t == collection => {}
            Some(other) => {
                let found = other.as_str().unwrap_or("a non-string");
                return Err(bad(format!(
                    "Invalid $type: expected {collection}, got {found}"
                )));
            }
        }
        let record = Value::Map(record);
        let status = validation(&net, collection, &rkey, &record, validate)?;
        let op = Op::Create {
            key: path,
            value: record,
        };
        let applied = account
            .apply(&[op], swap(&body, "swapCommit")?.flatten(), &net.firehose)
            .map_err(write_error)?;
        let cid = applied.cids.first().copied().flatten();
        let mut out = json!({
            "uri": format!("at://{}/{collection}/{rkey}", account.did),
            "cid": cid.map(|c| c.to_string()),
            "commit": commit_json(&applied),
        });
        if let (Some(status), Some(map)) = (status, out.as_object_mut()) {
            map.insert("validationStatus".into(), json!(status));
        }
        Ok(ok(&out))
    };
    run().unwrap_or_else(|r| r)
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Longest lifetime of a token, and of one that names no method.
const MAX_TTL: i64 = 3600;
const MAX_TTL_WITHOUT_LXM: i64 = 60;

/// `com.atproto.server.getServiceAuth`: `{token}` for the session's account, audience `aud`,
/// method `lxm` (optional), expiring at `exp` (default in 60 s; at most an hour ahead, a
/// minute without `lxm`).
pub(super) async fn get_service_auth(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let run = || -> Result<Response, Response> {
        let account = authed(&net, &headers)?;
        let aud = params.get("aud").ok_or_else(|| bad("`aud` is required"))?;
        let aud_did = aud.split('#').next().unwrap_or_default();
        Did::new(aud_did).map_err(|e| bad(format!("aud: {e}")))?;
        let lxm = params.get("lxm").map(String::as_str);
        if let Some(lxm) = lxm {
            Nsid::new(lxm).map_err(|e| bad(format!("lxm: {e}")))?;
        }
        let now = now();
        let exp = match params.get("exp") {
            None => now + MAX_TTL_WITHOUT_LXM,
            Some(e) => e.parse().map_err(|_| bad("`exp` is not an integer"))?,
        };
        let bad_exp = |m: &str| error(StatusCode::BAD_REQUEST, "BadExpiration", m);
        if exp <= now {
            return Err(bad_exp("expiration is in the past"));
        }
        if exp - now > MAX_TTL {
            return Err(bad_exp("expiration cannot be more than an hour ahead"));
        }
        if lxm.is_none() && exp - now > MAX_TTL_WITHOUT_LXM {
            return Err(bad_exp(
                "expiration cannot be more than a minute ahead without `lxm`",
            ));
        }
        let token = service_jwt(&account.key(), &account.did, aud, lxm, now, exp);
        Ok(ok(&json!({ "token": token })))
    };
    run().unwrap_or_else(|r| r)
}

/// A compact JWS: `{"typ":"JWT","alg":ES256K|ES256}` over `{iss, aud, exp, iat, lxm?, jti}`.
fn service_jwt(
    key: &SigningKey,
    iss: &str,
    aud: &str,
    lxm: Option<&str>,
    iat: i64,
    exp: i64,
) -> String {
    static NONCE: AtomicU64 = AtomicU64::new(0);
    let alg = key.public_key().key_type().jwt_alg();
    let header = json!({"typ": "JWT", "alg": alg});
    let jti = format!("{iat:x}-{:x}", NONCE.fetch_add(1, Ordering::Relaxed));
    let mut claims = json!({"iss": iss, "aud": aud, "exp": exp, "iat": iat, "jti": jti});
    if let (Some(lxm), Some(map)) = (lxm, claims.as_object_mut()) {
        map.insert("lxm".into(), json!(lxm));
    }
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let sig = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(sig))
}
