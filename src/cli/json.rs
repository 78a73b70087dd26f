//! Strict reading of a JSON request (a key given twice is refused at any depth), typed access
//! to it and building a JSON response, with error messages that name the offending key.
//! Matrices are row-major nested arrays; every number must be finite.

use nalgebra::DMatrix;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Parses one JSON value, refusing a key that appears twice in any object (serde_json would
/// keep the last silently) and anything after the value.
pub(crate) fn parse_strict(input: &[u8]) -> Result<Value, serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_slice(input);
    let Strict(value) = Strict::deserialize(&mut reader)?;
    reader.end()?;
    Ok(value)
}

/// A JSON value read with duplicate keys refused.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Strict, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_f64<E: de::Error>(self, x: f64) -> Result<Value, E> {
        Number::from_f64(x).map(Value::Number).ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if fields.contains_key(&key) {
                return Err(de::Error::custom(format!("the key {key:?} is given twice")));
            }
            let Strict(value) = map.next_value()?;
            fields.insert(key, value);
        }
        Ok(Value::Object(fields))
    }
}

/// A handler's answer: the response object, or a message for `{"error": ...}`.
pub(crate) type Response = Result<Map<String, Value>, String>;

/// A finite number.
pub(crate) fn number(v: &Value, what: &str) -> Result<f64, String> {
    let x = v.as_f64().ok_or_else(|| format!("{what:?} must be a number"))?;
    if x.is_finite() { Ok(x) } else { Err(format!("{what:?} must be finite")) }
}

/// A non-negative whole number (`3` or `3.0`), refused if it does not fit in `usize`.
pub(crate) fn count(v: &Value, what: &str) -> Result<usize, String> {
    if let Some(n) = v.as_u64() {
        return usize::try_from(n).map_err(|_| format!("{what:?} is too large"));
    }
    match v.as_f64() {
        Some(x) if x < 0.0 => Err(format!("{what:?} must not be negative")),
        // Below 2^53 every whole f64 is exact, so the conversion loses nothing.
        Some(x) if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 => Ok(x as usize),
        Some(x) if x.fract() == 0.0 => Err(format!("{what:?} is too large")),
        _ => Err(format!("{what:?} must be a whole number")),
    }
}

/// An array of finite numbers (possibly empty: callers decide whether that is allowed).
pub(crate) fn vector(v: &Value, what: &str) -> Result<Vec<f64>, String> {
    let items = v.as_array().ok_or_else(|| format!("{what:?} must be an array of numbers"))?;
    items.iter().enumerate().map(|(i, x)| number(x, &format!("{what}[{i}]"))).collect()
}

/// A non-empty rectangular matrix from row-major nested arrays of finite numbers.
pub(crate) fn matrix(v: &Value, what: &str) -> Result<DMatrix<f64>, String> {
    let rows = v
        .as_array()
        .ok_or_else(|| format!("{what:?} must be a matrix: an array of rows of numbers"))?;
    if rows.is_empty() {
        return Err(format!("{what:?} must have at least one row"));
    }
    let rows: Vec<Vec<f64>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if !r.is_array() {
                return Err(format!("{what:?} must be a matrix: row {i} is not an array"));
            }
            vector(r, &format!("{what}[{i}]"))
        })
        .collect::<Result<_, _>>()?;
    let cols = rows[0].len();
    if cols == 0 {
        return Err(format!("{what:?} must have at least one column"));
    }
    if let Some(i) = rows.iter().position(|r| r.len() != cols) {
        return Err(format!(
            "{what:?} is not rectangular: row 0 has {cols} entries, row {i} has {}",
            rows[i].len()
        ));
    }
    Ok(DMatrix::from_fn(rows.len(), cols, |i, j| rows[i][j]))
}

fn finite(x: f64, what: &str) -> Result<Value, String> {
    if x.is_finite() {
        Ok(Value::from(x))
    } else {
        Err(format!("the result {what:?} overflowed to a non-finite value"))
    }
}

/// Writes a vector of results, refusing non-finite entries (JSON cannot carry them).
pub(crate) fn put_vector(
    out: &mut Map<String, Value>,
    key: &str,
    xs: &[f64],
) -> Result<(), String> {
    let items = xs.iter().map(|&x| finite(x, key)).collect::<Result<Vec<_>, _>>()?;
    out.insert(key.to_owned(), Value::Array(items));
    Ok(())
}

/// Writes a matrix of results as row-major nested arrays, refusing non-finite entries.
pub(crate) fn put_matrix(
    out: &mut Map<String, Value>,
    key: &str,
    m: &DMatrix<f64>,
) -> Result<(), String> {
    let rows = (0..m.nrows())
        .map(|i| {
            let row =
                (0..m.ncols()).map(|j| finite(m[(i, j)], key)).collect::<Result<Vec<_>, _>>()?;
            Ok(Value::Array(row))
        })
        .collect::<Result<Vec<_>, String>>()?;
    out.insert(key.to_owned(), Value::Array(rows));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn duplicate_keys_are_refused_at_any_depth() {
        let ok = parse_strict(br#"{"a": {"b": [1, {"c": 2}]}, "d": null}"#).unwrap();
        assert_eq!(ok, json!({"a": {"b": [1, {"c": 2}]}, "d": null}));
        for (bad, key) in [
            (&br#"{"op": "hippo", "op": "expm"}"#[..], "\"op\""),
            (br#"{"w": {"x": 1, "y": 2, "x": 3}}"#, "\"x\""),
            (br#"[[{"k": 1, "k": 1}]]"#, "\"k\""),
        ] {
            let message = parse_strict(bad).unwrap_err().to_string();
            assert!(message.contains(key) && message.contains("twice"), "{message}");
        }
        assert!(parse_strict(b"{} {}").is_err(), "trailing text");
        assert!(parse_strict(b"[1e400]").is_err(), "out of range");
    }

    #[test]
    fn matrix_is_row_major_and_checked() {
        let m = matrix(&json!([[1, 2, 3], [4, 5, 6]]), "M").unwrap();
        assert_eq!((m.nrows(), m.ncols()), (2, 3));
        assert_eq!(m[(1, 0)], 4.0);
        for bad in [json!([]), json!([[]]), json!([[1], [2, 3]]), json!([1, 2]), json!([["x"]])] {
            assert!(matrix(&bad, "M").is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn count_refuses_fractions_and_negatives() {
        assert_eq!(count(&json!(7), "n"), Ok(7));
        assert_eq!(count(&json!(7.0), "n"), Ok(7));
        for bad in [json!(-1), json!(2.5), json!("3"), json!(1e300)] {
            assert!(count(&bad, "n").is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn results_must_be_finite() {
        let mut out = Map::new();
        assert!(put_vector(&mut out, "y", &[1.0, f64::NAN]).is_err());
        assert!(put_vector(&mut out, "y", &[1.0, 2.0]).is_ok());
        assert_eq!(out["y"], json!([1.0, 2.0]));
    }
}
