//! Temporal values: `time` with offset, `datetime` with offset and zone, and
//! `duration`. `date`, `localtime` and `localdatetime` are chrono's naive
//! types directly.
//!
//! Formatting follows the openCypher TCK's ISO 8601 notation
//! (`12:31:14.645876123+01:00`, `P1Y2M10DT12H45M30.25S`).

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// A time of day with a UTC offset (`time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TimeTz {
    /// Local time of day.
    pub time: NaiveTime,
    /// Offset east of UTC in seconds.
    pub offset: i32,
}

impl TimeTz {
    /// Compares the instants (times normalised to UTC).
    pub fn cmp_instant(&self, other: &TimeTz) -> Ordering {
        let a = self.time.num_seconds_from_midnight() as i64 - self.offset as i64;
        let b = other.time.num_seconds_from_midnight() as i64 - other.offset as i64;
        a.cmp(&b)
            .then_with(|| self.time.nanosecond().cmp(&other.time.nanosecond()))
    }
}

impl fmt::Display for TimeTz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", format_time(&self.time), format_offset(self.offset))
    }
}

/// A date and time with a UTC offset and optionally a named zone (`datetime`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateTimeTz {
    /// Local date and time (wall clock at `offset`).
    pub local: NaiveDateTime,
    /// Offset east of UTC in seconds.
    pub offset: i32,
    /// IANA zone name, if the value was given one.
    pub zone: Option<Arc<str>>,
}

impl DateTimeTz {
    /// The instant in UTC.
    pub fn utc(&self) -> NaiveDateTime {
        self.local - chrono::Duration::seconds(self.offset as i64)
    }

    /// Compares the instants.
    pub fn cmp_instant(&self, other: &DateTimeTz) -> Ordering {
        self.utc().cmp(&other.utc())
    }
}

impl fmt::Display for DateTimeTz {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            format_local_datetime(&self.local),
            format_offset(self.offset)
        )?;
        if let Some(z) = &self.zone {
            write!(f, "[{z}]")?;
        }
        Ok(())
    }
}

/// A duration: months, days, seconds and nanoseconds kept apart, as
/// openCypher specifies (a month is not a fixed number of days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Duration {
    /// Months (years × 12 + months).
    pub months: i64,
    /// Days (weeks × 7 + days).
    pub days: i64,
    /// Seconds (hours, minutes, seconds).
    pub seconds: i64,
    /// Nanoseconds, `0..1_000_000_000` (sign carried by `seconds`).
    pub nanos: i32,
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::from("P");
        let (y, m) = (self.months / 12, self.months % 12);
        if y != 0 {
            s.push_str(&format!("{y}Y"));
        }
        if m != 0 {
            s.push_str(&format!("{m}M"));
        }
        if self.days != 0 {
            s.push_str(&format!("{}D", self.days));
        }
        // total nanoseconds of the time part, signed
        let total = self.seconds as i128 * 1_000_000_000 + self.nanos as i128;
        if total != 0 {
            s.push('T');
            let neg = total < 0;
            let abs = total.unsigned_abs();
            let secs = (abs / 1_000_000_000) as u64;
            let nanos = (abs % 1_000_000_000) as u64;
            let (h, mi, se) = (secs / 3600, (secs % 3600) / 60, secs % 60);
            let sign = if neg { "-" } else { "" };
            if h != 0 {
                s.push_str(&format!("{sign}{h}H"));
            }
            if mi != 0 {
                s.push_str(&format!("{sign}{mi}M"));
            }
            if se != 0 || nanos != 0 {
                if nanos != 0 {
                    let frac = format!("{nanos:09}");
                    s.push_str(&format!("{sign}{se}.{}S", frac.trim_end_matches('0')));
                } else {
                    s.push_str(&format!("{sign}{se}S"));
                }
            }
        }
        if s == "P" {
            s.push_str("T0S");
        }
        f.write_str(&s)
    }
}

/// `HH:MM` / `HH:MM:SS` / `HH:MM:SS.fffffffff` (fraction trimmed).
pub fn format_time(t: &NaiveTime) -> String {
    let mut s = format!("{:02}:{:02}", t.hour(), t.minute());
    let (sec, nanos) = (t.second(), t.nanosecond());
    if sec != 0 || nanos != 0 {
        s.push_str(&format!(":{sec:02}"));
        if nanos != 0 {
            let frac = format!("{nanos:09}");
            s.push('.');
            s.push_str(frac.trim_end_matches('0'));
        }
    }
    s
}

/// `YYYY-MM-DDTHH:MM[:SS[.f]]`.
pub fn format_local_datetime(t: &NaiveDateTime) -> String {
    format!("{}T{}", format_date(&t.date()), format_time(&t.time()))
}

/// `YYYY-MM-DD`, with a sign and at least four year digits outside 0..=9999.
pub fn format_date(d: &chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let y = d.year();
    if (0..=9999).contains(&y) {
        format!("{:04}-{:02}-{:02}", y, d.month(), d.day())
    } else {
        format!("{:+05}-{:02}-{:02}", y, d.month(), d.day())
    }
}

/// `Z` for zero, else `+HH:MM` (with `:SS` when needed).
pub fn format_offset(offset: i32) -> String {
    if offset == 0 {
        return "Z".to_string();
    }
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.unsigned_abs();
    let (h, m, s) = (a / 3600, (a % 3600) / 60, a % 60);
    if s != 0 {
        format!("{sign}{h:02}:{m:02}:{s:02}")
    } else {
        format!("{sign}{h:02}:{m:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_formats() {
        let d = Duration {
            months: 14,
            days: 10,
            seconds: 12 * 3600 + 45 * 60 + 30,
            nanos: 250_000_000,
        };
        assert_eq!(d.to_string(), "P1Y2M10DT12H45M30.25S");
        assert_eq!(Duration::default().to_string(), "PT0S");
    }

    #[test]
    fn offsets_format() {
        assert_eq!(format_offset(0), "Z");
        assert_eq!(format_offset(3600), "+01:00");
        assert_eq!(format_offset(-5400), "-01:30");
    }
}
