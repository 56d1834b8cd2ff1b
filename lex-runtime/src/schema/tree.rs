//! A read-only view of a JSON tree, so one converter serves every JSON representation:
//! `serde_json::Value` here, and the compiler's spanned tree (which remembers byte spans).

/// A JSON number as the converter needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JsonNumber {
    /// An integer that fits in `i64`.
    Integer(i64),
    /// Anything else: a fraction, an exponent, or an integer out of `i64` range.
    Other,
}

/// One node of a JSON tree, borrowed from the tree.
#[derive(Debug)]
pub enum JsonView<'a, T: ?Sized> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number.
    Number(JsonNumber),
    /// A string.
    String(&'a str),
    /// An array, in order.
    Array(Vec<&'a T>),
    /// An object, in source order (keys are unique: trees reject or merge duplicates).
    Object(Vec<(&'a str, &'a T)>),
}

impl<T: ?Sized> JsonView<'_, T> {
    /// A short noun for messages: "a string", "an array", ...
    pub fn describe(&self) -> &'static str {
        match self {
            JsonView::Null => "null",
            JsonView::Bool(_) => "a boolean",
            JsonView::Number(JsonNumber::Integer(_)) => "an integer",
            JsonView::Number(JsonNumber::Other) => "a number",
            JsonView::String(_) => "a string",
            JsonView::Array(_) => "an array",
            JsonView::Object(_) => "an object",
        }
    }
}

/// A JSON tree the schema converter can read.
pub trait JsonTree {
    /// This node's view.
    fn view(&self) -> JsonView<'_, Self>;
    /// An owned copy of this node (for unknown fields and unsupported nodes).
    fn to_json(&self) -> serde_json::Value;
}

impl JsonTree for serde_json::Value {
    fn view(&self) -> JsonView<'_, Self> {
        match self {
            serde_json::Value::Null => JsonView::Null,
            serde_json::Value::Bool(b) => JsonView::Bool(*b),
            serde_json::Value::Number(n) => {
                JsonView::Number(n.as_i64().map_or(JsonNumber::Other, JsonNumber::Integer))
            }
            serde_json::Value::String(s) => JsonView::String(s),
            serde_json::Value::Array(items) => JsonView::Array(items.iter().collect()),
            serde_json::Value::Object(map) => {
                JsonView::Object(map.iter().map(|(k, v)| (k.as_str(), v)).collect())
            }
        }
    }

    fn to_json(&self) -> serde_json::Value {
        self.clone()
    }
}
