//! `datetime` format: `&str` -> [`Datetime`] (the atproto profile of RFC 3339 / ISO 8601:
//! `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`), strict or lenient.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::string_format::{string_format, SyntaxError};
use crate::StringFormat;

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

/// The fields of a syntactically valid datetime, before the calendar/range rules.
struct Parts<'a> {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    fraction: &'a str,
    offset: Offset,
    /// Byte offset of the timezone, for error positions.
    tz_at: usize,
}

#[derive(Clone, Copy)]
enum Offset {
    Utc,
    /// East of UTC is positive.
    Minutes(i32),
    /// `-00:00`, RFC 3339's "unknown local offset".
    NegZero,
}

fn err(offset: usize, reason: &'static str) -> SyntaxError {
    SyntaxError::at(StringFormat::Datetime, offset, reason)
}

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

/// The strict grammar, field by field, with a precise reason for the first deviation.
fn parse(s: &str) -> Result<Parts<'_>, SyntaxError> {
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Datetime,
            "datetime is longer than 64 characters",
        ));
    }
    let mut c = Cursor {
        bytes: s.as_bytes(),
        at: 0,
    };
    if matches!(c.peek(), Some(b'+' | b'-')) {
        return Err(err(0, "expanded or negative years are not allowed"));
    }
    let year = c.field(4, "year must be exactly four digits")?;
    c.separator(
        b'-',
        "year must be exactly four digits",
        "expected `-` after the year",
    )?;
    let month = c.field(2, "month must be exactly two digits")?;
    c.separator(
        b'-',
        "month must be exactly two digits",
        "expected `-` after the month",
    )?;
    let day = c.field(2, "day must be exactly two digits")?;
    match c.peek() {
        Some(b'T') => c.at += 1,
        None => {
            return Err(err(
                c.at,
                "datetime is missing the time (`T` and `HH:MM:SS`)",
            ))
        }
        Some(b't' | b' ') => {
            return Err(err(
                c.at,
                "date and time must be separated by an uppercase `T`",
            ))
        }
        Some(d) if d.is_ascii_digit() => return Err(err(8, "day must be exactly two digits")),
        Some(_) => return Err(err(c.at, "expected `T` between the date and the time")),
    }
    let hour = c.field(2, "hour must be exactly two digits")?;
    c.separator(
        b':',
        "hour must be exactly two digits",
        "expected `:` after the hour",
    )?;
    let minute = c.field(2, "minute must be exactly two digits")?;
    if matches!(c.peek(), None | Some(b'Z' | b'z' | b'+' | b'-' | b'.')) {
        return Err(err(c.at, "datetime is missing the seconds (`:SS`)"));
    }
    c.separator(
        b':',
        "minute must be exactly two digits",
        "expected `:` after the minute",
    )?;
    let second = c.field(2, "second must be exactly two digits")?;
    let fraction = if c.peek() == Some(b'.') {
        c.at += 1;
        let start = c.at;
        while c.peek().is_some_and(|d| d.is_ascii_digit()) {
            c.at += 1;
        }
        if c.at == start {
            return Err(err(
                start,
                "fraction after `.` must have at least one digit",
            ));
        }
        s.get(start..c.at).unwrap_or_default()
    } else {
        if c.peek().is_some_and(|d| d.is_ascii_digit()) {
            return Err(err(17, "second must be exactly two digits"));
        }
        ""
    };
    let tz_at = c.at;
    let offset = match c.peek() {
        Some(b'Z') => {
            c.at += 1;
            Offset::Utc
        }
        Some(b'z') => return Err(err(tz_at, "timezone `Z` must be uppercase")),
        Some(sign @ (b'+' | b'-')) => {
            c.at += 1;
            let hours = c.field(2, "offset must be written `±HH:MM`")?;
            c.separator(
                b':',
                "offset must be written `±HH:MM`",
                "offset must be written `±HH:MM`",
            )?;
            let minutes = c.field(2, "offset must be written `±HH:MM`")?;
            if hours > 23 {
                return Err(err(tz_at + 1, "offset hours must be 00-23"));
            }
            if minutes > 59 {
                return Err(err(tz_at + 4, "offset minutes must be 00-59"));
            }
            let total = i32::try_from(hours * 60 + minutes).unwrap_or(i32::MAX);
            match (sign, total) {
                (b'-', 0) => Offset::NegZero,
                (b'-', t) => Offset::Minutes(-t),
                (_, t) => Offset::Minutes(t),
            }
        }
        None => {
            return Err(err(
                tz_at,
                "datetime is missing a timezone (`Z` or `±HH:MM`)",
            ))
        }
        Some(_) => return Err(err(tz_at, "expected a timezone (`Z` or `±HH:MM`)")),
    };
    if c.at != s.len() {
        return Err(err(c.at, "unexpected characters after the timezone"));
    }
    Ok(Parts {
        year: i64::from(year),
        month,
        day,
        hour,
        minute,
        second,
        fraction,
        offset,
        tz_at,
    })
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Exactly `n` ASCII digits.
    fn field(&mut self, n: usize, reason: &'static str) -> Result<u32, SyntaxError> {
        let start = self.at;
        let mut value = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(d) if d.is_ascii_digit() => {
                    value = value * 10 + u32::from(d - b'0');
                    self.at += 1;
                }
                _ => return Err(err(start, reason)),
            }
        }
        Ok(value)
    }

    /// The separator `sep`; a digit in its place means the field before was too long.
    fn separator(
        &mut self,
        sep: u8,
        too_long: &'static str,
        otherwise: &'static str,
    ) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(c) if c == sep => {
                self.at += 1;
                Ok(())
            }
            Some(c) if c.is_ascii_digit() => Err(err(self.at, too_long)),
            _ => Err(err(self.at, otherwise)),
        }
    }
}

/// Rewrites the lenient forms into the strict one (see [`Datetime::parse_lenient`]);
/// `None` when the shape is not recognised at all.
fn normalize(s: &str) -> Option<String> {
    if s.len() > MAX_LEN {
        return None;
    }
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .is_some()
    };
    let date_ok = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16);
    if !date_ok {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(s.get(..10)?);
    out.push('T');
    out.push_str(s.get(11..16)?);
    let mut at = 16;
    if b.get(at) == Some(&b':') {
        if !digits(at + 1..at + 3) {
            return None;
        }
        out.push_str(s.get(at..at + 3)?);
        at += 3;
    } else {
        out.push_str(":00");
    }
    if matches!(b.get(at), Some(b'.' | b',')) {
        let start = at + 1;
        let mut end = start;
        while b.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        if end > start {
            out.push('.');
            out.push_str(s.get(start..end)?);
        }
        at = end;
    }
    match b.get(at) {
        None => out.push('Z'),
        Some(b'Z' | b'z') if at + 1 == b.len() => out.push('Z'),
        Some(&sign @ (b'+' | b'-')) => {
            let rest = s.get(at + 1..)?;
            let (hh, mm) = match rest.len() {
                2 => (rest, "00"),
                4 => (rest.get(..2)?, rest.get(2..)?),
                5 if rest.as_bytes().get(2) == Some(&b':') => (rest.get(..2)?, rest.get(3..)?),
                _ => return None,
            };
            if !(hh.bytes().chain(mm.bytes()).all(|d| d.is_ascii_digit())) {
                return None;
            }
            if sign == b'-' && hh == "00" && mm == "00" {
                out.push('Z');
            } else {
                out.push(char::from(sign));
                out.push_str(hh);
                out.push(':');
                out.push_str(mm);
            }
        }
        Some(_) => return None,
    }
    Some(out)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(s: &str) -> Option<&'static str> {
        Datetime::validate(s).err().map(|e| e.reason())
    }

    #[test]
    fn accepts() {
        for s in [
            "1985-04-12T23:20:50.123Z",
            "1985-04-12T23:20:50Z",
            "1985-04-12T23:20:50.0Z",
            "1985-04-12T23:20:50.12345678912345Z",
            "1985-04-12T23:20:50.123+01:45",
            "0000-01-01T00:00:00.000Z",
            "2000-02-29T00:00:00Z",
            "2024-02-29T00:00:00Z",
            "1985-04-12T23:59:60Z",
            "0000-01-01T01:00:00+01:00",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(reason(s), None, "{s}");
        }
    }

    #[test]
    fn rejects_with_reason() {
        assert_eq!(
            reason("1985-04-12T23:20:50.123"),
            Some("datetime is missing a timezone (`Z` or `±HH:MM`)")
        );
        assert_eq!(
            reason("1985-04-12T23:20Z"),
            Some("datetime is missing the seconds (`:SS`)")
        );
        assert_eq!(
            reason("1985-04-12"),
            Some("datetime is missing the time (`T` and `HH:MM:SS`)")
        );
        assert_eq!(
            reason("1985-04-12t23:20:50Z"),
            Some("date and time must be separated by an uppercase `T`")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50.123z"),
            Some("timezone `Z` must be uppercase")
        );
        assert_eq!(
            reason("01985-04-12T23:20:50Z"),
            Some("year must be exactly four digits")
        );
        assert_eq!(
            reason("1985-04-12T023:20:50Z"),
            Some("hour must be exactly two digits")
        );
        assert_eq!(
            reason("1985-04-12T23:20:050Z"),
            Some("second must be exactly two digits")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50.Z"),
            Some("fraction after `.` must have at least one digit")
        );
        assert_eq!(
            reason("+001985-04-12T23:20:50Z"),
            Some("expanded or negative years are not allowed")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50.123+0000"),
            Some("offset must be written `±HH:MM`")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50.123+00"),
            Some("offset must be written `±HH:MM`")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50.123-00:00"),
            Some("offset `-00:00` (unknown local offset) is not allowed; use `Z`")
        );
        assert_eq!(reason("1985-00-12T23:20:50Z"), Some("month must be 01-12"));
        assert_eq!(
            reason("1985-04-31T23:20:50Z"),
            Some("day does not exist in that month")
        );
        assert_eq!(
            reason("1900-02-29T23:20:50Z"),
            Some("day does not exist in that month")
        );
        assert_eq!(reason("1985-04-12T24:00:00Z"), Some("hour must be 00-23"));
        assert_eq!(reason("1985-04-12T23:99:50Z"), Some("minute must be 00-59"));
        assert_eq!(reason("1985-04-12T23:20:61Z"), Some("second must be 00-60"));
        assert_eq!(
            reason("1985-04-12T23:20:50+24:00"),
            Some("offset hours must be 00-23")
        );
        assert_eq!(
            reason("1985-04-12T23:20:50+01:60"),
            Some("offset minutes must be 00-59")
        );
        assert_eq!(
            reason("0000-01-01T00:00:00+01:00"),
            Some("datetime is before year 0000 once the offset is applied")
        );
        assert_eq!(
            reason("9999-12-31T23:00:00-05:00"),
            Some("datetime is after year 9999 once the offset is applied")
        );
        assert!(reason(" 1985-04-12T23:20:50Z").is_some());
        assert!(reason("1985-04-12T23:20:50Z ").is_some());
        assert!(reason("1985\u{2013}04-12T23:20:50Z").is_some());
    }

    #[test]
    fn lenient() {
        let norm = |s: &str| Datetime::parse_lenient(s).map(|d| d.as_str().to_owned());
        assert_eq!(
            norm("1985-04-12T23:20:50.123Z").unwrap(),
            "1985-04-12T23:20:50.123Z"
        );
        assert_eq!(
            norm("1985-04-12 23:20:50.123").unwrap(),
            "1985-04-12T23:20:50.123Z"
        );
        assert_eq!(norm("1985-04-12t23:20z").unwrap(), "1985-04-12T23:20:00Z");
        assert_eq!(
            norm("1985-04-12T23:20:50,5-00:00").unwrap(),
            "1985-04-12T23:20:50.5Z"
        );
        assert_eq!(
            norm("1985-04-12T23:20:50.+0530").unwrap(),
            "1985-04-12T23:20:50+05:30"
        );
        assert_eq!(
            norm(" 1985-04-12T23:20:50+07 ").unwrap(),
            "1985-04-12T23:20:50+07:00"
        );
        assert!(norm("1985-13-12T23:20:50Z").is_err());
        assert!(norm("1985-04-12").is_err());
        assert!(norm("yesterday").is_err());
        assert!(norm("1985-04-12T23:20:50+0").is_err());
    }

    #[test]
    fn timestamps() {
        let d: Datetime = "1970-01-01T00:00:01.5Z".parse().unwrap();
        assert_eq!(d.timestamp_micros(), 1_500_000);
        let d: Datetime = "1985-04-12T23:20:50.123-07:00".parse().unwrap();
        let z: Datetime = "1985-04-13T06:20:50.123Z".parse().unwrap();
        assert_eq!(d.timestamp_micros(), z.timestamp_micros());
        assert_eq!(
            Datetime::from_timestamp_micros(z.timestamp_micros()).unwrap(),
            z
        );
        let micro = Datetime::from_timestamp_micros(-1).unwrap();
        assert_eq!(micro.as_str(), "1969-12-31T23:59:59.999999Z");
        assert!(Datetime::from_timestamp_micros(i64::MIN).is_none());
        for days in [-719_528i64, -1, 0, 1, 11_016, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m as u32, d as u32), days);
        }
        assert!(Datetime::validate(Datetime::now().as_str()).is_ok());
    }
}
