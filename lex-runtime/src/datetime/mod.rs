//! `datetime` format: `&str` -> [`Datetime`] (the atproto profile of RFC 3339 / ISO 8601:
//! `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`), strict or lenient.
//!
//! `grammar.rs` reads the strict syntax into fields, this file applies the calendar and
//! range rules, `lenient.rs` rewrites the forms [`Datetime::parse_lenient`] accepts, and
//! `calendar.rs` converts between dates and day numbers.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

use calendar::{civil_from_days, days_from_civil, days_in_month};
use grammar::{parse, Offset};
use lenient::normalize;

mod calendar;
mod grammar;
mod lenient;
#[cfg(test)]
mod tests;

/// Not in the spec; the TS and Go implementations use the same guard.
const MAX_LEN: usize = 64;

string_format! {
    /// A timestamp such as `1985-04-12T23:20:50.123Z`, kept exactly as written: reformatting
    /// would change the record bytes and so its CID.
    ///
    /// Equality and ordering compare the strings; compare [`Datetime::timestamp_micros`] for
    /// the instants.
    Datetime, check, "an RFC 3339 datetime string"
}

impl Datetime {
    /// Reads a datetime from network data that may not follow the strict profile.
    ///
    /// A strictly valid string is kept as is. Otherwise, after trimming surrounding
    /// whitespace, it accepts: a lowercase `t` or a single space between date and time;
    /// missing seconds (`HH:MM`, read as `:00`); a `,` before the fraction, or a `.` with no
    /// digits (dropped); a lowercase `z`; no timezone at all (read as UTC, `Z`); numeric
    /// offsets as `±HH`, `±HHMM` or `±HH:MM`, rewritten `±HH:MM`, where `-00:00` and
    /// friends ("unknown offset") become `Z`. The result is stored in that normalized,
    /// strictly valid form. Calendar and range rules are never relaxed.
    pub fn parse_lenient(s: &str) -> Result<Datetime, SyntaxError> {
        let strict = match check(s) {
            Ok(()) => return Ok(Datetime::from_checked_str(s)),
            Err(e) => e,
        };
        let normalized = normalize(s.trim()).ok_or(strict)?;
        check(&normalized)?;
        Ok(Datetime::from_checked_string(normalized))
    }

    /// The current time, with millisecond precision (`2024-01-02T03:04:05.678Z`).
    pub fn now() -> Datetime {
        let micros = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_micros()).unwrap_or(i64::MAX));
        let millis = micros - micros.rem_euclid(1000);
        Datetime::from_timestamp_micros(millis)
            .unwrap_or_else(|| Datetime::from_checked_str("1970-01-01T00:00:00.000Z"))
    }

    /// The UTC datetime for microseconds since the UNIX epoch, written with millisecond
    /// precision when that is exact and microseconds otherwise; `None` outside years
    /// 0000-9999.
    pub fn from_timestamp_micros(micros: i64) -> Option<Datetime> {
        let secs = micros.div_euclid(1_000_000);
        let sub = micros.rem_euclid(1_000_000);
        let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
        if !(0..=9999).contains(&year) {
            return None;
        }
        let tod = secs.rem_euclid(86_400);
        let (h, m, s) = (tod / 3600, tod / 60 % 60, tod % 60);
        let text = if sub % 1000 == 0 {
            format!(
                "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{:03}Z",
                sub / 1000
            )
        } else {
            format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{sub:06}Z")
        };
        Some(Datetime::from_checked_string(text))
    }

    /// Microseconds since the UNIX epoch (UTC; digits past microseconds are truncated, a
    /// leap second counts as the next minute's first).
    pub fn timestamp_micros(&self) -> i64 {
        let Ok(p) = parse(self.as_str()) else {
            return 0;
        };
        let days = days_from_civil(p.year, p.month, p.day);
        let offset = match p.offset {
            Offset::Minutes(m) => i64::from(m),
            Offset::Utc | Offset::NegZero => 0,
        };
        let secs = days * 86_400
            + i64::from(p.hour) * 3600
            + i64::from(p.minute) * 60
            + i64::from(p.second)
            - offset * 60;
        let mut frac = 0i64;
        let mut digits = p.fraction.bytes();
        for _ in 0..6 {
            frac = frac * 10 + digits.next().map_or(0, |d| i64::from(d - b'0'));
        }
        secs * 1_000_000 + frac
    }
}

/// A syntax error at byte `offset` of the datetime.
fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Datetime, offset, reason)
}

/// The strict profile: the grammar, then the calendar and the year 0000-9999 range.
pub(crate) fn check(s: &str) -> Result<(), SyntaxError> {
    let p = parse(s)?;
    if !(1..=12).contains(&p.month) {
        return Err(err(5, "month must be 01-12"));
    }
    if !(1..=31).contains(&p.day) {
        return Err(err(8, "day must be 01-31"));
    }
    if p.day > days_in_month(p.year, p.month) {
        return Err(err(8, "day does not exist in that month"));
    }
    if p.hour > 23 {
        return Err(err(11, "hour must be 00-23"));
    }
    if p.minute > 59 {
        return Err(err(14, "minute must be 00-59"));
    }
    if p.second > 60 {
        return Err(err(17, "second must be 00-60"));
    }
    let offset = match p.offset {
        Offset::Utc => 0,
        Offset::Minutes(m) => m,
        Offset::NegZero => {
            return Err(err(
                p.tz_at,
                "offset `-00:00` (unknown local offset) is not allowed; use `Z`",
            ))
        }
    };
    let minutes = days_from_civil(p.year, p.month, p.day) * 1440
        + i64::from(p.hour) * 60
        + i64::from(p.minute)
        - i64::from(offset);
    if minutes < days_from_civil(0, 1, 1) * 1440 {
        return Err(err(
            p.tz_at,
            "datetime is before year 0000 once the offset is applied",
        ));
    }
    if minutes >= days_from_civil(10_000, 1, 1) * 1440 {
        return Err(err(
            p.tz_at,
            "datetime is after year 9999 once the offset is applied",
        ));
    }
    Ok(())
}
