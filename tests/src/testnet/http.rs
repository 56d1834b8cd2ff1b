//! The PLC directory (`GET /{did}`, and `GET /.well-known/did.json` for the did:web) and
//! the PDS's routes (`sync.getRecord` here, the rest in `pds`, `pds_write` and `firehose`),
//! both over plain HTTP on loopback.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;

use super::repo::Network;
use super::{firehose, pds, pds_write};

/// Serves the PLC directory on `listener`.
pub(super) fn serve_plc(listener: TcpListener, net: Arc<Network>) {
    let app = Router::new()
        .route("/{did}", get(plc_document))
        .route("/.well-known/did.json", get(web_document))
        .with_state(net);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
}

/// Serves the PDS on `listener`.
pub(super) fn serve_pds(listener: TcpListener, net: Arc<Network>) {
    let app = Router::new()
        .route("/xrpc/com.atproto.sync.getRecord", get(get_record))
        .route(
            "/xrpc/com.atproto.sync.getLatestCommit",
            get(pds::get_latest_commit),
        )
        .route("/xrpc/com.atproto.sync.getRepo", get(pds::get_repo))
        .route(
            "/xrpc/com.atproto.repo.getRecord",
            get(pds::repo_get_record),
        )
        .route(
            "/xrpc/com.atproto.repo.applyWrites",
            post(pds::apply_writes),
        )
        .route("/xrpc/com.atproto.repo.putRecord", post(pds::put_record))
        .route(
            "/xrpc/com.atproto.repo.createRecord",
            post(pds_write::create_record),
        )
        .route(
            "/xrpc/com.atproto.server.getServiceAuth",
            get(pds_write::get_service_auth),
        )
        .route(
            "/xrpc/com.atproto.sync.subscribeRepos",
            get(firehose::subscribe_repos),
        )
        .route(
            "/xrpc/com.atproto.repo.deleteRecord",
            post(pds::delete_record),
        )
        .route(
            "/xrpc/com.atproto.server.createSession",
            post(pds::create_session),
        )
        .route(
            "/xrpc/com.atproto.server.refreshSession",
            post(pds::refresh_session),
        )
        .route(
            "/xrpc/com.atproto.identity.resolveHandle",
            get(pds::resolve_handle),
        )
        .with_state(net);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
}

async fn plc_document(State(net): State<Arc<Network>>, Path(did): Path<String>) -> Response {
    match net.did_docs.get(&did) {
        Some(doc) => ([(header::CONTENT_TYPE, "application/did+ld+json")], doc).into_response(),
        None => (StatusCode::NOT_FOUND, format!("DID not registered: {did}")).into_response(),
    }
}

/// The did:web document: this server's host is the did:web's host.
async fn web_document(State(net): State<Arc<Network>>) -> Response {
    let did = net.web_did.clone();
    plc_document(State(net), Path(did)).await
}

fn xrpc_error(status: StatusCode, error: &str, message: &str) -> Response {
    let body = serde_json::json!({"error": error, "message": message}).to_string();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn get_record(
    State(net): State<Arc<Network>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let (Some(did), Some(collection), Some(rkey)) = (
        params.get("did"),
        params.get("collection"),
        params.get("rkey"),
    ) else {
        return xrpc_error(
            StatusCode::BAD_REQUEST,
            "InvalidRequest",
            "did, collection and rkey are required",
        );
    };
    let published = (collection == "com.atproto.lexicon.schema")
        .then(|| net.records.get(&(did.clone(), rkey.clone())))
        .flatten();
    let Some(served) = published else {
        // An account's repository changes with every write: its CAR is built per request.
        let car = net
            .account(did)
            .and_then(|a| a.repo().record_car(&format!("{collection}/{rkey}")));
        return match car {
            Some(car) => {
                ([(header::CONTENT_TYPE, "application/vnd.ipld.car")], car).into_response()
            }
            None => xrpc_error(StatusCode::NOT_FOUND, "RecordNotFound", "no such record"),
        };
    };
    if let Some(delay) = served.delay {
        tokio::time::sleep(delay).await;
    }
    (
        [(header::CONTENT_TYPE, "application/vnd.ipld.car")],
        served.car.clone(),
    )
        .into_response()
}
