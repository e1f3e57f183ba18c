//! Temporal values: `time` with offset, `datetime` with offset and zone, and
//! `duration`. `date`, `localtime` and `localdatetime` are chrono's naive
//! types directly.
//!
//! Formatting follows the openCypher TCK's ISO 8601 notation
//! (`12:31:14.645876123+01:00`, `P1Y2M10DT12H45M30.25S`).

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Weekday};
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
        write!(
            f,
            "{}{}",
            format_time(&self.time),
            format_offset(self.offset)
        )
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
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

// ---------------------------------------------------------------------------
// Duration construction and arithmetic
// ---------------------------------------------------------------------------

/// Nanoseconds in a second.
pub const NANOS_PER_SECOND: i128 = 1_000_000_000;
/// Nanoseconds in a (civil, 24-hour) day.
pub const NANOS_PER_DAY: i128 = 86_400 * NANOS_PER_SECOND;
/// The average month in seconds (365.2425 days / 12), used to spill
/// fractional months into days and seconds, as Neo4j does.
pub const SECONDS_PER_MONTH: i64 = 2_629_746;

/// A number given for a duration component: integers stay exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// An integer amount.
    Int(i64),
    /// A fractional amount; the fraction spills into smaller units.
    Float(f64),
}

/// Rounds a float count of nanoseconds: to the nearest integer when float
/// noise is all that separates it from one, else truncated (Neo4j drops
/// sub-nanosecond remainders).
fn round_nanos(x: f64) -> Option<i128> {
    if !x.is_finite() || x.abs() > 1e36 {
        return None;
    }
    let r = x.round();
    Some(if (x - r).abs() < 1e-3 {
        r as i128
    } else {
        x.trunc() as i128
    })
}

/// Accumulates duration components (years, weeks, hours, …), spilling the
/// fractions of months into days and seconds and of days into seconds.
#[derive(Debug, Clone, Copy, Default)]
pub struct DurationAcc {
    months: i128,
    days: i128,
    nanos: i128,
}

impl DurationAcc {
    /// Adds `n` months (`Float` fractions spill into days and seconds).
    pub fn months(&mut self, n: Num) -> Option<&mut Self> {
        match n {
            Num::Int(i) => self.months += i as i128,
            Num::Float(x) => {
                if !x.is_finite() {
                    return None;
                }
                let whole = x.trunc();
                self.months += whole as i128;
                let ns = round_nanos((x - whole) * SECONDS_PER_MONTH as f64 * 1e9)?;
                self.days += ns / NANOS_PER_DAY;
                self.nanos += ns % NANOS_PER_DAY;
            }
        }
        Some(self)
    }

    /// Adds `n` days (`Float` fractions spill into seconds).
    pub fn days(&mut self, n: Num) -> Option<&mut Self> {
        match n {
            Num::Int(i) => self.days += i as i128,
            Num::Float(x) => {
                if !x.is_finite() {
                    return None;
                }
                let whole = x.trunc();
                self.days += whole as i128;
                self.nanos += round_nanos((x - whole) * NANOS_PER_DAY as f64)?;
            }
        }
        Some(self)
    }

    /// Adds `n` units of `unit_nanos` nanoseconds each.
    pub fn nanos(&mut self, n: Num, unit_nanos: i128) -> Option<&mut Self> {
        match n {
            Num::Int(i) => self.nanos += (i as i128).checked_mul(unit_nanos)?,
            Num::Float(x) => {
                let whole = x.trunc();
                if !whole.is_finite() || whole.abs() > 1e20 {
                    return None;
                }
                self.nanos += (whole as i128).checked_mul(unit_nanos)?;
                self.nanos += round_nanos((x - whole) * unit_nanos as f64)?;
            }
        }
        Some(self)
    }

    /// The duration, or `None` if a component overflows `i64`.
    pub fn finish(&self) -> Option<Duration> {
        Duration::from_parts(
            i64::try_from(self.months).ok()?,
            i64::try_from(self.days).ok()?,
            self.nanos,
        )
    }
}

impl Duration {
    /// A normalised duration from months, days and a signed nanosecond count.
    pub fn from_parts(months: i64, days: i64, nanos: i128) -> Option<Duration> {
        let seconds = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
        let nanos = nanos.rem_euclid(NANOS_PER_SECOND) as i32;
        Some(Duration {
            months,
            days,
            seconds,
            nanos,
        })
    }

    /// The time part (seconds and nanoseconds) as signed nanoseconds.
    pub fn time_nanos(&self) -> i128 {
        self.seconds as i128 * NANOS_PER_SECOND + self.nanos as i128
    }

    /// `self + other`, component-wise; `None` on overflow.
    pub fn checked_add(&self, o: &Duration) -> Option<Duration> {
        Duration::from_parts(
            self.months.checked_add(o.months)?,
            self.days.checked_add(o.days)?,
            self.time_nanos() + o.time_nanos(),
        )
    }

    /// `self - other`, component-wise; `None` on overflow.
    pub fn checked_sub(&self, o: &Duration) -> Option<Duration> {
        self.checked_add(&o.checked_neg()?)
    }

    /// `-self`; `None` on overflow.
    pub fn checked_neg(&self) -> Option<Duration> {
        Duration::from_parts(
            self.months.checked_neg()?,
            self.days.checked_neg()?,
            -self.time_nanos(),
        )
    }

    /// `self * n` for an integer `n`, exactly.
    pub fn checked_mul_int(&self, n: i64) -> Option<Duration> {
        Duration::from_parts(
            self.months.checked_mul(n)?,
            self.days.checked_mul(n)?,
            self.time_nanos().checked_mul(n as i128)?,
        )
    }

    /// `self * f`; fractions of months and days spill into smaller units.
    pub fn mul_f64(&self, f: f64) -> Option<Duration> {
        let mut acc = DurationAcc::default();
        acc.months(Num::Float(self.months as f64 * f))?;
        acc.days(Num::Float(self.days as f64 * f))?;
        acc.nanos(Num::Float(self.time_nanos() as f64 * f), 1)?;
        acc.finish()
    }

    /// `self / f`; fractions of months and days spill into smaller units.
    pub fn div_f64(&self, f: f64) -> Option<Duration> {
        if f == 0.0 {
            return None;
        }
        let mut acc = DurationAcc::default();
        acc.months(Num::Float(self.months as f64 / f))?;
        acc.days(Num::Float(self.days as f64 / f))?;
        acc.nanos(Num::Float(self.time_nanos() as f64 / f), 1)?;
        acc.finish()
    }
}

// ---------------------------------------------------------------------------
// Temporal ± duration
// ---------------------------------------------------------------------------

/// `d` plus `months` months, clamping to the end of the month
/// (2012-01-31 + 1 month = 2012-02-29).
pub fn add_months(d: NaiveDate, months: i64) -> Option<NaiveDate> {
    let m = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months >= 0 {
        d.checked_add_months(m)
    } else {
        d.checked_sub_months(m)
    }
}

fn delta_from_nanos(nanos: i128) -> Option<TimeDelta> {
    let secs = i64::try_from(nanos.div_euclid(NANOS_PER_SECOND)).ok()?;
    TimeDelta::new(secs, nanos.rem_euclid(NANOS_PER_SECOND) as u32)
}

/// `date + duration`: months first, then days; the time part counts only in
/// whole days (truncated toward zero).
pub fn date_plus(d: NaiveDate, dur: &Duration) -> Option<NaiveDate> {
    let d = add_months(d, dur.months)?;
    let extra = i64::try_from(dur.time_nanos() / NANOS_PER_DAY).ok()?;
    d.checked_add_signed(TimeDelta::try_days(dur.days.checked_add(extra)?)?)
}

/// `localtime + duration`: only the time part counts, wrapping at midnight.
pub fn time_plus(t: NaiveTime, dur: &Duration) -> NaiveTime {
    let n = (nanos_of_day(&t) + dur.time_nanos()).rem_euclid(NANOS_PER_DAY);
    time_from_nanos(n)
}

/// `localdatetime + duration`: months, then days, then the time part.
pub fn local_datetime_plus(dt: NaiveDateTime, dur: &Duration) -> Option<NaiveDateTime> {
    let date = add_months(dt.date(), dur.months)?;
    let dt = date.and_time(dt.time());
    let dt = dt.checked_add_signed(TimeDelta::try_days(dur.days)?)?;
    dt.checked_add_signed(delta_from_nanos(dur.time_nanos())?)
}

/// Nanoseconds since midnight.
pub fn nanos_of_day(t: &NaiveTime) -> i128 {
    t.num_seconds_from_midnight() as i128 * NANOS_PER_SECOND + t.nanosecond() as i128
}

/// The time `n` nanoseconds after midnight (`n` in `0..NANOS_PER_DAY`).
pub fn time_from_nanos(n: i128) -> NaiveTime {
    let n = n.rem_euclid(NANOS_PER_DAY);
    NaiveTime::from_num_seconds_from_midnight_opt(
        (n / NANOS_PER_SECOND) as u32,
        (n % NANOS_PER_SECOND) as u32,
    )
    .unwrap_or(NaiveTime::MIN)
}

// ---------------------------------------------------------------------------
// duration.between
// ---------------------------------------------------------------------------

/// The parts of a temporal value `duration.between` looks at.
#[derive(Debug, Clone, Copy)]
pub struct TemporalParts {
    /// The date, if the value has one.
    pub date: Option<NaiveDate>,
    /// The time of day, if the value has one.
    pub time: Option<NaiveTime>,
    /// The UTC offset, if the value has one.
    pub offset: Option<i32>,
}

/// `start.until(end)` in whole months, Java-style: the end date is pulled
/// one day toward the start when its time of day has not yet been reached.
fn months_until(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let end = adjusted_end(a, b);
    let pm = |d: NaiveDate| (d.year() as i64 * 12 + d.month0() as i64) * 32 + d.day() as i64;
    (pm(end) - pm(a.date())) / 32
}

fn adjusted_end(a: NaiveDateTime, b: NaiveDateTime) -> NaiveDate {
    let mut end = b.date();
    if end > a.date() && b.time() < a.time() {
        end = end.pred_opt().unwrap_or(end);
    } else if end < a.date() && b.time() > a.time() {
        end = end.succ_opt().unwrap_or(end);
    }
    end
}

fn days_until(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    (adjusted_end(a, b) - a.date()).num_days()
}

/// Which part of the difference `duration.between` and friends report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BetweenUnit {
    /// Months, days and seconds (`duration.between`).
    All,
    /// Whole months only (`duration.inMonths`).
    Months,
    /// Whole days only (`duration.inDays`).
    Days,
    /// Seconds only (`duration.inSeconds`).
    Seconds,
}

/// The duration from `a` to `b`, openCypher's `duration.between` family.
/// When both have an offset, `b` is first moved to `a`'s offset; a date
/// without a time counts as midnight; if either has no date only the times
/// of day are compared.
pub fn between(a: &TemporalParts, b: &TemporalParts, unit: BetweenUnit) -> Option<Duration> {
    let (mut b_date, mut b_time) = (b.date, b.time);
    if let (Some(oa), Some(ob)) = (a.offset, b.offset) {
        let shift = TimeDelta::seconds((oa - ob) as i64);
        match (b_date, b_time) {
            (Some(d), t) => {
                let dt = d.and_time(t.unwrap_or(NaiveTime::MIN)) + shift;
                b_date = Some(dt.date());
                b_time = Some(dt.time());
            }
            (None, Some(t)) => b_time = Some(t.overflowing_add_signed(shift).0),
            (None, None) => {}
        }
    }
    let ta = a.time.unwrap_or(NaiveTime::MIN);
    let tb = b_time.unwrap_or(NaiveTime::MIN);
    match (a.date, b_date) {
        (Some(da), Some(db)) => {
            let x = da.and_time(ta);
            let y = db.and_time(tb);
            match unit {
                BetweenUnit::All => {
                    let months = months_until(x, y);
                    let x2 = add_months(x.date(), months)?.and_time(x.time());
                    let days = days_until(x2, y);
                    let x3 = x2 + TimeDelta::try_days(days)?;
                    let nanos = (y - x3).num_nanoseconds()? as i128;
                    Duration::from_parts(months, days, nanos)
                }
                BetweenUnit::Months => Duration::from_parts(months_until(x, y), 0, 0),
                BetweenUnit::Days => Duration::from_parts(0, days_until(x, y), 0),
                BetweenUnit::Seconds => {
                    let d = y - x;
                    let nanos =
                        d.num_seconds() as i128 * NANOS_PER_SECOND + d.subsec_nanos() as i128;
                    Duration::from_parts(0, 0, nanos)
                }
            }
        }
        _ => match unit {
            BetweenUnit::Months | BetweenUnit::Days => Some(Duration::default()),
            _ => Duration::from_parts(0, 0, nanos_of_day(&tb) - nanos_of_day(&ta)),
        },
    }
}

// ---------------------------------------------------------------------------
// Parsing (ISO 8601 as the TCK writes it)
// ---------------------------------------------------------------------------

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn num<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    if !all_digits(s) {
        return Err(format!("expected digits, found '{s}'"));
    }
    s.parse()
        .map_err(|_| format!("number '{s}' is out of range"))
}

/// Splits a leading year: exactly four digits, or a sign and any digits.
fn split_year(s: &str) -> Result<(i32, &str), String> {
    if let Some(rest) = s.strip_prefix(['+', '-']) {
        let n = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        let y: i64 = num(&rest[..n])?;
        let y = if s.starts_with('-') { -y } else { y };
        let y = i32::try_from(y).map_err(|_| format!("year {y} is out of range"))?;
        Ok((y, &rest[n..]))
    } else {
        if s.len() < 4 || !s.is_char_boundary(4) {
            return Err("expected a four-digit year".into());
        }
        Ok((num(&s[..4])?, &s[4..]))
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("invalid date {y}-{m}-{d}"))
}

/// The date of ISO week `week`, weekday `dow` (1 = Monday) of `week_year`.
pub fn iso_week_date(week_year: i32, week: u32, dow: u32) -> Option<NaiveDate> {
    let wd = match dow {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    };
    NaiveDate::from_isoywd_opt(week_year, week, wd)
}

/// Parses a date: `2015-07-21`, `20150721`, `2015-07`, `201507`,
/// `2015-W30-2`, `2015W302`, `2015-W30`, `2015-202`, `2015202`, `2015`.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let (year, rest) = split_year(s)?;
    if rest.is_empty() {
        return ymd(year, 1, 1);
    }
    let (dash, r) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if let Some(w) = r.strip_prefix('W') {
        if w.len() < 2 || !w.is_char_boundary(2) {
            return Err("expected a two-digit week".into());
        }
        let week: u32 = num(&w[..2])?;
        let tail = &w[2..];
        let dow: u32 = if tail.is_empty() {
            1
        } else if dash {
            num(tail
                .strip_prefix('-')
                .ok_or("expected '-' before the day of week")?)?
        } else {
            num(tail)?
        };
        return iso_week_date(year, week, dow)
            .ok_or_else(|| format!("invalid week date {year}-W{week}-{dow}"));
    }
    match (r.len(), dash) {
        (2, _) => ymd(year, num(r)?, 1),
        (3, _) => {
            NaiveDate::from_yo_opt(year, num(r)?).ok_or_else(|| format!("invalid ordinal date {s}"))
        }
        (4, false) => ymd(year, num(&r[..2])?, num(&r[2..])?),
        (5, true) if r.as_bytes()[2] == b'-' => ymd(year, num(&r[..2])?, num(&r[3..])?),
        _ => Err(format!("unrecognised date '{s}'")),
    }
}

/// Parses a local time: `21`, `21:40`, `2140`, `21:40:32`, `214032`, each
/// with an optional `.fraction` (or `,fraction`) after the seconds.
pub fn parse_local_time(s: &str) -> Result<NaiveTime, String> {
    let (main, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let parts: Vec<&str> = if main.contains(':') {
        main.split(':').collect()
    } else {
        if !main.len().is_multiple_of(2) || !main.is_ascii() {
            return Err(format!("unrecognised time '{s}'"));
        }
        (0..main.len())
            .step_by(2)
            .map(|i| &main[i..i + 2])
            .collect()
    };
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return Err(format!("unrecognised time '{s}'"));
    }
    let h: u32 = num(parts[0])?;
    let m: u32 = parts.get(1).map(|p| num(p)).transpose()?.unwrap_or(0);
    let sec: u32 = parts.get(2).map(|p| num(p)).transpose()?.unwrap_or(0);
    let nanos = match frac {
        None => 0,
        Some(f) => {
            if parts.len() != 3 || f.is_empty() || f.len() > 9 {
                return Err(format!("invalid fraction of a second in '{s}'"));
            }
            num::<u32>(f)? * 10u32.pow(9 - f.len() as u32)
        }
    };
    NaiveTime::from_hms_nano_opt(h, m, sec, nanos).ok_or_else(|| format!("invalid time '{s}'"))
}

/// Parses a UTC offset: `Z`, `+01`, `+0100`, `+01:00`, `+01:00:30`;
/// returns seconds east of UTC (at most ±18 hours).
pub fn parse_offset(s: &str) -> Result<i32, String> {
    if s == "Z" || s == "z" {
        return Ok(0);
    }
    let sign = match s.as_bytes().first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err(format!("invalid UTC offset '{s}'")),
    };
    let body = &s[1..];
    let parts: Vec<&str> = if body.contains(':') {
        body.split(':').collect()
    } else if body.is_ascii() && body.len().is_multiple_of(2) {
        (0..body.len())
            .step_by(2)
            .map(|i| &body[i..i + 2])
            .collect()
    } else {
        return Err(format!("invalid UTC offset '{s}'"));
    };
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return Err(format!("invalid UTC offset '{s}'"));
    }
    let mut secs = 0i32;
    for (i, p) in parts.iter().enumerate() {
        let n: i32 = num(p)?;
        if i > 0 && n >= 60 {
            return Err(format!("invalid UTC offset '{s}'"));
        }
        secs += n * [3600, 60, 1][i];
    }
    if secs > 18 * 3600 {
        return Err(format!("UTC offset '{s}' is out of range (at most ±18:00)"));
    }
    Ok(sign * secs)
}

/// Resolves a time-zone string: an offset, or one of the UTC aliases.
/// Named zones other than UTC would need the tz database, which plenary
/// does not carry.
pub fn parse_zone(s: &str) -> Result<(i32, Option<Arc<str>>), String> {
    match s {
        "UTC" | "Etc/UTC" | "GMT" | "Etc/GMT" | "Z" | "Zulu" | "Etc/Zulu" => {
            if s == "Z" {
                Ok((0, None))
            } else {
                Ok((0, Some(Arc::from(s))))
            }
        }
        _ if s.starts_with(['+', '-']) => Ok((parse_offset(s)?, None)),
        _ => Err(format!(
            "named time zone '{s}' is not supported (use an offset such as '+01:00')"
        )),
    }
}

/// Splits `time[offset][[zone]]` into its three parts.
fn split_time_zone(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let (s, zone) = match s.find('[') {
        Some(i) if s.ends_with(']') => (&s[..i], Some(&s[i + 1..s.len() - 1])),
        _ => (s, None),
    };
    match s.find(['Z', 'z', '+', '-']) {
        Some(i) => (&s[..i], Some(&s[i..]), zone),
        None => (s, None, zone),
    }
}

fn resolve_offset(
    off: Option<&str>,
    zone: Option<&str>,
) -> Result<(Option<i32>, Option<Arc<str>>), String> {
    let offset = off.map(parse_offset).transpose()?;
    match zone {
        None => Ok((offset, None)),
        Some(z) => match offset {
            // An explicit offset with a zone name: keep both as given.
            Some(o) => Ok((Some(o), Some(Arc::from(z)))),
            None => {
                let (o, name) = parse_zone(z)?;
                Ok((Some(o), name.or_else(|| Some(Arc::from(z)))))
            }
        },
    }
}

/// Parses a time with an optional offset (default UTC): `21:40:32+01:00`.
pub fn parse_time(s: &str) -> Result<TimeTz, String> {
    let (t, off, zone) = split_time_zone(s);
    let time = parse_local_time(t)?;
    let (offset, _) = resolve_offset(off, zone)?;
    Ok(TimeTz {
        time,
        offset: offset.unwrap_or(0),
    })
}

/// Parses a local date-time: `<date>T<time>` (or a date alone: midnight).
pub fn parse_local_datetime(s: &str) -> Result<NaiveDateTime, String> {
    match s.split_once('T') {
        Some((d, t)) => Ok(parse_date(d)?.and_time(parse_local_time(t)?)),
        None => Ok(parse_date(s)?.and_time(NaiveTime::MIN)),
    }
}

/// Parses a date-time with optional offset and `[zone]` (default UTC).
pub fn parse_datetime(s: &str) -> Result<DateTimeTz, String> {
    let (d, rest) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let date = parse_date(d)?;
    let (time, off, zone) = match rest {
        Some(t) => {
            let (t, off, zone) = split_time_zone(t);
            (parse_local_time(t)?, off, zone)
        }
        None => (NaiveTime::MIN, None, None),
    };
    let (offset, zone) = resolve_offset(off, zone)?;
    Ok(DateTimeTz {
        local: date.and_time(time),
        offset: offset.unwrap_or(0),
        zone,
    })
}

/// Parses an ISO 8601 duration: `P1Y2M3W4DT5H6M7.5S` (any component may be
/// fractional or negative), or the alternative `P2012-02-02T14:37:21.545`.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration '{s}'");
    let (neg, body) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let body = body.strip_prefix(['P', 'p']).ok_or_else(bad)?;
    let mut acc = DurationAcc::default();
    let num_of = |t: &str| -> Result<Num, String> {
        if t.contains('.') || t.contains(',') {
            t.replace(',', ".")
                .parse::<f64>()
                .map(Num::Float)
                .map_err(|_| bad())
        } else {
            t.parse::<i64>().map(Num::Int).map_err(|_| bad())
        }
    };
    let (date_part, time_part) = match body.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    // Alternative format: P<date>T<time>.
    if date_part.len() >= 8 && date_part.as_bytes().get(4) == Some(&b'-') {
        let f: Vec<&str> = date_part.split('-').collect();
        if f.len() != 3 {
            return Err(bad());
        }
        acc.months(Num::Int(num::<i64>(f[0])? * 12 + num::<i64>(f[1])?));
        acc.days(Num::Int(num(f[2])?));
        if let Some(t) = time_part {
            let t = parse_local_time(t)?;
            acc.nanos += nanos_of_day(&t);
        }
    } else {
        let mut parse_units = |text: &str, time: bool| -> Result<(), String> {
            let mut start = 0;
            for (i, c) in text.char_indices() {
                if c.is_ascii_alphabetic() {
                    let n = num_of(&text[start..i])?;
                    let ok = match (c.to_ascii_uppercase(), time) {
                        ('Y', false) => match n {
                            Num::Int(v) => acc.months(Num::Int(v.checked_mul(12).ok_or_else(bad)?)),
                            Num::Float(v) => acc.months(Num::Float(v * 12.0)),
                        },
                        ('M', false) => acc.months(n),
                        ('W', false) => match n {
                            Num::Int(v) => acc.days(Num::Int(v.checked_mul(7).ok_or_else(bad)?)),
                            Num::Float(v) => acc.days(Num::Float(v * 7.0)),
                        },
                        ('D', false) => acc.days(n),
                        ('H', true) => acc.nanos(n, 3600 * NANOS_PER_SECOND),
                        ('M', true) => acc.nanos(n, 60 * NANOS_PER_SECOND),
                        ('S', true) => acc.nanos(n, NANOS_PER_SECOND),
                        _ => None,
                    };
                    ok.ok_or_else(bad)?;
                    start = i + 1;
                }
            }
            if start != text.len() {
                Err(bad())
            } else {
                Ok(())
            }
        };
        parse_units(date_part, false)?;
        if let Some(t) = time_part {
            if t.is_empty() {
                return Err(bad());
            }
            parse_units(t, true)?;
        }
        if date_part.is_empty() && time_part.is_none() {
            return Err(bad());
        }
    }
    let d = acc.finish().ok_or_else(bad)?;
    if neg {
        d.checked_neg().ok_or_else(bad)
    } else {
        Ok(d)
    }
}

// ---------------------------------------------------------------------------
// Truncation
// ---------------------------------------------------------------------------

/// Truncates a date to `unit` (`millennium`, `century`, `decade`, `year`,
/// `weekYear`, `quarter`, `month`, `week`, `day`); `None` for other units.
pub fn truncate_date(d: NaiveDate, unit: &str) -> Option<NaiveDate> {
    let y = d.year();
    match unit {
        "millennium" => NaiveDate::from_ymd_opt(y - y.rem_euclid(1000), 1, 1),
        "century" => NaiveDate::from_ymd_opt(y - y.rem_euclid(100), 1, 1),
        "decade" => NaiveDate::from_ymd_opt(y - y.rem_euclid(10), 1, 1),
        "year" => NaiveDate::from_ymd_opt(y, 1, 1),
        "weekYear" => iso_week_date(d.iso_week().year(), 1, 1),
        "quarter" => NaiveDate::from_ymd_opt(y, d.month0() / 3 * 3 + 1, 1),
        "month" => NaiveDate::from_ymd_opt(y, d.month(), 1),
        "week" => Some(d - TimeDelta::days(d.weekday().num_days_from_monday() as i64)),
        "day" => Some(d),
        _ => None,
    }
}

/// Truncates a time of day to `unit` (`day`, `hour`, `minute`, `second`,
/// `millisecond`, `microsecond`); `None` for other units.
pub fn truncate_time(t: NaiveTime, unit: &str) -> Option<NaiveTime> {
    let n = nanos_of_day(&t);
    let step: i128 = match unit {
        "day" => NANOS_PER_DAY,
        "hour" => 3600 * NANOS_PER_SECOND,
        "minute" => 60 * NANOS_PER_SECOND,
        "second" => NANOS_PER_SECOND,
        "millisecond" => 1_000_000,
        "microsecond" => 1_000,
        _ => return None,
    };
    Some(time_from_nanos(n - n % step))
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
    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parses_dates() {
        for (input, want) in [
            ("2015-07-21", "2015-07-21"),
            ("20150721", "2015-07-21"),
            ("2015-07", "2015-07-01"),
            ("201507", "2015-07-01"),
            ("2015-W30-2", "2015-07-21"),
            ("2015W302", "2015-07-21"),
            ("2015-W30", "2015-07-20"),
            ("2015W30", "2015-07-20"),
            ("2015-202", "2015-07-21"),
            ("2015202", "2015-07-21"),
            ("2015", "2015-01-01"),
            ("+2015-01-02", "2015-01-02"),
            ("-0044-03-15", "-0044-03-15"),
        ] {
            assert_eq!(format_date(&d(input)), want, "{input}");
        }
        for bad in [
            "2015-13-01",
            "2015-02-30",
            "15-01-01",
            "2015-1-1",
            "x",
            "2015-W54",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_times() {
        for (input, want) in [
            ("21:40:32.142", "21:40:32.142"),
            ("214032.142", "21:40:32.142"),
            ("21:40", "21:40"),
            ("2140", "21:40"),
            ("21", "21:00"),
            ("00:00:00.000000001", "00:00:00.000000001"),
        ] {
            assert_eq!(
                format_time(&parse_local_time(input).unwrap()),
                want,
                "{input}"
            );
        }
        for (input, want) in [
            ("21:40:32.142+0100", "21:40:32.142+01:00"),
            ("214032.142Z", "21:40:32.142Z"),
            ("214032-0100", "21:40:32-01:00"),
            ("2140-00:00", "21:40Z"),
            ("2140-02", "21:40-02:00"),
            ("22+18:00", "22:00+18:00"),
            ("12:34:56+02:05:59", "12:34:56+02:05:59"),
        ] {
            assert_eq!(parse_time(input).unwrap().to_string(), want, "{input}");
        }
        assert!(parse_local_time("25:00").is_err());
        assert!(parse_local_time("21:40.5").is_err());
        assert!(parse_offset("+19:00").is_err());
    }

    #[test]
    fn parses_datetimes() {
        for (input, want) in [
            (
                "2015-07-21T21:40:32.142+0100",
                "2015-07-21T21:40:32.142+01:00",
            ),
            ("2015-W30-2T214032.142Z", "2015-07-21T21:40:32.142Z"),
            ("2015T214032-0100", "2015-01-01T21:40:32-01:00"),
            ("2015-W30T2140-02", "2015-07-20T21:40-02:00"),
            ("2015202T21+18:00", "2015-07-21T21:00+18:00"),
            (
                "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]",
                "2015-07-21T21:40:32.142+02:00[Europe/Stockholm]",
            ),
            ("2015-07-21", "2015-07-21T00:00Z"),
        ] {
            assert_eq!(parse_datetime(input).unwrap().to_string(), want, "{input}");
        }
        assert!(parse_datetime("2015-07-21T21:40[Europe/London]").is_err());
        assert_eq!(
            format_local_datetime(&parse_local_datetime("2015-202T21:40:32").unwrap()),
            "2015-07-21T21:40:32"
        );
    }

    #[test]
    fn parses_durations() {
        for (input, want) in [
            ("P14DT16H12M", "P14DT16H12M"),
            ("P5M1.5D", "P5M1DT12H"),
            ("P0.75M", "P22DT19H51M49.5S"),
            ("PT0.75M", "PT45S"),
            ("P2.5W", "P17DT12H"),
            ("P12Y5M14DT16H12M70S", "P12Y5M14DT16H13M10S"),
            ("P2012-02-02T14:37:21.545", "P2012Y2M2DT14H37M21.545S"),
            ("PT-1.5S", "PT-1.5S"),
            ("-P1D", "P-1D"),
            ("PT0S", "PT0S"),
        ] {
            assert_eq!(parse_duration(input).unwrap().to_string(), want, "{input}");
        }
        for bad in ["P", "PT", "1D", "P1H", "PT1D", "P1.2.3D", "PxD"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn duration_arithmetic() {
        let a = parse_duration("P12Y5M14DT16H12M70.000000001S").unwrap();
        assert_eq!(
            a.checked_mul_int(2).unwrap().to_string(),
            "P24Y10M28DT32H26M20.000000002S"
        );
        assert_eq!(a.mul_f64(0.5).unwrap().to_string(), "P6Y2M22DT13H21M8S");
        assert_eq!(a.div_f64(2.0).unwrap().to_string(), "P6Y2M22DT13H21M8S");
        assert_eq!(a.checked_sub(&a).unwrap().to_string(), "PT0S");
        let neg = parse_duration("PT-0.5S").unwrap();
        assert_eq!((neg.seconds, neg.nanos), (-1, 500_000_000));
        assert!(
            Duration {
                months: i64::MAX,
                ..Default::default()
            }
            .checked_add(&parse_duration("P1M").unwrap())
            .is_none()
        );
    }

    #[test]
    fn month_end_clamping() {
        let p1m = parse_duration("P1M").unwrap();
        assert_eq!(
            format_date(&date_plus(d("2012-01-31"), &p1m).unwrap()),
            "2012-02-29"
        );
        assert_eq!(
            format_date(&date_plus(d("2011-01-31"), &p1m).unwrap()),
            "2011-02-28"
        );
        let minus = p1m.checked_neg().unwrap();
        assert_eq!(
            format_date(&date_plus(d("2012-03-31"), &minus).unwrap()),
            "2012-02-29"
        );
        // the time part counts in whole days only
        let dur = parse_duration("P12Y11M29DT33H58M13.5S").unwrap();
        assert_eq!(
            format_date(&date_plus(d("1984-10-11"), &dur).unwrap()),
            "1997-10-11"
        );
        let back = dur.checked_neg().unwrap();
        assert_eq!(
            format_date(&date_plus(d("1984-10-11"), &back).unwrap()),
            "1971-10-12"
        );
    }

    #[test]
    fn time_and_datetime_plus() {
        let t = parse_local_time("12:31:14.000000001").unwrap();
        let dur = parse_duration("P12Y5M14DT16H12M70.000000002S").unwrap();
        assert_eq!(format_time(&time_plus(t, &dur)), "04:44:24.000000003");
        let dt = parse_local_datetime("1984-10-11T12:31:14.000000001").unwrap();
        assert_eq!(
            format_local_datetime(&local_datetime_plus(dt, &dur).unwrap()),
            "1997-03-26T04:44:24.000000003"
        );
    }

    fn parts(s: &str) -> TemporalParts {
        if let Ok(dt) = parse_datetime(s).map(|x| (x.local, x.offset))
            && s.contains('T')
            && (s.contains('+') || s.ends_with('Z'))
        {
            return TemporalParts {
                date: Some(dt.0.date()),
                time: Some(dt.0.time()),
                offset: Some(dt.1),
            };
        }
        if s.contains('T') {
            let l = parse_local_datetime(s).unwrap();
            return TemporalParts {
                date: Some(l.date()),
                time: Some(l.time()),
                offset: None,
            };
        }
        if s.contains(':') {
            let t = parse_time(s).unwrap();
            let off = s.contains('+').then_some(t.offset);
            return TemporalParts {
                date: None,
                time: Some(t.time),
                offset: off,
            };
        }
        TemporalParts {
            date: Some(d(s)),
            time: None,
            offset: None,
        }
    }

    #[test]
    fn between_matches_tck() {
        use BetweenUnit::*;
        for (a, b, unit, want) in [
            ("1984-10-11", "2015-06-24", All, "P30Y8M13D"),
            (
                "1984-10-11",
                "2016-07-21T21:45:22.142",
                All,
                "P31Y9M10DT21H45M22.142S",
            ),
            ("1984-10-11", "16:30", All, "PT16H30M"),
            (
                "2015-07-21T21:40:32.142",
                "2015-06-24",
                All,
                "P-27DT-21H-40M-32.142S",
            ),
            (
                "2015-07-21T21:40:32.142",
                "2016-07-21T21:45:22.142",
                All,
                "P1YT4M50S",
            ),
            (
                "2014-07-21T21:40:36.143+02:00",
                "2015-06-24",
                All,
                "P11M2DT2H19M23.857S",
            ),
            (
                "2014-07-21T21:40:36.143+02:00",
                "2015-07-21T21:40:32.142+01:00",
                All,
                "P1YT59M55.999S",
            ),
            (
                "2014-07-21T21:40:36.143+02:00",
                "16:30+01:00",
                All,
                "PT-4H-10M-36.143S",
            ),
            (
                "2018-01-02T10:00:00.1",
                "2018-01-01T10:00:00.2",
                All,
                "PT-23H-59M-59.9S",
            ),
            ("1984-10-11", "2015-06-24", Months, "P30Y8M"),
            ("2018-03-11", "2016-06-24", Months, "P-1Y-8M"),
            ("2014-07-21T21:40:36.143+02:00", "2015-06-24", Days, "P337D"),
            ("1984-10-11", "2015-06-24", Seconds, "PT269112H"),
            (
                "2014-07-21T21:40:36.143",
                "2014-07-21T21:40:36.142",
                Seconds,
                "PT-0.001S",
            ),
            ("12:44:54.7", "12:34:55.3", Seconds, "PT-9M-59.4S"),
        ] {
            let got = between(&parts(a), &parts(b), unit).unwrap().to_string();
            assert_eq!(got, want, "{a} -> {b} ({unit:?})");
        }
    }

    #[test]
    fn truncation() {
        assert_eq!(
            format_date(&truncate_date(d("2017-11-11"), "weekYear").unwrap()),
            "2017-01-02"
        );
        assert_eq!(
            format_date(&truncate_date(d("1984-10-11"), "quarter").unwrap()),
            "1984-10-01"
        );
        assert_eq!(
            format_date(&truncate_date(d("1984-10-11"), "week").unwrap()),
            "1984-10-08"
        );
        assert_eq!(
            format_date(&truncate_date(d("1984-10-11"), "millennium").unwrap()),
            "1000-01-01"
        );
        let t = parse_local_time("12:31:14.645876123").unwrap();
        assert_eq!(
            format_time(&truncate_time(t, "millisecond").unwrap()),
            "12:31:14.645"
        );
        assert!(truncate_date(d("1984-10-11"), "hour").is_none());
    }
}
