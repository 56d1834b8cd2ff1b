//! `union`: the value must be a map with a string `$type`; a `$type` naming a variant
//! (`nsid#main` read as `nsid`) is validated against it; any other `$type` is accepted by an
//! open union (a later schema version may add it) and rejected by a closed one.

use crate::value::{Map, Value};

use super::node::UnionRule;
use super::walk::Cx;
use crate::constraint::Path;

impl Cx<'_> {
    pub(crate) fn union(&mut self, rule: &UnionRule, value: &Value, path: &Path<'_>, depth: u32) {
        match value {
            Value::Map(map) => self.union_map(rule, map, path, depth),
            other => self.mismatch(path, "an object with `$type` (union)", other),
        }
    }

    pub(crate) fn union_map(&mut self, rule: &UnionRule, map: &Map, path: &Path<'_>, depth: u32) {
        let type_name = match map.get("$type") {
            Some(Value::String(t)) => t.as_str(),
            Some(other) => return self.mismatch(&path.key("$type"), "a string", other),
            None => {
                return self.report(path, "missing `$type` (union values must name their type)")
            }
        };
        match rule.variant(type_name) {
            Some(node) => self.value_of_map(node, map, path, depth),
            None if rule.closed => {
                let names: Vec<&str> = rule.variants.iter().map(|(n, _)| &**n).collect();
                self.report(
                    &path.key("$type"),
                    format!(
                        "`{type_name}` is not a type of this closed union (expected one of {names:?})"
                    ),
                );
            }
            None => {}
        }
    }
}
