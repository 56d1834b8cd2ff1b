//! Query parameters <-> URL `key=value` pairs (xrpc.md §2): strings raw (not quoted),
//! integers in decimal, booleans `true`/`false`, arrays as one pair per element, absent
//! values (and nulls) left out. Decoding goes through a serde deserializer that turns the
//! text back into whatever type each field asks for, so generated `Params` need nothing
//! HTTP-specific.

use std::collections::BTreeMap;

use serde::de::value::{Error as DeError, SeqDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::Serialize;

use crate::value::Value;

/// Why parameters could not be encoded or decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParamsError(pub String);

/// Encodes parameters as query pairs in a stable order.
pub fn to_pairs<P: Serialize + ?Sized>(params: &P) -> Result<Vec<(String, String)>, ParamsError> {
    // Serializing through DAG-CBOR gives the data model's view of the params (and rejects
    // floats) without a second serializer.
    let bytes = crate::cbor::to_vec(params).map_err(|e| ParamsError(e.to_string()))?;
    let value = crate::cbor::decode(&bytes).map_err(|e| ParamsError(e.to_string()))?;
    let Value::Map(map) = value else {
        return Err(ParamsError("parameters must be an object".into()));
    };
    let mut pairs = Vec::new();
    for (key, value) in map {
        match value {
            Value::Array(items) => {
                for item in items {
                    if let Some(text) = scalar(&key, item)? {
                        pairs.push((key.clone(), text));
                    }
                }
            }
            other => {
                if let Some(text) = scalar(&key, other)? {
                    pairs.push((key, text));
                }
            }
        }
    }
    Ok(pairs)
}

fn scalar(key: &str, value: Value) -> Result<Option<String>, ParamsError> {
    match value {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(b.to_string())),
        Value::Integer(i) => Ok(Some(i.to_string())),
        Value::String(s) => Ok(Some(s)),
        other => Err(ParamsError(format!(
            "parameter `{key}` is a {}, which a query string cannot carry",
            other.kind_name()
        ))),
    }
}

/// Decodes parameters from query pairs (already percent-decoded); repeated keys form
/// arrays. A `__proto__` key is refused, as the reference server does.
pub fn from_pairs<P, I, K, V>(pairs: I) -> Result<P, ParamsError>
where
    P: DeserializeOwned,
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, v) in pairs {
        let k = k.into();
        if k == "__proto__" {
            return Err(ParamsError("parameter `__proto__` is not allowed".into()));
        }
        map.entry(k).or_default().push(v.into());
    }
    P::deserialize(Top(map)).map_err(|e| ParamsError(e.to_string()))
}

/// The whole query: a map.
struct Top(BTreeMap<String, Vec<String>>);

impl<'de> de::Deserializer<'de> for Top {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_map(Entries {
            iter: self.0.into_iter(),
            value: None,
            key: String::new(),
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct Entries {
    iter: std::collections::btree_map::IntoIter<String, Vec<String>>,
    value: Option<Vec<String>>,
    key: String,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                self.key.clone_from(&k);
                seed.deserialize(StringDeserializer::<DeError>::new(k))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let values = self.value.take().unwrap_or_default();
        let key = std::mem::take(&mut self.key);
        seed.deserialize(Texts {
            values,
            key: key.clone(),
        })
        .map_err(|e| de::Error::custom(format_args!("parameter `{key}`: {e}")))
    }
}

/// The values of one key.
struct Texts {
    values: Vec<String>,
    key: String,
}

impl Texts {
    fn single(mut self) -> Result<String, DeError> {
        if self.values.len() > 1 {
            return Err(de::Error::custom("given more than once"));
        }
        self.values
            .pop()
            .ok_or_else(|| de::Error::custom("no value"))
    }
}

impl<'de> IntoDeserializer<'de, DeError> for Texts {
    type Deserializer = Texts;

    fn into_deserializer(self) -> Texts {
        self
    }
}

macro_rules! parse_int {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let text = self.single()?;
            let n: $ty = text
                .parse()
                .map_err(|_| de::Error::custom(format_args!("`{text}` is not an integer")))?;
            visitor.$visit(n)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Texts {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.values.len() > 1 {
            return self.deserialize_seq(visitor);
        }
        visitor.visit_string(self.single()?)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.single()?.as_str() {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            other => Err(de::Error::custom(format_args!(
                "`{other}` is not a boolean (`true` or `false`)"
            ))),
        }
    }

    parse_int! {
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let key = self.key;
        let items = self.values.into_iter().map(move |v| Texts {
            values: vec![v],
            key: key.clone(),
        });
        let mut seq = SeqDeserializer::new(items);
        let out = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(out)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.single()?.into_deserializer())
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char str string bytes byte_buf unit unit_struct tuple
        tuple_struct map struct identifier
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct P {
        s: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        n: Option<i64>,
        b: bool,
        tags: Vec<String>,
    }

    #[test]
    fn round_trip() {
        let p = P {
            s: "a b&c".into(),
            n: Some(-3),
            b: true,
            tags: vec!["x".into(), "y".into()],
        };
        let pairs = to_pairs(&p).unwrap();
        assert_eq!(
            pairs,
            [
                ("b".to_owned(), "true".to_owned()),
                ("n".into(), "-3".into()),
                ("s".into(), "a b&c".into()),
                ("tags".into(), "x".into()),
                ("tags".into(), "y".into()),
            ]
        );
        let back: P = from_pairs(pairs).unwrap();
        assert_eq!(back, p);
        let one: P = from_pairs([("s", "v"), ("b", "false"), ("tags", "only")]).unwrap();
        assert_eq!(one.tags, ["only"]);
        assert_eq!(one.n, None);
    }

    #[test]
    fn bad_values() {
        let e = from_pairs::<P, _, _, _>([("s", "v"), ("b", "yes"), ("tags", "t")]).unwrap_err();
        assert!(e.0.contains("`b`"), "{e}");
        let e = from_pairs::<P, _, _, _>([("s", "v"), ("b", "true"), ("n", "x")]).unwrap_err();
        assert!(e.0.contains("integer"), "{e}");
        assert!(from_pairs::<P, _, _, _>([("__proto__", "x")]).is_err());
    }
}
