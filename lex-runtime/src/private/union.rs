//! [`__union!`](crate::__union): the serde and `Validate` impls of a generated union enum,
//! expanded in the user's crate from its variant list instead of being written out by the
//! generator for every union.
//!
//! A subscription's `Message` union may also list *value* members: definitions that are
//! not objects (a `bytes` one, say), whose event-stream frame body is the bare value and
//! whose type only the frame header names. They get [`ValueMembers`], which
//! [`Subscription`](crate::xrpc::Subscription) impls delegate to. Serialized on their own
//! (JSON, CBOR) they are that bare value, without `$type`, the same as their frame body, so
//! they do not read back as a `Message`; a map whose `$type` names one is an error, not an
//! unknown member. (No path in `lex` serializes messages as JSON; this is for users who do.)

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::value::Value;

/// The `$type`s of a derived union's members, in variant order: what a derived
/// subscription gives as its `MESSAGE_TYPES`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `#[lexicon(union)]` enum",
    label = "a subscription's `message` is a union of its message types",
    note = "derive `Lexicon` with `#[lexicon(union)]` on an enum of the message types, even for one type"
)]
pub trait UnionMembers {
    /// The members' `$type`s (`nsid#name`, or `nsid` for a `main` definition).
    const TYPES: &'static [&'static str];
}

/// The value members of a generated message union (see the module docs).
pub trait ValueMembers: Sized {
    /// Their `$type`s.
    const TYPES: &'static [&'static str];
    /// Reads member `ty` from a frame body.
    fn from_value(ty: &str, body: Value) -> Result<Self, String>;
    /// The `$type` and frame body of a value member; `None` for the other variants.
    fn to_value(&self) -> Option<Result<(&'static str, Value), String>>;
}

/// Reads a value member from its frame body. Only a body that the typed value writes back
/// unchanged is accepted: serde would read a `string` member from a byte string, or a
/// `bytes` one from a `{"$bytes": ...}` map, and a stream reader must neither take a frame
/// of the wrong shape nor relay different bytes than it received.
pub fn value_member<T: DeserializeOwned + Serialize>(body: Value) -> Result<T, String> {
    let found = body.kind_name();
    let member: T = crate::wire::body_from_value(body.clone()).map_err(|e| e.0)?;
    let written = member_value(&member)?;
    if written == body {
        Ok(member)
    } else if written.kind_name() != found {
        Err(format!("expected {}, found {found}", written.kind_name()))
    } else {
        Err(format!("the {found} body does not read back as written"))
    }
}

/// The frame body of a value member.
pub fn member_value<T: Serialize + ?Sized>(member: &T) -> Result<Value, String> {
    // Through the encoder, so the body is exactly what DAG-CBOR makes of the typed value.
    let bytes = crate::cbor::to_vec(member).map_err(|e| e.to_string())?;
    crate::cbor::decode_with_limits(&bytes, &crate::stream::FRAME_LIMITS).map_err(|e| e.to_string())
}

/// `Serialize`, `Deserialize` and `Validate` for a generated union enum.
///
/// Each variant is listed with its `$type`. An `open` union has an `Unknown(Map)` variant
/// that keeps any other `$type`; a `closed` one rejects it, naming the expected types (the
/// literal). A message union may end with `values[...]`: each value member with its
/// `$type` and the statements that check it (a closure-like `|value, checker, path| {...}`
/// whose names the statements use); it also gets [`ValueMembers`]. Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __union {
    (
        $ty:ident, open, [$($v:ident $tag:literal),*]
        $(, values[$($vv:ident $vtag:literal |$val:ident, $ck:ident, $p:ident| $check:block),*])?
        $(,)?
    ) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$v(v) => $crate::__private::SerializeObject::serialize_object(
                        &**v,
                        serializer,
                        ::core::option::Option::Some($tag),
                    ),)*
                    $($(Self::$vv(v) => $crate::__private::serde::Serialize::serialize(
                        &**v,
                        serializer,
                    ),)*)?
                    Self::Unknown(map) => $crate::__private::ObjectSer::begin(
                        serializer,
                        ::core::option::Option::None,
                        map,
                    )?
                    .end(),
                }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[allow(unused_variables, clippy::match_single_binding)]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let (type_name, map) = $crate::__private::into_union_map(deserializer)?;
                match type_name.as_str() {
                    $($tag => $crate::__private::union_variant(map)
                        .map(|v| Self::$v(::std::boxed::Box::new(v))),)*
                    $($($vtag => ::core::result::Result::Err(
                        $crate::__private::not_an_object::<D::Error>($vtag),
                    ),)*)?
                    _ => ::core::result::Result::Ok(Self::Unknown(map)),
                }
            }
        }
        impl $crate::Validate for $ty {
            // Inline: compiled where something validates, not in every generated crate.
            #[allow(unused_variables)]
            #[inline]
            fn check(
                &self,
                checker: &mut $crate::__private::Checker,
                path: &$crate::__private::Path<'_>,
            ) {
                match self {
                    $(Self::$v(v) => $crate::Validate::check(&**v, checker, path),)*
                    $($(Self::$vv(v) => {
                        let $val = &**v;
                        let $ck = &mut *checker;
                        let $p = path;
                        $check
                    })*)?
                    Self::Unknown(_) => {}
                }
            }
        }
        $($crate::__union!(@values $ty, [$($vv $vtag),*]);)?
    };
    (
        $ty:ident, closed $expected:literal, [$($v:ident $tag:literal),*]
        $(, values[$($vv:ident $vtag:literal |$val:ident, $ck:ident, $p:ident| $check:block),*])?
        $(,)?
    ) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$v(v) => $crate::__private::SerializeObject::serialize_object(
                        &**v,
                        serializer,
                        ::core::option::Option::Some($tag),
                    ),)*
                    $($(Self::$vv(v) => $crate::__private::serde::Serialize::serialize(
                        &**v,
                        serializer,
                    ),)*)?
                }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let (type_name, map) = $crate::__private::into_union_map(deserializer)?;
                match type_name.as_str() {
                    $($tag => $crate::__private::union_variant(map)
                        .map(|v| Self::$v(::std::boxed::Box::new(v))),)*
                    $($($vtag => ::core::result::Result::Err(
                        $crate::__private::not_an_object::<D::Error>($vtag),
                    ),)*)?
                    other => ::core::result::Result::Err(
                        <D::Error as $crate::__private::serde::de::Error>::custom(
                            ::core::format_args!(
                                "`{}` is not a type of this closed union (expected one of {})",
                                other,
                                $expected,
                            ),
                        ),
                    ),
                }
            }
        }
        impl $crate::Validate for $ty {
            // Inline: compiled where something validates, not in every generated crate.
            #[allow(unused_variables)]
            #[inline]
            fn check(
                &self,
                checker: &mut $crate::__private::Checker,
                path: &$crate::__private::Path<'_>,
            ) {
                match self {
                    $(Self::$v(v) => $crate::Validate::check(&**v, checker, path),)*
                    $($(Self::$vv(v) => {
                        let $val = &**v;
                        let $ck = &mut *checker;
                        let $p = path;
                        $check
                    })*)?
                }
            }
        }
        $($crate::__union!(@values $ty, [$($vv $vtag),*]);)?
    };
    (@values $ty:ident, [$($vv:ident $vtag:literal),*]) => {
        impl $crate::__private::ValueMembers for $ty {
            const TYPES: &'static [&'static str] = &[$($vtag),*];

            fn from_value(
                ty: &str,
                body: $crate::Value,
            ) -> ::core::result::Result<Self, ::std::string::String> {
                match ty {
                    $($vtag => $crate::__private::value_member(body)
                        .map(|v| Self::$vv(::std::boxed::Box::new(v))),)*
                    other => ::core::result::Result::Err(::std::format!(
                        "`{other}` is not a message type carried as a bare value"
                    )),
                }
            }

            #[allow(unreachable_patterns)]
            fn to_value(
                &self,
            ) -> ::core::option::Option<
                ::core::result::Result<(&'static str, $crate::Value), ::std::string::String>,
            > {
                match self {
                    $(Self::$vv(v) => ::core::option::Option::Some(
                        $crate::__private::member_value(&**v).map(|body| ($vtag, body)),
                    ),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
}

/// The error for a `$type`-tagged map naming a value member.
pub fn not_an_object<E: serde::de::Error>(ty: &str) -> E {
    E::custom(format_args!(
        "`{ty}` is not an object: only an event-stream frame header can name it"
    ))
}
