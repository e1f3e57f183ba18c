//! Query parameters from the command line: `--param NAME=JSON` and the
//! REPL's `:param name => JSON`.

use std::collections::BTreeMap;
use std::time::Duration;

use plenary::Value;
use serde_json::Value as Json;

/// JSON → [`Value`]: objects become maps, arrays lists; integers stay
/// integers and numbers written with a `.` or an exponent become floats.
pub fn json_to_value(j: Json) -> Result<Value, String> {
    Ok(match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::Int(i)
            } else if n.is_u64() {
                return Err(format!(
                    "integer {n} is too large (the maximum is {})",
                    i64::MAX
                ));
            } else {
                Value::Float(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Json::String(s) => Value::String(s),
        Json::Array(a) => Value::List(a.into_iter().map(json_to_value).collect::<Result<_, _>>()?),
        Json::Object(o) => Value::Map(
            o.into_iter()
                .map(|(k, v)| Ok((k, json_to_value(v)?)))
                .collect::<Result<BTreeMap<_, _>, String>>()?,
        ),
    })
}

/// Parses JSON text into a [`Value`]. The bare tokens `NaN`, `Infinity` and
/// `-Infinity` (which some JSON writers emit for non-finite floats) are
/// accepted as a whole value.
pub fn parse_json_value(text: &str) -> Result<Value, String> {
    match text.trim() {
        "NaN" => return Ok(Value::Float(f64::NAN)),
        "Infinity" => return Ok(Value::Float(f64::INFINITY)),
        "-Infinity" => return Ok(Value::Float(f64::NEG_INFINITY)),
        _ => {}
    }
    let j: Json = serde_json::from_str(text).map_err(|e| format!("invalid JSON: {e}"))?;
    json_to_value(j)
}

/// Parses `NAME=JSON` (the `--param` argument).
pub fn parse_param(arg: &str) -> Result<(String, Value), String> {
    let (name, json) = arg
        .split_once('=')
        .ok_or_else(|| format!("expected NAME=JSON, got '{arg}'"))?;
    let name = name.trim().trim_start_matches('$');
    if name.is_empty() {
        return Err(format!("missing parameter name in '{arg}'"));
    }
    let value = parse_json_value(json).map_err(|e| format!("parameter '{name}': {e}"))?;
    Ok((name.to_string(), value))
}

/// A duration such as `30s`, `500ms`, `2m`, `1h` (a bare number is seconds).
#[cfg_attr(not(any(feature = "server", feature = "mcp")), allow(dead_code))]
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (try 30s, 500ms, 2m)"))?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        u => return Err(format!("unknown unit '{u}' in '{s}' (use ms, s, m or h)")),
    };
    Duration::try_from_secs_f64(secs).map_err(|_| format!("'{s}' is out of range"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_kind() {
        assert_eq!(parse_json_value("1").unwrap(), Value::Int(1));
        assert_eq!(parse_json_value("-7").unwrap(), Value::Int(-7));
        assert_eq!(parse_json_value("1.0").unwrap(), Value::Float(1.0));
        assert_eq!(parse_json_value("1e3").unwrap(), Value::Float(1000.0));
        assert!(parse_json_value("18446744073709551615").is_err());
        assert!(matches!(parse_json_value("NaN").unwrap(), Value::Float(f) if f.is_nan()));
        assert_eq!(
            parse_json_value("-Infinity").unwrap(),
            Value::Float(f64::NEG_INFINITY)
        );
    }

    #[test]
    fn nested_values() {
        let v = parse_json_value(r#"{"a": [1, "x", null, true], "b": {}}"#).unwrap();
        let mut m = BTreeMap::new();
        m.insert(
            "a".to_string(),
            Value::List(vec![
                Value::Int(1),
                Value::from("x"),
                Value::Null,
                Value::Bool(true),
            ]),
        );
        m.insert("b".to_string(), Value::Map(BTreeMap::new()));
        assert_eq!(v, Value::Map(m));
    }

    #[test]
    fn param_arguments() {
        assert_eq!(
            parse_param("x=1").unwrap(),
            ("x".to_string(), Value::Int(1))
        );
        assert_eq!(
            parse_param("s=\"a=b\"").unwrap(),
            ("s".to_string(), Value::from("a=b"))
        );
        assert_eq!(
            parse_param("$y=[]").unwrap(),
            ("y".to_string(), Value::List(vec![]))
        );
        assert!(parse_param("x").is_err());
        assert!(parse_param("=1").is_err());
        assert!(parse_param("x={").is_err());
    }
    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("3 weeks").is_err());
        assert!(parse_duration("1e400").is_err());
    }
}
