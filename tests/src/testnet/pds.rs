//! The PDS's account endpoints: sessions (`createSession`, `refreshSession`), writes
//! (`applyWrites`, `putRecord`, `deleteRecord`), reads (`repo.getRecord`,
//! `sync.getLatestCommit`) and `identity.resolveHandle`; `createRecord` and
//! `getServiceAuth` are in `pds_write`, which shares the helpers here.
//!
//! Bodies are parsed by hand from JSON (the record values through `lex_runtime::json`, so
//! `$link` and `$bytes` keep their meaning); errors are XRPC error bodies.

// Helpers fail with the finished error response, so handlers can `?` it straight out; a
// large `Err` costs nothing that matters in a loopback test server.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use lex_runtime::{Cid, Value};
use serde_json::{json, Value as Json};

use super::accounts::{Account, Applied, Op, TokenKind, WriteError};
use super::repo::Network;

pub(super) fn error(status: StatusCode, name: &str, message: &str) -> Response {
    let body = json!({"error": name, "message": message}).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub(super) fn ok(body: &Json) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

pub(super) fn bad(message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, "InvalidRequest", &message.into())
}

pub(super) fn write_error((name, message): WriteError) -> Response {
    let status = if name == "InternalServerError" {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    error(status, name, &message)
}

pub(super) fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

/// The account an access token belongs to, or the 401 to answer.
pub(super) fn authed<'a>(net: &'a Network, headers: &HeaderMap) -> Result<&'a Account, Response> {
    let unauthorized = |m: &str| error(StatusCode::UNAUTHORIZED, "AuthenticationRequired", m);
    let token = bearer(headers).ok_or_else(|| unauthorized("no access token"))?;
    let did = net
        .sessions
        .check(token, TokenKind::Access)
        .ok_or_else(|| unauthorized("invalid or expired access token"))?;
    net.account(&did)
        .ok_or_else(|| unauthorized("the account is gone"))
}

pub(super) fn body_json(body: &Bytes) -> Result<serde_json::Map<String, Json>, Response> {
    match serde_json::from_slice(body) {
        Ok(Json::Object(m)) => Ok(m),
        _ => Err(bad("the body is not a JSON object")),
    }
}

pub(super) fn str_field<'a>(
    body: &'a serde_json::Map<String, Json>,
    name: &str,
) -> Result<&'a str, Response> {
    body.get(name)
        .and_then(Json::as_str)
        .ok_or_else(|| bad(format!("`{name}` is required")))
}

/// `swapRecord`/`swapCommit`: absent -> no check, null -> "must not exist", a CID string.
pub(super) fn swap(
    body: &serde_json::Map<String, Json>,
    name: &str,
) -> Result<Option<Option<Cid>>, Response> {
    match body.get(name) {
        None => Ok(None),
        Some(Json::Null) => Ok(Some(None)),
        Some(Json::String(s)) => s
            .parse::<Cid>()
            .map(|c| Some(Some(c)))
            .map_err(|_| bad(format!("`{name}` is not a CID"))),
        Some(_) => Err(bad(format!("`{name}` is not a CID"))),
    }
}

pub(super) fn value(json: &Json) -> Result<Value, Response> {
    lex_runtime::json::from_str(&json.to_string()).map_err(|e| bad(format!("record: {e}")))
}

/// The repository named by `repo` must be the session's own.
pub(super) fn own_repo(account: &Account, repo: &str) -> Result<(), Response> {
    if repo == account.did || repo == account.handle {
        Ok(())
    } else {
        Err(error(
            StatusCode::FORBIDDEN,
            "InvalidRequest",
            &format!("cannot write to {repo} as {}", account.did),
        ))
    }
}

pub(super) fn commit_json(applied: &Applied) -> Json {
    json!({"cid": applied.commit.to_string(), "rev": applied.rev})
}

pub(super) fn key(collection: &str, rkey: &str) -> Result<String, Response> {
    lex_runtime::Nsid::new(collection).map_err(|e| bad(format!("collection: {e}")))?;
    lex_runtime::RecordKey::new(rkey).map_err(|e| bad(format!("rkey: {e}")))?;
    Ok(format!("{collection}/{rkey}"))
}

/// `com.atproto.server.createSession`.
pub(super) async fn create_session(State(net): State<Arc<Network>>, body: Bytes) -> Response {
    let run = || -> Result<Response, Response> {
        let body = body_json(&body)?;
        let identifier = str_field(&body, "identifier")?;
        let password = str_field(&body, "password")?;
        let account = net
            .accounts
            .iter()
            .find(|a| a.handle == identifier || a.did == identifier)
            .filter(|a| a.password == password)
            .ok_or_else(|| {
                error(
                    StatusCode::UNAUTHORIZED,
                    "AuthenticationRequired",
                    "Invalid identifier or password",
                )
            })?;
        Ok(session_json(&net, account))
    };
    run().unwrap_or_else(|r| r)
}

fn session_json(net: &Network, account: &Account) -> Response {
    let (access, refresh) = net.sessions.issue(&account.did);
    ok(&json!({
        "accessJwt": access,
        "refreshJwt": refresh,
        "handle": account.handle,
        "did": account.did,
        "active": true,
    }))
}

/// `com.atproto.server.refreshSession`: rotates the refresh token.
pub(super) async fn refresh_session(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationRequired",
            "no refresh token",
        );
    };
    let Some(account) = net
        .sessions
        .check(token, TokenKind::Refresh)
        .and_then(|did| net.account(&did))
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "ExpiredToken",
            "invalid refresh token",
        );
    };
    net.sessions.revoke(token);
    session_json(&net, account)
}

/// `com.atproto.repo.applyWrites`: every write in one commit, or none.
pub(super) async fn apply_writes(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let run = || -> Result<Response, Response> {
        let account = authed(&net, &headers)?;
        let body = body_json(&body)?;
        own_repo(account, str_field(&body, "repo")?)?;
        let swap_commit = swap(&body, "swapCommit")?.flatten();
        let writes = body
            .get("writes")
            .and_then(Json::as_array)
            .ok_or_else(|| bad("`writes` is required"))?;
        let mut ops = Vec::with_capacity(writes.len());
        let mut kinds = Vec::with_capacity(writes.len());
        for w in writes {
            let Some(w) = w.as_object() else {
                return Err(bad("a write is not an object"));
            };
            let kind = str_field(w, "$type")?;
            let collection = str_field(w, "collection")?;
            let rkey = str_field(w, "rkey")?;
            let key = key(collection, rkey)?;
            let op = match kind {
                "com.atproto.repo.applyWrites#create" => Op::Create {
                    key,
                    value: value(w.get("value").ok_or_else(|| bad("`value` is required"))?)?,
                },
                "com.atproto.repo.applyWrites#update" => Op::Put {
                    key,
                    value: value(w.get("value").ok_or_else(|| bad("`value` is required"))?)?,
                    swap: None,
                },
                "com.atproto.repo.applyWrites#delete" => Op::Delete { key, swap: None },
                other => return Err(bad(format!("unknown write type `{other}`"))),
            };
            kinds.push((kind.to_owned(), collection.to_owned(), rkey.to_owned()));
            ops.push(op);
        }
        let applied = account
            .apply(&ops, swap_commit, &net.firehose)
            .map_err(write_error)?;
        let results: Vec<Json> = kinds
            .iter()
            .zip(&applied.cids)
            .map(|((kind, collection, rkey), cid)| match cid {
                Some(cid) => json!({
                    "$type": format!("{kind}Result"),
                    "uri": format!("at://{}/{collection}/{rkey}", account.did),
                    "cid": cid.to_string(),
                    "validationStatus": "unknown",
                }),
                None => json!({"$type": format!("{kind}Result")}),
            })
            .collect();
        Ok(ok(
            &json!({"commit": commit_json(&applied), "results": results}),
        ))
    };
    run().unwrap_or_else(|r| r)
}

/// `com.atproto.repo.putRecord` (with `swapRecord` and `swapCommit`).
pub(super) async fn put_record(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let run = || -> Result<Response, Response> {
        let account = authed(&net, &headers)?;
        let body = body_json(&body)?;
        own_repo(account, str_field(&body, "repo")?)?;
        let collection = str_field(&body, "collection")?;
        let rkey = str_field(&body, "rkey")?;
        let op = Op::Put {
            key: key(collection, rkey)?,
            value: value(
                body.get("record")
                    .ok_or_else(|| bad("`record` is required"))?,
            )?,
            swap: swap(&body, "swapRecord")?,
        };
        let applied = account
            .apply(&[op], swap(&body, "swapCommit")?.flatten(), &net.firehose)
            .map_err(write_error)?;
        let cid = applied.cids.first().copied().flatten();
        Ok(ok(&json!({
            "uri": format!("at://{}/{collection}/{rkey}", account.did),
            "cid": cid.map(|c| c.to_string()),
            "commit": commit_json(&applied),
            "validationStatus": "unknown",
        })))
    };
    run().unwrap_or_else(|r| r)
}

/// `com.atproto.repo.deleteRecord` (with `swapRecord` and `swapCommit`).
pub(super) async fn delete_record(
    State(net): State<Arc<Network>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let run = || -> Result<Response, Response> {
        let account = authed(&net, &headers)?;
        let body = body_json(&body)?;
        own_repo(account, str_field(&body, "repo")?)?;
        let key = key(str_field(&body, "collection")?, str_field(&body, "rkey")?)?;
        let op = Op::Delete {
            key,
            swap: swap(&body, "swapRecord")?.flatten(),
        };
        let applied = account
            .apply(&[op], swap(&body, "swapCommit")?.flatten(), &net.firehose)
            .map_err(write_error)?;
        Ok(ok(&json!({"commit": commit_json(&applied)})))
    };
    run().unwrap_or_else(|r| r)
}

/// `com.atproto.repo.getRecord`: the record as JSON with its CID.
pub(super) async fn repo_get_record(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let (Some(repo), Some(collection), Some(rkey)) = (
        params.get("repo"),
        params.get("collection"),
        params.get("rkey"),
    ) else {
        return bad("repo, collection and rkey are required");
    };
    let Some(account) = net.account(repo) else {
        return bad(format!("no repository {repo}"));
    };
    let repo_state = account.repo();
    let Some((cid, bytes)) = repo_state.records.get(&format!("{collection}/{rkey}")) else {
        return error(StatusCode::BAD_REQUEST, "RecordNotFound", "no such record");
    };
    let Ok(value) = lex_runtime::cbor::decode(bytes) else {
        return error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            "bad block",
        );
    };
    let value: Json =
        serde_json::from_str(&lex_runtime::json::to_string(&value)).unwrap_or(Json::Null);
    ok(&json!({
        "uri": format!("at://{}/{collection}/{rkey}", account.did),
        "cid": cid.to_string(),
        "value": value,
    }))
}

/// The account whose repository the `did` parameter names (the `sync` methods).
fn repo_of<'n>(
    net: &'n Network,
    params: &HashMap<String, String>,
) -> Result<&'n Account, Response> {
    params
        .get("did")
        .and_then(|d| net.account(d))
        .ok_or_else(|| {
            error(
                StatusCode::BAD_REQUEST,
                "RepoNotFound",
                "no such repository",
            )
        })
}

/// `com.atproto.sync.getLatestCommit`.
pub(super) async fn get_latest_commit(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let account = match repo_of(&net, &params) {
        Ok(account) => account,
        Err(response) => return response,
    };
    let repo = account.repo();
    ok(&json!({"cid": repo.commit.0.to_string(), "rev": repo.rev}))
}

/// `com.atproto.sync.getRepo`: the whole repository at its latest commit, as a CAR.
pub(super) async fn get_repo(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let account = match repo_of(&net, &params) {
        Ok(account) => account,
        Err(response) => return response,
    };
    let car = account.repo().repo_car();
    ([(header::CONTENT_TYPE, "application/vnd.ipld.car")], car).into_response()
}

/// `com.atproto.identity.resolveHandle` for the accounts of this PDS.
pub(super) async fn resolve_handle(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let handle = params.get("handle").map(|h| h.to_ascii_lowercase());
    match net
        .accounts
        .iter()
        .find(|a| Some(&a.handle) == handle.as_ref())
    {
        Some(a) => ok(&json!({"did": a.did})),
        None => error(
            StatusCode::BAD_REQUEST,
            "HandleNotFound",
            "unable to resolve handle",
        ),
    }
}
