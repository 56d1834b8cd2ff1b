//! Reading one JSON object field by field: typed getters that report a wrong JSON type or
//! a missing required field and carry on; what is never taken becomes `extra`.

use std::collections::BTreeMap;

use super::{schema, schema_map, Cx};
use crate::schema::map::SchemaMap;
use crate::schema::model::*;
use crate::schema::problem::pointer_push;
use crate::schema::tree::{JsonNumber, JsonTree, JsonView};

/// The fields of one JSON object, taken one by one; what is left over becomes `extra`.
pub(super) struct Obj<'a, T: ?Sized> {
    pub(super) ptr: String,
    pub(super) fields: BTreeMap<&'a str, &'a T>,
}

impl<'a, T: JsonTree + ?Sized> Obj<'a, T> {
    pub(super) fn new(entries: Vec<(&'a str, &'a T)>, ptr: String) -> Self {
        let mut fields = BTreeMap::new();
        for (k, v) in entries {
            // Trees report duplicate keys themselves; keeping the first matches the spans.
            fields.entry(k).or_insert(v);
        }
        Obj { ptr, fields }
    }

    pub(super) fn take(&mut self, key: &str) -> Option<&'a T> {
        self.fields.remove(key)
    }

    pub(super) fn at(&self, key: &str) -> String {
        pointer_push(&self.ptr, key)
    }

    pub(super) fn str_opt(&mut self, cx: &mut Cx, key: &str) -> Option<String> {
        let node = self.take(key)?;
        match node.view() {
            JsonView::String(s) => Some(s.to_owned()),
            _ => {
                cx.wrong(self.at(key), &format!("`{key}`"), "a string", node);
                None
            }
        }
    }

    pub(super) fn str_req(&mut self, cx: &mut Cx, key: &str) -> String {
        if !self.fields.contains_key(key) {
            cx.missing(&self.ptr, key);
        }
        self.str_opt(cx, key).unwrap_or_default()
    }

    pub(super) fn int_opt(&mut self, cx: &mut Cx, key: &str) -> Option<i64> {
        let node = self.take(key)?;
        match node.view() {
            JsonView::Number(JsonNumber::Integer(n)) => Some(n),
            _ => {
                cx.wrong(self.at(key), &format!("`{key}`"), "an integer", node);
                None
            }
        }
    }

    pub(super) fn int_req(&mut self, cx: &mut Cx, key: &str) -> i64 {
        if !self.fields.contains_key(key) {
            cx.missing(&self.ptr, key);
        }
        self.int_opt(cx, key).unwrap_or_default()
    }

    pub(super) fn bool_opt(&mut self, cx: &mut Cx, key: &str) -> Option<bool> {
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
    pub(super) fn list_opt<V>(
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

    pub(super) fn str_list_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Vec<String>> {
        self.list_opt(cx, key, "a string", |v| match v {
            JsonView::String(s) => Some(s.to_owned()),
            _ => None,
        })
    }

    pub(super) fn int_list_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Vec<i64>> {
        self.list_opt(cx, key, "an integer", |v| match v {
            JsonView::Number(JsonNumber::Integer(n)) => Some(n),
            _ => None,
        })
    }

    pub(super) fn str_map_opt(&mut self, cx: &mut Cx, key: &str) -> BTreeMap<String, String> {
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

    pub(super) fn schema_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Box<Schema>> {
        let node = self.take(key)?;
        Some(Box::new(schema(cx, node, self.at(key))))
    }

    pub(super) fn schema_req(&mut self, cx: &mut Cx, key: &str) -> Box<Schema> {
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

    pub(super) fn schema_map_req(&mut self, cx: &mut Cx, key: &str) -> SchemaMap {
        match self.take(key) {
            Some(node) => schema_map(cx, node, self.at(key)),
            None => {
                cx.missing(&self.ptr, key);
                SchemaMap::new()
            }
        }
    }

    pub(super) fn errors_opt(&mut self, cx: &mut Cx) -> Vec<ErrorDef> {
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

    pub(super) fn body_opt(&mut self, cx: &mut Cx, key: &str) -> Option<Body> {
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

    pub(super) fn extra(self) -> Extra {
        self.fields
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_json()))
            .collect()
    }
}
