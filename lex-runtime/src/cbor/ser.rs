//! serde `Serializer` writing canonical DAG-CBOR, so typed (generated) structs encode exactly
//! as the equivalent [`crate::Value`] does.
//!
//! Maps and structs are written entry by entry into the output, then, if their keys were not
//! already in canonical order, the entries are reordered in place (comparing the *encoded*
//! keys bytewise, which is the canonical order). Lengths unknown up front (`#[serde(flatten)]`
//! serializes maps with no length) get their head patched in at the end. Links arrive as the
//! private newtype described in `link.rs` and leave as tag 42.

use serde::ser::{self, Serialize};

use super::encode::{head_len, write_bytes, write_head, write_int, write_link, write_text};
use crate::cid::Cid;
use crate::link::LINK_NEWTYPE;
use crate::value::{DataError, DataErrorKind};

type Result<T> = std::result::Result<T, DataError>;

fn cbor_error(msg: &str) -> DataError {
    DataError::new(DataErrorKind::Cbor(msg.to_owned()))
}

/// One map entry already written: offsets of its key, its value and its end in `out`.
#[derive(Clone, Copy)]
struct Entry {
    key: usize,
    value: usize,
    end: usize,
}

/// The DAG-CBOR serde serializer.
pub(crate) struct Encoder {
    /// The encoded output.
    pub(crate) out: Vec<u8>,
    /// Entries of the maps being written (a stack: each open map owns a suffix).
    entries: Vec<Entry>,
}

impl Encoder {
    /// An encoder with an empty output buffer.
    pub(crate) fn new() -> Encoder {
        Encoder {
            out: Vec::with_capacity(256),
            entries: Vec::new(),
        }
    }

    /// Replaces the one-byte placeholder at `at` with the head `(major, n)`.
    fn patch_head(&mut self, at: usize, major: u8, n: u64) {
        let mut head = Vec::with_capacity(9);
        write_head(&mut head, major, n);
        self.out.splice(at..at + 1, head);
    }
}

impl<'a> ser::Serializer for &'a mut Encoder {
    type Ok = ();
    type Error = DataError;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = MapWriter<'a>;
    type SerializeStruct = MapWriter<'a>;
    type SerializeStructVariant = MapWriter<'a>;

    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.out.push(if v { 0xf5 } else { 0xf4 });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<()> {
        write_int(&mut self.out, v);
        Ok(())
    }

    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<()> {
        let v = i64::try_from(v).map_err(|_| DataError::new(DataErrorKind::IntegerOutOfRange))?;
        self.serialize_i64(v)
    }

    fn serialize_f32(self, _v: f32) -> Result<()> {
        Err(DataErrorKind::Float.into())
    }

    fn serialize_f64(self, _v: f64) -> Result<()> {
        Err(DataErrorKind::Float.into())
    }

    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0u8; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<()> {
        write_text(&mut self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        write_bytes(&mut self.out, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<()> {
        self.out.push(0xf6);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<()> {
        self.serialize_none()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Result<()> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<()> {
        if name != LINK_NEWTYPE {
            return value.serialize(self);
        }
        // The payload is serialized in place as a byte string, then rewritten as tag 42.
        let at = self.out.len();
        value.serialize(&mut *self)?;
        let mut cid = crate::cbor::decode::Reader::new(self.out.get(at..).unwrap_or_default());
        let cid = match cid.head()? {
            (2, len) if len == cid.remaining() as u64 => Cid::from_bytes(cid.take(len)?)?,
            _ => return Err(cbor_error("a link must serialize as the bytes of a CID")),
        };
        self.out.truncate(at);
        write_link(&mut self.out, &cid);
        Ok(())
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        write_head(&mut self.out, 5, 1);
        write_text(&mut self.out, variant);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a>> {
        Ok(Seq::open(self, len))
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>> {
        Ok(Seq::open(self, Some(len)))
    }

    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq<'a>> {
        Ok(Seq::open(self, Some(len)))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a>> {
        write_head(&mut self.out, 5, 1);
        write_text(&mut self.out, variant);
        Ok(Seq::open(self, Some(len)))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<MapWriter<'a>> {
        Ok(MapWriter::open(self))
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<MapWriter<'a>> {
        Ok(MapWriter::open(self))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<MapWriter<'a>> {
        write_head(&mut self.out, 5, 1);
        write_text(&mut self.out, variant);
        Ok(MapWriter::open(self))
    }
}

/// An array being written.
pub(crate) struct Seq<'a> {
    enc: &'a mut Encoder,
    /// Declared length, or the placeholder position when the length is unknown.
    declared: Option<usize>,
    placeholder: usize,
    count: usize,
}

impl<'a> Seq<'a> {
    fn open(enc: &'a mut Encoder, len: Option<usize>) -> Seq<'a> {
        let placeholder = enc.out.len();
        match len {
            Some(n) => write_head(&mut enc.out, 4, n as u64),
            None => enc.out.push(0),
        }
        Seq {
            enc,
            declared: len,
            placeholder,
            count: 0,
        }
    }

    fn element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.count += 1;
        value.serialize(&mut *self.enc)
    }

    fn close(self) -> Result<()> {
        match self.declared {
            Some(n) if n == self.count => Ok(()),
            Some(_) => Err(cbor_error(
                "sequence length does not match its declared length",
            )),
            None => {
                self.enc.patch_head(self.placeholder, 4, self.count as u64);
                Ok(())
            }
        }
    }
}

// serde asks for one trait per sequence shape; all four write CBOR array elements.
macro_rules! seq_impls {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = DataError;

            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }

            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

seq_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A map or struct being written.
pub(crate) struct MapWriter<'a> {
    enc: &'a mut Encoder,
    /// Position of the one-byte head placeholder; entries follow it.
    placeholder: usize,
    /// Where this map's entries start in `enc.entries`.
    base: usize,
    /// Start of the key just written, waiting for its value.
    key: Option<usize>,
}

impl<'a> MapWriter<'a> {
    fn open(enc: &'a mut Encoder) -> MapWriter<'a> {
        let placeholder = enc.out.len();
        enc.out.push(0);
        let base = enc.entries.len();
        MapWriter {
            enc,
            placeholder,
            base,
            key: None,
        }
    }

    fn write_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let at = self.enc.out.len();
        key.serialize(&mut *self.enc)?;
        if self.enc.out.get(at).is_none_or(|b| b >> 5 != 3) {
            return Err(cbor_error("map keys must be strings"));
        }
        self.key = Some(at);
        Ok(())
    }

    fn write_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let Some(key) = self.key.take() else {
            return Err(cbor_error("map value without a key"));
        };
        let start = self.enc.out.len();
        value.serialize(&mut *self.enc)?;
        self.enc.entries.push(Entry {
            key,
            value: start,
            end: self.enc.out.len(),
        });
        Ok(())
    }

    fn close(self) -> Result<()> {
        let enc = self.enc;
        let entries = enc.entries.get(self.base..).unwrap_or_default();
        let count = entries.len();
        let key_of = |e: &Entry| enc.out.get(e.key..e.value).unwrap_or_default();
        let sorted = entries.windows(2).all(|w| key_of(&w[0]) < key_of(&w[1]));
        if !sorted {
            let mut order: Vec<Entry> = entries.to_vec();
            order.sort_unstable_by(|a, b| key_of(a).cmp(key_of(b)));
            if order.windows(2).any(|w| key_of(&w[0]) == key_of(&w[1])) {
                return Err(cbor_error("duplicate map key"));
            }
            let region = self.placeholder + 1;
            let mut reordered = Vec::with_capacity(enc.out.len() - region);
            for e in &order {
                reordered.extend_from_slice(enc.out.get(e.key..e.end).unwrap_or_default());
            }
            enc.out.truncate(region);
            enc.out.extend_from_slice(&reordered);
        }
        enc.entries.truncate(self.base);
        if head_len(count as u64) == 1 {
            if let Some(b) = enc.out.get_mut(self.placeholder) {
                *b = 0xa0 | count as u8;
            }
        } else {
            enc.patch_head(self.placeholder, 5, count as u64);
        }
        Ok(())
    }
}

impl ser::SerializeMap for MapWriter<'_> {
    type Ok = ();
    type Error = DataError;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.write_key(key)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.write_value(value)
    }

    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeStruct for MapWriter<'_> {
    type Ok = ();
    type Error = DataError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.write_key(key)?;
        self.write_value(value)
    }

    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeStructVariant for MapWriter<'_> {
    type Ok = ();
    type Error = DataError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.write_key(key)?;
        self.write_value(value)
    }

    fn end(self) -> Result<()> {
        self.close()
    }
}
