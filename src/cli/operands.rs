//! Typed operands of an `eval` request: each op reads its keys into one
//! `#[derive(Deserialize)] #[serde(deny_unknown_fields)]` struct built from these newtypes,
//! whose checks (finite, whole, rectangular) are those of `json` and whose messages name the key.

use super::json::{count, matrix, number, vector};
use nalgebra::DMatrix;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor,
};
use serde::{Deserialize, forward_to_deserialize_any};
use serde_json::{Map, Value};
use std::fmt;

/// One request object (the `"op"` key already removed).
pub(crate) struct Request {
    op: String,
    fields: Map<String, Value>,
}

impl Request {
    pub(crate) fn new(op: &str, fields: Map<String, Value>) -> Self {
        Request { op: op.to_owned(), fields }
    }

    /// The operands as the op's typed struct: unknown keys refused, messages naming the key.
    pub(crate) fn typed<T: serde::de::DeserializeOwned>(&self) -> Result<T, String> {
        from_fields(&self.op, &self.fields)
    }
}

/// Stands for the key in an operand's message until [`Fields`] knows which key it was.
const KEY: &str = "\u{1}";

/// Reads `fields` (the request minus `"op"`) into `T`; `null` counts as absent.
pub(crate) fn from_fields<T: DeserializeOwned>(
    op: &str,
    fields: &Map<String, Value>,
) -> Result<T, String> {
    let entries = fields.iter().filter(|(_, v)| !v.is_null());
    let entries = entries.map(|(k, v)| (k.clone(), v.clone())).collect::<Vec<_>>().into_iter();
    T::deserialize(Fields { entries, current: None }).map_err(|fault| match fault {
        Fault::Missing(key) => format!("missing {key:?} for op {op:?}"),
        Fault::Unknown(key, keys) => {
            format!("op {op:?} has no key {key:?}; it takes: op, {}", keys.join(", "))
        }
        Fault::Operand(message) => message,
        Fault::Serde(key, message) => format!("{key:?} for op {op:?}: {message}"),
    })
}

/// Why a request does not fit its op's struct.
#[derive(Debug)]
pub(crate) enum Fault {
    Missing(&'static str),
    Unknown(String, &'static [&'static str]),
    Operand(String),
    /// Serde's own message about the value of a key.
    Serde(String, String),
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Missing(key) => write!(f, "missing {key:?}"),
            Fault::Unknown(key, _) => write!(f, "no key {key:?}"),
            Fault::Operand(message) => f.write_str(message),
            Fault::Serde(key, message) => write!(f, "{key:?}: {message}"),
        }
    }
}

impl std::error::Error for Fault {}

impl de::Error for Fault {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Fault::Operand(message.to_string())
    }

    fn missing_field(key: &'static str) -> Self {
        Fault::Missing(key)
    }

    fn unknown_field(key: &str, keys: &'static [&'static str]) -> Self {
        Fault::Unknown(key.to_owned(), keys)
    }
}

/// The request's keys and values, handed to a derived struct as a map.
struct Fields {
    entries: std::vec::IntoIter<(String, Value)>,
    /// The key just read and its value, until the value is read.
    current: Option<(String, Value)>,
}

impl<'de> Deserializer<'de> for Fields {
    type Error = Fault;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        visitor.visit_map(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Fault;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Fault> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        let name = seed.deserialize(key.as_str().into_deserializer())?;
        self.current = Some((key, value));
        Ok(Some(name))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fault> {
        let (key, value) = self.current.take().ok_or_else(|| de::Error::custom("no value"))?;
        let placeholder = KEY.escape_debug().to_string();
        seed.deserialize(Operand(value)).map_err(|fault| match fault {
            Fault::Operand(message) if message.contains(&placeholder) => {
                Fault::Operand(message.replace(&placeholder, &key))
            }
            // Serde's own messages (e.g. a token that is not an integer) do not name the key.
            Fault::Operand(message) => Fault::Serde(key, message),
            other => other,
        })
    }
}

/// One operand's JSON value, read with [`Fault`] errors.
struct Operand(Value);

impl<'de> Deserializer<'de> for Operand {
    type Error = Fault;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        self.0.deserialize_any(visitor).map_err(de::Error::custom)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Fault> {
        visitor.visit_some(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// Reads a JSON value and checks it with `check`, whose messages name the key [`KEY`].
fn checked<'de, D: Deserializer<'de>, T>(
    d: D,
    check: impl FnOnce(&Value, &str) -> Result<T, String>,
) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    check(&value, KEY).map_err(de::Error::custom)
}

/// A finite number.
pub(crate) struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, number).map(Number)
    }
}

/// A non-negative whole number that fits in `usize`.
pub(crate) struct Count(pub usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, count).map(Count)
    }
}

/// An array of finite numbers.
pub(crate) struct Vector(pub Vec<f64>);

impl<'de> Deserialize<'de> for Vector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, vector).map(Vector)
    }
}

/// A non-empty rectangular matrix of finite numbers, row-major nested arrays.
pub(crate) struct Matrix(pub DMatrix<f64>);

impl<'de> Deserialize<'de> for Matrix {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, matrix).map(Matrix)
    }
}

/// A string.
pub(crate) struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, |v, what| {
            v.as_str().map(str::to_owned).ok_or_else(|| format!("{what:?} must be a string"))
        })
        .map(Text)
    }
}

/// `true` or `false`.
pub(crate) struct Flag(pub bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, |v, what| v.as_bool().ok_or_else(|| format!("{what:?} must be true or false")))
            .map(Flag)
    }
}

/// An array of JSON values, each checked by the op.
pub(crate) struct Items(pub Vec<Value>);

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        checked(d, |v, what| {
            v.as_array().cloned().ok_or_else(|| format!("{what:?} must be an array"))
        })
        .map(Items)
    }
}
