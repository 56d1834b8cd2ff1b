//! The lexicon schema model: one Rust type per lexicon `type`, with every field of the spec.
//!
//! The model records what a document *says*; it does not decide whether that is valid.
//! Structural problems (a field of the wrong JSON type, a missing required field) are
//! reported by the converter (`convert.rs`); semantic rules (min <= max, placement, NSID
//! syntax, ...) belong to the compiler's check stage. Numbers that the spec wants
//! non-negative are kept as `i64` so that a negative value survives for the checker to
//! report instead of vanishing in the conversion.//!
//! This file holds the document and the [`Schema`] sum; `data.rs` the data types (`boolean`
//! to `unknown`, and the `string` formats), `primary.rs` the primary types (`record`,
//! `query`, `procedure`, `subscription`, `permission-set`) and their parts.

use std::collections::BTreeMap;

use super::map::SchemaMap;

mod data;
mod primary;

pub use data::*;
pub use primary::*;

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
