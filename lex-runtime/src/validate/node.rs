//! The compiled form of schemas that the validator walks: one flat `Vec<Node>` indexed by
//! [`NodeId`], every `ref` and union ref already replaced by the id of its target, every
//! property list sorted in the data's canonical key order, every limit converted to the
//! unit it is compared in. Built once by `schema_set.rs`; never changed afterwards.

use crate::constraint::StrRule;
use crate::StringFormat;

/// Index of a node in [`crate::validate::SchemaSet`]'s node table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct NodeId(pub(crate) u32);

/// One schema, ready for validation.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Boolean {
        const_value: Option<bool>,
    },
    Integer(IntegerRule),
    String(Box<StringRule>),
    Bytes(LengthRange),
    CidLink,
    Blob(Box<BlobRule>),
    Array(ArrayRule),
    Object(Box<ObjectRule>),
    /// `params`: an object whose values are scalars or arrays of scalars, without nullable.
    Params(Box<ObjectRule>),
    Union(Box<UnionRule>),
    Unknown,
    /// A token: a name, never data.
    Token(Box<str>),
    Record(Box<RecordRule>),
    /// `query`, `procedure`, `subscription`: not data themselves, but hold params and bodies.
    Xrpc(Box<XrpcRule>),
    /// A reference that did not resolve (only in a lenient load): data reaching it fails.
    Unresolved(Box<str>),
    /// Something data cannot be checked against (`permission-set`, an unknown `type`, a
    /// `params` outside an XRPC definition): data reaching it fails with this message.
    Unusable(Box<str>),
    /// Placeholder of a definition slot while the set is being built.
    Pending,
}

/// Inclusive bounds of a length or count (bytes, graphemes, elements).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LengthRange {
    pub(crate) min: Option<u64>,
    pub(crate) max: Option<u64>,
}

impl LengthRange {
    /// Converts schema numbers (a negative bound is a schema error; it is read as 0 so that
    /// validation still terminates with a clear result).
    pub(crate) fn new(min: Option<i64>, max: Option<i64>) -> LengthRange {
        let conv = |n: i64| u64::try_from(n).unwrap_or(0);
        LengthRange {
            min: min.map(conv).filter(|&m| m > 0),
            max: max.map(conv),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct IntegerRule {
    pub(crate) const_value: Option<i64>,
    pub(crate) enum_values: Option<Box<[i64]>>,
    pub(crate) minimum: Option<i64>,
    pub(crate) maximum: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct StringRule {
    pub(crate) const_value: Option<Box<str>>,
    pub(crate) enum_values: Option<Box<[Box<str>]>>,
    /// The byte and grapheme bounds (its `const`, `enum` and `cid` are unset: they are
    /// the fields around it).
    pub(crate) lengths: StrRule<'static>,
    pub(crate) format: Option<Format>,
}

/// A string `format`, bound to its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Format {
    /// One of the runtime's scanners.
    Syntax(StringFormat),
    /// `cid`: the loose lexicon syntax (`Cid::check_syntax`).
    Cid,
    /// A format the spec does not define: not checked (the compiler's check stage reports
    /// it in the schema).
    Unknown,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct BlobRule {
    /// MIME patterns as the schema writes them (`image/*`).
    pub(crate) accept: Option<Box<[Box<str>]>>,
    pub(crate) max_size: Option<i64>,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct ArrayRule {
    pub(crate) items: NodeId,
    pub(crate) len: LengthRange,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ObjectRule {
    /// The definition's name as data writes it in `$type` (`nsid` or `nsid#name`), for
    /// objects that are named definitions; `None` for inline objects.
    pub(crate) name: Option<Box<str>>,
    /// Declared properties in canonical key order (length first, then bytewise), the order
    /// of [`crate::Map`], so one merge pass visits both.
    pub(crate) properties: Box<[Property]>,
}

#[derive(Debug, Clone)]
pub(crate) struct Property {
    pub(crate) name: Box<str>,
    pub(crate) node: NodeId,
    pub(crate) required: bool,
    pub(crate) nullable: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct UnionRule {
    /// Variants by the `$type` their data carries (`nsid` for a `main` def).
    pub(crate) variants: Box<[(Box<str>, NodeId)]>,
    pub(crate) closed: bool,
}

impl UnionRule {
    /// The variant named by a data `$type`; `nsid#main` is read as `nsid`.
    #[inline]
    pub(crate) fn variant(&self, type_name: &str) -> Option<NodeId> {
        let wanted = type_name.strip_suffix("#main").unwrap_or(type_name);
        self.variants
            .iter()
            .find(|(name, _)| &**name == wanted)
            .map(|(_, id)| *id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RecordRule {
    /// The record's NSID: the only accepted `$type`.
    pub(crate) nsid: Box<str>,
    pub(crate) key: crate::schema::RecordKeyType,
    pub(crate) body: NodeId,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct XrpcRule {
    pub(crate) kind: &'static str,
    pub(crate) nsid: Box<str>,
    pub(crate) params: Option<NodeId>,
    pub(crate) input: Option<Body>,
    pub(crate) output: Option<Body>,
    /// The subscription's message union.
    pub(crate) message: Option<NodeId>,
}

/// A declared body; `schema` is `None` when the body has no JSON schema (any content).
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) encoding: Box<str>,
    pub(crate) schema: Option<NodeId>,
}
