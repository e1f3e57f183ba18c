//! Reading rows: [`Row`] (typed access by column name or index) and the
//! [`Rows`] iterator of a [`QueryResult`](crate::QueryResult).

use serde::Deserialize;

use crate::de::{RowDe, ValueDe, conversion_error, short};
use crate::error::{Error, Result};
use crate::result::Value;

/// One row of a [`QueryResult`](crate::QueryResult), borrowed from it.
///
/// ```
/// let db = plenary::Database::bundled().unwrap();
/// let r = db.query("MATCH (c:Country {code: 'RU'}) RETURN c.name AS name, c.code AS code").unwrap();
/// let row = r.row(0).unwrap();
/// let name: String = row.get("name").unwrap();
/// let code: &str = row.get(1).unwrap();
/// assert_eq!((name.as_str(), code), ("Russia", "RU"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row<'a> {
    columns: &'a [String],
    values: &'a [Value],
}

/// Something that picks a column: its index (`usize`) or its name (`&str`).
///
/// ```
/// use plenary::ColumnIndex;
/// let columns = vec!["a".to_string(), "b".to_string()];
/// assert_eq!("b".column_index(&columns).unwrap(), 1);
/// assert!(2.column_index(&columns).is_err());
/// ```
pub trait ColumnIndex: std::fmt::Debug {
    /// The column's index among `columns`, or an error naming the columns
    /// there are.
    fn column_index(&self, columns: &[String]) -> Result<usize>;
}

fn no_column(what: String, columns: &[String]) -> Error {
    Error::runtime(
        "NoSuchColumn",
        format!(
            "there is no column {what}; the columns are: {}",
            if columns.is_empty() {
                "(none)".to_string()
            } else {
                columns.join(", ")
            }
        ),
    )
}

impl ColumnIndex for usize {
    fn column_index(&self, columns: &[String]) -> Result<usize> {
        if *self < columns.len() {
            Ok(*self)
        } else {
            Err(no_column(format!("{self}"), columns))
        }
    }
}

impl ColumnIndex for &str {
    fn column_index(&self, columns: &[String]) -> Result<usize> {
        columns
            .iter()
            .position(|c| c == self)
            .ok_or_else(|| no_column(format!("`{self}`"), columns))
    }
}

impl ColumnIndex for String {
    fn column_index(&self, columns: &[String]) -> Result<usize> {
        self.as_str().column_index(columns)
    }
}

impl ColumnIndex for &String {
    fn column_index(&self, columns: &[String]) -> Result<usize> {
        self.as_str().column_index(columns)
    }
}

/// A Rust type name without module paths: `Option<String>`, not
/// `core::option::Option<alloc::string::String>`.
pub(crate) fn short_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::new();
    let mut word = String::new();
    for c in full.chars().chain(std::iter::once('\0')) {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            word.push(c);
        } else {
            out.push_str(word.rsplit("::").next().unwrap_or(&word));
            word.clear();
            if c != '\0' {
                out.push(c);
            }
        }
    }
    out
}

impl<'a> Row<'a> {
    pub(crate) fn new(columns: &'a [String], values: &'a [Value]) -> Row<'a> {
        Row { columns, values }
    }

    /// The column names.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 1 AS a").unwrap();
    /// assert_eq!(r.row(0).unwrap().columns(), ["a"]);
    /// ```
    pub fn columns(&self) -> &'a [String] {
        self.columns
    }

    /// The values, one per column.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 1 AS a").unwrap();
    /// assert_eq!(r.row(0).unwrap().values(), [plenary::Value::Int(1)]);
    /// ```
    pub fn values(&self) -> &'a [Value] {
        self.values
    }

    /// The number of columns.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert_eq!(db.query("RETURN 1 AS a, 2 AS b").unwrap().row(0).unwrap().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the row has no columns.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// assert!(!db.query("RETURN 1 AS a").unwrap().row(0).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The raw value of a column (by index or name).
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN [1, 2] AS xs").unwrap();
    /// assert_eq!(r.row(0).unwrap().value("xs").unwrap().to_string(), "[1, 2]");
    /// assert!(r.row(0).unwrap().value("ys").is_err());
    /// ```
    pub fn value<I: ColumnIndex>(&self, column: I) -> Result<&'a Value> {
        Ok(&self.values[column.column_index(self.columns)?])
    }

    /// A column's value converted to `T` (any `serde::Deserialize` type:
    /// numbers of any width, `String` or borrowed `&str`, `bool`,
    /// `Option<T>` for nullable columns, `Vec<T>`, maps, [`Value`],
    /// [`Node`](crate::Node), a struct of a node's properties, …).
    ///
    /// A conversion that does not fit is an error (`TypeError`) whose
    /// message names the column, the wanted type and the actual value.
    ///
    /// ```
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 300 AS n, null AS missing, 'x' AS s").unwrap();
    /// let row = r.row(0).unwrap();
    /// assert_eq!(row.get::<i64, _>("n").unwrap(), 300);
    /// assert_eq!(row.get::<Option<i64>, _>("missing").unwrap(), None);
    /// let e = row.get::<u8, _>("n").unwrap_err();
    /// assert_eq!(e.kind(), plenary::ErrorKind::TypeError);
    /// assert!(e.message().starts_with("cannot read column `n` (Integer 300) as u8"), "{e}");
    /// ```
    pub fn get<T: Deserialize<'a>, I: ColumnIndex>(&self, column: I) -> Result<T> {
        let i = column.column_index(self.columns)?;
        let v = &self.values[i];
        T::deserialize(ValueDe(std::borrow::Cow::Borrowed(v))).map_err(|e| {
            conversion_error(format!(
                "cannot read column `{}` ({} {}) as {}: {}",
                self.columns[i],
                v.type_name(),
                short(&v.to_string()),
                short_type_name::<T>(),
                e.message()
            ))
        })
    }

    /// The whole row deserialized into `T`: a struct or map (columns by
    /// name), a tuple (columns in order), or, for a one-column row, the
    /// column's type.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct P { name: String, age: Option<u8> }
    /// let db = plenary::Database::in_memory().unwrap();
    /// let r = db.query("RETURN 'Ann' AS name, null AS age").unwrap();
    /// let p: P = r.row(0).unwrap().deserialize().unwrap();
    /// assert_eq!((p.name.as_str(), p.age), ("Ann", None));
    /// let (name, age): (String, Option<u8>) = r.row(0).unwrap().deserialize().unwrap();
    /// assert_eq!((name.as_str(), age), ("Ann", None));
    /// ```
    pub fn deserialize<T: Deserialize<'a>>(&self) -> Result<T> {
        T::deserialize(RowDe {
            columns: self.columns,
            values: self.values,
        })
    }
}

impl std::ops::Index<usize> for Row<'_> {
    type Output = Value;
    /// The value in column `i`; panics when out of range, like slices.
    fn index(&self, i: usize) -> &Value {
        &self.values[i]
    }
}

/// The rows of a [`QueryResult`](crate::QueryResult) as [`Row`]s.
///
/// ```
/// let db = plenary::Database::in_memory().unwrap();
/// let r = db.query("UNWIND [1, 2] AS x RETURN x").unwrap();
/// let mut sum = 0;
/// for row in &r {
///     sum += row.get::<i64, _>("x").unwrap();
/// }
/// assert_eq!(sum, 3);
/// ```
#[derive(Debug, Clone)]
pub struct Rows<'a> {
    columns: &'a [String],
    rows: std::slice::Iter<'a, Vec<Value>>,
}

impl<'a> Rows<'a> {
    pub(crate) fn new(columns: &'a [String], rows: &'a [Vec<Value>]) -> Rows<'a> {
        Rows {
            columns,
            rows: rows.iter(),
        }
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Row<'a>;
    fn next(&mut self) -> Option<Row<'a>> {
        self.rows.next().map(|r| Row::new(self.columns, r))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.rows.size_hint()
    }
}

impl ExactSizeIterator for Rows<'_> {}

impl<'a> DoubleEndedIterator for Rows<'a> {
    fn next_back(&mut self) -> Option<Row<'a>> {
        self.rows.next_back().map(|r| Row::new(self.columns, r))
    }
}
