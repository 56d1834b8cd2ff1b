//! The span side table: JSON pointer -> byte spans of the key and the value.

use std::collections::BTreeMap;

use lex_runtime::schema::pointer_push;
use miette::SourceSpan;

use super::json::{Kind, Node};

/// Where one JSON value sits in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    /// The key's span (with quotes), for object members.
    pub key: Option<SourceSpan>,
    /// The value's span.
    pub value: SourceSpan,
}

/// Byte spans of every value of a document, by RFC 6901 JSON pointer (`""` is the root).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpanMap {
    entries: BTreeMap<String, NodeSpan>,
}

impl SpanMap {
    pub(crate) fn build(root: &Node) -> SpanMap {
        let mut map = SpanMap::default();
        // An explicit stack: the tree is depth-bounded, but this costs nothing and keeps
        // span building independent of that bound.
        let mut stack = vec![(String::new(), None, root)];
        while let Some((pointer, key, node)) = stack.pop() {
            match &node.kind {
                Kind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((pointer_push(&pointer, &i.to_string()), None, item));
                    }
                }
                Kind::Object(members) => {
                    for m in members {
                        let key = Some(m.key_span.to_source_span());
                        stack.push((pointer_push(&pointer, &m.key), key, &m.value));
                    }
                }
                _ => {}
            }
            map.entries.insert(
                pointer,
                NodeSpan {
                    key,
                    value: node.span.to_source_span(),
                },
            );
        }
        map
    }

    /// The spans at exactly `pointer`.
    pub fn get(&self, pointer: &str) -> Option<&NodeSpan> {
        self.entries.get(pointer)
    }

    /// The value span at `pointer`, or of its nearest existing ancestor.
    pub fn value(&self, pointer: &str) -> SourceSpan {
        self.nearest(pointer)
            .map_or_else(|| (0, 0).into(), |s| s.value)
    }

    /// The key span at `pointer` (the value span for array items and the root).
    pub fn key(&self, pointer: &str) -> SourceSpan {
        match self.entries.get(pointer) {
            Some(NodeSpan { key: Some(key), .. }) => *key,
            _ => self.value(pointer),
        }
    }

    /// Where to point for a field that is absent: the key of the nearest existing
    /// ancestor, or its opening brace (a whole multi-line object would be a poor label).
    pub fn missing_at(&self, pointer: &str) -> SourceSpan {
        if let Some(s) = self.entries.get(pointer) {
            return s.value;
        }
        match self.nearest(pointer) {
            Some(NodeSpan { key: Some(key), .. }) => *key,
            Some(s) => (s.value.offset(), 1).into(),
            None => (0, 0).into(),
        }
    }

    fn nearest(&self, pointer: &str) -> Option<&NodeSpan> {
        let mut p = pointer;
        loop {
            if let Some(s) = self.entries.get(p) {
                return Some(s);
            }
            p = p.get(..p.rfind('/')?)?;
        }
    }
}
