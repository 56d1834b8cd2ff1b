//! The blog service the XRPC call tests run against: a typed router with service auth
//! (alice signs with secp256k1, bob with P-256), and the clients and inputs that call it.

use lex_runtime::client::XrpcClient;
use lex_runtime::commit::SigningKey;
use lex_runtime::did_doc::KeyType;
use lex_runtime::server::auth::sign_service_jwt;
use lex_runtime::server::{ServerError, ServiceAuth, StaticKeys, XrpcRequest, XrpcRouter};
use lex_runtime::xrpc::RawBody;
use lex_runtime::{AtUri, BlobRef, Cid, Did};

use super::{blog, post_view};

/// The service DID and id the blog's service-auth tokens are for.
pub const SERVICE: &str = "did:web:blog.example#blog";

/// Alice's secp256k1 (ES256K) key.
pub fn alice_key() -> SigningKey {
    SigningKey::from_bytes(KeyType::Secp256k1, &[7; 32]).expect("key")
}

/// Bob's P-256 (ES256) key.
pub fn bob_key() -> SigningKey {
    SigningKey::from_bytes(KeyType::P256, &[9; 32]).expect("key")
}

/// The blog service under test.
pub fn router() -> axum::Router {
    let mut keys = StaticKeys::default();
    keys.0
        .insert("did:plc:alice".into(), alice_key().public_key());
    keys.0.insert("did:plc:bob".into(), bob_key().public_key());
    XrpcRouter::new()
        .service_auth(ServiceAuth::new(SERVICE, keys))
        .query::<blog::get_post::GetPost, _, _>(|req| async move {
            let rkey = req
                .params
                .uri
                .as_str()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_owned();
            match rkey.as_str() {
                "missing" => {
                    Err(blog::get_post::Error::PostNotFound(Some("no such post".into())).into())
                }
                // A handler bug: an output its own schema rejects.
                "broken" => {
                    let mut view = post_view("broken", "t");
                    view.reply_count = Some(-1);
                    Ok(blog::get_post::Output::new(view))
                }
                _ => {
                    let mut view = post_view(&rkey, "Hello");
                    // Echo the depth so the test sees the parameter arrived typed.
                    view.reply_count = req.params.depth;
                    Ok(blog::get_post::Output::new(view))
                }
            }
        })
        .procedure::<blog::report_post::ReportPost, _, _>(|req| async move {
            let claims = req.require_auth()?;
            if claims.iss == "did:plc:bob" && req.input.comment.as_deref() == Some("again") {
                return Err(blog::report_post::Error::AlreadyReported(None).into());
            }
            if req.input.comment.as_deref() == Some("busy") {
                return Err(ServerError::new(
                    axum::http::StatusCode::SERVICE_UNAVAILABLE,
                    "Overloaded",
                    Some("try later".to_owned()),
                ));
            }
            Ok(blog::report_post::Output::new(42))
        })
        .procedure::<blog::upload_cover::UploadCover, _, _>(|req| async move {
            let RawBody { content_type, data } = req.input;
            if data.len() > 1_000 {
                return Err(blog::upload_cover::Error::ImageTooLarge(None).into());
            }
            let blob = BlobRef::new(Cid::for_raw(&data), content_type, data.len() as u64);
            Ok(blog::upload_cover::Output::new(blob))
        })
        // The generic form: `add` takes a query or a procedure.
        .add::<blog::describe_blog::DescribeBlog, _>(describe)
        .into_router()
}

/// `describeBlog`, registered through the generic `add`.
async fn describe(
    _: XrpcRequest<lex_runtime::xrpc::NoParams>,
) -> Result<blog::describe_blog::Output, ServerError> {
    let did = Did::new("did:web:blog.example").expect("did");
    Ok(blog::describe_blog::Output::new(did, "Blog".into(), vec![]))
}

/// Alice's post `rkey`.
pub fn post_uri(rkey: &str) -> AtUri {
    AtUri::new(&format!("at://did:plc:alice/com.example.blog.post/{rkey}")).expect("uri")
}

/// A spam report on alice's post `a`, with `comment`.
pub fn report(comment: Option<&str>) -> blog::report_post::Input {
    let mut input =
        blog::report_post::Input::new(post_uri("a"), blog::report_post::InputReason::Spam);
    input.comment = comment.map(str::to_owned);
    input
}

/// A client that sends a service-auth token for `lxm` (as a PDS proxy would).
pub fn authed(base: &str, key: &SigningKey, iss: &str, lxm: &str) -> XrpcClient {
    let token = sign_service_jwt(key, iss, SERVICE, lxm, 60);
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::AUTHORIZATION,
        format!("Bearer {token}").parse().expect("header"),
    );
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .expect("http client");
    XrpcClient::builder(base)
        .http_client(http)
        .build()
        .expect("client")
}
