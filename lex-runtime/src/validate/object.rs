//! `object` and `params`: required properties present, `null` only where nullable, each
//! declared property present validated against its schema, undeclared properties ignored
//! (spec §8.1: data may be newer than the schema).
//!
//! Both the map and the compiled property list are in canonical key order, so one merge
//! pass pairs them up without any lookup.
//!
//! `$type` on data for a `ref` to an object (spec §14.13): the spec says it should not be
//! there, and implementations disagree. We accept it when absent or when it names this very
//! definition (`nsid#name`; `nsid` or `nsid#main` for a `main` def), and reject any other
//! value, as the newer TypeScript implementation does: a mismatching `$type` means the data
//! was written for another schema. Inline objects have no name and ignore `$type`.

use std::cmp::Ordering;

use crate::value::{key_order, Map, Value};

use super::node::{ObjectRule, Property};
use super::walk::Cx;
use crate::constraint::Path;

impl Cx<'_> {
    pub(crate) fn object(&mut self, rule: &ObjectRule, map: &Map, path: &Path<'_>, depth: u32) {
        if !self.enter(path, depth) {
            return;
        }
        if let Some(name) = rule.name.as_deref() {
            if let Some(t) = map.get("$type") {
                self.object_type(name, t, path);
            }
        }
        self.properties(&rule.properties, map, path, depth, true);
    }

    /// `params` (from a query string or a map built by a server): like an object, without
    /// `$type` or nullable properties.
    pub(crate) fn params(&mut self, rule: &ObjectRule, map: &Map, path: &Path<'_>, depth: u32) {
        if !self.enter(path, depth) {
            return;
        }
        self.properties(&rule.properties, map, path, depth, false);
    }

    fn object_type(&mut self, name: &str, t: &Value, path: &Path<'_>) {
        let ok = match t {
            Value::String(t) => t == name || t.strip_suffix("#main") == Some(name),
            _ => false,
        };
        if !ok {
            let shown = t
                .as_str()
                .map_or_else(|| t.kind_name().to_owned(), |s| format!("`{s}`"));
            self.report(
                &path.key("$type"),
                format!("`$type` is {shown}, but this object is `{name}`"),
            );
        }
    }

    fn properties(
        &mut self,
        props: &[Property],
        map: &Map,
        path: &Path<'_>,
        depth: u32,
        nullable_allowed: bool,
    ) {
        let mut entries = map.as_slice().iter().peekable();
        for prop in props {
            // Skip undeclared entries that sort before this property.
            let mut found = None;
            while let Some((key, value)) = entries.peek() {
                match key_order(key, &prop.name) {
                    Ordering::Less => {
                        entries.next();
                    }
                    Ordering::Equal => {
                        found = Some(value);
                        entries.next();
                        break;
                    }
                    Ordering::Greater => break,
                }
            }
            match found {
                None if prop.required => {
                    self.report(path, format!("missing required property `{}`", prop.name))
                }
                None => {}
                Some(Value::Null) if prop.nullable && nullable_allowed => {}
                Some(Value::Null) => self.report(
                    &path.key(&prop.name),
                    "value must not be null (the property is not nullable)",
                ),
                Some(value) => self.value(prop.node, value, &path.key(&prop.name), depth + 1),
            }
            if self.is_full() {
                return;
            }
        }
    }
}
