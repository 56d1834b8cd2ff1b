//! The recursive walk: a compiled node and a value in, errors collected in [`Cx`].
//!
//! This file dispatches on the node kind and holds the kinds too small for a file of their
//! own (array, record, the ones data can never match). Each other kind lives in its own
//! file as more `impl Cx` methods; the constraint checks themselves are the shared ones of
//! `crate::constraint`, which generated `validate()` calls too. Nothing here allocates
//! unless an error is recorded.

use crate::value::{Map, Value};

use super::node::{ArrayRule, Node, NodeId, RecordRule};
use super::options::Options;
use super::schema_set::SchemaSet;
use crate::constraint::{Checker, Path, ValidationErrors};

/// Deepest container nesting the walk follows. Decoded data is at most 32 deep (the data
/// model limit); values built in code could be deeper, and the walk must not overflow the
/// stack on them.
const MAX_WALK_DEPTH: u32 = 64;

/// State of one validation: the schemas, the options and the errors found so far.
pub(crate) struct Cx<'s> {
    pub(crate) set: &'s SchemaSet,
    pub(crate) options: Options,
    /// The shared constraint checks report into it (`crate::constraint`).
    pub(crate) checker: Checker,
}

impl<'s> Cx<'s> {
    pub(crate) fn new(set: &'s SchemaSet, options: Options) -> Cx<'s> {
        Cx {
            set,
            options,
            checker: Checker::with_max_errors(options.max_errors),
        }
    }

    /// Records an error at `path` (unless `max_errors` is reached).
    #[cold]
    pub(crate) fn report(&mut self, path: &Path<'_>, message: impl Into<String>) {
        self.checker.report(path, message);
    }

    /// True once `max_errors` errors are recorded: loops stop early, and the result says
    /// it may be incomplete.
    #[inline]
    pub(crate) fn is_full(&mut self) -> bool {
        self.checker.is_full()
    }

    pub(crate) fn finish(self) -> Result<(), ValidationErrors> {
        self.checker.finish()
    }

    /// Records a "wrong kind of value" error.
    #[cold]
    pub(crate) fn mismatch(&mut self, path: &Path<'_>, expected: &str, found: &Value) {
        self.checker.mismatch(path, expected, found);
    }

    /// Validates `value` against node `id`; `depth` counts the containers above it.
    pub(crate) fn value(&mut self, id: NodeId, value: &Value, path: &Path<'_>, depth: u32) {
        let set = self.set;
        match set.node(id) {
            Node::Boolean { const_value } => self.boolean(*const_value, value, path),
            Node::Integer(rule) => self.integer(rule, value, path),
            Node::String(rule) => self.string(rule, value, path),
            Node::Bytes(range) => self.bytes(range, value, path),
            Node::CidLink => {
                if !matches!(value, Value::Link(_)) {
                    self.mismatch(path, "a cid-link", value);
                }
            }
            Node::Blob(rule) => self.blob(rule, value, path),
            Node::Array(rule) => self.array(rule, value, path, depth),
            Node::Object(rule) => match value {
                Value::Map(map) => self.object(rule, map, path, depth),
                other => self.mismatch(path, "an object", other),
            },
            Node::Params(rule) => match value {
                Value::Map(map) => self.params(rule, map, path, depth),
                other => self.mismatch(path, "an object", other),
            },
            Node::Union(rule) => self.union(rule, value, path, depth),
            Node::Unknown => self.checker.unknown(value, path),
            Node::Record(rule) => match value {
                Value::Map(map) => self.record(rule, map, path, depth),
                other => self.mismatch(path, "a record object", other),
            },
            Node::Token(name) => self.report(
                path,
                format!("`{name}` is a token, which no data can match"),
            ),
            Node::Xrpc(rule) => self.report(
                path,
                format!(
                    "`{}` is a {}, not a data type (validate its parameters or bodies)",
                    rule.nsid, rule.kind
                ),
            ),
            Node::Unresolved(reference) => self.report(
                path,
                format!("cannot validate: the schema of reference `{reference}` is not loaded"),
            ),
            Node::Unusable(message) => self.report(path, message.to_string()),
            Node::Pending => self.report(path, "cannot validate: the definition is not usable"),
        }
    }

    /// Checks the nesting limit before entering a container.
    #[inline]
    pub(crate) fn enter(&mut self, path: &Path<'_>, depth: u32) -> bool {
        if depth >= MAX_WALK_DEPTH {
            self.report(
                path,
                format!("data is nested deeper than {MAX_WALK_DEPTH} levels"),
            );
            return false;
        }
        true
    }

    fn array(&mut self, rule: &ArrayRule, value: &Value, path: &Path<'_>, depth: u32) {
        let Value::Array(items) = value else {
            return self.mismatch(path, "an array", value);
        };
        if !self.enter(path, depth) {
            return;
        }
        self.checker
            .array_len(items.len(), path, rule.len.min, rule.len.max);
        for (i, item) in items.iter().enumerate() {
            if self.is_full() {
                return;
            }
            self.value(rule.items, item, &path.index(i), depth + 1);
        }
    }

    /// A record: `$type` must be the record's NSID exactly (never `nsid#main`), then the
    /// body object applies to the same map.
    pub(crate) fn record(&mut self, rule: &RecordRule, map: &Map, path: &Path<'_>, depth: u32) {
        match map.get("$type") {
            Some(Value::String(t)) if **t == *rule.nsid => {}
            Some(Value::String(t)) => self.report(
                &path.key("$type"),
                format!("record `$type` is `{t}`, expected `{}`", rule.nsid),
            ),
            Some(other) => self.mismatch(&path.key("$type"), "a string", other),
            None => self.report(
                path,
                format!(
                    "missing `$type` (a record must say `\"$type\": \"{}\"`)",
                    rule.nsid
                ),
            ),
        }
        // The body is an object node; records reach it with the map they already have.
        let body = rule.body;
        match self.set.node(body) {
            Node::Object(obj) => self.object(obj, map, path, depth),
            _ => self.value_of_map(body, map, path, depth),
        }
    }

    /// Validates a map against a node that is not known to be an object (a body `ref`).
    pub(crate) fn value_of_map(&mut self, id: NodeId, map: &Map, path: &Path<'_>, depth: u32) {
        match self.set.node(id) {
            Node::Object(obj) => self.object(obj, map, path, depth),
            Node::Params(obj) => self.params(obj, map, path, depth),
            Node::Record(rule) => self.record(rule, map, path, depth),
            Node::Union(rule) => self.union_map(rule, map, path, depth),
            Node::Unknown => {}
            _ => {
                // Other kinds never take a map; let the generic walk word the error.
                let value = Value::Map(Map::new());
                self.value(id, &value, path, depth);
            }
        }
    }
}
