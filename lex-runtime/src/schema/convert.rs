//! JSON tree -> [`Document`]: the one lexicon converter of the codebase.
//!
//! Generic over [`JsonTree`] so `Document::from_json_str` (over `serde_json::Value`) and the
//! compiler's parser (over its spanned tree) share every rule. The converter never stops
//! early: it records each structural problem with a JSON pointer, fills a placeholder
//! (empty string, `Unsupported` node) and carries on, so one run reports all of them.
//! Nesting depth is bounded by whoever built the tree (`serde_json` and the compiler's
//! scanner both cap it), which bounds the recursion here too.

use std::collections::BTreeMap;

use super::map::SchemaMap;
use super::model::*;
use super::problem::{pointer_push, Problem};
use super::tree::{JsonNumber, JsonTree, JsonView};

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

/// The fields of one JSON object, taken one by one; what is left over becomes `extra`.
struct Obj<'a, T: ?Sized> {
    ptr: String,
    fields: BTreeMap<&'a str, &'a T>,
}

impl<'a, T: JsonTree + ?Sized> Obj<'a, T> {
    fn new(entries: Vec<(&'a str, &'a T)>, ptr: String) -> Self {
        let mut fields = BTreeMap::new();
        for (k, v) in entries {
            // Trees report duplicate keys themselves; keeping the first matches the spans.
            fields.entry(k).or_insert(v);
        }
        Obj { ptr, fields }
    }

    fn take(&mut self, key: &str) -> Option<&'a T> {
        self.fields.remove(key)
    }

    fn at(&self, key: &str) -> String {
        pointer_push(&self.ptr, key)
    }

    fn str_opt(&mut self, cx: &mut Cx, key: &str) -> Option<String> {
        let node = self.take(key)?;
        match node.view() {
            JsonView::String(s) => Some(s.to_owned()),
            _ => {
                cx.wrong(self.at(key), &format!("`{key}`"), "a string", node);
                None
            }
        }
    }

    fn str_req(&mut self, cx: &mut Cx, key: &str) -> String {
        if !self.fields.contains_key(key) {
            cx.missing(&self.ptr, key);
        }
        self.str_opt(cx, key).unwrap_or_default()
    }

    fn int_opt(&mut self, cx: &mut Cx, key: &str) -> Option<i64> {
        let node = self.take(key)?;
        match node.view() {
            JsonView::Number(JsonNumber::Integer(n)) => Some(n),
            _ => {
                cx.wrong(self.at(key), &format!("`{key}`"), "an integer", node);
                None
            }
        }
    }

    fn int_req(&mut self, cx: &mut Cx, key: &str) -> i64 {
        if !self.fields.contains_key(key) {
            cx.missing(&self.ptr, key);
        }
        self.int_opt(cx, key).unwrap_or_default()
    }

    fn bool_opt(&mut self, cx: &mut Cx, key: &str) -> Option<bool> {
        let node = self.take(key)?;
        match node.view() {
            JsonView::Bool(b) => Some(b),
            _ => {
                cx.wrong(self.at(key), &format!("`{key}`"), "a boolean", node);
                None
            }
        }
    }

    /// A list whose elements are read by `item`; bad elements are reported and dropped.
    fn list_opt<V>(
        &mut self,
        cx: &mut Cx,
        key: &str,
        expected: &str,
        item: impl Fn(JsonView<'a, T>) -> Option<V>,
    ) -> Option<Vec<V>> {
        let node = self.take(key)?;
        let ptr = self.at(key);
        match node.view() {
            JsonView::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, elem) in items.into_iter().enumerate() {
                    match item(elem.view()) {
                        Some(v) => out.push(v),
                        None => cx.wrong(
                            pointer_push(&ptr, &i.to_string()),
                            &format!("each entry of `{key}`"),
                            expected,
                            elem,
                        ),
                    }
                }
                Some(out)
            }
            _ => {
                cx.wrong(
                    ptr,
                    &format!("`{key}`"),
                    &format!("an array of {expected}s"),
                    node,
                );
                None
            }
        }
    }

    fn str_list_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Vec<String>> {
        self.list_opt(cx, key, "a string", |v| match v {
            JsonView::String(s) => Some(s.to_owned()),
            _ => None,
        })
    }

    fn int_list_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Vec<i64>> {
        self.list_opt(cx, key, "an integer", |v| match v {
            JsonView::Number(JsonNumber::Integer(n)) => Some(n),
            _ => None,
        })
    }

    fn str_map_opt(&mut self, cx: &mut Cx, key: &str) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        let Some(node) = self.take(key) else {
            return out;
        };
        let ptr = self.at(key);
        match node.view() {
            JsonView::Object(entries) => {
                for (k, v) in entries {
                    match v.view() {
                        JsonView::String(s) => {
                            out.entry(k.to_owned()).or_insert_with(|| s.to_owned());
                        }
                        _ => cx.wrong(
                            pointer_push(&ptr, k),
                            &format!("`{key}` values"),
                            "strings",
                            v,
                        ),
                    }
                }
            }
            _ => cx.wrong(ptr, &format!("`{key}`"), "an object", node),
        }
        out
    }

    fn schema_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Box<Schema>> {
        let node = self.take(key)?;
        Some(Box::new(schema(cx, node, self.at(key))))
    }

    fn schema_req(&mut self, cx: &mut Cx, key: &str) -> Box<Schema> {
        match self.schema_opt(cx, key) {
            Some(s) => s,
            None => {
                cx.missing(&self.ptr, key);
                Box::new(Schema::Unsupported(Box::new(Unsupported {
                    type_name: None,
                    raw: serde_json::Value::Null,
                })))
            }
        }
    }

    fn schema_map_req(&mut self, cx: &mut Cx, key: &str) -> SchemaMap {
        match self.take(key) {
            Some(node) => schema_map(cx, node, self.at(key)),
            None => {
                cx.missing(&self.ptr, key);
                SchemaMap::new()
            }
        }
    }

    fn errors_opt(&mut self, cx: &mut Cx) -> Vec<ErrorDef> {
        let Some(node) = self.take("errors") else {
            return Vec::new();
        };
        let ptr = self.at("errors");
        let JsonView::Array(items) = node.view() else {
            cx.wrong(ptr, "`errors`", "an array", node);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let item_ptr = pointer_push(&ptr, &i.to_string());
            let JsonView::Object(entries) = item.view() else {
                cx.wrong(item_ptr, "an error", "an object", item);
                continue;
            };
            let mut obj = Obj::new(entries, item_ptr);
            let name = obj.str_req(cx, "name");
            let description = obj.str_opt(cx, "description");
            out.push(ErrorDef {
                name,
                description,
                extra: obj.extra(),
            });
        }
        out
    }

    fn body_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Body> {
        let node = self.take(key)?;
        let ptr = self.at(key);
        let JsonView::Object(entries) = node.view() else {
            cx.wrong(ptr, &format!("`{key}`"), "an object", node);
            return None;
        };
        let mut obj = Obj::new(entries, ptr);
        let description = obj.str_opt(cx, "description");
        let encoding = obj.str_req(cx, "encoding");
        let schema = obj.schema_opt(cx, "schema");
        Some(Body {
            description,
            encoding,
            schema,
            extra: obj.extra(),
        })
    }

    fn extra(self) -> Extra {
        self.fields
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_json()))
            .collect()
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
    let cx = &mut *cx;
    let description = if kind == SchemaKind::Permission {
        None
    } else {
        o.str_opt(cx, "description")
    };
    match kind {
        SchemaKind::Boolean => Schema::Boolean(Box::new(Boolean {
            description,
            default: o.bool_opt(cx, "default"),
            const_value: o.bool_opt(cx, "const"),
            extra: o.extra(),
        })),
        SchemaKind::Integer => Schema::Integer(Box::new(Integer {
            description,
            minimum: o.int_opt(cx, "minimum"),
            maximum: o.int_opt(cx, "maximum"),
            enum_values: o.int_list_opt(cx, "enum"),
            default: o.int_opt(cx, "default"),
            const_value: o.int_opt(cx, "const"),
            extra: o.extra(),
        })),
        SchemaKind::String => Schema::String(Box::new(StringSchema {
            description,
            format: o.str_opt(cx, "format").map(|f| StringFormat::from_name(&f)),
            min_length: o.int_opt(cx, "minLength"),
            max_length: o.int_opt(cx, "maxLength"),
            min_graphemes: o.int_opt(cx, "minGraphemes"),
            max_graphemes: o.int_opt(cx, "maxGraphemes"),
            known_values: o.str_list_opt(cx, "knownValues"),
            enum_values: o.str_list_opt(cx, "enum"),
            default: o.str_opt(cx, "default"),
            const_value: o.str_opt(cx, "const"),
            extra: o.extra(),
        })),
        SchemaKind::Bytes => Schema::Bytes(Box::new(Bytes {
            description,
            min_length: o.int_opt(cx, "minLength"),
            max_length: o.int_opt(cx, "maxLength"),
            extra: o.extra(),
        })),
        SchemaKind::CidLink => Schema::CidLink(Box::new(CidLink {
            description,
            extra: o.extra(),
        })),
        SchemaKind::Blob => Schema::Blob(Box::new(Blob {
            description,
            accept: o.str_list_opt(cx, "accept"),
            max_size: o.int_opt(cx, "maxSize"),
            extra: o.extra(),
        })),
        SchemaKind::Array => Schema::Array(Box::new(Array {
            description,
            items: o.schema_req(cx, "items"),
            min_length: o.int_opt(cx, "minLength"),
            max_length: o.int_opt(cx, "maxLength"),
            extra: o.extra(),
        })),
        SchemaKind::Object => Schema::Object(Box::new(Object {
            description,
            properties: o.schema_map_req(cx, "properties"),
            required: o.str_list_opt(cx, "required").unwrap_or_default(),
            nullable: o.str_list_opt(cx, "nullable").unwrap_or_default(),
            extra: o.extra(),
        })),
        SchemaKind::Params => Schema::Params(Box::new(Params {
            description,
            properties: o.schema_map_req(cx, "properties"),
            required: o.str_list_opt(cx, "required").unwrap_or_default(),
            extra: o.extra(),
        })),
        SchemaKind::Token => Schema::Token(Box::new(Token {
            description,
            extra: o.extra(),
        })),
        SchemaKind::Ref => Schema::Ref(Box::new(Ref {
            description,
            target: o.str_req(cx, "ref"),
            extra: o.extra(),
        })),
        SchemaKind::Union => {
            if !o.fields.contains_key("refs") {
                cx.missing(&o.ptr, "refs");
            }
            Schema::Union(Box::new(Union {
                description,
                refs: o.str_list_opt(cx, "refs").unwrap_or_default(),
                closed: o.bool_opt(cx, "closed"),
                extra: o.extra(),
            }))
        }
        SchemaKind::Unknown => Schema::Unknown(Box::new(Unknown {
            description,
            extra: o.extra(),
        })),
        SchemaKind::Record => {
            let key = if o.fields.contains_key("key") {
                o.str_opt(cx, "key").map(|k| RecordKeyType::from_name(&k))
            } else {
                cx.missing(&o.ptr, "key");
                None
            };
            Schema::Record(Box::new(Record {
                description,
                key: key.unwrap_or_else(|| RecordKeyType::Other(String::new())),
                record: o.schema_req(cx, "record"),
                extra: o.extra(),
            }))
        }
        SchemaKind::Query => Schema::Query(Box::new(Query {
            description,
            parameters: o.schema_opt(cx, "parameters"),
            output: o.body_opt(cx, "output"),
            errors: o.errors_opt(cx),
            extra: o.extra(),
        })),
        SchemaKind::Procedure => Schema::Procedure(Box::new(Procedure {
            description,
            parameters: o.schema_opt(cx, "parameters"),
            input: o.body_opt(cx, "input"),
            output: o.body_opt(cx, "output"),
            errors: o.errors_opt(cx),
            extra: o.extra(),
        })),
        SchemaKind::Subscription => {
            let parameters = o.schema_opt(cx, "parameters");
            let message = match o.take("message") {
                None => None,
                Some(node) => {
                    let ptr = o.at("message");
                    match node.view() {
                        JsonView::Object(entries) => {
                            let mut m = Obj::new(entries, ptr);
                            Some(Message {
                                description: m.str_opt(cx, "description"),
                                schema: m.schema_opt(cx, "schema"),
                                extra: m.extra(),
                            })
                        }
                        _ => {
                            cx.wrong(ptr, "`message`", "an object", node);
                            None
                        }
                    }
                }
            };
            Schema::Subscription(Box::new(Subscription {
                description,
                parameters,
                message,
                errors: o.errors_opt(cx),
                extra: o.extra(),
            }))
        }
        SchemaKind::PermissionSet => {
            let title = o.str_opt(cx, "title");
            let title_lang = o.str_map_opt(cx, "title:lang");
            let detail = o.str_opt(cx, "detail");
            let detail_lang = o.str_map_opt(cx, "detail:lang");
            let permissions = match o.take("permissions") {
                None => {
                    cx.missing(&o.ptr, "permissions");
                    Vec::new()
                }
                Some(node) => {
                    let ptr = o.at("permissions");
                    match node.view() {
                        JsonView::Array(items) => items
                            .into_iter()
                            .enumerate()
                            .map(|(i, item)| schema(cx, item, pointer_push(&ptr, &i.to_string())))
                            .collect(),
                        _ => {
                            cx.wrong(ptr, "`permissions`", "an array", node);
                            Vec::new()
                        }
                    }
                }
            };
            Schema::PermissionSet(Box::new(PermissionSet {
                description,
                title,
                title_lang,
                detail,
                detail_lang,
                permissions,
                extra: o.extra(),
            }))
        }
        SchemaKind::Permission => {
            let description = o.str_opt(cx, "description");
            let resource = o.str_req(cx, "resource");
            Schema::Permission(Box::new(Permission {
                description,
                resource,
                params: o.extra(),
            }))
        }
    }
}
