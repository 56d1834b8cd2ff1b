//! JSON tree -> [`Document`]: the one lexicon converter of the codebase.
//!
//! Generic over [`JsonTree`] so `Document::from_json_str` (over `serde_json::Value`) and the
//! compiler's parser (over its spanned tree) share every rule. The converter never stops
//! early: it records each structural problem with a JSON pointer, fills a placeholder
//! (empty string, `Unsupported` node) and carries on, so one run reports all of them.
//! Nesting depth is bounded by whoever built the tree (`serde_json` and the compiler's
//! scanner both cap it), which bounds the recursion here too.

mod data;
mod obj;
mod primary;

use super::map::SchemaMap;
use super::model::*;
use super::problem::{pointer_push, Problem};
use super::tree::{JsonTree, JsonView};
use obj::Obj;

/// The converter's result: a best-effort document plus every problem found.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The document, `None` only when the root is not a JSON object.
    pub document: Option<Document>,
    /// Structural problems, in document order; empty when the document is well-formed.
    pub problems: Vec<Problem>,
}

/// Problem id: a field holds the wrong JSON type.
pub const WRONG_JSON_TYPE: &str = "wrong-json-type";
/// Problem id: a required field is absent.
pub const MISSING_FIELD: &str = "missing-field";

/// Builds a [`Document`] from any JSON tree, reporting every structural problem.
pub fn convert_document<T: JsonTree + ?Sized>(root: &T) -> Converted {
    let mut cx = Cx::default();
    let document = match root.view() {
        JsonView::Object(entries) => {
            let mut obj = Obj::new(entries, String::new());
            let lexicon = obj.int_req(&mut cx, "lexicon");
            let id = obj.str_req(&mut cx, "id");
            let description = obj.str_opt(&mut cx, "description");
            let defs = match obj.take("defs") {
                Some(node) => schema_map(&mut cx, node, pointer_push("", "defs")),
                None => {
                    cx.missing(&obj.ptr, "defs");
                    SchemaMap::new()
                }
            };
            Some(Document {
                lexicon,
                id,
                description,
                defs,
                extra: obj.extra(),
            })
        }
        other => {
            cx.push(
                String::new(),
                WRONG_JSON_TYPE,
                format!(
                    "a lexicon document must be an object, found {}",
                    other.describe()
                ),
            );
            None
        }
    };
    Converted {
        document,
        problems: cx.problems,
    }
}

/// Builds one schema node from any JSON tree (`pointer` locates it in its document).
pub fn convert_schema<T: JsonTree + ?Sized>(node: &T, pointer: &str) -> (Schema, Vec<Problem>) {
    let mut cx = Cx::default();
    let schema = schema(&mut cx, node, pointer.to_owned());
    (schema, cx.problems)
}

/// Where the converter files its problems.
#[derive(Default)]
struct Cx {
    problems: Vec<Problem>,
}

impl Cx {
    fn push(&mut self, pointer: String, id: &'static str, message: String) {
        self.problems.push(Problem {
            pointer,
            id,
            message,
        });
    }

    fn missing(&mut self, parent: &str, key: &str) {
        self.push(
            pointer_push(parent, key),
            MISSING_FIELD,
            format!("missing required field `{key}`"),
        );
    }

    fn wrong<T: JsonTree + ?Sized>(&mut self, ptr: String, what: &str, expected: &str, found: &T) {
        let found = found.view().describe();
        self.push(
            ptr,
            WRONG_JSON_TYPE,
            format!("{what} must be {expected}, found {found}"),
        );
    }
}

fn schema_map<T: JsonTree + ?Sized>(cx: &mut Cx, node: &T, ptr: String) -> SchemaMap {
    match node.view() {
        JsonView::Object(entries) => {
            // Trees give unique keys (`JsonTree`), so nothing is converted twice; in source
            // order, so problems come in document order.
            let entries = entries
                .into_iter()
                .map(|(name, value)| {
                    let s = schema(cx, value, pointer_push(&ptr, name));
                    (name.to_owned(), s)
                })
                .collect();
            SchemaMap::from_first_wins(entries)
        }
        _ => {
            cx.wrong(ptr, "a schema map", "an object", node);
            SchemaMap::new()
        }
    }
}

/// One schema node: its `type` picks the shape; a missing, malformed or unknown `type`
/// keeps the raw JSON (`Unsupported`).
fn schema<T: JsonTree + ?Sized>(cx: &mut Cx, node: &T, ptr: String) -> Schema {
    let unsupported = |type_name: Option<String>| {
        Schema::Unsupported(Box::new(Unsupported {
            type_name,
            raw: node.to_json(),
        }))
    };
    let JsonView::Object(entries) = node.view() else {
        cx.wrong(ptr, "a schema", "an object", node);
        return unsupported(None);
    };
    let mut o = Obj::new(entries, ptr);
    let type_name = match o.take("type") {
        None => {
            cx.push(
                o.at("type"),
                MISSING_FIELD,
                "schema object has no `type`".to_owned(),
            );
            return unsupported(None);
        }
        Some(t) => match t.view() {
            JsonView::String(s) => s.to_owned(),
            _ => {
                cx.wrong(o.at("type"), "`type`", "a string", t);
                return unsupported(None);
            }
        },
    };
    let Some(kind) = SchemaKind::from_name(&type_name) else {
        return unsupported(Some(type_name));
    };
    // A permission reads its `description` among its own fields (`primary::permission`).
    let description = if kind == SchemaKind::Permission {
        None
    } else {
        o.str_opt(cx, "description")
    };
    match kind {
        SchemaKind::Boolean => data::boolean(cx, o, description),
        SchemaKind::Integer => data::integer(cx, o, description),
        SchemaKind::String => data::string(cx, o, description),
        SchemaKind::Bytes => data::bytes(cx, o, description),
        SchemaKind::CidLink => data::cid_link(o, description),
        SchemaKind::Blob => data::blob(cx, o, description),
        SchemaKind::Array => data::array(cx, o, description),
        SchemaKind::Object => data::object(cx, o, description),
        SchemaKind::Params => data::params(cx, o, description),
        SchemaKind::Token => data::token(o, description),
        SchemaKind::Ref => data::reference(cx, o, description),
        SchemaKind::Union => data::union(cx, o, description),
        SchemaKind::Unknown => data::unknown(o, description),
        SchemaKind::Record => primary::record(cx, o, description),
        SchemaKind::Query => primary::query(cx, o, description),
        SchemaKind::Procedure => primary::procedure(cx, o, description),
        SchemaKind::Subscription => primary::subscription(cx, o, description),
        SchemaKind::PermissionSet => primary::permission_set(cx, o, description),
        SchemaKind::Permission => primary::permission(cx, o),
    }
}
