//! Arbitrary bytes -> every string-format parser: none may panic, an accepted value must
//! display as its input, and `validate`, `FromStr` and the lenient datetime reader must agree.
#![no_main]

use std::fmt::Display;
use std::str::FromStr;

use lex_runtime::{
    AtIdentifier, AtUri, Datetime, Did, Handle, Language, Nsid, RecordKey, StringFormat,
    SyntaxError, Tid, Uri,
};
use libfuzzer_sys::fuzz_target;

fn round_trip<T>(format: StringFormat, s: &str)
where
    T: FromStr<Err = SyntaxError> + Display,
{
    let parsed = s.parse::<T>();
    assert_eq!(parsed.is_ok(), format.validate(s).is_ok(), "{format}: {s:?}");
    if let Ok(value) = parsed {
        assert_eq!(value.to_string(), s, "{format}");
    } else if let Err(e) = parsed {
        // Rendering the error must not panic either.
        let _ = e.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<Did>(StringFormat::Did, s);
    round_trip::<Handle>(StringFormat::Handle, s);
    round_trip::<AtIdentifier>(StringFormat::AtIdentifier, s);
    round_trip::<Nsid>(StringFormat::Nsid, s);
    round_trip::<AtUri>(StringFormat::AtUri, s);
    round_trip::<RecordKey>(StringFormat::RecordKey, s);
    round_trip::<Tid>(StringFormat::Tid, s);
    round_trip::<Datetime>(StringFormat::Datetime, s);
    round_trip::<Language>(StringFormat::Language, s);
    round_trip::<Uri>(StringFormat::Uri, s);

    if let Ok(uri) = s.parse::<AtUri>() {
        let _ = (uri.authority(), uri.collection(), uri.rkey(), uri.fragment());
    }
    if let Ok(nsid) = s.parse::<Nsid>() {
        assert!(Nsid::validate(&format!("{}.{}", nsid.authority(), nsid.name())).is_ok());
        let _ = nsid.authority_domain();
    }
    if let Ok(tid) = s.parse::<Tid>() {
        assert_eq!(Tid::from_u64(tid.as_u64()), tid);
    }
    match Datetime::parse_lenient(s) {
        Ok(d) => {
            // Whatever the lenient reader returns is strictly valid, and strict input is
            // kept byte for byte.
            assert!(Datetime::validate(d.as_str()).is_ok(), "{s:?} -> {d:?}");
            if Datetime::validate(s).is_ok() {
                assert_eq!(d.as_str(), s);
            }
            let micros = d.timestamp_micros();
            if let Some(back) = Datetime::from_timestamp_micros(micros) {
                assert_eq!(back.timestamp_micros(), micros);
            }
        }
        Err(_) => assert!(Datetime::validate(s).is_err()),
    }
});
