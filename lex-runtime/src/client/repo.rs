//! Record helpers over `com.atproto.repo.{createRecord,getRecord,putRecord,deleteRecord,
//! listRecords}` for any generated [`Record`]. The request and response shapes are written
//! by hand, minimal, because the runtime cannot depend on generated code.

use futures_util::stream::{self, Stream, TryStreamExt};
use serde::{Deserialize, Serialize};

use super::{ClientError, XrpcClient};
use crate::__private::{Checker, Path};
use crate::record::Record;
use crate::typed::Validate;
use crate::value::Value;
use crate::xrpc::{GenericError, Method, NoParams, Procedure, Query};

/// A record as a repository returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordOutput<R> {
    /// `at://<did>/<collection>/<rkey>`.
    pub uri: String,
    /// The record's CID, when the server sent it.
    pub cid: Option<String>,
    /// The record.
    pub value: R,
}

/// Where a write landed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriteOutput {
    /// `at://<did>/<collection>/<rkey>`.
    pub uri: String,
    /// The new record's CID.
    pub cid: String,
}

macro_rules! no_constraints {
    ($($ty:ty),*) => {$(
        impl Validate for $ty {
            fn check(&self, _: &mut Checker, _: &Path<'_>) {}
        }
    )*};
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CreateInput {
    repo: String,
    collection: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rkey: Option<String>,
    record: Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PutInput {
    repo: String,
    collection: String,
    rkey: String,
    record: Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DeleteInput {
    repo: String,
    collection: String,
    rkey: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetParams {
    repo: String,
    collection: String,
    rkey: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct GetOutput {
    uri: String,
    #[serde(default)]
    cid: Option<String>,
    value: Value,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListParams {
    repo: String,
    collection: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListOutput {
    #[serde(default)]
    cursor: Option<String>,
    records: Vec<GetOutput>,
}

no_constraints!(
    WriteOutput,
    CreateInput,
    PutInput,
    DeleteInput,
    GetParams,
    GetOutput,
    ListParams,
    ListOutput
);

macro_rules! method {
    ($name:ident, $nsid:literal, $params:ty) => {
        pub(crate) struct $name;
        impl Method for $name {
            const NSID: &'static str = $nsid;
            type Params = $params;
            type Error = GenericError;
        }
    };
}

method!(CreateRecord, "com.atproto.repo.createRecord", NoParams);
method!(PutRecord, "com.atproto.repo.putRecord", NoParams);
method!(DeleteRecord, "com.atproto.repo.deleteRecord", NoParams);
method!(GetRecord, "com.atproto.repo.getRecord", GetParams);
method!(ListRecords, "com.atproto.repo.listRecords", ListParams);

const JSON: Option<&str> = Some("application/json");

impl Procedure for CreateRecord {
    type Input = CreateInput;
    type Output = WriteOutput;
    const INPUT_ENCODING: Option<&'static str> = JSON;
    const OUTPUT_ENCODING: Option<&'static str> = JSON;
}

impl Procedure for PutRecord {
    type Input = PutInput;
    type Output = WriteOutput;
    const INPUT_ENCODING: Option<&'static str> = JSON;
    const OUTPUT_ENCODING: Option<&'static str> = JSON;
}

impl Procedure for DeleteRecord {
    type Input = DeleteInput;
    type Output = ();
    const INPUT_ENCODING: Option<&'static str> = JSON;
    const OUTPUT_ENCODING: Option<&'static str> = JSON;
}

impl Query for GetRecord {
    type Output = GetOutput;
    const OUTPUT_ENCODING: Option<&'static str> = JSON;
}

impl Query for ListRecords {
    type Output = ListOutput;
    const OUTPUT_ENCODING: Option<&'static str> = JSON;
}

/// Records per `listRecords` page.
const PAGE_SIZE: i64 = 50;

impl XrpcClient {
    /// The record as a data-model value (its `$type` included), checked first when
    /// validation is on.
    fn record_value<R: Record>(&self, record: &R) -> Result<Value, ClientError> {
        if self.validates() {
            record.validate().map_err(ClientError::InvalidInput)?;
        }
        let bytes = crate::cbor::to_vec(record).map_err(|e| ClientError::Encode(e.to_string()))?;
        crate::cbor::decode(&bytes).map_err(|e| ClientError::Encode(e.to_string()))
    }

    fn typed<R: Record>(&self, out: GetOutput) -> Result<RecordOutput<R>, ClientError> {
        let value: R = crate::wire::body_from_value(out.value)
            .map_err(|e| ClientError::Decode(format!("record {}: {e}", out.uri)))?;
        if self.validates() {
            value.validate().map_err(ClientError::InvalidOutput)?;
        }
        Ok(RecordOutput {
            uri: out.uri,
            cid: out.cid,
            value,
        })
    }

    /// Creates a record in `repo` (a DID or handle); the server picks the key unless
    /// `rkey` is given.
    pub async fn create<R: Record>(
        &self,
        repo: &str,
        record: &R,
        rkey: Option<&str>,
    ) -> Result<WriteOutput, ClientError> {
        let input = CreateInput {
            repo: repo.to_owned(),
            collection: R::NSID.to_owned(),
            rkey: rkey.map(str::to_owned),
            record: self.record_value(record)?,
        };
        self.procedure::<CreateRecord>(&NoParams, &input).await
    }

    /// Fetches the record `rkey` of collection `R` in `repo`.
    pub async fn get<R: Record>(
        &self,
        repo: &str,
        rkey: &str,
    ) -> Result<RecordOutput<R>, ClientError> {
        let params = GetParams {
            repo: repo.to_owned(),
            collection: R::NSID.to_owned(),
            rkey: rkey.to_owned(),
        };
        let out = self.query::<GetRecord>(&params).await?;
        self.typed(out)
    }

    /// Creates or replaces the record `rkey`.
    pub async fn put<R: Record>(
        &self,
        repo: &str,
        rkey: &str,
        record: &R,
    ) -> Result<WriteOutput, ClientError> {
        let input = PutInput {
            repo: repo.to_owned(),
            collection: R::NSID.to_owned(),
            rkey: rkey.to_owned(),
            record: self.record_value(record)?,
        };
        self.procedure::<PutRecord>(&NoParams, &input).await
    }

    /// Deletes the record `rkey` of collection `R`.
    pub async fn delete<R: Record>(&self, repo: &str, rkey: &str) -> Result<(), ClientError> {
        let input = DeleteInput {
            repo: repo.to_owned(),
            collection: R::NSID.to_owned(),
            rkey: rkey.to_owned(),
        };
        self.procedure::<DeleteRecord>(&NoParams, &input).await
    }

    /// Every record of collection `R` in `repo`, page by page (`cursor`) as the stream is
    /// read.
    pub fn list<R: Record>(
        &self,
        repo: &str,
    ) -> impl Stream<Item = Result<RecordOutput<R>, ClientError>> + '_ {
        let repo = repo.to_owned();
        // State: the cursor of the next page; `None` once the last page was read.
        let pages = stream::try_unfold(Some(None::<String>), move |state| {
            let repo = repo.clone();
            async move {
                let Some(cursor) = state else {
                    return Ok(None);
                };
                let params = ListParams {
                    repo,
                    collection: R::NSID.to_owned(),
                    limit: Some(PAGE_SIZE),
                    cursor,
                };
                let page = self.query::<ListRecords>(&params).await?;
                let records = page
                    .records
                    .into_iter()
                    .map(|r| self.typed::<R>(r))
                    .collect::<Vec<_>>();
                // An empty page with a cursor would loop forever on a broken server.
                let next = match page.cursor {
                    Some(c) if !records.is_empty() => Some(Some(c)),
                    _ => None,
                };
                Ok(Some((stream::iter(records), next)))
            }
        });
        pages.try_flatten()
    }
}
