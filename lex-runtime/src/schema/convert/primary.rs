//! Primary schemas (records and XRPC methods) and permissions, one function each, every
//! field read in the order the model lists it (problems come in that order).

use super::obj::Obj;
use super::{schema, Cx};
use crate::schema::model::*;
use crate::schema::problem::pointer_push;
use crate::schema::tree::{JsonTree, JsonView};

/// `record` (its `key` and `record` are required).
pub(super) fn record<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
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

/// `query`.
pub(super) fn query<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Query(Box::new(Query {
        description,
        parameters: o.schema_opt(cx, "parameters"),
        output: o.body_opt(cx, "output"),
        errors: o.errors_opt(cx),
        extra: o.extra(),
    }))
}

/// `procedure`.
pub(super) fn procedure<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
    Schema::Procedure(Box::new(Procedure {
        description,
        parameters: o.schema_opt(cx, "parameters"),
        input: o.body_opt(cx, "input"),
        output: o.body_opt(cx, "output"),
        errors: o.errors_opt(cx),
        extra: o.extra(),
    }))
}

/// `subscription` (its `message` is an object when present).
pub(super) fn subscription<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
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

/// `permission-set` (its `permissions` are required).
pub(super) fn permission_set<T: JsonTree + ?Sized>(
    cx: &mut Cx,
    mut o: Obj<'_, T>,
    description: Option<String>,
) -> Schema {
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

/// `permission`: its `description` (read here, not by the caller, to keep the field
/// order), `resource`, and every other field as a parameter.
pub(super) fn permission<T: JsonTree + ?Sized>(cx: &mut Cx, mut o: Obj<'_, T>) -> Schema {
    let description = o.str_opt(cx, "description");
    let resource = o.str_req(cx, "resource");
    Schema::Permission(Box::new(Permission {
        description,
        resource,
        params: o.extra(),
    }))
}
