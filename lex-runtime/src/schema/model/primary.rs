//! The primary types of the schema model: `record`, `query`, `procedure`, `subscription`
//! and `permission-set`, with their bodies, errors, messages and permissions.

use std::collections::BTreeMap;

use super::{Extra, Schema};

/// `record`
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// `description`
    pub description: Option<String>,
    /// `key`: the record-key type
    pub key: RecordKeyType,
    /// `record`: the record's object schema (valid documents use an `object`)
    pub record: Box<Schema>,
    /// Unknown fields.
    pub extra: Extra,
}

/// The record-key type of a `record` (`key`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKeyType {
    /// `tid`
    Tid,
    /// `nsid`
    Nsid,
    /// `any`
    Any,
    /// `literal:<value>`
    Literal(String),
    /// Anything else, kept as written (the check stage reports it).
    Other(String),
}

impl RecordKeyType {
    /// Parses a `key` value; unknown forms become [`RecordKeyType::Other`].
    pub fn from_name(name: &str) -> RecordKeyType {
        match name {
            "tid" => RecordKeyType::Tid,
            "nsid" => RecordKeyType::Nsid,
            "any" => RecordKeyType::Any,
            other => match other.strip_prefix("literal:") {
                Some(value) => RecordKeyType::Literal(value.to_owned()),
                None => RecordKeyType::Other(other.to_owned()),
            },
        }
    }

    /// The `key` string as written.
    pub fn to_name(&self) -> String {
        match self {
            RecordKeyType::Tid => "tid".to_owned(),
            RecordKeyType::Nsid => "nsid".to_owned(),
            RecordKeyType::Any => "any".to_owned(),
            RecordKeyType::Literal(value) => format!("literal:{value}"),
            RecordKeyType::Other(other) => other.clone(),
        }
    }
}

/// `query`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// `description`
    pub description: Option<String>,
    /// `parameters` (valid documents use a `params` schema)
    pub parameters: Option<Box<Schema>>,
    /// `output`
    pub output: Option<Body>,
    /// `errors`
    pub errors: Vec<ErrorDef>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `procedure`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Procedure {
    /// `description`
    pub description: Option<String>,
    /// `parameters` (valid documents use a `params` schema)
    pub parameters: Option<Box<Schema>>,
    /// `input`: the request body
    pub input: Option<Body>,
    /// `output`: the response body
    pub output: Option<Body>,
    /// `errors`
    pub errors: Vec<ErrorDef>,
    /// Unknown fields.
    pub extra: Extra,
}

/// An XRPC request or response body (`input` / `output`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Body {
    /// `description`
    pub description: Option<String>,
    /// `encoding`: a MIME type or glob such as `application/json` or `*/*`
    pub encoding: String,
    /// `schema` (valid documents use `object`, `ref` or `union`)
    pub schema: Option<Box<Schema>>,
    /// Unknown fields.
    pub extra: Extra,
}

/// A declared XRPC error (an entry of `errors`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorDef {
    /// `name`
    pub name: String,
    /// `description`
    pub description: Option<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `subscription`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Subscription {
    /// `description`
    pub description: Option<String>,
    /// `parameters` (valid documents use a `params` schema)
    pub parameters: Option<Box<Schema>>,
    /// `message`
    pub message: Option<Message>,
    /// `errors`
    pub errors: Vec<ErrorDef>,
    /// Unknown fields.
    pub extra: Extra,
}

/// The `message` of a subscription.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    /// `description`
    pub description: Option<String>,
    /// `schema` (valid documents use a `union`)
    pub schema: Option<Box<Schema>>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `permission-set`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PermissionSet {
    /// `description` (developer-facing)
    pub description: Option<String>,
    /// `title` (user-facing)
    pub title: Option<String>,
    /// `title:lang`: localized titles by language tag
    pub title_lang: BTreeMap<String, String>,
    /// `detail` (user-facing)
    pub detail: Option<String>,
    /// `detail:lang`: localized details by language tag
    pub detail_lang: BTreeMap<String, String>,
    /// `permissions` (valid documents use `permission` schemas)
    pub permissions: Vec<Schema>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `permission`: one entry of a permission set.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Permission {
    /// `description`
    pub description: Option<String>,
    /// `resource`: `repo`, `rpc`, ...
    pub resource: String,
    /// Every other field (the resource's parameters), as written.
    pub params: BTreeMap<String, serde_json::Value>,
}

impl Permission {
    /// A parameter given as a list of strings (`collection`, `lxm`, `action`).
    pub fn string_list(&self, name: &str) -> Option<Vec<&str>> {
        match self.params.get(name)? {
            serde_json::Value::Array(items) => {
                items.iter().map(serde_json::Value::as_str).collect()
            }
            _ => None,
        }
    }
}

/// A node whose `type` is missing, malformed or not known to this model.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsupported {
    /// The `type` string, or `None` when the node had no usable `type` (already reported).
    pub type_name: Option<String>,
    /// The node as written.
    pub raw: serde_json::Value,
}
