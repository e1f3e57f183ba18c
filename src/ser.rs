//! A serde `Serializer` into [`Value`]: [`to_value`].
//!
//! Rust data becomes Cypher values: integers of every width become
//! `Integer` (an unsigned value above `i64::MAX` is an error, not a silent
//! wrap), floats `Float`, strings and chars `String`, `None` and `()` `null`,
//! sequences and tuples `List`, maps and structs `Map` (keys must be strings,
//! chars, integers or booleans; they become strings), unit enum variants the
//! variant's name, other variants a one-entry map `{Variant: …}`, bytes a
//! list of integers. A [`Value`] serializes to itself, temporal values
//! included.

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::ser::{self, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::result::Value;
use crate::value::temporal;

/// Newtype-struct names `Value`'s `Serialize` uses for temporal values, so
/// that [`to_value`] can restore them (other serializers see the string).
pub(crate) const DATE: &str = "$plenary::Date";
pub(crate) const LOCAL_TIME: &str = "$plenary::LocalTime";
pub(crate) const TIME: &str = "$plenary::Time";
pub(crate) const LOCAL_DATETIME: &str = "$plenary::LocalDateTime";
pub(crate) const DATETIME: &str = "$plenary::DateTime";
pub(crate) const DURATION: &str = "$plenary::Duration";

/// The temporal value of kind `name` (one of the `$plenary::…` names)
/// written as `text`, if it parses.
pub(crate) fn parse_temporal(name: &str, text: &str) -> Option<Value> {
    Some(match name {
        DATE => Value::Date(temporal::parse_date(text).ok()?),
        LOCAL_TIME => Value::LocalTime(temporal::parse_local_time(text).ok()?),
        TIME => Value::Time(temporal::parse_time(text).ok()?),
        LOCAL_DATETIME => Value::LocalDateTime(temporal::parse_local_datetime(text).ok()?),
        DATETIME => Value::DateTime(temporal::parse_datetime(text).ok()?),
        DURATION => Value::Duration(temporal::parse_duration(text).ok()?),
        _ => return None,
    })
}

/// The `$plenary::…` name of a temporal value's kind.
pub(crate) fn temporal_name(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::Date(_) => DATE,
        Value::LocalTime(_) => LOCAL_TIME,
        Value::Time(_) => TIME,
        Value::LocalDateTime(_) => LOCAL_DATETIME,
        Value::DateTime(_) => DATETIME,
        Value::Duration(_) => DURATION,
        _ => return None,
    })
}

/// Converts any `serde::Serialize` value into a [`Value`].
///
/// ```
/// use plenary::{Value, to_value};
/// #[derive(serde::Serialize)]
/// struct Vote { country: &'static str, vote: &'static str, year: u16 }
///
/// let v = to_value(&Vote { country: "RU", vote: "no", year: 2012 }).unwrap();
/// assert_eq!(v.to_string(), "{country: 'RU', vote: 'no', year: 2012}");
/// assert!(to_value(&u64::MAX).is_err());
/// ```
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    value.serialize(ValueSerializer)
}

fn err(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::TypeError, "InvalidParameterValue", msg)
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        err(msg.to_string())
    }
}

/// The serializer behind [`to_value`].
struct ValueSerializer;

fn int<T: TryInto<i64> + Display + Copy>(x: T) -> Result<Value> {
    x.try_into().map(Value::Int).map_err(|_| {
        err(format!(
            "the integer {x} does not fit a 64-bit signed Integer"
        ))
    })
}

impl ser::Serializer for ValueSerializer {
    type Ok = Value;
    type Error = Error;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = VariantSer<SeqSer>;
    type SerializeMap = MapSer;
    type SerializeStruct = MapSer;
    type SerializeStructVariant = VariantSer<MapSer>;

    fn serialize_bool(self, v: bool) -> Result<Value> {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Value> {
        int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Value> {
        int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Value> {
        int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Value> {
        int(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Value> {
        int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Value> {
        int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Value> {
        int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Value> {
        int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Value> {
        int(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Value> {
        int(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Value> {
        Ok(Value::Float(v as f64))
    }
    fn serialize_f64(self, v: f64) -> Result<Value> {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Value> {
        Ok(Value::String(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Value> {
        Ok(Value::List(
            v.iter().map(|b| Value::Int(*b as i64)).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Value> {
        Ok(Value::Null)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Value> {
        Ok(Value::String(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Value> {
        use crate::de::{NODE_KEY, PATH_KEY, REL_KEY, from_value};
        let inner = value.serialize(ValueSerializer)?;
        match name {
            NODE_KEY => return from_value(&inner).map(Value::Node),
            REL_KEY => return from_value(&inner).map(Value::Relationship),
            PATH_KEY => return from_value(&inner).map(Value::Path),
            _ => {}
        }
        if let (Value::String(s), true) = (&inner, name.starts_with("$plenary::"))
            && let Some(v) = parse_temporal(name, s)
        {
            return Ok(v);
        }
        Ok(inner)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Value> {
        let mut m = BTreeMap::new();
        m.insert(variant.to_string(), value.serialize(ValueSerializer)?);
        Ok(Value::Map(m))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0).min(4096))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqSer> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSer<SeqSer>> {
        Ok(VariantSer(variant, self.serialize_seq(Some(len))?))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer> {
        Ok(MapSer(BTreeMap::new(), None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<MapSer> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<VariantSer<MapSer>> {
        Ok(VariantSer(variant, self.serialize_map(None)?))
    }
}

/// Collects a sequence.
#[doc(hidden)]
pub struct SeqSer(Vec<Value>);

impl ser::SerializeSeq for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.0.push(value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::List(self.0))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Value> {
        ser::SerializeSeq::end(self)
    }
}

/// Collects a map or struct; the pending key between `serialize_key` and
/// `serialize_value`.
#[doc(hidden)]
pub struct MapSer(BTreeMap<String, Value>, Option<String>);

fn key_string(v: Value) -> Result<String> {
    match v {
        Value::String(s) => Ok(s),
        Value::Int(i) => Ok(i.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(err(format!(
            "map keys must be strings, but one is the {} {other}",
            other.type_name()
        ))),
    }
}

impl ser::SerializeMap for MapSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.1 = Some(key_string(key.serialize(ValueSerializer)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .1
            .take()
            .ok_or_else(|| err("a map value was serialized before its key"))?;
        self.0.insert(key, value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Map(self.0))
    }
}

impl ser::SerializeStruct for MapSer {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        self.0
            .insert(key.to_string(), value.serialize(ValueSerializer)?);
        Ok(())
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Map(self.0))
    }
}

/// An enum variant with content: `{Variant: content}`.
#[doc(hidden)]
pub struct VariantSer<S>(&'static str, S);

impl VariantSer<SeqSer> {
    fn finish(self) -> Value {
        Value::Map(BTreeMap::from([(
            self.0.to_string(),
            Value::List(self.1.0),
        )]))
    }
}

impl ser::SerializeTupleVariant for VariantSer<SeqSer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(&mut self.1, value)
    }
    fn end(self) -> Result<Value> {
        Ok(self.finish())
    }
}

impl ser::SerializeStructVariant for VariantSer<MapSer> {
    type Ok = Value;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        ser::SerializeStruct::serialize_field(&mut self.1, key, value)
    }
    fn end(self) -> Result<Value> {
        Ok(Value::Map(BTreeMap::from([(
            self.0.to_string(),
            Value::Map(self.1.0),
        )])))
    }
}
