//! Lexicon JSON text -> a spanned JSON tree ([`Node`]), strict RFC 8259.
//!
//! Hand-written rather than taken from a crate because we need all of: the exact byte
//! span of every key and value, duplicate keys reported (with both spans) instead of
//! silently merged, a hard nesting limit so hostile input cannot overflow the stack, and
//! numbers kept as written (so a huge integer is reported, not rounded). `serde_json`
//! gives no spans; `jsonc-parser` gives spans but neither duplicate-key errors nor a
//! documented depth bound. The grammar is small enough that owning it is cheaper.
//!
//! `parser.rs` reads structure (values, arrays, objects, the error helpers); `scalars.rs`
//! reads strings with their escapes and numbers.

use lex_runtime::schema::{JsonNumber, JsonTree, JsonView};

use parser::Parser;

mod parser;
mod scalars;
#[cfg(test)]
mod tests;

/// Deepest nesting of arrays/objects accepted (the same bound as `serde_json`).
pub(crate) const MAX_DEPTH: usize = 128;

/// A byte range `start..end` in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn to_source_span(self) -> miette::SourceSpan {
        (self.start, self.end.saturating_sub(self.start)).into()
    }
}

/// One JSON value with its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
}

/// The value of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    /// The number's text as written, and its value when it is an `i64` integer.
    Number {
        text: String,
        int: Option<i64>,
    },
    String(String),
    Array(Vec<Node>),
    /// Members in source order; a duplicate key is reported and left out.
    Object(Vec<Member>),
}

/// One `"key": value` pair of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub(crate) key: String,
    pub(crate) key_span: Span,
    pub(crate) value: Node,
}

/// A problem found by the scanner.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JsonError {
    /// Kebab-case id (the diagnostic code is `lex::parse::<id>`).
    pub(crate) id: &'static str,
    pub(crate) message: String,
    pub(crate) label: &'static str,
    pub(crate) span: Span,
    /// For duplicate keys: where the key was first seen.
    pub(crate) first: Option<Span>,
}

/// Parses `text`. A syntax error stops the scan (nothing after it can be trusted); duplicate
/// keys do not, so every one of them is reported.
pub(crate) fn parse(text: &str) -> (Option<Node>, Vec<JsonError>) {
    let mut p = Parser::new(text);
    // A UTF-8 byte-order mark is tolerated: editors on some platforms write one.
    if p.src.starts_with(&[0xEF, 0xBB, 0xBF]) {
        p.pos = 3;
    }
    let result = p.value(0).and_then(|node| {
        p.skip_ws();
        if p.pos < p.src.len() {
            Err(p.error_here(
                "trailing-content",
                "unexpected content after the JSON value",
                "not part of the document",
            ))
        } else {
            Ok(node)
        }
    });
    match result {
        Ok(node) => (Some(node), p.errors),
        Err(e) => {
            p.errors.push(e);
            (None, p.errors)
        }
    }
}

impl JsonTree for Node {
    fn view(&self) -> JsonView<'_, Self> {
        match &self.kind {
            Kind::Null => JsonView::Null,
            Kind::Bool(b) => JsonView::Bool(*b),
            Kind::Number { int, .. } => {
                JsonView::Number(int.map_or(JsonNumber::Other, JsonNumber::Integer))
            }
            Kind::String(s) => JsonView::String(s),
            Kind::Array(items) => JsonView::Array(items.iter().collect()),
            Kind::Object(members) => {
                JsonView::Object(members.iter().map(|m| (m.key.as_str(), &m.value)).collect())
            }
        }
    }

    fn to_json(&self) -> serde_json::Value {
        match &self.kind {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool(b) => serde_json::Value::Bool(*b),
            Kind::Number { text, int } => match int {
                Some(i) => serde_json::Value::from(*i),
                None => text
                    .parse::<u64>()
                    .ok()
                    .map(serde_json::Number::from)
                    .or_else(|| {
                        text.parse::<f64>()
                            .ok()
                            .and_then(serde_json::Number::from_f64)
                    })
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
            },
            Kind::String(s) => serde_json::Value::String(s.clone()),
            Kind::Array(items) => {
                serde_json::Value::Array(items.iter().map(JsonTree::to_json).collect())
            }
            Kind::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}
