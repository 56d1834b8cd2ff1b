//! The strict datetime grammar, field by field, with a precise reason for the first
//! deviation: `&str` -> [`Parts`] (calendar and range rules are the caller's).

use super::{err, MAX_LEN};
use crate::string_format::SyntaxError;
use crate::StringFormat;

/// The fields of a syntactically valid datetime, before the calendar/range rules.
pub(super) struct Parts<'a> {
    pub(super) year: i64,
    pub(super) month: u32,
    pub(super) day: u32,
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: u32,
    pub(super) fraction: &'a str,
    pub(super) offset: Offset,
    /// Byte offset of the timezone, for error positions.
    pub(super) tz_at: usize,
}

/// The timezone of a datetime.
#[derive(Clone, Copy)]
pub(super) enum Offset {
    Utc,
    /// East of UTC is positive.
    Minutes(i32),
    /// `-00:00`, RFC 3339's "unknown local offset".
    NegZero,
}

/// The strict grammar, field by field, with a precise reason for the first deviation.
pub(super) fn parse(s: &str) -> Result<Parts<'_>, SyntaxError> {
    if s.len() > MAX_LEN {
        return Err(SyntaxError::whole(
            StringFormat::Datetime,
            "datetime is longer than 64 characters",
        ));
    }
    let mut c = Cursor { text: s, at: 0 };
    let (year, month, day) = c.date()?;
    let (hour, minute, second) = c.time()?;
    let fraction = c.fraction()?;
    let tz_at = c.at;
    let offset = c.offset()?;
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

/// A position in the text being read.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// `YYYY-MM-DD` and the `T` after it.
    fn date(&mut self) -> Result<(u32, u32, u32), SyntaxError> {
        if matches!(self.peek(), Some(b'+' | b'-')) {
            return Err(err(0, "expanded or negative years are not allowed"));
        }
        let year = self.field(4, "year must be exactly four digits")?;
        self.separator(
            b'-',
            "year must be exactly four digits",
            "expected `-` after the year",
        )?;
        let month = self.field(2, "month must be exactly two digits")?;
        self.separator(
            b'-',
            "month must be exactly two digits",
            "expected `-` after the month",
        )?;
        let day = self.field(2, "day must be exactly two digits")?;
        match self.peek() {
            Some(b'T') => self.at += 1,
            None => {
                return Err(err(
                    self.at,
                    "datetime is missing the time (`T` and `HH:MM:SS`)",
                ))
            }
            Some(b't' | b' ') => {
                return Err(err(
                    self.at,
                    "date and time must be separated by an uppercase `T`",
                ))
            }
            Some(d) if d.is_ascii_digit() => return Err(err(8, "day must be exactly two digits")),
            Some(_) => return Err(err(self.at, "expected `T` between the date and the time")),
        }
        Ok((year, month, day))
    }

    /// `HH:MM:SS`.
    fn time(&mut self) -> Result<(u32, u32, u32), SyntaxError> {
        let hour = self.field(2, "hour must be exactly two digits")?;
        self.separator(
            b':',
            "hour must be exactly two digits",
            "expected `:` after the hour",
        )?;
        let minute = self.field(2, "minute must be exactly two digits")?;
        if matches!(self.peek(), None | Some(b'Z' | b'z' | b'+' | b'-' | b'.')) {
            return Err(err(self.at, "datetime is missing the seconds (`:SS`)"));
        }
        self.separator(
            b':',
            "minute must be exactly two digits",
            "expected `:` after the minute",
        )?;
        let second = self.field(2, "second must be exactly two digits")?;
        Ok((hour, minute, second))
    }

    /// The digits of an optional `.fraction` (empty without one).
    fn fraction(&mut self) -> Result<&'a str, SyntaxError> {
        if self.peek() != Some(b'.') {
            if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                return Err(err(17, "second must be exactly two digits"));
            }
            return Ok("");
        }
        self.at += 1;
        let start = self.at;
        while self.peek().is_some_and(|d| d.is_ascii_digit()) {
            self.at += 1;
        }
        if self.at == start {
            return Err(err(
                start,
                "fraction after `.` must have at least one digit",
            ));
        }
        Ok(self.text.get(start..self.at).unwrap_or_default())
    }

    /// The timezone: `Z` or `±HH:MM`.
    fn offset(&mut self) -> Result<Offset, SyntaxError> {
        let tz_at = self.at;
        match self.peek() {
            Some(b'Z') => {
                self.at += 1;
                Ok(Offset::Utc)
            }
            Some(b'z') => Err(err(tz_at, "timezone `Z` must be uppercase")),
            Some(sign @ (b'+' | b'-')) => {
                self.at += 1;
                let hours = self.field(2, "offset must be written `±HH:MM`")?;
                self.separator(
                    b':',
                    "offset must be written `±HH:MM`",
                    "offset must be written `±HH:MM`",
                )?;
                let minutes = self.field(2, "offset must be written `±HH:MM`")?;
                if hours > 23 {
                    return Err(err(tz_at + 1, "offset hours must be 00-23"));
                }
                if minutes > 59 {
                    return Err(err(tz_at + 4, "offset minutes must be 00-59"));
                }
                let total = i32::try_from(hours * 60 + minutes).unwrap_or(i32::MAX);
                Ok(match (sign, total) {
                    (b'-', 0) => Offset::NegZero,
                    (b'-', t) => Offset::Minutes(-t),
                    (_, t) => Offset::Minutes(t),
                })
            }
            None => Err(err(
                tz_at,
                "datetime is missing a timezone (`Z` or `±HH:MM`)",
            )),
            Some(_) => Err(err(tz_at, "expected a timezone (`Z` or `±HH:MM`)")),
        }
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
