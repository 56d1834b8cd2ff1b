//! Writing and reading posts through the generated `com.atproto.repo.createRecord` and
//! `com.atproto.repo.getRecord`, whose `record` / `value` are untyped data: the typed
//! post is checked and converted on the way in and out.

use bsky_types::lexicons::app::bsky::feed::post::Post;
use bsky_types::lexicons::com::atproto::repo::{create_record, get_record};
use lex_runtime::client::XrpcClient;
use lex_runtime::xrpc::NoParams;
use lex_runtime::{cbor, AtIdentifier, AtUri, Did, Nsid, Record, RecordKey, Validate, Value};

/// Any failure of the bot: a bad post, a refused call, data that is not a post.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A post as the PDS stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPost {
    /// Where it is.
    pub uri: AtUri,
    /// The CID of the record's DAG-CBOR, as the PDS reports it.
    pub cid: Option<String>,
    /// The record as data.
    pub value: Value,
    /// The record as a typed post (validated).
    pub post: Post,
}

/// The post as the data model's value (`$type` included): what `createRecord` carries.
pub fn record_value(post: &Post) -> Result<Value, Error> {
    Ok(cbor::decode(&cbor::to_vec(post)?)?)
}

/// Writes `post` into `repo`'s `app.bsky.feed.post` collection; the PDS must know the
/// lexicon and validate the post (`validate: true`).
pub async fn create_post(
    client: &XrpcClient,
    repo: &Did,
    post: &Post,
) -> Result<create_record::Output, Error> {
    // The client validates inputs, but `record` is `unknown` in the lexicon: only the typed
    // post knows its schema.
    post.validate()?;
    let mut input = create_record::Input::new(
        AtIdentifier::from(repo.clone()),
        Nsid::new(Post::NSID)?,
        record_value(post)?,
    );
    input.validate = Some(true);
    let output = client
        .procedure::<create_record::CreateRecord>(&NoParams, &input)
        .await?;
    Ok(output)
}

/// Reads the post at `uri` and checks it against the post schema.
pub async fn get_post(client: &XrpcClient, uri: &AtUri) -> Result<StoredPost, Error> {
    let collection = uri.collection().ok_or("the URI names no collection")?;
    let rkey = uri.rkey().ok_or("the URI names no record")?;
    let params = get_record::Params::new(
        AtIdentifier::new(uri.authority())?,
        Nsid::new(collection)?,
        RecordKey::new(rkey)?,
    );
    let output = client.query::<get_record::GetRecord>(&params).await?;
    let post: Post = cbor::from_slice(&cbor::encode(&output.value))?;
    post.validate()?;
    Ok(StoredPost {
        uri: output.uri,
        cid: output.cid,
        value: output.value,
        post,
    })
}
