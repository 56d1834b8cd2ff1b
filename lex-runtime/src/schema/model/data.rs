//! The data types of the schema model: `boolean`, `integer`, `string` (and its formats),
//! `bytes`, `cid-link`, `blob`, `array`, `object`, `params`, `token`, `ref`, `union`,
//! `unknown`.

use super::{Extra, Schema, SchemaMap};

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
