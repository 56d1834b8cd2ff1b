//! A `permission-set` definition of the schema model -> the runtime's
//! [`scope::PermissionSet`], the one type expansion, generated code, `lex scopes` and the
//! permission-set rules all read, so they can never disagree about what a set grants.

use lex_runtime::schema::{self, Schema};
use lex_runtime::scope::{self, Permission};
use lex_runtime::{Map, Value};

/// The permission set of `def` (a `permission-set` schema) exactly as
/// [`scope::PermissionSet::from_def`] reads the same JSON: every entry keeps its unknown
/// and malformed keys, so expansion skips what it does not fully understand.
pub fn from_schema(def: &schema::PermissionSet) -> scope::PermissionSet {
    scope::PermissionSet {
        title: def.title.clone().map(Into::into),
        detail: def.detail.clone().map(Into::into),
        permissions: def.permissions.iter().map(permission).collect(),
    }
}

/// The permission set a lexicon's `main` definition declares, if it is one.
pub fn of_document(doc: &schema::Document) -> Option<scope::PermissionSet> {
    match doc.def("main") {
        Some(Schema::PermissionSet(set)) => Some(from_schema(set)),
        _ => None,
    }
}

/// One entry of `permissions`; anything but a `permission` schema reads like a JSON entry
/// whose `type` is wrong.
pub fn permission(entry: &Schema) -> Permission {
    let Schema::Permission(p) = entry else {
        return Permission {
            malformed: scope::Strs::Static(&["type"]),
            ..Permission::new("")
        };
    };
    let mut map = Map::with_capacity(p.params.len() + 3);
    map.insert("type", Value::String("permission".to_owned()));
    map.insert("resource", Value::String(p.resource.clone()));
    if let Some(d) = &p.description {
        map.insert("description", Value::String(d.clone()));
    }
    for (key, value) in &p.params {
        map.insert(key.clone(), value_of(value));
    }
    Permission::from_map(&map)
}

/// JSON -> data model for parameter values. No permission parameter takes a number or an
/// object, so fractions and out-of-range integers become `null`: still the wrong shape
/// for every known key, and an unknown key is skipped whatever its value.
fn value_of(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => n.as_i64().map_or(Value::Null, Value::Integer),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(value_of).collect()),
        serde_json::Value::Object(o) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.clone(), value_of(v)))
                .collect::<Map>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(json: &str) -> (scope::PermissionSet, scope::PermissionSet) {
        let parsed = crate::syntax::parse_document("set.json", json);
        let doc = parsed.document.map(|d| d.document);
        let model = doc.as_ref().and_then(of_document);
        let value = Value::from_json_str(json).ok();
        let runtime = value.and_then(|v| scope::PermissionSet::from_lexicon(&v).ok());
        match (model, runtime) {
            (Some(m), Some(r)) => (m, r),
            other => panic!("not a permission set: {other:?}"),
        }
    }

    #[test]
    fn reads_like_the_runtime_reader() {
        let json = r#"{"lexicon": 1, "id": "com.example.auth", "defs": {"main": {
            "type": "permission-set", "title": "T", "detail": "D",
            "permissions": [
                {"type": "permission", "resource": "repo", "collection": ["com.example.a"], "action": ["create"]},
                {"type": "permission", "resource": "rpc", "lxm": ["com.example.b"], "inheritAud": true, "description": "d"},
                {"type": "permission", "resource": "rpc", "lxm": "com.example.c", "aud": "*", "extra": 1},
                {"type": "permission", "resource": "blob", "accept": ["image/*"]},
                {"type": "token"}
            ]}}}"#;
        let (model, runtime) = both(json);
        assert_eq!(model, runtime);
        assert_eq!(model.permissions.len(), 5);
    }
}
