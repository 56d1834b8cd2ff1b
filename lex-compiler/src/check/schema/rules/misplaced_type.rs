//! The placement matrix of lexicon.md §3 (which types may appear where).

use lex_runtime::schema::{Schema, SchemaKind};

use crate::check::schema::rule::{declare_rule, Node, Place, SchemaRule};
use crate::check::schema::Cx;

declare_rule! {
    /// Flags a schema whose type is not allowed at its position: e.g. a `token` property,
    /// `unknown` in `params`, a body `schema` that is not `object`/`ref`/`union`, a
    /// subscription message that is not a `union`, a `record.record` that is not an
    /// `object`. Inline objects as properties and array items are valid (interop catalog).
    MisplacedType {
        code: "lex::schema::misplaced-type",
        severity: Error,
        summary: "a schema type is used where the spec does not allow it",
    }
}

use SchemaKind as K;

/// Types allowed at `place`, a description of the place, and a help line.
fn allowed(place: Place<'_>) -> Option<(&'static [SchemaKind], &'static str, &'static str)> {
    const FIELD: &[SchemaKind] = &[
        K::Boolean,
        K::Integer,
        K::String,
        K::Bytes,
        K::CidLink,
        K::Blob,
        K::Array,
        K::Object,
        K::Ref,
        K::Union,
        K::Unknown,
    ];
    Some(match place {
        Place::Def { .. } => return None,
        Place::Property => (
            FIELD,
            "an object property",
            "define it in `defs` and point at it with a `ref`",
        ),
        Place::ArrayItems => (
            FIELD,
            "array items",
            "define it in `defs` and point at it with a `ref`",
        ),
        Place::ParamsProperty => (
            &[K::Boolean, K::Integer, K::String, K::Array],
            "a `params` property",
            "query parameters can only be boolean, integer, string or arrays of those",
        ),
        Place::ParamsArrayItems => (
            &[K::Boolean, K::Integer, K::String],
            "the items of a `params` array",
            "query parameter arrays can only hold boolean, integer or string values",
        ),
        Place::RecordBody => (
            &[K::Object],
            "`record.record`",
            "describe the record with `{\"type\": \"object\", \"properties\": {...}}`",
        ),
        Place::Parameters => (
            &[K::Params],
            "`parameters`",
            "use `{\"type\": \"params\", \"properties\": {...}}`",
        ),
        Place::BodySchema => (
            &[K::Object, K::Ref, K::Union],
            "a body `schema`",
            "a body schema must be an `object`, a `ref` or a `union`",
        ),
        Place::MessageSchema => (
            &[K::Union],
            "a subscription `message.schema`",
            "use a `union` of the message types, even for a single one",
        ),
        Place::PermissionEntry => (
            &[K::Permission],
            "a `permissions` entry",
            "use `{\"type\": \"permission\", \"resource\": ...}`",
        ),
    })
}

impl SchemaRule for MisplacedType {
    fn check_node(&self, cx: &mut Cx<'_>, node: &Node<'_>) {
        let Some((kinds, place, help)) = allowed(node.place) else {
            return;
        };
        let type_name = match (node.schema.kind(), node.schema) {
            (Some(kind), _) if kinds.contains(&kind) => return,
            (Some(kind), _) => kind.name(),
            // Unknown types only fail where exactly one type fits: elsewhere they may be a
            // future field type (warned about by `unsupported-type`).
            (None, Schema::Unsupported(u)) => match u.type_name.as_deref() {
                Some(t) if t != "null" && kinds.len() == 1 => t,
                _ => return,
            },
            (None, _) => return,
        };
        cx.report(
            &Self::INFO,
            &format!("{}/type", node.pointer),
            format!("`{type_name}` is not allowed as {place}"),
        )
        .label("type not allowed here")
        .help(help);
    }
}
