//! Strict acceptance and the reason given for each rejection, lenient rewriting, and
//! timestamps both ways.

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
