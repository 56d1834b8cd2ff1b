//! How prettier prints a JSON number: the same value, with a canonical spelling of the
//! exponent and without extra trailing zeros in the fraction (`1.50` -> `1.5`,
//! `1E+05` -> `1e5`, `1e0` -> `1`). Everything else stays as written (`1.0`, `-0`, `1e3`).

use std::borrow::Cow;

/// The printed form of a number token that the JSON scanner accepted.
pub(crate) fn print_number(raw: &str) -> Cow<'_, str> {
    let (sign, unsigned) = match raw.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", raw),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            unsigned.get(..at).unwrap_or_default(),
            unsigned.get(at + 1..),
        ),
        None => (unsigned, None),
    };
    let mantissa = match mantissa.split_once('.') {
        // At least one fraction digit stays: `1.0` is printed as written.
        Some((int, frac)) => {
            let kept = frac.trim_end_matches('0');
            let kept = if kept.is_empty() {
                frac.get(..1).unwrap_or_default()
            } else {
                kept
            };
            Cow::Owned(format!("{int}.{kept}"))
        }
        None => Cow::Borrowed(mantissa),
    };
    let exponent = exponent.map(|e| {
        let (minus, digits) = match e.as_bytes().first() {
            Some(b'-') => ("-", e.get(1..).unwrap_or_default()),
            Some(b'+') => ("", e.get(1..).unwrap_or_default()),
            _ => ("", e),
        };
        let digits = digits.trim_start_matches('0');
        (minus, digits)
    });
    let printed = match exponent {
        Some((minus, digits)) if !digits.is_empty() => format!("{sign}{mantissa}e{minus}{digits}"),
        // A zero exponent (`1e0`, `1e-00`) is dropped.
        _ => format!("{sign}{mantissa}"),
    };
    if printed == raw {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(printed)
    }
}

#[cfg(test)]
mod tests {
    use super::print_number;

    #[test]
    fn spellings_match_prettier() {
        let cases = [
            ("0", "0"),
            ("-0", "-0"),
            ("1.50", "1.5"),
            ("1.0", "1.0"),
            ("1.00", "1.0"),
            ("0.0", "0.0"),
            ("1e3", "1e3"),
            ("1E3", "1e3"),
            ("1e+05", "1e5"),
            ("1E-05", "1e-5"),
            ("1e0", "1"),
            ("0e0", "0"),
            ("1e-00", "1"),
            ("10.0e10", "10.0e10"),
            ("10.500E+010", "10.5e10"),
            ("-3.25", "-3.25"),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567890",
            ),
        ];
        for (raw, printed) in cases {
            assert_eq!(print_number(raw), printed, "{raw}");
        }
    }
}
