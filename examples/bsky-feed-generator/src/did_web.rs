//! The feed generator's identity: a `did:web` whose document, served at
//! `/.well-known/did.json`, names the service endpoint AppViews send feed requests to.

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use lex_runtime::did_doc::{DidDocument, Service};
use lex_runtime::Did;

/// The service id AppViews look up in a feed generator's DID document.
pub const SERVICE_ID: &str = "#bsky_fg";

/// The service type of a feed generator.
pub const SERVICE_TYPE: &str = "BskyFeedGenerator";

/// The `did:web` of a host (`feed.example.com`, or `127.0.0.1:8080`, whose `:` the DID
/// spells `%3A`).
pub fn did_web_for(host: &str) -> Result<Did, lex_runtime::SyntaxError> {
    Did::new(&format!("did:web:{}", host.replace(':', "%3A")))
}

/// The DID document of feed generator `did`, reachable at `endpoint` (`https://host`).
pub fn did_document(did: &Did, endpoint: &str) -> DidDocument {
    DidDocument {
        context: vec!["https://www.w3.org/ns/did/v1".into()],
        id: did.as_str().to_owned(),
        also_known_as: Vec::new(),
        verification_method: Vec::new(),
        service: vec![Service {
            id: SERVICE_ID.into(),
            kind: SERVICE_TYPE.into(),
            service_endpoint: serde_json::Value::String(endpoint.to_owned()),
        }],
    }
}

/// `GET /.well-known/did.json`, answering `document`.
pub(crate) fn routes(document: &DidDocument) -> Router {
    let json = document.to_json();
    Router::new().route(
        "/.well-known/did.json",
        get(move || {
            let json = json.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], json).into_response() }
        }),
    )
}
