//! [`__object!`](crate::__object): the serde and `Validate` impls of a generated struct,
//! expanded in the user's crate from one field list instead of being written out by the
//! generator for every type. The generator's output (and its formatting time) shrinks by
//! more than half; the expansion is the code it used to write.

/// `SerializeObject`, `Serialize`, `Deserialize` and `Validate` for a generated struct.
///
/// ```text
/// __object! {
///     Post, record "com.example.post", |v, checker, p| [
///         req "text" text { checker.string(v, &p, &StrRule { .. }); },
///         opt "tags" tags,
///         req "createdAt" created_at,
///     ]
/// }
/// ```
///
/// The shape is `record "nsid"` (`$type` required and always written, unknown fields
/// kept in `extra`), `object` (unknown fields kept), `params` (undeclared parameters
/// ignored), or `record_closed "nsid"` / `object_closed` for a derived type without an
/// `extra` field (unknown fields are read and dropped).
/// Each field is its kind (a module of [`kind`](crate::__private::kind): `req`, `opt`,
/// `null`, `opt_null`), its key, its Rust name and optionally a block that checks it. The
/// fields come in canonical key order (length first, then bytewise), the order they are
/// written in and checked in (the dynamic validator's order). A check block runs with the
/// field's value bound to the first name (a reference, only when present and not `null`),
/// the `&mut Checker` to the second and the field's `Path` to the third. Reading and
/// checking match on the kind in `@take` and `@check` rather than calling a helper per
/// field: on the generated corpus, helper calls cost more type checking, borrow checking
/// and memory than these expansions. Not a stable API.
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    (
        $ty:ident, record $nsid:literal, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),* $(,)?] $(,)?
    ) => {
        $crate::__object!(@serialize $ty, |this, serializer, _tag|
            $crate::__private::ObjectSer::begin(
                serializer,
                ::core::option::Option::Some($nsid),
                &this.extra,
            ),
            [$($kind $k $f),*]);
        $crate::__object!(@common $ty, |$v, $c, $p| [$($kind $k $f $($check)?),*]);
        $crate::__object!(@deserialize $ty, [$($kind $k $f),*],
            slots { let mut seen_type = false; let mut extra = $crate::Map::new(); },
            arms { "$type" => $crate::__private::record_type(&mut map, &mut seen_type, $nsid), },
            other(map, key) { $crate::__private::extra(&mut map, &mut extra, key) },
            after { $crate::__private::require_type(seen_type)?; },
            rest { extra }, forget {});
    };
    (
        $ty:ident, object, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),* $(,)?] $(,)?
    ) => {
        $crate::__object!(@serialize $ty, |this, serializer, tag|
            $crate::__private::ObjectSer::begin(serializer, tag, &this.extra),
            [$($kind $k $f),*]);
        $crate::__object!(@common $ty, |$v, $c, $p| [$($kind $k $f $($check)?),*]);
        $crate::__object!(@deserialize $ty, [$($kind $k $f),*],
            slots { let mut extra = $crate::Map::new(); },
            arms {},
            other(map, key) { $crate::__private::extra(&mut map, &mut extra, key) },
            after {},
            rest { extra },
            forget { fn forget_type(&mut self) { self.extra.remove("$type"); } });
    };
    (
        $ty:ident, record_closed $nsid:literal, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),* $(,)?] $(,)?
    ) => {
        $crate::__object!(@serialize $ty, |this, serializer, _tag|
            $crate::__private::ObjectSer::begin_plain(
                serializer,
                ::core::option::Option::Some($nsid),
            ),
            [$($kind $k $f),*]);
        $crate::__object!(@common $ty, |$v, $c, $p| [$($kind $k $f $($check)?),*]);
        $crate::__object!(@deserialize $ty, [$($kind $k $f),*],
            slots { let mut seen_type = false; },
            arms { "$type" => $crate::__private::record_type(&mut map, &mut seen_type, $nsid), },
            other(map, key) { $crate::__private::ignore(&mut map) },
            after { $crate::__private::require_type(seen_type)?; },
            rest {}, forget {});
    };
    (
        $ty:ident, object_closed, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),* $(,)?] $(,)?
    ) => {
        $crate::__object!(@serialize $ty, |this, serializer, tag|
            $crate::__private::ObjectSer::begin_plain(serializer, tag),
            [$($kind $k $f),*]);
        $crate::__object!(@common $ty, |$v, $c, $p| [$($kind $k $f $($check)?),*]);
        $crate::__object!(@deserialize $ty, [$($kind $k $f),*],
            slots {},
            arms {},
            other(map, key) { $crate::__private::ignore(&mut map) },
            after {},
            rest {}, forget {});
    };
    (
        $ty:ident, params, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),* $(,)?] $(,)?
    ) => {
        $crate::__object!(@serialize $ty, |this, serializer, _tag|
            $crate::__private::ObjectSer::begin_plain(serializer, ::core::option::Option::None),
            [$($kind $k $f),*]);
        $crate::__object!(@common $ty, |$v, $c, $p| [$($kind $k $f $($check)?),*]);
        $crate::__object!(@deserialize $ty, [$($kind $k $f),*],
            slots {},
            arms {},
            other(map, key) { $crate::__private::ignore(&mut map) },
            after {},
            rest {}, forget {});
    };
    // `SerializeObject`: `$begin` starts the object (the names before it are the value,
    // the serializer and the union's tag), then every field is written in list order.
    (@serialize $ty:ident, |$this:ident, $s:ident, $tag:ident| $begin:expr,
        [$($kind:ident $k:literal $f:ident),*]
    ) => {
        impl $crate::__private::SerializeObject for $ty {
            #[allow(unused_mut, unused_variables)]
            fn serialize_object<S: $crate::__private::serde::Serializer>(
                &self,
                $s: S,
                $tag: ::core::option::Option<&'static str>,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let $this = self;
                let mut o = $begin?;
                $($crate::__private::kind::$kind::put(&mut o, $k, &$this.$f);)*
                o.end()
            }
        }
    };
    (@common $ty:ident, |$v:ident, $c:ident, $p:ident|
        [$($kind:ident $k:literal $f:ident $($check:block)?),*]
    ) => {
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
        impl $crate::Validate for $ty {
            // Inline: compiled where something validates, not in every generated crate.
            #[allow(unused_variables)]
            #[inline]
            fn check(
                &self,
                $c: &mut $crate::__private::Checker,
                path: &$crate::__private::Path<'_>,
            ) {
                $($(
                    $crate::__object!(@check $kind, &self.$f, path, $k, |$v, $p| $check);
                )?)*
            }
        }
    };
    (@take req, $f:ident, $k:literal) => {
        match $f {
            ::core::option::Option::Some(v) => v,
            ::core::option::Option::None => {
                return ::core::result::Result::Err($crate::__private::missing::<A::Error>($k))
            }
        }
    };
    (@take null, $f:ident, $k:literal) => {
        match $f {
            ::core::option::Option::Some(v) => v,
            ::core::option::Option::None => {
                return ::core::result::Result::Err($crate::__private::missing::<A::Error>($k))
            }
        }
    };
    (@take opt, $f:ident, $k:literal) => { $f };
    (@take opt_null, $f:ident, $k:literal) => { $f };
    (@check req, $e:expr, $path:ident, $k:literal, |$v:ident, $p:ident| $check:block) => {{
        let $v = $e;
        let $p = $path.key($k);
        $check
    }};
    (@check opt, $e:expr, $path:ident, $k:literal, |$v:ident, $p:ident| $check:block) => {
        if let ::core::option::Option::Some($v) = $e {
            let $p = $path.key($k);
            $check
        }
    };
    (@check null, $e:expr, $path:ident, $k:literal, |$v:ident, $p:ident| $check:block) => {
        if let ::core::option::Option::Some($v) = $e {
            let $p = $path.key($k);
            $check
        }
    };
    (@check opt_null, $e:expr, $path:ident, $k:literal, |$v:ident, $p:ident| $check:block) => {
        if let ::core::option::Option::Some(::core::option::Option::Some($v)) = $e {
            let $p = $path.key($k);
            $check
        }
    };
    (
        @deserialize $ty:ident, [$($kind:ident $k:literal $f:ident),*],
        slots { $($slots:tt)* },
        arms { $($arms:tt)* },
        other($map:ident, $key:ident) { $($other:tt)* },
        after { $($after:tt)* },
        rest { $($rest:tt)* },
        forget { $($forget:tt)* }
    ) => {
        impl $crate::__private::DeserializeObject for $ty {
            const EXPECTING: &'static str =
                ::core::concat!("an object (", ::core::stringify!($ty), ")");
            $($forget)*
            #[allow(unused_mut, unused_variables, clippy::match_single_binding)]
            fn visit_map<'de, A: $crate::__private::serde::de::MapAccess<'de>>(
                mut $map: A,
            ) -> ::core::result::Result<Self, A::Error> {
                $(let mut $f = ::core::option::Option::None;)*
                $($slots)*
                while let ::core::option::Option::Some($key) =
                    $map.next_key::<$crate::__private::Key>()?
                {
                    match $key.as_str() {
                        $($arms)*
                        $($k => $crate::__private::field(&mut $map, &mut $f, $k),)*
                        _ => $($other)*,
                    }?;
                }
                $($after)*
                ::core::result::Result::Ok($ty {
                    $($f: $crate::__object!(@take $kind, $f, $k),)*
                    $($rest)*
                })
            }
        }
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_object(deserializer)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::Map;

    /// A field whose serialization always fails.
    #[derive(Debug)]
    struct Fails;

    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("boom"))
        }
    }

    struct Pair {
        a: String,
        b: Fails,
        c: Option<String>,
        extra: Map,
    }

    crate::__object! { Pair, object, |v, checker, p| [req "a" a, req "b" b, opt "c" c] }

    impl<'de> serde::Deserialize<'de> for Fails {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            serde::de::IgnoredAny::deserialize(d).map(|_| Fails)
        }
    }

    #[test]
    fn a_failed_field_write_fails_the_object() {
        let pair = Pair {
            a: "x".to_owned(),
            b: Fails,
            c: Some("y".to_owned()),
            extra: Map::new(),
        };
        let err = serde_json::to_string(&pair).unwrap_err();
        assert!(err.to_string().contains("boom"), "{err}");
        assert!(crate::cbor::to_vec(&pair).is_err());
    }

    #[test]
    fn a_missing_required_key_is_named() {
        let err = serde_json::from_str::<Pair>(r#"{"b": 1}"#).err().unwrap();
        assert!(err.to_string().contains("missing field `a`"), "{err}");
        let ok = serde_json::from_str::<Pair>(r#"{"a": "x", "b": 1, "z": 2}"#).unwrap();
        assert_eq!((ok.a.as_str(), ok.c, ok.extra.len()), ("x", None, 1));
    }

    #[derive(Debug, PartialEq)]
    struct Link {
        uri: String,
        extra: Map,
    }

    crate::__object! { Link, object, |v, checker, p| [req "uri" uri] }

    #[derive(Debug, PartialEq)]
    enum Embed {
        Link(Box<Link>),
        Unknown(Map),
    }

    crate::__union! { Embed, open, [Link "com.example.link"] }

    #[test]
    fn a_union_member_does_not_keep_its_type_but_a_plain_object_does() {
        let text = r#"{"$type": "com.example.link", "uri": "x", "more": 1}"#;
        let decoded: Embed = serde_json::from_str(text).unwrap();
        let mut extra = Map::new();
        extra.insert("more".to_owned(), crate::Value::Integer(1));
        let built = Embed::Link(Box::new(Link {
            uri: "x".to_owned(),
            extra,
        }));
        assert_eq!(decoded, built);
        let expected: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_value(&decoded).unwrap(), expected);

        let plain: Link = serde_json::from_str(text).unwrap();
        assert!(plain.extra.get("$type").is_some());
        assert_eq!(serde_json::to_value(&plain).unwrap(), expected);
    }
}
