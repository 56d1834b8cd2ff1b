//! Reading permission parameters, shared by the permission rules.

use lex_runtime::schema::{pointer_push, Permission, Schema};

use crate::check::schema::rule::Node;

/// The permission at `node`, with its pointer.
pub(crate) fn permission<'a>(node: &Node<'a>) -> Option<&'a Permission> {
    match node.schema {
        Schema::Permission(p) => Some(p),
        _ => None,
    }
}

/// A list parameter as written.
pub(crate) enum List<'a> {
    /// The parameter is absent.
    Missing,
    /// The parameter is not a JSON array.
    NotArray,
    /// The entries: `Some(str)` for strings, `None` for other JSON values.
    Items(Vec<Option<&'a str>>),
}

/// Reads the list parameter `name`.
pub(crate) fn list<'a>(p: &'a Permission, name: &str) -> List<'a> {
    match p.params.get(name) {
        None => List::Missing,
        Some(serde_json::Value::Array(items)) => {
            List::Items(items.iter().map(|v| v.as_str()).collect())
        }
        Some(_) => List::NotArray,
    }
}

/// Pointer to entry `i` of parameter `name` of the permission at `pointer`.
pub(crate) fn entry(pointer: &str, name: &str, i: usize) -> String {
    pointer_push(&pointer_push(pointer, name), &i.to_string())
}
