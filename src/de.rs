//! A serde `Deserializer` over [`Value`]: [`from_value`], and the row
//! deserializer behind [`QueryResult::deserialize`](crate::QueryResult::deserialize).
//!
//! Cypher values map onto serde's data model the natural way: `null` is
//! `None` / `()`, integers and floats are numbers (an integer is accepted
//! where a float is wanted, never the other way round), strings are strings
//! (borrowed when the target type borrows), lists are sequences, maps are
//! maps or structs. A **node** reads as a map of its properties plus `id`
//! and `labels` (a property of the same name wins), a **relationship** as
//! its properties plus `id`, `type`, `start` and `end`, a **path** as
//! `{nodes, relationships}`; so a node column deserializes straight into a
//! struct of its properties. Temporal values read as their ISO 8601 text.
//! Reading into [`Value`], [`Node`], [`Relationship`] or [`Path`] itself
//! gives back exactly the original value.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Display;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use crate::error::{Error, ErrorKind, Result};
use crate::result::{Node, Path, Relationship, Value};

/// The newtype-struct name `Value`'s `Deserialize` asks for, so that this
/// deserializer can hand entities and temporal values over unchanged.
pub(crate) const VALUE_MAGIC: &str = "$plenary::Value";
pub(crate) const NODE_KEY: &str = "$plenary::Node";
pub(crate) const REL_KEY: &str = "$plenary::Relationship";
pub(crate) const PATH_KEY: &str = "$plenary::Path";

/// Deserializes any `serde::Deserialize` type from a [`Value`].
///
/// ```
/// use plenary::{Database, from_value};
/// #[derive(serde::Deserialize)]
/// struct Country { name: String, code: String, labels: Vec<String> }
///
/// let db = Database::bundled().unwrap();
/// let r = db.query("MATCH (c:Country {code: 'SY'}) RETURN c").unwrap();
/// let c: Country = from_value(&r.rows[0][0]).unwrap();
/// assert_eq!((c.name.as_str(), c.code.as_str()), ("Syria", "SY"));
/// assert_eq!(c.labels, vec!["Country"]);
/// ```
pub fn from_value<'de, T: de::Deserialize<'de>>(value: &'de Value) -> Result<T> {
    T::deserialize(ValueDe(Cow::Borrowed(value)))
}

pub(crate) fn conversion_error(msg: impl Into<String>) -> Error {
    Error::new(ErrorKind::TypeError, "InvalidConversion", msg)
}

impl de::Error for Error {
    fn custom<T: Display>(msg: T) -> Error {
        conversion_error(msg.to_string())
    }
}

/// A deserializer over one value, borrowed or (for the synthesized parts of
/// an entity view) owned.
pub(crate) struct ValueDe<'de>(pub(crate) Cow<'de, Value>);

fn temporal_text(v: &Value) -> Option<String> {
    match v {
        Value::Date(_)
        | Value::LocalTime(_)
        | Value::Time(_)
        | Value::LocalDateTime(_)
        | Value::DateTime(_)
        | Value::Duration(_) => {
            let s = v.to_string();
            Some(s[1..s.len() - 1].to_string())
        }
        _ => None,
    }
}

type Entries<'de> = Vec<(Cow<'de, str>, Cow<'de, Value>)>;

fn owned<'de>(k: &str, v: Value) -> (Cow<'de, str>, Cow<'de, Value>) {
    (Cow::Owned(k.to_string()), Cow::Owned(v))
}

fn props<'de>(p: &BTreeMap<String, Value>) -> Entries<'de> {
    p.iter()
        .map(|(k, v)| (Cow::Owned(k.clone()), Cow::Owned(v.clone())))
        .collect()
}

fn props_borrowed(p: &BTreeMap<String, Value>) -> Entries<'_> {
    p.iter()
        .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v)))
        .collect()
}

fn add_missing<'de>(e: &mut Entries<'de>, extra: Vec<(&str, Value)>) {
    for (k, v) in extra {
        if !e.iter().any(|(n, _)| n == k) {
            e.push(owned(k, v));
        }
    }
}

fn node_struct(n: &Node) -> Value {
    Value::Map(BTreeMap::from([
        ("id".to_string(), Value::Int(n.id as i64)),
        (
            "labels".to_string(),
            Value::List(n.labels.iter().map(|l| Value::from(l.as_str())).collect()),
        ),
        ("properties".to_string(), Value::Map(n.properties.clone())),
    ]))
}

fn rel_struct(r: &Relationship) -> Value {
    Value::Map(BTreeMap::from([
        ("id".to_string(), Value::Int(r.id as i64)),
        ("rel_type".to_string(), Value::from(r.rel_type.as_str())),
        ("start".to_string(), Value::Int(r.start as i64)),
        ("end".to_string(), Value::Int(r.end as i64)),
        ("properties".to_string(), Value::Map(r.properties.clone())),
    ]))
}

/// How an entity looks to a struct or map: its properties plus metadata.
fn entity_view<'de>(v: &Value) -> Option<Entries<'de>> {
    match v {
        Value::Node(n) => {
            let mut e = props(&n.properties);
            add_missing(
                &mut e,
                vec![
                    ("id", Value::Int(n.id as i64)),
                    (
                        "labels",
                        Value::List(n.labels.iter().map(|l| Value::from(l.as_str())).collect()),
                    ),
                    ("properties", Value::Map(n.properties.clone())),
                ],
            );
            Some(e)
        }
        Value::Relationship(r) => {
            let mut e = props(&r.properties);
            add_missing(
                &mut e,
                vec![
                    ("id", Value::Int(r.id as i64)),
                    ("type", Value::from(r.rel_type.as_str())),
                    ("rel_type", Value::from(r.rel_type.as_str())),
                    ("start", Value::Int(r.start as i64)),
                    ("end", Value::Int(r.end as i64)),
                    ("properties", Value::Map(r.properties.clone())),
                ],
            );
            Some(e)
        }
        Value::Path(p) => Some(vec![
            owned(
                "nodes",
                Value::List(p.nodes.iter().cloned().map(Value::Node).collect()),
            ),
            owned(
                "relationships",
                Value::List(
                    p.relationships
                        .iter()
                        .cloned()
                        .map(Value::Relationship)
                        .collect(),
                ),
            ),
        ]),
        _ => None,
    }
}

impl<'de> ValueDe<'de> {
    fn unexpected(&self) -> de::Unexpected<'_> {
        match &*self.0 {
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(*b),
            Value::Int(i) => de::Unexpected::Signed(*i),
            Value::Float(f) => de::Unexpected::Float(*f),
            Value::String(s) => de::Unexpected::Str(s),
            Value::List(_) => de::Unexpected::Seq,
            _ => de::Unexpected::Map,
        }
    }

    fn entries(&self) -> Option<Entries<'de>> {
        match &self.0 {
            Cow::Borrowed(Value::Map(m)) => Some(props_borrowed(m)),
            Cow::Owned(Value::Map(m)) => Some(props(m)),
            other => entity_view(other),
        }
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if let Some(entries) = self.entries() {
            return visitor.visit_map(MapDe::new(entries));
        }
        if let Some(text) = temporal_text(&self.0) {
            return visitor.visit_string(text);
        }
        match self.0 {
            Cow::Borrowed(v) => match v {
                Value::Null => visitor.visit_unit(),
                Value::Bool(b) => visitor.visit_bool(*b),
                Value::Int(i) => visitor.visit_i64(*i),
                Value::Float(f) => visitor.visit_f64(*f),
                Value::String(s) => visitor.visit_borrowed_str(s),
                Value::List(l) => visitor.visit_seq(SeqDe(
                    l.iter().map(Cow::Borrowed).collect::<Vec<_>>().into_iter(),
                )),
                _ => unreachable!("maps, entities and temporal values are handled above"),
            },
            Cow::Owned(v) => match v {
                Value::Null => visitor.visit_unit(),
                Value::Bool(b) => visitor.visit_bool(b),
                Value::Int(i) => visitor.visit_i64(i),
                Value::Float(f) => visitor.visit_f64(f),
                Value::String(s) => visitor.visit_string(s),
                Value::List(l) => visitor.visit_seq(SeqDe(
                    l.into_iter()
                        .map(Cow::Owned)
                        .collect::<Vec<_>>()
                        .into_iter(),
                )),
                _ => unreachable!("maps, entities and temporal values are handled above"),
            },
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &*self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match &*self.0 {
            Value::Null => visitor.visit_unit(),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Cow::Borrowed(Value::String(s)) => visitor.visit_borrowed_bytes(s.as_bytes()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        if name == VALUE_MAGIC {
            let key = match &*self.0 {
                Value::Node(_) => Some(NODE_KEY),
                Value::Relationship(_) => Some(REL_KEY),
                Value::Path(_) => Some(PATH_KEY),
                v => crate::ser::temporal_name(v),
            };
            if let Some(key) = key {
                return visitor.visit_map(MapDe::new(vec![(Cow::Borrowed(key), self.0)]));
            }
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // `Node`, `Relationship` and `Path` themselves read their own shape.
        let exact = match (&*self.0, name) {
            (Value::Node(n), "Node") if fields == ["id", "labels", "properties"] => {
                Some(node_struct(n))
            }
            (Value::Relationship(r), "Relationship")
                if fields == ["id", "rel_type", "start", "end", "properties"] =>
            {
                Some(rel_struct(r))
            }
            (Value::Path(p), "Path") if fields == ["nodes", "relationships"] => {
                Some(Value::Map(BTreeMap::from([
                    (
                        "nodes".to_string(),
                        Value::List(p.nodes.iter().map(node_struct).collect()),
                    ),
                    (
                        "relationships".to_string(),
                        Value::List(p.relationships.iter().map(rel_struct).collect()),
                    ),
                ])))
            }
            _ => None,
        };
        match exact {
            Some(v) => ValueDe(Cow::Owned(v)).deserialize_any(visitor),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match &*self.0 {
            Value::String(s) => visitor.visit_enum(s.clone().into_deserializer()),
            Value::Map(m) if m.len() == 1 => {
                let mut entries = self.entries().unwrap_or_default();
                let (k, v) = entries.pop().expect("one entry");
                visitor.visit_enum(EnumDe(k.into_owned(), v))
            }
            _ => Err(de::Error::invalid_type(
                self.unexpected(),
                &"a string or a map with one entry (an enum variant)",
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        seq tuple tuple_struct map identifier ignored_any
    }
}

/// A list.
struct SeqDe<'de>(std::vec::IntoIter<Cow<'de, Value>>);

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.0.next() {
            Some(v) => seed.deserialize(ValueDe(v)).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// A map, a struct, an entity view or a row; errors in a value are
/// prefixed with its key when `label` is set (rows: "column `x`").
pub(crate) struct MapDe<'de> {
    entries: std::vec::IntoIter<(Cow<'de, str>, Cow<'de, Value>)>,
    pending: Option<(Cow<'de, str>, Cow<'de, Value>)>,
    label: Option<&'static str>,
}

impl<'de> MapDe<'de> {
    pub(crate) fn new(entries: Entries<'de>) -> MapDe<'de> {
        MapDe {
            entries: entries.into_iter(),
            pending: None,
            label: None,
        }
    }

    pub(crate) fn labelled(entries: Entries<'de>, label: &'static str) -> MapDe<'de> {
        MapDe {
            label: Some(label),
            ..MapDe::new(entries)
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.entries.next() {
            Some((k, v)) => {
                let key = match &k {
                    Cow::Borrowed(s) => seed.deserialize(BorrowedStr(s))?,
                    Cow::Owned(s) => seed.deserialize(s.clone().into_deserializer())?,
                };
                self.pending = Some((k, v));
                Ok(Some(key))
            }
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let (k, v) = self
            .pending
            .take()
            .ok_or_else(|| conversion_error("a map value was read before its key"))?;
        match self.label {
            None => seed.deserialize(ValueDe(v)),
            Some(label) => {
                let shown = v.to_string();
                let ty = v.type_name();
                seed.deserialize(ValueDe(v)).map_err(|e| {
                    conversion_error(format!(
                        "{label} `{k}` ({ty} {}): {}",
                        short(&shown),
                        e.message()
                    ))
                })
            }
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// At most 60 characters of a value's text, for error messages.
pub(crate) fn short(s: &str) -> String {
    if s.chars().count() <= 60 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(59).collect::<String>())
    }
}

/// A borrowed map key.
struct BorrowedStr<'de>(&'de str);

impl<'de> de::Deserializer<'de> for BorrowedStr<'de> {
    type Error = Error;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.0)
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// `{Variant: content}`.
struct EnumDe<'de>(String, Cow<'de, Value>);

impl<'de> de::EnumAccess<'de> for EnumDe<'de> {
    type Error = Error;
    type Variant = ValueDe<'de>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, ValueDe<'de>)> {
        let v = seed.deserialize(self.0.into_deserializer())?;
        Ok((v, ValueDe(self.1)))
    }
}

impl<'de> de::VariantAccess<'de> for ValueDe<'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

/// One row: a map from column names to values for structs and maps, a
/// sequence for tuples, the value itself when the row has one column and
/// the target is not a struct, map or tuple.
pub(crate) struct RowDe<'de> {
    pub(crate) columns: &'de [String],
    pub(crate) values: &'de [Value],
}

impl<'de> RowDe<'de> {
    fn map(&self) -> MapDe<'de> {
        MapDe::labelled(
            self.columns
                .iter()
                .zip(self.values)
                .map(|(c, v)| (Cow::Borrowed(c.as_str()), Cow::Borrowed(v)))
                .collect(),
            "column",
        )
    }

    fn single(self) -> Result<ValueDe<'de>> {
        match self.values {
            [v] => Ok(ValueDe(Cow::Borrowed(v))),
            _ => Err(conversion_error(format!(
                "a row of {} columns ({}) can only be read into a struct, a map or a tuple",
                self.values.len(),
                self.columns.join(", ")
            ))),
        }
    }
}

macro_rules! row_single {
    ($($m:ident)*) => {
        $(fn $m<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            de::Deserializer::$m(self.single()?, visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for RowDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(self.map())
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_map(self.map())
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(self.map())
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_seq(SeqDe(
            self.values
                .iter()
                .map(Cow::Borrowed)
                .collect::<Vec<_>>()
                .into_iter(),
        ))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.single()?.deserialize_newtype_struct(name, visitor)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.single()?.deserialize_unit_struct(name, visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.single()?.deserialize_enum(name, variants, visitor)
    }

    row_single! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_option
        deserialize_unit deserialize_identifier deserialize_ignored_any
    }
}

/// `Value`'s `Deserialize`: any self-describing input (JSON, …) becomes a
/// `Value`; through [`from_value`] entities and temporal values come back
/// unchanged.
pub(crate) struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Cypher value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Value, E> {
        i64::try_from(v)
            .map(Value::Int)
            .map_err(|_| E::custom(format!("the integer {v} does not fit a 64-bit Integer")))
    }
    fn visit_f64<E>(self, v: f64) -> std::result::Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        de::Deserialize::deserialize(d)
    }
    fn visit_newtype_struct<D: de::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(v) = seq.next_element::<Value>()? {
            out.push(v);
        }
        Ok(Value::List(out))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = BTreeMap::new();
        let mut first = true;
        while let Some(k) = map.next_key::<String>()? {
            if first {
                first = false;
                match k.as_str() {
                    NODE_KEY => return Ok(Value::Node(map.next_value::<Node>()?)),
                    REL_KEY => return Ok(Value::Relationship(map.next_value::<Relationship>()?)),
                    PATH_KEY => return Ok(Value::Path(map.next_value::<Path>()?)),
                    name if name.starts_with("$plenary::") => {
                        let text = map.next_value::<String>()?;
                        return crate::ser::parse_temporal(name, &text)
                            .ok_or_else(|| de::Error::custom(format!("invalid {name}: {text}")));
                    }
                    _ => {}
                }
            }
            let v = map.next_value::<Value>()?;
            out.insert(k, v);
        }
        Ok(Value::Map(out))
    }
}
