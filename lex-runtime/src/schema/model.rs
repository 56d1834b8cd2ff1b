//! The lexicon schema model: one Rust type per lexicon `type`, with every field of the spec.
//!
//! The model records what a document *says*; it does not decide whether that is valid.
//! Structural problems (a field of the wrong JSON type, a missing required field) are
//! reported by the converter (`convert.rs`); semantic rules (min <= max, placement, NSID
//! syntax, ...) belong to the compiler's check stage. Numbers that the spec wants
//! non-negative are kept as `i64` so that a negative value survives for the checker to
//! report instead of vanishing in the conversion.

use std::collections::BTreeMap;

use super::map::SchemaMap;

/// Fields a schema object carries that the model does not know (kept, never fatal).
pub type Extra = BTreeMap<String, serde_json::Value>;

/// A whole lexicon document (one NSID).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The `lexicon` language version as written (valid documents say `1`).
    pub lexicon: i64,
    /// The document NSID as written (`id`).
    pub id: String,
    /// The optional document `description`.
    pub description: Option<String>,
    /// Definitions by name (`defs`), in name order.
    pub defs: SchemaMap,
    /// Unknown top-level fields, including a tolerated `$type` and the retired `revision`.
    pub extra: Extra,
}

/// Any schema object: a definition, a property, array items, a body schema, ...
///
/// Every variant is boxed so a `Schema` is two words: maps and vectors of schemas hold
/// one per property and definition, and an inline 240-byte variant made every slot that
/// size whatever the schema (issue 10 item 18). Match ergonomics see through the box.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    /// `boolean`
    Boolean(Box<Boolean>),
    /// `integer`
    Integer(Box<Integer>),
    /// `string`
    String(Box<StringSchema>),
    /// `bytes`
    Bytes(Box<Bytes>),
    /// `cid-link`
    CidLink(Box<CidLink>),
    /// `blob`
    Blob(Box<Blob>),
    /// `array`
    Array(Box<Array>),
    /// `object`
    Object(Box<Object>),
    /// `params` (only as the `parameters` of an XRPC definition)
    Params(Box<Params>),
    /// `token`
    Token(Box<Token>),
    /// `ref`
    Ref(Box<Ref>),
    /// `union`
    Union(Box<Union>),
    /// `unknown`
    Unknown(Box<Unknown>),
    /// `record` (primary)
    Record(Box<Record>),
    /// `query` (primary)
    Query(Box<Query>),
    /// `procedure` (primary)
    Procedure(Box<Procedure>),
    /// `subscription` (primary)
    Subscription(Box<Subscription>),
    /// `permission-set` (primary)
    PermissionSet(Box<PermissionSet>),
    /// `permission` (only inside a permission set)
    Permission(Box<Permission>),
    /// A `type` this model does not know (a future type, or a retired one like `null`).
    Unsupported(Box<Unsupported>),
}

/// The lexicon `type` names, one per [`Schema`] variant that the model understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchemaKind {
    /// `boolean`
    Boolean,
    /// `integer`
    Integer,
    /// `string`
    String,
    /// `bytes`
    Bytes,
    /// `cid-link`
    CidLink,
    /// `blob`
    Blob,
    /// `array`
    Array,
    /// `object`
    Object,
    /// `params`
    Params,
    /// `token`
    Token,
    /// `ref`
    Ref,
    /// `union`
    Union,
    /// `unknown`
    Unknown,
    /// `record`
    Record,
    /// `query`
    Query,
    /// `procedure`
    Procedure,
    /// `subscription`
    Subscription,
    /// `permission-set`
    PermissionSet,
    /// `permission`
    Permission,
}

impl SchemaKind {
    /// Every kind, in spec order.
    pub const ALL: [SchemaKind; 19] = [
        SchemaKind::Boolean,
        SchemaKind::Integer,
        SchemaKind::String,
        SchemaKind::Bytes,
        SchemaKind::CidLink,
        SchemaKind::Blob,
        SchemaKind::Array,
        SchemaKind::Object,
        SchemaKind::Params,
        SchemaKind::Token,
        SchemaKind::Ref,
        SchemaKind::Union,
        SchemaKind::Unknown,
        SchemaKind::Record,
        SchemaKind::Query,
        SchemaKind::Procedure,
        SchemaKind::Subscription,
        SchemaKind::PermissionSet,
        SchemaKind::Permission,
    ];

    /// The `type` string of this kind.
    pub const fn name(self) -> &'static str {
        match self {
            SchemaKind::Boolean => "boolean",
            SchemaKind::Integer => "integer",
            SchemaKind::String => "string",
            SchemaKind::Bytes => "bytes",
            SchemaKind::CidLink => "cid-link",
            SchemaKind::Blob => "blob",
            SchemaKind::Array => "array",
            SchemaKind::Object => "object",
            SchemaKind::Params => "params",
            SchemaKind::Token => "token",
            SchemaKind::Ref => "ref",
            SchemaKind::Union => "union",
            SchemaKind::Unknown => "unknown",
            SchemaKind::Record => "record",
            SchemaKind::Query => "query",
            SchemaKind::Procedure => "procedure",
            SchemaKind::Subscription => "subscription",
            SchemaKind::PermissionSet => "permission-set",
            SchemaKind::Permission => "permission",
        }
    }

    /// The kind named by a `type` string, if the model knows it.
    pub fn from_name(name: &str) -> Option<SchemaKind> {
        SchemaKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Primary types may only be the `main` definition.
    pub const fn is_primary(self) -> bool {
        matches!(
            self,
            SchemaKind::Record
                | SchemaKind::Query
                | SchemaKind::Procedure
                | SchemaKind::Subscription
                | SchemaKind::PermissionSet
        )
    }
}

impl Schema {
    /// The kind of this schema, or `None` for [`Schema::Unsupported`].
    pub fn kind(&self) -> Option<SchemaKind> {
        Some(match self {
            Schema::Boolean(_) => SchemaKind::Boolean,
            Schema::Integer(_) => SchemaKind::Integer,
            Schema::String(_) => SchemaKind::String,
            Schema::Bytes(_) => SchemaKind::Bytes,
            Schema::CidLink(_) => SchemaKind::CidLink,
            Schema::Blob(_) => SchemaKind::Blob,
            Schema::Array(_) => SchemaKind::Array,
            Schema::Object(_) => SchemaKind::Object,
            Schema::Params(_) => SchemaKind::Params,
            Schema::Token(_) => SchemaKind::Token,
            Schema::Ref(_) => SchemaKind::Ref,
            Schema::Union(_) => SchemaKind::Union,
            Schema::Unknown(_) => SchemaKind::Unknown,
            Schema::Record(_) => SchemaKind::Record,
            Schema::Query(_) => SchemaKind::Query,
            Schema::Procedure(_) => SchemaKind::Procedure,
            Schema::Subscription(_) => SchemaKind::Subscription,
            Schema::PermissionSet(_) => SchemaKind::PermissionSet,
            Schema::Permission(_) => SchemaKind::Permission,
            Schema::Unsupported(_) => return None,
        })
    }

    /// The `type` string as written (for unsupported nodes, whatever was there).
    pub fn type_name(&self) -> &str {
        match self {
            Schema::Unsupported(u) => u.type_name.as_deref().unwrap_or(""),
            other => other.kind().map_or("", SchemaKind::name),
        }
    }

    /// The `description` of this schema, if any.
    pub fn description(&self) -> Option<&str> {
        match self {
            Schema::Boolean(s) => s.description.as_deref(),
            Schema::Integer(s) => s.description.as_deref(),
            Schema::String(s) => s.description.as_deref(),
            Schema::Bytes(s) => s.description.as_deref(),
            Schema::CidLink(s) => s.description.as_deref(),
            Schema::Blob(s) => s.description.as_deref(),
            Schema::Array(s) => s.description.as_deref(),
            Schema::Object(s) => s.description.as_deref(),
            Schema::Params(s) => s.description.as_deref(),
            Schema::Token(s) => s.description.as_deref(),
            Schema::Ref(s) => s.description.as_deref(),
            Schema::Union(s) => s.description.as_deref(),
            Schema::Unknown(s) => s.description.as_deref(),
            Schema::Record(s) => s.description.as_deref(),
            Schema::Query(s) => s.description.as_deref(),
            Schema::Procedure(s) => s.description.as_deref(),
            Schema::Subscription(s) => s.description.as_deref(),
            Schema::PermissionSet(s) => s.description.as_deref(),
            Schema::Permission(s) => s.description.as_deref(),
            Schema::Unsupported(_) => None,
        }
    }
}

/// `boolean`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Boolean {
    /// `description`
    pub description: Option<String>,
    /// `default`
    pub default: Option<bool>,
    /// `const`
    pub const_value: Option<bool>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `integer`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Integer {
    /// `description`
    pub description: Option<String>,
    /// `minimum` (inclusive)
    pub minimum: Option<i64>,
    /// `maximum` (inclusive)
    pub maximum: Option<i64>,
    /// `enum`: the closed set of allowed values
    pub enum_values: Option<Vec<i64>>,
    /// `default`
    pub default: Option<i64>,
    /// `const`
    pub const_value: Option<i64>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `string`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringSchema {
    /// `description`
    pub description: Option<String>,
    /// `format`
    pub format: Option<StringFormat>,
    /// `minLength` in UTF-8 bytes
    pub min_length: Option<i64>,
    /// `maxLength` in UTF-8 bytes
    pub max_length: Option<i64>,
    /// `minGraphemes` in extended grapheme clusters
    pub min_graphemes: Option<i64>,
    /// `maxGraphemes` in extended grapheme clusters
    pub max_graphemes: Option<i64>,
    /// `knownValues`: suggested values, never enforced
    pub known_values: Option<Vec<String>>,
    /// `enum`: the closed set of allowed values
    pub enum_values: Option<Vec<String>>,
    /// `default`
    pub default: Option<String>,
    /// `const`
    pub const_value: Option<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// The string `format`s of the spec; anything else is kept as [`StringFormat::Other`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StringFormat {
    /// `at-identifier`: handle or DID
    AtIdentifier,
    /// `at-uri`
    AtUri,
    /// `cid` (string form)
    Cid,
    /// `datetime`
    Datetime,
    /// `did`
    Did,
    /// `handle`
    Handle,
    /// `nsid`
    Nsid,
    /// `tid`
    Tid,
    /// `record-key`
    RecordKey,
    /// `uri`
    Uri,
    /// `language`
    Language,
    /// A format this model does not know (the check stage reports it).
    Other(String),
}

impl StringFormat {
    /// The 11 formats of the spec.
    pub const KNOWN: [StringFormat; 11] = [
        StringFormat::AtIdentifier,
        StringFormat::AtUri,
        StringFormat::Cid,
        StringFormat::Datetime,
        StringFormat::Did,
        StringFormat::Handle,
        StringFormat::Nsid,
        StringFormat::Tid,
        StringFormat::RecordKey,
        StringFormat::Uri,
        StringFormat::Language,
    ];

    /// Parses a `format` value; unknown names become [`StringFormat::Other`].
    pub fn from_name(name: &str) -> StringFormat {
        StringFormat::KNOWN
            .into_iter()
            .find(|f| f.name() == name)
            .unwrap_or_else(|| StringFormat::Other(name.to_owned()))
    }

    /// The `format` string.
    pub fn name(&self) -> &str {
        match self {
            StringFormat::AtIdentifier => "at-identifier",
            StringFormat::AtUri => "at-uri",
            StringFormat::Cid => "cid",
            StringFormat::Datetime => "datetime",
            StringFormat::Did => "did",
            StringFormat::Handle => "handle",
            StringFormat::Nsid => "nsid",
            StringFormat::Tid => "tid",
            StringFormat::RecordKey => "record-key",
            StringFormat::Uri => "uri",
            StringFormat::Language => "language",
            StringFormat::Other(name) => name,
        }
    }
}

/// `bytes`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bytes {
    /// `description`
    pub description: Option<String>,
    /// `minLength` in raw bytes
    pub min_length: Option<i64>,
    /// `maxLength` in raw bytes
    pub max_length: Option<i64>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `cid-link`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CidLink {
    /// `description`
    pub description: Option<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `blob`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Blob {
    /// `description`
    pub description: Option<String>,
    /// `accept`: allowed MIME types (`image/*`, `*/*` globs allowed)
    pub accept: Option<Vec<String>>,
    /// `maxSize` in bytes
    pub max_size: Option<i64>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `array`
#[derive(Debug, Clone, PartialEq)]
pub struct Array {
    /// `description`
    pub description: Option<String>,
    /// `items`: the element schema
    pub items: Box<Schema>,
    /// `minLength`: minimum element count
    pub min_length: Option<i64>,
    /// `maxLength`: maximum element count
    pub max_length: Option<i64>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `object`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object {
    /// `description`
    pub description: Option<String>,
    /// `properties` by name
    pub properties: SchemaMap,
    /// `required` property names, as written
    pub required: Vec<String>,
    /// `nullable` property names, as written
    pub nullable: Vec<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `params`: the URL query parameters of an XRPC definition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// `description`
    pub description: Option<String>,
    /// `properties` by name
    pub properties: SchemaMap,
    /// `required` parameter names, as written
    pub required: Vec<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `token`: a named symbol without data representation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Token {
    /// `description`
    pub description: Option<String>,
    /// Unknown fields.
    pub extra: Extra,
}

/// `ref`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ref {
    /// `description`
    pub description: Option<String>,
    /// `ref`: the reference string (`#name`, `nsid` or `nsid#name`)
    pub target: String,
    /// Unknown fields.
    pub extra: Extra,
}

/// `union`
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Union {
    /// `description`
    pub description: Option<String>,
    /// `refs`: reference strings of the variants
    pub refs: Vec<String>,
    /// `closed` as written (absent means open)
    pub closed: Option<bool>,
    /// Unknown fields.
    pub extra: Extra,
}

impl Union {
    /// Whether the union is closed (`closed: true`).
    pub fn is_closed(&self) -> bool {
        self.closed == Some(true)
    }
}

/// `unknown`: any data object.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unknown {
    /// `description`
    pub description: Option<String>,
    /// Unknown fields.
    pub extra: Extra,
}

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
