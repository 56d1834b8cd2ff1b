//! [`__string_enum!`](crate::__string_enum): `as_str` and the serde impls of a generated
//! string enum (`knownValues` or `enum`), expanded in the user's crate from its variant
//! list instead of being written out by the generator for every enum.

/// `as_str`, `Serialize` and `Deserialize` for a generated string enum.
///
/// ```text
/// __string_enum! { Visibility, open, [Public "public", Unlisted "unlisted"] }
/// ```
///
/// Each variant is listed with its string. An `open` enum (`knownValues`) has an
/// `Other(String)` variant that keeps any other string; a `closed` one (`enum`) rejects
/// it, naming the expected values. Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum {
    ($ty:ident, open, [$($v:ident $s:literal),* $(,)?] $(,)?) => {
        impl $ty {
            /// The string value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $s,)*
                    Self::Other(s) => s,
                }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let s = $crate::__private::string(deserializer)?;
                ::core::result::Result::Ok(match s.as_str() {
                    $($s => Self::$v,)*
                    _ => Self::Other(s),
                })
            }
        }
        $crate::__string_enum!(@serialize $ty);
    };
    ($ty:ident, closed, [$($v:ident $s:literal),* $(,)?] $(,)?) => {
        impl $ty {
            /// The string value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $s,)*
                }
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let s = $crate::__private::string(deserializer)?;
                match s.as_str() {
                    $($s => ::core::result::Result::Ok(Self::$v),)*
                    _ => ::core::result::Result::Err(
                        <D::Error as $crate::__private::serde::de::Error>::unknown_variant(
                            &s,
                            &[$($s),*],
                        ),
                    ),
                }
            }
        }
        $crate::__string_enum!(@serialize $ty);
    };
    (@serialize $ty:ident) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
