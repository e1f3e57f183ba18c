//! Query parameters: [`Params`] and the [`params!`](crate::params!) macro.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::result::Value;

/// Named query parameters (`$name` in the query), built from any
/// `serde::Serialize` values: `&str`, `String`, integers of every width,
/// floats, `bool`, `Option<T>`, `Vec<T>`, `HashMap`/`BTreeMap<String, T>`,
/// your own `#[derive(Serialize)]` structs (they become maps), and
/// [`Value`]s (passed unchanged).
///
/// A value that cannot be converted (a `u64` above `i64::MAX`, a map with
/// non-string keys) does not panic: the error is kept and returned by the
/// query that uses these parameters.
///
/// ```
/// use plenary::{Database, Params};
/// let db = Database::bundled().unwrap();
/// let params = Params::new().set("code", "RU").set("limit", 5u8);
/// let r = db
///     .query_with("MATCH (c:Country {code: $code}) RETURN c.name AS name LIMIT $limit", &params)
///     .unwrap();
/// assert_eq!(r.rows[0][0], "Russia".into());
///
/// let bad = Params::new().set("n", u64::MAX);
/// assert!(db.query_with("RETURN $n", bad).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Params {
    values: BTreeMap<String, Value>,
    error: Option<Error>,
}

impl Params {
    /// No parameters.
    ///
    /// ```
    /// assert!(plenary::Params::new().is_empty());
    /// ```
    pub fn new() -> Params {
        Params::default()
    }

    /// Adds (or replaces) parameter `name`, builder style.
    ///
    /// ```
    /// let p = plenary::Params::new().set("xs", vec![1, 2]).set("flag", true);
    /// assert_eq!(p.get("xs").unwrap().to_string(), "[1, 2]");
    /// ```
    pub fn set<T: Serialize>(mut self, name: impl Into<String>, value: T) -> Params {
        self.insert(name, value);
        self
    }

    /// Adds (or replaces) parameter `name`.
    ///
    /// ```
    /// let mut p = plenary::Params::new();
    /// p.insert("when", chrono::NaiveDate::from_ymd_opt(2012, 2, 16).unwrap());
    /// assert_eq!(p.len(), 1);
    /// ```
    pub fn insert<T: Serialize>(&mut self, name: impl Into<String>, value: T) -> &mut Params {
        let name = name.into();
        match crate::ser::to_value(&value) {
            Ok(v) => {
                self.values.insert(name, v);
            }
            Err(e) => {
                if self.error.is_none() {
                    self.error = Some(crate::de::conversion_error(format!(
                        "parameter `${name}`: {}",
                        e.message()
                    )));
                }
            }
        }
        self
    }

    /// A parameter's value.
    ///
    /// ```
    /// let p = plenary::params! {"x" => 1};
    /// assert_eq!(p.get("x"), Some(&plenary::Value::Int(1)));
    /// ```
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The number of parameters.
    ///
    /// ```
    /// assert_eq!(plenary::params! {"a" => 1, "b" => 2}.len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// assert!(plenary::params! {}.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The parameters by name, in name order.
    ///
    /// ```
    /// let p = plenary::params! {"b" => 2, "a" => 1};
    /// let names: Vec<&str> = p.iter().map(|(k, _)| k).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The values, or the first conversion error.
    pub(crate) fn checked(&self) -> Result<&BTreeMap<String, Value>> {
        match &self.error {
            Some(e) => Err(e.clone()),
            None => Ok(&self.values),
        }
    }
}

/// A map of the parameters (an error if one of them could not be converted).
impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match &self.error {
            Some(e) => Err(serde::ser::Error::custom(e.message())),
            None => s.collect_map(&self.values),
        }
    }
}

impl From<BTreeMap<String, Value>> for Params {
    fn from(values: BTreeMap<String, Value>) -> Params {
        Params {
            values,
            error: None,
        }
    }
}

impl<S> From<HashMap<String, Value, S>> for Params {
    fn from(values: HashMap<String, Value, S>) -> Params {
        Params {
            values: values.into_iter().collect(),
            error: None,
        }
    }
}

impl<K: Into<String>, T: Serialize> FromIterator<(K, T)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, T)>>(iter: I) -> Params {
        let mut p = Params::new();
        for (k, v) in iter {
            p.insert(k, v);
        }
        p
    }
}

/// Builds [`Params`]: `params! {"name" => value, ...}`. Values may be of
/// any `serde::Serialize` type, including [`Value`](crate::Value).
///
/// ```
/// use plenary::{Database, params};
/// let db = Database::bundled().unwrap();
/// let r = db
///     .query_with("MATCH (c:Country {code: $code}) RETURN c.name AS name", params! {"code" => "RU"})
///     .unwrap();
/// assert_eq!(r.rows[0][0], plenary::Value::from("Russia"));
/// ```
#[macro_export]
macro_rules! params {
    () => { $crate::Params::new() };
    ($($name:expr => $value:expr),+ $(,)?) => {{
        let mut p = $crate::Params::new();
        $( p.insert($name, $value); )+
        p
    }};
}
