//! Support for generated code; not a stable API (`#[doc(hidden)]` as `lex_runtime::__private`).
//!
//! Generated code stays small by calling these helpers instead of expanding serde derives:
//! [`ObjectSer`](crate::__private::ObjectSer) writes a struct's fields merged with its
//! preserved unknown fields in canonical key order, the `de` helpers read map entries into
//! field slots, [`kind`](crate::__private::kind) says how each kind of field is written and
//! read, [`ValueDeserializer`](crate::__private::ValueDeserializer) replays a buffered
//! [`crate::Value`] (union dispatch), and [`Checker`](crate::__private::Checker) collects
//! the errors of a generated `validate()`. The `__object!`, `__union!`, `__string_enum!` and
//! `__error_enum!` macros expand the impls of generated types from their field or variant
//! lists.

mod check;
mod de;
mod error_enum;
pub mod kind;
mod object;
mod ser;
mod string_enum;
mod union;
mod value_de;

pub use check::{Checker, IntRule, Path, StrRule};
pub use de::{
    deserialize_object, extra, field, ignore, into_union_map, missing, record_type, require_type,
    string, union_variant, DeserializeObject, Key,
};
pub use error_enum::fmt_error;
pub use ser::{ObjectSer, SerializeObject};
pub use union::{member_value, not_an_object, value_member, UnionMembers, ValueMembers};
pub use value_de::ValueDeserializer;

/// The serde the generated impls are written against.
pub use serde;
