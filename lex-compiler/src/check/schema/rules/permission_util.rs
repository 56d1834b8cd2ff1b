//! Reading permission parameters, shared by the permission rules.

use lex_runtime::schema::{pointer_push, Permission, Schema};

use crate::check::schema::rule::{Node, RuleInfo};
use crate::check::schema::Cx;

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

/// The entries of the NSID list `name` that a `resource` permission requires, or `None`
/// after reporting it (for `rule`, with `help`) as missing, not a list, or empty.
pub(crate) fn required_list<'a>(
    cx: &mut Cx<'_>,
    rule: &'static RuleInfo,
    node: &Node<'a>,
    p: &'a Permission,
    name: &str,
    help: &str,
) -> Option<Vec<Option<&'a str>>> {
    let at = pointer_push(node.pointer, name);
    let (pointer, message, label) = match list(p, name) {
        List::Items(items) if !items.is_empty() => return Some(items),
        List::Items(_) => (at, format!("`{name}` is empty"), "empty list".to_owned()),
        List::NotArray => (
            at,
            format!("`{name}` must be a list of NSIDs"),
            "not a list".to_owned(),
        ),
        List::Missing => (
            pointer_push(node.pointer, "resource"),
            format!("`{}` permission has no `{name}`", p.resource),
            format!("no {name}"),
        ),
    };
    cx.report(rule, &pointer, message).label(&label).help(help);
    None
}
