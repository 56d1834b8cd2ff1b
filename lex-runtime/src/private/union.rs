//! [`__union!`](crate::__union): the serde and `Validate` impls of a generated union enum,
//! expanded in the user's crate from its variant list instead of being written out by the
//! generator for every union.

/// `Serialize`, `Deserialize` and `Validate` for a generated union enum.
///
/// Each variant is listed with its `$type`. An `open` union has an `Unknown(Map)` variant
/// that keeps any other `$type`; a `closed` one rejects it, naming the expected types (the
/// literal). Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __union {
    ($ty:ident, open, [$($v:ident $tag:literal),*] $(,)?) => {
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
                    _ => ::core::result::Result::Ok(Self::Unknown(map)),
                }
            }
        }
        impl $crate::Validate for $ty {
            #[allow(unused_variables)]
            fn check(
                &self,
                checker: &mut $crate::__private::Checker,
                path: &$crate::__private::Path<'_>,
            ) {
                match self {
                    $(Self::$v(v) => $crate::Validate::check(&**v, checker, path),)*
                    Self::Unknown(_) => {}
                }
            }
        }
    };
    ($ty:ident, closed $expected:literal, [$($v:ident $tag:literal),*] $(,)?) => {
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
            #[allow(unused_variables)]
            fn check(
                &self,
                checker: &mut $crate::__private::Checker,
                path: &$crate::__private::Path<'_>,
            ) {
                match self {
                    $(Self::$v(v) => $crate::Validate::check(&**v, checker, path),)*
                }
            }
        }
    };
}
