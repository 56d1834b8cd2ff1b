//! [`__object!`](crate::__object): the serde impls of a generated struct, expanded in the
//! user's crate from a compact field list instead of being written out by the generator
//! for every type. The generator's output (and its formatting time) shrinks by about half;
//! the expansion is the code it used to write.

/// `SerializeObject`, `Serialize` and `Deserialize` for a generated struct.
///
/// `ser` lists the fields in canonical key order with the `ObjectSer` method that writes
/// them (`field` for required, `opt` for optional); `required` and `optional` list the
/// fields a missing key is an error for, and those it leaves `None`. The shape is `record "nsid"` (`$type`
/// required and always written, unknown fields kept), `object` (unknown fields kept) or
/// `params` (undeclared parameters ignored). Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    (
        $ty:ident, $expecting:literal, record $nsid:literal,
        ser [$($wm:ident $wk:literal $wf:ident),*],
        required [$($rk:literal $rf:ident),*],
        optional [$($ok:literal $of:ident),*] $(,)?
    ) => {
        impl $crate::__private::SerializeObject for $ty {
            #[allow(unused_mut)]
            fn serialize_object<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
                _tag: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut o = $crate::__private::ObjectSer::begin(
                    serializer,
                    ::core::option::Option::Some($nsid),
                    &self.extra,
                )?;
                $(o.$wm($wk, &self.$wf)?;)*
                o.end()
            }
        }
        $crate::__object!(@serialize $ty);
        $crate::__object!(@deserialize $ty, $expecting, [$($rk $rf),*], [$($ok $of),*],
            slots { let mut seen_type = false; let mut extra = $crate::Map::new(); },
            arms { "$type" => $crate::__private::record_type(&mut map, &mut seen_type, $nsid)?, },
            other(map, key) { $crate::__private::extra(&mut map, &mut extra, key)? },
            after {
                if !seen_type {
                    return ::core::result::Result::Err(
                        <A::Error as $crate::__private::serde::de::Error>::missing_field("$type"),
                    );
                }
            },
            rest { extra });
    };
    (
        $ty:ident, $expecting:literal, object,
        ser [$($wm:ident $wk:literal $wf:ident),*],
        required [$($rk:literal $rf:ident),*],
        optional [$($ok:literal $of:ident),*] $(,)?
    ) => {
        impl $crate::__private::SerializeObject for $ty {
            #[allow(unused_mut)]
            fn serialize_object<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
                tag: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut o = $crate::__private::ObjectSer::begin(serializer, tag, &self.extra)?;
                $(o.$wm($wk, &self.$wf)?;)*
                o.end()
            }
        }
        $crate::__object!(@serialize $ty);
        $crate::__object!(@deserialize $ty, $expecting, [$($rk $rf),*], [$($ok $of),*],
            slots { let mut extra = $crate::Map::new(); },
            arms {},
            other(map, key) { $crate::__private::extra(&mut map, &mut extra, key)? },
            after {},
            rest { extra });
    };
    (
        $ty:ident, $expecting:literal, params,
        ser [$($wm:ident $wk:literal $wf:ident),*],
        required [$($rk:literal $rf:ident),*],
        optional [$($ok:literal $of:ident),*] $(,)?
    ) => {
        impl $crate::__private::SerializeObject for $ty {
            #[allow(unused_mut)]
            fn serialize_object<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
                _tag: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut o = $crate::__private::ObjectSer::begin_plain(serializer)?;
                $(o.$wm($wk, &self.$wf)?;)*
                o.end()
            }
        }
        $crate::__object!(@serialize $ty);
        $crate::__object!(@deserialize $ty, $expecting, [$($rk $rf),*], [$($ok $of),*],
            slots {},
            arms {},
            other(map, key) { $crate::__private::ignore(&mut map)? },
            after {},
            rest {});
    };
    (@serialize $ty:ident) => {
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::__private::SerializeObject::serialize_object(
                    self,
                    serializer,
                    ::core::option::Option::None,
                )
            }
        }
    };
    (
        @deserialize $ty:ident, $expecting:literal,
        [$($rk:literal $rf:ident),*], [$($ok:literal $of:ident),*],
        slots { $($slots:tt)* },
        arms { $($arms:tt)* },
        other($map:ident, $key:ident) { $($other:tt)* },
        after { $($after:tt)* },
        rest { $($rest:tt)* }
    ) => {
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> $crate::__private::serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    fn expecting(
                        &self,
                        f: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        f.write_str($expecting)
                    }
                    #[allow(unused_mut, unused_variables, clippy::match_single_binding)]
                    fn visit_map<A: $crate::__private::serde::de::MapAccess<'de>>(
                        self,
                        mut $map: A,
                    ) -> ::core::result::Result<$ty, A::Error> {
                        $(let mut $rf = ::core::option::Option::None;)*
                        $(let mut $of = ::core::option::Option::None;)*
                        $($slots)*
                        while let ::core::option::Option::Some($key) =
                            $map.next_key::<$crate::__private::Key>()?
                        {
                            match $key.as_str() {
                                $($arms)*
                                $($rk => $crate::__private::field(&mut $map, &mut $rf, $rk)?,)*
                                $($ok => $crate::__private::field(&mut $map, &mut $of, $ok)?,)*
                                _ => $($other)*,
                            }
                        }
                        $($after)*
                        ::core::result::Result::Ok($ty {
                            $($rf: $crate::__private::required($rf, $rk)?,)*
                            $($of,)*
                            $($rest)*
                        })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    };
}
